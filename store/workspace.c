/*
 * workspace.c - workspace layout, the writers' lock, the git-then-SQLite
 * write protocol with its tags and fault points, the index reconciliation
 * with the history audit, the door's reads of git and of the index, and
 * the private files under the lock (their I/O is private.c's; see
 * workspace.h and audit.h).  The workspace struct is defined here
 * alone: nothing outside this file reaches its repository or its index.
 */
#define _XOPEN_SOURCE 700 /* nftw */
#include <ctype.h>
#include <errno.h>
#include <ftw.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store/git_lazy.h"

#include "overens/error.h"
#include "overens/i18n.h"
#include "store/audit.h"
#include "store/index.h"
#include "store/private.h"
#include "store/repo.h"
#include "store/workspace.h"
#include "engine/base/datadir.h"
#include "engine/base/fault.h"

struct ov_workspace {
	char *dir, *repo_path, *index_path, *config_path, *lock_path, *datadir;
	ov_repo *repo;
	ov_index *index;
	const ov_ws_indexer *indexer;  /* the engine's, given to ov_ws_open */
	int lock_fd;
	int locked;
	int reflog_checked;  /* ov_repo_ensure_reflog done in this process */
};

/* Set once by the tool at start-up (ov_workspace_set_open_hook). */
static ov_workspace_open_hook open_hook;

void ov_workspace_set_open_hook(ov_workspace_open_hook fn)
{
	open_hook = fn;
}

static char *join(const char *a, const char *b)
{
	ov_buf p = OV_BUF_INIT;

	if (ov_buf_printf(&p, "%s/%s", a, b) < 0)
		return NULL;
	return ov_buf_detach(&p);
}

char *ov_workspace_data_path(ov_workspace *ws, const char *sub)
{
	return join(ws->datadir, sub);
}

int ov_agreement_path(ov_buf *out, const char *id, const char *file)
{
	size_t n = strlen(id);
	const char *shard = n >= 2 ? id + n - 2 : "00";

	return ov_buf_printf(out, "agreements/%.2s/%s/%s", shard, id, file);
}

static int mkdir_p(const char *dir)
{
	ov_buf b = OV_BUF_INIT;
	char *p;
	int err = OV_OK;

	if ((err = ov_buf_puts(&b, dir)) < 0)
		return err;
	for (p = b.ptr + 1; ; p++) {
		char c = *p;
		if (c == '/' || c == '\0') {
			*p = '\0';
			if (mkdir(b.ptr, 0755) < 0 && errno != EEXIST) {
				err = ov_error_set(OV_ERROR, "%s: %s", b.ptr, strerror(errno));
				break;
			}
			*p = c;
		}
		if (!c)
			break;
	}
	ov_buf_dispose(&b);
	return err;
}

/*
 * Opens (creating it) a lock file of the workspace.  A symbolic link there is
 * refused, not followed: following one would create or lock a file outside
 * the workspace.
 */
static int open_lock_file(int *fd, const char *path, mode_t mode)
{
	struct stat st;

	*fd = ov_sys_open(path, O_CREAT | O_RDWR | O_CLOEXEC | O_NOFOLLOW, mode);
	if (*fd < 0 && errno == ELOOP)
		return ov_error_set(OV_ERROR, "%s: is a symbolic link, which the workspace "
				    "never follows; remove it (a new lock file is made)", path);
	if (*fd < 0)
		return ov_error_set(OV_ERROR, "%s: %s", path, strerror(errno));
	if (fstat(*fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(*fd);
		*fd = -1;
		return ov_error_set(OV_ERROR, "%s: not a regular file; remove it "
				    "(a new lock file is made)", path);
	}
	return OV_OK;
}

static int ws_paths(ov_workspace *ws, const char *dir)
{
	ws->dir = strdup(dir);
	ws->repo_path = join(dir, "repo.git");
	ws->index_path = join(dir, "index.sqlite");
	ws->config_path = join(dir, "config");
	ws->lock_path = join(dir, "lock");
	ws->lock_fd = -1;
	if (!ws->dir || !ws->repo_path || !ws->index_path || !ws->config_path ||
	    !ws->lock_path)
		return ov_error_set(OV_ENOMEM, "out of memory");
	return ov_datadir_find(&ws->datadir);
}

/* Removes what a failed init made at `path` (links are removed, not followed). */
static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP)
		rmdir(path);
	else
		unlink(path);
	return 0;
}

static void remove_tree(const char *path)
{
	nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* The settings file with its comment of examples. */
static int write_config(const char *path)
{
	static const char header[] =
		"# Överens settings (git-config syntax). Examples:\n"
		"#   [user]\n#   \temail = asa.lindqvist@example.se\n";
	int fd = ov_sys_open(path, O_CREAT | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0644), err = OV_OK;

	if (fd < 0 && errno == ELOOP)
		err = ov_error_set(OV_ERROR, "%s: is a symbolic link, which the workspace never "
				   "follows; remove it", path);
	else if (fd < 0 || ov_sys_write(fd, header, sizeof(header) - 1) < 0)
		err = ov_error_set(OV_ERROR, "%s: %s", path, strerror(errno));
	if (fd >= 0)
		close(fd);
	return err;
}

/*
 * The repository is made as repo.git.new and renamed into place last, so a
 * failed init leaves no half workspace that the next init would refuse.
 */
int ov_workspace_init(const char *dir)
{
	ov_workspace ws;
	ov_buf tmp = OV_BUF_INIT;
	struct stat st;
	int err, fd, made = 0;

	memset(&ws, 0, sizeof(ws));
	if ((err = ws_paths(&ws, dir)) < 0)
		goto done;
	if (stat(ws.repo_path, &st) == 0) {
		err = ov_error_set(OV_EEXISTS, "%s: a workspace already exists here", dir);
		goto done;
	}
	if ((err = mkdir_p(dir)) < 0 || (err = ov_buf_printf(&tmp, "%s.new", ws.repo_path)) < 0)
		goto done;
	remove_tree(tmp.ptr); /* what an init that died left */
	made = 1;
	if ((err = ov_repo_init(tmp.ptr)) < 0 ||
	    (err = open_lock_file(&fd, ws.lock_path, 0644)) < 0)
		goto done;
	close(fd);
	if ((err = write_config(ws.config_path)) < 0)
		goto done;
	if (ov_sys_rename(tmp.ptr, ws.repo_path) < 0)
		err = ov_error_set(OV_ERROR, "%s: %s", ws.repo_path, strerror(errno));
done:
	if (err < 0 && made)
		remove_tree(tmp.ptr);
	ov_buf_dispose(&tmp);
	free(ws.dir);
	free(ws.repo_path);
	free(ws.index_path);
	free(ws.config_path);
	free(ws.lock_path);
	free(ws.datadir);
	return err;
}

static int ws_lock(ov_workspace *ws)
{
	int err;

	if (ws->locked++)
		return OV_OK;
	if (ws->lock_fd < 0) {
		if ((err = open_lock_file(&ws->lock_fd, ws->lock_path, 0644)) < 0) {
			ws->locked = 0;
			return err;
		}
	}
	while (flock(ws->lock_fd, LOCK_EX) < 0) {
		if (errno == EINTR)
			continue;
		ws->locked = 0;
		return ov_error_set(OV_ERROR, "%s: cannot lock: %s", ws->lock_path, strerror(errno));
	}
	/* Packs another process's gc removed are let go of before writing. */
	ov_repo_refresh(ws->repo);
	/* No live writer of ours holds git locks now: clear what a crash left. */
	if ((err = ov_repo_clear_stale_locks(ws->repo, 0)) < 0)
		goto fail;
	/* Workspaces made before the reflog settings get them on their first write. */
	if (!ws->reflog_checked) {
		if ((err = ov_repo_ensure_reflog(ws->repo)) < 0)
			goto fail;
		ws->reflog_checked = 1;
	}
	return OV_OK;
fail:
	/* Callers do not unlock after a failed lock: let go of it here. */
	ws->locked = 0;
	flock(ws->lock_fd, LOCK_UN);
	return err;
}

static void ws_unlock(ov_workspace *ws)
{
	if (ws->locked && --ws->locked == 0 && ws->lock_fd >= 0)
		flock(ws->lock_fd, LOCK_UN);
}

/* --- index reconciliation ------------------------------------------------ */

typedef struct sync_state {
	ov_repo *repo;
	ov_index *index;
	const ov_ws_indexer *indexer;
	const char *path;   /* the document being indexed (doc_cb) */
	const char *rev;    /* the commit whose documents are indexed */
	int err;
} sync_state;

const char *ov_ws_trailer(const ov_ws_commit *c, const char *key)
{
	return ov_repo_trailer(c, key);
}

int ov_ws_commit_body(ov_buf *out, const ov_ws_commit *c)
{
	const char *msg = c->message, *start = strstr(msg, "\n\n"), *end, *last;

	if (!start)
		return OV_OK;
	start += 2;
	end = msg + strlen(msg);
	while (end > start && end[-1] == '\n')
		end--;
	/* The last paragraph holds the trailers; a single paragraph is only trailers. */
	for (last = end; last > start && !(last[-1] == '\n' && last - 2 >= start &&
					    last[-2] == '\n'); last--)
		;
	end = last > start ? last - 2 : start;
	return end > start ? ov_buf_put(out, start, (size_t)(end - start)) : OV_OK;
}

int ov_ws_commit_trailers(ov_buf *out, const ov_ws_commit *c)
{
	int err = OV_OK;

	for (size_t i = 0; i < c->ntrailers && err >= 0; i++)
		err = ov_buf_printf(out, "%s: %s\n", c->trailer_keys[i], c->trailer_values[i]);
	return err;
}

static int put_event(const ov_ws_event *ev, void *payload)
{
	sync_state *s = payload;

	if (!ev->agreement || !ev->commit)
		return ov_error_set(OV_EINVALID, "index: an event without agreement or commit");
	return ov_index_put_event(s->index, ev);
}

static int index_commit_cb(const ov_repo_commit_info *ci, void *payload)
{
	sync_state *s = payload;
	int err;

	/* The audit first: it reads the agreement's events before this one. */
	if ((err = ov_audit_commit(s->repo, s->index, ci, s->indexer->audit)) >= 0)
		err = s->indexer->event(ci, put_event, s);
	if (err < 0) {
		s->err = err;
		return 1;
	}
	return 0;
}

static int is_agreement_doc(const char *path, ov_buf *id)
{
	const char *p = path, *slash;
	size_t n = strlen(path);
	static const char tail[] = "/agreement.xml";

	if (strncmp(p, "agreements/", 11) || n < sizeof(tail) ||
	    strcmp(path + n - (sizeof(tail) - 1), tail))
		return 0;
	p += 11;
	if (!(slash = strchr(p, '/')))
		return 0;
	p = slash + 1;
	slash = strchr(p, '/');
	if (!slash || strcmp(slash, tail))
		return 0;
	ov_buf_clear(id);
	ov_buf_put(id, p, (size_t)(slash - p));
	return 1;
}

static int put_agreement(const ov_ws_agreement_row *row, void *payload)
{
	sync_state *s = payload;

	return ov_index_put_agreement(s->index, row, s->path);
}

/*
 * Whether a read of `path` at head may be answered from the index's copy
 * (ov_index_read_file): the texts that status, list, show and render read.
 * Signed PDFs, their fields and the trusted certificates are always read
 * from git, and so is everything inside a write.
 */
static int cached_path(const char *path)
{
	static const char *const dirs[] = { "agreements/", "organisations/", "people/",
					     "workflows/" };
	size_t n = strlen(path);

	if (n < 5 || strcmp(path + n - 4, ".xml") || strstr(path, "/signed/"))
		return 0;
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		if (!strncmp(path, dirs[i], strlen(dirs[i])))
			return 1;
	return 0;
}

/* The folders whose files cached_path keeps, listed whole by a rebuild. */
static const char *const cached_dirs[] = { "agreements", "organisations", "people", "workflows" };

static int index_doc_cb(const char *path, void *payload)
{
	sync_state *s = payload;
	ov_buf id = OV_BUF_INIT, data = OV_BUF_INIT;
	int err = OV_OK, doc = is_agreement_doc(path, &id);

	if (!doc && !cached_path(path))
		goto done;
	err = ov_repo_read(&data, s->repo, s->rev, path);
	if (err == OV_ENOTFOUND) {
		ov_error_clear();
		if ((err = ov_index_remove_file(s->index, path)) >= 0 && doc)
			err = ov_index_remove_agreement(s->index, id.ptr);
		goto done;
	}
	if (err < 0)
		goto done;
	if (cached_path(path) && (err = ov_index_put_file(s->index, path, data.ptr, data.size)) < 0)
		goto done;
	if (!doc)
		goto done;
	s->path = path;
	err = s->indexer->agreement(path, data.ptr, data.size, put_agreement, s);
	s->path = NULL;
done:
	ov_buf_dispose(&id);
	ov_buf_dispose(&data);
	if (err < 0) {
		s->err = err;
		return 1;
	}
	return 0;
}

/* Every file of the cached folders at `to` (a rebuild): a folder not there yet is no error. */
static int list_cached(ov_workspace *ws, const char *to, sync_state *ds)
{
	int err = OV_OK;

	for (size_t i = 0; i < sizeof(cached_dirs) / sizeof(cached_dirs[0]) && err >= 0; i++) {
		err = ov_repo_list(ws->repo, to, cached_dirs[i], index_doc_cb, ds);
		if (err == OV_ENOTFOUND && ds->err >= 0) {
			ov_error_clear();
			err = OV_OK;
		}
	}
	return err;
}

/*
 * Applies the commits (from, to] to an index inside one transaction, with
 * the history audit: `prev` is the head the workspace's index reflected
 * before ("" when unknown).
 */
static int apply_range(ov_workspace *ws, ov_index *index, const char *from, const char *to,
		       const char *prev)
{
	sync_state ss = { ws->repo, index, ws->indexer, NULL, to, OV_OK };
	sync_state ds = ss;
	char tree[41];
	int err;

	if ((err = ov_index_begin(index)) < 0)
		return err;
	err = from && *from && !strcmp(from, to)
		      ? OV_OK /* main did not move: only the reflog did */
		      : ov_repo_walk(ws->repo, from, index_commit_cb, &ss);
	if (ss.err < 0)
		err = ss.err;
	if (err >= 0) {
		if (from && *from)
			err = strcmp(from, to) ? ov_repo_changed(ws->repo, from, to, index_doc_cb, &ds)
					       : OV_OK;
		else
			err = list_cached(ws, to, &ds);
		if (ds.err < 0)
			err = ds.err;
	}
	if (err >= 0)
		err = ov_audit_heads(ws->repo, index, prev, to, (long long)time(NULL));
	if (err >= 0)
		err = ov_audit_recheck_tags(ws->repo, index);
	if (err >= 0)
		err = ov_index_set_head(index, to);
	if (err >= 0 && *to && (err = ov_repo_commit_tree(tree, ws->repo, to)) >= 0)
		err = ov_index_set_meta(index, "git_head_tree", tree);
	if (err >= 0)
		err = ov_index_commit(index);
	if (err < 0)
		ov_index_rollback(index);
	return err < 0 ? err : OV_OK;
}

static void remove_db_files(const char *path)
{
	ov_buf b = OV_BUF_INIT;

	/* The log first: a log left beside a new file would be replayed into it. */
	ov_buf_printf(&b, "%s-wal", path);
	unlink(b.ptr);
	ov_buf_clear(&b);
	ov_buf_printf(&b, "%s-shm", path);
	unlink(b.ptr);
	ov_buf_dispose(&b);
	unlink(path);
}

/*
 * Builds a new index file from all of git, then renames it into place.
 * `prev` is the head the old index reflected ("" when unknown); what only
 * the old index knows about past heads is carried over when it is readable.
 */
static int rebuild(ov_workspace *ws, const char *prev)
{
	ov_buf tmp = OV_BUF_INIT;
	ov_index *fresh = NULL;
	char head[41];
	int err, stale;

	if ((err = ov_repo_head(head, ws->repo)) < 0 ||
	    (err = ov_buf_printf(&tmp, "%s.rebuild", ws->index_path)) < 0)
		goto done;
	remove_db_files(tmp.ptr);
	if ((err = ov_index_open(&fresh, tmp.ptr, &stale)) < 0)
		goto done;
	if (stale) {
		err = ov_error_set(OV_ERROR, "%s: cannot create a fresh index", tmp.ptr);
		goto done;
	}
	if ((err = apply_range(ws, fresh, NULL, head, prev)) < 0)
		goto done;
	/*
	 * What only the old index knows is carried over from a sound file only
	 * (the quick check reads it all: a rebuild reads all of git anyway).
	 */
	if (ws->index && ov_index_check(ws->index) &&
	    ov_index_merge_history(fresh, ws->index_path) < 0)
		ov_error_clear(); /* best effort: the reflog holds the rest */
	/* Checkpoint into the main file so the rename carries everything. */
	ov_index_checkpoint(fresh);
	ov_index_free(fresh);
	fresh = NULL;
	ov_fault_point("rebuild-written");
	ov_index_free(ws->index);
	ws->index = NULL;
	remove_db_files(ws->index_path);
	ov_fault_point("rebuild-old-removed");
	if (ov_sys_rename(tmp.ptr, ws->index_path) < 0) {
		err = ov_error_set(OV_ERROR, "%s: %s", ws->index_path, strerror(errno));
		goto done;
	}
	ov_fault_point("rebuild-renamed");
	remove_db_files(tmp.ptr);
	if ((err = ov_index_open(&ws->index, ws->index_path, &stale)) < 0)
		goto done;
	if (stale)
		err = ov_error_set(OV_ERROR, "%s: the rebuilt index cannot be opened",
				   ws->index_path);
done:
	ov_index_free(fresh);
	ov_buf_dispose(&tmp);
	return err;
}

/* 1 when main's reflog has the size the index recorded (nothing new in it). */
static int reflog_unchanged(ov_workspace *ws)
{
	char *stored = NULL;
	long long size = 0;
	int same;

	if (ov_index_meta(&stored, ws->index, "reflog_size") < 0 ||
	    ov_repo_reflog_size(&size, ws->repo) < 0) {
		ov_error_clear();
		free(stored);
		return 0;
	}
	same = stored && strtoll(stored, NULL, 10) == size;
	free(stored);
	return same;
}

/* How sync_locked treats an index whose head differs from git's. */
enum sync_mode {
	SYNC_CATCH_UP,     /* found so at an open or before a write: a crash is suspected */
	SYNC_AFTER_WRITE,  /* our own commit just moved main: the index is one step behind */
	SYNC_REBUILD,      /* reindex, fsck, or an index that cannot be opened */
};

/*
 * Brings the index up to git's head; the caller holds the lock.
 *
 * The index file is checked (ov_index_check, which reads all of it) only
 * where damage is possible: a head that differs from git's outside our own
 * write means a process died between git and SQLite, or git was changed
 * behind our back; an index that fails the check is rebuilt rather than
 * caught up.  An index whose head equals git's was left by a finished
 * write, and SQLite's WAL keeps it consistent through a crash, so the
 * ordinary open does not pay for a check that is O(database).
 */
static int sync_index_locked(ov_workspace *ws, enum sync_mode mode)
{
	char head[41], ihead[41] = "";
	int err, anc = 0;

	if ((err = ov_repo_head(head, ws->repo)) < 0)
		return err;
	if (ws->index && ov_index_head(ihead, ws->index) < 0) {
		ov_error_clear();
		ihead[0] = '\0';
	}
	/* A move behind git's back gets its reflog line before anything reads the reflog. */
	if (ov_audit_note_move(ws->repo, ihead, head, (long long)time(NULL)) < 0)
		ov_error_clear();
	/* An index that can only be read (a full disk) serves reads while it is current. */
	if (ws->index && ov_index_readonly(ws->index)) {
		if (mode != SYNC_REBUILD && *ihead && !strcmp(head, ihead))
			return OV_OK;
		return ov_error_set(OV_ERROR, "%s: %s; the index cannot be brought up to "
				    "date with git until it can be written", ws->index_path,
				    ov_index_readonly(ws->index));
	}
	if (mode == SYNC_REBUILD || !ws->index || !*ihead)
		return rebuild(ws, ihead);
	if (!strcmp(head, ihead) && reflog_unchanged(ws))
		return OV_OK;
	if (strcmp(head, ihead) && mode == SYNC_CATCH_UP && !ov_index_check(ws->index))
		return rebuild(ws, ihead);
	if (!*head || ov_repo_is_ancestor(&anc, ws->repo, ihead, head) < 0 || !anc) {
		ov_error_clear();
		return rebuild(ws, ihead);
	}
	if ((err = apply_range(ws, ws->index, ihead, head, ihead)) < 0) {
		ov_error_clear();
		return rebuild(ws, ihead);
	}
	return OV_OK;
}

static void settings_refresh(ov_workspace *ws);

/* The index brought up to date with git (see sync_index_locked), and its copy of the settings. */
static int sync_locked(ov_workspace *ws, enum sync_mode mode)
{
	int err = sync_index_locked(ws, mode);

	if (err >= 0)
		settings_refresh(ws);
	return err;
}

int ov_ws_open(ov_workspace **out, const char *dir, const ov_ws_indexer *indexer)
{
	ov_workspace *ws = NULL;
	struct stat st;
	char head[41], ihead[41];
	int err, stale = 0;

	*out = NULL;
	if (!indexer || !indexer->agreement || !indexer->event)
		return ov_error_set(OV_EINVALID, "opening %s: no indexer", dir);
	if (!(ws = calloc(1, sizeof(*ws))))
		return ov_error_set(OV_ENOMEM, "out of memory");
	ws->indexer = indexer;
	if ((err = ws_paths(ws, dir)) < 0)
		goto done;
	if (stat(ws->repo_path, &st) < 0 || !S_ISDIR(st.st_mode)) {
		err = ov_error_set(OV_ENOWS,
			"no workspace in %s (run 'overens init %s', or name one with -C DIR "
			"or OVERENS_DIR)", dir, dir);
		goto done;
	}
	if ((err = ov_repo_open(&ws->repo, ws->repo_path)) < 0)
		goto done;
	/* The index is never followed out of the workspace nor silently replaced. */
	if (lstat(ws->index_path, &st) == 0 && !S_ISREG(st.st_mode)) {
		err = ov_error_set(OV_ERROR, "%s: not a regular file (%s); remove it and "
				   "run 'overens reindex'", ws->index_path,
				   S_ISLNK(st.st_mode) ? _("a symbolic link") : _("a folder or device"));
		goto done;
	}
	if ((err = ov_index_open(&ws->index, ws->index_path, &stale)) < 0) {
		ov_error_clear();
		ws->index = NULL;
		stale = 1;
	}
	/* Cheap check without the lock (a head and a file size); repair under it. */
	if (!stale && ov_repo_head(head, ws->repo) == 0 &&
	    ov_index_head(ihead, ws->index) == 0 && !strcmp(head, ihead) && reflog_unchanged(ws))
		goto done;
	ov_error_clear();
	if ((err = ws_lock(ws)) < 0)
		goto done;
	err = sync_locked(ws, stale ? SYNC_REBUILD : SYNC_CATCH_UP);
	ws_unlock(ws);
done:
	if (err < 0) {
		ov_workspace_free(ws);
		ws = NULL;
	}
	*out = ws;
	if (ws && open_hook)
		open_hook(ws);
	return err;
}

int ov_workspace_head(char out[41], ov_workspace *ws)
{
	return ov_repo_head(out, ws->repo);
}

int ov_workspace_refresh(ov_workspace *ws)
{
	char head[41], ihead[41];
	int err;

	ov_repo_refresh(ws->repo);
	if (ws->index && ov_repo_head(head, ws->repo) == 0 &&
	    ov_index_head(ihead, ws->index) == 0 && !strcmp(head, ihead) && reflog_unchanged(ws))
		return OV_OK;
	ov_error_clear();
	if ((err = ws_lock(ws)) < 0)
		return err;
	err = sync_locked(ws, !ws->index ? SYNC_REBUILD : SYNC_CATCH_UP);
	ws_unlock(ws);
	return err;
}

void ov_workspace_free(ov_workspace *ws)
{
	if (!ws)
		return;
	ov_index_free(ws->index);
	ov_repo_free(ws->repo);
	if (ws->lock_fd >= 0)
		close(ws->lock_fd);
	free(ws->dir);
	free(ws->repo_path);
	free(ws->index_path);
	free(ws->config_path);
	free(ws->lock_path);
	free(ws->datadir);
	free(ws);
}

int ov_workspace_reindex(ov_workspace *ws)
{
	int err;

	if ((err = ws_lock(ws)) < 0)
		return err;
	err = sync_locked(ws, SYNC_REBUILD);
	ws_unlock(ws);
	return err;
}

/* --- packing -------------------------------------------------------------- */

#define GC_AUTO_DEFAULT 6700
#define GC_MAX_PACKS 20

static int gc_locked(ov_workspace *ws, int full, ov_gc_report *report)
{
	ov_repo_gc_stats st;
	int err;

	if ((err = ov_repo_gc(ws->repo, full, &st)) < 0)
		return err;
	if (report) {
		report->loose_before = st.loose_before;
		report->loose_after = st.loose_after;
		report->packs_before = st.packs_before;
		report->packs_after = st.packs_after;
		report->packed = st.packed;
		report->bytes_before = st.bytes_before;
		report->bytes_after = st.bytes_after;
	}
	/* An incremental pack on top of many: make one of them all next time. */
	if (!full && st.packs_after > GC_MAX_PACKS)
		return ov_repo_gc(ws->repo, 1, &st);
	return OV_OK;
}

int ov_workspace_gc(ov_workspace *ws, int full, ov_gc_report *report)
{
	int err;

	if (report)
		memset(report, 0, sizeof(*report));
	if ((err = ws_lock(ws)) < 0)
		return err;
	err = gc_locked(ws, full, report);
	ws_unlock(ws);
	return err;
}

/*
 * After a write, under its lock: packs the loose objects when git's own
 * estimate of them passes gc.auto.  A failure here does not undo the write
 * (it is in git already); it is reported by the next `overens gc`.
 */
static void auto_gc(ov_workspace *ws)
{
	char *v = NULL;
	long limit = GC_AUTO_DEFAULT;

	if (ov_config_get(&v, ws, "gc.auto") < 0)
		ov_error_clear();
	if (v) {
		char *end;
		long n = strtol(v, &end, 10);

		if (end != v && !*end && n >= 0)
			limit = n;
		free(v);
	}
	/* Below 2,560 the sample of one folder in 256 is too coarse: count them all. */
	if (!limit || ov_repo_loose_estimate(ws->repo, limit < 2560) <= (size_t)limit)
		return;
	if (gc_locked(ws, 0, NULL) < 0)
		ov_error_clear();
}

/* --- the door's reads: git ------------------------------------------------ */

int ov_ws_head(char out[41], ov_workspace *ws)
{
	return ov_repo_head(out, ws->repo);
}

/*
 * A read at commit `head` from the index's copy (see cached_path), outside
 * writes only; OV_ENOTFOUND when git must answer.
 */
static int read_cached(ov_buf *out, ov_workspace *ws, const char *head, const char *path)
{
	if (ws->locked || !ws->index || !head || !*head || !cached_path(path))
		return OV_ENOTFOUND;
	return ov_index_read_file(out, ws->index, path, head);
}

int ov_ws_read(ov_buf *out, ov_workspace *ws, const char *rev, const char *path)
{
	char head[41];

	if (!rev && !ws->locked && ov_repo_head(head, ws->repo) == OV_OK &&
	    read_cached(out, ws, head, path) == OV_OK)
		return OV_OK;
	return ov_repo_read(out, ws->repo, rev, path);
}

int ov_ws_list(ov_workspace *ws, const char *rev, const char *dir, ov_ws_path_cb cb,
	       void *payload)
{
	return ov_repo_list(ws->repo, rev, dir, cb, payload);
}

int ov_ws_tag_target(char out[41], ov_workspace *ws, const char *name)
{
	return ov_repo_tag_target(out, ws->repo, name);
}

int ov_ws_commit_tree(char out[41], ov_workspace *ws, const char *rev)
{
	/* The head's tree is in the index (outside writes: see read_cached). */
	if (!ws->locked && ws->index && rev && strlen(rev) == 40 &&
	    ov_index_head_tree(out, ws->index, rev) == OV_OK)
		return OV_OK;
	ov_error_clear();
	return ov_repo_commit_tree(out, ws->repo, rev);
}

int ov_ws_resolve(char out[41], long long *when, ov_workspace *ws, const char *rev)
{
	return ov_repo_resolve_time(out, when, ws->repo, rev);
}

int ov_ws_diff_lines(ov_workspace *ws, const char *a, size_t alen, const char *b, size_t blen,
		     ov_ws_hunk_cb cb, void *payload)
{
	return ov_repo_diff_lines(ws->repo, a, alen, b, blen, cb, payload);
}

int ov_ws_bundle(ov_buf *out, ov_workspace *ws, const char *const *refs, size_t n)
{
	return ov_repo_bundle(out, ws->repo, refs, n);
}

/* --- the door's reads: the index --------------------------------------------- */

int ov_ws_list_agreements(ov_workspace *ws, const char *today, ov_ws_list_cb cb,
			  void *payload)
{
	return ov_index_list_agreements(ws->index, today, cb, payload);
}

int ov_ws_list_agreements_for(ov_workspace *ws, const char *orgnr, const char *today,
			      size_t limit, size_t offset, ov_ws_list_cb cb, void *payload)
{
	return ov_index_list_agreements_for(ws->index, orgnr, today, limit, offset, cb, payload);
}

int ov_ws_list_dated_before(ov_workspace *ws, const char *day, ov_ws_list_cb cb,
			    void *payload)
{
	return ov_index_list_dated_before(ws->index, day, cb, payload);
}

int ov_ws_valid_known(int *known, ov_workspace *ws, const ov_ws_valid_entry *e)
{
	*known = 0;
	return ws->index ? ov_index_valid_known(known, ws->index, e) : OV_OK;
}

int ov_ws_note_valid(ov_workspace *ws, const ov_ws_valid_entry *e)
{
	return ws->index ? ov_index_note_valid(ws->index, e) : OV_OK;
}

int ov_ws_count_agreements(size_t *out, ov_workspace *ws, const char *orgnr)
{
	return ov_index_count_agreements(out, ws->index, orgnr);
}

int ov_ws_agreement_party(int *party, ov_workspace *ws, const char *id, const char *orgnr)
{
	return ov_index_agreement_party(party, ws->index, id, orgnr);
}

int ov_ws_due(ov_workspace *ws, const char *from, const char *to, ov_ws_due_cb cb,
	      void *payload)
{
	return ov_index_due(ws->index, from, to, cb, payload);
}

int ov_ws_events(ov_workspace *ws, const char *id, ov_ws_event_cb cb, void *payload)
{
	return ov_index_events(ws->index, id, cb, payload);
}

int ov_ws_max_seq(int *out, ov_workspace *ws, int year)
{
	return ov_index_max_seq(out, ws->index, year);
}

int ov_ws_findings(ov_workspace *ws, int open_only, ov_ws_finding_cb cb, void *payload)
{
	return ov_index_findings(ws->index, open_only, cb, payload);
}

int ov_ws_finding_holds(int *holds, ov_workspace *ws, const ov_ws_finding *f)
{
	return ov_audit_tag_holds(holds, ws->repo, f);
}

int ov_ws_signed_version(ov_ws_signed *out, ov_workspace *ws, const char *agreement,
			 int version)
{
	return ov_index_signed_version(out, ws->index, agreement, version);
}

/* --- transactions -------------------------------------------------------- */

int ov_txn_read(ov_buf *out, ov_txn *txn, const char *path)
{
	for (size_t i = 0; i < txn->nfiles; i++)
		if (!strcmp(txn->files[i].path, path)) {
			if (!txn->files[i].data)
				return ov_error_set(OV_ENOTFOUND, "%s: not found", path);
			return ov_buf_put(out, txn->data[i].ptr, txn->data[i].size);
		}
	if (!*txn->head)
		return ov_error_set(OV_ENOTFOUND, "%s: not found (empty repository)", path);
	if (read_cached(out, txn->ws, txn->head, path) == OV_OK)
		return OV_OK;
	return ov_repo_read(out, txn->ws->repo, txn->head, path);
}

static int txn_put(ov_txn *txn, const char *path, const void *data, size_t len);

int ov_txn_write(ov_txn *txn, const char *path, const void *data, size_t len)
{
	return txn_put(txn, path, data ? data : "", len);
}

int ov_txn_delete(ov_txn *txn, const char *path)
{
	return txn_put(txn, path, NULL, 0);
}

static int txn_put(ov_txn *txn, const char *path, const void *data, size_t len)
{
	size_t i;
	int err;

	for (i = 0; i < txn->nfiles; i++)
		if (!strcmp(txn->files[i].path, path))
			break;
	if (i == txn->nfiles) {
		char *p;
		if (i == OV_TXN_MAX_FILES)
			return ov_error_set(OV_ERROR, "too many files in one commit");
		if (!(p = strdup(path)))
			return ov_error_set(OV_ENOMEM, "out of memory");
		txn->files[i].path = p;
		txn->nfiles++;
	}
	ov_buf_clear(&txn->data[i]);
	if (!data) {
		txn->files[i].data = NULL; /* deleted in this commit */
		txn->files[i].len = 0;
		return OV_OK;
	}
	if ((err = ov_buf_put(&txn->data[i], data, len)) < 0)
		return err;
	txn->files[i].data = txn->data[i].ptr;
	txn->files[i].len = len;
	return OV_OK;
}

int ov_txn_tag(ov_txn *txn, const char *name, const char *target_commit, const char *message)
{
	ov_txn_tagreq *t;
	const char *target = target_commit ? target_commit : "";
	size_t i, n = strlen(target);
	int err;

	if ((err = ov_repo_check_tag_name(name)) < 0)
		return err;
	if (n && (n != 40 || strspn(target, "0123456789abcdef") != 40))
		return ov_error_set(OV_EINVALID, "tag %s: '%s' is not a 40-digit commit id", name,
				    target);
	for (i = 0; i < txn->ntags; i++)
		if (!strcmp(txn->tags[i].name, name)) {
			if (strcmp(txn->tags[i].target, target))
				return ov_error_set(OV_EINVALID,
					"tag %s is asked for twice with different targets", name);
			return OV_OK;
		}
	if (txn->ntags == OV_TXN_MAX_TAGS)
		return ov_error_set(OV_EINVALID, "too many tags in one commit (at most %d)",
				    OV_TXN_MAX_TAGS);
	t = &txn->tags[txn->ntags];
	t->name = strdup(name);
	t->message = strdup(message && *message ? message : name);
	if (!t->name || !t->message) {
		free(t->name);
		free(t->message);
		t->name = t->message = NULL;
		return ov_error_set(OV_ENOMEM, "out of memory");
	}
	memcpy(t->target, target, n + 1);
	txn->ntags++;
	return OV_OK;
}

static void txn_reset(ov_txn *txn)
{
	for (size_t i = 0; i < txn->nfiles; i++) {
		free((char *)txn->files[i].path);
		ov_buf_dispose(&txn->data[i]);
	}
	txn->nfiles = 0;
	ov_buf_dispose(&txn->message);
	free(txn->author_name);
	txn->author_name = NULL;
	memset(txn->files, 0, sizeof(txn->files));
	for (size_t i = 0; i < txn->ntags; i++) {
		free(txn->tags[i].name);
		free(txn->tags[i].message);
	}
	memset(txn->tags, 0, sizeof(txn->tags));
	txn->ntags = 0;
	txn->allow_empty = 0;
}

/* Deletes the tags this attempt created (created[i] set). */
static void drop_tags(ov_txn *txn, const int *created)
{
	for (size_t i = 0; i < txn->ntags; i++)
		if (created[i] && ov_repo_tag_delete(txn->ws->repo, txn->tags[i].name) < 0)
			ov_error_clear();
}

/*
 * Creates the transaction's tags for the written (not yet visible) commit
 * `commit`; created[i] is set for each tag made here (not for one that was
 * there with the same target).  On failure the tags made here are deleted.
 */
static int make_tags(ov_txn *txn, const char *commit, const ov_repo_who *tagger, int *created)
{
	ov_repo *repo = txn->ws->repo;
	size_t i;
	int err = OV_OK;

	for (i = 0; i < txn->ntags && err >= 0; i++) {
		ov_txn_tagreq *t = &txn->tags[i];
		const char *target = *t->target ? t->target : commit;
		char cur[41];
		int anc = 0, tries;

		created[i] = 0;
		if ((err = ov_repo_is_ancestor(&anc, repo, target, commit)) < 0)
			break;
		if (!anc) {
			err = ov_error_set(OV_EINVALID,
				"tag %s: commit %s is not in the history of the new commit",
				t->name, target);
			break;
		}
		for (tries = 0; tries < 2; tries++) {
			err = ov_repo_tag_target(cur, repo, t->name);
			if (err == OV_OK) {
				if (strcmp(cur, target))
					err = ov_error_set(OV_ECONFLICT,
						"tag %s exists already and names %s, not %s",
						t->name, cur, target);
				break;
			}
			if (err != OV_ENOTFOUND)
				break;
			ov_error_clear();
			err = ov_repo_tag(repo, t->name, target, tagger, t->message);
			if (err == OV_OK) {
				created[i] = 1;
				break;
			}
			if (err != OV_EEXISTS)
				break;
			ov_error_clear(); /* made meanwhile by someone else: compare targets */
		}
	}
	if (err < 0)
		drop_tags(txn, created);
	return err;
}

int ov_workspace_transact(ov_workspace *ws, const ov_ws_who *who, ov_txn_fn fn,
			  void *payload, char out_commit[41])
{
	ov_txn txn;
	ov_repo_who author;
	char commit[41];
	int err, tries;

	memset(&txn, 0, sizeof(txn));
	txn.ws = ws;
	if (ws->index && ov_index_readonly(ws->index))
		return ov_error_set(OV_ERROR, "%s: %s; nothing can be changed until the index "
				    "can be written", ws->index_path, ov_index_readonly(ws->index));
	if ((err = ws_lock(ws)) < 0)
		return err;
	if ((err = sync_locked(ws, SYNC_CATCH_UP)) < 0)
		goto done;
	for (tries = 0; tries < 5; tries++) {
		const char *message;
		int created[OV_TXN_MAX_TAGS] = { 0 };

		txn_reset(&txn);
		if ((err = ov_repo_head(txn.head, ws->repo)) < 0)
			goto done;
		if ((err = fn(&txn, payload)) < 0)
			goto done;
		if (!txn.nfiles && !txn.allow_empty) {
			err = ov_error_set(OV_ERROR, "nothing to commit");
			goto done;
		}
		author = *who;
		if (txn.author_name)
			author.name = txn.author_name;
		message = txn.message.ptr ? txn.message.ptr : "change";
		if ((err = ov_repo_commit_object(commit, ws->repo, txn.head, txn.files, txn.nfiles,
						 &author, message)) < 0)
			goto done;
		ov_fault_point("txn-objects-written");
		if ((err = make_tags(&txn, commit, &author, created)) < 0)
			goto done;
		ov_fault_point("txn-tag-written");
		err = ov_repo_move_main(ws->repo, txn.head, commit, &author, message);
		if (err >= 0)
			break;
		drop_tags(&txn, created);
		if (err != OV_ECONFLICT)
			goto done;
		/* Someone outside our lock moved main: rebuild the change on the new head. */
		if (tries + 1 < 5)
			ov_error_clear();
	}
	if (err < 0)
		goto done;
	ov_fault_point("txn-ref-moved");
	if (out_commit)
		memcpy(out_commit, commit, 41);
	/* git holds the change now; the index follows (or is repaired on next open). */
	if (sync_locked(ws, SYNC_AFTER_WRITE) < 0)
		ov_error_clear();
	ov_fault_point("txn-index-written");
	auto_gc(ws);
done:
	txn_reset(&txn);
	ws_unlock(ws);
	return err;
}

/* --- settings ------------------------------------------------------------ */

/* The settings file's bytes (at most 1 MB, never through a symbolic link); -1 when unreadable. */
static int config_bytes(ov_buf *out, ov_workspace *ws)
{
	char chunk[4096];
	ssize_t n;
	int fd = open(ws->config_path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW), rc = 0;

	if (fd < 0)
		return -1;
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || out->size + (size_t)n > (1u << 20) ||
		    ov_buf_put(out, chunk, (size_t)n) < 0) {
			ov_error_clear();
			rc = -1;
			break;
		}
	}
	close(fd);
	return rc;
}

/* Lower-cases git's case-insensitive parts of a setting's name: the section and the last part. */
static void normalise_name(char *name)
{
	char *dot = strchr(name, '.'), *last = strrchr(name, '.');

	for (char *p = name; *p && p != dot; p++)
		*p = (char)tolower((unsigned char)*p);
	for (char *p = last; p && *p; p++)
		*p = (char)tolower((unsigned char)*p);
}

typedef struct settings_list {
	char **names, **values;
	size_t n, cap;
	int includes;
} settings_list;

static int collect_setting(const git_config_entry *e, void *payload)
{
	settings_list *l = payload;

	if (!strncmp(e->name, "include.", 8) || !strncmp(e->name, "includeif.", 10))
		l->includes = 1;
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 16;
		char **nn = realloc(l->names, cap * sizeof(*nn)), **vv;

		if (!nn)
			return -1;
		l->names = nn;
		if (!(vv = realloc(l->values, cap * sizeof(*vv))))
			return -1;
		l->values = vv;
		l->cap = cap;
	}
	l->names[l->n] = strdup(e->name);
	l->values[l->n] = strdup(e->value ? e->value : "");
	if (!l->names[l->n] || !l->values[l->n]) {
		free(l->names[l->n]);
		free(l->values[l->n]);
		return -1;
	}
	l->n++;
	return 0;
}

/*
 * Keeps the index's copy of the settings (ov_index_get_setting) up to date
 * with the file; under the workspace lock, best effort: a copy that cannot
 * be made only means that reads go to the file.  Not for a file with
 * includes, whose other files the copy could not follow.
 */
static void settings_refresh(ov_workspace *ws)
{
	ov_buf file = OV_BUF_INIT, again = OV_BUF_INIT;
	settings_list l = { 0 };
	git_config *cfg = NULL;
	char *probe = NULL;

	if (!ws->index || ov_index_readonly(ws->index) || config_bytes(&file, ws) < 0 ||
	    ov_index_get_setting(&probe, ws->index, file.ptr, file.size, "") == OV_OK)
		goto done;
	if (ov_repo_use(ws->repo) < 0 || git_config_open_ondisk(&cfg, ws->config_path) < 0 ||
	    git_config_foreach(cfg, collect_setting, &l) < 0 || l.includes)
		goto done;
	/* Kept only if the file did not change while libgit2 read it (it is written unlocked). */
	if (config_bytes(&again, ws) < 0 || again.size != file.size ||
	    (file.size && memcmp(again.ptr, file.ptr, file.size)))
		goto done;
	ov_index_put_settings(ws->index, file.ptr, file.size, (const char *const *)l.names,
			      (const char *const *)l.values, l.n);
done:
	ov_error_clear();
	for (size_t i = 0; i < l.n; i++) {
		free(l.names[i]);
		free(l.values[i]);
	}
	free(l.names);
	free(l.values);
	free(probe);
	git_config_free(cfg);
	ov_buf_dispose(&file);
	ov_buf_dispose(&again);
}

/* The setting from the index's copy when the file is as it was copied; OV_ENOTFOUND when not. */
static int config_get_cached(char **out, ov_workspace *ws, const char *key)
{
	ov_buf file = OV_BUF_INIT, name = OV_BUF_INIT;
	const char *dot = strchr(key, '.'), *last = strrchr(key, '.');
	int err = OV_ENOTFOUND;

	/* Only a well-formed name ("section.name"): libgit2 judges the others. */
	if (!dot || dot == key || !last[1] || strstr(key, ".."))
		return OV_ENOTFOUND;
	if (ws->index && config_bytes(&file, ws) == 0 && ov_buf_puts(&name, key) >= 0) {
		normalise_name(name.ptr);
		err = ov_index_get_setting(out, ws->index, file.ptr, file.size, name.ptr);
	}
	ov_error_clear();
	ov_buf_dispose(&file);
	ov_buf_dispose(&name);
	return err == OV_OK ? OV_OK : OV_ENOTFOUND;
}

int ov_config_get(char **out, ov_workspace *ws, const char *key)
{
	git_config *cfg = NULL;
	git_buf b = { 0 };
	int rc, err = OV_OK;

	*out = NULL;
	if (config_get_cached(out, ws, key) == OV_OK)
		return OV_OK;
	if ((err = ov_repo_use(ws->repo)) < 0)
		return err;
	if (git_config_open_ondisk(&cfg, ws->config_path) < 0)
		return ov_error_set(OV_ERROR, "%s: %s", ws->config_path,
				    git_error_last() ? git_error_last()->message : "cannot read");
	rc = git_config_get_string_buf(&b, cfg, key);
	if (rc == 0) {
		if (!(*out = strdup(b.ptr)))
			err = ov_error_set(OV_ENOMEM, "out of memory");
	} else if (rc != GIT_ENOTFOUND) {
		err = ov_error_set(OV_EINVALID, "%s: setting %s: %s", ws->config_path, key,
				   git_error_last() ? git_error_last()->message : "unreadable");
	}
	git_buf_dispose(&b);
	git_config_free(cfg);
	return err;
}

/* git_config_set_string; in an OV_FAULTS build it fails as on a full disk when asked. */
static int config_set(git_config *cfg, const char *key, const char *value)
{
	if (ov_fail(OV_FAIL_GIT)) {
		git_error_set_str(GIT_ERROR_OS, "failed to write config: No space left on device");
		return -1;
	}
	return git_config_set_string(cfg, key, value);
}

int ov_config_set(ov_workspace *ws, const char *key, const char *value)
{
	git_config *cfg = NULL;
	const git_error *e;
	int err = OV_OK;

	if ((err = ov_repo_use(ws->repo)) < 0)
		return err;
	if (git_config_open_ondisk(&cfg, ws->config_path) < 0 ||
	    config_set(cfg, key, value) < 0) {
		/* A bad key or value is the caller's; a file that cannot be written is not. */
		e = git_error_last();
		err = ov_error_set(e && e->klass == GIT_ERROR_CONFIG ? OV_EINVALID : OV_ERROR,
				   "setting %s: %s", key, e ? e->message : "failed");
	}
	git_config_free(cfg);
	/* The index's copy follows the file; a lock that cannot be had only leaves it behind. */
	if (err >= 0) {
		if (ws_lock(ws) >= 0) {
			settings_refresh(ws);
			ws_unlock(ws);
		}
		ov_error_clear();
	}
	return err;
}

/* --- private files ------------------------------------------------------- */

static int private_path(ov_buf *out, ov_workspace *ws, const char *name)
{
	int err;

	if ((err = ov_private_name_check(name)) < 0)
		return err;
	return ov_buf_printf(out, "%s/%s", ws->dir, name);
}

int ov_ws_private_read(ov_buf *out, ov_workspace *ws, const char *name)
{
	ov_buf path = OV_BUF_INIT;
	int err;

	if ((err = private_path(&path, ws, name)) >= 0)
		err = ov_private_read(out, path.ptr);
	ov_buf_dispose(&path);
	return err;
}

struct ov_ws_hold {
	int fd;
};

int ov_ws_hold_take(ov_ws_hold **out, ov_workspace *ws, const char *name)
{
	ov_buf path = OV_BUF_INIT;
	ov_ws_hold *h = NULL;
	int err;

	*out = NULL;
	if ((err = private_path(&path, ws, name)) < 0 || (err = ov_buf_puts(&path, ".lock")) < 0)
		goto done;
	if (!(h = malloc(sizeof(*h)))) {
		err = ov_error_set(OV_ENOMEM, "out of memory");
		goto done;
	}
	if ((err = open_lock_file(&h->fd, path.ptr, 0600)) < 0)
		goto done;
	while (flock(h->fd, LOCK_EX) < 0) {
		if (errno != EINTR) {
			err = ov_error_set(OV_ERROR, "%s: cannot lock: %s", path.ptr,
					   strerror(errno));
			goto done;
		}
	}
	*out = h;
	h = NULL;
done:
	ov_ws_hold_release(h);
	ov_buf_dispose(&path);
	return err;
}

void ov_ws_hold_release(ov_ws_hold *h)
{
	if (!h)
		return;
	if (h->fd >= 0)
		close(h->fd);
	free(h);
}

int ov_ws_private_update(ov_workspace *ws, const char *name, ov_ws_private_fn fn,
			 void *payload)
{
	ov_buf path = OV_BUF_INIT, content = OV_BUF_INIT;
	int err;

	if ((err = private_path(&path, ws, name)) < 0)
		goto done;
	if ((err = ws_lock(ws)) < 0)
		goto done;
	err = ov_private_read(&content, path.ptr);
	if (err == OV_ENOTFOUND) {
		ov_error_clear();
		err = ov_buf_puts(&content, "");
	}
	if (err >= 0 && (err = fn(&content, payload)) == OV_OK)
		err = ov_private_write(path.ptr, content.ptr, content.size);
	ws_unlock(ws);
done:
	/* The old content may hold secrets' digests: leave no copy in freed memory. */
	if (content.ptr)
		explicit_bzero(content.ptr, content.asize);
	ov_buf_dispose(&content);
	ov_buf_dispose(&path);
	return err;
}
