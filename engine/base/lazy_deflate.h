/*
 * lazy_deflate.h - libdeflate, opened on first use: only the PDF writer
 * deflates with it (engine/documents/pdf_pack.c).
 *
 * Include this instead of the library's header (it includes it).  The
 * process is not linked with the library: the first call opens it (see
 * overens/lazylib.h), so commands that never call it never load it.  A
 * function the code starts to call goes into the list below; until it is
 * there, the link fails with an undefined reference to it.
 */
#ifndef OV_BASE_LAZY_DEFLATE_H
#define OV_BASE_LAZY_DEFLATE_H

#include <libdeflate.h>

#include "overens/lazylib.h"

/* libdeflate (OV_SONAME_DEFLATE): every function the code calls. */
#define OV_DEFLATE_FUNCS(F) \
	F(libdeflate_alloc_compressor) \
	F(libdeflate_free_compressor) \
	F(libdeflate_zlib_compress) \
	F(libdeflate_zlib_compress_bound)

extern ov_lazy_lib ov_deflate_lib;
extern struct ov_deflate_fns {
	OV_DEFLATE_FUNCS(OV_LAZY_SLOT)
} ov_deflate_fns;

#ifndef OV_LAZY_TABLES /* the file that defines the tables sees the real names */
#define libdeflate_alloc_compressor OV_LAZY_CALL(ov_deflate_lib, ov_deflate_fns, libdeflate_alloc_compressor)
#define libdeflate_free_compressor OV_LAZY_CALL(ov_deflate_lib, ov_deflate_fns, libdeflate_free_compressor)
#define libdeflate_zlib_compress OV_LAZY_CALL(ov_deflate_lib, ov_deflate_fns, libdeflate_zlib_compress)
#define libdeflate_zlib_compress_bound OV_LAZY_CALL(ov_deflate_lib, ov_deflate_fns, libdeflate_zlib_compress_bound)
#endif

#endif
