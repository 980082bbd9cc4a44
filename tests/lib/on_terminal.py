#!/usr/bin/env python3
"""on_terminal.py CMD ARG... - runs CMD with a pseudo-terminal as its standard
input and output, types this script's standard input into it line by line
(then Ctrl-D), and prints what CMD wrote; exits with CMD's exit code.

Scenario tests use it for what a command does at a terminal (a refused
answer asked again) as opposed to a pipe.
"""
import os
import pty
import subprocess
import sys


def main():
    master, slave = pty.openpty()
    proc = subprocess.Popen(sys.argv[1:], stdin=slave, stdout=slave, stderr=slave,
                            close_fds=True)
    os.close(slave)
    typed = sys.stdin.read()
    for line in typed.splitlines(keepends=True):
        os.write(master, line.encode())
    os.write(master, b"\x04")
    out = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # EIO once the command has closed the terminal
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    sys.stdout.write(out.decode(errors="replace").replace("\r\n", "\n"))
    sys.exit(proc.wait())


main()
