#!/bin/bash
# What a hostile or careless file system and bad input do, each refused with
# a message naming the file or the value, writing nothing:
#  - a symbolic link at the workspace's lock, at the index, or at git's lock
#    of main is never followed (nothing is created outside the workspace);
#  - a stale lock of main left by a dead writer does not block the next one;
#  - a workflow whose guard cannot be evaluated (an unknown function, an
#    unknown variable) is refused when it is loaded, at `new`;
#  - a person's name or e-mail that is no git identity ('<', '>', a line
#    break) is refused at `person add`;
#  - `show --rev` names a revision that does not exist.
. "$(dirname "$0")/../lib/scenario.sh"
setup_helsingborg
id="$(ov new samverkansavtal --party krets=802002-8711 --party kommun=212000-0258 --date 2026-01-12)"
OUT="$T/outside"
mkdir -p "$OUT"

# --- symbolic links --------------------------------------------------------------

head="$(snapshot)"
rm "$WS/lock"
ln -s "$OUT/lock" "$WS/lock"
expect_fail 1 "lock: is a symbolic link, which the workspace never follows" \
	ov set "$id" kommunens-ataganden "via länk"
expect_eq "$(ls "$OUT")" "" "the lock's link created nothing outside"
expect_eq "$(snapshot)" "$head" "nothing written past a linked lock"
rm "$WS/lock"

# A new workspace whose settings file would be a link to outside.
mkdir -p "$T/ny"
ln -s "$OUT/config" "$T/ny/config"
expect_fail 1 "config: is a symbolic link, which the workspace never follows; remove it" \
	"$OVERENS" init "$T/ny"
expect_eq "$(ls "$OUT")" "" "init followed no link"
rm "$T/ny/config"
expect_ok "$OVERENS" init "$T/ny"

ov list >/dev/null
mv "$WS/index.sqlite" "$T/index.sqlite"
ln -s "$OUT/index.sqlite" "$WS/index.sqlite"
expect_fail 1 "index.sqlite: not a regular file (a symbolic link); remove it and run 'overens reindex'" \
	ov list
expect_fail 1 "index.sqlite: not a regular file (a symbolic link)" \
	ov set "$id" kommunens-ataganden "via länk"
expect_eq "$(ls "$OUT")" "" "the index's link created nothing outside"
rm "$WS/index.sqlite"
mv "$T/index.sqlite" "$WS/index.sqlite"
expect_contains "$(ov list)" "$id" "the workspace works again with its own index"

ln -s "$OUT/main.lock" "$WS/repo.git/refs/heads/main.lock"
expect_fail 1 "refs/heads/main.lock: a git lock that is not a regular file (a symbolic link or a folder) blocks every write; remove it if no git command is running" \
	ov set "$id" kommunens-ataganden "via länk"
expect_eq "$(ls "$OUT")" "" "git's lock link created nothing outside"
expect_eq "$(snapshot)" "$head" "nothing written past a linked ref lock"
rm "$WS/repo.git/refs/heads/main.lock"

# A stale lock file (a writer killed while it held main's lock) is cleared.
: > "$WS/repo.git/refs/heads/main.lock"
expect_ok ov set "$id" kommunens-ataganden "efter ett gammalt lås"
expect_eq "$(git --git-dir="$WS/repo.git" rev-parse main^)" "$head" "the write went through"
head="$(snapshot)"

# --- a guard that cannot be evaluated ----------------------------------------------

mkdir -p "$T/data/workflows"
ln -s "$OV_SOURCE_DIR/templates" "$T/data/templates"
cp "$OV_SOURCE_DIR"/workflows/*.rng "$T/data/workflows/"
cp -r "$OV_SOURCE_DIR/workflows/subjects" "$T/data/workflows/"
guard='count(parties/party) = count(signatures/signature)'
grep -q "when=\"$guard\"" "$OV_SOURCE_DIR/workflows/samverkansavtal.xml" ||
	fail "the fixture guard is in the workflow"
sed -e "s|when=\"$guard\"|when=\"antal(parties/party) = count(signatures/signature)\"|" \
	-e 's|<workflow id="samverkansavtal"|<workflow id="trasig"|' \
	"$OV_SOURCE_DIR/workflows/samverkansavtal.xml" > "$T/data/workflows/trasig.xml"
sed -e "s|when=\"$guard\"|when=\"count(parties/party) = \$antal\"|" \
	-e 's|<workflow id="samverkansavtal"|<workflow id="trasig2"|' \
	"$OV_SOURCE_DIR/workflows/samverkansavtal.xml" > "$T/data/workflows/trasig2.xml"
line="$(grep -n 'antal(parties' "$T/data/workflows/trasig.xml" | cut -d: -f1)"
expect_fail 2 "trasig.xml:$line: XPath expression cannot be evaluated (an unknown function or variable?): antal(parties/party) = count(signatures/signature)" \
	env OVERENS_DATA="$T/data" "$OVERENS" -C "$WS" new trasig --party krets=802002-8711 \
	--party kommun=212000-0258 --date 2026-01-12
expect_fail 2 "XPath expression cannot be evaluated (an unknown function or variable?): count(parties/party) = \$antal" \
	env OVERENS_DATA="$T/data" "$OVERENS" -C "$WS" new trasig2 --party krets=802002-8711 \
	--party kommun=212000-0258 --date 2026-01-12
expect_eq "$(snapshot)" "$head" "a broken workflow starts nothing"

# --- identities -----------------------------------------------------------------------

expect_fail 2 "--name 'Evil <x@y.se>': a person's name has '<' or '>'" \
	ov person add ond@example.se --name "Evil <x@y.se>" --org 212000-0258 --roles official
expect_fail 2 "--name 'Rad
Två': a person's name has a line break or another control character" \
	ov person add rad@example.se --name "Rad
Två" --org 212000-0258 --roles official
expect_fail 2 "--name ' Ida': a person's name is empty or begins or ends with a space" \
	ov person add ida@example.se --name " Ida" --org 212000-0258 --roles official
expect_fail 2 "person: 'ond<x@y.se>' is not an e-mail address (it has '<' or '>')" \
	ov person add "ond<x@y.se>" --name "Ond" --org 212000-0258 --roles official
expect_eq "$(snapshot)" "$head" "refused people are not registered"
expect_ok ov person add ida@example.se --name "Ida Åkesson-Öst" --org 212000-0258 --roles official
head="$(snapshot)"

# --- revisions ------------------------------------------------------------------------------

expect_fail 3 "no commit, tag or branch 'finnsinte'" ov show "$id" --rev finnsinte
expect_fail 3 "no agreement 2026-0099 at main" ov show 2026-0099 --rev main
expect_contains "$(ov show "$id" --rev main)" "<agreement id=\"$id\"" "show --rev main"

finish
