/*
 * index.c - the SQLite index (see index.h).
 *
 * Tables: agreements (one row per agreement: phase, title, its first and
 * last dates), parties, dates (every computed date, for `due` and for the
 * next date on a day), events (one row per
 * commit that touched an agreement, in history order, for `log`), and meta
 * (the git head the index reflects, how much of main's reflog it has
 * read).  For the history audit (audit.c, fsck): heads_seen (every commit
 * main was seen at), findings (what fsck reports, by key), acks
 * (acknowledgement events found in the history) and signed_versions (the
 * first digital signature of each agreement version and the commit its
 * tag must name), and validated with valid_schemas (the definition files
 * that passed their schema, each schema kept once, see ov_ws_valid_known).  Connections use WAL, a busy timeout, synchronous=NORMAL
 * (the index is rebuildable) and STRICT tables.
 *
 * Every SQL statement of Överens is in this file.  What goes into the
 * agreements, parties, dates and events tables arrives as plain rows (the
 * engine's indexer reads the documents and the trailers, see workspace.h);
 * what comes out goes through the typed queries below, which the workspace
 * passes on to the engine (ov_ws_list_agreements, ov_ws_due, ov_ws_events,
 * ov_ws_max_seq, ov_ws_findings, ov_ws_signed_version).
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>
#include <zlib.h>

#include "overens/error.h"
#include "store/fault.h"
#include "store/index.h"

/* How long a connection waits for another's write lock. */
#define BUSY_TIMEOUT_MS 10000

#define OV_STR_(x) #x
#define OV_STR(x) OV_STR_(x)

/*
 * The statements used over and over, prepared on first use: a read
 * command prepares the one or two it runs, not the writer's dozen.
 */
enum {
	PUT_AGREEMENT, PUT_PARTY, PUT_DATE, PUT_EVENT, DEL_AGREEMENT, DEL_PARTIES, DEL_DATES,
	PUT_HEAD, PUT_FILE, DEL_FILE, GET_FILE, NSTMT
};

static const char *const stmt_sql[NSTMT] = {
	[PUT_AGREEMENT] =
		("INSERT OR REPLACE INTO agreements (id, workflow, title, kind, phase, since, version,"
		 " term_start, term_end, next_date, next_kind, next_label, path, last_date)"
		 " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)"),
	[PUT_PARTY] = "INSERT OR REPLACE INTO parties (agreement, role, name, orgnr) VALUES (?,?,?,?)",
	[PUT_DATE] = "INSERT INTO dates (agreement, date, kind, label) VALUES (?,?,?,?)",
	[PUT_EVENT] =
		("INSERT INTO events (agreement, commit_id, event, actor, actor_name, date, time,"
		 " offset, summary, body, phase_from, phase_to, trailers)"
		 " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"),
	[DEL_AGREEMENT] = "DELETE FROM agreements WHERE id = ?",
	[DEL_PARTIES] = "DELETE FROM parties WHERE agreement = ?",
	[DEL_DATES] = "DELETE FROM dates WHERE agreement = ?",
	[PUT_HEAD] = "INSERT OR IGNORE INTO heads_seen (commit_id, first_seen, source) VALUES (?,?,?)",
	[PUT_FILE] = "INSERT OR REPLACE INTO head_files (path, size, data) VALUES (?,?,?)",
	[DEL_FILE] = "DELETE FROM head_files WHERE path = ?",
	[GET_FILE] = ("SELECT f.size, f.data FROM head_files f, meta m"
		      " WHERE f.path = ?1 AND m.key = 'git_head' AND m.value = ?2"),
};

struct ov_index {
	sqlite3 *db;
	sqlite3_stmt *stmt[NSTMT]; /* NULL until first used */
	char *readonly; /* why the file could only be opened for reading, or NULL */
};

static const char schema_sql[] =
	"CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;"
	"CREATE TABLE IF NOT EXISTS agreements ("
	" id TEXT PRIMARY KEY, workflow TEXT NOT NULL, title TEXT NOT NULL,"
	" kind TEXT NOT NULL, phase TEXT NOT NULL, since TEXT NOT NULL, version INTEGER NOT NULL,"
	" term_start TEXT, term_end TEXT, next_date TEXT, next_kind TEXT, next_label TEXT,"
	" path TEXT NOT NULL, last_date TEXT) STRICT, WITHOUT ROWID;"
	"CREATE INDEX IF NOT EXISTS agreements_by_last_date ON agreements(last_date);"
	"CREATE TABLE IF NOT EXISTS parties ("
	" agreement TEXT NOT NULL, role TEXT NOT NULL, name TEXT NOT NULL, orgnr TEXT,"
	" PRIMARY KEY (agreement, role)) STRICT;"
	"CREATE INDEX IF NOT EXISTS parties_by_orgnr ON parties(orgnr, agreement);"
	"CREATE TABLE IF NOT EXISTS dates ("
	" agreement TEXT NOT NULL, date TEXT NOT NULL, kind TEXT NOT NULL, label TEXT NOT NULL) STRICT;"
	"CREATE INDEX IF NOT EXISTS dates_by_date ON dates(date, agreement, kind);"
	"CREATE INDEX IF NOT EXISTS dates_by_agreement ON dates(agreement, date, kind, label);"
	"CREATE TABLE IF NOT EXISTS events ("
	" seq INTEGER PRIMARY KEY AUTOINCREMENT, agreement TEXT NOT NULL, commit_id TEXT NOT NULL,"
	" event TEXT NOT NULL, actor TEXT NOT NULL, actor_name TEXT NOT NULL, date TEXT NOT NULL,"
	" time INTEGER NOT NULL, offset INTEGER NOT NULL, summary TEXT NOT NULL, body TEXT NOT NULL,"
	" phase_from TEXT NOT NULL, phase_to TEXT NOT NULL, trailers TEXT NOT NULL) STRICT;"
	"CREATE INDEX IF NOT EXISTS events_by_agreement ON events(agreement, seq);"
	"CREATE TABLE IF NOT EXISTS heads_seen ("
	" commit_id TEXT PRIMARY KEY, first_seen INTEGER NOT NULL, source TEXT NOT NULL)"
	" STRICT, WITHOUT ROWID;"
	"CREATE TABLE IF NOT EXISTS findings ("
	" key TEXT PRIMARY KEY, kind TEXT NOT NULL, old_id TEXT NOT NULL, new_id TEXT NOT NULL,"
	" commit_id TEXT NOT NULL, agreement TEXT NOT NULL, version INTEGER NOT NULL,"
	" time INTEGER NOT NULL, detail TEXT NOT NULL) STRICT;"
	"CREATE TABLE IF NOT EXISTS acks ("
	" key TEXT PRIMARY KEY, commit_id TEXT NOT NULL, actor TEXT NOT NULL,"
	" time INTEGER NOT NULL) STRICT;"
	"CREATE TABLE IF NOT EXISTS validated ("
	" key TEXT PRIMARY KEY, doc BLOB NOT NULL, schema_key TEXT NOT NULL) STRICT;"
	"CREATE TABLE IF NOT EXISTS valid_schemas ("
	" key TEXT PRIMARY KEY, bytes BLOB NOT NULL) STRICT;"
	"CREATE TABLE IF NOT EXISTS signed_versions ("
	" agreement TEXT NOT NULL, version INTEGER NOT NULL, sign_commit TEXT NOT NULL,"
	" target TEXT NOT NULL, PRIMARY KEY (agreement, version)) STRICT;"
	"CREATE TABLE IF NOT EXISTS settings (name TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;"
	"CREATE TABLE IF NOT EXISTS head_files ("
	" path TEXT PRIMARY KEY, size INTEGER NOT NULL, data BLOB NOT NULL) STRICT;";

static int db_error(sqlite3 *db, const char *what)
{
	return ov_error_set(OV_ERROR, "index: %s: %s", what, sqlite3_errmsg(db));
}

static int exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		int err = ov_error_set(OV_ERROR, "index: %s", msg ? msg : sqlite3_errmsg(db));
		sqlite3_free(msg);
		return err;
	}
	return OV_OK;
}

static int prepare(sqlite3 *db, sqlite3_stmt **st, const char *sql)
{
	if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) != SQLITE_OK)
		return db_error(db, "prepare");
	return OV_OK;
}

/* *out: statement `which` of `idx`, prepared now if it was not yet. */
static int stmt(sqlite3_stmt **out, ov_index *idx, int which)
{
	int err;

	if (!idx->stmt[which] && (err = prepare(idx->db, &idx->stmt[which], stmt_sql[which])) < 0)
		return err;
	*out = idx->stmt[which];
	return OV_OK;
}

static int user_version(sqlite3 *db, int *out)
{
	sqlite3_stmt *st = NULL;
	int rc;

	*out = -1;
	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return db_error(db, "user_version");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? OV_OK : db_error(db, "user_version");
}

/*
 * 1 when PRAGMA quick_check finds the file sound.  It reads the whole
 * database, so it is not run on every open (WAL keeps the file consistent
 * through a crash of the process): see ov_index_check's callers.
 */
static int quick_check_ok(sqlite3 *db)
{
	sqlite3_stmt *st = NULL;
	int ok = 0;

	if (sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &st, NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(st, 0);
		ok = t && !strcmp((const char *)t, "ok");
	}
	sqlite3_finalize(st);
	return ok;
}

/* 1 for the failures of the file system (full, I/O, permissions), not of the file. */
static int is_system_failure(int code)
{
	switch (code & 0xff) {
	case SQLITE_IOERR: case SQLITE_FULL: case SQLITE_CANTOPEN:
	case SQLITE_READONLY: case SQLITE_PERM: case SQLITE_NOMEM:
		return 1;
	default:
		return 0;
	}
}

/*
 * The index as it is on disk, for reading only, when it cannot be opened
 * for writing (a full disk cannot even give SQLite its shared-memory file):
 * the commands that only read keep working.  Possible only when nothing is
 * waiting in the write-ahead log, which a finished write leaves empty; the
 * file is opened "immutable" (no locks, no shared memory), so it is not
 * used for longer than one command.
 */
static int open_readonly(ov_index *idx, const char *path, const char *why)
{
	ov_buf uri = OV_BUF_INIT, wal = OV_BUF_INIT;
	struct stat st;
	int err;

	sqlite3_close(idx->db);
	idx->db = NULL;
	if ((err = ov_buf_printf(&wal, "%s-wal", path)) < 0 ||
	    (err = ov_buf_puts(&uri, "file:")) < 0)
		goto done;
	if (stat(wal.ptr, &st) == 0 && st.st_size > 0) {
		err = ov_error_set(OV_ERROR, "index %s: %s, and its write-ahead log is not "
				   "empty, so it cannot be read either", path, why);
		goto done;
	}
	for (const unsigned char *p = (const unsigned char *)path; *p && err >= 0; p++)
		err = (*p == '%' || *p == '?' || *p == '#' || *p < 0x21 || *p > 0x7e)
			      ? ov_buf_printf(&uri, "%%%02X", *p)
			      : ov_buf_putc(&uri, (char)*p);
	if (err < 0 || (err = ov_buf_puts(&uri, "?immutable=1")) < 0)
		goto done;
	if (sqlite3_open_v2(uri.ptr, &idx->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI |
			    SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		err = ov_error_set(OV_ERROR, "index %s: %s; read-only: %s", path, why,
				   idx->db ? sqlite3_errmsg(idx->db) : "cannot open");
		goto done;
	}
	if (!(idx->readonly = strdup(why)))
		err = ov_error_set(OV_ENOMEM, "out of memory");
done:
	ov_buf_dispose(&uri);
	ov_buf_dispose(&wal);
	return err;
}

/* The reason of the last failure on `db`, with the system's error when there is one. */
static int failure_reason(ov_buf *out, sqlite3 *db)
{
	int sys = sqlite3_system_errno(db);

	return sys ? ov_buf_printf(out, "%s (%s)", sqlite3_errmsg(db), strerror(sys))
		   : ov_buf_puts(out, sqlite3_errmsg(db));
}

/*
 * The write-ahead log and its shared-memory file stay when the last
 * connection closes.  Without this, every command (most only read) made
 * both files, sized the shared memory with eight writes, and removed both
 * at its end: six changes to the workspace's directory per process.  The
 * log is emptied when the last connection closes (the size limit of 0),
 * so a stale log never holds data, and the read-only fallback (see
 * open_readonly) still finds it empty after a finished write.
 */
static void keep_wal_files(sqlite3 *db)
{
	int on = 1;

	sqlite3_file_control(db, "main", SQLITE_FCNTL_PERSIST_WAL, &on);
	sqlite3_exec(db, "PRAGMA journal_size_limit=0", NULL, NULL, NULL);
}

int ov_index_open(ov_index **out, const char *path, int *stale)
{
	ov_index *idx = NULL;
	int err = OV_OK, version, is_new;

	*out = NULL;
	*stale = 0;
	ov_fault_setup_sqlite();
	if (!(idx = calloc(1, sizeof(*idx))))
		return ov_error_set(OV_ENOMEM, "out of memory");
	/*
	 * NOFOLLOW: a symbolic link at the index's path is refused, not followed.
	 * NOMUTEX: a connection belongs to one workspace handle, which one thread
	 * uses at a time (the web server lends each request its own, under a
	 * lock), so SQLite need not lock the connection around every call --
	 * which cost a fifth of a `list` of 10,000 agreements.
	 */
	if (sqlite3_open_v2(path, &idx->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
			    SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		err = ov_error_set(OV_ERROR, "index %s: %s", path,
				   idx->db ? sqlite3_errmsg(idx->db) : "cannot open");
		goto done;
	}
	sqlite3_busy_timeout(idx->db, BUSY_TIMEOUT_MS);
	if ((err = exec(idx->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
				  "PRAGMA foreign_keys=ON;")) < 0) {
		ov_buf why = OV_BUF_INIT;
		struct stat st;

		ov_error_clear();
		err = OV_OK;
		if (!is_system_failure(sqlite3_errcode(idx->db))) {
			*stale = 1; /* not a database we can use: rebuild */
			goto done;
		}
		/* The file system failed, not the file: read it as it is, if it has data. */
		if ((err = failure_reason(&why, idx->db)) >= 0) {
			err = stat(path, &st) == 0 && st.st_size > 0
				      ? open_readonly(idx, path, why.ptr)
				      : ov_error_set(OV_ERROR, "index %s: %s", path, why.ptr);
		}
		ov_buf_dispose(&why);
		if (err < 0)
			goto done;
	} else {
		keep_wal_files(idx->db);
	}
	if ((err = user_version(idx->db, &version)) < 0) {
		*stale = 1;
		ov_error_clear();
		err = OV_OK;
		goto done;
	}
	is_new = version == 0;
	if (idx->readonly && version != OV_INDEX_VERSION) {
		err = ov_error_set(OV_ERROR, "index %s: %s, and it must be rebuilt", path,
				   idx->readonly);
		goto done;
	}
	if (!is_new && version != OV_INDEX_VERSION) {
		*stale = 1;
		goto done;
	}
	if (is_new) {
		if ((err = exec(idx->db, "BEGIN IMMEDIATE")) < 0)
			goto done;
		if ((err = user_version(idx->db, &version)) < 0 ||
		    (version == 0 &&
		     ((err = exec(idx->db, schema_sql)) < 0 ||
		      (err = exec(idx->db, "PRAGMA user_version=" OV_STR(OV_INDEX_VERSION))) < 0))) {
			exec(idx->db, "ROLLBACK");
			goto done;
		}
		if ((err = exec(idx->db, "COMMIT")) < 0)
			goto done;
	}
done:
	if (err < 0 || *stale) {
		ov_index_free(idx);
		idx = NULL;
	}
	*out = idx;
	return err;
}

int ov_index_check(ov_index *idx)
{
	int ok = quick_check_ok(idx->db);

	ov_fault_point("index-checked");
	return ok;
}

void ov_index_free(ov_index *idx)
{
	if (!idx)
		return;
	for (int i = 0; i < NSTMT; i++)
		sqlite3_finalize(idx->stmt[i]);
	sqlite3_close(idx->db);
	free(idx->readonly);
	free(idx);
}

const char *ov_index_readonly(const ov_index *idx)
{
	return idx ? idx->readonly : NULL;
}

void ov_index_checkpoint(ov_index *idx)
{
	sqlite3_exec(idx->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
}

int ov_index_head(char out[41], ov_index *idx)
{
	sqlite3_stmt *st = NULL;
	int rc;

	out[0] = '\0';
	if (sqlite3_prepare_v2(idx->db, "SELECT value FROM meta WHERE key = 'git_head'", -1,
			       &st, NULL) != SQLITE_OK)
		return db_error(idx->db, "reading the head");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(st, 0);
		if (t && strlen((const char *)t) <= 40)
			memcpy(out, t, strlen((const char *)t) + 1);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? OV_OK : db_error(idx->db, "reading the head");
}

int ov_index_set_head(ov_index *idx, const char *head)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(idx->db,
		"INSERT OR REPLACE INTO meta (key, value) VALUES ('git_head', ?)", -1, &st, NULL)
	    != SQLITE_OK)
		return db_error(idx->db, "setting the head");
	sqlite3_bind_text(st, 1, head, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? OV_OK : db_error(idx->db, "setting the head");
}

int ov_index_begin(ov_index *idx)
{
	return exec(idx->db, "BEGIN IMMEDIATE");
}

int ov_index_commit(ov_index *idx)
{
	return exec(idx->db, "COMMIT");
}

void ov_index_rollback(ov_index *idx)
{
	if (!sqlite3_get_autocommit(idx->db))
		sqlite3_exec(idx->db, "ROLLBACK", NULL, NULL, NULL);
}

static int run(sqlite3 *db, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? OV_OK : db_error(db, what);
}

static void bind_opt(sqlite3_stmt *st, int i, const char *s)
{
	if (s && *s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

int ov_index_remove_agreement(ov_index *idx, const char *id)
{
	static const int dels[] = { DEL_AGREEMENT, DEL_PARTIES, DEL_DATES };
	sqlite3_stmt *st;
	int err;

	for (size_t i = 0; i < sizeof(dels) / sizeof(dels[0]); i++) {
		if ((err = stmt(&st, idx, dels[i])) < 0)
			return err;
		sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
		if ((err = run(idx->db, st, "removing an agreement")) < 0)
			return err;
	}
	return OV_OK;
}

/* --- the files at head ------------------------------------------------------ */

/* Files above this are read from git each time (no agreement text comes near it). */
#define HEAD_FILE_MAX (16u << 20)

int ov_index_put_file(ov_index *idx, const char *path, const void *data, size_t len)
{
	sqlite3_stmt *st;
	uLongf zlen;
	Bytef *z;
	int err;

	if (len > HEAD_FILE_MAX)
		return ov_index_remove_file(idx, path);
	if ((err = stmt(&st, idx, PUT_FILE)) < 0)
		return err;
	zlen = compressBound((uLong)len);
	if (!(z = malloc(zlen ? zlen : 1)))
		return ov_error_set(OV_ENOMEM, "out of memory");
	if (compress2(z, &zlen, data, (uLong)len, Z_BEST_SPEED) != Z_OK) {
		free(z);
		return ov_error_set(OV_ERROR, "index: deflating %s failed", path);
	}
	sqlite3_bind_text(st, 1, path, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)len);
	sqlite3_bind_blob(st, 3, z, (int)zlen, SQLITE_TRANSIENT);
	err = run(idx->db, st, "storing a file");
	free(z);
	return err;
}

int ov_index_remove_file(ov_index *idx, const char *path)
{
	sqlite3_stmt *st;
	int err;

	if ((err = stmt(&st, idx, DEL_FILE)) < 0)
		return err;
	sqlite3_bind_text(st, 1, path, -1, SQLITE_TRANSIENT);
	return run(idx->db, st, "removing a file");
}

int ov_index_read_file(ov_buf *out, ov_index *idx, const char *path, const char *head)
{
	sqlite3_stmt *st;
	sqlite3_int64 size = -1;
	uLongf got;
	int rc, err = OV_ENOTFOUND;

	if (stmt(&st, idx, GET_FILE) < 0) {
		ov_error_clear(); /* as any other failure here: the read goes to git */
		return OV_ENOTFOUND;
	}
	sqlite3_bind_text(st, 1, path, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, head, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		size = sqlite3_column_int64(st, 0);
	/* Anything unexpected (no row, an error, a bad size) leaves the read to git. */
	if (size >= 0 && size <= (sqlite3_int64)HEAD_FILE_MAX &&
	    (ov_buf_grow(out, out->size + (size_t)size + 1) >= 0 || (ov_error_clear(), 0))) {
		const void *z = sqlite3_column_blob(st, 1);
		int zlen = sqlite3_column_bytes(st, 1);

		got = (uLongf)size;
		if (z && uncompress((Bytef *)out->ptr + out->size, &got, z, (uLong)zlen) == Z_OK &&
		    got == (uLongf)size) {
			out->size += (size_t)size;
			out->ptr[out->size] = '\0';
			err = OV_OK;
		} else if (out->ptr) {
			out->ptr[out->size] = '\0';
		}
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return err;
}

int ov_index_head_tree(char out[41], ov_index *idx, const char *head)
{
	sqlite3_stmt *st = NULL;
	int err = OV_ENOTFOUND;

	out[0] = '\0';
	if (sqlite3_prepare_v2(idx->db, "SELECT t.value FROM meta h, meta t WHERE h.key = 'git_head'"
			       " AND h.value = ?1 AND t.key = 'git_head_tree'", -1, &st, NULL) !=
	    SQLITE_OK)
		return db_error(idx->db, "reading the head's tree");
	sqlite3_bind_text(st, 1, head, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(st, 0);

		if (t && strlen((const char *)t) == 40) {
			memcpy(out, t, 41);
			err = OV_OK;
		}
	}
	sqlite3_finalize(st);
	return err;
}

/* --- the settings ------------------------------------------------------------ */

static int put_settings(ov_index *idx, const void *file, size_t len,
			const char *const *names, const char *const *values, size_t n)
{
	sqlite3_stmt *st = NULL;
	int err;

	if ((err = exec(idx->db, "DELETE FROM settings")) < 0)
		return err;
	if (sqlite3_prepare_v2(idx->db, "INSERT OR REPLACE INTO settings (name, value) VALUES (?,?)",
			       -1, &st, NULL) != SQLITE_OK)
		return db_error(idx->db, "storing the settings");
	for (size_t i = 0; i < n && err >= 0; i++) {
		sqlite3_bind_text(st, 1, names[i], -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, values[i], -1, SQLITE_TRANSIENT);
		err = run(idx->db, st, "storing the settings");
	}
	sqlite3_finalize(st);
	if (err < 0)
		return err;
	if (sqlite3_prepare_v2(idx->db, "INSERT OR REPLACE INTO meta (key, value) "
			       "VALUES ('settings_file', ?)", -1, &st, NULL) != SQLITE_OK)
		return db_error(idx->db, "storing the settings");
	sqlite3_bind_text(st, 1, len ? file : "", (int)len, SQLITE_TRANSIENT);
	err = run(idx->db, st, "storing the settings");
	sqlite3_finalize(st);
	return err;
}

int ov_index_put_settings(ov_index *idx, const void *file, size_t len,
			  const char *const *names, const char *const *values, size_t n)
{
	int err;

	if (len > (1u << 20))
		return OV_OK; /* not kept: read from the file each time */
	if ((err = ov_index_begin(idx)) < 0)
		return err;
	if ((err = put_settings(idx, file, len, names, values, n)) >= 0)
		err = ov_index_commit(idx);
	if (err < 0)
		ov_index_rollback(idx);
	return err;
}

int ov_index_get_setting(char **out, ov_index *idx, const void *file, size_t len,
			 const char *name)
{
	sqlite3_stmt *st = NULL;
	int err = OV_ENOTFOUND;

	*out = NULL;
	if (len > (1u << 20) ||
	    sqlite3_prepare_v2(idx->db, "SELECT (SELECT value FROM meta WHERE key = 'settings_file')"
			       " = ?1, (SELECT value FROM settings WHERE name = ?2)", -1, &st,
			       NULL) != SQLITE_OK) {
		sqlite3_finalize(st);
		return OV_ENOTFOUND;
	}
	sqlite3_bind_text(st, 1, len ? file : "", (int)len, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 1) {
		const unsigned char *v = sqlite3_column_text(st, 1);

		err = OV_OK;
		if (v && !(*out = strdup((const char *)v)))
			err = ov_error_set(OV_ENOMEM, "out of memory");
	}
	sqlite3_finalize(st);
	return err;
}

/* A date's label (its kind when it has none). */
static const char *date_label(const ov_ws_row_date *d)
{
	return d->label ? d->label : d->kind;
}

static int put_dates(ov_index *idx, const ov_ws_agreement_row *row)
{
	sqlite3_stmt *st;
	int err = stmt(&st, idx, PUT_DATE);

	for (size_t i = 0; i < row->ndates && err >= 0; i++) {
		const ov_ws_row_date *d = &row->dates[i];
		if (!d->value || !d->kind)
			continue;
		sqlite3_bind_text(st, 1, row->id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, d->value, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, d->kind, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 4, date_label(d), -1, SQLITE_TRANSIENT);
		err = run(idx->db, st, "indexing a date");
	}
	return err;
}

static int put_parties(ov_index *idx, const ov_ws_agreement_row *row)
{
	sqlite3_stmt *st;
	int err = stmt(&st, idx, PUT_PARTY);

	for (size_t i = 0; i < row->nparties && err >= 0; i++) {
		const ov_ws_row_party *p = &row->parties[i];
		if (!p->role)
			continue;
		sqlite3_bind_text(st, 1, row->id, -1, SQLITE_TRANSIENT);
		bind_opt(st, 2, p->role);
		sqlite3_bind_text(st, 3, p->name ? p->name : "", -1, SQLITE_TRANSIENT);
		bind_opt(st, 4, p->orgnr);
		err = run(idx->db, st, "indexing a party");
	}
	return err;
}

static void bind_str(sqlite3_stmt *st, int i, const char *s)
{
	sqlite3_bind_text(st, i, s ? s : "", -1, SQLITE_TRANSIENT);
}

/* Orders dates as the index dates_by_agreement does: by date, kind, label. */
static int date_cmp(const ov_ws_row_date *a, const ov_ws_row_date *b)
{
	int c = strcmp(a->value, b->value);

	if (!c)
		c = strcmp(a->kind, b->kind);
	return c ? c : strcmp(date_label(a), date_label(b));
}

/*
 * The agreement's first date (in dates_by_agreement's order, so that it is
 * the row the list query would find) and its last date, from the dates
 * the engine computed: *first and *last NULL when it has none.
 */
static void first_last(const ov_ws_row_date **first, const char **last,
		       const ov_ws_agreement_row *row)
{
	*first = NULL;
	*last = NULL;
	for (size_t i = 0; i < row->ndates; i++) {
		const ov_ws_row_date *d = &row->dates[i];
		if (!d->value || !d->kind)
			continue;
		if (!*first || date_cmp(d, *first) < 0)
			*first = d;
		if (!*last || strcmp(d->value, *last) > 0)
			*last = d->value;
	}
}

/*
 * The agreements row keeps the first of the agreement's dates in
 * next_date/next_kind/next_label and the last in last_date.  The next date
 * on a day depends on the day, so the dates table keeps all of them; but a
 * first date on or after the day is the answer itself (list needs no look
 * into dates), and last_date answers "which agreements have dates, all
 * before a day" by an index range (due and list compute those from their
 * rules: see ov_ws_list_dated_before).
 */
int ov_index_put_agreement(ov_index *idx, const ov_ws_agreement_row *row, const char *path)
{
	sqlite3_stmt *st;
	const ov_ws_row_date *first;
	const char *last;
	int err;

	if (!row->id || !row->workflow)
		return ov_error_set(OV_EINVALID, "%s: agreement without id or workflow", path);
	if ((err = ov_index_remove_agreement(idx, row->id)) < 0 ||
	    (err = put_dates(idx, row)) < 0 || (err = put_parties(idx, row)) < 0 ||
	    (err = stmt(&st, idx, PUT_AGREEMENT)) < 0)
		return err;
	bind_str(st, 1, row->id);
	bind_str(st, 2, row->workflow);
	bind_str(st, 3, row->title);
	bind_str(st, 4, row->kind);
	bind_str(st, 5, row->phase);
	bind_str(st, 6, row->since);
	sqlite3_bind_int(st, 7, row->version);
	bind_opt(st, 8, row->term_start);
	bind_opt(st, 9, row->term_end);
	first_last(&first, &last, row);
	bind_opt(st, 10, first ? first->value : NULL);
	bind_opt(st, 11, first ? first->kind : NULL);
	bind_opt(st, 12, first ? date_label(first) : NULL);
	sqlite3_bind_text(st, 13, path, -1, SQLITE_TRANSIENT);
	bind_opt(st, 14, last);
	return run(idx->db, st, "indexing an agreement");
}

int ov_index_put_event(ov_index *idx, const ov_index_event *ev)
{
	sqlite3_stmt *st;
	int err;

	if ((err = stmt(&st, idx, PUT_EVENT)) < 0)
		return err;
	sqlite3_bind_text(st, 1, ev->agreement, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, ev->commit, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, ev->event ? ev->event : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, ev->actor ? ev->actor : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, ev->actor_name ? ev->actor_name : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 6, ev->date ? ev->date : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 7, ev->when);
	sqlite3_bind_int(st, 8, ev->offset);
	sqlite3_bind_text(st, 9, ev->summary ? ev->summary : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 10, ev->body ? ev->body : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 11, ev->phase_from ? ev->phase_from : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 12, ev->phase_to ? ev->phase_to : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 13, ev->trailers ? ev->trailers : "", -1, SQLITE_TRANSIENT);
	return run(idx->db, st, "indexing an event");
}

int ov_index_max_seq(int *out, ov_index *idx, int year)
{
	sqlite3_stmt *st = NULL;
	char prefix[16];
	int rc;

	*out = 0;
	snprintf(prefix, sizeof(prefix), "%04d-", year);
	if (sqlite3_prepare_v2(idx->db,
		"SELECT max(CAST(substr(id, 6) AS INTEGER)) FROM agreements WHERE substr(id, 1, 5) = ?",
		-1, &st, NULL) != SQLITE_OK)
		return db_error(idx->db, "finding the next id");
	sqlite3_bind_text(st, 1, prefix, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? OV_OK : db_error(idx->db, "finding the next id");
}

/* --- queries ---------------------------------------------------------------- */

/* A text column, NULL when the value is NULL. */
static const char *txt(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

/* The caller's callback (one of three) and its payload. */
typedef struct query {
	ov_ws_list_cb list;
	ov_ws_due_cb due;
	ov_ws_event_cb event;
	void *payload;
} query;
typedef int (*row_fn)(sqlite3_stmt *st, const query *q);

/*
 * Steps `st` (prepared, bound) to its end, calling row(st, q) for each row;
 * a non-zero return stops and is returned.  Finalizes `st`.
 */
static int each_row(ov_index *idx, sqlite3_stmt *st, const char *what, row_fn row,
		    const query *q)
{
	int rc, err = OV_OK;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((err = row(st, q)) != 0)
			break;
	if (!err && rc != SQLITE_DONE)
		err = db_error(idx->db, what);
	sqlite3_finalize(st);
	return err;
}

static int list_row(sqlite3_stmt *st, const query *q)
{
	ov_ws_list_row r;

	r.id = txt(st, 0);
	r.title = txt(st, 1);
	r.workflow = txt(st, 2);
	r.phase = txt(st, 3);
	r.version = sqlite3_column_int(st, 4);
	r.next_date = txt(st, 5);
	/* no date, no label (the query takes both from one row); a column read costs */
	r.next_label = r.next_date ? txt(st, 6) : NULL;
	r.dated = sqlite3_column_int(st, 7);
	return q->list(&r, q->payload);
}

/* The agreements `orgnr` is a party to (all when NULL), by id: the query's WHERE. */
#define LIST_WHERE_PARTY " WHERE a.id IN (SELECT p.agreement FROM parties p WHERE p.orgnr = ?2)"

/*
 * The list query: every agreement, or those `orgnr` is a party to, or
 * (dated_before) those whose dates all lie before `today`; each with its
 * first date on or after `today`.
 */
static int list_query(ov_index *idx, const char *orgnr, int dated_before, const char *today,
		      size_t limit, size_t offset, ov_ws_list_cb cb, void *payload)
{
	static const char head[] =
		"SELECT a.id, a.title, a.workflow, a.phase, a.version,"
		" CASE WHEN a.next_date >= ?1 THEN a.next_date WHEN a.next_date IS NOT NULL THEN"
		"  (SELECT d.date FROM dates d WHERE d.agreement = a.id AND d.date >= ?1"
		"   ORDER BY d.date, d.kind, d.label LIMIT 1) END,"
		" CASE WHEN a.next_date >= ?1 THEN a.next_label WHEN a.next_date IS NOT NULL THEN"
		"  (SELECT d.label FROM dates d WHERE d.agreement = a.id AND d.date >= ?1"
		"   ORDER BY d.date, d.kind, d.label LIMIT 1) END,"
		" a.last_date IS NOT NULL"
		" FROM agreements a";
	static const char tail[] = " ORDER BY a.id LIMIT ?3 OFFSET ?4";
	sqlite3_stmt *st = NULL;
	query q = { cb, NULL, NULL, payload };
	ov_buf sql = OV_BUF_INIT;
	int rc;

	/* Those dated before: by the index on last_date (the caller needs no order). */
	ov_buf_printf(&sql, "%s%s%s", head,
		      dated_before ? " WHERE a.last_date < ?2" : orgnr ? LIST_WHERE_PARTY : "",
		      dated_before ? " LIMIT ?3 OFFSET ?4" : tail);
	if (!sql.ptr)
		return ov_error_set(OV_ENOMEM, "out of memory");
	rc = sqlite3_prepare_v2(idx->db, sql.ptr, -1, &st, NULL);
	ov_buf_dispose(&sql);
	if (rc != SQLITE_OK)
		return db_error(idx->db, "list");
	sqlite3_bind_text(st, 1, today, -1, SQLITE_TRANSIENT);
	if (dated_before || orgnr)
		sqlite3_bind_text(st, 2, dated_before ? today : orgnr, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, limit ? (sqlite3_int64)limit : -1);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)offset);
	return each_row(idx, st, "list", list_row, &q);
}

int ov_index_list_agreements_for(ov_index *idx, const char *orgnr, const char *today,
				 size_t limit, size_t offset, ov_ws_list_cb cb, void *payload)
{
	return list_query(idx, orgnr, 0, today, limit, offset, cb, payload);
}

int ov_index_list_dated_before(ov_index *idx, const char *day, ov_ws_list_cb cb,
			       void *payload)
{
	return list_query(idx, NULL, 1, day, 0, 0, cb, payload);
}

int ov_index_list_agreements(ov_index *idx, const char *today, ov_ws_list_cb cb,
			     void *payload)
{
	return ov_index_list_agreements_for(idx, NULL, today, 0, 0, cb, payload);
}

int ov_index_count_agreements(size_t *out, ov_index *idx, const char *orgnr)
{
	sqlite3_stmt *st = NULL;
	int rc;

	*out = 0;
	if (sqlite3_prepare_v2(idx->db, orgnr
		? "SELECT count(*) FROM agreements a" LIST_WHERE_PARTY
		: "SELECT count(*) FROM agreements a", -1, &st, NULL) != SQLITE_OK)
		return db_error(idx->db, "counting agreements");
	if (orgnr)
		sqlite3_bind_text(st, 2, orgnr, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = (size_t)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? OV_OK : db_error(idx->db, "counting agreements");
}

int ov_index_agreement_party(int *party, ov_index *idx, const char *id, const char *orgnr)
{
	sqlite3_stmt *st = NULL;
	int rc, err = OV_OK;

	*party = 0;
	if (sqlite3_prepare_v2(idx->db,
		"SELECT (SELECT count(*) FROM parties p WHERE p.agreement = a.id AND p.orgnr = ?2)"
		" FROM agreements a WHERE a.id = ?1", -1, &st, NULL) != SQLITE_OK)
		return db_error(idx->db, "reading an agreement's parties");
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	if (orgnr)
		sqlite3_bind_text(st, 2, orgnr, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*party = sqlite3_column_int(st, 0) > 0;
	else if (rc == SQLITE_DONE)
		err = ov_error_set(OV_ENOTFOUND, "no agreement %s in this workspace", id);
	else
		err = db_error(idx->db, "reading an agreement's parties");
	sqlite3_finalize(st);
	return err;
}

static int due_row(sqlite3_stmt *st, const query *q)
{
	ov_ws_due_row r;

	r.date = txt(st, 0);
	r.kind = txt(st, 1);
	r.label = txt(st, 2);
	r.agreement = txt(st, 3);
	r.title = txt(st, 4);
	return q->due(&r, q->payload);
}

int ov_index_due(ov_index *idx, const char *from, const char *to, ov_ws_due_cb cb,
		 void *payload)
{
	sqlite3_stmt *st = NULL;
	query q = { NULL, cb, NULL, payload };

	if (sqlite3_prepare_v2(idx->db,
		"SELECT d.date, d.kind, d.label, d.agreement, a.title FROM dates d"
		" JOIN agreements a ON a.id = d.agreement"
		" WHERE d.date >= ? AND d.date <= ? ORDER BY d.date, d.agreement, d.kind",
		-1, &st, NULL) != SQLITE_OK)
		return db_error(idx->db, "due");
	sqlite3_bind_text(st, 1, from, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, to, -1, SQLITE_TRANSIENT);
	return each_row(idx, st, "due", due_row, &q);
}

static int event_row(sqlite3_stmt *st, const query *q)
{
	ov_ws_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.commit = txt(st, 0);
	ev.event = txt(st, 1);
	ev.actor = txt(st, 2);
	ev.actor_name = txt(st, 3);
	ev.date = txt(st, 4);
	ev.summary = txt(st, 5);
	ev.body = txt(st, 6);
	ev.phase_from = txt(st, 7);
	ev.phase_to = txt(st, 8);
	ev.trailers = txt(st, 9);
	ev.when = sqlite3_column_int64(st, 10);
	ev.offset = sqlite3_column_int(st, 11);
	return q->event(&ev, q->payload);
}

int ov_index_events(ov_index *idx, const char *agreement, ov_ws_event_cb cb, void *payload)
{
	sqlite3_stmt *st = NULL;
	query q = { NULL, NULL, cb, payload };

	if (sqlite3_prepare_v2(idx->db,
		"SELECT commit_id, event, actor, actor_name, date, summary, body, phase_from,"
		" phase_to, trailers, time, offset FROM events WHERE agreement = ? ORDER BY seq",
		-1, &st, NULL) != SQLITE_OK)
		return db_error(idx->db, "log");
	sqlite3_bind_text(st, 1, agreement, -1, SQLITE_TRANSIENT);
	return each_row(idx, st, "log", event_row, &q);
}

/* --- meta ------------------------------------------------------------------ */

int ov_index_meta(char **out, ov_index *idx, const char *key)
{
	sqlite3_stmt *st = NULL;
	int rc, err = OV_OK;

	*out = NULL;
	if (sqlite3_prepare_v2(idx->db, "SELECT value FROM meta WHERE key = ?", -1, &st, NULL)
	    != SQLITE_OK)
		return db_error(idx->db, "reading a setting");
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(st, 0);
		if (!(*out = strdup(t ? (const char *)t : "")))
			err = ov_error_set(OV_ENOMEM, "out of memory");
	} else if (rc != SQLITE_DONE) {
		err = db_error(idx->db, "reading a setting");
	}
	sqlite3_finalize(st);
	return err;
}

int ov_index_set_meta(ov_index *idx, const char *key, const char *value)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(idx->db, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
			       -1, &st, NULL) != SQLITE_OK)
		return db_error(idx->db, "writing a setting");
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? OV_OK : db_error(idx->db, "writing a setting");
}

/* --- the history audit ------------------------------------------------------- */

/* Runs `sql` with text parameters (NULL ends the list; "\x01<n>" binds integer n). */
static int run_sql(sqlite3 *db, const char *what, const char *sql, ...)
{
	sqlite3_stmt *st = NULL;
	const char *v;
	va_list ap;
	int i = 1, rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_error(db, what);
	va_start(ap, sql);
	while ((v = va_arg(ap, const char *)) != NULL) {
		if (v[0] == '\x01')
			sqlite3_bind_int64(st, i++, strtoll(v + 1, NULL, 10));
		else
			sqlite3_bind_text(st, i++, v, -1, SQLITE_TRANSIENT);
	}
	va_end(ap);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? OV_OK : db_error(db, what);
}

/* --- the validation cache ----------------------------------------------------- */

/* Whether column `col` of the row at `st` holds exactly the `len` bytes at `data`. */
static int column_equals(sqlite3_stmt *st, int col, const void *data, size_t len)
{
	const void *have = sqlite3_column_blob(st, col);
	int n = sqlite3_column_bytes(st, col);

	return n >= 0 && (size_t)n == len && (len == 0 || (have && !memcmp(have, data, len)));
}

int ov_index_valid_known(int *out, ov_index *idx, const ov_ws_valid_entry *e)
{
	sqlite3_stmt *st = NULL;
	int rc;

	*out = 0;
	if (sqlite3_prepare_v2(idx->db, "SELECT v.doc, s.bytes FROM validated v JOIN valid_schemas s"
			       " ON s.key = v.schema_key WHERE v.key = ?", -1, &st, NULL) != SQLITE_OK)
		return db_error(idx->db, "reading the validation cache");
	sqlite3_bind_text(st, 1, e->key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW && column_equals(st, 0, e->doc, e->doc_len) &&
	       column_equals(st, 1, e->schema, e->schema_len);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? OV_OK
						      : db_error(idx->db, "reading the validation cache");
}

/*
 * A read command must not wait for a writer for the sake of a cache: the
 * insert does not wait for the write lock (it is skipped when busy, and the
 * next run validates again).  Another file with the same key replaces the
 * entry; another schema under the same schema key replaces the schema and
 * drops the entries noted against the old bytes, which vouch for those
 * only.  A savepoint makes the insert and the pruning one step, inside a
 * caller's transaction or not.
 */
int ov_index_note_valid(ov_index *idx, const ov_ws_valid_entry *e)
{
	static const char *const sql[] = {
		/* entries of another schema under this key vouched for its bytes only */
		("DELETE FROM validated WHERE schema_key = ?1 AND EXISTS (SELECT 1 FROM"
		 " valid_schemas WHERE key = ?1 AND bytes <> ?3)"),
		"INSERT OR REPLACE INTO valid_schemas (key, bytes) VALUES (?1, ?3)",
		"INSERT OR REPLACE INTO validated (key, doc, schema_key) VALUES (?2, ?4, ?1)",
		("DELETE FROM validated WHERE rowid NOT IN (SELECT rowid FROM validated"
		 " ORDER BY rowid DESC LIMIT " OV_STR(OV_INDEX_VALID_KEEP) ")"),
		"DELETE FROM valid_schemas WHERE key NOT IN (SELECT schema_key FROM validated)",
	};
	sqlite3_stmt *st = NULL;
	int rc = SQLITE_DONE;

	if (e->doc_len > INT_MAX || e->schema_len > INT_MAX)
		return OV_OK;
	sqlite3_busy_timeout(idx->db, 0);
	if (sqlite3_exec(idx->db, "SAVEPOINT memo", NULL, NULL, NULL) != SQLITE_OK) {
		sqlite3_busy_timeout(idx->db, BUSY_TIMEOUT_MS);
		return db_error(idx->db, "writing the validation cache");
	}
	for (size_t i = 0; i < sizeof(sql) / sizeof(sql[0]) && rc == SQLITE_DONE; i++) {
		if (sqlite3_prepare_v2(idx->db, sql[i], -1, &st, NULL) != SQLITE_OK) {
			rc = sqlite3_errcode(idx->db);
			break;
		}
		/* ?1 schema key, ?2 key, ?3 schema, ?4 document: those the statement has */
		switch (sqlite3_bind_parameter_count(st)) {
		case 4:
			sqlite3_bind_blob(st, 4, e->doc, (int)e->doc_len, SQLITE_STATIC);
			/* fall through */
		case 3:
			sqlite3_bind_blob(st, 3, e->schema, (int)e->schema_len, SQLITE_STATIC);
			/* fall through */
		case 2:
			sqlite3_bind_text(st, 2, e->key, -1, SQLITE_STATIC);
			/* fall through */
		case 1:
			sqlite3_bind_text(st, 1, e->schema_key, -1, SQLITE_STATIC);
			break;
		default:
			break;
		}
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
		st = NULL;
	}
	if (rc == SQLITE_DONE)
		rc = sqlite3_exec(idx->db, "RELEASE memo", NULL, NULL, NULL) == SQLITE_OK ?
		     SQLITE_DONE : sqlite3_errcode(idx->db);
	if (rc != SQLITE_DONE) {
		int err = db_error(idx->db, "writing the validation cache");

		sqlite3_exec(idx->db, "ROLLBACK TO memo; RELEASE memo", NULL, NULL, NULL);
		sqlite3_busy_timeout(idx->db, BUSY_TIMEOUT_MS);
		return err;
	}
	sqlite3_busy_timeout(idx->db, BUSY_TIMEOUT_MS);
	return OV_OK;
}

int ov_index_put_head_seen(ov_index *idx, const char *commit, long long when,
			   const char *source)
{
	sqlite3_stmt *st;
	int err;

	if ((err = stmt(&st, idx, PUT_HEAD)) < 0)
		return err;
	sqlite3_bind_text(st, 1, commit, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, when);
	sqlite3_bind_text(st, 3, source, -1, SQLITE_TRANSIENT);
	return run(idx->db, st, "recording a head");
}

int ov_index_put_finding(ov_index *idx, const ov_index_finding *f, int replace)
{
	char t[32], v[32];

	snprintf(t, sizeof(t), "\x01%lld", f->when);
	snprintf(v, sizeof(v), "\x01%d", f->version);
	return run_sql(idx->db, "recording a finding",
		       replace ? "INSERT OR REPLACE INTO findings (key, kind, old_id, new_id,"
				 " commit_id, agreement, version, time, detail)"
				 " VALUES (?,?,?,?,?,?,?,?,?)"
			       : "INSERT OR IGNORE INTO findings (key, kind, old_id, new_id,"
				 " commit_id, agreement, version, time, detail)"
				 " VALUES (?,?,?,?,?,?,?,?,?)",
		       f->key, f->kind, f->old_id ? f->old_id : "", f->new_id ? f->new_id : "",
		       f->commit ? f->commit : "", f->agreement ? f->agreement : "", v, t,
		       f->detail ? f->detail : "", (const char *)NULL);
}

int ov_index_remove_finding(ov_index *idx, const char *key)
{
	return run_sql(idx->db, "removing a finding", "DELETE FROM findings WHERE key = ?", key,
		       (const char *)NULL);
}

static const char *col(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t ? (const char *)t : "";
}

int ov_index_findings(ov_index *idx, int open_only, ov_index_finding_cb cb, void *payload)
{
	sqlite3_stmt *st = NULL;
	ov_index_finding f;
	int rc, err = OV_OK;

	if (sqlite3_prepare_v2(idx->db,
		"SELECT f.key, f.kind, f.old_id, f.new_id, f.commit_id, f.agreement, f.version,"
		" f.time, f.detail, a.commit_id, a.actor, a.time FROM findings f"
		" LEFT JOIN acks a ON a.key = f.key"
		" WHERE ?1 = 0 OR a.key IS NULL ORDER BY f.time, f.rowid", -1, &st, NULL) != SQLITE_OK)
		return db_error(idx->db, "reading the findings");
	sqlite3_bind_int(st, 1, open_only);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&f, 0, sizeof(f));
		f.key = col(st, 0);
		f.kind = col(st, 1);
		f.old_id = col(st, 2);
		f.new_id = col(st, 3);
		f.commit = col(st, 4);
		f.agreement = col(st, 5);
		f.version = sqlite3_column_int(st, 6);
		f.when = sqlite3_column_int64(st, 7);
		f.detail = col(st, 8);
		f.acknowledged = sqlite3_column_type(st, 9) != SQLITE_NULL;
		f.ack_commit = f.acknowledged ? col(st, 9) : NULL;
		f.ack_actor = f.acknowledged ? col(st, 10) : NULL;
		f.ack_when = sqlite3_column_int64(st, 11);
		if ((err = cb(&f, payload)) != 0)
			break;
	}
	if (!err && rc != SQLITE_DONE)
		err = db_error(idx->db, "reading the findings");
	sqlite3_finalize(st);
	return err;
}

int ov_index_put_ack(ov_index *idx, const char *key, const char *commit, const char *actor,
		     long long when)
{
	char t[32];

	snprintf(t, sizeof(t), "\x01%lld", when);
	return run_sql(idx->db, "recording an acknowledgement",
		       "INSERT OR IGNORE INTO acks (key, commit_id, actor, time) VALUES (?,?,?,?)",
		       key, commit, actor, t, (const char *)NULL);
}

int ov_index_put_signed(int *inserted, ov_index *idx, const char *agreement, int version,
			const char *sign_commit, const char *target)
{
	char v[32];
	int err;

	snprintf(v, sizeof(v), "\x01%d", version);
	err = run_sql(idx->db, "recording a signed version",
		      "INSERT OR IGNORE INTO signed_versions (agreement, version, sign_commit, target)"
		      " VALUES (?,?,?,?)", agreement, v, sign_commit, target, (const char *)NULL);
	*inserted = err == OV_OK && sqlite3_changes(idx->db) > 0;
	return err;
}

int ov_index_signed_version(ov_index_signed *out, ov_index *idx, const char *agreement,
			    int version)
{
	sqlite3_stmt *st = NULL;
	int rc, err = OV_OK;

	memset(out, 0, sizeof(*out));
	if (sqlite3_prepare_v2(idx->db,
		"SELECT sign_commit, target FROM signed_versions WHERE agreement = ? AND version = ?",
		-1, &st, NULL) != SQLITE_OK)
		return db_error(idx->db, "reading a signed version");
	sqlite3_bind_text(st, 1, agreement, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, version);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		snprintf(out->sign_commit, sizeof(out->sign_commit), "%s", col(st, 0));
		snprintf(out->target, sizeof(out->target), "%s", col(st, 1));
	} else if (rc == SQLITE_DONE) {
		err = ov_error_set(OV_ENOTFOUND, "agreement %s has no digitally signed version %d",
				   agreement, version);
	} else {
		err = db_error(idx->db, "reading a signed version");
	}
	sqlite3_finalize(st);
	return err;
}

int ov_index_last_event(char out[41], ov_index *idx, const char *agreement)
{
	sqlite3_stmt *st = NULL;
	int rc;

	out[0] = '\0';
	if (sqlite3_prepare_v2(idx->db,
		"SELECT commit_id FROM events WHERE agreement = ? ORDER BY seq DESC LIMIT 1",
		-1, &st, NULL) != SQLITE_OK)
		return db_error(idx->db, "reading the last event");
	sqlite3_bind_text(st, 1, agreement, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		snprintf(out, 41, "%s", col(st, 0));
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? OV_OK
						      : db_error(idx->db, "reading the last event");
}

int ov_index_merge_history(ov_index *idx, const char *old_path)
{
	sqlite3_stmt *st = NULL;
	int rc, err;

	if (sqlite3_prepare_v2(idx->db, "ATTACH DATABASE ? AS old", -1, &st, NULL) != SQLITE_OK)
		return db_error(idx->db, "opening the previous index");
	sqlite3_bind_text(st, 1, old_path, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_error(idx->db, "opening the previous index");
	if ((err = exec(idx->db, "BEGIN IMMEDIATE")) >= 0) {
		err = exec(idx->db,
			"INSERT OR IGNORE INTO heads_seen (commit_id, first_seen, source)"
			" SELECT commit_id, first_seen, source FROM old.heads_seen;"
			"INSERT OR IGNORE INTO findings (key, kind, old_id, new_id, commit_id,"
			" agreement, version, time, detail) SELECT key, kind, old_id, new_id,"
			" commit_id, agreement, version, time, detail FROM old.findings"
			" WHERE kind = 'rewrite';");
		if (err >= 0)
			err = exec(idx->db, "COMMIT");
		else
			exec(idx->db, "ROLLBACK");
	}
	sqlite3_exec(idx->db, "DETACH DATABASE old", NULL, NULL, NULL);
	return err;
}
