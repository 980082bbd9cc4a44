#!/bin/bash
# The redline between two versions (`overens diff`): an agreement signed as
# version 1, then amended (the extent reworded, the kommun's commitments put
# in another order, the insurance clause left out) and signed as version 2.
# The changed words are struck through and underlined in the PDF, <del> and
# <ins> in HTML, [-…-] and [+…+] in text; unchanged clauses carry no mark; a
# reordered list is no deletion plus insertion; a bad version is named.
. "$(dirname "$0")/../lib/scenario.sh"
setup_helsingborg
ovsv() { LANG=sv_SE.UTF-8 "$OVERENS" -C "$WS" "$@"; }
# section FILE HEADING: the HTML from <h2>HEADING</h2> to the next heading.
section() { python3 - "$1" "$2" <<'EOF'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
start = html.index("<h2>" + sys.argv[2] + "</h2>")
end = re.compile(r"<h[12]>").search(html, start + 4)
print(html[start:end.start() if end else len(html)])
EOF
}

id="$(ov new samverkansavtal --party krets=802002-8711 --party kommun=212000-0258 \
	--title "Samarbetsavtal om anhörigstöd" --date 2026-01-12)"
ov contact "$id" --with "Karin Ek" --date 2026-01-12 >/dev/null
ov --as lars.oberg@example.org decide "$id" --party krets --minutes "§ 12" --date 2026-02-10 >/dev/null
ov decide "$id" --party kommun --minutes "§ 34" --date 2026-02-19 >/dev/null
ov set "$id" behov.lokala x >/dev/null; ov set "$id" behov.kretsen x >/dev/null
ov set "$id" behov.kommunen x >/dev/null; ov needs "$id" --date 2026-02-26 >/dev/null
ov set "$id" uppdrag.vem "Kretsens samtalsledare." >/dev/null
ov set "$id" uppdrag.omfattning "Två grupper per termin, varannan vecka." >/dev/null
ov set "$id" uppdrag.hur "På anhörigcentret." >/dev/null
ov set "$id" uppdrag.ingar-inte "Myndighetsutövning." >/dev/null
ov set "$id" kommunens-ataganden "Staden upplåter lokalen." >/dev/null
ov set "$id" kommunens-ataganden "Staden tar emot anmälningar." >/dev/null
ov set "$id" kommunens-ataganden "Staden bjuder på fika." >/dev/null
ov set "$id" ekonomi.kommunen "Fika" >/dev/null
ov set "$id" avtalstid.start 2026-04-01 >/dev/null
ov set "$id" ort Helsingborg >/dev/null
ov assign "$id" --date 2026-03-10 >/dev/null
ov --as lars.oberg@example.org sign "$id" --party krets --date 2026-03-20 >/dev/null
ov --as per.stahl@example.se sign "$id" --party kommun --date 2026-03-24 >/dev/null
v1="$(git --git-dir="$WS/repo.git" rev-parse main)"
# Version 2: the extent reworded, the commitments reordered, no insurance clause.
ov amend "$id" --summary "Tre grupper per termin" --date 2027-05-01 >/dev/null
ov set "$id" uppdrag.omfattning "Tre grupper per termin, varje vecka." >/dev/null
ov unset "$id" kommunens-ataganden >/dev/null
ov set "$id" kommunens-ataganden "Staden bjuder på fika." >/dev/null
ov set "$id" kommunens-ataganden "Staden upplåter lokalen." >/dev/null
ov set "$id" kommunens-ataganden "Staden tar emot anmälningar." >/dev/null
ov set "$id" klausul.forsakring nej >/dev/null
ov --as karin.ek@example.org approve "$id" --party krets --date 2027-05-10 >/dev/null
ov approve "$id" --party kommun --date 2027-05-12 >/dev/null
ov --as lars.oberg@example.org sign "$id" --party krets --date 2027-05-20 >/dev/null
ov --as per.stahl@example.se sign "$id" --party kommun --date 2027-05-21 >/dev/null
v2="$(git --git-dir="$WS/repo.git" rev-parse main)"

# Text on standard output: both commits, the changed field, the marked words.
txt="$(ov diff "$id" 1 2)"
expect_contains "$txt" "Version 1 (${v1:0:12}) → 2 (${v2:0:12})" "both commits in the running header"
expect_contains "$txt" "commit $v1" "the first version's commit"
expect_contains "$txt" "commit $v2" "the second version's commit"
expect_contains "$txt" "Före: version 1 (1), 2026-03-24" "the first version and its day"
expect_contains "$txt" "Efter: version 2 (2), 2027-05-21" "the second version and its day"
expect_contains "$txt" "Uppgift: Omfattning
Före: [-Två grupper per termin, varannan vecka.-]
Efter: [+Tre grupper per termin, varje vecka.+]" "the changed field, old and new value"
expect_contains "$txt" "Omfattning: [-Två-] [+Tre+] grupper per termin, [-varannan-] [+varje+]" \
	"the words taken out and put in"
expect_contains "$txt" "Samma parter i båda versionerna." "no party came or went"
# The reordered list field: the same items, none struck through or underlined.
expect_contains "$txt" "Uppgift: Kommunens åtaganden
Före: Staden upplåter lokalen.
    Staden tar emot anmälningar.
    Staden bjuder på fika.
Efter: Staden bjuder på fika.
    Staden upplåter lokalen.
    Staden tar emot anmälningar.
    (samma punkter i ny ordning)" "a list field in a new order, unmarked"

# HTML: the exact words in <del> and <ins>.
expect_ok ov diff "$id" 1 2 -o "$T/r.html"
html="$(cat "$T/r.html")"
upp="$(section "$T/r.html" "3 Uppdragsbeskrivning")"
expect_eq "$(echo "$upp" | grep -o '<del>[^<]*</del>' | tr '\n' ' ')" \
	"<del>Två</del> <del>varannan</del> " "exactly these words deleted in the changed clause"
expect_eq "$(echo "$upp" | grep -o '<ins>[^<]*</ins>' | tr '\n' ' ')" \
	"<ins>Tre</ins> <ins>varje</ins> " "exactly these words inserted in the changed clause"
expect_contains "$html" "<del>Två</del> <ins>Tre</ins> grupper per termin, <del>varannan</del> <ins>varje</ins> vecka." \
	"the changed clause in HTML"
# Unchanged clauses: no mark at all.
bak="$(section "$T/r.html" "2 Bakgrund")"
expect_contains "$bak" "Bakgrund" "the unchanged clause is shown"
case "$bak" in *"<ins>"*|*"<del>"*) fail "an unchanged clause is marked: $bak";; esac
CHECKS=$((CHECKS + 1))
# The reordered list: every item unmarked, the one that moved said to be moved.
atag="$(section "$T/r.html" "4 Kommunens åtaganden")"
for item in "Staden upplåter lokalen." "Staden tar emot anmälningar." "Staden bjuder på fika."; do
	expect_contains "$atag" "<li>$item" "the reordered item '$item' unmarked"
done
case "$atag" in *"<ins>"*|*"<del>"*) fail "a reordered list is shown as deleted and inserted: $atag";; esac
CHECKS=$((CHECKS + 1))
expect_contains "$atag" "<li>Staden bjuder på fika. <i>(flyttad)</i></li>" "the moved item is marked moved"
# The clause left out: its heading and text struck through.
expect_contains "$html" "<h2><del>" "a clause only in version 1 is struck through"

# PDF: the same words; the marks are lines, so the text reads as it is.
expect_ok ov diff "$id" 1 2 -o "$T/r.pdf"
check_pdfa "$T/r.pdf" "the redline PDF"
pdf="$(pdftotext -enc UTF-8 "$T/r.pdf" - | tr '\n' ' ')"
expect_contains "$pdf" "Två Tre grupper per termin, varannan varje vecka." "PDF: the old and the new words"
expect_contains "$pdf" "Ändringar i Samarbetsavtal $id" "PDF: the title"
expect_contains "$pdf" "commit $v1" "PDF: the first commit"
# Underlines and strike-throughs are drawn: more lines than a redline without changes.
expect_ok ov diff "$id" 2 "$v2" -o "$T/same.pdf"
strokes() { qpdf --qdf --object-streams=disable "$1" - | grep -ac '^[0-9.]* [0-9.]* l$'; }
[ "$(strokes "$T/r.pdf")" -ge $(($(strokes "$T/same.pdf") + 4)) ] ||
	fail "the PDF draws no lines under and through the changed words"
CHECKS=$((CHECKS + 1))

# The same version twice: nothing marked anywhere.
same="$(ov diff "$id" 2 "${v2:0:12}")"
expect_contains "$same" "Avtalstexten är densamma i båda versionerna." "no change in the text"
expect_contains "$same" "Inga uppgifter har ändrats." "no field changed"
case "$same" in *"[+"*|*"[-"*) fail "a version compared with itself is marked";; esac
CHECKS=$((CHECKS + 1))

# Versions in force on two days, and a version with a day.
asof="$(ov diff "$id" --as-of 2026-06-01 --as-of 2027-06-01)"
expect_contains "$asof" "Före: version 1 (gällande 2026-06-01)" "--as-of: the first day's version"
expect_contains "$asof" "Efter: version 2 (gällande 2027-06-01)" "--as-of: the second day's version"
expect_contains "$asof" "[-Två-] [+Tre+]" "--as-of: the words"
expect_contains "$(ov diff "$id" 1 --as-of 2027-06-01)" "[-varannan-] [+varje+]" "a version and a day"
expect_fail 3 "no version of $id was in force on 2026-01-01" ov diff "$id" 1 --as-of 2026-01-01

# Refusals name what is wrong.
expect_fail 3 "agreement $id has no version 'v9'" ov diff "$id" v9 2
expect_fail 3 "agreement $id has no version '7'" ov diff "$id" 1 7
expect_fail 3 "avtal $id har ingen version '$id-v9'" ovsv diff "$id" "$id-v9" 2
expect_fail 3 "no agreement 2026-9999" ov diff 2026-9999 1 2
expect_fail 2 "give two versions to compare" ov diff "$id" 1
expect_fail 2 "give two versions to compare, no more" ov diff "$id" 1 2 --as-of 2027-06-01
expect_fail 2 "name the output FILE.pdf, FILE.html or FILE.txt" ov diff "$id" 1 2 -o "$T/r.doc"
[ ! -e "$T/r.doc" ] || fail "a refused diff wrote a file"
CHECKS=$((CHECKS + 1))
expect_contains "$(ov diff --help)" "--as-of DATE" "help names --as-of"

# The web interface: the agreement's page links version 2 to the redline
# against version 1, which the server shows as HTML.
printf 'hemligt-losen-123\n' >"$T/pw"
ov person passwd asa.lindqvist@example.se --password-file "$T/pw" >/dev/null
# The tool itself, not the ov function: & on a function starts a subshell,
# and the kill below would leave the server running.
"$OVERENS" -C "$WS" serve --listen 127.0.0.1:0 --ready-file "$T/ready" >/dev/null 2>&1 &
spid=$!
trap 'kill "$spid" 2>/dev/null || true; wait "$spid" 2>/dev/null || true; rm -rf "$T"' EXIT
for _ in $(seq 1 300); do [ -s "$T/ready" ] && break; sleep 0.1; done
read -r _ URL <"$T/ready"
URL="${URL%/}"
curl -s -c "$T/jar" -b "$T/jar" "$URL/login" >"$T/l1"
csrf="$(grep -o 'name="csrf" value="[^"]*"' "$T/l1" | head -n 1 | sed 's/.*value="//; s/"$//')"
curl -s -o /dev/null -c "$T/jar" -b "$T/jar" --data-urlencode "csrf=$csrf" \
	--data-urlencode "email=asa.lindqvist@example.se" --data-urlencode "password=hemligt-losen-123" "$URL/login"
page="$(curl -s -b "$T/jar" "$URL/avtal/$id")"
expect_contains "$page" "href=\"/avtal/$id/andringar?fran=1&amp;till=2\"" "the agreement page links the redline"
web="$(curl -s -b "$T/jar" "$URL/avtal/$id/andringar?fran=1&till=2")"
expect_contains "$web" "<del>Två</del> <ins>Tre</ins> grupper per termin" "the web redline"
kill "$spid" 2>/dev/null || true
wait "$spid" 2>/dev/null || true

# A tag names the version as signed: the demo's agreement, signed digitally
# as version 1 (tag 2026-0001-v1), against a proposed amendment.
"$OVERENS" demo "$T/demo" >/dev/null 2>&1
dv1="$(git --git-dir="$T/demo/repo.git" rev-parse "2026-0001-v1^{commit}")"
"$OVERENS" -C "$T/demo" amend 2026-0001 --summary "Fler grupper" --date 2027-05-01 >/dev/null
"$OVERENS" -C "$T/demo" set 2026-0001 uppdrag.omfattning \
	"Tre grupper per termin, sex träffar à två timmar varannan vecka." >/dev/null
demo="$("$OVERENS" -C "$T/demo" diff 2026-0001 2026-0001-v1 main)"
expect_contains "$demo" "Före: version 1 (2026-0001-v1)" "a tag: the version as signed"
expect_contains "$demo" "commit $dv1" "a tag: the commit it names"
expect_contains "$demo" "[-Två-] [+Tre+] grupper per termin" "a tag: the words changed since signing"
expect_contains "$(ov log "$id")" "overens diff $id" "log points to the redline"
expect_contains "$(ov log "$id" --json | json 'j[-1]["diff"]')" "overens diff $id" "log --json: the diff command"
finish
