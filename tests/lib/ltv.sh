# ltv.sh - the long-term validation scenarios' own PKI on 127.0.0.1: a CA
# ("ca") whose CRL is served over HTTP and whose `openssl ca` database backs
# an OCSP responder (pki_server.py), a TSA (tsa_server.py), Lars's
# certificate naming the CRL and Per's naming the OCSP responder too, an NSS
# database trusting the CA for pdfsig, and the Helsingborg workspace trusting
# it.  Source after scenario.sh and signing.sh.  Every server started is
# killed by its pid and waited for (stop_pki, stop_tsa, and at exit).
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$T"' EXIT
# wait_port FILE WHAT: the first line of FILE, once a server wrote it.
wait_port() {
	for _ in $(seq 100); do [ -s "$1" ] && break; sleep 0.1; done
	[ -s "$1" ] || { echo "the test $2 did not start" >&2; exit 1; }
	head -n1 "$1"
}
ca_cmd() { OVT_CADIR="$C/ca.db" openssl ca -batch -config "$CNF" -cert "$C/ca.pem" \
	-keyfile "$C/ca.key" "$@" 2>/dev/null; }
publish_crl() {
	ca_cmd -gencrl -crldays 30 -out "$T/crl.pem" || { echo "cannot make the CRL" >&2; exit 1; }
	openssl crl -in "$T/crl.pem" -outform DER -out "$T/pub/ca.crl"
}

mkca ca '/C=SE/O=Överens scenariotest/CN=Scenario-CA'
mkdir -p "$T/pub"
publish_crl

# The CA's CRL distribution point and OCSP responder (`openssl ocsp` on
# the CA's database, signing with its key): one python process, which can
# be stopped and started again on its port.  The CRL is issued afresh for
# each fetch (verify counts "not revoked" only from data issued after the
# signature's time); `pki_server static` serves the one publish_crl made.
PKI_PORT=0
pki_server() {
	local fresh=(--crl-cmd "OVT_CADIR='$C/ca.db' openssl ca -batch -config '$CNF' \
-cert '$C/ca.pem' -keyfile '$C/ca.key' -gencrl -crldays 30 -out '$T/crl.pem' && \
openssl crl -in '$T/crl.pem' -outform DER -out '$T/pub/ca.crl'")
	[ "${1:-}" = static ] && fresh=()
	: > "$T/pki.port"
	python3 "$OV_SOURCE_DIR/tests/lib/pki_server.py" --dir "$T/pub" --port "$PKI_PORT" \
		--lifetime 300 --ocsp-index "$C/ca.db/index.txt" --ocsp-ca "$C/ca.pem" \
		--ocsp-key "$C/ca.key" "${fresh[@]}" > "$T/pki.port" &
	PKI_PID=$!
	PIDS+=($PKI_PID)
	PKI_PORT="$(wait_port "$T/pki.port" "CRL and OCSP server")"
}
stop_pki() { kill "$PKI_PID" 2>/dev/null; wait "$PKI_PID" 2>/dev/null || true; }
pki_server
CRL_URL="http://127.0.0.1:$PKI_PORT/ca.crl"
OCSP_URL="http://127.0.0.1:$PKI_PORT/ocsp"

# Lars's certificate names the CRL, Per's the OCSP responder as well.
cat > "$T/ext.cnf" <<CNF
[ v3_crl ]
basicConstraints       = CA:FALSE
keyUsage               = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid
crlDistributionPoints  = URI:$CRL_URL
[ v3_ocsp ]
basicConstraints       = CA:FALSE
keyUsage               = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid
crlDistributionPoints  = URI:$CRL_URL
authorityInfoAccess    = OCSP;URI:$OCSP_URL
CNF
cert ca lars "/C=SE/CN=Lars Öberg/emailAddress=$LARS" v3_crl lars -days 30 -extfile "$T/ext.cnf"
cert ca per "/C=SE/CN=Per Ståhl/emailAddress=$PER" v3_ocsp per -days 30 -extfile "$T/ext.cnf"
for n in lars per; do cat "$C/$n.pem" "$C/ca.pem" > "$C/$n-chain.pem"; done
publish_crl

TSA_PORT=0
tsa_server() {
	: > "$T/tsa.port"
	python3 "$OV_SOURCE_DIR/tests/lib/tsa_server.py" --dir "$T/tsa" --port "$TSA_PORT" \
		--lifetime 300 --ca "$C/ca.pem" --ca-key "$C/ca.key" > "$T/tsa.port" &
	TSA_PID=$!
	PIDS+=($TSA_PID)
	TSA_PORT="$(wait_port "$T/tsa.port" TSA)"
}
stop_tsa() { kill "$TSA_PID" 2>/dev/null; wait "$TSA_PID" 2>/dev/null || true; }
tsa_server
TSA="http://127.0.0.1:$TSA_PORT/tsa"

mkdir -p "$T/nss"
certutil -N --empty-password -d "sql:$T/nss"
certutil -A -n ca -t CT,C,C -i "$C/ca.pem" -d "sql:$T/nss"
setup_helsingborg
ov trust add "$C/ca.pem" >/dev/null
new_agreement() {
	local id
	id="$(ov new samverkansavtal --party krets=802002-8711 --party kommun=212000-0258 \
		--date 2026-01-12)"
	to_signing "$id"
	echo "$id"
}
# sign_lars ID, sign_per ID: each signs for their party with their chain.
sign_lars() { ov --as "$LARS" sign "$1" --party krets --key "$C/lars.key" --cert "$C/lars-chain.pem"; }
sign_per() { ov --as "$PER" sign "$1" --party kommun --key "$C/per.key" --cert "$C/per-chain.pem"; }
# granska_page PDF: sets `page` to the text (tags dropped, spaces folded) of
# the web interface's "Granska PDF" result for PDF, from a server on this
# workspace started for it and stopped after.  The server takes the user
# from a header of a trusted proxy (127.0.0.1), so no password is needed.
granska_page() {
	local pid url csrf
	: > "$T/ready"
	rm -f "$T/jar"
	"$OVERENS" -C "$WS" serve --listen 127.0.0.1:0 --ready-file "$T/ready" \
		--trust-header X-Remote-User >"$T/serve.out" 2>&1 &
	pid=$!
	PIDS+=("$pid")
	for _ in $(seq 1 600); do [ -s "$T/ready" ] || ! kill -0 "$pid" 2>/dev/null && break; sleep 0.1; done
	read -r _ url <"$T/ready" || { cat "$T/serve.out" >&2; fail "the web server did not start"; }
	url="${url%/}"
	csrf="$(curl -s --max-time 30 -b "$T/jar" -c "$T/jar" -H "X-Remote-User: asa.lindqvist@example.se" \
		"$url/granska" | grep -o 'name="csrf" value="[^"]*"' | head -n 1 | sed 's/.*value="//; s/"$//')"
	curl -s --max-time 30 -b "$T/jar" -c "$T/jar" -H "X-Remote-User: asa.lindqvist@example.se" \
		-F "csrf=$csrf" -F "pdf=@$1" "$url/granska" >"$T/granska.html"
	kill "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	page="$(python3 -c 'import html,re,sys; print(html.unescape(re.sub(r"<[^>]+>", " ", sys.stdin.read())))' \
		<"$T/granska.html" | tr -s ' \n' ' ')"
}
