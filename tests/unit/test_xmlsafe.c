/*
 * test_xmlsafe.c - hostile XML and stylesheets are refused or defused.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <libxml/tree.h>

#include "ovtest.h"
#include "overens/buf.h"
#include "engine/base/xmlsafe.h"

static char tmpdir[512];

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[1024];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static void setup(void)
{
	const char *t = getenv("TMPDIR");

	if (tmpdir[0])
		return;
	snprintf(tmpdir, sizeof(tmpdir), "%s/xmlsafe-XXXXXX", t ? t : "/tmp");
	if (!mkdtemp(tmpdir))
		abort();
	write_file(tmpdir, "secret.txt", "SECRET-CONTENT");
	ov_xml_init();
}

TEST(external_entity_not_loaded)
{
	char doc[1024];
	xmlDocPtr d = NULL;

	setup();
	snprintf(doc, sizeof(doc),
		 "<?xml version=\"1.0\"?>\n<!DOCTYPE a [<!ENTITY x SYSTEM \"file://%s/secret.txt\">]>\n"
		 "<a>&x;</a>", tmpdir);
	CHECK_ERR(ov_xml_parse_memory(&d, doc, strlen(doc), "xxe.xml"), OV_EINVALID);
	CHECK(d == NULL);
	CHECK_CONTAINS(ov_error_last()->message, "xxe.xml");
	CHECK(strstr(ov_error_last()->message, "SECRET") == NULL);
}

TEST(entity_bomb_refused_quickly)
{
	const char *bomb =
		"<?xml version=\"1.0\"?>\n<!DOCTYPE l [\n"
		"<!ENTITY a \"aaaaaaaaaa\">\n<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
		"<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n"
		"<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">\n<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">\n"
		"<!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">\n<!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\">\n"
		"]>\n<l>&h;</l>";
	xmlDocPtr d = NULL;

	setup();
	CHECK_ERR(ov_xml_parse_memory(&d, bomb, strlen(bomb), "bomb.xml"), OV_EINVALID);
	CHECK(d == NULL);
}

TEST(invalid_utf8_names_line)
{
	const char bad[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a>\n<b>ok</b>\n<c>\xc3\x28</c>\n</a>";
	xmlDocPtr d = NULL;

	setup();
	CHECK_ERR(ov_xml_parse_memory(&d, bad, strlen(bad), "utf8.xml"), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "utf8.xml:4");
}

TEST(malformed_names_line)
{
	const char *bad = "<a>\n<b>\n</a>";
	xmlDocPtr d = NULL;

	setup();
	CHECK_ERR(ov_xml_parse_memory(&d, bad, strlen(bad), "broken.xml"), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "broken.xml:3");
}

TEST(rng_reports_line)
{
	const char *rng =
		"<element name=\"a\" xmlns=\"http://relaxng.org/ns/structure/1.0\""
		" datatypeLibrary=\"http://www.w3.org/2001/XMLSchema-datatypes\">"
		"<element name=\"d\"><data type=\"date\"/></element></element>";
	const char *doc = "<a>\n<d>2026-02-30</d>\n</a>";
	char path[1024];
	xmlDocPtr d = NULL;

	setup();
	write_file(tmpdir, "s.rng", rng);
	snprintf(path, sizeof(path), "%s/s.rng", tmpdir);
	CHECK_OK(ov_xml_parse_memory(&d, doc, strlen(doc), "doc.xml"));
	CHECK_ERR(ov_rng_validate(d, path, "doc.xml"), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "doc.xml:2");
	xmlFreeDoc(d);
}

TEST(stylesheet_include_inside_folder_only)
{
	char dir[600], main_path[700], outside[700], secret_doc[1200];
	xsltStylesheetPtr sheet = NULL;
	xmlDocPtr in = NULL, out = NULL;
	xmlChar *s;
	int len;

	setup();
	snprintf(dir, sizeof(dir), "%s/tpl", tmpdir);
	mkdir(dir, 0755);
	write_file(dir, "common.xsl",
		"<xsl:stylesheet version=\"1.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\">"
		"<xsl:template name=\"hello\"><hej/></xsl:template></xsl:stylesheet>");
	write_file(dir, "main.xsl",
		"<xsl:stylesheet version=\"1.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\">"
		"<xsl:include href=\"common.xsl\"/>"
		"<xsl:template match=\"/\"><r><xsl:call-template name=\"hello\"/></r></xsl:template>"
		"</xsl:stylesheet>");
	snprintf(secret_doc, sizeof(secret_doc),
		"<xsl:stylesheet version=\"1.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\">"
		"<xsl:template match=\"/\"><r><xsl:value-of select=\"document('file://%s/secret.txt')\"/></r>"
		"</xsl:template></xsl:stylesheet>", tmpdir);
	write_file(dir, "reader.xsl", secret_doc);
	write_file(dir, "writer.xsl",
		"<xsl:stylesheet version=\"1.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\""
		" xmlns:exsl=\"http://exslt.org/common\" extension-element-prefixes=\"exsl\">"
		"<xsl:template match=\"/\"><exsl:document href=\"/tmp/overens-pwned.txt\">x</exsl:document>"
		"<r/></xsl:template></xsl:stylesheet>");
	CHECK_OK(ov_xslt_allow_dir(dir));
	snprintf(main_path, sizeof(main_path), "%s/main.xsl", dir);
	CHECK_OK(ov_xslt_load(&sheet, main_path));
	CHECK_OK(ov_xml_parse_memory(&in, "<x/>", 4, "in.xml"));
	CHECK_OK(ov_xslt_apply(&out, sheet, in, NULL));
	xmlDocDumpMemory(out, &s, &len);
	CHECK_CONTAINS((const char *)s, "<hej/>");
	xmlFree(s);
	xmlFreeDoc(out);
	xsltFreeStylesheet(sheet);
	sheet = NULL;

	snprintf(outside, sizeof(outside), "%s/reader.xsl", dir);
	CHECK_OK(ov_xslt_load(&sheet, outside));
	out = NULL;
	if (ov_xslt_apply(&out, sheet, in, NULL) == 0) {
		xmlDocDumpMemory(out, &s, &len);
		CHECK(strstr((const char *)s, "SECRET") == NULL);
		xmlFree(s);
		xmlFreeDoc(out);
	}
	xsltFreeStylesheet(sheet);
	sheet = NULL;

	unlink("/tmp/overens-pwned.txt");
	snprintf(outside, sizeof(outside), "%s/writer.xsl", dir);
	CHECK_OK(ov_xslt_load(&sheet, outside));
	out = NULL;
	CHECK(ov_xslt_apply(&out, sheet, in, NULL) < 0);
	CHECK(access("/tmp/overens-pwned.txt", F_OK) != 0);
	xmlFreeDoc(out);
	xsltFreeStylesheet(sheet);
	xmlFreeDoc(in);
}

TEST(utf8_text_check)
{
	CHECK(ov_utf8_valid_text("Räksmörgås – ”citat”", strlen("Räksmörgås – ”citat”")));
	CHECK(!ov_utf8_valid_text("a\x01" "b", 3));
	CHECK(!ov_utf8_valid_text("\xc3\x28", 2));
	CHECK(!ov_utf8_valid_text("\xed\xa0\x80", 3));
	CHECK(ov_utf8_valid_text("rad ett\nrad två\t.", strlen("rad ett\nrad två\t.")));
}

/* A memo that only counts: what was asked and what was noted. */
typedef struct memo_log {
	int asked, noted;
	int bad_schema_key;   /* a note whose schema key does not end its key */
	char last[128];
} memo_log;

static int log_known(int *known, void *ctx, const ov_rng_memo_entry *e)
{
	memo_log *m = ctx;

	m->asked++;
	*known = !strcmp(m->last, e->key);
	return OV_OK;
}

static int log_note(void *ctx, const ov_rng_memo_entry *e)
{
	memo_log *m = ctx;
	size_t n = strlen(e->key), k = strlen(e->schema_key);

	m->noted++;
	/* the schema's key ends the whole key */
	if (!(k < n && !strcmp(e->key + n - k, e->schema_key)))
		m->bad_schema_key++;
	snprintf(m->last, sizeof(m->last), "%s", e->key);
	return OV_OK;
}

TEST(rng_memo_notes_only_the_schema_compiled)
{
	const char *doc_text = "<a/>";
	memo_log m = { 0, 0, 0, "" };
	const ov_rng_memo memo = { log_known, log_note, NULL, &m };
	xmlDocPtr doc = NULL;
	char path[600];

	setup();
	write_file(tmpdir, "memo.rng",
		   "<element name=\"a\" xmlns=\"http://relaxng.org/ns/structure/1.0\"><empty/></element>");
	snprintf(path, sizeof(path), "%s/memo.rng", tmpdir);
	CHECK_OK(ov_xml_parse_memory(&doc, doc_text, strlen(doc_text), "a.xml"));
	CHECK_OK(ov_rng_validate_memo(doc, doc_text, strlen(doc_text), path, "a.xml", &memo));
	CHECK_INT(m.noted, 1);
	/* known now: not validated again, nothing noted */
	CHECK_OK(ov_rng_validate_memo(doc, doc_text, strlen(doc_text), path, "a.xml", &memo));
	CHECK_INT(m.noted, 1);
	/* the schema changes on disk; this process still holds the old one compiled:
	 * the document passes against that, but the new schema's key is not noted */
	write_file(tmpdir, "memo.rng",
		   "<element name=\"b\" xmlns=\"http://relaxng.org/ns/structure/1.0\"><empty/></element>");
	CHECK_OK(ov_rng_validate_memo(doc, doc_text, strlen(doc_text), path, "a.xml", &memo));
	CHECK_INT(m.noted, 1);
	CHECK_INT(m.asked, 3);
	CHECK_INT(m.bad_schema_key, 0);
	xmlFreeDoc(doc);
}

OVT_MAIN(TEST_ENTRY(external_entity_not_loaded), TEST_ENTRY(entity_bomb_refused_quickly),
	 TEST_ENTRY(invalid_utf8_names_line), TEST_ENTRY(malformed_names_line),
	 TEST_ENTRY(rng_reports_line), TEST_ENTRY(stylesheet_include_inside_folder_only),
	 TEST_ENTRY(utf8_text_check), TEST_ENTRY(rng_memo_notes_only_the_schema_compiled))
