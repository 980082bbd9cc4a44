#!/bin/bash
# overens remind against an SMTP sink started here (tests/tools/smtp_sink.py,
# 127.0.0.1 only): a Helsingborg agreement with a follow-up and a notice
# deadline in the window and a second one whose decision has waited too
# long.  The right people get the right mails (recipients, subjects,
# bodies) once; a second run and a run after reindex send nothing; --dry-run
# sends and records nothing; with the sink down the run fails naming the
# server and the next run, with the sink up, sends what failed (two runs at
# once send each mail once); a recipient the server rejects is recorded as
# failed and sent to on a later run also after the date has passed, unless
# the date is no longer due (the follow-up was recorded); an agreement that
# cannot be read is left out with a warning and exit 1 while the others are
# reminded of; credentials that others may read, a credentials file that is
# a symbolic link, and credentials over a connection without STARTTLS, are
# refused.  A waiting step's subject carries the run's date.  The .ics
# calendar has alarms before the notice deadline and the follow-up.
. "$(dirname "$0")/../lib/scenario.sh"
setup_helsingborg
ov person add styr@example.se --name "Stina Styr" --org 212000-0258 --roles steering >/dev/null
SINK_PY="$OV_SOURCE_DIR/tests/tools/smtp_sink.py"
SINK_PID=
cleanup() {
	if [ -n "$SINK_PID" ]; then kill "$SINK_PID" 2>/dev/null || true; wait "$SINK_PID" 2>/dev/null || true; fi
	rm -rf "$T"
}
trap cleanup EXIT

# start_sink DIR [ARGS…]: starts a sink writing to DIR (ARGS: e.g.
# --reject-rcpt ADDR); sets SINK_PID and PORT.  The port is read from the
# sink's first line, written once it listens.
start_sink() {
	local dir="$1"
	shift
	mkdir -p "$dir"
	rm -f "$T/sink.fifo"
	mkfifo "$T/sink.fifo"
	python3 "$SINK_PY" --dir "$dir" --lifetime 300 "$@" >"$T/sink.fifo" &
	SINK_PID=$!
	read -r -t 30 PORT <"$T/sink.fifo" || { echo "the sink did not start" >&2; exit 1; }
}
stop_sink() {
	kill "$SINK_PID"
	wait "$SINK_PID" || true
	SINK_PID=
}
count() { find "$1" -name '*.eml' | wc -l; }
# The mails in DIR as sorted lines "recipient|subject", decoded.
mails() {
	python3 - "$1" <<'EOF'
import email, email.policy, glob, sys
rows = []
for f in glob.glob(sys.argv[1] + "/*.eml"):
    m = email.message_from_binary_file(open(f, "rb"), policy=email.policy.default)
    rows.append("%s|%s" % (m["X-Sink-Rcpt-To"], m["Subject"]))
print("\n".join(sorted(rows)))
EOF
}
# The decoded body of the mail to RECIPIENT whose subject contains TEXT, in DIR.
body_of() {
	python3 - "$1" "$2" "$3" <<'EOF'
import email, email.policy, glob, sys
for f in glob.glob(sys.argv[1] + "/*.eml"):
    m = email.message_from_binary_file(open(f, "rb"), policy=email.policy.default)
    if m["X-Sink-Rcpt-To"] == "<%s>" % sys.argv[2] and sys.argv[3] in m["Subject"]:
        print(m.get_content())
EOF
}

# --- an active agreement (signed 2026-03-24, term from 2026-04-01) --------
id="$(ov new samverkansavtal --party krets=802002-8711 --party kommun=212000-0258 \
	--title "Anhörigstöd" --date 2026-01-10)"
ov contact "$id" --with "Karin Ek" --date 2026-01-12 >/dev/null
ov --as lars.oberg@example.org decide "$id" --party krets --body kretsstyrelse --minutes "§ 12" \
	--date 2026-02-10 >/dev/null
ov decide "$id" --party kommun --body nämnd --minutes "§ 34" --date 2026-02-19 >/dev/null
ov set "$id" behov.lokala "Samtalsgrupper saknas."
ov --as karin.ek@example.org set "$id" behov.kretsen "Samtalsledare."
ov set "$id" behov.kommunen "Lokal."
ov needs "$id" --date 2026-02-26 >/dev/null
ov set "$id" uppdrag.vem "Kretsens samtalsledare."
ov set "$id" uppdrag.omfattning "Två grupper per termin."
ov set "$id" uppdrag.hur "På anhörigcentret."
ov set "$id" uppdrag.ingar-inte "Myndighetsutövning."
ov set "$id" ekonomi.kommunen "Lokal"
ov set "$id" volontarer.samtalsledare 4
ov set "$id" avtalstid.start 2026-04-01
ov set "$id" ort Helsingborg
ov assign "$id" --date 2026-03-10 >/dev/null
ov --as lars.oberg@example.org sign "$id" --party krets --date 2026-03-20 >/dev/null
ov --as per.stahl@example.se sign "$id" --party kommun --date 2026-03-24 >/dev/null

# --- an agreement whose municipality has not decided since 2026-12-01 -----
id2="$(ov new samverkansavtal --party krets=802002-8711 --party kommun=212000-0258 \
	--title "Väntande beslut" --date 2026-12-01)"
ov contact "$id2" --with "Karin Ek" --date 2026-12-01 >/dev/null
ov --as lars.oberg@example.org decide "$id2" --party krets --body kretsstyrelse --minutes "§ 2" \
	--date 2026-12-05 >/dev/null

TODAY=2027-01-20
# The dates remind follows are the ones `due` lists.
due="$(ov due --date "$TODAY" --within 45d --json)"
FOLLOWUP="$(echo "$due" | json '[d["date"] for d in j if d["kind"] == "followup"][0]')"
NOTICE="$(echo "$due" | json '[d["date"] for d in j if d["kind"] == "notice"][0]')"
FOLLOWUP_LABEL="$(echo "$due" | json '[d["label"] for d in j if d["kind"] == "followup"][0]')"
NOTICE_LABEL="$(echo "$due" | json '[d["label"] for d in j if d["kind"] == "notice"][0]')"

# --- settings -------------------------------------------------------------
expect_fail 2 "the setting smtp.url is not set" ov remind --today "$TODAY" --within 45d
start_sink "$T/mail1"
ov config smtp.url "smtp://127.0.0.1:$PORT"
expect_fail 2 "the setting smtp.from is not set" ov remind --today "$TODAY" --within 45d
ov config smtp.from "Överens <noreply@example.se>"
expect_fail 2 "--within: invalid" ov remind --today "$TODAY" --within 45x

# --- --dry-run: prints the mails, sends and records nothing ---------------
dry="$(ov remind --today "$TODAY" --within 45d --dry-run)"
expect_contains "$dry" "Till: styr@example.se" "dry run names the steering person"
expect_contains "$dry" "6 påminnelser skulle skickas (inget skickat)" "dry run counts"
expect_eq "$(count "$T/mail1")" 0 "dry run sent nothing"
expect_eq "$([ -e "$WS/reminders" ] && echo yes || echo no)" no "dry run recorded nothing"

# --- the first run sends each mail once -----------------------------------
expect_ok ov remind --today "$TODAY" --within 45d
expect_contains "$out" "6 påminnelser skickade, 0 misslyckades" "first run"
# The waiting decision passed its limit on 2027-01-12; its subject has the run's date.
expected="<asa.lindqvist@example.se>|Påminnelse $TODAY: Beslut saknas från Helsingborgs stad (väntar sedan 2026-12-01) – $id2 Väntande beslut
<asa.lindqvist@example.se>|Påminnelse $FOLLOWUP: $FOLLOWUP_LABEL – $id Anhörigstöd
<asa.lindqvist@example.se>|Påminnelse $NOTICE: $NOTICE_LABEL – $id Anhörigstöd
<karin.ek@example.org>|Påminnelse $FOLLOWUP: $FOLLOWUP_LABEL – $id Anhörigstöd
<karin.ek@example.org>|Påminnelse $NOTICE: $NOTICE_LABEL – $id Anhörigstöd
<styr@example.se>|Påminnelse $FOLLOWUP: $FOLLOWUP_LABEL – $id Anhörigstöd"
expect_eq "$(mails "$T/mail1")" "$(echo "$expected" | LC_ALL=C sort)" "recipients and subjects"
body="$(body_of "$T/mail1" karin.ek@example.org "$NOTICE_LABEL")"
expect_contains "$body" "påminnelse från Överens om avtal $id, \"Anhörigstöd\"" "body names the agreement"
expect_contains "$body" "$NOTICE: $NOTICE_LABEL" "body names the date"
expect_contains "$body" "overens terminate $id" "body says what to do"
expect_contains "$body" "Avtalet i webben: /avtal/$id" "body links the web page"
body="$(body_of "$T/mail1" asa.lindqvist@example.se "Beslut saknas")"
expect_contains "$body" "overens decide $id2 --party kommun" "waiting decision: what to do"
expect_contains "$body" "2027-01-12: Beslut saknas från Helsingborgs stad" "the day the wait passed its limit"
raw="$(cat "$T"/mail1/*.eml)"
expect_contains "$raw" "X-Sink-Mail-From: <noreply@example.se>" "envelope sender"
expect_contains "$raw" "Auto-Submitted: auto-generated" "marked as automatic"
# The records: one line per (item, recipient), outside git.
expect_eq "$(wc -l <"$WS/reminders")" 6 "six records"
expect_eq "$(stat -c %a "$WS/reminders")" 600 "records are private"
expect_eq "$(git --git-dir="$WS/repo.git" log --all --oneline | grep -c remind || true)" 0 "nothing in git"

# --- a second run, and a run after reindex, send nothing new --------------
expect_ok ov remind --today "$TODAY" --within 45d
expect_contains "$out" "0 påminnelser skickade, 0 misslyckades; 6 redan skickade" "second run"
ov reindex >/dev/null
expect_ok ov remind --today 2027-01-21 --within 44d
expect_contains "$out" "0 påminnelser skickade" "after reindex"
expect_eq "$(count "$T/mail1")" 6 "still six mails"

# --- the sink down: the run fails clearly and records the failures -------
stop_sink
expect_fail 1 "could not be sent (they will be sent on the next run)" \
	ov remind --today 2027-03-20 --within 30d
expect_contains "$err" "through smtp://127.0.0.1:$PORT failed" "names the server"
expect_eq "$(grep -c $'\tfailed\t' "$WS/reminders")" 3 "a failed run records three failures"
expect_eq "$(grep -vc $'\tfailed\t' "$WS/reminders")" 6 "and nothing as sent"

# --- the sink up again: two runs at once send each mail once --------------
start_sink "$T/mail2"
ov config smtp.url "smtp://127.0.0.1:$PORT"
ov remind --today 2027-03-20 --within 30d >"$T/run1" 2>&1 &
r1=$!
ov remind --today 2027-03-20 --within 30d >"$T/run2" 2>&1 &
r2=$!
CHECKS=$((CHECKS + 1))
wait "$r1" && wait "$r2" || fail "concurrent runs: $(cat "$T/run1" "$T/run2")"
expect_eq "$(mails "$T/mail2" | cut -d'|' -f1 | tr '\n' ' ')" \
	"<asa.lindqvist@example.se> <asa.lindqvist@example.se> <karin.ek@example.org> " \
	"the retry: term end to both contacts, the decision still waiting to the municipality"
expect_contains "$(mails "$T/mail2")" "Avtalstiden löper ut" "term end reminded"
expect_contains "$(cat "$T/run1" "$T/run2")" "3 påminnelser skickade" "one run sent them"
expect_contains "$(cat "$T/run1" "$T/run2")" "0 påminnelser skickade, 0 misslyckades; 3 redan" \
	"the other found them sent"
expect_eq "$(grep -c $'\tfailed\t' "$WS/reminders" || true)" 0 "sent: no failure left"
expect_eq "$(wc -l <"$WS/reminders")" 9 "nine records"
stop_sink

# --- the calendar: alarms before the notice deadline and the follow-up ----
ov render "$id" --format ics -o "$T/a.ics" >/dev/null
CHECKS=$((CHECKS + 1))
python3 - "$T/a.ics" "$FOLLOWUP" "$NOTICE" <<'EOF' || fail "calendar alarms"
import sys
sys.path.append("/usr/lib/python3/dist-packages")
import icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
want = {sys.argv[2].replace("-", ""): ["-7 days, 0:00:00"],
        sys.argv[3].replace("-", ""): ["-14 days, 0:00:00", "-1 day, 0:00:00"]}
seen = {}
for ev in cal.walk("VEVENT"):
    day = ev.decoded("DTSTART").strftime("%Y%m%d")
    alarms = [str(a.decoded("TRIGGER")) for a in ev.walk("VALARM")]
    assert all(a["ACTION"] == "DISPLAY" for a in ev.walk("VALARM"))
    if alarms:
        seen[day] = alarms
# The calendar covers the term in force and the renewal period after it:
# the dates the window of `due` showed, and the same kinds a year on.
for day, alarms in want.items():
    assert seen.get(day) == alarms, (day, seen)
assert all(a in want.values() for a in seen.values()), seen
assert len(seen) == 2 * len(want), seen
EOF

# --- a recipient rejected: tried again after the date, until sent ---------
# The next year's follow-up and notice deadline of $id (the term renewed).
TODAY3=2028-01-20
due="$(ov due --date "$TODAY3" --within 45d --json)"
FOLLOWUP3="$(echo "$due" | json '[d["date"] for d in j if d["kind"] == "followup"][0]')"
NOTICE3="$(echo "$due" | json '[d["date"] for d in j if d["kind"] == "notice"][0]')"
start_sink "$T/mail3" --reject-rcpt karin.ek@example.org
ov config smtp.url "smtp://127.0.0.1:$PORT"
expect_fail 1 "2 of " ov remind --today "$TODAY3" --within 45d
expect_contains "$err" "mail to karin.ek@example.org through smtp://127.0.0.1:$PORT failed" \
	"the rejected recipient named"
expect_eq "$(mails "$T/mail3" | grep -c karin || true)" 0 "nothing reached karin"
expect_eq "$(grep -c $'karin.ek@example.org\tfailed\t' "$WS/reminders")" 2 \
	"karin's follow-up and notice recorded as failed"
expect_fail 1 "2 of " ov remind --today 2028-01-21 --within 45d
expect_eq "$(grep -c $'karin.ek@example.org\tfailed\t' "$WS/reminders")" 2 \
	"a second failure is not recorded twice"
# The follow-up is made: its reminder no longer applies.  (An answer given
# twice, and a date before the agreement was created, are refused.)
ANSWERS=(--answer fortsatta=Ja --answer malgrupp=Ja --answer mal=Ja --answer volontarer=Ja
	--answer utbildning=Nej)
expect_fail 2 "question 'andra' is answered twice ('Nej' and 'Ja')" ov followup "$id" \
	--decision continue --answer andra=Nej --answer andra=Ja "${ANSWERS[@]}" --date 2028-01-25
expect_fail 2 "before the agreement was created (2026-01-10)" ov followup "$id" \
	--decision continue --answer andra=Nej "${ANSWERS[@]}" --date 2025-12-31
expect_ok ov followup "$id" --decision continue --answer andra=Nej "${ANSWERS[@]}" --date 2028-01-25
stop_sink
# The server accepts her again a week after the notice deadline has passed.
AFTER="$(date -d "$NOTICE3 + 7 days" +%F)"
start_sink "$T/mail4"
ov config smtp.url "smtp://127.0.0.1:$PORT"
expect_ok ov remind --today "$AFTER" --within 1d
expect_eq "$(mails "$T/mail4" | grep karin)" \
	"<karin.ek@example.org>|Påminnelse $NOTICE3: $NOTICE_LABEL – $id Anhörigstöd" \
	"the failed notice reminder is sent after its date; the follow-up made is not"
case "$FOLLOWUP3" in 2028-0[12]-*) ;; *) fail "follow-up date $FOLLOWUP3";; esac
expect_eq "$(grep -c $'karin.ek@example.org\tfailed\t' "$WS/reminders")" 1 \
	"only the follow-up's failure is left (it is no longer due)"
expect_ok ov remind --today "$(date -d "$AFTER + 1 day" +%F)" --within 1d
expect_eq "$(mails "$T/mail4" | grep -c karin)" 1 "sent once"

# --- an agreement that cannot be read is left out, the others are not -----
PB="agreements/${id2: -2}/$id2/agreement.xml"
GIT=(git --git-dir="$WS/repo.git")
"${GIT[@]}" show "main:$PB" | sed 's/workflow="samverkansavtal"/workflow="borttaget"/' >"$T/b.xml"
blob="$("${GIT[@]}" hash-object -w "$T/b.xml")"
GIT_INDEX_FILE="$T/b.idx" "${GIT[@]}" read-tree main
GIT_INDEX_FILE="$T/b.idx" "${GIT[@]}" update-index --add --cacheinfo "100644,$blob,$PB"
tree="$(GIT_INDEX_FILE="$T/b.idx" "${GIT[@]}" write-tree)"
commit="$(echo "broken" | GIT_AUTHOR_NAME=M GIT_AUTHOR_EMAIL=m@example.org \
	GIT_COMMITTER_NAME=M GIT_COMMITTER_EMAIL=m@example.org "${GIT[@]}" commit-tree "$tree" -p main)"
"${GIT[@]}" update-ref refs/heads/main "$commit"
expect_fail 1 "agreements that could not be read were left out of the reminders (1): agreement $id2: no workflow 'borttaget'" \
	ov remind --today 2028-03-20 --within 30d --dry-run
dry="$(ov remind --today 2028-03-20 --within 30d --dry-run 2>/dev/null || true)"
expect_contains "$dry" "Till: karin.ek@example.org" "the readable agreement is still reminded of"
expect_contains "$dry" "hoppade över ett avtal som inte kunde läsas: agreement $id2" "the report names it"

# --- credentials: from a private file only; never in clear ----------------
sent_before="$(count "$T/mail4")"
printf 'user\nhemligt-losenord\n' >"$T/cred"
chmod 644 "$T/cred"
ov config smtp.credentials-file "$T/cred"
expect_fail 2 "may be read by others (mode 644): chmod 600" ov remind --today 2028-03-20
chmod 600 "$T/cred"
ln -s "$T/cred" "$T/cred-link"
ov config smtp.credentials-file "$T/cred-link"
expect_fail 2 "smtp.credentials-file $T/cred-link:" ov remind --today 2028-03-20
ov config smtp.credentials-file "$T/cred"
# The sink offers no STARTTLS: a password must not go over it.
expect_fail 1 "could not be sent" ov remind --today 2028-03-20 --within 30d
case "$err" in *hemligt*) fail "the password was printed";; esac
expect_eq "$(count "$T/mail4")" "$sent_before" "nothing sent without TLS"

finish
