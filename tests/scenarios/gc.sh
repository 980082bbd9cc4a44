#!/bin/bash
# overens gc packs the repository and loses nothing: on the demo workspace
# (a signed agreement with its history, tags and follow-up) every loose
# object goes into one pack and the refs into packed-refs, git fsck --strict
# is clean, status, log, list, show of a tagged version and verify give what
# they gave before, and a reindex agrees.  Killed (SIGKILL) at each of its
# steps (gc-pack-written, gc-refs-packed, gc-loose-removed) it leaves a sound
# repository that reads the same, and the next gc and write go through.
# Readers running all through a gc never fail.  A write packs by itself when
# the loose objects pass gc.auto.  A full gc removes loose objects nothing
# reaches once they are two weeks old, and keeps younger ones.
. "$(dirname "$0")/../lib/scenario.sh"
"$OVERENS" demo "$T/demo" >/dev/null 2>&1 || { echo "the demo failed"; exit 1; }
ORIG="$T/demo"
GITW() { git --git-dir="$WS/repo.git" "$@"; }
loose() { GITW count-objects -v | sed -n 's/^count: //p'; }
packs() { GITW count-objects -v | sed -n 's/^packs: //p'; }
views() {
	ov status 2026-0001 --json --date 2026-06-01; ov log 2026-0001 --json
	ov list --json --date 2026-06-01; ov show 2026-0001 --rev 2026-0001-v1 | sha256sum
	ov verify 2026-0001 --json | sha256sum
}
fresh() { rm -rf "$T/ws"; cp -a "$ORIG" "$T/ws"; WS="$T/ws"; }

# --- a whole gc ------------------------------------------------------------------------------

fresh
before="$(views)"
n="$(loose)"
[ "$n" -gt 100 ] || fail "the demo leaves many loose objects (got $n)"
expect_eq "$(packs)" "0" "no pack before"
gcout="$(ov gc --json)"
expect_eq "$(echo "$gcout" | json 'j["loose_before"]')" "$n" "gc counts the loose objects"
expect_eq "$(echo "$gcout" | json 'j["packs_after"]')" "1" "gc reports one pack"
expect_eq "$(loose)" "0" "no loose object left"
expect_eq "$(packs)" "1" "one pack"
expect_eq "$(ls "$WS/repo.git/refs/tags" | wc -l | tr -d ' ')" "0" "the tags are packed"
expect_contains "$(cat "$WS/repo.git/packed-refs")" "refs/tags/2026-0001-v1" "packed-refs holds the tag"
expect_ok GITW fsck --strict
expect_eq "$(views)" "$before" "status, log, list, show and verify read the same after gc"
ov reindex >/dev/null
expect_eq "$(views)" "$before" "and a reindex agrees"
[ "$(echo "$gcout" | json 'j["bytes_after"] < j["bytes_before"]')" = True ] ||
	fail "the pack is smaller than the loose objects: $gcout"
# A second gc packs the same objects again into one pack.
expect_ok ov gc
expect_eq "$(packs)" "1" "a second gc leaves one pack"
expect_ok GITW fsck --strict

# --- killed at each step -------------------------------------------------------------------------

for point in gc-pack-written gc-refs-packed gc-loose-removed; do
	fresh
	rc=0
	{ OVERENS_FAULT=$point "$OVERENS" -C "$WS" gc >/dev/null 2>&1; } 2>/dev/null || rc=$?
	expect_eq "$rc" "137" "gc killed at $point"
	expect_ok GITW fsck --strict
	expect_eq "$(views)" "$before" "killed at $point: everything reads the same"
	expect_ok ov gc
	expect_eq "$(loose)" "0" "killed at $point: the next gc finishes the work"
	expect_eq "$(views)" "$before" "killed at $point: and reads the same after it"
	expect_ok ov --as asa.lindqvist@example.se person add "ny.$point@example.se" --name "Ny Person" \
		--org 212000-0258 --roles official
	expect_ok GITW fsck --strict
done

# --- readers during a gc ----------------------------------------------------------------------------

fresh
reader() {
	local i
	for i in $(seq 1 40); do
		ov show 2026-0001 --rev 2026-0001-v1 >/dev/null || { echo "show failed at $i"; return 1; }
		ov verify 2026-0001 >/dev/null || { echo "verify failed at $i"; return 1; }
	done
}
reader > "$T/reader.log" 2>&1 &
rpid=$!
for i in 1 2 3 4 5; do ov gc >/dev/null; done
rrc=0
wait "$rpid" || rrc=$?
expect_eq "$rrc" "0" "readers never failed during five gcs ($(cat "$T/reader.log"))"

# --- a write packs by itself -----------------------------------------------------------------------

fresh
ov gc >/dev/null
ov config gc.auto 40 >/dev/null
id="$(ov new samverkansavtal --party krets=802002-8711 --party kommun=212000-0258 --date 2026-05-01)"
for i in $(seq 1 12); do ov set "$id" kommunens-ataganden "punkt $i" >/dev/null; done
[ "$(loose)" -le 40 ] || fail "writes keep the loose objects under gc.auto (got $(loose))"
[ "$(packs)" -ge 2 ] || fail "a write made a pack by itself (packs: $(packs))"
expect_ok GITW fsck --strict
expect_eq "$(ov show "$id" | grep -c '<item>punkt')" "12" "every write is there"
ov config gc.auto 0 >/dev/null
for i in $(seq 13 20); do ov set "$id" kommunens-ataganden "punkt $i" >/dev/null; done
[ "$(loose)" -gt 40 ] || fail "gc.auto 0 turns the automatic packing off (loose: $(loose))"

# --- unreachable objects: old ones go, young ones stay -----------------------------------------------------

fresh
old="$(echo "ett gammalt föräldralöst objekt" | GITW hash-object -w --stdin)"
young="$(echo "ett nytt föräldralöst objekt" | GITW hash-object -w --stdin)"
touch -d '15 days ago' "$WS/repo.git/objects/${old:0:2}/${old:2}"
ov gc >/dev/null
expect_eq "$(GITW cat-file -t "$old" 2>/dev/null || echo borta)" "borta" "an unreachable object two weeks old is removed"
expect_eq "$(GITW cat-file -t "$young" 2>/dev/null || echo borta)" "blob" "a young unreachable object is kept"

finish
