/*
 * cmd_render.c - `overens render`: one of an agreement's documents (or the
 * meeting calendar of every agreement) as PDF, HTML, plain text or
 * iCalendar, written atomically to a file or to standard output.
 *
 *   overens render ID [--doc KIND] [--version N | --rev REV | --as-of DATE] [--party ROLE]
 *                  [--index N] [--format pdf|html|txt|ics] -o FILE
 *   overens render --all --doc calendar [--format pdf|ics] [--org ORGNR] [--phase PHASE] -o FILE
 *   overens render --all [--doc DOC] [--format pdf|html|txt] [--org ORGNR] [--phase PHASE] -o DIR
 *
 * -o FILE and --output FILE say the same (--out FILE too, kept for old
 * scripts); -o - writes to standard output.  Without --format the format
 * follows the output's extension (.pdf .html .htm .txt .ics), else PDF.
 * An .ics output without --doc means the calendar.  --all without the
 * calendar writes one file per agreement into folder DIR (ov_render_all),
 * with a progress line on a terminal.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "overens/buf.h"
#include "overens/error.h"
#include "overens/render.h"
#include "cli/cli.h"

static const cli_option options[] = {
	{ "output", 'o', CLI_VALUE, N_("FILE"), N_("the file to write (with --all: the folder); - for standard output") },
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
	{ "all", 0, 0, NULL,
	  N_("every agreement: each one's document into folder -o DIR (or with --doc calendar, "
	     "the calendar of all in one file); give no ID") },
	{ "org", 0, CLI_VALUE, N_("ORGNR"),
	  N_("with --all: only the agreements this organisation is a party to") },
	{ "phase", 0, CLI_VALUE, N_("PHASE"), N_("with --all: only the agreements in this phase") },
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

/* Whether `path` names a file by its extension and is no existing folder. */
static int names_a_file(const char *path)
{
	struct stat st;

	return format_of(path) && !(stat(path, &st) == 0 && S_ISDIR(st.st_mode));
}

/*
 * --all: the calendar of every agreement in one file (--doc calendar, or
 * an .ics output), else each agreement's document into folder `path`.
 */
static int read_all(ov_render_opts *o, int *batch, const cli_args *a, const cli_command *c,
		    const char *path)
{
	const char *doc = cli_opt(a, "doc"), *fmt = cli_opt(a, "format");

	if (a->npos)
		return cli_usage(a, c, "%s", _("--all renders every agreement: give no ID"));
	o->orgnr = cli_opt(a, "org");
	o->phase = cli_opt(a, "phase");
	if ((doc && !strcmp(doc, "calendar")) || (!doc && o->format && !strcmp(o->format, "ics"))) {
		o->doc = "calendar";
		return 0;
	}
	*batch = 1;
	o->all = 0;
	o->doc = doc ? doc : "agreement";
	o->format = fmt ? fmt : "pdf";
	if (!strcmp(path, "-") || names_a_file(path))
		return cli_usage(a, c, "%s", _("--all writes one file per agreement: -o names "
					     "the folder (the calendar of all: --doc calendar)"));
	return 0;
}

/* Fills `o` from the options (*batch: --all into a folder); 0 or a usage error's exit code. */
static int read_options(ov_render_opts *o, int *batch, const cli_args *a, const cli_command *c,
			const char *path)
{
	const char *v;
	int rc;

	o->all = cli_opt(a, "all") != NULL;
	if (!o->all && !a->npos)
		return cli_usage(a, c, "%s", _("give the agreement's ID (or --all for every agreement)"));
	if (!o->all && (cli_opt(a, "org") || cli_opt(a, "phase")))
		return cli_usage(a, c, "%s", _("--org and --phase choose among agreements: "
					     "they go with --all"));
	if ((v = cli_opt(a, "format")) || (v = format_of(path)))
		o->format = v;
	if (o->all && (rc = read_all(o, batch, a, c, path)))
		return rc;
	if ((v = cli_opt(a, "doc")) && !*batch)
		o->doc = v;
	else if (!*batch && (o->all || !strcmp(o->format, "ics")))
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
	if (cli_opt(a, "all") &&
	    (o->version || o->rev || o->party || o->index || cli_opt(a, "as-of")))
		return cli_usage(a, c, "%s",
				 _("--all goes without --version, --rev, --as-of, --party and --index"));
	return 0;
}

/* What the batch shows as it goes: a progress line on a terminal, each failure. */
typedef struct progress {
	const cli_args *a;
	int tty;              /* standard error is a terminal */
	int first_err;        /* the code of the first agreement that failed */
	FILE *json;           /* --json: the documents array being built */
	char *json_text;
	size_t json_len;
} progress;

static void json_item(progress *p, const ov_render_item *it)
{
	const ov_error *e = ov_error_last();

	fputs(it->index > 1 ? ",{" : "{", p->json);
	json_kv(p->json, "id", it->id, 1);
	if (it->err < 0) {
		json_kv(p->json, "error", e ? e->message : ov_error_name(it->err), 0);
	} else {
		json_kv(p->json, "file", it->path, 0);
		json_key(p->json, "bytes", 0);
		fprintf(p->json, "%zu", it->size);
	}
	fputc('}', p->json);
}

static int on_item(const ov_render_item *it, void *payload)
{
	progress *p = payload;
	const ov_error *e = ov_error_last();

	if (p->json)
		json_item(p, it);
	if (it->err < 0 && !p->first_err)
		p->first_err = it->err;
	if (it->err < 0 && !p->a->json) {
		if (p->tty)
			fputs("\r\033[K", stderr);
		fprintf(stderr, _("overens: %s\n"), e ? e->message : ov_error_name(it->err));
	}
	if (p->tty && !p->a->json) {
		fprintf(stderr, "\r%zu/%zu %s\033[K", it->index, it->total, it->id);
		fflush(stderr);
	}
	return 0;
}

/* The summary: on standard output when all were written, else on standard error. */
static int summary(progress *p, const char *dir, size_t total, size_t failed)
{
	if (p->tty && !p->a->json && total)
		fputs("\r\033[K", stderr);
	if (p->a->json) {
		fclose(p->json);
		p->json = NULL;
		putchar('{');
		json_kv(stdout, "dir", dir, 1);
		json_key(stdout, "total", 0);
		printf("%zu", total);
		json_key(stdout, "failed", 0);
		printf("%zu", failed);
		json_key(stdout, "documents", 0);
		printf("[%s]}\n", p->json_text ? p->json_text : "");
	} else if (!failed) {
		printf(_("Documents written to %s: %zu\n"), dir, total);
	} else {
		fprintf(stderr, _("overens: failed: %zu of %zu agreements; the others' documents "
				  "were written to %s\n"), failed, total, dir);
	}
	return failed ? cli_exit_code(p->first_err) : 0;
}

/* render --all -o DIR: every agreement's document, one file each. */
static int render_batch(ov_workspace *ws, const cli_args *a, const ov_render_opts *o,
			const char *dir)
{
	progress p = { a, isatty(STDERR_FILENO), 0, NULL, NULL, 0 };
	size_t failed = 0, total = 0;
	int err, rc;

	if (a->json && !(p.json = open_memstream(&p.json_text, &p.json_len)))
		return cli_error(a, 1, "error", "%s", _("out of memory"));
	if ((err = ov_render_all(&failed, &total, ws, o, dir, on_item, &p)) < 0) {
		if (p.tty && !a->json && total)
			fputs("\r\033[K", stderr);
		rc = cli_fail(a, err);
	} else {
		rc = summary(&p, dir, total, failed);
	}
	if (p.json)
		fclose(p.json);
	free(p.json_text);
	return rc;
}

static int cmd_render(cli_args *a, const cli_command *c)
{
	ov_render_opts o = OV_RENDER_OPTS_INIT;
	ov_in_force f = { .version = 0 };
	ov_workspace *ws = NULL;
	ov_buf out = OV_BUF_INIT;
	const char *path = cli_opt(a, "output"), *id = a->npos ? a->pos[0] : NULL;
	int err, rc = 0, batch = 0;

	if (path && cli_opt(a, "out"))
		return cli_usage(a, c, "%s", _("give the output only once"));
	if (!path)
		path = cli_opt(a, "out");
	if (!path || !*path)
		return cli_usage(a, c, "%s",
				 _("give the output file with -o FILE (or -o - for standard output)"));
	if ((rc = read_options(&o, &batch, a, c, path)))
		return rc;
	if (batch) {
		if ((err = cli_open(&ws, a)) < 0)
			rc = cli_fail(a, err);
		else
			rc = render_batch(ws, a, &o, path);
		goto done;
	}
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
	rc = cli_write_output(a, path, &out);
done:
	ov_buf_dispose(&out);
	ov_workspace_free(ws);
	return rc;
}

const cli_command cli_cmd_render = {
	"render", cmd_render,
	N_("ID [--doc DOC] [--version N | --rev REV | --as-of DATE]\n"
	   " [--party ROLE] [--index N] [--format pdf|html|txt|ics] -o FILE\n"
	   "--all [--doc DOC] [--format pdf|html|txt] [--org ORGNR] [--phase PHASE] -o DIR\n"
	   "--all --doc calendar [--format pdf|ics] [--org ORGNR] [--phase PHASE] -o FILE"),
	N_("make a document (PDF, HTML, text, iCalendar)"),
	N_("Makes one of agreement ID's documents: the agreement itself, a party's\n"
	   "decision, the needs mapping, a follow-up, the termination, an amendment, or\n"
	   "the calendar of its dates.  The file is written whole or not at all.  With\n"
	   "--as-of DATE the document is made from the version in force on that day\n"
	   "(signed by every party, not yet replaced or ended), as it stood then; it\n"
	   "fails when none was in force.\n"
	   "\n"
	   "With --all every agreement's document (--doc, default the agreement) as it\n"
	   "is now goes into folder DIR, made if missing, as DIR/ID-DOC.FORMAT (PDF\n"
	   "unless --format says otherwise), each file written whole, the same bytes as\n"
	   "render ID; --org and --phase choose which agreements.  An agreement that\n"
	   "fails is reported with its ID and the others are still written; the exit\n"
	   "status is then that of the first failure.  On a terminal a progress line\n"
	   "shows how far it has come.  With --all --doc calendar (or an .ics file) the\n"
	   "calendar of every agreement (or those chosen) goes into one file."),
	options, 0, 1, N_("[ID]"),
};
