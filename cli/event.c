/*
 * event.c - what the lifecycle event commands (contact, decide, needs,
 * assign, cancel-signing, followup, amend, approve, terminate, end, step
 * and a handwritten sign) share: calling the engine with the event's
 * parameters and printing the phase the agreement is in afterwards.
 *
 * Each command keeps its own option table in its cmd_<verb>.c; the parser
 * has already refused any option not in it, so every option but --date is
 * a parameter of the event, by its long name (a flag's value is "yes").
 */
#include <stdlib.h>
#include <string.h>

#include "overens/error.h"
#include "overens/query.h"
#include "cli/cli.h"

static void print_phase(const cli_session *s, const cli_args *a, const char *event)
{
	ov_status *st = NULL;

	if (ov_agreement_status(&st, s->ws, a->pos[0], cli_opt(a, "date")) < 0) {
		ov_error_clear();
		return;
	}
	if (a->json) {
		putchar('{');
		json_kv(stdout, "id", a->pos[0], 1);
		json_kv(stdout, "event", event, 0);
		json_kv(stdout, "phase", st->phase, 0);
		json_kv(stdout, "phase_label", st->phase_label, 0);
		printf("}\n");
	} else {
		printf("%s: %s – nu i fasen %s (%s)\n", a->pos[0], event, st->phase_label, st->phase);
	}
	ov_status_free(st);
}

int cli_event_run(cli_args *a, const char *event, const ov_param *params, size_t n)
{
	cli_session s;
	int err;

	if ((err = cli_session_open(&s, a)) >= 0 &&
	    (err = ov_agreement_event(s.ws, s.actor, a->pos[0], event, params, n,
				      cli_opt(a, "date"))) >= 0)
		print_phase(&s, a, event);
	return cli_session_close(&s, a, err);
}

int cli_event(cli_args *a, const cli_command *c)
{
	ov_param params[CLI_MAX_ARGS];
	size_t n = 0;

	for (size_t i = 0; i < a->nopt; i++)
		if (strcmp(a->opt[i].key, "date"))
			params[n++] = a->opt[i];
	return cli_event_run(a, c->name, params, n);
}
