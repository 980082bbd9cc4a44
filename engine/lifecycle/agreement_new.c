/*
 * agreement_new.c - starting an agreement (ov_agreement_create): the next
 * free id of the year, a document in the workflow's first phase holding
 * copies of the parties' organisations, and a commit that also adds the
 * workflow definition when the repository has no copy yet.
 *
 * The acting person must have the role official or board and act for one
 * of the parties; every role the workflow names must be filled, each by an
 * organisation of a kind the role allows.  A party is an organisation
 * ("ORGNR") or one of its registered units ("ORGNR:UNIT", kept as the
 * party's <unit>); two parties of one organisation must be two different
 * units of it, so that each can be told apart and acted for.
 */
#include <stdlib.h>
#include <string.h>

#include "overens/agreement.h"
#include "overens/error.h"
#include "engine/lifecycle/agreement.h"
#include "engine/lifecycle/engine.h"
#include "engine/base/words.h"
#include "engine/base/xmlsafe.h"
#include "store/workspace.h"

typedef struct create_op {
	const char *actor, *workflow, *subject, *title, *date;
	const ov_param *parties;
	size_t nparties;
	char *id;
} create_op;

/* The first id of `year` after the highest the index knows that git has not taken. */
static int next_id(char **out, ov_txn *txn, int year)
{
	ov_buf id = OV_BUF_INIT, path = OV_BUF_INIT, probe = OV_BUF_INIT;
	int seq, err;

	*out = NULL;
	if ((err = ov_engine_max_seq(&seq, txn, year)) < 0)
		return err;
	for (;;) {
		ov_buf_clear(&id);
		ov_buf_clear(&path);
		ov_buf_clear(&probe);
		ov_buf_printf(&id, "%04d-%04d", year, ++seq);
		ov_agreement_path(&path, id.ptr, "agreement.xml");
		if (ov_txn_read(&probe, txn, path.ptr) < 0)
			break;
	}
	ov_error_clear();
	ov_buf_dispose(&path);
	ov_buf_dispose(&probe);
	*out = ov_buf_detach(&id);
	return *out ? OV_OK : ov_error_set(OV_ENOMEM, "out of memory");
}

/* What can be refused before any party is looked at. */
static int check_create(const create_op *op, const ov_workflow *wf, const ov_person *actor)
{
	if (op->nparties < (size_t)wf->min_parties || op->nparties > (size_t)wf->max_parties)
		return ov_error_set(OV_EINVALID,
			"workflow %s takes %d to %d parties; %zu given (--party ROLE=ORGNR)",
			wf->id, wf->min_parties, wf->max_parties, op->nparties);
	if (!ov_roles_intersect(actor->roles, "official board"))
		return ov_error_set(OV_EDENIED,
			"%s may not start agreements (needs role official or board)", actor->email);
	if (op->title)
		return ov_value_check("text", op->title, "--title");
	return OV_OK;
}

/*
 * The document's skeleton: id, workflow, version 1, the date it was created
 * (no event may be dated before it), title, kind, first phase.
 */
static xmlDocPtr new_document(const create_op *op, const ov_workflow *wf, const char *date)
{
	xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr root, state;

	root = xmlNewDocNode(doc, NULL, (const xmlChar *)"agreement", NULL);
	xmlDocSetRootElement(doc, root);
	xmlSetProp(root, (const xmlChar *)"id", (const xmlChar *)op->id);
	xmlSetProp(root, (const xmlChar *)"workflow", (const xmlChar *)wf->id);
	xmlSetProp(root, (const xmlChar *)"version", (const xmlChar *)"1");
	xmlSetProp(root, (const xmlChar *)"created", (const xmlChar *)date);
	ov_xml_add_child(root, "title", op->title && *op->title ? op->title : wf->title);
	ov_xml_add_child(root, "kind", wf->kind ? wf->kind : "Avtal");
	if (wf->subject_id)
		ov_xml_add_child(root, "subject", wf->subject_id);
	state = ov_xml_add_child(root, "state", NULL);
	xmlSetProp(state, (const xmlChar *)"phase", (const xmlChar *)wf->phases[0].id);
	xmlSetProp(state, (const xmlChar *)"since", (const xmlChar *)date);
	ov_xml_add_child(root, "parties", NULL);
	return doc;
}

static int check_role(const create_op *op, size_t i, const ov_workflow *wf)
{
	const char *role = op->parties[i].key;

	for (size_t j = 0; j < i; j++)
		if (!strcmp(op->parties[j].key, role))
			return ov_error_set(OV_EINVALID, "party role '%s' given twice", role);
	if (!ov_workflow_party(wf, role))
		return ov_error_set(OV_EINVALID, "workflow %s has no party role '%s'", wf->id, role);
	if (!*role || strspn(role, "abcdefghijklmnopqrstuvwxyz0123456789_-") != strlen(role) ||
	    role[0] < 'a' || role[0] > 'z')
		return ov_error_set(OV_EINVALID, "'%s' is not a party role (a-z, 0-9, - and _)", role);
	return OV_OK;
}

/* Removes an organisation's list of <unit>s (the party names its own, if any). */
static void drop_units(xmlNodePtr org)
{
	xmlNodePtr c, next;

	for (c = org ? org->children : NULL; c; c = next) {
		next = c->next;
		if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, "unit")) {
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		}
	}
}

/* Puts <unit>`unit`</unit> into the party `n` (its place is after <orgnr>). */
static int set_unit(xmlNodePtr n, xmlDocPtr org, const char *role, const char *onr,
		    const char *unit)
{
	if (!*unit)
		return ov_error_set(OV_EINVALID, "party '%s': give the unit after the colon "
				    "(--party ROLE=ORGNR:UNIT)", role);
	if (!ov_org_has_unit(org, unit))
		return ov_error_set(OV_ENOTFOUND,
			"party '%s': organisation %s has no unit '%s' (overens org unit %s --name …)",
			role, onr, unit, onr);
	ov_xml_add_child(n, "unit", unit);
	return OV_OK;
}

/*
 * Copies the organisation of party `i` ("ORGNR" or "ORGNR:UNIT") into the
 * document as a <party>; *is_actor is set when the actor acts for it.
 */
static int add_party(xmlDocPtr doc, ov_txn *txn, const create_op *op, size_t i,
		     const ov_workflow *wf, const ov_person *actor, int *is_actor)
{
	const char *role = op->parties[i].key, *colon = strchr(op->parties[i].value, ':');
	const ov_wf_party *rule = ov_workflow_party(wf, role);
	xmlDocPtr org = NULL;
	xmlNodePtr n;
	char *kind = NULL, *onr = NULL, *orgnr = NULL;
	int err;

	orgnr = colon ? strndup(op->parties[i].value, (size_t)(colon - op->parties[i].value))
		      : strdup(op->parties[i].value);
	if (!orgnr) {
		err = ov_error_set(OV_ENOMEM, "out of memory");
		goto done;
	}
	if ((err = check_role(op, i, wf)) < 0 || (err = ov_org_load(&org, txn, orgnr)) < 0)
		goto done;
	kind = ov_xml_text(ov_xml_child(xmlDocGetRootElement(org), "kind"));
	onr = ov_xml_text(ov_xml_child(xmlDocGetRootElement(org), "orgnr"));
	if (rule->kinds && !ov_word_in(rule->kinds, kind)) {
		err = ov_error_set(OV_EINVALID, "party '%s' must be of kind %s; %s is a %s",
				   role, rule->kinds, onr, kind);
		goto done;
	}
	n = xmlDocCopyNode(xmlDocGetRootElement(org), doc, 1);
	drop_units(n);
	xmlNodeSetName(n, (const xmlChar *)"party");
	xmlSetProp(n, (const xmlChar *)"role", (const xmlChar *)role);
	xmlAddChild(ov_xml_child(xmlDocGetRootElement(doc), "parties"), n);
	if (colon && (err = set_unit(n, org, role, onr, colon + 1)) < 0)
		goto done;
	if (ov_actor_acts_for(actor, n))
		*is_actor = 1;
done:
	free(orgnr);
	free(kind);
	free(onr);
	xmlFreeDoc(org);
	return err;
}

/*
 * Refuses two parties `a` and `b` of one organisation unless both are
 * units of it, different ones: else nobody could tell which of them a
 * person acts for.
 */
static int check_pair(xmlNodePtr a, xmlNodePtr b)
{
	char *oa = ov_xml_text(ov_xml_child(a, "orgnr")), *ob = ov_xml_text(ov_xml_child(b, "orgnr"));
	char *ua = ov_xml_text(ov_xml_child(a, "unit")), *ub = ov_xml_text(ov_xml_child(b, "unit"));
	char *ra = ov_xml_attr(a, "role"), *rb = ov_xml_attr(b, "role");
	int err = OV_OK;

	if (!oa || !ob || !ua || !ub || !ra || !rb)
		err = ov_error_set(OV_ENOMEM, "out of memory");
	else if (strcmp(oa, ob))
		;
	else if (!*ua || !*ub)
		err = ov_error_set(OV_EINVALID,
			"parties '%s' and '%s' are both organisation %s; name the unit that enters "
			"the agreement for each (--party ROLE=ORGNR:UNIT)", ra, rb, oa);
	else if (!strcmp(ua, ub))
		err = ov_error_set(OV_EINVALID,
			"parties '%s' and '%s' are both unit '%s' of organisation %s; a party "
			"enters an agreement once", ra, rb, ua, oa);
	free(oa);
	free(ob);
	free(ua);
	free(ub);
	free(ra);
	free(rb);
	return err;
}

static int check_distinct(xmlDocPtr doc)
{
	xmlNodePtr parties = ov_xml_child(xmlDocGetRootElement(doc), "parties"), a, b;
	int err = OV_OK;

	for (a = xmlFirstElementChild(parties); a && err >= 0; a = xmlNextElementSibling(a))
		for (b = xmlNextElementSibling(a); b && err >= 0; b = xmlNextElementSibling(b))
			err = check_pair(a, b);
	return err;
}

static int add_parties(xmlDocPtr doc, ov_txn *txn, const create_op *op,
		       const ov_workflow *wf, const ov_person *actor)
{
	int err, actor_is_party = 0;

	for (size_t i = 0; i < op->nparties; i++)
		if ((err = add_party(doc, txn, op, i, wf, actor, &actor_is_party)) < 0)
			return err;
	if ((err = check_distinct(doc)) < 0)
		return err;
	for (size_t i = 0; i < wf->nparties; i++)
		if (strcmp(wf->parties[i].role, "*") && !ov_party_by_role(doc, wf->parties[i].role))
			return ov_error_set(OV_EINVALID, "workflow %s needs a party '%s' (%s)",
					    wf->id, wf->parties[i].role, wf->parties[i].label);
	if (!actor_is_party)
		return ov_error_set(OV_EDENIED, "%s acts for %s, which is not one of the parties",
				    actor->email, actor->orgnr);
	return OV_OK;
}

static void create_message(ov_buf *msg, const create_op *op, const ov_workflow *wf,
			   const char *date, const ov_person *actor)
{
	ov_buf ph = OV_BUF_INIT;

	ov_buf_printf(msg, "new: %s %s\n\n", op->id,
		      op->title && *op->title ? op->title : wf->title);
	for (size_t i = 0; i < op->nparties; i++)
		ov_buf_printf(msg, "Part %s: %s\n", op->parties[i].key, op->parties[i].value);
	ov_buf_putc(msg, '\n');
	ov_msg_trailer(msg, "Agreement", op->id);
	ov_msg_trailer(msg, "Event", "new");
	ov_msg_trailer(msg, "Workflow", wf->id);
	ov_msg_trailer(msg, "Subject", wf->subject_id);
	ov_msg_trailer(msg, "Date", date);
	ov_msg_trailer(msg, "Actor", actor->email);
	ov_buf_printf(&ph, " -> %s", wf->phases[0].id);
	ov_msg_trailer(msg, "Phase", ph.ptr);
	ov_buf_dispose(&ph);
	ov_msg_trailer(msg, "Version", "1");
}

static int create_txn(ov_txn *txn, void *payload)
{
	create_op *op = payload;
	ov_workflow *wf = NULL;
	ov_person *actor = NULL;
	xmlDocPtr doc = NULL;
	ov_buf path = OV_BUF_INIT;
	ov_date d;
	char date[11];
	int err;

	free(op->id);
	op->id = NULL;
	if ((err = ov_resolve_date(&d, date, op->date)) < 0 ||
	    (err = ov_person_load(&actor, txn, op->actor)) < 0 ||
	    (err = ov_workflow_load_subject(&wf, txn, op->workflow, op->subject, NULL, 1)) < 0)
		goto done;
	txn->author_name = strdup(actor->name);
	if ((err = check_create(op, wf, actor)) < 0 ||
	    (err = next_id(&op->id, txn, d.y)) < 0)
		goto done;
	if (!(doc = new_document(op, wf, date))) {
		err = ov_error_set(OV_ENOMEM, "out of memory");
		goto done;
	}
	if ((err = add_parties(doc, txn, op, wf, actor)) < 0 ||
	    (err = ov_agreement_compute_dates(doc, wf)) < 0)
		goto done;
	ov_agreement_path(&path, op->id, "agreement.xml");
	if ((err = ov_agreement_save(txn, doc, path.ptr)) < 0)
		goto done;
	create_message(&txn->message, op, wf, date, actor);
done:
	ov_buf_dispose(&path);
	xmlFreeDoc(doc);
	ov_person_free(actor);
	ov_workflow_free(wf);
	return err;
}

int ov_agreement_create(char **out_id, ov_workspace *ws, const char *actor,
			const char *workflow, const ov_param *parties, size_t nparties,
			const char *title, const char *date)
{
	return ov_agreement_create_subject(out_id, ws, actor, workflow, NULL, parties, nparties,
					   title, date);
}

int ov_agreement_create_subject(char **out_id, ov_workspace *ws, const char *actor,
				const char *workflow, const char *subject,
				const ov_param *parties, size_t nparties,
				const char *title, const char *date)
{
	create_op op = { actor, workflow, subject, title, date, parties, nparties, NULL };
	int err;

	*out_id = NULL;
	if ((err = ov_check_email(actor, "acting person")) < 0)
		return err;
	err = ov_engine_transact(ws, actor, create_txn, &op);
	if (err < 0) {
		free(op.id);
		return err;
	}
	*out_id = op.id;
	return OV_OK;
}
