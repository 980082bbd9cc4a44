#!/bin/bash
# The model agreement's whole lifecycle through the real tool: contact, both
# boards' decisions, needs, assignment, signing, active, follow-up,
# amendment, signing again, termination with notice, end.  Refused steps
# are checked with their exact messages and shown to write nothing.
. "$(dirname "$0")/../lib/scenario.sh"
setup_helsingborg

id="$(ov new samverkansavtal --party krets=802002-8711 --party kommun=212000-0258 \
	--title "Samarbetsavtal om anhörigstöd" --date 2026-01-12)"
expect_eq "$id" "2026-0001" "first id of the year"
expect_eq "$(ov status "$id" --json | json 'j["phase"]')" "kontakt" "initial phase"

# A step out of order is refused, naming what is possible now.
before="$(snapshot)"
expect_fail 5 "'sign' is not possible in phase 'kontakt' (Skapa kontakt); possible now: contact" \
	ov sign "$id" --party krets --date 2026-01-12
# The contact guard lists what is missing.
expect_fail 5 "Vem kontakten togs med (overens set $id kontakt.med" ov contact "$id" --date 2026-01-12
expect_eq "$(snapshot)" "$before" "refused steps write nothing"

expect_ok ov contact "$id" --with "Karin Ek, lokal utvecklare" --notes "Första mötet" --date 2026-01-12
expect_eq "$(ov status "$id" --json | json 'j["phase"]')" "beslut" "after contact"

# Each party's decision: missing ones are listed per party.
st="$(ov status "$id")"
expect_contains "$st" "beslut saknas: Helsingborgs rödakorskrets (--party krets)" "status names the krets"
expect_contains "$st" "beslut saknas: Helsingborgs stad (--party kommun)" "status names the kommun"
# Åsa acts for the kommun and may not record the krets board's decision.
expect_fail 4 "acts for party 'kommun' and may not act for party 'krets'" \
	ov decide "$id" --party krets --body kretsstyrelse --minutes "§ 12" --date 2026-02-10
# A reviewer may not take steps.
expect_fail 4 "this step needs one of 'board official'" \
	ov --as granskare@example.se decide "$id" --party kommun --minutes "§ 1"
expect_ok ov --as lars.oberg@example.org decide "$id" --party krets --body kretsstyrelse \
	--minutes "§ 12" --date 2026-02-10
expect_fail 5 "the decision of party 'krets' is already recorded" \
	ov --as lars.oberg@example.org decide "$id" --party krets --minutes "§ 13" --date 2026-02-11
expect_eq "$(ov status "$id" --json | json 'j["phase"]')" "beslut" "one decision is not enough"
expect_ok ov decide "$id" --party kommun --body "vård- och omsorgsnämnden" --minutes "§ 34" --date 2026-02-19
expect_eq "$(ov status "$id" --json | json 'j["phase"]')" "kartlaggning" "after both decisions"

# Needs mapping.
expect_fail 5 "3 things are missing" ov needs "$id" --date 2026-02-24
expect_fail 3 "unknown field 'behov.okand'" ov set "$id" behov.okand "x"
ov set "$id" behov.lokala "Anhöriga till personer med demenssjukdom saknar samtalsgrupper."
ov --as karin.ek@example.org set "$id" behov.kretsen "Utbildade samtalsledare."
ov set "$id" behov.kommunen "Lokal och administration."
expect_ok ov needs "$id" --date 2026-02-26

# Assignment and boundaries.
expect_fail 2 "invalid date" ov set "$id" avtalstid.start 2026-02-30
ov set "$id" uppdrag.vem "Kretsens samtalsledare, två per grupp."
ov set "$id" uppdrag.omfattning "Två grupper per termin."
ov set "$id" uppdrag.hur "På anhörigcentret."
ov set "$id" uppdrag.ingar-inte "Myndighetsutövning och omvårdnad."
ov set "$id" ekonomi.kommunen "Fika"
ov set "$id" ekonomi.kommunen "Lokal"
ov set "$id" volontarer.samtalsledare 4
ov set "$id" avtalstid.start 2026-04-01
ov set "$id" ort Helsingborg
expect_ok ov assign "$id" --date 2026-03-10
expect_eq "$(ov status "$id" --json | json 'j["phase"]')" "signering" "ready for signing"
# The text is frozen for signing.
expect_fail 5 "frozen for signing" ov set "$id" uppdrag.hur "Ändrat"
# Samtalsledare got their courses from the workflow.
expect_contains "$(ov show "$id")" "<course>Anhöriga i fokus (webbkurs)</course>" "courses"

expect_fail 4 "is not an authorised signatory of party 'krets'" \
	ov --as lars.oberg@example.org sign "$id" --party krets --signatory "Okänd Person" --date 2026-03-20
expect_ok ov --as lars.oberg@example.org sign "$id" --party krets --date 2026-03-20
expect_ok ov --as per.stahl@example.se sign "$id" --party kommun --date 2026-03-24
# Signed on paper: the PDF that was printed is PDF/A-3b.
ov render "$id" -o "$T/v1.pdf" >/dev/null
check_pdfa "$T/v1.pdf" "version 1, signed on paper"
s="$(ov status "$id" --json --date 2026-03-24)"
expect_eq "$(echo "$s" | json 'j["phase"]')" "aktivt" "active after all signatures"
expect_eq "$(echo "$s" | json '[d["date"] for d in j["dates"] if d["kind"]=="term-end"][0]')" "2027-03-31" "term end"
expect_eq "$(echo "$s" | json '[d["date"] for d in j["dates"] if d["kind"]=="notice"][0]')" "2027-02-28" "notice deadline"
expect_eq "$(echo "$s" | json '[d["date"] for d in j["dates"] if d["kind"]=="followup"][0]')" "2027-02-01" "follow-up date"

# Follow-up: every question must be answered.
expect_fail 5 "unanswered question" ov followup "$id" --decision continue --answer andra=Nej --date 2027-02-01
expect_ok ov followup "$id" --decision continue --answer andra="Nej" --answer fortsatta="Ja" \
	--answer malgrupp="Ja" --answer mal="Ja" --answer volontarer="Ja" \
	--answer utbildning="Sorgbearbetning" --date 2027-02-01
s="$(ov status "$id" --json --date 2027-02-01)"
# A follow-up is no renewal: the term still ends 2027-03-31 and renews tacitly.
expect_eq "$(echo "$s" | json '[d["date"] for d in j["dates"] if d["kind"]=="term-end"][0]')" "2027-03-31" "a follow-up does not move the term"
expect_eq "$(echo "$s" | json 'j["followups"][0]["planned"]')" "2027-02-01" "the follow-up counts for its planned date"

# Amendment: a new version, approved by both, signed again.
expect_ok ov amend "$id" --summary "Tre grupper per termin" --date 2027-05-01
ov set "$id" uppdrag.omfattning "Tre grupper per termin."
expect_ok ov --as karin.ek@example.org approve "$id" --party krets --date 2027-05-10
expect_ok ov approve "$id" --party kommun --date 2027-05-12
s="$(ov status "$id" --json --date 2027-05-12)"
expect_eq "$(echo "$s" | json 'j["phase"]')" "signering" "amended agreement goes to signing"
expect_eq "$(echo "$s" | json 'j["version"]')" "2" "version 2"
expect_contains "$(ov show "$id")" "<old>Två grupper per termin.</old>" "amendment records the old text"
expect_ok ov --as lars.oberg@example.org sign "$id" --party krets --date 2027-05-20
expect_ok ov --as per.stahl@example.se sign "$id" --party kommun --date 2027-05-21
ov render "$id" -o "$T/v2.pdf" >/dev/null
check_pdfa "$T/v2.pdf" "version 2, signed on paper"

# Termination with one month's notice, then the end.
expect_fail 2 "immediate termination needs the reason" \
	ov --as karin.ek@example.org terminate "$id" --party krets --immediate --date 2027-09-30
expect_ok ov --as karin.ek@example.org terminate "$id" --party krets --date 2027-09-30
s="$(ov status "$id" --json --date 2027-09-30)"
expect_eq "$(echo "$s" | json 'j["phase"]')" "uppsagd" "terminated"
expect_eq "$(echo "$s" | json '[d["date"] for d in j["dates"] if d["kind"]=="term-end"][0]')" "2027-10-30" "end after one month's notice"
expect_fail 5 "runs until 2027-10-30" ov end "$id" --date 2027-10-01
expect_ok ov end "$id" --date 2027-10-30
expect_eq "$(ov status "$id" --json | json 'j["phase"]')" "avslutat" "ended"

# The history: one commit per change, authored by the acting person.
log="$(ov log "$id")"
expect_contains "$log" "decide: $id beslut hos Helsingborgs rödakorskrets (kretsstyrelse § 12, bifall)" "log names the decision"
expect_contains "$log" "Lars Öberg <lars.oberg@example.org>" "log names the actor"
expect_contains "$log" "uppdrag.omfattning: \"Två grupper per termin.\" -> \"Tre grupper per termin.\"" "log shows what changed"
n_events="$(ov log "$id" --json | json 'len(j)')"
n_commits="$(git --git-dir="$WS/repo.git" log --format=%H --grep="^Agreement: $id" | wc -l)"
expect_eq "$n_events" "$n_commits" "every commit of the agreement is an event in the log"
expect_eq "$(git --git-dir="$WS/repo.git" log -1 --format=%an --grep='^Event: decide' --grep='^Party: krets' --all-match)" \
	"Lars Öberg" "commit author is the acting person"
expect_contains "$(git --git-dir="$WS/repo.git" log -1 --format=%B --grep='^Event: decide' --grep='^Party: krets' --all-match)" \
	"Minutes: § 12" "trailers carry the event's data"
expect_ok git --git-dir="$WS/repo.git" fsck --strict
finish
