/*
 * cmd_followup.c - `overens followup ID --decision D --answer ID=TEXT …`:
 * records the written yearly follow-up.  Each --answer answers one of the
 * workflow's follow-up questions; it reaches the engine as answer.ID.
 */
#include <stdlib.h>
#include <string.h>

#include "overens/buf.h"
#include "overens/error.h"
#include "cli/cli.h"

static const cli_option options[] = {
	{ "decision", 0, CLI_VALUE, N_("DECISION"), N_("continue, amend or terminate") },
	{ "answer", 0, CLI_VALUE | CLI_REPEAT, N_("ID=TEXT"),
	  N_("the answer to the follow-up question ID") },
	CLI_OPT_DATE(N_("the day of the follow-up (default: today in Sweden)")),
	CLI_OPTIONS_END,
};

static int cmd_followup(cli_args *a, const cli_command *c)
{
	ov_param params[CLI_MAX_ARGS];
	char *keys[CLI_MAX_ARGS];
	size_t n = 0, nkeys = 0, i;
	int rc = 0;

	for (i = 0; i < a->nopt && !rc; i++) {
		const char *k = a->opt[i].key, *v = a->opt[i].value, *eq = strchr(v, '=');
		ov_buf key = OV_BUF_INIT;

		if (!strcmp(k, "date"))
			continue;
		params[n] = a->opt[i];
		if (strcmp(k, "answer")) {
			n++;
			continue;
		}
		if (!eq || eq == v) {
			rc = cli_usage(a, c, _("--answer takes ID=TEXT, not '%s'"), v);
		} else if (ov_buf_puts(&key, "answer.") < 0 ||
			   ov_buf_put(&key, v, (size_t)(eq - v)) < 0) {
			ov_buf_dispose(&key);
			rc = cli_fail(a, ov_error_set(OV_ENOMEM, "%s", _("out of memory")));
		} else {
			params[n].key = keys[nkeys++] = ov_buf_detach(&key);
			params[n++].value = eq + 1;
		}
	}
	if (!rc)
		rc = cli_event_run(a, c->name, params, n);
	for (i = 0; i < nkeys; i++)
		free(keys[i]);
	return rc;
}

const cli_command cli_cmd_followup = {
	"followup", cmd_followup,
	N_("ID --decision continue|amend|terminate --answer ID=TEXT … [--date DATE]"),
	N_("record the written follow-up"),
	N_("Records the written follow-up of agreement ID: the decision, and an answer to\n"
	   "each of the workflow's follow-up questions ('overens status ID' lists them)."),
	options, 1, 1, N_("ID"),
};
