#!/bin/bash
# Every write command, made to fail at each kind of operation in turn
# (OVERENS_FAIL=<op>:<n>, a build with -DOV_FAULTS=ON; elsewhere this test
# is skipped): the n-th file write, fsync, rename, open or unlink of Överens, the
# n-th write, sync or truncation of SQLite, the n-th object, tag, ref,
# config or pack write of git, the n-th allocation of SQLite.  (libgit2's own
# allocations, OVERENS_FAIL=git-alloc:<n>, are counted but not looped:
# Debian's libgit2 1.5 itself crashes on some of them, e.g. in
# git_config_add_backend.)
#
# A clean run of each command on a copy of the same workspace counts its
# calls (OVERENS_FAIL_COUNT).  Then, for each operation with calls, n from
# 1..count: every n when the count is at most $ALL (default 1), else
# $SAMPLES (default 1) spread evenly, starting at a place that moves from
# loop to loop (1 + (loop + $SEED) * 37 modulo the count), so that the
# commands sharing the write protocol cover different parts of it.  One
# sample each keeps the test near a minute in the sanitizer build (every
# faulted run is checked by five more runs); for a thorough run, e.g.
# OV_FAULT_ALL=50 OV_FAULT_SAMPLES=20, or other seeds (OV_FAULT_ONLY=REGEX
# picks the commands).
# Each faulted run starts from a fresh copy of the workspace; after it:
#   - it exited 0, or 1..125 with a message "overens: <where>: <why>" (not
#     killed by a signal, no sanitizer report, not empty, not a bare
#     library message);
#   - when it failed, git is where it was (HEAD, main, tags, every ref), or,
#     for a command that saves as it goes (interview), main only moved forward;
#   - a failed render or export left no file behind;
#   - git fsck --strict finds nothing;
#   - the next commands work, and `list --json` and `log ID --json` equal
#     what they give after a fresh `overens reindex`;
#   - a failed init leaves nothing in the way of the next init.
# A command that succeeded despite the fault (a best-effort step failed,
# or the change was in git before the fault) is checked the same way.
. "$(dirname "$0")/../lib/scenario.sh"
. "$(dirname "$0")/../lib/signing.sh"
. "$(dirname "$0")/../lib/dates.sh"
ALL=${OV_FAULT_ALL:-1} SAMPLES=${OV_FAULT_SAMPLES:-1} SEED=${OV_FAULT_SEED:-0}
OPS="write fsync rename open unlink sqlite git alloc git-alloc"

# Only a build with OV_FAULTS writes the counts.
OVERENS_FAIL_COUNT="$T/probe" "$OVERENS" init "$T/probe-ws" >/dev/null 2>&1 || true
if [ ! -s "$T/probe" ]; then
	echo "SKIP: $OVERENS was built without fault injection (cmake -DOV_FAULTS=ON)"
	exit 77
fi

mkca ca '/C=SE/O=Överens scenariotest/CN=Scenario-CA'
mkca ca2 '/C=SE/O=Överens scenariotest/CN=Andra-CA'
cert ca lars "/C=SE/O=Helsingborgs rödakorskrets/CN=Lars Öberg/emailAddress=$LARS" v3_signer lars -days 30
openssl pkcs12 -export -inkey "$C/lars.key" -in "$C/lars.pem" -certfile "$C/ca.pem" \
	-name "Lars Öberg" -out "$C/lars.p12" -passout pass:hemligt-lars
printf 'hemligt-lars\n' > "$C/lars.pass"

# --- the workspace every run starts from ------------------------------------------------

# The shipped workflows, one whose term renews by a recorded decision, and
# one that declares steps of its own.
use_workflows
make_workflow uttrycklig 'length="P1Y" renewal="explicit" period="P1Y" notice="P1M"'
cp "$OV_SOURCE_DIR/tests/fixtures/workflows/styrgrupp.xml" "$T/data/workflows/"

setup_helsingborg
ADMIN=ada.admin@example.se
ov person add "$ADMIN" --name "Ada Admin" --org 212000-0258 --roles admin >/dev/null
ov trust add "$C/ca.pem" >/dev/null
agreement() { ov new samverkansavtal --party krets=802002-8711 --party kommun=212000-0258 \
	--title "$1" --date 2026-01-12; }
fresh="$(agreement Nytt)"
decided="$(agreement Beslutat)"
ov contact "$decided" --with "Karin Ek" --date 2026-01-12 >/dev/null
ov --as "$LARS" decide "$decided" --party krets --minutes "§ 3" --date 2026-01-20 >/dev/null
for k in lokala kretsen kommunen; do ov set "$decided" "behov.$k" x >/dev/null; done
both="$(agreement Beslut)"
ov contact "$both" --with "Karin Ek" --date 2026-01-12 >/dev/null
ov --as "$LARS" decide "$both" --party krets --minutes "§ 3" --date 2026-01-20 >/dev/null
ov decide "$both" --party kommun --minutes "§ 4" --date 2026-01-21 >/dev/null
for k in lokala kretsen kommunen; do ov set "$both" "behov.$k" x >/dev/null; done
needed="$(agreement Behov)"
ov contact "$needed" --with "Karin Ek" --date 2026-01-12 >/dev/null
ov --as "$LARS" decide "$needed" --party krets --minutes "§ 3" --date 2026-01-20 >/dev/null
ov decide "$needed" --party kommun --minutes "§ 4" --date 2026-01-21 >/dev/null
for k in lokala kretsen kommunen; do ov set "$needed" "behov.$k" x >/dev/null; done
ov needs "$needed" --date 2026-01-22 >/dev/null
for kv in uppdrag.vem=a uppdrag.omfattning=b uppdrag.hur=c uppdrag.ingar-inte=d \
	ekonomi.kommunen=e avtalstid.start=2026-04-01 ort=Helsingborg; do
	ov set "$needed" "${kv%%=*}" "${kv#*=}" >/dev/null
done
signing="$(agreement Signering)"
to_signing "$signing" >/dev/null
inforce="$(agreement Gällande)"
to_signing "$inforce" >/dev/null
ov --as "$LARS" sign "$inforce" --party krets --date 2026-03-20 >/dev/null
ov --as "$PER" sign "$inforce" --party kommun --date 2026-03-24 >/dev/null
amended="$(agreement Ändrat)"
to_signing "$amended" >/dev/null
ov --as "$LARS" sign "$amended" --party krets --date 2026-03-20 >/dev/null
ov --as "$PER" sign "$amended" --party kommun --date 2026-03-24 >/dev/null
ov amend "$amended" --summary "Tre grupper" --date 2027-05-01 >/dev/null
renewing="$(activate uttrycklig 2026-03-01)"
terminated="$(agreement Uppsagt)"
to_signing "$terminated" >/dev/null
ov --as "$LARS" sign "$terminated" --party krets --date 2026-03-20 >/dev/null
ov --as "$PER" sign "$terminated" --party kommun --date 2026-03-24 >/dev/null
ov --as karin.ek@example.org terminate "$terminated" --party krets --date 2027-05-01 >/dev/null
stepping="$(ov new styrgrupp --party krets=802002-8711 --party kommun=212000-0258 --date 2026-01-10)"
ov contact "$stepping" --with "Karin Ek" --date 2026-01-12 >/dev/null
ov show "$decided" | sed '0,/>x</s||>Ur en fil.<|' \
	> "$T/import.xml"
printf 'Svar ett\nSvar två\nSvar tre\n' > "$T/answers"
printf 'ett-långt-lösenord\n' > "$T/password"
ca="$(ov trust list --json | json 'j[0]["fingerprint"]')"

# An SMTP sink for the reminders, for the whole test.
SINK_PID=
trap '[ -z "$SINK_PID" ] || { kill "$SINK_PID" 2>/dev/null; wait "$SINK_PID" 2>/dev/null; }; rm -rf "$T"' EXIT
mkdir "$T/mail"
mkfifo "$T/sink.fifo"
python3 "$OV_SOURCE_DIR/tests/tools/smtp_sink.py" --dir "$T/mail" --lifetime 86400 >"$T/sink.fifo" &
SINK_PID=$!
read -r -t 30 PORT <"$T/sink.fifo" || { echo "the SMTP sink did not start" >&2; exit 1; }
ov config smtp.url "smtp://127.0.0.1:$PORT" >/dev/null
ov config smtp.from "Överens <noreply@example.se>" >/dev/null
# The base as the writes left it, loose objects and all (for gc), then packed:
# every run copies its base, and a pack is quicker to copy and to check.
cp -a "$WS" "$T/base-loose"
ov gc >/dev/null
BASE="$T/base"
cp -a "$WS" "$BASE"

# More bases ('@NAME' in the commands below): "signed", a first digital
# signature on $signing; "repair", that with its version tag removed (a
# finding fsck --repair mends); "ack", main moved by plain git to a commit
# that does not build on it (a finding to acknowledge).
cp -a "$WS" "$T/base-signed"
"$OVERENS" -C "$T/base-signed" --as "$LARS" sign "$signing" --party krets --p12 "$C/lars.p12" \
	--password-file "$C/lars.pass" --date 2026-03-20 >/dev/null
cp -a "$T/base-signed" "$T/base-repair"
git --git-dir="$T/base-repair/repo.git" tag -d "$signing-v1" >/dev/null
"$OVERENS" -C "$T/base-repair" reindex >/dev/null
cp -a "$WS" "$T/base-ack"
FG=(git --git-dir="$T/base-ack/repo.git")
old="$("${FG[@]}" rev-parse main)"
forged="$("${FG[@]}" log -1 --format=%B main | "${FG[@]}" commit-tree "main^{tree}" -p main~1)"
"${FG[@]}" update-ref refs/heads/main "$forged"
"$OVERENS" -C "$T/base-ack" list >/dev/null 2>&1

# The commands, one a line: what runs with `ov` in a copy of the base.
COMMANDS=(
	"init"
	"org add --name Frivården --kind myndighet --orgnr 202100-0068 --address Gatan_1"
	"person add nils@example.se --name Nils --org 212000-0258 --roles official"
	"config user.name Åsa"
	"trust add $C/ca2.pem"
	"new samverkansavtal --party krets=802002-8711 --party kommun=212000-0258 --date 2026-02-01"
	"set $fresh behov.lokala Samtalsgrupper"
	"contact $fresh --with Karin_Ek --date 2026-01-25"
	"decide $decided --party kommun --minutes §_5 --date 2026-01-26"
	"needs $both --date 2026-01-27"
	"assign $needed --date 2026-02-10"
	"--as $LARS sign $signing --party krets --p12 $C/lars.p12 --password-file $C/lars.pass --date 2026-03-20"
	"amend $inforce --summary Fler_grupper --date 2027-05-01"
	"--as karin.ek@example.org approve $amended --party krets --date 2027-05-10"
	"followup $inforce --decision continue --answer andra=Nej --answer fortsatta=Ja --answer malgrupp=Ja --answer mal=Ja --answer volontarer=Ja --answer utbildning=Nej --date 2027-02-01"
	"--as karin.ek@example.org terminate $inforce --party krets --date 2027-05-01"
	"reindex"
	"org signatory 212000-0258 --name Sven_Ek --title Kommundirektör --email sven@example.se"
	"org unit 212000-0258 --name Socialtjänsten"
	"person change karin.ek@example.org --name Karin_Eken --roles official_board"
	"person passwd karin.ek@example.org --password-file $T/password"
	"unset $both behov.lokala"
	"import $decided $T/import.xml"
	"interview $both"
	"cancel-signing $signing"
	"--as $LARS renew $renewing --date 2027-02-01"
	"end $terminated --date 2028-06-01"
	"--as $LARS step $stepping styrgrupp-godkanner --set bakgrund=Prövat --set styrgrupp=Lars_Öberg"
	"remind --within 400d"
	"trust remove $ca"
	"@loose gc"
	"@loose gc --incremental"
	"@repair --as $ADMIN fsck --repair"
	"@ack --as $ADMIN fsck --acknowledge $old..$forged"
	"render $inforce -o $T/out/a.pdf"
	"@signed export $signing -o $T/out/bundle.zip"
)

# The commands that save as they go (an interview commits each answer).
PARTIAL='^interview '
# refs DIR: HEAD and every ref of the workspace DIR.
refs() {
	{ cat "$1/repo.git/HEAD"; git --git-dir="$1/repo.git" for-each-ref --format='%(refname) %(objectname)'; } 2>&1
}
# base_of CMD: the workspace CMD starts from.
base_of() { case "$1" in @*) echo "$T/base-${1%% *}" | sed 's|base-@|base-|';; *) echo "$BASE";; esac; }
views() { "$OVERENS" -C "$T/try" list --json --date 2027-06-01 && "$OVERENS" -C "$T/try" log "$inforce" --json; }

# run CMD FAIL: the command (words split on blanks, '_' inside a word is a
# blank; a first word @NAME runs it on the base $T/base-NAME) in a fresh copy
# $T/try of the base, with OVERENS_FAIL=FAIL ("" for none; OVERENS_FAIL_COUNT
# is passed through), standard input from $T/answers; sets rc and err (its
# stderr).
run() {
	local -a words=()
	local w base
	base="$(base_of "$1")"
	for w in $1; do words+=("${w//_/ }"); done
	case "${words[0]}" in @*) words=("${words[@]:1}");; esac
	rm -rf "$T/try" "$T/new" "$T/out"
	mkdir "$T/out"
	cp -a "$base" "$T/try"
	rc=0
	if [ "${words[0]}" = init ]; then
		err="$(OVERENS_FAIL="$2" "$OVERENS" init "$T/new" 2>&1 >/dev/null <"$T/answers")" || rc=$?
	else
		err="$(OVERENS_FAIL="$2" "$OVERENS" -C "$T/try" "${words[@]}" 2>&1 >/dev/null \
			<"$T/answers")" || rc=$?
	fi
}

# check WHAT BEFORE: the checks above after a faulted run.
check() {
	local what="$1" before="$2" v1 v2
	CHECKS=$((CHECKS + 1))
	case "$err" in *Sanitizer*|*"runtime error"*)
		fail "$what: sanitizer report: $err"; return;;
	esac
	if [ "$rc" -ge 126 ]; then fail "$what: exit $rc: $err"; return; fi
	if [ "$rc" -ne 0 ]; then
		case "$err" in
		"overens: "*": "*) ;;
		*) fail "$what: exit $rc without a message naming the problem: '$err'";;
		esac
	fi
	if [ "${what%% *}" = init ]; then
		# A failed init leaves no workspace in the way of the next init.
		if [ "$rc" -ne 0 ] && ! out="$("$OVERENS" init "$T/new" 2>&1)"; then
			fail "$what: init again after the failure: $out"
		fi
		return
	fi
	if [ "$rc" -ne 0 ] && [[ $what =~ $PARTIAL ]]; then
		# It saves as it goes: main only moved forward, by whole changes.
		git --git-dir="$T/try/repo.git" merge-base --is-ancestor \
			"$(echo "$before" | awk '$1 == "refs/heads/main" { print $2 }')" main ||
			fail "$what: failed and main did not move forward from where it was"
	elif [ "$rc" -ne 0 ] && [ "$(refs "$T/try")" != "$before" ]; then
		fail "$what: failed but git changed"
	fi
	# A file written outside the workspace (render, export) is whole or absent.
	if [ "$rc" -ne 0 ] && [ -n "$(ls -A "$T/out")" ]; then
		fail "$what: failed but left $(ls -A "$T/out" | tr '\n' ' ')"
	fi
	out="$(git --git-dir="$T/try/repo.git" fsck --strict 2>&1)" || fail "$what: git fsck: $out"
	if ! v1="$(views 2>&1)"; then fail "$what: the next command fails: $v1"; return; fi
	if ! out="$("$OVERENS" -C "$T/try" reindex 2>&1)"; then fail "$what: reindex: $out"; return; fi
	v2="$(views 2>&1)" || true
	[ "$v1" = "$v2" ] || fail "$what: list/log differ from a fresh reindex: $(diff <(echo "$v1") <(echo "$v2") | head -20)"
}

# samples COUNT K: the n to try in the K-th loop (one per command and operation).
samples() {
	local c=$1 i
	if [ "$c" -le "$ALL" ]; then seq 1 "$c"; return; fi
	for i in $(seq 0 $((SAMPLES - 1))); do
		echo $((1 + (($2 + SEED) * 37 + i * c / SAMPLES) % c))
	done | sort -nu
}

tries=0 k=0
for cmd in "${COMMANDS[@]}"; do
	k=$((k + 1))
	[[ $cmd =~ ${OV_FAULT_ONLY:-.} ]] || continue
	rm -f "$T/count"
	OVERENS_FAIL_COUNT="$T/count" run "$cmd" ""
	before="$(refs "$(base_of "$cmd")")"
	expect_eq "$rc" 0 "a clean run of: $cmd: $err"
	line=""
	o=0
	for op in $OPS; do
		o=$((o + 1))
		count="$(awk -v op="$op" '$1 == op { print $2 }' "$T/count")"
		line="$line $op=$count"
		[ "$op" != git-alloc ] || continue
		for n in $(samples "${count:-0}" $((k * 8 + o))); do
			run "$cmd" "$op:$n"
			check "${cmd%% --*} [$op:$n]" "$before"
			tries=$((tries + 1))
		done
	done
	echo "${cmd:0:40}:$line"
done
echo "faults injected: $tries"
finish
