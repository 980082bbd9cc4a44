/*
 * pdfparse.h - a minimal reader for the PDF files Överens writes and signs.
 *
 * It understands what libharu produces, what the renderer makes of it and
 * the incremental updates that signing appends: a "%PDF-" header, classic
 * cross-reference tables (one or more subsections each) and
 * cross-reference streams (/Type /XRef, /W, /Index; no filter or
 * FlateDecode without predictor), trailers chained by /Prev, indirect
 * objects in the file body and in object streams (/Type /ObjStm), streams
 * with no filter or FlateDecode.  Hybrid files (/XRefStm) are read through
 * their tables only.
 *
 * Everything here treats its input as hostile: every offset, count and
 * length is checked against the file before use, nesting is bounded, the
 * work and memory of one document are bounded in proportion to the file's
 * size (the budgets below), and a problem is reported as OV_EINVALID with a
 * message naming the byte offset ("PDF offset 1234: ...").  Nothing writes
 * files.
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

/*
 * Budgets of one ov_pdf_doc, so that a small hostile file cannot make the
 * reader do work or hold memory out of proportion to its size (compression
 * bombs, or many objects whose "N G obj" headers share one body through
 * comments).  For a file of L bytes:
 *
 *   decoded bytes   everything ov_pdf_stream_decode produces over the life
 *                   of the document (inflated or copied, also what a failed
 *                   decode produced before it stopped):
 *                   min(OV_PDF_MAX_DECODED, 32 L + 4 MiB)
 *   objects         PDF objects the document parses (indirect objects,
 *                   their contents and trailers; also those of failed
 *                   parses): min(OV_PDF_MAX_OBJECTS, L / 2 + 4096);
 *                   the same number bounds the entries of the document's
 *                   cross-reference streams (whose rows inflate)
 *   parsed bytes    source bytes read by the object parser, stream data
 *                   not counted (a failed object is read again at each
 *                   request, and is charged each time):
 *                   min(OV_PDF_MAX_PARSED, 2 L + 64 KiB)
 *
 * Why these numbers: the PDFs Överens writes and signs inflate to about 3
 * times their size (DejaVu fonts of ~60 KB inflate to ~150 KB, content
 * streams ~4x, the embedded XML ~5-10x but small next to the fonts), so
 * 32 L leaves a ten-fold margin and the 4 MiB covers small files; a zlib
 * bomb reaches 1000 L.  Each object is read once (the cache), so a valid
 * file parses at most L bytes; even a body of nothing but dictionaries has
 * about one object per 5 bytes, so L / 2 objects and 2 L bytes leave at
 * least a two-fold margin (a libharu PDF of 300 KB: 6000 objects, 25 KB
 * parsed, 270 KB decoded).  An object costs ~120 bytes of memory, so the
 * object model of a 260 KB file stays under ~20 MB.  Crossing a budget is
 * OV_EINVALID "PDF offset N: ..." naming the limit.
 */
#define OV_PDF_DECODE_RATIO 32
#define OV_PDF_DECODE_SLACK ((size_t)4 << 20)
#define OV_PDF_MAX_DECODED ((size_t)256 << 20)
#define OV_PDF_OBJECT_DIVISOR 2
#define OV_PDF_OBJECT_SLACK ((size_t)4096)
#define OV_PDF_MAX_OBJECTS ((size_t)2 << 20)
#define OV_PDF_PARSE_RATIO 2
#define OV_PDF_PARSE_SLACK ((size_t)64 << 10)
#define OV_PDF_MAX_PARSED ((size_t)1 << 30)

/* The budgets above for a file of `len` bytes (saturating, never 0). */
size_t ov_pdf_decode_budget(size_t len);
size_t ov_pdf_object_budget(size_t len);
size_t ov_pdf_parse_budget(size_t len);

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
	long long xref_obj;   /* its cross-reference stream's number, 0 for a table */
} ov_pdf_revision;

typedef struct ov_pdf_doc ov_pdf_doc;

/*
 * Parses the file structure of `data`: header, the last startxref, every
 * cross-reference table along the /Prev chain (the newest entry of an
 * object number wins) and the newest trailer.  `data` is borrowed and must
 * outlive the document.  Objects are parsed lazily by ov_pdf_doc_get.
 *
 * A cross-reference stream's dictionary is its revision's trailer (an
 * OV_PDF_STREAM).  An object in an object stream is found through that
 * stream when it is first asked for; only one decoded object stream is
 * kept at a time, and an object stream cannot need an object of another
 * one (its /Length, say) to be read.
 *
 * Errors (OV_EINVALID): not a PDF, truncated (no startxref/%%EOF at the
 * end), a startxref or /Prev outside the file, a malformed or looping xref,
 * a trailer without /Root or /Size, a cross-reference stream with
 * indirect /Length, /Filter or /DecodeParms, a predictor, or entries that
 * do not fit its data, an object placed in an object stream that is not
 * an object in the file.
 */
int ov_pdf_doc_open(ov_pdf_doc **out, const char *data, size_t len);

/* Frees the document and every object it parsed. NULL-safe. */
void ov_pdf_doc_free(ov_pdf_doc *doc);

/*
 * What the document has spent of its budgets so far: objects parsed,
 * source bytes parsed, bytes decoded (for tests and diagnostics).
 */
void ov_pdf_doc_usage(const ov_pdf_doc *doc, size_t *objects, size_t *parsed,
		      size_t *decoded);

/* The newest trailer dictionary (owned by the document). */
const ov_pdf_obj *ov_pdf_doc_trailer(const ov_pdf_doc *doc);

/* The offset of the newest cross-reference table (the last startxref). */
size_t ov_pdf_doc_startxref(const ov_pdf_doc *doc);

/* The revisions, oldest first, in *count entries (owned by the document). */
const ov_pdf_revision *ov_pdf_doc_revisions(const ov_pdf_doc *doc,
					    size_t *count);

/*
 * Where object `num` lives according to the newest xref: *off, *gen.
 * For an object in an object stream: the offset of that stream's object
 * and generation 0.  OV_ENOTFOUND if it has no in-use entry.
 */
int ov_pdf_doc_locate(size_t *off, int *gen, const ov_pdf_doc *doc,
		      long long num);

/*
 * 1 if object `num` lies in an object stream (then *stm is the stream's
 * object number and *idx its index there), else 0.
 */
int ov_pdf_doc_packed(long long *stm, size_t *idx, const ov_pdf_doc *doc,
		      long long num);

/*
 * Object `num`, parsed and cached: *out is owned by the document.  A
 * STREAM's /Length may be an indirect reference; it is resolved.
 * OV_ENOTFOUND if the object has no in-use entry, OV_EINVALID if the entry
 * does not point at "num gen obj", the object is malformed, or the
 * document's object or parse budget is spent.  An object from an object
 * stream has that stream's offset in the file as its off and end (and as
 * those of everything in it).
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
 * Other filters are OV_EINVALID; output over `max` bytes is OV_ENOMEM;
 * output beyond what is left of the document's decode budget (see above)
 * is OV_EINVALID "PDF offset N: the streams inflate to more than M bytes
 * (...)".  Inflating stops as soon as either limit is crossed; on failure
 * nothing is appended.
 */
int ov_pdf_stream_decode(ov_buf *out, ov_pdf_doc *doc,
			 const ov_pdf_obj *stream, size_t max);

/*
 * Decodes zlib-format (RFC 1950 header, RFC 1951 deflate data, Adler-32
 * check) data and appends the result to `out`, 64 KiB of output at a time.
 * Corrupt or truncated input is OV_EINVALID with the input offset; output
 * over `max` bytes is OV_ENOMEM, found as soon as the output crosses `max`
 * (no more than max + 1 bytes are ever inflated).  On failure nothing is
 * appended.
 */
int ov_pdf_inflate(ov_buf *out, const void *in, size_t len, size_t max);

/*
 * The newest cross-reference entries, sorted by object number: how many,
 * and entry `i` (its object number, offset, generation and whether it is
 * in use).
 * Used to tell which objects an incremental update changed.
 */
size_t ov_pdf_doc_count(const ov_pdf_doc *doc);
int ov_pdf_doc_entry(const ov_pdf_doc *doc, size_t i, long long *num,
		     size_t *off, int *gen, int *used);

#endif
