/*
 * bench_render.c - how long one document takes in-process: the agreement
 * XML through a document template (XSLT) into layout, the layout checked
 * against templates/layout.rng, and the layout drawn as a PDF.
 *
 *   bench_render [-n RUNS] [--data DIR] [--doc KIND] [--fixture FILE.xml]
 *                [--layout FILE.xml] [-o FILE.pdf]
 *
 * Defaults: 200 runs of templates/agreement.xsl on
 * tests/fixtures/helsingborg.xml.  --layout skips the template and draws a
 * layout file directly.  The data folder is --data, else $OVERENS_DATA,
 * else the source tree this program was built from.
 *
 * The stylesheet is compiled once (the first document's time, which includes
 * that and loading the fonts' first use, is reported apart); every run then
 * parses the agreement, transforms, validates and renders, and the median,
 * minimum and maximum of each stage are printed in milliseconds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "overens/lazy_xslt.h"

#include "overens/buf.h"
#include "overens/error.h"
#include "engine/documents/pdf.h"
#include "engine/base/xmlsafe.h"

enum { ST_PARSE, ST_XSLT, ST_RNG, ST_PDF, ST_TOTAL, ST_COUNT };

static const char *const stage_names[ST_COUNT] = {
	"parse XML", "template (XSLT)", "layout.rng", "PDF (libharu)", "whole document"
};

typedef struct bench {
	const char *data, *doc, *fixture, *layout_file, *out;
	int runs;
	ov_buf templates, sheet_path, rng_path, fixture_path;
	xsltStylesheetPtr sheet;
	ov_buf input;        /* the agreement (or layout) XML */
	ov_buf pdf;          /* the last PDF */
} bench;

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static int fail(const char *what)
{
	const ov_error *e = ov_error_last();

	fprintf(stderr, "bench_render: %s: %s\n", what, e ? e->message : "failed");
	return 1;
}

#ifndef OV_SOURCE_DIR
#define OV_SOURCE_DIR "."
#endif

/* One document: times[] gets each stage's milliseconds. */
static int render_once(bench *b, double *times)
{
	xmlDocPtr in = NULL, layout = NULL;
	double t0, t1;
	int err;

	ov_buf_clear(&b->pdf);
	t0 = now_ms();
	if ((err = ov_xml_parse_memory(&in, b->input.ptr, b->input.size,
				       b->layout_file ? b->layout_file : b->fixture_path.ptr)) < 0)
		goto done;
	t1 = now_ms();
	times[ST_PARSE] = t1 - t0;
	if (b->layout_file) {
		layout = in;
		in = NULL;
		times[ST_XSLT] = 0;
	} else {
		if ((err = ov_xslt_apply(&layout, b->sheet, in, NULL)) < 0)
			goto done;
		times[ST_XSLT] = now_ms() - t1;
	}
	t1 = now_ms();
	if ((err = ov_rng_validate(layout, b->rng_path.ptr, "layout")) < 0)
		goto done;
	times[ST_RNG] = now_ms() - t1;
	t1 = now_ms();
	if ((err = ov_pdf_render(&b->pdf, layout, NULL, NULL, NULL)) < 0)
		goto done;
	times[ST_PDF] = now_ms() - t1;
	times[ST_TOTAL] = now_ms() - t0;
done:
	xmlFreeDoc(in);
	xmlFreeDoc(layout);
	return err;
}

/* Pages in a PDF of ours: page objects are never inside compressed streams. */
static int count_pages(const ov_buf *pdf)
{
	static const char key[] = "/Type /Page";
	const size_t klen = sizeof(key) - 1;
	int n = 0;

	for (size_t i = 0; i + klen <= pdf->size; i++)
		if (!memcmp(pdf->ptr + i, key, klen) &&
		    (i + klen == pdf->size || pdf->ptr[i + klen] != 's'))
			n++;
	return n;
}

static int usage(void)
{
	fprintf(stderr, "usage: bench_render [-n RUNS] [--data DIR] [--doc KIND] "
		"[--fixture FILE.xml] [--layout FILE.xml] [-o FILE.pdf]\n");
	return 2;
}

static int parse_args(bench *b, int argc, char **argv)
{
	for (int i = 1; i < argc; i += 2) {
		const char *s = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(s, "-h") || !strcmp(s, "--help"))
			return usage();
		if (!v)
			return usage();
		if (!strcmp(s, "-n") || !strcmp(s, "--runs")) {
			char *end = NULL;
			long n = strtol(v, &end, 10);
			if (!*v || *end || n < 1 || n > 1000000)
				return usage();
			b->runs = (int)n;
		} else if (!strcmp(s, "--data")) {
			b->data = v;
		} else if (!strcmp(s, "--doc")) {
			b->doc = v;
		} else if (!strcmp(s, "--fixture")) {
			b->fixture = v;
		} else if (!strcmp(s, "--layout")) {
			b->layout_file = v;
		} else if (!strcmp(s, "-o") || !strcmp(s, "--output")) {
			b->out = v;
		} else {
			return usage();
		}
	}
	return 0;
}

static void print_stats(double *all, int runs, int stage)
{
	double *v = malloc(sizeof(double) * (size_t)runs);

	if (!v)
		return;
	for (int i = 0; i < runs; i++)
		v[i] = all[i * ST_COUNT + stage];
	qsort(v, (size_t)runs, sizeof(double), cmp_double);
	printf("  %-16s %9.3f %9.3f %9.3f\n", stage_names[stage],
	       runs % 2 ? v[runs / 2] : (v[runs / 2 - 1] + v[runs / 2]) / 2, v[0], v[runs - 1]);
	free(v);
}

int main(int argc, char **argv)
{
	bench b;
	double first[ST_COUNT], t0, load_ms = 0, *times = NULL;
	int rc = 1, err;

	memset(&b, 0, sizeof(b));
	b.runs = 200;
	b.doc = "agreement";
	if ((rc = parse_args(&b, argc, argv)))
		return rc;
	rc = 1;
	if (!b.data || !*b.data)
		b.data = getenv("OVERENS_DATA");
	if (!b.data || !*b.data)
		b.data = OV_SOURCE_DIR;
	ov_xml_init();
	ov_buf_printf(&b.templates, "%s/templates", b.data);
	ov_buf_printf(&b.sheet_path, "%s/templates/%s.xsl", b.data, b.doc);
	ov_buf_printf(&b.rng_path, "%s/templates/layout.rng", b.data);
	if (b.fixture)
		ov_buf_puts(&b.fixture_path, b.fixture);
	else
		ov_buf_printf(&b.fixture_path, "%s/tests/fixtures/helsingborg.xml", b.data);
	if ((err = ov_buf_read_file(&b.input, b.layout_file ? b.layout_file : b.fixture_path.ptr)) < 0) {
		rc = fail("input");
		goto done;
	}
	times = calloc((size_t)b.runs * ST_COUNT, sizeof(double));
	if (!times) {
		fprintf(stderr, "bench_render: out of memory\n");
		goto done;
	}

	/* The first document, with the stylesheet compiled and the schema loaded. */
	t0 = now_ms();
	if (!b.layout_file) {
		if ((err = ov_xslt_allow_dir(b.templates.ptr)) < 0 ||
		    (err = ov_xslt_load(&b.sheet, b.sheet_path.ptr)) < 0) {
			rc = fail(b.sheet_path.ptr);
			goto done;
		}
	}
	load_ms = now_ms() - t0;
	if ((err = render_once(&b, first)) < 0) {
		rc = fail("first document");
		goto done;
	}
	first[ST_TOTAL] += load_ms;

	for (int i = 0; i < b.runs; i++)
		if ((err = render_once(&b, &times[i * ST_COUNT])) < 0) {
			rc = fail("document");
			goto done;
		}
	if (b.out && (err = ov_write_file_atomic(b.out, b.pdf.ptr, b.pdf.size)) < 0) {
		rc = fail(b.out);
		goto done;
	}

	if (b.layout_file)
		printf("bench_render: layout %s, %d runs\n", b.layout_file, b.runs);
	else
		printf("bench_render: templates/%s.xsl on %s, %d runs\n", b.doc,
		       b.fixture_path.ptr, b.runs);
	printf("  PDF: %d pages, %zu bytes\n", count_pages(&b.pdf), b.pdf.size);
	printf("  %-16s %9s %9s %9s   (ms)\n", "stage", "median", "min", "max");
	for (int s = 0; s < ST_COUNT; s++)
		if (s != ST_XSLT || !b.layout_file)
			print_stats(times, b.runs, s);
	printf("  first document (stylesheet compiled, schema and fonts loaded): %.3f ms\n",
	       first[ST_TOTAL]);
	rc = 0;
done:
	if (b.sheet)
		xsltFreeStylesheet(b.sheet);
	free(times);
	ov_buf_dispose(&b.templates);
	ov_buf_dispose(&b.sheet_path);
	ov_buf_dispose(&b.rng_path);
	ov_buf_dispose(&b.fixture_path);
	ov_buf_dispose(&b.input);
	ov_buf_dispose(&b.pdf);
	xsltCleanupGlobals();
	xmlCleanupParser();
	return rc;
}
