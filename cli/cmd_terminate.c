/*
 * cmd_terminate.c - `overens terminate ID --party ROLE` (the event
 * `terminate`): with the agreed notice, or --immediate on breach.
 */
#include "cli/cli.h"

static const cli_option options[] = {
	{ "party", 0, CLI_VALUE, N_("ROLE"), N_("the terminating party") },
	{ "immediate", 0, 0, NULL, N_("terminate with immediate effect (needs --reason)") },
	{ "reason", 0, CLI_VALUE, N_("TEXT"), N_("why (required with --immediate)") },
	CLI_OPT_DATE(N_("the day of the termination (default: today in Sweden)")),
	CLI_OPTIONS_END,
};

const cli_command cli_cmd_terminate = {
	"terminate", cli_event, N_("ID --party ROLE [--immediate --reason TEXT] [--date DATE]"),
	N_("terminate the agreement (with notice, or at once on breach)"),
	N_("Records that party ROLE terminates agreement ID.  It then runs until the notice\n"
	   "period has passed; with --immediate (on breach, with the reason) it ends at once."),
	options, 1, 1, N_("ID"),
};
