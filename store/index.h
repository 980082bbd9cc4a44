/*
 * index.h - the SQLite index beside the git repository.
 *
 * The index is derived data: everything in it can be rebuilt from git, and
 * it records the git commit it reflects (meta.git_head).  Writers use
 * BEGIN IMMEDIATE; the schema version is PRAGMA user_version, and a
 * mismatch means "rebuild", never "migrate".
 */
#ifndef OV_INDEX_H
#define OV_INDEX_H

#include "store/workspace.h"

#define OV_INDEX_VERSION 7

/* Entries the validation cache keeps (ov_index_note_valid): a workspace's
 * definition files are a few dozen; the oldest noted go first. */
#define OV_INDEX_VALID_KEEP 128

typedef struct ov_index ov_index;

/*
 * Opens (creating the schema if the file is new) the index at `path`.
 * *stale is set when the file is no database or its schema version
 * differs: the caller then rebuilds it.  The open does not read the whole
 * file (see ov_index_check).
 */
int ov_index_open(ov_index **out, const char *path, int *stale);

/*
 * Why the index could only be opened for reading, or NULL when it can be
 * written.  ov_index_open falls back to reading the file as it is when the
 * file system, not the file, fails (a full disk, a read-only mount): the
 * commands that only read keep working, and the workspace refuses writes.
 */
const char *ov_index_readonly(const ov_index *idx);

/*
 * 1 when the file passes SQLite's quick check, 0 when it is damaged.  It
 * reads the whole database (O(size)), so the workspace runs it only where
 * damage is possible: after a crash is suspected (the index's head differs
 * from git's) and in a rebuild (reindex, fsck).  WAL mode keeps the file
 * consistent through a crash of the process without it.
 */
int ov_index_check(ov_index *idx);
void ov_index_free(ov_index *idx);

/* Writes the write-ahead log into the main file (before the file is renamed). */
void ov_index_checkpoint(ov_index *idx);

int ov_index_head(char out[41], ov_index *idx);
int ov_index_set_head(ov_index *idx, const char *head);

int ov_index_begin(ov_index *idx);
int ov_index_commit(ov_index *idx);
void ov_index_rollback(ov_index *idx);

/*
 * Replaces everything indexed about agreement row->id (held at `path`) by
 * `row` (the engine's reading of the document, see ov_ws_indexer).
 */
int ov_index_put_agreement(ov_index *idx, const ov_ws_agreement_row *row, const char *path);
int ov_index_remove_agreement(ov_index *idx, const char *id);

/*
 * The text files of git's tree at the index's head that read commands need
 * (agreements, organisations, people, workflows; see the workspace's
 * cached_path), deflated: a read at head answers from here when the index
 * reflects it, without setting up libgit2.  ov_index_put_file replaces the
 * file, ov_index_remove_file drops it (both inside the sync's transaction).
 */
int ov_index_put_file(ov_index *idx, const char *path, const void *data, size_t len);
int ov_index_remove_file(ov_index *idx, const char *path);

/*
 * Appends file `path` to `out` when the index reflects commit `head` and
 * holds the file; else OV_ENOTFOUND (nothing appended, no error message
 * set), and the caller reads git.  Head and file are read in one statement,
 * so they belong to one state of the index.
 */
int ov_index_read_file(ov_buf *out, ov_index *idx, const char *path, const char *head);

/* The tree id of `head` when the index reflects it (one statement); OV_ENOTFOUND when not. */
int ov_index_head_tree(char out[41], ov_index *idx, const char *head);

/*
 * The workspace's settings as libgit2 read them from the settings file
 * whose bytes were `file` (len bytes): names normalised as git does
 * ("render.font"), the last value of a name kept.  ov_index_put_settings
 * replaces them (its own transaction).  ov_index_get_setting answers only
 * while the file still has exactly those bytes: *out is the value or NULL
 * (not set); OV_ENOTFOUND (no message) when the file changed or nothing was
 * stored, and the caller reads the file with libgit2.
 */
int ov_index_put_settings(ov_index *idx, const void *file, size_t len,
			  const char *const *names, const char *const *values, size_t n);
int ov_index_get_setting(char **out, ov_index *idx, const void *file, size_t len,
			 const char *name);

typedef ov_ws_event ov_index_event;

int ov_index_put_event(ov_index *idx, const ov_index_event *ev);

/* The queries behind ov_ws_list_agreements, ov_ws_due and ov_ws_events (workspace.h). */
int ov_index_list_agreements(ov_index *idx, const char *today, ov_ws_list_cb cb,
			     void *payload);
/* The query behind ov_ws_list_dated_before. */
int ov_index_list_dated_before(ov_index *idx, const char *day, ov_ws_list_cb cb,
			       void *payload);
/* The queries behind ov_ws_list_agreements_for, ov_ws_count_agreements, ov_ws_agreement_party. */
int ov_index_list_agreements_for(ov_index *idx, const char *orgnr, const char *today,
				 size_t limit, size_t offset, ov_ws_list_cb cb, void *payload);
int ov_index_count_agreements(size_t *out, ov_index *idx, const char *orgnr);
int ov_index_agreement_party(int *party, ov_index *idx, const char *id, const char *orgnr);
int ov_index_due(ov_index *idx, const char *from, const char *to, ov_ws_due_cb cb,
		 void *payload);
int ov_index_events(ov_index *idx, const char *agreement, ov_ws_event_cb cb, void *payload);

/* The highest sequence number used in agreement ids of `year` (0 if none). */
int ov_index_max_seq(int *out, ov_index *idx, int year);

/* The validation cache behind ov_ws_valid_known and ov_ws_note_valid. */
int ov_index_valid_known(int *out, ov_index *idx, const ov_ws_valid_entry *e);
int ov_index_note_valid(ov_index *idx, const ov_ws_valid_entry *e);

/* A value of the meta table: *out is NULL when absent (free()). */
int ov_index_meta(char **out, ov_index *idx, const char *key);
int ov_index_set_meta(ov_index *idx, const char *key, const char *value);

/*
 * The history audit (see audit.c).  Every function below writes inside the
 * caller's transaction.
 */

/* Records that main was at `commit` (kept with its first time only). */
int ov_index_put_head_seen(ov_index *idx, const char *commit, long long when,
			   const char *source);

/* A finding of the history audit (see ov_ws_finding in workspace.h). */
typedef ov_ws_finding ov_index_finding;

/* Records `f`; an existing finding with the same key is kept, or replaced if `replace`. */
int ov_index_put_finding(ov_index *idx, const ov_index_finding *f, int replace);
int ov_index_remove_finding(ov_index *idx, const char *key);

/*
 * Calls cb for every finding (only the unacknowledged ones if `open_only`),
 * oldest first; a non-zero return stops and is returned.  cb must not write
 * to the findings table.
 */
typedef ov_ws_finding_cb ov_index_finding_cb;
int ov_index_findings(ov_index *idx, int open_only, ov_index_finding_cb cb, void *payload);

/* An acknowledgement event of finding `key` (the first one counts). */
int ov_index_put_ack(ov_index *idx, const char *key, const char *commit, const char *actor,
		     long long when);

/*
 * The first digital signature of version `version`: its sign event and the
 * commit the version's tag must name.  *inserted = 0 when the version was
 * already recorded (by an earlier commit).
 */
int ov_index_put_signed(int *inserted, ov_index *idx, const char *agreement, int version,
			const char *sign_commit, const char *target);
typedef ov_ws_signed ov_index_signed;
/* OV_ENOTFOUND when version `version` of `agreement` was never signed digitally. */
int ov_index_signed_version(ov_index_signed *out, ov_index *idx, const char *agreement,
			    int version);

/*
 * Copies what only an index can know from the index file at `old_path`
 * (same schema) into `idx`: the heads it saw and its rewrite findings.
 * Used by a rebuild, so that it loses no evidence git does not hold.
 */
int ov_index_merge_history(ov_index *idx, const char *old_path);

/* The id of the last commit indexed for `agreement`; "" when there is none. */
int ov_index_last_event(char out[41], ov_index *idx, const char *agreement);

#endif
