/*
 * term.h - an agreement's term as of a date: how it renews, when it ends,
 * whether it has expired, which follow-ups are still open, and every date
 * that falls in a window (term ends, notice deadlines, expiry, follow-ups,
 * meetings).  The rules are the workflow's (<dates><term .../>), as copied
 * into the agreement's <term> when its start was set; the date arithmetic
 * is engine/base/date.c's (the notice rule: ov_notice_deadline, ov_notice_end).
 *
 * Everything here reads the document and computes; nothing is written but
 * by ov_agreement_compute_dates (agreement.c), which stores the dates of a
 * bounded window as derived data for the index.
 */
#ifndef OV_TERM_H
#define OV_TERM_H

#include <stddef.h>
#include "overens/lazy_xml.h"
#include "overens/date.h"
#include "engine/lifecycle/workflow.h"

/* An agreement's term rules: its <term> with the workflow's as defaults. */
typedef struct ov_term_rules {
	ov_date start;
	ov_date end;          /* tacit: the first term's end; fixed and explicit: the
			       * term's end (moved by each recorded renewal) */
	ov_period length, period, notice;
	ov_wf_renewal kind;
	ov_notice_mode notice_to; /* what notice ends (ov_notice_end) */
	ov_date anchor;       /* term ends are ov_term_nth_end(anchor, &first, &period, k): */
	ov_period first;      /* start and length, or, for a stored first end the rule
			       * would not give (an older document), end + 1 and P0D */
	const ov_wf_schedule *followups;  /* the chosen follow-up schedule, or NULL */
	int terminated;       /* a <termination> with an effective date */
	ov_date effective;    /* terminated: the day the agreement ends */
} ov_term_rules;

/*
 * Reads the rules of the agreement in `doc`.  OV_ENOTFOUND (no message set)
 * when the term has no valid start yet.  A <term renewal="P1Y"> written
 * before renewal kinds existed is read as a tacit renewal by P1Y.
 */
int ov_term_rules_read(ov_term_rules *out, xmlDocPtr doc, const ov_workflow *wf);

/* The end of the term in force on `asof` (tacit: the renewal that holds it). */
ov_date ov_term_end_asof(const ov_term_rules *r, ov_date asof);

/*
 * The day the agreement ends after notice given on `given` with notice
 * period `notice` (the rules' own, or one the step names): the one rule,
 * ov_notice_end, in the rules' mode, against the term in force on `given`
 * and, when it renews tacitly, the next one.  r NULL (no term yet):
 * given + notice.
 */
ov_date ov_term_notice_end(const ov_term_rules *r, ov_date given, const ov_period *notice);

/*
 * The term's end after one more explicit renewal: the next term end of the
 * rules' anchor (ov_term_nth_end) after the current end, so month ends do
 * not drift; ov_renewal_end from the current end when that end is none of
 * the anchor's term ends.
 */
ov_date ov_term_renewed_end(const ov_term_rules *r);

/*
 * The first day of the term in force on `asof`, and the last day the
 * derived dates cover: the end of the period after it (fixed, explicit,
 * terminated: the agreement's last day).
 */
ov_date ov_term_start_asof(const ov_term_rules *r, ov_date asof);
ov_date ov_term_horizon(const ov_term_rules *r, ov_date asof);

/* 1 when the term ended without renewal before `asof` (and no notice ended it). */
int ov_term_expired(const ov_term_rules *r, ov_date asof);

/*
 * 1 when the agreement in `doc` has come into force (every party signed a
 * version).  Dates (term ends, notice deadlines, expiry, follow-ups,
 * meetings) exist only from then on: a draft with a start has none.
 */
int ov_term_in_force(xmlDocPtr doc);

/*
 * 1 when the agreement in `doc` came into force and its term ended without
 * renewal (and no notice ended it) before `asof`; *end is then the term's
 * last day.  Whether its phase is final is the caller's to check.
 */
int ov_term_expired_doc(ov_date *end, xmlDocPtr doc, const ov_workflow *wf, ov_date asof);

/* The latest date the document records (start, phase changes, follow-ups, ...). */
ov_date ov_term_last_recorded(xmlDocPtr doc, const ov_term_rules *r);

/* A computed date; kind and label point into static text or the workflow. */
typedef struct ov_term_date {
	ov_date date;
	const char *kind;     /* term-end, notice, expiry, followup, meeting */
	const char *label;
} ov_term_date;

typedef struct ov_term_dates {
	ov_term_date *v;
	size_t n, cap;
} ov_term_dates;

/*
 * Every date of the agreement in [from, to], by date: a terminated one's
 * end only; otherwise each term end in the window (kind term-end when it
 * renews tacitly, expiry when it does not) with its notice deadline (tacit
 * only), the follow-ups not yet satisfied by a recorded one, and the
 * meetings, none after the agreement's last day.  Caller disposes *out.
 */
int ov_term_dates_between(ov_term_dates *out, xmlDocPtr doc, const ov_term_rules *r,
			  const ov_workflow *wf, ov_date from, ov_date to);
void ov_term_dates_dispose(ov_term_dates *d);

/* The match of the recorded follow-ups against the chosen schedule. */
typedef struct ov_term_followups {
	ov_date *sched;       /* scheduled dates from the start, in order */
	int *used;            /* 1 when a recorded follow-up satisfies sched[i] */
	size_t nsched;
	ov_date *rec;         /* the recorded follow-ups' dates, in document order */
	xmlNodePtr *nodes;    /* rec[j]'s <followup> element */
	int *match;           /* rec[j]'s scheduled date's index, or -1 (extra) */
	size_t nrec;
} ov_term_followups;

/*
 * Matches the <followups> of `doc` against the schedule from the start up
 * to `until` (and a little after the last recorded one): a follow-up that
 * names its date (@for) keeps it; the others each satisfy the nearest open
 * scheduled date within its tolerance (ov_followups_match).  Caller
 * disposes *out.
 */
int ov_term_followups_match(ov_term_followups *out, xmlDocPtr doc, const ov_term_rules *r,
			    ov_date until);
void ov_term_followups_dispose(ov_term_followups *f);

#endif
