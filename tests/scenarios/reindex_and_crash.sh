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
for f in behov.lokala behov.kretsen behov.kommunen; do :; done

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

# A history rewritten outside Överens (main moved back): full rebuild.
git --git-dir="$WS/repo.git" update-ref refs/heads/main HEAD~1
expect_eq "$(ov status "$a" --json | json 'j["phase"]')" "beslut" "index follows main backwards"
expect_ok git --git-dir="$WS/repo.git" fsck --strict
finish
