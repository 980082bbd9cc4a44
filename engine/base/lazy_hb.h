/*
 * lazy_hb.h - HarfBuzz and its subsetter, opened on first use: only the
 * fonts of a PDF and of a signature's appearance need them.
 *
 * Include this instead of the library's headers (it includes them).  The
 * process is not linked with the library: the first call opens it (see
 * overens/lazylib.h), so commands that never call it never load it.  A
 * function the code starts to call goes into the list below; until it is
 * there, the link fails with an undefined reference to it.
 */
#ifndef OV_BASE_LAZY_HB_H
#define OV_BASE_LAZY_HB_H

#include <hb.h>
#include <hb-ot.h>
#include <hb-subset.h>

#include "overens/lazylib.h"

/* HarfBuzz (OV_SONAME_HB): every function the code calls. */
#define OV_HB_FUNCS(F) \
	F(hb_blob_create) \
	F(hb_blob_create_from_file_or_fail) \
	F(hb_blob_destroy) \
	F(hb_blob_get_data) \
	F(hb_blob_get_length) \
	F(hb_face_create) \
	F(hb_face_destroy) \
	F(hb_face_get_empty) \
	F(hb_face_get_glyph_count) \
	F(hb_face_get_upem) \
	F(hb_face_reference_blob) \
	F(hb_face_reference_table) \
	F(hb_font_create) \
	F(hb_font_destroy) \
	F(hb_font_get_face) \
	F(hb_font_get_glyph_h_advance) \
	F(hb_font_get_h_extents) \
	F(hb_font_get_nominal_glyph) \
	F(hb_ot_metrics_get_position) \
	F(hb_set_add) \
	F(hb_set_allocation_successful) \
	F(hb_tag_from_string)

extern ov_lazy_lib ov_hb_lib;
extern struct ov_hb_fns {
	OV_HB_FUNCS(OV_LAZY_SLOT)
} ov_hb_fns;

/* HarfBuzz subset (OV_SONAME_HB_SUBSET): every function the code calls. */
#define OV_HB_SUBSET_FUNCS(F) \
	F(hb_subset_input_create_or_fail) \
	F(hb_subset_input_destroy) \
	F(hb_subset_input_set) \
	F(hb_subset_input_set_flags) \
	F(hb_subset_input_unicode_set) \
	F(hb_subset_or_fail)

extern ov_lazy_lib ov_hb_subset_lib;
extern struct ov_hb_subset_fns {
	OV_HB_SUBSET_FUNCS(OV_LAZY_SLOT)
} ov_hb_subset_fns;

#ifndef OV_LAZY_TABLES /* the file that defines the tables sees the real names */
#define hb_blob_create OV_LAZY_CALL(ov_hb_lib, ov_hb_fns, hb_blob_create)
#define hb_blob_create_from_file_or_fail OV_LAZY_CALL(ov_hb_lib, ov_hb_fns, hb_blob_create_from_file_or_fail)
#define hb_blob_destroy OV_LAZY_CALL(ov_hb_lib, ov_hb_fns, hb_blob_destroy)
#define hb_blob_get_data OV_LAZY_CALL(ov_hb_lib, ov_hb_fns, hb_blob_get_data)
#define hb_blob_get_length OV_LAZY_CALL(ov_hb_lib, ov_hb_fns, hb_blob_get_length)
#define hb_face_create OV_LAZY_CALL(ov_hb_lib, ov_hb_fns, hb_face_create)
#define hb_face_destroy OV_LAZY_CALL(ov_hb_lib, ov_hb_fns, hb_face_destroy)
#define hb_face_get_empty OV_LAZY_CALL(ov_hb_lib, ov_hb_fns, hb_face_get_empty)
#define hb_face_get_glyph_count OV_LAZY_CALL(ov_hb_lib, ov_hb_fns, hb_face_get_glyph_count)
#define hb_face_get_upem OV_LAZY_CALL(ov_hb_lib, ov_hb_fns, hb_face_get_upem)
#define hb_face_reference_blob OV_LAZY_CALL(ov_hb_lib, ov_hb_fns, hb_face_reference_blob)
#define hb_face_reference_table OV_LAZY_CALL(ov_hb_lib, ov_hb_fns, hb_face_reference_table)
#define hb_font_create OV_LAZY_CALL(ov_hb_lib, ov_hb_fns, hb_font_create)
#define hb_font_destroy OV_LAZY_CALL(ov_hb_lib, ov_hb_fns, hb_font_destroy)
#define hb_font_get_face OV_LAZY_CALL(ov_hb_lib, ov_hb_fns, hb_font_get_face)
#define hb_font_get_glyph_h_advance OV_LAZY_CALL(ov_hb_lib, ov_hb_fns, hb_font_get_glyph_h_advance)
#define hb_font_get_h_extents OV_LAZY_CALL(ov_hb_lib, ov_hb_fns, hb_font_get_h_extents)
#define hb_font_get_nominal_glyph OV_LAZY_CALL(ov_hb_lib, ov_hb_fns, hb_font_get_nominal_glyph)
#define hb_ot_metrics_get_position OV_LAZY_CALL(ov_hb_lib, ov_hb_fns, hb_ot_metrics_get_position)
#define hb_set_add OV_LAZY_CALL(ov_hb_lib, ov_hb_fns, hb_set_add)
#define hb_set_allocation_successful OV_LAZY_CALL(ov_hb_lib, ov_hb_fns, hb_set_allocation_successful)
#define hb_tag_from_string OV_LAZY_CALL(ov_hb_lib, ov_hb_fns, hb_tag_from_string)
#define hb_subset_input_create_or_fail OV_LAZY_CALL(ov_hb_subset_lib, ov_hb_subset_fns, hb_subset_input_create_or_fail)
#define hb_subset_input_destroy OV_LAZY_CALL(ov_hb_subset_lib, ov_hb_subset_fns, hb_subset_input_destroy)
#define hb_subset_input_set OV_LAZY_CALL(ov_hb_subset_lib, ov_hb_subset_fns, hb_subset_input_set)
#define hb_subset_input_set_flags OV_LAZY_CALL(ov_hb_subset_lib, ov_hb_subset_fns, hb_subset_input_set_flags)
#define hb_subset_input_unicode_set OV_LAZY_CALL(ov_hb_subset_lib, ov_hb_subset_fns, hb_subset_input_unicode_set)
#define hb_subset_or_fail OV_LAZY_CALL(ov_hb_subset_lib, ov_hb_subset_fns, hb_subset_or_fail)
#endif

#endif
