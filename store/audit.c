/*
 * audit.c - the history audit (see audit.h): what `overens fsck` reports
 * and every command warns about, computed while the index follows git.
 *
 * Where the truth lives.  Git's own records are the evidence, the index
 * is a cache of what was concluded from them:
 *
 *   main's reflog (never expires)  ──► moves of main, old -> new
 *   the index's heads_seen         ──► the head each open found
 *   the commits on main            ──► trailers against changes, signed
 *                                      versions, acknowledgements
 *   refs/tags/<id>-v<N>            ──► the signed versions' tags
 *
 * A move whose new commit does not descend from the old one (history
 * rewritten outside Överens) is a "rewrite" finding, keyed "OLD..NEW".  It
 * is seen twice over: in the reflog, when git wrote a line for it, and by
 * comparing the head the index last reflected with main on open, when
 * someone moved main behind git's back; then ov_audit_note_move writes the
 * missing reflog line, so the move is in git either way and survives any
 * rebuild of the index (which also carries over the old index's heads and
 * rewrite findings).
 *
 * Rules for a commit, each true of every commit Överens writes (so a
 * finding means someone else wrote the commit, or changed the tool):
 *
 *   - one parent at most (Överens never merges);
 *   - an Event: trailer, and an Actor: trailer;
 *   - an event about an agreement (all but org-add, org-signatory,
 *     person-add, trust-add, trust-remove and the fsck-* events) names it
 *     in Agreement:;
 *   - every changed path is claimed by the trailers:
 *       agreements/<shard>/<X>/...   Agreement: X (and <shard> is X's)
 *       .../signed/v<N>.pdf, .../signed/v<N>-fields.xml
 *                                    also Event: sign and Version: N
 *       organisations/<O>.xml        Organisation: O, Event: org-add|org-signatory
 *       people/<E>.xml               Person: E, Event: person-add
 *       trust/<F...>.pem             Fingerprint: F, Event: trust-add|trust-remove
 *       workflows/<W>.xml            Workflow: W, Event: new
 *     and nothing else is ever changed;
 *   - Event: new and Event: sign change the agreement's agreement.xml (a
 *     new document; a recorded <signature>);
 *   - fsck-acknowledge and fsck-repair events change nothing, and an
 *     acknowledgement is made by a person who had the admin role at its
 *     parent commit.
 *
 * A commit that changes signed/v<N>.pdf for the first time is the first
 * digital signature of version N: the version's tag "<id>-v<N>" must name
 * the agreement's last commit before it, the frozen text (engine/signing/sign.c
 * chooses the tag's target the same way), or the parent when the
 * agreement has no earlier commit.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "overens/error.h"
#include "store/audit.h"
#include "engine/base/words.h"
#include "store/workspace.h"
#include "engine/base/xmlsafe.h"

static const char zero_id[] = "0000000000000000000000000000000000000000";

/* Events that are not about one agreement. */
static const char registry_events[] =
	"org-add org-signatory person-add trust-add trust-remove fsck-acknowledge fsck-repair";

char *ov_audit_tag_name(const char *agreement, int version)
{
	ov_buf b = OV_BUF_INIT;

	if (ov_buf_printf(&b, "%s-v%d", agreement, version) < 0)
		return NULL;
	return ov_buf_detach(&b);
}

/* --- one commit ------------------------------------------------------------- */

typedef struct commit_check {
	const ov_repo_commit_info *ci;
	const char *event, *agreement, *version;
	ov_buf problems;
	ov_buf doc_prefix;      /* "agreements/<shard>/<X>/" of Agreement: X */
	size_t nchanged, nreported;
	int changed_doc;        /* the agreement's agreement.xml */
	int signed_pdf;         /* N of a changed signed/v<N>.pdf, or 0 */
	int err;
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

static int check_path(const char *path, void *payload)
{
	commit_check *c = payload;
	const char *ev = c->event ? c->event : "(ingen)";
	int claimed = 0;

	c->nchanged++;
	if (!strncmp(path, "agreements/", 11)) {
		const char *rest;
		int n, fields;

		if (!c->agreement) {
			problem(c, "ändrar %s utan trailern Agreement", path);
			return 0;
		}
		if (strncmp(path, c->doc_prefix.ptr, c->doc_prefix.size)) {
			problem(c, "trailern säger Agreement: %s men commiten ändrar %s", c->agreement,
				path);
			return 0;
		}
		rest = path + c->doc_prefix.size;
		if (!strcmp(rest, "agreement.xml"))
			c->changed_doc = 1;
		if ((n = signed_file(rest, &fields)) > 0) {
			if (!c->event || strcmp(c->event, "sign"))
				problem(c, "ändrar %s men är ingen underskrift (Event: %s)", path, ev);
			else if (!c->version || atoi(c->version) != n)
				problem(c, "ändrar %s men trailern säger Version: %s", path,
					c->version ? c->version : "(ingen)");
			else if (!fields)
				c->signed_pdf = n;
		}
		return 0;
	}
	if (!strncmp(path, "organisations/", 14))
		claimed = event_is(c, "org-add org-signatory") &&
			  path_is(path, "organisations/", ov_repo_trailer(c->ci, "Organisation"), ".xml");
	else if (!strncmp(path, "people/", 7))
		claimed = event_is(c, "person-add") &&
			  path_is(path, "people/", ov_repo_trailer(c->ci, "Person"), ".xml");
	else if (!strncmp(path, "trust/", 6)) {
		const char *fp = ov_repo_trailer(c->ci, "Fingerprint");
		size_t n = strlen(path);
		claimed = event_is(c, "trust-add trust-remove") && fp && *fp &&
			  !strncasecmp(path + 6, fp, strlen(fp)) && n > 10 &&
			  !strcmp(path + n - 4, ".pem") && !strchr(path + 6, '/');
	} else if (!strncmp(path, "workflows/", 10))
		claimed = event_is(c, "new") &&
			  path_is(path, "workflows/", ov_repo_trailer(c->ci, "Workflow"), ".xml");
	if (!claimed && c->nreported++ < 3)
		problem(c, "ändrar %s, som inte hör till händelsen %s", path, ev);
	return 0;
}

/* 1 when `email` had the admin role at `rev` (people/<email>.xml). */
static int is_admin_at(ov_repo *repo, const char *rev, const char *email)
{
	ov_buf path = OV_BUF_INIT, data = OV_BUF_INIT;
	xmlDocPtr doc = NULL;
	char *roles = NULL;
	int yes = 0;

	if (!rev || !*rev || !email || !*email || strchr(email, '/'))
		return 0;
	if (ov_buf_printf(&path, "people/%s.xml", email) >= 0 &&
	    ov_repo_read(&data, repo, rev, path.ptr) >= 0 &&
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

/* Records (or clears) the tag finding of a signed version. */
static int check_tag(ov_repo *repo, ov_index *idx, const char *agreement, int version,
		     const char *sign_commit, const char *target, long long when)
{
	ov_index_finding f;
	ov_buf detail = OV_BUF_INIT;
	char *name = ov_audit_tag_name(agreement, version), cur[41];
	int err;

	if (!name)
		return ov_error_set(OV_ENOMEM, "out of memory");
	memset(&f, 0, sizeof(f));
	err = ov_repo_tag_target(cur, repo, name);
	if (err == OV_ENOTFOUND) {
		ov_error_clear();
		f.kind = "tag-missing";
		err = ov_buf_printf(&detail, "taggen %s saknas: version %d av avtal %s undertecknades "
				    "digitalt i %s, och taggen ska peka på %s", name, version,
				    agreement, sign_commit, target);
	} else if (err == OV_OK && strcmp(cur, target)) {
		f.kind = "tag-moved";
		err = ov_buf_printf(&detail, "taggen %s pekar på %s, men version %d av avtal %s "
				    "frystes i %s", name, cur, version, agreement, target);
	} else if (err == OV_OK) {
		err = ov_index_remove_finding(idx, name);
		goto done;
	}
	if (err < 0)
		goto done;
	f.key = name;
	f.commit = sign_commit;
	f.agreement = agreement;
	f.version = version;
	f.new_id = target;
	f.when = when;
	f.detail = detail.ptr;
	err = ov_index_put_finding(idx, &f, 1);
done:
	free(name);
	ov_buf_dispose(&detail);
	return err;
}

int ov_audit_commit(ov_repo *repo, ov_index *idx, const ov_repo_commit_info *ci)
{
	commit_check c;
	ov_index_finding f;
	const char *actor = ov_repo_trailer(ci, "Actor");
	int err = OV_OK, about_agreement;

	memset(&c, 0, sizeof(c));
	c.ci = ci;
	c.event = ov_repo_trailer(ci, "Event");
	c.agreement = ov_repo_trailer(ci, "Agreement");
	c.version = ov_repo_trailer(ci, "Version");
	if (c.agreement && *c.agreement &&
	    (err = ov_agreement_path(&c.doc_prefix, c.agreement, "")) < 0)
		goto done;
	if (c.agreement && !*c.agreement)
		c.agreement = NULL;
	about_agreement = c.agreement || !event_is(&c, registry_events);

	if (ci->nparents > 1)
		problem(&c, "är en sammanslagning (merge), och sådana gör Överens aldrig");
	if (!c.event)
		problem(&c, "saknar trailern Event");
	if (!actor || !*actor)
		problem(&c, "saknar trailern Actor");
	if (c.event && about_agreement && !c.agreement)
		problem(&c, "händelsen %s saknar trailern Agreement", c.event);
	err = ov_repo_changed(repo, ci->nparents ? ci->parent : NULL, ci->id, check_path, &c);
	if (err < 0)
		goto done;
	if (c.nreported > 3)
		problem(&c, "och %zu ändrade filer till", c.nreported - 3);
	if (event_is(&c, "fsck-acknowledge fsck-repair") && c.nchanged)
		problem(&c, "händelsen %s ändrar filer, vilket den aldrig gör", c.event);
	if (event_is(&c, "new sign") && c.agreement && !c.changed_doc)
		problem(&c, "händelsen %s ändrar inte avtalet %s", c.event, c.agreement);

	if (event_is(&c, "fsck-acknowledge")) {
		const char *key = ov_repo_trailer(ci, "Finding");
		if (!key || !*key)
			problem(&c, "kvitterar utan trailern Finding");
		else if (!is_admin_at(repo, ci->nparents ? ci->parent : "", actor))
			problem(&c, "kvitterar %s, men %s hade inte rollen admin", key,
				actor ? actor : "(ingen)");
		else if ((err = ov_index_put_ack(idx, key, ci->id, actor, ci->when)) < 0)
			goto done;
	}
	if (c.signed_pdf && !c.problems.size) {
		char target[41];
		int inserted;
		if ((err = ov_index_last_event(target, idx, c.agreement)) < 0)
			goto done;
		if (!*target)
			snprintf(target, sizeof(target), "%s", ci->nparents ? ci->parent : ci->id);
		if ((err = ov_index_put_signed(&inserted, idx, c.agreement, c.signed_pdf, ci->id,
					       target)) < 0)
			goto done;
		if (inserted && (err = check_tag(repo, idx, c.agreement, c.signed_pdf, ci->id,
						 target, ci->when)) < 0)
			goto done;
	}
	if (c.problems.size) {
		memset(&f, 0, sizeof(f));
		f.key = ci->id;
		f.kind = "commit";
		f.commit = ci->id;
		f.agreement = c.agreement;
		f.when = ci->when;
		f.detail = c.problems.ptr;
		err = ov_index_put_finding(idx, &f, 1);
	}
done:
	ov_buf_dispose(&c.problems);
	ov_buf_dispose(&c.doc_prefix);
	return err;
}

/* --- moves of main -------------------------------------------------------------- */

/* Records old..new as a rewrite finding when new does not descend from old. */
static int check_move(ov_repo *repo, ov_index *idx, const char *old_id, const char *new_id,
		      long long when, const char *who)
{
	ov_index_finding f;
	ov_buf key = OV_BUF_INIT, detail = OV_BUF_INIT;
	int anc = 0, err;

	if (!*old_id || !strcmp(old_id, zero_id) || !strcmp(old_id, new_id))
		return OV_OK;
	err = ov_repo_is_ancestor(&anc, repo, old_id, new_id);
	if (err == OV_ENOTFOUND) {
		ov_error_clear(); /* a commit that is gone proves nothing: report the move */
		err = OV_OK;
		anc = 0;
	}
	if (err < 0 || anc)
		return err;
	if ((err = ov_buf_printf(&key, "%s..%s", old_id, new_id)) < 0 ||
	    (err = ov_buf_printf(&detail, "main flyttades från %s till %s, som inte bygger på "
				 "den (historiken skrevs om utanför Överens)%s%s", old_id, new_id,
				 who ? "; flyttad av " : "", who ? who : "")) < 0)
		goto done;
	memset(&f, 0, sizeof(f));
	f.key = key.ptr;
	f.kind = "rewrite";
	f.old_id = old_id;
	f.new_id = new_id;
	f.when = when;
	f.detail = detail.ptr;
	err = ov_index_put_finding(idx, &f, 0);
done:
	ov_buf_dispose(&key);
	ov_buf_dispose(&detail);
	return err;
}

typedef struct heads_state {
	ov_repo *repo;
	ov_index *idx;
} heads_state;

static int reflog_entry(const ov_repo_reflog_entry *e, void *payload)
{
	heads_state *h = payload;
	int err;

	if ((err = ov_index_put_head_seen(h->idx, e->new_id, e->when, "reflog")) < 0 ||
	    (err = check_move(h->repo, h->idx, e->old_id, e->new_id, e->when, e->who)) < 0)
		return err;
	return 0;
}

int ov_audit_heads(ov_repo *repo, ov_index *idx, const char *prev, const char *head,
		   long long now)
{
	heads_state h = { repo, idx };
	char *stored = NULL, size[32];
	long long from = 0, end = 0;
	int err;

	if ((err = ov_index_meta(&stored, idx, "reflog_size")) < 0)
		return err;
	if (stored)
		from = strtoll(stored, NULL, 10);
	free(stored);
	if ((err = ov_repo_reflog_scan(repo, from, &end, reflog_entry, &h)) < 0)
		return err;
	snprintf(size, sizeof(size), "%lld", end);
	if ((err = ov_index_set_meta(idx, "reflog_size", size)) < 0)
		return err;
	if (prev && *prev && head && *head &&
	    (err = check_move(repo, idx, prev, head, now, NULL)) < 0)
		return err;
	if (head && *head && (err = ov_index_put_head_seen(idx, head, now, "open")) < 0)
		return err;
	return OV_OK;
}

int ov_audit_note_move(ov_repo *repo, const char *prev, const char *head, long long now)
{
	char old_id[41], new_id[41];
	int err;

	if (!prev || !*prev || !head || !*head || !strcmp(prev, head))
		return OV_OK;
	if ((err = ov_repo_reflog_last(old_id, new_id, repo)) < 0)
		return err;
	if (!strcmp(new_id, head))
		return OV_OK; /* git logged the move itself */
	return ov_repo_reflog_note(repo, prev, head, now,
				   "overens: main flyttades utan rad i refloggen");
}

/* --- tags --------------------------------------------------------------------- */

int ov_audit_tag_holds(int *holds, ov_repo *repo, const ov_index_finding *f)
{
	char cur[41];
	int err;

	*holds = 1;
	err = ov_repo_tag_target(cur, repo, f->key);
	if (err == OV_ENOTFOUND) {
		ov_error_clear();
		return OV_OK;
	}
	if (err < 0)
		return err;
	*holds = strcmp(cur, f->new_id) != 0;
	return OV_OK;
}

typedef struct tag_list {
	ov_repo *repo;
	char **keys;
	size_t n;
	int err;
} tag_list;

static int collect_resolved(const ov_index_finding *f, void *payload)
{
	tag_list *t = payload;
	char **g;
	int holds;

	if (strncmp(f->kind, "tag-", 4))
		return 0;
	if ((t->err = ov_audit_tag_holds(&holds, t->repo, f)) < 0)
		return 1;
	if (holds)
		return 0;
	if (!(g = realloc(t->keys, (t->n + 1) * sizeof(*g))) || !(g[t->n] = strdup(f->key))) {
		if (g)
			t->keys = g;
		t->err = ov_error_set(OV_ENOMEM, "out of memory");
		return 1;
	}
	t->keys = g;
	t->n++;
	return 0;
}

int ov_audit_recheck_tags(ov_repo *repo, ov_index *idx)
{
	tag_list t = { repo, NULL, 0, OV_OK };
	size_t i;
	int err;

	err = ov_index_findings(idx, 0, collect_resolved, &t);
	if (t.err < 0)
		err = t.err;
	for (i = 0; err >= 0 && i < t.n; i++)
		err = ov_index_remove_finding(idx, t.keys[i]);
	for (i = 0; i < t.n; i++)
		free(t.keys[i]);
	free(t.keys);
	return err < 0 ? err : OV_OK;
}
