/*
 * ltv.h - long-term validation data for a signed PDF (PAdES B-LT): the
 * certificates of every signer's and time-stamping authority's chain and
 * their revocation data, fetched from the CRL distribution points and
 * OCSP responders the certificates name, added as a document security
 * store (ov_pdf_add_dss).
 *
 * Ownership: the caller's buffers and store are borrowed; nothing here
 * writes files.
 */
#ifndef OV_LTV_H
#define OV_LTV_H

#include <stddef.h>

#include "overens/lazy_crypto.h"

#include "overens/buf.h"

/* The largest CRL or OCSP response accepted. */
#define OV_LTV_MAX_RESPONSE ((size_t)1 << 20)

/*
 * Appends to `out` the `len` bytes of `pdf` with one more update: a DSS
 * holding, for every signature and its time-stamp token, the chain to
 * `trust` (certificates valid at `now`) and for each certificate below the
 * anchor an OCSP response (when the certificate names a responder in its
 * authorityInfoAccess) and its CRLs (http(s) distribution points), each
 * verified before it is kept.  A certificate that names neither gets no
 * revocation data.  Each fetch has `timeout_ms`.
 *
 * Errors, with nothing appended: OV_ERROR naming the URL and the reason
 * for a fetch that fails; OV_EVERIFY for a CRL or OCSP response that does
 * not verify, or a chain that cannot be built; OV_EINVALID for a damaged
 * PDF; OV_ENOMEM.
 */
int ov_ltv_extend(ov_buf *out, const char *pdf, size_t len, X509_STORE *trust,
		  long long now, long timeout_ms);

#endif
