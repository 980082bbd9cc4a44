#!/bin/sh
# Measures rendering the Helsingborg agreement:
#  1. in-process (bench_render: template, layout check and PDF, 200 runs);
#  2. the whole `overens render` process, RUNS times (default 20) for each
#     form, in a workspace made by `overens demo`: wall time, CPU time (user
#     + system) and peak RSS of each run, from the kernel's accounting of the
#     child (wait4), in microseconds -- /usr/bin/time's 10 ms steps are too
#     coarse for runs this short.  CPU time is the steadier figure on a busy
#     machine.
# and prints the medians.  Builds BUILD_DIR (default build, RelWithDebInfo)
# when the programs are missing.
#
#   sh scripts/bench-render.sh [BUILD_DIR] [RUNS]
set -eu
cd "$(dirname "$0")/.."
src="$PWD"
build="${1:-build}"
runs="${2:-20}"
case "$runs" in ''|*[!0-9]*) echo "bench-render: RUNS must be a number" >&2; exit 2;; esac
[ "$runs" -ge 1 ] || { echo "bench-render: RUNS must be at least 1" >&2; exit 2; }

if [ ! -x "$build/overens" ] || [ ! -x "$build/bench_render" ]; then
	cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	cmake --build "$build" -j"$(nproc)" --target overens bench_render >/dev/null
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/ovbench.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
export OVERENS_DATA="$src"
export SOURCE_DATE_EPOCH=1774000000

echo "== in-process: templates/agreement.xsl + layout.rng + PDF, tests/fixtures/helsingborg.xml"
"$build/bench_render" -n 200 --data "$src"

echo
echo "== whole process: overens render, Helsingborg agreement, $runs runs each"
"$build/overens" demo "$tmp/ws" >/dev/null
"$build/overens" -C "$tmp/ws" render 2026-0001 -o "$tmp/warm.pdf" >/dev/null
python3 - "$build/overens" "$tmp" "$runs" <<'EOF'
import os, statistics, subprocess, sys, time

tool, tmp, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
pages = "?"
info = subprocess.run(["pdfinfo", tmp + "/warm.pdf"], capture_output=True, text=True)
for line in info.stdout.splitlines():
    if line.startswith("Pages:"):
        pages = line.split()[1]
print("%-54s %5s %8s %8s %8s" % ("command (medians)", "pages", "wall ms", "CPU ms", "RSS KB"))
for doc, fmt, out in (("agreement", "pdf", "FILE"), ("agreement", "pdf", "-"),
                      ("agreement", "html", "FILE"), ("agreement", "txt", "FILE"),
                      ("calendar", "ics", "FILE")):
    args = [tool, "-C", tmp + "/ws", "render", "2026-0001", "--doc", doc, "--format", fmt,
            "-o", "%s/out.%s" % (tmp, fmt) if out == "FILE" else "-"]
    wall, cpu, rss = [], [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        child = subprocess.Popen(args, stdout=subprocess.DEVNULL)
        _, status, use = os.wait4(child.pid, 0)
        wall.append((time.perf_counter() - t0) * 1000)
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode:
            sys.exit("bench-render: %s failed (exit %d)" % (" ".join(args), child.returncode))
        cpu.append((use.ru_utime + use.ru_stime) * 1000)
        rss.append(use.ru_maxrss)
    print("%-54s %5s %8.1f %8.1f %8d" % ("render 2026-0001 --doc %s --format %s -o %s" % (doc, fmt, out),
          pages if fmt == "pdf" else "-", statistics.median(wall), statistics.median(cpu),
          statistics.median(rss)))
EOF
echo "(a whole process: start, open the workspace and its index, read git, render and"
echo " write: -o FILE is written atomically, with fsync; -o - goes to /dev/null)"
