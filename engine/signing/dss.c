/*
 * dss.c - reading a PDF's document security store and checking
 * revocation from it alone (see dss.h).
 *
 * A certificate counts as covered when the DSS has, for it and its
 * issuer, an OCSP response (RFC 6960) with its status, signed by the
 * issuer or a responder the issuer delegated to (OpenSSL's
 * OCSP_basic_verify, the responder's chain checked at producedAt), or a
 * CRL (RFC 5280) whose issuer is the certificate's issuer and whose
 * signature the issuer's key verifies.  Revocation data that claims to be
 * about the certificate but does not verify is a finding of its own
 * (OV_REV_BAD): a DSS that does not verify never makes a signature valid.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "overens/lazy_crypto.h"

#include "overens/buf.h"
#include "overens/error.h"
#include "engine/signing/dss.h"
#include "engine/signing/x509util.h"

/* The largest DSS entry read. */
#define MAX_ENTRY ((size_t)1 << 20)

void ov_dss_free(ov_dss *d)
{
	if (!d)
		return;
	sk_X509_pop_free(d->certs, X509_free);
	sk_X509_CRL_pop_free(d->crls, X509_CRL_free);
	for (size_t i = 0; i < d->nocsps; i++)
		OCSP_BASICRESP_free(d->ocsps[i]);
	free(d->ocsps);
	free(d->error);
	free(d);
}

/* One entry of kind `k` (0 certificate, 1 CRL, 2 OCSP response) from DER. */
static int add_entry(ov_dss *d, int k, const ov_buf *der, const char *key, size_t i)
{
	const unsigned char *p = (const unsigned char *)der->ptr;
	long n = (long)der->size;
	int ok = 0;

	if (k == 0) {
		X509 *x = d2i_X509(NULL, &p, n);

		ok = x && sk_X509_push(d->certs, x) > 0;
		if (x && !ok)
			X509_free(x);
	} else if (k == 1) {
		X509_CRL *c = d2i_X509_CRL(NULL, &p, n);

		ok = c && sk_X509_CRL_push(d->crls, c) > 0;
		if (c && !ok)
			X509_CRL_free(c);
	} else {
		OCSP_RESPONSE *r = d2i_OCSP_RESPONSE(NULL, &p, n);
		OCSP_BASICRESP *bs = r && OCSP_response_status(r) ==
				     OCSP_RESPONSE_STATUS_SUCCESSFUL ? OCSP_response_get1_basic(r) : NULL;
		OCSP_BASICRESP **grown = bs ? realloc(d->ocsps, (d->nocsps + 1) * sizeof(*grown)) : NULL;

		OCSP_RESPONSE_free(r);
		if (grown) {
			d->ocsps = grown;
			d->ocsps[d->nocsps++] = bs;
			ok = 1;
		} else {
			OCSP_BASICRESP_free(bs);
		}
	}
	ERR_clear_error();
	if (ok && p == (const unsigned char *)der->ptr + der->size)
		return OV_OK;
	return ov_text_first(&d->error, "DSS-posten /%s %zu kan inte läsas", key, i);
}

static int read_array(ov_dss *d, ov_pdf_doc *doc, const ov_pdf_obj *dss, int k)
{
	static const char *const keys[] = { "Certs", "CRLs", "OCSPs" };
	ov_pdf_obj *arr = NULL;
	ov_buf data = OV_BUF_INIT;
	size_t i;
	int err;

	if ((err = ov_pdf_doc_resolve(&arr, doc, ov_pdf_dict_get(dss, keys[k]))) < 0)
		return err == OV_ENOMEM ? err : ov_text_first(&d->error, "DSS:ens /%s kan inte läsas", keys[k]);
	if (arr && arr->type != OV_PDF_ARRAY)
		return ov_text_first(&d->error, "DSS:ens /%s är ingen lista", keys[k]);
	for (i = 0; arr && i < arr->count; i++) {
		ov_pdf_obj *s = NULL;

		ov_buf_clear(&data);
		err = ov_pdf_doc_resolve(&s, doc, arr->items[i]);
		if (err == OV_OK && s && s->type == OV_PDF_STREAM)
			err = ov_pdf_stream_decode(&data, doc, s, MAX_ENTRY);
		else if (err == OV_OK)
			err = OV_EINVALID;
		if (err == OV_ENOMEM && ov_error_last() && !strcmp(ov_error_last()->message,
								   "out of memory"))
			break;
		ov_error_clear();
		err = err < 0 ? ov_text_first(&d->error, "DSS-posten /%s %zu är ingen läsbar ström",
				     keys[k], i) : add_entry(d, k, &data, keys[k], i);
		if (err < 0)
			break;
	}
	ov_buf_dispose(&data);
	return err;
}

int ov_dss_read(ov_dss **out, ov_pdf_doc *doc)
{
	ov_pdf_obj *cat = NULL, *dss = NULL;
	ov_dss *d = NULL;
	int err, k;

	*out = NULL;
	if ((err = ov_pdf_doc_catalog(&cat, doc)) < 0 ||
	    (err = ov_pdf_doc_resolve(&dss, doc, ov_pdf_dict_get(cat, "DSS"))) < 0)
		return err;
	if (!ov_pdf_dict_get(cat, "DSS"))
		return OV_OK;
	if (!(d = calloc(1, sizeof(*d))) || !(d->certs = sk_X509_new_null()) ||
	    !(d->crls = sk_X509_CRL_new_null())) {
		ov_dss_free(d);
		return ov_error_set(OV_ENOMEM, "out of memory");
	}
	if (!dss || dss->type != OV_PDF_DICT)
		err = ov_text_first(&d->error, "katalogens /DSS är ingen ordlista");
	for (k = 0; k < 3 && err == OV_OK && dss && dss->type == OV_PDF_DICT; k++)
		err = read_array(d, doc, dss, k);
	if (err < 0) {
		ov_dss_free(d);
		return err;
	}
	*out = d;
	return OV_OK;
}

/* "YYYY-MM-DDTHH:MM:SSZ" of `t`. */
static void iso_utc(char out[32], long long t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (!gmtime_r(&tt, &tm) || !strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(out, 32, "%lld", t);
}

/* An ASN1_TIME in seconds since the epoch, or 0. */
static long long asn1_secs(const ASN1_TIME *t)
{
	struct tm tm;

	if (!t || !ASN1_TIME_to_tm(t, &tm))
		return 0;
	return (long long)timegm(&tm);
}

/*
 * Revocation data speaks for the time it was issued (a CRL's thisUpdate,
 * an OCSP response's thisUpdate): a certificate revoked after that is not
 * in it.  So "not revoked" counts only from data issued at or after `at`
 * (ETSI EN 319 102-1, the revocation freshness checker); older data can
 * still show a revocation at or before `at`, or one after it.  *stale
 * keeps the newest issue time of the data too old to count.
 */

/* The OCSP answer for subj (issued by iss): 1 found, 0 none; *st and *why
 * set when it is revoked in time or does not verify. */
static int check_ocsp(int *st, char **why, const ov_dss *dss, X509 *subj, X509 *iss,
		      STACK_OF(X509) *all, X509_STORE *trust, long long at, const char *cn,
		      long long *stale)
{
	OCSP_CERTID *id = OCSP_cert_to_id(NULL, subj, iss);
	int found = 0, err = OV_OK;

	if (!id)
		return ov_error_set(OV_ENOMEM, "out of memory");
	for (size_t i = 0; i < dss->nocsps && !found && err == OV_OK; i++) {
		ASN1_GENERALIZEDTIME *rev = NULL, *thisupd = NULL, *nextupd = NULL;
		int status = -1, reason = -1, ok;
		X509_STORE *s;

		if (OCSP_resp_find_status(dss->ocsps[i], id, &status, &reason, &rev, &thisupd,
					  &nextupd) != 1)
			continue;
		s = ov_x509_store_at(trust, asn1_secs(OCSP_resp_get0_produced_at(dss->ocsps[i])));
		if (!s) {
			err = ov_error_set(OV_ENOMEM, "out of memory");
			break;
		}
		ok = OCSP_basic_verify(dss->ocsps[i], all, s, 0) == 1;
		X509_STORE_free(s);
		ERR_clear_error();
		if (!ok) {
			*st = OV_REV_BAD;
			err = ov_text_first(why, "OCSP-svaret om %s i DSS:en håller inte (underskrift eller "
				   "svarare)", cn);
			found = 1;
		} else if (status == V_OCSP_CERTSTATUS_GOOD) {
			long long issued = asn1_secs(thisupd);

			if (issued >= at)
				found = 1;
			else if (issued > *stale)
				*stale = issued;
		} else if (status == V_OCSP_CERTSTATUS_REVOKED) {
			found = 1;
			if (asn1_secs(rev) <= at) {
				char when[32];

				iso_utc(when, asn1_secs(rev));
				*st = OV_REV_REVOKED;
				err = ov_text_first(why, "certifikatet för %s spärrades %s, enligt OCSP-svaret "
					   "i DSS:en", cn, when);
			}
		}
	}
	OCSP_CERTID_free(id);
	return err < 0 ? err : found;
}

/* The same from the CRLs. */
static int check_crl(int *st, char **why, const ov_dss *dss, X509 *subj, X509 *iss,
		     long long at, const char *cn, long long *stale)
{
	int found = 0, err = OV_OK;

	for (int i = 0; i < sk_X509_CRL_num(dss->crls) && err == OV_OK; i++) {
		X509_CRL *crl = sk_X509_CRL_value(dss->crls, i);
		X509_REVOKED *r = NULL;

		if (X509_NAME_cmp(X509_CRL_get_issuer(crl), X509_get_issuer_name(subj)))
			continue;
		if (X509_CRL_verify(crl, X509_get0_pubkey(iss)) != 1) {
			ERR_clear_error();
			*st = OV_REV_BAD;
			err = ov_text_first(why, "spärrlistan för %s i DSS:en är inte undertecknad av "
				   "utfärdaren", cn);
			return err < 0 ? err : 1;
		}
		if (X509_CRL_get0_by_cert(crl, &r, subj) == 1 && r) {
			long long t = asn1_secs(X509_REVOKED_get0_revocationDate(r));

			found = 1; /* revoked: before `at` or after it, either way it tells */
			if (t <= at) {
				char when[32];

				iso_utc(when, t);
				*st = OV_REV_REVOKED;
				err = ov_text_first(why, "certifikatet för %s spärrades %s, enligt "
					   "spärrlistan i DSS:en", cn, when);
			}
		} else {
			long long issued = asn1_secs(X509_CRL_get0_lastUpdate(crl));

			if (issued >= at)
				found = 1;
			else if (issued > *stale)
				*stale = issued;
		}
	}
	return err < 0 ? err : found;
}

/* The chain of `cert` at `at`, or NULL. */
static STACK_OF(X509) *build_chain(X509 *cert, STACK_OF(X509) *all, X509_STORE *trust,
				   long long at)
{
	X509_STORE *s = ov_x509_store_at(trust, at);
	X509_STORE_CTX *ctx = X509_STORE_CTX_new();
	STACK_OF(X509) *chain = NULL;

	if (s && ctx && X509_STORE_CTX_init(ctx, s, cert, all) == 1 &&
	    X509_verify_cert(ctx) == 1)
		chain = X509_STORE_CTX_get1_chain(ctx);
	X509_STORE_CTX_free(ctx);
	X509_STORE_free(s);
	ERR_clear_error();
	return chain;
}

/* The status of one certificate (issued by iss) at `at`, in *st and *why. */
static int check_one(int *st, char **why, const ov_dss *dss, X509 *subj, X509 *iss,
		     STACK_OF(X509) *all, X509_STORE *trust, long long at)
{
	char *cn = ov_x509_common_name(subj);
	const char *name = cn ? cn : "?";
	long long stale = 0;
	int a, b = 0, err = OV_OK;

	a = check_ocsp(st, why, dss, subj, iss, all, trust, at, name, &stale);
	if (a >= 0 && *st == OV_REV_GOOD)
		b = check_crl(st, why, dss, subj, iss, at, name, &stale);
	if (a < 0 || b < 0) {
		err = OV_ENOMEM;
	} else if (!a && !b && *st == OV_REV_GOOD && stale) {
		char when[32], issued[32];

		iso_utc(when, at);
		iso_utc(issued, stale);
		*st = OV_REV_NODATA;
		err = ov_text_first(why, "DSS:ens spärrinformation för %s är utfärdad %s, före %s, "
				    "och visar inte om det spärrades däremellan", name, issued, when);
	} else if (!a && !b && *st == OV_REV_GOOD) {
		*st = OV_REV_NODATA;
		err = ov_text_first(why, "DSS:en har ingen spärrinformation för %s", name);
	}
	free(cn);
	return err;
}

int ov_dss_check(int *status, char **why, const ov_dss *dss, X509 *cert,
		 STACK_OF(X509) *untrusted, X509_STORE *trust, long long at)
{
	STACK_OF(X509) *all = sk_X509_new_null(), *chain = NULL;
	int i, err = OV_OK;

	*status = OV_REV_GOOD;
	*why = NULL;
	for (i = 0; all && untrusted && i < sk_X509_num(untrusted); i++)
		if (!sk_X509_push(all, sk_X509_value(untrusted, i)))
			err = OV_ENOMEM;
	for (i = 0; all && i < sk_X509_num(dss->certs); i++)
		if (!sk_X509_push(all, sk_X509_value(dss->certs, i)))
			err = OV_ENOMEM;
	if (!all || err < 0) {
		err = OV_ENOMEM;
		goto done;
	}
	if (!(chain = build_chain(cert, all, trust, at))) {
		*status = OV_REV_NODATA;
		err = ov_text_first(why, "kedjan kan inte byggas för spärrkontrollen");
		goto done;
	}
	/* the worst finding wins: no data < revoked < data that does not verify */
	for (i = 0; i + 1 < sk_X509_num(chain) && *status < OV_REV_REVOKED; i++) {
		int st = OV_REV_GOOD;
		char *w = NULL;

		if ((err = check_one(&st, &w, dss, sk_X509_value(chain, i),
				     sk_X509_value(chain, i + 1), all, trust, at)) < 0) {
			free(w);
			break;
		}
		if (st > *status) {
			*status = st;
			free(*why);
			*why = w;
		} else {
			free(w);
		}
	}
done:
	sk_X509_pop_free(chain, X509_free);
	sk_X509_free(all);
	if (err < 0) {
		free(*why);
		*why = NULL;
		*status = OV_REV_GOOD;
		return ov_error_set(OV_ENOMEM, "out of memory");
	}
	return OV_OK;
}
