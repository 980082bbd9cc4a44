/*
 * ltv.c - gathering long-term validation data for a signed PDF and adding
 * it as a document security store (see ltv.h).
 *
 *   signatures (/AcroForm /Fields, their /V /Contents)
 *     -> CMS certificates, the signer's and the time-stamp token's
 *     -> each signer's and TSA's chain to the trust store
 *     -> per certificate below the anchor: OCSP (AIA) and CRLs (CDP),
 *        fetched over http(s) and verified against the issuer
 *     -> ov_pdf_add_dss: one incremental update
 *
 * The chains are built without checking validity dates: a signer whose
 * certificate has expired since still has a chain, and its revocation
 * data is whatever its CA publishes now.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "overens/lazy_crypto.h"

#include "overens/error.h"
#include "engine/signing/ltv.h"
#include "engine/signing/pdfparse.h"
#include "engine/signing/pdfsign.h"
#include "engine/signing/tsa.h"
#include "engine/signing/x509util.h"

typedef struct blobs {
	ov_buf *v;
	size_t n;
} blobs;

typedef struct ltv {
	STACK_OF(X509) *pool;     /* every certificate the signatures carry */
	STACK_OF(X509) *leaves;   /* signer and TSA certificates */
	STACK_OF(X509) *keep;     /* the chains' certificates, for /Certs */
	STACK_OF(X509) *done;     /* certificates whose revocation data is in */
	blobs certs, crls, ocsps;
	X509_STORE *now;          /* the trust store at `now` */
	long timeout;
} ltv;

static int nomem(void)
{
	return ov_error_set(OV_ENOMEM, "out of memory");
}

static int blobs_add(blobs *b, const void *data, size_t len)
{
	ov_buf *g = realloc(b->v, (b->n + 1) * sizeof(*g));

	if (!g)
		return nomem();
	b->v = g;
	memset(&b->v[b->n], 0, sizeof(ov_buf));
	return ov_buf_put(&b->v[b->n++], data, len);
}

static void blobs_free(blobs *b)
{
	for (size_t i = 0; i < b->n; i++)
		ov_buf_dispose(&b->v[i]);
	free(b->v);
}

/* Pushes a reference to `x` onto `s` unless an equal one is there: 1 if
 * added, 0 if there already, OV_ENOMEM. */
static int add_unique(STACK_OF(X509) *s, X509 *x)
{
	for (int i = 0; i < sk_X509_num(s); i++)
		if (!X509_cmp(sk_X509_value(s, i), x))
			return 0;
	if (!X509_up_ref(x))
		return nomem();
	if (!sk_X509_push(s, x)) {
		X509_free(x);
		return nomem();
	}
	return 1;
}

/* The certificates of a CMS SignedData (a signature or a time-stamp token). */
static int add_cms(ltv *l, const unsigned char *der, size_t len, int depth)
{
	const unsigned char *p = der;
	CMS_ContentInfo *cms = len < 0x7fffffff ? d2i_CMS_ContentInfo(NULL, &p, (long)len) : NULL;
	STACK_OF(X509) *certs = cms ? CMS_get1_certs(cms) : NULL;
	STACK_OF(CMS_SignerInfo) *infos = cms ? CMS_get0_SignerInfos(cms) : NULL;
	int i, j, err = OV_OK;

	for (i = 0; certs && i < sk_X509_num(certs) && err >= 0; i++)
		err = add_unique(l->pool, sk_X509_value(certs, i));
	for (i = 0; infos && i < sk_CMS_SignerInfo_num(infos) && err >= 0; i++) {
		CMS_SignerInfo *si = sk_CMS_SignerInfo_value(infos, i);
		ASN1_OBJECT *oid = OBJ_txt2obj("1.2.840.113549.1.9.16.2.14", 1);
		int idx = oid ? CMS_unsigned_get_attr_by_OBJ(si, oid, -1) : -1;
		X509_ATTRIBUTE *attr = idx >= 0 ? CMS_unsigned_get_attr(si, idx) : NULL;
		ASN1_TYPE *t = attr ? X509_ATTRIBUTE_get0_type(attr, 0) : NULL;

		ASN1_OBJECT_free(oid);
		for (j = 0; certs && j < sk_X509_num(certs) && err >= 0; j++)
			if (!CMS_SignerInfo_cert_cmp(si, sk_X509_value(certs, j)))
				err = add_unique(l->leaves, sk_X509_value(certs, j));
		if (err >= 0 && depth == 0 && t && t->type == V_ASN1_SEQUENCE)
			err = add_cms(l, ASN1_STRING_get0_data(t->value.sequence),
				      (size_t)ASN1_STRING_length(t->value.sequence), 1);
	}
	sk_X509_pop_free(certs, X509_free);
	CMS_ContentInfo_free(cms);
	ERR_clear_error();
	return err < 0 ? err : OV_OK;
}

/* Every signature value in a /Fields or /Kids array. */
static int walk(ltv *l, ov_pdf_doc *doc, ov_pdf_obj *arr, int depth)
{
	int err;

	if (!arr || arr->type != OV_PDF_ARRAY || depth > 8)
		return OV_OK;
	for (size_t i = 0; i < arr->count; i++) {
		ov_pdf_obj *f = NULL, *v = NULL, *kids = NULL, *c;

		if ((err = ov_pdf_doc_resolve(&f, doc, arr->items[i])) < 0)
			return err;
		if (!f || f->type != OV_PDF_DICT)
			continue;
		if ((err = ov_pdf_doc_resolve(&v, doc, ov_pdf_dict_get(f, "V"))) < 0)
			return err;
		c = v && v->type == OV_PDF_DICT ? ov_pdf_dict_get(v, "Contents") : NULL;
		if (c && c->type == OV_PDF_STRING &&
		    (err = add_cms(l, (const unsigned char *)c->str, c->len, 0)) < 0)
			return err;
		if ((err = ov_pdf_doc_resolve(&kids, doc, ov_pdf_dict_get(f, "Kids"))) < 0 ||
		    (err = walk(l, doc, kids, depth + 1)) < 0)
			return err;
	}
	return OV_OK;
}

static int collect(ltv *l, const char *pdf, size_t len)
{
	ov_pdf_doc *doc = NULL;
	ov_pdf_obj *cat = NULL, *af = NULL, *fields = NULL;
	int err;

	if ((err = ov_pdf_doc_open(&doc, pdf, len)) == OV_OK &&
	    (err = ov_pdf_doc_catalog(&cat, doc)) == OV_OK &&
	    (err = ov_pdf_doc_resolve(&af, doc, ov_pdf_dict_get(cat, "AcroForm"))) == OV_OK &&
	    (err = ov_pdf_doc_resolve(&fields, doc, ov_pdf_dict_get(af, "Fields"))) == OV_OK)
		err = walk(l, doc, fields, 0);
	ov_pdf_doc_free(doc);
	return err;
}

/* --- fetching ---------------------------------------------------------- */

static int is_http(const char *url)
{
	return !strncasecmp(url, "http://", 7) || !strncasecmp(url, "https://", 8);
}

static int fetch(ov_buf *body, const char *url, const char *label, const char *req_type,
		 const char *resp_type, const void *q, size_t qlen, long timeout)
{
	char *shown = ov_http_url_shown(url);
	int err;

	if (!shown)
		return nomem();
	err = ov_http_exchange(body, url, label, shown, req_type, resp_type, q, qlen,
			       OV_LTV_MAX_RESPONSE, timeout);
	free(shown);
	return err;
}

/* The OCSP response for subj from `url`, checked and kept. */
static int ocsp_one(ltv *l, X509 *subj, X509 *iss, const char *url, const char *cn)
{
	char *shown = ov_http_url_shown(url);
	OCSP_REQUEST *req = OCSP_REQUEST_new();
	OCSP_CERTID *id = OCSP_cert_to_id(NULL, subj, iss), *id2 = OCSP_cert_to_id(NULL, subj, iss);
	OCSP_RESPONSE *resp = NULL;
	OCSP_BASICRESP *bs = NULL;
	ov_buf body = OV_BUF_INIT;
	unsigned char *der = NULL;
	const unsigned char *p;
	char why[256];
	int dlen = -1, status = -1, err = OV_OK;

	if (!shown || !req || !id || !id2 || !OCSP_request_add0_id(req, id)) {
		OCSP_CERTID_free(id);
		err = nomem();
		goto done;
	}
	id = NULL;
	if (!OCSP_request_add1_nonce(req, NULL, -1) || (dlen = i2d_OCSP_REQUEST(req, &der)) <= 0) {
		err = nomem();
		goto done;
	}
	if ((err = fetch(&body, url, "OCSP", "application/ocsp-request",
			 "application/ocsp-response", der, (size_t)dlen, l->timeout)) < 0)
		goto done;
	p = (const unsigned char *)body.ptr;
	resp = d2i_OCSP_RESPONSE(NULL, &p, (long)body.size);
	if (!resp || p != (const unsigned char *)body.ptr + body.size) {
		err = ov_error_set(OV_ERROR, "OCSP %s: the answer is not a DER OCSP response", shown);
		goto done;
	}
	if (OCSP_response_status(resp) != OCSP_RESPONSE_STATUS_SUCCESSFUL) {
		err = ov_error_set(OV_ERROR, "OCSP %s: the responder answered \"%s\"", shown,
				   OCSP_response_status_str(OCSP_response_status(resp)));
		goto done;
	}
	if (!(bs = OCSP_response_get1_basic(resp)) || OCSP_check_nonce(req, bs) != 1) {
		err = ov_error_set(OV_EVERIFY, "OCSP %s: the response does not answer our "
				   "request (nonce)", shown);
		goto done;
	}
	if (OCSP_basic_verify(bs, l->pool, l->now, 0) != 1) {
		err = ov_error_set(OV_EVERIFY, "OCSP %s: the response does not verify: %s", shown,
				   ov_ssl_reason(why, sizeof(why)));
		goto done;
	}
	if (OCSP_resp_find_status(bs, id2, &status, NULL, NULL, NULL, NULL) != 1) {
		err = ov_error_set(OV_EVERIFY, "OCSP %s: the response has no status for %s", shown,
				   cn);
		goto done;
	}
	err = blobs_add(&l->ocsps, body.ptr, body.size);
done:
	free(shown);
	OCSP_CERTID_free(id2);
	OCSP_REQUEST_free(req);
	OCSP_RESPONSE_free(resp);
	OCSP_BASICRESP_free(bs);
	OPENSSL_free(der);
	ov_buf_dispose(&body);
	ERR_clear_error();
	return err;
}

static int ocsp_all(ltv *l, X509 *subj, X509 *iss, const char *cn)
{
	STACK_OF(OPENSSL_STRING) *urls = X509_get1_ocsp(subj);
	int err = OV_OK, i;

	for (i = 0; urls && i < sk_OPENSSL_STRING_num(urls); i++)
		if (is_http(sk_OPENSSL_STRING_value(urls, i)))
			break;
	if (urls && i < sk_OPENSSL_STRING_num(urls))
		err = ocsp_one(l, subj, iss, sk_OPENSSL_STRING_value(urls, i), cn);
	X509_email_free(urls);
	return err;
}

/* The CRL at `url` for certificates of `iss`, checked and kept. */
static int crl_one(ltv *l, X509 *iss, const char *url)
{
	char *shown = ov_http_url_shown(url);
	ov_buf body = OV_BUF_INIT;
	X509_CRL *crl = NULL;
	const unsigned char *p;
	unsigned char *der = NULL;
	int dlen, err;

	if (!shown)
		return nomem();
	if ((err = fetch(&body, url, "CRL", NULL, NULL, NULL, 0, l->timeout)) < 0)
		goto done;
	p = (const unsigned char *)body.ptr;
	crl = d2i_X509_CRL(NULL, &p, (long)body.size);
	if (!crl) {
		BIO *b = BIO_new_mem_buf(body.ptr, (int)body.size);

		ERR_clear_error();
		crl = b ? PEM_read_bio_X509_CRL(b, NULL, NULL, NULL) : NULL;
		BIO_free(b);
	}
	if (!crl) {
		err = ov_error_set(OV_ERROR, "CRL %s: the answer is not a CRL", shown);
		goto done;
	}
	if (X509_NAME_cmp(X509_CRL_get_issuer(crl), X509_get_subject_name(iss)) ||
	    X509_CRL_verify(crl, X509_get0_pubkey(iss)) != 1) {
		err = ov_error_set(OV_EVERIFY, "CRL %s: the list is not signed by the "
				   "certificate's issuer", shown);
		goto done;
	}
	if ((dlen = i2d_X509_CRL(crl, &der)) <= 0) {
		err = nomem();
		goto done;
	}
	err = blobs_add(&l->crls, der, (size_t)dlen);
done:
	free(shown);
	OPENSSL_free(der);
	X509_CRL_free(crl);
	ov_buf_dispose(&body);
	ERR_clear_error();
	return err;
}

static int crl_all(ltv *l, X509 *subj, X509 *iss)
{
	STACK_OF(DIST_POINT) *dps = X509_get_ext_d2i(subj, NID_crl_distribution_points, NULL, NULL);
	int err = OV_OK;

	for (int i = 0; dps && i < sk_DIST_POINT_num(dps) && err == OV_OK; i++) {
		DIST_POINT *dp = sk_DIST_POINT_value(dps, i);
		GENERAL_NAMES *names = dp->distpoint && dp->distpoint->type == 0 ?
				       dp->distpoint->name.fullname : NULL;

		for (int j = 0; names && j < sk_GENERAL_NAME_num(names); j++) {
			GENERAL_NAME *g = sk_GENERAL_NAME_value(names, j);
			char *url;

			if (g->type != GEN_URI)
				continue;
			url = OPENSSL_strndup((const char *)ASN1_STRING_get0_data(
				g->d.uniformResourceIdentifier),
				(size_t)ASN1_STRING_length(g->d.uniformResourceIdentifier));
			if (!url) {
				err = nomem();
				break;
			}
			if (is_http(url) && strlen(url) == (size_t)ASN1_STRING_length(
					g->d.uniformResourceIdentifier)) {
				err = crl_one(l, iss, url);
				OPENSSL_free(url);
				break;   /* one list per distribution point */
			}
			OPENSSL_free(url);
		}
	}
	CRL_DIST_POINTS_free(dps);
	ERR_clear_error();
	return err;
}

/* The chain of one leaf, and the revocation data of each certificate in it. */
static int leaf_chain(ltv *l, X509_STORE *nodates, X509 *leaf)
{
	X509_STORE_CTX *ctx = X509_STORE_CTX_new();
	STACK_OF(X509) *chain = NULL;
	char *cn = ov_x509_common_name(leaf);
	int err = OV_OK, i;

	if (!ctx || X509_STORE_CTX_init(ctx, nodates, leaf, l->pool) != 1) {
		err = nomem();
		goto done;
	}
	if (X509_verify_cert(ctx) != 1 || !(chain = X509_STORE_CTX_get1_chain(ctx))) {
		err = ov_error_set(OV_EVERIFY, "the certificate of %s does not chain to the "
				   "workspace's trust store: %s", cn ? cn : "?",
				   X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx)));
		goto done;
	}
	for (i = 0; i < sk_X509_num(chain) && err >= 0; i++)
		err = add_unique(l->keep, sk_X509_value(chain, i));
	for (i = 0; i + 1 < sk_X509_num(chain) && err >= 0; i++) {
		X509 *subj = sk_X509_value(chain, i), *iss = sk_X509_value(chain, i + 1);
		char *name = ov_x509_common_name(subj);

		if ((err = add_unique(l->done, subj)) == 1 &&
		    (err = ocsp_all(l, subj, iss, name ? name : "?")) >= 0)
			err = crl_all(l, subj, iss);
		free(name);
	}
done:
	sk_X509_pop_free(chain, X509_free);
	X509_STORE_CTX_free(ctx);
	free(cn);
	ERR_clear_error();
	return err < 0 ? err : OV_OK;
}

int ov_ltv_extend(ov_buf *out, const char *pdf, size_t len, X509_STORE *trust,
		  long long now, long timeout_ms)
{
	X509_STORE *nodates = NULL;
	ov_dss_data add;
	ltv l;
	int err = OV_OK, i;

	memset(&l, 0, sizeof(l));
	l.timeout = timeout_ms;
	if (!(l.pool = sk_X509_new_null()) || !(l.leaves = sk_X509_new_null()) ||
	    !(l.keep = sk_X509_new_null()) || !(l.done = sk_X509_new_null()) ||
	    !(l.now = ov_x509_store_at(trust, now)) ||
	    !(nodates = ov_x509_store_at(trust, now))) {
		err = nomem();
		goto done;
	}
	/* set_time's USE_CHECK_TIME would win over NO_CHECK_TIME: an expired
	 * certificate's chain (a lapsed time-stamp's TSA) is still collected */
	X509_VERIFY_PARAM_clear_flags(X509_STORE_get0_param(nodates), X509_V_FLAG_USE_CHECK_TIME);
	X509_STORE_set_flags(nodates, X509_V_FLAG_NO_CHECK_TIME);
	if ((err = collect(&l, pdf, len)) < 0)
		goto done;
	for (i = 0; i < sk_X509_num(l.leaves) && err >= 0; i++)
		err = leaf_chain(&l, nodates, sk_X509_value(l.leaves, i));
	for (i = 0; i < sk_X509_num(l.keep) && err >= 0; i++) {
		unsigned char *der = NULL;
		int dlen = i2d_X509(sk_X509_value(l.keep, i), &der);

		err = dlen > 0 ? blobs_add(&l.certs, der, (size_t)dlen) : nomem();
		OPENSSL_free(der);
	}
	if (err < 0)
		goto done;
	memset(&add, 0, sizeof(add));
	add.certs = l.certs.v;
	add.ncerts = l.certs.n;
	add.crls = l.crls.v;
	add.ncrls = l.crls.n;
	add.ocsps = l.ocsps.v;
	add.nocsps = l.ocsps.n;
	err = ov_pdf_add_dss(out, pdf, len, &add);
done:
	sk_X509_pop_free(l.pool, X509_free);
	sk_X509_pop_free(l.leaves, X509_free);
	sk_X509_pop_free(l.keep, X509_free);
	sk_X509_pop_free(l.done, X509_free);
	X509_STORE_free(l.now);
	X509_STORE_free(nodates);
	blobs_free(&l.certs);
	blobs_free(&l.crls);
	blobs_free(&l.ocsps);
	ERR_clear_error();
	return err;
}
