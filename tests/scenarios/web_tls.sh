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

# Behind a proxy that ends TLS: X-Forwarded-Proto counts from the trusted proxy only.
serve_plain() {
	rm -f "$T/ready"
	"$OVERENS" -C "$WS" serve --listen 127.0.0.1:0 --ready-file "$T/ready" "$@" \
		>"$T/serve.log" 2>&1 &
	pid=$!
	for _ in $(seq 100); do [ -s "$T/ready" ] && break; sleep 0.1; done
	url="$(cut -d' ' -f2 "$T/ready" 2>/dev/null || true)"
}
serve_plain --trust-header X-Remote-User
headers="$(curl -s -D - -o /dev/null -H 'X-Forwarded-Proto: https' "${url}login" || true)"
expect_contains "$headers" "; Secure" "Secure cookie when the trusted proxy says https"
expect_contains "$headers" "Strict-Transport-Security" "HSTS when the trusted proxy says https"
headers="$(curl -s -D - -o /dev/null "${url}login" || true)"
CHECKS=$((CHECKS + 1))
case "$headers" in *"; Secure"*) fail "Secure cookie on plain HTTP without the proxy's word";; esac
stop
serve_plain --trust-header X-Remote-User --trusted-proxy 10.9.8.7
headers="$(curl -s -D - -o /dev/null -H 'X-Forwarded-Proto: https' "${url}login" || true)"
CHECKS=$((CHECKS + 1))
case "$headers" in *"; Secure"*) fail "X-Forwarded-Proto taken from an address that is not the proxy";; esac
stop
serve_plain
headers="$(curl -s -D - -o /dev/null -H 'X-Forwarded-Proto: https' "${url}login" || true)"
CHECKS=$((CHECKS + 1))
case "$headers" in *"; Secure"*) fail "X-Forwarded-Proto taken without a trusted proxy";; esac
stop

expect_fail 2 "HTTPS needs both --tls-cert and --tls-key" \
	ov serve --listen 127.0.0.1:0 --tls-cert "$T/cert.pem"
expect_fail 2 "is not a port" ov serve --listen 127.0.0.1:http
expect_fail 2 "is not an IP address" ov serve --listen localhost:8080
expect_fail 3 "nope.pem" ov serve --listen 127.0.0.1:0 --tls-cert "$T/nope.pem" \
	--tls-key "$T/key.pem"

finish
