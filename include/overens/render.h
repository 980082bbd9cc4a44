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
	const char *orgnr;     /* with all (and ov_render_all): only the agreements this
				* organisation is a party to (its årshjul); NULL = every
				* agreement */
	const char *phase;     /* likewise: only the agreements in this phase; NULL = any */
} ov_render_opts;

#define OV_RENDER_OPTS_INIT { "agreement", "pdf", 0, NULL, NULL, 0, 0, NULL, NULL }

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

/* One side of a redline: a revision, or the version in force on a day. */
typedef struct ov_redline_side {
	const char *rev;       /* what `show --rev` takes (a commit or its prefix, a tag
				* such as "2026-0001-v1"), or a version number ("2", as
				* render's version); NULL with as_of */
	const char *as_of;     /* or the version in force on this day (YYYY-MM-DD), as
				* ov_agreement_in_force finds it */
} ov_redline_side;

/*
 * Appends to `out` the redline of agreement `id` from version `from` to
 * version `to` as `format` (pdf, html or txt): each version's commit id and
 * day, the parties added and removed, the fields changed (old and new
 * value) and the text clause by clause as the agreement's document lays it
 * out, the words taken out struck through and those put in underlined
 * (<del>/<ins> in HTML, [-…-]/[+…+] in text).  Clauses that did not change
 * are shown unmarked; a list item that only moved is shown as moved, not
 * as taken out and put in.  The layout comes from templates/redline.xsl;
 * a PDF is dated by the newer commit (or SOURCE_DATE_EPOCH).  Errors:
 * OV_ENOTFOUND (no such agreement or version; the message names it, or no
 * version in force on a day), OV_EINVALID (format, date), OV_ENOMEM,
 * OV_ERROR.
 */
int ov_redline(ov_buf *out, ov_workspace *ws, const char *id, const ov_redline_side *from,
	       const ov_redline_side *to, const char *format);

/* One agreement of ov_render_all, as it is done. */
typedef struct ov_render_item {
	size_t index, total;   /* 1-based position among `total` agreements */
	const char *id;
	const char *path;      /* the file: <dir>/<id>-<doc>.<format> */
	size_t size;           /* bytes written */
	int err;               /* 0, or the OV_E* code of its failure: the message
				* (ov_error_last()) names the agreement and the
				* problem while the callback runs */
} ov_render_item;

/* Called after each agreement; a non-zero return stops the batch and is returned. */
typedef int (*ov_render_cb)(const ov_render_item *item, void *payload);

/*
 * Renders document opts->doc (not the calendar, which ov_render makes of
 * all agreements in one file) as opts->format (pdf, html or txt) of every
 * agreement as it is now -- or of those opts->orgnr is a party to and in
 * phase opts->phase -- into folder `dir` (made if missing), one file
 * <dir>/<id>-<doc>.<format> each, written atomically as ov_render would
 * render it (byte for byte).  Everything is read at one head of the
 * workspace; the stylesheet, clause library, references, workflow
 * definitions and settings are loaded once.  An agreement that fails is
 * reported to `cb` with its error and the batch goes on.  *failed (may be
 * NULL) counts them and *total (may be NULL) the agreements selected.
 * Returns OV_OK even when some failed; an error for what stops the whole
 * batch: bad options (OV_EINVALID), a folder that cannot be made, the
 * index unreadable, or cb's non-zero return.  opts->version, rev, party,
 * index and all must be unset.
 */
int ov_render_all(size_t *failed, size_t *total, ov_workspace *ws, const ov_render_opts *opts,
		  const char *dir, ov_render_cb cb, void *payload);

#endif
