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

#define OV_INDEX_VERSION 1

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

#endif
