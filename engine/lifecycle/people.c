/*
 * people.c - the people who act in a workspace: registering them
 * (overens/person.h) and loading the acting person of a change
 * (people.h).  A person is people/<email>.xml: e-mail, name, the
 * organisation they act for and their roles.
 */
#include <stdlib.h>
#include <string.h>

#include "overens/error.h"
#include "overens/person.h"
#include "engine/lifecycle/agreement.h"
#include "engine/lifecycle/engine.h"
#include "engine/lifecycle/people.h"
#include "engine/base/orgnr.h"
#include "engine/base/words.h"
#include "engine/base/xmlsafe.h"

typedef struct person_op {
	const char *actor, *email, *name, *orgnr, *roles;
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
	free(p);
}

static int person_path(ov_buf *out, const char *email)
{
	return ov_buf_printf(out, "people/%s.xml", email);
}

int ov_check_email(const char *email, const char *what)
{
	if (!email || !*email)
		return ov_error_set(OV_EINVALID,
			"%s: no acting person (give --as EMAIL or set user.email)", what);
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
	*out = p;
	p = NULL;
done:
	ov_person_free(p);
	xmlFreeDoc(doc);
	ov_buf_dispose(&path);
	ov_buf_dispose(&data);
	return err;
}

static int person_txn(ov_txn *txn, void *payload)
{
	person_op *op = payload;
	xmlDocPtr org = NULL, doc = NULL;
	xmlNodePtr root;
	ov_buf path = OV_BUF_INIT, probe = OV_BUF_INIT;
	char orgnr[12], *roles = NULL, *save = NULL, *tok;
	int err;

	if ((err = ov_check_email(op->email, "person")) < 0)
		return err;
	if (!op->name || !*op->name || (err = ov_value_check("text", op->name, "--name")) < 0)
		return err < 0 ? err : ov_error_set(OV_EINVALID, "a person needs --name");
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
	if (ov_txn_read(&probe, txn, path.ptr) == 0) {
		err = ov_error_set(OV_EEXISTS, "%s is already registered", op->email);
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
	if ((err = ov_save_xml(txn, doc, path.ptr)) < 0)
		goto done;
	ov_buf_printf(&txn->message, "person: registrera %s <%s>\n\n", op->name, op->email);
	ov_msg_trailer(&txn->message, "Event", "person-add");
	ov_msg_trailer(&txn->message, "Person", op->email);
	ov_msg_trailer(&txn->message, "Organisation", orgnr);
	ov_msg_trailer(&txn->message, "Roles", roles);
	ov_msg_trailer(&txn->message, "Actor", op->actor);
done:
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
	person_op op = { .email = email, .name = name, .orgnr = orgnr, .roles = roles };
	int err;

	if ((err = ov_check_email(actor, "acting person")) < 0)
		return err;
	op.actor = actor;
	return ov_engine_transact(ws, actor, person_txn, &op);
}
