/*
 * agreement.c - editing the agreement document through workflow fields, and
 * computing its dates (see agreement.h).
 *
 * Field locations are a restricted XPath: element steps `name` or
 * `name[@attr='value']`, optionally ending in `@attr`.  Missing elements are
 * created (with the predicate's attribute set), so that `set` works on a
 * fresh agreement.  A list field creates a new item each time: the item is
 * the last element step that carries a predicate, or the last element step.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "overens/buf.h"
#include "overens/date.h"
#include "overens/error.h"
#include "engine/lifecycle/agreement.h"
#include "engine/lifecycle/term.h"
#include "engine/base/orgnr.h"
#include "engine/base/words.h"
#include "engine/base/xmlsafe.h"

#define OV_FIELD_MAX 65536

typedef struct path_step {
	char name[64];
	char pattr[64];
	char pval[256];
	int is_attr;
} path_step;

#define MAX_STEPS 8

static int parse_path(path_step *steps, size_t *nsteps, const char *path)
{
	const char *p = path;
	size_t n = 0;

	while (*p) {
		path_step *s;
		size_t len = 0;

		if (n == MAX_STEPS)
			return ov_error_set(OV_EINVALID, "field path too deep: %s", path);
		s = &steps[n++];
		memset(s, 0, sizeof(*s));
		if (*p == '@') {
			s->is_attr = 1;
			p++;
		}
		while (*p && *p != '/' && *p != '[' && len + 1 < sizeof(s->name))
			s->name[len++] = *p++;
		if (!len)
			return ov_error_set(OV_EINVALID, "bad field path: %s", path);
		if (*p == '[') {
			const char *q;
			size_t alen = 0, vlen = 0;
			if (s->is_attr || p[1] != '@')
				return ov_error_set(OV_EINVALID, "bad field path: %s", path);
			p += 2;
			while (*p && *p != '=' && alen + 1 < sizeof(s->pattr))
				s->pattr[alen++] = *p++;
			if (p[0] != '=' || p[1] != '\'')
				return ov_error_set(OV_EINVALID, "bad field path: %s", path);
			p += 2;
			q = strchr(p, '\'');
			if (!q || q[1] != ']' || (size_t)(q - p) >= sizeof(s->pval))
				return ov_error_set(OV_EINVALID, "bad field path: %s", path);
			vlen = (size_t)(q - p);
			memcpy(s->pval, p, vlen);
			p = q + 2;
		}
		if (*p == '/')
			p++;
		else if (*p)
			return ov_error_set(OV_EINVALID, "bad field path: %s", path);
		if (s->is_attr && *p)
			return ov_error_set(OV_EINVALID, "attribute must end the path: %s", path);
	}
	*nsteps = n;
	return n ? OV_OK : ov_error_set(OV_EINVALID, "empty field path");
}

static int step_matches(xmlNodePtr n, const path_step *s)
{
	xmlChar *v;
	int ok;

	if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, s->name))
		return 0;
	if (!s->pattr[0])
		return 1;
	v = xmlGetProp(n, (const xmlChar *)s->pattr);
	ok = v && !strcmp((const char *)v, s->pval);
	if (v)
		xmlFree(v);
	return ok;
}

static xmlNodePtr find_step(xmlNodePtr parent, const path_step *s)
{
	for (xmlNodePtr c = parent->children; c; c = c->next)
		if (step_matches(c, s))
			return c;
	return NULL;
}

static xmlNodePtr create_step(xmlNodePtr parent, const path_step *s)
{
	xmlNodePtr n = xmlNewDocNode(parent->doc, NULL, (const xmlChar *)s->name, NULL);

	if (!n)
		return NULL;
	if (s->pattr[0])
		xmlSetProp(n, (const xmlChar *)s->pattr, (const xmlChar *)s->pval);
	return xmlAddChild(parent, n);
}

/*
 * The step that makes a list item: the last element step carrying a
 * predicate, else the last element step.
 */
static size_t item_step(const path_step *steps, size_t n)
{
	size_t i, item = 0, last_el = 0;

	for (i = 0; i < n; i++)
		if (!steps[i].is_attr) {
			last_el = i;
			if (steps[i].pattr[0])
				item = i + 1;
		}
	return item ? item - 1 : last_el;
}

/* The element holding the item step's elements (walking the steps before it). */
static xmlNodePtr item_parent(xmlDocPtr doc, const path_step *steps, size_t item)
{
	xmlNodePtr parent = xmlDocGetRootElement(doc);

	for (size_t i = 0; i < item && parent; i++)
		parent = find_step(parent, &steps[i]);
	return parent;
}

xmlNodePtr ov_xml_ensure_child(xmlNodePtr parent, const char *name)
{
	xmlNodePtr n = ov_xml_child(parent, name);

	if (n)
		return n;
	n = xmlNewDocNode(parent->doc, NULL, (const xmlChar *)name, NULL);
	return n ? xmlAddChild(parent, n) : NULL;
}

void ov_xml_set_text(xmlNodePtr node, const char *text)
{
	xmlNodePtr c;

	while ((c = node->children) != NULL) {
		xmlUnlinkNode(c);
		xmlFreeNode(c);
	}
	if (text && *text)
		xmlAddChild(node, xmlNewDocText(node->doc, (const xmlChar *)text));
}

xmlNodePtr ov_xml_add_child(xmlNodePtr parent, const char *name, const char *text)
{
	xmlNodePtr n = xmlNewDocNode(parent->doc, NULL, (const xmlChar *)name, NULL);

	if (!n)
		return NULL;
	xmlAddChild(parent, n);
	if (text)
		ov_xml_set_text(n, text);
	return n;
}

xmlNodePtr ov_xml_last_child(xmlNodePtr parent, const char *name)
{
	xmlNodePtr last = NULL;

	for (xmlNodePtr c = parent ? parent->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, name))
			last = c;
	return last;
}

int ov_agreement_locate(xmlNodePtr *out, xmlDocPtr doc, const char *path, int create)
{
	path_step steps[MAX_STEPS];
	size_t n, i;
	xmlNodePtr cur = xmlDocGetRootElement(doc);
	int err;

	*out = NULL;
	if ((err = parse_path(steps, &n, path)) < 0)
		return err;
	for (i = 0; i < n && cur; i++) {
		xmlNodePtr next;
		if (steps[i].is_attr)
			return ov_error_set(OV_EINVALID, "path names an attribute: %s", path);
		next = find_step(cur, &steps[i]);
		if (!next && create && !(next = create_step(cur, &steps[i])))
			return ov_error_set(OV_ENOMEM, "out of memory");
		cur = next;
	}
	*out = cur;
	return OV_OK;
}

int ov_value_check(const char *type, const char *value, const char *what)
{
	size_t len = strlen(value);

	if (!ov_utf8_valid_text(value, len))
		return ov_error_set(OV_EINVALID,
			"%s: the value is not valid UTF-8 text (control characters or broken bytes)",
			what);
	if (len > OV_FIELD_MAX)
		return ov_error_set(OV_EINVALID, "%s: the value is longer than %d bytes",
				    what, OV_FIELD_MAX);
	if (!type || !strcmp(type, "text") || !strcmp(type, "list") || !strcmp(type, "choice") ||
	    !strcmp(type, "costs"))
		return OV_OK;
	if (!strcmp(type, "subject")) {
		if (!*value || strspn(value, "abcdefghijklmnopqrstuvwxyz0123456789_-") != len)
			return ov_error_set(OV_EINVALID, "%s: '%s' is not a subject's id", what, value);
		return OV_OK;
	}
	if (!strcmp(type, "date")) {
		ov_date d;
		if (ov_date_parse(&d, value) < 0)
			return ov_error_prefix("%s", what);
		return OV_OK;
	}
	if (!strcmp(type, "count")) {
		const char *p = value;
		if (!*p || len > 6)
			return ov_error_set(OV_EINVALID, "%s: '%s' is not a count", what, value);
		for (; *p; p++)
			if (!isdigit((unsigned char)*p))
				return ov_error_set(OV_EINVALID, "%s: '%s' is not a count (0, 1, 2 …)",
						    what, value);
		return OV_OK;
	}
	if (!strcmp(type, "email")) {
		const char *at = strchr(value, '@');
		if (!at || at == value || !strchr(at, '.') || strchr(value, ' ') || strchr(at + 1, '@'))
			return ov_error_set(OV_EINVALID, "%s: '%s' is not an e-mail address",
					    what, value);
		return OV_OK;
	}
	if (!strcmp(type, "orgnr")) {
		char norm[12];
		if (ov_orgnr_normalize(norm, value) < 0)
			return ov_error_prefix("%s", what);
		return OV_OK;
	}
	if (!strcmp(type, "duration")) {
		ov_period p;
		if (ov_period_parse(&p, value) < 0)
			return ov_error_prefix("%s", what);
		return OV_OK;
	}
	return ov_error_set(OV_EINVALID, "%s: unknown field type '%s'", what, type);
}

/* Copies a volunteer role's name, task and courses from the workflow. */
static void fill_volunteer_role(xmlNodePtr role, const ov_workflow *wf)
{
	xmlNodePtr roles, r, c;
	char *id = ov_xml_attr(role, "id");

	roles = ov_xml_child(xmlDocGetRootElement(wf->doc), "volunteer-roles");
	for (r = roles ? roles->children : NULL; id && r; r = r->next) {
		char *rid;
		if (r->type != XML_ELEMENT_NODE)
			continue;
		rid = ov_xml_attr(r, "id");
		if (rid && !strcmp(rid, id) && !ov_xml_child(role, "name")) {
			char *name = ov_xml_attr(r, "name"), *task = ov_xml_attr(r, "task");
			xmlSetProp(role, (const xmlChar *)"pledge", (const xmlChar *)"yes");
			ov_xml_add_child(role, "name", name ? name : id);
			if (task)
				ov_xml_add_child(role, "task", task);
			for (c = r->children; c; c = c->next)
				if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, "course")) {
					char *t = ov_xml_text(c);
					ov_xml_add_child(role, "course", t);
					free(t);
				}
			free(name);
			free(task);
		}
		free(rid);
	}
	free(id);
}

/* Resolves a field to its node (element or attribute owner) and attribute name. */
static int resolve_field(xmlNodePtr *node, const char **attr, xmlDocPtr doc,
			 const ov_workflow *wf, const ov_wf_field *f, int create, int new_item,
			 path_step *steps, size_t *n)
{
	size_t i, item;
	xmlNodePtr cur = xmlDocGetRootElement(doc);
	int err;

	*node = NULL;
	*attr = NULL;
	if ((err = parse_path(steps, n, f->path)) < 0)
		return ov_error_prefix("field %s", f->name);
	item = item_step(steps, *n);
	for (i = 0; i < *n && cur; i++) {
		xmlNodePtr next;
		if (steps[i].is_attr) {
			*attr = steps[i].name;
			break;
		}
		next = (new_item && i == item) ? NULL : find_step(cur, &steps[i]);
		if (!next && create) {
			if (!(next = create_step(cur, &steps[i])))
				return ov_error_set(OV_ENOMEM, "out of memory");
			if (wf && !strcmp(steps[i].name, "role") &&
			    !strcmp((const char *)cur->name, "volunteers"))
				fill_volunteer_role(next, wf);
		}
		cur = next;
	}
	if (cur && f->value && f->value[0]) {
		/* The value lives inside the item, e.g. "what" or "@name". */
		if (f->value[0] == '@')
			*attr = f->value + 1;
		else {
			xmlNodePtr v = ov_xml_child(cur, f->value);
			if (!v && create)
				v = ov_xml_add_child(cur, f->value, NULL);
			cur = v;
		}
	}
	*node = cur;
	return OV_OK;
}

static char *node_value(xmlNodePtr node, const char *attr)
{
	if (!node)
		return strdup("");
	if (attr) {
		char *v = ov_xml_attr(node, attr);
		return v ? v : strdup("");
	}
	return ov_xml_text(node);
}

/* A cost item as "what = amount", or "what" when it has no amount. */
static char *cost_text(xmlNodePtr item)
{
	xmlNodePtr w = ov_xml_child(item, "what"), a = ov_xml_child(item, "amount");
	char *what = w ? ov_xml_text(w) : strdup(""), *amount = a ? ov_xml_text(a) : NULL;
	ov_buf b = OV_BUF_INIT;

	ov_buf_puts(&b, what ? what : "");
	if (amount && *amount)
		ov_buf_printf(&b, " = %s", amount);
	free(what);
	free(amount);
	return b.ptr ? ov_buf_detach(&b) : strdup("");
}

/* Trims spaces at both ends of s[0..len) into a new string. */
static char *trimmed(const char *s, size_t len)
{
	while (len && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	return strndup(s, len);
}

/* Fills a new cost item from "what = amount" (the amount may be left out). */
static int set_cost(xmlNodePtr item, const char *value)
{
	const char *eq = strrchr(value, '=');
	char *what = trimmed(value, eq ? (size_t)(eq - value) : strlen(value));
	char *amount = eq ? trimmed(eq + 1, strlen(eq + 1)) : NULL;
	int err = OV_OK;

	if (!what || (eq && !amount))
		err = ov_error_set(OV_ENOMEM, "out of memory");
	else if (!*what)
		err = ov_error_set(OV_EINVALID, "'%s': say what the cost is before '=' "
				   "(as in \"Fika = 2 000 kr\")", value);
	if (err >= 0) {
		ov_xml_set_text(ov_xml_ensure_child(item, "what"), what);
		if (amount && *amount)
			ov_xml_set_text(ov_xml_ensure_child(item, "amount"), amount);
	}
	free(what);
	free(amount);
	return err;
}

int ov_agreement_field_get(char **out, xmlDocPtr doc, const ov_wf_field *f)
{
	path_step steps[MAX_STEPS];
	size_t n;
	xmlNodePtr node;
	const char *attr;
	int err;

	*out = NULL;
	if (ov_field_is_list(f)) {
		/* Every item: walk the item's siblings that match the item step. */
		ov_buf b = OV_BUF_INIT;
		xmlNodePtr first, c;
		size_t i, item;
		if ((err = resolve_field(&node, &attr, doc, NULL, f, 0, 0, steps, &n)) < 0)
			return err;
		item = item_step(steps, n);
		first = item_parent(doc, steps, item);
		for (c = first ? first->children : NULL; c; c = c->next) {
			xmlNodePtr v = c;
			const char *a = NULL;
			char *s;
			if (!step_matches(c, &steps[item]))
				continue;
			for (i = item + 1; i < n && v; i++) {
				if (steps[i].is_attr) {
					a = steps[i].name;
					break;
				}
				v = find_step(v, &steps[i]);
			}
			if (v && f->value && f->value[0]) {
				if (f->value[0] == '@')
					a = f->value + 1;
				else
					v = ov_xml_child(v, f->value);
			}
			if (!v)
				continue;
			s = ov_field_is_costs(f) ? cost_text(v) : node_value(v, a);
			if (b.size)
				ov_buf_putc(&b, '\n');
			ov_buf_puts(&b, s ? s : "");
			free(s);
		}
		*out = ov_buf_detach(&b);
		return *out ? OV_OK : ov_error_set(OV_ENOMEM, "out of memory");
	}
	if ((err = resolve_field(&node, &attr, doc, NULL, f, 0, 0, steps, &n)) < 0)
		return err;
	*out = node_value(node, attr);
	return *out ? OV_OK : ov_error_set(OV_ENOMEM, "out of memory");
}

int ov_agreement_field_set(xmlDocPtr doc, const ov_workflow *wf, const ov_wf_field *f,
			   const char *value, char **old)
{
	path_step steps[MAX_STEPS];
	size_t n;
	xmlNodePtr node;
	const char *attr;
	int is_list = ov_field_is_list(f);
	int err;

	if (old)
		*old = NULL;
	if ((err = ov_value_check(f->type, value, f->name)) < 0)
		return err;
	if (f->choices && !ov_word_in(f->choices, value))
		return ov_error_set(OV_EINVALID, "%s: '%s' is not one of the choices (%s)",
				    f->name, value, f->choices);
	if (old && (err = ov_agreement_field_get(old, doc, f)) < 0)
		return err;
	if ((err = resolve_field(&node, &attr, doc, wf, f, 1, is_list, steps, &n)) < 0)
		return err;
	if (!node)
		return ov_error_set(OV_ERROR, "field %s: cannot be created", f->name);
	if (ov_field_is_costs(f))
		return set_cost(node, value);
	if (attr)
		xmlSetProp(node, (const xmlChar *)attr, (const xmlChar *)value);
	else
		ov_xml_set_text(node, value);
	return OV_OK;
}

int ov_agreement_field_unset(xmlDocPtr doc, const ov_wf_field *f, char **old)
{
	path_step steps[MAX_STEPS];
	size_t n, item;
	xmlNodePtr parent, c, next;
	int err;

	if (old && (err = ov_agreement_field_get(old, doc, f)) < 0)
		return err;
	if ((err = parse_path(steps, &n, f->path)) < 0)
		return err;
	item = item_step(steps, n);
	parent = item_parent(doc, steps, item);
	if (!parent)
		return OV_OK;
	if (steps[n - 1].is_attr && !ov_field_is_list(f) && item == n - 2) {
		xmlNodePtr owner = find_step(parent, &steps[item]);
		if (owner)
			xmlUnsetProp(owner, (const xmlChar *)steps[n - 1].name);
		return OV_OK;
	}
	for (c = parent->children; c; c = next) {
		next = c->next;
		if (step_matches(c, &steps[item])) {
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		}
	}
	return OV_OK;
}

static void add_date(xmlNodePtr dates, const char *kind, ov_date d, const char *label)
{
	char buf[11];
	xmlNodePtr n = ov_xml_add_child(dates, "date", NULL);

	ov_date_format(buf, d);
	xmlSetProp(n, (const xmlChar *)"kind", (const xmlChar *)kind);
	xmlSetProp(n, (const xmlChar *)"value", (const xmlChar *)buf);
	xmlSetProp(n, (const xmlChar *)"label", (const xmlChar *)label);
}

static void set_date_attr(xmlNodePtr n, const char *name, ov_date d)
{
	char buf[11];

	ov_date_format(buf, d);
	xmlSetProp(n, (const xmlChar *)name, (const xmlChar *)buf);
}

/*
 * The first time the term has a start: its end and the workflow's rules
 * (length, renewal kind and period, notice and what it ends) are written into <term>, so
 * that the agreement keeps the rules it was signed under.
 */
static void fill_term(xmlNodePtr term, const ov_workflow *wf)
{
	char p[32];
	ov_date start;
	char *s;

	if (!xmlHasProp(term, (const xmlChar *)"end") && (s = ov_xml_attr(term, "start")) != NULL) {
		if (ov_date_parse(&start, s) == OV_OK)
			set_date_attr(term, "end", ov_term_end(start, &wf->term));
		ov_error_clear();
		free(s);
	}
	if (xmlHasProp(term, (const xmlChar *)"duration"))
		return;
	ov_period_format(p, &wf->term);
	xmlSetProp(term, (const xmlChar *)"duration", (const xmlChar *)p);
	xmlSetProp(term, (const xmlChar *)"renewal",
		   (const xmlChar *)ov_workflow_renewal_name(wf->renewal_kind));
	if (wf->renewal_kind != OV_RENEW_FIXED) {
		ov_period_format(p, &wf->renewal);
		xmlSetProp(term, (const xmlChar *)"period", (const xmlChar *)p);
	}
	ov_period_format(p, &wf->notice);
	xmlSetProp(term, (const xmlChar *)"notice", (const xmlChar *)p);
	xmlSetProp(term, (const xmlChar *)"notice-to", (const xmlChar *)
		   (wf->notice_to == OV_NOTICE_TERM_END ? "term-end" : "period"));
}

/*
 * The derived dates are bounded: they cover the term in force on the
 * latest date the document records (its last event) and the renewal
 * period after it, so a tacitly renewed agreement's <dates> (and the
 * index built from it) does not grow with every year it runs.  Dates
 * after that horizon, until="...", are computed from the rules when they
 * are asked for (query.c: status, list and due).
 */
int ov_agreement_compute_dates(xmlDocPtr doc, const ov_workflow *wf)
{
	xmlNodePtr root = xmlDocGetRootElement(doc), term, dates;
	ov_term_rules r;
	ov_term_dates d;
	ov_date asof, from, until;
	int err;

	/* Drop the old computed dates; they are derived data. */
	if ((dates = ov_xml_child(root, "dates")) != NULL) {
		xmlUnlinkNode(dates);
		xmlFreeNode(dates);
	}
	term = ov_xml_child(root, "term");
	if (!term)
		return OV_OK;
	fill_term(term, wf);
	if (!ov_term_in_force(doc) || ov_term_rules_read(&r, doc, wf) < 0)
		return OV_OK;
	asof = ov_term_last_recorded(doc, &r);
	from = ov_term_start_asof(&r, asof);
	until = ov_term_horizon(&r, asof);
	if ((err = ov_term_dates_between(&d, doc, &r, wf, from, until)) < 0)
		return err;
	dates = ov_xml_add_child(root, "dates", NULL);
	if (!dates) {
		ov_term_dates_dispose(&d);
		return ov_error_set(OV_ENOMEM, "out of memory");
	}
	set_date_attr(dates, "from", from);
	set_date_attr(dates, "until", until);
	for (size_t i = 0; i < d.n; i++)
		add_date(dates, d.v[i].kind, d.v[i].date, d.v[i].label);
	ov_term_dates_dispose(&d);
	return OV_OK;
}

/*
 * The order of child elements that templates/agreement.rng expects, per
 * parent element.  Elements are appended as fields are filled in, in any
 * order; this puts them back in the schema's order before validation.
 */
static const struct {
	const char *parent;
	const char *order[28];
} child_order[] = {
	{ "agreement", { "title", "kind", "subject", "state", "parties", "steering", "contact", "decisions",
			 "needs", "background", "assignment", "commitments", "volunteers",
			 "economy", "meetings", "support", "clauses", "term", "place", "signatures",
			 "followups", "renewals", "amendments", "departures", "termination", "steps",
			 "dates", NULL } },
	{ "departure", { "party", "reason", NULL } },
	{ "party", { "name", "kind", "orgnr", "diarienr", "unit", "address", "contact", "signatory", NULL } },
	{ "organisation", { "name", "kind", "orgnr", "address", "contact", "signatory", NULL } },
	{ "contact", { "name", "email", "phone", "with", "notes", NULL } },
	{ "needs", { "local", "branch", "municipality", "targetgroup", "goals", NULL } },
	{ "assignment", { "who", "extent", "how", "excluded", NULL } },
	{ "role", { "name", "task", "course", NULL } },
	{ "item", { "what", "amount", NULL } },
	{ "signatory", { "name", "title", "email", NULL } },
};

static int order_rank(const char *const *order, const xmlChar *name)
{
	int i;

	for (i = 0; order[i]; i++)
		if (!strcmp(order[i], (const char *)name))
			return i;
	return i; /* unknown names keep their place at the end */
}

static void normalize_node(xmlNodePtr node)
{
	const char *const *order = NULL;
	xmlNodePtr c, next, *kids = NULL;
	size_t n = 0, i, j;

	for (i = 0; i < sizeof(child_order) / sizeof(child_order[0]); i++)
		if (!strcmp(child_order[i].parent, (const char *)node->name))
			order = child_order[i].order;
	for (c = node->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE) {
			normalize_node(c);
			n++;
		}
	if (n) {
		/* Indentation between elements is redone on output. */
		for (c = node->children; c; c = next) {
			next = c->next;
			if (c->type == XML_TEXT_NODE && xmlIsBlankNode(c)) {
				xmlUnlinkNode(c);
				xmlFreeNode(c);
			}
		}
	}
	if (!order || n < 2)
		return;
	if (!(kids = calloc(n, sizeof(*kids))))
		return;
	for (c = node->children, n = 0; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			kids[n++] = c;
	/* Stable insertion sort by rank. */
	for (i = 1; i < n; i++) {
		xmlNodePtr k = kids[i];
		int r = order_rank(order, k->name);
		for (j = i; j > 0 && order_rank(order, kids[j - 1]->name) > r; j--)
			kids[j] = kids[j - 1];
		kids[j] = k;
	}
	for (i = 0; i < n; i++) {
		xmlUnlinkNode(kids[i]);
		xmlAddChild(node, kids[i]);
	}
	free(kids);
}

void ov_agreement_normalize(xmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);

	if (root)
		normalize_node(root);
}
