/*
 * pdf_pdfa.h - the renderer's PDF/A-3b parts (pdf_pdfa.c): XMP metadata
 * matching the Info dictionary, the sRGB OutputIntent, the trailer /ID,
 * the PDF 1.7 header and the attached files (the XML, and what goes with
 * it) as associated files.
 */
#ifndef OV_DOCUMENTS_PDF_PDFA_H
#define OV_DOCUMENTS_PDF_PDFA_H

#include "engine/documents/pdf_ctx.h"

/*
 * Marks the attachment `ef` (made by HPDF_AttachFile from `a`) as an
 * associated file: /Type /EmbeddedFile, /Subtype application/xml and
 * /Params (/Size, /ModDate = opts->creation_time) on its stream,
 * /AFRelationship and /Desc as `a` says on the file specification, and
 * adds it to the catalog's /AF array (made by the first).
 */
int pdf_pdfa_attachment(pdf_ctx *c, HPDF_EmbeddedFile ef, const ov_pdf_attachment *a,
			const ov_pdf_options *opts);

/*
 * Called after everything else is added and before saving: sets the header
 * to PDF 1.7, /ModDate to /CreationDate when there is one, adds the
 * OutputIntent with the ICC profile at opts->icc_profile (NULL =
 * OV_PDF_ICC_PROFILE), the XMP packet (pdfaid part 3, conformance B) and a
 * trailer /ID derived from the Info strings and the attachments.
 */
int pdf_pdfa_finish(pdf_ctx *c, const ov_pdf_options *opts);

#endif
