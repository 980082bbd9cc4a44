/*
 * people.h - the acting person, read from people/<email>.xml inside a
 * transaction (registration is public: overens/person.h).
 */
#ifndef OV_PEOPLE_H
#define OV_PEOPLE_H

#include "store/workspace.h"

typedef struct ov_person {
	char *email, *name, *orgnr, *roles;
} ov_person;

/*
 * Loads the person registered as `email`; OV_EDENIED when nobody is.
 * Caller frees *out with ov_person_free.
 */
int ov_person_load(ov_person **out, ov_txn *txn, const char *email);
void ov_person_free(ov_person *p);

/* Refuses an empty or malformed acting person's address (OV_EINVALID naming `what`). */
int ov_check_email(const char *email, const char *what);

#endif
