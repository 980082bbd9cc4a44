/*
 * pdfparse.c - the minimal PDF reader (see pdfparse.h).
 *
 * Owns: the object model and its serialisation, the tokenizer/parser for
 * direct objects, the file structure reader (header, startxref, classic
 * xref tables along the /Prev chain, trailers, revision ends), lazy object
 * lookup with a per-document cache, the page list, and a bounded decoder
 * for FlateDecode streams (RFC 1950/1951) so that no zlib is needed.
 *
 * Hostile input rules kept throughout: positions only move forward inside
 * [0, len); every number read from the file is range-checked before it is
 * used as an offset, count or size; recursion is bounded (OV_PDF_MAX_DEPTH
 * for nesting, a small limit for /Length chains and the page tree); every
 * failure is OV_EINVALID with "PDF offset N: ...".
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "overens/error.h"
#include "pdfparse.h"

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

static int obj_reserve(ov_pdf_obj *obj, int with_keys)
{
	size_t want;
	ov_pdf_obj **items;
	char **keys;

	if (obj->count % 8)
		return OV_OK;
	if (obj->count > SIZE_MAX / sizeof(void *) - 8)
		return ov_error_set(OV_ENOMEM, "out of memory");
	want = obj->count + 8;
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
		if ((err = ov_buf_putc(out, '<')) < 0)
			return err;
		for (i = 0; i < len; i++)
			if ((err = ov_buf_printf(out, "%02X", s[i])) < 0)
				return err;
		return ov_buf_putc(out, '>');
	}
	if ((err = ov_buf_putc(out, '(')) < 0)
		return err;
	for (i = 0; i < len; i++) {
		if (s[i] == '(' || s[i] == ')' || s[i] == '\\')
			if ((err = ov_buf_putc(out, '\\')) < 0)
				return err;
		if ((err = ov_buf_putc(out, (char)s[i])) < 0)
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
		return ov_buf_printf(out, "%lld", obj->num);
	case OV_PDF_REAL:
		return ov_buf_puts(out, obj->str);
	case OV_PDF_STRING:
		return write_string(out, (const unsigned char *)obj->str, obj->len);
	case OV_PDF_NAME:
		return write_name(out, obj->str, obj->len);
	case OV_PDF_REF:
		return ov_buf_printf(out, "%lld %d R", obj->num, obj->gen);
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

long ov_pdf_utf8_next(const char *s, size_t len, size_t *pos)
{
	const unsigned char *p = (const unsigned char *)s + *pos;
	size_t left = len - *pos, n, i;
	long cp, min;

	if (*pos >= len)
		return -1;
	if (p[0] < 0x80) {
		(*pos)++;
		return p[0];
	}
	if ((p[0] & 0xe0) == 0xc0) {
		n = 2; cp = p[0] & 0x1f; min = 0x80;
	} else if ((p[0] & 0xf0) == 0xe0) {
		n = 3; cp = p[0] & 0x0f; min = 0x800;
	} else if ((p[0] & 0xf8) == 0xf0) {
		n = 4; cp = p[0] & 0x07; min = 0x10000;
	} else {
		return -1;
	}
	if (left < n)
		return -1;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return -1;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return -1;
	*pos += n;
	return cp;
}

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
		if ((cp = ov_pdf_utf8_next(text, len, &pos)) < 0)
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
} lexer;

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

/* Reads an unsigned decimal integer of at most 18 digits. */
static int read_uint(lexer *lx, long long *out)
{
	long long v = 0;
	size_t start = lx->pos;

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

static int parse_dict(ov_pdf_obj **out, lexer *lx, int depth)
{
	ov_pdf_obj *dict = NULL, *key = NULL, *val = NULL;
	size_t start = lx->pos;
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
		if ((err = parse_name(&key, lx)) < 0)
			goto done;
		if (ov_pdf_dict_get(dict, key->str)) {
			err = ov_error_set(OV_EINVALID, "PDF offset %zu: "
					   "duplicate key /%s", key->off, key->str);
			goto done;
		}
		if ((err = parse_value(&val, lx, depth + 1)) < 0)
			goto done;
		err = ov_pdf_dict_set(dict, key->str, val);
		val = NULL;
		if (err < 0)
			goto done;
		ov_pdf_obj_free(key);
		key = NULL;
	}
	dict->end = lx->pos;
	*out = dict;
	return OV_OK;
done:
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
	lx.p = (const unsigned char *)data;
	lx.len = len;
	lx.pos = *pos;
	if ((err = parse_value(out, &lx, 0)) < 0)
		return err;
	*pos = lx.pos;
	return OV_OK;
}

/* ------------------------------------------------------------------ */
/* Inflate (RFC 1950 zlib wrapper around RFC 1951 deflate)             */

#define INF_MAXBITS 15

typedef struct inflater {
	const unsigned char *in;
	size_t len, pos;
	unsigned long bitbuf;
	int bitcnt;
	ov_buf *out;
	size_t base;   /* out->size when decoding started */
	size_t max;
} inflater;

/* A canonical Huffman code: how many codes of each length, and the symbols
 * ordered by (length, value). */
typedef struct huffman {
	short count[INF_MAXBITS + 1];
	short symbol[288];
} huffman;

static int inf_bad(const inflater *s, const char *what)
{
	return ov_error_set(OV_EINVALID, "deflate data offset %zu: %s", s->pos,
			    what);
}

static int inf_bits(inflater *s, int n, unsigned *v)
{
	while (s->bitcnt < n) {
		if (s->pos >= s->len)
			return inf_bad(s, "unexpected end of compressed data");
		s->bitbuf |= (unsigned long)s->in[s->pos++] << s->bitcnt;
		s->bitcnt += 8;
	}
	*v = (unsigned)(s->bitbuf & ((1UL << n) - 1));
	s->bitbuf >>= n;
	s->bitcnt -= n;
	return OV_OK;
}

/* Builds `h` from code lengths; over-subscribed sets are refused, incomplete
 * ones are allowed (an unused code then fails when met). */
static int huff_build(huffman *h, const unsigned char *lengths, int n)
{
	short offs[INF_MAXBITS + 1];
	int len, sym, left = 1;

	memset(h->count, 0, sizeof(h->count));
	for (sym = 0; sym < n; sym++)
		h->count[lengths[sym]]++;
	for (len = 1; len <= INF_MAXBITS; len++) {
		left <<= 1;
		left -= h->count[len];
		if (left < 0)
			return -1;
	}
	offs[1] = 0;
	for (len = 1; len < INF_MAXBITS; len++)
		offs[len + 1] = (short)(offs[len] + h->count[len]);
	for (sym = 0; sym < n; sym++)
		if (lengths[sym])
			h->symbol[offs[lengths[sym]]++] = (short)sym;
	return 0;
}

/* Reads one symbol: codes are read most significant bit first, and all
 * codes of one length are consecutive integers starting at `first`. */
static int huff_decode(inflater *s, const huffman *h, int *sym)
{
	int code = 0, first = 0, index = 0, len, err;
	unsigned bit;

	for (len = 1; len <= INF_MAXBITS; len++) {
		if ((err = inf_bits(s, 1, &bit)) < 0)
			return err;
		code |= (int)bit;
		if (code - first < h->count[len]) {
			*sym = h->symbol[index + code - first];
			return OV_OK;
		}
		index += h->count[len];
		first = (first + h->count[len]) << 1;
		code <<= 1;
	}
	return inf_bad(s, "invalid Huffman code");
}

static int inf_emit(inflater *s, const void *p, size_t n)
{
	if (n > s->max || s->out->size - s->base > s->max - n)
		return ov_error_set(OV_ENOMEM, "decoded stream exceeds %zu bytes",
				    s->max);
	return ov_buf_put(s->out, p, n);
}

static const short len_base[29] = {
	3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
	35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258 };
static const short len_extra[29] = {
	0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
	3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0 };
static const unsigned short dist_base[30] = {
	1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
	257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
	8193, 12289, 16385, 24577 };
static const short dist_extra[30] = {
	0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
	7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13 };

static int inf_codes(inflater *s, const huffman *lit, const huffman *dist)
{
	int sym, err;
	unsigned extra;

	for (;;) {
		if ((err = huff_decode(s, lit, &sym)) < 0)
			return err;
		if (sym < 256) {
			char c = (char)sym;

			if ((err = inf_emit(s, &c, 1)) < 0)
				return err;
		} else if (sym == 256) {
			return OV_OK;
		} else {
			size_t length, d, have, i;

			sym -= 257;
			if (sym >= 29)
				return inf_bad(s, "invalid length code");
			if ((err = inf_bits(s, len_extra[sym], &extra)) < 0)
				return err;
			length = (size_t)len_base[sym] + extra;
			if ((err = huff_decode(s, dist, &sym)) < 0)
				return err;
			if (sym >= 30)
				return inf_bad(s, "invalid distance code");
			if ((err = inf_bits(s, dist_extra[sym], &extra)) < 0)
				return err;
			d = (size_t)dist_base[sym] + extra;
			have = s->out->size - s->base;
			if (d > have)
				return inf_bad(s, "distance reaches before the "
					       "start of the data");
			if (length > s->max || have > s->max - length)
				return ov_error_set(OV_ENOMEM, "decoded stream "
						    "exceeds %zu bytes", s->max);
			if ((err = ov_buf_grow(s->out, s->out->size + length + 1)) < 0)
				return err;
			/* byte by byte: the source may overlap the copy */
			for (i = 0; i < length; i++)
				s->out->ptr[s->out->size + i] =
					s->out->ptr[s->out->size + i - d];
			s->out->size += length;
			s->out->ptr[s->out->size] = '\0';
		}
	}
}

static int inf_stored(inflater *s)
{
	size_t n;
	int err;

	s->bitbuf = 0;
	s->bitcnt = 0;
	if (s->len - s->pos < 4)
		return inf_bad(s, "truncated stored block");
	n = s->in[s->pos] | (size_t)s->in[s->pos + 1] << 8;
	if ((size_t)(s->in[s->pos + 2] | s->in[s->pos + 3] << 8) != (~n & 0xffff))
		return inf_bad(s, "stored block length check failed");
	s->pos += 4;
	if (s->len - s->pos < n)
		return inf_bad(s, "truncated stored block");
	if ((err = inf_emit(s, s->in + s->pos, n)) < 0)
		return err;
	s->pos += n;
	return OV_OK;
}

static int inf_fixed(inflater *s)
{
	huffman lit, dist;
	unsigned char l[288];
	int i;

	/* the fixed codes of RFC 1951 3.2.6; cheap enough to build per block */
	for (i = 0; i < 144; i++)
		l[i] = 8;
	for (; i < 256; i++)
		l[i] = 9;
	for (; i < 280; i++)
		l[i] = 7;
	for (; i < 288; i++)
		l[i] = 8;
	huff_build(&lit, l, 288);
	for (i = 0; i < 30; i++)
		l[i] = 5;
	huff_build(&dist, l, 30);
	return inf_codes(s, &lit, &dist);
}

static int inf_dynamic(inflater *s)
{
	static const unsigned char order[19] = {
		16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15 };
	unsigned char lengths[320];
	huffman lencode, lit, dist;
	unsigned nlen, ndist, ncode, v;
	size_t i;
	int err, sym;

	if ((err = inf_bits(s, 5, &nlen)) < 0 || (err = inf_bits(s, 5, &ndist)) < 0 ||
	    (err = inf_bits(s, 4, &ncode)) < 0)
		return err;
	nlen += 257;
	ndist += 1;
	ncode += 4;
	if (nlen > 286 || ndist > 30)
		return inf_bad(s, "too many length or distance codes");
	memset(lengths, 0, sizeof(lengths));
	for (i = 0; i < ncode; i++) {
		if ((err = inf_bits(s, 3, &v)) < 0)
			return err;
		lengths[order[i]] = (unsigned char)v;
	}
	if (huff_build(&lencode, lengths, 19) < 0)
		return inf_bad(s, "over-subscribed code length code");
	for (i = 0; i < nlen + ndist;) {
		unsigned rep;
		unsigned char fill = 0;

		if ((err = huff_decode(s, &lencode, &sym)) < 0)
			return err;
		if (sym < 16) {
			lengths[i++] = (unsigned char)sym;
			continue;
		}
		if (sym == 16) {
			if (i == 0)
				return inf_bad(s, "repeat with no previous length");
			fill = lengths[i - 1];
			if ((err = inf_bits(s, 2, &rep)) < 0)
				return err;
			rep += 3;
		} else if (sym == 17) {
			if ((err = inf_bits(s, 3, &rep)) < 0)
				return err;
			rep += 3;
		} else {
			if ((err = inf_bits(s, 7, &rep)) < 0)
				return err;
			rep += 11;
		}
		if (i + rep > nlen + ndist)
			return inf_bad(s, "code lengths overflow");
		while (rep--)
			lengths[i++] = fill;
	}
	if (lengths[256] == 0)
		return inf_bad(s, "no end-of-block code");
	if (huff_build(&lit, lengths, (int)nlen) < 0)
		return inf_bad(s, "over-subscribed literal/length code");
	if (huff_build(&dist, lengths + nlen, (int)ndist) < 0)
		return inf_bad(s, "over-subscribed distance code");
	return inf_codes(s, &lit, &dist);
}

int ov_pdf_inflate(ov_buf *out, const void *in, size_t len, size_t max)
{
	inflater s;
	unsigned last = 0, type;
	unsigned long a = 1, b = 0, want;
	size_t i;
	int err;

	memset(&s, 0, sizeof(s));
	s.in = in;
	s.len = len;
	s.out = out;
	s.base = out->size;
	s.max = max;
	if (len < 2 || (s.in[0] & 0x0f) != 8 || (s.in[0] >> 4) > 7 ||
	    ((unsigned)s.in[0] << 8 | s.in[1]) % 31 != 0 || (s.in[1] & 0x20))
		return ov_error_set(OV_EINVALID, "deflate data offset 0: not a "
				    "zlib stream");
	s.pos = 2;
	/* make sure the output is a valid C string even when empty */
	if ((err = ov_buf_put(out, "", 0)) < 0)
		goto fail;
	while (!last) {
		if ((err = inf_bits(&s, 1, &last)) < 0 ||
		    (err = inf_bits(&s, 2, &type)) < 0)
			goto fail;
		if (type == 0)
			err = inf_stored(&s);
		else if (type == 1)
			err = inf_fixed(&s);
		else if (type == 2)
			err = inf_dynamic(&s);
		else
			err = inf_bad(&s, "invalid block type");
		if (err < 0)
			goto fail;
	}
	if (s.len - s.pos < 4) {
		err = inf_bad(&s, "missing Adler-32 checksum");
		goto fail;
	}
	for (i = s.base; i < out->size; i++) {
		a = (a + (unsigned char)out->ptr[i]) % 65521;
		b = (b + a) % 65521;
	}
	want = (unsigned long)s.in[s.pos] << 24 | (unsigned long)s.in[s.pos + 1] << 16 |
	       (unsigned long)s.in[s.pos + 2] << 8 | s.in[s.pos + 3];
	if (want != (b << 16 | a)) {
		err = inf_bad(&s, "Adler-32 checksum mismatch");
		goto fail;
	}
	return OV_OK;
fail:
	out->size = s.base;
	if (out->ptr)
		out->ptr[out->size] = '\0';
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
} xref_entry;

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
};

static int doc_bad(size_t off, const char *fmt, const char *detail)
{
	return ov_error_set(OV_EINVALID, "PDF offset %zu: %s%s", off, fmt,
			    detail ? detail : "");
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
	lx.p = (const unsigned char *)d;
	lx.len = doc->len;
	lx.pos = i;
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

/* Reads "N G obj" at the lexer position and moves past it. */
static int read_obj_header(lexer *lx, long long *num, long long *gen)
{
	int err;

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

/* Parses the xref table at `off` for revision `rev` (0 = newest) and its
 * trailer; the trailer is added to doc->trailers and the revision's end is
 * recorded in doc->revs[rev]. */
static int parse_xref(ov_pdf_doc *doc, size_t off, size_t rev)
{
	lexer lx;
	ov_pdf_obj *trailer = NULL;
	size_t xref, end;
	int err;

	lx.p = (const unsigned char *)doc->data;
	lx.len = doc->len;
	lx.pos = off;
	if (!at_keyword(&lx, "xref")) {
		long long n, g;

		/* "N G obj" here would be a cross-reference stream */
		if (read_obj_header(&lx, &n, &g) == OV_OK)
			return doc_bad(off, "cross-reference streams are not "
				       "supported (no 'xref' keyword)", NULL);
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
	if ((err = parse_value(&trailer, &lx, 0)) < 0)
		return ov_error_prefix("trailer");
	if (trailer->type != OV_PDF_DICT) {
		size_t at = trailer->off;

		ov_pdf_obj_free(trailer);
		return doc_bad(at, "trailer is not a dictionary", NULL);
	}
	doc->trailers[doc->ntrailers++] = trailer;
	doc->revs[rev].xref_off = off;
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
	for (i = 0, j = 0; i < doc->nentries; i++)
		if (j == 0 || doc->entries[j - 1].num != doc->entries[i].num)
			doc->entries[j++] = doc->entries[i];
	doc->nentries = j;
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
	free(doc);
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

	lx.p = (const unsigned char *)doc->data;
	lx.len = doc->len;
	lx.pos = e->off;
	if (read_obj_header(&lx, &n, &g) < 0 || n != e->num || g != e->gen)
		return ov_error_set(OV_EINVALID, "PDF offset %zu: xref entry for "
				    "object %lld does not point at '%lld %d obj'",
				    e->off, e->num, e->num, e->gen);
	if ((err = parse_value(&obj, &lx, 0)) < 0)
		return ov_error_prefix("object %lld", e->num);
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
	if (err < 0) {
		ov_pdf_obj_free(obj);
		return err;
	}
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
	err = parse_indirect(&e->obj, doc, e);
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

int ov_pdf_stream_decode(ov_buf *out, ov_pdf_doc *doc,
			 const ov_pdf_obj *stream, size_t max)
{
	ov_pdf_obj *filter = NULL, *parms = NULL, *pred;
	int err;

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
	if (!filter) {
		if (stream->data_len > max)
			return ov_error_set(OV_ENOMEM, "stream exceeds %zu bytes",
					    max);
		if ((err = ov_buf_put(out, "", 0)) < 0)
			return err;
		return ov_buf_put(out, doc->data + stream->data_off,
				  stream->data_len);
	}
	if (!ov_pdf_is_name(filter, "FlateDecode"))
		return ov_error_set(OV_EINVALID, "PDF offset %zu: unsupported "
				    "stream filter", stream->off);
	pred = ov_pdf_dict_get(parms, "Predictor");
	if (pred && !(pred->type == OV_PDF_INT && pred->num == 1))
		return ov_error_set(OV_EINVALID, "PDF offset %zu: unsupported "
				    "/Predictor in stream", stream->off);
	if ((err = ov_pdf_inflate(out, doc->data + stream->data_off,
				  stream->data_len, max)) < 0)
		return ov_error_prefix("PDF offset %zu: stream",
				       stream->data_off);
	return OV_OK;
}
