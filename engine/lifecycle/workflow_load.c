/*
 * workflow_load.c - the workflow an agreement follows, read inside a
 * transaction: the copy in the repository (so an agreement keeps the
 * rules it was made under), else the installed one (workflows/ under the
 * data folder), which a new agreement then adds to its commit.  Parsing
 * and checking the definition is workflow.c's.
 */
#include <stdlib.h>
#include <string.h>

#include "overens/error.h"
#include "engine/lifecycle/engine.h"
#include "engine/lifecycle/workflow.h"
#include "store/workspace.h"

int ov_workflow_load(ov_workflow **out, ov_txn *txn, const char *id, int add_if_missing)
{
	ov_buf path = OV_BUF_INIT, data = OV_BUF_INIT;
	char *file = NULL, *rng = NULL;
	const char *p;
	int err, from_repo = 1;

	*out = NULL;
	for (p = id; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
			return ov_error_set(OV_EINVALID, "'%s' is not a workflow name", id);
	if (!*id)
		return ov_error_set(OV_EINVALID, "empty workflow name");
	ov_buf_printf(&path, "workflows/%s.xml", id);
	err = ov_txn_read(&data, txn, path.ptr);
	if (err == OV_ENOTFOUND) {
		ov_error_clear();
		from_repo = 0;
		file = ov_workspace_data_path(txn->ws, path.ptr);
		err = ov_buf_read_file(&data, file);
		if (err == OV_ENOTFOUND)
			err = ov_error_set(OV_ENOTFOUND, "no workflow '%s' (looked for %s)", id, file);
	}
	if (err < 0)
		goto done;
	rng = ov_workspace_data_path(txn->ws, "workflows/workflow.rng");
	if ((err = ov_workflow_parse(out, data.ptr, data.size,
				     from_repo ? path.ptr : file, rng)) < 0)
		goto done;
	if (!from_repo && add_if_missing)
		err = ov_txn_write(txn, path.ptr, data.ptr, data.size);
done:
	free(file);
	free(rng);
	ov_buf_dispose(&path);
	ov_buf_dispose(&data);
	if (err < 0) {
		ov_workflow_free(*out);
		*out = NULL;
	}
	return err;
}
