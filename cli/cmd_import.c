/*
 * cmd_import.c - `overens import ID FILE.xml`: fills in an agreement's
 * fields from an agreement file (the format `overens show` prints), parsed
 * as untrusted XML.
 */
#include "overens/buf.h"
#include "cli/cli.h"

static const cli_option options[] = {
	CLI_OPT_DATE(N_("the day of the change (default: today in Sweden)")),
	CLI_OPTIONS_END,
};

static int cmd_import(cli_args *a, const cli_command *c)
{
	ov_buf data = OV_BUF_INIT;
	cli_session s;
	int err;

	(void)c;
	if ((err = cli_session_open(&s, a)) >= 0 && (err = ov_buf_read_file(&data, a->pos[1])) >= 0)
		err = ov_agreement_import(s.ws, s.actor, a->pos[0], data.ptr, data.size,
					  a->pos[1], cli_opt(a, "date"));
	if (err >= 0)
		printf("Importerade fält från %s\n", a->pos[1]);
	ov_buf_dispose(&data);
	return cli_session_close(&s, a, err);
}

const cli_command cli_cmd_import = {
	"import", cmd_import, N_("ID FILE.xml [--date DATE]"),
	N_("fill in fields from an agreement file"),
	N_("Fills in the fields of agreement ID from FILE.xml, an agreement in the format\n"
	   "'overens show' prints.  The file is checked against the schema; entities and\n"
	   "DTDs are refused."),
	options, 2, 2, N_("ID FILE.xml"),
};
