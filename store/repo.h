/*
 * repo.h - the git store: a bare repository that holds every version of
 * every agreement and every event as commits on refs/heads/main.
 *
 * The repository is the source of truth; the SQLite index is derived from
 * it.  Nothing here has a working tree: files are read straight from trees
 * and commits are built from the parent's tree with only the touched
 * folders rewritten, so the cost of a read or a commit does not grow with
 * the number of agreements.
 *
 * Writers race on main with a compare-and-swap: ov_repo_commit names the
 * head it built on and fails with OV_ECONFLICT when main has moved (or
 * another writer holds its lock); the caller re-reads the head, rebuilds
 * its change and tries again.  Objects from a lost race stay dangling until
 * git gc prunes them.  Ref moves are recorded in the reflog
 * (core.logAllRefUpdates = always, never expired) with the committer as
 * identity, and writes to the gitdir are fsynced.
 *
 * Revisions (`rev` below) are a 40-digit commit id, a tag name, a branch
 * name, a full ref name ("refs/..."), or an abbreviated commit id of at least
 * four hex digits.  NULL means main; "" means no commit at all (the empty
 * history, as ov_repo_head reports for a new repository), whose tree is
 * empty.  Commit ids are returned as 40 lower-case hex digits plus a NUL.
 *
 * An ov_repo belongs to one thread at a time; use one per thread or process.
 * Opening a repository initialises libgit2 and freeing it releases that
 * reference, so libgit2 is ready whenever an ov_repo is open.
 */
#ifndef OV_REPO_H
#define OV_REPO_H

#include <stddef.h>

#include "overens/buf.h"
#include "store/workspace.h"

typedef struct ov_repo ov_repo;

/*
 * Creates a bare repository at `path` (creating missing parent folders):
 * HEAD -> refs/heads/main (no commit yet) and the reflog settings of
 * ov_repo_ensure_reflog.  OV_EEXISTS when a repository is already there,
 * or `path` is a folder that is not empty.
 */
int ov_repo_init(const char *path);

/*
 * Makes git keep a reflog of every ref update forever, whoever makes it
 * (libgit2 or the git tool): core.logAllRefUpdates = always,
 * gc.reflogExpire = gc.reflogExpireUnreachable = never in the
 * repository's own config.  Writes the config only when a value differs
 * (repositories made before these settings).
 */
int ov_repo_ensure_reflog(ov_repo *repo);

/*
 * Opens the bare repository at `path` (no search in parent folders).
 * OV_ENOTFOUND when there is no repository there, OV_EINVALID when it has a
 * working tree.  Free *out with ov_repo_free.
 */
int ov_repo_open(ov_repo **out, const char *path);

/*
 * Initialises libgit2 and opens the repository if that has not happened
 * yet (ov_repo_open does neither: see repo.c).  For a caller of libgit2
 * outside repo.c (the settings file).
 */
int ov_repo_use(ov_repo *repo);

/* Closes the repository. NULL-safe. */
void ov_repo_free(ov_repo *repo);
/*
 * Between operations: lets go of the git handle when a gc (of any process)
 * changed the packs since it was opened; the next call opens it again.
 */
void ov_repo_refresh(ov_repo *repo);

/* The repository's folder, absolute (ends in '/'); owned by repo. */
const char *ov_repo_path(ov_repo *repo);

/* Hex id of refs/heads/main into out; "" when the branch has no commit. */
int ov_repo_head(char out[41], ov_repo *repo);

/*
 * The full id of the commit `rev` names (see above).  OV_ENOTFOUND when it
 * names nothing (also for "", or NULL while main has no commit),
 * OV_EINVALID when it is ambiguous or names something that is not a commit.
 */
int ov_repo_resolve(char out[41], ov_repo *repo, const char *rev);

/* ov_repo_resolve, and the commit's time (seconds since the epoch) in *when. */
int ov_repo_resolve_time(char out[41], long long *when, ov_repo *repo, const char *rev);

/*
 * Called for each run of changed lines: `old_before` lines of the old text
 * (and `new_before` of the new) come before it, `old_lines` are taken out
 * and `new_lines` put in.  Lines outside the runs are the same in both,
 * in order.  A non-zero return stops the comparison and is returned.
 */
typedef int (*ov_repo_hunk_cb)(size_t old_before, size_t old_lines, size_t new_before,
			       size_t new_lines, void *payload);

/*
 * Compares texts `a` and `b` line by line with libgit2's diff (patience,
 * no context) and calls `cb` for each run of changed lines, in order.
 */
int ov_repo_diff_lines(ov_repo *repo, const char *a, size_t alen, const char *b, size_t blen,
		       ov_repo_hunk_cb cb, void *payload);

/*
 * The hex id of the tree of commit `rev` into out (see ov_repo_resolve for
 * the errors).
 */
int ov_repo_commit_tree(char out[41], ov_repo *repo, const char *rev);

/*
 * Appends the contents of `path` at `rev` to `out` (binary-safe: use
 * out->size).  OV_ENOTFOUND when the revision or the file is absent,
 * OV_EINVALID when `path` is a folder or not a valid path.
 */
int ov_repo_read(ov_buf *out, ov_repo *repo, const char *rev, const char *path);

/* A file of a commit and its author: the shapes of the door (workspace.h). */
typedef ov_ws_file ov_repo_file;
typedef ov_ws_who ov_repo_who;

/*
 * Makes one commit on refs/heads/main whose tree is the tree of
 * `expected_head` (the empty tree when it is "" or NULL) with `files`
 * applied, author = committer = `who`, and `message` as given (a trailing
 * newline is added when missing).  The new id goes to out_id.
 *
 * Files: paths are relative, '/'-separated, without empty, ".", ".." or
 * ".git" parts; each path appears once, and no path may lie inside another
 * path of the same call.  A file with data == NULL is deleted (a folder
 * path deletes the folder); deleting a path that is not there is
 * OV_ENOTFOUND.  Writing a file where a folder is (or the reverse) is
 * OV_EINVALID.  Folders left empty disappear.
 *
 * The ref update is a compare-and-swap: when main is no longer
 * `expected_head`, or another writer holds main's lock, returns
 * OV_ECONFLICT and moves no ref (objects already written stay dangling).
 * Re-read the head, rebuild the change on it and call again.
 */
int ov_repo_commit(char out_id[41], ov_repo *repo, const char *expected_head,
		   const ov_repo_file *files, size_t nfiles, const ov_repo_who *who,
		   const char *message);

/*
 * The two halves of ov_repo_commit, for callers that must do something
 * between them (the workspace creates tags there):
 *
 * ov_repo_commit_object writes the blobs, trees and the commit object on
 * `parent` ("" or NULL: a root commit) and moves no ref; the objects stay
 * dangling until a ref names them.
 *
 * ov_repo_move_main is the compare-and-swap of main from `expected_head`
 * ("" or NULL: main must not exist yet) to commit `new_id`, with the
 * reflog line "commit: <first line of message>" under `who`.  OV_ECONFLICT
 * when main is elsewhere or locked; nothing moved then.
 */
int ov_repo_commit_object(char out_id[41], ov_repo *repo, const char *parent,
			  const ov_repo_file *files, size_t nfiles, const ov_repo_who *who,
			  const char *message);
int ov_repo_move_main(ov_repo *repo, const char *expected_head, const char *new_id,
		      const ov_repo_who *who, const char *message);

/*
 * Creates the annotated tag `name` on commit `target` (40 hex digits) with
 * `who` as tagger.  OV_EEXISTS if the tag exists, OV_EINVALID for a name
 * git does not accept, OV_ENOTFOUND if there is no such commit.
 */
int ov_repo_tag(ov_repo *repo, const char *name, const char *target, const ov_repo_who *who,
		const char *message);

/* OV_OK when `name` is a tag name git accepts, else OV_EINVALID. */
int ov_repo_check_tag_name(const char *name);

/* Deletes tag `name`; OV_ENOTFOUND if there is none. */
int ov_repo_tag_delete(ov_repo *repo, const char *name);

/* Id of the commit tag `name` points to; OV_ENOTFOUND if there is no such tag. */
int ov_repo_tag_target(char out_id[41], ov_repo *repo, const char *name);

/*
 * What ov_repo_walk reports about one commit.  Every pointer is valid only
 * during the callback.
 */
typedef ov_ws_commit ov_repo_commit_info;
typedef int (*ov_repo_commit_cb)(const ov_repo_commit_info *info, void *payload);

/* The value of trailer `key` (case ignored; the last one when repeated), or NULL. */
const char *ov_repo_trailer(const ov_repo_commit_info *ci, const char *key);

/*
 * Calls cb for each commit reachable from main but not from `since`
 * (NULL or "" = all), oldest first (topological order, ties by time).  A
 * non-zero return from cb stops the walk and is returned.  Nothing is
 * called when main has no commit; OV_ENOTFOUND when `since` names nothing.
 */
int ov_repo_walk(ov_repo *repo, const char *since, ov_repo_commit_cb cb, void *payload);

/* A path callback: a non-zero return stops the iteration and is returned. */
typedef ov_ws_path_cb ov_repo_path_cb;

/*
 * Calls cb(path, payload) for each file under folder `dir` (recursively;
 * NULL or "" = the whole tree) at `rev`, in git's tree order, with paths
 * from the root ("agreements/3f/2026-0001/agreement.xml").  OV_ENOTFOUND
 * when `dir` is not a folder at `rev`, or the revision is absent (NULL
 * while main has no commit); rev "" lists nothing.
 */
int ov_repo_list(ov_repo *repo, const char *rev, const char *dir, ov_repo_path_cb cb,
		 void *payload);

/*
 * Calls cb for each file path that differs between two commits (added,
 * changed or deleted), sorted by path.  Both are revisions as above, with
 * one exception: `old_id` NULL means the empty tree, like "".
 */
int ov_repo_changed(ov_repo *repo, const char *old_id, const char *new_id,
		    ov_repo_path_cb cb, void *payload);

/*
 * *out = 1 if `ancestor` is an ancestor of (or equal to) `descendant`, else
 * 0.  An empty `ancestor` ("" or NULL: no history) is an ancestor of
 * everything; `descendant` NULL means main, "" has no ancestors but "".
 * OV_ENOTFOUND for an unknown revision.
 */
int ov_repo_is_ancestor(int *out, ov_repo *repo, const char *ancestor, const char *descendant);

/*
 * main's reflog (logs/refs/heads/main), read as a file that only grows:
 * callers remember how far they have read and later read only what was
 * appended.  A file shorter than the remembered size has been rewritten
 * (or deleted) and is read again from the start.
 */
typedef struct ov_repo_reflog_entry {
	const char *old_id, *new_id;  /* hex; old_id is all zeros for a creation */
	const char *who;              /* "Name <email>" */
	long long when;
	const char *message;
} ov_repo_reflog_entry;
typedef int (*ov_repo_reflog_cb)(const ov_repo_reflog_entry *e, void *payload);

/* Size in bytes of main's reflog; 0 when there is none. */
int ov_repo_reflog_size(long long *out, ov_repo *repo);

/*
 * Calls cb for every complete entry from byte offset `from` on (0: all),
 * oldest first; *end receives the offset just after the last complete
 * line.  Malformed lines are skipped.  A non-zero return from cb stops the
 * scan and is returned (*end is then the offset after that entry).
 */
int ov_repo_reflog_scan(ov_repo *repo, long long from, long long *end, ov_repo_reflog_cb cb,
			void *payload);

/* old_out/new_out of the last entry; both "" when the reflog is empty or absent. */
int ov_repo_reflog_last(char old_out[41], char new_out[41], ov_repo *repo);

/*
 * Appends the entry `old_id` -> `new_id` (hex; old_id "" = zeros) to
 * main's reflog with the identity "Överens <overens@localhost>", time
 * `when` and a one-line `message`, and fsyncs it.  For recording a move
 * of main that someone made without a reflog line.
 */
int ov_repo_reflog_note(ov_repo *repo, const char *old_id, const char *new_id, long long when,
			const char *message);

/*
 * Removes lock files that a crashed git writer left behind and that are at
 * least `min_age_seconds` old: *.lock under refs/, and HEAD.lock,
 * packed-refs.lock, index.lock and config.lock.  The caller must hold the
 * application's own lock so that no live writer owns any of them.
 */
int ov_repo_clear_stale_locks(ov_repo *repo, int min_age_seconds);

/*
 * Packing (overens gc).  A write adds loose objects (one file each) and a
 * signed version a tag ref; nothing in libgit2 ever packs them.
 *
 * Incremental (full = 0): every loose object is put in one new pack, then
 * the loose copies are removed.  Full: every object reachable from a ref
 * goes into one new pack, the refs are packed into packed-refs, the loose
 * copies and the older packs are removed, and loose objects no ref reaches
 * are removed when older than two weeks (a writer killed before moving
 * main leaves such objects; none is younger than the caller's lock).
 *
 * Safe against a kill at any step (a pack is visible only once its index
 * is complete, and each copy is removed only after the pack holding it is
 * durable) and against concurrent readers (libgit2 looks in the packs
 * again when an object is missing).  The caller holds the workspace lock,
 * so no writer runs meanwhile.
 */
typedef struct ov_repo_gc_stats {
	size_t loose_before, loose_after;   /* loose object files */
	size_t packs_before, packs_after;
	size_t packed;                      /* objects in the new pack */
	unsigned long long bytes_before, bytes_after; /* objects/ on disk */
} ov_repo_gc_stats;

int ov_repo_gc(ov_repo *repo, int full, ov_repo_gc_stats *st);

/*
 * Appends a git bundle (format v2, what `git bundle create` writes) of the
 * refs `refs` (full names: refs/heads/main, refs/tags/...) to `out`: the
 * header ("# v2 git bundle", one "<id> <ref>" line per ref, then HEAD for
 * the first ref, a blank line) and a pack of every object they reach.
 * No prerequisites: `git clone` of the file gives the whole history.
 */
int ov_repo_bundle(ov_buf *out, ov_repo *repo, const char *const *refs, size_t n);

/*
 * An estimate of the loose objects, as git's auto gc makes it: the files
 * in objects/17 times 256 (one folder read); with `exact`, all counted.
 */
size_t ov_repo_loose_estimate(ov_repo *repo, int exact);

#endif
