/*
 * fault.c - the counters behind ov_fail (see fault.h); compiled to nothing
 * without OV_FAULTS.
 *
 * OVERENS_FAIL and OVERENS_FAIL_COUNT are read once, at the first counted
 * call.  The counters are atomic: the web server's threads count too.
 */
#include "engine/base/fault.h"

#ifdef OV_FAULTS
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

static const char *const op_names[OV_FAIL_NOPS] = {
	"write", "fsync", "rename", "open", "sqlite", "git", "alloc", "git-alloc", "unlink"
};
static const int op_errno[OV_FAIL_NOPS] = {
	ENOSPC, EIO, ENOSPC, ENOSPC, ENOSPC, ENOSPC, ENOMEM, ENOMEM, EIO
};

static pthread_once_t setup_once = PTHREAD_ONCE_INIT;
static atomic_ulong calls[OV_FAIL_NOPS];
static int chosen_op = -1;
static unsigned long chosen_n;
static const char *count_path;

static void write_counts(void)
{
	FILE *f = fopen(count_path, "w");

	if (!f)
		return;
	for (int i = 0; i < OV_FAIL_NOPS; i++)
		fprintf(f, "%s %lu\n", op_names[i], (unsigned long)atomic_load(&calls[i]));
	fclose(f);
}

static void setup(void)
{
	const char *v = getenv("OVERENS_FAIL"), *colon;

	if (v && (colon = strchr(v, ':'))) {
		for (int i = 0; i < OV_FAIL_NOPS; i++)
			if ((size_t)(colon - v) == strlen(op_names[i]) &&
			    !strncmp(v, op_names[i], (size_t)(colon - v)))
				chosen_op = i;
		chosen_n = strtoul(colon + 1, NULL, 10);
	}
	count_path = getenv("OVERENS_FAIL_COUNT");
	if (count_path && *count_path)
		atexit(write_counts);
}

int ov_fail(ov_fail_op op)
{
	unsigned long n;

	pthread_once(&setup_once, setup);
	n = atomic_fetch_add(&calls[op], 1) + 1;
	if ((int)op != chosen_op || n != chosen_n)
		return 0;
	errno = op_errno[op];
	return 1;
}
#endif
