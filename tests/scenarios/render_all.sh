#!/bin/bash
# render --all -o DIR: every agreement's document in one process, one file
# DIR/ID-DOC.FORMAT each.  Four agreements (three subjects, two phases, a
# third organisation in one): every file is there and is a PDF (pdfinfo),
# byte for byte the one `render ID` makes (with and without
# SOURCE_DATE_EPOCH), --doc/--format/--org/--phase choose what and which;
# an agreement that cannot be rendered (no amendment to show) or written
# (a folder in its file's place) is named with its error, the others are
# still written and the exit status is not 0; a DIR that is a file stops
# the batch before anything is written.  The progress line is there on a
# terminal (tests/lib/on_terminal.py) and not on a pipe; the calendar of
# all is still one file.
. "$(dirname "$0")/../lib/scenario.sh"
setup_helsingborg
ON_TERMINAL="$OV_SOURCE_DIR/tests/lib/on_terminal.py"
P=(--party krets=802002-8711 --party kommun=212000-0258)

ov org add --name "Lunds kommun" --kind kommun --orgnr 212000-1124 --address "Lund" >/dev/null
ov person add lena@example.se --name "Lena Lund" --org 212000-1124 --roles official >/dev/null
a="$(ov new samverkansavtal "${P[@]}" --title "Avtal A" --date 2026-01-12)"
b="$(ov new samverkansavtal "${P[@]}" --title "Avtal B" --subject allman --date 2026-01-13)"
c="$(ov --as lena@example.se new samverkansavtal --party krets=802002-8711 --party kommun=212000-1124 \
	--title "Avtal i Lund" --subject lagstadgade-uppdrag --date 2026-01-14)"
d="$(ov new samverkansavtal "${P[@]}" --title "Avtal D" --date 2026-01-15)"
# B goes on to the needs mapping: its text and phase differ from the others'.
ov contact "$b" --with "Karin Ek" --date 2026-01-20 >/dev/null
ov --as lars.oberg@example.org decide "$b" --party krets --minutes "§ 1" --date 2026-01-21 >/dev/null
ov decide "$b" --party kommun --minutes "§ 2" --date 2026-01-22 >/dev/null
ov set "$b" bakgrund "En bakgrund som bara avtal B har." >/dev/null
phase_b="$(ov status "$b" --json | json 'j["phase"]')"
ids=("$a" "$b" "$c" "$d")

# same DIR ID DOC FORMAT [RENDER-OPTIONS]: DIR/ID-DOC.FORMAT is what render ID makes.
same() {
	local dir="$1" id="$2" doc="$3" fmt="$4"
	shift 4
	CHECKS=$((CHECKS + 1))
	ov render "$id" --doc "$doc" --format "$fmt" -o "$T/single.$fmt" "$@" >/dev/null
	cmp -s "$dir/$id-$doc.$fmt" "$T/single.$fmt" ||
		fail "$dir/$id-$doc.$fmt is not what render $id --doc $doc --format $fmt makes"
}
# files DIR: the names in DIR, sorted, on one line.
files() { (cd "$1" && ls -A | LC_ALL=C sort | tr '\n' ' '); }

# Every agreement, into a folder that does not exist yet; standard error is
# a pipe: no progress line, and nothing but the summary on standard output.
out="$(ov render --all -o "$T/all" 2>"$T/all.err")"
expect_eq "$out" "Documents written to $T/all: 4" "the summary counts the documents"
expect_eq "$(cat "$T/all.err")" "" "no progress line on a pipe"
expect_eq "$(files "$T/all")" "$a-agreement.pdf $b-agreement.pdf $c-agreement.pdf $d-agreement.pdf " \
	"one file per agreement, no temporary file left"
for id in "${ids[@]}"; do
	expect_ok pdfinfo "$T/all/$id-agreement.pdf"
	same "$T/all" "$id" agreement pdf
	expect_contains "$(pdftotext "$T/all/$id-agreement.pdf" - 2>/dev/null)" "$(ov status "$id" --json | json 'j["title"]')" \
		"$id's PDF has its own title"
done
expect_contains "$(pdftotext "$T/all/$b-agreement.pdf" - 2>/dev/null)" "En bakgrund som bara avtal B har." \
	"B's PDF has B's text"
# With SOURCE_DATE_EPOCH too, and a second run replaces the files whole.
SOURCE_DATE_EPOCH=1774000000 ov render --all -o "$T/all" >/dev/null
for id in "${ids[@]}"; do
	SOURCE_DATE_EPOCH=1774000000 same "$T/all" "$id" agreement pdf
done
expect_contains "$(pdfinfo "$T/all/$a-agreement.pdf")" "2026" "the creation date from SOURCE_DATE_EPOCH"

# Another document and format: HTML of the needs mapping, text of the agreement.
expect_ok ov render --all --doc needs --format html -o "$T/needs"
expect_ok ov render --all --format txt -o "$T/txt"
for id in "${ids[@]}"; do
	same "$T/needs" "$id" needs html
	same "$T/txt" "$id" agreement txt
done

# Filters: the phase, the organisation (Lund is a party only to C).
ov render --all --phase "$phase_b" -o "$T/phase" >/dev/null
expect_eq "$(files "$T/phase")" "$b-agreement.pdf " "--phase keeps the agreements in that phase"
ov render --all --org 212000-1124 -o "$T/lund" >/dev/null
expect_eq "$(files "$T/lund")" "$c-agreement.pdf " "--org keeps the organisation's agreements"
same "$T/lund" "$c" agreement pdf
out="$(ov render --all --phase upphort -o "$T/none")"
expect_eq "$out" "Documents written to $T/none: 0" "no agreement in the phase: nothing written"

# --json: one object with every document.
ov render --all --json --org 212000-0258 -o "$T/json" >"$T/json.out"
expect_eq "$(json '",".join(d["id"] for d in j["documents"])' <"$T/json.out")" "$a,$b,$d" \
	"--json lists the documents"
expect_eq "$(json 'j["failed"], j["total"], j["documents"][0]["file"]' <"$T/json.out")" \
	"0 3 $T/json/$a-agreement.pdf" "--json counts and names the files"

# An agreement whose file cannot be written: named, the others still written.
mkdir -p "$T/blocked/$b-agreement.pdf"
expect_fail 1 "agreement $b: $T/blocked/$b-agreement.pdf: Is a directory" \
	ov render --all -o "$T/blocked"
expect_eq "$(files "$T/blocked")" "$a-agreement.pdf $b-agreement.pdf $c-agreement.pdf $d-agreement.pdf " \
	"the others are written, no temporary file left"
for id in "$a" "$c" "$d"; do same "$T/blocked" "$id" agreement pdf; done
expect_fail 1 "failed: 1 of 4 agreements; the others' documents were written to $T/blocked" \
	ov render --all -o "$T/blocked"
# Agreements that cannot be rendered: only B has decisions to show.
expect_fail 2 "agreement $a: " ov render --all --doc decision --format txt -o "$T/dec"
expect_fail 2 "has no decisions" ov render --all --doc decision --format txt -o "$T/dec"
expect_fail 2 "failed: 3 of 4 agreements; the others' documents were written to $T/dec" \
	ov render --all --doc decision --format txt -o "$T/dec"
expect_eq "$(files "$T/dec")" "$b-decision.txt " "the one that renders is written"
same "$T/dec" "$b" decision txt
# No amendment has been proposed to any.
expect_fail 2 "agreement $a: " ov render --all --doc amendment -o "$T/amend"
expect_fail 2 "failed: 4 of 4 agreements" ov render --all --doc amendment -o "$T/amend"
expect_eq "$(files "$T/amend")" "" "nothing is written for an agreement that fails"
# A link in DIR in a file's place is replaced, not written through.
mkdir -p "$T/linked"
echo "utanför" >"$T/outside"
ln -s "$T/outside" "$T/linked/$a-agreement.pdf"
expect_ok ov render --all -o "$T/linked"
expect_eq "$(cat "$T/outside")" "utanför" "nothing is written outside DIR through a link"
[ -f "$T/linked/$a-agreement.pdf" ] && [ ! -L "$T/linked/$a-agreement.pdf" ] ||
	fail "the link was not replaced by the PDF"
CHECKS=$((CHECKS + 1))
same "$T/linked" "$a" agreement pdf
# A DIR that is a file stops the whole batch.
: >"$T/plain"
expect_fail 2 "$T/plain is not a folder" ov render --all -o "$T/plain"

# On a terminal the progress line counts the agreements, rewritten in place.
out="$(python3 "$ON_TERMINAL" "$OVERENS" -C "$WS" render --all -o "$T/tty" </dev/null)"
expect_contains "$out" $'\r1/4 '"$a" "the progress line shows the first agreement"
expect_contains "$out" $'\r4/4 '"$d" "the progress line reaches the last"
expect_contains "$out" "Documents written to $T/tty: 4" "and the summary follows"
for id in "${ids[@]}"; do same "$T/tty" "$id" agreement pdf; done

# Usage: the calendar of all is one file; a document file name is no folder.
expect_ok ov render --all --doc calendar -o "$T/cal.pdf"
expect_ok pdfinfo "$T/cal.pdf"
expect_ok ov render --all --org 212000-1124 -o "$T/lund.ics"
expect_fail 2 "--all writes one file per agreement: -o names the folder" \
	ov render --all -o "$T/x.pdf"
expect_fail 2 "--all writes one file per agreement: -o names the folder" ov render --all -o -
expect_fail 2 "--org and --phase choose among agreements: they go with --all" \
	ov render "$a" --phase kontakt -o "$T/y.pdf"
expect_fail 2 "--all goes without --version" ov render --all --version 1 -o "$T/v"
[ ! -e "$T/x.pdf" ] && [ ! -e "$T/v" ] || fail "a refused batch made its folder"
CHECKS=$((CHECKS + 1))

# Bash completion: --org offers the organisations, --phase the phases agreements are in.
expect_eq "$(complete_words 6 -C "$WS" render --all --org 2120 | tr '\n' ' ')" \
	"212000-0258 212000-1124 " "completes --org with the organisations"
expect_eq "$(complete_words 6 -C "$WS" render --all --phase "" | tr '\n' ' ')" \
	"$(printf '%s\n' "$phase_b" kontakt | LC_ALL=C sort | tr '\n' ' ')" \
	"completes --phase with the phases agreements are in"

finish
