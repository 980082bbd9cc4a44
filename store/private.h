/*
 * private.h - the I/O of the workspace's private files (store/private.c);
 * the engine reaches them through ov_ws_private_read and
 * ov_ws_private_update in workspace.h, which hold the lock.
 */
#ifndef OV_PRIVATE_H
#define OV_PRIVATE_H

#include <stddef.h>
#include "overens/buf.h"

/* The largest private file read or written. */
#define OV_PRIVATE_MAX (4 << 20)

/* OV_EINVALID unless `name` is 1 to 32 letters a-z. */
int ov_private_name_check(const char *name);
/* Appends the file at `path` (a symbolic link is refused); OV_ENOTFOUND when absent. */
int ov_private_read(ov_buf *out, const char *path);
/* Replaces the file at `path` with `data` atomically, mode 0600, durably. */
int ov_private_write(const char *path, const void *data, size_t len);

#endif
