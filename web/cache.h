/*
 * cache.h - finished pages remembered until git's head changes (cache.c).
 */
#ifndef OV_WEB_CACHE_H
#define OV_WEB_CACHE_H

#include <stddef.h>
#include "overens/buf.h"

/*
 * Appends the page remembered under `key` for git head `head` to `out`, with
 * the session's CSRF token `csrf` put in; 1 on a hit, 0 otherwise.
 */
int web_cache_get(ov_buf *out, const char *key, const char *head, const char *csrf);
/* Remembers a page made for the session whose token is `csrf`. */
void web_cache_put(const char *key, const char *head, const char *csrf, const char *html,
		   size_t len);
void web_cache_free(void);

#endif
