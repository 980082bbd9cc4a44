/*
 * event_kinds.h - what each kind of lifecycle event records in the
 * agreement document (event_kinds.c), looked up by the event's name.
 *
 * events.c does the work every event shares around a handler: it loads
 * the actor, the agreement and its workflow, finds the step in the current
 * phase, checks the actor's party and roles, calls the handler, checks the
 * step's requirements on the result, moves the phase and commits.  A
 * handler only records: it edits the document and writes the commit
 * message's headline, body and extra trailers.  It refuses (OV_EGUARD,
 * OV_EINVALID, OV_EDENIED) what its own data does not allow.
 *
 * A step that the workflow declares under a name no built-in kind has is
 * recorded by the generic kind (ov_event_kind_generic).
 */
#ifndef OV_EVENT_KINDS_H
#define OV_EVENT_KINDS_H

#include "overens/lazy_xml.h"
#include "overens/buf.h"
#include "overens/param.h"
#include "engine/lifecycle/people.h"
#include "engine/lifecycle/workflow.h"

typedef struct ov_event_ctx {
	xmlDocPtr doc;
	xmlNodePtr root;             /* the document's <agreement> */
	const ov_workflow *wf;
	const ov_wf_phase *ph;       /* the phase the step is taken in */
	const ov_wf_step *st;        /* the step, as the workflow declares it */
	const ov_person *actor;
	const char *id, *event, *date;
	const char *party;           /* the "party" param, or NULL */
	const ov_param *params;
	size_t nparams;
	ov_buf *headline;            /* the commit's summary after "<event>: <id> " */
	ov_buf *body;                /* optional lines of the commit body */
	ov_buf *trailers;            /* extra "Key: value" trailers */
} ov_event_ctx;

typedef int (*ov_event_record_fn)(ov_event_ctx *c);

/*
 * What a client's form asks for one param of a kind (ov_step_inputs in
 * overens/query.h): the label is Swedish, the type one of text longtext
 * date party choice yesno, choices "value|Label" lines.
 */
typedef struct ov_event_input {
	const char *name, *label, *type, *choices;
	int required;
} ov_event_input;

typedef struct ov_event_kind {
	const char *name;
	const char *keys;            /* the params it takes, space-separated */
	const char *key_prefix;      /* params starting with this are taken too, or NULL */
	ov_event_record_fn record;
	const char *label;           /* what the step is called in Swedish */
	const ov_event_input *inputs;   /* its form, ended by a NULL name */
} ov_event_kind;

/* The built-in kind named `name`, or NULL. */
const ov_event_kind *ov_event_kind_find(const char *name);

/* The kind that records a step the workflow declares and no built-in kind knows. */
const ov_event_kind *ov_event_kind_generic(void);

/*
 * Refuses a param the kind does not take (OV_EINVALID naming the event);
 * `event` is the name the step was taken under.
 */
int ov_event_kind_check_params(const ov_event_kind *k, const char *event,
			       const ov_param *params, size_t nparams);

/* "contact: with notes party | decide: …": the built-in kinds and their params. */
void ov_event_kinds_describe(ov_buf *out);

/* The value of `key` among the event's params, or NULL. */
const char *ov_event_param(const ov_event_ctx *c, const char *key);

/* Appends `value` in quotes, cut after 100 characters ("(tomt)" when empty). */
void ov_msg_excerpt(ov_buf *b, const char *value);

#endif
