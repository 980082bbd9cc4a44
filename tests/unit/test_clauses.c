/*
 * test_clauses.c - the agreement text assembled from a clause library:
 * order and numbering, workflow choices, conditions, field, annex and
 * citation resolution, and the errors that name what is wrong.  The
 * library, references, subject and workflow are the small fixtures in
 * tests/fixtures/clauses, not the shipped texts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <libxml/tree.h>

#include "ovtest.h"
#include "engine/base/xmlsafe.h"
#include "engine/documents/clauses.h"

#define FIX OV_SOURCE_DIR "/tests/fixtures/clauses"

/* 2025-06-15: before the new socialtjänstlag. */
static const char agreement_xml[] =
	"<agreement created=\"2026-03-01\">"
	"<term start=\"2025-06-15\"/>"
	"<background>Bakgrundstext</background>"
	"<needs><local>Stöd i vardagen</local></needs>"
	"<steering><member name=\"Anna\"/><member name=\"Bo\"/></steering>"
	"<volunteers><role id=\"samtalsledare\" count=\"3\"/></volunteers>"
	"<economy><item><what>Lokal</what></item><item><what>Fika</what></item></economy>"
	"<clauses><insurance>nej</insurance><secrecy>ja</secrecy></clauses>"
	"</agreement>";

/* No term start, no needs, no volunteers, nothing chosen: defaults apply. */
static const char sparse_xml[] =
	"<agreement created=\"2025-08-01\"><background/></agreement>";

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (!f)
		abort();
	fputs(text, f);
	fclose(f);
}

static void link_to(const char *target, const char *dir, const char *name)
{
	char path[1024];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (symlink(target, path) < 0)
		abort();
}

/*
 * A templates folder: the real schemas, the fixture library plus `extra`
 * (a file clauses/extra.xml, or NULL) and the fixture references unless
 * `refs` gives other ones.
 */
static const char *templates(const char *extra, const char *refs)
{
	static char dir[512];
	char sub[600];
	const char *t = getenv("TMPDIR");

	snprintf(dir, sizeof(dir), "%s/clauses-XXXXXX", t ? t : "/tmp");
	if (!mkdtemp(dir))
		abort();
	link_to(OV_SOURCE_DIR "/templates/clauses.rng", dir, "clauses.rng");
	link_to(OV_SOURCE_DIR "/templates/references.rng", dir, "references.rng");
	snprintf(sub, sizeof(sub), "%s/clauses", dir);
	if (mkdir(sub, 0700) < 0)
		abort();
	link_to(FIX "/clauses/common.xml", sub, "common.xml");
	link_to(FIX "/clauses/subject.xml", sub, "subject.xml");
	if (extra) {
		snprintf(sub, sizeof(sub), "%s/clauses/extra.xml", dir);
		write_file(sub, extra);
	}
	if (refs) {
		snprintf(sub, sizeof(sub), "%s/references.xml", dir);
		write_file(sub, refs);
	} else
		link_to(FIX "/references.xml", dir, "references.xml");
	return dir;
}

static xmlDocPtr parse(const char *text)
{
	xmlDocPtr d = NULL;

	ov_xml_init();
	if (ov_xml_parse_memory(&d, text, strlen(text), "test.xml") < 0)
		abort();
	return d;
}

static xmlDocPtr load(const char *path)
{
	xmlDocPtr d = NULL;

	ov_xml_init();
	if (ov_xml_parse_file(&d, path) < 0)
		abort();
	return d;
}

/* Assembles `agr_xml` with the fixture workflow and `subject` (NULL: the fixture's). */
static int assemble(xmlDocPtr *agr, const char *agr_xml, const char *subject,
		    const char *dir, int draft)
{
	xmlDocPtr wf = load(FIX "/workflow.xml");
	xmlDocPtr subj = subject ? parse(subject) : load(FIX "/subject.xml");
	int err;

	*agr = parse(agr_xml);
	err = ov_clauses_assemble(*agr, wf, subj, draft, dir);
	xmlFreeDoc(wf);
	xmlFreeDoc(subj);
	return err;
}

/* The string value of `expr` over the agreement (free()). */
static char *str(xmlDocPtr d, const char *expr)
{
	char *s = NULL;

	if (ov_xpath_string(&s, d, expr, "test") < 0)
		return strdup("(xpath error)");
	return s;
}

#define CHECK_XPATH(doc, expr, want) do { char *s_ = str(doc, expr); \
	int same_ = !strcmp(s_, want); \
	if (!same_) fprintf(stderr, "%s = \"%s\"\n", expr, s_); \
	free(s_); \
	if (!same_) { xmlFreeDoc(doc); OVT_FAIL("%s is not \"%s\"", expr, want); } \
} while (0)

TEST(order_and_numbering)
{
	xmlDocPtr d = NULL;

	CHECK_OK(assemble(&d, agreement_xml, NULL, templates(NULL, NULL), 1));
	CHECK_XPATH(d, "string(assembled/@subject)", "testamne");
	CHECK_XPATH(d, "string(assembled/@date)", "2025-06-15");
	CHECK_XPATH(d, "string(assembled/@draft)", "yes");
	/* forsakring (nej) and styrgrupp (absent) are gone; sekretess chosen. */
	CHECK_XPATH(d, "concat(assembled/clause[1]/@id, ' ', assembled/clause[1]/@n)", "parter 1");
	CHECK_XPATH(d, "concat(assembled/clause[2]/@id, ' ', assembled/clause[2]/@n)", "bakgrund 2");
	CHECK_XPATH(d, "concat(assembled/clause[3]/@id, ' ', assembled/clause[3]/@n)", "uppdrag.test 3");
	CHECK_XPATH(d, "concat(assembled/clause[4]/@id, ' ', assembled/clause[4]/@n)", "sekretess 4");
	CHECK_XPATH(d, "concat(assembled/clause[5]/@id, ' ', assembled/clause[5]/@n)", "volontarer 5");
	CHECK_XPATH(d, "string(count(assembled/clause))", "5");
	CHECK_XPATH(d, "string(assembled/clause[1]/@title)", "Parter");
	/* Annexes numbered apart; bilaga.tom's when is false. */
	CHECK_XPATH(d, "concat(assembled/annex[1]/@id, ' ', assembled/annex[1]/@n)", "bilaga.volontarer 1");
	CHECK_XPATH(d, "concat(assembled/annex[2]/@id, ' ', assembled/annex[2]/@n)", "bilaga.ekonomi 2");
	CHECK_XPATH(d, "string(count(assembled/annex))", "2");
	/* Clauses before annexes, as outlined; the tokens are left in place. */
	CHECK_XPATH(d, "string(count(assembled/*[1]/self::clause))", "1");
	CHECK_XPATH(d, "string(count(assembled/clause[1]/p/civil))", "1");
	CHECK_XPATH(d, "string(assembled/clause[1]/block/@name)", "parties");
	CHECK_XPATH(d, "string(count(//@when))", "0");
	xmlFreeDoc(d);
}

TEST(optional_defaults_and_draft)
{
	xmlDocPtr d = NULL;

	CHECK_OK(assemble(&d, sparse_xml, NULL, templates(NULL, NULL), 0));
	CHECK_XPATH(d, "string(assembled/@draft)", "no");
	CHECK_XPATH(d, "string(assembled/@date)", "2025-08-01");
	/* forsakring unanswered: default ja; sekretess unanswered: default nej. */
	CHECK_XPATH(d, "string(count(assembled/clause[@id='forsakring']))", "1");
	CHECK_XPATH(d, "string(count(assembled/clause[@id='sekretess']))", "0");
	CHECK_XPATH(d, "string(count(assembled/clause[@id='styrgrupp']))", "0");
	/* No volunteers: the clause and the annex whose when needs them are gone. */
	CHECK_XPATH(d, "string(count(assembled/clause[@id='volontarer']))", "0");
	CHECK_XPATH(d, "concat(assembled/annex[1]/@id, ' ', assembled/annex[1]/@n)", "bilaga.ekonomi 1");
	CHECK_XPATH(d, "string(assembled/clause[@id='forsakring']/@n)", "4");
	xmlFreeDoc(d);
}

TEST(blocks_and_fields)
{
	xmlDocPtr d = NULL;

	CHECK_OK(assemble(&d, agreement_xml, NULL, templates(NULL, NULL), 1));
	/* The subject's field replaces the workflow's of the same name. */
	CHECK_XPATH(d, "string(assembled/clause[@id='bakgrund']/p[1])", "Bakgrund: Bakgrundstext.");
	CHECK_XPATH(d, "string(assembled/clause[@id='bakgrund']/p[2])", "Behov: Stöd i vardagen.");
	CHECK_XPATH(d, "string(count(assembled/clause[@id='bakgrund']/p))", "2");
	/* A list field joined with ", "; a false when drops a list item. */
	CHECK_XPATH(d, "string(assembled/clause[@id='bakgrund']/list/item[1])", "Styrgrupp: Anna, Bo.");
	CHECK_XPATH(d, "string(count(assembled/clause[@id='bakgrund']/list/item))", "1");
	CHECK_XPATH(d, "string(count(assembled//field))", "0");
	/* A subject field with a predicate in its path. */
	CHECK_XPATH(d, "substring-after(assembled/clause[@id='uppdrag.test']/p, '; ')", "samtalsledare: 3.");
	/* <fields> items keep their key and get the value. */
	CHECK_XPATH(d, "string(assembled/annex[@id='bilaga.ekonomi']/fields/item[1]/@value)", "Lokal, Fika");
	CHECK_XPATH(d, "string(assembled/annex[@id='bilaga.ekonomi']/fields/item[1])", "Kostnader");
	CHECK_XPATH(d, "string(assembled/annex[@id='bilaga.ekonomi']/fields/item[2]/@value)", "Ej angivet");
	xmlFreeDoc(d);
}

TEST(empty_fields_say_ej_angivet)
{
	xmlDocPtr d = NULL;

	CHECK_OK(assemble(&d, sparse_xml, NULL, templates(NULL, NULL), 1));
	CHECK_XPATH(d, "string(assembled/clause[@id='bakgrund']/p[1])", "Bakgrund: Ej angivet.");
	CHECK_XPATH(d, "string(assembled/clause[@id='bakgrund']/p[2])", "Inga behov angivna.");
	CHECK_XPATH(d, "string(assembled/clause[@id='bakgrund']/list/item[1])", "Styrgrupp: Ej angivet.");
	CHECK_XPATH(d, "string(assembled/annex[@id='bilaga.ekonomi']/fields/item[1]/@value)", "Ej angivet");
	xmlFreeDoc(d);
}

TEST(annex_references)
{
	xmlDocPtr d = NULL;

	CHECK_OK(assemble(&d, agreement_xml, NULL, templates(NULL, NULL), 1));
	CHECK_XPATH(d, "string(assembled/clause[@id='volontarer']/p)", "Se bilaga 1 och bilaga 2.");
	CHECK_XPATH(d, "string(count(assembled/clause//annex))", "0");
	xmlFreeDoc(d);
}

TEST(annex_not_in_document_is_an_error)
{
	static const char subject[] =
		"<subject id=\"s\"><outline><clause ref=\"volontarer\"/>"
		"<annex ref=\"bilaga.ekonomi\"/></outline></subject>";
	xmlDocPtr d = NULL;

	CHECK_ERR(assemble(&d, agreement_xml, subject, templates(NULL, NULL), 1), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "clause volontarer");
	CHECK_CONTAINS(ov_error_last()->message, "bilaga.volontarer");
	CHECK(xmlDocGetRootElement(d)->last == NULL ||
	      strcmp((const char *)xmlDocGetRootElement(d)->last->name, "assembled"));
	xmlFreeDoc(d);
}

TEST(citation_before_and_after_2025_07_01)
{
	xmlDocPtr d = NULL;
	char *s;

	CHECK_OK(assemble(&d, agreement_xml, NULL, templates(NULL, NULL), 1));
	CHECK_XPATH(d, "string(assembled/clause[@id='uppdrag.test']/p/cite)",
		    "5 kap. 10 § socialtjänstlagen (2001:453)");
	CHECK_XPATH(d, "string(assembled/clause[@id='uppdrag.test']/p/cite/@ref)", "sol.anhorigstod");
	xmlFreeDoc(d);
	CHECK_OK(assemble(&d, sparse_xml, NULL, templates(NULL, NULL), 1));
	CHECK_XPATH(d, "string(assembled/clause[@id='uppdrag.test']/p/cite)",
		    "socialtjänstlagen (2025:400)");
	xmlFreeDoc(d);
	/* The last day of one version and the first of the next. */
	d = load(FIX "/references.xml");
	CHECK_OK(ov_clauses_citation(&s, d, "sol.anhorigstod", "2025-06-30"));
	CHECK(!strcmp(s, "5 kap. 10 § socialtjänstlagen (2001:453)") || (free(s), xmlFreeDoc(d), 0));
	free(s);
	CHECK_OK(ov_clauses_citation(&s, d, "sol.anhorigstod", "2025-07-01"));
	CHECK(!strcmp(s, "socialtjänstlagen (2025:400)") || (free(s), xmlFreeDoc(d), 0));
	free(s);
	xmlFreeDoc(d);
}

TEST(citation_formats)
{
	static const struct { const char *ref, *want; } cases[] = {
		{ "lpt.stodperson", "30 § lagen (1991:1128) om psykiatrisk tvångsvård" },
		{ "lss.kontaktperson", "9 § 6 LSS" },
		{ "gdpr", "dataskyddsförordningen (EU) 2016/679" },
		{ "prop.frivillighet", "prop. 2009/10:55" },
	};
	xmlDocPtr d = load(FIX "/references.xml");
	char *s = NULL;
	int same;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (ov_clauses_citation(&s, d, cases[i].ref, "2026-01-01") < 0) {
			xmlFreeDoc(d);
			OVT_FAIL("citation of %s failed", cases[i].ref);
		}
		same = !strcmp(s, cases[i].want);
		if (!same)
			fprintf(stderr, "%s: \"%s\"\n", cases[i].ref, s);
		free(s);
		if (!same) {
			xmlFreeDoc(d);
			OVT_FAIL("citation of %s is not \"%s\"", cases[i].ref, cases[i].want);
		}
	}
	CHECK_ERR(ov_clauses_citation(&s, d, "nonesuch", "2026-01-01"), OV_ENOTFOUND);
	CHECK_CONTAINS(ov_error_last()->message, "nonesuch");
	xmlFreeDoc(d);
}

TEST(no_version_in_force_is_an_error)
{
	static const char extra[] =
		"<clauses><clause id=\"historia\" title=\"Historia\">"
		"<p>Enligt <cite ref=\"gammal\"/>.</p></clause></clauses>";
	static const char subject[] =
		"<subject id=\"s\"><outline><clause ref=\"historia\"/></outline></subject>";
	xmlDocPtr d = NULL;

	CHECK_ERR(assemble(&d, agreement_xml, subject, templates(extra, NULL), 1), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "gammal");
	CHECK_CONTAINS(ov_error_last()->message, "2025-06-15");
	CHECK_CONTAINS(ov_error_last()->message, "clause historia");
	CHECK_CONTAINS(ov_error_last()->message, "extra.xml");
	xmlFreeDoc(d);
}

TEST(bad_xpath_is_an_error)
{
	static const char on_clause[] =
		"<clauses><clause id=\"trasig\" title=\"Trasig\" when=\"needs/[\">"
		"<p>x</p></clause></clauses>";
	static const char on_block[] =
		"<clauses><clause id=\"trasig\" title=\"Trasig\">"
		"<p when=\"nosuchfunction(1)\">x</p></clause></clauses>";
	static const char subject[] =
		"<subject id=\"s\"><outline><clause ref=\"trasig\"/></outline></subject>";
	xmlDocPtr d = NULL;

	CHECK_ERR(assemble(&d, agreement_xml, subject, templates(on_clause, NULL), 1), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "extra.xml: clause trasig");
	CHECK_CONTAINS(ov_error_last()->message, "needs/[");
	xmlFreeDoc(d);
	CHECK_ERR(assemble(&d, agreement_xml, subject, templates(on_block, NULL), 1), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "extra.xml: clause trasig");
	CHECK_CONTAINS(ov_error_last()->message, "nosuchfunction(1)");
	xmlFreeDoc(d);
}

TEST(duplicate_id_names_both_files)
{
	static const char extra[] =
		"<clauses><clause id=\"sekretess\" title=\"Igen\"><p>x</p></clause></clauses>";
	xmlDocPtr d = NULL;

	CHECK_ERR(assemble(&d, agreement_xml, NULL, templates(extra, NULL), 1), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "common.xml");
	CHECK_CONTAINS(ov_error_last()->message, "extra.xml");
	CHECK_CONTAINS(ov_error_last()->message, "sekretess");
	xmlFreeDoc(d);
}

TEST(unknown_ref_names_subject_and_id)
{
	static const char subject[] =
		"<subject id=\"nytt\"><outline><clause ref=\"parter\"/>"
		"<clause ref=\"finns.inte\"/></outline></subject>";
	xmlDocPtr d = NULL;

	CHECK_ERR(assemble(&d, agreement_xml, subject, templates(NULL, NULL), 1), OV_ENOTFOUND);
	CHECK_CONTAINS(ov_error_last()->message, "subject nytt");
	CHECK_CONTAINS(ov_error_last()->message, "finns.inte");
	xmlFreeDoc(d);
}

TEST(unknown_field_names_clause_and_field)
{
	static const char extra[] =
		"<clauses><clause id=\"okand\" title=\"Okänd\">"
		"<p>Värde: <field name=\"finns.inte\"/></p></clause></clauses>";
	static const char subject[] =
		"<subject id=\"s\"><outline><clause ref=\"okand\"/></outline></subject>";
	xmlDocPtr d = NULL;

	CHECK_ERR(assemble(&d, agreement_xml, subject, templates(extra, NULL), 1), OV_ENOTFOUND);
	CHECK_CONTAINS(ov_error_last()->message, "clause okand");
	CHECK_CONTAINS(ov_error_last()->message, "finns.inte");
	xmlFreeDoc(d);
}

TEST(library_file_is_validated)
{
	static const char extra[] =
		"<clauses><clause id=\"x\" title=\"X\"><p>Se <link/></p></clause></clauses>";
	xmlDocPtr d = NULL;

	CHECK_ERR(assemble(&d, agreement_xml, NULL, templates(extra, NULL), 1), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "extra.xml");
	xmlFreeDoc(d);
}

TEST(references_check_overlap)
{
	static const char overlap[] =
		"<references><reference id=\"a\">"
		"<version act=\"lag\" sfs=\"2001:1\" from=\"2002-01-01\" to=\"2025-07-01\"/>"
		"<version act=\"lag\" sfs=\"2025:1\" from=\"2025-07-01\"/>"
		"</reference></references>";
	static const char reversed[] =
		"<references><reference id=\"a\">"
		"<version act=\"lag\" sfs=\"2001:1\" from=\"2025-01-01\" to=\"2024-12-31\"/>"
		"</reference></references>";
	static const char twice[] =
		"<references><reference id=\"a\"><version act=\"lag\" from=\"2025-01-01\"/></reference>"
		"<reference id=\"a\"><version act=\"lag\" from=\"2025-01-01\"/></reference></references>";
	xmlDocPtr d = load(FIX "/references.xml"), r = NULL;

	CHECK_OK(ov_references_check(d, "references.xml"));
	xmlFreeDoc(d);
	d = parse(overlap);
	CHECK_ERR(ov_references_check(d, "r.xml"), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "reference a");
	xmlFreeDoc(d);
	d = parse(reversed);
	CHECK_ERR(ov_references_check(d, "r.xml"), OV_EINVALID);
	xmlFreeDoc(d);
	d = parse(twice);
	CHECK_ERR(ov_references_check(d, "r.xml"), OV_EINVALID);
	xmlFreeDoc(d);
	/* Loading checks the schema and the dates too. */
	CHECK_ERR(ov_references_load(&r, templates(NULL, overlap), NULL), OV_EINVALID);
	CHECK(r == NULL);
	CHECK_ERR(ov_references_load(&r, templates(NULL,
		"<references><reference id=\"a\"><version act=\"lag\" from=\"2025-02-30\"/>"
		"</reference></references>"), NULL), OV_EINVALID);
	CHECK_OK(ov_references_load(&r, templates(NULL, NULL), NULL));
	xmlFreeDoc(r);
}

TEST(agreement_date)
{
	xmlDocPtr d = parse("<agreement created=\"2024-02-29\"/>");
	char date[11];

	CHECK_OK(ov_clauses_date(date, d));
	CHECK_STR(date, "2024-02-29");
	xmlFreeDoc(d);
	d = parse("<agreement created=\"2024-02-29\"><term start=\"2026-01-01\"/></agreement>");
	CHECK_OK(ov_clauses_date(date, d));
	CHECK_STR(date, "2026-01-01");
	xmlFreeDoc(d);
	d = parse("<agreement><term/></agreement>");
	CHECK_OK(ov_clauses_date(date, d));
	CHECK(strlen(date) == 10 && date[4] == '-');
	xmlFreeDoc(d);
}

OVT_MAIN(TEST_ENTRY(order_and_numbering),
	 TEST_ENTRY(optional_defaults_and_draft),
	 TEST_ENTRY(blocks_and_fields),
	 TEST_ENTRY(empty_fields_say_ej_angivet),
	 TEST_ENTRY(annex_references),
	 TEST_ENTRY(annex_not_in_document_is_an_error),
	 TEST_ENTRY(citation_before_and_after_2025_07_01),
	 TEST_ENTRY(citation_formats),
	 TEST_ENTRY(no_version_in_force_is_an_error),
	 TEST_ENTRY(bad_xpath_is_an_error),
	 TEST_ENTRY(duplicate_id_names_both_files),
	 TEST_ENTRY(unknown_ref_names_subject_and_id),
	 TEST_ENTRY(unknown_field_names_clause_and_field),
	 TEST_ENTRY(library_file_is_validated),
	 TEST_ENTRY(references_check_overlap),
	 TEST_ENTRY(agreement_date))
