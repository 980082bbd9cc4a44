#!/usr/bin/env python3
"""smtp_sink.py - an SMTP server for tests that keeps every message it gets.

    smtp_sink.py --dir FOLDER [--port 0] [--lifetime 600] [--reject-rcpt ADDR]

Listens on 127.0.0.1 only (asyncio, any number of connections).  With
--port 0 the kernel picks the port; the port is printed on stdout as the
first line (and flushed) once the server listens, so a caller can read it
and connect at once.

It speaks as much SMTP (RFC 5321) as a client needs to send mail: EHLO
(announcing 8BITMIME and SIZE, no STARTTLS, no AUTH), HELO, MAIL FROM, RCPT
TO, DATA (dot-stuffing undone), RSET, NOOP and QUIT; anything else gets
502.  Several messages may be sent over one connection.  Each accepted
message is written to FOLDER/NNNN.eml (a temporary name renamed into place,
so a reader never sees half a file) with two lines in front of the
message itself:

    X-Sink-Mail-From: <sender>
    X-Sink-Rcpt-To: <recipient>[, <recipient> ...]

--reject-rcpt ADDR answers RCPT TO:<ADDR> with 550 (a failed send for one
recipient).  It exits by itself after --lifetime seconds, and at once on
SIGTERM or SIGINT.  Exit status 0; 2 for bad arguments.
"""

import argparse
import asyncio
import itertools
import os
import signal
import sys


class Sink:
    def __init__(self, folder, reject):
        self.folder = folder
        self.reject = {a.lower() for a in reject}
        self.counter = itertools.count(1)

    def store(self, sender, rcpts, data):
        n = next(self.counter)
        path = os.path.join(self.folder, "%04d.eml" % n)
        head = "X-Sink-Mail-From: %s\r\nX-Sink-Rcpt-To: %s\r\n" % (sender, ", ".join(rcpts))
        with open(path + ".tmp", "wb") as f:
            f.write(head.encode("ascii", "replace") + data)
        os.rename(path + ".tmp", path)

    async def read_data(self, reader):
        lines = []
        while True:
            line = await reader.readline()
            if not line:
                return None
            if line in (b".\r\n", b".\n"):
                return b"".join(lines)
            if line.startswith(b"."):
                line = line[1:]
            lines.append(line)

    async def session(self, reader, writer):
        def reply(text):
            writer.write((text + "\r\n").encode("ascii"))

        sender, rcpts = None, []
        reply("220 sink.test ESMTP smtp_sink.py")
        try:
            while True:
                await writer.drain()
                raw = await reader.readline()
                if not raw:
                    break
                line = raw.decode("utf-8", "replace").rstrip("\r\n")
                verb = line.split(" ", 1)[0].upper()
                arg = line[len(verb):].strip()
                if verb == "EHLO":
                    reply("250-sink.test\r\n250-8BITMIME\r\n250 SIZE 10485760")
                elif verb == "HELO":
                    reply("250 sink.test")
                elif verb == "MAIL" and arg.upper().startswith("FROM:"):
                    sender, rcpts = arg[5:].strip().split(" ")[0], []
                    reply("250 OK")
                elif verb == "RCPT" and arg.upper().startswith("TO:"):
                    addr = arg[3:].strip().split(" ")[0]
                    if sender is None:
                        reply("503 MAIL first")
                    elif addr.strip("<>").lower() in self.reject:
                        reply("550 5.1.1 rejected by smtp_sink.py --reject-rcpt")
                    else:
                        rcpts.append(addr)
                        reply("250 OK")
                elif verb == "DATA":
                    if not rcpts:
                        reply("503 RCPT first")
                        continue
                    reply("354 end with <CRLF>.<CRLF>")
                    await writer.drain()
                    data = await self.read_data(reader)
                    if data is None:
                        break
                    self.store(sender, rcpts, data)
                    sender, rcpts = None, []
                    reply("250 OK stored")
                elif verb == "RSET":
                    sender, rcpts = None, []
                    reply("250 OK")
                elif verb == "NOOP":
                    reply("250 OK")
                elif verb == "QUIT":
                    reply("221 bye")
                    await writer.drain()
                    break
                else:
                    reply("502 not implemented")
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()


async def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dir", required=True)
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--lifetime", type=float, default=600)
    ap.add_argument("--reject-rcpt", action="append", default=[])
    args = ap.parse_args()
    if not os.path.isdir(args.dir):
        print("smtp_sink.py: %s is not a folder" % args.dir, file=sys.stderr)
        sys.exit(2)
    sink = Sink(args.dir, args.reject_rcpt)
    server = await asyncio.start_server(sink.session, "127.0.0.1", args.port)
    print(server.sockets[0].getsockname()[1], flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    loop.call_later(args.lifetime, stop.set)
    async with server:
        await stop.wait()


if __name__ == "__main__":
    asyncio.run(main())
