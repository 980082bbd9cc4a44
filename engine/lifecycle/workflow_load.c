/*
 * workflow_load.c - the workflow an agreement follows, read inside a
 * transaction: the copy in the repository (so an agreement keeps the
 * rules it was made under), else the installed one (workflows/ under the
 * data folder), which a new agreement then adds to its commit.  The
 * agreement's subject (workflows/subjects/<id>.xml) is read the same way
 * and merged into the definition before it is parsed (subject.c); parsing
 * and checking the definition is workflow.c's.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "overens/error.h"
#include "engine/lifecycle/engine.h"
#include "engine/lifecycle/workflow.h"
#include "engine/base/xmlsafe.h"
#include "overens/query.h"
#include "store/workspace.h"

/* A definition file read from the repository or the data folder. */
typedef struct def_file {
	ov_buf path;   /* its place in the repository, e.g. workflows/x.xml */
	ov_buf data;
	char *file;    /* the installed file, when not in the repository */
	xmlDocPtr doc; /* parsed and checked against its schema */
} def_file;

static void def_dispose(def_file *d)
{
	ov_buf_dispose(&d->path);
	ov_buf_dispose(&d->data);
	free(d->file);
	xmlFreeDoc(d->doc);
	memset(d, 0, sizeof(*d));
}

/*
 * Definitions already read and checked (ov_workflow_load_cached): each by
 * its place and its exact bytes, so a definition that differs in one
 * agreement's history is read on its own.  The documents are kept
 * pristine; each use gets a copy, which the merge and expansion change.
 */
typedef struct cached_def {
	char *path;
	ov_buf data;
	xmlDocPtr doc;
} cached_def;

/*
 * A workflow built from cached definitions for agreements with the same
 * party roles (its only dependence on the agreement, see
 * ov_workflow_expand_parties), kept whole: building it again for each
 * agreement of a batch cost a twelfth of a render.
 */
typedef struct cached_wf {
	size_t wf_def, subj_def;  /* its definitions in v; subj_def SIZE_MAX: none */
	char *roles;              /* ov_agreement_roles_key */
	ov_workflow *wf;
} cached_wf;

struct ov_workflow_cache {
	cached_def *v;
	size_t n;
	cached_wf *built;
	size_t nbuilt;
};

void ov_workflow_cache_free(ov_workflow_cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].path);
		ov_buf_dispose(&c->v[i].data);
		xmlFreeDoc(c->v[i].doc);
	}
	for (size_t i = 0; i < c->nbuilt; i++) {
		free(c->built[i].roles);
		ov_workflow_free(c->built[i].wf);
	}
	free(c->v);
	free(c->built);
	free(c);
}

static const cached_def *cache_find(const ov_workflow_cache *c, const char *path,
				    const ov_buf *data)
{
	for (size_t i = 0; c && i < c->n; i++)
		if (!strcmp(c->v[i].path, path) && c->v[i].data.size == data->size &&
		    !memcmp(c->v[i].data.ptr, data->ptr, data->size))
			return &c->v[i];
	return NULL;
}

/* Keeps a copy of a definition just checked; out of memory only loses the copy. */
static void cache_add(ov_workflow_cache *c, const char *path, const ov_buf *data, xmlDocPtr doc)
{
	cached_def *v, *e;

	if (!c || !(v = realloc(c->v, (c->n + 1) * sizeof(*v))))
		return;
	c->v = v;
	e = &c->v[c->n];
	memset(e, 0, sizeof(*e));
	if (!(e->path = strdup(path)) || ov_buf_put(&e->data, data->ptr, data->size) < 0 ||
	    !(e->doc = xmlCopyDoc(doc, 1))) {
		free(e->path);
		ov_buf_dispose(&e->data);
		ov_error_clear();
		return;
	}
	c->n++;
}

static const char *def_name(const def_file *d)
{
	return d->file ? d->file : d->path.ptr;
}

static int check_name(const char *id, int subject)
{
	const char *p;

	for (p = id; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
			return subject ? ov_error_set(OV_EINVALID, "'%s' is not a subject's name", id)
				       : ov_error_set(OV_EINVALID, "'%s' is not a workflow name", id);
	if (!*id)
		return subject ? ov_error_set(OV_EINVALID, "empty subject name")
			       : ov_error_set(OV_EINVALID, "empty workflow name");
	return OV_OK;
}

/*
 * A RelaxNG validation costs more than the rest of a `status`, and the
 * definitions seldom change: a file that passed is remembered in the index
 * (ov_rng_validate_memo).  OVERENS_FAULT=definition-validated stops the
 * process where a validation starts, for the tests.
 */
static int memo_known(int *known, void *ctx, const ov_rng_memo_entry *m)
{
	const ov_ws_valid_entry e = { m->key, m->schema_key, m->doc, m->doc_len, m->schema,
				      m->schema_len };

	return ov_ws_valid_known(known, ctx, &e);
}

static int memo_note(void *ctx, const ov_rng_memo_entry *m)
{
	const ov_ws_valid_entry e = { m->key, m->schema_key, m->doc, m->doc_len, m->schema,
				      m->schema_len };

	return ov_ws_note_valid(ctx, &e);
}

static void memo_validating(void *ctx)
{
	(void)ctx;
	ov_fault_point("definition-validated");
}

ov_rng_memo ov_ws_rng_memo(ov_workspace *ws)
{
	ov_rng_memo m = { memo_known, memo_note, memo_validating, ws };

	return m;
}

static int def_validate(def_file *d, ov_txn *txn, const char *schema)
{
	const ov_rng_memo memo = ov_ws_rng_memo(txn->ws);

	return ov_rng_validate_memo(d->doc, d->data.ptr, d->data.size, schema, def_name(d),
				    &memo);
}

/*
 * Reads workflows/<id>.xml, or with `subject` workflows/subjects/<id>.xml,
 * and checks it against its schema (data folder).
 */
static int def_bytes(def_file *d, ov_txn *txn, const char *id, int subject)
{
	int err;

	if ((err = check_name(id, subject)) < 0)
		return err;
	if ((err = ov_buf_printf(&d->path, "workflows/%s%s.xml", subject ? "subjects/" : "",
				 id)) < 0)
		return err;
	err = ov_txn_read(&d->data, txn, d->path.ptr);
	if (err == OV_ENOTFOUND) {
		ov_error_clear();
		d->file = ov_workspace_data_path(txn->ws, d->path.ptr);
		err = ov_buf_read_file(&d->data, d->file);
		if (err == OV_ENOTFOUND && !subject)
			err = ov_error_set(OV_ENOTFOUND, "no workflow '%s' (looked for %s)", id, d->file);
	}
	return err;
}

static int def_read(def_file *d, ov_txn *txn, const char *id, int subject,
		    ov_workflow_cache *cache)
{
	const char *rng = subject ? "workflows/subject.rng" : "workflows/workflow.rng";
	const cached_def *hit;
	char *schema;
	int err;

	if ((err = def_bytes(d, txn, id, subject)) < 0)
		return err;
	if ((hit = cache_find(cache, d->path.ptr, &d->data)))
		return (d->doc = xmlCopyDoc(hit->doc, 1)) ? OV_OK
			: ov_error_set(OV_ENOMEM, "out of memory");
	if ((err = ov_xml_parse_memory(&d->doc, d->data.ptr, d->data.size, def_name(d))) < 0)
		return err;
	schema = ov_workspace_data_path(txn->ws, rng);
	err = def_validate(d, txn, schema);
	free(schema);
	if (err >= 0) {
		char *root_id = ov_xml_attr(xmlDocGetRootElement(d->doc), "id");
		if (!root_id || strcmp(root_id, id))
			err = ov_error_set(OV_EINVALID, "%s: its id '%s' is not its file's name '%s'",
					   def_name(d), root_id ? root_id : "", id);
		free(root_id);
	}
	if (err >= 0)
		cache_add(cache, d->path.ptr, &d->data, d->doc);
	return err;
}

/* The installed subjects' ids, for the message about an unknown one. */
static int unknown_subject(ov_txn *txn, const char *id)
{
	ov_subject_info *s = NULL;
	size_t n = 0;
	ov_buf ids = OV_BUF_INIT;
	int err;

	ov_error_clear();
	if (ov_subject_list(&s, &n, txn->ws) < 0)
		ov_error_clear();
	for (size_t i = 0; i < n; i++)
		ov_buf_printf(&ids, "%s%s", i ? ", " : "", s[i].id);
	err = ov_error_set(OV_ENOTFOUND, "no subject '%s' (installed: %s)", id,
			   ids.ptr ? ids.ptr : "none");
	ov_buf_dispose(&ids);
	ov_subject_list_free(s, n);
	return err;
}

/* The workflow's default subject (<subjects default="…"/>), or NULL. */
static char *default_subject(xmlDocPtr wf)
{
	return ov_xml_attr(ov_xml_child(xmlDocGetRootElement(wf), "subjects"), "default");
}

static int add_copies(ov_txn *txn, const def_file *wf, const def_file *subj)
{
	int err = OV_OK;

	if (wf->file)
		err = ov_txn_write(txn, wf->path.ptr, wf->data.ptr, wf->data.size);
	if (err >= 0 && subj->file)
		err = ov_txn_write(txn, subj->path.ptr, subj->data.ptr, subj->data.size);
	return err;
}

/* Merges the subject into the workflow's DOM and builds the ov_workflow. */
static int build(ov_workflow **out, def_file *wf, def_file *subj, const char *sid,
		 xmlDocPtr agreement)
{
	int err;

	if (subj->doc && (err = ov_subject_merge(wf->doc, subj->doc, def_name(subj))) < 0)
		return err;
	if ((err = ov_workflow_expand_parties(wf->doc, agreement)) < 0)
		return err;
	err = ov_workflow_from_doc(out, wf->doc, def_name(wf));
	wf->doc = NULL;
	if (err < 0 || !sid)
		return err;
	if (!((*out)->subject_id = strdup(sid)))
		return ov_error_set(OV_ENOMEM, "out of memory");
	(*out)->subject_doc = subj->doc;
	subj->doc = NULL;
	return OV_OK;
}

static int load_subject(ov_workflow **out, ov_txn *txn, const char *id, const char *subject,
			xmlDocPtr agreement, int add_if_missing, ov_workflow_cache *cache)
{
	def_file wf = { 0 }, subj = { 0 };
	char *dflt = NULL;
	const char *sid = subject;
	int err;

	*out = NULL;
	if ((err = def_read(&wf, txn, id, 0, cache)) < 0)
		goto done;
	if (!sid || !*sid)
		sid = dflt = default_subject(wf.doc);
	if (sid && (err = def_read(&subj, txn, sid, 1, cache)) == OV_ENOTFOUND && !subj.doc)
		err = unknown_subject(txn, sid);
	if (err < 0 || (err = build(out, &wf, &subj, sid, agreement)) < 0)
		goto done;
	if (add_if_missing)
		err = add_copies(txn, &wf, &subj);
done:
	free(dflt);
	def_dispose(&wf);
	def_dispose(&subj);
	if (err < 0) {
		ov_workflow_free(*out);
		*out = NULL;
	}
	return err;
}

int ov_workflow_load_subject(ov_workflow **out, ov_txn *txn, const char *id,
			     const char *subject, xmlDocPtr agreement, int add_if_missing)
{
	return load_subject(out, txn, id, subject, agreement, add_if_missing, NULL);
}

int ov_workflow_load(ov_workflow **out, ov_txn *txn, const char *id, int add_if_missing)
{
	return ov_workflow_load_subject(out, txn, id, NULL, NULL, add_if_missing);
}

/* The index in c->v of the definition `id` as `txn` reads it, or SIZE_MAX. */
static size_t def_index(ov_workflow_cache *c, ov_txn *txn, const char *id, int subject)
{
	def_file d = { 0 };
	const cached_def *hit = NULL;

	if (def_bytes(&d, txn, id, subject) >= 0)
		hit = cache_find(c, d.path.ptr, &d.data);
	ov_error_clear();
	def_dispose(&d);
	return hit ? (size_t)(hit - c->v) : SIZE_MAX;
}

/*
 * The cached workflow built from the definitions `wfid` and `sid` (NULL or
 * "": the workflow's default subject) as `txn` reads them, for the party
 * roles `roles`: its entry, or NULL.  *wf_def and *subj_def get the
 * definitions' indexes (SIZE_MAX when not cached).
 */
static cached_wf *built_find(size_t *wf_def, size_t *subj_def, ov_workflow_cache *c,
			     ov_txn *txn, const char *wfid, const char *sid, const char *roles)
{
	char *dflt = NULL;

	*subj_def = SIZE_MAX;
	if ((*wf_def = def_index(c, txn, wfid, 0)) == SIZE_MAX)
		return NULL;
	if (!sid || !*sid)
		sid = dflt = default_subject(c->v[*wf_def].doc);
	if (sid)
		*subj_def = def_index(c, txn, sid, 1);
	free(dflt);
	if (sid && *subj_def == SIZE_MAX)
		return NULL;
	for (size_t i = 0; i < c->nbuilt; i++)
		if (c->built[i].wf_def == *wf_def && c->built[i].subj_def == *subj_def &&
		    !strcmp(c->built[i].roles, roles))
			return &c->built[i];
	return NULL;
}

/* Keeps `wf` (built for `roles` from those definitions) in the cache, which owns it then. */
static int built_add(ov_workflow_cache *c, size_t wf_def, size_t subj_def, const char *roles,
		     ov_workflow *wf)
{
	cached_wf *v;

	if (!(v = realloc(c->built, (c->nbuilt + 1) * sizeof(*v))))
		return ov_error_set(OV_ENOMEM, "out of memory");
	c->built = v;
	v = &c->built[c->nbuilt];
	if (!(v->roles = strdup(roles)))
		return ov_error_set(OV_ENOMEM, "out of memory");
	v->wf_def = wf_def;
	v->subj_def = subj_def;
	v->wf = wf;
	c->nbuilt++;
	return OV_OK;
}

/* load_subject through the cache: the workflow returned is the cache's. */
static int load_shared(ov_workflow **out, ov_txn *txn, const char *wfid, const char *sid,
		       xmlDocPtr agreement, ov_workflow_cache *c)
{
	ov_buf roles = OV_BUF_INIT;
	const cached_wf *hit;
	size_t wf_def, subj_def;
	int err;

	*out = NULL;
	if ((err = ov_agreement_roles_key(&roles, agreement)) < 0 ||
	    (err = ov_buf_putc(&roles, '\0')) < 0)
		goto done;
	if ((hit = built_find(&wf_def, &subj_def, c, txn, wfid, sid, roles.ptr))) {
		*out = hit->wf;
		goto done;
	}
	/* built and checked as without a cache; then both definitions are in it */
	if ((err = load_subject(out, txn, wfid, sid, agreement, 0, c)) < 0)
		goto done;
	if (built_find(&wf_def, &subj_def, c, txn, wfid, sid, roles.ptr) ||
	    wf_def == SIZE_MAX || (((*out)->subject_id != NULL) != (subj_def != SIZE_MAX)))
		err = ov_error_set(OV_ENOMEM, "out of memory (caching the workflow)");
	else
		err = built_add(c, wf_def, subj_def, roles.ptr, *out);
	if (err < 0) {
		ov_workflow_free(*out);
		*out = NULL;
	}
done:
	ov_buf_dispose(&roles);
	return err;
}

int ov_workflow_load_cached(ov_workflow **out, ov_txn *txn, xmlDocPtr agreement,
			    ov_workflow_cache **cache)
{
	xmlNodePtr root = xmlDocGetRootElement(agreement);
	char *wfid = ov_xml_attr(root, "workflow");
	xmlNodePtr s = ov_xml_child(root, "subject");
	char *sid = s ? ov_xml_text(s) : NULL;
	int err;

	if (cache && !*cache && !(*cache = calloc(1, sizeof(**cache))))
		err = ov_error_set(OV_ENOMEM, "out of memory");
	else if (cache)
		err = load_shared(out, txn, wfid ? wfid : "", sid, agreement, *cache);
	else
		err = load_subject(out, txn, wfid ? wfid : "", sid, agreement, 0, NULL);
	free(wfid);
	free(sid);
	return err;
}

int ov_workflow_load_for(ov_workflow **out, ov_txn *txn, xmlDocPtr agreement)
{
	return ov_workflow_load_cached(out, txn, agreement, NULL);
}

static int by_id(const void *a, const void *b)
{
	return strcmp(((const ov_subject_info *)a)->id, ((const ov_subject_info *)b)->id);
}

/* Reads one installed subject's id, label and description. */
static int subject_info(ov_subject_info *s, const char *dir, const char *file)
{
	ov_buf path = OV_BUF_INIT;
	xmlDocPtr doc = NULL;
	int err;

	ov_buf_printf(&path, "%s/%s", dir, file);
	if ((err = ov_xml_parse_file(&doc, path.ptr)) >= 0) {
		xmlNodePtr root = xmlDocGetRootElement(doc);
		xmlNodePtr l = ov_xml_child(root, "label"), d = ov_xml_child(root, "description");
		s->id = strndup(file, strlen(file) - 4);
		s->label = l ? ov_xml_text(l) : strdup("");
		s->description = d ? ov_xml_text(d) : strdup("");
		if (!s->id || !s->label || !s->description)
			err = ov_error_set(OV_ENOMEM, "out of memory");
	}
	xmlFreeDoc(doc);
	ov_buf_dispose(&path);
	return err;
}

int ov_subject_list(ov_subject_info **out, size_t *n, ov_workspace *ws)
{
	char *dir = ov_workspace_data_path(ws, "workflows/subjects");
	DIR *d = dir ? opendir(dir) : NULL;
	struct dirent *e;
	ov_subject_info *s = NULL;
	size_t cnt = 0, cap = 0;
	int err = OV_OK;

	*out = NULL;
	*n = 0;
	if (!d) {
		err = ov_error_set(OV_ENOTFOUND, "no subjects folder %s", dir ? dir : "");
		free(dir);
		return err;
	}
	while (err >= 0 && (e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		if (len <= 4 || strcmp(e->d_name + len - 4, ".xml") || e->d_name[0] == '.')
			continue;
		if (cnt == cap) {
			ov_subject_info *g = realloc(s, (cap = cap ? cap * 2 : 4) * sizeof(*g));
			if (!g) {
				err = ov_error_set(OV_ENOMEM, "out of memory");
				break;
			}
			s = g;
		}
		memset(&s[cnt], 0, sizeof(*s));
		err = subject_info(&s[cnt++], dir, e->d_name);
	}
	closedir(d);
	free(dir);
	if (err < 0) {
		ov_subject_list_free(s, cnt);
		return err;
	}
	if (cnt)
		qsort(s, cnt, sizeof(*s), by_id);
	*out = s;
	*n = cnt;
	return OV_OK;
}

void ov_subject_list_free(ov_subject_info *s, size_t n)
{
	for (size_t i = 0; s && i < n; i++) {
		free(s[i].id);
		free(s[i].label);
		free(s[i].description);
	}
	free(s);
}
