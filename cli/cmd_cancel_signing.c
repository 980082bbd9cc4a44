/*
 * cmd_cancel_signing.c - `overens cancel-signing ID` (the event
 * `cancel-signing`): unfreezes the text before every party has signed.
 */
#include "cli/cli.h"

static const cli_option options[] = {
	CLI_OPT_DATE(N_("the day of the cancellation (default: today in Sweden)")),
	CLI_OPTIONS_END,
};

const cli_command cli_cmd_cancel_signing = {
	"cancel-signing", cli_event, N_("ID [--date DATE]"),
	N_("unfreeze the text before all have signed"),
	N_("Unfreezes the text of agreement ID before every party has signed, so that it\n"
	   "can be changed again."),
	options, 1, 1, N_("ID"),
};
