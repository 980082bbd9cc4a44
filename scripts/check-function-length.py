#!/usr/bin/env python3
"""Flags C functions longer than a limit (120 lines) in engine/, store/, cli/.

A function's length is its body's: from the opening brace to the closing
brace, both included (the signature is not counted).  Functions are found the way the code is written
(STYLE.md, Linux braces): the definition's opening brace alone at the start
of a line, its closing brace alone at the start of a line.

scripts/function-length.allow lists the exceptions, one per line:

    path/file.c:function reason

(blank lines and lines starting with # are ignored).  An allowed function
that is no longer too long, or no longer exists, is reported too, so that
the list shrinks as functions are split.

Usage: check-function-length.py [--limit N] [--allow FILE] [FILE...]
Exits 1 when a function is too long and not allowed, or an entry is stale.
"""
import argparse
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIRS = ("engine", "store", "cli")
NAME = re.compile(r"([A-Za-z_][A-Za-z_0-9]*)\s*\(")


def c_files():
    for top in DIRS:
        for d, _, files in sorted(os.walk(os.path.join(ROOT, top))):
            for f in sorted(files):
                if f.endswith(".c"):
                    yield os.path.relpath(os.path.join(d, f), ROOT)


def strip_comments(text):
    """Blanks comments and string/char literals, keeping the line breaks."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(c + " " * (j - i - 2) + c if j - i >= 2 else c)
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def functions(path):
    """Yields (name, first line, length) for every function in a file."""
    with open(os.path.join(ROOT, path), encoding="utf-8", errors="replace") as f:
        lines = strip_comments(f.read()).split("\n")
    i = 0
    while i < len(lines):
        if lines[i].rstrip() != "{":
            i += 1
            continue
        # The signature: back over the lines before the brace to the one
        # with the name, the first of them starting at column 0.
        j = i - 1
        while j > 0 and lines[j][:1] in ("\t", " ", ")") and lines[j].strip():
            j -= 1
        sig = " ".join(lines[j:i])
        m = NAME.search(sig.split("(")[0] + "(") if "(" in sig else None
        end = i + 1
        while end < len(lines) and not lines[end].startswith("}"):
            end += 1
        if m and not re.match(r"\s*(struct|enum|union|typedef)\b", sig) and "=" not in sig.split("(")[0]:
            yield m.group(1), j + 1, end - i + 1
        i = end + 1


def read_allow(path):
    allow = {}
    if not os.path.exists(path):
        return allow
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            key = line.split(None, 1)[0]
            if ":" not in key:
                sys.exit("%s:%d: expected 'file:function reason'" % (path, n))
            allow[key] = n
    return allow


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=120)
    ap.add_argument("--allow", default=os.path.join(ROOT, "scripts", "function-length.allow"))
    ap.add_argument("files", nargs="*")
    a = ap.parse_args()
    allow = read_allow(a.allow)
    seen, fail = set(), 0
    for path in a.files or c_files():
        for name, line, length in functions(path):
            key = "%s:%s" % (path, name)
            if length <= a.limit:
                continue
            if key in allow:
                seen.add(key)
                print("function-length: %s:%d: %s is %d lines (allowed)" % (path, line, name, length))
                continue
            print("function-length: %s:%d: %s is %d lines, over %d" % (path, line, name, length, a.limit))
            fail = 1
    if not a.files:
        for key in sorted(set(allow) - seen):
            print("function-length: %s is in %s but is no longer over %d lines: remove the line"
                  % (key, os.path.relpath(a.allow, ROOT), a.limit))
            fail = 1
    if not fail:
        print("function-length: no function over %d lines outside the allow-list" % a.limit)
    return fail


if __name__ == "__main__":
    sys.exit(main())
