/*
 * cmd_demo.c - `overens demo [DIR]`: a fresh workspace with the Helsingborg
 * example taken from the first contact through both boards' decisions,
 * needs mapping, boundaries and signing to an active agreement, then a
 * yearly follow-up.  Every step goes through the engine as a user's command
 * would, and is printed.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "overens/error.h"
#include "overens/query.h"
#include "overens/sign.h"
#include "overens/demo.h"
#include "overens/account.h"
#include "cli/cli.h"
#include "cli/demo.h"

#define KRETS "802002-8711"
#define KOMMUN "212000-0258"
#define ASA "asa.lindqvist@example.se"
#define KARIN "karin.ek@example.org"
#define LARS "lars.oberg@example.org"
#define PER "per.stahl@example.se"

int demo_step_ok(int err, const char *what)
{
	if (err < 0) {
		const ov_error *e = ov_error_last();
		fprintf(stderr, _("demo: %s failed: %s\n"), what, e ? e->message : _("error"));
		return err;
	}
	printf("  ✓ %s\n", what);
	return OV_OK;
}

int demo_set_fields(ov_workspace *ws, const char *id, const demo_field *f, size_t n,
		    const char *date)
{
	int err;

	for (size_t i = 0; i < n; i++) {
		ov_buf what = OV_BUF_INIT;
		size_t cut = strlen(f[i].value) > 50 ? 50 : strlen(f[i].value);
		while (cut && ((unsigned char)f[i].value[cut] & 0xc0) == 0x80)
			cut--; /* never inside a UTF-8 sequence */
		ov_buf_printf(&what, "set %s = %.*s%s", f[i].field, (int)cut, f[i].value,
			      f[i].value[cut] ? "…" : "");
		err = demo_step_ok(ov_agreement_set(ws, f[i].who, id, f[i].field, f[i].value, date),
			      what.ptr);
		ov_buf_dispose(&what);
		if (err < 0)
			return err;
	}
	return OV_OK;
}

void demo_show_phase(ov_workspace *ws, const char *id, const char *date)
{
	ov_status *st = NULL;

	if (ov_agreement_status(&st, ws, id, date) < 0) {
		ov_error_clear();
		return;
	}
	printf("  → fas: %s (%s)\n", st->phase_label, st->phase);
	ov_status_free(st);
}


/*
 * Throwaway certificates (demo material only), the CA trusted in this
 * workspace, and both signatories' digital signatures on the frozen text.
 */
static int sign_demo(ov_workspace *ws, const char *id, const char *dir)
{
	static const ov_demo_signer signers[] = {
		{ "Lars Öberg", LARS }, { "Per Ståhl", PER },
	};
	ov_buf certs = OV_BUF_INIT, path = OV_BUF_INIT, pem = OV_BUF_INIT;
	ov_sign_opts o;
	int err;

	ov_buf_printf(&certs, "%s/demo-certifikat", dir);
	if (mkdir(certs.ptr, 0700) < 0) {
		err = ov_error_set(OV_ERROR, "%s: cannot create the folder", certs.ptr);
		goto done;
	}
	if ((err = demo_step_ok(ov_demo_pki(certs.ptr, signers, 2, "demo", (long long)time(NULL)),
			   "demo-CA och demo-certifikat (bara för demon) i demo-certifikat/")) < 0)
		goto done;
	ov_buf_printf(&path, "%s/demo-ca.pem", certs.ptr);
	if ((err = ov_buf_read_file(&pem, path.ptr)) < 0 ||
	    (err = demo_step_ok(ov_trust_add(ws, ASA, pem.ptr, pem.size, path.ptr),
			   "arbetsytan litar på demo-CA:t")) < 0)
		goto done;
	memset(&o, 0, sizeof(o));
	o.password = "demo";
	o.party = "krets";
	o.date = "2026-03-20";
	ov_buf_clear(&path);
	ov_buf_printf(&path, "%s/%s.p12", certs.ptr, LARS);
	o.p12_path = path.ptr;
	if ((err = demo_step_ok(ov_agreement_sign(NULL, ws, LARS, id, &o),
			   "Lars Öberg undertecknar digitalt för kretsen")) < 0)
		goto done;
	o.party = "kommun";
	o.date = "2026-03-24";
	ov_buf_clear(&path);
	ov_buf_printf(&path, "%s/%s.p12", certs.ptr, PER);
	o.p12_path = path.ptr;
	err = demo_step_ok(ov_agreement_sign(NULL, ws, PER, id, &o),
		      "Per Ståhl undertecknar digitalt för staden");
done:
	ov_buf_dispose(&certs);
	ov_buf_dispose(&path);
	ov_buf_dispose(&pem);
	return err;
}

/* Verifies the signed PDF and writes a copy of it next to the workspace. */
int demo_verify(ov_workspace *ws, const char *id, const char *dir)
{
	ov_verify_report *r = NULL;
	ov_buf pdf = OV_BUF_INIT, out = OV_BUF_INIT;
	int err;

	if ((err = ov_agreement_signed_pdf(&pdf, ws, id)) < 0 ||
	    (err = ov_verify(&r, ws, id, NULL, 0, id, NULL)) < 0)
		goto done;
	for (size_t i = 0; i < r->nsigs; i++) {
		const ov_verify_sig *s = &r->sigs[i];

		printf("  %s %s%s\n", s->ok ? "✓" : "✗", s->signer ? s->signer : "?",
		       s->certify ? " (certifierar: bara underskrifter får följa)" : "");
		for (size_t k = 0; k < s->nchecks; k++)
			printf("      %s %s\n", s->checks[k].ok ? "✓" : "✗",
			       s->checks[k].detail ? s->checks[k].detail : s->checks[k].name);
	}
	printf("  %s inbäddad avtalstext lika med version %d i git\n", r->xml_matches ? "✓" : "✗",
	       r->version);
	printf("  %s historiken i git stämmer med den undertecknade versionen\n",
	       r->history_ok ? "✓" : "✗");
	if (!r->ok) {
		err = ov_error_set(OV_EVERIFY, "the signed PDF does not verify: %s",
				   r->nproblems ? r->problems[0] : "?");
		goto done;
	}
	ov_buf_printf(&out, "%s/%s-v%d-undertecknat.pdf", dir, id, r->version);
	if ((err = ov_write_file_atomic(out.ptr, pdf.ptr, pdf.size)) < 0)
		goto done;
	printf("  ✓ undertecknad PDF: %s\n", out.ptr);
done:
	ov_verify_report_free(r);
	ov_buf_dispose(&pdf);
	ov_buf_dispose(&out);
	return err;
}

static const cli_option options[] = {
	{ "serve", 0, 0, NULL,
	  N_("then serve the web interface on the demo workspace (logins are printed)") },
	{ "listen", 0, CLI_VALUE, N_("ADDR:PORT"), N_("with --serve: where to listen") },
	{ "subject", 0, CLI_VALUE, N_("SUBJECT"),
	  N_("the agreement's subject: anhorigstod (default), allman, or lagstadgade-uppdrag "
	     "(an överenskommelse among five parties)") },
	{ "ready-file", 0, CLI_VALUE | CLI_HIDDEN, N_("FILE"), N_("with --serve: see serve") },
	{ "today", 0, CLI_VALUE | CLI_HIDDEN, N_("DATE"), N_("with --serve: see serve") },
	{ "session-timeout", 0, CLI_VALUE | CLI_HIDDEN, N_("SECONDS"), N_("with --serve: see serve") },
	{ "connection-timeout", 0, CLI_VALUE | CLI_HIDDEN, N_("SECONDS"),
	  N_("with --serve: see serve") },
	CLI_OPTIONS_END,
};

static const ov_param krets[] = {
	{ "name", "Helsingborgs rödakorskrets" }, { "kind", "krets" },
	{ "orgnr", KRETS }, { "address", "Drottninggatan 14, 252 21 Helsingborg" },
	{ "contact", "Karin Ek" }, { "contact-email", KARIN },
	{ "contact-phone", "042-12 34 56" },
};
static const ov_param kommun[] = {
	{ "name", "Helsingborgs stad" }, { "kind", "kommun" }, { "orgnr", KOMMUN },
	{ "address", "Stortorget 17, 251 89 Helsingborg" }, { "contact", "Åsa Lindqvist" },
	{ "contact-email", ASA }, { "contact-phone", "042-10 50 00" },
};
static const ov_param parties[] = { { "krets", KRETS }, { "kommun", KOMMUN } };
static const ov_param contact[] = {
	{ "with", "Karin Ek, lokal utvecklare i Helsingborgs rödakorskrets" },
	{ "notes", "Kommunen vände sig till Röda Korset nationellt, som förmedlade kontakten "
		   "till kretsen. Ett första öppet möte hölls på stadens anhörigcenter." },
};
static const ov_param decide_krets[] = {
	{ "party", "krets" }, { "body", "kretsstyrelse" }, { "minutes", "§ 12" },
	{ "text", "Kretsstyrelsen beslutar att ingå samarbetet och föra in det i "
		  "verksamhetsplanen." },
};
static const ov_param decide_kommun[] = {
	{ "party", "kommun" }, { "body", "vård- och omsorgsnämnden" }, { "minutes", "§ 34" },
	{ "text", "Nämnden godkänner att samarbetsavtal tecknas med kretsen." },
};
static const demo_field needs[] = {
	{ ASA, "behov.lokala", "Många anhöriga som vårdar en närstående med demenssjukdom "
		"saknar ett sammanhang att prata i, särskilt kvällstid." },
	{ KARIN, "behov.kretsen", "Utbildade volontärer som leder samtalsgrupper och "
		"hjälper till vid träffar." },
	{ ASA, "behov.kommunen", "Lokal på anhörigcentret, administration av anmälningar "
		"och information till anhöriga." },
	{ ASA, "behov.malgrupp", "Vuxna anhöriga till personer med demenssjukdom." },
	{ KARIN, "behov.mal", "Två samtalsgrupper per termin; anhöriga ska känna sig mindre "
		"ensamma och orka mer." },
};
static const demo_field assignment[] = {
	{ ASA, "bakgrund", "Parterna vill tillsammans stärka stödet till anhöriga i "
		"Helsingborg." },
	{ KARIN, "uppdrag.vem", "Kretsens samtalsledare, alltid två per grupp." },
	{ KARIN, "uppdrag.omfattning", "Två grupper per termin, sex träffar à två timmar "
		"varannan vecka." },
	{ KARIN, "uppdrag.hur", "Grupperna träffas på anhörigcentret; innehållet planeras "
		"med stadens anhörigkonsulent." },
	{ ASA, "uppdrag.ingar-inte", "Myndighetsutövning, biståndsbedömning, omvårdnad och "
		"enskild rådgivning." },
	{ ASA, "kommunens-ataganden", "Staden upplåter lokal och öppnar och stänger den vid "
		"varje träff." },
	{ ASA, "kommunens-ataganden", "Staden tar emot anmälningar och informerar anhöriga." },
	{ ASA, "ekonomi.kommunen", "Fika vid gruppträffar = 3 000 kr per termin" },
	{ ASA, "ekonomi.kommunen", "Lokal och administration = ingår i anhörigcentrets budget" },
	{ KARIN, "ekonomi.kretsen", "Utbildning av volontärer = 4 500 kr per år" },
	{ ASA, "diarienr.kommun", "VON 2026/112" },
	{ KARIN, "diarienr.krets", "2026-03" },
	{ ASA, "moten", "Arbetsgruppen träffas två gånger per termin." },
	{ KARIN, "stod", "Volontärerna vänder sig till kretsens kontaktperson." },
	{ ASA, "avtalstid.start", "2026-04-01" },
	{ ASA, "ort", "Helsingborg" },
};
/* Only carers' support has samtalsledare. */
static const demo_field carers[] = {
	{ KARIN, "volontarer.samtalsledare", "4" },
};
static const ov_param followup[] = {
	{ "decision", "continue" },
	{ "answer.andra", "Inga ändringar behövs." },
	{ "answer.fortsatta", "Ja, ett år till." },
	{ "answer.malgrupp", "Ja, grupperna har nått anhöriga till personer med demenssjukdom." },
	{ "answer.mal", "Ja, samarbetet följer båda parternas mål." },
	{ "answer.volontarer", "Ja, fyra samtalsledare är aktiva." },
	{ "answer.utbildning", "En repetitionsutbildning om sorg och förlust önskas." },
};


/* Refuses a folder that already holds a workspace. */
static int refuse_existing(const cli_args *a, const char *dir)
{
	struct stat stbuf;
	ov_buf repo = OV_BUF_INIT;
	int exists;

	if (stat(dir, &stbuf) != 0)
		return 0;
	ov_buf_printf(&repo, "%s/repo.git", dir);
	exists = stat(repo.ptr, &stbuf) == 0;
	ov_buf_dispose(&repo);
	if (!exists)
		return 0;
	return cli_error(a, CLI_EXIT_USAGE, "exists",
			 _("%s already holds a workspace; remove it or name another folder"), dir);
}

/* 1. The workspace, the two organisations, their signatories and people. */
static int demo_people(ov_workspace **ws, const char *dir)
{
	int err;

	printf("1. Arbetsyta, organisationer och personer\n");
	if ((err = demo_step_ok(ov_workspace_init(dir), "ny arbetsyta")) < 0 ||
	    (err = ov_workspace_open(ws, dir)) < 0 ||
	    (err = ov_config_set(*ws, "user.email", ASA)) < 0 ||
	    (err = demo_step_ok(ov_org_add(*ws, ASA, krets, 7), "Helsingborgs rödakorskrets")) < 0 ||
	    (err = demo_step_ok(ov_org_add(*ws, ASA, kommun, 7), "Helsingborgs stad")) < 0 ||
	    (err = demo_step_ok(ov_org_signatory(*ws, ASA, KRETS, "Lars Öberg", "Ordförande", LARS),
			   "behörig tecknare Lars Öberg")) < 0 ||
	    (err = demo_step_ok(ov_org_signatory(*ws, ASA, KOMMUN, "Per Ståhl",
					    "Förvaltningschef, vård- och omsorgsförvaltningen", PER),
			   "behörig tecknare Per Ståhl")) < 0 ||
	    (err = demo_step_ok(ov_person_add(*ws, ASA, ASA, "Åsa Lindqvist", KOMMUN, "official admin"),
			   "Åsa Lindqvist, anhörigkonsulent")) < 0 ||
	    (err = demo_step_ok(ov_person_add(*ws, ASA, KARIN, "Karin Ek", KRETS, "official"),
			   "Karin Ek, lokal utvecklare")) < 0 ||
	    (err = demo_step_ok(ov_person_add(*ws, ASA, LARS, "Lars Öberg", KRETS,
					 "board signatory"), "Lars Öberg, kretsstyrelsen")) < 0 ||
	    (err = demo_step_ok(ov_person_add(*ws, ASA, PER, "Per Ståhl", KOMMUN,
					 "official signatory"), "Per Ståhl, förvaltningschef")) < 0)
		return err;
	return OV_OK;
}

/* 2-7. The agreement from the first contact to its first follow-up. */
static int demo_walk(ov_workspace *ws, char **idp, const char *dir, const char *subject)
{
	char *id = NULL;
	int err;

	printf("\n2. Skapa kontakt\n");
	if ((err = demo_step_ok(ov_agreement_create_subject(&id, ws, ASA, "samverkansavtal", subject,
							    parties, 2,
							    "Samarbetsavtal om anhörigstöd i Helsingborg",
							    "2026-01-12"), "nytt samarbetsavtal")) < 0)
		return err;
	*idp = id;
	printf("  avtal %s\n", id);
	if ((err = demo_step_ok(ov_agreement_event(ws, ASA, id, "contact", contact, 2, "2026-01-12"),
			   "kontakt registrerad 2026-01-12")) < 0)
		return err;
	demo_show_phase(ws, id, "2026-01-12");

	printf("\n3. Beslut inom respektive organisation\n");
	if ((err = demo_step_ok(ov_agreement_event(ws, LARS, id, "decide", decide_krets, 4,
					      "2026-02-10"), "kretsstyrelsen, § 12, 2026-02-10")) < 0 ||
	    (err = demo_step_ok(ov_agreement_event(ws, ASA, id, "decide", decide_kommun, 4,
					      "2026-02-19"),
			   "vård- och omsorgsnämnden, § 34, 2026-02-19")) < 0)
		return err;
	demo_show_phase(ws, id, "2026-02-19");

	printf("\n4. Kartläggning av behov\n");
	if ((err = demo_set_fields(ws, id, needs, sizeof(needs) / sizeof(needs[0]), "2026-02-24")) < 0 ||
	    (err = demo_step_ok(ov_agreement_event(ws, ASA, id, "needs", NULL, 0, "2026-02-26"),
			   "kartläggningen klar")) < 0)
		return err;
	demo_show_phase(ws, id, "2026-02-26");

	printf("\n5. Gränsdragningar och uppdragsbeskrivning\n");
	if ((err = demo_set_fields(ws, id, assignment, sizeof(assignment) / sizeof(assignment[0]),
			      "2026-03-05")) < 0 ||
	    (!strcmp(subject, "anhorigstod") &&
	     (err = demo_set_fields(ws, id, carers, 1, "2026-03-05")) < 0) ||
	    (err = demo_step_ok(ov_agreement_event(ws, ASA, id, "assign", NULL, 0, "2026-03-10"),
			   "uppdraget klart, texten låses för undertecknande")) < 0)
		return err;
	demo_show_phase(ws, id, "2026-03-10");

	printf("\n6. Undertecknande med digitala underskrifter\n");
	if ((err = sign_demo(ws, id, dir)) < 0)
		return err;
	demo_show_phase(ws, id, "2026-03-24");

	printf("\n7. Årlig uppföljning\n");
	if ((err = demo_step_ok(ov_agreement_event(ws, ASA, id, "followup", followup, 7, "2027-02-01"),
			   "skriftlig uppföljning 2027-02-01: fortsätta ett år till")) < 0)
		return err;
	demo_show_phase(ws, id, "2027-02-01");
	printf("\n8. Kontroll av det undertecknade avtalet\n");
	return demo_verify(ws, id, dir);
}

/*
 * --serve: a fresh password for each demo person (printed: demo material
 * only), then the web interface on the demo workspace.
 */
static int demo_logins(ov_workspace *ws, const char *dir, const char *subject)
{
	static const demo_login helsingborg[] = {
		{ KARIN, "Karin Ek, kretsens tjänsteperson" },
		{ ASA, "Åsa Lindqvist, kommunens tjänsteperson och administratör" },
		{ LARS, "Lars Öberg, kretsens ordförande och firmatecknare" },
		{ PER, "Per Ståhl, kommunens förvaltningschef och firmatecknare" },
	};
	const demo_login *who = helsingborg;
	size_t n = sizeof(helsingborg) / sizeof(helsingborg[0]);
	char pw[32];
	int err;

	if (!strcmp(subject, "lagstadgade-uppdrag"))
		who = demo_rfs_logins(&n);
	printf("\n8. Webbgränssnittet\nInloggningar (bara för demon):\n");
	for (size_t i = 0; i < n; i++) {
		if ((err = ov_account_random_password(pw, sizeof(pw))) < 0 ||
		    (err = ov_account_set_password(ws, who[i].email, pw)) < 0)
			return err;
		printf("  %-28s lösenord %s   (%s)\n", who[i].email, pw, who[i].who);
	}
	printf("Demo-certifikaten för underskrifter finns i %s/demo-certifikat "
	       "(lösenord \"demo\").\n", dir);
	fflush(stdout);
	return OV_OK;
}

extern int cli_serve(cli_args *a, const char *dir);

static int cmd_demo(cli_args *a, const cli_command *c)
{
	const char *dir = a->npos ? a->pos[0] : "overens-demo";
	const char *subject = cli_opt(a, "subject") ? cli_opt(a, "subject") : "anhorigstod";
	ov_workspace *ws = NULL;
	char *id = NULL;
	int err, rc;

	(void)c;
	if ((rc = refuse_existing(a, dir)))
		return rc;
	if (!strcmp(subject, "lagstadgade-uppdrag")) {
		printf("Överens – demo: överenskommelse om lagreglerade frivilliga uppdrag\n"
		       "Arbetsyta: %s\n\n", dir);
		if ((err = demo_rfs(&ws, &id, dir)) < 0)
			goto done;
	} else {
		printf("Överens – demo: samarbetsavtal i Helsingborg\nArbetsyta: %s\n\n", dir);
		if ((err = demo_people(&ws, dir)) < 0 || (err = demo_walk(ws, &id, dir, subject)) < 0)
			goto done;
	}
	printf("\nKlart. Se 'overens -C %s status %s' och 'overens -C %s log %s'.\n", dir, id, dir,
	       id);
	if (cli_opt(a, "serve") && (err = demo_logins(ws, dir, subject)) >= 0) {
		free(id);
		ov_workspace_free(ws);
		return cli_serve(a, dir);
	}
done:
	free(id);
	ov_workspace_free(ws);
	return err < 0 ? cli_fail(a, err) : 0;
}

const cli_command cli_cmd_demo = {
	"demo", cmd_demo, N_("[DIR]"),
	N_("walk the Helsingborg example through its lifecycle"),
	N_("Creates a workspace in DIR (default: overens-demo) and takes the Helsingborg\n"
	   "example through its whole lifecycle with throwaway demo certificates: first\n"
	   "contact, both boards' decisions, needs mapping, boundaries, digital signatures,\n"
	   "the yearly follow-up and the verification of the signed PDF.  With --serve it\n"
	   "then gives each demo person a password, prints the logins and serves the web\n"
	   "interface on the demo workspace.  --subject lagstadgade-uppdrag instead takes\n"
	   "an överenskommelse about statutory volunteer assignments among five parties\n"
	   "(socialtjänst, överförmyndare, frivård, patientnämnd and a local association)\n"
	   "to a signed, verified agreement; --subject allman runs the samverkansavtal\n"
	   "about another subject."),
	options, 0, 1, N_("[DIR]"),
};
