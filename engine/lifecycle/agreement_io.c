/*
 * agreement_io.c - reading an agreement's document at the transaction's
 * base and writing it back: put in the schema's order, validated against
 * templates/agreement.rng, then added to the commit.
 */
#include <stdlib.h>
#include <string.h>

#include "overens/error.h"
#include "engine/lifecycle/agreement.h"
#include "engine/lifecycle/engine.h"
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
