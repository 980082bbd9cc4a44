/*
 * cmd_unset.c - `overens unset ID FIELD`: clears one field of an agreement.
 */
#include "cli/cli.h"

static const cli_option options[] = {
	CLI_OPT_DATE(N_("the day of the change (default: today in Sweden)")),
	CLI_OPTIONS_END,
};

static int cmd_unset(cli_args *a, const cli_command *c)
{
	cli_session s;
	int err;

	(void)c;
	if ((err = cli_session_open(&s, a)) >= 0)
		err = ov_agreement_set(s.ws, s.actor, a->pos[0], a->pos[1], NULL,
				       cli_opt(a, "date"));
	return cli_session_close(&s, a, err);
}

const cli_command cli_cmd_unset = {
	"unset", cmd_unset, N_("ID FIELD [--date DATE]"),
	N_("clear a field"),
	N_("Clears FIELD of agreement ID (every item of a list field)."),
	options, 2, 2, N_("ID FIELD"),
};
