#!/bin/bash
# `cmake --install` gives a working tool that finds its data with no help:
# the build folder is installed into a prefix, the prefix is moved
# elsewhere, and the moved tool runs `demo` (every step, signing and the
# final verification) from / with OVERENS_DATA unset.  Nothing about the
# data's place is compiled in (engine/base/datadir.c): the tool must find
# <prefix>/share/overens from its own path.  Without that folder it must
# fail, naming the places it looked in, rather than reach the sources.
. "$(dirname "$0")/../lib/scenario.sh"
: "${OV_BUILD_DIR:?the build folder to install from}"

# Sanitizer builds: the installed tool is the same instrumented binary.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"

# run CMD...: stdout+stderr in $out, exit status in $rc.
run() {
	set +e
	out="$("$@" 2>&1)"
	rc=$?
	set -e
}

run cmake --install "$OV_BUILD_DIR" --prefix "$T/prefix"
expect_eq "$rc" 0 "cmake --install: $out"
for f in bin/overens share/overens/workflows/samverkansavtal.xml \
	share/overens/workflows/workflow.rng share/overens/workflows/subject.rng \
	share/overens/workflows/subjects/anhorigstod.xml share/overens/templates/agreement.xsl \
	share/overens/templates/layout.rng share/overens/web/page.xsl \
	share/overens/web/stil.css share/overens/web/app.js; do
	CHECKS=$((CHECKS + 1))
	[ -e "$T/prefix/$f" ] || fail "not installed: $f"
done
CHECKS=$((CHECKS + 1))
[ ! -e "$T/prefix/bin/overens-data" ] || fail "the build folder's link to the sources was installed"

# Moved: a prefix the build never knew.
mkdir "$T/elsewhere"
mv "$T/prefix" "$T/elsewhere/moved"
P="$T/elsewhere/moved"

run env -u OVERENS_DATA -u OVERENS_DIR sh -c 'cd / && exec "$0" demo "$1"' \
	"$P/bin/overens" "$T/demo"
expect_eq "$rc" 0 "demo with the moved installation: $out"
pdf="$(ls "$T"/demo/*-undertecknat.pdf 2>/dev/null | head -n 1)"
CHECKS=$((CHECKS + 1))
[ -n "$pdf" ] && [ -s "$pdf" ] || fail "demo left no signed PDF in $T/demo: $out"
# The signed PDF verifies with the moved tool, from another folder.
if [ -n "$pdf" ]; then
	check_pdfa "$pdf" "the demo's signed agreement"
	run env -u OVERENS_DATA sh -c 'cd / && exec "$0" -C "$1" verify "$2"' \
		"$P/bin/overens" "$T/demo" "$pdf"
	expect_eq "$rc" 0 "verify of the demo's signed PDF: $out"
fi

# The moved installation serves the web interface with its own page templates.
env -u OVERENS_DATA "$P/bin/overens" -C "$T/demo" serve --listen 127.0.0.1:0 \
	--ready-file "$T/ready" >"$T/serve.log" 2>&1 &
spid=$!
for _ in $(seq 100); do [ -s "$T/ready" ] && break; sleep 0.1; done
url="$(cut -d' ' -f2 "$T/ready" 2>/dev/null || true)"
page="$(curl -s "${url}login" || true)"
kill "$spid" 2>/dev/null || true
wait "$spid" 2>/dev/null || true
expect_contains "$page" 'action="/login"' "the installed server's login page ($(cat "$T/serve.log"))"

# Without its share/overens the tool refuses, naming where it looked, and
# does not fall back on the source tree.
mv "$P/share/overens" "$P/share/gone"
run env -u OVERENS_DATA sh -c 'cd / && exec "$0" -C "$1" list' "$P/bin/overens" "$T/demo"
CHECKS=$((CHECKS + 1))
[ "$rc" -ne 0 ] || fail "the tool ran without its data folder: $out"
expect_contains "$out" "$P/bin/../share/overens" "the error names the installed data folder"
expect_contains "$out" "OVERENS_DATA" "the error names the override"

# OVERENS_DATA still overrides: the moved data folder, named explicitly.
run env OVERENS_DATA="$P/share/gone" "$P/bin/overens" -C "$T/demo" list
expect_eq "$rc" 0 "list with OVERENS_DATA naming the data folder: $out"

finish
