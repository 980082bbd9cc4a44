/*
 * cmd_render.c - `overens render`: one of an agreement's documents (or the
 * meeting calendar of every agreement) as PDF, HTML, plain text or
 * iCalendar, written atomically to a file or to standard output.
 *
 *   overens render ID [--doc KIND] [--version N | --rev REV] [--party ROLE]
 *                  [--index N] [--format pdf|html|txt|ics] -o FILE
 *   overens render --all [--doc calendar] [--format pdf|ics] -o FILE
 *
 * The global parser hands `-o` over as a positional argument, so it is
 * picked out of the positionals here; --output FILE and --out FILE say the
 * same.  Without --format the format follows the output's extension
 * (.pdf .html .htm .txt .ics), else PDF.  An .ics output without --doc
 * means the calendar.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "overens/buf.h"
#include "overens/error.h"
#include "overens/render.h"
#include "cli/cli.h"

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

/* 1 for a switch given without a value (or as yes/true/1), 0 for no/false/0. */
static int switch_on(const char *v, int *out)
{
	if (!v) {
		*out = 0;
		return 0;
	}
	if (!strcmp(v, "yes") || !strcmp(v, "true") || !strcmp(v, "1")) {
		*out = 1;
		return 0;
	}
	if (!strcmp(v, "no") || !strcmp(v, "false") || !strcmp(v, "0")) {
		*out = 0;
		return 0;
	}
	return -1;
}

int cmd_render(cli_args *a, const cli_command *c)
{
	ov_render_opts o = OV_RENDER_OPTS_INIT;
	ov_workspace *ws = NULL;
	ov_buf out = OV_BUF_INIT;
	const char *id = NULL, *path = NULL, *v;
	int err, rc = 0;

	if ((err = cli_only(a, "doc version rev party index all format output out", c)))
		return err;
	for (size_t i = 0; i < a->npos; i++) {
		if (!strcmp(a->pos[i], "-o")) {
			if (i + 1 >= a->npos)
				return cli_usage(c, "-o needs a file name (or - for standard output)");
			if (path)
				return cli_usage(c, "give the output only once");
			path = a->pos[++i];
		} else if (!id) {
			id = a->pos[i];
		} else {
			return cli_usage(c, "give one agreement ID");
		}
	}
	if ((v = cli_opt(a, "output")) || (v = cli_opt(a, "out"))) {
		if (path || (cli_opt(a, "output") && cli_opt(a, "out")))
			return cli_usage(c, "give the output only once");
		path = v;
	}
	if (!path || !*path)
		return cli_usage(c, "give the output file with -o FILE (or -o - for standard output)");
	if (switch_on(cli_opt(a, "all"), &o.all) < 0)
		return cli_usage(c, "--all takes no value");
	if (o.all && id)
		return cli_usage(c, "--all renders every agreement: give no ID");
	if (!o.all && !id)
		return cli_usage(c, "give the agreement's ID (or --all for the calendar of all)");

	if ((v = cli_opt(a, "format")))
		o.format = v;
	else if ((v = format_of(path)))
		o.format = v;
	if ((v = cli_opt(a, "doc")))
		o.doc = v;
	else if (o.all || !strcmp(o.format, "ics"))
		o.doc = "calendar";
	if ((v = cli_opt(a, "version")) && !(o.version = positive(v)))
		return cli_usage(c, "--version takes a version number (1, 2, …)");
	if ((v = cli_opt(a, "index")) && !(o.index = positive(v)))
		return cli_usage(c, "--index takes a number (1 for the first)");
	o.rev = cli_opt(a, "rev");
	o.party = cli_opt(a, "party");
	if (o.version && o.rev)
		return cli_usage(c, "give --version or --rev, not both");
	if (o.all && (o.version || o.rev || o.party || o.index))
		return cli_usage(c, "--all goes without --version, --rev, --party and --index");

	if ((err = cli_open(&ws, a)) < 0 || (err = ov_render(&out, ws, id, &o)) < 0) {
		rc = cli_fail(err);
		goto done;
	}
	if (!strcmp(path, "-")) {
		if (fwrite(out.ptr, 1, out.size, stdout) != out.size || fflush(stdout)) {
			fprintf(stderr, "overens: writing to standard output failed\n");
			rc = 1;
		}
	} else if ((err = ov_write_file_atomic(path, out.ptr, out.size)) < 0) {
		rc = cli_fail(err);
	} else {
		printf("Skrev %s (%zu byte)\n", path, out.size);
	}
done:
	ov_buf_dispose(&out);
	ov_workspace_free(ws);
	return rc;
}
