/*
 * test_fontsubset.c - ov_font_subset() (engine/documents/fontsubset.c): the
 * subset of DejaVu Sans read back with HarfBuzz, and the errors for a
 * missing file and a file that is no TrueType font.
 */
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>

#include "engine/base/lazy_hb.h"

#include "ovtest.h"
#include "overens/buf.h"
#include "engine/documents/fontsubset.h"
#include "engine/documents/pdf.h" /* OV_PDF_FONT_DIR */

#define DEJAVU OV_PDF_FONT_DIR "/DejaVuSans.ttf"

static hb_font_t *font_of(const char *data, size_t len)
{
	hb_blob_t *blob = hb_blob_create(data, (unsigned)len, HB_MEMORY_MODE_READONLY,
					 NULL, NULL);
	hb_face_t *face = hb_face_create(blob, 0);
	hb_font_t *font = hb_font_create(face);

	hb_face_destroy(face);
	hb_blob_destroy(blob);
	return font;
}

/*
 * "Åäö": the subset has those glyphs (Å with the parts it is built of),
 * with the whole font's advance widths, no other letter, no layout or
 * hinting tables, and is a small part of the file.
 */
TEST(dejavu_swedish_letters)
{
	static const uint32_t cps[] = { 0xc5, 0xe4, 0xf6, 0xe4 };
	ov_buf sub = OV_BUF_INIT, whole = OV_BUF_INIT;
	hb_font_t *fs = NULL, *fw = NULL;
	hb_face_t *face;
	hb_codepoint_t gs, gw;
	struct stat st;
	size_t i;

	CHECK(stat(DEJAVU, &st) == 0);
	CHECK_OK(ov_font_subset(&sub, DEJAVU, cps, sizeof(cps) / sizeof(cps[0])));
	CHECK(sub.size > 0 && sub.size * 50 < (size_t)st.st_size);
	CHECK_OK(ov_buf_read_file(&whole, DEJAVU));
	fs = font_of(sub.ptr, sub.size);
	fw = font_of(whole.ptr, whole.size);
	face = hb_font_get_face(fs);
	CHECK(hb_face_get_glyph_count(face) >= 4 && hb_face_get_glyph_count(face) <= 8);
	for (i = 0; i < sizeof(cps) / sizeof(cps[0]); i++) {
		CHECK(hb_font_get_nominal_glyph(fs, cps[i], &gs));
		CHECK(hb_font_get_nominal_glyph(fw, cps[i], &gw));
		CHECK(gs != 0 && gs < hb_face_get_glyph_count(face));
		CHECK_INT(hb_font_get_glyph_h_advance(fs, gs), hb_font_get_glyph_h_advance(fw, gw));
	}
	CHECK(!hb_font_get_nominal_glyph(fs, 'a', &gs));
	CHECK(!hb_font_get_nominal_glyph(fs, 0xe5, &gs)); /* å was not asked for */
	CHECK_INT(hb_face_get_upem(face), 2048);
	{
		static const char *const gone[] = { "GSUB", "GPOS", "GDEF", "kern", "fpgm", "prep" };
		for (i = 0; i < sizeof(gone) / sizeof(gone[0]); i++) {
			hb_blob_t *t = hb_face_reference_table(face, hb_tag_from_string(gone[i], 4));
			unsigned len = hb_blob_get_length(t);
			hb_blob_destroy(t);
			if (len)
				fprintf(stderr, "table %s kept\n", gone[i]);
			CHECK_INT(len, 0);
		}
	}
	hb_font_destroy(fs);
	hb_font_destroy(fw);
	ov_buf_dispose(&sub);
	ov_buf_dispose(&whole);
}

/* The output is appended: two subsets in one buffer, each whole. */
TEST(appends_to_buffer)
{
	static const uint32_t a[] = { 'A' };
	ov_buf b = OV_BUF_INIT;
	size_t first;

	CHECK_OK(ov_buf_puts(&b, "x"));
	CHECK_OK(ov_font_subset(&b, DEJAVU, a, 1));
	first = b.size;
	CHECK(first > 1 && !memcmp(b.ptr + 1, "\0\1\0\0", 4)); /* TrueType version 1.0 */
	CHECK_OK(ov_font_subset(&b, DEJAVU, a, 1));
	CHECK_INT(b.size, 1 + 2 * (first - 1));
	CHECK(!memcmp(b.ptr + 1, b.ptr + first, first - 1));
	ov_buf_dispose(&b);
}

TEST(missing_file_named)
{
	static const uint32_t a[] = { 'A' };
	ov_buf b = OV_BUF_INIT;

	CHECK_ERR(ov_font_subset(&b, "/saknas/typsnitt.ttf", a, 1), OV_ENOTFOUND);
	CHECK_CONTAINS(ov_error_last()->message, "/saknas/typsnitt.ttf");
	CHECK_CONTAINS(ov_error_last()->message, "No such file");
	CHECK_INT(b.size, 0);
	ov_buf_dispose(&b);
}

TEST(not_a_truetype_font)
{
	static const uint32_t a[] = { 'A' };
	const char *rng = OV_SOURCE_DIR "/templates/layout.rng";
	ov_buf b = OV_BUF_INIT;

	CHECK_ERR(ov_font_subset(&b, rng, a, 1), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, rng);
	CHECK_CONTAINS(ov_error_last()->message, "not a TrueType font");
	CHECK_INT(b.size, 0);
	ov_buf_dispose(&b);
}

OVT_MAIN(
	TEST_ENTRY(dejavu_swedish_letters),
	TEST_ENTRY(appends_to_buffer),
	TEST_ENTRY(missing_file_named),
	TEST_ENTRY(not_a_truetype_font)
)
