/*
 * overens/sign.h - digital signatures on the agreement PDF (PAdES baseline
 * B, one incremental update per party's authorised signatory), the
 * workspace's trust store, and verification anyone can repeat.
 */
#ifndef OVERENS_SIGN_H
#define OVERENS_SIGN_H

#include <stddef.h>
#include "overens/buf.h"
#include "overens/workspace.h"

typedef struct ov_sign_opts {
	const char *party;       /* the party role the signatory signs for */
	const char *p12_path;    /* PKCS#12 file, or: */
	const char *key_path, *cert_path;  /* PEM key and certificate chain */
	const char *password;    /* for the PKCS#12 file or the key; may be NULL */
	const char *place;       /* default: the agreement's place */
	const char *date;        /* the signature's date, default today */
	long long now;           /* signing time (seconds); 0 = the clock */
	const void *p12_data;    /* a PKCS#12 file held in memory (used instead of
				  * p12_path; the caller wipes it after the call) */
	size_t p12_len;
	const char *p12_name;    /* its name in messages, or NULL */
	const char *pkcs11_uri;  /* or: a key on a smart card or HSM (RFC 7512
				  * URI); `password` is its PIN and cert_path,
				  * when given, its certificate */
	const char *pkcs11_module; /* the PKCS#11 module; NULL: the URI's
				    * module-path, the setting
				    * sign.pkcs11-module, p11-kit's proxy */
} ov_sign_opts;

/*
 * Checks a PKCS#11 URI before anything is asked for: that it parses
 * (RFC 7512), holds no PIN (pin-value, pin-source) and names nothing but
 * the token, the key or certificate and the module.  OV_EINVALID naming
 * the problem otherwise.
 */
int ov_pkcs11_uri_check(const char *uri);

/*
 * Signs the agreement's frozen version for `opts->party` as `actor`, who
 * must be that party's registered authorised signatory and hold a
 * certificate that names them, is valid, allows signing and chains to the
 * workspace's trust store.  The first signature tags the version in git
 * ("<id>-v<N>") and renders its PDF; every signature adds an incremental
 * update to that file, stored in git with the sign event.  *out_path (may be
 * NULL) receives the PDF's path inside the repository; free().
 */
int ov_agreement_sign(char **out_path, ov_workspace *ws, const char *actor, const char *id,
		      const ov_sign_opts *opts);

/* The agreement's current signed PDF (as stored in git). */
int ov_agreement_signed_pdf(ov_buf *out, ov_workspace *ws, const char *id);

/* Re-stamping signed agreements (PAdES B-LTA). */
typedef struct ov_timestamp_opts {
	const char *within;     /* ISO 8601 period: only when the last time-stamp's
				 * TSA certificate expires within it; NULL = "P1Y" */
	int force;              /* re-stamp regardless of that */
	long long now;          /* seconds; 0 = the clock */
} ov_timestamp_opts;

typedef struct ov_timestamp_result {
	char *id;
	int version;            /* the signed version */
	int stamped;            /* 1: a new time-stamp was committed; 0: not due */
	char *expires;          /* the last time-stamp's TSA certificate expiry
				 * before (YYYY-MM-DD), NULL when there was none */
	char commit[41];        /* the new commit, "" when none */
	char *error;            /* ov_timestamp_all: why this one failed, or NULL */
	char *lapsed;           /* stamped, but an earlier time-stamp had already
				 * lapsed, which the new one cannot renew: which
				 * and why (Swedish), or NULL */
} ov_timestamp_result;

/*
 * Re-stamps the signed version of agreement `id` when it is due (or
 * `o->force`): adds a DSS with fresh validation data for every chain the
 * PDF carries, the last time-stamp's TSA chain included, then a new
 * document time-stamp from sign.tsa over the whole file, in one commit
 * (Event: timestamp).  The version must verify (every party signed).
 * *res is filled as far as known (release with
 * ov_timestamp_result_dispose).  OV_ENOTFOUND when the agreement has no
 * signed version, OV_EINVALID when sign.tsa is not set or --within is not
 * a period, OV_EVERIFY when the version does not verify; the network
 * errors of the TSA, CRL and OCSP servers.
 */
int ov_agreement_timestamp(ov_timestamp_result *res, ov_workspace *ws, const char *actor,
			   const char *id, const ov_timestamp_opts *o);

/* Every agreement with a signed PDF, as ov_agreement_timestamp; one that
 * fails has its message in `error` and does not stop the others (the
 * first such code is returned).  Free with ov_timestamp_results_free. */
int ov_timestamp_all(ov_timestamp_result **out, size_t *n, ov_workspace *ws, const char *actor,
		     const ov_timestamp_opts *o);
void ov_timestamp_result_dispose(ov_timestamp_result *r);
void ov_timestamp_results_free(ov_timestamp_result *r, size_t n);

/* Trust store: CA certificates kept in git under trust/. */
int ov_trust_add(ov_workspace *ws, const char *actor, const char *pem, size_t len,
		 const char *name);
int ov_trust_remove(ov_workspace *ws, const char *actor, const char *fingerprint);

typedef struct ov_trust_entry {
	char *fingerprint, *subject, *not_after;
} ov_trust_entry;
int ov_trust_list(ov_trust_entry **out, size_t *n, ov_workspace *ws);
void ov_trust_list_free(ov_trust_entry *e, size_t n);

/* One check of one signature: a stable name ("bytes", "certificate",
 * "signer", "field", "time", "timestamp", "changes", "revocation"), its result and, in Swedish,
 * what was found. */
typedef struct ov_verify_check {
	const char *name;       /* static */
	int ok;
	char *detail;
} ov_verify_check;

#define OV_VERIFY_MAX_CHECKS 10

typedef struct ov_verify_sig {
	char *field, *party, *signer, *email, *subject, *issuer;
	char *serial;           /* the signer certificate's serial number (hex), or NULL */
	char *fingerprint;      /* its SHA-256 fingerprint (lower-case hex), or NULL */
	size_t revision_end;    /* the end of the revision holding the signature: the
				 * file as it was signed is its first revision_end bytes */
	char *signing_time;     /* the claimed time (/M), ISO 8601 */
	char *timestamp;        /* the time-stamp's time, or NULL */
	char *tsa;              /* the time-stamping authority, or NULL */
	char *timestamp_read;   /* the token's time and authority as read, verified */
	char *tsa_read;         /* or not (NULL when there is no token to read) */
	int certify;            /* DocMDP permission of a certifying signature, or 0 */
	int digest_ok, chain_ok, covers_to_here, total;
	int time_proven;        /* by a verified time-stamp of its own (a
				 * document time-stamp proves only "by then") */
	const char *level;      /* PAdES baseline level reached: "B-B", "B-T",
				 * "B-LT", "B-LTA" (static) */
	ov_verify_check checks[OV_VERIFY_MAX_CHECKS];
	size_t nchecks;
	int ok;                 /* every check holds */
	char *problem;          /* the first thing wrong, or NULL */
} ov_verify_sig;

/* A document time-stamp (PAdES B-LTA): an RFC 3161 token over the whole
 * file before it, verified as a time-stamp, not as a party's signature. */
typedef struct ov_verify_stamp {
	char *field;            /* its field ("Tidsstämpel-1") */
	char *time;             /* the token's time, ISO 8601 UTC, or NULL */
	char *tsa;              /* the time-stamping authority, or NULL */
	char *tsa_expires;      /* when its certificate expires (YYYY-MM-DD), or NULL */
	size_t revision_end;    /* the file up to here is what it stamps */
	int ok;                 /* token, TSA chain, imprint, coverage and the
				 * updates after it all hold */
	char *problem;          /* why not (Swedish), or NULL */
	int live;               /* ok, and it still proves its time: its TSA
				 * certificate is valid today, or a later live
				 * time-stamp made before that expired covers it */
	char *lapsed;           /* ok but not live: why (Swedish), or NULL */
} ov_verify_stamp;

typedef struct ov_verify_report {
	char *agreement, *tag;
	char *commit;           /* the commit the tag names (the signed text) */
	int version;
	ov_verify_sig *sigs;
	size_t nsigs;
	int xml_matches;        /* embedded XML byte-identical to the tagged version */
	int all_parties;        /* every party's signature is present and valid */
	int appended;           /* bytes after the last signature */
	size_t appended_at;     /* where they begin */
	int history_ok;         /* the tag, main and the sign events agree */
	int dss;                /* the PDF has a document security store */
	ov_verify_stamp *stamps; /* document time-stamps, in file order */
	size_t nstamps;
	int unproven_time;      /* a signature's time rests on /M alone while its
				 * certificate no longer holds */
	char **problems;        /* every failed check, in words (Swedish) */
	size_t nproblems;
	int ok;
} ov_verify_report;

typedef struct ov_verify_opts {
	int accept_unproven_time; /* a signature whose certificate is no longer
				   * valid and whose time is only claimed does
				   * not make the result invalid (it is still
				   * reported) */
} ov_verify_opts;

/*
 * Verifies a signed agreement PDF: the agreement's own (pdf == NULL) or the
 * given bytes, against the workspace's trust store and history.  Nothing
 * the signing side checked is taken on trust: for each signature the byte
 * ranges and digest, the certificate chain (at the time-stamp's time, or
 * at the claimed time and now), that the signer is an authorised
 * signatory of the party whose field it signed in the version being
 * verified, that the claimed time lies between the commit that froze the
 * text and the commit that recorded the signature, and that nothing but
 * the next signature was added after it.  Then the embedded XML against
 * the version tag, the tag against main, every party's signature.
 * Returns 0 with *out filled even when checks fail (then (*out)->ok is 0);
 * a PDF that cannot be read at all is OV_EINVALID and gives no verdict.
 * `opts` may be NULL.
 */
int ov_verify(ov_verify_report **out, ov_workspace *ws, const char *id, const char *pdf,
	      size_t len, const char *name, const ov_verify_opts *opts);
void ov_verify_report_free(ov_verify_report *r);

#endif
