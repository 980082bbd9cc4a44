#!/bin/sh
# The long mode of the crash test (tests/scenarios/crash_random.sh): N
# operations (default 10000) killed with SIGKILL at random moments, each
# checked against the model the test keeps, with seed SEED (default 1).
# Prints the test's summary line (operations of each kind, killed,
# finished) and the checks passed, and the wall time.
# usage: sh scripts/bench-crash.sh [N] [SEED]    (BUILD=folder, default build)
set -eu
cd "$(dirname "$0")/.."
n="${1:-10000}"
seed="${2:-1}"
build="${BUILD:-build}"
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"$(nproc)" --target overens >/dev/null
mkdir -p "$build/tmp"
t0="$(date +%s)"
CRASH_KILLS="$n" CRASH_SEED="$seed" OVERENS="$PWD/$build/overens" OVERENS_DATA="$PWD" \
	OV_SOURCE_DIR="$PWD" OV_BUILD_DIR="$PWD/$build" TMPDIR="$PWD/$build/tmp" LANG=C.UTF-8 \
	bash tests/scenarios/crash_random.sh | grep -E '^(crash_random:|[0-9]+ passed)'
echo "wall time: $(($(date +%s) - t0)) s"
