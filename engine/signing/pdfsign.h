/*
 * pdfsign.h - PAdES signatures on agreement PDFs: signing (pdfsign.c) and
 * verification plus embedded-file extraction (pdfverify.c).
 *
 * A signature is one incremental update appended to the file: a signature
 * dictionary (/Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached) whose
 * /Contents holds a detached CMS SignedData (SHA-256, CAdES
 * signing-certificate-v2, no signingTime attribute: the claimed time is /M)
 * over the whole file except the /Contents hex string; a merged signature
 * field and widget with a visible appearance; the page with the widget
 * added to /Annots; the AcroForm with the field added and /SigFlags 3.
 * Earlier bytes are never changed, so earlier signatures stay valid and the
 * unsigned PDF is a byte-exact prefix of every signed version.  After the
 * last signature, updates may add a document security store
 * (ov_pdf_add_dss, PAdES B-LT) and document time-stamps
 * (ov_pdf_doc_timestamp, B-LTA), in any order.  Signing
 * must be serialised per document: two signers starting from the same
 * file would fork it.
 *
 * Nothing here writes files: results are buffers and reports.
 */
#ifndef OV_PDFSIGN_H
#define OV_PDFSIGN_H

#include <stddef.h>

#include "overens/lazy_crypto.h"

#include "overens/buf.h"

/* Hex digits reserved for /Contents (16 KiB of DER: key, chain, room for a
 * later timestamp token). */
#define OV_SIGN_CONTENTS_HEX 32768

/*
 * What the visible signature box shows, UTF-8.  Drawn in subsets of DejaVu
 * Sans and DejaVu Sans Bold embedded in the signing update (sigfont.h), so
 * every character those fonts have is shown as is (ł, č, ğ, ő too);
 * control characters become spaces, characters the font lacks '?'.
 * PDF/A wants every font embedded.  The exact strings are also
 * kept in the signature dictionary (/Name) and field name as UTF-16BE.
 * NULL or "" members are left out; a NULL name is the certificate's CN.
 */
typedef struct ov_sign_appearance {
	const char *name, *title, *party, *place, *date;
} ov_sign_appearance;

typedef struct ov_sign_request {
	const char *field_name;   /* unique per signature, e.g. "Underskrift-krets" */
	int page;                 /* 0-based page index for the widget */
	double x, y, w, h;        /* widget rectangle, PDF points, origin bottom-left */
	ov_sign_appearance look;
	/*
	 * The signature block's own lines, when the widget covers them (all
	 * relative to the widget's bottom-left corner): the signing space is
	 * its bottom sign_h points (0: the whole widget), framed and holding
	 * the name, title and party; look.place and look.date are written on
	 * their lines, baselines starting at (place_x, place_y) and (date_x,
	 * date_y) and place_w and date_w wide.  A width of 0 puts that text in
	 * the signing space instead.
	 */
	double sign_h;
	double place_x, place_y, place_w;
	double date_x, date_y, date_w;
	const char *reason;       /* /Reason, or NULL */
	const char *location;     /* /Location, or NULL */
	long long signing_time;   /* seconds since the epoch; written in /M in
				   * Swedish time (CET/CEST) */
	EVP_PKEY *key;            /* borrowed */
	X509 *cert;               /* borrowed */
	STACK_OF(X509) *chain;    /* borrowed, may be NULL; intermediates to embed */
	int certify;              /* a certifying signature (DocMDP, P 2: only
				   * form filling and further signatures may
				   * follow); only as the document's first */
	/* PAdES B-T: when set, called with the CMS signature value; appends
	 * an RFC 3161 TimeStampToken (DER) over it to `token`. */
	int (*timestamp)(ov_buf *token, const unsigned char *sig, size_t len,
			 void *ctx);
	void *timestamp_ctx;
} ov_sign_request;

/*
 * Appends one incremental update with a signature to the `len` bytes of
 * `pdf` and appends the whole new file to `out` (normally empty).  `pdf` is
 * not modified.  On failure nothing is appended.
 *
 * Errors:
 *   OV_EINVALID  `pdf` is not a PDF, is truncated, has a malformed xref or
 *                page tree, the page does not exist, the rectangle or a
 *                text is invalid; the key does not match the certificate,
 *                the certificate is not valid at signing_time or lacks
 *                keyUsage digitalSignature/nonRepudiation; the CMS does
 *                not fit in /Contents.
 *   OV_EEXISTS   a field named field_name already exists.
 *   OV_ERROR     OpenSSL failed to sign.
 */
int ov_pdf_sign(ov_buf *out, const char *pdf, size_t len,
		const ov_sign_request *req);

/* Appends to `token` a DER RFC 3161 TimeStampToken over the `len` bytes of
 * `data` (the TSA hashes them: ov_tsa_request). */
typedef int (*ov_pdf_stamp_fn)(ov_buf *token, const unsigned char *data, size_t len,
			       void *ctx);

/*
 * PAdES B-LTA (ISO 32000-2 12.8.5, ETSI EN 319 142-1 5.5): appends one
 * incremental update with a document time-stamp to the `len` bytes of
 * `pdf` and the whole new file to `out`: a signature dictionary /Type
 * /DocTimeStamp /SubFilter /ETSI.RFC3161 whose /Contents is the token
 * `stamp` returns over the bytes its /ByteRange covers (the whole file but
 * /Contents), in a field "Tidsstämpel-<n>" (the first free n) with an
 * invisible widget on the first page.  Nothing is appended on failure;
 * OV_EINVALID for a damaged or encrypted PDF or a token too large, and
 * whatever `stamp` returns.
 */
int ov_pdf_doc_timestamp(ov_buf *out, const char *pdf, size_t len, ov_pdf_stamp_fn stamp,
			 void *ctx);

/*
 * Appends `t` (seconds since the epoch) as a PDF date in Swedish time:
 * "D:YYYYMMDDHHmmSS+01'00'" (CET) or "+02'00'" (CEST, from 01:00 UTC on the
 * last Sunday of March to 01:00 UTC on the last Sunday of October).
 */
int ov_pdf_date_sweden(ov_buf *out, long long t);

/*
 * Parses a PDF date "D:YYYYMMDDHHmmSS" with optional "Z" or "+HH'mm'"/
 * "-HH'mm'" (later fields may be missing) into seconds since the epoch and
 * an ISO 8601 text "YYYY-MM-DDTHH:MM:SS+HH:MM" (21 + 5 bytes; `iso` may be
 * NULL).  OV_EINVALID if malformed.
 */
int ov_pdf_date_parse(long long *t, char iso[32], const char *s, size_t len);

/* One signature found in a PDF.  Strings are UTF-8, owned by the report. */
typedef struct ov_sig_info {
	char *field_name;     /* the field's /T */
	int has_rect;         /* the widget's /Rect [x1 y1 x2 y2] was read */
	double rect[4];
	int parsed;           /* the CMS was read and holds the signer's
			       * certificate: only then do the chain and
			       * time fields mean anything */
	char *signer_name;    /* the signer certificate's CN */
	char *signer_email;   /* its e-mail address (subject or SAN), or NULL */
	char *subject;        /* one-line subject DN */
	char *issuer;         /* one-line issuer DN */
	char *serial;         /* the certificate's serial number, hex */
	char *fingerprint;    /* its SHA-256 fingerprint, lower-case hex */
	char *signing_time;   /* /M as ISO 8601, or NULL */
	long long claimed_time; /* /M in seconds (0 when missing): only claimed */
	int certify_p;        /* DocMDP permission (1-3) of a certifying
			       * signature, 0 for an approval signature */
	int digest_ok;        /* messageDigest matches the byte ranges and the
			       * CMS signature verifies */
	char *digest_error;   /* why not, or NULL */
	int chain_ok;         /* chains to the trust store at the signing time
			       * (the time-stamp's, else the claimed /M),
			       * key usage and extended key usage allow
			       * signing */
	char *chain_error;    /* why not, or NULL */
	int valid_now;        /* the chain also holds at the verifier's clock */
	char *now_error;      /* why not, or NULL */
	/* PAdES B-T: a signature time-stamp token in the CMS */
	int has_timestamp, timestamp_ok;
	long long timestamp_time;
	char *timestamp_iso, *tsa_name, *timestamp_error;
	/* what the updates after this signature (up to the next one) changed
	 * beyond adding the next signature; NULL when nothing */
	char *change_error;
	size_t change_offset;
	int covers_to_here;   /* /ByteRange starts at 0, its only gap is the
			       * /Contents string, and it ends where the
			       * signature's revision ends */
	int total;            /* ... and that is the end of the file */
	size_t revision_end;  /* end of the revision holding the signature */
	size_t range_end;     /* where the signed bytes end */
	/* PAdES B-LT: revocation data in the document security store for the
	 * signer's chain, checked at the time-stamp's time (else at the
	 * earliest covering document time-stamp's, archive_time, else at /M) */
	int revocation_checked; /* the document has a DSS */
	int revocation_status;  /* OV_REV_* (dss.h) */
	char *revocation_error; /* why it is not OV_REV_GOOD, or NULL */
	/*
	 * PAdES B-LTA: a document time-stamp (/SubFilter /ETSI.RFC3161) is
	 * no party's signature.  For one, has_timestamp is 1 and the
	 * timestamp_* fields tell its token, verified (ov_tsa_verify) over its
	 * byte ranges; digest_ok means the same as timestamp_ok.
	 */
	int doc_timestamp;
	long long tsa_not_after;  /* the token's TSA certificate expires (0: unknown) */
	/*
	 * A verified time-stamp (either kind) still proves its time: its TSA
	 * certificate is valid today, or a later live document time-stamp
	 * covering it was made before that certificate expired (the renewal
	 * chain of ETSI EN 319 102-1's proofs of existence).  When not,
	 * lapse_error says why, and the time-stamp counts for nothing.
	 */
	int timestamp_live;
	char *lapse_error;
	long long archive_time;   /* a party's signature: the time of the earliest
				   * verified document time-stamp covering it (0: none) */
	int valid_at_archive;     /* without a time-stamp of its own: the chain
				   * holds at archive_time, which proves the
				   * signature existed while it held */
	char *archive_error;      /* why not, or NULL */
} ov_sig_info;

typedef struct ov_pdf_report {
	ov_sig_info *sigs;         /* in file order (by range_end) */
	size_t nsigs;
	int appended_after_last;   /* bytes follow the last signed range (0
				    * when there is no signature) */
	size_t appended_at;        /* where they begin */
	int dss;                   /* the document has a DSS */
	char *dss_error;           /* an entry of it that cannot be read, or NULL */
	int dss_after_last;        /* updates after the last signature add
				    * validation data only (ov_pdf_check_dss_update) */
	char *append_error;        /* why updates after the last signature are not
				    * that, or NULL */
	int parse_ok;              /* every signature field could be read */
	char *parse_error;         /* the first problem, or NULL */
} ov_pdf_report;

/*
 * Sets timestamp_live (and lapse_error) of every verified time-stamp of
 * `r` at the time `now`, from the last signature to the first; the rule is
 * at ov_sig_info.timestamp_live.  ov_pdf_verify calls it; exposed for the
 * unit tests.
 */
int ov_pdf__stamp_liveness(ov_pdf_report *r, long long now);

/*
 * Finds every signature field (AcroForm /Fields and their /Kids) with a
 * value and checks it: byte ranges, digest, CMS signature, the signer's
 * chain against `trust` (may be NULL: then chain_ok is 0 with a reason),
 * a signature time-stamp token if there is one, and what was changed
 * between one signature and the next (ov_pdf_check_update).  The chain is
 * checked at the time-stamp's time, or without one at the time in /M (the
 * signer's claim) and at the current time (valid_now): whether an
 * unproven time is good enough is the caller's decision.
 *
 * Bytes appended after the last %%EOF (a file that no longer parses as
 * it is) are reported as appended_after_last, with the signatures of the
 * file before them.
 *
 * A document whose structure cannot be read gives OV_EINVALID with the
 * offset and *out = NULL; problems inside one signature are reported in
 * the report, not as an error.  Free the report with ov_pdf_report_free.
 */
int ov_pdf_verify(ov_pdf_report **out, const char *pdf, size_t len,
		  X509_STORE *trust);

/* NULL-safe. */
void ov_pdf_report_free(ov_pdf_report *r);

/*
 * Checks what the incremental updates in [from, to) of `pdf` changed: the
 * document at `to` may differ from the document at `from` only by the next
 * signature, a signature field named `next_field` (any name when NULL)
 * with its value, widget, appearance and the entries that hook it into
 * the page's /Annots and the form's /Fields (pdfmdp.c has the rule).
 * *why is NULL when that holds, else a malloc()ed reason naming the first
 * object that breaks the rule, and *where (may be NULL) its offset.  An
 * unreadable update is a reason too; only OV_ENOMEM is an error.
 */
int ov_pdf_check_update(char **why, size_t *where, const char *pdf, size_t from,
			size_t to, const char *next_field);

/*
 * Validation data for a document security store (ISO 32000-2 12.8.4.3):
 * DER certificates, CRLs and OCSP responses (OCSPResponse), borrowed.
 */
typedef struct ov_dss_data {
	const ov_buf *certs, *crls, *ocsps;
	size_t ncerts, ncrls, nocsps;
} ov_dss_data;

/*
 * Appends one incremental update to the `len` bytes of `pdf` that adds
 * every item of `add` as a stream and points the catalog's /DSS at a new
 * DSS dictionary (/Type /DSS, /Certs, /CRLs, /OCSPs) holding the items
 * of the document's DSS so far and the new ones; the whole new file is
 * appended to `out`.  Nothing else changes.  OV_EINVALID for a damaged or
 * encrypted PDF or too many items (at most 61 in one update).
 */
int ov_pdf_add_dss(ov_buf *out, const char *pdf, size_t len, const ov_dss_data *add);

/*
 * As ov_pdf_check_update for updates in [from, to) that must add nothing
 * but validation data: the catalog may change only in /DSS, new objects
 * only be reachable from the new DSS (whose keys are /Type, /Certs, /CRLs,
 * /OCSPs and /VRI), every other object stays as it was.
 */
int ov_pdf_check_dss_update(char **why, size_t *where, const char *pdf, size_t from,
			    size_t to);

/*
 * Appends the decoded content of the embedded file named `name` (matched
 * against the /EmbeddedFiles name-tree key, the file specification's /UF
 * and /F) or of the first one when `name` is NULL, as the newest revision
 * of the document has it.  OV_ENOTFOUND if there is none; OV_EINVALID for
 * a damaged document.
 */
int ov_pdf_embedded_file(ov_buf *out, const char *pdf, size_t len,
			 const char *name);

/*
 * Appends the text of entry `key` of the document information dictionary
 * (/Info) as UTF-8.  OV_ENOTFOUND when there is none, OV_EINVALID for a
 * damaged file.
 */
int ov_pdf_info_text(ov_buf *out, const char *pdf, size_t len, const char *key);

/*
 * Internal to pdfsign.c and pdfverify.c: two ranges of one buffer read as a
 * single BIO (`bio`), without copying.  The buffer must outlive it.
 */
typedef struct ov_pdf__ranges {
	const unsigned char *p[2];
	size_t n[2], pos;
	BIO_METHOD *meth;
	BIO *bio;
} ov_pdf__ranges;

int ov_pdf__ranges_open(ov_pdf__ranges *r, const char *data, size_t a_off,
			size_t a_len, size_t b_off, size_t b_len);
/* NULL-safe on the members; the struct itself is the caller's. */
void ov_pdf__ranges_close(ov_pdf__ranges *r);

#endif
