#!/bin/bash
# "In force on a date": status, show and render --as-of DATE answer for the
# version signed by every party, not yet replaced by a later signed
# version and not yet ended, as it stood on that day.  An agreement signed
# as version 1, followed up, amended and signed as version 2, terminated
# with one month's notice and ended; then one terminated immediately.
. "$(dirname "$0")/../lib/scenario.sh"
setup_helsingborg
ovsv() { LANG=sv_SE.UTF-8 "$OVERENS" -C "$WS" "$@"; }
# version_of DATE: the text version status --as-of DATE names.
version_of() { ov status "$id" --as-of "$1" --json | json 'j["in_force"]["version"]'; }

id="$(ov new samverkansavtal --party krets=802002-8711 --party kommun=212000-0258 \
	--title "Samarbetsavtal om anhörigstöd" --date 2026-01-12)"
expect_fail 3 "no version of $id was in force on 2026-02-01: it has never been signed by all parties" \
	ov status "$id" --as-of 2026-02-01
ov contact "$id" --with "Karin Ek" --date 2026-01-12 >/dev/null
ov --as lars.oberg@example.org decide "$id" --party krets --minutes "§ 12" --date 2026-02-10 >/dev/null
ov decide "$id" --party kommun --minutes "§ 34" --date 2026-02-19 >/dev/null
ov set "$id" behov.lokala x >/dev/null; ov set "$id" behov.kretsen x >/dev/null
ov set "$id" behov.kommunen x >/dev/null; ov needs "$id" --date 2026-02-26 >/dev/null
ov set "$id" uppdrag.vem "Kretsens samtalsledare." >/dev/null
ov set "$id" uppdrag.omfattning "Två grupper per termin." >/dev/null
ov set "$id" uppdrag.hur "På anhörigcentret." >/dev/null
ov set "$id" uppdrag.ingar-inte "Myndighetsutövning." >/dev/null
ov set "$id" ekonomi.kommunen "Fika" >/dev/null
ov set "$id" avtalstid.start 2026-04-01 >/dev/null
ov set "$id" ort Helsingborg >/dev/null
ov assign "$id" --date 2026-03-10 >/dev/null
# Version 1: the krets signs on 2026-03-20, the kommun on 2026-03-24.
ov --as lars.oberg@example.org sign "$id" --party krets --date 2026-03-20 >/dev/null
ov --as per.stahl@example.se sign "$id" --party kommun --date 2026-03-24 >/dev/null
ov followup "$id" --decision continue --answer andra=Nej --answer fortsatta=Ja --answer malgrupp=Ja \
	--answer mal=Ja --answer volontarer=Ja --answer utbildning=Nej --date 2027-02-01 >/dev/null
# Version 2: proposed 2027-05-01, approved, signed 2027-05-20 and 2027-05-21.
ov amend "$id" --summary "Tre grupper per termin" --date 2027-05-01 >/dev/null
ov set "$id" uppdrag.omfattning "Tre grupper per termin." >/dev/null
ov --as karin.ek@example.org approve "$id" --party krets --date 2027-05-10 >/dev/null
ov approve "$id" --party kommun --date 2027-05-12 >/dev/null
ov --as lars.oberg@example.org sign "$id" --party krets --date 2027-05-20 >/dev/null
ov --as per.stahl@example.se sign "$id" --party kommun --date 2027-05-21 >/dev/null
# Notice on 2027-09-30: the agreement runs until 2027-10-30.
ov --as karin.ek@example.org terminate "$id" --party krets --date 2027-09-30 >/dev/null
ov end "$id" --date 2027-10-30 >/dev/null

# Before version 1 was signed by both: refused, naming the first signing.
expect_fail 3 "no version of $id was in force on 2026-01-01 (first signed by all parties on 2026-03-24)" \
	ov status "$id" --as-of 2026-01-01
expect_fail 3 "no version of $id was in force on 2026-03-23 (first signed by all parties on 2026-03-24)" \
	ov show "$id" --as-of 2026-03-23
expect_fail 3 "ingen version av $id gällde 2026-03-23 (först undertecknad av alla parter 2026-03-24)" \
	ovsv render "$id" --as-of 2026-03-23 -o "$T/x.txt"
[ ! -e "$T/x.txt" ] || fail "a refused render wrote a file"

# Signed on 2026-03-24, its term starts on 2026-04-01: agreed, not yet in force.
expect_fail 3 "no version of $id was in force on 2026-03-24: version 1 was signed by all parties on 2026-03-24, but its term starts on 2026-04-01" \
	ov status "$id" --as-of 2026-03-24
expect_eq "$(version_of 2026-04-01)" "1" "in force from the day its term starts"
st="$(ov status "$id" --as-of 2026-06-01)"
expect_contains "$st" "Gällande 2026-06-01: version 1, undertecknad av alla parter 2026-03-24" "status names the version"
expect_contains "$st" "Fas: Aktivt avtal (aktivt) sedan 2026-03-24" "the phase as it stood"
expect_contains "$st" "2027-03-31  Avtalstiden löper ut" "the term end as it stood"
case "$st" in *"Nästa steg"*) fail "status --as-of shows next steps";; esac
CHECKS=$((CHECKS + 1))
expect_contains "$(ov show "$id" --as-of 2026-06-01)" "<extent>Två grupper per termin.</extent>" "show: version 1's text"
expect_ok ov render "$id" --as-of 2026-06-01 --format txt -o "$T/v1.txt"
expect_contains "$(cat "$T/v1.txt")" "Två grupper per termin." "render: version 1's text"
# As it stood: a follow-up is no renewal; the term renews tacitly at its end.
expect_eq "$(ov status "$id" --as-of 2027-03-01 --json | json '[d["date"] for d in j["dates"] if d["kind"]=="term-end"][0]')" \
	"2027-03-31" "the term end after the follow-up"
# While version 2 is proposed, approved and half signed, version 1 is in force.
for d in 2027-05-01 2027-05-15 2027-05-20; do
	expect_eq "$(version_of "$d")" "1" "version 1 until version 2 is signed by all ($d)"
	expect_contains "$(ov show "$id" --as-of "$d")" "<extent>Två grupper per termin.</extent>" "no draft text on $d"
done
# Version 2 from its signing on.
expect_eq "$(version_of 2027-05-21)" "2" "version 2 from 2027-05-21"
j="$(ov status "$id" --as-of 2027-06-01 --json)"
expect_eq "$(echo "$j" | json 'j["in_force"]["signed"]')" "2027-05-21" "JSON: signed"
expect_eq "$(echo "$j" | json 'len(j["next_steps"])')" "0" "JSON: no next steps as of a day"
expect_contains "$(ov show "$id" --as-of 2027-06-01)" "<extent>Tre grupper per termin.</extent>" "show: version 2's text"
expect_ok ov render "$id" --as-of 2027-06-01 --format txt -o "$T/v2.txt"
expect_contains "$(cat "$T/v2.txt")" "Tre grupper per termin." "render: version 2's text"
# Terminated, running until the effective day.
st="$(ov status "$id" --as-of 2027-10-01)"
expect_contains "$st" "Gällande 2027-10-01: version 2, undertecknad av alla parter 2027-05-21, gäller till och med 2027-10-30" "notice given"
expect_contains "$st" "Fas: Uppsagt (uppsagd)" "terminated as it stood"
expect_eq "$(version_of 2027-10-30)" "2" "in force on its last day"
expect_fail 3 "$id was no longer in force on 2027-10-31: it ended on 2027-10-30" \
	ov status "$id" --as-of 2027-10-31
expect_fail 3 "$id gällde inte längre 2028-01-01: avtalet upphörde 2027-10-30" \
	ovsv show "$id" --as-of 2028-01-01
# Options that say something else.
expect_fail 2 "give --as-of or --rev, not both" ov show "$id" --as-of 2026-06-01 --rev "$id-v1"
expect_fail 2 "give --as-of or --date, not both" ov status "$id" --as-of 2026-06-01 --date 2026-06-01
expect_fail 2 "give --as-of, --version or --rev, only one" \
	ov render "$id" --as-of 2026-06-01 --version 1 -o "$T/y.txt"
expect_fail 2 "invalid date" ov status "$id" --as-of 2026-02-30

# Immediate termination: in force the day before, not on the day itself.
id="$(ov new samverkansavtal --party krets=802002-8711 --party kommun=212000-0258 --date 2026-01-12)"
ov contact "$id" --with "Karin Ek" --date 2026-01-12 >/dev/null
ov --as lars.oberg@example.org decide "$id" --party krets --minutes "§ 1" --date 2026-01-20 >/dev/null
ov decide "$id" --party kommun --minutes "§ 2" --date 2026-01-21 >/dev/null
ov set "$id" behov.lokala x >/dev/null; ov set "$id" behov.kretsen x >/dev/null
ov set "$id" behov.kommunen x >/dev/null; ov needs "$id" --date 2026-01-22 >/dev/null
for f in uppdrag.vem uppdrag.omfattning uppdrag.hur uppdrag.ingar-inte ekonomi.kommunen ort; do
	ov set "$id" "$f" x >/dev/null
done
ov set "$id" avtalstid.start 2026-02-01 >/dev/null
ov assign "$id" --date 2026-01-23 >/dev/null
ov --as lars.oberg@example.org sign "$id" --party krets --date 2026-01-26 >/dev/null
ov --as per.stahl@example.se sign "$id" --party kommun --date 2026-01-26 >/dev/null
ov terminate "$id" --party kommun --immediate --reason "Avtalsbrott" --date 2026-09-15 >/dev/null
expect_eq "$(version_of 2026-09-14)" "1" "in force the day before an immediate termination"
expect_fail 3 "$id was no longer in force on 2026-09-15: it ended on 2026-09-15" \
	ov status "$id" --as-of 2026-09-15
finish
