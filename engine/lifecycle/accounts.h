/*
 * accounts.h - the accounts file (DIR/accounts, overens/account.h) as the
 * rest of the engine reads it: the registry's listings say who has a
 * password without a scrypt each.
 */
#ifndef OV_ACCOUNTS_H
#define OV_ACCOUNTS_H

#include "store/workspace.h"

/* Appends DIR/accounts to `out`; an absent file reads as empty. */
int ov_accounts_read(ov_buf *out, ov_workspace *ws);

/* 1 when `content` (the accounts file) holds a password for `email`, else 0. */
int ov_accounts_has_password(const char *content, const char *email);

/* Zeroes a buffer's memory before it is freed (it may hold secrets). */
void ov_accounts_wipe(ov_buf *b);

#endif
