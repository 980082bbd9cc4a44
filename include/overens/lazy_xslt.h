/*
 * lazy_xslt.h - libxslt and libexslt, opened on first use.
 *
 * Only the commands that transform (render, export, the web pages) need
 * them; `status`, `list` and the writes do not.
 *
 * Include this instead of the library's headers (it includes them).  The
 * process is not linked with the library: the first call opens it (see
 * overens/lazylib.h), so commands that never call it never load it.  A
 * function the code starts to call goes into the list below; until it is
 * there, the link fails with an undefined reference to it.
 */
#ifndef OV_LAZY_XSLT_H
#define OV_LAZY_XSLT_H

#include <libxslt/xsltInternals.h>
#include <libxslt/transform.h>
#include <libxslt/xsltutils.h>
#include <libxslt/security.h>
#include <libexslt/exslt.h>

#include "overens/lazylib.h"

/*
 * Opens libxslt and sets it up as the engine uses it: EXSLT registered,
 * stylesheets may not write files, use the network or read outside the
 * templates folder.  Call it before compiling a stylesheet with libxslt's
 * own functions (the engine's ov_xslt_load calls it).  OV_OK, or OV_ERROR
 * naming the library when it cannot be opened.
 */
int ov_xslt_setup(void);

/* libxslt (OV_SONAME_XSLT): every function the code calls. */
#define OV_XSLT_FUNCS(F) \
	F(xsltApplyStylesheet) \
	F(xsltApplyStylesheetUser) \
	F(xsltCleanupGlobals) \
	F(xsltFreeStylesheet) \
	F(xsltFreeTransformContext) \
	F(xsltNewSecurityPrefs) \
	F(xsltNewTransformContext) \
	F(xsltParseStylesheetDoc) \
	F(xsltSaveResultToString) \
	F(xsltSecurityForbid) \
	F(xsltSetCtxtParseOptions) \
	F(xsltSetCtxtSecurityPrefs) \
	F(xsltSetDefaultSecurityPrefs) \
	F(xsltSetGenericErrorFunc) \
	F(xsltSetSecurityPrefs)

extern ov_lazy_lib ov_xslt_lib;
extern struct ov_xslt_fns {
	OV_XSLT_FUNCS(OV_LAZY_SLOT)
} ov_xslt_fns;

/* libexslt (OV_SONAME_EXSLT): every function the code calls. */
#define OV_EXSLT_FUNCS(F) \
	F(exsltRegisterAll)

extern ov_lazy_lib ov_exslt_lib;
extern struct ov_exslt_fns {
	OV_EXSLT_FUNCS(OV_LAZY_SLOT)
} ov_exslt_fns;

#ifndef OV_LAZY_TABLES /* the file that defines the tables sees the real names */
#define xsltApplyStylesheet OV_LAZY_CALL(ov_xslt_lib, ov_xslt_fns, xsltApplyStylesheet)
#define xsltApplyStylesheetUser OV_LAZY_CALL(ov_xslt_lib, ov_xslt_fns, xsltApplyStylesheetUser)
#define xsltCleanupGlobals OV_LAZY_CALL(ov_xslt_lib, ov_xslt_fns, xsltCleanupGlobals)
#define xsltFreeStylesheet OV_LAZY_CALL(ov_xslt_lib, ov_xslt_fns, xsltFreeStylesheet)
#define xsltFreeTransformContext OV_LAZY_CALL(ov_xslt_lib, ov_xslt_fns, xsltFreeTransformContext)
#define xsltNewSecurityPrefs OV_LAZY_CALL(ov_xslt_lib, ov_xslt_fns, xsltNewSecurityPrefs)
#define xsltNewTransformContext OV_LAZY_CALL(ov_xslt_lib, ov_xslt_fns, xsltNewTransformContext)
#define xsltParseStylesheetDoc OV_LAZY_CALL(ov_xslt_lib, ov_xslt_fns, xsltParseStylesheetDoc)
#define xsltSaveResultToString OV_LAZY_CALL(ov_xslt_lib, ov_xslt_fns, xsltSaveResultToString)
#define xsltSecurityForbid OV_LAZY_CALL(ov_xslt_lib, ov_xslt_fns, xsltSecurityForbid)
#define xsltSetCtxtParseOptions OV_LAZY_CALL(ov_xslt_lib, ov_xslt_fns, xsltSetCtxtParseOptions)
#define xsltSetCtxtSecurityPrefs OV_LAZY_CALL(ov_xslt_lib, ov_xslt_fns, xsltSetCtxtSecurityPrefs)
#define xsltSetDefaultSecurityPrefs OV_LAZY_CALL(ov_xslt_lib, ov_xslt_fns, xsltSetDefaultSecurityPrefs)
#define xsltSetGenericErrorFunc OV_LAZY_CALL(ov_xslt_lib, ov_xslt_fns, xsltSetGenericErrorFunc)
#define xsltSetSecurityPrefs OV_LAZY_CALL(ov_xslt_lib, ov_xslt_fns, xsltSetSecurityPrefs)
#define exsltRegisterAll OV_LAZY_CALL(ov_exslt_lib, ov_exslt_fns, exsltRegisterAll)
#endif

#endif
