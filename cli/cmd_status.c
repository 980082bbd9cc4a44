/*
 * cmd_status.c - `overens status ID`: the agreement's phase, what is
 * missing before each possible next step and who may take it, the parties
 * with their decisions and signatures, and the coming dates; text or --json.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "overens/date.h"
#include "overens/error.h"
#include "overens/query.h"
#include "cli/cli.h"

static const cli_option options[] = {
	CLI_OPT_DATE(N_("show the status as of this day (default: today in Sweden)")),
	{ "as-of", 0, CLI_VALUE, N_("DATE"),
	  N_("the version in force on this day, as it stood then") },
	CLI_OPTIONS_END,
};

/* "in_force": the version --as-of found. */
static void in_force_json(const ov_in_force *f, const char *day)
{
	json_key(stdout, "in_force", 0);
	putchar('{');
	json_kv(stdout, "as_of", day, 1);
	json_key(stdout, "version", 0);
	printf("%d", f->version);
	json_kv(stdout, "signed", f->signed_on, 0);
	json_kv(stdout, "ends", *f->ends ? f->ends : NULL, 0);
	json_kv(stdout, "commit", f->commit, 0);
	putchar('}');
}

static void status_json(const ov_status *st, const ov_in_force *f, const char *day)
{
	size_t i, j;

	putchar('{');
	json_kv(stdout, "id", st->id, 1);
	if (f)
		in_force_json(f, day);
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
		json_kv(stdout, "unit", st->parties[i].unit, 0);
		json_kv(stdout, "decision", st->parties[i].decision, 0);
		json_kv(stdout, "signed", st->parties[i].signed_on, 0);
		putchar('}');
	}
	printf("]");
	json_key(stdout, "departed", 0);
	putchar('[');
	for (i = 0; i < st->ndeparted; i++) {
		printf(i ? ",{" : "{");
		json_kv(stdout, "role", st->departed[i].role, 1);
		json_kv(stdout, "name", st->departed[i].name, 0);
		json_kv(stdout, "orgnr", st->departed[i].orgnr, 0);
		json_kv(stdout, "unit", st->departed[i].unit, 0);
		json_kv(stdout, "notice", st->departed[i].notice_on, 0);
		json_kv(stdout, "left", st->departed[i].left_on, 0);
		putchar('}');
	}
	printf("]");
	json_key(stdout, "next_steps", 0);
	putchar('[');
	for (i = 0; !f && i < st->nsteps; i++) {
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
	json_kv(stdout, "renewal", st->renewal, 0);
	json_kv(stdout, "term_end", st->term_end, 0);
	json_kb(stdout, "expired", st->expired, 0);
	json_key(stdout, "followups", 0);
	putchar('[');
	for (i = 0; i < st->nfollowups; i++) {
		printf(i ? ",{" : "{");
		json_kv(stdout, "date", st->followups[i].date, 1);
		json_kv(stdout, "planned", st->followups[i].planned, 0);
		json_kv(stdout, "decision", st->followups[i].decision, 0);
		putchar('}');
	}
	printf("]");
	json_key(stdout, "followup_questions", 0);
	putchar('[');
	for (i = 0; i < st->nfollowup; i++) {
		printf(i ? ",{" : "{");
		json_kv(stdout, "id", st->followup[i].field, 1);
		json_kv(stdout, "text", st->followup[i].text, 0);
		putchar('}');
	}
	printf("]");
	json_key(stdout, "dates", 0);
	cli_json_dates(st->dates, st->ndates);
	printf("}\n");
}

/* What the follow-up takes: the phase's questions, each answered with the step. */
static void followup_text(const ov_status *st)
{
	printf("  Uppföljningen behöver ett beslut (--decision continue|amend|terminate) "
	       "och svar på %zu frågor:\n", st->nfollowup);
	for (size_t i = 0; i < st->nfollowup; i++)
		printf("    - %s (--answer %s=…)\n", st->followup[i].text, st->followup[i].field);
	printf("  Frågorna kan också besvaras en i taget: overens interview %s\n", st->id);
}

/* Recorded follow-ups with the planned dates they count for, then the open ones. */
static void status_followups(const ov_status *st)
{
	if (st->nfollowups)
		printf("\nUppföljningar:\n");
	for (size_t i = 0; i < st->nfollowups; i++) {
		const ov_followup_entry *f = &st->followups[i];
		if (f->date && f->planned)
			printf("  uppföljning %s, för den planerade %s (beslut: %s)\n", f->date,
			       f->planned, f->decision ? f->decision : "-");
		else if (f->date)
			printf("  uppföljning %s, utöver de planerade (beslut: %s)\n", f->date,
			       f->decision ? f->decision : "-");
		else
			printf("  planerad %s, inte gjord\n", f->planned);
	}
}

static void status_text(const ov_status *st, const ov_in_force *f, const char *day)
{
	size_t i, j;

	printf("%s – %s\n", st->id, st->title);
	if (f) {
		printf("Gällande %s: version %d, undertecknad av alla parter %s", day, f->version,
		       f->signed_on);
		if (*f->ends)
			printf(", gäller till och med %s", f->ends);
		printf("\n");
	}
	printf("Avtalsform: %s (%s), version %d\n", st->kind, st->workflow, st->version);
	printf("Fas: %s (%s) sedan %s%s\n", st->phase_label, st->phase, st->since,
	       st->frozen ? ", texten är låst" : "");
	printf("\nParter:\n");
	for (i = 0; i < st->nparties; i++) {
		const ov_status_party *p = &st->parties[i];
		printf("  %-12s %s%s%s (%s)", p->role, p->name, p->unit ? ", " : "",
		       p->unit ? p->unit : "", p->orgnr);
		if (p->decision)
			printf(", beslut: %s", p->decision);
		if (p->signed_on)
			printf(", undertecknat %s", p->signed_on);
		putchar('\n');
	}
	if (st->ndeparted)
		printf("\nHar lämnat avtalet:\n");
	for (i = 0; i < st->ndeparted; i++) {
		const ov_status_party *p = &st->departed[i];
		printf("  %-12s %s%s%s (%s), uppsagt %s, deltagandet upphör %s\n", p->role, p->name,
		       p->unit ? ", " : "", p->unit ? p->unit : "", p->orgnr, p->notice_on,
		       p->left_on);
	}
	if (st->final)
		printf("\nAvtalet är avslutat.\n");
	else if (st->expired)
		printf("\nUtgånget: avtalstiden har löpt ut %s utan förlängning; avtalet gäller inte "
		       "längre.\n", st->term_end);
	status_followups(st);
	for (i = 0; !f && i < st->nsteps; i++) {
		const ov_status_step *s = &st->steps[i];
		/* A step the workflow declares itself is taken with `overens step`. */
		if (ov_event_builtin(s->event))
			printf("\nNästa steg: overens %s %s", s->event, st->id);
		else
			printf("\nNästa steg: overens step %s %s", st->id, s->event);
		printf("%s  (får tas av: %s%s)\n", s->party_own ? " --party P" : "", s->roles,
		       s->party_own ? ", för den egna parten" : "");
		if (!strcmp(s->event, "followup") && st->nfollowup)
			followup_text(st);
		else if (!s->nmissing)
			printf("  Inget saknas.\n");
		if (s->nmissing)
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

static int cmd_status(cli_args *a, const cli_command *c)
{
	ov_workspace *ws = NULL;
	ov_status *st = NULL;
	ov_in_force f = { .version = 0 };
	const char *as_of = cli_opt(a, "as-of");
	int err, rc = 0;

	if (as_of && cli_opt(a, "date"))
		return cli_usage(a, c, "%s", _("give --as-of or --date, not both"));
	if ((err = cli_open(&ws, a)) < 0 ||
	    (as_of && (err = ov_agreement_in_force(&f, ws, a->pos[0], as_of)) < 0) ||
	    (err = ov_agreement_status_at(&st, ws, a->pos[0], as_of ? as_of : cli_opt(a, "date"),
					  as_of ? f.commit : NULL)) < 0)
		rc = cli_fail(a, err);
	else if (a->json)
		status_json(st, as_of ? &f : NULL, as_of);
	else
		status_text(st, as_of ? &f : NULL, as_of);
	ov_status_free(st);
	ov_workspace_free(ws);
	return rc;
}

const cli_command cli_cmd_status = {
	"status", cmd_status, N_("ID [--date DATE | --as-of DATE] [--json]"),
	N_("phase, what is missing, who acts, coming dates"),
	N_("Shows agreement ID's phase, the parties with their decisions and signatures,\n"
	   "each step that may follow with what is still missing and who may take it, and\n"
	   "the coming dates (term end, notice deadline, follow-ups, meetings).\n"
	   "\n"
	   "With --as-of DATE it shows the version that was in force on that day: signed\n"
	   "by every party, not yet replaced by a later signed version and not yet ended,\n"
	   "as it stood then (its phase, parties and the dates still to come that day),\n"
	   "without next steps; it fails when no version was in force."),
	options, 1, 1, N_("ID"),
};
