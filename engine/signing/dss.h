/*
 * dss.h - the document security store of a signed PDF (ISO 32000-2
 * 12.8.4.3, PAdES B-LT): reading its certificates, CRLs and OCSP
 * responses, and deciding from them alone, with no network, whether a
 * certificate was revoked at a given time.
 *
 * Ownership: an ov_dss owns its OpenSSL objects and strings and is freed
 * with ov_dss_free; certificates, stacks and stores passed in are borrowed.
 */
#ifndef OV_DSS_H
#define OV_DSS_H

#include <stddef.h>

#include "overens/lazy_crypto.h"

#include "engine/signing/pdfparse.h"

typedef struct ov_dss {
	STACK_OF(X509) *certs;
	STACK_OF(X509_CRL) *crls;
	OCSP_BASICRESP **ocsps;
	size_t nocsps;
	char *error;   /* the first entry that could not be read (Swedish), or NULL */
} ov_dss;

/*
 * The DSS of the newest revision of `doc` into *out, or *out = NULL when
 * the catalog has none.  An entry that is not a stream or not DER of its
 * kind is left out and named in (*out)->error; only OV_ENOMEM and a
 * damaged catalog are errors.
 */
int ov_dss_read(ov_dss **out, ov_pdf_doc *doc);

/* NULL-safe. */
void ov_dss_free(ov_dss *d);

/* What the DSS says about a certificate chain at a time. */
enum {
	OV_REV_GOOD = 0,   /* every certificate below the trust anchor has
			    * revocation data, none revoked at that time */
	OV_REV_NODATA,     /* some certificate has none (named in *why) */
	OV_REV_REVOKED,    /* revoked at or before that time */
	OV_REV_BAD         /* revocation data that does not verify */
};

/*
 * Builds the chain of `cert` to `trust` (helped by `untrusted`, may be
 * NULL, and the DSS's certificates) and looks up each certificate below
 * the anchor in the DSS: an OCSP response whose signature and responder
 * verify (at its producedAt), or a CRL of its issuer signed by the issuer.
 * A revocation later than `at` (seconds) does not count: a time-stamp
 * proves the signature existed before it.  "Not revoked" counts only from
 * data issued at or after `at`; older data shows only revocations.  *status is one of OV_REV_*;
 * *why a malloc()ed Swedish reason for anything but OV_REV_GOOD, else
 * NULL.  Returns 0, or OV_ENOMEM.
 */
int ov_dss_check(int *status, char **why, const ov_dss *dss, X509 *cert,
		 STACK_OF(X509) *untrusted, X509_STORE *trust, long long at);

#endif
