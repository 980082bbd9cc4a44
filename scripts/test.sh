#!/bin/sh
# Checks the layering and the length of functions; builds Överens three
# times — a normal build, a Release build (-O3, where gcc sees more) and an
# AddressSanitizer + UndefinedBehaviorSanitizer build — and runs every test
# in each; then runs the unit tests under valgrind, each fuzzer of
# tests/fuzz for 25 seconds (two at a time, beside the package build), and
# builds the Debian package and runs the packaged tool.
# Installs missing packages first.  Each step prints the seconds since the
# start ("time: ..."), so a slow run shows where it went; a whole run must
# stay within half an hour on two cores, packages installed included.
#
# A failed check or a failed step at the end (valgrind, fuzzing, package)
# is reported and the run goes on; the exit status is 1 if anything failed.
set -eu
cd "$(dirname "$0")/.."
t0="$(date +%s)"
lap() { echo "time: $1 after $(($(date +%s) - t0)) s"; }
sh scripts/install-deps.sh
lap "packages"
jobs="$(nproc)"
top="$PWD"
fail=0

# Static checks first: they take seconds.
sh scripts/check-layers.sh || fail=1
python3 scripts/check-function-length.py || fail=1

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs"
lap "normal build and every test"

# Release: -O3 inlines more, and gcc's flow warnings (maybe-uninitialized)
# see paths the other builds do not; -Werror makes them fail the build.
cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build-release -j"$jobs"
# The unit tests, and one scenario each for the lifecycle, signing and
# verifying, rendering every document and the web server: what -O3 could
# change is in the engine, which the unit tests drive directly; the other
# scenarios drive the same code through the tool, as the normal and
# sanitizer passes do in full.
ctest --test-dir build-release --output-on-failure -j"$jobs" \
	-R '^(unit/|fuzz/|scenario/(lifecycle_overenskommelse|sign_verify|render_all|web_http)$)'
lap "Release build and tests"

# With fault injection (OV_FAULTS): scenario/fault_loop makes each write
# command fail at its n-th write, sync, rename, SQLite or git write and
# allocation here, where a leak or a bad free on an error path shows.
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DOV_SANITIZE=ON -DOV_FAULTS=ON >/dev/null
cmake --build build-asan -j"$jobs"
# Every test but the two longest date-rule scenarios, whose code (the date
# rules, unit/test_date; the commands, the other dates_ scenarios) runs here
# all the same, and the browser tests, whose server runs here in web_http:
# under the sanitizers they took two minutes of the two cores.
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	ctest --test-dir build-asan --output-on-failure -j"$jobs" \
	-E '^(browser/|scenario/(dates_notice_rule|dates_term_end)$)'
lap "sanitizer build and tests"

# ThreadSanitizer over the web server, the one part with threads (a pool of
# request threads sharing the page cache and sessions): the tool alone,
# built with -fsanitize=thread, serving the HTTP and HTTPS scenarios.  A
# report (build-tsan/tsan.PID) fails the step.
cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DOV_TSAN=ON -DOV_TESTS=ON >/dev/null
cmake --build build-tsan -j"$jobs" --target overens
rm -f build-tsan/tsan.*
if TSAN_OPTIONS="halt_on_error=0 log_path=$PWD/build-tsan/tsan" \
	ctest --test-dir build-tsan --output-on-failure -j"$jobs" -R '^scenario/web_(http|tls)$' &&
	! ls build-tsan/tsan.* >/dev/null 2>&1; then
	echo "tsan: the web scenarios ran clean under ThreadSanitizer"
else
	echo "tsan: FAILED"; cat build-tsan/tsan.* 2>/dev/null | head -n 80; fail=1
fi
lap "ThreadSanitizer"

# valgrind over the unit tests of the normal build (the scenario tests
# already ran under the sanitizers), two at a time; each test's report in
# build/valgrind/NAME.log.
rm -rf build/valgrind
mkdir -p build/valgrind
find build -maxdepth 1 -type f -name "test_*" -perm -u+x | OVERENS_DATA="$PWD" TMPDIR="$PWD/build/tmp" xargs -P "$jobs" -I{} sh -c \
	'valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite "$1" \
		>/dev/null 2>"build/valgrind/${1#build/}.log" || echo "$1" >>build/valgrind/failed' sh {}
if [ -s build/valgrind/failed ]; then
	for t in $(cat build/valgrind/failed); do
		echo "valgrind: $t"; cat "build/valgrind/${t#build/}.log"
	done
	fail=1
else
	echo "valgrind: unit tests clean"
fi
lap "valgrind"

# Short fuzzing runs of every harness in tests/fuzz (fuzz_NAME.c): built
# with clang, libFuzzer, ASan and UBSan in build-fuzz; seeds made now by the
# tool built above (tests/fuzz/make-corpus.sh, a folder per harness); each
# harness runs $fuzz_seconds seconds on one core (tests/fuzz/run.sh), two at
# a time, beside the package build: fuzz_rounds runs in the background and
# waits for each fuzzer by its own pid.  A crash, leak, timeout (10 s) or
# memory blow-up (512 MB) fails the run; the input that caused it is kept
# as build-fuzz/artifacts/NAME-crash-... (NAME-leak-..., NAME-timeout-...).
# Every target is built there, so clang's -Wall -Wextra -Werror sees all code.
echo "fuzz: building with clang (libFuzzer, ASan, UBSan) in build-fuzz"
grep -qs '^OV_FUZZ:BOOL=ON' build-fuzz/CMakeCache.txt || rm -f build-fuzz/CMakeCache.txt
CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DOV_FUZZ=ON >/dev/null
cmake --build build-fuzz -j"$jobs"
# The unit tests once more, as clang compiled them (with ASan and UBSan).
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	ctest --test-dir build-fuzz --output-on-failure -j"$jobs" -R '^unit/' || fail=1
lap "clang build and unit tests"
rm -rf build-fuzz/corpus build-fuzz/artifacts build-fuzz/fuzz-*.log build-fuzz/fuzz-failed
mkdir -p build-fuzz/corpus/new build-fuzz/artifacts
sh tests/fuzz/make-corpus.sh build/overens build-fuzz/corpus/seeds
fuzz_seconds=25
fuzz_targets="pdf agreement workflow date orgnr"
# Runs the harnesses two at a time (tests/fuzz/run.sh, which execs the
# fuzzer, so $! is the fuzzer itself and `wait` waits for it); each
# failure's name goes to build-fuzz/fuzz-failed.
fuzz_rounds() {
	set -- $fuzz_targets
	while [ $# -gt 0 ]; do
		a="$1"; shift
		b=""
		if [ $# -gt 0 ]; then b="$1"; shift; fi
		pids=""
		for t in $a $b; do
			sh tests/fuzz/run.sh "$t" "$fuzz_seconds" >"build-fuzz/fuzz-$t.log" 2>&1 &
			pids="$pids $t:$!"
		done
		for tp in $pids; do
			wait "${tp#*:}" || echo "${tp%%:*}" >>build-fuzz/fuzz-failed
		done
	done
}
echo "fuzz: running $fuzz_targets, $fuzz_seconds s each, two at a time, beside the package build" \
	"(logs: build-fuzz/fuzz-NAME.log)"
fuzz_rounds &
fuzz_pid=$!

# The Debian package (debian/): built by dpkg-buildpackage in a copy of the
# tree without the build folders (build-deb/src), unpacked with dpkg -x
# into a temporary root; the packaged tool runs the demo from / with no
# OVERENS_DATA (it must find /usr/share/overens beside its bin/), and the
# packaged man page renders, and the packaged catalogue gives Swedish help.  lintian fails the step on an error.
echo "deb: building the package in build-deb (log: build-deb/build.log)"
rm -rf build-deb
mkdir -p build-deb/src build-deb/root
tar -C . --exclude=./.git --exclude='./build*' --exclude='./obj-*' --exclude=./overens-demo \
	-cf - . | tar -xf - -C build-deb/src
if ! (cd build-deb/src && DEB_BUILD_OPTIONS="parallel=$jobs" \
	dpkg-buildpackage -us -uc -b) >build-deb/build.log 2>&1; then
	echo "deb: dpkg-buildpackage FAILED:"; tail -n 40 build-deb/build.log; fail=1
else
	deb="$(ls build-deb/overens_*.deb)"
	dpkg -x "$deb" build-deb/root
	if (cd / && env -u OVERENS_DATA -u OVERENS_DIR "$top/build-deb/root/usr/bin/overens" \
		demo "$top/build-deb/demo") >build-deb/demo.log 2>&1 &&
		ls build-deb/demo/*-undertecknat.pdf >/dev/null 2>&1; then
		echo "deb: $(basename "$deb"): the packaged tool ran the demo to a signed PDF"
	else
		echo "deb: the packaged tool's demo FAILED:"; tail -n 40 build-deb/demo.log; fail=1
	fi
	page="$(ls build-deb/root/usr/share/man/man1/overens.1* 2>/dev/null | head -n 1)"
	if [ -z "$page" ]; then
		echo "deb: no man page in the package (usr/share/man/man1/overens.1)"; fail=1
	elif MANWIDTH=80 man -l "$page" 2>build-deb/man.err | grep -q overens &&
		[ ! -s build-deb/man.err ]; then
		echo "deb: man -l ${page#build-deb/root/} renders"
	else
		echo "deb: man -l ${page#build-deb/root/} FAILED:"; cat build-deb/man.err; fail=1
	fi
	# The packaged catalogue: Swedish help for a Swedish locale.
	if (cd / && LANG=sv_SE.UTF-8 "$top/build-deb/root/usr/bin/overens" --help) 2>&1 |
		grep -q '^användning: overens'; then
		echo "deb: the packaged tool speaks Swedish with LANG=sv_SE.UTF-8"
	else
		echo "deb: the packaged tool's Swedish catalogue is missing or not found"; fail=1
	fi
	lrc=0
	lintian --fail-on error build-deb/overens_*.changes >build-deb/lintian.log 2>&1 || lrc=$?
	grep -v '^running with root privileges' build-deb/lintian.log | sed 's/^/deb: lintian: /' || true
	[ "$lrc" -eq 0 ] || { echo "deb: lintian found errors"; fail=1; }
fi
wait "$fuzz_pid" || true
for t in $fuzz_targets; do
	if grep -qx "$t" build-fuzz/fuzz-failed 2>/dev/null; then
		echo "fuzz: fuzz_$t FAILED; the input is in build-fuzz/artifacts/:"
		ls -l build-fuzz/artifacts/ | grep " $t-" || true
		tail -n 80 "build-fuzz/fuzz-$t.log"
		fail=1
	else
		echo "fuzz: fuzz_$t: no finding in" \
			"$(sed -n 's/^stat::number_of_executed_units: *//p' "build-fuzz/fuzz-$t.log") runs;" \
			"$(grep -Eo 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' "build-fuzz/fuzz-$t.log" | tail -n 1)"
	fi
done
lap "fuzzing and the package"
exit "$fail"
