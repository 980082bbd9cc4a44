#!/bin/bash
# PAdES B-LTA: with sign.tsa and sign.ltv the signature that completes a
# version adds the DSS and then a document time-stamp (/Type /DocTimeStamp,
# /SubFilter /ETSI.RFC3161) over the whole file; `overens timestamp` adds
# fresh validation data and another one before the last time-stamp's
# certificate expires.  `verify` checks each document time-stamp as a
# time-stamp, offline, with every server stopped, and the web interface's
# "Granska PDF" page shows the level, the DSS and the time-stamps.  A signer revoked after
# the time-stamps stays valid; one revoked before signing is refused.  A
# tampered time-stamp and a removed DSS make the file invalid.  Signatures
# without a time-stamp of their own have revocation decided at the first
# document time-stamp's time, and stay valid after their certificate
# expires.
. "$(dirname "$0")/../lib/scenario.sh"
. "$(dirname "$0")/../lib/signing.sh"
. "$(dirname "$0")/../lib/ltv.sh"

a="$(new_agreement)"
b="$(new_agreement)"
c="$(new_agreement)"
u="$(new_agreement)"

# Nothing to stamp without a TSA or a signed version.
expect_fail 2 "agreement $u: the setting sign.tsa is not set" ov timestamp "$u"
ov config sign.tsa "$TSA"
expect_fail 3 "agreement $u has no signed version to time-stamp" ov timestamp "$u"
expect_fail 3 "2099-0001" ov timestamp 2099-0001
expect_fail 2 "give an agreement ID or --all" ov timestamp
expect_fail 2 "--within" ov timestamp --all --within 1Y

ov config sign.ltv true
expect_ok sign_lars "$a"
expect_ok sign_per "$a"
ov export "$a" --signed -o "$T/a.pdf" >/dev/null
expect_eq "$(grep -c '/Type /DocTimeStamp' "$T/a.pdf")" "1" "the last signature adds a document time-stamp"
expect_eq "$(grep -c '/SubFilter /ETSI.RFC3161' "$T/a.pdf")" "1" "as an RFC 3161 token"

# Every server stopped: the document time-stamp verifies offline.
stop_pki
stop_tsa
expect_report 0 "Resultat: giltigt" ov verify "$a"
expect_report 0 "Dokumenttidsstämpel Tidsstämpel-1 (PAdES B-LTA)" ov verify "$a"

# The web interface's "Granska PDF" shows the same: the level, the DSS and
# the document time-stamp with its authority.
granska_page "$T/a.pdf"
expect_contains "$page" "Giltigt: alla underskrifter håller" "the web page finds the B-LTA file valid"
expect_contains "$page" "Nivå (PAdES) B-LTA" "the web page names each signature's level"
expect_contains "$page" "Valideringsdata i filen (DSS) Ja" "the web page says the file holds a DSS"
expect_contains "$page" "Dokumenttidsstämplar (långtidsvalidering)" "the web page lists the document time-stamps"
expect_contains "$page" "Tidsstämpel-1 Giltig Ja Tid 20" "with the first one valid and its time"
expect_contains "$page" "Tidsstämpeltjänst " "and its authority"
expect_contains "$page" "Överens Test-TSA" "named by its certificate"
expect_report 0 "PAdES-nivå:    B-LTA" ov verify "$a"
v="$(ov verify "$a" --json)"
expect_eq "$(json '[s["level"] for s in j["signatures"]]' <<<"$v")" "['B-LTA', 'B-LTA']" \
	"both signatures reach B-LTA"
expect_eq "$(json '[(t["field"], t["ok"], "Test-TSA" in t["tsa"], t["time"][-1]) for t in j["document_timestamps"]]' <<<"$v")" \
	"[('Tidsstämpel-1', True, True, 'Z')]" "the document time-stamp: its time and TSA"
expect_eq "$(json 'len(j["signatures"]), j["appended_after_last"]' <<<"$v")" "2 False" \
	"the time-stamp is no party's signature and no change"

# poppler's pdfsig (22.12) checks both party signatures (valid; with the
# OCSP responder down it cannot tell Per's certificate's status, see
# sign_ltv.sh) and lists the document time-stamp as a third signature
# covering the whole file, which it cannot check: "Signature Type:
# unknown", "Signature has not yet been verified." and on stderr
# "Unimplemented Feature (0): Unable to validate this type of signature".
pdfsig -nssdir "sql:$T/nss" "$T/a.pdf" > "$T/pdfsig.txt" 2>&1 || true
expect_eq "$(grep -c 'Signature is Valid' "$T/pdfsig.txt")" "2" "pdfsig: both signatures valid"
expect_eq "$(grep -A9 'Field Name: Tidsstämpel-1' "$T/pdfsig.txt" | grep -c \
	-e 'Common Name: Överens Test-TSA' -e 'Total document signed' \
	-e 'Signature has not yet been verified')" "3" \
	"pdfsig: the document time-stamp listed, covering the file, not checked"

# b: Lars's certificate revoked after the B-LTA time-stamp.  `timestamp`
# adds a DSS whose CRL lists him and a second time-stamp: he stays valid.
pki_server
tsa_server
expect_ok sign_lars "$b"
expect_ok sign_per "$b"
sleep 2
ca_cmd -revoke "$C/lars.pem" || { echo "cannot revoke" >&2; exit 1; }
publish_crl
expect_ok ov timestamp "$b"
expect_eq "$("${GIT[@]}" log -1 --format=%s main)" "timestamp: ny dokumenttidsstämpel på $b version 1" \
	"one commit with a clear message"
expect_eq "$("${GIT[@]}" log -1 --format='%(trailers:key=Event,valueonly)' main | head -n1)" \
	"timestamp" "the commit's event"
expect_report 0 "inga avvikelser" ov fsck
ov export "$b" --signed -o "$T/b.pdf" >/dev/null
expect_eq "$(grep -c '/Type /DocTimeStamp' "$T/b.pdf")" "2" "a second document time-stamp"
stop_pki
stop_tsa
expect_report 0 "Resultat: giltigt" ov verify "$b"
v="$(ov verify "$b" --json)"
expect_eq "$(json '[t["ok"] for t in j["document_timestamps"]]' <<<"$v")" "[True, True]" \
	"both document time-stamps verify"
expect_eq "$(json '[s["level"] for s in j["signatures"]]' <<<"$v")" "['B-LTA', 'B-LTA']" \
	"revoked after the time-stamps: still B-LTA"
expect_eq "$(json '[c["detail"] for s in j["signatures"] for c in s["checks"] if c["check"] == "revocation"][0]' <<<"$v")" \
	"inte spärrat vid tidsstämpelns tid enligt dokumentets DSS" "the revocation came later"

# --all: the test TSA's certificate is valid for 30 days.
pki_server
tsa_server
v="$(ov timestamp --all --within P10D --json)"
expect_eq "$(json 'sorted((r["agreement"], r["stamped"]) for r in j)' <<<"$v")" \
	"$(python3 -c "print(sorted([('$a', False), ('$b', False)]))")" \
	"--within P10D: nothing due, the unsigned agreement left out"
before="$(snapshot)"
v="$(ov timestamp --all --within P2M --json)"
expect_eq "$(json 'sorted((r["agreement"], r["stamped"], r["error"]) for r in j)' <<<"$v")" \
	"$(python3 -c "print(sorted([('$a', True, None), ('$b', True, None)]))")" \
	"--within P2M: both due"
expect_eq "$("${GIT[@]}" rev-list --count "$before..main")" "2" "one commit per agreement"
v="$(ov timestamp "$a" --within P10D --json)"
expect_eq "$(json 'j["stamped"]' <<<"$v")" "False" "an agreement not due is left alone"
v="$(ov timestamp "$a" --within P10D --force --json)"
expect_eq "$(json 'j["stamped"]' <<<"$v")" "True" "--force re-stamps regardless"
stop_pki
stop_tsa
v="$(ov verify "$a" --json)"
expect_eq "$(json '[t["ok"] for t in j["document_timestamps"]], j["ok"]' <<<"$v")" \
	"[True, True, True] True" "three document time-stamps, all valid offline"
ov export "$a" --signed -o "$T/a3.pdf" >/dev/null
pdfsig -nssdir "sql:$T/nss" "$T/a3.pdf" > "$T/pdfsig.txt" 2>&1 || true
expect_eq "$(grep -c 'Signature is Valid' "$T/pdfsig.txt")" "2" "pdfsig: both signatures valid"
expect_eq "$(grep -c 'Field Name: Tidsstämpel-' "$T/pdfsig.txt")" "3" \
	"pdfsig: three document time-stamps listed"

# A document time-stamp whose token was changed: invalid.
python3 - "$T/a3.pdf" "$T/bad-stamp.pdf" <<'PY'
import sys
d = bytearray(open(sys.argv[1], 'rb').read())
i = d.rindex(b'/Contents <') + len(b'/Contents <') + 600
d[i] = ord('0') if d[i] != ord('0') else ord('1')
open(sys.argv[2], 'wb').write(d)
PY
expect_report 7 "FEL: dokumenttidsstämpel Tidsstämpel-3:" ov verify "$T/bad-stamp.pdf"
# The DSS removed in an update after the last time-stamp: invalid.
python3 "$OV_SOURCE_DIR/tests/lib/pdfforge.py" catalog "$T/a3.pdf" "$T/no-dss.pdf" --drop DSS
expect_report 7 "katalogens /DSS har tagits bort" ov verify "$T/no-dss.pdf"

# c: Lars signs with a certificate already revoked, without sign.ltv (B-T,
# no DSS).  `timestamp` fetches validation data that shows it, verifies
# the result as `verify` would, and refuses: nothing is written.
ov config sign.ltv false
pki_server
tsa_server
expect_ok sign_lars "$c"
expect_ok sign_per "$c"
before="$(snapshot)"
expect_fail 7 "agreement $c version 1: with fresh validation data the signed PDF does not verify" \
	ov timestamp "$c"
expect_fail 7 "certifikatet för Lars Öberg spärrades" ov timestamp "$c"
expect_eq "$(snapshot)" "$before" "revoked before signing: nothing written"
# --all carries on past it and names it.
expect_fail 7 "agreements could not be time-stamped" ov timestamp --all --force
v="$(ov timestamp --all --within P10D --force --json 2>/dev/null || true)"
expect_eq "$(json '[r["agreement"] for r in j if r["error"]]' <<<"$v")" "['$c']" \
	"--all names the agreement that failed"

# d: signed without any time-stamp (B-B), archived later: the document
# time-stamp is then the earliest proof of time, and revocation is decided
# at its time.
d="$(new_agreement)"
ov config sign.tsa ""
ov config sign.ltv false
cert ca lars3 "/C=SE/CN=Lars Öberg/emailAddress=$LARS" v3_crl lars3 -days 30 -extfile "$T/ext.cnf"
cat "$C/lars3.pem" "$C/ca.pem" > "$C/lars3-chain.pem"
expect_ok ov --as "$LARS" sign "$d" --party krets --key "$C/lars3.key" --cert "$C/lars3-chain.pem"
expect_ok sign_per "$d"
ov config sign.tsa "$TSA"
expect_ok ov timestamp "$d"
# The DSS fetched for that time-stamp is older than it; a second one, a
# second later, brings data issued after the first time-stamp's time.
sleep 1
expect_ok ov timestamp "$d" --force
stop_pki
stop_tsa
v="$(ov verify "$d" --json)"
expect_eq "$(json 'j["ok"], [s["level"] for s in j["signatures"]], [t["ok"] for t in j["document_timestamps"]]' <<<"$v")" \
	"True ['B-B', 'B-B'] [True, True]" "B-B signatures under a document time-stamp"
expect_eq "$(json '[c["detail"] for s in j["signatures"] for c in s["checks"] if c["check"] == "revocation"]' <<<"$v")" \
	"['inte spärrat vid dokumenttidsstämpelns tid enligt dokumentets DSS', 'inte spärrat vid dokumenttidsstämpelns tid enligt dokumentets DSS']" \
	"revocation decided at the document time-stamp's time"

# e: Lars's certificate expires soon after the archive time-stamps.  Today
# it no longer holds, but a document time-stamp proves the signature
# existed while it did (ETSI EN 319 102-1's best signature time), so e1 is
# still valid: its second time-stamp brought revocation data issued after
# the first one's time.  e2 has one time-stamp only, whose DSS holds a CRL
# issued before it: nothing shows the certificate was not revoked by then,
# and now that it has expired nothing can, so the signing time is unproven.  The
# certificate lives LIFE seconds from when it is made; a machine too slow
# to sign and stamp within it tries again with a longer one.
pki_server
tsa_server
for life in 45 150; do
	e1="$(new_agreement)"
	e2="$(new_agreement)"
	ov config sign.tsa ""
	end_epoch=$(($(date +%s) + life))
	cert ca "lars-$life" "/C=SE/CN=Lars Öberg/emailAddress=$LARS" v3_crl lars \
		-startdate "$(date -u -d '-1 day' +%Y%m%d%H%M%SZ)" \
		-enddate "$(date -u -d "@$end_epoch" +%Y%m%d%H%M%SZ)" -extfile "$T/ext.cnf"
	cat "$C/lars-$life.pem" "$C/ca.pem" > "$C/lars-$life-chain.pem"
	for x in "$e1" "$e2"; do
		ov --as "$LARS" sign "$x" --party krets --key "$C/lars.key" \
			--cert "$C/lars-$life-chain.pem" >/dev/null 2>&1 && sign_per "$x" >/dev/null 2>&1 ||
			continue 2
	done
	ov config sign.tsa "$TSA"
	ov timestamp "$e1" >/dev/null 2>&1 || continue
	# e2's DSS gets a CRL published two seconds before its time-stamp.
	stop_pki
	publish_crl
	pki_server static
	sleep 2
	ov timestamp "$e2" >/dev/null 2>&1 || continue
	stop_pki
	pki_server
	ov timestamp "$e1" --force >/dev/null 2>&1 && break
done
expect_eq "$(ov verify "$e1" --json | json 'len(j["document_timestamps"])')" "2" \
	"e1: signed and archived twice within the certificate's life ($life s)"
expect_eq "$(ov verify "$e2" --json | json 'len(j["document_timestamps"])')" "1" \
	"e2: signed and archived once within it"
while [ "$(date +%s)" -le "$end_epoch" ]; do sleep 1; done
stop_pki
stop_tsa
v="$(ov verify "$e1" --json)"
expect_eq "$(json 'j["ok"], j["unproven_time"]' <<<"$v")" "True False" \
	"e1: valid after the signer's certificate expired"
expect_contains "$(json '[c["detail"] for c in j["signatures"][0]["checks"] if c["check"] == "time"][0]' <<<"$v")" \
	"enligt en dokumenttidsstämpel, och certifikatet höll då och var inte spärrat" \
	"e1: the time proven by the document time-stamp"
v="$(ov verify "$e2" --json 2>/dev/null || true)"  # exit 7: not valid
expect_eq "$(json 'j["ok"], j["unproven_time"]' <<<"$v")" "False True" \
	"e2: without revocation data issued after its time-stamp: unproven"
expect_contains "$(json 'j["signatures"][0]["problem"]' <<<"$v")" \
	"spärrstatus vid dokumenttidsstämpelns tid är inte visad av data utfärdad efter den" \
	"e2: the reason names the missing revocation data"

finish
