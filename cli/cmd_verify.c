/*
 * cmd_verify.c - `overens verify ID|FILE.pdf`: checks every signature of
 * the signed PDF, the signed text against git, the history, and that every
 * party signed; a report as text or --json, exit 7 when it does not hold.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "overens/buf.h"
#include "overens/error.h"
#include "overens/sign.h"
#include "cli/cli.h"

static const cli_option options[] = {
	{ "accept-unproven-time", 0, 0, NULL,
	  N_("accept a signing time no time-stamp proves") },
	CLI_OPTIONS_END,
};

static void report_json(const ov_verify_report *r)
{
	size_t i, k;

	putchar('{');
	json_kb(stdout, "ok", r->ok, 1);
	json_kv(stdout, "agreement", r->agreement, 0);
	json_key(stdout, "version", 0);
	printf("%d", r->version);
	json_kv(stdout, "tag", r->tag, 0);
	json_kv(stdout, "commit", r->commit, 0);
	json_kb(stdout, "xml_matches", r->xml_matches, 0);
	json_kb(stdout, "history_ok", r->history_ok, 0);
	json_kb(stdout, "all_parties_signed", r->all_parties, 0);
	json_kb(stdout, "appended_after_last", r->appended, 0);
	json_key(stdout, "appended_at", 0);
	if (r->appended)
		printf("%zu", r->appended_at);
	else
		printf("null");
	json_kb(stdout, "unproven_time", r->unproven_time, 0);
	json_kb(stdout, "dss", r->dss, 0);
	json_key(stdout, "signatures", 0);
	putchar('[');
	for (i = 0; i < r->nsigs; i++) {
		const ov_verify_sig *s = &r->sigs[i];
		printf(i ? ",{" : "{");
		json_kv(stdout, "field", s->field, 1);
		json_kv(stdout, "party", s->party, 0);
		json_kb(stdout, "ok", s->ok, 0);
		json_kv(stdout, "signer", s->signer, 0);
		json_kv(stdout, "email", s->email, 0);
		json_kv(stdout, "subject", s->subject, 0);
		json_kv(stdout, "issuer", s->issuer, 0);
		json_kv(stdout, "serial", s->serial, 0);
		json_kv(stdout, "fingerprint", s->fingerprint, 0);
		json_kv(stdout, "signing_time", s->signing_time, 0);
		json_kv(stdout, "timestamp", s->timestamp, 0);
		json_kv(stdout, "tsa", s->tsa, 0);
		json_kb(stdout, "time_proven", s->time_proven, 0);
		json_kv(stdout, "level", s->level, 0);
		json_key(stdout, "certify", 0);
		if (s->certify)
			printf("%d", s->certify);
		else
			printf("null");
		json_kb(stdout, "digest_ok", s->digest_ok, 0);
		json_kb(stdout, "trusted", s->chain_ok, 0);
		json_kb(stdout, "covers_document_to_here", s->covers_to_here, 0);
		json_kb(stdout, "whole_file", s->total, 0);
		json_key(stdout, "checks", 0);
		putchar('[');
		for (k = 0; k < s->nchecks; k++) {
			printf(k ? ",{" : "{");
			json_kv(stdout, "check", s->checks[k].name, 1);
			json_kb(stdout, "ok", s->checks[k].ok, 0);
			json_kv(stdout, "detail", s->checks[k].detail, 0);
			putchar('}');
		}
		putchar(']');
		json_kv(stdout, "problem", s->problem, 0);
		putchar('}');
	}
	printf("]");
	json_key(stdout, "document_timestamps", 0);
	putchar('[');
	for (i = 0; i < r->nstamps; i++) {
		const ov_verify_stamp *t = &r->stamps[i];

		printf(i ? ",{" : "{");
		json_kv(stdout, "field", t->field, 1);
		json_kb(stdout, "ok", t->ok, 0);
		json_kv(stdout, "time", t->time, 0);
		json_kv(stdout, "tsa", t->tsa, 0);
		json_kv(stdout, "tsa_expires", t->tsa_expires, 0);
		json_kb(stdout, "live", t->live, 0);
		json_kv(stdout, "lapsed", t->lapsed, 0);
		json_kv(stdout, "problem", t->problem, 0);
		putchar('}');
	}
	printf("]");
	json_key(stdout, "problems", 0);
	putchar('[');
	for (i = 0; i < r->nproblems; i++) {
		if (i)
			putchar(',');
		json_str(stdout, r->problems[i]);
	}
	printf("]}\n");
}

/* The Swedish label of a check. */
static const char *check_label(const char *name)
{
	static const char *const labels[][2] = {
		{ "bytes", "kontrollsumma" }, { "certificate", "certifikatet" },
		{ "signer", "undertecknaren" }, { "field", "fältet" }, { "time", "tidpunkten" },
		{ "timestamp", "tidsstämpel" }, { "changes", "ändringar" },
		{ "revocation", "spärrkontroll" },
	};
	for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (!strcmp(labels[i][0], name))
			return labels[i][1];
	return name;
}

static void report_text(const ov_verify_report *r)
{
	size_t i, k;

	printf("Avtal %s, version %d (tagg %s", r->agreement ? r->agreement : "?", r->version,
	       r->tag ? r->tag : "-");
	if (r->commit)
		printf(", commit %.12s", r->commit);
	printf(")\n");
	for (i = 0; i < r->nsigs; i++) {
		const ov_verify_sig *s = &r->sigs[i];
		printf("\nUnderskrift %s (part %s)%s\n", s->field, s->party,
		       s->certify ? ", certifierande: endast ifyllnad och underskrifter får följa" : "");
		printf("  undertecknare: %s%s%s%s\n  certifikat:    %s\n  utfärdare:     %s\n",
		       s->signer ? s->signer : "?", s->email ? " <" : "", s->email ? s->email : "",
		       s->email ? ">" : "", s->subject ? s->subject : "?",
		       s->issuer ? s->issuer : "?");
		printf("  tidpunkt:      %s%s\n", s->signing_time ? s->signing_time : "?",
		       s->time_proven ? "" : " (påstådd)");
		if (s->timestamp)
			printf("  tidsstämpel:   %s från %s\n", s->timestamp, s->tsa ? s->tsa : "?");
		if (s->level)
			printf("  PAdES-nivå:    %s\n", s->level);
		for (k = 0; k < s->nchecks; k++)
			printf("  %-14s %s %s\n", check_label(s->checks[k].name),
			       s->checks[k].ok ? "ja:" : "NEJ:", s->checks[k].detail ?
			       s->checks[k].detail : "");
	}
	for (i = 0; i < r->nstamps; i++) {
		const ov_verify_stamp *t = &r->stamps[i];

		printf("\nDokumenttidsstämpel %s (PAdES B-LTA)\n", t->field);
		printf("  tid:           %s från %s\n", t->time ? t->time : "?",
		       t->tsa ? t->tsa : "?");
		if (t->tsa_expires)
			printf("  certifikatet:  giltigt till %s\n", t->tsa_expires);
		printf("  giltig:        %s%s\n", t->ok ? "ja" : "NEJ: ",
		       t->ok ? "" : t->problem ? t->problem : "?");
		if (t->ok)
			printf("  bevisar tiden: %s%s\n", t->live ? "ja" : "NEJ: ",
			       t->live ? "" : t->lapsed ? t->lapsed : "?");
	}
	printf("\nInbäddad XML lika med versionen i git: %s\n", r->xml_matches ? "ja" : "NEJ");
	printf("Historiken stämmer med versionen: %s\n", r->history_ok ? "ja" : "NEJ");
	printf("Alla parter har undertecknat: %s\n", r->all_parties ? "ja" : "NEJ");
	if (r->appended)
		printf("Ändrad efter sista underskriften: JA, från byte %zu\n", r->appended_at);
	else
		printf("Ändrad efter sista underskriften: nej\n");
	for (i = 0; i < r->nproblems; i++)
		printf("FEL: %s\n", r->problems[i]);
	printf("%s\n", r->ok ? "Resultat: giltigt" : "Resultat: INTE GILTIGT");
}

static int cmd_verify(cli_args *a, const cli_command *c)
{
	ov_workspace *ws = NULL;
	ov_verify_report *r = NULL;
	ov_verify_opts o = { 0 };
	ov_buf pdf = OV_BUF_INIT;
	const char *arg;
	size_t n;
	int err, rc = 0;

	(void)c;
	o.accept_unproven_time = cli_opt(a, "accept-unproven-time") != NULL;
	arg = a->pos[0];
	n = strlen(arg);
	if ((err = cli_open(&ws, a)) < 0) {
		rc = cli_fail(a, err);
		goto done;
	}
	if (n > 4 && !strcasecmp(arg + n - 4, ".pdf")) {
		if ((err = ov_buf_read_file(&pdf, arg)) >= 0)
			err = ov_verify(&r, ws, NULL, pdf.ptr, pdf.size, arg, &o);
	} else {
		err = ov_verify(&r, ws, arg, NULL, 0, arg, &o);
	}
	if (err < 0) {
		rc = cli_fail(a, err);
		goto done;
	}
	if (a->json)
		report_json(r);
	else
		report_text(r);
	rc = r->ok ? 0 : 7;
done:
	ov_verify_report_free(r);
	ov_buf_dispose(&pdf);
	ov_workspace_free(ws);
	return rc;
}

const cli_command cli_cmd_verify = {
	"verify", cmd_verify, N_("ID|FILE.pdf [--accept-unproven-time] [--json]"),
	N_("check the signatures, the signed text and the history"),
	N_("Verifies the signed PDF of agreement ID (or the file FILE.pdf): each\n"
	   "signature's bytes and digest, its certificate against the workspace's trust\n"
	   "store and the party's authorised signatory, its time, nothing appended after\n"
	   "the last signature, the embedded text against the version tag in git, the\n"
	   "history, and that every party signed.  Exits 0 only if all holds, else 7."),
	options, 1, 1, N_("ID|FILE.pdf"),
};
