/*
 * pdf_ctx.h - the PDF renderer's shared state: the render context
 * (libharu document, fonts, the string pool and the arrays of pieces,
 * lines, display-list items, outline entries and signature boxes) and the
 * few primitives every stage uses on it (pdf_ctx.c).
 *
 * The renderer's files depend on each other in a line, each including
 * only the header of the stage below it, never one above:
 *
 *   pdf_ctx.h  <-  pdf_text.h  <-  pdf_page.h  <-  pdf_layout.h  <-  pdf.c
 *   context,       cleaning,       rows, cells,    blocks to rows   libharu
 *   fonts, errors  widths, lines   pagination                       set-up,
 *                                                                   drawing
 *
 * The renderer works in two passes: layout produces a display list of
 * positioned items (pdf_op) for every page, and only then, when the page
 * count is known, pdf.c creates the pages and draws them.
 *
 * All strings drawn are NUL-terminated UTF-8 kept in ctx->text and referred
 * to by offset, so that the arrays can grow without dangling pointers.
 */
#ifndef OV_PDF_CTX_H
#define OV_PDF_CTX_H

#include <stddef.h>
#include <stdint.h>
#include "engine/base/lazy_hpdf.h"

#include "overens/buf.h"
#include "engine/documents/pdf.h"

enum {
	PDF_REGULAR = 0,
	PDF_BOLD = 1,
	PDF_ITALIC = 2,
	PDF_BOLD_ITALIC = 3,
	PDF_NSTYLES = 4
};

/*
 * A style byte (of tokens and pieces) holds the font in its low bits
 * (style & PDF_FONT_MASK) and the decorations above them: inserted text is
 * underlined and deleted text struck through (<ins>, <del>), as lines drawn
 * beside the text.  Only the font part picks a font or a width.
 */
#define PDF_FONT_MASK 3
enum {
	PDF_DECO_INS = 4,
	PDF_DECO_DEL = 8
};

enum {
	PDF_ALIGN_LEFT,
	PDF_ALIGN_JUSTIFY,
	PDF_ALIGN_CENTER,
	PDF_ALIGN_RIGHT
};

/* Ceilings against hostile layouts. */
#define PDF_MAX_PAGES   5000
#define PDF_MAX_ITEMS   ((size_t)1 << 24)
#define PDF_MAX_COLUMNS 50

/* One font style, loaded into the document on first use. */
typedef struct pdf_font {
	const char *path;
	HPDF_Font font;          /* NULL until loaded */
	double ascent, descent;  /* in 1/1000 em; descent is a positive depth */
	uint16_t *widths;        /* per BMP code point, PDF_WIDTH_UNKNOWN until measured */
} pdf_font;

#define PDF_WIDTH_UNKNOWN 0xffffu

/* A run of text on a line: x from the line's left edge, y on its baseline. */
typedef struct pdf_piece {
	double x, w, size;
	size_t text;             /* offset in ctx->text */
	unsigned char style;
} pdf_piece;

/* A laid-out line: pieces, and optionally a rule drawn on it. */
enum { PDF_RULE_NONE, PDF_RULE_BASELINE, PDF_RULE_SIGN };

typedef struct pdf_line {
	double height;           /* advance */
	double baseline;         /* from the line's top to its baseline */
	size_t first, count;     /* pieces in ctx->pieces */
	unsigned char rule;      /* PDF_RULE_*: BASELINE under the text, SIGN at the bottom */
	unsigned char blank;     /* PDF_BLANK_*: a signature block's line to write on */
	double rule_x, rule_w;
} pdf_line;

/* The lines of a signature block written on after signing (ov_pdf_sigbox). */
enum { PDF_BLANK_NONE, PDF_BLANK_PLACE, PDF_BLANK_DATE };

/* The display list. */
enum { PDF_OP_TEXT, PDF_OP_LINE, PDF_OP_FILL };
enum { PDF_LAYER_HEADER, PDF_LAYER_BODY, PDF_LAYER_FOOTER, PDF_NLAYERS };

typedef struct pdf_op {
	unsigned char kind, style, layer;
	int page;
	double x, y;             /* TEXT: baseline start; LINE: from; FILL: corner */
	double x2, y2;           /* LINE: to; FILL: width, height */
	double size;             /* TEXT: font size; LINE: line width */
	size_t text;             /* TEXT: offset in ctx->text */
} pdf_op;

/* An outline entry. */
typedef struct pdf_mark {
	int level;               /* 1 or 2 */
	int page;
	double y;
	size_t text;
} pdf_mark;

typedef struct pdf_ctx {
	HPDF_Doc doc;
	HPDF_STATUS herr, hdetail; /* first libharu error since the last check */
	const char *name;          /* the layout's name for messages */
	pdf_font fonts[PDF_NSTYLES];
	int justify;
	unsigned char *used;       /* 65536 flags: the BMP code points the
				    * document can draw (pdf_scan_chars) */

	ov_buf text;
	pdf_piece *pieces;
	size_t npieces, apieces;
	pdf_line *lines;
	size_t nlines, alines;
	pdf_op *ops;
	size_t nops, aops;
	pdf_mark *marks;
	size_t nmarks, amarks;
	ov_pdf_sigbox *boxes;
	size_t nboxes, aboxes;
	int npages;
	int has_watermark;         /* <document watermark="..."> is not empty */
	size_t watermark;          /* its text in ctx->text */
} pdf_ctx;

/*
 * Sets up `c` for rendering the layout called `name` (kept for messages,
 * not copied) with the fonts at `paths` (a NULL entry takes the default
 * DejaVu Sans file): a libharu document whose errors are recorded in `c`,
 * UTF-8 encoding and compressed streams.  On error `c` still needs
 * pdf_ctx_dispose().
 */
int pdf_ctx_init(pdf_ctx *c, const char *name,
		 const char *const paths[PDF_NSTYLES], int justify);
/* Frees everything `c` holds, the libharu document included. */
void pdf_ctx_dispose(pdf_ctx *c);
/*
 * Turns a libharu error recorded since the last check into an OV_E* code
 * with a message naming `what`, and resets libharu's error state.
 * Returns OV_OK when there was none.
 */
int pdf_check(pdf_ctx *c, const char *what);
/*
 * Loads style `style` if needed: its font file cut down to the code points
 * in c->used (filled by pdf_scan_chars() before the first font is loaded),
 * embedded, with a /ToUnicode map of those code points.
 */
int pdf_font_use(pdf_ctx *c, int style);
/* Grows an array of `elem`-sized items to hold `need` items. */
int pdf_grow(void **ptr, size_t *alloc, size_t need, size_t elem);
/* Adds a NUL-terminated copy of `s` to ctx->text; *out is its offset. */
int pdf_str(size_t *out, pdf_ctx *c, const char *s, size_t len);

#endif
