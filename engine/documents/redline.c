/*
 * redline.c - the changes between two versions of an agreement, as a
 * document (see ov_redline in overens/render.h).
 *
 *   version A, version B (a commit, a tag, a version number, or the
 *   version in force on a day: ov_agreement_in_force)
 *       --git, as `show --rev` and `render --version` read them-->
 *   two agreement documents --the agreement's own stylesheet-->
 *   two layouts --compared clause by clause (redline_text.c)-->
 *   <redline> with the parties added and removed, the fields changed
 *   (the workflow's fields, old and new value) and the text
 *       --templates/redline.xsl--> layout --> PDF, HTML or text
 *
 * Comparing what the documents say, rather than the XML they come from,
 * shows the clauses as the parties read and signed them: a field's value
 * where the clause uses it, words of a clause chosen by a condition, the
 * numbering as it came out.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "overens/date.h"
#include "overens/error.h"
#include "overens/query.h"
#include "overens/render.h"
#include "engine/base/xmlsafe.h"
#include "engine/documents/redline.h"
#include "engine/documents/render_int.h"
#include "engine/lifecycle/agreement.h"
#include "store/workspace.h"

/* One of the two versions compared. */
typedef struct rl_side {
	ov_buf xml;
	xmlDocPtr doc;
	xmlDocPtr layout;
	char commit[41];
	long long when;
	char *label;          /* how it was asked for: "2026-0001-v1", "gällande 2027-06-01" */
	char *day;            /* the day of the commit's event (its Date: trailer), or NULL */
	char version[16];     /* its text version */
} rl_side;

static int oom(void)
{
	return ov_error_set(OV_ENOMEM, "out of memory");
}

static void side_dispose(rl_side *s)
{
	ov_buf_dispose(&s->xml);
	xmlFreeDoc(s->doc);
	xmlFreeDoc(s->layout);
	free(s->label);
	free(s->day);
}

/* The day of the event the commit records, from the agreement's log. */
static int side_day(rl_side *s, ov_workspace *ws, const char *id)
{
	ov_log_row *rows = NULL;
	size_t n = 0;
	int err;

	if ((err = ov_agreement_log(&rows, &n, ws, id)) < 0)
		return err;
	for (size_t i = 0; i < n && !s->day; i++)
		if (!strcmp(rows[i].commit, s->commit) && rows[i].date && *rows[i].date &&
		    !(s->day = strdup(rows[i].date)))
			err = oom();
	ov_log_free(rows, n);
	return err;
}

/* A short version number ("2"): render's --version; anything else is a revision. */
static int version_number(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (!n || n > 3 || strspn(s, "0123456789") != n || *s == '0')
		return 0;
	return atoi(s);
}

/* Fetches the version `in` names, with its commit, time and parsed document. */
static int side_fetch(rl_side *s, ov_workspace *ws, const char *id, const ov_redline_side *in)
{
	ov_render_opts o = OV_RENDER_OPTS_INIT;
	ov_in_force f = { .version = 0 };
	ov_buf label = OV_BUF_INIT;
	int err;

	if (in->as_of) {
		if ((err = ov_agreement_in_force(&f, ws, id, in->as_of)) < 0)
			return err;
		o.rev = f.commit;
		err = ov_buf_printf(&label, "gällande %s", in->as_of);
	} else if (in->rev && *in->rev) {
		if (!(o.version = version_number(in->rev)))
			o.rev = in->rev;
		err = ov_buf_puts(&label, in->rev);
	} else {
		return ov_error_set(OV_EINVALID, "give two versions to compare (a commit, a tag "
				    "such as %s-v1, a version number, or --as-of DATE)", id);
	}
	if (err < 0)
		goto done;
	if ((err = ov_render_fetch(&s->xml, &s->when, s->commit, ws, id, &o)) < 0) {
		ov_buf now = OV_BUF_INIT;
		/* No such agreement: that error stands; else the version is named. */
		int exists = err != OV_ENOMEM && ov_agreement_show(&now, ws, id, NULL) >= 0;
		ov_buf_dispose(&now);
		if (exists && !in->as_of)
			err = ov_error_set(err, "agreement %s has no version '%s' (give a commit, a "
					   "tag such as %s-v1, or a version number)", id, in->rev, id);
		goto done;
	}
	if (!*s->commit && o.rev && (err = ov_ws_resolve(s->commit, &s->when, ws, o.rev)) < 0)
		goto done;
	if ((err = ov_xml_parse_memory(&s->doc, s->xml.ptr, s->xml.size, id)) < 0 ||
	    (err = side_day(s, ws, id)) < 0)
		goto done;
	{
		char *v = ov_xml_attr(xmlDocGetRootElement(s->doc), "version");
		snprintf(s->version, sizeof(s->version), "%s", v && strlen(v) < 10 ? v : "1");
		free(v);
	}
	s->label = ov_buf_detach(&label);
done:
	ov_buf_dispose(&label);
	return err;
}

/* The agreement's layout, as `render` makes it for this version. */
static int side_layout(rl_side *s, ov_render_env *e)
{
	char *v = ov_xml_attr(xmlDocGetRootElement(s->doc), "version");
	const char *params[3] = { "version", v ? v : "1", NULL };
	int err = ov_render_layout(&s->layout, e, "agreement", s->doc, params);

	free(v);
	return err;
}

static int set_attr(xmlNodePtr n, const char *name, const char *value)
{
	return xmlSetProp(n, (const xmlChar *)name, (const xmlChar *)(value ? value : "")) ? OV_OK
											 : oom();
}

static int new_child(xmlNodePtr *out, xmlNodePtr parent, const char *name, const char *text)
{
	*out = xmlNewTextChild(parent, NULL, (const xmlChar *)name, (const xmlChar *)text);
	return *out ? OV_OK : oom();
}

/* <from> or <to>: the version, its commit and the commit's day in Sweden. */
static int put_side(xmlNodePtr root, const char *name, const rl_side *s)
{
	char iso[32] = "", *v = ov_xml_attr(xmlDocGetRootElement(s->doc), "version");
	xmlNodePtr n = NULL;
	int err;

	if (s->when > 0) {
		ov_sweden_iso(iso, s->when);
		iso[10] = '\0';
	}
	if ((err = new_child(&n, root, name, NULL)) >= 0 && (err = set_attr(n, "version", v)) >= 0 &&
	    (err = set_attr(n, "commit", s->commit)) >= 0 && (err = set_attr(n, "date", iso)) >= 0 &&
	    (err = set_attr(n, "day", s->day ? s->day : iso)) >= 0)
		err = set_attr(n, "asked", s->label);
	free(v);
	return err;
}

/* 1 when `doc` has a party with the role and organisation number of `p`. */
static int has_party(xmlDocPtr doc, xmlNodePtr p)
{
	xmlNodePtr parties = ov_xml_child(xmlDocGetRootElement(doc), "parties");
	char *role = ov_xml_attr(p, "role"), *orgnr = ov_xml_text(ov_xml_child(p, "orgnr"));
	int found = 0;

	for (xmlNodePtr q = parties ? parties->children : NULL; q && !found && role && orgnr; q = q->next) {
		char *o;
		if (!ov_xml_is(q, "party") || !ov_xml_attr_is(q, "role", role))
			continue;
		o = ov_xml_text(ov_xml_child(q, "orgnr"));
		found = o && !strcmp(o, orgnr);
		free(o);
	}
	free(role);
	free(orgnr);
	return found;
}

/* <party change="added|removed" role name orgnr> for each party of `from` not in `other`. */
static int put_parties(xmlNodePtr parent, xmlDocPtr from, xmlDocPtr other, const char *change)
{
	xmlNodePtr parties = ov_xml_child(xmlDocGetRootElement(from), "parties"), n = NULL;
	int err = OV_OK;

	for (xmlNodePtr p = parties ? parties->children : NULL; p && err >= 0; p = p->next) {
		char *role, *name, *orgnr;
		if (!ov_xml_is(p, "party") || has_party(other, p))
			continue;
		role = ov_xml_attr(p, "role");
		name = ov_xml_text(ov_xml_child(p, "name"));
		orgnr = ov_xml_text(ov_xml_child(p, "orgnr"));
		if ((err = new_child(&n, parent, "party", NULL)) >= 0 &&
		    (err = set_attr(n, "change", change)) >= 0 && (err = set_attr(n, "role", role)) >= 0 &&
		    (err = set_attr(n, "name", name)) >= 0)
			err = set_attr(n, "orgnr", orgnr);
		free(role);
		free(name);
		free(orgnr);
	}
	return err;
}

/* 1 when line `item` (len bytes) is one of the lines of `list`. */
static int has_line(const char *list, const char *item, size_t len)
{
	for (const char *p = list; p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
		size_t n = strchr(p, '\n') ? (size_t)(strchr(p, '\n') - p) : strlen(p);
		if (n == len && !memcmp(p, item, len))
			return 1;
	}
	return 0;
}

/*
 * A list field's value as <item> elements, kept="yes" on those the other
 * version has too: a reordered list is the same items, none taken out.
 */
static int put_list(xmlNodePtr parent, const char *name, const char *value, const char *other)
{
	xmlNodePtr box = NULL, it = NULL;
	int err;

	if ((err = new_child(&box, parent, name, NULL)) < 0)
		return err;
	for (const char *p = value; *p && err >= 0;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char *item = strndup(p, n);
		if (!item)
			return oom();
		if ((err = new_child(&it, box, "item", item)) >= 0 && has_line(other, p, n))
			err = set_attr(it, "kept", "yes");
		free(item);
		p += n + (nl ? 1 : 0);
	}
	return err;
}

/* <field name label><old/><new/></field> for each field of the new version's workflow that differs. */
static int put_fields(xmlNodePtr parent, ov_render_env *e, xmlDocPtr a, xmlDocPtr b)
{
	ov_workflow *wf = NULL;
	int err;

	if ((err = ov_workflow_load_for(&wf, &e->txn, b)) < 0)
		return err;
	for (size_t i = 0; i < wf->nfields && err >= 0; i++) {
		const ov_wf_field *f = &wf->fields[i];
		char *va = NULL, *vb = NULL;
		xmlNodePtr n = NULL, c = NULL;
		if ((err = ov_agreement_field_get(&va, a, f)) >= 0 &&
		    (err = ov_agreement_field_get(&vb, b, f)) >= 0 && strcmp(va, vb) &&
		    (err = new_child(&n, parent, "field", NULL)) >= 0 &&
		    (err = set_attr(n, "name", f->name)) >= 0 &&
		    (err = set_attr(n, "label", f->label ? f->label : f->name)) >= 0) {
			if (ov_field_is_list(f) && (err = set_attr(n, "list", "yes")) >= 0 &&
			    (err = put_list(n, "old", va, vb)) >= 0)
				err = put_list(n, "new", vb, va);
			else if (!ov_field_is_list(f) && (err = new_child(&c, n, "old", va)) >= 0)
				err = new_child(&c, n, "new", vb);
		}
		free(va);
		free(vb);
	}
	ov_workflow_free(wf);
	return err;
}

/* The <redline> document of two fetched and laid-out versions. */
static int build(xmlDocPtr *out, ov_render_env *e, const char *id, rl_side *a, rl_side *b)
{
	xmlNodePtr root, ag = xmlDocGetRootElement(b->doc), n = NULL;
	char *kind = ov_xml_text(ov_xml_child(ag, "kind")), *title = ov_xml_text(ov_xml_child(ag, "title"));
	rl_ctx x = { e->ws };
	int err, changed = 0;

	*out = xmlNewDoc((const xmlChar *)"1.0");
	if (!*out || !(root = xmlNewDocNode(*out, NULL, (const xmlChar *)"redline", NULL))) {
		err = oom();
		goto done;
	}
	xmlDocSetRootElement(*out, root);
	if ((err = set_attr(root, "id", id)) < 0 || (err = set_attr(root, "kind", kind)) < 0 ||
	    (err = set_attr(root, "title", title)) < 0 || (err = put_side(root, "from", a)) < 0 ||
	    (err = put_side(root, "to", b)) < 0 || (err = new_child(&n, root, "parties", NULL)) < 0 ||
	    (err = put_parties(n, b->doc, a->doc, "added")) < 0 ||
	    (err = put_parties(n, a->doc, b->doc, "removed")) < 0 ||
	    (err = new_child(&n, root, "fields", NULL)) < 0 ||
	    (err = put_fields(n, e, a->doc, b->doc)) < 0 || (err = new_child(&n, root, "text", NULL)) < 0 ||
	    (err = rl_text_diff(&changed, n, &x, a->layout, b->layout)) < 0)
		goto done;
	err = set_attr(n, "changed", changed ? "yes" : "no");
done:
	free(kind);
	free(title);
	return err;
}

int ov_redline(ov_buf *out, ov_workspace *ws, const char *id, const ov_redline_side *from,
	       const ov_redline_side *to, const char *format)
{
	rl_side a, b;
	render_src src = { NULL, NULL, 0, NULL, 0, NULL, NULL, NULL, 0 };
	xmlDocPtr rdoc = NULL, layout = NULL;
	ov_buf name = OV_BUF_INIT;
	char *xml = NULL;
	size_t xml_len = 0;
	ov_render_env env;
	int err;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	ov_xml_init();
	ov_render_env_init(&env, ws, 0);
	if (!format || (strcmp(format, "pdf") && strcmp(format, "html") && strcmp(format, "txt"))) {
		err = ov_error_set(OV_EINVALID, "unknown format '%s' (pdf, html, txt)",
				   format ? format : "");
		goto done;
	}
	if (!id || !*id) {
		err = ov_error_set(OV_EINVALID, "which agreement? give its ID");
		goto done;
	}
	if ((err = side_fetch(&a, ws, id, from)) < 0 || (err = side_fetch(&b, ws, id, to)) < 0 ||
	    (err = side_layout(&a, &env)) < 0 || (err = side_layout(&b, &env)) < 0 ||
	    (err = build(&rdoc, &env, id, &a, &b)) < 0 ||
	    (err = ov_render_layout(&layout, &env, "redline", rdoc, NULL)) < 0)
		goto done;
	/* The PDF is dated by the newer version's commit, so it renders to the same bytes. */
	src.when = a.when > b.when ? a.when : b.when;
	if ((err = ov_render_source_date(&src.when)) < 0)
		goto done;
	/* The PDF carries the comparison it shows, as PDF/A-3 wants a source. */
	if ((err = ov_xml_serialize(&xml, &xml_len, rdoc)) < 0 ||
	    (err = ov_buf_printf(&name, "andringar-%s-v%s-v%s.xml", id, a.version, b.version)) < 0)
		goto done;
	src.id = id;
	src.doc = rdoc;
	src.xml = xml;
	src.xml_len = xml_len;
	src.xml_name = name.ptr;
	err = ov_render_output(out, &env, format, layout, &src);
done:
	free(xml);
	ov_buf_dispose(&name);
	xmlFreeDoc(layout);
	xmlFreeDoc(rdoc);
	side_dispose(&a);
	side_dispose(&b);
	ov_render_env_dispose(&env);
	return err;
}
