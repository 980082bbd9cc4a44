/*
 * lazy_libs.c - the tables of the libraries opened on first use
 * (overens/lazy_{xml,crypto,xslt}.h, engine/base/lazy_{hpdf,hb,p11,zip,deflate}.h);
 * libgit2's is the store's (store/git_lazy.c).  Each library's SONAME is the one the
 * build found (CMakeLists.txt, ov_lazy_soname).
 */
#define OV_LAZY_TABLES
#include "overens/lazy_xml.h"
#include "overens/lazy_xslt.h"
#include "overens/lazy_crypto.h"
#include "engine/base/lazy_hpdf.h"
#include "engine/base/lazy_hb.h"
#include "engine/base/lazy_p11.h"
#include "engine/base/lazy_zip.h"
#include "engine/base/lazy_deflate.h"
#include "engine/base/xmlsafe.h"

#define TABLE_HOOK(prefix, funcs, soname, package, hook)                         \
	struct prefix##_fns prefix##_fns;                                         \
	static const ov_lazy_sym prefix##_syms[] = { funcs(prefix##_entry) };     \
	ov_lazy_lib prefix##_lib = OV_LAZY_LIB_HOOK(soname, package, prefix##_syms, hook)
#define TABLE(prefix, funcs, soname, package) TABLE_HOOK(prefix, funcs, soname, package, NULL)

#define ov_xml_entry(name) OV_LAZY_ENTRY(ov_xml_fns, name)
#define ov_crypto_entry(name) OV_LAZY_ENTRY(ov_crypto_fns, name)
#define ov_xslt_entry(name) OV_LAZY_ENTRY(ov_xslt_fns, name)
#define ov_exslt_entry(name) OV_LAZY_ENTRY(ov_exslt_fns, name)
#define ov_hpdf_entry(name) OV_LAZY_ENTRY(ov_hpdf_fns, name)
#define ov_hb_entry(name) OV_LAZY_ENTRY(ov_hb_fns, name)
#define ov_hb_subset_entry(name) OV_LAZY_ENTRY(ov_hb_subset_fns, name)
#define ov_p11_entry(name) OV_LAZY_ENTRY(ov_p11_fns, name)
#define ov_p11kit_entry(name) OV_LAZY_ENTRY(ov_p11kit_fns, name)
#define ov_zip_entry(name) OV_LAZY_ENTRY(ov_zip_fns, name)
#define ov_deflate_entry(name) OV_LAZY_ENTRY(ov_deflate_fns, name)

/* libxml2 is set up as it opens, before any call (engine/base/xmlsafe.c). */
TABLE_HOOK(ov_xml, OV_XML_FUNCS, OV_SONAME_XML2, "libxml2", ov_xml_loaded);

TABLE(ov_crypto, OV_CRYPTO_FUNCS, OV_SONAME_CRYPTO, "libssl3");
TABLE(ov_xslt, OV_XSLT_FUNCS, OV_SONAME_XSLT, "libxslt1.1");
TABLE(ov_exslt, OV_EXSLT_FUNCS, OV_SONAME_EXSLT, "libxslt1.1");
TABLE(ov_hpdf, OV_HPDF_FUNCS, OV_SONAME_HPDF, OV_PACKAGE_HPDF);
TABLE(ov_hb, OV_HB_FUNCS, OV_SONAME_HB, "libharfbuzz0b");
TABLE(ov_hb_subset, OV_HB_SUBSET_FUNCS, OV_SONAME_HB_SUBSET, "libharfbuzz-subset0");
TABLE(ov_p11, OV_P11_FUNCS, OV_SONAME_P11, "libp11-3");
TABLE(ov_p11kit, OV_P11KIT_FUNCS, OV_SONAME_P11KIT, "libp11-kit0");
TABLE(ov_zip, OV_ZIP_FUNCS, OV_SONAME_ZIP, "libzip4");
TABLE(ov_deflate, OV_DEFLATE_FUNCS, OV_SONAME_DEFLATE, "libdeflate0");
