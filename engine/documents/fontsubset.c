/*
 * fontsubset.c - a TrueType font cut down to the characters a document
 * draws (see fontsubset.h), made by HarfBuzz's subsetter (hb-subset.h).
 *
 * HarfBuzz reads the font file through a read-only mapping and parses
 * tables only when the subsetter asks for them, so opening the whole font
 * for every call costs little next to the subsetting itself; nothing is
 * kept between calls, and every object made here is released before
 * returning.
 *
 * What the subset keeps: the glyphs of the given code points, the glyphs
 * composite glyphs are built from, .notdef, their outlines and advance
 * widths, and the tables a PDF reader or libharu reads (head, hhea, maxp,
 * OS/2, hmtx, cmap, loca, glyf, name, post version 3).  What it drops is
 * listed in drop_tables[] and the flags in subset_input().
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "engine/base/lazy_hb.h"

#include "overens/error.h"
#include "engine/documents/fontsubset.h"

/*
 * Tables dropped on top of HarfBuzz's default list: OpenType layout (a PDF
 * holds positioned glyphs, not text to shape), the kerning and device
 * metrics tables, and what only hinting or font editors use.
 */
static const char *const drop_tables[] = {
	"GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "kern", "hdmx",
	"VDMX", "LTSH", "gasp", "FFTM", "DSIG", "meta", "PfEd", "TeX ",
	"fpgm", "prep", "cvt ",
};

/* Opens `path` as a font face; *out is NULL on error. */
static int open_face(hb_face_t **out, const char *path)
{
	hb_blob_t *blob;
	hb_face_t *face;
	unsigned glyf;

	*out = NULL;
	if (access(path, R_OK) < 0)
		return ov_error_set(errno == ENOENT ? OV_ENOTFOUND : OV_ERROR,
				    "font file %s: %s", path, strerror(errno));
	blob = hb_blob_create_from_file_or_fail(path);
	if (!blob)
		return ov_error_set(OV_ERROR, "font file %s: cannot be read", path);
	face = hb_face_create(blob, 0);
	hb_blob_destroy(blob);
	if (!face || face == hb_face_get_empty())
		return ov_error_set(OV_ENOMEM, "font file %s: out of memory", path);
	blob = hb_face_reference_table(face, HB_TAG('g', 'l', 'y', 'f'));
	glyf = hb_blob_get_length(blob);
	hb_blob_destroy(blob);
	if (!hb_face_get_glyph_count(face) || !glyf) {
		hb_face_destroy(face);
		return ov_error_set(OV_EINVALID,
				    "font file %s: not a TrueType font with glyf outlines",
				    path);
	}
	*out = face;
	return OV_OK;
}

/* The subsetter's input for code points `cps`; *out is NULL on error. */
static int subset_input(hb_subset_input_t **out, const uint32_t *cps, size_t n,
			const char *path)
{
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	hb_set_t *unicodes, *drop;
	size_t i;

	*out = NULL;
	if (!in)
		return ov_error_set(OV_ENOMEM, "font file %s: out of memory", path);
	unicodes = hb_subset_input_unicode_set(in);
	for (i = 0; i < n; i++)
		hb_set_add(unicodes, cps[i]);
	drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
	for (i = 0; i < sizeof(drop_tables) / sizeof(drop_tables[0]); i++)
		hb_set_add(drop, hb_tag_from_string(drop_tables[i], 4));
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
	if (!hb_set_allocation_successful(unicodes) ||
	    !hb_set_allocation_successful(drop)) {
		hb_subset_input_destroy(in);
		return ov_error_set(OV_ENOMEM, "font file %s: out of memory", path);
	}
	*out = in;
	return OV_OK;
}

int ov_font_subset(ov_buf *out, const char *font_path, const uint32_t *cps, size_t n)
{
	hb_face_t *face = NULL, *sub = NULL;
	hb_subset_input_t *in = NULL;
	hb_blob_t *blob = NULL;
	const char *data;
	unsigned len = 0;
	int err;

	if (ov_lazy_load(&ov_hb_lib) < 0 || ov_lazy_load(&ov_hb_subset_lib) < 0)
		return OV_ERROR;
	if ((err = open_face(&face, font_path)) < 0 ||
	    (err = subset_input(&in, cps, n, font_path)) < 0)
		goto done;
	sub = hb_subset_or_fail(face, in);
	if (!sub) {
		err = ov_error_set(OV_ERROR, "font file %s: the font could not be subset",
				   font_path);
		goto done;
	}
	blob = hb_face_reference_blob(sub);
	data = hb_blob_get_data(blob, &len);
	if (!data || !len) {
		err = ov_error_set(OV_ERROR, "font file %s: the font could not be subset",
				   font_path);
		goto done;
	}
	err = ov_buf_put(out, data, len);
done:
	hb_blob_destroy(blob);
	hb_face_destroy(sub);
	hb_subset_input_destroy(in);
	hb_face_destroy(face);
	return err;
}
