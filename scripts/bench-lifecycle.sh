#!/bin/sh
# Whole-process timings of the read commands on a workspace of N agreements
# (default 10000): medians of RUNS runs (default 11) of `overens status ID`,
# `due`, `list` and `log ID`, and of 3 runs of `reindex`, in ms (wall
# clock around the process, output to /dev/null; and its CPU time).
#
#   sh scripts/bench-lifecycle.sh [N] [DIR] [MAKER]
#
# MAKER says how the workspace is made when DIR does not exist yet:
#   lifecycle  bench/bench_lifecycle.c: every agreement through its whole
#              lifecycle, 10 commits each (about 56 minutes for 10,000);
#   web        bench/bench_web_workspace.c: one commit per agreement, one in
#              five of the first 1,000 taken through contact and decisions
#              (minutes for 10,000).
# An existing DIR is measured as it is (after one untimed `list`, which
# brings its index up to date), so a workspace is made once per N.
# The machine's load changes wall-clock times: compare runs made together.
set -eu
cd "$(dirname "$0")/.."
n="${1:-10000}"
dir="${2:-build/bench-ws-$n}"
maker="${3:-lifecycle}"
runs="${RUNS:-11}"
case "$n$runs" in *[!0-9]*) echo "bench-lifecycle: N and RUNS must be numbers" >&2; exit 2;; esac
case "$maker" in lifecycle|web) ;; *) echo "bench-lifecycle: MAKER is lifecycle or web" >&2; exit 2;; esac
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j2 --target overens bench_web_workspace bench_lifecycle >/dev/null
export OVERENS_DATA="$PWD"
if [ ! -d "$dir" ]; then
	s=$(date +%s)
	if [ "$maker" = web ]; then
		./build/bench_web_workspace "$dir" "$n" >/dev/null
	else
		./build/bench_lifecycle "$dir" "$n"
	fi
	echo "made $dir in $(( $(date +%s) - s )) s"
fi
ov() { ./build/overens -C "$dir" "$@"; }
ov list >/dev/null
id="$(ov list --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')"

# timeit LABEL RUNS CMD...: medians over RUNS runs of the process's wall time and of its
# CPU time (user + system, from getrusage), in ms.  Under load the CPU time varies less.
timeit() {
	python3 - "$@" <<'PY'
import resource, statistics, subprocess, sys, time
label, k, cmd = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
wall, cpu = [], []
for _ in range(k):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
    wall.append((time.perf_counter() - t0) * 1000)
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu.append((r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime) * 1000)
print("%-16s wall median %7.1f ms   cpu median %7.1f ms" % (label, statistics.median(wall),
                                                            statistics.median(cpu)))
PY
}
echo "$n agreements, $(git --git-dir="$dir/repo.git" rev-list --count main) commits, load $(cut -d' ' -f1 /proc/loadavg)"
o=./build/overens
timeit "status $id" "$runs" $o -C "$dir" status "$id"
timeit due "$runs" $o -C "$dir" due --date 2026-01-01 --within 60d
timeit list "$runs" $o -C "$dir" list --date 2026-01-01
timeit "log $id" "$runs" $o -C "$dir" log "$id"
timeit reindex 3 $o -C "$dir" reindex
