/*
 * fsck.c - checking a workspace's history, acknowledging and repairing
 * what was found, and the warning every command prints (overens/fsck.h).
 *
 * The findings themselves are computed while the index follows git, by
 * the store (store/audit.c) with the engine's rules for a commit
 * (audit_rules.c); this file reads them, and writes the two kinds of
 * event an admin can make about them:
 *
 *   fsck-acknowledge   an empty commit "Finding: <key>": the finding stays
 *                      in the report, marked acknowledged, and no longer
 *                      warns or fails `overens fsck`
 *   fsck-repair        an empty commit "Tag: <id>-v<N>", "Target: <commit>"
 *                      that carries the recreated tag (ov_txn_tag), so the
 *                      tag and its record appear together or not at all
 *
 * Both go through ov_workspace_transact, which brings the index up to git
 * first, so the key is resolved and the admin role checked at the head the
 * commit is made on (the audit checks the role there again).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "overens/date.h"
#include "overens/error.h"
#include "overens/fsck.h"
#include "engine/lifecycle/engine.h"
#include "engine/lifecycle/workflow.h"
#include "store/workspace.h"

/* --- reading the findings --------------------------------------------------- */

static char *dup_s(const char *s)
{
	return s ? strdup(s) : NULL;
}

static void finding_dispose(ov_fsck_finding *f)
{
	free(f->key);
	free(f->kind);
	free(f->old_id);
	free(f->new_id);
	free(f->commit);
	free(f->agreement);
	free(f->detail);
	free(f->ack_commit);
	free(f->ack_actor);
}

void ov_fsck_report_free(ov_fsck_report *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++)
		finding_dispose(&r->findings[i]);
	free(r->findings);
	free(r);
}

typedef struct collect {
	ov_fsck_report *r;
	int err;
} collect;

static int collect_cb(const ov_ws_finding *f, void *payload)
{
	collect *c = payload;
	ov_fsck_finding *g, *o;

	g = realloc(c->r->findings, (c->r->n + 1) * sizeof(*g));
	if (!g) {
		c->err = ov_error_set(OV_ENOMEM, "out of memory");
		return 1;
	}
	c->r->findings = g;
	o = &g[c->r->n++];
	memset(o, 0, sizeof(*o));
	o->key = dup_s(f->key);
	o->kind = dup_s(f->kind);
	o->old_id = *f->old_id ? dup_s(f->old_id) : NULL;
	o->new_id = *f->new_id ? dup_s(f->new_id) : NULL;
	o->commit = *f->commit ? dup_s(f->commit) : NULL;
	o->agreement = *f->agreement ? dup_s(f->agreement) : NULL;
	o->version = f->version;
	o->when = f->when;
	o->detail = dup_s(f->detail);
	o->acknowledged = f->acknowledged;
	o->ack_commit = dup_s(f->ack_commit);
	o->ack_actor = dup_s(f->ack_actor);
	o->repairable = !strcmp(f->kind, "tag-missing");
	if (!o->key || !o->kind || !o->detail) {
		c->err = ov_error_set(OV_ENOMEM, "out of memory");
		return 1;
	}
	return 0;
}

/* --- the admin role ---------------------------------------------------------- */

/* The acting person, who must have the admin role to `what`. */
static int load_admin(ov_person **out, ov_txn *txn, const char *actor, const char *what)
{
	int err;

	if ((err = ov_person_load(out, txn, actor)) < 0)
		return err;
	if (!ov_word_in((*out)->roles, "admin")) {
		err = ov_error_set(OV_EDENIED,
			"%s has the roles '%s'; only a person with the role admin may %s",
			actor, (*out)->roles, what);
		ov_person_free(*out);
		*out = NULL;
	}
	return err;
}

static void who_now(ov_ws_who *who, const char *actor)
{
	long long now = (long long)time(NULL);

	who->name = actor;
	who->email = actor;
	who->when = now;
	who->offset_minutes = ov_sweden_offset(now);
}

/* --- repair ----------------------------------------------------------------- */

typedef struct repair_op {
	const char *actor;
	const ov_fsck_finding *f;
} repair_op;

static int repair_txn(ov_txn *txn, void *payload)
{
	repair_op *op = payload;
	ov_person *admin = NULL;
	ov_ws_signed sv;
	ov_buf tagmsg = OV_BUF_INIT;
	char date[11];
	ov_date d;
	int err;

	if ((err = load_admin(&admin, txn, op->actor, "repair the history")) < 0 ||
	    (err = ov_resolve_date(&d, date, NULL)) < 0 ||
	    (err = ov_ws_signed_version(&sv, txn->ws, op->f->agreement,
					 op->f->version)) < 0)
		goto done;
	if (!(txn->author_name = strdup(admin->name))) {
		err = ov_error_set(OV_ENOMEM, "out of memory");
		goto done;
	}
	/* The message sign.c gives the tag, and where this one came from. */
	ov_buf_printf(&tagmsg, "%s version %d, frusen för undertecknande\n\nÅterskapad av "
		      "overens fsck --repair; första underskriften: commit %s\n",
		      op->f->agreement, op->f->version, sv.sign_commit);
	if ((err = ov_txn_tag(txn, op->f->key, sv.target, tagmsg.ptr)) < 0)
		goto done;
	txn->allow_empty = 1;
	ov_buf_printf(&txn->message, "fsck: återskapa taggen %s\n\nTaggen pekar på %s, avtalets "
		      "text när version %d undertecknades första gången (commit %s).\n\n",
		      op->f->key, sv.target, op->f->version, sv.sign_commit);
	ov_msg_trailer(&txn->message, "Event", "fsck-repair");
	ov_msg_trailer(&txn->message, "Tag", op->f->key);
	ov_msg_trailer(&txn->message, "Target", sv.target);
	ov_msg_trailer(&txn->message, "Date", date);
	ov_msg_trailer(&txn->message, "Actor", admin->email);
done:
	ov_person_free(admin);
	ov_buf_dispose(&tagmsg);
	return err;
}

int ov_fsck(ov_fsck_report **out, ov_workspace *ws, const char *repair_actor)
{
	ov_fsck_report *r = NULL;
	collect c;
	ov_ws_who who;
	size_t i;
	int err;

	*out = NULL;
	if (!(r = calloc(1, sizeof(*r))))
		return ov_error_set(OV_ENOMEM, "out of memory");
	c.r = r;
	c.err = OV_OK;
	if ((err = ov_workspace_reindex(ws)) < 0)
		goto done;
	err = ov_ws_findings(ws, 0, collect_cb, &c);
	if (c.err < 0)
		err = c.err;
	if (err < 0)
		goto done;
	for (i = 0; repair_actor && i < r->n; i++) {
		ov_fsck_finding *f = &r->findings[i];
		repair_op op = { repair_actor, f };
		if (!f->repairable || f->acknowledged)
			continue;
		who_now(&who, repair_actor);
		if ((err = ov_workspace_transact(ws, &who, repair_txn, &op, NULL)) < 0)
			goto done;
		f->repaired = 1;
	}
	for (i = 0; i < r->n; i++)
		if (!r->findings[i].acknowledged && !r->findings[i].repaired)
			r->open++;
done:
	if (err < 0) {
		ov_fsck_report_free(r);
		r = NULL;
	}
	*out = r;
	return err;
}

/* --- acknowledging ------------------------------------------------------------ */

typedef struct match {
	const char *key;        /* as given */
	const char *a, *b;      /* "A..B" split, or NULL */
	size_t na, nb;
	char *exact;            /* the unacknowledged finding with exactly this key */
	char *found;            /* an unacknowledged finding the shortened key names */
	char *acked;            /* the commit acknowledging a finding the key names */
	int count, err;         /* count: unacknowledged findings the shortened key names */
} match;

static int prefix_of(const char *p, size_t n, const char *full)
{
	return n >= 7 && full && strlen(full) >= n && !strncmp(p, full, n);
}

static int keep(char **slot, const char *value, match *m)
{
	free(*slot);
	if (!(*slot = strdup(value))) {
		m->err = ov_error_set(OV_ENOMEM, "out of memory");
		return 1;
	}
	return 0;
}

static int match_cb(const ov_ws_finding *f, void *payload)
{
	match *m = payload;
	int exact = !strcmp(f->key, m->key), hit;

	if (m->a)
		hit = !strcmp(f->kind, "rewrite") && prefix_of(m->a, m->na, f->old_id) &&
		      prefix_of(m->b, m->nb, f->new_id);
	else
		hit = !strcmp(f->kind, "commit") && prefix_of(m->key, strlen(m->key), f->key);
	if (!exact && !hit)
		return 0;
	if (f->acknowledged)
		return m->acked ? 0 : keep(&m->acked, f->ack_commit, m);
	if (exact)
		return keep(&m->exact, f->key, m);
	m->count++;
	return keep(&m->found, f->key, m);
}

/* The detail of finding `key` (for the acknowledgement's message). */
static int detail_cb(const ov_ws_finding *f, void *payload)
{
	match *m = payload;

	if (strcmp(f->key, m->exact))
		return 0;
	return keep(&m->found, f->detail, m) ? 1 : 2;
}

typedef struct ack_op {
	const char *actor, *key;
	char *found;
} ack_op;

static int ack_txn(ov_txn *txn, void *payload)
{
	ack_op *op = payload;
	ov_person *admin = NULL;
	match m;
	const char *dots = strstr(op->key, "..");
	char date[11];
	ov_date d;
	int err;

	memset(&m, 0, sizeof(m));
	m.key = op->key;
	if (dots) {
		m.a = op->key;
		m.na = (size_t)(dots - op->key);
		m.b = dots + 2;
		m.nb = strlen(m.b);
	}
	if ((err = load_admin(&admin, txn, op->actor, "acknowledge fsck findings")) < 0 ||
	    (err = ov_resolve_date(&d, date, NULL)) < 0)
		goto done;
	err = ov_ws_findings(txn->ws, 0, match_cb, &m);
	if (m.err < 0)
		err = m.err;
	if (err < 0)
		goto done;
	if (!m.exact && m.count > 1) {
		err = ov_error_set(OV_EINVALID, "'%s' names %d findings: give more digits", op->key,
				   m.count);
		goto done;
	}
	if (!m.exact && m.found) {
		m.exact = m.found;
		m.found = NULL;
	}
	if (!m.exact) {
		err = m.acked ? ov_error_set(OV_ENOTFOUND, "finding '%s' is already acknowledged "
					     "(commit %s)", op->key, m.acked)
			      : ov_error_set(OV_ENOTFOUND, "no finding '%s' to acknowledge (overens "
					     "fsck lists them)", op->key);
		goto done;
	}
	err = ov_ws_findings(txn->ws, 0, detail_cb, &m);
	if (m.err < 0 || err < 0) {
		err = m.err < 0 ? m.err : err;
		goto done;
	}
	if (!(txn->author_name = strdup(admin->name))) {
		err = ov_error_set(OV_ENOMEM, "out of memory");
		goto done;
	}
	txn->allow_empty = 1;
	ov_buf_printf(&txn->message, "fsck: kvittera %s\n\n%s\n\n", m.exact,
		      m.found ? m.found : "");
	ov_msg_trailer(&txn->message, "Event", "fsck-acknowledge");
	ov_msg_trailer(&txn->message, "Finding", m.exact);
	ov_msg_trailer(&txn->message, "Date", date);
	ov_msg_trailer(&txn->message, "Actor", admin->email);
	free(op->found);
	op->found = m.exact;
	m.exact = NULL;
	err = OV_OK;
done:
	ov_person_free(admin);
	free(m.exact);
	free(m.found);
	free(m.acked);
	return err;
}

int ov_fsck_acknowledge(char **out_key, ov_workspace *ws, const char *actor, const char *key)
{
	ack_op op = { actor, key, NULL };
	ov_ws_who who;
	int err;

	if (out_key)
		*out_key = NULL;
	if (!key || !*key)
		return ov_error_set(OV_EINVALID, "name the finding to acknowledge");
	if (!actor || !*actor)
		return ov_error_set(OV_EINVALID,
				    "no acting person: give --as EMAIL or set user.email");
	who_now(&who, actor);
	err = ov_workspace_transact(ws, &who, ack_txn, &op, NULL);
	if (err >= 0 && out_key) {
		*out_key = op.found;
		op.found = NULL;
	}
	free(op.found);
	return err;
}

/* --- the warning ----------------------------------------------------------------- */

typedef struct warn_state {
	ov_workspace *ws;
	ov_buf first;
	size_t n;
	int err;
} warn_state;

static int warn_cb(const ov_ws_finding *f, void *payload)
{
	warn_state *w = payload;
	int holds = 1;

	/* A tag made after its sign commit was indexed is no finding any more. */
	if (!strncmp(f->kind, "tag-", 4) &&
	    (w->err = ov_ws_finding_holds(&holds, w->ws, f)) < 0)
		return 1;
	if (!holds)
		return 0;
	if (w->n++)
		return 0;
	if (!strcmp(f->kind, "rewrite"))
		w->err = ov_buf_printf(&w->first, "historiken för main har skrivits om utanför "
				       "Överens (%.12s..%.12s)", f->old_id, f->new_id);
	else if (!strcmp(f->kind, "commit"))
		w->err = ov_buf_printf(&w->first, "commit %.12s stämmer inte med sina trailers",
				       f->commit);
	else if (!strcmp(f->kind, "tag-missing"))
		w->err = ov_buf_printf(&w->first, "taggen %s för en undertecknad version saknas",
				       f->key);
	else
		w->err = ov_buf_printf(&w->first, "taggen %s pekar inte på den frysta texten",
				       f->key);
	return w->err < 0 ? 1 : 0;
}

int ov_fsck_warning(char **out, ov_workspace *ws)
{
	warn_state w = { ws, OV_BUF_INIT, 0, OV_OK };
	ov_buf line = OV_BUF_INIT;
	int err;

	*out = NULL;
	err = ov_ws_findings(ws, 1, warn_cb, &w);
	if (w.err < 0)
		err = w.err;
	if (err >= 0 && w.n) {
		err = ov_buf_printf(&line, "varning: %s", w.first.ptr);
		if (err >= 0 && w.n > 1)
			err = ov_buf_printf(&line, " och %zu avvikelse%s till", w.n - 1,
					    w.n > 2 ? "r" : "");
		if (err >= 0)
			err = ov_buf_puts(&line, "; kör 'overens fsck'");
		if (err >= 0)
			*out = ov_buf_detach(&line);
	}
	ov_buf_dispose(&w.first);
	ov_buf_dispose(&line);
	return err < 0 ? err : OV_OK;
}

/* Set once by the client at start-up. */
static ov_fsck_warn_fn warn_fn;

static void warn_on_open(ov_workspace *ws)
{
	char *msg = NULL;

	if (ov_fsck_warning(&msg, ws) < 0)
		ov_error_clear(); /* a warning that cannot be read must not stop the command */
	else if (msg && warn_fn)
		warn_fn(msg);
	free(msg);
}

void ov_fsck_on_warning(ov_fsck_warn_fn fn)
{
	warn_fn = fn;
	ov_workspace_set_open_hook(fn ? warn_on_open : NULL);
}
