/*
 * cmd_show.c - `overens show ID [--rev COMMIT|TAG]`: the agreement's XML as stored
 * in git, now or at a commit or tag.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "overens/date.h"
#include "overens/error.h"
#include "overens/query.h"
#include "cli/cli.h"

static const cli_option options[] = {
	{ "rev", 0, CLI_VALUE, N_("COMMIT|TAG"),
	  N_("the text at this commit or tag (ID-vN: version N as signed)") },
	CLI_OPTIONS_END,
};

static int cmd_show(cli_args *a, const cli_command *c)
{
	ov_workspace *ws = NULL;
	ov_buf out = OV_BUF_INIT;
	int err, rc = 0;

	(void)c;
	if ((err = cli_open(&ws, a)) < 0 ||
	    (err = ov_agreement_show(&out, ws, a->pos[0], cli_opt(a, "rev"))) < 0)
		rc = cli_fail(a, err);
	else
		fwrite(out.ptr, 1, out.size, stdout);
	ov_buf_dispose(&out);
	ov_workspace_free(ws);
	return rc;
}

const cli_command cli_cmd_show = {
	"show", cmd_show, N_("ID [--rev COMMIT|TAG]"),
	N_("print the agreement's XML"),
	N_("Prints agreement ID as stored in git (the format 'overens import' reads), or\n"
	   "as it was at a commit or tag."),
	options, 1, 1, N_("ID"),
};
