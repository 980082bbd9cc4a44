/*
 * tsa.h - RFC 3161 time stamps for PAdES B-T: asking a time-stamp
 * authority (TSA) for a token over some bytes, and verifying such a token.
 *
 * The signer asks for a token over the CMS SignerInfo's signature value
 * and stores it as the unsigned attribute id-aa-signatureTimeStampToken
 * (1.2.840.113549.1.9.16.2.14); the verifier takes it from there and
 * checks it against the same bytes.  A token is a DER CMS ContentInfo
 * (SignedData over a TSTInfo), exactly as the TSA sent it.
 *
 * Ownership: tokens are appended to the caller's ov_buf; the strings of an
 * ov_tsa_info belong to it and are released by ov_tsa_info_dispose().
 * Trust stores are borrowed and never changed.
 */
#ifndef OV_TSA_H
#define OV_TSA_H

#include <stddef.h>

#include "overens/lazy_crypto.h"

#include "overens/buf.h"

/* The largest TimeStampResp accepted from a TSA. */
#define OV_TSA_MAX_RESPONSE (64 * 1024)

/*
 * Requests a time-stamp token over SHA-256(data) from the TSA at `url`
 * (http:// or https://) within `timeout_ms` (> 0; connecting included).
 * The request is a DER TimeStampReq with a random 64-bit nonce and certReq
 * TRUE, POSTed as application/timestamp-query; no redirects are followed,
 * proxies from the environment are not used, https certificates are
 * verified against the system's CAs.  The answer must be HTTP 200 with
 * Content-Type application/timestamp-reply, at most OV_TSA_MAX_RESPONSE
 * bytes, PKIStatus granted or grantedWithMods, and a token whose TSTInfo
 * has version 1, our SHA-256 imprint and our nonce.  The token's signature
 * and certificate are NOT checked here: use ov_tsa_verify.
 *
 * On success the DER TimeStampToken is appended to `out`.  On failure
 * `out` is unchanged and the message names the URL (without any
 * user:password) and the problem:
 *   OV_EINVALID  bad arguments (not an http(s) URL, timeout_ms <= 0), or
 *                a response that is not a DER TimeStampResp;
 *   OV_ERROR     connection refused, host not found, timeout, TLS, an
 *                HTTP status other than 200, a wrong content type, a
 *                response over the size limit, or a TSA that refused
 *                (its PKIStatus, failInfo and status text are quoted);
 *   OV_EVERIFY   a granted token that does not answer our request
 *                (imprint, nonce or version mismatch);
 *   OV_ENOMEM.
 */
int ov_tsa_request(ov_buf *out, const char *url, const void *data, size_t len,
		   long timeout_ms);

/*
 * One HTTP exchange with libcurl as ov_tsa_request makes it (no
 * redirects, no proxies, https verified, at most `max` bytes in the answer,
 * `timeout_ms`): a POST of `query` as `req_type`, or a GET when req_type is
 * NULL.  The answer must be HTTP 200 and, when resp_type is not NULL, of
 * that content type; its body is appended to `body`.  Messages begin with
 * "<label> <where>:" (where: the URL as it may be shown).  OV_ERROR for
 * every failure of the transfer, OV_ENOMEM.
 */
int ov_http_exchange(ov_buf *body, const char *url, const char *label, const char *where,
		     const char *req_type, const char *resp_type, const void *query,
		     size_t qlen, size_t max, long timeout_ms);

/* `url` as messages show it: without a "user:password@" part; NULL only
 * when out of memory; free() it. */
char *ov_http_url_shown(const char *url);

/* What a token says; all strings malloc()ed UTF-8, NULL when unknown. */
typedef struct ov_tsa_info {
	long long gen_time;     /* seconds since the epoch (UTC), 0 = unknown */
	char *gen_time_iso;     /* "YYYY-MM-DDTHH:MM:SSZ" (fraction dropped) */
	char *tsa_name;         /* the TSA signer certificate's subject, one line */
	long long tsa_not_after; /* when that certificate expires, 0 = unknown */
	char *serial;           /* token serial, upper-case hex ("02") */
	char *policy;           /* policy OID, dotted */
} ov_tsa_info;

/* Frees the strings and zeroes *i; NULL-safe, may be called twice. */
void ov_tsa_info_dispose(ov_tsa_info *i);

/*
 * Verifies the DER TimeStampToken `token` over `data`.  In order:
 *   1. it parses as a CMS SignedData with a TSTInfo (version 1) and
 *      exactly one SignerInfo, and includes the TSA certificate;
 *   2. that certificate's extendedKeyUsage is timeStamping only and
 *      critical, and keyUsage (if present) allows signing (RFC 3161 2.3);
 *   3. its chain to `trust` verifies with every certificate valid at the
 *      token's genTime (the token's other certificates help as untrusted
 *      intermediates; the caller's store flags, e.g. CRL checks, apply);
 *   4. the CMS signature and the ESS signing-certificate(-v2) attribute
 *      verify (OpenSSL TS_RESP_verify_signature, at genTime);
 *   5. the message imprint equals the hash of `data` with the token's own
 *      algorithm: SHA-256, SHA-384 or SHA-512.
 *
 * *info is overwritten (pass a zeroed or disposed one) and filled as far
 * as the token could be read, also on failure, so that a report can say
 * what the token claimed; always release it with ov_tsa_info_dispose.
 * Returns 0; OV_EINVALID for a token that cannot be parsed (truncated,
 * trailing bytes, not a time-stamp token); OV_EVERIFY with the reason
 * ("... message imprint ...", "... certificate chain: ...", "...
 * signature ...", "... extended key usage ...") for one that does not
 * verify; OV_ENOMEM.
 */
int ov_tsa_verify(ov_tsa_info *info, const void *token, size_t tlen,
		  const void *data, size_t len, X509_STORE *trust);

#endif
