/*
 * events.c - changing an agreement: fields (set, import) and the lifecycle
 * events the workflow allows (see overens/agreement.h and engine.c).
 *
 * An event's name picks its kind (event_kinds.c): a built-in one, or, for
 * a name only the workflow knows, the generic kind that records a declared
 * step.  Around the kind's handler this file does what every event shares:
 *
 *   load actor, document, workflow ──► the step must exist in the phase
 *        ──► the actor's party and roles ──► the handler records the event
 *        ──► the step's requirements, checked on the result (so that data
 *            given with the event counts) ──► advance rules pick the phase
 *        ──► dates, validation, commit message
 *
 * Refusals return before anything is written.
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
#include "engine/lifecycle/workflow.h"
#include "engine/base/words.h"
#include "store/workspace.h"
#include "engine/base/xmlsafe.h"

typedef struct change_op {
	const char *actor, *id, *event, *date;
	const char *field, *value;           /* set */
	const char *data, *name;             /* import */
	size_t len;
	const ov_param *params;
	size_t nparams;
	const ov_ws_file *extra;           /* files added to the commit (signing) */
	size_t nextra;
	ov_event_hook hook;                  /* called before the document is saved */
	void *hook_payload;
} change_op;

static const char *param(const change_op *op, const char *key)
{
	return ov_param_get(op->params, op->nparams, key);
}

/* The phase label for messages: "kontakt (Skapa kontakt)". */
static void phase_desc(ov_buf *b, const ov_workflow *wf, const char *phase)
{
	const ov_wf_phase *ph = ov_workflow_phase(wf, phase);

	ov_buf_printf(b, "'%s'", phase);
	if (ph)
		ov_buf_printf(b, " (%s)", ph->label);
}

static int refuse_step(const ov_workflow *wf, const ov_wf_phase *ph, const char *id,
		       const char *event, const char *phase)
{
	ov_buf where = OV_BUF_INIT, now = OV_BUF_INIT;
	int err;

	phase_desc(&where, wf, phase);
	if (ph && ph->nsteps) {
		for (size_t i = 0; i < ph->nsteps; i++)
			ov_buf_printf(&now, " %s", ph->steps[i].event);
		err = ov_error_set(OV_EGUARD, "%s: '%s' is not possible in phase %s; possible now:%s",
				   id, event, where.ptr, now.ptr);
	} else if (ph && ph->final) {
		err = ov_error_set(OV_EGUARD,
				   "%s: '%s' is not possible in phase %s; the agreement has ended",
				   id, event, where.ptr);
	} else {
		err = ov_error_set(OV_EGUARD, "%s: '%s' is not possible in phase %s", id, event,
				   where.ptr);
	}
	ov_buf_dispose(&where);
	ov_buf_dispose(&now);
	return err;
}

static int set_phase(xmlDocPtr doc, const char *phase, const char *date)
{
	xmlNodePtr st = ov_xml_ensure_child(xmlDocGetRootElement(doc), "state");

	if (!st)
		return ov_error_set(OV_ENOMEM, "out of memory");
	xmlSetProp(st, (const xmlChar *)"phase", (const xmlChar *)phase);
	xmlSetProp(st, (const xmlChar *)"since", (const xmlChar *)date);
	return OV_OK;
}

/* What an event's transaction loads: the actor, the document, its workflow. */
typedef struct event_state {
	ov_person *actor;
	xmlDocPtr doc;
	ov_buf path;
	ov_workflow *wf;
	char *phase;
	char date[11];
} event_state;

/*
 * Refuses an event dated before the agreement was created (its attribute
 * created; a document made before it was recorded is not checked).
 */
static int check_not_before_created(xmlDocPtr doc, const char *id, const char *event,
				    const char *date)
{
	char *created = ov_xml_attr(xmlDocGetRootElement(doc), "created");
	int err = OV_OK;

	if (created && strcmp(date, created) < 0)
		err = ov_error_set(OV_EINVALID, "%s: the date of '%s' is %s, before the agreement "
				   "was created (%s); give --date on or after %s", id, event, date,
				   created, created);
	free(created);
	return err;
}

static int event_load(event_state *s, ov_txn *txn, const change_op *op)
{
	int err;

	if ((err = ov_person_load(&s->actor, txn, op->actor)) < 0 ||
	    (err = ov_agreement_load(&s->doc, &s->path, txn, op->id)) < 0 ||
	    (err = check_not_before_created(s->doc, op->id, op->event, s->date)) < 0)
		return err;
	txn->author_name = strdup(s->actor->name);
	s->phase = ov_xml_attr(ov_xml_child(xmlDocGetRootElement(s->doc), "state"), "phase");
	return ov_workflow_load_for(&s->wf, txn, s->doc);
}

static void event_state_dispose(event_state *s)
{
	ov_person_free(s->actor);
	xmlFreeDoc(s->doc);
	ov_buf_dispose(&s->path);
	ov_workflow_free(s->wf);
	free(s->phase);
}

/*
 * The generic kind, for a name no built-in kind has: only when the
 * workflow declares a step of that name in some phase.
 */
static int declared_kind(const ov_event_kind **out, const ov_workflow *wf, const change_op *op)
{
	ov_buf names = OV_BUF_INIT;
	int err;

	*out = NULL;
	for (size_t i = 0; i < wf->nphases; i++)
		if (ov_workflow_step(&wf->phases[i], op->event)) {
			*out = ov_event_kind_generic();
			return ov_event_kind_check_params(*out, op->event, op->params, op->nparams);
		}
	for (size_t i = 0; i < wf->nphases; i++)
		for (size_t j = 0; j < wf->phases[i].nsteps; j++) {
			const char *ev = wf->phases[i].steps[j].event;
			if (!ov_word_in(names.ptr ? names.ptr : "", ev))
				ov_buf_printf(&names, "%s%s", names.size ? " " : "", ev);
		}
	err = ov_error_set(OV_EINVALID, "%s: unknown step '%s'; workflow %s has the steps: %s",
			   op->id, op->event, wf->id, names.ptr ? names.ptr : _("(none)"));
	ov_buf_dispose(&names);
	return err;
}

/* The phase after the step: the first advance whose condition holds, else `to`. */
static int next_phase(const char **out, xmlDocPtr doc, const ov_workflow *wf,
		      const ov_wf_step *st)
{
	int err, ok;

	*out = NULL;
	for (size_t i = 0; i < st->nadvs; i++) {
		if ((err = ov_xpath_bool(&ok, doc, st->advs[i].when, wf->path)) < 0)
			return err;
		if (ok) {
			*out = st->advs[i].to;
			return OV_OK;
		}
	}
	*out = st->to;
	return OV_OK;
}

/* Refuses the step when its requirements do not hold on the recorded document. */
static int check_step(const event_state *s, const ov_wf_step *st, const change_op *op,
		      const char *party)
{
	ov_buf missing = OV_BUF_INIT;
	size_t n = 0;
	int err;

	err = ov_check_requirements(&missing, &n, s->doc, s->wf, st, op->id, s->date,
				    party, s->actor->email);
	if (err >= 0 && n == 1)
		err = ov_error_set(OV_EGUARD, "%s: '%s' is refused; 1 thing is missing:\n%s",
				   op->id, op->event, missing.ptr);
	else if (err >= 0 && n)
		err = ov_error_set(OV_EGUARD, "%s: '%s' is refused; %zu things are missing:\n%s",
				   op->id, op->event, n, missing.ptr);
	ov_buf_dispose(&missing);
	return err;
}

/* Saves the document and adds the extra files to the commit. */
static int event_save(ov_txn *txn, const event_state *s, const change_op *op)
{
	int err;

	if (op->hook && (err = op->hook(txn, s->doc, s->path.ptr, s->actor, op->hook_payload)) < 0)
		return err;
	if ((err = ov_agreement_compute_dates(s->doc, s->wf)) < 0 ||
	    (err = ov_agreement_save(txn, s->doc, s->path.ptr)) < 0)
		return err;
	for (size_t i = 0; i < op->nextra; i++) {
		const ov_ws_file *x = &op->extra[i];
		err = x->data ? ov_txn_write(txn, x->path, x->data, x->len)
			      : ov_txn_delete(txn, x->path);
		if (err < 0)
			return err;
	}
	return OV_OK;
}

static void event_message(ov_buf *msg, const event_state *s, const change_op *op,
			  const char *next, const ov_event_ctx *c)
{
	char *version = ov_xml_attr(xmlDocGetRootElement(s->doc), "version");
	ov_buf pt = OV_BUF_INIT;

	ov_buf_printf(msg, "%s: %s %s\n\n", op->event, op->id, c->headline->ptr);
	if (c->body->size)
		ov_buf_printf(msg, "%s\n", c->body->ptr);
	ov_msg_trailer(msg, "Agreement", op->id);
	ov_msg_trailer(msg, "Event", op->event);
	ov_msg_trailer(msg, "Date", s->date);
	ov_msg_trailer(msg, "Actor", s->actor->email);
	ov_buf_printf(&pt, "%s -> %s", s->phase, next ? next : s->phase);
	ov_msg_trailer(msg, "Phase", pt.ptr);
	ov_buf_dispose(&pt);
	ov_msg_trailer(msg, "Version", version);
	if (c->trailers->size)
		ov_buf_puts(msg, c->trailers->ptr);
	free(version);
}

/*
 * The party the event is taken for: the one given, or for a party's own
 * step the one party the actor may act for, when there is only one
 * (*owned is then the copy to free).
 */
static const char *event_party(char **owned, const event_state *s, const ov_wf_step *st,
			       const change_op *op)
{
	const char *party = param(op, "party");

	*owned = NULL;
	if (st->party_own && (!party || !*party) &&
	    (*owned = ov_actor_party_role(s->doc, s->actor, 1)) != NULL)
		return *owned;
	return party;
}

/*
 * An agreement whose term ran out without renewal (as of the event's date)
 * takes no step but the one that closes it, from whatever phase it is in
 * (ov_workflow_close_step): *st is then that step for `end`, and any other
 * event is refused.  Otherwise *st stays NULL and the phase decides.
 */
static int expired_gate(const ov_wf_step **st, ov_wf_step *close, const event_state *s,
			const change_op *op, const ov_wf_phase *ph, ov_date d)
{
	char buf[11];
	ov_date last;

	*st = NULL;
	if ((ph && ph->final) || !ov_term_expired_doc(&last, s->doc, s->wf, d))
		return OV_OK;
	ov_date_format(buf, last);
	if (strcmp(op->event, "end"))
		return ov_error_set(OV_EGUARD, "%s: the agreement expired on %s (its term was not "
				    "renewed); close it with overens end %s", op->id, buf, op->id);
	if (ov_workflow_close_step(close, s->wf) < 0)
		return ov_error_set(OV_EGUARD, "%s: the agreement expired on %s, and workflow %s "
				    "has no final phase and end step to close it with",
				    op->id, buf, s->wf->id);
	*st = close;
	return OV_OK;
}

/*
 * One lifecycle event: what every kind shares (the step allowed in this
 * phase, the actor's party and roles, the requirements on the recorded
 * document, the phase move, the commit) around the kind's handler.
 */
static int event_txn(ov_txn *txn, void *payload)
{
	change_op *op = payload;
	event_state s = { NULL, NULL, OV_BUF_INIT, NULL, NULL, "" };
	ov_buf headline = OV_BUF_INIT, body = OV_BUF_INIT, trailers = OV_BUF_INIT;
	const ov_event_kind *kind = ov_event_kind_find(op->event);
	const ov_wf_phase *ph;
	const ov_wf_step *st;
	ov_wf_step close;
	const char *next = NULL, *party = NULL;
	char *default_party = NULL;
	ov_event_ctx c;
	ov_date d;
	int err;

	if ((err = ov_resolve_date(&d, s.date, op->date)) < 0 ||
	    (kind && (err = ov_event_kind_check_params(kind, op->event, op->params,
						      op->nparams)) < 0) ||
	    (err = event_load(&s, txn, op)) < 0 ||
	    (!kind && (err = declared_kind(&kind, s.wf, op)) < 0))
		goto done;
	ph = ov_workflow_phase(s.wf, s.phase);
	if ((err = expired_gate(&st, &close, &s, op, ph, d)) < 0)
		goto done;
	if (!st && !(st = ov_workflow_step(ph, op->event))) {
		err = refuse_step(s.wf, ph, op->id, op->event, s.phase ? s.phase : "?");
		goto done;
	}
	party = event_party(&default_party, &s, st, op);
	if ((err = ov_check_actor(s.doc, s.actor, st->roles, st->party_own, party,
				  op->event)) < 0)
		goto done;
	if (party)
		ov_msg_trailer(&trailers, "Party", party);
	c = (ov_event_ctx){ .doc = s.doc, .root = xmlDocGetRootElement(s.doc), .wf = s.wf,
			    .ph = ph, .st = st, .actor = s.actor, .id = op->id,
			    .event = op->event, .date = s.date, .party = party,
			    .params = op->params, .nparams = op->nparams,
			    .headline = &headline, .body = &body, .trailers = &trailers };
	if ((err = kind->record(&c)) < 0 ||
	    (err = check_step(&s, st, op, party)) < 0 ||
	    (err = next_phase(&next, s.doc, s.wf, st)) < 0)
		goto done;
	if (next && strcmp(next, s.phase) && (err = set_phase(s.doc, next, s.date)) < 0)
		goto done;
	if ((err = event_save(txn, &s, op)) < 0)
		goto done;
	event_message(&txn->message, &s, op, next, &c);
done:
	free(default_party);
	event_state_dispose(&s);
	ov_buf_dispose(&headline);
	ov_buf_dispose(&body);
	ov_buf_dispose(&trailers);
	return err;
}

int ov_frozen_refusal(const ov_workflow *wf, const char *id, const char *phase)
{
	ov_buf where = OV_BUF_INIT;
	int err;

	phase_desc(&where, wf, phase);
	if (!strcmp(phase, "signering"))
		err = ov_error_set(OV_EGUARD, "%s: the text cannot be changed in phase %s; it is "
				   "frozen for signing (overens cancel-signing to change it)",
				   id, where.ptr);
	else if (!strcmp(phase, "aktivt"))
		err = ov_error_set(OV_EGUARD, "%s: the text cannot be changed in phase %s; changes "
				   "to an active agreement need an amendment (overens amend)",
				   id, where.ptr);
	else
		err = ov_error_set(OV_EGUARD, "%s: the text cannot be changed in phase %s", id,
				   where.ptr);
	ov_buf_dispose(&where);
	return err;
}

/* Records a changed field in the open amendment, if the agreement has one. */
void ov_note_amendment(xmlDocPtr doc, const char *field, const char *old, const char *value)
{
	xmlNodePtr am = ov_xml_last_child(ov_xml_child(xmlDocGetRootElement(doc), "amendments"),
				     "amendment"), c;
	char *status = am ? ov_xml_attr(am, "status") : NULL;

	if (status && !strcmp(status, "proposed")) {
		c = ov_xml_add_child(am, "change", NULL);
		xmlSetProp(c, (const xmlChar *)"field", (const xmlChar *)field);
		ov_xml_add_child(c, "old", old ? old : "");
		ov_xml_add_child(c, "new", value ? value : "");
	}
	free(status);
}

/* Common part of set and import: actor, phase and role checks. */
static int prepare_edit(ov_txn *txn, change_op *op, ov_person **actor, xmlDocPtr *doc,
			ov_buf *path, ov_workflow **wf, char **phase)
{
	const ov_wf_phase *ph;
	int err;

	if ((err = ov_person_load(actor, txn, op->actor)) < 0 ||
	    (err = ov_agreement_load(doc, path, txn, op->id)) < 0)
		return err;
	txn->author_name = strdup((*actor)->name);
	*phase = ov_xml_attr(ov_xml_child(xmlDocGetRootElement(*doc), "state"), "phase");
	err = ov_workflow_load_for(wf, txn, *doc);
	if (err < 0)
		return err;
	ph = ov_workflow_phase(*wf, *phase);
	if (!ph || ph->frozen)
		return ov_frozen_refusal(*wf, op->id, *phase ? *phase : "?");
	return ov_check_actor(*doc, *actor, "official board steering", 0, NULL, "set");
}

/*
 * After the subject field changed: the new subject must be installed (or in
 * the repository) and merge into the workflow; its file joins the commit.
 */
static int check_subject(ov_txn *txn, const ov_workflow *wf, const ov_wf_field *f,
			 xmlDocPtr doc, const char *value)
{
	ov_workflow *with = NULL;
	int err;

	if (!f->type || strcmp(f->type, "subject"))
		return OV_OK;
	err = ov_workflow_load_subject(&with, txn, wf->id, value, doc, 1);
	ov_workflow_free(with);
	return err;
}

static int set_txn(ov_txn *txn, void *payload)
{
	change_op *op = payload;
	ov_workflow *wf = NULL;
	ov_person *actor = NULL;
	xmlDocPtr doc = NULL;
	ov_buf path = OV_BUF_INIT;
	char *phase = NULL, *old = NULL, date[11];
	const ov_wf_field *f;
	ov_date d;
	int err;

	if ((err = ov_resolve_date(&d, date, op->date)) < 0 ||
	    (err = prepare_edit(txn, op, &actor, &doc, &path, &wf, &phase)) < 0)
		goto done;
	if (!(f = ov_workflow_field(wf, op->field))) {
		ov_buf known = OV_BUF_INIT;
		for (size_t i = 0; i < wf->nfields; i++)
			ov_buf_printf(&known, "%s%s", i ? ", " : "", wf->fields[i].name);
		err = ov_error_set(OV_ENOTFOUND, "unknown field '%s' in workflow %s (fields: %s)",
				   op->field, wf->id, known.ptr ? known.ptr : "none");
		ov_buf_dispose(&known);
		goto done;
	}
	err = op->value ? ov_agreement_field_set(doc, wf, f, op->value, &old)
			: ov_agreement_field_unset(doc, f, &old);
	if (err >= 0)
		err = check_subject(txn, wf, f, doc, op->value);
	if (err < 0)
		goto done;
	ov_note_amendment(doc, f->name, old, op->value);
	if ((err = ov_agreement_compute_dates(doc, wf)) < 0 ||
	    (err = ov_agreement_save(txn, doc, path.ptr)) < 0)
		goto done;
	ov_buf_printf(&txn->message, "set: %s %s\n\n%s: ", op->id, f->label, f->name);
	ov_msg_excerpt(&txn->message, old);
	ov_buf_puts(&txn->message, " -> ");
	ov_msg_excerpt(&txn->message, op->value);
	ov_buf_puts(&txn->message, "\n\n");
	ov_msg_trailer(&txn->message, "Agreement", op->id);
	ov_msg_trailer(&txn->message, "Event", op->value ? "set" : "unset");
	ov_msg_trailer(&txn->message, "Date", date);
	ov_msg_trailer(&txn->message, "Actor", actor->email);
	{
		ov_buf pt = OV_BUF_INIT;
		ov_buf_printf(&pt, "%s -> %s", phase, phase);
		ov_msg_trailer(&txn->message, "Phase", pt.ptr);
		ov_buf_dispose(&pt);
	}
	ov_msg_trailer(&txn->message, "Field", f->name);
	if (f->type && !strcmp(f->type, "subject"))
		ov_msg_trailer(&txn->message, "Subject", op->value);
done:
	free(phase);
	free(old);
	xmlFreeDoc(doc);
	ov_workflow_free(wf);
	ov_person_free(actor);
	ov_buf_dispose(&path);
	return err;
}

static int import_txn(ov_txn *txn, void *payload)
{
	change_op *op = payload;
	ov_workflow *wf = NULL;
	ov_person *actor = NULL;
	xmlDocPtr doc = NULL;
	ov_buf path = OV_BUF_INIT, changes = OV_BUF_INIT;
	char *phase = NULL, *rng = NULL, date[11];
	size_t nchanged = 0;
	ov_date d;
	int err;

	if ((err = ov_resolve_date(&d, date, op->date)) < 0 ||
	    (err = prepare_edit(txn, op, &actor, &doc, &path, &wf, &phase)) < 0)
		goto done;
	rng = ov_workspace_data_path(txn->ws, "templates/agreement.rng");
	if (!rng) {
		err = ov_error_set(OV_ENOMEM, "out of memory");
		goto done;
	}
	if ((err = ov_agreement_import_doc(&nchanged, &changes, doc, wf, op->id, op->data,
					   op->len, op->name, rng)) < 0)
		goto done;
	if ((err = ov_agreement_compute_dates(doc, wf)) < 0 ||
	    (err = ov_agreement_save(txn, doc, path.ptr)) < 0)
		goto done;
	ov_buf_printf(&txn->message, "import: %s %zu fält från %s\n\n%s\n", op->id, nchanged,
		      op->name, changes.ptr);
	ov_msg_trailer(&txn->message, "Agreement", op->id);
	ov_msg_trailer(&txn->message, "Event", "import");
	ov_msg_trailer(&txn->message, "Date", date);
	ov_msg_trailer(&txn->message, "Actor", actor->email);
	{
		ov_buf pt = OV_BUF_INIT;
		ov_buf_printf(&pt, "%s -> %s", phase, phase);
		ov_msg_trailer(&txn->message, "Phase", pt.ptr);
		ov_buf_dispose(&pt);
	}
done:
	free(phase);
	free(rng);
	xmlFreeDoc(doc);
	ov_workflow_free(wf);
	ov_person_free(actor);
	ov_buf_dispose(&path);
	ov_buf_dispose(&changes);
	return err;
}

static int run_change(ov_workspace *ws, change_op *op, ov_txn_fn fn)
{
	if (!op->actor || !*op->actor)
		return ov_error_set(OV_EINVALID,
			"no acting person: give --as EMAIL or set user.email");
	return ov_engine_transact(ws, op->actor, fn, op);
}

int ov_agreement_set(ov_workspace *ws, const char *actor, const char *id,
		     const char *field, const char *value, const char *date)
{
	change_op op = { .actor = actor, .id = id, .field = field, .value = value, .date = date };
	return run_change(ws, &op, set_txn);
}

int ov_agreement_import(ov_workspace *ws, const char *actor, const char *id,
			const char *data, size_t len, const char *name, const char *date)
{
	change_op op = { .actor = actor, .id = id, .data = data, .len = len, .name = name,
			 .date = date };
	return run_change(ws, &op, import_txn);
}

int ov_agreement_event(ov_workspace *ws, const char *actor, const char *id,
		       const char *event, const ov_param *params, size_t nparams,
		       const char *date)
{
	change_op op = { .actor = actor, .id = id, .event = event, .params = params,
			 .nparams = nparams, .date = date };
	return run_change(ws, &op, event_txn);
}

int ov_agreement_event_with_files(ov_workspace *ws, const char *actor, const char *id,
				  const char *event, const ov_param *params, size_t nparams,
				  const char *date, const ov_ws_file *files, size_t nfiles)
{
	change_op op = { .actor = actor, .id = id, .event = event, .params = params,
			 .nparams = nparams, .date = date, .extra = files, .nextra = nfiles };
	return run_change(ws, &op, event_txn);
}

int ov_agreement_event_hook(ov_workspace *ws, const char *actor, const char *id,
			    const char *event, const ov_param *params, size_t nparams,
			    const char *date, ov_event_hook hook, void *payload)
{
	change_op op = { .actor = actor, .id = id, .event = event, .params = params,
			 .nparams = nparams, .date = date, .hook = hook, .hook_payload = payload };
	return run_change(ws, &op, event_txn);
}
