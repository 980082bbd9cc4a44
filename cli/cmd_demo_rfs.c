/*
 * cmd_demo_rfs.c - `overens demo --subject lagstadgade-uppdrag`: an
 * överenskommelse about statutory volunteer assignments (lekmannaövervakare,
 * stödpersoner, gode män, kontaktpersoner) among a kommun's socialtjänst
 * and överförmyndare, Kriminalvården's frivård, a region's patientnämnd and
 * a local volunteers' association, from the first contact through the
 * steering group's approval and five digital signatures to a verified PDF.
 * Every step goes through the engine as a user's command would.
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "overens/account.h"
#include "overens/demo.h"
#include "overens/error.h"
#include "overens/organisation.h"
#include "overens/person.h"
#include "overens/sign.h"
#include "cli/cli.h"
#include "cli/demo.h"

#define NPARTIES 5
#define SARA "sara.berg@example.se"
#define MAJA "maja.ost@example.org"

/* A party: its organisation, its person (official, board, steering, signatory). */
typedef struct rfs_party {
	const char *role, *orgnr, *kind, *org, *person, *title, *email;
} rfs_party;

static const rfs_party P[NPARTIES] = {
	{ "socialtjanst", "212000-2247", "kommun", "Umeå kommun, socialtjänsten", "Sara Berg",
	  "Socialchef", SARA },
	{ "overformyndare", "212000-2239", "kommun", "Överförmyndarnämnden i Umeå", "Nils Ås",
	  "Ordförande", "nils.as@example.se" },
	{ "frivard", "202100-0068", "myndighet", "Kriminalvården, frivården Umeå", "Eva Frid",
	  "Frivårdschef", "eva.frid@example.se" },
	{ "patientnamnd", "232100-0016", "region", "Patientnämnden, Region Västerbotten",
	  "Olof Nilsson", "Kanslichef", "olof.nilsson@example.se" },
	{ "forening", "802400-0013", "förening", "Föreningen Medmänniskor i Umeå", "Maja Öst",
	  "Ordförande", MAJA },
};

static const demo_field needs[] = {
	{ SARA, "behov.lokala", "Parterna har svårt att hitta lekmannaövervakare, gode män, "
		"stödpersoner och kontaktpersoner, och de frivilliga saknar stöd mellan uppdragen." },
	{ MAJA, "behov.foreningen", "Rekrytering, introduktion av nya frivilliga och "
		"erfarenhetsträffar." },
	{ SARA, "behov.myndigheterna", "Lokaler, föreläsare och information om uppdragen." },
	{ SARA, "behov.mal", "Fler frivilliga i de lagreglerade uppdragen och färre avhopp." },
	{ SARA, "diarienr.socialtjanst", "SN 2026/41" },
	{ SARA, "diarienr.overformyndare", "ÖFN 2026/7" },
};
static const demo_field assignment[] = {
	{ SARA, "bakgrund", "Parterna vill tillsammans rekrytera och stödja frivilliga i "
		"lagreglerade uppdrag i Umeå." },
	{ SARA, "styrgrupp", "Sara Berg" },
	{ MAJA, "uppdrag.vem", "Föreningens styrelse och dess frivilliga." },
	{ MAJA, "uppdrag.omfattning", "Två utbildningskvällar och två rekryteringsinsatser per år." },
	{ SARA, "uppdrag.hur", "Arbetsgruppen planerar insatserna i ett årshjul." },
	{ SARA, "uppdrag.ingar-inte", "Myndighetsutövning: varje myndighet utser, förordnar och "
		"följer upp sina frivilliga." },
	{ SARA, "parternas-ataganden", "Socialtjänsten: lokal till utbildningskvällarna." },
	{ SARA, "parternas-ataganden", "Överförmyndaren: föreläsare om uppdraget som god man." },
	{ SARA, "parternas-ataganden", "Frivården: information om uppdraget som "
		"lekmannaövervakare." },
	{ SARA, "parternas-ataganden", "Patientnämnden: introduktion för stödpersoner." },
	{ SARA, "parternas-ataganden", "Föreningen: rekrytering och erfarenhetsträffar." },
	{ MAJA, "foreningens-roll", "Föreningen rekryterar, introducerar och stöttar de "
		"frivilliga." },
	{ SARA, "frivilliga.godman", "10" },
	{ SARA, "frivilliga.lekmannaovervakare", "6" },
	{ SARA, "ekonomi", "Fika vid arbetsgruppens möten, betalas av socialtjänsten = 3 000 kr" },
	{ SARA, "avtalstid.start", "2026-04-01" },
	{ SARA, "ort", "Umeå" },
};

static int rfs_people(ov_workspace **ws, const char *dir)
{
	int err;

	printf("1. Arbetsyta, organisationer och personer\n");
	if ((err = demo_step_ok(ov_workspace_init(dir), "ny arbetsyta")) < 0 ||
	    (err = ov_workspace_open(ws, dir)) < 0 ||
	    (err = ov_config_set(*ws, "user.email", SARA)) < 0)
		return err;
	for (size_t i = 0; i < NPARTIES; i++) {
		const ov_param org[] = {
			{ "name", P[i].org }, { "kind", P[i].kind }, { "orgnr", P[i].orgnr },
			{ "address", "Umeå" },
		};
		if ((err = demo_step_ok(ov_org_add(*ws, SARA, org, 4), P[i].org)) < 0 ||
		    (err = ov_org_signatory(*ws, SARA, P[i].orgnr, P[i].person, P[i].title,
					    P[i].email)) < 0 ||
		    (err = demo_step_ok(ov_person_add(*ws, SARA, P[i].email, P[i].person, P[i].orgnr,
						      i ? "official board signatory steering"
							: "official board signatory steering admin"),
					P[i].person)) < 0)
			return err;
	}
	return OV_OK;
}

static int rfs_decide(ov_workspace *ws, const char *id)
{
	char date[11], minutes[8];
	int err = OV_OK;

	for (size_t i = 0; i < NPARTIES && err >= 0; i++) {
		const ov_param p[] = {
			{ "party", P[i].role }, { "body", "nämnd eller styrelse" },
			{ "minutes", minutes },
		};
		snprintf(date, sizeof(date), "2026-02-%02zu", i + 2);
		snprintf(minutes, sizeof(minutes), "§ %zu", i + 10);
		err = demo_step_ok(ov_agreement_event(ws, P[i].email, id, "decide", p, 3, date),
				   P[i].org);
	}
	return err;
}

/* Five digital signatures with throwaway demo certificates. */
static int rfs_sign(ov_workspace *ws, const char *id, const char *dir)
{
	ov_demo_signer signers[NPARTIES];
	ov_buf certs = OV_BUF_INIT, path = OV_BUF_INIT, pem = OV_BUF_INIT;
	ov_sign_opts o;
	char date[11];
	int err;

	for (size_t i = 0; i < NPARTIES; i++) {
		signers[i].name = P[i].person;
		signers[i].email = P[i].email;
	}
	ov_buf_printf(&certs, "%s/demo-certifikat", dir);
	if (mkdir(certs.ptr, 0700) < 0) {
		err = ov_error_set(OV_ERROR, "%s: cannot create the folder", certs.ptr);
		goto done;
	}
	ov_buf_printf(&path, "%s/demo-ca.pem", certs.ptr);
	if ((err = demo_step_ok(ov_demo_pki(certs.ptr, signers, NPARTIES, "demo",
					    (long long)time(NULL)),
				"demo-CA och demo-certifikat (bara för demon)")) < 0 ||
	    (err = ov_buf_read_file(&pem, path.ptr)) < 0 ||
	    (err = demo_step_ok(ov_trust_add(ws, SARA, pem.ptr, pem.size, path.ptr),
				"arbetsytan litar på demo-CA:t")) < 0)
		goto done;
	for (size_t i = 0; i < NPARTIES && err >= 0; i++) {
		memset(&o, 0, sizeof(o));
		snprintf(date, sizeof(date), "2026-03-%02zu", i + 20);
		ov_buf_clear(&path);
		ov_buf_printf(&path, "%s/%s.p12", certs.ptr, P[i].email);
		o.password = "demo";
		o.party = P[i].role;
		o.date = date;
		o.p12_path = path.ptr;
		err = demo_step_ok(ov_agreement_sign(NULL, ws, P[i].email, id, &o), P[i].person);
	}
done:
	ov_buf_dispose(&certs);
	ov_buf_dispose(&path);
	ov_buf_dispose(&pem);
	return err;
}

static int rfs_walk(ov_workspace *ws, char *id, const char *dir)
{
	static const ov_param contact[] = {
		{ "with", "Frivården, patientnämnden, socialtjänsten, överförmyndaren och föreningen" },
	};
	int err;

	if ((err = demo_step_ok(ov_agreement_event(ws, SARA, id, "contact", contact, 1,
						   "2026-01-15"), "kontakt registrerad")) < 0)
		return err;
	printf("\n3. Beslut inom respektive organisation\n");
	if ((err = rfs_decide(ws, id)) < 0)
		return err;
	demo_show_phase(ws, id, "2026-02-06");
	printf("\n4. Kartläggning av behov\n");
	if ((err = demo_set_fields(ws, id, needs, sizeof(needs) / sizeof(needs[0]),
				   "2026-02-10")) < 0 ||
	    (err = demo_step_ok(ov_agreement_event(ws, SARA, id, "needs", NULL, 0, "2026-02-12"),
				"kartläggningen klar")) < 0)
		return err;
	printf("\n5. Gränsdragningar och ansvarsfördelning\n");
	if ((err = demo_set_fields(ws, id, assignment, sizeof(assignment) / sizeof(assignment[0]),
				   "2026-03-02")) < 0 ||
	    (err = demo_step_ok(ov_agreement_event(ws, SARA, id, "assign", NULL, 0, "2026-03-05"),
				"uppdraget klart")) < 0 ||
	    (err = demo_step_ok(ov_agreement_event(ws, SARA, id, "styrgrupp-godkanner", NULL, 0,
						   "2026-03-10"),
				"styrgruppen godkänner texten")) < 0)
		return err;
	demo_show_phase(ws, id, "2026-03-10");
	printf("\n6. Undertecknande med digitala underskrifter\n");
	if ((err = rfs_sign(ws, id, dir)) < 0)
		return err;
	demo_show_phase(ws, id, "2026-03-24");
	printf("\n7. Kontroll av den undertecknade överenskommelsen\n");
	return demo_verify(ws, id, dir);
}

int demo_rfs(ov_workspace **ws, char **id, const char *dir)
{
	ov_param parties[NPARTIES];
	int err;

	for (size_t i = 0; i < NPARTIES; i++) {
		parties[i].key = P[i].role;
		parties[i].value = P[i].orgnr;
	}
	if ((err = rfs_people(ws, dir)) < 0)
		return err;
	printf("\n2. Skapa kontakt\n");
	if ((err = demo_step_ok(ov_agreement_create_subject(id, *ws, SARA, "overenskommelse",
							    "lagstadgade-uppdrag", parties, NPARTIES,
							    "Överenskommelse om lagreglerade "
							    "frivilliga uppdrag i Umeå",
							    "2026-01-15"),
				"ny överenskommelse")) < 0)
		return err;
	printf("  överenskommelse %s\n", *id);
	return rfs_walk(ws ? *ws : NULL, *id, dir);
}

const demo_login *demo_rfs_logins(size_t *n)
{
	static const demo_login who[NPARTIES] = {
		{ SARA, "Sara Berg, socialchef (socialtjänsten)" },
		{ "nils.as@example.se", "Nils Ås, överförmyndarnämndens ordförande" },
		{ "eva.frid@example.se", "Eva Frid, frivårdschef" },
		{ "olof.nilsson@example.se", "Olof Nilsson, patientnämndens kanslichef" },
		{ MAJA, "Maja Öst, föreningens ordförande" },
	};

	*n = NPARTIES;
	return who;
}
