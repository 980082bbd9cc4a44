/*
 * pdfsign.c - appending a PAdES signature to a PDF as an incremental update
 * (see pdfsign.h), Swedish PDF dates, and the two-range BIO that both
 * signing and verification read the signed bytes through.
 *
 * The update, in file order:
 *
 *   S  0 obj  signature dictionary: /ByteRange placeholder [0 a b c] of fixed
 *             width, /M, /Name, /Reason, /Location, for the first signature
 *             /Reference [DocMDP, /P 2], /Contents <00...0>
 *   F  0 obj  field + widget: /FT /Sig /T /V S /P page /Rect /F 132 /AP /N A
 *   A  0 obj  appearance form XObject (glyph ids of the fonts below)
 *   H  0 obj  DejaVu Sans, a subset embedded as Type0/CIDFontType2 in
 *             five objects (sigfont.h); B 0 obj the same of DejaVu Sans
 *             Bold
 *   page (or its indirect /Annots array) with F appended
 *   catalog (or its indirect /AcroForm, /Fields) with F in /Fields and
 *             /SigFlags 3; a certifying signature also sets the catalog's
 *             /Perms /DocMDP to S
 *   xref      one subsection per run of consecutive object numbers
 *   trailer   /Size /Root /Info /ID (copied) /Prev, startxref, %%EOF
 *
 * When the section before is a cross-reference stream (as the renderer
 * writes them), the last two become one: a cross-reference stream object
 * X (uncompressed, /W [1 w 2], /Index with one pair per run, X's own
 * entry included) whose dictionary carries the trailer's keys, so that
 * every section of the file is of one kind (ISO 32000-1 7.5.8.4 has
 * classic sections only in hybrid files, which this is not).
 *
 * Then the byte ranges are patched into the placeholder (padded with spaces
 * so nothing moves), the CMS is computed over [0, a) and [b, end), and its
 * DER is written as hex into the /Contents gap.  OpenSSL 3.0 always adds a
 * signingTime attribute, which PAdES forbids (the time is in /M): it is
 * deleted and the signed attributes are signed again by hand.  For PAdES
 * B-T the request's callback then fetches an RFC 3161 token over the
 * signature value, added as the unsigned attribute
 * id-aa-signatureTimeStampToken before the DER is written.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "overens/lazy_crypto.h"

#include "overens/error.h"
#include "overens/utf8.h"
#include "engine/signing/pdfparse.h"
#include "engine/signing/pdfsign.h"
#include "engine/signing/sigfont.h"
#include "engine/documents/pdf.h"
#include "engine/signing/x509util.h"

#define BYTERANGE_WIDTH 32   /* "0000000000 0000000000 0000000000" */
/* Document time-stamps one PDF may carry (one a year is plenty). */
#define MAX_STAMPS 200
#define OV_SIGN_FONT OV_PDF_FONT_DIR "/DejaVuSans.ttf"
#define OV_SIGN_FONT_BOLD OV_PDF_FONT_DIR "/DejaVuSans-Bold.ttf"

/* ------------------------------------------------------------------ */
/* Swedish time                                                        */

/* 00:00 UTC on the last Sunday of month `mon` (1..12, a 31-day month). */
static long long last_sunday(int year, int mon)
{
	struct tm tm;
	time_t t;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = year - 1900;
	tm.tm_mon = mon - 1;
	tm.tm_mday = 31;
	t = timegm(&tm);
	gmtime_r(&t, &tm);
	return (long long)t - (long long)tm.tm_wday * 86400;
}

/* CET (+1 h) or CEST (+2 h) under the EU rule, in seconds. */
static int sweden_offset(long long t)
{
	struct tm tm;
	time_t tt = (time_t)t;
	long long start, end;

	gmtime_r(&tt, &tm);
	start = last_sunday(tm.tm_year + 1900, 3) + 3600;
	end = last_sunday(tm.tm_year + 1900, 10) + 3600;
	return t >= start && t < end ? 7200 : 3600;
}

int ov_pdf_date_sweden(ov_buf *out, long long t)
{
	struct tm tm;
	int off;
	time_t local;

	if (t < 0 || t > 253402297199LL)  /* 9999-12-31 23:59:59 */
		return ov_error_set(OV_EINVALID, "signing time %lld is out of "
				    "range", t);
	off = sweden_offset(t);
	local = (time_t)(t + off);
	gmtime_r(&local, &tm);
	return ov_buf_printf(out, "D:%04d%02d%02d%02d%02d%02d+%02d'00'",
			     tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
			     tm.tm_hour, tm.tm_min, tm.tm_sec, off / 3600);
}

/* Reads exactly n digits at s[*pos]; -1 if they are not there. */
static int digits(const char *s, size_t len, size_t *pos, int n)
{
	int v = 0, i;

	if (len - *pos < (size_t)n)
		return -1;
	for (i = 0; i < n; i++) {
		char c = s[*pos + (size_t)i];

		if (c < '0' || c > '9')
			return -1;
		v = v * 10 + (c - '0');
	}
	*pos += (size_t)n;
	return v;
}

int ov_pdf_date_parse(long long *t, char iso[32], const char *s, size_t len)
{
	int f[6] = { 0, 1, 1, 0, 0, 0 };
	static const int lo[6] = { 0, 1, 1, 0, 0, 0 };
	static const int hi[6] = { 9999, 12, 31, 23, 59, 59 };
	int i, oh = 0, om = 0, sign = 0;
	size_t pos = 0;
	struct tm tm;

	if (len >= 2 && s[0] == 'D' && s[1] == ':')
		pos = 2;
	for (i = 0; i < 6; i++) {
		int v = digits(s, len, &pos, i ? 2 : 4);

		if (v < 0) {
			if (i == 0)
				goto bad;
			break;
		}
		if (v < lo[i] || v > hi[i])
			goto bad;
		f[i] = v;
	}
	if (pos < len && (s[pos] == '+' || s[pos] == '-')) {
		sign = s[pos++] == '-' ? -1 : 1;
		if ((oh = digits(s, len, &pos, 2)) < 0 || oh > 23)
			goto bad;
		if (pos < len && s[pos] == '\'')
			pos++;
		if (pos < len) {
			if ((om = digits(s, len, &pos, 2)) < 0 || om > 59)
				goto bad;
			if (pos < len && s[pos] == '\'')
				pos++;
		}
	} else if (pos < len && s[pos] == 'Z') {
		pos++;
		if (pos < len && s[pos] == '0')   /* "Z00'00'" is seen in the wild */
			pos = len;
	}
	if (pos != len)
		goto bad;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = f[0] - 1900;
	tm.tm_mon = f[1] - 1;
	tm.tm_mday = f[2];
	tm.tm_hour = f[3];
	tm.tm_min = f[4];
	tm.tm_sec = f[5];
	*t = (long long)timegm(&tm) - (long long)sign * (oh * 3600 + om * 60);
	if (iso) {
		if (sign)
			snprintf(iso, 32, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d",
				 f[0], f[1], f[2], f[3], f[4], f[5],
				 sign < 0 ? '-' : '+', oh, om);
		else
			snprintf(iso, 32, "%04d-%02d-%02dT%02d:%02d:%02dZ",
				 f[0], f[1], f[2], f[3], f[4], f[5]);
	}
	return OV_OK;
bad:
	return ov_error_set(OV_EINVALID, "malformed PDF date '%.*s'",
			    (int)(len > 40 ? 40 : len), s);
}

/* ------------------------------------------------------------------ */
/* Reading two byte ranges as one BIO                                  */

static int ranges_read(BIO *b, char *buf, size_t len, size_t *done)
{
	ov_pdf__ranges *r = BIO_get_data(b);
	size_t n = 0;

	while (n < len && r->pos < r->n[0] + r->n[1]) {
		int seg = r->pos >= r->n[0];
		size_t at = seg ? r->pos - r->n[0] : r->pos;
		size_t k = r->n[seg] - at;

		if (k > len - n)
			k = len - n;
		memcpy(buf + n, r->p[seg] + at, k);
		n += k;
		r->pos += k;
	}
	*done = n;
	return n > 0;
}

static long ranges_ctrl(BIO *b, int cmd, long num, void *ptr)
{
	ov_pdf__ranges *r = BIO_get_data(b);
	size_t left = r->n[0] + r->n[1] - r->pos;

	(void)num;
	(void)ptr;
	switch (cmd) {
	case BIO_CTRL_EOF:
		return left == 0;
	case BIO_CTRL_PENDING:
		return left > 0x7fffffffUL ? 0x7fffffffL : (long)left;
	case BIO_CTRL_FLUSH:
		return 1;
	default:
		return 0;
	}
}

int ov_pdf__ranges_open(ov_pdf__ranges *r, const char *data, size_t a_off,
			size_t a_len, size_t b_off, size_t b_len)
{
	memset(r, 0, sizeof(*r));
	r->p[0] = (const unsigned char *)data + a_off;
	r->n[0] = a_len;
	r->p[1] = (const unsigned char *)data + b_off;
	r->n[1] = b_len;
	if (!(r->meth = BIO_meth_new(BIO_TYPE_SOURCE_SINK, "ov byte ranges")) ||
	    !BIO_meth_set_read_ex(r->meth, ranges_read) ||
	    !BIO_meth_set_ctrl(r->meth, ranges_ctrl) ||
	    !(r->bio = BIO_new(r->meth))) {
		ov_pdf__ranges_close(r);
		return ov_error_set(OV_ENOMEM, "out of memory");
	}
	BIO_set_data(r->bio, r);
	BIO_set_init(r->bio, 1);
	return OV_OK;
}

void ov_pdf__ranges_close(ov_pdf__ranges *r)
{
	BIO_free(r->bio);
	BIO_meth_free(r->meth);
	r->bio = NULL;
	r->meth = NULL;
}

/* ------------------------------------------------------------------ */
/* The appearance                                                      */

/* `text` must be UTF-8 (NULL or empty is fine). */
static int check_utf8(const char *text, const char *what)
{
	size_t len = text ? strlen(text) : 0, pos = 0;

	while (pos < len)
		if (ov_utf8_next(text, len, &pos) < 0)
			return ov_error_set(OV_EINVALID, "%s is not valid UTF-8 at byte %zu",
					    what, pos);
	return OV_OK;
}

/*
 * Appends "/F1 size Tf 1 0 0 1 x y Tm <glyphs> Tj" for the UTF-8 `text`,
 * shrunk from `fs` to fit `avail` points (never below 2 pt).
 */
static int put_fitted(ov_buf *out, const ov_sigfont *font, const char *fname,
		      const char *text, double fs, double avail, double x, double y)
{
	double size = fs, width = ov_sigfont_width(font, text) / 1000.0 * fs;
	int err;

	if (width > avail && width > 0)
		size = fs * avail / width;
	if (size < 2)
		size = 2;
	if ((err = ov_buf_printf(out, "/%s %.2f Tf 1 0 0 1 %.2f %.2f Tm ", fname, size,
				 x, y)) < 0 ||
	    (err = ov_sigfont_show(out, font, text)) < 0)
		return err;
	return ov_buf_puts(out, " Tj\n");
}

/* look.place or look.date on its own line of the block (width > 0). */
static int put_on_line(ov_buf *out, const ov_sigfont *reg, const char *text, double x,
		       double y, double w)
{
	if (!text || !*text || w <= 0)
		return OV_OK;
	return put_fitted(out, reg, "F1", text, 10, w - 4, x + 2, y);
}

/*
 * The block's up to four lines into src[] (NULL or "" = none): name in
 * bold; title; party; place and date, unless those go on the block's own
 * lines.  `tmp` holds the joined "place, date".
 */
static int appearance_lines(const char *src[4], ov_buf *tmp, const ov_sign_request *req,
			    const char *name)
{
	const ov_sign_appearance *look = &req->look;
	const char *place = req->place_w > 0 ? NULL : look->place;
	const char *date = req->date_w > 0 ? NULL : look->date;
	int err, i;

	src[0] = name;
	src[1] = look->title;
	src[2] = look->party;
	src[3] = place && *place ? place : date;
	if (place && *place && date && *date) {
		if ((err = ov_buf_printf(tmp, "%s, %s", place, date)) < 0)
			return err;
		src[3] = tmp->ptr;
	}
	for (i = 0; i < 4; i++)
		if ((err = check_utf8(src[i], "appearance text")) < 0)
			return err;
	if ((err = check_utf8(look->place, "appearance text")) < 0)
		return err;
	return check_utf8(look->date, "appearance text");
}

/*
 * The appearance stream's content: a thin frame around the signing space
 * and the lines of src[] in it, each shrunk to fit the width; then the
 * place and date on their lines.  All clipped to the widget.
 */
static int build_appearance(ov_buf *out, const ov_sign_request *req,
			    const char *const src[4], const ov_sigfont *reg,
			    const ov_sigfont *bold)
{
	const ov_sign_appearance *look = &req->look;
	double w = req->w, h = req->sign_h > 0 && req->sign_h < req->h ? req->sign_h : req->h;
	double pad, fs, avail;
	int err, n = 0, i, k;

	for (i = 0; i < 4; i++)
		n += src[i] && *src[i];
	pad = h * 0.08 < 4.0 ? h * 0.08 : 4.0;
	avail = w - 2 * pad;
	fs = n ? (h - 2 * pad) / (n * 1.25) : 10;
	if (fs > 10)
		fs = 10;
	if ((err = ov_buf_printf(out, "q 0 0 %.2f %.2f re W n 0.45 0.45 0.45 RG 0.5 w "
				 "0.25 0.25 %.2f %.2f re S BT 0 g\n", req->w, req->h,
				 w - 0.5, h - 0.5)) < 0)
		return err;
	for (i = 0, k = 0; i < 4; i++) {
		if (!src[i] || !*src[i])
			continue;
		if ((err = put_fitted(out, i == 0 ? bold : reg, i == 0 ? "F2" : "F1",
				      src[i], fs, avail, pad,
				      h - pad - fs * (0.85 + 1.25 * k))) < 0)
			return err;
		k++;
	}
	if ((err = put_on_line(out, reg, look->place, req->place_x, req->place_y,
			       req->place_w)) < 0 ||
	    (err = put_on_line(out, reg, look->date, req->date_x, req->date_y,
			       req->date_w)) < 0)
		return err;
	return ov_buf_puts(out, "ET Q\n");
}

/* ------------------------------------------------------------------ */
/* Writing the update                                                  */

#define MAX_UPDATE_OBJS 64

typedef struct upd_entry {
	long long num;
	int gen;
	size_t off;
} upd_entry;

typedef struct update {
	ov_buf *file;
	upd_entry objs[MAX_UPDATE_OBJS];
	size_t nobjs;
} update;

static int upd_begin(update *u, long long num, int gen)
{
	size_t i;

	for (i = 0; i < u->nobjs; i++)
		if (u->objs[i].num == num)
			return ov_error_set(OV_EINVALID, "PDF: object %lld would be "
					    "rewritten twice (page, catalog and "
					    "form share objects)", num);
	if (u->nobjs == MAX_UPDATE_OBJS)
		return ov_error_set(OV_ERROR, "too many objects in one update");
	u->objs[u->nobjs].num = num;
	u->objs[u->nobjs].gen = gen;
	u->objs[u->nobjs].off = u->file->size;
	u->nobjs++;
	return ov_buf_printf(u->file, "%lld %d obj\n", num, gen);
}

static int upd_object(update *u, long long num, int gen, const ov_pdf_obj *obj)
{
	int err;

	if ((err = upd_begin(u, num, gen)) < 0 ||
	    (err = ov_pdf_obj_write(u->file, obj)) < 0)
		return err;
	return ov_buf_puts(u->file, "\nendobj\n");
}

/* Rewrites indirect object `num` as `obj` (takes ownership of obj). */
static int upd_rewrite(update *u, ov_pdf_doc *doc, long long num,
		       ov_pdf_obj *obj)
{
	size_t off;
	int gen, err;

	if ((err = ov_pdf_doc_locate(&off, &gen, doc, num)) == OV_OK)
		err = upd_object(u, num, gen, obj);
	ov_pdf_obj_free(obj);
	return err;
}

/* Sorts the update's entries by object number (a handful of them). */
static void upd_sort(update *u)
{
	size_t i, j;

	for (i = 1; i < u->nobjs; i++)
		for (j = i; j > 0 && u->objs[j - 1].num > u->objs[j].num; j--) {
			upd_entry t = u->objs[j];

			u->objs[j] = u->objs[j - 1];
			u->objs[j - 1] = t;
		}
}

static int upd_xref(update *u)
{
	size_t i, j, k;
	int err;

	upd_sort(u);
	if ((err = ov_buf_puts(u->file, "xref\n")) < 0)
		return err;
	for (i = 0; i < u->nobjs; i = j) {
		for (j = i + 1; j < u->nobjs &&
		     u->objs[j].num == u->objs[j - 1].num + 1; j++)
			;
		if ((err = ov_buf_printf(u->file, "%lld %zu\n", u->objs[i].num,
					 j - i)) < 0)
			return err;
		for (k = i; k < j; k++)
			if ((err = ov_buf_printf(u->file, "%010zu %05d n\r\n",
						 u->objs[k].off, u->objs[k].gen)) < 0)
				return err;
	}
	return OV_OK;
}

/* ------------------------------------------------------------------ */
/* Page and form updates                                               */

/* A new one-element array [num 0 R]. */
static ov_pdf_obj *ref_array(long long num)
{
	ov_pdf_obj *a = ov_pdf_obj_new(OV_PDF_ARRAY);

	if (a && ov_pdf_array_push(a, ov_pdf_ref_new(num, 0)) < 0) {
		ov_pdf_obj_free(a);
		return NULL;
	}
	return a;
}

/* Appends `widget` to an array that is either direct in `holder` under
 * `key` (holder is a copy that will be written) or an indirect object that
 * is rewritten here. */
static int append_to_array(update *u, ov_pdf_doc *doc, ov_pdf_obj *holder,
			   const char *key, long long widget, const char *what)
{
	ov_pdf_obj *val = ov_pdf_dict_get(holder, key), *target = NULL, *copy = NULL;
	int err;

	if (val && val->type == OV_PDF_REF) {
		if ((err = ov_pdf_doc_resolve(&target, doc, val)) < 0)
			return err;
		if (target && target->type == OV_PDF_ARRAY) {
			if ((err = ov_pdf_obj_clone(&copy, target)) < 0 ||
			    (err = ov_pdf_array_push(copy, ov_pdf_ref_new(widget, 0))) < 0) {
				ov_pdf_obj_free(copy);
				return err;
			}
			return upd_rewrite(u, doc, val->num, copy);
		}
		if (target)
			return ov_error_set(OV_EINVALID, "PDF offset %zu: %s is not "
					    "an array", target->off, what);
		val = NULL;   /* a dangling reference counts as missing */
	}
	if (!val || val->type == OV_PDF_NULL)
		return ov_pdf_dict_set(holder, key, ref_array(widget));
	if (val->type != OV_PDF_ARRAY)
		return ov_error_set(OV_EINVALID, "PDF offset %zu: %s is not an "
				    "array", val->off, what);
	return ov_pdf_array_push(val, ov_pdf_ref_new(widget, 0));
}

static int add_annotation(update *u, ov_pdf_doc *doc, long long page,
			  long long widget)
{
	ov_pdf_obj *obj = NULL, *copy = NULL, *annots;
	int err;

	if ((err = ov_pdf_doc_get(&obj, doc, page)) < 0)
		return err;
	annots = ov_pdf_dict_get(obj, "Annots");
	if ((err = ov_pdf_obj_clone(&copy, obj)) < 0)
		return err;
	if (annots && annots->type == OV_PDF_REF) {
		ov_pdf_obj *target = NULL;

		if ((err = ov_pdf_doc_resolve(&target, doc, annots)) < 0)
			goto fail;
		if (target) {
			/* the page itself stays as it is */
			err = append_to_array(u, doc, copy, "Annots", widget,
					      "the page's /Annots");
			ov_pdf_obj_free(copy);
			return err;
		}
	}
	if ((err = append_to_array(u, doc, copy, "Annots", widget,
				   "the page's /Annots")) < 0)
		goto fail;
	return upd_rewrite(u, doc, page, copy);
fail:
	ov_pdf_obj_free(copy);
	return err;
}

/* Puts the field into an AcroForm dictionary `form` (a copy to be written)
 * and sets /SigFlags 3. */
static int fill_acroform(update *u, ov_pdf_doc *doc, ov_pdf_obj *form,
			 long long widget)
{
	ov_pdf_obj *flags = NULL;
	long long f = 0;
	int err;

	if ((err = append_to_array(u, doc, form, "Fields", widget,
				   "/AcroForm /Fields")) < 0)
		return err;
	if ((err = ov_pdf_doc_resolve(&flags, doc,
				      ov_pdf_dict_get(form, "SigFlags"))) < 0)
		return err;
	if (flags && flags->type == OV_PDF_INT)
		f = flags->num;
	return ov_pdf_dict_set(form, "SigFlags", ov_pdf_int_new(f | 3));
}

/* Sets the catalog copy's /Perms to << /DocMDP sig 0 R >>. */
static int set_perms(ov_pdf_obj *cat, long long sig)
{
	ov_pdf_obj *perms = ov_pdf_obj_new(OV_PDF_DICT);

	if (!perms || ov_pdf_dict_set(perms, "DocMDP", ov_pdf_ref_new(sig, 0)) < 0) {
		ov_pdf_obj_free(perms);
		return ov_error_set(OV_ENOMEM, "out of memory");
	}
	return ov_pdf_dict_set(cat, "Perms", perms);
}

/* Adds the field to the form; `certify` (a signature object number, or 0)
 * also points the catalog's /Perms /DocMDP at it. */
static int add_field(update *u, ov_pdf_doc *doc, long long widget, long long certify)
{
	const ov_pdf_obj *root = ov_pdf_dict_get(ov_pdf_doc_trailer(doc), "Root");
	ov_pdf_obj *cat = NULL, *copy = NULL, *af, *target = NULL, *form = NULL;
	int err;

	if ((err = ov_pdf_doc_catalog(&cat, doc)) < 0)
		return err;
	af = ov_pdf_dict_get(cat, "AcroForm");
	if (af && af->type == OV_PDF_REF) {
		if ((err = ov_pdf_doc_resolve(&target, doc, af)) < 0)
			return err;
		if (target && target->type != OV_PDF_DICT)
			return ov_error_set(OV_EINVALID, "PDF offset %zu: /AcroForm "
					    "is not a dictionary", target->off);
		if (target) {
			if ((err = ov_pdf_obj_clone(&form, target)) < 0)
				return err;
			if ((err = fill_acroform(u, doc, form, widget)) < 0) {
				ov_pdf_obj_free(form);
				return err;
			}
			if ((err = upd_rewrite(u, doc, af->num, form)) < 0 || !certify)
				return err;
			if ((err = ov_pdf_obj_clone(&copy, cat)) < 0)
				return err;
			if ((err = set_perms(copy, certify)) < 0)
				goto fail;
			return upd_rewrite(u, doc, root->num, copy);
		}
	}
	if ((err = ov_pdf_obj_clone(&copy, cat)) < 0)
		return err;
	if (certify && (err = set_perms(copy, certify)) < 0)
		goto fail;
	af = ov_pdf_dict_get(copy, "AcroForm");
	if (!af || af->type == OV_PDF_REF || af->type == OV_PDF_NULL) {
		if ((err = ov_pdf_dict_set(copy, "AcroForm",
					   ov_pdf_obj_new(OV_PDF_DICT))) < 0)
			goto fail;
		af = ov_pdf_dict_get(copy, "AcroForm");
	} else if (af->type != OV_PDF_DICT) {
		err = ov_error_set(OV_EINVALID, "PDF offset %zu: /AcroForm is "
				   "not a dictionary", af->off);
		goto fail;
	}
	if ((err = fill_acroform(u, doc, af, widget)) < 0)
		goto fail;
	return upd_rewrite(u, doc, root->num, copy);
fail:
	ov_pdf_obj_free(copy);
	return err;
}

/* OV_EEXISTS if a top-level field (or one of its kids) is named `name`. */
static int check_field_name(ov_pdf_doc *doc, const ov_pdf_obj *fields,
			    const char *name, int depth)
{
	size_t i;
	int err;

	if (!fields || fields->type != OV_PDF_ARRAY)
		return OV_OK;
	if (depth > 16)
		return ov_error_set(OV_EINVALID, "PDF: form fields nested too "
				    "deeply");
	for (i = 0; i < fields->count; i++) {
		ov_pdf_obj *f = NULL, *kids = NULL;
		char *t = NULL;

		if ((err = ov_pdf_doc_resolve(&f, doc, fields->items[i])) < 0)
			return err;
		if (!f || f->type != OV_PDF_DICT)
			continue;
		if (depth == 0 && ov_pdf_dict_get(f, "T")) {
			if ((err = ov_pdf_text_to_utf8(&t, ov_pdf_dict_get(f, "T"))) < 0)
				return err;
			err = strcmp(t, name) ? OV_OK :
			      ov_error_set(OV_EEXISTS, "a signature field named "
					   "'%s' already exists", name);
			free(t);
			if (err < 0)
				return err;
		}
		if ((err = ov_pdf_doc_resolve(&kids, doc,
					      ov_pdf_dict_get(f, "Kids"))) < 0 ||
		    (err = check_field_name(doc, kids, name, depth + 1)) < 0)
			return err;
	}
	return OV_OK;
}

static int existing_fields(ov_pdf_obj **out, ov_pdf_doc *doc)
{
	ov_pdf_obj *cat = NULL, *af = NULL;
	int err;

	*out = NULL;
	if ((err = ov_pdf_doc_catalog(&cat, doc)) < 0 ||
	    (err = ov_pdf_doc_resolve(&af, doc, ov_pdf_dict_get(cat, "AcroForm"))) < 0)
		return err;
	return ov_pdf_doc_resolve(out, doc, ov_pdf_dict_get(af, "Fields"));
}

/* ------------------------------------------------------------------ */
/* CMS                                                                 */

typedef struct der_item {
	unsigned char *p;
	int len;
} der_item;

/* DER order for SET OF: octet strings compared with the shorter padded by
 * trailing zeros. */
static int der_cmp(const void *a, const void *b)
{
	const der_item *x = a, *y = b;
	int n = x->len < y->len ? x->len : y->len, c = memcmp(x->p, y->p, (size_t)n);

	if (c)
		return c;
	return (x->len > y->len) - (x->len < y->len);
}

/* The signed attributes as the DER SET OF that the signature covers. */
static int signed_attrs_der(ov_buf *out, CMS_SignerInfo *si)
{
	int n = CMS_signed_get_attr_count(si), i, err = OV_OK;
	der_item *items = NULL;
	size_t total = 0, t;
	unsigned char hdr[6];
	int hl = 0;

	if (n <= 0)
		return ov_error_set(OV_ERROR, "CMS signer has no signed "
				    "attributes");
	if (!(items = calloc((size_t)n, sizeof(*items))))
		return ov_error_set(OV_ENOMEM, "out of memory");
	for (i = 0; i < n; i++) {
		items[i].len = i2d_X509_ATTRIBUTE(CMS_signed_get_attr(si, i),
						  &items[i].p);
		if (items[i].len <= 0) {
			err = ov_error_set(OV_ERROR, "cannot encode a signed "
					   "attribute");
			goto done;
		}
		total += (size_t)items[i].len;
	}
	qsort(items, (size_t)n, sizeof(*items), der_cmp);
	hdr[hl++] = 0x31;
	if (total < 0x80) {
		hdr[hl++] = (unsigned char)total;
	} else {
		int bytes = 0;

		for (t = total; t; t >>= 8)
			bytes++;
		hdr[hl++] = (unsigned char)(0x80 | bytes);
		while (bytes--)
			hdr[hl++] = (unsigned char)(total >> (8 * bytes));
	}
	if ((err = ov_buf_put(out, hdr, (size_t)hl)) < 0)
		goto done;
	for (i = 0; i < n; i++)
		if ((err = ov_buf_put(out, items[i].p, (size_t)items[i].len)) < 0)
			goto done;
done:
	for (i = 0; i < n; i++)
		OPENSSL_free(items[i].p);
	free(items);
	return err;
}


/* Removes signingTime and signs the remaining signed attributes again. */
static int drop_signing_time(CMS_SignerInfo *si, EVP_PKEY *key)
{
	ov_buf tbs = OV_BUF_INIT;
	EVP_MD_CTX *mctx = NULL;
	unsigned char *sig = NULL;
	size_t siglen;
	int idx, err = OV_OK;
	char why[256];

	while ((idx = CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1)) >= 0)
		X509_ATTRIBUTE_free(CMS_signed_delete_attr(si, idx));
	if ((err = signed_attrs_der(&tbs, si)) < 0)
		goto done;
	siglen = (size_t)EVP_PKEY_get_size(key);
	if (!(sig = malloc(siglen)) || !(mctx = EVP_MD_CTX_new())) {
		err = ov_error_set(OV_ENOMEM, "out of memory");
		goto done;
	}
	if (EVP_DigestSignInit(mctx, NULL, EVP_sha256(), NULL, key) != 1 ||
	    EVP_DigestSign(mctx, sig, &siglen, (const unsigned char *)tbs.ptr,
			   tbs.size) != 1 ||
	    !ASN1_STRING_set(CMS_SignerInfo_get0_signature(si), sig, (int)siglen)) {
		err = ov_error_set(OV_ERROR, "cannot sign the signed attributes: "
				   "%s", ov_ssl_reason(why, sizeof(why)));
		goto done;
	}
done:
	EVP_MD_CTX_free(mctx);
	free(sig);
	ov_buf_dispose(&tbs);
	return err;
}

/*
 * PAdES B-T: a time-stamp token over the signature value, from the
 * request's callback, as the unsigned attribute
 * id-aa-signatureTimeStampToken (RFC 3161 appendix A, ETSI EN 319 122-1).
 */
static int add_timestamp(CMS_SignerInfo *si, const ov_sign_request *req)
{
	ASN1_OCTET_STRING *value = CMS_SignerInfo_get0_signature(si);
	ASN1_OBJECT *oid = NULL;
	ov_buf token = OV_BUF_INIT;
	char why[256];
	int err;

	if (!req->timestamp)
		return OV_OK;
	if ((err = req->timestamp(&token, ASN1_STRING_get0_data(value),
				  (size_t)ASN1_STRING_length(value),
				  req->timestamp_ctx)) < 0)
		goto done;
	if (!token.size || token.size > 0x7fffffff) {
		err = ov_error_set(OV_EINVALID, "the time-stamp token is empty or too large");
		goto done;
	}
	if (!(oid = OBJ_txt2obj("1.2.840.113549.1.9.16.2.14", 1)) ||
	    !CMS_unsigned_add1_attr_by_OBJ(si, oid, V_ASN1_SEQUENCE, token.ptr,
					   (int)token.size))
		err = ov_error_set(OV_ERROR, "cannot add the time-stamp token: %s",
				   ov_ssl_reason(why, sizeof(why)));
done:
	ASN1_OBJECT_free(oid);
	ov_buf_dispose(&token);
	return err;
}

/* The DER of a detached CAdES SignedData over the two ranges of `file`. */
static int cms_sign(ov_buf *der, const ov_sign_request *req, const char *file,
		    size_t a, size_t b, size_t end)
{
	const int flags = CMS_DETACHED | CMS_BINARY | CMS_NOSMIMECAP | CMS_CADES;
	CMS_ContentInfo *cms = NULL;
	CMS_SignerInfo *si;
	ov_pdf__ranges r;
	unsigned char *p = NULL;
	char why[256];
	int i, n, err = OV_OK;

	memset(&r, 0, sizeof(r));
	if ((err = ov_pdf__ranges_open(&r, file, 0, a, b, end - b)) < 0)
		return err;
	if (!(cms = CMS_sign(NULL, NULL, NULL, NULL, flags | CMS_PARTIAL)) ||
	    !(si = CMS_add1_signer(cms, req->cert, req->key, EVP_sha256(), flags)))
		goto ssl_fail;
	for (i = 0; req->chain && i < sk_X509_num(req->chain); i++) {
		X509 *c = sk_X509_value(req->chain, i);

		if (X509_cmp(c, req->cert) && !CMS_add1_cert(cms, c))
			goto ssl_fail;
	}
	if (!CMS_final(cms, r.bio, NULL, flags))
		goto ssl_fail;
	if ((err = drop_signing_time(si, req->key)) < 0 ||
	    (err = add_timestamp(si, req)) < 0)
		goto done;
	if ((n = i2d_CMS_ContentInfo(cms, &p)) <= 0)
		goto ssl_fail;
	err = ov_buf_put(der, p, (size_t)n);
	goto done;
ssl_fail:
	err = ov_error_set(OV_ERROR, "OpenSSL could not sign: %s",
			   ov_ssl_reason(why, sizeof(why)));
done:
	OPENSSL_free(p);
	CMS_ContentInfo_free(cms);
	ov_pdf__ranges_close(&r);
	return err;
}

/* ------------------------------------------------------------------ */
/* Signing                                                             */

static int check_request(const ov_sign_request *req)
{
	if (!req || !req->field_name || !*req->field_name)
		return ov_error_set(OV_EINVALID, "signing needs a field name");
	if (strchr(req->field_name, '.'))
		return ov_error_set(OV_EINVALID, "field name '%s' must not "
				    "contain '.'", req->field_name);
	if (!req->key || !req->cert)
		return ov_error_set(OV_EINVALID, "signing needs a key and a "
				    "certificate");
	if (req->page < 0)
		return ov_error_set(OV_EINVALID, "page index %d is negative",
				    req->page);
	if (!isfinite(req->x) || !isfinite(req->y) || !isfinite(req->w) ||
	    !isfinite(req->h) || req->w <= 0 || req->h <= 0 ||
	    fabs(req->x) > 14400 || fabs(req->y) > 14400 || req->w > 14400 ||
	    req->h > 14400)
		return ov_error_set(OV_EINVALID, "signature rectangle %g %g %g %g "
				    "is not a box on a page", req->x, req->y,
				    req->w, req->h);
	return OV_OK;
}

/* "/Key <text>" when text is given. */
static int put_text_entry(ov_buf *out, const char *key, const char *text)
{
	int err;

	if (!text || !*text)
		return OV_OK;
	if ((err = ov_buf_printf(out, "/%s ", key)) < 0 ||
	    (err = ov_pdf_text_write(out, text)) < 0)
		return ov_error_prefix("/%s", key);
	return OV_OK;
}

/* "\n/Contents <00...0>>>" closing the signature dictionary; *at is the
 * offset of '<'. */
static int put_contents(ov_buf *f, size_t *at)
{
	size_t i;
	int err;

	if ((err = ov_buf_puts(f, "\n/Contents ")) < 0)
		return err;
	*at = f->size;
	if ((err = ov_buf_grow(f, f->size + OV_SIGN_CONTENTS_HEX + 16)) < 0 ||
	    (err = ov_buf_putc(f, '<')) < 0)
		return err;
	for (i = 0; i < OV_SIGN_CONTENTS_HEX; i++)
		if ((err = ov_buf_putc(f, '0')) < 0)
			return err;
	return ov_buf_puts(f, ">>>\nendobj\n");
}

static int write_sig_dict(update *u, long long num, const ov_sign_request *req,
			  const char *name, size_t *br_at, size_t *contents_at)
{
	ov_buf *f = u->file;
	int err;

	if ((err = upd_begin(u, num, 0)) < 0 ||
	    (err = ov_buf_puts(f, "<</Type /Sig /Filter /Adobe.PPKLite "
			       "/SubFilter /ETSI.CAdES.detached\n/ByteRange [0 ")) < 0)
		return err;
	*br_at = f->size;
	if ((err = ov_buf_puts(f, "0000000000 0000000000 0000000000]\n/M (")) < 0 ||
	    (err = ov_pdf_date_sweden(f, req->signing_time)) < 0 ||
	    (err = ov_buf_puts(f, ")\n")) < 0 ||
	    (err = put_text_entry(f, "Name", name)) < 0 ||
	    (err = put_text_entry(f, "Reason", req->reason)) < 0 ||
	    (err = put_text_entry(f, "Location", req->location)) < 0)
		return err;
	/* A certifying signature: form filling and signing only (DocMDP P 2). */
	if (req->certify &&
	    (err = ov_buf_puts(f, "\n/Reference [<</Type /SigRef /TransformMethod /DocMDP "
			       "/TransformParams <</Type /TransformParams /P 2 /V /1.2>>>>]")) < 0)
		return err;
	return put_contents(f, contents_at);
}

static int write_widget(update *u, long long num, long long sig,
			long long ap, long long page, const ov_sign_request *req)
{
	ov_buf *f = u->file;
	int err;

	if ((err = upd_begin(u, num, 0)) < 0 ||
	    (err = ov_buf_puts(f, "<</Type /Annot /Subtype /Widget /FT /Sig /T ")) < 0 ||
	    (err = ov_pdf_text_write(f, req->field_name)) < 0)
		return err;
	return ov_buf_printf(f, " /V %lld 0 R /P %lld 0 R\n/Rect [%.2f %.2f %.2f "
			     "%.2f] /F 132 /AP <</N %lld 0 R>>>>\nendobj\n",
			     sig, page, req->x, req->y, req->x + req->w,
			     req->y + req->h, ap);
}

/* The font's OV_SIGFONT_NOBJS objects, numbered from `num`. */
static int write_font(update *u, const ov_sigfont *f, long long num)
{
	int k, err;

	for (k = 0; k < OV_SIGFONT_NOBJS; k++)
		if ((err = upd_begin(u, num + k, 0)) < 0 ||
		    (err = ov_sigfont_object(u->file, f, k, num)) < 0 ||
		    (err = ov_buf_puts(u->file, "endobj\n")) < 0)
			return err;
	return OV_OK;
}

/*
 * The appearance XObject `num` and its fonts: subsets of DejaVu Sans
 * (objects from `font`) and DejaVu Sans Bold (from `bold`, the name line).
 */
static int write_appearance(update *u, long long num, long long font,
			    long long bold, const ov_sign_request *req,
			    const char *name)
{
	ov_buf content = OV_BUF_INIT, tmp = OV_BUF_INIT;
	ov_sigfont reg, fbold;
	const char *src[4], *texts[5];
	int err;

	memset(&reg, 0, sizeof(reg));
	memset(&fbold, 0, sizeof(fbold));
	if ((err = appearance_lines(src, &tmp, req, name)) < 0)
		goto done;
	texts[0] = src[1];
	texts[1] = src[2];
	texts[2] = src[3];
	texts[3] = req->look.place;
	texts[4] = req->look.date;
	if ((err = ov_sigfont_open(&reg, OV_SIGN_FONT, "DejaVuSans", texts, 5)) < 0 ||
	    (err = ov_sigfont_open(&fbold, OV_SIGN_FONT_BOLD, "DejaVuSans-Bold", src, 1)) < 0 ||
	    (err = build_appearance(&content, req, src, &reg, &fbold)) < 0)
		goto done;
	if ((err = upd_begin(u, num, 0)) < 0 ||
	    (err = ov_buf_printf(u->file, "<</Type /XObject /Subtype /Form "
				 "/FormType 1 /BBox [0 0 %.2f %.2f]\n/Resources "
				 "<</Font <</F1 %lld 0 R /F2 %lld 0 R>>>> "
				 "/Length %zu>>\nstream\n", req->w, req->h, font,
				 bold, content.size)) < 0 ||
	    (err = ov_buf_put(u->file, content.ptr, content.size)) < 0 ||
	    (err = ov_buf_puts(u->file, "\nendstream\nendobj\n")) < 0 ||
	    (err = write_font(u, &reg, font)) < 0)
		goto done;
	err = write_font(u, &fbold, bold);
done:
	ov_sigfont_dispose(&reg);
	ov_sigfont_dispose(&fbold);
	ov_buf_dispose(&content);
	ov_buf_dispose(&tmp);
	return err;
}

/* The trailer keys an update copies: " /Root 1 0 R /Info ... /ID [...]". */
static int copy_trailer_keys(update *u, ov_pdf_doc *doc)
{
	const ov_pdf_obj *old = ov_pdf_doc_trailer(doc);
	static const char *const copy[] = { "Root", "Info", "ID" };
	size_t i;
	int err;

	for (i = 0; i < sizeof(copy) / sizeof(copy[0]); i++) {
		const ov_pdf_obj *v = ov_pdf_dict_get(old, copy[i]);

		if (!v)
			continue;
		if ((err = ov_buf_printf(u->file, " /%s ", copy[i])) < 0 ||
		    (err = ov_pdf_obj_write(u->file, v)) < 0)
			return err;
	}
	return OV_OK;
}

/*
 * The update's cross-reference stream, object `xnum` (the last number of
 * the update), with its trailer keys, startxref and %%EOF.
 */
static int write_xref_stream(update *u, ov_pdf_doc *doc, long long xnum)
{
	ov_buf rows = OV_BUF_INIT;
	size_t xref = u->file->size, i, j, k;
	int w = 1, err;

	if ((err = upd_begin(u, xnum, 0)) < 0)
		return err;
	/* upd_begin wrote the object's header: X's entry points at it */
	xref = u->objs[u->nobjs - 1].off;
	upd_sort(u);
	w = ov_buf_be_width(xref);
	for (i = 0; i < u->nobjs; i++)
		if ((err = ov_buf_putc(&rows, 1)) < 0 ||
		    (err = ov_buf_put_be(&rows, u->objs[i].off, w)) < 0 ||
		    (err = ov_buf_put_be(&rows, (size_t)u->objs[i].gen, 2)) < 0)
			goto done;
	if ((err = ov_buf_printf(u->file, "<</Type /XRef /Size %lld /W [1 %d 2] "
				 "/Index [", xnum + 1, w)) < 0)
		goto done;
	for (i = 0; i < u->nobjs; i = j) {
		for (j = i + 1; j < u->nobjs &&
		     u->objs[j].num == u->objs[j - 1].num + 1; j++)
			;
		if ((err = ov_buf_printf(u->file, "%s%lld %zu", i ? " " : "",
					 u->objs[i].num, j - i)) < 0)
			goto done;
	}
	k = rows.size;
	if ((err = ov_buf_putc(u->file, ']')) < 0 ||
	    (err = copy_trailer_keys(u, doc)) < 0 ||
	    (err = ov_buf_printf(u->file, " /Prev %zu /Length %zu>>\nstream\n",
				 ov_pdf_doc_startxref(doc), k)) < 0 ||
	    (err = ov_buf_put(u->file, rows.ptr, rows.size)) < 0)
		goto done;
	err = ov_buf_printf(u->file, "\nendstream\nendobj\nstartxref\n%zu\n"
			    "%%%%EOF\n", xref);
done:
	ov_buf_dispose(&rows);
	return err;
}

/*
 * The update's cross-reference section and trailer: a cross-reference
 * stream (object `size`, the update then has size + 1 objects) when the
 * section before is one, else a table and a trailer of /Size `size`.
 */
static int write_trailer(update *u, ov_pdf_doc *doc, long long size)
{
	size_t xref = u->file->size;
	int err;

	if (ov_pdf_doc_trailer(doc)->type == OV_PDF_STREAM)
		return write_xref_stream(u, doc, size);
	if ((err = upd_xref(u)) < 0 ||
	    (err = ov_buf_printf(u->file, "trailer\n<</Size %lld", size)) < 0 ||
	    (err = copy_trailer_keys(u, doc)) < 0)
		return err;
	return ov_buf_printf(u->file, " /Prev %zu>>\nstartxref\n%zu\n%%%%EOF\n",
			     ov_pdf_doc_startxref(doc), xref);
}

/* The placeholder at `br_at` becomes "a b len-b" for the gap [a, b), b the
 * end of the /Contents string starting at `a`: the signed bytes are [0, a)
 * and [b, end of file). */
static int patch_byterange(ov_buf *file, size_t br_at, size_t a)
{
	char range[BYTERANGE_WIDTH + 1];
	size_t b = a + OV_SIGN_CONTENTS_HEX + 2;
	int n = snprintf(range, sizeof(range), "%zu %zu %zu", a, b, file->size - b);

	if (n < 0 || n > BYTERANGE_WIDTH)
		return ov_error_set(OV_EINVALID, "PDF too large for /ByteRange");
	memset(range + n, ' ', (size_t)(BYTERANGE_WIDTH - n));
	memcpy(file->ptr + br_at, range, BYTERANGE_WIDTH);
	return OV_OK;
}

/* `der` hex-encoded into the /Contents string at `a` (trailing zeros stay). */
static int patch_contents(ov_buf *file, size_t a, const ov_buf *der)
{
	static const char hex[] = "0123456789ABCDEF";

	if (der->size * 2 > OV_SIGN_CONTENTS_HEX)
		return ov_error_set(OV_EINVALID, "the signature needs %zu bytes but /Contents "
				    "holds %d (too many chain certificates?)", der->size,
				    OV_SIGN_CONTENTS_HEX / 2);
	for (size_t i = 0; i < der->size; i++) {
		unsigned char c = (unsigned char)der->ptr[i];

		file->ptr[a + 1 + 2 * i] = hex[c >> 4];
		file->ptr[a + 2 + 2 * i] = hex[c & 15];
	}
	return OV_OK;
}

int ov_pdf_sign(ov_buf *out, const char *pdf, size_t len,
		const ov_sign_request *req)
{
	ov_pdf_doc *doc = NULL;
	ov_pdf_obj *fields = NULL;
	ov_buf file = OV_BUF_INIT, der = OV_BUF_INIT;
	long long *pages = NULL, size, sig, widget, ap, font, bold;
	size_t npages = 0, br_at = 0, a = 0, b, end;
	char *cn = NULL;
	const char *name;
	update u;
	int err;

	memset(&u, 0, sizeof(u));
	if ((err = check_request(req)) < 0 ||
	    (err = ov_x509_check_signing_cert(req->cert, req->key,
					      req->signing_time)) < 0)
		return err;
	cn = ov_x509_common_name(req->cert);
	name = req->look.name && *req->look.name ? req->look.name : cn;
	if ((err = ov_pdf_doc_open(&doc, pdf, len)) < 0)
		goto done;
	if (ov_pdf_dict_get(ov_pdf_doc_trailer(doc), "Encrypt")) {
		err = ov_error_set(OV_EINVALID, "PDF: an encrypted document cannot "
				   "be signed here");
		goto done;
	}
	if ((err = ov_pdf_doc_pages(&pages, &npages, doc)) < 0)
		goto done;
	if ((size_t)req->page >= npages) {
		err = ov_error_set(OV_EINVALID, "page index %d is beyond the "
				   "document's %zu pages", req->page, npages);
		goto done;
	}
	if ((err = existing_fields(&fields, doc)) < 0 ||
	    (err = check_field_name(doc, fields, req->field_name, 0)) < 0)
		goto done;
	if (req->certify && fields && fields->type == OV_PDF_ARRAY && fields->count) {
		err = ov_error_set(OV_EINVALID, "only the first signature can certify "
				   "the document (it already has form fields)");
		goto done;
	}
	size = ov_pdf_dict_get(ov_pdf_doc_trailer(doc), "Size")->num;
	if (size > OV_PDF_MAX_OBJNUM - 3 - 2 * OV_SIGFONT_NOBJS) {
		err = ov_error_set(OV_EINVALID, "PDF: no object numbers left");
		goto done;
	}
	sig = size;
	widget = size + 1;
	ap = size + 2;
	font = size + 3;
	bold = font + OV_SIGFONT_NOBJS;

	u.file = &file;
	if ((err = ov_buf_grow(&file, len + OV_SIGN_CONTENTS_HEX + 16384)) < 0 ||
	    (err = ov_buf_put(&file, pdf, len)) < 0)
		goto done;
	if (pdf[len - 1] != '\n' && pdf[len - 1] != '\r' &&
	    (err = ov_buf_putc(&file, '\n')) < 0)
		goto done;
	if ((err = write_sig_dict(&u, sig, req, name, &br_at, &a)) < 0 ||
	    (err = write_widget(&u, widget, sig, ap, pages[req->page], req)) < 0 ||
	    (err = write_appearance(&u, ap, font, bold, req, name)) < 0 ||
	    (err = add_annotation(&u, doc, pages[req->page], widget)) < 0 ||
	    (err = add_field(&u, doc, widget, req->certify ? sig : 0)) < 0 ||
	    (err = write_trailer(&u, doc, bold + OV_SIGFONT_NOBJS)) < 0)
		goto done;

	b = a + OV_SIGN_CONTENTS_HEX + 2;
	end = file.size;
	if ((err = patch_byterange(&file, br_at, a)) < 0 ||
	    (err = cms_sign(&der, req, file.ptr, a, b, end)) < 0 ||
	    (err = patch_contents(&file, a, &der)) < 0)
		goto done;
	err = ov_buf_put(out, file.ptr, file.size);
done:
	free(cn);
	free(pages);
	ov_pdf_doc_free(doc);
	ov_buf_dispose(&file);
	ov_buf_dispose(&der);
	return err;
}

/* ------------------------------------------------------------------ */
/* Document time-stamp                                                 */

/* The first free name "Tidsstämpel-<n>" into `name`. */
static int stamp_field_name(ov_buf *name, ov_pdf_doc *doc)
{
	ov_pdf_obj *fields = NULL;
	int err;

	if ((err = existing_fields(&fields, doc)) < 0)
		return err;
	for (int n = 1; n <= MAX_STAMPS; n++) {
		ov_buf_clear(name);
		if ((err = ov_buf_printf(name, "Tidsstämpel-%d", n)) < 0)
			return err;
		err = check_field_name(doc, fields, name->ptr, 0);
		if (err != OV_EEXISTS)
			return err;
		ov_error_clear();
	}
	return ov_error_set(OV_EINVALID, "PDF: already %d document time-stamps", MAX_STAMPS);
}

/* The time-stamp's signature dictionary and its invisible widget on the
 * first page. */
static int write_stamp_objects(update *u, ov_pdf_doc *doc, long long sig, long long page,
			       const char *name, size_t *br_at, size_t *a)
{
	ov_buf *f = u->file;
	int err;

	if ((err = upd_begin(u, sig, 0)) < 0 ||
	    (err = ov_buf_puts(f, "<</Type /DocTimeStamp /Filter /Adobe.PPKLite "
			       "/SubFilter /ETSI.RFC3161\n/ByteRange [0 ")) < 0)
		return err;
	*br_at = f->size;
	if ((err = ov_buf_puts(f, "0000000000 0000000000 0000000000]")) < 0 ||
	    (err = put_contents(f, a)) < 0 ||
	    (err = upd_begin(u, sig + 1, 0)) < 0 ||
	    (err = ov_buf_puts(f, "<</Type /Annot /Subtype /Widget /FT /Sig /T ")) < 0 ||
	    (err = ov_pdf_text_write(f, name)) < 0 ||
	    (err = ov_buf_printf(f, " /V %lld 0 R /P %lld 0 R\n/Rect [0 0 0 0] /F 132>>\n"
				 "endobj\n", sig, page)) < 0 ||
	    (err = add_annotation(u, doc, page, sig + 1)) < 0 ||
	    (err = add_field(u, doc, sig + 1, 0)) < 0)
		return err;
	return write_trailer(u, doc, sig + 2);
}

int ov_pdf_doc_timestamp(ov_buf *out, const char *pdf, size_t len, ov_pdf_stamp_fn stamp,
			 void *ctx)
{
	ov_pdf_doc *doc = NULL;
	ov_buf file = OV_BUF_INIT, name = OV_BUF_INIT, data = OV_BUF_INIT, token = OV_BUF_INIT;
	long long *pages = NULL, size;
	size_t npages = 0, br_at = 0, a = 0, b;
	update u;
	int err;

	memset(&u, 0, sizeof(u));
	if ((err = ov_pdf_doc_open(&doc, pdf, len)) < 0)
		goto done;
	if (ov_pdf_dict_get(ov_pdf_doc_trailer(doc), "Encrypt")) {
		err = ov_error_set(OV_EINVALID, "PDF: an encrypted document cannot be "
				   "time-stamped here");
		goto done;
	}
	if ((err = ov_pdf_doc_pages(&pages, &npages, doc)) < 0 ||
	    (err = stamp_field_name(&name, doc)) < 0)
		goto done;
	size = ov_pdf_dict_get(ov_pdf_doc_trailer(doc), "Size")->num;
	if (!npages) {
		err = ov_error_set(OV_EINVALID, "PDF: the document has no page");
		goto done;
	}
	if (size > OV_PDF_MAX_OBJNUM - 3) {
		err = ov_error_set(OV_EINVALID, "PDF: no object numbers left");
		goto done;
	}
	u.file = &file;
	if ((err = ov_buf_grow(&file, len + OV_SIGN_CONTENTS_HEX + 4096)) < 0 ||
	    (err = ov_buf_put(&file, pdf, len)) < 0 ||
	    (pdf[len - 1] != '\n' && pdf[len - 1] != '\r' && (err = ov_buf_putc(&file, '\n')) < 0) ||
	    (err = write_stamp_objects(&u, doc, size, pages[0], name.ptr, &br_at, &a)) < 0 ||
	    (err = patch_byterange(&file, br_at, a)) < 0)
		goto done;
	/* the signed bytes, [0, a) and [b, end), in one piece for the TSA */
	b = a + OV_SIGN_CONTENTS_HEX + 2;
	if ((err = ov_buf_put(&data, file.ptr, a)) < 0 ||
	    (err = ov_buf_put(&data, file.ptr + b, file.size - b)) < 0 ||
	    (err = stamp(&token, (const unsigned char *)data.ptr, data.size, ctx)) < 0 ||
	    (err = patch_contents(&file, a, &token)) < 0)
		goto done;
	err = ov_buf_put(out, file.ptr, file.size);
done:
	free(pages);
	ov_pdf_doc_free(doc);
	ov_buf_dispose(&file);
	ov_buf_dispose(&name);
	ov_buf_dispose(&data);
	ov_buf_dispose(&token);
	return err;
}

/* ------------------------------------------------------------------ */
/* Document security store                                             */

/* A new stream object `num` holding `data` as it is (no filter). */
static int write_raw_stream(update *u, long long num, const ov_buf *data)
{
	int err;

	if ((err = upd_begin(u, num, 0)) < 0 ||
	    (err = ov_buf_printf(u->file, "<</Length %zu>>\nstream\n", data->size)) < 0 ||
	    (err = ov_buf_put(u->file, data->ptr, data->size)) < 0)
		return err;
	return ov_buf_puts(u->file, "\nendstream\nendobj\n");
}

/*
 * The DSS array `key`: the references the old DSS had (`old`, may be
 * NULL) and `n` new ones from object `first` on.  Takes nothing.
 */
static int dss_array(ov_pdf_obj *dss, const char *key, ov_pdf_doc *doc, const ov_pdf_obj *old,
		     long long first, size_t n)
{
	ov_pdf_obj *arr = NULL, *was = NULL, *item = NULL;
	size_t i;
	int err;

	if ((err = ov_pdf_doc_resolve(&was, doc, ov_pdf_dict_get(old, key))) < 0)
		return err;
	if (!n && !(was && was->type == OV_PDF_ARRAY && was->count))
		return OV_OK;
	if (!(arr = ov_pdf_obj_new(OV_PDF_ARRAY)))
		return ov_error_set(OV_ENOMEM, "out of memory");
	for (i = 0; was && was->type == OV_PDF_ARRAY && i < was->count; i++) {
		if ((err = ov_pdf_obj_clone(&item, was->items[i])) < 0 ||
		    (err = ov_pdf_array_push(arr, item)) < 0)
			goto fail;
	}
	for (i = 0; i < n; i++)
		if ((err = ov_pdf_array_push(arr, ov_pdf_ref_new(first + (long long)i, 0))) < 0)
			goto fail;
	return ov_pdf_dict_set(dss, key, arr);
fail:
	ov_pdf_obj_free(arr);
	return err;
}

int ov_pdf_add_dss(ov_buf *out, const char *pdf, size_t len, const ov_dss_data *add)
{
	ov_pdf_doc *doc = NULL;
	ov_pdf_obj *cat = NULL, *copy = NULL, *old = NULL, *dss = NULL;
	const ov_pdf_obj *root;
	ov_buf file = OV_BUF_INIT;
	const ov_buf *lists[3] = { add->certs, add->crls, add->ocsps };
	const size_t counts[3] = { add->ncerts, add->ncrls, add->nocsps };
	static const char *const keys[3] = { "Certs", "CRLs", "OCSPs" };
	long long size, num, first[3];
	size_t i, k, total = 0;
	update u;
	int err;

	memset(&u, 0, sizeof(u));
	for (k = 0; k < 3; k++)
		total += counts[k];
	if (total > MAX_UPDATE_OBJS - 3)
		return ov_error_set(OV_EINVALID, "PDF: %zu items of validation data, at most %d "
				    "fit in one update", total, MAX_UPDATE_OBJS - 3);
	if ((err = ov_pdf_doc_open(&doc, pdf, len)) < 0 ||
	    (err = ov_pdf_doc_catalog(&cat, doc)) < 0 ||
	    (err = ov_pdf_doc_resolve(&old, doc, ov_pdf_dict_get(cat, "DSS"))) < 0)
		goto done;
	if (ov_pdf_dict_get(ov_pdf_doc_trailer(doc), "Encrypt")) {
		err = ov_error_set(OV_EINVALID, "PDF: an encrypted document cannot be extended here");
		goto done;
	}
	root = ov_pdf_dict_get(ov_pdf_doc_trailer(doc), "Root");
	size = ov_pdf_dict_get(ov_pdf_doc_trailer(doc), "Size")->num;
	if (size > OV_PDF_MAX_OBJNUM - (long long)total - 3) {
		err = ov_error_set(OV_EINVALID, "PDF: no object numbers left");
		goto done;
	}
	u.file = &file;
	if ((err = ov_buf_put(&file, pdf, len)) < 0 ||
	    (pdf[len - 1] != '\n' && pdf[len - 1] != '\r' && (err = ov_buf_putc(&file, '\n')) < 0))
		goto done;
	num = size;
	for (k = 0; k < 3; k++) {
		first[k] = num;
		for (i = 0; i < counts[k]; i++)
			if ((err = write_raw_stream(&u, num++, &lists[k][i])) < 0)
				goto done;
	}
	if (!(dss = ov_pdf_obj_new(OV_PDF_DICT))) {
		err = ov_error_set(OV_ENOMEM, "out of memory");
		goto done;
	}
	if ((err = ov_pdf_dict_set(dss, "Type", ov_pdf_name_new("DSS"))) < 0)
		goto done;
	for (k = 0; k < 3; k++)
		if ((err = dss_array(dss, keys[k], doc, old, first[k], counts[k])) < 0)
			goto done;
	if ((err = upd_object(&u, num, 0, dss)) < 0 ||
	    (err = ov_pdf_obj_clone(&copy, cat)) < 0 ||
	    (err = ov_pdf_dict_set(copy, "DSS", ov_pdf_ref_new(num, 0))) < 0)
		goto done;
	err = upd_rewrite(&u, doc, root->num, copy);
	copy = NULL;
	if (err < 0 || (err = write_trailer(&u, doc, num + 1)) < 0)
		goto done;
	err = ov_buf_put(out, file.ptr, file.size);
done:
	ov_pdf_obj_free(dss);
	ov_pdf_obj_free(copy);
	ov_pdf_doc_free(doc);
	ov_buf_dispose(&file);
	return err;
}
