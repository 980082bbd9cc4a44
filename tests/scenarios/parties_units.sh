#!/bin/bash
# Two parties of one organisation (issue 10, defect 5): in Umeå,
# socialtjänsten and överförmyndarnämnden are both Umeå kommun, one
# organisation number.  A party is the organisation plus the unit that
# enters the agreement; a person acts for the whole organisation or for
# named units of it.  The överenskommelse runs from contact to active with
# every decision and signature by the people of the right unit; `new`
# refuses the combinations nobody could act for.
. "$(dirname "$0")/../lib/scenario.sh"

KOMMUN=212000-2247
"$OVERENS" init "$WS" >/dev/null
ov config user.email eva@example.se
ov org add --name "Kriminalvården, frivården Umeå" --kind myndighet --orgnr 202100-0068 >/dev/null
ov org add --name "Patientnämnden Region Västerbotten" --kind region --orgnr 232100-0016 >/dev/null
ov org add --name "Umeå kommun" --kind kommun --orgnr "$KOMMUN" --address "Skolgatan 31A, Umeå" >/dev/null
ov org add --name "Föreningen Medmänniskor i Umeå" --kind förening --orgnr 802400-0013 >/dev/null
expect_ok ov org unit "$KOMMUN" --name "Socialtjänsten"
expect_ok ov org unit "$KOMMUN" --name "Överförmyndarnämnden"
# A unit whose name differs only in case would be a second name for the same unit.
expect_fail 1 "organisation $KOMMUN already has a unit 'Överförmyndarnämnden', which differs from 'ÖVERFÖRMYNDARNÄMNDEN' only in case" \
	ov org unit "$KOMMUN" --name "ÖVERFÖRMYNDARNÄMNDEN"
expect_fail 1 "already has a unit 'Socialtjänsten', which differs from 'socialtjänsten' only in case" \
	ov org unit "$KOMMUN" --name "socialtjänsten"
ov org signatory 202100-0068 --name "Eva Frid" --title Frivårdschef --email eva@example.se >/dev/null
ov org signatory 232100-0016 --name "Olof Nilsson" --title Ordförande --email olof@example.se >/dev/null
ov org signatory "$KOMMUN" --name "Tomas Wikström" --title Socialchef --email tomas@example.se >/dev/null
ov org signatory "$KOMMUN" --name "Gunilla Öhman" --title "Ordförande i överförmyndarnämnden" \
	--email gunilla@example.se >/dev/null
ov org signatory 802400-0013 --name "Maja Öst" --title Ordförande --email maja@example.se >/dev/null
ov person add eva@example.se --name "Eva Frid" --org 202100-0068 --roles "official board signatory" >/dev/null
ov person add olof@example.se --name "Olof Nilsson" --org 232100-0016 \
	--roles "official board signatory" >/dev/null
ov person add maja@example.se --name "Maja Öst" --org 802400-0013 \
	--roles "official board signatory steering" >/dev/null
# The kommun's people: each acts for one unit; Kim for the whole kommun.
expect_ok ov person add sara@example.se --name "Sara Berg" --org "$KOMMUN" --roles "official board" \
	--unit Socialtjänsten
expect_ok ov person add tomas@example.se --name "Tomas Wikström" --org "$KOMMUN" --roles signatory \
	--unit Socialtjänsten
expect_ok ov person add nils@example.se --name "Nils Ås" --org "$KOMMUN" --roles "official board" \
	--unit Överförmyndarnämnden
expect_ok ov person add gunilla@example.se --name "Gunilla Öhman" --org "$KOMMUN" --roles signatory \
	--unit Överförmyndarnämnden
expect_ok ov person add kim@example.se --name "Kim Lund" --org "$KOMMUN" --roles "official board"
expect_fail 3 "organisation $KOMMUN has no unit 'Miljöförvaltningen' (overens org unit $KOMMUN --name …)" \
	ov person add alva@example.se --name "Alva Ek" --org "$KOMMUN" --roles official \
	--unit Miljöförvaltningen
people="$(ov person list --json)"
expect_eq "$(echo "$people" | json '[p["units"] for p in j if p["email"] == "sara@example.se"][0]')" \
	"['Socialtjänsten']" "person list: Sara's unit"
expect_eq "$(echo "$people" | json '[p["units"] for p in j if p["email"] == "kim@example.se"][0]')" \
	"[]" "person list: Kim acts for the whole kommun"
expect_contains "$(git --git-dir="$WS/repo.git" show main:people/sara@example.se.xml)" \
	'<acts-for unit="Socialtjänsten"/>' "the person record names the unit"

# --- what `new` refuses: nobody could tell the two parties apart ---------------------
others=(--party frivard=202100-0068 --party patientnamnd=232100-0016 --party forening=802400-0013)
head="$(snapshot)"
expect_fail 2 "parties 'socialtjanst' and 'overformyndare' are both organisation $KOMMUN; name the unit that enters the agreement for each (--party ROLE=ORGNR:UNIT)" \
	ov new overenskommelse "${others[@]}" --party socialtjanst="$KOMMUN" --party overformyndare="$KOMMUN"
expect_fail 2 "parties 'socialtjanst' and 'overformyndare' are both organisation $KOMMUN; name the unit" \
	ov new overenskommelse "${others[@]}" --party socialtjanst="$KOMMUN:Socialtjänsten" \
	--party overformyndare="$KOMMUN"
expect_fail 2 "parties 'socialtjanst' and 'overformyndare' are both unit 'Socialtjänsten' of organisation $KOMMUN; a party enters an agreement once" \
	ov new overenskommelse "${others[@]}" --party socialtjanst="$KOMMUN:Socialtjänsten" \
	--party overformyndare="$KOMMUN:Socialtjänsten"
expect_fail 3 "party 'socialtjanst': organisation $KOMMUN has no unit 'Miljö'" \
	ov new overenskommelse "${others[@]}" --party socialtjanst="$KOMMUN:Miljö"
expect_fail 2 "party 'socialtjanst': give the unit after the colon" \
	ov new overenskommelse "${others[@]}" --party socialtjanst="$KOMMUN:"
# Sara acts for Socialtjänsten only: not a party when the kommun enters as Överförmyndarnämnden.
expect_fail 4 "sara@example.se acts for $KOMMUN, which is not one of the parties" \
	ov --as sara@example.se new overenskommelse "${others[@]}" \
	--party overformyndare="$KOMMUN:Överförmyndarnämnden"
expect_eq "$(snapshot)" "$head" "refusals write nothing"

# --- the Umeå agreement, from contact to active ------------------------------------------
id="$(ov --as sara@example.se new overenskommelse "${others[@]}" \
	--party socialtjanst="$KOMMUN:Socialtjänsten" --party overformyndare="$KOMMUN:Överförmyndarnämnden" \
	--title "Överenskommelse om frivilliga uppdrag i Umeå" --date 2026-01-15)"
expect_eq "$id" "2026-0001" "id"
xml="$(ov show "$id")"
expect_contains "$xml" "<orgnr>$KOMMUN</orgnr>
      <unit>Socialtjänsten</unit>" "the party names its unit"
st="$(ov status "$id" --json)"
expect_eq "$(echo "$st" | json '[(p["role"], p["unit"]) for p in j["parties"] if p["orgnr"] == "'"$KOMMUN"'"]')" \
	"[('socialtjanst', 'Socialtjänsten'), ('overformyndare', 'Överförmyndarnämnden')]" "status: two units of one kommun"
expect_contains "$(ov status "$id")" "socialtjanst Umeå kommun, Socialtjänsten ($KOMMUN)" "status text names the unit"
expect_ok ov --as nils@example.se contact "$id" --with "Alla fem verksamheterna" --date 2026-01-16

# Each unit's people decide for their own party; --party defaults to the one party they act for.
head="$(snapshot)"
expect_fail 4 "decide: sara@example.se acts for party 'socialtjanst' and may not act for party 'overformyndare'" \
	ov --as sara@example.se decide "$id" --party overformyndare --body nämnden --minutes "§ 1"
expect_fail 2 "decide: name the party with --party" \
	ov --as kim@example.se decide "$id" --body nämnden --minutes "§ 1"
expect_eq "$(snapshot)" "$head" "refused decisions write nothing"
expect_ok ov --as sara@example.se decide "$id" --body "individ- och familjenämnden" --minutes "§ 88" \
	--date 2026-02-02
expect_ok ov --as nils@example.se decide "$id" --party overformyndare --body överförmyndarnämnden \
	--minutes "§ 19" --date 2026-02-03
expect_fail 5 "the decision of party 'socialtjanst' is already recorded" \
	ov --as kim@example.se decide "$id" --party socialtjanst --body nämnden --minutes "§ 2"
i=0
for p in frivard:eva patientnamnd:olof forening:maja; do
	i=$((i + 1))
	expect_ok ov --as "${p#*:}@example.se" decide "$id" --party "${p%%:*}" --body styrelse \
		--minutes "§ $i" --date "2026-02-1$i"
done
st="$(ov status "$id" --json)"
expect_eq "$(echo "$st" | json 'j["phase"]')" "kartlaggning" "five decisions, all parties"
expect_eq "$(echo "$st" | json '[(p["role"], p["decision"]) for p in j["parties"] if p["unit"]]')" \
	"[('socialtjanst', 'bifall'), ('overformyndare', 'bifall')]" "both units decided"
xml="$(ov show "$id")"
expect_contains "$xml" '<decision party="socialtjanst" body="individ- och familjenämnden"' "Sara's decision"
expect_contains "$xml" '<decision party="overformyndare" body="överförmyndarnämnden"' "Nils's decision"

ov set "$id" behov.lokala "Stöd till personer i frivården och under förvaltarskap."
ov set "$id" behov.foreningen "Frivilliga kontaktpersoner."
ov set "$id" behov.myndigheterna "Lokaler och handledning."
ov set "$id" behov.mal "Fler meningsfulla kontakter."
expect_ok ov needs "$id" --date 2026-02-20
ov set "$id" bakgrund "Parterna vill samordna frivilliga insatser."
ov set "$id" styrgrupp "Maja Öst"
ov set "$id" uppdrag.vem "Föreningens frivilliga."
ov set "$id" uppdrag.hur "Arbetsgruppen fördelar uppdragen."
ov set "$id" uppdrag.ingar-inte "Myndighetsutövning."
for c in Frivården Patientnämnden Socialtjänsten Överförmyndarnämnden Föreningen; do
	ov set "$id" parternas-ataganden "$c: bidrar till utbildningskvällar."
done
ov set "$id" foreningens-roll "Föreningen rekryterar och stöttar de frivilliga."
ov set "$id" avtalstid.start 2026-04-01
ov set "$id" ort Umeå
expect_ok ov --as nils@example.se assign "$id" --date 2026-03-01
expect_ok ov --as maja@example.se step "$id" styrgrupp-godkanner --date 2026-03-05

# Signatures: each unit's own signatory (the kommun has two; the party names which).
head="$(snapshot)"
expect_fail 4 "sign: gunilla@example.se acts for party 'overformyndare' and may not act for party 'socialtjanst'" \
	ov --as gunilla@example.se sign "$id" --party socialtjanst --signatory "Gunilla Öhman"
expect_fail 2 "sign: party 'socialtjanst' has 2 authorised signatories; name one with --signatory" \
	ov --as tomas@example.se sign "$id"
expect_eq "$(snapshot)" "$head" "refused signatures write nothing"
expect_ok ov --as tomas@example.se sign "$id" --signatory "Tomas Wikström" --date 2026-03-10
expect_ok ov --as gunilla@example.se sign "$id" --party overformyndare --signatory "Gunilla Öhman" \
	--date 2026-03-11
expect_ok ov --as eva@example.se sign "$id" --party frivard --date 2026-03-12
expect_ok ov --as olof@example.se sign "$id" --party patientnamnd --date 2026-03-13
expect_ok ov --as maja@example.se sign "$id" --party forening --date 2026-03-14
st="$(ov status "$id" --json --date 2026-03-14)"
expect_eq "$(echo "$st" | json 'j["phase"]')" "aktivt" "active after five signatures"
expect_eq "$(echo "$st" | json '[(p["role"], p["signed"]) for p in j["parties"] if p["unit"]]')" \
	"[('socialtjanst', '2026-03-10'), ('overformyndare', '2026-03-11')]" "both units signed"
xml="$(ov show "$id")"
expect_contains "$xml" '<signature party="socialtjanst" name="Tomas Wikström" title="Socialchef"' "Tomas signed for Socialtjänsten"
expect_contains "$xml" '<signature party="overformyndare" name="Gunilla Öhman"' "Gunilla signed for Överförmyndarnämnden"
log="$(ov log "$id")"
expect_contains "$log" "beslut hos Umeå kommun, Socialtjänsten (individ- och familjenämnden § 88, bifall)" "log: Socialtjänsten's decision"
expect_eq "$(ov log "$id" --json | json '[(r["actor"], r["date"]) for r in j if r["event"] == "decide"][:2]')" \
	"[('sara@example.se', '2026-02-02'), ('nils@example.se', '2026-02-03')]" "log: decided by Sara, then Nils"
expect_contains "$log" "beslut hos Umeå kommun, Överförmyndarnämnden (överförmyndarnämnden § 19, bifall)" "log: Överförmyndarnämnden's decision"
expect_contains "$log" "undertecknat för Umeå kommun, Socialtjänsten av Tomas Wikström" "log: Tomas's signature"
expect_contains "$log" "undertecknat för Umeå kommun, Överförmyndarnämnden av Gunilla Öhman" "log: Gunilla's signature"

# Each step once, with its own label: the assignment, then the steering group's approval.
expect_eq "$(ov log "$id" --json | json '[r["event"] for r in j if r["event"] != "set"]')" \
	"['new', 'contact', 'decide', 'decide', 'decide', 'decide', 'decide', 'needs', 'assign', 'styrgrupp-godkanner', 'sign', 'sign', 'sign', 'sign', 'sign']" \
	"log: every step once"
expect_eq "$(ov log "$id" --json | json '[r["summary"] for r in j if r["event"] in ("assign", "styrgrupp-godkanner")]')" \
	"['assign: $id gränsdragningar och uppdrag klara', 'styrgrupp-godkanner: $id styrgruppen godkänner']" \
	"log: the assignment and the steering group's approval, each with its label"

# The document names both units of the kommun.
expect_ok ov render "$id" --format txt --output "$T/u.txt"
expect_contains "$(cat "$T/u.txt")" "Umeå kommun, Socialtjänsten" "rendered: Socialtjänsten"
expect_contains "$(cat "$T/u.txt")" "Umeå kommun, Överförmyndarnämnden" "rendered: Överförmyndarnämnden"

# --- a unit's person and a party that is the whole kommun ----------------------------
# Kim (the whole kommun) makes an agreement in which the kommun enters as a
# whole; Sara acts only for Socialtjänsten and is told so, not that the
# kommun is no party.
whole="$(ov --as kim@example.se new overenskommelse "${others[@]}" --party socialtjanst="$KOMMUN" \
	--date 2026-05-04)"
expect_fail 4 "contact: sara@example.se acts only for the unit 'Socialtjänsten' of $KOMMUN, and party 'socialtjanst' is the whole organisation" \
	ov --as sara@example.se contact "$whole" --with "Alla" --date 2026-05-05
expect_ok ov --as kim@example.se contact "$whole" --with "Alla" --date 2026-05-05

# A registration changes: the units a person acts for, or the whole organisation.
expect_fail 1 "sara@example.se is already registered (overens person change changes a registration)" \
	ov person add sara@example.se --name "Sara Berg" --org "$KOMMUN" --roles official
expect_ok ov person change sara@example.se --unit Överförmyndarnämnden
units_of() { ov person list --json | json '[p["units"] for p in j if p["email"] == "'"$1"'"][0]'; }
expect_eq "$(units_of sara@example.se)" "['Överförmyndarnämnden']" "person change: Sara's unit replaced"
expect_eq "$(ov person list --json | json '[p["roles"] for p in j if p["email"] == "sara@example.se"][0]')" \
	"['official', 'board']" "person change: the roles stay when not given"
expect_ok ov person change kim@example.se --roles "official board steering" --unit Socialtjänsten
expect_eq "$(units_of kim@example.se)" "['Socialtjänsten']" "person change: Kim now acts for one unit"
expect_ok ov person change kim@example.se --whole-org
expect_eq "$(units_of kim@example.se)" "[]" "person change: Kim for the whole kommun again"
expect_fail 2 "give --unit or --whole-org, not both" \
	ov person change kim@example.se --unit Socialtjänsten --whole-org
expect_fail 3 "organisation $KOMMUN has no unit 'Miljö'" ov person change kim@example.se --unit Miljö
expect_fail 3 "nobody@example.se is not registered" ov person change nobody@example.se --roles official
expect_eq "$(git --git-dir="$WS/repo.git" log -1 --format=%B main | grep '^Event:')" "Event: person-change" \
	"the change is its own event in git"

expect_ok ov fsck
expect_ok ov reindex
expect_ok git --git-dir="$WS/repo.git" fsck --strict
finish
