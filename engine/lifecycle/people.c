/*
 * people.c - the people who act in a workspace: registering them
 * (overens/person.h) and loading the acting person of a change
 * (people.h).  A person is people/<email>.xml: e-mail, name, the
 * organisation they act for and their roles, and the units of it they act
 * for, one <acts-for unit="…"/> each (none: the whole organisation, as
 * every record written before units existed):
 *
 *   <person email="sara@example.se" name="Sara Berg" orgnr="212000-2247"
 *           roles="official board"><acts-for unit="Socialtjänsten"/></person>
 */
#include <stdlib.h>
#include <ctype.h>
#include <string.h>

#include "overens/error.h"
#include "overens/i18n.h"
#include "overens/person.h"
#include "engine/lifecycle/agreement.h"
#include "engine/lifecycle/engine.h"
#include "engine/lifecycle/people.h"
#include "engine/base/orgnr.h"
#include "engine/base/words.h"
#include "engine/base/xmlsafe.h"

typedef struct person_op {
	const char *actor, *email, *name, *orgnr, *roles;
	const char *const *units;
	size_t nunits;
	int change;       /* 1: replace the record of a registered person */
	int keep_units;   /* change: the units stay as registered */
} person_op;

static const char *person_roles = "official board steering reviewer signatory admin";

void ov_person_free(ov_person *p)
{
	if (!p)
		return;
	free(p->email);
	free(p->name);
	free(p->orgnr);
	free(p->roles);
	ov_person_units_free(p->units, p->nunits);
	free(p);
}

void ov_person_units_free(char **units, size_t n)
{
	for (size_t i = 0; units && i < n; i++)
		free(units[i]);
	free(units);
}

int ov_person_units_read(char ***out, size_t *n, xmlNodePtr root)
{
	size_t count = 0;
	char **units;

	*out = NULL;
	*n = 0;
	for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next)
		count += c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, "acts-for");
	if (!count)
		return OV_OK;
	if (!(units = calloc(count, sizeof(*units))))
		return ov_error_set(OV_ENOMEM, "out of memory");
	for (xmlNodePtr c = root->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "acts-for"))
			continue;
		if (!(units[*n] = ov_xml_attr(c, "unit"))) {
			ov_person_units_free(units, *n);
			*n = 0;
			return ov_error_set(OV_EINVALID, "line %d: <acts-for> without a unit",
					    (int)xmlGetLineNo(c));
		}
		(*n)++;
	}
	*out = units;
	return OV_OK;
}

int ov_person_acts_for_unit(const ov_person *p, const char *unit)
{
	if (!p->nunits)
		return 1;
	for (size_t i = 0; unit && i < p->nunits; i++)
		if (!strcmp(p->units[i], unit))
			return 1;
	return 0;
}

static int person_path(ov_buf *out, const char *email)
{
	return ov_buf_printf(out, "people/%s.xml", email);
}

/*
 * A person's name and e-mail address become the author of git commits
 * ("Name <email>"): angle brackets or control characters there would make
 * an identity that git cannot parse back, or one that reads as someone
 * else's, and such a person could never act.  0 when `s` is usable.
 */
static const char *identity_flaw(const char *s)
{
	size_t n = strlen(s);

	if (!n || isspace((unsigned char)s[0]) || isspace((unsigned char)s[n - 1]))
		return N_("is empty or begins or ends with a space");
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '<' || *p == '>')
			return N_("has '<' or '>'");
		if (*p < 0x20 || *p == 0x7f)
			return N_("has a line break or another control character");
	}
	return NULL;
}

int ov_check_email(const char *email, const char *what)
{
	const char *flaw;

	if (!email || !*email)
		return ov_error_set(OV_EINVALID,
			"%s: no acting person (give --as EMAIL or set user.email)", what);
	if ((flaw = identity_flaw(email)) != NULL)
		return ov_error_set(OV_EINVALID, "%s: '%s' is not an e-mail address (it %s)",
				    what, email, _(flaw));
	if (strchr(email, '/') || ov_value_check("email", email, what) < 0)
		return ov_error_set(OV_EINVALID, "%s: '%s' is not an e-mail address", what, email);
	return OV_OK;
}

int ov_person_load(ov_person **out, ov_txn *txn, const char *email)
{
	ov_buf path = OV_BUF_INIT, data = OV_BUF_INIT;
	xmlDocPtr doc = NULL;
	xmlNodePtr root;
	ov_person *p = NULL;
	int err;

	*out = NULL;
	if ((err = ov_check_email(email, "acting person")) < 0)
		return err;
	if ((err = person_path(&path, email)) < 0)
		goto done;
	if ((err = ov_txn_read(&data, txn, path.ptr)) < 0) {
		if (err == OV_ENOTFOUND)
			err = ov_error_set(OV_EDENIED,
				"%s is not registered in this workspace (overens person add)", email);
		goto done;
	}
	if ((err = ov_xml_parse_memory(&doc, data.ptr, data.size, path.ptr)) < 0)
		goto done;
	root = xmlDocGetRootElement(doc);
	if (!(p = calloc(1, sizeof(*p)))) {
		err = ov_error_set(OV_ENOMEM, "out of memory");
		goto done;
	}
	p->email = strdup(email);
	p->name = ov_xml_attr(root, "name");
	p->orgnr = ov_xml_attr(root, "orgnr");
	p->roles = ov_xml_attr(root, "roles");
	if (!p->email || !p->name || !p->orgnr || !p->roles) {
		err = ov_error_set(OV_EINVALID, "%s: incomplete person record", path.ptr);
		goto done;
	}
	if ((err = ov_person_units_read(&p->units, &p->nunits, root)) < 0) {
		ov_error_prefix("%s", path.ptr);
		goto done;
	}
	*out = p;
	p = NULL;
done:
	ov_person_free(p);
	xmlFreeDoc(doc);
	ov_buf_dispose(&path);
	ov_buf_dispose(&data);
	return err;
}

/*
 * Adds one <acts-for> per unit the person acts for, each a registered unit
 * of their organisation `org`, and a Unit trailer each.
 */
static int add_units(xmlNodePtr root, xmlDocPtr org, const person_op *op, const char *orgnr,
		     ov_buf *trailers)
{
	for (size_t i = 0; i < op->nunits; i++) {
		const char *u = op->units[i];
		if (!u || !*u)
			return ov_error_set(OV_EINVALID, "--unit: give the unit's name");
		if (!ov_org_has_unit(org, u))
			return ov_error_set(OV_ENOTFOUND,
				"organisation %s has no unit '%s' (overens org unit %s --name …)",
				orgnr, u, orgnr);
		for (size_t j = 0; j < i; j++)
			if (!strcmp(op->units[j], u))
				return ov_error_set(OV_EINVALID, "unit '%s' given twice", u);
		xmlSetProp(ov_xml_add_child(root, "acts-for", NULL), (const xmlChar *)"unit",
			   (const xmlChar *)u);
		ov_msg_trailer(trailers, "Unit", u);
	}
	return OV_OK;
}

static int person_txn(ov_txn *txn, void *payload)
{
	person_op *op = payload;
	xmlDocPtr org = NULL, doc = NULL;
	xmlNodePtr root;
	ov_buf path = OV_BUF_INIT, probe = OV_BUF_INIT, units = OV_BUF_INIT;
	char orgnr[12], *roles = NULL, *save = NULL, *tok;
	const char *flaw;
	int err;

	if ((err = ov_check_email(op->email, "person")) < 0)
		return err;
	if (!op->name || !*op->name || (err = ov_value_check("text", op->name, "--name")) < 0)
		return err < 0 ? err : ov_error_set(OV_EINVALID, "a person needs --name");
	if ((flaw = identity_flaw(op->name)) != NULL)
		return ov_error_set(OV_EINVALID, "--name '%s': a person's name %s; it is the "
				    "author of the person's changes in git", op->name, _(flaw));
	if (!op->roles || !*op->roles)
		return ov_error_set(OV_EINVALID, "a person needs --roles (%s)", person_roles);
	if (!(roles = strdup(op->roles)))
		return ov_error_set(OV_ENOMEM, "out of memory");
	for (tok = strtok_r(roles, " ,", &save); tok; tok = strtok_r(NULL, " ,", &save))
		if (!ov_word_in(person_roles, tok)) {
			err = ov_error_set(OV_EINVALID, "unknown role '%s' (one of: %s)", tok,
					   person_roles);
			goto done;
		}
	free(roles);
	roles = strdup(op->roles);
	for (char *p = roles; p && *p; p++)
		if (*p == ',')
			*p = ' ';
	if ((err = ov_orgnr_normalize(orgnr, op->orgnr ? op->orgnr : "")) < 0 ||
	    (err = ov_org_load(&org, txn, orgnr)) < 0)
		goto done;
	person_path(&path, op->email);
	if (!op->change && ov_txn_read(&probe, txn, path.ptr) == 0) {
		err = ov_error_set(OV_EEXISTS, "%s is already registered (overens person change "
				   "changes a registration)", op->email);
		goto done;
	}
	ov_error_clear();
	doc = xmlNewDoc((const xmlChar *)"1.0");
	root = xmlNewDocNode(doc, NULL, (const xmlChar *)"person", NULL);
	xmlDocSetRootElement(doc, root);
	xmlSetProp(root, (const xmlChar *)"email", (const xmlChar *)op->email);
	xmlSetProp(root, (const xmlChar *)"name", (const xmlChar *)op->name);
	xmlSetProp(root, (const xmlChar *)"orgnr", (const xmlChar *)orgnr);
	xmlSetProp(root, (const xmlChar *)"roles", (const xmlChar *)roles);
	if ((err = add_units(root, org, op, orgnr, &units)) < 0 ||
	    (err = ov_save_xml(txn, doc, path.ptr)) < 0)
		goto done;
	ov_buf_printf(&txn->message, "person: %s %s <%s>\n\n",
		      op->change ? "ändra registreringen av" : "registrera", op->name, op->email);
	ov_msg_trailer(&txn->message, "Event", op->change ? "person-change" : "person-add");
	ov_msg_trailer(&txn->message, "Person", op->email);
	ov_msg_trailer(&txn->message, "Organisation", orgnr);
	ov_msg_trailer(&txn->message, "Roles", roles);
	if (units.size)
		ov_buf_puts(&txn->message, units.ptr);
	ov_msg_trailer(&txn->message, "Actor", op->actor);
done:
	ov_buf_dispose(&units);
	free(roles);
	xmlFreeDoc(org);
	xmlFreeDoc(doc);
	ov_buf_dispose(&path);
	ov_buf_dispose(&probe);
	return err;
}

int ov_person_add(ov_workspace *ws, const char *actor, const char *email, const char *name,
		  const char *orgnr, const char *roles)
{
	return ov_person_add_units(ws, actor, email, name, orgnr, roles, NULL, 0);
}

int ov_person_add_units(ov_workspace *ws, const char *actor, const char *email,
			const char *name, const char *orgnr, const char *roles,
			const char *const *units, size_t nunits)
{
	person_op op = { .email = email, .name = name, .orgnr = orgnr, .roles = roles,
			 .units = units, .nunits = nunits };
	int err;

	if ((err = ov_check_email(actor, "acting person")) < 0)
		return err;
	op.actor = actor;
	return ov_engine_transact(ws, actor, person_txn, &op);
}

/* A change: what is not given stays as registered, then the record is written anew. */
static int person_change_txn(ov_txn *txn, void *payload)
{
	person_op op = *(person_op *)payload;
	ov_person *old = NULL;
	int err;

	if ((err = ov_person_load(&old, txn, op.email)) < 0) {
		if (err == OV_EDENIED)
			err = ov_error_set(OV_ENOTFOUND, "%s is not registered (overens person add)",
					   op.email);
		return err;
	}
	op.name = op.name ? op.name : old->name;
	op.orgnr = op.orgnr ? op.orgnr : old->orgnr;
	op.roles = op.roles ? op.roles : old->roles;
	if (op.keep_units) {
		op.units = (const char *const *)old->units;
		op.nunits = old->nunits;
	}
	err = person_txn(txn, &op);
	ov_person_free(old);
	return err;
}

int ov_person_change(ov_workspace *ws, const char *actor, const char *email, const char *name,
		     const char *orgnr, const char *roles, const char *const *units,
		     size_t nunits, int keep_units)
{
	person_op op = { .email = email, .name = name, .orgnr = orgnr, .roles = roles,
			 .units = units, .nunits = nunits, .change = 1,
			 .keep_units = keep_units };
	int err;

	if ((err = ov_check_email(actor, "acting person")) < 0 ||
	    (err = ov_check_email(email, "person")) < 0)
		return err;
	op.actor = actor;
	return ov_engine_transact(ws, actor, person_change_txn, &op);
}
