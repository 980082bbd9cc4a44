/*
 * pdf.c - the PDF renderer's entry point (see pdf.h): libharu set-up and
 * error handling, fonts, metadata, drawing the display list made by
 * pdf_layout.c, bookmarks, the embedded attachment and saving to memory.
 *
 * libharu reports errors through a handler; ours only records the first
 * error (code and detail) in the render context, and pdf_check(), called
 * after every libharu step, turns it into an OV_E* code with a message and
 * resets libharu's error state.  There is no setjmp/longjmp.
 *
 * The UTF-8 path is set up in the order libharu needs: UTF encodings, the
 * current encoder "UTF-8" (before any Info string), then TrueType fonts
 * loaded with embedding and fetched with the "UTF-8" encoder.  Fonts are
 * loaded on first use.
 *
 * HPDF_GetFont builds the font's CID-to-glyph map by looking every one of
 * the 65,536 BMP code points up in the font's cmap, each lookup a linear
 * search over its segments (about 190 in DejaVu Sans): some 8 ms a font,
 * and a 128 KB map that must then be compressed.  Before that call the
 * parsed cmap (only libharu's copy in memory; the embedded font file is
 * untouched) is cut down to the code points the document draws, found by
 * pdf_scan_chars() before layout, as runs of consecutive code points and
 * glyphs.  The map then holds just those, which halves the time of a
 * typical render and shrinks the file by a third; pdf_char_units() refuses
 * any character the scan missed rather than draw it without a glyph.
 *
 * libharu's HPDF_AttachFile only reads from a file path, takes the path as
 * the attachment's name, and reads the file when the document is saved.
 * We write the bytes to a mkstemp() file, attach it, then put the wanted
 * name into the file specification (/F, /UF) and the EmbeddedFiles name
 * tree key, so that neither the temporary name nor any other varying byte
 * reaches the output; the file is unlinked after saving.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <hpdf.h>
#include <hpdf_doc.h>      /* libharu internals: the font definition */
#include <hpdf_fontdef.h>  /* ... and its parsed cmap */
#include <hpdf_namedict.h> /* ... renaming the attachment */

#include "overens/error.h"
#include "engine/documents/pdf_int.h"
#include "engine/base/xmlsafe.h"

#define PDF_INFO_MAX 2000 /* bytes kept of a metadata string */
#define PDF_MARK_MAX 300  /* bytes kept of a bookmark title */

static const char *const default_fonts[PDF_NSTYLES] = {
	OV_PDF_FONT_DIR "/DejaVuSans.ttf",
	OV_PDF_FONT_DIR "/DejaVuSans-Bold.ttf",
	OV_PDF_FONT_DIR "/DejaVuSans-Oblique.ttf",
	OV_PDF_FONT_DIR "/DejaVuSans-BoldOblique.ttf",
};

static void on_hpdf_error(HPDF_STATUS error_no, HPDF_STATUS detail_no,
			  void *user_data)
{
	pdf_ctx *c = user_data;

	if (c && !c->herr) {
		c->herr = error_no;
		c->hdetail = detail_no;
	}
}

static const char *hpdf_error_text(HPDF_STATUS e)
{
	switch (e) {
	case HPDF_FAILD_TO_ALLOC_MEM:     return "out of memory";
	case HPDF_FILE_IO_ERROR:          return "file I/O error";
	case HPDF_FILE_OPEN_ERROR:        return "cannot open file";
	case HPDF_TTF_CANNOT_EMBEDDING_FONT: return "font does not allow embedding";
	case HPDF_TTF_INVALID_CMAP:       return "font has no usable cmap";
	case HPDF_TTF_INVALID_FOMAT:      return "not a TrueType font";
	case HPDF_TTF_MISSING_TABLE:      return "font lacks a required table";
	case HPDF_INVALID_FONTDEF_DATA:   return "invalid font data";
	case HPDF_PAGE_INVALID_FONT_SIZE: return "invalid font size";
	case HPDF_ZLIB_ERROR:             return "compression failed";
	case HPDF_STRING_OUT_OF_RANGE:    return "string too long";
	default:                          return "error";
	}
}

int pdf_check(pdf_ctx *c, const char *what)
{
	HPDF_STATUS e = c->herr, d = c->hdetail;
	int code;

	if (!e)
		return OV_OK;
	c->herr = c->hdetail = 0;
	HPDF_ResetError(c->doc);
	switch (e) {
	case HPDF_FAILD_TO_ALLOC_MEM:
		code = OV_ENOMEM;
		break;
	case HPDF_TTF_CANNOT_EMBEDDING_FONT:
	case HPDF_TTF_INVALID_CMAP:
	case HPDF_TTF_INVALID_FOMAT:
	case HPDF_TTF_MISSING_TABLE:
	case HPDF_INVALID_FONTDEF_DATA:
		code = OV_EINVALID;
		break;
	default:
		code = OV_ERROR;
		break;
	}
	return ov_error_set(code, "%s: PDF %s failed: libharu error 0x%04X (%s, detail %u)",
			    c->name, what, (unsigned)e, hpdf_error_text(e),
			    (unsigned)d);
}

int pdf_grow(void **ptr, size_t *alloc, size_t need, size_t elem)
{
	size_t want;
	void *p;

	if (need <= *alloc)
		return OV_OK;
	if (need > PDF_MAX_ITEMS)
		return ov_error_set(OV_ENOMEM, "PDF layout exceeds %zu items",
				    (size_t)PDF_MAX_ITEMS);
	want = *alloc ? *alloc : 16;
	while (want < need)
		want *= 2;
	p = realloc(*ptr, want * elem);
	if (!p)
		return ov_error_set(OV_ENOMEM, "out of memory");
	*ptr = p;
	*alloc = want;
	return OV_OK;
}

/*
 * Rewrites the parsed format 4 cmap of font definition `name` to map only
 * the code points in c->used (see the top of this file).  The segments are
 * written over the first entries of libharu's own arrays, so there must be
 * room: with more runs than the font has segments the cmap stays whole.
 */
static int cmap_keep_used(pdf_ctx *c, const char *name)
{
	HPDF_FontDef def = HPDF_GetFontDef(c->doc, name);
	HPDF_TTFontDefAttr attr;
	HPDF_UINT16 *start = NULL, *end = NULL;
	HPDF_INT16 *delta = NULL;
	size_t n = 0, k = 0, segs, i;
	unsigned cp;
	int err = OV_OK;

	if ((err = pdf_check(c, "reading a font")) < 0)
		return err;
	if (!c->used || !def || def->type != HPDF_FONTDEF_TYPE_TRUETYPE || !def->attr)
		return OV_OK;
	attr = def->attr;
	segs = attr->cmap.seg_count_x2 / 2u;
	if (attr->cmap.format != 4 || !segs)
		return OV_OK;
	for (cp = 0; cp < 0xffff; cp++)
		n += c->used[cp];
	start = malloc((n + 1) * sizeof(*start));
	end = malloc((n + 1) * sizeof(*end));
	delta = malloc((n + 1) * sizeof(*delta));
	if (!start || !end || !delta) {
		err = ov_error_set(OV_ENOMEM, "out of memory");
		goto done;
	}
	for (cp = 0; cp < 0xffff; cp++) {
		HPDF_UINT16 gid;
		if (!c->used[cp])
			continue;
		gid = HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)cp);
		if (!gid)
			continue; /* not in the font: drawn as .notdef either way */
		if (k && end[k - 1] + 1u == cp &&
		    (HPDF_UINT16)(cp + (unsigned)(HPDF_UINT16)delta[k - 1]) == gid) {
			end[k - 1] = (HPDF_UINT16)cp;
			continue;
		}
		start[k] = end[k] = (HPDF_UINT16)cp;
		delta[k] = (HPDF_INT16)(HPDF_UINT16)(gid - cp);
		k++;
	}
	/* The closing segment every format 4 cmap has: U+FFFF, no glyph. */
	start[k] = end[k] = 0xffff;
	delta[k] = 1;
	k++;
	if ((err = pdf_check(c, "reading a font")) < 0 || k > segs)
		goto done;
	for (i = 0; i < k; i++) {
		attr->cmap.start_count[i] = start[i];
		attr->cmap.end_count[i] = end[i];
		attr->cmap.id_delta[i] = delta[i];
		attr->cmap.id_range_offset[i] = 0;
	}
	attr->cmap.seg_count_x2 = (HPDF_UINT16)(2 * k);
done:
	free(start);
	free(end);
	free(delta);
	return err;
}

int pdf_font_use(pdf_ctx *c, int style)
{
	pdf_font *f = &c->fonts[style];
	const char *name;
	int s, err;

	if (f->font)
		return OV_OK;
	if (!f->widths) {
		f->widths = malloc(65536 * sizeof(*f->widths));
		if (!f->widths)
			return ov_error_set(OV_ENOMEM, "out of memory");
		memset(f->widths, 0xff, 65536 * sizeof(*f->widths));
	}
	/* The same file named for two styles is loaded once. */
	for (s = 0; s < PDF_NSTYLES; s++) {
		if (s != style && c->fonts[s].font && !strcmp(c->fonts[s].path, f->path)) {
			f->font = c->fonts[s].font;
			f->ascent = c->fonts[s].ascent;
			f->descent = c->fonts[s].descent;
			return OV_OK;
		}
	}
	if (access(f->path, R_OK) < 0)
		return ov_error_set(errno == ENOENT ? OV_ENOTFOUND : OV_ERROR,
				    "font file %s: %s", f->path, strerror(errno));
	name = HPDF_LoadTTFontFromFile(c->doc, f->path, HPDF_TRUE);
	if ((err = pdf_check(c, "loading a font")) < 0)
		return ov_error_prefix("font file %s", f->path);
	if (!name)
		return ov_error_set(OV_ERROR, "font file %s: not loaded", f->path);
	if ((err = cmap_keep_used(c, name)) < 0)
		return ov_error_prefix("font file %s", f->path);
	f->font = HPDF_GetFont(c->doc, name, "UTF-8");
	if ((err = pdf_check(c, "loading a font")) < 0)
		return ov_error_prefix("font file %s", f->path);
	if (!f->font)
		return ov_error_set(OV_ERROR, "font file %s: not loaded", f->path);
	f->ascent = (double)HPDF_Font_GetAscent(f->font);
	f->descent = -(double)HPDF_Font_GetDescent(f->font);
	if (f->ascent <= 0 || f->ascent > 2000)
		f->ascent = 1000;
	if (f->descent < 0 || f->descent > 2000)
		f->descent = 300;
	return pdf_check(c, "reading font metrics");
}

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

static int draw_page(pdf_ctx *c, HPDF_Page page, const size_t *idx,
		     size_t from, size_t to)
{
	HPDF_Font cur = NULL;
	double cursize = 0;
	size_t k;
	int err;

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
	HPDF_Page_BeginText(page);
	for (k = from; k < to; k++) {
		const pdf_op *op = &c->ops[idx[k]];
		HPDF_Font f;

		if (op->kind != PDF_OP_TEXT)
			continue;
		if ((err = pdf_font_use(c, op->style)) < 0)
			return err;
		f = c->fonts[op->style].font;
		if (f != cur || op->size != cursize) {
			HPDF_Page_SetFontAndSize(page, f, (HPDF_REAL)op->size);
			cur = f;
			cursize = op->size;
		}
		HPDF_Page_TextOut(page, (HPDF_REAL)op->x, (HPDF_REAL)op->y,
				  c->text.ptr + op->text);
		if ((err = pdf_check(c, "drawing text")) < 0)
			return err;
	}
	HPDF_Page_EndText(page);
	return pdf_check(c, "drawing text");
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

static int add_outlines(pdf_ctx *c, HPDF_Page *pages)
{
	HPDF_Encoder enc;
	HPDF_Outline parent = NULL;
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
		o = HPDF_CreateOutline(c->doc, m->level == 1 ? NULL : parent,
				       c->text.ptr + m->text, enc);
		if ((err = pdf_check(c, "adding bookmarks")) < 0)
			return err;
		dst = HPDF_Page_CreateDestination(pages[m->page]);
		/* libharu 2.3.0 refuses a null zoom for /XYZ: fit the width. */
		HPDF_Destination_SetFitH(dst, (HPDF_REAL)top);
		HPDF_Outline_SetDestination(o, dst);
		if (m->level == 1) {
			HPDF_Outline_SetOpened(o, HPDF_TRUE);
			parent = o;
		}
		if ((err = pdf_check(c, "adding bookmarks")) < 0)
			return err;
	}
	HPDF_SetPageMode(c->doc, HPDF_PAGE_MODE_USE_OUTLINE);
	return pdf_check(c, "adding bookmarks");
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

static int attach(pdf_ctx *c, const ov_pdf_options *opts, ov_buf *tmp)
{
	const char *dir = getenv("TMPDIR");
	HPDF_EmbeddedFile ef;
	int fd, err;

	if (!opts->attachment_name)
		return OV_OK;
	if (!opts->attachment && opts->attachment_len)
		return ov_error_set(OV_EINVALID, "PDF attachment %s has no bytes",
				    opts->attachment_name);
	if (!dir || !*dir)
		dir = "/tmp";
	if ((err = ov_buf_printf(tmp, "%s/ov-pdf-attachment-XXXXXX", dir)) < 0)
		return err;
	fd = mkstemp(tmp->ptr);
	if (fd < 0) {
		err = ov_error_set(OV_ERROR, "%s: %s", tmp->ptr, strerror(errno));
		ov_buf_clear(tmp);
		return err;
	}
	if (opts->attachment_len &&
	    write_all(fd, opts->attachment, opts->attachment_len) < 0) {
		err = ov_error_set(OV_ERROR, "%s: %s", tmp->ptr, strerror(errno));
		close(fd);
		return err;
	}
	if (close(fd) < 0)
		return ov_error_set(OV_ERROR, "%s: %s", tmp->ptr, strerror(errno));
	ef = HPDF_AttachFile(c->doc, tmp->ptr);
	if ((err = pdf_check(c, "attaching a file")) < 0)
		return err;
	if (!ef)
		return ov_error_set(OV_ERROR, "%s: PDF attachment failed", c->name);
	return name_attachment(c, ef, tmp->ptr, opts->attachment_name);
}

static int save(pdf_ctx *c, ov_buf *out)
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

void ov_pdf_sigboxes_free(ov_pdf_sigbox *boxes, size_t n)
{
	size_t i;

	if (!boxes)
		return;
	for (i = 0; i < n; i++)
		free(boxes[i].id);
	free(boxes);
}

int ov_pdf_render(ov_buf *out, xmlDocPtr layout, const ov_pdf_options *opts,
		  ov_pdf_sigbox **boxes, size_t *nboxes)
{
	static const ov_pdf_options defaults = OV_PDF_OPTIONS_INIT;
	const char *paths[PDF_NSTYLES];
	ov_buf tmp = OV_BUF_INIT;
	HPDF_Page *pages = NULL;
	xmlNodePtr root;
	pdf_ctx c;
	int s, err = OV_OK;

	memset(&c, 0, sizeof(c));
	if (boxes)
		*boxes = NULL;
	if (nboxes)
		*nboxes = 0;
	if (!opts)
		opts = &defaults;
	if (!out || !layout)
		return ov_error_set(OV_EINVALID, "PDF rendering needs a layout and an output");
	c.name = layout->URL ? (const char *)layout->URL : "layout";
	if (opts->rng_path && (err = ov_rng_validate(layout, opts->rng_path, c.name)) < 0)
		return err;
	root = xmlDocGetRootElement(layout);
	if (!root || strcmp((const char *)root->name, "document"))
		return ov_error_set(OV_EINVALID,
				    "%s:%ld: the root element is <%s>, expected <document>",
				    c.name, root ? xmlGetLineNo(root) : 0L,
				    root ? (const char *)root->name : "");
	paths[PDF_REGULAR] = opts->font_regular;
	paths[PDF_BOLD] = opts->font_bold;
	paths[PDF_ITALIC] = opts->font_italic;
	paths[PDF_BOLD_ITALIC] = opts->font_bold_italic;
	for (s = 0; s < PDF_NSTYLES; s++)
		c.fonts[s].path = paths[s] ? paths[s] : default_fonts[s];
	c.justify = opts->justify;

	c.doc = HPDF_New(on_hpdf_error, &c);
	if (!c.doc) {
		err = ov_error_set(OV_ENOMEM, "out of memory (libharu)");
		goto done;
	}
	HPDF_UseUTFEncodings(c.doc);
	if ((err = pdf_check(&c, "setting up UTF-8")) < 0)
		goto done;
	HPDF_SetCurrentEncoder(c.doc, "UTF-8");
	if ((err = pdf_check(&c, "setting up UTF-8")) < 0)
		goto done;
	HPDF_SetCompressionMode(c.doc, HPDF_COMP_ALL);
	if ((err = pdf_check(&c, "setting compression")) < 0)
		goto done;
	if ((err = pdf_scan_chars(&c, root)) < 0 ||
	    (err = pdf_font_use(&c, PDF_REGULAR)) < 0 ||
	    (err = set_info(&c, root, opts)) < 0 ||
	    (err = pdf_layout(&c, root)) < 0 ||
	    (err = draw(&c, &pages)) < 0 ||
	    (err = add_outlines(&c, pages)) < 0 ||
	    (err = attach(&c, opts, &tmp)) < 0 ||
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
	if (tmp.size)
		unlink(tmp.ptr);
	ov_buf_dispose(&tmp);
	free(pages);
	if (c.doc)
		HPDF_Free(c.doc);
	for (s = 0; s < PDF_NSTYLES; s++)
		free(c.fonts[s].widths);
	ov_buf_dispose(&c.text);
	free(c.used);
	free(c.pieces);
	free(c.lines);
	free(c.ops);
	free(c.marks);
	ov_pdf_sigboxes_free(c.boxes, c.nboxes);
	return err;
}
