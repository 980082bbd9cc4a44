/*
 * overens/person.h - the people who act in a workspace: each acts for one
 * registered organisation with one or more roles (official, board,
 * steering, reviewer, signatory, admin), either for all of it or for some
 * of its units (overens/organisation.h): a person who acts for units may
 * act only for the parties that are one of those units.
 *
 * ov_person_add makes exactly one git commit authored by `actor` (an
 * e-mail address) and writes nothing when it fails.  The reads take the
 * registry as git's main holds it (people/<email>.xml).
 */
#ifndef OVERENS_PERSON_H
#define OVERENS_PERSON_H

#include <stddef.h>
#include "overens/workspace.h"

/* People: e-mail, name, the organisation they act for, roles (space-separated). */
int ov_person_add(ov_workspace *ws, const char *actor, const char *email, const char *name,
		  const char *orgnr, const char *roles);
/*
 * As ov_person_add, for a person who acts for the `nunits` named units of
 * the organisation (each registered with ov_org_unit; OV_ENOTFOUND
 * otherwise); none: the whole organisation.
 */
int ov_person_add_units(ov_workspace *ws, const char *actor, const char *email,
			const char *name, const char *orgnr, const char *roles,
			const char *const *units, size_t nunits);

/*
 * Changes the registration of the person `email`: a NULL name, orgnr or
 * roles stays as registered; the units become `units` (none: the whole
 * organisation) unless `keep_units`.  The same checks as ov_person_add;
 * OV_ENOTFOUND when nobody is registered as `email`.  One git commit.
 */
int ov_person_change(ov_workspace *ws, const char *actor, const char *email, const char *name,
		     const char *orgnr, const char *roles, const char *const *units,
		     size_t nunits, int keep_units);

/* A registered person as read back; every string owned by the struct. */
typedef struct ov_person_info {
	char *email, *name;
	char *orgnr;          /* NNNNNN-NNNN */
	char *org_name;       /* the organisation's name; "" when it is not registered */
	char *roles;          /* space-separated */
	char **units;         /* the units they act for, in order; none (NULL): all of it */
	size_t nunits;
	int has_password;     /* 1 when an account password is set (overens/account.h) */
} ov_person_info;

/* The person registered as `email`; OV_ENOTFOUND when nobody is.  Free with ov_person_info_free. */
int ov_person_get(ov_person_info **out, ov_workspace *ws, const char *email);
void ov_person_info_free(ov_person_info *p);

/* Every registered person, by e-mail address (*out NULL when none).  Free with ov_person_list_free. */
int ov_person_list(ov_person_info **out, size_t *n, ov_workspace *ws);
void ov_person_list_free(ov_person_info *p, size_t n);

/* 1 when the person holds `role` (official board steering reviewer signatory admin), else 0. */
int ov_person_has_role(const ov_person_info *p, const char *role);

#endif
