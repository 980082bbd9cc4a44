/*
 * organisations.c - the organisations that can be parties to agreements
 * (overens/organisation.h): registering them, their authorised
 * signatories and their units, and loading one inside a transaction.  An
 * organisation is organisations/<orgnr>.xml; a new agreement copies it
 * into its parties without the list of units: a party is the whole
 * organisation, or the one unit of it named when the agreement was made.
 * Reading them back is registry.c's.
 */
#include <stdlib.h>
#include <string.h>

#include "overens/error.h"
#include "overens/organisation.h"
#include "engine/lifecycle/agreement.h"
#include "engine/lifecycle/engine.h"
#include "engine/base/orgnr.h"
#include "engine/base/words.h"
#include "engine/base/xmlsafe.h"

typedef struct org_op {
	const ov_param *p;
	size_t n;
	const char *actor;
	const char *orgnr, *name, *title, *email; /* signatory */
} org_op;

static const char *org_kinds = "kommun region myndighet krets förening stiftelse bolag";

static const char *param(const org_op *op, const char *key)
{
	return ov_param_get(op->p, op->n, key);
}

int ov_org_load(xmlDocPtr *out, ov_txn *txn, const char *orgnr_in)
{
	ov_buf path = OV_BUF_INIT, data = OV_BUF_INIT;
	char orgnr[12];
	int err;

	*out = NULL;
	if ((err = ov_orgnr_normalize(orgnr, orgnr_in)) < 0)
		return err;
	ov_buf_printf(&path, "organisations/%s.xml", orgnr);
	err = ov_txn_read(&data, txn, path.ptr);
	if (err == OV_ENOTFOUND)
		err = ov_error_set(OV_ENOTFOUND,
			"organisation %s is not registered (overens org add)", orgnr);
	if (err >= 0)
		err = ov_xml_parse_memory(out, data.ptr, data.size, path.ptr);
	ov_buf_dispose(&path);
	ov_buf_dispose(&data);
	return err;
}

static int org_add_txn(ov_txn *txn, void *payload)
{
	org_op *op = payload;
	const char *name = param(op, "name"), *kind = param(op, "kind");
	const char *orgnr_in = param(op, "orgnr");
	xmlDocPtr doc = NULL;
	xmlNodePtr root, c;
	ov_buf path = OV_BUF_INIT, probe = OV_BUF_INIT;
	char orgnr[12];
	int err;

	if (!name || !*name || !kind || !orgnr_in)
		return ov_error_set(OV_EINVALID, "an organisation needs --name, --kind and --orgnr");
	if (!ov_word_in(org_kinds, kind))
		return ov_error_set(OV_EINVALID, "unknown organisation kind '%s' (one of: %s)",
				    kind, org_kinds);
	if ((err = ov_orgnr_normalize(orgnr, orgnr_in)) < 0)
		return err;
	for (size_t i = 0; i < op->n; i++)
		if ((err = ov_value_check(!strcmp(op->p[i].key, "contact-email") ? "email" : "text",
					  op->p[i].value, op->p[i].key)) < 0)
			return err;
	ov_buf_printf(&path, "organisations/%s.xml", orgnr);
	if (ov_txn_read(&probe, txn, path.ptr) == 0) {
		err = ov_error_set(OV_EEXISTS, "organisation %s is already registered", orgnr);
		goto done;
	}
	ov_error_clear();
	doc = xmlNewDoc((const xmlChar *)"1.0");
	root = xmlNewDocNode(doc, NULL, (const xmlChar *)"organisation", NULL);
	xmlDocSetRootElement(doc, root);
	ov_xml_add_child(root, "name", name);
	ov_xml_add_child(root, "kind", kind);
	ov_xml_add_child(root, "orgnr", orgnr);
	if (param(op, "address"))
		ov_xml_add_child(root, "address", param(op, "address"));
	if (param(op, "contact")) {
		c = ov_xml_add_child(root, "contact", NULL);
		ov_xml_add_child(c, "name", param(op, "contact"));
		if (param(op, "contact-email"))
			ov_xml_add_child(c, "email", param(op, "contact-email"));
		if (param(op, "contact-phone"))
			ov_xml_add_child(c, "phone", param(op, "contact-phone"));
	}
	if ((err = ov_save_xml(txn, doc, path.ptr)) < 0)
		goto done;
	ov_buf_printf(&txn->message, "org: registrera %s (%s)\n\n", name, orgnr);
	ov_msg_trailer(&txn->message, "Event", "org-add");
	ov_msg_trailer(&txn->message, "Organisation", orgnr);
	ov_msg_trailer(&txn->message, "Actor", op->actor);
done:
	xmlFreeDoc(doc);
	ov_buf_dispose(&path);
	ov_buf_dispose(&probe);
	return err;
}

static int signatory_txn(ov_txn *txn, void *payload)
{
	org_op *op = payload;
	xmlDocPtr doc = NULL;
	xmlNodePtr s;
	ov_buf path = OV_BUF_INIT;
	char orgnr[12];
	int err;

	if (!op->name || !*op->name || !op->title || !*op->title)
		return ov_error_set(OV_EINVALID, "a signatory needs --name and --title");
	if ((err = ov_value_check("text", op->name, "--name")) < 0 ||
	    (err = ov_value_check("text", op->title, "--title")) < 0 ||
	    (op->email && (err = ov_value_check("email", op->email, "--email")) < 0))
		return err;
	if ((err = ov_orgnr_normalize(orgnr, op->orgnr)) < 0 ||
	    (err = ov_org_load(&doc, txn, orgnr)) < 0)
		goto done;
	s = ov_xml_add_child(xmlDocGetRootElement(doc), "signatory", NULL);
	ov_xml_add_child(s, "name", op->name);
	ov_xml_add_child(s, "title", op->title);
	if (op->email)
		ov_xml_add_child(s, "email", op->email);
	ov_buf_printf(&path, "organisations/%s.xml", orgnr);
	if ((err = ov_save_xml(txn, doc, path.ptr)) < 0)
		goto done;
	ov_buf_printf(&txn->message, "org: behörig tecknare %s för %s\n\n", op->name, orgnr);
	ov_msg_trailer(&txn->message, "Event", "org-signatory");
	ov_msg_trailer(&txn->message, "Organisation", orgnr);
	ov_msg_trailer(&txn->message, "Signatory", op->name);
	ov_msg_trailer(&txn->message, "Actor", op->actor);
done:
	xmlFreeDoc(doc);
	ov_buf_dispose(&path);
	return err;
}

/* Byte `c` of a name lowered: ASCII, and the second byte of À-Þ in UTF-8 (Å Ä Ö). */
static unsigned char fold(unsigned char c, unsigned char before)
{
	if (c >= 'A' && c <= 'Z')
		return (unsigned char)(c + 32);
	if (before == 0xC3 && c >= 0x80 && c <= 0x9E && c != 0x97)
		return (unsigned char)(c + 32);
	return c;
}

/* 1 when names `a` and `b` differ at most in case ("Socialtjänsten", "SOCIALTJÄNSTEN"). */
static int same_but_case(const char *a, const char *b)
{
	const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;
	unsigned char px = 0, py = 0;

	for (; *x && *y; px = *x++, py = *y++)
		if (fold(*x, px) != fold(*y, py))
			return 0;
	return !*x && !*y;
}

/*
 * The name of the organisation's unit called `name` (`exact` 1) or called
 * `name` but for case (`exact` 0), or NULL (free()).
 */
static char *unit_named(xmlNodePtr root, const char *name, int exact)
{
	for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next) {
		char *u;
		if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "unit"))
			continue;
		u = ov_xml_attr(c, "name");
		if (u && (exact ? !strcmp(u, name) : same_but_case(u, name)))
			return u;
		free(u);
	}
	return NULL;
}

/* 1 when the organisation's root `root` has a unit called `name`. */
static int has_unit(xmlNodePtr root, const char *name)
{
	char *u = unit_named(root, name, 1);

	free(u);
	return u != NULL;
}

int ov_org_has_unit(xmlDocPtr org, const char *name)
{
	return name && has_unit(xmlDocGetRootElement(org), name);
}

/* Refuses a unit `name` that the organisation has, also one differing only in case. */
static int unit_unique(xmlNodePtr root, const char *orgnr, const char *name)
{
	char *u = unit_named(root, name, 0);
	int err = OV_OK;

	if (u && !strcmp(u, name))
		err = ov_error_set(OV_EEXISTS, "organisation %s already has a unit '%s'", orgnr,
				   name);
	else if (u)
		err = ov_error_set(OV_EEXISTS, "organisation %s already has a unit '%s', which "
				   "differs from '%s' only in case", orgnr, u, name);
	free(u);
	return err;
}

static int unit_txn(ov_txn *txn, void *payload)
{
	org_op *op = payload;
	xmlDocPtr doc = NULL;
	xmlNodePtr root, u;
	ov_buf path = OV_BUF_INIT;
	char orgnr[12];
	int err;

	if (!op->name || !*op->name)
		return ov_error_set(OV_EINVALID, "a unit needs --name");
	if ((err = ov_value_check("text", op->name, "--name")) < 0)
		return err;
	if (strchr(op->name, '\n') || strchr(op->name, '\r'))
		return ov_error_set(OV_EINVALID, "--name: a unit's name is one line");
	if ((err = ov_orgnr_normalize(orgnr, op->orgnr)) < 0 ||
	    (err = ov_org_load(&doc, txn, orgnr)) < 0)
		goto done;
	root = xmlDocGetRootElement(doc);
	if ((err = unit_unique(root, orgnr, op->name)) < 0)
		goto done;
	u = ov_xml_add_child(root, "unit", NULL);
	xmlSetProp(u, (const xmlChar *)"name", (const xmlChar *)op->name);
	ov_buf_printf(&path, "organisations/%s.xml", orgnr);
	if ((err = ov_save_xml(txn, doc, path.ptr)) < 0)
		goto done;
	ov_buf_printf(&txn->message, "org: enhet %s inom %s\n\n", op->name, orgnr);
	ov_msg_trailer(&txn->message, "Event", "org-unit");
	ov_msg_trailer(&txn->message, "Organisation", orgnr);
	ov_msg_trailer(&txn->message, "Unit", op->name);
	ov_msg_trailer(&txn->message, "Actor", op->actor);
done:
	xmlFreeDoc(doc);
	ov_buf_dispose(&path);
	return err;
}

static int run_registry(ov_workspace *ws, const char *actor, org_op *op, ov_txn_fn fn)
{
	int err;

	if ((err = ov_check_email(actor, "acting person")) < 0)
		return err;
	op->actor = actor;
	return ov_engine_transact(ws, actor, fn, op);
}

int ov_org_add(ov_workspace *ws, const char *actor, const ov_param *p, size_t n)
{
	org_op op = { .p = p, .n = n };
	return run_registry(ws, actor, &op, org_add_txn);
}

int ov_org_signatory(ov_workspace *ws, const char *actor, const char *orgnr,
		     const char *name, const char *title, const char *email)
{
	org_op op = { .orgnr = orgnr ? orgnr : "", .name = name, .title = title, .email = email };
	return run_registry(ws, actor, &op, signatory_txn);
}

int ov_org_unit(ov_workspace *ws, const char *actor, const char *orgnr, const char *name)
{
	org_op op = { .orgnr = orgnr ? orgnr : "", .name = name };
	return run_registry(ws, actor, &op, unit_txn);
}
