/*
 * test_templates.c - the agreement schema (templates/agreement.rng) and the
 * document templates (the .xsl files in templates/), driven through the engine's safe
 * libxml2/libxslt API (xmlsafe.h).
 *
 * Checks that every fixture validates and that broken agreements are
 * refused naming the line; that every document template yields a layout
 * valid against templates/layout.rng holding the expected Swedish texts;
 * that html.xsl and text.xsl carry those texts over; that the iCalendar
 * output parses with python3's icalendar module (tests/tools/check_ics.py)
 * with the expected events; and that markup-looking data (hostile.xml)
 * stays text everywhere.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <libxml/tree.h>
#include "overens/lazy_xslt.h"

#include "ovtest.h"
#include "overens/buf.h"
#include "engine/base/xmlsafe.h"
#include "engine/documents/clauses.h"
#include "engine/lifecycle/workflow.h"

#define TEMPLATES OV_SOURCE_DIR "/templates"
#define WORKFLOWS OV_SOURCE_DIR "/workflows"
#define FIXTURES OV_SOURCE_DIR "/tests/fixtures"
#define NBSP "\xc2\xa0"

/* The result of one transformation: the tree and its serialization. */
typedef struct {
	xmlDocPtr doc;
	char *text;
} result;

static void result_dispose(result *r)
{
	xmlFreeDoc(r->doc);
	free(r->text);
	r->doc = NULL;
	r->text = NULL;
}

static void setup(void)
{
	static int done;

	if (done)
		return;
	ov_xml_init();
	if (ov_xslt_allow_dir(TEMPLATES) < 0)
		abort();
	done = 1;
}

static xmlDocPtr fixture(const char *name)
{
	ov_buf path = OV_BUF_INIT;
	xmlDocPtr doc = NULL;

	setup();
	ov_buf_printf(&path, "%s/%s", FIXTURES, name);
	if (ov_xml_parse_file(&doc, path.ptr) < 0)
		doc = NULL;
	ov_buf_dispose(&path);
	return doc;
}

/*
 * Applies templates/<sheet> to `in` and serializes the result as the
 * stylesheet's xsl:output says.  NULL-terminated name/value `params`.
 */
static int transform(result *out, const char *sheet, xmlDocPtr in, const char **params)
{
	ov_buf path = OV_BUF_INIT;
	xsltStylesheetPtr s = NULL;
	xmlChar *mem = NULL;
	int len = 0, err;

	memset(out, 0, sizeof(*out));
	setup();
	ov_buf_printf(&path, "%s/%s", TEMPLATES, sheet);
	if ((err = ov_xslt_load(&s, path.ptr)) < 0 ||
	    (err = ov_xslt_apply(&out->doc, s, in, params)) < 0)
		goto done;
	if (xsltSaveResultToString(&mem, &len, out->doc, s) < 0 || !mem) {
		err = ov_error_set(OV_ERROR, "%s: result not serialized", sheet);
		goto done;
	}
	out->text = malloc((size_t)len + 1);
	if (!out->text) {
		err = ov_error_set(OV_ENOMEM, "out of memory");
		goto done;
	}
	memcpy(out->text, mem, (size_t)len);
	out->text[len] = '\0';
done:
	if (mem)
		xmlFree(mem);
	if (s)
		xsltFreeStylesheet(s);
	ov_buf_dispose(&path);
	if (err < 0)
		result_dispose(out);
	return err;
}

/* Parses workflows/<rel>.xml of the source tree and checks it against `rng`. */
static int definition(xmlDocPtr *out, const char *rel, const char *rng)
{
	ov_buf path = OV_BUF_INIT;
	int err;

	*out = NULL;
	ov_buf_printf(&path, "%s/%s.xml", WORKFLOWS, rel);
	if ((err = ov_xml_parse_file(out, path.ptr)) >= 0 &&
	    (err = ov_rng_validate(*out, rng, path.ptr)) < 0) {
		xmlFreeDoc(*out);
		*out = NULL;
	}
	ov_buf_dispose(&path);
	return err;
}

/*
 * The workflow `agreement` names, with its subject (<subject>, else the
 * workflow's <subjects default=…>) merged in and its parties expanded, as
 * the engine loads it; *subject_doc is the subject's definition.
 */
static int load_workflow(ov_workflow **wf, xmlDocPtr *subject_doc, xmlDocPtr agreement)
{
	xmlNodePtr root = xmlDocGetRootElement(agreement);
	char *id = ov_xml_attr(root, "workflow"), *sid = NULL;
	ov_buf rel = OV_BUF_INIT;
	xmlDocPtr wdoc = NULL;
	int err;

	*subject_doc = NULL;
	if ((err = definition(&wdoc, id ? id : "", WORKFLOWS "/workflow.rng")) < 0)
		goto done;
	sid = ov_xml_child(root, "subject") ? ov_xml_text(ov_xml_child(root, "subject"))
		: ov_xml_attr(ov_xml_child(xmlDocGetRootElement(wdoc), "subjects"), "default");
	ov_buf_printf(&rel, "subjects/%s", sid ? sid : "");
	if ((err = definition(subject_doc, rel.ptr, WORKFLOWS "/subject.rng")) < 0 ||
	    (err = ov_subject_merge(wdoc, *subject_doc, rel.ptr)) < 0 ||
	    (err = ov_workflow_expand_parties(wdoc, agreement)) < 0)
		goto done;
	err = ov_workflow_from_doc(wf, wdoc, id);
	wdoc = NULL;
done:
	if (err < 0) {
		xmlFreeDoc(*subject_doc);
		*subject_doc = NULL;
	}
	xmlFreeDoc(wdoc);
	ov_buf_dispose(&rel);
	free(sid);
	free(id);
	return err;
}

/*
 * A copy of agreement `in` with its text assembled from the clause library
 * as the engine does before rendering it (render.c, prepare()): a draft
 * unless its phase is frozen in its workflow.  Caller frees *out.
 */
static int assembled(xmlDocPtr *out, xmlDocPtr in)
{
	ov_workflow *wf = NULL;
	xmlDocPtr subject = NULL;
	const ov_wf_phase *ph;
	char *phase = NULL;
	int err;

	if (!(*out = xmlCopyDoc(in, 1)))
		return ov_error_set(OV_ENOMEM, "out of memory");
	if ((err = load_workflow(&wf, &subject, *out)) >= 0) {
		phase = ov_xml_attr(ov_xml_child(xmlDocGetRootElement(*out), "state"), "phase");
		ph = phase ? ov_workflow_phase(wf, phase) : NULL;
		err = ov_clauses_assemble(*out, wf->doc, subject, !ph || !ph->frozen, TEMPLATES);
	}
	if (err < 0) {
		xmlFreeDoc(*out);
		*out = NULL;
	}
	free(phase);
	xmlFreeDoc(subject);
	ov_workflow_free(wf);
	return err;
}

/*
 * A document template: transform, then validate the layout against
 * layout.rng.  The agreement is assembled first, as the engine renders it.
 */
static int layout(result *out, const char *sheet, xmlDocPtr in, const char **params)
{
	xmlDocPtr copy = NULL;
	int err = OV_OK;

	if (!strcmp(sheet, "agreement.xsl") && (err = assembled(&copy, in)) < 0) {
		memset(out, 0, sizeof(*out));
		return err;
	}
	err = transform(out, sheet, copy ? copy : in, params);
	xmlFreeDoc(copy);

	if (err < 0)
		return err;
	if ((err = ov_rng_validate(out->doc, TEMPLATES "/layout.rng", sheet)) < 0)
		result_dispose(out);
	return err;
}

/* 1 when every string of the NULL-terminated list occurs in `text`, in that order. */
static int in_order(const char *text, const char *const *list)
{
	const char *p = text;

	for (; *list; list++) {
		const char *q = strstr(p, *list);
		if (!q) {
			fprintf(stderr, "  not found (in order): \"%s\"\n", *list);
			return 0;
		}
		p = q + strlen(*list);
	}
	return 1;
}

static int count_of(const char *text, const char *needle)
{
	int n = 0;
	const char *p = text;

	while ((p = strstr(p, needle)) != NULL) {
		n++;
		p += strlen(needle);
	}
	return n;
}

static char *xpath_str(xmlDocPtr doc, const char *expr)
{
	char *s = NULL;

	if (ov_xpath_string(&s, doc, expr, "test") < 0)
		return NULL;
	return s;
}

static long xpath_num(xmlDocPtr doc, const char *expr)
{
	char *s = xpath_str(doc, expr);
	long n = s ? strtol(s, NULL, 10) : -1;

	free(s);
	return n;
}

#define CHECK_XPATH(doc, expr, want) do { char *v_ = xpath_str((doc), (expr)); \
	int ok_ = v_ && !strcmp(v_, (want)); \
	if (!ok_) { fprintf(stderr, "  %s = \"%s\"\n", (expr), v_ ? v_ : "(error)"); } \
	free(v_); CHECK(ok_); } while (0)

#define CHECK_NOT_CONTAINS(hay, needle) CHECK(strstr((hay), (needle)) == NULL)

/* A copy of `s` with every run of white space turned into one space (text is wrapped). */
static char *collapse_space(const char *s)
{
	char *out = malloc(strlen(s) + 1), *o = out;

	if (!out)
		abort();
	for (; *s; s++) {
		if (*s == ' ' || *s == '\n' || *s == '\t') {
			if (o > out && o[-1] == ' ')
				continue;
			*o++ = ' ';
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
	return out;
}

/* ---- the schema ---- */

static const char *const all_fixtures[] = {
	"helsingborg.xml", "helsingborg-terminated.xml", "helsingborg-amended.xml",
	"helsingborg-draft.xml", "umea.xml", "hostile.xml", NULL
};

TEST(fixtures_validate)
{
	size_t i;

	for (i = 0; all_fixtures[i]; i++) {
		xmlDocPtr d = fixture(all_fixtures[i]);
		CHECK(d != NULL);
		if (ov_rng_validate(d, TEMPLATES "/agreement.rng", all_fixtures[i]) < 0)
			fprintf(stderr, "  %s: %s\n", all_fixtures[i], ov_error_last()->message);
		CHECK_OK(ov_rng_validate(d, TEMPLATES "/agreement.rng", all_fixtures[i]));
		xmlFreeDoc(d);
	}
}

/*
 * Replaces the first `from` in helsingborg.xml by `to`, validates the
 * result and expects a refusal containing `why` that names the line of the
 * change plus `extra` (the faulty element's line within `to`); extra < 0:
 * the line is not checked.
 */
static void expect_refused(const char *from, const char *to, int extra, const char *why)
{
	ov_buf src = OV_BUF_INIT, text = OV_BUF_INIT, where = OV_BUF_INIT;
	xmlDocPtr d = NULL;
	const char *at, *p;
	int line = 1;

	setup();
	if (ov_buf_read_file(&src, FIXTURES "/helsingborg.xml") < 0 ||
	    !(at = strstr(src.ptr, from))) {
		fprintf(stderr, "  fixture text not found: %s\n", from);
		ovt_failed_checks++;
		goto done;
	}
	for (p = src.ptr; p < at; p++)
		if (*p == '\n')
			line++;
	ov_buf_put(&text, src.ptr, (size_t)(at - src.ptr));
	ov_buf_puts(&text, to);
	ov_buf_puts(&text, at + strlen(from));
	if (ov_xml_parse_memory(&d, text.ptr, text.size, "broken.xml") < 0) {
		fprintf(stderr, "  not well-formed: %s\n", ov_error_last()->message);
		ovt_failed_checks++;
		goto done;
	}
	if (ov_rng_validate(d, TEMPLATES "/agreement.rng", "broken.xml") != OV_EINVALID) {
		fprintf(stderr, "  accepted: %s -> %s\n", from, to);
		ovt_failed_checks++;
		goto done;
	}
	if (extra >= 0)
		ov_buf_printf(&where, "broken.xml:%d: ", line + extra);
	else
		ov_buf_puts(&where, "broken.xml:");
	if (!strstr(ov_error_last()->message, where.ptr) ||
	    !strstr(ov_error_last()->message, why)) {
		fprintf(stderr, "  message \"%s\" lacks \"%s\" or \"%s\"\n",
			ov_error_last()->message, where.ptr, why);
		ovt_failed_checks++;
	}
done:
	xmlFreeDoc(d);
	ov_buf_dispose(&src);
	ov_buf_dispose(&text);
	ov_buf_dispose(&where);
}

TEST(broken_agreements_refused)
{
	int before = ovt_failed_checks;

	expect_refused("<support>", "<hemligt>x</hemligt>\n  <support>", 0, "hemligt");
	expect_refused("date=\"2026-02-19\"", "date=\"2026-02-30\"", 0, "2026-02-30");
	expect_refused("<orgnr>802002-8711</orgnr>", "<orgnr>80200-28711</orgnr>", 0,
		       "datatype");
	expect_refused("notice=\"P1M\"", "notice=\"1 månad\"", 0, "notice");
	expect_refused("count=\"4\"", "count=\"-4\"", 0, "count");
	expect_refused("<party role=\"krets\">", "<party role=\"Krets!\">", 0, "party");
	expect_refused("<name>Samtalsledare</name>", "<name>Samtalsledare</name><okänd/>", 0,
		       "okänd");
	expect_refused("<dates>", "<dates>\n    <date kind=\"semester\" value=\"2027-07-01\"/>",
		       1, "date");
	/*
	 * libxml2 reports a failed choice of attribute values first without a
	 * line (then with it); only the first message is kept.
	 */
	expect_refused("outcome=\"bifall\"", "outcome=\"kanske\"", -1, "decision");
	CHECK(ovt_failed_checks == before);
}

/* An immediate termination needs its reason; the schema says so. */
TEST(immediate_termination_needs_reason)
{
	xmlDocPtr d = fixture("helsingborg-terminated.xml");
	xmlNodePtr t;

	CHECK(d != NULL);
	t = ov_xml_child(xmlDocGetRootElement(d), "termination");
	CHECK(t != NULL);
	xmlSetProp(t, (const xmlChar *)"immediate", (const xmlChar *)"yes");
	CHECK_OK(ov_rng_validate(d, TEMPLATES "/agreement.rng", "immediate.xml"));
	xmlNodeSetContent(ov_xml_child(t, "reason"), (const xmlChar *)"  ");
	CHECK_ERR(ov_rng_validate(d, TEMPLATES "/agreement.rng", "immediate.xml"), OV_EINVALID);
	xmlSetProp(t, (const xmlChar *)"immediate", (const xmlChar *)"no");
	CHECK_OK(ov_rng_validate(d, TEMPLATES "/agreement.rng", "immediate.xml"));
	xmlFreeDoc(d);
}

/* ---- agreement.xsl ---- */

TEST(agreement_helsingborg)
{
	static const char *const headings[] = {
		"<h1>Samarbetsavtal</h1>", "1 Parter", "2 Bakgrund", "3 Uppdragsbeskrivning",
		"4 Kommunens åtaganden", "5 Frivilligpolicy", "6 Ekonomiska villkor",
		"7 Personuppgifter", "8 Försäkring", "9 Offentlighet och sekretess",
		"10 Avtalstid och uppföljning", "11 Uppsägning", "12 Tvister",
		"13 Ändringar och tillägg",
		"Bilaga 1 Behovskartläggning", "Bilaga 2 Frivilligas roller och utbildning",
		"Bilaga 3 Ekonomi", "Bilaga 4 Mötesstruktur", "Underskrifter", "<signatures>",
		NULL
	};
	static const char *const parties[] = {
		"Helsingborgs rödakorskrets", "802002-8711", "Drottninggatan 14, 252 21 Helsingborg",
		"Karin Ek", "Helsingborgs stad", "212000-0258", "Åsa Lindqvist", NULL
	};
	static const char *const clauses[] = {
		/* Bakgrund: the parties' own text; no employment; independence */
		"Parterna vill tillsammans stärka stödet till anhöriga i Helsingborg",
		"Avtalet gör inte någon av parterna till arbetsgivare åt någon annan, och ingen "
		"frivillig blir anställd eller får en ställning som liknar en anställning genom "
		"detta avtal.",
		"Helsingborgs rödakorskrets är en självständig organisation i det civila samhället",
		"(jfr prop. 2009/10:55)",
		/* Uppdragsbeskrivning: the socialtjänstlag in force on 2026-04-01 */
		"Helsingborgs rödakorskrets åtar sig följande uppdrag.",
		"Enligt socialtjänstlagen (2025:400) ska kommunen erbjuda stöd till den som vårdar "
		"eller stödjer en närstående. Den skyldigheten ligger kvar hos Helsingborgs stad. "
		"Den går inte över till Helsingborgs rödakorskrets",
		/* Kommunens åtaganden: two parties, one a kommun */
		"Helsingborgs stad åtar sig följande.",
		"Staden upplåter lokal på anhörigcentret",
		/* Frivilligpolicy */
		"frivilligpolicy som gäller hos Helsingborgs rödakorskrets",
		"tystnadslöfte",
		"Ingenting i detta avtal inskränker eller ersätter dem.",
		"Röda Korsets sju grundprinciper – humanitet, opartiskhet, neutralitet, "
		"självständighet, frivillighet, enhet och universalitet",
		"framgår av bilaga 2.",
		/* Ekonomiska villkor */
		"samlade i bilaga 3. En kostnad som inte nämns där bär varje part själv.",
		/* Personuppgifter */
		"Varje part är personuppgiftsansvarig",
		"dataskyddsförordningen (EU) 2016/679 och dataskyddslagen (2018:218)",
		"personuppgiftsbiträdesavtal",
		/* Försäkring */
		"De frivilliga som deltar genom Helsingborgs rödakorskrets är försäkrade",
		"olycksfallsförsäkring och ansvarsförsäkring",
		/* Offentlighet och sekretess: the kommun is the public party */
		"För Helsingborgs stad gäller offentlighets- och sekretesslagen (2009:400).",
		"2 kap. tryckfrihetsförordningen (1949:105)",
		/* Avtalstid */
		"Avtalet gäller från och med 1 april 2026 till och med 31 mars 2027.",
		"Avtalstiden är ett (1) år.",
		"fortsätta att gälla i ytterligare ett (1) år",
		"Skriftlig uppföljning görs senast: 31 mars 2028.",
		"Vid uppföljningen den 10 mars 2027 beslutade parterna att fortsätta samarbetet "
		"till och med 31 mars 2028.",
		/* Uppsägning */
		"säga upp avtalet skriftligen med en uppsägningstid om en (1) månad. "
		"Uppsägningen skickas till den andra parten.",
		"får den andra parten säga upp avtalet med omedelbar verkan",
		/* Tvister */
		"Uppstår oenighet om hur avtalet ska tolkas eller tillämpas",
		"Svensk rätt gäller för avtalet.",
		/* Ändringar */
		"gjorts skriftligen och godkänts av samtliga parter",
		"Detta avtal upprättas i två (2) likalydande exemplar, ett för varje part.",
		NULL
	};
	xmlDocPtr d = fixture("helsingborg.xml");
	char *flat;
	result r;

	CHECK(d != NULL);
	CHECK_OK(layout(&r, "agreement.xsl", d, NULL));
	flat = collapse_space(r.text);
	CHECK(in_order(r.text, headings));
	CHECK(in_order(r.text, parties));
	CHECK(in_order(flat, clauses));
	/* Signed and in force: not a draft. */
	CHECK_INT(xpath_num(r.doc, "count(/document/@watermark)"), 0);
	/* The statutory duty is cited as in force on the agreement's date. */
	CHECK_NOT_CONTAINS(flat, "socialtjänstlagen (2001:453)");
	free(flat);
	CHECK_CONTAINS(r.text, "Två grupper per termin, sex träffar à två timmar varannan vecka.");
	CHECK_CONTAINS(r.text, "Fika vid gruppträffar – betalas av Helsingborgs stad "
		       "(3 000 kr per termin)");
	CHECK_CONTAINS(r.text, "Att bli cirkelledare inom anhörigstöd");
	CHECK_XPATH(r.doc, "string(/document/header/@left)", "Samarbetsavtal 2026-0001");
	CHECK_XPATH(r.doc, "string(/document/header/@right)", "Version 1");
	CHECK_XPATH(r.doc, "string(/document/footer/@left)",
		    "Samarbetsavtal om anhörigstöd i Helsingborg");
	CHECK_XPATH(r.doc, "string(/document/@title)", "Samarbetsavtal om anhörigstöd i Helsingborg");
	CHECK_INT(xpath_num(r.doc, "count(//signatures/signature)"), 2);
	CHECK_XPATH(r.doc, "string(//signature[@id='krets']/@name)", "Lars Öberg");
	CHECK_XPATH(r.doc, "string(//signature[@id='krets']/@party)", "Helsingborgs rödakorskrets");
	CHECK_XPATH(r.doc, "string(//signature[@id='krets']/@place)", "Helsingborg");
	CHECK_XPATH(r.doc, "string(//signature[@id='krets']/@date)", "2026-03-20");
	CHECK_XPATH(r.doc, "string(//signature[@id='kommun']/@title)",
		    "Förvaltningschef, vård- och omsorgsförvaltningen");
	CHECK_XPATH(r.doc, "string(//signature[@id='kommun']/@date)", "2026-03-24");
	/* The economy annex: what, who pays, amount. */
	CHECK_XPATH(r.doc, "string(//h1[starts-with(., 'Bilaga 3')]/following-sibling::table[1]"
		    "/row[3]/cell[2])", "Helsingborgs rödakorskrets");
	CHECK_XPATH(r.doc, "string(//h1[starts-with(., 'Bilaga 3')]/following-sibling::table[1]"
		    "/thead/row/cell[3])", "Belopp");
	/* Seven courses for samtalsledare, five for anhörigstödjare. */
	CHECK_INT(xpath_num(r.doc, "count(//h2[.='Samtalsledare']/following-sibling::list[1]/item)"), 7);
	CHECK_INT(xpath_num(r.doc, "count(//h2[.='Anhörigstödjare']/following-sibling::list[1]/item)"), 5);
	result_dispose(&r);
	xmlFreeDoc(d);
}

TEST(agreement_version_parameters)
{
	const char *params[] = { "version-label", "Utkast \"A\" 'B'", NULL };
	const char *params2[] = { "version", "7", NULL };
	xmlDocPtr d = fixture("helsingborg.xml");
	result r;

	CHECK(d != NULL);
	CHECK_OK(layout(&r, "agreement.xsl", d, params));
	CHECK_XPATH(r.doc, "string(/document/header/@right)", "Utkast \"A\" 'B'");
	result_dispose(&r);
	CHECK_OK(layout(&r, "agreement.xsl", d, params2));
	CHECK_XPATH(r.doc, "string(/document/header/@right)", "Version 7");
	CHECK_CONTAINS(r.text, "Samarbetsavtal 2026-0001, version 7");
	result_dispose(&r);
	xmlFreeDoc(d);
}

TEST(agreement_umea_many_parties)
{
	static const char *const order[] = {
		"<h1>Överenskommelse</h1>", "1 Parter",
		"Denna överenskommelse har träffats mellan följande fem (5) parter, nedan gemensamt "
		"kallade parterna:",
		"Kriminalvården, frivården Umeå", "Patientnämnden, Region Västerbotten",
		"Umeå kommun, socialtjänsten", "Överförmyndarnämnden i Umeå",
		"Föreningen Frivilliga i Umeå",
		"202199-0045", "232199-0174", "212000-9986", "212000-9978", "802499-3126",
		"2 Bakgrund", "Parterna vill gemensamt rekrytera och stödja frivilliga",
		"Överenskommelsen reglerar hur Föreningen Frivilliga i Umeå och de offentliga "
		"parterna samverkar",
		"ingen frivillig blir anställd eller får en ställning som liknar en anställning "
		"genom denna överenskommelse.", "(jfr prop. 2009/10:55)",
		"3 Uppdragsbeskrivning", "Samverkan gäller de frivilliga som tar uppdrag som en "
		"lag reglerar.",
		"Lekmannaövervakare", "brottsbalken (1962:700)",
		"Stödperson", "30 § lagen (1991:1128) om psykiatrisk tvångsvård",
		"God man och förvaltare", "11 kap. 4 § föräldrabalken (1949:381)",
		"Kontaktperson och kontaktfamilj", "socialtjänstlagen (2025:400)",
		"9 § 4 lagen (1993:387) om stöd och service till vissa funktionshindrade",
		"Myndigheten behåller hela sitt ansvar enligt lag.",
		"Föreningen Frivilliga i Umeå utför inga uppgifter som är myndighetsutövning.",
		"4 Parternas åtaganden", "Parterna åtar sig följande.",
		"5 De frivilliga", "Rekrytering.", "Lämplighet.", "Tystnadsplikt och tystnadslöfte.",
		"tystnadslöfte", "Stöd och uppmuntran.", "Utbildning.",
		"6 Ekonomiska villkor",
		"7 Styrgrupp", "En styrgrupp med företrädare för parterna leder samverkan",
		"Nils Åberg", "Verksamhetsledare",
		"8 Personuppgifter", "dataskyddsförordningen (EU) 2016/679",
		"9 Försäkring", "De frivilliga som deltar genom Föreningen Frivilliga i Umeå är "
		"försäkrade",
		"10 Offentlighet och sekretess", "offentlighets- och sekretesslagen (2009:400)",
		"11 Avtalstid och uppföljning",
		"Överenskommelsen gäller från och med 1 januari 2026 till och med 31 december 2026.",
		"12 Uppsägning", "uppsägningstid om tre (3) månader",
		"Uppsägningen skickas till samtliga övriga parter.",
		"var och en av de övriga parterna",
		"13 Tvister", "Svensk rätt gäller för överenskommelsen.",
		"14 Ändringar och tillägg",
		"Denna överenskommelse upprättas i fem (5) likalydande exemplar, ett för varje part.",
		"Bilaga 1 Behovskartläggning", "Vad de offentliga parterna kan bidra med",
		"Bilaga 2 Frivilligas roller och utbildning", "Lekmannaövervakare", "God man",
		"Bilaga 3 Ekonomi", "Bilaga 4 Mötesstruktur", "sex gånger per år",
		"Underskrifter", "Denna överenskommelse har upprättats i Umeå.",
		NULL
	};
	xmlDocPtr d = fixture("umea.xml");
	char *flat;
	result r;

	CHECK(d != NULL);
	CHECK_OK(layout(&r, "agreement.xsl", d, NULL));
	flat = collapse_space(r.text);
	CHECK(in_order(flat, order));
	free(flat);
	/* No Red Cross branch among the parties: no Red Cross principles. */
	CHECK_NOT_CONTAINS(r.text, "grundprinciper");
	/* Five parties, two of them kommuner: the parties' commitments, not the kommun's. */
	CHECK_NOT_CONTAINS(r.text, "Kommunens åtaganden");
	CHECK_INT(xpath_num(r.doc, "count(/document/@watermark)"), 0);
	CHECK_XPATH(r.doc, "string(/document/header/@left)", "Överenskommelse 2026-0007");
	CHECK_INT(xpath_num(r.doc, "count(//signatures/signature)"), 5);
	CHECK_XPATH(r.doc, "string(//signature[@id='overformyndare']/@name)", "Gunilla Öhman");
	CHECK_XPATH(r.doc, "string(//signature[@id='forening']/@date)", "2025-12-16");
	CHECK_INT(xpath_num(r.doc, "count(//h2[.='7 Styrgrupp']/following-sibling::table[1]/row)"), 5);
	CHECK_XPATH(r.doc, "string(//h2[.='7 Styrgrupp']/following-sibling::table[1]/row[5]/cell[2])",
		    "Nils Åberg");
	/* Six working-group meetings (one with the managers) and the follow-up. */
	CHECK_INT(xpath_num(r.doc, "count(//h1[starts-with(., 'Bilaga 4')]/following-sibling::table[1]"
			    "/row[starts-with(cell[2], 'Arbetsgruppsmöte')])"), 6);
	CHECK_XPATH(r.doc, "string(//h1[starts-with(., 'Bilaga 4')]/following-sibling::table[1]"
		    "/row[4]/cell[1])", "8 september 2026");
	CHECK_XPATH(r.doc, "string(//h1[starts-with(., 'Bilaga 4')]/following-sibling::table[1]"
		    "/row[4]/cell[2])", "Arbetsgruppsmöte med cheferna");
	CHECK_XPATH(r.doc, "string(//h1[starts-with(., 'Bilaga 4')]/following-sibling::table[1]"
		    "/row[6]/cell[1])", "15 november 2026");
	result_dispose(&r);
	xmlFreeDoc(d);
}

TEST(agreement_draft_has_empty_sections)
{
	static const char *const order[] = {
		"1 Parter", "2 Bakgrund", "Ej angivet", "3 Uppdragsbeskrivning",
		"Helsingborgs rödakorskrets åtar sig följande uppdrag.", "Ej angivet",
		"socialtjänstlagen (2025:400)",
		"4 Kommunens åtaganden", "Helsingborgs stad åtar sig följande.", "Ej angivet",
		"5 Frivilligpolicy", "Röda Korsets sju grundprinciper", "Ej angivet",
		"6 Ekonomiska villkor", "Ej angivet", "7 Personuppgifter", "8 Försäkring",
		"9 Offentlighet och sekretess", "10 Avtalstid och uppföljning",
		"Avtalstid: Ej angivet.", "fortsätta att gälla under ytterligare en period.",
		"11 Uppsägning", "en (1) månad", "12 Tvister", "13 Ändringar och tillägg",
		"Underskrifter", "Ort: Ej angivet.", NULL
	};
	xmlDocPtr d = fixture("helsingborg-draft.xml");
	char *flat;
	result r;

	CHECK(d != NULL);
	CHECK_OK(layout(&r, "agreement.xsl", d, NULL));
	flat = collapse_space(r.text);
	CHECK(in_order(flat, order));
	free(flat);
	/* Its phase is not frozen for signing: a draft, marked on every page. */
	CHECK_XPATH(r.doc, "string(/document/@watermark)", "UTKAST");
	CHECK_NOT_CONTAINS(r.text, "Bilaga");
	CHECK_NOT_CONTAINS(r.text, "Styrgrupp");
	CHECK_INT(xpath_num(r.doc, "count(//signature)"), 2);
	CHECK_XPATH(r.doc, "concat(//signature[1]/@place, '|', //signature[1]/@date, '|', "
		    "//signature[1]/@name)", "||");
	CHECK_XPATH(r.doc, "string(//table[1]/row[1]/cell[2])", "Ej angivet");
	result_dispose(&r);
	xmlFreeDoc(d);
}

TEST(agreement_amended)
{
	xmlDocPtr d = fixture("helsingborg-amended.xml");
	result r;

	CHECK(d != NULL);
	CHECK_OK(layout(&r, "agreement.xsl", d, NULL));
	CHECK_XPATH(r.doc, "string(/document/header/@right)", "Version 2");
	/* Its phase (andring) is not frozen for signing: the amended text is a draft. */
	CHECK_XPATH(r.doc, "string(/document/@watermark)", "UTKAST");
	CHECK_CONTAINS(r.text, "<h2>13 Ändringar och tillägg</h2>");
	CHECK_CONTAINS(r.text, "Tre grupper per termin");
	CHECK_CONTAINS(r.text, "Ändring 1 (version 1 till 2, 1 september 2026): Kretsen utökar "
		       "till tre samtalsgrupper per termin");
	/* The proposed amendment 2 is not part of the text yet. */
	CHECK_NOT_CONTAINS(r.text, "Ändring 2");
	CHECK_XPATH(r.doc, "string(//signature[@id='krets']/@date)", "2026-09-15");
	result_dispose(&r);
	xmlFreeDoc(d);
}

/* ---- the other documents ---- */

TEST(decision_extract)
{
	const char *kommun[] = { "party", "kommun", NULL };
	const char *nobody[] = { "party", "nope", NULL };
	const char *overf[] = { "party", "overformyndare", NULL };
	static const char *const order[] = {
		"<h1>Protokollsutdrag</h1>", "Helsingborgs stad", "Organ", "vård- och omsorgsnämnden",
		"Sammanträdesdatum", "19 februari 2026", "Paragraf", "§ 34", "Ärende",
		"Samarbetsavtal 2026-0001: Samarbetsavtal om anhörigstöd i Helsingborg", "Beslut",
		"Nämnden godkänner att samarbetsavtal tecknas med Helsingborgs rödakorskrets.",
		"Utfall", "Bifall",
		"Beslutet innebär att Helsingborgs stad ingår avtalet ”Samarbetsavtal om anhörigstöd "
		"i Helsingborg” med Helsingborgs rödakorskrets.",
		"Rätt utdraget intygar", NULL
	};
	xmlDocPtr d = fixture("helsingborg.xml"), u = fixture("umea.xml");
	result r;

	CHECK(d != NULL && u != NULL);
	CHECK_OK(layout(&r, "decision.xsl", d, kommun));
	CHECK(in_order(r.text, order));
	CHECK_NOT_CONTAINS(r.text, "kretsstyrelse");
	CHECK_INT(xpath_num(r.doc, "count(//signature)"), 1);
	result_dispose(&r);

	/* Without a party: the first decision recorded (the branch board's). */
	CHECK_OK(layout(&r, "decision.xsl", d, NULL));
	CHECK_CONTAINS(r.text, "kretsstyrelse");
	CHECK_CONTAINS(r.text, "§ 12");
	CHECK_CONTAINS(r.text, "10 februari 2026");
	result_dispose(&r);

	CHECK_ERR(layout(&r, "decision.xsl", d, nobody), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "has no decision by party nope");

	CHECK_OK(layout(&r, "decision.xsl", u, overf));
	CHECK_CONTAINS(r.text, "överförmyndarnämnden");
	CHECK_CONTAINS(r.text, "§ 19");
	CHECK_CONTAINS(r.text, "Beslutet innebär att Överförmyndarnämnden i Umeå ingår "
		       "överenskommelsen");
	result_dispose(&r);
	xmlFreeDoc(d);
	xmlFreeDoc(u);
}

TEST(decision_missing_in_draft)
{
	xmlDocPtr d = fixture("helsingborg-draft.xml");
	result r;

	CHECK(d != NULL);
	CHECK_ERR(layout(&r, "decision.xsl", d, NULL), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "agreement 2026-0002 has no decisions");
	xmlFreeDoc(d);
}

TEST(needs_summary)
{
	static const char *const order[] = {
		"<h1>Behovskartläggning</h1>", "Samarbetsavtal om anhörigstöd i Helsingborg",
		"Första kontakt", "12 januari 2026", "Helsingborgs stad",
		"Karin Ek, lokal utvecklare i kretsen", "Behov och bidrag", "Lokala behov",
		"saknar ett sammanhang att prata i",
		"Vad Helsingborgs rödakorskrets kan bidra med", "utbildade volontärer",
		"Vad Helsingborgs stad kan bidra med", "lokal på anhörigcentret",
		"Målgrupp", "Vuxna anhöriga, från 18 år", "Mål", "Minst två samtalsgrupper", NULL
	};
	xmlDocPtr d = fixture("helsingborg.xml"), e = fixture("helsingborg-draft.xml");
	result r;

	CHECK(d != NULL && e != NULL);
	CHECK_OK(layout(&r, "needs.xsl", d, NULL));
	CHECK(in_order(r.text, order));
	result_dispose(&r);
	CHECK_OK(layout(&r, "needs.xsl", e, NULL));
	CHECK_CONTAINS(r.text, "Kontakt");
	CHECK_INT(xpath_num(r.doc, "count(//kv/item[. = 'Ej angivet'])"), 9);
	result_dispose(&r);
	xmlFreeDoc(d);
	xmlFreeDoc(e);
}

TEST(followup_report)
{
	const char *first[] = { "index", "1", NULL };
	const char *second[] = { "index", "2", NULL };
	static const char *const order[] = {
		"<h1>Uppföljning</h1>", "Datum för uppföljningen", "10 mars 2027",
		"från och med 1 april 2026 till och med 31 mars 2027", "Frågor och svar",
		"1. Behöver något i avtalet ändras?", "Inga ändringar behövs i avtalet.",
		"2. Ska samarbetet fortsätta?", "Ja, parterna vill fortsätta ett år till.",
		"3. Har vi nått rätt målgrupp?", "4. Följer vi båda parternas mål?",
		"5. Har vi rätt volontärer för uppdraget?", "Ja, fyra samtalsledare är aktiva.",
		"6. Behövs mer utbildning?", "En repetitionsutbildning om sorg och förlust önskas.",
		"<h2>Beslut</h2>", "Parterna beslutade att fortsätta samarbetet.", "fortsätta",
		"Ny avtalstid till och med", "31 mars 2028", NULL
	};
	xmlDocPtr d = fixture("helsingborg.xml"), e = fixture("helsingborg-draft.xml");
	result r;

	CHECK(d != NULL && e != NULL);
	CHECK_OK(layout(&r, "followup.xsl", d, NULL));
	CHECK(in_order(r.text, order));
	result_dispose(&r);
	CHECK_OK(layout(&r, "followup.xsl", d, first));
	CHECK(in_order(r.text, order));
	result_dispose(&r);
	CHECK_ERR(layout(&r, "followup.xsl", d, second), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "has no follow-up number 2 (it has 1)");
	CHECK_ERR(layout(&r, "followup.xsl", e, NULL), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "has no follow-ups");
	xmlFreeDoc(d);
	xmlFreeDoc(e);
}

TEST(termination_with_notice)
{
	static const char *const order[] = {
		"<h1>Uppsägning</h1>", "Samarbetsavtal om anhörigstöd i Helsingborg",
		"Från", "Helsingborgs stad", "Till", "Helsingborgs rödakorskrets",
		"Datum för uppsägningen", "14 maj 2027", "Uppsägningstid", "en (1) månad",
		"Avtalet upphör", "14 juni 2027",
		"Helsingborgs stad säger härmed upp avtalet ”Samarbetsavtal om anhörigstöd i "
		"Helsingborg” (Samarbetsavtal 2026-0001). Uppsägningstiden är en (1) månad, och "
		"avtalet upphör därmed att gälla den 14 juni 2027.",
		"Skäl för uppsägningen", "Staden samlar anhörigstödet", "Mottagare",
		"Helsingborgs rödakorskrets, Drottninggatan 14, 252 21 Helsingborg", NULL
	};
	xmlDocPtr d = fixture("helsingborg-terminated.xml"), a = fixture("helsingborg.xml");
	result r;

	CHECK(d != NULL && a != NULL);
	CHECK_OK(layout(&r, "termination.xsl", d, NULL));
	CHECK(in_order(r.text, order));
	CHECK_NOT_CONTAINS(r.text, "omedelbar verkan");
	CHECK_INT(xpath_num(r.doc, "count(//signature)"), 1);
	CHECK_XPATH(r.doc, "string(//signature/@id)", "kommun");
	CHECK_XPATH(r.doc, "string(//signature/@name)", "Per Ståhl");
	result_dispose(&r);
	CHECK_ERR(layout(&r, "termination.xsl", a, NULL), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "agreement 2026-0001 has not been terminated");
	xmlFreeDoc(d);
	xmlFreeDoc(a);
}

TEST(termination_immediate)
{
	xmlDocPtr d = fixture("helsingborg-terminated.xml");
	xmlNodePtr t;
	result r;

	CHECK(d != NULL);
	t = ov_xml_child(xmlDocGetRootElement(d), "termination");
	xmlSetProp(t, (const xmlChar *)"party", (const xmlChar *)"krets");
	xmlSetProp(t, (const xmlChar *)"immediate", (const xmlChar *)"yes");
	xmlSetProp(t, (const xmlChar *)"effective", (const xmlChar *)"2027-05-14");
	xmlNodeSetContent(ov_xml_child(t, "reason"),
			  (const xmlChar *)"Staden har upprepade gånger ställt in gruppträffarna.");
	CHECK_OK(ov_rng_validate(d, TEMPLATES "/agreement.rng", "immediate.xml"));
	CHECK_OK(layout(&r, "termination.xsl", d, NULL));
	CHECK_CONTAINS(r.text, "Helsingborgs rödakorskrets säger härmed upp avtalet "
		       "”Samarbetsavtal om anhörigstöd i Helsingborg” (Samarbetsavtal 2026-0001) "
		       "med omedelbar verkan. Avtalet upphör att gälla den 14 maj 2027.");
	CHECK_CONTAINS(r.text, "Ingen, uppsägning med omedelbar verkan");
	CHECK_CONTAINS(r.text, "Staden har upprepade gånger ställt in gruppträffarna.");
	CHECK_XPATH(r.doc, "string(//kv/item[@key='Till'])", "Helsingborgs stad");
	CHECK_XPATH(r.doc, "string(//signature/@name)", "Lars Öberg");
	result_dispose(&r);
	xmlFreeDoc(d);
}

TEST(amendment_document)
{
	const char *first[] = { "index", "1", NULL };
	const char *third[] = { "index", "3", NULL };
	static const char *const last[] = {
		"<h1>Ändring och tillägg nr 2</h1>", "Föreslagen av", "Helsingborgs stad",
		"5 oktober 2026", "från version 2 till version 3",
		"Föreslagen, ännu inte godkänd av samtliga parter",
		"Staden står även för material till grupperna.", "Ekonomiska villkor",
		"Fika vid gruppträffar", "Fika och material vid gruppträffar", "Godkännanden",
		"Helsingborgs rödakorskrets", "Ej godkänt ännu", "Helsingborgs stad",
		"6 oktober 2026", "per.stahl@example.se", "version 3 av avtalet", NULL
	};
	static const char *const one[] = {
		"<h1>Ändring och tillägg nr 1</h1>", "Helsingborgs rödakorskrets",
		"1 september 2026", "från version 1 till version 2", "Godkänd av samtliga parter",
		"Uppdragets omfattning", "Två grupper per termin", "Tre grupper per termin",
		"3 september 2026", "lars.oberg@example.org", "10 september 2026", NULL
	};
	xmlDocPtr d = fixture("helsingborg-amended.xml");
	result r;

	CHECK(d != NULL);
	CHECK_OK(layout(&r, "amendment.xsl", d, NULL));
	CHECK(in_order(r.text, last));
	result_dispose(&r);
	CHECK_OK(layout(&r, "amendment.xsl", d, first));
	CHECK(in_order(r.text, one));
	CHECK_NOT_CONTAINS(r.text, "Ej godkänt ännu");
	result_dispose(&r);
	CHECK_ERR(layout(&r, "amendment.xsl", d, third), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "has no amendment number 3 (it has 2)");
	xmlFreeDoc(d);
}

/* Builds <agreements> holding the roots of the named fixtures. */
static xmlDocPtr agreements_of(const char *const *names)
{
	xmlDocPtr all = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr root = xmlNewDocNode(all, NULL, (const xmlChar *)"agreements", NULL);

	xmlDocSetRootElement(all, root);
	for (; *names; names++) {
		xmlDocPtr d = fixture(*names);
		if (d)
			xmlAddChild(root, xmlDocCopyNode(xmlDocGetRootElement(d), all, 1));
		xmlFreeDoc(d);
	}
	return all;
}

TEST(calendar_one_agreement)
{
	const char *y2027[] = { "year", "2027", NULL };
	static const char *const order[] = {
		"<h1>Årshjul</h1>", "Överenskommelse om frivilliga uppdrag i Umeå",
		"sex gånger per år", "Datum", "Händelse",
		"10 februari 2026", "14 april 2026", "9 juni 2026", "8 september 2026",
		"Arbetsgruppsmöte med cheferna", "30 september 2026",
		"Sista dag att säga upp avtalet före avtalstidens slut", "13 oktober 2026",
		"15 november 2026", "Skriftlig uppföljning", "8 december 2026",
		"31 december 2026", "Avtalstiden löper ut", NULL
	};
	xmlDocPtr d = fixture("umea.xml");
	result r;

	CHECK(d != NULL);
	CHECK_OK(layout(&r, "calendar.xsl", d, NULL));
	CHECK(in_order(r.text, order));
	CHECK_INT(xpath_num(r.doc, "count(//table/row)"), 9);
	CHECK_INT(xpath_num(r.doc, "count(//table/thead/row/cell)"), 2);
	CHECK_XPATH(r.doc, "string(/document/header/@right)", "Överenskommelse 2026-0007");
	result_dispose(&r);
	CHECK_OK(layout(&r, "calendar.xsl", d, y2027));
	CHECK_INT(xpath_num(r.doc, "count(//table)"), 0);
	CHECK_CONTAINS(r.text, "Inga datum är beräknade ännu.");
	CHECK_CONTAINS(r.text, "<h1>Årshjul 2027</h1>");
	result_dispose(&r);
	xmlFreeDoc(d);
}

TEST(calendar_all_agreements)
{
	static const char *const names[] = { "helsingborg.xml", "umea.xml", NULL };
	static const char *const order[] = {
		"Alla avtal", "Avtal", "10 februari 2026", "2026-0007 Överenskommelse om frivilliga",
		"31 december 2026", "29 februari 2028",
		"2026-0001 Samarbetsavtal om anhörigstöd i Helsingborg", "31 mars 2028", NULL
	};
	xmlDocPtr all = agreements_of(names);
	result r;

	CHECK_OK(layout(&r, "calendar.xsl", all, NULL));
	CHECK(in_order(r.text, order));
	CHECK_INT(xpath_num(r.doc, "count(//table/row)"), 12);
	CHECK_INT(xpath_num(r.doc, "count(//table/thead/row/cell)"), 3);
	CHECK_XPATH(r.doc, "string(/document/header/@right)", "Alla avtal (2)");
	CHECK_XPATH(r.doc, "string(//table/row[last()]/cell[3])",
		    "2026-0001 Samarbetsavtal om anhörigstöd i Helsingborg");
	result_dispose(&r);
	xmlFreeDoc(all);
}

/* ---- html.xsl and text.xsl ---- */

/* Every document template on the fixtures it applies to; HTML and text keep the texts. */
TEST(html_and_text_for_every_document)
{
	static const struct { const char *sheet, *fixture, *param, *value, *text; } cases[] = {
		{ "agreement.xsl", "helsingborg.xml", NULL, NULL, "13 Ändringar och tillägg" },
		{ "agreement.xsl", "umea.xml", NULL, NULL, "14 Ändringar och tillägg" },
		{ "agreement.xsl", "helsingborg-draft.xml", NULL, NULL, "Ej angivet" },
		{ "agreement.xsl", "helsingborg-amended.xml", NULL, NULL, "Tre grupper per termin" },
		{ "agreement.xsl", "helsingborg-terminated.xml", NULL, NULL,
		  "Helsingborgs stad sade upp avtalet den 14 maj 2027. Avtalet upphör att gälla den "
		  "14 juni 2027." },
		{ "decision.xsl", "helsingborg.xml", "party", "kommun", "vård- och omsorgsnämnden" },
		{ "decision.xsl", "umea.xml", "party", "frivard", "frivårdens ledningsgrupp" },
		{ "needs.xsl", "helsingborg.xml", NULL, NULL, "Vuxna anhöriga, från 18 år" },
		{ "needs.xsl", "umea.xml", NULL, NULL, "Fler frivilliga uppdrag tillsatta" },
		{ "needs.xsl", "helsingborg-draft.xml", NULL, NULL, "Behovskartläggning" },
		{ "followup.xsl", "helsingborg.xml", NULL, NULL, "Ny avtalstid till och med" },
		{ "termination.xsl", "helsingborg-terminated.xml", NULL, NULL, "14 juni 2027" },
		{ "amendment.xsl", "helsingborg-amended.xml", "index", "1", "Tre grupper per termin" },
		{ "calendar.xsl", "helsingborg.xml", NULL, NULL, "29 februari 2028" },
		{ "calendar.xsl", "umea.xml", NULL, NULL, "Arbetsgruppsmöte med cheferna" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *params[] = { cases[i].param, cases[i].value, NULL };
		xmlDocPtr d = fixture(cases[i].fixture);
		result lay, html, txt;
		int before = ovt_failed_checks;

		CHECK(d != NULL);
		CHECK_OK(layout(&lay, cases[i].sheet, d, cases[i].param ? params : NULL));
		CHECK_CONTAINS(lay.text, cases[i].text);
		CHECK_OK(transform(&html, "html.xsl", lay.doc, NULL));
		CHECK_OK(transform(&txt, "text.xsl", lay.doc, NULL));
		CHECK(!strncmp(html.text, "<!DOCTYPE html>\n<html lang=\"sv\">", 32));
		CHECK_CONTAINS(html.text, "charset=UTF-8");
		CHECK_CONTAINS(html.text, "<style>");
		CHECK_CONTAINS(html.text, "</html>");
		CHECK_CONTAINS(html.text, cases[i].text);
		{
			char *flat = collapse_space(txt.text);
			int found = strstr(flat, cases[i].text) != NULL;
			free(flat);
			CHECK(found);
		}
		/* The document's title is the HTML title; the header starts the text. */
		{
			char *title = xpath_str(lay.doc, "string(/document/@title)");
			char *left = xpath_str(lay.doc, "string(/document/header/@left)");
			char *mark = xpath_str(lay.doc, "string(/document/@watermark)");
			ov_buf want = OV_BUF_INIT, top = OV_BUF_INIT;
			ov_buf_printf(&want, "<title>%s</title>", title ? title : "?");
			CHECK_CONTAINS(html.text, want.ptr);
			/* A draft's text says so first. */
			if (mark && *mark)
				ov_buf_printf(&top, "*** %s ***\n\n", mark);
			ov_buf_puts(&top, left ? left : "?");
			CHECK(left && !strncmp(txt.text, top.ptr, top.size));
			ov_buf_dispose(&top);
			free(mark);
			ov_buf_dispose(&want);
			free(title);
			free(left);
		}
		if (ovt_failed_checks != before)
			fprintf(stderr, "  case: %s on %s\n", cases[i].sheet, cases[i].fixture);
		result_dispose(&lay);
		result_dispose(&html);
		result_dispose(&txt);
		xmlFreeDoc(d);
	}
}

TEST(html_structure)
{
	xmlDocPtr d = fixture("helsingborg.xml");
	result lay, html;

	CHECK(d != NULL);
	CHECK_OK(layout(&lay, "agreement.xsl", d, NULL));
	CHECK_OK(transform(&html, "html.xsl", lay.doc, NULL));
	CHECK_CONTAINS(html.text, "<header class=\"running\"><span>Samarbetsavtal 2026-0001</span>"
		       "<span>Version 1</span></header>");
	CHECK_CONTAINS(html.text, "<h2>1 Parter</h2>");
	CHECK_CONTAINS(html.text, "<col style=\"width: 27%\">");
	CHECK_CONTAINS(html.text, "<th>Org.nr</th>");
	CHECK_CONTAINS(html.text, "<dt>Vem utför uppdraget</dt>");
	CHECK_CONTAINS(html.text, "<ul><li>Staden upplåter lokal");
	CHECK_CONTAINS(html.text, "<div class=\"signature\" id=\"underskrift-krets\">"
		       "<p class=\"party\">Helsingborgs rödakorskrets</p><p>Ort: Helsingborg</p>"
		       "<p>Datum: 2026-03-20</p>");
	CHECK_CONTAINS(html.text, "<p class=\"name\">Lars Öberg</p>");
	CHECK_CONTAINS(html.text, "<footer class=\"running\"><span>Samarbetsavtal om anhörigstöd "
		       "i Helsingborg</span></footer>");
	CHECK_INT(count_of(html.text, "<div class=\"signature\""), 2);
	result_dispose(&lay);
	result_dispose(&html);
	xmlFreeDoc(d);
}

TEST(text_structure)
{
	xmlDocPtr d = fixture("helsingborg.xml"), e = fixture("helsingborg-draft.xml");
	result lay, txt;
	const char *p;
	size_t n;

	CHECK(d != NULL && e != NULL);
	CHECK_OK(layout(&lay, "agreement.xsl", d, NULL));
	CHECK_OK(transform(&txt, "text.xsl", lay.doc, NULL));
	CHECK(!strncmp(txt.text, "Samarbetsavtal 2026-0001 | Version 1\n\n", 38));
	CHECK_CONTAINS(txt.text, "\nSamarbetsavtal\n==============\n");
	CHECK_CONTAINS(txt.text, "\n1 Parter\n--------\n");
	CHECK_CONTAINS(txt.text, "\nPart: Helsingborgs rödakorskrets\n");
	CHECK_CONTAINS(txt.text, "\nOrg.nr: 802002-8711\n");
	CHECK_CONTAINS(txt.text, "\n  • Staden tar emot anmälningar och informerar anhöriga om "
		       "grupperna.\n");
	CHECK_CONTAINS(txt.text, "\nBelopp: 3 000 kr per termin\n");
	CHECK_CONTAINS(txt.text, "\nOrt: Helsingborg\nDatum: 2026-03-20\n");
	CHECK_CONTAINS(txt.text, "\n--\nSamarbetsavtal om anhörigstöd i Helsingborg\n");
	CHECK_NOT_CONTAINS(txt.text, "<");
	/* Wrapped: no line longer than 76 characters (counted as code points). */
	for (p = txt.text; *p; p += n + (p[n] == '\n')) {
		size_t chars = 0, k;
		n = strcspn(p, "\n");
		for (k = 0; k < n; k++)
			if (((unsigned char)p[k] & 0xc0) != 0x80)
				chars++;
		if (chars > 76)
			fprintf(stderr, "  long line: %.*s\n", (int)n, p);
		CHECK(chars <= 76);
	}
	result_dispose(&lay);
	result_dispose(&txt);
	CHECK_OK(layout(&lay, "agreement.xsl", e, NULL));
	CHECK_OK(transform(&txt, "text.xsl", lay.doc, NULL));
	CHECK_CONTAINS(txt.text, "\nOrt: ______________________\nDatum: ______________________\n");
	result_dispose(&lay);
	result_dispose(&txt);
	xmlFreeDoc(d);
	xmlFreeDoc(e);
}

/* ---- iCalendar ---- */

static int run_check_ics(const char *ics, size_t ics_len, const char *expect, const char *tag)
{
	const char *t = getenv("TMPDIR");
	ov_buf ics_path = OV_BUF_INIT, exp_path = OV_BUF_INIT;
	int status = -1, err;
	pid_t pid;

	ov_buf_printf(&ics_path, "%s/templates-%s.ics", t && *t ? t : "/tmp", tag);
	ov_buf_printf(&exp_path, "%s/templates-%s.tsv", t && *t ? t : "/tmp", tag);
	if ((err = ov_write_file_atomic(ics_path.ptr, ics, ics_len)) < 0 ||
	    (err = ov_write_file_atomic(exp_path.ptr, expect, strlen(expect))) < 0)
		goto done;
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		execlp("python3", "python3", OV_SOURCE_DIR "/tests/tools/check_ics.py",
		       ics_path.ptr, exp_path.ptr, (char *)NULL);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0)
		status = -1;
done:
	ov_buf_dispose(&ics_path);
	ov_buf_dispose(&exp_path);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(ics_helsingborg)
{
	const char *params[] = { "stamp", "20260401T120000Z", NULL };
	const char *expect =
		"stamp\t20260401T120000Z\n"
		"2026-0001-term-end-2028-03-31@overens\t2028-03-31\t2028-04-01\t"
		"Avtalstiden löper ut – Samarbetsavtal om anhörigstöd i Helsingborg\n"
		"2026-0001-notice-2028-02-29@overens\t2028-02-29\t2028-03-01\t"
		"Sista dag för uppsägning före avtalstidens slut – Samarbetsavtal om anhörigstöd "
		"i Helsingborg\n"
		"2026-0001-followup-2028-03-31@overens\t2028-03-31\t2028-04-01\t"
		"Skriftlig uppföljning – Samarbetsavtal om anhörigstöd i Helsingborg\n";
	xmlDocPtr d = fixture("helsingborg.xml");
	result r;

	CHECK(d != NULL);
	CHECK_OK(transform(&r, "calendar-ics.xsl", d, params));
	CHECK(!strncmp(r.text, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Överens//Årshjul//SV\r\n"
		       "CALSCALE:GREGORIAN\r\n", 79));
	CHECK_CONTAINS(r.text, "\r\nDTSTART;VALUE=DATE:20280229\r\nDTEND;VALUE=DATE:20280301\r\n");
	CHECK_CONTAINS(r.text, "\r\nEND:VCALENDAR\r\n");
	CHECK_INT(count_of(r.text, "BEGIN:VEVENT\r\n"), 3);
	CHECK_INT(count_of(r.text, "DTSTAMP:20260401T120000Z\r\n"), 3);
	CHECK_INT(run_check_ics(r.text, strlen(r.text), expect, "helsingborg"), 0);
	result_dispose(&r);

	/* Without a stamp: the fixed default, so the output is reproducible. */
	CHECK_OK(transform(&r, "calendar-ics.xsl", d, NULL));
	CHECK_INT(count_of(r.text, "DTSTAMP:19700101T000000Z\r\n"), 3);
	result_dispose(&r);
	xmlFreeDoc(d);
}

TEST(ics_umea_and_all)
{
	static const char *const names[] = { "helsingborg.xml", "umea.xml", NULL };
	static const char *const meetings[] = {
		"2026-02-10", "2026-02-11", "Arbetsgruppsmöte",
		"2026-04-14", "2026-04-15", "Arbetsgruppsmöte",
		"2026-06-09", "2026-06-10", "Arbetsgruppsmöte",
		"2026-09-08", "2026-09-09", "Arbetsgruppsmöte med cheferna",
		"2026-10-13", "2026-10-14", "Arbetsgruppsmöte",
		"2026-12-08", "2026-12-09", "Arbetsgruppsmöte",
		"2026-12-31", "2027-01-01", "Avtalstiden löper ut",
		"2026-09-30", "2026-10-01", "Sista dag att säga upp avtalet före avtalstidens slut",
		"2026-11-15", "2026-11-16", "Skriftlig uppföljning",
	};
	static const char *const kinds[] = {
		"meeting", "meeting", "meeting", "meeting", "meeting", "meeting",
		"term-end", "notice", "followup"
	};
	ov_buf expect = OV_BUF_INIT, all_expect = OV_BUF_INIT;
	xmlDocPtr d = fixture("umea.xml"), all = agreements_of(names);
	size_t i;
	result r;

	CHECK(d != NULL);
	ov_buf_puts(&expect, "stamp\t19700101T000000Z\n");
	for (i = 0; i < 9; i++)
		ov_buf_printf(&expect, "2026-0007-%s-%s@overens\t%s\t%s\t%s – Överenskommelse om "
			      "frivilliga uppdrag i Umeå\n", kinds[i], meetings[3 * i],
			      meetings[3 * i], meetings[3 * i + 1], meetings[3 * i + 2]);
	CHECK_OK(transform(&r, "calendar-ics.xsl", d, NULL));
	CHECK_INT(count_of(r.text, "BEGIN:VEVENT"), 9);
	CHECK_INT(run_check_ics(r.text, strlen(r.text), expect.ptr, "umea"), 0);
	result_dispose(&r);

	/* Both agreements in one calendar. */
	ov_buf_puts(&all_expect, expect.ptr);
	ov_buf_puts(&all_expect,
		"2026-0001-term-end-2028-03-31@overens\t2028-03-31\t2028-04-01\t"
		"Avtalstiden löper ut – Samarbetsavtal om anhörigstöd i Helsingborg\n"
		"2026-0001-notice-2028-02-29@overens\t2028-02-29\t2028-03-01\t"
		"Sista dag för uppsägning före avtalstidens slut – Samarbetsavtal om anhörigstöd "
		"i Helsingborg\n"
		"2026-0001-followup-2028-03-31@overens\t2028-03-31\t2028-04-01\t"
		"Skriftlig uppföljning – Samarbetsavtal om anhörigstöd i Helsingborg\n");
	CHECK_OK(transform(&r, "calendar-ics.xsl", all, NULL));
	CHECK_INT(count_of(r.text, "BEGIN:VEVENT"), 12);
	CHECK_INT(run_check_ics(r.text, strlen(r.text), all_expect.ptr, "all"), 0);
	result_dispose(&r);

	/* The checker itself refuses a wrong expectation. */
	CHECK_OK(transform(&r, "calendar-ics.xsl", d, NULL));
	ov_buf_puts(&expect, "2026-0007-meeting-2026-12-24@overens\t2026-12-24\t2026-12-25\tJul\n");
	CHECK_INT(run_check_ics(r.text, strlen(r.text), expect.ptr, "umea-wrong"), 1);
	result_dispose(&r);
	ov_buf_dispose(&expect);
	ov_buf_dispose(&all_expect);
	xmlFreeDoc(d);
	xmlFreeDoc(all);
}

/* ---- hostile data ---- */

TEST(hostile_text_stays_text)
{
	static const char *const sheets[] = {
		"agreement.xsl", "decision.xsl", "needs.xsl", "followup.xsl", "termination.xsl",
		"amendment.xsl", "calendar.xsl", NULL
	};
	xmlDocPtr d = fixture("hostile.xml");
	size_t i;

	CHECK(d != NULL);
	for (i = 0; sheets[i]; i++) {
		result lay, html, txt;
		int before = ovt_failed_checks;

		CHECK_OK(layout(&lay, sheets[i], d, NULL));
		/* No element came from the data. */
		CHECK_INT(xpath_num(lay.doc, "count(//*[self::script or self::img or self::old "
				    "or self::new or self::styrelse or self::document[parent::*]])"), 0);
		CHECK_INT(xpath_num(lay.doc, "count(//signature[@id='falsk'])"), 0);
		CHECK_INT(xpath_num(lay.doc, "count(//h1[contains(., 'rubrik')])"), 0);
		CHECK_INT(xpath_num(lay.doc, "count(//i)"), 0);
		CHECK_XPATH(lay.doc, "string(/document/footer/@left)",
			    "Avtal <b>fet</b> & &amp; \"citat\" 'apostrof' ]]> slut");
		CHECK_CONTAINS(lay.text, "Avtal &lt;b&gt;fet&lt;/b&gt; &amp; &amp;amp;");
		CHECK_OK(transform(&html, "html.xsl", lay.doc, NULL));
		CHECK_NOT_CONTAINS(html.text, "<script");
		CHECK_NOT_CONTAINS(html.text, "<img");
		CHECK_NOT_CONTAINS(html.text, "<b>fet");
		CHECK_CONTAINS(html.text, "<footer class=\"running\"><span>Avtal &lt;b&gt;fet&lt;/b&gt; "
			       "&amp; &amp;amp; \"citat\" 'apostrof' ]]&gt; slut</span></footer>");
		if (!strcmp(sheets[i], "agreement.xsl"))
			CHECK_CONTAINS(html.text, "<title>Avtal &lt;b&gt;fet&lt;/b&gt; &amp; "
				       "&amp;amp; \"citat\" 'apostrof' ]]&gt; slut</title>");
		CHECK_OK(transform(&txt, "text.xsl", lay.doc, NULL));
		CHECK_CONTAINS(txt.text, "Avtal <b>fet</b> & &amp; \"citat\" 'apostrof' ]]> slut");
		if (ovt_failed_checks != before)
			fprintf(stderr, "  sheet: %s\n", sheets[i]);
		result_dispose(&lay);
		result_dispose(&html);
		result_dispose(&txt);
	}
	xmlFreeDoc(d);
}

TEST(hostile_details)
{
	xmlDocPtr d = fixture("hostile.xml");
	result lay, txt, ics;

	CHECK(d != NULL);
	CHECK_OK(layout(&lay, "agreement.xsl", d, NULL));
	CHECK_CONTAINS(lay.text, "&lt;script&gt;alert(\"x\")&lt;/script&gt; Kretsen &amp; co");
	CHECK_CONTAINS(lay.text, "&lt;list kind=\"number\"&gt;&lt;item&gt;injicerad");
	/* Line breaks in the data become <br/>, nothing else. */
	CHECK_CONTAINS(lay.text, "Första raden &lt;p&gt;<br/>Andra raden &amp;nbsp; "
		       "&lt;/document&gt;");
	CHECK_XPATH(lay.doc, "string(//signature[@id='krets']/@name)", "Lars <i>Öberg</i>");
	CHECK_INT(xpath_num(lay.doc, "count(//list)"), 2);
	CHECK_OK(transform(&txt, "text.xsl", lay.doc, NULL));
	CHECK_CONTAINS(txt.text, "<script>alert(\"x\")</script> Kretsen & co");
	CHECK_CONTAINS(txt.text, "Ordförande ]]> &lt;");
	result_dispose(&lay);
	result_dispose(&txt);

	CHECK_OK(layout(&lay, "termination.xsl", d, NULL));
	CHECK_CONTAINS(lay.text, "med omedelbar verkan");
	CHECK_CONTAINS(lay.text, "Allvarligt avtalsbrott: &lt;signature id=\"falsk\"/&gt;");
	CHECK_INT(xpath_num(lay.doc, "count(//signature)"), 1);
	result_dispose(&lay);

	CHECK_OK(transform(&ics, "calendar-ics.xsl", d, NULL));
	CHECK_INT(run_check_ics(ics.text, strlen(ics.text),
		"stamp\t19700101T000000Z\n"
		"2026-0666-meeting-2026-03-03@overens\t2026-03-03\t2026-03-04\t"
		"Möte; del 1, <i>kursiv</i> \\ snedstreck – Avtal <b>fet</b> & &amp; \"citat\" "
		"'apostrof' ]]> slut\n"
		"2026-0666-term-end-2026-06-01@overens\t2026-06-01\t2026-06-02\t"
		"Avtalet upphör efter uppsägning – Avtal <b>fet</b> & &amp; \"citat\" "
		"'apostrof' ]]> slut\n", "hostile"), 0);
	CHECK_CONTAINS(ics.text, "SUMMARY:Möte\\; del 1\\, <i>kursiv</i> \\\\ snedstreck");
	result_dispose(&ics);
	xmlFreeDoc(d);
}

OVT_MAIN(
	TEST_ENTRY(fixtures_validate),
	TEST_ENTRY(broken_agreements_refused),
	TEST_ENTRY(immediate_termination_needs_reason),
	TEST_ENTRY(agreement_helsingborg),
	TEST_ENTRY(agreement_version_parameters),
	TEST_ENTRY(agreement_umea_many_parties),
	TEST_ENTRY(agreement_draft_has_empty_sections),
	TEST_ENTRY(agreement_amended),
	TEST_ENTRY(decision_extract),
	TEST_ENTRY(decision_missing_in_draft),
	TEST_ENTRY(needs_summary),
	TEST_ENTRY(followup_report),
	TEST_ENTRY(termination_with_notice),
	TEST_ENTRY(termination_immediate),
	TEST_ENTRY(amendment_document),
	TEST_ENTRY(calendar_one_agreement),
	TEST_ENTRY(calendar_all_agreements),
	TEST_ENTRY(html_and_text_for_every_document),
	TEST_ENTRY(html_structure),
	TEST_ENTRY(text_structure),
	TEST_ENTRY(ics_helsingborg),
	TEST_ENTRY(ics_umea_and_all),
	TEST_ENTRY(hostile_text_stays_text),
	TEST_ENTRY(hostile_details)
)
