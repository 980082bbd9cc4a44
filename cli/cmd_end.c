/*
 * cmd_end.c - `overens end ID` (the event `end`): a terminated agreement
 * has ended.
 */
#include "cli/cli.h"

static const cli_option options[] = {
	CLI_OPT_DATE(N_("the day it ended (default: today in Sweden)")),
	CLI_OPTIONS_END,
};

const cli_command cli_cmd_end = {
	"end", cli_event, N_("ID [--date DATE]"),
	N_("record that a terminated agreement has ended"),
	N_("Records that the terminated agreement ID has ended (on or after the day the\n"
	   "termination takes effect)."),
	options, 1, 1, N_("ID"),
};
