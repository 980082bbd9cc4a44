/*
 * datadir.c - finding the data folder (workflows/, templates/) at run time
 * (see datadir.h).
 *
 * Nothing about the data's place is fixed at compile time but its place
 * relative to the program, OV_DATADIR_FROM_BIN ("../share/overens" for
 * the GNU layout, computed by CMake from CMAKE_INSTALL_BINDIR and
 * CMAKE_INSTALL_DATADIR).  So the same binary works installed under any
 * prefix, moved after installing, and in the build folder:
 *
 *   $OVERENS_DATA                    override (tests, development)
 *   <dir of exe>/../share/overens    installed: bin/overens next to share/
 *   <dir of exe>/overens-data        build folder: a link to the sources
 *
 * The path of the running program is read from /proc/self/exe (Linux);
 * where that is missing only the override and nothing else is tried.
 */
#include <errno.h>
#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "overens/buf.h"
#include "overens/error.h"
#include "engine/base/datadir.h"
#include "overens/data.h"
#include "overens/i18n.h"

#ifndef OV_DATADIR_FROM_BIN
#define OV_DATADIR_FROM_BIN "../share/overens"
#endif
/* The link in the build folder to the source tree (see CMakeLists.txt). */
#define OV_BUILD_DATA_LINK "overens-data"

/* 1 when `dir` has a workflows/ folder. */
static int has_workflows(const char *dir)
{
	ov_buf p = OV_BUF_INIT;
	struct stat st;
	int ok;

	if (ov_buf_printf(&p, "%s/workflows", dir) < 0)
		return 0;
	ok = stat(p.ptr, &st) == 0 && S_ISDIR(st.st_mode);
	ov_buf_dispose(&p);
	return ok;
}

/* The folder of the running program into `out`; 0, or -1 when unknown. */
static int exe_dir(ov_buf *out)
{
	char path[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - 1);
	char *slash;

	if (n <= 0 || (size_t)n >= sizeof(path) - 1)
		return -1;
	path[n] = '\0';
	slash = strrchr(path, '/');
	if (!slash)
		return -1;
	*slash = '\0';
	return ov_buf_puts(out, slash == path ? "/" : path) < 0 ? -1 : 0;
}

/*
 * Tries `dir` + "/" + `sub`: on success moves it to *out; otherwise adds
 * it to the list of places looked in.  Returns 1 when found, 0 when not,
 * or a negative code.
 */
static int try_dir(char **out, ov_buf *tried, const char *dir, const char *sub)
{
	ov_buf p = OV_BUF_INIT;
	int err;

	if ((err = ov_buf_printf(&p, "%s/%s", dir, sub)) < 0)
		return err;
	if (has_workflows(p.ptr)) {
		*out = ov_buf_detach(&p);
		return *out ? 1 : ov_error_set(OV_ENOMEM, "out of memory");
	}
	err = ov_buf_printf(tried, "%s%s", tried->size ? ", " : "", p.ptr);
	ov_buf_dispose(&p);
	return err < 0 ? err : 0;
}

int ov_datadir_find(char **out)
{
	const char *env = getenv(OV_DATADIR_ENV);
	ov_buf dir = OV_BUF_INIT, tried = OV_BUF_INIT;
	int err = OV_OK;

	*out = NULL;
	if (env && *env) {
		if (has_workflows(env) && !(*out = strdup(env)))
			return ov_error_set(OV_ENOMEM, "out of memory");
		if (*out)
			return OV_OK;
		return ov_error_set(OV_ENOTFOUND,
				    _("no data folder: %s=%s has no workflows/ folder"),
				    OV_DATADIR_ENV, env);
	}
	if (exe_dir(&dir) == 0) {
		if ((err = try_dir(out, &tried, dir.ptr, OV_DATADIR_FROM_BIN)) != 0 ||
		    (err = try_dir(out, &tried, dir.ptr, OV_BUILD_DATA_LINK)) != 0)
			goto done;
	}
	err = ov_error_set(OV_ENOTFOUND,
			   _("no data folder (workflows/, templates/): looked in %s; "
			     "%s is not set"),
			   tried.size ? tried.ptr : _("nowhere (the program's own path is unknown)"),
			   OV_DATADIR_ENV);
done:
	ov_buf_dispose(&dir);
	ov_buf_dispose(&tried);
	return err < 0 ? err : OV_OK;
}

int ov_data_path(char **out, const char *sub)
{
	char *dir = NULL;
	size_t len;
	int err;

	*out = NULL;
	if ((err = ov_datadir_find(&dir)) < 0)
		return err;
	len = strlen(dir) + strlen(sub) + 2;
	if (!(*out = malloc(len))) {
		free(dir);
		return ov_error_set(OV_ENOMEM, "out of memory");
	}
	snprintf(*out, len, "%s/%s", dir, sub);
	free(dir);
	return OV_OK;
}
