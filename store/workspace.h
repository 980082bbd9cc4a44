/*
 * workspace.h - a workspace: the bare git repository (source of truth), the
 * SQLite index beside it, the settings file and the writers' lock.  This
 * header is the engine's one door to the store: the engine includes no
 * other store header, holds an ov_workspace only by pointer (the struct is
 * defined in workspace.c) and sees no git object, SQLite handle or SQL
 * statement (scripts/check-layers.sh checks the includes and the SQL).
 *
 *   DIR/repo.git      bare repository, branch main
 *   DIR/index.sqlite  the index (derived; rebuilt from git whenever in doubt)
 *   DIR/config        settings (git-config syntax: user.email, render.font …)
 *   DIR/lock          flock()ed by every writer
 *   DIR/<name>.lock   flock()ed by a long job that runs once at a time
 *                     (ov_ws_hold: `overens remind`), not by writers
 *   DIR/<name>        private files of the engine, mode 0600, never in git
 *                     (DIR/accounts: see ov_ws_private_update)
 *
 * What goes through the door:
 *
 *          engine                            store
 *   ───────────────────────           ─────────────────────────────────
 *   ov_ws_indexer (given to   ──────► called while the index follows git
 *   ov_ws_open by the public          (each commit and each changed
 *   ov_workspace_open,                agreement.xml; and a rebuild, from
 *   engine/lifecycle/indexer.c):      git alone): plain rows into SQLite
 *   agreement XML → ov_ws_agreement_row,
 *   commit → ov_ws_event,
 *   the history audit's commit
 *   rules (audit_rules.c):
 *   commit + changed paths → findings,
 *   acknowledgements, signed versions
 *
 *   reads of git              ──────► ov_ws_head, ov_ws_read, ov_ws_list,
 *                                     ov_ws_tag_target, ov_ws_commit_tree,
 *                                     ov_ws_resolve, ov_ws_diff_lines,
 *                                     ov_ws_bundle
 *   questions to the index    ──────► ov_ws_list_agreements(_for),
 *                                     ov_ws_count_agreements,
 *                                     ov_ws_agreement_party, ov_ws_due,
 *                                     ov_ws_events, ov_ws_max_seq,
 *                                     ov_ws_findings, ov_ws_finding_holds,
 *                                     ov_ws_signed_version
 *   every write               ──────► ov_workspace_transact: files,
 *                                     message and version tags (ov_txn_tag)
 *                                     in one commit, under the lock
 *   private files (accounts)  ──────► ov_ws_private_read/_update: DIR/<name>
 *                                     beside the repository, never in git
 *                                     (store/private.c)
 *
 * The store knows git's generic shapes (files, commits, "Key: value"
 * trailers) and the SQLite schema; what an agreement document, an event or
 * a well-formed commit means is the engine's, handed over as rows and as
 * the history audit's findings (store/audit.c keeps the mechanics: moves
 * of main, tags, storage).
 *
 * The write protocol, for every command that changes anything:
 *
 *   lock DIR/lock ──► bring the index up to git's head (sync)
 *        │
 *        ▼
 *   read head H ──► build the change (txn callback: files, message, tags)
 *        │
 *        ▼
 *   write blobs, trees, commit C (parent H)           no ref moved yet
 *        │                                ◄── fault point txn-objects-written
 *        ▼
 *   create the requested tags (annotated, tagger = the txn's author);
 *   a tag that exists with the same target is kept, one with another
 *   target refuses the whole transaction (OV_ECONFLICT)
 *        │                                ◄── fault point txn-tag-written
 *        ▼
 *   compare-and-swap of main: H -> C (reflog line "commit: ...")
 *        │                                ◄── fault point txn-ref-moved
 *        ▼
 *   one SQLite transaction: apply commits H..C (the indexer's event and
 *   agreement rows, the history audit of audit.h), meta.git_head = C
 *        │                                ◄── fault point txn-index-written
 *        ▼
 *   unlock
 *
 * The ref update is the commit point.  A crash before it leaves only
 * dangling objects, plus the tags already made: they name commits that
 * exist (the new commit itself only when the callback asked for it), and
 * a retry of the same change finds them with the same target and keeps
 * them, so a crash at any instant leaves the change either not made (with
 * at most a tag that the retry reuses) or made with its tags.  When the
 * compare-and-swap loses against a writer outside the lock, the tags this
 * attempt made are deleted before the change is rebuilt on the new head.
 * A crash after the ref update but before the SQLite transaction leaves
 * the index behind git, which the next open detects (meta.git_head
 * differs from main) and repairs by applying the missing commits, or by a
 * full rebuild when the recorded head is not an ancestor of main.
 *
 * Every open also compares main and its reflog with what the index last
 * saw (cheaply: a head id and a file size); when either changed it reads
 * the new reflog lines and records moves that are not fast-forwards (see
 * audit.h), which every command then reports as a warning until an admin
 * acknowledges them (`overens fsck`).
 */
#ifndef OV_WORKSPACE_H
#define OV_WORKSPACE_H

#include <stddef.h>

#include "overens/buf.h"
#include "overens/workspace.h"

/* --- the shapes that cross the door --------------------------------------- */

/* Author, committer or tagger of what a transaction writes. */
typedef struct ov_ws_who {
	const char *name, *email;
	long long when;       /* seconds since epoch */
	int offset_minutes;   /* e.g. +60 / +120 for Swedish time */
} ov_ws_who;

/* One file of a commit. */
typedef struct ov_ws_file {
	const char *path;    /* e.g. "agreements/3f/2026-0001/agreement.xml" */
	const void *data;    /* NULL = delete the path */
	size_t len;
} ov_ws_file;

/*
 * A commit as git holds it (for ov_ws_indexer.event).  Every pointer is
 * valid only during the call.
 */
typedef struct ov_ws_commit {
	const char *id;               /* hex */
	const char *author_name, *author_email;
	long long when; int offset_minutes;
	const char *message;          /* full message */
	const char *summary;          /* first line */
	const char *parent;           /* hex id of the first parent, "" for a root commit */
	size_t nparents;
	size_t ntrailers;
	const char *const *trailer_keys;   /* "Key: value" lines of the last paragraph */
	const char *const *trailer_values;
} ov_ws_commit;

/* The value of trailer `key` of `c` (case ignored; the last one when repeated), or NULL. */
const char *ov_ws_trailer(const ov_ws_commit *c, const char *key);
/* Appends the body of `c`'s message: between the summary and the trailer paragraph. */
int ov_ws_commit_body(ov_buf *out, const ov_ws_commit *c);
/* Appends `c`'s trailers as "Key: value\n" lines. */
int ov_ws_commit_trailers(ov_buf *out, const ov_ws_commit *c);

/*
 * An event of the index: one commit that concerns an agreement.  Written
 * by ov_ws_indexer.event, read back by ov_ws_events (which leaves
 * `agreement` NULL).  Strings may be NULL (read as "" when written).
 */
typedef struct ov_ws_event {
	const char *agreement, *commit, *event, *actor, *actor_name, *date;
	const char *summary, *body, *phase_from, *phase_to, *trailers;
	long long when;
	int offset;
} ov_ws_event;

/* What the index keeps of an agreement document (see ov_ws_indexer). */
typedef struct ov_ws_row_date {
	const char *value, *kind, *label;   /* value and kind required; label NULL = kind */
} ov_ws_row_date;
typedef struct ov_ws_row_party {
	const char *role, *name, *orgnr;     /* role required; others may be NULL */
} ov_ws_row_party;
typedef struct ov_ws_agreement_row {
	const char *id, *workflow;           /* required */
	const char *title, *kind, *phase, *since;
	int version;
	const char *term_start, *term_end;   /* NULL when absent */
	const ov_ws_row_date *dates;
	size_t ndates;
	const ov_ws_row_party *parties;
	size_t nparties;
} ov_ws_agreement_row;

typedef int (*ov_ws_agreement_emit)(const ov_ws_agreement_row *row, void *payload);
typedef int (*ov_ws_event_emit)(const ov_ws_event *ev, void *payload);

/*
 * One commit before the history audit's rules (ov_ws_indexer.audit): the
 * commit, the paths it changes against its first parent (every file of a
 * root commit), in git's order, and the store's functions the rules use
 * to read the parent and to report what they conclude.  Every pointer is
 * valid only during the call; each function returns 0 or a negative
 * OV_E* code (with ov_error_set), which the rules return unchanged.
 */
typedef struct ov_ws_audit ov_ws_audit;
struct ov_ws_audit {
	const ov_ws_commit *commit;
	const char *const *paths;
	size_t npaths;

	/* Appends `path` as of the first parent; OV_ENOTFOUND when absent or a root commit. */
	int (*read_parent)(const ov_ws_audit *a, ov_buf *out, const char *path);
	/* Id of agreement `agreement`'s last event before this commit; "" when none. */
	int (*last_event)(const ov_ws_audit *a, char out[41], const char *agreement);
	/* This commit acknowledges finding `key`, made by `actor`. */
	int (*acknowledge)(const ov_ws_audit *a, const char *key, const char *actor);
	/*
	 * This commit is the first digital signature of version `version` of
	 * `agreement`: tag `tag` must exist and name commit `target` (a "tag-missing"
	 * or "tag-moved" finding otherwise, keyed by the tag's name).  Only the
	 * first report of a version counts.
	 */
	int (*signed_version)(const ov_ws_audit *a, const char *agreement, int version,
			      const char *tag, const char *target);
	/*
	 * This commit's trailers and changes disagree: a "commit" finding keyed
	 * by its id, about `agreement` (may be NULL), with `detail` (one line).
	 */
	int (*finding)(const ov_ws_audit *a, const char *agreement, const char *detail);
	void *store;   /* the store's own, for the functions above */
};

/*
 * What the engine tells the store to index, given at ov_ws_open and kept
 * (it must outlive the workspace).  The store calls:
 *
 *   agreement  for each agreement document (agreements/<s>/<id>/agreement.xml)
 *              added or changed: its bytes, to be turned into exactly one
 *              row passed to emit(row, emit_payload), whose return is
 *              returned;
 *   event      for each new commit on main, oldest first: emit at most one
 *              event row (none for a commit that concerns no agreement);
 *   audit      (NULL: none) for each new commit on main, oldest first and
 *              just before its event: the history audit's rules for a
 *              commit, which report findings, acknowledgements and signed
 *              versions through `a` (see ov_ws_audit).
 *
 * All run inside the index's SQLite transaction; an error (negative, with
 * ov_error_set) rolls it back.  A rebuild (ov_workspace_reindex) calls them
 * for all of git, so the rows depend on git alone.
 */
typedef struct ov_ws_indexer {
	int (*agreement)(const char *path, const void *xml, size_t len,
			 ov_ws_agreement_emit emit, void *emit_payload);
	int (*event)(const ov_ws_commit *c, ov_ws_event_emit emit, void *emit_payload);
	int (*audit)(const ov_ws_audit *a);
} ov_ws_indexer;

/*
 * Opens the workspace in `dir` (OV_ENOWS when there is none) with the
 * engine's indexer, bringing a stale or damaged index up to date first.
 * The public ov_workspace_open is the engine's call of this.
 */
int ov_ws_open(ov_workspace **out, const char *dir, const ov_ws_indexer *indexer);

/* --- reading git ---------------------------------------------------------- */

/*
 * Revisions (`rev`): a 40-digit commit id, a tag name, a branch name, a
 * full ref name or an abbreviated commit id; NULL means main, "" the empty
 * history.  Commit ids are 40 lower-case hex digits plus a NUL.
 */

/* Hex id of main into out; "" when the branch has no commit. */
int ov_ws_head(char out[41], ov_workspace *ws);

/*
 * Appends the contents of `path` at `rev` to `out` (binary-safe).
 * OV_ENOTFOUND when the revision or the file is absent.
 */
int ov_ws_read(ov_buf *out, ov_workspace *ws, const char *rev, const char *path);

/* A path callback: a non-zero return stops the iteration and is returned. */
typedef int (*ov_ws_path_cb)(const char *path, void *payload);

/*
 * Calls cb for each file under folder `dir` (recursively) at `rev`, paths
 * from the root.  OV_ENOTFOUND when `dir` is not a folder at `rev`.
 */
int ov_ws_list(ov_workspace *ws, const char *rev, const char *dir, ov_ws_path_cb cb,
	       void *payload);

/* Id of the commit tag `name` points to; OV_ENOTFOUND if there is no such tag. */
int ov_ws_tag_target(char out[41], ov_workspace *ws, const char *name);

/* The hex id of the tree of commit `rev`. */
int ov_ws_commit_tree(char out[41], ov_workspace *ws, const char *rev);

/*
 * The full id of the commit `rev` names (a commit id or its prefix, a tag,
 * a branch) and its time in seconds since the epoch.  OV_ENOTFOUND when
 * it names nothing, OV_EINVALID when it is ambiguous or no commit.
 */
int ov_ws_resolve(char out[41], long long *when, ov_workspace *ws, const char *rev);

/*
 * A run of changed lines found by ov_ws_diff_lines: after `old_before`
 * lines of the old text (`new_before` of the new), `old_lines` lines were
 * taken out and `new_lines` put in.  Non-zero stops the comparison.
 */
typedef int (*ov_ws_hunk_cb)(size_t old_before, size_t old_lines, size_t new_before,
			     size_t new_lines, void *payload);

/*
 * Compares texts `a` and `b` line by line (libgit2's diff; one word a line
 * gives a word diff) and calls `cb` for each run of changes in order; the
 * lines between runs are equal.  Returns cb's non-zero value if it stops.
 */
int ov_ws_diff_lines(ov_workspace *ws, const char *a, size_t alen, const char *b, size_t blen,
		     ov_ws_hunk_cb cb, void *payload);

/*
 * Appends a git bundle (v2, as `git bundle create` writes it) of the refs
 * `refs` (full names, the first one also as HEAD) to `out`: the whole
 * history they reach, with the annotated tags' objects, no prerequisites.
 * Written with libgit2's pack builder: no git command is run.
 */
int ov_ws_bundle(ov_buf *out, ov_workspace *ws, const char *const *refs, size_t n);

/* --- asking the index ----------------------------------------------------- */

/*
 * The index follows git's head (every open and every transaction bring it
 * up to date).  The row callbacks below get strings valid during the call
 * only, NULL for a value the index does not have; a non-zero return stops
 * the query and is returned.
 */

/* An agreement with its next date on or after a day. */
typedef struct ov_ws_list_row {
	const char *id, *title, *workflow, *phase;
	int version;
	const char *next_date, *next_label;  /* NULL when no date lies ahead */
	int dated;                           /* 1 when the index holds dates of it at all */
} ov_ws_list_row;
typedef int (*ov_ws_list_cb)(const ov_ws_list_row *r, void *payload);

/* Every agreement by id, with its first date on or after `today` (YYYY-MM-DD). */
int ov_ws_list_agreements(ov_workspace *ws, const char *today, ov_ws_list_cb cb,
			  void *payload);

/*
 * The agreements that have indexed dates, all before `day`, in no order (their
 * next_date is NULL): those whose term may have ended, or renewed tacitly
 * past the dates indexed.  An index range: as fast with 100,000 agreements
 * as with 100 when few are so.
 */
int ov_ws_list_dated_before(ov_workspace *ws, const char *day, ov_ws_list_cb cb,
			    void *payload);

/*
 * The agreements organisation `orgnr` ("NNNNNN-NNNN") is a party to (every
 * agreement when NULL), by id, as ov_ws_list_agreements gives them: `limit`
 * rows (0 = all) from row `offset`.  Fast with many agreements: the index
 * keeps the parties by organisation number.
 */
int ov_ws_list_agreements_for(ov_workspace *ws, const char *orgnr, const char *today,
			      size_t limit, size_t offset, ov_ws_list_cb cb, void *payload);
/* How many agreements `orgnr` is a party to (every agreement when NULL). */
int ov_ws_count_agreements(size_t *out, ov_workspace *ws, const char *orgnr);
/*
 * *party = 1 when organisation `orgnr` is a party to agreement `id`, else 0;
 * OV_ENOTFOUND when the index has no such agreement.
 */
int ov_ws_agreement_party(int *party, ov_workspace *ws, const char *id, const char *orgnr);

/* A date of an agreement. */
typedef struct ov_ws_due_row {
	const char *date, *kind, *label, *agreement, *title;
} ov_ws_due_row;
typedef int (*ov_ws_due_cb)(const ov_ws_due_row *r, void *payload);

/* Every date in [from, to] (YYYY-MM-DD), by date, agreement and kind. */
int ov_ws_due(ov_workspace *ws, const char *from, const char *to, ov_ws_due_cb cb,
	      void *payload);

/*
 * A cache of what passed a slow check (a definition file against its
 * schema), kept in the index: the bytes of the file and of the schema, and
 * a short key to find them by (a schema is kept once, under schema_key).
 * *known = 1 when an entry has `key` and both byte strings equal the
 * entry's, so a changed file or schema is checked again whatever its key.
 * The cache is derived data: a rebuilt index starts it empty, and it keeps
 * the most recently noted entries only.
 */
typedef struct ov_ws_valid_entry {
	const char *key;
	const char *schema_key;
	const void *doc;
	size_t doc_len;
	const void *schema;
	size_t schema_len;
} ov_ws_valid_entry;

int ov_ws_valid_known(int *known, ov_workspace *ws, const ov_ws_valid_entry *e);
int ov_ws_note_valid(ov_workspace *ws, const ov_ws_valid_entry *e);

typedef int (*ov_ws_event_cb)(const ov_ws_event *ev, void *payload);

/* The events of agreement `id`, in history order. */
int ov_ws_events(ov_workspace *ws, const char *id, ov_ws_event_cb cb, void *payload);

/* The highest sequence number used in agreement ids of `year` (0 if none). */
int ov_ws_max_seq(int *out, ov_workspace *ws, int year);

/*
 * A finding of the history audit (store/audit.c), by key: "OLD..NEW" for a
 * move of main that is not a fast-forward, a commit id for a commit whose
 * trailers do not match its changes (the engine's rules, see ov_ws_audit),
 * the tag's name ("<id>-v<N>") for a signed version's tag.  When read back, the acknowledgement (if any) is filled in.
 */
typedef struct ov_ws_finding {
	const char *key, *kind;          /* kind: rewrite, commit, tag-missing, tag-moved */
	const char *old_id, *new_id;     /* rewrite */
	const char *commit;              /* commit: the commit; tags: the sign event */
	const char *agreement;           /* tags */
	int version;                     /* tags */
	long long when;                  /* when it happened (or was seen) */
	const char *detail;              /* Swedish, one line */
	int acknowledged;
	const char *ack_commit, *ack_actor;
	long long ack_when;
} ov_ws_finding;
typedef int (*ov_ws_finding_cb)(const ov_ws_finding *f, void *payload);

/* Calls cb for every finding (only unacknowledged ones if `open_only`), oldest first. */
int ov_ws_findings(ov_workspace *ws, int open_only, ov_ws_finding_cb cb, void *payload);

/* Whether tag finding `f` still holds (its tag still missing or elsewhere): 1 or 0. */
int ov_ws_finding_holds(int *holds, ov_workspace *ws, const ov_ws_finding *f);

/* The first digital signature of a version: its sign event and its tag's target. */
typedef struct ov_ws_signed {
	char sign_commit[41], target[41];
} ov_ws_signed;
/* OV_ENOTFOUND when version `version` of `agreement` was never signed digitally. */
int ov_ws_signed_version(ov_ws_signed *out, ov_workspace *ws, const char *agreement,
			 int version);

/* --- writing: the transaction --------------------------------------------- */

#define OV_TXN_MAX_FILES 8
#define OV_TXN_MAX_TAGS 4

/* A tag the transaction creates (see ov_txn_tag). */
typedef struct ov_txn_tagreq {
	char *name, *message;
	char target[41];      /* "" = the transaction's new commit */
} ov_txn_tagreq;

typedef struct ov_txn {
	ov_workspace *ws;
	char head[41];
	ov_ws_file files[OV_TXN_MAX_FILES];
	ov_buf data[OV_TXN_MAX_FILES];
	size_t nfiles;
	ov_buf message;
	char *author_name;  /* set by the callback: the acting person's name */
	ov_txn_tagreq tags[OV_TXN_MAX_TAGS];
	size_t ntags;
	int allow_empty;    /* set by the callback: commit even without files */
} ov_txn;

/* Contents of `path` as of the transaction's base commit (or as written in it). */
int ov_txn_read(ov_buf *out, ov_txn *txn, const char *path);
/* Adds or replaces `path` in the commit being built (the data is copied). */
int ov_txn_write(ov_txn *txn, const char *path, const void *data, size_t len);

/* Removes `path` in the commit being built. */
int ov_txn_delete(ov_txn *txn, const char *path);

/*
 * Asks for the annotated tag `name` on `target_commit` (40 hex digits, a
 * commit in the history of the commit being built; NULL = that commit
 * itself) with `message` (NULL: the name), created with the commit as the
 * protocol above draws: after the commit object, before main moves, tagger
 * = the transaction's author.  A tag that already exists with the same
 * target is fine (the commit is made, the tag kept); one with another
 * target makes ov_workspace_transact fail with OV_ECONFLICT and nothing
 * moves.  OV_EINVALID for a name git does not accept, a malformed target,
 * the same name asked twice with different targets, or more than
 * OV_TXN_MAX_TAGS tags.
 */
int ov_txn_tag(ov_txn *txn, const char *name, const char *target_commit, const char *message);

typedef int (*ov_txn_fn)(ov_txn *txn, void *payload);

/*
 * Runs the write protocol above: `fn` fills the transaction (files,
 * message, tags) from the current head; when it returns an error nothing
 * is written.  `fn` may be called again (with the transaction emptied)
 * when a writer outside the lock moved main meanwhile.  A transaction
 * without files is refused unless `fn` set allow_empty.  `out_commit`
 * (may be NULL) receives the new commit id.
 */
int ov_workspace_transact(ov_workspace *ws, const ov_ws_who *who, ov_txn_fn fn,
			  void *payload, char out_commit[41]);

/*
 * Called at the end of every successful ov_workspace_open in the process
 * (the tool prints its warnings there); NULL for none, the default.  Set it
 * once at start-up, before any workspace is opened.
 */
typedef void (*ov_workspace_open_hook)(ov_workspace *ws);
void ov_workspace_set_open_hook(ov_workspace_open_hook fn);

/*
 * A fault injection point for crash tests: when the environment variable
 * OVERENS_FAULT equals `name` (read once per process), the process kills
 * itself here with SIGKILL, as a power cut would stop it.  Points of the
 * write protocol (store/workspace.c): txn-objects-written,
 * txn-tag-written, txn-ref-moved, txn-index-written; of an index rebuild
 * (reindex, fsck, the repair of a damaged index): rebuild-written (the new
 * file complete beside the old), rebuild-old-removed (no index file at
 * all), rebuild-renamed; engine/signing/sign.c has sign-pdf-made (the
 * signed PDF made, nothing committed).  Implemented in store/fault.c.
 */
void ov_fault_point(const char *name);

/* --- private files beside the repository ---------------------------------- */

/*
 * Small files of the engine's own that must never reach git (the accounts:
 * password hashes, token digests): DIR/<name>, mode 0600, `name` of the
 * letters a-z only.  The store knows nothing of their format.
 *
 * ov_ws_private_read appends the file to `out` (OV_ENOTFOUND when absent).
 * Without the lock: a writer replaces the file by rename, so a reader sees
 * the old content or the new, never half of it.
 *
 * ov_ws_private_update takes the workspace lock, reads the file into a
 * buffer (empty when absent), calls fn(content, payload), which rewrites
 * the buffer in place, and when fn returns 0 (OV_OK) writes the buffer
 * back atomically (a temporary file with O_NOFOLLOW and mode 0600, fsync,
 * rename, fsync of DIR), then unlocks.  A negative return of fn is
 * returned and nothing is written; a positive one is returned too, also
 * without a write (fn's "nothing changed").  fn runs under the lock: it
 * must not open a transaction on the same workspace from another handle.
 *
 * The lock is flock() on DIR/lock through this handle's own descriptor,
 * so several threads of one process, each with its OWN ov_workspace, may
 * call these at once: their updates follow one another.  One handle must
 * not be shared between threads.
 */
int ov_ws_private_read(ov_buf *out, ov_workspace *ws, const char *name);
typedef int (*ov_ws_private_fn)(ov_buf *content, void *payload);
int ov_ws_private_update(ov_workspace *ws, const char *name, ov_ws_private_fn fn,
			 void *payload);

/*
 * A hold: flock() on DIR/<name>.lock (`name` as a private file's), taken
 * by a job that must not run twice at once but must not stop the writers
 * while it runs either (remind sends mail for minutes at worst).  It waits
 * until any other holder lets go.  A hold is independent of the workspace
 * lock: a holder may call ov_ws_private_update and transactions.  The
 * kernel releases it when the process dies.  ov_ws_hold_release (NULL-safe)
 * lets go and frees it.
 */
typedef struct ov_ws_hold ov_ws_hold;
int ov_ws_hold_take(ov_ws_hold **out, ov_workspace *ws, const char *name);
void ov_ws_hold_release(ov_ws_hold *h);

/* Path of a data file: "<datadir>/<sub>" (free()). */
char *ov_workspace_data_path(ov_workspace *ws, const char *sub);

/* Git path of an agreement's document. */
int ov_agreement_path(ov_buf *out, const char *id, const char *file);

#endif
