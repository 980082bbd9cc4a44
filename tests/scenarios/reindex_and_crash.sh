#!/bin/bash
# git is the source of truth: every read command answers the same after
# `overens reindex`, after the index file is deleted or damaged, and after
# a simulated crash between the git commit and the SQLite update.
. "$(dirname "$0")/../lib/scenario.sh"
setup_helsingborg

mk() { ov new samverkansavtal --party krets=802002-8711 --party kommun=212000-0258 --date "$1"; }
a="$(mk 2026-01-12)"; b="$(mk 2026-02-01)"; c="$(mk 2026-03-01)"
ov contact "$a" --with "Karin Ek" --date 2026-01-12 >/dev/null
ov --as lars.oberg@example.org decide "$a" --party krets --minutes "§ 3" --date 2026-01-20 >/dev/null
ov contact "$b" --with "Karin Ek" --date 2026-02-01 >/dev/null

views() {
	ov list --json --date 2026-06-01
	ov due --json --date 2026-01-01 --within 3y
	for id in "$a" "$b" "$c"; do
		ov status "$id" --json --date 2026-06-01
		ov log "$id" --json
	done
}
before="$(views)"
expect_contains "$before" "\"id\":\"$c\"" "views list every agreement"

expect_ok ov reindex
expect_eq "$(views)" "$before" "views after reindex"

rm -f "$WS/index.sqlite" "$WS/index.sqlite-wal" "$WS/index.sqlite-shm"
expect_eq "$(views)" "$before" "views after deleting the index"

printf 'this is not a database' > "$WS/index.sqlite"
rm -f "$WS/index.sqlite-wal" "$WS/index.sqlite-shm"
expect_eq "$(views)" "$before" "views after damaging the index"

# Crash between git and SQLite: keep the old index, commit, put the old index back.
cp "$WS/index.sqlite" "$T/old.sqlite"
ov --as per.stahl@example.se decide "$a" --party kommun --minutes "§ 9" --date 2026-01-25 >/dev/null
after="$(views)"
cp "$T/old.sqlite" "$WS/index.sqlite"
rm -f "$WS/index.sqlite-wal" "$WS/index.sqlite-shm"
expect_eq "$(views)" "$after" "an index behind git catches up on open"
expect_eq "$(ov status "$a" --json | json 'j["phase"]')" "kartlaggning" "the missed event is seen"

# The index file is checked (PRAGMA quick_check, O(database)) only where damage is
# possible.  A table no command touches stands for a damaged part of the file:
# its one page is overwritten, which only the check finds.
# db SQL: runs SQL on the index (Python's sqlite3 module), prints each row's first column.
db() {
	python3 -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1], isolation_level=None)
try:
    for r in c.execute(sys.argv[2]):
        print(r[0])
except sqlite3.DatabaseError as e:
    print(e)' "$WS/index.sqlite" "$1"
}
damage_junk() {
	local page size
	db "CREATE TABLE junk (x TEXT)" >/dev/null
	db "INSERT INTO junk VALUES ('a')" >/dev/null
	db "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
	page="$(db "SELECT rootpage FROM sqlite_master WHERE name = 'junk'")"
	size="$(db "PRAGMA page_size")"
	head -c "$size" /dev/urandom | dd of="$WS/index.sqlite" bs="$size" seek=$((page - 1)) conv=notrunc 2>/dev/null
}
junk_tables() { db "SELECT count(*) FROM sqlite_master WHERE name = 'junk'"; }
fault_rc() { local rc=0; OVERENS_FAULT=index-checked "$OVERENS" -C "$WS" "$@" >/dev/null 2>&1 || rc=$?; echo "$rc"; }

# An index whose head is git's is trusted as it is: no check, no rebuild.
damage_junk
expect_eq "$(fault_rc list)" "0" "a fresh index is not checked on open"
expect_eq "$(junk_tables)" "1" "a fresh index is not rebuilt on open"
expect_eq "$(db 'PRAGMA quick_check' | head -1)" "database disk image is malformed" \
	"the damage is there for the check to find"
# reindex and fsck check the file they replace.
expect_eq "$(fault_rc reindex)" "137" "reindex runs the integrity check"
expect_eq "$(fault_rc --as lars.oberg@example.org fsck)" "137" "fsck runs the integrity check"
expect_ok ov reindex
expect_eq "$(junk_tables)" "0" "reindex replaced the damaged file"
expect_eq "$(db 'PRAGMA quick_check')" "ok" "the rebuilt index passes the check"

# A crash between git and SQLite (the index's head behind git's) with a damaged file: the
# check finds the damage and the index is rebuilt, not caught up.
cp "$WS/index.sqlite" "$T/old.sqlite"
ov --as lars.oberg@example.org set "$a" kommunens-ataganden "efter kontrollen" >/dev/null
after="$(views)"
cp "$T/old.sqlite" "$WS/index.sqlite"
rm -f "$WS/index.sqlite-wal" "$WS/index.sqlite-shm"
damage_junk
expect_eq "$(fault_rc list)" "137" "an index behind git is checked"
expect_eq "$(views)" "$after" "views after a crash with a damaged index"
expect_eq "$(junk_tables)" "0" "the damaged index behind git was rebuilt"
expect_eq "$(db 'PRAGMA quick_check')" "ok" "the rebuilt index passes the check"

# A history rewritten outside Överens (main moved back past the last two commits): full rebuild.
git --git-dir="$WS/repo.git" update-ref refs/heads/main HEAD~2
expect_eq "$(ov status "$a" --json | json 'j["phase"]')" "beslut" "index follows main backwards"
expect_ok git --git-dir="$WS/repo.git" fsck --strict
finish
