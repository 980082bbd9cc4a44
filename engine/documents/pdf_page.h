/*
 * pdf_page.h - rows of cells of lines and their pagination (pdf_page.c).
 * pdf_layout.c fills the rows from the layout's blocks; pdf_page.c places
 * them on pages, filling the context's display list.  Builds on the text
 * stage (pdf_text.h); see pdf_ctx.h for the line of stages.
 */
#ifndef OV_PDF_PAGE_H
#define OV_PDF_PAGE_H

#include <stddef.h>

#include "engine/documents/pdf_ctx.h"
#include "engine/documents/pdf_text.h"

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

double pdf_lines_height(const pdf_lay *l, size_t first, size_t count);
/* Height of a whole row, unsplit. */
double pdf_row_height(const pdf_lay *l, const pdf_row *r);
/* Places the rows on pages, filling the display list; sets ctx->npages. */
int pdf_paginate(pdf_lay *l);
/* Adds the header and footer ("Sida X av Y") to every page. */
int pdf_emit_chrome(pdf_lay *l);

#endif
