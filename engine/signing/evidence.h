/*
 * evidence.h - the evidence log of a version of an agreement (XML,
 * templates/evidence.rng), made by one builder in two stages:
 *
 *   signing  made at the freeze, before the first signature of a version,
 *            attached to the PDF that is signed and shown on its last
 *            page(s): the events up to the frozen text, and the signatures
 *            of every earlier signed version as their PDFs in git hold them;
 *   export   made by `overens export` for a signed version: the events up
 *            to its last signature and that version's own signatures, as
 *            verification finds them.
 *
 * What exists only after a signature (its certificate, time-stamp and the
 * hash of its revision) cannot go into the PDF it signs: it goes into the
 * next version's log and into the export's.
 */
#ifndef OV_SIGNING_EVIDENCE_H
#define OV_SIGNING_EVIDENCE_H

#include "overens/buf.h"
#include "overens/sign.h"
#include "overens/workspace.h"

/* The attachment's name inside the signed PDF. */
#define OV_EVIDENCE_NAME "bevislogg.xml"

/* Lower-case hex SHA-256 of `len` bytes into out (65 bytes; "" if OpenSSL fails). */
void ov_evidence_sha256(char out[65], const void *data, size_t len);

/*
 * Appends the signing-stage log of version `version` of agreement `id` to
 * `out`: its events up to and including commit `frozen` (the frozen text),
 * and for each earlier version with a signed PDF in git at `frozen`, that
 * PDF's hash and its signatures (certificate subject, issuer, serial,
 * SHA-256 fingerprint, signing time, time-stamp, revision hash).  Nothing
 * in it depends on the clock or on the trust store, so the same frozen
 * version always gives the same bytes.
 */
int ov_evidence_signing(ov_buf *out, ov_workspace *ws, const char *id, int version,
			const char *frozen);

/*
 * Appends the export-stage log of version `version` of agreement `id` to
 * `out`: its events from the first up to the last signature of the
 * version, the verification `report` of its signed PDF `pdf`, with the
 * SHA-256 of each signed revision.
 */
int ov_evidence_export(ov_buf *out, ov_workspace *ws, const char *id, int version,
		       const ov_verify_report *report, const ov_buf *pdf);

#endif
