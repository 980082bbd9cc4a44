/*
 * engine.c - the workflow engine: registering organisations and people,
 * creating agreements, setting fields and recording lifecycle events.
 *
 * Every operation runs as one workspace transaction (store/workspace.h):
 * it reads the agreement and its workflow at git's head, checks who acts
 * and what the workflow allows, records the event in the document,
 * recomputes the dates, validates the document against
 * templates/agreement.rng and commits it with a message whose trailers
 * carry the event's data.  Any refusal happens before anything is written.
 *
 * The workflow decides which events are possible in which phase, who may
 * take them, what must be filled in first and where the agreement goes
 * next; this file only knows what each kind of event records.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/xpathInternals.h>

#include "overens/agreement.h"
#include "overens/date.h"
#include "overens/error.h"
#include "engine/lifecycle/agreement.h"
#include "engine/lifecycle/engine.h"
#include "engine/base/orgnr.h"
#include "engine/lifecycle/workflow.h"
#include "store/workspace.h"
#include "engine/base/xmlsafe.h"

/* --- small helpers ------------------------------------------------------- */

static const char *param(const ov_param *p, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(p[i].key, key))
			return p[i].value;
	return NULL;
}

void ov_msg_trailer(ov_buf *b, const char *key, const char *value)
{
	if (!value)
		return;
	ov_buf_printf(b, "%s: ", key);
	for (const char *p = value; *p; p++)
		ov_buf_putc(b, (*p == '\n' || *p == '\r') ? ' ' : *p);
	ov_buf_putc(b, '\n');
}

int ov_resolve_date(ov_date *out, char buf[11], const char *date)
{
	if (!date || !*date)
		*out = ov_sweden_today((long long)time(NULL));
	else if (ov_date_parse(out, date) < 0)
		return ov_error_prefix("--date");
	ov_date_format(buf, *out);
	return OV_OK;
}

/* --- people, organisations, workflows ------------------------------------ */

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

static int check_email(const char *email, const char *what)
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
	if ((err = check_email(email, "acting person")) < 0)
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

static int org_load(xmlDocPtr *out, ov_txn *txn, const char *orgnr_in)
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

static int save_xml(ov_txn *txn, xmlDocPtr doc, const char *path)
{
	char *mem = NULL;
	size_t len = 0;
	int err;

	if ((err = ov_xml_serialize(&mem, &len, doc)) < 0)
		return err;
	err = ov_txn_write(txn, path, mem, len);
	free(mem);
	return err;
}

/*
 * The workflow an agreement follows: the copy in the repository (so an
 * agreement keeps the rules it was made under), else the installed one,
 * which is then added to the commit.
 */
int ov_workflow_load(ov_workflow **out, ov_txn *txn, const char *id, int add_if_missing)
{
	ov_buf path = OV_BUF_INIT, data = OV_BUF_INIT;
	char *file = NULL, *rng = NULL;
	const char *p;
	int err, from_repo = 1;

	*out = NULL;
	for (p = id; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
			return ov_error_set(OV_EINVALID, "'%s' is not a workflow name", id);
	if (!*id)
		return ov_error_set(OV_EINVALID, "empty workflow name");
	ov_buf_printf(&path, "workflows/%s.xml", id);
	err = ov_txn_read(&data, txn, path.ptr);
	if (err == OV_ENOTFOUND) {
		ov_error_clear();
		from_repo = 0;
		file = ov_workspace_data_path(txn->ws, path.ptr);
		err = ov_buf_read_file(&data, file);
		if (err == OV_ENOTFOUND)
			err = ov_error_set(OV_ENOTFOUND, "no workflow '%s' (looked for %s)", id, file);
	}
	if (err < 0)
		goto done;
	rng = ov_workspace_data_path(txn->ws, "workflows/workflow.rng");
	if ((err = ov_workflow_parse(out, data.ptr, data.size,
				     from_repo ? path.ptr : file, rng)) < 0)
		goto done;
	if (!from_repo && add_if_missing)
		err = ov_txn_write(txn, path.ptr, data.ptr, data.size);
done:
	free(file);
	free(rng);
	ov_buf_dispose(&path);
	ov_buf_dispose(&data);
	if (err < 0) {
		ov_workflow_free(*out);
		*out = NULL;
	}
	return err;
}

int ov_agreement_load(xmlDocPtr *out, ov_buf *path, ov_txn *txn, const char *id)
{
	ov_buf data = OV_BUF_INIT;
	int err;

	*out = NULL;
	if (!id || !*id || strchr(id, '/') || strchr(id, '.') || strlen(id) > 32)
		return ov_error_set(OV_EINVALID, "'%s' is not an agreement id", id ? id : "");
	ov_buf_clear(path);
	if ((err = ov_agreement_path(path, id, "agreement.xml")) < 0)
		return err;
	err = ov_txn_read(&data, txn, path->ptr);
	if (err == OV_ENOTFOUND)
		err = ov_error_set(OV_ENOTFOUND, "no agreement %s in this workspace", id);
	if (err >= 0)
		err = ov_xml_parse_memory(out, data.ptr, data.size, path->ptr);
	ov_buf_dispose(&data);
	return err;
}

/* Validates and stores the document. */
int ov_agreement_save(ov_txn *txn, xmlDocPtr doc, const char *path)
{
	char *rng = ov_workspace_data_path(txn->ws, "templates/agreement.rng");
	int err;

	if (!rng)
		return ov_error_set(OV_ENOMEM, "out of memory");
	ov_agreement_normalize(doc);
	err = ov_rng_validate(doc, rng, path);
	free(rng);
	if (err < 0)
		return ov_error_prefix("the agreement would not be valid");
	return save_xml(txn, doc, path);
}

static void commit_who(ov_ws_who *who, const char *name, const char *email)
{
	long long now = (long long)time(NULL);

	who->name = name && *name ? name : email;
	who->email = email;
	who->when = now;
	who->offset_minutes = ov_sweden_offset(now);
}

/* --- organisations and people --------------------------------------------- */

typedef struct org_op {
	const ov_param *p;
	size_t n;
	const char *actor;
	const char *orgnr, *name, *title, *email; /* signatory */
	const char *roles;                         /* person */
	int kind;                                  /* 0 org, 1 signatory, 2 person */
} org_op;

static const char *org_kinds = "kommun region myndighet krets förening stiftelse bolag";

static int org_add_txn(ov_txn *txn, void *payload)
{
	org_op *op = payload;
	const char *name = param(op->p, op->n, "name"), *kind = param(op->p, op->n, "kind");
	const char *orgnr_in = param(op->p, op->n, "orgnr");
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
	if (param(op->p, op->n, "address"))
		ov_xml_add_child(root, "address", param(op->p, op->n, "address"));
	if (param(op->p, op->n, "contact")) {
		c = ov_xml_add_child(root, "contact", NULL);
		ov_xml_add_child(c, "name", param(op->p, op->n, "contact"));
		if (param(op->p, op->n, "contact-email"))
			ov_xml_add_child(c, "email", param(op->p, op->n, "contact-email"));
		if (param(op->p, op->n, "contact-phone"))
			ov_xml_add_child(c, "phone", param(op->p, op->n, "contact-phone"));
	}
	if ((err = save_xml(txn, doc, path.ptr)) < 0)
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
	    (err = org_load(&doc, txn, orgnr)) < 0)
		goto done;
	s = ov_xml_add_child(xmlDocGetRootElement(doc), "signatory", NULL);
	ov_xml_add_child(s, "name", op->name);
	ov_xml_add_child(s, "title", op->title);
	if (op->email)
		ov_xml_add_child(s, "email", op->email);
	ov_buf_printf(&path, "organisations/%s.xml", orgnr);
	if ((err = save_xml(txn, doc, path.ptr)) < 0)
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

static const char *person_roles = "official board steering reviewer signatory admin";

static int person_txn(ov_txn *txn, void *payload)
{
	org_op *op = payload;
	xmlDocPtr org = NULL, doc = NULL;
	xmlNodePtr root;
	ov_buf path = OV_BUF_INIT, probe = OV_BUF_INIT;
	char orgnr[12], *roles = NULL, *save = NULL, *tok;
	int err;

	if ((err = check_email(op->email, "person")) < 0)
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
	    (err = org_load(&org, txn, orgnr)) < 0)
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
	if ((err = save_xml(txn, doc, path.ptr)) < 0)
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

static int run_registry(ov_workspace *ws, const char *actor, org_op *op, ov_txn_fn fn)
{
	ov_ws_who who;
	int err;

	if ((err = check_email(actor, "acting person")) < 0)
		return err;
	op->actor = actor;
	commit_who(&who, actor, actor);
	return ov_workspace_transact(ws, &who, fn, op, NULL);
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

int ov_person_add(ov_workspace *ws, const char *actor, const char *email, const char *name,
		  const char *orgnr, const char *roles)
{
	org_op op = { .email = email, .name = name, .orgnr = orgnr, .roles = roles };
	return run_registry(ws, actor, &op, person_txn);
}

/* --- who may act ---------------------------------------------------------- */

/* The party element whose organisation number is `orgnr`, or NULL. */
static xmlNodePtr party_by_orgnr(xmlDocPtr doc, const char *orgnr)
{
	xmlNodePtr parties = ov_xml_child(xmlDocGetRootElement(doc), "parties"), c;

	for (c = parties ? parties->children : NULL; c; c = c->next) {
		char *o;
		int match;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		o = ov_xml_text(ov_xml_child(c, "orgnr"));
		match = o && !strcmp(o, orgnr);
		free(o);
		if (match)
			return c;
	}
	return NULL;
}

xmlNodePtr ov_party_by_role(xmlDocPtr doc, const char *role)
{
	xmlNodePtr parties = ov_xml_child(xmlDocGetRootElement(doc), "parties"), c;

	for (c = parties ? parties->children : NULL; role && c; c = c->next) {
		char *r;
		int match;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		r = ov_xml_attr(c, "role");
		match = r && !strcmp(r, role);
		free(r);
		if (match)
			return c;
	}
	return NULL;
}

static int roles_intersect(const char *have, const char *allowed)
{
	char *copy = strdup(have ? have : ""), *save = NULL, *tok;
	int ok = 0;

	for (tok = strtok_r(copy, " ", &save); copy && tok && !ok; tok = strtok_r(NULL, " ", &save))
		ok = ov_word_in(allowed, tok);
	free(copy);
	return ok;
}

/*
 * Refuses an actor who does not act for a party of the agreement, lacks
 * the step's roles, or (party="own") acts for another party than `role`.
 */
int ov_check_actor(xmlDocPtr doc, const ov_person *actor, const char *roles,
		   int party_own, const char *role, const char *what)
{
	xmlNodePtr mine = party_by_orgnr(doc, actor->orgnr), target;
	char *myrole;

	if (!mine)
		return ov_error_set(OV_EDENIED,
			"%s: %s acts for %s, which is not a party of this agreement",
			what, actor->email, actor->orgnr);
	if (!roles_intersect(actor->roles, roles))
		return ov_error_set(OV_EDENIED,
			"%s: %s has the roles '%s'; this step needs one of '%s'",
			what, actor->email, actor->roles, roles);
	if (party_own) {
		if (!role || !*role)
			return ov_error_set(OV_EINVALID, "%s: name the party with --party", what);
		if (!(target = ov_party_by_role(doc, role)))
			return ov_error_set(OV_EINVALID, "%s: the agreement has no party '%s'",
					    what, role);
		myrole = ov_xml_attr(mine, "role");
		if (!myrole || strcmp(myrole, role)) {
			int err = ov_error_set(OV_EDENIED,
				"%s: %s acts for party '%s' and may not act for party '%s'",
				what, actor->email, myrole ? myrole : "?", role);
			free(myrole);
			return err;
		}
		free(myrole);
	}
	return OV_OK;
}

/* --- guards ---------------------------------------------------------------- */

static int xpath_bool_vars(int *out, xmlDocPtr doc, const char *expr, const char *where,
			   const char *date, const char *party, const char *actor)
{
	xmlXPathContextPtr xp = xmlXPathNewContext(doc);
	xmlXPathObjectPtr obj = NULL;

	*out = 0;
	if (!xp)
		return ov_error_set(OV_ENOMEM, "out of memory");
	xp->node = xmlDocGetRootElement(doc);
	xmlXPathRegisterVariable(xp, (const xmlChar *)"date",
				 xmlXPathNewCString(date ? date : ""));
	xmlXPathRegisterVariable(xp, (const xmlChar *)"party",
				 xmlXPathNewCString(party ? party : ""));
	xmlXPathRegisterVariable(xp, (const xmlChar *)"actor",
				 xmlXPathNewCString(actor ? actor : ""));
	obj = xmlXPathEvalExpression((const xmlChar *)expr, xp);
	xmlXPathFreeContext(xp);
	if (!obj)
		return ov_error_set(OV_EINVALID, "%s: the expression cannot be evaluated: %s",
				    where, expr);
	*out = xmlXPathCastToBoolean(obj) ? 1 : 0;
	xmlXPathFreeObject(obj);
	return OV_OK;
}

/* Replaces "{party}" in `text` with `name`. */
static void put_with_party(ov_buf *b, const char *text, const char *name)
{
	const char *p = text, *m;

	while ((m = strstr(p, "{party}")) != NULL) {
		ov_buf_put(b, p, (size_t)(m - p));
		ov_buf_puts(b, name);
		p = m + 7;
	}
	ov_buf_puts(b, p);
}

int ov_check_requirements(ov_buf *missing, size_t *count, xmlDocPtr doc,
			  const ov_workflow *wf, const ov_wf_step *st, const char *id,
			  const char *date, const char *party, const char *actor)
{
	ov_buf where = OV_BUF_INIT;
	xmlNodePtr parties = ov_xml_child(xmlDocGetRootElement(doc), "parties"), c;
	int err = OV_OK, ok;

	*count = 0;
	ov_buf_printf(&where, "%s:%d", wf->path, st->line);
	for (size_t i = 0; i < st->nreqs && err >= 0; i++) {
		const ov_wf_require *r = &st->reqs[i];
		if (!r->each_party) {
			if ((err = xpath_bool_vars(&ok, doc, r->test, where.ptr, date, party,
						   actor)) < 0)
				break;
			if (!ok) {
				const ov_wf_field *f = r->field ? ov_workflow_field(wf, r->field) : NULL;
				(*count)++;
				ov_buf_printf(missing, "  - %s", r->text);
				if (f)
					ov_buf_printf(missing, " (overens set %s %s …)", id, f->name);
				ov_buf_putc(missing, '\n');
			}
			continue;
		}
		for (c = parties ? parties->children : NULL; c && err >= 0; c = c->next) {
			char *role, *name;
			if (c->type != XML_ELEMENT_NODE)
				continue;
			role = ov_xml_attr(c, "role");
			err = xpath_bool_vars(&ok, doc, r->test, where.ptr, date, role, actor);
			if (err >= 0 && !ok) {
				name = ov_xml_text(ov_xml_child(c, "name"));
				(*count)++;
				ov_buf_puts(missing, "  - ");
				put_with_party(missing, r->text, name ? name : role);
				ov_buf_putc(missing, '\n');
				free(name);
			}
			free(role);
		}
	}
	ov_buf_dispose(&where);
	return err;
}

/* --- creating agreements --------------------------------------------------- */

typedef struct create_op {
	const char *actor, *workflow, *title, *date;
	const ov_param *parties;
	size_t nparties;
	char *id;
} create_op;

static int next_id(char **out, ov_txn *txn, int year)
{
	ov_buf id = OV_BUF_INIT, path = OV_BUF_INIT, probe = OV_BUF_INIT;
	int seq, err;

	*out = NULL;
	if ((err = ov_ws_max_seq(&seq, txn->ws, year)) < 0)
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

static int create_txn(ov_txn *txn, void *payload)
{
	create_op *op = payload;
	ov_workflow *wf = NULL;
	ov_person *actor = NULL;
	xmlDocPtr doc = NULL, org = NULL;
	xmlNodePtr root, parties, state, n;
	ov_buf path = OV_BUF_INIT;
	ov_date d;
	char date[11];
	size_t i, j;
	int err, actor_is_party = 0;

	free(op->id);
	op->id = NULL;
	if ((err = ov_resolve_date(&d, date, op->date)) < 0 ||
	    (err = ov_person_load(&actor, txn, op->actor)) < 0 ||
	    (err = ov_workflow_load(&wf, txn, op->workflow, 1)) < 0)
		goto done;
	txn->author_name = strdup(actor->name);
	if (op->nparties < (size_t)wf->min_parties || op->nparties > (size_t)wf->max_parties) {
		err = ov_error_set(OV_EINVALID,
			"workflow %s takes %d to %d parties; %zu given (--party ROLE=ORGNR)",
			wf->id, wf->min_parties, wf->max_parties, op->nparties);
		goto done;
	}
	if (!roles_intersect(actor->roles, "official board")) {
		err = ov_error_set(OV_EDENIED, "%s may not start agreements (needs role official or board)",
				   actor->email);
		goto done;
	}
	if (op->title && (err = ov_value_check("text", op->title, "--title")) < 0)
		goto done;
	if ((err = next_id(&op->id, txn, d.y)) < 0)
		goto done;

	doc = xmlNewDoc((const xmlChar *)"1.0");
	root = xmlNewDocNode(doc, NULL, (const xmlChar *)"agreement", NULL);
	xmlDocSetRootElement(doc, root);
	xmlSetProp(root, (const xmlChar *)"id", (const xmlChar *)op->id);
	xmlSetProp(root, (const xmlChar *)"workflow", (const xmlChar *)wf->id);
	xmlSetProp(root, (const xmlChar *)"version", (const xmlChar *)"1");
	ov_xml_add_child(root, "title", op->title && *op->title ? op->title : wf->title);
	ov_xml_add_child(root, "kind", wf->kind ? wf->kind : "Avtal");
	state = ov_xml_add_child(root, "state", NULL);
	xmlSetProp(state, (const xmlChar *)"phase", (const xmlChar *)wf->phases[0].id);
	xmlSetProp(state, (const xmlChar *)"since", (const xmlChar *)date);
	parties = ov_xml_add_child(root, "parties", NULL);
	for (i = 0; i < op->nparties; i++) {
		const char *role = op->parties[i].key, *orgnr = op->parties[i].value;
		const ov_wf_party *rule = ov_workflow_party(wf, role);
		char *kind, *onr;
		for (j = 0; j < i; j++)
			if (!strcmp(op->parties[j].key, role)) {
				err = ov_error_set(OV_EINVALID, "party role '%s' given twice", role);
				goto done;
			}
		if (!rule) {
			err = ov_error_set(OV_EINVALID, "workflow %s has no party role '%s'",
					   wf->id, role);
			goto done;
		}
		if (!*role || strspn(role, "abcdefghijklmnopqrstuvwxyz0123456789_-") != strlen(role) ||
		    role[0] < 'a' || role[0] > 'z') {
			err = ov_error_set(OV_EINVALID, "'%s' is not a party role (a-z, 0-9, - and _)",
					   role);
			goto done;
		}
		xmlFreeDoc(org);
		org = NULL;
		if ((err = org_load(&org, txn, orgnr)) < 0)
			goto done;
		kind = ov_xml_text(ov_xml_child(xmlDocGetRootElement(org), "kind"));
		onr = ov_xml_text(ov_xml_child(xmlDocGetRootElement(org), "orgnr"));
		if (rule->kinds && !ov_word_in(rule->kinds, kind)) {
			err = ov_error_set(OV_EINVALID,
				"party '%s' must be of kind %s; %s is a %s", role, rule->kinds,
				onr, kind);
			free(kind);
			free(onr);
			goto done;
		}
		if (!strcmp(onr, actor->orgnr))
			actor_is_party = 1;
		free(kind);
		free(onr);
		n = xmlDocCopyNode(xmlDocGetRootElement(org), doc, 1);
		xmlNodeSetName(n, (const xmlChar *)"party");
		xmlSetProp(n, (const xmlChar *)"role", (const xmlChar *)role);
		xmlAddChild(parties, n);
	}
	for (i = 0; i < wf->nparties; i++)
		if (strcmp(wf->parties[i].role, "*") && !ov_party_by_role(doc, wf->parties[i].role)) {
			err = ov_error_set(OV_EINVALID, "workflow %s needs a party '%s' (%s)",
					   wf->id, wf->parties[i].role, wf->parties[i].label);
			goto done;
		}
	if (!actor_is_party) {
		err = ov_error_set(OV_EDENIED, "%s acts for %s, which is not one of the parties",
				   actor->email, actor->orgnr);
		goto done;
	}
	if ((err = ov_agreement_compute_dates(doc, wf)) < 0)
		goto done;
	ov_agreement_path(&path, op->id, "agreement.xml");
	if ((err = ov_agreement_save(txn, doc, path.ptr)) < 0)
		goto done;
	ov_buf_printf(&txn->message, "new: %s %s\n\n", op->id,
		      op->title && *op->title ? op->title : wf->title);
	for (i = 0; i < op->nparties; i++)
		ov_buf_printf(&txn->message, "Part %s: %s\n", op->parties[i].key,
			      op->parties[i].value);
	ov_buf_putc(&txn->message, '\n');
	ov_msg_trailer(&txn->message, "Agreement", op->id);
	ov_msg_trailer(&txn->message, "Event", "new");
	ov_msg_trailer(&txn->message, "Workflow", wf->id);
	ov_msg_trailer(&txn->message, "Date", date);
	ov_msg_trailer(&txn->message, "Actor", actor->email);
	{
		ov_buf ph = OV_BUF_INIT;
		ov_buf_printf(&ph, " -> %s", wf->phases[0].id);
		ov_msg_trailer(&txn->message, "Phase", ph.ptr);
		ov_buf_dispose(&ph);
	}
	ov_msg_trailer(&txn->message, "Version", "1");
done:
	ov_buf_dispose(&path);
	xmlFreeDoc(doc);
	xmlFreeDoc(org);
	ov_person_free(actor);
	ov_workflow_free(wf);
	return err;
}

int ov_agreement_create(char **out_id, ov_workspace *ws, const char *actor,
			const char *workflow, const ov_param *parties, size_t nparties,
			const char *title, const char *date)
{
	create_op op = { actor, workflow, title, date, parties, nparties, NULL };
	ov_ws_who who;
	int err;

	*out_id = NULL;
	if ((err = check_email(actor, "acting person")) < 0)
		return err;
	commit_who(&who, NULL, actor);
	err = ov_workspace_transact(ws, &who, create_txn, &op, NULL);
	if (err < 0) {
		free(op.id);
		return err;
	}
	*out_id = op.id;
	return OV_OK;
}
