/*
 * cmd_set.c - `overens set ID FIELD VALUE`: fills in one field of an
 * agreement (a list field gets one more item).
 */
#include "cli/cli.h"

static const cli_option options[] = {
	CLI_OPT_DATE(N_("the day of the change (default: today in Sweden)")),
	CLI_OPTIONS_END,
};

static int cmd_set(cli_args *a, const cli_command *c)
{
	cli_session s;
	int err;

	(void)c;
	if ((err = cli_session_open(&s, a)) >= 0)
		err = ov_agreement_set(s.ws, s.actor, a->pos[0], a->pos[1], a->pos[2],
				       cli_opt(a, "date"));
	return cli_session_close(&s, a, err);
}

const cli_command cli_cmd_set = {
	"set", cmd_set, N_("ID FIELD VALUE [--date DATE]"),
	N_("fill in a field"),
	N_("Sets FIELD of agreement ID to VALUE; a list field gets VALUE as one more item.\n"
	   "'overens status ID' and 'overens interview ID' show the phase's fields."),
	options, 3, 3, N_("ID FIELD VALUE"),
};
