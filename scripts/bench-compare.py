#!/usr/bin/env python3
"""bench-compare.py - two versions of the tool, the same commands, interleaved.

    python3 scripts/bench-compare.py OLD_SRC NEW_SRC WORKSPACE [RUNS] -- CMD...

OLD_SRC and NEW_SRC are source trees with a built `build/overens` (for
example a `git worktree add /tmp/old <commit>` built with cmake).  Each
version gets its own copy of WORKSPACE (their index formats may differ,
and each rebuilds its copy once, before the timing).  Each CMD is one
command line for `overens -C WS`, such as "status 2026-0001", "list" or
"render 2026-0001 -o -".  RUNS rounds (default 11) run every command with
the old version, then the new, one after the other, so that both see the
same load; the medians of the wall time and of the CPU time (user +
system, from the kernel's accounting of the child) are printed.  Output
goes to /dev/null.  SOURCE_DATE_EPOCH is fixed, so rendered files are the
same in every run.
"""

import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def run(tool, data, ws, args):
    env = dict(os.environ, OVERENS_DATA=data, SOURCE_DATE_EPOCH="1774000000")
    t0 = time.perf_counter()
    p = subprocess.Popen([tool, "-C", ws] + args, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, env=env)
    _, status, ru = os.wait4(p.pid, 0)
    wall = (time.perf_counter() - t0) * 1000
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("bench-compare: %s -C %s %s failed" % (tool, ws, " ".join(args)))
    return wall, (ru.ru_utime + ru.ru_stime) * 1000


def main():
    argv = sys.argv[1:]
    if "--" not in argv:
        sys.exit(__doc__)
    cut = argv.index("--")
    head, cmds = argv[:cut], [shlex.split(c) for c in argv[cut + 1:]]
    if len(head) not in (3, 4) or not cmds:
        sys.exit(__doc__)
    runs = int(head[3]) if len(head) == 4 else 11
    if runs < 1:
        sys.exit("bench-compare: RUNS is at least 1")
    versions = []
    tmp = tempfile.mkdtemp(prefix="ovcompare.")
    try:
        for label, src in (("old", head[0]), ("new", head[1])):
            src = os.path.abspath(src)
            tool = os.path.join(src, "build", "overens")
            if not os.access(tool, os.X_OK):
                sys.exit("bench-compare: no %s (build it first)" % tool)
            ws = os.path.join(tmp, label)
            shutil.copytree(head[2], ws, symlinks=True)
            run(tool, src, ws, ["list"])   # an index of its own format
            versions.append((label, tool, src, ws))
        res = {}
        for _ in range(runs):
            for args in cmds:
                for label, tool, src, ws in versions:
                    res.setdefault((" ".join(args), label), []).append(run(tool, src, ws, args))
        print("%-32s %21s %21s" % ("command (medians, ms)", "wall old -> new", "CPU old -> new"))
        for args in cmds:
            key = " ".join(args)
            o, n = res[(key, "old")], res[(key, "new")]
            print("%-32s %9.1f -> %7.1f %9.1f -> %7.1f" % (
                key[:32], statistics.median(x[0] for x in o), statistics.median(x[0] for x in n),
                statistics.median(x[1] for x in o), statistics.median(x[1] for x in n)))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
