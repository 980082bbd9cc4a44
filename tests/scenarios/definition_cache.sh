#!/bin/bash
# A workflow (or subject) file that passed its schema is remembered in the
# index with its bytes and the schema's (found by their lengths and
# CRC-32s), and is not validated again; a changed file in the repository is
# validated as before, and an entry whose bytes differ vouches for nothing.
# OVERENS_FAULT=definition-validated kills the process where a validation
# would start, which shows whether one ran.
. "$(dirname "$0")/../lib/scenario.sh"
setup_helsingborg
GIT=(git --git-dir="$WS/repo.git")

id="$(ov new samverkansavtal --party krets=802002-8711 --party kommun=212000-0258 --date 2026-01-12)"
validates() { local rc=0; OVERENS_FAULT=definition-validated "$OVERENS" -C "$WS" "$@" \
	>/dev/null 2>&1 || rc=$?; [ "$rc" -eq 137 ] && echo yes || echo "no ($rc)"; }

ov reindex >/dev/null
expect_eq "$(validates status "$id")" "yes" "a rebuilt index remembers no validation"
expect_ok ov status "$id"
expect_eq "$(validates status "$id")" "no (0)" "an unchanged workflow is not validated again"
expect_eq "$(validates list)" "no (0)" "list validates nothing"

# Commits the file `file` as `path` on main behind Överens' back (the stock git client).
commit_file() {
	local path="$1" file="$2" blob tree commit
	blob="$("${GIT[@]}" hash-object -w "$file")"
	export GIT_INDEX_FILE="$T/git-index"
	rm -f "$GIT_INDEX_FILE"
	"${GIT[@]}" read-tree main
	"${GIT[@]}" update-index --add --cacheinfo "100644,$blob,$path"
	tree="$("${GIT[@]}" write-tree)"
	unset GIT_INDEX_FILE
	commit="$(GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.se GIT_COMMITTER_NAME=t \
		GIT_COMMITTER_EMAIL=t@example.se "${GIT[@]}" commit-tree "$tree" -p main -m "$path")"
	"${GIT[@]}" update-ref refs/heads/main "$commit"
}

wf=workflows/samverkansavtal.xml
"${GIT[@]}" show "main:$wf" > "$T/good.xml"
# Well-formed, the same id, but not what the schema allows: the cache must not vouch for it.
sed 's/<workflow /<workflow bogus="1" /' "$T/good.xml" > "$T/broken.xml"
expect_contains "$(cat "$T/broken.xml")" 'bogus="1"' "the broken copy differs from the good one"
commit_file "$wf" "$T/broken.xml"
expect_fail 2 "Invalid attribute bogus for element workflow" ov status "$id"
expect_eq "$(validates status "$id")" "yes" "a changed workflow file is validated again"
# The good bytes again: the same blob id as before, remembered.
commit_file "$wf" "$T/good.xml"
expect_eq "$(validates status "$id")" "no (0)" "the good blob is still remembered"
expect_ok ov status "$id"

# The key only finds an entry; the bytes decide.  An entry under the right
# key whose stored file or schema differs by one byte (as a CRC-32
# collision would) is not trusted.
db() { python3 -c 'import sqlite3,sys
c = sqlite3.connect(sys.argv[1]); r = c.execute(sys.argv[2]).fetchone(); c.commit()
print(r[0] if r else "")' "$WS/index.sqlite" "$1"; }
entries="$(db "SELECT count(*) FROM validated")"
db "UPDATE validated SET doc = CAST(substr(doc, 1, length(doc) - 1) || 'X' AS BLOB)"
expect_eq "$(validates status "$id")" "yes" "an entry whose file bytes differ is validated again"
ov status "$id" >/dev/null
expect_eq "$(db "SELECT count(*) FROM validated")" "$entries" "the entry is replaced, not added"
expect_eq "$(validates status "$id")" "no (0)" "and then remembered again"
db "UPDATE valid_schemas SET bytes = CAST(bytes || ' ' AS BLOB)"
expect_eq "$(validates status "$id")" "yes" "an entry whose schema bytes differ is validated again"
finish
