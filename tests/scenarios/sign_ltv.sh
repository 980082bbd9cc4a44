#!/bin/bash
# PAdES B-LT: with the settings sign.tsa and sign.ltv, the signature that
# completes a version also adds a document security store (DSS) with every
# signer's and TSA's chain and their revocation data: CRLs from the
# certificates' distribution points, OCSP responses from the responder
# their authorityInfoAccess names.  The scenario runs its own CA with a CRL
# served over HTTP, an OCSP responder (`openssl ocsp`) and a TSA, all on
# 127.0.0.1; `verify` then decides revocation from the DSS with every
# server stopped.  A revocation after the time-stamp keeps the signature
# valid, one before it (also of the TSA that stamped it) makes the signing
# fail; a DSS that does not verify makes the signature invalid.  (The
# document time-stamp that follows the DSS, B-LTA, is sign_lta.sh's.)
. "$(dirname "$0")/../lib/scenario.sh"
. "$(dirname "$0")/../lib/signing.sh"
. "$(dirname "$0")/../lib/ltv.sh"

a="$(new_agreement)"
b="$(new_agreement)"
c="$(new_agreement)"

# sign.ltv needs sign.tsa.
ov config sign.ltv true
expect_fail 2 "the setting sign.ltv needs sign.tsa" sign_lars "$a"
ov config sign.tsa "$TSA"

# The first signature is B-T only; the last one adds the DSS.
expect_ok sign_lars "$a"
ov export "$a" --signed -o "$T/a1.pdf" >/dev/null
expect_eq "$(grep -c '/Type /DSS' "$T/a1.pdf" || true)" "0" "no DSS before the last signature"
# A CRL server that is down: nothing is written, the URL is named.
stop_pki
before="$(snapshot)"
expect_fail 1 "CRL $CRL_URL: connection refused" sign_per "$a"
expect_eq "$(snapshot)" "$before" "no CRL server: nothing written"
pki_server

expect_ok sign_per "$a"
ov export "$a" --signed -o "$T/a.pdf" >/dev/null
expect_eq "$(grep -c '/Type /DSS' "$T/a.pdf")" "1" "the last signature adds one DSS"

# Every server stopped: verify decides from the DSS alone.
stop_pki
stop_tsa
expect_report 0 "Resultat: giltigt" ov verify "$a"
expect_report 0 "PAdES-nivå:    B-LT" ov verify "$a"
v="$(ov verify "$a" --json)"
expect_eq "$(json '[s["level"] for s in j["signatures"]]' <<<"$v")" "['B-LTA', 'B-LTA']" \
	"both signatures reach B-LTA (the DSS, then a document time-stamp)"
expect_eq "$(json 'j["dss"], j["appended_after_last"]' <<<"$v")" "True False" \
	"the DSS is not a change after the last signature"
expect_eq "$(json '[c["ok"] for s in j["signatures"] for c in s["checks"] if c["check"] == "revocation"]' <<<"$v")" \
	"[True, True]" "both chains checked against the DSS"
expect_report 0 "Resultat: giltigt" ov verify "$T/a.pdf"

# poppler's pdfsig with an NSS database of the CA: the signatures are valid
# offline; the certificates are trusted (poppler 22 reads no DSS, so it asks
# the OCSP responder Per's certificate names itself: shown while it runs).
pdfsig -nssdir "sql:$T/nss" "$T/a.pdf" > "$T/pdfsig.txt" 2>&1 || true
expect_eq "$(grep -c 'Signature is Valid' "$T/pdfsig.txt")" "2" "pdfsig offline: both signatures valid"
pki_server
pdfsig -nssdir "sql:$T/nss" "$T/a.pdf" > "$T/pdfsig.txt" 2>&1 || true
expect_eq "$(grep -c 'Certificate is Trusted' "$T/pdfsig.txt")" "2" "pdfsig: both trusted"
stop_pki

# A CRL in the DSS whose signature no longer holds: not valid.
python3 - "$T/a.pdf" "$T/pub/ca.crl" "$T/bad-crl.pdf" <<'PY'
import sys
d = bytearray(open(sys.argv[1], 'rb').read())
crl = open(sys.argv[2], 'rb').read()
i = d.rfind(crl)
assert i > 0, "the CRL is not in the DSS"
d[i + len(crl) - 1] ^= 1          # the last byte of the CA's signature
open(sys.argv[3], 'wb').write(d)
PY
expect_report 7 "spärrlistan för Lars Öberg i DSS:en är inte undertecknad av utfärdaren" \
	ov verify "$T/bad-crl.pdf"
# A DSS entry that is not a certificate: not valid either.
python3 - "$T/a.pdf" "$C/per.pem" "$T/bad-cert.pdf" <<'PY'
import base64, sys
d = bytearray(open(sys.argv[1], 'rb').read())
pem = open(sys.argv[2]).read().split('-----')[2]
der = base64.b64decode(''.join(pem.split()))
i = d.rfind(der)
assert i > 0, "Per's certificate is not in the DSS"
d[i + 1] ^= 0x40                  # its outer length
open(sys.argv[3], 'wb').write(d)
PY
expect_report 7 "dokumentets DSS (valideringsdata) kan inte läsas" ov verify "$T/bad-cert.pdf"
# An update after the DSS that changes the catalog otherwise: a change.
python3 "$OV_SOURCE_DIR/tests/lib/pdfforge.py" catalog "$T/a.pdf" "$T/bad-update.pdf" \
	--add '/OpenAction [0 /Fit]'
expect_report 7 "katalogens /OpenAction har ändrats" ov verify "$T/bad-update.pdf"

# Lars's certificate revoked after his time-stamped signature: the DSS made
# when Per completes the version lists it, and the signature holds.
pki_server
tsa_server
expect_ok sign_lars "$b"
sleep 2
ca_cmd -revoke "$C/lars.pem" || { echo "cannot revoke" >&2; exit 1; }
publish_crl
expect_ok sign_per "$b"
stop_pki
stop_tsa
expect_report 0 "Resultat: giltigt" ov verify "$b"
v="$(ov verify "$b" --json)"
expect_eq "$(json '[s["level"] for s in j["signatures"]]' <<<"$v")" "['B-LTA', 'B-LTA']" \
	"revoked after the time-stamp: still B-LTA"

# Revoked before he signs: the validation data shows it, and the signature
# that would complete the version is refused.
pki_server
tsa_server
expect_ok sign_lars "$c"
before="$(snapshot)"
expect_fail 7 "signature Underskrift-krets: certifikatet för Lars Öberg spärrades" sign_per "$c"
expect_eq "$(snapshot)" "$before" "revoked before signing: nothing written"

# A CRL issued before the signature cannot show a revocation between its
# issue and the signing, so "not revoked" is not taken from it (ETSI EN 319
# 102-1's revocation freshness): the server hands out the CRL made before
# the signatures, as a CA that publishes once a day would.  Lars's
# signature, whose certificate names only the CRL, stays valid at B-T, not
# B-LT; Per's has a fresh OCSP response and reaches B-LTA.
e="$(new_agreement)"
cert ca lars5 "/C=SE/CN=Lars Öberg/emailAddress=$LARS" v3_crl lars5 -days 30 -extfile "$T/ext.cnf"
cat "$C/lars5.pem" "$C/ca.pem" > "$C/lars5-chain.pem"
stop_pki
publish_crl
pki_server static
sleep 2
expect_ok ov --as "$LARS" sign "$e" --party krets --key "$C/lars5.key" --cert "$C/lars5-chain.pem"
expect_ok sign_per "$e"
stop_pki
stop_tsa
v="$(ov verify "$e" --json)"
expect_eq "$(json 'j["ok"], [s["level"] for s in j["signatures"]]' <<<"$v")" "True ['B-T', 'B-LTA']" \
	"a CRL older than the signature: valid, but not B-LT"
expect_contains "$(json '[c["detail"] for c in j["signatures"][0]["checks"] if c["check"] == "revocation"][0]' <<<"$v")" \
	"inte prövat offline: DSS:ens spärrinformation för Lars Öberg är utfärdad" \
	"the revocation check says the CRL predates the signature"
pki_server
tsa_server

# The TSA's certificate revoked before a token it issues: the CA's CRL in
# the DSS lists it, the token proves nothing, and the signature is refused.
d="$(new_agreement)"
cert ca lars2 "/C=SE/CN=Lars Öberg/emailAddress=$LARS" v3_crl lars2 -days 30 -extfile "$T/ext.cnf"
cat "$C/lars2.pem" "$C/ca.pem" > "$C/lars2-chain.pem"
ca_cmd -revoke "$T/tsa/tsa.pem" || { echo "cannot revoke the TSA" >&2; exit 1; }
publish_crl
sleep 2
expect_ok ov --as "$LARS" sign "$d" --party krets --key "$C/lars2.key" --cert "$C/lars2-chain.pem"
before="$(snapshot)"
expect_fail 7 "the time-stamp: tidsstämpelns utfärdare: certifikatet för Överens Test-TSA spärrades" \
	sign_per "$d"
expect_eq "$(snapshot)" "$before" "revoked TSA: nothing written"

finish
