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
 *   read head H ──► build the change (txn callback) ──► git commit on H
 *        │                                   (compare-and-swap of main: H -> C)
 *        ▼
 *   one SQLite transaction: apply commits H..C, meta.git_head = C
 *        │
 *        ▼
 *   unlock
 *
 * The ref update is the commit point.  A crash before it leaves only
 * dangling objects; a crash after it but before the SQLite transaction
 * leaves the index behind git, which the next open detects (meta.git_head
 * differs from main) and repairs by applying the missing commits, or by a
 * full rebuild when the recorded head is not an ancestor of main.
 */
#ifndef OV_WORKSPACE_H
#define OV_WORKSPACE_H

#include "overens/buf.h"
#include "overens/workspace.h"
#include "index.h"
#include "repo.h"

#define OV_TXN_MAX_FILES 8

struct ov_workspace {
	char *dir, *repo_path, *index_path, *config_path, *lock_path, *datadir;
	ov_repo *repo;
	ov_index *index;
	int lock_fd;
	int locked;
};

typedef struct ov_txn {
	ov_workspace *ws;
	char head[41];
	ov_repo_file files[OV_TXN_MAX_FILES];
	ov_buf data[OV_TXN_MAX_FILES];
	size_t nfiles;
	ov_buf message;
	char *author_name;  /* set by the callback: the acting person's name */
} ov_txn;

/* Contents of `path` as of the transaction's base commit (or as written in it). */
int ov_txn_read(ov_buf *out, ov_txn *txn, const char *path);
/* Adds or replaces `path` in the commit being built (the data is copied). */
int ov_txn_write(ov_txn *txn, const char *path, const void *data, size_t len);

/* Removes `path` in the commit being built. */
int ov_txn_delete(ov_txn *txn, const char *path);

typedef int (*ov_txn_fn)(ov_txn *txn, void *payload);

/*
 * Runs the write protocol above: `fn` fills the transaction (files and
 * message) from the current head; when it returns an error nothing is
 * written.  `out_commit` (may be NULL) receives the new commit id.
 */
int ov_workspace_transact(ov_workspace *ws, const ov_repo_who *who, ov_txn_fn fn,
			  void *payload, char out_commit[41]);

/* Path of a data file: "<datadir>/<sub>" (free()). */
char *ov_workspace_data_path(ov_workspace *ws, const char *sub);

/* Git path of an agreement's document. */
int ov_agreement_path(ov_buf *out, const char *id, const char *file);

#endif
