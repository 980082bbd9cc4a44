/*
 * audit_rules.c - the history audit's rules for one commit: what a commit
 * Överens writes looks like, handed to the store as ov_ws_indexer.audit
 * (see ov_ws_audit in store/workspace.h; indexer.c hands it over).
 *
 * Where each part of the audit lives:
 *
 *   here (the engine)                  store/audit.c (the store)
 *   ─────────────────────────────      ─────────────────────────────────
 *   trailers against changed paths ──► a "commit" finding keyed by the
 *   (the rules below), in Swedish      commit's id, stored in the index
 *   an fsck-acknowledge by an admin ─► the acknowledgement, stored
 *   the first signature of version N ► tag <id>-v<N> looked up in git: a
 *   and the commit its tag must name   "tag-missing"/"tag-moved" finding
 *                                      moves of main (reflog, heads seen),
 *                                      re-checks of tags, rebuilds
 *
 * Rules for a commit, each true of every commit Överens writes (so a
 * finding means someone else wrote the commit, or changed the tool):
 *
 *   - one parent at most (Överens never merges);
 *   - an Event: trailer, and an Actor: trailer;
 *   - an event about an agreement (all but org-add, org-signatory, org-unit,
 *     person-add, person-change, trust-add, trust-remove and the fsck-*
 *     events) names it in Agreement:;
 *   - every changed path is claimed by the trailers:
 *       agreements/<shard>/<X>/...   Agreement: X (and <shard> is X's)
 *       .../signed/v<N>.pdf, .../signed/v<N>-fields.xml
 *                                    also Event: sign and Version: N
 *                                    (the PDF also Event: timestamp, a
 *                                    document time-stamp, and Version: N)
 *       organisations/<O>.xml        Organisation: O, Event: org-add|org-signatory|org-unit
 *       people/<E>.xml               Person: E, Event: person-add|person-change
 *       trust/<F...>.pem             Fingerprint: F, Event: trust-add|trust-remove
 *       workflows/<W>.xml            Workflow: W, Event: new
 *       workflows/subjects/<S>.xml   Subject: S, Event: new or set (the
 *                                    agreement's subject, copied at first use)
 *     and nothing else is ever changed;
 *   - Event: new and Event: sign change the agreement's agreement.xml (a
 *     new document; a recorded <signature>);
 *   - fsck-acknowledge and fsck-repair events change nothing, and an
 *     acknowledgement is made by a person who had the admin role at its
 *     parent commit (people/<email>.xml there).
 *
 * A commit that changes signed/v<N>.pdf (and breaks no rule) is a digital
 * signature of version N; the store keeps the first one: the version's tag
 * "<id>-v<N>" must name the agreement's last commit before it, the frozen
 * text (engine/signing/sign.c chooses the tag's target the same way), or
 * the parent when the agreement has no earlier commit.
 *
 * What is concluded depends on git alone (a rebuild asks again).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "overens/error.h"
#include "store/workspace.h"
#include "engine/base/words.h"
#include "engine/base/xmlsafe.h"
#include "engine/lifecycle/audit_rules.h"

/* Events that are not about one agreement. */
static const char registry_events[] =
	"org-add org-signatory org-unit person-add person-change trust-add trust-remove "
	"fsck-acknowledge fsck-repair";

typedef struct commit_check {
	const ov_ws_commit *ci;
	const char *event, *agreement, *version;
	ov_buf problems;
	ov_buf doc_prefix;      /* "agreements/<shard>/<X>/" of Agreement: X */
	size_t nchanged, nreported;
	int changed_doc;        /* the agreement's agreement.xml */
	int signed_pdf;         /* N of a changed signed/v<N>.pdf, or 0 */
} commit_check;

static void problem(commit_check *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void problem(commit_check *c, const char *fmt, ...)
{
	va_list ap;

	if (c->problems.size && ov_buf_puts(&c->problems, "; ") < 0)
		return;
	va_start(ap, fmt);
	ov_buf_vprintf(&c->problems, fmt, ap);
	va_end(ap);
}

static int event_is(const commit_check *c, const char *list)
{
	return c->event && ov_word_in(list, c->event);
}

/* "people/<value>.xml"-style path: 1 when path is exactly prefix + value + suffix. */
static int path_is(const char *path, const char *prefix, const char *value, const char *suffix)
{
	size_t p = strlen(prefix), v = value ? strlen(value) : 0;

	return value && *value && !strncmp(path, prefix, p) && !strncmp(path + p, value, v) &&
	       !strcmp(path + p + v, suffix);
}

/* N of "signed/v<N>.pdf" (or of "signed/v<N>-fields.xml" when fields), else 0. */
static int signed_file(const char *rest, int *fields)
{
	char tail[16];
	int n = 0, used = 0;

	*fields = 0;
	if (sscanf(rest, "signed/v%d%n", &n, &used) != 1 || n < 1 || used <= 0)
		return 0;
	snprintf(tail, sizeof(tail), "%s", rest + used);
	if (!strcmp(tail, ".pdf"))
		return n;
	if (!strcmp(tail, "-fields.xml")) {
		*fields = 1;
		return n;
	}
	return 0;
}

/* A path under agreements/: Agreement: X claims it, signed files also need sign and Version. */
static void check_agreement_path(commit_check *c, const char *path)
{
	const char *ev = c->event ? c->event : "(ingen)", *rest;
	int n, fields;

	if (!c->agreement) {
		problem(c, "ändrar %s utan trailern Agreement", path);
		return;
	}
	if (strncmp(path, c->doc_prefix.ptr, c->doc_prefix.size)) {
		problem(c, "trailern säger Agreement: %s men commiten ändrar %s", c->agreement, path);
		return;
	}
	rest = path + c->doc_prefix.size;
	if (!strcmp(rest, "agreement.xml"))
		c->changed_doc = 1;
	if ((n = signed_file(rest, &fields)) > 0) {
		if (event_is(c, "timestamp") && !fields) {
			if (!c->version || atoi(c->version) != n)
				problem(c, "ändrar %s men trailern säger Version: %s", path,
					c->version ? c->version : "(ingen)");
		} else if (!c->event || strcmp(c->event, "sign"))
			problem(c, "ändrar %s men är ingen underskrift (Event: %s)", path, ev);
		else if (!c->version || atoi(c->version) != n)
			problem(c, "ändrar %s men trailern säger Version: %s", path,
				c->version ? c->version : "(ingen)");
		else if (!fields)
			c->signed_pdf = n;
	}
}

static void check_path(commit_check *c, const char *path)
{
	const char *ev = c->event ? c->event : "(ingen)";
	int claimed = 0;

	c->nchanged++;
	if (!strncmp(path, "agreements/", 11)) {
		check_agreement_path(c, path);
		return;
	}
	if (!strncmp(path, "organisations/", 14))
		claimed = event_is(c, "org-add org-signatory org-unit") &&
			  path_is(path, "organisations/", ov_ws_trailer(c->ci, "Organisation"), ".xml");
	else if (!strncmp(path, "people/", 7))
		claimed = event_is(c, "person-add person-change") &&
			  path_is(path, "people/", ov_ws_trailer(c->ci, "Person"), ".xml");
	else if (!strncmp(path, "trust/", 6)) {
		const char *fp = ov_ws_trailer(c->ci, "Fingerprint");
		size_t n = strlen(path);
		claimed = event_is(c, "trust-add trust-remove") && fp && *fp &&
			  !strncasecmp(path + 6, fp, strlen(fp)) && n > 10 &&
			  !strcmp(path + n - 4, ".pem") && !strchr(path + 6, '/');
	} else if (!strncmp(path, "workflows/subjects/", 19))
		claimed = event_is(c, "new set") &&
			  path_is(path, "workflows/subjects/", ov_ws_trailer(c->ci, "Subject"), ".xml");
	else if (!strncmp(path, "workflows/", 10))
		claimed = event_is(c, "new") &&
			  path_is(path, "workflows/", ov_ws_trailer(c->ci, "Workflow"), ".xml");
	if (!claimed && c->nreported++ < 3)
		problem(c, "ändrar %s, som inte hör till händelsen %s", path, ev);
}

/* 1 when `email` had the admin role at the commit's parent (people/<email>.xml). */
static int was_admin(const ov_ws_audit *a, const char *email)
{
	ov_buf path = OV_BUF_INIT, data = OV_BUF_INIT;
	xmlDocPtr doc = NULL;
	char *roles = NULL;
	int yes = 0;

	if (!a->commit->nparents || !email || !*email || strchr(email, '/'))
		return 0;
	if (ov_buf_printf(&path, "people/%s.xml", email) >= 0 &&
	    a->read_parent(a, &data, path.ptr) >= 0 &&
	    ov_xml_parse_memory(&doc, data.ptr, data.size, path.ptr) >= 0) {
		roles = ov_xml_attr(xmlDocGetRootElement(doc), "roles");
		yes = roles && ov_word_in(roles, "admin");
	}
	ov_error_clear();
	free(roles);
	xmlFreeDoc(doc);
	ov_buf_dispose(&path);
	ov_buf_dispose(&data);
	return yes;
}

/* The trailers alone, and every changed path against them. */
static void check_trailers_and_paths(commit_check *c, const ov_ws_audit *a)
{
	const char *actor = ov_ws_trailer(c->ci, "Actor");
	int about_agreement = c->agreement || !event_is(c, registry_events);

	if (c->ci->nparents > 1)
		problem(c, "är en sammanslagning (merge), och sådana gör Överens aldrig");
	if (!c->event)
		problem(c, "saknar trailern Event");
	if (!actor || !*actor)
		problem(c, "saknar trailern Actor");
	if (c->event && about_agreement && !c->agreement)
		problem(c, "händelsen %s saknar trailern Agreement", c->event);
	for (size_t i = 0; i < a->npaths; i++)
		check_path(c, a->paths[i]);
	if (c->nreported > 3)
		problem(c, "och %zu ändrade filer till", c->nreported - 3);
	if (event_is(c, "fsck-acknowledge fsck-repair") && c->nchanged)
		problem(c, "händelsen %s ändrar filer, vilket den aldrig gör", c->event);
	if (event_is(c, "new sign") && c->agreement && !c->changed_doc)
		problem(c, "händelsen %s ändrar inte avtalet %s", c->event, c->agreement);
}

/* The version's tag must name the agreement's last commit before this one (or the parent). */
static int report_signed(const commit_check *c, const ov_ws_audit *a)
{
	ov_buf tag = OV_BUF_INIT;
	char target[41];
	int err;

	if ((err = a->last_event(a, target, c->agreement)) < 0)
		return err;
	if (!*target)
		snprintf(target, sizeof(target), "%s", c->ci->nparents ? c->ci->parent : c->ci->id);
	if ((err = ov_buf_printf(&tag, "%s-v%d", c->agreement, c->signed_pdf)) >= 0)
		err = a->signed_version(a, c->agreement, c->signed_pdf, tag.ptr, target);
	ov_buf_dispose(&tag);
	return err;
}

/* The rules above for the commit `a` shows, reported through `a` (ov_ws_indexer.audit). */
int ov_audit_rules(const ov_ws_audit *a)
{
	const ov_ws_commit *ci = a->commit;
	const char *actor = ov_ws_trailer(ci, "Actor");
	commit_check c;
	int err = OV_OK;

	memset(&c, 0, sizeof(c));
	c.ci = ci;
	c.event = ov_ws_trailer(ci, "Event");
	c.agreement = ov_ws_trailer(ci, "Agreement");
	c.version = ov_ws_trailer(ci, "Version");
	if (c.agreement && *c.agreement &&
	    (err = ov_agreement_path(&c.doc_prefix, c.agreement, "")) < 0)
		goto done;
	if (c.agreement && !*c.agreement)
		c.agreement = NULL;
	check_trailers_and_paths(&c, a);

	if (event_is(&c, "fsck-acknowledge")) {
		const char *key = ov_ws_trailer(ci, "Finding");
		if (!key || !*key)
			problem(&c, "kvitterar utan trailern Finding");
		else if (!was_admin(a, actor))
			problem(&c, "kvitterar %s, men %s hade inte rollen admin", key,
				actor ? actor : "(ingen)");
		else if ((err = a->acknowledge(a, key, actor)) < 0)
			goto done;
	}
	if (c.signed_pdf && !c.problems.size && (err = report_signed(&c, a)) < 0)
		goto done;
	if (c.problems.size)
		err = a->finding(a, c.agreement, c.problems.ptr);
done:
	ov_buf_dispose(&c.problems);
	ov_buf_dispose(&c.doc_prefix);
	return err;
}
