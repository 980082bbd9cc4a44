#!/bin/bash
# Agreements about any subject: carers' support (anhorigstod), statutory
# volunteer assignments (lagstadgade-uppdrag) and a general cooperation
# (allman), each drafted with its own subject and rendered through the real
# tool.  Checks that each document has its own text and none of another
# subject's (no paragraph of the carers' support clauses, no "anhörig" at
# all, in the other two), that every act a document cites is in force on
# the agreement's date by templates/references.xml (the socialtjänstlag of
# 2001 before 1 July 2025 with its chapter and section, the one of 2025
# after, without an unchecked section), that optional clauses follow the
# interview, that each party's diarienummer is on the first page and the
# amounts of the economy annex come from the interview, that no stylesheet
# holds a subject's sentence or a law reference, and that a clause library
# in error is refused with its file and the problem named.
. "$(dirname "$0")/../lib/scenario.sh"
setup_helsingborg

CLAUSES="$OV_SOURCE_DIR/templates/clauses"
REFS="$OV_SOURCE_DIR/templates/references.xml"

# draft SUBJECT START: a filled-in samverkansavtal about SUBJECT; prints its id.
draft() {
	local id
	id="$(ov new samverkansavtal --subject "$1" --party krets=802002-8711 \
		--party kommun=212000-0258 --date 2026-01-12)" || return 1
	ov set "$id" titel "Samarbete om $1" >/dev/null &&
	ov set "$id" bakgrund "Parterna vill samarbeta." >/dev/null &&
	ov set "$id" uppdrag.vem "Kretsens frivilliga." >/dev/null &&
	ov set "$id" uppdrag.omfattning "Två träffar i månaden." >/dev/null &&
	ov set "$id" uppdrag.hur "I kommunens lokaler." >/dev/null &&
	ov set "$id" uppdrag.ingar-inte "Myndighetsutövning." >/dev/null &&
	ov set "$id" avtalstid.start "$2" >/dev/null &&
	ov set "$id" ort Helsingborg >/dev/null || return 1
	echo "$id"
}

declare -A doc
ids=()
for s in anhorigstod lagstadgade-uppdrag allman; do
	id="$(draft "$s" 2026-04-01)" || { fail "drafting a $s agreement failed"; continue; }
	ids[${#ids[@]}]="$id"
	expect_ok ov render "$id" --format txt -o "$T/$s.txt"
	doc[$s]="$T/$s.txt"
done
expect_eq "${#ids[@]}" 3 "three subjects drafted"

# Each subject's own assignment clause is in its document, and only there.
own_text() { # subject -> the first words of its assignment clause
	python3 - "$CLAUSES/$1.xml" "uppdrag.$1" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
for c in root.iter("clause"):
    if c.get("id") == sys.argv[2]:
        for p in c.iter("p"):
            if (p.text or "").strip() and len(" ".join(p.text.split())) > 25:
                print(" ".join(p.text.split())[:40]); sys.exit(0)
sys.exit("no plain sentence in " + sys.argv[2])
PY
}
flat() { tr -s ' \n\f' '  ' <"$1"; }
for s in anhorigstod lagstadgade-uppdrag allman; do
	[ -f "${doc[$s]}" ] || continue
	want="$(own_text "$s")" || { fail "no sentence found for $s"; continue; }
	for t in anhorigstod lagstadgade-uppdrag allman; do
		[ -f "${doc[$t]}" ] || continue
		if [ "$s" = "$t" ]; then
			flat "${doc[$t]}" | grep -qF "$want" || fail "$t lacks its own text '$want'"
		else
			flat "${doc[$t]}" | grep -qF "$want" && fail "$t holds $s's text '$want'"
		fi
	done
done

# No carers'-support sentence in the other subjects' documents.
python3 - "$CLAUSES/anhorigstod.xml" "${doc[lagstadgade-uppdrag]}" "${doc[allman]}" <<'PY' ||
import re, sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
runs = []
for p in root.iter("p"):
    for piece in [p.text] + [c.tail for c in p]:
        piece = " ".join((piece or "").split())
        if len(piece) >= 40:
            runs.append(piece)
assert runs, "no sentences read from the carers' support clauses"
bad = 0
for path in sys.argv[2:]:
    text = " ".join(open(path, encoding="utf-8").read().split())
    for r in runs:
        if r in text:
            print("%s holds the carers' support sentence: %s" % (path, r)); bad += 1
    if re.search("anhörig", text, re.I):
        print("%s mentions anhörig" % path); bad += 1
sys.exit(1 if bad else 0)
PY
	fail "a carers' support sentence appears in another subject"
flat "${doc[anhorigstod]}" | grep -qi "anhörig" || fail "the carers' support agreement never says anhörig"

# Every cited act is in force on the agreement's date.
cited_in_force() { # text-file date
	python3 - "$REFS" "$1" "$2" <<'PY'
import re, sys, xml.etree.ElementTree as ET
refs, path, date = sys.argv[1], sys.argv[2], sys.argv[3]
versions = {}
for v in ET.parse(refs).getroot().iter("version"):
    if v.get("sfs"):
        versions.setdefault(v.get("sfs"), []).append((v.get("from"), v.get("to") or "9999-12-31"))
text = " ".join(open(path, encoding="utf-8").read().split())
found = re.findall(r"\((\d{4}:\d+)\)", text)
if not found:
    sys.exit("%s cites no act" % path)
for sfs in found:
    spans = versions.get(sfs)
    if not spans:
        sys.exit("%s cites SFS %s, which references.xml does not know" % (path, sfs))
    if not any(f <= date <= t for f, t in spans):
        sys.exit("%s cites SFS %s, not in force on %s" % (path, sfs, date))
PY
}
for s in anhorigstod lagstadgade-uppdrag allman; do
	[ -f "${doc[$s]}" ] && { cited_in_force "${doc[$s]}" 2026-04-01 || fail "$s: a cited act is not in force"; }
done
flat "${doc[anhorigstod]}" | grep -q "socialtjänstlagen (2025:400)" ||
	fail "a 2026 carers' support agreement does not cite socialtjänstlagen (2025:400)"
flat "${doc[anhorigstod]}" | grep -q "2001:453" && fail "a 2026 agreement cites the act of 2001"
flat "${doc[anhorigstod]}" | grep -Eq "kap\. [0-9]+ § socialtjänstlagen \(2025:400\)" &&
	fail "the 2025 act is cited with an unchecked chapter and section"

# Before 1 July 2025 the act of 2001 applies, with its chapter and section.
old="$(draft anhorigstod 2025-03-01)"
expect_ok ov render "$old" --format txt -o "$T/old.txt"
flat "$T/old.txt" | grep -q "5 kap. 10 § socialtjänstlagen (2001:453)" ||
	fail "an agreement from March 2025 does not cite 5 kap. 10 § socialtjänstlagen (2001:453)"
cited_in_force "$T/old.txt" 2025-03-01 || fail "the 2025-03-01 agreement cites an act not in force"

# Optional clauses follow the interview.
id="${ids[2]}"
flat "${doc[allman]}" | grep -q "Försäkring" || fail "the insurance clause is missing by default"
expect_ok ov set "$id" klausul.forsakring nej
expect_ok ov render "$id" --format txt -o "$T/noins.txt"
flat "$T/noins.txt" | grep -q "olycksfallsförsäkring" && fail "insurance clause kept after 'nej'"
expect_fail 2 "not one of the choices" ov set "$id" klausul.forsakring kanske

# Diarienummer on the first page; amounts in the economy annex.
id="${ids[0]}"
expect_ok ov set "$id" diarienr.kommun "SN 2026/117"
expect_ok ov set "$id" diarienr.krets "2026-04"
expect_ok ov set "$id" ekonomi.kommunen "Fika och material = 6 000 kr per år"
expect_ok ov set "$id" ekonomi.kommunen "Lokal"
expect_ok ov render "$id" -o "$T/dnr.pdf"
pdftotext -f 1 -l 1 "$T/dnr.pdf" "$T/p1.txt"
grep -q "SN 2026/117" "$T/p1.txt" || fail "the kommun's diarienummer is not on the first page"
grep -q "2026-04" "$T/p1.txt" || fail "the krets's diarienummer is not on the first page"
expect_fail 3 "unknown field 'diarienr.region'" ov set "$id" diarienr.region "X 1"
pdftotext "$T/dnr.pdf" - | tr -s ' \n' '  ' | grep -q "Fika och material.*6 000 kr per år" ||
	fail "the amount from the interview is not in the document"
pdftotext "$T/dnr.pdf" - | grep -q "Ej angivet" && pdftotext "$T/dnr.pdf" - | grep -A2 "Lokal" | grep -q "6 000" &&
	fail "an amount went to the wrong item"

# No stylesheet holds a subject's sentence or a law reference.
if grep -n -E ' lagen|\(lag|kap\.|§|SFS|prop\.|[0-9]{4}:[0-9]+|nhörig|Röda Kors|socialtjänst|förordning|god man|frivård' \
	"$OV_SOURCE_DIR"/templates/*.xsl; then
	fail "a stylesheet holds a subject's text or a law reference (above)"
fi

# A clause library in error: the file and the problem are named.
mkdir -p "$T/data"
cp -r "$OV_SOURCE_DIR/templates" "$OV_SOURCE_DIR/workflows" "$T/data/"
sed -i 's/<cite ref="sol.anhorigstod"\/>/<cite ref="ingen.sadan"\/>/' "$T/data/templates/clauses/anhorigstod.xml"
expect_fail 3 "reference ingen.sadan is not in the references file" env OVERENS_DATA="$T/data" "$OVERENS" -C "$WS" render "${ids[0]}" --format txt -o "$T/x.txt"
cp "$OV_SOURCE_DIR/templates/clauses/anhorigstod.xml" "$T/data/templates/clauses/"
sed -i '0,/when="/s/when="/when="](/' "$T/data/templates/clauses/anhorigstod.xml"
expect_fail 2 "anhorigstod.xml: clause frivilliga.anhorigstod: bad XPath" env OVERENS_DATA="$T/data" "$OVERENS" -C "$WS" render "${ids[0]}" --format txt -o "$T/x.txt"

finish
