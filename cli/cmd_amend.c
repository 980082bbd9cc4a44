/*
 * cmd_amend.c - `overens amend ID --summary TEXT` (the event `amend`):
 * proposes an amendment, a new version of the agreement's text.
 */
#include "cli/cli.h"

static const cli_option options[] = {
	{ "summary", 0, CLI_VALUE, N_("TEXT"), N_("what the amendment changes") },
	CLI_OPT_DATE(N_("the day of the proposal (default: today in Sweden)")),
	CLI_OPTIONS_END,
};

const cli_command cli_cmd_amend = {
	"amend", cli_event, N_("ID --summary TEXT [--date DATE]"),
	N_("propose an amendment (a new version)"),
	N_("Proposes an amendment of agreement ID: a new version of the text, which every\n"
	   "party approves and signs again."),
	options, 1, 1, N_("ID"),
};
