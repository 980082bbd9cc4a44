/*
 * engine.h - internals shared by the engine's files: acting persons,
 * loading agreements and workflows inside a transaction, guards.
 */
#ifndef OV_ENGINE_H
#define OV_ENGINE_H

#include <libxml/tree.h>
#include "overens/buf.h"
#include "overens/date.h"
#include "engine/lifecycle/workflow.h"
#include "overens/agreement.h"
#include "store/workspace.h"

typedef struct ov_person {
	char *email, *name, *orgnr, *roles;
} ov_person;

int ov_person_load(ov_person **out, ov_txn *txn, const char *email);
void ov_person_free(ov_person *p);

int ov_workflow_load(ov_workflow **out, ov_txn *txn, const char *id, int add_if_missing);
int ov_agreement_load(xmlDocPtr *out, ov_buf *path, ov_txn *txn, const char *id);
int ov_agreement_save(ov_txn *txn, xmlDocPtr doc, const char *path);

/*
 * Appends "Key: value" to a commit message's trailer block, folding
 * newlines so the value stays on one line; nothing when value is NULL.
 */
void ov_msg_trailer(ov_buf *b, const char *key, const char *value);

/* Today in Sweden when `date` is NULL or empty; else the parsed date. */
int ov_resolve_date(ov_date *out, char buf[11], const char *date);

xmlNodePtr ov_party_by_role(xmlDocPtr doc, const char *role);
int ov_check_actor(xmlDocPtr doc, const ov_person *actor, const char *roles,
		   int party_own, const char *role, const char *what);
int ov_check_requirements(ov_buf *missing, size_t *count, xmlDocPtr doc,
			  const ov_workflow *wf, const ov_wf_step *st, const char *id,
			  const char *date, const char *party, const char *actor);

/*
 * ov_agreement_event, with files added to (data != NULL) or removed from
 * (data == NULL) the same commit: the signing code stores the signed PDF
 * with the signature event.
 */
int ov_agreement_event_with_files(ov_workspace *ws, const char *actor, const char *id,
				  const char *event, const ov_param *params, size_t nparams,
				  const char *date, const ov_ws_file *files, size_t nfiles);

/*
 * A step that must do more inside the same transaction (the signing code
 * signs the PDF there): called after the event is recorded and checked,
 * before the document is saved; it may add files with ov_txn_write.
 */
typedef int (*ov_event_hook)(ov_txn *txn, xmlDocPtr doc, const char *path,
			     const ov_person *actor, void *payload);
int ov_agreement_event_hook(ov_workspace *ws, const char *actor, const char *id,
			    const char *event, const ov_param *params, size_t nparams,
			    const char *date, ov_event_hook hook, void *payload);

#endif
