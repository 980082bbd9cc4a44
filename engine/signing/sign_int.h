/*
 * sign_int.h - what signing (sign.c) and verification (verify.c) share
 * inside the engine.
 */
#ifndef OV_SIGN_INT_H
#define OV_SIGN_INT_H

#include "overens/lazy_xml.h"

#include "overens/lazy_crypto.h"
#include "overens/buf.h"
#include "overens/workspace.h"

/* A store of every CA certificate under trust/ at main (may be empty). */
int ov__trust_store(X509_STORE **out, ov_workspace *ws);

/*
 * 1 if a certificate with common name `cn` and e-mail address `mail`
 * (either may be NULL) names the <signatory> element `signatory`: when
 * the signatory has an e-mail address the certificate must carry the same
 * (case ignored); otherwise the certificate's name must equal the
 * signatory's.
 * The same rule serves `sign` and `verify`.
 */
int ov__signatory_matches(xmlNodePtr signatory, const char *cn, const char *mail);

/*
 * PAdES B-LTA: appends a document time-stamp from the TSA at `url` to the
 * signed PDF in `pdf` (replaced in place only when the result verifies
 * against `trust`: the token, and nothing but the time-stamp added).
 * archive.c.
 */
int ov__archive_stamp(ov_buf *pdf, const char *url, X509_STORE *trust);

#endif
