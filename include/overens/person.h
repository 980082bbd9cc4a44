/*
 * overens/person.h - registering the people who act in a workspace: each
 * acts for one registered organisation with one or more roles (official,
 * board, steering, reviewer, signatory, admin).
 *
 * The function makes exactly one git commit authored by `actor` (an
 * e-mail address) and writes nothing when it fails.
 */
#ifndef OVERENS_PERSON_H
#define OVERENS_PERSON_H

#include "overens/workspace.h"

/* People: e-mail, name, the organisation they act for, roles (space-separated). */
int ov_person_add(ov_workspace *ws, const char *actor, const char *email, const char *name,
		  const char *orgnr, const char *roles);

#endif
