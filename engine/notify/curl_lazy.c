/*
 * curl_lazy.c - libcurl, loaded when a command first needs it.
 *
 * Only two things use libcurl: a signature's time-stamp (signing/tsa.c)
 * and the reminders' mail (notify/smtp.c).  Linked as usual, Debian's
 * libcurl and the 31 libraries it needs (GnuTLS or OpenSSL, nghttp2,
 * librtmp, libssh2, Kerberos, LDAP, ...) are mapped and relocated by every
 * process, `overens status` too: about half of a read command's start-up.
 * So the tool is not linked with it.  This file defines the ten libcurl
 * functions those two files call, each forwarding to the real one found
 * with dlopen("libcurl.so.4") on first use; the rest of the code is written
 * against <curl/curl.h> as always.  The executable exports no symbols, so
 * libcurl itself never binds to these.
 *
 * ov_curl_load says why the library cannot be loaded; until it succeeds
 * the functions fail as libcurl does (NULL, CURLE_FAILED_INIT).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <curl/curl.h>

#include "overens/error.h"
#include "overens/lazylib.h"
#include "engine/notify/curl_lazy.h"

static struct {
	CURLcode (*global_init)(long);
	CURL *(*easy_init)(void);
	CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
	CURLcode (*easy_perform)(CURL *);
	CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
	void (*easy_cleanup)(CURL *);
	void (*easy_reset)(CURL *);
	const char *(*easy_strerror)(CURLcode);
	struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
	void (*slist_free_all)(struct curl_slist *);
} fn;

static const ov_lazy_sym syms[] = {
	{ "curl_global_init", &fn.global_init },
	{ "curl_easy_init", &fn.easy_init },
	{ "curl_easy_setopt", &fn.easy_setopt },
	{ "curl_easy_perform", &fn.easy_perform },
	{ "curl_easy_getinfo", &fn.easy_getinfo },
	{ "curl_easy_cleanup", &fn.easy_cleanup },
	{ "curl_easy_reset", &fn.easy_reset },
	{ "curl_easy_strerror", &fn.easy_strerror },
	{ "curl_slist_append", &fn.slist_append },
	{ "curl_slist_free_all", &fn.slist_free_all },
};

/* Kept open for the process's life: curl's global state lives in it. */
static ov_lazy_lib lib = OV_LAZY_LIB("libcurl.so.4", "libcurl4", syms);

int ov_curl_load(void)
{
	return ov_lazy_load(&lib);
}

static int ready(void)
{
	return ov_lazy_ready(&lib);
}

/* The names are in parentheses: <curl/curl.h> may define some as macros (type checks). */

CURLcode (curl_global_init)(long flags)
{
	return ready() ? fn.global_init(flags) : CURLE_FAILED_INIT;
}

CURL *(curl_easy_init)(void)
{
	return ready() ? fn.easy_init() : NULL;
}

/*
 * An option takes one argument whose type its number says (curl.h's
 * CURLOPTTYPE_*): a long, an object or function pointer, a curl_off_t or a
 * blob pointer.  It is read as that type and passed on as that type.
 */
CURLcode (curl_easy_setopt)(CURL *c, CURLoption option, ...)
{
	va_list ap;
	CURLcode rc;

	if (!ready())
		return CURLE_FAILED_INIT;
	va_start(ap, option);
	if (option < CURLOPTTYPE_OBJECTPOINT)
		rc = fn.easy_setopt(c, option, va_arg(ap, long));
	else if (option >= CURLOPTTYPE_OFF_T && option < CURLOPTTYPE_BLOB)
		rc = fn.easy_setopt(c, option, va_arg(ap, curl_off_t));
	else
		rc = fn.easy_setopt(c, option, va_arg(ap, void *));
	va_end(ap);
	return rc;
}

CURLcode (curl_easy_perform)(CURL *c)
{
	return ready() ? fn.easy_perform(c) : CURLE_FAILED_INIT;
}

/* Every CURLINFO_* takes a pointer to where the answer goes. */
CURLcode (curl_easy_getinfo)(CURL *c, CURLINFO info, ...)
{
	va_list ap;
	void *p;

	if (!ready())
		return CURLE_FAILED_INIT;
	va_start(ap, info);
	p = va_arg(ap, void *);
	va_end(ap);
	return fn.easy_getinfo(c, info, p);
}

void (curl_easy_cleanup)(CURL *c)
{
	if (ready())
		fn.easy_cleanup(c);
}

void (curl_easy_reset)(CURL *c)
{
	if (ready())
		fn.easy_reset(c);
}

const char *(curl_easy_strerror)(CURLcode rc)
{
	return ready() ? fn.easy_strerror(rc) : lib.why;
}

struct curl_slist *(curl_slist_append)(struct curl_slist *l, const char *s)
{
	return ready() ? fn.slist_append(l, s) : NULL;
}

void (curl_slist_free_all)(struct curl_slist *l)
{
	if (ready())
		fn.slist_free_all(l);
}
