/*
 * audit.c - the history audit (see audit.h): what `overens fsck` reports
 * and every command warns about, computed while the index follows git.
 * This file keeps the mechanics; what a well-formed commit is belongs to
 * the engine (engine/lifecycle/audit_rules.c, handed over as
 * ov_ws_indexer.audit):
 *
 *   here (the store)                    the engine's commit rules
 *   ─────────────────────────────────   ─────────────────────────────────
 *   moves of main (reflog, heads seen)  trailers against changed paths,
 *   → "rewrite" findings                merges, Event/Actor/Agreement
 *   each new commit: its changed paths, → a finding's detail
 *   reads at its parent            ──►  who may acknowledge (an admin)
 *   stores a "commit" finding      ◄──  a finding (agreement, detail)
 *   stores an acknowledgement      ◄──  an acknowledgement (key, actor)
 *   stores a signed version, looks ◄──  a first signature: agreement,
 *   its tag up in git: "tag-missing"    version, tag name and the commit
 *   or "tag-moved"; re-checks them      the tag must name
 *
 * Without rules (ov_ws_indexer.audit NULL) commits are not checked; moves
 * of main and tags already found still are.
 *
 * Where the truth lives.  Git's own records are the evidence, the index
 * is a cache of what was concluded from them:
 *
 *   main's reflog (never expires)  ──► moves of main, old -> new
 *   the index's heads_seen         ──► the head each open found
 *   the commits on main            ──► the engine's rules: findings,
 *                                      signed versions, acknowledgements
 *   refs/tags/<tag>                ──► the signed versions' tags
 *
 * A move whose new commit does not descend from the old one (history
 * rewritten outside Överens) is a "rewrite" finding, keyed "OLD..NEW".  It
 * is seen twice over: in the reflog, when git wrote a line for it, and by
 * comparing the head the index last reflected with main on open, when
 * someone moved main behind git's back; then ov_audit_note_move writes the
 * missing reflog line, so the move is in git either way and survives any
 * rebuild of the index (which also carries over the old index's heads and
 * rewrite findings).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "overens/error.h"
#include "store/audit.h"
#include "store/workspace.h"

static const char zero_id[] = "0000000000000000000000000000000000000000";

/* --- one commit: the engine's rules, the store's records ----------------------- */

typedef struct audit_store {
	ov_repo *repo;
	ov_index *idx;
	const ov_repo_commit_info *ci;
	char **paths;
	size_t npaths;
	int err;
} audit_store;

/* Records (or clears) the finding of tag `tag`, which must name `target`. */
static int check_tag(ov_repo *repo, ov_index *idx, const char *tag, const char *agreement,
		     int version, const char *sign_commit, const char *target, long long when)
{
	ov_index_finding f;
	ov_buf detail = OV_BUF_INIT;
	char cur[41];
	int err;

	memset(&f, 0, sizeof(f));
	err = ov_repo_tag_target(cur, repo, tag);
	if (err == OV_ENOTFOUND) {
		ov_error_clear();
		f.kind = "tag-missing";
		err = ov_buf_printf(&detail, "taggen %s saknas: version %d av avtal %s undertecknades "
				    "digitalt i %s, och taggen ska peka på %s", tag, version,
				    agreement, sign_commit, target);
	} else if (err == OV_OK && strcmp(cur, target)) {
		f.kind = "tag-moved";
		err = ov_buf_printf(&detail, "taggen %s pekar på %s, men version %d av avtal %s "
				    "frystes i %s", tag, cur, version, agreement, target);
	} else if (err == OV_OK) {
		err = ov_index_remove_finding(idx, tag);
		goto done;
	}
	if (err < 0)
		goto done;
	f.key = tag;
	f.commit = sign_commit;
	f.agreement = agreement;
	f.version = version;
	f.new_id = target;
	f.when = when;
	f.detail = detail.ptr;
	err = ov_index_put_finding(idx, &f, 1);
done:
	ov_buf_dispose(&detail);
	return err;
}

static int read_parent(const ov_ws_audit *a, ov_buf *out, const char *path)
{
	const audit_store *s = a->store;

	if (!s->ci->nparents)
		return ov_error_set(OV_ENOTFOUND, "%s: commit %s has no parent", path, s->ci->id);
	return ov_repo_read(out, s->repo, s->ci->parent, path);
}

static int last_event(const ov_ws_audit *a, char out[41], const char *agreement)
{
	const audit_store *s = a->store;

	return ov_index_last_event(out, s->idx, agreement);
}

static int acknowledge(const ov_ws_audit *a, const char *key, const char *actor)
{
	const audit_store *s = a->store;

	return ov_index_put_ack(s->idx, key, s->ci->id, actor, s->ci->when);
}

static int signed_version(const ov_ws_audit *a, const char *agreement, int version,
			  const char *tag, const char *target)
{
	const audit_store *s = a->store;
	int inserted, err;

	if (!agreement || !tag || !target || strlen(target) != 40)
		return ov_error_set(OV_EINVALID, "audit of %s: a signed version without "
				    "agreement, tag or target", s->ci->id);
	if ((err = ov_index_put_signed(&inserted, s->idx, agreement, version, s->ci->id,
				       target)) < 0 || !inserted)
		return err;
	return check_tag(s->repo, s->idx, tag, agreement, version, s->ci->id, target,
			 s->ci->when);
}

static int commit_finding(const ov_ws_audit *a, const char *agreement, const char *detail)
{
	const audit_store *s = a->store;
	ov_index_finding f;

	memset(&f, 0, sizeof(f));
	f.key = s->ci->id;
	f.kind = "commit";
	f.commit = s->ci->id;
	f.agreement = agreement;
	f.when = s->ci->when;
	f.detail = detail;
	return ov_index_put_finding(s->idx, &f, 1);
}

static int collect_path(const char *path, void *payload)
{
	audit_store *s = payload;
	char **p = realloc(s->paths, (s->npaths + 1) * sizeof(*p));

	if (p)
		s->paths = p;
	if (!p || !(p[s->npaths] = strdup(path))) {
		s->err = ov_error_set(OV_ENOMEM, "out of memory");
		return 1;
	}
	s->npaths++;
	return 0;
}

int ov_audit_commit(ov_repo *repo, ov_index *idx, const ov_repo_commit_info *ci,
		    int (*rules)(const ov_ws_audit *a))
{
	audit_store s = { repo, idx, ci, NULL, 0, OV_OK };
	ov_ws_audit a;
	int err;

	if (!rules)
		return OV_OK;
	err = ov_repo_changed(repo, ci->nparents ? ci->parent : NULL, ci->id, collect_path, &s);
	if (s.err < 0)
		err = s.err;
	if (err < 0)
		goto done;
	memset(&a, 0, sizeof(a));
	a.commit = ci;
	a.paths = (const char *const *)s.paths;
	a.npaths = s.npaths;
	a.read_parent = read_parent;
	a.last_event = last_event;
	a.acknowledge = acknowledge;
	a.signed_version = signed_version;
	a.finding = commit_finding;
	a.store = &s;
	err = rules(&a);
done:
	for (size_t i = 0; i < s.npaths; i++)
		free(s.paths[i]);
	free(s.paths);
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
