/*
 * page.c - pages: each handler builds a page model, a small XML document
 * (<page> with the view's elements, every string escaped by libxml2), and
 * web/page.xsl from the data folder turns it into HTML.  The stylesheet is
 * compiled once at start and only read afterwards, which libxslt allows
 * from several threads at once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "overens/lazy_xml.h"
#include "overens/lazy_xslt.h"

#include "overens/data.h"
#include "overens/error.h"
#include "web/cache.h"
#include "web/http.h"

static xsltStylesheetPtr page_xsl;

/*
 * The stylesheet is read into memory and parsed from there: it is our own
 * file, and the engine's XML settings refuse to load files from outside
 * the document templates' folder.
 */
int web_templates_load(char **why)
{
	ov_buf data = OV_BUF_INIT;
	char *path = NULL;
	xmlDocPtr doc = NULL;
	int err;

	if ((err = ov_xslt_setup()) < 0 ||
	    (err = ov_data_path(&path, "web/page.xsl")) < 0 ||
	    (err = ov_buf_read_file(&data, path)) < 0) {
		const ov_error *e = ov_error_last();
		*why = strdup(e ? e->message : "no data folder");
		free(path);
		ov_buf_dispose(&data);
		return err;
	}
	if (data.size < 0x7fffffff)
		doc = xmlReadMemory(data.ptr, (int)data.size, path, "UTF-8",
				    XML_PARSE_NONET);
	ov_buf_dispose(&data);
	if (doc && !(page_xsl = xsltParseStylesheetDoc(doc)))
		xmlFreeDoc(doc);
	if (!page_xsl) {
		size_t n = strlen(path) + 32;
		if ((*why = malloc(n)))
			snprintf(*why, n, "%s does not compile", path);
		free(path);
		return OV_EINVALID;
	}
	free(path);
	return OV_OK;
}

void web_templates_free(void)
{
	if (page_xsl)
		xsltFreeStylesheet(page_xsl);
	page_xsl = NULL;
}

xmlNodePtr web_el(xmlNodePtr parent, const char *name, const char *text)
{
	return xmlNewTextChild(parent, NULL, (const xmlChar *)name, (const xmlChar *)text);
}

void web_attr(xmlNodePtr n, const char *name, const char *value)
{
	if (n && value)
		xmlNewProp(n, (const xmlChar *)name, (const xmlChar *)value);
}

void web_attr_int(xmlNodePtr n, const char *name, long long value)
{
	char b[32];

	snprintf(b, sizeof(b), "%lld", value);
	web_attr(n, name, b);
}

int web_page_new(web_page *p, web_req *r, const char *title, const char *section)
{
	memset(p, 0, sizeof(*p));
	if (!(p->doc = xmlNewDoc((const xmlChar *)"1.0")) ||
	    !(p->root = xmlNewNode(NULL, (const xmlChar *)"page"))) {
		xmlFreeDoc(p->doc);
		p->doc = NULL;
		return ov_error_set(OV_ENOMEM, "out of memory");
	}
	xmlDocSetRootElement(p->doc, p->root);
	web_attr(p->root, "title", title);
	web_attr(p->root, "section", section);
	web_attr(p->root, "user", r->user);
	if (*r->csrf)
		web_attr(p->root, "csrf", r->csrf);
	return OV_OK;
}

void web_page_free(web_page *p)
{
	xmlFreeDoc(p->doc);
	p->doc = NULL;
	p->root = NULL;
}

xmlNodePtr web_notice(web_page *p, const char *kind, const char *text)
{
	xmlNodePtr n = web_el(p->root, "notice", text);
	web_attr(n, "kind", kind);
	return n;
}

xmlNodePtr web_notice_error(web_page *p, int code)
{
	const ov_error *e = ov_error_last();
	xmlNodePtr n = web_notice(p, "error", e && e->message ? e->message : ov_error_name(code));

	ov_error_clear();
	return n;
}

int web_page_send(web_req *r, web_page *p, int status)
{
	xmlDocPtr out = NULL;
	xmlChar *html = NULL;
	int len = 0, rc;

	if (page_xsl && (out = xsltApplyStylesheet(page_xsl, p->doc, NULL)))
		xsltSaveResultToString(&html, &len, out, page_xsl);
	xmlFreeDoc(out);
	web_page_free(p);
	if (!html) {
		static const char fail[] = "Sidan kunde inte visas.";
		return web_send(r, 500, "text/plain; charset=utf-8", fail, sizeof(fail) - 1);
	}
	if ((status == 0 || status == 200) && r->cache_key)
		web_cache_put(r->cache_key, r->cache_head, r->csrf, (const char *)html, (size_t)len);
	rc = web_send(r, status ? status : 200, "text/html; charset=utf-8", html, (size_t)len);
	xmlFree(html);
	return rc;
}
