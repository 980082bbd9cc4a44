/*
 * tsa.c - RFC 3161 time-stamp client and token verifier (see tsa.h).
 *
 * Request:
 *
 *   data --SHA-256--> imprint --TS_REQ + nonce, certReq--> DER query
 *     --libcurl POST--> TimeStampResp (at most 64 KB)
 *     --HTTP 200, content type, PKIStatus, version, imprint, nonce-->
 *     token = the timeStampToken's bytes, cut out of the response as sent
 *
 * The token is never re-encoded: its bytes are the TSA's, so nothing we do
 * can disturb the encoding its signature was made over.
 *
 * Verification (ov_tsa_verify) does each check itself where that gives a
 * clear message (certificate usage, the chain at genTime through
 * ov_x509_verify_chain, the imprint) and leaves the CMS signature and the
 * ESS signing-certificate attribute to OpenSSL's TS_RESP_verify_signature.
 * That function validates the chain against its store at the store's
 * time, which for an old token would be "now" and fail once the TSA
 * certificate expires; so it gets a private copy of the trust store
 * (certificates, CRLs and parameters) whose time is set to genTime.  The
 * copy is made after our own chain check, so certificates that a lookup
 * method loaded on demand are cached in the caller's store by then.
 *
 * libcurl is initialised once per process (pthread_once) and never
 * cleaned up; each request has its own easy handle, so the client is
 * thread-safe.  Signals are off (CURLOPT_NOSIGNAL) for the same reason.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>

#include "overens/lazy_crypto.h"
#include "overens/buf.h"
#include "overens/error.h"
#include "engine/notify/curl_lazy.h"
#include "engine/signing/tsa.h"
#include "engine/signing/x509util.h"

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_init_rc = CURLE_FAILED_INIT;

static void init_curl(void)
{
	curl_init_rc = curl_global_init(CURL_GLOBAL_DEFAULT);
}

/* The URL for messages: `url` without a "user:password@" part.  NULL only
 * when out of memory; free() it. */
char *ov_http_url_shown(const char *url)
{
	const char *host = strstr(url, "://"), *at, *end;
	ov_buf b = OV_BUF_INIT;

	if (host) {
		host += 3;
		end = host + strcspn(host, "/?#");
		at = memchr(host, '@', (size_t)(end - host));
		if (at) {
			while (memchr(at + 1, '@', (size_t)(end - at - 1)))
				at = memchr(at + 1, '@', (size_t)(end - at - 1));
			if (ov_buf_put(&b, url, (size_t)(host - url)) < 0 ||
			    ov_buf_puts(&b, at + 1) < 0) {
				ov_buf_dispose(&b);
				return NULL;
			}
			return ov_buf_detach(&b);
		}
	}
	return strdup(url);
}

static const EVP_MD *imprint_md(int nid)
{
	switch (nid) {
	case NID_sha256: return EVP_sha256();
	case NID_sha384: return EVP_sha384();
	case NID_sha512: return EVP_sha512();
	default: return NULL;
	}
}

/* Text from the TSA for a message: at most 200 bytes, control characters
 * and quotes as '?'. */
static int put_remote_text(ov_buf *msg, const unsigned char *p, int n)
{
	int i, err = OV_OK;

	/* past 200 bytes, stop at the next character boundary */
	for (i = 0; i < n && (i < 200 || (p[i] & 0xc0) == 0x80) && err >= 0; i++)
		err = ov_buf_putc(msg, p[i] < 0x20 || p[i] == 0x7f ||
				  p[i] == '"' ? '?' : (char)p[i]);
	if (i < n && err >= 0)
		err = ov_buf_puts(msg, "...");
	return err;
}

/* "status rejection (badAlg, badRequest): \"text\"; \"more\"" for a
 * PKIStatusInfo, into `msg`. */
static int describe_status(ov_buf *msg, const TS_STATUS_INFO *si)
{
	static const char *const names[] = {
		"granted", "grantedWithMods", "rejection", "waiting",
		"revocationWarning", "revocationNotification"
	};
	static const struct { int bit; const char *name; } fails[] = {
		{ TS_INFO_BAD_ALG, "badAlg" },
		{ TS_INFO_BAD_REQUEST, "badRequest" },
		{ TS_INFO_BAD_DATA_FORMAT, "badDataFormat" },
		{ TS_INFO_TIME_NOT_AVAILABLE, "timeNotAvailable" },
		{ TS_INFO_UNACCEPTED_POLICY, "unacceptedPolicy" },
		{ TS_INFO_UNACCEPTED_EXTENSION, "unacceptedExtension" },
		{ TS_INFO_ADD_INFO_NOT_AVAILABLE, "addInfoNotAvailable" },
		{ TS_INFO_SYSTEM_FAILURE, "systemFailure" }
	};
	const ASN1_BIT_STRING *fi = TS_STATUS_INFO_get0_failure_info(si);
	const STACK_OF(ASN1_UTF8STRING) *text = TS_STATUS_INFO_get0_text(si);
	long st = ASN1_INTEGER_get(TS_STATUS_INFO_get0_status(si));
	size_t i;
	int n = 0, err;

	if (st >= 0 && (size_t)st < sizeof(names) / sizeof(names[0]))
		err = ov_buf_printf(msg, "status %s", names[st]);
	else
		err = ov_buf_printf(msg, "status %ld", st);
	for (i = 0; fi && err >= 0 && i < sizeof(fails) / sizeof(fails[0]); i++)
		if (ASN1_BIT_STRING_get_bit(fi, fails[i].bit))
			err = ov_buf_printf(msg, "%s%s", n++ ? ", " : " (",
					    fails[i].name);
	if (n && err >= 0)
		err = ov_buf_putc(msg, ')');
	for (i = 0; text && err >= 0 && i < (size_t)sk_ASN1_UTF8STRING_num(text); i++) {
		const ASN1_UTF8STRING *s = sk_ASN1_UTF8STRING_value(text, (int)i);
		err = ov_buf_puts(msg, i ? "; \"" : ": \"");
		if (err >= 0)
			err = put_remote_text(msg, ASN1_STRING_get0_data(s),
					      ASN1_STRING_length(s));
		if (err >= 0)
			err = ov_buf_putc(msg, '"');
	}
	return err < 0 ? err : OV_OK;
}

/*
 * Finds the timeStampToken inside a DER TimeStampResp
 * (SEQUENCE { status PKIStatusInfo, timeStampToken ContentInfo OPTIONAL })
 * without re-encoding it.  *tok is NULL when the response has none.
 */
static int cut_token(const unsigned char **tok, size_t *tlen,
		     const unsigned char *der, size_t len)
{
	const unsigned char *p = der, *end;
	long l;
	int tag, cls, r;

	*tok = NULL;
	*tlen = 0;
	r = ASN1_get_object(&p, &l, &tag, &cls, (long)len);
	if ((r & 0x80) || r != V_ASN1_CONSTRUCTED || tag != V_ASN1_SEQUENCE)
		goto bad;
	end = p + l;
	r = ASN1_get_object(&p, &l, &tag, &cls, (long)(end - p));
	if ((r & 0x80) || r != V_ASN1_CONSTRUCTED || tag != V_ASN1_SEQUENCE)
		goto bad;
	p += l;
	if (p < end) {
		*tok = p;
		*tlen = (size_t)(end - p);
	}
	return OV_OK;
bad:
	ERR_clear_error();
	return OV_EINVALID;
}

/* ------------------------------------------------------------------ */
/* The request                                                         */

/* DER TimeStampReq over `digest` (SHA-256) with `nonce` and certReq. */
static int make_query(unsigned char **der, int *dlen, const unsigned char *digest,
		      unsigned int digest_len, const ASN1_INTEGER *nonce)
{
	TS_REQ *req = NULL;
	TS_MSG_IMPRINT *mi = NULL;
	X509_ALGOR *alg = NULL;
	int err = OV_OK;

	*der = NULL;
	if (!(req = TS_REQ_new()) || !(mi = TS_MSG_IMPRINT_new()) ||
	    !(alg = X509_ALGOR_new()) ||
	    !X509_ALGOR_set0(alg, OBJ_nid2obj(NID_sha256), V_ASN1_NULL, NULL) ||
	    !TS_MSG_IMPRINT_set_algo(mi, alg) ||
	    !TS_MSG_IMPRINT_set_msg(mi, (unsigned char *)digest, (int)digest_len) ||
	    !TS_REQ_set_version(req, 1) || !TS_REQ_set_msg_imprint(req, mi) ||
	    !TS_REQ_set_nonce(req, nonce) || !TS_REQ_set_cert_req(req, 1) ||
	    (*dlen = i2d_TS_REQ(req, der)) <= 0) {
		err = ov_error_set(OV_ENOMEM, "out of memory");
		*der = NULL;
	}
	ERR_clear_error();
	X509_ALGOR_free(alg);
	TS_MSG_IMPRINT_free(mi);
	TS_REQ_free(req);
	return err;
}

/* A 63-bit positive, non-zero random nonce. */
static ASN1_INTEGER *new_nonce(void)
{
	unsigned char b[8];
	BIGNUM *bn = NULL;
	ASN1_INTEGER *n = NULL;

	do {
		if (RAND_bytes(b, sizeof(b)) != 1)
			goto done;
		b[0] &= 0x7f;
	} while (!(b[0] | b[1] | b[2] | b[3] | b[4] | b[5] | b[6] | b[7]));
	if ((bn = BN_bin2bn(b, sizeof(b), NULL)))
		n = BN_to_ASN1_INTEGER(bn, NULL);
done:
	BN_free(bn);
	ERR_clear_error();
	return n;
}

typedef struct sink {
	ov_buf *buf;
	size_t max;
	int too_big, no_mem;
} sink;

static size_t on_body(char *data, size_t size, size_t n, void *ud)
{
	sink *s = ud;
	size_t len = size * n;

	if (len > s->max - s->buf->size) {
		s->too_big = 1;
		return 0;
	}
	if (ov_buf_put(s->buf, data, len) < 0) {
		s->no_mem = 1;
		return 0;
	}
	return len;
}

/* Sets the error for a failed transfer. */
static int transfer_error(CURL *c, CURLcode rc, const sink *s, const char *label,
			  const char *where, long timeout_ms, const char *detail)
{
	long oserr = 0;

	if (s->no_mem)
		return ov_error_set(OV_ENOMEM, "out of memory");
	if (s->too_big || rc == CURLE_FILESIZE_EXCEEDED)
		return ov_error_set(OV_ERROR, "%s %s: response larger than "
				    "%zu bytes", label, where, s->max);
	switch (rc) {
	case CURLE_OPERATION_TIMEDOUT:
		return ov_error_set(OV_ERROR, "%s %s: no answer within %ld ms "
				    "(timeout)", label, where, timeout_ms);
	case CURLE_COULDNT_RESOLVE_HOST:
		return ov_error_set(OV_ERROR, "%s %s: host not found", label, where);
	case CURLE_COULDNT_CONNECT:
		curl_easy_getinfo(c, CURLINFO_OS_ERRNO, &oserr);
		if (oserr == ECONNREFUSED)
			return ov_error_set(OV_ERROR, "%s %s: connection "
					    "refused", label, where);
		break;
	default:
		break;
	}
	return ov_error_set(OV_ERROR, "%s %s: %s%s%s", label, where,
			    curl_easy_strerror(rc), *detail ? ": " : "", detail);
}

int ov_http_exchange(ov_buf *body, const char *url, const char *label, const char *where,
		     const char *req_type, const char *resp_type, const void *query,
		     size_t qlen, size_t max, long timeout_ms)
{
	char req_h[128], resp_h[128];
	const char *headers[3] = { req_h, resp_h, "Expect:" /* no 100-continue round trip */ };
	CURL *c = NULL;
	struct curl_slist *hdr = NULL, *h;
	char errbuf[CURL_ERROR_SIZE];
	sink s = { body, max, 0, 0 };
	const char *ctype = NULL;
	long status = 0;
	CURLcode rc;
	size_t i, tl;
	int err = OV_OK;

	snprintf(req_h, sizeof(req_h), "Content-Type: %s", req_type ? req_type : "-");
	snprintf(resp_h, sizeof(resp_h), "Accept: %s", resp_type ? resp_type : "*/*");
	if ((err = ov_curl_load()) < 0)
		return ov_error_prefix("%s %s", label, where);
	pthread_once(&curl_once, init_curl);
	if (curl_init_rc != CURLE_OK)
		return ov_error_set(OV_ERROR, "%s %s: libcurl: %s", label, where,
				    curl_easy_strerror(curl_init_rc));
	for (i = req_type ? 0 : 1; i < sizeof(headers) / sizeof(headers[0]); i++) {
		if (!(h = curl_slist_append(hdr, headers[i]))) {
			err = ov_error_set(OV_ENOMEM, "out of memory");
			goto done;
		}
		hdr = h;
	}
	if (!(c = curl_easy_init())) {
		err = ov_error_set(OV_ERROR, "%s %s: libcurl cannot start a "
				   "transfer", label, where);
		goto done;
	}
	errbuf[0] = '\0';
	if (curl_easy_setopt(c, CURLOPT_URL, url) ||
	    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https") ||
	    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https") ||
	    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L) ||
	    curl_easy_setopt(c, CURLOPT_PROXY, "") ||
	    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L) ||
	    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms) ||
	    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms) ||
	    curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE,
			     (curl_off_t)max) ||
	    curl_easy_setopt(c, CURLOPT_USERAGENT, "overens-tsa/1") ||
	    curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr) ||
	    (req_type && (curl_easy_setopt(c, CURLOPT_POST, 1L) ||
			  curl_easy_setopt(c, CURLOPT_POSTFIELDS, (const char *)query) ||
			  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)qlen))) ||
	    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body) ||
	    curl_easy_setopt(c, CURLOPT_WRITEDATA, &s) ||
	    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf)) {
		err = ov_error_set(OV_ERROR, "%s %s: libcurl refused an option",
				   label, where);
		goto done;
	}
	if ((rc = curl_easy_perform(c)) != CURLE_OK) {
		err = transfer_error(c, rc, &s, label, where, timeout_ms, errbuf);
		goto done;
	}
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	if (status != 200) {
		err = ov_error_set(OV_ERROR, "%s %s: HTTP status %ld "
				   "(expected 200)", label, where, status);
		goto done;
	}
	curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &ctype);
	if (!resp_type)
		goto done;
	tl = strlen(resp_type);
	if (!ctype || strncasecmp(ctype, resp_type, tl) ||
	    (ctype[tl] && ctype[tl] != ';' && ctype[tl] != ' ')) {
		err = ov_error_set(OV_ERROR, "%s %s: content type \"%s\", "
				   "expected %s", label,
				   where, ctype ? ctype : "(none)", resp_type);
		goto done;
	}
done:
	curl_slist_free_all(hdr);
	curl_easy_cleanup(c);
	return err;
}

/* The checks of a TimeStampResp against our request; *tok points into
 * `resp`. */
static int check_response(const unsigned char **tok, size_t *tlen,
			  const ov_buf *resp, const char *where,
			  const unsigned char *digest, unsigned int digest_len,
			  const ASN1_INTEGER *nonce)
{
	const unsigned char *p = (const unsigned char *)resp->ptr;
	TS_RESP *r = NULL;
	TS_TST_INFO *tst;
	TS_MSG_IMPRINT *mi;
	const ASN1_OBJECT *obj;
	const ASN1_OCTET_STRING *h;
	const ASN1_INTEGER *n;
	ov_buf msg = OV_BUF_INIT;
	long st;
	int err = OV_OK;

	if (resp->size == 0 || resp->size > OV_TSA_MAX_RESPONSE ||
	    !(r = d2i_TS_RESP(NULL, &p, (long)resp->size)) ||
	    p != (const unsigned char *)resp->ptr + resp->size ||
	    cut_token(tok, tlen, (const unsigned char *)resp->ptr,
		      resp->size) < 0) {
		err = ov_error_set(OV_EINVALID, "TSA %s: the answer (%zu bytes) "
				   "is not a DER TimeStampResp", where,
				   resp->size);
		goto done;
	}
	st = ASN1_INTEGER_get(TS_STATUS_INFO_get0_status(TS_RESP_get_status_info(r)));
	if (st != TS_STATUS_GRANTED && st != TS_STATUS_GRANTED_WITH_MODS) {
		if (describe_status(&msg, TS_RESP_get_status_info(r)) < 0) {
			err = ov_error_set(OV_ENOMEM, "out of memory");
			goto done;
		}
		err = ov_error_set(OV_ERROR, "TSA %s refused the request: %s",
				   where, msg.ptr);
		goto done;
	}
	if (!*tok || !(tst = TS_RESP_get_tst_info(r))) {
		err = ov_error_set(OV_EINVALID, "TSA %s granted the request but "
				   "sent no time-stamp token", where);
		goto done;
	}
	if (TS_TST_INFO_get_version(tst) != 1) {
		err = ov_error_set(OV_EVERIFY, "TSA %s: TSTInfo version %ld, "
				   "expected 1", where,
				   TS_TST_INFO_get_version(tst));
		goto done;
	}
	mi = TS_TST_INFO_get_msg_imprint(tst);
	X509_ALGOR_get0(&obj, NULL, NULL, TS_MSG_IMPRINT_get_algo(mi));
	h = TS_MSG_IMPRINT_get_msg(mi);
	if (OBJ_obj2nid(obj) != NID_sha256 ||
	    ASN1_STRING_length(h) != (int)digest_len ||
	    memcmp(ASN1_STRING_get0_data(h), digest, digest_len)) {
		err = ov_error_set(OV_EVERIFY, "TSA %s: the token's message "
				   "imprint is not the hash we sent", where);
		goto done;
	}
	n = TS_TST_INFO_get_nonce(tst);
	if (!n || ASN1_INTEGER_cmp(n, nonce)) {
		err = ov_error_set(OV_EVERIFY, "TSA %s: the token's nonce is %s "
				   "the one we sent", where,
				   n ? "not" : "missing, expected");
		goto done;
	}
done:
	ov_buf_dispose(&msg);
	TS_RESP_free(r);
	ERR_clear_error();
	return err;
}

int ov_tsa_request(ov_buf *out, const char *url, const void *data, size_t len,
		   long timeout_ms)
{
	unsigned char digest[EVP_MAX_MD_SIZE];
	unsigned int digest_len = 0;
	unsigned char *query = NULL;
	int qlen = 0;
	ASN1_INTEGER *nonce = NULL;
	ov_buf resp = OV_BUF_INIT;
	const unsigned char *tok = NULL;
	size_t tlen = 0;
	char *where = NULL;
	int err;

	if (!out || !url || (!data && len))
		return ov_error_set(OV_EINVALID, "ov_tsa_request: missing "
				    "argument");
	if (strncasecmp(url, "http://", 7) && strncasecmp(url, "https://", 8))
		return ov_error_set(OV_EINVALID, "TSA URL \"%s\" is not http:// "
				    "or https://", url);
	if (timeout_ms <= 0)
		return ov_error_set(OV_EINVALID, "TSA timeout must be positive, "
				    "not %ld ms", timeout_ms);
	if (!(where = ov_http_url_shown(url)) || !(nonce = new_nonce())) {
		err = ov_error_set(OV_ENOMEM, "out of memory (or no random "
				   "numbers)");
		goto done;
	}
	if (!EVP_Digest(data ? data : "", len, digest, &digest_len,
			EVP_sha256(), NULL)) {
		err = ov_error_set(OV_ERROR, "SHA-256 failed");
		goto done;
	}
	if ((err = make_query(&query, &qlen, digest, digest_len, nonce)) < 0 ||
	    (err = ov_http_exchange(&resp, url, "TSA", where, "application/timestamp-query",
				  "application/timestamp-reply", query, (size_t)qlen,
				  OV_TSA_MAX_RESPONSE, timeout_ms)) < 0 ||
	    (err = check_response(&tok, &tlen, &resp, where, digest,
				  digest_len, nonce)) < 0)
		goto done;
	err = ov_buf_put(out, tok, tlen);
done:
	ERR_clear_error();
	free(where);
	OPENSSL_free(query);
	ASN1_INTEGER_free(nonce);
	ov_buf_dispose(&resp);
	return err;
}

/* ------------------------------------------------------------------ */
/* Verification                                                        */

void ov_tsa_info_dispose(ov_tsa_info *i)
{
	if (!i)
		return;
	free(i->gen_time_iso);
	free(i->tsa_name);
	free(i->serial);
	free(i->policy);
	memset(i, 0, sizeof(*i));
}

/* genTime, serial and policy of `tst` into `info`. */
static int read_tst_info(ov_tsa_info *info, const TS_TST_INFO *tst)
{
	const ASN1_GENERALIZEDTIME *t = TS_TST_INFO_get_time(tst);
	const ASN1_INTEGER *serial = TS_TST_INFO_get_serial(tst);
	ASN1_OBJECT *policy = TS_TST_INFO_get_policy_id((TS_TST_INFO *)tst);
	BIGNUM *bn = NULL;
	char *hex = NULL, iso[80];   /* room for any int fields */
	struct tm tm;
	int n, err = OV_OK;

	memset(&tm, 0, sizeof(tm));
	if (!t || !ASN1_TIME_to_tm(t, &tm)) {
		err = ov_error_set(OV_EINVALID, "time-stamp token: unreadable "
				   "genTime");
		goto done;
	}
	info->gen_time = (long long)timegm(&tm);
	snprintf(iso, sizeof(iso), "%04d-%02d-%02dT%02d:%02d:%02dZ",
		 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		 tm.tm_min, tm.tm_sec);
	if (!(info->gen_time_iso = strdup(iso)))
		goto oom;
	if (serial) {
		if (!(bn = ASN1_INTEGER_to_BN(serial, NULL)) ||
		    !(hex = BN_bn2hex(bn)) || !(info->serial = strdup(hex)))
			goto oom;
	}
	if (policy && (n = OBJ_obj2txt(NULL, 0, policy, 1)) > 0) {
		if (!(info->policy = malloc((size_t)n + 1)))
			goto oom;
		OBJ_obj2txt(info->policy, n + 1, policy, 1);
	}
	goto done;
oom:
	err = ov_error_set(OV_ENOMEM, "out of memory");
done:
	OPENSSL_free(hex);
	BN_free(bn);
	return err;
}

/* RFC 3161 2.3: extendedKeyUsage timeStamping only, critical; keyUsage,
 * if present, allows signing. */
static int check_tsa_usage(X509 *cert, const char *name)
{
	EXTENDED_KEY_USAGE *eku;
	uint32_t ku;
	int crit = -1, err = OV_OK;

	eku = X509_get_ext_d2i(cert, NID_ext_key_usage, &crit, NULL);
	if (!eku)
		err = ov_error_set(OV_EVERIFY, "time-stamp token: TSA "
				   "certificate %s has %s extended key usage "
				   "timeStamping", name,
				   crit == -2 ? "more than one" : "no");
	else if (crit != 1)
		err = ov_error_set(OV_EVERIFY, "time-stamp token: TSA "
				   "certificate %s: extended key usage is not "
				   "critical", name);
	else if (sk_ASN1_OBJECT_num(eku) != 1 ||
		 OBJ_obj2nid(sk_ASN1_OBJECT_value(eku, 0)) != NID_time_stamp)
		err = ov_error_set(OV_EVERIFY, "time-stamp token: TSA "
				   "certificate %s: extended key usage must be "
				   "timeStamping only", name);
	EXTENDED_KEY_USAGE_free(eku);
	if (err < 0)
		goto done;
	ku = X509_get_key_usage(cert);
	if (ku != UINT32_MAX && !(ku & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION)))
		err = ov_error_set(OV_EVERIFY, "time-stamp token: TSA "
				   "certificate %s: key usage does not allow "
				   "signing", name);
done:
	ERR_clear_error();
	return err;
}

/* Step 5: the imprint against the hash of `data`. */
static int check_imprint(const TS_TST_INFO *tst, const void *data, size_t len)
{
	TS_MSG_IMPRINT *mi = TS_TST_INFO_get_msg_imprint((TS_TST_INFO *)tst);
	const ASN1_OBJECT *obj;
	const ASN1_OCTET_STRING *h = TS_MSG_IMPRINT_get_msg(mi);
	const EVP_MD *md;
	unsigned char digest[EVP_MAX_MD_SIZE];
	unsigned int dlen = 0;
	char alg[80];

	X509_ALGOR_get0(&obj, NULL, NULL, TS_MSG_IMPRINT_get_algo(mi));
	if (!(md = imprint_md(OBJ_obj2nid(obj)))) {
		OBJ_obj2txt(alg, sizeof(alg), obj, 0);
		return ov_error_set(OV_EVERIFY, "time-stamp token: message "
				    "imprint uses %s, not SHA-256/384/512", alg);
	}
	if (!EVP_Digest(data ? data : "", len, digest, &dlen, md, NULL))
		return ov_error_set(OV_ERROR, "hashing failed");
	if (ASN1_STRING_length(h) != (int)dlen ||
	    memcmp(ASN1_STRING_get0_data(h), digest, dlen))
		return ov_error_set(OV_EVERIFY, "time-stamp token: the message "
				    "imprint is not the hash of the data (the "
				    "token is for other bytes)");
	return OV_OK;
}

int ov_tsa_verify(ov_tsa_info *info, const void *token, size_t tlen,
		  const void *data, size_t len, X509_STORE *trust)
{
	const unsigned char *p = token;
	PKCS7 *p7 = NULL;
	TS_TST_INFO *tst = NULL;
	STACK_OF(X509) *signers = NULL, *certs;
	X509 *tsa;                       /* borrowed from p7 */
	X509_STORE *at_store = NULL;
	char *label = NULL, *why = NULL, reason[256];
	struct tm na;
	int err = OV_OK;

	if (!info)
		return ov_error_set(OV_EINVALID, "ov_tsa_verify: no info");
	memset(info, 0, sizeof(*info));
	if (!token || !tlen || tlen > LONG_MAX || (!data && len) || !trust)
		return ov_error_set(OV_EINVALID, "time-stamp token: empty, or "
				    "no data or trust store");
	if (!(p7 = d2i_PKCS7(NULL, &p, (long)tlen)) ||
	    p != (const unsigned char *)token + tlen) {
		err = ov_error_set(OV_EINVALID, "time-stamp token: not a DER "
				   "CMS ContentInfo of %zu bytes (%s)", tlen,
				   p7 ? "trailing bytes" :
				   ov_ssl_reason(reason, sizeof(reason)));
		goto done;
	}
	if (!(tst = PKCS7_to_TS_TST_INFO(p7))) {
		err = ov_error_set(OV_EINVALID, "time-stamp token: not a "
				   "SignedData holding a TSTInfo (%s)",
				   ov_ssl_reason(reason, sizeof(reason)));
		goto done;
	}
	if ((err = read_tst_info(info, tst)) < 0)
		goto done;
	if (TS_TST_INFO_get_version(tst) != 1) {
		err = ov_error_set(OV_EINVALID, "time-stamp token: TSTInfo "
				   "version %ld, expected 1",
				   TS_TST_INFO_get_version(tst));
		goto done;
	}
	if (sk_PKCS7_SIGNER_INFO_num(PKCS7_get_signer_info(p7)) != 1) {
		err = ov_error_set(OV_EVERIFY, "time-stamp token: %d signers, "
				   "expected one",
				   sk_PKCS7_SIGNER_INFO_num(PKCS7_get_signer_info(p7)));
		goto done;
	}
	certs = p7->d.sign->cert;
	if (!(signers = PKCS7_get0_signers(p7, NULL, 0)) ||
	    sk_X509_num(signers) != 1) {
		err = ov_error_set(OV_EVERIFY, "time-stamp token: it does not "
				   "include the TSA certificate");
		goto done;
	}
	tsa = sk_X509_value(signers, 0);
	if (ASN1_TIME_to_tm(X509_get0_notAfter(tsa), &na))
		info->tsa_not_after = (long long)timegm(&na);
	if (!(info->tsa_name = ov_x509_name_line(X509_get_subject_name(tsa))) ||
	    !(label = ov_x509_common_name(tsa)))
		label = strdup(info->tsa_name ? info->tsa_name : "(no name)");
	if (!label) {
		err = ov_error_set(OV_ENOMEM, "out of memory");
		goto done;
	}
	if ((err = check_tsa_usage(tsa, label)) < 0)
		goto done;
	if ((err = ov_x509_verify_chain(&why, tsa, certs, trust,
					info->gen_time)) < 0) {
		if (err == OV_EVERIFY)
			err = ov_error_set(OV_EVERIFY, "time-stamp token: TSA "
					   "certificate chain at %s: %s",
					   info->gen_time_iso, why);
		goto done;
	}
	if (!(at_store = ov_x509_store_at(trust, info->gen_time))) {
		err = ov_error_set(OV_ENOMEM, "out of memory");
		goto done;
	}
	ERR_clear_error();
	if (!TS_RESP_verify_signature(p7, certs, at_store, NULL)) {
		err = ov_error_set(OV_EVERIFY, "time-stamp token: the TSA's "
				   "signature does not verify (%s)",
				   ov_ssl_reason(reason, sizeof(reason)));
		goto done;
	}
	err = check_imprint(tst, data, len);
done:
	ERR_clear_error();
	free(why);
	free(label);
	X509_STORE_free(at_store);
	sk_X509_free(signers);
	TS_TST_INFO_free(tst);
	PKCS7_free(p7);
	return err;
}
