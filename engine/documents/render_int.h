/*
 * render_int.h - rendering for the engine's own use: the agreement PDF that
 * signatories sign, with the places of its signature blocks.
 */
#ifndef OV_RENDER_INT_H
#define OV_RENDER_INT_H

#include "overens/buf.h"
#include "overens/workspace.h"
#include "engine/documents/pdf.h"

/*
 * Renders the agreement text `xml` (as stored in git) exactly as `overens
 * render ID` does, with that XML attached and `when` as the creation date
 * (-1: none); *boxes receives the signature blocks (ov_pdf_sigboxes_free).
 */
int ov_render_agreement_pdf(ov_buf *out, ov_pdf_sigbox **boxes, size_t *nboxes,
			    ov_workspace *ws, const char *id, const char *xml, size_t len,
			    long long when, const char *commit);

#endif
