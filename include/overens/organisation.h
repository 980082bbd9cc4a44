/*
 * overens/organisation.h - the organisations that can be parties to
 * agreements: registering them, their authorised signatories and their
 * units, and reading them back.
 *
 * Each function that registers makes exactly one git commit authored by
 * `actor` (an e-mail address) and writes nothing when it fails.  The reads
 * take the registry as git's main holds it (organisations/<orgnr>.xml).
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

/*
 * Adds a unit (a part of the organisation, e.g. "Socialtjänsten",
 * "Överförmyndarnämnden") to a registered organisation.  OV_EEXISTS when
 * it has one by that name; OV_ENOTFOUND when the organisation is unknown.
 */
int ov_org_unit(ov_workspace *ws, const char *actor, const char *orgnr, const char *name);

/* An authorised signatory as read back; title and email may be NULL. */
typedef struct ov_signatory_info {
	char *name, *title, *email;
} ov_signatory_info;

/* A registered organisation as read back; optional strings are NULL when absent. */
typedef struct ov_org_info {
	char *orgnr, *name, *kind, *address;
	char *contact, *contact_email, *contact_phone;
	ov_signatory_info *signatories;
	size_t nsignatories;
	char **units;          /* in the order they were added */
	size_t nunits;
} ov_org_info;

/* Every registered organisation, by name (*out NULL when none).  Free with ov_org_list_free. */
int ov_org_list(ov_org_info **out, size_t *n, ov_workspace *ws);
/* The organisation `orgnr` (any accepted spelling); OV_ENOTFOUND when unknown. */
int ov_org_get(ov_org_info **out, ov_workspace *ws, const char *orgnr);
void ov_org_info_free(ov_org_info *o);
void ov_org_list_free(ov_org_info *o, size_t n);

#endif
