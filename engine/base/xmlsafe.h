/*
 * xmlsafe.h - the one place that sets how libxml2 and libxslt treat input.
 *
 * Untrusted XML is parsed from memory with XML_PARSE_NONET and never with
 * NOENT, DTDLOAD, DTDATTR, DTDVALID, XINCLUDE or HUGE: external entities are
 * not loaded, entity bombs are stopped by libxml2's amplification checks, and
 * the process-wide entity loader refuses every external resource.
 * Stylesheets are parsed the same way (not with xsltParseStylesheetFile,
 * whose defaults expand entities) and run with security preferences that
 * forbid writing files, creating directories and any network or file reads.
 *
 * Errors name the document (its name as given), the line and libxml2's text.
 */
#ifndef OV_XMLSAFE_H
#define OV_XMLSAFE_H

#include <stddef.h>
#include "overens/lazy_xml.h"
#include "overens/lazy_xslt.h"

/* ov_xml_init() (overens/lazy_xml.h) opens and sets up libxml2; any call of it does too. */

/* The set-up, run by the lazy loader as libxml2 opens (engine/base/lazy_libs.c). */
void ov_xml_loaded(void);

/* Parses `len` bytes; `name` is used in messages. Caller frees with xmlFreeDoc. */
int ov_xml_parse_memory(xmlDocPtr *out, const char *data, size_t len,
			const char *name);
/* Reads and parses a file with the same settings. */
int ov_xml_parse_file(xmlDocPtr *out, const char *path);

/*
 * Validates `doc` against the RelaxNG schema file `rng_path`.  On failure
 * returns OV_EINVALID with "<name>:<line>: <reason>" for the first problem
 * (and a count of the others).  Schemas are cached per path for the process.
 */
int ov_rng_validate(xmlDocPtr doc, const char *rng_path, const char *name);

/*
 * Where validations that passed are remembered between processes (the
 * workspace's index).  An entry is the document's bytes and the schema's,
 * found by a short key made of their lengths and CRC-32s (the schema's part
 * also on its own, schema_key, so that a store can keep one copy of a
 * schema for all its documents); known() sets *known only when an entry
 * has the key and both byte strings are equal to these, note() records
 * them; validating(), if set, is called just before a validation runs.  A
 * memo that fails only costs the validation.  The bytes themselves are
 * compared, not a digest, so no hash function (and no libcrypto) is needed
 * to trust an entry.
 */
typedef struct ov_rng_memo_entry {
	const char *key;          /* the document's and the schema's */
	const char *schema_key;   /* the schema's alone */
	const void *doc;
	size_t doc_len;
	const void *schema;
	size_t schema_len;
} ov_rng_memo_entry;

typedef struct ov_rng_memo {
	int (*known)(int *known, void *ctx, const ov_rng_memo_entry *e);
	int (*note)(void *ctx, const ov_rng_memo_entry *e);
	void (*validating)(void *ctx);
	void *ctx;
} ov_rng_memo;

/*
 * ov_rng_validate of `doc`, parsed from the `len` bytes at `data`: skipped
 * when `memo` (NULL: none) knows these bytes passed against the schema's
 * present bytes, and remembered there when they pass.  A document that
 * fails is never remembered, and a changed file or schema has another key.
 */
int ov_rng_validate_memo(xmlDocPtr doc, const void *data, size_t len, const char *rng_path,
			 const char *name, const ov_rng_memo *memo);

/* Reads and parses the file at `path` and validates it (ov_rng_validate_memo). */
int ov_xml_load_valid(xmlDocPtr *out, const char *path, const char *rng_path,
		      const ov_rng_memo *memo);

/*
 * Lets stylesheets read files (xsl:include/import, document()) inside `dir`
 * and nowhere else.  Call once, with the templates folder, before loading.
 */
int ov_xslt_allow_dir(const char *dir);

/* Loads a stylesheet file safely. Caller frees with xsltFreeStylesheet. */
int ov_xslt_load(xsltStylesheetPtr *out, const char *path);

/*
 * Applies `sheet` to `doc` with the security preferences in force.
 * `params` is a NULL-terminated name/value list of string parameters (values
 * are passed as XPath string literals, quoted here), or NULL.
 * Caller frees *out with xmlFreeDoc.
 */
int ov_xslt_apply(xmlDocPtr *out, xsltStylesheetPtr sheet, xmlDocPtr doc,
		  const char **params);

/*
 * Evaluates XPath `expr` on `doc` (context: the root element) as a boolean,
 * string or node set.  A malformed expression is OV_EINVALID naming `where`.
 */
int ov_xpath_bool(int *out, xmlDocPtr doc, const char *expr, const char *where);
int ov_xpath_string(char **out, xmlDocPtr doc, const char *expr,
		    const char *where);
int ov_xpath_nodes(xmlXPathObjectPtr *out, xmlDocPtr doc, const char *expr,
		   const char *where);

/* Text content of `node` (never NULL; "" when empty). Caller frees with free(). */
char *ov_xml_text(xmlNodePtr node);
/* Attribute value or NULL. Caller frees with free(). */
char *ov_xml_attr(xmlNodePtr node, const char *name);
/* First child element named `name`, or NULL. */
xmlNodePtr ov_xml_child(xmlNodePtr parent, const char *name);
/* 1 when `n` is an element called `name`. */
int ov_xml_is(xmlNodePtr n, const char *name);
/* 1 when `n` has attribute `attr` equal to `value`. */
int ov_xml_attr_is(xmlNodePtr n, const char *attr, const char *value);
/* Next sibling element (any name) after `node`, or NULL. */
xmlNodePtr ov_xml_next_element(xmlNodePtr node);
/* Serializes a document as UTF-8 with indentation. */
int ov_xml_serialize(char **out, size_t *outlen, xmlDocPtr doc);

/* 1 when `s` (of `len` bytes) is valid UTF-8 without C0 controls other than TAB/LF/CR. */
int ov_utf8_valid_text(const char *s, size_t len);

#endif
