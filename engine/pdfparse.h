/*
 * pdfparse.h - a minimal reader for the PDF files Överens writes and signs.
 *
 * It understands what libharu produces plus the incremental updates that
 * signing appends: a "%PDF-" header, classic cross-reference tables (one or
 * more subsections each), trailers chained by /Prev, indirect objects in the
 * file body, streams with no filter or FlateDecode.  Cross-reference streams
 * and object streams (PDF 1.5) are refused with OV_EINVALID.
 *
 * Everything here treats its input as hostile: every offset, count and
 * length is checked against the file before use, nesting is bounded, and a
 * problem is reported as OV_EINVALID with a message naming the byte offset
 * ("PDF offset 1234: ...").  Nothing writes files.
 *
 * Exports: the object model (ov_pdf_obj with constructors, dictionary and
 * array helpers, clone, serialisation), ov_pdf_parse_object (the tokenizer
 * and parser for one direct object), ov_pdf_doc (a parsed file: xref,
 * trailer, revisions, object lookup, page list, stream decoding) and
 * ov_pdf_inflate (zlib/RFC 1950 decoding).
 */
#ifndef OV_PDFPARSE_H
#define OV_PDFPARSE_H

#include <stddef.h>

#include "overens/buf.h"

/* The largest object number accepted (the PDF implementation limit). */
#define OV_PDF_MAX_OBJNUM 8388607LL
/* The deepest nesting of arrays and dictionaries accepted. */
#define OV_PDF_MAX_DEPTH 64
/* Default ceiling for one decoded stream. */
#define OV_PDF_MAX_STREAM ((size_t)256 << 20)

typedef enum ov_pdf_type {
	OV_PDF_NULL,
	OV_PDF_BOOL,
	OV_PDF_INT,
	OV_PDF_REAL,
	OV_PDF_STRING,
	OV_PDF_NAME,
	OV_PDF_ARRAY,
	OV_PDF_DICT,
	OV_PDF_REF,
	OV_PDF_STREAM    /* a dictionary (keys/items) plus data in the file */
} ov_pdf_type;

/*
 * One PDF object.  Which fields mean something depends on `type`:
 *   BOOL, INT     num (0/1, or the value)
 *   REAL          str: the number as written (e.g. "-0.5")
 *   STRING        str/len: the decoded bytes (NUL-terminated for convenience,
 *                 may contain NULs); hex = 1 if it was written <...>
 *   NAME          str/len: the decoded name without '/'
 *   ARRAY         items[0..count)
 *   DICT, STREAM  keys[i] (decoded names) -> items[i], i < count
 *   REF           num, gen
 *   STREAM        data_off/data_len: the raw (still encoded) bytes in the file
 * off/end are where the object was read, [off, end) in the file (for a
 * string: from '(' or '<' to just after ')' or '>'); 0/0 for built objects.
 * An object owns its str, keys and items.
 */
typedef struct ov_pdf_obj {
	ov_pdf_type type;
	long long num;
	int gen;
	char *str;
	size_t len;
	int hex;
	struct ov_pdf_obj **items;
	char **keys;
	size_t count;
	size_t off, end;
	size_t data_off, data_len;
} ov_pdf_obj;

/* Constructors: return NULL (with OV_ENOMEM set) when out of memory. */
ov_pdf_obj *ov_pdf_obj_new(ov_pdf_type type);
ov_pdf_obj *ov_pdf_int_new(long long value);
ov_pdf_obj *ov_pdf_ref_new(long long num, int gen);
ov_pdf_obj *ov_pdf_name_new(const char *name);
ov_pdf_obj *ov_pdf_string_new(const void *bytes, size_t len);

/* Frees an object and everything it owns. NULL-safe. */
void ov_pdf_obj_free(ov_pdf_obj *obj);

/* A deep copy into *out (source positions are kept). */
int ov_pdf_obj_clone(ov_pdf_obj **out, const ov_pdf_obj *obj);

/* The value of `key` in a DICT or STREAM, or NULL (also for other types). */
ov_pdf_obj *ov_pdf_dict_get(const ov_pdf_obj *dict, const char *key);

/*
 * Sets `key` to `value` in a DICT, replacing an existing value.  Takes
 * ownership of `value` in every case (it is freed on failure).
 */
int ov_pdf_dict_set(ov_pdf_obj *dict, const char *key, ov_pdf_obj *value);

/* Appends `value` to an ARRAY; takes ownership of `value` in every case. */
int ov_pdf_array_push(ov_pdf_obj *array, ov_pdf_obj *value);

/* 1 if obj is the name `name` (e.g. "Sig"), else 0. NULL-safe. */
int ov_pdf_is_name(const ov_pdf_obj *obj, const char *name);

/*
 * Appends obj in PDF syntax to `out`: strings of printable ASCII as
 * (literal) strings with escapes, other strings as <hex>, names with #xx
 * escapes.  A STREAM cannot be written this way (OV_EINVALID).
 */
int ov_pdf_obj_write(ov_buf *out, const ov_pdf_obj *obj);

/*
 * Reads the UTF-8 character at s[*pos] (len bytes in s) and moves *pos past
 * it.  Returns the code point, or -1 for an invalid, overlong, surrogate or
 * truncated sequence (then *pos is unchanged).
 */
long ov_pdf_utf8_next(const char *s, size_t len, size_t *pos);

/*
 * Appends UTF-8 `text` as a PDF text string: a (literal) string when it is
 * printable ASCII, else <FEFF...> in UTF-16BE.  OV_EINVALID if `text` is
 * not valid UTF-8.
 */
int ov_pdf_text_write(ov_buf *out, const char *text);

/*
 * Decodes a PDF text string (UTF-16BE with a byte order mark, otherwise
 * PDFDocEncoding) into a new UTF-8 string *out; free() it.  A non-string
 * gives OV_EINVALID.
 */
int ov_pdf_text_to_utf8(char **out, const ov_pdf_obj *str);

/*
 * Parses one direct object (with "N G R" references, without "obj"
 * wrappers) starting at data[*pos], skipping white space and comments
 * first.  On success *out is a new object the caller frees and *pos is just
 * after it.  Offsets in messages and in the object are relative to `data`.
 */
int ov_pdf_parse_object(ov_pdf_obj **out, const char *data, size_t len,
			size_t *pos);

/*
 * A revision: one cross-reference section and its trailer.  `end` is the
 * offset just after its "%%EOF" line (0 if none was found before the next
 * revision).
 */
typedef struct ov_pdf_revision {
	size_t xref_off;
	size_t end;
} ov_pdf_revision;

typedef struct ov_pdf_doc ov_pdf_doc;

/*
 * Parses the file structure of `data`: header, the last startxref, every
 * cross-reference table along the /Prev chain (the newest entry of an
 * object number wins) and the newest trailer.  `data` is borrowed and must
 * outlive the document.  Objects are parsed lazily by ov_pdf_doc_get.
 *
 * Errors (OV_EINVALID): not a PDF, truncated (no startxref/%%EOF at the
 * end), a startxref or /Prev outside the file, a malformed or looping xref,
 * a trailer without /Root or /Size, cross-reference streams.
 */
int ov_pdf_doc_open(ov_pdf_doc **out, const char *data, size_t len);

/* Frees the document and every object it parsed. NULL-safe. */
void ov_pdf_doc_free(ov_pdf_doc *doc);

/* The newest trailer dictionary (owned by the document). */
const ov_pdf_obj *ov_pdf_doc_trailer(const ov_pdf_doc *doc);

/* The offset of the newest cross-reference table (the last startxref). */
size_t ov_pdf_doc_startxref(const ov_pdf_doc *doc);

/* The revisions, oldest first, in *count entries (owned by the document). */
const ov_pdf_revision *ov_pdf_doc_revisions(const ov_pdf_doc *doc,
					    size_t *count);

/*
 * Where object `num` lives according to the newest xref: *off, *gen.
 * OV_ENOTFOUND if it has no in-use entry.
 */
int ov_pdf_doc_locate(size_t *off, int *gen, const ov_pdf_doc *doc,
		      long long num);

/*
 * Object `num`, parsed and cached: *out is owned by the document.  A
 * STREAM's /Length may be an indirect reference; it is resolved.
 * OV_ENOTFOUND if the object has no in-use entry, OV_EINVALID if the entry
 * does not point at "num gen obj" or the object is malformed.
 */
int ov_pdf_doc_get(ov_pdf_obj **out, ov_pdf_doc *doc, long long num);

/*
 * Follows `obj` if it is a reference (a missing object gives a NULL *out
 * and OV_OK, as PDF treats it as null); any other object is returned
 * as is.  *out is borrowed from `obj` or the document.
 */
int ov_pdf_doc_resolve(ov_pdf_obj **out, ov_pdf_doc *doc, ov_pdf_obj *obj);

/* The catalog (/Root), resolved; OV_EINVALID if it is not a dictionary. */
int ov_pdf_doc_catalog(ov_pdf_obj **out, ov_pdf_doc *doc);

/*
 * The page objects in document order: *nums receives a malloc()ed array of
 * *count object numbers (free() it).  Nested /Pages nodes are followed; a
 * loop or over-deep tree is OV_EINVALID.
 */
int ov_pdf_doc_pages(long long **nums, size_t *count, ov_pdf_doc *doc);

/*
 * Appends the decoded data of `stream` to `out`: no /Filter, or
 * /FlateDecode (as a name or a one-element array) without predictor.
 * Other filters are OV_EINVALID; output over `max` bytes is OV_ENOMEM.
 */
int ov_pdf_stream_decode(ov_buf *out, ov_pdf_doc *doc,
			 const ov_pdf_obj *stream, size_t max);

/*
 * Decodes zlib-format (RFC 1950 header, RFC 1951 deflate data, Adler-32
 * check) data and appends the result to `out`.  Corrupt or truncated input
 * is OV_EINVALID with the input offset; output over `max` bytes OV_ENOMEM.
 */
int ov_pdf_inflate(ov_buf *out, const void *in, size_t len, size_t max);

#endif
