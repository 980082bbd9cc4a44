/*
 * bench_sign.c - signs and verifies N agreements (default 200) through the
 * engine calls the tool makes, and prints per-document medians.
 *
 * A fresh workspace in DIR gets the two Helsingborg parties, throwaway
 * demo certificates (overens/demo.h) whose CA it trusts, and N agreements taken
 * to phase signering (new, contact, two decisions, fields imported from
 * tests/fixtures/helsingborg.xml, needs, assignment).  Then, per agreement,
 * it times the first signature (which renders and tags the frozen text),
 * the second signature (an incremental update of that file) and the
 * verification of the fully signed PDF; every verification must succeed.
 * For comparison it also times a plain render of the agreement PDF.
 *
 * usage: bench_sign DIR [N]     (DIR must not exist)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "overens/agreement.h"
#include "overens/buf.h"
#include "overens/error.h"
#include "overens/render.h"
#include "overens/sign.h"
#include "overens/workspace.h"
#include "overens/demo.h"
#include "bench_common.h"

#define PASSWORD "bench"

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Sorts v (n > 0) and returns its median. */
static double median(double *v, size_t n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* One line of the report: median, and the fastest and slowest, in ms. */
static void report(const char *label, double *v, size_t n)
{
	double m = median(v, n);

	printf("  %-28s median %7.2f ms   min %7.2f   max %7.2f\n", label, m * 1e3, v[0] * 1e3,
	       v[n - 1] * 1e3);
}

int main(int argc, char **argv)
{
	static const ov_demo_signer signers[] = { { "Lars Öberg", LARS }, { "Per Ståhl", PER } };
	ov_workspace *ws = NULL;
	ov_buf fixture = OV_BUF_INIT, certs = OV_BUF_INIT, path = OV_BUF_INIT;
	ov_buf pem = OV_BUF_INIT, lars_p12 = OV_BUF_INIT, per_p12 = OV_BUF_INIT, pdf = OV_BUF_INIT;
	char **ids = NULL;
	double *t_first = NULL, *t_second = NULL, *t_verify = NULL, *t_render = NULL;
	double *sizes = NULL, t0;
	const char *dir = NULL;
	size_t n, i;

	if (argc < 2) {
		fprintf(stderr, "usage: bench_sign DIR [N]\n");
		return 2;
	}
	dir = argv[1];
	n = argc > 2 ? (size_t)strtoul(argv[2], NULL, 10) : 200;
	if (!n) {
		fprintf(stderr, "bench_sign: N must be at least 1\n");
		return 2;
	}
	ids = calloc(n, sizeof(*ids));
	t_first = calloc(n, sizeof(double));
	t_second = calloc(n, sizeof(double));
	t_verify = calloc(n, sizeof(double));
	t_render = calloc(n, sizeof(double));
	sizes = calloc(n, sizeof(double));
	if (!ids || !t_first || !t_second || !t_verify || !t_render || !sizes)
		bench_die(OV_ENOMEM, "out of memory");

	TRY(ov_buf_read_file(&fixture, OV_SOURCE_DIR "/tests/fixtures/helsingborg.xml"), "fixture");
	bench_workspace(&ws, dir);

	/* Demo certificates beside the workspace's repository, and trust in their CA. */
	ov_buf_printf(&certs, "%s/bench-certifikat", dir);
	if (mkdir(certs.ptr, 0700) < 0)
		bench_die(OV_ERROR, "cannot create the certificate folder");
	TRY(ov_demo_pki(certs.ptr, signers, 2, PASSWORD, (long long)time(NULL)), "certificates");
	ov_buf_printf(&path, "%s/demo-ca.pem", certs.ptr);
	TRY(ov_buf_read_file(&pem, path.ptr), "CA");
	TRY(ov_trust_add(ws, ASA, pem.ptr, pem.size, path.ptr), "trust");
	ov_buf_printf(&lars_p12, "%s/%s.p12", certs.ptr, LARS);
	ov_buf_printf(&per_p12, "%s/%s.p12", certs.ptr, PER);

	t0 = now_s();
	for (i = 0; i < n; i++)
		bench_to_signing(&ids[i], ws, &fixture, "2026-03-10", NULL);
	printf("%zu agreements taken to signering in %.1f s\n", n, now_s() - t0);

	t0 = now_s();
	for (i = 0; i < n; i++) {
		ov_sign_opts o;
		ov_verify_report *r = NULL;
		double t;

		memset(&o, 0, sizeof(o));
		o.password = PASSWORD;
		o.party = "krets";
		o.date = "2026-03-20";
		o.p12_path = lars_p12.ptr;
		t = now_s();
		TRY(ov_agreement_sign(NULL, ws, LARS, ids[i], &o), "sign krets");
		t_first[i] = now_s() - t;

		o.party = "kommun";
		o.date = "2026-03-24";
		o.p12_path = per_p12.ptr;
		t = now_s();
		TRY(ov_agreement_sign(NULL, ws, PER, ids[i], &o), "sign kommun");
		t_second[i] = now_s() - t;

		t = now_s();
		TRY(ov_verify(&r, ws, ids[i], NULL, 0, ids[i], NULL), "verify");
		t_verify[i] = now_s() - t;
		if (!r->ok || r->nsigs != 2)
			bench_die(OV_EVERIFY, r->nproblems ? r->problems[0] : "the agreement does not verify");
		ov_verify_report_free(r);

		ov_buf_clear(&pdf);
		TRY(ov_agreement_signed_pdf(&pdf, ws, ids[i]), "signed PDF");
		sizes[i] = (double)pdf.size;
	}
	for (i = 0; i < n; i++) {
		ov_render_opts ro = OV_RENDER_OPTS_INIT;
		double t;

		ro.version = 1;
		ov_buf_clear(&pdf);
		t = now_s();
		TRY(ov_render(&pdf, ws, ids[i], &ro), "render");
		t_render[i] = now_s() - t;
	}
	printf("%zu agreements signed twice and verified in %.1f s\n\n", n, now_s() - t0);
	printf("per document (%zu documents):\n", n);
	report("first signature (krets)", t_first, n);
	report("second signature (kommun)", t_second, n);
	report("verify (both signatures)", t_verify, n);
	report("render only, for comparison", t_render, n);
	printf("  %-28s median %7.0f KiB\n", "signed PDF size", median(sizes, n) / 1024);

	for (i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
	free(t_first);
	free(t_second);
	free(t_verify);
	free(t_render);
	free(sizes);
	ov_workspace_free(ws);
	ov_buf_dispose(&fixture);
	ov_buf_dispose(&certs);
	ov_buf_dispose(&path);
	ov_buf_dispose(&pem);
	ov_buf_dispose(&lars_p12);
	ov_buf_dispose(&per_p12);
	ov_buf_dispose(&pdf);
	return 0;
}
