/*
 * pdfmdp.c - what an incremental update changed between two signatures
 * (see ov_pdf_check_update in pdfsign.h).
 *
 * A signature covers the file up to the end of its revision; the next
 * signature covers that and whatever was appended after it.  Bytes
 * appended in between are signed by the later signer only, so a forger can
 * slip in a page or overlay text there and both signatures still verify.
 * The rule (DocMDP permission 2, which the first signature declares):
 * after a signature, an update may only add the next signature.
 *
 * The check compares the documents as they stand at the two offsets, object
 * by object, through their cross-reference tables or streams (an object in
 * an object stream counts as moved when its stream's object or its index
 * there changed):
 *
 *   new signature field W   the one top-level field in /AcroForm /Fields
 *                           that was not there before; it must be a
 *                           signature field named as expected, and its /V
 *                           a signature dictionary
 *   allowed new objects     W, its /V, its appearance streams and the
 *                           objects reachable from them that are new
 *   allowed changed objects the catalog (only /AcroForm may change), the
 *                           AcroForm dictionary (only /Fields and
 *                           /SigFlags), the /Fields array, the widget's
 *                           page (only /Annots) and its /Annots array;
 *                           each array may only gain W at its end
 *   everything else         byte-for-byte the same object as before
 *
 * After the last signature an update may instead add validation data
 * (ov_pdf_check_dss_update; ISO 32000-2 12.8.2.2.2 allows a DSS after a
 * DocMDP certification): the catalog may change in /DSS only, new objects
 * must be reachable from that DSS, nothing else may change, and every
 * entry of the DSS before stays in the new one.  A document time-stamp
 * (B-LTA) is added as a signature is: a new field and its value.
 *
 * The first object that breaks the rule is named in the reason.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "overens/error.h"
#include "engine/signing/pdfparse.h"
#include "engine/signing/pdfsign.h"

/* Objects reachable from the new field's appearance that may be new. */
#define MAX_ALLOWED 256

typedef struct mdp {
	const char *pdf;
	ov_pdf_doc *before, *after;
	long long allowed[MAX_ALLOWED];
	size_t nallowed;
	long long field;       /* W, or 0 */
	int dss_only;          /* the update may add validation data only */
	char *why;
	size_t why_off;        /* offset of the offending object (in `after`) */
} mdp;

static int reject(mdp *m, size_t off, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int reject(mdp *m, size_t off, const char *fmt, ...)
{
	ov_buf b = OV_BUF_INIT;
	va_list ap;

	if (m->why)
		return OV_OK;
	va_start(ap, fmt);
	ov_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (!(m->why = ov_buf_detach(&b))) {
		ov_buf_dispose(&b);
		return ov_error_set(OV_ENOMEM, "out of memory");
	}
	m->why_off = off;
	return OV_OK;
}

static int is_allowed(const mdp *m, long long num)
{
	for (size_t i = 0; i < m->nallowed; i++)
		if (m->allowed[i] == num)
			return 1;
	return 0;
}

/* Object `num` in `doc`, or NULL when it has no entry. */
static int get(ov_pdf_obj **out, ov_pdf_doc *doc, long long num)
{
	int err = ov_pdf_doc_get(out, doc, num);

	if (err == OV_ENOTFOUND) {
		ov_error_clear();
		*out = NULL;
		return OV_OK;
	}
	return err;
}

/* Deep equality; references by number, streams by dictionary and raw bytes. */
static int same_obj(const char *pdf, const ov_pdf_obj *a, const ov_pdf_obj *b, int depth)
{
	size_t i;

	if (!a || !b)
		return a == b;
	if (a->type != b->type || depth > OV_PDF_MAX_DEPTH)
		return 0;
	switch (a->type) {
	case OV_PDF_NULL:
		return 1;
	case OV_PDF_BOOL:
	case OV_PDF_INT:
		return a->num == b->num;
	case OV_PDF_REF:
		return a->num == b->num && a->gen == b->gen;
	case OV_PDF_REAL:
	case OV_PDF_STRING:
	case OV_PDF_NAME:
		return a->len == b->len && !memcmp(a->str, b->str, a->len);
	case OV_PDF_ARRAY:
		if (a->count != b->count)
			return 0;
		for (i = 0; i < a->count; i++)
			if (!same_obj(pdf, a->items[i], b->items[i], depth + 1))
				return 0;
		return 1;
	case OV_PDF_DICT:
	case OV_PDF_STREAM:
		if (a->count != b->count)
			return 0;
		for (i = 0; i < a->count; i++)
			if (!same_obj(pdf, a->items[i], ov_pdf_dict_get(b, a->keys[i]),
				      depth + 1))
				return 0;
		if (a->type == OV_PDF_STREAM &&
		    (a->data_len != b->data_len ||
		     memcmp(pdf + a->data_off, pdf + b->data_off, a->data_len)))
			return 0;
		return 1;
	}
	return 0;
}

/* Dictionaries equal except for the keys in `except` (NULL-terminated). */
static int same_except(const char *pdf, const ov_pdf_obj *a, const ov_pdf_obj *b,
		       const char *const *except, const char **differs)
{
	const ov_pdf_obj *dicts[2] = { a, b };

	for (int side = 0; side < 2; side++) {
		const ov_pdf_obj *x = dicts[side], *y = dicts[1 - side];

		for (size_t i = 0; i < x->count; i++) {
			int skip = 0;

			for (const char *const *e = except; *e; e++)
				skip |= !strcmp(x->keys[i], *e);
			if (!skip && !same_obj(pdf, x->items[i], ov_pdf_dict_get(y, x->keys[i]), 0)) {
				*differs = x->keys[i];
				return 0;
			}
		}
	}
	return 1;
}

/* 1 if `now` is `was` with a reference to W inserted (anywhere: the order
 * of fields and annotations means nothing), or `was` missing and now [W]. */
static int array_gains_field(const mdp *m, const ov_pdf_obj *was, const ov_pdf_obj *now)
{
	size_t n = was && was->type == OV_PDF_ARRAY ? was->count : 0, i, j;
	int seen = 0;

	if (!now || now->type != OV_PDF_ARRAY || now->count != n + 1)
		return 0;
	for (i = j = 0; i < now->count; i++) {
		const ov_pdf_obj *it = now->items[i];

		if (!seen && it->type == OV_PDF_REF && it->num == m->field) {
			seen = 1;
			continue;
		}
		if (j == n || !same_obj(m->pdf, was->items[j++], it, 0))
			return 0;
	}
	return seen;
}

/* An array value that may be direct or indirect: the direct form. */
static int array_value(ov_pdf_obj **out, ov_pdf_doc *doc, ov_pdf_obj *v)
{
	return ov_pdf_doc_resolve(out, doc, v);
}

/* Adds `num` and the new objects reachable from it to the allowed set. */
static int allow_tree(mdp *m, const ov_pdf_obj *obj, int depth)
{
	size_t i;
	int err;

	if (!obj || depth > 32)
		return OV_OK;
	if (obj->type == OV_PDF_REF) {
		ov_pdf_obj *old = NULL, *target = NULL;

		if (is_allowed(m, obj->num))
			return OV_OK;
		if ((err = get(&old, m->before, obj->num)) < 0)
			return err;
		if (old)
			return OV_OK;   /* an old object: checked on its own */
		if (m->nallowed == MAX_ALLOWED)
			return reject(m, obj->off, "underskriftens utseende använder fler än "
				      "%d nya objekt", MAX_ALLOWED);
		m->allowed[m->nallowed++] = obj->num;
		if ((err = get(&target, m->after, obj->num)) < 0)
			return err;
		return allow_tree(m, target, depth + 1);
	}
	if (obj->type == OV_PDF_ARRAY || obj->type == OV_PDF_DICT ||
	    obj->type == OV_PDF_STREAM)
		for (i = 0; i < obj->count; i++) {
			/* a widget's /P and /Parent point back into the page tree */
			if (obj->keys && (!strcmp(obj->keys[i], "P") ||
					  !strcmp(obj->keys[i], "Parent")))
				continue;
			if ((err = allow_tree(m, obj->items[i], depth + 1)) < 0)
				return err;
		}
	return OV_OK;
}

/* Finds W: the one new top-level field, which must be the expected
 * signature field with a signature value. */
static int find_new_field(mdp *m, const char *expect_name)
{
	ov_pdf_obj *cat0 = NULL, *cat1 = NULL, *af0 = NULL, *af1 = NULL;
	ov_pdf_obj *f0 = NULL, *f1 = NULL, *w = NULL, *v = NULL, *ap = NULL;
	char *name = NULL;
	size_t i, j, nnew = 0;
	long long found = 0;
	int err;

	if ((err = ov_pdf_doc_catalog(&cat0, m->before)) < 0 ||
	    (err = ov_pdf_doc_catalog(&cat1, m->after)) < 0 ||
	    (err = ov_pdf_doc_resolve(&af0, m->before, ov_pdf_dict_get(cat0, "AcroForm"))) < 0 ||
	    (err = ov_pdf_doc_resolve(&af1, m->after, ov_pdf_dict_get(cat1, "AcroForm"))) < 0 ||
	    (err = ov_pdf_doc_resolve(&f0, m->before, ov_pdf_dict_get(af0, "Fields"))) < 0 ||
	    (err = ov_pdf_doc_resolve(&f1, m->after, ov_pdf_dict_get(af1, "Fields"))) < 0)
		return err;
	for (i = 0; f1 && f1->type == OV_PDF_ARRAY && i < f1->count; i++) {
		int old = 0;

		if (f1->items[i]->type != OV_PDF_REF)
			return reject(m, f1->off, "ett formulärfält som inte är ett indirekt objekt "
				      "har lagts till");
		for (j = 0; f0 && f0->type == OV_PDF_ARRAY && j < f0->count && !old; j++)
			old = same_obj(m->pdf, f0->items[j], f1->items[i], 0);
		if (!old) {
			nnew++;
			found = f1->items[i]->num;
		}
	}
	if (nnew != 1)
		return reject(m, f1 ? f1->off : 0, "%zu formulärfält har lagts till där bara "
			      "nästa underskrift får finnas", nnew);
	m->field = found;
	if ((err = get(&w, m->after, found)) < 0)
		return err;
	if (!w || w->type != OV_PDF_DICT || !ov_pdf_is_name(ov_pdf_dict_get(w, "FT"), "Sig") ||
	    !ov_pdf_is_name(ov_pdf_dict_get(w, "Subtype"), "Widget"))
		return reject(m, w ? w->off : 0, "det tillagda fältet %lld är ingen "
			      "underskriftswidget", found);
	/* a signature widget and nothing else: no actions, no kids, no parent */
	for (i = 0; i < w->count; i++) {
		static const char *const keys[] = {
			"Type", "Subtype", "FT", "T", "V", "P", "Rect", "F", "AP", NULL
		};
		int ok = 0;

		for (const char *const *k = keys; *k && !ok; k++)
			ok = !strcmp(w->keys[i], *k);
		if (!ok)
			return reject(m, w->off, "det tillagda underskriftsfältet har "
				      "nyckeln /%s", w->keys[i]);
	}
	if (ov_pdf_dict_get(w, "T") && (err = ov_pdf_text_to_utf8(&name, ov_pdf_dict_get(w, "T"))) < 0)
		return err;
	if (expect_name && (!name || strcmp(name, expect_name))) {
		err = reject(m, w->off, "det tillagda fältet är '%s', inte nästa underskrift "
			     "'%s'", name ? name : "", expect_name);
		free(name);
		return err;
	}
	free(name);
	if ((err = ov_pdf_doc_resolve(&v, m->after, ov_pdf_dict_get(w, "V"))) < 0)
		return err;
	if (!v || v->type != OV_PDF_DICT)
		return reject(m, w->off, "det tillagda underskriftsfältet saknar underskrift");
	if (ov_pdf_dict_get(v, "Reference"))
		return reject(m, v->off, "en senare underskrift påstår sig certifiera dokumentet");
	m->allowed[m->nallowed++] = found;
	if ((err = allow_tree(m, ov_pdf_dict_get(w, "V"), 0)) < 0)
		return err;
	ap = ov_pdf_dict_get(w, "AP");
	return allow_tree(m, ap, 0);
}

/* A validation-data update: the catalog's /DSS is a dictionary of the
 * allowed keys; it and the new objects reachable from it are allowed. */
static int find_dss(mdp *m)
{
	static const char *const keys[] = { "Type", "Certs", "CRLs", "OCSPs", "VRI", NULL };
	ov_pdf_obj *cat = NULL, *dss = NULL, *ref;
	size_t i;
	int err;

	if ((err = ov_pdf_doc_catalog(&cat, m->after)) < 0)
		return err;
	ref = ov_pdf_dict_get(cat, "DSS");
	if (!ref)
		return OV_OK;
	if ((err = ov_pdf_doc_resolve(&dss, m->after, ref)) < 0)
		return err;
	if (!dss || dss->type != OV_PDF_DICT)
		return reject(m, cat->off, "katalogens /DSS är ingen ordlista");
	for (i = 0; i < dss->count; i++) {
		int ok = 0;

		for (const char *const *k = keys; *k && !ok; k++)
			ok = !strcmp(dss->keys[i], *k);
		if (!ok)
			return reject(m, dss->off, "dokumentets DSS har nyckeln /%s", dss->keys[i]);
	}
	return allow_tree(m, ref, 0);
}

/* The DSS of `doc`'s catalog (NULL when none), resolved. */
static int dss_of(ov_pdf_obj **dss, ov_pdf_obj **cat, ov_pdf_doc *doc)
{
	int err;

	*dss = NULL;
	if ((err = ov_pdf_doc_catalog(cat, doc)) < 0)
		return err;
	return ov_pdf_doc_resolve(dss, doc, ov_pdf_dict_get(*cat, "DSS"));
}

/* Validation data once added stays: the new DSS holds every reference of
 * the old one's /Certs, /CRLs and /OCSPs. */
static int check_dss_kept(mdp *m)
{
	static const char *const keys[] = { "Certs", "CRLs", "OCSPs", NULL };
	ov_pdf_obj *d0 = NULL, *d1 = NULL, *cat0 = NULL, *cat1 = NULL;
	int err;

	if ((err = dss_of(&d0, &cat0, m->before)) < 0 || !d0 ||
	    (err = dss_of(&d1, &cat1, m->after)) < 0)
		return err;
	if (!d1 || d1->type != OV_PDF_DICT)
		return reject(m, cat1->off, "katalogens /DSS har tagits bort");
	for (const char *const *k = keys; *k; k++) {
		ov_pdf_obj *a0 = NULL, *a1 = NULL;

		if ((err = ov_pdf_doc_resolve(&a0, m->before, ov_pdf_dict_get(d0, *k))) < 0 ||
		    (err = ov_pdf_doc_resolve(&a1, m->after, ov_pdf_dict_get(d1, *k))) < 0)
			return err;
		for (size_t i = 0; a0 && a0->type == OV_PDF_ARRAY && i < a0->count; i++) {
			const ov_pdf_obj *x = a0->items[i];
			int kept = x->type != OV_PDF_REF;

			for (size_t j = 0; !kept && a1 && a1->type == OV_PDF_ARRAY && j < a1->count; j++)
				kept = a1->items[j]->type == OV_PDF_REF && a1->items[j]->num == x->num;
			if (!kept)
				return reject(m, d1->off, "DSS:en har tappat objekt %lld ur /%s",
					      x->num, *k);
		}
	}
	return OV_OK;
}

static int in_list(const long long *list, size_t n, long long num)
{
	for (size_t i = 0; i < n; i++)
		if (list[i] == num)
			return 1;
	return 0;
}

/* Object `num` exists in both and differs: is the change one we allow? */
static int check_changed(mdp *m, long long num, const long long *pages, size_t npages,
			 long long root, long long form, const long long *arrays,
			 size_t narrays)
{
	static const char *const cat_keys[] = { "AcroForm", NULL };
	static const char *const form_keys[] = { "Fields", "SigFlags", NULL };
	static const char *const page_keys[] = { "Annots", NULL };
	ov_pdf_obj *a = NULL, *b = NULL, *x = NULL, *y = NULL;
	const char *key = NULL;
	int err;

	if ((err = get(&a, m->before, num)) < 0 || (err = get(&b, m->after, num)) < 0)
		return err;
	if (same_obj(m->pdf, a, b, 0))
		return OV_OK;   /* written again, unchanged */
	if (!a || !b || a->type != b->type)
		return reject(m, b ? b->off : 0, "objekt %lld har ersatts av ett objekt av "
			      "annat slag", num);
	if (m->dss_only) {
		static const char *const dss_keys[] = { "DSS", NULL };

		if (num != root)
			return reject(m, b->off, "objekt %lld har ändrats", num);
		if (!same_except(m->pdf, a, b, dss_keys, &key))
			return reject(m, b->off, "katalogens /%s har ändrats", key);
		return OV_OK;
	}
	if (num == root) {
		if (!same_except(m->pdf, a, b, cat_keys, &key))
			return reject(m, b->off, "katalogens /%s har ändrats", key);
		x = ov_pdf_dict_get(a, "AcroForm");
		y = ov_pdf_dict_get(b, "AcroForm");
		if (y && y->type == OV_PDF_REF) {
			if (!x || x->type != OV_PDF_REF || x->num != y->num)
				return reject(m, b->off, "katalogens /AcroForm har ersatts");
			return OV_OK;
		}
		a = x;
		b = y;
		if (!b || b->type != OV_PDF_DICT)
			return reject(m, 0, "katalogens /AcroForm har tagits bort");
		if (a && a->type != OV_PDF_DICT)
			return reject(m, b->off, "katalogens /AcroForm har ersatts");
		/* fall through to the form rule with the direct dictionaries */
		num = -1;
	}
	if (num == -1 || num == form) {
		ov_pdf_obj *fa = NULL, *fb = NULL;

		if (a && !same_except(m->pdf, a, b, form_keys, &key))
			return reject(m, b->off, "formulärets /%s har ändrats", key);
		x = a ? ov_pdf_dict_get(a, "Fields") : NULL;
		y = ov_pdf_dict_get(b, "Fields");
		if (y && y->type == OV_PDF_REF)
			return x && x->type == OV_PDF_REF && x->num == y->num ? OV_OK :
			       reject(m, b->off, "formulärets /Fields har ersatts");
		if ((err = array_value(&fa, m->before, x)) < 0 ||
		    (err = array_value(&fb, m->after, y)) < 0)
			return err;
		if (!array_gains_field(m, fa, fb))
			return reject(m, b->off, "formulärets fält har ändrats utöver att "
				      "nästa underskrift lagts till");
		return OV_OK;
	}
	if (in_list(pages, npages, num)) {
		if (!same_except(m->pdf, a, b, page_keys, &key))
			return reject(m, b->off, "sidobjekt %lld har ändrats (/%s)", num, key);
		x = ov_pdf_dict_get(a, "Annots");
		y = ov_pdf_dict_get(b, "Annots");
		if (y && y->type == OV_PDF_REF)
			return x && x->type == OV_PDF_REF && x->num == y->num ? OV_OK :
			       reject(m, b->off, "anteckningarna på sidobjekt %lld har "
				      "ersatts", num);
		if (x && x->type == OV_PDF_REF) {
			ov_pdf_obj *xa = NULL;

			if ((err = array_value(&xa, m->before, x)) < 0)
				return err;
			x = xa;
		}
		if (!array_gains_field(m, x, y))
			return reject(m, b->off, "anteckningarna på sidobjekt %lld har "
				      "ändrats utöver att nästa underskrift lagts till", num);
		return OV_OK;
	}
	if (in_list(arrays, narrays, num)) {
		if (!array_gains_field(m, a, b))
			return reject(m, b->off, "listobjekt %lld har ändrats utöver att "
				      "nästa underskrift lagts till", num);
		return OV_OK;
	}
	return reject(m, b->off, "objekt %lld har ändrats", num);
}

/* Indirect /Annots arrays of the pages and the indirect /Fields array. */
static int collect_arrays(long long **out, size_t *n, mdp *m, const long long *pages,
			  size_t npages)
{
	ov_pdf_obj *cat = NULL, *af = NULL, *v;
	long long *list;
	size_t i;
	int err;

	*n = 0;
	if (!(list = calloc(npages + 1, sizeof(*list)))) {
		*out = NULL;
		return ov_error_set(OV_ENOMEM, "out of memory");
	}
	*out = list;
	for (i = 0; i < npages; i++) {
		ov_pdf_obj *page = NULL;

		if ((err = get(&page, m->before, pages[i])) < 0)
			return err;
		v = ov_pdf_dict_get(page, "Annots");
		if (v && v->type == OV_PDF_REF)
			list[(*n)++] = v->num;
	}
	if ((err = ov_pdf_doc_catalog(&cat, m->before)) < 0 ||
	    (err = ov_pdf_doc_resolve(&af, m->before, ov_pdf_dict_get(cat, "AcroForm"))) < 0)
		return err;
	v = ov_pdf_dict_get(af, "Fields");
	if (v && v->type == OV_PDF_REF)
		list[(*n)++] = v->num;
	return OV_OK;
}

/*
 * The trailers of the updates: only the keys our updates write.  Others,
 * /XRefStm above all (a hybrid file's cross-reference stream, which some
 * readers prefer to the table), would let readers see other objects than
 * this check does; /Info must stay the one signed.  An update's
 * cross-reference stream has the keys of a stream besides (those the
 * reader understands), and is an allowed new object.
 */
static int check_trailers(mdp *m, size_t from, size_t to)
{
	static const char *const keys[] = { "Size", "Root", "Info", "ID", "Prev", NULL };
	static const char *const xkeys[] = { "Type", "W", "Index", "Filter", "Length", NULL };
	const ov_pdf_obj *info0 = ov_pdf_dict_get(ov_pdf_doc_trailer(m->before), "Info");
	const ov_pdf_revision *revs;
	size_t n, i, k;
	int err = OV_OK;

	revs = ov_pdf_doc_revisions(m->after, &n);
	for (i = 0; i < n && !m->why; i++) {
		ov_pdf_doc *doc = NULL;
		const ov_pdf_obj *t;

		if (revs[i].end <= from || revs[i].end > to)
			continue;
		if ((err = ov_pdf_doc_open(&doc, m->pdf, revs[i].end)) < 0)
			return err;
		t = ov_pdf_doc_trailer(doc);
		if (revs[i].xref_obj && !is_allowed(m, revs[i].xref_obj)) {
			if (m->nallowed == MAX_ALLOWED)
				err = reject(m, t->off, "för många nya objekt");
			else
				m->allowed[m->nallowed++] = revs[i].xref_obj;
		}
		for (k = 0; k < t->count && !m->why; k++) {
			int ok = 0;

			for (const char *const *key = keys; *key && !ok; key++)
				ok = !strcmp(t->keys[k], *key);
			for (const char *const *key = xkeys; revs[i].xref_obj && *key && !ok; key++)
				ok = !strcmp(t->keys[k], *key);
			if (!ok)
				err = reject(m, t->off, "en uppdatering har /%s i sin trailer",
					     t->keys[k]);
		}
		if (!m->why && !same_obj(m->pdf, info0, ov_pdf_dict_get(t, "Info"), 0))
			err = reject(m, t->off, "en uppdatering byter dokumentets /Info");
		ov_pdf_doc_free(doc);
		if (err < 0)
			return err;
	}
	return OV_OK;
}

/* Exactly one page's /Annots holds W, and W's /P is that page. */
static int check_widget_page(mdp *m, const long long *pages, size_t npages)
{
	ov_pdf_obj *w = NULL, *p;
	long long on = 0;
	size_t i, k, count = 0;
	int err;

	for (i = 0; i < npages; i++) {
		ov_pdf_obj *page = NULL, *annots = NULL;

		if ((err = get(&page, m->after, pages[i])) < 0 ||
		    (err = ov_pdf_doc_resolve(&annots, m->after, ov_pdf_dict_get(page, "Annots"))) < 0)
			return err;
		for (k = 0; annots && annots->type == OV_PDF_ARRAY && k < annots->count; k++)
			if (annots->items[k]->type == OV_PDF_REF && annots->items[k]->num == m->field) {
				count++;
				on = pages[i];
			}
	}
	if ((err = get(&w, m->after, m->field)) < 0)
		return err;
	p = ov_pdf_dict_get(w, "P");
	if (count != 1)
		return reject(m, w ? w->off : 0, "underskriftsfältet sitter på %zu sidor, inte "
			      "på en", count);
	if (!p || p->type != OV_PDF_REF || p->num != on)
		return reject(m, w->off, "underskriftsfältets /P är inte sidan det sitter på");
	return OV_OK;
}

/*
 * 1 if object `num` lies elsewhere in an object stream after than before
 * (at the same offset, that is the same stream, but another index).
 */
static int moved_in_stream(const mdp *m, long long num)
{
	long long s0, s1;
	size_t i0, i1;
	int p0 = ov_pdf_doc_packed(&s0, &i0, m->before, num);
	int p1 = ov_pdf_doc_packed(&s1, &i1, m->after, num);

	return p0 != p1 || s0 != s1 || i0 != i1;
}

/* Objects of the earlier document that the later one no longer has. */
static int check_gone(mdp *m, size_t from)
{
	size_t n = ov_pdf_doc_count(m->before), i;
	int err;

	for (i = 0; i < n && !m->why; i++) {
		long long num;
		size_t off, off1;
		int used, gen;

		if ((err = ov_pdf_doc_entry(m->before, i, &num, &off, &gen, &used)) < 0)
			return err;
		if (used && ov_pdf_doc_locate(&off1, &gen, m->after, num) < 0) {
			ov_error_clear();
			if ((err = reject(m, from, "objekt %lld har tagits bort", num)) < 0)
				return err;
		}
	}
	return OV_OK;
}

static int check_update(char **why, size_t *where, const char *pdf, size_t from,
			size_t to, const char *next_field, int dss_only)
{
	mdp m;
	long long *pages = NULL, *arrays = NULL, root0, root1, form = -4, old_size;
	ov_pdf_obj *cat = NULL, *af;
	size_t npages = 0, narrays = 0, i, n;
	const ov_pdf_obj *r0, *r1;
	int err;

	*why = NULL;
	if (where)
		*where = 0;
	memset(&m, 0, sizeof(m));
	m.pdf = pdf;
	m.dss_only = dss_only;
	if ((err = ov_pdf_doc_open(&m.before, pdf, from)) < 0 ||
	    (err = ov_pdf_doc_open(&m.after, pdf, to)) < 0) {
		if (err == OV_ENOMEM)
			goto done;
		err = reject(&m, from, "revisionerna efter byte %zu kan inte läsas: %s",
			     from, ov_error_last() ? ov_error_last()->message : "?");
		ov_error_clear();
		goto done;
	}
	r0 = ov_pdf_dict_get(ov_pdf_doc_trailer(m.before), "Root");
	r1 = ov_pdf_dict_get(ov_pdf_doc_trailer(m.after), "Root");
	root0 = r0 && r0->type == OV_PDF_REF ? r0->num : -2;
	root1 = r1 && r1->type == OV_PDF_REF ? r1->num : -3;
	if (root0 != root1) {
		err = reject(&m, from, "dokumentkatalogen har ersatts");
		goto done;
	}
	if (ov_pdf_dict_get(ov_pdf_doc_trailer(m.after), "Encrypt") &&
	    !ov_pdf_dict_get(ov_pdf_doc_trailer(m.before), "Encrypt")) {
		err = reject(&m, from, "kryptering har lagts till");
		goto done;
	}
	if ((err = dss_only ? find_dss(&m) : find_new_field(&m, next_field)) < 0 || m.why ||
	    (dss_only && ((err = check_dss_kept(&m)) < 0 || m.why)))
		goto done;
	if ((err = ov_pdf_doc_catalog(&cat, m.before)) < 0)
		goto done;
	af = ov_pdf_dict_get(cat, "AcroForm");
	if (af && af->type == OV_PDF_REF)
		form = af->num;
	if ((err = ov_pdf_doc_pages(&pages, &npages, m.before)) < 0 ||
	    (err = collect_arrays(&arrays, &narrays, &m, pages, npages)) < 0)
		goto done;

	if ((err = check_trailers(&m, from, to)) < 0 || m.why)
		goto done;
	old_size = ov_pdf_dict_get(ov_pdf_doc_trailer(m.before), "Size")->num;
	if ((err = check_gone(&m, from)) < 0)
		goto done;
	/* objects new or changed: a new offset or a new generation */
	n = ov_pdf_doc_count(m.after);
	for (i = 0; i < n && !m.why; i++) {
		long long num;
		size_t off, off0;
		int used, gen0, gen1;

		if ((err = ov_pdf_doc_entry(m.after, i, &num, &off, &gen1, &used)) < 0)
			goto done;
		if (!used)
			continue;
		if (ov_pdf_doc_locate(&off0, &gen0, m.before, num) < 0) {
			ov_error_clear();
			if (num < old_size)
				err = reject(&m, off, "objekt %lld har lagts till med ett nummer "
					     "som redan fanns (under /Size %lld)", num, old_size);
			else if (!is_allowed(&m, num))
				err = reject(&m, off, "objekt %lld har lagts till och hör inte "
					     "till %s", num, dss_only ? "valideringsdata" :
					     "nästa underskrift");
		} else if (gen0 != gen1) {
			err = reject(&m, off, "objekt %lld har fått generation %d", num, gen1);
		} else if (off0 != off || moved_in_stream(&m, num)) {
			err = check_changed(&m, num, pages, npages, root0, form, arrays,
					    narrays);
		}
		if (err < 0)
			goto done;
	}
	if (!m.why && !dss_only)
		err = check_widget_page(&m, pages, npages);
done:
	if (err < 0 && err != OV_ENOMEM && !m.why) {
		/* an unreadable object is a finding about the file */
		const ov_error *e = ov_error_last();
		char *msg = strdup(e && e->message ? e->message : "?");

		ov_error_clear();
		err = msg ? reject(&m, from, "revisionerna efter byte %zu kan inte läsas: %s",
				   from, msg) : ov_error_set(OV_ENOMEM, "out of memory");
		free(msg);
		if (err == OV_OK && !m.why)
			err = ov_error_set(OV_ENOMEM, "out of memory");
	}
	if (err == OV_OK) {
		*why = m.why;
		if (where)
			*where = m.why_off;
		m.why = NULL;
	}
	free(m.why);
	free(pages);
	free(arrays);
	ov_pdf_doc_free(m.before);
	ov_pdf_doc_free(m.after);
	return err;
}

int ov_pdf_check_update(char **why, size_t *where, const char *pdf, size_t from,
			size_t to, const char *next_field)
{
	return check_update(why, where, pdf, from, to, next_field, 0);
}

int ov_pdf_check_dss_update(char **why, size_t *where, const char *pdf, size_t from,
			    size_t to)
{
	return check_update(why, where, pdf, from, to, NULL, 1);
}
