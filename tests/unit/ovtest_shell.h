/*
 * ovtest_shell.h - running the real tools (pdftotext, qpdf, git …) from a
 * unit test: the temporary folder and a shell command's output.
 */
#ifndef OVTEST_SHELL_H
#define OVTEST_SHELL_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include "overens/buf.h"

static inline void ovt_tmpdir_remove(void);

/*
 * This test program's own folder under $TMPDIR, made on first use and
 * removed at exit, so that two runs of the same test at once never see
 * each other's files.  TMPDIR is pointed at it too, for the engine's own
 * temporary files.
 */
static inline const char *tmpdir(void)
{
	static char dir[256];

	if (!dir[0]) {
		const char *base = getenv("TMPDIR");
		snprintf(dir, sizeof(dir), "%s/ovtest.XXXXXX", base && *base ? base : "/tmp");
		if (!mkdtemp(dir)) {
			perror("mkdtemp");
			exit(2);
		}
		setenv("TMPDIR", dir, 1);
		atexit(ovt_tmpdir_remove);
	}
	return dir;
}

static inline void ovt_tmpdir_remove(void)
{
	const char *d = getenv("TMPDIR");
	char cmd[512];

	/* Only the folder tmpdir() made (its name ends in ovtest.XXXXXX). */
	if (d && strstr(d, "/ovtest.")) {
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", d);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", d);
	}
}

/* Runs a shell command; its stdout goes to `out` (may be NULL). Returns the exit status. */
static inline int run(ov_buf *out, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static inline int run(ov_buf *out, const char *fmt, ...)
{
	ov_buf cmd = OV_BUF_INIT;
	char chunk[4096];
	size_t n;
	va_list ap;
	FILE *p;
	int st;

	va_start(ap, fmt);
	ov_buf_vprintf(&cmd, fmt, ap);
	va_end(ap);
	ov_buf_puts(&cmd, " 2>/dev/null");
	if (out) {
		ov_buf_clear(out);
		ov_buf_put(out, "", 0);
	}
	p = popen(cmd.ptr, "r");
	ov_buf_dispose(&cmd);
	if (!p)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		if (out)
			ov_buf_put(out, chunk, n);
	st = pclose(p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

#endif
