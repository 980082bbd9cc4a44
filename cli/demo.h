/*
 * demo.h - what the demos (cmd_demo.c: the Helsingborg samverkansavtal,
 * cmd_demo_rfs.c: the överenskommelse about statutory volunteer
 * assignments) share: printing each step, setting fields, verifying the
 * signed PDF.
 */
#ifndef OV_CLI_DEMO_H
#define OV_CLI_DEMO_H

#include "overens/workspace.h"

typedef struct demo_field {
	const char *who, *field, *value;
} demo_field;

/* Prints "✓ what" when err is 0 or more, else the error; returns err. */
int demo_step_ok(int err, const char *what);
int demo_set_fields(ov_workspace *ws, const char *id, const demo_field *f, size_t n,
		    const char *date);
void demo_show_phase(ov_workspace *ws, const char *id, const char *date);
/* Verifies agreement `id`'s signed PDF and writes a copy of it into `dir`. */
int demo_verify(ov_workspace *ws, const char *id, const char *dir);
/* The överenskommelse about statutory volunteer assignments, signed and verified. */
int demo_rfs(ov_workspace **ws, char **id, const char *dir);

/* A demo person who gets a login with --serve: e-mail and who it is. */
typedef struct demo_login {
	const char *email, *who;
} demo_login;
/* The RFS demo's people, one per party (n in *n). */
const demo_login *demo_rfs_logins(size_t *n);

#endif
