/*
 * cmd_read.c - status, list, due, log and show, as text or --json.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "overens/date.h"
#include "overens/error.h"
#include "overens/query.h"
#include "cli/cli.h"

static void print_dates_json(const ov_date_entry *d, size_t n)
{
	putchar('[');
	for (size_t i = 0; i < n; i++) {
		printf(i ? ",{" : "{");
		json_kv(stdout, "date", d[i].date, 1);
		json_kv(stdout, "kind", d[i].kind, 0);
		json_kv(stdout, "label", d[i].label, 0);
		json_kv(stdout, "agreement", d[i].agreement, 0);
		json_kv(stdout, "title", d[i].title, 0);
		putchar('}');
	}
	putchar(']');
}

static void status_json(const ov_status *st)
{
	size_t i, j;

	putchar('{');
	json_kv(stdout, "id", st->id, 1);
	json_kv(stdout, "title", st->title, 0);
	json_kv(stdout, "workflow", st->workflow, 0);
	json_key(stdout, "version", 0);
	printf("%d", st->version);
	json_kv(stdout, "phase", st->phase, 0);
	json_kv(stdout, "phase_label", st->phase_label, 0);
	json_kv(stdout, "since", st->since, 0);
	json_kb(stdout, "frozen", st->frozen, 0);
	json_key(stdout, "parties", 0);
	putchar('[');
	for (i = 0; i < st->nparties; i++) {
		printf(i ? ",{" : "{");
		json_kv(stdout, "role", st->parties[i].role, 1);
		json_kv(stdout, "name", st->parties[i].name, 0);
		json_kv(stdout, "orgnr", st->parties[i].orgnr, 0);
		json_kv(stdout, "decision", st->parties[i].decision, 0);
		json_kv(stdout, "signed", st->parties[i].signed_on, 0);
		putchar('}');
	}
	printf("]");
	json_key(stdout, "next_steps", 0);
	putchar('[');
	for (i = 0; i < st->nsteps; i++) {
		printf(i ? ",{" : "{");
		json_kv(stdout, "event", st->steps[i].event, 1);
		json_kv(stdout, "roles", st->steps[i].roles, 0);
		json_kb(stdout, "own_party", st->steps[i].party_own, 0);
		json_kv(stdout, "to", st->steps[i].to, 0);
		json_key(stdout, "missing", 0);
		putchar('[');
		for (j = 0; j < st->steps[i].nmissing; j++) {
			if (j)
				putchar(',');
			json_str(stdout, st->steps[i].missing[j]);
		}
		printf("]}");
	}
	printf("]");
	json_key(stdout, "dates", 0);
	print_dates_json(st->dates, st->ndates);
	printf("}\n");
}

static void status_text(const ov_status *st)
{
	size_t i, j;

	printf("%s – %s\n", st->id, st->title);
	printf("Avtalsform: %s (%s), version %d\n", st->kind, st->workflow, st->version);
	printf("Fas: %s (%s) sedan %s%s\n", st->phase_label, st->phase, st->since,
	       st->frozen ? ", texten är låst" : "");
	printf("\nParter:\n");
	for (i = 0; i < st->nparties; i++) {
		const ov_status_party *p = &st->parties[i];
		printf("  %-12s %s (%s)", p->role, p->name, p->orgnr);
		if (p->decision)
			printf(", beslut: %s", p->decision);
		if (p->signed_on)
			printf(", undertecknat %s", p->signed_on);
		putchar('\n');
	}
	if (st->final)
		printf("\nAvtalet är avslutat.\n");
	for (i = 0; i < st->nsteps; i++) {
		const ov_status_step *s = &st->steps[i];
		printf("\nNästa steg: overens %s %s%s  (får tas av: %s%s)\n", s->event, st->id,
		       s->party_own ? " --party P" : "", s->roles,
		       s->party_own ? ", för den egna parten" : "");
		if (!s->nmissing)
			printf("  Inget saknas.\n");
		else
			printf("  Saknas:\n");
		for (j = 0; j < s->nmissing; j++)
			printf("    - %s\n", s->missing[j]);
	}
	if (st->ndates) {
		printf("\nKommande datum:\n");
		for (i = 0; i < st->ndates; i++)
			printf("  %s  %s\n", st->dates[i].date, st->dates[i].label);
	}
}

int cmd_status(cli_args *a, const cli_command *c)
{
	ov_workspace *ws = NULL;
	ov_status *st = NULL;
	int err, rc = 0;

	if (a->npos != 1)
		return cli_usage(c, "give the agreement's ID");
	if ((err = cli_only(a, "date", c)))
		return err;
	if ((err = cli_open(&ws, a)) < 0 ||
	    (err = ov_agreement_status(&st, ws, a->pos[0], cli_opt(a, "date"))) < 0)
		rc = cli_fail(err);
	else if (a->json)
		status_json(st);
	else
		status_text(st);
	ov_status_free(st);
	ov_workspace_free(ws);
	return rc;
}

int cmd_list(cli_args *a, const cli_command *c)
{
	ov_workspace *ws = NULL;
	ov_list_row *rows = NULL;
	size_t n = 0, i;
	int err, rc = 0;

	if (a->npos)
		return cli_usage(c, "no arguments");
	if ((err = cli_only(a, "date", c)))
		return err;
	if ((err = cli_open(&ws, a)) < 0 ||
	    (err = ov_agreement_list(&rows, &n, ws, cli_opt(a, "date"))) < 0) {
		rc = cli_fail(err);
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
			putchar('}');
		}
		printf("]\n");
	} else {
		for (i = 0; i < n; i++)
			printf("%-10s %-13s %-10s %-32.32s %s%s%s\n", rows[i].id, rows[i].phase,
			       rows[i].next_date ? rows[i].next_date : "-", rows[i].title,
			       rows[i].next_label ? "(" : "",
			       rows[i].next_label ? rows[i].next_label : "",
			       rows[i].next_label ? ")" : "");
	}
done:
	ov_list_free(rows, n);
	ov_workspace_free(ws);
	return rc;
}

int cmd_due(cli_args *a, const cli_command *c)
{
	ov_workspace *ws = NULL;
	ov_date_entry *d = NULL;
	ov_period p;
	ov_date from, to;
	char fbuf[11], tbuf[11];
	const char *when = cli_opt(a, "date"), *within = cli_opt(a, "within");
	size_t n = 0, i;
	int err, rc = 0;

	if (a->npos)
		return cli_usage(c, "no arguments");
	if ((err = cli_only(a, "date within", c)))
		return err;
	if (!when)
		from = ov_sweden_today((long long)time(NULL));
	else if ((err = ov_date_parse(&from, when)) < 0)
		return cli_fail(ov_error_prefix("--date"));
	if ((err = ov_period_parse_short(&p, within ? within : "60d")) < 0)
		return cli_fail(ov_error_prefix("--within"));
	to = ov_date_add(from, &p);
	ov_date_format(fbuf, from);
	ov_date_format(tbuf, to);
	if ((err = cli_open(&ws, a)) < 0 || (err = ov_due(&d, &n, ws, fbuf, tbuf)) < 0) {
		rc = cli_fail(err);
		goto done;
	}
	if (a->json) {
		print_dates_json(d, n);
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

int cmd_log(cli_args *a, const cli_command *c)
{
	ov_workspace *ws = NULL;
	ov_log_row *rows = NULL;
	size_t n = 0, i;
	int err, rc = 0;

	if (a->npos != 1)
		return cli_usage(c, "give the agreement's ID");
	if ((err = cli_only(a, "", c)))
		return err;
	if ((err = cli_open(&ws, a)) < 0 ||
	    (err = ov_agreement_log(&rows, &n, ws, a->pos[0])) < 0) {
		rc = cli_fail(err);
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
done:
	ov_log_free(rows, n);
	ov_workspace_free(ws);
	return rc;
}

int cmd_show(cli_args *a, const cli_command *c)
{
	ov_workspace *ws = NULL;
	ov_buf out = OV_BUF_INIT;
	int err, rc = 0;

	if (a->npos != 1)
		return cli_usage(c, "give the agreement's ID");
	if ((err = cli_only(a, "rev", c)))
		return err;
	if ((err = cli_open(&ws, a)) < 0 ||
	    (err = ov_agreement_show(&out, ws, a->pos[0], cli_opt(a, "rev"))) < 0)
		rc = cli_fail(err);
	else
		fwrite(out.ptr, 1, out.size, stdout);
	ov_buf_dispose(&out);
	ov_workspace_free(ws);
	return rc;
}
