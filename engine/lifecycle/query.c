/*
 * query.c - read-only views of agreements (see overens/query.h).
 *
 * Status and questions read the document and its workflow from git's head;
 * list, due and log ask the index (ov_ws_list_agreements, ov_ws_due,
 * ov_ws_events in store/workspace.h), which the workspace keeps equal to
 * git's head (and `overens reindex` rebuilds), so both answer the same.
 * The rows come back through callbacks and are copied into the public
 * types here.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "overens/date.h"
#include "overens/error.h"
#include "overens/query.h"
#include "engine/lifecycle/agreement.h"
#include "engine/lifecycle/engine.h"
#include "engine/lifecycle/event_kinds.h"
#include "engine/lifecycle/term.h"
#include "store/workspace.h"
#include "engine/base/orgnr.h"
#include "engine/base/xmlsafe.h"

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static int load(xmlDocPtr *doc, ov_workflow **wf, ov_txn *txn, const char *id)
{
	ov_buf path = OV_BUF_INIT;
	int err;

	*wf = NULL;
	if ((err = ov_agreement_load(doc, &path, txn, id)) >= 0)
		err = ov_workflow_load_for(wf, txn, *doc);
	ov_buf_dispose(&path);
	return err;
}

static int today_str(char buf[11], const char *today)
{
	ov_date d;

	return ov_resolve_date(&d, buf, today);
}

/* Parties that lack the element that a per-party event records. */
static void missing_per_party(ov_status_step *s, xmlDocPtr doc, const char *container,
			      const char *item, const char *text)
{
	xmlNodePtr root = xmlDocGetRootElement(doc), parties = ov_xml_child(root, "parties"), c;
	xmlNodePtr box = ov_xml_child(root, container);

	if (!strcmp(container, "amendments")) {
		xmlNodePtr last = NULL;
		for (c = box ? box->children : NULL; c; c = c->next)
			if (c->type == XML_ELEMENT_NODE)
				last = c;
		box = last;
	}
	for (c = parties ? parties->children : NULL; c; c = c->next) {
		char *role, *name;
		int found = 0;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		role = ov_xml_attr(c, "role");
		for (xmlNodePtr d = box ? box->children : NULL; d && role; d = d->next) {
			char *p;
			if (d->type != XML_ELEMENT_NODE || strcmp((const char *)d->name, item))
				continue;
			p = ov_xml_attr(d, "party");
			found |= p && !strcmp(p, role);
			free(p);
		}
		if (!found) {
			ov_buf b = OV_BUF_INIT;
			name = ov_xml_text(ov_xml_child(c, "name"));
			ov_buf_printf(&b, "%s: %s (--party %s)", text, name ? name : "", role);
			char **grown = realloc(s->missing, (s->nmissing + 1) * sizeof(char *));
			if (grown) {
				s->missing = grown;
				s->missing[s->nmissing++] = ov_buf_detach(&b);
			} else {
				ov_buf_dispose(&b);
			}
			free(name);
		}
		free(role);
	}
}

static void add_missing_lines(ov_status_step *s, const char *lines)
{
	const char *p = lines, *nl;

	while (p && *p) {
		nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		const char *q = p;
		while (len && (*q == ' ' || *q == '-')) {
			q++;
			len--;
		}
		if (len) {
			char *line = strndup(q, len);
			char **grown = realloc(s->missing, (s->nmissing + 1) * sizeof(char *));
			if (!grown || !line) {
				free(line);
				return;
			}
			s->missing = grown;
			s->missing[s->nmissing++] = line;
		}
		p = nl ? nl + 1 : NULL;
	}
}

/* What the document says of itself: id, workflow, version, title, kind, phase. */
static void status_header(ov_status *st, xmlNodePtr root, const ov_workflow *wf,
			  const ov_wf_phase **ph)
{
	xmlNodePtr n;
	char *v;

	st->id = ov_xml_attr(root, "id");
	st->workflow = ov_xml_attr(root, "workflow");
	v = ov_xml_attr(root, "version");
	st->version = v ? atoi(v) : 1;
	free(v);
	st->title = ov_xml_text(ov_xml_child(root, "title"));
	st->kind = ov_xml_text(ov_xml_child(root, "kind"));
	n = ov_xml_child(root, "state");
	st->phase = ov_xml_attr(n, "phase");
	st->since = ov_xml_attr(n, "since");
	*ph = ov_workflow_phase(wf, st->phase);
	st->phase_label = strdup(*ph ? (*ph)->label : "");
	st->frozen = *ph ? (*ph)->frozen : 0;
	st->final = *ph ? (*ph)->final : 0;
}

/* The last value of attribute `attr` among `first` and its siblings made by party `role`. */
static void last_by_party(char **slot, xmlNodePtr first, const char *role, const char *attr)
{
	for (xmlNodePtr d = first; d; d = d->next) {
		char *pr = ov_xml_attr(d, "party");
		if (pr && role && !strcmp(pr, role)) {
			free(*slot);
			*slot = ov_xml_attr(d, attr);
		}
		free(pr);
	}
}

/* Each party with its decision and its signing date, and whether `actor` acts for it. */
static void status_parties(ov_status *st, xmlNodePtr root, const ov_person *actor)
{
	xmlNodePtr n = ov_xml_child(root, "parties"), c;

	st->parties = calloc((size_t)xmlChildElementCount(n) + 1, sizeof(*st->parties));
	for (c = n ? n->children : NULL; c && st->parties; c = c->next) {
		ov_status_party *p;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		p = &st->parties[st->nparties++];
		p->role = ov_xml_attr(c, "role");
		p->name = ov_xml_text(ov_xml_child(c, "name"));
		p->orgnr = ov_xml_text(ov_xml_child(c, "orgnr"));
		p->unit = ov_xml_child(c, "unit") ? ov_xml_text(ov_xml_child(c, "unit")) : NULL;
		p->own = ov_actor_acts_for(actor, c);
		last_by_party(&p->decision, ov_xml_child(ov_xml_child(root, "decisions"), "decision"),
			      p->role, "outcome");
		last_by_party(&p->signed_on,
			      ov_xml_child(ov_xml_child(root, "signatures"), "signature"), p->role,
			      "date");
	}
}

/* The parties that have left, each with the day it gave notice and the day it left. */
static void status_departed(ov_status *st, xmlNodePtr root)
{
	xmlNodePtr n = ov_xml_child(root, "departures"), c, party;

	st->departed = calloc((size_t)xmlChildElementCount(n) + 1, sizeof(*st->departed));
	for (c = n ? n->children : NULL; c && st->departed; c = c->next) {
		ov_status_party *p;
		if (c->type != XML_ELEMENT_NODE || !(party = ov_xml_child(c, "party")))
			continue;
		p = &st->departed[st->ndeparted++];
		p->role = ov_xml_attr(c, "party");
		p->name = ov_xml_text(ov_xml_child(party, "name"));
		p->orgnr = ov_xml_text(ov_xml_child(party, "orgnr"));
		p->unit = ov_xml_child(party, "unit") ? ov_xml_text(ov_xml_child(party, "unit"))
						      : NULL;
		p->notice_on = ov_xml_attr(c, "date");
		p->left_on = ov_xml_attr(c, "effective");
	}
}

static void status_party_free(ov_status_party *p)
{
	free(p->role);
	free(p->name);
	free(p->orgnr);
	free(p->unit);
	free(p->decision);
	free(p->signed_on);
	free(p->notice_on);
	free(p->left_on);
}

/* What the acting person sees of step `ws_step`: its name, fields, and whether they may. */
static void step_for_actor(ov_status_step *s, xmlDocPtr doc, const ov_wf_step *ws_step,
			   const ov_person *actor)
{
	const ov_event_kind *k = ov_event_kind_find(ws_step->event);
	const char *label = ws_step->label ? ws_step->label : k ? k->label : ws_step->event;

	s->label = strdup(label);
	s->fields = dup_or_null(ws_step->fields);
	s->may = ov_actor_may(&s->denied, &s->party_roles, doc, actor, ws_step->roles,
			      ws_step->party_own);
}

/*
 * The steps the phase allows, each with what it still lacks on `now`.  A
 * requirement that cannot be evaluated is an error: leaving it out would
 * report that nothing is missing.
 */
static int status_steps(ov_status *st, xmlDocPtr doc, const ov_workflow *wf,
			const ov_wf_phase *ph, const char *now, const ov_person *actor)
{
	int err = OV_OK;

	st->steps = calloc((ph ? ph->nsteps : 0) + 1, sizeof(*st->steps));
	if (!st->steps)
		return ov_error_set(OV_ENOMEM, "out of memory");
	for (size_t i = 0; ph && i < ph->nsteps && err >= 0; i++) {
		const ov_wf_step *ws_step = &ph->steps[i];
		ov_status_step *s = &st->steps[st->nsteps++];
		ov_buf missing = OV_BUF_INIT;
		size_t cnt = 0;
		s->event = strdup(ws_step->event);
		s->roles = strdup(ws_step->roles);
		s->to = ws_step->to ? strdup(ws_step->to) : NULL;
		s->party_own = ws_step->party_own;
		step_for_actor(s, doc, ws_step, actor);
		if (!strcmp(ws_step->event, "decide"))
			missing_per_party(s, doc, "decisions", "decision", "beslut saknas");
		else if (!strcmp(ws_step->event, "sign"))
			missing_per_party(s, doc, "signatures", "signature", "underskrift saknas");
		else if (!strcmp(ws_step->event, "approve"))
			missing_per_party(s, doc, "amendments", "approval", "godkännande saknas");
		err = ov_check_requirements(&missing, &cnt, doc, wf, ws_step, st->id, now, NULL,
					    NULL);
		if (err >= 0 && cnt)
			add_missing_lines(s, missing.ptr);
		ov_buf_dispose(&missing);
	}
	return err;
}

/* An entry of `kind` and `label` on `date` for agreement `id`. */
static int fill_date_entry(ov_date_entry *d, ov_date date, const char *kind, const char *label,
			   const char *id, const char *title)
{
	char buf[11];

	ov_date_format(buf, date);
	d->date = strdup(buf);
	d->kind = strdup(kind);
	d->label = strdup(label);
	d->agreement = dup_or_null(id);
	d->title = dup_or_null(title);
	return d->date && d->kind && d->label ? OV_OK : ov_error_set(OV_ENOMEM, "out of memory");
}

/*
 * The dates from `now` to the end of the renewal period after the term in
 * force (a term that does not renew: to its end), soonest first, computed
 * from the rules so that they are right for any day asked.
 */
static int status_dates(ov_status *st, xmlDocPtr doc, const ov_workflow *wf,
			const ov_term_rules *r, ov_date now)
{
	ov_term_dates d;
	int err;

	if ((err = ov_term_dates_between(&d, doc, r, wf, now, ov_term_horizon(r, now))) < 0)
		return err;
	st->dates = calloc(d.n + 1, sizeof(*st->dates));
	if (!st->dates)
		err = ov_error_set(OV_ENOMEM, "out of memory");
	for (size_t i = 0; err >= 0 && i < d.n; i++, st->ndates++)
		err = fill_date_entry(&st->dates[i], d.v[i].date, d.v[i].kind, d.v[i].label, st->id,
				      st->title);
	ov_term_dates_dispose(&d);
	return err;
}

static int add_followup(ov_status *st, const ov_date *date, const ov_date *planned,
			const char *decision)
{
	ov_followup_entry *e = &st->followups[st->nfollowups++];
	char buf[11];

	if (date) {
		ov_date_format(buf, *date);
		e->date = strdup(buf);
	}
	if (planned) {
		ov_date_format(buf, *planned);
		e->planned = strdup(buf);
	}
	e->decision = dup_or_null(decision);
	return (!date || e->date) && (!planned || e->planned)
		? OV_OK : ov_error_set(OV_ENOMEM, "out of memory");
}

/*
 * The recorded follow-ups with the planned dates they count for, then the
 * planned ones still open on `now` (none after the agreement's last day).
 */
static int status_followups(ov_status *st, xmlDocPtr doc, const ov_term_rules *r, ov_date now)
{
	ov_term_followups f;
	ov_date last = r->terminated ? r->effective : r->end;
	int err;

	if ((err = ov_term_followups_match(&f, doc, r, now)) < 0)
		return err;
	st->followups = calloc(f.nrec + f.nsched + 1, sizeof(*st->followups));
	if (!st->followups)
		err = ov_error_set(OV_ENOMEM, "out of memory");
	for (size_t j = 0; err >= 0 && j < f.nrec; j++) {
		char *dec = ov_xml_attr(f.nodes[j], "decision");
		err = add_followup(st, &f.rec[j], f.match[j] >= 0 ? &f.sched[f.match[j]] : NULL, dec);
		free(dec);
	}
	for (size_t i = 0; err >= 0 && i < f.nsched; i++) {
		if (f.used[i] || ov_date_cmp(f.sched[i], now) > 0 ||
		    ((r->terminated || r->kind != OV_RENEW_TACIT) && ov_date_cmp(f.sched[i], last) > 0))
			continue;
		err = add_followup(st, NULL, &f.sched[i], NULL);
	}
	ov_term_followups_dispose(&f);
	return err;
}

/* The term as of `now`: how it renews, its end, whether it has expired, dates, follow-ups. */
static int status_term(ov_status *st, xmlDocPtr doc, const ov_workflow *wf, const char *now_s)
{
	ov_term_rules r;
	ov_date now;
	char buf[11];
	int err;

	if (!ov_term_in_force(doc) || ov_term_rules_read(&r, doc, wf) < 0 ||
	    ov_date_parse(&now, now_s) < 0) {
		ov_error_clear();
		st->dates = calloc(1, sizeof(*st->dates));
		return st->dates ? OV_OK : ov_error_set(OV_ENOMEM, "out of memory");
	}
	st->renewal = strdup(ov_workflow_renewal_name(r.kind));
	ov_date_format(buf, r.terminated ? r.effective : ov_term_end_asof(&r, now));
	st->term_end = strdup(buf);
	st->expired = !st->final && ov_term_expired(&r, now);
	if (!st->renewal || !st->term_end)
		return ov_error_set(OV_ENOMEM, "out of memory");
	if ((err = status_dates(st, doc, wf, &r, now)) < 0)
		return err;
	return status_followups(st, doc, &r, now);
}

/* The current phase's follow-up questions: field = the answer's id, text = the question. */
static void status_followup(ov_status *st, const ov_wf_phase *ph)
{
	st->followup = calloc((ph ? ph->nfollowup : 0) + 1, sizeof(*st->followup));
	for (size_t i = 0; ph && st->followup && i < ph->nfollowup; i++) {
		ov_question *q = &st->followup[st->nfollowup++];
		q->field = strdup(ph->followup[i].key);
		q->text = strdup(ph->followup[i].text);
	}
}

/*
 * The phase whose steps status offers: an expired agreement's only step is
 * the one that closes it (ov_workflow_close_step; events.c refuses every
 * other), so *closing is `ph` with that step alone; else `ph`.
 */
static const ov_wf_phase *closing_phase(ov_wf_phase *closing, ov_wf_step *close,
					xmlDocPtr doc, const ov_workflow *wf,
					const ov_wf_phase *ph, const char *now_s)
{
	ov_date now, last;

	if (!ph || ph->final || ov_date_parse(&now, now_s) < 0) {
		ov_error_clear();
		return ph;
	}
	if (!ov_term_expired_doc(&last, doc, wf, now) || ov_workflow_close_step(close, wf) < 0)
		return ph;
	*closing = *ph;
	closing->steps = close;
	closing->nsteps = 1;
	return closing;
}

/* The status as of commit `rev` (NULL: git's head) for `actor` (NULL: nobody). */
static int status_read(ov_status **out, ov_workspace *ws, const char *id, const char *today,
		       const char *actor, const char *rev)
{
	ov_txn txn;
	xmlDocPtr doc = NULL;
	ov_workflow *wf = NULL;
	ov_status *st = NULL;
	ov_person *person = NULL;
	xmlNodePtr root;
	const ov_wf_phase *ph = NULL;
	ov_wf_phase closing;
	ov_wf_step close;
	char now[11];
	int err;

	*out = NULL;
	ov_txn_read_at_head(&txn, ws);
	if (rev && strlen(rev) != 40)
		return ov_error_set(OV_EINVALID, "'%s' is not a commit id", rev);
	if (rev)
		memcpy(txn.head, rev, 41);
	if ((err = today_str(now, today)) < 0 || (err = load(&doc, &wf, &txn, id)) < 0 ||
	    (actor && (err = ov_person_load(&person, &txn, actor)) < 0))
		goto done;
	if (!(st = calloc(1, sizeof(*st)))) {
		err = ov_error_set(OV_ENOMEM, "out of memory");
		goto done;
	}
	root = xmlDocGetRootElement(doc);
	status_header(st, root, wf, &ph);
	status_parties(st, root, person);
	status_departed(st, root);
	if ((err = status_steps(st, doc, wf, closing_phase(&closing, &close, doc, wf, ph, now),
				now, person)) < 0 ||
	    (err = status_term(st, doc, wf, now)) < 0)
		goto done;
	status_followup(st, ph);
	st->actor_orgnr = person ? strdup(person->orgnr) : NULL;
	*out = st;
	st = NULL;
done:
	ov_status_free(st);
	ov_person_free(person);
	xmlFreeDoc(doc);
	ov_workflow_free(wf);
	return err;
}

int ov_agreement_status_for(ov_status **out, ov_workspace *ws, const char *id, const char *today,
			    const char *actor)
{
	return status_read(out, ws, id, today, actor, NULL);
}

int ov_agreement_status_at(ov_status **out, ov_workspace *ws, const char *id, const char *today,
			   const char *rev)
{
	return status_read(out, ws, id, today, NULL, rev);
}

int ov_agreement_status(ov_status **out, ov_workspace *ws, const char *id, const char *today)
{
	return ov_agreement_status_for(out, ws, id, today, NULL);
}

void ov_dates_free(ov_date_entry *d, size_t n)
{
	for (size_t i = 0; d && i < n; i++) {
		free(d[i].date);
		free(d[i].kind);
		free(d[i].label);
		free(d[i].agreement);
		free(d[i].title);
	}
	free(d);
}

void ov_status_free(ov_status *st)
{
	size_t i, j;

	if (!st)
		return;
	for (i = 0; i < st->nparties; i++)
		status_party_free(&st->parties[i]);
	free(st->parties);
	for (i = 0; i < st->ndeparted; i++)
		status_party_free(&st->departed[i]);
	free(st->departed);
	for (i = 0; i < st->nsteps; i++) {
		free(st->steps[i].event);
		free(st->steps[i].roles);
		free(st->steps[i].to);
		for (j = 0; j < st->steps[i].nmissing; j++)
			free(st->steps[i].missing[j]);
		free(st->steps[i].missing);
		free(st->steps[i].label);
		free(st->steps[i].party_roles);
		free(st->steps[i].fields);
		free(st->steps[i].denied);
	}
	free(st->steps);
	ov_questions_free(st->followup, st->nfollowup);
	free(st->actor_orgnr);
	free(st->renewal);
	free(st->term_end);
	for (i = 0; i < st->nfollowups; i++) {
		free(st->followups[i].date);
		free(st->followups[i].planned);
		free(st->followups[i].decision);
	}
	free(st->followups);
	ov_dates_free(st->dates, st->ndates);
	free(st->id);
	free(st->title);
	free(st->kind);
	free(st->workflow);
	free(st->phase);
	free(st->phase_label);
	free(st->since);
	free(st);
}

/*
 * Rows copied out of the index's callbacks: a growing array of `size`-byte
 * elements.  grow() returns the next (zeroed) element, NULL when out of memory.
 */
typedef struct row_array {
	void *v;
	size_t n, cap, size;
} row_array;

static void *grow(row_array *r)
{
	char *slot;

	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 32;
		void *g = realloc(r->v, cap * r->size);
		if (!g)
			return NULL;
		r->v = g;
		r->cap = cap;
	}
	slot = (char *)r->v + r->n++ * r->size;
	memset(slot, 0, r->size);
	return slot;
}

/* The ids of agreements with no indexed date on or after a day (to be computed). */
typedef struct id_list {
	char **v;
	size_t n, cap;
} id_list;

static int undated_cb(const ov_ws_list_row *in, void *payload)
{
	id_list *l = payload;

	if (in->next_date || !in->id)
		return 0;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		char **g = realloc(l->v, cap * sizeof(*g));
		if (!g)
			return ov_error_set(OV_ENOMEM, "out of memory");
		l->v = g;
		l->cap = cap;
	}
	if (!(l->v[l->n] = strdup(in->id)))
		return ov_error_set(OV_ENOMEM, "out of memory");
	l->n++;
	return 0;
}

/*
 * A row's id, title, workflow and phase in one allocation, id first (a
 * list of 10,000 agreements made 60,000 allocations); ov_list_free frees
 * the block through id.  A missing id is "", the others stay NULL.
 */
static int pack_row(ov_list_row *r, const ov_list_row *in)
{
	const char *src[4] = { in->id ? in->id : "", in->title, in->workflow, in->phase };
	char **dst[4] = { &r->id, &r->title, &r->workflow, &r->phase };
	size_t len[4], total = 0;
	char *p;

	for (int i = 0; i < 4; i++)
		total += src[i] ? (len[i] = strlen(src[i])) + 1 : (len[i] = 0);
	if (!(p = malloc(total)))
		return ov_error_set(OV_ENOMEM, "out of memory");
	for (int i = 0; i < 4; i++) {
		*dst[i] = src[i] ? memcpy(p, src[i], len[i] + 1) : NULL;
		p += src[i] ? len[i] + 1 : 0;
	}
	return OV_OK;
}

static void id_list_dispose(id_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

/*
 * What the index cannot say on a day: an agreement with no indexed date
 * on or after it may have expired, or renew tacitly past the dates the
 * index holds (they end at a horizon, see ov_agreement_compute_dates).
 * Such agreements are read from git and their term computed as of the day.
 * Workflows are loaded once per call.
 */
typedef struct asof_reader {
	ov_txn txn;
	ov_workflow *wfs[16];
	size_t nwfs;
} asof_reader;

static void asof_reader_init(asof_reader *a, ov_workspace *ws)
{
	memset(a, 0, sizeof(*a));
	ov_txn_read_at_head(&a->txn, ws);
}

static void asof_reader_dispose(asof_reader *a)
{
	for (size_t i = 0; i < a->nwfs; i++)
		ov_workflow_free(a->wfs[i]);
}

/*
 * Agreement `id`'s document (*doc, caller frees) and term rules, when it
 * has a term and is not in a final phase; else 0 with *doc NULL.
 */
static int asof_read(int *ok, xmlDocPtr *doc, const ov_workflow **wf, ov_term_rules *r,
		     asof_reader *a, const char *id)
{
	ov_buf path = OV_BUF_INIT;
	ov_workflow *w = NULL;
	char *wfid = NULL, *phase = NULL;
	const ov_wf_phase *ph;
	int err;

	*ok = 0;
	*doc = NULL;
	if ((err = ov_agreement_load(doc, &path, &a->txn, id)) < 0)
		goto done;
	wfid = ov_xml_attr(xmlDocGetRootElement(*doc), "workflow");
	phase = ov_xml_attr(ov_xml_child(xmlDocGetRootElement(*doc), "state"), "phase");
	for (size_t i = 0; !w && i < a->nwfs; i++)
		if (wfid && !strcmp(a->wfs[i]->id, wfid))
			w = a->wfs[i];
	if (!w) {
		if ((err = ov_workflow_load(&w, &a->txn, wfid ? wfid : "", 0)) < 0)
			goto done;
		if (a->nwfs == sizeof(a->wfs) / sizeof(a->wfs[0]))
			ov_workflow_free(a->wfs[--a->nwfs]);
		a->wfs[a->nwfs++] = w;
	}
	*wf = w;
	ph = ov_workflow_phase(w, phase);
	*ok = !(ph && ph->final) && ov_term_in_force(*doc) && ov_term_rules_read(r, *doc, w) == OV_OK;
done:
	free(wfid);
	free(phase);
	ov_buf_dispose(&path);
	return err;
}

/* A row with no indexed date ahead: expired, or its next date computed. */
static int list_row_asof(ov_list_row *row, asof_reader *a, ov_date now)
{
	const ov_workflow *wf = NULL;
	xmlDocPtr doc = NULL;
	ov_term_rules r;
	ov_term_dates d = { NULL, 0, 0 };
	char buf[11];
	int ok, err;

	if ((err = asof_read(&ok, &doc, &wf, &r, a, row->id)) < 0 || !ok)
		goto done;
	if (ov_term_expired(&r, now)) {
		ov_date_format(buf, r.end);
		row->expired = 1;
		if (!(row->expired_on = strdup(buf)))
			err = ov_error_set(OV_ENOMEM, "out of memory");
	} else if ((err = ov_term_dates_between(&d, doc, &r, wf, now,
						ov_term_horizon(&r, now))) >= 0 && d.n) {
		ov_date_format(buf, d.v[0].date);
		row->next_date = strdup(buf);
		row->next_label = strdup(d.v[0].label);
		if (!row->next_date || !row->next_label)
			err = ov_error_set(OV_ENOMEM, "out of memory");
	}
done:
	ov_term_dates_dispose(&d);
	xmlFreeDoc(doc);
	return err;
}

/*
 * An agreement that cannot be read is left as the index has it: a list or
 * a due list is not refused for one broken document.
 */
static int tolerate(int err)
{
	if (err < 0 && err != OV_ENOMEM) {
		ov_error_clear();
		return OV_OK;
	}
	return err;
}

/* ov_agreement_list_each's state: the caller's callback, and the reader of agreements. */
typedef struct list_each {
	ov_list_cb cb;
	void *payload;
	ov_workspace *ws;
	ov_date now;
	asof_reader a;
	int reading; /* a is set up */
} list_each;

static int each_cb(const ov_ws_list_row *in, void *payload)
{
	list_each *e = payload;
	ov_list_row r;
	int err;

	memset(&r, 0, sizeof(r));
	r.id = (char *)(in->id ? in->id : "");
	r.title = (char *)in->title;
	r.workflow = (char *)in->workflow;
	r.phase = (char *)in->phase;
	r.version = in->version;
	r.next_date = (char *)in->next_date;
	r.next_label = (char *)in->next_label;
	if (in->next_date || !in->dated || !in->id)
		return e->cb(&r, e->payload);
	/*
	 * Dated, but no date ahead: its term is computed as of the day, from
	 * git.  The index's statement is still open; reads on the same
	 * connection go on beside it, and the one write a workflow's first
	 * load makes (noting it valid, a cache) is dropped if it cannot.
	 */
	if (!e->reading) {
		asof_reader_init(&e->a, e->ws);
		e->reading = 1;
	}
	if ((err = tolerate(list_row_asof(&r, &e->a, e->now))) >= 0)
		err = e->cb(&r, e->payload);
	free(r.next_date);
	free(r.next_label);
	free(r.expired_on);
	return err;
}

int ov_agreement_list_each(ov_workspace *ws, const char *orgnr, const char *today,
			   size_t limit, size_t offset, ov_list_cb cb, void *payload)
{
	list_each e;
	char now[11], norm[12];
	int err;

	memset(&e, 0, sizeof(e));
	e.cb = cb;
	e.payload = payload;
	e.ws = ws;
	if ((err = today_str(now, today)) < 0 || (err = ov_date_parse(&e.now, now)) < 0)
		return err;
	/* The index holds numbers as NNNNNN-NNNN; one that is no number matches nothing. */
	if (orgnr && ov_orgnr_normalize(norm, orgnr) == OV_OK)
		orgnr = norm;
	ov_error_clear();
	err = ov_ws_list_agreements_for(ws, orgnr, now, limit, offset, each_cb, &e);
	if (e.reading)
		asof_reader_dispose(&e.a);
	return err;
}

/* ov_agreement_list_for's callback: a copy of each row that the caller owns. */
static int collect_cb(const ov_list_row *in, void *payload)
{
	ov_list_row *r = grow(payload);
	int err;

	if (!r)
		return ov_error_set(OV_ENOMEM, "out of memory");
	if ((err = pack_row(r, in)) < 0)
		return err;
	r->version = in->version;
	r->expired = in->expired;
	r->next_date = dup_or_null(in->next_date);
	r->next_label = dup_or_null(in->next_label);
	r->expired_on = dup_or_null(in->expired_on);
	if ((in->next_date && !r->next_date) || (in->next_label && !r->next_label) ||
	    (in->expired_on && !r->expired_on))
		return ov_error_set(OV_ENOMEM, "out of memory");
	return 0;
}

int ov_agreement_list_for(ov_list_row **out, size_t *n, ov_workspace *ws, const char *orgnr,
			  const char *today, size_t limit, size_t offset, size_t *total)
{
	row_array rows = { NULL, 0, 0, sizeof(ov_list_row) };
	char norm[12];
	int err;

	*out = NULL;
	*n = 0;
	if (total) {
		*total = 0;
		if (orgnr && ov_orgnr_normalize(norm, orgnr) == OV_OK)
			orgnr = norm;
		if ((err = ov_ws_count_agreements(total, ws, orgnr)) < 0)
			return err;
	}
	if ((err = ov_agreement_list_each(ws, orgnr, today, limit, offset, collect_cb,
					  &rows)) < 0) {
		ov_list_free(rows.v, rows.n);
		return err;
	}
	*out = rows.v;
	*n = rows.n;
	return OV_OK;
}

int ov_agreement_list(ov_list_row **out, size_t *n, ov_workspace *ws, const char *today)
{
	return ov_agreement_list_for(out, n, ws, NULL, today, 0, 0, NULL);
}

/*
 * For a person who acts for units of their organisation, which the index
 * does not know: whether one of the agreement's parties is one of them.
 */
static int acts_for_a_party(int *out, ov_txn *txn, const ov_person *p, const char *id)
{
	xmlDocPtr doc = NULL;
	ov_buf path = OV_BUF_INIT;
	char *role = NULL;
	int err;

	*out = 0;
	if ((err = ov_agreement_load(&doc, &path, txn, id)) >= 0) {
		role = ov_actor_party_role(doc, p, 0);
		*out = role != NULL;
	}
	free(role);
	xmlFreeDoc(doc);
	ov_buf_dispose(&path);
	return err;
}

int ov_agreement_may_read(ov_workspace *ws, const char *actor, const char *id)
{
	ov_txn txn;
	ov_person *p = NULL;
	int err, party = 0;

	ov_txn_read_at_head(&txn, ws);
	if ((err = ov_person_load(&p, &txn, actor)) < 0)
		return err;
	if ((err = ov_ws_agreement_party(&party, ws, id ? id : "", p->orgnr)) >= 0 &&
	    ov_roles_intersect(p->roles, "admin reviewer"))
		party = 1;
	else if (err >= 0 && party && p->nunits)
		err = acts_for_a_party(&party, &txn, p, id);
	if (err >= 0 && !party)
		err = ov_error_set(OV_EDENIED,
			"%s may not read agreement %s: %s is not one of its parties",
			p->email, id, p->orgnr);
	ov_person_free(p);
	return err;
}

void ov_list_free(ov_list_row *rows, size_t n)
{
	for (size_t i = 0; rows && i < n; i++) {
		free(rows[i].id);   /* and title, workflow and phase (pack_row) */
		free(rows[i].next_date);
		free(rows[i].next_label);
		free(rows[i].expired_on);
	}
	free(rows);
}

static int due_cb(const ov_ws_due_row *in, void *payload)
{
	ov_date_entry *r = grow(payload);

	if (!r)
		return ov_error_set(OV_ENOMEM, "out of memory");
	r->date = dup_or_null(in->date);
	r->kind = dup_or_null(in->kind);
	r->label = dup_or_null(in->label);
	r->agreement = dup_or_null(in->agreement);
	r->title = dup_or_null(in->title);
	return 0;
}

/* Drops the index's rows of agreement `id` (its dates are computed instead). */
static void drop_rows_of(row_array *r, const char *id)
{
	ov_date_entry *v = r->v;
	size_t k = 0;

	for (size_t i = 0; i < r->n; i++) {
		if (v[i].agreement && !strcmp(v[i].agreement, id)) {
			free(v[i].date);
			free(v[i].kind);
			free(v[i].label);
			free(v[i].agreement);
			free(v[i].title);
			continue;
		}
		v[k++] = v[i];
	}
	r->n = k;
}

/* A tacitly renewed agreement past its indexed dates: its dates in [from, to] from its rules. */
static int due_computed(row_array *r, asof_reader *a, const char *id, ov_date from, ov_date to)
{
	const ov_workflow *wf = NULL;
	xmlDocPtr doc = NULL;
	ov_term_rules rules;
	ov_term_dates d = { NULL, 0, 0 };
	char *title = NULL;
	int ok, err;

	if ((err = asof_read(&ok, &doc, &wf, &rules, a, id)) < 0 || !ok ||
	    rules.kind != OV_RENEW_TACIT || rules.terminated)
		goto done;
	if ((err = ov_term_dates_between(&d, doc, &rules, wf, from, to)) < 0)
		goto done;
	drop_rows_of(r, id);
	title = ov_xml_text(ov_xml_child(xmlDocGetRootElement(doc), "title"));
	for (size_t i = 0; i < d.n && err >= 0; i++) {
		ov_date_entry *e = grow(r);
		err = e ? fill_date_entry(e, d.v[i].date, d.v[i].kind, d.v[i].label, id, title)
			: ov_error_set(OV_ENOMEM, "out of memory");
	}
done:
	free(title);
	ov_term_dates_dispose(&d);
	xmlFreeDoc(doc);
	return err;
}

static int due_order(const void *x, const void *y)
{
	const ov_date_entry *a = x, *b = y;
	int c = strcmp(a->date, b->date);

	if (!c)
		c = strcmp(a->agreement ? a->agreement : "", b->agreement ? b->agreement : "");
	return c ? c : strcmp(a->kind, b->kind);
}

/*
 * The dates the index does not hold: agreements with dates indexed, none
 * on or after `to` (an index range, ov_ws_list_dated_before).
 */
static int due_asof(row_array *r, ov_workspace *ws, const char *from_s, const char *to_s)
{
	id_list ids = { NULL, 0, 0 };
	asof_reader a;
	ov_date from, to;
	int err;

	if ((err = ov_date_parse(&from, from_s)) < 0 || (err = ov_date_parse(&to, to_s)) < 0)
		return err;
	if ((err = ov_ws_list_dated_before(ws, to_s, undated_cb, &ids)) < 0) {
		id_list_dispose(&ids);
		return err;
	}
	asof_reader_init(&a, ws);
	for (size_t i = 0; i < ids.n && err >= 0; i++)
		err = tolerate(due_computed(r, &a, ids.v[i], from, to));
	asof_reader_dispose(&a);
	id_list_dispose(&ids);
	if (err >= 0 && r->n > 1)
		qsort(r->v, r->n, sizeof(ov_date_entry), due_order);
	return err;
}

int ov_due(ov_date_entry **out, size_t *n, ov_workspace *ws, const char *from, const char *to)
{
	row_array r = { NULL, 0, 0, sizeof(ov_date_entry) };
	int err;

	*out = NULL;
	*n = 0;
	if ((err = ov_ws_due(ws, from, to, due_cb, &r)) < 0 ||
	    (err = due_asof(&r, ws, from, to)) < 0) {
		ov_dates_free(r.v, r.n);
		return err;
	}
	*out = r.v;
	*n = r.n;
	return OV_OK;
}

static int log_cb(const ov_ws_event *in, void *payload)
{
	ov_log_row *r = grow(payload);

	if (!r)
		return ov_error_set(OV_ENOMEM, "out of memory");
	r->commit = dup_or_null(in->commit);
	r->event = dup_or_null(in->event);
	r->actor = dup_or_null(in->actor);
	r->actor_name = dup_or_null(in->actor_name);
	r->date = dup_or_null(in->date);
	r->summary = dup_or_null(in->summary);
	r->body = dup_or_null(in->body);
	r->phase_from = dup_or_null(in->phase_from);
	r->phase_to = dup_or_null(in->phase_to);
	r->trailers = dup_or_null(in->trailers);
	r->when = in->when;
	r->offset = in->offset;
	return 0;
}

int ov_agreement_log(ov_log_row **out, size_t *n, ov_workspace *ws, const char *id)
{
	row_array r = { NULL, 0, 0, sizeof(ov_log_row) };
	int err;

	*out = NULL;
	*n = 0;
	err = ov_ws_events(ws, id, log_cb, &r);
	if (!err && !r.n) {
		/* No event: the agreement must still exist (else OV_ENOTFOUND). */
		ov_txn txn;
		ov_buf path = OV_BUF_INIT;
		xmlDocPtr doc = NULL;
		ov_txn_read_at_head(&txn, ws);
		err = ov_agreement_load(&doc, &path, &txn, id);
		xmlFreeDoc(doc);
		ov_buf_dispose(&path);
	}
	if (err < 0) {
		ov_log_free(r.v, r.n);
		return err;
	}
	*out = r.v;
	*n = r.n;
	return OV_OK;
}

void ov_log_free(ov_log_row *rows, size_t n)
{
	for (size_t i = 0; rows && i < n; i++) {
		free(rows[i].commit);
		free(rows[i].event);
		free(rows[i].actor);
		free(rows[i].actor_name);
		free(rows[i].date);
		free(rows[i].summary);
		free(rows[i].body);
		free(rows[i].phase_from);
		free(rows[i].phase_to);
		free(rows[i].trailers);
	}
	free(rows);
}

int ov_agreement_questions(ov_question **out, size_t *n, ov_workspace *ws, const char *id)
{
	ov_txn txn;
	xmlDocPtr doc = NULL;
	ov_workflow *wf = NULL;
	ov_question *q = NULL;
	const ov_wf_phase *ph;
	char *phase = NULL;
	size_t i, cnt = 0;
	int err;

	*out = NULL;
	*n = 0;
	ov_txn_read_at_head(&txn, ws);
	if ((err = load(&doc, &wf, &txn, id)) < 0)
		goto done;
	phase = ov_xml_attr(ov_xml_child(xmlDocGetRootElement(doc), "state"), "phase");
	ph = ov_workflow_phase(wf, phase);
	if (!ph)
		goto done;
	if (!(q = calloc(ph->nquestions + 1, sizeof(*q)))) {
		err = ov_error_set(OV_ENOMEM, "out of memory");
		goto done;
	}
	for (i = 0; i < ph->nquestions; i++) {
		const ov_wf_field *f = ov_workflow_field(wf, ph->questions[i].key);
		ov_question *o = &q[cnt++];
		o->field = strdup(f->name);
		o->label = strdup(f->label ? f->label : f->name);
		o->type = strdup(f->type ? f->type : "text");
		o->text = strdup(ph->questions[i].text);
		o->help = ph->questions[i].help ? strdup(ph->questions[i].help) : NULL;
		if ((err = ov_agreement_field_get(&o->value, doc, f)) < 0)
			goto done;
	}
	*out = q;
	*n = cnt;
	q = NULL;
done:
	ov_questions_free(q, cnt);
	free(phase);
	xmlFreeDoc(doc);
	ov_workflow_free(wf);
	return err;
}

void ov_questions_free(ov_question *q, size_t n)
{
	for (size_t i = 0; q && i < n; i++) {
		free(q[i].field);
		free(q[i].label);
		free(q[i].type);
		free(q[i].text);
		free(q[i].help);
		free(q[i].value);
	}
	free(q);
}

int ov_agreement_show(ov_buf *out, ov_workspace *ws, const char *id, const char *rev)
{
	ov_buf path = OV_BUF_INIT;
	int err;

	if (!id || !*id || strchr(id, '/') || strchr(id, '.'))
		return ov_error_set(OV_EINVALID, "'%s' is not an agreement id", id ? id : "");
	if ((err = ov_agreement_path(&path, id, "agreement.xml")) < 0)
		return err;
	/* A revision that does not exist is named as such, not as a missing agreement. */
	if (rev) {
		char tree[41];

		if ((err = ov_ws_commit_tree(tree, ws, rev)) < 0) {
			ov_buf_dispose(&path);
			return err;
		}
	}
	err = ov_ws_read(out, ws, rev, path.ptr);
	if (err == OV_ENOTFOUND)
		err = rev ? ov_error_set(OV_ENOTFOUND, "no agreement %s at %s", id, rev)
			  : ov_error_set(OV_ENOTFOUND, "no agreement %s in this workspace", id);
	ov_buf_dispose(&path);
	return err;
}
