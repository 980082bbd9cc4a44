/*
 * bench_lifecycle.c - fills a workspace with N agreements, each taken
 * through a full lifecycle (new, contact, two decisions, fields imported,
 * needs, assignment, two signatures, follow-up: 10 commits each), through
 * the same engine calls the tool makes.  Then time `overens reindex`,
 * `list` and `due` with scripts/bench-lifecycle.sh.
 *
 * usage: bench_lifecycle DIR [N]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "overens/agreement.h"
#include "overens/buf.h"
#include "overens/error.h"

#define KRETS "802002-8711"
#define KOMMUN "212000-0258"
#define ASA "asa.lindqvist@example.se"
#define LARS "lars.oberg@example.org"
#define PER "per.stahl@example.se"

static void die(int err, const char *what)
{
	const ov_error *e = ov_error_last();

	fprintf(stderr, "bench: %s: %s (%d)\n", what, e ? e->message : "?", err);
	exit(1);
}

#define TRY(call, what) do { int e_ = (call); if (e_ < 0) die(e_, what); } while (0)

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	static const ov_param krets[] = { { "name", "Helsingborgs rödakorskrets" },
		{ "kind", "krets" }, { "orgnr", KRETS } };
	static const ov_param kommun[] = { { "name", "Helsingborgs stad" },
		{ "kind", "kommun" }, { "orgnr", KOMMUN } };
	static const ov_param parties[] = { { "krets", KRETS }, { "kommun", KOMMUN } };
	static const ov_param contact[] = { { "with", "Karin Ek" } };
	static const ov_param dk[] = { { "party", "krets" }, { "minutes", "§ 12" } };
	static const ov_param dm[] = { { "party", "kommun" }, { "minutes", "§ 34" } };
	static const ov_param sk[] = { { "party", "krets" } };
	static const ov_param sm[] = { { "party", "kommun" } };
	static const ov_param fu[] = { { "decision", "continue" },
		{ "answer.andra", "Nej" }, { "answer.fortsatta", "Ja" }, { "answer.malgrupp", "Ja" },
		{ "answer.mal", "Ja" }, { "answer.volontarer", "Ja" }, { "answer.utbildning", "Nej" } };
	ov_workspace *ws = NULL;
	ov_buf fixture = OV_BUF_INIT;
	const char *dir;
	int n, i;
	double t0;

	if (argc < 2) {
		fprintf(stderr, "usage: bench_lifecycle DIR [N]\n");
		return 2;
	}
	dir = argv[1];
	n = argc > 2 ? atoi(argv[2]) : 10000;
	TRY(ov_buf_read_file(&fixture, OV_SOURCE_DIR "/tests/fixtures/helsingborg.xml"), "fixture");
	TRY(ov_workspace_init(dir), "init");
	TRY(ov_workspace_open(&ws, dir), "open");
	TRY(ov_org_add(ws, ASA, krets, 3), "org");
	TRY(ov_org_add(ws, ASA, kommun, 3), "org");
	TRY(ov_org_signatory(ws, ASA, KRETS, "Lars Öberg", "Ordförande", LARS), "signatory");
	TRY(ov_org_signatory(ws, ASA, KOMMUN, "Per Ståhl", "Förvaltningschef", PER), "signatory");
	TRY(ov_person_add(ws, ASA, ASA, "Åsa Lindqvist", KOMMUN, "official"), "person");
	TRY(ov_person_add(ws, ASA, LARS, "Lars Öberg", KRETS, "board signatory"), "person");
	TRY(ov_person_add(ws, ASA, PER, "Per Ståhl", KOMMUN, "official signatory"), "person");
	t0 = now_s();
	for (i = 0; i < n; i++) {
		char *id = NULL, *p;
		ov_buf doc = OV_BUF_INIT;
		/* Spread start dates over two years so `due` has something to find. */
		char start[11], date[11];
		int m = i % 24;
		snprintf(date, sizeof(date), "%04d-%02d-10", 2025 + m / 12, m % 12 + 1);
		snprintf(start, sizeof(start), "%04d-%02d-01", 2025 + (m + 2) / 12, (m + 2) % 12 + 1);
		TRY(ov_agreement_create(&id, ws, ASA, "samverkansavtal", parties, 2, NULL, date), "new");
		TRY(ov_agreement_event(ws, ASA, id, "contact", contact, 1, date), "contact");
		TRY(ov_agreement_event(ws, LARS, id, "decide", dk, 2, date), "decide");
		TRY(ov_agreement_event(ws, ASA, id, "decide", dm, 2, date), "decide");
		ov_buf_put(&doc, fixture.ptr, fixture.size);
		p = strstr(doc.ptr, "id=\"2026-0001\"");
		memcpy(p + 4, id, 9);
		p = strstr(doc.ptr, "start=\"2026-04-01\"");
		memcpy(p + 7, start, 10);
		TRY(ov_agreement_import(ws, ASA, id, doc.ptr, doc.size, "bench.xml", date), "import");
		TRY(ov_agreement_event(ws, ASA, id, "needs", NULL, 0, date), "needs");
		TRY(ov_agreement_event(ws, ASA, id, "assign", NULL, 0, date), "assign");
		TRY(ov_agreement_event(ws, LARS, id, "sign", sk, 1, date), "sign");
		TRY(ov_agreement_event(ws, PER, id, "sign", sm, 1, date), "sign");
		TRY(ov_agreement_event(ws, ASA, id, "followup", fu, 7, date), "followup");
		ov_buf_dispose(&doc);
		free(id);
		if ((i + 1) % 500 == 0)
			fprintf(stderr, "%d agreements, %.1f s\n", i + 1, now_s() - t0);
	}
	printf("created %d agreements (10 commits each) in %.1f s, %.2f ms per commit\n", n,
	       now_s() - t0, (now_s() - t0) * 1000.0 / (n * 10.0));
	ov_workspace_free(ws);
	ov_buf_dispose(&fixture);
	return 0;
}
