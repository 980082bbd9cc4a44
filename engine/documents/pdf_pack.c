/*
 * pdf_pack.c - libharu's file rewritten with object streams and a
 * cross-reference stream (see pdf_pack.h).
 *
 * libharu 2.3.0 writes every object uncompressed in the file body and a
 * classic xref table of 20 bytes an object.  For the five-page demo
 * agreement that is some 13 KB of dictionaries (outline items, the
 * CIDFonts' /W arrays, pages, annotations) and 2 KB of table, and these
 * deflate well.  So the saved file is read back with the project's own
 * reader (engine/signing/pdfparse.c, which sign and verify use too) and
 * written again (ISO 32000-1 7.5.7 and 7.5.8):
 *
 *   header       copied (%PDF-1.7 and the binary comment line)
 *   streams      in their old order, dictionary re-serialised with a
 *                direct /Length; libharu writes them uncompressed, and
 *                each is deflated here (PACK_STREAM_LEVEL) but the XMP
 *                metadata, which stays uncompressed as PDF/A wants it
 *   object       every other object, in order, PACK_PER_STREAM to a
 *   streams      stream, FlateDecode; none of them has a generation
 *                other than 0, and no stream can be packed (7.5.7)
 *   xref stream  /W [1 w 2], FlateDecode, with the trailer's /Root,
 *                /Info and /ID; last in the file, so startxref points
 *                at it
 *
 * The indirect /Length objects libharu writes are folded into their
 * streams and the objects renumbered without gaps in their old order;
 * everything depends only on the input, so the same layout gives the
 * same bytes.  PDF/A-3 (ISO 19005-3, like PDF/A-2) allows object and
 * cross-reference streams; it asks for the /ID, which the cross-reference
 * stream carries as the trailer would.
 */
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "engine/base/lazy_deflate.h"

#include "overens/error.h"
#include "engine/signing/pdfparse.h"
#include "engine/documents/pdf_pack.h"

/* Objects in one object stream. */
#define PACK_PER_STREAM 200

typedef struct pack {
	ov_pdf_doc *doc;
	const char *pdf;        /* the file read, its stream data copied */
	long long nold;         /* old object numbers are < nold */
	long long *map;         /* old number -> new number; 0 none, -1 a length */
	ov_pdf_obj **objs;      /* by new number (1..count), owned by doc */
	long long count;        /* objects kept */
	long long nstm;         /* object streams */
	size_t *off;            /* by new number: offset in the file, or for
				 * a packed object its object stream's number */
	size_t *idx;            /* by new number: index in its object stream */
	ov_buf file;
	/* taken on first use (z_take): [0] at PACK_STREAM_LEVEL, [1] at PACK_SMALL_LEVEL */
	struct libdeflate_compressor *zc[2];
} pack;

/*
 * The deflate levels (libdeflate's, 1 to 12) for the content, font and
 * attachment streams, which libharu leaves uncompressed, and for the small
 * object and cross-reference streams.  libdeflate is both faster and
 * tighter than zlib: in a batch render its levels 4 and 9 take a quarter
 * fewer instructions than zlib's 3 and 9 did, and the demo agreement is
 * 30,350 bytes instead of 31,163.  The stream level matters little (3 to
 * 6 differ by 0.7 M instructions and 300 bytes): much of the cost is
 * setting up each stream, and most streams are small.
 */
#ifndef PACK_STREAM_LEVEL
#define PACK_STREAM_LEVEL 4
#endif
#ifndef PACK_SMALL_LEVEL
#define PACK_SMALL_LEVEL 9
#endif

/*
 * Compressors kept for the process, by level (as pack.zc): a compressor's
 * tables are some hundred pages, which a fresh one for every file took
 * as page faults (87 a file in a batch render).  A file takes one and
 * gives it back; threads that pack at once each take their own.
 */
#define ZPOOL_SLOTS 8
static pthread_mutex_t zpool_lock = PTHREAD_MUTEX_INITIALIZER;
static struct libdeflate_compressor *zpool[2][ZPOOL_SLOTS];
static size_t zpool_n[2];

static struct libdeflate_compressor *z_take(int small)
{
	struct libdeflate_compressor *c = NULL;

	pthread_mutex_lock(&zpool_lock);
	if (zpool_n[small])
		c = zpool[small][--zpool_n[small]];
	pthread_mutex_unlock(&zpool_lock);
	return c ? c : libdeflate_alloc_compressor(small ? PACK_SMALL_LEVEL : PACK_STREAM_LEVEL);
}

static void z_give(int small, struct libdeflate_compressor *c)
{
	if (!c)
		return;
	pthread_mutex_lock(&zpool_lock);
	if (zpool_n[small] < ZPOOL_SLOTS) {
		zpool[small][zpool_n[small]++] = c;
		c = NULL;
	}
	pthread_mutex_unlock(&zpool_lock);
	if (c)
		libdeflate_free_compressor(c);
}

/*
 * Appends `len` bytes of `data` deflated (zlib format, as FlateDecode
 * reads it) to `out`, at PACK_SMALL_LEVEL when `small`, else at
 * PACK_STREAM_LEVEL.
 */
static int zip_level(pack *p, ov_buf *out, const void *data, size_t len, int small)
{
	struct libdeflate_compressor **zc = &p->zc[small ? 1 : 0];
	size_t bound, zlen;
	int err;

	if (!*zc && !(*zc = z_take(small)))
		return ov_error_set(OV_ENOMEM, "out of memory (libdeflate)");
	bound = libdeflate_zlib_compress_bound(*zc, len);
	if (bound < len || bound > SIZE_MAX / 2)
		return ov_error_set(OV_ENOMEM, "a stream of %zu bytes is too large", len);
	if ((err = ov_buf_grow(out, out->size + bound + 1)) < 0)
		return err;
	/* 0 only when the bound was too small, which libdeflate promises it is not */
	if (!(zlen = libdeflate_zlib_compress(*zc, data, len, out->ptr + out->size, bound)))
		return ov_error_set(OV_ERROR, "a stream of %zu bytes could not be deflated", len);
	out->size += zlen;
	out->ptr[out->size] = '\0';
	return OV_OK;
}

/* A stream to deflate here: it has no /Filter, and it is not the XMP
 * metadata, which PDF/A wants readable as it is. */
static int to_deflate(const ov_pdf_obj *obj)
{
	const ov_pdf_obj *type = ov_pdf_dict_get(obj, "Type");

	return !ov_pdf_dict_get(obj, "Filter") &&
	       !(type && type->type == OV_PDF_NAME && !strcmp(type->str, "Metadata"));
}

/* Renumbers the references in `obj` (a clone) along p->map. */
static int remap(ov_pdf_obj *obj, const pack *p, long long from)
{
	size_t i;
	int err;

	if (obj->type == OV_PDF_REF) {
		if (obj->num >= p->nold || p->map[obj->num] <= 0)
			return ov_error_set(OV_EINVALID, "PDF: object %lld refers "
					    "to object %lld, which it does not "
					    "have", from, obj->num);
		obj->num = p->map[obj->num];
		obj->gen = 0;
		return OV_OK;
	}
	for (i = 0; i < obj->count; i++)
		if ((err = remap(obj->items[i], p, from)) < 0)
			return err;
	return OV_OK;
}

/* Reads every object, marks the /Length holders and numbers the rest. */
static int pack_scan(pack *p)
{
	size_t n = ov_pdf_doc_count(p->doc), i;
	long long num, npacked = 0;
	size_t off;
	int gen, used, err;

	if (!n || ov_pdf_doc_entry(p->doc, n - 1, &num, &off, &gen, &used) < 0)
		return ov_error_set(OV_EINVALID, "PDF: no objects to pack");
	p->nold = num + 1;
	if (!(p->map = calloc((size_t)p->nold, sizeof(*p->map))) ||
	    !(p->objs = calloc((size_t)p->nold + 1, sizeof(*p->objs))))
		return ov_error_set(OV_ENOMEM, "out of memory");
	for (i = 0; i < n; i++) {
		ov_pdf_obj *obj = NULL, *len;

		if ((err = ov_pdf_doc_entry(p->doc, i, &num, &off, &gen, &used)) < 0)
			return err;
		if (!used)
			continue;
		if (gen != 0)
			return ov_error_set(OV_EINVALID, "PDF: object %lld has "
					    "generation %d", num, gen);
		if ((err = ov_pdf_doc_get(&obj, p->doc, num)) < 0)
			return err;
		len = ov_pdf_dict_get(obj, "Length");
		if (obj->type == OV_PDF_STREAM && len && len->type == OV_PDF_REF &&
		    len->num < p->nold)
			p->map[len->num] = -1;
	}
	for (i = 0; i < n; i++) {
		ov_pdf_obj *obj = NULL;

		if ((err = ov_pdf_doc_entry(p->doc, i, &num, &off, &gen, &used)) < 0)
			return err;
		if (!used || p->map[num] < 0)
			continue;
		if ((err = ov_pdf_doc_get(&obj, p->doc, num)) < 0)
			return err;
		p->map[num] = ++p->count;
		p->objs[p->count] = obj;
	}
	for (num = 1; num <= p->count; num++)
		npacked += p->objs[num]->type != OV_PDF_STREAM;
	p->nstm = (npacked + PACK_PER_STREAM - 1) / PACK_PER_STREAM;
	if (!(p->off = calloc((size_t)(p->count + p->nstm + 2), sizeof(*p->off))) ||
	    !(p->idx = calloc((size_t)(p->count + p->nstm + 2), sizeof(*p->idx))))
		return ov_error_set(OV_ENOMEM, "out of memory");
	return OV_OK;
}

/* The stream object `num` (new number) with a direct /Length. */
static int pack_stream(pack *p, long long num)
{
	const ov_pdf_obj *obj = p->objs[num];
	ov_pdf_obj *dict = NULL;
	ov_buf z = OV_BUF_INIT;
	const char *data = p->pdf + obj->data_off;
	size_t len = obj->data_len;
	int err;

	if ((err = ov_pdf_obj_clone(&dict, obj)) < 0)
		return err;
	dict->type = OV_PDF_DICT;
	p->off[num] = p->file.size;
	if (to_deflate(obj)) {
		if ((err = zip_level(p, &z, data, len, 0)) < 0 ||
		    (err = ov_pdf_dict_set(dict, "Filter", ov_pdf_name_new("FlateDecode"))) < 0)
			goto done;
		data = z.ptr;
		len = z.size;
	}
	if ((err = ov_pdf_dict_set(dict, "Length", ov_pdf_int_new((long long)len))) < 0 ||
	    (err = remap(dict, p, num)) < 0 ||
	    (err = ov_buf_printf(&p->file, "%lld 0 obj\n", num)) < 0 ||
	    (err = ov_pdf_obj_write(&p->file, dict)) < 0 ||
	    (err = ov_buf_puts(&p->file, "\nstream\n")) < 0)
		goto done;
	if ((err = ov_buf_put(&p->file, data, len)) < 0)
		goto done;
	err = ov_buf_puts(&p->file, "\nendstream\nendobj\n");
done:
	ov_buf_dispose(&z);
	ov_pdf_obj_free(dict);
	return err;
}

/* Object stream `snum` with the non-stream objects [*next, ...). */
static int pack_objstm(pack *p, long long snum, long long *next)
{
	ov_buf head = OV_BUF_INIT, body = OV_BUF_INIT, z = OV_BUF_INIT;
	long long n = 0;
	int err = OV_OK;

	for (; *next <= p->count && n < PACK_PER_STREAM; (*next)++) {
		ov_pdf_obj *c = NULL;

		if (p->objs[*next]->type == OV_PDF_STREAM)
			continue;
		p->idx[*next] = (size_t)n++;
		if ((err = ov_pdf_obj_clone(&c, p->objs[*next])) < 0)
			goto done;
		if ((err = remap(c, p, *next)) < 0 ||
		    (err = ov_buf_printf(&head, "%lld %zu ", *next, body.size)) < 0 ||
		    (err = ov_pdf_obj_write(&body, c)) < 0 ||
		    (err = ov_buf_putc(&body, '\n')) < 0) {
			ov_pdf_obj_free(c);
			goto done;
		}
		ov_pdf_obj_free(c);
		p->off[*next] = (size_t)snum;
	}
	if ((err = ov_buf_put(&head, body.ptr, body.size)) < 0 ||
	    (err = zip_level(p, &z, head.ptr, head.size, 1)) < 0)
		goto done;
	p->off[snum] = p->file.size;
	if ((err = ov_buf_printf(&p->file, "%lld 0 obj\n<</Type /ObjStm /N %lld "
				 "/First %zu /Filter /FlateDecode /Length %zu>>\n"
				 "stream\n", snum, n, head.size - body.size,
				 z.size)) < 0 ||
	    (err = ov_buf_put(&p->file, z.ptr, z.size)) < 0)
		goto done;
	err = ov_buf_puts(&p->file, "\nendstream\nendobj\n");
done:
	ov_buf_dispose(&head);
	ov_buf_dispose(&body);
	ov_buf_dispose(&z);
	return err;
}

/* The cross-reference stream (object `xnum`), startxref and %%EOF. */
static int pack_xref(pack *p, long long xnum)
{
	static const char *const copy[] = { "Root", "Info", "ID" };
	const ov_pdf_obj *trailer = ov_pdf_doc_trailer(p->doc);
	ov_buf rows = OV_BUF_INIT, z = OV_BUF_INIT;
	size_t xref = p->file.size, i;
	long long num;
	int w, err;

	p->off[xnum] = xref;
	w = ov_buf_be_width(xref > (size_t)xnum ? xref : (size_t)xnum);
	/* object 0 heads the free list with generation 65535 */
	if ((err = ov_buf_put(&rows, "\0", 1)) < 0 ||
	    (err = ov_buf_put_be(&rows, 0, w)) < 0 ||
	    (err = ov_buf_put_be(&rows, 65535, 2)) < 0)
		goto done;
	for (num = 1; num <= xnum; num++) {
		int packed = num <= p->count && p->objs[num]->type != OV_PDF_STREAM;

		if ((err = ov_buf_putc(&rows, packed ? 2 : 1)) < 0 ||
		    (err = ov_buf_put_be(&rows, p->off[num], w)) < 0 ||
		    (err = ov_buf_put_be(&rows, packed ? p->idx[num] : 0, 2)) < 0)
			goto done;
	}
	if ((err = zip_level(p, &z, rows.ptr, rows.size, 1)) < 0 ||
	    (err = ov_buf_printf(&p->file, "%lld 0 obj\n<</Type /XRef /Size %lld "
				 "/W [1 %d 2]", xnum, xnum + 1, w)) < 0)
		goto done;
	for (i = 0; i < sizeof(copy) / sizeof(copy[0]); i++) {
		const ov_pdf_obj *v = ov_pdf_dict_get(trailer, copy[i]);
		ov_pdf_obj *c = NULL;

		if (!v)
			continue;
		if ((err = ov_pdf_obj_clone(&c, v)) < 0)
			goto done;
		if ((err = remap(c, p, 0)) < 0 ||
		    (err = ov_buf_printf(&p->file, " /%s ", copy[i])) < 0 ||
		    (err = ov_pdf_obj_write(&p->file, c)) < 0) {
			ov_pdf_obj_free(c);
			goto done;
		}
		ov_pdf_obj_free(c);
	}
	if ((err = ov_buf_printf(&p->file, " /Filter /FlateDecode /Length %zu>>\n"
				 "stream\n", z.size)) < 0 ||
	    (err = ov_buf_put(&p->file, z.ptr, z.size)) < 0)
		goto done;
	err = ov_buf_printf(&p->file, "\nendstream\nendobj\nstartxref\n%zu\n"
			    "%%%%EOF\n", xref);
done:
	ov_buf_dispose(&rows);
	ov_buf_dispose(&z);
	return err;
}

int pdf_pack(ov_buf *out, const char *pdf, size_t len)
{
	pack p;
	size_t nrevs, first = len, off;
	long long num, next = 1, s;
	int gen, used, err;

	memset(&p, 0, sizeof(p));
	p.pdf = pdf;
	if ((err = ov_lazy_load(&ov_deflate_lib)) < 0)
		return err;
	if ((err = ov_pdf_doc_open(&p.doc, pdf, len)) < 0)
		return ov_error_prefix("packing the PDF");
	ov_pdf_doc_revisions(p.doc, &nrevs);
	if (nrevs != 1) {
		err = ov_error_set(OV_EINVALID, "PDF: only a file of one revision "
				   "can be packed");
		goto done;
	}
	if ((err = pack_scan(&p)) < 0)
		goto done;
	/* the header: everything before the first object */
	for (size_t i = 0; i < ov_pdf_doc_count(p.doc); i++)
		if (ov_pdf_doc_entry(p.doc, i, &num, &off, &gen, &used) == OV_OK &&
		    used && off < first)
			first = off;
	if ((err = ov_buf_put(&p.file, pdf, first)) < 0)
		goto done;
	for (num = 1; num <= p.count; num++)
		if (p.objs[num]->type == OV_PDF_STREAM &&
		    (err = pack_stream(&p, num)) < 0)
			goto done;
	for (s = p.count + 1; s <= p.count + p.nstm; s++)
		if ((err = pack_objstm(&p, s, &next)) < 0)
			goto done;
	if ((err = pack_xref(&p, p.count + p.nstm + 1)) < 0)
		goto done;
	err = ov_buf_put(out, p.file.ptr, p.file.size);
done:
	ov_buf_dispose(&p.file);
	free(p.map);
	free(p.objs);
	free(p.off);
	free(p.idx);
	for (int i = 0; i < 2; i++)
		z_give(i, p.zc[i]);
	ov_pdf_doc_free(p.doc);
	return err;
}
