/*
 * pdfverify.c - checking the signatures of a PDF and reading its embedded
 * files (see pdfsign.h).
 *
 * For each signature field with a value, in this order:
 *   1. /ByteRange sanity: four non-negative integers [0 a b c] inside the
 *      file, a <= b; the gap [a, b) must be exactly the /Contents string.
 *   2. Coverage: where the signed bytes end (b + c) against the end of the
 *      revision holding the signature dictionary and the end of the file.
 *   3. Digest: the signer's digest algorithm over [0, a) and [b, b + c),
 *      compared with the messageDigest attribute, and CMS_verify
 *      (CMS_NO_SIGNER_CERT_VERIFY) for the signature mathematics over the
 *      signed attributes with the signer certificate found in the CMS.
 *   4. Time-stamp: a signature time-stamp token (unsigned attribute
 *      id-aa-signatureTimeStampToken) is verified over the signature
 *      value (tsa.c); its time is then the signing time.
 *   5. Chain: our own X509_STORE_CTX check against the trust store at the
 *      time-stamp's time, else at the time in /M and again now (why: see
 *      ov_pdf_verify in pdfsign.h); keyUsage digitalSignature or
 *      nonRepudiation, an extended key usage that allows signing, and /M
 *      not in the future.
 *   6. Changes: between each signature and the next, only the next
 *      signature may have been added (pdfmdp.c); before a document
 *      time-stamp also validation data in updates of its own; after the
 *      last one only validation data (a DSS).
 *   7. Revocation (PAdES B-LT): with a DSS in the document, the signer's
 *      chain is looked up in it at the time of step 5 (dss.c), offline.
 * A document time-stamp (PAdES B-LTA, /SubFilter /ETSI.RFC3161) gets steps
 * 1, 2 and 6; instead of 3 to 5 its token is verified as a time-stamp over
 * its byte ranges (tsa.c) and its TSA's chain looked up in the DSS.  Each
 * party's signature then learns the earliest verified one covering it.
 * Damage inside one signature is recorded in its entry; only damage to the
 * file structure fails the whole call.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "overens/lazy_crypto.h"

#include "overens/date.h"
#include "overens/error.h"
#include "engine/signing/dss.h"
#include "engine/signing/pdfparse.h"
#include "engine/signing/pdfsign.h"
#include "engine/signing/tsa.h"
#include "engine/signing/x509util.h"

/* Allowed lead of /M over the verifier's clock (clock skew), seconds. */
#define FUTURE_SLACK 300

typedef struct found_sig {
	char *name;
	ov_pdf_obj *value;   /* the field's /V, borrowed from the document */
	ov_pdf_obj *rect;    /* the field's (widget's) /Rect, or NULL */
} found_sig;

typedef struct walk {
	ov_pdf_doc *doc;
	ov_pdf_report *report;
	found_sig *sigs;
	size_t nsigs, asigs, visits;
} walk;

/* Records a parse problem (the current error message) in the report;
 * passes OV_ENOMEM up, swallows the rest. */
static int note_parse_error(ov_pdf_report *r, int err)
{
	const ov_error *e = ov_error_last();

	if (err == OV_ENOMEM)
		return err;
	r->parse_ok = 0;
	err = ov_text_first(&r->parse_error, "%s", e && e->message ? e->message :
		       "unreadable signature field");
	ov_error_clear();
	return err;
}

/* More signatures than any agreement has parties: each costs a digest of
 * the whole file, so a forged file must not multiply that work. */
#define MAX_SIGNATURES 64

static int add_found(walk *w, const char *name, ov_pdf_obj *value, ov_pdf_obj *rect)
{
	found_sig *p;

	if (w->nsigs == MAX_SIGNATURES)
		return note_parse_error(w->report, ov_error_set(OV_EINVALID,
			"PDF: more than %d signatures", MAX_SIGNATURES));
	/* Two fields sharing one signature dictionary are one signature
	 * claimed twice: the second is a forgery. */
	for (size_t i = 0; value->type == OV_PDF_REF && i < w->nsigs; i++)
		if (w->sigs[i].value->type == OV_PDF_REF && w->sigs[i].value->num == value->num)
			return note_parse_error(w->report, ov_error_set(OV_EINVALID,
				"PDF: the fields %s and %s share one signature", w->sigs[i].name,
				name));
	/* A field's full name is unique (ISO 32000-1 12.7.3.2), and each
	 * signature is matched to its party and its field by it: two fields of
	 * one name would let one signature be judged by the other's data. */
	for (size_t i = 0; i < w->nsigs; i++)
		if (!strcmp(w->sigs[i].name, name))
			return note_parse_error(w->report, ov_error_set(OV_EINVALID,
				"PDF: two signature fields are named %s", name));

	if (w->nsigs == w->asigs) {
		size_t want = w->asigs ? w->asigs * 2 : 8;

		if (!(p = realloc(w->sigs, want * sizeof(*p))))
			return ov_error_set(OV_ENOMEM, "out of memory");
		w->sigs = p;
		w->asigs = want;
	}
	if (!(w->sigs[w->nsigs].name = strdup(name)))
		return ov_error_set(OV_ENOMEM, "out of memory");
	w->sigs[w->nsigs].rect = rect;
	w->sigs[w->nsigs++].value = value;
	return OV_OK;
}

/* Walks a /Fields or /Kids array; `prefix` is the parent's full name and
 * `sig_ft` whether /FT /Sig was inherited. */
static int walk_fields(walk *w, ov_pdf_obj *arr, const char *prefix,
		       int sig_ft, int depth)
{
	size_t i;
	int err;

	if (!arr || arr->type != OV_PDF_ARRAY)
		return OV_OK;
	if (depth > 16)
		return note_parse_error(w->report, ov_error_set(OV_EINVALID,
			"PDF: form fields nested too deeply"));
	for (i = 0; i < arr->count; i++) {
		ov_pdf_obj *f = NULL, *kids = NULL, *t, *ft, *v;
		ov_buf full = OV_BUF_INIT;
		char *part = NULL;
		int is_sig;

		if (++w->visits > 100000)
			return note_parse_error(w->report, ov_error_set(
				OV_EINVALID, "PDF: too many form fields"));
		if ((err = ov_pdf_doc_resolve(&f, w->doc, arr->items[i])) < 0) {
			if ((err = note_parse_error(w->report, err)) < 0)
				return err;
			continue;
		}
		if (!f || f->type != OV_PDF_DICT)
			continue;
		t = ov_pdf_dict_get(f, "T");
		ft = ov_pdf_dict_get(f, "FT");
		is_sig = ft ? ov_pdf_is_name(ft, "Sig") : sig_ft;
		if (t && t->type == OV_PDF_STRING &&
		    (err = ov_pdf_text_to_utf8(&part, t)) < 0)
			return err;
		err = ov_buf_printf(&full, "%s%s%s", prefix,
				    *prefix && part ? "." : "", part ? part : "");
		free(part);
		if (err < 0) {
			ov_buf_dispose(&full);
			return err;
		}
		v = ov_pdf_dict_get(f, "V");
		if (is_sig && v && v->type != OV_PDF_NULL)
			err = add_found(w, full.ptr, v, ov_pdf_dict_get(f, "Rect"));
		if (err == OV_OK) {
			err = ov_pdf_doc_resolve(&kids, w->doc,
						 ov_pdf_dict_get(f, "Kids"));
			if (err < 0)
				err = note_parse_error(w->report, err);
			else
				err = walk_fields(w, kids, full.ptr, is_sig,
						  depth + 1);
		}
		ov_buf_dispose(&full);
		if (err < 0)
			return err;
	}
	return OV_OK;
}


/* Digest of the two ranges with `md`. */
static int digest_ranges(unsigned char *out, unsigned int *outlen,
			 const EVP_MD *md, const char *pdf, size_t a, size_t b,
			 size_t c)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	int ok = ctx && EVP_DigestInit_ex(ctx, md, NULL) == 1 &&
		 EVP_DigestUpdate(ctx, pdf, a) == 1 &&
		 EVP_DigestUpdate(ctx, pdf + b, c) == 1 &&
		 EVP_DigestFinal_ex(ctx, out, outlen) == 1;

	EVP_MD_CTX_free(ctx);
	return ok ? OV_OK : ov_error_set(OV_ERROR, "cannot compute a digest");
}

/* Steps 3 and 4 for one signature whose ranges are sane. */
/* The signature time-stamp token of `signer`, verified (step 4). */
/*
 * The time-stamping authority's chain against the DSS at the token's
 * time: a TSA certificate revoked before it, or revocation data about it
 * that does not verify, and the token proves nothing.  (No data about it
 * is no finding: the token was checked against the trust store.)
 */
static int check_tsa_revocation(ov_sig_info *si, const unsigned char *tok, size_t tlen,
				X509_STORE *trust, const ov_dss *dss)
{
	const unsigned char *p = tok;
	CMS_ContentInfo *cms = tlen < 0x7fffffff ? d2i_CMS_ContentInfo(NULL, &p, (long)tlen) : NULL;
	STACK_OF(CMS_SignerInfo) *infos = cms ? CMS_get0_SignerInfos(cms) : NULL;
	STACK_OF(X509) *certs = cms ? CMS_get1_certs(cms) : NULL;
	X509 *tsa = NULL;
	char *why = NULL;
	int st = OV_REV_GOOD, err = OV_OK;

	for (int i = 0; infos && sk_CMS_SignerInfo_num(infos) == 1 && certs &&
	     i < sk_X509_num(certs) && !tsa; i++)
		if (!CMS_SignerInfo_cert_cmp(sk_CMS_SignerInfo_value(infos, 0), sk_X509_value(certs, i)))
			tsa = sk_X509_value(certs, i);
	if (tsa)
		err = ov_dss_check(&st, &why, dss, tsa, certs, trust, si->timestamp_time);
	if (err == OV_OK && (st == OV_REV_REVOKED || st == OV_REV_BAD)) {
		si->timestamp_ok = 0;
		err = ov_text_first(&si->timestamp_error, "tidsstämpelns utfärdare: %s", why ? why : "?");
	}
	free(why);
	sk_X509_pop_free(certs, X509_free);
	CMS_ContentInfo_free(cms);
	ERR_clear_error();
	return err;
}

static int check_timestamp(ov_sig_info *si, CMS_SignerInfo *signer, X509_STORE *trust,
			   const ov_dss *dss)
{
	ASN1_OBJECT *oid = OBJ_txt2obj("1.2.840.113549.1.9.16.2.14", 1);
	X509_ATTRIBUTE *attr;
	ASN1_TYPE *t;
	ASN1_OCTET_STRING *value = CMS_SignerInfo_get0_signature(signer);
	ov_tsa_info info;
	int idx, err = OV_OK;

	memset(&info, 0, sizeof(info));
	if (!oid)
		return ov_error_set(OV_ENOMEM, "out of memory");
	idx = CMS_unsigned_get_attr_by_OBJ(signer, oid, -1);
	ASN1_OBJECT_free(oid);
	if (idx < 0)
		return OV_OK;
	si->has_timestamp = 1;
	attr = CMS_unsigned_get_attr(signer, idx);
	t = attr && X509_ATTRIBUTE_count(attr) == 1 ? X509_ATTRIBUTE_get0_type(attr, 0) : NULL;
	if (!t || t->type != V_ASN1_SEQUENCE || !value) {
		ERR_clear_error();
		return ov_text_first(&si->timestamp_error, "tidsstämpelattributet är felformat");
	}
	err = ov_tsa_verify(&info, ASN1_STRING_get0_data(t->value.sequence),
			    (size_t)ASN1_STRING_length(t->value.sequence),
			    ASN1_STRING_get0_data(value), (size_t)ASN1_STRING_length(value),
			    trust);
	if (info.gen_time_iso && !(si->timestamp_iso = strdup(info.gen_time_iso)))
		err = ov_error_set(OV_ENOMEM, "out of memory");
	if (err != OV_ENOMEM && info.tsa_name && !(si->tsa_name = strdup(info.tsa_name)))
		err = ov_error_set(OV_ENOMEM, "out of memory");
	si->timestamp_time = info.gen_time;
	si->tsa_not_after = info.tsa_not_after;
	if (err == OV_OK) {
		si->timestamp_ok = 1;
		if (dss)
			err = check_tsa_revocation(si, ASN1_STRING_get0_data(t->value.sequence),
						   (size_t)ASN1_STRING_length(t->value.sequence),
						   trust, dss);
	} else if (err != OV_ENOMEM) {
		const ov_error *e = ov_error_last();

		err = ov_text_first(&si->timestamp_error, "%s", e && e->message ? e->message :
			       "the time-stamp does not verify");
	}
	ov_tsa_info_dispose(&info);
	ov_error_clear();
	ERR_clear_error();
	return err;
}

/*
 * A document time-stamp (B-LTA): the token in /Contents (padded with
 * zeros) verified over the bytes of [0, a) and [b, b + c), then its TSA's
 * chain against the DSS at the token's time.
 */
static int check_doc_timestamp(ov_sig_info *si, const ov_pdf_obj *contents, const char *pdf,
			       size_t a, size_t b, size_t c, X509_STORE *trust,
			       const ov_dss *dss)
{
	const unsigned char *p = (const unsigned char *)contents->str;
	CMS_ContentInfo *cms = contents->len < 0x7fffffff ?
			       d2i_CMS_ContentInfo(NULL, &p, (long)contents->len) : NULL;
	size_t tlen = (size_t)(p - (const unsigned char *)contents->str);
	ov_buf data = OV_BUF_INIT;
	ov_tsa_info info;
	int err;

	memset(&info, 0, sizeof(info));
	CMS_ContentInfo_free(cms);
	ERR_clear_error();
	si->has_timestamp = 1;
	if (!cms)
		return ov_text_first(&si->digest_error, "/Contents är ingen tidsstämpel (CMS)");
	if ((err = ov_buf_put(&data, pdf, a)) < 0 || (err = ov_buf_put(&data, pdf + b, c)) < 0)
		goto done;
	err = ov_tsa_verify(&info, contents->str, tlen, data.ptr, data.size, trust);
	si->timestamp_time = info.gen_time;
	si->tsa_not_after = info.tsa_not_after;
	if (err != OV_ENOMEM && ((info.gen_time_iso && !(si->timestamp_iso = strdup(info.gen_time_iso))) ||
				 (info.tsa_name && !(si->tsa_name = strdup(info.tsa_name)))))
		err = ov_error_set(OV_ENOMEM, "out of memory");
	if (err == OV_OK) {
		si->timestamp_ok = si->digest_ok = 1;
		if (dss)
			err = check_tsa_revocation(si, (const unsigned char *)contents->str, tlen,
						   trust, dss);
		si->digest_ok = si->timestamp_ok;
	} else if (err != OV_ENOMEM) {
		const ov_error *e = ov_error_last();

		err = ov_text_first(&si->timestamp_error, "%s", e && e->message ? e->message :
				    "the time-stamp does not verify");
	}
	if (err == OV_OK && !si->timestamp_ok)
		err = ov_text_first(&si->digest_error, "%s", si->timestamp_error ?
				    si->timestamp_error : "?");
done:
	ov_tsa_info_dispose(&info);
	ov_buf_dispose(&data);
	ov_error_clear();
	ERR_clear_error();
	return err;
}

/* The chain, key usage and extended key usage of `cert` at `at`; *why
 * gets the reason when they do not hold (and 0 is returned). */
static int cert_ok_at(char **why, X509 *cert, STACK_OF(X509) *certs, X509_STORE *trust,
		      long long at, int *fatal)
{
	char *chain_why = NULL;
	int ok = 0;

	*fatal = OV_OK;
	if (!trust) {
		*fatal = ov_text_first(why, "inget förtroendelager angivet");
	} else if (ov_x509_verify_chain(&chain_why, cert, certs, trust, at) < 0) {
		if (ov_error_last() && ov_error_last()->code == OV_ENOMEM)
			*fatal = OV_ENOMEM;
		else
			*fatal = ov_text_first(why, "%s", chain_why ? chain_why :
					  ov_error_last() ? ov_error_last()->message :
					  "kedjan kan inte prövas");
	} else if (!ov_x509_has_signing_usage(cert)) {
		*fatal = ov_text_first(why, "certifikatets keyUsage tillåter varken "
				  "digitalSignature eller nonRepudiation");
	} else if (!ov_x509_eku_allows_signing(cert)) {
		*fatal = ov_text_first(why, "certifikatets extendedKeyUsage tillåter inte "
				  "att dokument undertecknas");
	} else {
		ok = 1;
	}
	free(chain_why);
	ov_error_clear();
	return ok;
}

/* Step 7: the signer's chain against the DSS at `at`. */
static int check_revocation(ov_sig_info *si, const ov_dss *dss, X509 *cert,
			    STACK_OF(X509) *certs, X509_STORE *trust, long long at)
{
	int err;

	if (!dss || !trust)
		return OV_OK;
	si->revocation_checked = 1;
	err = ov_dss_check(&si->revocation_status, &si->revocation_error, dss, cert, certs,
			   trust, at);
	return err;
}

static int check_cms(ov_sig_info *si, const ov_pdf_obj *contents,
		     const char *pdf, size_t a, size_t b, size_t c,
		     X509_STORE *trust, long long at, int have_time, const ov_dss *dss)
{
	const unsigned char *p = (const unsigned char *)contents->str;
	CMS_ContentInfo *cms = NULL;
	STACK_OF(CMS_SignerInfo) *infos;
	CMS_SignerInfo *signer;
	STACK_OF(X509) *certs = NULL;
	X509 *cert = NULL;
	X509_ALGOR *dalg = NULL;
	const EVP_MD *md;
	ASN1_OCTET_STRING *want;
	unsigned char dig[EVP_MAX_MD_SIZE];
	unsigned int diglen = 0;
	ov_pdf__ranges r;
	char why[256];
	int i, err = OV_OK, md_ok, cms_ok;

	memset(&r, 0, sizeof(r));
	if (contents->len > 0x7fffffff ||
	    !(cms = d2i_CMS_ContentInfo(NULL, &p, (long)contents->len)) ||
	    OBJ_obj2nid(CMS_get0_type(cms)) != NID_pkcs7_signed) {
		ERR_clear_error();
		err = ov_text_first(&si->digest_error, "/Contents är inte en CMS "
			       "SignedData");
		goto done;
	}
	infos = CMS_get0_SignerInfos(cms);
	if (sk_CMS_SignerInfo_num(infos) != 1) {
		err = ov_text_first(&si->digest_error, "CMS:en har %d undertecknare, "
			       "väntade 1", sk_CMS_SignerInfo_num(infos));
		goto done;
	}
	signer = sk_CMS_SignerInfo_value(infos, 0);
	certs = CMS_get1_certs(cms);
	for (i = 0; certs && i < sk_X509_num(certs) && !cert; i++)
		if (CMS_SignerInfo_cert_cmp(signer, sk_X509_value(certs, i)) == 0)
			cert = sk_X509_value(certs, i);
	if (cert) {
		si->parsed = 1;
		si->signer_name = ov_x509_common_name(cert);
		si->signer_email = ov_x509_email(cert);
		si->subject = ov_x509_name_line(X509_get_subject_name(cert));
		si->issuer = ov_x509_name_line(X509_get_issuer_name(cert));
		si->serial = ov_x509_serial_hex(cert);
		si->fingerprint = ov_x509_sha256_hex(cert);
	}

	/* 3. digest and signature */
	CMS_SignerInfo_get0_algs(signer, NULL, NULL, &dalg, NULL);
	md = dalg ? EVP_get_digestbyobj(dalg->algorithm) : NULL;
	want = CMS_signed_get0_data_by_OBJ(signer,
		OBJ_nid2obj(NID_pkcs9_messageDigest), -3, V_ASN1_OCTET_STRING);
	if (!md) {
		err = ov_text_first(&si->digest_error, "okänd kontrollsummealgoritm");
		goto chain;
	}
	if ((err = digest_ranges(dig, &diglen, md, pdf, a, b, c)) < 0)
		goto done;
	md_ok = want && ASN1_STRING_length(want) == (int)diglen &&
		!memcmp(ASN1_STRING_get0_data(want), dig, diglen);
	if ((err = ov_pdf__ranges_open(&r, pdf, 0, a, b, c)) < 0)
		goto done;
	cms_ok = CMS_verify(cms, NULL, NULL, r.bio, NULL,
			    CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY) == 1;
	if (!md_ok) {
		ERR_clear_error();
		err = ov_text_first(&si->digest_error, "kontrollsumman stämmer inte: de "
			       "undertecknade byten har ändrats efter underskriften");
	} else if (!cms_ok) {
		err = ov_text_first(&si->digest_error, "CMS-underskriften håller "
			       "inte: %s", ov_ssl_reason(why, sizeof(why)));
	} else {
		si->digest_ok = 1;
	}
	if (err < 0)
		goto done;

chain:
	/*
	 * 4 and 5. time-stamp, chain, usage and time.  Agreements are verified
	 * years after signing, when signer certificates have expired: what
	 * matters is that the certificate was valid when the signatory signed.
	 * A time-stamp proves that time; /M is only the signer's claim, so
	 * without a token the certificate must also hold now.
	 */
	if ((err = check_timestamp(si, signer, trust, dss)) < 0)
		goto done;
	if (!cert) {
		err = ov_text_first(&si->chain_error, "undertecknarens certifikat "
			       "finns inte i underskriften");
		goto done;
	}
	if (si->timestamp_ok) {
		at = si->timestamp_time;
		have_time = 1;
	}
	si->chain_ok = cert_ok_at(&si->chain_error, cert, certs, trust, at, &err);
	if (err < 0)
		goto done;
	if (si->chain_ok && !si->timestamp_ok && have_time &&
	    at > (long long)time(NULL) + FUTURE_SLACK) {
		si->chain_ok = 0;
		err = ov_text_first(&si->chain_error, "signeringstiden i /M ligger i "
			       "framtiden");
	}
	if (err < 0)
		goto done;
	if (si->chain_ok && (err = check_revocation(si, dss, cert, certs, trust, at)) < 0)
		goto done;
	if (si->timestamp_ok)
		si->valid_now = 1;   /* not needed: the time is proven */
	else
		si->valid_now = cert_ok_at(&si->now_error, cert, certs, trust,
					   (long long)time(NULL), &err);
done:
	ov_pdf__ranges_close(&r);
	sk_X509_pop_free(certs, X509_free);
	CMS_ContentInfo_free(cms);
	ERR_clear_error();
	return err;
}

/* The end of the revision holding offset `off` (0 if unknown). */
static size_t revision_end(ov_pdf_doc *doc, size_t off)
{
	size_t n, i, best = 0;
	const ov_pdf_revision *revs = ov_pdf_doc_revisions(doc, &n);

	for (i = 0; i < n; i++)
		if (revs[i].end > off && (!best || revs[i].end < best))
			best = revs[i].end;
	return best;
}

static int check_signature(ov_sig_info *si, ov_pdf_doc *doc, const char *pdf,
			   size_t len, const found_sig *f, X509_STORE *trust, const ov_dss *dss)
{
	ov_pdf_obj *sig = NULL, *m, *sub, *br, *contents;
	long long v[4], at = (long long)time(NULL);
	size_t off = 0, i;
	int gen, err, have_time = 0;
	char iso[32];

	if (!(si->field_name = strdup(f->name)))
		return ov_error_set(OV_ENOMEM, "out of memory");
	if (f->rect && f->rect->type == OV_PDF_ARRAY && f->rect->count == 4) {
		si->has_rect = 1;
		for (i = 0; i < 4; i++) {
			const ov_pdf_obj *n = f->rect->items[i];

			if (n->type == OV_PDF_INT)
				si->rect[i] = (double)n->num;
			else if (n->type == OV_PDF_REAL)
				si->rect[i] = strtod(n->str, NULL);
			else
				si->has_rect = 0;
		}
	}
	if ((err = ov_pdf_doc_resolve(&sig, doc, f->value)) < 0)
		return err;
	if (!sig || sig->type != OV_PDF_DICT)
		return ov_text_first(&si->digest_error, "fältets värde är inte en "
				"signaturordlista");
	if (f->value->type == OV_PDF_REF) {
		if ((err = ov_pdf_doc_locate(&off, &gen, doc, f->value->num)) < 0)
			return err;
	} else {
		off = sig->off;
	}
	si->revision_end = revision_end(doc, off);

	m = ov_pdf_dict_get(sig, "M");
	if (m && m->type == OV_PDF_STRING &&
	    ov_pdf_date_parse(&at, iso, m->str, m->len) == OV_OK) {
		have_time = 1;
		if (!(si->signing_time = strdup(iso)))
			return ov_error_set(OV_ENOMEM, "out of memory");
	}
	ov_error_clear();

	si->claimed_time = have_time ? at : 0;
	{
		ov_pdf_obj *refs = NULL;

		if ((err = ov_pdf_doc_resolve(&refs, doc, ov_pdf_dict_get(sig, "Reference"))) < 0)
			return err;
		for (i = 0; refs && refs->type == OV_PDF_ARRAY && i < refs->count; i++) {
			ov_pdf_obj *ref = NULL, *params = NULL, *pp;

			if ((err = ov_pdf_doc_resolve(&ref, doc, refs->items[i])) < 0 ||
			    (err = ov_pdf_doc_resolve(&params, doc,
						      ov_pdf_dict_get(ref, "TransformParams"))) < 0)
				return err;
			if (!ov_pdf_is_name(ov_pdf_dict_get(ref, "TransformMethod"), "DocMDP"))
				continue;
			pp = ov_pdf_dict_get(params, "P");
			si->certify_p = pp && pp->type == OV_PDF_INT && pp->num >= 1 &&
					pp->num <= 3 ? (int)pp->num : 2;
		}
	}

	sub = ov_pdf_dict_get(sig, "SubFilter");
	si->doc_timestamp = ov_pdf_is_name(sub, "ETSI.RFC3161");
	if (si->doc_timestamp != ov_pdf_is_name(ov_pdf_dict_get(sig, "Type"), "DocTimeStamp"))
		return ov_text_first(&si->digest_error, "/Type /DocTimeStamp hör ihop med "
				     "/SubFilter /ETSI.RFC3161, men bara det ena finns");
	if (!si->doc_timestamp && !ov_pdf_is_name(sub, "ETSI.CAdES.detached") &&
	    !ov_pdf_is_name(sub, "adbe.pkcs7.detached"))
		return ov_text_first(&si->digest_error, "/SubFilter stöds inte");

	/* 1. the byte ranges */
	br = ov_pdf_dict_get(sig, "ByteRange");
	contents = ov_pdf_dict_get(sig, "Contents");
	if (!br || br->type != OV_PDF_ARRAY || br->count != 4)
		return ov_text_first(&si->digest_error, "/ByteRange är inte en lista "
				"med fyra tal");
	for (i = 0; i < 4; i++) {
		if (br->items[i]->type != OV_PDF_INT || br->items[i]->num < 0)
			return ov_text_first(&si->digest_error, "/ByteRange har ett "
					"värde som inte är ett icke-negativt heltal");
		v[i] = br->items[i]->num;
	}
	if (v[0] != 0 || (unsigned long long)v[1] > len ||
	    (unsigned long long)v[2] > len || v[2] < v[1] ||
	    (unsigned long long)v[3] > len - (size_t)v[2])
		return ov_text_first(&si->digest_error, "/ByteRange [%lld %lld %lld "
				"%lld] börjar inte på 0 eller går utanför filen "
				"(%zu byte)", v[0], v[1], v[2], v[3], len);
	si->range_end = (size_t)(v[2] + v[3]);
	if (!contents || contents->type != OV_PDF_STRING)
		return ov_text_first(&si->digest_error, "/Contents är ingen sträng");
	if (contents->off != (size_t)v[1] || contents->end != (size_t)v[2] ||
	    !contents->hex)
		return ov_text_first(&si->digest_error, "luckan i /ByteRange [%lld, "
				"%lld) är inte exakt strängen /Contents "
				"[%zu, %zu)", v[1], v[2], contents->off,
				contents->end);

	/* 2. coverage */
	si->covers_to_here = si->revision_end && si->range_end == si->revision_end;
	si->total = si->range_end == len;

	if (si->doc_timestamp)
		return check_doc_timestamp(si, contents, pdf, (size_t)v[1], (size_t)v[2],
					   (size_t)v[3], trust, dss);
	return check_cms(si, contents, pdf, (size_t)v[1], (size_t)v[2],
			 (size_t)v[3], trust, at, have_time, dss);
}

static int sig_cmp(const void *a, const void *b)
{
	const ov_sig_info *x = a, *y = b;

	return (x->range_end > y->range_end) - (x->range_end < y->range_end);
}

static void sig_info_dispose(ov_sig_info *s)
{
	free(s->field_name);
	free(s->signer_name);
	free(s->signer_email);
	free(s->now_error);
	free(s->archive_error);
	free(s->lapse_error);
	free(s->timestamp_iso);
	free(s->tsa_name);
	free(s->timestamp_error);
	free(s->change_error);
	free(s->subject);
	free(s->issuer);
	free(s->serial);
	free(s->fingerprint);
	free(s->signing_time);
	free(s->digest_error);
	free(s->chain_error);
	free(s->revocation_error);
}

void ov_pdf_report_free(ov_pdf_report *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->nsigs; i++)
		sig_info_dispose(&r->sigs[i]);
	free(r->sigs);
	free(r->parse_error);
	free(r->dss_error);
	free(r->append_error);
	free(r);
}

/* Just after the last "%%EOF" and its end of line, or 0. */
static size_t last_eof(const char *pdf, size_t len)
{
	size_t i = len;

	while (i >= 5) {
		i--;
		if (!memcmp(pdf + i - 4, "%%EOF", 5)) {
			size_t end = i + 1;

			if (end < len && pdf[end] == '\r')
				end++;
			if (end < len && pdf[end] == '\n')
				end++;
			return end;
		}
	}
	return 0;
}

/* 1 if the document's form has a field with a value (cheap look). */
static int has_signature(ov_pdf_doc *doc)
{
	ov_pdf_obj *cat = NULL, *af = NULL, *fields = NULL;
	int yes = ov_pdf_doc_catalog(&cat, doc) == OV_OK &&
		  ov_pdf_doc_resolve(&af, doc, ov_pdf_dict_get(cat, "AcroForm")) == OV_OK &&
		  ov_pdf_doc_resolve(&fields, doc, ov_pdf_dict_get(af, "Fields")) == OV_OK &&
		  fields && fields->type == OV_PDF_ARRAY && fields->count > 0;

	ov_error_clear();
	return yes;
}

/*
 * Opens the document; bytes after the last %%EOF make the file unreadable
 * as it is, but what came before may still be a signed document, and then
 * the verdict is "changed after signing" (*tail: where they begin), not
 * "broken".
 */
static int open_doc(ov_pdf_doc **doc, size_t *tail, const char *pdf, size_t len)
{
	size_t end;
	int err, code;
	char *msg;

	*tail = 0;
	if ((err = ov_pdf_doc_open(doc, pdf, len)) == OV_OK)
		return OV_OK;
	end = last_eof(pdf, len);
	code = err;
	if (err == OV_ENOMEM || !end || end >= len)
		return err;
	if (!(msg = strdup(ov_error_last()->message)))
		return ov_error_set(OV_ENOMEM, "out of memory");
	if (ov_pdf_doc_open(doc, pdf, end) < 0 || !has_signature(*doc)) {
		ov_pdf_doc_free(*doc);
		*doc = NULL;
		err = ov_error_set(code, "%s", msg);
		free(msg);
		return err;
	}
	free(msg);
	ov_error_clear();
	*tail = end;
	return OV_OK;
}

/* The document's DSS (*dss, NULL when none) and what the report says of it. */
static int read_dss(ov_dss **dss, ov_pdf_report *r, ov_pdf_doc *doc)
{
	int err = ov_dss_read(dss, doc);

	if (err < 0)
		return note_parse_error(r, err);
	if (*dss) {
		r->dss = 1;
		if ((*dss)->error && !(r->dss_error = strdup((*dss)->error)))
			return ov_error_set(OV_ENOMEM, "out of memory");
	}
	return OV_OK;
}

/* Updates after the last signature: validation data only (a DSS, B-LT) is
 * no change to it. */
static int after_last(ov_pdf_report *r, const char *pdf, size_t len)
{
	int err;

	if (!r->sigs[r->nsigs - 1].covers_to_here)
		return OV_OK;
	if ((err = ov_pdf_check_dss_update(&r->append_error, NULL, pdf, r->appended_at, len)) < 0)
		return err;
	r->appended_after_last = r->append_error != NULL;
	r->dss_after_last = !r->appended_after_last;
	return OV_OK;
}

/* Where the revision before the one ending at `end` ends (0 if none). */
static size_t revision_before(ov_pdf_doc *doc, size_t end)
{
	size_t n, i, best = 0;
	const ov_pdf_revision *revs = ov_pdf_doc_revisions(doc, &n);

	for (i = 0; i < n; i++)
		if (revs[i].end < end && revs[i].end > best)
			best = revs[i].end;
	return best;
}

/*
 * From one signature to the next: only the next signature; before a
 * document time-stamp also validation data (B-LTA: DSS, time-stamp, DSS,
 * time-stamp ...), in updates of their own before the time-stamp's.
 */
static int check_step(ov_sig_info *si, const ov_sig_info *next, ov_pdf_doc *doc,
		      const char *pdf)
{
	size_t from = si->range_end, mid = from;
	int err;

	if (next->doc_timestamp && (mid = revision_before(doc, next->range_end)) < from)
		mid = from;
	if (mid > from && ((err = ov_pdf_check_dss_update(&si->change_error, &si->change_offset,
							   pdf, from, mid)) < 0 ||
			   si->change_error))
		return err;
	return ov_pdf_check_update(&si->change_error, &si->change_offset, pdf, mid,
				   next->range_end, next->field_name);
}

/*
 * A certifying signature that allows no changes (P=1) allows validation
 * data and document time-stamps after it, and no signature of any kind
 * later, also past such a time-stamp: check_step sees one pair only.
 */
static int check_certified(ov_pdf_report *r)
{
	ov_sig_info *cert = NULL;

	for (size_t i = 0; i < r->nsigs; i++) {
		ov_sig_info *si = &r->sigs[i];

		if (cert && !si->doc_timestamp && !cert->change_error &&
		    !(cert->change_error = strdup("den certifierande underskriften tillåter "
						  "inga ändringar alls, men en underskrift "
						  "till följer")))
			return ov_error_set(OV_ENOMEM, "out of memory");
		if (!cert && si->certify_p == 1)
			cert = si;
	}
	return OV_OK;
}

static int check_changes(ov_pdf_report *r, ov_pdf_doc *doc, const char *pdf)
{
	int err;

	if ((err = check_certified(r)) < 0)
		return err;
	for (size_t i = 0; i + 1 < r->nsigs; i++) {
		ov_sig_info *si = &r->sigs[i], *next = &r->sigs[i + 1];

		if (!si->covers_to_here || !next->covers_to_here ||
		    next->range_end <= si->range_end || si->change_error)
			continue;   /* reported as a coverage problem already */
		if ((err = check_step(si, next, doc, pdf)) < 0)
			return err;
	}
	return OV_OK;
}

/*
 * Which verified time-stamps still prove their time at `now`.  A token is
 * checked at its own time, so once its TSA certificate has expired nothing
 * more can be learnt about that certificate (a CA drops expired ones from
 * its CRL): from then on the time-stamp proves its time only if a later
 * document time-stamp, itself live, covers it and was made before the
 * expiry -- which is what `overens timestamp` does each year.  Later
 * signatures decide earlier ones, so the walk runs from the end of the
 * file.
 */
int ov_pdf__stamp_liveness(ov_pdf_report *r, long long now)
{
	int err;

	for (size_t i = r->nsigs; i-- > 0;) {
		ov_sig_info *si = &r->sigs[i];
		char day[11];

		if (!si->timestamp_ok)
			continue;
		si->timestamp_live = si->tsa_not_after && now < si->tsa_not_after;
		/* a renewal is later in the file and in time, and made before the expiry */
		for (size_t k = i + 1; k < r->nsigs && !si->timestamp_live; k++) {
			const ov_sig_info *t = &r->sigs[k];

			si->timestamp_live = t->doc_timestamp && t->timestamp_ok &&
					     t->timestamp_live && t->covers_to_here &&
					     t->range_end > si->range_end &&
					     t->timestamp_time >= si->timestamp_time &&
					     t->timestamp_time < si->tsa_not_after;
		}
		if (si->timestamp_live)
			continue;
		if (!si->tsa_not_after) {
			err = ov_text_first(&si->lapse_error, "tidsstämpeltjänstens certifikat har "
					    "inget läsbart slutdatum, och ingen senare "
					    "dokumenttidsstämpel täcker tidsstämpeln");
		} else {
			ov_date_format(day, ov_date_from_days((long)(si->tsa_not_after / 86400)));
			err = ov_text_first(&si->lapse_error, "tidsstämpeltjänstens certifikat gick "
					    "ut %s, och ingen senare dokumenttidsstämpel från före "
					    "dess täcker tidsstämpeln", day);
		}
		if (err < 0)
			return err;
	}
	return OV_OK;
}

/* Each party's signature: the earliest live document time-stamp that
 * covers it (sorted by range_end, so any later one does). */
static void archive_times(ov_pdf_report *r)
{
	for (size_t i = 0; i < r->nsigs; i++) {
		ov_sig_info *si = &r->sigs[i];

		if (si->doc_timestamp)
			continue;
		for (size_t k = i + 1; k < r->nsigs; k++) {
			const ov_sig_info *t = &r->sigs[k];

			if (t->doc_timestamp && t->timestamp_ok && t->timestamp_live &&
			    t->covers_to_here &&
			    (!si->archive_time || t->timestamp_time < si->archive_time))
				si->archive_time = t->timestamp_time;
		}
	}
}

/*
 * A party's signature without a time-stamp of its own, covered by a
 * document time-stamp: that proves the signature existed at its time (its
 * earliest proof of existence, ETSI EN 319 102-1's best signature time).
 * So the chain is checked there too -- a certificate that held then need
 * not hold today -- and revocation is decided there rather than at the
 * claimed /M.
 */
static int checks_at_archive(ov_sig_info *si, const found_sig *f, ov_pdf_doc *doc,
			     X509_STORE *trust, const ov_dss *dss, long long now)
{
	ov_pdf_obj *sig = NULL, *c;
	const unsigned char *p;
	CMS_ContentInfo *cms = NULL;
	STACK_OF(CMS_SignerInfo) *infos;
	STACK_OF(X509) *certs = NULL;
	X509 *cert = NULL;
	int err = OV_OK;

	if ((err = ov_pdf_doc_resolve(&sig, doc, f->value)) < 0)
		return err;
	c = sig && sig->type == OV_PDF_DICT ? ov_pdf_dict_get(sig, "Contents") : NULL;
	p = c && c->type == OV_PDF_STRING ? (const unsigned char *)c->str : NULL;
	if (p && c->len < 0x7fffffff)
		cms = d2i_CMS_ContentInfo(NULL, &p, (long)c->len);
	infos = cms ? CMS_get0_SignerInfos(cms) : NULL;
	certs = cms ? CMS_get1_certs(cms) : NULL;
	for (int i = 0; infos && sk_CMS_SignerInfo_num(infos) == 1 && certs &&
	     i < sk_X509_num(certs) && !cert; i++)
		if (!CMS_SignerInfo_cert_cmp(sk_CMS_SignerInfo_value(infos, 0), sk_X509_value(certs, i)))
			cert = sk_X509_value(certs, i);
	if (cert && si->timestamp_ok && !si->timestamp_live) {
		/*
		 * Its own time-stamp lapsed: the time is the signer's claim (/M)
		 * again, as for a signature without a time-stamp -- the chain at
		 * that time and now, and revocation at it unless a document
		 * time-stamp in force gives a better time below.
		 */
		long long at = si->claimed_time ? si->claimed_time : now;

		free(si->chain_error);
		si->chain_error = NULL;
		si->chain_ok = cert_ok_at(&si->chain_error, cert, certs, trust, at, &err);
		if (err >= 0 && si->chain_ok && si->claimed_time > now + FUTURE_SLACK) {
			si->chain_ok = 0;
			err = ov_text_first(&si->chain_error, "signeringstiden i /M ligger i "
					    "framtiden");
		}
		if (err >= 0)
			si->valid_now = cert_ok_at(&si->now_error, cert, certs, trust, now, &err);
		if (err >= 0 && dss && si->chain_ok && !si->archive_time) {
			free(si->revocation_error);
			si->revocation_error = NULL;
			si->revocation_status = 0;
			err = check_revocation(si, dss, cert, certs, trust, at);
		}
	}
	if (cert && err >= 0 && si->archive_time) {
		si->valid_at_archive = cert_ok_at(&si->archive_error, cert, certs, trust,
						  si->archive_time, &err);
		if (err >= 0 && dss) {
			free(si->revocation_error);
			si->revocation_error = NULL;
			err = check_revocation(si, dss, cert, certs, trust, si->archive_time);
		}
	}
	sk_X509_pop_free(certs, X509_free);
	CMS_ContentInfo_free(cms);
	ERR_clear_error();
	return err;
}

static int archive_checks(ov_pdf_report *r, const walk *w, X509_STORE *trust,
			  const ov_dss *dss, long long now)
{
	int err;

	for (size_t i = 0; trust && i < r->nsigs; i++) {
		ov_sig_info *si = &r->sigs[i];

		if (si->doc_timestamp || !si->parsed || (si->timestamp_ok && si->timestamp_live) ||
		    (!si->timestamp_ok && !si->archive_time))
			continue;
		for (size_t k = 0; k < w->nsigs; k++)
			if (!strcmp(w->sigs[k].name, si->field_name) &&
			    (err = checks_at_archive(si, &w->sigs[k], w->doc, trust, dss, now)) < 0)
				return err;
	}
	return OV_OK;
}

int ov_pdf_verify(ov_pdf_report **out, const char *pdf, size_t len,
		  X509_STORE *trust)
{
	ov_pdf_doc *doc = NULL;
	ov_pdf_report *r = NULL;
	ov_pdf_obj *cat = NULL, *af = NULL, *fields = NULL;
	ov_dss *dss = NULL;
	walk w;
	size_t i, unparsed_tail = 0;
	long long now = (long long)time(NULL);
	int err;

	*out = NULL;
	memset(&w, 0, sizeof(w));
	if ((err = open_doc(&doc, &unparsed_tail, pdf, len)) < 0)
		return err;
	if (!(r = calloc(1, sizeof(*r)))) {
		err = ov_error_set(OV_ENOMEM, "out of memory");
		goto done;
	}
	r->parse_ok = 1;
	if ((err = ov_pdf_doc_catalog(&cat, doc)) < 0)
		goto done;
	err = ov_pdf_doc_resolve(&af, doc, ov_pdf_dict_get(cat, "AcroForm"));
	if (err == OV_OK)
		err = ov_pdf_doc_resolve(&fields, doc, ov_pdf_dict_get(af, "Fields"));
	if (err < 0 && (err = note_parse_error(r, err)) < 0)
		goto done;
	w.doc = doc;
	w.report = r;
	if ((err = walk_fields(&w, fields, "", 0, 0)) < 0)
		goto done;
	if ((err = read_dss(&dss, r, doc)) < 0)
		goto done;
	if (w.nsigs && !(r->sigs = calloc(w.nsigs, sizeof(*r->sigs)))) {
		err = ov_error_set(OV_ENOMEM, "out of memory");
		goto done;
	}
	for (i = 0; i < w.nsigs; i++) {
		ov_sig_info *si = &r->sigs[r->nsigs++];

		err = check_signature(si, doc, pdf, len, &w.sigs[i], trust, dss);
		if (err == OV_ENOMEM)
			goto done;
		if (err < 0) {
			/* the message stays set for note_parse_error */
			if ((err = ov_text_first(&si->digest_error, "oläslig "
					    "underskrift: %s",
					    ov_error_last()->message)) < 0 ||
			    (err = note_parse_error(r, OV_EINVALID)) < 0)
				goto done;
		}
	}
	if (r->nsigs > 1)
		qsort(r->sigs, r->nsigs, sizeof(*r->sigs), sig_cmp);
	/* Each signature is its own revision: two covering the same bytes are
	 * one signature claimed by two fields. */
	for (i = 0; i + 1 < r->nsigs; i++)
		if (r->sigs[i].range_end && r->sigs[i].range_end == r->sigs[i + 1].range_end &&
		    (err = note_parse_error(r, ov_error_set(OV_EINVALID, "PDF: the fields %s "
					    "and %s share one signature", r->sigs[i].field_name,
					    r->sigs[i + 1].field_name))) < 0)
			goto done;
	r->appended_after_last = (r->nsigs > 0 &&
				  r->sigs[r->nsigs - 1].range_end < len) || unparsed_tail;
	if (r->appended_after_last)
		r->appended_at = r->nsigs ? r->sigs[r->nsigs - 1].range_end : unparsed_tail;
	if (r->appended_after_last && !unparsed_tail && (err = after_last(r, pdf, len)) < 0)
		goto done;
	/* 6. what changed between one signature and the next */
	if ((err = check_changes(r, doc, pdf)) < 0)
		goto done;
	if ((err = ov_pdf__stamp_liveness(r, now)) < 0)
		goto done;
	archive_times(r);
	if ((err = archive_checks(r, &w, trust, dss, now)) < 0)
		goto done;
	err = OV_OK;
done:
	for (i = 0; i < w.nsigs; i++)
		free(w.sigs[i].name);
	free(w.sigs);
	ov_dss_free(dss);
	ov_pdf_doc_free(doc);
	if (err < 0) {
		ov_pdf_report_free(r);
		return err;
	}
	*out = r;
	return OV_OK;
}

/* ------------------------------------------------------------------ */
/* Embedded files                                                      */

static int name_matches(const ov_pdf_obj *s, const char *name)
{
	char *t = NULL;
	int same;

	if (!s || s->type != OV_PDF_STRING || ov_pdf_text_to_utf8(&t, s) < 0) {
		ov_error_clear();
		return 0;
	}
	same = !strcmp(t, name);
	free(t);
	return same;
}

/* Finds the file specification in a name-tree node. */
static int find_filespec(ov_pdf_obj **out, ov_pdf_doc *doc, ov_pdf_obj *node,
			 const char *name, int depth)
{
	ov_pdf_obj *names = NULL, *kids = NULL;
	size_t i;
	int err;

	if (!node || node->type != OV_PDF_DICT)
		return OV_OK;
	if (depth > 16)
		return ov_error_set(OV_EINVALID, "PDF offset %zu: name tree too "
				    "deep", node->off);
	if ((err = ov_pdf_doc_resolve(&names, doc, ov_pdf_dict_get(node, "Names"))) < 0)
		return err;
	for (i = 0; names && names->type == OV_PDF_ARRAY &&
	     i + 1 < names->count && !*out; i += 2) {
		ov_pdf_obj *spec = NULL, *key = NULL;

		if ((err = ov_pdf_doc_resolve(&key, doc, names->items[i])) < 0 ||
		    (err = ov_pdf_doc_resolve(&spec, doc, names->items[i + 1])) < 0)
			return err;
		if (!spec || spec->type != OV_PDF_DICT)
			continue;
		if (!name || name_matches(key, name) ||
		    name_matches(ov_pdf_dict_get(spec, "UF"), name) ||
		    name_matches(ov_pdf_dict_get(spec, "F"), name))
			*out = spec;
	}
	if ((err = ov_pdf_doc_resolve(&kids, doc, ov_pdf_dict_get(node, "Kids"))) < 0)
		return err;
	for (i = 0; kids && kids->type == OV_PDF_ARRAY && i < kids->count &&
	     !*out; i++) {
		ov_pdf_obj *kid = NULL;

		if ((err = ov_pdf_doc_resolve(&kid, doc, kids->items[i])) < 0 ||
		    (err = find_filespec(out, doc, kid, name, depth + 1)) < 0)
			return err;
	}
	return OV_OK;
}

int ov_pdf_embedded_file(ov_buf *out, const char *pdf, size_t len,
			 const char *name)
{
	ov_pdf_doc *doc = NULL;
	ov_pdf_obj *cat = NULL, *names = NULL, *tree = NULL, *spec = NULL;
	ov_pdf_obj *ef = NULL, *stream = NULL;
	ov_buf data = OV_BUF_INIT;
	int err;

	if ((err = ov_pdf_doc_open(&doc, pdf, len)) < 0 ||
	    (err = ov_pdf_doc_catalog(&cat, doc)) < 0 ||
	    (err = ov_pdf_doc_resolve(&names, doc, ov_pdf_dict_get(cat, "Names"))) < 0 ||
	    (err = ov_pdf_doc_resolve(&tree, doc,
				      ov_pdf_dict_get(names, "EmbeddedFiles"))) < 0 ||
	    (err = find_filespec(&spec, doc, tree, name, 0)) < 0)
		goto done;
	if (!spec) {
		err = name ? ov_error_set(OV_ENOTFOUND, "PDF has no embedded file "
					  "named '%s'", name)
			   : ov_error_set(OV_ENOTFOUND, "PDF has no embedded file");
		goto done;
	}
	if ((err = ov_pdf_doc_resolve(&ef, doc, ov_pdf_dict_get(spec, "EF"))) < 0)
		goto done;
	if ((err = ov_pdf_doc_resolve(&stream, doc, ov_pdf_dict_get(ef, "F"))) < 0)
		goto done;
	if (!stream && (err = ov_pdf_doc_resolve(&stream, doc,
						 ov_pdf_dict_get(ef, "UF"))) < 0)
		goto done;
	if (!stream || stream->type != OV_PDF_STREAM) {
		err = ov_error_set(OV_EINVALID, "PDF offset %zu: embedded file "
				   "has no /EF stream", spec->off);
		goto done;
	}
	if ((err = ov_pdf_stream_decode(&data, doc, stream, OV_PDF_MAX_STREAM)) < 0)
		goto done;
	err = ov_buf_put(out, data.ptr, data.size);
done:
	ov_buf_dispose(&data);
	ov_pdf_doc_free(doc);
	return err;
}

int ov_pdf_info_text(ov_buf *out, const char *pdf, size_t len, const char *key)
{
	ov_pdf_doc *doc = NULL;
	ov_pdf_obj *info = NULL, *v = NULL;
	char *text = NULL;
	int err;

	if ((err = ov_pdf_doc_open(&doc, pdf, len)) < 0 ||
	    (err = ov_pdf_doc_resolve(&info, doc,
				      ov_pdf_dict_get(ov_pdf_doc_trailer(doc), "Info"))) < 0 ||
	    (err = ov_pdf_doc_resolve(&v, doc, ov_pdf_dict_get(info, key))) < 0)
		goto done;
	if (!v || v->type != OV_PDF_STRING) {
		err = ov_error_set(OV_ENOTFOUND, "PDF has no /%s in its /Info", key);
		goto done;
	}
	if ((err = ov_pdf_text_to_utf8(&text, v)) == OV_OK)
		err = ov_buf_puts(out, text);
done:
	free(text);
	ov_pdf_doc_free(doc);
	return err;
}
