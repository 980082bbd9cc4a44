#!/bin/bash
# Libraries that only some commands need are opened on first use
# (include/overens/lazylib.h): the tool is not linked with them, a command
# that reads from the index maps none of them (not even libxml2 for `list`,
# `log`, `due` or `show`), and the commands that need one load it.  And the
# clause library and references, like the workflow definitions, are
# validated once and then remembered by their bytes.
. "$(dirname "$0")/../lib/scenario.sh"
setup_helsingborg
id="$(ov new samverkansavtal --party krets=802002-8711 --party kommun=212000-0258 --date 2026-01-12)"

lazy='libcrypto|libgit2|libxslt|libexslt|libhpdf|libharfbuzz|libp11|libzip|libdeflate|libcurl|libmicrohttpd'
xml='libxml2|libicu'
needed="$(readelf -d "$OVERENS" | grep NEEDED || true)"
expect_contains "$needed" "libsqlite3" "readelf lists the linked libraries"
expect_eq "$(echo "$needed" | grep -cE "$lazy|$xml" || true)" "0" "none of the lazily opened libraries is linked"

# The shared libraries a command maps, from the dynamic loader's own log.
loaded() { LD_DEBUG=libs LD_DEBUG_OUTPUT="$T/ld" "$OVERENS" -C "$WS" "$@" >/dev/null 2>&1 || true
	cat "$T"/ld.* | grep -oE "calling init: [^ ]*" | grep -oE "lib[A-Za-z0-9_.+-]*\.so" | sort -u
	rm -f "$T"/ld.*; }

ov status "$id" >/dev/null

# The clause library and references: remembered once they passed.
db() { python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' \
	"$WS/index.sqlite" "$1"; }
before="$(db "SELECT count(*) FROM validated")"
expect_ok ov render "$id" -o "$T/b.pdf"
after="$(db "SELECT count(*) FROM validated")"
clauses=$(ls "$OV_SOURCE_DIR"/templates/clauses/*.xml | wc -l)
expect_eq "$after" "$((before + clauses + 1))" "a render remembers each clause file and the references"
expect_ok ov render "$id" -o "$T/c.pdf"
expect_eq "$(db "SELECT count(*) FROM validated")" "$after" "a second render validates nothing new"

for cmd in "status $id" "list" "log $id" "show $id" "due" "--version"; do
	# shellcheck disable=SC2086
	got="$(loaded $cmd)"
	expect_contains "$got" "libsqlite3.so" "the loader's log names what '$cmd' maps"
	expect_eq "$(echo "$got" | grep -cE "$lazy" || true)" "0" "'$cmd' maps none of the lazily opened libraries"
	case "$cmd" in
	status*) expect_contains "$got" "libxml2.so" "'$cmd' evaluates the workflow: it loads libxml2" ;;
	*) expect_eq "$(echo "$got" | grep -cE "$xml" || true)" "0" \
		"'$cmd' answers from the index: no libxml2 nor ICU" ;;
	esac
done
got="$(loaded render "$id" -o "$T/a.pdf")"
for lib in libxml2.so libxslt.so libexslt.so libhpdf libharfbuzz.so libharfbuzz-subset.so libdeflate.so; do
	expect_contains "$got" "$lib" "render loads $lib"
done
got="$(loaded set "$id" kontakt.med "Åsa Lindqvist")"
expect_contains "$got" "libgit2.so" "a write loads libgit2"
got="$(loaded verify "$id")"
expect_contains "$got" "libcrypto.so" "verify loads libcrypto"

# A copy of the data folder with one clause file broken (well-formed, not
# what clauses.rng allows): its new bytes are validated and refused.
mkdir -p "$T/data"
cp -r "$OV_SOURCE_DIR/templates" "$OV_SOURCE_DIR/workflows" "$OV_SOURCE_DIR/web" "$T/data/"
[ -d "$OV_SOURCE_DIR/po" ] && cp -r "$OV_SOURCE_DIR/po" "$T/data/"
sed -i '0,/<clause /s/<clause /<clause bogus="1" /' "$T/data/templates/clauses/allman.xml"
expect_contains "$(cat "$T/data/templates/clauses/allman.xml")" 'bogus="1"' "the broken copy differs"
OVERENS_DATA="$T/data" expect_fail 2 "allman.xml" ov render "$id" -o "$T/d.pdf"
OVERENS_DATA="$T/data" expect_fail 2 "bogus" ov render "$id" -o "$T/d.pdf"
finish
