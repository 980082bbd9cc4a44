/*
 * pdf.h - the PDF renderer: a "layout" XML document (the vocabulary in
 * templates/LAYOUT.md, schema templates/layout.rng) becomes an A4 PDF.
 *
 * Text is set in embedded TrueType fonts (DejaVu Sans unless told otherwise)
 * through libharu's UTF-8 path, wrapped by our own line breaker on measured
 * widths, paginated with running header and footer ("Sida X av Y"), and
 * saved into memory with compressed streams and one classic xref table, so
 * that signatures can later be appended as incremental updates.  The output
 * depends only on the input: no clock is read, and two renders of the same
 * layout with the same options are byte-identical.  The output is meant
 * to be PDF/A-3b (pdf_pdfa.c): XMP metadata, an sRGB output intent, a
 * trailer /ID and the attached XML as an associated file (/AF).
 *
 * Everything drawn stays inside the page margins below.
 */
#ifndef OV_PDF_H
#define OV_PDF_H

#include <stddef.h>
#include "overens/lazy_xml.h"

#include "overens/buf.h"

/* A4 portrait and its margins, in PDF points (origin bottom-left). */
#define OV_PDF_PAGE_WIDTH    595.276
#define OV_PDF_PAGE_HEIGHT   841.89
#define OV_PDF_MARGIN_LEFT   70.0
#define OV_PDF_MARGIN_RIGHT  57.0
#define OV_PDF_MARGIN_TOP    57.0
#define OV_PDF_MARGIN_BOTTOM 57.0

/* The folder the default fonts are read from. */
#define OV_PDF_FONT_DIR "/usr/share/fonts/truetype/dejavu"

/* The sRGB ICC profile of the PDF/A output intent (Debian's
 * icc-profiles-free: an ICC v2 profile, 2.4 KB compressed, against 7.2 KB
 * for colord-data's v4 one). */
#define OV_PDF_ICC_PROFILE "/usr/share/color/icc/sRGB.icc"

/*
 * A file embedded beside the agreement's XML (PDF/A-3 associated file):
 * its name, bytes, relationship to the document (a PDF name such as
 * "Supplement") and a description (UTF-8).
 */
typedef struct ov_pdf_attachment {
	const char *name;
	const void *data;
	size_t len;
	const char *relationship;
	const char *description;
} ov_pdf_attachment;

typedef struct ov_pdf_options {
	const char *font_regular;      /* TTF path; NULL = DejaVuSans.ttf in OV_PDF_FONT_DIR */
	const char *font_bold;         /* NULL = DejaVuSans-Bold.ttf */
	const char *font_italic;       /* NULL = DejaVuSans-Oblique.ttf */
	const char *font_bold_italic;  /* NULL = DejaVuSans-BoldOblique.ttf */
	int justify;                   /* default paragraph alignment: 1 justified,
					* 0 ragged right */
	long long creation_time;       /* seconds since the epoch for /CreationDate
					* (UTC); -1 = omit */
	const char *attachment_name;   /* embedded file name, e.g.
					* "avtal-2026-0001-v1.xml"; NULL = none */
	const void *attachment;        /* its bytes (may be NULL if attachment_len is 0) */
	size_t attachment_len;
	const char *rng_path;          /* schema to validate the layout against
					* (templates/layout.rng); NULL = skip */
	const char *source;            /* "commit=<hex> tree=<hex>": appended to
					* /Keywords; NULL = none */
	const char *icc_profile;       /* RGB ICC profile for the PDF/A output
					* intent; NULL = OV_PDF_ICC_PROFILE */
	const ov_pdf_attachment *more; /* further files, after the XML (the XML is
					* their /Source); attached only with it */
	size_t nmore;
} ov_pdf_options;

#define OV_PDF_OPTIONS_INIT { NULL, NULL, NULL, NULL, 1, -1, NULL, NULL, 0, NULL, NULL, NULL, \
			      NULL, 0 }

/*
 * Where a <signature> block was drawn.  (x, y, w, h) is the block's
 * rectangle; (sx, sy, sw, sh) the blank space above its signature line,
 * inside the block; (px, py, pw) and (dx, dy, dw) the blanks after "Ort"
 * and "Datum" when the block left them to be written on: where the rule
 * starts, the baseline of the text above it, and the rule's width (pw or
 * dw 0: that line was printed with its value).  All in PDF points, origin
 * bottom-left, on page `page` (0-based).
 */
typedef struct ov_pdf_sigbox {
	char *id;            /* the <signature id="...">; owned by the array */
	int page;            /* 0-based page index */
	double x, y, w, h;   /* the block */
	double sx, sy, sw, sh; /* the space to sign in */
	double px, py, pw;   /* the place's blank */
	double dx, dy, dw;   /* the date's blank */
} ov_pdf_sigbox;

/*
 * Renders `layout` into `out` (the PDF bytes are appended).
 *
 * When opts->rng_path is not NULL the layout is first validated against that
 * RelaxNG schema (normally templates/layout.rng); a layout that fails is
 * refused with OV_EINVALID and a message "<name>:<line>: <reason>".  Without
 * a schema the renderer still refuses elements it does not know, naming
 * the line.  `opts` may be NULL for the defaults (OV_PDF_OPTIONS_INIT).
 *
 * If `boxes` is not NULL it receives a newly allocated array of `*nboxes`
 * signature boxes in document order (NULL when there are none), to be
 * freed with ov_pdf_sigboxes_free().  On failure nothing is appended to
 * `out` and *boxes is NULL.
 *
 * Errors: OV_EINVALID (layout refused), OV_ENOTFOUND (a font file is
 * missing), OV_ENOMEM, OV_ERROR (libharu or I/O failure; the message has
 * libharu's error code).
 */
int ov_pdf_render(ov_buf *out, xmlDocPtr layout, const ov_pdf_options *opts,
		  ov_pdf_sigbox **boxes, size_t *nboxes);

/* Frees an array returned by ov_pdf_render(). NULL-safe. */
void ov_pdf_sigboxes_free(ov_pdf_sigbox *boxes, size_t n);

#endif
