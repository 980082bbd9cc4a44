/*
 * people.h - the acting person, read from people/<email>.xml inside a
 * transaction (registration is public: overens/person.h).
 */
#ifndef OV_PEOPLE_H
#define OV_PEOPLE_H

#include <stddef.h>
#include "overens/lazy_xml.h"
#include "store/workspace.h"

typedef struct ov_person {
	char *email, *name, *orgnr, *roles;
	char **units;     /* the units of the organisation they act for; none: all of it */
	size_t nunits;
} ov_person;

/*
 * Loads the person registered as `email`; OV_EDENIED when nobody is.
 * Caller frees *out with ov_person_free.
 */
int ov_person_load(ov_person **out, ov_txn *txn, const char *email);
void ov_person_free(ov_person *p);

/*
 * The units a person record's root element names (<acts-for unit="…"/>),
 * in order: *out NULL and *n 0 when it names none (the whole
 * organisation).  Caller frees with ov_person_units_free.
 */
int ov_person_units_read(char ***out, size_t *n, xmlNodePtr root);
void ov_person_units_free(char **units, size_t n);

/* 1 when the person acts for unit `unit` (always when they act for the whole organisation). */
int ov_person_acts_for_unit(const ov_person *p, const char *unit);

/* Refuses an empty or malformed acting person's address (OV_EINVALID naming `what`). */
int ov_check_email(const char *email, const char *what);

#endif
