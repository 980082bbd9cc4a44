#!/bin/bash
# The command line itself: --version and --help for every command, the
# parser's rules (--opt=value and --opt value, short options, "--", any
# order, repeatable options) and its precise errors with exit 2, JSON errors
# on standard error, the bash completion generated from the tool's own
# tables, and the man page (renders without warnings, its COMMANDS section
# is what the code takes).
. "$(dirname "$0")/../lib/scenario.sh"
COMPLETION="$OV_SOURCE_DIR/cli/completion/overens"
MAN="$OV_SOURCE_DIR/cli/man/overens.1"

# --- version and help ----------------------------------------------------------
version="$(sed -n 's/^project(overens VERSION \([0-9.]*\).*/\1/p' "$OV_SOURCE_DIR/CMakeLists.txt")"
expect_eq "$("$OVERENS" --version)" "overens $version" "--version prints the project's version"
expect_eq "$("$OVERENS" -V)" "overens $version" "-V is --version"
expect_eq "$("$OVERENS" list --version)" "overens $version" "--version after a command"
expect_eq "$("$OVERENS" status -V)" "overens $version" "-V after a command"
expect_fail 2 "option '--version' needs a value" "$OVERENS" render --version
main_help="$("$OVERENS" --help)"
commands="$("$OVERENS" --commands | cut -f1)"
expect_eq "$(echo "$commands" | wc -l)" "40" "every command is listed"
for c in $commands; do
	expect_contains "$main_help" "  $c " "overens --help lists $c"
	CHECKS=$((CHECKS + 1))
	if ! help="$("$OVERENS" "$c" --help 2>&1)"; then
		fail "overens $c --help exits $?"
	fi
	expect_contains "$help" "usage: overens $c" "$c --help shows its usage"
	# Every option the parser takes for the command is in its help.
	for o in $("$OVERENS" "$c" --options | cut -f1); do
		expect_contains "$help" "$o" "$c --help names $o"
	done
done
expect_contains "$("$OVERENS" sign -h)" "--password-file FILE" "-h after the command"
expect_contains "$("$OVERENS" help sign)" "usage: overens sign ID" "overens help COMMAND"
expect_contains "$("$OVERENS" -C "$WS" --json render --help)" "-o, --output FILE" \
	"--help after global options"

# --- errors of the parser: exit 2, naming the option and the command ------------
expect_fail 2 "unknown option '--bogus' for 'overens sign'; see 'overens sign --help'" \
	ov sign 2026-0001 --bogus
expect_fail 2 "unknown option '--bogus' for 'overens status'" ov status 2026-0001 --bogus=1
expect_fail 2 "unknown option '-x' for 'overens list'" ov list -x
expect_fail 2 "unknown option '--nope'; see 'overens --help'" "$OVERENS" --nope list
expect_fail 2 "unknown command 'lista'" ov lista
expect_fail 2 "option '--date' needs a value (--date DATE)" ov status 2026-0001 --date
expect_fail 2 "option '-o' needs a value" ov render 2026-0001 -o
expect_fail 2 "option '--immediate' takes no value" ov terminate 2026-0001 --immediate=yes
expect_fail 2 "option '--date' given more than once" ov set 2026-0001 a b --date 2026-01-01 --date 2026-01-02
expect_fail 2 "missing arguments for 'overens set': give ID FIELD VALUE" ov set 2026-0001 a
expect_fail 2 "too many arguments for 'overens status': 'b' (it takes ID)" ov status a b
expect_fail 2 "'overens list' takes no arguments, got 'x'" ov list x
expect_fail 2 "option '-C' needs a value" "$OVERENS" list -C
expect_fail 2 "usage: overens status ID" ov status
# A negative number is a value, not an option: the parser passes it on
# (there is no workspace yet, so opening it is what fails).
expect_fail 8 "no workspace" ov set 2026-0099 uppdrag.antal -5

# --- JSON errors: one object on standard error ---------------------------------
set +e
err="$("$OVERENS" -C "$WS" --json status 2026-0001 2>&1 >/dev/null)"; rc=$?
set -e
expect_eq "$rc" "8" "--json keeps the exit code"
expect_ok python3 -m json.tool <<<"$err"
expect_eq "$(echo "$err" | json 'j["error"]["code"], j["error"]["exit"]')" "no-workspace 8" \
	"the JSON error names its code and exit"
set +e
err="$("$OVERENS" status 2026-0001 --bogus --json 2>&1 >/dev/null)"; rc=$?
set -e
expect_eq "$rc" "2" "a usage error in --json mode exits 2"
expect_eq "$(echo "$err" | json 'j["error"]["code"], j["error"]["message"]')" \
	"usage unknown option '--bogus' for 'overens status'; see 'overens status --help'" \
	"--json anywhere makes even a parser error JSON"

# --- the parser's rules, on a real workspace ------------------------------------
setup_helsingborg
id="$(ov new samverkansavtal --party=krets=802002-8711 --party kommun=212000-0258 \
	--date=2026-01-12)"
expect_eq "$id" "2026-0001" "--party=ROLE=ORGNR and --party ROLE=ORGNR, --date=DATE"
expect_eq "$(ov status "$id" --json | json '[p["role"] for p in j["parties"]]')" \
	"['krets', 'kommun']" "a repeated option is kept in order"
expect_eq "$(ov status "$id" --json --date=2026-02-01)" "$(ov status --date 2026-02-01 --json "$id")" \
	"--date=D and --date D, options before or after the argument"
# step: any step of the workflow, by name, through the engine.
expect_fail 5 "Vem kontakten togs med" ov step "$id" contact --date 2026-01-12
expect_fail 2 "--set takes FIELD=VALUE" ov step "$id" contact --set kontakt.med
set +e
err="$(ov step "$id" finns-inte 2>&1)"; rc=$?
set -e
expect_eq "$([ "$rc" -ne 0 ] && echo refused)" "refused" "an undeclared step is refused"
expect_contains "$err" "finns-inte" "the refusal names the step"

expect_ok ov set --date 2026-01-13 "$id" kontakt.med -- "--inte ett alternativ"
expect_contains "$(ov show "$id")" "--inte ett alternativ" "-- ends the options"
expect_ok "$OVERENS" set "$id" behov.lokala "Anhöriga saknar stöd." -C "$WS" --as karin.ek@example.org
expect_contains "$(ov log "$id" --json | json '" ".join(r["actor"] for r in j)')" "karin.ek@example.org" \
	"-C and --as after the command"
expect_ok ov render "$id" --format=txt -o "$T/a.txt"
expect_ok ov render "$id" --format txt --output="$T/b.txt"
expect_ok ov render "$id" --format txt "-o$T/c.txt"
expect_eq "$(cmp "$T/a.txt" "$T/b.txt" && cmp "$T/a.txt" "$T/c.txt" && echo same)" "same" \
	"-o FILE, --output=FILE and -oFILE write the same"
expect_ok ov step "$id" contact --date 2026-01-13
expect_eq "$(ov status "$id" --json | json 'j["phase"]')" "beslut" "step contact took the contact step"
expect_fail 2 "--answer takes ID=TEXT" ov followup "$id" --answer utan-likhetstecken
expect_fail 2 "a password is never given on the command line" \
	ov sign "$id" --party krets --p12 x.p12 --password hemligt
expect_fail 2 "--cert and --password-file go with --p12, --key or --pkcs11" \
	ov sign "$id" --party krets --cert x.pem


# --- bash completion ---------------------------------------------------------
expect_eq "$(complete_words 1 si)" "sign" "completes a command"
expect_eq "$(complete_words 1 "" | wc -l)" "40" "offers every command"
expect_eq "$(complete_words 3 sign 2026-0001 --p | sort | tr '\n' ' ')" \
	"--p12 --party --password-file --pkcs11 --pkcs11-module --place " "completes a command's options"
expect_contains "$(complete_words 2 render --)" "--output" "render's options"
expect_contains "$(complete_words 2 render -)" "-o" "short options too"
expect_eq "$(complete_words 4 -C "$WS" status "")" "$id" "agreement ids of the -C workspace"
expect_eq "$(complete_words 2 trust "" | tr '\n' ' ')" "add list remove " "sub-commands"
expect_eq "$(complete_words 2 timestamp --w)" "--within" "timestamp's options"
expect_eq "$(complete_words 4 -C "$WS" timestamp "")" "$id" "timestamp takes an agreement id"
expect_eq "$(complete_words 1 --js)" "--json" "global options"

# --- the man page ------------------------------------------------------------
if command -v groff >/dev/null; then
	CHECKS=$((CHECKS + 1))
	warn="$(groff -man -Tutf8 -ww "$MAN" 2>&1 >/dev/null)"
	[ -z "$warn" ] || fail "groff warns about overens.1: $warn"
	expect_contains "$(groff -man -Tutf8 "$MAN" 2>/dev/null | sed 's/.\x08//g')" "EXIT STATUS" \
		"the man page renders"
else
	echo "note: groff missing, the man page is not rendered"
fi
expect_contains "$(grep '^\.TH' "$MAN")" "\"overens $version\"" "the man page names the version"
section="$(sed -n '/^\.\\" BEGIN COMMANDS/,/^\.\\" END COMMANDS/p' "$MAN" | sed '1d;$d')"
expect_eq "$section" "$(python3 "$OV_SOURCE_DIR/cli/man/commands.py" "$OVERENS")" \
	"the man page's COMMANDS section is what the tool takes (cli/man/commands.py)"

# --- list's columns count characters, not bytes ----------------------------------
# The title column is 32 characters wide.  This title's 32nd byte is the
# first half of "Å": cut by bytes, the line would not be UTF-8.
WS="$T/lists"
setup_helsingborg
long="$(ov new samverkansavtal --party krets=802002-8711 --party kommun=212000-0258 --date 2026-01-12)"
short="$(ov new samverkansavtal --party krets=802002-8711 --party kommun=212000-0258 --date 2026-01-12)"
ov set "$long" titel "Avtal om frivilliga insatser i Åstorp" >/dev/null
ov set "$short" titel "Stöd i Höör" >/dev/null
cols() { ov list | grep "^$1 " | python3 -c 'import sys
line = sys.stdin.buffer.read().decode("utf-8")  # fails on a cut character
print(repr(line[36:68]) + " " + repr(line[68:69]))'; }
expect_eq "$(cols "$long")" "'Avtal om frivilliga insatser i Å' ' '" \
	"a long title is cut at 32 characters, inside no character"
expect_eq "$(cols "$short")" "'Stöd i Höör                     ' ' '" \
	"a short title is padded to 32 characters, not bytes"
# Counted in terminal columns: a letter with a combining mark takes one and
# is not split from its mark, a wide character takes two.  (Titles are
# stored composed (NFC), so a decomposed "Å" becomes one character; "q"
# with a ring has no composed form.)
decomposed="$(ov new samverkansavtal --party krets=802002-8711 --party kommun=212000-0258 --date 2026-01-12)"
wide="$(ov new samverkansavtal --party krets=802002-8711 --party kommun=212000-0258 --date 2026-01-12)"
ov set "$decomposed" titel "$(printf 'Avtal om frivilliga insatser i q\314\212storp')" >/dev/null
ov set "$wide" titel "Stöd 漢字" >/dev/null
wcols() { ov list | grep "^$1 " | python3 -c 'import sys
line = sys.stdin.buffer.read().decode("utf-8")
print(ascii(line[36:36 + int(sys.argv[1])]) + " " + ascii(line[36 + int(sys.argv[1])]))' "$2"; }
expect_eq "$(wcols "$decomposed" 33)" "'Avtal om frivilliga insatser i q\u030a' ' '" \
	"a combining ring stays with its letter and takes no column"
expect_eq "$(wcols "$wide" 30)" "'St\\xf6d \\u6f22\\u5b57$(printf '%23s' '')' ' '" \
	"a wide character takes two columns"

# --json escapes what JSON must (quotes and backslashes), and only that.
quoted="$(ov new samverkansavtal --party krets=802002-8711 --party kommun=212000-0258 --date 2026-01-12)"
ov set "$quoted" titel 'Avtal "Stöd\Höör" för 100 % av {alla}' >/dev/null
expect_eq "$(ov list --json | python3 -c 'import json,sys
print([r["title"] for r in json.load(sys.stdin) if r["id"] == sys.argv[1]][0])' "$quoted")" \
	'Avtal "Stöd\Höör" för 100 % av {alla}' "list --json gives back a title with quotes and a backslash"
expect_contains "$(ov list --json)" '"Avtal \"Stöd\\Höör\" för 100 % av {alla}"' \
	"quotes and the backslash are escaped, the rest is written as it is"

# --- -o into a pipe or a device: written into, never replaced by a file -------------
mkfifo "$T/pipe"
timeout 20 cat "$T/pipe" > "$T/from-pipe" &
reader=$!
expect_ok ov render "$quoted" --format txt -o "$T/pipe"
wait "$reader" || fail "the reader of the pipe did not get to its end"
expect_ok test -p "$T/pipe"
expect_contains "$(cat "$T/from-pipe")" "$quoted" "render -o PIPE writes the document into the pipe"
if [ "$(id -u)" -eq 0 ] && mknod -m 666 "$T/null" c 1 3 2>/dev/null; then
	expect_ok ov render "$quoted" -o "$T/null"
	expect_ok test -c "$T/null"
else
	echo "note: not root, so -o into a character device was not tried"
fi
finish
