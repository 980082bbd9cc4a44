#!/bin/bash
# A workflow declares steps of its own (tests/fixtures/workflows/styrgrupp.xml):
# the engine takes them with the guard, roles and fields the workflow gives
# them, without knowing them.  Refusals (guard, role, field, phase, unknown
# name) write nothing; a step taken sets its fields, is recorded in the
# agreement and in the log, and moves the phase only when it says so.
. "$(dirname "$0")/../lib/scenario.sh"

# The installed data plus the fixture workflow.
mkdir -p "$T/data/workflows"
ln -s "$OV_SOURCE_DIR/templates" "$T/data/templates"
cp "$OV_SOURCE_DIR"/workflows/*.xml "$OV_SOURCE_DIR"/workflows/*.rng "$T/data/workflows/"
cp -r "$OV_SOURCE_DIR/workflows/subjects" "$T/data/workflows/"
cp "$OV_SOURCE_DIR/tests/fixtures/workflows/styrgrupp.xml" "$T/data/workflows/"
export OVERENS_DATA="$T/data"

setup_helsingborg
LARS=lars.oberg@example.org   # board member of the krets
id="$(ov new styrgrupp --party krets=802002-8711 --party kommun=212000-0258 --date 2026-01-10)"
expect_ok ov contact "$id" --with "Karin Ek" --date 2026-01-12
expect_eq "$(ov status "$id" --json | json 'j["phase"]')" "styrgrupp" "after the contact"

# status names the command that takes each next step.
st="$(ov status "$id")"
expect_contains "$st" "Nästa steg: overens step $id styrgrupp-godkanner  (får tas av: board)" "declared step in status"

# A name that is neither a built-in event nor a step of the workflow.
head="$(snapshot)"
expect_fail 2 "unknown step 'styrgrupp-godkanne'; workflow styrgrupp has the steps: contact styrgrupp-noterar styrgrupp-godkanner avsluta-samverkan" \
	ov step "$id" styrgrupp-godkanne
expect_eq "$(snapshot)" "$head" "unknown step writes nothing"

# The guard: both requirements are listed, nothing is written.
expect_fail 5 "'styrgrupp-godkanner' is refused; 2 things are missing:
  - Styrgruppens motivering (overens set $id bakgrund …)
  - Minst en ledamot i styrgruppen (overens set $id styrgrupp …)" \
	ov --as "$LARS" step "$id" styrgrupp-godkanner --date 2026-02-01
expect_eq "$(snapshot)" "$head" "guard refusal writes nothing"
# A field given with the step counts for the guard; the other is still missing.
expect_fail 5 "1 thing is missing:
  - Minst en ledamot i styrgruppen" \
	ov --as "$LARS" step "$id" styrgrupp-godkanner --set "bakgrund=Prövat" --date 2026-02-01
expect_eq "$(snapshot)" "$head" "partial guard refusal writes nothing"

# The roles: Åsa is an official, the step needs the board.
expect_fail 4 "styrgrupp-godkanner: asa.lindqvist@example.se has the roles 'official'; this step needs one of 'board'" \
	ov step "$id" styrgrupp-godkanner --set "bakgrund=Prövat" --set "styrgrupp=Lars Öberg"
expect_eq "$(snapshot)" "$head" "role refusal writes nothing"

# Only the fields the step declares, only as FIELD=VALUE, only the step's params.
expect_fail 2 "styrgrupp-godkanner: the step does not set field 'ort' (it sets: bakgrund styrgrupp)" \
	ov --as "$LARS" step "$id" styrgrupp-godkanner --set ort=Helsingborg
expect_fail 2 "--set takes FIELD=VALUE, not 'bakgrund'" \
	ov --as "$LARS" step "$id" styrgrupp-godkanner --set bakgrund
expect_fail 2 "unknown option '--summary' for 'overens step'" \
	ov --as "$LARS" step "$id" styrgrupp-godkanner --summary x
expect_fail 2 "styrgrupp-noterar: the agreement has no party 'region'" \
	ov step "$id" styrgrupp-noterar --party region
# A declared step of another phase.
expect_fail 5 "'avsluta-samverkan' is not possible in phase 'styrgrupp' (Styrgruppens prövning); possible now: styrgrupp-noterar styrgrupp-godkanner" \
	ov step "$id" avsluta-samverkan
expect_eq "$(snapshot)" "$head" "other refusals write nothing"

# A step without `to` keeps the phase.
expect_ok ov step "$id" styrgrupp-noterar --party kommun --date 2026-01-20
expect_eq "$(ov status "$id" --json | json 'j["phase"]')" "styrgrupp" "noting keeps the phase"

# Taken: the fields are set, the step is recorded, the phase moves.
expect_ok ov --as "$LARS" step "$id" styrgrupp-godkanner --party krets \
	--set "bakgrund=Styrgruppen ser ett tydligt behov." --set "styrgrupp=Lars Öberg" --date 2026-02-01
expect_eq "$(ov status "$id" --json | json 'j["phase"]')" "samverkan" "approval moves the phase"
xml="$(ov show "$id")"
expect_contains "$xml" "<background>Styrgruppen ser ett tydligt behov.</background>" "field set"
expect_contains "$xml" '<member name="Lars Öberg"/>' "list field set"
expect_contains "$xml" '<step event="styrgrupp-godkanner" date="2026-02-01" by="lars.oberg@example.org" party="krets">' "step recorded"
expect_contains "$xml" '<set field="bakgrund">Styrgruppen ser ett tydligt behov.</set>' "field noted with the step"
expect_contains "$xml" '<step event="styrgrupp-noterar" date="2026-01-20" by="asa.lindqvist@example.se" party="kommun"/>' "noting recorded"
log="$(ov log "$id")"
expect_contains "$log" "2026-02-01 styrgrupp-godkanner Lars Öberg <lars.oberg@example.org>" "log line"
expect_contains "$log" "styrgruppen godkänner samarbetet (Helsingborgs rödakorskrets)" "log summary"
expect_contains "$log" "styrgrupp-noterar" "noting in the log"
j="$(ov log "$id" --json)"
expect_eq "$(echo "$j" | json '[(r["phase_from"], r["phase_to"]) for r in j if r["event"] == "styrgrupp-godkanner"][0]')" \
	"('styrgrupp', 'samverkan')" "phase move in the log"
expect_eq "$(echo "$j" | json '[(r["phase_from"], r["phase_to"]) for r in j if r["event"] == "styrgrupp-noterar"][0]')" \
	"('styrgrupp', 'styrgrupp')" "no phase move for noting"
expect_contains "$(echo "$j" | json '[r["changes"] for r in j if r["event"] == "styrgrupp-godkanner"][0]')" \
	'bakgrund: (tomt) -> "Styrgruppen ser ett tydligt behov."' "the change in the commit body"
msg="$(git --git-dir="$WS/repo.git" log -1 --format=%B main)"
expect_contains "$msg" "Field: bakgrund" "field trailer"
expect_contains "$msg" "Party: krets" "party trailer"
expect_ok ov step "$id" avsluta-samverkan --date 2026-03-01
expect_eq "$(ov status "$id" --json | json 'j["phase"]')" "avslutat" "declared step to the final phase"

# A workflow may not give a step the name of another change in the history.
sed 's/event="styrgrupp-noterar"/event="set"/' "$T/data/workflows/styrgrupp.xml" > "$T/data/workflows/reserverat.xml"
sed -i 's/id="styrgrupp" version/id="reserverat" version/' "$T/data/workflows/reserverat.xml"
expect_fail 2 "'set' cannot be the name of a step" \
	ov new reserverat --party krets=802002-8711 --party kommun=212000-0258

# Fields only on declared steps, and never in a phase whose text is frozen.
sed -e 's/id="styrgrupp" version/id="inbyggd" version/' \
	-e 's/<step event="contact" to="styrgrupp"/<step event="contact" fields="bakgrund" to="styrgrupp"/' \
	"$T/data/workflows/styrgrupp.xml" > "$T/data/workflows/inbyggd.xml"
expect_fail 2 "the built-in step 'contact' cannot declare fields" \
	ov new inbyggd --party krets=802002-8711 --party kommun=212000-0258
sed -e 's/id="styrgrupp" version/id="fryst" version/' \
	-e 's/<phase id="styrgrupp" label="Styrgruppens prövning">/<phase id="styrgrupp" label="Styrgruppens prövning" frozen="yes">/' \
	"$T/data/workflows/styrgrupp.xml" > "$T/data/workflows/fryst.xml"
expect_fail 2 "step 'styrgrupp-noterar' cannot set fields in phase 'styrgrupp', whose text is frozen" \
	ov new fryst --party krets=802002-8711 --party kommun=212000-0258

# The history holds up: fsck finds nothing, a rebuilt index has the steps.
expect_ok ov fsck
expect_ok ov reindex
expect_contains "$(ov log "$id")" "styrgrupp-godkanner" "log after reindex"
expect_ok git --git-dir="$WS/repo.git" fsck --strict
finish
