/*
 * cmd_init.c - `overens init [DIR]`: a new workspace (a bare git
 * repository and its SQLite index) in DIR, -C DIR or the current folder.
 */
#include "overens/error.h"
#include "cli/cli.h"

static const cli_option options[] = {
	CLI_OPTIONS_END,
};

static int cmd_init(cli_args *a, const cli_command *c)
{
	const char *dir = a->npos ? a->pos[0] : (a->dir ? a->dir : ".");
	int err;

	(void)c;
	if ((err = ov_workspace_init(dir)) < 0)
		return cli_fail(a, err);
	printf("Ny arbetsyta i %s\n", dir);
	return 0;
}

const cli_command cli_cmd_init = {
	"init", cmd_init, N_("[DIR]"),
	N_("create a workspace (default: the current folder)"),
	N_("Creates a workspace in DIR (default: the folder given by -C, else the current\n"
	   "folder): a git repository holding every agreement and event, and the SQLite\n"
	   "index beside it."),
	options, 0, 1, N_("[DIR]"),
};
