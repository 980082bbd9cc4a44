/*
 * pdf_text.h - text for the PDF renderer (pdf_text.c): cleaning, the scan
 * of the characters a layout can draw, measured widths, inline content as
 * tokens and the line breaker.  Uses only the context (pdf_ctx.h); the
 * page and layout stages above build on it (see pdf_ctx.h for the line).
 */
#ifndef OV_PDF_TEXT_H
#define OV_PDF_TEXT_H

#include <stddef.h>
#include "overens/lazy_xml.h"

#include "overens/buf.h"
#include "engine/documents/pdf_ctx.h"

/* Inline content as tokens, before line breaking. */
enum { PDF_TOK_TEXT, PDF_TOK_SPACE, PDF_TOK_BREAK };

typedef struct pdf_tok {
	unsigned char kind;
	unsigned char style;
	size_t off, len;         /* TEXT: its bytes in pdf_inline.text */
	unsigned long units;     /* width in 1/1000 em (TEXT; SPACE: one space) */
} pdf_tok;

typedef struct pdf_inline {
	ov_buf text;
	pdf_tok *toks;
	size_t ntoks, atoks;
	int space;               /* white space seen since the last TEXT */
	unsigned char space_style;
} pdf_inline;

/*
 * Marks in c->used every code point the layout under `root` can put on a
 * page: its text and attribute values as cleaning maps them, and what the
 * renderer adds itself (ASCII, the bullet and the ellipsis), and the
 * Swedish letters and é, so that they never lack a glyph.  Allocates
 * c->used; called before the first font is loaded.
 */
int pdf_scan_chars(pdf_ctx *c, xmlNodePtr root);
/*
 * Width of character `cp` (a BMP code point) in 1/1000 em.  A character
 * that pdf_scan_chars() did not foresee is refused (OV_ERROR): its glyph
 * would be missing from the font's CID map.
 */
int pdf_char_units(unsigned long *out, pdf_ctx *c, int style, unsigned cp);
/* Width of UTF-8 text (already cleaned) in points. */
int pdf_text_width(double *out, pdf_ctx *c, int style, const char *s,
		   size_t len, double size);

/*
 * Appends UTF-8 text (already cleaned) as a PDF literal string of the
 * 2-byte codes the fonts are drawn with (Identity-H: a character's code is
 * its code point, big-endian), and sets *units to its width in 1/1000 em
 * in style `style`.
 */
int pdf_text_codes(ov_buf *out, unsigned long *units, pdf_ctx *c, int style,
		   const char *s);

/*
 * Sets `out` to UTF-8 text `s` in PDFDocEncoding, the one-byte encoding of
 * PDF text strings (ASCII, Latin-1 and some punctuation), and returns 1;
 * returns 0 when `s` has a character it lacks.
 */
int pdf_to_pdfdoc(ov_buf *out, const char *s);

void pdf_inline_init(pdf_inline *in);
void pdf_inline_clear(pdf_inline *in);
void pdf_inline_dispose(pdf_inline *in);
/* Appends text: control characters dropped, white space collapsed. */
int pdf_inline_text(pdf_ctx *c, pdf_inline *in, const char *s, size_t len,
		    int style);
int pdf_inline_break(pdf_inline *in);
/*
 * Appends the inline content of `parent` (text, <b>, <i>, <br/>); other
 * elements are refused with OV_EINVALID naming the line.
 */
int pdf_inline_node(pdf_ctx *c, pdf_inline *in, xmlNodePtr parent, int style);
/* 1 when the tokens hold no text. */
int pdf_inline_empty(const pdf_inline *in);
/*
 * Cleans `s` as pdf_inline_text does into `out` (NUL-terminated), cut at a
 * character boundary to at most `max` bytes.
 */
int pdf_clean_text(ov_buf *out, const char *s, size_t max);

/*
 * Breaks the tokens into lines `width` points wide at font size `size`,
 * appending them to ctx->lines (and their pieces to ctx->pieces).  *first
 * and *count say which lines were added.  Words wider than a line are
 * broken at character boundaries; nothing is wider than `width`.
 */
int pdf_break_lines(pdf_ctx *c, const pdf_inline *in, double size, int align,
		    double width, size_t *first, size_t *count);
/*
 * Line metrics for font size `size` and the styles in `mask` (bit 1 << style;
 * 0 = regular): advance, and baseline from the line's top, leaving room for
 * the fonts' ascent and descent.
 */
void pdf_line_metrics(const pdf_ctx *c, double size, unsigned mask,
		      double *height, double *baseline);

#endif
