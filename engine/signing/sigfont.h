/*
 * sigfont.h - the embedded font of a signature's appearance (sigfont.c): a
 * subset of a TrueType font (ov_font_subset) written into the signing
 * update as a Type0 font over a CIDFontType2 with /Identity-H encoding, CID
 * = glyph id of the subset (/CIDToGIDMap /Identity), /W widths from the
 * subset's hmtx, a FontDescriptor with FontFile2 and a ToUnicode CMap of
 * bfchar entries.  PDF/A wants every font embedded, also in annotation
 * appearances.
 */
#ifndef OV_SIGNING_SIGFONT_H
#define OV_SIGNING_SIGFONT_H

#include <stddef.h>
#include <stdint.h>
#include "engine/base/lazy_hb.h"

#include "overens/buf.h"

/* The objects ov_sigfont_object() writes, numbered num .. num + 4. */
#define OV_SIGFONT_NOBJS 5

typedef struct ov_sigfont {
	ov_buf program;      /* the subset TrueType font */
	hb_blob_t *blob;
	hb_face_t *face;
	hb_font_t *font;
	unsigned upem;
	unsigned nglyphs;
	uint32_t *cps;       /* the code points, sorted, no duplicates */
	uint32_t *gids;      /* their glyphs in the subset (0: none) */
	size_t n;
	char name[64];       /* "ABCDEF+DejaVuSans": tag and PostScript name */
} ov_sigfont;

/*
 * Subsets the font at `path` to the code points of the UTF-8 strings
 * `texts` (NULL entries skipped; control characters count as spaces) and
 * '?' (drawn for characters the font lacks), and opens the subset with
 * HarfBuzz.  `psname` is the font's PostScript name for /BaseFont.  On
 * error `f` still needs ov_sigfont_dispose().
 */
int ov_sigfont_open(ov_sigfont *f, const char *path, const char *psname,
		    const char *const *texts, size_t ntexts);

/* The advance of the UTF-8 `s` in thousandths of an em. */
double ov_sigfont_width(const ov_sigfont *f, const char *s);

/* Appends `s` as a content-stream hex string of 2-byte glyph ids. */
int ov_sigfont_show(ov_buf *out, const ov_sigfont *f, const char *s);

/*
 * Appends the body (between "N 0 obj" and "endobj") of object `which`
 * (0 .. OV_SIGFONT_NOBJS - 1) when the font's objects are numbered from
 * `num`: 0 the Type0 font (the one resources name), 1 the CIDFont, 2 the
 * FontDescriptor, 3 the FontFile2 stream, 4 the ToUnicode CMap.
 */
int ov_sigfont_object(ov_buf *out, const ov_sigfont *f, int which, long long num);

void ov_sigfont_dispose(ov_sigfont *f);

#endif
