/*
 * pages_steps.c - taking a lifecycle step in the browser:
 * /avtal/ID/steg/EVENT shows the step's form (its inputs as the engine
 * describes them: a party's decision, follow-up answers, a declared step's
 * fields …) with what is still missing and who may take it; posting it
 * records the event through ov_agreement_event as the logged-in person.
 * A refused step shows the engine's own list of what is missing and writes
 * nothing.  /avtal/ID/underteckna signs with a PKCS#12 file uploaded with
 * the form: it lives in this request's memory only and is wiped with it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "overens/agreement.h"
#include "overens/error.h"
#include "overens/query.h"
#include "overens/sign.h"
#include "web/http.h"

#define MAX_INPUTS 64

/*
 * A <choice value label> child of `e` for each "value|Label" line of
 * `choices`; with `only` (a word list), only the values it holds.
 */
void web_choices(xmlNodePtr e, const char *choices, const char *only)
{
	for (const char *c = choices; c && *c;) {
		const char *nl = strchr(c, '\n'), *bar = strchr(c, '|');
		size_t len = nl ? (size_t)(nl - c) : strlen(c);
		char *v = strndup(c, bar && bar < c + len ? (size_t)(bar - c) : len);
		char *l = bar && bar < c + len ? strndup(bar + 1, (size_t)(c + len - bar - 1)) : NULL;
		if (v && (!only || web_word_in(only, v))) {
			xmlNodePtr o = web_el(e, "choice", NULL);
			web_attr(o, "value", v);
			web_attr(o, "label", l ? l : v);
		}
		free(v);
		free(l);
		c = nl ? nl + 1 : c + len;
	}
}

static const ov_status_step *find_step(const ov_status *st, const char *event)
{
	for (size_t i = 0; i < st->nsteps; i++)
		if (!strcmp(st->steps[i].event, event))
			return &st->steps[i];
	return NULL;
}

static void step_xml(xmlNodePtr f, const ov_status *st, const ov_status_step *s)
{
	web_attr(f, "agreement", st->id);
	web_attr(f, "title", st->title);
	web_attr(f, "phase-label", st->phase_label);
	if (!s)
		return;
	web_attr(f, "event", s->event);
	web_attr(f, "label", s->label);
	web_attr(f, "roles", s->roles);
	web_attr(f, "may", s->may ? "yes" : NULL);
	web_attr(f, "denied", s->denied);
	web_attr(f, "party-roles", s->party_roles);
	for (size_t j = 0; j < s->nmissing; j++)
		web_el(f, "missing", s->missing[j]);
}

static void inputs_xml(web_req *r, xmlNodePtr f, const ov_step_input *in, size_t n,
		       const ov_status_step *s)
{
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr e = web_el(f, "input", NULL);
		char key[160];
		const char *posted;
		web_attr(e, "name", in[i].name);
		web_attr(e, "label", in[i].label);
		web_attr(e, "type", in[i].type);
		web_attr(e, "required", in[i].required ? "yes" : NULL);
		snprintf(key, sizeof(key), "in:%s", in[i].name);
		if ((posted = web_param_get(r, key)))
			web_attr(e, "value", posted);
		/* a party's own step: only the parties this person acts for */
		web_choices(e, in[i].choices, strcmp(in[i].type, "party") || !s ? NULL
							  : s->party_roles);
	}
}

static int step_page(web_req *r, const char *id, const char *event, int status,
		     const char *problem)
{
	ov_status *st = NULL;
	ov_step_input *in = NULL;
	size_t n = 0;
	char today[11];
	web_page p;
	xmlNodePtr f;
	int err;

	web_today(today, r);
	if ((err = ov_agreement_status_for(&st, r->ws, id, today, r->user)) < 0)
		return web_send_engine_error(r, err);
	if ((err = ov_step_inputs(&in, &n, r->ws, id, event)) < 0) {
		ov_status_free(st);
		return web_send_engine_error(r, err);
	}
	if (web_page_new(&p, r, st->title ? st->title : id, "steg") < 0) {
		ov_status_free(st);
		ov_step_inputs_free(in, n);
		return -1;
	}
	f = web_el(p.root, "step-form", NULL);
	web_attr(f, "today", today);
	web_attr(f, "date", web_param_get(r, "date"));
	step_xml(f, st, find_step(st, event));
	if (!find_step(st, event))
		web_attr(f, "event", event);
	inputs_xml(r, f, in, n, find_step(st, event));
	if (problem)
		web_notice(&p, "error", problem);
	ov_status_free(st);
	ov_step_inputs_free(in, n);
	return web_page_send(r, &p, status);
}

/* The form's inputs as the event's params ("set:F" becomes set=F=VALUE). */
static int collect(web_req *r, const ov_step_input *in, size_t n, ov_param *params,
		   char **owned, size_t *np)
{
	*np = 0;
	for (size_t i = 0; i < n && *np < MAX_INPUTS; i++) {
		char key[160];
		const char *v;
		snprintf(key, sizeof(key), "in:%s", in[i].name);
		v = web_param_get(r, key);
		if (!v || !*v)
			continue;
		if (!strcmp(in[i].type, "yesno") && strcmp(v, "yes"))
			continue;
		if (!strncmp(in[i].name, "set:", 4)) {
			size_t len = strlen(in[i].name) + strlen(v);
			if (!(owned[*np] = malloc(len)))
				return ov_error_set(OV_ENOMEM, "out of memory");
			snprintf(owned[*np], len, "%s=%s", in[i].name + 4, v);
			params[*np].key = "set";
			params[*np].value = owned[*np];
			(*np)++;
		} else {
			params[*np].key = in[i].name;
			params[(*np)++].value = v;
		}
	}
	return OV_OK;
}

static int take_step(web_req *r, const char *id, const char *event)
{
	ov_step_input *in = NULL;
	ov_param params[MAX_INPUTS];
	char *owned[MAX_INPUTS] = { 0 };
	size_t n = 0, np = 0;
	const char *date = web_param_get(r, "date");
	char *problem;
	int err, rc;

	if ((err = ov_step_inputs(&in, &n, r->ws, id, event)) < 0)
		return web_send_engine_error(r, err);
	if ((err = collect(r, in, n, params, owned, &np)) >= 0)
		err = ov_agreement_event(r->ws, r->user, id, event, params, np,
					 date && *date ? date : NULL);
	for (size_t i = 0; i < MAX_INPUTS; i++)
		free(owned[i]);
	ov_step_inputs_free(in, n);
	if (err >= 0) {
		char to[128];
		snprintf(to, sizeof(to), "/avtal/%s?klart=%s", id, event);
		return web_redirect(r, to);
	}
	problem = web_take_error(err);
	rc = step_page(r, id, event, err == OV_EDENIED ? 403 : err == OV_EGUARD ? 409 : 400,
		       problem);
	free(problem);
	return rc;
}

int web_agreement_steps(web_req *r, const char *id, const char *event)
{
	if (!strcmp(event, "sign"))
		return web_agreement_sign(r, id);
	return r->post ? take_step(r, id, event) : step_page(r, id, event, 200, NULL);
}

static int sign_page(web_req *r, const char *id, int status, const char *problem)
{
	ov_status *st = NULL;
	char today[11];
	web_page p;
	xmlNodePtr f;
	int err;

	web_today(today, r);
	if ((err = ov_agreement_status_for(&st, r->ws, id, today, r->user)) < 0)
		return web_send_engine_error(r, err);
	if (web_page_new(&p, r, st->title ? st->title : id, "underteckna") < 0) {
		ov_status_free(st);
		return -1;
	}
	f = web_el(p.root, "sign-form", NULL);
	step_xml(f, st, find_step(st, "sign"));
	for (size_t i = 0; i < st->nparties; i++) {
		const ov_status_step *s = find_step(st, "sign");
		xmlNodePtr o;
		if (!s || !s->party_roles || !web_word_in(s->party_roles, st->parties[i].role))
			continue;
		o = web_el(f, "party", NULL);
		web_attr(o, "role", st->parties[i].role);
		web_attr(o, "name", st->parties[i].name);
		web_attr(o, "signed-on", st->parties[i].signed_on);
	}
	if (problem)
		web_notice(&p, "error", problem);
	ov_status_free(st);
	return web_page_send(r, &p, status);
}

int web_agreement_sign(web_req *r, const char *id)
{
	const web_param *file;
	ov_sign_opts o;
	char *problem;
	int err, rc;

	if (!r->post)
		return sign_page(r, id, 200, NULL);
	file = web_param_find(r, "p12");
	if (!file || !file->value.size)
		return sign_page(r, id, 400, "Välj filen med din e-legitimation (PKCS#12, .p12).");
	memset(&o, 0, sizeof(o));
	o.party = web_param_get(r, "party");
	o.p12_data = file->value.ptr;
	o.p12_len = file->value.size;
	o.p12_name = file->filename && *file->filename ? file->filename : "PKCS#12-filen";
	o.password = web_param_get(r, "password");
	err = ov_agreement_sign(NULL, r->ws, r->user, id, &o);
	/* the key file and the password are wiped with the request (server.c) */
	if (err >= 0) {
		char to[128];
		snprintf(to, sizeof(to), "/avtal/%s?klart=sign", id);
		return web_redirect(r, to);
	}
	problem = web_take_error(err);
	rc = sign_page(r, id, err == OV_EDENIED ? 403 : err == OV_EGUARD ? 409 : 400, problem);
	free(problem);
	return rc;
}
