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

#include <libxml/tree.h>
#include <sqlite3.h>

#define OV_INDEX_VERSION 2

typedef struct ov_index ov_index;

/*
 * Opens (creating the schema if the file is new) the index at `path`.
 * *stale is set when the file's schema version differs or it fails a quick
 * check: the caller then rebuilds it.
 */
int ov_index_open(ov_index **out, const char *path, int *stale);
void ov_index_free(ov_index *idx);
sqlite3 *ov_index_db(ov_index *idx);

int ov_index_head(char out[41], ov_index *idx);
int ov_index_set_head(ov_index *idx, const char *head);

int ov_index_begin(ov_index *idx);
int ov_index_commit(ov_index *idx);
void ov_index_rollback(ov_index *idx);

/* Replaces everything indexed about the agreement held in `doc`. */
int ov_index_put_agreement(ov_index *idx, xmlDocPtr doc, const char *path);
int ov_index_remove_agreement(ov_index *idx, const char *id);

typedef struct ov_index_event {
	const char *agreement, *commit, *event, *actor, *actor_name, *date;
	const char *summary, *body, *phase_from, *phase_to, *trailers;
	long long when;
	int offset;
} ov_index_event;

int ov_index_put_event(ov_index *idx, const ov_index_event *ev);

/* The highest sequence number used in agreement ids of `year` (0 if none). */
int ov_index_max_seq(int *out, ov_index *idx, int year);

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

/*
 * A finding of the history audit, by key: "OLD..NEW" for a move of main
 * that is not a fast-forward, a commit id for a commit whose trailers do
 * not match its changes, "<id>-v<N>" for a signed version's tag.  When
 * read back, the acknowledgement (if any) is filled in; every string is
 * valid during the callback only.
 */
typedef struct ov_index_finding {
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
} ov_index_finding;

/* Records `f`; an existing finding with the same key is kept, or replaced if `replace`. */
int ov_index_put_finding(ov_index *idx, const ov_index_finding *f, int replace);
int ov_index_remove_finding(ov_index *idx, const char *key);

/*
 * Calls cb for every finding (only the unacknowledged ones if `open_only`),
 * oldest first; a non-zero return stops and is returned.  cb must not write
 * to the findings table.
 */
typedef int (*ov_index_finding_cb)(const ov_index_finding *f, void *payload);
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
typedef struct ov_index_signed {
	char sign_commit[41], target[41];
} ov_index_signed;
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
