/*
 * redline_words.c - word-level comparison of two runs of inline text for
 * the redline (see redline.h): the text split into words and punctuation,
 * one a line, compared by libgit2's diff through the store
 * (ov_ws_diff_lines), and written back as text with <ins> and <del>.
 *
 *   "Två grupper per termin."  ->  Två | grupper | per | termin | .
 *   "Tre grupper per termin."  ->  Tre | grupper | per | termin | .
 *                              ->  <del>Två</del> <ins>Tre</ins> grupper per termin.
 *
 * A word is a run of letters and digits (any byte of a multi-byte UTF-8
 * character counts as a letter, so å, ä and ö stay inside their words);
 * every other visible character is a word of its own, so "termin." and
 * "termin," differ only in the full stop.  Each word remembers whether
 * white space came before it, which is how the text is put back together.
 * A line break (<br/>) is a word of its own.
 */
#include <stdlib.h>
#include <string.h>

#include "overens/error.h"
#include "engine/base/xmlsafe.h"
#include "engine/documents/redline.h"
#include "store/workspace.h"

/* The word a <br/> stands for: no text holds this character (XML forbids it). */
#define BR_WORD "\x1f"

void rl_words_init(rl_words *w)
{
	memset(w, 0, sizeof(*w));
}

void rl_words_dispose(rl_words *w)
{
	ov_buf_dispose(&w->lines);
	free(w->v);
	rl_words_init(w);
}

static int push_word(rl_words *w, const char *s, size_t len, int space)
{
	rl_word *v;
	int err;

	if (w->n == w->alloc) {
		size_t na = w->alloc ? w->alloc * 2 : 32;
		if (!(v = realloc(w->v, na * sizeof(*v))))
			return ov_error_set(OV_ENOMEM, "out of memory");
		w->v = v;
		w->alloc = na;
	}
	v = &w->v[w->n];
	v->off = w->lines.size;
	v->len = len;
	v->space = space;
	v->br = len == 1 && s[0] == BR_WORD[0];
	if ((err = ov_buf_put(&w->lines, s, len)) < 0 || (err = ov_buf_putc(&w->lines, '\n')) < 0)
		return err;
	w->n++;
	return OV_OK;
}

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int is_letter(unsigned char c)
{
	return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z');
}

static int split_text(rl_words *w, const char *s, int *space)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, j;
	int err;

	while (p[i]) {
		if (is_space(p[i]) || p[i] < 0x20) {
			*space = 1;
			i++;
			continue;
		}
		j = i + 1;
		if (is_letter(p[i]))
			while (p[j] && is_letter(p[j]))
				j++;
		if ((err = push_word(w, s + i, j - i, *space)) < 0)
			return err;
		*space = 0;
		i = j;
	}
	return OV_OK;
}

static int split_node(rl_words *w, xmlNodePtr parent, int *space, int depth)
{
	int err = OV_OK;

	if (depth > 64)
		return ov_error_set(OV_EINVALID, "redline: text nested too deeply");
	for (xmlNodePtr n = parent->children; n && err >= 0; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (n->content)
				err = split_text(w, (const char *)n->content, space);
		} else if (n->type == XML_ELEMENT_NODE && ov_xml_is(n, "br")) {
			err = push_word(w, BR_WORD, 1, 0);
			*space = 0;
		} else if (n->type == XML_ELEMENT_NODE) {
			err = split_node(w, n, space, depth + 1);
		}
	}
	return err;
}

int rl_words_split(rl_words *w, xmlNodePtr parent)
{
	int space = 0;

	return split_node(w, parent, &space, 0);
}

int rl_words_from_text(rl_words *w, const char *text)
{
	int space = 0;

	return split_text(w, text ? text : "", &space);
}

/* The runs of changes, gathered from the store's comparison. */
typedef struct hunks {
	size_t (*v)[4];   /* old_before, old_lines, new_before, new_lines */
	size_t n, alloc;
} hunks;

static int on_hunk(size_t ob, size_t on, size_t nb, size_t nn, void *payload)
{
	hunks *h = payload;

	if (h->n == h->alloc) {
		size_t na = h->alloc ? h->alloc * 2 : 8;
		void *v = realloc(h->v, na * sizeof(*h->v));
		if (!v)
			return ov_error_set(OV_ENOMEM, "out of memory");
		h->v = v;
		h->alloc = na;
	}
	h->v[h->n][0] = ob;
	h->v[h->n][1] = on;
	h->v[h->n][2] = nb;
	h->v[h->n][3] = nn;
	h->n++;
	return 0;
}

/* Appends text `s` (len bytes) to `parent`, merged with a text node before it. */
static int add_text(xmlNodePtr parent, const char *s, size_t len)
{
	xmlNodePtr t;

	if (!len)
		return OV_OK;
	if (parent->last && parent->last->type == XML_TEXT_NODE) {
		if (xmlTextConcat(parent->last, (const xmlChar *)s, (int)len) == 0)
			return OV_OK;
		return ov_error_set(OV_ENOMEM, "out of memory");
	}
	if (!(t = xmlNewDocTextLen(parent->doc, (const xmlChar *)s, (int)len)) || !xmlAddChild(parent, t)) {
		xmlFreeNode(t);
		return ov_error_set(OV_ENOMEM, "out of memory");
	}
	return OV_OK;
}

/*
 * Words [from, to) of `w` into `parent`: as text, or inside a new element
 * `mark` (ins or del).  White space before the first word stays outside
 * the mark.
 */
static int put_run(xmlNodePtr parent, const rl_words *w, size_t from, size_t to,
		   const char *mark)
{
	xmlNodePtr into = parent, br;
	int err;

	if (from >= to)
		return OV_OK;
	if (w->v[from].space && from > 0 && (err = add_text(parent, " ", 1)) < 0)
		return err;
	if (mark && !(into = xmlNewChild(parent, NULL, (const xmlChar *)mark, NULL)))
		return ov_error_set(OV_ENOMEM, "out of memory");
	for (size_t k = from; k < to; k++) {
		const rl_word *x = &w->v[k];
		if (k > from && x->space && (err = add_text(into, " ", 1)) < 0)
			return err;
		if (x->br) {
			if (!(br = xmlNewChild(into, NULL, (const xmlChar *)"br", NULL)))
				return ov_error_set(OV_ENOMEM, "out of memory");
			continue;
		}
		if ((err = add_text(into, w->lines.ptr + x->off, x->len)) < 0)
			return err;
	}
	return OV_OK;
}

int rl_words_diff(int *changed, xmlNodePtr parent, ov_workspace *ws, const rl_words *a,
		  const rl_words *b)
{
	hunks h = { NULL, 0, 0 };
	size_t j = 0;
	int err;

	*changed = 0;
	if ((err = ov_ws_diff_lines(ws, a->lines.ptr ? a->lines.ptr : "", a->lines.size,
				    b->lines.ptr ? b->lines.ptr : "", b->lines.size, on_hunk, &h)) < 0)
		goto done;
	*changed = h.n > 0;
	for (size_t k = 0; k <= h.n && err >= 0; k++) {
		size_t ob = k < h.n ? h.v[k][0] : a->n, on = k < h.n ? h.v[k][1] : 0;
		size_t nb = k < h.n ? h.v[k][2] : b->n, nn = k < h.n ? h.v[k][3] : 0;
		if (ob + on > a->n || nb + nn > b->n || nb < j) {
			err = ov_error_set(OV_ERROR, "redline: the comparison returned a change "
					   "outside the text");
			break;
		}
		if ((err = put_run(parent, b, j, nb, NULL)) < 0 ||
		    (err = put_run(parent, a, ob, ob + on, "del")) < 0)
			break;
		/* Words put in right after words taken out are set apart by a space. */
		if (on && nn && !b->v[nb].space && is_letter((unsigned char)b->lines.ptr[b->v[nb].off]) &&
		    (err = add_text(parent, " ", 1)) < 0)
			break;
		err = put_run(parent, b, nb, nb + nn, "ins");
		j = nb + nn;
	}
done:
	free(h.v);
	return err;
}

int rl_lines_diff(ov_workspace *ws, const char *a, size_t alen, const char *b, size_t blen,
		  size_t (**out)[4], size_t *n)
{
	hunks h = { NULL, 0, 0 };
	int err;

	*out = NULL;
	*n = 0;
	if ((err = ov_ws_diff_lines(ws, a ? a : "", alen, b ? b : "", blen, on_hunk, &h)) < 0) {
		free(h.v);
		return err;
	}
	*out = h.v;
	*n = h.n;
	return OV_OK;
}
