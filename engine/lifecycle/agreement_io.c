/*
 * agreement_io.c - reading an agreement's document at the transaction's
 * base and writing it back: put in the schema's order, validated against
 * templates/agreement.rng, then added to the commit.
 * And what `overens import` does to a document: ov_agreement_import_doc.
 */
#include <stdlib.h>
#include <string.h>

#include "overens/error.h"
#include "engine/lifecycle/agreement.h"
#include "engine/lifecycle/engine.h"
#include "engine/lifecycle/event_kinds.h"
#include "engine/base/xmlsafe.h"
#include "store/workspace.h"

int ov_agreement_load(xmlDocPtr *out, ov_buf *path, ov_txn *txn, const char *id)
{
	ov_buf data = OV_BUF_INIT;
	int err;

	*out = NULL;
	if (!id || !*id || strchr(id, '/') || strchr(id, '.') || strlen(id) > 32)
		return ov_error_set(OV_EINVALID, "'%s' is not an agreement id", id ? id : "");
	ov_buf_clear(path);
	if ((err = ov_agreement_path(path, id, "agreement.xml")) < 0)
		return err;
	err = ov_txn_read(&data, txn, path->ptr);
	if (err == OV_ENOTFOUND)
		err = ov_error_set(OV_ENOTFOUND, "no agreement %s in this workspace", id);
	if (err >= 0)
		err = ov_xml_parse_memory(out, data.ptr, data.size, path->ptr);
	ov_buf_dispose(&data);
	return err;
}

/* Validates and stores the document. */
int ov_agreement_save(ov_txn *txn, xmlDocPtr doc, const char *path)
{
	char *rng = ov_workspace_data_path(txn->ws, "templates/agreement.rng");
	int err;

	if (!rng)
		return ov_error_set(OV_ENOMEM, "out of memory");
	ov_agreement_normalize(doc);
	err = ov_rng_validate(doc, rng, path);
	free(rng);
	if (err < 0)
		return ov_error_prefix("the agreement would not be valid");
	return ov_save_xml(txn, doc, path);
}

/* Sets field f of doc to `want` (a list field: one item per line). */
static int import_field(xmlDocPtr doc, const ov_workflow *wf, const ov_wf_field *f,
			const char *want)
{
	char *save = NULL, *tok, *copy;
	int err;

	if (!ov_field_is_list(f))
		return ov_agreement_field_set(doc, wf, f, want, NULL);
	if (!(copy = strdup(want)))
		return ov_error_set(OV_ENOMEM, "out of memory");
	err = ov_agreement_field_unset(doc, f, NULL);
	for (tok = strtok_r(copy, "\n", &save); tok && err >= 0; tok = strtok_r(NULL, "\n", &save))
		err = ov_agreement_field_set(doc, wf, f, tok, NULL);
	free(copy);
	return err;
}

/* Parses the file and checks that it is a valid document of agreement `id`. */
static int import_read(xmlDocPtr *in, const char *id, const char *data, size_t len,
		       const char *name, const char *rng)
{
	xmlNodePtr root;
	char *in_id = NULL;
	int err;

	if ((err = ov_xml_parse_memory(in, data, len, name)) < 0)
		return err;
	root = xmlDocGetRootElement(*in);
	if (!root || strcmp((const char *)root->name, "agreement"))
		return ov_error_set(OV_EINVALID, "%s:%d: the root element must be <agreement>",
				    name, root ? (int)xmlGetLineNo(root) : 1);
	if ((err = ov_rng_validate(*in, rng, name)) < 0)
		return err;
	in_id = ov_xml_attr(root, "id");
	if (!in_id || strcmp(in_id, id))
		err = ov_error_set(OV_EINVALID, "%s: the file is agreement %s, not %s", name,
				   in_id ? in_id : "(no id)", id);
	free(in_id);
	return err;
}

int ov_agreement_import_doc(size_t *nchanged, ov_buf *changes, xmlDocPtr doc,
			    const ov_workflow *wf, const char *id, const char *data,
			    size_t len, const char *name, const char *rng)
{
	xmlDocPtr in = NULL;
	int err;

	*nchanged = 0;
	if ((err = import_read(&in, id, data, len, name, rng)) < 0)
		goto done;
	/* Take every declared field the file fills; lifecycle data stays ours. */
	for (size_t i = 0; i < wf->nfields && err >= 0; i++) {
		const ov_wf_field *f = &wf->fields[i];
		char *want = NULL, *have = NULL;

		if ((err = ov_agreement_field_get(&want, in, f)) >= 0 &&
		    (err = ov_agreement_field_get(&have, doc, f)) >= 0 &&
		    *want && strcmp(want, have) && (err = import_field(doc, wf, f, want)) >= 0) {
			ov_note_amendment(doc, f->name, have, want);
			ov_buf_printf(changes, "%s: ", f->name);
			ov_msg_excerpt(changes, have);
			ov_buf_puts(changes, " -> ");
			ov_msg_excerpt(changes, want);
			ov_buf_putc(changes, '\n');
			(*nchanged)++;
		}
		free(want);
		free(have);
	}
	if (err >= 0 && !*nchanged)
		err = ov_error_set(OV_EINVALID, "%s: nothing to import (no field differs)", name);
done:
	xmlFreeDoc(in);
	return err;
}
