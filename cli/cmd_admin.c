/*
 * cmd_admin.c - init, config, org, person and reindex.
 */
#include <stdlib.h>
#include <string.h>

#include "overens/error.h"
#include "cli/cli.h"

int cmd_init(cli_args *a, const cli_command *c)
{
	const char *dir = a->npos ? a->pos[0] : (a->dir ? a->dir : ".");
	int err;

	if (a->npos > 1)
		return cli_usage(c, "too many arguments");
	if ((err = cli_only(a, "", c)))
		return err;
	if ((err = ov_workspace_init(dir)) < 0)
		return cli_fail(err);
	printf("Ny arbetsyta i %s\n", dir);
	return 0;
}

int cmd_config(cli_args *a, const cli_command *c)
{
	ov_workspace *ws = NULL;
	char *v = NULL;
	int err, rc = 0;

	if (a->npos < 1 || a->npos > 2)
		return cli_usage(c, "give KEY, or KEY and VALUE");
	if ((err = cli_only(a, "", c)))
		return err;
	if ((err = cli_open(&ws, a)) < 0)
		return cli_fail(err);
	if (a->npos == 2)
		err = ov_config_set(ws, a->pos[0], a->pos[1]);
	else if ((err = ov_config_get(&v, ws, a->pos[0])) >= 0) {
		if (v)
			printf("%s\n", v);
		else
			rc = 1;
	}
	if (err < 0)
		rc = cli_fail(err);
	free(v);
	ov_workspace_free(ws);
	return rc;
}

int cmd_org(cli_args *a, const cli_command *c)
{
	ov_workspace *ws = NULL;
	char *actor = NULL;
	int err, rc = 0;

	if (a->npos < 1)
		return cli_usage(c, "give 'add' or 'signatory'");
	if (!strcmp(a->pos[0], "add")) {
		if ((err = cli_only(a, "name kind orgnr address contact contact-email contact-phone",
				    c)))
			return err;
		if (a->npos != 1)
			return cli_usage(c, "org add takes only options");
	} else if (!strcmp(a->pos[0], "signatory")) {
		if ((err = cli_only(a, "name title email", c)))
			return err;
		if (a->npos != 2)
			return cli_usage(c, "org signatory takes the organisation number");
	} else {
		return cli_usage(c, "give 'add' or 'signatory'");
	}
	if ((err = cli_open(&ws, a)) < 0 || (err = cli_actor(&actor, ws, a)) < 0) {
		rc = cli_fail(err);
		goto done;
	}
	if (!strcmp(a->pos[0], "add"))
		err = ov_org_add(ws, actor, a->opt, a->nopt);
	else
		err = ov_org_signatory(ws, actor, a->pos[1], cli_opt(a, "name"),
				       cli_opt(a, "title"), cli_opt(a, "email"));
	if (err < 0)
		rc = cli_fail(err);
	else if (!strcmp(a->pos[0], "add"))
		printf("Registrerade %s (%s)\n", cli_opt(a, "name"), cli_opt(a, "orgnr"));
	else
		printf("Registrerade %s som behörig tecknare för %s\n", cli_opt(a, "name"),
		       a->pos[1]);
done:
	free(actor);
	ov_workspace_free(ws);
	return rc;
}

int cmd_person(cli_args *a, const cli_command *c)
{
	ov_workspace *ws = NULL;
	char *actor = NULL;
	int err, rc = 0;

	if (a->npos != 2 || strcmp(a->pos[0], "add"))
		return cli_usage(c, "give 'add EMAIL'");
	if ((err = cli_only(a, "name org roles", c)))
		return err;
	if ((err = cli_open(&ws, a)) < 0) {
		rc = cli_fail(err);
		goto done;
	}
	/* The first person registers themself: --as defaults to the new address. */
	if (a->as && *a->as)
		actor = strdup(a->as);
	else if ((err = ov_config_get(&actor, ws, "user.email")) < 0) {
		rc = cli_fail(err);
		goto done;
	}
	if (!actor)
		actor = strdup(a->pos[1]);
	if ((err = ov_person_add(ws, actor, a->pos[1], cli_opt(a, "name"), cli_opt(a, "org"),
				 cli_opt(a, "roles"))) < 0)
		rc = cli_fail(err);
	else
		printf("Registrerade %s <%s>\n", cli_opt(a, "name"), a->pos[1]);
done:
	free(actor);
	ov_workspace_free(ws);
	return rc;
}

int cmd_reindex(cli_args *a, const cli_command *c)
{
	ov_workspace *ws = NULL;
	int err, rc = 0;

	if (a->npos || (err = cli_only(a, "", c)))
		return a->npos ? cli_usage(c, "no arguments") : err;
	if ((err = cli_open(&ws, a)) < 0 || (err = ov_workspace_reindex(ws)) < 0)
		rc = cli_fail(err);
	else
		printf("Indexet är återuppbyggt från git\n");
	ov_workspace_free(ws);
	return rc;
}
