/*
 * sign.c - signing an agreement's frozen version, the trust store, and
 * verification (see overens/sign.h).
 *
 * Signing happens inside the sign event's transaction, so two signatories
 * can never fork the file: under the workspace lock the current PDF (or,
 * for the first signature, a fresh render of the frozen text) is read from
 * git, one incremental update is appended (pdfsign.c), and the new file is
 * committed together with the event.  The frozen text is tagged
 * "<id>-v<N>"; verification compares the XML embedded in the PDF with the
 * agreement at that tag, byte for byte.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "overens/lazy_crypto.h"

#include "overens/agreement.h"
#include "overens/date.h"
#include "overens/error.h"
#include "overens/query.h"
#include "overens/sign.h"
#include "engine/lifecycle/engine.h"
#include "engine/documents/pdf.h"
#include "engine/signing/dss.h"
#include "engine/signing/evidence.h"
#include "engine/signing/ltv.h"
#include "engine/signing/pdfsign.h"
#include "engine/signing/pkcs11.h"
#include "engine/documents/render_int.h"
#include "engine/signing/sign_int.h"
#include "engine/signing/tsa.h"
#include "store/workspace.h"
#include "engine/signing/x509util.h"
#include "engine/base/xmlsafe.h"

/* Points above a blank's baseline that the signature covers: the text
 * written on it (10 pt) and a little room. */
#define SIGN_LINE_TEXT 11.0

/* --- where the signed PDF lives ------------------------------------------------ */

/* The agreement's file signed/v<version><suffix> ("pdf", "-fields.xml"). */
static int signed_file_path(ov_buf *out, const char *id, int version, const char *suffix)
{
	ov_buf file = OV_BUF_INIT;
	int err;

	ov_buf_printf(&file, "signed/v%d%s", version, suffix);
	err = ov_agreement_path(out, id, file.ptr);
	ov_buf_dispose(&file);
	return err;
}

static int signed_pdf_path(ov_buf *out, const char *id, int version)
{
	return signed_file_path(out, id, version, ".pdf");
}

/* --- trust store ----------------------------------------------------------- */

typedef struct trust_collect {
	ov_workspace *ws;
	X509_STORE *store;
	ov_trust_entry *list;
	size_t n;
	int err;
} trust_collect;

static X509 *pem_cert(const char *pem, size_t len)
{
	BIO *bio = BIO_new_mem_buf(pem, (int)len);
	X509 *x = bio ? PEM_read_bio_X509(bio, NULL, NULL, NULL) : NULL;

	BIO_free(bio);
	return x;
}

static char *fingerprint(X509 *x)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	ov_buf b = OV_BUF_INIT;

	if (!X509_digest(x, EVP_sha256(), md, &n))
		return NULL;
	for (unsigned int i = 0; i < n; i++)
		ov_buf_printf(&b, "%02x", md[i]);
	return ov_buf_detach(&b);
}

static char *not_after(X509 *x)
{
	struct tm tm;
	char buf[32];

	if (!ASN1_TIME_to_tm(X509_get0_notAfter(x), &tm))
		return strdup("?");
	strftime(buf, sizeof(buf), "%Y-%m-%d", &tm);
	return strdup(buf);
}

static int trust_cb(const char *path, void *payload)
{
	trust_collect *t = payload;
	ov_buf pem = OV_BUF_INIT;
	X509 *x = NULL;
	size_t n = strlen(path);

	if (n < 4 || strcmp(path + n - 4, ".pem"))
		return 0;
	if ((t->err = ov_ws_read(&pem, t->ws, NULL, path)) < 0)
		goto done;
	if (!(x = pem_cert(pem.ptr, pem.size))) {
		t->err = ov_error_set(OV_EINVALID, "%s: not a PEM certificate", path);
		goto done;
	}
	if (t->store && !X509_STORE_add_cert(t->store, x)) {
		t->err = ov_error_set(OV_ERROR, "%s: cannot be added to the trust store", path);
		goto done;
	}
	if (!t->store) {
		ov_trust_entry *g = realloc(t->list, (t->n + 1) * sizeof(*g));
		if (!g) {
			t->err = ov_error_set(OV_ENOMEM, "out of memory");
			goto done;
		}
		t->list = g;
		g[t->n].fingerprint = fingerprint(x);
		g[t->n].subject = ov_x509_name_line(X509_get_subject_name(x));
		g[t->n].not_after = not_after(x);
		t->n++;
	}
done:
	X509_free(x);
	ov_buf_dispose(&pem);
	return t->err < 0 ? 1 : 0;
}

int ov__trust_store(X509_STORE **out, ov_workspace *ws)
{
	trust_collect t = { ws, X509_STORE_new(), NULL, 0, OV_OK };
	int err;

	*out = NULL;
	if (!t.store)
		return ov_error_set(OV_ENOMEM, "out of memory");
	err = ov_ws_list(ws, NULL, "trust", trust_cb, &t);
	if (err == OV_ENOTFOUND) {
		ov_error_clear();
		err = OV_OK;
	}
	if (t.err < 0)
		err = t.err;
	if (err < 0) {
		X509_STORE_free(t.store);
		return err;
	}
	*out = t.store;
	return OV_OK;
}

int ov_trust_list(ov_trust_entry **out, size_t *n, ov_workspace *ws)
{
	trust_collect t = { ws, NULL, NULL, 0, OV_OK };
	int err;

	*out = NULL;
	*n = 0;
	err = ov_ws_list(ws, NULL, "trust", trust_cb, &t);
	if (err == OV_ENOTFOUND) {
		ov_error_clear();
		err = OV_OK;
	}
	if (t.err < 0)
		err = t.err;
	if (err < 0) {
		ov_trust_list_free(t.list, t.n);
		return err;
	}
	*out = t.list;
	*n = t.n;
	return OV_OK;
}

void ov_trust_list_free(ov_trust_entry *e, size_t n)
{
	for (size_t i = 0; e && i < n; i++) {
		free(e[i].fingerprint);
		free(e[i].subject);
		free(e[i].not_after);
	}
	free(e);
}

typedef struct trust_op {
	const char *actor, *pem, *name, *fp;
	size_t len;
} trust_op;


static int trust_add_txn(ov_txn *txn, void *payload)
{
	trust_op *op = payload;
	X509 *x = pem_cert(op->pem, op->len);
	BIO *mem = NULL;
	BUF_MEM *bm;
	ov_buf path = OV_BUF_INIT, probe = OV_BUF_INIT;
	char *fp = NULL, *subject = NULL;
	int err = OV_OK;

	if (!x) {
		err = ov_error_set(OV_EINVALID, "%s: no PEM certificate in the file", op->name);
		goto done;
	}
	if (X509_check_ca(x) < 1) {
		err = ov_error_set(OV_EINVALID, "%s: the certificate is not a CA certificate "
				   "(basicConstraints CA:TRUE)", op->name);
		goto done;
	}
	fp = fingerprint(x);
	subject = ov_x509_name_line(X509_get_subject_name(x));
	ov_buf_printf(&path, "trust/%s.pem", fp);
	if (ov_txn_read(&probe, txn, path.ptr) == 0) {
		err = ov_error_set(OV_EEXISTS, "%s is already trusted (%s)", subject, fp);
		goto done;
	}
	ov_error_clear();
	if (!(mem = BIO_new(BIO_s_mem())) || !PEM_write_bio_X509(mem, x)) {
		err = ov_error_set(OV_ERROR, "cannot encode the certificate");
		goto done;
	}
	BIO_get_mem_ptr(mem, &bm);
	if ((err = ov_txn_write(txn, path.ptr, bm->data, bm->length)) < 0)
		goto done;
	ov_buf_printf(&txn->message, "trust: lita på %s\n\n", subject);
	ov_msg_trailer(&txn->message, "Event", "trust-add");
	ov_msg_trailer(&txn->message, "Fingerprint", fp);
	ov_msg_trailer(&txn->message, "Subject", subject);
	ov_msg_trailer(&txn->message, "Actor", op->actor);
done:
	BIO_free(mem);
	X509_free(x);
	free(fp);
	free(subject);
	ov_buf_dispose(&path);
	ov_buf_dispose(&probe);
	return err;
}

typedef struct find_fp {
	const char *prefix;
	char *match;
	int count;
} find_fp;

static int find_fp_cb(const char *path, void *payload)
{
	find_fp *f = payload;
	const char *base = strrchr(path, '/');

	base = base ? base + 1 : path;
	if (!strncasecmp(base, f->prefix, strlen(f->prefix))) {
		f->count++;
		free(f->match);
		f->match = strdup(path);
	}
	return 0;
}

static int trust_remove_txn(ov_txn *txn, void *payload)
{
	trust_op *op = payload;
	find_fp f = { op->fp, NULL, 0 };
	int err;

	if (strlen(op->fp) < 8)
		return ov_error_set(OV_EINVALID, "give at least 8 characters of the fingerprint");
	err = ov_ws_list(txn->ws, txn->head, "trust", find_fp_cb, &f);
	if (err == OV_ENOTFOUND || (!err && !f.count))
		err = ov_error_set(OV_ENOTFOUND, "no trusted certificate with fingerprint %s", op->fp);
	else if (!err && f.count > 1)
		err = ov_error_set(OV_EINVALID, "fingerprint %s is ambiguous", op->fp);
	if (!err)
		err = ov_txn_delete(txn, f.match);
	if (!err) {
		ov_buf_printf(&txn->message, "trust: lita inte längre på %s\n\n", op->fp);
		ov_msg_trailer(&txn->message, "Event", "trust-remove");
		ov_msg_trailer(&txn->message, "Fingerprint", op->fp);
		ov_msg_trailer(&txn->message, "Actor", op->actor);
	}
	free(f.match);
	return err;
}

static int run_trust(ov_workspace *ws, const char *actor, trust_op *op, ov_txn_fn fn)
{
	ov_ws_who who;
	long long now = (long long)time(NULL);

	if (!actor || !*actor)
		return ov_error_set(OV_EINVALID, "no acting person: give --as EMAIL or set user.email");
	who.name = actor;
	who.email = actor;
	who.when = now;
	who.offset_minutes = ov_sweden_offset(now);
	op->actor = actor;
	return ov_workspace_transact(ws, &who, fn, op, NULL);
}

int ov_trust_add(ov_workspace *ws, const char *actor, const char *pem, size_t len,
		 const char *name)
{
	trust_op op = { .pem = pem, .len = len, .name = name };
	return run_trust(ws, actor, &op, trust_add_txn);
}

int ov_trust_remove(ov_workspace *ws, const char *actor, const char *fp)
{
	trust_op op = { .fp = fp };
	return run_trust(ws, actor, &op, trust_remove_txn);
}

/* --- signing ---------------------------------------------------------------- */

typedef struct sign_op {
	const ov_sign_opts *o;
	const char *id;
	EVP_PKEY *key;
	X509 *cert;
	STACK_OF(X509) *chain;
	long long now;
	char tag_target[41];
	int version, first;
	char *pdf_path;
	char *tsa_url;      /* the setting sign.tsa, or NULL */
	int ltv;            /* the setting sign.ltv: validation data when the
			     * version is fully signed (PAdES B-LT) */
	X509_STORE *trust;  /* the workspace's, while signing */
	ov_p11 *p11;        /* the token holding `key`, when it is on one */
} sign_op;

/* PAdES B-T: a time-stamp token over the signature value from sign.tsa. */
static int fetch_timestamp(ov_buf *token, const unsigned char *sig, size_t len, void *ctx)
{
	sign_op *op = ctx;
	ov_tsa_info info;
	int err = ov_tsa_request(token, op->tsa_url, sig, len, 30000);

	/* A token `verify` would refuse later is refused now. */
	memset(&info, 0, sizeof(info));
	if (err == OV_OK && (err = ov_tsa_verify(&info, token->ptr, token->size, sig, len,
						 op->trust)) < 0)
		ov_error_prefix("the time-stamping authority's token does not verify against "
				"the workspace's trust store");
	ov_tsa_info_dispose(&info);
	if (err < 0)
		ov_error_prefix("no time-stamp for the signature (setting sign.tsa)");
	return err;
}

static int text_eq(const char *a, const char *b)
{
	return a && b && *a && !strcasecmp(a, b);
}

int ov__signatory_matches(xmlNodePtr signatory, const char *cn, const char *mail)
{
	char *name = ov_xml_text(ov_xml_child(signatory, "name"));
	char *email = ov_xml_text(ov_xml_child(signatory, "email"));
	int yes;

	/* A registered e-mail address decides (a certificate without one
	 * cannot be the signatory's); without one, the name must match. */
	if (email && *email)
		yes = text_eq(mail, email);
	else
		yes = text_eq(cn, name);
	free(name);
	free(email);
	return yes;
}

/* The registered signatory of `party` that `actor` and the certificate both name. */
static int check_identity(xmlNodePtr party, const ov_person *actor, X509 *cert)
{
	char *cn = ov_x509_common_name(cert), *mail = ov_x509_email(cert);
	xmlNodePtr s;
	int err = OV_OK, found = 0;

	for (s = party ? party->children : NULL; s && !found; s = s->next) {
		char *name, *email;
		if (s->type != XML_ELEMENT_NODE || strcmp((const char *)s->name, "signatory"))
			continue;
		name = ov_xml_text(ov_xml_child(s, "name"));
		email = ov_xml_text(ov_xml_child(s, "email"));
		if (text_eq(email, actor->email) || text_eq(name, actor->name)) {
			found = 1;
			if (!ov__signatory_matches(s, cn, mail))
				err = ov_error_set(OV_EDENIED,
					"the certificate names %s%s%s%s, not %s, the party's authorised "
					"signatory", cn ? cn : "(no name)", mail ? " <" : "",
					mail ? mail : "", mail ? ">" : "", name);
		}
		free(name);
		free(email);
	}
	if (!found)
		err = ov_error_set(OV_EDENIED,
			"%s is not an authorised signatory of this party", actor->email);
	free(cn);
	free(mail);
	return err;
}

/*
 * Where each party signs, saved beside the frozen PDF by the first
 * signature ("signed/v<N>-fields.xml"), so later signatures place their
 * field from the file itself rather than from a new render that templates
 * changed since could move.
 */
static int fields_path(ov_buf *out, const char *id, int version)
{
	return signed_file_path(out, id, version, "-fields.xml");
}

/*
 * The widget of signature box `b`: the space to sign in, stretched up over
 * the blanks after "Ort" and "Datum" when the block left them, so that the
 * signature's appearance writes the place and date there and the signature
 * covers them.  r = { x, y, w, h }.
 */
static void field_rect(double r[4], const ov_pdf_sigbox *b)
{
	double top = b->sy + b->sh;

	if (b->pw > 0 && b->py + SIGN_LINE_TEXT > top)
		top = b->py + SIGN_LINE_TEXT;
	if (b->dw > 0 && b->dy + SIGN_LINE_TEXT > top)
		top = b->dy + SIGN_LINE_TEXT;
	r[0] = b->sx;
	r[1] = b->sy;
	r[2] = b->sw;
	r[3] = top - b->sy;
}

static int fields_save(ov_txn *txn, const char *path, const ov_pdf_sigbox *b, size_t n)
{
	ov_buf x = OV_BUF_INIT;
	double r[4];
	int err;

	/* evidence=: the PDF carries the evidence log (render.c makes it again) */
	ov_buf_puts(&x, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		    "<signature-fields evidence=\"" OV_EVIDENCE_NAME "\">\n");
	for (size_t i = 0; i < n; i++) {
		field_rect(r, &b[i]);
		ov_buf_printf(&x, "  <field party=\"%s\" page=\"%d\" x=\"%.3f\" y=\"%.3f\" "
			      "w=\"%.3f\" h=\"%.3f\"", b[i].id, b[i].page, r[0], r[1], r[2], r[3]);
		if (b[i].pw > 0 || b[i].dw > 0)
			ov_buf_printf(&x, " sign-h=\"%.3f\" place-x=\"%.3f\" place-y=\"%.3f\" "
				      "place-w=\"%.3f\" date-x=\"%.3f\" date-y=\"%.3f\" "
				      "date-w=\"%.3f\"", b[i].sh, b[i].px, b[i].py, b[i].pw,
				      b[i].dx, b[i].dy, b[i].dw);
		ov_buf_puts(&x, "/>\n");
	}
	ov_buf_puts(&x, "</signature-fields>\n");
	err = ov_txn_write(txn, path, x.ptr, x.size);
	ov_buf_dispose(&x);
	return err;
}

/* Attribute `key` of `c` as a number, `dflt` when it is missing. */
static double attr_num(xmlNodePtr c, const char *key, double dflt)
{
	char *v = ov_xml_attr(c, key);
	double d = v ? strtod(v, NULL) : dflt;

	free(v);
	return d;
}

/* A saved <field> as a box: the widget's rectangle and the blanks it covers. */
static void field_box(ov_pdf_sigbox *b, xmlNodePtr c)
{
	b->page = (int)attr_num(c, "page", 0);
	b->sx = attr_num(c, "x", 0);
	b->sy = attr_num(c, "y", 0);
	b->sw = attr_num(c, "w", 0);
	b->sh = attr_num(c, "sign-h", attr_num(c, "h", 0));
	b->px = attr_num(c, "place-x", 0);
	b->py = attr_num(c, "place-y", 0);
	b->pw = attr_num(c, "place-w", 0);
	b->dx = attr_num(c, "date-x", 0);
	b->dy = attr_num(c, "date-y", 0);
	b->dw = attr_num(c, "date-w", 0);
}

/* The saved field of `party`, as a one-element box array (sx.. = x..). */
static int fields_load(ov_pdf_sigbox **out, size_t *n, ov_txn *txn, const char *path,
		       const char *party)
{
	ov_buf data = OV_BUF_INIT;
	xmlDocPtr doc = NULL;
	xmlNodePtr c;
	int err;

	*out = NULL;
	*n = 0;
	if ((err = ov_txn_read(&data, txn, path)) < 0 ||
	    (err = ov_xml_parse_memory(&doc, data.ptr, data.size, path)) < 0)
		goto done;
	for (c = xmlDocGetRootElement(doc)->children; c; c = c->next) {
		char *p = c->type == XML_ELEMENT_NODE ? ov_xml_attr(c, "party") : NULL;
		if (p && !strcmp(p, party) && (*out = calloc(1, sizeof(**out)))) {
			(*out)->id = p;
			p = NULL;
			field_box(*out, c);
			*n = 1;
		}
		free(p);
		if (*n)
			break;
	}
done:
	xmlFreeDoc(doc);
	ov_buf_dispose(&data);
	return err;
}

/*
 * The signed PDF in git before another signature goes on it: every
 * signature in it intact, nothing but signatures added, nothing after the
 * last.  A file changed outside Överens is not signed again.
 */
static int check_base(const char *pdf, size_t len, X509_STORE *store, const char *path)
{
	ov_pdf_report *r = NULL;
	size_t i;
	int err;

	if ((err = ov_pdf_verify(&r, pdf, len, store)) < 0)
		return ov_error_prefix("%s", path);
	err = OV_OK;
	if (!r->parse_ok || r->appended_after_last || !r->nsigs)
		err = ov_error_set(OV_EVERIFY, "%s: the signed PDF in git is damaged or was "
				   "changed after its last signature (overens verify shows what)",
				   path);
	for (i = 0; i < r->nsigs && !err; i++)
		if (!r->sigs[i].digest_ok || !r->sigs[i].covers_to_here || r->sigs[i].change_error)
			err = ov_error_set(OV_EVERIFY, "%s: signature %s in the signed PDF does "
					   "not hold (overens verify shows what)", path,
					   r->sigs[i].field_name ? r->sigs[i].field_name : "?");
	ov_pdf_report_free(r);
	return err;
}

/* The signer: the party's person, a usable certificate that chains to the trust store. */
static int check_signer(X509_STORE **store, ov_txn *txn, xmlNodePtr party,
			const ov_person *actor, const sign_op *op)
{
	char *why = NULL;
	int err;

	if ((err = check_identity(party, actor, op->cert)) < 0 ||
	    (err = ov_x509_check_signing_cert(op->cert, op->key, op->now)) < 0 ||
	    (err = ov__trust_store(store, txn->ws)) < 0)
		return err;
	if (ov_x509_verify_chain(&why, op->cert, op->chain, *store, op->now) < 0)
		err = ov_error_set(OV_EVERIFY,
			"the certificate does not chain to a CA in the workspace's trust store "
			"(overens trust add CA.pem): %s", why ? why : "unknown reason");
	free(why);
	return err;
}

/*
 * The first signature of a version: renders the frozen text into `base`
 * with its signature blocks (saved beside it) and asks for the version's
 * tag, made with this commit in one write (workspace.h).
 */
static int first_base(ov_buf *base, ov_pdf_sigbox **boxes, size_t *nboxes, ov_txn *txn,
		      sign_op *op, const ov_buf *frozen)
{
	ov_buf fpath = OV_BUF_INIT, tag = OV_BUF_INIT, msg = OV_BUF_INIT, log = OV_BUF_INIT;
	ov_log_row *rows = NULL;
	size_t nrows = 0;
	long long when = 0;
	int err;

	op->first = 1;
	/*
	 * The tag names the agreement's own last commit (the frozen text),
	 * whose time is also the PDF's creation date: `render --version N`
	 * then gives the same bytes that were signed.
	 */
	memcpy(op->tag_target, txn->head, 41);
	if (ov_agreement_log(&rows, &nrows, txn->ws, op->id) == 0 && nrows) {
		when = rows[nrows - 1].when;
		if (strlen(rows[nrows - 1].commit) == 40)
			memcpy(op->tag_target, rows[nrows - 1].commit, 41);
	}
	ov_error_clear();
	/*
	 * The evidence log up to the frozen text goes on the last page(s) and
	 * is attached: made now, before the first signature, which certifies
	 * the file and allows nothing after it but signatures.
	 */
	if ((err = ov_evidence_signing(&log, txn->ws, op->id, op->version, op->tag_target)) < 0 ||
	    (err = ov_render_agreement_pdf(base, boxes, nboxes, txn->ws, op->id, frozen->ptr,
					   frozen->size, when ? when : -1, op->tag_target,
					   log.ptr, log.size)) < 0 ||
	    (err = fields_path(&fpath, op->id, op->version)) < 0 ||
	    (err = fields_save(txn, fpath.ptr, *boxes, *nboxes)) < 0)
		goto done;
	if ((err = ov_buf_printf(&tag, "%s-v%d", op->id, op->version)) < 0 ||
	    (err = ov_buf_printf(&msg, "%s version %d, frusen för undertecknande\n", op->id,
				 op->version)) < 0)
		goto done;
	err = ov_txn_tag(txn, tag.ptr, op->tag_target, msg.ptr);
done:
	ov_log_free(rows, nrows);
	ov_buf_dispose(&fpath);
	ov_buf_dispose(&tag);
	ov_buf_dispose(&msg);
	ov_buf_dispose(&log);
	return err;
}

/*
 * The PDF the signature goes on (`base`, at `pdf_path`) and its signature
 * blocks: the signed PDF in git when there is one (checked first), else a
 * fresh rendering of the frozen text at `path` (first_base).
 */
static int load_base(ov_buf *base, ov_pdf_sigbox **boxes, size_t *nboxes, ov_txn *txn,
		     sign_op *op, const char *path, const char *pdf_path, X509_STORE *store)
{
	ov_buf frozen = OV_BUF_INIT, fpath = OV_BUF_INIT;
	int err;

	if ((err = ov_txn_read(&frozen, txn, path)) < 0)
		goto done;
	err = ov_txn_read(base, txn, pdf_path);
	if (err == OV_ENOTFOUND) {
		ov_error_clear();
		err = first_base(base, boxes, nboxes, txn, op, &frozen);
	} else if (err >= 0 && (err = check_base(base->ptr, base->size, store, pdf_path)) >= 0 &&
		   (err = fields_path(&fpath, op->id, op->version)) >= 0) {
		err = fields_load(boxes, nboxes, txn, fpath.ptr, op->o->party);
	}
done:
	ov_buf_dispose(&frozen);
	ov_buf_dispose(&fpath);
	return err;
}

/* The <signature> the event just recorded for `party` (the last one), or NULL. */
static xmlNodePtr recorded_signature(xmlNodePtr root, const char *party)
{
	xmlNodePtr c, sig = NULL;

	for (c = ov_xml_child(ov_xml_child(root, "signatures"), "signature"); c; c = c->next) {
		char *p = c->type == XML_ELEMENT_NODE ? ov_xml_attr(c, "party") : NULL;
		if (p && !strcmp(p, party))
			sig = c;
		free(p);
	}
	return sig;
}

/*
 * Signs `base` in `box` into `out`, with the look of the recorded signature
 * (name, title, place, date) and the party's name; the first signature of a
 * version certifies the PDF.
 */
static int sign_base(ov_buf *out, const ov_buf *base, const ov_pdf_sigbox *box,
		     xmlNodePtr root, xmlNodePtr party, sign_op *op, X509_STORE *store)
{
	xmlNodePtr sig = recorded_signature(root, op->o->party);
	ov_buf field = OV_BUF_INIT, reason = OV_BUF_INIT;
	char *pname = ov_xml_text(ov_xml_child(party, "name"));
	char *kind = ov_xml_text(ov_xml_child(root, "kind"));
	char *sname = ov_xml_attr(sig, "name"), *stitle = ov_xml_attr(sig, "title");
	char *splace = ov_xml_attr(sig, "place"), *sdate = ov_xml_attr(sig, "date");
	ov_sign_request req;
	double r[4];
	int err;

	ov_buf_printf(&reason, "%s %s, version %d, för %s", kind, op->id, op->version, pname);
	ov_buf_printf(&field, "Underskrift-%s", op->o->party);
	memset(&req, 0, sizeof(req));
	req.field_name = field.ptr;
	req.page = box->page;
	field_rect(r, box);
	req.x = r[0];
	req.y = r[1];
	req.w = r[2];
	req.h = r[3];
	if (box->pw > 0 || box->dw > 0) {
		req.sign_h = box->sh;
		req.place_x = box->px - r[0];
		req.place_y = box->py - r[1];
		req.place_w = box->pw;
		req.date_x = box->dx - r[0];
		req.date_y = box->dy - r[1];
		req.date_w = box->dw;
	}
	req.look.name = sname;
	req.look.title = stitle;
	req.look.party = pname;
	req.look.place = splace;
	req.look.date = sdate;
	req.reason = reason.ptr;
	req.location = splace;
	req.signing_time = op->now;
	req.key = op->key;
	req.cert = op->cert;
	req.chain = op->chain;
	req.certify = op->first; /* only signatures may follow the first */
	if (op->tsa_url) {
		req.timestamp = fetch_timestamp;
		req.timestamp_ctx = op;
		op->trust = store;
	}
	err = ov_pdf_sign(out, base->ptr, base->size, &req);
	ov_buf_dispose(&field);
	ov_buf_dispose(&reason);
	free(pname);
	free(kind);
	free(sname);
	free(stitle);
	free(splace);
	free(sdate);
	return err;
}

/*
 * PAdES B-LT: when the signature just made completes the version (one per
 * signature block), the signers' and time-stamping authorities' chains and
 * revocation data are added to `signed_pdf` as a DSS, then checked as
 * `verify` will: validation data that shows a signer's or a time-stamping
 * authority's certificate revoked at the time it vouched for stops the
 * signing.  Then a document time-stamp (B-LTA) covers it all.
 */
static int add_ltv(ov_buf *signed_pdf, size_t nboxes, sign_op *op, X509_STORE *store)
{
	ov_pdf_report *r = NULL;
	ov_buf ext = OV_BUF_INIT;
	size_t i;
	int err;

	if (!op->ltv)
		return OV_OK;
	if ((err = ov_pdf_verify(&r, signed_pdf->ptr, signed_pdf->size, store)) < 0)
		return err;
	i = r->nsigs;
	ov_pdf_report_free(r);
	r = NULL;
	if (i < nboxes)
		return OV_OK;   /* not the last signature */
	if ((err = ov_ltv_extend(&ext, signed_pdf->ptr, signed_pdf->size, store, op->now,
				 30000)) < 0) {
		ov_error_prefix("no validation data for the signed PDF (setting sign.ltv)");
		goto done;
	}
	if ((err = ov_pdf_verify(&r, ext.ptr, ext.size, store)) < 0)
		goto done;
	if (r->appended_after_last || r->dss_error)
		err = ov_error_set(OV_ERROR, "the validation data does not fit the signed PDF: %s",
				   r->append_error ? r->append_error : r->dss_error ? r->dss_error : "?");
	for (i = 0; i < r->nsigs && !err; i++)
		if (r->sigs[i].revocation_status == OV_REV_REVOKED ||
		    r->sigs[i].revocation_status == OV_REV_BAD)
			err = ov_error_set(OV_EVERIFY, "signature %s: %s", r->sigs[i].field_name,
					   r->sigs[i].revocation_error ? r->sigs[i].revocation_error :
					   "?");
		else if (r->sigs[i].has_timestamp && !r->sigs[i].timestamp_ok)
			err = ov_error_set(OV_EVERIFY, "signature %s: the time-stamp: %s",
					   r->sigs[i].field_name, r->sigs[i].timestamp_error ?
					   r->sigs[i].timestamp_error : "?");
	/* PAdES B-LTA: a document time-stamp over the signatures and the DSS */
	if (!err && !(err = ov__archive_stamp(&ext, op->tsa_url, store))) {
		ov_buf_clear(signed_pdf);
		err = ov_buf_put(signed_pdf, ext.ptr, ext.size);
	}
done:
	ov_pdf_report_free(r);
	ov_buf_dispose(&ext);
	return err;
}

static int sign_hook(ov_txn *txn, xmlDocPtr doc, const char *path, const ov_person *actor,
		     void *payload)
{
	sign_op *op = payload;
	xmlNodePtr root = xmlDocGetRootElement(doc), party;
	ov_buf pdf_path = OV_BUF_INIT, base = OV_BUF_INIT, signed_pdf = OV_BUF_INIT;
	ov_pdf_sigbox *boxes = NULL;
	size_t nboxes = 0, i;
	X509_STORE *store = NULL;
	char *version = ov_xml_attr(root, "version");
	int err;

	op->version = version ? atoi(version) : 1;
	party = ov_party_by_role(doc, op->o->party);
	if ((err = check_signer(&store, txn, party, actor, op)) < 0 ||
	    (err = signed_pdf_path(&pdf_path, op->id, op->version)) < 0 ||
	    (err = load_base(&base, &boxes, &nboxes, txn, op, path, pdf_path.ptr, store)) < 0)
		goto done;
	for (i = 0; i < nboxes; i++)
		if (!strcmp(boxes[i].id, op->o->party))
			break;
	if (i == nboxes) {
		err = ov_error_set(OV_ERROR, "the agreement PDF has no signature block for party '%s'",
				   op->o->party);
		goto done;
	}
	err = sign_base(&signed_pdf, &base, &boxes[i], root, party, op, store);
	if (err >= 0)
		err = add_ltv(&signed_pdf, nboxes, op, store);
	if (err >= 0)
		ov_fault_point("sign-pdf-made");
	if (err < 0 || (err = ov_txn_write(txn, pdf_path.ptr, signed_pdf.ptr, signed_pdf.size)) < 0)
		goto done;
	free(op->pdf_path);
	op->pdf_path = strdup(pdf_path.ptr);
done:
	X509_STORE_free(store);
	ov_pdf_sigboxes_free(boxes, nboxes);
	free(version);
	ov_buf_dispose(&pdf_path);
	ov_buf_dispose(&base);
	ov_buf_dispose(&signed_pdf);
	return err;
}

/* The key, certificate and chain from a smart card or HSM (pkcs11.h). */
static int load_pkcs11(sign_op *op, ov_workspace *ws)
{
	ov_p11_request req;
	char *setting = NULL;
	int err;

	if (!op->o->pkcs11_module && ov_config_get(&setting, ws, "sign.pkcs11-module") < 0)
		ov_error_clear();
	memset(&req, 0, sizeof(req));
	req.uri = op->o->pkcs11_uri;
	req.module = op->o->pkcs11_module;
	req.setting = setting;
	req.pin = op->o->password;
	req.cert_path = op->o->cert_path;
	err = ov_p11_open(&op->p11, &op->key, &op->cert, &op->chain, &req);
	free(setting);
	return err;
}

/* The setting sign.ltv ("true" or "false"; it needs sign.tsa). */
static int ltv_setting(sign_op *op, ov_workspace *ws)
{
	char *v = NULL;
	int err = OV_OK;

	if (ov_config_get(&v, ws, "sign.ltv") < 0) {
		ov_error_clear();
		return OV_OK;
	}
	if (v && !strcmp(v, "true"))
		op->ltv = 1;
	else if (v && *v && strcmp(v, "false"))
		err = ov_error_set(OV_EINVALID, "the setting sign.ltv is '%s', not true or false", v);
	if (op->ltv && !op->tsa_url)
		err = ov_error_set(OV_EINVALID, "the setting sign.ltv needs sign.tsa: validation "
				   "data is added to time-stamped signatures (PAdES B-LT)");
	free(v);
	return err;
}

int ov_agreement_sign(char **out_path, ov_workspace *ws, const char *actor, const char *id,
		      const ov_sign_opts *o)
{
	sign_op op;
	ov_param params[3];
	size_t np = 0;
	int err;

	if (out_path)
		*out_path = NULL;
	memset(&op, 0, sizeof(op));
	op.o = o;
	op.id = id;
	op.now = o->now ? o->now : (long long)time(NULL);
	if (!o->party || !*o->party)
		return ov_error_set(OV_EINVALID, "sign: name the party with --party");
	if (o->pkcs11_uri)
		err = load_pkcs11(&op, ws);
	else if (o->p12_data)
		err = ov_x509_load_p12_mem(&op.key, &op.cert, &op.chain, o->p12_data, o->p12_len,
					   o->p12_name ? o->p12_name : "PKCS#12", o->password);
	else if (o->p12_path)
		err = ov_x509_load_p12(&op.key, &op.cert, &op.chain, o->p12_path, o->password);
	else if (o->key_path && o->cert_path)
		err = ov_x509_load_pem(&op.key, &op.cert, &op.chain, o->key_path, o->cert_path,
				       o->password);
	else
		err = ov_error_set(OV_EINVALID, "sign: give --p12 FILE, or --key FILE and --cert FILE");
	if (err < 0)
		goto done;
	if (ov_config_get(&op.tsa_url, ws, "sign.tsa") < 0 || (op.tsa_url && !*op.tsa_url)) {
		free(op.tsa_url);
		op.tsa_url = NULL;
		ov_error_clear();
	}
	if ((err = ltv_setting(&op, ws)) < 0)
		goto done;
	params[np].key = "party";
	params[np++].value = o->party;
	if (o->place) {
		params[np].key = "place";
		params[np++].value = o->place;
	}
	if ((err = ov_agreement_event_hook(ws, actor, id, "sign", params, np, o->date, sign_hook,
					   &op)) < 0)
		goto done;
	if (!err && out_path) {
		*out_path = op.pdf_path;
		op.pdf_path = NULL;
	}
done:
	free(op.pdf_path);
	free(op.tsa_url);
	EVP_PKEY_free(op.key);   /* before the token it lives on */
	ov_p11_close(op.p11);
	X509_free(op.cert);
	sk_X509_pop_free(op.chain, X509_free);
	return err;
}

int ov_agreement_signed_pdf(ov_buf *out, ov_workspace *ws, const char *id)
{
	ov_buf xml = OV_BUF_INIT, path = OV_BUF_INIT;
	xmlDocPtr doc = NULL;
	char *v = NULL;
	int err, version;

	if ((err = ov_agreement_show(&xml, ws, id, NULL)) < 0 ||
	    (err = ov_xml_parse_memory(&doc, xml.ptr, xml.size, id)) < 0)
		goto done;
	v = ov_xml_attr(xmlDocGetRootElement(doc), "version");
	for (version = v ? atoi(v) : 1; version >= 1; version--) {
		ov_buf_clear(&path);
		signed_pdf_path(&path, id, version);
		err = ov_ws_read(out, ws, NULL, path.ptr);
		if (err != OV_ENOTFOUND)
			goto done;
		ov_error_clear();
	}
	err = ov_error_set(OV_ENOTFOUND, "agreement %s has no signed PDF yet", id);
done:
	free(v);
	xmlFreeDoc(doc);
	ov_buf_dispose(&xml);
	ov_buf_dispose(&path);
	return err;
}
