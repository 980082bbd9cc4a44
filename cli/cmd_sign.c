/*
 * cmd_sign.c - sign (digitally, or recording a handwritten signature),
 * verify and trust.
 */
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "overens/error.h"
#include "overens/query.h"
#include "overens/sign.h"
#include "cli/cli.h"

/* Reads a password without echo from the terminal; NULL when there is none. */
static char *prompt_password(const char *what)
{
	struct termios old, quiet;
	ov_buf b = OV_BUF_INIT;
	FILE *tty = fopen("/dev/tty", "r+");
	int ch, restored = 0;

	if (!tty)
		return NULL;
	fprintf(tty, "Lösenord för %s: ", what);
	fflush(tty);
	if (tcgetattr(fileno(tty), &old) == 0) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(fileno(tty), TCSAFLUSH, &quiet);
		restored = 1;
	}
	while ((ch = fgetc(tty)) != EOF && ch != '\n')
		ov_buf_putc(&b, (char)ch);
	if (restored)
		tcsetattr(fileno(tty), TCSAFLUSH, &old);
	fputc('\n', tty);
	fclose(tty);
	return ov_buf_detach(&b);
}

static int read_password(char **out, const cli_args *a, const char *what)
{
	const char *file = cli_opt(a, "password-file"), *env = getenv("OVERENS_PASSWORD");
	ov_buf b = OV_BUF_INIT;
	int err;

	*out = NULL;
	if (file) {
		if ((err = ov_buf_read_file(&b, file)) < 0)
			return err;
		while (b.size && (b.ptr[b.size - 1] == '\n' || b.ptr[b.size - 1] == '\r'))
			b.ptr[--b.size] = '\0';
		*out = ov_buf_detach(&b);
		return OV_OK;
	}
	if (env) {
		*out = strdup(env);
		return OV_OK;
	}
	if (cli_opt(a, "key") && !cli_opt(a, "p12")) {
		/* An unencrypted PEM key needs no password: do not ask for one. */
		int encrypted;
		if ((err = ov_buf_read_file(&b, cli_opt(a, "key"))) < 0)
			return err;
		encrypted = strstr(b.ptr, "ENCRYPTED") != NULL;
		ov_buf_dispose(&b);
		if (!encrypted)
			return OV_OK;
	}
	*out = prompt_password(what);
	return OV_OK;
}

int cmd_sign(cli_args *a, const cli_command *c)
{
	ov_workspace *ws = NULL;
	ov_sign_opts o;
	char *actor = NULL, *password = NULL, *pdf = NULL;
	int err, rc = 0;

	if (!cli_opt(a, "p12") && !cli_opt(a, "key"))
		return cmd_event(a, c); /* a handwritten signature, recorded */
	if (a->npos != 1)
		return cli_usage(c, "give the agreement's ID");
	if (cli_opt(a, "password"))
		return cli_usage(c, "a password is never given on the command line: use a prompt, "
				    "--password-file FILE or OVERENS_PASSWORD");
	if ((err = cli_only(a, "party p12 key cert password-file place date", c)))
		return err;
	memset(&o, 0, sizeof(o));
	o.party = cli_opt(a, "party");
	o.p12_path = cli_opt(a, "p12");
	o.key_path = cli_opt(a, "key");
	o.cert_path = cli_opt(a, "cert");
	o.place = cli_opt(a, "place");
	o.date = cli_opt(a, "date");
	if ((err = cli_open(&ws, a)) < 0 || (err = cli_actor(&actor, ws, a)) < 0 ||
	    (err = read_password(&password, a, o.p12_path ? o.p12_path : o.key_path)) < 0) {
		rc = cli_fail(err);
		goto done;
	}
	o.password = password;
	if ((err = ov_agreement_sign(&pdf, ws, actor, a->pos[0], &o)) < 0) {
		rc = cli_fail(err);
		goto done;
	}
	{
		ov_status *st = NULL;
		printf("%s: undertecknat digitalt för %s (%s)\n", a->pos[0], o.party, pdf);
		if (ov_agreement_status(&st, ws, a->pos[0], o.date) == 0) {
			printf("%s: nu i fasen %s (%s)\n", a->pos[0], st->phase_label, st->phase);
			ov_status_free(st);
		}
		ov_error_clear();
	}
done:
	if (password) {
		memset(password, 0, strlen(password));
		free(password);
	}
	free(pdf);
	free(actor);
	ov_workspace_free(ws);
	return rc;
}

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
		json_kv(stdout, "signing_time", s->signing_time, 0);
		json_kv(stdout, "timestamp", s->timestamp, 0);
		json_kv(stdout, "tsa", s->tsa, 0);
		json_kb(stdout, "time_proven", s->time_proven, 0);
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
		for (k = 0; k < s->nchecks; k++)
			printf("  %-14s %s %s\n", check_label(s->checks[k].name),
			       s->checks[k].ok ? "ja:" : "NEJ:", s->checks[k].detail ?
			       s->checks[k].detail : "");
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

int cmd_verify(cli_args *a, const cli_command *c)
{
	ov_workspace *ws = NULL;
	ov_verify_report *r = NULL;
	ov_verify_opts o = { 0 };
	ov_buf pdf = OV_BUF_INIT;
	const char *arg;
	size_t n;
	int err, rc = 0;

	if (a->npos != 1)
		return cli_usage(c, "give an agreement ID or a PDF file");
	if ((err = cli_only(a, "accept-unproven-time", c)))
		return err;
	o.accept_unproven_time = cli_opt(a, "accept-unproven-time") != NULL;
	arg = a->pos[0];
	n = strlen(arg);
	if ((err = cli_open(&ws, a)) < 0) {
		rc = cli_fail(err);
		goto done;
	}
	if (n > 4 && !strcasecmp(arg + n - 4, ".pdf")) {
		if ((err = ov_buf_read_file(&pdf, arg)) >= 0)
			err = ov_verify(&r, ws, NULL, pdf.ptr, pdf.size, arg, &o);
	} else {
		err = ov_verify(&r, ws, arg, NULL, 0, arg, &o);
	}
	if (err < 0) {
		rc = cli_fail(err);
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

int cmd_export(cli_args *a, const cli_command *c)
{
	ov_workspace *ws = NULL;
	ov_buf pdf = OV_BUF_INIT;
	const char *id = NULL, *path = NULL;
	int err, rc = 0;

	for (size_t i = 0; i < a->npos; i++) {
		if (!strcmp(a->pos[i], "-o")) {
			if (i + 1 >= a->npos || path)
				return cli_usage(c, "give the output file once, with -o FILE.pdf");
			path = a->pos[++i];
		} else if (!id) {
			id = a->pos[i];
		} else {
			return cli_usage(c, "give one agreement ID");
		}
	}
	if ((err = cli_only(a, "signed output", c)))
		return err;
	if (!path)
		path = cli_opt(a, "output");
	if (!id || !path || !*path)
		return cli_usage(c, "give the agreement's ID and -o FILE.pdf");
	if (!cli_opt(a, "signed"))
		return cli_usage(c, "say what to export: --signed (the signed PDF)");
	if ((err = cli_open(&ws, a)) < 0 ||
	    (err = ov_agreement_signed_pdf(&pdf, ws, id)) < 0 ||
	    (err = ov_write_file_atomic(path, pdf.ptr, pdf.size)) < 0) {
		rc = cli_fail(err);
		goto done;
	}
	printf("%s\n", path);
done:
	ov_buf_dispose(&pdf);
	ov_workspace_free(ws);
	return rc;
}

int cmd_trust(cli_args *a, const cli_command *c)
{
	ov_workspace *ws = NULL;
	ov_trust_entry *list = NULL;
	ov_buf pem = OV_BUF_INIT;
	char *actor = NULL;
	size_t n = 0, i;
	int err, rc = 0;

	if (a->npos < 1)
		return cli_usage(c, "give add, list or remove");
	if ((err = cli_only(a, "", c)))
		return err;
	if ((err = cli_open(&ws, a)) < 0) {
		rc = cli_fail(err);
		goto done;
	}
	if (!strcmp(a->pos[0], "list") && a->npos == 1) {
		if ((err = ov_trust_list(&list, &n, ws)) < 0) {
			rc = cli_fail(err);
			goto done;
		}
		if (a->json)
			putchar('[');
		for (i = 0; i < n; i++) {
			if (a->json) {
				printf(i ? ",{" : "{");
				json_kv(stdout, "fingerprint", list[i].fingerprint, 1);
				json_kv(stdout, "subject", list[i].subject, 0);
				json_kv(stdout, "not_after", list[i].not_after, 0);
				putchar('}');
			} else {
				printf("%.16s  %s  (giltigt till %s)\n", list[i].fingerprint,
				       list[i].subject, list[i].not_after);
			}
		}
		if (a->json)
			printf("]\n");
	} else if (!strcmp(a->pos[0], "add") && a->npos == 2) {
		if ((err = cli_actor(&actor, ws, a)) < 0 ||
		    (err = ov_buf_read_file(&pem, a->pos[1])) < 0 ||
		    (err = ov_trust_add(ws, actor, pem.ptr, pem.size, a->pos[1])) < 0)
			rc = cli_fail(err);
		else
			printf("Litar nu på certifikaten som %s har utfärdat\n", a->pos[1]);
	} else if (!strcmp(a->pos[0], "remove") && a->npos == 2) {
		if ((err = cli_actor(&actor, ws, a)) < 0 ||
		    (err = ov_trust_remove(ws, actor, a->pos[1])) < 0)
			rc = cli_fail(err);
		else
			printf("Tog bort %s ur förtroendelistan\n", a->pos[1]);
	} else {
		rc = cli_usage(c, "give add CA.pem, list, or remove FINGERPRINT");
	}
done:
	ov_trust_list_free(list, n);
	ov_buf_dispose(&pem);
	free(actor);
	ov_workspace_free(ws);
	return rc;
}
