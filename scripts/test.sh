#!/bin/sh
# Builds Överens twice — a normal build and an AddressSanitizer +
# UndefinedBehaviorSanitizer build — and runs every test in both; then runs
# the unit tests under valgrind, then the PDF reader's fuzzer for a minute.
# Installs missing packages first.
set -eu
cd "$(dirname "$0")/.."
sh scripts/install-deps.sh
jobs="$(nproc)"

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs"

cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DOV_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	ctest --test-dir build-asan --output-on-failure -j"$jobs"

# valgrind over the unit tests of the normal build (the scenario tests
# already ran under the sanitizers).
fail=0
for t in build/test_*; do
	[ -x "$t" ] || continue
	if ! OVERENS_DATA="$PWD" TMPDIR="$PWD/build/tmp" valgrind -q --error-exitcode=99 \
		--leak-check=full --errors-for-leak-kinds=definite "$t" >/dev/null 2>build/valgrind.log; then
		echo "valgrind: $t"; cat build/valgrind.log; fail=1
	fi
done
[ "$fail" -eq 0 ] && echo "valgrind: unit tests clean"

# A short fuzzing run of the PDF reader (tests/fuzz/fuzz_pdf.c): built with
# clang, libFuzzer, ASan and UBSan in build-fuzz; seeds made now by the tool
# built above (tests/fuzz/make-corpus.sh); 60 seconds.  A crash, leak,
# timeout (10 s) or memory blow-up (512 MB) fails the run; the input that
# caused it is kept in build-fuzz/artifacts/.
# Every target is built there, so clang's -Wall -Wextra -Werror sees all code.
echo "fuzz: building with clang (libFuzzer, ASan, UBSan) in build-fuzz"
grep -qs '^OV_FUZZ:BOOL=ON' build-fuzz/CMakeCache.txt || rm -f build-fuzz/CMakeCache.txt
CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DOV_FUZZ=ON >/dev/null
cmake --build build-fuzz -j"$jobs"
rm -rf build-fuzz/corpus build-fuzz/artifacts
mkdir -p build-fuzz/corpus/new build-fuzz/artifacts
sh tests/fuzz/make-corpus.sh build/overens build-fuzz/corpus/seeds
echo "fuzz: running fuzz_pdf for 60 s (log: build-fuzz/fuzz.log)"
if ASAN_OPTIONS=detect_leaks=1:quarantine_size_mb=64 UBSAN_OPTIONS=print_stacktrace=1 \
	build-fuzz/fuzz_pdf -max_total_time=60 -rss_limit_mb=512 -timeout=10 \
	-dict=tests/fuzz/pdf.dict -artifact_prefix=build-fuzz/artifacts/ -print_final_stats=1 \
	build-fuzz/corpus/new build-fuzz/corpus/seeds >build-fuzz/fuzz.log 2>&1; then
	echo "fuzz: no crash in $(sed -n 's/^stat::number_of_executed_units: *//p' build-fuzz/fuzz.log) runs;" \
		"$(grep -Eo 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' build-fuzz/fuzz.log | tail -n 1)"
else
	echo "fuzz: fuzz_pdf FAILED; the input is in build-fuzz/artifacts/:"
	ls -l build-fuzz/artifacts/
	tail -n 80 build-fuzz/fuzz.log
	fail=1
fi
exit "$fail"
