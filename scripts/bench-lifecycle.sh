#!/bin/sh
# Creates N agreements (default 10000) with a full lifecycle each, then
# times `overens reindex`, `list` and `due` over them: medians of 5 runs.
# usage: sh scripts/bench-lifecycle.sh [N] [DIR]
set -eu
cd "$(dirname "$0")/.."
n="${1:-10000}"
dir="${2:-build/bench-ws}"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
rm -rf "$dir"
./build/bench_lifecycle "$dir" "$n"
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
timeit() {
	label="$1"; shift
	for i in 1 2 3 4 5; do
		s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N)
		echo $(( (e - s) / 1000000 ))
	done | median | awk -v l="$label" '{ printf "%-8s median %d ms\n", l, $1 }'
}
echo "$n agreements, $(git --git-dir="$dir/repo.git" rev-list --count main) commits"
timeit reindex ./build/overens -C "$dir" reindex
timeit list ./build/overens -C "$dir" list --date 2026-01-01
timeit due ./build/overens -C "$dir" due --date 2026-01-01 --within 60d
