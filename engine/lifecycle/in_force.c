/*
 * in_force.c - which version of an agreement was in force on a given day
 * (ov_agreement_in_force, see overens/query.h), read from its history in
 * git: every event is a commit, dated by its Date trailer.
 *
 * The rule, over the events in history order, skipping those dated after
 * the day (a `set` is dated the day it was made):
 *
 *   sign, and now every party has    version N comes into force that day
 *   signed the text (version N)      and replaces the one before
 *   the next events                  version N as it then stood (a
 *                                    renewal recorded, a notice
 *                                    given) …
 *   amend, a text of another         … until a change is proposed: from
 *   version, or an event dated       there on the document holds the draft
 *   after the day                    of version N+1 (or what came later),
 *                                    and version N stays in force as it
 *                                    stood before it
 *
 * and the agreement has ended when a termination given on or before the
 * day had taken effect (notice: after the effective day, the last day it
 * runs; immediate: on that day), its fixed term had run out, or an `end`
 * event had closed it before the day.
 */
#include <stdlib.h>
#include <string.h>

#include "overens/date.h"
#include "overens/error.h"
#include "overens/query.h"
#include "engine/lifecycle/engine.h"
#include "engine/base/xmlsafe.h"

typedef struct scan {
	ov_workspace *ws;
	const char *id, *date;   /* the agreement and the day asked about */
	ov_in_force cur;         /* the version in force as of the events read */
	int have, open;          /* cur is set; its range is open: no change proposed, no
				  * event dated after the day read since its signing */
	char first_signed[11];   /* the first day every party had signed, on any day */
	char end_event[11];      /* the day of an `end` event on or before the day */
} scan;

/* Agreement `id`'s document at `commit`. */
static int doc_at(xmlDocPtr *doc, ov_workspace *ws, const char *id, const char *commit)
{
	ov_buf xml = OV_BUF_INIT;
	int err;

	*doc = NULL;
	if ((err = ov_agreement_show(&xml, ws, id, commit)) >= 0)
		err = ov_xml_parse_memory(doc, xml.ptr, xml.size, id);
	ov_buf_dispose(&xml);
	return err;
}

/* Whether an element `name` among `parent`'s children has attribute party = `role`. */
static int has_party_child(xmlNodePtr parent, const char *name, const char *role)
{
	int found = 0;

	for (xmlNodePtr c = parent ? parent->children : NULL; c && !found; c = c->next) {
		char *p;
		if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, name))
			continue;
		p = ov_xml_attr(c, "party");
		found = p && !strcmp(p, role);
		free(p);
	}
	return found;
}

/* Whether every party of the document has signed it. */
static int all_signed(xmlNodePtr root)
{
	xmlNodePtr parties = ov_xml_child(root, "parties"), sigs = ov_xml_child(root, "signatures");
	int n = 0, all = 1;

	for (xmlNodePtr p = parties ? parties->children : NULL; p && all; p = p->next) {
		char *role;
		if (p->type != XML_ELEMENT_NODE)
			continue;
		role = ov_xml_attr(p, "role");
		all = role && has_party_child(sigs, "signature", role);
		free(role);
		n++;
	}
	return all && n > 0;
}

static int doc_version(xmlNodePtr root)
{
	char *v = ov_xml_attr(root, "version");
	int n = v ? atoi(v) : 1;

	free(v);
	return n;
}

static void copy_date(char out[11], const char *d)
{
	snprintf(out, 11, "%s", d ? d : "");
}

/* A sign event: whether it completed the signing of the text it signed (`counts`: by the day). */
static int read_sign(scan *s, const ov_log_row *r, int counts)
{
	xmlDocPtr doc = NULL;
	xmlNodePtr root;
	int err;

	if ((err = doc_at(&doc, s->ws, s->id, r->commit)) < 0)
		return err;
	root = xmlDocGetRootElement(doc);
	if (all_signed(root)) {
		if (!*s->first_signed)
			copy_date(s->first_signed, r->date);
		if (counts) {
			snprintf(s->cur.commit, sizeof(s->cur.commit), "%s", r->commit);
			s->cur.version = doc_version(root);
			copy_date(s->cur.signed_on, r->date);
			s->have = s->open = 1;
		}
	}
	xmlFreeDoc(doc);
	return OV_OK;
}

/* An event after the signing: the version as it now stands, or the end of its range. */
static int read_later(scan *s, const ov_log_row *r)
{
	xmlDocPtr doc = NULL;
	int err;

	if (!strcmp(r->event, "amend")) {
		s->open = 0;
		return OV_OK;
	}
	if ((err = doc_at(&doc, s->ws, s->id, r->commit)) < 0)
		return err;
	if (doc_version(xmlDocGetRootElement(doc)) != s->cur.version)
		s->open = 0;
	else
		snprintf(s->cur.commit, sizeof(s->cur.commit), "%s", r->commit);
	xmlFreeDoc(doc);
	return OV_OK;
}

/*
 * One event.  Events dated after the day are skipped, but they end the
 * range of the version in force (what followed in the history was not yet
 * so on the day); a `set` has no date of its own but the day it was made.
 */
static int read_row(scan *s, const ov_log_row *r)
{
	const char *event = r->event ? r->event : "";
	int counts = !r->date || strcmp(r->date, s->date) <= 0;

	if (!r->commit)
		return OV_OK;
	if (!counts) {
		s->open = 0;
		return !strcmp(event, "sign") && !*s->first_signed ? read_sign(s, r, 0) : OV_OK;
	}
	if (!strcmp(event, "sign"))
		return read_sign(s, r, 1);
	if (!strcmp(event, "end"))
		copy_date(s->end_event, r->date);
	return s->have && s->open ? read_later(s, r) : OV_OK;
}

/*
 * The last day of a term that does not renew by itself, or "": a fixed
 * term, or an explicit one (its end as moved by the renewals recorded by
 * then).  A tacit term renews until notice ends it.  A <term> written
 * before renewal kinds existed holds a period: P0D meant a fixed term.
 */
static void term_expiry(char out[11], xmlNodePtr root)
{
	xmlNodePtr term = ov_xml_child(root, "term");
	char *renewal = ov_xml_attr(term, "renewal"), *end = ov_xml_attr(term, "end");
	ov_period p;
	int expires = 0;

	out[0] = '\0';
	if (renewal && (!strcmp(renewal, "fixed") || !strcmp(renewal, "explicit")))
		expires = 1;
	else if (renewal && renewal[0] == 'P' && ov_period_parse(&p, renewal) == 0)
		expires = !p.years && !p.months && !p.days;
	if (expires && end)
		copy_date(out, end);
	ov_error_clear();
	free(renewal);
	free(end);
}

/*
 * The day the agreement ends as known on the day asked about (into
 * s->cur.ends, "" when none) and whether it had ended by then.  A
 * termination is recorded once and never withdrawn: the document now says
 * whether one was given on or before the day.  A fixed term's end is the
 * version's own, as it stood.
 */
static int ended(scan *s, int *out)
{
	xmlDocPtr now = NULL, then = NULL;
	xmlNodePtr t;
	char *eff = NULL, *imm = NULL, *given = NULL;
	int err;

	*out = 0;
	if ((err = doc_at(&now, s->ws, s->id, NULL)) < 0 ||
	    (err = doc_at(&then, s->ws, s->id, s->cur.commit)) < 0)
		goto done;
	t = ov_xml_child(xmlDocGetRootElement(now), "termination");
	given = ov_xml_attr(t, "date");
	if (given && strcmp(given, s->date) <= 0) {
		eff = ov_xml_attr(t, "effective");
		imm = ov_xml_attr(t, "immediate");
	}
	if (eff) {
		copy_date(s->cur.ends, eff);
		*out = strcmp(s->date, eff) > 0 ||
		       (imm && !strcmp(imm, "yes") && !strcmp(s->date, eff));
	} else {
		term_expiry(s->cur.ends, xmlDocGetRootElement(then));
		if (!*s->cur.ends)
			copy_date(s->cur.ends, s->end_event);
		*out = *s->cur.ends && strcmp(s->date, s->cur.ends) > 0;
	}
done:
	free(given);
	free(eff);
	free(imm);
	xmlFreeDoc(now);
	xmlFreeDoc(then);
	return err;
}

/*
 * A version signed before its term starts is agreed but not yet in force:
 * the refusal naming both days, or OV_OK.
 */
static int not_yet_started(const scan *s)
{
	xmlDocPtr doc = NULL;
	char *start = NULL;
	int err;

	if ((err = doc_at(&doc, s->ws, s->id, s->cur.commit)) < 0)
		return err;
	start = ov_xml_attr(ov_xml_child(xmlDocGetRootElement(doc), "term"), "start");
	if (start && strcmp(s->date, start) < 0)
		err = ov_error_set(OV_ENOTFOUND,
			"no version of %s was in force on %s: version %d was signed by all parties "
			"on %s, but its term starts on %s", s->id, s->date, s->cur.version,
			s->cur.signed_on, start);
	free(start);
	xmlFreeDoc(doc);
	return err;
}

/* The refusal when no version was in force on the day. */
static int none_in_force(const scan *s, int was_ended)
{
	if (was_ended)
		return ov_error_set(OV_ENOTFOUND, "%s was no longer in force on %s: it ended on %s",
				    s->id, s->date, s->cur.ends);
	if (*s->first_signed)
		return ov_error_set(OV_ENOTFOUND,
			"no version of %s was in force on %s (first signed by all parties on %s)",
			s->id, s->date, s->first_signed);
	return ov_error_set(OV_ENOTFOUND,
		"no version of %s was in force on %s: it has never been signed by all parties",
		s->id, s->date);
}

int ov_agreement_in_force(ov_in_force *out, ov_workspace *ws, const char *id, const char *date)
{
	ov_log_row *rows = NULL;
	ov_date d;
	char day[11];
	scan s;
	size_t n = 0;
	int err, was_ended = 0;

	memset(out, 0, sizeof(*out));
	memset(&s, 0, sizeof(s));
	if ((err = ov_resolve_date(&d, day, date)) < 0 ||
	    (err = ov_agreement_log(&rows, &n, ws, id)) < 0)
		return err;
	s.ws = ws;
	s.id = id;
	s.date = day;
	for (size_t i = 0; i < n && err >= 0; i++)
		err = read_row(&s, &rows[i]);
	if (err >= 0 && s.have)
		err = ended(&s, &was_ended);
	if (err >= 0 && (!s.have || was_ended))
		err = none_in_force(&s, was_ended);
	else if (err >= 0)
		err = not_yet_started(&s);
	if (err >= 0)
		*out = s.cur;
	ov_log_free(rows, n);
	return err;
}
