#!/bin/sh
# Measures rendering the Helsingborg agreement:
#  1. in-process (bench_render: template, layout check and PDF, 200 runs);
#  2. the whole `overens render` process, RUNS times (default 20) for each
#     form, in a workspace made by `overens demo`: wall time, CPU time (user
#     + system) and peak RSS of each run, from the kernel's accounting of the
#     child (wait4), in microseconds -- /usr/bin/time's 10 ms steps are too
#     coarse for runs this short.  CPU time is the steadier figure on a busy
#     machine.
#  3. the batch: `overens render --all -o DIR` (every agreement's PDF in one
#     process) in a workspace of AGREEMENTS agreements (default 1,000, made
#     by bench_web_workspace), BATCH_RUNS times (default 3), each into a new
#     folder: wall and CPU time per agreement.
# and prints the medians.  Builds BUILD_DIR (default build, RelWithDebInfo)
# when the programs are missing.
#
#   sh scripts/bench-render.sh [BUILD_DIR] [RUNS] [AGREEMENTS] [BATCH_RUNS]
set -eu
cd "$(dirname "$0")/.."
src="$PWD"
build="${1:-build}"
runs="${2:-20}"
agreements="${3:-1000}"
batch_runs="${4:-3}"
for v in "$runs" "$agreements" "$batch_runs"; do
	case "$v" in ''|*[!0-9]*) echo "bench-render: RUNS, AGREEMENTS and BATCH_RUNS are numbers" >&2; exit 2;; esac
	[ "$v" -ge 1 ] || { echo "bench-render: RUNS, AGREEMENTS and BATCH_RUNS are at least 1" >&2; exit 2; }
done

if [ ! -x "$build/overens" ] || [ ! -x "$build/bench_render" ] || [ ! -x "$build/bench_web_workspace" ]; then
	cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	cmake --build "$build" -j2 --target overens bench_render bench_web_workspace >/dev/null
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

echo
echo "== batch: overens render --all -o DIR, $agreements agreements, $batch_runs runs"
t0=$(date +%s)
"$build/bench_web_workspace" "$tmp/many" "$agreements" >/dev/null
echo "(workspace made in $(( $(date +%s) - t0 )) s)"
python3 - "$build/overens" "$tmp" "$batch_runs" "$agreements" <<'EOF'
import os, statistics, subprocess, sys, time

tool, tmp, runs, n = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
wall, cpu = [], []
for i in range(runs):
    out = "%s/batch-%d" % (tmp, i)
    args = [tool, "-C", tmp + "/many", "render", "--all", "-o", out]
    t0 = time.perf_counter()
    child = subprocess.Popen(args, stdout=subprocess.DEVNULL)
    _, status, use = os.wait4(child.pid, 0)
    wall.append((time.perf_counter() - t0) * 1000)
    if os.waitstatus_to_exitcode(status):
        sys.exit("bench-render: %s failed" % " ".join(args))
    cpu.append((use.ru_utime + use.ru_stime) * 1000)
    files = len(os.listdir(out))
    if files != n:
        sys.exit("bench-render: %d files written, %d agreements" % (files, n))
    subprocess.run(["rm", "-rf", out], check=True)
print("%-54s %9s %9s %10s" % ("command (medians)", "total s", "ms/agr", "CPU ms/agr"))
print("%-54s %9.1f %9.2f %10.2f" % ("render --all -o DIR (%d agreements, PDF)" % n,
      statistics.median(wall) / 1000, statistics.median(wall) / n, statistics.median(cpu) / n))
EOF
echo "(one process: the index, git at one head, the stylesheet, clause library,"
echo " workflows and settings read once; each PDF written atomically, with fsync)"
