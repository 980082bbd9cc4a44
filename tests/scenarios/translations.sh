#!/bin/bash
# Messages follow the locale: English with LANG=C, Swedish with
# LANG=sv_SE.UTF-8 (also on a machine where that locale is not generated),
# for the tool's own errors and the engine's alike; the catalogue is found
# beside the program with no variable set; po/sv.po translates every
# message of the sources (scripts/update-po.sh --check).
. "$(dirname "$0")/../lib/scenario.sh"
unset OVERENS_LOCALEDIR LC_ALL LC_MESSAGES LANGUAGE

# lang LOCALE CMD...: CMD with only LANG=LOCALE choosing the language.
lang() { local l="$1"; shift; LANG="$l" "$@"; }
ovin() { local l="$1"; shift; LANG="$l" "$OVERENS" -C "$WS" "$@"; }

CHECKS=$((CHECKS + 1))
if ! out="$(sh "$OV_SOURCE_DIR/scripts/update-po.sh" --check 2>&1)"; then
	fail "po/sv.po is not complete and up to date: $out"
fi

# The workspace is missing: an error of the store.
expect_fail 8 "no workspace in $WS (run 'overens init" ovin C list
expect_fail 8 "no workspace in $WS" ovin C.UTF-8 list
expect_fail 8 "ingen arbetsyta i $WS (kör 'overens init" ovin sv_SE.UTF-8 list
expect_fail 8 "ingen arbetsyta i $WS" ovin sv_FI.UTF-8 list

setup_helsingborg
id="$(ov new samverkansavtal --party krets=802002-8711 --party kommun=212000-0258 --date 2026-01-12)"
# Errors of the engine, one of them with a prefix added on the way up.
expect_fail 3 "no agreement NOPE in this workspace" ovin C show NOPE
expect_fail 3 "avtal NOPE finns inte i den här arbetsytan" ovin sv_SE.UTF-8 show NOPE
expect_fail 2 "'../x' is not an agreement id" ovin C show ../x
expect_fail 2 "'../x' är inget avtals-id" ovin sv_SE.UTF-8 show ../x
expect_fail 2 "invalid date '2026-02-30': February 2026 has 28 days" \
	ovin C contact "$id" --with x --date 2026-02-30
expect_fail 2 "ogiltigt datum '2026-02-30': februari 2026 har 28 dagar" \
	ovin sv_SE.UTF-8 contact "$id" --with x --date 2026-02-30
expect_fail 2 "organisationsnumret '802002-8712' har fel kontrollsiffra (väntad 1)" \
	ovin sv_SE.UTF-8 org add --name X --kind krets --orgnr 802002-8712
expect_fail 2 "okänd organisationstyp 'klubb'" \
	ovin sv_SE.UTF-8 org add --name X --kind klubb --orgnr 802400-0013
expect_fail 2 "--within: ogiltig period '5x': okänd enhet 'x' (använd d, w, m eller y)" \
	ovin sv_SE.UTF-8 due --within 5x
expect_fail 2 "ogiltig tidsperiod 'P1Y2.5M': bråkdelar stöds inte" ovin sv_SE.UTF-8 due --within P1Y2.5M
# A message whose Swedish text leaves out a conversion (%.0s of a plural "s").
printf '<agreement><a></b><c></d>' > "$T/bad.xml"
expect_fail 2 "more problems)" ovin C import "$id" "$T/bad.xml"
expect_fail 2 "(och ytterligare " ovin sv_SE.UTF-8 import "$id" "$T/bad.xml"

# The usual rules of the locale: LANGUAGE is honoured except under C,
# LC_MESSAGES overrides LANG, LC_ALL overrides both.
expect_fail 3 "no agreement NOPE in this workspace" env LANGUAGE=sv LANG=C "$OVERENS" -C "$WS" show NOPE
expect_fail 3 "no agreement NOPE in this workspace" env LANGUAGE=en LANG=sv_SE.UTF-8 "$OVERENS" -C "$WS" show NOPE
expect_fail 3 "no agreement NOPE in this workspace" env LC_MESSAGES=C LANG=sv_SE.UTF-8 "$OVERENS" -C "$WS" show NOPE
expect_fail 3 "avtal NOPE finns inte i den här arbetsytan" env LC_ALL=sv_SE.UTF-8 LANG=C "$OVERENS" -C "$WS" show NOPE

# sv_SE.UTF-8 not generated (LOCPATH with no locales hides the system's):
# the language still comes through.  Under LOCPATH glibc's newlocale(),
# called by a library's constructor (p11-kit), leaks its copy of the path:
# LeakSanitizer is told to ignore that allocation only.
mkdir -p "$T/nolocales"
printf 'leak:__argz_add_sep\n' > "$T/lsan.supp"
nolocales() { env LOCPATH="$T/nolocales" LSAN_OPTIONS="suppressions=$T/lsan.supp" "$@"; }
expect_fail 3 "avtal NOPE finns inte i den här arbetsytan" \
	nolocales LANG=sv_SE.UTF-8 "$OVERENS" -C "$WS" show NOPE
expect_fail 3 "no agreement NOPE in this workspace" \
	nolocales LANG=en_GB.UTF-8 "$OVERENS" -C "$WS" show NOPE
if locale -a 2>/dev/null | grep -qix 'sv_SE.utf8'; then
	echo "sv_SE.UTF-8 is generated here: both ways to Swedish were tested"
else
	echo "sv_SE.UTF-8 is not generated here: Swedish came through C.UTF-8 and LANGUAGE"
fi

# Where the catalogue is found: $OVERENS_LOCALEDIR first, then beside the
# program (an installed tree bin/ + share/locale/), else nowhere here.
mo="$(dirname "$OVERENS")/locale/sv/LC_MESSAGES/overens.mo"
expect_ok test -s "$mo"
mkdir -p "$T/empty" "$T/inst/bin" "$T/inst/share/locale/sv/LC_MESSAGES" "$T/bare"
expect_fail 3 "no agreement NOPE in this workspace" \
	env OVERENS_LOCALEDIR="$T/empty" LANG=sv_SE.UTF-8 "$OVERENS" -C "$WS" show NOPE
cp "$OVERENS" "$T/inst/bin/overens"
cp "$mo" "$T/inst/share/locale/sv/LC_MESSAGES/overens.mo"
expect_fail 3 "avtal NOPE finns inte i den här arbetsytan" lang sv_SE.UTF-8 "$T/inst/bin/overens" -C "$WS" show NOPE
cp "$OVERENS" "$T/bare/overens"
if [ ! -e "$(sed -n 's/^CMAKE_INSTALL_PREFIX:PATH=//p' "$OV_BUILD_DIR/CMakeCache.txt")/share/locale/sv/LC_MESSAGES/overens.mo" ]; then
	expect_fail 3 "no agreement NOPE in this workspace" lang sv_SE.UTF-8 "$T/bare/overens" -C "$WS" show NOPE
fi
finish
