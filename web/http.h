/*
 * web/http.h - the web server's internals shared by its files:
 *
 *   server.c    the daemon, limits, reading the request and its form data,
 *               security headers, routing to the pages
 *   session.c   sessions (cookie), CSRF tokens, the login rate limit
 *   page.c      a page as XML (the page model) turned into HTML by XSLT
 *               (web/page.xsl in the data folder)
 *   pages_*.c   one file per area: login, home, agreement, steps,
 *               documents, signing, history, administration
 *
 * A handler gets a web_req with the workspace (a pooled handle brought up
 * to date) and the logged-in person, builds a page model or a file, and
 * answers with one of the web_send_* functions exactly once.
 */
#ifndef OV_WEB_HTTP_H
#define OV_WEB_HTTP_H

#include <stddef.h>
#include "overens/lazy_xml.h"
#include "overens/buf.h"
#include "overens/workspace.h"
#include "web/web.h"

#define WEB_MAX_PARAMS 256
#define WEB_MAX_FORM ((size_t)256 * 1024)        /* a form without files */
#define WEB_MAX_UPLOAD ((size_t)12 * 1024 * 1024) /* a form with a file */
#define WEB_SESSION_ID_LEN 43                    /* 32 bytes, base64url */

typedef struct web_param {
	char *key;
	char *filename;   /* an uploaded file's name, or NULL */
	ov_buf value;
} web_param;

typedef struct web_server web_server;

typedef struct web_req {
	web_server *srv;
	void *conn;                 /* struct MHD_Connection */
	const char *method, *url;
	char *path;                 /* url without the query, checked */
	int post;
	void *pp;                   /* struct MHD_PostProcessor */
	web_param params[WEB_MAX_PARAMS];
	size_t nparams;
	size_t body_bytes, body_limit;
	int too_big, bad_body, answered;
	char client[64];            /* the peer's address */

	/* set before the handler runs */
	char sid[WEB_SESSION_ID_LEN + 1];   /* the session ("" when none) */
	char csrf[WEB_SESSION_ID_LEN + 1];
	char *user;                 /* the logged-in person's e-mail, or NULL */
	int new_cookie;             /* send the session cookie */
	int clear_cookie;           /* make the browser forget it (logout) */
	int stale_cookie;           /* a session cookie came that names no session */
	ov_workspace *ws;
	const char *today;
	char *cache_key;            /* remember the page under this key (cache.c) */
	char cache_head[41];
} web_req;

/* --- server.c ------------------------------------------------------------- */

const ov_web_opts *web_opts(const web_req *r);
int web_tls(const web_req *r);

/* The value of form field `key` (the last one), or NULL; files too. */
const char *web_param_get(const web_req *r, const char *key);
const web_param *web_param_find(const web_req *r, const char *key);
/* A query-string argument, or NULL. */
const char *web_query(const web_req *r, const char *key);
/* A request header, or NULL. */
const char *web_header(const web_req *r, const char *name);

/* Answers; each returns 0 or -1 (the connection is closed then). */
int web_send(web_req *r, int status, const char *type, const void *data, size_t len);
int web_send_file(web_req *r, const char *type, const char *filename, const void *data,
		  size_t len);
int web_redirect(web_req *r, const char *location);
/* A short page for an error: status, title and a line, all as text. */
int web_send_error(web_req *r, int status, const char *title, const char *detail);

/* The engine's last error message (or `code`'s name), cleared; free() it. May be NULL. */
char *web_take_error(int code);
/* The 404 page for an address no page has. */
int web_not_found(web_req *r);
/* The engine's last error as a page: 404, 403, 400, 409 or 500 by `code`. */
int web_send_engine_error(web_req *r, int code);
/* 1 when `word` is one of the space-separated words of `list`. */
int web_word_in(const char *list, const char *word);
/* <choice value label> children of `e` from "value|Label" lines; `only`: a filter of values. */
void web_choices(xmlNodePtr e, const char *choices, const char *only);
/* Today (YYYY-MM-DD): --today, else today in Sweden. */
void web_today(char out[11], const web_req *r);

/* --- session.c ------------------------------------------------------------- */

typedef struct web_sessions web_sessions;

int web_sessions_new(web_sessions **out, int timeout);
void web_sessions_free(web_sessions *s);
/* Finds the request's session by cookie; fills r->sid, r->csrf, r->user. */
void web_session_load(web_sessions *s, web_req *r);
/* Makes an anonymous session for the request (a login form needs its token). */
int web_session_start(web_sessions *s, web_req *r);
/* Logs `email` in: a new session id (the old one ends), same CSRF token. */
int web_session_login(web_sessions *s, web_req *r, const char *email);
void web_session_logout(web_sessions *s, web_req *r);
/* 1 when the form's "csrf" field equals the session's token. */
int web_csrf_ok(const web_req *r);
/* Login attempts: 1 when `client` may try now; record a failure or a success. */
int web_login_allowed(web_sessions *s, const char *client);
void web_login_failed(web_sessions *s, const char *client);
void web_login_succeeded(web_sessions *s, const char *client);
/* "ov_session=...; HttpOnly; SameSite=Strict; Path=/[; Secure]" */
int web_session_cookie(const web_req *r, char *out, size_t size);

/* Random bytes as base64url (no padding) into out (size > 4/3 n). */
int web_random_token(char *out, size_t size, size_t nbytes);

/* --- page.c ------------------------------------------------------------------ */

/*
 * A page model: <page title=".." user=".." csrf=".." section=".."> with the
 * view's elements below.  Every string is escaped by libxml2; the page
 * stylesheet writes the HTML.
 */
typedef struct web_page {
	xmlDocPtr doc;
	xmlNodePtr root;
} web_page;

int web_page_new(web_page *p, web_req *r, const char *title, const char *section);
void web_page_free(web_page *p);
/* A child element with text content (NULL text: none). */
xmlNodePtr web_el(xmlNodePtr parent, const char *name, const char *text);
/* An attribute; NULL value: none. */
void web_attr(xmlNodePtr n, const char *name, const char *value);
void web_attr_int(xmlNodePtr n, const char *name, long long value);
/* A message box: kind "ok", "error" or "info". */
xmlNodePtr web_notice(web_page *p, const char *kind, const char *text);
/* The engine's last error as an error notice (and cleared); returns the node. */
xmlNodePtr web_notice_error(web_page *p, int code);
/* Transforms and sends the page (status 200 unless given), then frees it. */
int web_page_send(web_req *r, web_page *p, int status);

int web_templates_load(char **err);
void web_templates_free(void);

/* --- the pages --------------------------------------------------------------- */

typedef int (*web_handler)(web_req *r, char **parts, size_t nparts);

int web_page_login(web_req *r, char **parts, size_t nparts);
int web_page_logout(web_req *r, char **parts, size_t nparts);
int web_page_home(web_req *r, char **parts, size_t nparts);
int web_page_new_agreement(web_req *r, char **parts, size_t nparts);
int web_page_agreement(web_req *r, char **parts, size_t nparts);
int web_page_verify(web_req *r, char **parts, size_t nparts);
int web_page_calendar(web_req *r, char **parts, size_t nparts);
int web_page_calendar_feed(web_req *r, char **parts, size_t nparts);
int web_page_admin(web_req *r, char **parts, size_t nparts);

/* pages_agreement.c's sub-pages (/avtal/ID/...) */
int web_agreement_steps(web_req *r, const char *id, const char *event);
int web_agreement_fields(web_req *r, const char *id);
int web_agreement_documents(web_req *r, const char *id, char **parts, size_t nparts);
int web_agreement_sign(web_req *r, const char *id);
int web_agreement_history(web_req *r, const char *id, char **parts, size_t nparts);

/* The session holder for the pages that log in and out. */
web_sessions *web_server_sessions(web_req *r);

/* Swedish names shared by the pages: an HTTP-safe agreement id check. */
int web_valid_id(const char *id);

/*
 * Loads libmicrohttpd (web/mhd_lazy.c: the tool is not linked with it);
 * OV_ERROR naming the library and dlopen's reason when it is missing.
 */
int web_mhd_load(void);

#endif
