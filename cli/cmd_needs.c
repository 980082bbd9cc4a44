/*
 * cmd_needs.c - `overens needs ID` (the event `needs`): the mapping of
 * needs is done.
 */
#include "cli/cli.h"

static const cli_option options[] = {
	CLI_OPT_DATE(N_("the day it was done (default: today in Sweden)")),
	CLI_OPTIONS_END,
};

const cli_command cli_cmd_needs = {
	"needs", cli_event, N_("ID [--date DATE]"),
	N_("the needs mapping is done"),
	N_("Records that the mapping of needs for agreement ID is done."),
	options, 1, 1, N_("ID"),
};
