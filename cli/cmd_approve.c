/*
 * cmd_approve.c - `overens approve ID --party ROLE` (the event `approve`):
 * a party approves the proposed amendment.
 */
#include "cli/cli.h"

static const cli_option options[] = {
	{ "party", 0, CLI_VALUE, N_("ROLE"), N_("the approving party") },
	CLI_OPT_DATE(N_("the day of the approval (default: today in Sweden)")),
	CLI_OPTIONS_END,
};

const cli_command cli_cmd_approve = {
	"approve", cli_event, N_("ID --party ROLE [--date DATE]"),
	N_("a party approves the amendment"),
	N_("Records that party ROLE approves the proposed amendment of agreement ID; when\n"
	   "every party has approved, the new version goes to signing."),
	options, 1, 1, N_("ID"),
};
