/*
 * registry.c - reading back the registry (overens/person.h and
 * overens/organisation.h): the people (people/<email>.xml) and the
 * organisations (organisations/<orgnr>.xml) as git's main holds them,
 * one at a time or all of them, for clients that show or check them (a
 * list in the tool, a sign-in in a web interface).  Whether a person has a
 * password comes from the accounts file (accounts.c), read once a list.
 */
#include <stdlib.h>
#include <string.h>

#include "overens/error.h"
#include "overens/organisation.h"
#include "overens/person.h"
#include "engine/base/orgnr.h"
#include "engine/base/words.h"
#include "engine/base/xmlsafe.h"
#include "engine/lifecycle/accounts.h"
#include "engine/lifecycle/people.h"

/* The paths of the .xml files under `dir` at main, in git's order. */
typedef struct path_list {
	char **paths;
	size_t n, cap;
} path_list;

static int collect_path(const char *path, void *payload)
{
	path_list *l = payload;
	size_t len = strlen(path);
	char **grown;

	if (len < 4 || strcmp(path + len - 4, ".xml"))
		return 0;
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		if (!(grown = realloc(l->paths, l->cap * sizeof(*grown))))
			return ov_error_set(OV_ENOMEM, "out of memory");
		l->paths = grown;
	}
	if (!(l->paths[l->n] = strdup(path)))
		return ov_error_set(OV_ENOMEM, "out of memory");
	l->n++;
	return 0;
}

static void path_list_free(path_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->paths[i]);
	free(l->paths);
}

/* Lists `dir`; an absent folder (or an empty history) is an empty list. */
static int list_dir(path_list *out, ov_workspace *ws, const char *dir)
{
	int err = ov_ws_list(ws, NULL, dir, collect_path, out);

	if (err == OV_ENOTFOUND) {
		ov_error_clear();
		return OV_OK;
	}
	return err;
}

/* Parses the document at `path` of main; OV_ENOTFOUND when absent. */
static int load_doc(xmlDocPtr *out, ov_workspace *ws, const char *path)
{
	ov_buf data = OV_BUF_INIT;
	int err;

	*out = NULL;
	if ((err = ov_ws_read(&data, ws, NULL, path)) >= 0)
		err = ov_xml_parse_memory(out, data.ptr, data.size, path);
	ov_buf_dispose(&data);
	return err;
}

/* The text of child `name` of `node`, or NULL when there is no such child. */
static char *child_text(xmlNodePtr node, const char *name)
{
	xmlNodePtr c = ov_xml_child(node, name);

	return c ? ov_xml_text(c) : NULL;
}

/* --- organisations ------------------------------------------------------- */

static void org_clear(ov_org_info *o)
{
	free(o->orgnr);
	free(o->name);
	free(o->kind);
	free(o->address);
	free(o->contact);
	free(o->contact_email);
	free(o->contact_phone);
	for (size_t i = 0; i < o->nsignatories; i++) {
		free(o->signatories[i].name);
		free(o->signatories[i].title);
		free(o->signatories[i].email);
	}
	free(o->signatories);
	for (size_t i = 0; i < o->nunits; i++)
		free(o->units[i]);
	free(o->units);
	memset(o, 0, sizeof(*o));
}

void ov_org_info_free(ov_org_info *o)
{
	if (!o)
		return;
	org_clear(o);
	free(o);
}

void ov_org_list_free(ov_org_info *o, size_t n)
{
	if (!o)
		return;
	for (size_t i = 0; i < n; i++)
		org_clear(&o[i]);
	free(o);
}

/* Counts the child elements of `root` named `name`. */
static size_t count_children(xmlNodePtr root, const char *name)
{
	size_t n = 0;

	for (xmlNodePtr c = root->children; c; c = c->next)
		n += c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, name);
	return n;
}

/* The signatories and units of an organisation's document. */
static int org_lists(ov_org_info *o, xmlNodePtr root)
{
	size_t ns = count_children(root, "signatory"), nu = count_children(root, "unit");

	o->signatories = ns ? calloc(ns, sizeof(*o->signatories)) : NULL;
	o->units = nu ? calloc(nu, sizeof(*o->units)) : NULL;
	if ((ns && !o->signatories) || (nu && !o->units))
		return ov_error_set(OV_ENOMEM, "out of memory");
	for (xmlNodePtr c = root->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!strcmp((const char *)c->name, "signatory")) {
			ov_signatory_info *s = &o->signatories[o->nsignatories++];
			s->name = child_text(c, "name");
			s->title = child_text(c, "title");
			s->email = child_text(c, "email");
			if (!s->name && !(s->name = strdup("")))
				return ov_error_set(OV_ENOMEM, "out of memory");
		} else if (!strcmp((const char *)c->name, "unit")) {
			char *u = ov_xml_attr(c, "name");
			if (!u && !(u = strdup("")))
				return ov_error_set(OV_ENOMEM, "out of memory");
			o->units[o->nunits++] = u;
		}
	}
	return OV_OK;
}

/* Fills `o` from an organisation's document (read from `path`). */
static int org_from_doc(ov_org_info *o, xmlDocPtr doc, const char *path)
{
	xmlNodePtr root = xmlDocGetRootElement(doc), contact;

	if (!root || strcmp((const char *)root->name, "organisation"))
		return ov_error_set(OV_EINVALID, "%s: not an organisation", path);
	o->orgnr = child_text(root, "orgnr");
	o->name = child_text(root, "name");
	o->kind = child_text(root, "kind");
	o->address = child_text(root, "address");
	if ((contact = ov_xml_child(root, "contact"))) {
		o->contact = child_text(contact, "name");
		o->contact_email = child_text(contact, "email");
		o->contact_phone = child_text(contact, "phone");
	}
	if (!o->orgnr || !o->name || !o->kind)
		return ov_error_set(OV_EINVALID, "%s: incomplete organisation record", path);
	return org_lists(o, root);
}

static int org_read(ov_org_info *o, ov_workspace *ws, const char *path)
{
	xmlDocPtr doc = NULL;
	int err;

	if ((err = load_doc(&doc, ws, path)) >= 0)
		err = org_from_doc(o, doc, path);
	xmlFreeDoc(doc);
	return err;
}

int ov_org_get(ov_org_info **out, ov_workspace *ws, const char *orgnr_in)
{
	ov_buf path = OV_BUF_INIT;
	ov_org_info *o = NULL;
	char orgnr[12];
	int err;

	*out = NULL;
	if ((err = ov_orgnr_normalize(orgnr, orgnr_in ? orgnr_in : "")) < 0)
		return err;
	if (!(o = calloc(1, sizeof(*o))) || (err = ov_buf_printf(&path, "organisations/%s.xml",
								 orgnr)) < 0) {
		err = ov_error_set(OV_ENOMEM, "out of memory");
		goto done;
	}
	if ((err = org_read(o, ws, path.ptr)) == OV_ENOTFOUND)
		err = ov_error_set(OV_ENOTFOUND,
			"organisation %s is not registered (overens org add)", orgnr);
	if (err >= 0) {
		*out = o;
		o = NULL;
	}
done:
	ov_org_info_free(o);
	ov_buf_dispose(&path);
	return err;
}

/*
 * The next letter of a UTF-8 name as a Swedish sort key: case ignored,
 * å ä ö after z in that order, é as e; other characters after them by
 * code point.  *s moves past the character.
 */
static unsigned long sv_key(const unsigned char **s)
{
	const unsigned char *p = *s;
	unsigned long c = *p++;

	if (c >= 0xc0 && (*p & 0xc0) == 0x80) {
		int more = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : 1;
		c &= 0x3f >> more;
		for (; more-- && (*p & 0xc0) == 0x80; p++)
			c = c << 6 | (*p & 0x3f);
	}
	*s = p;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 'a';
	switch (c) {
	case 0xe5: case 0xc5: return 'z' + 1;   /* å */
	case 0xe4: case 0xc4: return 'z' + 2;   /* ä */
	case 0xf6: case 0xd6: return 'z' + 3;   /* ö */
	case 0xe9: case 0xc9: return 'e';       /* é */
	default:   return c < 0x80 ? c : c + 0x100;
	}
}

/* Compares two names in Swedish order (see sv_key), then byte for byte. */
static int sv_cmp(const char *a, const char *b)
{
	const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;

	while (*x && *y) {
		unsigned long kx = sv_key(&x), ky = sv_key(&y);
		if (kx != ky)
			return kx < ky ? -1 : 1;
	}
	if (*x || *y)
		return *x ? 1 : -1;
	return strcmp(a, b);
}

static int by_org_name(const void *a, const void *b)
{
	const ov_org_info *x = a, *y = b;
	int c = sv_cmp(x->name, y->name);

	return c ? c : strcmp(x->orgnr, y->orgnr);
}

int ov_org_list(ov_org_info **out, size_t *n, ov_workspace *ws)
{
	path_list l = { 0 };
	ov_org_info *all = NULL;
	size_t i = 0;
	int err;

	*out = NULL;
	*n = 0;
	if ((err = list_dir(&l, ws, "organisations")) < 0 || !l.n)
		goto done;
	if (!(all = calloc(l.n, sizeof(*all)))) {
		err = ov_error_set(OV_ENOMEM, "out of memory");
		goto done;
	}
	for (i = 0; i < l.n; i++)
		if ((err = org_read(&all[i], ws, l.paths[i])) < 0)
			goto done;
	qsort(all, l.n, sizeof(*all), by_org_name);
	*out = all;
	*n = l.n;
	all = NULL;
done:
	ov_org_list_free(all, l.n);
	path_list_free(&l);
	return err;
}

/* --- people -------------------------------------------------------------- */

static void person_clear(ov_person_info *p)
{
	free(p->email);
	free(p->name);
	free(p->orgnr);
	free(p->org_name);
	free(p->roles);
	ov_person_units_free(p->units, p->nunits);
	memset(p, 0, sizeof(*p));
}

void ov_person_info_free(ov_person_info *p)
{
	if (!p)
		return;
	person_clear(p);
	free(p);
}

void ov_person_list_free(ov_person_info *p, size_t n)
{
	if (!p)
		return;
	for (size_t i = 0; i < n; i++)
		person_clear(&p[i]);
	free(p);
}

int ov_person_has_role(const ov_person_info *p, const char *role)
{
	return p && p->roles && role && *role && !strchr(role, ' ') && ov_word_in(p->roles, role);
}

/* The name of organisation `orgnr`: "" when it is not registered. */
static int org_name(char **out, ov_workspace *ws, const char *orgnr)
{
	ov_buf path = OV_BUF_INIT;
	xmlDocPtr doc = NULL;
	int err;

	*out = NULL;
	if ((err = ov_buf_printf(&path, "organisations/%s.xml", orgnr)) >= 0 &&
	    !strchr(orgnr, '/') && (err = load_doc(&doc, ws, path.ptr)) >= 0)
		*out = child_text(xmlDocGetRootElement(doc), "name");
	if (err == OV_ENOTFOUND || strchr(orgnr, '/')) {
		ov_error_clear();
		err = OV_OK;
	}
	if (err >= 0 && !*out && !(*out = strdup("")))
		err = ov_error_set(OV_ENOMEM, "out of memory");
	xmlFreeDoc(doc);
	ov_buf_dispose(&path);
	return err;
}

/* Fills `p` from people/<...>.xml at `path`; `accounts` is the accounts file. */
static int person_read(ov_person_info *p, ov_workspace *ws, const char *path,
		       const char *accounts)
{
	xmlDocPtr doc = NULL;
	xmlNodePtr root;
	int err;

	if ((err = load_doc(&doc, ws, path)) < 0)
		goto done;
	root = xmlDocGetRootElement(doc);
	p->email = ov_xml_attr(root, "email");
	p->name = ov_xml_attr(root, "name");
	p->orgnr = ov_xml_attr(root, "orgnr");
	p->roles = ov_xml_attr(root, "roles");
	if (!p->email || !p->name || !p->orgnr || !p->roles) {
		err = ov_error_set(OV_EINVALID, "%s: incomplete person record", path);
		goto done;
	}
	if ((err = ov_person_units_read(&p->units, &p->nunits, root)) < 0) {
		ov_error_prefix("%s", path);
		goto done;
	}
	p->has_password = ov_accounts_has_password(accounts, p->email);
	err = org_name(&p->org_name, ws, p->orgnr);
done:
	xmlFreeDoc(doc);
	return err;
}

int ov_person_get(ov_person_info **out, ov_workspace *ws, const char *email)
{
	ov_buf path = OV_BUF_INIT, accounts = OV_BUF_INIT;
	ov_person_info *p = NULL;
	int err;

	*out = NULL;
	if ((err = ov_check_email(email, "person")) < 0)
		return err;
	if (!(p = calloc(1, sizeof(*p))) ||
	    (err = ov_buf_printf(&path, "people/%s.xml", email)) < 0) {
		err = ov_error_set(OV_ENOMEM, "out of memory");
		goto done;
	}
	if ((err = ov_accounts_read(&accounts, ws)) < 0)
		goto done;
	if ((err = person_read(p, ws, path.ptr, accounts.ptr)) == OV_ENOTFOUND)
		err = ov_error_set(OV_ENOTFOUND, "nobody is registered as %s (overens person add)",
				   email);
	if (err >= 0) {
		*out = p;
		p = NULL;
	}
done:
	ov_person_info_free(p);
	ov_accounts_wipe(&accounts);
	ov_buf_dispose(&path);
	return err;
}

static int by_email(const void *a, const void *b)
{
	return strcmp(((const ov_person_info *)a)->email, ((const ov_person_info *)b)->email);
}

int ov_person_list(ov_person_info **out, size_t *n, ov_workspace *ws)
{
	path_list l = { 0 };
	ov_buf accounts = OV_BUF_INIT;
	ov_person_info *all = NULL;
	size_t i = 0;
	int err;

	*out = NULL;
	*n = 0;
	if ((err = list_dir(&l, ws, "people")) < 0 || !l.n ||
	    (err = ov_accounts_read(&accounts, ws)) < 0)
		goto done;
	if (!(all = calloc(l.n, sizeof(*all)))) {
		err = ov_error_set(OV_ENOMEM, "out of memory");
		goto done;
	}
	for (i = 0; i < l.n; i++)
		if ((err = person_read(&all[i], ws, l.paths[i], accounts.ptr)) < 0)
			goto done;
	qsort(all, l.n, sizeof(*all), by_email);
	*out = all;
	*n = l.n;
	all = NULL;
done:
	ov_person_list_free(all, l.n);
	ov_accounts_wipe(&accounts);
	path_list_free(&l);
	return err;
}
