/*
 * replay.c - runs a harness of tests/fuzz over stored inputs without
 * libFuzzer, so that any compiler and build (gcc, the ASan + UBSan build,
 * valgrind) can replay a corpus: linked with one fuzz_<name>.c, it calls
 * LLVMFuzzerTestOneInput once for every file given and every regular file
 * in every folder given (not recursing; in name order).  A finding is the
 * harness's abort() or the sanitizers' report, which end the process;
 * before each input its name is written to stderr with --verbose, and the
 * name of the input being run is always in the message of a crash.
 *
 *   replay [--verbose] FILE|DIR...     exit 0: all ran; 2: nothing to run
 *                                      or an input could not be read
 */
#include <dirent.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "overens/buf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *current;   /* the input being run, for a crash message */
static int verbose;

static void on_abort(int sig)
{
	static const char msg[] = "replay: the harness failed on ";

	(void)sig;
	if (current) {
		/* only async-signal-safe calls here */
		if (write(2, msg, sizeof(msg) - 1) < 0 || write(2, current, strlen(current)) < 0 ||
		    write(2, "\n", 1) < 0)
			_exit(134);
	}
	signal(SIGABRT, SIG_DFL);
	raise(SIGABRT);
}

static int run_file(const char *path, size_t *count)
{
	ov_buf b = OV_BUF_INIT;

	if (ov_buf_read_file(&b, path) < 0) {
		fprintf(stderr, "replay: cannot read %s\n", path);
		return 2;
	}
	current = path;
	if (verbose)
		fprintf(stderr, "replay: %s (%zu bytes)\n", path, b.size);
	/* a private copy of exactly the input's size, as libFuzzer gives it */
	{
		uint8_t *copy = malloc(b.size ? b.size : 1);
		if (!copy) {
			ov_buf_dispose(&b);
			return 2;
		}
		memcpy(copy, b.ptr ? b.ptr : "", b.size);
		LLVMFuzzerTestOneInput(copy, b.size);
		free(copy);
	}
	current = NULL;
	ov_buf_dispose(&b);
	(*count)++;
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_dir(const char *dir, size_t *count)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL, **grown;
	size_t n = 0, cap = 0, i;
	int rc = 0;

	if (!d) {
		fprintf(stderr, "replay: cannot open %s\n", dir);
		return 2;
	}
	while ((e = readdir(d))) {
		ov_buf path = OV_BUF_INIT;
		struct stat st;

		if (e->d_name[0] == '.' || ov_buf_printf(&path, "%s/%s", dir, e->d_name) < 0 ||
		    stat(path.ptr, &st) < 0 || !S_ISREG(st.st_mode)) {
			ov_buf_dispose(&path);
			continue;
		}
		if (n == cap) {
			size_t more = cap ? 2 * cap : 64;
			if (!(grown = realloc(names, more * sizeof(*names)))) {
				ov_buf_dispose(&path);
				rc = 2;
				break;
			}
			names = grown;
			cap = more;
		}
		names[n++] = path.ptr;
	}
	closedir(d);
	qsort(names, n, sizeof(*names), by_name);
	for (i = 0; i < n; i++) {
		if (!rc)
			rc = run_file(names[i], count);
		free(names[i]);
	}
	free(names);
	return rc;
}

int main(int argc, char **argv)
{
	size_t count = 0;
	int i, rc = 0;

	signal(SIGABRT, on_abort);
	for (i = 1; i < argc && !rc; i++) {
		struct stat st;

		if (!strcmp(argv[i], "--verbose")) {
			verbose = 1;
			continue;
		}
		if (stat(argv[i], &st) < 0) {
			fprintf(stderr, "replay: no such file or folder: %s\n", argv[i]);
			rc = 2;
		} else {
			rc = S_ISDIR(st.st_mode) ? run_dir(argv[i], &count) : run_file(argv[i], &count);
		}
	}
	if (!rc && !count) {
		fprintf(stderr, "replay: no inputs in %s\n", argc > 1 ? argv[argc - 1] : "(none given)");
		rc = 2;
	}
	if (!rc)
		printf("replay: %zu inputs ran without a finding\n", count);
	return rc;
}
