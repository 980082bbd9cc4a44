#!/bin/sh
# run.sh NAME SECONDS [OPTION...] - runs the libFuzzer harness fuzz_NAME of
# build-fuzz for SECONDS on the seeds of build-fuzz/corpus/seeds/NAME (made
# by tests/fuzz/make-corpus.sh), keeping what it adds in
# build-fuzz/corpus/new/NAME and a failing input as
# build-fuzz/artifacts/NAME-crash-... (-leak-, -timeout-, -oom-): ASan and
# UBSan stop at the first finding, leaks included; an input may take 10 s
# and 512 MB.  The harness's dictionary (pdf.dict, xml.dict) or, for the
# one-line inputs, a 64-byte limit; further libFuzzer options may follow.
# Run from the top of the source tree; the fuzzer replaces this shell
# (exec), so a caller that starts it with & waits for the fuzzer's own pid.
set -eu
[ $# -ge 2 ] || { echo "usage: $0 NAME SECONDS [OPTION...]" >&2; exit 2; }
name="$1"
seconds="$2"
shift 2
top="$PWD"
case "$name" in
pdf) extra="-dict=tests/fuzz/pdf.dict" ;;
agreement|workflow) extra="-dict=tests/fuzz/xml.dict" ;;
*) extra="-max_len=64" ;;
esac
[ -x "build-fuzz/fuzz_$name" ] || { echo "run.sh: no build-fuzz/fuzz_$name (build with -DOV_FUZZ=ON)" >&2; exit 2; }
[ -d "build-fuzz/corpus/seeds/$name" ] || { echo "run.sh: no seeds in build-fuzz/corpus/seeds/$name" >&2; exit 2; }
mkdir -p "build-fuzz/corpus/new/$name" build-fuzz/artifacts
OVERENS_DATA="$top" OV_FUZZ_TRUST="$top/build-fuzz/corpus/seeds/trust" \
ASAN_OPTIONS=detect_leaks=1:quarantine_size_mb=64 UBSAN_OPTIONS=print_stacktrace=1 \
	exec "build-fuzz/fuzz_$name" -max_total_time="$seconds" -rss_limit_mb=512 -timeout=10 \
	$extra -artifact_prefix="build-fuzz/artifacts/$name-" -print_final_stats=1 "$@" \
	"build-fuzz/corpus/new/$name" "build-fuzz/corpus/seeds/$name"
