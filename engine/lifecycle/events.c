/*
 * events.c - changing an agreement: fields (set, import) and the lifecycle
 * events the workflow allows (see overens/agreement.h and engine.c).
 *
 * Each event is recorded in the document first, then the step's
 * requirements are checked on the result (so that data given with the
 * event counts), then the workflow's advance rules pick the next phase.
 * Refusals return before anything is written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "overens/agreement.h"
#include "overens/date.h"
#include "overens/error.h"
#include "engine/lifecycle/agreement.h"
#include "engine/lifecycle/engine.h"
#include "engine/lifecycle/workflow.h"
#include "store/workspace.h"
#include "engine/base/xmlsafe.h"

typedef struct change_op {
	const char *actor, *id, *event, *date;
	const char *field, *value;           /* set */
	const char *data, *name;             /* import */
	size_t len;
	const ov_param *params;
	size_t nparams;
	const ov_repo_file *extra;           /* files added to the commit (signing) */
	size_t nextra;
	ov_event_hook hook;                  /* called before the document is saved */
	void *hook_payload;
} change_op;

static const char *param(const change_op *op, const char *key)
{
	for (size_t i = 0; i < op->nparams; i++)
		if (!strcmp(op->params[i].key, key))
			return op->params[i].value;
	return NULL;
}


static void excerpt(ov_buf *b, const char *value)
{
	size_t n = 0;
	const char *p;

	if (!value || !*value) {
		ov_buf_puts(b, "(tomt)");
		return;
	}
	ov_buf_putc(b, '"');
	for (p = value; *p && n < 100; p++, n++)
		ov_buf_putc(b, (*p == '\n' || *p == '\r') ? ' ' : *p);
	while (*p && ((unsigned char)*p & 0xc0) == 0x80)
		ov_buf_putc(b, *p++);
	if (*p)
		ov_buf_puts(b, "…");
	ov_buf_putc(b, '"');
}

static char *attr_of(xmlNodePtr n, const char *name)
{
	return ov_xml_attr(n, name);
}

static void set_attr(xmlNodePtr n, const char *name, const char *value)
{
	xmlSetProp(n, (const xmlChar *)name, (const xmlChar *)value);
}

static char *party_name(xmlDocPtr doc, const char *role)
{
	xmlNodePtr p = ov_party_by_role(doc, role);

	return p ? ov_xml_text(ov_xml_child(p, "name")) : strdup(role ? role : "");
}

static int count_elements(xmlNodePtr parent, const char *name)
{
	int n = 0;

	for (xmlNodePtr c = parent ? parent->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, name))
			n++;
	return n;
}

static xmlNodePtr last_element(xmlNodePtr parent, const char *name)
{
	xmlNodePtr last = NULL;

	for (xmlNodePtr c = parent ? parent->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, name))
			last = c;
	return last;
}

static xmlNodePtr element_with(xmlNodePtr parent, const char *name, const char *attr,
			       const char *value)
{
	for (xmlNodePtr c = parent ? parent->children : NULL; c; c = c->next) {
		char *v;
		int m;
		if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, name))
			continue;
		v = ov_xml_attr(c, attr);
		m = v && value && !strcmp(v, value);
		free(v);
		if (m)
			return c;
	}
	return NULL;
}

static void remove_child(xmlNodePtr parent, const char *name)
{
	xmlNodePtr n;

	while ((n = ov_xml_child(parent, name)) != NULL) {
		xmlUnlinkNode(n);
		xmlFreeNode(n);
	}
}

static char *my_role(xmlDocPtr doc, const ov_person *actor)
{
	xmlNodePtr parties = ov_xml_child(xmlDocGetRootElement(doc), "parties"), c;

	for (c = parties ? parties->children : NULL; c; c = c->next) {
		char *o;
		int m;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		o = ov_xml_text(ov_xml_child(c, "orgnr"));
		m = o && !strcmp(o, actor->orgnr);
		free(o);
		if (m)
			return ov_xml_attr(c, "role");
	}
	return NULL;
}

/* The phase label for messages: "kontakt (Skapa kontakt)". */
static void phase_desc(ov_buf *b, const ov_workflow *wf, const char *phase)
{
	const ov_wf_phase *ph = ov_workflow_phase(wf, phase);

	ov_buf_printf(b, "'%s'", phase);
	if (ph)
		ov_buf_printf(b, " (%s)", ph->label);
}

static int refuse_step(const ov_workflow *wf, const ov_wf_phase *ph, const char *id,
		       const char *event, const char *phase)
{
	ov_buf b = OV_BUF_INIT;
	int err;

	ov_buf_printf(&b, "%s: '%s' is not possible in phase ", id, event);
	phase_desc(&b, wf, phase);
	if (ph && ph->nsteps) {
		ov_buf_puts(&b, "; possible now:");
		for (size_t i = 0; i < ph->nsteps; i++)
			ov_buf_printf(&b, " %s", ph->steps[i].event);
	} else if (ph && ph->final) {
		ov_buf_puts(&b, "; the agreement has ended");
	}
	err = ov_error_set(OV_EGUARD, "%s", b.ptr);
	ov_buf_dispose(&b);
	return err;
}

/* Term end + renewal: the last day of the next period. */
static int extend_term(xmlNodePtr term, const ov_workflow *wf, ov_buf *summary)
{
	char *end_s = attr_of(term, "end"), buf[11];
	ov_date end;
	ov_period one_day = { 0, 0, 1, 0 };
	int err;

	if (!end_s)
		return ov_error_set(OV_EGUARD, "the agreement has no term end to extend");
	err = ov_date_parse(&end, end_s);
	free(end_s);
	if (err < 0)
		return err;
	end = ov_term_end(ov_date_add(end, &one_day), &wf->renewal);
	ov_date_format(buf, end);
	set_attr(term, "end", buf);
	ov_buf_printf(summary, "Avtalet förlängs till och med %s\n", buf);
	return OV_OK;
}

/* Records what the event says in the document; `summary` gets the body text. */
static int record_event(xmlDocPtr doc, const ov_workflow *wf, const ov_wf_phase *ph,
			const change_op *op, const ov_person *actor, const char *date,
			ov_buf *headline, ov_buf *body, ov_buf *trailers)
{
	xmlNodePtr root = xmlDocGetRootElement(doc), n, c;
	const char *ev = op->event, *party = param(op, "party");
	char *pname = NULL, *role = NULL;
	int err = OV_OK;

	if (party)
		ov_msg_trailer(trailers, "Party", party);
	if (!strcmp(ev, "contact")) {
		const char *with = param(op, "with"), *notes = param(op, "notes");
		role = my_role(doc, actor);
		n = ov_xml_ensure_child(root, "contact");
		set_attr(n, "date", date);
		set_attr(n, "party", party ? party : role);
		set_attr(n, "by", actor->email);
		if (with && (err = ov_value_check("text", with, "--with")) < 0)
			goto done;
		if (notes && (err = ov_value_check("text", notes, "--notes")) < 0)
			goto done;
		if (with)
			ov_xml_set_text(ov_xml_ensure_child(n, "with"), with);
		if (notes)
			ov_xml_set_text(ov_xml_ensure_child(n, "notes"), notes);
		ov_buf_printf(headline, "kontakt tagen %s", date);
		if (with)
			ov_msg_trailer(trailers, "With", with);
	} else if (!strcmp(ev, "decide")) {
		const char *body_name = param(op, "body"), *minutes = param(op, "minutes");
		const char *outcome = param(op, "outcome"), *text = param(op, "text");
		const ov_wf_party *rule;
		xmlNodePtr decisions = ov_xml_ensure_child(root, "decisions");
		if (element_with(decisions, "decision", "party", party)) {
			err = ov_error_set(OV_EGUARD, "%s: the decision of party '%s' is already recorded",
					   op->id, party);
			goto done;
		}
		if (!minutes || !*minutes) {
			err = ov_error_set(OV_EINVALID,
				"decide: give the minutes reference with --minutes (e.g. \"§ 12\")");
			goto done;
		}
		if (!outcome)
			outcome = "bifall";
		if (strcmp(outcome, "bifall") && strcmp(outcome, "avslag")) {
			err = ov_error_set(OV_EINVALID, "decide: --outcome is bifall or avslag, not '%s'",
					   outcome);
			goto done;
		}
		c = ov_party_by_role(doc, party);
		{
			char *prole = attr_of(c, "role");
			rule = prole ? ov_workflow_party(wf, prole) : NULL;
			free(prole);
		}
		if (!body_name || !*body_name)
			body_name = rule && rule->body ? rule->body : NULL;
		if (!body_name) {
			err = ov_error_set(OV_EINVALID, "decide: name the deciding body with --body");
			goto done;
		}
		if ((err = ov_value_check("text", body_name, "--body")) < 0 ||
		    (err = ov_value_check("text", minutes, "--minutes")) < 0 ||
		    (text && (err = ov_value_check("text", text, "--text")) < 0))
			goto done;
		n = ov_xml_add_child(decisions, "decision", NULL);
		set_attr(n, "party", party);
		set_attr(n, "body", body_name);
		set_attr(n, "date", date);
		set_attr(n, "minutes", minutes);
		set_attr(n, "outcome", outcome);
		if (text)
			ov_xml_add_child(n, "text", text);
		pname = party_name(doc, party);
		ov_buf_printf(headline, "beslut hos %s (%s %s, %s)", pname, body_name, minutes,
			      outcome);
		ov_msg_trailer(trailers, "Body", body_name);
		ov_msg_trailer(trailers, "Minutes", minutes);
		ov_msg_trailer(trailers, "Outcome", outcome);
	} else if (!strcmp(ev, "needs")) {
		ov_buf_puts(headline, "behovskartläggningen klar");
	} else if (!strcmp(ev, "assign")) {
		ov_buf_puts(headline, "gränsdragningar och uppdrag klara, redo för undertecknande");
	} else if (!strcmp(ev, "sign")) {
		const char *signatory = param(op, "signatory"), *place = param(op, "place");
		xmlNodePtr pnode = ov_party_by_role(doc, party), s, found = NULL;
		xmlNodePtr sigs = ov_xml_ensure_child(root, "signatures");
		char *defplace = ov_xml_text(ov_xml_child(root, "place"));
		int nsig = 0;
		if (element_with(sigs, "signature", "party", party)) {
			free(defplace);
			err = ov_error_set(OV_EGUARD, "%s: party '%s' has already signed", op->id, party);
			goto done;
		}
		for (s = pnode ? pnode->children : NULL; s; s = s->next) {
			char *nm;
			if (s->type != XML_ELEMENT_NODE || strcmp((const char *)s->name, "signatory"))
				continue;
			nsig++;
			nm = ov_xml_text(ov_xml_child(s, "name"));
			if (!signatory || !strcmp(nm, signatory)) {
				if (!found || signatory)
					found = s;
			}
			free(nm);
		}
		if (!nsig) {
			free(defplace);
			err = ov_error_set(OV_EGUARD,
				"%s: party '%s' has no registered authorised signatory (overens org signatory)",
				op->id, party);
			goto done;
		}
		if (!signatory && nsig > 1) {
			free(defplace);
			err = ov_error_set(OV_EINVALID,
				"sign: party '%s' has %d authorised signatories; name one with --signatory",
				party, nsig);
			goto done;
		}
		if (!found) {
			free(defplace);
			err = ov_error_set(OV_EDENIED,
				"sign: '%s' is not an authorised signatory of party '%s'", signatory, party);
			goto done;
		}
		if (!place || !*place)
			place = defplace && *defplace ? defplace : NULL;
		if (!place) {
			free(defplace);
			err = ov_error_set(OV_EINVALID, "sign: give the place with --place");
			goto done;
		}
		{
			char *nm = ov_xml_text(ov_xml_child(found, "name"));
			char *title = ov_xml_text(ov_xml_child(found, "title"));
			n = ov_xml_add_child(sigs, "signature", NULL);
			set_attr(n, "party", party);
			set_attr(n, "name", nm);
			set_attr(n, "title", title);
			set_attr(n, "place", place);
			set_attr(n, "date", date);
			pname = party_name(doc, party);
			ov_buf_printf(headline, "undertecknat för %s av %s", pname, nm);
			ov_msg_trailer(trailers, "Signatory", nm);
			ov_msg_trailer(trailers, "Place", place);
			free(nm);
			free(title);
		}
		free(defplace);
	} else if (!strcmp(ev, "cancel-signing")) {
		xmlNodePtr sigs = ov_xml_child(root, "signatures");
		if (sigs && xmlFirstElementChild(sigs)) {
			/* A text that someone signed stays that version; edits make the next. */
			char *v = attr_of(root, "version"), buf[16];
			snprintf(buf, sizeof(buf), "%d", (v ? atoi(v) : 1) + 1);
			set_attr(root, "version", buf);
			ov_buf_printf(body, "Påbörjade underskrifter makuleras; nästa text blir version %s\n",
				      buf);
			free(v);
		}
		remove_child(root, "signatures");
		ov_buf_puts(headline, "undertecknandet avbryts, texten kan ändras igen");
	} else if (!strcmp(ev, "followup")) {
		const char *decision = param(op, "decision");
		xmlNodePtr fus = ov_xml_ensure_child(root, "followups");
		size_t i, missing = 0;
		if (!decision || (strcmp(decision, "continue") && strcmp(decision, "amend") &&
				  strcmp(decision, "terminate"))) {
			err = ov_error_set(OV_EINVALID,
				"followup: --decision is continue, amend or terminate");
			goto done;
		}
		n = ov_xml_add_child(fus, "followup", NULL);
		set_attr(n, "date", date);
		set_attr(n, "decision", decision);
		for (i = 0; i < ph->nfollowup; i++) {
			ov_buf key = OV_BUF_INIT;
			const char *answer;
			ov_buf_printf(&key, "answer.%s", ph->followup[i].key);
			answer = param(op, key.ptr);
			ov_buf_dispose(&key);
			if (!answer || !*answer) {
				missing++;
				continue;
			}
			if ((err = ov_value_check("text", answer, ph->followup[i].key)) < 0)
				goto done;
			c = ov_xml_add_child(n, "answer", answer);
			set_attr(c, "id", ph->followup[i].key);
			set_attr(c, "question", ph->followup[i].text);
		}
		for (i = 0; i < op->nparams; i++)
			if (!strncmp(op->params[i].key, "answer.", 7)) {
				int known = 0;
				for (size_t j = 0; j < ph->nfollowup; j++)
					known |= !strcmp(op->params[i].key + 7, ph->followup[j].key);
				if (!known) {
					err = ov_error_set(OV_EINVALID,
						"followup: no follow-up question '%s' in this workflow",
						op->params[i].key + 7);
					goto done;
				}
			}
		if (missing) {
			ov_buf m = OV_BUF_INIT;
			for (i = 0; i < ph->nfollowup; i++) {
				ov_buf key = OV_BUF_INIT;
				ov_buf_printf(&key, "answer.%s", ph->followup[i].key);
				if (!param(op, key.ptr) || !*param(op, key.ptr))
					ov_buf_printf(&m, "  - %s (--answer %s=…)\n", ph->followup[i].text,
						      ph->followup[i].key);
				ov_buf_dispose(&key);
			}
			err = ov_error_set(OV_EGUARD,
				"%s: the follow-up cannot be recorded; %zu unanswered question%s:\n%s",
				op->id, missing, missing == 1 ? "" : "s", m.ptr);
			ov_buf_dispose(&m);
			goto done;
		}
		ov_buf_printf(headline, "uppföljning %s, beslut: %s", date, decision);
		ov_msg_trailer(trailers, "Decision", decision);
		if (!strcmp(decision, "continue")) {
			xmlNodePtr term = ov_xml_child(root, "term");
			if ((err = extend_term(term, wf, body)) < 0)
				goto done;
			{
				char *e = attr_of(term, "end");
				set_attr(n, "new-end", e);
				ov_msg_trailer(trailers, "Term-End", e);
				free(e);
			}
		} else if (!strcmp(decision, "terminate")) {
			xmlNodePtr term = ov_xml_child(root, "term"), t;
			char *e = attr_of(term, "end"), *notice = attr_of(term, "notice");
			role = my_role(doc, actor);
			t = ov_xml_add_child(root, "termination", NULL);
			set_attr(t, "party", role);
			set_attr(t, "date", date);
			set_attr(t, "immediate", "no");
			set_attr(t, "notice", notice ? notice : "P1M");
			set_attr(t, "effective", e ? e : date);
			set_attr(t, "by", actor->email);
			ov_xml_add_child(t, "reason", "Parterna beslutade vid uppföljningen att avsluta samarbetet när avtalstiden löper ut.");
			ov_buf_printf(body, "Avtalet upphör %s\n", e ? e : date);
			free(e);
			free(notice);
		}
	} else if (!strcmp(ev, "amend")) {
		const char *summary = param(op, "summary");
		xmlNodePtr ams = ov_xml_ensure_child(root, "amendments");
		char *version = attr_of(root, "version"), buf[16];
		int v = version ? atoi(version) : 1;
		free(version);
		if (!summary || !*summary) {
			err = ov_error_set(OV_EINVALID, "amend: describe the change with --summary");
			goto done;
		}
		if ((err = ov_value_check("text", summary, "--summary")) < 0)
			goto done;
		role = my_role(doc, actor);
		n = ov_xml_add_child(ams, "amendment", NULL);
		snprintf(buf, sizeof(buf), "%d", count_elements(ams, "amendment"));
		set_attr(n, "n", buf);
		snprintf(buf, sizeof(buf), "%d", v);
		set_attr(n, "from-version", buf);
		snprintf(buf, sizeof(buf), "%d", v + 1);
		set_attr(n, "to-version", buf);
		set_attr(n, "date", date);
		set_attr(n, "party", role);
		set_attr(n, "status", "proposed");
		ov_xml_add_child(n, "summary", summary);
		ov_buf_printf(headline, "ändring föreslås (version %d till %d)", v, v + 1);
	} else if (!strcmp(ev, "approve")) {
		xmlNodePtr am = last_element(ov_xml_child(root, "amendments"), "amendment");
		char *status = attr_of(am, "status");
		int open = status && !strcmp(status, "proposed");
		free(status);
		if (!am || !open) {
			err = ov_error_set(OV_EGUARD, "%s: there is no proposed amendment to approve",
					   op->id);
			goto done;
		}
		if (element_with(am, "approval", "party", party)) {
			err = ov_error_set(OV_EGUARD, "%s: party '%s' has already approved the amendment",
					   op->id, party);
			goto done;
		}
		c = ov_xml_add_child(am, "approval", NULL);
		set_attr(c, "party", party);
		set_attr(c, "date", date);
		set_attr(c, "by", actor->email);
		pname = party_name(doc, party);
		ov_buf_printf(headline, "ändringen godkänd av %s", pname);
		if (count_elements(am, "approval") ==
		    count_elements(ov_xml_child(root, "parties"), "party")) {
			char *to = attr_of(am, "to-version");
			set_attr(am, "status", "approved");
			set_attr(root, "version", to);
			remove_child(root, "signatures");
			ov_buf_printf(body, "Alla parter har godkänt; version %s ska undertecknas\n", to);
			ov_msg_trailer(trailers, "New-Version", to);
			free(to);
		}
	} else if (!strcmp(ev, "terminate")) {
		const char *immediate = param(op, "immediate"), *reason = param(op, "reason");
		xmlNodePtr term = ov_xml_child(root, "term");
		char *notice = attr_of(term, "notice"), buf[11];
		int imm = immediate && !strcmp(immediate, "yes");
		ov_period p;
		ov_date d;
		if (ov_xml_child(root, "termination")) {
			free(notice);
			err = ov_error_set(OV_EGUARD, "%s: the agreement is already terminated", op->id);
			goto done;
		}
		if (imm && (!reason || !*reason)) {
			free(notice);
			err = ov_error_set(OV_EINVALID,
				"terminate: immediate termination needs the reason (--reason)");
			goto done;
		}
		if (reason && (err = ov_value_check("text", reason, "--reason")) < 0) {
			free(notice);
			goto done;
		}
		if (notice) {
			err = ov_period_parse(&p, notice);
		} else {
			p = wf->notice;
		}
		if (err < 0 || (err = ov_date_parse(&d, date)) < 0) {
			free(notice);
			goto done;
		}
		if (!imm)
			d = ov_date_add(d, &p);
		ov_date_format(buf, d);
		n = ov_xml_add_child(root, "termination", NULL);
		set_attr(n, "party", party);
		set_attr(n, "date", date);
		set_attr(n, "immediate", imm ? "yes" : "no");
		set_attr(n, "notice", notice ? notice : "P1M");
		set_attr(n, "effective", buf);
		set_attr(n, "by", actor->email);
		if (reason)
			ov_xml_add_child(n, "reason", reason);
		free(notice);
		pname = party_name(doc, party);
		if (imm)
			ov_buf_printf(headline, "uppsagt med omedelbar verkan av %s", pname);
		else
			ov_buf_printf(headline, "uppsagt av %s, upphör %s", pname, buf);
		ov_msg_trailer(trailers, "Immediate", imm ? "yes" : "no");
		ov_msg_trailer(trailers, "Effective", buf);
		ov_msg_trailer(trailers, "Reason", reason);
	} else if (!strcmp(ev, "end")) {
		xmlNodePtr t = ov_xml_child(root, "termination");
		char *eff = attr_of(t, "effective");
		if (eff && strcmp(date, eff) < 0) {
			err = ov_error_set(OV_EGUARD, "%s: the agreement runs until %s; it cannot end on %s",
					   op->id, eff, date);
			free(eff);
			goto done;
		}
		free(eff);
		ov_buf_printf(headline, "avtalet har upphört %s", date);
	} else {
		err = ov_error_set(OV_EINVALID, "unknown event '%s'", ev);
	}
done:
	free(pname);
	free(role);
	return err;
}

static const char *event_params =
	"contact: with notes party | decide: party body minutes outcome text | sign: party "
	"signatory place | followup: decision answer.* | amend: summary | approve: party | "
	"terminate: party immediate reason";

static int check_params(const change_op *op)
{
	static const struct { const char *event, *keys; } allowed[] = {
		{ "contact", "with notes party" },
		{ "decide", "party body minutes outcome text" },
		{ "needs", "" }, { "assign", "" },
		{ "sign", "party signatory place" },
		{ "cancel-signing", "" },
		{ "followup", "decision" },
		{ "amend", "summary" },
		{ "approve", "party" },
		{ "terminate", "party immediate reason" },
		{ "end", "" },
	};
	for (size_t i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++) {
		if (strcmp(allowed[i].event, op->event))
			continue;
		for (size_t j = 0; j < op->nparams; j++) {
			const char *k = op->params[j].key;
			if (!strcmp(op->event, "followup") && !strncmp(k, "answer.", 7))
				continue;
			if (!ov_word_in(allowed[i].keys, k))
				return ov_error_set(OV_EINVALID, "%s does not take --%s", op->event, k);
		}
		return OV_OK;
	}
	return ov_error_set(OV_EINVALID, "unknown event '%s' (events and their options: %s)",
			    op->event, event_params);
}

static int set_phase(xmlDocPtr doc, const char *phase, const char *date)
{
	xmlNodePtr st = ov_xml_ensure_child(xmlDocGetRootElement(doc), "state");

	if (!st)
		return ov_error_set(OV_ENOMEM, "out of memory");
	set_attr(st, "phase", phase);
	set_attr(st, "since", date);
	return OV_OK;
}

static int event_txn(ov_txn *txn, void *payload)
{
	change_op *op = payload;
	ov_workflow *wf = NULL;
	ov_person *actor = NULL;
	xmlDocPtr doc = NULL;
	ov_buf path = OV_BUF_INIT, headline = OV_BUF_INIT, body = OV_BUF_INIT;
	ov_buf trailers = OV_BUF_INIT, missing = OV_BUF_INIT;
	char *wfid = NULL, *phase = NULL, *version = NULL, date[11];
	const ov_wf_phase *ph;
	const ov_wf_step *st;
	const char *next = NULL;
	size_t nmissing = 0;
	ov_date d;
	int err;

	if ((err = ov_resolve_date(&d, date, op->date)) < 0 ||
	    (err = check_params(op)) < 0 ||
	    (err = ov_person_load(&actor, txn, op->actor)) < 0 ||
	    (err = ov_agreement_load(&doc, &path, txn, op->id)) < 0)
		goto done;
	txn->author_name = strdup(actor->name);
	wfid = ov_xml_attr(xmlDocGetRootElement(doc), "workflow");
	phase = ov_xml_attr(ov_xml_child(xmlDocGetRootElement(doc), "state"), "phase");
	if ((err = ov_workflow_load(&wf, txn, wfid ? wfid : "", 0)) < 0)
		goto done;
	ph = ov_workflow_phase(wf, phase);
	if (!(st = ov_workflow_step(ph, op->event))) {
		err = refuse_step(wf, ph, op->id, op->event, phase ? phase : "?");
		goto done;
	}
	if ((err = ov_check_actor(doc, actor, st->roles, st->party_own, param(op, "party"),
				  op->event)) < 0)
		goto done;
	if ((err = record_event(doc, wf, ph, op, actor, date, &headline, &body, &trailers)) < 0)
		goto done;
	if ((err = ov_check_requirements(&missing, &nmissing, doc, wf, st, op->id, date,
					 param(op, "party"), actor->email)) < 0)
		goto done;
	if (nmissing) {
		err = ov_error_set(OV_EGUARD, "%s: '%s' is refused; %zu thing%s missing:\n%s",
				   op->id, op->event, nmissing, nmissing == 1 ? " is" : "s are",
				   missing.ptr);
		goto done;
	}
	for (size_t i = 0; i < st->nadvs && !next; i++) {
		int ok;
		if ((err = ov_xpath_bool(&ok, doc, st->advs[i].when, wf->path)) < 0)
			goto done;
		if (ok)
			next = st->advs[i].to;
	}
	if (!next)
		next = st->to;
	if (next && strcmp(next, phase) && (err = set_phase(doc, next, date)) < 0)
		goto done;
	if (op->hook && (err = op->hook(txn, doc, path.ptr, actor, op->hook_payload)) < 0)
		goto done;
	if ((err = ov_agreement_compute_dates(doc, wf)) < 0 ||
	    (err = ov_agreement_save(txn, doc, path.ptr)) < 0)
		goto done;
	for (size_t i = 0; i < op->nextra; i++) {
		const ov_repo_file *x = &op->extra[i];
		err = x->data ? ov_txn_write(txn, x->path, x->data, x->len)
			      : ov_txn_delete(txn, x->path);
		if (err < 0)
			goto done;
	}
	version = ov_xml_attr(xmlDocGetRootElement(doc), "version");
	ov_buf_printf(&txn->message, "%s: %s %s\n\n", op->event, op->id, headline.ptr);
	if (body.size)
		ov_buf_printf(&txn->message, "%s\n", body.ptr);
	ov_msg_trailer(&txn->message, "Agreement", op->id);
	ov_msg_trailer(&txn->message, "Event", op->event);
	ov_msg_trailer(&txn->message, "Date", date);
	ov_msg_trailer(&txn->message, "Actor", actor->email);
	{
		ov_buf pt = OV_BUF_INIT;
		ov_buf_printf(&pt, "%s -> %s", phase, next ? next : phase);
		ov_msg_trailer(&txn->message, "Phase", pt.ptr);
		ov_buf_dispose(&pt);
	}
	ov_msg_trailer(&txn->message, "Version", version);
	if (trailers.size)
		ov_buf_puts(&txn->message, trailers.ptr);
done:
	free(wfid);
	free(phase);
	free(version);
	xmlFreeDoc(doc);
	ov_workflow_free(wf);
	ov_person_free(actor);
	ov_buf_dispose(&path);
	ov_buf_dispose(&headline);
	ov_buf_dispose(&body);
	ov_buf_dispose(&trailers);
	ov_buf_dispose(&missing);
	return err;
}

static int frozen_refusal(const ov_workflow *wf, const char *id, const char *phase)
{
	ov_buf b = OV_BUF_INIT;
	int err;

	ov_buf_printf(&b, "%s: the text cannot be changed in phase ", id);
	phase_desc(&b, wf, phase);
	if (!strcmp(phase, "signering"))
		ov_buf_puts(&b, "; it is frozen for signing (overens cancel-signing to change it)");
	else if (!strcmp(phase, "aktivt"))
		ov_buf_puts(&b, "; changes to an active agreement need an amendment (overens amend)");
	err = ov_error_set(OV_EGUARD, "%s", b.ptr);
	ov_buf_dispose(&b);
	return err;
}

/* Records a changed field in the open amendment, if the agreement has one. */
static void note_amendment(xmlDocPtr doc, const char *field, const char *old, const char *value)
{
	xmlNodePtr am = last_element(ov_xml_child(xmlDocGetRootElement(doc), "amendments"),
				     "amendment"), c;
	char *status = am ? ov_xml_attr(am, "status") : NULL;

	if (status && !strcmp(status, "proposed")) {
		c = ov_xml_add_child(am, "change", NULL);
		set_attr(c, "field", field);
		ov_xml_add_child(c, "old", old ? old : "");
		ov_xml_add_child(c, "new", value ? value : "");
	}
	free(status);
}

/* Common part of set and import: actor, phase and role checks. */
static int prepare_edit(ov_txn *txn, change_op *op, ov_person **actor, xmlDocPtr *doc,
			ov_buf *path, ov_workflow **wf, char **phase)
{
	char *wfid;
	const ov_wf_phase *ph;
	int err;

	if ((err = ov_person_load(actor, txn, op->actor)) < 0 ||
	    (err = ov_agreement_load(doc, path, txn, op->id)) < 0)
		return err;
	txn->author_name = strdup((*actor)->name);
	wfid = ov_xml_attr(xmlDocGetRootElement(*doc), "workflow");
	*phase = ov_xml_attr(ov_xml_child(xmlDocGetRootElement(*doc), "state"), "phase");
	err = ov_workflow_load(wf, txn, wfid ? wfid : "", 0);
	free(wfid);
	if (err < 0)
		return err;
	ph = ov_workflow_phase(*wf, *phase);
	if (!ph || ph->frozen)
		return frozen_refusal(*wf, op->id, *phase ? *phase : "?");
	return ov_check_actor(*doc, *actor, "official board steering", 0, NULL, "set");
}

static int set_txn(ov_txn *txn, void *payload)
{
	change_op *op = payload;
	ov_workflow *wf = NULL;
	ov_person *actor = NULL;
	xmlDocPtr doc = NULL;
	ov_buf path = OV_BUF_INIT;
	char *phase = NULL, *old = NULL, date[11];
	const ov_wf_field *f;
	ov_date d;
	int err;

	if ((err = ov_resolve_date(&d, date, op->date)) < 0 ||
	    (err = prepare_edit(txn, op, &actor, &doc, &path, &wf, &phase)) < 0)
		goto done;
	if (!(f = ov_workflow_field(wf, op->field))) {
		ov_buf known = OV_BUF_INIT;
		for (size_t i = 0; i < wf->nfields; i++)
			ov_buf_printf(&known, "%s%s", i ? ", " : "", wf->fields[i].name);
		err = ov_error_set(OV_ENOTFOUND, "unknown field '%s' in workflow %s (fields: %s)",
				   op->field, wf->id, known.ptr ? known.ptr : "none");
		ov_buf_dispose(&known);
		goto done;
	}
	err = op->value ? ov_agreement_field_set(doc, wf, f, op->value, &old)
			: ov_agreement_field_unset(doc, f, &old);
	if (err < 0)
		goto done;
	note_amendment(doc, f->name, old, op->value);
	if ((err = ov_agreement_compute_dates(doc, wf)) < 0 ||
	    (err = ov_agreement_save(txn, doc, path.ptr)) < 0)
		goto done;
	ov_buf_printf(&txn->message, "set: %s %s\n\n%s: ", op->id, f->label, f->name);
	excerpt(&txn->message, old);
	ov_buf_puts(&txn->message, " -> ");
	excerpt(&txn->message, op->value);
	ov_buf_puts(&txn->message, "\n\n");
	ov_msg_trailer(&txn->message, "Agreement", op->id);
	ov_msg_trailer(&txn->message, "Event", op->value ? "set" : "unset");
	ov_msg_trailer(&txn->message, "Date", date);
	ov_msg_trailer(&txn->message, "Actor", actor->email);
	{
		ov_buf pt = OV_BUF_INIT;
		ov_buf_printf(&pt, "%s -> %s", phase, phase);
		ov_msg_trailer(&txn->message, "Phase", pt.ptr);
		ov_buf_dispose(&pt);
	}
	ov_msg_trailer(&txn->message, "Field", f->name);
done:
	free(phase);
	free(old);
	xmlFreeDoc(doc);
	ov_workflow_free(wf);
	ov_person_free(actor);
	ov_buf_dispose(&path);
	return err;
}

static int import_txn(ov_txn *txn, void *payload)
{
	change_op *op = payload;
	ov_workflow *wf = NULL;
	ov_person *actor = NULL;
	xmlDocPtr doc = NULL, in = NULL;
	ov_buf path = OV_BUF_INIT, changes = OV_BUF_INIT;
	char *phase = NULL, *in_id = NULL, *rng = NULL, date[11];
	size_t nchanged = 0;
	ov_date d;
	int err;

	if ((err = ov_resolve_date(&d, date, op->date)) < 0 ||
	    (err = prepare_edit(txn, op, &actor, &doc, &path, &wf, &phase)) < 0)
		goto done;
	if ((err = ov_xml_parse_memory(&in, op->data, op->len, op->name)) < 0)
		goto done;
	if (strcmp((const char *)xmlDocGetRootElement(in)->name, "agreement")) {
		err = ov_error_set(OV_EINVALID, "%s:%d: the root element must be <agreement>",
				   op->name, (int)xmlGetLineNo(xmlDocGetRootElement(in)));
		goto done;
	}
	rng = ov_workspace_data_path(txn->ws, "templates/agreement.rng");
	if ((err = ov_rng_validate(in, rng, op->name)) < 0)
		goto done;
	in_id = ov_xml_attr(xmlDocGetRootElement(in), "id");
	if (!in_id || strcmp(in_id, op->id)) {
		err = ov_error_set(OV_EINVALID, "%s: the file is agreement %s, not %s", op->name,
				   in_id ? in_id : "(no id)", op->id);
		goto done;
	}
	/* Take every declared field the file fills; lifecycle data stays ours. */
	for (size_t i = 0; i < wf->nfields; i++) {
		const ov_wf_field *f = &wf->fields[i];
		char *want = NULL, *have = NULL;
		if ((err = ov_agreement_field_get(&want, in, f)) < 0 ||
		    (err = ov_agreement_field_get(&have, doc, f)) < 0) {
			free(want);
			free(have);
			goto done;
		}
		if (*want && strcmp(want, have)) {
			if (f->type && !strcmp(f->type, "list")) {
				char *save = NULL, *tok, *copy = strdup(want);
				err = ov_agreement_field_unset(doc, f, NULL);
				for (tok = strtok_r(copy, "\n", &save); tok && err >= 0;
				     tok = strtok_r(NULL, "\n", &save))
					err = ov_agreement_field_set(doc, wf, f, tok, NULL);
				free(copy);
			} else {
				err = ov_agreement_field_set(doc, wf, f, want, NULL);
			}
			if (err >= 0) {
				note_amendment(doc, f->name, have, want);
				ov_buf_printf(&changes, "%s: ", f->name);
				excerpt(&changes, have);
				ov_buf_puts(&changes, " -> ");
				excerpt(&changes, want);
				ov_buf_putc(&changes, '\n');
				nchanged++;
			}
		}
		free(want);
		free(have);
		if (err < 0)
			goto done;
	}
	if (!nchanged) {
		err = ov_error_set(OV_EINVALID, "%s: nothing to import (no field differs)", op->name);
		goto done;
	}
	if ((err = ov_agreement_compute_dates(doc, wf)) < 0 ||
	    (err = ov_agreement_save(txn, doc, path.ptr)) < 0)
		goto done;
	ov_buf_printf(&txn->message, "import: %s %zu fält från %s\n\n%s\n", op->id, nchanged,
		      op->name, changes.ptr);
	ov_msg_trailer(&txn->message, "Agreement", op->id);
	ov_msg_trailer(&txn->message, "Event", "import");
	ov_msg_trailer(&txn->message, "Date", date);
	ov_msg_trailer(&txn->message, "Actor", actor->email);
	{
		ov_buf pt = OV_BUF_INIT;
		ov_buf_printf(&pt, "%s -> %s", phase, phase);
		ov_msg_trailer(&txn->message, "Phase", pt.ptr);
		ov_buf_dispose(&pt);
	}
done:
	free(phase);
	free(in_id);
	free(rng);
	xmlFreeDoc(doc);
	xmlFreeDoc(in);
	ov_workflow_free(wf);
	ov_person_free(actor);
	ov_buf_dispose(&path);
	ov_buf_dispose(&changes);
	return err;
}

static int run_change(ov_workspace *ws, change_op *op, ov_txn_fn fn)
{
	if (!op->actor || !*op->actor)
		return ov_error_set(OV_EINVALID,
			"no acting person: give --as EMAIL or set user.email");
	return ov_engine_transact(ws, op->actor, fn, op);
}

int ov_agreement_set(ov_workspace *ws, const char *actor, const char *id,
		     const char *field, const char *value, const char *date)
{
	change_op op = { .actor = actor, .id = id, .field = field, .value = value, .date = date };
	return run_change(ws, &op, set_txn);
}

int ov_agreement_import(ov_workspace *ws, const char *actor, const char *id,
			const char *data, size_t len, const char *name, const char *date)
{
	change_op op = { .actor = actor, .id = id, .data = data, .len = len, .name = name,
			 .date = date };
	return run_change(ws, &op, import_txn);
}

int ov_agreement_event(ov_workspace *ws, const char *actor, const char *id,
		       const char *event, const ov_param *params, size_t nparams,
		       const char *date)
{
	change_op op = { .actor = actor, .id = id, .event = event, .params = params,
			 .nparams = nparams, .date = date };
	return run_change(ws, &op, event_txn);
}

int ov_agreement_event_with_files(ov_workspace *ws, const char *actor, const char *id,
				  const char *event, const ov_param *params, size_t nparams,
				  const char *date, const ov_repo_file *files, size_t nfiles)
{
	change_op op = { .actor = actor, .id = id, .event = event, .params = params,
			 .nparams = nparams, .date = date, .extra = files, .nextra = nfiles };
	return run_change(ws, &op, event_txn);
}

int ov_agreement_event_hook(ov_workspace *ws, const char *actor, const char *id,
			    const char *event, const ov_param *params, size_t nparams,
			    const char *date, ov_event_hook hook, void *payload)
{
	change_op op = { .actor = actor, .id = id, .event = event, .params = params,
			 .nparams = nparams, .date = date, .hook = hook, .hook_payload = payload };
	return run_change(ws, &op, event_txn);
}
