/*
 * workspace.h - a workspace: the bare git repository (source of truth), the
 * SQLite index beside it, the settings file and the writers' lock.
 *
 *   DIR/repo.git      bare repository, branch main
 *   DIR/index.sqlite  the index (derived; rebuilt from git whenever in doubt)
 *   DIR/config        settings (git-config syntax: user.email, render.font …)
 *   DIR/lock          flock()ed by every writer
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
 *   one SQLite transaction: apply commits H..C (events, documents, the
 *   history audit of audit.h), meta.git_head = C
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

#include "overens/buf.h"
#include "overens/workspace.h"
#include "store/index.h"
#include "store/repo.h"

#define OV_TXN_MAX_FILES 8
#define OV_TXN_MAX_TAGS 4

struct ov_workspace {
	char *dir, *repo_path, *index_path, *config_path, *lock_path, *datadir;
	ov_repo *repo;
	ov_index *index;
	int lock_fd;
	int locked;
	int reflog_checked;  /* ov_repo_ensure_reflog done in this process */
};

/* A tag the transaction creates (see ov_txn_tag). */
typedef struct ov_txn_tagreq {
	char *name, *message;
	char target[41];      /* "" = the transaction's new commit */
} ov_txn_tagreq;

typedef struct ov_txn {
	ov_workspace *ws;
	char head[41];
	ov_repo_file files[OV_TXN_MAX_FILES];
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
int ov_workspace_transact(ov_workspace *ws, const ov_repo_who *who, ov_txn_fn fn,
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
 * txn-tag-written, txn-ref-moved, txn-index-written; engine/signing/sign.c has
 * sign-pdf-made (the signed PDF made, nothing committed).  Implemented in
 * store/fault.c.
 */
void ov_fault_point(const char *name);

/* Path of a data file: "<datadir>/<sub>" (free()). */
char *ov_workspace_data_path(ov_workspace *ws, const char *sub);

/* Git path of an agreement's document. */
int ov_agreement_path(ov_buf *out, const char *id, const char *file);

#endif
