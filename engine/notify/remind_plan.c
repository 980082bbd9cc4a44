/*
 * remind_plan.c - which reminders are due (see notify.h).
 *
 * Two sources, both per agreement:
 *
 *   the dates `overens due` lists (ov_due) in [today, window's end] whose
 *   kind the workflow names in a <remind>: one item on that date; and a
 *   date before today for a recipient the records hold a failed attempt
 *   for and no sent one: it is tried again for as long as `due` still
 *   lists it (a follow-up not yet recorded, an agreement not ended);
 *
 *   the steps of the current phase that each party takes (decide, sign,
 *   approve, declared party steps) and the workflow names in a <wait>: a
 *   party that has not taken it gets an item on the last day on or before
 *   today that is a whole number of `after` periods (at least one) after
 *   the agreement entered the phase.  So a decision waiting since
 *   2026-12-01 with after="P14D" is reminded on 2026-12-15, again on
 *   2026-12-29, and so on while it waits.
 *
 * Each item goes to the recipients its rule names (ov_remind_recipients);
 * an item already recorded as sent to a recipient is skipped.  An
 * agreement that cannot be read is left out and named in r->skipped.  Items for one
 * recipient, agreement and date make one mail: a mail is about one
 * agreement (its id, title and link in the subject), and what a person has
 * to do falls on that date.
 */
#include <stdlib.h>
#include <string.h>

#include "overens/error.h"
#include "overens/query.h"
#include "engine/lifecycle/engine.h"
#include "engine/notify/notify.h"
#include "engine/base/xmlsafe.h"

typedef struct plan {
	ov_remind_report *r;
	const ov_buf *records;
	const char *today;
	ov_person_info *people;
	size_t npeople;
	ov_txn txn;
} plan;

/* One agreement as the plan reads it. */
typedef struct agr {
	const char *id;
	xmlDocPtr doc;
	ov_workflow *wf;
	ov_remind_rules rules;
	char *title;
} agr;

int ov_remind_key(ov_buf *out, const char *agreement, const ov_remind_item *it, const char *rcpt)
{
	ov_buf_clear(out);
	return ov_buf_printf(out, "%s\t%s%s%s\t%s\t%s", agreement, it->kind, it->party ? ":" : "",
			     it->party ? it->party : "", it->date, rcpt);
}

/*
 * 1 when the records hold `key` as a line's first four fields, followed by
 * the instant it was sent (`failed` 0) or by "failed" (`failed` 1).
 */
static int recorded_as(const ov_buf *records, const char *key, int failed)
{
	size_t n = strlen(key);
	const char *p = records->ptr;

	while (p && *p) {
		if (!strncmp(p, key, n) && p[n] == '\t' &&
		    (strncmp(p + n + 1, "failed\t", 7) == 0) == failed)
			return 1;
		p = strchr(p, '\n');
		p = p ? p + 1 : NULL;
	}
	return 0;
}

/*
 * Line `line` (of `len` bytes) as a failed attempt: its key (the first four
 * fields) into key and its date (the third) into date; 0 when it is none.
 */
static int failed_line(char key[512], char date[11], const char *line, size_t len)
{
	const char *tab[4] = { NULL, NULL, NULL, NULL }, *p = line;

	for (int f = 0; f < 4; f++) {
		if (!(tab[f] = memchr(p, '\t', len - (size_t)(p - line))))
			return 0;
		p = tab[f] + 1;
	}
	if (len - (size_t)(p - line) < 6 || strncmp(p, "failed", 6) ||
	    (size_t)(tab[3] - line) >= 512 || tab[2] - tab[1] != 11)
		return 0;
	memcpy(key, line, (size_t)(tab[3] - line));
	key[tab[3] - line] = '\0';
	memcpy(date, tab[1] + 1, 10);
	date[10] = '\0';
	return 1;
}

/* The earliest date of a failed reminder not sent since, or `today`. */
static void first_pending(char out[11], const ov_buf *records, const char *today)
{
	char key[512], date[11];

	memcpy(out, today, 11);
	for (const char *p = records->ptr; p && *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (failed_line(key, date, p, len) && strcmp(date, out) < 0 &&
		    !recorded_as(records, key, 0))
			memcpy(out, date, 11);
		p = nl ? nl + 1 : NULL;
	}
}

/* `text` with {id} and {party} replaced (free()). */
static char *fill(const char *text, const char *id, const char *party)
{
	ov_buf b = OV_BUF_INIT;

	for (const char *p = text; *p; p++) {
		if (!strncmp(p, "{id}", 4)) {
			ov_buf_puts(&b, id);
			p += 3;
		} else if (!strncmp(p, "{party}", 7) && party) {
			ov_buf_puts(&b, party);
			p += 6;
		} else {
			ov_buf_putc(&b, *p);
		}
	}
	return ov_buf_detach(&b);
}

static int item_copy(ov_remind_item *dst, const ov_remind_item *src)
{
	dst->kind = strdup(src->kind);
	dst->date = strdup(src->date);
	dst->label = strdup(src->label);
	dst->action = strdup(src->action);
	dst->party = src->party ? strdup(src->party) : NULL;
	if (!dst->kind || !dst->date || !dst->label || !dst->action || (src->party && !dst->party))
		return ov_error_set(OV_ENOMEM, "out of memory");
	return OV_OK;
}

/* The mail to `to` about agreement `a` on `date`, made when there is none yet. */
static ov_reminder *mail_for(ov_remind_report *r, const agr *a, const char *to, const char *date)
{
	ov_reminder *m, *grown;

	for (size_t i = 0; i < r->nmails; i++) {
		m = &r->mails[i];
		if (!strcmp(m->to, to) && !strcmp(m->agreement, a->id) && !strcmp(m->date, date))
			return m;
	}
	if (!(grown = realloc(r->mails, (r->nmails + 1) * sizeof(*grown))))
		return NULL;
	r->mails = grown;
	m = &r->mails[r->nmails++];
	memset(m, 0, sizeof(*m));
	m->to = strdup(to);
	m->agreement = strdup(a->id);
	m->title = strdup(a->title ? a->title : "");
	m->date = strdup(date);
	return m->to && m->agreement && m->title && m->date ? m : NULL;
}

static int add_to_mail(plan *p, const agr *a, const ov_remind_item *it, const char *to)
{
	ov_reminder *m = mail_for(p->r, a, to, it->date);
	ov_remind_item *grown;

	if (!m || !(grown = realloc(m->items, (m->nitems + 1) * sizeof(*grown))))
		return ov_error_set(OV_ENOMEM, "out of memory");
	m->items = grown;
	memset(&m->items[m->nitems], 0, sizeof(*grown));
	return item_copy(&m->items[m->nitems++], it);
}

static int add_orphan(ov_remind_report *r, const agr *a, const ov_remind_item *it,
		      const char *to)
{
	ov_remind_orphan *grown = realloc(r->orphans, (r->norphans + 1) * sizeof(*grown)), *o;

	if (!grown)
		return ov_error_set(OV_ENOMEM, "out of memory");
	r->orphans = grown;
	o = &r->orphans[r->norphans++];
	o->agreement = strdup(a->id);
	o->kind = strdup(it->kind);
	o->date = strdup(it->date);
	o->to = strdup(to);
	return o->agreement && o->kind && o->date && o->to ? OV_OK
	       : ov_error_set(OV_ENOMEM, "out of memory");
}

/*
 * Item `it` of rule `rule` for its recipients (of `party` when given).  A
 * due date before today goes only to those for whom it failed before (a
 * waiting step's date, the day it passed its limit, is never after today).
 */
static int add_item(plan *p, const agr *a, const ov_remind_item *it, const ov_remind_rule *rule)
{
	ov_addrs to = { NULL, 0 };
	ov_buf key = OV_BUF_INIT;
	int err;

	if ((err = ov_remind_recipients(&to, a->doc, rule->to, it->party, p->people,
					p->npeople)) < 0)
		goto done;
	if (!to.n)
		err = add_orphan(p->r, a, it, rule->to);
	for (size_t i = 0; i < to.n && err >= 0; i++) {
		if ((err = ov_remind_key(&key, a->id, it, to.v[i])) < 0)
			break;
		if (recorded_as(p->records, key.ptr, 0))
			p->r->already++;
		else if (it->party || strcmp(it->date, p->today) >= 0 ||
			 recorded_as(p->records, key.ptr, 1))
			err = add_to_mail(p, a, it, to.v[i]);
	}
done:
	ov_buf_dispose(&key);
	ov_addrs_dispose(&to);
	return err;
}

static const char *default_action(const char *kind)
{
	return !strcmp(kind, "followup") ? "Gör uppföljningen och registrera den: overens followup {id}."
	       : !strcmp(kind, "notice") ? "Om avtalet inte ska förlängas ska uppsägningen göras "
					   "senast detta datum: overens terminate {id}."
	       : "Se vad som behöver göras: overens status {id}.";
}

/* An item for each due date of `a` that a <remind> names. */
static int due_items(plan *p, const agr *a, const ov_date_entry *d, size_t nd)
{
	int err = OV_OK;

	for (size_t i = 0; i < nd && err >= 0; i++) {
		const ov_remind_rule *rule = ov_remind_rule_find(&a->rules, d[i].kind, 0);
		ov_remind_item it = { d[i].kind, d[i].date, d[i].label, NULL, NULL };
		if (!rule || strcmp(d[i].agreement, a->id))
			continue;
		if (!(it.action = fill(rule->text ? rule->text : default_action(d[i].kind), a->id,
				     NULL)))
			return ov_error_set(OV_ENOMEM, "out of memory");
		err = add_item(p, a, &it, rule);
		free(it.action);
	}
	return err;
}

/* 1 when party `role` has taken step `step` in the current round. */
static int taken(int *out, xmlDocPtr doc, const char *step, const char *role)
{
	ov_buf x = OV_BUF_INIT;
	int err;

	if (!strcmp(step, "decide"))
		err = ov_buf_printf(&x, "decisions/decision[@party='%s']", role);
	else if (!strcmp(step, "sign"))
		err = ov_buf_printf(&x, "signatures/signature[@party='%s']", role);
	else if (!strcmp(step, "approve"))
		err = ov_buf_printf(&x, "amendments/amendment[last()]/approval[@party='%s']", role);
	else
		err = ov_buf_printf(&x, "steps/step[@event='%s'][@party='%s']", step, role);
	if (err >= 0)
		err = ov_xpath_bool(out, doc, x.ptr, "remind");
	ov_buf_dispose(&x);
	return err;
}

/*
 * The last day on or before `today` that is k * `after` (k >= 1) after
 * `since`, into out; 0 when there is none yet (or `after` is zero).
 */
static int wait_limit(char out[11], const char *since, const ov_period *after, const char *today)
{
	ov_date s, t, d;
	int found = 0;

	if (ov_date_parse(&s, since) < 0 || ov_date_parse(&t, today) < 0) {
		ov_error_clear();
		return 0;
	}
	if (after->negative || (!after->years && !after->months && !after->days))
		return 0;
	for (int k = 1; k < 100000; k++) {
		ov_period pk = { after->years * k, after->months * k, after->days * k, 0 };
		d = ov_date_add(s, &pk);
		if (ov_date_cmp(d, t) > 0)
			break;
		ov_date_format(out, d);
		found = 1;
	}
	return found;
}

static const char *wait_label(const char *step)
{
	return !strcmp(step, "decide") ? "Beslut saknas från"
	       : !strcmp(step, "sign") ? "Underskrift saknas från"
	       : !strcmp(step, "approve") ? "Godkännande av ändringen saknas från"
	       : "Steget saknas från";
}

/* An item for party `party` waiting with step `rule->kind` since `since`. */
static int wait_item(plan *p, const agr *a, const ov_remind_rule *rule, xmlNodePtr party,
		     const char *since, const char *date)
{
	char *role = ov_xml_attr(party, "role"), *name = ov_xml_text(ov_xml_child(party, "name"));
	ov_buf label = OV_BUF_INIT;
	ov_remind_item it = { rule->kind, (char *)date, NULL, NULL, role };
	int done = 0, err;

	if (!role || (err = taken(&done, a->doc, rule->kind, role)) < 0 || done) {
		err = role ? err : OV_OK;
		goto out;
	}
	err = ov_buf_printf(&label, "%s %s (väntar sedan %s)", wait_label(rule->kind),
			    name && *name ? name : role, since);
	it.label = label.ptr;
	it.action = fill(rule->text ? rule->text : "Se vad som behöver göras: overens status {id}.",
		       a->id, role);
	if (err >= 0)
		err = it.action ? add_item(p, a, &it, rule) : ov_error_set(OV_ENOMEM, "out of memory");
out:
	free(it.action);
	ov_buf_dispose(&label);
	free(role);
	free(name);
	return err;
}

/* Items for the parties that a <wait> step of the current phase waits for. */
static int wait_items(plan *p, const agr *a)
{
	xmlNodePtr root = xmlDocGetRootElement(a->doc), st = ov_xml_child(root, "state");
	char *phase = ov_xml_attr(st, "phase"), *since = ov_xml_attr(st, "since");
	const ov_wf_phase *ph = ov_workflow_phase(a->wf, phase ? phase : "");
	char date[11];
	int err = OV_OK;

	for (size_t i = 0; ph && !ph->final && since && i < a->rules.n && err >= 0; i++) {
		const ov_remind_rule *rule = &a->rules.r[i];
		const ov_wf_step *step = rule->wait ? ov_workflow_step(ph, rule->kind) : NULL;
		if (!step || !step->party_own || !wait_limit(date, since, &rule->after, p->today))
			continue;
		for (xmlNodePtr pa = ov_xml_child(ov_xml_child(root, "parties"), "party");
		     pa && err >= 0; pa = ov_xml_next_element(pa))
			err = wait_item(p, a, rule, pa, since, date);
	}
	free(phase);
	free(since);
	return err;
}

static int agreement_items(plan *p, const char *id, const ov_date_entry *d, size_t nd)
{
	agr a = { id, NULL, NULL, { NULL, 0 }, NULL };
	ov_buf path = OV_BUF_INIT;
	int err;

	if ((err = ov_agreement_load(&a.doc, &path, &p->txn, id)) < 0)
		goto done;
	a.title = ov_xml_text(ov_xml_child(xmlDocGetRootElement(a.doc), "title"));
	if ((err = ov_workflow_load_for(&a.wf, &p->txn, a.doc)) < 0 ||
	    (err = ov_remind_rules_read(&a.rules, a.wf)) < 0)
		goto done;
	if ((err = due_items(p, &a, d, nd)) >= 0)
		err = wait_items(p, &a);
done:
	if (err < 0)
		err = ov_error_prefix("agreement %s", id);
	ov_remind_rules_dispose(&a.rules);
	ov_workflow_free(a.wf);
	xmlFreeDoc(a.doc);
	free(a.title);
	ov_buf_dispose(&path);
	return err;
}

/* Keeps the error of an agreement that could not be read as r->skipped, and goes on. */
static int skip(ov_remind_report *r)
{
	const ov_error *e = ov_error_last();
	char **grown = realloc(r->skipped, (r->nskipped + 1) * sizeof(*grown));

	if (!grown)
		return ov_error_set(OV_ENOMEM, "out of memory");
	r->skipped = grown;
	if (!(r->skipped[r->nskipped] = strdup(e && e->message ? e->message : "unreadable")))
		return ov_error_set(OV_ENOMEM, "out of memory");
	r->nskipped++;
	ov_error_clear();
	return OV_OK;
}

static int mail_cmp(const void *x, const void *y)
{
	const ov_reminder *a = x, *b = y;
	int c = strcmp(a->date, b->date);

	if (!c)
		c = strcmp(a->agreement, b->agreement);
	return c ? c : strcmp(a->to, b->to);
}

int ov_remind_plan(ov_remind_report *r, ov_workspace *ws, const char *today, const char *to,
		   const ov_buf *records, const char *web_url)
{
	plan p;
	ov_date_entry *d = NULL;
	ov_list_row *rows = NULL;
	size_t nd = 0, nrows = 0;
	char from[11];
	int err;

	memset(&p, 0, sizeof(p));
	p.r = r;
	p.records = records;
	p.today = today;
	p.txn.ws = ws;
	if (ov_ws_head(p.txn.head, ws) < 0)
		p.txn.head[0] = '\0';
	first_pending(from, records, today);
	if ((err = ov_due(&d, &nd, ws, from, to)) < 0 ||
	    (err = ov_agreement_list(&rows, &nrows, ws, today)) < 0 ||
	    (err = ov_person_list(&p.people, &p.npeople, ws)) < 0)
		goto done;
	for (size_t i = 0; i < nrows && err >= 0; i++)
		if ((err = agreement_items(&p, rows[i].id, d, nd)) < 0 && err != OV_ENOMEM)
			err = skip(r);
	if (err >= 0 && r->nmails)
		qsort(r->mails, r->nmails, sizeof(*r->mails), mail_cmp);
	for (size_t i = 0; i < r->nmails && err >= 0; i++)
		err = ov_remind_compose(&r->mails[i], today, web_url);
done:
	ov_person_list_free(p.people, p.npeople);
	ov_list_free(rows, nrows);
	ov_dates_free(d, nd);
	return err;
}
