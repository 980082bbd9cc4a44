/*
 * pages_agreement.c - one agreement: /avtal/ID shows its phase, parties,
 * coming dates, the steps of the phase (who may take them and what is
 * still missing) and the workflow's questions phase by phase as forms;
 * /avtal/ID/falt saves the answers (each changed field one event, as
 * `overens set`), with the engine's refusal shown beside its field.
 * The sub-pages are routed from here to pages_steps.c and pages_docs.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "overens/agreement.h"
#include "overens/error.h"
#include "overens/query.h"
#include "web/http.h"

typedef struct field_error {
	const char *field;
	char *message;
	const char *value;
} field_error;

static void status_xml(xmlNodePtr a, const ov_status *st)
{
	xmlNodePtr parties = web_el(a, "parties", NULL), steps = web_el(a, "steps", NULL);
	xmlNodePtr dates = web_el(a, "dates", NULL);

	web_attr(a, "id", st->id);
	web_attr(a, "title", st->title);
	web_attr(a, "kind", st->kind);
	web_attr(a, "workflow", st->workflow);
	web_attr(a, "phase", st->phase);
	if (st->expired) {
		/* The term ended without renewal: no longer in force, whatever the phase. */
		char label[64];
		snprintf(label, sizeof(label), "Utgånget: avtalstiden löpte ut %s", st->term_end);
		web_attr(a, "phase-label", label);
	} else {
		web_attr(a, "phase-label", st->phase_label);
		web_attr(a, "since", st->since);
	}
	web_attr_int(a, "version", st->version);
	web_attr(a, "frozen", st->frozen ? "yes" : NULL);
	web_attr(a, "final", st->final ? "yes" : NULL);
	for (size_t i = 0; i < st->nparties; i++) {
		xmlNodePtr p = web_el(parties, "party", NULL);
		web_attr(p, "role", st->parties[i].role);
		web_attr(p, "name", st->parties[i].name);
		web_attr(p, "orgnr", st->parties[i].orgnr);
		web_attr(p, "unit", st->parties[i].unit);
		web_attr(p, "decision", st->parties[i].decision);
		web_attr(p, "signed-on", st->parties[i].signed_on);
		web_attr(p, "own", st->parties[i].own ? "yes" : NULL);
	}
	for (size_t i = 0; i < st->nsteps; i++) {
		const ov_status_step *s = &st->steps[i];
		xmlNodePtr e = web_el(steps, "step", NULL);
		web_attr(e, "event", s->event);
		web_attr(e, "label", s->label);
		web_attr(e, "roles", s->roles);
		web_attr(e, "to", s->to);
		web_attr(e, "party-own", s->party_own ? "yes" : NULL);
		web_attr(e, "may", s->may ? "yes" : NULL);
		web_attr(e, "denied", s->denied);
		for (size_t j = 0; j < s->nmissing; j++)
			web_el(e, "missing", s->missing[j]);
	}
	for (size_t i = 0; i < st->ndates; i++) {
		xmlNodePtr d = web_el(dates, "date", NULL);
		web_attr(d, "date", st->dates[i].date);
		web_attr(d, "kind", st->dates[i].kind);
		web_attr(d, "label", st->dates[i].label);
	}
}

static const field_error *error_for(const field_error *errs, size_t n, const char *field)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(errs[i].field, field))
			return &errs[i];
	return NULL;
}

static void form_xml(xmlNodePtr a, const ov_form_question *q, size_t n, const char *open,
		     const field_error *errs, size_t nerrs)
{
	xmlNodePtr form = web_el(a, "form", NULL), phase = NULL;
	const char *last = NULL;

	for (size_t i = 0; i < n; i++) {
		const field_error *fe = error_for(errs, nerrs, q[i].field);
		xmlNodePtr f;
		if (!last || strcmp(last, q[i].phase)) {
			phase = web_el(form, "phase", NULL);
			web_attr(phase, "id", q[i].phase);
			web_attr(phase, "label", q[i].phase_label);
			web_attr(phase, "current", q[i].current ? "yes" : NULL);
			if (open ? !strcmp(open, q[i].phase) : q[i].current)
				web_attr(phase, "open", "yes");
			last = q[i].phase;
		}
		f = web_el(phase, "field", NULL);
		web_attr(f, "name", q[i].field);
		web_attr(f, "label", q[i].label);
		/* Costs are entered as list items ("Vad = belopp"). */
		web_attr(f, "type", strcmp(q[i].type, "costs") ? q[i].type : "list");
		web_attr(f, "editable", q[i].editable ? "yes" : NULL);
		web_choices(f, q[i].choices, NULL);
		web_el(f, "question", q[i].text);
		if (q[i].help)
			web_el(f, "help", q[i].help);
		if (fe) {
			web_el(f, "value", fe->value);
			web_el(f, "error", fe->message);
			web_attr(phase, "open", "yes");
		} else if (q[i].value) {
			web_el(f, "value", q[i].value);
		}
	}
}

/* The overview page; `errs` are refusals of the fields just posted (422 then). */
static int overview(web_req *r, const char *id, const char *open, const field_error *errs,
		    size_t nerrs, const char *done)
{
	ov_status *st = NULL;
	ov_form_question *q = NULL;
	size_t nq = 0;
	char today[11];
	web_page p;
	xmlNodePtr a;
	int err;

	web_today(today, r);
	if ((err = ov_agreement_status_for(&st, r->ws, id, today, r->user)) < 0)
		return web_send_engine_error(r, err);
	if ((err = ov_agreement_form(&q, &nq, r->ws, id)) < 0) {
		ov_status_free(st);
		return web_send_engine_error(r, err);
	}
	if (web_page_new(&p, r, st->title ? st->title : id, "avtal") < 0) {
		ov_status_free(st);
		ov_form_free(q, nq);
		return -1;
	}
	a = web_el(p.root, "agreement", NULL);
	status_xml(a, st);
	form_xml(a, q, nq, open, errs, nerrs);
	if (done)
		web_notice(&p, "ok", done);
	if (nerrs)
		web_notice(&p, "error", "Några svar kunde inte sparas; se felen vid fälten.");
	ov_status_free(st);
	ov_form_free(q, nq);
	return web_page_send(r, &p, nerrs ? 422 : 200);
}

/* Saves every posted field "f:NAME" whose value differs from the stored one. */
static int save_fields(web_req *r, const char *id)
{
	ov_form_question *q = NULL;
	size_t nq = 0, nerrs = 0, saved = 0;
	field_error errs[64] = { { NULL, NULL, NULL } };
	char done[96];
	int err;

	if ((err = ov_agreement_form(&q, &nq, r->ws, id)) < 0)
		return web_send_engine_error(r, err);
	for (size_t i = 0; i < nq && nerrs < 64; i++) {
		char key[200];
		const char *v, *old = q[i].value ? q[i].value : "";
		snprintf(key, sizeof(key), "f:%s", q[i].field);
		if (!(v = web_param_get(r, key)) || !strcmp(v, old) ||
		    ((!strcmp(q[i].type, "list") || !strcmp(q[i].type, "costs")) && !*v))
			continue;
		err = ov_agreement_set(r->ws, r->user, id, q[i].field, *v ? v : NULL, NULL);
		if (err < 0) {
			const ov_error *e = ov_error_last();
			errs[nerrs].field = q[i].field;
			errs[nerrs].value = v;
			errs[nerrs++].message = strdup(e && e->message ? e->message : "fel");
			ov_error_clear();
		} else {
			saved++;
		}
	}
	snprintf(done, sizeof(done), saved == 1 ? "%zu svar sparat." : "%zu svar sparade.", saved);
	err = overview(r, id, web_param_get(r, "phase"), errs, nerrs, saved ? done : NULL);
	for (size_t i = 0; i < nerrs; i++)
		free(errs[i].message);
	ov_form_free(q, nq);
	return err;
}

int web_page_agreement(web_req *r, char **parts, size_t nparts)
{
	const char *id = nparts ? parts[0] : NULL;
	const char *sub = nparts > 1 ? parts[1] : NULL;
	int err;

	if (!id || !web_valid_id(id))
		return web_send_error(r, 404, "Avtalet finns inte", "Ingen giltig avtalsbeteckning.");
	if ((err = ov_agreement_may_read(r->ws, r->user, id)) < 0)
		return web_send_engine_error(r, err);
	if (!sub)
		return nparts > 1 ? -1 : overview(r, id, web_query(r, "fas"), NULL, 0,
						 web_query(r, "klart") ? "Steget är registrerat." : NULL);
	if (!strcmp(sub, "falt") && r->post && nparts == 2)
		return save_fields(r, id);
	if (!strcmp(sub, "steg") && nparts == 3)
		return web_agreement_steps(r, id, parts[2]);
	if (!strcmp(sub, "underteckna") && nparts == 2)
		return web_agreement_sign(r, id);
	if (!strcmp(sub, "historik"))
		return web_agreement_history(r, id, parts + 2, nparts - 2);
	if (!strcmp(sub, "dokument") || !strcmp(sub, "forhandsvisning") || !strcmp(sub, "andringar") ||
	    !strcmp(sub, "undertecknad.pdf") || !strcmp(sub, "kalender.ics"))
		return web_agreement_documents(r, id, parts + 1, nparts - 1);
	return web_not_found(r);
}
