/*
 * lazy_xml.h - libxml2, opened on first use.
 *
 * `list`, `due` and `log` answer from the index and read no XML; linked,
 * libxml2 would still be mapped and relocated at every start with the
 * libraries it needs (ICU, the C++ runtime, liblzma), a millisecond and a
 * half of each such command.
 *
 * Include this instead of libxml2's headers (it includes them).  The
 * process is not linked with the library: the first call opens it (see
 * overens/lazylib.h) and sets it up as the engine uses it (no network, no
 * external entities or DTDs, errors collected by the caller; see
 * engine/base/xmlsafe.c) before any other call returns.  A function the
 * code starts to call goes into the list below; until it is there, the
 * link fails with an undefined reference to it.
 */
#ifndef OV_LAZY_XML_H
#define OV_LAZY_XML_H

#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlsave.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "overens/lazylib.h"

/*
 * Opens libxml2 and sets it up (once); a program that calls libxml2
 * itself, linked with it, calls this first.  When the library cannot be
 * opened the process ends as the dynamic loader would end it (status 127).
 */
void ov_xml_init(void);

/* libxml2 (OV_SONAME_XML2): every function the code calls, and the variable xmlFree. */
#define OV_XML_FUNCS(F) \
	F(__xmlLoadExtDtdDefaultValue) \
	F(xmlAddChild) \
	F(xmlAddNextSibling) \
	F(xmlAddPrevSibling) \
	F(xmlChildElementCount) \
	F(xmlCopyDoc) \
	F(xmlCtxtReadMemory) \
	F(xmlCtxtResetLastError) \
	F(xmlDocCopyNode) \
	F(xmlDocDumpFormatMemoryEnc) \
	F(xmlDocDumpMemory) \
	F(xmlDocGetRootElement) \
	F(xmlDocSetRootElement) \
	F(xmlFirstElementChild) \
	F(xmlFreeDoc) \
	F(xmlFreeNode) \
	F(xmlFreeParserCtxt) \
	F(xmlGetExternalEntityLoader) \
	F(xmlGetLineNo) \
	F(xmlGetProp) \
	F(xmlHasProp) \
	F(xmlInitParser) \
	F(xmlIsBlankNode) \
	F(xmlNewChild) \
	F(xmlNewDoc) \
	F(xmlNewDocNode) \
	F(xmlNewDocText) \
	F(xmlNewDocTextLen) \
	F(xmlNewNode) \
	F(xmlNewParserCtxt) \
	F(xmlNewProp) \
	F(xmlNewTextChild) \
	F(xmlNextElementSibling) \
	F(xmlNodeGetContent) \
	F(xmlNodeSetName) \
	F(xmlReadMemory) \
	F(xmlRelaxNGFree) \
	F(xmlRelaxNGFreeParserCtxt) \
	F(xmlRelaxNGFreeValidCtxt) \
	F(xmlRelaxNGNewDocParserCtxt) \
	F(xmlRelaxNGNewValidCtxt) \
	F(xmlRelaxNGParse) \
	F(xmlRelaxNGSetParserStructuredErrors) \
	F(xmlRelaxNGSetValidStructuredErrors) \
	F(xmlRelaxNGValidateDoc) \
	F(xmlReplaceNode) \
	F(xmlSetExternalEntityLoader) \
	F(xmlSetGenericErrorFunc) \
	F(xmlSetProp) \
	F(xmlSetStructuredErrorFunc) \
	F(xmlStrEqual) \
	F(xmlSubstituteEntitiesDefault) \
	F(xmlTextConcat) \
	F(xmlUnlinkNode) \
	F(xmlUnsetProp) \
	F(xmlXPathCastToBoolean) \
	F(xmlXPathCastToString) \
	F(xmlXPathCompile) \
	F(xmlXPathCompiledEval) \
	F(xmlXPathEvalExpression) \
	F(xmlXPathFreeCompExpr) \
	F(xmlXPathFreeContext) \
	F(xmlXPathFreeObject) \
	F(xmlXPathNewCString) \
	F(xmlXPathNewContext) \
	F(xmlXPathRegisterVariable) \
	F(xmlFree)

extern ov_lazy_lib ov_xml_lib;
extern struct ov_xml_fns {
	OV_XML_FUNCS(OV_LAZY_SLOT)
} ov_xml_fns;

#ifndef OV_LAZY_TABLES /* the file that defines the tables sees the real names */
/* The frees do nothing while the library is not open: nothing of it can exist. */
#define xmlAddChild OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlAddChild)
#define xmlAddNextSibling OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlAddNextSibling)
#define xmlAddPrevSibling OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlAddPrevSibling)
#define xmlChildElementCount OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlChildElementCount)
#define xmlCopyDoc OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlCopyDoc)
#define xmlCtxtReadMemory OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlCtxtReadMemory)
#define xmlCtxtResetLastError OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlCtxtResetLastError)
#define xmlDocCopyNode OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlDocCopyNode)
#define xmlDocDumpFormatMemoryEnc OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlDocDumpFormatMemoryEnc)
#define xmlDocDumpMemory OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlDocDumpMemory)
#define xmlDocGetRootElement OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlDocGetRootElement)
#define xmlDocSetRootElement OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlDocSetRootElement)
#define xmlFirstElementChild OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlFirstElementChild)
#define xmlFreeDoc(obj) OV_LAZY_FREE(ov_xml_lib, ov_xml_fns, xmlFreeDoc, obj)
#define xmlFreeNode(obj) OV_LAZY_FREE(ov_xml_lib, ov_xml_fns, xmlFreeNode, obj)
#define xmlFreeParserCtxt(obj) OV_LAZY_FREE(ov_xml_lib, ov_xml_fns, xmlFreeParserCtxt, obj)
#define xmlGetExternalEntityLoader OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlGetExternalEntityLoader)
#define xmlGetLineNo OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlGetLineNo)
#define xmlGetProp OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlGetProp)
#define xmlHasProp OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlHasProp)
#define xmlInitParser OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlInitParser)
#define xmlIsBlankNode OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlIsBlankNode)
#define xmlNewChild OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlNewChild)
#define xmlNewDoc OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlNewDoc)
#define xmlNewDocNode OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlNewDocNode)
#define xmlNewDocText OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlNewDocText)
#define xmlNewDocTextLen OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlNewDocTextLen)
#define xmlNewNode OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlNewNode)
#define xmlNewParserCtxt OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlNewParserCtxt)
#define xmlNewProp OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlNewProp)
#define xmlNewTextChild OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlNewTextChild)
#define xmlNextElementSibling OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlNextElementSibling)
#define xmlNodeGetContent OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlNodeGetContent)
#define xmlNodeSetName OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlNodeSetName)
#define xmlReadMemory OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlReadMemory)
#define xmlRelaxNGFree(obj) OV_LAZY_FREE(ov_xml_lib, ov_xml_fns, xmlRelaxNGFree, obj)
#define xmlRelaxNGFreeParserCtxt(obj) OV_LAZY_FREE(ov_xml_lib, ov_xml_fns, xmlRelaxNGFreeParserCtxt, obj)
#define xmlRelaxNGFreeValidCtxt(obj) OV_LAZY_FREE(ov_xml_lib, ov_xml_fns, xmlRelaxNGFreeValidCtxt, obj)
#define xmlRelaxNGNewDocParserCtxt OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlRelaxNGNewDocParserCtxt)
#define xmlRelaxNGNewValidCtxt OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlRelaxNGNewValidCtxt)
#define xmlRelaxNGParse OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlRelaxNGParse)
#define xmlRelaxNGSetParserStructuredErrors OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlRelaxNGSetParserStructuredErrors)
#define xmlRelaxNGSetValidStructuredErrors OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlRelaxNGSetValidStructuredErrors)
#define xmlRelaxNGValidateDoc OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlRelaxNGValidateDoc)
#define xmlReplaceNode OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlReplaceNode)
#define xmlSetExternalEntityLoader OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlSetExternalEntityLoader)
#define xmlSetGenericErrorFunc OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlSetGenericErrorFunc)
#define xmlSetProp OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlSetProp)
#define xmlSetStructuredErrorFunc OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlSetStructuredErrorFunc)
#define xmlStrEqual OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlStrEqual)
#define xmlSubstituteEntitiesDefault OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlSubstituteEntitiesDefault)
#define xmlTextConcat OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlTextConcat)
#define xmlUnlinkNode OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlUnlinkNode)
#define xmlUnsetProp OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlUnsetProp)
#define xmlXPathCastToBoolean OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlXPathCastToBoolean)
#define xmlXPathCastToString OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlXPathCastToString)
#define xmlXPathCompile OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlXPathCompile)
#define xmlXPathCompiledEval OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlXPathCompiledEval)
#define xmlXPathEvalExpression OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlXPathEvalExpression)
#define xmlXPathFreeCompExpr(obj) OV_LAZY_FREE(ov_xml_lib, ov_xml_fns, xmlXPathFreeCompExpr, obj)
#define xmlXPathFreeContext(obj) OV_LAZY_FREE(ov_xml_lib, ov_xml_fns, xmlXPathFreeContext, obj)
#define xmlXPathFreeObject(obj) OV_LAZY_FREE(ov_xml_lib, ov_xml_fns, xmlXPathFreeObject, obj)
#define xmlXPathNewCString OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlXPathNewCString)
#define xmlXPathNewContext OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlXPathNewContext)
#define xmlXPathRegisterVariable OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlXPathRegisterVariable)
/* a variable: its slot holds its address */
#define xmlFree (*OV_LAZY_CALL(ov_xml_lib, ov_xml_fns, xmlFree))
#endif

#endif
