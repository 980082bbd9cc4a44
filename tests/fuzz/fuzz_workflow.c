/*
 * fuzz_workflow.c - a libFuzzer harness for the workflow loader
 * (engine/lifecycle/workflow.c, subject.c and the steps of workflow_load.c
 * after the file is read): definitions come from the data folder or from
 * a workspace's repository, where anyone with push access can put one.
 * Each input is read two ways:
 *
 *   1. as a workflow definition: ov_workflow_parse (safe XML parse,
 *      workflow.rng, party expansion, then the semantic checks: periods,
 *      schedules, phases, steps, XPath guards); a definition that loads is
 *      walked: every phase and step is found again by its name, the close
 *      step, follow-up schedules and party rules are looked up;
 *   2. as a subject (workflows/subjects/): checked against subject.rng,
 *      merged into samverkansavtal as the loader does (ov_subject_merge),
 *      expanded for a two-party agreement and built (ov_workflow_from_doc).
 *
 * Everything is freed and the thread's error cleared.  Built with
 * -DOV_FUZZ=ON (clang, libFuzzer) or, for replaying a corpus, with
 * tests/fuzz/replay.c in every build (tests/CMakeLists.txt).
 */
#include <libxml/tree.h>

#include "fuzz_common.h"
#include "engine/base/xmlsafe.h"
#include "engine/lifecycle/workflow.h"

static char *workflow_rng, *subject_rng;
static xmlDocPtr base_workflow, agreement;

static void setup(void)
{
	ov_buf b = OV_BUF_INIT;
	char *path;
	const char *a = fuzz_base_agreement();

	if (workflow_rng)
		return;
	ov_xml_init();
	workflow_rng = fuzz_data_path("workflows/workflow.rng");
	subject_rng = fuzz_data_path("workflows/subject.rng");
	path = fuzz_data_path("workflows/samverkansavtal.xml");
	if (ov_buf_read_file(&b, path) < 0 ||
	    ov_xml_parse_memory(&base_workflow, b.ptr, b.size, path) < 0 ||
	    ov_xml_parse_memory(&agreement, a, strlen(a), "agreement.xml") < 0) {
		fprintf(stderr, "fuzz_workflow: %s\n", ov_error_last()->message);
		exit(2);
	}
	ov_buf_dispose(&b);
	free(path);
}

static void walk(const ov_workflow *wf)
{
	ov_wf_step close;

	for (size_t i = 0; i < wf->nphases; i++) {
		const ov_wf_phase *ph = &wf->phases[i], *found = ov_workflow_phase(wf, ph->id);

		if (!found || strcmp(found->id, ph->id))
			abort();   /* a phase the workflow has cannot be found by its id */
		for (size_t j = 0; j < ph->nsteps; j++) {
			const ov_wf_step *st = ov_workflow_step(ph, ph->steps[j].event);
			if (!st || strcmp(st->event, ph->steps[j].event))
				abort();   /* nor a step by its event */
		}
	}
	for (size_t i = 0; i < wf->nfields; i++)
		if (wf->fields[i].name && !ov_workflow_field(wf, wf->fields[i].name))
			abort();
	for (size_t i = 0; i < wf->nparties; i++)
		ov_workflow_party(wf, wf->parties[i].role ? wf->parties[i].role : "*");
	ov_workflow_close_step(&close, wf);
	ov_workflow_followups(wf, NULL);
	ov_workflow_renewal_name(wf->renewal_kind);
	ov_error_clear();
}

static void as_workflow(const char *data, size_t len)
{
	ov_workflow *wf = NULL;

	if (ov_workflow_parse(&wf, data, len, "fuzz.xml", workflow_rng) == OV_OK)
		walk(wf);
	ov_workflow_free(wf);
	ov_error_clear();
}

static void as_subject(const char *data, size_t len)
{
	xmlDocPtr subj = NULL, wdoc = NULL;
	ov_workflow *wf = NULL;

	if (ov_xml_parse_memory(&subj, data, len, "subjects/fuzz.xml") < 0 ||
	    ov_rng_validate(subj, subject_rng, "subjects/fuzz.xml") < 0)
		goto done;
	if (!(wdoc = xmlCopyDoc(base_workflow, 1)) ||
	    ov_subject_merge(wdoc, subj, "subjects/fuzz.xml") < 0 ||
	    ov_workflow_expand_parties(wdoc, agreement) < 0)
		goto done;
	/* takes wdoc, on failure too */
	if (ov_workflow_from_doc(&wf, wdoc, "samverkansavtal.xml") == OV_OK)
		walk(wf);
	wdoc = NULL;
done:
	ov_workflow_free(wf);
	xmlFreeDoc(wdoc);
	xmlFreeDoc(subj);
	ov_error_clear();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	setup();
	as_workflow((const char *)data, size);
	as_subject((const char *)data, size);
	ov_error_clear();
	return 0;
}
