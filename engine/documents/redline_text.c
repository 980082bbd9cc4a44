/*
 * redline_text.c - the agreement's text compared clause by clause, for the
 * redline (see redline.h): both versions are laid out by the agreement's
 * own stylesheet, and the two layouts are compared.
 *
 *   layout A, layout B --split at h1/h2--> sections, keyed by their
 *                                          heading without its number
 *   sections matched by key --> same, changed (blocks compared), added, removed
 *   blocks of a matched pair --line diff, one block a line--> equal blocks
 *                               as they are; changed ones paired by kind:
 *     p, h3          words compared (redline_words.c)
 *     list, table    items (rows) matched by their text first, so an item
 *                    moved is no deletion plus insertion (an unchanged one off
 *                    the longest run kept in order is marked moved="yes");
 *                    the rest paired by shared words and compared word by word
 *     kv             items matched by key, values compared word by word
 *   a block, item or section only in one version: all of its text in
 *   <ins> or <del>.
 *
 * The result is <section key status> elements holding layout blocks
 * (templates/layout.rng) with <ins> and <del>, and moved="yes" on an
 * item whose place changed; templates/redline.xsl lays them out.
 */
#include <stdlib.h>
#include <string.h>

#include "overens/error.h"
#include "engine/base/xmlsafe.h"
#include "engine/documents/redline.h"

typedef struct section {
	xmlNodePtr head;      /* h1 or h2; NULL for what comes before the first */
	char *key;
	xmlNodePtr *blocks;
	size_t n, alloc;
} section;

typedef struct sections {
	section *v;
	size_t n, alloc;
} sections;

static int oom(void)
{
	return ov_error_set(OV_ENOMEM, "out of memory");
}

static void sections_free(sections *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].key);
		free(s->v[i].blocks);
	}
	free(s->v);
	memset(s, 0, sizeof(*s));
}

/* The text of `n` with white space runs as one space, trimmed, into `out`. */
static int flat_text(ov_buf *out, xmlNodePtr n)
{
	char *t = ov_xml_text(n);
	int space = 0, err = OV_OK;

	if (!t)
		return oom();
	for (const char *p = t; *p && err >= 0; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			space = 1;
			continue;
		}
		if (space && out->size)
			err = ov_buf_putc(out, ' ');
		space = 0;
		if (err >= 0)
			err = ov_buf_putc(out, *p);
	}
	free(t);
	return err < 0 ? err : ov_buf_put(out, "", 0);
}

/*
 * A heading's key: its text without a leading clause or annex number
 * ("3 ", "3.1 ", "Bilaga 2 "), so a clause keeps its key when an earlier
 * one comes or goes.
 */
static int heading_key(char **out, xmlNodePtr h)
{
	ov_buf t = OV_BUF_INIT;
	const char *s;
	size_t k;
	int err;

	*out = NULL;
	if ((err = flat_text(&t, h)) < 0)
		goto done;
	s = t.ptr;
	if (!strncmp(s, "Bilaga ", 7))
		s += 7;
	k = strspn(s, "0123456789.");
	if (k && s[k] == ' ')
		s += k + 1;
	else if (s != t.ptr)
		s = t.ptr;
	if (!(*out = strdup(s)))
		err = oom();
done:
	ov_buf_dispose(&t);
	return err;
}

static int add_block(section *s, xmlNodePtr b)
{
	if (s->n == s->alloc) {
		size_t na = s->alloc ? s->alloc * 2 : 8;
		xmlNodePtr *v = realloc(s->blocks, na * sizeof(*v));
		if (!v)
			return oom();
		s->blocks = v;
		s->alloc = na;
	}
	s->blocks[s->n++] = b;
	return OV_OK;
}

static int new_section(sections *ss, xmlNodePtr head)
{
	section *s;
	int err;

	if (ss->n == ss->alloc) {
		size_t na = ss->alloc ? ss->alloc * 2 : 16;
		section *v = realloc(ss->v, na * sizeof(*v));
		if (!v)
			return oom();
		ss->v = v;
		ss->alloc = na;
	}
	s = &ss->v[ss->n++];
	memset(s, 0, sizeof(*s));
	s->head = head;
	if (!head)
		return (s->key = strdup("")) ? OV_OK : oom();
	err = heading_key(&s->key, head);
	return err;
}

/* The layout's blocks by section; page breaks, spacers and signature blocks are left out. */
static int split_sections(sections *ss, xmlDocPtr layout)
{
	xmlNodePtr root = xmlDocGetRootElement(layout);
	int err = OV_OK;

	for (xmlNodePtr n = root ? root->children : NULL; n && err >= 0; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || ov_xml_is(n, "header") || ov_xml_is(n, "footer") ||
		    ov_xml_is(n, "pagebreak") || ov_xml_is(n, "spacer") || ov_xml_is(n, "signatures"))
			continue;
		if (ov_xml_is(n, "h1") || ov_xml_is(n, "h2")) {
			err = new_section(ss, n);
			continue;
		}
		if (!ss->n && (err = new_section(ss, NULL)) < 0)
			break;
		err = add_block(&ss->v[ss->n - 1], n);
	}
	return err;
}

/* ---- whole blocks in <ins> or <del> ---- */

static int is_inline_box(xmlNodePtr n)
{
	static const char *const names[] = { "p", "h1", "h2", "h3", "item", "cell" };

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (ov_xml_is(n, names[i]))
			return 1;
	return 0;
}

/* Moves all the inline content of `n` (and of the boxes inside it) into a `mark` element. */
static int mark_all(xmlNodePtr n, const char *mark)
{
	xmlNodePtr m, c, next;
	int err;

	if (!is_inline_box(n)) {
		for (c = n->children; c; c = c->next)
			if (c->type == XML_ELEMENT_NODE && (err = mark_all(c, mark)) < 0)
				return err;
		return OV_OK;
	}
	if (!n->children)
		return OV_OK;
	if (!(m = xmlNewDocNode(n->doc, NULL, (const xmlChar *)mark, NULL)))
		return oom();
	for (c = n->children; c; c = next) {
		next = c->next;
		xmlUnlinkNode(c);
		xmlAddChild(m, c);
	}
	xmlAddChild(n, m);
	return OV_OK;
}

/* A copy of block `b` into `parent`, marked whole when `mark` is set; *out the copy. */
static int put_copy(xmlNodePtr *out, xmlNodePtr parent, xmlNodePtr b, const char *mark)
{
	xmlNodePtr c = xmlDocCopyNode(b, parent->doc, 1);

	if (out)
		*out = c;
	if (!c || !xmlAddChild(parent, c)) {
		xmlFreeNode(c);
		return oom();
	}
	return mark ? mark_all(c, mark) : OV_OK;
}

/* A new element like `like` (name and attributes), empty, appended to `parent`. */
static int put_shell(xmlNodePtr *out, xmlNodePtr parent, xmlNodePtr like)
{
	*out = xmlDocCopyNode(like, parent->doc, 2);
	if (!*out || !xmlAddChild(parent, *out)) {
		xmlFreeNode(*out);
		*out = NULL;
		return oom();
	}
	return OV_OK;
}

/* ---- inline boxes compared word by word ---- */

static int diff_inline(int *changed, xmlNodePtr parent, rl_ctx *x, xmlNodePtr a, xmlNodePtr b)
{
	rl_words wa, wb;
	xmlNodePtr box = NULL;
	int err;

	rl_words_init(&wa);
	rl_words_init(&wb);
	if ((err = put_shell(&box, parent, b)) >= 0 && (err = rl_words_split(&wa, a)) >= 0 &&
	    (err = rl_words_split(&wb, b)) >= 0)
		err = rl_words_diff(changed, box, x->ws, &wa, &wb);
	rl_words_dispose(&wa);
	rl_words_dispose(&wb);
	return err;
}

/* ---- lists and tables: items matched by content ---- */

typedef struct items {
	xmlNodePtr *v;
	char **text;
	size_t n;
} items;

static void items_free(items *it)
{
	for (size_t i = 0; i < it->n; i++)
		free(it->text[i]);
	free(it->text);
	free(it->v);
	memset(it, 0, sizeof(*it));
}

/* The child elements `name` of `n` (rows: not those of <thead>) with their texts. */
static int items_of(items *it, xmlNodePtr n, const char *name)
{
	size_t cap = 0;

	memset(it, 0, sizeof(*it));
	for (xmlNodePtr c = n->children; c; c = c->next)
		cap += ov_xml_is(c, name);
	if (!cap)
		return OV_OK;
	if (!(it->v = calloc(cap, sizeof(*it->v))) || !(it->text = calloc(cap, sizeof(char *))))
		return oom();
	for (xmlNodePtr c = n->children; c; c = c->next) {
		ov_buf t = OV_BUF_INIT;
		if (!ov_xml_is(c, name))
			continue;
		/* A table row's cells are kept apart, so "a | bc" is not "ab | c". */
		for (xmlNodePtr cell = c->children; cell && ov_xml_is(c, "row"); cell = cell->next)
			if (ov_xml_is(cell, "cell") && (flat_text(&t, cell) < 0 || ov_buf_putc(&t, '\t') < 0))
				break;
		if (!ov_xml_is(c, "row"))
			flat_text(&t, c);
		if (ov_xml_is(c, "item")) {
			char *key = ov_xml_attr(c, "key");
			if (key) {
				ov_buf_printf(&t, "\t%s", key);
				free(key);
			}
		}
		if (!t.ptr && ov_buf_put(&t, "", 0) < 0) {
			ov_buf_dispose(&t);
			return oom();
		}
		it->v[it->n] = c;
		it->text[it->n++] = ov_buf_detach(&t);
	}
	return OV_OK;
}

/* How alike two texts are: the words they share over the words of the longer, in 0..1. */
static double alike(const char *a, const char *b)
{
	rl_words wa, wb;
	size_t shared = 0, most;
	char *used;

	rl_words_init(&wa);
	rl_words_init(&wb);
	if (rl_words_from_text(&wa, a) < 0 || rl_words_from_text(&wb, b) < 0 ||
	    !(used = calloc(wb.n + 1, 1))) {
		ov_error_clear();
		rl_words_dispose(&wa);
		rl_words_dispose(&wb);
		return 0;
	}
	for (size_t i = 0; i < wa.n; i++)
		for (size_t j = 0; j < wb.n; j++)
			if (!used[j] && wa.v[i].len == wb.v[j].len &&
			    !memcmp(wa.lines.ptr + wa.v[i].off, wb.lines.ptr + wb.v[j].off, wa.v[i].len)) {
				used[j] = 1;
				shared++;
				break;
			}
	most = wa.n > wb.n ? wa.n : wb.n;
	free(used);
	rl_words_dispose(&wa);
	rl_words_dispose(&wb);
	return most ? (double)shared / (double)most : 1.0;
}

/*
 * Pairs old and new items: equal texts first (in order), then each new
 * item left with the most alike old one left, when at least half their
 * words are shared.  pair_new[j] is the old index or -1; exact[j] says
 * whether the texts were equal.
 */
static void pair_items(long *pair_new, int *exact, long *pair_old, const items *a, const items *b)
{
	for (size_t i = 0; i < a->n; i++)
		pair_old[i] = -1;
	for (size_t j = 0; j < b->n; j++) {
		pair_new[j] = -1;
		exact[j] = 0;
		for (size_t i = 0; i < a->n && pair_new[j] < 0; i++)
			if (pair_old[i] < 0 && !strcmp(a->text[i], b->text[j])) {
				pair_new[j] = (long)i;
				pair_old[i] = (long)j;
				exact[j] = 1;
			}
	}
	for (size_t j = 0; j < b->n; j++) {
		double best = 0.5, s;
		long bi = -1;
		if (pair_new[j] >= 0)
			continue;
		for (size_t i = 0; i < a->n; i++)
			if (pair_old[i] < 0 && (s = alike(a->text[i], b->text[j])) >= best) {
				best = s;
				bi = (long)i;
			}
		if (bi >= 0) {
			pair_new[j] = bi;
			pair_old[bi] = (long)j;
		}
	}
}

/*
 * moved[j] = 1 for the paired new items that are not on the longest run of
 * pairs in the same order in both versions (those that changed place).
 */
static int find_moved(char *moved, const long *pair_new, size_t n)
{
	size_t *len = calloc(n + 1, sizeof(*len)), best = 0, end = 0;
	long *prev = calloc(n + 1, sizeof(*prev));
	int err = OV_OK;

	if (!len || !prev) {
		err = oom();
		goto done;
	}
	for (size_t j = 0; j < n; j++) {
		moved[j] = pair_new[j] >= 0;
		prev[j] = -1;
		len[j] = 1;
		if (pair_new[j] < 0)
			continue;
		for (size_t k = 0; k < j; k++)
			if (pair_new[k] >= 0 && pair_new[k] < pair_new[j] && len[k] + 1 > len[j]) {
				len[j] = len[k] + 1;
				prev[j] = (long)k;
			}
		if (len[j] > best) {
			best = len[j];
			end = j;
		}
	}
	if (best)
		for (long k = (long)end; k >= 0; k = prev[k])
			moved[k] = 0;
done:
	free(len);
	free(prev);
	return err;
}

/* An item (or row) of a pair: compared word by word, or cell by cell. */
static int diff_item(int *changed, xmlNodePtr parent, rl_ctx *x, xmlNodePtr a, xmlNodePtr b)
{
	xmlNodePtr row = NULL, ca, cb;
	int err, ch;

	if (!ov_xml_is(b, "row"))
		return diff_inline(changed, parent, x, a, b);
	if ((err = put_shell(&row, parent, b)) < 0)
		return err;
	*changed = 0;
	ca = a->children;
	for (cb = b->children; cb; cb = cb->next) {
		if (!ov_xml_is(cb, "cell"))
			continue;
		while (ca && !ov_xml_is(ca, "cell"))
			ca = ca->next;
		if (ca) {
			err = diff_inline(&ch, row, x, ca, cb);
			ca = ca->next;
		} else {
			ch = 1;
			err = put_copy(NULL, row, cb, "ins");
		}
		if (err < 0)
			return err;
		*changed |= ch;
	}
	return OV_OK;
}

/*
 * Where an old entry without a pair goes: after the new entry paired with
 * the nearest earlier old one that has a pair (-1: before the first).
 */
static long unpaired_anchor(const long *pair_old, size_t i)
{
	for (size_t k = i; k-- > 0;)
		if (pair_old[k] >= 0)
			return pair_old[k];
	return -1;
}

/* The old items without a pair placed after new item `after` (-1: before the first). */
static int put_removed(xmlNodePtr parent, const items *a, const long *pair_old, long after)
{
	int err;

	for (size_t i = 0; i < a->n; i++)
		if (pair_old[i] < 0 && unpaired_anchor(pair_old, i) == after &&
		    (err = put_copy(NULL, parent, a->v[i], "del")) < 0)
			return err;
	return OV_OK;
}

/* A list or table: items matched by content (see the top of the file). */
static int diff_items(int *changed, xmlNodePtr parent, rl_ctx *x, xmlNodePtr a, xmlNodePtr b,
		      const char *name)
{
	items ia, ib;
	long *pn = NULL, *po = NULL, *pe = NULL;
	int *exact = NULL, err, ch;
	char *moved = NULL;
	xmlNodePtr box = NULL, head, copy;

	*changed = 0;
	memset(&ia, 0, sizeof(ia));
	memset(&ib, 0, sizeof(ib));
	if ((err = items_of(&ia, a, name)) < 0 || (err = items_of(&ib, b, name)) < 0 ||
	    (err = put_shell(&box, parent, b)) < 0)
		goto done;
	if ((head = ov_xml_child(b, "thead")) && (err = put_copy(NULL, box, head, NULL)) < 0)
		goto done;
	if (!(pn = calloc(ib.n + 1, sizeof(*pn))) || !(po = calloc(ia.n + 1, sizeof(*po))) ||
	    !(exact = calloc(ib.n + 1, sizeof(*exact))) || !(moved = calloc(ib.n + 1, 1))) {
		err = oom();
		goto done;
	}
	pair_items(pn, exact, po, &ia, &ib);
	/* Only an item found unchanged can be said to have moved; a changed one is marked so. */
	if (!(pe = calloc(ib.n + 1, sizeof(*pe)))) {
		err = oom();
		goto done;
	}
	for (size_t j = 0; j < ib.n; j++)
		pe[j] = exact[j] ? pn[j] : -1;
	if ((err = find_moved(moved, pe, ib.n)) < 0 || (err = put_removed(box, &ia, po, -1)) < 0)
		goto done;
	for (size_t j = 0; j < ib.n && err >= 0; j++) {
		if (pn[j] < 0) {
			*changed = 1;
			err = put_copy(NULL, box, ib.v[j], "ins");
		} else if (exact[j]) {
			if ((err = put_copy(&copy, box, ib.v[j], NULL)) >= 0 && moved[j] &&
			    !xmlSetProp(copy, (const xmlChar *)"moved", (const xmlChar *)"yes"))
				err = oom();
			*changed |= moved[j];
		} else {
			err = diff_item(&ch, box, x, ia.v[pn[j]], ib.v[j]);
			*changed |= ch;
		}
		if (err >= 0)
			err = put_removed(box, &ia, po, (long)j);
	}
	for (size_t i = 0; i < ia.n; i++)
		*changed |= po[i] < 0;
done:
	free(pn);
	free(po);
	free(pe);
	free(exact);
	free(moved);
	items_free(&ia);
	items_free(&ib);
	return err;
}

/* A kv block: items matched by key, values compared word by word. */
static int diff_kv(int *changed, xmlNodePtr parent, rl_ctx *x, xmlNodePtr a, xmlNodePtr b)
{
	xmlNodePtr box = NULL, ia, ib;
	int err, ch;

	*changed = 0;
	if ((err = put_shell(&box, parent, b)) < 0)
		return err;
	for (ia = a->children; ia && err >= 0; ia = ia->next) {
		char *ka = ov_xml_attr(ia, "key");
		int found = 0;
		for (ib = b->children; ib && ka && !found; ib = ib->next)
			found = ov_xml_attr_is(ib, "key", ka);
		if (ov_xml_is(ia, "item") && !found) {
			*changed = 1;
			err = put_copy(NULL, box, ia, "del");
		}
		free(ka);
	}
	for (ib = b->children; ib && err >= 0; ib = ib->next) {
		char *kb = ov_xml_attr(ib, "key");
		xmlNodePtr match = NULL;
		for (ia = a->children; ia && kb && !match; ia = ia->next)
			if (ov_xml_is(ia, "item") && ov_xml_attr_is(ia, "key", kb))
				match = ia;
		free(kb);
		if (!ov_xml_is(ib, "item"))
			continue;
		if (match) {
			err = diff_inline(&ch, box, x, match, ib);
			*changed |= ch;
		} else {
			*changed = 1;
			err = put_copy(NULL, box, ib, "ins");
		}
	}
	return err;
}

/* Two blocks of the same kind, compared. */
static int diff_block(int *changed, xmlNodePtr parent, rl_ctx *x, xmlNodePtr a, xmlNodePtr b)
{
	if (ov_xml_is(b, "list"))
		return diff_items(changed, parent, x, a, b, "item");
	if (ov_xml_is(b, "table"))
		return diff_items(changed, parent, x, a, b, "row");
	if (ov_xml_is(b, "kv"))
		return diff_kv(changed, parent, x, a, b);
	if (is_inline_box(b))
		return diff_inline(changed, parent, x, a, b);
	*changed = 0;
	return put_copy(NULL, parent, b, NULL);
}

/* Each block's kind and text, one a line: what the blocks are compared by. */
static int block_lines(ov_buf *out, const section *s)
{
	int err = OV_OK;

	for (size_t i = 0; i < s->n && err >= 0; i++) {
		items it;
		if ((err = ov_buf_printf(out, "%s:", (const char *)s->blocks[i]->name)) < 0 ||
		    (err = items_of(&it, s->blocks[i], ov_xml_is(s->blocks[i], "table") ? "row" : "item")) < 0)
			break;
		for (size_t k = 0; k < it.n && err >= 0; k++)
			err = ov_buf_printf(out, "%s\t", it.text[k]);
		if (!it.n && err >= 0)
			err = flat_text(out, s->blocks[i]);
		items_free(&it);
		if (err >= 0)
			err = ov_buf_putc(out, '\n');
	}
	return err;
}

/*
 * A run of changed blocks: old [oa, oa+on) against new [nb, nb+nn).  Blocks
 * of one kind are paired in order; an old one without a pair is put (in
 * <del>) before the next new block whose pair comes after it.
 */
static int diff_run(int *changed, xmlNodePtr parent, rl_ctx *x, const section *a, size_t oa,
		    size_t on, const section *b, size_t nb, size_t nn)
{
	size_t po = oa, next = oa;
	int err = OV_OK, ch;

	*changed = on || nn;
	for (size_t j = nb; j < nb + nn && err >= 0; j++) {
		size_t p = next;
		while (p < oa + on && !xmlStrEqual(a->blocks[p]->name, b->blocks[j]->name))
			p++;
		if (p == oa + on) {
			err = put_copy(NULL, parent, b->blocks[j], "ins");
			continue;
		}
		for (; po < p && err >= 0; po++)
			err = put_copy(NULL, parent, a->blocks[po], "del");
		po = next = p + 1;
		if (err >= 0)
			err = diff_block(&ch, parent, x, a->blocks[p], b->blocks[j]);
	}
	for (; po < oa + on && err >= 0; po++)
		err = put_copy(NULL, parent, a->blocks[po], "del");
	return err;
}

/* Two sections with the same key: *changed when any block differs. */
static int diff_section(int *changed, xmlNodePtr parent, rl_ctx *x, const section *a,
			const section *b)
{
	ov_buf la = OV_BUF_INIT, lb = OV_BUF_INIT;
	size_t (*h)[4] = NULL, nh = 0, j = 0;
	int err, ch;

	*changed = 0;
	if ((err = block_lines(&la, a)) < 0 || (err = block_lines(&lb, b)) < 0 ||
	    (err = rl_lines_diff(x->ws, la.ptr, la.size, lb.ptr, lb.size, &h, &nh)) < 0)
		goto done;
	for (size_t k = 0; k <= nh && err >= 0; k++) {
		size_t ob = k < nh ? h[k][0] : a->n, on = k < nh ? h[k][1] : 0;
		size_t nb = k < nh ? h[k][2] : b->n, nn = k < nh ? h[k][3] : 0;
		if (ob + on > a->n || nb + nn > b->n || nb < j) {
			err = ov_error_set(OV_ERROR, "redline: the comparison returned a change "
					   "outside the text");
			break;
		}
		for (; j < nb && err >= 0; j++)
			err = put_copy(NULL, parent, b->blocks[j], NULL);
		if (err >= 0 && (on || nn)) {
			err = diff_run(&ch, parent, x, a, ob, on, b, nb, nn);
			*changed |= ch;
		}
		j = nb + nn;
	}
done:
	free(h);
	ov_buf_dispose(&la);
	ov_buf_dispose(&lb);
	return err;
}

/* A <section key status> under `parent`, with the heading (marked with `mark`). */
static int put_section(xmlNodePtr *out, xmlNodePtr parent, const section *s, const char *status,
		       const char *mark)
{
	*out = xmlNewChild(parent, NULL, (const xmlChar *)"section", NULL);
	if (!*out || !xmlSetProp(*out, (const xmlChar *)"key", (const xmlChar *)s->key) ||
	    !xmlSetProp(*out, (const xmlChar *)"status", (const xmlChar *)status))
		return oom();
	return s->head ? put_copy(NULL, *out, s->head, mark) : OV_OK;
}

/* A section only in one version: heading and blocks all in `mark`. */
static int put_whole(xmlNodePtr parent, const section *s, const char *status, const char *mark)
{
	xmlNodePtr sec = NULL;
	int err = put_section(&sec, parent, s, status, mark);

	for (size_t i = 0; i < s->n && err >= 0; i++)
		err = put_copy(NULL, sec, s->blocks[i], mark);
	return err;
}

/* The old sections without a pair whose nearest earlier paired one is new section `after`. */
static int put_removed_sections(xmlNodePtr parent, const sections *a, const long *pair_old,
				long after)
{
	int err;

	for (size_t i = 0; i < a->n; i++) {
		if (pair_old[i] < 0 && unpaired_anchor(pair_old, i) == after &&
		    (err = put_whole(parent, &a->v[i], "removed", "del")) < 0)
			return err;
	}
	return OV_OK;
}

int rl_text_diff(int *changed, xmlNodePtr parent, rl_ctx *x, xmlDocPtr la, xmlDocPtr lb)
{
	sections a = { NULL, 0, 0 }, b = { NULL, 0, 0 };
	long *po = NULL, *pn = NULL;
	xmlNodePtr sec = NULL;
	int err, ch;

	*changed = 0;
	if ((err = split_sections(&a, la)) < 0 || (err = split_sections(&b, lb)) < 0)
		goto done;
	if (!(po = calloc(a.n + 1, sizeof(*po))) || !(pn = calloc(b.n + 1, sizeof(*pn)))) {
		err = oom();
		goto done;
	}
	for (size_t i = 0; i < a.n; i++)
		po[i] = -1;
	for (size_t j = 0; j < b.n; j++) {
		pn[j] = -1;
		for (size_t i = 0; i < a.n && pn[j] < 0; i++)
			if (po[i] < 0 && !strcmp(a.v[i].key, b.v[j].key)) {
				pn[j] = (long)i;
				po[i] = (long)j;
			}
	}
	if ((err = put_removed_sections(parent, &a, po, -1)) < 0)
		goto done;
	for (size_t j = 0; j < b.n && err >= 0; j++) {
		if (pn[j] < 0) {
			*changed = 1;
			err = put_whole(parent, &b.v[j], "added", "ins");
		} else if ((err = put_section(&sec, parent, &b.v[j], "same", NULL)) >= 0 &&
			   (err = diff_section(&ch, sec, x, &a.v[pn[j]], &b.v[j])) >= 0 && ch) {
			*changed = 1;
			if (!xmlSetProp(sec, (const xmlChar *)"status", (const xmlChar *)"changed"))
				err = oom();
		}
		if (err >= 0)
			err = put_removed_sections(parent, &a, po, (long)j);
	}
	for (size_t i = 0; i < a.n; i++)
		*changed |= po[i] < 0;
done:
	free(po);
	free(pn);
	sections_free(&a);
	sections_free(&b);
	return err;
}
