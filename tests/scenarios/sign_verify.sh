#!/bin/bash
# Digital signatures on a two-party agreement through the real tool, checked
# by tools nobody here wrote: certificates made here with openssl for the
# registered signatories, the trust store, both parties sign (PKCS#12 and
# PEM), `overens verify`, poppler's pdfsig with and without an NSS database
# trusting the CA, qpdf, pdftotext, pdfdetach against the git tag.  Then
# tampered copies (a flipped byte, an appended page, a replaced embedded
# XML), cancelled signing and a version 2, and bad input: each refusal is
# checked with its message and shown to leave the workspace and the signed
# file as they were.
. "$(dirname "$0")/../lib/scenario.sh"
. "$(dirname "$0")/../lib/signing.sh"

# --- certificates ------------------------------------------------------------

mkdir -p "$C"
mkca ca '/C=SE/O=Överens scenariotest/CN=Scenario-CA'
mkca other '/C=SE/CN=Okänd CA'
LARS_DN="/C=SE/O=Helsingborgs rödakorskrets/CN=Lars Öberg/emailAddress=$LARS"
PER_DN="/C=SE/O=Helsingborgs stad/CN=Per Ståhl/emailAddress=$PER"
cert ca lars "$LARS_DN" v3_signer lars -days 30
cert ca per "$PER_DN" v3_signer per -days 30
cert ca per-expired "$PER_DN" v3_signer per -startdate 20200101000000Z -enddate 20210101000000Z
cert ca per-notyet "$PER_DN" v3_signer per -startdate 20990101000000Z -enddate 20991231000000Z
cert ca per-nosign "$PER_DN" v3_nosign per -days 30
cert other per-foreign "$PER_DN" v3_signer per -days 30
cert ca anna '/C=SE/CN=Anna Åström/emailAddress=anna.astrom@example.se' v3_signer anna -days 30
openssl pkcs12 -export -inkey "$C/lars.key" -in "$C/lars.pem" -certfile "$C/ca.pem" \
	-name "Lars Öberg" -out "$C/lars.p12" -passout pass:hemligt-lars
openssl pkcs12 -export -inkey "$C/anna.key" -in "$C/anna.pem" -certfile "$C/ca.pem" \
	-name "Anna Åström" -out "$C/anna.p12" -passout pass:hemligt-lars
printf 'hemligt-lars\n' > "$C/lars.pass"
printf 'fel-lösenord\n' > "$C/wrong.pass"
# Per keeps an encrypted PEM key; the chain file carries the CA.
openssl pkey -in "$C/per.key" -aes256 -passout pass:losen-per -out "$C/per-enc.key"
for n in per per-expired per-notyet per-nosign; do cat "$C/$n.pem" "$C/ca.pem" > "$C/$n-chain.pem"; done
cat "$C/per-foreign.pem" "$C/other.pem" > "$C/per-foreign-chain.pem"
# An NSS database trusting the CA for pdfsig.
mkdir -p "$T/nss"
certutil -N --empty-password -d "sql:$T/nss"
certutil -A -n ca -t "CT,C,C" -i "$C/ca.pem" -d "sql:$T/nss"

# --- the agreement, taken to signing -------------------------------------------

setup_helsingborg
id="$(ov new samverkansavtal --party krets=802002-8711 --party kommun=212000-0258 \
	--title "Samarbetsavtal om anhörigstöd" --date 2026-01-12)"
to_signing "$id"
expect_eq "$(ov status "$id" --json | json 'j["phase"]')" "signering" "ready for signing"
PDFPATH="agreements/${id: -2}/$id/signed/v1.pdf"
XMLPATH="agreements/${id: -2}/$id/agreement.xml"
# pdf_sum: the hash of the signed PDF in git (of nothing while there is none).
pdf_sum() { "${GIT[@]}" show "main:$PDFPATH" 2>/dev/null | sha256sum | cut -c1-64 || true; }
# unchanged WHAT: the head, the tags and the signed PDF are as before.
unchanged() {
	expect_eq "$(snapshot)" "$before" "$1: the workspace is unchanged"
	expect_eq "$("${GIT[@]}" tag | tr '\n' ' ')" "$tags" "$1: no tag made or removed"
	expect_eq "$(pdf_sum)" "$pdfsum" "$1: the signed PDF is unchanged"
}
remember() { before="$(snapshot)"; tags="$("${GIT[@]}" tag | tr '\n' ' ')"; pdfsum="$(pdf_sum)"; }

# --- trust -----------------------------------------------------------------------

expect_eq "$(ov trust list)" "" "no CA is trusted at first"
remember
expect_fail 2 "the certificate is not a CA certificate (basicConstraints CA:TRUE)" \
	ov trust add "$C/lars.pem"
expect_fail 2 "no PEM certificate in the file" ov trust add "$C/lars.pass"
expect_eq "$(snapshot)" "$before" "refused trust writes nothing"
expect_ok ov trust add "$C/ca.pem"
fp="$(openssl x509 -in "$C/ca.pem" -noout -fingerprint -sha256 | sed 's/.*=//; s/://g' | tr A-F a-f)"
expect_eq "$(ov trust list --json | json 'j[0]["fingerprint"]')" "$fp" \
	"trust list: the CA's SHA-256 fingerprint"
expect_eq "$(ov trust list --json | json 'len(j)')" "1" "one trusted CA"
expect_contains "$(ov trust list)" "${fp:0:16}  C = SE, O = Överens scenariotest, CN = Scenario-CA" \
	"trust list names the CA"
expect_fail 1 "is already trusted" ov trust add "$C/ca.pem"
expect_eq "$("${GIT[@]}" show "main:trust/$fp.pem" | openssl x509 -noout -fingerprint -sha256 | \
	sed 's/.*=//; s/://g' | tr A-F a-f)" "$fp" "the CA is kept in git under trust/"

# --- refusals before the first signature: nothing frozen, nothing written ------

remember
expect_eq "$pdfsum" "$(printf '' | sha256sum | cut -c1-64)" "no signed PDF yet"
expect_fail 2 "wrong password for $C/lars.p12" \
	ov --as "$LARS" sign "$id" --party krets --p12 "$C/lars.p12" --password-file "$C/wrong.pass"
expect_fail 2 "a password is never given on the command line" \
	ov --as "$LARS" sign "$id" --party krets --p12 "$C/lars.p12" --password hemligt-lars
expect_fail 4 \
	"the certificate names Anna Åström <anna.astrom@example.se>, not Lars Öberg, the party's authorised" \
	ov --as "$LARS" sign "$id" --party krets --p12 "$C/anna.p12" --password-file "$C/lars.pass"
unchanged "refused first signature"
expect_eq "$("${GIT[@]}" tag -l "$id-v1")" "" "no tag before the first signature"

# --- the first signature (PKCS#12) freezes version 1 ------------------------------

expect_ok ov --as "$LARS" sign "$id" --party krets --p12 "$C/lars.p12" \
	--password-file "$C/lars.pass" --date 2026-03-20
expect_contains "$out" "$id: undertecknat digitalt för krets ($PDFPATH)" "sign names the PDF"
expect_eq "$(ov status "$id" --json | json 'j["phase"]')" "signering" "one signature is not enough"
expect_eq "$("${GIT[@]}" tag -l "$id-v1")" "$id-v1" "the first signature tags version 1"
expect_fail 5 "it is frozen for signing (overens cancel-signing to change it)" \
	ov set "$id" uppdrag.hur "Ändrat efter första underskriften"
expect_eq "$(ov verify "$id" --json | json 'j["ok"], j["all_parties_signed"], len(j["signatures"])')" \
	"False False 1" "half signed: not valid yet"
expect_report 7 "ingen giltig underskrift för Helsingborgs stad (part kommun)" ov verify "$id"

# --- refused second signatures: workspace and signed PDF stay as they were ------

remember
sign_per() { # ID CERT [KEY]: Per signs for kommun with his encrypted PEM key
	OVERENS_PASSWORD=losen-per ov --as "$PER" sign "$1" --party kommun \
		--key "$C/${3:-per-enc.key}" --cert "$C/$2" --date 2026-03-24
}
expect_fail 2 "wrong password for $C/per-enc.key" \
	env OVERENS_PASSWORD=fel "$OVERENS" -C "$WS" --as "$PER" sign "$id" --party kommun \
	--key "$C/per-enc.key" --cert "$C/per-chain.pem"
expect_fail 2 "the certificate of Per Ståhl has expired at the signing time" \
	sign_per "$id" per-expired-chain.pem
expect_fail 2 "the certificate of Per Ståhl is not valid yet at the signing time" \
	sign_per "$id" per-notyet-chain.pem
expect_fail 2 "the private key does not belong to the certificate of Per Ståhl" \
	ov --as "$PER" sign "$id" --party kommun --key "$C/lars.key" --cert "$C/per-chain.pem"
expect_fail 2 "the certificate of Per Ståhl does not allow signing (keyUsage lacks digitalSignature" \
	sign_per "$id" per-nosign-chain.pem
expect_fail 7 \
	"the certificate does not chain to a CA in the workspace's trust store (overens trust add CA.pem)" \
	sign_per "$id" per-foreign-chain.pem
expect_fail 4 "the certificate names Anna Åström <anna.astrom@example.se>, not Per Ståhl" \
	ov --as "$PER" sign "$id" --party kommun --key "$C/anna.key" --cert "$C/anna.pem"
expect_fail 4 "per.stahl@example.se acts for party 'kommun' and may not act for party 'krets'" \
	env OVERENS_PASSWORD=losen-per "$OVERENS" -C "$WS" --as "$PER" sign "$id" --party krets \
	--key "$C/per-enc.key" --cert "$C/per-chain.pem"
expect_fail 4 "lars.oberg@example.org acts for party 'krets' and may not act for party 'kommun'" \
	ov --as "$LARS" sign "$id" --party kommun --p12 "$C/lars.p12" --password-file "$C/lars.pass"
expect_fail 5 "$id: party 'krets' has already signed" \
	ov --as "$LARS" sign "$id" --party krets --p12 "$C/lars.p12" --password-file "$C/lars.pass"
unchanged "refused second signatures"
# An untrusted CA: the trust is removed, Per is refused, the trust comes back.
expect_ok ov trust remove "${fp:0:12}"
expect_eq "$(ov trust list --json | json 'len(j)')" "0" "trust removed"
remember
expect_fail 7 "does not chain to a CA in the workspace's trust store" sign_per "$id" per-chain.pem
unchanged "refused untrusted signature"
expect_ok ov trust add "$C/ca.pem"

# --- the second signature (encrypted PEM key) makes the agreement active ---------

expect_ok sign_per "$id" per-chain.pem
expect_contains "$out" "$id: nu i fasen Aktivt avtal (aktivt)" "sign reports the new phase"
expect_eq "$(ov status "$id" --json | json 'j["phase"]')" "aktivt" "active after both signatures"
expect_eq "$("${GIT[@]}" log -1 --format=%H -- "$PDFPATH")" "$("${GIT[@]}" rev-parse main)" \
	"the fully signed PDF is committed with the last sign event"
expect_contains "$("${GIT[@]}" log -1 --format=%B main)" "Event: sign" "the commit is the sign event"

v="$(ov verify "$id" --json)"
expect_eq "$(echo "$v" | json 'j["ok"]')" "True" "verify: ok"
expect_eq "$(echo "$v" | json 'j["agreement"], j["version"], j["tag"]')" "$id 1 $id-v1" \
	"verify: id, version, tag"
expect_eq "$(echo "$v" | json 'j["xml_matches"], j["all_parties_signed"], j["appended_after_last"]')" \
	"True True False" "verify: xml, parties, nothing appended"
expect_eq "$(echo "$v" | json '[(s["party"], s["signer"]) for s in j["signatures"]]')" \
	"[('krets', 'Lars Öberg'), ('kommun', 'Per Ståhl')]" "verify: signers in order"
expect_eq "$(echo "$v" | json '[(s["digest_ok"], s["trusted"], s["covers_document_to_here"],
	s["whole_file"]) for s in j["signatures"]]')" \
	"[(True, True, True, False), (True, True, True, True)]" "verify: per signature"
expect_contains "$(echo "$v" | json 'j["signatures"][1]["subject"]')" \
	"CN = Per Ståhl, emailAddress = $PER" \
	"verify: certificate subject"
expect_contains "$(echo "$v" | json 'j["signatures"][0]["issuer"]')" "CN = Scenario-CA" "verify: issuer"
expect_contains "$(echo "$v" | json 'j["signatures"][0]["signing_time"]')" \
	"$(TZ=Europe/Stockholm date +%Y-%m-%d)T" \
	"verify: signing time"
expect_eq "$(echo "$v" | json 'j["problems"]')" "[]" "verify: no problems"
expect_ok ov verify "$id"
expect_contains "$out" "Resultat: giltigt" "verify in words"

# --- tools nobody here wrote -------------------------------------------------------

S="$T/signed.pdf"
"${GIT[@]}" show "main:$PDFPATH" > "$S"
expect_ok ov verify "$S"
# What was signed is what `render --version 1` gives: the signed file begins with it.
ov render "$id" --version 1 -o "$T/v1-rendered.pdf" >/dev/null
expect_eq "$(head -c "$(stat -c %s "$T/v1-rendered.pdf")" "$S" | cmp - "$T/v1-rendered.pdf" && echo same)" \
	"same" "the signed PDF starts with the rendered version 1, byte for byte"

# PDF/A-3b: the rendered version and the signed file pass scripts/check-pdfa.py,
# and the checker does fail on files that break a requirement: the catalog's
# /OutputIntents key renamed (same length, so the xref stays right), the last
# trailer's /ID renamed, /AFRelationship renamed in the file specification.
# Those keys lie in compressed object streams, so the damage is done to a
# copy that qpdf wrote without them (the last /ID is in the signed file's
# newest cross-reference stream, and is renamed there).
check_pdfa "$T/v1-rendered.pdf" "the rendered version 1"
check_pdfa "$S" "the agreement signed by both parties"
expect_ok qpdf --object-streams=disable "$S" "$T/plain.pdf"
check_pdfa "$T/plain.pdf" "the signed agreement without object streams"
pdfa_broken() { # NAME FROM TO N: FROM replaced by TO (its last occurrence); N failures
	local src="$T/plain.pdf"
	[ "$1" != trailer-id ] || src="$S"
	python3 - "$src" "$T/broken-$1.pdf" "$2" "$3" <<'EOF2'
import sys
d = open(sys.argv[1], 'rb').read()
a, b = sys.argv[3].encode(), sys.argv[4].encode()
assert len(a) == len(b) and a in d
i = d.rindex(a)
open(sys.argv[2], 'wb').write(d[:i] + b + d[i + len(a):])
EOF2
	CHECKS=$((CHECKS + 1))
	set +e
	out="$(python3 "$OV_SOURCE_DIR/scripts/check-pdfa.py" "$T/broken-$1.pdf" 2>&1)"
	rc=$?
	set -e
	[ "$rc" -eq 1 ] || fail "check-pdfa on broken-$1: exit $rc, expected 1: $out"
	expect_contains "$out" "FAIL $1:" "check-pdfa names the broken requirement $1"
	expect_eq "$(grep -c '^FAIL' <<<"$out")" "$4" "check-pdfa: broken-$1 fails only that"
}
pdfa_broken output-intent "/OutputIntents" "/OutputIntentz" 1
pdfa_broken trailer-id "/ID [" "/IX [" 1
pdfa_broken embedded-files "/AFRelationship" "/AFRelationshiq" 1
pdfa_broken xmp-pdfaid "<pdfaid:part>3<" "<pdfaid:part>1<" 1

sig="$(pdfsig "$S" 2>&1 || true)"
expect_eq "$(grep -c 'Signature Validation: Signature is Valid.' <<<"$sig")" "2" \
	"pdfsig: two valid signatures"
expect_contains "$sig" "Signature Field Name: Underskrift-krets" "pdfsig: krets field"
expect_contains "$sig" "Signer Certificate Common Name: Per Ståhl" "pdfsig: Per's certificate"
expect_contains "$sig" "Signature Type: ETSI.CAdES.detached" "pdfsig: PAdES"
expect_contains "$sig" "Certificate issuer isn't Trusted." "pdfsig without the CA"
sig="$(pdfsig -nssdir "sql:$T/nss" "$S" 2>&1 || true)"
expect_eq "$(grep -c 'Signature Validation: Signature is Valid.' <<<"$sig")" "2" "pdfsig+NSS: two valid"
expect_eq "$(grep -c 'Certificate Validation: Certificate is Trusted.' <<<"$sig")" "2" "pdfsig+NSS: trusted"
expect_eq "$(grep -c '  - Total document signed' <<<"$sig")" "1" "pdfsig: only the last covers the file"
expect_ok qpdf --check "$S"
txt="$(pdftotext "$S" - 2>/dev/null)"
# The readers have nothing to warn about (a broken ToUnicode map, say).
for tool in "pdftotext $S -" "pdffonts $S" "pdfsig $S" "qpdf --check $S"; do
	expect_eq "$($tool 2>&1 >/dev/null)" "" "$tool: no warnings"
done
expect_contains "$txt" "Samarbetsavtal om anhörigstöd" "pdftotext: title"
expect_contains "$txt" "Kretsens samtalsledare, två per grupp." "pdftotext: the assignment"
expect_contains "$(pdfdetach -list "$S" 2>/dev/null)" "avtal-$id-v1.xml" "pdfdetach: the attachment"
pdfdetach -save 1 -o "$T/embedded.xml" "$S" 2>/dev/null
"${GIT[@]}" show "$id-v1:$XMLPATH" > "$T/tagged.xml"
expect_ok cmp "$T/embedded.xml" "$T/tagged.xml"
expect_ok test -s "$T/tagged.xml"

# --- tampered copies ---------------------------------------------------------------

cat > "$T/tamper.py" <<'EOF'
# tamper.py flip|page|xml IN OUT [XML OLD NEW]: a damaged copy of a signed PDF.
import os
import re
import sys
import zlib

sys.path.insert(0, os.environ['OV_SOURCE_DIR'] + '/tests/lib')
from pdfforge import append_update, last_trailer, newest, search, stream  # noqa: E402

cmd, src, dst = sys.argv[1:4]
d = open(src, 'rb').read()
if cmd == 'flip':
    # a byte of the document information, inside every signed range
    i = d.index(b'Haru Free PDF Library')
    d = d[:i] + bytes([d[i] ^ 0x20]) + d[i + 1:]
elif cmd == 'flip-xml':
    # a byte of the compressed agreement XML, inside every signed range
    ef = int(search(d, rb'/EF\s*<<\s*/F\s+(\d+)\s+0\s+R').group(1))
    i = d.index(b'stream', re.search(rb'(?<![0-9])%d 0 obj' % ef, d).start()) + 48
    d = d[:i] + bytes([d[i] ^ 0x01]) + d[i + 1:]
elif cmd == 'page':
    root = re.search(rb'/Root\s+(\d+)', last_trailer(d)[0]).group(1)
    pnum = int(re.search(rb'/Pages\s+(\d+)\s+0\s+R', newest(d, int(root))).group(1))
    pages = newest(d, pnum)
    kids = re.search(rb'/Kids\s*\[(.*?)\]', pages, re.S).group(1).strip()
    count = int(re.search(rb'/Count\s+(\d+)', pages).group(1))
    n = int(re.search(rb'/Size\s+(\d+)', last_trailer(d)[0]).group(1))
    d = append_update(d, {
        pnum: b'<</Type /Pages /Kids [%s %d 0 R] /Count %d>>' % (kids, n, count + 1),
        n: b'<</Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R '
           b'/Resources <</Font <</F1 %d 0 R>>>>>>' % (pnum, n + 1, n + 2),
        n + 1: stream(b'BT /F1 24 Tf 72 700 Td (Tillagd sida) Tj ET'),
        n + 2: b'<</Type /Font /Subtype /Type1 /BaseFont /Helvetica>>'})
elif cmd == 'xml':
    ef = int(search(d, rb'/EF\s*<<\s*/F\s+(\d+)\s+0\s+R').group(1))
    xml = open(sys.argv[4], 'rb').read()
    changed = xml.replace(sys.argv[5].encode(), sys.argv[6].encode())
    assert changed != xml
    d = append_update(d, {ef: stream(zlib.compress(changed),
                                     b'/Type /EmbeddedFile /Filter /FlateDecode ')})
open(dst, 'wb').write(d)
EOF
tamper() { PYTHONDONTWRITEBYTECODE=1 python3 "$T/tamper.py" "$@"; }
pages="$(pdfinfo "$S" 2>/dev/null | sed -n 's/^Pages: *//p')"

# A flipped byte inside the signed ranges.
tamper flip "$S" "$T/flip.pdf"
expect_eq "$(cmp -l "$S" "$T/flip.pdf" | wc -l)" "1" "one byte differs"
expect_report 7 "underskrift Underskrift-krets: kontrollsumman stämmer inte: de undertecknade byten har ändrats efter underskriften" \
	ov verify "$T/flip.pdf"
expect_report 7 "underskrift Underskrift-kommun: kontrollsumman stämmer inte" ov verify "$T/flip.pdf"
expect_eq "$(ov verify "$T/flip.pdf" --json | json '[s["digest_ok"] for s in j["signatures"]]')" \
	"[False, False]" "flip: both digests fail"
expect_eq "$(pdfsig -nssdir "sql:$T/nss" "$T/flip.pdf" 2>&1 |
	grep -c 'Signature Validation: Digest Mismatch.')" \
	"2" "pdfsig: both signatures invalid after the flip"
# A flipped byte inside the compressed agreement XML: refused either way.
tamper flip-xml "$S" "$T/flip-xml.pdf"
expect_eq "$(cmp -l "$S" "$T/flip-xml.pdf" | wc -l)" "1" "one byte of the XML stream differs"
expect_report 7 "underskrift Underskrift-krets: kontrollsumman stämmer inte" ov verify "$T/flip-xml.pdf"
expect_report 7 "den inbäddade avtals-XML:en kan inte läsas" ov verify "$T/flip-xml.pdf"
expect_eq "$(pdfsig "$T/flip-xml.pdf" 2>&1 | grep -c 'Signature Validation: Digest Mismatch.')" \
	"2" "pdfsig: both signatures invalid after the flip in the XML"

# A page appended as a further incremental update.
tamper page "$S" "$T/page.pdf"
expect_ok qpdf --check "$T/page.pdf"
# ... in Helvetica, which is not embedded: not PDF/A any more.
set +e
out="$(python3 "$OV_SOURCE_DIR/scripts/check-pdfa.py" "$T/page.pdf" 2>&1)"
rc=$?
set -e
expect_eq "$rc" "1" "check-pdfa fails on the added page"
expect_contains "$out" "FAIL fonts-embedded: font /Helvetica" "check-pdfa: the added font is not embedded"
expect_eq "$(pdfinfo "$T/page.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')" "$((pages + 1))" \
	"the update adds a page"
expect_contains "$(pdftotext -f $((pages + 1)) "$T/page.pdf" - 2>/dev/null)" "Tillagd sida" "the new page"
expect_report 7 "filen har ändrats efter sista underskriften" ov verify "$T/page.pdf"
expect_eq "$(ov verify "$T/page.pdf" --json |
	json 'j["appended_after_last"], j["signatures"][1]["whole_file"]')" \
	"True False" "page: appended, the last signature no longer covers the file"
sig="$(pdfsig -nssdir "sql:$T/nss" "$T/page.pdf" 2>&1 || true)"
expect_eq "$(grep -c '  - Total document signed' <<<"$sig")" "0" "pdfsig: no signature covers the page"
expect_eq "$(grep -c 'Not total document signed' <<<"$sig")" "2" "pdfsig: both partial"

# The embedded XML replaced by a new EmbeddedFile stream.
tamper xml "$S" "$T/xml.pdf" "$T/tagged.xml" "Två grupper per termin." "Tio grupper per termin."
pdfdetach -save 1 -o "$T/replaced.xml" "$T/xml.pdf" 2>/dev/null
expect_contains "$(cat "$T/replaced.xml")" "Tio grupper per termin." "the copy carries another text"
expect_report 7 "den inbäddade XML:en skiljer sig från den undertecknade versionen i git (taggen $id-v1)" \
	ov verify "$T/xml.pdf"
expect_eq "$(ov verify "$T/xml.pdf" --json | json 'j["xml_matches"], j["appended_after_last"], j["ok"]')" \
	"False True False" "xml: mismatch and appended"
expect_eq "$(pdfsig "$T/xml.pdf" 2>&1 | grep -c 'Not total document signed')" "2" \
	"pdfsig sees that the last signature no longer covers the file"

# --- files that are no signed PDF --------------------------------------------------

n="$(stat -c %s "$S")"
head -c $((n - 300)) "$S" > "$T/truncated.pdf"
# Cut inside the last revision: what is left is the first signature's
# document plus bytes after it, so changed after signing, not unreadable.
expect_report 7 "filen har ändrats efter sista underskriften" ov verify "$T/truncated.pdf"
head -c $((n / 2)) "$S" > "$T/half.pdf"
expect_fail 2 "truncated: the file does not end with %%EOF" ov verify "$T/half.pdf"
cp "$T/tagged.xml" "$T/xml-not.pdf"
expect_fail 2 "xml-not.pdf: PDF offset 0: not a PDF (no %PDF- header)" ov verify "$T/xml-not.pdf"
: > "$T/empty.pdf"
expect_fail 2 "not a PDF" ov verify "$T/empty.pdf"
python3 - "$S" "$T" <<'EOF'
import sys
d = open(sys.argv[1], 'rb').read()
t = sys.argv[2]
x = d.rindex(b'/Type /XRef')
e = d.index(b'/W [1 ', x) + 6
# the newest cross-reference stream's offsets 9 bytes wide
open(t + '/xref-entry.pdf', 'wb').write(d[:e] + b'9' + d[e + 1:])
# startxref pointing at no xref
s = d.rindex(b'startxref\n') + 10
open(t + '/xref-start.pdf', 'wb').write(d[:s] + b'12' + d[d.index(b'\n', s):])
open(t + '/xref-offset.txt', 'w').write(str(e))
EOF
expect_fail 2 "xref-entry.pdf: PDF offset $(cat "$T/xref-offset.txt"): cross-reference stream /W entries must be 0 to 8 bytes" \
	ov verify "$T/xref-entry.pdf"
expect_fail 2 "PDF offset 12: expected 'xref' (startxref or /Prev points at the wrong place)" \
	ov verify "$T/xref-start.pdf"
expect_fail 3 "No such file or directory" ov verify "$T/missing.pdf"
expect_fail 3 "no agreement 2099-0001" ov verify 2099-0001

# A trusted CA removed later: the signatures no longer verify here.
expect_ok ov trust remove "$fp"
expect_report 7 "underskrift Underskrift-krets: inte betrott" ov verify "$id"
expect_ok ov trust add "$C/ca.pem"
expect_ok ov verify "$id"

# --- cancelled signing: version 2 is signed anew -----------------------------------

id2="$(ov new samverkansavtal --party krets=802002-8711 --party kommun=212000-0258 \
	--title "Samarbetsavtal om läxhjälp" --date 2026-01-12)"
to_signing "$id2"
P1="agreements/${id2: -2}/$id2/signed/v1.pdf"
P2="agreements/${id2: -2}/$id2/signed/v2.pdf"
X2="agreements/${id2: -2}/$id2/agreement.xml"
expect_ok ov --as "$LARS" sign "$id2" --party krets --p12 "$C/lars.p12" --password-file "$C/lars.pass"
expect_fail 5 "frozen" ov set "$id2" uppdrag.hur "I biblioteket."
expect_ok ov cancel-signing "$id2" --date 2026-03-21
s="$(ov status "$id2" --json)"
expect_eq "$(echo "$s" | json 'j["phase"], j["version"]')" "uppdrag 2" \
	"cancelled: back to uppdrag, version 2"
expect_ok ov set "$id2" uppdrag.hur "I biblioteket."
expect_ok ov assign "$id2" --date 2026-03-22
"${GIT[@]}" show "main:$P1" > "$T/v1.pdf"
expect_report 7 "ingen giltig underskrift för Helsingborgs stad (part kommun)" ov verify "$T/v1.pdf"
expect_eq "$("${GIT[@]}" ls-tree --name-only main "$P2")" "" \
	"no PDF of version 2 before its first signature"
expect_ok ov --as "$LARS" sign "$id2" --party krets --p12 "$C/lars.p12" --password-file "$C/lars.pass"
expect_contains "$out" "($P2)" "version 2 gets its own PDF"
expect_ok sign_per "$id2" per-chain.pem
v="$(ov verify "$id2" --json)"
expect_eq "$(echo "$v" | json 'j["ok"], j["version"], j["tag"]')" "True 2 $id2-v2" "version 2 verifies"
expect_eq "$(ov status "$id2" --json | json 'j["phase"]')" "aktivt" "version 2 active"
"${GIT[@]}" show "main:$P2" > "$T/v2.pdf"
pdfdetach -save 1 -o "$T/v2.xml" "$T/v2.pdf" 2>/dev/null
"${GIT[@]}" show "$id2-v2:$X2" > "$T/v2-tagged.xml"
expect_ok cmp "$T/v2.xml" "$T/v2-tagged.xml"
expect_contains "$(cat "$T/v2.xml")" "I biblioteket." "version 2 carries the changed text"
expect_eq "$(pdfsig -nssdir "sql:$T/nss" "$T/v2.pdf" 2>&1 | grep -c 'Certificate is Trusted.')" "2" \
	"pdfsig: version 2 trusted"
expect_ok git --git-dir="$WS/repo.git" fsck --strict
finish
