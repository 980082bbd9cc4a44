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

static int cmd_list(cli_args *a, const cli_command *c)
{
	ov_workspace *ws = NULL;
	ov_list_row *rows = NULL;
	size_t n = 0, i;
	int err, rc = 0;

	(void)c;
	if ((err = cli_open(&ws, a)) < 0 ||
	    (err = ov_agreement_list(&rows, &n, ws, cli_opt(a, "date"))) < 0) {
		rc = cli_fail(a, err);
		goto done;
	}
	if (a->json) {
		putchar('[');
		for (i = 0; i < n; i++) {
			printf(i ? ",{" : "{");
			json_kv(stdout, "id", rows[i].id, 1);
			json_kv(stdout, "title", rows[i].title, 0);
			json_kv(stdout, "workflow", rows[i].workflow, 0);
			json_kv(stdout, "phase", rows[i].phase, 0);
			json_key(stdout, "version", 0);
			printf("%d", rows[i].version);
			json_kv(stdout, "next_date", rows[i].next_date, 0);
			json_kv(stdout, "next_label", rows[i].next_label, 0);
			json_kb(stdout, "expired", rows[i].expired, 0);
			json_kv(stdout, "expired_on", rows[i].expired_on, 0);
			putchar('}');
		}
		printf("]\n");
	} else {
		/* each line built in one buffer and written at once */
		ov_buf line = OV_BUF_INIT;

		for (i = 0; i < n && err >= 0; i++) {
			const ov_list_row *r = &rows[i];

			ov_buf_clear(&line);
			if ((err = cli_cell(&line, r->id, 10, 0)) < 0 ||
			    (err = ov_buf_put(&line, " ", 1)) < 0 ||
			    (err = cli_cell(&line, r->expired ? "utganget" : r->phase, 13, 0)) < 0 ||
			    (err = ov_buf_put(&line, " ", 1)) < 0 ||
			    (err = cli_cell(&line, r->expired ? r->expired_on : r->next_date, 10,
					    0)) < 0 ||
			    (err = ov_buf_put(&line, " ", 1)) < 0 ||
			    (err = cli_cell(&line, r->title, 32, 1)) < 0 ||
			    (err = ov_buf_put(&line, " ", 1)) < 0)
				break;
			if (r->expired)
				err = ov_buf_puts(&line, "(Utgånget: avtalstiden har löpt ut)");
			else if (r->next_label)
				err = ov_buf_printf(&line, "(%s)", r->next_label);
			if (err >= 0 && (err = ov_buf_put(&line, "\n", 1)) >= 0)
				fwrite(line.ptr, 1, line.size, stdout);
		}
		ov_buf_dispose(&line);
		if (err < 0)
			rc = cli_fail(a, err);
	}
done:
	ov_list_free(rows, n);
	ov_workspace_free(ws);
	return rc;
}

const cli_command cli_cmd_list = {
	"list", cmd_list, N_("[--date DATE] [--json]"),
	N_("every agreement with its phase and next date"),
	N_("Lists every agreement in the workspace: ID, phase, next date and title."),
	options, 0, 0, NULL,
};
