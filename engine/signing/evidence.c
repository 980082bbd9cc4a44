/*
 * evidence.c - the evidence log of a version (see evidence.h): the events
 * of the agreement's history (actor, time, commit, what changed) and
 * digital signatures as verification finds them (certificate subject,
 * issuer, serial, SHA-256 fingerprint, signing time, time-stamp) with the
 * SHA-256 of the PDF's bytes up to the end of each signature's revision.
 * The schema is templates/evidence.rng; the log is written with libxml2's
 * tree API, so every value is escaped.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "overens/lazy_xml.h"

#include "overens/lazy_crypto.h"
#include "overens/error.h"
#include "overens/query.h"
#include "engine/signing/evidence.h"
#include "store/workspace.h"

void ov_evidence_sha256(char out[65], const void *data, size_t len)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;

	out[0] = '\0';
	if (!EVP_Digest(data, len, md, &n, EVP_sha256(), NULL))
		return;
	for (unsigned int i = 0; i < n && i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
}

/* Whether trailer line "Version: <version>" is among `trailers` ("Key: value" lines). */
static int of_version(const char *trailers, int version)
{
	char want[32];
	size_t n;

	if (!trailers)
		return 0;
	n = (size_t)snprintf(want, sizeof(want), "Version: %d", version);
	for (const char *p = trailers; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (!strncmp(p, want, n) && (p[n] == '\n' || p[n] == '\0'))
			return 1;
	return 0;
}

/* "2026-05-01T14:24:11+02:00" of seconds `when` at UTC offset `offset` minutes. */
static void iso_time(char out[64], long long when, int offset)
{
	time_t t = (time_t)(when + offset * 60LL);
	struct tm tm;
	int a = offset < 0 ? -offset : offset;

	gmtime_r(&t, &tm);
	snprintf(out, 64, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", tm.tm_year + 1900,
		 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
		 offset < 0 ? '-' : '+', a / 60, a % 60);
}

static xmlNodePtr text_child(xmlNodePtr parent, const char *name, const char *value)
{
	return xmlNewTextChild(parent, NULL, BAD_CAST name, BAD_CAST(value ? value : ""));
}

static void add_event(xmlNodePtr events, const ov_log_row *r)
{
	xmlNodePtr e = xmlNewChild(events, NULL, BAD_CAST "event", NULL), who;
	char when[64];

	iso_time(when, r->when, r->offset);
	xmlNewProp(e, BAD_CAST "commit", BAD_CAST(r->commit ? r->commit : ""));
	xmlNewProp(e, BAD_CAST "kind", BAD_CAST(r->event ? r->event : ""));
	xmlNewProp(e, BAD_CAST "date", BAD_CAST(r->date ? r->date : ""));
	xmlNewProp(e, BAD_CAST "recorded", BAD_CAST when);
	who = xmlNewChild(e, NULL, BAD_CAST "actor", NULL);
	xmlNewProp(who, BAD_CAST "name", BAD_CAST(r->actor_name ? r->actor_name : ""));
	xmlNewProp(who, BAD_CAST "email", BAD_CAST(r->actor ? r->actor : ""));
	if (r->phase_from || r->phase_to) {
		xmlNodePtr p = xmlNewChild(e, NULL, BAD_CAST "phase", NULL);
		const char *from = r->phase_from ? r->phase_from : "";
		const char *to = r->phase_to ? r->phase_to : "";

		/* the first event's trailer is "Phase: -> <first>": no phase before it */
		if (!strncmp(to, "-> ", 3)) {
			from = "";
			to += 3;
		}
		xmlNewProp(p, BAD_CAST "from", BAD_CAST from);
		xmlNewProp(p, BAD_CAST "to", BAD_CAST to);
	}
	text_child(e, "summary", r->summary);
	if (r->body && *r->body)
		text_child(e, "changes", r->body);
}

/*
 * One signature of `pdf`; `valid` (export) adds whether every check held,
 * which the signing stage leaves out: it depends on the clock and the
 * trust store, and the log in the PDF must be made again byte for byte.
 */
static void add_signature(xmlNodePtr sigs, const ov_verify_sig *s, const char *pdf,
			  size_t len, int valid)
{
	xmlNodePtr n = xmlNewChild(sigs, NULL, BAD_CAST "signature", NULL), c;
	const char *ts, *tsa;
	char sum[65], end[32];

	xmlNewProp(n, BAD_CAST "field", BAD_CAST(s->field ? s->field : ""));
	xmlNewProp(n, BAD_CAST "party", BAD_CAST(s->party ? s->party : ""));
	if (valid)
		xmlNewProp(n, BAD_CAST "valid", BAD_CAST(s->ok ? "true" : "false"));
	c = xmlNewChild(n, NULL, BAD_CAST "signer", NULL);
	xmlNewProp(c, BAD_CAST "name", BAD_CAST(s->signer ? s->signer : ""));
	xmlNewProp(c, BAD_CAST "email", BAD_CAST(s->email ? s->email : ""));
	c = xmlNewChild(n, NULL, BAD_CAST "certificate", NULL);
	text_child(c, "subject", s->subject);
	text_child(c, "issuer", s->issuer);
	text_child(c, "serial", s->serial);
	text_child(c, "sha256", s->fingerprint);
	text_child(n, "signing-time", s->signing_time);
	/* The signing stage lists the token as it is in the file, verified or not: whether
	 * it verifies depends on the trust store, which may change before the next render. */
	ts = valid ? s->timestamp : s->timestamp_read;
	tsa = valid ? s->tsa : s->tsa_read;
	if (ts) {
		c = text_child(n, "timestamp", ts);
		xmlNewProp(c, BAD_CAST "tsa", BAD_CAST(tsa ? tsa : ""));
	}
	if (s->revision_end && s->revision_end <= len) {
		ov_evidence_sha256(sum, pdf, s->revision_end);
		snprintf(end, sizeof(end), "%zu", s->revision_end);
		c = xmlNewChild(n, NULL, BAD_CAST "revision", NULL);
		xmlNewProp(c, BAD_CAST "bytes", BAD_CAST end);
		xmlNewProp(c, BAD_CAST "sha256", BAD_CAST sum);
	}
}

/* The log rows up to the last sign event of `version` (*n = 0 when it has none). */
static size_t history_end(const ov_log_row *rows, size_t n, int version)
{
	size_t end = 0;

	for (size_t i = 0; i < n; i++)
		if (rows[i].event && !strcmp(rows[i].event, "sign") &&
		    of_version(rows[i].trailers, version))
			end = i + 1;
	return end;
}

/* A new <evidence> document for version `version` of `id` at `stage`. */
static int new_log(xmlDocPtr *doc, xmlNodePtr *root, const char *id, int version,
		   const char *stage)
{
	char num[32];

	if (!(*doc = xmlNewDoc(BAD_CAST "1.0")) ||
	    !(*root = xmlNewNode(NULL, BAD_CAST "evidence")))
		return ov_error_set(OV_ENOMEM, "out of memory");
	xmlDocSetRootElement(*doc, *root);
	snprintf(num, sizeof(num), "%d", version);
	xmlNewProp(*root, BAD_CAST "agreement", BAD_CAST id);
	xmlNewProp(*root, BAD_CAST "version", BAD_CAST num);
	xmlNewProp(*root, BAD_CAST "stage", BAD_CAST stage);
	return OV_OK;
}

/* <document bytes= sha256=/> of the whole file. */
static void add_document(xmlNodePtr parent, const char *pdf, size_t len)
{
	xmlNodePtr d = xmlNewChild(parent, NULL, BAD_CAST "document", NULL);
	char num[32], sum[65];

	ov_evidence_sha256(sum, pdf, len);
	snprintf(num, sizeof(num), "%zu", len);
	xmlNewProp(d, BAD_CAST "bytes", BAD_CAST num);
	xmlNewProp(d, BAD_CAST "sha256", BAD_CAST sum);
}

/* Appends `doc` to `out`, indented, and frees it. */
static int finish_log(ov_buf *out, xmlDocPtr doc)
{
	xmlChar *mem = NULL;
	int len = 0, err;

	if (doc)
		xmlDocDumpFormatMemoryEnc(doc, &mem, &len, "UTF-8", 1);
	err = mem ? ov_buf_put(out, mem, (size_t)len) : ov_error_set(OV_ENOMEM, "out of memory");
	xmlFree(mem);
	xmlFreeDoc(doc);
	return err;
}

int ov_evidence_export(ov_buf *out, ov_workspace *ws, const char *id, int version,
		       const ov_verify_report *report, const ov_buf *pdf)
{
	ov_log_row *rows = NULL;
	size_t nrows = 0, end;
	xmlDocPtr doc = NULL;
	xmlNodePtr root = NULL, events, sigs;
	int err;

	if ((err = ov_agreement_log(&rows, &nrows, ws, id)) < 0)
		return err;
	end = history_end(rows, nrows, version);
	if ((err = new_log(&doc, &root, id, version, "export")) < 0) {
		xmlFreeDoc(doc);
		goto done;
	}
	xmlNewProp(root, BAD_CAST "tag", BAD_CAST(report->tag ? report->tag : ""));
	xmlNewProp(root, BAD_CAST "commit", BAD_CAST(report->commit ? report->commit : ""));
	xmlNewProp(root, BAD_CAST "verified", BAD_CAST(report->ok ? "true" : "false"));
	add_document(root, pdf->ptr, pdf->size);
	events = xmlNewChild(root, NULL, BAD_CAST "events", NULL);
	for (size_t i = 0; i < end; i++)
		add_event(events, &rows[i]);
	sigs = xmlNewChild(root, NULL, BAD_CAST "signatures", NULL);
	for (size_t i = 0; i < report->nsigs; i++)
		add_signature(sigs, &report->sigs[i], pdf->ptr, pdf->size, 1);
	err = finish_log(out, doc);
done:
	ov_log_free(rows, nrows);
	return err;
}

/*
 * <signed-version> of earlier version `v` when it has a tag and a signed
 * PDF in git at `frozen`: the PDF's hash and its signatures.
 */
static int add_signed_version(xmlNodePtr parent, ov_workspace *ws, const char *id, int v,
			      const char *frozen)
{
	ov_buf tag = OV_BUF_INIT, file = OV_BUF_INIT, path = OV_BUF_INIT, pdf = OV_BUF_INIT;
	ov_verify_report *rep = NULL;
	xmlNodePtr n, sigs;
	char target[41], num[32];
	int err;

	if ((err = ov_buf_printf(&tag, "%s-v%d", id, v)) < 0 ||
	    (err = ov_buf_printf(&file, "signed/v%d.pdf", v)) < 0 ||
	    (err = ov_agreement_path(&path, id, file.ptr)) < 0)
		goto done;
	/* no tag or no signed PDF: signed on paper, or not signed at all */
	if ((err = ov_ws_tag_target(target, ws, tag.ptr)) < 0 ||
	    (err = ov_ws_read(&pdf, ws, frozen, path.ptr)) < 0) {
		if (err == OV_ENOTFOUND) {
			ov_error_clear();
			err = OV_OK;
		}
		goto done;
	}
	if ((err = ov_verify(&rep, ws, id, pdf.ptr, pdf.size, path.ptr, NULL)) < 0)
		goto done;
	n = xmlNewChild(parent, NULL, BAD_CAST "signed-version", NULL);
	snprintf(num, sizeof(num), "%d", v);
	xmlNewProp(n, BAD_CAST "version", BAD_CAST num);
	xmlNewProp(n, BAD_CAST "tag", BAD_CAST tag.ptr);
	xmlNewProp(n, BAD_CAST "commit", BAD_CAST target);
	add_document(n, pdf.ptr, pdf.size);
	sigs = xmlNewChild(n, NULL, BAD_CAST "signatures", NULL);
	for (size_t i = 0; i < rep->nsigs; i++)
		add_signature(sigs, &rep->sigs[i], pdf.ptr, pdf.size, 0);
done:
	ov_verify_report_free(rep);
	ov_buf_dispose(&tag);
	ov_buf_dispose(&file);
	ov_buf_dispose(&path);
	ov_buf_dispose(&pdf);
	return err;
}

int ov_evidence_signing(ov_buf *out, ov_workspace *ws, const char *id, int version,
			const char *frozen)
{
	ov_log_row *rows = NULL;
	size_t nrows = 0, end;
	xmlDocPtr doc = NULL;
	xmlNodePtr root = NULL, events, earlier;
	int err;

	if ((err = ov_agreement_log(&rows, &nrows, ws, id)) < 0)
		return err;
	for (end = 0; end < nrows && strcmp(rows[end].commit, frozen); end++)
		;
	if (end == nrows) {
		err = ov_error_set(OV_ENOTFOUND, "commit %.12s is not in agreement %s's history",
				   frozen, id);
		goto done;
	}
	if ((err = new_log(&doc, &root, id, version, "signing")) < 0) {
		xmlFreeDoc(doc);
		goto done;
	}
	xmlNewProp(root, BAD_CAST "commit", BAD_CAST frozen);
	events = xmlNewChild(root, NULL, BAD_CAST "events", NULL);
	for (size_t i = 0; i <= end; i++)
		add_event(events, &rows[i]);
	earlier = xmlNewChild(root, NULL, BAD_CAST "earlier-versions", NULL);
	for (int v = 1; v < version && err >= 0; v++)
		err = add_signed_version(earlier, ws, id, v, frozen);
	if (err < 0)
		xmlFreeDoc(doc);
	else
		err = finish_log(out, doc);
done:
	ov_log_free(rows, nrows);
	return err;
}
