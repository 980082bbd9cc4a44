/*
 * references.c - statutory references with validity dates
 * (templates/references.xml): loading, checking, and the citation in force
 * on a date.  See clauses.h.
 */
#include <stdlib.h>
#include <string.h>

#include "overens/buf.h"
#include "overens/date.h"
#include "overens/error.h"
#include "engine/base/xmlsafe.h"
#include "engine/documents/clauses.h"

static xmlNodePtr find_reference(xmlDocPtr refs, const char *id)
{
	xmlNodePtr r;

	for (r = xmlDocGetRootElement(refs)->children; r; r = r->next)
		if (ov_xml_is(r, "reference") && ov_xml_attr_is(r, "id", id))
			return r;
	return NULL;
}

/* A version's from and to (to absent: 9999-12-31); OV_EINVALID for a bad date. */
static int version_span(ov_date *from, ov_date *to, xmlNodePtr v)
{
	char *f = ov_xml_attr(v, "from"), *t = ov_xml_attr(v, "to");
	int err = OV_OK;

	to->y = 9999;
	to->m = 12;
	to->d = 31;
	if (!f)
		err = ov_error_set(OV_EINVALID, "version without a from date");
	else if ((err = ov_date_parse(from, f)) >= 0 && t)
		err = ov_date_parse(to, t);
	free(f);
	free(t);
	return err;
}

/* Checks one reference's versions against each other. */
static int check_versions(xmlNodePtr ref, const char *id, const char *name)
{
	xmlNodePtr a, b;
	ov_date af, at, bf, bt;

	for (a = ref->children; a; a = a->next) {
		if (!ov_xml_is(a, "version"))
			continue;
		if (version_span(&af, &at, a) < 0)
			return ov_error_prefix("%s:%ld: reference %s", name, xmlGetLineNo(a), id);
		if (ov_date_cmp(af, at) > 0)
			return ov_error_set(OV_EINVALID, "%s:%ld: reference %s: a version ends before it begins",
					    name, xmlGetLineNo(a), id);
		for (b = ref->children; b != a; b = b->next) {
			if (!ov_xml_is(b, "version"))
				continue;
			if (version_span(&bf, &bt, b) < 0)
				return ov_error_prefix("%s:%ld: reference %s", name, xmlGetLineNo(b), id);
			if (ov_date_cmp(af, bt) <= 0 && ov_date_cmp(bf, at) <= 0)
				return ov_error_set(OV_EINVALID, "%s:%ld: reference %s: versions on lines %ld and %ld are in force on the same day",
						    name, xmlGetLineNo(a), id, xmlGetLineNo(b), xmlGetLineNo(a));
		}
	}
	return OV_OK;
}

int ov_references_check(xmlDocPtr refs, const char *name)
{
	xmlNodePtr r, s;
	int err = OV_OK;

	for (r = xmlDocGetRootElement(refs)->children; r && !err; r = r->next) {
		char *id;
		if (!ov_xml_is(r, "reference"))
			continue;
		if (!(id = ov_xml_attr(r, "id")))
			return ov_error_set(OV_EINVALID, "%s:%ld: reference without an id",
					    name, xmlGetLineNo(r));
		for (s = xmlDocGetRootElement(refs)->children; s != r && !err; s = s->next)
			if (ov_xml_is(s, "reference") && ov_xml_attr_is(s, "id", id))
				err = ov_error_set(OV_EINVALID, "%s:%ld: reference %s is already defined on line %ld",
						   name, xmlGetLineNo(r), id, xmlGetLineNo(s));
		if (!err)
			err = check_versions(r, id, name);
		free(id);
	}
	return err;
}

int ov_references_load(xmlDocPtr *out, const char *templates_dir, const ov_rng_memo *memo)
{
	ov_buf path = OV_BUF_INIT, rng = OV_BUF_INIT;
	xmlDocPtr doc = NULL;
	int err;

	*out = NULL;
	if (ov_buf_printf(&path, "%s/references.xml", templates_dir) < 0 ||
	    ov_buf_printf(&rng, "%s/references.rng", templates_dir) < 0) {
		err = ov_error_set(OV_ENOMEM, "out of memory");
		goto done;
	}
	if ((err = ov_xml_load_valid(&doc, path.ptr, rng.ptr, memo)) < 0 ||
	    (err = ov_references_check(doc, path.ptr)) < 0)
		goto done;
	*out = doc;
	doc = NULL;
done:
	xmlFreeDoc(doc);
	ov_buf_dispose(&path);
	ov_buf_dispose(&rng);
	return err;
}

/* The version of `ref` in force on `date`, or NULL. */
static xmlNodePtr version_on(xmlNodePtr ref, ov_date date)
{
	xmlNodePtr v;
	ov_date from, to;

	for (v = ref->children; v; v = v->next) {
		if (!ov_xml_is(v, "version") || version_span(&from, &to, v) < 0)
			continue;
		if (ov_date_cmp(from, date) <= 0 && ov_date_cmp(date, to) <= 0)
			return v;
	}
	return NULL;
}

/* "act (SFS)", "lagen (SFS) om …", "act (EU) n", or the act alone. */
static void put_act(ov_buf *b, const char *act, const char *sfs, const char *eu)
{
	static const char *const generic[] = { "lagen ", "förordningen " };
	size_t i, n;

	if (sfs) {
		for (i = 0; i < sizeof(generic) / sizeof(generic[0]); i++) {
			n = strlen(generic[i]);
			if (!strncmp(act, generic[i], n)) {
				ov_buf_printf(b, "%.*s(%s) %s", (int)n, act, sfs, act + n);
				return;
			}
		}
		ov_buf_printf(b, "%s (%s)", act, sfs);
	} else if (eu)
		ov_buf_printf(b, "%s %s", act, eu);
	else
		ov_buf_puts(b, act);
}

static char *format_citation(xmlNodePtr v)
{
	char *chapter = ov_xml_attr(v, "chapter"), *section = ov_xml_attr(v, "section");
	char *point = ov_xml_attr(v, "point"), *act = ov_xml_attr(v, "act");
	char *sfs = ov_xml_attr(v, "sfs"), *eu = ov_xml_attr(v, "eu");
	ov_buf b = OV_BUF_INIT;
	char *out = NULL;

	if (chapter)
		ov_buf_printf(&b, "%s kap. ", chapter);
	if (section)
		ov_buf_printf(&b, "%s § ", section);
	if (point)
		ov_buf_printf(&b, "%s ", point);
	put_act(&b, act ? act : "", sfs, eu);
	if (b.ptr)
		out = ov_buf_detach(&b);
	ov_buf_dispose(&b);
	free(chapter);
	free(section);
	free(point);
	free(act);
	free(sfs);
	free(eu);
	return out;
}

int ov_clauses_citation(char **out, xmlDocPtr refs, const char *id,
			const char *date)
{
	xmlNodePtr ref, v;
	ov_date d;
	int err;

	*out = NULL;
	if ((err = ov_date_parse(&d, date)) < 0)
		return err;
	if (!(ref = find_reference(refs, id)))
		return ov_error_set(OV_ENOTFOUND, "reference %s is not in the references file", id);
	if (!(v = version_on(ref, d)))
		return ov_error_set(OV_EINVALID, "reference %s: no version is in force on %s", id, date);
	if (!(*out = format_citation(v)))
		return ov_error_set(OV_ENOMEM, "out of memory");
	return OV_OK;
}
