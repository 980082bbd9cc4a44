/*
 * bench_web_workspace.c - makes the workspace that scripts/bench-web.sh
 * serves: N agreements (default 10,000) spread over 40 kommuner with 25
 * kretsar each, so that one logged-in person sees a realistic share of
 * them, not all.
 *
 * Each organisation gets one person with role official, e-mail
 * official-<orgnr>@example.se.  Agreement i is made by the official of
 * kommun k for krets j = i mod 1000 (k = j / 25): every krets has N/1000
 * agreements and every kommun 25 times as many (250 at N = 10,000).
 * Agreements are only created (ov_agreement_create, one commit each); one
 * in five of the first 1,000 is taken on through contact and both
 * decisions so that pages show a history.  The Helsingborg parties and
 * people of bench_common.h are registered too, and the bench person (the
 * official of the first kommun) gets a password so the server can log
 * them in.
 *
 * On stdout: `person EMAIL`, `password PASSWORD`, `agreement ID` (one
 * the person takes part in that went furthest), `agreements N` and `own
 * M` (how many the person's kommun is party to), for the script to read.
 *
 * usage: bench_web_workspace DIR [N]     (DIR must not exist)
 */
#include "bench_common.h"
#include "overens/account.h"
#include "overens/organisation.h"
#include "overens/person.h"

#define KOMMUNER 40
#define KRETSAR_PER_KOMMUN 25
#define KRETSAR (KOMMUNER * KRETSAR_PER_KOMMUN)
#define PASSWORD "bench-web-losen"

/* An organisation number "PPPPP" + four digits of `seq` + the Luhn check digit. */
static void make_orgnr(char out[12], const char *prefix, int seq)
{
	char d[10];
	int i, sum = 0;

	snprintf(d, sizeof(d), "%.5s%04d", prefix, seq);
	for (i = 0; i < 9; i++) {
		int v = (d[i] - '0') * (i % 2 == 0 ? 2 : 1);
		sum += v > 9 ? v - 9 : v;
	}
	snprintf(out, 12, "%.6s-%.3s%d", d, d + 6, (10 - sum % 10) % 10);
}

static void kommun_orgnr(char out[12], int k)
{
	make_orgnr(out, "21210", k);
}

static void krets_orgnr(char out[12], int j)
{
	make_orgnr(out, "80210", j);
}

static void official_email(char *out, size_t size, const char *orgnr)
{
	snprintf(out, size, "official-%s@example.se", orgnr);
}

/* Registers one organisation and its official. */
static void add_org(ov_workspace *ws, const char *orgnr, const char *kind, const char *name)
{
	const ov_param org[] = { { "name", name }, { "kind", kind }, { "orgnr", orgnr } };
	char email[64], person[96];

	official_email(email, sizeof(email), orgnr);
	snprintf(person, sizeof(person), "Handläggare %s", name);
	TRY(ov_org_add(ws, ASA, org, 3), "org");
	TRY(ov_person_add(ws, ASA, email, person, orgnr, "official"), "person");
}

static void add_orgs(ov_workspace *ws)
{
	char orgnr[12], name[64];
	int k, j;

	for (k = 0; k < KOMMUNER; k++) {
		kommun_orgnr(orgnr, k);
		snprintf(name, sizeof(name), "Kommun nr %d", k + 1);
		add_org(ws, orgnr, "kommun", name);
	}
	for (j = 0; j < KRETSAR; j++) {
		krets_orgnr(orgnr, j);
		snprintf(name, sizeof(name), "Rödakorskrets nr %d", j + 1);
		add_org(ws, orgnr, "krets", name);
	}
}

/* Contact and both parties' decisions: phase beslut and on to behov. */
static void take_further(ov_workspace *ws, const char *id, const char *kommun,
			 const char *krets, const char *date)
{
	static const ov_param contact[] = { { "with", "Karin Ek" } };
	static const ov_param dk[] = { { "party", "krets" }, { "minutes", "§ 12" } };
	static const ov_param dm[] = { { "party", "kommun" }, { "minutes", "§ 34" } };

	TRY(ov_agreement_event(ws, kommun, id, "contact", contact, 1, date), "contact");
	TRY(ov_agreement_event(ws, krets, id, "decide", dk, 2, date), "decide");
	TRY(ov_agreement_event(ws, kommun, id, "decide", dm, 2, date), "decide");
}

/* Agreement i (see the top of the file); *out receives its id; free(). */
static void make_agreement(char **out, ov_workspace *ws, int i, int n)
{
	char kommun[12], krets[12], kommun_mail[64], krets_mail[64], date[11];
	ov_param parties[2] = { { "krets", krets }, { "kommun", kommun } };
	int j = i % KRETSAR;

	krets_orgnr(krets, j);
	kommun_orgnr(kommun, j / KRETSAR_PER_KOMMUN);
	official_email(kommun_mail, sizeof(kommun_mail), kommun);
	official_email(krets_mail, sizeof(krets_mail), krets);
	/* Two years, so that no year needs more than four-digit ids. */
	snprintf(date, sizeof(date), "%d-%02u-%02u", i < n / 2 ? 2025 : 2026,
		 (unsigned)i % 12 + 1, (unsigned)i % 28 + 1);
	TRY(ov_agreement_create(out, ws, kommun_mail, "samverkansavtal", parties, 2, NULL, date),
	    "new");
	if (i < KRETSAR && i % 5 == 0)
		take_further(ws, *out, kommun_mail, krets_mail, date);
}

int main(int argc, char **argv)
{
	ov_workspace *ws = NULL;
	char kommun[12], person[64], *first = NULL;
	int n, i, own = 0;
	double t0;

	if (argc < 2) {
		fprintf(stderr, "usage: bench_web_workspace DIR [N]\n");
		return 2;
	}
	n = argc > 2 ? atoi(argv[2]) : 10000;
	if (n < 1 || n > 19998) {
		fprintf(stderr, "bench_web_workspace: N must be 1 to 19998\n");
		return 2;
	}
	t0 = now_s();
	bench_workspace(&ws, argv[1]);
	add_orgs(ws);
	kommun_orgnr(kommun, 0);
	official_email(person, sizeof(person), kommun);
	TRY(ov_account_set_password(ws, person, PASSWORD), "password");
	fprintf(stderr, "%d organisations and people, %.1f s\n", 2 + KOMMUNER + KRETSAR,
		now_s() - t0);
	for (i = 0; i < n; i++) {
		char *id = NULL;

		make_agreement(&id, ws, i, n);
		own += i % KRETSAR < KRETSAR_PER_KOMMUN;
		if (i == 0)
			first = id;
		else
			free(id);
		if ((i + 1) % 1000 == 0)
			fprintf(stderr, "%d agreements, %.1f s\n", i + 1, now_s() - t0);
	}
	printf("person %s\npassword %s\nagreement %s\nagreements %d\nown %d\n", person, PASSWORD,
	       first, n, own);
	fprintf(stderr, "done in %.1f s\n", now_s() - t0);
	free(first);
	ov_workspace_free(ws);
	return 0;
}
