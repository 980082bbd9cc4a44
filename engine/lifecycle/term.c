/*
 * term.c - an agreement's term as of a date (see term.h).
 *
 * Three renewal kinds, as workflow.rng describes them:
 *
 *   fixed     start ........ end]                      expires after `end`
 *   explicit  start ........ end] (+period per recorded renewal, which
 *             moves term/@end)                         expires after `end`
 *   tacit     start ........ end] ... end+1p] ... end+2p] ...
 *             the term in force on day X ends on the first term end of
 *             length + k*period from the start that is >= X
 *             (ov_term_current_end); nothing is recorded
 *
 * A <termination> ends any of them on its effective date.  Notice and its
 * deadline follow the one rule in engine/base/date.c.
 *
 * Follow-ups are scheduled from the start (the chosen schedule); each
 * recorded one satisfies the nearest open scheduled date within its
 * tolerance window, which is the schedule's `tolerance` either side, or by
 * default half the gap to the next scheduled date (for the last listed
 * date without a repeat: to the one before; for a single date: to the
 * start).
 */
#include <stdlib.h>
#include <string.h>

#include "overens/error.h"
#include "engine/lifecycle/term.h"
#include "engine/base/xmlsafe.h"

/* At most this many scheduled dates are considered per schedule. */
#define SCHED_MAX 4096

static int date_attr(ov_date *out, xmlNodePtr n, const char *name)
{
	char *s = n ? ov_xml_attr(n, name) : NULL;
	int err;

	if (!s)
		return OV_ENOTFOUND;
	err = ov_date_parse(out, s);
	free(s);
	if (err < 0)
		ov_error_clear();
	return err;
}

/* Attribute `name` as a period; 1 when present and valid, else 0 (*out untouched). */
static int period_attr(ov_period *out, xmlNodePtr n, const char *name)
{
	char *s = ov_xml_attr(n, name);
	ov_period p;
	int ok = s && ov_period_parse(&p, s) == OV_OK;

	if (s && !ok)
		ov_error_clear();
	if (ok)
		*out = p;
	free(s);
	return ok;
}

static int is_zero(const ov_period *p)
{
	return !p->years && !p->months && !p->days;
}

/* renewal="tacit|fixed|explicit", or (before renewal kinds) a period: tacit by it. */
static void read_renewal(ov_term_rules *r, xmlNodePtr term, const ov_workflow *wf)
{
	char *kind = ov_xml_attr(term, "renewal");

	r->kind = wf->renewal_kind;
	r->period = wf->renewal;
	if (kind && !strcmp(kind, "tacit"))
		r->kind = OV_RENEW_TACIT;
	else if (kind && !strcmp(kind, "fixed"))
		r->kind = OV_RENEW_FIXED;
	else if (kind && !strcmp(kind, "explicit"))
		r->kind = OV_RENEW_EXPLICIT;
	else if (kind && period_attr(&r->period, term, "renewal"))
		r->kind = OV_RENEW_TACIT;
	free(kind);
	period_attr(&r->period, term, "period");
	if (r->kind == OV_RENEW_FIXED || r->period.negative)
		memset(&r->period, 0, sizeof(r->period));
	if (r->kind != OV_RENEW_FIXED && is_zero(&r->period))
		r->kind = OV_RENEW_FIXED;   /* a renewal by nothing is no renewal */
}

/*
 * notice-to="period|term-end": the agreement's; a <term> whose rules were
 * copied before the modes existed (a duration, no notice-to) keeps the
 * running period it was made under; else the workflow's.
 */
static void read_notice_to(ov_term_rules *r, xmlNodePtr term, const ov_workflow *wf)
{
	char *to = ov_xml_attr(term, "notice-to");

	r->notice_to = xmlHasProp(term, (const xmlChar *)"duration") ? OV_NOTICE_PERIOD
								      : wf->notice_to;
	if (to && !strcmp(to, "term-end"))
		r->notice_to = OV_NOTICE_TERM_END;
	else if (to && !strcmp(to, "period"))
		r->notice_to = OV_NOTICE_PERIOD;
	free(to);
}

int ov_term_rules_read(ov_term_rules *out, xmlDocPtr doc, const ov_workflow *wf)
{
	xmlNodePtr root = xmlDocGetRootElement(doc), term = ov_xml_child(root, "term");
	char *choice;

	memset(out, 0, sizeof(*out));
	if (!term || date_attr(&out->start, term, "start") < 0)
		return OV_ENOTFOUND;
	out->length = wf->term;
	period_attr(&out->length, term, "duration");
	out->notice = wf->notice;
	period_attr(&out->notice, term, "notice");
	read_renewal(out, term, wf);
	read_notice_to(out, term, wf);
	out->anchor = out->start;
	out->first = out->length;
	if (date_attr(&out->end, term, "end") < 0)
		out->end = ov_term_end(out->start, &out->length);
	else if (out->kind == OV_RENEW_TACIT &&
		 ov_date_cmp(out->end, ov_term_end(out->start, &out->length))) {
		out->anchor = ov_date_from_days(ov_date_to_days(out->end) + 1);
		memset(&out->first, 0, sizeof(out->first));
	}
	choice = ov_xml_attr(term, "followups");
	out->followups = ov_workflow_followups(wf, choice);
	free(choice);
	out->terminated = date_attr(&out->effective, ov_xml_child(root, "termination"),
				    "effective") == OV_OK;
	return OV_OK;
}

static ov_date nth_end(const ov_term_rules *r, long k)
{
	return ov_term_nth_end(r->anchor, &r->first, &r->period, k);
}

ov_date ov_term_end_asof(const ov_term_rules *r, ov_date asof)
{
	if (r->kind != OV_RENEW_TACIT)
		return r->end;
	return ov_term_current_end(r->anchor, &r->first, &r->period, asof, NULL);
}

ov_date ov_term_notice_end(const ov_term_rules *r, ov_date given, const ov_period *notice)
{
	ov_date next;
	long k = 0;

	if (!r)
		return ov_notice_effective(given, notice);
	if (r->kind != OV_RENEW_TACIT)
		return ov_notice_end(given, notice, r->notice_to, r->end, NULL);
	ov_term_current_end(r->anchor, &r->first, &r->period, given, &k);
	next = nth_end(r, k + 1);
	return ov_notice_end(given, notice, r->notice_to, nth_end(r, k), &next);
}

ov_date ov_term_renewed_end(const ov_term_rules *r)
{
	long k = 0;
	ov_date e = ov_term_current_end(r->anchor, &r->first, &r->period, r->end, &k);

	if (ov_date_cmp(e, r->end))
		return ov_renewal_end(r->end, &r->period, 1);
	return nth_end(r, k + 1);
}

ov_date ov_term_start_asof(const ov_term_rules *r, ov_date asof)
{
	long k = 0;

	if (r->kind == OV_RENEW_TACIT)
		ov_term_current_end(r->anchor, &r->first, &r->period, asof, &k);
	if (k <= 0)
		return r->start;
	return ov_date_from_days(ov_date_to_days(nth_end(r, k - 1)) + 1);
}

ov_date ov_term_horizon(const ov_term_rules *r, ov_date asof)
{
	long k = 0;

	if (r->terminated)
		return r->effective;
	if (r->kind != OV_RENEW_TACIT)
		return r->end;
	ov_term_current_end(r->anchor, &r->first, &r->period, asof, &k);
	return nth_end(r, k + 1);
}

int ov_term_expired(const ov_term_rules *r, ov_date asof)
{
	return !r->terminated && r->kind != OV_RENEW_TACIT && ov_date_cmp(asof, r->end) > 0;
}

static size_t count_named(xmlNodePtr box, const char *name)
{
	size_t n = 0;

	for (xmlNodePtr c = box ? box->children : NULL; c; c = c->next)
		n += c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, name);
	return n;
}

/*
 * In force: every party has signed the version as it stands, or the
 * document records something that only follows a first signing (a
 * follow-up, an amendment, a departure, a renewal, a termination).  The
 * signatures alone do not say it: an approved amendment clears them until
 * the new version is signed, while the old one stays in force.
 */
int ov_term_in_force(xmlDocPtr doc)
{
	static const char *const after[][2] = { { "followups", "followup" },
						 { "amendments", "amendment" },
						 { "departures", "departure" },
						 { "renewals", "renewal" } };
	xmlNodePtr root = xmlDocGetRootElement(doc);
	size_t parties = count_named(ov_xml_child(root, "parties"), "party");

	if (parties && count_named(ov_xml_child(root, "signatures"), "signature") >= parties)
		return 1;
	for (size_t i = 0; i < sizeof(after) / sizeof(after[0]); i++)
		if (count_named(ov_xml_child(root, after[i][0]), after[i][1]))
			return 1;
	return ov_xml_child(root, "termination") != NULL;
}

int ov_term_expired_doc(ov_date *end, xmlDocPtr doc, const ov_workflow *wf, ov_date asof)
{
	ov_term_rules r;

	if (!ov_term_in_force(doc) || ov_term_rules_read(&r, doc, wf) != OV_OK ||
	    !ov_term_expired(&r, asof))
		return 0;
	*end = r.end;
	return 1;
}

/* The latest `attr` date among the children of root/`box`, if later than *d. */
static void later_of(ov_date *d, xmlNodePtr box, const char *attr)
{
	for (xmlNodePtr c = box ? box->children : NULL; c; c = c->next) {
		ov_date x;
		if (c->type == XML_ELEMENT_NODE && date_attr(&x, c, attr) == OV_OK &&
		    ov_date_cmp(x, *d) > 0)
			*d = x;
	}
}

ov_date ov_term_last_recorded(xmlDocPtr doc, const ov_term_rules *r)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	static const char *const boxes[] = { "signatures", "followups", "amendments", "renewals",
					     "steps", NULL };
	ov_date d = r->start, x;

	if (date_attr(&x, ov_xml_child(root, "state"), "since") == OV_OK && ov_date_cmp(x, d) > 0)
		d = x;
	for (size_t i = 0; boxes[i]; i++)
		later_of(&d, ov_xml_child(root, boxes[i]), "date");
	if (date_attr(&x, ov_xml_child(root, "termination"), "date") == OV_OK &&
	    ov_date_cmp(x, d) > 0)
		d = x;
	return d;
}

/* --- follow-ups ------------------------------------------------------------------ */

static long days_of(ov_date d)
{
	return ov_date_to_days(d);
}

/* Scheduled dates of `s` from `anchor` up to `until` into a new array (*out, *n). */
static int schedule_dates(ov_date **out, size_t *n, ov_date anchor, const ov_wf_schedule *s,
			  ov_date until)
{
	ov_schedule sch = { s->firsts, s->nfirsts, s->has_repeat ? &s->repeat : NULL };
	ov_date *v = calloc(SCHED_MAX, sizeof(*v));
	int cnt;

	*out = NULL;
	*n = 0;
	if (!v)
		return ov_error_set(OV_ENOMEM, "out of memory");
	cnt = ov_schedule_dates(v, SCHED_MAX, anchor, &sch, until);
	*out = v;
	*n = cnt > 0 ? (size_t)cnt : 0;
	return OV_OK;
}

/* Each scheduled date's tolerance window [lo, hi] (see the top of this file). */
static void tolerance_windows(ov_date *lo, ov_date *hi, const ov_date *sched, size_t n,
			      const ov_wf_schedule *s, ov_date start)
{
	for (size_t i = 0; i < n; i++) {
		long half;
		if (s->has_tolerance) {
			ov_period back = s->tolerance;
			back.negative = !back.negative;
			lo[i] = ov_date_add(sched[i], &back);
			hi[i] = ov_date_add(sched[i], &s->tolerance);
			continue;
		}
		if (i + 1 < n)
			half = (days_of(sched[i + 1]) - days_of(sched[i])) / 2;
		else if (i > 0)
			half = (days_of(sched[i]) - days_of(sched[i - 1])) / 2;
		else
			half = (days_of(sched[i]) - days_of(start)) / 2;
		lo[i] = ov_date_from_days(days_of(sched[i]) - half);
		hi[i] = ov_date_from_days(days_of(sched[i]) + half);
	}
}

/* The recorded follow-ups: their dates, and each one's @for marked used. */
static int read_recorded(ov_term_followups *f, xmlNodePtr box)
{
	size_t m = box ? (size_t)xmlChildElementCount(box) : 0;

	f->rec = calloc(m + 1, sizeof(*f->rec));
	f->match = calloc(m + 1, sizeof(*f->match));
	f->nodes = calloc(m + 1, sizeof(*f->nodes));
	if (!f->rec || !f->match || !f->nodes)
		return ov_error_set(OV_ENOMEM, "out of memory");
	for (xmlNodePtr c = box ? box->children : NULL; c; c = c->next) {
		ov_date d;
		if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "followup") ||
		    date_attr(&f->rec[f->nrec], c, "date") < 0)
			continue;
		f->match[f->nrec] = -2;
		f->nodes[f->nrec] = c;
		if (date_attr(&d, c, "for") == OV_OK)
			for (size_t i = 0; i < f->nsched; i++)
				if (!f->used[i] && !ov_date_cmp(f->sched[i], d)) {
					f->used[i] = 1;
					f->match[f->nrec] = (int)i;
					break;
				}
		f->nrec++;
	}
	return OV_OK;
}

/*
 * The recorded follow-ups that name no scheduled date, in date order (the
 * earliest chooses first), each against the dates still open.
 */
static int match_in_order(ov_term_followups *f, const ov_date *lo, const ov_date *hi)
{
	ov_date *sorted = calloc(f->nrec + 1, sizeof(*sorted));
	int *mm = calloc(f->nrec + 1, sizeof(*mm));
	size_t n = 0, *idx = calloc(f->nrec + 1, sizeof(*idx));
	int err = OV_OK;

	if (!sorted || !mm || !idx) {
		err = ov_error_set(OV_ENOMEM, "out of memory");
		goto done;
	}
	for (size_t j = 0; j < f->nrec; j++)
		if (f->match[j] == -2) {
			idx[n] = j;
			sorted[n++] = f->rec[j];
		}
	ov_followups_match(mm, sorted, n, f->sched, lo, hi, f->nsched, f->used);
	for (size_t j = 0; j < n; j++)
		f->match[idx[j]] = mm[j];
done:
	free(sorted);
	free(mm);
	free(idx);
	return err;
}

int ov_term_followups_match(ov_term_followups *out, xmlDocPtr doc, const ov_term_rules *r,
			    ov_date until)
{
	xmlNodePtr box = ov_xml_child(xmlDocGetRootElement(doc), "followups");
	ov_date *lo = NULL, *hi = NULL, last = until;
	ov_period margin = { 2, 0, 0, 0 };
	int err = OV_OK;

	memset(out, 0, sizeof(*out));
	later_of(&last, box, "date");
	if (r->followups &&
	    (err = schedule_dates(&out->sched, &out->nsched, r->start, r->followups,
				  ov_date_add(last, &margin))) < 0)
		return err;
	out->used = calloc(out->nsched + 1, sizeof(*out->used));
	lo = calloc(out->nsched + 1, sizeof(*lo));
	hi = calloc(out->nsched + 1, sizeof(*hi));
	if (!out->used || !lo || !hi) {
		err = ov_error_set(OV_ENOMEM, "out of memory");
		goto done;
	}
	if (r->followups)
		tolerance_windows(lo, hi, out->sched, out->nsched, r->followups, r->start);
	if ((err = read_recorded(out, box)) >= 0)
		err = match_in_order(out, lo, hi);
done:
	free(lo);
	free(hi);
	if (err < 0)
		ov_term_followups_dispose(out);
	return err;
}

void ov_term_followups_dispose(ov_term_followups *f)
{
	free(f->sched);
	free(f->used);
	free(f->rec);
	free(f->match);
	free(f->nodes);
	memset(f, 0, sizeof(*f));
}

/* --- dates in a window ----------------------------------------------------------- */

static int push(ov_term_dates *d, ov_date date, const char *kind, const char *label)
{
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 16;
		ov_term_date *g = realloc(d->v, cap * sizeof(*g));
		if (!g)
			return ov_error_set(OV_ENOMEM, "out of memory");
		d->v = g;
		d->cap = cap;
	}
	d->v[d->n].date = date;
	d->v[d->n].kind = kind;
	d->v[d->n].label = label;
	d->n++;
	return OV_OK;
}

static int in_window(ov_date d, ov_date from, ov_date to)
{
	return ov_date_cmp(d, from) >= 0 && ov_date_cmp(d, to) <= 0;
}

/* Term ends and notice deadlines in the window. */
static int term_dates(ov_term_dates *out, const ov_term_rules *r, ov_date from, ov_date to)
{
	long k;
	int err = OV_OK;

	if (r->kind == OV_RENEW_FIXED)
		return in_window(r->end, from, to)
			? push(out, r->end, "expiry", "Avtalstiden löper ut och avtalet upphör "
				"(ingen förlängning)") : OV_OK;
	if (r->kind == OV_RENEW_EXPLICIT)
		return in_window(r->end, from, to)
			? push(out, r->end, "expiry", "Avtalstiden löper ut; avtalet upphör om det "
				"inte förnyas") : OV_OK;
	ov_term_current_end(r->anchor, &r->first, &r->period, from, &k);
	for (; err >= 0; k++) {
		ov_date e = nth_end(r, k);
		ov_date dl = ov_notice_deadline(e, &r->notice);
		if (ov_date_cmp(dl, to) > 0 || e.y > 9999)
			break;
		if (!is_zero(&r->notice) && in_window(dl, from, to))
			err = push(out, dl, "notice",
				   "Sista dag att säga upp avtalet före avtalstidens slut");
		if (err >= 0 && in_window(e, from, to))
			err = push(out, e, "term-end",
				   "Avtalstiden löper ut; förlängs om ingen part har sagt upp avtalet");
	}
	return err;
}

/* The follow-ups not yet satisfied, in the window. */
static int followup_dates(ov_term_dates *out, xmlDocPtr doc, const ov_term_rules *r,
			  ov_date from, ov_date to)
{
	ov_term_followups f;
	int err;

	if (!r->followups)
		return OV_OK;
	if ((err = ov_term_followups_match(&f, doc, r, to)) < 0)
		return err;
	for (size_t i = 0; i < f.nsched && err >= 0; i++)
		if (!f.used[i] && in_window(f.sched[i], from, to))
			err = push(out, f.sched[i], "followup", r->followups->label);
	ov_term_followups_dispose(&f);
	return err;
}

static int meeting_dates(ov_term_dates *out, const ov_term_rules *r, const ov_workflow *wf,
			 ov_date from, ov_date to)
{
	int err = OV_OK;

	for (size_t i = 0; i < wf->nschedules && err >= 0; i++) {
		const ov_wf_schedule *s = &wf->schedules[i];
		ov_date *v = NULL;
		size_t n = 0;
		if (strcmp(s->kind, "meeting"))
			continue;
		if ((err = schedule_dates(&v, &n, r->start, s, to)) < 0)
			return err;
		for (size_t k = 0; k < n && err >= 0; k++) {
			const char *label = s->label ? s->label : s->kind;
			if (s->nth > 0 && s->nth_label && (k + 1) % (size_t)s->nth == 0)
				label = s->nth_label;
			if (in_window(v[k], from, to))
				err = push(out, v[k], s->kind, label);
		}
		free(v);
	}
	return err;
}

static int date_order(const void *a, const void *b)
{
	const ov_term_date *x = a, *y = b;
	int c = ov_date_cmp(x->date, y->date);

	return c ? c : strcmp(x->kind, y->kind);
}

int ov_term_dates_between(ov_term_dates *out, xmlDocPtr doc, const ov_term_rules *r,
			  const ov_workflow *wf, ov_date from, ov_date to)
{
	int err;

	memset(out, 0, sizeof(*out));
	if (r->terminated)
		return in_window(r->effective, from, to)
			? push(out, r->effective, "term-end", "Avtalet upphör efter uppsägning")
			: OV_OK;
	/* Nothing after the last day of a term that does not renew. */
	if (r->kind != OV_RENEW_TACIT && ov_date_cmp(to, r->end) > 0)
		to = r->end;
	if (ov_date_cmp(from, to) > 0)
		return OV_OK;
	if ((err = term_dates(out, r, from, to)) < 0 ||
	    (err = followup_dates(out, doc, r, from, to)) < 0 ||
	    (err = meeting_dates(out, r, wf, from, to)) < 0) {
		ov_term_dates_dispose(out);
		return err;
	}
	if (out->n > 1)
		qsort(out->v, out->n, sizeof(*out->v), date_order);
	return OV_OK;
}

void ov_term_dates_dispose(ov_term_dates *d)
{
	free(d->v);
	memset(d, 0, sizeof(*d));
}
