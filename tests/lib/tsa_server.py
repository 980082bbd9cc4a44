#!/usr/bin/env python3
"""tsa_server.py - a tiny RFC 3161 time-stamp authority for tests.

    tsa_server.py --dir WORKDIR [--port 0] [--ca ca.pem --ca-key ca.key]
                  [--lifetime 600] [--not-after EPOCH]
                  [--bad-imprint | --bad-nonce | --reject
                  | --http-status N] [--delay SECONDS] [--verbose]

One process (the standard library's http.server, one request at a time)
bound to 127.0.0.1.  A POST with Content-Type application/timestamp-query
is answered by `openssl ts -reply` and sent back as
application/timestamp-reply.  With --port 0 the kernel picks the port; the
port is always printed on stdout as the first line (and flushed) once the
server listens, so a caller can read it and connect at once.

At start-up WORKDIR gets everything the TSA needs (nothing is read from
tests/fixtures):
    tsa.cnf         openssl config: [req] and certificate profiles, [tsa]
    tsa.key         the TSA's EC P-256 key
    tsa.pem         its certificate: critical extendedKeyUsage timeStamping,
                    valid for 30 days (with --not-after, from a day ago
                    until that Unix time: a TSA whose certificate expires
                    while a test runs), issued by --ca/--ca-key, or else by
    tsa-ca.pem/.key a CA made here (copy tsa-ca.pem into a trust store)
    tsa-chain.pem   tsa.pem followed by the CA certificate (for callers;
                    tokens carry both, as certReq asks)
    tsa.serial      the token serial counter

Modes for negative tests:
    --bad-imprint   the token is for a different hash (one bit flipped)
    --bad-nonce     the token carries a different nonce
    --reject        every request gets PKIStatus rejection (failInfo
                    badRequest) with the text "rejected by tsa_server.py
                    --reject", and no token
    --http-status N every POST gets HTTP status N and a text body
    --delay S       sleep S seconds before answering (timeouts)
The URL path can choose a mode for one request instead, so that one server
serves every case: /bad-imprint, /bad-nonce, /reject, /status/N,
/slow/SECONDS (a delay), /wrong-type (a token sent as text/plain); any
other path uses the command-line mode.

It exits by itself after --lifetime seconds (default 600), and at once on
SIGTERM or SIGINT.  Exit status 0; 2 for bad arguments or a failed set-up.
"""

import argparse
import http.server
import os
import secrets
import signal
import subprocess
import sys
import time

CNF = """\
# Written by tsa_server.py; used by `openssl req/x509/ts`.
[req]
distinguished_name = req_dn
prompt = no
utf8 = yes
string_mask = utf8only

[req_dn]
CN = unused

[v3_ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always

[v3_tsa]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = critical, timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid, issuer

[tsa_ca]
# `openssl ca` for a certificate with exact dates (--not-after)
database = {dir}/ca-index.txt
serial = {dir}/ca.serial
new_certs_dir = {dir}
default_md = sha256
policy = tsa_policy
unique_subject = no
email_in_dn = no
preserve = yes

[tsa_policy]
countryName = optional
organizationName = optional
commonName = supplied

[tsa]
default_tsa = tsa_config

[tsa_config]
dir = {dir}
serial = $dir/tsa.serial
crypto_device = builtin
signer_cert = $dir/tsa.pem
# the certificates sent besides the signer's (and listed in its ESS
# attribute when ess_cert_id_chain = yes): the issuing CA only
certs = {ca}
signer_key = $dir/tsa.key
signer_digest = sha256
default_policy = 1.3.6.1.4.1.99999.3161.1
other_policies = 1.3.6.1.4.1.99999.3161.2
digests = sha256, sha384, sha512
accuracy = secs:1
clock_precision_digits = 3
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
"""

REJECT_TEXT = "rejected by tsa_server.py --reject"
MAX_QUERY = 64 * 1024


def die(msg):
    sys.stderr.write("tsa_server.py: %s\n" % msg)
    sys.exit(2)


def openssl(*args):
    """Runs openssl directly (no shell); raises with its stderr on failure."""
    r = subprocess.run(("openssl",) + args, stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if r.returncode != 0:
        raise RuntimeError("openssl %s: %s" %
                           (args[0], r.stderr.decode(errors="replace").strip()))
    return r.stdout


def ec_key(path):
    openssl("genpkey", "-algorithm", "EC", "-pkeyopt",
            "ec_paramgen_curve:P-256", "-out", path)


def set_up(args):
    """Writes the config, the CA (unless given) and the TSA certificate."""
    d = args.dir
    os.makedirs(d, exist_ok=True)
    cnf = os.path.join(d, "tsa.cnf")
    if args.ca:
        ca, ca_key = os.path.abspath(args.ca), os.path.abspath(args.ca_key)
    else:
        ca = os.path.join(d, "tsa-ca.pem")
        ca_key = os.path.join(d, "tsa-ca.key")
    with open(cnf, "w", encoding="utf-8") as f:
        f.write(CNF.format(dir=d, ca=ca))
    with open(os.path.join(d, "tsa.serial"), "w") as f:
        f.write("01\n")
    if not args.ca:
        ec_key(ca_key)
        openssl("req", "-config", cnf, "-new", "-x509", "-key", ca_key,
                "-out", ca, "-days", "30", "-extensions", "v3_ca",
                "-subj", "/C=SE/O=Överens test/CN=Överens Test-TSA-CA")
    key = os.path.join(d, "tsa.key")
    csr = os.path.join(d, "tsa.csr")
    pem = os.path.join(d, "tsa.pem")
    ec_key(key)
    openssl("req", "-config", cnf, "-new", "-key", key, "-out", csr,
            "-subj", "/C=SE/O=Överens test/CN=Överens Test-TSA")
    if args.not_after:
        stamp = "%Y%m%d%H%M%SZ"
        with open(os.path.join(d, "ca-index.txt"), "w"):
            pass
        with open(os.path.join(d, "ca.serial"), "w") as f:
            f.write(secrets.token_hex(8) + "\n")
        openssl("ca", "-batch", "-config", cnf, "-name", "tsa_ca", "-cert", ca,
                "-keyfile", ca_key, "-in", csr, "-out", pem, "-notext",
                "-utf8",
                "-startdate", time.strftime(stamp, time.gmtime(time.time() - 86400)),
                "-enddate", time.strftime(stamp, time.gmtime(args.not_after)),
                "-extfile", cnf, "-extensions", "v3_tsa")
    else:
        openssl("x509", "-req", "-in", csr, "-CA", ca, "-CAkey", ca_key,
                "-set_serial", "0x" + secrets.token_hex(8), "-days", "30",
                "-extfile", cnf, "-extensions", "v3_tsa", "-out", pem)
    os.unlink(csr)
    with open(os.path.join(d, "tsa-chain.pem"), "wb") as out:
        for p in (pem, ca):
            with open(p, "rb") as f:
                out.write(f.read())
    return cnf, ca


# --- a little DER, enough to find fields of a TimeStampReq ----------------

def der_tlv(b, i):
    """(tag, start of value, end of value) of the TLV at b[i]."""
    tag = b[i]
    n = b[i + 1]
    i += 2
    if n & 0x80:
        k = n & 0x7F
        if k == 0 or k > 4:
            raise ValueError("unsupported DER length")
        n = int.from_bytes(b[i:i + k], "big")
        i += k
    if i + n > len(b):
        raise ValueError("truncated DER")
    return tag, i, i + n


def query_fields(q):
    """Offsets of the hashedMessage value and of the nonce value (or None)
    in a DER TimeStampReq."""
    tag, i, end = der_tlv(q, 0)              # TimeStampReq SEQUENCE
    if tag != 0x30:
        raise ValueError("not a SEQUENCE")
    _, _, i = der_tlv(q, i)                  # version INTEGER
    tag, mi, mend = der_tlv(q, i)            # messageImprint SEQUENCE
    _, _, j = der_tlv(q, mi)                 # hashAlgorithm
    tag, hs, he = der_tlv(q, j)              # hashedMessage OCTET STRING
    if tag != 0x04 or he <= hs:
        raise ValueError("no hashedMessage")
    nonce = None
    i = mend
    while i < end:
        tag, vs, ve = der_tlv(q, i)
        if tag == 0x02:                      # nonce INTEGER
            nonce = (vs, ve)
        i = ve
    return (hs, he), nonce


def rejection():
    """A TimeStampResp with status rejection, a text and failInfo
    badRequest (bit 2), and no token."""
    text = REJECT_TEXT.encode()
    utf8 = bytes([0x0C, len(text)]) + text
    free_text = bytes([0x30, len(utf8)]) + utf8
    body = bytes([0x02, 0x01, 0x02]) + free_text + bytes([0x03, 0x02, 0x05, 0x20])
    status = bytes([0x30, len(body)]) + body
    return bytes([0x30, len(status)]) + status


class Handler(http.server.BaseHTTPRequestHandler):
    server_version = "tsa_server.py"
    protocol_version = "HTTP/1.0"

    def log_message(self, fmt, *a):
        if self.server.opts.verbose:
            sys.stderr.write("tsa_server.py: " + (fmt % a) + "\n")

    def answer(self, code, ctype, body):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self.answer(405, "text/plain", b"POST application/timestamp-query\n")

    def mode(self):
        """(mode, argument) for this request: from the path, else from the
        command line."""
        parts = self.path.split("?")[0].strip("/").split("/")
        if parts[0] in ("bad-imprint", "bad-nonce", "reject", "wrong-type"):
            return parts[0], None
        try:
            if parts[0] == "status" and len(parts) == 2:
                return "status", int(parts[1])
            if parts[0] == "slow" and len(parts) == 2:
                return "slow", float(parts[1])
        except ValueError:
            pass
        o = self.server.opts
        if o.bad_imprint:
            return "bad-imprint", None
        if o.bad_nonce:
            return "bad-nonce", None
        if o.reject:
            return "reject", None
        if o.http_status:
            return "status", o.http_status
        return "normal", None

    def do_POST(self):
        opts = self.server.opts
        mode, arg = self.mode()
        ctype = self.headers.get("Content-Type", "").split(";")[0].strip()
        if ctype.lower() != "application/timestamp-query":
            self.answer(415, "text/plain", b"expected application/timestamp-query\n")
            return
        try:
            n = int(self.headers.get("Content-Length", "-1"))
        except ValueError:
            n = -1
        if n < 0 or n > MAX_QUERY:
            self.answer(400, "text/plain", b"bad Content-Length\n")
            return
        query = bytearray(self.rfile.read(n))
        delay = arg if mode == "slow" else opts.delay
        if delay:
            time.sleep(delay)
        if mode == "status":
            self.answer(arg, "text/plain", b"tsa_server.py --http-status\n")
            return
        if mode == "reject":
            self.answer(200, "application/timestamp-reply", rejection())
            return
        try:
            (hs, _), nonce = query_fields(query)
            if mode == "bad-imprint":
                query[hs] ^= 0x01
            if mode == "bad-nonce" and nonce:
                query[nonce[1] - 1] ^= 0x01
        except (ValueError, IndexError) as e:
            self.answer(400, "text/plain", ("bad query: %s\n" % e).encode())
            return
        self.server.count += 1
        base = os.path.join(opts.dir, "q%d" % self.server.count)
        try:
            with open(base + ".tsq", "wb") as f:
                f.write(query)
            openssl("ts", "-reply", "-config", self.server.cnf,
                    "-section", "tsa_config", "-queryfile", base + ".tsq",
                    "-signer", os.path.join(opts.dir, "tsa.pem"),
                    "-inkey", os.path.join(opts.dir, "tsa.key"),
                    "-chain", self.server.ca, "-out", base + ".tsr")
            with open(base + ".tsr", "rb") as f:
                reply = f.read()
        except (OSError, RuntimeError) as e:
            sys.stderr.write("tsa_server.py: %s\n" % e)
            self.answer(500, "text/plain", b"openssl ts -reply failed\n")
            return
        finally:
            for ext in (".tsq", ".tsr"):
                try:
                    os.unlink(base + ext)
                except OSError:
                    pass
        ctype = "text/plain" if mode == "wrong-type" else "application/timestamp-reply"
        self.answer(200, ctype, reply)


class Server(http.server.HTTPServer):
    def handle_error(self, request, client_address):
        # A client that gave up (timeout tests) is no error worth a trace.
        if self.opts.verbose:
            super().handle_error(request, client_address)


def main():
    p = argparse.ArgumentParser(description="A test RFC 3161 TSA.")
    p.add_argument("--dir", required=True, help="work folder (created)")
    p.add_argument("--port", type=int, default=0, help="0: pick one")
    p.add_argument("--ca", help="issuing CA certificate (PEM)")
    p.add_argument("--ca-key", help="its private key (PEM)")
    p.add_argument("--lifetime", type=float, default=600.0)
    p.add_argument("--not-after", type=int, default=0,
                   help="the TSA certificate expires at this Unix time")
    p.add_argument("--delay", type=float, default=0.0)
    p.add_argument("--verbose", action="store_true")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--bad-imprint", action="store_true")
    mode.add_argument("--bad-nonce", action="store_true")
    mode.add_argument("--reject", action="store_true")
    mode.add_argument("--http-status", type=int, default=0)
    opts = p.parse_args()
    if bool(opts.ca) != bool(opts.ca_key):
        die("--ca and --ca-key go together")
    if opts.http_status and not 100 <= opts.http_status <= 599:
        die("--http-status must be 100..599")
    if opts.lifetime <= 0:
        die("--lifetime must be positive")
    if opts.not_after and opts.not_after <= time.time():
        die("--not-after must be in the future")
    opts.dir = os.path.abspath(opts.dir)

    stop = []
    deadline = time.monotonic() + opts.lifetime

    def on_signal(signum, frame):
        stop.append(signum)
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    try:
        cnf, ca = set_up(opts)
    except (OSError, RuntimeError) as e:
        die("set-up failed: %s" % e)
    try:
        srv = Server(("127.0.0.1", opts.port), Handler)
    except OSError as e:
        die("cannot listen on 127.0.0.1:%d: %s" % (opts.port, e))
    srv.opts, srv.cnf, srv.ca, srv.count = opts, cnf, ca, 0
    srv.timeout = 0.2
    sys.stdout.write("%d\n" % srv.server_address[1])
    sys.stdout.flush()
    with srv:
        while not stop and time.monotonic() < deadline:
            srv.handle_request()
    return 0


if __name__ == "__main__":
    sys.exit(main())
