/*
 * cmd_org.c - `overens org add` registers an organisation (checking its
 * organisation number); `overens org signatory ORGNR` registers a person
 * authorised to sign for it.  The options of each form are marked in the
 * table's help; the other form's options are refused.
 */
#include <stdlib.h>
#include <string.h>

#include "overens/error.h"
#include "cli/cli.h"

static const cli_option options[] = {
	{ "name", 0, CLI_VALUE, N_("NAME"), N_("the organisation's or signatory's name") },
	{ "kind", 0, CLI_VALUE, N_("KIND"), N_("add: kommun, region, krets, förening, myndighet …") },
	{ "orgnr", 0, CLI_VALUE, N_("NNNNNN-NNNN"), N_("add: the organisation number") },
	{ "address", 0, CLI_VALUE, N_("ADDRESS"), N_("add: the postal address") },
	{ "contact", 0, CLI_VALUE, N_("NAME"), N_("add: the contact person") },
	{ "contact-email", 0, CLI_VALUE, N_("EMAIL"), N_("add: the contact person's e-mail") },
	{ "contact-phone", 0, CLI_VALUE, N_("PHONE"), N_("add: the contact person's phone") },
	{ "title", 0, CLI_VALUE, N_("TITLE"), N_("signatory: the signatory's title") },
	{ "email", 0, CLI_VALUE, N_("EMAIL"), N_("signatory: the signatory's e-mail") },
	CLI_OPTIONS_END,
};

/* Refuses an option of the other form. */
static int check_form(const cli_args *a, const cli_command *c, const char *only)
{
	for (size_t i = 0; i < a->nopt; i++) {
		const char *k = a->opt[i].key;
		int signatory = !strcmp(k, "title") || !strcmp(k, "email");
		if (strcmp(k, "name") && signatory != !strcmp(only, "signatory"))
			return cli_usage(a, c, _("'overens org %s' does not take --%s"), only, k);
	}
	return 0;
}

static int cmd_org(cli_args *a, const cli_command *c)
{
	int add = !strcmp(a->pos[0], "add"), err;
	cli_session s;

	if (!add && strcmp(a->pos[0], "signatory"))
		return cli_usage(a, c, _("give 'add' or 'signatory', not '%s'"), a->pos[0]);
	if (add && a->npos != 1)
		return cli_usage(a, c, _("'org add' takes only options"));
	if (!add && a->npos != 2)
		return cli_usage(a, c, _("'org signatory' takes the organisation number"));
	if ((err = check_form(a, c, a->pos[0])))
		return err;
	if ((err = cli_session_open(&s, a)) >= 0) {
		if (add)
			err = ov_org_add(s.ws, s.actor, a->opt, a->nopt);
		else
			err = ov_org_signatory(s.ws, s.actor, a->pos[1], cli_opt(a, "name"),
					       cli_opt(a, "title"), cli_opt(a, "email"));
	}
	if (err >= 0 && add)
		printf("Registrerade %s (%s)\n", cli_opt(a, "name"), cli_opt(a, "orgnr"));
	else if (err >= 0)
		printf("Registrerade %s som behörig tecknare för %s\n", cli_opt(a, "name"),
		       a->pos[1]);
	return cli_session_close(&s, a, err);
}

const cli_command cli_cmd_org = {
	"org", cmd_org,
	N_("add --name NAME --kind KIND --orgnr NNNNNN-NNNN [--address ADDRESS]\n"
	   " [--contact NAME --contact-email EMAIL --contact-phone PHONE]\n"
	   "signatory ORGNR --name NAME --title TITLE [--email EMAIL]"),
	N_("register an organisation or an authorised signatory"),
	N_("'org add' registers an organisation that can be a party to agreements; its\n"
	   "organisation number is checked (ten digits, check digit).  'org signatory'\n"
	   "registers a person authorised to sign for the organisation ORGNR; a digital\n"
	   "signature must come from a certificate naming them."),
	options, 1, 2, N_("add|signatory [ORGNR]"),
};
