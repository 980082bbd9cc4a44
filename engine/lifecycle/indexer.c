/*
 * indexer.c - what the engine tells the store to index, and the public
 * ov_workspace_open that hands it over (see ov_ws_indexer in
 * store/workspace.h).
 *
 * The store knows git and SQLite, not agreements: while its index follows
 * git it gives this file each changed agreement.xml and each new commit,
 * and gets back plain rows.
 *
 *   agreement.xml ──► agreement_row: id, workflow and version (root
 *                     attributes), title, kind, state phase/since, term
 *                     start/end, every <dates> child (value, kind, label)
 *                     and every <parties> child (role, name, orgnr)
 *
 *   commit        ──► event_row, when it has an Agreement: trailer: Event,
 *                     Actor and Date trailers, "Phase: a -> b" split into
 *                     from and to (one phase: both), the author's name,
 *                     the summary, the body and the trailer block
 *
 *   commit        ──► ov_audit_rules (audit_rules.c): the history audit's
 *                     findings, acknowledgements and signed versions
 *
 * A rebuild of the index calls the same functions over all of git, so
 * what they return must depend on the bytes in git alone.
 */
#include <stdlib.h>
#include <string.h>

#include "overens/error.h"
#include "overens/workspace.h"
#include "store/workspace.h"
#include "engine/base/xmlsafe.h"
#include "engine/lifecycle/audit_rules.h"

/* The strings an agreement row points to, owned here. */
typedef struct row_strings {
	char *id, *workflow, *version, *title, *kind, *phase, *since, *tstart, *tend;
	ov_ws_row_date *dates;
	ov_ws_row_party *parties;
	size_t ndates, nparties;
} row_strings;

static void row_strings_dispose(row_strings *r)
{
	for (size_t i = 0; i < r->ndates; i++) {
		free((char *)r->dates[i].value);
		free((char *)r->dates[i].kind);
		free((char *)r->dates[i].label);
	}
	for (size_t i = 0; i < r->nparties; i++) {
		free((char *)r->parties[i].role);
		free((char *)r->parties[i].name);
		free((char *)r->parties[i].orgnr);
	}
	free(r->dates);
	free(r->parties);
	free(r->id);
	free(r->workflow);
	free(r->version);
	free(r->title);
	free(r->kind);
	free(r->phase);
	free(r->since);
	free(r->tstart);
	free(r->tend);
}

/* Every <dates> child: value, kind and label (the store skips one without value or kind). */
static int read_dates(row_strings *r, xmlNodePtr dates)
{
	size_t n = dates ? (size_t)xmlChildElementCount(dates) : 0;

	if (n && !(r->dates = calloc(n, sizeof(*r->dates))))
		return ov_error_set(OV_ENOMEM, "out of memory");
	for (xmlNodePtr c = dates ? dates->children : NULL; c && r->ndates < n; c = c->next) {
		ov_ws_row_date *d;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		d = &r->dates[r->ndates++];
		d->value = ov_xml_attr(c, "value");
		d->kind = ov_xml_attr(c, "kind");
		d->label = ov_xml_attr(c, "label");
	}
	return OV_OK;
}

/* Every <parties> child: role, name and orgnr (the store skips one without role). */
static int read_parties(row_strings *r, xmlNodePtr parties)
{
	size_t n = parties ? (size_t)xmlChildElementCount(parties) : 0;

	if (n && !(r->parties = calloc(n, sizeof(*r->parties))))
		return ov_error_set(OV_ENOMEM, "out of memory");
	for (xmlNodePtr c = parties ? parties->children : NULL; c && r->nparties < n;
	     c = c->next) {
		ov_ws_row_party *p;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		p = &r->parties[r->nparties++];
		p->role = ov_xml_attr(c, "role");
		p->name = ov_xml_text(ov_xml_child(c, "name"));
		p->orgnr = ov_xml_text(ov_xml_child(c, "orgnr"));
	}
	return OV_OK;
}

static int agreement_row(const char *path, const void *xml, size_t len,
			 ov_ws_agreement_emit emit, void *emit_payload)
{
	xmlDocPtr doc = NULL;
	xmlNodePtr root, n;
	row_strings r;
	ov_ws_agreement_row row;
	int err;

	memset(&r, 0, sizeof(r));
	if ((err = ov_xml_parse_memory(&doc, xml, len, path)) < 0)
		return err;
	root = xmlDocGetRootElement(doc);
	r.id = ov_xml_attr(root, "id");
	r.workflow = ov_xml_attr(root, "workflow");
	r.version = ov_xml_attr(root, "version");
	r.title = ov_xml_text(ov_xml_child(root, "title"));
	r.kind = ov_xml_text(ov_xml_child(root, "kind"));
	n = ov_xml_child(root, "state");
	r.phase = ov_xml_attr(n, "phase");
	r.since = ov_xml_attr(n, "since");
	n = ov_xml_child(root, "term");
	r.tstart = ov_xml_attr(n, "start");
	r.tend = ov_xml_attr(n, "end");
	if ((err = read_dates(&r, ov_xml_child(root, "dates"))) < 0 ||
	    (err = read_parties(&r, ov_xml_child(root, "parties"))) < 0)
		goto done;
	memset(&row, 0, sizeof(row));
	row.id = r.id;
	row.workflow = r.workflow;
	row.title = r.title;
	row.kind = r.kind;
	row.phase = r.phase;
	row.since = r.since;
	row.version = r.version ? atoi(r.version) : 1;
	row.term_start = r.tstart;
	row.term_end = r.tend;
	row.dates = r.dates;
	row.ndates = r.ndates;
	row.parties = r.parties;
	row.nparties = r.nparties;
	err = emit(&row, emit_payload);
done:
	row_strings_dispose(&r);
	xmlFreeDoc(doc);
	return err;
}

static int event_row(const ov_ws_commit *c, ov_ws_event_emit emit, void *emit_payload)
{
	const char *agreement = ov_ws_trailer(c, "Agreement"), *phase = ov_ws_trailer(c, "Phase");
	ov_buf body = OV_BUF_INIT, trailers = OV_BUF_INIT, from = OV_BUF_INIT;
	ov_ws_event ev;
	const char *arrow;
	int err;

	if (!agreement)
		return OV_OK; /* a commit about no agreement: no event */
	if ((err = ov_ws_commit_body(&body, c)) < 0 ||
	    (err = ov_ws_commit_trailers(&trailers, c)) < 0)
		goto done;
	memset(&ev, 0, sizeof(ev));
	ev.agreement = agreement;
	ev.commit = c->id;
	ev.event = ov_ws_trailer(c, "Event");
	ev.actor = ov_ws_trailer(c, "Actor");
	ev.actor_name = c->author_name;
	ev.date = ov_ws_trailer(c, "Date");
	ev.summary = c->summary;
	ev.body = body.ptr ? body.ptr : "";
	ev.trailers = trailers.ptr ? trailers.ptr : "";
	ev.when = c->when;
	ev.offset = c->offset_minutes;
	if (phase && (arrow = strstr(phase, " -> ")) != NULL) {
		if ((err = ov_buf_put(&from, phase, (size_t)(arrow - phase))) < 0)
			goto done;
		ev.phase_from = from.ptr;
		ev.phase_to = arrow + 4;
	} else {
		ev.phase_from = ev.phase_to = phase ? phase : "";
	}
	err = emit(&ev, emit_payload);
done:
	ov_buf_dispose(&body);
	ov_buf_dispose(&trailers);
	ov_buf_dispose(&from);
	return err;
}

static const ov_ws_indexer indexer = { agreement_row, event_row, ov_audit_rules };

int ov_workspace_open(ov_workspace **out, const char *dir)
{
	return ov_ws_open(out, dir, &indexer);
}
