/*
 * cmd_timestamp.c - `overens timestamp ID|--all [--within PERIOD] [--force]`:
 * a new document time-stamp (PAdES B-LTA) on signed agreements before the
 * last one's certificate expires; meant for a yearly timer.
 */
#include <stdlib.h>
#include <string.h>

#include "overens/error.h"
#include "overens/sign.h"
#include "cli/cli.h"

static const cli_option options[] = {
	{ "all", 0, 0, NULL, N_("every agreement with a signed version") },
	{ "within", 0, CLI_VALUE, N_("PERIOD"),
	  N_("only when the last time-stamp's certificate expires within PERIOD (default P1Y)") },
	{ "force", 0, 0, NULL, N_("re-stamp even when the certificate expires later") },
	CLI_OPTIONS_END,
};

static void print_one(const cli_args *a, const ov_timestamp_result *r, int first)
{
	if (a->json) {
		printf(first ? "{" : ",{");
		json_kv(stdout, "agreement", r->id, 1);
		json_key(stdout, "version", 0);
		printf("%d", r->version);
		json_kb(stdout, "stamped", r->stamped, 0);
		json_kv(stdout, "expired_certificate_until", r->expires, 0);
		json_kv(stdout, "commit", *r->commit ? r->commit : NULL, 0);
		json_kv(stdout, "error", r->error, 0);
		json_kv(stdout, "lapsed", r->lapsed, 0);
		putchar('}');
		return;
	}
	if (r->error)
		printf("%s: FEL: %s\n", r->id, r->error);
	else if (r->stamped)
		printf("%s version %d: ny dokumenttidsstämpel (commit %.12s)\n%s%s%s", r->id,
		       r->version, r->commit, r->lapsed ? "  Varning: " : "",
		       r->lapsed ? r->lapsed : "", r->lapsed ? "; den nya stämpeln förnyar den "
		       "inte\n" : "");
	else
		printf("%s version %d: inte dags, tidsstämpelns certifikat gäller till %s\n", r->id,
		       r->version, r->expires ? r->expires : "?");
}

static int cmd_timestamp(cli_args *a, const cli_command *c)
{
	cli_session s;
	ov_timestamp_opts o;
	ov_timestamp_result one, *all = NULL;
	size_t n = 0;
	int err, each = cli_opt(a, "all") != NULL;

	memset(&o, 0, sizeof(o));
	memset(&one, 0, sizeof(one));
	if (each == (a->npos == 1))
		return cli_usage(a, c, "%s", _("give an agreement ID or --all"));
	o.within = cli_opt(a, "within");
	o.force = cli_opt(a, "force") != NULL;
	if ((err = cli_session_open(&s, a)) < 0)
		return cli_session_close(&s, a, err);
	if (each) {
		err = ov_timestamp_all(&all, &n, s.ws, s.actor, &o);
		if (a->json)
			putchar('[');
		for (size_t i = 0; i < n; i++)
			print_one(a, &all[i], i == 0);
		if (a->json)
			printf("]\n");
		if (!a->json && !n && err >= 0)
			printf("Inget undertecknat avtal att tidsstämpla\n");
	} else {
		err = ov_agreement_timestamp(&one, s.ws, s.actor, a->pos[0], &o);
		if (err >= 0)
			print_one(a, &one, 1);
		if (err >= 0 && a->json)
			putchar('\n');
	}
	ov_timestamp_results_free(all, n);
	ov_timestamp_result_dispose(&one);
	return cli_session_close(&s, a, err);
}

const cli_command cli_cmd_timestamp = {
	"timestamp", cmd_timestamp,
	N_("ID [--within PERIOD] [--force] [--json]\n--all [--within PERIOD] [--force] [--json]"),
	N_("renew the document time-stamp of signed agreements (PAdES B-LTA)"),
	N_("Adds to the signed PDF of agreement ID (or of every signed agreement) a\n"
	   "document security store with fresh validation data for every certificate\n"
	   "chain in it, then a new document time-stamp from the setting sign.tsa over\n"
	   "the whole file: one commit per agreement.  Only when the last time-stamp's\n"
	   "certificate expires within PERIOD (ISO 8601, default P1Y), or always with\n"
	   "--force.  The signed version must verify.  Meant for a yearly timer."),
	options, 0, 1, N_("ID"),
};
