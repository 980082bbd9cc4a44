/*
 * archive.c - writes the export's files as a zip file (libzip, built in
 * memory, then written to a temporary file, synced and renamed by
 * ov_write_file_atomic) or as a folder (built beside the target under a
 * temporary name, every file synced, then renamed).  Either way a reader
 * sees no output or the whole of it.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine/base/lazy_zip.h"

#include "overens/error.h"
#include "engine/export/export_int.h"

static int zip_fail(zip_t *za, const char *what)
{
	return ov_error_set(OV_ERROR, "zip: %s: %s", what, za ? zip_strerror(za) : "libzip");
}

/* The finished archive held by `src` into `out`. */
static int zip_bytes(ov_buf *out, zip_source_t *src)
{
	zip_int64_t size;
	int err = OV_OK;

	if (zip_source_open(src) < 0)
		return ov_error_set(OV_ERROR, "zip: reading the archive back");
	if (zip_source_seek(src, 0, SEEK_END) < 0 || (size = zip_source_tell(src)) < 0 ||
	    zip_source_seek(src, 0, SEEK_SET) < 0)
		err = ov_error_set(OV_ERROR, "zip: reading the archive back");
	else if ((err = ov_buf_grow(out, (size_t)size)) >= 0) {
		if (zip_source_read(src, out->ptr, (zip_uint64_t)size) != size)
			err = ov_error_set(OV_ERROR, "zip: reading the archive back");
		else
			out->size = (size_t)size;
	}
	zip_source_close(src);
	return err;
}

static int build_zip(ov_buf *out, const ov_export_files *f)
{
	zip_error_t ze;
	zip_source_t *src = NULL;
	zip_t *za = NULL;
	int err = OV_OK;

	if (ov_lazy_load(&ov_zip_lib) < 0)
		return OV_ERROR;
	zip_error_init(&ze);
	if (!(src = zip_source_buffer_create(NULL, 0, 0, &ze)) ||
	    (zip_source_keep(src), !(za = zip_open_from_source(src, ZIP_TRUNCATE, &ze)))) {
		err = ov_error_set(OV_ERROR, "zip: %s", zip_error_strerror(&ze));
		goto done;
	}
	for (size_t i = 0; i < f->n; i++) {
		zip_source_t *s = zip_source_buffer(za, f->v[i].data.ptr, f->v[i].data.size, 0);
		zip_int64_t idx;

		if (!s || (idx = zip_file_add(za, f->v[i].name, s, ZIP_FL_ENC_UTF_8)) < 0) {
			zip_source_free(s);
			err = zip_fail(za, f->v[i].name);
			goto done;
		}
		zip_file_set_mtime(za, (zip_uint64_t)idx, 0, 0);
	}
	if (zip_close(za) < 0) {
		err = zip_fail(za, "writing the archive");
		goto done;
	}
	za = NULL;
	err = zip_bytes(out, src);
done:
	if (za)
		zip_discard(za);
	zip_source_free(src);
	zip_error_fini(&ze);
	return err;
}

int ov_export_write_zip(const ov_export_files *f, const char *path, int force)
{
	ov_buf zip = OV_BUF_INIT;
	struct stat st;
	int err;

	if (!force && lstat(path, &st) == 0)
		return ov_error_set(OV_EEXISTS, "%s already exists (--force replaces it)", path);
	if ((err = build_zip(&zip, f)) >= 0)
		err = ov_write_file_atomic(path, zip.ptr, zip.size);
	ov_buf_dispose(&zip);
	return err;
}

/* Writes one file below folder `dir`, making its folders, and syncs it. */
static int write_one(const char *dir, const ov_export_file *e)
{
	ov_buf p = OV_BUF_INIT;
	int fd = -1, err = OV_OK;
	size_t off = 0;

	if ((err = ov_buf_printf(&p, "%s/%s", dir, e->name)) < 0)
		return err;
	for (char *s = p.ptr + strlen(dir) + 1; (s = strchr(s, '/')); s++) {
		*s = '\0';
		if (mkdir(p.ptr, 0755) < 0 && errno != EEXIST)
			err = ov_error_set(OV_ERROR, "%s: %s", p.ptr, strerror(errno));
		*s = '/';
		if (err < 0)
			goto done;
	}
	if ((fd = open(p.ptr, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644)) < 0) {
		err = ov_error_set(OV_ERROR, "%s: %s", p.ptr, strerror(errno));
		goto done;
	}
	while (off < e->data.size) {
		ssize_t w = write(fd, e->data.ptr + off, e->data.size - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			err = ov_error_set(OV_ERROR, "%s: %s", p.ptr, strerror(errno));
			goto done;
		}
		off += (size_t)w;
	}
	if (fsync(fd) < 0)
		err = ov_error_set(OV_ERROR, "%s: %s", p.ptr, strerror(errno));
done:
	if (fd >= 0)
		close(fd);
	ov_buf_dispose(&p);
	return err;
}

/*
 * Removes what a failed folder export made under `dir`: its files, then
 * their folders (deepest first: a name's folders are removed from its
 * longest prefix down, and a folder still holding something stays until
 * the last name in it), then `dir` itself.
 */
static void remove_partial(const char *dir, const ov_export_files *f)
{
	for (size_t i = 0; i < f->n; i++) {
		ov_buf p = OV_BUF_INIT;
		char *slash;

		if (ov_buf_printf(&p, "%s/%s", dir, f->v[i].name) < 0) {
			ov_buf_dispose(&p);
			continue;
		}
		unlink(p.ptr);
		while ((slash = strrchr(p.ptr, '/')) && slash > p.ptr + strlen(dir)) {
			*slash = '\0';
			rmdir(p.ptr);
		}
		ov_buf_dispose(&p);
	}
	rmdir(dir);
}

int ov_export_write_folder(const ov_export_files *f, const char *path)
{
	ov_buf tmp = OV_BUF_INIT;
	struct stat st;
	int err;

	if (lstat(path, &st) == 0)
		return ov_error_set(OV_EEXISTS, "%s already exists", path);
	if ((err = ov_buf_printf(&tmp, "%s.tmpXXXXXX", path)) < 0)
		return err;
	if (!mkdtemp(tmp.ptr)) {
		err = ov_error_set(OV_ERROR, "%s: %s", tmp.ptr, strerror(errno));
		goto done;
	}
	chmod(tmp.ptr, 0755);
	for (size_t i = 0; i < f->n && err >= 0; i++)
		err = write_one(tmp.ptr, &f->v[i]);
	if (err >= 0 && rename(tmp.ptr, path) < 0)
		err = ov_error_set(OV_ERROR, "%s: %s", path, strerror(errno));
	if (err < 0)
		remove_partial(tmp.ptr, f);
done:
	ov_buf_dispose(&tmp);
	return err;
}
