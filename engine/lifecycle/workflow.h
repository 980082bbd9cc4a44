/*
 * workflow.h - workflow definitions: phases, steps, guards, questions and
 * date rules, loaded from XML (workflows/<id>.xml) and validated against
 * workflows/workflow.rng plus the semantic checks the schema cannot make
 * (a step's target phase exists, a question names a declared field, XPath
 * expressions compile, durations parse).
 *
 * A loaded ov_workflow owns all its strings; free it with ov_workflow_free.
 */
#ifndef OV_WORKFLOW_H
#define OV_WORKFLOW_H

#include <stddef.h>
#include "overens/lazy_xml.h"
#include "overens/buf.h"
#include "overens/date.h"
#include "engine/base/words.h"

typedef struct ov_wf_require {
	char *test;       /* XPath, true when satisfied */
	char *field;      /* field name to fill, or NULL */
	char *text;       /* what is missing, Swedish; may hold {party} */
	int each_party;
	int line;
} ov_wf_require;

typedef struct ov_wf_advance {
	char *to, *when;
	int line;
} ov_wf_advance;

typedef struct ov_wf_step {
	char *event;
	char *to;         /* phase after the event, or NULL = stay (unless an advance fires) */
	char *roles;      /* space-separated */
	char *label;      /* what the step is called in the history, or NULL */
	char *fields;     /* fields the step may set, space-separated, or NULL */
	int party_own;    /* the actor must act for the event's party */
	ov_wf_require *reqs;
	size_t nreqs;
	ov_wf_advance *advs;
	size_t nadvs;
	int line;
} ov_wf_step;

typedef struct ov_wf_question {
	char *key;        /* field name (phase questions) or answer id (follow-up) */
	char *text, *help;
} ov_wf_question;

typedef struct ov_wf_phase {
	char *id, *label;
	int frozen, final;
	ov_wf_question *questions;
	size_t nquestions;
	ov_wf_question *followup;
	size_t nfollowup;
	ov_wf_step *steps;
	size_t nsteps;
} ov_wf_phase;

typedef struct ov_wf_field {
	char *name, *path, *type, *label, *value;
	char *choices;    /* type choice: the allowed words, space-separated; else NULL */
} ov_wf_field;

typedef struct ov_wf_party {
	char *role, *kinds, *label, *body;
} ov_wf_party;

#define OV_WF_MAX_FIRSTS 16

typedef struct ov_wf_schedule {
	char *kind, *label, *nth_label;
	char *id;         /* the schedule's name (an agreement chooses a follow-up
			   * schedule by it, see term/@followups), or NULL */
	ov_period firsts[OV_WF_MAX_FIRSTS];
	size_t nfirsts;
	ov_period repeat;
	int has_repeat;
	ov_period tolerance;  /* follow-ups: how far from its date one still counts */
	int has_tolerance;    /* 0: half the gap to the next scheduled date */
	int nth;
} ov_wf_schedule;

/* How a term renews (workflow.rng, <term renewal="...">). */
typedef enum ov_wf_renewal {
	OV_RENEW_TACIT = 0,  /* by `renewal` at each term end, unless notice was given */
	OV_RENEW_FIXED,      /* never: the agreement expires at the term end */
	OV_RENEW_EXPLICIT    /* only by a recorded `renew` step, else it expires */
} ov_wf_renewal;

typedef struct ov_workflow {
	char *id, *title, *kind, *path;
	int min_parties, max_parties;
	int leave_party;  /* <parties leave="party">: a party's notice ends only its
			   * participation while min_parties others remain */
	ov_wf_party *parties;
	size_t nparties;
	ov_period term;           /* the first term's length */
	ov_period renewal;        /* the renewal period (P0D for a fixed term) */
	ov_period notice;         /* the notice period */
	ov_wf_renewal renewal_kind;
	ov_notice_mode notice_to; /* <term notice-to="period|term-end"> */
	ov_wf_schedule *schedules;
	size_t nschedules;
	ov_wf_field *fields;
	size_t nfields;
	ov_wf_phase *phases;
	size_t nphases;
	xmlDocPtr doc;    /* the definition itself, with its subject merged in
			   * (volunteer roles, clauses are read from it) */
	char *subject_id; /* the subject merged in (workflows/subjects/<id>.xml), or NULL */
	xmlDocPtr subject_doc; /* that subject's definition (its <outline>), or NULL */
} ov_workflow;

/*
 * Parses and checks a definition held in memory; `name` (its file name)
 * is used in messages as "<name>:<line>: <reason>".  `rng_path` is the
 * schema.  Caller frees *out with ov_workflow_free.
 */
int ov_workflow_parse(ov_workflow **out, const char *data, size_t len,
		      const char *name, const char *rng_path);
/*
 * Builds a workflow from a definition already checked against the schema;
 * takes `doc` (freed on failure too).  `name` is used in messages.
 */
int ov_workflow_from_doc(ov_workflow **out, xmlDocPtr doc, const char *name);
void ov_workflow_free(ov_workflow *wf);

/*
 * subject.c: merges the subject `subject` (checked against subject.rng;
 * `sname` its file name, for messages) into the workflow definition `wf`:
 * fields added or replaced by name, questions put first into the phase
 * named (replacing the phase's question for the same field), requirements
 * added to the step named, volunteer roles added or replaced by id.
 */
int ov_subject_merge(xmlDocPtr wf, xmlDocPtr subject, const char *sname);
/*
 * Replaces each field named "X.*" (path with "[@role='*']") and each
 * question for it by one per party role of `agreement` ("X.kommun"); with
 * no agreement (NULL) the wildcard fields and questions are dropped.
 */
int ov_workflow_expand_parties(xmlDocPtr wf, xmlDocPtr agreement);
/* Appends the agreement's party roles, in order, each as "LENGTH:ROLE;"
 * (no two lists give the same text): what ov_workflow_expand_parties
 * depends on. */
int ov_agreement_roles_key(ov_buf *out, xmlDocPtr agreement);

const ov_wf_phase *ov_workflow_phase(const ov_workflow *wf, const char *id);
const ov_wf_field *ov_workflow_field(const ov_workflow *wf, const char *name);
/*
 * 1 when the field holds items (a set adds one): type list, or costs, whose
 * items are "what = amount" kept as the item's <what> and <amount>.
 */
int ov_field_is_list(const ov_wf_field *f);
int ov_field_is_costs(const ov_wf_field *f);
/*
 * Event names a workflow may not give a step: they name other changes in
 * the history (overens new, set, import, registrations, fsck).
 */
int ov_workflow_reserved_event(const char *event);
/* The step for `event` in `phase`, or NULL when the phase has none. */
const ov_wf_step *ov_workflow_step(const ov_wf_phase *phase, const char *event);
/*
 * The step that closes an expired agreement from any phase that is not
 * final: `end` to the first final phase, with the roles and label of the
 * workflow's own `end` step.  *out points into `wf` (nothing to free).
 * OV_ENOTFOUND (no message) when the workflow has no final phase or no
 * `end` step.
 */
int ov_workflow_close_step(ov_wf_step *out, const ov_workflow *wf);
/*
 * The follow-up schedule named `id` (NULL or unknown: the first follow-up
 * schedule), or NULL when the workflow has none.
 */
const ov_wf_schedule *ov_workflow_followups(const ov_workflow *wf, const char *id);
/* "tacit", "fixed" or "explicit". */
const char *ov_workflow_renewal_name(ov_wf_renewal kind);
/* The party rule for `role` (or the "*" rule), or NULL. */
const ov_wf_party *ov_workflow_party(const ov_workflow *wf, const char *role);

#endif
