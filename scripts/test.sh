#!/bin/sh
# Builds Överens twice — a normal build and an AddressSanitizer +
# UndefinedBehaviorSanitizer build — and runs every test in both; then runs
# the unit tests under valgrind.  Installs missing packages first.
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
exit "$fail"
