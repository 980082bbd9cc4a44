/*
 * cmd_person.c - `overens person add EMAIL`: registers a person who acts
 * for an organisation, with roles.  The first person registers themself:
 * without --as and user.email the new address is the actor.
 */
#include <stdlib.h>
#include <string.h>

#include "overens/error.h"
#include "cli/cli.h"

static const cli_option options[] = {
	{ "name", 0, CLI_VALUE, N_("NAME"), N_("the person's name") },
	{ "org", 0, CLI_VALUE, N_("ORGNR"), N_("the organisation the person acts for") },
	{ "roles", 0, CLI_VALUE, N_("ROLES"),
	  N_("space-separated: official board steering reviewer signatory admin") },
	CLI_OPTIONS_END,
};

static int cmd_person(cli_args *a, const cli_command *c)
{
	ov_workspace *ws = NULL;
	char *actor = NULL;
	int err = 0;

	if (strcmp(a->pos[0], "add"))
		return cli_usage(a, c, _("give 'add EMAIL'"));
	if ((err = cli_open(&ws, a)) < 0)
		goto done;
	if (a->as && *a->as)
		actor = strdup(a->as);
	else if ((err = ov_config_get(&actor, ws, "user.email")) < 0)
		goto done;
	if (!actor)
		actor = strdup(a->pos[1]);
	if (!actor) {
		err = ov_error_set(OV_ENOMEM, "%s", _("out of memory"));
		goto done;
	}
	if ((err = ov_person_add(ws, actor, a->pos[1], cli_opt(a, "name"), cli_opt(a, "org"),
				 cli_opt(a, "roles"))) >= 0)
		printf("Registrerade %s <%s>\n", cli_opt(a, "name"), a->pos[1]);
done:
	free(actor);
	ov_workspace_free(ws);
	return err < 0 ? cli_fail(a, err) : 0;
}

const cli_command cli_cmd_person = {
	"person", cmd_person, N_("add EMAIL --name NAME --org ORGNR --roles \"ROLE …\""),
	N_("register a person who acts for an organisation"),
	N_("Registers the person with the address EMAIL, acting for the organisation\n"
	   "ORGNR in the given roles.  The workflow says which roles may take which step."),
	options, 2, 2, N_("add EMAIL"),
};
