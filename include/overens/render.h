/*
 * overens/render.h - documents from an agreement: the agreement itself,
 * minutes extracts, needs mapping, follow-up report, termination notice,
 * amendment and meeting calendar, as PDF, HTML, plain text or iCalendar.
 *
 * agreement XML --XSLT (templates/<doc>.xsl)--> layout --> PDF (libharu)
 *                                                     \--> HTML, text (XSLT)
 * agreement XML --XSLT (templates/calendar-ics.xsl)--> .ics
 */
#ifndef OVERENS_RENDER_H
#define OVERENS_RENDER_H

#include "overens/buf.h"
#include "overens/workspace.h"

typedef struct ov_render_opts {
	const char *doc;       /* agreement decision needs followup termination amendment calendar:
				* the name of a stylesheet templates/<doc>.xsl (and
				* templates/<doc>-ics.xsl for the .ics form) */
	const char *format;    /* pdf html txt ics */
	int version;           /* text version to render; 0 = as it is now */
	const char *rev;       /* or a commit/tag; NULL = now */
	const char *party;     /* decision: whose decision */
	int index;             /* followup/amendment: which one (1-based); 0 = the last */
	int all;               /* calendar: every agreement */
	const char *orgnr;     /* with all: only the agreements this organisation is a
				* party to (its årshjul); NULL = every agreement */
} ov_render_opts;

#define OV_RENDER_OPTS_INIT { "agreement", "pdf", 0, NULL, NULL, 0, 0, NULL }

/*
 * Renders agreement `id` (ignored with opts->all) into `out` (appended).
 * The agreement comes from git: as it is now, at opts->rev, or at the last
 * commit holding text version opts->version.  A PDF has that XML attached
 * and is dated by SOURCE_DATE_EPOCH or that commit's time, so the same
 * version renders to the same bytes; the .ics DTSTAMP likewise.  Settings
 * read: render.font, render.font-bold, render.font-italic,
 * render.font-bold-italic (TrueType files) and render.align (justify|left).
 * Errors: OV_EINVALID (options, template or layout), OV_ENOTFOUND (no such
 * agreement or version), OV_ENOMEM, OV_ERROR.
 */
int ov_render(ov_buf *out, ov_workspace *ws, const char *id, const ov_render_opts *opts);

#endif
