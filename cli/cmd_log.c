/*
 * cmd_log.c - `overens log ID`: the history of an agreement from git, one
 * event a paragraph, or --json.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "overens/date.h"
#include "overens/error.h"
#include "overens/query.h"
#include "cli/cli.h"

static const cli_option options[] = {
	CLI_OPTIONS_END,
};

static int cmd_log(cli_args *a, const cli_command *c)
{
	ov_workspace *ws = NULL;
	ov_log_row *rows = NULL;
	size_t n = 0, i;
	int err, rc = 0;

	(void)c;
	if ((err = cli_open(&ws, a)) < 0 ||
	    (err = ov_agreement_log(&rows, &n, ws, a->pos[0])) < 0) {
		rc = cli_fail(a, err);
		goto done;
	}
	if (a->json)
		putchar('[');
	for (i = 0; i < n; i++) {
		const ov_log_row *r = &rows[i];
		char when[32];
		ov_sweden_iso(when, r->when);
		if (a->json) {
			printf(i ? ",{" : "{");
			json_kv(stdout, "commit", r->commit, 1);
			json_kv(stdout, "event", r->event, 0);
			json_kv(stdout, "date", r->date, 0);
			json_kv(stdout, "actor", r->actor, 0);
			json_kv(stdout, "actor_name", r->actor_name, 0);
			json_kv(stdout, "recorded", when, 0);
			json_kv(stdout, "summary", r->summary, 0);
			json_kv(stdout, "changes", r->body, 0);
			json_kv(stdout, "phase_from", r->phase_from, 0);
			json_kv(stdout, "phase_to", r->phase_to, 0);
			if (i) {
				/* The redline of this event's change: the commit before it to this one. */
				json_key(stdout, "diff", 0);
				printf("\"overens diff %s %.12s %.12s\"", a->pos[0], rows[i - 1].commit,
				       r->commit);
			}
			putchar('}');
			continue;
		}
		printf("%.12s %s %-14s %s <%s>\n", r->commit, r->date, r->event, r->actor_name,
		       r->actor);
		printf("    %s\n", r->summary);
		if (r->phase_from && r->phase_to && strcmp(r->phase_from, r->phase_to))
			printf("    fas: %s -> %s\n", *r->phase_from ? r->phase_from : "(ny)",
			       r->phase_to);
		if (r->body && *r->body) {
			const char *p = r->body, *nl;
			while (*p) {
				nl = strchr(p, '\n');
				printf("    %.*s\n", nl ? (int)(nl - p) : (int)strlen(p), p);
				if (!nl)
					break;
				p = nl + 1;
			}
		}
		printf("    registrerat %s\n", when);
	}
	if (a->json)
		printf("]\n");
	else if (n > 1)
		printf(_("\nThe changes between two versions: overens diff %s V1 V2 (two commits above, "
			 "%s-v1 %s-v2 for versions as signed, or --as-of DATE)\n"),
		       a->pos[0], a->pos[0], a->pos[0]);
done:
	ov_log_free(rows, n);
	ov_workspace_free(ws);
	return rc;
}

const cli_command cli_cmd_log = {
	"log", cmd_log, N_("ID [--json]"),
	N_("the history of an agreement"),
	N_("Shows every event of agreement ID from git: the commit, the day, the event,\n"
	   "who took it, the change of phase and the changed fields.  'overens diff'\n"
	   "shows the changes between two of its versions (with --json each event\n"
	   "names the command as \"diff\")."),
	options, 1, 1, N_("ID"),
};
