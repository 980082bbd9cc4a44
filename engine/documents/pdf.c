/*
 * pdf.c - the PDF renderer's entry point (see pdf.h): metadata, drawing
 * the display list made by the layout stage, bookmarks, the embedded
 * attachment and saving to memory.
 *
 * The top of the renderer's line of stages (drawn in pdf_ctx.h): it sets
 * up the context (pdf_ctx.c), scans the characters (pdf_text.c), lays the
 * document out (pdf_layout.c, which paginates with pdf_page.c) and then
 * draws; nothing below calls back up into this file.
 *
 * libharu's HPDF_AttachFile only reads from a file path, takes the path as
 * the attachment's name, and reads the file when the document is saved.
 * We write the bytes to a mkstemp() file, attach it, then put the wanted
 * name into the file specification (/F, /UF) and the EmbeddedFiles name
 * tree key, so that neither the temporary name nor any other varying byte
 * reaches the output.  The file is unlinked as soon as it is written and
 * libharu is given /proc/self/fd/N, which stays readable while we hold the
 * descriptor: a process killed while rendering (a signature, at any
 * instant) leaves no file behind.  Without /proc the named file is
 * unlinked after saving.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "engine/base/lazy_hpdf.h"

#include "overens/error.h"
#include "engine/documents/pdf_ctx.h"
#include "engine/documents/pdf_text.h"
#include "engine/documents/pdf_layout.h"
#include "engine/documents/pdf_pack.h"
#include "engine/documents/pdf_pdfa.h"
#include "engine/base/xmlsafe.h"
#include "store/workspace.h" /* ov_fault_point */

#define PDF_INFO_MAX 2000 /* bytes kept of a metadata string */
#define PDF_MARK_MAX 300  /* bytes kept of a bookmark title */
#define PDF_WATERMARK_MAX 200   /* bytes kept of the watermark */
#define PDF_WATERMARK_SIZE 110.0 /* its largest font size */
#define PDF_WATERMARK_GRAY 0.85f /* its colour: light grey */

static int set_info_attr(pdf_ctx *c, xmlNodePtr root, const char *attr,
			 HPDF_InfoType type)
{
	ov_buf v = OV_BUF_INIT;
	char *raw = ov_xml_attr(root, attr);
	int err = OV_OK;

	if (!raw)
		return OV_OK;
	if ((err = pdf_clean_text(&v, raw, PDF_INFO_MAX)) < 0)
		goto done;
	if (v.size) {
		HPDF_SetInfoAttr(c->doc, type, v.ptr);
		err = pdf_check(c, "setting metadata");
	}
done:
	free(raw);
	ov_buf_dispose(&v);
	return err;
}

/* /Keywords: the layout's, then the source commit and tree. */
static int set_keywords(pdf_ctx *c, xmlNodePtr root, const char *source)
{
	ov_buf v = OV_BUF_INIT;
	char *raw = ov_xml_attr(root, "keywords");
	int err = OV_OK;

	if (raw && (err = pdf_clean_text(&v, raw, PDF_INFO_MAX)) < 0)
		goto done;
	if (source && *source && (err = ov_buf_printf(&v, "%s%s", v.size ? "; " : "", source)) < 0)
		goto done;
	if (v.size) {
		HPDF_SetInfoAttr(c->doc, HPDF_INFO_KEYWORDS, v.ptr);
		err = pdf_check(c, "setting metadata");
	}
done:
	free(raw);
	ov_buf_dispose(&v);
	return err;
}

static int set_info(pdf_ctx *c, xmlNodePtr root, const ov_pdf_options *opts)
{
	int err;

	if ((err = set_info_attr(c, root, "title", HPDF_INFO_TITLE)) < 0 ||
	    (err = set_info_attr(c, root, "author", HPDF_INFO_AUTHOR)) < 0 ||
	    (err = set_info_attr(c, root, "subject", HPDF_INFO_SUBJECT)) < 0 ||
	    (err = set_keywords(c, root, opts->source)) < 0)
		return err;
	HPDF_SetInfoAttr(c->doc, HPDF_INFO_CREATOR, "\xc3\x96verens");
	if ((err = pdf_check(c, "setting metadata")) < 0)
		return err;
	if (opts->creation_time >= 0) {
		time_t t = (time_t)opts->creation_time;
		struct tm tm;
		HPDF_Date d;

		if ((long long)t != opts->creation_time || !gmtime_r(&t, &tm) ||
		    tm.tm_year + 1900 > 9999)
			return ov_error_set(OV_EINVALID, "PDF creation time %lld is out of range",
					    opts->creation_time);
		memset(&d, 0, sizeof(d));
		d.year = tm.tm_year + 1900;
		d.month = tm.tm_mon + 1;
		d.day = tm.tm_mday;
		d.hour = tm.tm_hour;
		d.minutes = tm.tm_min;
		d.seconds = tm.tm_sec < 60 ? tm.tm_sec : 59;
		d.ind = 'Z';
		HPDF_SetInfoDateAttr(c->doc, HPDF_INFO_CREATION_DATE, d);
		if ((err = pdf_check(c, "setting the creation date")) < 0)
			return err;
	}
	return OV_OK;
}

/*
 * Orders the display list by page and layer, keeping the order within each
 * (a counting sort).  (*out)[(*starts)[p * PDF_NLAYERS] ..
 * (*starts)[(p + 1) * PDF_NLAYERS]) are the indexes of page p's items.
 */
static int sort_ops(size_t **out, size_t **starts, const pdf_ctx *c)
{
	size_t nkeys = (size_t)c->npages * PDF_NLAYERS, i;
	size_t *idx = malloc((c->nops ? c->nops : 1) * sizeof(*idx));
	size_t *pos = calloc(nkeys + 1, sizeof(*pos));
	size_t *next = malloc((nkeys + 1) * sizeof(*next));

	*out = *starts = NULL;
	if (!idx || !pos || !next) {
		free(idx);
		free(pos);
		free(next);
		return ov_error_set(OV_ENOMEM, "out of memory");
	}
	for (i = 0; i < c->nops; i++)
		pos[(size_t)c->ops[i].page * PDF_NLAYERS + c->ops[i].layer + 1]++;
	for (i = 1; i <= nkeys; i++)
		pos[i] += pos[i - 1];
	memcpy(next, pos, (nkeys + 1) * sizeof(*next));
	for (i = 0; i < c->nops; i++)
		idx[next[(size_t)c->ops[i].page * PDF_NLAYERS + c->ops[i].layer]++] = i;
	free(next);
	*out = idx;
	*starts = pos;
	return OV_OK;
}

/* <document watermark="...">, cleaned, into c->text (nothing when empty). */
static int read_watermark(pdf_ctx *c, xmlNodePtr root)
{
	ov_buf v = OV_BUF_INIT;
	char *raw = ov_xml_attr(root, "watermark");
	int err = OV_OK;

	if (raw && (err = pdf_clean_text(&v, raw, PDF_WATERMARK_MAX)) >= 0 && v.size &&
	    (err = pdf_str(&c->watermark, c, v.ptr, v.size)) >= 0)
		c->has_watermark = 1;
	free(raw);
	ov_buf_dispose(&v);
	return err;
}

/*
 * The watermark: bold, light grey, along the rising diagonal of the body
 * (the page inside its margins) and centred on it, as large as fits inside
 * the margins turned that way.  Drawn first, so that everything else (text,
 * rules, signature blocks) lies on top of it.
 */
static int draw_watermark(pdf_ctx *c, HPDF_Page page)
{
	const char *s = c->text.ptr + c->watermark;
	const double bw = OV_PDF_PAGE_WIDTH - OV_PDF_MARGIN_LEFT - OV_PDF_MARGIN_RIGHT;
	const double bh = OV_PDF_PAGE_HEIGHT - OV_PDF_MARGIN_TOP - OV_PDF_MARGIN_BOTTOM;
	const double em = 1.2; /* the text's height, ascent and descent, in em */
	double diag = hypot(bw, bh), cs = bw / diag, sn = bh / diag, w = 0, size, fit;
	double cx = OV_PDF_MARGIN_LEFT + bw / 2, cy = OV_PDF_MARGIN_BOTTOM + bh / 2;
	double half, rise;
	int err;

	if ((err = pdf_font_use(c, PDF_BOLD)) < 0 ||
	    (err = pdf_text_width(&w, c, PDF_BOLD, s, strlen(s), 1.0)) < 0)
		return err;
	/* The turned box, w*size long and em*size high, within bw x bh. */
	size = 0.9 * bw / (w * cs + em * sn);
	fit = 0.9 * bh / (w * sn + em * cs);
	if (fit < size)
		size = fit;
	if (size > PDF_WATERMARK_SIZE)
		size = PDF_WATERMARK_SIZE;
	half = w * size / 2;
	rise = size * 0.35; /* about half the height of a capital */
	HPDF_Page_SetGrayFill(page, PDF_WATERMARK_GRAY);
	HPDF_Page_BeginText(page);
	HPDF_Page_SetFontAndSize(page, c->fonts[PDF_BOLD].font, (HPDF_REAL)size);
	HPDF_Page_SetTextMatrix(page, (HPDF_REAL)cs, (HPDF_REAL)sn, (HPDF_REAL)-sn,
				(HPDF_REAL)cs, (HPDF_REAL)(cx - half * cs + rise * sn),
				(HPDF_REAL)(cy - half * sn - rise * cs));
	HPDF_Page_ShowText(page, s);
	HPDF_Page_EndText(page);
	return pdf_check(c, "drawing the watermark");
}

/*
 * Writes `len` bytes of content to the page as they are: the operators
 * libharu has no function for.
 */
static int page_write(pdf_ctx *c, HPDF_Page page, const char *s, size_t len)
{
	HPDF_PageAttr attr = page->attr;
	int err;

	if (HPDF_Stream_Write(attr->stream, (const HPDF_BYTE *)s, (HPDF_UINT)len) == HPDF_OK)
		return OV_OK;
	HPDF_CheckError(&c->doc->error);
	if ((err = pdf_check(c, "drawing text")) < 0)
		return err;
	return ov_error_set(OV_ERROR, "%s: PDF drawing text failed", c->name);
}

/* 1 when text op `b` continues op `a`'s run: the same baseline and font. */
static int same_run(const pdf_op *a, const pdf_op *b)
{
	return b->kind == PDF_OP_TEXT && b->y == a->y && b->style == a->style &&
	       b->size == a->size && b->x >= a->x;
}

/*
 * Draws the text ops idx[from..to), which share a baseline and font, as
 * one TJ: the strings with the gaps between them as adjustments in
 * 1/1000 em, each rounded against the wanted position so that no error
 * adds up.  A justified line is one operator instead of a move and a
 * string per word.
 */
static int show_run(pdf_ctx *c, HPDF_Page page, ov_buf *tj, const size_t *idx,
		    size_t from, size_t to)
{
	const pdf_op *first = &c->ops[idx[from]];
	unsigned long units;
	long pen = 0, target;
	size_t k;
	int err;

	ov_buf_clear(tj);
	if ((err = ov_buf_putc(tj, '[')) < 0)
		return err;
	for (k = from; k < to; k++) {
		const pdf_op *op = &c->ops[idx[k]];
		target = lround((op->x - first->x) * 1000.0 / first->size);
		if (target != pen && (err = ov_buf_put_ll(tj, pen - target)) < 0)
			return err;
		if ((err = pdf_text_codes(tj, &units, c, op->style,
					  c->text.ptr + op->text)) < 0)
			return err;
		pen = target + (long)units;
	}
	if ((err = ov_buf_puts(tj, "] TJ\n")) < 0)
		return err;
	/* Moves to the run's start (Td) and shows nothing. */
	HPDF_Page_TextOut(page, (HPDF_REAL)first->x, (HPDF_REAL)first->y, "");
	if ((err = pdf_check(c, "drawing text")) < 0)
		return err;
	return page_write(c, page, tj->ptr, tj->size);
}

static int draw_text(pdf_ctx *c, HPDF_Page page, const size_t *idx,
		     size_t from, size_t to)
{
	ov_buf tj = OV_BUF_INIT;
	HPDF_Font cur = NULL;
	double cursize = 0;
	size_t k, end;
	int err = OV_OK;

	HPDF_Page_BeginText(page);
	for (k = from; k < to; k = end) {
		const pdf_op *op = &c->ops[idx[k]];
		HPDF_Font f;

		end = k + 1;
		if (op->kind != PDF_OP_TEXT)
			continue;
		while (end < to && same_run(&c->ops[idx[end - 1]], &c->ops[idx[end]]))
			end++;
		if ((err = pdf_font_use(c, op->style)) < 0)
			goto done;
		f = c->fonts[op->style].font;
		if (f != cur || op->size != cursize) {
			HPDF_Page_SetFontAndSize(page, f, (HPDF_REAL)op->size);
			cur = f;
			cursize = op->size;
		}
		if ((err = show_run(c, page, &tj, idx, k, end)) < 0)
			goto done;
	}
	HPDF_Page_EndText(page);
	err = pdf_check(c, "drawing text");
done:
	ov_buf_dispose(&tj);
	return err;
}

static int draw_page(pdf_ctx *c, HPDF_Page page, const size_t *idx,
		     size_t from, size_t to)
{
	size_t k;
	int err;

	if (c->has_watermark && (err = draw_watermark(c, page)) < 0)
		return err;
	for (k = from; k < to; k++) {
		const pdf_op *op = &c->ops[idx[k]];
		if (op->kind != PDF_OP_FILL)
			continue;
		HPDF_Page_SetGrayFill(page, 0.9f);
		HPDF_Page_Rectangle(page, (HPDF_REAL)op->x, (HPDF_REAL)op->y,
				    (HPDF_REAL)op->x2, (HPDF_REAL)op->y2);
		HPDF_Page_Fill(page);
		if ((err = pdf_check(c, "drawing")) < 0)
			return err;
	}
	HPDF_Page_SetGrayStroke(page, 0.25f);
	for (k = from; k < to; k++) {
		const pdf_op *op = &c->ops[idx[k]];
		if (op->kind != PDF_OP_LINE)
			continue;
		HPDF_Page_SetLineWidth(page, (HPDF_REAL)op->size);
		HPDF_Page_MoveTo(page, (HPDF_REAL)op->x, (HPDF_REAL)op->y);
		HPDF_Page_LineTo(page, (HPDF_REAL)op->x2, (HPDF_REAL)op->y2);
		HPDF_Page_Stroke(page);
		if ((err = pdf_check(c, "drawing")) < 0)
			return err;
	}
	HPDF_Page_SetGrayFill(page, 0.0f);
	return draw_text(c, page, idx, from, to);
}

static int draw(pdf_ctx *c, HPDF_Page **pages_out)
{
	HPDF_Page *pages = NULL;
	size_t *idx = NULL, *starts = NULL;
	int p, err;

	*pages_out = NULL;
	if ((err = sort_ops(&idx, &starts, c)) < 0)
		return err;
	pages = calloc((size_t)c->npages, sizeof(*pages));
	if (!pages) {
		err = ov_error_set(OV_ENOMEM, "out of memory");
		goto done;
	}
	for (p = 0; p < c->npages; p++) {
		pages[p] = HPDF_AddPage(c->doc);
		if ((err = pdf_check(c, "adding a page")) < 0)
			goto done;
		HPDF_Page_SetSize(pages[p], HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
		if ((err = pdf_check(c, "adding a page")) < 0)
			goto done;
		if ((err = draw_page(c, pages[p], idx, starts[(size_t)p * PDF_NLAYERS],
				     starts[(size_t)(p + 1) * PDF_NLAYERS])) < 0)
			goto done;
	}
	*pages_out = pages;
	pages = NULL;
done:
	free(pages);
	free(idx);
	free(starts);
	return err;
}

/*
 * A bookmark titled `title` (UTF-8): in PDFDocEncoding when it can be, a
 * third of the size of the UTF-16 that the encoder `enc` writes otherwise.
 */
static int outline_new(HPDF_Outline *out, pdf_ctx *c, ov_buf *tmp,
		       HPDF_Outline parent, const char *title, HPDF_Encoder enc)
{
	int one_byte = pdf_to_pdfdoc(tmp, title);

	if (one_byte < 0)
		return one_byte;
	if (one_byte)
		*out = HPDF_CreateOutline(c->doc, parent, tmp->ptr ? tmp->ptr : "", NULL);
	else
		*out = HPDF_CreateOutline(c->doc, parent, title, enc);
	return pdf_check(c, "adding bookmarks");
}

static int add_outlines(pdf_ctx *c, HPDF_Page *pages)
{
	HPDF_Encoder enc;
	HPDF_Outline parent = NULL;
	ov_buf doc = OV_BUF_INIT;
	size_t i;
	int err;

	if (!c->nmarks)
		return OV_OK;
	enc = HPDF_GetEncoder(c->doc, "UTF-8");
	if ((err = pdf_check(c, "adding bookmarks")) < 0)
		return err;
	for (i = 0; i < c->nmarks; i++) {
		const pdf_mark *m = &c->marks[i];
		HPDF_Outline o;
		HPDF_Destination dst;
		double top = m->y + 6.0;

		if (top > OV_PDF_PAGE_HEIGHT)
			top = OV_PDF_PAGE_HEIGHT;
		if ((err = outline_new(&o, c, &doc, m->level == 1 ? NULL : parent,
				       c->text.ptr + m->text, enc)) < 0)
			goto done;
		dst = HPDF_Page_CreateDestination(pages[m->page]);
		/* libharu 2.3.0 refuses a null zoom for /XYZ: fit the width. */
		HPDF_Destination_SetFitH(dst, (HPDF_REAL)top);
		HPDF_Outline_SetDestination(o, dst);
		if (m->level == 1) {
			HPDF_Outline_SetOpened(o, HPDF_TRUE);
			parent = o;
		}
		if ((err = pdf_check(c, "adding bookmarks")) < 0)
			goto done;
	}
	HPDF_SetPageMode(c->doc, HPDF_PAGE_MODE_USE_OUTLINE);
	err = pdf_check(c, "adding bookmarks");
done:
	ov_buf_dispose(&doc);
	return err;
}

static int write_all(int fd, const void *data, size_t len)
{
	const char *p = data;

	while (len > 0) {
		ssize_t w = write(fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

/* Replaces libharu's file name (the temporary path) with `name`. */
static int name_attachment(pdf_ctx *c, HPDF_EmbeddedFile ef, const char *tmp,
			   const char *name)
{
	ov_buf clean = OV_BUF_INIT, ascii = OV_BUF_INIT;
	HPDF_NameDict names;
	HPDF_NameTree tree;
	HPDF_Array arr;
	HPDF_String f, uf;
	const char *base = strrchr(name, '/');
	const unsigned char *p;
	HPDF_UINT i, n;
	int err;

	base = base ? base + 1 : name;
	if ((err = pdf_clean_text(&clean, base, 255)) < 0)
		goto done;
	if (!clean.size && (err = ov_buf_puts(&clean, "attachment")) < 0)
		goto done;
	/* /F is a byte string: every non-ASCII character becomes '_'. */
	for (p = (const unsigned char *)clean.ptr; *p; p++) {
		if (*p < 0x80)
			err = ov_buf_putc(&ascii, (char)*p);
		else if ((*p & 0xc0) == 0xc0)
			err = ov_buf_putc(&ascii, '_');
		if (err < 0)
			goto done;
	}
	f = HPDF_String_New(ef->mmgr, ascii.ptr, NULL);
	uf = HPDF_String_New(ef->mmgr, clean.ptr, HPDF_GetEncoder(c->doc, "UTF-8"));
	if ((err = pdf_check(c, "naming the attachment")) < 0)
		goto done;
	if (!f || !uf) {
		err = ov_error_set(OV_ENOMEM, "out of memory");
		goto done;
	}
	HPDF_Dict_Add(ef, "F", f);
	HPDF_Dict_Add(ef, "UF", uf);
	HPDF_Dict_AddName(ef, "Type", "Filespec");
	if ((err = pdf_check(c, "naming the attachment")) < 0)
		goto done;

	names = HPDF_Catalog_GetNames(c->doc->catalog);
	tree = names ? HPDF_NameDict_GetNameTree(names, HPDF_NAME_EMBEDDED_FILES) : NULL;
	arr = tree ? HPDF_Dict_GetItem(tree, "Names", HPDF_OCLASS_ARRAY) : NULL;
	if ((err = pdf_check(c, "naming the attachment")) < 0)
		goto done;
	if (!arr) {
		err = ov_error_set(OV_ERROR, "%s: PDF attachment has no name tree", c->name);
		goto done;
	}
	n = HPDF_Array_Items(arr);
	for (i = 0; i < n; i += 2) {
		HPDF_String key = HPDF_Array_GetItem(arr, i, HPDF_OCLASS_STRING);
		if (key && key->len == strlen(tmp) && !memcmp(key->value, tmp, key->len))
			HPDF_String_SetValue(key, ascii.ptr);
	}
	err = pdf_check(c, "naming the attachment");
done:
	ov_buf_dispose(&clean);
	ov_buf_dispose(&ascii);
	return err;
}

/* A temporary file libharu reads an attachment from when saving (see the top of the file). */
typedef struct attach_tmp {
	ov_buf path;  /* what libharu opens */
	int fd;       /* held until the document is saved, or -1 */
	int named;    /* path is the file's own name: unlink it when done */
} attach_tmp;

/* The bytes in a fresh temporary file, already unlinked where /proc lets libharu reach it. */
static int tmp_file(attach_tmp *t, const void *data, size_t len)
{
	const char *dir = getenv("TMPDIR");
	int err;

	if (!dir || !*dir)
		dir = "/tmp";
	if ((err = ov_buf_printf(&t->path, "%s/ov-pdf-attachment-XXXXXX", dir)) < 0)
		return err;
	if ((t->fd = mkstemp(t->path.ptr)) < 0) {
		err = ov_error_set(OV_ERROR, "%s: %s", t->path.ptr, strerror(errno));
		ov_buf_clear(&t->path);
		return err;
	}
	t->named = 1;
	if (len && write_all(t->fd, data, len) < 0)
		return ov_error_set(OV_ERROR, "%s: %s", t->path.ptr, strerror(errno));
	if (access("/proc/self/fd", X_OK) == 0 && unlink(t->path.ptr) == 0) {
		t->named = 0;
		ov_buf_clear(&t->path);
		return ov_buf_printf(&t->path, "/proc/self/fd/%d", t->fd);
	}
	return OV_OK;
}

static void tmp_dispose(attach_tmp *t)
{
	if (t->named && t->path.size)
		unlink(t->path.ptr);
	if (t->fd >= 0)
		close(t->fd);
	ov_buf_dispose(&t->path);
}

/* Embeds `a` through a temporary file `tmp` (libharu reads it when saving). */
static int attach_one(pdf_ctx *c, const ov_pdf_attachment *a, const ov_pdf_options *opts,
		      attach_tmp *tmp)
{
	HPDF_EmbeddedFile ef;
	int err;

	if (!a->data && a->len)
		return ov_error_set(OV_EINVALID, "PDF attachment %s has no bytes", a->name);
	if ((err = tmp_file(tmp, a->data, a->len)) < 0)
		return err;
	ef = HPDF_AttachFile(c->doc, tmp->path.ptr);
	if ((err = pdf_check(c, "attaching a file")) < 0)
		return err;
	if (!ef)
		return ov_error_set(OV_ERROR, "%s: PDF attachment failed", c->name);
	if ((err = name_attachment(c, ef, tmp->path.ptr, a->name)) < 0)
		return err;
	return pdf_pdfa_attachment(c, ef, a, opts);
}

/*
 * The agreement's XML (the document's /Source) and the files that go with
 * it, each through its own temporary file in tmp[] (1 + opts->nmore).
 */
static int attach(pdf_ctx *c, const ov_pdf_options *opts, attach_tmp *tmp)
{
	ov_pdf_attachment xml = {
		opts->attachment_name, opts->attachment, opts->attachment_len, "Source",
		"Avtalets XML, som PDF-filen \xc3\xa4r framst\xc3\xa4lld ur"
	};
	int err;

	if (!opts->attachment_name)
		return OV_OK;
	if ((err = attach_one(c, &xml, opts, &tmp[0])) < 0)
		return err;
	for (size_t i = 0; i < opts->nmore && err >= 0; i++)
		err = attach_one(c, &opts->more[i], opts, &tmp[i + 1]);
	return err;
}

/* libharu's file into `out` (appended), as it writes it. */
static int save_raw(pdf_ctx *c, ov_buf *out)
{
	size_t old = out->size, got = 0;
	HPDF_UINT32 size;
	int err;

	HPDF_SaveToStream(c->doc);
	if ((err = pdf_check(c, "saving")) < 0)
		return err;
	size = HPDF_GetStreamSize(c->doc);
	if ((err = pdf_check(c, "saving")) < 0)
		return err;
	if ((err = ov_buf_grow(out, old + (size_t)size + 1)) < 0)
		return err;
	while (got < size) {
		HPDF_UINT32 n = size - (HPDF_UINT32)got;
		HPDF_STATUS st = HPDF_ReadFromStream(c->doc,
						     (HPDF_BYTE *)out->ptr + old + got, &n);
		if (c->herr == HPDF_STREAM_EOF) {
			c->herr = c->hdetail = 0;
			HPDF_ResetError(c->doc);
		}
		if ((err = pdf_check(c, "saving")) < 0)
			break;
		got += n;
		if (st == HPDF_STREAM_EOF || n == 0)
			break;
	}
	if (!err && got != size)
		err = ov_error_set(OV_ERROR, "%s: PDF saving stopped after %zu of %u bytes",
				   c->name, got, (unsigned)size);
	if (err < 0) {
		out->size = old;
		out->ptr[old] = '\0';
		return err;
	}
	out->size = old + got;
	out->ptr[out->size] = '\0';
	return OV_OK;
}

/* The document, its objects packed into object streams (pdf_pack.h). */
static int save(pdf_ctx *c, ov_buf *out)
{
	ov_buf raw = OV_BUF_INIT;
	int err;

	if ((err = save_raw(c, &raw)) == OV_OK)
		err = pdf_pack(out, raw.ptr, raw.size);
	ov_buf_dispose(&raw);
	if (err < 0)
		return ov_error_prefix("%s", c->name);
	return OV_OK;
}

int ov_pdf_render(ov_buf *out, xmlDocPtr layout, const ov_pdf_options *opts,
		  ov_pdf_sigbox **boxes, size_t *nboxes)
{
	static const ov_pdf_options defaults = OV_PDF_OPTIONS_INIT;
	const char *paths[PDF_NSTYLES];
	attach_tmp *tmp = NULL;
	HPDF_Page *pages = NULL;
	const char *name;
	xmlNodePtr root;
	pdf_ctx c;
	int err = OV_OK;

	memset(&c, 0, sizeof(c));
	if (boxes)
		*boxes = NULL;
	if (nboxes)
		*nboxes = 0;
	if (!opts)
		opts = &defaults;
	if (!out || !layout)
		return ov_error_set(OV_EINVALID, "PDF rendering needs a layout and an output");
	name = layout->URL ? (const char *)layout->URL : "layout";
	if (opts->rng_path && (err = ov_rng_validate(layout, opts->rng_path, name)) < 0)
		return err;
	root = xmlDocGetRootElement(layout);
	if (!root || strcmp((const char *)root->name, "document"))
		return ov_error_set(OV_EINVALID,
				    "%s:%ld: the root element is <%s>, expected <document>",
				    name, root ? xmlGetLineNo(root) : 0L,
				    root ? (const char *)root->name : "");
	if (!(tmp = calloc(opts->nmore + 1, sizeof(*tmp))))
		return ov_error_set(OV_ENOMEM, "out of memory");
	for (size_t i = 0; i <= opts->nmore; i++)
		tmp[i].fd = -1;
	paths[PDF_REGULAR] = opts->font_regular;
	paths[PDF_BOLD] = opts->font_bold;
	paths[PDF_ITALIC] = opts->font_italic;
	paths[PDF_BOLD_ITALIC] = opts->font_bold_italic;
	if ((err = pdf_ctx_init(&c, name, paths, opts->justify)) < 0)
		goto done;
	if ((err = pdf_scan_chars(&c, root)) < 0 ||
	    (err = pdf_font_use(&c, PDF_REGULAR)) < 0 ||
	    (err = set_info(&c, root, opts)) < 0 ||
	    (err = read_watermark(&c, root)) < 0 ||
	    (err = pdf_layout(&c, root)) < 0 ||
	    (err = draw(&c, &pages)) < 0 ||
	    (err = add_outlines(&c, pages)) < 0 ||
	    (err = attach(&c, opts, tmp)) < 0 ||
	    (ov_fault_point("pdf-attached"), 0) ||
	    (err = pdf_pdfa_finish(&c, opts)) < 0 ||
	    (err = save(&c, out)) < 0)
		goto done;
	if (boxes) {
		*boxes = c.boxes;
		c.boxes = NULL;
		if (nboxes)
			*nboxes = c.nboxes;
		c.nboxes = 0;
	}
done:
	for (size_t i = 0; i <= opts->nmore; i++)
		tmp_dispose(&tmp[i]);
	free(tmp);
	free(pages);
	pdf_ctx_dispose(&c);
	return err;
}
