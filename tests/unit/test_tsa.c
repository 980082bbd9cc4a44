/*
 * test_tsa.c - the RFC 3161 client and token verifier (engine/signing/tsa.c)
 * against a real TSA: tests/lib/tsa_server.py (python3 running
 * `openssl ts -reply`) on an ephemeral port of 127.0.0.1.  Nothing else
 * on the network is used.
 *
 * Two servers are started by the first test, each in its own folder under
 * $TMPDIR, each making its own CA: "main" (normal; URL paths choose the
 * negative modes for one request: /bad-imprint, /bad-nonce, /reject,
 * /status/N, /wrong-type, /slow/S) and "reject" (--reject; its CA also
 * serves as a CA this test does not trust).  Each is the python process
 * itself (fork + exec, no shell), so the pid we hold is the server's.  The
 * last test, and an atexit handler for every earlier way out, send it
 * SIGTERM and waitpid() it (SIGKILL after 5 s).  Should this process die
 * without either, the server follows it (PR_SET_PDEATHSIG) or stops after
 * its --lifetime.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "overens/lazy_crypto.h"

#include "ovtest.h"
#include "ovtest_shell.h"
#include "overens/buf.h"
#include "engine/signing/tsa.h"

#define TSA_SERVER OV_SOURCE_DIR "/tests/lib/tsa_server.py"

typedef struct tsa_srv {
	pid_t pid;          /* the python process, 0 when not running */
	int fd;             /* read end of its stdout until the port is read */
	int port;
	char dir[512];
	char url[64];
} tsa_srv;

static tsa_srv srv_main = { 0, -1, 0, "", "" };
static tsa_srv srv_reject = { 0, -1, 0, "", "" };
static X509_STORE *trust;   /* main's CA */
static X509_STORE *other;   /* reject's CA */
static X509_STORE *empty;
static ov_buf token = OV_BUF_INIT;   /* a good token from main over payload */
static ov_tsa_info info;
static unsigned char payload[256];   /* stands in for a signature value */

/* ------------------------------------------------------------------ */
/* Servers                                                             */

static int start_server(tsa_srv *s, const char *name, const char *flag)
{
	pid_t parent = getpid();
	int fds[2];

	snprintf(s->dir, sizeof(s->dir), "%s/tsa-%ld-%s", tmpdir(),
		 (long)parent, name);
	if (pipe(fds) < 0)
		return -1;
	s->pid = fork();
	if (s->pid < 0) {
		s->pid = 0;
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (s->pid == 0) {
		close(fds[0]);
		if (dup2(fds[1], STDOUT_FILENO) < 0)
			_exit(126);
		close(fds[1]);
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		if (getppid() != parent)
			_exit(125);
		execlp("python3", "python3", TSA_SERVER, "--dir", s->dir,
		       "--port", "0", "--lifetime", "300", flag, (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	s->fd = fds[0];
	return 0;
}

/* Reads the port line (30 s at most); fills s->url. */
static int server_port(tsa_srv *s)
{
	char line[32];
	size_t n = 0;
	ssize_t r;
	struct pollfd p;

	while (n < sizeof(line) - 1 && !memchr(line, '\n', n)) {
		p.fd = s->fd;
		p.events = POLLIN;
		if (poll(&p, 1, 30000) <= 0)
			break;
		r = read(s->fd, line + n, sizeof(line) - 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	line[n] = '\0';
	close(s->fd);
	s->fd = -1;
	s->port = atoi(line);
	if (s->port <= 0 || s->port > 65535)
		return -1;
	snprintf(s->url, sizeof(s->url), "http://127.0.0.1:%d", s->port);
	return 0;
}

static void stop_server(tsa_srv *s)
{
	int i;

	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
	if (s->pid <= 0)
		return;
	kill(s->pid, SIGTERM);
	for (i = 0; i < 50; i++) {
		pid_t r = waitpid(s->pid, NULL, WNOHANG);

		if (r == s->pid || (r < 0 && errno != EINTR))
			break;
		usleep(100 * 1000);
	}
	if (i == 50) {
		kill(s->pid, SIGKILL);
		while (waitpid(s->pid, NULL, 0) < 0 && errno == EINTR)
			;
	}
	s->pid = 0;
}

static void stop_all(void)
{
	stop_server(&srv_main);
	stop_server(&srv_reject);
}

static X509_STORE *store_with(const char *dir)
{
	X509_STORE *st = X509_STORE_new();
	char path[600];

	snprintf(path, sizeof(path), "%s/tsa-ca.pem", dir);
	if (st && X509_STORE_load_file(st, path) != 1) {
		X509_STORE_free(st);
		st = NULL;
	}
	return st;
}

static int verify(const void *tok, size_t tlen, const void *data, size_t len,
		  X509_STORE *store)
{
	ov_tsa_info_dispose(&info);
	return ov_tsa_verify(&info, tok, tlen, data, len, store);
}

/* The engine's last message; printed too when OVT_VERBOSE is set. */
static const char *last_message(void)
{
	const ov_error *e = ov_error_last();

	if (getenv("OVT_VERBOSE"))
		fprintf(stderr, "  [%s]\n", e ? e->message : "");
	return e ? e->message : "";
}

static int write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	int ok = f && fwrite(data, 1, len, f) == len;

	if (f && fclose(f))
		ok = 0;
	return ok ? 0 : -1;
}

/* ------------------------------------------------------------------ */
/* Tests                                                               */

TEST(start_servers)
{
	size_t i;

	for (i = 0; i < sizeof(payload); i++)
		payload[i] = (unsigned char)(i * 7 + 3);
	atexit(stop_all);
	CHECK(start_server(&srv_main, "main", NULL) == 0);
	CHECK(start_server(&srv_reject, "reject", "--reject") == 0);
	CHECK(server_port(&srv_main) == 0);
	CHECK(server_port(&srv_reject) == 0);
	CHECK((trust = store_with(srv_main.dir)) != NULL);
	CHECK((other = store_with(srv_reject.dir)) != NULL);
	CHECK((empty = X509_STORE_new()) != NULL);
}

TEST(request_and_verify)
{
	ov_buf second = OV_BUF_INIT, out = OV_BUF_INIT;
	char iso[32], *serial1 = NULL;
	struct tm tm;
	time_t t;
	char tokpath[600], datapath[600];
	int rc;

	CHECK(srv_main.port > 0);
	CHECK_OK(ov_tsa_request(&token, srv_main.url, payload, sizeof(payload),
				20000));
	CHECK(token.size > 200 && (unsigned char)token.ptr[0] == 0x30);

	CHECK_OK(verify(token.ptr, token.size, payload, sizeof(payload), trust));
	CHECK(llabs(info.gen_time - (long long)time(NULL)) <= 60);
	t = (time_t)info.gen_time;
	gmtime_r(&t, &tm);
	strftime(iso, sizeof(iso), "%Y-%m-%dT%H:%M:%SZ", &tm);
	CHECK_STR(info.gen_time_iso, iso);
	CHECK_CONTAINS(info.tsa_name, "CN = Överens Test-TSA");
	CHECK_CONTAINS(info.tsa_name, "O = Överens test");
	CHECK_STR(info.policy, "1.3.6.1.4.1.99999.3161.1");
	CHECK(info.serial && *info.serial);

	/* OpenSSL's own tool agrees. */
	snprintf(tokpath, sizeof(tokpath), "%s/token.der", srv_main.dir);
	snprintf(datapath, sizeof(datapath), "%s/payload.bin", srv_main.dir);
	CHECK(write_file(tokpath, token.ptr, token.size) == 0);
	CHECK(write_file(datapath, payload, sizeof(payload)) == 0);
	rc = run(&out, "openssl ts -verify -token_in -in '%s' -data '%s' "
		 "-CAfile '%s/tsa-ca.pem'", tokpath, datapath, srv_main.dir);
	ov_buf_dispose(&out);
	CHECK_INT(rc, 0);

	/* A second token: its own serial, appended after what `out` held. */
	serial1 = strdup(info.serial);
	CHECK(serial1 != NULL);
	rc = ov_buf_puts(&second, "prefix") < 0 ? -1 :
		ov_tsa_request(&second, srv_main.url, payload, sizeof(payload),
			       20000);
	if (rc == 0)
		rc = verify(second.ptr + 6, second.size - 6, payload,
			    sizeof(payload), trust);
	if (rc == 0 && (memcmp(second.ptr, "prefix", 6) ||
			!strcmp(serial1, info.serial)))
		rc = 1;
	free(serial1);
	ov_buf_dispose(&second);
	CHECK_INT(rc, 0);
}

TEST(verify_other_data)
{
	static const char other_data[] = "some other signature value";

	CHECK(token.size > 0);
	CHECK_ERR(verify(token.ptr, token.size, other_data,
			 sizeof(other_data) - 1, trust), OV_EVERIFY);
	CHECK_CONTAINS(last_message(), "message imprint is not the hash");
	/* what the token claims is there for a report */
	CHECK(info.gen_time > 0);
	CHECK_CONTAINS(info.tsa_name, "Test-TSA");
	CHECK(info.serial && info.policy && info.gen_time_iso);
	CHECK_ERR(verify(token.ptr, token.size, payload, sizeof(payload) - 1,
			 trust), OV_EVERIFY);
}

TEST(verify_untrusted)
{
	CHECK(token.size > 0);
	CHECK_ERR(verify(token.ptr, token.size, payload, sizeof(payload), empty),
		  OV_EVERIFY);
	CHECK_CONTAINS(last_message(), "TSA certificate chain at ");
	CHECK_CONTAINS(info.tsa_name, "Test-TSA");
	CHECK_ERR(verify(token.ptr, token.size, payload, sizeof(payload), other),
		  OV_EVERIFY);
	CHECK_CONTAINS(last_message(), "certificate chain");
}

TEST(verify_truncated_and_garbage)
{
	size_t cuts[5], i;
	ov_buf longer = OV_BUF_INIT;
	int rc;

	CHECK(token.size > 10);
	cuts[0] = 1;
	cuts[1] = 2;
	cuts[2] = 10;
	cuts[3] = token.size / 2;
	cuts[4] = token.size - 1;
	for (i = 0; i < 5; i++) {
		rc = verify(token.ptr, cuts[i], payload, sizeof(payload), trust);
		if (rc != OV_EINVALID)
			OVT_FAIL("cut at %zu: %d, expected OV_EINVALID", cuts[i], rc);
	}
	CHECK_CONTAINS(last_message(), "time-stamp token: not a DER CMS");
	CHECK_ERR(verify("hello", 5, payload, sizeof(payload), trust), OV_EINVALID);
	CHECK_ERR(verify(NULL, 0, payload, sizeof(payload), trust), OV_EINVALID);
	CHECK_ERR(verify(token.ptr, token.size, payload, sizeof(payload), NULL),
		  OV_EINVALID);

	rc = ov_buf_put(&longer, token.ptr, token.size) < 0 ? -1 :
		ov_buf_putc(&longer, 0);
	if (rc == 0)
		rc = verify(longer.ptr, longer.size, payload, sizeof(payload),
			    trust);
	ov_buf_dispose(&longer);
	CHECK_ERR(rc, OV_EINVALID);
	CHECK_CONTAINS(last_message(), "trailing bytes");

	/* a CMS SignedData that is no time-stamp token: a PKCS#7 degenerate
	 * certificate bag would do, but the empty SEQUENCE is enough */
	CHECK_ERR(verify("\x30\x00", 2, payload, sizeof(payload), trust),
		  OV_EINVALID);
}

TEST(verify_tampered)
{
	unsigned char digest[32];
	unsigned int dlen = 0;
	ov_buf copy = OV_BUF_INIT;
	char *hit;
	size_t i, bad = 0, refused = 0;
	int rc;

	CHECK(token.size > 0);
	/* a flipped bit in the signed TSTInfo (in the imprint itself): the
	 * signature check, which comes first, catches it */
	CHECK(EVP_Digest(payload, sizeof(payload), digest, &dlen, EVP_sha256(),
			 NULL) == 1);
	CHECK(ov_buf_put(&copy, token.ptr, token.size) == 0);
	for (hit = NULL, i = 0; !hit && i + dlen <= copy.size; i++)
		if (!memcmp(copy.ptr + i, digest, dlen))
			hit = copy.ptr + i;
	if (!hit) {
		ov_buf_dispose(&copy);
		OVT_FAIL("imprint not found in the token");
	}
	hit[5] ^= 0x01;
	rc = verify(copy.ptr, copy.size, payload, sizeof(payload), trust);
	if (rc != OV_EVERIFY || !strstr(last_message(), "signature does not verify")) {
		ov_buf_dispose(&copy);
		OVT_FAIL("flipped imprint: %d", rc);
	}

	/* every 5th byte flipped in turn: never a crash or a leak, and only
	 * the three documented results */
	for (i = 0; i < token.size; i += 5) {
		memcpy(copy.ptr, token.ptr, token.size);
		copy.ptr[i] ^= 0x5a;
		rc = verify(copy.ptr, copy.size, payload, sizeof(payload), trust);
		if (rc != 0 && rc != OV_EINVALID && rc != OV_EVERIFY)
			bad++;
		if (rc != 0)
			refused++;
	}
	ov_buf_dispose(&copy);
	CHECK_INT(bad, 0);
	CHECK(refused > token.size / 5 / 2);
}

/* SHA-384 and SHA-512 tokens made with `openssl ts` from main's set-up. */
TEST(verify_other_hashes)
{
	static const char *const algs[] = { "sha384", "sha512" };
	ov_buf tok = OV_BUF_INIT;
	char data[600];
	size_t i;
	int rc = 0;

	CHECK(srv_main.port > 0);
	snprintf(data, sizeof(data), "%s/payload.bin", srv_main.dir);
	CHECK(write_file(data, payload, sizeof(payload)) == 0);
	for (i = 0; i < 2 && rc == 0; i++) {
		rc = run(NULL, "(cd '%s' && openssl ts -query -data payload.bin "
			 "-%s -cert -out h.tsq && openssl ts -reply -config "
			 "tsa.cnf -section tsa_config -queryfile h.tsq "
			 "-token_out -out h.tok)", srv_main.dir, algs[i]);
		if (rc != 0) {
			rc = 100 + (int)i;
			break;
		}
		snprintf(data, sizeof(data), "%s/h.tok", srv_main.dir);
		ov_buf_clear(&tok);
		rc = ov_buf_read_file(&tok, data);
		if (rc == 0)
			rc = verify(tok.ptr, tok.size, payload, sizeof(payload),
				    trust);
		if (rc == 0 && verify(tok.ptr, tok.size, payload, 10, trust) !=
		    OV_EVERIFY)
			rc = 200 + (int)i;
	}
	ov_buf_dispose(&tok);
	CHECK_INT(rc, 0);
}

/* Main's TSA certificate, changed by `tweak` and signed again by main's
 * CA (same subject, serial and key); NULL on failure. */
static X509 *reissue_tsa(int (*tweak)(X509 *))
{
	char path[600];
	X509 *cert = NULL;
	EVP_PKEY *ca_key = NULL;
	BIO *bio;

	snprintf(path, sizeof(path), "%s/tsa.pem", srv_main.dir);
	if ((bio = BIO_new_file(path, "r"))) {
		cert = PEM_read_bio_X509(bio, NULL, NULL, NULL);
		BIO_free(bio);
	}
	snprintf(path, sizeof(path), "%s/tsa-ca.key", srv_main.dir);
	if ((bio = BIO_new_file(path, "r"))) {
		ca_key = PEM_read_bio_PrivateKey(bio, NULL, NULL, NULL);
		BIO_free(bio);
	}
	if (!cert || !ca_key || !tweak(cert) ||
	    !X509_sign(cert, ca_key, EVP_sha256())) {
		X509_free(cert);
		cert = NULL;
	}
	EVP_PKEY_free(ca_key);
	return cert;
}

static int expire_in_2s(X509 *c)
{
	return X509_gmtime_adj(X509_getm_notAfter(c), 2) != NULL;
}

static int no_change(X509 *c)
{
	(void)c;
	return 1;
}

static int eku_not_critical(X509 *c)
{
	int i = X509_get_ext_by_NID(c, NID_ext_key_usage, -1);

	return i >= 0 && X509_EXTENSION_set_critical(X509_get_ext(c, i), 0);
}

static int eku_removed(X509 *c)
{
	int i = X509_get_ext_by_NID(c, NID_ext_key_usage, -1);

	X509_EXTENSION_free(i >= 0 ? X509_delete_ext(c, i) : NULL);
	return i >= 0;
}

static int eku_also_server(X509 *c)
{
	X509_EXTENSION *e;
	int ok;

	if (!eku_removed(c) ||
	    !(e = X509V3_EXT_conf_nid(NULL, NULL, NID_ext_key_usage,
				      "critical,timeStamping,serverAuth")))
		return 0;
	ok = X509_add_ext(c, e, -1);
	X509_EXTENSION_free(e);
	return ok;
}

/* The good token with the TSA certificate inside swapped for `cert`. */
static int swap_cert(ov_buf *out, X509 *cert)
{
	const unsigned char *p = (const unsigned char *)token.ptr;
	unsigned char *der = NULL;
	PKCS7 *p7 = d2i_PKCS7(NULL, &p, (long)token.size);
	STACK_OF(X509) *certs;
	int i, n = -1;

	if (!p7 || !PKCS7_type_is_signed(p7))
		goto done;
	certs = p7->d.sign->cert;
	for (i = 0; i < sk_X509_num(certs); i++) {
		X509 *old = sk_X509_value(certs, i);

		if (!X509_NAME_cmp(X509_get_subject_name(old),
				   X509_get_subject_name(cert)) &&
		    X509_up_ref(cert)) {
			sk_X509_set(certs, i, cert);
			X509_free(old);
			n = i2d_PKCS7(p7, &der);
			break;
		}
	}
	if (n > 0 && ov_buf_put(out, der, (size_t)n) < 0)
		n = -1;
done:
	OPENSSL_free(der);
	PKCS7_free(p7);
	return n > 0 ? 0 : -1;
}

/* RFC 3161 2.3 on the TSA certificate, and the ESS binding to it. */
TEST(verify_tsa_certificate)
{
	static const struct {
		int (*tweak)(X509 *);
		const char *text;
	} cases[] = {
		{ eku_not_critical, "extended key usage is not critical" },
		{ eku_removed, "has no extended key usage timeStamping" },
		{ eku_also_server, "extended key usage must be timeStamping only" },
		/* the same certificate signed again: only the ESS
		 * signing-certificate hash tells it from the real one */
		{ no_change, "signature does not verify" },
	};
	ov_buf tok = OV_BUF_INIT;
	size_t i;
	X509 *c;
	int rc;

	CHECK(token.size > 0);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ov_buf_clear(&tok);
		rc = -100;
		if ((c = reissue_tsa(cases[i].tweak)) && swap_cert(&tok, c) == 0)
			rc = verify(tok.ptr, tok.size, payload, sizeof(payload),
				    trust);
		X509_free(c);
		if (rc != OV_EVERIFY || !strstr(last_message(), cases[i].text)) {
			ov_buf_dispose(&tok);
			OVT_FAIL("case %zu: %d [%s]", i, rc, last_message());
		}
	}
	ov_buf_dispose(&tok);
}

/* A token whose TSA certificate expired after genTime still verifies: the
 * chain is checked at genTime.  Made with `openssl ts -reply` and main's
 * certificate re-issued to expire 2 s from now. */
TEST(verify_after_expiry)
{
	char path[600];
	X509 *cert = NULL;
	BIO *bio = NULL;
	ov_buf tok = OV_BUF_INIT, out = OV_BUF_INIT;
	int rc = -1, cli;

	CHECK(srv_main.port > 0);
	snprintf(path, sizeof(path), "%s/short.pem", srv_main.dir);
	if (!(cert = reissue_tsa(expire_in_2s)) ||
	    !(bio = BIO_new_file(path, "w")) || !PEM_write_bio_X509(bio, cert) ||
	    BIO_flush(bio) != 1)
		goto done;
	if (run(NULL, "(cd '%s' && openssl ts -query -data payload.bin -sha256 "
		"-cert -out s.tsq && openssl ts -reply -config tsa.cnf -section "
		"tsa_config -queryfile s.tsq -signer short.pem -inkey tsa.key "
		"-chain tsa-ca.pem -token_out -out s.tok)", srv_main.dir) != 0)
		goto done;
	snprintf(path, sizeof(path), "%s/s.tok", srv_main.dir);
	if (ov_buf_read_file(&tok, path) < 0)
		goto done;
	sleep(3);
	rc = verify(tok.ptr, tok.size, payload, sizeof(payload), trust);
done:
	BIO_free(bio);
	X509_free(cert);
	ov_buf_dispose(&tok);
	CHECK_INT(rc, 0);
	/* while OpenSSL's tool, checking at the current time, refuses it */
	cli = run(&out, "cd '%s' && openssl ts -verify -token_in -in s.tok "
		  "-data payload.bin -CAfile tsa-ca.pem", srv_main.dir);
	ov_buf_dispose(&out);
	CHECK(cli != 0);
}

TEST(request_refused)
{
	struct sockaddr_in a;
	socklen_t alen = sizeof(a);
	ov_buf out = OV_BUF_INIT;
	char url[64], where[128];
	int s, port, rc;

	/* a port that was free a moment ago and has no listener */
	CHECK((s = socket(AF_INET, SOCK_STREAM, 0)) >= 0);
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	rc = bind(s, (struct sockaddr *)&a, sizeof(a)) == 0 &&
		getsockname(s, (struct sockaddr *)&a, &alen) == 0;
	close(s);
	CHECK(rc);
	port = ntohs(a.sin_port);
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/tsa", port);
	snprintf(where, sizeof(where), "TSA %s: connection refused", url);
	rc = ov_tsa_request(&out, url, payload, sizeof(payload), 5000);
	ov_buf_dispose(&out);
	CHECK_ERR(rc, OV_ERROR);
	CHECK_STR(last_message(), where);
}

TEST(request_rejected)
{
	ov_buf out = OV_BUF_INIT;
	int rc;

	CHECK(srv_reject.port > 0);
	rc = ov_tsa_request(&out, srv_reject.url, payload, sizeof(payload), 20000);
	CHECK_ERR(rc, OV_ERROR);
	CHECK_INT(out.size, 0);
	CHECK_CONTAINS(last_message(), srv_reject.url);
	CHECK_CONTAINS(last_message(), "refused the request: status rejection "
		       "(badRequest): \"rejected by tsa_server.py --reject\"");
}

/* One case of request_bad_answers: `path` on main gives `code` and a
 * message containing `text`, and leaves `out` alone. */
static int bad_answer(const char *path, int code, const char *text)
{
	ov_buf out = OV_BUF_INIT;
	char url[128];
	int rc;

	snprintf(url, sizeof(url), "%s%s", srv_main.url, path);
	rc = ov_tsa_request(&out, url, payload, sizeof(payload), 20000);
	if (rc != code || out.size || !strstr(last_message(), text)) {
		fprintf(stderr, "%s: %d [%s], expected %d [%s]\n", path, rc,
			last_message(), code, text);
		rc = -1;
	} else {
		rc = 0;
	}
	ov_buf_dispose(&out);
	return rc;
}

TEST(request_bad_answers)
{
	char url[128];
	ov_buf out = OV_BUF_INIT;
	int rc;

	CHECK(srv_main.port > 0);
	CHECK(bad_answer("/bad-imprint", OV_EVERIFY,
			 "message imprint is not the hash we sent") == 0);
	CHECK(bad_answer("/bad-nonce", OV_EVERIFY,
			 "nonce is not the one we sent") == 0);
	CHECK(bad_answer("/status/503", OV_ERROR,
			 "HTTP status 503 (expected 200)") == 0);
	CHECK(bad_answer("/wrong-type", OV_ERROR, "content type \"text/plain\"")
	      == 0);
	CHECK(bad_answer("/reject", OV_ERROR, "status rejection") == 0);

	/* the password in a URL stays out of messages */
	snprintf(url, sizeof(url), "http://anna:hemligt@127.0.0.1:%d/status/401",
		 srv_main.port);
	rc = ov_tsa_request(&out, url, payload, sizeof(payload), 20000);
	CHECK_ERR(rc, OV_ERROR);
	CHECK(!strstr(last_message(), "hemligt"));
	CHECK_CONTAINS(last_message(), "TSA http://127.0.0.1:");

	CHECK_ERR(ov_tsa_request(&out, "ftp://127.0.0.1/", payload, 1, 1000),
		  OV_EINVALID);
	CHECK_ERR(ov_tsa_request(&out, "file:///etc/passwd", payload, 1, 1000),
		  OV_EINVALID);
	CHECK_ERR(ov_tsa_request(&out, srv_main.url, payload, 1, 0), OV_EINVALID);
	CHECK_ERR(ov_tsa_request(&out, NULL, payload, 1, 1000), OV_EINVALID);
	CHECK_INT(out.size, 0);
	ov_buf_dispose(&out);
}

/* Last but cleanup: main stays busy for 2 s after it. */
TEST(request_timeout)
{
	struct timespec t0, t1;
	ov_buf out = OV_BUF_INIT;
	char url[128];
	double secs;
	int rc;

	CHECK(srv_main.port > 0);
	snprintf(url, sizeof(url), "%s/slow/2", srv_main.url);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	rc = ov_tsa_request(&out, url, payload, sizeof(payload), 500);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ov_buf_dispose(&out);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	CHECK_ERR(rc, OV_ERROR);
	CHECK_CONTAINS(last_message(), "no answer within 500 ms (timeout)");
	CHECK(secs < 1.8);
}

TEST(cleanup)
{
	int rc_main, rc_reject;

	stop_all();
	ov_tsa_info_dispose(&info);
	ov_tsa_info_dispose(&info);   /* twice is fine */
	ov_buf_dispose(&token);
	X509_STORE_free(trust);
	X509_STORE_free(other);
	X509_STORE_free(empty);
	trust = other = empty = NULL;
	rc_main = srv_main.dir[0] ? run(NULL, "rm -rf '%s'", srv_main.dir) : 0;
	rc_reject = srv_reject.dir[0] ? run(NULL, "rm -rf '%s'", srv_reject.dir) : 0;
	CHECK_INT(rc_main, 0);
	CHECK_INT(rc_reject, 0);
	CHECK_INT(srv_main.pid, 0);
}

OVT_MAIN(TEST_ENTRY(start_servers), TEST_ENTRY(request_and_verify),
	 TEST_ENTRY(verify_other_data), TEST_ENTRY(verify_untrusted),
	 TEST_ENTRY(verify_truncated_and_garbage), TEST_ENTRY(verify_tampered),
	 TEST_ENTRY(verify_other_hashes), TEST_ENTRY(verify_tsa_certificate),
	 TEST_ENTRY(verify_after_expiry),
	 TEST_ENTRY(request_refused),
	 TEST_ENTRY(request_rejected), TEST_ENTRY(request_bad_answers),
	 TEST_ENTRY(request_timeout), TEST_ENTRY(cleanup))
