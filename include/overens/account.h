/*
 * overens/account.h - how the registered people of a workspace prove who
 * they are to a client such as a web interface: a password each, and a
 * secret calendar address (a token) each.
 *
 * Neither is in git: both live in DIR/accounts beside the repository
 * (mode 0600, rewritten atomically under the workspace's lock), one line
 * per person and kind:
 *
 *   email scrypt$15$8$1$<salt, base64>$<key, base64>
 *   email calendar$<SHA-256 of the token, hex>
 *
 * A password is kept as a salted scrypt key (N = 2^15, r = 8, p = 1, 16
 * random salt bytes, a 32-byte key), a token only as its digest.  Setting
 * and checking a password costs one scrypt each (tens of milliseconds and
 * 32 MiB).  Each function may be called from several threads at once when
 * each thread has its own ov_workspace.  Only people registered in git
 * (people/<email>.xml, overens/person.h) have accounts.
 */
#ifndef OVERENS_ACCOUNT_H
#define OVERENS_ACCOUNT_H

#include <stddef.h>
#include "overens/workspace.h"

/* A password's length in bytes. */
#define OV_PASSWORD_MIN 10
#define OV_PASSWORD_MAX 1024

/*
 * Sets registered person `email`'s password, replacing any earlier one.
 * OV_ENOTFOUND when nobody is registered as `email`; OV_EINVALID for a
 * password under OV_PASSWORD_MIN or over OV_PASSWORD_MAX bytes.
 */
int ov_account_set_password(ov_workspace *ws, const char *email, const char *password);

/*
 * OV_OK when `password` is `email`'s; OV_EDENIED otherwise (also: no
 * password set, the person no longer registered).  Compares in constant
 * time and does the same scrypt work for an unknown e-mail address.
 */
int ov_account_check_password(ov_workspace *ws, const char *email, const char *password);

/* Removes `email`'s password; OV_ENOTFOUND when none was set. */
int ov_account_remove_password(ov_workspace *ws, const char *email);

/* *out = 1 when `email` has a password, else 0. */
int ov_account_has_password(int *out, ov_workspace *ws, const char *email);

/*
 * Calendar subscription: a new random token (32 bytes, base64url without
 * padding: 43 characters) for registered person `email`, replacing any
 * earlier one of theirs (which stops working).  DIR/accounts keeps only its
 * SHA-256.  OV_ENOTFOUND when nobody is registered as `email`.
 * *out_token: free().
 */
int ov_calendar_token_new(char **out_token, ov_workspace *ws, const char *email);

/* Revokes `email`'s token; OV_ENOTFOUND when they had none. */
int ov_calendar_token_revoke(ov_workspace *ws, const char *email);

/*
 * The registered person holding `token` (*out_email: free()); OV_ENOTFOUND
 * otherwise.  The digests are compared in constant time.
 */
int ov_calendar_token_owner(char **out_email, ov_workspace *ws, const char *token);

/*
 * A new random password of 16 letters and digits (about 92 bits) for `out`
 * (at least 17 bytes), e.g. for demo logins.
 */
int ov_account_random_password(char *out, size_t size);

#endif
