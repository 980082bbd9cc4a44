/*
 * fuzz_pdf.c - a libFuzzer harness for the PDF reader (engine/signing/pdfparse.c)
 * and the two readers built on it that see files from outside
 * (engine/signing/pdfverify.c): each input is taken as a PDF file and read every
 * way the tool reads one:
 *
 *   1. ov_pdf_verify without a trust store, with an empty one, and as
 *      `overens verify` calls it, with a trust store that holds the CA of
 *      the signed seeds (the *.pem files in $OV_FUZZ_TRUST, written by
 *      tests/fuzz/make-corpus.sh), so that the chain, signing-time and
 *      certificate checks run to their end on the mutated signatures; a
 *      report's signatures must lie inside the file;
 *   2. ov_pdf_embedded_file, the first file and one by name, and the file
 *      parsed as XML the way the verifier reads the embedded agreement;
 *   3. ov_pdf_doc_open, then the catalog, the page list, the revisions, and
 *      every object of the cross-reference table (also those in object
 *      streams): parsed, written back, cloned, its strings decoded as
 *      text, and every stream decoded (the document's budgets bound the
 *      work);
 *   4. ov_pdf_parse_object over the input as a sequence of objects, and
 *      ov_pdf_inflate over the input as zlib data.
 *
 * Every result is freed and the thread's last error cleared, so that a
 * leak or a read out of bounds anywhere is the sanitizers' finding.  Built
 * with -DOV_FUZZ=ON and clang (CMakeLists.txt), run by scripts/test.sh on
 * a corpus made by tests/fuzz/make-corpus.sh; the corpus is replayed in
 * every build through tests/fuzz/replay.c (tests/CMakeLists.txt).
 *
 * The rest of `overens verify` (ov_verify) compares what the PDF says with
 * the workspace's git history; that part reads nothing but the signature
 * report and the embedded XML checked here.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "overens/lazy_crypto.h"
#include "overens/buf.h"
#include "overens/error.h"
#include "engine/base/xmlsafe.h"
#include "engine/signing/pdfparse.h"
#include "engine/signing/pdfsign.h"
#include "engine/signing/x509util.h"

/* Ceiling for one decoded stream here (the document's budget still applies). */
#define FUZZ_MAX_STREAM ((size_t)8 << 20)
/* Objects read by ov_pdf_parse_object from one input. */
#define FUZZ_MAX_OBJECTS 1000

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The trust store of $OV_FUZZ_TRUST, made once; NULL when not set. */
static X509_STORE *trust_store(void)
{
	static X509_STORE *trust;
	static int tried;
	const char *dir = getenv("OV_FUZZ_TRUST");

	if (!tried && dir && *dir && ov_x509_store_from_dir(&trust, dir) < 0) {
		fprintf(stderr, "fuzz_pdf: OV_FUZZ_TRUST: %s\n", ov_error_last()->message);
		exit(2);
	}
	tried = 1;
	return trust;
}

static void verify_with(const char *pdf, size_t len, X509_STORE *store)
{
	ov_pdf_report *r = NULL;

	if (ov_pdf_verify(&r, pdf, len, store) == OV_OK) {
		for (size_t i = 0; i < r->nsigs; i++) {
			const ov_sig_info *s = &r->sigs[i];
			if (s->revision_end > len || (s->total && s->range_end != len))
				abort();   /* revisions and whole-file ranges end in the file */
		}
		ov_pdf_report_free(r);
	}
	ov_error_clear();
}

static void read_verify(const char *pdf, size_t len)
{
	static X509_STORE *empty;

	if (!empty)
		empty = X509_STORE_new();
	verify_with(pdf, len, NULL);
	if (empty)
		verify_with(pdf, len, empty);
	if (trust_store())
		verify_with(pdf, len, trust_store());
}

static void read_embedded(const char *pdf, size_t len)
{
	ov_buf out = OV_BUF_INIT;

	xmlDocPtr doc = NULL;

	if (ov_pdf_embedded_file(&out, pdf, len, NULL) == OV_OK &&
	    ov_xml_parse_memory(&doc, out.ptr, out.size, "agreement.xml") == OV_OK)
		xmlFreeDoc(doc);
	ov_error_clear();
	ov_buf_clear(&out);
	ov_pdf_embedded_file(&out, pdf, len, "agreement.xml");
	ov_buf_dispose(&out);
	ov_error_clear();
}

/* Writes, clones and text-decodes one object (not a stream). */
static void use_object(const ov_pdf_obj *obj)
{
	ov_buf b = OV_BUF_INIT;
	ov_pdf_obj *copy = NULL;
	char *text = NULL;

	if (obj->type != OV_PDF_STREAM)
		ov_pdf_obj_write(&b, obj);
	if (ov_pdf_obj_clone(&copy, obj) == OV_OK)
		ov_pdf_obj_free(copy);
	if (obj->type == OV_PDF_STRING && ov_pdf_text_to_utf8(&text, obj) == OV_OK)
		free(text);
	ov_buf_dispose(&b);
	ov_error_clear();
}

static void read_document(const char *pdf, size_t len)
{
	ov_pdf_doc *doc = NULL;
	ov_pdf_obj *cat = NULL, *obj = NULL;
	ov_buf out = OV_BUF_INIT;
	long long *pages = NULL, num;
	const ov_pdf_revision *revs;
	size_t npages = 0, nrevs = 0, i, off, objs, parsed, decoded;
	int gen, used;

	if (ov_pdf_doc_open(&doc, pdf, len) < 0) {
		ov_error_clear();
		return;
	}
	revs = ov_pdf_doc_revisions(doc, &nrevs);
	if (nrevs && (revs[nrevs - 1].end > len || ov_pdf_doc_startxref(doc) >= len))
		abort();   /* the reader promised offsets inside the file */
	use_object(ov_pdf_doc_trailer(doc));
	if (ov_pdf_doc_catalog(&cat, doc) == OV_OK)
		use_object(cat);
	if (ov_pdf_doc_pages(&pages, &npages, doc) == OV_OK)
		free(pages);
	ov_error_clear();
	for (i = 0; i < ov_pdf_doc_count(doc); i++) {
		if (ov_pdf_doc_entry(doc, i, &num, &off, &gen, &used) < 0 || !used)
			continue;
		if (ov_pdf_doc_locate(&off, &gen, doc, num) < 0 || off >= len)
			abort();   /* an in-use entry the reader cannot locate */
		if (ov_pdf_doc_get(&obj, doc, num) < 0) {
			ov_error_clear();
			continue;
		}
		use_object(obj);
		if (obj->type == OV_PDF_STREAM) {
			if (obj->data_off > len || obj->data_len > len - obj->data_off)
				abort();   /* stream data outside the file */
			ov_buf_clear(&out);
			ov_pdf_stream_decode(&out, doc, obj, FUZZ_MAX_STREAM);
			ov_error_clear();
		}
	}
	ov_pdf_doc_usage(doc, &objs, &parsed, &decoded);
	if (decoded > ov_pdf_decode_budget(len) + 1)
		abort();   /* the decode budget did not hold */
	ov_buf_dispose(&out);
	ov_pdf_doc_free(doc);
	ov_error_clear();
}

static void read_objects(const char *pdf, size_t len)
{
	ov_pdf_obj *obj = NULL;
	ov_buf out = OV_BUF_INIT;
	size_t pos = 0;
	int n;

	for (n = 0; n < FUZZ_MAX_OBJECTS && pos < len; n++) {
		size_t before = pos;

		if (ov_pdf_parse_object(&obj, pdf, len, &pos) < 0)
			break;
		if (pos <= before || pos > len)
			abort();   /* the parser must move forward inside the data */
		use_object(obj);
		ov_pdf_obj_free(obj);
		obj = NULL;
	}
	ov_error_clear();
	if (ov_pdf_inflate(&out, pdf, len, (size_t)1 << 20) == OV_OK &&
	    out.size > (size_t)1 << 20)
		abort();   /* the ceiling did not hold */
	ov_buf_dispose(&out);
	ov_error_clear();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *pdf = (const char *)data;

	read_verify(pdf, size);
	read_embedded(pdf, size);
	read_document(pdf, size);
	read_objects(pdf, size);
	ov_error_clear();
	return 0;
}
