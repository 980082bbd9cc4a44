/*
 * summary.h - one agreement as the start page shows it to one person,
 * remembered until git's head or the day changes (summary.c).
 */
#ifndef OV_WEB_SUMMARY_H
#define OV_WEB_SUMMARY_H

#include <stddef.h>
#include "overens/workspace.h"

typedef struct web_todo {
	char *event, *label;
	size_t nmissing;
	char *first_missing;
} web_todo;

typedef struct web_summary {
	char *phase_label;
	char *next_step;      /* the step that moves the agreement on, or NULL */
	char *missing;        /* the first thing missing before it, or NULL */
	size_t nmissing;
	int final;
	web_todo *todo;       /* the steps the person may take now */
	size_t ntodo;
} web_summary;

/*
 * The summary of agreement `id` for `actor` on `today` (YYYY-MM-DD), git's
 * head being `head`.  *out is the caller's (web_summary_free).
 */
int web_summary_get(web_summary **out, ov_workspace *ws, const char *head, const char *id,
		    const char *actor, const char *today);
void web_summary_free(web_summary *s);
void web_summary_cache_free(void);

#endif
