/*
 * pdf_int.h - internals shared by the PDF renderer's files.
 *
 *   pdf.c         libharu set-up, its error handler, metadata, fonts, the
 *                 attachment, drawing the display list, saving to memory.
 *   pdf_text.c    text cleaning, inline content to tokens, widths, and the
 *                 line breaker (tokens to lines of positioned pieces).
 *   pdf_layout.c  blocks (and the header and footer) to rows of cells of
 *                 lines.
 *   pdf_page.c    pagination: rows to the display list of positioned items,
 *                 bookmarks and signature boxes; header and footer drawn
 *                 on every page.
 *
 * The renderer works in two passes: layout produces a display list of
 * positioned items (pdf_op) for every page, and only then, when the page
 * count is known, pdf.c creates the pages and draws them.
 *
 * All strings drawn are NUL-terminated UTF-8 kept in ctx->text and referred
 * to by offset, so that the arrays can grow without dangling pointers.
 */
#ifndef OV_PDF_INT_H
#define OV_PDF_INT_H

#include <stddef.h>
#include <stdint.h>
#include <hpdf.h>
#include <libxml/tree.h>

#include "overens/buf.h"
#include "engine/documents/pdf.h"

enum {
	PDF_REGULAR = 0,
	PDF_BOLD = 1,
	PDF_ITALIC = 2,
	PDF_BOLD_ITALIC = 3,
	PDF_NSTYLES = 4
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
	double rule_x, rule_w;
} pdf_line;

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
} pdf_ctx;

/* pdf.c */

/*
 * Turns a libharu error recorded since the last check into an OV_E* code
 * with a message naming `what`, and resets libharu's error state.
 * Returns OV_OK when there was none.
 */
int pdf_check(pdf_ctx *c, const char *what);
/* Loads style `style` if needed. */
int pdf_font_use(pdf_ctx *c, int style);
/* Grows an array of `elem`-sized items to hold `need` items. */
int pdf_grow(void **ptr, size_t *alloc, size_t need, size_t elem);

/* pdf_text.c */

/* Adds a NUL-terminated copy of `s` to ctx->text; *out is its offset. */
int pdf_str(size_t *out, pdf_ctx *c, const char *s, size_t len);
/*
 * Marks in c->used every code point the layout under `root` can put on a
 * page: its text and attribute values as cleaning maps them, and what the
 * renderer adds itself (ASCII, the bullet and the ellipsis).  Allocates
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

/* ------------------------------------------------------------------ */
/* Layout: blocks as rows of cells of lines (pdf_layout.c), placed on  */
/* pages (pdf_page.c).                                                 */

#define PDF_BODY_W (OV_PDF_PAGE_WIDTH - OV_PDF_MARGIN_LEFT - OV_PDF_MARGIN_RIGHT)
#define PDF_EPS 1e-6

#define PDF_SIZE_SMALL   8.5
#define PDF_SIZE_NORMAL  10.0
#define PDF_SIZE_LARGE   12.0
#define PDF_SIZE_TABLE   9.0
#define PDF_SIZE_CHROME  8.0

enum {
	PDF_ROW_BORDER = 1,    /* draw cell borders */
	PDF_ROW_KEEP = 2,      /* keep the row on one page when possible */
	PDF_ROW_NEXT = 4,      /* keep with the next row */
	PDF_ROW_HEAD = 8,      /* a table header row */
	PDF_ROW_PAGEBREAK = 16 /* not a row: start a new page */
};

typedef struct pdf_cell {
	double x, w;         /* box, from the body's left edge */
	double padx, pady;
	size_t first, count; /* lines in ctx->lines */
	int fill;            /* grey background */
	int sig;             /* a signature block: report its box */
	size_t sig_id;       /* its id in ctx->text */
} pdf_cell;

typedef struct pdf_row {
	size_t first, count; /* cells; at most PDF_MAX_COLUMNS */
	double before, after, min_h;
	unsigned flags;      /* PDF_ROW_* */
	long table;          /* index in tables, or -1 */
	int mark;            /* outline level, 0 = none */
	size_t mark_text;
} pdf_row;

typedef struct pdf_table {
	size_t head, nhead;  /* its header rows */
	int repeat;          /* repeat them on continuation pages */
} pdf_table;

typedef struct pdf_lay {
	pdf_ctx *c;
	pdf_inline in;
	pdf_cell *cells;
	size_t ncells, acells;
	pdf_row *rows;
	size_t nrows, arows;
	pdf_table *tables;
	size_t ntables, atables;

	/* header and footer lines */
	size_t hl_first, hl_count, hr_first, hr_count, fl_first, fl_count;
	double hr_w;         /* width of the header's right column */
	double header_h, footer_h;
	int has_header;

	double top, bottom;  /* the body, in page coordinates */

	/* pagination */
	int page;
	double y;
	int fresh;           /* nothing but repeated table headers on this page */
} pdf_lay;

/* pdf_layout.c */

/* Lays out the document under `root`: fills ops, marks, boxes, npages. */
int pdf_layout(pdf_ctx *c, xmlNodePtr root);

/* pdf_page.c */

double pdf_lines_height(const pdf_lay *l, size_t first, size_t count);
/* Height of a whole row, unsplit. */
double pdf_row_height(const pdf_lay *l, const pdf_row *r);
/* Places the rows on pages, filling the display list; sets ctx->npages. */
int pdf_paginate(pdf_lay *l);
/* Adds the header and footer ("Sida X av Y") to every page. */
int pdf_emit_chrome(pdf_lay *l);

#endif
