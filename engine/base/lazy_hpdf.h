/*
 * lazy_hpdf.h - libharu, opened on first use: only PDF rendering needs it.
 *
 * Include this instead of the library's headers (it includes them).  The
 * process is not linked with the library: the first call opens it (see
 * overens/lazylib.h), so commands that never call it never load it.  A
 * function the code starts to call goes into the list below; until it is
 * there, the link fails with an undefined reference to it.
 */
#ifndef OV_BASE_LAZY_HPDF_H
#define OV_BASE_LAZY_HPDF_H

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_encrypt.h>
#include <hpdf_namedict.h>
#include <hpdf_pages.h>

#include "overens/lazylib.h"

/* libharu (OV_SONAME_HPDF): every function the code calls. */
#define OV_HPDF_FUNCS(F) \
	F(HPDF_AddPage) \
	F(HPDF_Array_Add) \
	F(HPDF_Array_GetItem) \
	F(HPDF_Array_Items) \
	F(HPDF_Array_New) \
	F(HPDF_AttachFile) \
	F(HPDF_Binary_New) \
	F(HPDF_CMapEncoder_ToUnicode) \
	F(HPDF_Catalog_GetNames) \
	F(HPDF_CheckError) \
	F(HPDF_CreateOutline) \
	F(HPDF_Destination_SetFitH) \
	F(HPDF_DictStream_New) \
	F(HPDF_Dict_Add) \
	F(HPDF_Dict_AddName) \
	F(HPDF_Dict_AddNumber) \
	F(HPDF_Dict_GetItem) \
	F(HPDF_Dict_New) \
	F(HPDF_Dict_RemoveElement) \
	F(HPDF_FontDef_Free) \
	F(HPDF_Font_GetAscent) \
	F(HPDF_Font_GetDescent) \
	F(HPDF_Font_TextWidth) \
	F(HPDF_Free) \
	F(HPDF_GetEncoder) \
	F(HPDF_GetFont) \
	F(HPDF_GetInfoAttr) \
	F(HPDF_GetStreamSize) \
	F(HPDF_List_Add) \
	F(HPDF_LoadTTFontFromFile) \
	F(HPDF_MD5Final) \
	F(HPDF_MD5Init) \
	F(HPDF_MD5Update) \
	F(HPDF_MemStream_FreeData) \
	F(HPDF_MemStream_New) \
	F(HPDF_NameDict_GetNameTree) \
	F(HPDF_New) \
	F(HPDF_Outline_SetDestination) \
	F(HPDF_Outline_SetOpened) \
	F(HPDF_Page_BeginText) \
	F(HPDF_Page_CreateDestination) \
	F(HPDF_Page_CreateTextAnnot) \
	F(HPDF_Page_EndText) \
	F(HPDF_Page_Fill) \
	F(HPDF_Page_LineTo) \
	F(HPDF_Page_MoveTo) \
	F(HPDF_Page_Rectangle) \
	F(HPDF_Page_SetFontAndSize) \
	F(HPDF_Page_SetGrayFill) \
	F(HPDF_Page_SetGrayStroke) \
	F(HPDF_Page_SetLineWidth) \
	F(HPDF_Page_SetSize) \
	F(HPDF_Page_SetTextMatrix) \
	F(HPDF_Page_ShowText) \
	F(HPDF_Page_Stroke) \
	F(HPDF_Page_TextOut) \
	F(HPDF_ReadFromStream) \
	F(HPDF_ResetError) \
	F(HPDF_SaveToFile) \
	F(HPDF_SaveToStream) \
	F(HPDF_SetCompressionMode) \
	F(HPDF_SetCurrentEncoder) \
	F(HPDF_SetInfoAttr) \
	F(HPDF_SetInfoDateAttr) \
	F(HPDF_SetPageMode) \
	F(HPDF_Stream_Free) \
	F(HPDF_Stream_Write) \
	F(HPDF_String_New) \
	F(HPDF_String_SetValue) \
	F(HPDF_TTFontDef_GetGlyphid) \
	F(HPDF_TTFontDef_Load) \
	F(HPDF_TTFontDef_SetTagName) \
	F(HPDF_UseUTFEncodings) \
	F(HPDF_Xref_Add)

extern ov_lazy_lib ov_hpdf_lib;
extern struct ov_hpdf_fns {
	OV_HPDF_FUNCS(OV_LAZY_SLOT)
} ov_hpdf_fns;

#ifndef OV_LAZY_TABLES /* the file that defines the tables sees the real names */
#define HPDF_AddPage OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_AddPage)
#define HPDF_Array_Add OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_Array_Add)
#define HPDF_Array_GetItem OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_Array_GetItem)
#define HPDF_Array_Items OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_Array_Items)
#define HPDF_Array_New OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_Array_New)
#define HPDF_AttachFile OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_AttachFile)
#define HPDF_Binary_New OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_Binary_New)
#define HPDF_CMapEncoder_ToUnicode OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_CMapEncoder_ToUnicode)
#define HPDF_Catalog_GetNames OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_Catalog_GetNames)
#define HPDF_CheckError OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_CheckError)
#define HPDF_CreateOutline OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_CreateOutline)
#define HPDF_Destination_SetFitH OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_Destination_SetFitH)
#define HPDF_DictStream_New OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_DictStream_New)
#define HPDF_Dict_Add OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_Dict_Add)
#define HPDF_Dict_AddName OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_Dict_AddName)
#define HPDF_Dict_AddNumber OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_Dict_AddNumber)
#define HPDF_Dict_GetItem OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_Dict_GetItem)
#define HPDF_Dict_New OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_Dict_New)
#define HPDF_Dict_RemoveElement OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_Dict_RemoveElement)
#define HPDF_FontDef_Free OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_FontDef_Free)
#define HPDF_Font_GetAscent OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_Font_GetAscent)
#define HPDF_Font_GetDescent OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_Font_GetDescent)
#define HPDF_Font_TextWidth OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_Font_TextWidth)
#define HPDF_Free OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_Free)
#define HPDF_GetEncoder OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_GetEncoder)
#define HPDF_GetFont OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_GetFont)
#define HPDF_GetInfoAttr OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_GetInfoAttr)
#define HPDF_GetStreamSize OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_GetStreamSize)
#define HPDF_List_Add OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_List_Add)
#define HPDF_LoadTTFontFromFile OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_LoadTTFontFromFile)
#define HPDF_MD5Final OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_MD5Final)
#define HPDF_MD5Init OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_MD5Init)
#define HPDF_MD5Update OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_MD5Update)
#define HPDF_MemStream_FreeData OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_MemStream_FreeData)
#define HPDF_MemStream_New OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_MemStream_New)
#define HPDF_NameDict_GetNameTree OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_NameDict_GetNameTree)
#define HPDF_New OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_New)
#define HPDF_Outline_SetDestination OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_Outline_SetDestination)
#define HPDF_Outline_SetOpened OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_Outline_SetOpened)
#define HPDF_Page_BeginText OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_Page_BeginText)
#define HPDF_Page_CreateDestination OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_Page_CreateDestination)
#define HPDF_Page_CreateTextAnnot OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_Page_CreateTextAnnot)
#define HPDF_Page_EndText OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_Page_EndText)
#define HPDF_Page_Fill OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_Page_Fill)
#define HPDF_Page_LineTo OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_Page_LineTo)
#define HPDF_Page_MoveTo OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_Page_MoveTo)
#define HPDF_Page_Rectangle OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_Page_Rectangle)
#define HPDF_Page_SetFontAndSize OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_Page_SetFontAndSize)
#define HPDF_Page_SetGrayFill OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_Page_SetGrayFill)
#define HPDF_Page_SetGrayStroke OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_Page_SetGrayStroke)
#define HPDF_Page_SetLineWidth OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_Page_SetLineWidth)
#define HPDF_Page_SetSize OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_Page_SetSize)
#define HPDF_Page_SetTextMatrix OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_Page_SetTextMatrix)
#define HPDF_Page_ShowText OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_Page_ShowText)
#define HPDF_Page_Stroke OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_Page_Stroke)
#define HPDF_Page_TextOut OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_Page_TextOut)
#define HPDF_ReadFromStream OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_ReadFromStream)
#define HPDF_ResetError OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_ResetError)
#define HPDF_SaveToFile OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_SaveToFile)
#define HPDF_SaveToStream OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_SaveToStream)
#define HPDF_SetCompressionMode OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_SetCompressionMode)
#define HPDF_SetCurrentEncoder OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_SetCurrentEncoder)
#define HPDF_SetInfoAttr OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_SetInfoAttr)
#define HPDF_SetInfoDateAttr OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_SetInfoDateAttr)
#define HPDF_SetPageMode OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_SetPageMode)
#define HPDF_Stream_Free OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_Stream_Free)
#define HPDF_Stream_Write OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_Stream_Write)
#define HPDF_String_New OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_String_New)
#define HPDF_String_SetValue OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_String_SetValue)
#define HPDF_TTFontDef_GetGlyphid OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_TTFontDef_GetGlyphid)
#define HPDF_TTFontDef_Load OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_TTFontDef_Load)
#define HPDF_TTFontDef_SetTagName OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_TTFontDef_SetTagName)
#define HPDF_UseUTFEncodings OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_UseUTFEncodings)
#define HPDF_Xref_Add OV_LAZY_CALL(ov_hpdf_lib, ov_hpdf_fns, HPDF_Xref_Add)
#endif

#endif
