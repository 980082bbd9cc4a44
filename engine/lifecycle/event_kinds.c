/*
 * event_kinds.c - one handler per kind of lifecycle event, and the table
 * that finds them by name (see event_kinds.h for what a handler does and
 * what events.c does around it).
 *
 *   contact         <contact> with whom, notes
 *   decide          a party's <decision> (body, minutes, outcome)
 *   needs, assign   nothing but the step itself
 *   sign            a <signature> by a registered authorised signatory
 *   cancel-signing  drops the signatures; a signed text's version is spent
 *   followup        a <followup> answering the phase's questions, counted for
 *                   the scheduled date it matches (@for); terminate ends the
 *                   agreement at the end of the term in force
 *   renew           an explicit renewal: the term's end moves by the period
 *   amend           a proposed <amendment> (version n to n+1)
 *   approve         a party's <approval>; all approved: the new version
 *   terminate       the <termination> with its effective date; where the
 *                   workflow lets a party leave, its <departure> and the
 *                   amendment that the remaining parties approve
 *   end             checks that the termination has taken effect
 *   (any other)     a step the workflow declares: a <step> under <steps>
 *                   with the fields set with it
 *
 * Documents stay Swedish: headlines and body lines are the commit's
 * message, which `overens log` shows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "overens/agreement.h"
#include "overens/date.h"
#include "overens/error.h"
#include "overens/i18n.h"
#include "engine/lifecycle/agreement.h"
#include "engine/lifecycle/engine.h"
#include "engine/lifecycle/event_kinds.h"
#include "engine/lifecycle/term.h"
#include "engine/base/words.h"
#include "engine/base/xmlsafe.h"

/* --- helpers ------------------------------------------------------------------ */

const char *ov_event_param(const ov_event_ctx *c, const char *key)
{
	return ov_param_get(c->params, c->nparams, key);
}

#define param ov_event_param

void ov_msg_excerpt(ov_buf *b, const char *value)
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

static void set_attr(xmlNodePtr n, const char *name, const char *value)
{
	xmlSetProp(n, (const xmlChar *)name, (const xmlChar *)value);
}

/* "Umeå kommun" or, for a unit of it, "Umeå kommun, Socialtjänsten" (free()). */
static char *party_name(xmlDocPtr doc, const char *role)
{
	xmlNodePtr p = ov_party_by_role(doc, role), u = p ? ov_xml_child(p, "unit") : NULL;
	ov_buf b = OV_BUF_INIT;
	char *name, *unit;

	if (!p)
		return strdup(role ? role : "");
	name = ov_xml_text(ov_xml_child(p, "name"));
	if (!u)
		return name;
	unit = ov_xml_text(u);
	ov_buf_printf(&b, "%s, %s", name, unit);
	free(name);
	free(unit);
	return ov_buf_detach(&b);
}

static int count_elements(xmlNodePtr parent, const char *name)
{
	int n = 0;

	for (xmlNodePtr c = parent ? parent->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, name))
			n++;
	return n;
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

/* The role of the (first) party the actor acts for (free()), or NULL. */
static char *my_role(xmlDocPtr doc, const ov_person *actor)
{
	return ov_actor_party_role(doc, actor, 0);
}

/* --- contact, decide, needs, assign --------------------------------------------- */

static int record_contact(ov_event_ctx *c)
{
	const char *with = param(c, "with"), *notes = param(c, "notes");
	char *role = my_role(c->doc, c->actor);
	xmlNodePtr n = ov_xml_ensure_child(c->root, "contact");
	int err = OV_OK;

	set_attr(n, "date", c->date);
	set_attr(n, "party", c->party ? c->party : role);
	set_attr(n, "by", c->actor->email);
	free(role);
	if ((with && (err = ov_value_check("text", with, "--with")) < 0) ||
	    (notes && (err = ov_value_check("text", notes, "--notes")) < 0))
		return err;
	if (with)
		ov_xml_set_text(ov_xml_ensure_child(n, "with"), with);
	if (notes)
		ov_xml_set_text(ov_xml_ensure_child(n, "notes"), notes);
	ov_buf_printf(c->headline, "kontakt tagen %s", c->date);
	if (with)
		ov_msg_trailer(c->trailers, "With", with);
	return OV_OK;
}

/* The deciding body the workflow names for the party's role, or NULL. */
static const char *default_body(const ov_event_ctx *c)
{
	char *prole = ov_xml_attr(ov_party_by_role(c->doc, c->party), "role");
	const ov_wf_party *rule = prole ? ov_workflow_party(c->wf, prole) : NULL;

	free(prole);
	return rule ? rule->body : NULL;
}

static int record_decide(ov_event_ctx *c)
{
	const char *body_name = param(c, "body"), *minutes = param(c, "minutes");
	const char *outcome = param(c, "outcome"), *text = param(c, "text");
	xmlNodePtr decisions = ov_xml_ensure_child(c->root, "decisions"), n;
	char *pname;
	int err;

	if (element_with(decisions, "decision", "party", c->party))
		return ov_error_set(OV_EGUARD, "%s: the decision of party '%s' is already recorded",
				    c->id, c->party);
	if (!minutes || !*minutes)
		return ov_error_set(OV_EINVALID,
			"decide: give the minutes reference with --minutes (e.g. \"§ 12\")");
	if (!outcome)
		outcome = "bifall";
	if (strcmp(outcome, "bifall") && strcmp(outcome, "avslag"))
		return ov_error_set(OV_EINVALID, "decide: --outcome is bifall or avslag, not '%s'",
				    outcome);
	if (!body_name || !*body_name)
		body_name = default_body(c);
	if (!body_name)
		return ov_error_set(OV_EINVALID, "decide: name the deciding body with --body");
	if ((err = ov_value_check("text", body_name, "--body")) < 0 ||
	    (err = ov_value_check("text", minutes, "--minutes")) < 0 ||
	    (text && (err = ov_value_check("text", text, "--text")) < 0))
		return err;
	n = ov_xml_add_child(decisions, "decision", NULL);
	set_attr(n, "party", c->party);
	set_attr(n, "body", body_name);
	set_attr(n, "date", c->date);
	set_attr(n, "minutes", minutes);
	set_attr(n, "outcome", outcome);
	if (text)
		ov_xml_add_child(n, "text", text);
	pname = party_name(c->doc, c->party);
	ov_buf_printf(c->headline, "beslut hos %s (%s %s, %s)", pname, body_name, minutes, outcome);
	free(pname);
	ov_msg_trailer(c->trailers, "Body", body_name);
	ov_msg_trailer(c->trailers, "Minutes", minutes);
	ov_msg_trailer(c->trailers, "Outcome", outcome);
	return OV_OK;
}

static int record_needs(ov_event_ctx *c)
{
	ov_buf_puts(c->headline, "behovskartläggningen klar");
	return OV_OK;
}

/* Ready for signing only when the step leads to a phase where parties sign. */
static int record_assign(ov_event_ctx *c)
{
	const ov_wf_phase *to = c->st->to ? ov_workflow_phase(c->wf, c->st->to) : NULL;

	ov_buf_puts(c->headline, "gränsdragningar och uppdrag klara");
	if (to && ov_workflow_step(to, "sign"))
		ov_buf_puts(c->headline, ", redo för undertecknande");
	return OV_OK;
}

/* --- sign, cancel-signing ---------------------------------------------------------- */

/* The party's authorised signatory named `signatory` (or its only one). */
static int find_signatory(xmlNodePtr *out, const ov_event_ctx *c, const char *signatory)
{
	xmlNodePtr pnode = ov_party_by_role(c->doc, c->party), s;
	int nsig = 0;

	*out = NULL;
	for (s = pnode ? pnode->children : NULL; s; s = s->next) {
		char *nm;
		if (s->type != XML_ELEMENT_NODE || strcmp((const char *)s->name, "signatory"))
			continue;
		nsig++;
		nm = ov_xml_text(ov_xml_child(s, "name"));
		if (!signatory || !strcmp(nm, signatory)) {
			if (!*out || signatory)
				*out = s;
		}
		free(nm);
	}
	if (!nsig)
		return ov_error_set(OV_EGUARD,
			"%s: party '%s' has no registered authorised signatory (overens org signatory)",
			c->id, c->party);
	if (!signatory && nsig > 1)
		return ov_error_set(OV_EINVALID,
			"sign: party '%s' has %d authorised signatories; name one with --signatory",
			c->party, nsig);
	if (!*out)
		return ov_error_set(OV_EDENIED,
			"sign: '%s' is not an authorised signatory of party '%s'", signatory, c->party);
	return OV_OK;
}

static int record_sign(ov_event_ctx *c)
{
	const char *place = param(c, "place");
	xmlNodePtr sigs = ov_xml_ensure_child(c->root, "signatures"), found, n;
	char *defplace = NULL, *nm = NULL, *title = NULL, *pname = NULL;
	int err;

	if (element_with(sigs, "signature", "party", c->party))
		return ov_error_set(OV_EGUARD, "%s: party '%s' has already signed", c->id, c->party);
	if ((err = find_signatory(&found, c, param(c, "signatory"))) < 0)
		return err;
	defplace = ov_xml_text(ov_xml_child(c->root, "place"));
	if (!place || !*place)
		place = defplace && *defplace ? defplace : NULL;
	if (!place) {
		err = ov_error_set(OV_EINVALID, "sign: give the place with --place");
		goto done;
	}
	nm = ov_xml_text(ov_xml_child(found, "name"));
	title = ov_xml_text(ov_xml_child(found, "title"));
	n = ov_xml_add_child(sigs, "signature", NULL);
	set_attr(n, "party", c->party);
	set_attr(n, "name", nm);
	set_attr(n, "title", title);
	set_attr(n, "place", place);
	set_attr(n, "date", c->date);
	pname = party_name(c->doc, c->party);
	ov_buf_printf(c->headline, "undertecknat för %s av %s", pname, nm);
	ov_msg_trailer(c->trailers, "Signatory", nm);
	ov_msg_trailer(c->trailers, "Place", place);
done:
	free(defplace);
	free(nm);
	free(title);
	free(pname);
	return err;
}

static int record_cancel_signing(ov_event_ctx *c)
{
	xmlNodePtr sigs = ov_xml_child(c->root, "signatures");

	if (sigs && xmlFirstElementChild(sigs)) {
		/* A text that someone signed stays that version; edits make the next. */
		char *v = ov_xml_attr(c->root, "version"), buf[16];
		snprintf(buf, sizeof(buf), "%d", (v ? atoi(v) : 1) + 1);
		set_attr(c->root, "version", buf);
		ov_buf_printf(c->body, "Påbörjade underskrifter makuleras; nästa text blir version %s\n",
			      buf);
		free(v);
	}
	remove_child(c->root, "signatures");
	ov_buf_puts(c->headline, "undertecknandet avbryts, texten kan ändras igen");
	return OV_OK;
}

/* --- followup ------------------------------------------------------------------------ */

/* The answer to follow-up question `key`, or NULL. */
static const char *answer_to(const ov_event_ctx *c, const char *key)
{
	ov_buf k = OV_BUF_INIT;
	const char *answer;

	ov_buf_printf(&k, "answer.%s", key);
	answer = param(c, k.ptr);
	ov_buf_dispose(&k);
	return answer;
}

/* Refuses answers to questions the phase does not ask. */
/* Refuses an answer to a question that is not asked, and one given twice. */
static int check_answers(const ov_event_ctx *c)
{
	for (size_t i = 0; i < c->nparams; i++) {
		int known = 0;
		if (strncmp(c->params[i].key, "answer.", 7))
			continue;
		for (size_t j = 0; j < i; j++)
			if (!strcmp(c->params[j].key, c->params[i].key))
				return ov_error_set(OV_EINVALID,
					"followup: question '%s' is answered twice ('%s' and "
					"'%s'); give one --answer %s=…", c->params[i].key + 7,
					c->params[j].value, c->params[i].value,
					c->params[i].key + 7);
		for (size_t j = 0; j < c->ph->nfollowup; j++)
			known |= !strcmp(c->params[i].key + 7, c->ph->followup[j].key);
		if (!known)
			return ov_error_set(OV_EINVALID,
				"followup: no follow-up question '%s' in this workflow",
				c->params[i].key + 7);
	}
	return OV_OK;
}

static int refuse_unanswered(const ov_event_ctx *c, size_t missing)
{
	ov_buf m = OV_BUF_INIT;
	int err;

	for (size_t i = 0; i < c->ph->nfollowup; i++) {
		const char *a = answer_to(c, c->ph->followup[i].key);
		if (!a || !*a)
			ov_buf_printf(&m, "  - %s (--answer %s=…)\n", c->ph->followup[i].text,
				      c->ph->followup[i].key);
	}
	err = ov_error_set(OV_EGUARD,
		"%s: the follow-up cannot be recorded; %zu unanswered question%s:\n%s",
		c->id, missing, missing == 1 ? "" : "s", m.ptr);
	ov_buf_dispose(&m);
	return err;
}

/* The agreement's term rules, refused when it has no term start. */
static int term_rules(ov_term_rules *r, const ov_event_ctx *c)
{
	if (ov_term_rules_read(r, c->doc, c->wf) < 0)
		return ov_error_set(OV_EGUARD, "%s: the agreement has no term start (avtalstid.start)",
				    c->id);
	return OV_OK;
}

static int event_date(ov_date *d, const ov_event_ctx *c)
{
	return ov_date_parse(d, c->date);
}

/*
 * The follow-up just added (the last one) counts for the scheduled date it
 * matches (term.c): @for, a For: trailer and the headline say which.
 */
static int followup_match(ov_event_ctx *c, xmlNodePtr fu)
{
	ov_term_rules r;
	ov_term_followups f;
	ov_date d;
	char buf[11];
	int err, m;

	if (ov_term_rules_read(&r, c->doc, c->wf) < 0 || event_date(&d, c) < 0) {
		ov_error_clear();
		ov_buf_printf(c->headline, "uppföljning %s", c->date);
		return OV_OK;
	}
	if ((err = ov_term_followups_match(&f, c->doc, &r, d)) < 0)
		return err;
	m = f.nrec ? f.match[f.nrec - 1] : -1;
	if (m >= 0) {
		ov_date_format(buf, f.sched[m]);
		set_attr(fu, "for", buf);
		ov_msg_trailer(c->trailers, "For", buf);
		ov_buf_printf(c->headline, "uppföljning %s, för den planerade %s", c->date, buf);
	} else {
		ov_buf_printf(c->headline, "uppföljning %s, utöver de planerade", c->date);
	}
	ov_term_followups_dispose(&f);
	return OV_OK;
}

/* The parties decided to stop: the agreement ends when the term in force does. */
static void followup_terminate(ov_event_ctx *c)
{
	xmlNodePtr term = ov_xml_child(c->root, "term"), t;
	char *notice = ov_xml_attr(term, "notice"), *role = my_role(c->doc, c->actor), e[11];
	ov_term_rules r;
	ov_date d;

	snprintf(e, sizeof(e), "%s", c->date);
	if (ov_term_rules_read(&r, c->doc, c->wf) == OV_OK && event_date(&d, c) == OV_OK)
		ov_date_format(e, ov_term_end_asof(&r, d));
	ov_error_clear();
	t = ov_xml_add_child(c->root, "termination", NULL);
	set_attr(t, "party", role);
	set_attr(t, "date", c->date);
	set_attr(t, "immediate", "no");
	set_attr(t, "notice", notice ? notice : "P1M");
	set_attr(t, "effective", e);
	set_attr(t, "by", c->actor->email);
	ov_xml_add_child(t, "reason", "Parterna beslutade vid uppföljningen att avsluta samarbetet när avtalstiden löper ut.");
	ov_buf_printf(c->body, "Avtalet upphör %s\n", e);
	free(notice);
	free(role);
}

static int record_followup(ov_event_ctx *c)
{
	const char *decision = param(c, "decision");
	xmlNodePtr fus = ov_xml_ensure_child(c->root, "followups"), n, a;
	size_t missing = 0;
	int err;

	if (!decision || (strcmp(decision, "continue") && strcmp(decision, "amend") &&
			  strcmp(decision, "terminate")))
		return ov_error_set(OV_EINVALID, "followup: --decision is continue, amend or terminate");
	n = ov_xml_add_child(fus, "followup", NULL);
	set_attr(n, "date", c->date);
	set_attr(n, "decision", decision);
	for (size_t i = 0; i < c->ph->nfollowup; i++) {
		const ov_wf_question *q = &c->ph->followup[i];
		const char *answer = answer_to(c, q->key);
		if (!answer || !*answer) {
			missing++;
			continue;
		}
		if ((err = ov_value_check("text", answer, q->key)) < 0)
			return err;
		a = ov_xml_add_child(n, "answer", answer);
		set_attr(a, "id", q->key);
		set_attr(a, "question", q->text);
	}
	if ((err = check_answers(c)) < 0)
		return err;
	if (missing)
		return refuse_unanswered(c, missing);
	/* A follow-up records the parties' answers and decision; only a renewal moves the term. */
	if ((err = followup_match(c, n)) < 0)
		return err;
	ov_buf_printf(c->headline, ", beslut: %s", decision);
	ov_msg_trailer(c->trailers, "Decision", decision);
	if (!strcmp(decision, "terminate"))
		followup_terminate(c);
	return OV_OK;
}

/* --- amend, approve ---------------------------------------------------------------------- */

/*
 * A proposed <amendment> by party `role` from the document's version to
 * the next; *from is that version.  Its summary is the caller's.
 */
static xmlNodePtr propose_amendment(ov_event_ctx *c, const char *role, int *from)
{
	xmlNodePtr ams = ov_xml_ensure_child(c->root, "amendments"), n;
	char *version = ov_xml_attr(c->root, "version"), buf[16];
	int v = version ? atoi(version) : 1;

	free(version);
	n = ov_xml_add_child(ams, "amendment", NULL);
	snprintf(buf, sizeof(buf), "%d", count_elements(ams, "amendment"));
	set_attr(n, "n", buf);
	snprintf(buf, sizeof(buf), "%d", v);
	set_attr(n, "from-version", buf);
	snprintf(buf, sizeof(buf), "%d", v + 1);
	set_attr(n, "to-version", buf);
	set_attr(n, "date", c->date);
	set_attr(n, "party", role);
	set_attr(n, "status", "proposed");
	*from = v;
	return n;
}

static int record_amend(ov_event_ctx *c)
{
	const char *summary = param(c, "summary");
	xmlNodePtr n;
	char *role;
	int v, err;

	if (!summary || !*summary)
		return ov_error_set(OV_EINVALID, "amend: describe the change with --summary");
	if ((err = ov_value_check("text", summary, "--summary")) < 0)
		return err;
	role = my_role(c->doc, c->actor);
	n = propose_amendment(c, role, &v);
	ov_xml_add_child(n, "summary", summary);
	ov_buf_printf(c->headline, "ändring föreslås (version %d till %d)", v, v + 1);
	free(role);
	return OV_OK;
}

static int record_approve(ov_event_ctx *c)
{
	xmlNodePtr am = ov_xml_last_child(ov_xml_child(c->root, "amendments"), "amendment"), a;
	char *status = ov_xml_attr(am, "status"), *pname;
	int open = status && !strcmp(status, "proposed");

	free(status);
	if (!am || !open)
		return ov_error_set(OV_EGUARD, "%s: there is no proposed amendment to approve", c->id);
	if (element_with(am, "approval", "party", c->party))
		return ov_error_set(OV_EGUARD, "%s: party '%s' has already approved the amendment",
				    c->id, c->party);
	a = ov_xml_add_child(am, "approval", NULL);
	set_attr(a, "party", c->party);
	set_attr(a, "date", c->date);
	set_attr(a, "by", c->actor->email);
	pname = party_name(c->doc, c->party);
	ov_buf_printf(c->headline, "ändringen godkänd av %s", pname);
	free(pname);
	if (count_elements(am, "approval") ==
	    count_elements(ov_xml_child(c->root, "parties"), "party")) {
		char *to = ov_xml_attr(am, "to-version");
		set_attr(am, "status", "approved");
		set_attr(c->root, "version", to);
		remove_child(c->root, "signatures");
		ov_buf_printf(c->body, "Alla parter har godkänt; version %s ska undertecknas\n", to);
		ov_msg_trailer(c->trailers, "New-Version", to);
		free(to);
	}
	return OV_OK;
}

/* --- terminate, end -------------------------------------------------------------------------- */

/*
 * The day the termination takes effect: now, or by the notice rule in the
 * agreement's mode (ov_term_notice_end).  An expired term cannot be given
 * notice.
 */
static int effective_date(char buf[11], const ov_event_ctx *c, const char *notice, int imm)
{
	ov_term_rules r;
	ov_period p = c->wf->notice;
	ov_date d;
	int err, has_term;

	if (notice && (err = ov_period_parse(&p, notice)) < 0)
		return err;
	if ((err = event_date(&d, c)) < 0)
		return err;
	has_term = ov_term_rules_read(&r, c->doc, c->wf) == OV_OK;
	if (has_term && ov_term_expired(&r, d)) {
		ov_date_format(buf, r.end);
		return ov_error_set(OV_EGUARD,
			"%s: the term ended on %s without renewal; the agreement has expired and "
			"cannot be terminated", c->id, buf);
	}
	if (!imm)
		d = ov_term_notice_end(has_term ? &r : NULL, d, &p);
	ov_date_format(buf, d);
	return OV_OK;
}

/* --- renew -------------------------------------------------------------------------------- */

/* Only the term in force is renewed: once renewed, the next renewal waits for its period. */
static int renewed_already(const ov_event_ctx *c, ov_date d, const char *end)
{
	xmlNodePtr last = ov_xml_last_child(ov_xml_child(c->root, "renewals"), "renewal");
	char *from = ov_xml_attr(last, "from");
	ov_date f;
	int err = OV_OK;

	if (from && ov_date_parse(&f, from) < 0)
		ov_error_clear();
	else if (from && ov_date_cmp(d, f) <= 0)
		err = ov_error_set(OV_EGUARD, "%s: the term is already renewed until %s", c->id, end);
	free(from);
	return err;
}

/*
 * An explicit renewal: the term's end moves by the renewal period (the
 * workflow allows the step only for a term renewed explicitly; see
 * workflow.c).  Refused before the agreement has come into force (the
 * step is declared while an amendment or a party's leaving is signed, too),
 * after the term has ended and once notice is given.
 */
static int record_renew(ov_event_ctx *c)
{
	xmlNodePtr term = ov_xml_child(c->root, "term"), n;
	char from[11], to[11];
	ov_term_rules r;
	ov_date d, e;
	int err;

	if ((err = term_rules(&r, c)) < 0 || (err = event_date(&d, c)) < 0)
		return err;
	if (!ov_term_in_force(c->doc))
		return ov_error_set(OV_EGUARD, "%s: the agreement has not come into force (not every "
				    "party has signed it); only a term in force can be renewed", c->id);
	ov_date_format(from, r.end);
	if (r.kind != OV_RENEW_EXPLICIT)
		return ov_error_set(OV_EGUARD, "%s: the term renews %s, not by a recorded renewal",
				    c->id, ov_workflow_renewal_name(r.kind));
	if (ov_xml_child(c->root, "termination"))
		return ov_error_set(OV_EGUARD, "%s: the agreement is terminated and cannot be renewed",
				    c->id);
	if (ov_date_cmp(d, r.end) > 0)
		return ov_error_set(OV_EGUARD,
			"%s: the term ended on %s; an expired agreement cannot be renewed", c->id, from);
	if ((err = renewed_already(c, d, from)) < 0)
		return err;
	e = ov_term_renewed_end(&r);
	ov_date_format(to, e);
	set_attr(term, "end", to);
	n = ov_xml_add_child(ov_xml_ensure_child(c->root, "renewals"), "renewal", NULL);
	set_attr(n, "date", c->date);
	set_attr(n, "from", from);
	set_attr(n, "to", to);
	set_attr(n, "by", c->actor->email);
	ov_buf_printf(c->headline, "avtalet förnyas till och med %s", to);
	ov_buf_printf(c->body, "Avtalstiden förlängs från %s till och med %s\n", from, to);
	ov_msg_trailer(c->trailers, "Term-End", to);
	return OV_OK;
}

static int record_terminate(ov_event_ctx *c)
{
	const char *immediate = param(c, "immediate"), *reason = param(c, "reason");
	char *notice = NULL, *pname = NULL, buf[11];
	int imm = immediate && !strcmp(immediate, "yes"), err;
	xmlNodePtr n;

	if (ov_xml_child(c->root, "termination"))
		return ov_error_set(OV_EGUARD, "%s: the agreement is already terminated", c->id);
	if (imm && (!reason || !*reason))
		return ov_error_set(OV_EINVALID,
			"terminate: immediate termination needs the reason (--reason)");
	if (reason && (err = ov_value_check("text", reason, "--reason")) < 0)
		return err;
	notice = ov_xml_attr(ov_xml_child(c->root, "term"), "notice");
	if ((err = effective_date(buf, c, notice, imm)) < 0)
		goto done;
	n = ov_xml_add_child(c->root, "termination", NULL);
	set_attr(n, "party", c->party);
	set_attr(n, "date", c->date);
	set_attr(n, "immediate", imm ? "yes" : "no");
	set_attr(n, "notice", notice ? notice : "P1M");
	set_attr(n, "effective", buf);
	set_attr(n, "by", c->actor->email);
	if (reason)
		ov_xml_add_child(n, "reason", reason);
	pname = party_name(c->doc, c->party);
	if (imm)
		ov_buf_printf(c->headline, "uppsagt med omedelbar verkan av %s", pname);
	else
		ov_buf_printf(c->headline, "uppsagt av %s, upphör %s", pname, buf);
	ov_msg_trailer(c->trailers, "Immediate", imm ? "yes" : "no");
	ov_msg_trailer(c->trailers, "Effective", buf);
	ov_msg_trailer(c->trailers, "Reason", reason);
done:
	free(notice);
	free(pname);
	return err;
}

/*
 * An expired agreement is closed as of its term's last day, whatever the
 * day of the event (events.c lets `end` close it from any phase).
 */
static int record_end_expired(ov_event_ctx *c, ov_date last)
{
	char buf[11];

	ov_date_format(buf, last);
	ov_buf_printf(c->headline, "avtalet har upphört %s (avtalstiden löpte ut utan förnyelse)",
		      buf);
	ov_msg_trailer(c->trailers, "Expired", buf);
	return OV_OK;
}

static int record_end(ov_event_ctx *c)
{
	char *eff = ov_xml_attr(ov_xml_child(c->root, "termination"), "effective");
	int err = OV_OK;
	ov_date d, last;

	if (!eff && event_date(&d, c) == OV_OK && ov_term_expired_doc(&last, c->doc, c->wf, d))
		return record_end_expired(c, last);
	if (eff && strcmp(c->date, eff) < 0)
		err = ov_error_set(OV_EGUARD, "%s: the agreement runs until %s; it cannot end on %s",
				   c->id, eff, c->date);
	else
		ov_buf_printf(c->headline, "avtalet har upphört %s", c->date);
	free(eff);
	return err;
}

/* --- a party leaves --------------------------------------------------------------------------- */

/*
 * Whether a party's notice ends only its participation: the workflow says
 * so (<parties leave="party">) and enough parties remain without it.
 */
static int notice_leaves(const ov_event_ctx *c)
{
	int n = count_elements(ov_xml_child(c->root, "parties"), "party");

	return c->wf->leave_party && n - 1 >= c->wf->min_parties;
}

/* A party leaves by an amendment; another one open first must be settled. */
static int refuse_open_amendment(const ov_event_ctx *c)
{
	xmlNodePtr am = ov_xml_last_child(ov_xml_child(c->root, "amendments"), "amendment");
	char *status = ov_xml_attr(am, "status"), *n = ov_xml_attr(am, "n");
	int err = OV_OK;

	if (status && !strcmp(status, "proposed"))
		err = ov_error_set(OV_EGUARD, "%s: party '%s' cannot leave while amendment %s is "
				   "proposed; the parties approve it first", c->id,
				   c->party ? c->party : "?", n ? n : "?");
	free(status);
	free(n);
	return err;
}

/* The amendment "NAME leaves" (version v to v+1) that the remaining parties approve. */
static void propose_leaving(ov_event_ctx *c, const char *pname, const char *effective)
{
	ov_buf summary = OV_BUF_INIT;
	int v;
	xmlNodePtr n = propose_amendment(c, c->party, &v);

	set_attr(n, "leaving", c->party);
	ov_buf_printf(&summary, "%s lämnar samverkan; deltagandet upphör %s. De övriga parterna "
		      "fortsätter enligt version %d, utan %s.", pname, effective, v + 1, pname);
	ov_xml_add_child(n, "summary", summary.ptr);
	ov_buf_dispose(&summary);
	ov_buf_printf(c->headline, "%s lämnar samverkan, deltagandet upphör %s; de övriga "
		      "parterna godkänner version %d utan %s", pname, effective, v + 1, pname);
}

/*
 * Turns the <termination> that record_terminate made (its effective date
 * is the terminate event's) into the party's <departure>: the party moves
 * from <parties> into it, and the remaining parties get the amendment.
 */
static int record_leave(ov_event_ctx *c)
{
	static const char *const attrs[] = { "party", "date", "immediate", "notice", "effective",
					     "by" };
	xmlNodePtr t = ov_xml_child(c->root, "termination"), party, dep, reason;
	char *pname = party_name(c->doc, c->party), *eff = NULL;

	party = ov_party_by_role(c->doc, c->party);
	if (!t || !party || !pname) {
		free(pname);
		return ov_error_set(OV_ERROR, "%s: no termination to turn into a departure", c->id);
	}
	dep = ov_xml_add_child(ov_xml_ensure_child(c->root, "departures"), "departure", NULL);
	for (size_t i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++) {
		char *v = ov_xml_attr(t, attrs[i]);
		if (v)
			set_attr(dep, attrs[i], v);
		free(v);
	}
	xmlUnlinkNode(party);
	xmlAddChild(dep, party);
	if ((reason = ov_xml_child(t, "reason")) != NULL) {
		xmlUnlinkNode(reason);
		xmlAddChild(dep, reason);
	}
	eff = ov_xml_attr(t, "effective");
	xmlUnlinkNode(t);
	xmlFreeNode(t);
	ov_buf_clear(c->headline);
	propose_leaving(c, pname, eff ? eff : c->date);
	ov_msg_trailer(c->trailers, "Leaving", c->party);
	free(eff);
	free(pname);
	return OV_OK;
}

/*
 * terminate: ends the agreement, or in a workflow where a party's notice
 * ends only its participation, records that the party leaves.
 */
static int record_terminate_or_leave(ov_event_ctx *c)
{
	int err;

	if (!notice_leaves(c))
		return record_terminate(c);
	if ((err = refuse_open_amendment(c)) < 0 || (err = record_terminate(c)) < 0)
		return err;
	return record_leave(c);
}

/* --- a step the workflow declares -------------------------------------------------------- */

/* Sets one "FIELD=VALUE" given with the step and notes it under the step's element. */
static int set_step_field(ov_event_ctx *c, xmlNodePtr step, const char *assignment)
{
	const char *eq = strchr(assignment, '=');
	const ov_wf_field *f;
	char *name = NULL, *old = NULL;
	int err = OV_OK;

	if (!eq || eq == assignment)
		return ov_error_set(OV_EINVALID, "%s: --set takes FIELD=VALUE, not '%s'",
				    c->event, assignment);
	if (!(name = strndup(assignment, (size_t)(eq - assignment))))
		return ov_error_set(OV_ENOMEM, "out of memory");
	if (!c->st->fields || !ov_word_in(c->st->fields, name)) {
		err = ov_error_set(OV_EINVALID, "%s: the step does not set field '%s' (it sets: %s)",
				   c->event, name, c->st->fields ? c->st->fields : _("none"));
		goto done;
	}
	if (!(f = ov_workflow_field(c->wf, name))) {
		err = ov_error_set(OV_EINVALID, "%s: unknown field '%s' in workflow %s",
				   c->event, name, c->wf->id);
		goto done;
	}
	/* As for set: never in a frozen text (the workflow check refuses this too). */
	if (c->ph->frozen) {
		err = ov_frozen_refusal(c->wf, c->id, c->ph->id);
		goto done;
	}
	if ((err = ov_agreement_field_set(c->doc, c->wf, f, eq + 1, &old)) < 0)
		goto done;
	ov_note_amendment(c->doc, f->name, old, eq + 1);
	xmlSetProp(ov_xml_add_child(step, "set", eq + 1), (const xmlChar *)"field",
		   (const xmlChar *)f->name);
	ov_buf_printf(c->body, "%s: ", f->name);
	ov_msg_excerpt(c->body, old);
	ov_buf_puts(c->body, " -> ");
	ov_msg_excerpt(c->body, eq + 1);
	ov_buf_putc(c->body, '\n');
	ov_msg_trailer(c->trailers, "Field", f->name);
done:
	free(name);
	free(old);
	return err;
}

static int record_step(ov_event_ctx *c)
{
	xmlNodePtr step;
	char *pname = NULL;
	int err;

	if (c->party && !ov_party_by_role(c->doc, c->party))
		return ov_error_set(OV_EINVALID, "%s: the agreement has no party '%s'",
				    c->event, c->party);
	step = ov_xml_add_child(ov_xml_ensure_child(c->root, "steps"), "step", NULL);
	set_attr(step, "event", c->event);
	set_attr(step, "date", c->date);
	set_attr(step, "by", c->actor->email);
	if (c->party)
		set_attr(step, "party", c->party);
	for (size_t i = 0; i < c->nparams; i++)
		if (!strcmp(c->params[i].key, "set") &&
		    (err = set_step_field(c, step, c->params[i].value)) < 0)
			return err;
	ov_buf_puts(c->headline, c->st->label ? c->st->label : c->event);
	if (c->party) {
		pname = party_name(c->doc, c->party);
		ov_buf_printf(c->headline, " (%s)", pname);
		free(pname);
	}
	return OV_OK;
}

/* --- the table ------------------------------------------------------------------------------- */

/*
 * Each kind's form: the params a person fills in, labelled in Swedish (the
 * followup's answers come from the phase's questions, see ov_step_inputs;
 * sign's signatory is chosen by the signing code).
 */
#define PARTY(req) { "party", "Part", "party", NULL, req }
static const ov_event_input no_inputs[] = { { NULL, NULL, NULL, NULL, 0 } };
static const ov_event_input contact_inputs[] = {
	{ "with", "Kontakt togs med", "text", NULL, 0 },
	{ "notes", "Anteckningar", "longtext", NULL, 0 },
	PARTY(0), { NULL, NULL, NULL, NULL, 0 } };
static const ov_event_input decide_inputs[] = {
	PARTY(1),
	{ "body", "Beslutande organ", "text", NULL, 0 },
	{ "minutes", "Protokollsparagraf", "text", NULL, 1 },
	{ "outcome", "Beslut", "choice", "bifall|Bifall\navslag|Avslag", 0 },
	{ "text", "Beslutets lydelse", "longtext", NULL, 0 },
	{ NULL, NULL, NULL, NULL, 0 } };
static const ov_event_input sign_inputs[] = {
	PARTY(1), { "place", "Ort", "text", NULL, 0 }, { NULL, NULL, NULL, NULL, 0 } };
static const ov_event_input followup_inputs[] = {
	{ "decision", "Beslut vid uppföljningen", "choice",
	  "continue|Fortsätt samarbetet\namend|Ändra avtalet\nterminate|Avsluta samarbetet", 1 },
	{ NULL, NULL, NULL, NULL, 0 } };
static const ov_event_input amend_inputs[] = {
	{ "summary", "Beskriv ändringen", "longtext", NULL, 1 }, { NULL, NULL, NULL, NULL, 0 } };
static const ov_event_input approve_inputs[] = { PARTY(1), { NULL, NULL, NULL, NULL, 0 } };
static const ov_event_input terminate_inputs[] = {
	PARTY(1),
	{ "immediate", "Med omedelbar verkan", "yesno", "yes|Ja\nno|Nej", 0 },
	{ "reason", "Skäl", "longtext", NULL, 0 },
	{ NULL, NULL, NULL, NULL, 0 } };
#undef PARTY

static const ov_event_kind kinds[] = {
	{ "contact", "with notes party", NULL, record_contact, "Första kontakt", contact_inputs },
	{ "decide", "party body minutes outcome text", NULL, record_decide, "Beslut",
	  decide_inputs },
	{ "needs", "", NULL, record_needs, "Behoven kartlagda", no_inputs },
	{ "assign", "", NULL, record_assign, "Uppdraget beskrivet", no_inputs },
	{ "sign", "party signatory place", NULL, record_sign, "Underteckna", sign_inputs },
	{ "cancel-signing", "", NULL, record_cancel_signing, "Avbryt undertecknandet",
	  no_inputs },
	{ "followup", "decision", "answer.", record_followup, "Uppföljning", followup_inputs },
	{ "amend", "summary", NULL, record_amend, "Föreslå ändring", amend_inputs },
	{ "approve", "party", NULL, record_approve, "Godkänn ändringen", approve_inputs },
	{ "renew", "", NULL, record_renew, "Förnya avtalet", no_inputs },
	{ "terminate", "party immediate reason", NULL, record_terminate_or_leave, "Säg upp",
	  terminate_inputs },
	{ "end", "", NULL, record_end, "Avsluta", no_inputs },
};

static const ov_event_kind generic = { "(step)", "party set", NULL, record_step, NULL,
				       no_inputs };

const ov_event_kind *ov_event_kind_find(const char *name)
{
	for (size_t i = 0; name && i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (!strcmp(kinds[i].name, name))
			return &kinds[i];
	return NULL;
}

int ov_event_builtin(const char *event)
{
	return ov_event_kind_find(event) != NULL;
}

const ov_event_kind *ov_event_kind_generic(void)
{
	return &generic;
}

int ov_event_kind_check_params(const ov_event_kind *k, const char *event,
			       const ov_param *params, size_t nparams)
{
	for (size_t j = 0; j < nparams; j++) {
		const char *key = params[j].key;
		if (k->key_prefix && !strncmp(key, k->key_prefix, strlen(k->key_prefix)))
			continue;
		if (!ov_word_in(k->keys, key))
			return ov_error_set(OV_EINVALID, "%s does not take --%s", event, key);
	}
	return OV_OK;
}

void ov_event_kinds_describe(ov_buf *out)
{
	int first = 1;

	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		if (!*kinds[i].keys && !kinds[i].key_prefix)
			continue;
		ov_buf_printf(out, "%s%s: %s", first ? "" : " | ", kinds[i].name, kinds[i].keys);
		if (kinds[i].key_prefix)
			ov_buf_printf(out, " %s*", kinds[i].key_prefix);
		first = 0;
	}
}
