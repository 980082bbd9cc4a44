/*
 * cmd_diff.c - `overens diff`: the redline between two versions of an
 * agreement (ov_redline), as text on standard output or as a PDF, HTML or
 * text file chosen by the output's extension.
 *
 *   overens diff ID V1 V2 [-o FILE.pdf|.html|.txt] [--format pdf|html|txt]
 *   overens diff ID --as-of DATE1 --as-of DATE2 [-o FILE]
 *   overens diff ID V1 --as-of DATE [-o FILE]
 *
 * V1 and V2 are what `show --rev` takes (a commit, a tag such as ID-v1) or
 * a version number; each --as-of names the version in force on that day.
 * The versions are taken in the order given: positional ones first.
 */
#include <string.h>
#include <strings.h>

#include "overens/buf.h"
#include "overens/error.h"
#include "overens/render.h"
#include "cli/cli.h"

static const cli_option options[] = {
	{ "output", 'o', CLI_VALUE, N_("FILE"),
	  N_("the file to write (.pdf, .html or .txt); - or none: text on standard output") },
	{ "format", 0, CLI_VALUE, N_("FORMAT"),
	  N_("pdf, html or txt (default: from the file's extension, else txt)") },
	{ "as-of", 0, CLI_VALUE | CLI_REPEAT, N_("DATE"),
	  N_("the version in force on this day (give it once or twice)") },
	CLI_OPTIONS_END,
};

static const char *format_of(const char *path)
{
	static const struct {
		const char *ext, *format;
	} map[] = {
		{ ".pdf", "pdf" }, { ".html", "html" }, { ".htm", "html" }, { ".txt", "txt" },
	};
	size_t n = path ? strlen(path) : 0;

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		size_t e = strlen(map[i].ext);
		if (n > e && !strcasecmp(path + n - e, map[i].ext))
			return map[i].format;
	}
	return NULL;
}

/* The two versions: the positional ones, then each --as-of in order. */
static int read_sides(ov_redline_side side[2], const cli_args *a, const cli_command *c)
{
	size_t n = 0;

	memset(side, 0, 2 * sizeof(*side));
	for (size_t i = 1; i < a->npos; i++)
		side[n++].rev = a->pos[i];
	for (size_t i = 0; i < CLI_MAX_ARGS && a->opt[i].key; i++) {
		if (strcmp(a->opt[i].key, "as-of"))
			continue;
		if (n == 2)
			return cli_usage(a, c, "%s", _("give two versions to compare, no more"));
		side[n++].as_of = a->opt[i].value;
	}
	if (n < 2)
		return cli_usage(a, c, "%s", _("give two versions to compare: V1 V2, or --as-of "
					     "DATE for either"));
	return 0;
}

static int cmd_diff(cli_args *a, const cli_command *c)
{
	ov_redline_side side[2];
	ov_workspace *ws = NULL;
	ov_buf out = OV_BUF_INIT;
	const char *path = cli_opt(a, "output"), *format = cli_opt(a, "format");
	int err, rc;

	if ((rc = read_sides(side, a, c)))
		return rc;
	if (!path || !*path)
		path = "-";
	if (!format)
		format = format_of(path);
	if (!format && strcmp(path, "-"))
		return cli_usage(a, c, "%s", _("name the output FILE.pdf, FILE.html or FILE.txt, "
					     "or give --format"));
	if (!format)
		format = "txt";
	if ((err = cli_open(&ws, a)) < 0 ||
	    (err = ov_redline(&out, ws, a->pos[0], &side[0], &side[1], format)) < 0) {
		rc = cli_fail(a, err);
		goto done;
	}
	rc = cli_write_output(a, path, &out);
done:
	ov_buf_dispose(&out);
	ov_workspace_free(ws);
	return rc;
}

const cli_command cli_cmd_diff = {
	"diff", cmd_diff,
	N_("ID V1 V2 [-o FILE.pdf|FILE.html|FILE.txt] [--format pdf|html|txt]\n"
	   "ID --as-of DATE1 --as-of DATE2 [-o FILE]\n"
	   "ID V1 --as-of DATE [-o FILE]"),
	N_("the changes between two versions of an agreement (a redline)"),
	N_("Shows what changed in agreement ID from version V1 to version V2: both\n"
	   "versions' commit ids and days, the parties added or removed, every field\n"
	   "changed (old and new value), and the text clause by clause with the words\n"
	   "taken out struck through and those put in underlined (in HTML <del> and\n"
	   "<ins>, in text [-word-] and [+word+]).  Clauses that did not change are\n"
	   "shown without marks; a list item that only moved is shown as moved.\n"
	   "\n"
	   "V1 and V2 are what 'show --rev' takes (a commit, a tag such as ID-v1 for\n"
	   "version 1 as signed) or a version number.  --as-of DATE, once or twice,\n"
	   "takes the version in force on that day instead (as 'show --as-of').\n"
	   "Without -o the text goes to standard output; -o FILE writes the file,\n"
	   "whole or not at all, in the format its extension names."),
	options, 1, 3, N_("ID [V1 [V2]]"),
};
