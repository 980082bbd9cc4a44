/*
 * summary.c - what the start page shows of one agreement for one person
 * (phase, what is missing before the next step, the steps the person may
 * take now), from the engine's ov_agreement_status_for, remembered per
 * agreement until git's head or the day changes.  The status is a function
 * of the history and the day alone, so a remembered one is never stale;
 * it spares the start page from loading every agreement and its workflow
 * on every request.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "overens/error.h"
#include "overens/query.h"
#include "web/summary.h"

#define SLOTS 16384

typedef struct slot {
	char *id, *actor;
	char head[41], today[11];
	web_summary *sum;
} slot;

static slot slots[SLOTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static unsigned hash(const char *s)
{
	unsigned h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h % SLOTS;
}

void web_summary_free(web_summary *s)
{
	if (!s)
		return;
	free(s->phase_label);
	free(s->missing);
	free(s->next_step);
	for (size_t i = 0; i < s->ntodo; i++) {
		free(s->todo[i].event);
		free(s->todo[i].label);
		free(s->todo[i].first_missing);
	}
	free(s->todo);
	free(s);
}

static char *dup(const char *s)
{
	return s ? strdup(s) : NULL;
}

static int from_status(web_summary **out, const ov_status *st)
{
	web_summary *s = calloc(1, sizeof(*s));

	if (!s || (st->nsteps && !(s->todo = calloc(st->nsteps, sizeof(*s->todo))))) {
		free(s);
		return ov_error_set(OV_ENOMEM, "out of memory");
	}
	s->phase_label = dup(st->phase_label);
	s->final = st->final;
	for (size_t i = 0; i < st->nsteps; i++) {
		const ov_status_step *p = &st->steps[i];
		if (!s->next_step && p->to) {
			s->next_step = dup(p->label ? p->label : p->event);
			s->nmissing = p->nmissing;
			s->missing = p->nmissing ? dup(p->missing[0]) : NULL;
		}
		if (p->may) {
			web_todo *t = &s->todo[s->ntodo++];
			t->event = dup(p->event);
			t->label = dup(p->label ? p->label : p->event);
			t->nmissing = p->nmissing;
			t->first_missing = p->nmissing ? dup(p->missing[0]) : NULL;
		}
	}
	*out = s;
	return OV_OK;
}

/* A deep copy for the caller (the cached one stays in the cache). */
static web_summary *copy(const web_summary *c)
{
	web_summary *s = calloc(1, sizeof(*s));

	if (!s || (c->ntodo && !(s->todo = calloc(c->ntodo, sizeof(*s->todo))))) {
		free(s);
		return NULL;
	}
	s->phase_label = dup(c->phase_label);
	s->missing = dup(c->missing);
	s->next_step = dup(c->next_step);
	s->nmissing = c->nmissing;
	s->final = c->final;
	for (size_t i = 0; i < c->ntodo; i++) {
		s->todo[i].event = dup(c->todo[i].event);
		s->todo[i].label = dup(c->todo[i].label);
		s->todo[i].first_missing = dup(c->todo[i].first_missing);
		s->todo[i].nmissing = c->todo[i].nmissing;
	}
	s->ntodo = c->ntodo;
	return s;
}

static int cached(web_summary **out, const char *head, const char *id, const char *actor,
		  const char *today)
{
	slot *e = &slots[hash(id)];
	int hit = 0;

	pthread_mutex_lock(&lock);
	if (e->sum && !strcmp(e->id, id) && !strcmp(e->actor, actor) &&
	    !strcmp(e->head, head) && !strcmp(e->today, today))
		hit = (*out = copy(e->sum)) != NULL;
	pthread_mutex_unlock(&lock);
	return hit;
}

static void remember(const char *head, const char *id, const char *actor, const char *today,
		     const web_summary *sum)
{
	slot *e = &slots[hash(id)];
	web_summary *c = copy(sum);
	char *cid = strdup(id), *cactor = strdup(actor);

	if (!c || !cid || !cactor) {
		web_summary_free(c);
		free(cid);
		free(cactor);
		return;
	}
	pthread_mutex_lock(&lock);
	web_summary_free(e->sum);
	free(e->id);
	free(e->actor);
	e->sum = c;
	e->id = cid;
	e->actor = cactor;
	memcpy(e->head, head, sizeof(e->head));
	memcpy(e->today, today, sizeof(e->today));
	pthread_mutex_unlock(&lock);
}

int web_summary_get(web_summary **out, ov_workspace *ws, const char *head, const char *id,
		    const char *actor, const char *today)
{
	ov_status *st = NULL;
	int err;

	*out = NULL;
	if (cached(out, head, id, actor, today))
		return OV_OK;
	if ((err = ov_agreement_status_for(&st, ws, id, today, actor)) < 0)
		return err;
	err = from_status(out, st);
	ov_status_free(st);
	if (err == OV_OK)
		remember(head, id, actor, today, *out);
	return err;
}

void web_summary_cache_free(void)
{
	pthread_mutex_lock(&lock);
	for (size_t i = 0; i < SLOTS; i++) {
		web_summary_free(slots[i].sum);
		free(slots[i].id);
		free(slots[i].actor);
		memset(&slots[i], 0, sizeof(slots[i]));
	}
	pthread_mutex_unlock(&lock);
}
