#!/bin/bash
# Libraries that only some commands need are opened on first use
# (include/overens/lazylib.h): the tool is not linked with them, a command
# that reads from the index maps none of them, and the commands that need
# one load it.
. "$(dirname "$0")/../lib/scenario.sh"
setup_helsingborg
id="$(ov new samverkansavtal --party krets=802002-8711 --party kommun=212000-0258 --date 2026-01-12)"

lazy='libgit2|libxslt|libexslt|libhpdf|libharfbuzz|libp11|libzip|libcurl|libmicrohttpd'
needed="$(readelf -d "$OVERENS" | grep NEEDED || true)"
expect_contains "$needed" "libsqlite3" "readelf lists the linked libraries"
expect_eq "$(echo "$needed" | grep -cE "$lazy" || true)" "0" "none of the lazily opened libraries is linked"

# The shared libraries a command maps, from the dynamic loader's own log.
loaded() { LD_DEBUG=libs LD_DEBUG_OUTPUT="$T/ld" "$OVERENS" -C "$WS" "$@" >/dev/null 2>&1 || true
	cat "$T"/ld.* | grep -oE "calling init: [^ ]*" | grep -oE "lib[A-Za-z0-9_.+-]*\.so" | sort -u
	rm -f "$T"/ld.*; }

ov status "$id" >/dev/null

for cmd in "status $id" "list" "log $id" "show $id"; do
	# shellcheck disable=SC2086
	got="$(loaded $cmd)"
	expect_contains "$got" "libsqlite3.so" "the loader's log names what '$cmd' maps"
	expect_eq "$(echo "$got" | grep -cE "$lazy" || true)" "0" "'$cmd' maps none of the lazily opened libraries"
done
got="$(loaded render "$id" -o "$T/a.pdf")"
for lib in libxslt.so libexslt.so libhpdf libharfbuzz.so libharfbuzz-subset.so; do
	expect_contains "$got" "$lib" "render loads $lib"
done
got="$(loaded set "$id" kontakt.med "Åsa Lindqvist")"
expect_contains "$got" "libgit2.so" "a write loads libgit2"

finish
