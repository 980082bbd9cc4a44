/*
 * cmd_org.c - `overens org add` registers an organisation (checking its
 * organisation number); `overens org signatory ORGNR` registers a person
 * authorised to sign for it; `overens org unit ORGNR` a part of it (a
 * unit, e.g. the social services of a municipality); `overens org list`
 * shows them all.  The options of each form are marked in the table's
 * help; the other forms' options are refused.
 */
#include <stdlib.h>
#include <string.h>

#include "overens/error.h"
#include "overens/organisation.h"
#include "cli/cli.h"

static const cli_option options[] = {
	{ "name", 0, CLI_VALUE, N_("NAME"), N_("the organisation's, signatory's or unit's name") },
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

static const cli_form forms[] = {
	{ "name", "add signatory unit" }, { "kind", "add" }, { "orgnr", "add" },
	{ "address", "add" }, { "contact", "add" }, { "contact-email", "add" },
	{ "contact-phone", "add" }, { "title", "signatory" }, { "email", "signatory" },
};

static void print_org_text(const ov_org_info *o)
{
	printf("%s  %s (%s)\n", o->orgnr, o->name, o->kind);
	if (o->address)
		printf("  adress: %s\n", o->address);
	if (o->contact) {
		printf("  kontakt: %s", o->contact);
		if (o->contact_email)
			printf(" <%s>", o->contact_email);
		if (o->contact_phone)
			printf(", %s", o->contact_phone);
		putchar('\n');
	}
	for (size_t j = 0; j < o->nsignatories; j++) {
		const ov_signatory_info *s = &o->signatories[j];
		printf("  behörig tecknare: %s", s->name);
		if (s->title)
			printf(", %s", s->title);
		if (s->email)
			printf(" <%s>", s->email);
		putchar('\n');
	}
	for (size_t j = 0; j < o->nunits; j++)
		printf("  enhet: %s\n", o->units[j]);
}

static void print_org_json(const ov_org_info *o, int first)
{
	printf(first ? "{" : ",{");
	json_kv(stdout, "orgnr", o->orgnr, 1);
	json_kv(stdout, "name", o->name, 0);
	json_kv(stdout, "kind", o->kind, 0);
	json_kv(stdout, "address", o->address, 0);
	json_kv(stdout, "contact", o->contact, 0);
	json_kv(stdout, "contact_email", o->contact_email, 0);
	json_kv(stdout, "contact_phone", o->contact_phone, 0);
	json_key(stdout, "signatories", 0);
	putchar('[');
	for (size_t j = 0; j < o->nsignatories; j++) {
		printf(j ? ",{" : "{");
		json_kv(stdout, "name", o->signatories[j].name, 1);
		json_kv(stdout, "title", o->signatories[j].title, 0);
		json_kv(stdout, "email", o->signatories[j].email, 0);
		putchar('}');
	}
	printf("]");
	json_key(stdout, "units", 0);
	putchar('[');
	for (size_t j = 0; j < o->nunits; j++) {
		if (j)
			putchar(',');
		json_str(stdout, o->units[j]);
	}
	printf("]}");
}

static int org_list(cli_args *a)
{
	ov_workspace *ws = NULL;
	ov_org_info *all = NULL;
	size_t n = 0;
	int err;

	if ((err = cli_open(&ws, a)) >= 0 && (err = ov_org_list(&all, &n, ws)) >= 0) {
		if (a->json)
			putchar('[');
		for (size_t i = 0; i < n; i++)
			if (a->json)
				print_org_json(&all[i], i == 0);
			else
				print_org_text(&all[i]);
		if (a->json)
			printf("]\n");
	}
	ov_org_list_free(all, n);
	ov_workspace_free(ws);
	return err < 0 ? cli_fail(a, err) : 0;
}

/* Checks the form and its arguments; 0 when the command may run. */
static int check_args(const cli_args *a, const cli_command *c, const char *form)
{
	if (strcmp(form, "add") && strcmp(form, "signatory") && strcmp(form, "unit") &&
	    strcmp(form, "list"))
		return cli_usage(a, c, _("give 'add', 'signatory', 'unit' or 'list', not '%s'"),
				 form);
	if (!strcmp(form, "add") && a->npos != 1)
		return cli_usage(a, c, "%s", _("'org add' takes only options"));
	if (!strcmp(form, "list") && a->npos != 1)
		return cli_usage(a, c, "%s", _("'org list' takes no organisation number"));
	if ((!strcmp(form, "signatory") || !strcmp(form, "unit")) && a->npos != 2)
		return cli_usage(a, c, _("'org %s' takes the organisation number"), form);
	return cli_check_form(a, c, form, forms, sizeof(forms) / sizeof(forms[0]));
}

static int cmd_org(cli_args *a, const cli_command *c)
{
	const char *form = a->pos[0];
	int err;
	cli_session s;

	if ((err = check_args(a, c, form)))
		return err;
	if (!strcmp(form, "list"))
		return org_list(a);
	if ((err = cli_session_open(&s, a)) >= 0) {
		if (!strcmp(form, "add"))
			err = ov_org_add(s.ws, s.actor, a->opt, a->nopt);
		else if (!strcmp(form, "signatory"))
			err = ov_org_signatory(s.ws, s.actor, a->pos[1], cli_opt(a, "name"),
					       cli_opt(a, "title"), cli_opt(a, "email"));
		else
			err = ov_org_unit(s.ws, s.actor, a->pos[1], cli_opt(a, "name"));
	}
	if (err >= 0 && !strcmp(form, "add"))
		printf("Registrerade %s (%s)\n", cli_opt(a, "name"), cli_opt(a, "orgnr"));
	else if (err >= 0 && !strcmp(form, "signatory"))
		printf("Registrerade %s som behörig tecknare för %s\n", cli_opt(a, "name"),
		       a->pos[1]);
	else if (err >= 0)
		printf("Registrerade enheten %s inom %s\n", cli_opt(a, "name"), a->pos[1]);
	return cli_session_close(&s, a, err);
}

const cli_command cli_cmd_org = {
	"org", cmd_org,
	N_("add --name NAME --kind KIND --orgnr NNNNNN-NNNN [--address ADDRESS]\n"
	   " [--contact NAME --contact-email EMAIL --contact-phone PHONE]\n"
	   "signatory ORGNR --name NAME --title TITLE [--email EMAIL]\n"
	   "unit ORGNR --name NAME\n"
	   "list [--json]"),
	N_("register an organisation, a signatory or a unit; list them"),
	N_("'org add' registers an organisation that can be a party to agreements; its\n"
	   "organisation number is checked (ten digits, check digit).  'org signatory'\n"
	   "registers a person authorised to sign for the organisation ORGNR; a digital\n"
	   "signature must come from a certificate naming them.  'org unit' registers a\n"
	   "part of the organisation ORGNR (a unit, e.g. Socialtjänsten).  'org list'\n"
	   "shows every organisation with its signatories and units."),
	options, 1, 2, N_("add|signatory|unit|list [ORGNR]"),
};
