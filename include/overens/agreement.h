/*
 * overens/agreement.h - creating agreements and changing them through
 * their lifecycle.  (Registering organisations and people is in
 * overens/organisation.h and overens/person.h, included here so that
 * clients that only include this header keep working.)
 *
 * Every function here that changes something makes exactly one git commit,
 * authored by the acting person (`actor`: an e-mail address), whose
 * message names the event and carries its data as trailers; nothing is
 * written when it fails.  Dates are "YYYY-MM-DD" or NULL for today in
 * Sweden.  Parameters are key/value pairs; which keys an event takes is
 * listed in the README and checked here.
 */
#ifndef OVERENS_AGREEMENT_H
#define OVERENS_AGREEMENT_H

#include <stddef.h>
#include "overens/organisation.h"
#include "overens/param.h"
#include "overens/person.h"
#include "overens/workspace.h"

/*
 * Starts an agreement from workflow `workflow` with parties given as
 * role=orgnr pairs; the value "ORGNR:UNIT" makes the party a registered
 * unit of the organisation (a nämnd or förvaltning).  Two parties of one
 * organisation must be two different units of it (OV_EINVALID).  *out_id
 * receives the new id ("2026-0001"); free().
 */
int ov_agreement_create(char **out_id, ov_workspace *ws, const char *actor,
			const char *workflow, const ov_param *parties, size_t nparties,
			const char *title, const char *date);
/*
 * ov_agreement_create about `subject` (an installed subject's id,
 * workflows/subjects/<id>.xml; NULL or "": the workflow's default).
 */
int ov_agreement_create_subject(char **out_id, ov_workspace *ws, const char *actor,
				const char *workflow, const char *subject,
				const ov_param *parties, size_t nparties,
				const char *title, const char *date);

/* Sets (value != NULL) or clears (value == NULL) a field named by the workflow. */
int ov_agreement_set(ov_workspace *ws, const char *actor, const char *id,
		     const char *field, const char *value, const char *date);

/*
 * Fills the agreement's fields from an agreement document (the format that
 * `overens show --xml` prints), held in memory; `name` is used in messages.
 */
int ov_agreement_import(ov_workspace *ws, const char *actor, const char *id,
			const char *data, size_t len, const char *name, const char *date);

/*
 * 1 when `event` is a step the engine knows by itself (contact, decide,
 * sign …), 0 for a step only a workflow declares, which clients offer as
 * such (the tool: `overens step ID EVENT`).
 */
int ov_event_builtin(const char *event);

/*
 * Records a lifecycle event: a built-in one (contact, decide, needs,
 * assign, sign, cancel-signing, followup, amend, approve, terminate, end)
 * or any other step the agreement's workflow declares.  A declared step
 * without a built-in meaning takes the params "set" ("FIELD=VALUE", one
 * per field, repeatable; only fields the step lists in `fields`) and
 * "party" (recorded with the step).  A step that the workflow does not
 * allow now, or whose requirements are not met, is refused with OV_EGUARD
 * and the exact list of what is missing; a person whose party or role may
 * not take it gets OV_EDENIED; a name that is no built-in event and no
 * step of the workflow gets OV_EINVALID.
 */
int ov_agreement_event(ov_workspace *ws, const char *actor, const char *id,
		       const char *event, const ov_param *params, size_t nparams,
		       const char *date);

#endif
