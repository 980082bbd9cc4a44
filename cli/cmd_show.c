/*
 * cmd_show.c - `overens show ID [--rev COMMIT|TAG | --as-of DATE]`: the
 * agreement's XML as stored in git, now, at a commit or tag, or the version
 * in force on a day (ov_agreement_in_force).
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
	{ "as-of", 0, CLI_VALUE, N_("DATE"),
	  N_("the version in force on this day, as it stood then") },
	CLI_OPTIONS_END,
};

static int cmd_show(cli_args *a, const cli_command *c)
{
	ov_workspace *ws = NULL;
	ov_buf out = OV_BUF_INIT;
	ov_in_force f = { .version = 0 };
	const char *as_of = cli_opt(a, "as-of");
	int err, rc = 0;

	if (as_of && cli_opt(a, "rev"))
		return cli_usage(a, c, "%s", _("give --as-of or --rev, not both"));
	if ((err = cli_open(&ws, a)) < 0 ||
	    (as_of && (err = ov_agreement_in_force(&f, ws, a->pos[0], as_of)) < 0) ||
	    (err = ov_agreement_show(&out, ws, a->pos[0], as_of ? f.commit : cli_opt(a, "rev"))) < 0)
		rc = cli_fail(a, err);
	else
		fwrite(out.ptr, 1, out.size, stdout);
	ov_buf_dispose(&out);
	ov_workspace_free(ws);
	return rc;
}

const cli_command cli_cmd_show = {
	"show", cmd_show, N_("ID [--rev COMMIT|TAG | --as-of DATE]"),
	N_("print the agreement's XML"),
	N_("Prints agreement ID as stored in git (the format 'overens import' reads), or\n"
	   "as it was at a commit or tag.  With --as-of DATE it prints the version that\n"
	   "was in force on that day (signed by every party, not yet replaced or ended),\n"
	   "as it stood then; it fails when no version was in force."),
	options, 1, 1, N_("ID"),
};
