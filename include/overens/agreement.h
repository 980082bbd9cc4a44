/*
 * overens/agreement.h - registering parties and people, and changing
 * agreements through their lifecycle.
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
#include "overens/workspace.h"

typedef struct ov_param {
	const char *key, *value;
} ov_param;

/*
 * Organisations.  Keys: name, kind, orgnr (checked: NNNNNN-NNNN with a valid
 * check digit), address, contact, contact-email, contact-phone.
 */
int ov_org_add(ov_workspace *ws, const char *actor, const ov_param *p, size_t n);
/* Adds an authorised signatory (name, title, email) to a registered organisation. */
int ov_org_signatory(ov_workspace *ws, const char *actor, const char *orgnr,
		     const char *name, const char *title, const char *email);
/* People: e-mail, name, the organisation they act for, roles (space-separated). */
int ov_person_add(ov_workspace *ws, const char *actor, const char *email, const char *name,
		  const char *orgnr, const char *roles);

/*
 * Starts an agreement from workflow `workflow` with parties given as
 * role=orgnr pairs.  *out_id receives the new id ("2026-0001"); free().
 */
int ov_agreement_create(char **out_id, ov_workspace *ws, const char *actor,
			const char *workflow, const ov_param *parties, size_t nparties,
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
 * Records a lifecycle event (contact, decide, needs, assign, sign,
 * cancel-signing, followup, amend, approve, terminate, end).  A step that
 * the workflow does not allow now, or whose requirements are not met, is
 * refused with OV_EGUARD and the exact list of what is missing; a person
 * whose party or role may not take it gets OV_EDENIED.
 */
int ov_agreement_event(ov_workspace *ws, const char *actor, const char *id,
		       const char *event, const ov_param *params, size_t nparams,
		       const char *date);

#endif
