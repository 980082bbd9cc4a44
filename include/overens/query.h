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

typedef struct ov_date_entry {
	char *date, *kind, *label, *agreement, *title;
} ov_date_entry;

typedef struct ov_status_party {
	char *role, *name, *orgnr;
	char *decision;   /* outcome, or NULL when not decided */
	char *signed_on;  /* date, or NULL */
} ov_status_party;

typedef struct ov_status_step {
	char *event, *roles, *to;
	int party_own;
	char **missing;   /* what is still missing before the step, in Swedish */
	size_t nmissing;
} ov_status_step;

typedef struct ov_status {
	char *id, *title, *kind, *workflow, *phase, *phase_label, *since;
	int version, frozen, final;
	ov_status_party *parties;
	size_t nparties;
	ov_status_step *steps;
	size_t nsteps;
	ov_date_entry *dates;   /* coming dates, soonest first */
	size_t ndates;
} ov_status;

int ov_agreement_status(ov_status **out, ov_workspace *ws, const char *id, const char *today);
void ov_status_free(ov_status *st);

typedef struct ov_list_row {
	char *id, *title, *workflow, *phase, *next_date, *next_label;
	int version;
} ov_list_row;

int ov_agreement_list(ov_list_row **out, size_t *n, ov_workspace *ws, const char *today);
void ov_list_free(ov_list_row *rows, size_t n);

/* Every follow-up, term end, renewal, notice deadline and meeting in [from, to]. */
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

typedef struct ov_question {
	char *field, *label, *type, *text, *help, *value;
} ov_question;

/* The current phase's questions with the values filled in so far. */
int ov_agreement_questions(ov_question **out, size_t *n, ov_workspace *ws, const char *id);
void ov_questions_free(ov_question *q, size_t n);

/*
 * The agreement document as stored at `rev` (a commit id, a tag such as
 * "2026-0001-v1", or NULL for now).  Appends to `out`.
 */
int ov_agreement_show(ov_buf *out, ov_workspace *ws, const char *id, const char *rev);

#endif
