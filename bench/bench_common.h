/*
 * bench_common.h - what the benchmarks share: the Helsingborg parties and
 * people, failing loudly, a monotonic clock, and taking an agreement to the
 * signing phase through the same engine calls the tool makes.
 */
#ifndef OV_BENCH_COMMON_H
#define OV_BENCH_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "overens/agreement.h"
#include "overens/buf.h"
#include "overens/error.h"
#include "overens/workspace.h"

#define KRETS "802002-8711"
#define KOMMUN "212000-0258"
#define ASA "asa.lindqvist@example.se"
#define LARS "lars.oberg@example.org"
#define PER "per.stahl@example.se"

static inline void bench_die(int err, const char *what)
{
	const ov_error *e = ov_error_last();

	fprintf(stderr, "bench: %s: %s (%d)\n", what, e ? e->message : "?", err);
	exit(1);
}

#define TRY(call, what) do { int e_ = (call); if (e_ < 0) bench_die(e_, what); } while (0)

static inline double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A new workspace in `dir` with both parties, their signatories and three people. */
static inline void bench_workspace(ov_workspace **ws, const char *dir)
{
	static const ov_param krets[] = { { "name", "Helsingborgs rödakorskrets" },
		{ "kind", "krets" }, { "orgnr", KRETS } };
	static const ov_param kommun[] = { { "name", "Helsingborgs stad" },
		{ "kind", "kommun" }, { "orgnr", KOMMUN } };

	TRY(ov_workspace_init(dir), "init");
	TRY(ov_workspace_open(ws, dir), "open");
	TRY(ov_org_add(*ws, ASA, krets, 3), "org");
	TRY(ov_org_add(*ws, ASA, kommun, 3), "org");
	TRY(ov_org_signatory(*ws, ASA, KRETS, "Lars Öberg", "Ordförande", LARS), "signatory");
	TRY(ov_org_signatory(*ws, ASA, KOMMUN, "Per Ståhl", "Förvaltningschef", PER), "signatory");
	TRY(ov_person_add(*ws, ASA, ASA, "Åsa Lindqvist", KOMMUN, "official"), "person");
	TRY(ov_person_add(*ws, ASA, LARS, "Lars Öberg", KRETS, "board signatory"), "person");
	TRY(ov_person_add(*ws, ASA, PER, "Per Ståhl", KOMMUN, "official signatory"), "person");
}

/*
 * A new agreement taken to phase signering on `date` (new, contact, two
 * decisions, the fields of tests/fixtures/helsingborg.xml imported, needs,
 * assignment: seven commits), starting on `start` (NULL: the fixture's).
 * *out receives its id; free().
 */
static inline void bench_to_signing(char **out, ov_workspace *ws, const ov_buf *fixture,
				    const char *date, const char *start)
{
	static const ov_param parties[] = { { "krets", KRETS }, { "kommun", KOMMUN } };
	static const ov_param contact[] = { { "with", "Karin Ek" } };
	static const ov_param dk[] = { { "party", "krets" }, { "minutes", "§ 12" } };
	static const ov_param dm[] = { { "party", "kommun" }, { "minutes", "§ 34" } };
	ov_buf doc = OV_BUF_INIT;
	char *id = NULL, *p;

	TRY(ov_agreement_create(&id, ws, ASA, "samverkansavtal", parties, 2, NULL, date), "new");
	TRY(ov_agreement_event(ws, ASA, id, "contact", contact, 1, date), "contact");
	TRY(ov_agreement_event(ws, LARS, id, "decide", dk, 2, date), "decide");
	TRY(ov_agreement_event(ws, ASA, id, "decide", dm, 2, date), "decide");
	TRY(ov_buf_put(&doc, fixture->ptr, fixture->size), "fixture");
	if (!(p = strstr(doc.ptr, "id=\"2026-0001\"")))
		bench_die(OV_EINVALID, "the fixture has no id=\"2026-0001\"");
	memcpy(p + 4, id, 9);
	if (start && (p = strstr(doc.ptr, "start=\"2026-04-01\"")) != NULL)
		memcpy(p + 7, start, 10);
	TRY(ov_agreement_import(ws, ASA, id, doc.ptr, doc.size, "helsingborg.xml", date), "import");
	TRY(ov_agreement_event(ws, ASA, id, "needs", NULL, 0, date), "needs");
	TRY(ov_agreement_event(ws, ASA, id, "assign", NULL, 0, date), "assign");
	ov_buf_dispose(&doc);
	*out = id;
}

#endif
