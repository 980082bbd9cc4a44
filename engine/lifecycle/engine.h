/*
 * engine.h - internals shared by the engine's files: acting persons,
 * loading agreements and workflows inside a transaction, guards, and the
 * engine's few direct calls into the store (engine.c).
 *
 * Which file holds what:
 *
 *   engine.c         the store calls: running a transaction as a person,
 *                    the highest sequence number of a year; commit
 *                    message trailers, dates, saving XML
 *   people.c         people: registration, loading the acting person
 *   organisations.c  organisations and their signatories
 *   workflow_load.c  the workflow an agreement follows, inside a transaction
 *   agreement_io.c   loading and saving an agreement's document
 *   agreement_new.c  creating agreements
 *   guards.c         who may act, and the steps' requirements
 *   events.c         set, import and the lifecycle events
 *   event_kinds.c    what each kind of event records (the handler table)
 */
#ifndef OV_ENGINE_H
#define OV_ENGINE_H

#include "overens/lazy_xml.h"
#include "overens/buf.h"
#include "overens/date.h"
#include "engine/lifecycle/people.h"
#include "engine/lifecycle/workflow.h"
#include "overens/agreement.h"
#include "store/workspace.h"
#include "engine/base/xmlsafe.h"

/* --- engine.c: the store, as the engine uses it ----------------------------- */

/*
 * Runs `fn` as one workspace transaction committed by `actor` (name and
 * e-mail address both `actor`; the callback sets txn->author_name).
 */
/* A read-only transaction at git's head (no head: an empty repository). */
void ov_txn_read_at_head(ov_txn *txn, ov_workspace *ws);

int ov_engine_transact(ov_workspace *ws, const char *actor, ov_txn_fn fn, void *payload);

/* The highest agreement sequence number used in `year` (0 when none). */
int ov_engine_max_seq(int *out, ov_txn *txn, int year);

/* Serialises `doc` and adds it to the transaction at `path`. */
int ov_save_xml(ov_txn *txn, xmlDocPtr doc, const char *path);

/*
 * Appends "Key: value" to a commit message's trailer block, folding
 * newlines so the value stays on one line; nothing when value is NULL.
 */
void ov_msg_trailer(ov_buf *b, const char *key, const char *value);

/* Today in Sweden when `date` is NULL or empty; else the parsed date. */
int ov_resolve_date(ov_date *out, char buf[11], const char *date);

/* The value of `key` in `p`, or NULL. */
const char *ov_param_get(const ov_param *p, size_t n, const char *key);

/* --- organisations.c ---------------------------------------------------------- */

/* Loads a registered organisation's document; OV_ENOTFOUND when unknown. */
int ov_org_load(xmlDocPtr *out, ov_txn *txn, const char *orgnr);
/* 1 when the organisation's document `org` has a unit called `name`. */
int ov_org_has_unit(xmlDocPtr org, const char *name);

/* --- workflow_load.c, agreement_io.c ------------------------------------------ */

/*
 * The workflow `id` with the subject `subject` merged in (NULL or "": the
 * workflow's default subject, <subjects default>; none: no subject), its
 * party-wildcard fields expanded for `agreement`'s parties (may be NULL).
 * Definitions come from the repository, else the data folder; with
 * add_if_missing, the installed ones used are added to the transaction.
 */
int ov_workflow_load_subject(ov_workflow **out, ov_txn *txn, const char *id,
			     const char *subject, xmlDocPtr agreement, int add_if_missing);
/* ov_workflow_load_subject with the default subject and no agreement. */
int ov_workflow_load(ov_workflow **out, ov_txn *txn, const char *id, int add_if_missing);

/*
 * A memo of validations that passed (ov_rng_validate_memo) in the index of
 * `ws`, for definitions, clauses and references read from the data folder.
 */
ov_rng_memo ov_ws_rng_memo(ov_workspace *ws);
/* The workflow `agreement` follows: its @workflow with its <subject>. */
int ov_workflow_load_for(ov_workflow **out, ov_txn *txn, xmlDocPtr agreement);
/*
 * ov_workflow_load_for for many agreements in a row (a batch of documents):
 * definitions are parsed and checked once per place and content, and
 * workflows built once per definitions and party roles, and kept in *cache
 * (made on first use when NULL; ov_workflow_cache_free).  With a cache the
 * workflow in *out is the cache's: read it only, and do not free it; it
 * lives as long as the cache.  With cache NULL the caller frees it.
 */
typedef struct ov_workflow_cache ov_workflow_cache;
int ov_workflow_load_cached(ov_workflow **out, ov_txn *txn, xmlDocPtr agreement,
			    ov_workflow_cache **cache);
void ov_workflow_cache_free(ov_workflow_cache *cache);
int ov_agreement_load(xmlDocPtr *out, ov_buf *path, ov_txn *txn, const char *id);
int ov_agreement_save(ov_txn *txn, xmlDocPtr doc, const char *path);
/*
 * agreement_io.c: what `overens import` does to the document, without the
 * workspace: parses `data` (an agreement document as `overens show --xml`
 * prints it; `name` in messages), checks it against the schema `rng` and
 * that it is agreement `id`, then sets in `doc` every field of `wf` the
 * file fills with another value (noted in an open amendment), appending a
 * line "field: old -> new" per change to `changes`; *nchanged receives how
 * many.  Nothing changed is OV_EINVALID.  On an error `doc` may hold some
 * of the changes (the caller drops it).
 */
int ov_agreement_import_doc(size_t *nchanged, ov_buf *changes, xmlDocPtr doc,
			    const ov_workflow *wf, const char *id, const char *data,
			    size_t len, const char *name, const char *rng);

/* --- guards.c ------------------------------------------------------------------- */

xmlNodePtr ov_party_by_role(xmlDocPtr doc, const char *role);
/*
 * 1 when `actor` may act for the <party> element `party`: it is their
 * organisation and, when they act for units of it, one of those units.
 */
int ov_actor_acts_for(const ov_person *actor, xmlNodePtr party);
/*
 * The role of the first party of the agreement `actor` may act for, or
 * with `only` set the role of the one party they may act for (NULL when
 * they may act for several); NULL when none.  Caller frees.
 */
char *ov_actor_party_role(xmlDocPtr doc, const ov_person *actor, int only);
/* Whether one of the space-separated roles `have` is among `allowed`. */
int ov_roles_intersect(const char *have, const char *allowed);
int ov_check_actor(xmlDocPtr doc, const ov_person *actor, const char *roles,
		   int party_own, const char *role, const char *what);
/*
 * Whether `actor` (NULL: nobody) may take a step needing `roles`, by the
 * rules of ov_check_actor: 1, with *party_roles (party_own steps) the party
 * roles they may act for, space-separated; or 0, with *denied saying why in
 * Swedish (one line).  The caller frees both (either may be NULL).
 */
int ov_actor_may(char **denied, char **party_roles, xmlDocPtr doc, const ov_person *actor,
		 const char *roles, int party_own);
/*
 * The refusal of a change to the text in `phase` (frozen for signing, or
 * active: an amendment is needed); returns OV_EGUARD.
 */
int ov_frozen_refusal(const ov_workflow *wf, const char *id, const char *phase);
/* Records a changed field in the open amendment, if the agreement has one. */
void ov_note_amendment(xmlDocPtr doc, const char *field, const char *old, const char *value);

int ov_check_requirements(ov_buf *missing, size_t *count, xmlDocPtr doc,
			  const ov_workflow *wf, const ov_wf_step *st, const char *id,
			  const char *date, const char *party, const char *actor);

/* --- events.c ------------------------------------------------------------------- */

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
