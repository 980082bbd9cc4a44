/*
 * test_pdf.c - the PDF renderer (engine/documents/pdf.c), checked with the real tools:
 * pdftotext (text, order, word boxes), pdffonts, pdfinfo, pdfdetach and
 * qpdf.  Layouts come from tests/fixtures/layout/ or are built here with
 * the libxml2 tree API (so that control characters can reach the renderer).
 */
#define _GNU_SOURCE /* dl_iterate_phdr */
#include <dirent.h>
#include <dlfcn.h>
#include <elf.h>
#include <hpdf_utils.h>
#include <link.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ovtest.h"
#include "ovtest_shell.h"
#include "overens/buf.h"
#include "engine/documents/pdf.h"
#include "engine/signing/pdfparse.h"
#include "engine/base/xmlsafe.h"

#define FIXTURES OV_SOURCE_DIR "/tests/fixtures/layout/"
#define RNG OV_SOURCE_DIR "/templates/layout.rng"
#define TOL 0.01

/* ------------------------------------------------------------------ */
/* Helpers                                                             */


/* First occurrence of `needle` in `hay` (binary), or NULL. */
static const char *find(const char *hay, size_t len, const char *needle, size_t nlen)
{
	size_t i;

	for (i = 0; nlen <= len && i <= len - nlen; i++)
		if (hay[i] == needle[0] && !memcmp(hay + i, needle, nlen))
			return hay + i;
	return NULL;
}

static int write_file(const char *path, const ov_buf *b)
{
	FILE *f = fopen(path, "wb");
	size_t n;

	if (!f)
		return -1;
	n = fwrite(b->ptr, 1, b->size, f);
	return fclose(f) == 0 && n == b->size ? 0 : -1;
}

static int render_doc(ov_buf *out, xmlDocPtr doc, const ov_pdf_options *o,
		      ov_pdf_sigbox **boxes, size_t *nboxes)
{
	ov_buf_clear(out);
	return ov_pdf_render(out, doc, o, boxes, nboxes);
}

/* Renders `doc` and writes it to $TMPDIR/test_pdf_<name>.pdf (path in `path`). */
static int render_to(ov_buf *path, xmlDocPtr doc, const ov_pdf_options *o,
		     const char *name)
{
	ov_buf pdf = OV_BUF_INIT;
	int err;

	ov_buf_clear(path);
	ov_buf_printf(path, "%s/test_pdf_%s.pdf", tmpdir(), name);
	err = render_doc(&pdf, doc, o, NULL, NULL);
	if (!err && write_file(path->ptr, &pdf) < 0)
		err = OV_ERROR;
	ov_buf_dispose(&pdf);
	return err;
}

static xmlDocPtr load_fixture(const char *name)
{
	ov_buf p = OV_BUF_INIT;
	xmlDocPtr doc = NULL;

	ov_buf_printf(&p, "%s%s", FIXTURES, name);
	if (ov_xml_parse_file(&doc, p.ptr) < 0)
		doc = NULL;
	ov_buf_dispose(&p);
	return doc;
}

static xmlDocPtr parse_string(const char *xml)
{
	xmlDocPtr doc = NULL;

	if (ov_xml_parse_memory(&doc, xml, strlen(xml), "inline.xml") < 0)
		return NULL;
	return doc;
}

/* A word from pdftotext -bbox. */
typedef struct word {
	int page;
	double x0, y0, x1, y1; /* top-left origin, as pdftotext reports */
	char *text;
} word;

typedef struct words {
	word *w;
	size_t n, alloc;
	int pages;
} words;

static void words_free(words *ws)
{
	size_t i;

	for (i = 0; i < ws->n; i++)
		free(ws->w[i].text);
	free(ws->w);
	memset(ws, 0, sizeof(*ws));
}

static char *unescape(const char *s, size_t len)
{
	ov_buf b = OV_BUF_INIT;
	size_t i = 0;

	ov_buf_put(&b, "", 0);
	while (i < len) {
		static const struct { const char *ent, *ch; } ents[] = {
			{ "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" },
			{ "&quot;", "\"" }, { "&apos;", "'" },
		};
		size_t k, done = 0;
		for (k = 0; k < sizeof(ents) / sizeof(ents[0]); k++) {
			size_t el = strlen(ents[k].ent);
			if (i + el <= len && !memcmp(s + i, ents[k].ent, el)) {
				ov_buf_puts(&b, ents[k].ch);
				i += el;
				done = 1;
				break;
			}
		}
		if (!done)
			ov_buf_putc(&b, s[i++]);
	}
	return ov_buf_detach(&b);
}

/* Reads every word with its box and page from `pdftotext -bbox`. */
static int read_words(words *ws, const char *pdf)
{
	ov_buf out = OV_BUF_INIT;
	const char *p;
	int st;

	memset(ws, 0, sizeof(*ws));
	st = run(&out, "pdftotext -bbox '%s' -", pdf);
	if (st != 0) {
		ov_buf_dispose(&out);
		return -1;
	}
	for (p = out.ptr; (p = strchr(p, '<')) != NULL; p++) {
		word w;
		const char *gt, *end;

		if (!strncmp(p, "<page ", 6)) {
			ws->pages++;
			continue;
		}
		if (strncmp(p, "<word ", 6))
			continue;
		if (sscanf(p, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"",
			   &w.x0, &w.y0, &w.x1, &w.y1) != 4)
			continue;
		gt = strchr(p, '>');
		end = gt ? strstr(gt, "</word>") : NULL;
		if (!end)
			break;
		w.page = ws->pages - 1;
		w.text = unescape(gt + 1, (size_t)(end - gt - 1));
		if (ws->n == ws->alloc) {
			ws->alloc = ws->alloc ? ws->alloc * 2 : 256;
			ws->w = realloc(ws->w, ws->alloc * sizeof(*ws->w));
		}
		ws->w[ws->n++] = w;
		p = end;
	}
	ov_buf_dispose(&out);
	return 0;
}

/* The first word outside the margins, or NULL. */
static const word *outside_margins(const words *ws)
{
	size_t i;

	for (i = 0; i < ws->n; i++) {
		const word *w = &ws->w[i];
		if (w->x0 < OV_PDF_MARGIN_LEFT - TOL ||
		    w->x1 > OV_PDF_PAGE_WIDTH - OV_PDF_MARGIN_RIGHT + TOL ||
		    w->y0 < OV_PDF_MARGIN_TOP - TOL ||
		    w->y1 > OV_PDF_PAGE_HEIGHT - OV_PDF_MARGIN_BOTTOM + TOL)
			return w;
	}
	return NULL;
}

/* 1 for words in the running header or footer band. */
static int in_chrome(const word *w, double header_bottom, double footer_top)
{
	return w->y1 <= header_bottom || w->y0 >= footer_top;
}

/* A list of strings (expected words). */
typedef struct strs {
	char **s;
	size_t n, alloc;
} strs;

static void strs_add(strs *l, const char *s, size_t len)
{
	char *c = malloc(len + 1);

	memcpy(c, s, len);
	c[len] = '\0';
	if (l->n == l->alloc) {
		l->alloc = l->alloc ? l->alloc * 2 : 256;
		l->s = realloc(l->s, l->alloc * sizeof(*l->s));
	}
	l->s[l->n++] = c;
}

static void strs_free(strs *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->s[i]);
	free(l->s);
	memset(l, 0, sizeof(*l));
}

/* Splits `text` as the renderer does: controls dropped, white space splits. */
static void expect_words(strs *l, const char *text)
{
	ov_buf cur = OV_BUF_INIT;
	const unsigned char *p;

	for (p = (const unsigned char *)text;; p++) {
		if (!*p || *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			if (cur.size)
				strs_add(l, cur.ptr, cur.size);
			ov_buf_clear(&cur);
			if (!*p)
				break;
			continue;
		}
		if (*p < 0x20 || *p == 0x7f)
			continue;
		ov_buf_putc(&cur, (char)*p);
	}
	ov_buf_dispose(&cur);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Compares the body words of `ws` with `want` as multisets.  Returns NULL
 * when equal, else a description of the first difference (static buffer).
 */
static const char *compare_words(const words *ws, strs *want, double hb, double ft)
{
	static char msg[512];
	char **got = malloc((ws->n + 1) * sizeof(*got));
	size_t n = 0, i;
	const char *res = NULL;

	for (i = 0; i < ws->n; i++)
		if (!in_chrome(&ws->w[i], hb, ft))
			got[n++] = ws->w[i].text;
	qsort(got, n, sizeof(*got), cmp_str);
	qsort(want->s, want->n, sizeof(*want->s), cmp_str);
	for (i = 0; i < n && i < want->n; i++)
		if (strcmp(got[i], want->s[i]))
			break;
	if (i < n || i < want->n) {
		snprintf(msg, sizeof(msg),
			 "%zu words out, %zu in; first difference at %zu: out \"%.60s\" in \"%.60s\"",
			 n, want->n, i, i < n ? got[i] : "(end)",
			 i < want->n ? want->s[i] : "(end)");
		res = msg;
	}
	free(got);
	return res;
}

/* Deterministic pseudo-random numbers for generated text. */
static uint32_t rnd_state = 12345;
static uint32_t rnd(uint32_t n)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return (rnd_state >> 8) % n;
}

static const char *const vocab[] = {
	"avtal", "kretsen", "kommunen", "överenskommelse", "anhöriga",
	"samtalsgrupp", "volontärer", "ansvar", "lokal", "fika", "uppföljning",
	"styrgrupp", "årshjul", "Ängelholm", "Öresund", "Åsa", "Östersund",
	"café", "–", "”citat”", "2026-03-20", "§", "12", "och", "att", "för",
	"är", "på", "med", "som", "inte", "särskilt", "kvällstid", "närstående",
	"demenssjukdom", "Röda", "Korset", "behörig", "tecknare", "ekonomi",
};

/* Appends `nwords` random words to `b` (space separated). */
static void gen_words(ov_buf *b, size_t nwords)
{
	size_t i;

	for (i = 0; i < nwords; i++) {
		if (i)
			ov_buf_putc(b, ' ');
		ov_buf_puts(b, vocab[rnd(sizeof(vocab) / sizeof(vocab[0]))]);
	}
}

/* About `nchars` characters of words. */
static void gen_chars(ov_buf *b, size_t nchars)
{
	size_t start = b->size;

	while (b->size - start < nchars) {
		if (b->size > start)
			ov_buf_putc(b, ' ');
		gen_words(b, 1);
	}
}

static xmlNodePtr add(xmlNodePtr parent, const char *name, const char *text)
{
	xmlNodePtr n = xmlNewChild(parent, NULL, BAD_CAST name, NULL);

	if (text)
		xmlNodeAddContent(n, BAD_CAST text);
	return n;
}

static void add_text(xmlNodePtr parent, const char *text)
{
	xmlNodeAddContent(parent, BAD_CAST text);
}

static void set(xmlNodePtr n, const char *attr, const char *v)
{
	xmlSetProp(n, BAD_CAST attr, BAD_CAST v);
}

/* ------------------------------------------------------------------ */
/* Tests                                                               */

TEST(swedish_text_and_order)
{
	static const char xml[] =
		"<document title=\"Avtal – räksmörgås\">\n"
		"<h1>Räksmörgås åäö ÅÄÖ</h1>\n"
		"<p>Tankstreck – och ”citat” och café; Ö<b>verens</b> i <i>kursiv</i>.</p>\n"
		"<p>Emoji 😀 slut</p>\n"
		"</document>\n";
	xmlDocPtr doc = parse_string(xml);
	ov_buf path = OV_BUF_INIT, out = OV_BUF_INIT;
	const char *a, *b, *c;

	CHECK(doc);
	CHECK_OK(render_to(&path, doc, NULL, "swedish"));
	CHECK_INT(run(&out, "pdftotext -enc UTF-8 -raw '%s' -", path.ptr), 0);
	a = strstr(out.ptr, "Räksmörgås åäö ÅÄÖ");
	b = strstr(out.ptr, "Tankstreck – och ”citat” och café; Överens i kursiv.");
	c = strstr(out.ptr, "Emoji \xef\xbf\xbd slut");
	CHECK(a);
	CHECK(b);
	CHECK(c);
	CHECK(a < b && b < c);
	CHECK_CONTAINS(out.ptr, "Sida 1 av 1");
	ov_buf_dispose(&path);
	ov_buf_dispose(&out);
	xmlFreeDoc(doc);
}

TEST(fonts_embedded)
{
	xmlDocPtr doc = load_fixture("agreement.xml");
	ov_buf path = OV_BUF_INIT, out = OV_BUF_INIT;
	char *line, *save = NULL;
	int fonts = 0, past_header = 0;

	CHECK(doc);
	CHECK_OK(render_to(&path, doc, NULL, "fonts"));
	CHECK_INT(run(&out, "pdffonts '%s'", path.ptr), 0);
	CHECK_CONTAINS(out.ptr, "DejaVuSans,Book");
	CHECK_CONTAINS(out.ptr, "DejaVuSans-Bold,Bold");
	for (line = strtok_r(out.ptr, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *tok[32], *t, *s2 = NULL;
		int n = 0;

		if (!strncmp(line, "-----", 5)) {
			past_header = 1;
			continue;
		}
		if (!past_header)
			continue;
		for (t = strtok_r(line, " ", &s2); t && n < 32; t = strtok_r(NULL, " ", &s2))
			tok[n++] = t;
		/* ... emb sub uni object-id generation */
		CHECK(n >= 7);
		CHECK_STR(tok[n - 5], "yes");
		CHECK_STR(tok[n - 3], "yes");
		fonts++;
	}
	CHECK(fonts >= 2);
	ov_buf_dispose(&path);
	ov_buf_dispose(&out);
	xmlFreeDoc(doc);
}

/* got_slot's search: the library's name, the symbol, and the slot found. */
typedef struct got_search {
	const char *lib, *sym;
	void **slot;
} got_search;

/* A dynamic-section address: glibc has made most absolute; an offset still needs the base. */
static const void *dyn_addr(const struct dl_phdr_info *info, ElfW(Addr) a)
{
	return (const void *)(a >= info->dlpi_addr ? a : info->dlpi_addr + a);
}

static int find_got_slot(struct dl_phdr_info *info, size_t size, void *payload)
{
	got_search *g = payload;
	const ElfW(Dyn) *dyn = NULL;
	const ElfW(Rela) *rel = NULL;
	const ElfW(Sym) *syms = NULL;
	const char *strtab = NULL;
	size_t relsz = 0;

	(void)size;
	if (!info->dlpi_name || !strstr(info->dlpi_name, g->lib))
		return 0;
	for (int i = 0; i < info->dlpi_phnum; i++)
		if (info->dlpi_phdr[i].p_type == PT_DYNAMIC)
			dyn = (const ElfW(Dyn) *)(info->dlpi_addr + info->dlpi_phdr[i].p_vaddr);
	for (; dyn && dyn->d_tag != DT_NULL; dyn++) {
		if (dyn->d_tag == DT_JMPREL)
			rel = dyn_addr(info, dyn->d_un.d_ptr);
		else if (dyn->d_tag == DT_PLTRELSZ)
			relsz = dyn->d_un.d_val;
		else if (dyn->d_tag == DT_SYMTAB)
			syms = dyn_addr(info, dyn->d_un.d_ptr);
		else if (dyn->d_tag == DT_STRTAB)
			strtab = dyn_addr(info, dyn->d_un.d_ptr);
	}
	for (size_t i = 0; rel && syms && strtab && i < relsz / sizeof(*rel); i++)
		if (!strcmp(strtab + syms[ELF64_R_SYM(rel[i].r_info)].st_name, g->sym))
			g->slot = (void **)(info->dlpi_addr + rel[i].r_offset);
	return 1;
}

/* The address libharu's own calls of `sym` jump to (its GOT entry), or NULL. */
static void *libharu_binding(const char *sym)
{
	got_search g = { OV_SONAME_HPDF, sym, NULL };

	dl_iterate_phdr(find_got_slot, &g);
	return g.slot ? *g.slot : NULL;
}

/*
 * libharu's copy and fill are the executable's (the end of pdf_ctx.c):
 * after a render, which makes libharu call both, the entries of its global
 * offset table that its calls jump through hold our functions, not its
 * own; and they do what libharu's do, returning the end of what they wrote.
 */
TEST(libharu_copy_and_fill_bound_to_ours)
{
	xmlDocPtr doc = load_fixture("agreement.xml");
	ov_buf path = OV_BUF_INIT;
	HPDF_BYTE a[8] = "abcdefg", b[8] = { 0 };
	void *lib;

	CHECK(doc);
	CHECK_OK(render_to(&path, doc, NULL, "memcpy"));
	CHECK(libharu_binding("HPDF_MemCpy") == (void *)HPDF_MemCpy);
	CHECK(libharu_binding("HPDF_MemSet") == (void *)HPDF_MemSet);
	/* the library has its own, which are not the ones bound */
	lib = dlopen(OV_SONAME_HPDF, RTLD_LAZY | RTLD_NOLOAD);
	CHECK(lib);
	CHECK(dlsym(lib, "HPDF_MemCpy") && dlsym(lib, "HPDF_MemCpy") != (void *)HPDF_MemCpy);
	dlclose(lib);
	CHECK(HPDF_MemCpy(b, a, 7) == b + 7);
	CHECK_STR((char *)b, "abcdefg");
	CHECK(HPDF_MemCpy(b, a, 0) == b);
	CHECK(HPDF_MemSet(b, 'z', 3) == b + 3);
	CHECK_STR((char *)b, "zzzdefg");
	CHECK(HPDF_MemSet(b, 'y', 0) == b);
	ov_buf_dispose(&path);
	xmlFreeDoc(doc);
}

/*
 * The fonts are embedded as subsets of the characters drawn (a font
 * program of a few KB, not DejaVu's 150 KB), and poppler and qpdf read the
 * file without a warning: in particular the ToUnicode maps are valid, and
 * copying text gives the Swedish letters.
 */
TEST(fonts_subset_and_no_reader_warnings)
{
	xmlDocPtr doc = load_fixture("agreement.xml");
	ov_buf pdf = OV_BUF_INIT, path = OV_BUF_INIT, out = OV_BUF_INIT;
	static const char *const tools[] = { "pdftotext", "pdffonts", "pdfinfo", "qpdf --check" };
	const char *p;
	int fonts = 0;
	size_t i;

	CHECK(doc);
	CHECK_OK(render_doc(&pdf, doc, NULL, NULL, NULL));
	for (p = pdf.ptr; (p = find(p, pdf.size - (size_t)(p - pdf.ptr), "/Length1 ", 9)); p++) {
		long len = strtol(p + 9, NULL, 10);
		if (len <= 0 || len > 20000)
			fprintf(stderr, "embedded font program of %ld bytes\n", len);
		CHECK(len > 0 && len <= 20000);
		fonts++;
	}
	CHECK(fonts >= 2);
	CHECK(pdf.size < 40000);
	ov_buf_printf(&path, "%s/test_pdf_subset.pdf", tmpdir());
	CHECK(write_file(path.ptr, &pdf) == 0);
	for (i = 0; i < sizeof(tools) / sizeof(tools[0]); i++) {
		/* stderr only */
		CHECK_INT(run(&out, "%s '%s' %s 2>&1 >/dev/null", tools[i], path.ptr,
			      i == 0 ? "/dev/null" : ""), 0);
		if (out.size)
			fprintf(stderr, "%s: %s\n", tools[i], out.ptr);
		CHECK_INT(out.size, 0);
	}
	CHECK_INT(run(&out, "pdftotext -enc UTF-8 '%s' -", path.ptr), 0);
	CHECK_CONTAINS(out.ptr, "Varje grupp träffas sex gånger under terminen.");
	ov_buf_dispose(&pdf);
	ov_buf_dispose(&path);
	ov_buf_dispose(&out);
	xmlFreeDoc(doc);
}

TEST(metadata_and_pages)
{
	xmlDocPtr doc = load_fixture("agreement.xml");
	ov_pdf_options o = OV_PDF_OPTIONS_INIT;
	ov_buf path = OV_BUF_INIT, out = OV_BUF_INIT;

	CHECK(doc);
	o.creation_time = 1774000000; /* 2026-03-20T09:46:40Z */
	CHECK_OK(render_to(&path, doc, &o, "info"));
	CHECK_INT(run(&out, "pdfinfo -isodates '%s'", path.ptr), 0);
	CHECK_CONTAINS(out.ptr, "Title:           Samarbetsavtal om anhörigstöd i Helsingborg\n");
	CHECK_CONTAINS(out.ptr, "Author:          Helsingborgs rödakorskrets och Helsingborgs stad\n");
	CHECK_CONTAINS(out.ptr, "Subject:         Samarbetsavtal 2026-0001, version 1\n");
	CHECK_CONTAINS(out.ptr, "Keywords:        anhörigstöd, Röda Korset, överenskommelse\n");
	CHECK_CONTAINS(out.ptr, "Creator:         Överens\n");
	CHECK_CONTAINS(out.ptr, "CreationDate:    2026-03-20T09:46:40Z\n");
	CHECK_CONTAINS(out.ptr, "Pages:           2\n");
	CHECK_CONTAINS(out.ptr, "Encrypted:       no\n");
	CHECK_CONTAINS(out.ptr, "Page size:       595.276 x 841.89 pts (A4)");

	/* Without a creation time there is no date at all. */
	CHECK_OK(render_to(&path, doc, NULL, "info_nodate"));
	CHECK_INT(run(&out, "pdfinfo '%s'", path.ptr), 0);
	CHECK(!strstr(out.ptr, "CreationDate"));
	ov_buf_dispose(&path);
	ov_buf_dispose(&out);
	xmlFreeDoc(doc);
}

/* PDF/A-3b: scripts/check-pdfa.py passes, the XMP and the attachment say
 * what they should, and the ICC profile is required. */
TEST(pdfa_3b)
{
	static const char xml[] = "<agreement id=\"2026-0001\"/>\n";
	xmlDocPtr doc = load_fixture("agreement.xml");
	ov_pdf_options o = OV_PDF_OPTIONS_INIT;
	ov_buf path = OV_BUF_INIT, out = OV_BUF_INIT, pdf = OV_BUF_INIT;

	CHECK(doc);
	o.creation_time = 1774000000; /* 2026-03-20T09:46:40Z */
	o.attachment_name = "avtal-2026-0001-v1.xml";
	o.attachment = xml;
	o.attachment_len = strlen(xml);
	CHECK_OK(render_to(&path, doc, &o, "pdfa"));
	CHECK_INT(run(&out, "python3 '%s/scripts/check-pdfa.py' '%s'", OV_SOURCE_DIR,
		      path.ptr), 0);
	CHECK_CONTAINS(out.ptr, "all PDF/A-3b checks passed");
	CHECK_INT(run(&out, "pdfinfo -meta '%s'", path.ptr), 0);
	CHECK_CONTAINS(out.ptr, "<pdfaid:part>3</pdfaid:part>");
	CHECK_CONTAINS(out.ptr, "<xmp:CreateDate>2026-03-20T09:46:40Z</xmp:CreateDate>");
	CHECK_CONTAINS(out.ptr, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">"
		       "Samarbetsavtal om anhörigstöd i Helsingborg</rdf:li>");
	CHECK_INT(run(&out, "pdfinfo '%s'", path.ptr), 0);
	CHECK_CONTAINS(out.ptr, "PDF version:     1.7\n");
	CHECK_INT(run(&out, "pdfdetach -list '%s'", path.ptr), 0);
	CHECK_CONTAINS(out.ptr, "1: avtal-2026-0001-v1.xml");
	/* the objects lie in object streams: qpdf writes them out plainly */
	CHECK_INT(run(&out, "qpdf --object-streams=disable '%s' '%s.plain'",
		      path.ptr, path.ptr), 0);
	ov_buf_puts(&path, ".plain");
	CHECK_OK(ov_buf_read_file(&pdf, path.ptr));
	unlink(path.ptr);
	CHECK(find(pdf.ptr, pdf.size, "/AFRelationship /Source", 23) != NULL);
	CHECK(find(pdf.ptr, pdf.size, "/Subtype /application#2fxml", 27) != NULL); /* qpdf: #2f */
	CHECK(find(pdf.ptr, pdf.size, "/S /GTS_PDFA1", 13) != NULL);

	/* A second file goes beside the XML, in /AF with its own relationship;
	 * one the standard does not know is named by the checker. */
	{
		static const char log[] = "<evidence/>\n";
		ov_pdf_attachment more = { "bevislogg.xml", log, sizeof(log) - 1, "Supplement",
					   "Bevislogg" };

		o.more = &more;
		o.nmore = 1;
		CHECK_OK(render_to(&path, doc, &o, "pdfa_two"));
		CHECK_INT(run(&out, "python3 '%s/scripts/check-pdfa.py' '%s'", OV_SOURCE_DIR,
			      path.ptr), 0);
		CHECK_INT(run(&out, "pdfdetach -list '%s'", path.ptr), 0);
		CHECK_CONTAINS(out.ptr, "1: avtal-2026-0001-v1.xml\n2: bevislogg.xml");
		more.relationship = "Evidence";
		CHECK_OK(render_to(&path, doc, &o, "pdfa_badrel"));
		CHECK_INT(run(&out, "python3 '%s/scripts/check-pdfa.py' '%s'", OV_SOURCE_DIR,
			      path.ptr), 1);
		CHECK_CONTAINS(out.ptr, "FAIL embedded-files: bevislogg.xml has /AFRelationship "
			       "/Evidence");
		o.more = NULL;
		o.nmore = 0;
	}

	/* Without an attachment the checker names what is missing. */
	o.attachment_name = NULL;
	CHECK_OK(render_to(&path, doc, &o, "pdfa_noxml"));
	CHECK_INT(run(&out, "python3 '%s/scripts/check-pdfa.py' '%s'", OV_SOURCE_DIR,
		      path.ptr), 1);
	CHECK_CONTAINS(out.ptr, "FAIL embedded-files: no /EmbeddedFiles entry");

	/* The profile must be there and be an RGB ICC profile. */
	ov_buf_clear(&pdf);
	o.icc_profile = "/nonexistent/sRGB.icc";
	CHECK_ERR(render_doc(&pdf, doc, &o, NULL, NULL), OV_ENOTFOUND);
	CHECK_CONTAINS(ov_error_last()->message, "/nonexistent/sRGB.icc");
	o.icc_profile = OV_SOURCE_DIR "/tests/fixtures/helsingborg.xml";
	CHECK_ERR(render_doc(&pdf, doc, &o, NULL, NULL), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "is not an RGB ICC colour profile");
	CHECK_INT(pdf.size, 0);
	ov_buf_dispose(&pdf);
	ov_buf_dispose(&path);
	ov_buf_dispose(&out);
	xmlFreeDoc(doc);
}

TEST(structure_qpdf_and_xref)
{
	xmlDocPtr doc = load_fixture("agreement.xml");
	ov_buf pdf = OV_BUF_INIT, path = OV_BUF_INIT, out = OV_BUF_INIT;
	const ov_pdf_revision *revs;
	const ov_pdf_obj *t, *id;
	ov_pdf_obj *obj = NULL;
	ov_pdf_doc *pd = NULL;
	const char *x;
	size_t count, i, packed = 0;

	CHECK(doc);
	CHECK_OK(render_doc(&pdf, doc, NULL, NULL, NULL));
	ov_buf_printf(&path, "%s/test_pdf_qpdf.pdf", tmpdir());
	CHECK(write_file(path.ptr, &pdf) == 0);
	CHECK_INT(run(&out, "qpdf --check '%s'", path.ptr), 0);
	CHECK_CONTAINS(out.ptr, "No syntax or stream encoding errors found");

	/* One cross-reference stream, last in the file, no xref table, no
	 * encryption; every object but the streams in an object stream. */
	CHECK(!memcmp(pdf.ptr, "%PDF-1.7", 8));
	CHECK(!find(pdf.ptr, pdf.size, "\nxref\n", 6));
	CHECK(!find(pdf.ptr, pdf.size, "trailer", 7));
	CHECK(!find(pdf.ptr, pdf.size, "/Encrypt", 8));
	x = find(pdf.ptr, pdf.size, "startxref", 9);
	CHECK(x && x == find(pdf.ptr + pdf.size - 64, 64, "startxref", 9));
	CHECK(!memcmp(pdf.ptr + pdf.size - 6, "%%EOF\n", 6));
	CHECK_OK(ov_pdf_doc_open(&pd, pdf.ptr, pdf.size));
	revs = ov_pdf_doc_revisions(pd, &count);
	CHECK_INT(count, 1);
	CHECK(revs[0].xref_obj > 0);
	t = ov_pdf_doc_trailer(pd);
	CHECK(t->type == OV_PDF_STREAM && ov_pdf_is_name(ov_pdf_dict_get(t, "Type"), "XRef"));
	CHECK(!ov_pdf_dict_get(t, "Prev"));
	CHECK_INT(ov_pdf_dict_get(t, "Size")->num, revs[0].xref_obj + 1);
	/* PDF/A's /ID: two equal MD5s, from the content, not the clock */
	id = ov_pdf_dict_get(t, "ID");
	CHECK(id && id->type == OV_PDF_ARRAY && id->count == 2);
	CHECK(id->items[0]->len == 16 && id->items[1]->len == 16 &&
	      !memcmp(id->items[0]->str, id->items[1]->str, 16));
	for (i = 0; i < ov_pdf_doc_count(pd); i++) {
		long long num, stm;
		size_t off, idx;
		int gen, used;

		CHECK_OK(ov_pdf_doc_entry(pd, i, &num, &off, &gen, &used));
		if (!used)
			continue;
		CHECK_INT(gen, 0);
		CHECK_OK(ov_pdf_doc_get(&obj, pd, num));
		CHECK_INT(ov_pdf_doc_packed(&stm, &idx, pd, num),
			  obj->type != OV_PDF_STREAM);
		if (obj->type == OV_PDF_STREAM)
			CHECK(ov_pdf_dict_get(obj, "Length")->type == OV_PDF_INT);
		packed += obj->type != OV_PDF_STREAM;
	}
	CHECK(packed > 10);
	/* the XMP packet stays readable: an unfiltered stream outside */
	CHECK_OK(ov_pdf_doc_catalog(&obj, pd));
	CHECK_OK(ov_pdf_doc_resolve(&obj, pd, ov_pdf_dict_get(obj, "Metadata")));
	CHECK(obj && obj->type == OV_PDF_STREAM && !ov_pdf_dict_get(obj, "Filter"));
	ov_pdf_doc_free(pd);
	/* Compressed streams. */
	CHECK(find(pdf.ptr, pdf.size, "/FlateDecode", 12));
	ov_buf_dispose(&pdf);
	ov_buf_dispose(&path);
	ov_buf_dispose(&out);
	xmlFreeDoc(doc);
}

static size_t count_tmp_attachments(void)
{
	DIR *d = opendir(tmpdir());
	struct dirent *e;
	size_t n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d)))
		if (!strncmp(e->d_name, "ov-pdf-attachment-", 18))
			n++;
	closedir(d);
	return n;
}

TEST(attachment_and_identical_renders)
{
	xmlDocPtr doc = load_fixture("agreement.xml");
	ov_pdf_options o = OV_PDF_OPTIONS_INIT;
	ov_buf a = OV_BUF_INIT, b = OV_BUF_INIT, xml = OV_BUF_INIT;
	ov_buf path = OV_BUF_INIT, out = OV_BUF_INIT, saved = OV_BUF_INIT, got = OV_BUF_INIT;
	size_t before = count_tmp_attachments();

	CHECK(doc);
	CHECK_OK(ov_buf_read_file(&xml, OV_SOURCE_DIR "/tests/fixtures/helsingborg.xml"));
	o.creation_time = 1774000000;
	o.attachment_name = "avtal-2026-0001-v1.xml";
	o.attachment = xml.ptr;
	o.attachment_len = xml.size;
	CHECK_OK(render_doc(&a, doc, &o, NULL, NULL));
	CHECK_OK(render_doc(&b, doc, &o, NULL, NULL));
	CHECK_INT(a.size, b.size);
	CHECK(!memcmp(a.ptr, b.ptr, a.size));
	/* The temporary file is gone and its name is not in the PDF. */
	CHECK_INT(count_tmp_attachments(), before);
	CHECK(!find(a.ptr, a.size, "ov-pdf-attachment", 17));
	CHECK(!find(a.ptr, a.size, tmpdir(), strlen(tmpdir())));

	ov_buf_printf(&path, "%s/test_pdf_attach.pdf", tmpdir());
	CHECK(write_file(path.ptr, &a) == 0);
	CHECK_INT(run(&out, "pdfdetach -list '%s'", path.ptr), 0);
	CHECK_CONTAINS(out.ptr, "1 embedded files");
	CHECK_CONTAINS(out.ptr, "1: avtal-2026-0001-v1.xml");
	ov_buf_printf(&saved, "%s/test_pdf_attach_saved.xml", tmpdir());
	unlink(saved.ptr);
	CHECK_INT(run(&out, "pdfdetach -save 1 -o '%s' '%s'", saved.ptr, path.ptr), 0);
	CHECK_OK(ov_buf_read_file(&got, saved.ptr));
	CHECK_INT(got.size, xml.size);
	CHECK(!memcmp(got.ptr, xml.ptr, xml.size));
	CHECK_INT(run(&out, "qpdf --check '%s'", path.ptr), 0);

	/* A different creation time changes the bytes (the date is used). */
	o.creation_time = 1774000001;
	CHECK_OK(render_doc(&b, doc, &o, NULL, NULL));
	CHECK(a.size != b.size || memcmp(a.ptr, b.ptr, a.size));

	/* No attachment: none listed. */
	CHECK_OK(render_to(&path, doc, NULL, "noattach"));
	CHECK_INT(run(&out, "pdfdetach -list '%s'", path.ptr), 0);
	CHECK_CONTAINS(out.ptr, "0 embedded files");

	ov_buf_dispose(&a);
	ov_buf_dispose(&b);
	ov_buf_dispose(&xml);
	ov_buf_dispose(&path);
	ov_buf_dispose(&out);
	ov_buf_dispose(&saved);
	ov_buf_dispose(&got);
	xmlFreeDoc(doc);
}

TEST(signature_boxes)
{
	xmlDocPtr doc = load_fixture("agreement.xml");
	ov_buf pdf = OV_BUF_INIT, path = OV_BUF_INIT;
	ov_pdf_sigbox *boxes = NULL;
	size_t n = 0, i;
	words ws;

	CHECK(doc);
	CHECK_OK(render_doc(&pdf, doc, NULL, &boxes, &n));
	CHECK_INT(n, 2);
	CHECK_STR(boxes[0].id, "krets");
	CHECK_STR(boxes[1].id, "kommun");
	ov_buf_printf(&path, "%s/test_pdf_sig.pdf", tmpdir());
	CHECK(write_file(path.ptr, &pdf) == 0);
	CHECK(read_words(&ws, path.ptr) == 0);
	for (i = 0; i < n; i++) {
		const ov_pdf_sigbox *b = &boxes[i];
		CHECK(b->page >= 0 && b->page < ws.pages);
		CHECK(b->w > 100 && b->h > 60);
		CHECK(b->x >= OV_PDF_MARGIN_LEFT - TOL);
		CHECK(b->x + b->w <= OV_PDF_PAGE_WIDTH - OV_PDF_MARGIN_RIGHT + TOL);
		CHECK(b->y >= OV_PDF_MARGIN_BOTTOM - TOL);
		CHECK(b->y + b->h <= OV_PDF_PAGE_HEIGHT - OV_PDF_MARGIN_TOP + TOL);
		/* The space to sign in lies inside the block. */
		CHECK(b->sx >= b->x - TOL && b->sx + b->sw <= b->x + b->w + TOL);
		CHECK(b->sy >= b->y - TOL && b->sy + b->sh <= b->y + b->h + TOL);
		CHECK(b->sh >= 30);
	}
	/* Side by side on one page. */
	CHECK_INT(boxes[0].page, boxes[1].page);
	CHECK(fabs(boxes[0].y - boxes[1].y) < TOL);
	CHECK(boxes[0].x + boxes[0].w < boxes[1].x);
	/* The signatory's name is drawn inside its box. */
	for (i = 0; i < ws.n; i++) {
		const word *w = &ws.w[i];
		if (!strcmp(w->text, "Öberg")) {
			double y = OV_PDF_PAGE_HEIGHT - w->y1;
			CHECK_INT(w->page, boxes[0].page);
			CHECK(w->x0 >= boxes[0].x && w->x1 <= boxes[0].x + boxes[0].w);
			CHECK(y >= boxes[0].y && y <= boxes[0].y + boxes[0].h);
		}
	}
	words_free(&ws);
	ov_pdf_sigboxes_free(boxes, n);
	ov_buf_dispose(&pdf);
	ov_buf_dispose(&path);
	xmlFreeDoc(doc);
}

TEST(outline_per_heading)
{
	static const char xml[] =
		"<document>\n"
		"<h1>Avtal om anhörigstöd</h1><p>Text.</p>\n"
		"<h2>1. Parter</h2><p>Text.</p>\n"
		"<h2 bookmark=\"no\">Utan bokmärke</h2><p>Text.</p>\n"
		"<h3>Underrubrik</h3><p>Text.</p>\n"
		"<h1>Bilaga</h1><h2>Ekonomi – översikt</h2><p>Text.</p>\n"
		"</document>\n";
	xmlDocPtr doc = parse_string(xml);
	ov_buf path = OV_BUF_INIT, out = OV_BUF_INIT;
	const char *a, *b, *c, *d;

	CHECK(doc);
	CHECK_OK(render_to(&path, doc, NULL, "outline"));
	CHECK_INT(run(&out, "qpdf --json --json-key=outlines '%s'", path.ptr), 0);
	/*
	 * qpdf prints each entry's "kids" before its "title", so a child's
	 * title comes before its parent's.
	 */
	a = strstr(out.ptr, "\"title\": \"1. Parter\"");
	b = strstr(out.ptr, "\"title\": \"Avtal om anhörigstöd\"");
	c = strstr(out.ptr, "\"title\": \"Ekonomi – översikt\"");
	d = strstr(out.ptr, "\"title\": \"Bilaga\"");
	CHECK(a && b && c && d);
	CHECK(a < b && b < c && c < d);
	CHECK(!strstr(out.ptr, "Utan bokmärke"));
	CHECK(!strstr(out.ptr, "Underrubrik"));
	/* "1. Parter" is the first title, inside the first entry's kids. */
	{
		const char *k1 = strstr(out.ptr, "\"kids\": [\n");
		const char *t1 = strstr(out.ptr, "\"title\"");
		CHECK(k1 && k1 < a && t1 == a);
		/* Two top-level entries: "Bilaga" is not inside another's kids. */
		CHECK(strstr(b, "\"kids\": [\n") && strstr(b, "\"kids\": [\n") < c);
	}
	ov_buf_dispose(&path);
	ov_buf_dispose(&out);
	xmlFreeDoc(doc);
}

TEST(layout_refused_with_line)
{
	static const char bad[] =
		"<document>\n"
		"<p>Rätt.</p>\n"
		"<paragraf>Fel element</paragraf>\n"
		"</document>\n";
	static const char bad_inline[] =
		"<document>\n"
		"<p>Rätt.</p>\n"
		"<p>Text <u>understruken</u></p>\n"
		"</document>\n";
	xmlDocPtr doc = parse_string(bad), doc2 = parse_string(bad_inline);
	ov_pdf_options o = OV_PDF_OPTIONS_INIT;
	ov_buf pdf = OV_BUF_INIT;

	CHECK(doc && doc2);
	o.rng_path = RNG;
	CHECK_ERR(render_doc(&pdf, doc, &o, NULL, NULL), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "inline.xml:3:");
	CHECK_CONTAINS(ov_error_last()->message, "paragraf");
	CHECK_INT(pdf.size, 0);
	CHECK_ERR(render_doc(&pdf, doc2, &o, NULL, NULL), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "inline.xml:3:");

	/* Without the schema the renderer still refuses, naming the line. */
	CHECK_ERR(render_doc(&pdf, doc, NULL, NULL, NULL), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "inline.xml:3: <paragraf>");
	CHECK_ERR(render_doc(&pdf, doc2, NULL, NULL, NULL), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "inline.xml:3: <u> is not allowed in <p>");
	CHECK_INT(pdf.size, 0);

	/* The fixture itself is valid. */
	xmlFreeDoc(doc);
	doc = load_fixture("agreement.xml");
	CHECK(doc);
	CHECK_OK(render_doc(&pdf, doc, &o, NULL, NULL));
	ov_buf_dispose(&pdf);
	xmlFreeDoc(doc);
	xmlFreeDoc(doc2);
}

TEST(missing_font)
{
	xmlDocPtr doc = parse_string("<document><p>Hej</p></document>");
	ov_pdf_options o = OV_PDF_OPTIONS_INIT;
	ov_buf pdf = OV_BUF_INIT;

	CHECK(doc);
	o.font_regular = "/nonexistent/Font.ttf";
	CHECK_ERR(render_doc(&pdf, doc, &o, NULL, NULL), OV_ENOTFOUND);
	CHECK_CONTAINS(ov_error_last()->message, "/nonexistent/Font.ttf");
	/* Not a font at all. */
	o.font_regular = OV_SOURCE_DIR "/tests/fixtures/helsingborg.xml";
	CHECK(render_doc(&pdf, doc, &o, NULL, NULL) < 0);
	CHECK_CONTAINS(ov_error_last()->message, "helsingborg.xml");
	CHECK_INT(pdf.size, 0);
	ov_buf_dispose(&pdf);
	xmlFreeDoc(doc);
}

/* Lines of one paragraph: (page, top) groups of the words in [from, to). */
TEST(justified_and_ragged)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root = xmlNewNode(NULL, BAD_CAST "document"), p;
	ov_buf text = OV_BUF_INIT, path = OV_BUF_INIT;
	double right = OV_PDF_PAGE_WIDTH - OV_PDF_MARGIN_RIGHT;
	words ws;
	size_t i, lines_j = 0, flush_j = 0, lines_r = 0, flush_r = 0;
	double top = -1, last_x1 = 0;
	int para = 0;

	xmlDocSetRootElement(doc, root);
	rnd_state = 7;
	gen_words(&text, 150);
	p = add(root, "p", text.ptr);
	set(p, "align", "justify");
	add(root, "pagebreak", NULL);
	p = add(root, "p", text.ptr);
	set(p, "align", "left");
	CHECK_OK(render_to(&path, doc, NULL, "justify"));
	CHECK(read_words(&ws, path.ptr) == 0);
	CHECK(!outside_margins(&ws));
	/* Count lines ending at the right margin in each paragraph. */
	for (i = 0; i <= ws.n; i++) {
		const word *w = i < ws.n ? &ws.w[i] : NULL;
		if (w && w->y1 > OV_PDF_PAGE_HEIGHT - OV_PDF_MARGIN_BOTTOM - 30)
			continue; /* footer */
		if (!w || fabs(w->y0 - top) > 0.5 || (w && w->page != para)) {
			if (top >= 0) {
				if (para == 0) {
					lines_j++;
					flush_j += fabs(last_x1 - right) < 0.05;
				} else {
					lines_r++;
					flush_r += fabs(last_x1 - right) < 0.05;
				}
			}
			if (!w)
				break;
			top = w->y0;
			para = w->page;
		}
		last_x1 = w->x1;
	}
	CHECK(lines_j >= 8);
	CHECK_INT(lines_j, lines_r);
	/* Justified: every line but the last ends at the margin; ragged: few do. */
	CHECK_INT(flush_j, lines_j - 1);
	CHECK(flush_r <= 1);
	words_free(&ws);
	ov_buf_dispose(&text);
	ov_buf_dispose(&path);
	xmlFreeDoc(doc);
}

TEST(pagebreaks_and_empty_document)
{
	xmlDocPtr doc = parse_string("<document/>");
	xmlDocPtr doc2 = parse_string(
		"<document><pagebreak/><p>Ett</p><pagebreak/><pagebreak/>"
		"<p>Två</p><pagebreak/></document>");
	ov_buf path = OV_BUF_INIT, out = OV_BUF_INIT;
	words ws;
	size_t i;

	CHECK(doc && doc2);
	/* An empty document is one page with its footer. */
	CHECK_OK(render_to(&path, doc, NULL, "empty"));
	CHECK_INT(run(&out, "pdftotext -raw '%s' -", path.ptr), 0);
	CHECK_CONTAINS(out.ptr, "Sida 1 av 1");
	/* Breaks at the top of a page or at the end add no blank pages. */
	CHECK_OK(render_to(&path, doc2, NULL, "breaks"));
	CHECK(read_words(&ws, path.ptr) == 0);
	CHECK_INT(ws.pages, 2);
	for (i = 0; i < ws.n; i++) {
		if (!strcmp(ws.w[i].text, "Ett"))
			CHECK_INT(ws.w[i].page, 0);
		if (!strcmp(ws.w[i].text, "Två"))
			CHECK_INT(ws.w[i].page, 1);
	}
	CHECK_INT(run(&out, "pdftotext -raw '%s' -", path.ptr), 0);
	CHECK_CONTAINS(out.ptr, "Sida 2 av 2");
	words_free(&ws);
	ov_buf_dispose(&path);
	ov_buf_dispose(&out);
	xmlFreeDoc(doc);
	xmlFreeDoc(doc2);
}

/* A heading is never the last thing on a page, wherever it falls. */
TEST(heading_kept_with_next)
{
	int filler;

	for (filler = 28; filler <= 44; filler++) {
		xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
		xmlNodePtr root = xmlNewNode(NULL, BAD_CAST "document");
		ov_buf path = OV_BUF_INIT;
		words ws;
		size_t i;
		int k, found = 0;

		xmlDocSetRootElement(doc, root);
		for (k = 0; k < filler; k++)
			add(root, "p", "En rad fyllnadstext.");
		add(root, "h2", "Rubrikenhär");
		add(root, "p", "Brödtextefter rubriken som hör ihop med den.");
		CHECK_OK(render_to(&path, doc, NULL, "keep"));
		CHECK(read_words(&ws, path.ptr) == 0);
		for (i = 0; i < ws.n; i++) {
			if (strcmp(ws.w[i].text, "Rubrikenhär"))
				continue;
			found = 1;
			for (size_t j = 0; j < ws.n; j++)
				if (!strcmp(ws.w[j].text, "Brödtextefter"))
					CHECK_INT(ws.w[j].page, ws.w[i].page);
		}
		CHECK(found);
		CHECK(!outside_margins(&ws));
		words_free(&ws);
		ov_buf_dispose(&path);
		xmlFreeDoc(doc);
	}
}

/*
 * The stress layout: 300 paragraphs, 5,000-character fields, a 200-row
 * table, empty elements, control characters and five signatories.  Every
 * word must come out, inside the margins.
 */
static xmlDocPtr stress_doc(strs *want)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root = xmlNewNode(NULL, BAD_CAST "document"), n, t, r;
	ov_buf b = OV_BUF_INIT;
	int i, k;

	rnd_state = 99;
	xmlDocSetRootElement(doc, root);
	set(root, "title", "Stresstest");
	n = add(root, "header", NULL);
	set(n, "left", "Sidhuvud vänster");
	set(n, "right", "Sidhuvud höger");
	n = add(root, "footer", NULL);
	set(n, "left", "Sidfot");

	/* Empty elements of every kind. */
	add(root, "p", NULL);
	add(root, "h1", NULL);
	add(root, "h2", "   ");
	add(root, "list", NULL);
	add(add(root, "list", NULL), "item", NULL);
	expect_words(want, "•");
	add(root, "table", NULL);
	add(add(root, "table", NULL), "row", NULL);
	add(root, "kv", NULL);
	add(root, "signatures", NULL);
	add(root, "spacer", NULL);
	add(root, "pagebreak", NULL);

	/* Control characters are dropped, TAB and LF are spaces. */
	add(root, "p", "Kontroll\x01tecken\x02 h\x7f" "är\x1b\tTAB\nNL\r\nCR");
	expect_words(want, "Kontrolltecken här TAB NL CR");

	for (i = 0; i < 300; i++) {
		ov_buf_clear(&b);
		gen_words(&b, 5 + rnd(60));
		n = add(root, i % 10 == 0 ? "h2" : "p", b.ptr);
		expect_words(want, b.ptr);
		if (i % 10 == 0)
			continue;
		if (i % 3 == 0)
			set(n, "align", "left");
		if (i % 7 == 0)
			set(n, "size", i % 2 ? "small" : "large");
		if (i % 4 == 0) {
			ov_buf_clear(&b);
			gen_words(&b, 3);
			add_text(n, " ");
			add(add(n, "b", " fet "), "i", b.ptr);
			expect_words(want, "fet");
			expect_words(want, b.ptr);
			add_text(n, " slut");
			expect_words(want, "slut");
		}
		if (i % 9 == 0) {
			add(n, "br", NULL);
			add_text(n, "efter radbrytning");
			expect_words(want, "efter radbrytning");
		}
	}

	/* A 5,000-character paragraph, list item, kv value and table cell. */
	ov_buf_clear(&b);
	gen_chars(&b, 5000);
	add(root, "p", b.ptr);
	expect_words(want, b.ptr);
	n = add(root, "list", NULL);
	set(n, "kind", "number");
	for (k = 0; k < 12; k++) {
		ov_buf_clear(&b);
		if (k == 5)
			gen_chars(&b, 5000);
		else
			gen_words(&b, 4 + rnd(10));
		add(n, "item", b.ptr);
		expect_words(want, b.ptr);
		ov_buf_clear(&b);
		ov_buf_printf(&b, "%d.", k + 1);
		expect_words(want, b.ptr);
	}
	n = add(root, "kv", NULL);
	for (k = 0; k < 6; k++) {
		xmlNodePtr it;
		ov_buf_clear(&b);
		gen_words(&b, 2);
		it = add(n, "item", NULL);
		set(it, "key", b.ptr);
		expect_words(want, b.ptr);
		ov_buf_clear(&b);
		if (k == 2)
			gen_chars(&b, 5000);
		else
			gen_words(&b, 3 + rnd(8));
		add_text(it, b.ptr);
		expect_words(want, b.ptr);
	}

	/* A 200-row table (no header row here: every word appears once). */
	t = add(root, "table", NULL);
	set(t, "widths", "20 50 30");
	for (i = 0; i < 200; i++) {
		r = add(t, "row", NULL);
		for (k = 0; k < 3; k++) {
			ov_buf_clear(&b);
			if (i == 77 && k == 1)
				gen_chars(&b, 5000);
			else
				gen_words(&b, 1 + rnd(k == 1 ? 25 : 6));
			add(r, "cell", b.ptr);
			expect_words(want, b.ptr);
		}
		if (i == 150)
			add(r, "cell", NULL); /* a row with an extra empty cell */
	}

	/* Five signatories, some without place and date. */
	n = add(root, "signatures", NULL);
	for (k = 0; k < 5; k++) {
		static const char *const parties[] = {
			"Helsingborgs rödakorskrets", "Helsingborgs stad",
			"Frivården i Umeå", "Patientnämnden Region Västerbotten",
			"Överförmyndaren i Umeå kommun",
		};
		xmlNodePtr s = add(n, "signature", NULL);
		char id[16];

		snprintf(id, sizeof(id), "s%d", k + 1);
		set(s, "id", id);
		set(s, "party", parties[k]);
		set(s, "name", k == 2 ? "Çağla Łukasiewicz-Öberg" : "Lars Öberg");
		set(s, "title", "Behörig firmatecknare");
		set(s, "place", k % 2 ? "" : "Umeå");
		set(s, "date", k % 2 ? "" : "2026-03-20");
		expect_words(want, parties[k]);
		expect_words(want, k == 2 ? "Çağla Łukasiewicz-Öberg" : "Lars Öberg");
		expect_words(want, "Behörig firmatecknare");
		expect_words(want, k % 2 ? "Ort Datum" : "Ort: Umeå Datum: 2026-03-20");
	}
	ov_buf_dispose(&b);
	return doc;
}

TEST(stress_no_lost_text_inside_margins)
{
	strs want = { NULL, 0, 0 };
	xmlDocPtr doc = stress_doc(&want);
	ov_pdf_sigbox *boxes = NULL;
	ov_buf pdf = OV_BUF_INIT, path = OV_BUF_INIT, out = OV_BUF_INIT;
	size_t n = 0, i;
	const word *bad;
	const char *diff;
	words ws;
	char num[64];

	CHECK_OK(render_doc(&pdf, doc, NULL, &boxes, &n));
	ov_buf_printf(&path, "%s/test_pdf_stress.pdf", tmpdir());
	CHECK(write_file(path.ptr, &pdf) == 0);
	CHECK_INT(run(&out, "qpdf --check '%s'", path.ptr), 0);
	CHECK(read_words(&ws, path.ptr) == 0);
	CHECK(ws.pages > 10);
	bad = outside_margins(&ws);
	if (bad)
		fprintf(stderr, "outside: page %d \"%s\" %.2f %.2f %.2f %.2f\n", bad->page,
			bad->text, bad->x0, bad->y0, bad->x1, bad->y1);
	CHECK(!bad);
	/* Header words end above 75 pt, footer words start below the body. */
	diff = compare_words(&ws, &want, 75.0,
			     OV_PDF_PAGE_HEIGHT - OV_PDF_MARGIN_BOTTOM - 20.0);
	if (diff)
		fprintf(stderr, "%s\n", diff);
	CHECK(!diff);
	/* "Sida X av Y" on every page. */
	CHECK_INT(run(&out, "pdftotext -raw '%s' -", path.ptr), 0);
	snprintf(num, sizeof(num), "Sida %d av %d", ws.pages, ws.pages);
	CHECK_CONTAINS(out.ptr, num);
	CHECK_CONTAINS(out.ptr, "Sida 1 av ");
	/* Five signature boxes, none split, all on real pages. */
	CHECK_INT(n, 5);
	for (i = 0; i < n; i++) {
		CHECK(boxes[i].page >= 0 && boxes[i].page < ws.pages);
		CHECK(boxes[i].y >= OV_PDF_MARGIN_BOTTOM - TOL);
		CHECK(boxes[i].y + boxes[i].h <= OV_PDF_PAGE_HEIGHT - OV_PDF_MARGIN_TOP + TOL);
	}
	CHECK_STR(boxes[4].id, "s5");
	words_free(&ws);
	strs_free(&want);
	ov_pdf_sigboxes_free(boxes, n);
	ov_buf_dispose(&pdf);
	ov_buf_dispose(&path);
	ov_buf_dispose(&out);
	xmlFreeDoc(doc);
}

/* Code points of the non-space characters of `s`, appended to `cps`. */
static void add_cps(uint32_t **cps, size_t *n, size_t *alloc, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		uint32_t cp = *p;
		int len = 1;
		if (*p >= 0xf0) { cp = *p & 0x07; len = 4; }
		else if (*p >= 0xe0) { cp = *p & 0x0f; len = 3; }
		else if (*p >= 0xc0) { cp = *p & 0x1f; len = 2; }
		for (int i = 1; i < len && p[i]; i++)
			cp = (cp << 6) | (p[i] & 0x3f);
		p += len;
		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r')
			continue;
		if (*n == *alloc) {
			*alloc = *alloc ? *alloc * 2 : 1024;
			*cps = realloc(*cps, *alloc * sizeof(**cps));
		}
		(*cps)[(*n)++] = cp;
	}
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/*
 * Long words (120 characters, one of 5,000) are broken, not clipped; a
 * narrow column breaks between characters; thead rows repeat on every page
 * of a long table; a 5,000-character header is shortened to four lines.
 */
TEST(stress_long_words_and_repeated_header)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root = xmlNewNode(NULL, BAD_CAST "document"), n, t, r, it;
	ov_buf b = OV_BUF_INIT, path = OV_BUF_INIT, all = OV_BUF_INIT;
	uint32_t *in_cp = NULL, *out_cp = NULL;
	size_t nin = 0, ain = 0, nout = 0, aout = 0, i;
	int first_page = -1, last_page = -1, p, k;
	int head_pages[64] = { 0 }, row_pages[64] = { 0 };
	words ws;

	rnd_state = 4242;
	xmlDocSetRootElement(doc, root);
	n = add(root, "header", NULL);
	ov_buf_clear(&b);
	gen_chars(&b, 5000);
	set(n, "left", b.ptr);
	set(n, "right", "Höger");

	for (k = 0; k < 120; k++)
		ov_buf_putc(&all, (char)('a' + k % 26));
	add(root, "h1", all.ptr);
	add(root, "p", all.ptr);
	ov_buf_clear(&b);
	ov_buf_printf(&b, "Före %s efter %s slut", all.ptr, all.ptr);
	add(root, "p", b.ptr);
	ov_buf_clear(&b);
	for (k = 0; k < 5000; k++)
		ov_buf_puts(&b, k % 50 ? "å" : "Z");
	add(root, "p", b.ptr);
	n = add(root, "kv", NULL);
	it = add(n, "item", all.ptr);
	set(it, "key", all.ptr);
	n = add(root, "signatures", NULL);
	it = add(n, "signature", NULL);
	set(it, "id", "lång");
	set(it, "party", all.ptr);
	set(it, "name", all.ptr);

	t = add(root, "table", NULL);
	set(t, "widths", "4 60 36");
	r = add(add(t, "thead", NULL), "row", NULL);
	add(r, "cell", "#"); /* one character: the column is very narrow */
	add(r, "cell", "HUVUDB");
	add(r, "cell", "HUVUDC");
	for (i = 0; i < 200; i++) {
		char id[32];
		r = add(t, "row", NULL);
		add(r, "cell", i == 3 ? all.ptr : "ÅÄÖ");
		snprintf(id, sizeof(id), "rad%zu", i);
		ov_buf_clear(&b);
		ov_buf_puts(&b, id);
		ov_buf_putc(&b, ' ');
		if (i == 120)
			gen_chars(&b, 5000); /* taller than a page: must split */
		else
			gen_words(&b, 3);
		add(r, "cell", b.ptr);
		add(r, "cell", i % 5 ? "x" : all.ptr);
	}

	CHECK_OK(render_to(&path, doc, NULL, "long"));
	CHECK(read_words(&ws, path.ptr) == 0);
	CHECK(ws.pages < 64);
	CHECK(!outside_margins(&ws));

	/* Expected characters: all text of the body (the header is cut). */
	for (n = root->children; n; n = n->next) {
		xmlChar *s;
		if (!strcmp((const char *)n->name, "header"))
			continue;
		s = xmlNodeGetContent(n);
		add_cps(&in_cp, &nin, &ain, (const char *)s);
		xmlFree(s);
		if (!strcmp((const char *)n->name, "kv"))
			add_cps(&in_cp, &nin, &ain, all.ptr);
		if (!strcmp((const char *)n->name, "signatures")) {
			add_cps(&in_cp, &nin, &ain, all.ptr);
			add_cps(&in_cp, &nin, &ain, all.ptr);
			add_cps(&in_cp, &nin, &ain, "OrtDatum");
		}
	}
	for (i = 0; i < ws.n; i++) {
		const word *w = &ws.w[i];
		if (w->y1 <= OV_PDF_MARGIN_TOP + 4 * 10.4 + 1 ||
		    w->y0 >= OV_PDF_PAGE_HEIGHT - OV_PDF_MARGIN_BOTTOM - 20.0)
			continue; /* header and footer */
		if (!strncmp(w->text, "HUVUD", 5) || !strcmp(w->text, "#")) {
			head_pages[w->page]++;
			continue;
		}
		if (!strncmp(w->text, "rad", 3)) {
			row_pages[w->page]++;
			if (first_page < 0)
				first_page = w->page;
			last_page = w->page;
		}
		add_cps(&out_cp, &nout, &aout, w->text);
	}
	/* Minus the header cells, counted separately. */
	{
		uint32_t *tmp = NULL;
		size_t nt = 0, at = 0, j = 0, o = 0;
		add_cps(&tmp, &nt, &at, "#HUVUDBHUVUDC");
		qsort(tmp, nt, sizeof(*tmp), cmp_u32);
		qsort(in_cp, nin, sizeof(*in_cp), cmp_u32);
		for (i = 0; i < nin; i++) {
			if (j < nt && in_cp[i] == tmp[j]) {
				j++;
				continue;
			}
			in_cp[o++] = in_cp[i];
		}
		nin = o;
		free(tmp);
	}
	qsort(out_cp, nout, sizeof(*out_cp), cmp_u32);
	if (nout != nin || memcmp(in_cp, out_cp, nin * sizeof(*in_cp))) {
		/* Say which characters differ. */
		size_t a = 0, z = 0, shown = 0;
		while ((a < nin || z < nout) && shown < 10) {
			uint32_t cp = a < nin && (z >= nout || in_cp[a] <= out_cp[z])
				? in_cp[a] : out_cp[z];
			size_t ci = 0, co = 0;
			while (a < nin && in_cp[a] == cp) { a++; ci++; }
			while (z < nout && out_cp[z] == cp) { z++; co++; }
			if (ci != co) {
				fprintf(stderr, "U+%04X: %zu in, %zu out\n", (unsigned)cp, ci, co);
				shown++;
			}
		}
	}
	CHECK_INT(nout, nin);
	CHECK(nin && !memcmp(in_cp, out_cp, nin * sizeof(*in_cp)));

	/* The table runs over several pages with its header on each. */
	CHECK(first_page >= 0 && last_page > first_page + 1);
	for (p = first_page; p <= last_page; p++) {
		CHECK(row_pages[p] > 0 || p > first_page);
		CHECK_INT(head_pages[p], 3);
	}

	/* The 5,000-character header: four lines at most, ending in "…". */
	{
		size_t hw = 0;
		int ell = 0;
		for (i = 0; i < ws.n; i++) {
			const word *w = &ws.w[i];
			if (w->page == 0 && w->y1 <= OV_PDF_MARGIN_TOP + 4 * 10.4 + 1 &&
			    w->x0 < 300) {
				hw++;
				if (strstr(w->text, "\xe2\x80\xa6"))
					ell = 1;
			}
		}
		CHECK(hw > 10);
		CHECK(ell);
	}
	words_free(&ws);
	free(in_cp);
	free(out_cp);
	ov_buf_dispose(&b);
	ov_buf_dispose(&all);
	ov_buf_dispose(&path);
	xmlFreeDoc(doc);
}

OVT_MAIN(
	TEST_ENTRY(swedish_text_and_order),
	TEST_ENTRY(fonts_embedded),
	TEST_ENTRY(libharu_copy_and_fill_bound_to_ours),
	TEST_ENTRY(fonts_subset_and_no_reader_warnings),
	TEST_ENTRY(metadata_and_pages),
	TEST_ENTRY(structure_qpdf_and_xref),
	TEST_ENTRY(pdfa_3b),
	TEST_ENTRY(attachment_and_identical_renders),
	TEST_ENTRY(signature_boxes),
	TEST_ENTRY(outline_per_heading),
	TEST_ENTRY(layout_refused_with_line),
	TEST_ENTRY(missing_font),
	TEST_ENTRY(justified_and_ragged),
	TEST_ENTRY(pagebreaks_and_empty_document),
	TEST_ENTRY(heading_kept_with_next),
	TEST_ENTRY(stress_no_lost_text_inside_margins),
	TEST_ENTRY(stress_long_words_and_repeated_header)
)
