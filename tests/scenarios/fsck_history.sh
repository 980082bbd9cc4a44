#!/bin/bash
# History changed outside Överens is found and stays found: main rewritten
# with plain git (commit-tree + update-ref), main moved by writing the ref
# file (no reflog line), and a fast-forward commit whose trailers lie.
# `overens fsck` names the commits and exits 7, every command warns on
# stderr, neither `reindex` nor a deleted index loses a finding, only an
# admin may acknowledge one (an event commit, so git remembers it), and
# dropping that commit from history brings the finding back.
. "$(dirname "$0")/../lib/scenario.sh"
GIT=(git --git-dir="$WS/repo.git")
ADMIN=ada.admin@example.se
# The forger's identity for plain git.
export GIT_AUTHOR_NAME=Mallory GIT_AUTHOR_EMAIL=mallory@example.org
export GIT_COMMITTER_NAME=Mallory GIT_COMMITTER_EMAIL=mallory@example.org

# warning CMD...: what CMD prints on stderr.
warning() { "$@" 2>&1 >/dev/null || true; }
# forge PARENT PATH FILE MESSAGE: a commit on PARENT with PATH replaced by FILE.
forge() {
	local blob tree
	blob="$("${GIT[@]}" hash-object -w "$3")"
	GIT_INDEX_FILE="$T/forge.idx" "${GIT[@]}" read-tree "$1"
	GIT_INDEX_FILE="$T/forge.idx" "${GIT[@]}" update-index --add --cacheinfo "100644,$blob,$2"
	tree="$(GIT_INDEX_FILE="$T/forge.idx" "${GIT[@]}" write-tree)"
	rm -f "$T/forge.idx"
	printf '%s\n' "$4" | "${GIT[@]}" commit-tree "$tree" -p "$1"
}

setup_helsingborg
ov person add "$ADMIN" --name "Ada Admin" --org 212000-0258 --roles admin >/dev/null
a="$(ov new samverkansavtal --party krets=802002-8711 --party kommun=212000-0258 --date 2026-01-12)"
b="$(ov new samverkansavtal --party krets=802002-8711 --party kommun=212000-0258 --date 2026-01-13)"
ov contact "$a" --with "Karin Ek" --date 2026-01-12 >/dev/null
ov --as lars.oberg@example.org decide "$a" --party krets --minutes "§ 3" --date 2026-01-20 >/dev/null
ov set "$a" behov.lokala "Anhöriga saknar samtalsgrupper." >/dev/null
PA="agreements/${a: -2}/$a/agreement.xml"
PB="agreements/${b: -2}/$b/agreement.xml"

# --- a workspace Överens wrote alone is clean ---------------------------------------

expect_report 0 "fsck: historiken är hel, inga avvikelser" ov fsck
expect_eq "$(ov fsck --json | json 'j["ok"], j["open"], len(j["findings"])')" "True 0 0" \
	"fsck --json: clean"
expect_eq "$(warning ov status "$a")" "" "no warning on a clean workspace"
expect_eq "$("${GIT[@]}" config core.logAllRefUpdates)" "always" "every ref move is logged"

# --- main rewritten with plain git: the last change replaced by another text ---------

old="$("${GIT[@]}" rev-parse main)"
"${GIT[@]}" show "main:$PA" | sed 's/Anhöriga saknar samtalsgrupper./Förfalskad text./' > "$T/forged.xml"
forged="$(forge main~1 "$PA" "$T/forged.xml" "$("${GIT[@]}" log -1 --format=%B main)")"
"${GIT[@]}" update-ref refs/heads/main "$forged"
key="$old..$forged"
expect_report 7 "main flyttades från $old till $forged, som inte bygger på den" ov fsck
expect_contains "$report" "flyttad av Mallory <mallory@example.org>" "fsck names who moved main"
expect_contains "$report" "nyckel: $key" "fsck gives the key to acknowledge"
expect_contains "$report" "fsck: 1 avvikelse, 1 ej kvitterad" "fsck sums up"
expect_eq "$(ov fsck --json | json '[(f["kind"], f["old"], f["new"], f["acknowledged"]) for f in j["findings"]]')" \
	"[('rewrite', '$old', '$forged', False)]" "fsck --json: the rewrite"
W="varning: historiken för main har skrivits om utanför Överens (${old:0:12}..${forged:0:12}); kör 'overens fsck'"
expect_eq "$(warning ov status "$a")" "$W" "status warns on stderr"
expect_eq "$(warning ov show "$a")" "$W" "show warns on stderr"
expect_contains "$(ov show "$a" 2>/dev/null)" "Förfalskad text." "show reads what main holds"
expect_eq "$(warning ov list)" "$W" "list warns too"
expect_eq "$(warning ov list --json | json 'j["warning"]')" "$W" "in --json mode the warning is JSON"
# The finding is in git (the reflog, kept forever) and survives the index.
expect_contains "$("${GIT[@]}" log -g --format=%H main)" "$forged" "the reflog holds the move"
expect_ok ov reindex
expect_report 7 "nyckel: $key" ov fsck
rm -f "$WS/index.sqlite" "$WS/index.sqlite-wal" "$WS/index.sqlite-shm"
expect_eq "$(warning ov status "$a")" "$W" "still warned after the index was deleted"
expect_report 7 "nyckel: $key" ov fsck

# Only an admin acknowledges; the refusal writes nothing.
before="$(snapshot)"
expect_fail 4 "asa.lindqvist@example.se has the roles 'official'; only a person with the role admin may acknowledge fsck findings" \
	ov fsck --acknowledge "$key"
expect_fail 4 "only a person with the role admin" \
	ov --as lars.oberg@example.org fsck --acknowledge "$key"
expect_fail 4 "is not registered in this workspace" ov --as nobody@example.se fsck --acknowledge "$key"
expect_eq "$(snapshot)" "$before" "a refused acknowledgement writes nothing"
expect_fail 3 "no finding '0123456..$forged' to acknowledge" \
	ov --as "$ADMIN" fsck --acknowledge "0123456..$forged"
expect_ok ov --as "$ADMIN" fsck --acknowledge "${old:0:7}..${forged:0:9}"
expect_contains "$out" "Kvitterade $key" "the acknowledgement names the full key"
ack="$("${GIT[@]}" rev-parse main)"
msg="$("${GIT[@]}" log -1 --format=%B main)"
expect_contains "$msg" "Event: fsck-acknowledge" "the acknowledgement is an event commit"
expect_contains "$msg" "Finding: $key" "it names the finding"
expect_contains "$msg" "Actor: $ADMIN" "and the admin"
expect_eq "$("${GIT[@]}" rev-parse main^)" "$forged" "on top of the rewritten history"
expect_eq "$(warning ov status "$a")" "" "no warning once acknowledged"
expect_report 0 "[kvitterad av $ADMIN i commit ${ack:0:12}] omskriven historik" ov fsck
expect_contains "$report" "fsck: 1 avvikelse, 0 ej kvitterade" "fsck: acknowledged"
expect_ok ov reindex
expect_eq "$(ov fsck --json | json 'j["ok"], [(f["acknowledged"], f["acknowledged_by"]) for f in j["findings"]]')" \
	"True [(True, '$ADMIN')]" "the acknowledgement is known from git after a rebuild"
expect_fail 3 "finding '$key' is already acknowledged (commit $ack)" \
	ov --as "$ADMIN" fsck --acknowledge "$key"

# --- main moved by writing the ref file: no reflog line from git ------------------------

# Back to the forged commit: the acknowledgement leaves the history.
echo "$forged" > "$WS/repo.git/refs/heads/main"
W2="varning: historiken för main har skrivits om utanför Överens (${old:0:12}..${forged:0:12}) och 1 avvikelse till; kör 'overens fsck'"
expect_eq "$(warning ov status "$a")" "$W2" "the dropped acknowledgement brings its finding back"
expect_contains "$("${GIT[@]}" reflog show --format='%H %gs' main | head -1)" \
	"$forged overens: main flyttades utan rad i refloggen" "Överens wrote the missing reflog line"
rm -f "$WS/index.sqlite" "$WS/index.sqlite-wal" "$WS/index.sqlite-shm"
expect_report 7 "nyckel: $ack..$forged" ov fsck
expect_contains "$report" "fsck: 2 avvikelser, 2 ej kvitterade" "both moves are findings"
expect_ok ov --as "$ADMIN" fsck --acknowledge "$key"
expect_ok ov --as "$ADMIN" fsck --acknowledge "$ack..$forged"
expect_report 0 "fsck: 2 avvikelser, 0 ej kvitterade" ov fsck

# --- a fast-forward commit whose trailers lie ------------------------------------------

"${GIT[@]}" show "main:$PB" | sed 's/<title>[^<]*</<title>Ändrad i smyg</' > "$T/b.xml"
lie="$(forge main "$PB" "$T/b.xml" "set: $a Titel

Agreement: $a
Event: set
Date: 2026-01-21
Actor: asa.lindqvist@example.se")"
"${GIT[@]}" update-ref refs/heads/main "$lie" "$("${GIT[@]}" rev-parse main)"
expect_eq "$(warning ov status "$b")" \
	"varning: commit ${lie:0:12} stämmer inte med sina trailers; kör 'overens fsck'" \
	"a lying commit is warned about"
expect_report 7 "trailern säger Agreement: $a men commiten ändrar $PB" ov fsck
expect_contains "$report" "nyckel: $lie" "keyed by the commit"
# One more, without any Event: trailer, changing a file no event owns.
printf 'x\n' > "$T/x.txt"
bare="$(forge main notes/x.txt "$T/x.txt" "en ändring utan händelse")"
"${GIT[@]}" update-ref refs/heads/main "$bare"
expect_report 7 "saknar trailern Event" ov fsck
expect_contains "$report" "ändrar notes/x.txt, som inte hör till händelsen (ingen)" "the stray file"
expect_contains "$report" "fsck: 4 avvikelser, 2 ej kvitterade" "four findings, two open"
expect_ok ov --as "$ADMIN" fsck --acknowledge "${lie:0:10}"
expect_ok ov --as "$ADMIN" fsck --acknowledge "$bare"
expect_report 0 "fsck: 4 avvikelser, 0 ej kvitterade" ov fsck
expect_eq "$(warning ov status "$a")" "" "all acknowledged: no warning"
expect_ok git --git-dir="$WS/repo.git" fsck --strict
finish
