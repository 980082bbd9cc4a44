/*
 * pdfparse.c - the minimal PDF reader (see pdfparse.h).
 *
 * Owns: the object model and its serialisation, the tokenizer/parser for
 * direct objects, the file structure reader (header, startxref, classic
 * xref tables and cross-reference streams along the /Prev chain, trailers,
 * revision ends), lazy object lookup with a per-document cache (also of
 * objects in object streams), the page list, and FlateDecode
 * (RFC 1950/1951) through zlib with a ceiling on the decoded size.
 *
 * Hostile input rules kept throughout: positions only move forward inside
 * [0, len); every number read from the file is range-checked before it is
 * used as an offset, count or size; recursion is bounded (OV_PDF_MAX_DEPTH
 * for nesting, a small limit for /Length chains and the page tree); every
 * failure is OV_EINVALID with "PDF offset N: ...".
 *
 * Work is bounded by the file's size, not by what the file claims:
 *   - allocation follows what was read, never a count from the file (an
 *     xref subsection's count is checked against the bytes left, 20 per
 *     entry, before any entry is stored; /Size is only range-checked);
 *   - arrays and dictionaries grow geometrically, and duplicate keys are
 *     found by sorting once the dictionary is complete, so a dictionary of
 *     n keys costs O(n log n), not O(n^2);
 *   - each document carries three budgets (pdfparse.h): objects made by
 *     the parser, source bytes parsed, and bytes decoded from streams.
 *     Each is charged where the work happens (parse_value, parse_indirect,
 *     ov_pdf_stream_decode), and inflating stops as soon as the output
 *     crosses what is left of the decode budget.
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "overens/error.h"
#include "overens/utf8.h"
#include "engine/signing/pdfparse.h"

/* ------------------------------------------------------------------ */
/* Object model                                                        */

ov_pdf_obj *ov_pdf_obj_new(ov_pdf_type type)
{
	ov_pdf_obj *obj = calloc(1, sizeof(*obj));

	if (!obj) {
		ov_error_set(OV_ENOMEM, "out of memory");
		return NULL;
	}
	obj->type = type;
	return obj;
}

ov_pdf_obj *ov_pdf_int_new(long long value)
{
	ov_pdf_obj *obj = ov_pdf_obj_new(OV_PDF_INT);

	if (obj)
		obj->num = value;
	return obj;
}

ov_pdf_obj *ov_pdf_ref_new(long long num, int gen)
{
	ov_pdf_obj *obj = ov_pdf_obj_new(OV_PDF_REF);

	if (obj) {
		obj->num = num;
		obj->gen = gen;
	}
	return obj;
}

static ov_pdf_obj *bytes_obj_new(ov_pdf_type type, const void *bytes,
				 size_t len)
{
	ov_pdf_obj *obj = ov_pdf_obj_new(type);

	if (!obj)
		return NULL;
	obj->str = malloc(len + 1);
	if (!obj->str) {
		free(obj);
		ov_error_set(OV_ENOMEM, "out of memory");
		return NULL;
	}
	if (len)
		memcpy(obj->str, bytes, len);
	obj->str[len] = '\0';
	obj->len = len;
	return obj;
}

ov_pdf_obj *ov_pdf_name_new(const char *name)
{
	return bytes_obj_new(OV_PDF_NAME, name, strlen(name));
}

ov_pdf_obj *ov_pdf_string_new(const void *bytes, size_t len)
{
	return bytes_obj_new(OV_PDF_STRING, bytes, len);
}

void ov_pdf_obj_free(ov_pdf_obj *obj)
{
	size_t i;

	if (!obj)
		return;
	for (i = 0; i < obj->count; i++) {
		ov_pdf_obj_free(obj->items[i]);
		if (obj->keys)
			free(obj->keys[i]);
	}
	free(obj->items);
	free(obj->keys);
	free(obj->str);
	free(obj);
}

/*
 * Room for one more item (and key).  The capacity is implied by the count:
 * 8, then doubled whenever the count reaches a power of two, so that n
 * pushes cost O(n) copying.
 */
static int obj_reserve(ov_pdf_obj *obj, int with_keys)
{
	size_t want, n = obj->count;
	ov_pdf_obj **items;
	char **keys;

	if (n && (n < 8 || (n & (n - 1))))
		return OV_OK;
	if (n > SIZE_MAX / sizeof(void *) / 2)
		return ov_error_set(OV_ENOMEM, "out of memory");
	want = n ? n * 2 : 8;
	items = realloc(obj->items, want * sizeof(*items));
	if (!items)
		return ov_error_set(OV_ENOMEM, "out of memory");
	obj->items = items;
	if (with_keys) {
		keys = realloc(obj->keys, want * sizeof(*keys));
		if (!keys)
			return ov_error_set(OV_ENOMEM, "out of memory");
		obj->keys = keys;
	}
	return OV_OK;
}

int ov_pdf_array_push(ov_pdf_obj *array, ov_pdf_obj *value)
{
	int err;

	if (!value)
		return ov_error_set(OV_ENOMEM, "out of memory");
	if (array->type != OV_PDF_ARRAY) {
		ov_pdf_obj_free(value);
		return ov_error_set(OV_EINVALID, "PDF: not an array");
	}
	if ((err = obj_reserve(array, 0)) < 0) {
		ov_pdf_obj_free(value);
		return err;
	}
	array->items[array->count++] = value;
	return OV_OK;
}

ov_pdf_obj *ov_pdf_dict_get(const ov_pdf_obj *dict, const char *key)
{
	size_t i;

	if (!dict || (dict->type != OV_PDF_DICT && dict->type != OV_PDF_STREAM))
		return NULL;
	for (i = 0; i < dict->count; i++)
		if (!strcmp(dict->keys[i], key))
			return dict->items[i];
	return NULL;
}

int ov_pdf_dict_set(ov_pdf_obj *dict, const char *key, ov_pdf_obj *value)
{
	size_t i;
	char *k = NULL;
	int err;

	if (!value)
		return ov_error_set(OV_ENOMEM, "out of memory");
	if (dict->type != OV_PDF_DICT && dict->type != OV_PDF_STREAM) {
		ov_pdf_obj_free(value);
		return ov_error_set(OV_EINVALID, "PDF: not a dictionary");
	}
	for (i = 0; i < dict->count; i++) {
		if (!strcmp(dict->keys[i], key)) {
			ov_pdf_obj_free(dict->items[i]);
			dict->items[i] = value;
			return OV_OK;
		}
	}
	k = strdup(key);
	if (!k || (err = obj_reserve(dict, 1)) < 0) {
		free(k);
		ov_pdf_obj_free(value);
		return k ? err : ov_error_set(OV_ENOMEM, "out of memory");
	}
	dict->keys[dict->count] = k;
	dict->items[dict->count++] = value;
	return OV_OK;
}

int ov_pdf_is_name(const ov_pdf_obj *obj, const char *name)
{
	return obj && obj->type == OV_PDF_NAME && !strcmp(obj->str, name);
}

int ov_pdf_obj_clone(ov_pdf_obj **out, const ov_pdf_obj *obj)
{
	ov_pdf_obj *c = NULL;
	size_t i;
	int err = OV_OK;

	*out = NULL;
	if (!(c = ov_pdf_obj_new(obj->type)))
		return OV_ENOMEM;
	c->num = obj->num;
	c->gen = obj->gen;
	c->hex = obj->hex;
	c->off = obj->off;
	c->end = obj->end;
	c->data_off = obj->data_off;
	c->data_len = obj->data_len;
	if (obj->str) {
		if (!(c->str = malloc(obj->len + 1))) {
			err = ov_error_set(OV_ENOMEM, "out of memory");
			goto done;
		}
		memcpy(c->str, obj->str, obj->len + 1);
		c->len = obj->len;
	}
	for (i = 0; i < obj->count; i++) {
		ov_pdf_obj *item = NULL;

		if ((err = obj_reserve(c, obj->keys != NULL)) < 0)
			goto done;
		if ((err = ov_pdf_obj_clone(&item, obj->items[i])) < 0)
			goto done;
		if (obj->keys && !(c->keys[c->count] = strdup(obj->keys[i]))) {
			ov_pdf_obj_free(item);
			err = ov_error_set(OV_ENOMEM, "out of memory");
			goto done;
		}
		c->items[c->count++] = item;
	}
done:
	if (err < 0) {
		ov_pdf_obj_free(c);
		return err;
	}
	*out = c;
	return OV_OK;
}

/* ------------------------------------------------------------------ */
/* Writing                                                             */

static int is_ws(int c)
{
	return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' ||
	       c == ' ';
}

static int is_delim(int c)
{
	return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' ||
	       c == ']' || c == '{' || c == '}' || c == '/' || c == '%';
}

static int is_regular(int c)
{
	return !is_ws(c) && !is_delim(c);
}

static int write_name(ov_buf *out, const char *s, size_t len)
{
	size_t i;
	int err;

	if ((err = ov_buf_putc(out, '/')) < 0)
		return err;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x21 || c > 0x7e || is_delim(c) || c == '#')
			err = ov_buf_printf(out, "#%02X", c);
		else
			err = ov_buf_putc(out, (char)c);
		if (err < 0)
			return err;
	}
	return OV_OK;
}

static int write_string(ov_buf *out, const unsigned char *s, size_t len)
{
	size_t i;
	int err, printable = 1;

	for (i = 0; i < len; i++)
		if (s[i] < 0x20 || s[i] > 0x7e)
			printable = 0;
	if (!printable) {
		if ((err = ov_buf_putc(out, '<')) < 0 || (err = ov_buf_put_hex(out, s, len)) < 0)
			return err;
		return ov_buf_putc(out, '>');
	}
	if ((err = ov_buf_putc(out, '(')) < 0)
		return err;
	/* runs without a character to escape, copied at once */
	for (size_t from = 0; from <= len; from = i + 1) {
		for (i = from; i < len && s[i] != '(' && s[i] != ')' && s[i] != '\\'; i++)
			;
		if ((err = ov_buf_put(out, s + from, i - from)) < 0)
			return err;
		if (i < len && (err = ov_buf_put(out, (const char[]){ '\\', (char)s[i] }, 2)) < 0)
			return err;
	}
	return ov_buf_putc(out, ')');
}

int ov_pdf_obj_write(ov_buf *out, const ov_pdf_obj *obj)
{
	size_t i;
	int err = OV_OK;

	switch (obj->type) {
	case OV_PDF_NULL:
		return ov_buf_puts(out, "null");
	case OV_PDF_BOOL:
		return ov_buf_puts(out, obj->num ? "true" : "false");
	case OV_PDF_INT:
		return ov_buf_put_ll(out, obj->num);
	case OV_PDF_REAL:
		return ov_buf_puts(out, obj->str);
	case OV_PDF_STRING:
		return write_string(out, (const unsigned char *)obj->str, obj->len);
	case OV_PDF_NAME:
		return write_name(out, obj->str, obj->len);
	case OV_PDF_REF:
		if ((err = ov_buf_put_ll(out, obj->num)) < 0 || (err = ov_buf_putc(out, ' ')) < 0 ||
		    (err = ov_buf_put_ll(out, obj->gen)) < 0)
			return err;
		return ov_buf_put(out, " R", 2);
	case OV_PDF_ARRAY:
		if ((err = ov_buf_putc(out, '[')) < 0)
			return err;
		for (i = 0; i < obj->count; i++) {
			if (i && (err = ov_buf_putc(out, ' ')) < 0)
				return err;
			if ((err = ov_pdf_obj_write(out, obj->items[i])) < 0)
				return err;
		}
		return ov_buf_putc(out, ']');
	case OV_PDF_DICT:
		if ((err = ov_buf_puts(out, "<<")) < 0)
			return err;
		for (i = 0; i < obj->count; i++) {
			if ((err = write_name(out, obj->keys[i],
					      strlen(obj->keys[i]))) < 0 ||
			    (err = ov_buf_putc(out, ' ')) < 0 ||
			    (err = ov_pdf_obj_write(out, obj->items[i])) < 0)
				return err;
		}
		return ov_buf_puts(out, ">>");
	case OV_PDF_STREAM:
		break;
	}
	return ov_error_set(OV_EINVALID, "PDF: a stream cannot be written "
			    "as a direct object");
}

/* ------------------------------------------------------------------ */
/* Text strings                                                        */

static int put_utf8(ov_buf *out, unsigned long cp)
{
	char b[4];
	size_t n;

	if (cp < 0x80) {
		b[0] = (char)cp; n = 1;
	} else if (cp < 0x800) {
		b[0] = (char)(0xc0 | cp >> 6); b[1] = (char)(0x80 | (cp & 0x3f)); n = 2;
	} else if (cp < 0x10000) {
		b[0] = (char)(0xe0 | cp >> 12); b[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		b[2] = (char)(0x80 | (cp & 0x3f)); n = 3;
	} else {
		b[0] = (char)(0xf0 | cp >> 18); b[1] = (char)(0x80 | (cp >> 12 & 0x3f));
		b[2] = (char)(0x80 | (cp >> 6 & 0x3f)); b[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	return ov_buf_put(out, b, n);
}

int ov_pdf_text_write(ov_buf *out, const char *text)
{
	size_t len = strlen(text), pos = 0, i;
	int err, ascii = 1;
	long cp;

	for (i = 0; i < len; i++)
		if ((unsigned char)text[i] < 0x20 || (unsigned char)text[i] > 0x7e)
			ascii = 0;
	if (ascii)
		return write_string(out, (const unsigned char *)text, len);
	if ((err = ov_buf_puts(out, "<FEFF")) < 0)
		return err;
	while (pos < len) {
		if ((cp = ov_utf8_next(text, len, &pos)) < 0)
			return ov_error_set(OV_EINVALID, "text is not valid UTF-8 "
					    "at byte %zu", pos);
		if (cp >= 0x10000) {
			cp -= 0x10000;
			err = ov_buf_printf(out, "%04lX%04lX", 0xd800 + (cp >> 10),
					    0xdc00 + (cp & 0x3ff));
		} else {
			err = ov_buf_printf(out, "%04lX", cp);
		}
		if (err < 0)
			return err;
	}
	return ov_buf_putc(out, '>');
}

/* PDFDocEncoding bytes 0x18..0x1f and 0x80..0xa0 that differ from Latin-1
 * (0 = undefined). */
static const unsigned short pdfdoc_low[8] = {
	0x02d8, 0x02c7, 0x02c6, 0x02d9, 0x02dd, 0x02db, 0x02da, 0x02dc };
static const unsigned short pdfdoc_high[33] = {
	0x2022, 0x2020, 0x2021, 0x2026, 0x2014, 0x2013, 0x0192, 0x2044,
	0x2039, 0x203a, 0x2212, 0x2030, 0x201e, 0x201c, 0x201d, 0x2018,
	0x2019, 0x201a, 0x2122, 0xfb01, 0xfb02, 0x0141, 0x0152, 0x0160,
	0x0178, 0x017d, 0x0131, 0x0142, 0x0153, 0x0161, 0x017e, 0x0000,
	0x20ac };

int ov_pdf_text_to_utf8(char **out, const ov_pdf_obj *str)
{
	ov_buf b = OV_BUF_INIT;
	const unsigned char *p;
	size_t i;
	int err = OV_OK;

	*out = NULL;
	if (!str || str->type != OV_PDF_STRING)
		return ov_error_set(OV_EINVALID, "PDF offset %zu: expected a text "
				    "string", str ? str->off : 0);
	p = (const unsigned char *)str->str;
	if ((err = ov_buf_put(&b, "", 0)) < 0)
		return err;
	if (str->len >= 2 && p[0] == 0xfe && p[1] == 0xff) {
		for (i = 2; i + 1 < str->len && err == OV_OK; i += 2) {
			unsigned long u = (unsigned long)p[i] << 8 | p[i + 1];

			if (u >= 0xd800 && u <= 0xdbff && i + 3 < str->len) {
				unsigned long lo = (unsigned long)p[i + 2] << 8 | p[i + 3];

				if (lo >= 0xdc00 && lo <= 0xdfff) {
					u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
					i += 2;
				}
			}
			if (u >= 0xd800 && u <= 0xdfff)
				u = 0xfffd;
			err = put_utf8(&b, u);
		}
	} else {
		for (i = 0; i < str->len && err == OV_OK; i++) {
			unsigned long u = p[i];

			if (u >= 0x18 && u <= 0x1f)
				u = pdfdoc_low[u - 0x18];
			else if (u >= 0x80 && u <= 0xa0)
				u = pdfdoc_high[u - 0x80] ? pdfdoc_high[u - 0x80] : 0xfffd;
			err = put_utf8(&b, u);
		}
	}
	if (err < 0) {
		ov_buf_dispose(&b);
		return err;
	}
	if (!(*out = ov_buf_detach(&b)))
		return ov_error_set(OV_ENOMEM, "out of memory");
	return OV_OK;
}

/* ------------------------------------------------------------------ */
/* Tokenizer and parser                                                */

typedef struct lexer {
	const unsigned char *p;
	size_t len, pos;
	size_t *nobjs;      /* objects made so far (a document's), or NULL */
	size_t max_objs;    /* the budget for *nobjs */
} lexer;

static void lexer_init(lexer *lx, const char *data, size_t len, size_t pos)
{
	lx->p = (const unsigned char *)data;
	lx->len = len;
	lx->pos = pos;
	lx->nobjs = NULL;
	lx->max_objs = 0;
}

static void skip_ws(lexer *lx)
{
	while (lx->pos < lx->len) {
		int c = lx->p[lx->pos];

		if (is_ws(c)) {
			lx->pos++;
		} else if (c == '%') {
			while (lx->pos < lx->len && lx->p[lx->pos] != '\n' &&
			       lx->p[lx->pos] != '\r')
				lx->pos++;
		} else {
			break;
		}
	}
}

/* 1 if the keyword `kw` stands at the position (followed by a non-regular
 * character or the end); does not move. */
static int at_keyword(const lexer *lx, const char *kw)
{
	size_t n = strlen(kw);

	if (lx->len - lx->pos < n || memcmp(lx->p + lx->pos, kw, n))
		return 0;
	return lx->pos + n == lx->len || !is_regular(lx->p[lx->pos + n]);
}

/*
 * Reads an unsigned decimal integer of at most 18 digits.  *out is always
 * written: the number, or 0 on error, so no caller reads an unset value.
 */
static int read_uint(lexer *lx, long long *out)
{
	long long v = 0;
	size_t start = lx->pos;

	*out = 0;
	while (lx->pos < lx->len && lx->p[lx->pos] >= '0' &&
	       lx->p[lx->pos] <= '9') {
		if (lx->pos - start >= 18)
			return ov_error_set(OV_EINVALID, "PDF offset %zu: number "
					    "too large", start);
		v = v * 10 + (lx->p[lx->pos] - '0');
		lx->pos++;
	}
	if (lx->pos == start)
		return ov_error_set(OV_EINVALID, "PDF offset %zu: expected a "
				    "number", start);
	*out = v;
	return OV_OK;
}

static int parse_value(ov_pdf_obj **out, lexer *lx, int depth);

static int parse_number(ov_pdf_obj **out, lexer *lx)
{
	size_t start = lx->pos, digits = 0;
	int neg = 0, dot = 0;
	long long v = 0;
	ov_pdf_obj *obj = NULL;

	if (lx->p[lx->pos] == '+' || lx->p[lx->pos] == '-')
		neg = lx->p[lx->pos++] == '-';
	while (lx->pos < lx->len) {
		int c = lx->p[lx->pos];

		if (c == '.' && !dot) {
			dot = 1;
		} else if (c >= '0' && c <= '9') {
			if (++digits > 18)
				return ov_error_set(OV_EINVALID, "PDF offset "
						    "%zu: number too large", start);
			if (!dot)
				v = v * 10 + (c - '0');
		} else {
			break;
		}
		lx->pos++;
	}
	if (!digits || (lx->pos < lx->len && is_regular(lx->p[lx->pos])))
		return ov_error_set(OV_EINVALID, "PDF offset %zu: malformed "
				    "number", start);
	if (dot) {
		obj = bytes_obj_new(OV_PDF_REAL, lx->p + start, lx->pos - start);
	} else {
		obj = ov_pdf_int_new(neg ? -v : v);
	}
	if (!obj)
		return OV_ENOMEM;
	obj->off = start;
	obj->end = lx->pos;
	*out = obj;
	return OV_OK;
}

/* After a non-negative integer: "G R" makes it a reference. */
static void try_reference(ov_pdf_obj *obj, lexer *lx)
{
	size_t save = lx->pos;
	long long gen;

	skip_ws(lx);
	if (lx->pos < lx->len && lx->p[lx->pos] >= '0' && lx->p[lx->pos] <= '9' &&
	    read_uint(lx, &gen) == OV_OK && gen <= 65535) {
		skip_ws(lx);
		if (at_keyword(lx, "R")) {
			lx->pos++;
			obj->type = OV_PDF_REF;
			obj->gen = (int)gen;
			obj->end = lx->pos;
			return;
		}
	}
	ov_error_clear();
	lx->pos = save;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int finish_bytes(ov_pdf_obj **out, ov_pdf_type type, ov_buf *b,
			size_t start, size_t end)
{
	ov_pdf_obj *obj = ov_pdf_obj_new(type);
	size_t n = b->size;

	if (!obj) {
		ov_buf_dispose(b);
		return OV_ENOMEM;
	}
	obj->str = ov_buf_detach(b);
	if (!obj->str) {
		free(obj);
		return ov_error_set(OV_ENOMEM, "out of memory");
	}
	obj->len = n;
	obj->off = start;
	obj->end = end;
	*out = obj;
	return OV_OK;
}

static int parse_name(ov_pdf_obj **out, lexer *lx)
{
	ov_buf b = OV_BUF_INIT;
	size_t start = lx->pos++;
	int err = OV_OK;

	if ((err = ov_buf_put(&b, "", 0)) < 0)
		return err;
	while (lx->pos < lx->len && is_regular(lx->p[lx->pos])) {
		int c = lx->p[lx->pos++];

		if (c == '#') {
			int hi, lo;

			if (lx->len - lx->pos < 2 ||
			    (hi = hexval(lx->p[lx->pos])) < 0 ||
			    (lo = hexval(lx->p[lx->pos + 1])) < 0 ||
			    (hi | lo) == 0) {
				err = ov_error_set(OV_EINVALID, "PDF offset %zu: "
						   "bad #xx escape in name", lx->pos - 1);
				goto done;
			}
			c = hi * 16 + lo;
			lx->pos += 2;
		}
		if ((err = ov_buf_putc(&b, (char)c)) < 0)
			goto done;
	}
	return finish_bytes(out, OV_PDF_NAME, &b, start, lx->pos);
done:
	ov_buf_dispose(&b);
	return err;
}

static int parse_literal(ov_pdf_obj **out, lexer *lx)
{
	ov_buf b = OV_BUF_INIT;
	size_t start = lx->pos++, nest = 1;
	int err;

	if ((err = ov_buf_put(&b, "", 0)) < 0)
		return err;
	while (lx->pos < lx->len) {
		int c = lx->p[lx->pos++];

		if (c == '(') {
			nest++;
		} else if (c == ')') {
			if (--nest == 0)
				return finish_bytes(out, OV_PDF_STRING, &b, start,
						    lx->pos);
		} else if (c == '\r') {
			/* an unescaped end of line is read as \n */
			if (lx->pos < lx->len && lx->p[lx->pos] == '\n')
				lx->pos++;
			c = '\n';
		} else if (c == '\\') {
			if (lx->pos >= lx->len)
				break;
			c = lx->p[lx->pos++];
			switch (c) {
			case 'n': c = '\n'; break;
			case 'r': c = '\r'; break;
			case 't': c = '\t'; break;
			case 'b': c = '\b'; break;
			case 'f': c = '\f'; break;
			case '\r':
				if (lx->pos < lx->len && lx->p[lx->pos] == '\n')
					lx->pos++;
				continue;
			case '\n':
				continue;
			default:
				if (c >= '0' && c <= '7') {
					int v = c - '0', k;

					for (k = 0; k < 2 && lx->pos < lx->len &&
					     lx->p[lx->pos] >= '0' &&
					     lx->p[lx->pos] <= '7'; k++)
						v = v * 8 + (lx->p[lx->pos++] - '0');
					c = v & 0xff;
				}
				/* \( \) \\ and unknown escapes: the character */
			}
		}
		if ((err = ov_buf_putc(&b, (char)c)) < 0)
			goto done;
	}
	err = ov_error_set(OV_EINVALID, "PDF offset %zu: unterminated string",
			   start);
done:
	ov_buf_dispose(&b);
	return err;
}

static int parse_hex(ov_pdf_obj **out, lexer *lx)
{
	ov_buf b = OV_BUF_INIT;
	size_t start = lx->pos++;
	int err, hi = -1;

	if ((err = ov_buf_put(&b, "", 0)) < 0)
		return err;
	while (lx->pos < lx->len) {
		int c = lx->p[lx->pos++], v;

		if (c == '>') {
			if (hi >= 0 && (err = ov_buf_putc(&b, (char)(hi << 4))) < 0)
				goto done;
			err = finish_bytes(out, OV_PDF_STRING, &b, start, lx->pos);
			if (err == OV_OK)
				(*out)->hex = 1;
			return err;
		}
		if (is_ws(c))
			continue;
		if ((v = hexval(c)) < 0) {
			err = ov_error_set(OV_EINVALID, "PDF offset %zu: bad "
					   "character in hex string", lx->pos - 1);
			goto done;
		}
		if (hi < 0) {
			hi = v;
		} else {
			if ((err = ov_buf_putc(&b, (char)(hi << 4 | v))) < 0)
				goto done;
			hi = -1;
		}
	}
	err = ov_error_set(OV_EINVALID, "PDF offset %zu: unterminated hex "
			   "string", start);
done:
	ov_buf_dispose(&b);
	return err;
}

static int parse_array(ov_pdf_obj **out, lexer *lx, int depth)
{
	ov_pdf_obj *arr = NULL, *item = NULL;
	size_t start = lx->pos++;
	int err;

	if (!(arr = ov_pdf_obj_new(OV_PDF_ARRAY)))
		return OV_ENOMEM;
	arr->off = start;
	for (;;) {
		skip_ws(lx);
		if (lx->pos >= lx->len) {
			err = ov_error_set(OV_EINVALID, "PDF offset %zu: "
					   "unterminated array", start);
			goto done;
		}
		if (lx->p[lx->pos] == ']') {
			lx->pos++;
			break;
		}
		if ((err = parse_value(&item, lx, depth + 1)) < 0 ||
		    (err = ov_pdf_array_push(arr, item)) < 0)
			goto done;
	}
	arr->end = lx->pos;
	*out = arr;
	return OV_OK;
done:
	ov_pdf_obj_free(arr);
	return err;
}

typedef struct key_at {
	const char *key;
	size_t off;
} key_at;

static int key_at_cmp(const void *a, const void *b)
{
	const key_at *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	if (c)
		return c;
	return (x->off > y->off) - (x->off < y->off);
}

/*
 * OV_EINVALID if a key of the complete dictionary `dict` is repeated,
 * naming the first repetition in file order; offs[i] is where keys[i]
 * was read.  Sorting makes this O(n log n) for n keys.
 */
static int check_duplicates(const ov_pdf_obj *dict, const size_t *offs)
{
	key_at *k = NULL;
	const char *name = NULL;
	size_t i, at = 0;
	int err = OV_OK;

	if (dict->count < 2)
		return OV_OK;
	if (!(k = malloc(dict->count * sizeof(*k))))
		return ov_error_set(OV_ENOMEM, "out of memory");
	for (i = 0; i < dict->count; i++) {
		k[i].key = dict->keys[i];
		k[i].off = offs[i];
	}
	qsort(k, dict->count, sizeof(*k), key_at_cmp);
	for (i = 1; i < dict->count; i++)
		if (!strcmp(k[i - 1].key, k[i].key) && (!name || k[i].off < at)) {
			name = k[i].key;
			at = k[i].off;
		}
	if (name)
		err = ov_error_set(OV_EINVALID, "PDF offset %zu: duplicate key /%s",
				   at, name);
	free(k);
	return err;
}

static int parse_dict(ov_pdf_obj **out, lexer *lx, int depth)
{
	ov_pdf_obj *dict = NULL, *key = NULL, *val = NULL;
	size_t start = lx->pos, *offs = NULL, aoffs = 0;
	int err;

	lx->pos += 2;
	if (!(dict = ov_pdf_obj_new(OV_PDF_DICT)))
		return OV_ENOMEM;
	dict->off = start;
	for (;;) {
		skip_ws(lx);
		if (lx->pos >= lx->len) {
			err = ov_error_set(OV_EINVALID, "PDF offset %zu: "
					   "unterminated dictionary", start);
			goto done;
		}
		if (lx->p[lx->pos] == '>') {
			if (lx->len - lx->pos < 2 || lx->p[lx->pos + 1] != '>') {
				err = ov_error_set(OV_EINVALID, "PDF offset %zu: "
						   "expected >>", lx->pos);
				goto done;
			}
			lx->pos += 2;
			break;
		}
		if (lx->p[lx->pos] != '/') {
			err = ov_error_set(OV_EINVALID, "PDF offset %zu: expected "
					   "a name as dictionary key", lx->pos);
			goto done;
		}
		if ((err = parse_name(&key, lx)) < 0 ||
		    (err = parse_value(&val, lx, depth + 1)) < 0 ||
		    (err = obj_reserve(dict, 1)) < 0)
			goto done;
		if (dict->count == aoffs) {
			size_t want = aoffs ? aoffs * 2 : 8;
			size_t *p = want <= SIZE_MAX / sizeof(*p) ?
				    realloc(offs, want * sizeof(*p)) : NULL;

			if (!p) {
				err = ov_error_set(OV_ENOMEM, "out of memory");
				goto done;
			}
			offs = p;
			aoffs = want;
		}
		/* the key's string moves into the dictionary */
		offs[dict->count] = key->off;
		dict->keys[dict->count] = key->str;
		dict->items[dict->count++] = val;
		key->str = NULL;
		val = NULL;
		ov_pdf_obj_free(key);
		key = NULL;
	}
	if ((err = check_duplicates(dict, offs)) < 0)
		goto done;
	free(offs);
	dict->end = lx->pos;
	*out = dict;
	return OV_OK;
done:
	free(offs);
	ov_pdf_obj_free(val);
	ov_pdf_obj_free(key);
	ov_pdf_obj_free(dict);
	return err;
}

static int parse_value(ov_pdf_obj **out, lexer *lx, int depth)
{
	size_t start;
	int c, err;

	*out = NULL;
	skip_ws(lx);
	start = lx->pos;
	if (depth > OV_PDF_MAX_DEPTH)
		return ov_error_set(OV_EINVALID, "PDF offset %zu: objects nested "
				    "deeper than %d", start, OV_PDF_MAX_DEPTH);
	if (lx->pos >= lx->len)
		return ov_error_set(OV_EINVALID, "PDF offset %zu: unexpected end "
				    "of data", start);
	if (lx->nobjs && ++*lx->nobjs > lx->max_objs)
		return ov_error_set(OV_EINVALID, "PDF offset %zu: more than %zu "
				    "objects (the limit for a file of %zu bytes)",
				    start, lx->max_objs, lx->len);
	c = lx->p[lx->pos];
	switch (c) {
	case '/':
		return parse_name(out, lx);
	case '(':
		return parse_literal(out, lx);
	case '[':
		return parse_array(out, lx, depth);
	case '<':
		if (lx->len - lx->pos >= 2 && lx->p[lx->pos + 1] == '<')
			return parse_dict(out, lx, depth);
		return parse_hex(out, lx);
	default:
		break;
	}
	if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.') {
		if ((err = parse_number(out, lx)) < 0)
			return err;
		if ((*out)->type == OV_PDF_INT && (*out)->num >= 0 && c != '+' &&
		    (*out)->num <= OV_PDF_MAX_OBJNUM)
			try_reference(*out, lx);
		return OV_OK;
	}
	if (at_keyword(lx, "true") || at_keyword(lx, "false")) {
		if (!(*out = ov_pdf_obj_new(OV_PDF_BOOL)))
			return OV_ENOMEM;
		(*out)->num = c == 't';
		lx->pos += c == 't' ? 4 : 5;
	} else if (at_keyword(lx, "null")) {
		if (!(*out = ov_pdf_obj_new(OV_PDF_NULL)))
			return OV_ENOMEM;
		lx->pos += 4;
	} else {
		return ov_error_set(OV_EINVALID, "PDF offset %zu: unexpected %s",
				    start, is_regular(c) ? "keyword" : "delimiter");
	}
	(*out)->off = start;
	(*out)->end = lx->pos;
	return OV_OK;
}

int ov_pdf_parse_object(ov_pdf_obj **out, const char *data, size_t len,
			size_t *pos)
{
	lexer lx;
	int err;

	*out = NULL;
	if (*pos > len)
		return ov_error_set(OV_EINVALID, "PDF offset %zu: beyond the end "
				    "(%zu bytes)", *pos, len);
	lexer_init(&lx, data, len, *pos);
	if ((err = parse_value(out, &lx, 0)) < 0)
		return err;
	*pos = lx.pos;
	return OV_OK;
}

/* ------------------------------------------------------------------ */
/* Inflate (zlib, RFC 1950 wrapper around RFC 1951 deflate)            */

/* How much output room one inflate() call gets. */
#define INF_CHUNK ((size_t)64 << 10)

/* zlib's own wording for a bad header, which this reader reports as one. */
static int inf_header_msg(const char *msg)
{
	return msg && (!strcmp(msg, "incorrect header check") ||
		       !strcmp(msg, "unknown compression method") ||
		       !strcmp(msg, "invalid window size"));
}

static int inf_bad(const z_stream *z, int ret, int ended_input)
{
	const char *what;

	if (ret == Z_NEED_DICT)
		what = "preset dictionaries are not allowed in a PDF stream";
	else if (ret == Z_MEM_ERROR)
		return ov_error_set(OV_ENOMEM, "out of memory");
	else if (ret == Z_DATA_ERROR && inf_header_msg(z->msg))
		return ov_error_set(OV_EINVALID, "deflate data offset 0: not a "
				    "zlib stream");
	else if (ret == Z_DATA_ERROR && z->msg && !strcmp(z->msg, "incorrect data check"))
		what = "Adler-32 checksum mismatch";
	else if (ret == Z_DATA_ERROR)
		what = z->msg ? z->msg : "corrupt compressed data";
	else if (ended_input)
		what = "unexpected end of compressed data";
	else
		what = z->msg ? z->msg : "cannot be decoded";
	return ov_error_set(OV_EINVALID, "deflate data offset %lu: %s",
			    (unsigned long)z->total_in, what);
}

/* inflate_some's result when the output would pass the ceiling. */
#define INF_OVER 1

/*
 * The inflater behind ov_pdf_inflate and ov_pdf_stream_decode: appends to
 * `out` at most INF_CHUNK bytes of output per inflate() call and stops as
 * soon as the output passes `max` (so at most max + 1 bytes are ever
 * produced).  *made receives the bytes produced, also on failure (when
 * they are taken back out of `out`), so that callers can charge the work.
 * Returns OV_OK, INF_OVER without setting a message, or an error.
 */
static int inflate_some(ov_buf *out, const void *in, size_t len, size_t max,
			size_t *made_out)
{
	z_stream z;
	size_t base = out->size, made = 0, room, left = len;
	int ret, err;

	*made_out = 0;
	/* make sure the output is a valid C string even when empty */
	if ((err = ov_buf_put(out, "", 0)) < 0)
		return err;
	memset(&z, 0, sizeof(z));
	if (inflateInit(&z) != Z_OK)
		return ov_error_set(OV_ENOMEM, "out of memory");
	z.next_in = (Bytef *)(uintptr_t)in;
	for (;;) {
		size_t before_in = z.total_in, before_out;

		/* avail_in is a uInt: feed very long input in slices */
		if (z.avail_in == 0 && left) {
			z.avail_in = left > UINT_MAX ? UINT_MAX : (uInt)left;
			left -= z.avail_in;
		}
		/* one byte beyond the ceiling shows that the data goes past it */
		room = max - made < INF_CHUNK ? max - made + 1 : INF_CHUNK;
		if ((err = ov_buf_grow(out, out->size + room + 1)) < 0)
			goto fail;
		z.next_out = (Bytef *)out->ptr + out->size;
		z.avail_out = (uInt)room;
		before_out = z.total_out;
		ret = inflate(&z, Z_NO_FLUSH);
		out->size += z.total_out - before_out;
		out->ptr[out->size] = '\0';
		made = out->size - base;
		*made_out = made;
		if (made > max) {
			err = INF_OVER;
			goto fail;
		}
		if (ret == Z_STREAM_END)
			break;
		if (ret != Z_OK && ret != Z_BUF_ERROR) {
			err = inf_bad(&z, ret, 0);
			goto fail;
		}
		/* no progress: the input ended before the stream did */
		if (z.total_in == before_in && z.total_out == before_out) {
			err = inf_bad(&z, Z_BUF_ERROR, !z.avail_in && !left);
			goto fail;
		}
	}
	inflateEnd(&z);
	return OV_OK;
fail:
	inflateEnd(&z);
	out->size = base;
	if (out->ptr)
		out->ptr[out->size] = '\0';
	return err;
}

int ov_pdf_inflate(ov_buf *out, const void *in, size_t len, size_t max)
{
	size_t made;
	int err = inflate_some(out, in, len, max, &made);

	if (err == INF_OVER)
		return ov_error_set(OV_ENOMEM, "decoded stream exceeds %zu bytes",
				    max);
	return err;
}

/* ------------------------------------------------------------------ */
/* Document structure                                                  */

typedef struct xref_entry {
	long long num;
	size_t off;
	int gen;
	int used;
	size_t rev;         /* 0 = newest revision */
	ov_pdf_obj *obj;    /* parsed object, owned */
	int busy;           /* being parsed (loop guard) */
	int packed;         /* in object stream `stm` at index `idx`; `off`
			     * is then where that stream's object starts */
	long long stm;
	size_t idx;
} xref_entry;

/* One object of a decoded object stream: its number and where it starts
 * (relative to /First). */
typedef struct packed_obj {
	long long num;
	size_t off;
} packed_obj;

struct ov_pdf_doc {
	const char *data;
	size_t len;
	xref_entry *entries;
	size_t nentries, aentries;
	ov_pdf_obj **trailers;  /* newest first; trailers[0] is the trailer */
	size_t ntrailers;
	ov_pdf_revision *revs;  /* oldest first after open */
	size_t nrevs, arevs;    /* arevs: allocated in revs and trailers */
	size_t startxref;
	int depth;              /* nested ov_pdf_doc_get calls */
	/* the budgets (pdfparse.h): spent so far and the limit */
	size_t nobjs, max_objs;         /* objects made by the parser */
	size_t parsed, max_parsed;      /* source bytes parsed */
	size_t decoded, max_decoded;    /* bytes out of ov_pdf_stream_decode */
	/* the object stream decoded last (one slot), see get_packed */
	long long ostm_num;             /* 0 = none */
	ov_buf ostm;                    /* its decoded data */
	size_t ostm_first, ostm_n;      /* /First, /N */
	packed_obj *ostm_objs;          /* ostm_n entries */
	int unpacking;                  /* reading an object stream's object */
};

static int doc_bad(size_t off, const char *fmt, const char *detail)
{
	return ov_error_set(OV_EINVALID, "PDF offset %zu: %s%s", off, fmt,
			    detail ? detail : "");
}

/* min(ceiling, len * ratio + slack), saturating. */
static size_t budget(size_t len, size_t ratio, size_t divisor, size_t slack,
		     size_t ceiling)
{
	size_t v;

	if (len / divisor > (ceiling - slack) / ratio)
		return ceiling;
	v = len / divisor * ratio + slack;
	return v < ceiling ? v : ceiling;
}

size_t ov_pdf_decode_budget(size_t len)
{
	return budget(len, OV_PDF_DECODE_RATIO, 1, OV_PDF_DECODE_SLACK,
		      OV_PDF_MAX_DECODED);
}

size_t ov_pdf_object_budget(size_t len)
{
	return budget(len, 1, OV_PDF_OBJECT_DIVISOR, OV_PDF_OBJECT_SLACK,
		      OV_PDF_MAX_OBJECTS);
}

size_t ov_pdf_parse_budget(size_t len)
{
	return budget(len, OV_PDF_PARSE_RATIO, 1, OV_PDF_PARSE_SLACK,
		      OV_PDF_MAX_PARSED);
}

/* A lexer over the document at `pos` that charges the object budget. */
static void doc_lexer(lexer *lx, ov_pdf_doc *doc, size_t pos)
{
	lexer_init(lx, doc->data, doc->len, pos);
	lx->nobjs = &doc->nobjs;
	lx->max_objs = doc->max_objs;
}

/* OV_EINVALID if the parse budget is spent (checked before each parse). */
static int parse_budget_left(const ov_pdf_doc *doc, size_t off)
{
	if (doc->parsed < doc->max_parsed)
		return OV_OK;
	return ov_error_set(OV_EINVALID, "PDF offset %zu: the objects take more "
			    "than %zu bytes to parse (the limit for a file of "
			    "%zu bytes)", off, doc->max_parsed, doc->len);
}

/* Charges `n` source bytes parsed (saturating). */
static void charge_parsed(ov_pdf_doc *doc, size_t n)
{
	doc->parsed = n > SIZE_MAX - doc->parsed ? SIZE_MAX : doc->parsed + n;
}

/* Reads "startxref N %%EOF" at the lexer position; *end is just after the
 * EOL that follows %%EOF.  Returns 0 if the pattern is not there. */
static int read_tail(lexer *lx, size_t *xref, size_t *end)
{
	long long v;

	skip_ws(lx);
	if (!at_keyword(lx, "startxref"))
		return 0;
	lx->pos += 9;
	while (lx->pos < lx->len && is_ws(lx->p[lx->pos]))
		lx->pos++;
	if (read_uint(lx, &v) < 0) {
		ov_error_clear();
		return 0;
	}
	*xref = (size_t)v;
	while (lx->pos < lx->len && is_ws(lx->p[lx->pos]))
		lx->pos++;
	if (lx->len - lx->pos < 5 || memcmp(lx->p + lx->pos, "%%EOF", 5))
		return 0;
	lx->pos += 5;
	if (lx->pos < lx->len && lx->p[lx->pos] == '\r')
		lx->pos++;
	if (lx->pos < lx->len && lx->p[lx->pos] == '\n')
		lx->pos++;
	*end = lx->pos;
	return 1;
}

/* Finds the last startxref and checks that %%EOF ends the file. */
static int find_startxref(ov_pdf_doc *doc)
{
	const char *d = doc->data;
	size_t end = doc->len, i, lo;
	long long v;
	lexer lx;

	while (end > 0 && is_ws((unsigned char)d[end - 1]))
		end--;
	if (end < 5 || memcmp(d + end - 5, "%%EOF", 5))
		return doc_bad(doc->len, "truncated: the file does not end with "
			       "%%EOF", NULL);
	lo = end > 1024 + 5 ? end - 1024 - 5 : 0;
	for (i = end - 5; i > lo; i--)
		if (i >= 9 && !memcmp(d + i - 9, "startxref", 9))
			break;
	if (i <= lo || i < 9)
		return doc_bad(end - 5, "truncated: no startxref before the "
			       "final %%EOF", NULL);
	lexer_init(&lx, d, doc->len, i);
	skip_ws(&lx);
	if (read_uint(&lx, &v) < 0)
		return ov_error_prefix("startxref");
	if ((unsigned long long)v >= doc->len)
		return ov_error_set(OV_EINVALID, "PDF offset %zu: startxref %lld "
				    "points outside the file (%zu bytes)", i, v,
				    doc->len);
	doc->startxref = (size_t)v;
	return OV_OK;
}

static int add_entry(ov_pdf_doc *doc, const xref_entry *e)
{
	if (doc->nentries == doc->aentries) {
		size_t want = doc->aentries ? doc->aentries * 2 : 64;
		xref_entry *p;

		if (want > SIZE_MAX / sizeof(*p))
			return ov_error_set(OV_ENOMEM, "out of memory");
		p = realloc(doc->entries, want * sizeof(*p));
		if (!p)
			return ov_error_set(OV_ENOMEM, "out of memory");
		doc->entries = p;
		doc->aentries = want;
	}
	doc->entries[doc->nentries++] = *e;
	return OV_OK;
}

/*
 * Reads "N G obj" at the lexer position and moves past it.  *num and *gen
 * are always written (0 when not read).
 */
static int read_obj_header(lexer *lx, long long *num, long long *gen)
{
	int err;

	*num = *gen = 0;
	if ((err = read_uint(lx, num)) < 0)
		return err;
	skip_ws(lx);
	if ((err = read_uint(lx, gen)) < 0)
		return err;
	skip_ws(lx);
	if (!at_keyword(lx, "obj"))
		return ov_error_set(OV_EINVALID, "PDF offset %zu: expected 'obj'",
				    lx->pos);
	lx->pos += 3;
	return OV_OK;
}

/* Parses "d{10} d{5} [nf]" plus a two-byte end of line at p (20 bytes). */
static int parse_entry(const unsigned char *p, size_t *off, int *gen,
		       int *used)
{
	size_t v = 0;
	int g = 0, i;

	for (i = 0; i < 10; i++) {
		if (p[i] < '0' || p[i] > '9')
			return -1;
		v = v * 10 + (size_t)(p[i] - '0');
	}
	if (p[10] != ' ')
		return -1;
	for (i = 11; i < 16; i++) {
		if (p[i] < '0' || p[i] > '9')
			return -1;
		g = g * 10 + (p[i] - '0');
	}
	if (p[16] != ' ' || (p[17] != 'n' && p[17] != 'f'))
		return -1;
	if (!((p[18] == ' ' && (p[19] == '\r' || p[19] == '\n')) ||
	      (p[18] == '\r' && p[19] == '\n')))
		return -1;
	*off = v;
	*gen = g;
	*used = p[17] == 'n';
	return 0;
}

/* ------------------------------------------------------------------ */
/* Cross-reference streams (ISO 32000-1 7.5.8)                         */

static int read_stream(ov_pdf_doc *doc, ov_pdf_obj *obj, lexer *lx,
		       long long num);

/* 1 if obj is or (one level down) holds a reference. */
static int has_ref(const ov_pdf_obj *obj)
{
	size_t i;

	if (!obj)
		return 0;
	if (obj->type == OV_PDF_REF)
		return 1;
	for (i = 0; i < obj->count; i++)
		if (obj->items[i]->type == OV_PDF_REF)
			return 1;
	return 0;
}

/* The widest field of /W: 8 bytes hold any offset. */
#define XREF_MAX_FIELD 8

/* The big-endian number of `w` bytes at p. */
static unsigned long long xref_field(const unsigned char *p, long long w)
{
	unsigned long long v = 0;

	while (w-- > 0)
		v = v << 8 | *p++;
	return v;
}

/* The /W array of `dict` into w[3]; *row is their sum. */
static int xref_widths(long long w[3], size_t *row, const ov_pdf_obj *dict)
{
	const ov_pdf_obj *a = ov_pdf_dict_get(dict, "W");
	size_t i;

	if (!a || a->type != OV_PDF_ARRAY || a->count != 3)
		return doc_bad(dict->off, "cross-reference stream without a "
			       "/W array of three numbers", NULL);
	*row = 0;
	for (i = 0; i < 3; i++) {
		if (a->items[i]->type != OV_PDF_INT || a->items[i]->num < 0 ||
		    a->items[i]->num > XREF_MAX_FIELD ||
		    (i == 1 && a->items[i]->num == 0))
			return doc_bad(a->items[i]->off, "cross-reference stream "
				       "/W entries must be 0 to 8 bytes (the "
				       "second at least 1)", NULL);
		w[i] = a->items[i]->num;
		*row += (size_t)w[i];
	}
	return OV_OK;
}

/* One entry of a cross-reference stream: the fields f[3] of object num. */
static int xref_stream_entry(ov_pdf_doc *doc, size_t at, size_t rev,
			     long long num, const long long w[3],
			     const unsigned long long f[3])
{
	unsigned long long type = w[0] ? f[0] : 1;
	xref_entry e;

	memset(&e, 0, sizeof(e));
	e.num = num;
	e.rev = rev;
	if (type == 1) {
		if (f[1] >= doc->len || f[2] > 65535)
			return ov_error_set(OV_EINVALID, "PDF offset %zu: cross-"
					    "reference stream entry for object "
					    "%lld points outside the file", at,
					    num);
		e.off = (size_t)f[1];
		e.gen = (int)f[2];
		e.used = 1;
	} else if (type == 2) {
		if (f[1] < 1 || f[1] > OV_PDF_MAX_OBJNUM ||
		    (long long)f[1] == num || f[2] > OV_PDF_MAX_OBJNUM)
			return ov_error_set(OV_EINVALID, "PDF offset %zu: cross-"
					    "reference stream entry for object "
					    "%lld names no valid object stream",
					    at, num);
		e.stm = (long long)f[1];
		e.idx = (size_t)f[2];
		e.packed = 1;
		e.used = 1;
	}
	/* type 0 is free; other types mean the null object (7.5.8.3) */
	return add_entry(doc, &e);
}

/* The entries of the decoded data `d` along /Index. */
static int xref_stream_entries(ov_pdf_doc *doc, const ov_pdf_obj *dict,
			       const ov_buf *d, size_t rev)
{
	const ov_pdf_obj *size = ov_pdf_dict_get(dict, "Size");
	const ov_pdf_obj *index = ov_pdf_dict_get(dict, "Index");
	long long w[3];
	size_t row = 0, pos = 0, i, n;
	int err;

	if ((err = xref_widths(w, &row, dict)) < 0)
		return err;
	if (!size || size->type != OV_PDF_INT || size->num < 0 ||
	    size->num > OV_PDF_MAX_OBJNUM + 1)
		return doc_bad(dict->off, "cross-reference stream without a "
			       "valid /Size", NULL);
	if (index && (index->type != OV_PDF_ARRAY || index->count % 2))
		return doc_bad(index->off, "cross-reference stream /Index is "
			       "not an array of number pairs", NULL);
	n = index ? index->count / 2 : 1;
	for (i = 0; i < n; i++) {
		long long start = 0, count = size->num, k;

		if (index) {
			const ov_pdf_obj *a = index->items[2 * i];
			const ov_pdf_obj *b = index->items[2 * i + 1];

			if (a->type != OV_PDF_INT || b->type != OV_PDF_INT ||
			    a->num < 0 || b->num < 0)
				return doc_bad(a->off, "cross-reference stream "
					       "/Index is not an array of number "
					       "pairs", NULL);
			start = a->num;
			count = b->num;
		}
		if (start > OV_PDF_MAX_OBJNUM || count > OV_PDF_MAX_OBJNUM + 1 - start)
			return ov_error_set(OV_EINVALID, "PDF offset %zu: cross-"
					    "reference stream subsection %lld %lld "
					    "exceeds the object number limit",
					    dict->off, start, count);
		if ((unsigned long long)count > (d->size - pos) / row)
			return ov_error_set(OV_EINVALID, "PDF offset %zu: cross-"
					    "reference stream subsection %lld %lld "
					    "needs more than its %zu bytes of "
					    "data", dict->off, start, count,
					    d->size);
		/* decoded rows can be many more than the file's bytes */
		if (doc->nentries > doc->max_objs ||
		    (unsigned long long)count > doc->max_objs - doc->nentries)
			return ov_error_set(OV_EINVALID, "PDF offset %zu: cross-"
					    "reference streams with more than %zu "
					    "entries (the limit for a file of %zu "
					    "bytes)", dict->off, doc->max_objs,
					    doc->len);
		for (k = 0; k < count; k++) {
			const unsigned char *p = (const unsigned char *)d->ptr + pos;
			unsigned long long f[3];

			f[0] = xref_field(p, w[0]);
			f[1] = xref_field(p + w[0], w[1]);
			f[2] = xref_field(p + w[0] + w[1], w[2]);
			if ((err = xref_stream_entry(doc, dict->off, rev,
						     start + k, w, f)) < 0)
				return err;
			pos += row;
		}
	}
	return OV_OK;
}

/*
 * The cross-reference stream object `num` whose "N G obj" header the lexer
 * has just read (at `off`, for revision `rev`): its dictionary becomes the
 * revision's trailer.  Its /Length must be a direct number (nothing can be
 * looked up before the cross-reference is read).
 */
static int parse_xref_stream(ov_pdf_doc *doc, lexer *lx, size_t off,
			     size_t rev, long long num)
{
	ov_pdf_obj *dict = NULL, *length;
	ov_buf data = OV_BUF_INIT;
	size_t start = lx->pos, xref, end;
	int err;

	if ((err = parse_budget_left(doc, start)) < 0)
		return err;
	err = parse_value(&dict, lx, 0);
	charge_parsed(doc, lx->pos - start);
	if (err < 0)
		return ov_error_prefix("cross-reference stream");
	skip_ws(lx);
	if (dict->type != OV_PDF_DICT || !at_keyword(lx, "stream") ||
	    !ov_pdf_is_name(ov_pdf_dict_get(dict, "Type"), "XRef")) {
		err = doc_bad(off, "neither an xref table nor a cross-reference "
			      "stream (/Type /XRef) here (startxref or /Prev "
			      "points at the wrong place?)", NULL);
		goto done;
	}
	/* nothing can be looked up before the cross-reference is read */
	length = ov_pdf_dict_get(dict, "Length");
	if (!length || length->type != OV_PDF_INT ||
	    has_ref(ov_pdf_dict_get(dict, "Filter")) ||
	    has_ref(ov_pdf_dict_get(dict, "DecodeParms"))) {
		err = doc_bad(dict->off, "the /Length, /Filter and /DecodeParms "
			      "of a cross-reference stream must be direct "
			      "objects", NULL);
		goto done;
	}
	if ((err = read_stream(doc, dict, lx, num)) < 0)
		goto done;
	skip_ws(lx);
	if (!at_keyword(lx, "endobj")) {
		err = ov_error_set(OV_EINVALID, "PDF offset %zu: cross-reference "
				   "stream %lld does not end with endobj",
				   lx->pos, num);
		goto done;
	}
	lx->pos += 6;
	if ((err = ov_pdf_stream_decode(&data, doc, dict, OV_PDF_MAX_STREAM)) < 0) {
		err = ov_error_prefix("cross-reference stream %lld", num);
		goto done;
	}
	if ((err = xref_stream_entries(doc, dict, &data, rev)) < 0)
		goto done;
	doc->trailers[doc->ntrailers++] = dict;
	dict = NULL;
	doc->revs[rev].xref_off = off;
	doc->revs[rev].xref_obj = num;
	doc->revs[rev].end = read_tail(lx, &xref, &end) ? end : 0;
done:
	ov_buf_dispose(&data);
	ov_pdf_obj_free(dict);
	return err;
}

/* Parses the xref table at `off` for revision `rev` (0 = newest) and its
 * trailer; the trailer is added to doc->trailers and the revision's end is
 * recorded in doc->revs[rev]. */
static int parse_xref(ov_pdf_doc *doc, size_t off, size_t rev)
{
	lexer lx;
	ov_pdf_obj *trailer = NULL;
	size_t xref, end, tstart;
	int err;

	doc_lexer(&lx, doc, off);
	if (!at_keyword(&lx, "xref")) {
		long long n, g;

		/* "N G obj" here is a cross-reference stream */
		if (read_obj_header(&lx, &n, &g) == OV_OK)
			return parse_xref_stream(doc, &lx, off, rev, n);
		ov_error_clear();
		return doc_bad(off, "expected 'xref' (startxref or /Prev points "
			       "at the wrong place)", NULL);
	}
	lx.pos += 4;
	for (;;) {
		long long start, count, i;
		size_t hdr;

		skip_ws(&lx);
		if (at_keyword(&lx, "trailer")) {
			lx.pos += 7;
			break;
		}
		hdr = lx.pos;
		if (read_uint(&lx, &start) < 0)
			return ov_error_set(OV_EINVALID, "PDF offset %zu: malformed "
					    "xref subsection header", hdr);
		while (lx.pos < lx.len && (lx.p[lx.pos] == ' ' ||
					   lx.p[lx.pos] == '\t'))
			lx.pos++;
		if (read_uint(&lx, &count) < 0)
			return ov_error_set(OV_EINVALID, "PDF offset %zu: malformed "
					    "xref subsection header", hdr);
		if (start > OV_PDF_MAX_OBJNUM || count > OV_PDF_MAX_OBJNUM + 1 - start)
			return ov_error_set(OV_EINVALID, "PDF offset %zu: xref "
					    "subsection %lld %lld exceeds the object "
					    "number limit", hdr, start, count);
		/* the header line ends with an end of line */
		while (lx.pos < lx.len && (lx.p[lx.pos] == ' ' ||
					   lx.p[lx.pos] == '\t'))
			lx.pos++;
		if (lx.pos < lx.len && lx.p[lx.pos] == '\r')
			lx.pos++;
		if (lx.pos < lx.len && lx.p[lx.pos] == '\n')
			lx.pos++;
		if ((unsigned long long)count > (lx.len - lx.pos) / 20)
			return ov_error_set(OV_EINVALID, "PDF offset %zu: xref "
					    "subsection of %lld entries runs past "
					    "the end of the file", hdr, count);
		for (i = 0; i < count; i++) {
			xref_entry e;

			memset(&e, 0, sizeof(e));
			if (parse_entry(lx.p + lx.pos, &e.off, &e.gen, &e.used) < 0)
				return ov_error_set(OV_EINVALID, "PDF offset %zu: "
						    "malformed xref entry for "
						    "object %lld", lx.pos, start + i);
			if (e.used && (e.off >= doc->len || e.gen > 65535))
				return ov_error_set(OV_EINVALID, "PDF offset %zu: "
						    "xref entry for object %lld "
						    "points outside the file",
						    lx.pos, start + i);
			e.num = start + i;
			e.rev = rev;
			if ((err = add_entry(doc, &e)) < 0)
				return err;
			lx.pos += 20;
		}
	}
	tstart = lx.pos;
	if ((err = parse_budget_left(doc, tstart)) < 0)
		return err;
	err = parse_value(&trailer, &lx, 0);
	charge_parsed(doc, lx.pos - tstart);
	if (err < 0)
		return ov_error_prefix("trailer");
	if (trailer->type != OV_PDF_DICT) {
		size_t at = trailer->off;

		ov_pdf_obj_free(trailer);
		return doc_bad(at, "trailer is not a dictionary", NULL);
	}
	doc->trailers[doc->ntrailers++] = trailer;
	doc->revs[rev].xref_off = off;
	doc->revs[rev].xref_obj = 0;
	doc->revs[rev].end = read_tail(&lx, &xref, &end) ? end : 0;
	return OV_OK;
}

static int entry_cmp(const void *a, const void *b)
{
	const xref_entry *x = a, *y = b;

	if (x->num != y->num)
		return x->num < y->num ? -1 : 1;
	if (x->rev != y->rev)
		return x->rev < y->rev ? -1 : 1;
	return 0;
}

static xref_entry *find_entry(const ov_pdf_doc *doc, long long num)
{
	size_t lo = 0, hi = doc->nentries;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (doc->entries[mid].num == num)
			return &doc->entries[mid];
		if (doc->entries[mid].num < num)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The most revisions (incremental updates plus one) a file may have. */
#define MAX_REVISIONS 10000

/* Room for one more revision and its trailer. */
static int grow_revisions(ov_pdf_doc *doc)
{
	size_t want;
	ov_pdf_revision *revs;
	ov_pdf_obj **trailers;

	if (doc->nrevs < doc->arevs)
		return OV_OK;
	want = doc->arevs ? doc->arevs * 2 : 8;
	if (!(revs = realloc(doc->revs, want * sizeof(*revs))))
		return ov_error_set(OV_ENOMEM, "out of memory");
	doc->revs = revs;
	if (!(trailers = realloc(doc->trailers, want * sizeof(*trailers))))
		return ov_error_set(OV_ENOMEM, "out of memory");
	doc->trailers = trailers;
	doc->arevs = want;
	return OV_OK;
}

/*
 * Each object in an object stream gets the offset of that stream's object,
 * which must be an object in the file (not itself packed).
 */
static int place_packed(ov_pdf_doc *doc)
{
	size_t i;

	for (i = 0; i < doc->nentries; i++) {
		xref_entry *e = &doc->entries[i];
		const xref_entry *s;

		if (!e->packed)
			continue;
		s = find_entry(doc, e->stm);
		if (!s || !s->used || s->packed)
			return ov_error_set(OV_EINVALID, "PDF offset %zu: object "
					    "%lld lies in object stream %lld, "
					    "which is not an object in the file",
					    doc->revs[e->rev].xref_off, e->num,
					    e->stm);
		e->off = s->off;
	}
	return OV_OK;
}

int ov_pdf_doc_open(ov_pdf_doc **out, const char *data, size_t len)
{
	ov_pdf_doc *doc = NULL;
	size_t off, i, j;
	const ov_pdf_obj *root, *size;
	int err = OV_OK;

	*out = NULL;
	if (len < 8 || memcmp(data, "%PDF-", 5))
		return ov_error_set(OV_EINVALID, "PDF offset 0: not a PDF (no "
				    "%%PDF- header)");
	if (!(doc = calloc(1, sizeof(*doc))))
		return ov_error_set(OV_ENOMEM, "out of memory");
	doc->data = data;
	doc->len = len;
	doc->max_objs = ov_pdf_object_budget(len);
	doc->max_parsed = ov_pdf_parse_budget(len);
	doc->max_decoded = ov_pdf_decode_budget(len);
	if ((err = find_startxref(doc)) < 0)
		goto done;
	off = doc->startxref;
	for (;;) {
		const ov_pdf_obj *prev;

		for (i = 0; i < doc->nrevs; i++)
			if (doc->revs[i].xref_off == off) {
				err = doc_bad(off, "the /Prev chain loops", NULL);
				goto done;
			}
		if (doc->nrevs == MAX_REVISIONS) {
			err = doc_bad(off, "too many revisions", NULL);
			goto done;
		}
		if ((err = grow_revisions(doc)) < 0 ||
		    (err = parse_xref(doc, off, doc->nrevs)) < 0)
			goto done;
		doc->nrevs++;
		prev = ov_pdf_dict_get(doc->trailers[doc->ntrailers - 1], "Prev");
		if (!prev)
			break;
		if (prev->type != OV_PDF_INT || prev->num < 0 ||
		    (unsigned long long)prev->num >= len) {
			err = doc_bad(prev->off, "/Prev is not an offset inside "
				      "the file", NULL);
			goto done;
		}
		off = (size_t)prev->num;
	}
	/* the newest revision ends at the end of the file */
	doc->revs[0].end = len;
	root = ov_pdf_dict_get(doc->trailers[0], "Root");
	size = ov_pdf_dict_get(doc->trailers[0], "Size");
	if (!root || root->type != OV_PDF_REF) {
		err = doc_bad(doc->trailers[0]->off, "trailer has no /Root "
			      "reference", NULL);
		goto done;
	}
	if (!size || size->type != OV_PDF_INT || size->num < 1 ||
	    size->num > OV_PDF_MAX_OBJNUM + 1) {
		err = doc_bad(doc->trailers[0]->off, "trailer has no valid /Size",
			      NULL);
		goto done;
	}
	/* newest entry per object number wins */
	if (doc->nentries)
		qsort(doc->entries, doc->nentries, sizeof(*doc->entries), entry_cmp);
	for (i = 0, j = 0; i < doc->nentries; i++) {
		/* one object listed twice in one section: readers differ on
		 * which entry counts, so the file means two things */
		if (i && doc->entries[i - 1].num == doc->entries[i].num &&
		    doc->entries[i - 1].rev == doc->entries[i].rev) {
			err = doc_bad(doc->revs[doc->nrevs - 1 - doc->entries[i].rev].xref_off,
				      "an object is listed twice in one cross-reference section",
				      NULL);
			goto done;
		}
		if (j == 0 || doc->entries[j - 1].num != doc->entries[i].num)
			doc->entries[j++] = doc->entries[i];
	}
	doc->nentries = j;
	if ((err = place_packed(doc)) < 0)
		goto done;
	/* revisions oldest first */
	for (i = 0; i < doc->nrevs / 2; i++) {
		ov_pdf_revision t = doc->revs[i];

		doc->revs[i] = doc->revs[doc->nrevs - 1 - i];
		doc->revs[doc->nrevs - 1 - i] = t;
	}
done:
	if (err < 0) {
		ov_pdf_doc_free(doc);
		return err;
	}
	*out = doc;
	return OV_OK;
}

void ov_pdf_doc_free(ov_pdf_doc *doc)
{
	size_t i;

	if (!doc)
		return;
	for (i = 0; i < doc->nentries; i++)
		ov_pdf_obj_free(doc->entries[i].obj);
	for (i = 0; i < doc->ntrailers; i++)
		ov_pdf_obj_free(doc->trailers[i]);
	free(doc->entries);
	free(doc->trailers);
	free(doc->revs);
	ov_buf_dispose(&doc->ostm);
	free(doc->ostm_objs);
	free(doc);
}

void ov_pdf_doc_usage(const ov_pdf_doc *doc, size_t *objects, size_t *parsed,
		      size_t *decoded)
{
	*objects = doc->nobjs;
	*parsed = doc->parsed;
	*decoded = doc->decoded;
}

const ov_pdf_obj *ov_pdf_doc_trailer(const ov_pdf_doc *doc)
{
	return doc->trailers[0];
}

size_t ov_pdf_doc_startxref(const ov_pdf_doc *doc)
{
	return doc->startxref;
}

const ov_pdf_revision *ov_pdf_doc_revisions(const ov_pdf_doc *doc,
					    size_t *count)
{
	*count = doc->nrevs;
	return doc->revs;
}

int ov_pdf_doc_locate(size_t *off, int *gen, const ov_pdf_doc *doc,
		      long long num)
{
	const xref_entry *e = find_entry(doc, num);

	if (!e || !e->used)
		return ov_error_set(OV_ENOTFOUND, "PDF: object %lld is not in "
				    "the cross-reference table", num);
	*off = e->off;
	*gen = e->gen;
	return OV_OK;
}

int ov_pdf_doc_packed(long long *stm, size_t *idx, const ov_pdf_doc *doc,
		      long long num)
{
	const xref_entry *e = find_entry(doc, num);

	*stm = 0;
	*idx = 0;
	if (!e || !e->used || !e->packed)
		return 0;
	*stm = e->stm;
	*idx = e->idx;
	return 1;
}

/* Reads the stream data after the "stream" keyword at lx->pos. */
static int read_stream(ov_pdf_doc *doc, ov_pdf_obj *obj, lexer *lx,
		       long long num)
{
	ov_pdf_obj *length = ov_pdf_dict_get(obj, "Length");
	long long n;
	int err;

	lx->pos += 6;
	if (lx->pos < lx->len && lx->p[lx->pos] == '\r')
		lx->pos++;
	if (lx->pos < lx->len && lx->p[lx->pos] == '\n')
		lx->pos++;
	if (length && length->type == OV_PDF_REF) {
		if ((err = ov_pdf_doc_resolve(&length, doc, length)) < 0)
			return ov_error_prefix("/Length of object %lld", num);
	}
	if (!length || length->type != OV_PDF_INT || length->num < 0)
		return ov_error_set(OV_EINVALID, "PDF offset %zu: stream of object "
				    "%lld has no valid /Length", obj->off, num);
	n = length->num;
	if ((unsigned long long)n > lx->len - lx->pos)
		return ov_error_set(OV_EINVALID, "PDF offset %zu: stream of object "
				    "%lld (/Length %lld) runs past the end of the "
				    "file", lx->pos, num, n);
	obj->type = OV_PDF_STREAM;
	obj->data_off = lx->pos;
	obj->data_len = (size_t)n;
	lx->pos += (size_t)n;
	skip_ws(lx);
	if (!at_keyword(lx, "endstream"))
		return ov_error_set(OV_EINVALID, "PDF offset %zu: stream of object "
				    "%lld does not end with endstream at /Length "
				    "%lld", lx->pos, num, n);
	lx->pos += 9;
	return OV_OK;
}

static int parse_indirect(ov_pdf_obj **out, ov_pdf_doc *doc,
			  const xref_entry *e)
{
	lexer lx;
	long long n, g;
	ov_pdf_obj *obj = NULL;
	int err;

	if ((err = parse_budget_left(doc, e->off)) < 0)
		return err;
	doc_lexer(&lx, doc, e->off);
	if (read_obj_header(&lx, &n, &g) < 0 || n != e->num || g != e->gen) {
		charge_parsed(doc, lx.pos - e->off);
		return ov_error_set(OV_EINVALID, "PDF offset %zu: xref entry for "
				    "object %lld does not point at '%lld %d obj'",
				    e->off, e->num, e->num, e->gen);
	}
	if ((err = parse_value(&obj, &lx, 0)) < 0) {
		charge_parsed(doc, lx.pos - e->off);
		return ov_error_prefix("object %lld", e->num);
	}
	skip_ws(&lx);
	if (at_keyword(&lx, "stream")) {
		if (obj->type != OV_PDF_DICT) {
			err = ov_error_set(OV_EINVALID, "PDF offset %zu: stream of "
					   "object %lld without a dictionary",
					   lx.pos, e->num);
			goto done;
		}
		if ((err = read_stream(doc, obj, &lx, e->num)) < 0)
			goto done;
		skip_ws(&lx);
	}
	if (!at_keyword(&lx, "endobj")) {
		err = ov_error_set(OV_EINVALID, "PDF offset %zu: object %lld "
				   "does not end with endobj", lx.pos, e->num);
		goto done;
	}
done:
	/* stream data is not parsed (the decode budget covers it) */
	charge_parsed(doc, lx.pos - e->off -
		      (obj->type == OV_PDF_STREAM ? obj->data_len : 0));
	if (err < 0) {
		ov_pdf_obj_free(obj);
		return err;
	}
	*out = obj;
	return OV_OK;
}

/* ------------------------------------------------------------------ */
/* Object streams (ISO 32000-1 7.5.7)                                  */

/* Objects of an object stream get its offset in the file as theirs, so
 * that messages name a place in the file. */
static void place_obj(ov_pdf_obj *obj, size_t off)
{
	size_t i;

	obj->off = obj->end = off;
	for (i = 0; i < obj->count; i++)
		place_obj(obj->items[i], off);
}

/* The header of the decoded object stream in doc->ostm: /N pairs of
 * object number and offset before /First. */
static int read_ostm_header(ov_pdf_doc *doc, const ov_pdf_obj *stm,
			    long long snum, long long n, long long first)
{
	lexer lx;
	size_t i;

	if ((unsigned long long)first > doc->ostm.size ||
	    (unsigned long long)n > ((size_t)first + 1) / 4)
		return ov_error_set(OV_EINVALID, "PDF offset %zu: object stream "
				    "%lld: /N %lld and /First %lld do not fit "
				    "its %zu bytes", stm->off, snum, n, first,
				    doc->ostm.size);
	if (n && !(doc->ostm_objs = calloc((size_t)n, sizeof(*doc->ostm_objs))))
		return ov_error_set(OV_ENOMEM, "out of memory");
	lexer_init(&lx, doc->ostm.ptr, (size_t)first, 0);
	for (i = 0; i < (size_t)n; i++) {
		long long num, off;

		int bad;

		skip_ws(&lx);
		bad = read_uint(&lx, &num) < 0;
		skip_ws(&lx);
		if (bad || read_uint(&lx, &off) < 0 || num < 1 || num > OV_PDF_MAX_OBJNUM ||
		    (unsigned long long)off > doc->ostm.size - (size_t)first) {
			ov_error_clear();
			return ov_error_set(OV_EINVALID, "PDF offset %zu: object "
					    "stream %lld: entry %zu of its header "
					    "is not an object number and an offset "
					    "inside the stream", stm->off, snum, i);
		}
		doc->ostm_objs[i].num = num;
		doc->ostm_objs[i].off = (size_t)first + (size_t)off;
	}
	charge_parsed(doc, (size_t)first);
	doc->ostm_first = (size_t)first;
	doc->ostm_n = (size_t)n;
	return OV_OK;
}

/*
 * Decodes object stream `snum` into the document's one slot (unless it is
 * there already).  The stream is read with doc->unpacking set, so that
 * reaching another packed object on the way (its /Length, say) is an
 * error, not a recursion into a second object stream.
 */
static int load_ostm(ov_pdf_doc *doc, long long snum)
{
	ov_pdf_obj *stm = NULL, *n, *first;
	int err;

	if (doc->ostm_num == snum)
		return OV_OK;
	doc->ostm_num = 0;
	ov_buf_clear(&doc->ostm);
	free(doc->ostm_objs);
	doc->ostm_objs = NULL;
	doc->ostm_n = 0;
	doc->unpacking = 1;
	err = ov_pdf_doc_get(&stm, doc, snum);
	if (err == OV_OK && (stm->type != OV_PDF_STREAM ||
			     !ov_pdf_is_name(ov_pdf_dict_get(stm, "Type"), "ObjStm")))
		err = ov_error_set(OV_EINVALID, "PDF offset %zu: object %lld is "
				   "not an object stream (/Type /ObjStm)",
				   stm->off, snum);
	if (err == OV_OK)
		err = ov_pdf_stream_decode(&doc->ostm, doc, stm, OV_PDF_MAX_STREAM);
	doc->unpacking = 0;
	if (err < 0)
		return err == OV_ENOMEM ? err : ov_error_prefix("object stream %lld", snum);
	n = ov_pdf_dict_get(stm, "N");
	first = ov_pdf_dict_get(stm, "First");
	if (!n || n->type != OV_PDF_INT || n->num < 0 || !first ||
	    first->type != OV_PDF_INT || first->num < 0)
		return ov_error_set(OV_EINVALID, "PDF offset %zu: object stream "
				    "%lld without valid /N and /First",
				    stm->off, snum);
	if ((err = read_ostm_header(doc, stm, snum, n->num, first->num)) < 0)
		return err;
	doc->ostm_num = snum;
	return OV_OK;
}

/* Parses packed object e->num from its object stream. */
static int parse_packed(ov_pdf_obj **out, ov_pdf_doc *doc, const xref_entry *e)
{
	const packed_obj *p;
	ov_pdf_obj *obj = NULL;
	lexer lx;
	int err;

	*out = NULL;
	if (doc->unpacking)
		return ov_error_set(OV_EINVALID, "PDF offset %zu: object %lld lies "
				    "in object stream %lld and is needed to read "
				    "another object stream", e->off, e->num, e->stm);
	if ((err = load_ostm(doc, e->stm)) < 0)
		return err;
	if (e->idx >= doc->ostm_n || doc->ostm_objs[e->idx].num != e->num)
		return ov_error_set(OV_EINVALID, "PDF offset %zu: object %lld is "
				    "not entry %zu of object stream %lld", e->off,
				    e->num, e->idx, e->stm);
	p = &doc->ostm_objs[e->idx];
	if ((err = parse_budget_left(doc, e->off)) < 0)
		return err;
	lexer_init(&lx, doc->ostm.ptr, doc->ostm.size, p->off);
	lx.nobjs = &doc->nobjs;
	lx.max_objs = doc->max_objs;
	err = parse_value(&obj, &lx, 0);
	charge_parsed(doc, lx.pos - p->off);
	if (err < 0)
		return ov_error_prefix("PDF offset %zu: object %lld in object "
				       "stream %lld", e->off, e->num, e->stm);
	place_obj(obj, e->off);
	*out = obj;
	return OV_OK;
}

int ov_pdf_doc_get(ov_pdf_obj **out, ov_pdf_doc *doc, long long num)
{
	xref_entry *e = find_entry(doc, num);
	int err;

	*out = NULL;
	if (!e || !e->used)
		return ov_error_set(OV_ENOTFOUND, "PDF: object %lld is not in "
				    "the cross-reference table", num);
	if (e->obj) {
		*out = e->obj;
		return OV_OK;
	}
	if (e->busy || doc->depth >= 8)
		return ov_error_set(OV_EINVALID, "PDF offset %zu: object %lld "
				    "refers to itself", e->off, num);
	e->busy = 1;
	doc->depth++;
	err = e->packed ? parse_packed(&e->obj, doc, e) :
	      parse_indirect(&e->obj, doc, e);
	doc->depth--;
	e->busy = 0;
	if (err < 0)
		return err;
	*out = e->obj;
	return OV_OK;
}

int ov_pdf_doc_resolve(ov_pdf_obj **out, ov_pdf_doc *doc, ov_pdf_obj *obj)
{
	int err;

	*out = obj;
	if (!obj || obj->type != OV_PDF_REF)
		return OV_OK;
	err = ov_pdf_doc_get(out, doc, obj->num);
	if (err == OV_ENOTFOUND) {
		ov_error_clear();
		*out = NULL;
		return OV_OK;
	}
	return err;
}

int ov_pdf_doc_catalog(ov_pdf_obj **out, ov_pdf_doc *doc)
{
	ov_pdf_obj *root = ov_pdf_dict_get(doc->trailers[0], "Root");
	int err;

	*out = NULL;
	if ((err = ov_pdf_doc_resolve(out, doc, root)) < 0)
		return err;
	if (!*out || (*out)->type != OV_PDF_DICT)
		return ov_error_set(OV_EINVALID, "PDF offset %zu: /Root is not "
				    "a dictionary", root->off);
	return OV_OK;
}

typedef struct page_walk {
	long long *nums;
	size_t count, alloc, visits;
} page_walk;

static int walk_pages(page_walk *w, ov_pdf_doc *doc, const ov_pdf_obj *ref,
		      int depth)
{
	ov_pdf_obj *node = NULL, *kids = NULL, *type;
	size_t i;
	int err;

	if (!ref || ref->type != OV_PDF_REF)
		return ov_error_set(OV_EINVALID, "PDF offset %zu: page tree "
				    "entry is not a reference",
				    ref ? ref->off : 0);
	if (depth > 32 || ++w->visits > doc->nentries)
		return ov_error_set(OV_EINVALID, "PDF offset %zu: page tree "
				    "loops or is too deep", ref->off);
	if ((err = ov_pdf_doc_get(&node, doc, ref->num)) < 0)
		return err;
	if (node->type != OV_PDF_DICT)
		return ov_error_set(OV_EINVALID, "PDF offset %zu: page tree node "
				    "%lld is not a dictionary", node->off, ref->num);
	type = ov_pdf_dict_get(node, "Type");
	if (ov_pdf_is_name(type, "Page")) {
		if (w->count == w->alloc) {
			size_t want = w->alloc ? w->alloc * 2 : 16;
			long long *p = realloc(w->nums, want * sizeof(*p));

			if (!p)
				return ov_error_set(OV_ENOMEM, "out of memory");
			w->nums = p;
			w->alloc = want;
		}
		w->nums[w->count++] = ref->num;
		return OV_OK;
	}
	if ((err = ov_pdf_doc_resolve(&kids, doc, ov_pdf_dict_get(node, "Kids"))) < 0)
		return err;
	if (!ov_pdf_is_name(type, "Pages") || !kids || kids->type != OV_PDF_ARRAY)
		return ov_error_set(OV_EINVALID, "PDF offset %zu: page tree node "
				    "%lld is neither /Page nor /Pages with /Kids",
				    node->off, ref->num);
	for (i = 0; i < kids->count; i++)
		if ((err = walk_pages(w, doc, kids->items[i], depth + 1)) < 0)
			return err;
	return OV_OK;
}

int ov_pdf_doc_pages(long long **nums, size_t *count, ov_pdf_doc *doc)
{
	ov_pdf_obj *cat = NULL;
	page_walk w;
	int err;

	*nums = NULL;
	*count = 0;
	memset(&w, 0, sizeof(w));
	if ((err = ov_pdf_doc_catalog(&cat, doc)) < 0)
		return err;
	if ((err = walk_pages(&w, doc, ov_pdf_dict_get(cat, "Pages"), 0)) < 0) {
		free(w.nums);
		return err;
	}
	*nums = w.nums;
	*count = w.count;
	return OV_OK;
}

/* Charges `n` decoded bytes (saturating). */
static void charge_decoded(ov_pdf_doc *doc, size_t n)
{
	doc->decoded = n > SIZE_MAX - doc->decoded ? SIZE_MAX : doc->decoded + n;
}

/* The refusal when a stream would pass the caller's `max` (OV_ENOMEM, as
 * documented) or what is left of the decode budget (OV_EINVALID). */
static int decode_over(const ov_pdf_doc *doc, const ov_pdf_obj *stream,
		       size_t max, int by_budget)
{
	if (!by_budget)
		return ov_error_set(OV_ENOMEM, "PDF offset %zu: decoded stream "
				    "exceeds %zu bytes", stream->off, max);
	return ov_error_set(OV_EINVALID, "PDF offset %zu: the streams inflate "
			    "to more than %zu bytes (the limit for a file of %zu "
			    "bytes)", stream->off, doc->max_decoded, doc->len);
}

int ov_pdf_stream_decode(ov_buf *out, ov_pdf_doc *doc,
			 const ov_pdf_obj *stream, size_t max)
{
	ov_pdf_obj *filter = NULL, *parms = NULL, *pred;
	size_t left, lim, made = 0;
	int err, by_budget;

	if (!stream || stream->type != OV_PDF_STREAM)
		return ov_error_set(OV_EINVALID, "PDF: not a stream");
	if ((err = ov_pdf_doc_resolve(&filter, doc,
				      ov_pdf_dict_get(stream, "Filter"))) < 0 ||
	    (err = ov_pdf_doc_resolve(&parms, doc,
				      ov_pdf_dict_get(stream, "DecodeParms"))) < 0)
		return err;
	if (filter && filter->type == OV_PDF_ARRAY && filter->count == 1)
		filter = filter->items[0];
	if (filter && filter->type == OV_PDF_ARRAY && filter->count == 0)
		filter = NULL;
	if (parms && parms->type == OV_PDF_ARRAY)
		parms = parms->count == 1 ? parms->items[0] : NULL;
	/* the tighter of the caller's ceiling and the budget left */
	left = doc->decoded < doc->max_decoded ?
	       doc->max_decoded - doc->decoded : 0;
	by_budget = left <= max;
	lim = by_budget ? left : max;
	if (!filter) {
		if (stream->data_len > lim)
			return decode_over(doc, stream, max, by_budget);
		if ((err = ov_buf_put(out, "", 0)) < 0 ||
		    (err = ov_buf_put(out, doc->data + stream->data_off,
				      stream->data_len)) < 0)
			return err;
		charge_decoded(doc, stream->data_len);
		return OV_OK;
	}
	if (!ov_pdf_is_name(filter, "FlateDecode"))
		return ov_error_set(OV_EINVALID, "PDF offset %zu: unsupported "
				    "stream filter", stream->off);
	pred = ov_pdf_dict_get(parms, "Predictor");
	if (pred && !(pred->type == OV_PDF_INT && pred->num == 1))
		return ov_error_set(OV_EINVALID, "PDF offset %zu: unsupported "
				    "/Predictor in stream", stream->off);
	err = inflate_some(out, doc->data + stream->data_off, stream->data_len,
			   lim, &made);
	charge_decoded(doc, made);
	if (err == INF_OVER)
		return decode_over(doc, stream, max, by_budget);
	if (err < 0)
		return ov_error_prefix("PDF offset %zu: stream",
				       stream->data_off);
	return OV_OK;
}

size_t ov_pdf_doc_count(const ov_pdf_doc *doc)
{
	return doc->nentries;
}

int ov_pdf_doc_entry(const ov_pdf_doc *doc, size_t i, long long *num,
		     size_t *off, int *gen, int *used)
{
	if (i >= doc->nentries)
		return ov_error_set(OV_ENOTFOUND, "PDF: no cross-reference entry %zu", i);
	*num = doc->entries[i].num;
	*off = doc->entries[i].off;
	*gen = doc->entries[i].gen;
	*used = doc->entries[i].used;
	return OV_OK;
}
