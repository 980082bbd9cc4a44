/*
 * lazy_zip.h - libzip, opened on first use: only `export -o FILE.zip` needs it.
 *
 * Include this instead of the library's headers (it includes them).  The
 * process is not linked with the library: the first call opens it (see
 * overens/lazylib.h), so commands that never call it never load it.  A
 * function the code starts to call goes into the list below; until it is
 * there, the link fails with an undefined reference to it.
 */
#ifndef OV_BASE_LAZY_ZIP_H
#define OV_BASE_LAZY_ZIP_H

#include <zip.h>

#include "overens/lazylib.h"

/* libzip (OV_SONAME_ZIP): every function the code calls. */
#define OV_ZIP_FUNCS(F) \
	F(zip_close) \
	F(zip_discard) \
	F(zip_error_fini) \
	F(zip_error_init) \
	F(zip_error_strerror) \
	F(zip_file_add) \
	F(zip_file_set_mtime) \
	F(zip_open_from_source) \
	F(zip_source_buffer) \
	F(zip_source_buffer_create) \
	F(zip_source_close) \
	F(zip_source_free) \
	F(zip_source_keep) \
	F(zip_source_open) \
	F(zip_source_read) \
	F(zip_source_seek) \
	F(zip_source_tell) \
	F(zip_strerror)

extern ov_lazy_lib ov_zip_lib;
extern struct ov_zip_fns {
	OV_ZIP_FUNCS(OV_LAZY_SLOT)
} ov_zip_fns;

#ifndef OV_LAZY_TABLES /* the file that defines the tables sees the real names */
#define zip_close OV_LAZY_CALL(ov_zip_lib, ov_zip_fns, zip_close)
#define zip_discard OV_LAZY_CALL(ov_zip_lib, ov_zip_fns, zip_discard)
#define zip_error_fini OV_LAZY_CALL(ov_zip_lib, ov_zip_fns, zip_error_fini)
#define zip_error_init OV_LAZY_CALL(ov_zip_lib, ov_zip_fns, zip_error_init)
#define zip_error_strerror OV_LAZY_CALL(ov_zip_lib, ov_zip_fns, zip_error_strerror)
#define zip_file_add OV_LAZY_CALL(ov_zip_lib, ov_zip_fns, zip_file_add)
#define zip_file_set_mtime OV_LAZY_CALL(ov_zip_lib, ov_zip_fns, zip_file_set_mtime)
#define zip_open_from_source OV_LAZY_CALL(ov_zip_lib, ov_zip_fns, zip_open_from_source)
#define zip_source_buffer OV_LAZY_CALL(ov_zip_lib, ov_zip_fns, zip_source_buffer)
#define zip_source_buffer_create OV_LAZY_CALL(ov_zip_lib, ov_zip_fns, zip_source_buffer_create)
#define zip_source_close OV_LAZY_CALL(ov_zip_lib, ov_zip_fns, zip_source_close)
#define zip_source_free OV_LAZY_CALL(ov_zip_lib, ov_zip_fns, zip_source_free)
#define zip_source_keep OV_LAZY_CALL(ov_zip_lib, ov_zip_fns, zip_source_keep)
#define zip_source_open OV_LAZY_CALL(ov_zip_lib, ov_zip_fns, zip_source_open)
#define zip_source_read OV_LAZY_CALL(ov_zip_lib, ov_zip_fns, zip_source_read)
#define zip_source_seek OV_LAZY_CALL(ov_zip_lib, ov_zip_fns, zip_source_seek)
#define zip_source_tell OV_LAZY_CALL(ov_zip_lib, ov_zip_fns, zip_source_tell)
#define zip_strerror OV_LAZY_CALL(ov_zip_lib, ov_zip_fns, zip_strerror)
#endif

#endif
