/*
 * cmd_person.c - `overens person add EMAIL` registers a person who acts for
 * an organisation, with roles (the first person registers themself:
 * without --as and user.email the new address is the actor); `person
 * change EMAIL` changes a registration; `person
 * passwd EMAIL` sets or removes their account password (kept beside the
 * repository, never in git); `person list` shows who is registered.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "overens/account.h"
#include "overens/buf.h"
#include "overens/error.h"
#include "overens/person.h"
#include "cli/cli.h"

static const cli_option options[] = {
	{ "name", 0, CLI_VALUE, N_("NAME"), N_("add, change: the person's name") },
	{ "org", 0, CLI_VALUE, N_("ORGNR"), N_("add, change: the organisation the person acts for") },
	{ "roles", 0, CLI_VALUE, N_("ROLES"),
	  N_("add, change: space-separated: official board steering reviewer signatory admin") },
	{ "unit", 0, CLI_VALUE | CLI_REPEAT, N_("NAME"),
	  N_("add, change: a unit of the organisation the person acts for (repeatable; none: all of it)") },
	{ "whole-org", 0, 0, NULL, N_("change: act for the whole organisation, no longer for units") },
	{ "password-file", 0, CLI_VALUE, N_("FILE"),
	  N_("passwd: read the new password from FILE (else OVERENS_PASSWORD, else a prompt)") },
	{ "remove", 0, 0, NULL, N_("passwd: remove the password instead") },
	{ "password", 0, CLI_VALUE | CLI_HIDDEN, N_("PASSWORD"),
	  N_("refused: never on the command line") },
	CLI_OPTIONS_END,
};

static const cli_form forms[] = {
	{ "name", "add change" }, { "org", "add change" }, { "roles", "add change" },
	{ "unit", "add change" }, { "whole-org", "change" },
	{ "password-file", "passwd" }, { "remove", "passwd" },
};

static int person_add(cli_args *a)
{
	ov_workspace *ws = NULL;
	const char *units[CLI_MAX_ARGS];
	size_t nunits = 0;
	char *actor = NULL;
	int err = 0;

	for (size_t i = 0; i < a->nopt; i++)
		if (!strcmp(a->opt[i].key, "unit"))
			units[nunits++] = a->opt[i].value;

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
	if ((err = ov_person_add_units(ws, actor, a->pos[1], cli_opt(a, "name"),
				       cli_opt(a, "org"), cli_opt(a, "roles"), units, nunits)) >= 0)
		printf("Registrerade %s <%s>\n", cli_opt(a, "name"), a->pos[1]);
done:
	free(actor);
	ov_workspace_free(ws);
	return err < 0 ? cli_fail(a, err) : 0;
}

/* person change: what is given replaces what is registered. */
static int person_change(cli_args *a, const cli_command *c)
{
	ov_workspace *ws = NULL;
	const char *units[CLI_MAX_ARGS];
	size_t nunits = 0;
	char *actor = NULL;
	int err = 0, whole = cli_opt(a, "whole-org") != NULL;

	for (size_t i = 0; i < a->nopt; i++)
		if (!strcmp(a->opt[i].key, "unit"))
			units[nunits++] = a->opt[i].value;
	if (whole && nunits)
		return cli_usage(a, c, "%s", _("give --unit or --whole-org, not both"));
	if ((err = cli_open(&ws, a)) < 0 || (err = cli_actor(&actor, ws, a)) < 0)
		goto done;
	if ((err = ov_person_change(ws, actor, a->pos[1], cli_opt(a, "name"), cli_opt(a, "org"),
				    cli_opt(a, "roles"), units, nunits, !whole && !nunits)) >= 0)
		printf("Ändrade registreringen av %s\n", a->pos[1]);
done:
	free(actor);
	ov_workspace_free(ws);
	return err < 0 ? cli_fail(a, err) : 0;
}

/* Asks twice on the terminal; the two answers must agree. */
static int prompt_new_password(char **out, const char *email)
{
	ov_buf prompt = OV_BUF_INIT;
	char *again = NULL;
	int err = OV_OK;

	ov_buf_printf(&prompt, "Nytt lösenord för %s: ", email);
	if (!isatty(STDIN_FILENO) || !prompt.ptr || !(*out = cli_prompt_secret(prompt.ptr)))
		err = ov_error_set(OV_EINVALID, "%s", _("no password given: use --password-file "
			"FILE, OVERENS_PASSWORD or a terminal"));
	else if (!(again = cli_prompt_secret("Samma lösenord igen: ")) || strcmp(*out, again))
		err = ov_error_set(OV_EINVALID, "%s",
				   _("the two passwords differ; nothing was changed"));
	if (err < 0) {
		cli_secret_free(*out);
		*out = NULL;
	}
	cli_secret_free(again);
	ov_buf_dispose(&prompt);
	return err;
}

/* The new password: --password-file, else OVERENS_PASSWORD, else asked twice. */
static int new_password(char **out, const cli_args *a, const char *email)
{
	int err = cli_password_given(out, a);

	return err != 0 ? (err < 0 ? err : OV_OK) : prompt_new_password(out, email);
}

static int person_passwd(cli_args *a, const cli_command *c)
{
	ov_workspace *ws = NULL;
	char *password = NULL;
	int remove = cli_opt(a, "remove") != NULL, err;

	if (remove && cli_opt(a, "password-file"))
		return cli_usage(a, c, "%s", _("--remove takes no password"));
	if ((err = cli_open(&ws, a)) < 0)
		goto done;
	if (remove) {
		if ((err = ov_account_remove_password(ws, a->pos[1])) >= 0)
			printf("Tog bort lösenordet för %s\n", a->pos[1]);
	} else if ((err = new_password(&password, a, a->pos[1])) >= 0 &&
		   (err = ov_account_set_password(ws, a->pos[1], password)) >= 0) {
		printf("Satte lösenordet för %s\n", a->pos[1]);
	}
done:
	cli_secret_free(password);
	ov_workspace_free(ws);
	return err < 0 ? cli_fail(a, err) : 0;
}

/* The roles as a JSON array of words. */
static void json_roles(const char *roles)
{
	const char *p = roles;
	int first = 1;

	putchar('[');
	while (p && *p) {
		size_t n = strcspn(p, " ");
		if (n) {
			printf("%s\"%.*s\"", first ? "" : ",", (int)n, p);
			first = 0;
		}
		p += n + (p[n] == ' ');
	}
	putchar(']');
}

static int person_list(cli_args *a)
{
	ov_workspace *ws = NULL;
	ov_person_info *all = NULL;
	size_t n = 0;
	int err;

	if ((err = cli_open(&ws, a)) >= 0 && (err = ov_person_list(&all, &n, ws)) >= 0) {
		if (a->json)
			putchar('[');
		for (size_t i = 0; i < n; i++) {
			const ov_person_info *p = &all[i];
			if (!a->json) {
				printf("%s  %s  %s (%s)", p->email, p->name, p->org_name, p->orgnr);
				for (size_t j = 0; j < p->nunits; j++)
					printf("%s%s", j ? ", " : ": ", p->units[j]);
				printf("  %s%s\n", p->roles, p->has_password ? "  [lösenord]" : "");
				continue;
			}
			printf(i ? ",{" : "{");
			json_kv(stdout, "email", p->email, 1);
			json_kv(stdout, "name", p->name, 0);
			json_kv(stdout, "orgnr", p->orgnr, 0);
			json_kv(stdout, "org", p->org_name, 0);
			json_key(stdout, "roles", 0);
			json_roles(p->roles);
			json_key(stdout, "units", 0);
			putchar('[');
			for (size_t j = 0; j < p->nunits; j++) {
				if (j)
					putchar(',');
				json_str(stdout, p->units[j]);
			}
			putchar(']');
			json_kb(stdout, "password", p->has_password, 0);
			putchar('}');
		}
		if (a->json)
			printf("]\n");
	}
	ov_person_list_free(all, n);
	ov_workspace_free(ws);
	return err < 0 ? cli_fail(a, err) : 0;
}

static int cmd_person(cli_args *a, const cli_command *c)
{
	const char *form = a->pos[0];
	int err;

	if (cli_opt(a, "password"))
		return cli_usage(a, c, "%s", _("a password is never given on the command line: use a "
			"prompt, --password-file FILE or OVERENS_PASSWORD"));
	if (strcmp(form, "add") && strcmp(form, "change") && strcmp(form, "passwd") &&
	    strcmp(form, "list"))
		return cli_usage(a, c, _("give 'add', 'change', 'passwd' or 'list', not '%s'"), form);
	if ((err = cli_check_form(a, c, form, forms, sizeof(forms) / sizeof(forms[0]))))
		return err;
	if (!strcmp(form, "list"))
		return a->npos == 1 ? person_list(a)
				    : cli_usage(a, c, "%s", _("'person list' takes no address"));
	if (a->npos != 2)
		return cli_usage(a, c, _("'person %s' takes the person's e-mail address"), form);
	if (!strcmp(form, "change"))
		return person_change(a, c);
	return !strcmp(form, "add") ? person_add(a) : person_passwd(a, c);
}

const cli_command cli_cmd_person = {
	"person", cmd_person,
	N_("add EMAIL --name NAME --org ORGNR --roles \"ROLE …\" [--unit NAME …]\n"
	   "change EMAIL [--name NAME] [--org ORGNR] [--roles \"ROLE …\"] [--unit NAME … | --whole-org]\n"
	   "passwd EMAIL [--password-file FILE | --remove]\n"
	   "list [--json]"),
	N_("register a person, change a registration, set a password, list the people"),
	N_("'person add' registers the person with the address EMAIL, acting for the\n"
	   "organisation ORGNR in the given roles; the workflow says which roles may take\n"
	   "which step.  With --unit (once per unit) the person acts only for the parties\n"
	   "that are those units of the organisation (org unit); without, for all of it.\n"
	   "'person change' changes a registration: what is given replaces what is\n"
	   "registered (--unit replaces the units, --whole-org removes them).\n"
	   "'person passwd' sets the password the person signs in with (for\n"
	   "a client such as a web interface): from FILE, else from OVERENS_PASSWORD, else\n"
	   "asked twice on the terminal; at least 10 bytes.  It is kept as a salted scrypt\n"
	   "hash in DIR/accounts, beside the repository and never in git; --remove\n"
	   "removes it.  'person list' shows every registered person with their\n"
	   "organisation, roles and whether a password is set."),
	options, 1, 2, N_("add|change|passwd|list [EMAIL]"),
};
