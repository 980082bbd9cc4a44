/*
 * sigfont.c - the embedded appearance font of a signature (see sigfont.h).
 *
 * The subset from ov_font_subset() has its glyphs renumbered, so glyph ids
 * and widths are read from the subset itself with HarfBuzz: its cmap gives
 * the glyph of each code point (hb_font_get_nominal_glyph), its hmtx the
 * advance (hb_font_get_glyph_h_advance at the default scale, which is the
 * face's units per em), scaled to the thousandths of an em of /W.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/base/lazy_hb.h"

#include "overens/error.h"
#include "overens/utf8.h"
#include "engine/documents/fontsubset.h"
#include "engine/signing/pdfparse.h"
#include "engine/signing/sigfont.h"

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* The code point at *pos in `s`, control characters as spaces. */
static uint32_t next_cp(const char *s, size_t len, size_t *pos)
{
	long cp = ov_utf8_next(s, len, pos);

	if (cp < 0) {
		(*pos)++;
		return '?';
	}
	if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
		return ' ';
	return (uint32_t)cp;
}

/* The sorted, distinct code points of `texts`, '?' and ' ' into f->cps. */
static int collect(ov_sigfont *f, const char *const *texts, size_t ntexts)
{
	size_t total = 2, i, pos, k = 0;

	for (i = 0; i < ntexts; i++)
		total += texts[i] ? strlen(texts[i]) : 0;
	if (!(f->cps = malloc(total * sizeof(*f->cps))) ||
	    !(f->gids = calloc(total, sizeof(*f->gids))))
		return ov_error_set(OV_ENOMEM, "out of memory");
	f->cps[k++] = '?';
	f->cps[k++] = ' ';
	for (i = 0; i < ntexts; i++) {
		size_t len = texts[i] ? strlen(texts[i]) : 0;

		for (pos = 0; pos < len;)
			f->cps[k++] = next_cp(texts[i], len, &pos);
	}
	qsort(f->cps, k, sizeof(*f->cps), cmp_u32);
	for (i = 0, f->n = 0; i < k; i++)
		if (!f->n || f->cps[f->n - 1] != f->cps[i])
			f->cps[f->n++] = f->cps[i];
	return OV_OK;
}

/* "ABCDEF+": six letters from a hash of the code points (subset tag). */
static void make_name(ov_sigfont *f, const char *psname)
{
	uint32_t h = 2166136261u;
	char tag[7];
	size_t i;

	for (i = 0; i < f->n; i++)
		h = (h ^ f->cps[i]) * 16777619u;
	for (i = 0; i < 6; i++) {
		tag[i] = (char)('A' + h % 26);
		h /= 26;
	}
	tag[6] = '\0';
	snprintf(f->name, sizeof(f->name), "%s+%s", tag, psname);
}

int ov_sigfont_open(ov_sigfont *f, const char *path, const char *psname,
		    const char *const *texts, size_t ntexts)
{
	size_t i;
	int err;

	memset(f, 0, sizeof(*f));
	if ((err = collect(f, texts, ntexts)) < 0 ||
	    (err = ov_font_subset(&f->program, path, f->cps, f->n)) < 0)
		return err;
	f->blob = hb_blob_create(f->program.ptr, (unsigned)f->program.size,
				 HB_MEMORY_MODE_READONLY, NULL, NULL);
	f->face = hb_face_create(f->blob, 0);
	f->font = hb_font_create(f->face);
	f->upem = hb_face_get_upem(f->face);
	f->nglyphs = hb_face_get_glyph_count(f->face);
	if (!f->upem || !f->nglyphs || f->nglyphs > 65535)
		return ov_error_set(OV_EINVALID, "font file %s: its subset has no usable "
				    "glyphs", path);
	for (i = 0; i < f->n; i++) {
		hb_codepoint_t g = 0;

		if (hb_font_get_nominal_glyph(f->font, f->cps[i], &g))
			f->gids[i] = g;
	}
	make_name(f, psname);
	return OV_OK;
}

/* The subset's glyph for the code point at *pos ('?' if it has none). */
static uint32_t glyph_at(const ov_sigfont *f, const char *s, size_t len, size_t *pos)
{
	uint32_t cp = next_cp(s, len, pos), q = '?';
	const uint32_t *hit = bsearch(&cp, f->cps, f->n, sizeof(*f->cps), cmp_u32);

	if (hit && f->gids[hit - f->cps])
		return f->gids[hit - f->cps];
	hit = bsearch(&q, f->cps, f->n, sizeof(*f->cps), cmp_u32);
	return hit ? f->gids[hit - f->cps] : 0;
}

static double advance(const ov_sigfont *f, uint32_t gid)
{
	return hb_font_get_glyph_h_advance(f->font, gid) * 1000.0 / f->upem;
}

double ov_sigfont_width(const ov_sigfont *f, const char *s)
{
	size_t len = strlen(s), pos = 0;
	double w = 0;

	while (pos < len)
		w += advance(f, glyph_at(f, s, len, &pos));
	return w;
}

int ov_sigfont_show(ov_buf *out, const ov_sigfont *f, const char *s)
{
	size_t len = strlen(s), pos = 0;
	int err = ov_buf_putc(out, '<');

	while (pos < len && err >= 0)
		err = ov_buf_printf(out, "%04X", (unsigned)glyph_at(f, s, len, &pos));
	return err < 0 ? err : ov_buf_putc(out, '>');
}

/* /W [0 [w0 w1 ...]]: every glyph of the subset. */
static int put_widths(ov_buf *out, const ov_sigfont *f)
{
	unsigned g;
	int err = ov_buf_puts(out, "/W [0 [");

	for (g = 0; g < f->nglyphs && err >= 0; g++)
		err = ov_buf_printf(out, "%s%.0f", g ? (g % 16 ? " " : "\n") : "",
				    advance(f, g));
	return err < 0 ? err : ov_buf_puts(out, "]]");
}

/* The UTF-16BE hex of `cp`. */
static int put_utf16(ov_buf *out, uint32_t cp)
{
	if (cp < 0x10000)
		return ov_buf_printf(out, "<%04X>", (unsigned)cp);
	cp -= 0x10000;
	return ov_buf_printf(out, "<%04X%04X>", (unsigned)(0xd800 + (cp >> 10)),
			     (unsigned)(0xdc00 + (cp & 0x3ff)));
}

/* The ToUnicode CMap: one bfchar per glyph drawn (its first code point). */
static int build_cmap(ov_buf *c, const ov_sigfont *f)
{
	unsigned char *done = calloc(f->nglyphs, 1);
	size_t *pick = malloc((f->n ? f->n : 1) * sizeof(*pick));
	size_t i, k, np = 0;
	int err;

	if (!done || !pick) {
		free(done);
		free(pick);
		return ov_error_set(OV_ENOMEM, "out of memory");
	}
	for (i = 0; i < f->n; i++) {
		uint32_t g = f->gids[i];

		if (g && g < f->nglyphs && !done[g]) {
			done[g] = 1;
			pick[np++] = i;
		}
	}
	err = ov_buf_puts(c, "/CIDInit /ProcSet findresource begin\n12 dict begin\n"
			  "begincmap\n/CIDSystemInfo <</Registry (Adobe) /Ordering "
			  "(UCS) /Supplement 0>> def\n/CMapName /Adobe-Identity-UCS def\n"
			  "/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\n"
			  "endcodespacerange\n");
	for (k = 0; k < np && err >= 0; k++) {
		if (k % 100 == 0)
			err = ov_buf_printf(c, "%zu beginbfchar\n",
					    np - k < 100 ? np - k : (size_t)100);
		if (err >= 0)
			err = ov_buf_printf(c, "<%04X> ", (unsigned)f->gids[pick[k]]);
		if (err >= 0 && (err = put_utf16(c, f->cps[pick[k]])) >= 0)
			err = ov_buf_putc(c, '\n');
		if (err >= 0 && (k % 100 == 99 || k + 1 == np))
			err = ov_buf_puts(c, "endbfchar\n");
	}
	free(done);
	free(pick);
	if (err < 0)
		return err;
	return ov_buf_puts(c, "endcmap\nCMapName currentdict /CMap defineresource pop\n"
			   "end\nend\n");
}

static int put_stream(ov_buf *out, const char *extra, const char *data, size_t len)
{
	int err;

	if ((err = ov_buf_printf(out, "<<%s/Length %zu>>\nstream\n", extra, len)) < 0 ||
	    (err = ov_buf_put(out, data, len)) < 0)
		return err;
	return ov_buf_puts(out, "\nendstream\n");
}

/* The FontDescriptor, its metrics from the subset's head and hhea/OS/2. */
static int put_descriptor(ov_buf *out, const ov_sigfont *f, long long file)
{
	hb_blob_t *head = hb_face_reference_table(f->face, HB_TAG('h', 'e', 'a', 'd'));
	unsigned len = 0;
	const unsigned char *h = (const unsigned char *)hb_blob_get_data(head, &len);
	double box[4] = { 0, 0, 0, 0 }, s = 1000.0 / f->upem;
	hb_font_extents_t ext;
	hb_position_t cap = 0;
	int i, err;

	for (i = 0; len >= 54 && i < 4; i++)
		box[i] = (int16_t)(h[36 + 2 * i] << 8 | h[37 + 2 * i]) * s;
	hb_blob_destroy(head);
	memset(&ext, 0, sizeof(ext));
	hb_font_get_h_extents(f->font, &ext);
	if (!hb_ot_metrics_get_position(f->font, HB_OT_METRICS_TAG_CAP_HEIGHT, &cap))
		cap = ext.ascender * 7 / 10;
	err = ov_buf_printf(out, "<</Type /FontDescriptor /FontName /%s /Flags 4\n"
			    "/FontBBox [%.0f %.0f %.0f %.0f] /ItalicAngle 0 /Ascent %.0f "
			    "/Descent %.0f /CapHeight %.0f /StemV 80 /FontFile2 %lld 0 R>>\n",
			    f->name, box[0], box[1], box[2], box[3], ext.ascender * s,
			    ext.descender * s, cap * s, file);
	return err;
}

int ov_sigfont_object(ov_buf *out, const ov_sigfont *f, int which, long long num)
{
	ov_buf cmap = OV_BUF_INIT, extra = OV_BUF_INIT;
	int err;

	switch (which) {
	case 0:
		return ov_buf_printf(out, "<</Type /Font /Subtype /Type0 /BaseFont /%s "
				     "/Encoding /Identity-H\n/DescendantFonts [%lld 0 R] "
				     "/ToUnicode %lld 0 R>>\n", f->name, num + 1, num + 4);
	case 1:
		if ((err = ov_buf_printf(out, "<</Type /Font /Subtype /CIDFontType2 "
					 "/BaseFont /%s\n/CIDSystemInfo <</Registry (Adobe) "
					 "/Ordering (Identity) /Supplement 0>>\n/FontDescriptor "
					 "%lld 0 R /CIDToGIDMap /Identity\n", f->name,
					 num + 2)) < 0 ||
		    (err = put_widths(out, f)) < 0)
			return err;
		return ov_buf_puts(out, ">>\n");
	case 2:
		return put_descriptor(out, f, num + 3);
	case 3:
		if ((err = ov_buf_printf(&extra, "/Length1 %zu ", f->program.size)) >= 0)
			err = put_stream(out, extra.ptr, f->program.ptr, f->program.size);
		break;
	default:
		if ((err = build_cmap(&cmap, f)) >= 0)
			err = put_stream(out, "", cmap.ptr, cmap.size);
		break;
	}
	ov_buf_dispose(&cmap);
	ov_buf_dispose(&extra);
	return err;
}

void ov_sigfont_dispose(ov_sigfont *f)
{
	if (f->font)
		hb_font_destroy(f->font);
	if (f->face)
		hb_face_destroy(f->face);
	if (f->blob)
		hb_blob_destroy(f->blob);
	ov_buf_dispose(&f->program);
	free(f->cps);
	free(f->gids);
	memset(f, 0, sizeof(*f));
}
