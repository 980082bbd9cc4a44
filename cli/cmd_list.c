/*
 * cmd_list.c - `overens list`: every agreement with its phase and next
 * date, one a line, or --json.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "overens/date.h"
#include "overens/error.h"
#include "overens/query.h"
#include "cli/cli.h"

static const cli_option options[] = {
	CLI_OPT_DATE(N_("the day the next dates count from (default: today in Sweden)")),
	CLI_OPTIONS_END,
};

/* The command's state while the rows come: --json, the rows seen, lines not yet written. */
typedef struct list_out {
	int json;
	size_t n;
	ov_buf line;
} list_out;

static void json_row(FILE *f, const ov_list_row *r, size_t i)
{
	fputs(i ? ",{" : "{", f);
	json_kv(f, "id", r->id, 1);
	json_kv(f, "title", r->title, 0);
	json_kv(f, "workflow", r->workflow, 0);
	json_kv(f, "phase", r->phase, 0);
	json_key(f, "version", 0);
	fprintf(f, "%d", r->version);
	json_kv(f, "next_date", r->next_date, 0);
	json_kv(f, "next_label", r->next_label, 0);
	json_kb(f, "expired", r->expired, 0);
	json_kv(f, "expired_on", r->expired_on, 0);
	fputc('}', f);
}

/* Appends the row's line to `line`. */
static int text_row(ov_buf *line, const ov_list_row *r)
{
	int err;

	if ((err = cli_cell(line, r->id, 10, 0)) < 0 ||
	    (err = ov_buf_put(line, " ", 1)) < 0 ||
	    (err = cli_cell(line, r->expired ? "utganget" : r->phase, 13, 0)) < 0 ||
	    (err = ov_buf_put(line, " ", 1)) < 0 ||
	    (err = cli_cell(line, r->expired ? r->expired_on : r->next_date, 10, 0)) < 0 ||
	    (err = ov_buf_put(line, " ", 1)) < 0 ||
	    (err = cli_cell(line, r->title, 32, 1)) < 0 ||
	    (err = ov_buf_put(line, " ", 1)) < 0)
		return err;
	if (r->expired)
		err = ov_buf_puts(line, "(Utgånget: avtalstiden har löpt ut)");
	else if (r->next_label)
		err = ov_buf_printf(line, "(%s)", r->next_label);
	return err < 0 ? err : ov_buf_put(line, "\n", 1);
}

static int list_row_cb(const ov_list_row *r, void *payload)
{
	list_out *o = payload;
	int err;

	if (o->json) {
		json_row(stdout, r, o->n++);
		return 0;
	}
	/* lines gathered and written some 32 KB at a time */
	if ((err = text_row(&o->line, r)) < 0)
		return err;
	if (o->line.size >= 32768) {
		fwrite(o->line.ptr, 1, o->line.size, stdout);
		ov_buf_clear(&o->line);
	}
	return 0;
}

static int cmd_list(cli_args *a, const cli_command *c)
{
	ov_workspace *ws = NULL;
	list_out o = { a->json, 0, OV_BUF_INIT };
	int err, rc = 0;

	(void)c;
	/*
	 * Each row is written as the index gives it, not kept (holding 10,000
	 * rows, or their text, cost more than formatting them).  A list that
	 * fails half way has written its first rows: the error and the exit
	 * status say that it is not whole.
	 */
	if ((err = cli_open(&ws, a)) >= 0) {
		if (o.json)
			putchar('[');
		err = ov_agreement_list_each(ws, NULL, cli_opt(a, "date"), 0, 0, list_row_cb, &o);
		if (o.line.size)
			fwrite(o.line.ptr, 1, o.line.size, stdout);
		if (o.json && err >= 0)
			fputs("]\n", stdout);
	}
	if (err < 0)
		rc = cli_fail(a, err);
	ov_buf_dispose(&o.line);
	ov_workspace_free(ws);
	return rc;
}

const cli_command cli_cmd_list = {
	"list", cmd_list, N_("[--date DATE] [--json]"),
	N_("every agreement with its phase and next date"),
	N_("Lists every agreement in the workspace: ID, phase, next date and title."),
	options, 0, 0, NULL,
};
