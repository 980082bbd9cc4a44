/*
 * cmd_config.c - `overens config KEY [VALUE]`: reads or changes one of the
 * workspace's settings (user.email, render.font, sign.tsa, sign.pkcs11-module,
 * smtp.url …).  Reading a setting that is not set exits 1 without a message,
 * like git config.
 */
#include <stdlib.h>

#include "overens/error.h"
#include "cli/cli.h"

static const cli_option options[] = {
	CLI_OPTIONS_END,
};

static int cmd_config(cli_args *a, const cli_command *c)
{
	ov_workspace *ws = NULL;
	char *v = NULL;
	int err, rc = 0;

	(void)c;
	if ((err = cli_open(&ws, a)) < 0)
		return cli_fail(a, err);
	if (a->npos == 2)
		err = ov_config_set(ws, a->pos[0], a->pos[1]);
	else if ((err = ov_config_get(&v, ws, a->pos[0])) >= 0) {
		if (v)
			printf("%s\n", v);
		else
			rc = 1;
	}
	if (err < 0)
		rc = cli_fail(a, err);
	free(v);
	ov_workspace_free(ws);
	return rc;
}

const cli_command cli_cmd_config = {
	"config", cmd_config, N_("KEY [VALUE]"),
	N_("read or change a setting (user.email …)"),
	N_("Prints the setting KEY, or sets it to VALUE.  Settings: user.email (who acts\n"
	   "when --as is not given), render.font, render.font-bold, render.align\n"
	   "(justify or left), sign.tsa (the URL of an RFC 3161 time-stamp authority),\n"
	   "sign.ltv (true: the last signature of a version adds the signers' revocation\n"
	   "data and a document time-stamp, PAdES B-LT and B-LTA; needs sign.tsa),\n"
	   "sign.pkcs11-module (the PKCS#11 module of sign --pkcs11), smtp.url, smtp.from\n"
	   "and smtp.credentials-file (the mail server, sender and credentials file of\n"
	   "remind), web.url (the web interface's address, for links).\n"
	   "A setting that is not set exits 1."),
	options, 1, 2, N_("KEY [VALUE]"),
};
