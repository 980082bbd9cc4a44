/*
 * cmd_due.c - `overens due`: the dates falling due in a window (60 days
 * unless --within says otherwise), soonest first, or --json.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "overens/date.h"
#include "overens/error.h"
#include "overens/query.h"
#include "cli/cli.h"

static const cli_option options[] = {
	{ "within", 0, CLI_VALUE, N_("PERIOD"), N_("the window: 30d, 8w, 6m, 1y (default: 60d)") },
	CLI_OPT_DATE(N_("the window's first day (default: today in Sweden)")),
	CLI_OPTIONS_END,
};

static int cmd_due(cli_args *a, const cli_command *c)
{
	ov_workspace *ws = NULL;
	ov_date_entry *d = NULL;
	ov_period p;
	ov_date from, to;
	char fbuf[11], tbuf[11];
	const char *when = cli_opt(a, "date"), *within = cli_opt(a, "within");
	size_t n = 0, i;
	int err, rc = 0;

	(void)c;
	if (!when)
		from = ov_sweden_today((long long)time(NULL));
	else if ((err = ov_date_parse(&from, when)) < 0)
		return cli_fail(a, ov_error_prefix("--date"));
	if ((err = ov_period_parse_short(&p, within ? within : "60d")) < 0)
		return cli_fail(a, ov_error_prefix("--within"));
	to = ov_date_add_capped(from, &p);
	ov_date_format(fbuf, from);
	ov_date_format(tbuf, to);
	if ((err = cli_open(&ws, a)) < 0 || (err = ov_due(&d, &n, ws, fbuf, tbuf)) < 0) {
		rc = cli_fail(a, err);
		goto done;
	}
	if (a->json) {
		cli_json_dates(d, n);
		putchar('\n');
	} else {
		if (!n)
			printf("Inget förfaller mellan %s och %s.\n", fbuf, tbuf);
		for (i = 0; i < n; i++)
			printf("%s  %-10s %-9s %s – %s\n", d[i].date, d[i].agreement, d[i].kind,
			       d[i].label, d[i].title);
	}
done:
	ov_dates_free(d, n);
	ov_workspace_free(ws);
	return rc;
}

const cli_command cli_cmd_due = {
	"due", cmd_due, N_("[--within PERIOD] [--date DATE] [--json]"),
	N_("dates falling due in a window, soonest first"),
	N_("Lists the dates of every agreement that fall due in the window: ends of term,\n"
	   "notice deadlines, follow-ups and meetings, soonest first."),
	options, 0, 0, NULL,
};
