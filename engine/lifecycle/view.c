/*
 * view.c - what a client needs to draw forms (see overens/query.h): every
 * phase's questions with their values (ov_agreement_form), the inputs a
 * step takes (ov_step_inputs) and the workflows an agreement can be
 * started from (ov_workflow_list).
 *
 * The rules stay here: the labels of built-in steps and their params are
 * the table in event_kinds.c, a declared step's inputs come from its
 * workflow, a follow-up's from the phase's questions.  Everything is read
 * from git's head, as status is.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "overens/error.h"
#include "overens/query.h"
#include "engine/lifecycle/agreement.h"
#include "engine/lifecycle/engine.h"
#include "engine/lifecycle/event_kinds.h"
#include "engine/base/words.h"
#include "engine/base/xmlsafe.h"
#include "store/workspace.h"

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* Agreement `id`'s document and workflow as of git's head. */
static int load(xmlDocPtr *doc, ov_workflow **wf, ov_workspace *ws, const char *id)
{
	ov_txn txn;
	ov_buf path = OV_BUF_INIT;
	int err;

	*doc = NULL;
	*wf = NULL;
	ov_txn_read_at_head(&txn, ws);
	if ((err = ov_agreement_load(doc, &path, &txn, id)) >= 0)
		err = ov_workflow_load_for(wf, &txn, *doc);
	ov_buf_dispose(&path);
	if (err < 0) {
		xmlFreeDoc(*doc);
		*doc = NULL;
	}
	return err;
}

/* --- every phase's questions ------------------------------------------------------- */

static size_t count_questions(const ov_workflow *wf)
{
	size_t n = 0;

	for (size_t i = 0; i < wf->nphases; i++)
		n += wf->phases[i].nquestions;
	return n;
}

/*
 * The values a choice field may take as "value|Label" lines: its words, or
 * for a subject field the installed subjects with their labels.
 */
static int field_choices(char **out, ov_workspace *ws, const ov_wf_field *f)
{
	ov_subject_info *s = NULL;
	ov_buf b = OV_BUF_INIT;
	size_t n = 0;
	int err = OV_OK;

	*out = NULL;
	if (f->type && !strcmp(f->type, "subject")) {
		if ((err = ov_subject_list(&s, &n, ws)) < 0)
			return err;
		for (size_t i = 0; i < n && err >= 0; i++)
			err = ov_buf_printf(&b, "%s|%s\n", s[i].id, s[i].label ? s[i].label : s[i].id);
		ov_subject_list_free(s, n);
	} else if (f->choices) {
		for (const char *p = f->choices; *p && err >= 0;) {
			size_t len = strcspn(p, " \t\n");
			if (len)
				err = ov_buf_printf(&b, "%.*s|%.*s\n", (int)len, p, (int)len, p);
			p += len + strspn(p + len, " \t\n");
		}
	}
	if (err >= 0 && b.size)
		*out = ov_buf_detach(&b);
	ov_buf_dispose(&b);
	return err;
}

/* One question of phase `ph`, with the value the document holds (NULL when unset). */
static int form_question(ov_form_question *o, ov_workspace *ws, xmlDocPtr doc,
			 const ov_workflow *wf, const ov_wf_phase *ph, const ov_wf_question *q)
{
	const ov_wf_field *f = ov_workflow_field(wf, q->key);
	int err;

	o->phase = strdup(ph->id);
	o->phase_label = strdup(ph->label);
	o->field = strdup(q->key);
	o->label = strdup(f && f->label ? f->label : q->key);
	o->type = strdup(f && f->type ? f->type : "text");
	o->text = strdup(q->text);
	o->help = dup_or_null(q->help);
	if (!f)
		return OV_OK;
	if ((err = ov_agreement_field_get(&o->value, doc, f)) < 0 ||
	    (err = field_choices(&o->choices, ws, f)) < 0)
		return err;
	if (o->value && !*o->value) {
		free(o->value);
		o->value = NULL;
	}
	return OV_OK;
}

int ov_agreement_form(ov_form_question **out, size_t *n, ov_workspace *ws, const char *id)
{
	xmlDocPtr doc = NULL;
	ov_workflow *wf = NULL;
	ov_form_question *q = NULL;
	const ov_wf_phase *cur;
	char *phase = NULL;
	size_t cnt = 0;
	int err;

	*out = NULL;
	*n = 0;
	if ((err = load(&doc, &wf, ws, id)) < 0)
		goto done;
	phase = ov_xml_attr(ov_xml_child(xmlDocGetRootElement(doc), "state"), "phase");
	cur = ov_workflow_phase(wf, phase);
	if (!(q = calloc(count_questions(wf) + 1, sizeof(*q)))) {
		err = ov_error_set(OV_ENOMEM, "out of memory");
		goto done;
	}
	for (size_t i = 0; i < wf->nphases && err >= 0; i++) {
		const ov_wf_phase *ph = &wf->phases[i];
		for (size_t j = 0; j < ph->nquestions && err >= 0; j++) {
			ov_form_question *o = &q[cnt++];
			err = form_question(o, ws, doc, wf, ph, &ph->questions[j]);
			o->current = ph == cur;
			o->editable = cur && !cur->frozen;
		}
	}
	if (err < 0)
		goto done;
	*out = q;
	*n = cnt;
	q = NULL;
done:
	ov_form_free(q, cnt);
	free(phase);
	xmlFreeDoc(doc);
	ov_workflow_free(wf);
	return err;
}

void ov_form_free(ov_form_question *q, size_t n)
{
	for (size_t i = 0; q && i < n; i++) {
		free(q[i].phase);
		free(q[i].phase_label);
		free(q[i].choices);
		free(q[i].field);
		free(q[i].label);
		free(q[i].type);
		free(q[i].text);
		free(q[i].help);
		free(q[i].value);
	}
	free(q);
}

/* --- a step's inputs ----------------------------------------------------------------- */

typedef struct inputs {
	ov_step_input *v;
	size_t n, cap;
	int oom;
} inputs;

static void add_input(inputs *in, const char *name, const char *label, const char *type,
		      const char *choices, int required)
{
	ov_step_input *o;

	if (in->n == in->cap) {
		size_t cap = in->cap ? in->cap * 2 : 8;
		ov_step_input *g = realloc(in->v, cap * sizeof(*g));
		if (!g) {
			in->oom = 1;
			return;
		}
		in->v = g;
		in->cap = cap;
	}
	o = &in->v[in->n++];
	o->name = strdup(name);
	o->label = strdup(label);
	o->type = strdup(type);
	o->choices = dup_or_null(choices);
	o->required = required;
	in->oom |= !o->name || !o->label || !o->type || (choices && !o->choices);
}

/* "role|name" of each party of the agreement, one a line (free()). */
static char *party_choices(xmlDocPtr doc)
{
	xmlNodePtr parties = ov_xml_child(xmlDocGetRootElement(doc), "parties"), c;
	ov_buf b = OV_BUF_INIT;

	for (c = parties ? parties->children : NULL; c; c = c->next) {
		char *role, *name;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		role = ov_xml_attr(c, "role");
		name = ov_xml_text(ov_xml_child(c, "name"));
		ov_buf_printf(&b, "%s%s|%s", b.size ? "\n" : "", role ? role : "",
			      name && *name ? name : role ? role : "");
		if (ov_xml_child(c, "unit")) {
			char *unit = ov_xml_text(ov_xml_child(c, "unit"));
			ov_buf_printf(&b, ", %s", unit ? unit : "");
			free(unit);
		}
		free(role);
		free(name);
	}
	return ov_buf_detach(&b);
}

/* A built-in kind's inputs from the table; a party is required when the step says so. */
static void kind_inputs(inputs *in, const ov_event_kind *k, const ov_wf_step *st,
			const char *parties)
{
	for (const ov_event_input *e = k->inputs; e->name; e++) {
		int party = !strcmp(e->type, "party");
		int required = party && st ? st->party_own : e->required;
		add_input(in, e->name, e->label, e->type, party ? parties : e->choices, required);
	}
}

/* The follow-up's answers: one per question of `ph`, labelled with the question. */
static void followup_inputs(inputs *in, const ov_wf_phase *ph)
{
	for (size_t i = 0; ph && i < ph->nfollowup; i++) {
		ov_buf name = OV_BUF_INIT;
		ov_buf_printf(&name, "answer.%s", ph->followup[i].key);
		if (!name.ptr)
			in->oom = 1;
		else
			add_input(in, name.ptr, ph->followup[i].text, "longtext", NULL, 1);
		ov_buf_dispose(&name);
	}
}

/* The form type of a workflow field. */
static const char *field_input_type(const ov_wf_field *f)
{
	if (f && f->type && !strcmp(f->type, "date"))
		return "date";
	if (ov_field_is_list(f))
		return "longtext";
	return "text";
}

/* A declared step's inputs: its party and one "set:FIELD" per field it sets. */
static void declared_inputs(inputs *in, const ov_workflow *wf, const ov_wf_step *st,
			    const char *parties)
{
	char *copy = dup_or_null(st->fields), *save = NULL, *tok;

	add_input(in, "party", "Part", "party", parties, st->party_own);
	for (tok = copy ? strtok_r(copy, " ", &save) : NULL; tok; tok = strtok_r(NULL, " ", &save)) {
		const ov_wf_field *f = ov_workflow_field(wf, tok);
		ov_buf name = OV_BUF_INIT;
		ov_buf_printf(&name, "set:%s", tok);
		if (!name.ptr)
			in->oom = 1;
		else
			add_input(in, name.ptr, f && f->label ? f->label : tok, field_input_type(f),
				  NULL, 0);
		ov_buf_dispose(&name);
	}
	free(copy);
}

/* Step `event` in the current phase `cur`, else in the first phase that has it. */
static const ov_wf_step *find_step(const ov_wf_phase **where, const ov_workflow *wf,
				   const ov_wf_phase *cur, const char *event)
{
	const ov_wf_step *st = ov_workflow_step(cur, event);

	*where = cur;
	for (size_t i = 0; !st && i < wf->nphases; i++)
		if ((st = ov_workflow_step(&wf->phases[i], event)) != NULL)
			*where = &wf->phases[i];
	return st;
}

/* Fills `in` with the inputs of `event` on the loaded agreement. */
static int step_inputs(inputs *in, xmlDocPtr doc, const ov_workflow *wf, const char *id,
		       const char *event)
{
	const ov_event_kind *k = ov_event_kind_find(event);
	char *phase = ov_xml_attr(ov_xml_child(xmlDocGetRootElement(doc), "state"), "phase");
	const ov_wf_phase *ph = NULL;
	const ov_wf_step *st = find_step(&ph, wf, ov_workflow_phase(wf, phase), event);
	char *parties = party_choices(doc);
	int err = OV_OK;

	if (k) {
		kind_inputs(in, k, st, parties);
		if (!strcmp(event, "followup"))
			followup_inputs(in, ph);
	} else if (st) {
		declared_inputs(in, wf, st, parties);
	} else {
		err = ov_error_set(OV_EINVALID, "%s: unknown step '%s' in workflow %s", id, event,
				   wf->id);
	}
	if (err >= 0 && (in->oom || !parties))
		err = ov_error_set(OV_ENOMEM, "out of memory");
	free(parties);
	free(phase);
	return err;
}

int ov_step_inputs(ov_step_input **out, size_t *n, ov_workspace *ws, const char *id,
		   const char *event)
{
	xmlDocPtr doc = NULL;
	ov_workflow *wf = NULL;
	inputs in = { NULL, 0, 0, 0 };
	int err;

	*out = NULL;
	*n = 0;
	if (!event || !*event)
		return ov_error_set(OV_EINVALID, "%s: which step? (an event name)", id ? id : "");
	if ((err = load(&doc, &wf, ws, id)) >= 0)
		err = step_inputs(&in, doc, wf, id, event);
	xmlFreeDoc(doc);
	ov_workflow_free(wf);
	if (err < 0) {
		ov_step_inputs_free(in.v, in.n);
		return err;
	}
	*out = in.v;
	*n = in.n;
	return OV_OK;
}

void ov_step_inputs_free(ov_step_input *in, size_t n)
{
	for (size_t i = 0; in && i < n; i++) {
		free(in[i].name);
		free(in[i].label);
		free(in[i].type);
		free(in[i].choices);
	}
	free(in);
}

/* --- the workflows ------------------------------------------------------------------- */

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The ids of the workflows/<id>.xml files in folder `dir`, sorted (free each and the array). */
static int workflow_ids(char ***out, size_t *n, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **ids = NULL;
	size_t cap = 0;

	*out = NULL;
	*n = 0;
	if (!d)
		return ov_error_set(OV_ENOTFOUND, "no workflows folder %s", dir);
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		if (len <= 4 || strcmp(e->d_name + len - 4, ".xml") || e->d_name[0] == '.')
			continue;
		if (*n == cap) {
			char **g = realloc(ids, (cap = cap ? cap * 2 : 8) * sizeof(*g));
			if (!g)
				break;
			ids = g;
		}
		if (!(ids[*n] = strndup(e->d_name, len - 4)))
			break;
		(*n)++;
	}
	closedir(d);
	if (e) {
		for (size_t i = 0; i < *n; i++)
			free(ids[i]);
		free(ids);
		*n = 0;
		return ov_error_set(OV_ENOMEM, "out of memory");
	}
	if (*n)
		qsort(ids, *n, sizeof(*ids), by_name);
	*out = ids;
	return OV_OK;
}

static int workflow_info(ov_workflow_info *o, const ov_workflow *wf)
{
	o->id = strdup(wf->id);
	o->title = strdup(wf->title ? wf->title : wf->id);
	o->kind = dup_or_null(wf->kind);
	o->min_parties = wf->min_parties;
	o->max_parties = wf->max_parties;
	if (!(o->parties = calloc(wf->nparties + 1, sizeof(*o->parties))))
		return ov_error_set(OV_ENOMEM, "out of memory");
	for (size_t i = 0; i < wf->nparties; i++) {
		ov_workflow_party_info *p = &o->parties[o->nparties++];
		p->role = dup_or_null(wf->parties[i].role);
		p->label = dup_or_null(wf->parties[i].label ? wf->parties[i].label
							    : wf->parties[i].role);
		p->kinds = dup_or_null(wf->parties[i].kinds);
	}
	return o->id && o->title ? OV_OK : ov_error_set(OV_ENOMEM, "out of memory");
}

int ov_workflow_list(ov_workflow_info **out, size_t *n, ov_workspace *ws)
{
	char *dir = ov_workspace_data_path(ws, "workflows"), **ids = NULL;
	ov_workflow_info *w = NULL;
	size_t nids = 0, cnt = 0;
	ov_txn txn;
	int err;

	*out = NULL;
	*n = 0;
	if (!dir)
		return ov_error_set(OV_ENOMEM, "out of memory");
	ov_txn_read_at_head(&txn, ws);
	if ((err = workflow_ids(&ids, &nids, dir)) < 0)
		goto done;
	if (!(w = calloc(nids + 1, sizeof(*w)))) {
		err = ov_error_set(OV_ENOMEM, "out of memory");
		goto done;
	}
	for (size_t i = 0; i < nids && err >= 0; i++) {
		ov_workflow *wf = NULL;
		if ((err = ov_workflow_load(&wf, &txn, ids[i], 0)) >= 0)
			err = workflow_info(&w[cnt++], wf);
		ov_workflow_free(wf);
	}
	if (err >= 0) {
		*out = w;
		*n = cnt;
		w = NULL;
	}
done:
	ov_workflow_list_free(w, cnt);
	for (size_t i = 0; i < nids; i++)
		free(ids[i]);
	free(ids);
	free(dir);
	return err;
}

void ov_workflow_list_free(ov_workflow_info *w, size_t n)
{
	for (size_t i = 0; w && i < n; i++) {
		free(w[i].id);
		free(w[i].title);
		free(w[i].kind);
		for (size_t j = 0; j < w[i].nparties; j++) {
			free(w[i].parties[j].role);
			free(w[i].parties[j].label);
			free(w[i].parties[j].kinds);
		}
		free(w[i].parties);
	}
	free(w);
}
