/*
 * pdf_pack.h - the renderer's last step (pdf_pack.c): libharu's file
 * rewritten with its objects in compressed object streams and a
 * cross-reference stream in place of the xref table.
 */
#ifndef OV_DOCUMENTS_PDF_PACK_H
#define OV_DOCUMENTS_PDF_PACK_H

#include <stddef.h>

#include "overens/buf.h"

/*
 * Appends to `out` the one-revision PDF `pdf` (len bytes, as libharu
 * writes it) rewritten: the same header, every stream object as it was
 * (its /Length made direct, the objects that only held a length dropped),
 * every other object in FlateDecode object streams, and a FlateDecode
 * cross-reference stream carrying the trailer's /Root, /Info and /ID.
 * Objects are renumbered densely in their old order, so the result is a
 * function of `pdf`.  OV_EINVALID if `pdf` cannot be read or has updates;
 * on failure nothing is appended.
 */
int pdf_pack(ov_buf *out, const char *pdf, size_t len);

#endif
