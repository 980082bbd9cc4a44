#!/bin/bash
# A full disk, on a small tmpfs mounted for the test (it needs root; where no
# tmpfs can be mounted the test says so and is skipped, exit 77).  With the
# disk full, the commands that only read keep working from the index as it
# is; every write fails with a message naming the system's error ("No space
# left on device") and leaves the workspace as it was: the same head, git
# sound.  Then digital signing is tried with the disk filled to leave each of
# a series of free spaces, from nothing to enough: each attempt either signs
# or fails with the system's error, never a bare library message, and never
# leaves a half-written state.  Once space is freed the same signature goes
# through and the index equals a fresh reindex.
. "$(dirname "$0")/../lib/scenario.sh"
. "$(dirname "$0")/../lib/signing.sh"

MNT="$T/mnt"
mkdir -p "$MNT"
if [ "$(id -u)" -ne 0 ] || ! mount -t tmpfs -o size=6m overens-test "$MNT" 2>/dev/null; then
	echo "SKIP: cannot mount a tmpfs at $MNT (the test needs root); the full-disk checks did not run"
	exit 77
fi
# The mount is taken down however the test ends, before scenario.sh's cleanup.
trap 'umount "$MNT" 2>/dev/null; rm -rf "$T"' EXIT

mkca ca '/C=SE/O=Överens scenariotest/CN=Scenario-CA'
cert ca lars "/C=SE/O=Helsingborgs rödakorskrets/CN=Lars Öberg/emailAddress=$LARS" v3_signer lars -days 30
openssl pkcs12 -export -inkey "$C/lars.key" -in "$C/lars.pem" -certfile "$C/ca.pem" \
	-name "Lars Öberg" -out "$C/lars.p12" -passout pass:hemligt-lars
printf 'hemligt-lars\n' > "$C/lars.pass"

# The agreement, taken to signing on the ordinary disk, then copied to the tmpfs.
setup_helsingborg
ov trust add "$C/ca.pem" >/dev/null
id="$(ov new samverkansavtal --party krets=802002-8711 --party kommun=212000-0258 --date 2026-01-12)"
to_signing "$id"
ov list >/dev/null
ORIG="$T/orig"
mv "$WS" "$ORIG"

# fresh FREE_KB [nolog]: the workspace copied onto the tmpfs, the rest of it
# filled so that about FREE_KB kilobytes stay free; with nolog, without the
# index's log and shared-memory files (which the index keeps between
# processes), so that they cannot be made.
fresh() {
	rm -rf "$MNT"/*
	cp -a "$ORIG" "$MNT/ws"
	WS="$MNT/ws"
	[ "${2:-}" = nolog ] && rm -f "$WS/index.sqlite-wal" "$WS/index.sqlite-shm"
	GIT=(git --git-dir="$WS/repo.git")
	local avail
	avail=$(df -k --output=avail "$MNT" | tail -n 1)
	if [ "$avail" -gt "$1" ]; then
		dd if=/dev/zero of="$MNT/fill" bs=1k count=$((avail - $1)) 2>/dev/null || true
	fi
}
sign() { ov --as "$LARS" sign "$id" --party krets --p12 "$C/lars.p12" --password-file "$C/lars.pass" \
	--date 2026-03-20; }

# --- a full disk: reads work, writes name the error -------------------------------------

fresh 0
head="$(snapshot)"
expect_eq "$(df -k --output=avail "$MNT" | tail -n 1 | tr -d ' ')" "0" "the disk is full"
expect_contains "$(ov list)" "$id" "list works on a full disk"
expect_eq "$(ov status "$id" --json | json 'j["phase"]')" "signering" "status works on a full disk"
expect_contains "$(ov log "$id")" "contact" "log works on a full disk"
expect_contains "$(ov show "$id")" "<agreement id=\"$id\"" "show works on a full disk"
# A write the rules allow (the agreement itself is frozen for signing).
out="$(ov new samverkansavtal --party krets=802002-8711 --party kommun=212000-0258 \
	--date 2026-01-13 2>&1)" && fail "a write on a full disk succeeded"
expect_contains "$out" "No space left on device" "a refused write names the system's error"
out="$(sign 2>&1)" && fail "signing on a full disk succeeded"
expect_contains "$out" "No space left on device" "refused signing names the system's error"
expect_eq "$(snapshot)" "$head" "nothing was written"
expect_ok git --git-dir="$WS/repo.git" fsck --strict

# The same without the index's log files: SQLite cannot make them, so the
# index is read as it is (read-only), and writes still name the error.
fresh 0 nolog
head="$(snapshot)"
expect_eq "$(ls "$WS" | grep -c 'index.sqlite-' || true)" "0" "no log files beside the index"
expect_contains "$(ov list)" "$id" "list works on a full disk without the log files"
expect_eq "$(ov status "$id" --json | json 'j["phase"]')" "signering" \
	"status works on a full disk without the log files"
expect_contains "$(ov log "$id")" "contact" "log works on a full disk without the log files"
out="$(sign 2>&1)" && fail "signing on a full disk without the log files succeeded"
expect_contains "$out" "No space left on device" "refused signing names the system's error (no log files)"
expect_eq "$(snapshot)" "$head" "nothing was written (no log files)"

# --- signing with a little room: done, or refused with the system's error ----------------

signed=0
for free in 8 16 32 64 96 128 192 256 384 512 1024; do
	fresh "$free"
	head="$(snapshot)"
	if out="$(sign 2>&1)"; then
		signed=$((signed + 1))
		expect_eq "$("${GIT[@]}" rev-parse main^)" "$head" "$free KB free: signed in one commit"
	else
		case "$out" in
		*"No space left on device"*) CHECKS=$((CHECKS + 1)) ;;
		*) fail "$free KB free: signing failed without naming the system's error: $out" ;;
		esac
		expect_eq "$(snapshot)" "$head" "$free KB free: a failed signature wrote nothing"
	fi
	expect_ok git --git-dir="$WS/repo.git" fsck --strict
	# Room again: the workspace is whole and the index agrees with git.
	rm -f "$MNT/fill"
	[ "$(snapshot)" = "$head" ] && expect_ok sign
	expect_ok ov fsck
	expect_eq "$(ov log "$id" --json | json 'sum(1 for e in j if e["event"] == "sign")')" "1" \
		"$free KB free: exactly one signature in the log"
	list_before="$(ov list --json)"
	log_before="$(ov log "$id" --json)"
	ov reindex >/dev/null
	expect_eq "$(ov list --json)" "$list_before" "$free KB free: list equals a fresh reindex"
	expect_eq "$(ov log "$id" --json)" "$log_before" "$free KB free: log equals a fresh reindex"
done
[ "$signed" -gt 0 ] || fail "no amount of free space let the signature through"

finish
