/*
 * pdf_page.c - pagination for the PDF renderer (see pdf_page.h).  Third
 * in the renderer's line of stages (pdf_ctx.h): it uses the context and
 * the text stage, and only the layout stage above calls it.
 *
 * The rows made by pdf_layout.c are walked top to bottom.  A row that does
 * not fit is split between lines, each cell keeping its own progress, so a
 * table row splits with all its cells; a row marked "keep" moves whole to
 * the next page when it fits there, and a row marked "keep with next"
 * (headings, table header rows) moves when it and the first line of what
 * follows do not fit.  When a table continues on a new page its header rows
 * are placed again first.
 *
 * No line ends below the body's bottom or starts above its top, and no
 * text is wider than its cell, so nothing crosses the margins:
 *
 *   +-------------------------------------------+  page
 *   |  margin                                   |
 *   |  header left ................ header right |  header band (optional)
 *   |  ---------------------------------------  |
 *   |  body: rows of cells of lines             |  l->top .. l->bottom
 *   |  ---------------------------------------  |
 *   |  footer left ................ Sida X av Y |  footer band
 *   |  margin                                   |
 *   +-------------------------------------------+
 *
 * Placing fills the display list (pdf_op), the outline entries and the
 * signature boxes; the header and footer are added to every page at the
 * end, when the page count is known.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "overens/error.h"
#include "engine/documents/pdf_page.h"

double pdf_lines_height(const pdf_lay *l, size_t first, size_t count)
{
	double h = 0;
	size_t i;

	for (i = 0; i < count; i++)
		h += l->c->lines[first + i].height;
	return h;
}

/* ------------------------------------------------------------------ */
/* The display list                                                    */

static int add_op(pdf_lay *l, int kind, int layer, double x, double y, double x2,
		  double y2, double size, int style, size_t text)
{
	pdf_ctx *c = l->c;
	pdf_op *op;
	int err;

	if ((err = pdf_grow((void **)&c->ops, &c->aops, c->nops + 1,
			    sizeof(*c->ops))) < 0)
		return err;
	op = &c->ops[c->nops++];
	op->kind = (unsigned char)kind;
	op->layer = (unsigned char)layer;
	op->style = (unsigned char)style;
	op->page = l->page;
	op->x = x;
	op->y = y;
	op->x2 = x2;
	op->y2 = y2;
	op->size = size;
	op->text = text;
	return OV_OK;
}

/*
 * The line under inserted text or through deleted text from x to x2, for
 * text of `size` on baseline `base`: underlines below the baseline, strikes
 * at about the middle of the lower-case letters.
 */
static int deco_op(pdf_lay *l, int layer, int deco, double x, double x2, double base,
		   double size)
{
	double y = deco == PDF_DECO_INS ? base - size * 0.13 : base + size * 0.3;

	return add_op(l, PDF_OP_LINE, layer, x, y, x2, y, size * 0.06, 0, 0);
}

/*
 * The decoration lines of line `ln`: one line over each run of pieces with
 * the same decoration, the spaces between them included.
 */
static int emit_decorations(pdf_lay *l, const pdf_line *ln, double left, double base,
			    int layer)
{
	int deco = 0, d, err;
	double x = 0, x2 = 0, size = 0;

	for (size_t i = 0; i <= ln->count; i++) {
		const pdf_piece *p = i < ln->count ? &l->c->pieces[ln->first + i] : NULL;
		d = p ? p->style & (PDF_DECO_INS | PDF_DECO_DEL) : 0;
		if (d == PDF_DECO_INS + PDF_DECO_DEL)
			d = PDF_DECO_DEL;
		if (deco && d != deco && (err = deco_op(l, layer, deco, left + x, left + x2,
							   base, size)) < 0)
			return err;
		if (d && d != deco) {
			x = p->x;
			size = p->size;
		}
		if (d)
			x2 = p->x + p->w;
		deco = d;
	}
	return OV_OK;
}

/* Draws line `ln` with its top at `top` and its left edge at `left`. */
static int emit_line(pdf_lay *l, const pdf_line *ln, double left, double top,
		     int layer)
{
	double base = top - ln->baseline;
	size_t i;
	int err;

	for (i = 0; i < ln->count; i++) {
		const pdf_piece *p = &l->c->pieces[ln->first + i];
		if ((err = add_op(l, PDF_OP_TEXT, layer, left + p->x, base, 0, 0,
				  p->size, p->style & PDF_FONT_MASK, p->text)) < 0)
			return err;
	}
	if ((err = emit_decorations(l, ln, left, base, layer)) < 0)
		return err;
	if (ln->rule == PDF_RULE_BASELINE)
		return add_op(l, PDF_OP_LINE, layer, left + ln->rule_x, base - 1.0,
			      left + ln->rule_x + ln->rule_w, base - 1.0, 0.5, 0, 0);
	if (ln->rule == PDF_RULE_SIGN)
		return add_op(l, PDF_OP_LINE, layer, left, top - ln->height + 1.0,
			      left + ln->rule_w, top - ln->height + 1.0, 0.6, 0, 0);
	return OV_OK;
}

int pdf_emit_chrome(pdf_lay *l)
{
	double left = OV_PDF_MARGIN_LEFT, right = left + PDF_BODY_W, top, y;
	size_t i;
	char num[64];
	size_t off;
	double w, h, b;
	int err;

	for (l->page = 0; l->page < l->c->npages; l->page++) {
		if (l->has_header) {
			top = OV_PDF_PAGE_HEIGHT - OV_PDF_MARGIN_TOP;
			for (y = top, i = 0; i < l->hl_count; i++) {
				const pdf_line *ln = &l->c->lines[l->hl_first + i];
				if ((err = emit_line(l, ln, left, y, PDF_LAYER_HEADER)) < 0)
					return err;
				y -= ln->height;
			}
			for (y = top, i = 0; i < l->hr_count; i++) {
				const pdf_line *ln = &l->c->lines[l->hr_first + i];
				if ((err = emit_line(l, ln, right - l->hr_w, y,
						     PDF_LAYER_HEADER)) < 0)
					return err;
				y -= ln->height;
			}
			y = top - l->header_h - 4.0;
			if ((err = add_op(l, PDF_OP_LINE, PDF_LAYER_HEADER, left, y,
					  right, y, 0.5, 0, 0)) < 0)
				return err;
		}
		top = OV_PDF_MARGIN_BOTTOM + l->footer_h;
		y = top + 4.0;
		if ((err = add_op(l, PDF_OP_LINE, PDF_LAYER_FOOTER, left, y, right,
				  y, 0.5, 0, 0)) < 0)
			return err;
		for (y = top, i = 0; i < l->fl_count; i++) {
			const pdf_line *ln = &l->c->lines[l->fl_first + i];
			if ((err = emit_line(l, ln, left, y, PDF_LAYER_FOOTER)) < 0)
				return err;
			y -= ln->height;
		}
		snprintf(num, sizeof(num), "Sida %d av %d", l->page + 1, l->c->npages);
		pdf_line_metrics(l->c, PDF_SIZE_CHROME, 0, &h, &b);
		if ((err = pdf_text_width(&w, l->c, PDF_REGULAR, num, strlen(num),
					  PDF_SIZE_CHROME)) < 0 ||
		    (err = pdf_str(&off, l->c, num, strlen(num))) < 0 ||
		    (err = add_op(l, PDF_OP_TEXT, PDF_LAYER_FOOTER, right - w, top - b,
				  0, 0, PDF_SIZE_CHROME, PDF_REGULAR, off)) < 0)
			return err;
	}
	return OV_OK;
}

/* ------------------------------------------------------------------ */
/* Pagination                                                          */

static double cell_full_h(const pdf_lay *l, const pdf_cell *cl)
{
	return 2.0 * cl->pady + pdf_lines_height(l, cl->first, cl->count);
}

double pdf_row_height(const pdf_lay *l, const pdf_row *r)
{
	double h = r->min_h;
	size_t k;

	for (k = 0; k < r->count; k++) {
		double ch = cell_full_h(l, &l->cells[r->first + k]);
		if (ch > h)
			h = ch;
	}
	return h;
}

static double row_first_h(const pdf_lay *l, const pdf_row *r)
{
	double h = r->min_h;
	size_t k;

	if (r->flags & PDF_ROW_KEEP)
		return pdf_row_height(l, r);
	for (k = 0; k < r->count; k++) {
		const pdf_cell *cl = &l->cells[r->first + k];
		double ch = 2.0 * cl->pady +
			    (cl->count ? l->c->lines[cl->first].height : 0);
		if (ch > h)
			h = ch;
	}
	return h;
}

/* Height needed at the top of a row's placement: keep-with-next chains. */
static double need_h(const pdf_lay *l, size_t ri)
{
	double h = 0, body = l->top - l->bottom;

	for (; ri < l->nrows; ri++) {
		const pdf_row *r = &l->rows[ri];
		if ((r->flags & PDF_ROW_NEXT) && ri + 1 < l->nrows &&
		    !(l->rows[ri + 1].flags & PDF_ROW_PAGEBREAK) && h < body) {
			h += pdf_row_height(l, r) + r->after + l->rows[ri + 1].before;
			continue;
		}
		h += row_first_h(l, r);
		break;
	}
	return h < body ? h : body;
}

static int place_row(pdf_lay *l, size_t ri, double before, int repeating);

static int new_page(pdf_lay *l, long ri)
{
	const pdf_row *r = ri >= 0 ? &l->rows[ri] : NULL;
	size_t k;
	int err;

	if (l->page + 1 >= PDF_MAX_PAGES)
		return ov_error_set(OV_EINVALID, "%s: the document would exceed %d pages",
				    l->c->name, PDF_MAX_PAGES);
	l->page++;
	l->y = l->top;
	l->fresh = 1;
	if (r && r->table >= 0 && !(r->flags & PDF_ROW_HEAD)) {
		const pdf_table *t = &l->tables[r->table];
		if (t->repeat) {
			for (k = 0; k < t->nhead; k++)
				if ((err = place_row(l, t->head + k, 0, 1)) < 0)
					return err;
			l->fresh = 1;
		}
	}
	return OV_OK;
}

/*
 * The blanks after "Ort" and "Datum" in signature cell `cl` (its lines from
 * `from` to the signature line `to`, the first at `line_top`): where each
 * rule starts, the baseline above it and its width, into `b`.
 */
static void sigbox_blanks(ov_pdf_sigbox *b, const pdf_lay *l, const pdf_cell *cl,
			  size_t from, size_t to, double line_top)
{
	double left = OV_PDF_MARGIN_LEFT + cl->x + cl->padx, y = line_top;

	for (size_t j = from; j < to; j++) {
		const pdf_line *ln = &l->c->lines[cl->first + j];
		double base = y - ln->baseline;

		if (ln->blank == PDF_BLANK_PLACE) {
			b->px = left + ln->rule_x;
			b->py = base;
			b->pw = ln->rule_w;
		} else if (ln->blank == PDF_BLANK_DATE) {
			b->dx = left + ln->rule_x;
			b->dy = base;
			b->dw = ln->rule_w;
		}
		y -= ln->height;
	}
}

static int add_sigbox(pdf_lay *l, const pdf_cell *cl, const pdf_line *ln,
		      double top, double seg_h, double line_top)
{
	pdf_ctx *c = l->c;
	ov_pdf_sigbox *b;
	int err;

	if ((err = pdf_grow((void **)&c->boxes, &c->aboxes, c->nboxes + 1,
			    sizeof(*c->boxes))) < 0)
		return err;
	b = &c->boxes[c->nboxes];
	memset(b, 0, sizeof(*b));
	b->id = strdup(c->text.ptr + cl->sig_id);
	if (!b->id)
		return ov_error_set(OV_ENOMEM, "out of memory");
	c->nboxes++;
	b->page = l->page;
	b->x = OV_PDF_MARGIN_LEFT + cl->x;
	b->y = top - seg_h;
	b->w = cl->w;
	b->h = seg_h;
	b->sx = b->x + cl->padx;
	b->sy = line_top - ln->height + 1.0;
	b->sw = ln->rule_w;
	b->sh = ln->height - 1.0;
	return OV_OK;
}

static int emit_segment(pdf_lay *l, const pdf_row *r, const size_t *progress,
			const size_t *fit, double seg_h, int first_seg)
{
	double top = l->y, left = OV_PDF_MARGIN_LEFT;
	size_t k, j;
	int err;

	if (first_seg && r->mark) {
		pdf_ctx *c = l->c;
		pdf_mark *m;
		if ((err = pdf_grow((void **)&c->marks, &c->amarks, c->nmarks + 1,
				    sizeof(*c->marks))) < 0)
			return err;
		m = &c->marks[c->nmarks++];
		m->level = r->mark;
		m->page = l->page;
		m->y = top;
		m->text = r->mark_text;
	}
	for (k = 0; k < r->count; k++) {
		const pdf_cell *cl = &l->cells[r->first + k];
		double cx = left + cl->x, yy = top - cl->pady;

		if (cl->fill && (err = add_op(l, PDF_OP_FILL, PDF_LAYER_BODY, cx,
					      top - seg_h, cl->w, seg_h, 0, 0, 0)) < 0)
			return err;
		for (j = progress[k]; j < progress[k] + fit[k]; j++) {
			const pdf_line *ln = &l->c->lines[cl->first + j];
			if ((err = emit_line(l, ln, cx + cl->padx, yy, PDF_LAYER_BODY)) < 0)
				return err;
			if (ln->rule == PDF_RULE_SIGN && cl->sig) {
				if ((err = add_sigbox(l, cl, ln, top, seg_h, yy)) < 0)
					return err;
				sigbox_blanks(&l->c->boxes[l->c->nboxes - 1], l, cl,
					      progress[k], j, top - cl->pady);
			}
			yy -= ln->height;
		}
	}
	if ((r->flags & PDF_ROW_BORDER) && r->count) {
		const pdf_cell *a = &l->cells[r->first];
		const pdf_cell *z = &l->cells[r->first + r->count - 1];
		double x0 = left + a->x, x1 = left + z->x + z->w, bot = top - seg_h;

		if ((err = add_op(l, PDF_OP_LINE, PDF_LAYER_BODY, x0, top, x1, top,
				  0.5, 0, 0)) < 0 ||
		    (err = add_op(l, PDF_OP_LINE, PDF_LAYER_BODY, x0, bot, x1, bot,
				  0.5, 0, 0)) < 0)
			return err;
		for (k = 0; k <= r->count; k++) {
			double x = k < r->count ? left + l->cells[r->first + k].x : x1;
			if ((err = add_op(l, PDF_OP_LINE, PDF_LAYER_BODY, x, top, x, bot,
					  0.5, 0, 0)) < 0)
				return err;
		}
	}
	return OV_OK;
}

/*
 * Places row `ri` at the current position, splitting it between lines
 * across pages as needed.  `repeating` is set for repeated table headers.
 */
static int place_row(pdf_lay *l, size_t ri, double before, int repeating)
{
	const pdf_row *r = &l->rows[ri];
	/* Per call: repeating table headers places rows from inside here. */
	size_t progress[PDF_MAX_COLUMNS], fit[PDF_MAX_COLUMNS], k;
	int first_seg = 1, err;

	assert(r->count <= PDF_MAX_COLUMNS);
	for (k = 0; k < r->count; k++)
		progress[k] = fit[k] = 0;
	l->y -= before;
	for (;;) {
		double avail = l->y - l->bottom, seg_h = first_seg ? r->min_h : 0;
		int remaining = 0, any = 0, done = 1;

		for (k = 0; k < r->count; k++) {
			const pdf_cell *cl = &l->cells[r->first + k];
			double used = 2.0 * cl->pady;
			size_t j = progress[k];

			while (j < cl->count &&
			       used + l->c->lines[cl->first + j].height <= avail + PDF_EPS)
				used += l->c->lines[cl->first + j++].height;
			fit[k] = j - progress[k];
			if (progress[k] < cl->count)
				remaining = 1;
			if (fit[k])
				any = 1;
		}
		if ((remaining && !any) || (first_seg && seg_h > avail + PDF_EPS)) {
			if (!l->fresh) {
				if ((err = new_page(l, repeating ? -1 : (long)ri)) < 0)
					return err;
				continue;
			}
			/* A fresh page and still no room: place one line anyway. */
			for (k = 0; k < r->count; k++)
				if (progress[k] < l->cells[r->first + k].count)
					fit[k] = 1;
		}
		for (k = 0; k < r->count; k++) {
			const pdf_cell *cl = &l->cells[r->first + k];
			double h = 2.0 * cl->pady +
				   pdf_lines_height(l, cl->first + progress[k], fit[k]);
			if ((fit[k] || first_seg) && h > seg_h)
				seg_h = h;
		}
		if ((err = emit_segment(l, r, progress, fit, seg_h, first_seg)) < 0)
			return err;
		l->y -= seg_h;
		l->fresh = 0;
		first_seg = 0;
		for (k = 0; k < r->count; k++) {
			progress[k] += fit[k];
			if (progress[k] < l->cells[r->first + k].count)
				done = 0;
		}
		if (done)
			break;
		if ((err = new_page(l, repeating ? -1 : (long)ri)) < 0)
			return err;
	}
	l->y -= r->after;
	if (l->y < l->bottom)
		l->y = l->bottom;
	return OV_OK;
}

int pdf_paginate(pdf_lay *l)
{
	size_t ri;
	int err, pending = 0;

	l->page = 0;
	l->y = l->top;
	l->fresh = 1;
	for (ri = 0; ri < l->nrows; ri++) {
		const pdf_row *r = &l->rows[ri];
		double before;

		/* A page break takes effect before the next row, if any. */
		if (r->flags & PDF_ROW_PAGEBREAK) {
			pending = !l->fresh;
			continue;
		}
		if (pending) {
			if ((err = new_page(l, -1)) < 0)
				return err;
			pending = 0;
		}
		before = l->fresh ? 0 : r->before;
		if (!l->fresh && before + need_h(l, ri) > l->y - l->bottom + PDF_EPS) {
			if ((err = new_page(l, (long)ri)) < 0)
				return err;
			before = 0;
		}
		if ((err = place_row(l, ri, before, 0)) < 0)
			return err;
	}
	l->c->npages = l->page + 1;
	return OV_OK;
}

