/*
 * fuzz_agreement.c - a libFuzzer harness for the agreement import
 * (`overens import ID FILE.xml`, ov_agreement_import_doc in
 * engine/lifecycle/agreement_io.c): the file comes from outside, edited by
 * hand or by another program.  Each input is taken as that file and
 * imported into a fresh copy of an agreement as `overens new` writes it
 * (2026-0001, samverkansavtal with the subject anhorigstod, merged and
 * expanded as the loader does): safe XML parse, templates/agreement.rng,
 * the id, then every declared field the file fills is read (the field
 * paths and value checks of agreement.c) and set, list fields item by
 * item.  What import does next to an imported document is done too: the
 * dates are computed, the document put in the schema's order and
 * validated as before saving.  An import that reports changes must have
 * listed each of them.
 *
 * Everything is freed and the thread's error cleared.  Built with
 * -DOV_FUZZ=ON (clang, libFuzzer) or, for replaying a corpus, with
 * tests/fuzz/replay.c in every build (tests/CMakeLists.txt).
 */
#include <libxml/tree.h>

#include "fuzz_common.h"
#include "engine/base/xmlsafe.h"
#include "engine/lifecycle/agreement.h"
#include "engine/lifecycle/engine.h"
#include "engine/lifecycle/workflow.h"

static char *agreement_rng;
static xmlDocPtr base;
static ov_workflow *wf;

/* Reads and checks a definition from the data folder (dies when it cannot). */
static xmlDocPtr read_definition(const char *rel, const char *rng_rel)
{
	ov_buf b = OV_BUF_INIT;
	char *path = fuzz_data_path(rel), *rng = fuzz_data_path(rng_rel);
	xmlDocPtr doc = NULL;

	if (ov_buf_read_file(&b, path) < 0 ||
	    ov_xml_parse_memory(&doc, b.ptr, b.size, path) < 0 ||
	    ov_rng_validate(doc, rng, path) < 0) {
		fprintf(stderr, "fuzz_agreement: %s\n", ov_error_last()->message);
		exit(2);
	}
	ov_buf_dispose(&b);
	free(path);
	free(rng);
	return doc;
}

static void setup(void)
{
	const char *a = fuzz_base_agreement();
	xmlDocPtr wdoc, subj;

	if (wf)
		return;
	ov_xml_init();
	agreement_rng = fuzz_data_path("templates/agreement.rng");
	wdoc = read_definition("workflows/samverkansavtal.xml", "workflows/workflow.rng");
	subj = read_definition("workflows/subjects/anhorigstod.xml", "workflows/subject.rng");
	if (ov_xml_parse_memory(&base, a, strlen(a), "agreement.xml") < 0 ||
	    ov_subject_merge(wdoc, subj, "anhorigstod.xml") < 0 ||
	    ov_workflow_expand_parties(wdoc, base) < 0 ||
	    ov_workflow_from_doc(&wf, wdoc, "samverkansavtal.xml") < 0) {
		fprintf(stderr, "fuzz_agreement: %s\n", ov_error_last()->message);
		exit(2);
	}
	xmlFreeDoc(subj);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ov_buf changes = OV_BUF_INIT;
	xmlDocPtr doc;
	size_t n = 0, lines = 0;

	setup();
	if (!(doc = xmlCopyDoc(base, 1)))
		return 0;
	if (ov_agreement_import_doc(&n, &changes, doc, wf, "2026-0001", (const char *)data, size,
				    "import.xml", agreement_rng) == OV_OK) {
		for (size_t i = 0; i < changes.size; i++)
			lines += changes.ptr[i] == '\n';
		if (n == 0 || lines != n)
			abort();   /* each change is reported on its own line */
		if (ov_agreement_compute_dates(doc, wf) == OV_OK) {
			ov_agreement_normalize(doc);
			ov_rng_validate(doc, agreement_rng, "agreement.xml");
		}
	}
	ov_error_clear();
	ov_buf_dispose(&changes);
	xmlFreeDoc(doc);
	return 0;
}
