/*
 * verify.c - verifying a signed agreement PDF against the workspace: its
 * trust store and its history (see ov_verify in overens/sign.h).
 *
 * A verifier must not trust what the signing side checked: a PDF can be
 * made by hand, with certificates from the workspace's own CA.  So every
 * rule `sign` applies is applied again here, from the file and from git:
 *
 *   per signature (pdfverify.c reads the file, pdfmdp.c the updates)
 *     bytes        /ByteRange, digest, CMS signature, coverage
 *     certificate  chain to the trust store, key usage, extended key usage,
 *                  at the time-stamp's time, or at /M and now
 *     timestamp    the RFC 3161 token over the signature value, if any
 *     signer       the field is a party's ("Underskrift-<role>") and the
 *                  certificate names one of that party's signatories in
 *                  the version being verified
 *     time         the time (proven or claimed) is not before the commit
 *                  that froze the text nor after the commit that recorded
 *                  the signature; a claimed time with a certificate that
 *                  no longer holds is "unproven"
 *     changes      nothing but the next signature was added after it
 *                  (or validation data and document time-stamps)
 *     revocation   with a document security store (PAdES B-LT): the
 *                  chain's revocation data in it, at the proven time;
 *                  B-LTA when a document time-stamp covers it too
 *   per document time-stamp (B-LTA): the token, its TSA's chain and the
 *     imprint over its byte ranges, that it covers the file before it, and
 *     what followed it; it is no party's signature
 *   per document
 *     the bytes after the last signature; the embedded XML against the
 *     version tag; the commit and tree the PDF names; the tag against
 *     main (an ancestor, and the agreement text at main unchanged unless
 *     an amendment followed); a sign event for every signature; every
 *     party signed.
 *
 * Findings are in Swedish: they are what a legal reviewer reads.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "overens/lazy_crypto.h"

#include "overens/agreement.h"
#include "overens/date.h"
#include "overens/error.h"
#include "overens/query.h"
#include "overens/sign.h"
#include "engine/lifecycle/engine.h"
#include "engine/signing/dss.h"
#include "engine/signing/pdfsign.h"
#include "engine/signing/sign_int.h"
#include "store/workspace.h"
#include "engine/base/xmlsafe.h"

/* Clock difference tolerated between a signing time and the commits
 * around it (the signer's clock, a TSA's clock and the commit time). */
#define TIME_SLACK 300

static void problem(ov_verify_report *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void problem(ov_verify_report *r, const char *fmt, ...)
{
	ov_buf b = OV_BUF_INIT;
	va_list ap;
	char **g;

	r->ok = 0;
	va_start(ap, fmt);
	ov_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	g = realloc(r->problems, (r->nproblems + 1) * sizeof(char *));
	if (!g || !b.ptr) {
		ov_buf_dispose(&b);
		return;
	}
	r->problems = g;
	r->problems[r->nproblems++] = ov_buf_detach(&b);
}

static void check(ov_verify_sig *s, const char *name, int ok, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void check(ov_verify_sig *s, const char *name, int ok, const char *fmt, ...)
{
	ov_buf b = OV_BUF_INIT;
	va_list ap;
	ov_verify_check *c;

	if (s->nchecks == OV_VERIFY_MAX_CHECKS) {
		s->ok = 0;   /* a check that cannot be recorded has not passed */
		return;
	}
	c = &s->checks[s->nchecks++];
	c->name = name;
	c->ok = ok;
	va_start(ap, fmt);
	ov_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	c->detail = ov_buf_detach(&b);
	if (!ok) {
		s->ok = 0;
		if (!s->problem && c->detail)
			s->problem = strdup(c->detail);
	}
}

static char *dup(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* 1 if the row's trailers hold the line "key: value". */
static int has_trailer(const ov_log_row *row, const char *key, const char *value)
{
	const char *p = row->trailers;
	size_t kl = strlen(key), vl = strlen(value);

	while (p && *p) {
		const char *eol = strchr(p, '\n');
		size_t n = eol ? (size_t)(eol - p) : strlen(p);

		if (n == kl + 2 + vl && !strncmp(p, key, kl) && p[kl] == ':' && p[kl + 1] == ' ' &&
		    !strncmp(p + kl + 2, value, vl))
			return 1;
		p = eol ? eol + 1 : NULL;
	}
	return 0;
}

/*
 * The agreement's text without what the lifecycle adds after signing (its
 * state, signatures, follow-ups, amendments, termination, computed dates
 * and the term's current end): what the parties signed.
 */
static int contract_text(ov_buf *out, int *version, const char *xml, size_t len)
{
	static const char *const lifecycle[] = {
		"state", "signatures", "followups", "renewals", "amendments", "termination",
		"dates", NULL
	};
	xmlDocPtr doc = NULL;
	xmlNodePtr c, next, root;
	xmlChar *mem = NULL;
	int n = 0, err;

	if ((err = ov_xml_parse_memory(&doc, xml, len, "agreement")) < 0)
		return err;
	root = xmlDocGetRootElement(doc);
	if (version) {
		char *v = ov_xml_attr(root, "version");

		*version = v ? atoi(v) : 0;
		free(v);
	}
	for (c = root->children; c; c = next) {
		int drop = xmlIsBlankNode(c);

		next = c->next;
		for (const char *const *l = lifecycle; !drop && *l; l++)
			drop = c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, *l);
		if (drop) {
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		} else if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, "term")) {
			xmlUnsetProp(c, (const xmlChar *)"end");
		}
	}
	xmlUnsetProp(root, (const xmlChar *)"version");
	xmlDocDumpMemory(doc, &mem, &n);
	err = mem ? ov_buf_put(out, mem, (size_t)n) : ov_error_set(OV_ENOMEM, "out of memory");
	xmlFree(mem);
	xmlFreeDoc(doc);
	return err;
}

/* "commit=<hex> tree=<hex>" from the PDF's /Keywords, as the renderer
 * writes them (render.c); empty strings when absent. */
static void pdf_source(char commit[41], char tree[41], const char *pdf, size_t len)
{
	ov_buf kw = OV_BUF_INIT;
	const char *p;

	*commit = *tree = 0;
	if (ov_pdf_info_text(&kw, pdf, len, "Keywords") < 0 || !kw.ptr) {
		ov_error_clear();
		ov_buf_dispose(&kw);
		return;
	}
	if ((p = strstr(kw.ptr, "commit=")) && strspn(p + 7, "0123456789abcdef") >= 40) {
		memcpy(commit, p + 7, 40);
		commit[40] = 0;
	}
	if ((p = strstr(kw.ptr, "tree=")) && strspn(p + 5, "0123456789abcdef") >= 40) {
		memcpy(tree, p + 5, 40);
		tree[40] = 0;
	}
	ov_buf_dispose(&kw);
}

/* What the history says about the version: the freeze commit and the
 * agreement's log. */
typedef struct history {
	ov_log_row *rows;
	size_t nrows;
	char target[41];      /* the tag's commit, "" without a tag */
	long long frozen_at;  /* its time, 0 if unknown */
	ssize_t frozen_row;   /* its row in the log, -1 if not there */
	xmlDocPtr fields;     /* where each party signs (signed/v<N>-fields.xml,
			       * saved by the first signature), or NULL */
} history;

/* The widget's rectangle against the party's signature box, saved when the
 * text was frozen: a later signer cannot spread a signature over the page. */
static void check_field(ov_verify_sig *o, const ov_sig_info *s, const history *h)
{
	xmlNodePtr c;

	if (!h->fields)
		return;   /* signed before the boxes were saved */
	for (c = xmlDocGetRootElement(h->fields)->children; c; c = c->next) {
		char *p = c->type == XML_ELEMENT_NODE ? ov_xml_attr(c, "party") : NULL;
		double box[4] = { 0, 0, 0, 0 };
		int mine = p && !strcmp(p, o->party), same = 1;

		free(p);
		if (!mine)
			continue;
		for (int i = 0; i < 4; i++) {
			static const char *const keys[] = { "x", "y", "w", "h" };
			char *v = ov_xml_attr(c, keys[i]);

			box[i] = v ? strtod(v, NULL) : 0;
			free(v);
		}
		box[2] += box[0];
		box[3] += box[1];
		for (int i = 0; i < 4; i++)
			same &= s->has_rect && s->rect[i] > box[i] - 0.02 && s->rect[i] < box[i] + 0.02;
		if (same)
			check(o, "field", 1, "underskriften sitter i partens underskriftsruta");
		else
			check(o, "field", 0, "underskriftsfältet [%.2f %.2f %.2f %.2f] är inte partens "
			      "underskriftsruta [%.2f %.2f %.2f %.2f]", s->rect[0], s->rect[1],
			      s->rect[2], s->rect[3], box[0], box[1], box[2], box[3]);
		return;
	}
	check(o, "field", 0, "avtalet har ingen underskriftsruta för part %s", o->party);
}

static void check_signer(ov_verify_sig *o, xmlDocPtr vdoc)
{
	xmlNodePtr party = vdoc && *o->party ? ov_party_by_role(vdoc, o->party) : NULL, s;
	char *pname;
	int any = 0, match = 0;

	if (!party) {
		check(o, "signer", 0, "fältet %s hör inte till någon part i avtalet", o->field);
		return;
	}
	pname = ov_xml_text(ov_xml_child(party, "name"));
	for (s = party->children; s && !match; s = s->next) {
		if (s->type != XML_ELEMENT_NODE || strcmp((const char *)s->name, "signatory"))
			continue;
		any = 1;
		match = ov__signatory_matches(s, o->signer, o->email);
	}
	if (match)
		check(o, "signer", 1, "%s är behörig firmatecknare för %s", o->signer,
		      pname ? pname : o->party);
	else if (!any)
		check(o, "signer", 0, "%s har ingen registrerad firmatecknare",
		      pname ? pname : o->party);
	else
		check(o, "signer", 0, "certifikatet (%s%s%s%s) namnger ingen behörig "
		      "firmatecknare för %s", o->signer ? o->signer : "utan namn",
		      o->email ? " <" : "", o->email ? o->email : "", o->email ? ">" : "",
		      pname ? pname : o->party);
	free(pname);
}

/* The signature's own time-stamp verifies and still proves its time. */
static int time_proven(const ov_sig_info *s)
{
	return s->timestamp_ok && s->timestamp_live;
}

static void check_time(ov_verify_sig *o, const ov_sig_info *s, const history *h,
		       int version, const ov_verify_opts *opts, ov_verify_report *r)
{
	int proven = time_proven(s);
	long long t = proven ? s->timestamp_time : s->claimed_time, recorded = 0;
	const char *what = proven ? "tidsstämpelns tid" : "den påstådda tiden (/M)";
	char when[32], ref[32];
	char ver[16];
	size_t i;

	if (!s->parsed)
		return;
	if (s->has_timestamp && s->timestamp_ok && !proven)
		check(o, "timestamp", 1, "tidsstämpel %s från %s, men den bevisar inte längre "
		      "tiden: %s", s->timestamp_iso, s->tsa_name ? s->tsa_name : "?",
		      s->lapse_error ? s->lapse_error : "?");
	else if (s->has_timestamp)
		check(o, "timestamp", s->timestamp_ok, s->timestamp_ok ?
		      "tidsstämpel %s från %s" : "tidsstämpeln håller inte: %s",
		      s->timestamp_ok ? s->timestamp_iso : s->timestamp_error,
		      s->tsa_name ? s->tsa_name : "?");
	if (!t) {
		check(o, "time", 0, "underskriften saknar tidpunkt");
		return;
	}
	ov_sweden_iso(when, t);
	snprintf(ver, sizeof(ver), "%d", version);
	for (i = 0; i < h->nrows; i++)
		if (!strcmp(h->rows[i].event ? h->rows[i].event : "", "sign") &&
		    has_trailer(&h->rows[i], "Party", o->party) &&
		    has_trailer(&h->rows[i], "Version", ver))
			recorded = h->rows[i].when;
	if (h->frozen_at && t < h->frozen_at - TIME_SLACK) {
		ov_sweden_iso(ref, h->frozen_at);
		check(o, "time", 0, "%s %s ligger före %s, då texten frystes (commit %.12s)%s",
		      what, when, ref, h->target,
		      proven ? "" : "; tiden är bara påstådd av den som skrev under");
		return;
	}
	if (recorded && t > recorded + TIME_SLACK) {
		ov_sweden_iso(ref, recorded);
		check(o, "time", 0, "%s %s ligger efter %s, då underskriften registrerades",
		      what, when, ref);
		return;
	}
	if (!proven && s->archive_time && t > s->archive_time + TIME_SLACK) {
		ov_sweden_iso(ref, s->archive_time);
		check(o, "time", 0, "%s %s ligger efter %s, då en dokumenttidsstämpel visar att "
		      "underskriften redan fanns", what, when, ref);
		return;
	}
	/*
	 * A document time-stamp proves the signature existed by its time: if
	 * the certificate held then and revocation data issued after that time
	 * shows it was not revoked, today's clock does not matter.  Without
	 * that data an expired certificate cannot be checked any more (a CA
	 * drops expired certificates from its CRL).
	 */
	if (!proven && !s->valid_now && s->archive_time && s->valid_at_archive &&
	    s->revocation_checked && s->revocation_status == OV_REV_GOOD) {
		ov_sweden_iso(ref, s->archive_time);
		check(o, "time", 1, "påstådd (/M) %s; underskriften fanns senast %s enligt en "
		      "dokumenttidsstämpel, och certifikatet höll då och var inte spärrat", when,
		      ref);
		return;
	}
	if (!proven && !s->valid_now) {
		char why[160] = "";

		if (s->archive_time && !s->valid_at_archive)
			snprintf(why, sizeof(why), "; vid dokumenttidsstämpelns tid: %s",
				 s->archive_error ? s->archive_error : "?");
		else if (s->archive_time)
			snprintf(why, sizeof(why), "; spärrstatus vid dokumenttidsstämpelns tid "
				 "är inte visad av data utfärdad efter den");
		r->unproven_time = 1;
		check(o, "time", opts && opts->accept_unproven_time,
		      "signeringstiden %s är obevisad (%s) och certifikatet "
		      "håller inte i dag: %s%s%s", when, s->timestamp_ok ?
		      "tidsstämpeln har förfallit" : "ingen tidsstämpel",
		      s->now_error ? s->now_error : "?", why,
		      opts && opts->accept_unproven_time ? " (godtas med --accept-unproven-time)" : "");
		return;
	}
	check(o, "time", 1, proven ? "bevisad av tidsstämpeln: %s" :
	      "påstådd (/M), certifikatet håller också i dag: %s", when);
}

/* PAdES B-LT: the DSS's revocation data for the chain, and the level. */
static void check_revocation(ov_verify_sig *o, const ov_sig_info *s)
{
	o->level = time_proven(s) ? "B-T" : "B-B";
	if (!s->revocation_checked)
		return;
	switch (s->revocation_status) {
	case OV_REV_GOOD:
		if (time_proven(s))
			o->level = s->archive_time ? "B-LTA" : "B-LT";
		check(o, "revocation", 1, "inte spärrat vid %s enligt dokumentets DSS",
		      time_proven(s) ? "tidsstämpelns tid" : s->archive_time ?
		      "dokumenttidsstämpelns tid" : "den påstådda tiden");
		break;
	case OV_REV_NODATA:
		check(o, "revocation", 1, "inte prövat offline: %s", s->revocation_error ?
		      s->revocation_error : "?");
		break;
	default:
		check(o, "revocation", 0, "%s", s->revocation_error ? s->revocation_error : "?");
		break;
	}
}

static void verify_one(ov_verify_sig *o, const ov_sig_info *s, xmlDocPtr vdoc,
		       const history *h, int version, const ov_verify_opts *opts,
		       ov_verify_report *r)
{
	o->field = strdup(s->field_name ? s->field_name : "");
	o->party = strdup(o->field && !strncmp(o->field, "Underskrift-", 12) ? o->field + 12 : "");
	o->signer = dup(s->signer_name);
	o->email = dup(s->signer_email);
	o->subject = dup(s->subject);
	o->issuer = dup(s->issuer);
	o->serial = dup(s->serial);
	o->fingerprint = dup(s->fingerprint);
	o->revision_end = s->revision_end;
	o->signing_time = dup(s->signing_time);
	o->timestamp = time_proven(s) ? dup(s->timestamp_iso) : NULL;
	o->tsa = time_proven(s) ? dup(s->tsa_name) : NULL;
	o->timestamp_read = dup(s->timestamp_iso);
	o->tsa_read = dup(s->tsa_name);
	o->certify = s->certify_p;
	o->digest_ok = s->digest_ok;
	o->covers_to_here = s->covers_to_here;
	o->total = s->total;
	o->time_proven = time_proven(s);
	if (!o->field || !o->party) {
		o->ok = 0;
		r->ok = 0;
		return;
	}
	o->ok = 1;

	if (!s->digest_ok)
		check(o, "bytes", 0, "%s", s->digest_error ? s->digest_error :
		      "kontrollsumman stämmer inte");
	else if (!s->covers_to_here)
		check(o, "bytes", 0, "underskriften täcker inte dokumentet fram till den");
	else
		check(o, "bytes", 1, "kontrollsumman och CMS-underskriften stämmer");
	if (!s->parsed) {
		/* no trust verdict without a parsed signature */
		check(o, "certificate", 0, "inte prövat: underskriften kunde inte läsas");
		return;
	}
	o->chain_ok = s->chain_ok;
	check(o, "certificate", s->chain_ok, s->chain_ok ? "%s" : "inte betrott: %s",
	      s->chain_ok ? "betrott, och användningen tillåter underskrift" :
	      s->chain_error ? s->chain_error : "okänt skäl");
	check_signer(o, vdoc);
	check_field(o, s, h);
	check_time(o, s, h, version, opts, r);
	if (s->change_error)
		check(o, "changes", 0, "dokumentet ändrades efter underskriften (byte %zu): %s",
		      s->change_offset, s->change_error);
	else
		check(o, "changes", 1, "inget annat än nästa underskrift har lagts till efter den");
	check_revocation(o, s);
}

/* A document time-stamp: verified, covering the file before it, and
 * followed by nothing but validation data and further time-stamps. */
static int stamp_one(ov_verify_stamp *o, const ov_sig_info *s, ov_verify_report *r)
{
	char day[11];
	const char *why = !s->timestamp_ok ? s->timestamp_error ? s->timestamp_error :
			  s->digest_error ? s->digest_error : "tidsstämpeln kan inte läsas" :
			  !s->covers_to_here ? "tidsstämpeln täcker inte dokumentet fram till den" :
			  s->change_error;

	o->field = dup(s->field_name ? s->field_name : "");
	o->time = dup(s->timestamp_iso);
	o->tsa = dup(s->tsa_name);
	if (s->tsa_not_after) {
		ov_date_format(day, ov_date_from_days((long)(s->tsa_not_after / 86400)));
		o->tsa_expires = dup(day);
	}
	o->revision_end = s->revision_end;
	o->ok = !why;
	o->live = o->ok && s->timestamp_live;
	if (o->ok && !o->live)
		o->lapsed = dup(s->lapse_error ? s->lapse_error : "?");
	if (why) {
		if (why == s->change_error)
			ov_text_first(&o->problem, "dokumentet ändrades efter tidsstämpeln "
				      "(byte %zu): %s", s->change_offset, why);
		else
			o->problem = dup(why);
		problem(r, "dokumenttidsstämpel %s: %s", o->field ? o->field : "?",
			o->problem ? o->problem : why);
	}
	return o->field && (!s->timestamp_iso || o->time) && (o->live || !o->ok || o->lapsed) ?
	       OV_OK :
	       ov_error_set(OV_ENOMEM, "out of memory");
}

/* The tag, main and the sign events against the version (by id only). */
static void check_history(ov_verify_report *r, ov_workspace *ws, history *h,
			  const char *signed_xml, size_t signed_len, const ov_verify_sig *sigs,
			  size_t nsigs)
{
	ov_buf now = OV_BUF_INIT, a = OV_BUF_INIT, b = OV_BUF_INIT, path = OV_BUF_INIT;
	char head[41], ver[16];
	size_t i;

	r->history_ok = 1;
	if (!*h->target)
		return;   /* reported already: no tag */
	/*
	 * The agreement's log comes from the index, which every open brings
	 * to main's history (rebuilt when main moved other than forward): a
	 * tag whose commit is not in it is not in main.  Cheaper than a walk
	 * of the commit graph, which grows with the whole workspace.
	 */
	if (h->frozen_row < 0) {
		if (ov_ws_head(head, ws) < 0) {
			ov_error_clear();
			*head = 0;
		}
		r->history_ok = 0;
		problem(r, "taggen %s pekar på commit %.12s, som inte finns i main (%.12s): "
			"historiken har skrivits om", r->tag, h->target, head);
		goto done;
	}
	if (contract_text(&a, NULL, signed_xml, signed_len) < 0)
		goto fail;
	/* Every later commit: the text stays as signed until an amendment. */
	for (i = (size_t)h->frozen_row + 1; i < h->nrows; i++) {
		const char *ev = h->rows[i].event ? h->rows[i].event : "";
		int v = 0;

		ov_buf_clear(&now);
		ov_buf_clear(&b);
		if (ov_agreement_show(&now, ws, r->agreement, h->rows[i].commit) < 0 ||
		    contract_text(&b, &v, now.ptr, now.size) < 0)
			goto fail;
		/* Signing cancelled and the text opened again as the next version
		 * (its own tag will freeze it): the signed text ends here. */
		if (!strcmp(ev, "cancel-signing") && v > r->version)
			break;
		if (a.size != b.size || memcmp(a.ptr, b.ptr, a.size)) {
			r->history_ok = 0;
			problem(r, "commit %.12s (%s) ändrar avtalstexten efter att version %d "
				"undertecknades, utan ändringsbeslut: texten i main är inte den "
				"undertecknade", h->rows[i].commit, *ev ? ev : "okänd händelse",
				r->version);
			goto done;
		}
		/* An amendment proposed: from here the text may change as a draft
		 * of the next version, which needs its own signatures.  The
		 * proposal itself leaves the signed text alone (checked above). */
		if (!strcmp(ev, "amend"))
			break;
	}
	/* Every signature in the file was recorded by a sign event. */
	snprintf(ver, sizeof(ver), "%d", r->version);
	for (size_t k = 0; k < nsigs; k++) {
		int found = 0;

		for (i = (size_t)h->frozen_row; i < h->nrows && !found; i++)
			found = !strcmp(h->rows[i].event ? h->rows[i].event : "", "sign") &&
				has_trailer(&h->rows[i], "Party", sigs[k].party) &&
				has_trailer(&h->rows[i], "Version", ver);
		if (!found) {
			r->history_ok = 0;
			problem(r, "underskriften i fältet %s finns inte i historiken (ingen "
				"sign-händelse för part %s, version %d)", sigs[k].field,
				sigs[k].party, r->version);
		}
	}
	goto done;
fail:
	r->history_ok = 0;
	problem(r, "historiken kan inte läsas: %s",
		ov_error_last() ? ov_error_last()->message : "?");
	ov_error_clear();
done:
	ov_buf_dispose(&now);
	ov_buf_dispose(&a);
	ov_buf_dispose(&b);
	ov_buf_dispose(&path);
}

/* What the PDF reader found about the file as a whole. */
static void file_problems(ov_verify_report *r, const ov_pdf_report *pr, size_t len)
{
	if (!pr->parse_ok)
		problem(r, "en underskrift kan inte läsas: %s",
			pr->parse_error ? pr->parse_error : "?");
	if (!pr->nsigs)
		problem(r, "dokumentet har ingen underskrift");
	r->appended = pr->appended_after_last;
	r->appended_at = pr->appended_at;
	if (r->appended)
		problem(r, "filen har ändrats efter sista underskriften: %zu byte har lagts till "
			"från byte %zu%s%s", len - pr->appended_at, pr->appended_at,
			pr->append_error ? ": " : "", pr->append_error ? pr->append_error : "");
	r->dss = pr->dss;
	if (pr->dss_error)
		problem(r, "dokumentets DSS (valideringsdata) kan inte läsas: %s", pr->dss_error);
}

/*
 * The embedded XML: which agreement and version this claims to be.  *doc
 * is the parsed XML when it names agreement `id` (any when id is NULL),
 * else NULL with a problem noted; only running out of memory is an error.
 */
static int read_embedded(xmlDocPtr *doc, ov_buf *embedded, ov_verify_report *r,
			 const char *pdf, size_t len, const char *id)
{
	char *v = NULL;
	int err;

	*doc = NULL;
	err = ov_pdf_embedded_file(embedded, pdf, len, NULL);
	if (err == OV_ENOMEM)
		return err;
	if (err < 0) {
		if (err == OV_ENOTFOUND)
			problem(r, "PDF-filen bär ingen avtals-XML");
		else
			problem(r, "den inbäddade avtals-XML:en kan inte läsas: %s",
				ov_error_last()->message);
		ov_error_clear();
	} else if (ov_xml_parse_memory(doc, embedded->ptr, embedded->size, "embedded XML") < 0) {
		problem(r, "den inbäddade XML:en kan inte läsas: %s", ov_error_last()->message);
		ov_error_clear();
		*doc = NULL;
	} else {
		r->agreement = ov_xml_attr(xmlDocGetRootElement(*doc), "id");
		v = ov_xml_attr(xmlDocGetRootElement(*doc), "version");
		r->version = v ? atoi(v) : 0;
		free(v);
	}
	if (*doc && (!r->agreement || (id && strcmp(id, r->agreement)))) {
		problem(r, "PDF-filen gäller avtal %s, inte %s", r->agreement ? r->agreement : "?",
			id ? id : "?");
		xmlFreeDoc(*doc);
		*doc = NULL;
	}
	return OV_OK;
}

/* Where each party signs, saved by the version's first signature (or NULL). */
static void load_fields(history *h, ov_workspace *ws, const ov_verify_report *r)
{
	ov_buf fp = OV_BUF_INIT, fx = OV_BUF_INIT, file = OV_BUF_INIT;

	ov_buf_printf(&file, "signed/v%d-fields.xml", r->version);
	if (ov_agreement_path(&fp, r->agreement, file.ptr) < 0 ||
	    ov_ws_read(&fx, ws, NULL, fp.ptr) < 0 ||
	    ov_xml_parse_memory(&h->fields, fx.ptr, fx.size, fp.ptr) < 0)
		h->fields = NULL;
	ov_error_clear();
	ov_buf_dispose(&fp);
	ov_buf_dispose(&fx);
	ov_buf_dispose(&file);
}

/*
 * The signed version in git: the version's tag (into h->target, "" when
 * missing), its agreement.xml (`tagged`, parsed into *tdoc when it equals
 * the embedded XML), the agreement's log and the frozen commit's row.
 */
static void read_signed_version(xmlDocPtr *tdoc, ov_buf *tagged, ov_verify_report *r,
				history *h, ov_workspace *ws, const ov_buf *embedded)
{
	ov_buf tag = OV_BUF_INIT, path = OV_BUF_INIT;

	ov_buf_printf(&tag, "%s-v%d", r->agreement, r->version);
	r->tag = strdup(tag.ptr);
	ov_agreement_path(&path, r->agreement, "agreement.xml");
	if (ov_ws_tag_target(h->target, ws, tag.ptr) < 0 ||
	    ov_ws_read(tagged, ws, tag.ptr, path.ptr) < 0) {
		ov_error_clear();
		*h->target = 0;
		problem(r, "version %d av avtal %s frystes aldrig för undertecknande här "
			"(taggen %s saknas; 'overens fsck --repair' återskapar den ur "
			"historiken)", r->version, r->agreement, tag.ptr);
	} else if (tagged->size == embedded->size &&
		   !memcmp(tagged->ptr, embedded->ptr, tagged->size)) {
		r->xml_matches = 1;
		r->commit = strdup(h->target);
	} else {
		problem(r, "den inbäddade XML:en skiljer sig från den undertecknade versionen "
			"i git (taggen %s)", tag.ptr);
	}
	if (r->xml_matches && ov_xml_parse_memory(tdoc, tagged->ptr, tagged->size, tag.ptr) < 0) {
		ov_error_clear();
		*tdoc = NULL;
	}
	if (ov_agreement_log(&h->rows, &h->nrows, ws, r->agreement) < 0)
		ov_error_clear();
	load_fields(h, ws, r);
	for (size_t i = 0; *h->target && i < h->nrows; i++)
		if (!strcmp(h->rows[i].commit, h->target)) {
			h->frozen_at = h->rows[i].when;
			h->frozen_row = (ssize_t)i;
		}
	ov_buf_dispose(&tag);
	ov_buf_dispose(&path);
}

/* The commit and tree the PDF says it was made from, against the tag's. */
static void check_source(ov_verify_report *r, ov_workspace *ws, const history *h,
			 const char *pdf, size_t len)
{
	char commit[41], tree[41], t[41];

	pdf_source(commit, tree, pdf, len);
	if (*commit && *h->target && strcmp(commit, h->target))
		problem(r, "PDF-filen säger sig vara gjord av commit %.12s, men taggen %s pekar på "
			"%.12s", commit, r->tag, h->target);
	if (!*tree || !*h->target)
		return;
	if (ov_ws_commit_tree(t, ws, h->target) < 0)
		ov_error_clear();
	else if (strcmp(t, tree))
		problem(r, "PDF-filen säger sig vara gjord av träd %.12s, men den undertecknade "
			"versionen har träd %.12s", tree, t);
}

/* Every party of the signed text has a valid signature. */
static void check_all_parties(ov_verify_report *r, xmlDocPtr tdoc)
{
	xmlNodePtr c;

	r->all_parties = tdoc != NULL;
	for (c = tdoc ? ov_xml_child(ov_xml_child(xmlDocGetRootElement(tdoc), "parties"),
				     "party") : NULL; c; c = c->next) {
		char *role = c->type == XML_ELEMENT_NODE ? ov_xml_attr(c, "role") : NULL;
		int found = 0;

		for (size_t i = 0; role && i < r->nsigs; i++)
			found |= r->sigs[i].party && !strcmp(r->sigs[i].party, role) &&
				 r->sigs[i].ok;
		if (role && !found) {
			char *pn = ov_xml_text(ov_xml_child(c, "name"));

			r->all_parties = 0;
			problem(r, "ingen giltig underskrift för %s (part %s)", pn ? pn : "?", role);
			free(pn);
		}
		free(role);
	}
}

int ov_verify(ov_verify_report **out, ov_workspace *ws, const char *id, const char *pdf,
	      size_t len, const char *name, const ov_verify_opts *opts)
{
	ov_verify_report *r = NULL;
	ov_pdf_report *pr = NULL;
	ov_buf own = OV_BUF_INIT, embedded = OV_BUF_INIT, tagged = OV_BUF_INIT;
	X509_STORE *store = NULL;
	xmlDocPtr doc = NULL, tdoc = NULL;
	history h;
	int err;

	*out = NULL;
	memset(&h, 0, sizeof(h));
	h.frozen_row = -1;
	if (!pdf) {
		if ((err = ov_agreement_signed_pdf(&own, ws, id)) < 0)
			return err;
		pdf = own.ptr;
		len = own.size;
		name = id;
	}
	if (!(r = calloc(1, sizeof(*r)))) {
		err = ov_error_set(OV_ENOMEM, "out of memory");
		goto done;
	}
	r->ok = 1;
	if ((err = ov__trust_store(&store, ws)) < 0)
		goto done;
	if ((err = ov_pdf_verify(&pr, pdf, len, store)) < 0) {
		ov_error_prefix("%s", name);
		goto done;
	}
	file_problems(r, pr, len);
	if ((err = read_embedded(&doc, &embedded, r, pdf, len, id)) < 0)
		goto done;
	if (doc)
		read_signed_version(&tdoc, &tagged, r, &h, ws, &embedded);
	check_source(r, ws, &h, pdf, len);
	if (!(r->sigs = calloc(pr->nsigs + 1, sizeof(*r->sigs)))) {
		err = ov_error_set(OV_ENOMEM, "out of memory");
		goto done;
	}
	if (!(r->stamps = calloc(pr->nsigs + 1, sizeof(*r->stamps)))) {
		err = ov_error_set(OV_ENOMEM, "out of memory");
		goto done;
	}
	for (size_t i = 0; i < pr->nsigs; i++) {
		ov_verify_sig *o;

		if (pr->sigs[i].doc_timestamp) {
			if ((err = stamp_one(&r->stamps[r->nstamps++], &pr->sigs[i], r)) < 0)
				goto done;
			continue;
		}
		o = &r->sigs[r->nsigs++];
		verify_one(o, &pr->sigs[i], tdoc, &h, r->version, opts, r);
		if (!o->ok)
			problem(r, "underskrift %s: %s", o->field ? o->field : "?",
				o->problem ? o->problem : "?");
	}
	if (tdoc)
		check_history(r, ws, &h, tagged.ptr, tagged.size, r->sigs, r->nsigs);
	check_all_parties(r, tdoc);
	err = OV_OK;
done:
	if (err < 0) {
		ov_verify_report_free(r);
		r = NULL;
	}
	*out = r;
	ov_log_free(h.rows, h.nrows);
	xmlFreeDoc(h.fields);
	ov_pdf_report_free(pr);
	X509_STORE_free(store);
	xmlFreeDoc(doc);
	xmlFreeDoc(tdoc);
	ov_buf_dispose(&own);
	ov_buf_dispose(&embedded);
	ov_buf_dispose(&tagged);
	return err;
}

void ov_verify_report_free(ov_verify_report *r)
{
	size_t i, k;

	if (!r)
		return;
	for (i = 0; i < r->nsigs; i++) {
		ov_verify_sig *s = &r->sigs[i];

		free(s->field);
		free(s->party);
		free(s->signer);
		free(s->email);
		free(s->subject);
		free(s->issuer);
		free(s->serial);
		free(s->fingerprint);
		free(s->signing_time);
		free(s->timestamp);
		free(s->tsa);
		free(s->timestamp_read);
		free(s->tsa_read);
		free(s->problem);
		for (k = 0; k < s->nchecks; k++)
			free(s->checks[k].detail);
	}
	free(r->sigs);
	for (i = 0; i < r->nstamps; i++) {
		free(r->stamps[i].field);
		free(r->stamps[i].time);
		free(r->stamps[i].tsa);
		free(r->stamps[i].tsa_expires);
		free(r->stamps[i].lapsed);
		free(r->stamps[i].problem);
	}
	free(r->stamps);
	for (i = 0; i < r->nproblems; i++)
		free(r->problems[i]);
	free(r->problems);
	free(r->agreement);
	free(r->tag);
	free(r->commit);
	free(r);
}
