#!/bin/bash
# The web interface's security rules at the HTTP level, with curl against
# `overens demo DIR --serve` on a free port: pages and forms without a
# session, wrong and missing CSRF tokens (nothing written), bodies over the
# limits (413), slow clients (a half-sent request gets no answer, does not
# hold up others, and is dropped by the connection timeout), path tricks
# (never a file from outside, 404 or 400), the security headers and the
# session cookie's flags, logout, a session id planted before login, and
# the login rate limit.
. "$(dirname "$0")/../lib/scenario.sh"

AGR=2026-0001
ASA=asa.lindqvist@example.se
KARIN=karin.ek@example.org

# --- the server ----------------------------------------------------------------

pid=""
pids=""
stop_server() {
	for p in $pid $pids; do
		kill "$p" 2>/dev/null || true
		wait "$p" 2>/dev/null || true
	done
	rm -rf "$T"
}
trap stop_server EXIT
# wait_ready FILE PID: waits for the server's "PID URL" line.
wait_ready() {
	for _ in $(seq 1 1200); do
		[ -s "$1" ] && return 0
		kill -0 "$2" 2>/dev/null || { cat "$T"/out* "$T"/err* >&2; echo "FAIL: the server ended" >&2; exit 1; }
		sleep 0.1
	done
	echo "FAIL: the server did not listen" >&2
	exit 1
}
"$OVERENS" demo "$WS" --serve --listen 127.0.0.1:0 --ready-file "$T/ready" \
	--connection-timeout 5 >"$T/out" 2>"$T/err" &
pid=$!
wait_ready "$T/ready" "$pid"
read -r rpid URL <"$T/ready"
URL="${URL%/}"
PORT="${URL##*:}"
expect_eq "$rpid" "$pid" "the ready file names the server's pid"
password() { sed -n "s/^ *$1 *lösenord \([^ ]*\).*/\1/p" "$T/out"; }
PW_ASA="$(password "$ASA")"
PW_KARIN="$(password "$KARIN")"
[ -n "$PW_ASA" ] && [ -n "$PW_KARIN" ] || { cat "$T/out" >&2; echo "FAIL: no logins printed" >&2; exit 1; }

commits() { git --git-dir="$WS/repo.git" rev-list --all --count; }

# A half-sent request (the headers not ended) and a half-sent body, kept
# open while the rest runs; the server must answer neither and drop both
# after its connection timeout, 5 s here (checked at the end).
exec 3<>"/dev/tcp/127.0.0.1/$PORT"
printf 'GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: lan' >&3
exec 4<>"/dev/tcp/127.0.0.1/$PORT"
printf 'POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nemail=a' >&4
slow_since=$SECONDS

# --- helpers ------------------------------------------------------------------------

# req OUT_PREFIX CURL_ARGS...: status in $status, headers in OUT.h, body in OUT.b
req() {
	local out="$1"
	shift
	status="$(curl -s --path-as-is --max-time 20 -o "$out.b" -D "$out.h" -w '%{http_code}' "$@")" || true
}
header() { tr -d '\r' <"$1" | sed -n "s/^$2: //Ip" | head -n 1; }
# flip TOKEN: the token with its last character changed
flip() { case "$1" in *A) echo "${1%?}B" ;; *) echo "${1%?}A" ;; esac; }
csrf_of() { grep -o 'name="csrf" value="[^"]*"' "$1" | head -n 1 | sed 's/.*value="//; s/"$//'; }
cookie_of() { tr -d '\r' <"$1" | sed -n 's/^set-cookie: ov_session=\([^;]*\).*/\1/Ip' | head -n 1; }

# login EMAIL PASSWORD JAR: logs in through the form; the session in JAR.
login() {
	rm -f "$3"
	req "$T/l1" -c "$3" -b "$3" "$URL/login"
	req "$T/l2" -c "$3" -b "$3" --data-urlencode "csrf=$(csrf_of "$T/l1.b")" \
		--data-urlencode "email=$1" --data-urlencode "password=$2" "$URL/login"
	expect_eq "$status" 303 "login as $1"
	expect_eq "$(header "$T/l2.h" location)" /mina "login as $1 leads to /mina"
}

# --- no session ------------------------------------------------------------------------

for p in /mina /nytt /granska /admin /kalender "/avtal/$AGR" "/avtal/$AGR/historik" \
	"/avtal/$AGR/undertecknad.pdf" "/avtal/$AGR/steg/followup"; do
	req "$T/r" "$URL$p"
	expect_eq "$status" 303 "GET $p without a session"
	expect_eq "$(header "$T/r.h" location)" /login "GET $p without a session leads to /login"
done
before="$(commits)"
for p in "/avtal/$AGR/falt" "/avtal/$AGR/steg/followup" /nytt /admin/person /granska; do
	req "$T/r" --data "csrf=x&f:bakgrund=inget" "$URL$p"
	expect_eq "$status" 303 "POST $p without a session"
	expect_eq "$(header "$T/r.h" location)" "/login?utgangen=1" "POST $p without a session"
done
expect_eq "$(commits)" "$before" "posts without a session write nothing"
req "$T/r" "$URL/login"
expect_eq "$status" 200 "the login page is public"
req "$T/r" --data "email=$ASA&password=$PW_ASA" "$URL/login"
expect_eq "$status" 403 "a login without the form's token"
expect_contains "$(cat "$T/r.b")" "CSRF" "a login without the form's token"
req "$T/r" "$URL/prenumeration/inte-en-token.ics"
expect_eq "$status" 404 "an unknown calendar token"
req "$T/r" -X PUT "$URL/mina"
expect_eq "$status" 405 "PUT"
req "$T/r" -X DELETE "$URL/avtal/$AGR"
expect_eq "$status" 405 "DELETE"

# --- a single sign-on header is taken only when told, and only from the proxy -------------

req "$T/r" -H "X-Remote-User: $ASA" "$URL/mina"
expect_eq "$status" 303 "a user header without --trust-header is ignored"
# serve_extra NAME ARGS...: another server on the workspace; its URL in $XURL
serve_extra() {
	local name="$1" xpid
	shift
	"$OVERENS" -C "$WS" serve --listen 127.0.0.1:0 --ready-file "$T/ready-$name" "$@" \
		>"$T/out-$name" 2>"$T/err-$name" &
	xpid=$!
	pids="$pids $xpid"
	wait_ready "$T/ready-$name" "$xpid"
	read -r _ XURL <"$T/ready-$name"
	XURL="${XURL%/}"
}
before="$(commits)"
serve_extra other-proxy --trust-header X-Remote-User --trusted-proxy 10.9.9.9
req "$T/r" -H "X-Remote-User: $ASA" "$XURL/mina"
expect_eq "$status" 303 "a user header from an address that is not the proxy is ignored"
serve_extra proxy --trust-header X-Remote-User
req "$T/r" -H "X-Remote-User: $ASA" "$XURL/mina"
expect_eq "$status" 200 "the user header from the trusted proxy logs in"
expect_contains "$(cat "$T/r.b")" "Åsa Lindqvist" "the user header from the trusted proxy"
req "$T/r" -H "X-Remote-User: okand@example.se" "$XURL/mina"
CHECKS=$((CHECKS + 1))
case "$status" in 303 | 403) ;; *) fail "an unregistered user from the proxy: got $status" ;; esac
req "$T/r" -H "X-Remote-User: okand@example.se" "$XURL/admin"
CHECKS=$((CHECKS + 1))
case "$status" in 303 | 403) ;; *) fail "an unregistered user from the proxy at /admin: got $status" ;; esac
req "$T/r" -H "X-Remote-User: $KARIN" "$XURL/admin"
expect_eq "$status" 403 "a person without the admin role at /admin"
expect_eq "$(commits)" "$before" "the proxy servers wrote nothing"
for p in $pids; do
	kill "$p"
	set +e
	wait "$p"
	rc=$?
	set -e
	expect_eq "$rc" 0 "an extra server's exit status on SIGTERM"
done
pids=""

# --- headers and the session cookie -------------------------------------------------

req "$T/r" -c "$T/anon" "$URL/login"
set_cookie="$(header "$T/r.h" set-cookie)"
expect_contains "$set_cookie" "ov_session=" "the login page starts a session"
expect_contains "$set_cookie" "HttpOnly" "the session cookie is HttpOnly"
expect_contains "$set_cookie" "SameSite=Strict" "the session cookie is SameSite=Strict"
expect_contains "$set_cookie" "Path=/" "the session cookie's path"
anon="$(cookie_of "$T/r.h")"
login "$ASA" "$PW_ASA" "$T/asa"
req "$T/r" -b "$T/asa" "$URL/mina"
expect_eq "$status" 200 "the start page when logged in"
for p in /login /mina "/avtal/$AGR" "/avtal/$AGR/dokument" /granska /stil.css /app.js /finns-inte \
	"/avtal/$AGR/undertecknad.pdf" "/avtal/$AGR/forhandsvisning" "/avtal/$AGR/andringar?fran=1&till=1"; do
	req "$T/r" -b "$T/asa" "$URL$p"
	csp="$(header "$T/r.h" content-security-policy)"
	expect_contains "$csp" "frame-ancestors" "Content-Security-Policy of $p ($status)"
	expect_contains "$csp" "default-src 'none'" "Content-Security-Policy of $p ($status)"
	expect_eq "$(header "$T/r.h" x-content-type-options)" nosniff "X-Content-Type-Options of $p"
	expect_eq "$(header "$T/r.h" cache-control)" no-store "Cache-Control of $p"
done
req "$T/r" -b "$T/asa" "$URL/avtal/$AGR/undertecknad.pdf"
expect_eq "$status" 200 "the signed PDF"
expect_eq "$(header "$T/r.h" content-type)" application/pdf "the signed PDF's type"
expect_contains "$(header "$T/r.h" content-disposition)" attachment "the signed PDF is a download"
expect_eq "$(head -c 5 "$T/r.b")" "%PDF-" "the signed PDF"
# the redline between two versions, as HTML in the browser
req "$T/r" -b "$T/asa" "$URL/avtal/$AGR/andringar?fran=1&till=$AGR-v1"
expect_eq "$status" 200 "the redline page"
expect_eq "$(header "$T/r.h" content-type)" "text/html; charset=utf-8" "the redline's type"
expect_contains "$(cat "$T/r.b")" "Ändringar i Samarbetsavtal $AGR" "the redline's title"
req "$T/r" -b "$T/asa" "$URL/avtal/$AGR/andringar?fran=1"
expect_eq "$status" 400 "a redline without its second version"
req "$T/r" -b "$T/asa" "$URL/avtal/$AGR/andringar?fran=1&till=99"
expect_eq "$status" 404 "a redline with a version that does not exist"
# the session id handed out before login is worth nothing after it
req "$T/r" -H "Cookie: ov_session=$anon" "$URL/mina"
expect_eq "$status" 303 "the session id from before login no longer works"

# --- CSRF: a logged-in person's forms ------------------------------------------------

req "$T/r" -b "$T/asa" "$URL/avtal/$AGR"
TOKEN="$(csrf_of "$T/r.b")"
expect_eq "${#TOKEN}" 43 "the form's CSRF token"
login "$KARIN" "$PW_KARIN" "$T/karin"
req "$T/r" -b "$T/karin" "$URL/mina"
KARIN_TOKEN="$(csrf_of "$T/r.b")"
new_id() { "$OVERENS" -C "$WS" --as "$ASA" new samverkansavtal --party krets=802002-8711 \
	--party kommun=212000-0258 --title "$1" | grep -o '20[0-9][0-9]-[0-9]\{4\}' | head -n 1; }
ID="$(new_id "CSRF över HTTP")"
# A subject or choice field is a select of its values; choosing one is saved.
req "$T/r" -b "$T/asa" "$URL/avtal/$ID"
expect_contains "$(cat "$T/r.b")" '<select id="f-amne" name="f:amne"' "the subject field is a select"
expect_contains "$(cat "$T/r.b")" '<option value="lagstadgade-uppdrag">Lagreglerade' "the subjects are its options"
expect_contains "$(cat "$T/r.b")" '<select id="f-klausul-forsakring" name="f:klausul.forsakring"' \
	"an optional clause's ja/nej is a select"
req "$T/r" -b "$T/asa" --data-urlencode "csrf=$TOKEN" --data-urlencode "f:amne=allman" "$URL/avtal/$ID/falt"
expect_contains "$("$OVERENS" -C "$WS" show "$ID")" "<subject>allman</subject>" "the subject chosen in the web is saved"
before="$(commits)"
for tok in "" "${TOKEN%?}" "${TOKEN}x" "$(flip "$TOKEN")" "$KARIN_TOKEN" "$(printf '%043d' 0)"; do
	req "$T/r" -b "$T/asa" --data-urlencode "csrf=$tok" --data-urlencode "f:kontakt.med=inte sparat" \
		"$URL/avtal/$ID/falt"
	expect_eq "$status" 403 "a form with the CSRF token '$tok'"
	expect_contains "$(cat "$T/r.b")" "säkerhetskod" "a form with a wrong CSRF token"
done
req "$T/r" -b "$T/asa" --data-urlencode "f:kontakt.med=inte sparat" "$URL/avtal/$ID/falt"
expect_eq "$status" 403 "a form without a CSRF field"
req "$T/r" -b "$T/asa" --data-urlencode "f:kontakt.med=inte sparat" "$URL/avtal/$ID/falt?csrf=$TOKEN"
expect_eq "$status" 403 "a CSRF token in the query string is not the form's"
req "$T/r" -b "$T/asa" -F "csrf=$(flip "$TOKEN")" -F "p12=@$WS/demo-certifikat/per.stahl@example.se.p12" \
	-F party=kommun -F password=demo "$URL/avtal/$ID/underteckna"
expect_eq "$status" 403 "a multipart form with a wrong CSRF token"
req "$T/r" -b "$T/asa" --data-urlencode "csrf=$TOKEN" -d workflow=samverkansavtal \
	-d "part:krets=802002-8711&part:kommun=212000-0258" "$URL/nytt"
expect_eq "$(commits)" "$((before + 1))" "only the form with the right token wrote (nytt)"
before="$(commits)"
req "$T/r" -b "$T/karin" --data-urlencode "csrf=$KARIN_TOKEN" -d "in:party=kommun&in:minutes=§ 9" \
	"$URL/avtal/$AGR/steg/decide"
CHECKS=$((CHECKS + 1))
case "$status" in 400 | 403 | 409) ;; *) fail "a decision in the wrong phase: got $status" ;; esac
expect_eq "$(commits)" "$before" "a decision in the wrong phase writes nothing"
"$OVERENS" -C "$WS" --as "$ASA" contact "$ID" --with "Karin Ek" >/dev/null
before="$(commits)"
req "$T/r" -b "$T/karin" --data-urlencode "csrf=$KARIN_TOKEN" -d "in:party=kommun&in:minutes=§ 9" \
	"$URL/avtal/$ID/steg/decide"
expect_eq "$status" 403 "the krets person posting the kommun's decision"
expect_eq "$(commits)" "$before" "refused posts write nothing"
req "$T/r" -b "$T/asa" --data-urlencode "csrf=$TOKEN" --data-urlencode "f:kontakt.med=sparat" \
	"$URL/avtal/$ID/falt"
expect_eq "$status" 200 "the same form with the right token"
expect_eq "$(commits)" "$((before + 1))" "the right token writes"

# --- bodies over the limits ---------------------------------------------------------

head -c $((13 * 1024 * 1024)) /dev/zero >"$T/big.pdf"
head -c $((300 * 1024)) /dev/zero | tr '\0' a >"$T/big.txt"
before="$(commits)"
req "$T/r" -b "$T/asa" -F "csrf=$TOKEN" -F "pdf=@$T/big.pdf" "$URL/granska"
expect_eq "$status" 413 "a 13 MB upload"
req "$T/r" -b "$T/asa" -H "Transfer-Encoding: chunked" -F "csrf=$TOKEN" -F "pdf=@$T/big.pdf" "$URL/granska"
expect_eq "$status" 413 "a 13 MB upload without a Content-Length"
req "$T/r" -b "$T/asa" --data-urlencode "csrf=$TOKEN" --data-urlencode "f:bakgrund@$T/big.txt" \
	"$URL/avtal/$ID/falt"
expect_eq "$status" 413 "a 300 KB form"
req "$T/r" -b "$T/asa" -H "Transfer-Encoding: chunked" --data-urlencode "csrf=$TOKEN" \
	--data-urlencode "f:bakgrund@$T/big.txt" "$URL/avtal/$ID/falt"
expect_eq "$status" 413 "a 300 KB form without a Content-Length"
req "$T/r" -b "$T/asa" -H "Content-Length: 99999999999" --data "csrf=$TOKEN" "$URL/avtal/$ID/falt"
case "$status" in 400 | 413) ;; *) fail "a lying Content-Length: got $status" ;; esac
fields="csrf=$TOKEN"
for i in $(seq 1 300); do fields="$fields&f:x$i=y"; done
req "$T/r" -b "$T/asa" --data "$fields" "$URL/avtal/$ID/falt"
expect_eq "$status" 413 "a form with 301 fields"
expect_eq "$(commits)" "$before" "bodies over the limits write nothing"
req "$T/r" -b "$T/asa" "$URL/mina"
expect_eq "$status" 200 "the server answers after the big bodies"

# --- path tricks ---------------------------------------------------------------------

echo "NOT-TO-BE-SERVED" >"$WS/hemlig.txt"
long="$(head -c 70000 /dev/zero | tr '\0' a)"
for p in "/avtal/../etc/passwd" "/../../../../etc/passwd" "/%2e%2e/%2e%2e/etc/passwd" \
	"/%2E%2E/" "//mina" "//etc/passwd" "/avtal/$AGR/../../x" "/avtal/$AGR/..%2f..%2fetc%2fpasswd" \
	"/avtal/$AGR%2f..%2f..%2fhemlig.txt" "/stil.css/../../hemlig.txt" "/stil.css%00.html" \
	"/avtal%00/$AGR" "/avtal/$AGR%00" "/avtal/$AGR/dokument/..%2f..%2f..%2fetc%2fpasswd" \
	"/avtal/$AGR/dokument/agreement.pdf%00.txt" "/avtal/$AGR/dokument/../../../hemlig.txt" \
	"/%5c..%5c..%5cetc%5cpasswd" "/avtal/$AGR/historik/.." "/avtal/$AGR/./historik" \
	"/prenumeration/..%2f..%2faccounts.ics" "/hemlig.txt" "/repo.git/config" "/web/page.xsl" \
	"/avtal/%2e%2e%2f%2e%2e%2fhemlig.txt" "/avtal/$AGR%0d%0aSet-Cookie:%20x=y" \
	"/avtal/a/b/c/d/e/f/g/h/i" "/%ff%fe" "/$long"; do
	req "$T/r" -b "$T/asa" "$URL$p"
	case "$status" in
	400 | 404 | 414 | 431) ;;
	*) fail "GET ${p:0:80}: got $status, expected 404 or 400" ;;
	esac
	CHECKS=$((CHECKS + 1))
	if grep -q -e 'root:' -e NOT-TO-BE-SERVED -e '\[core\]' -e '<xsl:' -e 'scrypt' "$T/r.b"; then
		fail "GET ${p:0:80} served a file from outside"
	fi
	CHECKS=$((CHECKS + 1))
	if grep -qi '^x=y\|^set-cookie: x=' "$T/r.h"; then fail "GET ${p:0:80} set a header"; fi
done
# the same server still serves what it should
req "$T/r" -b "$T/asa" "$URL/stil.css"
expect_eq "$status" 200 "/stil.css"
req "$T/r" -b "$T/asa" "$URL/avtal/$AGR/historik"
expect_eq "$status" 200 "the history"

# --- slow clients ------------------------------------------------------------------------

# Twenty more half-sent requests: the server still answers everyone else.
for i in $(seq 5 24); do
	eval "exec $i<>/dev/tcp/127.0.0.1/$PORT"
	printf 'GET /mina HTTP/1.1\r\nHost: 127.0.0.1\r\n' >&"$i"
done
req "$T/r" -b "$T/asa" "$URL/mina"
expect_eq "$status" 200 "the server answers while slow clients wait"
for i in $(seq 5 24); do eval "exec $i>&-"; done
# Neither half-sent request got an answer; the server closes both within
# its connection timeout (allowed: 20 s from the start).
for fd in 3 4; do
	left=$((20 - (SECONDS - slow_since)))
	[ "$left" -gt 0 ] || left=1
	CHECKS=$((CHECKS + 1))
	set +e
	got="$(timeout "$left" cat <&"$fd")"
	rc=$?
	set -e
	[ "$rc" -eq 0 ] || fail "a half-sent request (fd $fd) is still open after 20 s (rc $rc)"
	expect_eq "$got" "" "a half-sent request (fd $fd) gets no answer"
	eval "exec $fd>&-"
done

# --- logout ------------------------------------------------------------------------------

old="$(sed -n 's/.*\tov_session\t//p' "$T/asa")"
expect_eq "${#old}" 43 "the logged-in session id"
req "$T/r" -b "$T/asa" "$URL/logout"
expect_eq "$status" 405 "GET /logout"
req "$T/r" -b "$T/asa" -d "csrf=wrong" "$URL/logout"
expect_eq "$status" 403 "a logout without the right token"
req "$T/r" -b "$T/asa" "$URL/mina"
expect_eq "$status" 200 "a refused logout leaves the session"
req "$T/r" -b "$T/asa" -c "$T/asa" --data-urlencode "csrf=$TOKEN" "$URL/logout"
expect_eq "$status" 303 "logout"
expect_eq "$(header "$T/r.h" location)" /login "logout leads to /login"
expect_contains "$(header "$T/r.h" set-cookie)" "Max-Age=0" "logout clears the cookie"
req "$T/r" -H "Cookie: ov_session=$old" "$URL/mina"
expect_eq "$status" 303 "the old session after logout"
expect_eq "$(header "$T/r.h" location)" "/login?utgangen=1" "the old session after logout: it has ended"
req "$T/r" -H "Cookie: ov_session=$old" --data-urlencode "csrf=$TOKEN" \
	--data-urlencode "f:kontakt.med=efter utloggning" "$URL/avtal/$ID/falt"
expect_eq "$status" 303 "a form with the old session after logout"
expect_eq "$(header "$T/r.h" location)" "/login?utgangen=1" "a form after logout"

# --- the login rate limit (last: it locks this address out for a minute) ----------------

rm -f "$T/rl"
req "$T/r" -c "$T/rl" -b "$T/rl" "$URL/login"
rl_token="$(csrf_of "$T/r.b")"
for i in 1 2 3 4 5; do
	req "$T/r" -c "$T/rl" -b "$T/rl" --data-urlencode "csrf=$rl_token" \
		--data-urlencode "email=$ASA" --data-urlencode "password=fel-losenord-$i" "$URL/login"
	expect_eq "$status" 403 "wrong password $i"
	expect_contains "$(cat "$T/r.b")" "stämmer inte" "wrong password $i"
done
req "$T/r" -c "$T/rl" -b "$T/rl" --data-urlencode "csrf=$rl_token" \
	--data-urlencode "email=$ASA" --data-urlencode "password=$PW_ASA" "$URL/login"
expect_eq "$status" 429 "the right password after five wrong ones"
expect_contains "$(cat "$T/r.b")" "Vänta en minut" "the rate limit's message"
req "$T/r" -c "$T/rl" -b "$T/rl" --data-urlencode "csrf=$rl_token" \
	--data-urlencode "email=$KARIN" --data-urlencode "password=$PW_KARIN" "$URL/login"
expect_eq "$status" 429 "another person from the same address meanwhile"
req "$T/r" -b "$T/karin" "$URL/mina"
expect_eq "$status" 200 "a session from before the lockout goes on"

# --- the server stops cleanly --------------------------------------------------------------

kill "$pid"
set +e
wait "$pid"
rc=$?
set -e
pid=""
expect_eq "$rc" 0 "the server's exit status on SIGTERM"
CHECKS=$((CHECKS + 1))
if grep -q 'ERROR: \(Address\|Leak\)Sanitizer\|runtime error' "$T/err"; then
	fail "the server's sanitizer report: $(cat "$T/err")"
fi
finish
