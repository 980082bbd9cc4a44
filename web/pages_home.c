/*
 * pages_home.c - the start page, "Mina avtal": the agreements the person's
 * organisation is a party to (50 a page), each with its phase, what is
 * missing before the next step and the next date; "Att göra", the steps
 * the person may take now in any of them; and "Förfaller", their dates in
 * the next 90 days.  A reviewer or administrator can list every agreement
 * (?alla=1).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "overens/date.h"
#include "overens/error.h"
#include "overens/person.h"
#include "overens/query.h"
#include "web/http.h"
#include "web/summary.h"

#define PAGE_ROWS 50
#define DUE_DAYS 90

void web_today(char out[11], const web_req *r)
{
	ov_date d;

	if (r->today && ov_date_parse(&d, r->today) == 0) {
		ov_date_format(out, d);
		return;
	}
	ov_date_format(out, ov_sweden_today((long long)time(NULL)));
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "Att göra" and the sorted ids of all the person's agreements (for "Förfaller"). */
static void todo_list(web_req *r, xmlNodePtr todo, const ov_list_row *rows, size_t n,
		      const char *head, const char *today)
{
	for (size_t i = 0; i < n; i++) {
		web_summary *s = NULL;
		if (web_summary_get(&s, r->ws, head, rows[i].id, r->user, today) < 0) {
			ov_error_clear();
			continue;
		}
		for (size_t j = 0; j < s->ntodo; j++) {
			xmlNodePtr t = web_el(todo, "step", NULL);
			web_attr(t, "agreement", rows[i].id);
			web_attr(t, "title", rows[i].title);
			web_attr(t, "event", s->todo[j].event);
			web_attr(t, "label", s->todo[j].label);
			web_attr_int(t, "missing", (long long)s->todo[j].nmissing);
			web_attr(t, "first-missing", s->todo[j].first_missing);
		}
		web_summary_free(s);
	}
}

static void agreement_rows(web_req *r, xmlNodePtr list, const ov_list_row *rows, size_t n,
			   size_t from, const char *head, const char *today)
{
	for (size_t i = from; i < n && i < from + PAGE_ROWS; i++) {
		xmlNodePtr a = web_el(list, "agreement", NULL);
		web_summary *s = NULL;
		web_attr(a, "id", rows[i].id);
		web_attr(a, "title", rows[i].title);
		web_attr(a, "phase", rows[i].phase);
		web_attr(a, "next-date", rows[i].next_date);
		web_attr(a, "next-label", rows[i].next_label);
		if (web_summary_get(&s, r->ws, head, rows[i].id, r->user, today) < 0) {
			ov_error_clear();
			continue;
		}
		web_attr(a, "phase-label", rows[i].expired ? "Utgånget" : s->phase_label);
		web_attr(a, "next-step", s->next_step);
		web_attr(a, "missing-first", s->missing);
		web_attr_int(a, "missing", (long long)s->nmissing);
		web_summary_free(s);
	}
}

static void due_list(web_req *r, xmlNodePtr due, const ov_list_row *rows, size_t n,
		     const char *today)
{
	ov_date from, to;
	ov_period p = { 0, 0, DUE_DAYS, 0 };
	char until[11];
	ov_date_entry *d = NULL;
	size_t nd = 0;
	char **ids = malloc((n ? n : 1) * sizeof(char *));

	if (!ids || ov_date_parse(&from, today) < 0) {
		free(ids);
		ov_error_clear();
		return;
	}
	for (size_t i = 0; i < n; i++)
		ids[i] = rows[i].id;
	qsort(ids, n, sizeof(char *), cmp_str);
	to = ov_date_add(from, &p);
	ov_date_format(until, to);
	web_attr(due, "until", until);
	if (ov_due(&d, &nd, r->ws, today, until) < 0)
		ov_error_clear();
	for (size_t i = 0; i < nd; i++) {
		xmlNodePtr e;
		if (!d[i].agreement || !bsearch(&d[i].agreement, ids, n, sizeof(char *), cmp_str))
			continue;
		e = web_el(due, "date", NULL);
		web_attr(e, "date", d[i].date);
		web_attr(e, "kind", d[i].kind);
		web_attr(e, "label", d[i].label);
		web_attr(e, "agreement", d[i].agreement);
		web_attr(e, "title", d[i].title);
	}
	ov_dates_free(d, nd);
	free(ids);
}

int web_page_home(web_req *r, char **parts, size_t nparts)
{
	ov_person_info *me = NULL;
	ov_list_row *rows = NULL;
	size_t n = 0, total = 0, from = 0;
	char today[11], head[41];
	const char *sida = web_query(r, "sida");
	int all = 0;
	web_page p;
	xmlNodePtr home, list;

	(void)parts;
	if (nparts)
		return web_not_found(r);
	web_today(today, r);
	if (ov_person_get(&me, r->ws, r->user) < 0 || ov_workspace_head(head, r->ws) < 0) {
		ov_error_clear();
		ov_person_info_free(me);
		return web_send_error(r, 403, "Ingen behörighet",
				      "Du finns inte längre i arbetsytans register.");
	}
	all = web_query(r, "alla") &&
	      (ov_person_has_role(me, "admin") || ov_person_has_role(me, "reviewer"));
	if (ov_agreement_list_for(&rows, &n, r->ws, all ? NULL : me->orgnr, today, 0, 0,
				  &total) < 0)
		ov_error_clear();
	if (sida)
		from = (size_t)strtoul(sida, NULL, 10) * PAGE_ROWS;
	if (from >= n)
		from = 0;
	if (web_page_new(&p, r, "Mina avtal", "mina") < 0) {
		ov_list_free(rows, n);
		ov_person_info_free(me);
		return -1;
	}
	home = web_el(p.root, "home", NULL);
	web_attr(home, "name", me->name);
	web_attr(home, "org", me->org_name);
	web_attr(home, "today", today);
	web_attr_int(home, "total", (long long)n);
	web_attr_int(home, "from", (long long)from);
	web_attr_int(home, "page-rows", PAGE_ROWS);
	if (all)
		web_attr(home, "all", "yes");
	if (ov_person_has_role(me, "admin") || ov_person_has_role(me, "reviewer"))
		web_attr(home, "may-list-all", "yes");
	list = web_el(home, "agreements", NULL);
	agreement_rows(r, list, rows, n, from, head, today);
	todo_list(r, web_el(home, "todo", NULL), rows, all ? 0 : n, head, today);
	due_list(r, web_el(home, "due", NULL), rows, n, today);
	ov_list_free(rows, n);
	ov_person_info_free(me);
	return web_page_send(r, &p, 200);
}
