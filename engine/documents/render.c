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

#include <libxslt/xsltutils.h>

#include "overens/error.h"
#include "overens/query.h"
#include "overens/render.h"
#include "engine/documents/clauses.h"
#include "engine/documents/pdf.h"
#include "engine/documents/render_int.h"
#include "engine/lifecycle/engine.h"
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

/* The agreement's XML, the commit it comes from and that commit's time. */
static int fetch(ov_buf *xml, long long *when, char commit[41], ov_workspace *ws,
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
 * every one organisation `orgnr` is a party to (NULL: all), and in *when
 * the time of the newest commit among them.
 */
static int fetch_all(xmlDocPtr *out, long long *when, ov_workspace *ws, const char *orgnr)
{
	ov_list_row *rows = NULL;
	size_t n = 0;
	xmlNodePtr root, copy;
	int err;

	*when = 0;
	*out = xmlNewDoc((const xmlChar *)"1.0");
	root = *out ? xmlNewDocNode(*out, NULL, (const xmlChar *)"agreements", NULL) : NULL;
	if (!root)
		return ov_error_set(OV_ENOMEM, "out of memory");
	xmlDocSetRootElement(*out, root);
	if ((err = ov_agreement_list_for(&rows, &n, ws, orgnr, NULL, 0, 0, NULL)) < 0)
		return err;
	for (size_t i = 0; i < n && err >= 0; i++) {
		ov_buf xml = OV_BUF_INIT;
		ov_log_row *log = NULL;
		size_t nlog = 0;
		xmlDocPtr d = NULL;
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

/*
 * Prepares agreement `doc` for document `name`: *draft says whether the text
 * is a draft (the agreement and its amendments are, while the agreement's
 * phase is not frozen for signing in its workflow), and the agreement's
 * own document gets its text, assembled from the clause library for its
 * subject and workflow (engine/documents/clauses.c) and appended as
 * <assembled>.  Other documents are left as they are.
 */
static int prepare(int *draft, ov_workspace *ws, const char *name, xmlDocPtr doc)
{
	int is_agreement = !strcmp(name, "agreement");
	xmlNodePtr root = xmlDocGetRootElement(doc);
	const ov_wf_phase *ph;
	ov_workflow *wf = NULL;
	char *phase = NULL, *dir = NULL;
	ov_txn txn;
	int err;

	*draft = 0;
	if ((!is_agreement && strcmp(name, "amendment")) || !root)
		return OV_OK;
	ov_txn_read_at_head(&txn, ws);
	if ((err = ov_workflow_load_for(&wf, &txn, doc)) < 0)
		return err;
	phase = ov_xml_attr(ov_xml_child(root, "state"), "phase");
	ph = phase ? ov_workflow_phase(wf, phase) : NULL;
	*draft = !ph || !ph->frozen;
	if (is_agreement) {
		if (!(dir = ov_workspace_data_path(ws, "templates")))
			err = ov_error_set(OV_ENOMEM, "out of memory");
		else
			err = ov_clauses_assemble(doc, wf->doc, wf->subject_doc, *draft, dir);
	}
	free(dir);
	free(phase);
	ov_workflow_free(wf);
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

static int transform(xmlDocPtr *out, ov_workspace *ws, const char *sheet_name, xmlDocPtr in,
		     const char **params)
{
	char *dir = ov_workspace_data_path(ws, "templates");
	xsltStylesheetPtr sheet = NULL;
	ov_buf p = OV_BUF_INIT;
	int err;

	*out = NULL;
	if (!dir)
		return ov_error_set(OV_ENOMEM, "out of memory");
	ov_buf_printf(&p, "%s/%s", dir, sheet_name);
	if ((err = ov_xslt_allow_dir(dir)) < 0 || (err = ov_xslt_load(&sheet, p.ptr)) < 0)
		goto done;
	err = ov_xslt_apply(out, sheet, in, params);
done:
	if (sheet)
		xsltFreeStylesheet(sheet);
	free(dir);
	ov_buf_dispose(&p);
	return err;
}

/* Serializes a transformation result as the stylesheet's output method says. */
static int serialize_result(ov_buf *out, ov_workspace *ws, const char *sheet_name,
			    xmlDocPtr in, const char **params)
{
	char *dir = ov_workspace_data_path(ws, "templates");
	xsltStylesheetPtr sheet = NULL;
	xmlDocPtr res = NULL;
	xmlChar *mem = NULL;
	ov_buf p = OV_BUF_INIT;
	int len = 0, err;

	if (!dir)
		return ov_error_set(OV_ENOMEM, "out of memory");
	ov_buf_printf(&p, "%s/%s", dir, sheet_name);
	if ((err = ov_xslt_allow_dir(dir)) < 0 || (err = ov_xslt_load(&sheet, p.ptr)) < 0 ||
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
	if (sheet)
		xsltFreeStylesheet(sheet);
	free(dir);
	ov_buf_dispose(&p);
	return err;
}

/* The PDF: fonts and alignment from the settings, the XML attached. */
/* Applies `sheet` and checks that the result is a valid layout. */
static int make_layout(xmlDocPtr *out, ov_workspace *ws, const char *sheet, xmlDocPtr doc,
		       const char **params)
{
	char *rng = NULL;
	int err;

	if ((err = transform(out, ws, sheet, doc, params)) < 0)
		return err;
	if (!(rng = ov_workspace_data_path(ws, "templates/layout.rng")))
		err = ov_error_set(OV_ENOMEM, "out of memory");
	else if ((err = ov_rng_validate(*out, rng, sheet)) < 0)
		ov_error_prefix("template %s made an invalid layout", sheet);
	free(rng);
	if (err < 0) {
		xmlFreeDoc(*out);
		*out = NULL;
	}
	return err;
}

static int render_pdf(ov_buf *out, ov_pdf_sigbox **boxes, size_t *nboxes, ov_workspace *ws,
		      xmlDocPtr layout, const char *id, const char *xml, size_t xml_len,
		      xmlDocPtr doc, long long when, const char *commit)
{
	static const char *const font_keys[4] = {
		"render.font", "render.font-bold", "render.font-italic", "render.font-bold-italic"
	};
	ov_pdf_options po = OV_PDF_OPTIONS_INIT;
	ov_buf name = OV_BUF_INIT, source = OV_BUF_INIT;
	char *fonts[4] = { NULL, NULL, NULL, NULL }, *align = NULL, *v = NULL, *icc = NULL;
	char tree[41];
	int err;

	for (size_t i = 0; i < 4; i++)
		fonts[i] = setting(ws, font_keys[i]);
	po.font_regular = fonts[0];
	po.font_bold = fonts[1];
	po.font_italic = fonts[2];
	po.font_bold_italic = fonts[3];
	icc = setting(ws, "render.icc-profile");
	po.icc_profile = icc;
	align = setting(ws, "render.align");
	if (align && !strcmp(align, "left"))
		po.justify = 0;
	else if (align && strcmp(align, "justify")) {
		err = ov_error_set(OV_EINVALID, "setting render.align is '%s' (justify or left)",
				   align);
		goto done;
	}
	po.creation_time = when ? when : -1;
	if (id && xml_len) {
		v = ov_xml_attr(xmlDocGetRootElement(doc), "version");
		if ((err = ov_buf_printf(&name, "avtal-%s-v%s.xml", id, v ? v : "1")) < 0)
			goto done;
		po.attachment_name = name.ptr;
		po.attachment = xml;
		po.attachment_len = xml_len;
		/* The commit and tree the text comes from: the PDF alone names its
		 * place in the history (verify.c reads them back). */
		if (commit && strlen(commit) == 40 &&
		    ov_ws_commit_tree(tree, ws, commit) == OV_OK &&
		    ov_buf_printf(&source, "commit=%s tree=%s", commit, tree) >= 0)
			po.source = source.ptr;
		ov_error_clear();
	}
	err = ov_pdf_render(out, layout, &po, boxes, nboxes);
done:
	for (size_t i = 0; i < 4; i++)
		free(fonts[i]);
	free(align);
	free(icc);
	free(v);
	ov_buf_dispose(&name);
	ov_buf_dispose(&source);
	return err;
}

int ov_render(ov_buf *out, ov_workspace *ws, const char *id, const ov_render_opts *o)
{
	ov_buf xml = OV_BUF_INIT, sheet = OV_BUF_INIT, alarms = OV_BUF_INIT;
	xmlDocPtr doc = NULL, layout = NULL;
	char index[16], version[16], stamp[32];
	const char *params[16];
	const char *env;
	size_t np = 0;
	long long when = 0;
	char commit[41] = "";
	int err, draft = 0;

	ov_xml_init();
	if (!o->format || (strcmp(o->format, "pdf") && strcmp(o->format, "html") &&
			   strcmp(o->format, "txt") && strcmp(o->format, "ics")))
		return ov_error_set(OV_EINVALID, "unknown format '%s' (pdf, html, txt, ics)",
				    o->format ? o->format : "");
	if ((err = doc_sheet(&sheet, ws, o->doc, strcmp(o->format, "ics") ? "" : "-ics")) < 0)
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
		if ((err = fetch_all(&doc, &when, ws, o->orgnr)) < 0)
			goto done;
	} else {
		if (!id || !*id) {
			err = ov_error_set(OV_EINVALID, "which agreement? give its ID");
			goto done;
		}
		if ((err = fetch(&xml, &when, commit, ws, id, o)) < 0 ||
		    (err = ov_xml_parse_memory(&doc, xml.ptr, xml.size, id)) < 0)
			goto done;
	}
	if ((env = getenv("SOURCE_DATE_EPOCH")) && *env) {
		char *end = NULL;
		long long t = strtoll(env, &end, 10);
		if (*end || t < 0 || t > 253402300799LL) {
			err = ov_error_set(OV_EINVALID,
				"SOURCE_DATE_EPOCH is '%s' (seconds since 1970-01-01)", env);
			goto done;
		}
		when = t;
	}
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
	if (!o->all && (err = prepare(&draft, ws, o->doc, doc)) < 0)
		goto done;
	if (draft) {
		params[np++] = "draft";
		params[np++] = "yes";
	}
	params[np] = NULL;
	if (!strcmp(o->format, "ics")) {
		/* DTSTAMP: the commit's time (or SOURCE_DATE_EPOCH), never the clock. */
		struct tm tm;
		time_t t = (time_t)when;
		if (!gmtime_r(&t, &tm) ||
		    !strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &tm)) {
			err = ov_error_set(OV_EINVALID, "time %lld cannot be written", when);
			goto done;
		}
		params[np++] = "stamp";
		params[np++] = stamp;
		/* The alarms before each kind of date, as the workflows say. */
		if ((err = ov_remind_alarms(&alarms, ws, doc)) < 0)
			goto done;
		params[np++] = "alarms";
		params[np++] = alarms.ptr;
		params[np] = NULL;
		err = serialize_result(out, ws, sheet.ptr, doc, params);
		goto done;
	}
	if ((err = make_layout(&layout, ws, sheet.ptr, doc, params)) < 0)
		goto done;
	if (!strcmp(o->format, "html"))
		err = serialize_result(out, ws, "html.xsl", layout, NULL);
	else if (!strcmp(o->format, "txt"))
		err = serialize_result(out, ws, "text.xsl", layout, NULL);
	else
		err = render_pdf(out, NULL, NULL, ws, layout, o->all ? NULL : id, xml.ptr, xml.size,
				 doc, when, commit);
done:
	xmlFreeDoc(doc);
	xmlFreeDoc(layout);
	ov_buf_dispose(&xml);
	ov_buf_dispose(&sheet);
	ov_buf_dispose(&alarms);
	return err;
}

int ov_render_agreement_pdf(ov_buf *out, ov_pdf_sigbox **boxes, size_t *nboxes,
			    ov_workspace *ws, const char *id, const char *xml, size_t len,
			    long long when, const char *commit)
{
	xmlDocPtr doc = NULL, layout = NULL;
	char *v = NULL;
	const char *params[3] = { "version", NULL, NULL };
	int err, draft;

	ov_xml_init();
	if ((err = ov_xml_parse_memory(&doc, xml, len, id)) < 0)
		return err;
	v = ov_xml_attr(xmlDocGetRootElement(doc), "version");
	params[1] = v ? v : "1";
	if ((err = prepare(&draft, ws, "agreement", doc)) >= 0 &&
	    (err = make_layout(&layout, ws, "agreement.xsl", doc, params)) >= 0)
		err = render_pdf(out, boxes, nboxes, ws, layout, id, xml, len, doc, when, commit);
	free(v);
	xmlFreeDoc(layout);
	xmlFreeDoc(doc);
	return err;
}
