/*
 * cmd_contact.c - `overens contact ID`: records the first contact between
 * the parties (the event `contact`).
 */
#include "cli/cli.h"

static const cli_option options[] = {
	{ "with", 0, CLI_VALUE, N_("WHO"), N_("whom the contact was with") },
	{ "notes", 0, CLI_VALUE, N_("TEXT"), N_("notes from the contact") },
	{ "party", 0, CLI_VALUE, N_("ROLE"), N_("the party that made the contact") },
	CLI_OPT_DATE(N_("the day of the contact (default: today in Sweden)")),
	CLI_OPTIONS_END,
};

const cli_command cli_cmd_contact = {
	"contact", cli_event, N_("ID [--with WHO] [--notes TEXT] [--party ROLE] [--date DATE]"),
	N_("record the first contact"),
	N_("Records the first contact about agreement ID: with whom, and notes."),
	options, 1, 1, N_("ID"),
};
