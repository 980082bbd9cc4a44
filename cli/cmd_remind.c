/*
 * cmd_remind.c - `overens remind [--within PERIOD] [--dry-run]`: mails the
 * reminders that are due (overens/remind.h) and prints what was sent, or
 * with --dry-run what would be sent, mails in full.  Meant for cron or a
 * systemd timer: a run with nothing to send prints one line and exits 0; a
 * run where a mail failed, or where an agreement could not be read (it is
 * left out, the others are reminded of), exits 1 after trying the others.
 */
#include <stdio.h>
#include <stdlib.h>

#include "overens/date.h"
#include "overens/error.h"
#include "overens/remind.h"
#include "cli/cli.h"

static const cli_option options[] = {
	{ "within", 0, CLI_VALUE, N_("PERIOD"),
	  N_("remind of dates this far ahead: 30d, 8w, 6m, 1y (default: 30d)") },
	{ "dry-run", 'n', 0, NULL, N_("print the mails that would be sent; send and record nothing") },
	{ "today", 0, CLI_VALUE | CLI_HIDDEN, N_("DATE"), N_("the day to remind as of") },
	CLI_OPTIONS_END,
};

static const char *kinds_of(const ov_reminder *m, char *buf, size_t size)
{
	size_t at = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < m->nitems && at < size; i++)
		at += (size_t)snprintf(buf + at, size - at, "%s%s", i ? "," : "", m->items[i].kind);
	return buf;
}

static void print_json(const ov_remind_report *r)
{
	char kinds[256];

	printf("{\"mails\":[");
	for (size_t i = 0; i < r->nmails; i++) {
		const ov_reminder *m = &r->mails[i];
		printf("%s{", i ? "," : "");
		json_kv(stdout, "to", m->to, 1);
		json_kv(stdout, "agreement", m->agreement, 0);
		json_kv(stdout, "date", m->date, 0);
		json_kv(stdout, "kinds", kinds_of(m, kinds, sizeof(kinds)), 0);
		json_kv(stdout, "subject", m->subject, 0);
		json_kv(stdout, "body", m->body, 0);
		json_kv(stdout, "status", m->status == OV_REMIND_SENT ? "sent"
			: m->status == OV_REMIND_FAILED ? "failed" : "planned", 0);
		json_kv(stdout, "error", m->error, 0);
		putchar('}');
	}
	printf("],\"nobody\":[");
	for (size_t i = 0; i < r->norphans; i++) {
		printf("%s{", i ? "," : "");
		json_kv(stdout, "agreement", r->orphans[i].agreement, 1);
		json_kv(stdout, "kind", r->orphans[i].kind, 0);
		json_kv(stdout, "date", r->orphans[i].date, 0);
		json_kv(stdout, "to", r->orphans[i].to, 0);
		putchar('}');
	}
	printf("],\"skipped\":[");
	for (size_t i = 0; i < r->nskipped; i++) {
		printf("%s", i ? "," : "");
		json_str(stdout, r->skipped[i]);
	}
	printf("],\"already\":%zu,\"failed\":%zu}\n", r->already, r->nfailed);
}

static void print_text(const ov_remind_report *r, int dry_run)
{
	size_t sent = 0;

	for (size_t i = 0; i < r->nmails; i++) {
		const ov_reminder *m = &r->mails[i];
		if (dry_run) {
			printf("Till: %s\nÄmne: %s\n\n%s\n", m->to, m->subject, m->body);
			continue;
		}
		sent += m->status == OV_REMIND_SENT;
		printf("%s %s  %-10s %s\n", m->status == OV_REMIND_SENT ? "skickad " : "EJ SKICKAD",
		       m->date, m->agreement, m->to);
		if (m->error)
			printf("    %s\n", m->error);
	}
	for (size_t i = 0; i < r->norphans; i++)
		printf("ingen mottagare: %s %s %s (arbetsflödet anger %s)\n", r->orphans[i].date,
		       r->orphans[i].agreement, r->orphans[i].kind, r->orphans[i].to);
	for (size_t i = 0; i < r->nskipped; i++)
		printf("hoppade över ett avtal som inte kunde läsas: %s\n", r->skipped[i]);
	if (dry_run)
		printf("%zu påminnelser skulle skickas (inget skickat); %zu redan skickade.\n",
		       r->nmails, r->already);
	else
		printf("%zu påminnelser skickade, %zu misslyckades; %zu redan skickade.\n", sent,
		       r->nfailed, r->already);
}

static int cmd_remind(cli_args *a, const cli_command *c)
{
	ov_workspace *ws = NULL;
	ov_remind_report *r = NULL;
	ov_remind_opts o = { cli_opt(a, "today"), { 0, 0, 0, 0 }, cli_opt(a, "dry-run") != NULL };
	const char *within = cli_opt(a, "within");
	ov_date d;
	int err, rc = 0;

	if (o.today && ov_date_parse(&d, o.today) < 0)
		return cli_fail(a, ov_error_prefix("--today"));
	if (ov_period_parse_short(&o.within, within ? within : "30d") < 0)
		return cli_fail(a, ov_error_prefix("--within"));
	if (o.within.negative)
		return cli_usage(a, c, "%s", _("--within takes a period forwards, e.g. 30d"));
	if ((err = cli_open(&ws, a)) >= 0)
		err = ov_remind(&r, ws, &o);
	if (r && a->json)
		print_json(r);
	else if (r)
		print_text(r, o.dry_run);
	if (err < 0)
		rc = cli_fail(a, err);
	ov_remind_report_free(r);
	ov_workspace_free(ws);
	return rc;
}

const cli_command cli_cmd_remind = {
	"remind", cmd_remind, N_("[--within PERIOD] [--dry-run] [--json]"),
	N_("mail reminders of what falls due and of steps that wait"),
	N_("Mails a reminder for every date of `due` within the window (30 days unless\n"
	   "--within says otherwise) that the agreement's workflow names (follow-ups,\n"
	   "notice deadlines, ends of term), and for every decision, signature or\n"
	   "approval that has waited longer than the workflow allows, to the people the\n"
	   "workflow names: one mail per person, agreement and date.  A reminder sent is\n"
	   "recorded and never sent again; one that fails is sent on the next run.\n"
	   "Settings: smtp.url (smtp://host:587 or smtps://host:465), smtp.from, and\n"
	   "smtp.credentials-file (user on the first line, password on the second, mode\n"
	   "600) or the environment OVERENS_SMTP_USER and OVERENS_SMTP_PASSWORD; web.url\n"
	   "for the links.  Exits 1 when a mail could not be sent (it is tried again on\n"
	   "every later run until it is sent or its date is no longer due) or an\n"
	   "agreement could not be read (it is left out; the others are reminded of)."),
	options, 0, 0, NULL,
};
