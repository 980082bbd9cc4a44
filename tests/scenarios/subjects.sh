#!/bin/bash
# Subjects: an agreement is about one subject (workflows/subjects/ID.xml),
# chosen with new --subject or the field amne, else the workflow's
# default.  The subject's questions, fields and volunteer roles are merged
# into the workflow: carers' support asks about anhörigstöd, the statutory
# assignments about lekmannaövervakare and gode män, the general one about
# neither.  Each party's diarienummer is a field diarienr.ROLE, and the
# economy's costs are kept as "what = amount".
. "$(dirname "$0")/../lib/scenario.sh"
setup_helsingborg
P=(--party krets=802002-8711 --party kommun=212000-0258)

# The installed subjects, with label and description.
out="$(ov subjects)"
expect_contains "$out" "anhorigstod" "lists anhorigstod"
expect_contains "$out" "Lagreglerade frivilliguppdrag" "lists a label"
expect_eq "$(ov subjects --json | json '",".join(s["id"] for s in j)')" \
	"allman,anhorigstod,lagstadgade-uppdrag" "JSON lists the three subjects"

# The default subject of samverkansavtal is anhorigstod, written into the document.
a="$(ov new samverkansavtal "${P[@]}" --date 2026-01-12)"
expect_contains "$(ov show "$a")" "<subject>anhorigstod</subject>" "the default subject is kept"
# new --subject names another; an unknown one is refused, listing the installed ones.
g="$(ov new samverkansavtal "${P[@]}" --subject allman --date 2026-01-12)"
expect_contains "$(ov show "$g")" "<subject>allman</subject>" "--subject is kept"
before="$(snapshot)"
expect_fail 3 "no subject 'nyanlanda' (installed: allman, anhorigstod, lagstadgade-uppdrag)" \
	ov new samverkansavtal "${P[@]}" --subject nyanlanda --date 2026-01-12
expect_eq "$(snapshot)" "$before" "an unknown subject writes nothing"
# The subject's file is copied into the repository with the agreement.
expect_ok git --git-dir="$WS/repo.git" cat-file -e main:workflows/subjects/allman.xml

# The questions of an agreement's current phase, as the interview asks them.
# asked ID [--as EMAIL]
asked() { local id="$1"; shift; printf '\n%.0s' $(seq 40) | ov "$@" interview "$id"; }

# The first phase asks for the subject and each party's diarienummer.
st="$(asked "$a")"
expect_contains "$st" "Vad handlar samarbetet om?" "kontakt asks for the subject"
expect_contains "$st" "Vilket diarienummer har ärendet hos krets?" "kontakt asks krets's diarienummer"
expect_contains "$st" "Vilket diarienummer har ärendet hos kommun?" "kontakt asks kommun's diarienummer"
expect_ok ov set "$a" diarienr.kommun "KS 2026/123"
expect_contains "$(ov show "$a")" "<diarienr>KS 2026/123</diarienr>" "diarienr stored in the party"
expect_fail 3 "unknown field 'diarienr.region'" ov set "$a" diarienr.region "X 1"

# Carers' support asks about anhörigstöd; the general subject does not.
to_needs() {
	ov contact "$1" --with "Karin Ek" --date 2026-01-12 >/dev/null
	ov --as lars.oberg@example.org decide "$1" --party krets --minutes "§ 1" --date 2026-01-20 >/dev/null
	ov decide "$1" --party kommun --minutes "§ 2" --date 2026-01-21 >/dev/null
}
to_needs "$a"; to_needs "$g"
expect_contains "$(asked "$a")" "Vilka behov av stöd har anhöriga i kommunen?" "anhorigstod asks about carers"
st="$(asked "$g")"
expect_contains "$st" "Vilket behov ska samverkan möta?" "allman asks its own question"
case "$st" in *nhörig*) fail "the general subject asks about anhörig: $st";; esac
CHECKS=$((CHECKS + 1))

# Changing the subject with amne: an unknown one is refused, a known one changes the questions.
expect_fail 3 "no subject 'okand' (installed:" ov set "$g" amne okand
expect_ok ov set "$g" amne anhorigstod
expect_contains "$(asked "$g")" "Vilka behov av stöd har anhöriga i kommunen?" "amne changes the questions"

# The statutory assignments: the överenskommelse's default subject.
setup_umea_extra() {
	ov org add --name "Umeå kommun, socialtjänsten" --kind kommun --orgnr 212000-2247 --address Umeå >/dev/null
	ov org add --name "Föreningen Medmänniskor i Umeå" --kind förening --orgnr 802400-0013 --address Umeå >/dev/null
	ov person add sara@example.se --name "Sara Berg" --org 212000-2247 --roles "official board" >/dev/null
	ov person add maja@example.se --name "Maja Öst" --org 802400-0013 --roles "official board" >/dev/null
}
setup_umea_extra
o="$(ov --as sara@example.se new overenskommelse --party socialtjanst=212000-2247 --party forening=802400-0013 --date 2026-01-15)"
expect_contains "$(ov show "$o")" "<subject>lagstadgade-uppdrag</subject>" "överenskommelse defaults to lagstadgade-uppdrag"
st="$(asked "$o" --as sara@example.se)"
expect_contains "$st" "frivårdsinspektör" "the RFS subject's contact question"
ov --as sara@example.se contact "$o" --with "Föreningen" --date 2026-01-15 >/dev/null
ov --as sara@example.se decide "$o" --party socialtjanst --minutes "§ 1" --date 2026-01-20 >/dev/null
ov --as maja@example.se decide "$o" --party forening --minutes "§ 2" --date 2026-01-21 >/dev/null
st="$(asked "$o" --as sara@example.se)"
expect_contains "$st" "när det gäller de frivilliga uppdragen" "the RFS needs question"
case "$st" in *nhörig*) fail "the RFS subject asks about anhörig";; esac
CHECKS=$((CHECKS + 1))
for f in behov.lokala behov.foreningen behov.myndigheterna behov.mal; do
	ov --as sara@example.se set "$o" "$f" x >/dev/null
done
ov --as sara@example.se needs "$o" --date 2026-01-22 >/dev/null
fields="$(asked "$o" --as sara@example.se)"
expect_contains "$fields" "Hur många lekmannaövervakare behöver parterna rekrytera under året?" "asks for lekmannaövervakare"
expect_contains "$fields" "Ska överenskommelsen ha ett avsnitt om försäkring" "asks about the insurance clause"
case "$fields" in *amtalsledare*) fail "the RFS subject asks for samtalsledare";; esac
CHECKS=$((CHECKS + 1))
expect_ok ov --as sara@example.se set "$o" frivilliga.godman 3
expect_contains "$(ov show "$o")" "<course>Överförmyndarens introduktion för gode män och förvaltare (krav innan uppdrag)</course>" "the subject's role and courses"

# Costs: "what = amount", the amount optional, printed back the same way.
expect_ok ov --as sara@example.se set "$o" ekonomi "Fika vid arbetsgruppens möten = 3 000 kr"
expect_ok ov --as sara@example.se set "$o" ekonomi "Lokal"
xml="$(ov show "$o")"
expect_contains "$xml" "<what>Fika vid arbetsgruppens möten</what>" "the cost's what"
expect_contains "$xml" "<amount>3 000 kr</amount>" "the cost's amount"
expect_contains "$(asked "$o" --as sara@example.se)" "Redan ifyllt: Fika vid arbetsgruppens möten = 3 000 kr
Lokal" "costs printed back as what = amount"
expect_fail 2 "say what the cost is before '='" ov --as sara@example.se set "$o" ekonomi "= 5 kr"

# The RFS subject's own demo: an överenskommelse among five parties, signed and verified.
out="$("$OVERENS" demo --subject lagstadgade-uppdrag "$T/rfs" 2>&1)"
expect_contains "$out" "demo: överenskommelse om lagreglerade frivilliga uppdrag" "the RFS demo runs"
expect_contains "$out" "undertecknad PDF: $T/rfs/2026-0001-v1-undertecknat.pdf" "signed and verified"
expect_contains "$("$OVERENS" -C "$T/rfs" show 2026-0001)" "<subject>lagstadgade-uppdrag</subject>" "about the RFS subject"
expect_contains "$("$OVERENS" -C "$T/rfs" show 2026-0001)" "<diarienr>ÖFN 2026/7</diarienr>" "a party's diarienummer"
expect_contains "$("$OVERENS" -C "$T/rfs" fsck 2>&1)" "inga avvikelser" "fsck finds nothing wrong"
finish
