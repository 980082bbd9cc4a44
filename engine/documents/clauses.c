/*
 * clauses.c - assembles an agreement's text from the clause library, the
 * subject's outline and the workflow's clause choices (see clauses.h).
 *
 *   templates/clauses/<name>.xml --load--> library (ids unique across files)
 *   subject <outline>       --select--> kept clauses and annexes, numbered
 *                                       (workflow use, clause `when`)
 *   each kept one           --copy, resolve--> <assembled> in the agreement
 *                                       (block `when`, field, annex, cite)
 *
 * Nothing is added to the agreement until every part has been resolved.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "overens/buf.h"
#include "overens/date.h"
#include "overens/error.h"
#include "overens/i18n.h"
#include "engine/base/xmlsafe.h"
#include "engine/documents/clauses.h"
#include "engine/lifecycle/agreement.h"

/* The clause library: every templates/clauses/<name>.xml, in name order. */
typedef struct clause_lib {
	char **paths;
	xmlDocPtr *docs;
	size_t n;
} clause_lib;

/* The library and the references, as loaded once for many agreements. */
struct ov_clause_lib {
	clause_lib lib;
	xmlDocPtr refs;
};

/* A clause or annex of the outline that is part of this document. */
typedef struct kept {
	xmlNodePtr src;   /* in the library */
	const char *file; /* the library file it comes from */
	char *id;
	char *where;      /* "<file>: clause <id>" for messages */
	int annex, n;
} kept;

typedef struct asm_ctx {
	xmlDocPtr agr, wf, subj;
	char *subject_id;
	const clause_lib *lib;
	xmlDocPtr refs;
	char date[11];
	kept *items;
	size_t nitems;
} asm_ctx;

static const char empty_value[] = "Ej angivet";

static int oom(void)
{
	return ov_error_set(OV_ENOMEM, "out of memory");
}

/* ---- the library ---- */

static void lib_free(clause_lib *lib)
{
	for (size_t i = 0; i < lib->n; i++) {
		free(lib->paths[i]);
		xmlFreeDoc(lib->docs[i]);
	}
	free(lib->paths);
	free(lib->docs);
	memset(lib, 0, sizeof(*lib));
}

static int is_xml_name(const char *s)
{
	size_t n = strlen(s);

	return s[0] != '.' && n > 4 && !strcmp(s + n - 4, ".xml");
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The paths of the library's files, sorted; lib->docs left NULL. */
static int lib_list(clause_lib *lib, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t cap = 0;
	ov_buf p = OV_BUF_INIT;

	if (!d)
		return ov_error_set(OV_ENOTFOUND, "%s: clause library folder not found", dir);
	while ((e = readdir(d))) {
		if (!is_xml_name(e->d_name))
			continue;
		if (lib->n == cap) {
			char **np = realloc(lib->paths, (cap = cap ? cap * 2 : 8) * sizeof(*np));
			if (!np)
				break;
			lib->paths = np;
		}
		ov_buf_clear(&p);
		if (ov_buf_printf(&p, "%s/%s", dir, e->d_name) < 0 ||
		    !(lib->paths[lib->n] = strdup(p.ptr)))
			break;
		lib->n++;
	}
	closedir(d);
	ov_buf_dispose(&p);
	if (e)
		return oom();
	if (lib->n)
		qsort(lib->paths, lib->n, sizeof(*lib->paths), cmp_str);
	return OV_OK;
}

/* The library element (clause or annex) with `id`; *file its file's index. */
static xmlNodePtr lib_find(const clause_lib *lib, size_t ndocs, xmlNodePtr stop,
			   const char *id, size_t *file)
{
	for (size_t i = 0; i < ndocs; i++) {
		xmlNodePtr c = xmlDocGetRootElement(lib->docs[i])->children;
		for (; c && c != stop; c = c->next)
			if ((ov_xml_is(c, "clause") || ov_xml_is(c, "annex")) &&
			    ov_xml_attr_is(c, "id", id)) {
				*file = i;
				return c;
			}
	}
	return NULL;
}

/* A duplicate id in the file just loaded (index i) is an error naming both files. */
static int lib_check_unique(const clause_lib *lib, size_t i)
{
	xmlNodePtr c, dup;
	size_t other = 0;
	int err = OV_OK;

	for (c = xmlDocGetRootElement(lib->docs[i])->children; c && !err; c = c->next) {
		char *id;
		if (!ov_xml_is(c, "clause") && !ov_xml_is(c, "annex"))
			continue;
		if (!(id = ov_xml_attr(c, "id")))
			continue;
		dup = lib_find(lib, i + 1, c, id, &other);
		if (dup)
			err = ov_error_set(OV_EINVALID, "%s:%ld: clause id %s is already used in %s:%ld",
					   lib->paths[i], xmlGetLineNo(c), id,
					   lib->paths[other], xmlGetLineNo(dup));
		free(id);
	}
	return err;
}

static int lib_load(clause_lib *lib, const char *templates_dir, const ov_rng_memo *memo)
{
	ov_buf dir = OV_BUF_INIT, rng = OV_BUF_INIT;
	int err;

	if (ov_buf_printf(&dir, "%s/clauses", templates_dir) < 0 ||
	    ov_buf_printf(&rng, "%s/clauses.rng", templates_dir) < 0) {
		err = oom();
		goto done;
	}
	if ((err = lib_list(lib, dir.ptr)) < 0)
		goto done;
	if (lib->n && !(lib->docs = calloc(lib->n, sizeof(*lib->docs)))) {
		err = oom();
		goto done;
	}
	for (size_t i = 0; i < lib->n && !err; i++)
		if ((err = ov_xml_load_valid(&lib->docs[i], lib->paths[i], rng.ptr, memo)) >= 0)
			err = lib_check_unique(lib, i);
done:
	ov_buf_dispose(&dir);
	ov_buf_dispose(&rng);
	return err;
}

/* ---- the agreement's date and fields ---- */

int ov_clauses_date(char out[11], xmlDocPtr agreement)
{
	xmlNodePtr root = xmlDocGetRootElement(agreement);
	char *s = ov_xml_attr(ov_xml_child(root, "term"), "start");
	ov_date d;
	int err = OV_OK;

	if (!s || !*s) {
		free(s);
		s = ov_xml_attr(root, "created");
		if (s && strlen(s) > 10)
			s[10] = '\0';
	}
	if (!s || !*s)
		d = ov_sweden_today((long long)time(NULL));
	else if ((err = ov_date_parse(&d, s)) < 0)
		ov_error_prefix("the agreement's date");
	free(s);
	ov_date_format(out, d);
	return err;
}

/* The <field name=…> declaration: the subject's first, else the workflow's. */
static xmlNodePtr field_decl(const asm_ctx *c, const char *name)
{
	xmlDocPtr docs[2] = { c->subj, c->wf };

	for (size_t i = 0; i < 2; i++) {
		xmlNodePtr f = ov_xml_child(xmlDocGetRootElement(docs[i]), "fields");
		for (f = f ? f->children : NULL; f; f = f->next)
			if (ov_xml_is(f, "field") && ov_xml_attr_is(f, "name", name))
				return f;
	}
	return NULL;
}

/* A list's items "\n"-separated become ", "-separated. */
static char *join_list(const char *s)
{
	ov_buf b = OV_BUF_INIT;

	for (; *s; s++)
		if (*s == '\n' ? ov_buf_puts(&b, ", ") : ov_buf_putc(&b, *s)) {
			ov_buf_dispose(&b);
			return NULL;
		}
	return ov_buf_detach(&b);
}

/* The agreement's value of field `name` ("" when empty); OV_ENOTFOUND when undeclared. */
static int field_value(char **out, const asm_ctx *c, const char *name)
{
	xmlNodePtr decl = field_decl(c, name);
	ov_wf_field f;
	char *raw = NULL;
	int err;

	*out = NULL;
	if (!decl)
		return ov_error_set(OV_ENOTFOUND, "unknown field %s", name);
	memset(&f, 0, sizeof(f));
	f.name = (char *)name;
	f.path = ov_xml_attr(decl, "path");
	f.type = ov_xml_attr(decl, "type");
	f.value = ov_xml_attr(decl, "value");
	if (!f.path)
		err = ov_error_set(OV_EINVALID, "field %s has no path", name);
	else if ((err = ov_agreement_field_get(&raw, c->agr, &f)) >= 0 &&
		 f.type && !strcmp(f.type, "list")) {
		*out = join_list(raw);
		err = *out ? OV_OK : oom();
	} else if (err >= 0) {
		*out = raw;
		raw = NULL;
	}
	free(raw);
	free(f.path);
	free(f.type);
	free(f.value);
	return err;
}

/* ---- selecting the clauses ---- */

/* The workflow's <clauses><clause ref=id> for `id`, or NULL (mandatory). */
static xmlNodePtr usage_of(const asm_ctx *c, const char *id)
{
	xmlNodePtr u = ov_xml_child(xmlDocGetRootElement(c->wf), "clauses");

	for (u = u ? u->children : NULL; u; u = u->next)
		if (ov_xml_is(u, "clause") && ov_xml_attr_is(u, "ref", id))
			return u;
	return NULL;
}

/* Whether an optional clause was chosen: its field is "ja", or unanswered and default "ja". */
static int optional_chosen(int *keep, const asm_ctx *c, xmlNodePtr u, const char *id)
{
	char *field = ov_xml_attr(u, "field"), *value = NULL;
	int err = OV_OK;

	if (!field)
		err = ov_error_set(OV_EINVALID, "workflow: optional clause %s names no field", id);
	else if ((err = field_value(&value, c, field)) < 0)
		ov_error_prefix("workflow: optional clause %s", id);
	else if (*value)
		*keep = !strcmp(value, "ja");
	else
		*keep = ov_xml_attr_is(u, "default", "ja");
	free(field);
	free(value);
	return err;
}

/* Whether the workflow keeps clause `id` (mandatory, optional and chosen) or drops it. */
static int workflow_keeps(int *keep, const asm_ctx *c, const char *id)
{
	xmlNodePtr u = usage_of(c, id);

	*keep = 1;
	if (!u || ov_xml_attr_is(u, "use", "mandatory"))
		return OV_OK;
	if (ov_xml_attr_is(u, "use", "absent")) {
		*keep = 0;
		return OV_OK;
	}
	if (ov_xml_attr_is(u, "use", "optional"))
		return optional_chosen(keep, c, u, id);
	return ov_error_set(OV_EINVALID, "workflow: clause %s: unknown use (mandatory, optional or absent)", id);
}

/* "<file>: clause <id>" or "<file>: annex <id>" (free()). */
static char *where_of(const char *file, const char *id, int annex)
{
	ov_buf b = OV_BUF_INIT;

	if (ov_buf_printf(&b, annex ? _("%s: annex %s") : _("%s: clause %s"), file, id) < 0) {
		ov_buf_dispose(&b);
		return NULL;
	}
	return ov_buf_detach(&b);
}

/* Evaluates the `when` of `n` (none: true) over the agreement. */
static int when_holds(int *out, const asm_ctx *c, xmlNodePtr n, const char *where)
{
	char *expr = ov_xml_attr(n, "when");
	int err = OV_OK;

	*out = 1;
	if (expr)
		err = ov_xpath_bool(out, c->agr, expr, where);
	free(expr);
	return err;
}

/* Adds the library element `src` of file `file` to the kept ones, numbered. */
static int keep_item(asm_ctx *c, xmlNodePtr src, size_t file, const char *id, int annex)
{
	kept *k, *items = realloc(c->items, (c->nitems + 1) * sizeof(*items));
	int n = 1;

	if (!items)
		return oom();
	c->items = items;
	for (size_t i = 0; i < c->nitems; i++)
		if (c->items[i].annex == annex)
			n++;
	k = &c->items[c->nitems];
	memset(k, 0, sizeof(*k));
	k->src = src;
	k->file = c->lib->paths[file];
	k->annex = annex;
	k->n = n;
	if (!(k->id = strdup(id)) || !(k->where = where_of(k->file, id, annex))) {
		free(k->id);
		return oom();
	}
	c->nitems++;
	return OV_OK;
}

/* One <clause ref> or <annex ref> of the outline: looked up, kept or not. */
static int select_one(asm_ctx *c, xmlNodePtr o, const char *id)
{
	int annex = ov_xml_is(o, "annex"), keep = 1, err;
	size_t file = 0;
	xmlNodePtr src = lib_find(c->lib, c->lib->n, NULL, id, &file);
	char *where;

	if (!src)
		return ov_error_set(OV_ENOTFOUND, "subject %s: the outline names %s, which is not in the clause library",
				    c->subject_id, id);
	if (ov_xml_is(src, "annex") != annex)
		return annex
			? ov_error_set(OV_EINVALID, "subject %s: %s is outlined as an annex but %s has it as a clause",
				       c->subject_id, id, c->lib->paths[file])
			: ov_error_set(OV_EINVALID, "subject %s: %s is outlined as a clause but %s has it as an annex",
				       c->subject_id, id, c->lib->paths[file]);
	if ((err = workflow_keeps(&keep, c, id)) < 0 || !keep)
		return err;
	if (!(where = where_of(c->lib->paths[file], id, annex)))
		return oom();
	err = when_holds(&keep, c, src, where);
	free(where);
	if (err < 0 || !keep)
		return err;
	return keep_item(c, src, file, id, annex);
}

static int select_items(asm_ctx *c)
{
	xmlNodePtr o = ov_xml_child(xmlDocGetRootElement(c->subj), "outline");
	int err = OV_OK;

	if (!o)
		return ov_error_set(OV_EINVALID, "subject %s has no outline", c->subject_id);
	for (o = o->children; o && !err; o = o->next) {
		char *id;
		if (!ov_xml_is(o, "clause") && !ov_xml_is(o, "annex"))
			continue;
		if (!(id = ov_xml_attr(o, "ref")))
			return ov_error_set(OV_EINVALID, "subject %s: outline line %ld names no ref",
					    c->subject_id, xmlGetLineNo(o));
		err = select_one(c, o, id);
		free(id);
	}
	return err;
}

/* ---- copying and resolving the bodies ---- */

static const kept *kept_annex(const asm_ctx *c, const char *id)
{
	for (size_t i = 0; i < c->nitems; i++)
		if (c->items[i].annex && !strcmp(c->items[i].id, id))
			return &c->items[i];
	return NULL;
}

/* The text `n` stands for: a field's value, "bilaga N" or a citation. */
static int inline_text(char **out, const asm_ctx *c, xmlNodePtr n, const char *arg)
{
	const kept *a;
	ov_buf b = OV_BUF_INIT;
	int err;

	*out = NULL;
	if (ov_xml_is(n, "cite"))
		return ov_clauses_citation(out, c->refs, arg, c->date);
	if (ov_xml_is(n, "annex")) {
		if (!(a = kept_annex(c, arg)))
			return ov_error_set(OV_EINVALID, "annex %s is not part of this document", arg);
		if (ov_buf_printf(&b, "bilaga %d", a->n) >= 0)
			*out = ov_buf_detach(&b);
		ov_buf_dispose(&b);
		return *out ? OV_OK : oom();
	}
	if ((err = field_value(out, c, arg)) < 0 || **out)
		return err;
	free(*out);
	*out = strdup(empty_value);
	return *out ? OV_OK : oom();
}

static int only_space(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return !*s;
}

/*
 * Replaces `n` by the text of a field, each line break in it a <br/> (as
 * the stylesheets lay out a value; trailing blank lines are dropped).
 */
static int replace_by_lines(const asm_ctx *c, xmlNodePtr n, const char *text)
{
	const char *p = text, *nl;
	xmlNodePtr t;

	for (;;) {
		nl = strchr(p, '\n');
		t = xmlNewDocTextLen(c->agr, (const xmlChar *)p, nl ? (int)(nl - p) : (int)strlen(p));
		if (!t)
			return oom();
		xmlAddPrevSibling(n, t); /* may merge t into a text before n */
		if (!nl || only_space(nl + 1))
			break;
		if (!(t = xmlNewDocNode(c->agr, NULL, (const xmlChar *)"br", NULL)))
			return oom();
		xmlAddPrevSibling(n, t);
		p = nl + 1;
	}
	xmlUnlinkNode(n);
	xmlFreeNode(n);
	return OV_OK;
}

/*
 * Resolves one inline element or <fields> item in place; *done says
 * whether it was one (its children need no visit).
 */
static int resolve_inline(int *done, const asm_ctx *c, xmlNodePtr n, xmlNodePtr parent)
{
	const char *attr = ov_xml_is(n, "field") ? "name" : "ref";
	int item = ov_xml_is(n, "item") && ov_xml_is(parent, "fields");
	char *arg, *text = NULL;
	int err;

	*done = item || ov_xml_is(n, "field") || ov_xml_is(n, "annex") || ov_xml_is(n, "cite");
	if (!*done)
		return OV_OK;
	if (!(arg = ov_xml_attr(n, item ? "field" : attr)))
		return ov_error_set(OV_EINVALID, "line %ld: <%s> has no %s attribute",
				    xmlGetLineNo(n), (const char *)n->name, item ? "field" : attr);
	if ((err = inline_text(&text, c, n, arg)) < 0)
		goto done;
	if (item)
		xmlSetProp(n, (const xmlChar *)"value", (const xmlChar *)text);
	else if (ov_xml_is(n, "cite"))
		ov_xml_set_text(n, text);
	else
		err = replace_by_lines(c, n, text);
done:
	free(arg);
	free(text);
	return err;
}

static int resolve_children(const asm_ctx *c, xmlNodePtr parent, const kept *k);

/* Drops `n` when its `when` is false, else resolves it and what it holds. */
static int resolve_node(const asm_ctx *c, xmlNodePtr n, xmlNodePtr parent, const kept *k)
{
	int keep, done, err;

	if ((err = when_holds(&keep, c, n, k->where)) < 0)
		return err;
	if (!keep) {
		xmlUnlinkNode(n);
		xmlFreeNode(n);
		return OV_OK;
	}
	xmlUnsetProp(n, (const xmlChar *)"when");
	if ((err = resolve_inline(&done, c, n, parent)) < 0)
		return ov_error_prefix("%s", k->where);
	return done ? OV_OK : resolve_children(c, n, k);
}

static int resolve_children(const asm_ctx *c, xmlNodePtr parent, const kept *k)
{
	xmlNodePtr n, next;
	int err;

	for (n = parent->children; n; n = next) {
		next = n->next;
		if (n->type == XML_COMMENT_NODE) {
			xmlUnlinkNode(n);
			xmlFreeNode(n);
		} else if (n->type == XML_ELEMENT_NODE &&
			   (err = resolve_node(c, n, parent, k)) < 0)
			return err;
	}
	return OV_OK;
}

/* A kept item's copy in the agreement, numbered and resolved; *out caller's. */
static int build_item(xmlNodePtr *out, const asm_ctx *c, const kept *k)
{
	xmlNodePtr copy = xmlDocCopyNode(k->src, c->agr, 1);
	char n[16];
	int err;

	*out = NULL;
	if (!copy)
		return oom();
	xmlUnsetProp(copy, (const xmlChar *)"when");
	snprintf(n, sizeof(n), "%d", k->n);
	xmlSetProp(copy, (const xmlChar *)"n", (const xmlChar *)n);
	if ((err = resolve_children(c, copy, k)) < 0) {
		xmlFreeNode(copy);
		return err;
	}
	*out = copy;
	return OV_OK;
}

static int build(xmlNodePtr *out, const asm_ctx *c, int draft)
{
	xmlNodePtr a = xmlNewDocNode(c->agr, NULL, (const xmlChar *)"assembled", NULL), item;
	int err = OV_OK;

	*out = NULL;
	if (!a)
		return oom();
	xmlSetProp(a, (const xmlChar *)"subject", (const xmlChar *)c->subject_id);
	xmlSetProp(a, (const xmlChar *)"date", (const xmlChar *)c->date);
	xmlSetProp(a, (const xmlChar *)"draft", (const xmlChar *)(draft ? "yes" : "no"));
	for (size_t i = 0; i < c->nitems && !err; i++)
		if ((err = build_item(&item, c, &c->items[i])) >= 0)
			xmlAddChild(a, item);
	if (err < 0) {
		xmlFreeNode(a);
		return err;
	}
	*out = a;
	return OV_OK;
}

static void ctx_free(asm_ctx *c)
{
	for (size_t i = 0; i < c->nitems; i++) {
		free(c->items[i].id);
		free(c->items[i].where);
	}
	free(c->items);
	free(c->subject_id);
}

int ov_clause_lib_load(ov_clause_lib **out, const char *templates_dir, const ov_rng_memo *memo)
{
	ov_clause_lib *l = calloc(1, sizeof(*l));
	int err;

	*out = NULL;
	if (!l)
		return oom();
	if ((err = lib_load(&l->lib, templates_dir, memo)) < 0 ||
	    (err = ov_references_load(&l->refs, templates_dir, memo)) < 0) {
		ov_clause_lib_free(l);
		return err;
	}
	*out = l;
	return OV_OK;
}

void ov_clause_lib_free(ov_clause_lib *l)
{
	if (!l)
		return;
	lib_free(&l->lib);
	xmlFreeDoc(l->refs);
	free(l);
}

int ov_clauses_assemble_with(xmlDocPtr agreement, xmlDocPtr workflow_doc,
			     xmlDocPtr subject_doc, int draft, const ov_clause_lib *lib)
{
	asm_ctx c;
	xmlNodePtr a = NULL;
	int err;

	memset(&c, 0, sizeof(c));
	c.agr = agreement;
	c.wf = workflow_doc;
	c.subj = subject_doc;
	c.lib = &lib->lib;
	c.refs = lib->refs;
	if (!(c.subject_id = ov_xml_attr(xmlDocGetRootElement(subject_doc), "id"))) {
		err = ov_error_set(OV_EINVALID, "the subject definition has no id");
		goto done;
	}
	if ((err = ov_clauses_date(c.date, agreement)) < 0 ||
	    (err = select_items(&c)) < 0 ||
	    (err = build(&a, &c, draft)) < 0)
		goto done;
	xmlAddChild(xmlDocGetRootElement(agreement), a);
done:
	ctx_free(&c);
	return err;
}

int ov_clauses_assemble(xmlDocPtr agreement, xmlDocPtr workflow_doc,
			xmlDocPtr subject_doc, int draft, const char *templates_dir)
{
	ov_clause_lib *lib = NULL;
	int err;

	if ((err = ov_clause_lib_load(&lib, templates_dir, NULL)) < 0)
		return err;
	err = ov_clauses_assemble_with(agreement, workflow_doc, subject_doc, draft, lib);
	ov_clause_lib_free(lib);
	return err;
}
