/*
 * overens/workspace.h - opening a workspace and the settings in it.
 *
 * A workspace is a folder holding the agreements' git repository, the SQLite
 * index and the settings.  Commands find it by -C DIR, $OVERENS_DIR or the
 * current directory.
 */
#ifndef OVERENS_WORKSPACE_H
#define OVERENS_WORKSPACE_H

typedef struct ov_workspace ov_workspace;

/* Creates a workspace in `dir` (made if missing). OV_EEXISTS if one is there. */
int ov_workspace_init(const char *dir);
/*
 * Opens the workspace in `dir`; OV_ENOWS when there is none.  A stale or
 * damaged index is brought up to date before this returns.
 */
int ov_workspace_open(ov_workspace **out, const char *dir);
void ov_workspace_free(ov_workspace *ws);
/*
 * Brings an open workspace's index up to git's head when another process
 * (or another handle) wrote since: cheap when nothing changed (a head and a
 * file size).  A client that keeps a workspace open, such as the web
 * server, calls it before each request.
 */
int ov_workspace_refresh(ov_workspace *ws);
/* The id of the workspace's latest change (git's head; "" when none yet). */
int ov_workspace_head(char out[41], ov_workspace *ws);

/* Rebuilds the index from git from scratch. */
int ov_workspace_reindex(ov_workspace *ws);

/*
 * Packs the repository (overens gc): with `full`, every object a ref or
 * main's reflog reaches into one pack and the refs into packed-refs, the
 * loose copies and older packs removed; without, the loose objects into one
 * more pack.  Writes take the same lock, so none runs meanwhile; readers go
 * on.  A write also packs by itself when the loose objects pass the setting
 * gc.auto (default 6700, as git's; 0 turns it off), incrementally, and
 * fully when the packs pass 20.
 */
typedef struct ov_gc_report {
	unsigned long loose_before, loose_after, packs_before, packs_after, packed;
	unsigned long long bytes_before, bytes_after;
} ov_gc_report;
int ov_workspace_gc(ov_workspace *ws, int full, ov_gc_report *report);

/* Settings (git-config syntax in DIR/config). *out is NULL when unset; free(). */
int ov_config_get(char **out, ov_workspace *ws, const char *key);
int ov_config_set(ov_workspace *ws, const char *key, const char *value);

#endif
