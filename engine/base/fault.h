/*
 * fault.h - failures injected on purpose, for the reliability tests.
 *
 * In a build configured with -DOV_FAULTS=ON a test makes the N-th call of
 * one operation fail, named in the environment:
 *
 *   OVERENS_FAIL=write:7        the 7th write of a file fails (ENOSPC)
 *   OVERENS_FAIL_COUNT=FILE     at exit, FILE gets one line "<op> <calls>"
 *                               per operation: how far a test loops N
 *
 * The operations (ov_fail_op below): the project's own file writes (write,
 * fsync, rename, open for writing, unlink, through the ov_sys_* wrappers here),
 * SQLite's writes and syncs (a VFS over the default one, store/fault.c),
 * libgit2's object and ref writes (the store's calls in store/repo.c) and
 * the allocations of SQLite ("alloc") and of libgit2 ("git-alloc"), through
 * their allocator hooks.  The project's own malloc calls are not covered.  Only the
 * N-th call fails; later calls succeed again, as after a disk was cleared.
 *
 * Without the option ov_fail is the constant 0 and the wrappers are the
 * system calls themselves: a normal or Release build pays nothing.
 */
#ifndef OV_BASE_FAULT_H
#define OV_BASE_FAULT_H

#include <fcntl.h>
#include <stdio.h>
#include <sys/types.h>
#include <unistd.h>

typedef enum {
	OV_FAIL_WRITE,  /* write(2) of the project's files: ENOSPC */
	OV_FAIL_FSYNC,  /* fsync(2) of a file or a folder: EIO */
	OV_FAIL_RENAME, /* rename(2) into place: ENOSPC */
	OV_FAIL_OPEN,   /* open(2) to create or write a file: ENOSPC */
	OV_FAIL_SQLITE, /* SQLite's xWrite (SQLITE_FULL), xSync and xTruncate (SQLITE_IOERR) */
	OV_FAIL_GIT,    /* libgit2 writing an object, a tag or a ref */
	OV_FAIL_ALLOC,  /* an allocation of SQLite returns NULL */
	OV_FAIL_GIT_ALLOC, /* an allocation of libgit2 returns NULL */
	OV_FAIL_UNLINK, /* unlink(2) of a file the project removes on purpose: EIO */
	OV_FAIL_NOPS
} ov_fail_op;

#ifdef OV_FAULTS
/*
 * Counts one call of `op`; returns 1 when this call is the one chosen by
 * OVERENS_FAIL (errno then holds the failure's reason), else 0.
 */
int ov_fail(ov_fail_op op);
#else
#define ov_fail(op) 0
#endif

static inline ssize_t ov_sys_write(int fd, const void *p, size_t n)
{
	return ov_fail(OV_FAIL_WRITE) ? -1 : write(fd, p, n);
}

static inline int ov_sys_fsync(int fd)
{
	return ov_fail(OV_FAIL_FSYNC) ? -1 : fsync(fd);
}

static inline int ov_sys_rename(const char *from, const char *to)
{
	return ov_fail(OV_FAIL_RENAME) ? -1 : rename(from, to);
}

/* unlink(2) of a file whose removal is part of a write (not a clean-up after a failure). */
static inline int ov_sys_unlink(const char *path)
{
	return ov_fail(OV_FAIL_UNLINK) ? -1 : unlink(path);
}

/* open(2) for a file the call creates or writes (not for reading). */
static inline int ov_sys_open(const char *path, int flags, mode_t mode)
{
	return ov_fail(OV_FAIL_OPEN) ? -1 : open(path, flags, mode);
}

#endif
