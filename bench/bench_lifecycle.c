/*
 * bench_lifecycle.c - fills a workspace with N agreements, each taken
 * through a full lifecycle (new, contact, two decisions, fields imported,
 * needs, assignment, two signatures, follow-up: 10 commits each), through
 * the same engine calls the tool makes.  Then time `overens reindex`,
 * `list` and `due` with scripts/bench-lifecycle.sh.
 *
 * usage: bench_lifecycle DIR [N]
 */
#include "bench_common.h"

int main(int argc, char **argv)
{
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
	bench_workspace(&ws, dir);
	t0 = now_s();
	for (i = 0; i < n; i++) {
		char *id = NULL;
		/* Spread start dates over two years so `due` has something to find. */
		char start[11], date[11];
		int m = i % 24;
		snprintf(date, sizeof(date), "%04d-%02d-10", 2025 + m / 12, m % 12 + 1);
		snprintf(start, sizeof(start), "%04d-%02d-01", 2025 + (m + 2) / 12, (m + 2) % 12 + 1);
		bench_to_signing(&id, ws, &fixture, date, start);
		TRY(ov_agreement_event(ws, LARS, id, "sign", sk, 1, date), "sign");
		TRY(ov_agreement_event(ws, PER, id, "sign", sm, 1, date), "sign");
		TRY(ov_agreement_event(ws, ASA, id, "followup", fu, 7, date), "followup");
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
