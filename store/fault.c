/*
 * fault.c - fault injection points for crash tests (see ov_fault_point in
 * workspace.h).
 *
 * A test names one point in the environment, OVERENS_FAULT=<name>; the
 * process kills itself with SIGKILL the first time it passes that point,
 * exactly as a power cut or `kill -9` would stop it there: no atexit
 * handlers, no buffered output, no cleanup.  The variable is read once per
 * process.  Without it every point is a string comparison with NULL.
 */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "store/workspace.h"

static pthread_once_t fault_once = PTHREAD_ONCE_INIT;
static const char *fault_name; /* set once, never freed: getenv's storage */

static void read_fault(void)
{
	const char *v = getenv("OVERENS_FAULT");

	fault_name = v && *v ? v : NULL;
}

void ov_fault_point(const char *name)
{
	pthread_once(&fault_once, read_fault);
	if (fault_name && name && !strcmp(fault_name, name))
		raise(SIGKILL);
}
