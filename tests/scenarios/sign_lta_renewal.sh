#!/bin/bash
# A time-stamp proves its time only while its authority's certificate can
# be checked: while it is valid, or after it expired if a later document
# time-stamp, itself still proving its time, was made before the expiry
# (the renewal `overens timestamp` does each year).  Two agreements are
# signed with signature time-stamps and a document time-stamp from a TSA
# whose certificate expires together with Lars's own certificate, LIFE
# seconds from now.  f1 gets a second document time-stamp from a TSA with
# a long-lived certificate before then; f2 does not.  Once both
# certificates have expired, f1 is still valid at B-LTA, and f2's
# time-stamps prove nothing: Lars's time is his claim, his certificate no
# longer holds, so the file is not valid.  f3 is signed with certificates
# that outlive the TSA's: valid on them, and `overens timestamp` warns that
# it cannot renew the lapsed stamps.
. "$(dirname "$0")/../lib/scenario.sh"
. "$(dirname "$0")/../lib/signing.sh"
. "$(dirname "$0")/../lib/ltv.sh"

ov config sign.ltv true
# short_tsa EPOCH: a second TSA, issued by the same CA, whose certificate
# expires at EPOCH; SHORT_TSA is its URL.
short_tsa() {
	: > "$T/short.port"
	rm -rf "$T/tsa-short"
	python3 "$OV_SOURCE_DIR/tests/lib/tsa_server.py" --dir "$T/tsa-short" --port 0 \
		--lifetime 600 --not-after "$1" --ca "$C/ca.pem" --ca-key "$C/ca.key" \
		> "$T/short.port" &
	SHORT_PID=$!
	PIDS+=("$SHORT_PID")
	SHORT_TSA="http://127.0.0.1:$(wait_port "$T/short.port" "short-lived TSA")/tsa"
}
stop_short() { kill "$SHORT_PID" 2>/dev/null; wait "$SHORT_PID" 2>/dev/null || true; }

# The certificates live LIFE seconds from when they are made; a machine too
# slow to sign and stamp with ten seconds to spare (for the checks made
# before they expire) tries again with a longer life.
ready=""
for life in 45 150; do
	f1="$(new_agreement)"
	f2="$(new_agreement)"
	f3="$(new_agreement)"
	end_epoch=$(($(date +%s) + life))
	short_tsa "$end_epoch"
	cert ca "lars-$life" "/C=SE/CN=Lars Öberg/emailAddress=$LARS" v3_crl lars \
		-startdate "$(date -u -d '-1 day' +%Y%m%d%H%M%SZ)" \
		-enddate "$(date -u -d "@$end_epoch" +%Y%m%d%H%M%SZ)" -extfile "$T/ext.cnf"
	cat "$C/lars-$life.pem" "$C/ca.pem" > "$C/lars-$life-chain.pem"
	ov config sign.tsa "$SHORT_TSA"
	for x in "$f1" "$f2"; do
		ov --as "$LARS" sign "$x" --party krets --key "$C/lars.key" \
			--cert "$C/lars-$life-chain.pem" >/dev/null 2>&1 && sign_per "$x" >/dev/null 2>&1 ||
			{ stop_short; continue 2; }
	done
	# f3: signers whose own certificates outlive the TSA's
	sign_lars "$f3" >/dev/null 2>&1 && sign_per "$f3" >/dev/null 2>&1 || { stop_short; continue; }
	ov config sign.tsa "$TSA"
	sleep 1
	if ov timestamp "$f1" --force >/dev/null 2>&1 && [ "$(date +%s)" -lt "$((end_epoch - 10))" ]; then
		ready=1
		break
	fi
	stop_short
done
[ -n "$ready" ] || { fail "could not sign and time-stamp within the certificates' life (45 s, then 150 s)"; finish; exit 1; }
v="$(ov verify "$f1" --json)"
expect_eq "$(json '[t["live"] for t in j["document_timestamps"]], [s["level"] for s in j["signatures"]]' <<<"$v")" \
	"[True, True] ['B-LTA', 'B-LTA']" \
	"f1: two document time-stamps, both in force ($life s)"
v="$(ov verify "$f2" --json)"
expect_eq "$(json '[t["live"] for t in j["document_timestamps"]], j["ok"]' <<<"$v")" \
	"[True] True" "f2: one, valid while its authority's certificate holds"

while [ "$(date +%s)" -le "$end_epoch" ]; do sleep 1; done
stop_pki
stop_tsa
stop_short

# f1: the second time-stamp renews the first and Lars's signature
# time-stamp; both were made by a certificate that has expired since.
v="$(ov verify "$f1" --json)"
expect_eq "$(json 'j["ok"], j["unproven_time"]' <<<"$v")" "True False" \
	"f1: valid after the first authority's and the signer's certificates expired"
expect_eq "$(json '[(t["ok"], t["live"], t["lapsed"]) for t in j["document_timestamps"]]' <<<"$v")" \
	"[(True, True, None), (True, True, None)]" "f1: the first time-stamp renewed by the second"
expect_eq "$(json '[s["level"] for s in j["signatures"]]' <<<"$v")" "['B-LTA', 'B-LTA']" \
	"f1: both signatures still B-LTA"
expect_contains "$(json '[c["detail"] for c in j["signatures"][0]["checks"] if c["check"] == "time"][0]' <<<"$v")" \
	"bevisad av tidsstämpeln" "f1: Lars's time proven by his time-stamp"

# f2: nothing renewed its time-stamps.
v="$(ov verify "$f2" --json 2>/dev/null || true)"  # exit 7: not valid
expect_eq "$(json 'j["ok"], j["unproven_time"]' <<<"$v")" "False True" \
	"f2: not valid once the authority's and the signer's certificates expired"
expect_eq "$(json '[(t["ok"], t["live"]) for t in j["document_timestamps"]]' <<<"$v")" \
	"[(True, False)]" "f2: the document time-stamp verifies but no longer proves its time"
expect_contains "$(json 'j["document_timestamps"][0]["lapsed"]' <<<"$v")" \
	"ingen senare dokumenttidsstämpel från före dess täcker tidsstämpeln" \
	"f2: and says why"
expect_contains "$(json '[c["detail"] for c in j["signatures"][0]["checks"] if c["check"] == "timestamp"][0]' <<<"$v")" \
	"men den bevisar inte längre tiden: tidsstämpeltjänstens certifikat gick ut" \
	"f2: Lars's signature time-stamp has lapsed too"
expect_eq "$(json '[c["ok"] for c in j["signatures"][0]["checks"] if c["check"] == "timestamp"]' <<<"$v")" \
	"[True]" "f2: a lapsed time-stamp is no forgery"
expect_contains "$(json 'j["signatures"][0]["problem"]' <<<"$v")" \
	"är obevisad (tidsstämpeln har förfallit) och certifikatet håller inte i dag" \
	"f2: Lars's signing time is unproven, his time-stamp lapsed"
expect_eq "$(json '[s["level"] for s in j["signatures"]]' <<<"$v")" "['B-B', 'B-B']" \
	"f2: no level above B-B without a time-stamp in force"
expect_report 7 "bevisar tiden: NEJ: tidsstämpeltjänstens certifikat gick ut" ov verify "$f2"

# The web interface's "Granska PDF" says the same of f2's file.
ov export "$f2" --signed -o "$T/f2.pdf" >/dev/null
granska_page "$T/f2.pdf"
expect_contains "$page" "Tidsstämpel-1 Giltig Ja" "web: the lapsed document time-stamp still verifies"
expect_contains "$page" "Bevisar fortfarande tiden Nej: tidsstämpeltjänstens certifikat gick ut" \
	"web: and no longer proves its time, with the reason"

# f3: the same lapsed time-stamps, but the signers' certificates still
# hold today, so the signatures stand on their claimed times.  A new
# time-stamp now protects the file from here on, and says that it cannot
# renew the lapsed ones.
v="$(ov verify "$f3" --json)"
expect_eq "$(json 'j["ok"], [(t["ok"], t["live"]) for t in j["document_timestamps"]], [s["level"] for s in j["signatures"]]' <<<"$v")" \
	"True [(True, False)] ['B-B', 'B-B']" \
	"f3: valid on the signers' certificates, its time-stamps lapsed"
pki_server
tsa_server
out="$(ov timestamp "$f3" 2>&1)" || fail "f3 could not be time-stamped again: $out"
expect_contains "$out" "Varning: dokumenttidsstämpeln Tidsstämpel-1 hade redan förfallit" \
	"timestamp: warns that the lapsed time-stamp stays lapsed"
v="$(ov verify "$f3" --json)"
expect_eq "$(json 'j["ok"], [t["live"] for t in j["document_timestamps"]]' <<<"$v")" \
	"True [False, True]" "f3: the new time-stamp is in force, the old one still lapsed"
out="$(ov timestamp "$f3" --force --json)"
expect_contains "$(json 'j["lapsed"]' <<<"$out")" "hade redan förfallit" \
	"timestamp --json: the lapsed one named"
stop_pki
stop_tsa

finish
