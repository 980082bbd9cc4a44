/*
 * fault.c - fault injection points for crash tests (see ov_fault_point in
 * workspace.h).
 *
 * A test names one point in the environment, OVERENS_FAULT=<name>; the
 * process kills itself with SIGKILL the first time it passes that point,
 * exactly as a power cut or `kill -9` would stop it there: no atexit
 * handlers, no buffered output, no cleanup.  The variable is read at each
 * point (a few per write), so a child forked by a test after its parent
 * passed a point still sees its own setting.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "store/workspace.h"

void ov_fault_point(const char *name)
{
	const char *v = getenv("OVERENS_FAULT");

	if (v && *v && name && !strcmp(v, name))
		raise(SIGKILL);
}
