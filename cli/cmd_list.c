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

/*
 * The output (lines, or JSON), built whole and written only once the
 * whole list was read: a list that fails half way writes nothing but the
 * error, and the index is not read for longer than it takes to format.
 */
typedef struct list_out {
	ov_buf text;
	int json;
	size_t n;
} list_out;

/* Appends ,"key": and the JSON string `v` (or null) to `b`. */
static int json_kv_buf(ov_buf *b, const char *key, const char *v)
{
	int err;

	if ((err = ov_buf_put(b, ",\"", 2)) < 0 || (err = ov_buf_puts(b, key)) < 0 ||
	    (err = ov_buf_put(b, "\":", 2)) < 0)
		return err;
	return buf_json_str(b, v);
}

/* Appends the row as a JSON object (after a comma unless it is the first). */
static int json_row(ov_buf *b, const ov_list_row *r, size_t i)
{
	int err;

	if ((err = ov_buf_puts(b, i ? ",{\"id\":" : "{\"id\":")) < 0 ||
	    (err = buf_json_str(b, r->id)) < 0 ||
	    (err = json_kv_buf(b, "title", r->title)) < 0 ||
	    (err = json_kv_buf(b, "workflow", r->workflow)) < 0 ||
	    (err = json_kv_buf(b, "phase", r->phase)) < 0 ||
	    (err = ov_buf_puts(b, ",\"version\":")) < 0 ||
	    (err = ov_buf_put_ll(b, r->version)) < 0 ||
	    (err = json_kv_buf(b, "next_date", r->next_date)) < 0 ||
	    (err = json_kv_buf(b, "next_label", r->next_label)) < 0 ||
	    (err = ov_buf_puts(b, r->expired ? ",\"expired\":true" : ",\"expired\":false")) < 0 ||
	    (err = json_kv_buf(b, "expired_on", r->expired_on)) < 0)
		return err;
	return ov_buf_putc(b, '}');
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

	return o->json ? json_row(&o->text, r, o->n++) : text_row(&o->text, r);
}

static int cmd_list(cli_args *a, const cli_command *c)
{
	ov_workspace *ws = NULL;
	list_out o = { OV_BUF_INIT, a->json, 0 };
	int err, rc = 0;

	(void)c;
	if ((err = cli_open(&ws, a)) >= 0 &&
	    (err = (o.json ? ov_buf_putc(&o.text, '[') : OV_OK)) >= 0 &&
	    (err = ov_agreement_list_each(ws, NULL, cli_opt(a, "date"), 0, 0, list_row_cb,
					  &o)) >= 0)
		err = o.json ? ov_buf_puts(&o.text, "]\n") : OV_OK;
	if (err < 0)
		rc = cli_fail(a, err);
	else if (o.text.size)
		fwrite(o.text.ptr, 1, o.text.size, stdout);
	ov_buf_dispose(&o.text);
	ov_workspace_free(ws);
	return rc;
}

const cli_command cli_cmd_list = {
	"list", cmd_list, N_("[--date DATE] [--json]"),
	N_("every agreement with its phase and next date"),
	N_("Lists every agreement in the workspace: ID, phase, next date and title."),
	options, 0, 0, NULL,
};
