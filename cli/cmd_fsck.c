/*
 * cmd_fsck.c - fsck: what is wrong with the workspace's history (moves of
 * main outside Överens, commits whose trailers lie, missing tags of signed
 * versions), as text or --json; --repair recreates missing tags and
 * --acknowledge KEY records that an admin has seen a finding.
 *
 * Exit codes: 0 when every finding is acknowledged or repaired (or there
 * are none), 7 when one is not; the usual codes for errors (4: not an
 * admin).
 */
#include <stdlib.h>
#include <string.h>

#include "overens/date.h"
#include "overens/error.h"
#include "overens/fsck.h"
#include "cli/cli.h"

static const cli_option options[] = {
	{ "repair", 0, 0, NULL, N_("recreate missing version tags from the sign events (admin)") },
	{ "acknowledge", 0, CLI_VALUE, N_("KEY"),
	  N_("record that an admin has seen the finding KEY (an event in git)") },
	CLI_OPTIONS_END,
};

static const char *kind_label(const char *kind)
{
	if (!strcmp(kind, "rewrite"))
		return "omskriven historik";
	if (!strcmp(kind, "commit"))
		return "commit som inte stämmer med sina trailers";
	if (!strcmp(kind, "tag-missing"))
		return "tagg saknas";
	if (!strcmp(kind, "tag-moved"))
		return "tagg pekar fel";
	return kind;
}

static void report_text(const ov_fsck_report *r)
{
	size_t i, repairable = 0;

	for (i = 0; i < r->n; i++) {
		const ov_fsck_finding *f = &r->findings[i];
		char when[32];

		ov_sweden_iso(when, f->when);
		if (f->repaired)
			printf("[reparerad] ");
		else if (f->acknowledged)
			printf("[kvitterad av %s i commit %.12s] ", f->ack_actor ? f->ack_actor : "?",
			       f->ack_commit ? f->ack_commit : "?");
		else
			printf("[EJ KVITTERAD] ");
		printf("%s, %s\n  %s\n  nyckel: %s\n", kind_label(f->kind), when, f->detail, f->key);
		if (f->repairable && !f->repaired && !f->acknowledged)
			repairable++;
	}
	if (!r->n) {
		printf("fsck: historiken är hel, inga avvikelser\n");
		return;
	}
	printf("fsck: %zu avvikelse%s, %zu ej kvitterad%s\n", r->n, r->n == 1 ? "" : "r", r->open,
	       r->open == 1 ? "" : "e");
	if (repairable)
		printf("Saknade taggar återskapas med: overens --as ADMIN fsck --repair\n");
	if (r->open)
		printf("En person med rollen admin kvitterar med: "
		       "overens --as ADMIN fsck --acknowledge NYCKEL\n");
}

static void report_json(const ov_fsck_report *r)
{
	size_t i;

	putchar('{');
	json_kb(stdout, "ok", r->open == 0, 1);
	json_key(stdout, "open", 0);
	printf("%zu", r->open);
	json_key(stdout, "findings", 0);
	putchar('[');
	for (i = 0; i < r->n; i++) {
		const ov_fsck_finding *f = &r->findings[i];
		char when[32];

		ov_sweden_iso(when, f->when);
		printf(i ? ",{" : "{");
		json_kv(stdout, "key", f->key, 1);
		json_kv(stdout, "kind", f->kind, 0);
		json_kv(stdout, "old", f->old_id, 0);
		json_kv(stdout, "new", f->new_id, 0);
		json_kv(stdout, "commit", f->commit, 0);
		json_kv(stdout, "agreement", f->agreement, 0);
		json_key(stdout, "version", 0);
		printf("%d", f->version);
		json_kv(stdout, "time", when, 0);
		json_kv(stdout, "detail", f->detail, 0);
		json_kb(stdout, "acknowledged", f->acknowledged, 0);
		json_kv(stdout, "acknowledged_by", f->ack_actor, 0);
		json_kv(stdout, "acknowledged_in", f->ack_commit, 0);
		json_kb(stdout, "repairable", f->repairable, 0);
		json_kb(stdout, "repaired", f->repaired, 0);
		putchar('}');
	}
	printf("]}\n");
}

static int cmd_fsck(cli_args *a, const cli_command *c)
{
	ov_workspace *ws = NULL;
	ov_fsck_report *r = NULL;
	const char *ack = cli_opt(a, "acknowledge");
	char *actor = NULL, *key = NULL;
	int err, rc = 0;

	if (ack && cli_opt(a, "repair"))
		return cli_usage(a, c, "%s", _("give --repair or --acknowledge KEY, not both"));
	ov_fsck_on_warning(NULL); /* the report says it all */
	if ((err = cli_open(&ws, a)) < 0 ||
	    ((ack || cli_opt(a, "repair")) && (err = cli_actor(&actor, ws, a)) < 0)) {
		rc = cli_fail(a, err);
		goto done;
	}
	if (ack) {
		if ((err = ov_fsck_acknowledge(&key, ws, actor, ack)) < 0)
			rc = cli_fail(a, err);
		else
			printf("Kvitterade %s\n", key);
		goto done;
	}
	if ((err = ov_fsck(&r, ws, actor)) < 0) {
		rc = cli_fail(a, err);
		goto done;
	}
	if (a->json)
		report_json(r);
	else
		report_text(r);
	rc = r->open ? 7 : 0;
done:
	ov_fsck_report_free(r);
	free(actor);
	free(key);
	ov_workspace_free(ws);
	return rc;
}

const cli_command cli_cmd_fsck = {
	"fsck", cmd_fsck, N_("[--repair] [--json]\n--acknowledge KEY"),
	N_("check the history; repair or acknowledge findings"),
	N_("Checks the workspace's git history: every move of main that is not a\n"
	   "fast-forward, every commit whose trailers do not match its changes, and every\n"
	   "signed version whose tag is missing or moved.  Exits 7 while a finding is not\n"
	   "acknowledged.  --repair and --acknowledge need a person with the role admin."),
	options, 0, 0, NULL,
};
