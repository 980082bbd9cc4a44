/*
 * cmd_decide.c - `overens decide ID --party ROLE`: records a party's own
 * decision (board or committee minutes) to enter the agreement.
 */
#include "cli/cli.h"

static const cli_option options[] = {
	{ "party", 0, CLI_VALUE, N_("ROLE"), N_("the deciding party") },
	{ "minutes", 0, CLI_VALUE, N_("PARAGRAPH"), N_("the minutes' paragraph, e.g. \"§ 12\"") },
	{ "body", 0, CLI_VALUE, N_("BODY"), N_("the deciding body, e.g. kretsstyrelse") },
	{ "outcome", 0, CLI_VALUE, N_("OUTCOME"), N_("bifall (approved, the default) or avslag") },
	{ "text", 0, CLI_VALUE, N_("TEXT"), N_("the decision's wording") },
	CLI_OPT_DATE(N_("the day of the decision (default: today in Sweden)")),
	CLI_OPTIONS_END,
};

const cli_command cli_cmd_decide = {
	"decide", cli_event,
	N_("ID --party ROLE --minutes PARAGRAPH [--body BODY] [--outcome bifall|avslag]\n"
	   " [--text TEXT] [--date DATE]"),
	N_("record a party's decision"),
	N_("Records the decision of party ROLE about agreement ID, as its minutes say."),
	options, 1, 1, N_("ID"),
};
