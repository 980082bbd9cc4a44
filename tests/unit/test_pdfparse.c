/*
 * test_pdfparse.c - the minimal PDF reader (engine/signing/pdfparse.c): tokenizer
 * and serialisation, text strings, FlateDecode against zlib (through
 * python3) and qpdf, the file structure of a libharu PDF, and hostile
 * input (not a PDF, truncation at every length near the end, malformed
 * xref tables, loops, huge numbers, deep nesting) which must give
 * OV_EINVALID with an offset and never crash, and the per-document budgets
 * (a compression bomb, many streams that together inflate too far, too
 * many objects, objects that share one body, quadratic re-parsing).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "engine/base/lazy_hpdf.h"
#include <zlib.h>

#include "ovtest.h"
#include "ovtest_shell.h"
#include "overens/buf.h"
#include "engine/signing/pdfparse.h"

#define DEJAVU "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

static const char xml_text[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<avtal id=\"2026-0001\"><part>Röda Korset Helsingborg</part>"
	"<part>Helsingborgs stad</part></avtal>\n";


static void hpdf_err(HPDF_STATUS e, HPDF_STATUS d, void *ud)
{
	(void)ud;
	fprintf(stderr, "libharu error %04X (%u)\n", (unsigned)e, (unsigned)d);
}

/* A two-page libharu PDF with DejaVu Sans and an attached XML file. */
static int make_base_pdf(ov_buf *out)
{
	ov_buf xml = OV_BUF_INIT, pdfp = OV_BUF_INIT;
	HPDF_Doc pdf = HPDF_New(hpdf_err, NULL);
	HPDF_Font font;
	const char *fname;
	FILE *f;
	int i, err = OV_ERROR;

	ov_buf_printf(&xml, "%s/avtal-parse-%d.xml", tmpdir(), (int)getpid());
	ov_buf_printf(&pdfp, "%s/base-parse-%d.pdf", tmpdir(), (int)getpid());
	if (!pdf || !(f = fopen(xml.ptr, "w")))
		goto done;
	fputs(xml_text, f);
	fclose(f);
	HPDF_UseUTFEncodings(pdf);
	HPDF_SetCurrentEncoder(pdf, "UTF-8");
	fname = HPDF_LoadTTFontFromFile(pdf, DEJAVU, HPDF_TRUE);
	font = HPDF_GetFont(pdf, fname, "UTF-8");
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	for (i = 0; i < 2; i++) {
		HPDF_Page page = HPDF_AddPage(pdf);

		HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
		HPDF_Page_BeginText(page);
		HPDF_Page_SetFontAndSize(page, font, 12);
		HPDF_Page_TextOut(page, 70, 760, i ? "Sida två: räksmörgås" :
				  "Överenskommelse om samverkan");
		HPDF_Page_EndText(page);
	}
	HPDF_AttachFile(pdf, xml.ptr);
	if (HPDF_SaveToFile(pdf, pdfp.ptr) == HPDF_OK &&
	    ov_buf_read_file(out, pdfp.ptr) == OV_OK)
		err = OV_OK;
done:
	if (pdf)
		HPDF_Free(pdf);
	unlink(xml.ptr);
	unlink(pdfp.ptr);
	ov_buf_dispose(&xml);
	ov_buf_dispose(&pdfp);
	return err;
}

/* Parses `src` as one object and serialises it again. */
static int roundtrip(ov_buf *out, const char *src)
{
	ov_pdf_obj *obj = NULL;
	size_t pos = 0;
	int err;

	ov_buf_clear(out);
	ov_buf_put(out, "", 0);
	if ((err = ov_pdf_parse_object(&obj, src, strlen(src), &pos)) < 0)
		return err;
	err = ov_pdf_obj_write(out, obj);
	ov_pdf_obj_free(obj);
	return err;
}

/* ------------------------------------------------------------------ */

TEST(tokenizer_roundtrip)
{
	ov_buf b = OV_BUF_INIT;

	CHECK_OK(roundtrip(&b, "  % a comment\n 42 "));
	CHECK_STR(b.ptr, "42");
	CHECK_OK(roundtrip(&b, "-0.50"));
	CHECK_STR(b.ptr, "-0.50");
	CHECK_OK(roundtrip(&b, "12 0 R"));
	CHECK_STR(b.ptr, "12 0 R");
	CHECK_OK(roundtrip(&b, "[1 2 3 0 R 4 5]"));
	CHECK_STR(b.ptr, "[1 2 3 0 R 4 5]");
	CHECK_ERR(roundtrip(&b, "[+1 2 R]"), OV_EINVALID);
	CHECK_OK(roundtrip(&b, "(a\\(b\\)c \\\\ (nested) \\101\\n)"));
	CHECK_STR(b.ptr, "<6128622963205C20286E65737465642920410A>");
	CHECK_OK(roundtrip(&b, "(plain \\(x\\))"));
	CHECK_STR(b.ptr, "(plain \\(x\\))");
	CHECK_OK(roundtrip(&b, "<4F 76 6>"));
	CHECK_STR(b.ptr, "(Ov`)");
	CHECK_OK(roundtrip(&b, "/A#20name#23"));
	CHECK_STR(b.ptr, "/A#20name#23");
	CHECK_OK(roundtrip(&b, "<</Type/Sig/Nested<</A[true false null]>>/S(x)>>"));
	CHECK_STR(b.ptr, "<</Type /Sig/Nested <</A [true false null]>>/S (x)>>");
	ov_buf_dispose(&b);
}

TEST(tokenizer_positions)
{
	const char *src = "<</ByteRange [0 10 20 30] /Contents <00ff>>>";
	ov_pdf_obj *obj = NULL, *c;
	size_t pos = 0;

	CHECK_OK(ov_pdf_parse_object(&obj, src, strlen(src), &pos));
	CHECK_INT(pos, strlen(src));
	c = ov_pdf_dict_get(obj, "Contents");
	CHECK(c && c->type == OV_PDF_STRING && c->hex);
	CHECK_INT(c->off, strstr(src, "<00ff>") - src);
	CHECK_INT(c->end, strstr(src, "<00ff>") - src + 6);
	CHECK_INT(c->len, 2);
	CHECK_INT((unsigned char)c->str[1], 0xff);
	CHECK_INT(ov_pdf_dict_get(obj, "ByteRange")->count, 4);
	ov_pdf_obj_free(obj);
}

TEST(tokenizer_errors)
{
	static const struct { const char *src, *msg; } bad[] = {
		{ "(unterminated", "PDF offset 0: unterminated string" },
		{ "[1 2", "PDF offset 0: unterminated array" },
		{ "<</A 1", "PDF offset 0: unterminated dictionary" },
		{ "<</A 1 /A 2>>", "PDF offset 7: duplicate key /A" },
		{ "/bad#zz", "PDF offset 4: bad #xx escape in name" },
		{ "/nul#00", "PDF offset 4: bad #xx escape in name" },
		{ "<12x4>", "PDF offset 3: bad character in hex string" },
		{ "1234567890123456789", "PDF offset 0: number too large" },
		{ "1.2.3", "PDF offset 0: malformed number" },
		{ "<<1 2>>", "PDF offset 2: expected a name as dictionary key" },
		{ "endobj", "PDF offset 0: unexpected keyword" },
		{ ")", "PDF offset 0: unexpected delimiter" },
		{ "", "PDF offset 0: unexpected end of data" },
	};
	ov_buf deep = OV_BUF_INIT;
	ov_pdf_obj *obj = NULL;
	size_t i, pos;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		pos = 0;
		CHECK_ERR(ov_pdf_parse_object(&obj, bad[i].src, strlen(bad[i].src),
					      &pos), OV_EINVALID);
		CHECK(obj == NULL);
		CHECK_STR(ov_error_last()->message, bad[i].msg);
	}
	for (i = 0; i < 5000; i++)
		ov_buf_putc(&deep, '[');
	pos = 0;
	CHECK_ERR(ov_pdf_parse_object(&obj, deep.ptr, deep.size, &pos), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "nested deeper than 64");
	ov_buf_dispose(&deep);
}

TEST(text_strings)
{
	ov_buf b = OV_BUF_INIT;
	ov_pdf_obj *s = NULL;
	char *u = NULL;
	size_t pos = 0;

	CHECK_OK(ov_pdf_text_write(&b, "Signatur1"));
	CHECK_STR(b.ptr, "(Signatur1)");
	ov_buf_clear(&b);
	CHECK_OK(ov_pdf_text_write(&b, "Åsa Öberg 😀"));
	CHECK_STR(b.ptr, "<FEFF00C500730061002000D600620065007200670020D83DDE00>");
	ov_buf_clear(&b);
	CHECK_ERR(ov_pdf_text_write(&b, "bad \xc3("), OV_EINVALID);
	CHECK_ERR(ov_pdf_text_write(&b, "overlong \xc0\xaf"), OV_EINVALID);
	CHECK_ERR(ov_pdf_text_write(&b, "surrogate \xed\xa0\x80"), OV_EINVALID);

	/* UTF-16BE back to UTF-8, including a surrogate pair */
	CHECK_OK(ov_pdf_parse_object(&s, "<FEFF00C5007300610020D83DDE00>", 30, &pos));
	CHECK_OK(ov_pdf_text_to_utf8(&u, s));
	CHECK_STR(u, "Åsa 😀");
	free(u);
	ov_pdf_obj_free(s);
	/* PDFDocEncoding: 0x80 is a bullet, 0xE5 is å, 0xA0 is the euro */
	pos = 0;
	CHECK_OK(ov_pdf_parse_object(&s, "(\\200 r\\345k \\240)",
				     strlen("(\\200 r\\345k \\240)"), &pos));
	CHECK_OK(ov_pdf_text_to_utf8(&u, s));
	CHECK_STR(u, "• råk €");
	free(u);
	ov_pdf_obj_free(s);
	ov_buf_dispose(&b);
}

TEST(object_helpers)
{
	ov_pdf_obj *d = ov_pdf_obj_new(OV_PDF_DICT), *copy = NULL, *a;
	ov_buf b = OV_BUF_INIT;

	CHECK(d);
	CHECK_OK(ov_pdf_dict_set(d, "Type", ov_pdf_name_new("Catalog")));
	CHECK_OK(ov_pdf_dict_set(d, "Kids", ov_pdf_obj_new(OV_PDF_ARRAY)));
	CHECK_OK(ov_pdf_array_push(ov_pdf_dict_get(d, "Kids"), ov_pdf_ref_new(7, 0)));
	CHECK_OK(ov_pdf_dict_set(d, "Type", ov_pdf_name_new("Pages")));
	CHECK_OK(ov_pdf_obj_clone(&copy, d));
	a = ov_pdf_dict_get(copy, "Kids");
	CHECK_OK(ov_pdf_array_push(a, ov_pdf_string_new("x y", 3)));
	CHECK_OK(ov_pdf_obj_write(&b, d));
	CHECK_STR(b.ptr, "<</Type /Pages/Kids [7 0 R]>>");
	ov_buf_clear(&b);
	CHECK_OK(ov_pdf_obj_write(&b, copy));
	CHECK_STR(b.ptr, "<</Type /Pages/Kids [7 0 R (x y)]>>");
	CHECK(ov_pdf_is_name(ov_pdf_dict_get(d, "Type"), "Pages"));
	CHECK(!ov_pdf_is_name(ov_pdf_dict_get(d, "Kids"), "Pages"));
	CHECK_ERR(ov_pdf_array_push(d, ov_pdf_int_new(1)), OV_EINVALID);
	ov_pdf_obj_free(d);
	ov_pdf_obj_free(copy);
	ov_buf_dispose(&b);
}

TEST(inflate_vectors)
{
	static const unsigned char dynamic[] = {
		0x78, 0x9c, 0xcb, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00,
		0x06, 0x2c, 0x02, 0x15 };
	static const unsigned char stored[] = {
		0x78, 0x01, 0x01, 0x05, 0x00, 0xfa, 0xff, 'h', 'e', 'l', 'l', 'o',
		0x06, 0x2c, 0x02, 0x15 };
	static const unsigned char fixed[] = {
		0x78, 0x01, 0x4b, 0x4c, 0x4a, 0x4e, 0x44, 0x45, 0x00, 0x41,
		0x7c, 0x06, 0xe5 };
	unsigned char bad[sizeof(dynamic)];
	ov_buf out = OV_BUF_INIT;

	CHECK_OK(ov_pdf_inflate(&out, dynamic, sizeof(dynamic), 100));
	CHECK_STR(out.ptr, "hello");
	ov_buf_clear(&out);
	CHECK_OK(ov_pdf_inflate(&out, stored, sizeof(stored), 100));
	CHECK_STR(out.ptr, "hello");
	ov_buf_clear(&out);
	CHECK_OK(ov_pdf_inflate(&out, fixed, sizeof(fixed), 100));
	CHECK_STR(out.ptr, "abcabcabcabcabcabc");
	/* the ceiling */
	ov_buf_clear(&out);
	CHECK_ERR(ov_pdf_inflate(&out, fixed, sizeof(fixed), 10), OV_ENOMEM);
	CHECK_INT(out.size, 0);
	/* checksum, truncation, header */
	memcpy(bad, dynamic, sizeof(bad));
	bad[sizeof(bad) - 1] ^= 1;
	CHECK_ERR(ov_pdf_inflate(&out, bad, sizeof(bad), 100), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "Adler-32 checksum mismatch");
	CHECK_ERR(ov_pdf_inflate(&out, dynamic, 6, 100), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "unexpected end of compressed data");
	CHECK_ERR(ov_pdf_inflate(&out, "hello", 5, 100), OV_EINVALID);
	CHECK_STR(ov_error_last()->message, "deflate data offset 0: not a zlib stream");
	CHECK_INT(out.size, 0);
	ov_buf_dispose(&out);
}

/* Every strategy and level of zlib (python3's module, through
 * tests/fixtures/sign/zlib-vectors.py) over varied data. */
TEST(inflate_against_zlib)
{
	ov_buf dir = OV_BUF_INIT, z = OV_BUF_INIT, raw = OV_BUF_INIT, out = OV_BUF_INIT;
	ov_buf path = OV_BUF_INIT;
	int lvl, strat, kind, files = 0;

	ov_buf_printf(&dir, "%s/inflate-%d", tmpdir(), (int)getpid());
	CHECK_INT(run(NULL, "mkdir -p '%s' && python3 '%s' '%s'", dir.ptr,
		      OV_SOURCE_DIR "/tests/fixtures/sign/zlib-vectors.py",
		      dir.ptr), 0);
	for (kind = 0; kind < 5; kind++) {
		ov_buf_clear(&path);
		ov_buf_printf(&path, "%s/%d.raw", dir.ptr, kind);
		ov_buf_clear(&raw);
		CHECK_OK(ov_buf_read_file(&raw, path.ptr));
		for (lvl = 0; lvl <= 9; lvl += lvl == 1 ? 5 : lvl == 6 ? 3 : 1) {
			for (strat = 0; strat < 5; strat++) {
				ov_buf_clear(&path);
				ov_buf_printf(&path, "%s/%d_%d_%d.z", dir.ptr, kind,
					      lvl, strat);
				ov_buf_clear(&z);
				ov_buf_clear(&out);
				CHECK_OK(ov_buf_read_file(&z, path.ptr));
				CHECK_OK(ov_pdf_inflate(&out, z.ptr, z.size,
							OV_PDF_MAX_STREAM));
				CHECK_INT(out.size, raw.size);
				CHECK(out.size == 0 || !memcmp(out.ptr, raw.ptr, raw.size));
				files++;
			}
		}
	}
	CHECK_INT(files, 5 * 4 * 5);
	run(NULL, "rm -rf '%s'", dir.ptr);
	ov_buf_dispose(&dir);
	ov_buf_dispose(&z);
	ov_buf_dispose(&raw);
	ov_buf_dispose(&out);
	ov_buf_dispose(&path);
}

/* Random corruption of compressed data: errors, never a crash. */
TEST(inflate_corrupt)
{
	static const unsigned char fixed[] = {
		0x78, 0x01, 0x4b, 0x4c, 0x4a, 0x4e, 0x44, 0x45, 0x00, 0x41,
		0x7c, 0x06, 0xe5 };
	unsigned char buf[sizeof(fixed)];
	ov_buf out = OV_BUF_INIT;
	unsigned seed = 12345;
	int i, ok = 0, failed = 0;

	for (i = 0; i < 20000; i++) {
		int err;

		memcpy(buf, fixed, sizeof(buf));
		seed = seed * 1103515245u + 12345u;
		buf[2 + (seed >> 16) % (sizeof(buf) - 2)] ^= (unsigned char)(1u << (seed >> 8) % 8);
		ov_buf_clear(&out);
		err = ov_pdf_inflate(&out, buf, sizeof(buf), 1 << 20);
		if (err == OV_OK)
			ok++;
		else if (err == OV_EINVALID || err == OV_ENOMEM)
			failed++;
	}
	CHECK_INT(ok + failed, 20000);
	CHECK(failed > 15000);   /* the Adler-32 check catches nearly all */
	ov_buf_dispose(&out);
}

TEST(libharu_file_structure)
{
	ov_buf pdf = OV_BUF_INIT, data = OV_BUF_INIT, q = OV_BUF_INIT, path = OV_BUF_INIT;
	ov_pdf_doc *doc = NULL;
	ov_pdf_obj *cat = NULL, *page = NULL, *contents = NULL;
	const ov_pdf_revision *revs;
	long long *pages = NULL;
	size_t npages = 0, nrevs = 0, off;
	int gen;
	FILE *f;

	CHECK_OK(make_base_pdf(&pdf));
	CHECK_OK(ov_pdf_doc_open(&doc, pdf.ptr, pdf.size));
	CHECK_OK(ov_pdf_doc_catalog(&cat, doc));
	CHECK(ov_pdf_is_name(ov_pdf_dict_get(cat, "Type"), "Catalog"));
	revs = ov_pdf_doc_revisions(doc, &nrevs);
	CHECK_INT(nrevs, 1);
	CHECK_INT(revs[0].end, pdf.size);
	CHECK(ov_pdf_doc_startxref(doc) < pdf.size);
	CHECK(!memcmp(pdf.ptr + ov_pdf_doc_startxref(doc), "xref", 4));
	CHECK_OK(ov_pdf_doc_pages(&pages, &npages, doc));
	CHECK_INT(npages, 2);
	CHECK_OK(ov_pdf_doc_get(&page, doc, pages[0]));
	CHECK(ov_pdf_is_name(ov_pdf_dict_get(page, "Type"), "Page"));
	CHECK_OK(ov_pdf_doc_locate(&off, &gen, doc, pages[0]));
	CHECK_INT(gen, 0);
	{
		char head[32];

		snprintf(head, sizeof(head), "%lld 0 obj", pages[0]);
		CHECK(!strncmp(pdf.ptr + off, head, strlen(head)));
	}
	CHECK_ERR(ov_pdf_doc_get(&page, doc, 999), OV_ENOTFOUND);
	CHECK_ERR(ov_pdf_doc_get(&page, doc, 0), OV_ENOTFOUND);   /* free entry */

	/* the page's content stream decodes like qpdf decodes it */
	CHECK_OK(ov_pdf_doc_get(&page, doc, pages[0]));
	CHECK_OK(ov_pdf_doc_resolve(&contents, doc, ov_pdf_dict_get(page, "Contents")));
	CHECK(contents && contents->type == OV_PDF_STREAM);
	CHECK_OK(ov_pdf_stream_decode(&data, doc, contents, OV_PDF_MAX_STREAM));
	CHECK_CONTAINS(data.ptr, " Tj");
	ov_buf_printf(&path, "%s/structure-%d.pdf", tmpdir(), (int)getpid());
	CHECK((f = fopen(path.ptr, "wb")) != NULL);
	fwrite(pdf.ptr, 1, pdf.size, f);
	fclose(f);
	CHECK_INT(run(&q, "qpdf --show-object=%lld --filtered-stream-data '%s'",
		      ov_pdf_dict_get(page, "Contents")->num, path.ptr), 0);
	CHECK_INT(q.size, data.size);
	CHECK(!memcmp(q.ptr, data.ptr, data.size));
	unlink(path.ptr);
	free(pages);
	ov_pdf_doc_free(doc);
	ov_buf_dispose(&pdf);
	ov_buf_dispose(&data);
	ov_buf_dispose(&q);
	ov_buf_dispose(&path);
}

/* Opens `data`; expects OV_EINVALID and a message containing `msg`. */
static int refused(const char *data, size_t len, const char *msg)
{
	ov_pdf_doc *doc = NULL;
	int err = ov_pdf_doc_open(&doc, data, len);
	const ov_error *e = ov_error_last();

	if (err != OV_EINVALID || doc || !e || !strstr(e->message, msg)) {
		fprintf(stderr, "  expected refusal with '%s', got %d '%s'\n", msg,
			err, e ? e->message : "");
		ov_pdf_doc_free(doc);
		return 0;
	}
	return 1;
}

/* A small hand-made PDF: "%PDF-1.3", three objects, xref, trailer.
 * `xref_extra` replaces the xref subsection lines when not NULL and
 * `trailer_extra` is put into the trailer dictionary. */
static void small_pdf(ov_buf *out, const char *obj3, const char *xref_extra,
		      const char *trailer_extra, long long startxref_delta)
{
	size_t off[4], xref;
	int i;

	ov_buf_clear(out);
	ov_buf_puts(out, "%PDF-1.3\n");
	off[1] = out->size;
	ov_buf_puts(out, "1 0 obj\n<</Type /Catalog /Pages 2 0 R>>\nendobj\n");
	off[2] = out->size;
	ov_buf_puts(out, "2 0 obj\n<</Type /Pages /Kids [3 0 R] /Count 1>>\nendobj\n");
	off[3] = out->size;
	ov_buf_printf(out, "3 0 obj\n%s\nendobj\n", obj3 ? obj3 :
		      "<</Type /Page /Parent 2 0 R>>");
	xref = out->size;
	ov_buf_puts(out, "xref\n");
	if (xref_extra) {
		ov_buf_puts(out, xref_extra);
	} else {
		ov_buf_puts(out, "0 4\n0000000000 65535 f\r\n");
		for (i = 1; i < 4; i++)
			ov_buf_printf(out, "%010zu 00000 n\r\n", off[i]);
	}
	ov_buf_printf(out, "trailer\n<</Size 4 /Root 1 0 R%s>>\nstartxref\n%lld\n"
		      "%%%%EOF\n", trailer_extra ? trailer_extra : "",
		      (long long)xref + startxref_delta);
}

TEST(hostile_structure)
{
	ov_buf p = OV_BUF_INIT;
	ov_pdf_doc *doc = NULL;
	ov_pdf_obj *obj = NULL;
	long long *pages = NULL;
	size_t n = 0;
	char *at;

	small_pdf(&p, NULL, NULL, NULL, 0);
	CHECK_OK(ov_pdf_doc_open(&doc, p.ptr, p.size));
	CHECK_OK(ov_pdf_doc_pages(&pages, &n, doc));
	CHECK_INT(n, 1);
	free(pages);
	ov_pdf_doc_free(doc);

	CHECK(refused("GIF89a....", 10, "PDF offset 0: not a PDF"));
	CHECK(refused("%PDF", 4, "not a PDF"));
	/* startxref off by five, and far outside */
	small_pdf(&p, NULL, NULL, NULL, 5);
	CHECK(refused(p.ptr, p.size, "expected 'xref'"));
	small_pdf(&p, NULL, NULL, NULL, 1000000);
	CHECK(refused(p.ptr, p.size, "points outside the file"));
	small_pdf(&p, NULL, NULL, NULL, 99999999999999999LL);
	CHECK(refused(p.ptr, p.size, "points outside the file"));
	/* a damaged entry */
	small_pdf(&p, NULL, NULL, NULL, 0);
	at = strstr(p.ptr, "00000 n\r\n");
	at[-3] = 'x';
	CHECK(refused(p.ptr, p.size, "malformed xref entry for object 1"));
	/* entry pointing past the end, huge subsection, number limits */
	small_pdf(&p, NULL, "0 2\n0000000000 65535 f\r\n0999999999 00000 n\r\n",
		  NULL, 0);
	CHECK(refused(p.ptr, p.size, "xref entry for object 1 points outside"));
	small_pdf(&p, NULL, "0 4000000\n0000000000 65535 f\r\n", NULL, 0);
	CHECK(refused(p.ptr, p.size, "runs past the end of the file"));
	small_pdf(&p, NULL, "8388607 2\n", NULL, 0);
	CHECK(refused(p.ptr, p.size, "exceeds the object number limit"));
	small_pdf(&p, NULL, "1 x\n", NULL, 0);
	CHECK(refused(p.ptr, p.size, "malformed xref subsection header"));
	/* /Prev loops to itself; /Prev outside; trailer without /Root */
	small_pdf(&p, NULL, NULL, " /Prev 0", 0);
	CHECK(refused(p.ptr, p.size, "expected 'xref'"));
	{
		size_t x = (size_t)(strstr(p.ptr, "xref\n") - p.ptr);
		ov_buf extra = OV_BUF_INIT;

		ov_buf_printf(&extra, " /Prev %zu", x);
		small_pdf(&p, NULL, NULL, extra.ptr, 0);
		CHECK(refused(p.ptr, p.size, "the /Prev chain loops"));
		ov_buf_dispose(&extra);
	}
	small_pdf(&p, NULL, NULL, " /Prev 123456789", 0);
	CHECK(refused(p.ptr, p.size, "/Prev is not an offset inside the file"));
	small_pdf(&p, NULL, NULL, NULL, 0);
	at = strstr(p.ptr, "/Root");
	memcpy(at, "/Rooo", 5);
	CHECK(refused(p.ptr, p.size, "trailer has no /Root reference"));
	/* a cross-reference stream where an xref table should be */
	small_pdf(&p, NULL, NULL, NULL, 0);
	{
		ov_buf q = OV_BUF_INIT;
		size_t x = (size_t)(strstr(p.ptr, "xref\n") - p.ptr);

		ov_buf_put(&q, p.ptr, x);
		ov_buf_printf(&q, "startxref\n%zu\n%%%%EOF\n",
			      (size_t)(strstr(p.ptr, "3 0 obj") - p.ptr));
		CHECK(refused(q.ptr, q.size, "neither an xref table nor a "
			      "cross-reference stream"));
		ov_buf_dispose(&q);
	}
	/* truncated: no %%EOF, or no startxref before it */
	small_pdf(&p, NULL, NULL, NULL, 0);
	CHECK(refused(p.ptr, p.size - 7, "truncated"));
	CHECK(refused("%PDF-1.3\n%%EOF\n", 15, "truncated: no startxref"));

	/* objects: self-referencing /Length, page tree loop, deep nesting */
	small_pdf(&p, "<</Length 3 0 R>>\nstream\nabc\nendstream", NULL, NULL, 0);
	CHECK_OK(ov_pdf_doc_open(&doc, p.ptr, p.size));
	CHECK_ERR(ov_pdf_doc_get(&obj, doc, 3), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "refers to itself");
	ov_pdf_doc_free(doc);
	small_pdf(&p, "<</Length 99>>\nstream\nabc\nendstream", NULL, NULL, 0);
	CHECK_OK(ov_pdf_doc_open(&doc, p.ptr, p.size));
	CHECK_ERR(ov_pdf_doc_get(&obj, doc, 3), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "does not end with endstream");
	ov_pdf_doc_free(doc);
	small_pdf(&p, "<</Type /Pages /Kids [3 0 R 2 0 R]>>", NULL, NULL, 0);
	CHECK_OK(ov_pdf_doc_open(&doc, p.ptr, p.size));
	CHECK_ERR(ov_pdf_doc_pages(&pages, &n, doc), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "page tree loops or is too deep");
	CHECK(pages == NULL);
	ov_pdf_doc_free(doc);
	{
		ov_buf deep = OV_BUF_INIT;
		int i;

		for (i = 0; i < 3000; i++)
			ov_buf_putc(&deep, '[');
		small_pdf(&p, deep.ptr, NULL, NULL, 0);
		CHECK_OK(ov_pdf_doc_open(&doc, p.ptr, p.size));
		CHECK_ERR(ov_pdf_doc_get(&obj, doc, 3), OV_EINVALID);
		CHECK_CONTAINS(ov_error_last()->message, "nested deeper than 64");
		ov_pdf_doc_free(doc);
		ov_buf_dispose(&deep);
	}
	/* the xref points at the wrong object */
	small_pdf(&p, NULL, NULL, NULL, 0);
	at = strstr(p.ptr, "3 0 obj");
	at[0] = '4';
	CHECK_OK(ov_pdf_doc_open(&doc, p.ptr, p.size));
	CHECK_ERR(ov_pdf_doc_get(&obj, doc, 3), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "does not point at '3 0 obj'");
	ov_pdf_doc_free(doc);
	ov_buf_dispose(&p);
}

/* Opens a copy of the first `cut` bytes (a copy, so that ASan sees reads
 * past the end); returns the result. */
static int open_prefix(const ov_buf *pdf, size_t cut)
{
	ov_pdf_doc *doc = NULL;
	char *copy = malloc(cut ? cut : 1);
	int err;

	if (!copy)
		return OV_ENOMEM;
	memcpy(copy, pdf->ptr, cut);
	err = ov_pdf_doc_open(&doc, copy, cut);
	ov_pdf_doc_free(doc);
	free(copy);
	return err;
}

/* Every 997th cut, then every cut of the last 2000 bytes: a clean refusal
 * naming an offset, or success when only the final newline was cut. */
TEST(hostile_truncation)
{
	ov_buf pdf = OV_BUF_INIT;
	size_t cut, tested = 0;

	CHECK_OK(make_base_pdf(&pdf));
	CHECK(pdf.size > 4000);
	for (cut = 0; cut < pdf.size - 2000; cut += 997, tested++) {
		CHECK_ERR(open_prefix(&pdf, cut), OV_EINVALID);
		CHECK_CONTAINS(ov_error_last()->message, "PDF offset ");
	}
	for (cut = pdf.size - 2000; cut < pdf.size - 1; cut++, tested++) {
		CHECK_ERR(open_prefix(&pdf, cut), OV_EINVALID);
		CHECK_CONTAINS(ov_error_last()->message, "PDF offset ");
	}
	CHECK_OK(open_prefix(&pdf, pdf.size - 1));
	CHECK_OK(open_prefix(&pdf, pdf.size));
	CHECK_INT(tested, (pdf.size - 2000 + 996) / 997 + 1999);
	ov_buf_dispose(&pdf);
}


/* ------------------------------------------------------------------ */
/* Budgets                                                             */

/* Appends `n` bytes of `pattern` (repeated), zlib-compressed at level 9,
 * to `out`, without holding the uncompressed data. */
static int deflate_repeat(ov_buf *out, const char *pattern, size_t n)
{
	static char chunk[65536];
	unsigned char z_out[65536];
	size_t plen = strlen(pattern), i, fed = 0;
	z_stream z;
	int ret = Z_OK;

	for (i = 0; i < sizeof(chunk); i++)
		chunk[i] = plen ? pattern[i % plen] : 0;
	memset(&z, 0, sizeof(z));
	if (deflateInit(&z, 9) != Z_OK)
		return OV_ERROR;
	while (ret != Z_STREAM_END) {
		/* whole chunks keep the pattern's phase when plen divides 65536 */
		size_t take = n - fed < sizeof(chunk) ? n - fed : sizeof(chunk);

		z.next_in = (Bytef *)chunk;
		z.avail_in = (uInt)take;
		fed += take;
		do {
			z.next_out = z_out;
			z.avail_out = sizeof(z_out);
			ret = deflate(&z, fed == n ? Z_FINISH : Z_NO_FLUSH);
			ov_buf_put(out, z_out, sizeof(z_out) - z.avail_out);
		} while (z.avail_out == 0 || (fed == n && ret != Z_STREAM_END));
	}
	deflateEnd(&z);
	return OV_OK;
}

/* A PDF being built: objects numbered from 1 (1 is the catalog). */
typedef struct mkpdf {
	ov_buf file;
	size_t off[4096];
	int n;
} mkpdf;

static void mk_begin(mkpdf *m)
{
	memset(m, 0, sizeof(*m));
	ov_buf_puts(&m->file, "%PDF-1.4\n");
}

/* The next object: `body` (a direct object), or a stream with `dict`
 * (without /Length, which is added) and `data`. */
static int mk_obj(mkpdf *m, const char *body, const void *data, size_t len)
{
	m->off[++m->n] = m->file.size;
	if (!data) {
		ov_buf_printf(&m->file, "%d 0 obj\n%s\nendobj\n", m->n, body);
		return m->n;
	}
	ov_buf_printf(&m->file, "%d 0 obj\n<<%s /Length %zu>>\nstream\n", m->n,
		      body, len);
	ov_buf_put(&m->file, data, len);
	ov_buf_puts(&m->file, "\nendstream\nendobj\n");
	return m->n;
}

/* Objects 1-3: catalog, pages, one page. */
static void mk_skeleton(mkpdf *m)
{
	mk_begin(m);
	mk_obj(m, "<</Type /Catalog /Pages 2 0 R>>", NULL, 0);
	mk_obj(m, "<</Type /Pages /Kids [3 0 R] /Count 1>>", NULL, 0);
	mk_obj(m, "<</Type /Page /Parent 2 0 R>>", NULL, 0);
}

static void mk_end(mkpdf *m)
{
	size_t xref = m->file.size;
	int i;

	ov_buf_printf(&m->file, "xref\n0 %d\n0000000000 65535 f\r\n", m->n + 1);
	for (i = 1; i <= m->n; i++)
		ov_buf_printf(&m->file, "%010zu 00000 n\r\n", m->off[i]);
	ov_buf_printf(&m->file, "trailer\n<</Size %d /Root 1 0 R>>\nstartxref\n"
		      "%zu\n%%%%EOF\n", m->n + 1, xref);
}

/* Decodes stream object `num` of an open document. */
static int decode_obj(ov_buf *out, ov_pdf_doc *doc, long long num, size_t max)
{
	ov_pdf_obj *obj = NULL;
	int err;

	if ((err = ov_pdf_doc_get(&obj, doc, num)) < 0)
		return err;
	return ov_pdf_stream_decode(out, doc, obj, max);
}

TEST(budget_numbers)
{
	/* the documented formulas, their ceilings and no overflow */
	CHECK_INT(ov_pdf_decode_budget(0), OV_PDF_DECODE_SLACK);
	CHECK_INT(ov_pdf_decode_budget(260000), 32 * 260000 + ((size_t)4 << 20));
	CHECK_INT(ov_pdf_decode_budget((size_t)100 << 20), OV_PDF_MAX_DECODED);
	CHECK_INT(ov_pdf_decode_budget(SIZE_MAX), OV_PDF_MAX_DECODED);
	CHECK_INT(ov_pdf_object_budget(260000), 130000 + 4096);
	CHECK_INT(ov_pdf_object_budget(SIZE_MAX), OV_PDF_MAX_OBJECTS);
	CHECK_INT(ov_pdf_parse_budget(260000), 520000 + 65536);
	CHECK_INT(ov_pdf_parse_budget(SIZE_MAX), OV_PDF_MAX_PARSED);
}

/* One FlateDecode stream of 16 MiB of zeros (16 KB in the file). */
TEST(budget_stream_bomb)
{
	mkpdf m;
	ov_buf z = OV_BUF_INIT, out = OV_BUF_INIT;
	ov_pdf_doc *doc = NULL;
	ov_pdf_obj *bomb = NULL;
	size_t budget, objs, parsed, decoded;
	char want[200];
	int num;

	CHECK_OK(deflate_repeat(&z, "", (size_t)16 << 20));
	mk_skeleton(&m);
	num = mk_obj(&m, "/Filter /FlateDecode", z.ptr, z.size);
	mk_obj(&m, "/Note (plain)", "abc", 3);
	mk_end(&m);
	budget = ov_pdf_decode_budget(m.file.size);
	CHECK(budget < (size_t)16 << 20);

	CHECK_OK(ov_pdf_doc_open(&doc, m.file.ptr, m.file.size));
	CHECK_OK(ov_pdf_doc_get(&bomb, doc, num));
	CHECK_ERR(ov_pdf_stream_decode(&out, doc, bomb, OV_PDF_MAX_STREAM),
		  OV_EINVALID);
	snprintf(want, sizeof(want), "PDF offset %zu: the streams inflate to "
		 "more than %zu bytes (the limit for a file of %zu bytes)",
		 bomb->off, budget, m.file.size);
	CHECK_STR(ov_error_last()->message, want);
	CHECK_INT(out.size, 0);
	/* it stopped at the budget instead of inflating everything first */
	CHECK(out.asize <= 2 * (budget + 65536) + 64);
	ov_pdf_doc_usage(doc, &objs, &parsed, &decoded);
	CHECK_INT(decoded, budget + 1);
	/* the work is charged: the document has nothing left to decode */
	CHECK_ERR(decode_obj(&out, doc, num + 1, OV_PDF_MAX_STREAM), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "the streams inflate to more than");
	ov_pdf_doc_free(doc);

	/* the stream itself is sound: only the budget refused it */
	CHECK_OK(ov_pdf_inflate(&out, z.ptr, z.size, OV_PDF_MAX_STREAM));
	CHECK_INT(out.size, (size_t)16 << 20);
	/* and the caller's own ceiling still applies (OV_ENOMEM) */
	ov_buf_dispose(&out);
	CHECK_OK(ov_pdf_doc_open(&doc, m.file.ptr, m.file.size));
	CHECK_ERR(decode_obj(&out, doc, num, (size_t)1 << 20), OV_ENOMEM);
	CHECK_CONTAINS(ov_error_last()->message, "decoded stream exceeds 1048576 bytes");
	CHECK_OK(decode_obj(&out, doc, num + 1, 100));
	CHECK_STR(out.ptr, "abc");
	ov_pdf_doc_free(doc);
	ov_buf_dispose(&m.file);
	ov_buf_dispose(&z);
	ov_buf_dispose(&out);
}

/* 40 streams of 512 KiB each: fine one by one, not all in one document. */
TEST(budget_many_streams)
{
	const size_t each = (size_t)512 << 10;
	mkpdf m;
	ov_buf z = OV_BUF_INIT, out = OV_BUF_INIT;
	ov_pdf_doc *doc = NULL;
	size_t budget, fit;
	int i, first = 0, ok = 0, err = OV_OK;

	CHECK_OK(deflate_repeat(&z, "BT /F1 12 Tf 72 712 Td (Samverkan) Tj ET\n"
				"q 0.5 g 72 700 451 1 re f Q\n", each));
	mk_skeleton(&m);
	for (i = 0; i < 40; i++) {
		int n = mk_obj(&m, "/Filter [/FlateDecode]", z.ptr, z.size);

		if (!first)
			first = n;
	}
	mk_end(&m);
	budget = ov_pdf_decode_budget(m.file.size);
	fit = budget / each;
	CHECK(fit >= 1 && fit < 40);

	CHECK_OK(ov_pdf_doc_open(&doc, m.file.ptr, m.file.size));
	for (i = 0; i < 40; i++) {
		ov_buf_clear(&out);
		if ((err = decode_obj(&out, doc, first + i, OV_PDF_MAX_STREAM)) < 0)
			break;
		CHECK_INT(out.size, each);
		ok++;
	}
	CHECK_INT(ok, fit);
	CHECK_INT(err, OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "the streams inflate to more than");
	ov_pdf_doc_free(doc);
	/* the last stream alone in a fresh document */
	CHECK_OK(ov_pdf_doc_open(&doc, m.file.ptr, m.file.size));
	ov_buf_clear(&out);
	CHECK_OK(decode_obj(&out, doc, first + 39, OV_PDF_MAX_STREAM));
	CHECK_INT(out.size, each);
	ov_pdf_doc_free(doc);
	ov_buf_dispose(&m.file);
	ov_buf_dispose(&z);
	ov_buf_dispose(&out);
}

/* A libharu PDF (embedded TrueType font, content streams, attached XML):
 * every object and every stream read in one document, far inside the
 * budgets. */
TEST(budget_normal_document)
{
	ov_buf pdf = OV_BUF_INIT, out = OV_BUF_INIT;
	ov_pdf_doc *doc = NULL;
	ov_pdf_obj *obj = NULL;
	const ov_pdf_obj *size;
	size_t objs, parsed, decoded, streams = 0, xml = 0;
	long long num;

	CHECK_OK(make_base_pdf(&pdf));
	CHECK_OK(ov_pdf_doc_open(&doc, pdf.ptr, pdf.size));
	size = ov_pdf_dict_get(ov_pdf_doc_trailer(doc), "Size");
	CHECK(size && size->num > 10);
	for (num = 1; num < size->num; num++) {
		int err = ov_pdf_doc_get(&obj, doc, num);

		if (err == OV_ENOTFOUND)
			continue;
		CHECK_OK(err);
		if (obj->type != OV_PDF_STREAM)
			continue;
		ov_buf_clear(&out);
		CHECK_OK(ov_pdf_stream_decode(&out, doc, obj, OV_PDF_MAX_STREAM));
		streams++;
		if (out.size == strlen(xml_text) && !memcmp(out.ptr, xml_text, out.size))
			xml++;
	}
	CHECK(streams >= 4);
	CHECK_INT(xml, 1);
	ov_pdf_doc_usage(doc, &objs, &parsed, &decoded);
	CHECK(decoded > 100000);   /* the font was decoded */
	/* a margin of at least eight on every budget */
	CHECK(decoded * 8 < ov_pdf_decode_budget(pdf.size));
	CHECK(objs * 8 < ov_pdf_object_budget(pdf.size));
	CHECK(parsed * 8 < ov_pdf_parse_budget(pdf.size));
	ov_pdf_doc_free(doc);
	ov_buf_dispose(&pdf);
	ov_buf_dispose(&out);
}

/* One array of 30000 empty names (one object per byte). */
TEST(budget_object_count)
{
	mkpdf m;
	ov_buf arr = OV_BUF_INIT;
	ov_pdf_doc *doc = NULL;
	ov_pdf_obj *obj = NULL;
	size_t limit, objs, parsed, decoded;
	char want[120];
	int i, num;

	ov_buf_putc(&arr, '[');
	for (i = 0; i < 30000; i++)
		ov_buf_putc(&arr, '/');
	ov_buf_putc(&arr, ']');
	mk_skeleton(&m);
	num = mk_obj(&m, arr.ptr, NULL, 0);
	mk_end(&m);
	limit = ov_pdf_object_budget(m.file.size);
	CHECK(limit < 30000);
	CHECK_OK(ov_pdf_doc_open(&doc, m.file.ptr, m.file.size));
	CHECK_ERR(ov_pdf_doc_get(&obj, doc, num), OV_EINVALID);
	snprintf(want, sizeof(want), "more than %zu objects (the limit for a "
		 "file of %zu bytes)", limit, m.file.size);
	CHECK_CONTAINS(ov_error_last()->message, want);
	ov_pdf_doc_usage(doc, &objs, &parsed, &decoded);
	CHECK_INT(objs, limit + 1);
	ov_pdf_doc_free(doc);

	/* 5000 names are fine */
	ov_buf_clear(&arr);
	ov_buf_putc(&arr, '[');
	for (i = 0; i < 5000; i++)
		ov_buf_putc(&arr, '/');
	ov_buf_putc(&arr, ']');
	ov_buf_dispose(&m.file);
	mk_skeleton(&m);
	num = mk_obj(&m, arr.ptr, NULL, 0);
	mk_end(&m);
	CHECK_OK(ov_pdf_doc_open(&doc, m.file.ptr, m.file.size));
	CHECK_OK(ov_pdf_doc_get(&obj, doc, num));
	CHECK_INT(obj->count, 5000);
	ov_pdf_doc_free(doc);
	ov_buf_dispose(&m.file);
	ov_buf_dispose(&arr);
}

/* 300 objects whose headers hide in one comment line share one body of
 * 3000 objects: each alone is fine, together they pass the budget. */
TEST(budget_shared_bodies)
{
	mkpdf m;
	ov_pdf_doc *doc = NULL;
	ov_pdf_obj *obj = NULL;
	int i, read = 0, err = OV_OK;

	mk_skeleton(&m);
	for (i = 0; i < 300; i++) {
		m.off[++m.n] = m.file.size;
		ov_buf_printf(&m.file, "%d 0 obj %%", m.n);
	}
	ov_buf_puts(&m.file, "\n[");
	for (i = 0; i < 3000; i++)
		ov_buf_putc(&m.file, '/');
	ov_buf_puts(&m.file, "]\nendobj\n");
	mk_end(&m);

	CHECK_OK(ov_pdf_doc_open(&doc, m.file.ptr, m.file.size));
	CHECK_OK(ov_pdf_doc_get(&obj, doc, 4));
	CHECK_INT(obj->count, 3000);
	CHECK_OK(ov_pdf_doc_get(&obj, doc, 303));
	CHECK_INT(obj->count, 3000);
	for (i = 5; i < 303; i++, read++)
		if ((err = ov_pdf_doc_get(&obj, doc, i)) < 0)
			break;
	CHECK_INT(err, OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "objects (the limit for a file of");
	CHECK(read < 10);
	ov_pdf_doc_free(doc);
	ov_buf_dispose(&m.file);
}

/* Objects nested inside each other's strings: reading all of them would
 * parse the file quadratically often. */
TEST(budget_parse_bytes)
{
	mkpdf m;
	ov_buf body = OV_BUF_INIT;
	ov_pdf_doc *doc = NULL;
	ov_pdf_obj *obj = NULL;
	const int levels = 2000;
	int i, err = OV_OK;

	/* object 4 holds "5 0 obj (...)" in a string, which holds 6, ... */
	mk_skeleton(&m);
	for (i = 0; i < levels; i++)
		ov_buf_printf(&m.file, "%d 0 obj\n(", 4 + i);
	ov_buf_puts(&m.file, "x");
	for (i = 0; i < levels; i++)
		ov_buf_puts(&m.file, ")\nendobj\n");
	{
		/* offsets of the headers */
		const char *p = m.file.ptr + m.off[3];

		for (i = 0; i < levels; i++) {
			char head[32];

			snprintf(head, sizeof(head), "%d 0 obj\n(", 4 + i);
			p = strstr(p, head);
			m.off[4 + i] = (size_t)(p - m.file.ptr);
		}
		m.n = 3 + levels;
	}
	mk_end(&m);
	CHECK_OK(ov_pdf_doc_open(&doc, m.file.ptr, m.file.size));
	CHECK_OK(ov_pdf_doc_get(&obj, doc, 3 + levels));
	CHECK_STR(obj->str, "x");
	for (i = 4; i < 3 + levels; i++)
		if ((err = ov_pdf_doc_get(&obj, doc, i)) < 0)
			break;
	CHECK_INT(err, OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "bytes to parse (the limit for a "
		       "file of");
	CHECK(i < 100);
	ov_pdf_doc_free(doc);
	ov_buf_dispose(&m.file);
	ov_buf_dispose(&body);
}

/* Claimed counts cost nothing: /Size at the limit, 50000 empty xref
 * subsections, a subsection claiming millions of entries. */
TEST(budget_xref_claims)
{
	ov_buf p = OV_BUF_INIT, x = OV_BUF_INIT;
	ov_pdf_doc *doc = NULL;
	long long *pages = NULL;
	size_t n = 0, at;
	int i;

	/* /Size 8388608 in a file of a few hundred bytes (the trailer comes
	 * after the xref table, so startxref stays right) */
	small_pdf(&p, NULL, NULL, NULL, 0);
	CHECK(strstr(p.ptr, "/Size 4 ") != NULL);
	at = (size_t)(strstr(p.ptr, "/Size 4 ") - p.ptr);
	ov_buf_put(&x, p.ptr, at);
	ov_buf_puts(&x, "/Size 8388608 ");
	ov_buf_puts(&x, p.ptr + at + 8);
	CHECK_OK(ov_pdf_doc_open(&doc, x.ptr, x.size));
	CHECK_OK(ov_pdf_doc_pages(&pages, &n, doc));
	CHECK_INT(n, 1);
	free(pages);
	pages = NULL;
	ov_pdf_doc_free(doc);
	doc = NULL;

	/* 50000 empty subsections before the real one */
	ov_buf_clear(&x);
	at = (size_t)(strstr(p.ptr, "xref\n") - p.ptr) + 5;
	ov_buf_put(&x, p.ptr, at);
	for (i = 0; i < 50000; i++)
		ov_buf_printf(&x, "%d 0\n", 7 + i);
	ov_buf_puts(&x, p.ptr + at);
	CHECK_OK(ov_pdf_doc_open(&doc, x.ptr, x.size));
	CHECK_OK(ov_pdf_doc_pages(&pages, &n, doc));
	CHECK_INT(n, 1);
	free(pages);
	ov_pdf_doc_free(doc);

	small_pdf(&p, NULL, "0 8388608\n", NULL, 0);
	CHECK(refused(p.ptr, p.size, "runs past the end of the file"));
	ov_buf_dispose(&p);
	ov_buf_dispose(&x);
}

/* Duplicate keys are found in big dictionaries too, at the repetition. */
TEST(budget_big_dictionary)
{
	ov_buf d = OV_BUF_INIT;
	ov_pdf_obj *obj = NULL;
	size_t pos = 0, dup;
	char want[80];
	int i;

	ov_buf_puts(&d, "<<");
	for (i = 0; i < 20000; i++)
		ov_buf_printf(&d, "/k%d %d ", i, i);
	ov_buf_puts(&d, ">>");
	CHECK_OK(ov_pdf_parse_object(&obj, d.ptr, d.size, &pos));
	CHECK_INT(obj->count, 20000);
	CHECK_INT(ov_pdf_dict_get(obj, "k19999")->num, 19999);
	ov_pdf_obj_free(obj);
	obj = NULL;
	d.size -= 2;
	dup = d.size;
	ov_buf_puts(&d, "/k17 1 /k5 2>>");
	pos = 0;
	CHECK_ERR(ov_pdf_parse_object(&obj, d.ptr, d.size, &pos), OV_EINVALID);
	snprintf(want, sizeof(want), "PDF offset %zu: duplicate key /k17", dup);
	CHECK_STR(ov_error_last()->message, want);
	CHECK(obj == NULL);
	ov_buf_dispose(&d);
}


/* ------------------------------------------------------------------ */
/* Cross-reference streams and object streams                          */

/*
 * A PDF 1.5 file of the shape the renderer writes: objects 1-3 (catalog,
 * pages, page) packed in object stream 4, cross-reference stream 5.  Each
 * field replaces a part when not NULL: `objs` the packed objects' text
 * (after the header), `header` the header ("1 0 2 35 ..."), `ostm_keys`
 * the object stream's keys besides /Type and /Length, `ostm_data` its raw
 * (already encoded) data, `xref_keys` the cross-reference stream's keys
 * besides /Type, /Root and /Length, `rows`/`nrows` its data.
 */
typedef struct xs_spec {
	const char *objs, *header, *ostm_keys, *xref_keys;
	const char *ostm_data;
	const unsigned char *rows;
	size_t nrows;
} xs_spec;

static const char *const xs_objs[3] = {
	"<</Type /Catalog /Pages 2 0 R>>",
	"<</Type /Pages /Kids [3 0 R] /Count 1>>",
	"<</Type /Page /Parent 2 0 R /Note (packed)>>",
};

static void xs_pdf(ov_buf *out, const xs_spec *sp)
{
	ov_buf hdr = OV_BUF_INIT, body = OV_BUF_INIT, plain = OV_BUF_INIT;
	unsigned char rows[6 * 4], z[4096];
	uLongf zlen = sizeof(z);
	size_t off4, off5, i;
	int k;

	ov_buf_clear(out);
	ov_buf_puts(out, "%PDF-1.5\n%\xe2\xe3\xcf\xd3\n");
	for (k = 0; k < 3; k++) {
		ov_buf_printf(&hdr, "%d %zu ", k + 1, body.size);
		ov_buf_printf(&body, "%s\n", xs_objs[k]);
	}
	if (sp->header) {
		ov_buf_clear(&hdr);
		ov_buf_puts(&hdr, sp->header);
	}
	ov_buf_put(&plain, hdr.ptr, hdr.size);
	if (sp->objs)
		ov_buf_puts(&plain, sp->objs);
	else
		ov_buf_put(&plain, body.ptr, body.size);
	compress2(z, &zlen, (const Bytef *)plain.ptr, plain.size, 9);
	off4 = out->size;
	if (sp->ostm_keys)
		ov_buf_printf(out, "4 0 obj\n<</Type /ObjStm %s", sp->ostm_keys);
	else
		ov_buf_printf(out, "4 0 obj\n<</Type /ObjStm /N 3 /First %zu "
			      "/Filter /FlateDecode", hdr.size);
	if (sp->ostm_data) {
		ov_buf_printf(out, " /Length %zu>>\nstream\n%s", strlen(sp->ostm_data),
			      sp->ostm_data);
	} else if (sp->ostm_keys && strstr(sp->ostm_keys, "/Length")) {
		ov_buf_puts(out, ">>\nstream\n");
		ov_buf_put(out, z, zlen);
	} else {
		ov_buf_printf(out, " /Length %lu>>\nstream\n", (unsigned long)zlen);
		ov_buf_put(out, z, zlen);
	}
	ov_buf_puts(out, "\nendstream\nendobj\n");
	off5 = out->size;
	/* W [1 2 1]: 0 free, 1-3 packed at 0-2, 4 and 5 in the file */
	memset(rows, 0, sizeof(rows));
	rows[3] = 0xff;
	for (i = 1; i <= 3; i++) {
		rows[4 * i] = 2;
		rows[4 * i + 2] = 4;
		rows[4 * i + 3] = (unsigned char)(i - 1);
	}
	rows[16] = 1;
	rows[17] = (unsigned char)(off4 >> 8);
	rows[18] = (unsigned char)off4;
	rows[20] = 1;
	rows[21] = (unsigned char)(off5 >> 8);
	rows[22] = (unsigned char)off5;
	ov_buf_printf(out, "5 0 obj\n<</Type /XRef /Root 1 0 R %s /Length %zu>>\n"
		      "stream\n", sp->xref_keys ? sp->xref_keys : "/Size 6 /W [1 2 1]",
		      sp->rows ? sp->nrows : sizeof(rows));
	if (sp->rows)
		ov_buf_put(out, sp->rows, sp->nrows);
	else
		ov_buf_put(out, rows, sizeof(rows));
	ov_buf_printf(out, "\nendstream\nendobj\nstartxref\n%zu\n%%%%EOF\n", off5);
	ov_buf_dispose(&hdr);
	ov_buf_dispose(&body);
	ov_buf_dispose(&plain);
}

/* The offset of the last `what` in `p` (binary data allowed), or 0. */
static size_t find_last(const ov_buf *p, const char *what)
{
	size_t n = strlen(what), i;

	for (i = p->size - n + 1; i-- > 0;)
		if (!memcmp(p->ptr + i, what, n))
			return i;
	return 0;
}

/* Opens `p`, reads every object and the page list: OV_OK or the error. */
static int xs_read_all(const ov_buf *p)
{
	ov_pdf_doc *doc = NULL;
	ov_pdf_obj *obj = NULL;
	long long *pages = NULL, i;
	size_t n = 0;
	int err;

	if ((err = ov_pdf_doc_open(&doc, p->ptr, p->size)) < 0)
		return err;
	for (i = 1; i <= 5 && err == OV_OK; i++) {
		err = ov_pdf_doc_get(&obj, doc, i);
		if (err == OV_ENOTFOUND) {
			ov_error_clear();
			err = OV_OK;
		}
	}
	if (err == OV_OK)
		err = ov_pdf_doc_pages(&pages, &n, doc);
	free(pages);
	ov_pdf_doc_free(doc);
	return err;
}

/* xs_pdf with `sp` must open and then fail on reading with `msg`. */
static int xs_refused_late(const xs_spec *sp, const char *msg)
{
	ov_buf p = OV_BUF_INIT;
	ov_pdf_doc *doc = NULL;
	int err, ok;

	xs_pdf(&p, sp);
	if ((err = ov_pdf_doc_open(&doc, p.ptr, p.size)) < 0) {
		fprintf(stderr, "  expected the file to open: %s\n",
			ov_error_last()->message);
		ov_buf_dispose(&p);
		return 0;
	}
	ov_pdf_doc_free(doc);
	err = xs_read_all(&p);
	ok = err == OV_EINVALID && strstr(ov_error_last()->message, msg) &&
	     strstr(ov_error_last()->message, "PDF offset ");
	if (!ok)
		fprintf(stderr, "  expected '%s', got %d '%s'\n", msg, err,
			ov_error_last() ? ov_error_last()->message : "");
	ov_buf_dispose(&p);
	return ok;
}

/* xs_pdf with `sp` must be refused by ov_pdf_doc_open with `msg`. */
static int xs_refused(const xs_spec *sp, const char *msg)
{
	ov_buf p = OV_BUF_INIT;
	int ok;

	xs_pdf(&p, sp);
	ok = refused(p.ptr, p.size, msg);
	ov_buf_dispose(&p);
	return ok;
}

TEST(xref_stream_valid)
{
	xs_spec sp = { 0 };
	ov_buf p = OV_BUF_INIT, upd = OV_BUF_INIT;
	ov_pdf_doc *doc = NULL;
	ov_pdf_obj *obj = NULL;
	const ov_pdf_revision *revs;
	long long *pages = NULL, stm;
	size_t n = 0, off, idx, off4, x6;
	int gen;

	xs_pdf(&p, &sp);
	off4 = (size_t)(strstr(p.ptr, "4 0 obj") - p.ptr);
	CHECK_OK(ov_pdf_doc_open(&doc, p.ptr, p.size));
	CHECK(ov_pdf_doc_trailer(doc)->type == OV_PDF_STREAM);
	CHECK_INT(ov_pdf_doc_count(doc), 6);
	CHECK_OK(ov_pdf_doc_pages(&pages, &n, doc));
	CHECK_INT(n, 1);
	CHECK_INT(pages[0], 3);
	CHECK_OK(ov_pdf_doc_get(&obj, doc, 3));
	CHECK(obj->type == OV_PDF_DICT);
	CHECK_STR(ov_pdf_dict_get(obj, "Note")->str, "packed");
	/* a packed object is placed at its object stream */
	CHECK_INT(obj->off, off4);
	CHECK_INT(ov_pdf_dict_get(obj, "Parent")->off, off4);
	CHECK(ov_pdf_doc_packed(&stm, &idx, doc, 3) == 1);
	CHECK_INT(stm, 4);
	CHECK_INT(idx, 2);
	CHECK(ov_pdf_doc_packed(&stm, &idx, doc, 4) == 0);
	CHECK_OK(ov_pdf_doc_locate(&off, &gen, doc, 2));
	CHECK_INT(off, off4);
	revs = ov_pdf_doc_revisions(doc, &n);
	CHECK_INT(n, 1);
	CHECK_INT(revs[0].xref_obj, 5);
	CHECK_INT(revs[0].end, p.size);
	ov_pdf_doc_free(doc);
	doc = NULL;
	free(pages);
	pages = NULL;

	/* an update with a cross-reference stream replaces packed object 3 */
	ov_buf_put(&upd, p.ptr, p.size);
	off = upd.size;
	ov_buf_puts(&upd, "3 0 obj\n<</Type /Page /Parent 2 0 R /Note (new)>>\n"
		    "endobj\n");
	x6 = upd.size;
	{
		unsigned char rows[8] = { 1, 0, 0, 0, 1, 0, 0, 0 };

		rows[1] = (unsigned char)(off >> 8);
		rows[2] = (unsigned char)off;
		rows[5] = (unsigned char)(x6 >> 8);
		rows[6] = (unsigned char)x6;
		ov_buf_printf(&upd, "6 0 obj\n<</Type /XRef /Size 7 /Root 1 0 R "
			      "/Prev %zu /Index [3 1 6 1] /W [1 2 1] /Length 8>>\n"
			      "stream\n", find_last(&p, "5 0 obj"));
		ov_buf_put(&upd, rows, sizeof(rows));
		ov_buf_printf(&upd, "\nendstream\nendobj\nstartxref\n%zu\n%%%%EOF\n", x6);
	}
	CHECK_OK(ov_pdf_doc_open(&doc, upd.ptr, upd.size));
	CHECK_OK(ov_pdf_doc_get(&obj, doc, 3));
	CHECK_STR(ov_pdf_dict_get(obj, "Note")->str, "new");
	CHECK(ov_pdf_doc_packed(&stm, &idx, doc, 3) == 0);
	CHECK_OK(ov_pdf_doc_get(&obj, doc, 2));
	CHECK(ov_pdf_dict_get(obj, "Kids") != NULL);
	revs = ov_pdf_doc_revisions(doc, &n);
	CHECK_INT(n, 2);
	CHECK_INT(revs[0].end, p.size);
	CHECK_INT(revs[1].xref_obj, 6);
	ov_pdf_doc_free(doc);
	ov_buf_dispose(&p);
	ov_buf_dispose(&upd);
}

TEST(xref_stream_hostile)
{
	xs_spec sp;
	unsigned char rows[64];

#define XS(field, value) (memset(&sp, 0, sizeof(sp)), sp.field = (value), &sp)
	CHECK(xs_refused(XS(xref_keys, "/Size 6"), "/W array"));
	CHECK(xs_refused(XS(xref_keys, "/Size 6 /W [1 0 1]"), "/W entries"));
	CHECK(xs_refused(XS(xref_keys, "/Size 6 /W [1 9 1]"), "/W entries"));
	CHECK(xs_refused(XS(xref_keys, "/Size 6 /W [1 2]"), "/W array"));
	CHECK(xs_refused(XS(xref_keys, "/W [1 2 1]"), "valid /Size"));
	CHECK(xs_refused(XS(xref_keys, "/Size 6 /W [1 2 1] /Index [0]"),
			 "/Index is not an array"));
	CHECK(xs_refused(XS(xref_keys, "/Size 6 /W [1 2 1] /Index [0 7]"),
			 "needs more than its 24 bytes"));
	CHECK(xs_refused(XS(xref_keys, "/Size 6 /W [1 2 1] /Index [8388600 9]"),
			 "exceeds the object number limit"));
	CHECK(xs_refused(XS(xref_keys, "/Size 6 /W [1 2 1] /Index [0 3 0 3]"),
			 "listed twice"));
	CHECK(xs_refused(XS(xref_keys, "/Size 6 /W [1 2 1] /Filter /LZWDecode"),
			 "unsupported stream filter"));
	CHECK(xs_refused(XS(xref_keys, "/Size 6 /W [1 2 1] /Filter /FlateDecode"),
			 "cross-reference stream 5"));
	CHECK(xs_refused(XS(xref_keys, "/Size 6 /W [1 2 1] /Filter /FlateDecode "
			    "/DecodeParms <</Predictor 12 /Columns 4>>"),
			 "unsupported /Predictor"));
	CHECK(xs_refused(XS(xref_keys, "/Size 6 /W [1 2 1] /Filter 4 0 R"),
			 "must be direct objects"));
	CHECK(xs_refused(XS(xref_keys, "/Size 6 /W [1 2 1] /Type /ObjStm"),
			 "duplicate key /Type"));
	/* entries: an offset outside the file, packed into nothing */
	memset(rows, 0, sizeof(rows));
	rows[0] = 1;
	rows[1] = 0xff;
	sp.nrows = 24;
	CHECK(xs_refused(XS(rows, rows), "needs more than its 0 bytes"));
	sp.nrows = 24;
	CHECK(xs_refused(&sp, "points outside the file"));
	sp.nrows = 4;
	sp.xref_keys = "/Size 1 /W [1 2 1]";
	CHECK(xs_refused(&sp, "points outside the file"));
	memset(rows, 0, sizeof(rows));
	rows[4] = 2;
	rows[6] = 9;          /* object 1 in object stream 9 */
	sp.nrows = 8;
	sp.xref_keys = "/Size 2 /W [1 2 1]";
	CHECK(xs_refused(&sp, "lies in object stream 9, which is not an object"));
	rows[6] = 1;          /* in itself */
	CHECK(xs_refused(&sp, "names no valid object stream"));

	/* the object stream */
	CHECK(xs_refused_late(XS(header, "1 0 2 0 7 0 "), "is not entry 2 of "
			      "object stream 4"));
	CHECK(xs_refused_late(XS(header, "1 0 2 x 3 40 "), "entry 1 of its header"));
	CHECK(xs_refused_late(XS(header, "1 0 2 0 3 99999 "), "entry 2 of its header"));
	CHECK(xs_refused_late(XS(ostm_keys, "/N 3 /First 99999 /Filter /FlateDecode"),
			      "do not fit"));
	CHECK(xs_refused_late(XS(ostm_keys, "/N 300 /First 4 /Filter /FlateDecode"),
			      "do not fit"));
	CHECK(xs_refused_late(XS(ostm_keys, "/First 4 /Filter /FlateDecode"),
			      "without valid /N and /First"));
	CHECK(xs_refused_late(XS(ostm_keys, "/N 3 /First 12 /Filter /FlateDecode "
				 "/Length 2 0 R"), "needed to read another object "
			      "stream"));
	CHECK(xs_refused_late(XS(ostm_data, "x\x9c not deflate"), "object stream 4"));
	memset(&sp, 0, sizeof(sp));
	sp.objs = "<</Type /Catalog";
	sp.header = "1 0 2 0 3 0 ";
	CHECK(xs_refused_late(&sp, "object 1 in object stream 4"));
	memset(&sp, 0, sizeof(sp));
	sp.ostm_keys = "/N 3 /First 12 /Filter /FlateDecode";
	sp.ostm_data = "not compressed";
	CHECK(xs_refused_late(&sp, "object stream 4"));
	/* an object stream that is not one */
	{
		ov_buf p = OV_BUF_INIT;

		memset(&sp, 0, sizeof(sp));
		xs_pdf(&p, &sp);
		memcpy(strstr(p.ptr, "/ObjStm"), "/XObjec", 7);
		CHECK_ERR(xs_read_all(&p), OV_EINVALID);
		CHECK_CONTAINS(ov_error_last()->message, "object 4 is not an object "
			       "stream (/Type /ObjStm)");
		ov_buf_dispose(&p);
	}
#undef XS
}

TEST(xref_stream_truncation_and_noise)
{
	xs_spec sp = { 0 };
	ov_buf p = OV_BUF_INIT, q = OV_BUF_INIT;
	size_t cut, i;
	unsigned seed = 12345;

	xs_pdf(&p, &sp);
	CHECK_OK(xs_read_all(&p));
	for (cut = 0; cut < p.size - 1; cut++) {
		ov_buf_clear(&q);
		ov_buf_put(&q, p.ptr, cut);
		CHECK(xs_read_all(&q) != OV_OK);
	}
	/* flipped bytes: a clean error or a valid reading, never a crash */
	for (i = 0; i < 4000; i++) {
		ov_buf_clear(&q);
		ov_buf_put(&q, p.ptr, p.size);
		seed = seed * 1103515245u + 12345u;
		q.ptr[(seed >> 8) % q.size] ^= (char)(1u << ((seed >> 4) % 8));
		if (xs_read_all(&q) != OV_OK)
			CHECK_CONTAINS(ov_error_last()->message, "PDF");
		ov_error_clear();
	}
	ov_buf_dispose(&p);
	ov_buf_dispose(&q);
}

/* Rows of one byte inflate to far more entries than the file has bytes. */
TEST(xref_stream_entry_bomb)
{
	ov_buf p = OV_BUF_INIT, z = OV_BUF_INIT;

	CHECK_OK(deflate_repeat(&z, "", (size_t)3 << 20));
	ov_buf_printf(&p, "%%PDF-1.5\n1 0 obj\n<</Type /XRef /Size 3145728 /W [0 1 0] "
		      "/Root 1 0 R /Filter /FlateDecode /Length %zu>>\nstream\n", z.size);
	ov_buf_put(&p, z.ptr, z.size);
	ov_buf_puts(&p, "\nendstream\nendobj\nstartxref\n9\n%%EOF\n");
	CHECK(p.size < 10000);
	CHECK(refused(p.ptr, p.size, "cross-reference streams with more than"));
	ov_buf_dispose(&p);
	ov_buf_dispose(&z);
}

TEST(object_stream_bomb)
{
	ov_buf p = OV_BUF_INIT, bomb = OV_BUF_INIT;
	xs_spec sp = { 0 };
	char keys[128];

	/* 300 MB of spaces after the three objects: over the decode budget */
	CHECK_OK(deflate_repeat(&bomb, " ", (size_t)300 << 20));
	ov_buf_puts(&bomb, "");
	snprintf(keys, sizeof(keys), "/N 3 /First 12 /Filter /FlateDecode");
	sp.ostm_keys = keys;
	sp.ostm_data = NULL;
	xs_pdf(&p, &sp);
	{
		/* replace the stream data by the bomb */
		ov_buf q = OV_BUF_INIT;
		const char *s = strstr(p.ptr, "stream\n") + 7;
		const char *e = strstr(s, "\nendstream");
		char *len = strstr(p.ptr, "/Length ");
		size_t x5;

		(void)e;
		ov_buf_put(&q, p.ptr, (size_t)(len - p.ptr));
		ov_buf_printf(&q, "/Length %zu>>\nstream\n", bomb.size);
		ov_buf_put(&q, bomb.ptr, bomb.size);
		ov_buf_puts(&q, "\nendstream\nendobj\n");
		x5 = q.size;
		{
			unsigned char rows[30];
			size_t off4 = (size_t)(strstr(q.ptr, "4 0 obj") - q.ptr);

			/* W [1 3 1] */
			memset(rows, 0, sizeof(rows));
			rows[4] = 0xff;
			for (int i = 1; i <= 3; i++) {
				rows[5 * i] = 2;
				rows[5 * i + 3] = 4;
				rows[5 * i + 4] = (unsigned char)(i - 1);
			}
			rows[20] = 1;
			rows[21] = (unsigned char)(off4 >> 16);
			rows[22] = (unsigned char)(off4 >> 8);
			rows[23] = (unsigned char)off4;
			rows[25] = 1;
			rows[26] = (unsigned char)(x5 >> 16);
			rows[27] = (unsigned char)(x5 >> 8);
			rows[28] = (unsigned char)x5;
			ov_buf_printf(&q, "5 0 obj\n<</Type /XRef /Root 1 0 R /Size 6 "
				      "/W [1 3 1] /Length 30>>\nstream\n");
			ov_buf_put(&q, rows, sizeof(rows));
			ov_buf_printf(&q, "\nendstream\nendobj\nstartxref\n%zu\n%%%%EOF\n", x5);
		}
		CHECK_ERR(xs_read_all(&q), OV_EINVALID);
		CHECK_CONTAINS(ov_error_last()->message, "inflate to more than");
		ov_buf_dispose(&q);
	}
	ov_buf_dispose(&p);
	ov_buf_dispose(&bomb);
}

OVT_MAIN(TEST_ENTRY(tokenizer_roundtrip), TEST_ENTRY(tokenizer_positions),
	 TEST_ENTRY(tokenizer_errors), TEST_ENTRY(text_strings),
	 TEST_ENTRY(object_helpers), TEST_ENTRY(inflate_vectors),
	 TEST_ENTRY(inflate_against_zlib), TEST_ENTRY(inflate_corrupt),
	 TEST_ENTRY(libharu_file_structure), TEST_ENTRY(hostile_structure),
	 TEST_ENTRY(hostile_truncation), TEST_ENTRY(budget_numbers),
	 TEST_ENTRY(budget_stream_bomb), TEST_ENTRY(budget_many_streams),
	 TEST_ENTRY(budget_normal_document), TEST_ENTRY(budget_object_count),
	 TEST_ENTRY(budget_shared_bodies), TEST_ENTRY(budget_parse_bytes),
	 TEST_ENTRY(budget_xref_claims), TEST_ENTRY(budget_big_dictionary),
	 TEST_ENTRY(xref_stream_valid), TEST_ENTRY(xref_stream_hostile),
	 TEST_ENTRY(xref_stream_truncation_and_noise), TEST_ENTRY(xref_stream_entry_bomb),
	 TEST_ENTRY(object_stream_bomb))
