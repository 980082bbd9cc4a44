/*
 * bench_lifecycle.c - fills a workspace with N agreements, each taken
 * through a full lifecycle (new, contact, two decisions, fields imported,
 * needs, assignment, two signatures, follow-up: 10 commits each), through
 * the same engine calls the tool makes.  Then time `overens reindex`,
 * `list` and `due` with scripts/bench-lifecycle.sh.
 *
 * After every thousand agreements (every tenth of N when N is smaller) it
 * prints the time per commit in that stretch and the repository's size on
 * disk and file count, which show whether writes stay flat as the history
 * grows (a write packs the loose objects by itself past gc.auto).
 *
 * usage: bench_lifecycle DIR [N]
 */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "bench_common.h"

static unsigned long long tree_bytes, tree_files;

static int add_file(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)path;
	(void)ftw;
	if (flag == FTW_F) {
		tree_bytes += (unsigned long long)st->st_blocks * 512;
		tree_files++;
	}
	return 0;
}

/* The repository's size on disk (blocks) and its number of files. */
static void repo_size(const char *dir, double *mb, unsigned long long *files)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/repo.git", dir);
	tree_bytes = tree_files = 0;
	nftw(path, add_file, 32, FTW_PHYS);
	*mb = (double)tree_bytes / (1024.0 * 1024.0);
	*files = tree_files;
}

/* CPU time of this process so far (user and system), in seconds. */
static double cpu_s(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	       (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

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
	int n, i, step;
	double t0, t_step, c_step;

	if (argc < 2) {
		fprintf(stderr, "usage: bench_lifecycle DIR [N]\n");
		return 2;
	}
	dir = argv[1];
	n = argc > 2 ? atoi(argv[2]) : 10000;
	TRY(ov_buf_read_file(&fixture, OV_SOURCE_DIR "/tests/fixtures/helsingborg.xml"), "fixture");
	bench_workspace(&ws, dir);
	step = n >= 10000 ? 1000 : n >= 10 ? n / 10 : 1;
	t0 = t_step = now_s();
	c_step = cpu_s();
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
		if ((i + 1) % step == 0) {
			double mb, t = now_s(), c = cpu_s();
			unsigned long long files;

			repo_size(dir, &mb, &files);
			printf("%6d agreements: %6.2f ms per commit (%5.2f ms CPU) in the last %d, "
			       "repository %.1f MB in %llu files\n", i + 1,
			       (t - t_step) * 1000.0 / (step * 10.0),
			       (c - c_step) * 1000.0 / (step * 10.0), step, mb, files);
			fflush(stdout);
			t_step = now_s();
			c_step = cpu_s();
		}
	}
	printf("created %d agreements (10 commits each) in %.1f s, %.2f ms per commit\n", n,
	       now_s() - t0, (now_s() - t0) * 1000.0 / (n * 10.0));
	ov_workspace_free(ws);
	ov_buf_dispose(&fixture);
	return 0;
}
