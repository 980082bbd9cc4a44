#!/bin/sh
# make-corpus.sh OVERENS DIR - seeds for the harnesses in tests/fuzz, one
# folder per harness (DIR/pdf, agreement, workflow, date, orgnr), made now
# by the real tool and from the data it ships rather than kept as blobs;
# DIR/trust holds the demo's CA for fuzz_pdf (OV_FUZZ_TRUST=DIR/trust).
#
#   pdf        `overens demo` takes an agreement through signing (a PDF with
#              two signatures in incremental updates, the embedded XML,
#              DejaVu fonts); from its workspace the agreement as frozen for
#              signing (unsigned) and a board decision are rendered.  Two
#              small seeds are built with python3: the agreement XML
#              embedded in a minimal PDF with a FlateDecode page, and a
#              one-revision PDF with a signature field whose /Contents is
#              the demo's real CMS (so that the fuzzer reaches the CMS and
#              byte-range code fast), and a small PDF whose objects lie in
#              an object stream behind a cross-reference stream.
#   agreement  the demo agreement as `overens show` prints it after each
#              commit that changed it (what `overens import` reads), with
#              the id fuzz_agreement imports into, and a file that fills
#              a single field.
#   workflow   the shipped workflows and subjects (workflows/).
#   date       every period the workflows use, dates and shorthand periods
#              from the scenarios, "DATE PERIOD" pairs, and edge cases
#              (leap days, month ends, the year limits, large amounts).
#   orgnr      the organisation numbers of the scenarios, and edge cases.
#
# Inputs that once made a harness fail are kept in tests/fuzz/found/NAME/
# and copied into the folder of their harness.
#
# DIR is made anew.  Prints what it made; fails loudly if the tool does.
set -eu
[ $# -eq 2 ] || { echo "usage: $0 OVERENS DIR" >&2; exit 2; }
ov="$1"
out="$2"
src="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/ovcorpus.XXXXXX")"
trap 'rm -rf "$work"' EXIT
rm -rf "$out"
mkdir -p "$out/pdf" "$out/agreement" "$out/workflow" "$out/date" "$out/orgnr" "$out/trust"

if ! "$ov" demo "$work/ws" >"$work/demo.log" 2>&1; then
	echo "make-corpus: overens demo failed:" >&2
	cat "$work/demo.log" >&2
	exit 1
fi
signed="$(grep -o '/[^ ]*\.pdf' "$work/demo.log" | tail -n 1)"
[ -f "$signed" ] || { echo "make-corpus: demo printed no signed PDF" >&2; exit 1; }
id="$(basename "$signed" | sed 's/-v[0-9]*-.*//')"
cp "$signed" "$out/pdf/signed.pdf"
cp "$work/ws/demo-certifikat/demo-ca.pem" "$out/trust/"
"$ov" -C "$work/ws" render "$id" --version 1 -o "$out/pdf/agreement-v1.pdf" >/dev/null
"$ov" -C "$work/ws" render "$id" --doc decision --party krets -o "$out/pdf/decision.pdf" >/dev/null

python3 - "$out/pdf" "$signed" "$(dirname "$0")/../lib" <<'PY'
import re, sys, zlib

out, signed = sys.argv[1], sys.argv[2]
sys.path.insert(0, sys.argv[3])
from pdfforge import search  # noqa: E402 (objects may lie in object streams)
data = open(signed, "rb").read()

def pdf(objs):
    """A one-revision PDF of `objs` (bytes, or (dict, data) for a stream)."""
    b = bytearray(b"%PDF-1.7\n")
    offs = []
    for n, o in enumerate(objs, 1):
        offs.append(len(b))
        if isinstance(o, tuple):
            d, s = o
            b += b"%d 0 obj\n<<%s /Length %d>>\nstream\n" % (n, d, len(s)) + s
            b += b"\nendstream\nendobj\n"
        else:
            b += b"%d 0 obj\n%s\nendobj\n" % (n, o)
    x = len(b)
    b += b"xref\n0 %d\n0000000000 65535 f\r\n" % (len(objs) + 1)
    b += b"".join(b"%010d 00000 n\r\n" % o for o in offs)
    b += b"trailer\n<</Size %d /Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, x)
    return bytes(b)

# the embedded agreement XML, decoded from the signed file
ef = search(data, rb"/EF\s*<<\s*/F\s+(\d+)\s+0\s+R")
m = ef and re.search(rb"(?<![0-9])" + ef.group(1) + rb" 0 obj\s*<<.*?>>\s*stream\r?\n", data, re.S)
if not m:
    sys.exit("make-corpus: no embedded XML in " + signed)
# zlib finds the end of the stream itself (/Length may be a reference)
xml = zlib.decompressobj().decompress(data[m.end():])
page = zlib.compress(b"BT /F1 12 Tf 70 760 Td (Samverkan) Tj ET\n")
open(out + "/embedded-small.pdf", "wb").write(pdf([
    b"<</Type /Catalog /Pages 2 0 R /Names <</EmbeddedFiles 4 0 R>>>>",
    b"<</Type /Pages /Kids [3 0 R] /Count 1>>",
    b"<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 6 0 R>>",
    b"<</Names [(agreement.xml) 5 0 R]>>",
    b"<</Type /Filespec /F (agreement.xml) /UF (agreement.xml) /EF <</F 7 0 R>>>>",
    (b"/Filter /FlateDecode", page),
    (b"/Type /EmbeddedFile /Subtype /text#2Fxml /Filter /FlateDecode", zlib.compress(xml)),
]))

# a signature field carrying the demo's first CMS (its digest will not match)
c = re.search(rb"/Contents\s*<([0-9A-Fa-f]+)>", data)
cms = c.group(1).rstrip(b"0") if c else b"3080"
if len(cms) % 2:
    cms += b"0"
sig = (b"<</Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached "
       b"/ByteRange [0 0000000000 0000000000 0000000000] "
       b"/M (D:20260310120000+01'00') /Contents <" + cms + b">>>")
f = pdf([
    b"<</Type /Catalog /Pages 2 0 R /AcroForm <</Fields [4 0 R] /SigFlags 3>>>>",
    b"<</Type /Pages /Kids [3 0 R] /Count 1>>",
    b"<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [4 0 R]>>",
    b"<</Type /Annot /Subtype /Widget /FT /Sig /T (Underskrift-krets) "
    b"/Rect [0 0 0 0] /P 3 0 R /V 5 0 R>>",
    sig,
])
# the byte range around /Contents, as a signer would write it
a = f.index(b"/Contents <") + len(b"/Contents ")
b = f.index(b">", a) + 1
f = f.replace(b"[0 0000000000 0000000000 0000000000]",
              b"[0 %010d %010d %010d]" % (a, b, len(f) - b))
open(out + "/signature-small.pdf", "wb").write(f)

def pdf_packed(objs):
    """`objs` (bytes, none a stream) packed into object stream n+1, with a
    FlateDecode cross-reference stream n+2 instead of a table."""
    n = len(objs)
    head, body = b"", b""
    for i, o in enumerate(objs, 1):
        head += b"%d %d " % (i, len(body))
        body += o + b"\n"
    z = zlib.compress(head + body)
    b = bytearray(b"%PDF-1.7\n")
    ostm = len(b)
    b += b"%d 0 obj\n<</Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d>>\nstream\n" % (
        n + 1, n, len(head), len(z)) + z + b"\nendstream\nendobj\n"
    x = len(b)
    rows = b"\x00\x00\x00\xff"
    rows += b"".join(b"\x02" + (n + 1).to_bytes(2, "big") + bytes([i]) for i in range(n))
    rows += b"\x01" + ostm.to_bytes(2, "big") + b"\x00" + b"\x01" + x.to_bytes(2, "big") + b"\x00"
    zr = zlib.compress(rows)
    b += b"%d 0 obj\n<</Type /XRef /Size %d /W [1 2 1] /Root 1 0 R /Filter /FlateDecode /Length %d>>\nstream\n" % (
        n + 2, n + 3, len(zr)) + zr + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % x
    return bytes(b)

# object streams and a cross-reference stream, as the renderer writes them
open(out + "/packed-small.pdf", "wb").write(pdf_packed([
    b"<</Type /Catalog /Pages 2 0 R /AcroForm <</Fields [] /SigFlags 3>>>>",
    b"<</Type /Pages /Kids [3 0 R] /Count 1>>",
    b"<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots 4 0 R>>",
    b"[]",
    b"<</Title (Samverkan) /Producer (Ov)>>",
]))
PY

# The agreement after each commit that changed it, as `overens show` prints
# it; fuzz_agreement imports into agreement 2026-0001 (fuzz_common.h).
n=0
for c in $(git --git-dir="$work/ws/repo.git" log --format=%h -- "agreements/*/$id/agreement.xml"); do
	n=$((n + 1))
	"$ov" -C "$work/ws" show "$id" --rev "$c" | sed "s/id=\"$id\"/id=\"2026-0001\"/" \
		>"$out/agreement/show-$n.xml"
done
[ "$n" -gt 0 ] || { echo "make-corpus: no commit of agreement $id" >&2; exit 1; }
{
	sed -n 1,2p "$out/agreement/show-1.xml"
	echo '<title>Ett annat namn</title>'
	echo '</agreement>'
} >"$out/agreement/one-field.xml"

cp "$src"/workflows/*.xml "$out/workflow/"
for f in "$src"/workflows/subjects/*.xml; do
	cp "$f" "$out/workflow/subject-$(basename "$f")"
done

# One seed per non-empty line of stdin, in folder $1 (named by its number).
seeds() {
	awk -v dir="$1" 'NF { f = sprintf("%s/%03d", dir, NR); printf "%s", $0 > f; close(f) }'
}
{
	grep -ho '"-\{0,1\}P[0-9][0-9YMWD]*"' "$src"/workflows/*.xml "$src"/workflows/subjects/*.xml |
		tr -d '"' | sort -u
	grep -ho '20[0-9][0-9]-[01][0-9]-[0-3][0-9]' "$src"/tests/scenarios/*.sh | sort -u | head -n 30
	grep -ho '[ =]-\{0,1\}[0-9]\{1,3\}[dwmy]\b' "$src"/tests/scenarios/*.sh | tr -d ' =' | sort -u
	cat <<'EOF'
2028-02-29
2027-02-29
2100-02-29
2000-02-29
1900-01-01
1899-12-31
9999-12-31
2026-13-01
2026-04-31
2026-00-10
2026-1-1
2026-01-01T00:00
P1Y6M2W3D
-P1M
P0D
P99999Y
P100000D
P1.5Y
PT1H
P1M1Y
2027-01-31 P1M
2028-02-29 P1Y
2027-03-31 -P1M
2026-04-01 P1Y
2030-02-28 P6M
9998-06-01 P2Y
1900-01-31 -P1M
9999-12-31 P99999Y99999M14285W4D
1900-01-01 -P99999Y
EOF
} | seeds "$out/date"
{
	grep -ho '[0-9]\{6\}-[0-9]\{4\}' "$src"/tests/scenarios/*.sh | sort -u
	cat <<'EOF'
8020028711
802002-8712
191212-1212
000000-0000
212000-0258x
21200-00258
EOF
} | seeds "$out/orgnr"

for d in "$src"/tests/fuzz/found/*/; do
	[ -d "$d" ] && cp "$d"* "$out/$(basename "$d")/"
done

echo "make-corpus: seeds in $out (from agreement $id):"
for d in pdf agreement workflow date orgnr; do
	echo "  $d: $(ls "$out/$d" | wc -l) files, $(cat "$out/$d"/* | wc -c) bytes"
done
