#!/bin/bash
# A multi-party överenskommelse as in Umeå: probation service, patients'
# board, social services, guardianship board and a volunteers' association
# decide, map needs, name a steering group, which approves the text (a step
# the workflow declares: styrgrupp-godkanner, or styrgrupp-aterremitterar
# to send it back), sign, meet six times a year and follow up; one party
# terminates immediately on breach: it leaves at once, and the four others
# continue under a new version once they approve it.
. "$(dirname "$0")/../lib/scenario.sh"
setup_umea
args=(); for i in 0 1 2 3 4; do args+=(--party "${roles[$i]}=${orgs[$i]}"); done

id="$(ov new overenskommelse "${args[@]}" --title "Överenskommelse om frivilliga insatser" --date 2026-01-15)"
expect_eq "$id" "2026-0001" "id"
expect_ok ov contact "$id" --with "Alla fem verksamheterna" --date 2026-01-15
for i in 0 1 2 3 4; do
	expect_ok ov --as "${mails[$i]}" decide "$id" --party "${roles[$i]}" --body styrelse \
		--minutes "§ $((i + 10))" --date "2026-02-0$((i + 1))"
	[ "$i" -lt 4 ] && expect_eq "$(ov status "$id" --json | json 'j["phase"]')" "beslut" "waiting for all five"
done
expect_eq "$(ov status "$id" --json | json 'j["phase"]')" "kartlaggning" "after five decisions"
ov set "$id" behov.lokala "Stöd till personer i frivården och under förvaltarskap."
ov set "$id" behov.foreningen "Frivilliga kontaktpersoner."
ov set "$id" behov.myndigheterna "Lokaler och handledning."
ov set "$id" behov.mal "Fler meningsfulla kontakter."
expect_ok ov needs "$id" --date 2026-02-20

st="$(ov status "$id" --json)"
expect_contains "$st" "Minst en ledamot i styrgruppen" "steering group missing"
expect_contains "$st" "Ett åtagande för varje part" "commitments missing"
ov set "$id" bakgrund "Parterna vill samordna frivilliga insatser."
ov set "$id" styrgrupp "Eva Frid"
ov set "$id" styrgrupp "Sara Berg"
ov set "$id" uppdrag.vem "Föreningens frivilliga."
ov set "$id" uppdrag.hur "Arbetsgruppen fördelar uppdragen."
ov set "$id" uppdrag.ingar-inte "Myndighetsutövning."
for i in 0 1 2 3 4; do ov set "$id" parternas-ataganden "Åtagande $((i + 1))"; done
ov set "$id" foreningens-roll "Föreningen rekryterar och stöttar de frivilliga."
ov set "$id" avtalstid.start 2026-04-01
expect_ok ov assign "$id" --date 2026-03-01
st="$(ov status "$id")"
expect_contains "$st" "Fas: Styrgruppens godkännande (styrgrupp)" "assign: to the steering group"
expect_contains "$st" "Nästa steg: overens step $id styrgrupp-godkanner  (får tas av: steering)" \
	"status: the steering group's step"
# Frozen while the steering group looks at it; only the steering group takes the steps.
ov person add tom@example.se --name "Tom Tjänsteman" --org 202100-0068 --roles "official board" >/dev/null
head="$(snapshot)"
expect_fail 5 "the text cannot be changed in phase 'styrgrupp' (Styrgruppens godkännande)" \
	ov set "$id" ort Umeå
expect_fail 4 "styrgrupp-godkanner: tom@example.se has the roles 'official board'; this step needs one of 'steering'" \
	ov --as tom@example.se step "$id" styrgrupp-godkanner
expect_fail 5 "'sign' is not possible in phase 'styrgrupp' (Styrgruppens godkännande); possible now: styrgrupp-godkanner styrgrupp-aterremitterar" \
	ov --as eva@example.se sign "$id" --party frivard --place Umeå
expect_eq "$(snapshot)" "$head" "refusals in the steering group's phase write nothing"
# Sent back, changed, assigned again, approved.
expect_ok ov --as sara@example.se step "$id" styrgrupp-aterremitterar --date 2026-03-02
expect_eq "$(ov status "$id" --json | json 'j["phase"]')" "uppdrag" "sent back to the assignment"
expect_ok ov set "$id" uppdrag.omfattning "Två utbildningskvällar per år."
expect_ok ov assign "$id" --date 2026-03-03
expect_ok ov --as sara@example.se step "$id" styrgrupp-godkanner --date 2026-03-05
expect_eq "$(ov status "$id" --json | json 'j["phase"]')" "signering" "approved: ready for signing"
log="$(ov log "$id" --json)"
expect_eq "$(echo "$log" | json '[(r["event"], r["summary"].split(" ", 2)[2], r["phase_from"], r["phase_to"]) for r in j if r["event"] in ("assign", "styrgrupp-godkanner", "styrgrupp-aterremitterar")]')" \
	"[('assign', 'gränsdragningar och uppdrag klara', 'uppdrag', 'styrgrupp'), ('styrgrupp-aterremitterar', 'styrgruppen återremitterar', 'styrgrupp', 'uppdrag'), ('assign', 'gränsdragningar och uppdrag klara', 'uppdrag', 'styrgrupp'), ('styrgrupp-godkanner', 'styrgruppen godkänner', 'styrgrupp', 'signering')]" \
	"log: each step with its own label and phase move"
text="$(ov log "$id")"
expect_eq "$(grep -c "styrgruppen godkänner" <<<"$text")" "1" "log: the approval once"
expect_eq "$(grep -c "redo för undertecknande" <<<"$text" || true)" "0" \
	"log: no step but the approval leads to signing, so none claims to"
expect_contains "$text" "2026-03-05 styrgrupp-godkanner Sara Berg <sara@example.se>" "log: who approved"
for i in 0 1 2 3 4; do
	expect_ok ov --as "${mails[$i]}" sign "$id" --party "${roles[$i]}" --place Umeå --date 2026-03-1$i
done
# Signed on paper: the PDF that was printed is PDF/A-3b.
ov render "$id" -o "$T/avtal.pdf" >/dev/null
check_pdfa "$T/avtal.pdf" "the agreement signed on paper by five parties"
st="$(ov status "$id" --json --date 2026-03-14)"
expect_eq "$(echo "$st" | json 'j["phase"]')" "aktivt" "active after five signatures"
expect_eq "$(echo "$st" | json 'len([d for d in j["dates"] if d["kind"]=="meeting"])')" "6" "six meetings"
expect_eq "$(echo "$st" | json '[d["date"] for d in j["dates"] if d["kind"]=="meeting"]')" \
	"['2026-04-01', '2026-06-01', '2026-08-01', '2026-10-01', '2026-12-01', '2027-02-01']" "meeting dates"
expect_contains "$(echo "$st" | json '[d["label"] for d in j["dates"] if d["kind"]=="meeting"][5]')" "chef" "sixth meeting with the managers"
due="$(ov due --date 2026-09-15 --within 60d)"
expect_contains "$due" "2026-10-01  $id  meeting   Arbetsgruppsmöte" "due lists the meeting"
expect_ok ov --as maja@example.se terminate "$id" --party forening --immediate \
	--reason "Parterna har inte fullgjort sina åtaganden." --date 2026-11-02
st="$(ov status "$id" --json --date 2026-11-02)"
expect_eq "$(echo "$st" | json 'j["phase"], len(j["parties"])')" "andring 4" \
	"immediate termination: the party leaves, four continue"
expect_eq "$(echo "$st" | json '[(p["role"], p["notice"], p["left"]) for p in j["departed"]]')" \
	"[('forening', '2026-11-02', '2026-11-02')]" "the party left the day it gave notice"
expect_ok git --git-dir="$WS/repo.git" fsck --strict
finish
