/*
 * render_all.c - one document of many agreements in one go (see
 * ov_render_all in overens/render.h): `overens render --all -o DIR`.
 *
 *   select (the index: party, phase) --> for each agreement, at one head:
 *       read agreement.xml and its last event --> ov_render_doc --> DIR/<id>-<doc>.<fmt>
 *                                                 (temporary file, rename)
 *
 * What does not change between agreements lives in one ov_render_env
 * (render.c): the compiled stylesheet, the clause library and references,
 * the workflow definitions and the settings; the layout schema is cached
 * by xmlsafe.c.  Each agreement is rendered by the same code as a single
 * `overens render ID`, so the bytes are the same.  An agreement that fails
 * is reported with its id and the others are still done.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "overens/error.h"
#include "engine/base/xmlsafe.h"
#include "engine/documents/render_int.h"
#include "store/workspace.h"

int ov_render_select(ov_list_row **rows, size_t *n, size_t *selected, ov_workspace *ws,
		     const ov_render_opts *o)
{
	int err;

	*selected = 0;
	if ((err = ov_agreement_list_for(rows, n, ws, o->orgnr, NULL, 0, 0, NULL)) < 0)
		return err;
	for (size_t i = 0; i < *n; i++)
		*selected += ov_render_selected(&(*rows)[i], o);
	return OV_OK;
}

int ov_render_selected(const ov_list_row *row, const ov_render_opts *o)
{
	return !o->phase || (row->phase && !strcmp(row->phase, o->phase));
}

/* The folder `dir`, made when missing; it must be a folder. */
static int make_dir(const char *dir)
{
	struct stat st;

	if (!dir || !*dir)
		return ov_error_set(OV_EINVALID, "give the folder to write the documents to");
	if (mkdir(dir, 0777) < 0 && errno != EEXIST)
		return ov_error_set(errno == ENOENT ? OV_ENOTFOUND : OV_ERROR,
				    "cannot make folder %s: %s", dir, strerror(errno));
	if (stat(dir, &st) < 0)
		return ov_error_set(OV_ERROR, "%s: %s", dir, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return ov_error_set(OV_EINVALID, "%s is not a folder", dir);
	return OV_OK;
}

/* The last event of an agreement: the commit its text comes from, and when. */
typedef struct last_event {
	char commit[41];
	long long when;
} last_event;

static int last_cb(const ov_ws_event *ev, void *payload)
{
	last_event *l = payload;

	snprintf(l->commit, sizeof(l->commit), "%s", ev->commit ? ev->commit : "");
	l->when = ev->when;
	return 0;
}

/*
 * The file for agreement `id`: <dir>/<id>-<doc>.<format>.  The id is a
 * name of letters, digits and dashes, so the file stays inside `dir`.
 */
static int file_path(ov_buf *path, const char *dir, const char *id, const ov_render_opts *o)
{
	if (!*id || strspn(id, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-")
			   != strlen(id))
		return ov_error_set(OV_EINVALID, "'%s' is not an agreement id", id);
	ov_buf_clear(path);
	return ov_buf_printf(path, "%s/%s-%s.%s", dir, id, o->doc, o->format);
}

/* What one agreement needs, reused from one to the next. */
typedef struct batch {
	ov_render_env env;
	const ov_render_opts *o;
	const char *sheet, *dir;
	long long epoch;       /* SOURCE_DATE_EPOCH */
	int has_epoch;
	ov_buf path, xml, out, gitpath;
} batch;

/* Renders agreement `id` as it is at the environment's head and writes its file. */
static int render_one(batch *b, const char *id)
{
	render_src src = { id, NULL, 0, NULL, 0, NULL, NULL, NULL, 0 };
	last_event last = { "", 0 };
	int err;

	ov_buf_clear(&b->xml);
	ov_buf_clear(&b->out);
	ov_buf_clear(&b->gitpath);
	if ((err = file_path(&b->path, b->dir, id, b->o)) < 0 ||
	    (err = ov_agreement_path(&b->gitpath, id, "agreement.xml")) < 0)
		return err;
	if ((err = ov_txn_read(&b->xml, &b->env.txn, b->gitpath.ptr)) == OV_ENOTFOUND)
		return ov_error_set(OV_ENOTFOUND, "no agreement %s in this workspace", id);
	if (err < 0 || (err = ov_ws_events(b->env.ws, id, last_cb, &last)) < 0 ||
	    (err = ov_xml_parse_memory(&src.doc, b->xml.ptr, b->xml.size, id)) < 0)
		return err;
	src.xml = b->xml.ptr;
	src.xml_len = b->xml.size;
	src.when = b->has_epoch ? b->epoch : last.when;
	src.commit = last.commit;
	if ((err = ov_render_doc(&b->out, &b->env, b->o, b->sheet, &src)) >= 0)
		err = ov_write_file_atomic(b->path.ptr, b->out.ptr, b->out.size);
	xmlFreeDoc(src.doc);
	return err;
}

/* What ov_render_all refuses before it starts. */
static int check_opts(const ov_render_opts *o)
{
	if (o->all || o->version || o->rev || o->party || o->index)
		return ov_error_set(OV_EINVALID, "every agreement's document is rendered as it "
				    "is now: without a version, revision, party or index");
	if (!o->doc || !strcmp(o->doc, "calendar") || !o->format || !strcmp(o->format, "ics"))
		return ov_error_set(OV_EINVALID, "the calendar of every agreement is one file: "
				    "render it with --doc calendar -o FILE");
	return OV_OK;
}

/* Renders every selected agreement, reporting each to cb. */
static int run(batch *b, const ov_list_row *rows, size_t n, size_t total, size_t *failed,
	       ov_render_cb cb, void *payload)
{
	size_t done = 0;
	int err = OV_OK;

	for (size_t i = 0; i < n && err == OV_OK; i++) {
		ov_render_item item = { done + 1, total, rows[i].id, NULL, 0, 0 };
		if (!ov_render_selected(&rows[i], b->o))
			continue;
		done++;
		item.err = render_one(b, rows[i].id);
		if (item.err < 0) {
			ov_error_prefix("agreement %s", rows[i].id);
			(*failed)++;
		} else {
			item.path = b->path.ptr;
			item.size = b->out.size;
		}
		if (cb)
			err = cb(&item, payload);
		ov_error_clear();
	}
	return err;
}

int ov_render_all(size_t *failed, size_t *total, ov_workspace *ws, const ov_render_opts *o,
		  const char *dir, ov_render_cb cb, void *payload)
{
	batch b = { .o = o, .dir = dir };
	ov_buf sheet = OV_BUF_INIT;
	ov_list_row *rows = NULL;
	size_t n = 0, nfailed = 0, selected = 0;
	int err;

	ov_xml_init();
	ov_render_env_init(&b.env, ws, 1);
	if ((err = check_opts(o)) < 0 || (err = ov_render_check(&sheet, ws, o)) < 0 ||
	    (err = ov_render_source_date(&b.epoch)) < 0)
		goto done;
	b.has_epoch = err == 1;
	b.sheet = sheet.ptr;
	if ((err = ov_render_select(&rows, &n, &selected, ws, o)) < 0 ||
	    (err = make_dir(dir)) < 0)
		goto done;
	err = run(&b, rows, n, selected, &nfailed, cb, payload);
done:
	if (failed)
		*failed = nfailed;
	if (total)
		*total = selected;
	ov_list_free(rows, n);
	ov_buf_dispose(&sheet);
	ov_buf_dispose(&b.path);
	ov_buf_dispose(&b.xml);
	ov_buf_dispose(&b.out);
	ov_buf_dispose(&b.gitpath);
	ov_render_env_dispose(&b.env);
	return err;
}
