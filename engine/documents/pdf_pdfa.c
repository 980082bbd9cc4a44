/*
 * pdf_pdfa.c - what makes the renderer's output PDF/A-3b (see pdf_pdfa.h):
 * the PDF 1.7 header, an XMP packet that repeats the Info dictionary with
 * pdfaid part 3 / conformance B, an sRGB OutputIntent, a trailer /ID, and
 * the attached agreement XML as an associated file.
 *
 * libharu 2.3.0 knows only PDF/A-1, and its helpers do not fit: the XMP of
 * HPDF_PDFA_SetPDFAConformance says part 1, writes /SubType and does not
 * escape the Info strings; HPDF_PDFA_AppendOutputIntents names the profile
 * key "DestOutputProfile " (with a space); HPDF_PDFA_GenerateID hashes the
 * wall clock.  So the objects are built here with libharu's dictionary
 * calls, and the /ID is an MD5 over what the document is made from, which
 * keeps the output a function of its input.
 *
 * The attached XML is the source the PDF was rendered from, so its file
 * specification says /AFRelationship /Source (ISO 19005-3 annex: "the
 * original content source from which the PDF was produced"; /Data is for
 * data behind a part of the page such as a table).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine/base/lazy_hpdf.h"

#include "overens/error.h"
#include "engine/documents/pdf_pdfa.h"

#define PDFA_ICC_NAME "sRGB IEC61966-2.1"

/* ------------------------------------------------------------------ */
/* Dates                                                               */

/* `t` (UTC) as a PDF date "D:YYYYMMDDHHmmSSZ" into buf. */
static int pdf_date(char buf[64], long long t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if ((long long)tt != t || !gmtime_r(&tt, &tm) || tm.tm_year + 1900 > 9999 ||
	    tm.tm_year + 1900 < 0)
		return ov_error_set(OV_EINVALID, "PDF date %lld is out of range", t);
	snprintf(buf, 64, "D:%04d%02d%02d%02d%02d%02dZ", tm.tm_year + 1900,
		 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
		 tm.tm_sec < 60 ? tm.tm_sec : 59);
	return OV_OK;
}

/*
 * A PDF date "D:YYYYMMDDHHmmSS" with "Z", "+HH'mm'" or "-HH'mm'" (as
 * libharu writes them) as an XMP date "YYYY-MM-DDTHH:mm:SS" + "Z" or
 * "+HH:mm".  Anything shorter is an error: XMP must say the same.
 */
static int xmp_date(ov_buf *out, const char *d)
{
	size_t n = d ? strlen(d) : 0, i;
	int err;

	if (n < 16 || strncmp(d, "D:", 2))
		return ov_error_set(OV_EINVALID, "PDF date '%s' lacks the time of day",
				    d ? d : "");
	for (i = 2; i < 16; i++)
		if (d[i] < '0' || d[i] > '9')
			return ov_error_set(OV_EINVALID, "PDF date '%s' is not "
					    "D:YYYYMMDDHHmmSS", d);
	if ((err = ov_buf_printf(out, "%.4s-%.2s-%.2sT%.2s:%.2s:%.2s", d + 2, d + 6,
				 d + 8, d + 10, d + 12, d + 14)) < 0)
		return err;
	if (n == 16 || d[16] == 'Z')
		return ov_buf_putc(out, 'Z');
	if ((d[16] == '+' || d[16] == '-') && n >= 22)
		return ov_buf_printf(out, "%c%.2s:%.2s", d[16], d + 17, d + 20);
	return ov_error_set(OV_EINVALID, "PDF date '%s' has an unknown time zone", d);
}

/* ------------------------------------------------------------------ */
/* XMP                                                                 */

static int put_xml_text(ov_buf *out, const char *s)
{
	int err = OV_OK;

	for (; *s && err >= 0; s++) {
		if (*s == '&')
			err = ov_buf_puts(out, "&amp;");
		else if (*s == '<')
			err = ov_buf_puts(out, "&lt;");
		else if (*s == '>')
			err = ov_buf_puts(out, "&gt;");
		else
			err = ov_buf_putc(out, *s);
	}
	return err;
}

/* <tag>text</tag>, or <tag><rdf:kind><rdf:li ...>text</rdf:li>...; nothing
 * when the Info entry is absent. */
static int put_prop(ov_buf *out, HPDF_Doc doc, HPDF_InfoType type,
		    const char *tag, const char *kind)
{
	const char *v = HPDF_GetInfoAttr(doc, type);
	const char *lang = kind && !strcmp(kind, "Alt") ? " xml:lang=\"x-default\"" : "";
	int err;

	if (!v || !*v)
		return OV_OK;
	if (kind)
		err = ov_buf_printf(out, "   <%s><rdf:%s><rdf:li%s>", tag, kind, lang);
	else
		err = ov_buf_printf(out, "   <%s>", tag);
	if (err < 0 || (err = put_xml_text(out, v)) < 0)
		return err;
	if (kind)
		return ov_buf_printf(out, "</rdf:li></rdf:%s></%s>\n", kind, tag);
	return ov_buf_printf(out, "</%s>\n", tag);
}

static int put_date_prop(ov_buf *out, HPDF_Doc doc, HPDF_InfoType type,
			 const char *tag)
{
	const char *v = HPDF_GetInfoAttr(doc, type);
	int err;

	if (!v || !*v)
		return OV_OK;
	if ((err = ov_buf_printf(out, "   <%s>", tag)) < 0 ||
	    (err = xmp_date(out, v)) < 0)
		return err;
	return ov_buf_printf(out, "</%s>\n", tag);
}

/*
 * The XMP packet: one rdf:Description per schema, each entry the same
 * value as the Info dictionary's (ISO 19005-3 6.6.2.3.1).
 */
static int build_xmp(ov_buf *x, HPDF_Doc doc)
{
	int err;

	if ((err = ov_buf_puts(x, "<?xpacket begin=\"\xef\xbb\xbf\" "
			       "id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
			       "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
			       " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/"
			       "22-rdf-syntax-ns#\">\n"
			       "  <rdf:Description rdf:about=\"\"\n"
			       "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
			       "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
			       "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
			       "    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
			       "   <dc:format>application/pdf</dc:format>\n")) < 0 ||
	    (err = put_prop(x, doc, HPDF_INFO_TITLE, "dc:title", "Alt")) < 0 ||
	    (err = put_prop(x, doc, HPDF_INFO_AUTHOR, "dc:creator", "Seq")) < 0 ||
	    (err = put_prop(x, doc, HPDF_INFO_SUBJECT, "dc:description", "Alt")) < 0 ||
	    (err = put_prop(x, doc, HPDF_INFO_CREATOR, "xmp:CreatorTool", NULL)) < 0 ||
	    (err = put_date_prop(x, doc, HPDF_INFO_CREATION_DATE, "xmp:CreateDate")) < 0 ||
	    (err = put_date_prop(x, doc, HPDF_INFO_MOD_DATE, "xmp:ModifyDate")) < 0 ||
	    (err = put_prop(x, doc, HPDF_INFO_KEYWORDS, "pdf:Keywords", NULL)) < 0 ||
	    (err = put_prop(x, doc, HPDF_INFO_PRODUCER, "pdf:Producer", NULL)) < 0 ||
	    (err = ov_buf_puts(x, "   <pdfaid:part>3</pdfaid:part>\n"
			       "   <pdfaid:conformance>B</pdfaid:conformance>\n"
			       "  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n")) < 0)
		return err;
	/* No padding: the signed file is never edited in place, and each
	 * kilobyte counts in a document sent by e-mail. */
	return ov_buf_puts(x, "<?xpacket end=\"r\"?>");
}

/* The catalog's /Metadata: the XMP, uncompressed (no /Filter). */
static int add_metadata(pdf_ctx *c)
{
	ov_buf x = OV_BUF_INIT;
	HPDF_Dict md;
	int err;

	if ((err = build_xmp(&x, c->doc)) < 0)
		goto done;
	md = HPDF_DictStream_New(c->doc->mmgr, c->doc->xref);
	if ((err = pdf_check(c, "writing the XMP metadata")) < 0)
		goto done;
	if (!md) {
		err = ov_error_set(OV_ENOMEM, "out of memory");
		goto done;
	}
	md->filter = HPDF_STREAM_FILTER_NONE;
	HPDF_Dict_AddName(md, "Type", "Metadata");
	HPDF_Dict_AddName(md, "Subtype", "XML");
	HPDF_Stream_Write(md->stream, (const HPDF_BYTE *)x.ptr, (HPDF_UINT)x.size);
	HPDF_Dict_Add(c->doc->catalog, "Metadata", md);
	err = pdf_check(c, "writing the XMP metadata");
done:
	ov_buf_dispose(&x);
	return err;
}

/* ------------------------------------------------------------------ */
/* OutputIntent, /ID                                                   */

/* The catalog's /OutputIntents [<< /S /GTS_PDFA1 /DestOutputProfile icc >>]. */
static int add_output_intent(pdf_ctx *c, const char *icc_path)
{
	ov_buf icc = OV_BUF_INIT;
	HPDF_Dict prof, intent;
	HPDF_Array arr;
	int err;

	if (!icc_path)
		icc_path = OV_PDF_ICC_PROFILE;
	if ((err = ov_buf_read_file(&icc, icc_path)) < 0)
		return ov_error_prefix("the sRGB colour profile (PDF/A output intent)");
	if (icc.size < 132 || memcmp(icc.ptr + 36, "acsp", 4) ||
	    memcmp(icc.ptr + 16, "RGB ", 4)) {
		err = ov_error_set(OV_EINVALID, "%s is not an RGB ICC colour profile",
				   icc_path);
		goto done;
	}
	prof = HPDF_DictStream_New(c->doc->mmgr, c->doc->xref);
	intent = HPDF_Dict_New(c->doc->mmgr);
	arr = HPDF_Array_New(c->doc->mmgr);
	if ((err = pdf_check(c, "adding the output intent")) < 0)
		goto done;
	prof->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	HPDF_Dict_AddNumber(prof, "N", 3);
	HPDF_Stream_Write(prof->stream, (const HPDF_BYTE *)icc.ptr, (HPDF_UINT)icc.size);
	HPDF_Xref_Add(c->doc->xref, intent);
	HPDF_Dict_AddName(intent, "Type", "OutputIntent");
	HPDF_Dict_AddName(intent, "S", "GTS_PDFA1");
	HPDF_Dict_Add(intent, "OutputConditionIdentifier",
		      HPDF_String_New(c->doc->mmgr, PDFA_ICC_NAME, NULL));
	HPDF_Dict_Add(intent, "Info", HPDF_String_New(c->doc->mmgr, PDFA_ICC_NAME, NULL));
	HPDF_Dict_Add(intent, "DestOutputProfile", prof);
	HPDF_Array_Add(arr, intent);
	HPDF_Dict_Add(c->doc->catalog, "OutputIntents", arr);
	err = pdf_check(c, "adding the output intent");
done:
	ov_buf_dispose(&icc);
	return err;
}

static void md5_str(HPDF_MD5_CTX *m, const char *s)
{
	if (s)
		HPDF_MD5Update(m, (const HPDF_BYTE *)s, (HPDF_UINT32)strlen(s) + 1);
	else
		HPDF_MD5Update(m, (const HPDF_BYTE *)"", 1);
}

static void md5_bytes(HPDF_MD5_CTX *m, const void *data, size_t len)
{
	for (size_t off = 0; data && off < len; off += 1u << 20) {
		size_t n = len - off;

		HPDF_MD5Update(m, (const HPDF_BYTE *)data + off,
			       (HPDF_UINT32)(n < (1u << 20) ? n : (1u << 20)));
	}
}

/* The trailer's /ID: two equal MD5s of the Info strings and the attachments. */
static int add_id(pdf_ctx *c, const ov_pdf_options *opts)
{
	static const HPDF_InfoType info[] = {
		HPDF_INFO_TITLE, HPDF_INFO_AUTHOR, HPDF_INFO_SUBJECT,
		HPDF_INFO_KEYWORDS, HPDF_INFO_CREATION_DATE, HPDF_INFO_MOD_DATE
	};
	HPDF_BYTE digest[HPDF_MD5_KEY_LEN];
	HPDF_MD5_CTX m;
	HPDF_Array id;
	size_t i;

	HPDF_MD5Init(&m);
	HPDF_MD5Update(&m, (const HPDF_BYTE *)"overens-pdfa", 12);
	for (i = 0; i < sizeof(info) / sizeof(info[0]); i++)
		md5_str(&m, HPDF_GetInfoAttr(c->doc, info[i]));
	md5_str(&m, opts->attachment_name);
	md5_bytes(&m, opts->attachment, opts->attachment_len);
	for (i = 0; opts->attachment_name && i < opts->nmore; i++) {
		md5_str(&m, opts->more[i].name);
		md5_bytes(&m, opts->more[i].data, opts->more[i].len);
	}
	HPDF_MD5Final(digest, &m);
	HPDF_ResetError(c->doc);
	id = HPDF_Array_New(c->doc->mmgr);
	if (!id)
		return pdf_check(c, "writing the document ID");
	HPDF_Array_Add(id, HPDF_Binary_New(c->doc->mmgr, digest, HPDF_MD5_KEY_LEN));
	HPDF_Array_Add(id, HPDF_Binary_New(c->doc->mmgr, digest, HPDF_MD5_KEY_LEN));
	HPDF_Dict_Add(c->doc->trailer, "ID", id);
	return pdf_check(c, "writing the document ID");
}

int pdf_pdfa_finish(pdf_ctx *c, const ov_pdf_options *opts)
{
	const char *created = HPDF_GetInfoAttr(c->doc, HPDF_INFO_CREATION_DATE);
	int err;

	/* PDF/A-3 is built on ISO 32000-1 (PDF 1.7); /AF is a 1.7-era key. */
	c->doc->pdf_version = HPDF_VER_17;
	if (created && !HPDF_GetInfoAttr(c->doc, HPDF_INFO_MOD_DATE)) {
		HPDF_Dict_Add(c->doc->info, "ModDate",
			      HPDF_String_New(c->doc->mmgr, created, NULL));
		if ((err = pdf_check(c, "setting the modification date")) < 0)
			return err;
	}
	if ((err = add_output_intent(c, opts->icc_profile)) < 0 ||
	    (err = add_metadata(c)) < 0)
		return err;
	return add_id(c, opts);
}

/* ------------------------------------------------------------------ */
/* The associated file                                                 */

int pdf_pdfa_attachment(pdf_ctx *c, HPDF_EmbeddedFile ef, const ov_pdf_attachment *a,
			const ov_pdf_options *opts)
{
	HPDF_MMgr mm = c->doc->mmgr;
	HPDF_Dict eff, stream, params;
	HPDF_Array af;
	char date[64];
	int err;

	eff = HPDF_Dict_GetItem(ef, "EF", HPDF_OCLASS_DICT);
	stream = eff ? HPDF_Dict_GetItem(eff, "F", HPDF_OCLASS_DICT) : NULL;
	if ((err = pdf_check(c, "describing the attachment")) < 0)
		return err;
	if (!stream)
		return ov_error_set(OV_ERROR, "%s: PDF attachment has no file stream",
				    c->name);
	if (a->len > 0x7fffffff)
		return ov_error_set(OV_EINVALID, "PDF attachment %s is larger than 2 GB", a->name);
	params = HPDF_Dict_New(mm);
	af = HPDF_Dict_GetItem(c->doc->catalog, "AF", HPDF_OCLASS_ARRAY);
	if (!af && (af = HPDF_Array_New(mm)))
		HPDF_Dict_Add(c->doc->catalog, "AF", af);
	if ((err = pdf_check(c, "describing the attachment")) < 0)
		return err;
	HPDF_Dict_AddName(stream, "Type", "EmbeddedFile");
	HPDF_Dict_AddName(stream, "Subtype", "application/xml");
	HPDF_Dict_AddNumber(params, "Size", (HPDF_INT)a->len);
	if (opts->creation_time >= 0) {
		if ((err = pdf_date(date, opts->creation_time)) < 0)
			return err;
		HPDF_Dict_Add(params, "ModDate", HPDF_String_New(mm, date, NULL));
	}
	HPDF_Dict_Add(stream, "Params", params);
	HPDF_Dict_AddName(ef, "AFRelationship", a->relationship);
	HPDF_Dict_Add(ef, "Desc", HPDF_String_New(mm, a->description,
						  HPDF_GetEncoder(c->doc, "UTF-8")));
	HPDF_Array_Add(af, ef);
	return pdf_check(c, "describing the attachment");
}
