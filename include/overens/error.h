/*
 * overens/error.h - error codes and the per-thread last error.
 *
 * Every engine function that can fail returns an int: 0 (OV_OK) on success
 * or one of the negative OV_E* codes below.  The function that detects the
 * failure records a message with its context (file, line, field, party) by
 * calling ov_error_set(); callers pass the code up unchanged and may add
 * context in front with ov_error_prefix().  The message is read with
 * ov_error_last() and belongs to the calling thread.
 */
#ifndef OVERENS_ERROR_H
#define OVERENS_ERROR_H

#include <stdarg.h>

enum {
	OV_OK        =   0,
	OV_ERROR     =  -1, /* generic failure (I/O, library error)        */
	OV_ENOTFOUND =  -2, /* agreement, party, field, file not found      */
	OV_EEXISTS   =  -3, /* object already exists                        */
	OV_EINVALID  =  -4, /* bad input: malformed XML, date, value         */
	OV_EDENIED   =  -5, /* the acting person may not take this step     */
	OV_EGUARD    =  -6, /* a step's guard refused: something is missing */
	OV_ECONFLICT =  -7, /* another process changed the agreement        */
	OV_ENOMEM    =  -8, /* out of memory or over a size ceiling         */
	OV_EVERIFY   =  -9, /* a signature or document did not verify       */
	OV_ENOWS     = -10  /* no workspace at the given place              */
};

typedef struct ov_error {
	int code;
	const char *message;
} ov_error;

/*
 * Records `code` with a printf-style message for this thread, replacing any
 * earlier one, and returns `code` so that callers can write
 * `return ov_error_set(OV_EINVALID, "...")`.
 */
int ov_error_set(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int ov_error_vset(int code, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

/*
 * Puts "<context>: " in front of the current message (if any) and returns
 * the current code.  Use it when passing an error up with more context.
 */
int ov_error_prefix(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

/* The last error of this thread, or NULL when none is set. Not to be freed. */
const ov_error *ov_error_last(void);

/* Forgets the last error of this thread and frees its message. */
void ov_error_clear(void);

/*
 * A short name for a code ("invalid input", ...) in the user's language;
 * messages are translated too (see overens/i18n.h).
 */
const char *ov_error_name(int code);

#endif
