#!/bin/bash
# web_tls.sh - `overens serve` over HTTPS (--tls-cert/--tls-key): the cookie
# is Secure and HSTS is sent; and the options it refuses at start.
. "$(dirname "$0")/../lib/scenario.sh"

ov init >/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$T/key.pem" -out "$T/cert.pem" \
	-days 2 -subj "/CN=127.0.0.1" 2>/dev/null

"$OVERENS" -C "$WS" serve --listen 127.0.0.1:0 --ready-file "$T/ready" \
	--tls-cert "$T/cert.pem" --tls-key "$T/key.pem" >"$T/serve.log" 2>&1 &
pid=$!
stop() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
for _ in $(seq 100); do [ -s "$T/ready" ] && break; sleep 0.1; done
url="$(cut -d' ' -f2 "$T/ready" 2>/dev/null || true)"
expect_contains "$url" "https://127.0.0.1:" "the ready file names an https URL ($(cat "$T/serve.log"))"
headers="$(curl -sk -D - -o /dev/null "${url}login" || true)"
expect_contains "$headers" "200" "the login page over HTTPS"
expect_contains "$headers" "; Secure" "the session cookie is Secure on HTTPS"
expect_contains "$headers" "Strict-Transport-Security: max-age=" "HSTS on HTTPS"
plain="$(curl -s -o /dev/null -w '%{http_code}' "${url/https/http}login" || true)"
CHECKS=$((CHECKS + 1))
[ "$plain" != "200" ] || fail "plain HTTP answered on the HTTPS port"
stop

expect_fail 2 "HTTPS needs both --tls-cert and --tls-key" \
	ov serve --listen 127.0.0.1:0 --tls-cert "$T/cert.pem"
expect_fail 2 "is not a port" ov serve --listen 127.0.0.1:http
expect_fail 2 "is not an IP address" ov serve --listen localhost:8080
expect_fail 3 "nope.pem" ov serve --listen 127.0.0.1:0 --tls-cert "$T/nope.pem" \
	--tls-key "$T/key.pem"

finish
