/*
 * pdf_layout.h - the layout stage of the PDF renderer (pdf_layout.c): the
 * layout document's blocks become rows (pdf_page.h), placed on pages.
 * pdf.c calls it once the context is set up and the characters scanned;
 * see pdf_ctx.h for the line of stages.
 */
#ifndef OV_PDF_LAYOUT_H
#define OV_PDF_LAYOUT_H

#include "overens/lazy_xml.h"

#include "engine/documents/pdf_ctx.h"

/* Lays out the document under `root`: fills ops, marks, boxes, npages. */
int pdf_layout(pdf_ctx *c, xmlNodePtr root);

#endif
