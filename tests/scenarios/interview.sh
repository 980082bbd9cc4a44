#!/bin/bash
# `overens interview` asks the current phase's questions, shows what is
# already filled in and saves each answer as it goes (one commit each).
# Piped, a refused answer stops the run: a non-zero exit naming the
# question, and no later answer is read (so none lands on the wrong
# question).  At a terminal the question is asked again.  A multi-line
# answer ("<<" … "." or "<<WORD" … "WORD") keeps its line breaks.  In the
# active phase, status lists the follow-up's questions and interview asks
# them and records the follow-up.
. "$(dirname "$0")/../lib/scenario.sh"
on_terminal() { python3 "$OV_SOURCE_DIR/tests/lib/on_terminal.py" "$@"; }
setup_helsingborg
id="$(ov new samverkansavtal --party krets=802002-8711 --party kommun=212000-0258 --date 2026-01-12)"
out="$(printf 'Karin Ek, kretsens lokala utvecklare\nVi träffades på anhörigcentret.\n' | ov interview "$id")"
expect_contains "$out" "Vem i den andra organisationen har ni pratat med om anhörigstöd?" "first question"
expect_contains "$out" "Vad kom ni fram till vid det första mötet?" "second question"
expect_contains "$out" "2 svar sparade" "two answers saved"
xml="$(ov show "$id")"
expect_contains "$xml" "<with>Karin Ek, kretsens lokala utvecklare</with>" "answer saved"
expect_contains "$xml" "<notes>Vi träffades på anhörigcentret.</notes>" "answer saved"
# Already filled answers are shown; an empty line keeps them.
out="$(printf '\n\n' | ov interview "$id")"
expect_contains "$out" "Redan ifyllt: Karin Ek, kretsens lokala utvecklare" "shows filled value"
expect_contains "$out" "0 svar sparade" "nothing changed"
# A multi-line answer that the input does not close is refused, not half saved.
before="$(snapshot)"
expect_fail 2 "the input ended inside a multi-line answer: a line with only '.' ends it" \
	sh -c "printf '\n<<\nrad ett\n' | \"\$0\" -C \"\$1\" interview \"\$2\"" "$OVERENS" "$WS" "$id"
expect_eq "$(snapshot)" "$before" "an unclosed answer writes nothing"

ov contact "$id" --date 2026-01-12 >/dev/null
ov --as lars.oberg@example.org decide "$id" --party krets --minutes "§ 1" --date 2026-01-20 >/dev/null
ov decide "$id" --party kommun --minutes "§ 2" --date 2026-01-21 >/dev/null
ov set "$id" behov.lokala x >/dev/null; ov set "$id" behov.kretsen x >/dev/null
ov set "$id" behov.kommunen x >/dev/null; ov needs "$id" --date 2026-01-22 >/dev/null

# Piped answers with a refused one in the middle: 2026-02-30 is no date.
# The old tool took the next line as its retry and shifted every later
# answer one question on.  The subject's questions (samtalsledare,
# anhörigstödjare) come first in the phase; bakgrund is a multi-line
# answer; uppdrag.hur one with its own end word, holding a line with
# only '.'.
answers='3
6
<<
Anhöriga behöver stöd.
Kretsen har volontärer.
.
Volontärer
Två grupper
<<SLUT
På centret.
.
Punkten ovan hör till texten.
SLUT
Inget annat
Lokal
Fika

Fika = 2 000 kr

Varje termin
Kretsen
2026-02-30
Helsingborg
'
set +e
err="$(printf '%s' "$answers" | ov interview "$id" 2>&1 >/dev/null)"
rc=$?
set -e
expect_eq "$rc" "2" "a refused piped answer exits 2"
expect_contains "$err" 'question avtalstid.start "Från vilket datum ska avtalet gälla? (ÅÅÅÅ-MM-DD)": the answer was refused and no later answer was read' "names the question"
expect_contains "$err" "invalid date '2026-02-30'" "says why"
xml="$(ov show "$id")"
expect_contains "$xml" "<background>Anhöriga behöver stöd.
Kretsen har volontärer.</background>" "a multi-line answer keeps its line break"
expect_contains "$xml" "<how>På centret.
.
Punkten ovan hör till texten.</how>" "an answer ended by its own word"
expect_contains "$xml" "<who>Volontärer</who>" "answers before the refused one stay"
expect_contains "$xml" "<amount>2 000 kr</amount>" "a cost's amount"
expect_contains "$xml" "<structure>Varje termin</structure>" "meetings on their own question"
for absent in 'start="' "<place>"; do
	case "$xml" in *"$absent"*) fail "an answer after the refused one was applied: $absent";; esac
done
CHECKS=$((CHECKS + 1))
# The interview again: what is filled in is kept, the rest answered.
rest="$(printf '\n\n\n\n\n\n\n\n\n\n\n2026-04-01\nHelsingborg\n')"
out="$(printf '%s\n' "$rest" | ov interview "$id")"
expect_contains "$out" "Redan ifyllt: Fika = 2 000 kr" "a cost printed back as what = amount"
expect_contains "$out" "2 svar sparade" "the rest saved"
xml="$(ov show "$id")"
expect_contains "$xml" 'start="2026-04-01"' "start saved"
expect_contains "$xml" "<place>Helsingborg</place>" "place on its own question"
expect_eq "$(ov status "$id" --json | json 'sum(len(s["missing"]) for s in j["next_steps"])')" "0" "nothing missing"

# At a terminal a refused answer is asked again and the retry saved.
out="$(printf '\n\n\n\n\n\n\n\n\n\n\n2026-02-30\n2026-05-01\n\n' | on_terminal "$OVERENS" -C "$WS" interview "$id")"
expect_contains "$out" "Inte sparat: avtalstid.start: invalid date '2026-02-30'" "refused at the terminal"
expect_contains "$out" "Försök igen" "asked again"
expect_contains "$(ov show "$id")" 'start="2026-05-01"' "the retry is saved"
ov set "$id" avtalstid.start 2026-04-01 >/dev/null

# Signed: the active phase's next step is the follow-up.
ov assign "$id" --date 2026-03-10 >/dev/null
ov --as lars.oberg@example.org sign "$id" --party krets --date 2026-03-20 >/dev/null
ov --as per.stahl@example.se sign "$id" --party kommun --date 2026-03-24 >/dev/null
st="$(ov status "$id" --date 2027-02-01)"
expect_contains "$st" "Uppföljningen behöver ett beslut (--decision continue|amend|terminate) och svar på 6 frågor:" "status says what the follow-up needs"
expect_contains "$st" "- Behöver något i avtalet ändras? (--answer andra=…)" "status lists a follow-up question"
expect_contains "$st" "- Behöver volontärerna mer utbildning? (--answer utbildning=…)" "status lists the last question"
case "$st" in *"overens followup $id  (får tas av: steering official board)
  Inget saknas."*) fail "status says nothing is missing before the follow-up";; esac
CHECKS=$((CHECKS + 1))
expect_eq "$(ov status "$id" --json | json '",".join(q["id"] for q in j["followup_questions"])')" \
	"andra,fortsatta,malgrupp,mal,volontarer,utbildning" "JSON lists the follow-up questions"

# A decision that is none of the choices stops the piped interview; nothing is recorded.
before="$(snapshot)"
set +e
err="$(printf 'Nej\nJa\nJa\nJa\nJa\nNej\nkanske\n' | ov interview "$id" --date 2027-02-01 2>&1 >/dev/null)"
rc=$?
set -e
expect_eq "$rc" "2" "a refused decision exits 2"
expect_contains "$err" "the follow-up was not recorded: question decision \"Beslut vid uppföljningen\": the answer was refused" "names the decision"
expect_contains "$err" "'kanske' is not one of the choices listed" "says why"
expect_eq "$(snapshot)" "$before" "a refused follow-up writes nothing"
# An empty answer to a follow-up question is refused too.
expect_fail 2 "question answer.fortsatta \"Ska samarbetet fortsätta ett år till?\": the answer was refused and no later answer was read: an answer is needed" \
	sh -c "printf 'Nej\n\nJa\n' | \"\$0\" -C \"\$1\" interview \"\$2\"" "$OVERENS" "$WS" "$id"

# The whole follow-up through the interview, one answer on two lines.
fu='<<
Nej, men vi ses oftare.
Två möten per termin.
.
Ja
Ja
Ja
Ja
Sorgbearbetning
continue
'
out="$(printf '%s' "$fu" | ov interview "$id" --date 2027-02-01)"
expect_contains "$out" "Behöver något i avtalet ändras?" "asks the first follow-up question"
expect_contains "$out" "continue = Fortsätt samarbetet" "offers the decisions"
expect_contains "$out" "Uppföljningen är registrerad." "follow-up recorded"
xml="$(ov show "$id")"
expect_contains "$xml" '<followup date="2027-02-01" decision="continue"' "the follow-up with its decision"
expect_contains "$xml" "Nej, men vi ses oftare.
Två möten per termin.</answer>" "a multi-line follow-up answer keeps its line break"
expect_contains "$xml" "Sorgbearbetning</answer>" "the last answer"
expect_eq "$(ov log "$id" --json | json '[r["event"] for r in j][-1]')" "followup" "one followup event"
finish
