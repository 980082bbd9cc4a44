#!/bin/bash
# A hostile PDF must not knock `overens verify` over: a 260 KB file whose
# embedded "agreement XML" is a FlateDecode stream inflating to 250 MiB of
# zeros (and whose page content is a smaller bomb) is refused with a
# message naming the problem, at a peak memory under 64 MB (measured with
# /usr/bin/time, except in sanitizer builds, whose allocator and shadow
# memory make the number meaningless).  An agreement PDF rendered by the
# tool itself still has its embedded XML read by the same path.
. "$(dirname "$0")/../lib/scenario.sh"

if [ ! -x /usr/bin/time ]; then
	echo "FAIL: /usr/bin/time is missing: install the Debian package 'time'" \
		"(scripts/install-deps.sh lists it)" >&2
	exit 1
fi
# Sanitizer builds: the memory number says nothing (the refusal is still checked).
sanitized=0
case "${OV_BUILD_DIR:-}" in *build-asan) sanitized=1 ;; esac
grep -qa __asan_init "$OVERENS" && sanitized=1

setup_helsingborg

# run_verify PDF: the exit status in $rc, stdout and stderr in $report.
run_verify() {
	set +e
	report="$(ov verify "$1" 2>&1)"
	rc=$?
	set -e
}

# --- our own PDF: the embedded XML is read, no budget is hit -------------------

id="$(ov new samverkansavtal --party krets=802002-8711 --party kommun=212000-0258 \
	--title "Samarbetsavtal om anhörigstöd" --date 2026-01-12)"
ov render "$id" -o "$T/agreement.pdf" >/dev/null
run_verify "$T/agreement.pdf"
expect_eq "$rc" 7 "an unsigned agreement is not valid"
CHECKS=$((CHECKS + 1))
case "$report" in
*"PDF offset"* | *"inflate to more than"*)
	fail "the tool's own PDF hit a limit: $report" ;;
esac
set +e
agreement="$(ov verify "$T/agreement.pdf" --json | json 'j["agreement"]')"
set -e
expect_eq "$agreement" "$id" "the embedded XML of the tool's own PDF is read"

# --- the bomb ------------------------------------------------------------------

python3 - "$T/bomb.pdf" <<'EOF'
import sys, zlib

def bomb(mib):
    """zlib data inflating to `mib` MiB of zeros (about 1 KB per MiB)."""
    c = zlib.compressobj(9)
    zeros = bytes(1 << 20)
    return b"".join([c.compress(zeros) for _ in range(mib)] + [c.flush()])

objs = [
    b"<</Type /Catalog /Pages 2 0 R /Names <</EmbeddedFiles 4 0 R>>>>",
    b"<</Type /Pages /Kids [3 0 R] /Count 1>>",
    b"<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 6 0 R>>",
    b"<</Names [(agreement.xml) 5 0 R]>>",
    b"<</Type /Filespec /F (agreement.xml) /UF (agreement.xml) /EF <</F 7 0 R>>>>",
    ("<</Filter /FlateDecode>>", bomb(16)),
    ("<</Type /EmbeddedFile /Subtype /text#2Fxml /Filter /FlateDecode>>", bomb(250)),
]
out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
offs = []
for n, o in enumerate(objs, 1):
    offs.append(len(out))
    if isinstance(o, tuple):
        d, data = o
        out += b"%d 0 obj\n%s\nstream\n" % (n, d[:-2].encode() + b" /Length %d>>" % len(data))
        out += data + b"\nendstream\nendobj\n"
    else:
        out += b"%d 0 obj\n%s\nendobj\n" % (n, o)
xref = len(out)
out += b"xref\n0 %d\n0000000000 65535 f\r\n" % (len(objs) + 1)
out += b"".join(b"%010d 00000 n\r\n" % o for o in offs)
out += b"trailer\n<</Size %d /Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
open(sys.argv[1], "wb").write(out)
EOF
size="$(stat -c %s "$T/bomb.pdf")"
CHECKS=$((CHECKS + 1))
[ "$size" -gt 240000 ] && [ "$size" -lt 300000 ] || fail "the bomb is $size bytes, expected ~260 KB"
# where the embedded file's stream object starts, and that it really inflates
# to 250 MiB (python reads it in chunks)
read -r at mib < <(python3 - "$T/bomb.pdf" <<'EOF'
import re, sys, zlib
data = open(sys.argv[1], "rb").read()
m = re.search(rb"7 0 obj\n(<</Type /EmbeddedFile .*?/Length (\d+)>>\nstream\n)", data)
z = data[m.end():m.end() + int(m.group(2))]
d, total = zlib.decompressobj(), 0
while z:
    total += len(d.decompress(z, 1 << 24))
    z = d.unconsumed_tail
print(m.start(1), total >> 20)
EOF
)
expect_eq "$mib" 250 "the bomb inflates to 250 MiB"

run_verify "$T/bomb.pdf"
expect_eq "$rc" 7 "verify refuses the bomb (exit 7: not valid)"
expect_contains "$report" "PDF offset $at: the streams inflate to more than $((32 * size + 4194304)) bytes (the limit for a file of $size bytes)" \
	"the refusal names the stream and the limit"
set +e
expect_eq "$(ov verify "$T/bomb.pdf" --json | json 'j["ok"], j["agreement"]')" "False None" \
	"the bomb is not valid and names no agreement"
set -e

# peak memory (KiB) of the refusal
if [ "$sanitized" -eq 1 ]; then
	echo "sanitizer build: the 64 MB memory check is skipped (the refusal was checked)"
else
	set +e
	/usr/bin/time -o "$T/rss" -f %M "$OVERENS" -C "$WS" verify "$T/bomb.pdf" >/dev/null 2>&1
	set -e
	rss="$(tail -n 1 "$T/rss")"
	echo "peak memory of verify on the bomb: $rss KiB"
	CHECKS=$((CHECKS + 1))
	case "$rss" in
	'' | *[!0-9]*) fail "no peak memory from /usr/bin/time: $(cat "$T/rss")" ;;
	*) [ "$rss" -lt 65536 ] || fail "verify used $rss KiB on the bomb, expected < 64 MiB" ;;
	esac
fi

finish
