/*
 * render_int.h - rendering for the engine's own use: the agreement PDF that
 * signatories sign, with the places of its signature blocks; and the pieces
 * render.c shares with render_all.c, which renders many agreements in one
 * go with what stays the same between them loaded once (ov_render_env).
 */
#ifndef OV_RENDER_INT_H
#define OV_RENDER_INT_H

#include "overens/lazy_xslt.h"

#include "overens/buf.h"
#include "overens/query.h"
#include "overens/render.h"
#include "overens/workspace.h"
#include "engine/documents/clauses.h"
#include "engine/documents/pdf.h"
#include "engine/lifecycle/engine.h"

/*
 * Renders the agreement text `xml` (as stored in git) exactly as `overens
 * render ID` does, with that XML attached and `when` as the creation date
 * (-1: none), and the signing-stage evidence log `evidence` (evidence.h;
 * NULL: none) on its last page(s) and attached: the PDF made for signing,
 * which `render --version N` makes again.  *boxes receives the signature
 * blocks (ov_pdf_sigboxes_free).
 */
int ov_render_agreement_pdf(ov_buf *out, ov_pdf_sigbox **boxes, size_t *nboxes,
			    ov_workspace *ws, const char *id, const char *xml, size_t len,
			    long long when, const char *commit, const char *evidence,
			    size_t evidence_len);

/* A compiled stylesheet, by its file name in the templates folder. */
typedef struct render_sheet {
	char *name;
	xsltStylesheetPtr sheet;
} render_sheet;

/*
 * What does not change from one document to the next: the workspace read
 * at one head (workflows, the agreements of a batch), the compiled
 * stylesheets, the clause library and references, the workflow
 * definitions (batch only: by place and bytes) and the render settings.
 * Each is loaded on first use; the layout schema is cached by xmlsafe.c.
 */
typedef struct ov_render_env {
	ov_workspace *ws;
	ov_txn txn;                 /* reads at the head found at init */
	int batch;                  /* 1: keep the workflow definitions too */
	char *templates, *layout_rng;
	render_sheet *sheets;
	size_t nsheets;
	ov_clause_lib *clauses;
	ov_workflow_cache *workflows;
	int settings_read;
	char *fonts[4], *align;     /* render.font…, render.align (NULL: unset) */
	char *icc;                  /* render.icc-profile (NULL: unset) */
} ov_render_env;

void ov_render_env_init(ov_render_env *e, ov_workspace *ws, int batch);
void ov_render_env_dispose(ov_render_env *e);

/* One agreement's input: its id, text as in git, parsed document, date and commit. */
typedef struct render_src {
	const char *id;        /* NULL: the calendar of several */
	const char *xml;
	size_t xml_len;
	xmlDocPtr doc;         /* changed by the rendering (the assembled text) */
	long long when;        /* the PDF's creation date, the .ics DTSTAMP; 0: none */
	const char *commit;    /* 40 hex digits, or "" / NULL */
	const char *xml_name;  /* the attachment's file name; NULL: avtal-<id>-v<version>.xml */
	const char *evidence;  /* a frozen version's evidence log (evidence.h), shown on
				* the last page(s) and attached; NULL: none */
	size_t evidence_len;
} render_src;

/*
 * Checks o->format and o->doc; *sheet gets the document's stylesheet name
 * (templates/<doc>.xsl, or <doc>-ics.xsl for the .ics form).
 */
int ov_render_check(ov_buf *sheet, ov_workspace *ws, const ov_render_opts *o);
/* SOURCE_DATE_EPOCH into *when: 1 when set, 0 when not, OV_EINVALID when malformed. */
int ov_render_source_date(long long *when);
/*
 * Appends agreement `id`'s XML as git holds it to `xml`: now, at o->rev (a
 * commit, its prefix or a tag), or at the last commit of text version
 * o->version (its tag when it was signed digitally); sets `commit` to the
 * commit it comes from and *when to that commit's time (0 and "" when not
 * found in the agreement's log).  OV_ENOTFOUND when there is no such
 * agreement, revision or version.
 */
int ov_render_fetch(ov_buf *xml, long long *when, char commit[41], ov_workspace *ws,
		    const char *id, const ov_render_opts *o);
/*
 * The layout (templates/layout.rng) of document `name` of `doc`, made by
 * templates/<name>.xsl with `params` (NULL-ended name/value pairs, at most
 * six) after `doc` is prepared as for ov_render (the agreement's text
 * assembled into it, draft="yes" while it is a draft).  Caller frees *out.
 */
int ov_render_layout(xmlDocPtr *out, ov_render_env *e, const char *name, xmlDocPtr doc,
		     const char *const *params);
/* Appends `layout` as `format` (pdf, html or txt); a PDF is dated and attached as `src` says. */
int ov_render_output(ov_buf *out, ov_render_env *e, const char *format, xmlDocPtr layout,
		     const render_src *src);
/* Renders `src` as `o` says with stylesheet `sheet`, appending to `out`. */
int ov_render_doc(ov_buf *out, ov_render_env *e, const ov_render_opts *o, const char *sheet,
		  const render_src *src);
/*
 * The agreements o->orgnr is a party to (NULL: all), by id, as `overens
 * list` has them; *selected of them are also in phase o->phase (NULL: any),
 * the ones ov_render_selected says yes to.
 */
int ov_render_select(ov_list_row **rows, size_t *n, size_t *selected, ov_workspace *ws,
		     const ov_render_opts *o);
int ov_render_selected(const ov_list_row *row, const ov_render_opts *o);

#endif
