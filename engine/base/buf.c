/*
 * buf.c - growable byte buffer with a ceiling, and whole-file helpers.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "overens/buf.h"
#include "overens/error.h"
#include "engine/base/fault.h"

int ov_buf_grow(ov_buf *buf, size_t target)
{
	size_t want;
	char *p;

	if (target < buf->asize)
		return OV_OK;
	if (target >= OV_BUF_MAX)
		return ov_error_set(OV_ENOMEM, "buffer would exceed %zu bytes",
				    (size_t)OV_BUF_MAX);
	want = buf->asize ? buf->asize : 64;
	while (want <= target)
		want = want < OV_BUF_MAX / 2 ? want * 2 : OV_BUF_MAX;
	p = realloc(buf->ptr, want);
	if (!p)
		return ov_error_set(OV_ENOMEM, "out of memory");
	buf->ptr = p;
	buf->asize = want;
	return OV_OK;
}

int ov_buf_put(ov_buf *buf, const void *data, size_t len)
{
	int err;

	if (len > OV_BUF_MAX - buf->size)
		return ov_error_set(OV_ENOMEM, "buffer would exceed %zu bytes",
				    (size_t)OV_BUF_MAX);
	if ((err = ov_buf_grow(buf, buf->size + len + 1)) < 0)
		return err;
	if (len)
		memcpy(buf->ptr + buf->size, data, len);
	buf->size += len;
	buf->ptr[buf->size] = '\0';
	return OV_OK;
}

int ov_buf_puts(ov_buf *buf, const char *str)
{
	return ov_buf_put(buf, str, strlen(str));
}

int ov_buf_putc(ov_buf *buf, char c)
{
	return ov_buf_put(buf, &c, 1);
}

int ov_buf_put_be(ov_buf *buf, unsigned long long v, int width)
{
	unsigned char b[sizeof(v)];
	int n = width < (int)sizeof(v) ? width : (int)sizeof(v), i, err;

	if (width < 0)
		return ov_error_set(OV_EINVALID, "a binary field of %d bytes", width);
	/* Wider than v: zero bytes first. */
	for (i = n; i < width; i++)
		if ((err = ov_buf_putc(buf, 0)) < 0)
			return err;
	for (i = 0; i < n; i++)
		b[i] = (unsigned char)(v >> (8 * (n - 1 - i)));
	return ov_buf_put(buf, b, (size_t)n);
}

int ov_buf_put_ll(ov_buf *buf, long long v)
{
	char d[24], *p = d + sizeof(d);
	/* the magnitude as unsigned: -LLONG_MIN does not fit a long long */
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;

	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	return ov_buf_put(buf, p, (size_t)(d + sizeof(d) - p));
}

int ov_buf_put_hex(ov_buf *buf, const void *data, size_t len)
{
	static const char digits[] = "0123456789ABCDEF";
	const unsigned char *s = data;
	int err;

	if (len > (OV_BUF_MAX - buf->size) / 2)
		return ov_error_set(OV_ENOMEM, "buffer would exceed %zu bytes",
				    (size_t)OV_BUF_MAX);
	if ((err = ov_buf_grow(buf, buf->size + 2 * len + 1)) < 0)
		return err;
	for (size_t i = 0; i < len; i++) {
		buf->ptr[buf->size++] = digits[s[i] >> 4];
		buf->ptr[buf->size++] = digits[s[i] & 0x0F];
	}
	buf->ptr[buf->size] = '\0';
	return OV_OK;
}

int ov_buf_be_width(unsigned long long v)
{
	int w = 1;

	while (w < (int)sizeof(v) && v >> (8 * w))
		w++;
	return w;
}

int ov_buf_vprintf(ov_buf *buf, const char *fmt, va_list ap)
{
	va_list cp;
	int n, err;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return ov_error_set(OV_ERROR, "bad format string");
	if ((err = ov_buf_grow(buf, buf->size + (size_t)n + 1)) < 0)
		return err;
	vsnprintf(buf->ptr + buf->size, (size_t)n + 1, fmt, ap);
	buf->size += (size_t)n;
	return OV_OK;
}

int ov_buf_printf(ov_buf *buf, const char *fmt, ...)
{
	va_list ap;
	int err;

	va_start(ap, fmt);
	err = ov_buf_vprintf(buf, fmt, ap);
	va_end(ap);
	return err;
}

void ov_buf_clear(ov_buf *buf)
{
	buf->size = 0;
	if (buf->ptr)
		buf->ptr[0] = '\0';
}

void ov_buf_dispose(ov_buf *buf)
{
	if (!buf)
		return;
	free(buf->ptr);
	buf->ptr = NULL;
	buf->size = buf->asize = 0;
}

char *ov_buf_detach(ov_buf *buf)
{
	char *p = buf->ptr;

	if (!p)
		p = calloc(1, 1);
	buf->ptr = NULL;
	buf->size = buf->asize = 0;
	return p;
}

int ov_buf_read_file(ov_buf *out, const char *path)
{
	char chunk[65536];
	size_t n;
	int err = OV_OK;
	FILE *f = fopen(path, "rb");

	if (!f)
		return ov_error_set(errno == ENOENT ? OV_ENOTFOUND : OV_ERROR,
				    "%s: %s", path, strerror(errno));
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if ((err = ov_buf_put(out, chunk, n)) < 0)
			break;
	if (!err && ferror(f))
		err = ov_error_set(OV_ERROR, "%s: read error", path);
	fclose(f);
	if (!err && !out->ptr)
		err = ov_buf_put(out, "", 0);
	return err;
}

/* Writes all `len` bytes to `fd`; -1 with errno on failure. */
static int write_all(int fd, const char *p, size_t len)
{
	while (len > 0) {
		ssize_t w = ov_sys_write(fd, p, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

/*
 * `path` is a device, a pipe or a socket (/dev/null, /dev/stdout, a FIFO):
 * written into as it is.  Renaming a file over it would put a regular
 * file in its place (as root, in place of /dev/null).
 */
static int write_special(const char *path, const void *data, size_t len)
{
	int fd = ov_sys_open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC, 0);

	if (fd < 0)
		return ov_error_set(OV_ERROR, "%s: %s", path, strerror(errno));
	if (write_all(fd, data, len) < 0) {
		int e = errno;

		close(fd);
		return ov_error_set(OV_ERROR, "%s: %s", path, strerror(e));
	}
	if (close(fd) < 0)
		return ov_error_set(OV_ERROR, "%s: %s", path, strerror(errno));
	return OV_OK;
}

int ov_write_file_atomic(const char *path, const void *data, size_t len)
{
	ov_buf tmp = OV_BUF_INIT;
	struct stat st;
	int fd = -1, err;

	if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode) &&
	    !S_ISDIR(st.st_mode))
		return write_special(path, data, len);
	if ((err = ov_buf_printf(&tmp, "%s.tmp.%ld", path, (long)getpid())) < 0)
		return err;
	/* A new file of our own: never through a link left at the temporary
	 * name, which could point outside the folder. */
	if (unlink(tmp.ptr) < 0 && errno != ENOENT) {
		err = ov_error_set(OV_ERROR, "%s: %s", tmp.ptr, strerror(errno));
		goto done;
	}
	fd = ov_sys_open(tmp.ptr, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0) {
		err = ov_error_set(OV_ERROR, "%s: %s", path, strerror(errno));
		goto done;
	}
	if (write_all(fd, data, len) < 0) {
		err = ov_error_set(OV_ERROR, "%s: %s", path, strerror(errno));
		goto done;
	}
	if (ov_sys_fsync(fd) < 0 || close(fd) < 0) {
		fd = -1;
		err = ov_error_set(OV_ERROR, "%s: %s", path, strerror(errno));
		goto done;
	}
	fd = -1;
	if (ov_sys_rename(tmp.ptr, path) < 0) {
		err = ov_error_set(OV_ERROR, "%s: %s", path, strerror(errno));
		goto done;
	}
done:
	if (fd >= 0)
		close(fd);
	if (err < 0 && tmp.ptr)
		unlink(tmp.ptr);
	ov_buf_dispose(&tmp);
	return err;
}

int ov_text_first(char **field, const char *fmt, ...)
{
	ov_buf b = OV_BUF_INIT;
	va_list ap;
	int err;

	if (*field)
		return OV_OK;
	va_start(ap, fmt);
	err = ov_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (err < 0 || !(*field = ov_buf_detach(&b))) {
		ov_buf_dispose(&b);
		return ov_error_set(OV_ENOMEM, "out of memory");
	}
	return OV_OK;
}
