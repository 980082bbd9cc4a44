/*
 * overens/query.h - reading agreements: status, lists, due dates, history,
 * interview questions and the document itself.
 *
 * Every result is owned by the caller and released with the matching
 * _free function (NULL-safe).  Dates are "YYYY-MM-DD"; `today` NULL means
 * today in Sweden.
 */
#ifndef OVERENS_QUERY_H
#define OVERENS_QUERY_H

#include <stddef.h>
#include "overens/buf.h"
#include "overens/workspace.h"

/*
 * A date of an agreement.  kind: term-end (a term end that renews tacitly,
 * or the day a terminated agreement ends), notice (the last day notice
 * still ends the agreement at the next term end), expiry (a term that does
 * not renew, or renews only explicitly, ends), followup, meeting.
 */
typedef struct ov_date_entry {
	char *date, *kind, *label, *agreement, *title;
} ov_date_entry;

/*
 * A follow-up in status: a recorded one (date set) and the scheduled date
 * it counts for (planned; NULL for an extra one outside every tolerance),
 * or a scheduled one still open on the day asked (date NULL, planned set).
 */
typedef struct ov_followup_entry {
	char *date, *planned;
	char *decision;   /* recorded: continue, amend or terminate; open: NULL */
} ov_followup_entry;

typedef struct ov_status_party {
	char *role, *name, *orgnr;
	char *unit;       /* the unit of the organisation that is the party, or NULL (all of it) */
	int own;          /* 1 when the acting person may act for this party */
	char *decision;   /* outcome, or NULL when not decided */
	char *signed_on;  /* date, or NULL */
	char *notice_on;  /* a party that has left: the day it gave notice, else NULL */
	char *left_on;    /* a party that has left: the day its participation ends, else NULL */
} ov_status_party;

typedef struct ov_status_step {
	char *event, *roles, *to;
	int party_own;
	char **missing;   /* what is still missing before the step, in Swedish */
	size_t nmissing;
	int may;            /* 1 when the acting person's organisation and roles allow the step
			     * (for a party's own step: they act for one of the parties) */
	char *label;        /* the step's name in Swedish: the workflow's label, else the
			     * built-in event's, else the event */
	char *party_roles;  /* party_own and may: the party roles the actor may act for
			     * (space-separated); else NULL */
	char *fields;       /* the fields a declared step sets (space-separated), else NULL */
	char *denied;       /* !may: why, in Swedish (one line); else NULL */
} ov_status_step;

/* A question is reused for the follow-up's: field = the answer's id, text = the question. */
typedef struct ov_question ov_question;

typedef struct ov_status {
	char *id, *title, *kind, *workflow, *phase, *phase_label, *since;
	int version, frozen, final;
	ov_status_party *parties;
	size_t nparties;
	ov_status_party *departed;   /* the parties that have left it (role, name, orgnr,
				      * unit, notice_on, left_on) */
	size_t ndeparted;
	ov_status_step *steps;
	size_t nsteps;
	ov_date_entry *dates;   /* coming dates, soonest first */
	size_t ndates;
	ov_question *followup;  /* the current phase's follow-up questions (field, text) */
	size_t nfollowup;
	char *actor_orgnr;      /* the organisation the acting person acts for, or NULL */
	char *renewal;          /* how the term renews: "tacit", "fixed" or "explicit";
				 * NULL while the term has no start */
	char *term_end;         /* the end of the term in force on the day asked (tacit:
				 * the renewal that holds it), or NULL */
	int expired;            /* 1 when the term ended without renewal before the day
				 * asked: the agreement no longer applies (the phase in
				 * git does not change by itself) */
	ov_followup_entry *followups;   /* recorded follow-ups with their planned dates, then
					 * the planned ones still open up to the day asked */
	size_t nfollowups;
} ov_status;

/* The status as nobody in particular sees it: every step's may is 0. */
int ov_agreement_status(ov_status **out, ov_workspace *ws, const char *id, const char *today);
/*
 * The status for the acting person `actor` (an e-mail address; NULL as
 * ov_agreement_status): which steps they may take, and why not.  OV_EDENIED
 * when `actor` is not registered, OV_ENOTFOUND when there is no agreement `id`.
 */
int ov_agreement_status_for(ov_status **out, ov_workspace *ws, const char *id, const char *today,
			    const char *actor);
void ov_status_free(ov_status *st);

/* A row of a list; free the rows with ov_list_free only (id, title,
 * workflow and phase share one allocation). */
typedef struct ov_list_row {
	char *id, *title, *workflow, *phase, *next_date, *next_label;
	int version;
	int expired;        /* 1 when the term ended without renewal before the day asked */
	char *expired_on;   /* expired: the term's last day; else NULL */
} ov_list_row;

int ov_agreement_list(ov_list_row **out, size_t *n, ov_workspace *ws, const char *today);

/*
 * The agreements organisation `orgnr` is a party to (NULL: every agreement),
 * by id: `limit` rows (0 = all) from row `offset`; *total (may be NULL) the
 * number of matching agreements.  Rows as ov_agreement_list's.
 */
int ov_agreement_list_for(ov_list_row **out, size_t *n, ov_workspace *ws, const char *orgnr,
			  const char *today, size_t limit, size_t offset, size_t *total);

/*
 * The rows of ov_agreement_list_for, one call of `cb` each, in order,
 * without keeping them: the strings of `row` last until `cb` returns.  A
 * non-zero return from `cb` stops the list and is returned.
 */
typedef int (*ov_list_cb)(const ov_list_row *row, void *payload);
int ov_agreement_list_each(ov_workspace *ws, const char *orgnr, const char *today,
			   size_t limit, size_t offset, ov_list_cb cb, void *payload);

/*
 * Whether `actor` (an e-mail address) may read agreement `id`: OV_OK when
 * they may act for one of its parties (their organisation, and when they
 * act for units of it, one of those units) or they hold the admin or
 * reviewer role; OV_EDENIED otherwise (and for a person who is not
 * registered); OV_ENOTFOUND when there is no such agreement.
 */
int ov_agreement_may_read(ov_workspace *ws, const char *actor, const char *id);
void ov_list_free(ov_list_row *rows, size_t n);

/*
 * Every follow-up, term end, expiry, notice deadline and meeting in [from,
 * to], by date.  Dates beyond what the index holds for a tacitly renewed
 * agreement are computed from its rules, so any window is answered.
 */
int ov_due(ov_date_entry **out, size_t *n, ov_workspace *ws, const char *from, const char *to);
void ov_dates_free(ov_date_entry *d, size_t n);

typedef struct ov_log_row {
	char *commit, *event, *actor, *actor_name, *date, *summary, *body;
	char *phase_from, *phase_to, *trailers;
	long long when;
	int offset;
} ov_log_row;

int ov_agreement_log(ov_log_row **out, size_t *n, ov_workspace *ws, const char *id);
void ov_log_free(ov_log_row *rows, size_t n);

struct ov_question {
	char *field, *label, *type, *text, *help, *value;
};

/* The current phase's questions with the values filled in so far. */
int ov_agreement_questions(ov_question **out, size_t *n, ov_workspace *ws, const char *id);
void ov_questions_free(ov_question *q, size_t n);

/* Every phase's questions, for forms phase by phase. */
typedef struct ov_form_question {
	char *phase, *phase_label;
	char *field, *label, *type, *text, *help, *value;   /* as ov_question; value NULL when
							      * unset; a list field: items
							      * joined with "\n" */
	char *choices;  /* a choice or subject field: its values, "value|Label" lines; else NULL */
	int current;    /* 1 for the agreement's current phase */
	int editable;   /* 1 when set may change it now (the current phase is not frozen) */
} ov_form_question;

/* The questions of every phase of agreement `id`'s workflow, phase by phase. */
int ov_agreement_form(ov_form_question **out, size_t *n, ov_workspace *ws, const char *id);
void ov_form_free(ov_form_question *q, size_t n);

/* What a step takes, for a form: one input per param. */
typedef struct ov_step_input {
	char *name;      /* the param key ("body", "minutes", "answer.andra", "set:uppdrag.vem") */
	char *label;     /* Swedish */
	char *type;      /* "text", "longtext", "date", "party", "choice", "yesno" */
	char *choices;   /* choice, yesno and party: "value|Label" lines; else NULL */
	int required;
} ov_step_input;

/*
 * The inputs of step `event` of agreement `id`: a built-in event's params;
 * a declared step's "party" and one "set:FIELD" per field it sets (given
 * to ov_agreement_event as "set" = "FIELD=VALUE"); a followup's "decision"
 * and one "answer.<id>" per follow-up question of the current phase.  A
 * party input's choices are the agreement's parties ("role|name").  sign's
 * are "party" and "place" (signing itself is ov_agreement_sign's).
 * OV_EINVALID for a name that is no built-in event and no step of the
 * workflow.
 */
int ov_step_inputs(ov_step_input **out, size_t *n, ov_workspace *ws, const char *id,
		   const char *event);
void ov_step_inputs_free(ov_step_input *in, size_t n);

/* A workflow an agreement can be started from. */
typedef struct ov_workflow_party_info {
	char *role, *label, *kinds;
} ov_workflow_party_info;
typedef struct ov_workflow_info {
	char *id, *title, *kind;
	int min_parties, max_parties;
	ov_workflow_party_info *parties;
	size_t nparties;
} ov_workflow_info;

/*
 * The workflows installed in the data folder (workflows/<id>.xml), by id,
 * as ov_agreement_create would use them (the workspace's copy when it has
 * one).  A definition that does not load makes the whole call fail.
 */
int ov_workflow_list(ov_workflow_info **out, size_t *n, ov_workspace *ws);
void ov_workflow_list_free(ov_workflow_info *w, size_t n);

/* An installed subject (workflows/subjects/<id>.xml): what an agreement is about. */
typedef struct ov_subject_info {
	char *id, *label, *description;
} ov_subject_info;

/* The subjects installed in the data folder, by id. */
int ov_subject_list(ov_subject_info **out, size_t *n, ov_workspace *ws);
void ov_subject_list_free(ov_subject_info *s, size_t n);

/* The version of an agreement in force on a day (ov_agreement_in_force). */
typedef struct ov_in_force {
	char commit[41];      /* the commit holding that version as it stood on the day */
	int version;          /* its text version */
	char signed_on[11];   /* the day its signing was completed (every party had signed) */
	char ends[11];        /* the day it ends as known on the day (the termination's
			       * effective day, a fixed term's end), or "" */
} ov_in_force;

/*
 * The version of agreement `id` in force on `date` (YYYY-MM-DD; NULL: today
 * in Sweden), from its history in git: the last version whose signing by
 * every party was completed on or before the day, as it stood on the day
 * (before any change to it was proposed), provided the agreement had not
 * ended by then: a termination runs to the end of its effective day (an
 * immediate one ends on it), a fixed term to its end, an `end` event closes
 * it after its day.  Give out->commit to ov_agreement_show,
 * ov_agreement_status_at or ov_render's rev.  OV_ENOTFOUND when no version
 * was in force then ("no version of X was in force on DATE (first signed by
 * all parties on …)", "X was no longer in force on DATE: it ended on …") or
 * there is no agreement `id`; OV_EINVALID for a bad date.
 */
int ov_agreement_in_force(ov_in_force *out, ov_workspace *ws, const char *id, const char *date);

/*
 * ov_agreement_status of the agreement as it was at commit `rev` (40 hex
 * digits; NULL: now), with its coming dates counted from `today`: what
 * `status --as-of` shows for the commit ov_agreement_in_force found.
 */
int ov_agreement_status_at(ov_status **out, ov_workspace *ws, const char *id, const char *today,
			   const char *rev);

/*
 * The agreement document as stored at `rev` (a commit id, a tag such as
 * "2026-0001-v1", or NULL for now).  Appends to `out`.
 */
int ov_agreement_show(ov_buf *out, ov_workspace *ws, const char *id, const char *rev);

#endif
