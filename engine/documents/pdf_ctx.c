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
 * Fonts are embedded as subsets.  pdf_scan_chars() finds, before layout,
 * every code point the document can draw (c->used); each font file is cut
 * down to those glyphs by ov_font_subset() (fontsubset.c) and the subset
 * loaded from memory.  Widths and vertical metrics are the whole font's,
 * so the layout is the same as with the whole font; the embedded font
 * program is some 10 KB instead of libharu's 150 KB, and HPDF_GetFont,
 * which looks every BMP code point up in the font's cmap to build the
 * CID-to-glyph map, searches a cmap of a few dozen segments instead of
 * DejaVu's 190.  pdf_char_units() refuses any character the scan missed
 * rather than draw it without a glyph.
 *
 * libharu's /ToUnicode stream is replaced by a valid one (write_to_unicode)
 * so that text can be copied and searched without reader warnings.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "engine/base/lazy_hpdf.h"
#include <hpdf_utils.h>

#include "overens/error.h"
#include "engine/documents/fontsubset.h"
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
 * The code points of c->used, in order; the caller frees *out.
 */
/*
 * The first code point from `cp` on that the document uses, or 0x10000:
 * the 64 KiB of flags are mostly zero, so they are skipped eight at a time.
 */
static unsigned next_used(const pdf_ctx *c, unsigned cp)
{
	uint64_t w;

	while (cp <= 0xffff) {
		if (!(cp & 7)) {
			memcpy(&w, c->used + cp, sizeof(w));
			if (!w) {
				cp += 8;
				continue;
			}
		}
		if (c->used[cp])
			return cp;
		cp++;
	}
	return 0x10000;
}

static int used_code_points(uint32_t **out, size_t *n, const pdf_ctx *c)
{
	uint32_t *cps = NULL, *g;
	size_t k = 0, cap = 0;
	unsigned cp;

	*out = NULL;
	*n = 0;
	for (cp = next_used(c, 0); cp <= 0xffff; cp = next_used(c, cp + 1)) {
		if (k == cap) {
			cap = cap ? 2 * cap : 256;
			if (!(g = realloc(cps, cap * sizeof(*cps)))) {
				free(cps);
				return ov_error_set(OV_ENOMEM, "out of memory");
			}
			cps = g;
		}
		cps[k++] = cp;
	}
	if (!cps && !(cps = malloc(sizeof(*cps))))
		return ov_error_set(OV_ENOMEM, "out of memory");
	*out = cps;
	*n = k;
	return OV_OK;
}

/*
 * Gives the next font a new subset tag (HPDFAA, HPDFAB, ...), as
 * HPDF_LoadTTFontFromFile does.
 */
static void next_font_tag(HPDF_Doc doc, HPDF_FontDef def)
{
	int i;

	if (!doc->ttfont_tag[0]) {
		memcpy(doc->ttfont_tag, "HPDFAA", 6);
	} else {
		for (i = 5; i >= 0; i--) {
			if (++doc->ttfont_tag[i] <= 'Z')
				break;
			doc->ttfont_tag[i] = 'A';
		}
	}
	HPDF_TTFontDef_SetTagName(def, (char *)doc->ttfont_tag);
}

/*
 * Loads the TrueType font in `font` into the document, embedded, and sets
 * *name to its name for HPDF_GetFont.  libharu 2.3.0 reads fonts only from
 * files, so this does what HPDF_LoadTTFontFromFile does with a memory
 * stream instead: the bytes are copied into the stream, which the font
 * definition owns from then on.
 */
static int load_font_memory(const char **name, pdf_ctx *c, const ov_buf *font,
			    const char *path)
{
	HPDF_Doc doc = c->doc;
	HPDF_Stream s;
	HPDF_FontDef def;
	int err;

	*name = NULL;
	s = HPDF_MemStream_New(doc->mmgr, (HPDF_UINT)font->size);
	if (!s)
		goto fail;
	if (HPDF_Stream_Write(s, (const HPDF_BYTE *)font->ptr,
			      (HPDF_UINT)font->size) != HPDF_OK) {
		HPDF_Stream_Free(s);
		goto fail;
	}
	def = HPDF_TTFontDef_Load(doc->mmgr, s, HPDF_TRUE); /* takes s */
	if (!def)
		goto fail;
	if (HPDF_List_Add(doc->fontdef_list, def) != HPDF_OK) {
		HPDF_FontDef_Free(def);
		goto fail;
	}
	next_font_tag(doc, def);
	*name = def->base_font;
	return OV_OK;
fail:
	HPDF_CheckError(&doc->error); /* reports to on_hpdf_error */
	if ((err = pdf_check(c, "loading a font")) < 0)
		return ov_error_prefix("font file %s", path);
	return ov_error_set(OV_ERROR, "font file %s: not loaded", path);
}

/*
 * Appends to `cm` the bfrange lines of the code points in c->used: runs of
 * consecutive code points, none crossing a multiple of 256 (a bfrange may
 * vary only in its last byte), at most 100 to a block.
 */
static int put_bfranges(ov_buf *cm, const pdf_ctx *c)
{
	ov_buf lines = OV_BUF_INIT;
	unsigned cp = 0, end, n = 0;
	int err = OV_OK;

	while ((cp = next_used(c, cp)) <= 0xffff) {
		for (end = cp; end < 0xffff && c->used[end + 1] &&
			       ((end + 1) & 0xff); end++)
			;
		if ((err = ov_buf_printf(&lines, "<%04X> <%04X> <%04X>\n", cp, end, cp)) < 0)
			goto done;
		if (++n == 100 || end == 0xffff) {
			if ((err = ov_buf_printf(cm, "%u beginbfrange\n%sendbfrange\n",
						 n, lines.ptr)) < 0)
				goto done;
			ov_buf_clear(&lines);
			n = 0;
		}
		cp = end + 1;
	}
	if (n)
		err = ov_buf_printf(cm, "%u beginbfrange\n%sendbfrange\n", n, lines.ptr);
done:
	ov_buf_dispose(&lines);
	return err;
}

/*
 * Replaces the content of the font's /ToUnicode stream.  libharu writes
 * there a copy of its encoding CMap, whose cidrange operators are not
 * allowed in a ToUnicode CMap (poppler warns on every file).  With the
 * Identity-H encoding and the UTF-8 encoder a character's code is its
 * code point, so the map takes each code point used to itself in UTF-16BE.
 */
static int write_to_unicode(pdf_ctx *c, HPDF_Font font)
{
	static const char *const cmap_keys[] = { "Type", "CMapName", "CIDSystemInfo", "WMode" };
	HPDF_FontAttr attr = font->attr;
	ov_buf cm = OV_BUF_INIT;
	size_t i;
	int err;

	if (!attr || !attr->cmap_stream || !attr->cmap_stream->stream)
		return ov_error_set(OV_ERROR, "%s: the font has no ToUnicode map", c->name);
	if ((err = ov_buf_puts(&cm,
			       "/CIDInit /ProcSet findresource begin\n"
			       "12 dict begin\nbegincmap\n"
			       "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS)"
			       " /Supplement 0 >> def\n"
			       "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
			       "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")) < 0 ||
	    (err = put_bfranges(&cm, c)) < 0 ||
	    (err = ov_buf_puts(&cm, "endcmap\nCMapName currentdict /CMap defineresource pop\n"
			       "end\nend\n")) < 0)
		goto done;
	/* The keys of the encoding CMap's dictionary do not describe this one. */
	for (i = 0; i < sizeof(cmap_keys) / sizeof(cmap_keys[0]); i++)
		HPDF_Dict_RemoveElement(attr->cmap_stream, cmap_keys[i]);
	HPDF_MemStream_FreeData(attr->cmap_stream->stream);
	HPDF_Stream_Write(attr->cmap_stream->stream, (const HPDF_BYTE *)cm.ptr,
			  (HPDF_UINT)cm.size);
	err = pdf_check(c, "writing the ToUnicode map");
done:
	ov_buf_dispose(&cm);
	return err;
}

/*
 * Cuts the font's /CIDToGIDMap stream to the code points up to the highest
 * one used.  libharu writes two bytes for every code point of the BMP, 128
 * KiB to deflate per font and document; a code beyond the end of the
 * stream maps to glyph 0 (ISO 32000-1 9.7.4.2), and no such code is drawn.
 */
static int trim_cid_map(pdf_ctx *c, HPDF_Font font, const uint32_t *cps, size_t n)
{
	HPDF_FontAttr attr = font->attr;
	HPDF_Dict map = attr ? attr->map_stream : NULL;
	HPDF_FontDef def = attr ? attr->fontdef : NULL;
	unsigned char *bytes;
	size_t len, i;

	if (!map || !map->stream || !def)
		return ov_error_set(OV_ERROR, "%s: the font has no CIDToGIDMap", c->name);
	len = 2 * ((n ? cps[n - 1] : 0) + 1);
	if (!(bytes = calloc(len, 1)))
		return ov_error_set(OV_ENOMEM, "out of memory");
	for (i = 0; i < n; i++) {
		HPDF_UINT16 gid = HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)cps[i]);
		bytes[2 * cps[i]] = (unsigned char)(gid >> 8);
		bytes[2 * cps[i] + 1] = (unsigned char)(gid & 0xff);
	}
	HPDF_MemStream_FreeData(map->stream);
	HPDF_Stream_Write(map->stream, bytes, (HPDF_UINT)len);
	free(bytes);
	return pdf_check(c, "writing the CIDToGIDMap");
}

/*
 * HPDF_GetFont, with the glyph map and widths built from the code points
 * the document can draw only.  For the UTF-8 encoder libharu looks up all
 * 65,536 codes in the font's cmap, one segment after another, which was a
 * fifth of a whole `render`; for an encoder whose code-to-Unicode function
 * is the CMap one it takes only the codes with a CID.  So for the call the
 * encoder's CID map holds the codes used (each its own CID, as for UTF-8)
 * and one more after the highest (libharu writes the widths of the codes
 * below the highest CID only), and its function is the CMap one; both are
 * put back afterwards.  The Unicode map keeps the identity entries set for
 * the codes used (as the UTF-8 encoder has them; only the CMap function
 * reads it).  The text is encoded and measured as before.
 */
static HPDF_Font get_font(pdf_ctx *c, const char *name, const uint32_t *cps, size_t n)
{
	HPDF_Encoder enc = HPDF_GetEncoder(c->doc, "UTF-8");
	HPDF_CMapEncoderAttr attr = enc ? enc->attr : NULL;
	HPDF_Encoder_ToUnicode_Func saved;
	HPDF_UINT16 (*cids)[256];
	HPDF_Font font;
	unsigned last = 0;
	size_t i;

	if (!attr || enc->type != HPDF_ENCODER_TYPE_DOUBLE_BYTE ||
	    !(cids = malloc(sizeof(attr->cid_map))))
		return HPDF_GetFont(c->doc, name, "UTF-8");
	memcpy(cids, attr->cid_map, sizeof(attr->cid_map));
	memset(attr->cid_map, 0, sizeof(attr->cid_map));
	/* cps ascend, all below 0x10000; code 0 gets no CID */
	for (i = 0; i < n; i++) {
		unsigned cp = cps[i];

		if (!cp)
			continue;
		attr->cid_map[cp >> 8][cp & 0xff] = (HPDF_UINT16)cp;
		attr->unicode_map[cp >> 8][cp & 0xff] = cp;
		if (cp < 0xffff)
			last = cp;
	}
	attr->cid_map[(last + 1) >> 8][(last + 1) & 0xff] = (HPDF_UINT16)(last + 1);
	attr->unicode_map[(last + 1) >> 8][(last + 1) & 0xff] = last + 1;
	saved = enc->to_unicode_fn;
	enc->to_unicode_fn = HPDF_CMapEncoder_ToUnicode;
	font = HPDF_GetFont(c->doc, name, "UTF-8");
	enc->to_unicode_fn = saved;
	memcpy(attr->cid_map, cids, sizeof(attr->cid_map));
	free(cids);
	return font;
}

/* Loads the subset of f->path for the code points in c->used. */
static int load_subset(pdf_ctx *c, pdf_font *f)
{
	ov_buf sub = OV_BUF_INIT;
	uint32_t *cps = NULL;
	const char *name = NULL;
	size_t n;
	int err;

	if ((err = used_code_points(&cps, &n, c)) < 0 ||
	    (err = ov_font_subset(&sub, f->path, cps, n)) < 0 ||
	    (err = load_font_memory(&name, c, &sub, f->path)) < 0)
		goto done;
	f->font = get_font(c, name, cps, n);
	if ((err = pdf_check(c, "loading a font")) < 0) {
		err = ov_error_prefix("font file %s", f->path);
		goto done;
	}
	if (!f->font)
		err = ov_error_set(OV_ERROR, "font file %s: not loaded", f->path);
	else if ((err = write_to_unicode(c, f->font)) >= 0)
		err = trim_cid_map(c, f->font, cps, n);
done:
	free(cps);
	ov_buf_dispose(&sub);
	return err;
}

int pdf_font_use(pdf_ctx *c, int style)
{
	pdf_font *f = &c->fonts[style];
	int s, err;

	if (f->font)
		return OV_OK;
	assert(c->used); /* pdf_scan_chars() comes first */
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
	if ((err = load_subset(c, f)) < 0) {
		f->font = NULL;
		return err;
	}
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
	if (ov_lazy_load(&ov_hpdf_lib) < 0)
		return OV_ERROR;
	c->doc = HPDF_New(on_hpdf_error, c);
	if (!c->doc)
		return ov_error_set(OV_ENOMEM, "out of memory (libharu)");
	HPDF_UseUTFEncodings(c->doc);
	if ((err = pdf_check(c, "setting up UTF-8")) < 0)
		return err;
	HPDF_SetCurrentEncoder(c->doc, "UTF-8");
	if ((err = pdf_check(c, "setting up UTF-8")) < 0)
		return err;
	/* no compression: pdf_pack deflates the streams, at a cheaper level */
	HPDF_SetCompressionMode(c->doc, HPDF_COMP_NONE);
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

/*
 * libharu 2.3.0 copies and clears memory with its own HPDF_MemCpy and
 * HPDF_MemSet, a byte at a time: clearing its tables of 65,536 codes per
 * font and encoder and copying every stream through its memory streams
 * took a fifth of a batch render (6 M instructions an agreement).  The
 * library calls both through its procedure linkage table, so these
 * definitions, exported from the executable (the link option in
 * engine/CMakeLists.txt), take their place: the loader binds a library's
 * calls to the executable's symbols first.  They do what libharu's do, with
 * the C library's copy and fill; the prototypes come from libharu's own
 * header, and each returns what libharu's returns, the end of what it
 * wrote.  HPDF_MemCpy moves: libharu's forward copy gives the same result
 * for any overlap the library could make (its callers copy between
 * distinct buffers).  test_pdf checks that the library binds to these.
 */
HPDF_BYTE *HPDF_MemCpy(HPDF_BYTE *out, const HPDF_BYTE *in, HPDF_UINT n)
{
	if (!n)
		return out;
	memmove(out, in, n);
	return out + n;
}

void *HPDF_MemSet(void *s, HPDF_BYTE c, HPDF_UINT n)
{
	if (!n)
		return s;
	memset(s, c, n);
	return (HPDF_BYTE *)s + n;
}
