/*
 * overens/buf.h - a growable byte buffer with a size ceiling.
 *
 * The buffer owns `ptr`; it is always NUL-terminated after a successful put
 * so it can be used as a C string (it may also hold binary data: use `size`).
 * Growth past OV_BUF_MAX fails with OV_ENOMEM instead of truncating.
 */
#ifndef OVERENS_BUF_H
#define OVERENS_BUF_H

#include <stddef.h>
#include <stdarg.h>

#define OV_BUF_MAX ((size_t)1 << 30) /* 1 GiB */

typedef struct ov_buf {
	char *ptr;
	size_t size;   /* bytes used, not counting the terminating NUL */
	size_t asize;  /* bytes allocated */
} ov_buf;

#define OV_BUF_INIT { NULL, 0, 0 }

int ov_buf_grow(ov_buf *buf, size_t target);
int ov_buf_put(ov_buf *buf, const void *data, size_t len);
int ov_buf_puts(ov_buf *buf, const char *str);
int ov_buf_putc(ov_buf *buf, char c);
/* Appends the `width` low bytes of `v`, most significant first (binary fields). */
int ov_buf_put_be(ov_buf *buf, unsigned long long v, int width);
/* The bytes ov_buf_put_be needs for `v`: at least 1. */
int ov_buf_be_width(unsigned long long v);
/* Appends `v` in decimal, as "%lld" would (without printf's cost). */
int ov_buf_put_ll(ov_buf *buf, long long v);
/* Appends the `len` bytes at `data` as upper-case hexadecimal, two digits each. */
int ov_buf_put_hex(ov_buf *buf, const void *data, size_t len);
int ov_buf_printf(ov_buf *buf, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int ov_buf_vprintf(ov_buf *buf, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Empties the buffer but keeps its memory. */
void ov_buf_clear(ov_buf *buf);
/* Frees the memory; the buffer is OV_BUF_INIT afterwards. NULL-safe. */
void ov_buf_dispose(ov_buf *buf);
/*
 * Hands the memory to the caller (free() it) and resets the buffer.  Returns
 * an empty allocated string for an empty buffer, NULL only if out of memory.
 */
char *ov_buf_detach(ov_buf *buf);

/*
 * Sets *field to the formatted text (malloc'd, the caller's) unless it
 * already holds one: the first reason found is the one kept.  OV_OK, or
 * OV_ENOMEM with the error set.
 */
int ov_text_first(char **field, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Reads a whole file into `out` (appending). */
int ov_buf_read_file(ov_buf *out, const char *path);
/*
 * Writes `len` bytes to `path` atomically: a new temporary file in the
 * same directory (made afresh, never opened through a link), fsync, then
 * rename over `path` (a link there is replaced, not followed).  A device,
 * pipe or socket at `path` (/dev/null, a FIFO) is written into instead.
 */
int ov_write_file_atomic(const char *path, const void *data, size_t len);

#endif
