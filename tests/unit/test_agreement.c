/*
 * test_agreement.c - workflow loading and the agreement document: fields by
 * readable names, element order, computed dates, broken definitions.
 */
#include <stdlib.h>
#include <string.h>

#include "ovtest.h"
#include "overens/buf.h"
#include "engine/lifecycle/agreement.h"
#include "engine/lifecycle/workflow.h"
#include "engine/base/xmlsafe.h"

static ov_workflow *load_wf(const char *file)
{
	ov_buf b = OV_BUF_INIT;
	ov_workflow *wf = NULL;

	if (ov_buf_read_file(&b, file) == 0)
		ov_workflow_parse(&wf, b.ptr, b.size, file,
				  OV_SOURCE_DIR "/workflows/workflow.rng");
	ov_buf_dispose(&b);
	return wf;
}

/*
 * `file` with the subject workflows/subjects/<subject>.xml merged in, the
 * party-wildcard fields expanded for `agreement` (may be NULL).
 */
static ov_workflow *load_wf_subject(const char *file, const char *subject, xmlDocPtr agreement)
{
	char spath[512];
	xmlDocPtr w = NULL, s = NULL;
	ov_workflow *wf = NULL;

	snprintf(spath, sizeof(spath), "%s/workflows/subjects/%s.xml", OV_SOURCE_DIR, subject);
	if (ov_xml_parse_file(&w, file) == 0 && ov_xml_parse_file(&s, spath) == 0 &&
	    ov_rng_validate(s, OV_SOURCE_DIR "/workflows/subject.rng", spath) == 0 &&
	    ov_subject_merge(w, s, spath) == 0 && ov_workflow_expand_parties(w, agreement) == 0) {
		ov_workflow_from_doc(&wf, w, file);
		w = NULL;
	}
	xmlFreeDoc(w);
	xmlFreeDoc(s);
	return wf;
}

static xmlDocPtr new_doc(void)
{
	const char *x = "<agreement id=\"2026-0001\" workflow=\"samverkansavtal\" version=\"1\">"
		"<title>T</title><kind>Samarbetsavtal</kind><state phase=\"kontakt\" since=\"2026-01-12\"/>"
		"<parties><party role=\"krets\"><name>K</name></party>"
		"<party role=\"kommun\"><name>S</name></party></parties></agreement>";
	xmlDocPtr d = NULL;

	ov_xml_parse_memory(&d, x, strlen(x), "new.xml");
	return d;
}

/* Both parties sign: the agreement comes into force, and has dates from then on. */
static void sign_all(xmlDocPtr d)
{
	xmlNodePtr root = xmlDocGetRootElement(d), box, s;
	static const char *const roles[] = { "krets", "kommun" };

	box = xmlNewChild(root, NULL, (const xmlChar *)"signatures", NULL);
	for (size_t i = 0; i < 2; i++) {
		s = xmlNewChild(box, NULL, (const xmlChar *)"signature", NULL);
		xmlSetProp(s, (const xmlChar *)"party", (const xmlChar *)roles[i]);
		xmlSetProp(s, (const xmlChar *)"date", (const xmlChar *)"2026-01-20");
	}
}

static char *date_of(xmlDocPtr d, const char *kind, int nth)
{
	char expr[128], *s = NULL;

	snprintf(expr, sizeof(expr), "string((dates/date[@kind='%s'])[%d]/@value)", kind, nth);
	ov_xpath_string(&s, d, expr, "test");
	return s;
}

TEST(shipped_workflows_load)
{
	ov_workflow *a = load_wf(OV_SOURCE_DIR "/workflows/samverkansavtal.xml");
	ov_workflow *b = load_wf(OV_SOURCE_DIR "/workflows/overenskommelse.xml");

	CHECK(a != NULL);
	CHECK(b != NULL);
	if (a) {
		CHECK_STR(a->id, "samverkansavtal");
		CHECK(ov_workflow_phase(a, "signering")->frozen);
		CHECK(ov_workflow_step(ov_workflow_phase(a, "beslut"), "decide")->party_own);
		CHECK_INT(a->notice.months, 1);
	}
	ov_workflow_free(a);
	ov_workflow_free(b);
}

TEST(broken_workflows_refused_with_place)
{
	static const char *files[] = { "broken-element.xml", "broken-duration.xml",
				       "broken-phase.xml", "broken-xml.xml" };
	for (size_t i = 0; i < 4; i++) {
		char path[512];
		ov_buf b = OV_BUF_INIT;
		ov_workflow *wf = NULL;
		int err;
		snprintf(path, sizeof(path), "%s/tests/fixtures/workflows/%s", OV_SOURCE_DIR, files[i]);
		CHECK_OK(ov_buf_read_file(&b, path));
		err = ov_workflow_parse(&wf, b.ptr, b.size, files[i],
					OV_SOURCE_DIR "/workflows/workflow.rng");
		ov_buf_dispose(&b);
		CHECK(wf == NULL);
		CHECK_ERR(err, OV_EINVALID);
		CHECK_CONTAINS(ov_error_last()->message, files[i]);
		CHECK_CONTAINS(ov_error_last()->message, ":");
		ov_error_clear();
	}
}

/*
 * Parses the workflow in `file` (relative to the source folder) with
 * `from` replaced by `to`; the error code.
 */
static int parse_edited(ov_workflow **out, const char *file, const char *from, const char *to)
{
	ov_buf path = OV_BUF_INIT, in = OV_BUF_INIT, edited = OV_BUF_INIT;
	const char *at, *name = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
	int err;

	ov_buf_printf(&path, "%s/%s", OV_SOURCE_DIR, file);
	err = ov_buf_read_file(&in, path.ptr);
	*out = NULL;
	if (err < 0 || !(at = strstr(in.ptr, from))) {
		err = OV_ENOTFOUND;
		goto done;
	}
	ov_buf_put(&edited, in.ptr, (size_t)(at - in.ptr));
	ov_buf_puts(&edited, to);
	ov_buf_puts(&edited, at + strlen(from));
	err = ov_workflow_parse(out, edited.ptr, edited.size, name,
				OV_SOURCE_DIR "/workflows/workflow.rng");
done:
	ov_buf_dispose(&path);
	ov_buf_dispose(&in);
	ov_buf_dispose(&edited);
	return err;
}

static int parse_styrgrupp_with(ov_workflow **out, const char *from, const char *to)
{
	return parse_edited(out, "tests/fixtures/workflows/styrgrupp.xml", from, to);
}

TEST(declared_steps_loaded_and_checked)
{
	ov_workflow *wf = load_wf(OV_SOURCE_DIR "/tests/fixtures/workflows/styrgrupp.xml");
	const ov_wf_step *st;

	CHECK(wf != NULL);
	if (wf) {
		st = ov_workflow_step(ov_workflow_phase(wf, "styrgrupp"), "styrgrupp-godkanner");
		CHECK(st != NULL);
		if (st) {
			CHECK_STR(st->label, "styrgruppen godkänner samarbetet");
			CHECK_STR(st->fields, "bakgrund styrgrupp");
			CHECK_STR(st->to, "samverkan");
			CHECK_STR(st->roles, "board");
		}
		st = ov_workflow_step(ov_workflow_phase(wf, "kontakt"), "contact");
		CHECK(st && !st->label && !st->fields);
	}
	ov_workflow_free(wf);

	CHECK_ERR(parse_styrgrupp_with(&wf, "fields=\"bakgrund styrgrupp\"",
				       "fields=\"bakgrund saknas\""), OV_EINVALID);
	CHECK(wf == NULL);
	CHECK_CONTAINS(ov_error_last()->message, "styrgrupp.xml:36: step 'styrgrupp-godkanner' sets undeclared field 'saknas'");
	ov_error_clear();
	CHECK_ERR(parse_styrgrupp_with(&wf, "event=\"styrgrupp-noterar\"", "event=\"import\""),
		  OV_EINVALID);
	CHECK(wf == NULL);
	CHECK_CONTAINS(ov_error_last()->message, "styrgrupp.xml:35: 'import' cannot be the name of a step");
	ov_error_clear();
	CHECK_ERR(parse_styrgrupp_with(&wf, "event=\"styrgrupp-noterar\"", "event=\"Fel namn\""),
		  OV_EINVALID);
	CHECK(wf == NULL);
	ov_error_clear();
}

TEST(fields_set_get_in_schema_order)
{
	xmlDocPtr d = new_doc();
	ov_workflow *wf = load_wf_subject(OV_SOURCE_DIR "/workflows/samverkansavtal.xml",
					  "anhorigstod", d);
	char *v = NULL, *old = NULL, *xml = NULL;

	CHECK(wf && d);
	if (!wf || !d)
		return;
	/* Filled in reverse order of the schema. */
	CHECK_OK(ov_agreement_field_set(d, wf, ov_workflow_field(wf, "ort"), "Helsingborg", NULL));
	CHECK_OK(ov_agreement_field_set(d, wf, ov_workflow_field(wf, "behov.mal"), "Mål", NULL));
	CHECK_OK(ov_agreement_field_set(d, wf, ov_workflow_field(wf, "behov.lokala"), "Behov & <mer>", NULL));
	CHECK_OK(ov_agreement_field_set(d, wf, ov_workflow_field(wf, "ekonomi.kommunen"), "Fika", NULL));
	CHECK_OK(ov_agreement_field_set(d, wf, ov_workflow_field(wf, "ekonomi.kommunen"), "Lokal = 1 000 kr", NULL));
	CHECK_OK(ov_agreement_field_set(d, wf, ov_workflow_field(wf, "diarienr.kommun"), "KS 2026/1", NULL));
	CHECK_OK(ov_agreement_field_set(d, wf, ov_workflow_field(wf, "amne"), "anhorigstod", NULL));
	CHECK(ov_workflow_field(wf, "diarienr.*") == NULL);
	CHECK(ov_workflow_field(wf, "diarienr.region") == NULL);
	CHECK_OK(ov_agreement_field_set(d, wf, ov_workflow_field(wf, "volontarer.samtalsledare"), "2", NULL));
	CHECK_OK(ov_agreement_field_set(d, wf, ov_workflow_field(wf, "avtalstid.start"), "2026-01-31", &old));
	CHECK_STR(old, "");
	free(old);
	CHECK_OK(ov_agreement_field_get(&v, d, ov_workflow_field(wf, "ekonomi.kommunen")));
	CHECK_STR(v, "Fika\nLokal = 1 000 kr");
	free(v);
	CHECK_OK(ov_agreement_field_get(&v, d, ov_workflow_field(wf, "behov.lokala")));
	CHECK_STR(v, "Behov & <mer>");
	free(v);
	CHECK_ERR(ov_agreement_field_set(d, wf, ov_workflow_field(wf, "avtalstid.start"), "2026-02-30", NULL),
		  OV_EINVALID);
	CHECK_ERR(ov_agreement_field_set(d, wf, ov_workflow_field(wf, "volontarer.samtalsledare"), "två", NULL),
		  OV_EINVALID);
	/* A draft has no dates until every party has signed. */
	CHECK_OK(ov_agreement_compute_dates(d, wf));
	v = date_of(d, "term-end", 1);
	CHECK_STR(v, "");
	free(v);
	sign_all(d);
	CHECK_OK(ov_agreement_compute_dates(d, wf));
	ov_agreement_normalize(d);
	CHECK_OK(ov_rng_validate(d, OV_SOURCE_DIR "/templates/agreement.rng", "doc"));
	ov_xml_serialize(&xml, NULL, d);
	CHECK_CONTAINS(xml, "<course>Anhöriga i fokus (webbkurs)</course>");
	CHECK_CONTAINS(xml, "Behov &amp; &lt;mer&gt;");
	CHECK_CONTAINS(xml, "<what>Lokal</what>");
	CHECK_CONTAINS(xml, "<amount>1 000 kr</amount>");
	CHECK_CONTAINS(xml, "<diarienr>KS 2026/1</diarienr>");
	CHECK_CONTAINS(xml, "<subject>anhorigstod</subject>");
	free(xml);
	/* Term from 31 January: one year, ending 30 January; notice a month before. */
	v = date_of(d, "term-end", 1);
	CHECK_STR(v, "2027-01-30");
	free(v);
	v = date_of(d, "notice", 1);
	CHECK_STR(v, "2026-12-30");
	free(v);
	v = date_of(d, "followup", 1);
	CHECK_STR(v, "2026-11-30");
	free(v);
	CHECK_OK(ov_agreement_field_unset(d, ov_workflow_field(wf, "ekonomi.kommunen"), NULL));
	CHECK_OK(ov_agreement_field_get(&v, d, ov_workflow_field(wf, "ekonomi.kommunen")));
	CHECK_STR(v, "");
	free(v);
	xmlFreeDoc(d);
	ov_workflow_free(wf);
}

TEST(schedules_lund_and_umea)
{
	ov_workflow *lund = load_wf(OV_SOURCE_DIR "/tests/fixtures/workflows/lund.xml");
	ov_workflow *umea = load_wf(OV_SOURCE_DIR "/workflows/overenskommelse.xml");
	xmlDocPtr d = new_doc();
	xmlNodePtr term;
	char *v;

	CHECK(lund && umea && d);
	if (!lund || !umea || !d)
		return;
	term = xmlNewChild(xmlDocGetRootElement(d), NULL, (const xmlChar *)"term", NULL);
	xmlSetProp(term, (const xmlChar *)"start", (const xmlChar *)"2026-04-01");
	sign_all(d);
	CHECK_OK(ov_agreement_compute_dates(d, lund));
	v = date_of(d, "followup", 1);
	CHECK_STR(v, "2026-09-01");
	free(v);
	v = date_of(d, "followup", 2);
	CHECK_STR(v, "2027-02-01");
	free(v);
	/* The derived dates cover the first term and the renewal period after it. */
	CHECK_OK(ov_xpath_string(&v, d, "string(count(dates/date[@kind='followup']))", "t"));
	CHECK_STR(v, "3");
	free(v);
	CHECK_OK(ov_xpath_string(&v, d, "string(dates/@until)", "t"));
	CHECK_STR(v, "2028-03-31");
	free(v);

	/* The term as fresh for the överenskommelse's rules (explicit renewal). */
	xmlUnsetProp(term, (const xmlChar *)"end");
	xmlUnsetProp(term, (const xmlChar *)"duration");
	xmlUnsetProp(term, (const xmlChar *)"renewal");
	xmlUnsetProp(term, (const xmlChar *)"period");
	xmlUnsetProp(term, (const xmlChar *)"notice");
	CHECK_OK(ov_agreement_compute_dates(d, umea));
	CHECK_OK(ov_xpath_string(&v, d, "string(term/@renewal)", "t"));
	CHECK_STR(v, "explicit");
	free(v);
	CHECK_OK(ov_xpath_string(&v, d, "string(count(dates/date[@kind='meeting']))", "t"));
	CHECK_STR(v, "6");
	free(v);
	v = date_of(d, "meeting", 2);
	CHECK_STR(v, "2026-06-01");
	free(v);
	CHECK_OK(ov_xpath_string(&v, d, "string((dates/date[@kind='meeting'])[6]/@label)", "t"));
	CHECK_CONTAINS(v, "chef");
	free(v);
	xmlFreeDoc(d);
	ov_workflow_free(lund);
	ov_workflow_free(umea);
}

static int parse_samverkansavtal_with(ov_workflow **out, const char *from, const char *to)
{
	return parse_edited(out, "workflows/samverkansavtal.xml", from, to);
}

TEST(term_rules_checked_at_load)
{
	ov_workflow *wf = NULL;
	const char *term = "<term length=\"P1Y\" renewal=\"tacit\" period=\"P1Y\" notice=\"P1M\" "
			   "notice-to=\"period\"/>";

	CHECK_OK(parse_samverkansavtal_with(&wf, term, term));
	CHECK(wf && wf->renewal_kind == OV_RENEW_TACIT && wf->renewal.years == 1 &&
	      wf->notice.months == 1 && wf->notice_to == OV_NOTICE_PERIOD);
	ov_workflow_free(wf);
	/* What notice ends: term-end, period by default, nothing else. */
	CHECK_OK(parse_samverkansavtal_with(&wf, "notice-to=\"period\"", "notice-to=\"term-end\""));
	CHECK(wf && wf->notice_to == OV_NOTICE_TERM_END);
	ov_workflow_free(wf);
	CHECK_OK(parse_samverkansavtal_with(&wf, " notice-to=\"period\"", ""));
	CHECK(wf && wf->notice_to == OV_NOTICE_PERIOD);
	ov_workflow_free(wf);
	CHECK_ERR(parse_samverkansavtal_with(&wf, "notice-to=\"period\"", "notice-to=\"later\""),
		  OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "Invalid attribute notice-to");
	CHECK_OK(parse_samverkansavtal_with(&wf, term, term));
	CHECK(wf && ov_workflow_followups(wf, "lund") && ov_workflow_followups(wf, "lund")->nfirsts == 2);
	CHECK(wf && ov_workflow_followups(wf, NULL) == ov_workflow_followups(wf, "arlig"));
	ov_workflow_free(wf);
	/* A tacit renewal needs a period. */
	CHECK_ERR(parse_samverkansavtal_with(&wf, term,
		"<term length=\"P1Y\" renewal=\"tacit\" notice=\"P1M\"/>"), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "a tacit renewal needs a period");
	/* Only an explicit term takes the step renew. */
	CHECK_ERR(parse_samverkansavtal_with(&wf, "<step event=\"amend\" to=\"andring\"",
		"<step event=\"renew\" roles=\"board\"/><step event=\"amend\" to=\"andring\""),
		OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "this term's renewal is tacit");
	/* The schedule field offers only the schedules' ids. */
	CHECK_ERR(parse_samverkansavtal_with(&wf, "choices=\"arlig lund\"", "choices=\"arlig kvartal\""),
		  OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "offers 'kvartal', which is no follow-up schedule's id");
	/* Two follow-up schedules need ids. */
	CHECK_ERR(parse_samverkansavtal_with(&wf, "id=\"lund\" ", ""), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "needs an id");
	ov_error_clear();
}

OVT_MAIN(TEST_ENTRY(shipped_workflows_load), TEST_ENTRY(broken_workflows_refused_with_place),
	 TEST_ENTRY(fields_set_get_in_schema_order), TEST_ENTRY(schedules_lund_and_umea),
	 TEST_ENTRY(declared_steps_loaded_and_checked), TEST_ENTRY(term_rules_checked_at_load))
