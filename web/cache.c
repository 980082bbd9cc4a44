/*
 * cache.c - finished pages, remembered.  A page the server shows (GET, 200)
 * is a function of the workspace's history (git's head), the day, the
 * logged-in person and the address; so a page made once is shown again as
 * long as none of those changed, without asking the engine.  The session's
 * CSRF token, the one other thing a page holds, is stored as a marker and
 * put back for each session.  Any write anywhere moves git's head, so a
 * remembered page can never be stale.  Pages that read anything outside
 * git (passwords, calendar tokens) are not remembered (see server.c).
 *
 * At most SLOTS pages of at most MAX_PAGE bytes and MAX_TOTAL bytes in
 * all; when the total would pass it everything is forgotten at once, so the
 * memory stays flat however long the server runs.
 */
#define _GNU_SOURCE /* memmem */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "overens/error.h"
#include "web/cache.h"

#define SLOTS 2048
#define MAX_PAGE ((size_t)256 * 1024)
#define MAX_TOTAL ((size_t)48 * 1024 * 1024)

static const char marker[] = "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@"; /* 43 */

typedef struct entry {
	char *key;
	char head[41];
	char *html;
	size_t len;
} entry;

static entry slots[SLOTS];
static size_t total;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static unsigned hash(const char *s)
{
	unsigned h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h % SLOTS;
}

static void drop(entry *e)
{
	total -= e->len;
	free(e->key);
	free(e->html);
	memset(e, 0, sizeof(*e));
}

/* Replaces every `from` (43 bytes) in `s` by `to` (43 bytes). */
static void swap_token(char *s, size_t len, const char *from, const char *to)
{
	size_t n = sizeof(marker) - 1;

	for (char *p = s; (size_t)(p - s) + n <= len;) {
		char *hit = memmem(p, len - (size_t)(p - s), from, n);
		if (!hit)
			break;
		memcpy(hit, to, n);
		p = hit + n;
	}
}

int web_cache_get(ov_buf *out, const char *key, const char *head, const char *csrf)
{
	entry *e = &slots[hash(key)];
	int hit = 0;

	pthread_mutex_lock(&lock);
	if (e->key && !strcmp(e->key, key) && !strcmp(e->head, head))
		hit = ov_buf_put(out, e->html, e->len) == 0;
	pthread_mutex_unlock(&lock);
	if (hit && csrf && strlen(csrf) == sizeof(marker) - 1)
		swap_token(out->ptr, out->size, marker, csrf);
	return hit;
}

void web_cache_put(const char *key, const char *head, const char *csrf, const char *html,
		   size_t len)
{
	entry *e = &slots[hash(key)];
	char *copy, *k;

	if (len > MAX_PAGE || !csrf || strlen(csrf) != sizeof(marker) - 1)
		return;
	if (!(copy = malloc(len + 1)) || !(k = strdup(key))) {
		free(copy);
		return;
	}
	memcpy(copy, html, len);
	copy[len] = '\0';
	swap_token(copy, len, csrf, marker);
	pthread_mutex_lock(&lock);
	if (e->key)
		drop(e);
	if (total + len > MAX_TOTAL)
		for (size_t i = 0; i < SLOTS; i++)
			if (slots[i].key)
				drop(&slots[i]);
	e->key = k;
	memcpy(e->head, head, sizeof(e->head));
	e->html = copy;
	e->len = len;
	total += len;
	pthread_mutex_unlock(&lock);
}

void web_cache_free(void)
{
	pthread_mutex_lock(&lock);
	for (size_t i = 0; i < SLOTS; i++)
		if (slots[i].key)
			drop(&slots[i]);
	pthread_mutex_unlock(&lock);
}
