/*
 * cmd_render.c - `overens render`: one of an agreement's documents (or the
 * meeting calendar of every agreement) as PDF, HTML, plain text or
 * iCalendar, written atomically to a file or to standard output.
 *
 *   overens render ID [--doc KIND] [--version N | --rev REV | --as-of DATE] [--party ROLE]
 *                  [--index N] [--format pdf|html|txt|ics] -o FILE
 *   overens render --all [--doc calendar] [--format pdf|ics] -o FILE
 *
 * -o FILE and --output FILE say the same (--out FILE too, kept for old
 * scripts); -o - writes to standard output.  Without --format the format
 * follows the output's extension (.pdf .html .htm .txt .ics), else PDF.
 * An .ics output without --doc means the calendar.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "overens/buf.h"
#include "overens/error.h"
#include "overens/render.h"
#include "cli/cli.h"

static const cli_option options[] = {
	{ "output", 'o', CLI_VALUE, N_("FILE"), N_("the file to write; - for standard output") },
	{ "doc", 0, CLI_VALUE, N_("DOC"),
	  N_("agreement (default), decision, needs, followup, termination, amendment, calendar") },
	{ "format", 0, CLI_VALUE, N_("FORMAT"),
	  N_("pdf, html, txt or ics (default: from the file's extension, else pdf)") },
	{ "version", 0, CLI_VALUE, N_("N"), N_("the text of version N, as it was signed") },
	{ "rev", 0, CLI_VALUE, N_("REV"), N_("the text at this commit or tag") },
	{ "as-of", 0, CLI_VALUE, N_("DATE"),
	  N_("the version in force on this day, as it stood then") },
	{ "party", 0, CLI_VALUE, N_("ROLE"), N_("the party whose decision (--doc decision)") },
	{ "index", 0, CLI_VALUE, N_("N"), N_("the Nth follow-up or amendment (default: the last)") },
	{ "all", 0, 0, NULL, N_("every agreement (the calendar): give no ID") },
	{ "out", 0, CLI_VALUE | CLI_HIDDEN, N_("FILE"), N_("the same as --output") },
	CLI_OPTIONS_END,
};

static const char *format_of(const char *path)
{
	static const struct {
		const char *ext, *format;
	} map[] = {
		{ ".pdf", "pdf" }, { ".html", "html" }, { ".htm", "html" },
		{ ".txt", "txt" }, { ".ics", "ics" },
	};
	size_t n = path ? strlen(path) : 0;

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		size_t e = strlen(map[i].ext);
		if (n > e && !strcasecmp(path + n - e, map[i].ext))
			return map[i].format;
	}
	return NULL;
}

/* A positive whole number, or 0 when `s` is not one. */
static int positive(const char *s)
{
	char *end = NULL;
	long v;

	if (!s || *s < '0' || *s > '9')
		return 0;
	v = strtol(s, &end, 10);
	if (*end || v < 1 || v > 1000000)
		return 0;
	return (int)v;
}

/* Fills `o` from the options; 0 or a usage error's exit code. */
static int read_options(ov_render_opts *o, const cli_args *a, const cli_command *c,
			const char *path)
{
	const char *v;

	o->all = cli_opt(a, "all") != NULL;
	if (o->all && a->npos)
		return cli_usage(a, c, "%s", _("--all renders every agreement: give no ID"));
	if (!o->all && !a->npos)
		return cli_usage(a, c, "%s",
				 _("give the agreement's ID (or --all for the calendar of all)"));
	if ((v = cli_opt(a, "format")) || (v = format_of(path)))
		o->format = v;
	if ((v = cli_opt(a, "doc")))
		o->doc = v;
	else if (o->all || !strcmp(o->format, "ics"))
		o->doc = "calendar";
	if ((v = cli_opt(a, "version")) && !(o->version = positive(v)))
		return cli_usage(a, c, "%s", _("--version takes a version number (1, 2, …)"));
	if ((v = cli_opt(a, "index")) && !(o->index = positive(v)))
		return cli_usage(a, c, "%s", _("--index takes a number (1 for the first)"));
	o->rev = cli_opt(a, "rev");
	o->party = cli_opt(a, "party");
	if (o->version && o->rev)
		return cli_usage(a, c, "%s", _("give --version or --rev, not both"));
	if (cli_opt(a, "as-of") && (o->version || o->rev))
		return cli_usage(a, c, "%s", _("give --as-of, --version or --rev, only one"));
	if (o->all && (o->version || o->rev || o->party || o->index || cli_opt(a, "as-of")))
		return cli_usage(a, c, "%s",
				 _("--all goes without --version, --rev, --as-of, --party and --index"));
	return 0;
}

static int cmd_render(cli_args *a, const cli_command *c)
{
	ov_render_opts o = OV_RENDER_OPTS_INIT;
	ov_in_force f = { .version = 0 };
	ov_workspace *ws = NULL;
	ov_buf out = OV_BUF_INIT;
	const char *path = cli_opt(a, "output"), *id = a->npos ? a->pos[0] : NULL;
	int err, rc = 0;

	if (path && cli_opt(a, "out"))
		return cli_usage(a, c, "%s", _("give the output only once"));
	if (!path)
		path = cli_opt(a, "out");
	if (!path || !*path)
		return cli_usage(a, c, "%s",
				 _("give the output file with -o FILE (or -o - for standard output)"));
	if ((rc = read_options(&o, a, c, path)))
		return rc;
	if ((err = cli_open(&ws, a)) < 0 ||
	    (cli_opt(a, "as-of") && (err = ov_agreement_in_force(&f, ws, id, cli_opt(a, "as-of"))) < 0)) {
		rc = cli_fail(a, err);
		goto done;
	}
	if (*f.commit)
		o.rev = f.commit;
	if ((err = ov_render(&out, ws, id, &o)) < 0) {
		rc = cli_fail(a, err);
		goto done;
	}
	if (!strcmp(path, "-")) {
		if (fwrite(out.ptr, 1, out.size, stdout) != out.size || fflush(stdout))
			rc = cli_error(a, 1, "error", "%s", _("writing to standard output failed"));
	} else if ((err = ov_write_file_atomic(path, out.ptr, out.size)) < 0) {
		rc = cli_fail(a, err);
	} else {
		printf("Skrev %s (%zu byte)\n", path, out.size);
	}
done:
	ov_buf_dispose(&out);
	ov_workspace_free(ws);
	return rc;
}

const cli_command cli_cmd_render = {
	"render", cmd_render,
	N_("ID [--doc DOC] [--version N | --rev REV | --as-of DATE]\n"
	   " [--party ROLE] [--index N] [--format pdf|html|txt|ics] -o FILE\n"
	   "--all [--doc calendar] [--format pdf|ics] -o FILE"),
	N_("make a document (PDF, HTML, text, iCalendar)"),
	N_("Makes one of agreement ID's documents: the agreement itself, a party's\n"
	   "decision, the needs mapping, a follow-up, the termination, an amendment, or\n"
	   "the calendar of its dates; with --all the calendar of every agreement.  The\n"
	   "file is written whole or not at all.  With --as-of DATE the document is made\n"
	   "from the version in force on that day (signed by every party, not yet\n"
	   "replaced or ended), as it stood then; it fails when none was in force."),
	options, 0, 1, N_("[ID]"),
};
