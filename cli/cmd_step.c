/*
 * cmd_step.c - `overens step ID STEP`: takes any step the agreement's
 * workflow declares, by name, for workflows with steps of their own.
 * --party names the acting party; each --set FIELD=VALUE is handed to the
 * engine as a parameter "set" (the workflow says which fields a step
 * fills in).
 */
#include <string.h>

#include "cli/cli.h"

static const cli_option options[] = {
	{ "party", 0, CLI_VALUE, N_("ROLE"), N_("the party taking the step") },
	{ "set", 0, CLI_VALUE | CLI_REPEAT, N_("FIELD=VALUE"),
	  N_("a field the step fills in (repeatable)") },
	CLI_OPT_DATE(N_("the day of the step (default: today in Sweden)")),
	CLI_OPTIONS_END,
};

static int cmd_step(cli_args *a, const cli_command *c)
{
	ov_param params[CLI_MAX_ARGS];
	size_t n = 0;

	for (size_t i = 0; i < a->nopt; i++) {
		if (!strcmp(a->opt[i].key, "date"))
			continue;
		if (!strcmp(a->opt[i].key, "set") && !strchr(a->opt[i].value, '='))
			return cli_usage(a, c, _("--set takes FIELD=VALUE, not '%s'"),
					 a->opt[i].value);
		params[n++] = a->opt[i];
	}
	return cli_event_run(a, a->pos[1], params, n);
}

const cli_command cli_cmd_step = {
	"step", cmd_step, N_("ID STEP [--party ROLE] [--set FIELD=VALUE …] [--date DATE]"),
	N_("take a step the agreement's workflow declares"),
	N_("Takes the step STEP of agreement ID's workflow, as the workflow declares it;\n"
	   "'overens status ID' lists the steps that may follow.  --party names the party\n"
	   "taking it, and each --set FIELD=VALUE fills in a field the step records."),
	options, 2, 2, N_("ID STEP"),
};
