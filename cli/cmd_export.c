/*
 * cmd_export.c - `overens export ID --signed -o FILE.pdf`: writes the
 * agreement's current signed PDF, as kept in git, to a file.
 */
#include "overens/buf.h"
#include "overens/error.h"
#include "overens/sign.h"
#include "cli/cli.h"

static const cli_option options[] = {
	{ "signed", 0, 0, NULL, N_("export the signed PDF (the one thing export writes)") },
	{ "output", 'o', CLI_VALUE, N_("FILE.pdf"), N_("the file to write") },
	CLI_OPTIONS_END,
};

static int cmd_export(cli_args *a, const cli_command *c)
{
	ov_workspace *ws = NULL;
	ov_buf pdf = OV_BUF_INIT;
	const char *id = a->pos[0], *path = cli_opt(a, "output");
	int err, rc = 0;

	if (!path || !*path)
		return cli_usage(a, c, "%s", _("give the output file with -o FILE.pdf"));
	if (!cli_opt(a, "signed"))
		return cli_usage(a, c, "%s", _("say what to export: --signed (the signed PDF)"));
	if ((err = cli_open(&ws, a)) < 0 ||
	    (err = ov_agreement_signed_pdf(&pdf, ws, id)) < 0 ||
	    (err = ov_write_file_atomic(path, pdf.ptr, pdf.size)) < 0) {
		rc = cli_fail(a, err);
		goto done;
	}
	printf("%s\n", path);
done:
	ov_buf_dispose(&pdf);
	ov_workspace_free(ws);
	return rc;
}

const cli_command cli_cmd_export = {
	"export", cmd_export, N_("ID --signed -o FILE.pdf"),
	N_("write the agreement's current signed PDF to a file"),
	N_("Writes the current signed PDF of agreement ID, as kept in git, to FILE.pdf."),
	options, 1, 1, N_("ID"),
};
