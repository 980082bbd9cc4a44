/*
 * cmd_reindex.c - `overens reindex`: rebuilds the SQLite index from git,
 * the source of truth.
 */
#include "overens/error.h"
#include "cli/cli.h"

static const cli_option options[] = {
	CLI_OPTIONS_END,
};

static int cmd_reindex(cli_args *a, const cli_command *c)
{
	ov_workspace *ws = NULL;
	int err, rc = 0;

	(void)c;
	if ((err = cli_open(&ws, a)) < 0 || (err = ov_workspace_reindex(ws)) < 0)
		rc = cli_fail(a, err);
	else
		printf("Indexet är återuppbyggt från git\n");
	ov_workspace_free(ws);
	return rc;
}

const cli_command cli_cmd_reindex = {
	"reindex", cmd_reindex, "",
	N_("rebuild the SQLite index from git"),
	N_("Rebuilds the SQLite index (lists, due dates) from the git history, which is\n"
	   "the source of truth."),
	options, 0, 0, NULL,
};
