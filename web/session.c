/*
 * session.c - who is logged in: sessions held in the server's memory (a
 * restart logs everyone out), each named by a random 32-byte id in the
 * cookie "ov_session" (HttpOnly, SameSite=Strict, Secure on HTTPS), with
 * its own CSRF token that every form carries.  A session ends after
 * `timeout` seconds without a request, at logout, and at login (the
 * logged-in session gets a new id, so an id planted before login is
 * worth nothing).  Failed logins are counted per client address: after
 * five within a minute that address waits a minute.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <microhttpd.h>

#include "overens/lazy_crypto.h"
#include "overens/error.h"
#include "web/http.h"

#define MAX_SESSIONS 4096
#define MAX_CLIENTS 1024
#define LOGIN_TRIES 5
#define LOGIN_WINDOW 60

typedef struct session {
	char id[WEB_SESSION_ID_LEN + 1];
	char csrf[WEB_SESSION_ID_LEN + 1];
	char *user;
	time_t seen;
} session;

typedef struct client_tries {
	char addr[64];
	int failures;
	time_t first, blocked_until;
} client_tries;

struct web_sessions {
	pthread_mutex_t lock;
	session *s;
	size_t n;
	client_tries clients[MAX_CLIENTS];
	size_t nclients;
	int timeout;
};

int web_random_token(char *out, size_t size, size_t nbytes)
{
	static const char abc[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	unsigned char raw[64];
	size_t bits = 0, o = 0;
	unsigned acc = 0;

	if (nbytes > sizeof(raw) || size < (nbytes * 4 + 2) / 3 + 1 ||
	    RAND_bytes(raw, (int)nbytes) != 1)
		return ov_error_set(OV_ERROR, "no random bytes for a token");
	for (size_t i = 0; i < nbytes; i++) {
		acc = (acc << 8) | raw[i];
		bits += 8;
		while (bits >= 6) {
			out[o++] = abc[(acc >> (bits - 6)) & 63];
			bits -= 6;
		}
	}
	if (bits)
		out[o++] = abc[(acc << (6 - bits)) & 63];
	out[o] = '\0';
	OPENSSL_cleanse(raw, sizeof(raw));
	return OV_OK;
}

int web_sessions_new(web_sessions **out, int timeout)
{
	web_sessions *s = calloc(1, sizeof(*s));

	if (!s || !(s->s = calloc(MAX_SESSIONS, sizeof(session)))) {
		free(s);
		return ov_error_set(OV_ENOMEM, "out of memory");
	}
	pthread_mutex_init(&s->lock, NULL);
	s->timeout = timeout;
	*out = s;
	return OV_OK;
}

static void session_clear(session *e)
{
	free(e->user);
	OPENSSL_cleanse(e, sizeof(*e));
	memset(e, 0, sizeof(*e));
}

void web_sessions_free(web_sessions *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++)
		session_clear(&s->s[i]);
	free(s->s);
	pthread_mutex_destroy(&s->lock);
	free(s);
}

/* Drops expired sessions; the caller holds the lock. */
static void expire(web_sessions *s, time_t now)
{
	for (size_t i = 0; i < s->n;) {
		if (now - s->s[i].seen > s->timeout) {
			session_clear(&s->s[i]);
			s->s[i] = s->s[--s->n];
			memset(&s->s[s->n], 0, sizeof(session));
		} else {
			i++;
		}
	}
}

static session *find(web_sessions *s, const char *id)
{
	size_t len = strlen(id);

	if (len != WEB_SESSION_ID_LEN)
		return NULL;
	for (size_t i = 0; i < s->n; i++)
		if (!CRYPTO_memcmp(s->s[i].id, id, WEB_SESSION_ID_LEN))
			return &s->s[i];
	return NULL;
}

void web_session_load(web_sessions *s, web_req *r)
{
	const char *id = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, "ov_session");
	time_t now = time(NULL);
	session *e;

	r->sid[0] = r->csrf[0] = '\0';
	if (!id)
		return;
	pthread_mutex_lock(&s->lock);
	expire(s, now);
	if ((e = find(s, id))) {
		e->seen = now;
		memcpy(r->sid, e->id, sizeof(r->sid));
		memcpy(r->csrf, e->csrf, sizeof(r->csrf));
		free(r->user);
		r->user = e->user ? strdup(e->user) : NULL;
	} else {
		r->stale_cookie = 1;
	}
	pthread_mutex_unlock(&s->lock);
}

/* A new session entry (the caller holds the lock); NULL when full. */
static session *add(web_sessions *s, time_t now)
{
	session *e;

	expire(s, now);
	if (s->n >= MAX_SESSIONS)
		return NULL;
	e = &s->s[s->n];
	if (web_random_token(e->id, sizeof(e->id), 32) < 0 ||
	    web_random_token(e->csrf, sizeof(e->csrf), 32) < 0)
		return NULL;
	e->seen = now;
	s->n++;
	return e;
}

int web_session_start(web_sessions *s, web_req *r)
{
	session *e;

	if (*r->sid)
		return OV_OK;
	pthread_mutex_lock(&s->lock);
	if ((e = add(s, time(NULL)))) {
		memcpy(r->sid, e->id, sizeof(r->sid));
		memcpy(r->csrf, e->csrf, sizeof(r->csrf));
	}
	pthread_mutex_unlock(&s->lock);
	if (!e)
		return ov_error_set(OV_ENOMEM, "too many sessions");
	r->new_cookie = 1;
	return OV_OK;
}

int web_session_login(web_sessions *s, web_req *r, const char *email)
{
	session *e, *old;
	char *user = strdup(email);

	if (!user)
		return ov_error_set(OV_ENOMEM, "out of memory");
	pthread_mutex_lock(&s->lock);
	if (*r->sid && (old = find(s, r->sid))) {
		size_t i = (size_t)(old - s->s);
		session_clear(old);
		s->s[i] = s->s[--s->n];
		memset(&s->s[s->n], 0, sizeof(session));
	}
	if ((e = add(s, time(NULL)))) {
		if (*r->csrf) /* the form that is open in the browser stays valid */
			memcpy(e->csrf, r->csrf, sizeof(e->csrf));
		e->user = user;
		memcpy(r->sid, e->id, sizeof(r->sid));
		memcpy(r->csrf, e->csrf, sizeof(r->csrf));
	}
	pthread_mutex_unlock(&s->lock);
	if (!e) {
		free(user);
		return ov_error_set(OV_ENOMEM, "too many sessions");
	}
	free(r->user);
	r->user = strdup(email);
	r->new_cookie = 1;
	return r->user ? OV_OK : ov_error_set(OV_ENOMEM, "out of memory");
}

void web_session_logout(web_sessions *s, web_req *r)
{
	session *e;

	pthread_mutex_lock(&s->lock);
	if (*r->sid && (e = find(s, r->sid))) {
		size_t i = (size_t)(e - s->s);
		session_clear(e);
		s->s[i] = s->s[--s->n];
		memset(&s->s[s->n], 0, sizeof(session));
	}
	pthread_mutex_unlock(&s->lock);
	r->sid[0] = r->csrf[0] = '\0';
	free(r->user);
	r->user = NULL;
}

int web_csrf_ok(const web_req *r)
{
	const char *t = web_param_get(r, "csrf");

	return *r->csrf && t && strlen(t) == WEB_SESSION_ID_LEN &&
	       !CRYPTO_memcmp(t, r->csrf, WEB_SESSION_ID_LEN);
}

int web_session_cookie(const web_req *r, char *out, size_t size)
{
	int n = snprintf(out, size, "ov_session=%s; HttpOnly; SameSite=Strict; Path=/%s", r->sid,
			 web_tls(r) ? "; Secure" : "");
	return n > 0 && (size_t)n < size ? 0 : -1;
}

/* --- login attempts ---------------------------------------------------------------- */

static client_tries *client(web_sessions *s, const char *addr, int create, time_t now)
{
	size_t oldest = 0;

	for (size_t i = 0; i < s->nclients; i++) {
		if (!strcmp(s->clients[i].addr, addr))
			return &s->clients[i];
		if (s->clients[i].first < s->clients[oldest].first)
			oldest = i;
	}
	if (!create)
		return NULL;
	if (s->nclients < MAX_CLIENTS)
		oldest = s->nclients++;
	memset(&s->clients[oldest], 0, sizeof(client_tries));
	snprintf(s->clients[oldest].addr, sizeof(s->clients[oldest].addr), "%s", addr);
	s->clients[oldest].first = now;
	return &s->clients[oldest];
}

int web_login_allowed(web_sessions *s, const char *addr)
{
	client_tries *c;
	time_t now = time(NULL);
	int ok = 1;

	pthread_mutex_lock(&s->lock);
	if ((c = client(s, addr, 0, now)) && c->blocked_until > now)
		ok = 0;
	pthread_mutex_unlock(&s->lock);
	return ok;
}

void web_login_failed(web_sessions *s, const char *addr)
{
	client_tries *c;
	time_t now = time(NULL);

	pthread_mutex_lock(&s->lock);
	if ((c = client(s, addr, 1, now))) {
		if (now - c->first > LOGIN_WINDOW) {
			c->first = now;
			c->failures = 0;
		}
		if (++c->failures >= LOGIN_TRIES)
			c->blocked_until = now + LOGIN_WINDOW;
	}
	pthread_mutex_unlock(&s->lock);
}

void web_login_succeeded(web_sessions *s, const char *addr)
{
	client_tries *c;

	pthread_mutex_lock(&s->lock);
	if ((c = client(s, addr, 0, 0)))
		c->failures = 0;
	pthread_mutex_unlock(&s->lock);
}
