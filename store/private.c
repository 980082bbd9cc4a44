/*
 * private.c - small private files beside the repository (DIR/<name>, for
 * example DIR/accounts): never in git, readable and writable by the owner
 * alone (mode 0600).  The workspace's door (ov_ws_private_read and
 * ov_ws_private_update in workspace.h) names the file and holds the lock;
 * this file does the I/O:
 *
 *   read     open O_NOFOLLOW, fstat: a regular file, at most
 *            OV_PRIVATE_MAX bytes, then the bytes
 *   write    DIR/<name>.tmp (O_NOFOLLOW, mode 0600) ──► write ──► fsync
 *            ──► rename over DIR/<name> ──► fsync DIR
 *
 * A crash before the rename leaves the old file and a stale .tmp that the
 * next write truncates; after it, the new file.  Writers hold the
 * workspace lock, so one .tmp name is enough.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "overens/error.h"
#include "engine/base/fault.h"
#include "store/private.h"

int ov_private_name_check(const char *name)
{
	size_t n = name ? strlen(name) : 0;

	if (n == 0 || n > 32)
		return ov_error_set(OV_EINVALID, "private file name '%s': 1 to 32 letters a-z",
				    name ? name : "");
	for (size_t i = 0; i < n; i++)
		if (name[i] < 'a' || name[i] > 'z')
			return ov_error_set(OV_EINVALID,
				"private file name '%s': only the letters a-z", name);
	return OV_OK;
}

static int read_fd(ov_buf *out, int fd, const char *path)
{
	struct stat st;
	char chunk[4096];
	ssize_t r;
	int err;

	if (fstat(fd, &st) < 0)
		return ov_error_set(OV_ERROR, "%s: %s", path, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return ov_error_set(OV_EINVALID, "%s: not a regular file", path);
	if (st.st_size > OV_PRIVATE_MAX)
		return ov_error_set(OV_ENOMEM, "%s: larger than %d bytes", path, OV_PRIVATE_MAX);
	for (;;) {
		r = read(fd, chunk, sizeof(chunk));
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return ov_error_set(OV_ERROR, "%s: %s", path, strerror(errno));
		if (r == 0)
			return out->ptr ? OV_OK : ov_buf_puts(out, "");
		if ((err = ov_buf_put(out, chunk, (size_t)r)) < 0)
			return err;
		if (out->size > OV_PRIVATE_MAX)
			return ov_error_set(OV_ENOMEM, "%s: larger than %d bytes", path,
					    OV_PRIVATE_MAX);
	}
}

int ov_private_read(ov_buf *out, const char *path)
{
	int fd, err;

	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT)
		return ov_error_set(OV_ENOTFOUND, "%s: no such file", path);
	if (fd < 0)
		return ov_error_set(OV_ERROR, "%s: %s", path, strerror(errno));
	err = read_fd(out, fd, path);
	close(fd);
	return err;
}

static int write_all(int fd, const char *p, size_t len, const char *path)
{
	while (len > 0) {
		ssize_t w = ov_sys_write(fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return ov_error_set(OV_ERROR, "%s: %s", path, strerror(errno));
		p += w;
		len -= (size_t)w;
	}
	return OV_OK;
}

/* Makes the rename durable: fsync of the folder holding `path`. */
static int sync_dir(const char *path)
{
	ov_buf dir = OV_BUF_INIT;
	char *slash;
	int fd, err = OV_OK;

	if ((err = ov_buf_puts(&dir, path)) < 0)
		return err;
	slash = strrchr(dir.ptr, '/');
	if (slash)
		*(slash == dir.ptr ? slash + 1 : slash) = '\0';
	fd = open(slash ? dir.ptr : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || ov_sys_fsync(fd) < 0)
		err = ov_error_set(OV_ERROR, "%s: %s", dir.ptr, strerror(errno));
	if (fd >= 0)
		close(fd);
	ov_buf_dispose(&dir);
	return err;
}

int ov_private_write(const char *path, const void *data, size_t len)
{
	ov_buf tmp = OV_BUF_INIT;
	int fd = -1, err;

	if (len > OV_PRIVATE_MAX)
		return ov_error_set(OV_ENOMEM, "%s: larger than %d bytes", path, OV_PRIVATE_MAX);
	if ((err = ov_buf_printf(&tmp, "%s.tmp", path)) < 0)
		return err;
	fd = ov_sys_open(tmp.ptr, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
	/* A .tmp left by a crash may have other bits: the owner's alone, always. */
	if (fd < 0 || fchmod(fd, 0600) < 0) {
		err = ov_error_set(OV_ERROR, "%s: %s", tmp.ptr, strerror(errno));
		goto done;
	}
	if ((err = write_all(fd, data, len, tmp.ptr)) < 0)
		goto done;
	if (ov_sys_fsync(fd) < 0) {
		err = ov_error_set(OV_ERROR, "%s: %s", tmp.ptr, strerror(errno));
		goto done;
	}
	close(fd);
	fd = -1;
	if (ov_sys_rename(tmp.ptr, path) < 0) {
		err = ov_error_set(OV_ERROR, "%s: %s", path, strerror(errno));
		goto done;
	}
	err = sync_dir(path);
done:
	if (fd >= 0)
		close(fd);
	if (err < 0)
		unlink(tmp.ptr);
	ov_buf_dispose(&tmp);
	return err;
}
