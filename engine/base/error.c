/*
 * error.c - the per-thread last error (see overens/error.h).
 *
 * One message per thread, owned here, replaced by each ov_error_set().  When
 * memory for a message cannot be had, a static fallback text is used so that
 * the code still reaches the caller.
 *
 * Messages are translated here, not by the callers: the format string given
 * to ov_error_set(), ov_error_vset() and ov_error_prefix() is looked up in
 * the catalogue before it is formatted, so every `ov_error_set(code, "...")`
 * in the engine is a message id (scripts/update-po.sh extracts them).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "overens/i18n.h"
#include "overens/error.h"

static _Thread_local ov_error last_error;
static _Thread_local char *last_message;

static const char oom_message[] = N_("out of memory");

static void set_message(char *msg)
{
	free(last_message);
	last_message = msg;
	last_error.message = msg ? msg : _(oom_message);
}

/* The format in the user's language; its conversions are the same. */
static const char *translated(const char *fmt) __attribute__((format_arg(1)));

static const char *translated(const char *fmt)
{
	return _(fmt);
}

int ov_error_vset(int code, const char *fmt, va_list ap)
{
	va_list cp;
	int n;
	char *msg;

	fmt = translated(fmt);
	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	msg = n >= 0 ? malloc((size_t)n + 1) : NULL;
	if (msg)
		vsnprintf(msg, (size_t)n + 1, fmt, ap);
	last_error.code = code;
	set_message(msg);
	return code;
}

int ov_error_set(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ov_error_vset(code, fmt, ap);
	va_end(ap);
	return code;
}

int ov_error_prefix(const char *fmt, ...)
{
	va_list ap;
	char *ctx = NULL, *msg = NULL;
	int n;
	size_t clen, mlen;

	if (!last_error.code)
		return OV_OK;
	fmt = translated(fmt);
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return last_error.code;
	ctx = malloc((size_t)n + 1);
	if (!ctx)
		return last_error.code;
	va_start(ap, fmt);
	vsnprintf(ctx, (size_t)n + 1, fmt, ap);
	va_end(ap);
	clen = (size_t)n;
	mlen = last_message ? strlen(last_message) : 0;
	msg = malloc(clen + 2 + mlen + 1);
	if (msg) {
		memcpy(msg, ctx, clen);
		memcpy(msg + clen, ": ", 2);
		if (mlen)
			memcpy(msg + clen + 2, last_message, mlen);
		msg[clen + 2 + mlen] = '\0';
		set_message(msg);
	}
	free(ctx);
	return last_error.code;
}

const ov_error *ov_error_last(void)
{
	return last_error.code ? &last_error : NULL;
}

void ov_error_clear(void)
{
	free(last_message);
	last_message = NULL;
	last_error.code = 0;
	last_error.message = NULL;
}

const char *ov_error_name(int code)
{
	switch (code) {
	case OV_OK:        return _("ok");
	case OV_ENOTFOUND: return _("not found");
	case OV_EEXISTS:   return _("already exists");
	case OV_EINVALID:  return _("invalid input");
	case OV_EDENIED:   return _("not allowed");
	case OV_EGUARD:    return _("step refused");
	case OV_ECONFLICT: return _("conflict");
	case OV_ENOMEM:    return _("out of memory");
	case OV_EVERIFY:   return _("verification failed");
	case OV_ENOWS:     return _("no workspace");
	default:           return _("error");
	}
}
