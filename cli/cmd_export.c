/*
 * cmd_export.c - `overens export ID -o FILE.zip|FOLDER/ [--as-of DATE]
 * [--force]`: the reviewer's export (overens/export.h); and
 * `overens export ID --signed -o FILE.pdf`: the agreement's current signed
 * PDF, as kept in git.
 */
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "overens/buf.h"
#include "overens/error.h"
#include "overens/export.h"
#include "overens/sign.h"
#include "cli/cli.h"

static const cli_option options[] = {
	{ "signed", 0, 0, NULL, N_("write only the current signed PDF to FILE.pdf") },
	{ "output", 'o', CLI_VALUE, N_("FILE"),
	  N_("the zip file to write (a folder when FILE ends in / or is a folder)") },
	{ "as-of", 0, CLI_VALUE, N_("DATE"), N_("export only the version in force on DATE") },
	{ "force", 0, 0, NULL, N_("replace an existing zip file") },
	CLI_OPTIONS_END,
};

static int is_folder(const char *path)
{
	struct stat st;
	size_t n = strlen(path);

	return path[n - 1] == '/' || (stat(path, &st) == 0 && S_ISDIR(st.st_mode));
}

static int ends_with_pdf(const char *path)
{
	size_t n = strlen(path);

	return n >= 4 && !strcasecmp(path + n - 4, ".pdf");
}

static int export_signed(ov_workspace *ws, const char *id, const char *path)
{
	ov_buf pdf = OV_BUF_INIT;
	int err;

	if ((err = ov_agreement_signed_pdf(&pdf, ws, id)) >= 0)
		err = ov_write_file_atomic(path, pdf.ptr, pdf.size);
	ov_buf_dispose(&pdf);
	return err;
}

static int cmd_export(cli_args *a, const cli_command *c)
{
	ov_workspace *ws = NULL;
	ov_export_opts o = { cli_opt(a, "as-of"), 0, cli_opt(a, "force") != NULL };
	const char *id = a->pos[0], *path = cli_opt(a, "output");
	int err, rc = 0;

	if (!path || !*path)
		return cli_usage(a, c, "%s", _("give the output with -o FILE.zip or -o FOLDER/"));
	if (cli_opt(a, "signed") && (o.as_of || o.force))
		return cli_usage(a, c, "%s", _("--signed takes neither --as-of nor --force"));
	if (!cli_opt(a, "signed") && ends_with_pdf(path))
		return cli_usage(a, c, "%s", _("say what to export: --signed (the signed PDF) "
					       "or -o FILE.zip (everything for review)"));
	o.folder = !cli_opt(a, "signed") && is_folder(path);
	if ((err = cli_open(&ws, a)) < 0 ||
	    (err = cli_opt(a, "signed") ? export_signed(ws, id, path)
					: ov_agreement_export(ws, id, path, &o)) < 0) {
		rc = cli_fail(a, err);
		goto done;
	}
	printf("%s\n", path);
done:
	ov_workspace_free(ws);
	return rc;
}

const cli_command cli_cmd_export = {
	"export", cmd_export, N_("ID -o FILE.zip|FOLDER/ [--as-of DATE] [--force] | ID --signed -o FILE.pdf"),
	N_("export an agreement for legal review, or its signed PDF"),
	N_("Writes everything a reviewer needs to check agreement ID without Överens: for\n"
	   "each digitally signed version (with --as-of DATE only the version in force on\n"
	   "that day) the signed PDF, the agreement XML as signed and an evidence log\n"
	   "(XML with its RelaxNG schema), a git bundle of the history, the trusted CA\n"
	   "certificates, SHA256SUMS and LÄSMIG.txt, which says how to check it all with\n"
	   "sha256sum, certutil, pdfsig, git and xmllint.  The zip file is written whole\n"
	   "or not at all; an existing output is refused unless --force (a folder is\n"
	   "never replaced; into an existing folder the export goes as FOLDER/ID).\n"
	   "With --signed, writes only the current signed PDF to FILE.pdf."),
	options, 1, 1, N_("ID"),
};
