/*
 * pages_docs.c - documents, history and verification:
 *
 *   /avtal/ID/dokument                 the documents of the lifecycle, with the
 *                                      agreement's HTML preview in the page
 *   /avtal/ID/dokument/DOC.FMT         a document (pdf, html, txt, ics) for any
 *                                      version (?version=N), party (?part=ROLE)
 *                                      or follow-up/amendment (?nr=K)
 *   /avtal/ID/forhandsvisning          the agreement as HTML (framed by the page)
 *   /avtal/ID/andringar?fran=V1&till=V2 the redline between two versions as HTML
 *                                      (a version number, commit or tag each)
 *   /avtal/ID/undertecknad.pdf         the signed PDF as stored in git
 *   /avtal/ID/kalender.ics             the agreement's dates
 *   /avtal/ID/historik[/COMMIT]        the event timeline; one change side by
 *                                      side with the text before it
 *   /granska                           upload any PDF and see every check
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "overens/error.h"
#include "overens/query.h"
#include "overens/render.h"
#include "overens/sign.h"
#include "web/http.h"

static const char *const doc_names[] = { "agreement", "decision", "needs", "followup",
					 "termination", "amendment", "calendar" };

static int known_doc(const char *doc)
{
	for (size_t i = 0; i < sizeof(doc_names) / sizeof(doc_names[0]); i++)
		if (!strcmp(doc_names[i], doc))
			return 1;
	return 0;
}

static const char *mime(const char *format)
{
	return !strcmp(format, "pdf") ? "application/pdf"
	     : !strcmp(format, "html") ? "text/html; charset=utf-8"
	     : !strcmp(format, "ics") ? "text/calendar; charset=utf-8"
	     : "text/plain; charset=utf-8";
}

/* Renders and sends; `inline_html` shows HTML in the page instead of downloading. */
static int send_render(web_req *r, const char *id, ov_render_opts *o, const char *name,
		       int inline_html)
{
	ov_buf out = OV_BUF_INIT;
	int err, rc;

	if ((err = ov_render(&out, r->ws, id, o)) < 0) {
		ov_buf_dispose(&out);
		return web_send_engine_error(r, err);
	}
	rc = inline_html ? web_send(r, 200, mime(o->format), out.ptr, out.size)
			 : web_send_file(r, mime(o->format), name, out.ptr, out.size);
	ov_buf_dispose(&out);
	return rc;
}

static int document(web_req *r, const char *id, const char *file)
{
	ov_render_opts o = OV_RENDER_OPTS_INIT;
	char doc[32], name[128];
	const char *dot = strrchr(file, '.'), *v = web_query(r, "version"), *nr = web_query(r, "nr");
	size_t dl = dot ? (size_t)(dot - file) : 0;

	if (!dot || dl == 0 || dl >= sizeof(doc))
		return web_send_error(r, 404, "Dokumentet finns inte", "Okänt dokument.");
	memcpy(doc, file, dl);
	doc[dl] = '\0';
	o.format = dot + 1;
	if (!known_doc(doc) || (strcmp(o.format, "pdf") && strcmp(o.format, "html") &&
				strcmp(o.format, "txt") && strcmp(o.format, "ics")))
		return web_send_error(r, 404, "Dokumentet finns inte", "Okänt dokument eller format.");
	o.doc = doc;
	o.version = v ? atoi(v) : 0;
	o.index = nr ? atoi(nr) : 0;
	o.party = web_query(r, "part");
	if (o.party && !*o.party)
		o.party = NULL;
	snprintf(name, sizeof(name), "%s-%s%s%s.%s", doc, id, o.version ? "-v" : "",
		 o.version ? v : "", o.format);
	return send_render(r, id, &o, name, 0);
}

static int documents_page(web_req *r, const char *id)
{
	ov_status *st = NULL;
	ov_buf signed_pdf = OV_BUF_INIT;
	char today[11];
	web_page p;
	xmlNodePtr d;
	int err;

	web_today(today, r);
	if ((err = ov_agreement_status_for(&st, r->ws, id, today, r->user)) < 0)
		return web_send_engine_error(r, err);
	if (web_page_new(&p, r, st->title ? st->title : id, "dokument") < 0) {
		ov_status_free(st);
		return -1;
	}
	d = web_el(p.root, "documents", NULL);
	web_attr(d, "agreement", id);
	web_attr(d, "title", st->title);
	web_attr_int(d, "version", st->version);
	for (size_t i = 0; i < st->nparties; i++) {
		xmlNodePtr e = web_el(d, "party", NULL);
		web_attr(e, "role", st->parties[i].role);
		web_attr(e, "name", st->parties[i].name);
		web_attr(e, "decided", st->parties[i].decision ? "yes" : NULL);
	}
	if (ov_agreement_signed_pdf(&signed_pdf, r->ws, id) == 0)
		web_attr(d, "signed", "yes");
	ov_error_clear();
	ov_buf_dispose(&signed_pdf);
	ov_status_free(st);
	return web_page_send(r, &p, 200);
}

/* The redline between versions ?fran= and ?till=, as HTML in the browser. */
static int redline(web_req *r, const char *id)
{
	ov_redline_side from = { web_query(r, "fran"), NULL }, to = { web_query(r, "till"), NULL };
	ov_buf out = OV_BUF_INIT;
	int err, rc;

	if (!from.rev || !*from.rev || !to.rev || !*to.rev)
		return web_send_error(r, 400, "Ange två versioner",
				      "Ange versionerna som ska jämföras: ?fran=1&till=2.");
	if ((err = ov_redline(&out, r->ws, id, &from, &to, "html")) < 0) {
		ov_buf_dispose(&out);
		return web_send_engine_error(r, err);
	}
	rc = web_send(r, 200, mime("html"), out.ptr, out.size);
	ov_buf_dispose(&out);
	return rc;
}

int web_agreement_documents(web_req *r, const char *id, char **parts, size_t n)
{
	if (!strcmp(parts[0], "andringar") && n == 1)
		return redline(r, id);
	if (!strcmp(parts[0], "forhandsvisning") && n == 1) {
		ov_render_opts o = OV_RENDER_OPTS_INIT;
		const char *v = web_query(r, "version");
		o.format = "html";
		o.version = v ? atoi(v) : 0;
		return send_render(r, id, &o, NULL, 1);
	}
	if (!strcmp(parts[0], "kalender.ics") && n == 1) {
		ov_render_opts o = OV_RENDER_OPTS_INIT;
		char name[64];
		o.doc = "calendar";
		o.format = "ics";
		snprintf(name, sizeof(name), "arshjul-%s.ics", id);
		return send_render(r, id, &o, name, 0);
	}
	if (!strcmp(parts[0], "undertecknad.pdf") && n == 1) {
		ov_buf pdf = OV_BUF_INIT;
		char name[64];
		int err, rc;
		if ((err = ov_agreement_signed_pdf(&pdf, r->ws, id)) < 0) {
			ov_buf_dispose(&pdf);
			return web_send_engine_error(r, err);
		}
		snprintf(name, sizeof(name), "avtal-%s-undertecknat.pdf", id);
		rc = web_send_file(r, "application/pdf", name, pdf.ptr, pdf.size);
		ov_buf_dispose(&pdf);
		return rc;
	}
	if (n == 1)
		return documents_page(r, id);
	if (n == 2)
		return document(r, id, parts[1]);
	return web_not_found(r);
}

/* --- history ---------------------------------------------------------------------- */

static void log_row_xml(xmlNodePtr e, const ov_log_row *row)
{
	web_attr(e, "commit", row->commit);
	web_attr(e, "event", row->event);
	web_attr(e, "actor", row->actor);
	web_attr(e, "actor-name", row->actor_name);
	web_attr(e, "date", row->date);
	web_attr(e, "phase-from", row->phase_from);
	web_attr(e, "phase-to", row->phase_to);
	web_attr_int(e, "when", row->when);
	web_el(e, "summary", row->summary);
	if (row->body && *row->body)
		web_el(e, "changes", row->body);
}

/* The agreement's text at `rev` as plain text ("" when it did not exist yet). */
static void text_at(ov_buf *out, web_req *r, const char *id, const char *rev)
{
	ov_render_opts o = OV_RENDER_OPTS_INIT;

	o.format = "txt";
	o.rev = rev;
	if (ov_render(out, r->ws, id, &o) < 0)
		ov_error_clear();
}

static int change_page(web_req *r, const char *id, const ov_log_row *rows, size_t n,
		       const char *commit)
{
	size_t i;
	ov_buf before = OV_BUF_INIT, after = OV_BUF_INIT;
	web_page p;
	xmlNodePtr c;

	for (i = 0; i < n && strcmp(rows[i].commit, commit); i++)
		;
	if (i == n)
		return web_send_error(r, 404, "Ändringen finns inte",
				      "Avtalets historik har ingen sådan ändring.");
	if (i > 0)
		text_at(&before, r, id, rows[i - 1].commit);
	text_at(&after, r, id, rows[i].commit);
	if (web_page_new(&p, r, id, "historik") < 0) {
		ov_buf_dispose(&before);
		ov_buf_dispose(&after);
		return -1;
	}
	c = web_el(p.root, "change", NULL);
	web_attr(c, "agreement", id);
	log_row_xml(web_el(c, "event", NULL), &rows[i]);
	if (i > 0)
		web_attr(c, "previous", rows[i - 1].commit);
	web_el(c, "before", before.ptr ? before.ptr : "");
	web_el(c, "after", after.ptr ? after.ptr : "");
	ov_buf_dispose(&before);
	ov_buf_dispose(&after);
	return web_page_send(r, &p, 200);
}

int web_agreement_history(web_req *r, const char *id, char **parts, size_t n)
{
	ov_log_row *rows = NULL;
	size_t nrows = 0;
	web_page p;
	xmlNodePtr h;
	int err;

	if (n > 1)
		return web_not_found(r);
	if ((err = ov_agreement_log(&rows, &nrows, r->ws, id)) < 0)
		return web_send_engine_error(r, err);
	if (n == 1) {
		err = change_page(r, id, rows, nrows, parts[0]);
		ov_log_free(rows, nrows);
		return err;
	}
	if (web_page_new(&p, r, id, "historik") < 0) {
		ov_log_free(rows, nrows);
		return -1;
	}
	h = web_el(p.root, "history", NULL);
	web_attr(h, "agreement", id);
	for (size_t i = 0; i < nrows; i++)
		log_row_xml(web_el(h, "event", NULL), &rows[i]);
	ov_log_free(rows, nrows);
	return web_page_send(r, &p, 200);
}

/* --- verification ------------------------------------------------------------------- */

static void report_xml(xmlNodePtr v, const ov_verify_report *rep)
{
	web_attr(v, "agreement", rep->agreement);
	web_attr(v, "tag", rep->tag);
	web_attr(v, "commit", rep->commit);
	web_attr_int(v, "version", rep->version);
	web_attr(v, "ok", rep->ok ? "yes" : "no");
	web_attr(v, "xml-matches", rep->xml_matches ? "yes" : "no");
	web_attr(v, "all-parties", rep->all_parties ? "yes" : "no");
	web_attr(v, "history-ok", rep->history_ok ? "yes" : "no");
	web_attr(v, "dss", rep->dss ? "yes" : "no");
	if (rep->appended)
		web_attr_int(v, "appended-at", (long long)rep->appended_at);
	for (size_t i = 0; i < rep->nsigs; i++) {
		const ov_verify_sig *s = &rep->sigs[i];
		xmlNodePtr e = web_el(v, "signature", NULL);
		web_attr(e, "party", s->party);
		web_attr(e, "signer", s->signer);
		web_attr(e, "email", s->email);
		web_attr(e, "subject", s->subject);
		web_attr(e, "issuer", s->issuer);
		web_attr(e, "time", s->signing_time);
		web_attr(e, "timestamp", s->timestamp);
		web_attr(e, "level", s->level);
		web_attr(e, "ok", s->ok ? "yes" : "no");
		web_attr(e, "trusted", s->chain_ok ? "yes" : "no");
		web_attr(e, "problem", s->problem);
		for (size_t j = 0; j < s->nchecks; j++) {
			xmlNodePtr c = web_el(e, "check", s->checks[j].detail);
			web_attr(c, "name", s->checks[j].name);
			web_attr(c, "ok", s->checks[j].ok ? "yes" : "no");
		}
	}
	/* Document time-stamps (PAdES B-LTA): what keeps the signatures checkable. */
	for (size_t i = 0; i < rep->nstamps; i++) {
		const ov_verify_stamp *t = &rep->stamps[i];
		xmlNodePtr e = web_el(v, "stamp", NULL);
		web_attr(e, "field", t->field);
		web_attr(e, "time", t->time);
		web_attr(e, "tsa", t->tsa);
		web_attr(e, "expires", t->tsa_expires);
		web_attr(e, "ok", t->ok ? "yes" : "no");
		web_attr(e, "live", t->live ? "yes" : "no");
		web_attr(e, "lapsed", t->lapsed);
		web_attr(e, "problem", t->problem);
	}
	for (size_t i = 0; i < rep->nproblems; i++)
		web_el(v, "problem", rep->problems[i]);
}

int web_page_verify(web_req *r, char **parts, size_t nparts)
{
	const web_param *file = r->post ? web_param_find(r, "pdf") : NULL;
	ov_verify_report *rep = NULL;
	web_page p;
	int err, status = 200;

	(void)parts;
	if (nparts)
		return web_not_found(r);
	if (web_page_new(&p, r, "Granska en PDF", "granska") < 0)
		return -1;
	web_el(p.root, "verify-form", NULL);
	if (r->post && (!file || !file->value.size)) {
		web_notice(&p, "error", "Välj en PDF-fil att granska.");
		status = 400;
	} else if (file) {
		err = ov_verify(&rep, r->ws, NULL, file->value.ptr, file->value.size,
				file->filename && *file->filename ? file->filename : "PDF-filen",
				NULL);
		if (err < 0) {
			web_notice_error(&p, err);
			status = 400;
		} else {
			xmlNodePtr v = web_el(p.root, "verify-report", NULL);
			web_attr(v, "file", file->filename);
			report_xml(v, rep);
		}
		ov_verify_report_free(rep);
	}
	return web_page_send(r, &p, status);
}
