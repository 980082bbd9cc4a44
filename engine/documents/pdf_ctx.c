/*
 * pdf_ctx.c - the PDF renderer's shared state (see pdf_ctx.h): setting up
 * and freeing the render context, libharu's error handling, the growable
 * arrays, the string pool and loading fonts.  The bottom of the
 * renderer's line of stages: it uses none of the others.
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
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hpdf.h>
#include <hpdf_doc.h>      /* libharu internals: the font definition */
#include <hpdf_fontdef.h>  /* ... and its parsed cmap */

#include "overens/error.h"
#include "engine/documents/pdf_ctx.h"

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

int pdf_str(size_t *out, pdf_ctx *c, const char *s, size_t len)
{
	int err;

	*out = c->text.size;
	if ((err = ov_buf_put(&c->text, s, len)) < 0)
		return err;
	return ov_buf_put(&c->text, "", 1);
}

int pdf_ctx_init(pdf_ctx *c, const char *name,
		 const char *const paths[PDF_NSTYLES], int justify)
{
	int s, err;

	memset(c, 0, sizeof(*c));
	c->name = name;
	for (s = 0; s < PDF_NSTYLES; s++)
		c->fonts[s].path = paths[s] ? paths[s] : default_fonts[s];
	c->justify = justify;
	c->doc = HPDF_New(on_hpdf_error, c);
	if (!c->doc)
		return ov_error_set(OV_ENOMEM, "out of memory (libharu)");
	HPDF_UseUTFEncodings(c->doc);
	if ((err = pdf_check(c, "setting up UTF-8")) < 0)
		return err;
	HPDF_SetCurrentEncoder(c->doc, "UTF-8");
	if ((err = pdf_check(c, "setting up UTF-8")) < 0)
		return err;
	HPDF_SetCompressionMode(c->doc, HPDF_COMP_ALL);
	return pdf_check(c, "setting compression");
}

void pdf_ctx_dispose(pdf_ctx *c)
{
	int s;

	if (c->doc)
		HPDF_Free(c->doc);
	c->doc = NULL;
	for (s = 0; s < PDF_NSTYLES; s++)
		free(c->fonts[s].widths);
	ov_buf_dispose(&c->text);
	free(c->used);
	free(c->pieces);
	free(c->lines);
	free(c->ops);
	free(c->marks);
	ov_pdf_sigboxes_free(c->boxes, c->nboxes);
	memset(c, 0, sizeof(*c));
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
