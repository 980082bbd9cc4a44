/*
 * render.c - documents from agreements (see overens/render.h).
 *
 * The document is always made from what git holds: the agreement as it is
 * now, at a given commit, or at the last commit of a given text version.
 * PDFs carry that exact XML as an attachment and take their creation date
 * from SOURCE_DATE_EPOCH or from the commit, never from the clock, so the
 * same version renders to the same bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "overens/lazy_xslt.h"

#include "overens/error.h"
#include "overens/query.h"
#include "overens/render.h"
#include "engine/documents/clauses.h"
#include "engine/documents/pdf.h"
#include "engine/documents/render_int.h"
#include "engine/lifecycle/engine.h"
#include "engine/signing/evidence.h"
#include "engine/notify/notify.h"
#include "store/workspace.h"
#include "engine/base/xmlsafe.h"

/* "<datadir>/templates/<name>" (free()), or NULL when out of memory. */
static char *template_path(ov_workspace *ws, const char *name)
{
	ov_buf sub = OV_BUF_INIT;
	char *path = NULL;

	if (ov_buf_printf(&sub, "templates/%s", name) >= 0)
		path = ov_workspace_data_path(ws, sub.ptr);
	ov_buf_dispose(&sub);
	return path;
}

/*
 * The stylesheet for document `doc` in `suffix` form ("" for the layout,
 * "-ics" for iCalendar): templates/<doc><suffix>.xsl, which must exist.  A
 * document kind is a stylesheet, so a new kind needs no C.  The name is a
 * lower-case word, which keeps it inside the templates folder.
 */
static int doc_sheet(ov_buf *out, ov_workspace *ws, const char *doc, const char *suffix)
{
	char *path = NULL;
	int err = OV_OK;

	if (!doc || !*doc || strspn(doc, "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen(doc))
		return ov_error_set(OV_EINVALID, "unknown document '%s' (a document is named by "
				    "its template, templates/NAME.xsl)", doc ? doc : "");
	ov_buf_clear(out);
	if ((err = ov_buf_printf(out, "%s%s.xsl", doc, suffix)) < 0)
		return err;
	if (!(path = template_path(ws, out->ptr)))
		return ov_error_set(OV_ENOMEM, "out of memory");
	if (access(path, R_OK) < 0) {
		if (*suffix)
			err = ov_error_set(OV_EINVALID, "document '%s' has no %s form (no %s)", doc,
					   suffix + 1, path);
		else
			err = ov_error_set(OV_EINVALID, "unknown document '%s' (no template %s)",
					   doc, path);
	}
	free(path);
	return err;
}

/*
 * The time of the commit `rev` names.  A commit id (or its prefix) is found
 * in the log; a tag such as "2026-0001-v1" is matched by content: the
 * oldest event whose document is byte for byte the one fetched.
 */
static int rev_time(long long *when, char commit[41], ov_workspace *ws, const char *id,
		    const char *rev, const ov_buf *xml, const ov_log_row *rows, size_t n)
{
	size_t len = strlen(rev);
	int err = OV_OK;

	for (size_t i = 0; i < n; i++)
		if (len >= 4 && !strncmp(rows[i].commit, rev, len)) {
			*when = rows[i].when;
			snprintf(commit, 41, "%s", rows[i].commit);
			return OV_OK;
		}
	for (size_t i = 0; i < n && err >= 0; i++) {
		ov_buf other = OV_BUF_INIT;
		if ((err = ov_agreement_show(&other, ws, id, rows[i].commit)) >= 0 &&
		    other.size == xml->size && !memcmp(other.ptr, xml->ptr, xml->size)) {
			*when = rows[i].when;
			snprintf(commit, 41, "%s", rows[i].commit);
			i = n;
		}
		ov_buf_dispose(&other);
	}
	return err;
}

int ov_render_fetch(ov_buf *xml, long long *when, char commit[41], ov_workspace *ws,
		    const char *id, const ov_render_opts *o)
{
	ov_log_row *rows = NULL;
	size_t n = 0;
	int err;

	*when = 0;
	*commit = 0;
	if ((err = ov_agreement_log(&rows, &n, ws, id)) < 0)
		return err;
	if (o->rev) {
		if ((err = ov_agreement_show(xml, ws, id, o->rev)) < 0)
			goto done;
		err = rev_time(when, commit, ws, id, o->rev, xml, rows, n);
		goto done;
	}
	if (!o->version) {
		err = ov_agreement_show(xml, ws, id, NULL);
		if (n) {
			*when = rows[n - 1].when;
			snprintf(commit, 41, "%s", rows[n - 1].commit);
		}
		goto done;
	}
	/* A version frozen for digital signing is its tag: render what was signed. */
	{
		ov_buf tag = OV_BUF_INIT;
		char target[41];
		int tagged;
		ov_buf_printf(&tag, "%s-v%d", id, o->version);
		tagged = ov_ws_tag_target(target, ws, tag.ptr) == 0 &&
			 ov_agreement_show(xml, ws, id, tag.ptr) == 0;
		ov_buf_dispose(&tag);
		ov_error_clear();
		if (tagged) {
			for (size_t i = 0; i < n; i++)
				if (!strcmp(rows[i].commit, target))
					*when = rows[i].when;
			memcpy(commit, target, 41);
			goto done;
		}
		ov_buf_clear(xml);
	}
	/* Otherwise the last commit holding text version N that is not a draft amendment. */
	for (size_t i = n; i-- > 0;) {
		xmlDocPtr doc = NULL;
		char *v = NULL, *phase = NULL;
		int match;
		ov_buf_clear(xml);
		if ((err = ov_agreement_show(xml, ws, id, rows[i].commit)) < 0 ||
		    (err = ov_xml_parse_memory(&doc, xml->ptr, xml->size, id)) < 0)
			goto done;
		v = ov_xml_attr(xmlDocGetRootElement(doc), "version");
		phase = ov_xml_attr(ov_xml_child(xmlDocGetRootElement(doc), "state"), "phase");
		match = v && atoi(v) == o->version && !(phase && !strcmp(phase, "andring"));
		free(v);
		free(phase);
		xmlFreeDoc(doc);
		if (match) {
			*when = rows[i].when;
			snprintf(commit, 41, "%s", rows[i].commit);
			goto done;
		}
	}
	err = ov_error_set(OV_ENOTFOUND, "agreement %s has no version %d", id, o->version);
done:
	ov_log_free(rows, n);
	return err;
}

/*
 * <agreements> holding every agreement as it is now (calendar --all), or
 * those opts->orgnr is a party to and in phase opts->phase, and in *when
 * the time of the newest commit among them.
 */
static int fetch_all(xmlDocPtr *out, long long *when, ov_workspace *ws, const ov_render_opts *o)
{
	ov_list_row *rows = NULL;
	size_t n = 0, selected = 0;
	xmlNodePtr root, copy;
	int err;

	*when = 0;
	*out = xmlNewDoc((const xmlChar *)"1.0");
	root = *out ? xmlNewDocNode(*out, NULL, (const xmlChar *)"agreements", NULL) : NULL;
	if (!root)
		return ov_error_set(OV_ENOMEM, "out of memory");
	xmlDocSetRootElement(*out, root);
	if ((err = ov_render_select(&rows, &n, &selected, ws, o)) < 0)
		return err;
	for (size_t i = 0; i < n && err >= 0; i++) {
		ov_buf xml = OV_BUF_INIT;
		ov_log_row *log = NULL;
		size_t nlog = 0;
		xmlDocPtr d = NULL;
		if (!ov_render_selected(&rows[i], o))
			continue;
		if ((err = ov_agreement_show(&xml, ws, rows[i].id, NULL)) >= 0 &&
		    (err = ov_xml_parse_memory(&d, xml.ptr, xml.size, rows[i].id)) >= 0 &&
		    (err = ov_agreement_log(&log, &nlog, ws, rows[i].id)) >= 0) {
			copy = xmlDocCopyNode(xmlDocGetRootElement(d), *out, 1);
			if (!copy || !xmlAddChild(root, copy)) {
				xmlFreeNode(copy);
				err = ov_error_set(OV_ENOMEM, "out of memory");
			}
			if (nlog && log[nlog - 1].when > *when)
				*when = log[nlog - 1].when;
		}
		ov_log_free(log, nlog);
		xmlFreeDoc(d);
		ov_buf_dispose(&xml);
	}
	ov_list_free(rows, n);
	return err;
}

/* ---- what stays the same from one document to the next ---- */

void ov_render_env_init(ov_render_env *e, ov_workspace *ws, int batch)
{
	memset(e, 0, sizeof(*e));
	e->ws = ws;
	e->batch = batch;
	ov_txn_read_at_head(&e->txn, ws);
}

void ov_render_env_dispose(ov_render_env *e)
{
	for (size_t i = 0; i < e->nsheets; i++) {
		free(e->sheets[i].name);
		xsltFreeStylesheet(e->sheets[i].sheet);
	}
	free(e->sheets);
	for (size_t i = 0; i < 4; i++)
		free(e->fonts[i]);
	free(e->align);
	free(e->icc);
	free(e->templates);
	free(e->layout_rng);
	ov_clause_lib_free(e->clauses);
	ov_workflow_cache_free(e->workflows);
	memset(e, 0, sizeof(*e));
}

/* The templates folder, which stylesheets may read from (found once). */
static int env_templates(ov_render_env *e)
{
	int err;

	if (e->templates)
		return OV_OK;
	if (!(e->templates = ov_workspace_data_path(e->ws, "templates")) ||
	    !(e->layout_rng = ov_workspace_data_path(e->ws, "templates/layout.rng")))
		return ov_error_set(OV_ENOMEM, "out of memory");
	if ((err = ov_xslt_allow_dir(e->templates)) < 0) {
		free(e->templates);
		e->templates = NULL;
	}
	return err;
}

/* The compiled stylesheet templates/<name>, compiled on first use and kept. */
static int env_sheet(xsltStylesheetPtr *out, ov_render_env *e, const char *name)
{
	ov_buf p = OV_BUF_INIT;
	render_sheet *v;
	int err;

	for (size_t i = 0; i < e->nsheets; i++)
		if (!strcmp(e->sheets[i].name, name)) {
			*out = e->sheets[i].sheet;
			return OV_OK;
		}
	if ((err = env_templates(e)) < 0 || (err = ov_buf_printf(&p, "%s/%s", e->templates, name)) < 0 ||
	    (err = ov_xslt_load(out, p.ptr)) < 0)
		goto done;
	if (!(v = realloc(e->sheets, (e->nsheets + 1) * sizeof(*v))) ||
	    !((e->sheets = v)[e->nsheets].name = strdup(name))) {
		xsltFreeStylesheet(*out);
		*out = NULL;
		err = ov_error_set(OV_ENOMEM, "out of memory");
		goto done;
	}
	e->sheets[e->nsheets++].sheet = *out;
done:
	ov_buf_dispose(&p);
	return err;
}

/* The clause library and references, read on first use and kept. */
static int env_clauses(const ov_clause_lib **out, ov_render_env *e)
{
	ov_rng_memo memo = ov_ws_rng_memo(e->ws);
	int err;

	memo.validating = NULL; /* the definitions' kill point (workflow_load.c) */
	if (!e->clauses && ((err = env_templates(e)) < 0 ||
			    (err = ov_clause_lib_load(&e->clauses, e->templates, &memo)) < 0))
		return err;
	*out = e->clauses;
	return OV_OK;
}

/*
 * Prepares agreement `doc` for document `name`: *draft says whether the text
 * is a draft (the agreement and its amendments are, while the agreement's
 * phase is not frozen for signing in its workflow), and the agreement's
 * own document gets its text, assembled from the clause library for its
 * subject and workflow (engine/documents/clauses.c) and appended as
 * <assembled>.  Other documents are left as they are.  The workflow is
 * the one at the head the environment reads from.
 */
static int prepare(int *draft, ov_render_env *e, const char *name, xmlDocPtr doc)
{
	int is_agreement = !strcmp(name, "agreement");
	xmlNodePtr root = xmlDocGetRootElement(doc);
	const ov_clause_lib *lib = NULL;
	const ov_wf_phase *ph;
	ov_workflow *wf = NULL;
	char *phase = NULL;
	int err;

	*draft = 0;
	if ((!is_agreement && strcmp(name, "amendment")) || !root)
		return OV_OK;
	if ((err = ov_workflow_load_cached(&wf, &e->txn, doc,
					   e->batch ? &e->workflows : NULL)) < 0)
		return err;
	phase = ov_xml_attr(ov_xml_child(root, "state"), "phase");
	ph = phase ? ov_workflow_phase(wf, phase) : NULL;
	*draft = !ph || !ph->frozen;
	if (is_agreement && (err = env_clauses(&lib, e)) >= 0)
		err = ov_clauses_assemble_with(doc, wf->doc, wf->subject_doc, *draft, lib);
	free(phase);
	if (!e->batch)
		ov_workflow_free(wf);   /* in a batch the cache's (ov_workflow_load_cached) */
	return err;
}

/* A setting, or NULL when it is unset (or cannot be read). */
static char *setting(ov_workspace *ws, const char *key)
{
	char *v = NULL;

	if (ov_config_get(&v, ws, key) < 0) {
		ov_error_clear();
		return NULL;
	}
	if (v && !*v) {
		free(v);
		v = NULL;
	}
	return v;
}

/* The fonts, alignment and ICC profile from the settings, read once. */
static int env_settings(ov_render_env *e)
{
	static const char *const font_keys[4] = {
		"render.font", "render.font-bold", "render.font-italic", "render.font-bold-italic"
	};

	if (!e->settings_read) {
		for (size_t i = 0; i < 4; i++)
			e->fonts[i] = setting(e->ws, font_keys[i]);
		e->align = setting(e->ws, "render.align");
		e->icc = setting(e->ws, "render.icc-profile");
		e->settings_read = 1;
	}
	if (e->align && strcmp(e->align, "left") && strcmp(e->align, "justify"))
		return ov_error_set(OV_EINVALID, "setting render.align is '%s' (justify or left)",
				    e->align);
	return OV_OK;
}

/* Serializes a transformation result as the stylesheet's output method says. */
static int serialize_result(ov_buf *out, ov_render_env *e, const char *sheet_name,
			    xmlDocPtr in, const char **params)
{
	xsltStylesheetPtr sheet = NULL;
	xmlDocPtr res = NULL;
	xmlChar *mem = NULL;
	int len = 0, err;

	if ((err = env_sheet(&sheet, e, sheet_name)) < 0 ||
	    (err = ov_xslt_apply(&res, sheet, in, params)) < 0)
		goto done;
	if (xsltSaveResultToString(&mem, &len, res, sheet) < 0) {
		err = ov_error_set(OV_ERROR, "%s: the result cannot be serialized", sheet_name);
		goto done;
	}
	err = ov_buf_put(out, mem ? (const char *)mem : "", (size_t)len);
done:
	if (mem)
		xmlFree(mem);
	xmlFreeDoc(res);
	return err;
}

/* Applies `sheet` and checks that the result is a valid layout. */
static int make_layout(xmlDocPtr *out, ov_render_env *e, const char *sheet_name, xmlDocPtr doc,
		       const char **params)
{
	xsltStylesheetPtr sheet = NULL;
	int err;

	*out = NULL;
	if ((err = env_sheet(&sheet, e, sheet_name)) < 0 ||
	    (err = ov_xslt_apply(out, sheet, doc, params)) < 0)
		return err;
	if ((err = ov_rng_validate(*out, e->layout_rng, sheet_name)) < 0) {
		ov_error_prefix("template %s made an invalid layout", sheet_name);
		xmlFreeDoc(*out);
		*out = NULL;
	}
	return err;
}

/*
 * The evidence page(s): src->evidence made into a layout by evidence.xsl,
 * its blocks put after `layout`'s on a new page.  Nothing without one.
 */
static int append_evidence(xmlDocPtr layout, ov_render_env *e, const render_src *src)
{
	xmlDocPtr ev = NULL, ly = NULL;
	xmlNodePtr root = xmlDocGetRootElement(layout), c;
	int err;

	if (!src->evidence)
		return OV_OK;
	if ((err = ov_xml_parse_memory(&ev, src->evidence, src->evidence_len,
				       OV_EVIDENCE_NAME)) < 0 ||
	    (err = make_layout(&ly, e, "evidence.xsl", ev, NULL)) < 0)
		goto done;
	if (!xmlNewChild(root, NULL, BAD_CAST "pagebreak", NULL)) {
		err = ov_error_set(OV_ENOMEM, "out of memory");
		goto done;
	}
	for (c = xmlDocGetRootElement(ly)->children; c; c = c->next) {
		xmlNodePtr copy;

		if (c->type != XML_ELEMENT_NODE || !strcmp((const char *)c->name, "header") ||
		    !strcmp((const char *)c->name, "footer"))
			continue;
		if (!(copy = xmlDocCopyNode(c, layout, 1)) || !xmlAddChild(root, copy)) {
			xmlFreeNode(copy);
			err = ov_error_set(OV_ENOMEM, "out of memory");
			goto done;
		}
	}
done:
	xmlFreeDoc(ly);
	xmlFreeDoc(ev);
	return err;
}

/* The PDF: fonts and alignment from the settings, the XML attached. */
static int render_pdf(ov_buf *out, ov_pdf_sigbox **boxes, size_t *nboxes, ov_render_env *e,
		      xmlDocPtr layout, const render_src *src)
{
	ov_pdf_options po = OV_PDF_OPTIONS_INIT;
	ov_pdf_attachment log = { OV_EVIDENCE_NAME, src->evidence, src->evidence_len, "Supplement",
				  "Bevislogg: avtalets h\xc3\xa4ndelser fram till frysningen och "
				  "tidigare versioners underskrifter (evidence.rng)" };
	ov_buf name = OV_BUF_INIT, source = OV_BUF_INIT;
	char *v = NULL, tree[41];
	int err;

	if ((err = env_settings(e)) < 0)
		return err;
	po.font_regular = e->fonts[0];
	po.font_bold = e->fonts[1];
	po.font_italic = e->fonts[2];
	po.font_bold_italic = e->fonts[3];
	po.justify = !(e->align && !strcmp(e->align, "left"));
	po.icc_profile = e->icc;
	po.creation_time = src->when ? src->when : -1;
	if (src->id && src->xml_len) {
		v = ov_xml_attr(xmlDocGetRootElement(src->doc), "version");
		if ((err = src->xml_name ? ov_buf_puts(&name, src->xml_name)
					 : ov_buf_printf(&name, "avtal-%s-v%s.xml", src->id, v ? v : "1")) < 0)
			goto done;
		po.attachment_name = name.ptr;
		po.attachment = src->xml;
		po.attachment_len = src->xml_len;
		if (src->evidence) {
			po.more = &log;
			po.nmore = 1;
		}
		/* The commit and tree the text comes from: the PDF alone names its
		 * place in the history (verify.c reads them back). */
		if (src->commit && strlen(src->commit) == 40 &&
		    ov_ws_commit_tree(tree, e->ws, src->commit) == OV_OK &&
		    ov_buf_printf(&source, "commit=%s tree=%s", src->commit, tree) >= 0)
			po.source = source.ptr;
		ov_error_clear();
	}
	err = ov_pdf_render(out, layout, &po, boxes, nboxes);
done:
	free(v);
	ov_buf_dispose(&name);
	ov_buf_dispose(&source);
	return err;
}

int ov_render_source_date(long long *when)
{
	const char *env = getenv("SOURCE_DATE_EPOCH");
	char *end = NULL;
	long long t;

	if (!env || !*env)
		return 0;
	t = strtoll(env, &end, 10);
	if (*end || t < 0 || t > 253402300799LL)
		return ov_error_set(OV_EINVALID,
				    "SOURCE_DATE_EPOCH is '%s' (seconds since 1970-01-01)", env);
	*when = t;
	return 1;
}

/* The iCalendar form: DTSTAMP and the workflows' alarms as parameters. */
static int render_ics(ov_buf *out, ov_render_env *e, const char *sheet, xmlDocPtr doc,
		      long long when, const char **params, size_t np)
{
	ov_buf alarms = OV_BUF_INIT;
	char stamp[32];
	struct tm tm;
	time_t t = (time_t)when;
	int err;

	/* DTSTAMP: the commit's time (or SOURCE_DATE_EPOCH), never the clock. */
	if (!gmtime_r(&t, &tm) || !strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &tm))
		return ov_error_set(OV_EINVALID, "time %lld cannot be written", when);
	params[np++] = "stamp";
	params[np++] = stamp;
	/* The alarms before each kind of date, as the workflows say. */
	if ((err = ov_remind_alarms(&alarms, e->ws, doc)) >= 0) {
		params[np++] = "alarms";
		params[np++] = alarms.ptr;
		params[np] = NULL;
		err = serialize_result(out, e, sheet, doc, params);
	}
	ov_buf_dispose(&alarms);
	return err;
}

int ov_render_doc(ov_buf *out, ov_render_env *e, const ov_render_opts *o, const char *sheet,
		  const render_src *src)
{
	xmlDocPtr layout = NULL;
	char index[16], version[16];
	const char *params[16];
	size_t np = 0;
	int err, draft = 0;

	if (o->party) {
		params[np++] = "party";
		params[np++] = o->party;
	}
	if (o->index > 0) {
		snprintf(index, sizeof(index), "%d", o->index);
		params[np++] = "index";
		params[np++] = index;
	}
	if (o->version > 0) {
		snprintf(version, sizeof(version), "%d", o->version);
		params[np++] = "version";
		params[np++] = version;
	}
	if (!o->all && (err = prepare(&draft, e, o->doc, src->doc)) < 0)
		return err;
	if (draft) {
		params[np++] = "draft";
		params[np++] = "yes";
	}
	params[np] = NULL;
	if (!strcmp(o->format, "ics"))
		return render_ics(out, e, sheet, src->doc, src->when, params, np);
	if ((err = make_layout(&layout, e, sheet, src->doc, params)) < 0)
		return err;
	if ((err = append_evidence(layout, e, src)) >= 0)
		err = ov_render_output(out, e, o->format, layout, src);
	xmlFreeDoc(layout);
	return err;
}

int ov_render_output(ov_buf *out, ov_render_env *e, const char *format, xmlDocPtr layout,
		     const render_src *src)
{
	if (!strcmp(format, "html"))
		return serialize_result(out, e, "html.xsl", layout, NULL);
	if (!strcmp(format, "txt"))
		return serialize_result(out, e, "text.xsl", layout, NULL);
	return render_pdf(out, NULL, NULL, e, layout, src);
}

int ov_render_layout(xmlDocPtr *out, ov_render_env *e, const char *name, xmlDocPtr doc,
		     const char *const *params)
{
	const char *p[16];
	ov_buf sheet = OV_BUF_INIT;
	size_t np = 0;
	int err, draft = 0;

	*out = NULL;
	for (; params && params[np] && np < 12; np += 2) {
		p[np] = params[np];
		p[np + 1] = params[np + 1];
	}
	if ((err = prepare(&draft, e, name, doc)) < 0 ||
	    (err = ov_buf_printf(&sheet, "%s.xsl", name)) < 0)
		goto done;
	if (draft) {
		p[np++] = "draft";
		p[np++] = "yes";
	}
	p[np] = NULL;
	err = make_layout(out, e, sheet.ptr, doc, p);
done:
	ov_buf_dispose(&sheet);
	return err;
}

int ov_render_check(ov_buf *sheet, ov_workspace *ws, const ov_render_opts *o)
{
	if (!o->format || (strcmp(o->format, "pdf") && strcmp(o->format, "html") &&
			   strcmp(o->format, "txt") && strcmp(o->format, "ics")))
		return ov_error_set(OV_EINVALID, "unknown format '%s' (pdf, html, txt, ics)",
				    o->format ? o->format : "");
	return doc_sheet(sheet, ws, o->doc, strcmp(o->format, "ics") ? "" : "-ics");
}

/*
 * 1 when version `v` of `id` was frozen for digital signing with its
 * evidence log in the PDF: the fields saved at the freeze say so (a version
 * frozen before there was one has none, and renders as it was signed).
 */
/*
 * Whether version v's fields file marks it as signed with an evidence record
 * (*yes); a version without a fields file has none.  Any other failure is
 * an error: rendering on would give bytes other than the signed ones.
 */
static int has_evidence(int *yes, ov_workspace *ws, const char *id, int v)
{
	ov_buf file = OV_BUF_INIT, path = OV_BUF_INIT, data = OV_BUF_INIT;
	xmlDocPtr doc = NULL;
	char *ev = NULL;
	int err;

	*yes = 0;
	if ((err = ov_buf_printf(&file, "signed/v%d-fields.xml", v)) < 0 ||
	    (err = ov_agreement_path(&path, id, file.ptr)) < 0)
		goto done;
	if ((err = ov_ws_read(&data, ws, NULL, path.ptr)) == OV_ENOTFOUND) {
		ov_error_clear();
		err = OV_OK;
		goto done;
	}
	if (err < 0 || (err = ov_xml_parse_memory(&doc, data.ptr, data.size, path.ptr)) < 0)
		goto done;
	*yes = (ev = ov_xml_attr(xmlDocGetRootElement(doc), "evidence")) != NULL;
done:
	free(ev);
	xmlFreeDoc(doc);
	ov_buf_dispose(&file);
	ov_buf_dispose(&path);
	ov_buf_dispose(&data);
	return err;
}

/*
 * The evidence log of version o->version when it was frozen for digital
 * signing and the agreement PDF is asked for: the PDF that was signed has
 * it (sign.c), so `render --version N` gives the same bytes.
 */
static int frozen_evidence(ov_buf *out, ov_workspace *ws, const char *id,
			   const ov_render_opts *o, const char *commit)
{
	ov_buf tag = OV_BUF_INIT;
	char target[41];
	int err, frozen;

	if (!o->version || o->rev || strcmp(o->format, "pdf") ||
	    (o->doc && strcmp(o->doc, "agreement")))
		return OV_OK;
	if ((err = ov_buf_printf(&tag, "%s-v%d", id, o->version)) < 0)
		return err;
	frozen = ov_ws_tag_target(target, ws, tag.ptr) == 0 && !strcmp(target, commit);
	ov_error_clear();
	ov_buf_dispose(&tag);
	if (!frozen)
		return OV_OK;
	if ((err = has_evidence(&frozen, ws, id, o->version)) < 0 || !frozen)
		return err;
	return ov_evidence_signing(out, ws, id, o->version, commit);
}

int ov_render(ov_buf *out, ov_workspace *ws, const char *id, const ov_render_opts *o)
{
	ov_buf xml = OV_BUF_INIT, sheet = OV_BUF_INIT, evidence = OV_BUF_INIT;
	render_src src = { id, NULL, 0, NULL, 0, NULL, NULL, NULL, 0 };
	ov_render_env env;
	char commit[41] = "";
	int err;

	ov_xml_init();
	ov_render_env_init(&env, ws, 0);
	if ((err = ov_render_check(&sheet, ws, o)) < 0)
		goto done;
	if (o->version && o->rev) {
		err = ov_error_set(OV_EINVALID, "give a version or a revision, not both");
		goto done;
	}
	if (o->all) {
		/* Every agreement under one <agreements>: only the calendar reads that. */
		if (strcmp(o->doc, "calendar")) {
			err = ov_error_set(OV_EINVALID, "--all goes with --doc calendar");
			goto done;
		}
		src.id = NULL;
		if ((err = fetch_all(&src.doc, &src.when, ws, o)) < 0)
			goto done;
	} else {
		if (!id || !*id) {
			err = ov_error_set(OV_EINVALID, "which agreement? give its ID");
			goto done;
		}
		if ((err = ov_render_fetch(&xml, &src.when, commit, ws, id, o)) < 0 ||
		    (err = ov_xml_parse_memory(&src.doc, xml.ptr, xml.size, id)) < 0)
			goto done;
		src.xml = xml.ptr;
		src.xml_len = xml.size;
		src.commit = commit;
		if ((err = frozen_evidence(&evidence, ws, id, o, commit)) < 0)
			goto done;
		src.evidence = evidence.size ? evidence.ptr : NULL;
		src.evidence_len = evidence.size;
	}
	if ((err = ov_render_source_date(&src.when)) < 0)
		goto done;
	err = ov_render_doc(out, &env, o, sheet.ptr, &src);
done:
	xmlFreeDoc(src.doc);
	ov_buf_dispose(&xml);
	ov_buf_dispose(&evidence);
	ov_buf_dispose(&sheet);
	ov_render_env_dispose(&env);
	return err;
}

int ov_render_agreement_pdf(ov_buf *out, ov_pdf_sigbox **boxes, size_t *nboxes,
			    ov_workspace *ws, const char *id, const char *xml, size_t len,
			    long long when, const char *commit, const char *evidence,
			    size_t evidence_len)
{
	render_src src = { id, xml, len, NULL, when, commit, NULL, evidence, evidence_len };
	xmlDocPtr layout = NULL;
	ov_render_env env;
	char *v = NULL;
	const char *params[3] = { "version", NULL, NULL };
	int err, draft;

	ov_xml_init();
	if ((err = ov_xml_parse_memory(&src.doc, xml, len, id)) < 0)
		return err;
	ov_render_env_init(&env, ws, 0);
	v = ov_xml_attr(xmlDocGetRootElement(src.doc), "version");
	params[1] = v ? v : "1";
	if ((err = prepare(&draft, &env, "agreement", src.doc)) >= 0 &&
	    (err = make_layout(&layout, &env, "agreement.xsl", src.doc, params)) >= 0 &&
	    (err = append_evidence(layout, &env, &src)) >= 0)
		err = render_pdf(out, boxes, nboxes, &env, layout, &src);
	free(v);
	xmlFreeDoc(layout);
	xmlFreeDoc(src.doc);
	ov_render_env_dispose(&env);
	return err;
}
