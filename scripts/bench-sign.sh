#!/bin/sh
# Signs and verifies N agreements (default 200), both parties each, through
# the engine (bench/bench_sign.c) and prints per-document medians: first
# signature, second signature, verification.
# usage: sh scripts/bench-sign.sh [N] [DIR]    (BUILD=folder, default build)
set -eu
cd "$(dirname "$0")/.."
n="${1:-200}"
dir="${2:-${BUILD:-build}/bench-sign-ws}"
build="${BUILD:-build}"
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"$(nproc)" --target bench_sign >/dev/null
rm -rf "$dir"
"./$build/bench_sign" "$dir" "$n"
