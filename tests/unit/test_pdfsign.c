/*
 * test_pdfsign.c - PAdES signing and verification (engine/signing/pdfsign.c,
 * engine/signing/pdfverify.c, engine/signing/x509util.c) checked against the real tools.
 *
 * Setup (once, in $TMPDIR/sign-<pid>): tests/fixtures/sign/make-certs.sh
 * makes a test CA and signer certificates with `openssl req/ca/pkcs12`
 * (valid, expired, not yet valid, without signing key usage, issued by an
 * untrusted CA) and an NSS database trusting the CA for pdfsig; the test
 * makes a two-page libharu PDF with DejaVu Sans and an attached XML file.
 *
 * Then: 2- and 5-party signing verified by our code, `pdfsig` (with and
 * without the NSS database), `qpdf --check`, `pdftotext`, `pdftoppm` and
 * `openssl cms`; refusals; tampering (flipped byte, appended page,
 * replaced embedded XML, bent byte ranges); hostile input and a small
 * mutation fuzzer for the verifier.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "engine/base/lazy_hpdf.h"
#include "overens/lazy_crypto.h"

#include "ovtest.h"
#include "overens/buf.h"
#include "engine/documents/pdf_pack.h"
#include "engine/signing/dss.h"
#include "engine/signing/pdfparse.h"
#include "engine/signing/pdfsign.h"
#include "engine/signing/x509util.h"

#define MAKE_CERTS OV_SOURCE_DIR "/tests/fixtures/sign/make-certs.sh"
#define DEJAVU "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

static const char xml_text[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<avtal id=\"2026-0001\" version=\"1\"><part>Röda Korset Helsingborg</part>"
	"<part>Helsingborgs stad</part><titel>Överenskommelse om samverkan"
	"</titel></avtal>\n";

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

static struct {
	int state;           /* 0 not yet, 1 ready, -1 failed */
	char dir[512];
	ov_buf base;         /* the unsigned PDF */
	X509_STORE *trust;
} fx;

static const char *tmpdir(void)
{
	const char *d = getenv("TMPDIR");
	return d && *d ? d : "/tmp";
}

/* Runs a shell command; stdout (and stderr when `with_err`) into `out`
 * (may be NULL).  Returns the exit status. */
static int vrun(ov_buf *out, int with_err, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
static int vrun(ov_buf *out, int with_err, const char *fmt, va_list ap)
{
	ov_buf cmd = OV_BUF_INIT;
	char chunk[4096];
	size_t n;
	FILE *p;
	int st;

	ov_buf_vprintf(&cmd, fmt, ap);
	ov_buf_puts(&cmd, with_err ? " 2>&1" : " 2>/dev/null");
	if (out) {
		ov_buf_clear(out);
		ov_buf_put(out, "", 0);
	}
	p = popen(cmd.ptr, "r");
	ov_buf_dispose(&cmd);
	if (!p)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		if (out)
			ov_buf_put(out, chunk, n);
	st = pclose(p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static int run(ov_buf *out, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static int run(ov_buf *out, const char *fmt, ...)
{
	va_list ap;
	int st;

	va_start(ap, fmt);
	st = vrun(out, 0, fmt, ap);
	va_end(ap);
	return st;
}

static int run2(ov_buf *out, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static int run2(ov_buf *out, const char *fmt, ...)
{
	va_list ap;
	int st;

	va_start(ap, fmt);
	st = vrun(out, 1, fmt, ap);
	va_end(ap);
	return st;
}

/* Whether `needle` occurs in b from `from` on (the bytes may hold NULs:
 * a signing update carries binary font programs). */
static int has_bytes(const ov_buf *b, size_t from, const char *needle)
{
	size_t n = strlen(needle), i;

	for (i = from; i + n <= b->size; i++)
		if (!memcmp(b->ptr + i, needle, n))
			return 1;
	return 0;
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	const char *p = hay;

	while (p && (p = strstr(p, needle))) {
		n++;
		p += strlen(needle);
	}
	return n;
}

/* The first `needle` in a binary buffer at or after `from`, or NULL. */
static char *find(const ov_buf *b, size_t from, const char *needle)
{
	size_t n = strlen(needle), i;

	for (i = from; n && i + n <= b->size; i++)
		if (b->ptr[i] == needle[0] && !memcmp(b->ptr + i, needle, n))
			return b->ptr + i;
	return NULL;
}

/* The value of "Key:" in pdfinfo output (a static copy), or NULL. */
static const char *info_field(const ov_buf *out, const char *key)
{
	static char value[256];
	const char *line = out->ptr;
	size_t klen = strlen(key), n;

	while (line && *line) {
		if (!strncmp(line, key, klen) && line[klen] == ':') {
			line += klen + 1;
			while (*line == ' ')
				line++;
			n = strcspn(line, "\n");
			if (n >= sizeof(value))
				n = sizeof(value) - 1;
			memcpy(value, line, n);
			value[n] = '\0';
			return value;
		}
		line = strchr(line, '\n');
		if (line)
			line++;
	}
	return NULL;
}

/* "<dir>/<name>" in a static buffer (one at a time per expression). */
static const char *at(const char *name)
{
	static char path[4][700];
	static int k;

	k = (k + 1) % 4;
	snprintf(path[k], sizeof(path[k]), "%s/%s", fx.dir, name);
	return path[k];
}

static int write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	int ok;

	if (!f)
		return -1;
	ok = fwrite(data, 1, len, f) == len;
	return fclose(f) == 0 && ok ? 0 : -1;
}

static void hpdf_err(HPDF_STATUS e, HPDF_STATUS d, void *ud)
{
	(void)ud;
	fprintf(stderr, "libharu error %04X (%u)\n", (unsigned)e, (unsigned)d);
}

#define WITH_NOTE 1   /* a text annotation on the first page */

/* Two A4 pages in DejaVu Sans with an attached XML file. */
static int make_pdf(ov_buf *out, int flags)
{
	HPDF_Doc pdf = HPDF_New(hpdf_err, NULL);
	HPDF_Font font;
	const char *fname;
	char cwd[4096];
	int i, err = OV_ERROR;

	if (!pdf || write_file(at("avtal-2026-0001-v1.xml"), xml_text,
			       strlen(xml_text)) < 0)
		goto done;
	HPDF_UseUTFEncodings(pdf);
	HPDF_SetCurrentEncoder(pdf, "UTF-8");
	fname = HPDF_LoadTTFontFromFile(pdf, DEJAVU, HPDF_TRUE);
	font = HPDF_GetFont(pdf, fname, "UTF-8");
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	for (i = 0; i < 2; i++) {
		HPDF_Page page = HPDF_AddPage(pdf);

		HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
		HPDF_Page_BeginText(page);
		HPDF_Page_SetFontAndSize(page, font, 12);
		HPDF_Page_TextOut(page, 70, 760, i ? "Sida två: underskrifter" :
				  "Överenskommelse om samverkan – räksmörgås");
		HPDF_Page_EndText(page);
		if ((flags & WITH_NOTE) && i == 0) {
			HPDF_Rect r = { 400, 700, 420, 720 };

			HPDF_Page_CreateTextAnnot(page, r, "Anteckning", NULL);
		}
	}
	/* the attachment is named as given: attach from inside the folder */
	if (!getcwd(cwd, sizeof(cwd)) || chdir(fx.dir) < 0)
		goto done;
	HPDF_AttachFile(pdf, "avtal-2026-0001-v1.xml");
	if (HPDF_SaveToFile(pdf, "base.pdf") == HPDF_OK &&
	    ov_buf_read_file(out, "base.pdf") == OV_OK)
		err = OV_OK;
	if (chdir(cwd) < 0)
		err = OV_ERROR;
done:
	if (pdf)
		HPDF_Free(pdf);
	return err;
}

static void teardown(void);

/* Creates the certificates, the NSS database and the base PDF once;
 * returns 1 when ready. */
static int setup(void)
{
	ov_buf log = OV_BUF_INIT;

	if (fx.state)
		return fx.state;
	fx.state = -1;
	atexit(teardown); /* one fixture for every test, freed and removed at exit */
	snprintf(fx.dir, sizeof(fx.dir), "%s/sign-%d", tmpdir(), (int)getpid());
	if (run(NULL, "rm -rf '%s' && mkdir -p '%s'", fx.dir, fx.dir) != 0)
		return -1;
	if (run2(&log, "sh '%s' '%s'", MAKE_CERTS, fx.dir) != 0) {
		fprintf(stderr, "certificate setup failed:\n%s\n", log.ptr);
		ov_buf_dispose(&log);
		return -1;
	}
	ov_buf_dispose(&log);
	if (make_pdf(&fx.base, 0) < 0 ||
	    ov_x509_store_from_dir(&fx.trust, at("trust")) < 0)
		return -1;
	fx.state = 1;
	return 1;
}

static void teardown(void)
{
	X509_STORE_free(fx.trust);
	ov_buf_dispose(&fx.base);
	if (fx.state == 1 && !getenv("OVT_KEEP"))
		run(NULL, "rm -rf '%s'", fx.dir);
}

typedef struct creds {
	EVP_PKEY *key;
	X509 *cert;
	STACK_OF(X509) *chain;
} creds;

static void creds_free(creds *c)
{
	EVP_PKEY_free(c->key);
	X509_free(c->cert);
	sk_X509_pop_free(c->chain, X509_free);
	memset(c, 0, sizeof(*c));
}

/* <name>.key with <name>-chain.pem (the certificate and its CA). */
static int load(creds *c, const char *name)
{
	char key[64], chain[64];

	snprintf(key, sizeof(key), "%s.key", name);
	snprintf(chain, sizeof(chain), "%s-chain.pem", name);
	return ov_x509_load_pem(&c->key, &c->cert, &c->chain, at(key), at(chain),
				NULL);
}

typedef struct party {
	const char *who, *field, *title, *org;
	int page;
	double y;
} party;

static const party parties[5] = {
	{ "anna", "Underskrift-krets", "Ordförande", "Röda Korset Helsingborg", 0, 120 },
	{ "bertil", "Underskrift-kommun", "Kommundirektör", "Helsingborgs stad", 0, 40 },
	{ "cecilia", "Underskrift-studieförbund", "Verksamhetschef", "Studieförbundet", 1, 600 },
	{ "david", "Underskrift-förening", "Kassör", "Föreningen Gemenskap", 1, 500 },
	{ "eva", "Underskrift-kulturcentrum", "Prezes", "Polskt kulturcentrum", 1, 400 },
};

static void fill_request(ov_sign_request *r, const party *p, const creds *c)
{
	memset(r, 0, sizeof(*r));
	r->field_name = p->field;
	r->page = p->page;
	r->x = 70;
	r->y = p->y;
	r->w = 230;
	r->h = 64;
	r->look.title = p->title;
	r->look.party = p->org;
	r->look.place = "Helsingborg";
	r->look.date = "2026-11-23";
	r->reason = "Undertecknande av överenskommelsen";
	r->location = "Helsingborg";
	r->signing_time = (long long)time(NULL);
	r->key = c->key;
	r->cert = c->cert;
	r->chain = c->chain;
}

/* Signs `in` as party `p` into `out` (cleared first). */
/* Signs `in` as party p; with `certify`, as the certifying first signature (DocMDP P 2). */
static int sign_as_certify(ov_buf *out, const ov_buf *in, const party *p, int certify)
{
	creds c = { NULL, NULL, NULL };
	ov_sign_request r;
	int err;

	ov_buf_clear(out);
	if ((err = load(&c, p->who)) < 0)
		return err;
	fill_request(&r, p, &c);
	r.certify = certify;
	err = ov_pdf_sign(out, in->ptr, in->size, &r);
	creds_free(&c);
	return err;
}

static int sign_as(ov_buf *out, const ov_buf *in, const party *p)
{
	return sign_as_certify(out, in, p, 0);
}

/* Signs the base PDF by the first n parties, one update each. */
static int sign_chain(ov_buf *out, size_t n)
{
	ov_buf cur = OV_BUF_INIT;
	size_t i;
	int err = OV_OK;

	ov_buf_put(&cur, fx.base.ptr, fx.base.size);
	for (i = 0; i < n && err == OV_OK; i++) {
		err = sign_as(out, &cur, &parties[i]);
		ov_buf_clear(&cur);
		ov_buf_put(&cur, out->ptr, out->size);
	}
	ov_buf_dispose(&cur);
	return err;
}

/* pdfsig's report for the file at `path` (with the NSS database if nss). */
static int pdfsig(ov_buf *out, const char *path, int nss)
{
	if (nss)
		return run(out, "pdfsig -nssdir 'sql:%s' '%s'", at("nss"), path);
	return run(out, "pdfsig '%s'", path);
}

/* The text of pdfsig's block for signature #k (1-based), in `out`. */
static void sig_block(ov_buf *out, const char *report, int k)
{
	char head[32], next[32];
	const char *s, *e;

	ov_buf_clear(out);
	ov_buf_put(out, "", 0);
	snprintf(head, sizeof(head), "Signature #%d:", k);
	snprintf(next, sizeof(next), "Signature #%d:", k + 1);
	if (!(s = strstr(report, head)))
		return;
	e = strstr(s, next);
	ov_buf_put(out, s, e ? (size_t)(e - s) : strlen(s));
}

/*
 * Appends a hand-written incremental update: the objects (number, body
 * without "N 0 obj"), one xref subsection each, and a trailer with /Size,
 * the old /Root and /Info and /Prev.
 */
typedef struct hobj {
	long long num;
	const char *body;
	size_t len;
} hobj;

static int append_update(ov_buf *pdf, const hobj *objs, size_t n,
			 long long size, const char *extra)
{
	ov_pdf_doc *doc = NULL;
	ov_buf trailer = OV_BUF_INIT;
	size_t offs[8], i, prev, xref;
	int err;

	if (n > 8 || (err = ov_pdf_doc_open(&doc, pdf->ptr, pdf->size)) < 0)
		return OV_EINVALID;
	prev = ov_pdf_doc_startxref(doc);
	ov_buf_puts(&trailer, " /Root ");
	ov_pdf_obj_write(&trailer, ov_pdf_dict_get(ov_pdf_doc_trailer(doc), "Root"));
	ov_buf_puts(&trailer, " /Info ");
	ov_pdf_obj_write(&trailer, ov_pdf_dict_get(ov_pdf_doc_trailer(doc), "Info"));
	ov_pdf_doc_free(doc);
	for (i = 0; i < n; i++) {
		offs[i] = pdf->size;
		ov_buf_printf(pdf, "%lld 0 obj\n", objs[i].num);
		ov_buf_put(pdf, objs[i].body, objs[i].len);
		ov_buf_puts(pdf, "\nendobj\n");
	}
	xref = pdf->size;
	ov_buf_puts(pdf, "xref\n");
	for (i = 0; i < n; i++)
		ov_buf_printf(pdf, "%lld 1\n%010zu 00000 n\r\n", objs[i].num, offs[i]);
	err = ov_buf_printf(pdf, "trailer\n<</Size %lld%s%s /Prev %zu>>\nstartxref"
			    "\n%zu\n%%%%EOF\n", size, trailer.ptr, extra ? extra : "",
			    prev, xref);
	ov_buf_dispose(&trailer);
	return err;
}

/* The /Size of the newest trailer. */
static long long trailer_size(const ov_buf *pdf)
{
	ov_pdf_doc *doc = NULL;
	long long n = -1;

	if (ov_pdf_doc_open(&doc, pdf->ptr, pdf->size) == OV_OK)
		n = ov_pdf_dict_get(ov_pdf_doc_trailer(doc), "Size")->num;
	ov_pdf_doc_free(doc);
	return n;
}

/* Dark pixels (< 128) in a 72 dpi grey rendering of a PDF rectangle. */
static long dark_pixels(const char *path, int page, double x, double y,
			double w, double h)
{
	ov_buf pgm = OV_BUF_INIT;
	long dark = -1;
	int pw, ph, maxv, consumed = 0;
	size_t i;

	if (run(&pgm, "pdftoppm -r 72 -gray -f %d -l %d -x %d -y %d -W %d -H %d "
		"'%s'", page + 1, page + 1, (int)x, (int)(842 - y - h), (int)w,
		(int)h, path) == 0 &&
	    sscanf(pgm.ptr, "P5 %d %d %d%n", &pw, &ph, &maxv, &consumed) == 3 &&
	    consumed > 0 && pgm.size >= (size_t)consumed + 1 + (size_t)pw * (size_t)ph) {
		const unsigned char *px = (const unsigned char *)pgm.ptr + consumed + 1;

		dark = 0;
		for (i = 0; i < (size_t)pw * (size_t)ph; i++)
			dark += px[i] < 128;
	}
	ov_buf_dispose(&pgm);
	return dark;
}

/* The decoded appearance stream of field number k (0-based) of a PDF. */
static int appearance_of(ov_buf *out, const ov_buf *pdf, size_t k)
{
	ov_pdf_doc *doc = NULL;
	ov_pdf_obj *cat = NULL, *af = NULL, *fields = NULL, *f = NULL, *ap = NULL,
		   *n = NULL;
	int err;

	if ((err = ov_pdf_doc_open(&doc, pdf->ptr, pdf->size)) < 0)
		return err;
	err = OV_EINVALID;
	if (ov_pdf_doc_catalog(&cat, doc) == OV_OK &&
	    ov_pdf_doc_resolve(&af, doc, ov_pdf_dict_get(cat, "AcroForm")) == OV_OK &&
	    ov_pdf_doc_resolve(&fields, doc, ov_pdf_dict_get(af, "Fields")) == OV_OK &&
	    fields && k < fields->count &&
	    ov_pdf_doc_resolve(&f, doc, fields->items[k]) == OV_OK &&
	    ov_pdf_doc_resolve(&ap, doc, ov_pdf_dict_get(f, "AP")) == OV_OK &&
	    ov_pdf_doc_resolve(&n, doc, ov_pdf_dict_get(ap, "N")) == OV_OK && n)
		err = ov_pdf_stream_decode(out, doc, n, 1 << 20);
	ov_pdf_doc_free(doc);
	return err;
}

/* The /Contents bytes (DER) and the signed ranges of signature k. */
static int signature_parts(ov_buf *der, ov_buf *ranges, const ov_buf *pdf,
			   size_t k)
{
	ov_pdf_doc *doc = NULL;
	ov_pdf_obj *cat = NULL, *af = NULL, *fields = NULL, *f = NULL, *v = NULL,
		   *br, *c;
	int err = OV_EINVALID;

	if (ov_pdf_doc_open(&doc, pdf->ptr, pdf->size) < 0)
		return OV_EINVALID;
	if (ov_pdf_doc_catalog(&cat, doc) == OV_OK &&
	    ov_pdf_doc_resolve(&af, doc, ov_pdf_dict_get(cat, "AcroForm")) == OV_OK &&
	    ov_pdf_doc_resolve(&fields, doc, ov_pdf_dict_get(af, "Fields")) == OV_OK &&
	    fields && k < fields->count &&
	    ov_pdf_doc_resolve(&f, doc, fields->items[k]) == OV_OK &&
	    ov_pdf_doc_resolve(&v, doc, ov_pdf_dict_get(f, "V")) == OV_OK && v &&
	    (br = ov_pdf_dict_get(v, "ByteRange")) && br->count == 4 &&
	    (c = ov_pdf_dict_get(v, "Contents"))) {
		ov_buf_put(der, c->str, c->len);
		ov_buf_put(ranges, pdf->ptr, (size_t)br->items[1]->num);
		ov_buf_put(ranges, pdf->ptr + br->items[2]->num,
			   (size_t)br->items[3]->num);
		err = OV_OK;
	}
	ov_pdf_doc_free(doc);
	return err;
}

/* ------------------------------------------------------------------ */
/* Certificates                                                        */

TEST(x509_loading)
{
	EVP_PKEY *key = NULL;
	X509 *cert = NULL;
	STACK_OF(X509) *chain = NULL;
	char *cn;

	CHECK(setup() == 1);
	CHECK_OK(ov_x509_load_p12(&key, &cert, &chain, at("anna.p12"), "hemligt"));
	CHECK(key && cert && chain);
	CHECK_INT(sk_X509_num(chain), 1);
	cn = ov_x509_common_name(cert);
	CHECK_STR(cn, "Anna Åström");
	free(cn);
	CHECK_OK(ov_x509_check_signing_cert(cert, key, (long long)time(NULL)));
	EVP_PKEY_free(key);
	X509_free(cert);
	sk_X509_pop_free(chain, X509_free);

	CHECK_ERR(ov_x509_load_p12(&key, &cert, &chain, at("anna.p12"), "fel"),
		  OV_EINVALID);
	{
		char want[800];

		snprintf(want, sizeof(want), "wrong password for %s", at("anna.p12"));
		CHECK_STR(ov_error_last()->message, want);
	}
	CHECK(!key && !cert && !chain);
	CHECK_ERR(ov_x509_load_p12(&key, &cert, &chain, at("anna.p12"), NULL),
		  OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "wrong password for ");
	CHECK_ERR(ov_x509_load_p12(&key, &cert, &chain, at("saknas.p12"), "x"),
		  OV_ENOTFOUND);
	CHECK_ERR(ov_x509_load_p12(&key, &cert, &chain, at("ca.pem"), "x"),
		  OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "is not a PKCS#12 file");

	/* PEM: plain, encrypted with the right and a wrong password */
	CHECK_OK(ov_x509_load_pem(&key, &cert, &chain, at("bertil-enc.key"),
				  at("bertil-chain.pem"), "losen123"));
	CHECK_INT(sk_X509_num(chain), 1);
	CHECK_OK(ov_x509_check_signing_cert(cert, key, (long long)time(NULL)));
	EVP_PKEY_free(key);
	X509_free(cert);
	sk_X509_pop_free(chain, X509_free);
	CHECK_ERR(ov_x509_load_pem(&key, &cert, &chain, at("bertil-enc.key"),
				   at("bertil.pem"), "fel"), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "wrong password for ");
	CHECK_ERR(ov_x509_load_pem(&key, &cert, &chain, at("bertil-enc.key"),
				   at("bertil.pem"), NULL), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "wrong password for ");
	CHECK_ERR(ov_x509_load_pem(&key, &cert, &chain, at("ca.pem"),
				   at("bertil.pem"), NULL), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "holds no PEM private key");
	CHECK_ERR(ov_x509_load_pem(&key, &cert, &chain, at("bertil.key"),
				   at("bertil.key"), NULL), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "holds no PEM certificate");
	CHECK(!key && !cert && !chain);
}

TEST(x509_names)
{
	creds a = { NULL, NULL, NULL }, c = { NULL, NULL, NULL }, b = { NULL, NULL, NULL };
	char *s;

	CHECK(setup() == 1);
	CHECK_OK(load(&a, "anna"));
	CHECK_OK(load(&b, "bertil"));
	CHECK_OK(load(&c, "cecilia"));
	s = ov_x509_email(a.cert);
	CHECK_STR(s, "anna.astrom@example.se");   /* from the subject */
	free(s);
	s = ov_x509_email(c.cert);
	CHECK_STR(s, "cecilia.lind@example.se");  /* from subjectAltName */
	free(s);
	CHECK(ov_x509_email(b.cert) == NULL);
	s = ov_x509_name_line(X509_get_subject_name(a.cert));
	CHECK_STR(s, "C = SE, O = Röda Korset Helsingborg, CN = Anna Åström, "
		  "emailAddress = anna.astrom@example.se");
	free(s);
	s = ov_x509_name_line(X509_get_issuer_name(b.cert));
	CHECK_STR(s, "C = SE, O = Överens test, CN = Överens Test-CA");
	free(s);
	CHECK(ov_x509_common_name(NULL) == NULL);
	creds_free(&a);
	creds_free(&b);
	creds_free(&c);
}

TEST(x509_signing_checks)
{
	creds a = { NULL, NULL, NULL }, b = { NULL, NULL, NULL }, x = { NULL, NULL, NULL };
	long long now = (long long)time(NULL);

	CHECK(setup() == 1);
	CHECK_OK(load(&a, "anna"));
	CHECK_OK(load(&b, "bertil"));
	CHECK_OK(ov_x509_check_signing_cert(a.cert, a.key, now));
	CHECK_ERR(ov_x509_check_signing_cert(a.cert, b.key, now), OV_EINVALID);
	CHECK_STR(ov_error_last()->message, "the private key does not belong to "
		  "the certificate of Anna Åström");
	CHECK_ERR(ov_x509_check_signing_cert(a.cert, a.key, now - 86400 * 400),
		  OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "is not valid yet");
	CHECK_ERR(ov_x509_check_signing_cert(a.cert, a.key, now + 86400 * 40),
		  OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "has expired");
	CHECK_OK(load(&x, "expired"));
	CHECK_ERR(ov_x509_check_signing_cert(x.cert, x.key, now), OV_EINVALID);
	CHECK_STR(ov_error_last()->message, "the certificate of Utgången Person "
		  "has expired at the signing time");
	/* while it was valid it was fine */
	CHECK_OK(ov_x509_check_signing_cert(x.cert, x.key, 1593561600LL));
	creds_free(&x);
	CHECK_OK(load(&x, "notyet"));
	CHECK_ERR(ov_x509_check_signing_cert(x.cert, x.key, now), OV_EINVALID);
	CHECK_STR(ov_error_last()->message, "the certificate of Framtida Person "
		  "is not valid yet at the signing time");
	creds_free(&x);
	CHECK_OK(load(&x, "nosign"));
	CHECK(!ov_x509_has_signing_usage(x.cert));
	CHECK(ov_x509_has_signing_usage(a.cert));
	CHECK_ERR(ov_x509_check_signing_cert(x.cert, x.key, now), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "Ingen Signering does not allow "
		       "signing (keyUsage lacks digitalSignature");
	creds_free(&x);
	creds_free(&a);
	creds_free(&b);
}

TEST(x509_trust)
{
	X509_STORE *st = NULL;
	creds a = { NULL, NULL, NULL }, s = { NULL, NULL, NULL };
	long long now = (long long)time(NULL);
	char *why = NULL;

	CHECK(setup() == 1);
	CHECK_ERR(ov_x509_store_from_dir(&st, at("empty")), OV_ENOTFOUND);
	CHECK_CONTAINS(ov_error_last()->message, "no certificates in ");
	CHECK_ERR(ov_x509_store_from_dir(&st, at("saknas")), OV_ENOTFOUND);
	CHECK(st == NULL);
	CHECK_OK(load(&a, "anna"));
	CHECK_OK(load(&s, "stranger"));
	CHECK_OK(ov_x509_verify_chain(&why, a.cert, NULL, fx.trust, now));
	CHECK(why == NULL);
	CHECK_ERR(ov_x509_verify_chain(&why, a.cert, NULL, fx.trust,
				       now + 86400 * 60), OV_EVERIFY);
	CHECK_STR(why, "certificate has expired (certificate Anna Åström, chain "
		  "depth 0)");
	free(why);
	CHECK_ERR(ov_x509_verify_chain(&why, s.cert, NULL, fx.trust, now),
		  OV_EVERIFY);
	CHECK_STR(why, "unable to get local issuer certificate (certificate "
		  "Främling Fri, chain depth 0)");
	free(why);
	CHECK_ERR(ov_x509_verify_chain(&why, s.cert, s.chain, fx.trust, now),
		  OV_EVERIFY);
	CHECK_STR(why, "self-signed certificate in certificate chain "
		  "(certificate Okänd CA, chain depth 1)");
	free(why);
	creds_free(&a);
	creds_free(&s);
}

/* ------------------------------------------------------------------ */
/* Dates                                                               */

static void expect_date(long long t, const char *want)
{
	ov_buf b = OV_BUF_INIT;

	CHECK_OK(ov_pdf_date_sweden(&b, t));
	CHECK_STR(b.ptr, want);
	ov_buf_dispose(&b);
}

TEST(dates)
{
	char iso[32];
	long long t = 0, s;
	struct tm tm;
	ov_buf b = OV_BUF_INIT;
	int mism = 0;

	expect_date(1774745999LL, "D:20260329015959+01'00'");
	expect_date(1774746000LL, "D:20260329030000+02'00'");
	expect_date(1792889999LL, "D:20261025025959+02'00'");
	expect_date(1792890000LL, "D:20261025020000+01'00'");
	expect_date(1709249400LL, "D:20240301003000+01'00'");
	expect_date(1782907200LL, "D:20260701140000+02'00'");
	CHECK_ERR(ov_pdf_date_sweden(&b, -1), OV_EINVALID);

	/* the EU rule against the system's tz database, hourly around every
	 * change 2000..2060 and daily in between */
	setenv("TZ", "Europe/Stockholm", 1);
	tzset();
	for (s = 946684800LL; s < 2871763200LL; s += 3600 * 23 + 1800) {
		time_t tt = (time_t)s;
		char want[96];

		localtime_r(&tt, &tm);
		snprintf(want, sizeof(want), "D:%04d%02d%02d%02d%02d%02d+%02ld'00'",
			 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
			 tm.tm_min, tm.tm_sec, tm.tm_gmtoff / 3600);
		ov_buf_clear(&b);
		CHECK_OK(ov_pdf_date_sweden(&b, s));
		mism += strcmp(b.ptr, want) != 0;
	}
	CHECK_INT(mism, 0);
	unsetenv("TZ");
	tzset();

	CHECK_OK(ov_pdf_date_parse(&t, iso, "D:20261122175941+01'00'", 23));
	CHECK_INT(t, 1795366781LL);
	CHECK_STR(iso, "2026-11-22T17:59:41+01:00");
	CHECK_OK(ov_pdf_date_parse(&t, iso, "D:20260701140000+02'00", 22));
	CHECK_INT(t, 1782907200LL);
	CHECK_OK(ov_pdf_date_parse(&t, iso, "D:2026070112Z", 13));
	CHECK_INT(t, 1782907200LL);
	CHECK_STR(iso, "2026-07-01T12:00:00Z");
	CHECK_OK(ov_pdf_date_parse(&t, NULL, "D:2026", 6));
	CHECK_ERR(ov_pdf_date_parse(&t, iso, "D:20261322", 10), OV_EINVALID);
	CHECK_STR(ov_error_last()->message, "malformed PDF date 'D:20261322'");
	CHECK_ERR(ov_pdf_date_parse(&t, iso, "D:2026x", 7), OV_EINVALID);
	CHECK_ERR(ov_pdf_date_parse(&t, iso, "", 0), OV_EINVALID);
	ov_buf_dispose(&b);
}

/* ------------------------------------------------------------------ */
/* Signing                                                             */

TEST(sign_two_parties)
{
	ov_buf one = OV_BUF_INIT, two = OV_BUF_INIT, out = OV_BUF_INIT, blk = OV_BUF_INIT;
	ov_pdf_report *rep = NULL;
	const char *path;

	CHECK(setup() == 1);
	CHECK_OK(sign_chain(&one, 1));
	CHECK_OK(sign_as(&two, &one, &parties[1]));
	/* nothing earlier changes */
	CHECK(one.size > fx.base.size && two.size > one.size);
	CHECK(!memcmp(one.ptr, fx.base.ptr, fx.base.size));
	CHECK(!memcmp(two.ptr, one.ptr, one.size));

	CHECK_OK(ov_pdf_verify(&rep, two.ptr, two.size, fx.trust));
	CHECK_INT(rep->nsigs, 2);
	CHECK(rep->parse_ok && !rep->parse_error);
	CHECK_INT(rep->appended_after_last, 0);
	CHECK_STR(rep->sigs[0].field_name, "Underskrift-krets");
	CHECK_STR(rep->sigs[0].signer_name, "Anna Åström");
	CHECK_STR(rep->sigs[0].subject, "C = SE, O = Röda Korset Helsingborg, "
		  "CN = Anna Åström, emailAddress = anna.astrom@example.se");
	CHECK_STR(rep->sigs[0].issuer, "C = SE, O = Överens test, CN = Överens Test-CA");
	CHECK_STR(rep->sigs[1].signer_name, "Bertil Öhman");
	CHECK(rep->sigs[0].signing_time && strlen(rep->sigs[0].signing_time) == 25);
	CHECK(rep->sigs[0].digest_ok && rep->sigs[1].digest_ok);
	CHECK(!rep->sigs[0].digest_error && !rep->sigs[1].digest_error);
	CHECK(rep->sigs[0].chain_ok && rep->sigs[1].chain_ok);
	CHECK(rep->sigs[0].covers_to_here && rep->sigs[1].covers_to_here);
	CHECK(!rep->sigs[0].total && rep->sigs[1].total);
	CHECK_INT(rep->sigs[0].revision_end, one.size);
	CHECK_INT(rep->sigs[1].revision_end, two.size);
	ov_pdf_report_free(rep);
	rep = NULL;

	/* without a trust store the math still holds */
	CHECK_OK(ov_pdf_verify(&rep, two.ptr, two.size, NULL));
	CHECK(rep->sigs[0].digest_ok && !rep->sigs[0].chain_ok);
	CHECK_STR(rep->sigs[0].chain_error, "inget förtroendelager angivet");
	ov_pdf_report_free(rep);

	/* the tools */
	path = at("two.pdf");
	CHECK(write_file(path, two.ptr, two.size) == 0);
	CHECK_INT(pdfsig(&out, path, 0), 0);
	CHECK_INT(count(out.ptr, "Signature is Valid."), 2);
	CHECK_INT(count(out.ptr, "Total document signed"), 1);
	CHECK_INT(count(out.ptr, "Signature Type: ETSI.CAdES.detached"), 2);
	sig_block(&blk, out.ptr, 1);
	CHECK_CONTAINS(blk.ptr, "Signature Field Name: Underskrift-krets");
	CHECK_CONTAINS(blk.ptr, "Signer Certificate Common Name: Anna Åström");
	CHECK_CONTAINS(blk.ptr, "Not total document signed");
	CHECK_CONTAINS(blk.ptr, "Signing Hash Algorithm: SHA-256");
	sig_block(&blk, out.ptr, 2);
	CHECK_CONTAINS(blk.ptr, "Signer Certificate Common Name: Bertil Öhman");
	CHECK_CONTAINS(blk.ptr, "Total document signed");
	CHECK_INT(pdfsig(&out, path, 1), 0);
	CHECK_INT(count(out.ptr, "Certificate is Trusted."), 2);
	CHECK_INT(count(out.ptr, "Signature is Valid."), 2);
	CHECK_INT(run(&out, "qpdf --check '%s'", path), 0);
	CHECK_CONTAINS(out.ptr, "No syntax or stream encoding errors found");
	CHECK_INT(run(&out, "pdftotext -enc UTF-8 '%s' -", path), 0);
	CHECK_CONTAINS(out.ptr, "Överenskommelse om samverkan – räksmörgås");
	CHECK_CONTAINS(out.ptr, "Sida två: underskrifter");
	CHECK_INT(run(&out, "pdfinfo '%s'", path), 0);
	CHECK_STR(info_field(&out, "Form"), "AcroForm");
	CHECK_STR(info_field(&out, "Pages"), "2");
	/* the attachment is untouched */
	ov_buf_clear(&out);
	CHECK_OK(ov_pdf_embedded_file(&out, two.ptr, two.size, NULL));
	CHECK_STR(out.ptr, xml_text);
	ov_buf_clear(&out);
	CHECK_OK(ov_pdf_embedded_file(&out, two.ptr, two.size,
				      "avtal-2026-0001-v1.xml"));
	CHECK_INT(out.size, strlen(xml_text));
	CHECK_ERR(ov_pdf_embedded_file(&out, two.ptr, two.size, "annan.xml"),
		  OV_ENOTFOUND);
	CHECK_INT(run(&out, "pdfdetach -list '%s'", path), 0);
	CHECK_CONTAINS(out.ptr, "1 embedded files");
	ov_buf_dispose(&one);
	ov_buf_dispose(&two);
	ov_buf_dispose(&out);
	ov_buf_dispose(&blk);
}

/* The visible box: pixels drawn where there were none, and the text. */
TEST(sign_appearance)
{
	ov_buf one = OV_BUF_INIT, five = OV_BUF_INIT, ap = OV_BUF_INIT, out = OV_BUF_INIT;
	long before, after;

	CHECK(setup() == 1);
	CHECK(write_file(at("base.pdf"), fx.base.ptr, fx.base.size) == 0);
	before = dark_pixels(at("base.pdf"), 0, 70, 120, 230, 64);
	CHECK_INT(before, 0);
	CHECK_OK(sign_chain(&one, 1));
	CHECK(write_file(at("one.pdf"), one.ptr, one.size) == 0);
	after = dark_pixels(at("one.pdf"), 0, 70, 120, 230, 64);
	CHECK(after > 400);
	/* nothing outside the box */
	CHECK_INT(dark_pixels(at("one.pdf"), 0, 70, 300, 230, 64), 0);

	/* glyph ids of the embedded subsets, the bold face for the name */
	CHECK_OK(appearance_of(&ap, &one, 0));
	CHECK_CONTAINS(ap.ptr, "/F2 ");
	CHECK_CONTAINS(ap.ptr, "> Tj");
	CHECK_CONTAINS(ap.ptr, " re W n");
	CHECK(!strstr(ap.ptr, ") Tj"));
	/* read back through the ToUnicode maps */
	CHECK_INT(run(&out, "pdftotext -enc UTF-8 '%s' -", at("one.pdf")), 0);
	CHECK_CONTAINS(out.ptr, "Anna Åström");
	CHECK_CONTAINS(out.ptr, "Ordförande");
	CHECK_CONTAINS(out.ptr, "Röda Korset Helsingborg");
	CHECK_CONTAINS(out.ptr, "Helsingborg, 2026-11-23");
	/* every font embedded, Helvetica gone */
	CHECK_INT(run(&out, "pdffonts '%s'", at("one.pdf")), 0);
	CHECK_CONTAINS(out.ptr, "+DejaVuSans-Bold ");
	CHECK_CONTAINS(out.ptr, "CID TrueType      Identity-H       yes yes yes");
	CHECK(!strstr(out.ptr, " no "));
	CHECK(!strstr(out.ptr, "Helvetica"));

	/* Ł and Č, outside Windows-1252, are drawn as they are */
	CHECK_OK(sign_chain(&five, 5));
	CHECK(write_file(at("five.pdf"), five.ptr, five.size) == 0);
	CHECK_INT(run(&out, "pdftotext -enc UTF-8 '%s' -", at("five.pdf")), 0);
	CHECK_CONTAINS(out.ptr, "Ewa Łukasiewicz-Čapek");
	ov_buf_dispose(&out);
	ov_buf_dispose(&one);
	ov_buf_dispose(&five);
	ov_buf_dispose(&ap);
}

/* The CMS itself, read by the openssl command. */
TEST(sign_cms_structure)
{
	ov_buf one = OV_BUF_INIT, der = OV_BUF_INIT, ranges = OV_BUF_INIT,
	       out = OV_BUF_INIT;

	CHECK(setup() == 1);
	CHECK_OK(sign_chain(&one, 1));
	CHECK_OK(signature_parts(&der, &ranges, &one, 0));
	CHECK(write_file(at("sig.der"), der.ptr, der.size) == 0);
	CHECK(write_file(at("ranges.bin"), ranges.ptr, ranges.size) == 0);
	CHECK_INT(run(&out, "openssl cms -cmsout -print -inform DER -in '%s'",
		      at("sig.der")), 0);
	CHECK_CONTAINS(out.ptr, "messageDigest");
	CHECK_CONTAINS(out.ptr, "id-smime-aa-signingCertificateV2");
	CHECK_CONTAINS(out.ptr, "algorithm: sha256");
	CHECK(!strstr(out.ptr, "signingTime"));
	CHECK_CONTAINS(out.ptr, "eContent: <ABSENT>");   /* detached */
	/* the signer's certificate and the CA */
	CHECK_INT(count(out.ptr, "d.certificate:"), 2);
	CHECK_INT(run2(&out, "openssl cms -verify -binary -inform DER -in '%s' "
		       "-content '%s' -CAfile '%s' -purpose any -out /dev/null",
		       at("sig.der"), at("ranges.bin"), at("ca.pem")), 0);
	CHECK_CONTAINS(out.ptr, "CMS Verification successful");
	ov_buf_dispose(&one);
	ov_buf_dispose(&der);
	ov_buf_dispose(&ranges);
	ov_buf_dispose(&out);
}

TEST(sign_five_parties)
{
	ov_buf five = OV_BUF_INIT, out = OV_BUF_INIT, blk = OV_BUF_INIT;
	ov_pdf_report *rep = NULL;
	const ov_pdf_revision *revs;
	ov_pdf_doc *doc = NULL;
	size_t i, nrevs;
	int k;

	CHECK(setup() == 1);
	CHECK_OK(sign_chain(&five, 5));
	CHECK_OK(ov_pdf_doc_open(&doc, five.ptr, five.size));
	revs = ov_pdf_doc_revisions(doc, &nrevs);
	CHECK_INT(nrevs, 6);
	CHECK_INT(revs[0].end, fx.base.size);
	ov_pdf_doc_free(doc);

	CHECK_OK(ov_pdf_verify(&rep, five.ptr, five.size, fx.trust));
	CHECK_INT(rep->nsigs, 5);
	CHECK_INT(rep->appended_after_last, 0);
	for (i = 0; i < 5; i++) {
		CHECK_STR(rep->sigs[i].field_name, parties[i].field);
		CHECK(rep->sigs[i].digest_ok);
		CHECK(rep->sigs[i].chain_ok);
		CHECK(rep->sigs[i].covers_to_here);
		CHECK_INT(rep->sigs[i].total, i == 4);
		CHECK(i == 0 || rep->sigs[i].revision_end > rep->sigs[i - 1].revision_end);
	}
	CHECK_STR(rep->sigs[4].signer_name, "Ewa Łukasiewicz-Čapek");
	ov_pdf_report_free(rep);

	CHECK(write_file(at("five.pdf"), five.ptr, five.size) == 0);
	CHECK_INT(pdfsig(&out, at("five.pdf"), 1), 0);
	CHECK_INT(count(out.ptr, "Signature is Valid."), 5);
	CHECK_INT(count(out.ptr, "Certificate is Trusted."), 5);
	CHECK_INT(count(out.ptr, "Total document signed"), 1);
	for (k = 1; k <= 5; k++) {
		sig_block(&blk, out.ptr, k);
		CHECK_CONTAINS(blk.ptr, k == 5 ? "Total document signed" :
			       "Not total document signed");
	}
	CHECK_INT(run(&out, "qpdf --check '%s'", at("five.pdf")), 0);
	CHECK_INT(run(&out, "pdftotext -enc UTF-8 '%s' -", at("five.pdf")), 0);
	CHECK_CONTAINS(out.ptr, "Överenskommelse om samverkan");
	ov_buf_dispose(&five);
	ov_buf_dispose(&out);
	ov_buf_dispose(&blk);
}

/* A page whose /Annots is an indirect array holding a note already, and an
 * indirect /AcroForm whose /Fields is an indirect array: all three are
 * extended in place (as new versions of the same objects), not replaced. */
TEST(sign_existing_annots_and_indirect_form)
{
	ov_buf pdf = OV_BUF_INIT, one = OV_BUF_INIT, two = OV_BUF_INIT, out = OV_BUF_INIT;
	ov_buf cat = OV_BUF_INIT, pg = OV_BUF_INIT, arr = OV_BUF_INIT;
	ov_pdf_doc *doc = NULL;
	ov_pdf_obj *c = NULL, *copy = NULL, *page = NULL, *annots = NULL, *af = NULL,
		   *fields = NULL;
	ov_pdf_report *rep = NULL;
	long long *pages = NULL, size, root, p0;
	size_t npages;
	hobj objs[5];
	char afbody[64];

	CHECK(setup() == 1);
	CHECK_OK(make_pdf(&pdf, WITH_NOTE));
	size = trailer_size(&pdf);
	CHECK_OK(ov_pdf_doc_open(&doc, pdf.ptr, pdf.size));
	CHECK_OK(ov_pdf_doc_catalog(&c, doc));
	root = ov_pdf_dict_get(ov_pdf_doc_trailer(doc), "Root")->num;
	CHECK_OK(ov_pdf_obj_clone(&copy, c));
	CHECK_OK(ov_pdf_dict_set(copy, "AcroForm", ov_pdf_ref_new(size, 0)));
	CHECK_OK(ov_pdf_obj_write(&cat, copy));
	ov_pdf_obj_free(copy);
	CHECK_OK(ov_pdf_doc_pages(&pages, &npages, doc));
	p0 = pages[0];
	free(pages);
	CHECK_OK(ov_pdf_doc_get(&page, doc, p0));
	CHECK_OK(ov_pdf_obj_write(&arr, ov_pdf_dict_get(page, "Annots")));
	CHECK_INT(ov_pdf_dict_get(page, "Annots")->count, 1);
	CHECK_OK(ov_pdf_obj_clone(&copy, page));
	CHECK_OK(ov_pdf_dict_set(copy, "Annots", ov_pdf_ref_new(size + 2, 0)));
	CHECK_OK(ov_pdf_obj_write(&pg, copy));
	ov_pdf_obj_free(copy);
	ov_pdf_doc_free(doc);
	doc = NULL;
	snprintf(afbody, sizeof(afbody), "<</Fields %lld 0 R /SigFlags 1>>", size + 1);
	objs[0] = (hobj){ root, cat.ptr, cat.size };
	objs[1] = (hobj){ size, afbody, strlen(afbody) };
	objs[2] = (hobj){ size + 1, "[]", 2 };
	objs[3] = (hobj){ size + 2, arr.ptr, arr.size };
	objs[4] = (hobj){ p0, pg.ptr, pg.size };
	CHECK_OK(append_update(&pdf, objs, 5, size + 3, NULL));

	CHECK_OK(sign_as(&one, &pdf, &parties[0]));
	CHECK_OK(sign_as(&two, &one, &parties[1]));
	CHECK_OK(ov_pdf_doc_open(&doc, two.ptr, two.size));
	CHECK_OK(ov_pdf_doc_get(&page, doc, p0));
	CHECK(ov_pdf_dict_get(page, "Annots")->type == OV_PDF_REF);
	CHECK_INT(ov_pdf_dict_get(page, "Annots")->num, size + 2);
	CHECK_OK(ov_pdf_doc_resolve(&annots, doc, ov_pdf_dict_get(page, "Annots")));
	CHECK(annots && annots->type == OV_PDF_ARRAY);
	CHECK_INT(annots->count, 3);   /* the note and two widgets */
	CHECK_OK(ov_pdf_doc_catalog(&c, doc));
	CHECK(ov_pdf_dict_get(c, "AcroForm")->type == OV_PDF_REF);
	CHECK_OK(ov_pdf_doc_resolve(&af, doc, ov_pdf_dict_get(c, "AcroForm")));
	CHECK_INT(ov_pdf_dict_get(af, "SigFlags")->num, 3);
	CHECK(ov_pdf_dict_get(af, "Fields")->type == OV_PDF_REF);
	CHECK_OK(ov_pdf_doc_resolve(&fields, doc, ov_pdf_dict_get(af, "Fields")));
	CHECK_INT(fields->count, 2);
	ov_pdf_doc_free(doc);
	/* the page and catalog were not rewritten by the signatures */
	CHECK(!find(&two, pdf.size, "/Type /Catalog"));
	CHECK(!find(&two, pdf.size, "/Type /Page"));

	CHECK_OK(ov_pdf_verify(&rep, two.ptr, two.size, fx.trust));
	CHECK_INT(rep->nsigs, 2);
	CHECK(rep->sigs[0].digest_ok && rep->sigs[1].digest_ok);
	CHECK(rep->sigs[0].covers_to_here && rep->sigs[1].total);
	ov_pdf_report_free(rep);
	CHECK(write_file(at("annots.pdf"), two.ptr, two.size) == 0);
	CHECK_INT(pdfsig(&out, at("annots.pdf"), 1), 0);
	CHECK_INT(count(out.ptr, "Signature is Valid."), 2);
	CHECK_INT(count(out.ptr, "Certificate is Trusted."), 2);
	CHECK_INT(run(&out, "qpdf --check '%s'", at("annots.pdf")), 0);
	ov_buf_dispose(&pdf);
	ov_buf_dispose(&one);
	ov_buf_dispose(&two);
	ov_buf_dispose(&out);
	ov_buf_dispose(&cat);
	ov_buf_dispose(&pg);
	ov_buf_dispose(&arr);
}

/* A trailer /ID (here from an update that only adds it) is kept. */
TEST(sign_keeps_id)
{
	ov_buf pdf = OV_BUF_INIT, one = OV_BUF_INIT, id0 = OV_BUF_INIT, id1 = OV_BUF_INIT;
	ov_pdf_doc *doc = NULL;
	ov_pdf_report *rep = NULL;
	const ov_pdf_obj *id;

	CHECK(setup() == 1);
	ov_buf_put(&pdf, fx.base.ptr, fx.base.size);
	CHECK_OK(append_update(&pdf, NULL, 0, trailer_size(&pdf),
			       " /ID [<00112233445566778899AABBCCDDEEFF> "
			       "<FFEEDDCCBBAA99887766554433221100>]"));
	CHECK_OK(ov_pdf_doc_open(&doc, pdf.ptr, pdf.size));
	id = ov_pdf_dict_get(ov_pdf_doc_trailer(doc), "ID");
	CHECK(id && id->type == OV_PDF_ARRAY && id->count == 2);
	CHECK_OK(ov_pdf_obj_write(&id0, id));
	ov_pdf_doc_free(doc);
	CHECK_OK(sign_as(&one, &pdf, &parties[0]));
	CHECK_OK(ov_pdf_doc_open(&doc, one.ptr, one.size));
	CHECK_OK(ov_pdf_obj_write(&id1, ov_pdf_dict_get(ov_pdf_doc_trailer(doc), "ID")));
	CHECK_STR(id1.ptr, id0.ptr);
	ov_pdf_doc_free(doc);
	CHECK_OK(ov_pdf_verify(&rep, one.ptr, one.size, fx.trust));
	CHECK(rep->nsigs == 1 && rep->sigs[0].digest_ok && rep->sigs[0].total);
	ov_pdf_report_free(rep);
	ov_buf_dispose(&pdf);
	ov_buf_dispose(&one);
	ov_buf_dispose(&id0);
	ov_buf_dispose(&id1);
}

TEST(sign_refusals)
{
	ov_buf out = OV_BUF_INIT, one = OV_BUF_INIT, bad = OV_BUF_INIT;
	creds a = { NULL, NULL, NULL }, b = { NULL, NULL, NULL }, x = { NULL, NULL, NULL };
	ov_sign_request r;
	char *p;

	CHECK(setup() == 1);
	CHECK_OK(load(&a, "anna"));
	CHECK_OK(load(&b, "bertil"));

	/* certificates */
	fill_request(&r, &parties[0], &a);
	r.key = b.key;
	CHECK_ERR(ov_pdf_sign(&out, fx.base.ptr, fx.base.size, &r), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "private key does not belong");
	CHECK_OK(load(&x, "expired"));
	fill_request(&r, &parties[0], &x);
	CHECK_ERR(ov_pdf_sign(&out, fx.base.ptr, fx.base.size, &r), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "has expired at the signing time");
	creds_free(&x);
	CHECK_OK(load(&x, "notyet"));
	fill_request(&r, &parties[0], &x);
	CHECK_ERR(ov_pdf_sign(&out, fx.base.ptr, fx.base.size, &r), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "is not valid yet");
	creds_free(&x);
	CHECK_OK(load(&x, "nosign"));
	fill_request(&r, &parties[0], &x);
	CHECK_ERR(ov_pdf_sign(&out, fx.base.ptr, fx.base.size, &r), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "does not allow signing");
	creds_free(&x);
	CHECK_INT(out.size, 0);

	/* requests */
	fill_request(&r, &parties[0], &a);
	r.page = 2;
	CHECK_ERR(ov_pdf_sign(&out, fx.base.ptr, fx.base.size, &r), OV_EINVALID);
	CHECK_STR(ov_error_last()->message, "page index 2 is beyond the "
		  "document's 2 pages");
	r.page = 0;
	r.w = 0;
	CHECK_ERR(ov_pdf_sign(&out, fx.base.ptr, fx.base.size, &r), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "is not a box on a page");
	fill_request(&r, &parties[0], &a);
	r.field_name = "a.b";
	CHECK_ERR(ov_pdf_sign(&out, fx.base.ptr, fx.base.size, &r), OV_EINVALID);
	fill_request(&r, &parties[0], &a);
	r.look.title = "bad \xff";
	CHECK_ERR(ov_pdf_sign(&out, fx.base.ptr, fx.base.size, &r), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "not valid UTF-8");
	CHECK_INT(out.size, 0);

	/* the same field twice */
	CHECK_OK(sign_chain(&one, 1));
	fill_request(&r, &parties[1], &b);
	r.field_name = parties[0].field;
	CHECK_ERR(ov_pdf_sign(&out, one.ptr, one.size, &r), OV_EEXISTS);
	CHECK_STR(ov_error_last()->message, "a signature field named "
		  "'Underskrift-krets' already exists");

	/* input that is not a signable PDF */
	fill_request(&r, &parties[0], &a);
	CHECK_ERR(ov_pdf_sign(&out, "<html></html>", 13, &r), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "not a PDF");
	CHECK_ERR(ov_pdf_sign(&out, fx.base.ptr, fx.base.size - 200, &r), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "truncated");
	ov_buf_put(&bad, fx.base.ptr, fx.base.size);
	p = find(&bad, bad.size - 2000, " 00000 n\r\n");
	CHECK(p != NULL);
	p[-2] = ' ';
	CHECK_ERR(ov_pdf_sign(&out, bad.ptr, bad.size, &r), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "malformed xref entry");
	ov_buf_clear(&bad);
	ov_buf_put(&bad, fx.base.ptr, fx.base.size);
	CHECK_OK(append_update(&bad, NULL, 0, trailer_size(&bad), " /Encrypt 3 0 R"));
	CHECK_ERR(ov_pdf_sign(&out, bad.ptr, bad.size, &r), OV_EINVALID);
	CHECK_STR(ov_error_last()->message, "PDF: an encrypted document cannot be "
		  "signed here");
	CHECK_INT(out.size, 0);
	creds_free(&a);
	creds_free(&b);
	ov_buf_dispose(&out);
	ov_buf_dispose(&one);
	ov_buf_dispose(&bad);
}

TEST(untrusted_signer)
{
	ov_buf one = OV_BUF_INIT, out = OV_BUF_INIT;
	ov_pdf_report *rep = NULL;
	creds s = { NULL, NULL, NULL };
	ov_sign_request r;

	CHECK(setup() == 1);
	CHECK_OK(load(&s, "stranger"));
	fill_request(&r, &parties[0], &s);
	CHECK_OK(ov_pdf_sign(&one, fx.base.ptr, fx.base.size, &r));
	creds_free(&s);
	CHECK_OK(ov_pdf_verify(&rep, one.ptr, one.size, fx.trust));
	CHECK_INT(rep->nsigs, 1);
	CHECK(rep->sigs[0].digest_ok);
	CHECK(!rep->sigs[0].chain_ok);
	/* the CMS carries the stranger's own CA, which nobody trusts */
	CHECK_STR(rep->sigs[0].chain_error, "self-signed certificate in "
		  "certificate chain (certificate Okänd CA, chain depth 1)");
	CHECK_STR(rep->sigs[0].signer_name, "Främling Fri");
	ov_pdf_report_free(rep);
	CHECK(write_file(at("stranger.pdf"), one.ptr, one.size) == 0);
	CHECK_INT(pdfsig(&out, at("stranger.pdf"), 1), 0);
	CHECK_CONTAINS(out.ptr, "Signature is Valid.");
	CHECK(!strstr(out.ptr, "Certificate is Trusted."));
	ov_buf_dispose(&one);
	ov_buf_dispose(&out);
}

/* ------------------------------------------------------------------ */
/* Tampering                                                           */

TEST(tamper_flipped_byte)
{
	ov_buf two = OV_BUF_INIT, out = OV_BUF_INIT;
	ov_pdf_report *rep = NULL;
	char *p;

	CHECK(setup() == 1);
	CHECK_OK(sign_chain(&two, 2));
	/* a letter in the Producer string of the first revision */
	p = find(&two, 0, "Haru Free PDF");
	CHECK(p != NULL);
	p[0] = 'h';
	CHECK_OK(ov_pdf_verify(&rep, two.ptr, two.size, fx.trust));
	CHECK_INT(rep->nsigs, 2);
	CHECK(!rep->sigs[0].digest_ok && !rep->sigs[1].digest_ok);
	CHECK_STR(rep->sigs[0].digest_error, "kontrollsumman stämmer inte: de "
		  "undertecknade byten har ändrats efter underskriften");
	CHECK(rep->sigs[0].covers_to_here);   /* the ranges are still sane */
	ov_pdf_report_free(rep);
	CHECK(write_file(at("flipped.pdf"), two.ptr, two.size) == 0);
	pdfsig(&out, at("flipped.pdf"), 0);
	CHECK_INT(count(out.ptr, "Digest Mismatch.") +
		  count(out.ptr, "Signature is Invalid."), 2);
	CHECK_INT(count(out.ptr, "Signature is Valid."), 0);
	ov_buf_dispose(&two);
	ov_buf_dispose(&out);
}

TEST(tamper_appended_page)
{
	ov_buf two = OV_BUF_INIT, out = OV_BUF_INIT, pages = OV_BUF_INIT,
	       page = OV_BUF_INIT;
	ov_pdf_report *rep = NULL;
	ov_pdf_doc *doc = NULL;
	ov_pdf_obj *cat = NULL, *pg = NULL, *copy = NULL;
	long long size, pnum;
	static const char content[] = "<</Length 18>>\nstream\n0 0 m 300 300 l S\n"
				      "endstream";
	hobj objs[3];

	CHECK(setup() == 1);
	CHECK_OK(sign_chain(&two, 2));
	size = trailer_size(&two);
	CHECK_OK(ov_pdf_doc_open(&doc, two.ptr, two.size));
	CHECK_OK(ov_pdf_doc_catalog(&cat, doc));
	pnum = ov_pdf_dict_get(cat, "Pages")->num;
	CHECK_OK(ov_pdf_doc_get(&pg, doc, pnum));
	CHECK_OK(ov_pdf_obj_clone(&copy, pg));
	CHECK_OK(ov_pdf_array_push(ov_pdf_dict_get(copy, "Kids"), ov_pdf_ref_new(size, 0)));
	CHECK_OK(ov_pdf_dict_set(copy, "Count", ov_pdf_int_new(3)));
	CHECK_OK(ov_pdf_obj_write(&pages, copy));
	ov_pdf_obj_free(copy);
	ov_pdf_doc_free(doc);
	ov_buf_printf(&page, "<</Type /Page /Parent %lld 0 R /MediaBox [0 0 595 842] "
		      "/Contents %lld 0 R /Resources <<>>>>", pnum, size + 1);
	objs[0] = (hobj){ pnum, pages.ptr, pages.size };
	objs[1] = (hobj){ size, page.ptr, page.size };
	objs[2] = (hobj){ size + 1, content, strlen(content) };
	CHECK_OK(append_update(&two, objs, 3, size + 2, NULL));

	CHECK_OK(ov_pdf_verify(&rep, two.ptr, two.size, fx.trust));
	CHECK_INT(rep->nsigs, 2);
	CHECK_INT(rep->appended_after_last, 1);
	CHECK(rep->sigs[0].digest_ok && rep->sigs[1].digest_ok);
	CHECK(rep->sigs[1].covers_to_here && !rep->sigs[1].total);
	CHECK(rep->sigs[1].range_end < two.size);
	ov_pdf_report_free(rep);
	CHECK(write_file(at("appended.pdf"), two.ptr, two.size) == 0);
	CHECK_INT(run(&out, "qpdf --check '%s'", at("appended.pdf")), 0);
	CHECK_INT(run(&out, "pdfinfo '%s'", at("appended.pdf")), 0);
	CHECK_STR(info_field(&out, "Pages"), "3");
	CHECK_INT(pdfsig(&out, at("appended.pdf"), 0), 0);
	CHECK_INT(count(out.ptr, "Signature is Valid."), 2);
	CHECK_INT(count(out.ptr, "Total document signed"), 0);
	ov_buf_dispose(&two);
	ov_buf_dispose(&out);
	ov_buf_dispose(&pages);
	ov_buf_dispose(&page);
}

TEST(tamper_replaced_xml)
{
	ov_buf two = OV_BUF_INIT, body = OV_BUF_INIT, got = OV_BUF_INIT, out = OV_BUF_INIT;
	ov_pdf_report *rep = NULL;
	ov_pdf_doc *doc = NULL;
	ov_pdf_obj *cat = NULL, *names = NULL, *ef = NULL, *tree = NULL, *spec = NULL,
		   *efd = NULL;
	static const char fake[] = "<?xml version=\"1.0\"?><avtal id=\"2026-0001\">"
				   "<belopp>1000000</belopp></avtal>\n";
	hobj obj;

	CHECK(setup() == 1);
	CHECK_OK(sign_chain(&two, 2));
	CHECK_OK(ov_pdf_doc_open(&doc, two.ptr, two.size));
	CHECK_OK(ov_pdf_doc_catalog(&cat, doc));
	CHECK_OK(ov_pdf_doc_resolve(&names, doc, ov_pdf_dict_get(cat, "Names")));
	CHECK_OK(ov_pdf_doc_resolve(&tree, doc, ov_pdf_dict_get(names, "EmbeddedFiles")));
	ef = ov_pdf_dict_get(tree, "Names");
	CHECK(ef && ef->count == 2);
	CHECK_OK(ov_pdf_doc_resolve(&spec, doc, ef->items[1]));
	CHECK_OK(ov_pdf_doc_resolve(&efd, doc, ov_pdf_dict_get(spec, "EF")));
	obj.num = ov_pdf_dict_get(efd, "F")->num;
	ov_pdf_doc_free(doc);
	ov_buf_printf(&body, "<</Type /EmbeddedFile /Length %zu>>\nstream\n%s\n"
		      "endstream", strlen(fake), fake);
	obj.body = body.ptr;
	obj.len = body.size;
	CHECK_OK(append_update(&two, &obj, 1, trailer_size(&two), NULL));

	CHECK_OK(ov_pdf_embedded_file(&got, two.ptr, two.size, NULL));
	CHECK_STR(got.ptr, fake);
	CHECK(strcmp(got.ptr, xml_text) != 0);
	CHECK_OK(ov_pdf_verify(&rep, two.ptr, two.size, fx.trust));
	CHECK_INT(rep->appended_after_last, 1);
	CHECK(rep->sigs[0].digest_ok && rep->sigs[1].digest_ok);
	CHECK(!rep->sigs[1].total);
	ov_pdf_report_free(rep);
	/* pdfdetach sees the new content too */
	CHECK(write_file(at("replaced.pdf"), two.ptr, two.size) == 0);
	CHECK_INT(run(&out, "qpdf --check '%s'", at("replaced.pdf")), 0);
	CHECK_INT(run(&out, "pdfdetach -save 1 -o /dev/stdout '%s'",
		      at("replaced.pdf")), 0);
	CHECK_STR(out.ptr, fake);
	ov_buf_dispose(&two);
	ov_buf_dispose(&body);
	ov_buf_dispose(&got);
	ov_buf_dispose(&out);
}

/* Rewrites the numbers inside the (space-padded) /ByteRange of the last
 * signature in place. */
static int bend_range(ov_buf *pdf, long long a, long long b, long long c)
{
	char *p = NULL, *q, *end;
	char text[40];
	size_t from = 0;
	int n;

	while ((q = find(pdf, from, "/ByteRange [0 "))) {
		p = q;
		from = (size_t)(q - pdf->ptr) + 1;
	}
	if (!p)
		return -1;
	p += 14;
	end = strchr(p, ']');
	n = snprintf(text, sizeof(text), "%lld %lld %lld", a, b, c);
	if (!end || n > end - p)
		return -1;
	memset(p, ' ', (size_t)(end - p));
	memcpy(p, text, (size_t)n);
	return 0;
}

TEST(tamper_byte_ranges)
{
	ov_buf one = OV_BUF_INIT, t = OV_BUF_INIT;
	ov_pdf_report *rep = NULL;
	ov_pdf_doc *doc = NULL;
	long long a, b, c;
	char *p;

	CHECK(setup() == 1);
	CHECK_OK(sign_chain(&one, 1));
	p = find(&one, fx.base.size, "/Contents <");
	CHECK(p != NULL);
	a = p + 10 - one.ptr;
	b = a + OV_SIGN_CONTENTS_HEX + 2;
	c = (long long)one.size - b;

	/* a gap that starts early */
	ov_buf_put(&t, one.ptr, one.size);
	CHECK(bend_range(&t, a - 5, b, c) == 0);
	CHECK_OK(ov_pdf_verify(&rep, t.ptr, t.size, fx.trust));
	CHECK(!rep->sigs[0].digest_ok && !rep->sigs[0].covers_to_here);
	CHECK_CONTAINS(rep->sigs[0].digest_error, "är inte exakt strängen /Contents");
	ov_pdf_report_free(rep);
	/* ranges that stop short of the revision end */
	ov_buf_clear(&t);
	ov_buf_put(&t, one.ptr, one.size);
	CHECK(bend_range(&t, a, b, c - 100) == 0);
	CHECK_OK(ov_pdf_verify(&rep, t.ptr, t.size, fx.trust));
	CHECK(!rep->sigs[0].digest_ok && !rep->sigs[0].covers_to_here);
	CHECK(!rep->sigs[0].total);
	CHECK_INT(rep->appended_after_last, 1);
	ov_pdf_report_free(rep);
	/* beyond the file, overlapping, huge */
	ov_buf_clear(&t);
	ov_buf_put(&t, one.ptr, one.size);
	CHECK(bend_range(&t, a, b, c + 1) == 0);
	CHECK_OK(ov_pdf_verify(&rep, t.ptr, t.size, fx.trust));
	CHECK_CONTAINS(rep->sigs[0].digest_error, "går utanför filen");
	ov_pdf_report_free(rep);
	ov_buf_clear(&t);
	ov_buf_put(&t, one.ptr, one.size);
	CHECK(bend_range(&t, b, a, c) == 0);
	CHECK_OK(ov_pdf_verify(&rep, t.ptr, t.size, fx.trust));
	CHECK(!rep->sigs[0].digest_ok);
	CHECK_CONTAINS(rep->sigs[0].digest_error, "/ByteRange [0 ");
	ov_pdf_report_free(rep);
	ov_buf_clear(&t);
	ov_buf_put(&t, one.ptr, one.size);
	CHECK(bend_range(&t, 9999999999LL, 9999999999LL, 9999999999LL) == 0);
	CHECK_OK(ov_pdf_verify(&rep, t.ptr, t.size, fx.trust));
	CHECK(!rep->sigs[0].digest_ok);
	ov_pdf_report_free(rep);
	/* a /Contents that is not a CMS */
	ov_buf_clear(&t);
	ov_buf_put(&t, one.ptr, one.size);
	CHECK(!memcmp(t.ptr + a + 1, "3082", 4));   /* a DER SEQUENCE */
	memcpy(t.ptr + a + 1, "04020000", 8);       /* now an OCTET STRING */
	CHECK_OK(ov_pdf_verify(&rep, t.ptr, t.size, fx.trust));
	CHECK(!rep->sigs[0].digest_ok);
	CHECK_STR(rep->sigs[0].digest_error, "/Contents är inte en CMS SignedData");
	ov_pdf_report_free(rep);
	ov_pdf_doc_free(doc);
	ov_buf_dispose(&one);
	ov_buf_dispose(&t);
}

/* ------------------------------------------------------------------ */
/* Hostile input                                                       */

TEST(verify_unsigned_and_bad_input)
{
	ov_pdf_report *rep = NULL;
	ov_buf two = OV_BUF_INIT, out = OV_BUF_INIT;
	size_t cut;

	CHECK(setup() == 1);
	CHECK_OK(ov_pdf_verify(&rep, fx.base.ptr, fx.base.size, fx.trust));
	CHECK_INT(rep->nsigs, 0);
	CHECK_INT(rep->appended_after_last, 0);
	CHECK(rep->parse_ok);
	ov_pdf_report_free(rep);
	rep = NULL;
	CHECK_ERR(ov_pdf_verify(&rep, "not a pdf at all", 16, fx.trust), OV_EINVALID);
	CHECK_STR(ov_error_last()->message, "PDF offset 0: not a PDF (no %PDF- header)");
	CHECK(rep == NULL);
	CHECK_ERR(ov_pdf_embedded_file(&out, "%PDF-1.3\n", 9, NULL), OV_EINVALID);

	/*
	 * Every 331st cut of a signed file is refused cleanly: unreadable, or,
	 * once a whole signed revision precedes the cut, that revision with
	 * bytes appended after its signature (never a clean verdict).
	 */
	CHECK_OK(sign_chain(&two, 2));
	for (cut = 0; cut + 1 < two.size; cut += 331) {
		char *copy = malloc(cut + 1);
		int rc;

		memcpy(copy, two.ptr, cut);
		rc = ov_pdf_verify(&rep, copy, cut, fx.trust);
		if (rc == OV_OK) {
			CHECK(rep->nsigs >= 1);
			CHECK(rep->appended_after_last);
			CHECK(rep->appended_at <= cut);
			ov_pdf_report_free(rep);
			rep = NULL;
		} else {
			CHECK_ERR(rc, OV_EINVALID);
			CHECK_CONTAINS(ov_error_last()->message, "PDF offset ");
			CHECK(rep == NULL);
		}
		free(copy);
	}
	ov_buf_dispose(&two);
	ov_buf_dispose(&out);
}

/* Random byte changes to a signed file: every result is a clean code. */
TEST(verify_mutations)
{
	ov_buf two = OV_BUF_INIT, m = OV_BUF_INIT, out = OV_BUF_INIT;
	unsigned long long seed = 0x5eed;
	int i, k, ok = 0, refused = 0, other = 0;

	CHECK(setup() == 1);
	CHECK_OK(sign_chain(&two, 2));
	for (i = 0; i < 400; i++) {
		ov_pdf_report *rep = NULL;
		int changes, err, err2;

		ov_buf_clear(&m);
		ov_buf_put(&m, two.ptr, two.size);
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		changes = 1 + (int)(seed >> 60) % 4;
		for (k = 0; k < changes; k++) {
			size_t pos;

			seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
			/* half in the structure of the updates, half anywhere */
			if (seed >> 63)
				pos = fx.base.size - 2000 + (size_t)(seed >> 20) %
				      (two.size - fx.base.size + 2000);
			else
				pos = (size_t)(seed >> 20) % two.size;
			m.ptr[pos] = (char)(seed >> 8);
		}
		err = ov_pdf_verify(&rep, m.ptr, m.size, fx.trust);
		ov_buf_clear(&out);
		err2 = ov_pdf_embedded_file(&out, m.ptr, m.size, NULL);
		if (err == OV_OK && rep && rep->nsigs <= 2)
			ok++;
		else if (err == OV_EINVALID && !rep)
			refused++;
		else
			other++;
		if (err2 != OV_OK && err2 != OV_EINVALID && err2 != OV_ENOTFOUND)
			other++;
		ov_pdf_report_free(rep);
	}
	CHECK_INT(other, 0);
	CHECK_INT(ok + refused, 400);
	CHECK(ok > 0 && refused > 0);   /* both paths were exercised */
	ov_buf_dispose(&two);
	ov_buf_dispose(&m);
	ov_buf_dispose(&out);
}

/* `pdf` with page 0 rewritten with /Rotate 90 in an unsigned update. */
static int rotate_first_page(ov_buf *pdf)
{
	ov_pdf_doc *doc = NULL;
	ov_pdf_obj *page = NULL, *copy = NULL;
	ov_buf body = OV_BUF_INIT;
	long long *pages = NULL, size;
	size_t n = 0;
	hobj o;
	int err;

	if ((err = ov_pdf_doc_open(&doc, pdf->ptr, pdf->size)) < 0 ||
	    (err = ov_pdf_doc_pages(&pages, &n, doc)) < 0 ||
	    (err = ov_pdf_doc_get(&page, doc, pages[0])) < 0 ||
	    (err = ov_pdf_obj_clone(&copy, page)) < 0 ||
	    (err = ov_pdf_dict_set(copy, "Rotate", ov_pdf_int_new(90))) < 0 ||
	    (err = ov_pdf_obj_write(&body, copy)) < 0)
		goto done;
	size = ov_pdf_dict_get(ov_pdf_doc_trailer(doc), "Size")->num;
	o.num = pages[0];
	o.body = body.ptr;
	o.len = body.size;
	err = append_update(pdf, &o, 1, size, NULL);
done:
	ov_pdf_obj_free(copy);
	ov_buf_dispose(&body);
	free(pages);
	ov_pdf_doc_free(doc);
	return err;
}

TEST(certify_and_changes_between_signatures)
{
	ov_buf one = OV_BUF_INIT, two = OV_BUF_INIT, mid = OV_BUF_INIT;
	ov_pdf_report *rep = NULL;
	creds c = { NULL, NULL, NULL };
	ov_sign_request r;
	char *why = NULL;
	size_t where = 0;

	CHECK(setup() == 1);
	/* the first signature certifies: DocMDP P 2 */
	CHECK_OK(sign_as_certify(&one, &fx.base, &parties[0], 1));
	CHECK(has_bytes(&one, fx.base.size, "/TransformMethod /DocMDP"));
	CHECK(has_bytes(&one, fx.base.size, "/Perms"));
	/* ... and only the first */
	CHECK_OK(load(&c, parties[1].who));
	fill_request(&r, &parties[1], &c);
	r.certify = 1;
	CHECK_ERR(ov_pdf_sign(&two, one.ptr, one.size, &r), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "only the first signature can certify");
	creds_free(&c);

	/* a second signature is the one allowed change */
	CHECK_OK(sign_as(&two, &one, &parties[1]));
	CHECK_OK(ov_pdf_verify(&rep, two.ptr, two.size, fx.trust));
	CHECK_INT(rep->nsigs, 2);
	CHECK_INT(rep->sigs[0].certify_p, 2);
	CHECK_INT(rep->sigs[1].certify_p, 0);
	CHECK(rep->sigs[0].change_error == NULL);
	CHECK(rep->sigs[0].digest_ok && rep->sigs[1].digest_ok);
	ov_pdf_report_free(rep);
	CHECK_OK(ov_pdf_check_update(&why, &where, two.ptr, one.size, two.size,
				     "Underskrift-kommun"));
	CHECK(why == NULL);
	/* the same update, expected under another name */
	CHECK_OK(ov_pdf_check_update(&why, &where, two.ptr, one.size, two.size,
				     "Underskrift-annan"));
	CHECK_CONTAINS(why, "inte nästa underskrift 'Underskrift-annan'");
	free(why);
	why = NULL;

	/* an unsigned update between the signatures: both still verify
	 * mathematically, but the change is named */
	ov_buf_put(&mid, one.ptr, one.size);
	CHECK_OK(rotate_first_page(&mid));
	CHECK_OK(sign_as(&two, &mid, &parties[1]));
	CHECK_OK(ov_pdf_verify(&rep, two.ptr, two.size, fx.trust));
	CHECK_INT(rep->nsigs, 2);
	CHECK(rep->sigs[0].digest_ok && rep->sigs[1].digest_ok);
	CHECK_CONTAINS(rep->sigs[0].change_error, "sidobjekt");
	CHECK_CONTAINS(rep->sigs[0].change_error, "(/Rotate)");
	CHECK(rep->sigs[0].change_offset > one.size);
	CHECK(rep->sigs[1].change_error == NULL);
	ov_pdf_report_free(rep);
	ov_buf_dispose(&one);
	ov_buf_dispose(&two);
	ov_buf_dispose(&mid);
}

/* 1 if the newest section of `pdf` is a cross-reference stream whose
 * /Prev is the one before. */
static int newest_is_xref_stream(const ov_buf *pdf)
{
	ov_pdf_doc *doc = NULL;
	const ov_pdf_revision *revs;
	size_t n = 0;
	int ok;

	if (ov_pdf_doc_open(&doc, pdf->ptr, pdf->size) < 0)
		return 0;
	revs = ov_pdf_doc_revisions(doc, &n);
	ok = ov_pdf_doc_trailer(doc)->type == OV_PDF_STREAM && revs[n - 1].xref_obj > 0 &&
	     (n == 1 || ov_pdf_dict_get(ov_pdf_doc_trailer(doc), "Prev"));
	ov_pdf_doc_free(doc);
	return ok;
}

/* A document whose objects lie in object streams behind a cross-reference
 * stream, as the renderer writes them: each signature adds a
 * cross-reference stream, the signatures verify here and in the tools, and
 * an update between them that changes a packed object is named. */
TEST(sign_packed_document)
{
	ov_buf base = OV_BUF_INIT, one = OV_BUF_INIT, two = OV_BUF_INIT, mid = OV_BUF_INIT;
	ov_buf out = OV_BUF_INIT;
	ov_pdf_report *rep = NULL;
	char *why = NULL;
	const char *path;

	CHECK(setup() == 1);
	CHECK_OK(pdf_pack(&base, fx.base.ptr, fx.base.size));
	CHECK(base.size < fx.base.size);
	CHECK(newest_is_xref_stream(&base));
	CHECK_OK(sign_as_certify(&one, &base, &parties[0], 1));
	CHECK_OK(sign_as(&two, &one, &parties[1]));
	CHECK(!memcmp(two.ptr, base.ptr, base.size));
	CHECK(newest_is_xref_stream(&one) && newest_is_xref_stream(&two));
	/* every section of one kind: no table, no trailer keyword */
	CHECK(!has_bytes(&two, base.size, "\nxref\n"));
	CHECK(!has_bytes(&two, base.size, "trailer"));
	CHECK(has_bytes(&two, one.size, "/Type /XRef"));

	CHECK_OK(ov_pdf_verify(&rep, two.ptr, two.size, fx.trust));
	CHECK_INT(rep->nsigs, 2);
	CHECK(rep->parse_ok);
	CHECK(rep->sigs[0].digest_ok && rep->sigs[1].digest_ok);
	CHECK(rep->sigs[0].chain_ok && rep->sigs[1].chain_ok);
	CHECK_INT(rep->sigs[0].certify_p, 2);
	CHECK(rep->sigs[0].change_error == NULL && rep->sigs[1].change_error == NULL);
	CHECK_INT(rep->sigs[0].revision_end, one.size);
	CHECK_INT(rep->sigs[1].revision_end, two.size);
	ov_pdf_report_free(rep);
	rep = NULL;
	CHECK_OK(ov_pdf_check_update(&why, NULL, two.ptr, one.size, two.size,
				     "Underskrift-kommun"));
	CHECK(why == NULL);
	ov_buf_clear(&out);
	CHECK_OK(ov_pdf_embedded_file(&out, two.ptr, two.size, NULL));
	CHECK_STR(out.ptr, xml_text);

	path = at("packed-two.pdf");
	CHECK(write_file(path, two.ptr, two.size) == 0);
	CHECK_INT(pdfsig(&out, path, 1), 0);
	CHECK_INT(count(out.ptr, "Signature is Valid."), 2);
	CHECK_INT(count(out.ptr, "Certificate is Trusted."), 2);
	CHECK_INT(count(out.ptr, "Total document signed"), 1);
	CHECK_INT(run(&out, "qpdf --check '%s'", path), 0);
	CHECK_CONTAINS(out.ptr, "No syntax or stream encoding errors found");
	CHECK_INT(run2(&out, "pdftotext -enc UTF-8 '%s' -", path), 0);
	CHECK_CONTAINS(out.ptr, "Sida två: underskrifter");
	CHECK(!strstr(out.ptr, "rror"));

	/* the packed first page rotated in an update between the signatures */
	ov_buf_put(&mid, one.ptr, one.size);
	CHECK_OK(rotate_first_page(&mid));
	CHECK_OK(sign_as(&two, &mid, &parties[1]));
	CHECK_OK(ov_pdf_verify(&rep, two.ptr, two.size, fx.trust));
	CHECK_INT(rep->nsigs, 2);
	CHECK(rep->sigs[0].digest_ok && rep->sigs[1].digest_ok);
	CHECK_CONTAINS(rep->sigs[0].change_error, "(/Rotate)");
	CHECK(rep->sigs[1].change_error == NULL);
	ov_pdf_report_free(rep);
	ov_buf_dispose(&base);
	ov_buf_dispose(&one);
	ov_buf_dispose(&two);
	ov_buf_dispose(&mid);
	ov_buf_dispose(&out);
}

/* DER of the PEM file `name` in the fixture (a certificate or a CRL). */
static int der_of(ov_buf *out, const char *name, int crl)
{
	ov_buf_clear(out);
	return run(out, "openssl %s -in '%s' -outform DER", crl ? "crl" : "x509", at(name));
}

#define SIGN_CNF OV_SOURCE_DIR "/tests/fixtures/sign/openssl.cnf"

/* The CA's CRL now, as crl-<tag>.pem. */
static int make_crl(const char *tag)
{
	return run(NULL, "cd '%s' && OVT_CADIR='%s/ca' openssl ca -batch -config '%s' -gencrl "
		   "-crldays 1 -cert ca.pem -keyfile ca.key -out crl-%s.pem 2>/dev/null", fx.dir,
		   fx.dir, SIGN_CNF, tag);
}

/* The DSS of `pdf` read back into *dss (and *doc, which it needs). */
static int dss_of(ov_dss **dss, ov_pdf_doc **doc, const ov_buf *pdf)
{
	int err;

	ov_dss_free(*dss);
	*dss = NULL;
	ov_pdf_doc_free(*doc);
	*doc = NULL;
	if ((err = ov_pdf_doc_open(doc, pdf->ptr, pdf->size)) < 0)
		return err;
	return ov_dss_read(dss, *doc);
}

/* `pdf` with the DSS update `add` into *out (emptied first), that DSS read back into *dss. */
static int with_dss(ov_dss **dss, ov_pdf_doc **doc, ov_buf *out, const ov_buf *pdf,
		    const ov_dss_data *add)
{
	int err;

	ov_buf_clear(out);
	if ((err = ov_pdf_add_dss(out, pdf->ptr, pdf->size, add)) < 0)
		return err;
	return dss_of(dss, doc, out);
}

TEST(dss_update)
{
	ov_buf two = OV_BUF_INIT, lt = OV_BUF_INIT, lt2 = OV_BUF_INIT, bad = OV_BUF_INIT;
	ov_buf certs[2] = { OV_BUF_INIT, OV_BUF_INIT }, crl = OV_BUF_INIT, junk = OV_BUF_INIT;
	ov_pdf_report *rep = NULL;
	ov_pdf_doc *doc = NULL;
	ov_dss *dss = NULL;
	ov_dss_data add;
	ov_pdf_obj *cat = NULL, *d = NULL, *arr = NULL;
	creds c = { NULL, NULL, NULL };
	long long now = (long long)time(NULL);
	char *why = NULL;
	int st = -1;

	CHECK(setup() == 1);
	CHECK_OK(sign_chain(&two, 2));
	CHECK_INT(make_crl("good"), 0);
	CHECK_INT(der_of(&certs[0], "anna.pem", 0), 0);
	CHECK_INT(der_of(&certs[1], "ca.pem", 0), 0);
	CHECK_INT(der_of(&crl, "crl-good.pem", 1), 0);
	memset(&add, 0, sizeof(add));
	add.certs = certs;
	add.ncerts = 2;
	add.crls = &crl;
	add.ncrls = 1;
	CHECK_OK(ov_pdf_add_dss(&lt, two.ptr, two.size, &add));
	CHECK(!memcmp(lt.ptr, two.ptr, two.size));
	CHECK(has_bytes(&lt, two.size, "/Type /DSS"));

	/* validation data after the last signature is no change to it, but
	 * not the next signature either */
	CHECK_OK(ov_pdf_check_dss_update(&why, NULL, lt.ptr, two.size, lt.size));
	CHECK(why == NULL);
	CHECK_OK(ov_pdf_check_update(&why, NULL, lt.ptr, two.size, lt.size, NULL));
	CHECK_CONTAINS(why, "formulärfält");
	free(why);
	why = NULL;
	CHECK_OK(ov_pdf_verify(&rep, lt.ptr, lt.size, fx.trust));
	CHECK(rep->dss && rep->dss_after_last && !rep->appended_after_last);
	CHECK(rep->dss_error == NULL);
	CHECK(rep->sigs[0].revocation_checked);
	CHECK_INT(rep->sigs[0].revocation_status, OV_REV_GOOD);
	CHECK(rep->sigs[0].chain_ok && rep->sigs[1].chain_ok);
	ov_pdf_report_free(rep);
	rep = NULL;
	/* a signature after the DSS is not what the DSS rule allows */
	CHECK_OK(sign_as(&lt2, &lt, &parties[2]));
	CHECK_OK(ov_pdf_check_dss_update(&why, NULL, lt2.ptr, lt.size, lt2.size));
	CHECK(why != NULL);
	free(why);
	why = NULL;

	/* a second DSS keeps the first one's entries */
	memset(&add, 0, sizeof(add));
	add.certs = certs;
	add.ncerts = 1;
	CHECK_OK(with_dss(&dss, &doc, &lt2, &lt, &add));
	CHECK_OK(ov_pdf_doc_catalog(&cat, doc));
	CHECK_OK(ov_pdf_doc_resolve(&d, doc, ov_pdf_dict_get(cat, "DSS")));
	CHECK_OK(ov_pdf_doc_resolve(&arr, doc, ov_pdf_dict_get(d, "Certs")));
	CHECK_INT(arr->count, 3);
	CHECK_INT(sk_X509_num(dss->certs), 3);
	CHECK_INT(sk_X509_CRL_num(dss->crls), 1);

	/* revocation at a time: anna revoked now counts only from now on */
	CHECK_OK(load(&c, "anna"));
	sleep(2);
	CHECK_INT(run(NULL, "cd '%s' && OVT_CADIR='%s/ca' openssl ca -batch -config '%s' "
		      "-revoke anna.pem -cert ca.pem -keyfile ca.key 2>/dev/null", fx.dir, fx.dir,
		      SIGN_CNF), 0);
	CHECK_INT(make_crl("revoked"), 0);
	CHECK_INT(der_of(&crl, "crl-revoked.pem", 1), 0);
	memset(&add, 0, sizeof(add));
	add.crls = &crl;
	add.ncrls = 1;
	CHECK_OK(with_dss(&dss, &doc, &lt2, &two, &add));
	CHECK(dss && !dss->error);
	CHECK_OK(ov_dss_check(&st, &why, dss, c.cert, c.chain, fx.trust, now));
	CHECK_INT(st, OV_REV_GOOD);
	CHECK(why == NULL);
	CHECK_OK(ov_dss_check(&st, &why, dss, c.cert, c.chain, fx.trust, now + 120));
	CHECK_INT(st, OV_REV_REVOKED);
	CHECK_CONTAINS(why, "spärrades");
	free(why);
	why = NULL;
	/* no data for a certificate of another issuer */
	add.crls = NULL;
	add.ncrls = 0;
	add.certs = certs;
	add.ncerts = 1;
	CHECK_OK(with_dss(&dss, &doc, &lt2, &two, &add));
	CHECK_OK(ov_dss_check(&st, &why, dss, c.cert, c.chain, fx.trust, now));
	CHECK_INT(st, OV_REV_NODATA);
	free(why);
	why = NULL;
	/* a CRL whose signature does not hold */
	ov_buf_put(&bad, crl.ptr, crl.size);
	bad.ptr[bad.size - 1] ^= 1;
	memset(&add, 0, sizeof(add));
	add.crls = &bad;
	add.ncrls = 1;
	CHECK_OK(with_dss(&dss, &doc, &lt2, &two, &add));
	CHECK_OK(ov_dss_check(&st, &why, dss, c.cert, c.chain, fx.trust, now));
	CHECK_INT(st, OV_REV_BAD);
	CHECK_CONTAINS(why, "inte undertecknad av utfärdaren");
	free(why);
	why = NULL;
	/* an entry that is not what its array says */
	ov_buf_puts(&junk, "not DER");
	memset(&add, 0, sizeof(add));
	add.ocsps = &junk;
	add.nocsps = 1;
	ov_buf_clear(&lt2);
	CHECK_OK(ov_pdf_add_dss(&lt2, two.ptr, two.size, &add));
	CHECK_OK(ov_pdf_verify(&rep, lt2.ptr, lt2.size, fx.trust));
	CHECK_CONTAINS(rep->dss_error, "/OCSPs 0");
	ov_pdf_report_free(rep);

	ov_dss_free(dss);
	ov_pdf_doc_free(doc);
	creds_free(&c);
	ov_buf_dispose(&two);
	ov_buf_dispose(&lt);
	ov_buf_dispose(&lt2);
	ov_buf_dispose(&bad);
	ov_buf_dispose(&certs[0]);
	ov_buf_dispose(&certs[1]);
	ov_buf_dispose(&crl);
	ov_buf_dispose(&junk);
}

/* A token that is none: the update rules do not read it. */
static int junk_stamp(ov_buf *token, const unsigned char *data, size_t len, void *ctx)
{
	(void)data;
	(void)len;
	(void)ctx;
	return ov_buf_put(token, "\x30\x03\x02\x01\x00", 5);
}

/*
 * Appends to `pdf` an update that rewrites the catalog with its /DSS
 * reference removed (dss_certs NULL) or pointing at a new DSS whose /Certs
 * is `dss_certs`.
 */
static int replace_dss(ov_buf *pdf, const char *dss_certs)
{
	ov_pdf_doc *doc = NULL;
	ov_pdf_obj *cat = NULL;
	ov_buf body = OV_BUF_INIT, dss = OV_BUF_INIT;
	long long root, size = trailer_size(pdf);
	char *at, *end;
	hobj objs[2];
	int err;

	if ((err = ov_pdf_doc_open(&doc, pdf->ptr, pdf->size)) < 0 ||
	    (err = ov_pdf_doc_catalog(&cat, doc)) < 0)
		goto done;
	root = ov_pdf_dict_get(ov_pdf_doc_trailer(doc), "Root")->num;
	ov_pdf_obj_write(&body, cat);
	at = strstr(body.ptr, "/DSS ");
	end = at ? strstr(at, " R") : NULL;
	if (!end) {
		err = OV_EINVALID;
		goto done;
	}
	memmove(at, end + 2, strlen(end + 2) + 1);
	body.size = strlen(body.ptr);
	if (dss_certs) {
		ov_buf_printf(&dss, "<</Type /DSS /Certs %s>>", dss_certs);
		body.size -= 2;   /* before the closing ">>" */
		body.ptr[body.size] = 0;
		ov_buf_printf(&body, "/DSS %lld 0 R>>", size);
	}
	objs[0] = (hobj){ root, body.ptr, body.size };
	objs[1] = (hobj){ size, dss.ptr, dss.size };
	err = append_update(pdf, objs, dss_certs ? 2 : 1, dss_certs ? size + 1 : size, NULL);
done:
	ov_pdf_doc_free(doc);
	ov_buf_dispose(&body);
	ov_buf_dispose(&dss);
	return err;
}

/* B-LTA: DSS, document time-stamp, DSS, time-stamp ... after the last
 * signature; a DSS that loses entries is a change. */
TEST(lta_update_rules)
{
	ov_buf two = OV_BUF_INIT, lt = OV_BUF_INIT, lta = OV_BUF_INIT, lt2 = OV_BUF_INIT;
	ov_buf lta2 = OV_BUF_INIT, gone = OV_BUF_INIT, cert = OV_BUF_INIT;
	ov_pdf_report *rep = NULL;
	ov_dss_data add;
	char *why = NULL, first[32];
	const char *c;

	CHECK(setup() == 1);
	CHECK_OK(sign_chain(&two, 2));
	CHECK_INT(der_of(&cert, "ca.pem", 0), 0);
	memset(&add, 0, sizeof(add));
	add.certs = &cert;
	add.ncerts = 1;
	CHECK_OK(ov_pdf_add_dss(&lt, two.ptr, two.size, &add));
	CHECK_OK(ov_pdf_doc_timestamp(&lta, lt.ptr, lt.size, junk_stamp, NULL));
	CHECK(!memcmp(lta.ptr, lt.ptr, lt.size));
	CHECK(has_bytes(&lta, lt.size, "/Type /DocTimeStamp"));
	CHECK(has_bytes(&lta, lt.size, "/SubFilter /ETSI.RFC3161"));
	/* the time-stamp is added as a signature is, and is no DSS update */
	CHECK_OK(ov_pdf_check_update(&why, NULL, lta.ptr, lt.size, lta.size, "Tidsstämpel-1"));
	CHECK(why == NULL);
	CHECK_OK(ov_pdf_check_dss_update(&why, NULL, lta.ptr, lt.size, lta.size));
	CHECK(why != NULL);
	free(why);
	why = NULL;
	CHECK_OK(ov_pdf_verify(&rep, lta.ptr, lta.size, fx.trust));
	CHECK_INT(rep->nsigs, 3);
	CHECK(rep->sigs[2].doc_timestamp && !rep->sigs[2].timestamp_ok && rep->sigs[2].total);
	CHECK_CONTAINS(rep->sigs[2].digest_error, "ingen tidsstämpel");
	CHECK(rep->sigs[1].change_error == NULL && !rep->sigs[1].doc_timestamp);
	CHECK(!rep->appended_after_last);
	ov_pdf_report_free(rep);
	rep = NULL;

	/* a second round: DSS, time-stamp 2 */
	CHECK_OK(ov_pdf_add_dss(&lt2, lta.ptr, lta.size, &add));
	CHECK_OK(ov_pdf_doc_timestamp(&lta2, lt2.ptr, lt2.size, junk_stamp, NULL));
	CHECK_OK(ov_pdf_verify(&rep, lta2.ptr, lta2.size, fx.trust));
	CHECK_INT(rep->nsigs, 4);
	CHECK(rep->sigs[3].doc_timestamp && rep->sigs[3].total);
	CHECK(!strcmp(rep->sigs[3].field_name, "Tidsstämpel-2"));
	CHECK(rep->sigs[2].change_error == NULL);
	CHECK(!rep->appended_after_last);
	ov_pdf_report_free(rep);
	rep = NULL;

	/* the DSS removed after the time-stamp */
	ov_buf_put(&gone, lta.ptr, lta.size);
	CHECK_OK(replace_dss(&gone, NULL));
	CHECK_OK(ov_pdf_check_dss_update(&why, NULL, gone.ptr, lta.size, gone.size));
	CHECK_CONTAINS(why, "/DSS har tagits bort");
	free(why);
	why = NULL;
	CHECK_OK(ov_pdf_verify(&rep, gone.ptr, gone.size, fx.trust));
	CHECK(rep->appended_after_last);
	CHECK_CONTAINS(rep->append_error, "/DSS har tagits bort");
	ov_pdf_report_free(rep);
	rep = NULL;
	/* replaced by a DSS that keeps the first round's entry but not the second's */
	c = find(&lt2, lta.size, "/Certs [");
	CHECK(c != NULL);
	snprintf(first, sizeof(first), "[%.*s]", (int)strcspn(c + 8, "R") + 1, c + 8);
	ov_buf_clear(&gone);
	ov_buf_put(&gone, lta2.ptr, lta2.size);
	CHECK_OK(replace_dss(&gone, first));
	CHECK_OK(ov_pdf_check_dss_update(&why, NULL, gone.ptr, lta2.size, gone.size));
	CHECK_CONTAINS(why, "har tappat objekt");
	free(why);
	why = NULL;
	/* ... while one that keeps them all is fine */
	ov_buf_clear(&gone);
	ov_buf_put(&gone, lta2.ptr, lta2.size);
	c = find(&lt2, lta.size, "/Certs [");
	CHECK(c != NULL);
	snprintf(first, sizeof(first), "[%.*s]", (int)strcspn(c + 8, "]"), c + 8);
	CHECK_OK(replace_dss(&gone, first));
	CHECK_OK(ov_pdf_check_dss_update(&why, NULL, gone.ptr, lta2.size, gone.size));
	CHECK(why == NULL);

	ov_buf_dispose(&two);
	ov_buf_dispose(&lt);
	ov_buf_dispose(&lta);
	ov_buf_dispose(&lt2);
	ov_buf_dispose(&lta2);
	ov_buf_dispose(&gone);
	ov_buf_dispose(&cert);
}

/* A certification that allows no change (P 1) lets a document time-stamp
 * follow it, and no signature later, also past that time-stamp. */
TEST(certify_p1_past_a_time_stamp)
{
	ov_buf one = OV_BUF_INIT, ts = OV_BUF_INIT, three = OV_BUF_INIT;
	ov_pdf_report *rep = NULL;
	char *p = NULL;

	CHECK(setup() == 1);
	CHECK_OK(sign_as_certify(&one, &fx.base, &parties[0], 1));
	/* P 2 becomes P 1 (the first signature's digest no longer holds; the
	 * rule on later changes is checked all the same) */
	for (size_t i = fx.base.size; !p && i + 12 <= one.size; i++)
		if (!memcmp(one.ptr + i, "/P 2 /V /1.2", 12))
			p = one.ptr + i;
	CHECK(p != NULL);
	if (p)
		p[3] = '1';
	CHECK_OK(ov_pdf_doc_timestamp(&ts, one.ptr, one.size, junk_stamp, NULL));
	CHECK_OK(ov_pdf_verify(&rep, ts.ptr, ts.size, fx.trust));
	CHECK_INT(rep->sigs[0].certify_p, 1);
	CHECK(rep->sigs[0].change_error == NULL);
	ov_pdf_report_free(rep);
	rep = NULL;
	CHECK_OK(sign_as(&three, &ts, &parties[1]));
	CHECK_OK(ov_pdf_verify(&rep, three.ptr, three.size, fx.trust));
	CHECK_INT(rep->nsigs, 3);
	CHECK(rep->sigs[1].doc_timestamp && !rep->sigs[2].doc_timestamp);
	CHECK(rep->sigs[0].change_error != NULL);
	if (rep->sigs[0].change_error)
		CHECK_CONTAINS(rep->sigs[0].change_error, "tillåter inga ändringar");
	ov_pdf_report_free(rep);
	ov_buf_dispose(&one);
	ov_buf_dispose(&ts);
	ov_buf_dispose(&three);
}

/* A report of synthetic signatures for ov_pdf__stamp_liveness: a party's
 * signature with a time-stamp, then document time-stamps; times in seconds. */
typedef struct stamp_spec {
	int doc;                /* a document time-stamp */
	long long time, not_after;
	int covers;
} stamp_spec;

static ov_pdf_report *stamps_report(const stamp_spec *s, size_t n)
{
	ov_pdf_report *r = calloc(1, sizeof(*r));

	if (!r || !(r->sigs = calloc(n, sizeof(*r->sigs)))) {
		free(r);
		return NULL;
	}
	r->nsigs = n;
	for (size_t i = 0; i < n; i++) {
		ov_sig_info *si = &r->sigs[i];

		si->doc_timestamp = s[i].doc;
		si->has_timestamp = si->timestamp_ok = 1;
		si->timestamp_time = s[i].time;
		si->tsa_not_after = s[i].not_after;
		si->covers_to_here = s[i].covers;
		si->range_end = 100 * (i + 1);
	}
	return r;
}

/* Each signature's timestamp_live, as "LLL" / "LxL". */
static const char *liveness(const stamp_spec *s, size_t n, long long now)
{
	static char out[16];
	ov_pdf_report *r = stamps_report(s, n);

	if (!r || ov_pdf__stamp_liveness(r, now) < 0) {
		ov_pdf_report_free(r);
		return "(error)";
	}
	for (size_t i = 0; i < n && i + 1 < sizeof(out); i++) {
		out[i] = r->sigs[i].timestamp_live ? 'L' : '-';
		out[i + 1] = '\0';
		if (!r->sigs[i].timestamp_live && !r->sigs[i].lapse_error)
			out[i] = '?';   /* lapsed without a reason */
	}
	ov_pdf_report_free(r);
	return out;
}

/*
 * The renewal chain: a time-stamp proves its time while its TSA
 * certificate is valid, or while a later document time-stamp in force,
 * covering it, was made before that expiry (and not before the stamp).
 */
TEST(time_stamp_renewal_chain)
{
	/* signature TS expires at 2000, renewed by TS1 at 1500, TS1 (expires 3000)
	 * renewed by TS2 at 2500, TS2 valid until 10000 */
	const stamp_spec chain[] = { { 0, 1000, 2000, 1 }, { 1, 1500, 3000, 1 },
				     { 1, 2500, 10000, 1 } };
	stamp_spec late[3], uncovered[3], early[3], unknown[3];

	memcpy(late, chain, sizeof(chain));
	late[2].time = 3500;            /* TS2 made after TS1's certificate expired */
	memcpy(uncovered, chain, sizeof(chain));
	uncovered[2].covers = 0;        /* TS2 does not cover the file before it */
	memcpy(early, chain, sizeof(chain));
	early[1].time = 900;            /* TS1 claims a time before the signature's TS */
	memcpy(unknown, chain, sizeof(chain));
	unknown[1].not_after = 0;       /* TS1's expiry could not be read */

	CHECK_STR(liveness(chain, 3, 1800), "LLL");   /* all certificates valid */
	CHECK_STR(liveness(chain, 3, 5000), "LLL");   /* renewed in time */
	CHECK_STR(liveness(chain, 3, 20000), "---");  /* TS2 expired unrenewed */
	CHECK_STR(liveness(late, 3, 5000), "--L");    /* renewed too late */
	CHECK_STR(liveness(late, 3, 2500), "LLL");    /* ... which shows only after 3000 */
	CHECK_STR(liveness(uncovered, 3, 5000), "--L");
	CHECK_STR(liveness(early, 3, 5000), "-LL");   /* TS1 cannot renew the signature's */
	/* an expiry that cannot be read: nothing shows a renewal came before it */
	CHECK_STR(liveness(unknown, 3, 1800), "L-L");
	CHECK_STR(liveness(unknown, 3, 20000), "---");
	CHECK_STR(liveness(unknown, 2, 1800), "L-");
	{
		ov_pdf_report *r = stamps_report(unknown, 2);

		CHECK(r != NULL);
		if (!r)
			return;
		CHECK_OK(ov_pdf__stamp_liveness(r, 1800));
		CHECK(r->sigs[1].lapse_error &&
		      strstr(r->sigs[1].lapse_error, "inget läsbart slutdatum"));
		ov_pdf_report_free(r);
		r = stamps_report(chain, 3);
		CHECK(r != NULL);
		if (!r)
			return;
		CHECK_OK(ov_pdf__stamp_liveness(r, 20000));
		CHECK(r->sigs[2].lapse_error && strstr(r->sigs[2].lapse_error, "gick ut 1970-01-01"));
		ov_pdf_report_free(r);
	}
}

OVT_MAIN(TEST_ENTRY(x509_loading), TEST_ENTRY(time_stamp_renewal_chain), TEST_ENTRY(x509_names),
	 TEST_ENTRY(x509_signing_checks), TEST_ENTRY(x509_trust),
	 TEST_ENTRY(dates), TEST_ENTRY(sign_two_parties),
	 TEST_ENTRY(sign_appearance), TEST_ENTRY(sign_cms_structure),
	 TEST_ENTRY(sign_five_parties),
	 TEST_ENTRY(sign_existing_annots_and_indirect_form),
	 TEST_ENTRY(sign_keeps_id),
	 TEST_ENTRY(sign_refusals), TEST_ENTRY(untrusted_signer),
	 TEST_ENTRY(tamper_flipped_byte), TEST_ENTRY(tamper_appended_page),
	 TEST_ENTRY(tamper_replaced_xml), TEST_ENTRY(tamper_byte_ranges),
	 TEST_ENTRY(verify_unsigned_and_bad_input), TEST_ENTRY(verify_mutations),
	 TEST_ENTRY(certify_and_changes_between_signatures),
	 TEST_ENTRY(sign_packed_document), TEST_ENTRY(dss_update),
	 TEST_ENTRY(lta_update_rules),
	 TEST_ENTRY(certify_p1_past_a_time_stamp))
