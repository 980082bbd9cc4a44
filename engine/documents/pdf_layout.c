/*
 * pdf_layout.c - blocks to rows for the PDF renderer (see pdf_layout.h).
 * Fourth in the renderer's line of stages (pdf_ctx.h): it uses the
 * context, the text stage and pagination (pdf_page.h); only pdf.c calls it.
 *
 * Every block of the layout vocabulary becomes one or more rows of cells,
 * each cell a column of lines made by the line breaker:
 *
 *   h1/h2/h3, p, spacer  one row, one cell; headings are kept with the
 *                        next row
 *   list                 a row per item: marker cell, content cell
 *   table                a row per <row>, a cell per column, with borders;
 *                        <thead> rows are kept with the first body row and
 *                        repeated on every page the table continues on
 *                        (when they take at most a third of the body)
 *   kv                   a row per item: bold key cell, value cell
 *   signatures           a row per two signature blocks, kept together
 *   pagebreak            a marker row
 *
 * The header and footer are laid out first, since their height sets the
 * body's.  Elements the vocabulary does not have are refused with the line
 * they are on.  pdf_page.c then places the rows on pages.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "overens/error.h"
#include "engine/documents/pdf_page.h"
#include "engine/documents/pdf_layout.h"
#include "engine/base/xmlsafe.h"

#define CHROME_LINES 4
#define SIGN_SPACE   34.0
#define SIG_GUTTER   24.0

static long line_of(xmlNodePtr n)
{
	return n ? xmlGetLineNo(n) : 0L;
}

/* ------------------------------------------------------------------ */
/* Building rows                                                       */

static int new_row(pdf_lay *l, unsigned flags, double before, double after)
{
	pdf_row *r;
	int err;

	if ((err = pdf_grow((void **)&l->rows, &l->arows, l->nrows + 1,
			    sizeof(*l->rows))) < 0)
		return err;
	r = &l->rows[l->nrows++];
	memset(r, 0, sizeof(*r));
	r->first = l->ncells;
	r->flags = flags;
	r->before = before;
	r->after = after;
	r->table = -1;
	return OV_OK;
}

/* Adds a cell to the last row; its lines are set by the caller. */
static int new_cell(pdf_cell **out, pdf_lay *l, double x, double w, double padx,
		    double pady)
{
	pdf_cell *cl;
	int err;

	*out = NULL;
	if ((err = pdf_grow((void **)&l->cells, &l->acells, l->ncells + 1,
			    sizeof(*l->cells))) < 0)
		return err;
	cl = &l->cells[l->ncells++];
	memset(cl, 0, sizeof(*cl));
	cl->x = x;
	cl->w = w;
	cl->padx = padx;
	cl->pady = pady;
	cl->first = l->c->nlines;
	l->rows[l->nrows - 1].count++;
	*out = cl;
	return OV_OK;
}

/* Lines of the inline content of `node`. */
static int node_lines(pdf_lay *l, xmlNodePtr node, int style, double size,
		      int align, double width, size_t *first, size_t *count)
{
	int err;

	pdf_inline_clear(&l->in);
	if ((err = pdf_inline_node(l->c, &l->in, node, style)) < 0)
		return err;
	return pdf_break_lines(l->c, &l->in, size, align, width, first, count);
}

/* Lines of a plain string. */
static int text_lines(pdf_lay *l, const char *text, int style, double size,
		      int align, double width, size_t *first, size_t *count)
{
	int err;

	pdf_inline_clear(&l->in);
	if (text && (err = pdf_inline_text(l->c, &l->in, text, strlen(text),
					   style)) < 0)
		return err;
	return pdf_break_lines(l->c, &l->in, size, align, width, first, count);
}

/* An empty line `height` high, optionally with a signature rule. */
static int space_line(pdf_lay *l, double height, int rule, double rule_w)
{
	pdf_ctx *c = l->c;
	pdf_line *ln;
	int err;

	if ((err = pdf_grow((void **)&c->lines, &c->alines, c->nlines + 1,
			    sizeof(*c->lines))) < 0)
		return err;
	ln = &c->lines[c->nlines++];
	memset(ln, 0, sizeof(*ln));
	ln->height = height;
	ln->baseline = height;
	ln->first = c->npieces;
	ln->rule = (unsigned char)rule;
	ln->rule_w = rule_w;
	return OV_OK;
}

static double normal_line_height(const pdf_lay *l, double size)
{
	double h, b;

	pdf_line_metrics(l->c, size, 0, &h, &b);
	return h;
}

static int bad_attr(pdf_lay *l, xmlNodePtr node, const char *attr, const char *v)
{
	return ov_error_set(OV_EINVALID, "%s:%ld: <%s %s=\"%s\"> is not allowed",
			    l->c->name, line_of(node), (const char *)node->name,
			    attr, v);
}

static int build_heading(pdf_lay *l, xmlNodePtr node, int level)
{
	static const double sizes[] = { 16.0, 13.0, 11.0 };
	static const double befores[] = { 16.0, 12.0, 9.0 };
	double size = sizes[level - 1];
	char *bm = ov_xml_attr(node, "bookmark");
	ov_buf title = OV_BUF_INIT;
	char *raw = NULL;
	pdf_cell *cl;
	int err, mark = level <= 2;

	if (bm && strcmp(bm, "no") && strcmp(bm, "yes")) {
		err = bad_attr(l, node, "bookmark", bm);
		goto done;
	}
	if (bm && !strcmp(bm, "no"))
		mark = 0;
	pdf_inline_clear(&l->in);
	if ((err = pdf_inline_node(l->c, &l->in, node, PDF_BOLD)) < 0)
		goto done;
	if (pdf_inline_empty(&l->in))
		goto done;
	if ((err = new_row(l, PDF_ROW_NEXT, befores[level - 1], 5.0)) < 0 ||
	    (err = new_cell(&cl, l, 0, PDF_BODY_W, 0, 0)) < 0 ||
	    (err = pdf_break_lines(l->c, &l->in, size, PDF_ALIGN_LEFT, PDF_BODY_W,
				   &cl->first, &cl->count)) < 0)
		goto done;
	if (mark) {
		raw = ov_xml_text(node);
		if (!raw) {
			err = ov_error_set(OV_ENOMEM, "out of memory");
			goto done;
		}
		if ((err = pdf_clean_text(&title, raw, 300)) < 0)
			goto done;
		if (title.size) {
			pdf_row *r = &l->rows[l->nrows - 1];
			r->mark = level;
			err = pdf_str(&r->mark_text, l->c, title.ptr, title.size);
		}
	}
done:
	free(bm);
	free(raw);
	ov_buf_dispose(&title);
	return err;
}

static int build_para(pdf_lay *l, xmlNodePtr node)
{
	char *a = ov_xml_attr(node, "align"), *sz = ov_xml_attr(node, "size");
	int align = l->c->justify ? PDF_ALIGN_JUSTIFY : PDF_ALIGN_LEFT;
	double size = PDF_SIZE_NORMAL;
	pdf_cell *cl;
	int err = OV_OK;

	if (a) {
		if (!strcmp(a, "justify"))
			align = PDF_ALIGN_JUSTIFY;
		else if (!strcmp(a, "left"))
			align = PDF_ALIGN_LEFT;
		else if (!strcmp(a, "center"))
			align = PDF_ALIGN_CENTER;
		else if (!strcmp(a, "right"))
			align = PDF_ALIGN_RIGHT;
		else
			err = bad_attr(l, node, "align", a);
	}
	if (!err && sz) {
		if (!strcmp(sz, "small"))
			size = PDF_SIZE_SMALL;
		else if (!strcmp(sz, "large"))
			size = PDF_SIZE_LARGE;
		else if (strcmp(sz, "normal"))
			err = bad_attr(l, node, "size", sz);
	}
	if (err < 0)
		goto done;
	pdf_inline_clear(&l->in);
	if ((err = pdf_inline_node(l->c, &l->in, node, PDF_REGULAR)) < 0)
		goto done;
	if (pdf_inline_empty(&l->in))
		goto done;
	if ((err = new_row(l, 0, 0, size * 0.6)) < 0 ||
	    (err = new_cell(&cl, l, 0, PDF_BODY_W, 0, 0)) < 0)
		goto done;
	err = pdf_break_lines(l->c, &l->in, size, align, PDF_BODY_W, &cl->first,
			      &cl->count);
done:
	free(a);
	free(sz);
	return err;
}

static int wrong_child(pdf_lay *l, xmlNodePtr parent, xmlNodePtr child)
{
	if (child->type == XML_ELEMENT_NODE)
		return ov_error_set(OV_EINVALID, "%s:%ld: <%s> is not allowed in <%s>",
				    l->c->name, line_of(child),
				    (const char *)child->name,
				    (const char *)parent->name);
	return ov_error_set(OV_EINVALID, "%s:%ld: text is not allowed directly in <%s>",
			    l->c->name, line_of(child), (const char *)parent->name);
}

/* 1 for nodes that carry nothing: comments, white space. */
static int ignorable(xmlNodePtr n)
{
	const xmlChar *s;

	if (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE)
		return 1;
	if (n->type != XML_TEXT_NODE && n->type != XML_CDATA_SECTION_NODE)
		return n->type != XML_ELEMENT_NODE;
	for (s = n->content; s && *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

/* Counts the element children named `name`; anything else is refused. */
static int count_children(size_t *out, pdf_lay *l, xmlNodePtr parent,
			  const char *name)
{
	xmlNodePtr n;

	*out = 0;
	for (n = parent->children; n; n = n->next) {
		if (ignorable(n))
			continue;
		if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, name))
			return wrong_child(l, parent, n);
		(*out)++;
	}
	return OV_OK;
}

static int build_list(pdf_lay *l, xmlNodePtr node)
{
	char *kind = ov_xml_attr(node, "kind");
	int number = 0, err;
	size_t n, k = 0;
	double mw, indent;
	char marker[32];
	xmlNodePtr it;
	pdf_cell *cl;

	if (kind && !strcmp(kind, "number"))
		number = 1;
	else if (kind && strcmp(kind, "bullet")) {
		err = bad_attr(l, node, "kind", kind);
		free(kind);
		return err;
	}
	free(kind);
	if ((err = count_children(&n, l, node, "item")) < 0 || !n)
		return err;
	if (number)
		snprintf(marker, sizeof(marker), "%zu.", n);
	else
		snprintf(marker, sizeof(marker), "\xe2\x80\xa2");
	if ((err = pdf_text_width(&mw, l->c, PDF_REGULAR, marker, strlen(marker),
				  PDF_SIZE_NORMAL)) < 0)
		return err;
	indent = mw + 8.0 > 18.0 ? mw + 8.0 : 18.0;
	for (it = node->children; it; it = it->next) {
		if (it->type != XML_ELEMENT_NODE)
			continue;
		k++;
		if (number)
			snprintf(marker, sizeof(marker), "%zu.", k);
		if ((err = new_row(l, 0, k == 1 ? 2.0 : 0, k == n ? 7.0 : 3.0)) < 0 ||
		    (err = new_cell(&cl, l, 0, indent - 6.0, 0, 0)) < 0 ||
		    (err = text_lines(l, marker, PDF_REGULAR, PDF_SIZE_NORMAL,
				      PDF_ALIGN_RIGHT, indent - 6.0, &cl->first,
				      &cl->count)) < 0 ||
		    (err = new_cell(&cl, l, indent, PDF_BODY_W - indent, 0, 0)) < 0 ||
		    (err = node_lines(l, it, PDF_REGULAR, PDF_SIZE_NORMAL, PDF_ALIGN_LEFT,
				      PDF_BODY_W - indent, &cl->first, &cl->count)) < 0)
			return err;
	}
	return OV_OK;
}

/* Relative column widths from "30 70"; 0 when absent or not usable. */
static int parse_widths(double *w, size_t ncols, const char *spec)
{
	const char *p = spec;
	double sum = 0;
	size_t k = 0;

	while (p && *p) {
		char *end;
		double v;

		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (!*p)
			break;
		v = strtod(p, &end);
		if (end == p || !isfinite(v) || v <= 0 || k >= ncols)
			return 0;
		w[k++] = v;
		sum += v;
		p = end;
	}
	if (k != ncols || sum <= 0)
		return 0;
	for (k = 0; k < ncols; k++)
		w[k] /= sum;
	return 1;
}

static int table_row(pdf_lay *l, xmlNodePtr row, int head, const double *colx,
		     const double *colw, size_t ncols, long table, double before)
{
	xmlNodePtr cell = row->children;
	double minh = 6.0 + normal_line_height(l, PDF_SIZE_TABLE);
	pdf_cell *cl;
	size_t k;
	int err;

	if ((err = new_row(l, PDF_ROW_BORDER | (head ? PDF_ROW_HEAD | PDF_ROW_NEXT : 0),
			   before, 0)) < 0)
		return err;
	l->rows[l->nrows - 1].table = table;
	l->rows[l->nrows - 1].min_h = minh;
	for (k = 0; k < ncols; k++) {
		while (cell && ignorable(cell))
			cell = cell->next;
		if (cell && (cell->type != XML_ELEMENT_NODE ||
			     strcmp((const char *)cell->name, "cell")))
			return wrong_child(l, row, cell);
		if ((err = new_cell(&cl, l, 0.5 + colx[k], colw[k], 4.0, 3.0)) < 0)
			return err;
		cl->fill = head;
		if (cell) {
			if ((err = node_lines(l, cell, head ? PDF_BOLD : PDF_REGULAR,
					      PDF_SIZE_TABLE, PDF_ALIGN_LEFT,
					      colw[k] - 8.0, &cl->first,
					      &cl->count)) < 0)
				return err;
			cell = cell->next;
		}
	}
	return OV_OK;
}

static int build_table(pdf_lay *l, xmlNodePtr node)
{
	xmlNodePtr n, thead = NULL, r;
	size_t ncols = 0, nrows = 0, k, first_row;
	double *colx = NULL, *colw = NULL, head_h = 0;
	char *widths = NULL;
	long table;
	int err = OV_OK, row_no = 0;

	/* Check the structure and count columns. */
	for (n = node->children; n; n = n->next) {
		xmlNodePtr group = NULL;
		if (ignorable(n))
			continue;
		if (n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, "thead") &&
		    !thead && !nrows)
			group = thead = n;
		else if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "row"))
			return wrong_child(l, node, n);
		for (r = group ? group->children : n; r; r = group ? r->next : NULL) {
			size_t cells = 0;
			if (ignorable(r))
				continue;
			if (group && (r->type != XML_ELEMENT_NODE ||
				      strcmp((const char *)r->name, "row")))
				return wrong_child(l, group, r);
			if ((err = count_children(&cells, l, r, "cell")) < 0)
				return err;
			if (cells > ncols)
				ncols = cells;
			nrows++;
		}
	}
	if (!nrows)
		return OV_OK;
	if (!ncols)
		ncols = 1;
	if (ncols > PDF_MAX_COLUMNS)
		return ov_error_set(OV_EINVALID,
				    "%s:%ld: a table may have at most %d columns, not %zu",
				    l->c->name, line_of(node), PDF_MAX_COLUMNS, ncols);
	colx = calloc(ncols, sizeof(*colx));
	colw = calloc(ncols, sizeof(*colw));
	if (!colx || !colw) {
		err = ov_error_set(OV_ENOMEM, "out of memory");
		goto done;
	}
	/* Widths that do not match the columns give equal columns. */
	widths = ov_xml_attr(node, "widths");
	if (!parse_widths(colw, ncols, widths)) {
		for (k = 0; k < ncols; k++)
			colw[k] = 1.0 / (double)ncols;
	}
	for (k = 0; k < ncols; k++) {
		colw[k] *= PDF_BODY_W - 1.0;
		colx[k] = k ? colx[k - 1] + colw[k - 1] : 0;
	}
	if ((err = pdf_grow((void **)&l->tables, &l->atables, l->ntables + 1,
			    sizeof(*l->tables))) < 0)
		goto done;
	table = (long)l->ntables++;
	memset(&l->tables[table], 0, sizeof(l->tables[table]));
	l->tables[table].head = l->nrows;
	first_row = l->nrows;
	for (n = node->children; n; n = n->next) {
		int head = n == thead;
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (r = head ? n->children : n; r; r = head ? r->next : NULL) {
			if (r->type != XML_ELEMENT_NODE)
				continue;
			if ((err = table_row(l, r, head, colx, colw, ncols, table,
					     row_no++ ? 0 : 6.0)) < 0)
				goto done;
			if (head) {
				l->tables[table].nhead++;
				head_h += pdf_row_height(l, &l->rows[l->nrows - 1]);
			}
		}
	}
	l->rows[l->nrows - 1].after = 9.0;
	l->rows[l->nrows - 1].flags &= ~(unsigned)PDF_ROW_NEXT;
	l->tables[table].repeat = l->tables[table].nhead > 0 &&
				  head_h <= (l->top - l->bottom) / 3.0 &&
				  l->nrows - first_row > l->tables[table].nhead;
done:
	free(widths);
	free(colx);
	free(colw);
	return err;
}

static int build_kv(pdf_lay *l, xmlNodePtr node)
{
	double kw = floor(PDF_BODY_W * 0.3), gap = 10.0;
	size_t n, k = 0;
	xmlNodePtr it;
	pdf_cell *cl;
	int err;

	if ((err = count_children(&n, l, node, "item")) < 0 || !n)
		return err;
	for (it = node->children; it; it = it->next) {
		char *key;
		if (it->type != XML_ELEMENT_NODE)
			continue;
		k++;
		key = ov_xml_attr(it, "key");
		err = new_row(l, 0, k == 1 ? 2.0 : 0, k == n ? 8.0 : 3.0);
		if (!err)
			err = new_cell(&cl, l, 0, kw, 0, 0);
		if (!err)
			err = text_lines(l, key, PDF_BOLD, PDF_SIZE_NORMAL, PDF_ALIGN_LEFT,
					 kw, &cl->first, &cl->count);
		free(key);
		if (err < 0 ||
		    (err = new_cell(&cl, l, kw + gap, PDF_BODY_W - kw - gap, 0, 0)) < 0 ||
		    (err = node_lines(l, it, PDF_REGULAR, PDF_SIZE_NORMAL, PDF_ALIGN_LEFT,
				      PDF_BODY_W - kw - gap, &cl->first, &cl->count)) < 0)
			return err;
	}
	return OV_OK;
}

/*
 * "Ort: Helsingborg", or "Ort" and a line to write on starting `lw` points
 * from the left (the widest label, so that the lines align).
 */
static int label_line(pdf_lay *l, const char *label, const char *value, double w,
		      double lw, int blank)
{
	ov_buf b = OV_BUF_INIT;
	size_t first, count;
	int err;

	if (value && *value) {
		if ((err = ov_buf_printf(&b, "%s: %s", label, value)) == 0)
			err = text_lines(l, b.ptr, PDF_REGULAR, PDF_SIZE_NORMAL,
					 PDF_ALIGN_LEFT, w, &first, &count);
		ov_buf_dispose(&b);
		return err;
	}
	if ((err = text_lines(l, label, PDF_REGULAR, PDF_SIZE_NORMAL, PDF_ALIGN_LEFT,
			      w, &first, &count)) < 0)
		return err;
	if (count && w - lw - 6.0 > 10.0) {
		pdf_line *ln = &l->c->lines[first + count - 1];
		ln->rule = PDF_RULE_BASELINE;
		ln->blank = (unsigned char)blank;
		ln->rule_x = lw + 6.0;
		ln->rule_w = w - lw - 6.0;
	}
	return OV_OK;
}

static int signature_cell(pdf_lay *l, xmlNodePtr sig, double x, double w)
{
	char *id = ov_xml_attr(sig, "id"), *party = ov_xml_attr(sig, "party");
	char *name = ov_xml_attr(sig, "name"), *title = ov_xml_attr(sig, "title");
	char *place = ov_xml_attr(sig, "place"), *date = ov_xml_attr(sig, "date");
	size_t first, count;
	double lw = 0, dw = 0;
	pdf_cell *cl;
	int err;

	if (!id || !*id) {
		err = ov_error_set(OV_EINVALID, "%s:%ld: <signature> needs an id",
				   l->c->name, line_of(sig));
		goto done;
	}
	if ((err = pdf_text_width(&lw, l->c, PDF_REGULAR, "Ort", 3, PDF_SIZE_NORMAL)) < 0 ||
	    (err = pdf_text_width(&dw, l->c, PDF_REGULAR, "Datum", 5, PDF_SIZE_NORMAL)) < 0 ||
	    (err = new_cell(&cl, l, x, w, 0, 0)) < 0)
		goto done;
	if (dw > lw)
		lw = dw;
	cl->sig = 1;
	if ((err = pdf_str(&cl->sig_id, l->c, id, strlen(id))) < 0 ||
	    (err = text_lines(l, party, PDF_BOLD, PDF_SIZE_NORMAL, PDF_ALIGN_LEFT, w,
			      &first, &count)) < 0 ||
	    (err = space_line(l, 4.0, PDF_RULE_NONE, 0)) < 0 ||
	    (err = label_line(l, "Ort", place, w, lw, PDF_BLANK_PLACE)) < 0 ||
	    (err = label_line(l, "Datum", date, w, lw, PDF_BLANK_DATE)) < 0 ||
	    (err = space_line(l, SIGN_SPACE, PDF_RULE_SIGN, w)) < 0 ||
	    (err = text_lines(l, name, PDF_REGULAR, PDF_SIZE_NORMAL, PDF_ALIGN_LEFT, w,
			      &first, &count)) < 0 ||
	    (err = text_lines(l, title, PDF_REGULAR, PDF_SIZE_TABLE, PDF_ALIGN_LEFT, w,
			      &first, &count)) < 0)
		goto done;
	/* The cell is the last one added; its lines run to the end. */
	l->cells[l->ncells - 1].count = l->c->nlines - l->cells[l->ncells - 1].first;
done:
	free(id);
	free(party);
	free(name);
	free(title);
	free(place);
	free(date);
	return err;
}

static int build_signatures(pdf_lay *l, xmlNodePtr node)
{
	double w = (PDF_BODY_W - SIG_GUTTER) / 2.0;
	size_t n, k = 0;
	xmlNodePtr s;
	int err;

	if ((err = count_children(&n, l, node, "signature")) < 0 || !n)
		return err;
	for (s = node->children; s; s = s->next) {
		if (s->type != XML_ELEMENT_NODE)
			continue;
		if (k % 2 == 0 &&
		    (err = new_row(l, PDF_ROW_KEEP, k == 0 ? 14.0 : 0, 14.0)) < 0)
			return err;
		if ((err = signature_cell(l, s, (k % 2) * (w + SIG_GUTTER), w)) < 0)
			return err;
		k++;
	}
	return OV_OK;
}

static int build_block(pdf_lay *l, xmlNodePtr n)
{
	const char *name = (const char *)n->name;
	pdf_cell *cl;
	int err;

	if (!strcmp(name, "p"))
		return build_para(l, n);
	if (!strcmp(name, "h1"))
		return build_heading(l, n, 1);
	if (!strcmp(name, "h2"))
		return build_heading(l, n, 2);
	if (!strcmp(name, "h3"))
		return build_heading(l, n, 3);
	if (!strcmp(name, "list"))
		return build_list(l, n);
	if (!strcmp(name, "table"))
		return build_table(l, n);
	if (!strcmp(name, "kv"))
		return build_kv(l, n);
	if (!strcmp(name, "signatures"))
		return build_signatures(l, n);
	if (!strcmp(name, "pagebreak"))
		return new_row(l, PDF_ROW_PAGEBREAK, 0, 0);
	if (!strcmp(name, "spacer")) {
		if ((err = new_row(l, 0, 0, 0)) < 0 ||
		    (err = new_cell(&cl, l, 0, PDF_BODY_W, 0, 0)) < 0)
			return err;
		l->rows[l->nrows - 1].min_h = normal_line_height(l, PDF_SIZE_NORMAL);
		return OV_OK;
	}
	if (!strcmp(name, "header") || !strcmp(name, "footer"))
		return OV_OK;
	return ov_error_set(OV_EINVALID, "%s:%ld: <%s> is not a block of the layout",
			    l->c->name, line_of(n), name);
}

/* ------------------------------------------------------------------ */
/* Header and footer                                                   */

/* Lines of a header or footer text, shortened with "…" past CHROME_LINES. */
static int chrome_lines(pdf_lay *l, const char *text, double width, int align,
			size_t *first, size_t *count)
{
	ov_buf t = OV_BUF_INIT;
	pdf_ctx *c = l->c;
	int err;

	if ((err = ov_buf_puts(&t, text ? text : "")) < 0)
		return err;
	for (;;) {
		size_t nl = c->nlines, np = c->npieces, keep;

		if ((err = text_lines(l, t.ptr, PDF_REGULAR, PDF_SIZE_CHROME, align,
				      width, first, count)) < 0 ||
		    *count <= CHROME_LINES)
			break;
		c->nlines = nl;
		c->npieces = np;
		keep = t.size * 3 / 4;
		while (keep > 0 && ((unsigned char)t.ptr[keep] & 0xc0) == 0x80)
			keep--;
		t.size = keep;
		t.ptr[keep] = '\0';
		if ((err = ov_buf_puts(&t, "\xe2\x80\xa6")) < 0)
			break;
	}
	ov_buf_dispose(&t);
	return err;
}

static int build_chrome(pdf_lay *l, xmlNodePtr root)
{
	xmlNodePtr header = ov_xml_child(root, "header");
	xmlNodePtr footer = ov_xml_child(root, "footer");
	char *left = NULL, *right = NULL, *fleft = NULL;
	double numw, one = normal_line_height(l, PDF_SIZE_CHROME), lw, rw;
	int err;

	if (header) {
		left = ov_xml_attr(header, "left");
		right = ov_xml_attr(header, "right");
	}
	if (footer)
		fleft = ov_xml_attr(footer, "left");
	if ((err = pdf_text_width(&numw, l->c, PDF_REGULAR, "Sida 8888 av 8888",
				  17, PDF_SIZE_CHROME)) < 0)
		goto done;
	lw = right && *right ? PDF_BODY_W * 0.6 - 6.0 : PDF_BODY_W;
	rw = left && *left ? PDF_BODY_W * 0.4 - 6.0 : PDF_BODY_W;
	l->hr_w = rw;
	if ((err = chrome_lines(l, left, lw, PDF_ALIGN_LEFT, &l->hl_first,
				&l->hl_count)) < 0 ||
	    (err = chrome_lines(l, right, rw, PDF_ALIGN_RIGHT, &l->hr_first,
				&l->hr_count)) < 0 ||
	    (err = chrome_lines(l, fleft, PDF_BODY_W - numw - 12.0, PDF_ALIGN_LEFT,
				&l->fl_first, &l->fl_count)) < 0)
		goto done;
	l->header_h = pdf_lines_height(l, l->hl_first, l->hl_count);
	rw = pdf_lines_height(l, l->hr_first, l->hr_count);
	if (rw > l->header_h)
		l->header_h = rw;
	l->has_header = l->header_h > 0;
	l->footer_h = pdf_lines_height(l, l->fl_first, l->fl_count);
	if (l->footer_h < one)
		l->footer_h = one;
	l->top = OV_PDF_PAGE_HEIGHT - OV_PDF_MARGIN_TOP -
		 (l->has_header ? l->header_h + 14.0 : 0);
	l->bottom = OV_PDF_MARGIN_BOTTOM + l->footer_h + 14.0;
done:
	free(left);
	free(right);
	free(fleft);
	return err;
}

int pdf_layout(pdf_ctx *c, xmlNodePtr root)
{
	pdf_lay l;
	xmlNodePtr n;
	int err;

	memset(&l, 0, sizeof(l));
	l.c = c;
	pdf_inline_init(&l.in);
	if ((err = build_chrome(&l, root)) < 0)
		goto done;
	for (n = root->children; n; n = n->next) {
		if (ignorable(n))
			continue;
		if (n->type != XML_ELEMENT_NODE) {
			err = wrong_child(&l, root, n);
			goto done;
		}
		if ((err = build_block(&l, n)) < 0)
			goto done;
	}
	if ((err = pdf_paginate(&l)) < 0 || (err = pdf_emit_chrome(&l)) < 0)
		goto done;
done:
	pdf_inline_dispose(&l.in);
	free(l.cells);
	free(l.rows);
	free(l.tables);
	return err;
}
