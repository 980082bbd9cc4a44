#!/bin/bash
# PAdES B-T: with the setting sign.tsa, every signature carries an RFC 3161
# time-stamp token over its signature value, fetched from the
# time-stamping authority at signing.  The scenario runs its own TSA on
# 127.0.0.1 (tests/lib/tsa_server.py, `openssl ts -reply` with a TSA
# certificate from the workspace's trusted CA).  `verify` shows the token's
# time and authority and proves the signing time with it; a token that no
# longer verifies makes the signature invalid; an unreachable TSA refuses
# the signature and writes nothing.
. "$(dirname "$0")/../lib/scenario.sh"
. "$(dirname "$0")/../lib/signing.sh"

mkdir -p "$C"
mkca ca '/C=SE/O=Överens scenariotest/CN=Scenario-CA'
cert ca lars "/C=SE/CN=Lars Öberg/emailAddress=$LARS" v3_signer lars -days 30
cert ca per "/C=SE/CN=Per Ståhl/emailAddress=$PER" v3_signer per -days 30
for n in lars per; do cat "$C/$n.pem" "$C/ca.pem" > "$C/$n-chain.pem"; done

# The TSA: a single python process, killed and waited for on exit.
python3 "$OV_SOURCE_DIR/tests/lib/tsa_server.py" --dir "$T/tsa" --port 0 --lifetime 300 \
	--ca "$C/ca.pem" --ca-key "$C/ca.key" > "$T/tsa.port" &
TSA_PID=$!
trap 'kill "$TSA_PID" 2>/dev/null; wait "$TSA_PID" 2>/dev/null; rm -rf "$T"' EXIT
for _ in $(seq 100); do [ -s "$T/tsa.port" ] && break; sleep 0.1; done
[ -s "$T/tsa.port" ] || { echo "the test TSA did not start" >&2; exit 1; }
TSA="http://127.0.0.1:$(head -n1 "$T/tsa.port")/tsa"

setup_helsingborg
ov trust add "$C/ca.pem" >/dev/null
id="$(ov new samverkansavtal --party krets=802002-8711 --party kommun=212000-0258 --date 2026-01-12)"
to_signing "$id"

# An unreachable TSA: the signature is refused and nothing is written.
ov config sign.tsa "http://127.0.0.1:1/tsa"
before="$(snapshot)"
expect_fail 1 "no time-stamp for the signature (setting sign.tsa)" \
	ov --as "$LARS" sign "$id" --party krets --key "$C/lars.key" --cert "$C/lars-chain.pem"
expect_eq "$(snapshot)" "$before" "no TSA: nothing written"
expect_eq "$("${GIT[@]}" tag -l "$id-v1")" "" "no TSA: no tag"

ov config sign.tsa "$TSA"
expect_ok ov --as "$LARS" sign "$id" --party krets --key "$C/lars.key" --cert "$C/lars-chain.pem"
expect_ok ov --as "$PER" sign "$id" --party kommun --key "$C/per.key" --cert "$C/per-chain.pem"
expect_report 0 "Resultat: giltigt" ov verify "$id"
expect_report 0 "tidsstämpel:   " ov verify "$id"
v="$(ov verify "$id" --json)"
expect_eq "$(json '[s["time_proven"] for s in j["signatures"]]' <<<"$v")" "[True, True]" \
	"both times are proven by a time-stamp"
expect_contains "$(json 'j["signatures"][0]["tsa"]' <<<"$v")" "CN = " "the TSA is named"
ts="$(json 'j["signatures"][0]["timestamp"]' <<<"$v")"
expect_eq "$(( $(date -u +%s) - $(date -u -d "$ts" +%s) < 600 ))" "1" "the time-stamp is from now"
ov export "$id" --signed -o "$T/s.pdf" >/dev/null
check_pdfa "$T/s.pdf" "time-stamped signatures"
expect_eq "$(pdfsig -nocert "$T/s.pdf" 2>/dev/null | grep -c 'Signature is Valid.')" "2" \
	"pdfsig: the time-stamped signatures are valid"

# The token is an unsigned attribute: changing it leaves the CMS signature
# valid, but the time it claims is no longer proven.
python3 - "$T/s.pdf" "$T/bad-token.pdf" <<'EOF'
import re, sys
d = bytearray(open(sys.argv[1], 'rb').read())
m = list(re.finditer(rb'/Contents <([0-9A-F]+)>', d))[-1]
hexs = m.group(1).rstrip(b'0')
i = m.start(1) + len(hexs) - 8          # inside the TSA's own signature value
d[i] = ord('0') if d[i] != ord('0') else ord('1')
open(sys.argv[2], 'wb').write(d)
EOF
expect_report 7 "tidsstämpeln håller inte" ov verify "$T/bad-token.pdf"
expect_eq "$(ov verify "$T/bad-token.pdf" --json | json 'j["signatures"][1]["digest_ok"]' || true)" \
	"True" "the changed token leaves the CMS signature intact"

finish
