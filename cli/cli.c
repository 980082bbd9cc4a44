/*
 * cli.c - shared helpers of the tool: workspace lookup, the acting person,
 * error printing with exit codes (as text or, with --json, as one JSON
 * object on standard error), JSON strings, the options of sub-commands.
 *
 * Exit codes (README.md, overens(1)): 0 success, 1 other failure, 2 bad
 * usage or invalid input, 3 not found, 4 not allowed, 5 step refused
 * (something missing), 6 conflict, 7 verification failed, 8 no workspace.
 * cli_exit_code() is the one place that maps engine codes to them.
 */
#define _XOPEN_SOURCE 700   /* wcwidth */

#include <locale.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "overens/buf.h"
#include "overens/error.h"
#include "overens/utf8.h"
#include "cli/cli.h"

const char *cli_opt(const cli_args *a, const char *key)
{
	const char *v = NULL;

	for (size_t i = 0; i < a->nopt; i++)
		if (!strcmp(a->opt[i].key, key))
			v = a->opt[i].value;
	return v;
}

int cli_exit_code(int code)
{
	switch (code) {
	case OV_EINVALID:  return 2;
	case OV_ENOTFOUND: return 3;
	case OV_EDENIED:   return 4;
	case OV_EGUARD:    return 5;
	case OV_ECONFLICT: return 6;
	case OV_EVERIFY:   return 7;
	case OV_ENOWS:     return 8;
	default:           return 1;
	}
}

/* The stable name of an engine code in JSON errors. */
static const char *json_code(int code)
{
	switch (code) {
	case OV_ENOTFOUND: return "not-found";
	case OV_EEXISTS:   return "exists";
	case OV_EINVALID:  return "invalid";
	case OV_EDENIED:   return "denied";
	case OV_EGUARD:    return "refused";
	case OV_ECONFLICT: return "conflict";
	case OV_ENOMEM:    return "out-of-memory";
	case OV_EVERIFY:   return "verify-failed";
	case OV_ENOWS:     return "no-workspace";
	default:           return "error";
	}
}

static void json_error(int exit_code, const char *code, const char *message)
{
	fputs("{\"error\":{", stderr);
	json_kv(stderr, "code", code, 1);
	json_key(stderr, "exit", 0);
	fprintf(stderr, "%d", exit_code);
	json_kv(stderr, "message", message, 0);
	fputs("}}\n", stderr);
}

static int verror(const cli_args *a, const cli_command *cmd, int exit_code, const char *code,
		  const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));

static int verror(const cli_args *a, const cli_command *cmd, int exit_code, const char *code,
		  const char *fmt, va_list ap)
{
	ov_buf msg = OV_BUF_INIT;
	const char *text;

	ov_buf_vprintf(&msg, fmt, ap);
	text = msg.ptr ? msg.ptr : fmt;
	if (a && a->json) {
		json_error(exit_code, code, text);
	} else {
		fprintf(stderr, _("overens: %s\n"), text);
		if (cmd)
			cli_print_synopsis(stderr, cmd);
	}
	ov_buf_dispose(&msg);
	return exit_code;
}

int cli_usage(const cli_args *a, const cli_command *cmd, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = verror(a, cmd, CLI_EXIT_USAGE, "usage", fmt, ap);
	va_end(ap);
	return rc;
}

int cli_error(const cli_args *a, int exit_code, const char *code, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = verror(a, NULL, exit_code, code, fmt, ap);
	va_end(ap);
	return rc;
}

int cli_write_output(const cli_args *a, const char *path, const ov_buf *out)
{
	int err;

	if (!strcmp(path, "-")) {
		if (fwrite(out->ptr, 1, out->size, stdout) != out->size || fflush(stdout))
			return cli_error(a, 1, "error", "%s", _("writing to standard output failed"));
		return 0;
	}
	if ((err = ov_write_file_atomic(path, out->ptr, out->size)) < 0)
		return cli_fail(a, err);
	printf("Skrev %s (%zu byte)\n", path, out->size);
	return 0;
}

int cli_fail(const cli_args *a, int code)
{
	const ov_error *e = ov_error_last();
	int rc = cli_error(a, cli_exit_code(code), json_code(code), "%s",
			   e ? e->message : ov_error_name(code));

	ov_error_clear();
	return rc;
}

int cli_open(ov_workspace **out, const cli_args *a)
{
	const char *dir = a->dir;

	if (!dir || !*dir)
		dir = getenv("OVERENS_DIR");
	if (!dir || !*dir)
		dir = ".";
	return ov_workspace_open(out, dir);
}

int cli_check_form(const cli_args *a, const cli_command *c, const char *form,
		   const cli_form *table, size_t n)
{
	size_t len = strlen(form);

	for (size_t i = 0; i < a->nopt; i++)
		for (size_t j = 0; j < n; j++) {
			const char *f = table[j].forms, *hit;
			int ok = 0;
			if (strcmp(a->opt[i].key, table[j].option))
				continue;
			for (hit = strstr(f, form); hit && !ok; hit = strstr(hit + 1, form))
				ok = (hit == f || hit[-1] == ' ') && (!hit[len] || hit[len] == ' ');
			if (!ok)
				return cli_usage(a, c, _("'overens %s %s' does not take --%s"),
						 c->name, form, a->opt[i].key);
		}
	return 0;
}

int cli_actor(char **out, ov_workspace *ws, const cli_args *a)
{
	int err;

	*out = NULL;
	if (a->as && *a->as) {
		*out = strdup(a->as);
		return *out ? OV_OK : ov_error_set(OV_ENOMEM, "%s", _("out of memory"));
	}
	if ((err = ov_config_get(out, ws, "user.email")) < 0)
		return err;
	if (!*out)
		return ov_error_set(OV_EINVALID, "%s",
			_("who is acting? give --as EMAIL or run 'overens config user.email EMAIL'"));
	return OV_OK;
}

int cli_session_open(cli_session *s, const cli_args *a)
{
	int err;

	memset(s, 0, sizeof(*s));
	if ((err = cli_open(&s->ws, a)) < 0 || (err = cli_actor(&s->actor, s->ws, a)) < 0)
		return err;
	return OV_OK;
}

int cli_session_close(cli_session *s, const cli_args *a, int err)
{
	int rc = err < 0 ? cli_fail(a, err) : 0;

	free(s->actor);
	ov_workspace_free(s->ws);
	memset(s, 0, sizeof(*s));
	return rc;
}

/*
 * The columns a terminal gives the code point `c`: wcwidth() under the
 * C.UTF-8 locale whatever the user's (0 for a combining mark, 2 for a wide
 * East Asian character); 1 when the locale is missing or for a character
 * it calls unprintable.
 */
static size_t columns_of(uint32_t c)
{
	static locale_t utf8;
	static int tried;
	/* below U+0300 (Latin and IPA letters, before the combining marks): width + 1, 0 unknown */
	static signed char low[0x300];
	locale_t old;
	int w;

	if (c >= 0x20 && c < 0x7F)
		return 1;
	if (c < sizeof(low) && low[c])
		return (size_t)(low[c] - 1);
	if (!tried) {
		tried = 1;
		utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	}
	if (!utf8)
		return 1;
	old = uselocale(utf8);
	w = wcwidth((wchar_t)c);
	uselocale(old);
	w = w < 0 ? 1 : w;
	if (c < sizeof(low))
		low[c] = (signed char)(w + 1);
	return (size_t)w;
}

/*
 * How many of the first `max` bytes of `p` are printable ASCII (0x20 to
 * 0x7E), eight at a time while eight remain.
 */
static size_t ascii_run(const unsigned char *p, size_t max)
{
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	size_t n = 0;

	for (; n + 8 <= max; n += 8) {
		uint64_t x, del;

		memcpy(&x, p + n, 8);
		del = x ^ (0x7F * ones);
		/* a byte at or above 0x80, below 0x20, or equal to 0x7F */
		if ((x | ((x - 0x20 * ones) & ~x) | ((del - ones) & ~del)) & highs)
			break;
	}
	while (n < max && p[n] >= 0x20 && p[n] < 0x7F)
		n++;
	return n;
}

int cli_cell(ov_buf *b, const char *s, size_t width, int cut)
{
	const unsigned char *p;
	size_t cols = 0, end = 0, pad, slen;
	int err;

	if (!s)
		s = "-";
	p = (const unsigned char *)s;
	slen = strlen(s);
	while (p[end]) {
		uint32_t c;
		size_t len, w, at, run;
		long v;

		/* printable ASCII, a column each (cut: cols never passes width) */
		run = slen - end;
		if (cut && width - cols < run)
			run = width - cols;
		run = ascii_run(p + end, run);
		cols += run;
		end += run;
		if (!p[end] || (p[end] >= 0x20 && p[end] < 0x7F))
			break;
		at = end;
		v = ov_utf8_next(s, slen, &at);
		/* a byte that begins no valid sequence: one character of its own */
		c = v < 0 ? 0xFFFD : (uint32_t)v;
		len = v < 0 ? 1 : at - end;
		w = columns_of(c);
		/* a combining mark (w 0) stays with the character before it */
		if (cut && cols + w > width)
			break;
		cols += w;
		end += len;
	}
	pad = cols < width ? width - cols : 0;
	if ((err = ov_buf_grow(b, b->size + end + pad + 1)) < 0)
		return err;
	memcpy(b->ptr + b->size, s, end);
	memset(b->ptr + b->size + end, ' ', pad);
	b->size += end + pad;
	b->ptr[b->size] = '\0';
	return OV_OK;
}

/* json_escape's writer: append `n` bytes at `p`. */
typedef void (*json_put_fn)(const char *p, size_t n, void *ctx);

/* `s` as a JSON string with escapes, or null; what needs no escape a run at a time. */
static void json_escape(const char *s, json_put_fn put, void *ctx)
{
	const unsigned char *p, *run;
	char u[8];

	if (!s) {
		put("null", 4, ctx);
		return;
	}
	put("\"", 1, ctx);
	for (p = run = (const unsigned char *)s; *p; p++) {
		if (*p >= 0x20 && *p != '"' && *p != '\\')
			continue;
		put((const char *)run, (size_t)(p - run), ctx);
		switch (*p) {
		case '"':  put("\\\"", 2, ctx); break;
		case '\\': put("\\\\", 2, ctx); break;
		case '\n': put("\\n", 2, ctx); break;
		case '\r': put("\\r", 2, ctx); break;
		case '\t': put("\\t", 2, ctx); break;
		default:
			snprintf(u, sizeof(u), "\\u%04x", *p);
			put(u, 6, ctx);
		}
		run = p + 1;
	}
	put((const char *)run, (size_t)(p - run), ctx);
	put("\"", 1, ctx);
}

static void put_file(const char *p, size_t n, void *ctx)
{
	if (n)
		fwrite(p, 1, n, ctx);
}

/* ov_buf's writer: the first error is kept and stops the writing. */
typedef struct buf_put {
	ov_buf *b;
	int err;
} buf_put;

static void put_buf(const char *p, size_t n, void *ctx)
{
	buf_put *bp = ctx;

	if (bp->err >= 0 && n)
		bp->err = ov_buf_put(bp->b, p, n);
}

void json_str(FILE *f, const char *s)
{
	json_escape(s, put_file, f);
}

int buf_json_str(ov_buf *b, const char *s)
{
	buf_put bp = { b, OV_OK };

	json_escape(s, put_buf, &bp);
	return bp.err;
}

void json_key(FILE *f, const char *k, int first)
{
	if (!first)
		fputc(',', f);
	json_str(f, k);
	fputc(':', f);
}

void json_kv(FILE *f, const char *k, const char *v, int first)
{
	json_key(f, k, first);
	json_str(f, v);
}

void json_kb(FILE *f, const char *k, int v, int first)
{
	json_key(f, k, first);
	fputs(v ? "true" : "false", f);
}

void cli_json_dates(const ov_date_entry *d, size_t n)
{
	putchar('[');
	for (size_t i = 0; i < n; i++) {
		printf(i ? ",{" : "{");
		json_kv(stdout, "date", d[i].date, 1);
		json_kv(stdout, "kind", d[i].kind, 0);
		json_kv(stdout, "label", d[i].label, 0);
		json_kv(stdout, "agreement", d[i].agreement, 0);
		json_kv(stdout, "title", d[i].title, 0);
		putchar('}');
	}
	putchar(']');
}
