#!/bin/bash
# What a draft and a signed agreement say about themselves, read back with
# poppler: a draft's every page carries UTKAST (large, diagonal, in an
# embedded font, pdftotext page by page), so do its text and HTML forms and
# a draft amendment; the text frozen for signing, the digitally signed PDF
# and an old version rendered again carry no UTKAST anywhere.  After both
# parties sign digitally, the place and date lines of each signature block
# show that signer's place (--place, else the agreement's place) and
# signing date, the signatures still verify, and the fields saved for the
# version describe the widgets that cover those lines.
. "$(dirname "$0")/../lib/scenario.sh"
. "$(dirname "$0")/../lib/signing.sh"

# marks PDF: per page, the large words (taller than 40 pt) joined from left
# to right: poppler splits diagonal text into pieces on several lines.
marks() {
	pdftotext -bbox -enc UTF-8 "$1" - 2>/dev/null | python3 -c '
import re, sys
for page in re.findall(r"<page [^>]*>(.*?)</page>", sys.stdin.read(), re.S):
    words = [(float(a), w) for a, b, c, d, w in re.findall(
        r"<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">([^<]*)</word>", page)
        if float(d) - float(b) > 40]
    print("".join(w for x, w in sorted(words)) or "-")'
}
# every_page PDF WHAT: every page is marked UTKAST.
every_page() {
	local m n
	m="$(marks "$1")"
	n="$(pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ {print $2}')"
	expect_eq "$(echo "$m" | grep -c '^UTKAST$')" "$n" "$2: UTKAST on each of the $n pages"
	expect_eq "$(echo "$m" | grep -vc '^UTKAST$' || true)" "0" "$2: no page without it"
}
# nowhere PDF WHAT: no UTKAST in the PDF's text at all.
nowhere() {
	expect_eq "$(pdftotext -enc UTF-8 "$1" - 2>/dev/null | tr -d ' \n' | grep -c 'UTKAST\|UT.*KA.*ST' || true)" \
		"0" "$2: no UTKAST in the text"
	expect_eq "$(marks "$1" | grep -vc '^-$' || true)" "0" "$2: no large words on any page"
}

mkca ca '/C=SE/O=Överens scenariotest/CN=Scenario-CA'
cert ca lars "/C=SE/O=Helsingborgs rödakorskrets/CN=Lars Öberg/emailAddress=$LARS" v3_signer lars -days 30
cert ca per "/C=SE/O=Helsingborgs stad/CN=Per Ståhl/emailAddress=$PER" v3_signer per -days 30
setup_helsingborg
ov trust add "$C/ca.pem" >/dev/null

# --- a draft -----------------------------------------------------------------

id="$(ov new samverkansavtal --party krets=802002-8711 --party kommun=212000-0258 \
	--title "Samarbetsavtal om anhörigstöd" --date 2026-01-12)"
expect_ok ov render "$id" -o "$T/draft.pdf"
every_page "$T/draft.pdf" "a new agreement's PDF"
expect_eq "$(pdffonts "$T/draft.pdf" 2>/dev/null | tail -n +3 | awk '$(NF-4) != "yes"' | wc -l)" "0" \
	"the draft's fonts, the watermark's included, are all embedded"
expect_eq "$(ov render "$id" --format txt -o - | head -1)" "*** UTKAST ***" "the text form starts with UTKAST"
expect_contains "$(ov render "$id" --format html -o -)" '<div class="watermark" role="note">UTKAST</div>' \
	"the HTML form has the UTKAST banner"
# Other documents are not drafts of the agreement text.
expect_ok ov render "$id" --doc needs -o "$T/needs.pdf"
nowhere "$T/needs.pdf" "the needs mapping"

# --- frozen for signing, then signed ----------------------------------------------

to_signing "$id"
expect_eq "$(ov status "$id" --json | json 'j["phase"]')" "signering" "ready for signing"
expect_ok ov render "$id" -o "$T/frozen.pdf"
nowhere "$T/frozen.pdf" "the text frozen for signing"
expect_eq "$(ov render "$id" --format txt -o - | grep -c UTKAST || true)" "0" "frozen text form: no UTKAST"
expect_eq "$(ov render "$id" --format html -o - | grep -c 'UTKAST\|class="watermark"' || true)" "0" \
	"frozen HTML form: no UTKAST"

expect_ok ov --as "$LARS" sign "$id" --party krets --key "$C/lars.key" --cert "$C/lars.pem" \
	--place Råå --date 2026-03-20
expect_ok ov --as "$PER" sign "$id" --party kommun --key "$C/per.key" --cert "$C/per.pem" \
	--date 2026-03-24
PDFPATH="agreements/${id: -2}/$id/signed/v1.pdf"
"${GIT[@]}" show "main:$PDFPATH" > "$T/signed.pdf"
nowhere "$T/signed.pdf" "the signed PDF"
expect_ok ov render "$id" --version 1 -o "$T/v1.pdf"
nowhere "$T/v1.pdf" "version 1 rendered again"

# --- place and date written by the signatures ---------------------------------------

# The unsigned prefix has blank lines; the signed file fills them in.
# The signature blocks are on the page before the evidence page (Bevislogg).
last="$(pdfinfo "$T/signed.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')"
while [ "$last" -gt 1 ] && ! pdftotext -f "$last" -l "$last" "$T/signed.pdf" - 2>/dev/null |
	grep -q '^Bevislogg$'; do
	last=$((last - 1))
done
last=$((last - 1))
text="$(pdftotext -layout -enc UTF-8 -f "$last" -l "$last" "$T/signed.pdf" - 2>/dev/null)"
ort="$(echo "$text" | grep -E '^ *Ort ' | sed -E 's/ +/ /g; s/^ //')"
datum="$(echo "$text" | grep -E '^ *Datum ' | sed -E 's/ +/ /g; s/^ //')"
expect_eq "$ort" "Ort Råå Ort Helsingborg" "each block's place line: --place, else the agreement's place"
expect_eq "$datum" "Datum 2026-03-20 Datum 2026-03-24" "each block's date line: the signing date"
# Only the signatures write them: the frozen render has the labels and blanks alone.
frozen_text="$(pdftotext -layout -enc UTF-8 -f "$last" -l "$last" "$T/frozen.pdf" - 2>/dev/null)"
expect_eq "$(echo "$frozen_text" | grep -cE 'Råå|2026-03-2[04]' || true)" "0" \
	"before signing the place and date lines are blank"
# The widgets cover the lines: the fields saved for the version say where they are.
fields="$("${GIT[@]}" show "main:agreements/${id: -2}/$id/signed/v1-fields.xml")"
expect_eq "$(echo "$fields" | grep -c 'place-w="[1-9]')" "2" "both fields cover their place line"
expect_eq "$(echo "$fields" | grep -c 'date-w="[1-9]')" "2" "both fields cover their date line"
v="$(ov verify "$id")"
expect_contains "$v" "Resultat: giltigt" "the signed PDF verifies"
expect_eq "$(echo "$v" | grep -c 'fältet        ja')" "2" "each signature sits in its party's field"
pdfsig "$T/signed.pdf" > "$T/pdfsig.txt" 2>&1 || true
expect_eq "$(grep -c 'Signature Validation: Signature is Valid' "$T/pdfsig.txt")" "2" \
	"poppler's pdfsig finds both signatures valid"
expect_eq "$(pdftotext -layout -enc UTF-8 "$T/signed.pdf" - 2>/dev/null | grep -c UTKAST || true)" "0" \
	"the signatures add no UTKAST"

# --- a draft amendment -------------------------------------------------------------

expect_ok ov amend "$id" --summary "Tre grupper per termin" --date 2027-05-01
ov set "$id" uppdrag.omfattning "Tre grupper per termin."
expect_ok ov render "$id" --doc amendment -o "$T/amendment.pdf"
every_page "$T/amendment.pdf" "a proposed amendment"
expect_ok ov render "$id" -o "$T/draft2.pdf"
every_page "$T/draft2.pdf" "the agreement's text while an amendment is drafted"
expect_ok ov render "$id" --version 1 -o "$T/v1-again.pdf"
nowhere "$T/v1-again.pdf" "the signed version 1 while an amendment is drafted"

finish
