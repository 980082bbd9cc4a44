/*
 * remind_rules.c - what a workflow says about reminders (its <reminders>,
 * workflows/workflow.rng), who the recipients are in one agreement, and the
 * calendar's alarms (see notify.h).
 *
 * A workflow without <reminders> (one copied into a workspace before
 * reminders existed) gets DEFAULTS below, the shipped workflows' rules
 * without their texts.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "overens/error.h"
#include "engine/lifecycle/engine.h"
#include "engine/notify/notify.h"
#include "engine/base/xmlsafe.h"

static const char DEFAULTS[] =
	"<reminders>"
	"<remind kind='followup' to='contacts steering' alarms='P7D'/>"
	"<remind kind='notice' to='contacts' alarms='P14D P1D'/>"
	"<remind kind='term-end' to='contacts'/>"
	"<remind kind='expiry' to='contacts steering' alarms='P30D P7D'/>"
	"<wait step='decide' after='P14D' to='contacts'/>"
	"<wait step='sign' after='P14D' to='signatories contacts'/>"
	"<wait step='approve' after='P14D' to='contacts'/>"
	"</reminders>";

static xmlNodePtr reminders_of(const ov_workflow *wf)
{
	xmlNodePtr root = wf && wf->doc ? xmlDocGetRootElement(wf->doc) : NULL;

	return root ? ov_xml_child(root, "reminders") : NULL;
}

/* One <remind> or <wait> element into `r`. */
static int read_rule(ov_remind_rule *r, xmlNodePtr e, const char *where)
{
	char *after = NULL, *text;
	int err = OV_OK;

	r->wait = !strcmp((const char *)e->name, "wait");
	r->kind = ov_xml_attr(e, r->wait ? "step" : "kind");
	r->to = ov_xml_attr(e, "to");
	r->alarms = ov_xml_attr(e, "alarms");
	text = ov_xml_text(e);
	if (text && *text)
		r->text = text;
	else
		free(text);
	if (!r->kind || !r->to)
		return ov_error_set(OV_EINVALID, "%s: a reminder without its kind or recipients",
				    where);
	if (r->wait) {
		after = ov_xml_attr(e, "after");
		if ((err = ov_period_parse(&r->after, after ? after : "")) < 0)
			err = ov_error_prefix("%s: <wait step='%s'>", where, r->kind);
		free(after);
	}
	return err;
}

static int read_rules(ov_remind_rules *out, xmlNodePtr box, const char *where)
{
	size_t cap = (size_t)xmlChildElementCount(box) + 1;
	int err;

	if (!(out->r = calloc(cap, sizeof(*out->r))))
		return ov_error_set(OV_ENOMEM, "out of memory");
	for (xmlNodePtr e = box->children; e; e = e->next) {
		if (e->type != XML_ELEMENT_NODE)
			continue;
		if ((err = read_rule(&out->r[out->n++], e, where)) < 0)
			return err;
	}
	return OV_OK;
}

int ov_remind_rules_read(ov_remind_rules *out, const ov_workflow *wf)
{
	xmlDocPtr def = NULL;
	xmlNodePtr box = reminders_of(wf);
	int err;

	memset(out, 0, sizeof(*out));
	if (!box) {
		if ((err = ov_xml_parse_memory(&def, DEFAULTS, sizeof(DEFAULTS) - 1,
					       "remind defaults")) < 0)
			return err;
		box = xmlDocGetRootElement(def);
	}
	err = read_rules(out, box, wf && wf->path ? wf->path : "workflow");
	xmlFreeDoc(def);
	if (err < 0)
		ov_remind_rules_dispose(out);
	return err;
}

void ov_remind_rules_dispose(ov_remind_rules *rs)
{
	for (size_t i = 0; rs && i < rs->n; i++) {
		free(rs->r[i].kind);
		free(rs->r[i].to);
		free(rs->r[i].text);
		free(rs->r[i].alarms);
	}
	if (rs) {
		free(rs->r);
		rs->r = NULL;
		rs->n = 0;
	}
}

const ov_remind_rule *ov_remind_rule_find(const ov_remind_rules *rs, const char *kind, int wait)
{
	for (size_t i = 0; rs && kind && i < rs->n; i++)
		if (rs->r[i].wait == wait && !strcmp(rs->r[i].kind, kind))
			return &rs->r[i];
	return NULL;
}

/* --- recipients ------------------------------------------------------------ */

void ov_addrs_dispose(ov_addrs *a)
{
	for (size_t i = 0; a && i < a->n; i++)
		free(a->v[i]);
	if (a) {
		free(a->v);
		a->v = NULL;
		a->n = 0;
	}
}

/* Adds `addr` unless it is empty or there already (taking it: it is freed either way). */
static int addrs_take(ov_addrs *a, char *addr)
{
	char **grown;

	if (!addr || !*addr) {
		free(addr);
		return OV_OK;
	}
	for (size_t i = 0; i < a->n; i++)
		if (!strcasecmp(a->v[i], addr)) {
			free(addr);
			return OV_OK;
		}
	if (!(grown = realloc(a->v, (a->n + 1) * sizeof(*grown)))) {
		free(addr);
		return ov_error_set(OV_ENOMEM, "out of memory");
	}
	a->v = grown;
	a->v[a->n++] = addr;
	return OV_OK;
}

static int has_word(const char *list, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = list; p && (p = strstr(p, word)) != NULL; p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || !p[n]))
			return 1;
	return 0;
}

/* The registered people with `role` acting for organisation `orgnr`. */
static int people_of(ov_addrs *out, const char *orgnr, const char *role,
		     const ov_person_info *people, size_t npeople)
{
	int err = OV_OK;

	for (size_t i = 0; orgnr && *orgnr && i < npeople && err >= 0; i++)
		if (people[i].orgnr && !strcmp(people[i].orgnr, orgnr) &&
		    ov_person_has_role(&people[i], role))
			err = addrs_take(out, strdup(people[i].email));
	return err;
}

/* One party's recipients of kind `what` (contacts, steering or signatories). */
static int party_recipients(ov_addrs *out, xmlNodePtr party, const char *what,
			    const ov_person_info *people, size_t npeople)
{
	char *orgnr = ov_xml_text(ov_xml_child(party, "orgnr"));
	int err = OV_OK;

	if (!strcmp(what, "contacts")) {
		char *mail = ov_xml_text(ov_xml_child(ov_xml_child(party, "contact"), "email"));
		if (mail && *mail)
			err = addrs_take(out, mail);
		else {
			free(mail);
			err = people_of(out, orgnr, "official", people, npeople);
		}
	} else if (!strcmp(what, "steering")) {
		err = people_of(out, orgnr, "steering", people, npeople);
	} else if (!strcmp(what, "signatories")) {
		for (xmlNodePtr s = ov_xml_child(party, "signatory"); s && err >= 0;
		     s = ov_xml_next_element(s))
			if (!strcmp((const char *)s->name, "signatory"))
				err = addrs_take(out, ov_xml_text(ov_xml_child(s, "email")));
	}
	free(orgnr);
	return err;
}

/* The steering group's members named in the document (of `party` when given). */
static int steering_members(ov_addrs *out, xmlNodePtr root, const char *party)
{
	int err = OV_OK;

	for (xmlNodePtr m = ov_xml_child(ov_xml_child(root, "steering"), "member"); m && err >= 0;
	     m = ov_xml_next_element(m)) {
		char *p = ov_xml_attr(m, "party");
		if (!party || !p || !strcmp(p, party))
			err = addrs_take(out, ov_xml_attr(m, "email"));
		free(p);
	}
	return err;
}

int ov_remind_recipients(ov_addrs *out, xmlDocPtr doc, const char *to, const char *party,
			 const ov_person_info *people, size_t npeople)
{
	static const char *const kinds[] = { "contacts", "steering", "signatories" };
	xmlNodePtr root = xmlDocGetRootElement(doc);
	int err = OV_OK;

	if (has_word(to, "steering"))
		err = steering_members(out, root, party);
	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]) && err >= 0; k++) {
		if (!has_word(to, kinds[k]))
			continue;
		for (xmlNodePtr p = ov_xml_child(ov_xml_child(root, "parties"), "party");
		     p && err >= 0; p = ov_xml_next_element(p)) {
			char *role = ov_xml_attr(p, "role");
			if (!party || (role && !strcmp(role, party)))
				err = party_recipients(out, p, kinds[k], people, npeople);
			free(role);
		}
	}
	return err;
}

/* --- the calendar's alarms --------------------------------------------------- */

/* "WORKFLOW/KIND=ALARMS|" for each <remind> of workflow `id` with alarms. */
static int alarms_of(ov_buf *out, ov_txn *txn, const char *id)
{
	ov_workflow *wf = NULL;
	ov_remind_rules rs;
	int err;

	if ((err = ov_workflow_load(&wf, txn, id, 0)) < 0 ||
	    (err = ov_remind_rules_read(&rs, wf)) < 0)
		goto done;
	for (size_t i = 0; i < rs.n && err >= 0; i++)
		if (!rs.r[i].wait && rs.r[i].alarms)
			err = ov_buf_printf(out, "%s/%s=%s|", id, rs.r[i].kind, rs.r[i].alarms);
	ov_remind_rules_dispose(&rs);
done:
	ov_workflow_free(wf);
	return err;
}

int ov_remind_alarms(ov_buf *out, ov_workspace *ws, xmlDocPtr doc)
{
	xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL, a;
	ov_buf seen = OV_BUF_INIT;
	ov_txn txn;
	int err = ov_buf_puts(out, "|");

	memset(&txn, 0, sizeof(txn));
	txn.ws = ws;
	if (ov_ws_head(txn.head, ws) < 0)
		txn.head[0] = '\0';
	a = root && !strcmp((const char *)root->name, "agreement") ? root
	    : ov_xml_child(root, "agreement");
	for (; a && err >= 0; a = a == root ? NULL : ov_xml_next_element(a)) {
		char *id = ov_xml_attr(a, "workflow");
		if (id && !has_word(seen.ptr, id)) {
			if ((err = ov_buf_printf(&seen, " %s", id)) >= 0 &&
			    (err = alarms_of(out, &txn, id)) < 0 && err != OV_ENOMEM) {
				/* A workflow that does not load gives no alarms; the
				 * calendar is still made. */
				ov_error_clear();
				err = OV_OK;
			}
		}
		free(id);
	}
	ov_buf_dispose(&seen);
	return err;
}
