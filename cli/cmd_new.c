/*
 * cmd_new.c - `overens new WORKFLOW --party ROLE=ORGNR …`: starts an
 * agreement from a workflow definition and prints its ID.
 */
#include <stdlib.h>
#include <string.h>

#include "overens/error.h"
#include "cli/cli.h"

static const cli_option options[] = {
	{ "party", 0, CLI_VALUE | CLI_REPEAT, N_("ROLE=ORGNR[:UNIT]"),
	  N_("a party: the workflow's role and a registered organisation, or a unit of it") },
	{ "title", 0, CLI_VALUE, N_("TITLE"), N_("the agreement's title") },
	{ "subject", 0, CLI_VALUE, N_("SUBJECT"),
	  N_("what the agreement is about: an installed subject (overens subjects; "
	     "default: the workflow's)") },
	CLI_OPT_DATE(N_("the day the agreement starts (default: today in Sweden)")),
	CLI_OPTIONS_END,
};

static int cmd_new(cli_args *a, const cli_command *c)
{
	ov_param parties[CLI_MAX_ARGS];
	char *roles[CLI_MAX_ARGS];
	size_t n = 0, i;
	cli_session s;
	char *id = NULL;
	int err = 0;

	for (i = 0; i < a->nopt; i++) {
		const char *v = a->opt[i].value, *eq = strchr(v, '=');
		if (strcmp(a->opt[i].key, "party"))
			continue;
		if (!eq) {
			err = cli_usage(a, c, _("--party takes ROLE=ORGNR, not '%s'"), v);
			goto done;
		}
		if (!(roles[n] = strndup(v, (size_t)(eq - v)))) {
			err = cli_fail(a, ov_error_set(OV_ENOMEM, "%s", _("out of memory")));
			goto done;
		}
		parties[n].key = roles[n];
		parties[n++].value = eq + 1;
	}
	if ((err = cli_session_open(&s, a)) >= 0 &&
	    (err = ov_agreement_create_subject(&id, s.ws, s.actor, a->pos[0], cli_opt(a, "subject"),
					       parties, n, cli_opt(a, "title"),
					       cli_opt(a, "date"))) >= 0)
		printf("%s\n", id);
	err = cli_session_close(&s, a, err);
done:
	free(id);
	for (i = 0; i < n; i++)
		free(roles[i]);
	return err;
}

const cli_command cli_cmd_new = {
	"new", cmd_new,
	N_("WORKFLOW --party ROLE=ORGNR --party ROLE=ORGNR … [--subject SUBJECT] [--title TITLE] "
	   "[--date DATE]"),
	N_("start an agreement from a workflow definition"),
	N_("Starts an agreement following the workflow WORKFLOW (workflows/WORKFLOW.xml,\n"
	   "e.g. samverkansavtal or overenskommelse) between the given parties, and\n"
	   "prints its ID (YEAR-NNNN).  A party that is a unit of an organisation (a\n"
	   "nämnd or förvaltning, registered with org unit) is given as ORGNR:UNIT; two\n"
	   "parties of one organisation must be two different units of it.  --subject\n"
	   "names what the agreement is about (overens subjects lists them: anhorigstod,\n"
	   "lagstadgade-uppdrag, allman …); without it the workflow's default subject\n"
	   "applies (samverkansavtal: anhorigstod, overenskommelse: lagstadgade-uppdrag)."),
	options, 1, 1, N_("WORKFLOW"),
};
