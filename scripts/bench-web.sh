#!/bin/sh
# Load benchmark of `overens serve`: a workspace with N agreements (default
# 10000, made once by bench/bench_web_workspace.c and kept in
# /tmp/overens-bench-web-N), the server on 127.0.0.1, one logged-in person
# (the official of a kommun that is party to N/40 of the agreements), and
# ApacheBench with 50 concurrent clients, REQUESTS requests (default 100000)
# per run against the start page /mina and against an agreement page
# /avtal/ID, each with keep-alive (ab -k) and with a new connection per
# request.  Prints per run: median and 99th percentile (ab -e, in ms),
# errors (failed + non-2xx + write errors), requests per second, and the
# server's resident memory (VmRSS) before the run, after the first 10% of
# its requests, at the end and its highest, sampled every second.
#
#   sh scripts/bench-web.sh [N] [REQUESTS]
#
# ab is in Debian's apache2-utils (scripts/install-deps.sh).  ab -l: pages
# may differ in length between requests (a session's form tokens); that is
# not counted as a failure.
set -eu
cd "$(dirname "$0")/.."
src="$PWD"
n="${1:-10000}"
requests="${2:-100000}"
conc=50
case "$n$requests" in *[!0-9]*) echo "bench-web: N and REQUESTS must be numbers" >&2; exit 2;; esac
command -v ab >/dev/null || { echo "bench-web: ab missing (apt-get install apache2-utils)" >&2; exit 2; }

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j2 --target overens bench_web_workspace >/dev/null
export OVERENS_DATA="$src"

cache="/tmp/overens-bench-web-$n"
if [ ! -f "$cache/info" ]; then
	echo "== making $cache/ws: $n agreements (once; delete the folder to remake it)"
	rm -rf "$cache"
	mkdir -p "$cache"
	./build/bench_web_workspace "$cache/ws" "$n" >"$cache/info.tmp"
	mv "$cache/info.tmp" "$cache/info"
fi
field() { awk -v k="$1" '$1 == k { print $2 }' "$cache/info"; }
person="$(field person)"
password="$(field password)"
agreement="$(field agreement)"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/ovbenchweb.XXXXXX")"
pid=""
stop() {
	if [ -n "$pid" ]; then
		kill "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
		pid=""
	fi
}
trap 'stop; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# Port 0: the server takes a free port and writes "PID URL" to the ready file.
./build/overens -C "$cache/ws" serve --listen 127.0.0.1:0 --ready-file "$tmp/ready" \
	>"$tmp/serve.log" 2>&1 &
pid=$!
i=0
until [ -s "$tmp/ready" ]; do
	i=$((i + 1))
	if [ "$i" -ge 300 ] || ! kill -0 "$pid" 2>/dev/null; then
		echo "bench-web: the server did not start:" >&2
		cat "$tmp/serve.log" >&2
		exit 1
	fi
	sleep 0.1
done
read -r rpid url <"$tmp/ready"
[ "$rpid" = "$pid" ] || { echo "bench-web: the server is pid $rpid, not $pid" >&2; exit 1; }
base="${url%/}"

# Log in: GET /login gives an anonymous session and the form's csrf token;
# POST /login answers 303 with the logged-in session's cookie.
curl -s -c "$tmp/jar" -b "$tmp/jar" "$base/login" >"$tmp/login.html"
csrf="$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$tmp/login.html" | head -n 1)"
[ -n "$csrf" ] || { echo "bench-web: no csrf field in GET /login" >&2; exit 1; }
code="$(curl -s -o /dev/null -w '%{http_code}' -c "$tmp/jar" -b "$tmp/jar" \
	--data-urlencode "email=$person" --data-urlencode "password=$password" \
	--data-urlencode "csrf=$csrf" "$base/login")"
[ "$code" = 303 ] || { echo "bench-web: POST /login answered $code, not 303" >&2; exit 1; }
session="$(awk '$6 == "ov_session" { v = $7 } END { print v }' "$tmp/jar")"
[ -n "$session" ] || { echo "bench-web: no ov_session cookie after logging in" >&2; exit 1; }
for path in /mina "/avtal/$agreement"; do
	code="$(curl -s -o "$tmp/page" -w '%{http_code}' -b "ov_session=$session" "$base$path")"
	if [ "$code" != 200 ] || ! grep -q "$agreement" "$tmp/page"; then
		echo "bench-web: GET $path answered $code without $agreement" >&2
		exit 1
	fi
done

rss() { awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status"; }
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# One ab run: $1 label, $2 path, $3 "-k" or "".  ab's heartbeat (stderr,
# every 10% of the requests) marks when to read the RSS; a sampler reads
# it every second for the highest value.
run() {
	label="$1"; path="$2"; ka="$3"
	rss0="$(rss)"
	rm -f "$tmp/rss10" "$tmp/pct.csv"
	( while kill -0 "$pid" 2>/dev/null; do rss; sleep 1; done ) >"$tmp/rss.log" 2>/dev/null &
	sampler=$!
	# shellcheck disable=SC2086
	{ ab $ka -l -n "$requests" -c "$conc" -C "ov_session=$session" -e "$tmp/pct.csv" \
		"$base$path" 2>&1 >"$tmp/ab.out" || echo "ab failed"; } |
		while read -r line; do
			case "$line" in
			"Completed $((requests / 10)) requests") rss >"$tmp/rss10" ;;
			"ab failed"|apr_*|*rror*) echo "bench-web: ab: $line" >&2 ;;
			esac
		done
	kill "$sampler" 2>/dev/null || true
	wait "$sampler" 2>/dev/null || true
	rss1="$(rss)"
	rss10="$(cat "$tmp/rss10" 2>/dev/null || echo "$rss0")"
	rssmax="$( (cat "$tmp/rss.log"; echo "$rss1") | sort -n | tail -n 1)"
	if [ ! -s "$tmp/pct.csv" ]; then
		echo "bench-web: ab $ka on $path did not finish; its output:" >&2
		cat "$tmp/ab.out" >&2
		failed=1
		return 0
	fi
	med="$(awk -F, '$1 == 50 { print $2 }' "$tmp/pct.csv")"
	p99="$(awk -F, '$1 == 99 { print $2 }' "$tmp/pct.csv")"
	done_="$(awk -F: '/^Complete requests/ { gsub(/ /, "", $2); print $2 }' "$tmp/ab.out")"
	errs="$(awk -F: '/^(Failed requests|Non-2xx responses|Write errors)/ { s += $2 } END { print s + 0 }' "$tmp/ab.out")"
	rps="$(awk -F: '/^Requests per second/ { split($2, a, " "); print a[1] }' "$tmp/ab.out")"
	printf '%-22s %-10s %8s %8s %7s %8s %6s %9s %8s %8s %8s\n' "$label" "${ka:-close}" \
		"$med" "$p99" "$errs" "${done_:-0}" "$rps" \
		"$(mb "$rss0")" "$(mb "$rss10")" "$(mb "$rss1")" "$(mb "$rssmax")"
	rm -f "$tmp/rss10" "$tmp/pct.csv"
	[ "$errs" = 0 ] || failed=1
}

echo "== overens serve, $n agreements; $person takes part in $(field own) (/mina lists 50 a page)"
echo "   ab -n $requests -c $conc, times in ms, RSS in MB (start / after 10% / end / highest)"
echo "   load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-22s %-10s %8s %8s %7s %8s %6s %9s %8s %8s %8s\n' page connection median p99 errors \
	requests req/s rss-start rss-10% rss-end rss-max
failed=0
for ka in -k ""; do
	run "/mina" /mina "$ka"
	run "/avtal/$agreement" "/avtal/$agreement" "$ka"
done
echo "   load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
stop
exit "$failed"
