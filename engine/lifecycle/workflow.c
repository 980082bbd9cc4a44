/*
 * workflow.c - loading and checking workflow definitions (see workflow.h).
 *
 * The RelaxNG schema checks the structure; this file checks what a schema
 * cannot: that every step's target phase exists, that questions and
 * requirements name declared fields, that XPath expressions compile and
 * that durations parse.  Every refusal names the file and the line.
 */
#include <stdlib.h>
#include <string.h>

#include "overens/lazy_xml.h"

#include "overens/error.h"
#include "overens/i18n.h"
#include "engine/lifecycle/event_kinds.h"
#include "engine/lifecycle/workflow.h"
#include "engine/base/words.h"
#include "engine/base/xmlsafe.h"

static int is_el(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static int count_children(xmlNodePtr parent, const char *name)
{
	int n = 0;
	xmlNodePtr c;

	for (c = parent ? parent->children : NULL; c; c = c->next)
		if (is_el(c, name))
			n++;
	return n;
}

static char *child_text(xmlNodePtr parent, const char *name)
{
	xmlNodePtr c = ov_xml_child(parent, name);

	return c ? ov_xml_text(c) : NULL;
}

/*
 * An expression must compile and also evaluate: xmlXPathCompile accepts a
 * call of a function that does not exist and a variable that is never set,
 * which fail only when the guard is first evaluated, in the middle of a
 * step.  So each one is evaluated once when the workflow loads, on an empty
 * agreement with the variables a guard gets ($date, $party, $actor): one
 * such document and context serve all the expressions of a workflow.
 */
typedef struct xpath_check {
	xmlDocPtr doc;
	xmlNodePtr root;
	xmlXPathContextPtr xp;
} xpath_check;

static void xpath_check_dispose(xpath_check *x)
{
	xmlXPathFreeContext(x->xp);
	xmlFreeDoc(x->doc);
	memset(x, 0, sizeof(*x));
}

/* $name = value in `xp`; -1 when out of memory. */
static int set_var(xmlXPathContextPtr xp, const char *name, const char *value)
{
	xmlXPathObjectPtr v = xmlXPathNewCString(value);

	if (!v || xmlXPathRegisterVariable(xp, (const xmlChar *)name, v)) {
		xmlXPathFreeObject(v);
		return -1;
	}
	return 0;
}

static int xpath_check_init(xpath_check *x)
{
	memset(x, 0, sizeof(*x));
	if (!(x->doc = xmlNewDoc((const xmlChar *)"1.0")) ||
	    !(x->root = xmlNewDocNode(x->doc, NULL, (const xmlChar *)"agreement", NULL))) {
		xpath_check_dispose(x);
		return ov_error_set(OV_ENOMEM, "out of memory");
	}
	xmlDocSetRootElement(x->doc, x->root); /* the document owns it now */
	if (!(x->xp = xmlXPathNewContext(x->doc)) || set_var(x->xp, "date", "2000-01-01") < 0 ||
	    set_var(x->xp, "party", "") < 0 || set_var(x->xp, "actor", "") < 0) {
		xpath_check_dispose(x);
		return ov_error_set(OV_ENOMEM, "out of memory");
	}
	return OV_OK;
}

static int check_xpath(xpath_check *x, const char *name, int line, const char *expr)
{
	xmlXPathCompExprPtr c;
	xmlXPathObjectPtr obj;
	int err = OV_OK;

	if (!expr || !*expr)
		return ov_error_set(OV_EINVALID, "%s:%d: empty XPath expression", name, line);
	c = xmlXPathCompile((const xmlChar *)expr);
	if (!c)
		return ov_error_set(OV_EINVALID, "%s:%d: XPath expression does not compile: %s",
				    name, line, expr);
	x->xp->node = x->root;
	if (!(obj = xmlXPathCompiledEval(c, x->xp)))
		err = ov_error_set(OV_EINVALID, "%s:%d: XPath expression cannot be evaluated "
				   "(an unknown function or variable?): %s", name, line, expr);
	xmlXPathFreeObject(obj);
	xmlXPathFreeCompExpr(c);
	return err;
}

static int parse_period_at(ov_period *out, const char *name, int line, const char *s)
{
	if (ov_period_parse(out, s) < 0)
		return ov_error_prefix("%s:%d", name, line);
	return OV_OK;
}

static int load_schedule(ov_wf_schedule *s, xmlNodePtr n, const char *name)
{
	char *first = ov_xml_attr(n, "first"), *repeat = ov_xml_attr(n, "repeat");
	char *nth = ov_xml_attr(n, "nth"), *tolerance = ov_xml_attr(n, "tolerance");
	int line = (int)xmlGetLineNo(n), err = OV_OK;

	s->kind = ov_xml_attr(n, "kind");
	s->id = ov_xml_attr(n, "id");
	s->label = ov_xml_attr(n, "label");
	s->nth_label = ov_xml_attr(n, "nth-label");
	if (first) {
		char *save = NULL, *tok;
		for (tok = strtok_r(first, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
			if (s->nfirsts == OV_WF_MAX_FIRSTS) {
				err = ov_error_set(OV_EINVALID, "%s:%d: more than %d first dates",
						   name, line, OV_WF_MAX_FIRSTS);
				goto done;
			}
			if ((err = parse_period_at(&s->firsts[s->nfirsts++], name, line, tok)) < 0)
				goto done;
		}
	}
	if (repeat) {
		if ((err = parse_period_at(&s->repeat, name, line, repeat)) < 0)
			goto done;
		if (!s->repeat.years && !s->repeat.months && !s->repeat.days) {
			err = ov_error_set(OV_EINVALID, "%s:%d: a schedule cannot repeat every %s",
					   name, line, repeat);
			goto done;
		}
		s->has_repeat = 1;
	}
	if (tolerance) {
		if ((err = parse_period_at(&s->tolerance, name, line, tolerance)) < 0)
			goto done;
		s->has_tolerance = 1;
	}
	if (!s->nfirsts && !s->has_repeat)
		err = ov_error_set(OV_EINVALID, "%s:%d: a schedule needs first or repeat", name, line);
	s->nth = nth ? atoi(nth) : 0;
done:
	free(tolerance);
	free(first);
	free(repeat);
	free(nth);
	return err;
}

static int period_is_zero(const ov_period *p)
{
	return !p->years && !p->months && !p->days;
}

/*
 * The term: <term length renewal period notice notice-to/> inside <dates>, or the
 * first form's attributes on <dates> (term, renewal, notice), read as a
 * tacit renewal by `renewal`.
 */
static int load_term(ov_workflow *wf, xmlNodePtr dates, const char *name)
{
	static const char *const attrs[] = { "length", "period", "notice" };
	static const char *const old_attrs[] = { "term", "renewal", "notice" };
	xmlNodePtr t = ov_xml_child(dates, "term");
	ov_period *dst[] = { &wf->term, &wf->renewal, &wf->notice };
	int line = (int)xmlGetLineNo(t ? t : dates), err = OV_OK;
	char *kind = t ? ov_xml_attr(t, "renewal") : NULL, *to = t ? ov_xml_attr(t, "notice-to") : NULL;

	for (size_t i = 0; i < 3 && err >= 0; i++) {
		char *v = ov_xml_attr(t ? t : dates, t ? attrs[i] : old_attrs[i]);
		err = parse_period_at(dst[i], name, line, v ? v : "P0D");
		free(v);
	}
	wf->renewal_kind = !kind || !strcmp(kind, "tacit") ? OV_RENEW_TACIT
			 : !strcmp(kind, "fixed") ? OV_RENEW_FIXED : OV_RENEW_EXPLICIT;
	free(kind);
	if (err >= 0 && to && strcmp(to, "period") && strcmp(to, "term-end"))
		err = ov_error_set(OV_EINVALID, "%s:%d: notice-to is 'period' or 'term-end', not '%s'",
				   name, line, to);
	wf->notice_to = to && !strcmp(to, "term-end") ? OV_NOTICE_TERM_END : OV_NOTICE_PERIOD;
	free(to);
	if (err >= 0 && wf->renewal_kind != OV_RENEW_FIXED &&
	    (period_is_zero(&wf->renewal) || wf->renewal.negative))
		err = ov_error_set(OV_EINVALID, "%s:%d: a %s renewal needs a period (as in period=\"P1Y\")",
				   name, line, ov_workflow_renewal_name(wf->renewal_kind));
	if (err >= 0 && wf->renewal_kind == OV_RENEW_FIXED)
		memset(&wf->renewal, 0, sizeof(wf->renewal));
	return err;
}

static int load_question(ov_wf_question *q, xmlNodePtr n, const char *keyattr)
{
	q->key = ov_xml_attr(n, keyattr);
	q->text = child_text(n, "text");
	q->help = child_text(n, "help");
	return q->key && q->text ? OV_OK : ov_error_set(OV_ENOMEM, "out of memory");
}

static int load_step(ov_wf_step *st, xmlNodePtr n)
{
	xmlNodePtr c;
	char *party;

	st->line = (int)xmlGetLineNo(n);
	st->event = ov_xml_attr(n, "event");
	st->to = ov_xml_attr(n, "to");
	st->roles = ov_xml_attr(n, "roles");
	st->label = ov_xml_attr(n, "label");
	st->fields = ov_xml_attr(n, "fields");
	party = ov_xml_attr(n, "party");
	st->party_own = party && !strcmp(party, "own");
	free(party);
	st->reqs = calloc((size_t)count_children(n, "require") + 1, sizeof(*st->reqs));
	st->advs = calloc((size_t)count_children(n, "advance") + 1, sizeof(*st->advs));
	if (!st->reqs || !st->advs || !st->event || !st->roles)
		return ov_error_set(OV_ENOMEM, "out of memory");
	for (c = n->children; c; c = c->next) {
		if (is_el(c, "require")) {
			ov_wf_require *r = &st->reqs[st->nreqs++];
			char *each = ov_xml_attr(c, "each-party");
			r->line = (int)xmlGetLineNo(c);
			r->test = ov_xml_attr(c, "test");
			r->field = ov_xml_attr(c, "field");
			r->text = ov_xml_text(c);
			r->each_party = each && !strcmp(each, "yes");
			free(each);
		} else if (is_el(c, "advance")) {
			ov_wf_advance *a = &st->advs[st->nadvs++];
			a->line = (int)xmlGetLineNo(c);
			a->to = ov_xml_attr(c, "to");
			a->when = ov_xml_attr(c, "when");
		}
	}
	return OV_OK;
}

static int load_phase(ov_wf_phase *ph, xmlNodePtr n)
{
	xmlNodePtr c, f;
	char *frozen = ov_xml_attr(n, "frozen"), *final = ov_xml_attr(n, "final");
	int err;

	ph->id = ov_xml_attr(n, "id");
	ph->label = ov_xml_attr(n, "label");
	ph->frozen = frozen && !strcmp(frozen, "yes");
	ph->final = final && !strcmp(final, "yes");
	free(frozen);
	free(final);
	f = ov_xml_child(n, "followup");
	ph->questions = calloc((size_t)count_children(n, "question") + 1, sizeof(*ph->questions));
	ph->followup = calloc((size_t)count_children(f, "question") + 1, sizeof(*ph->followup));
	ph->steps = calloc((size_t)count_children(n, "step") + 1, sizeof(*ph->steps));
	if (!ph->id || !ph->label || !ph->questions || !ph->followup || !ph->steps)
		return ov_error_set(OV_ENOMEM, "out of memory");
	for (c = n->children; c; c = c->next) {
		if (is_el(c, "question")) {
			if ((err = load_question(&ph->questions[ph->nquestions++], c, "field")) < 0)
				return err;
		} else if (is_el(c, "step")) {
			if ((err = load_step(&ph->steps[ph->nsteps++], c)) < 0)
				return err;
		}
	}
	for (c = f ? f->children : NULL; c; c = c->next)
		if (is_el(c, "question") &&
		    (err = load_question(&ph->followup[ph->nfollowup++], c, "id")) < 0)
			return err;
	return OV_OK;
}

int ov_workflow_reserved_event(const char *event)
{
	return ov_word_in("new set unset import org-add org-signatory org-unit person-add "
			  "person-change trust-add trust-remove", event) || !strncmp(event, "fsck-", 5);
}

/* Checks what a step names: its phases, fields and its own name; and its guards. */
static int check_step(const ov_workflow *wf, const ov_wf_phase *ph, const ov_wf_step *st,
		      const char *name, xpath_check *x)
{
	char *copy, *save = NULL, *tok;
	int err = OV_OK;

	for (size_t k = 0; k < st->nreqs; k++)
		if ((err = check_xpath(x, name, st->reqs[k].line, st->reqs[k].test)) < 0)
			return err;
	for (size_t k = 0; k < st->nadvs; k++)
		if ((err = check_xpath(x, name, st->advs[k].line, st->advs[k].when)) < 0)
			return err;

	if (ov_workflow_reserved_event(st->event))
		return ov_error_set(OV_EINVALID, "%s:%d: '%s' cannot be the name of a step",
				    name, st->line, st->event);
	if (!strcmp(st->event, "renew") && wf->renewal_kind != OV_RENEW_EXPLICIT)
		return ov_error_set(OV_EINVALID,
			"%s:%d: a renew step needs a term renewed explicitly "
			"(<term renewal=\"explicit\">); this term's renewal is %s",
			name, st->line, ov_workflow_renewal_name(wf->renewal_kind));
	if (st->to && !ov_workflow_phase(wf, st->to))
		return ov_error_set(OV_EINVALID, "%s:%d: step '%s' leads to unknown phase '%s'",
				    name, st->line, st->event, st->to);
	for (size_t k = 0; k < st->nadvs; k++)
		if (!ov_workflow_phase(wf, st->advs[k].to))
			return ov_error_set(OV_EINVALID, "%s:%d: advance leads to unknown phase '%s'",
					    name, st->advs[k].line, st->advs[k].to);
	for (size_t k = 0; k < st->nreqs; k++)
		if (st->reqs[k].field && !ov_workflow_field(wf, st->reqs[k].field))
			return ov_error_set(OV_EINVALID,
				"%s:%d: requirement names undeclared field '%s'",
				name, st->reqs[k].line, st->reqs[k].field);
	if (!st->fields)
		return OV_OK;
	/* Fields are set by the generic handler of a declared step only. */
	if (ov_event_kind_find(st->event))
		return ov_error_set(OV_EINVALID, "%s:%d: the built-in step '%s' cannot declare fields",
				    name, st->line, st->event);
	if (ph->frozen)
		return ov_error_set(OV_EINVALID,
			"%s:%d: step '%s' cannot set fields in phase '%s', whose text is frozen",
			name, st->line, st->event, ph->id);
	if (!(copy = strdup(st->fields)))
		return ov_error_set(OV_ENOMEM, "out of memory");
	for (tok = strtok_r(copy, " ", &save); tok && err >= 0; tok = strtok_r(NULL, " ", &save))
		if (!ov_workflow_field(wf, tok))
			err = ov_error_set(OV_EINVALID, "%s:%d: step '%s' sets undeclared field '%s'",
					   name, st->line, st->event, tok);
	free(copy);
	return err;
}

/* Follow-up schedules: several need ids, ids are unique. */
static int check_schedules(const ov_workflow *wf, const char *name)
{
	size_t i, j, nfollowup = 0;

	for (i = 0; i < wf->nschedules; i++)
		nfollowup += !strcmp(wf->schedules[i].kind, "followup");
	for (i = 0; i < wf->nschedules; i++) {
		const ov_wf_schedule *s = &wf->schedules[i];
		if (nfollowup > 1 && !strcmp(s->kind, "followup") && !s->id)
			return ov_error_set(OV_EINVALID,
				"%s: follow-up schedule '%s' needs an id: the workflow has %zu "
				"follow-up schedules", name, s->label, nfollowup);
		for (j = 0; s->id && j < i; j++)
			if (wf->schedules[j].id && !strcmp(wf->schedules[j].id, s->id))
				return ov_error_set(OV_EINVALID, "%s: schedule id '%s' is used twice",
						    name, s->id);
	}
	return OV_OK;
}

/* A field that chooses the follow-up schedule offers only the schedules' ids. */
static int check_followups_field(const ov_workflow *wf, const ov_wf_field *f, const char *name)
{
	char *copy, *save = NULL, *tok;
	int err = OV_OK;

	if (strcmp(f->path, "term/@followups"))
		return OV_OK;
	if (!f->choices)
		return ov_error_set(OV_EINVALID,
			"%s: field '%s' chooses the follow-up schedule and must be of type choice",
			name, f->name);
	if (!(copy = strdup(f->choices)))
		return ov_error_set(OV_ENOMEM, "out of memory");
	for (tok = strtok_r(copy, " ", &save); tok && err >= 0; tok = strtok_r(NULL, " ", &save)) {
		const ov_wf_schedule *s = ov_workflow_followups(wf, tok);
		if (!s || !s->id || strcmp(s->id, tok))
			err = ov_error_set(OV_EINVALID,
				"%s: field '%s' offers '%s', which is no follow-up schedule's id",
				name, f->name, tok);
	}
	free(copy);
	return err;
}

/* Checks the references between parts that the schema cannot see. */
static int check_semantics(ov_workflow *wf, const char *name)
{
	xpath_check x;
	size_t i, j;
	int err;

	if ((err = check_schedules(wf, name)) < 0)
		return err;
	for (i = 0; i < wf->nfields; i++)
		if ((err = check_followups_field(wf, &wf->fields[i], name)) < 0)
			return err;
	if (!wf->nphases)
		return ov_error_set(OV_EINVALID, "%s: the workflow has no phase", name);
	for (i = 0; i < wf->nphases; i++) {
		ov_wf_phase *ph = &wf->phases[i];
		for (j = 0; j < i; j++)
			if (!strcmp(wf->phases[j].id, ph->id))
				return ov_error_set(OV_EINVALID, "%s: phase '%s' is defined twice",
						    name, ph->id);
		for (j = 0; j < ph->nquestions; j++)
			if (!ov_workflow_field(wf, ph->questions[j].key))
				return ov_error_set(OV_EINVALID,
					"%s: phase '%s' asks about undeclared field '%s'",
					name, ph->id, ph->questions[j].key);
	}
	if ((err = xpath_check_init(&x)) < 0)
		return err;
	for (i = 0; i < wf->nphases && err >= 0; i++)
		for (j = 0; j < wf->phases[i].nsteps && err >= 0; j++)
			err = check_step(wf, &wf->phases[i], &wf->phases[i].steps[j], name, &x);
	xpath_check_dispose(&x);
	return err;
}

int ov_workflow_parse(ov_workflow **out, const char *data, size_t len,
		      const char *name, const char *rng_path)
{
	xmlDocPtr doc = NULL;
	int err;

	*out = NULL;
	if ((err = ov_xml_parse_memory(&doc, data, len, name)) < 0)
		return err;
	if ((err = ov_rng_validate(doc, rng_path, name)) < 0 ||
	    (err = ov_workflow_expand_parties(doc, NULL)) < 0) {
		xmlFreeDoc(doc);
		return err;
	}
	return ov_workflow_from_doc(out, doc, name);
}

int ov_workflow_from_doc(ov_workflow **out, xmlDocPtr doc, const char *name)
{
	ov_workflow *wf = NULL;
	xmlNodePtr root, n, c;
	char *s = NULL;
	int err = OV_OK;

	*out = NULL;
	if (!(wf = calloc(1, sizeof(*wf)))) {
		err = ov_error_set(OV_ENOMEM, "out of memory");
		goto done;
	}
	wf->doc = doc;
	doc = NULL;
	root = xmlDocGetRootElement(wf->doc);
	wf->id = ov_xml_attr(root, "id");
	wf->title = child_text(root, "title");
	wf->kind = child_text(root, "kind");
	wf->path = strdup(name);

	n = ov_xml_child(root, "parties");
	s = ov_xml_attr(n, "min");
	wf->min_parties = s ? atoi(s) : 2;
	free(s);
	s = ov_xml_attr(n, "max");
	wf->max_parties = s ? atoi(s) : 2;
	free(s);
	s = ov_xml_attr(n, "leave");
	wf->leave_party = s && !strcmp(s, "party");
	free(s);
	s = NULL;
	wf->parties = calloc((size_t)count_children(n, "party") + 1, sizeof(*wf->parties));
	if (!wf->parties) {
		err = ov_error_set(OV_ENOMEM, "out of memory");
		goto done;
	}
	for (c = n->children; c; c = c->next)
		if (is_el(c, "party")) {
			ov_wf_party *p = &wf->parties[wf->nparties++];
			p->role = ov_xml_attr(c, "role");
			p->kinds = ov_xml_attr(c, "kinds");
			p->label = ov_xml_attr(c, "label");
			p->body = ov_xml_attr(c, "body");
		}

	n = ov_xml_child(root, "dates");
	if ((err = load_term(wf, n, name)) < 0)
		goto done;
	wf->schedules = calloc((size_t)count_children(n, "schedule") + 1, sizeof(*wf->schedules));
	if (!wf->schedules) {
		err = ov_error_set(OV_ENOMEM, "out of memory");
		goto done;
	}
	for (c = n->children; c; c = c->next)
		if (is_el(c, "schedule") &&
		    (err = load_schedule(&wf->schedules[wf->nschedules++], c, name)) < 0)
			goto done;

	n = ov_xml_child(root, "fields");
	wf->fields = calloc((size_t)count_children(n, "field") + 1, sizeof(*wf->fields));
	if (!wf->fields) {
		err = ov_error_set(OV_ENOMEM, "out of memory");
		goto done;
	}
	for (c = n ? n->children : NULL; c; c = c->next)
		if (is_el(c, "field")) {
			ov_wf_field *f = &wf->fields[wf->nfields++];
			f->name = ov_xml_attr(c, "name");
			f->path = ov_xml_attr(c, "path");
			f->type = ov_xml_attr(c, "type");
			f->label = ov_xml_attr(c, "label");
			f->value = ov_xml_attr(c, "value");
			f->choices = ov_xml_attr(c, "choices");
		}

	wf->phases = calloc((size_t)count_children(root, "phase") + 1, sizeof(*wf->phases));
	if (!wf->phases) {
		err = ov_error_set(OV_ENOMEM, "out of memory");
		goto done;
	}
	for (c = root->children; c; c = c->next)
		if (is_el(c, "phase") &&
		    (err = load_phase(&wf->phases[wf->nphases++], c)) < 0)
			goto done;
	err = check_semantics(wf, name);
done:
	free(s);
	xmlFreeDoc(doc);
	if (err < 0)
		ov_workflow_free(wf);
	else
		*out = wf;
	return err;
}

static void free_questions(ov_wf_question *q, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(q[i].key);
		free(q[i].text);
		free(q[i].help);
	}
	free(q);
}

void ov_workflow_free(ov_workflow *wf)
{
	size_t i, j, k;

	if (!wf)
		return;
	for (i = 0; i < wf->nphases; i++) {
		ov_wf_phase *ph = &wf->phases[i];
		free(ph->id);
		free(ph->label);
		free_questions(ph->questions, ph->nquestions);
		free_questions(ph->followup, ph->nfollowup);
		for (j = 0; j < ph->nsteps; j++) {
			ov_wf_step *st = &ph->steps[j];
			free(st->event);
			free(st->to);
			free(st->roles);
			free(st->label);
			free(st->fields);
			for (k = 0; k < st->nreqs; k++) {
				free(st->reqs[k].test);
				free(st->reqs[k].field);
				free(st->reqs[k].text);
			}
			for (k = 0; k < st->nadvs; k++) {
				free(st->advs[k].to);
				free(st->advs[k].when);
			}
			free(st->reqs);
			free(st->advs);
		}
		free(ph->steps);
	}
	free(wf->phases);
	for (i = 0; i < wf->nfields; i++) {
		free(wf->fields[i].name);
		free(wf->fields[i].path);
		free(wf->fields[i].type);
		free(wf->fields[i].label);
		free(wf->fields[i].value);
		free(wf->fields[i].choices);
	}
	free(wf->fields);
	for (i = 0; i < wf->nparties; i++) {
		free(wf->parties[i].role);
		free(wf->parties[i].kinds);
		free(wf->parties[i].label);
		free(wf->parties[i].body);
	}
	free(wf->parties);
	for (i = 0; i < wf->nschedules; i++) {
		free(wf->schedules[i].kind);
		free(wf->schedules[i].label);
		free(wf->schedules[i].nth_label);
		free(wf->schedules[i].id);
	}
	free(wf->schedules);
	free(wf->id);
	free(wf->title);
	free(wf->kind);
	free(wf->path);
	free(wf->subject_id);
	xmlFreeDoc(wf->doc);
	xmlFreeDoc(wf->subject_doc);
	free(wf);
}

const ov_wf_phase *ov_workflow_phase(const ov_workflow *wf, const char *id)
{
	for (size_t i = 0; id && i < wf->nphases; i++)
		if (!strcmp(wf->phases[i].id, id))
			return &wf->phases[i];
	return NULL;
}

const ov_wf_field *ov_workflow_field(const ov_workflow *wf, const char *name)
{
	for (size_t i = 0; name && i < wf->nfields; i++)
		if (!strcmp(wf->fields[i].name, name))
			return &wf->fields[i];
	return NULL;
}

int ov_field_is_list(const ov_wf_field *f)
{
	return f && f->type && (!strcmp(f->type, "list") || !strcmp(f->type, "costs"));
}

int ov_field_is_costs(const ov_wf_field *f)
{
	return f && f->type && !strcmp(f->type, "costs");
}

const ov_wf_step *ov_workflow_step(const ov_wf_phase *phase, const char *event)
{
	for (size_t i = 0; phase && i < phase->nsteps; i++)
		if (!strcmp(phase->steps[i].event, event))
			return &phase->steps[i];
	return NULL;
}

/*
 * The close of an expired agreement is the engine's, not a phase's: a term
 * can run out in any phase the agreement is in after it came into force
 * (active, amended, while a party leaves), and a workflow that had to
 * declare `end` in each of them could leave one out and the agreement
 * stuck.  So the step is made here: `end` to the workflow's final phase
 * (the first phase marked final="yes"), taken by the roles of the `end`
 * step the workflow declares for a terminated agreement.
 */
int ov_workflow_close_step(ov_wf_step *out, const ov_workflow *wf)
{
	const ov_wf_step *end = NULL;
	const char *final = NULL;

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < wf->nphases; i++) {
		if (!final && wf->phases[i].final)
			final = wf->phases[i].id;
		if (!end)
			end = ov_workflow_step(&wf->phases[i], "end");
	}
	if (!final || !end)
		return OV_ENOTFOUND;
	out->event = end->event;
	out->to = (char *)final;
	out->roles = end->roles;
	out->label = end->label;
	out->line = end->line;
	return OV_OK;
}

const ov_wf_schedule *ov_workflow_followups(const ov_workflow *wf, const char *id)
{
	const ov_wf_schedule *first = NULL;

	for (size_t i = 0; i < wf->nschedules; i++) {
		const ov_wf_schedule *s = &wf->schedules[i];
		if (strcmp(s->kind, "followup"))
			continue;
		if (id && s->id && !strcmp(s->id, id))
			return s;
		if (!first)
			first = s;
	}
	return first;
}

const char *ov_workflow_renewal_name(ov_wf_renewal kind)
{
	return kind == OV_RENEW_FIXED ? "fixed" : kind == OV_RENEW_EXPLICIT ? "explicit" : "tacit";
}

const ov_wf_party *ov_workflow_party(const ov_workflow *wf, const char *role)
{
	const ov_wf_party *any = NULL;

	for (size_t i = 0; i < wf->nparties; i++) {
		if (!strcmp(wf->parties[i].role, role))
			return &wf->parties[i];
		if (!strcmp(wf->parties[i].role, "*"))
			any = &wf->parties[i];
	}
	return any;
}
