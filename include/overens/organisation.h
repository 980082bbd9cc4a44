/*
 * overens/organisation.h - registering the organisations that can be
 * parties to agreements, and their authorised signatories.
 *
 * Each function makes exactly one git commit authored by `actor` (an
 * e-mail address) and writes nothing when it fails.
 */
#ifndef OVERENS_ORGANISATION_H
#define OVERENS_ORGANISATION_H

#include <stddef.h>
#include "overens/param.h"
#include "overens/workspace.h"

/*
 * Registers an organisation.  Keys: name, kind, orgnr (checked:
 * NNNNNN-NNNN with a valid check digit), address, contact, contact-email,
 * contact-phone.  OV_EEXISTS when the number is already registered.
 */
int ov_org_add(ov_workspace *ws, const char *actor, const ov_param *p, size_t n);

/* Adds an authorised signatory (name, title, email) to a registered organisation. */
int ov_org_signatory(ov_workspace *ws, const char *actor, const char *orgnr,
		     const char *name, const char *title, const char *email);

#endif
