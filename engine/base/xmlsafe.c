/*
 * xmlsafe.c - safe settings for libxml2/libxslt (see xmlsafe.h).
 */

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "overens/lazy_xml.h"
#include "overens/lazy_xslt.h"

#include "overens/buf.h"
#include "overens/error.h"
#include "engine/base/xmlsafe.h"

#define OV_XML_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES)

/* First message caught while a libxml2 call runs on this thread. */
typedef struct {
	const char *name;
	ov_buf first;
	int count;
	int first_line;
} err_collector;

static _Thread_local err_collector *collector;

static void collect_structured(void *ud, xmlErrorPtr e)
{
	err_collector *c = collector;
	size_t n;

	(void)ud;
	if (!c || !e)
		return;
	if (e->level == XML_ERR_WARNING)
		return;
	if (c->count++ > 0) {
		/* Some validity errors come without a line; prefer the next that has one. */
		if (c->first_line > 0 || e->line <= 0)
			return;
		ov_buf_clear(&c->first);
	}
	c->first_line = e->line;
	ov_buf_printf(&c->first, "%s:%d: ",
		      e->file && *e->file ? e->file : c->name, e->line);
	if (e->node && ((xmlNodePtr)e->node)->type == XML_ELEMENT_NODE &&
	    e->domain == XML_FROM_RELAXNGV)
		ov_buf_printf(&c->first, "element %s: ", (const char *)((xmlNodePtr)e->node)->name);
	if (e->message) {
		ov_buf_puts(&c->first, e->message);
		n = c->first.size;
		while (n > 0 && (c->first.ptr[n - 1] == '\n' || c->first.ptr[n - 1] == ' '))
			n--;
		c->first.size = n;
		c->first.ptr[n] = '\0';
	}
}

static void collect_generic(void *ud, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void collect_generic(void *ud, const char *fmt, ...)
{
	err_collector *c = collector;
	va_list ap;

	(void)ud;
	if (!c)
		return;
	if (c->count++ > 0)
		return;
	ov_buf_printf(&c->first, "%s: ", c->name);
	va_start(ap, fmt);
	ov_buf_vprintf(&c->first, fmt, ap);
	va_end(ap);
	while (c->first.size > 0 && c->first.ptr[c->first.size - 1] == '\n')
		c->first.ptr[--c->first.size] = '\0';
}

static int xslt_loaded; /* libxslt is open and set up (xslt_init) */

static void begin_collect(err_collector *c, const char *name)
{
	memset(c, 0, sizeof(*c));
	c->name = name ? name : "(input)";
	collector = c;
	xmlSetStructuredErrorFunc(NULL, collect_structured);
	xmlSetGenericErrorFunc(NULL, collect_generic);
	if (__atomic_load_n(&xslt_loaded, __ATOMIC_ACQUIRE))
		xsltSetGenericErrorFunc(NULL, collect_generic);
}

static int end_collect(err_collector *c, int code, const char *fallback)
{
	int err = OV_OK;

	collector = NULL;
	if (code < 0) {
		if (c->first.size)
			err = c->count > 1
				? ov_error_set(code, "%s (and %d more problem%s)",
					       c->first.ptr, c->count - 1,
					       c->count == 2 ? "" : "s")
				: ov_error_set(code, "%s", c->first.ptr);
		else
			err = ov_error_set(code, "%s: %s", c->name, fallback);
	}
	ov_buf_dispose(&c->first);
	return err;
}

static char *allowed_dir; /* realpath of the one folder stylesheets may read */
static xmlExternalEntityLoader default_loader;
static int check_read_file(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt,
			   const char *value);

/*
 * Refuses every external resource (DTDs, entities, XIncludes, document())
 * except stylesheet files inside the templates folder.
 */
static xmlParserInputPtr deny_loader(const char *url, const char *id,
				     xmlParserCtxtPtr ctxt)
{
	if (url && default_loader && check_read_file(NULL, NULL, url))
		return default_loader(url, id, ctxt);
	if (ctxt)
		xmlCtxtResetLastError(ctxt);
	ov_error_set(OV_EINVALID, "external resource refused: %s",
		     url ? url : "(unnamed)");
	if (collector && collector->count++ == 0)
		ov_buf_printf(&collector->first, "%s: external resource refused: %s",
			      collector->name, url ? url : "(unnamed)");
	return NULL;
}

static void silent_generic(void *ud, const char *fmt, ...)
{
	(void)ud;
	(void)fmt;
}

static void silent_structured(void *ud, xmlErrorPtr e)
{
	(void)ud;
	(void)e;
}

static xsltSecurityPrefsPtr security_prefs;

/*
 * Stylesheets may read files (xsl:include, xsl:import, document()) only
 * inside the templates folder given to ov_xslt_allow_dir(); everything else
 * is refused.
 */
static int check_read_file(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt,
			   const char *value)
{
	const char *path = value;
	char *real;
	size_t n;
	int ok = 0;

	(void)sec;
	(void)ctxt;
	if (!allowed_dir || !value)
		return 0;
	if (!strncmp(path, "file://", 7))
		path += 7;
	if (strstr(path, "/../") || path[0] != '/')
		return 0;
	real = realpath(path, NULL);
	if (!real)
		return 0;
	n = strlen(allowed_dir);
	if (!strncmp(real, allowed_dir, n) && real[n] == '/')
		ok = 1;
	free(real);
	return ok;
}

int ov_xslt_allow_dir(const char *dir)
{
	char *real = realpath(dir, NULL);

	if (!real)
		return ov_error_set(OV_ENOTFOUND, "%s: templates folder not found", dir);
	free(allowed_dir);
	allowed_dir = real;
	return OV_OK;
}

void ov_xml_init(void)
{
	ov_lazy_need(&ov_xml_lib);
}

/*
 * libxslt is opened when the first stylesheet is loaded or applied
 * (overens/lazy_xslt.h): commands that only read XML never load it.
 */
static pthread_once_t xslt_once = PTHREAD_ONCE_INIT;

static void init_xslt_process(void)
{
	if (!ov_lazy_ready(&ov_xslt_lib) || !ov_lazy_ready(&ov_exslt_lib))
		return;
	exsltRegisterAll();
	/* Without its security preferences libxslt is not used at all. */
	if (!(security_prefs = xsltNewSecurityPrefs()))
		return;
	xsltSetSecurityPrefs(security_prefs, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid);
	xsltSetSecurityPrefs(security_prefs, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid);
	xsltSetSecurityPrefs(security_prefs, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid);
	xsltSetSecurityPrefs(security_prefs, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid);
	xsltSetSecurityPrefs(security_prefs, XSLT_SECPREF_READ_FILE, check_read_file);
	xsltSetDefaultSecurityPrefs(security_prefs);
	__atomic_store_n(&xslt_loaded, 1, __ATOMIC_RELEASE);
}

int ov_xslt_setup(void)
{
	ov_xml_init();
	pthread_once(&xslt_once, init_xslt_process);
	if (__atomic_load_n(&xslt_loaded, __ATOMIC_ACQUIRE))
		return OV_OK;
	if (ov_lazy_load(&ov_xslt_lib) < 0 || ov_lazy_load(&ov_exslt_lib) < 0)
		return OV_ERROR;
	return ov_error_set(OV_ERROR, "cannot set up libxslt");
}

int ov_xml_parse_memory(xmlDocPtr *out, const char *data, size_t len,
			const char *name)
{
	err_collector c;
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc = NULL;
	int err;

	*out = NULL;
	ov_xml_init();
	if (len > (size_t)INT32_MAX)
		return ov_error_set(OV_EINVALID, "%s: document too large", name);
	ctxt = xmlNewParserCtxt();
	if (!ctxt)
		return ov_error_set(OV_ENOMEM, "out of memory");
	begin_collect(&c, name);
	doc = xmlCtxtReadMemory(ctxt, data, (int)len, name, "UTF-8", OV_XML_OPTIONS);
	if (doc && !ctxt->wellFormed) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	if (doc && doc->intSubset) {
		/* DTDs are not part of any of our formats: refuse them outright. */
		xmlFreeDoc(doc);
		doc = NULL;
		if (c.count++ == 0)
			ov_buf_printf(&c.first, "%s: a DOCTYPE (DTD) is not allowed", c.name);
	}
	err = end_collect(&c, doc ? OV_OK : OV_EINVALID, "not well-formed XML");
	xmlFreeParserCtxt(ctxt);
	if (!err && !xmlDocGetRootElement(doc)) {
		xmlFreeDoc(doc);
		return ov_error_set(OV_EINVALID, "%s: empty document", name);
	}
	*out = doc;
	return err;
}

int ov_xml_parse_file(xmlDocPtr *out, const char *path)
{
	ov_buf b = OV_BUF_INIT;
	int err;

	*out = NULL;
	if ((err = ov_buf_read_file(&b, path)) < 0)
		return err;
	err = ov_xml_parse_memory(out, b.ptr, b.size, path);
	ov_buf_dispose(&b);
	return err;
}

/* A small per-process cache of compiled schemas, keyed by path. */
typedef struct rng_entry {
	char *path;
	ov_buf bytes;         /* the bytes compiled */
	xmlRelaxNGPtr schema;
	struct rng_entry *next;
} rng_entry;

static rng_entry *rng_cache;
static pthread_mutex_t rng_lock = PTHREAD_MUTEX_INITIALIZER;

static int rng_get(xmlRelaxNGPtr *out, const ov_buf **compiled, const char *path)
{
	rng_entry *e;
	ov_buf bytes = OV_BUF_INIT;
	xmlDocPtr sdoc = NULL;
	xmlRelaxNGParserCtxtPtr pctxt = NULL;
	xmlRelaxNGPtr schema = NULL;
	err_collector c;
	int err;

	pthread_mutex_lock(&rng_lock);
	for (e = rng_cache; e; e = e->next)
		if (!strcmp(e->path, path)) {
			*out = e->schema;
			*compiled = &e->bytes;
			pthread_mutex_unlock(&rng_lock);
			return OV_OK;
		}
	if ((err = ov_buf_read_file(&bytes, path)) < 0 ||
	    (err = ov_xml_parse_memory(&sdoc, bytes.ptr, bytes.size, path)) < 0)
		goto done;
	begin_collect(&c, path);
	pctxt = xmlRelaxNGNewDocParserCtxt(sdoc);
	if (pctxt) {
		xmlRelaxNGSetParserStructuredErrors(pctxt, collect_structured, NULL);
		schema = xmlRelaxNGParse(pctxt);
	}
	err = end_collect(&c, schema ? OV_OK : OV_ERROR, "schema does not compile");
	if (err < 0)
		goto done;
	e = calloc(1, sizeof(*e));
	if (!e || !(e->path = strdup(path))) {
		free(e);
		xmlRelaxNGFree(schema);
		err = ov_error_set(OV_ENOMEM, "out of memory");
		goto done;
	}
	e->schema = schema;
	e->bytes = bytes; /* moved: kept for the process's life, like the schema */
	bytes = (ov_buf)OV_BUF_INIT;
	e->next = rng_cache;
	rng_cache = e;
	*out = schema;
	*compiled = &e->bytes;
done:
	if (pctxt)
		xmlRelaxNGFreeParserCtxt(pctxt);
	xmlFreeDoc(sdoc);
	ov_buf_dispose(&bytes);
	pthread_mutex_unlock(&rng_lock);
	return err;
}

/* ov_rng_validate; *compiled: the schema's bytes compiled (kept per process). */
static int rng_check(xmlDocPtr doc, const char *rng_path, const char *name,
		     const ov_buf **compiled)
{
	xmlRelaxNGPtr schema = NULL;
	xmlRelaxNGValidCtxtPtr vctxt;
	err_collector c;
	int err, rc;

	if ((err = rng_get(&schema, compiled, rng_path)) < 0)
		return err;
	vctxt = xmlRelaxNGNewValidCtxt(schema);
	if (!vctxt)
		return ov_error_set(OV_ENOMEM, "out of memory");
	begin_collect(&c, name);
	xmlRelaxNGSetValidStructuredErrors(vctxt, collect_structured, NULL);
	rc = xmlRelaxNGValidateDoc(vctxt, doc);
	err = end_collect(&c, rc == 0 ? OV_OK : OV_EINVALID,
			  "does not match its schema");
	xmlRelaxNGFreeValidCtxt(vctxt);
	return err;
}

int ov_rng_validate(xmlDocPtr doc, const char *rng_path, const char *name)
{
	const ov_buf *compiled;

	return rng_check(doc, rng_path, name, &compiled);
}

/* The memo's keys for a document and a schema: each one's length and
 * CRC-32, the document's before the schema's; schema_key is the latter. */
static void memo_key(char key[64], const char **schema_key, const void *doc, size_t doc_len,
		     const ov_buf *schema)
{
	int n = snprintf(key, 64, "%zx.%08lx.", doc_len,
			 crc32(0L, (const Bytef *)doc, (uInt)doc_len));

	snprintf(key + n, (size_t)(64 - n), "%zx.%08lx", schema->size,
		 crc32(0L, (const Bytef *)schema->ptr, (uInt)schema->size));
	*schema_key = key + n;
}

int ov_rng_validate_memo(xmlDocPtr doc, const void *data, size_t len, const char *rng_path,
			 const char *name, const ov_rng_memo *memo)
{
	ov_buf rng = OV_BUF_INIT;
	char key[64];
	ov_rng_memo_entry e = { key, NULL, data, len, NULL, 0 };
	const ov_buf *compiled;
	int keyed = 0, known = 0, err;

	/* crc32() takes an uInt length: larger files are simply not remembered. */
	if (memo && len <= UINT_MAX && ov_buf_read_file(&rng, rng_path) >= 0 &&
	    rng.size <= UINT_MAX) {
		memo_key(key, &e.schema_key, data, len, &rng);
		e.schema = rng.ptr;
		e.schema_len = rng.size;
		keyed = 1;
		if (memo->known(&known, memo->ctx, &e) >= 0 && known) {
			ov_buf_dispose(&rng);
			return OV_OK;
		}
	}
	ov_error_clear();
	if (memo && memo->validating)
		memo->validating(memo->ctx);
	/* Noted only when the schema compiled is the one read here: a process
	 * that compiled it before a change must not vouch for the new bytes. */
	if ((err = rng_check(doc, rng_path, name, &compiled)) >= 0 && keyed &&
	    compiled->size == rng.size && !memcmp(compiled->ptr, rng.ptr, rng.size) &&
	    memo->note(memo->ctx, &e) < 0)
		ov_error_clear();
	ov_buf_dispose(&rng);
	return err;
}

int ov_xml_load_valid(xmlDocPtr *out, const char *path, const char *rng_path,
		      const ov_rng_memo *memo)
{
	ov_buf b = OV_BUF_INIT;
	xmlDocPtr doc = NULL;
	int err;

	*out = NULL;
	if ((err = ov_buf_read_file(&b, path)) >= 0 &&
	    (err = ov_xml_parse_memory(&doc, b.ptr, b.size, path)) >= 0 &&
	    (err = ov_rng_validate_memo(doc, b.ptr, b.size, rng_path, path, memo)) >= 0) {
		*out = doc;
		doc = NULL;
	}
	xmlFreeDoc(doc);
	ov_buf_dispose(&b);
	return err;
}

int ov_xslt_load(xsltStylesheetPtr *out, const char *path)
{
	xmlDocPtr sdoc = NULL;
	xsltStylesheetPtr sheet;
	err_collector c;
	char *real;
	int err;

	*out = NULL;
	if (ov_xslt_setup() < 0)
		return OV_ERROR;
	if (!(real = realpath(path, NULL)))
		return ov_error_set(OV_ENOTFOUND, "%s: stylesheet not found", path);
	err = ov_xml_parse_file(&sdoc, real);
	free(real);
	if (err < 0)
		return err;
	begin_collect(&c, path);
	sheet = xsltParseStylesheetDoc(sdoc);
	err = end_collect(&c, sheet ? OV_OK : OV_EINVALID, "not a valid stylesheet");
	if (!sheet) {
		xmlFreeDoc(sdoc); /* not taken over on failure */
		return err;
	}
	*out = sheet;
	return OV_OK;
}

static char *quote_param(const char *v)
{
	ov_buf b = OV_BUF_INIT;
	const char *p;

	if (!strchr(v, '\'')) {
		ov_buf_printf(&b, "'%s'", v);
		return ov_buf_detach(&b);
	}
	if (!strchr(v, '"')) {
		ov_buf_printf(&b, "\"%s\"", v);
		return ov_buf_detach(&b);
	}
	/* Both quote kinds: build concat('..', "'", '..'). */
	ov_buf_puts(&b, "concat(''");
	for (p = v; *p; p++) {
		if (*p == '\'')
			ov_buf_puts(&b, ",\"'\"");
		else {
			ov_buf_puts(&b, ",'");
			while (*p && *p != '\'')
				ov_buf_putc(&b, *p++);
			ov_buf_putc(&b, '\'');
			p--;
		}
	}
	ov_buf_putc(&b, ')');
	return ov_buf_detach(&b);
}

int ov_xslt_apply(xmlDocPtr *out, xsltStylesheetPtr sheet, xmlDocPtr doc,
		  const char **params)
{
	xsltTransformContextPtr ctxt = NULL;
	xmlDocPtr res = NULL;
	const char **qp = NULL;
	size_t n = 0, i;
	err_collector c;
	int err = OV_OK;

	*out = NULL;
	if (ov_xslt_setup() < 0)
		return OV_ERROR;
	if (params)
		while (params[n])
			n++;
	qp = calloc(n + 1, sizeof(*qp));
	if (!qp)
		return ov_error_set(OV_ENOMEM, "out of memory");
	for (i = 0; i + 1 < n; i += 2) {
		qp[i] = params[i];
		if (!(qp[i + 1] = quote_param(params[i + 1]))) {
			err = ov_error_set(OV_ENOMEM, "out of memory");
			goto done;
		}
	}
	ctxt = xsltNewTransformContext(sheet, doc);
	if (!ctxt) {
		err = ov_error_set(OV_ENOMEM, "out of memory");
		goto done;
	}
	xsltSetCtxtSecurityPrefs(security_prefs, ctxt);
	xsltSetCtxtParseOptions(ctxt, OV_XML_OPTIONS);
	begin_collect(&c, sheet->doc && sheet->doc->URL
			  ? (const char *)sheet->doc->URL : "stylesheet");
	res = xsltApplyStylesheetUser(sheet, doc, qp, NULL, NULL, ctxt);
	if (res && ctxt->state != XSLT_STATE_OK) {
		xmlFreeDoc(res);
		res = NULL;
	}
	err = end_collect(&c, res ? OV_OK : OV_EINVALID, "transformation failed");
	*out = res;
done:
	if (ctxt)
		xsltFreeTransformContext(ctxt);
	for (i = 1; i < n; i += 2)
		free((char *)qp[i]);
	free(qp);
	return err;
}

static int xpath_eval(xmlXPathObjectPtr *out, xmlDocPtr doc, const char *expr,
		      const char *where)
{
	xmlXPathContextPtr xp;
	xmlXPathObjectPtr obj;
	err_collector c;
	int err;

	*out = NULL;
	xp = xmlXPathNewContext(doc);
	if (!xp)
		return ov_error_set(OV_ENOMEM, "out of memory");
	xp->node = xmlDocGetRootElement(doc);
	begin_collect(&c, where);
	obj = xmlXPathEvalExpression((const xmlChar *)expr, xp);
	collector = NULL;
	if (!obj) {
		ov_buf_dispose(&c.first);
		xmlXPathFreeContext(xp);
		return ov_error_set(OV_EINVALID, "%s: bad XPath expression: %s",
				    where, expr);
	}
	err = end_collect(&c, OV_OK, "");
	xmlXPathFreeContext(xp);
	*out = obj;
	return err;
}

int ov_xpath_bool(int *out, xmlDocPtr doc, const char *expr, const char *where)
{
	xmlXPathObjectPtr obj;
	int err;

	*out = 0;
	if ((err = xpath_eval(&obj, doc, expr, where)) < 0)
		return err;
	*out = xmlXPathCastToBoolean(obj) ? 1 : 0;
	xmlXPathFreeObject(obj);
	return OV_OK;
}

int ov_xpath_string(char **out, xmlDocPtr doc, const char *expr,
		    const char *where)
{
	xmlXPathObjectPtr obj;
	xmlChar *s;
	int err;

	*out = NULL;
	if ((err = xpath_eval(&obj, doc, expr, where)) < 0)
		return err;
	s = xmlXPathCastToString(obj);
	xmlXPathFreeObject(obj);
	if (!s)
		return ov_error_set(OV_ENOMEM, "out of memory");
	*out = strdup((const char *)s);
	xmlFree(s);
	return *out ? OV_OK : ov_error_set(OV_ENOMEM, "out of memory");
}

int ov_xpath_nodes(xmlXPathObjectPtr *out, xmlDocPtr doc, const char *expr,
		   const char *where)
{
	int err;

	if ((err = xpath_eval(out, doc, expr, where)) < 0)
		return err;
	if ((*out)->type != XPATH_NODESET) {
		xmlXPathFreeObject(*out);
		*out = NULL;
		return ov_error_set(OV_EINVALID, "%s: expression is not a node set: %s",
				    where, expr);
	}
	return OV_OK;
}

char *ov_xml_text(xmlNodePtr node)
{
	xmlChar *s = node ? xmlNodeGetContent(node) : NULL;
	char *r = strdup(s ? (const char *)s : "");

	if (s)
		xmlFree(s);
	return r;
}

char *ov_xml_attr(xmlNodePtr node, const char *name)
{
	xmlChar *s;
	char *r;

	if (!node)
		return NULL;
	s = xmlGetProp(node, (const xmlChar *)name);
	if (!s)
		return NULL;
	r = strdup((const char *)s);
	xmlFree(s);
	return r;
}

int ov_xml_is(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

int ov_xml_attr_is(xmlNodePtr n, const char *attr, const char *value)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)attr);
	int same = v && !strcmp((const char *)v, value);

	xmlFree(v);
	return same;
}

xmlNodePtr ov_xml_child(xmlNodePtr parent, const char *name)
{
	xmlNodePtr n;

	if (!parent)
		return NULL;
	for (n = parent->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name))
			return n;
	return NULL;
}

xmlNodePtr ov_xml_next_element(xmlNodePtr node)
{
	for (node = node ? node->next : NULL; node; node = node->next)
		if (node->type == XML_ELEMENT_NODE)
			return node;
	return NULL;
}

int ov_xml_serialize(char **out, size_t *outlen, xmlDocPtr doc)
{
	xmlChar *mem = NULL;
	int size = 0;

	*out = NULL;
	xmlDocDumpFormatMemoryEnc(doc, &mem, &size, "UTF-8", 1);
	if (!mem)
		return ov_error_set(OV_ENOMEM, "out of memory");
	*out = malloc((size_t)size + 1);
	if (!*out) {
		xmlFree(mem);
		return ov_error_set(OV_ENOMEM, "out of memory");
	}
	memcpy(*out, mem, (size_t)size);
	(*out)[size] = '\0';
	if (outlen)
		*outlen = (size_t)size;
	xmlFree(mem);
	return OV_OK;
}

int ov_utf8_valid_text(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;

	while (p < end) {
		unsigned c = *p;
		size_t need;
		unsigned cp;

		if (c < 0x80) {
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
				return 0;
			if (c == 0x7f)
				return 0;
			p++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) { need = 1; cp = c & 0x1f; }
		else if (c >= 0xe0 && c <= 0xef) { need = 2; cp = c & 0x0f; }
		else if (c >= 0xf0 && c <= 0xf4) { need = 3; cp = c & 0x07; }
		else return 0;
		if ((size_t)(end - p) <= need)
			return 0;
		for (size_t i = 1; i <= need; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return 0;
			cp = (cp << 6) | (p[i] & 0x3f);
		}
		if ((need == 2 && cp < 0x800) || (need == 3 && (cp < 0x10000 || cp > 0x10ffff)))
			return 0;
		if (cp >= 0xd800 && cp <= 0xdfff)
			return 0;
		p += need + 1;
	}
	return 1;
}

/*
 * Run by the lazy loader when libxml2 opens (ov_xml_lib's hook, see
 * engine/base/lazy_libs.c), under its lock and before any other call can
 * reach the library.  It calls through the table: the names would wait
 * for the lock it holds.  Last in this file, where the names are no longer
 * needed as the engine calls them.
 */
#undef xmlInitParser
#undef xmlGetExternalEntityLoader
#undef xmlSetExternalEntityLoader
#undef xmlSubstituteEntitiesDefault
#undef xmlSetGenericErrorFunc
#undef xmlSetStructuredErrorFunc

void ov_xml_loaded(void)
{
	ov_xml_fns.xmlInitParser();
	default_loader = ov_xml_fns.xmlGetExternalEntityLoader();
	ov_xml_fns.xmlSetExternalEntityLoader(deny_loader);
	ov_xml_fns.xmlSubstituteEntitiesDefault(0);
	*ov_xml_fns.__xmlLoadExtDtdDefaultValue() = 0;
	ov_xml_fns.xmlSetGenericErrorFunc(NULL, silent_generic);
	ov_xml_fns.xmlSetStructuredErrorFunc(NULL, silent_structured);
}
