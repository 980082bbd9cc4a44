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

/* Settings (git-config syntax in DIR/config). *out is NULL when unset; free(). */
int ov_config_get(char **out, ov_workspace *ws, const char *key);
int ov_config_set(ov_workspace *ws, const char *key, const char *value);

#endif
