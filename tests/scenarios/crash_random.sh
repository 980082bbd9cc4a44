#!/bin/bash
# Writers killed with SIGKILL, checked against a model of what must hold.
#
# 1. Deterministic: an index rebuild (`reindex`, and the repair a read
#    command makes of a damaged index) killed at each of its steps
#    (rebuild-written, rebuild-old-removed, rebuild-renamed, see
#    store/workspace.h), and the catch-up of an index a killed writer left
#    behind git, killed after its check: the next command finds a sound
#    index equal to a fresh rebuild, and no lock blocks a writer.
# 2. Seeded random kills: CRASH_KILLS operations (default 200), each killed
#    after a random delay between nothing and one and a half times its own
#    duration (measured first), the delays drawn from bash's generator seeded
#    with CRASH_SEED (default 1), so a run is repeatable up to the machine's
#    timing.  The operations, drawn from the same generator: `set` on one
#    agreement (six in ten), a first digital signature of another (two in
#    ten; after one lands, signing is cancelled and the agreement assigned
#    again, unkilled, so the next can be killed), `reindex`, and `list`
#    (which repairs an index a killed writer left behind).
#    The model: every operation ends finished (exit 0) or killed (137),
#    nothing else; an item `set` reported is in git exactly once, a killed
#    one at most once, and no earlier item is ever lost; a finished
#    signature is in git, a killed one is there or not; after every kill
#    `git fsck --strict` is clean; every tenth operation and at the end,
#    `status`, `log` and `list` equal what a fresh `reindex` gives, and an
#    unkilled write goes through (no lock left behind blocks it).
# Each process killed is the overens process itself ($! of a simple
# command), and it is waited for before anything is checked.
# scripts/bench-crash.sh runs the long mode (CRASH_KILLS=10000).
. "$(dirname "$0")/../lib/scenario.sh"
. "$(dirname "$0")/../lib/signing.sh"
KILLS="${CRASH_KILLS:-200}"
SEED="${CRASH_SEED:-1}"

mkca ca '/C=SE/O=Överens scenariotest/CN=Scenario-CA'
cert ca lars "/C=SE/O=Helsingborgs rödakorskrets/CN=Lars Öberg/emailAddress=$LARS" v3_signer lars -days 30
openssl pkcs12 -export -inkey "$C/lars.key" -in "$C/lars.pem" -certfile "$C/ca.pem" \
	-name "Lars Öberg" -out "$C/lars.p12" -passout pass:hemligt-lars
printf 'hemligt-lars\n' > "$C/lars.pass"

setup_helsingborg
ov trust add "$C/ca.pem" >/dev/null
a="$(ov new samverkansavtal --party krets=802002-8711 --party kommun=212000-0258 --date 2026-01-12)"
ov contact "$a" --with "Karin Ek" --date 2026-01-12 >/dev/null
b="$(ov new samverkansavtal --party krets=802002-8711 --party kommun=212000-0258 --date 2026-01-12)"
to_signing "$b"
XA="agreements/${a: -2}/$a/agreement.xml"
XB="agreements/${b: -2}/$b/agreement.xml"

items() { "${GIT[@]}" show "main:$XA" | grep -c "<item>k[0-9]*</item>" || true; }
item_n() { "${GIT[@]}" show "main:$XA" | grep -c "<item>k$1</item>" || true; }
signatures() { "${GIT[@]}" show "main:$XB" | grep -c "<signature " || true; }
views() {
	ov status "$a" --json --date 2026-03-01; ov status "$b" --json --date 2026-03-01
	ov log "$a" --json; ov log "$b" --json; ov list --json --date 2026-03-01
}
# same_as_rebuild WHAT: the index answers as a fresh rebuild from git does.
same_as_rebuild() {
	local before
	before="$(views)"
	ov reindex >/dev/null
	expect_eq "$(views)" "$before" "$1: status, log and list equal a fresh reindex"
}
sign_b() { "$OVERENS" -C "$WS" --as "$LARS" sign "$b" --party krets --p12 "$C/lars.p12" \
	--password-file "$C/lars.pass" --date 2026-03-20 "$@"; }

# --- 1. an index rebuild killed at each step ----------------------------------------------

for point in rebuild-written rebuild-old-removed rebuild-renamed; do
	rc=0
	{ OVERENS_FAULT=$point "$OVERENS" -C "$WS" reindex >/dev/null 2>&1; } 2>/dev/null || rc=$?
	expect_eq "$rc" "137" "reindex killed at $point"
	expect_contains "$(ov list)" "$a" "after reindex killed at $point: list works"
	same_as_rebuild "reindex killed at $point"
	# A damaged index is rebuilt by the next command: that repair killed.
	printf 'kein SQLite\n' > "$WS/index.sqlite"
	rm -f "$WS/index.sqlite-wal" "$WS/index.sqlite-shm"
	rc=0
	{ OVERENS_FAULT=$point "$OVERENS" -C "$WS" list >/dev/null 2>&1; } 2>/dev/null || rc=$?
	expect_eq "$rc" "137" "the repair of a damaged index killed at $point"
	expect_contains "$(ov list)" "$a" "after a repair killed at $point: list works"
	same_as_rebuild "repair killed at $point"
	expect_ok ov set "$a" kommunens-ataganden "skrivs efter $point"
	expect_ok git --git-dir="$WS/repo.git" fsck --strict
done
# A writer killed after main moved leaves the index behind; the next read
# catches it up after checking the file, and is killed right after the check.
rc=0
{ OVERENS_FAULT=txn-ref-moved "$OVERENS" -C "$WS" set "$a" kommunens-ataganden "bakom" \
	>/dev/null 2>&1; } 2>/dev/null || rc=$?
expect_eq "$rc" "137" "writer killed after moving main"
rc=0
{ OVERENS_FAULT=index-checked "$OVERENS" -C "$WS" list >/dev/null 2>&1; } 2>/dev/null || rc=$?
expect_eq "$rc" "137" "catch-up killed after the index check"
expect_eq "$(ov log "$a" --json | json 'len(j)')" \
	"$("${GIT[@]}" log --format=%H --grep="^Agreement: $a" main | wc -l | tr -d ' ')" \
	"the next read has caught the index up with git"
same_as_rebuild "catch-up killed"

# --- 2. seeded random kills ---------------------------------------------------------------

# How long each operation takes when nothing stops it, in microseconds.
usec() { local t0; t0="$(date +%s%N)"; "$@" >/dev/null 2>&1; echo $((($(date +%s%N) - t0) / 1000)); }
t_set="$(usec ov set "$a" kommunens-ataganden "mätning")"
t_sign="$(usec sign_b)"
ov cancel-signing "$b" --date 2026-03-21 >/dev/null
ov assign "$b" --date 2026-03-22 >/dev/null
t_reindex="$(usec ov reindex)"
t_list="$(usec ov list)"

RANDOM="$SEED"
landed=$(items) signed=0 killed=0 finished=0
declare -A kinds=()
for i in $(seq 1 "$KILLS"); do
	r=$((RANDOM % 10))
	if [ "$r" -lt 6 ]; then
		op=set span=$t_set
		"$OVERENS" -C "$WS" set "$a" kommunens-ataganden "k$i" >/dev/null 2>"$T/err" &
	elif [ "$r" -lt 8 ]; then
		op=sign span=$t_sign
		if [ "$signed" -eq 1 ]; then
			ov cancel-signing "$b" --date 2026-03-21 >/dev/null
			ov assign "$b" --date 2026-03-22 >/dev/null
			signed=0
		fi
		# The command itself, not sign_b: a function run with & is a subshell,
		# and killing it would leave overens running on.
		"$OVERENS" -C "$WS" --as "$LARS" sign "$b" --party krets --p12 "$C/lars.p12" \
			--password-file "$C/lars.pass" --date 2026-03-20 >/dev/null 2>"$T/err" &
	elif [ "$r" -lt 9 ]; then
		op=reindex span=$t_reindex
		"$OVERENS" -C "$WS" reindex >/dev/null 2>"$T/err" &
	else
		op=list span=$t_list
		"$OVERENS" -C "$WS" list >/dev/null 2>"$T/err" &
	fi
	pid=$!
	us=$(((RANDOM * 32768 + RANDOM) % (span * 3 / 2 + 1)))
	sleep "$((us / 1000000)).$(printf %06d $((us % 1000000)))"
	kill -9 "$pid" 2>/dev/null || true
	rc=0
	{ wait "$pid"; } 2>/dev/null || rc=$?
	kinds[$op]=$((${kinds[$op]:-0} + 1))
	case $rc in
	0) finished=$((finished + 1)) ;;
	137) killed=$((killed + 1)) ;;
	*) fail "operation $i ($op) exited $rc: neither finished nor killed: $(cat "$T/err")" ;;
	esac
	case $op in
	set)
		n="$(item_n "$i")"
		[ "$rc" -eq 0 ] && [ "$n" != 1 ] && fail "operation $i: a finished set is not in git once ($n)"
		[ "$n" -gt 1 ] && fail "operation $i: item k$i is in git $n times"
		landed=$((landed + n))
		expect_eq "$(items)" "$landed" "operation $i: no item lost or doubled" ;;
	sign)
		signed="$(signatures)"
		[ "$rc" -eq 0 ] && [ "$signed" != 1 ] && fail "operation $i: a finished signature is not in git"
		[ "$signed" -le 1 ] || fail "operation $i: $signed signatures" ;;
	esac
	if [ "$rc" -eq 137 ]; then
		git --git-dir="$WS/repo.git" fsck --strict >"$T/fsck" 2>&1 ||
			{ fail "operation $i ($op, killed after ${us} µs): git fsck --strict finds a fault: $(cat "$T/fsck")"; [ -n "${CRASH_KEEP:-}" ] && cp -a "$WS" "$CRASH_KEEP" && exit 1; }
	fi
	if [ $((i % 10)) -eq 0 ]; then
		same_as_rebuild "after operation $i"
		expect_ok ov set "$a" kommunens-ataganden "kontroll $i"
	fi
done
echo "crash_random: seed $SEED, $KILLS operations (set ${kinds[set]:-0}, sign ${kinds[sign]:-0}," \
	"reindex ${kinds[reindex]:-0}, list ${kinds[list]:-0}): $killed killed, $finished finished"
[ "$killed" -gt 0 ] || fail "no operation was killed: the delays miss every write"
same_as_rebuild "at the end"
expect_ok ov set "$a" kommunens-ataganden "sist"
expect_ok git --git-dir="$WS/repo.git" fsck --strict
expect_eq "$(ov fsck >/dev/null 2>&1; echo $?)" "0" "fsck finds nothing wrong after the kills"
finish
