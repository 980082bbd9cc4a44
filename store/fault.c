/*
 * fault.c - fault injection: kill points for crash tests (see ov_fault_point
 * in workspace.h) and, in OV_FAULTS builds, the failing allocators and
 * SQLite VFS of store/fault.h.
 *
 * A test names one point in the environment, OVERENS_FAULT=<name>; the
 * process kills itself with SIGKILL the first time it passes that point,
 * exactly as a power cut or `kill -9` would stop it there: no atexit
 * handlers, no buffered output, no cleanup.  The variable is read at each
 * point (a few per write), so a child forked by a test after its parent
 * passed a point still sees its own setting.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "store/fault.h"
#include "store/workspace.h"

void ov_fault_point(const char *name)
{
	const char *v = getenv("OVERENS_FAULT");

	if (v && *v && name && !strcmp(v, name))
		raise(SIGKILL);
}

/* --- failures on purpose (OV_FAULTS builds, engine/base/fault.h) ---------- */

#ifndef OV_FAULTS
void ov_fault_setup_sqlite(void)
{
}

void ov_fault_setup_git(void)
{
}
#else
#include <pthread.h>

#include "store/git_lazy.h"
#include <git2/sys/alloc.h>
#include <sqlite3.h>

#include "engine/base/fault.h"

/* libgit2's allocator: plain malloc, except for the chosen call. */
static void *g_malloc(size_t n, const char *file, int line)
{
	(void)file;
	(void)line;
	return ov_fail(OV_FAIL_GIT_ALLOC) ? NULL : malloc(n ? n : 1);
}

static void *g_realloc(void *p, size_t n, const char *file, int line)
{
	(void)file;
	(void)line;
	return ov_fail(OV_FAIL_GIT_ALLOC) ? NULL : realloc(p, n ? n : 1);
}

static void *g_calloc(size_t nelem, size_t elsize, const char *file, int line)
{
	(void)file;
	(void)line;
	return ov_fail(OV_FAIL_GIT_ALLOC) ? NULL : calloc(nelem ? nelem : 1, elsize ? elsize : 1);
}

static void *g_mallocarray(size_t nelem, size_t elsize, const char *file, int line)
{
	size_t n;

	return __builtin_mul_overflow(nelem, elsize, &n) ? NULL : g_malloc(n, file, line);
}

static void *g_reallocarray(void *p, size_t nelem, size_t elsize, const char *file, int line)
{
	size_t n;

	return __builtin_mul_overflow(nelem, elsize, &n) ? NULL : g_realloc(p, n, file, line);
}

static char *g_substrdup(const char *s, size_t n, const char *file, int line)
{
	char *p = n == SIZE_MAX ? NULL : g_malloc(n + 1, file, line);

	if (p) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

static char *g_strndup(const char *s, size_t n, const char *file, int line)
{
	return g_substrdup(s, strnlen(s, n), file, line);
}

static char *g_strdup(const char *s, const char *file, int line)
{
	return g_substrdup(s, strlen(s), file, line);
}

static void g_free(void *p)
{
	free(p);
}

static git_allocator git_alloc = {
	g_malloc, g_calloc, g_strdup, g_strndup, g_substrdup,
	g_realloc, g_reallocarray, g_mallocarray, g_free
};

/* libgit2 may reset its allocator when its last user shuts it down: set each time. */
void ov_fault_setup_git(void)
{
	git_libgit2_opts(GIT_OPT_SET_ALLOCATOR, &git_alloc);
}

/* SQLite's allocator: its default one, except for the chosen call. */
static sqlite3_mem_methods sqlite_mem_base, sqlite_mem;

static void *s_malloc(int n)
{
	return ov_fail(OV_FAIL_ALLOC) ? NULL : sqlite_mem_base.xMalloc(n);
}

static void *s_realloc(void *p, int n)
{
	return ov_fail(OV_FAIL_ALLOC) ? NULL : sqlite_mem_base.xRealloc(p, n);
}

/*
 * The VFS: the default one (unix) with each file wrapped, so that xWrite,
 * xSync and xTruncate of every database, journal and write-ahead-log file
 * count as "sqlite" operations.  The wrapped file sits right after ours in
 * the memory SQLite gives xOpen (szOsFile covers both).
 */
typedef struct {
	sqlite3_file base;
	sqlite3_file *real;
} fail_file;

static sqlite3_vfs *real_vfs;
static sqlite3_vfs fail_vfs;

#define REAL(f) (((fail_file *)(f))->real)

static int f_close(sqlite3_file *f)
{
	return REAL(f)->pMethods->xClose(REAL(f));
}

static int f_read(sqlite3_file *f, void *p, int n, sqlite3_int64 off)
{
	return REAL(f)->pMethods->xRead(REAL(f), p, n, off);
}

static int f_write(sqlite3_file *f, const void *p, int n, sqlite3_int64 off)
{
	return ov_fail(OV_FAIL_SQLITE) ? SQLITE_FULL : REAL(f)->pMethods->xWrite(REAL(f), p, n, off);
}

static int f_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	return ov_fail(OV_FAIL_SQLITE) ? SQLITE_IOERR_TRUNCATE
				       : REAL(f)->pMethods->xTruncate(REAL(f), size);
}

static int f_sync(sqlite3_file *f, int flags)
{
	return ov_fail(OV_FAIL_SQLITE) ? SQLITE_IOERR_FSYNC : REAL(f)->pMethods->xSync(REAL(f), flags);
}

static int f_size(sqlite3_file *f, sqlite3_int64 *size)
{
	return REAL(f)->pMethods->xFileSize(REAL(f), size);
}

static int f_lock(sqlite3_file *f, int level)
{
	return REAL(f)->pMethods->xLock(REAL(f), level);
}

static int f_unlock(sqlite3_file *f, int level)
{
	return REAL(f)->pMethods->xUnlock(REAL(f), level);
}

static int f_reserved(sqlite3_file *f, int *out)
{
	return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out);
}

static int f_control(sqlite3_file *f, int op, void *arg)
{
	return REAL(f)->pMethods->xFileControl(REAL(f), op, arg);
}

static int f_sector(sqlite3_file *f)
{
	return REAL(f)->pMethods->xSectorSize(REAL(f));
}

static int f_device(sqlite3_file *f)
{
	return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f));
}

static int f_shm_map(sqlite3_file *f, int page, int size, int extend, void volatile **out)
{
	return REAL(f)->pMethods->xShmMap(REAL(f), page, size, extend, out);
}

static int f_shm_lock(sqlite3_file *f, int offset, int n, int flags)
{
	return REAL(f)->pMethods->xShmLock(REAL(f), offset, n, flags);
}

static void f_shm_barrier(sqlite3_file *f)
{
	REAL(f)->pMethods->xShmBarrier(REAL(f));
}

static int f_shm_unmap(sqlite3_file *f, int del)
{
	return REAL(f)->pMethods->xShmUnmap(REAL(f), del);
}

static int f_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **out)
{
	return REAL(f)->pMethods->xFetch(REAL(f), off, n, out);
}

static int f_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
	return REAL(f)->pMethods->xUnfetch(REAL(f), off, p);
}

static const sqlite3_io_methods fail_io = {
	3, f_close, f_read, f_write, f_truncate, f_sync, f_size, f_lock, f_unlock, f_reserved,
	f_control, f_sector, f_device, f_shm_map, f_shm_lock, f_shm_barrier, f_shm_unmap,
	f_fetch, f_unfetch
};

static int f_open(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *file, int flags,
		  int *out_flags)
{
	fail_file *f = (fail_file *)file;
	int rc;

	(void)vfs;
	f->base.pMethods = NULL;
	f->real = (sqlite3_file *)(f + 1);
	rc = real_vfs->xOpen(real_vfs, name, f->real, flags, out_flags);
	if (f->real->pMethods)
		f->base.pMethods = &fail_io;
	return rc;
}

static void setup_sqlite(void)
{
	sqlite3_config(SQLITE_CONFIG_GETMALLOC, &sqlite_mem_base);
	sqlite_mem = sqlite_mem_base;
	sqlite_mem.xMalloc = s_malloc;
	sqlite_mem.xRealloc = s_realloc;
	sqlite3_config(SQLITE_CONFIG_MALLOC, &sqlite_mem);
	if (!(real_vfs = sqlite3_vfs_find(NULL)) || real_vfs->iVersion < 3)
		return;
	fail_vfs = *real_vfs;
	fail_vfs.zName = "overens-faults";
	fail_vfs.szOsFile = (int)sizeof(fail_file) + real_vfs->szOsFile;
	fail_vfs.xOpen = f_open;
	sqlite3_vfs_register(&fail_vfs, 1);
}

static pthread_once_t sqlite_once = PTHREAD_ONCE_INIT;

void ov_fault_setup_sqlite(void)
{
	pthread_once(&sqlite_once, setup_sqlite);
}
#endif
