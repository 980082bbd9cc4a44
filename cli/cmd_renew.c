/*
 * cmd_renew.c - `overens renew ID` (the event `renew`): the parties'
 * decision to renew a term that renews only explicitly; the term's end
 * moves by the workflow's renewal period.
 */
#include "cli/cli.h"

static const cli_option options[] = {
	CLI_OPT_DATE(N_("the day of the decision (default: today in Sweden)")),
	CLI_OPTIONS_END,
};

const cli_command cli_cmd_renew = {
	"renew", cli_event, N_("ID [--date DATE]"),
	N_("renew a term that renews only by a recorded decision"),
	N_("Records the parties' decision to renew agreement ID: its term's end moves by\n"
	   "the renewal period.  Only for a workflow whose term renews explicitly, on or\n"
	   "before the term's end; a tacit renewal needs no step, a fixed term none."),
	options, 1, 1, N_("ID"),
};
