/*
 * subject.c - merging a subject (workflows/subjects/<id>.xml, what the
 * cooperation is about) into a workflow definition before it is parsed,
 * and expanding a workflow's party-wildcard fields (`diarienr.*`) into one
 * field per party of an agreement.  Both work on the definition's DOM so
 * that workflow.c parses and checks the result as one definition.
 *
 * A subject's fields are added to the workflow's (same name: replaced);
 * its questions go first into the phase named (a question for a field the
 * phase already asks about replaces the workflow's); its requirements are
 * added to the step named; its volunteer roles are merged by id.
 */
#include <stdlib.h>
#include <string.h>

#include "overens/buf.h"
#include "overens/error.h"
#include "engine/lifecycle/workflow.h"
#include "engine/base/xmlsafe.h"

static int is_el(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

/* The child `name` of `parent` whose attribute `attr` is `value`, or NULL. */
static xmlNodePtr child_with(xmlNodePtr parent, const char *name, const char *attr,
			     const char *value)
{
	for (xmlNodePtr c = parent ? parent->children : NULL; c; c = c->next) {
		char *v;
		int same;
		if (!is_el(c, name))
			continue;
		v = ov_xml_attr(c, attr);
		same = v && value && !strcmp(v, value);
		free(v);
		if (same)
			return c;
	}
	return NULL;
}

/* The element `name` of `root`, made (before `before`, or last) when missing. */
static xmlNodePtr section(xmlNodePtr root, const char *name, const char *before)
{
	xmlNodePtr n = ov_xml_child(root, name), b;

	if (n)
		return n;
	n = xmlNewDocNode(root->doc, NULL, (const xmlChar *)name, NULL);
	b = before ? ov_xml_child(root, before) : NULL;
	return b ? xmlAddPrevSibling(b, n) : xmlAddChild(root, n);
}

/*
 * Copies each `name` child of `from` (the subject) into `to`: an element
 * of `to` with the same `key` attribute is replaced in place; others are
 * added (first when `first` is set, else last).
 */
static int merge_keyed(xmlNodePtr to, xmlNodePtr from, const char *name, const char *key,
		       int first)
{
	xmlNodePtr anchor = NULL;

	for (xmlNodePtr c = from->children; c; c = c->next) {
		xmlNodePtr copy, old;
		char *k;
		if (!is_el(c, name))
			continue;
		if (!(copy = xmlDocCopyNode(c, to->doc, 1)))
			return ov_error_set(OV_ENOMEM, "out of memory");
		k = ov_xml_attr(c, key);
		old = child_with(to, name, key, k);
		free(k);
		if (old) {
			xmlReplaceNode(old, copy);
			xmlFreeNode(old);
		} else if (first && (anchor || to->children)) {
			if (anchor)
				xmlAddNextSibling(anchor, copy);
			else
				xmlAddPrevSibling(to->children, copy);
			anchor = copy;
		} else {
			xmlAddChild(to, copy);
		}
	}
	return OV_OK;
}

static int merge_questions(xmlNodePtr root, xmlNodePtr qs, const char *sname)
{
	char *phase = ov_xml_attr(qs, "phase");
	xmlNodePtr ph = child_with(root, "phase", "id", phase);
	int err;

	if (!ph)
		err = ov_error_set(OV_EINVALID, "%s:%d: the workflow has no phase '%s'",
				   sname, (int)xmlGetLineNo(qs), phase ? phase : "");
	else
		err = merge_keyed(ph, qs, "question", "field", 1);
	free(phase);
	return err;
}

static int merge_requires(xmlNodePtr root, xmlNodePtr rs, const char *sname)
{
	char *phase = ov_xml_attr(rs, "phase"), *event = ov_xml_attr(rs, "event");
	xmlNodePtr st = child_with(child_with(root, "phase", "id", phase), "step", "event", event);
	int err = OV_OK;

	if (!st)
		err = ov_error_set(OV_EINVALID, "%s:%d: the workflow has no step '%s' in phase '%s'",
				   sname, (int)xmlGetLineNo(rs), event ? event : "",
				   phase ? phase : "");
	for (xmlNodePtr c = rs->children; st && c && err >= 0; c = c->next) {
		xmlNodePtr copy, adv;
		if (!is_el(c, "require"))
			continue;
		if (!(copy = xmlDocCopyNode(c, root->doc, 1))) {
			err = ov_error_set(OV_ENOMEM, "out of memory");
			break;
		}
		/* Requirements come before the step's advances (workflow.rng). */
		adv = ov_xml_child(st, "advance");
		if (adv)
			xmlAddPrevSibling(adv, copy);
		else
			xmlAddChild(st, copy);
	}
	free(phase);
	free(event);
	return err;
}

int ov_subject_merge(xmlDocPtr wf, xmlDocPtr subject, const char *sname)
{
	xmlNodePtr root = xmlDocGetRootElement(wf), s = xmlDocGetRootElement(subject);
	int err = OV_OK;

	for (xmlNodePtr c = s->children; c && err >= 0; c = c->next) {
		if (is_el(c, "fields"))
			err = merge_keyed(section(root, "fields", "volunteer-roles"), c, "field",
					  "name", 0);
		else if (is_el(c, "volunteer-roles"))
			err = merge_keyed(section(root, "volunteer-roles", "reminders"), c, "role",
					  "id", 0);
		else if (is_el(c, "questions"))
			err = merge_questions(root, c, sname);
		else if (is_el(c, "requires"))
			err = merge_requires(root, c, sname);
	}
	return err;
}

/* "diarienr.*" → "diarienr.kommun"; in a path "[@role='*']" → "[@role='kommun']". */
static char *replace_star(const char *s, const char *role)
{
	const char *star = strchr(s, '*');
	ov_buf b = OV_BUF_INIT;

	if (!star)
		return strdup(s);
	ov_buf_put(&b, s, (size_t)(star - s));
	ov_buf_puts(&b, role);
	ov_buf_puts(&b, star + 1);
	return ov_buf_detach(&b);
}

/* `v` with its first "{party}" replaced by `role`, or NULL when it has none. */
static char *with_party(const char *v, const char *role)
{
	const char *at = v ? strstr(v, "{party}") : NULL;
	ov_buf b = OV_BUF_INIT;

	if (!at)
		return NULL;
	ov_buf_put(&b, v, (size_t)(at - v));
	ov_buf_puts(&b, role);
	ov_buf_puts(&b, at + 7);
	return ov_buf_detach(&b);
}

/* A question's text or a field's label: "{party}" becomes the role. */
static void text_party(xmlNodePtr n, const char *role)
{
	xmlNodePtr t = is_el(n, "question") ? ov_xml_child(n, "text") : NULL;
	char *v = t ? ov_xml_text(t) : ov_xml_attr(n, "label"), *r = with_party(v, role);

	if (r && t) {
		while (t->children) {
			xmlNodePtr c = t->children;
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		}
		xmlAddChild(t, xmlNewDocText(t->doc, (const xmlChar *)r));
	} else if (r) {
		xmlSetProp(n, (const xmlChar *)"label", (const xmlChar *)r);
	}
	free(r);
	free(v);
}

/* A copy of `n` with attributes `a1` (and `a2`) starred-replaced by `role`. */
static xmlNodePtr role_copy(xmlNodePtr n, const char *role, const char *a1, const char *a2)
{
	xmlNodePtr copy = xmlDocCopyNode(n, n->doc, 1);
	const char *attrs[] = { a1, a2 };

	if (copy)
		text_party(copy, role);

	for (size_t i = 0; copy && i < 2; i++) {
		char *v = attrs[i] ? ov_xml_attr(n, attrs[i]) : NULL, *r;
		if (!v)
			continue;
		r = replace_star(v, role);
		if (r)
			xmlSetProp(copy, (const xmlChar *)attrs[i], (const xmlChar *)r);
		free(r);
		free(v);
	}
	return copy;
}

static int is_wildcard(xmlNodePtr n, const char *attr)
{
	char *v = ov_xml_attr(n, attr);
	size_t len = v ? strlen(v) : 0;
	int w = len >= 2 && !strcmp(v + len - 2, ".*");

	free(v);
	return w;
}

/* Replaces each wildcard `name` child of `parent` by one per role. */
static int expand_children(xmlNodePtr parent, const char *name, const char *key,
			   const char *other, char **roles, size_t nroles)
{
	xmlNodePtr c, next;

	for (c = parent->children; c; c = next) {
		next = c->next;
		if (!is_el(c, name) || !is_wildcard(c, key))
			continue;
		for (size_t i = 0; i < nroles; i++) {
			xmlNodePtr copy = role_copy(c, roles[i], key, other);
			if (!copy)
				return ov_error_set(OV_ENOMEM, "out of memory");
			xmlAddPrevSibling(c, copy);
		}
		xmlUnlinkNode(c);
		xmlFreeNode(c);
	}
	return OV_OK;
}

static int agreement_roles(char ***out, size_t *n, xmlDocPtr agreement)
{
	xmlNodePtr parties = agreement ? ov_xml_child(xmlDocGetRootElement(agreement), "parties")
				       : NULL;
	char **roles = calloc(parties ? (size_t)xmlChildElementCount(parties) + 1 : 1,
			      sizeof(*roles));

	*out = roles;
	*n = 0;
	if (!roles)
		return ov_error_set(OV_ENOMEM, "out of memory");
	for (xmlNodePtr p = parties ? parties->children : NULL; p; p = p->next)
		if (is_el(p, "party") && (roles[*n] = ov_xml_attr(p, "role")))
			(*n)++;
	return OV_OK;
}

int ov_agreement_roles_key(ov_buf *out, xmlDocPtr agreement)
{
	char **roles;
	size_t n;
	int err;

	if ((err = agreement_roles(&roles, &n, agreement)) < 0)
		return err;
	/* each role's length first: a role may hold any character */
	for (size_t i = 0; i < n; i++) {
		if (err >= 0)
			err = ov_buf_printf(out, "%zu:%s;", strlen(roles[i]), roles[i]);
		free(roles[i]);
	}
	free(roles);
	return err;
}

int ov_workflow_expand_parties(xmlDocPtr wf, xmlDocPtr agreement)
{
	xmlNodePtr root = xmlDocGetRootElement(wf), fields = ov_xml_child(root, "fields");
	char **roles;
	size_t n;
	int err;

	if ((err = agreement_roles(&roles, &n, agreement)) < 0)
		return err;
	if (fields)
		err = expand_children(fields, "field", "name", "path", roles, n);
	for (xmlNodePtr c = root->children; c && err >= 0; c = c->next)
		if (is_el(c, "phase"))
			err = expand_children(c, "question", "field", NULL, roles, n);
	for (size_t i = 0; i < n; i++)
		free(roles[i]);
	free(roles);
	return err;
}
