/*
 * engine.c - the engine's door to the store, and the small helpers every
 * change shares.
 *
 * Every operation of the engine runs as one workspace transaction
 * (store/workspace.h): it reads the agreement and its workflow at git's
 * head, checks who acts and what the workflow allows, records the event in
 * the document, recomputes the dates, validates the document against
 * templates/agreement.rng and commits it with a message whose trailers
 * carry the event's data.  Any refusal happens before anything is written.
 *
 * The lifecycle files reach the store only through ov_txn_read,
 * ov_txn_write and ov_txn_delete inside a transaction, and through the two
 * functions here: ov_engine_transact (who commits) and ov_engine_max_seq
 * (the index's view of the ids already used).  Nothing else in
 * engine/lifecycle/{people,organisations,agreement_new,events}.c touches
 * the workspace's repository or index.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "overens/error.h"
#include "engine/lifecycle/engine.h"
#include "engine/base/xmlsafe.h"
#include "store/workspace.h"

void ov_txn_read_at_head(ov_txn *txn, ov_workspace *ws)
{
	memset(txn, 0, sizeof(*txn));
	txn->ws = ws;
	if (ov_ws_head(txn->head, ws) < 0)
		txn->head[0] = '\0';
	ov_error_clear();
}

int ov_engine_transact(ov_workspace *ws, const char *actor, ov_txn_fn fn, void *payload)
{
	ov_ws_who who;
	long long now = (long long)time(NULL);

	who.name = actor;
	who.email = actor;
	who.when = now;
	who.offset_minutes = ov_sweden_offset(now);
	return ov_workspace_transact(ws, &who, fn, payload, NULL);
}

int ov_engine_max_seq(int *out, ov_txn *txn, int year)
{
	return ov_ws_max_seq(out, txn->ws, year);
}

int ov_save_xml(ov_txn *txn, xmlDocPtr doc, const char *path)
{
	char *mem = NULL;
	size_t len = 0;
	int err;

	if ((err = ov_xml_serialize(&mem, &len, doc)) < 0)
		return err;
	err = ov_txn_write(txn, path, mem, len);
	free(mem);
	return err;
}

void ov_msg_trailer(ov_buf *b, const char *key, const char *value)
{
	if (!value)
		return;
	ov_buf_printf(b, "%s: ", key);
	for (const char *p = value; *p; p++)
		ov_buf_putc(b, (*p == '\n' || *p == '\r') ? ' ' : *p);
	ov_buf_putc(b, '\n');
}

int ov_resolve_date(ov_date *out, char buf[11], const char *date)
{
	if (!date || !*date)
		*out = ov_sweden_today((long long)time(NULL));
	else if (ov_date_parse(out, date) < 0)
		return ov_error_prefix("--date");
	ov_date_format(buf, *out);
	return OV_OK;
}

const char *ov_param_get(const ov_param *p, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(p[i].key, key))
			return p[i].value;
	return NULL;
}
