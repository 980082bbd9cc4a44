/*
 * fontsubset.h - cutting a TrueType font down to the characters a document
 * draws (fontsubset.c, on HarfBuzz's subsetter).
 *
 * A PDF embeds the font program of every font it uses.  DejaVu Sans is
 * 740 KB with some 6,000 glyphs; a Swedish agreement draws about a hundred
 * of them.  The subset keeps those glyphs with their outlines and advance
 * widths unchanged (so text measures and lays out exactly as with the
 * whole font) and what a PDF reader needs to draw them, and nothing else.
 */
#ifndef OV_DOCUMENTS_FONTSUBSET_H
#define OV_DOCUMENTS_FONTSUBSET_H

#include <stddef.h>
#include <stdint.h>

#include "overens/buf.h"

/*
 * Writes to `out` (appended to what it holds) a TrueType font holding only
 * the glyphs of the `n` code points `cps` (and .notdef, and the parts of
 * composite glyphs), glyph ids renumbered, the layout tables (GSUB, GPOS,
 * GDEF, kern, ...), the glyph names (post becomes version 3) and the
 * hinting (instructions, fpgm, prep, cvt, hdmx, ...) dropped: PDF readers
 * draw at any size and rarely run TrueType instructions.  Code points the
 * font has no glyph for are left out.  `cps` may hold duplicates, in any
 * order.  The font must have TrueType outlines (glyf).
 *
 * Returns 0, or an ov_error_set() code naming the font file and the
 * problem: OV_ENOTFOUND when the file is missing, OV_EINVALID when it is
 * not a TrueType font, OV_ENOMEM, OV_ERROR otherwise.  The caller owns
 * `out` (ov_buf_dispose).  Safe to call from several threads at once.
 */
int ov_font_subset(ov_buf *out, const char *font_path, const uint32_t *cps, size_t n);

#endif
