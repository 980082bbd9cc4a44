#!/bin/bash
# Every write command, made to fail at each kind of operation in turn
# (OVERENS_FAIL=<op>:<n>, a build with -DOV_FAULTS=ON; elsewhere this test
# is skipped): the n-th file write, fsync, rename or open of Överens, the
# n-th write, sync or truncation of SQLite, the n-th object, tag, ref or
# config write of git, the n-th allocation of SQLite.  (libgit2's own
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
#   - when it failed, git is where it was (HEAD, main, tags, every ref);
#   - git fsck --strict finds nothing;
#   - the next commands work, and `list --json` and `log ID --json` equal
#     what they give after a fresh `overens reindex`;
#   - a failed init leaves nothing in the way of the next init.
# A command that succeeded despite the fault (a best-effort step failed,
# or the change was in git before the fault) is checked the same way.
. "$(dirname "$0")/../lib/scenario.sh"
. "$(dirname "$0")/../lib/signing.sh"
ALL=${OV_FAULT_ALL:-1} SAMPLES=${OV_FAULT_SAMPLES:-1} SEED=${OV_FAULT_SEED:-0}
OPS="write fsync rename open sqlite git alloc git-alloc"

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

setup_helsingborg
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
BASE="$T/base"
cp -a "$WS" "$BASE"

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
)

GIT=(git --git-dir="$T/try/repo.git")
refs() { { cat "$T/try/repo.git/HEAD"; "${GIT[@]}" for-each-ref --format='%(refname) %(objectname)'; } 2>&1; }
views() { "$OVERENS" -C "$T/try" list --json --date 2027-06-01 && "$OVERENS" -C "$T/try" log "$inforce" --json; }

# run CMD FAIL: the command (words split on blanks, '_' inside a word is a
# blank) in a fresh copy $T/try of the base, with OVERENS_FAIL=FAIL ("" for
# none); sets rc and err (its stderr).
run() {
	local -a words=()
	local w
	for w in $1; do words+=("${w//_/ }"); done
	rm -rf "$T/try" "$T/new"
	cp -a "$BASE" "$T/try"
	rc=0
	if [ "${words[0]}" = init ]; then
		err="$(OVERENS_FAIL="$2" "$OVERENS" init "$T/new" 2>&1 >/dev/null)" || rc=$?
	else
		err="$(OVERENS_FAIL="$2" "$OVERENS" -C "$T/try" "${words[@]}" 2>&1 >/dev/null)" || rc=$?
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
	[ "$rc" -eq 0 ] || [ "$(refs)" = "$before" ] || fail "$what: failed but git changed"
	out="$(git --git-dir="$T/try/repo.git" fsck --strict 2>&1)" || fail "$what: git fsck: $out"
	if ! v1="$(views 2>&1)"; then fail "$what: the next command fails: $v1"; return; fi
	if ! out="$("$OVERENS" -C "$T/try" reindex 2>&1)"; then fail "$what: reindex: $out"; return; fi
	v2="$(views 2>&1)" || true
	[ "$v1" = "$v2" ] || fail "$what: list/log differ from a fresh reindex"
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
	rm -rf "$T/try" "$T/new"
	cp -a "$BASE" "$T/try"
	before="$(refs)"
	words=()
	for w in $cmd; do words+=("${w//_/ }"); done
	rc=0
	if [ "$cmd" = init ]; then
		OVERENS_FAIL_COUNT="$T/count" "$OVERENS" init "$T/new" >/dev/null 2>&1 || rc=$?
	else
		OVERENS_FAIL_COUNT="$T/count" "$OVERENS" -C "$T/try" "${words[@]}" >/dev/null 2>&1 || rc=$?
	fi
	expect_eq "$rc" 0 "a clean run of: $cmd"
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
