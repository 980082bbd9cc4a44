#!/usr/bin/env python3
"""pki_server.py - a CA's CRL distribution point and OCSP responder for tests.

    pki_server.py --dir FOLDER [--port 0] [--lifetime 600] [--crl-cmd CMD]
                  [--ocsp-index index.txt --ocsp-ca ca.pem --ocsp-key ca.key]

One process (the standard library's http.server, one request at a time)
bound to 127.0.0.1.  A GET is answered with the file of that name in
FOLDER (a .crl file as application/pkix-crl).  With --crl-cmd, the shell
command CMD runs before each GET of a .crl file: it issues the CRL afresh,
so its thisUpdate is the time it was fetched, as a CA that publishes
often gives a verifier data issued after a signature.  With the --ocsp options a
POST of application/ocsp-request is answered by `openssl ocsp` acting as
the CA's responder on its `openssl ca` database (read again for every
request, so a revocation shows at once), signed with the CA's own key,
as application/ocsp-response.

With --port 0 the kernel picks the port (another port lets a test start
the server again where it was); the port is printed on stdout as the first
line (and flushed) once the server listens.  Exits by itself after
--lifetime seconds, and at once on SIGTERM or SIGINT.
"""
import argparse
import functools
import http.server
import os
import signal
import subprocess
import sys
import tempfile
import threading

ARGS = None


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      '.crl': 'application/pkix-crl'}

    def log_message(self, *args):
        pass

    def do_GET(self):
        if ARGS.crl_cmd and self.path.endswith('.crl'):
            if subprocess.run(ARGS.crl_cmd, shell=True, capture_output=True).returncode != 0:
                self.send_error(500)
                return
        super().do_GET()

    def do_POST(self):
        n = int(self.headers.get('Content-Length') or 0)
        body = self.rfile.read(n)
        if not ARGS.ocsp_index or \
                self.headers.get('Content-Type') != 'application/ocsp-request':
            self.send_error(400)
            return
        with tempfile.TemporaryDirectory() as d:
            req, resp = os.path.join(d, 'req.der'), os.path.join(d, 'resp.der')
            with open(req, 'wb') as f:
                f.write(body)
            r = subprocess.run(['openssl', 'ocsp', '-index', ARGS.ocsp_index,
                                '-CA', ARGS.ocsp_ca, '-rsigner', ARGS.ocsp_ca,
                                '-rkey', ARGS.ocsp_key, '-reqin', req, '-respout', resp,
                                '-nmin', '60'], capture_output=True)
            if r.returncode != 0 or not os.path.exists(resp):
                self.send_error(500)
                return
            with open(resp, 'rb') as f:
                data = f.read()
        self.send_response(200)
        self.send_header('Content-Type', 'application/ocsp-response')
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def main():
    global ARGS
    ap = argparse.ArgumentParser()
    ap.add_argument('--dir', required=True)
    ap.add_argument('--port', type=int, default=0)
    ap.add_argument('--lifetime', type=float, default=600)
    ap.add_argument('--crl-cmd')
    ap.add_argument('--ocsp-index')
    ap.add_argument('--ocsp-ca')
    ap.add_argument('--ocsp-key')
    ARGS = ap.parse_args()
    http.server.HTTPServer.allow_reuse_address = True
    srv = http.server.HTTPServer(('127.0.0.1', ARGS.port),
                                 functools.partial(Handler, directory=ARGS.dir))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    timer = threading.Timer(ARGS.lifetime, srv.shutdown)
    timer.daemon = True
    timer.start()
    print(srv.server_address[1], flush=True)
    try:
        srv.serve_forever()
    except (KeyboardInterrupt, SystemExit):
        pass
    sys.exit(0)


if __name__ == '__main__':
    main()
