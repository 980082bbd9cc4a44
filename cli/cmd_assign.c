/*
 * cmd_assign.c - `overens assign ID` (the event `assign`): boundaries and
 * assignment are done and the text is frozen for signing.
 */
#include "cli/cli.h"

static const cli_option options[] = {
	CLI_OPT_DATE(N_("the day it was done (default: today in Sweden)")),
	CLI_OPTIONS_END,
};

const cli_command cli_cmd_assign = {
	"assign", cli_event, N_("ID [--date DATE]"),
	N_("boundaries and assignment are done: ready for signing"),
	N_("Records that the boundaries and the assignment of agreement ID are done; the\n"
	   "text is frozen for signing."),
	options, 1, 1, N_("ID"),
};
