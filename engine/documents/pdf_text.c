/*
 * pdf_text.c - text for the PDF renderer: cleaning, inline content to
 * tokens, measured widths and the line breaker (see pdf_text.h).  Second
 * in the renderer's line of stages (pdf_ctx.h): it uses only the context,
 * and is used by pagination, layout and pdf.c above it.
 *
 * Cleaning: white space (space, TAB, LF, CR, U+2028/9) collapses to one
 * space and is dropped at the start and end of a paragraph and around
 * <br/>; other control characters (C0, DEL, C1) and the non-characters
 * U+FFFE/U+FFFF are dropped; code points above U+FFFF (which libharu's
 * UTF-8 path would print as spaces) and malformed bytes become U+FFFD.
 * So every character that reaches the PDF is a BMP code point of 1 to 3
 * UTF-8 bytes, and no multi-byte sequence is ever split.
 *
 * Widths come from HPDF_Font_TextWidth, one character at a time, cached
 * per style and code point; libharu applies no kerning, so the width of a
 * string is the sum of its characters' widths, exactly as a viewer adds
 * them up from the font's /W array.
 *
 * The line breaker is greedy first-fit over words (runs of text tokens
 * between spaces, possibly in several styles).  A word wider than the line
 * is broken between characters; a single character wider than the line
 * (only possible in very narrow table columns) is drawn smaller.
 * Justified lines are stretched at the spaces, except the last line of a
 * paragraph and lines ended by <br/>.
 */
#include <stdlib.h>
#include <string.h>

#include "overens/error.h"
#include "engine/documents/pdf_text.h"

#define PDF_SPACE_CP 0x20u

/* Decodes one UTF-8 character; malformed input yields U+FFFD and 1 byte. */
static size_t utf8_next(unsigned *out, const unsigned char *p, size_t n)
{
	unsigned c = p[0], cp;
	size_t need, i;

	*out = 0xfffdu;
	if (c < 0x80) {
		*out = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		need = 1;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		need = 2;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		need = 3;
		cp = c & 0x07;
	} else {
		return 1;
	}
	if (n <= need)
		return 1;
	for (i = 1; i <= need; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 1;
		cp = (cp << 6) | (p[i] & 0x3fu);
	}
	if ((need == 2 && cp < 0x800) || (need == 3 && (cp < 0x10000 || cp > 0x10ffff)))
		return 1;
	if (cp >= 0xd800 && cp <= 0xdfff)
		return need + 1; /* an encoded surrogate: one bad character */
	*out = cp;
	return need + 1;
}

/* Encodes a BMP code point; returns the byte count (1 to 3). */
static size_t utf8_put(unsigned char *out, unsigned cp)
{
	if (cp < 0x80) {
		out[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (unsigned char)(0xc0 | (cp >> 6));
		out[1] = (unsigned char)(0x80 | (cp & 0x3f));
		return 2;
	}
	out[0] = (unsigned char)(0xe0 | (cp >> 12));
	out[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
	out[2] = (unsigned char)(0x80 | (cp & 0x3f));
	return 3;
}

enum { CH_KEEP, CH_SPACE, CH_DROP };

/* Classifies a decoded code point and maps it to what is drawn. */
static int classify(unsigned *cp)
{
	unsigned c = *cp;

	if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	    c == 0x2028 || c == 0x2029)
		return CH_SPACE;
	if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) ||
	    c == 0xfffe || c == 0xffff)
		return CH_DROP;
	if (c > 0xffff || (c >= 0xd800 && c <= 0xdfff))
		*cp = 0xfffdu;
	return CH_KEEP;
}

static void scan_string(unsigned char *used, const xmlChar *s)
{
	const unsigned char *p = s;
	size_t n = p ? strlen((const char *)p) : 0, k;
	unsigned cp;

	while (n) {
		k = utf8_next(&cp, p, n);
		switch (classify(&cp)) {
		case CH_KEEP:
			used[cp] = 1;
			break;
		case CH_SPACE:
			used[PDF_SPACE_CP] = 1;
			break;
		default:
			break;
		}
		p += k;
		n -= k;
	}
}

static void scan_node(unsigned char *used, xmlNodePtr node)
{
	for (; node; node = node->next) {
		if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
			scan_string(used, node->content);
		} else if (node->type == XML_ELEMENT_NODE) {
			for (xmlAttrPtr a = node->properties; a; a = a->next)
				for (xmlNodePtr t = a->children; t; t = t->next)
					if (t->type == XML_TEXT_NODE)
						scan_string(used, t->content);
			scan_node(used, node->children);
		}
	}
}

int pdf_scan_chars(pdf_ctx *c, xmlNodePtr root)
{
	/* Always in the fonts, as is printable ASCII: å ä ö Å Ä Ö é. */
	static const unsigned short swedish[] = {
		0xe5, 0xe4, 0xf6, 0xc5, 0xc4, 0xd6, 0xe9
	};
	unsigned cp;

	free(c->used);
	c->used = calloc(65536, 1);
	if (!c->used)
		return ov_error_set(OV_ENOMEM, "out of memory");
	for (cp = 0x20; cp < 0x7f; cp++)
		c->used[cp] = 1;
	for (cp = 0; cp < sizeof(swedish) / sizeof(swedish[0]); cp++)
		c->used[swedish[cp]] = 1;
	c->used[0x2022] = 1; /* • list bullet */
	c->used[0x2026] = 1; /* … shortened header and footer */
	scan_node(c->used, root);
	return OV_OK;
}

int pdf_char_units(unsigned long *out, pdf_ctx *c, int style, unsigned cp)
{
	pdf_font *f;
	unsigned char b[4];
	HPDF_TextWidth tw;
	size_t n;
	int err;

	*out = 0;
	style &= PDF_FONT_MASK;
	f = &c->fonts[style];
	if (cp > 0xffff)
		cp = 0xfffdu;
	if (c->used && !c->used[cp])
		return ov_error_set(OV_ERROR, "%s: character U+%04X was not foreseen for the fonts",
				    c->name, cp);
	if (!f->font && (err = pdf_font_use(c, style)) < 0)
		return err;
	if (f->widths[cp] != PDF_WIDTH_UNKNOWN) {
		*out = f->widths[cp];
		return OV_OK;
	}
	n = utf8_put(b, cp);
	tw = HPDF_Font_TextWidth(f->font, b, (HPDF_UINT)n);
	if ((err = pdf_check(c, "measuring text")) < 0)
		return err;
	/* Widths are in 1/1000 em; anything at or above the sentinel is nonsense. */
	f->widths[cp] = (uint16_t)(tw.width < PDF_WIDTH_UNKNOWN ? tw.width : 0);
	*out = f->widths[cp];
	return OV_OK;
}

int pdf_text_width(double *out, pdf_ctx *c, int style, const char *s,
		   size_t len, double size)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned long sum = 0, u;
	unsigned cp;
	size_t i = 0;
	int err;

	*out = 0;
	while (i < len) {
		i += utf8_next(&cp, p + i, len - i);
		if ((err = pdf_char_units(&u, c, style, cp)) < 0)
			return err;
		sum += u;
	}
	*out = (double)sum * size / 1000.0;
	return OV_OK;
}

/* One byte of a code in a PDF literal string, escaped where it must be. */
static int put_string_byte(ov_buf *out, unsigned b)
{
	switch (b) {
	case '(': case ')': case '\\':
		return ov_buf_printf(out, "\\%c", (char)b);
	case '\r':
		return ov_buf_puts(out, "\\r"); /* a bare CR would be read as LF */
	case '\n':
		return ov_buf_puts(out, "\\n");
	default:
		return ov_buf_putc(out, (char)b);
	}
}

int pdf_text_codes(ov_buf *out, unsigned long *units, pdf_ctx *c, int style,
		   const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), k;
	unsigned long u, sum = 0;
	unsigned cp;
	int err;

	*units = 0;
	if ((err = ov_buf_putc(out, '(')) < 0)
		return err;
	while (n) {
		k = utf8_next(&cp, p, n);
		p += k;
		n -= k;
		if (cp > 0xffff)
			cp = 0xfffdu;
		if ((err = pdf_char_units(&u, c, style, cp)) < 0 ||
		    (err = put_string_byte(out, cp >> 8)) < 0 ||
		    (err = put_string_byte(out, cp & 0xff)) < 0)
			return err;
		sum += u;
	}
	*units = sum;
	return ov_buf_putc(out, ')');
}

/* The PDFDocEncoding byte of code point `cp`, or 0 when it has none. */
static unsigned pdfdoc_byte(unsigned cp)
{
	static const unsigned short high[][2] = {
		{ 0x2022, 0x80 }, { 0x2020, 0x81 }, { 0x2021, 0x82 }, { 0x2026, 0x83 },
		{ 0x2014, 0x84 }, { 0x2013, 0x85 }, { 0x2212, 0x8a }, { 0x201e, 0x8c },
		{ 0x201c, 0x8d }, { 0x201d, 0x8e }, { 0x2018, 0x8f }, { 0x2019, 0x90 },
		{ 0x20ac, 0xa0 },
	};
	size_t i;

	if ((cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa1 && cp <= 0xff && cp != 0xad))
		return cp;
	for (i = 0; i < sizeof(high) / sizeof(high[0]); i++)
		if (high[i][0] == cp)
			return high[i][1];
	return 0;
}

int pdf_to_pdfdoc(ov_buf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), k;
	unsigned cp, b;
	int err;

	ov_buf_clear(out);
	while (n) {
		k = utf8_next(&cp, p, n);
		p += k;
		n -= k;
		if (!(b = pdfdoc_byte(cp)))
			return 0;
		if ((err = ov_buf_putc(out, (char)b)) < 0)
			return err;
	}
	return 1;
}

void pdf_inline_init(pdf_inline *in)
{
	memset(in, 0, sizeof(*in));
}

void pdf_inline_clear(pdf_inline *in)
{
	ov_buf_clear(&in->text);
	in->ntoks = 0;
	in->space = 0;
}

void pdf_inline_dispose(pdf_inline *in)
{
	ov_buf_dispose(&in->text);
	free(in->toks);
	pdf_inline_init(in);
}

static int push_tok(pdf_tok **out, pdf_inline *in, int kind, int style)
{
	pdf_tok *t;
	int err;

	*out = NULL;
	if ((err = pdf_grow((void **)&in->toks, &in->atoks, in->ntoks + 1,
			    sizeof(*in->toks))) < 0)
		return err;
	t = &in->toks[in->ntoks++];
	memset(t, 0, sizeof(*t));
	t->kind = (unsigned char)kind;
	t->style = (unsigned char)style;
	t->off = in->text.size;
	*out = t;
	return OV_OK;
}

int pdf_inline_text(pdf_ctx *c, pdf_inline *in, const char *s, size_t len,
		    int style)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned char enc[4];
	unsigned long u;
	unsigned cp;
	size_t i = 0, n;
	pdf_tok *t;
	int err;

	while (i < len) {
		i += utf8_next(&cp, p + i, len - i);
		switch (classify(&cp)) {
		case CH_DROP:
			continue;
		case CH_SPACE:
			if (!in->space) {
				in->space = 1;
				in->space_style = (unsigned char)style;
			}
			continue;
		default:
			break;
		}
		t = in->ntoks ? &in->toks[in->ntoks - 1] : NULL;
		if (in->space && t && t->kind == PDF_TOK_TEXT) {
			if ((err = push_tok(&t, in, PDF_TOK_SPACE, in->space_style)) < 0 ||
			    (err = pdf_char_units(&t->units, c, t->style, PDF_SPACE_CP)) < 0)
				return err;
		}
		in->space = 0;
		if (!t || t->kind != PDF_TOK_TEXT || t->style != style) {
			if ((err = push_tok(&t, in, PDF_TOK_TEXT, style)) < 0)
				return err;
		}
		if ((err = pdf_char_units(&u, c, style, cp)) < 0)
			return err;
		n = utf8_put(enc, cp);
		if ((err = ov_buf_put(&in->text, enc, n)) < 0)
			return err;
		t->len += n;
		t->units += u;
	}
	return OV_OK;
}

int pdf_inline_break(pdf_inline *in)
{
	pdf_tok *t;

	in->space = 0;
	return push_tok(&t, in, PDF_TOK_BREAK, PDF_REGULAR);
}

int pdf_inline_empty(const pdf_inline *in)
{
	size_t i;

	for (i = 0; i < in->ntoks; i++)
		if (in->toks[i].kind == PDF_TOK_TEXT)
			return 0;
	return 1;
}

/* As deep as libxml2's parser lets a document be. */
#define PDF_MAX_INLINE_DEPTH 256

static int inline_node(pdf_ctx *c, pdf_inline *in, xmlNodePtr parent,
		       int style, int depth)
{
	xmlNodePtr n;
	const char *name;
	int err;

	if (depth > PDF_MAX_INLINE_DEPTH)
		return ov_error_set(OV_EINVALID, "%s:%ld: text nested too deeply",
				    c->name, xmlGetLineNo(parent));
	for (n = parent->children; n; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (n->content &&
			    (err = pdf_inline_text(c, in, (const char *)n->content,
						   strlen((const char *)n->content),
						   style)) < 0)
				return err;
			continue;
		}
		if (n->type != XML_ELEMENT_NODE)
			continue;
		name = (const char *)n->name;
		if (!strcmp(name, "b"))
			err = inline_node(c, in, n, style | PDF_BOLD, depth + 1);
		else if (!strcmp(name, "i"))
			err = inline_node(c, in, n, style | PDF_ITALIC, depth + 1);
		else if (!strcmp(name, "ins"))
			err = inline_node(c, in, n, style | PDF_DECO_INS, depth + 1);
		else if (!strcmp(name, "del"))
			err = inline_node(c, in, n, style | PDF_DECO_DEL, depth + 1);
		else if (!strcmp(name, "br"))
			err = pdf_inline_break(in);
		else
			err = ov_error_set(OV_EINVALID,
					   "%s:%ld: <%s> is not allowed in <%s>",
					   c->name, xmlGetLineNo(n), name,
					   (const char *)parent->name);
		if (err < 0)
			return err;
	}
	return OV_OK;
}

int pdf_inline_node(pdf_ctx *c, pdf_inline *in, xmlNodePtr parent, int style)
{
	return inline_node(c, in, parent, style, 0);
}

int pdf_clean_text(ov_buf *out, const char *s, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, len = strlen(s), n;
	unsigned char enc[4];
	unsigned cp;
	int space = 0, err;

	if ((err = ov_buf_put(out, "", 0)) < 0)
		return err;
	while (i < len) {
		i += utf8_next(&cp, p + i, len - i);
		switch (classify(&cp)) {
		case CH_DROP:
			continue;
		case CH_SPACE:
			space = 1;
			continue;
		default:
			break;
		}
		n = utf8_put(enc, cp);
		if (out->size + n + (space ? 1 : 0) > max)
			break;
		if (space && out->size && (err = ov_buf_putc(out, ' ')) < 0)
			return err;
		space = 0;
		if ((err = ov_buf_put(out, enc, n)) < 0)
			return err;
	}
	return OV_OK;
}

void pdf_line_metrics(const pdf_ctx *c, double size, unsigned mask,
		      double *height, double *baseline)
{
	double asc = 0, desc = 0, ink;
	int s;

	if (!mask)
		mask = 1u << PDF_REGULAR;
	for (s = 0; s < PDF_NSTYLES; s++) {
		const pdf_font *f = &c->fonts[s];
		if (!(mask & (1u << s)) || !f->font)
			continue;
		if (f->ascent > asc)
			asc = f->ascent;
		if (f->descent > desc)
			desc = f->descent;
	}
	if (asc <= 0 && desc <= 0) {
		asc = c->fonts[PDF_REGULAR].ascent;
		desc = c->fonts[PDF_REGULAR].descent;
	}
	asc = asc * size / 1000.0;
	desc = desc * size / 1000.0;
	ink = asc + desc;
	*height = size * 1.3;
	if (*height < ink + 1.0)
		*height = ink + 1.0;
	*baseline = (*height - ink) / 2.0 + asc;
}

/* ------------------------------------------------------------------ */
/* The line breaker                                                    */

/* One item on the line being filled: a piece of text or a space. */
typedef struct brk_item {
	int gap;
	unsigned char style;
	size_t off, len;      /* bytes in the inline text */
	double w;             /* width in points at the item's size */
	double shrink;        /* 1, or less for a character wider than the line */
} brk_item;

typedef struct brk {
	pdf_ctx *c;
	const pdf_inline *in;
	double size, width;
	int align;
	brk_item *items;
	size_t n, alloc;
	double w;             /* natural width of the items */
	ov_buf scratch;
	size_t nlines;
} brk;

static int brk_push(brk *b, int gap, int style, size_t off, size_t len,
		    double w, double shrink)
{
	brk_item *it;
	int err;

	if ((err = pdf_grow((void **)&b->items, &b->alloc, b->n + 1,
			    sizeof(*b->items))) < 0)
		return err;
	it = &b->items[b->n++];
	it->gap = gap;
	it->style = (unsigned char)style;
	it->off = off;
	it->len = len;
	it->w = w;
	it->shrink = shrink;
	b->w += w;
	return OV_OK;
}

/* Adds one piece with text bytes gathered in b->scratch. */
static int brk_piece(brk *b, double x, double w, int style, double size)
{
	pdf_ctx *c = b->c;
	pdf_piece *p;
	size_t off;
	int err;

	if ((err = pdf_str(&off, c, b->scratch.ptr, b->scratch.size)) < 0)
		return err;
	if ((err = pdf_grow((void **)&c->pieces, &c->apieces, c->npieces + 1,
			    sizeof(*c->pieces))) < 0)
		return err;
	p = &c->pieces[c->npieces++];
	p->x = x;
	p->w = w;
	p->size = size;
	p->style = (unsigned char)style;
	p->text = off;
	ov_buf_clear(&b->scratch);
	return OV_OK;
}

/*
 * Turns the items into a line.  `last` says the line ends a paragraph or
 * is ended by <br/>, so it is not stretched.
 */
static int brk_flush(brk *b, int last)
{
	pdf_ctx *c = b->c;
	const char *src = b->in->text.ptr;
	size_t i, ngaps = 0, first = c->npieces;
	double extra = 0, x = 0, px = 0, pw = 0;
	unsigned mask = 0;
	int justify, open = 0, pstyle = 0, err;
	double psize = b->size;
	pdf_line *ln;

	/* Trailing spaces do not count. */
	while (b->n && b->items[b->n - 1].gap) {
		b->w -= b->items[b->n - 1].w;
		b->n--;
	}
	for (i = 0; i < b->n; i++) {
		if (b->items[i].gap)
			ngaps++;
		else
			mask |= 1u << (b->items[i].style & PDF_FONT_MASK);
	}
	justify = b->align == PDF_ALIGN_JUSTIFY && !last && ngaps > 0 &&
		  b->w < b->width;
	if (justify)
		extra = (b->width - b->w) / (double)ngaps;
	else if (b->align == PDF_ALIGN_CENTER && b->w < b->width)
		x = (b->width - b->w) / 2.0;
	else if (b->align == PDF_ALIGN_RIGHT && b->w < b->width)
		x = b->width - b->w;

	for (i = 0; i < b->n; i++) {
		const brk_item *it = &b->items[i];
		double size = b->size * it->shrink;

		if (it->gap) {
			/* A space joins two pieces of one style unless stretched. */
			if (open && !justify && i + 1 < b->n &&
			    !b->items[i + 1].gap && b->items[i + 1].style == pstyle &&
			    it->style == pstyle && b->items[i + 1].shrink == 1.0 &&
			    psize == b->size) {
				if ((err = ov_buf_putc(&b->scratch, ' ')) < 0)
					return err;
				pw += it->w;
				x += it->w;
				continue;
			}
			if (open && (err = brk_piece(b, px, pw, pstyle, psize)) < 0)
				return err;
			open = 0;
			x += it->w + extra;
			continue;
		}
		if (open && (it->style != pstyle || size != psize)) {
			if ((err = brk_piece(b, px, pw, pstyle, psize)) < 0)
				return err;
			open = 0;
		}
		if (!open) {
			open = 1;
			px = x;
			pw = 0;
			pstyle = it->style;
			psize = size;
		}
		if ((err = ov_buf_put(&b->scratch, src + it->off, it->len)) < 0)
			return err;
		pw += it->w;
		x += it->w;
	}
	if (open && (err = brk_piece(b, px, pw, pstyle, psize)) < 0)
		return err;

	if ((err = pdf_grow((void **)&c->lines, &c->alines, c->nlines + 1,
			    sizeof(*c->lines))) < 0)
		return err;
	ln = &c->lines[c->nlines++];
	memset(ln, 0, sizeof(*ln));
	pdf_line_metrics(c, b->size, mask, &ln->height, &ln->baseline);
	ln->first = first;
	ln->count = c->npieces - first;
	b->nlines++;
	b->n = 0;
	b->w = 0;
	return OV_OK;
}

/*
 * Places a word wider than a whole line: as many characters per line as
 * fit.  The last part stays on the open line for the words that follow.
 */
static int brk_long_word(brk *b, size_t from, size_t to)
{
	const unsigned char *src = (const unsigned char *)b->in->text.ptr;
	double scale = b->size / 1000.0;
	size_t t;
	int err;

	for (t = from; t < to; t++) {
		const pdf_tok *tok = &b->in->toks[t];
		size_t i = tok->off, end = tok->off + tok->len, seg = i;
		double segw = 0;

		while (i < end) {
			unsigned long u;
			unsigned cp;
			size_t n = utf8_next(&cp, src + i, end - i);
			double w;

			if ((err = pdf_char_units(&u, b->c, tok->style, cp)) < 0)
				return err;
			w = (double)u * scale;
			if (b->w + segw + w <= b->width) {
				segw += w;
				i += n;
				continue;
			}
			if (i > seg) {
				if ((err = brk_push(b, 0, tok->style, seg, i - seg,
						    segw, 1.0)) < 0)
					return err;
			}
			if (b->n == 0) {
				/* One character wider than the line: draw it smaller. */
				double shrink = w > 0 ? b->width / w * 0.999 : 1.0;
				if ((err = brk_push(b, 0, tok->style, i, n,
						    w * shrink, shrink)) < 0)
					return err;
				i += n;
			}
			if ((err = brk_flush(b, 0)) < 0)
				return err;
			seg = i;
			segw = 0;
		}
		if (i > seg &&
		    (err = brk_push(b, 0, tok->style, seg, i - seg, segw, 1.0)) < 0)
			return err;
	}
	return OV_OK;
}

int pdf_break_lines(pdf_ctx *c, const pdf_inline *in, double size, int align,
		    double width, size_t *first, size_t *count)
{
	brk b;
	double scale = size / 1000.0;
	size_t i = 0, j, gap = (size_t)-1;
	int err = OV_OK;

	memset(&b, 0, sizeof(b));
	b.c = c;
	b.in = in;
	b.size = size;
	b.width = width > 1.0 ? width : 1.0;
	b.align = align;
	*first = c->nlines;
	*count = 0;

	while (i < in->ntoks) {
		const pdf_tok *t = &in->toks[i];
		double ww = 0, gw = 0;

		if (t->kind == PDF_TOK_BREAK) {
			if ((err = brk_flush(&b, 1)) < 0)
				goto done;
			gap = (size_t)-1;
			i++;
			continue;
		}
		if (t->kind == PDF_TOK_SPACE) {
			gap = i++;
			continue;
		}
		for (j = i; j < in->ntoks && in->toks[j].kind == PDF_TOK_TEXT; j++)
			ww += (double)in->toks[j].units * scale;
		if (b.n && gap != (size_t)-1)
			gw = (double)in->toks[gap].units * scale;
		if (b.n && b.w + gw + ww > b.width) {
			if ((err = brk_flush(&b, 0)) < 0)
				goto done;
			gw = 0;
		}
		if (b.n && gw > 0 &&
		    (err = brk_push(&b, 1, in->toks[gap].style, 0, 0, gw, 1.0)) < 0)
			goto done;
		if (ww > b.width - b.w) {
			if ((err = brk_long_word(&b, i, j)) < 0)
				goto done;
		} else {
			for (; i < j; i++) {
				const pdf_tok *w = &in->toks[i];
				if ((err = brk_push(&b, 0, w->style, w->off, w->len,
						    (double)w->units * scale, 1.0)) < 0)
					goto done;
			}
		}
		i = j;
		gap = (size_t)-1;
	}
	if (b.n)
		err = brk_flush(&b, 1);
done:
	*count = c->nlines - *first;
	free(b.items);
	ov_buf_dispose(&b.scratch);
	return err;
}
