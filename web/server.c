/*
 * server.c - the HTTP side of `overens serve`: the libmicrohttpd daemon
 * with its limits, reading a request and its form data (URL-encoded or
 * multipart, through libmicrohttpd's post processor), the security headers
 * every answer carries, the workspace handles, and the routes.
 *
 * Limits: WEB_MAX_FORM bytes for a form, WEB_MAX_UPLOAD for one with a
 * file (413 beyond, announced or not), WEB_MAX_PARAMS fields, 1,024
 * connections (256 per address), 30 s of silence per connection
 * (--connection-timeout), 32 KiB of memory per connection for headers.
 * POOL_THREADS threads serve the connections; a request borrows an open
 * workspace from a small pool and brings its
 * index up to git's head first (ov_workspace_refresh), so a change made with
 * the command-line tool shows at once and both use the same lock to write.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "overens/lazy_xml.h"

#include "overens/lazy_crypto.h"
#include "overens/data.h"
#include "overens/error.h"
#include "overens/i18n.h"
#include "web/cache.h"
#include "web/http.h"
#include "web/summary.h"

#define POOL_MAX 64
#define POOL_THREADS 16
#define MAX_PARTS 8

typedef struct static_file {
	const char *name, *type;
	ov_buf data;
} static_file;

struct web_server {
	ov_web_opts opts;
	struct MHD_Daemon *daemon;
	web_sessions *sessions;
	pthread_mutex_t pool_lock;
	ov_workspace *pool[POOL_MAX];
	size_t npool;
	ov_buf cert, key;
	int tls;
	static_file statics[2];
};

const ov_web_opts *web_opts(const web_req *r)
{
	return &r->srv->opts;
}

int web_tls(const web_req *r)
{
	const char *proxy = r->srv->opts.trusted_proxy, *proto;

	if (r->srv->tls)
		return 1;
	/* Behind a reverse proxy that ends TLS: its word, and only its. */
	return proxy && !strcmp(r->client, proxy) &&
	       (proto = web_header(r, "X-Forwarded-Proto")) && !strcasecmp(proto, "https");
}

web_sessions *web_server_sessions(web_req *r)
{
	return r->srv->sessions;
}

/* --- workspace handles ------------------------------------------------------- */

static int ws_acquire(web_server *s, ov_workspace **out)
{
	ov_workspace *ws = NULL;
	int err;

	pthread_mutex_lock(&s->pool_lock);
	if (s->npool)
		ws = s->pool[--s->npool];
	pthread_mutex_unlock(&s->pool_lock);
	if (!ws && (err = ov_workspace_open(&ws, s->opts.dir)) < 0)
		return err;
	if ((err = ov_workspace_refresh(ws)) < 0) {
		ov_workspace_free(ws);
		return err;
	}
	*out = ws;
	return OV_OK;
}

static void ws_release(web_server *s, ov_workspace *ws)
{
	if (!ws)
		return;
	pthread_mutex_lock(&s->pool_lock);
	if (s->npool < POOL_MAX) {
		s->pool[s->npool++] = ws;
		ws = NULL;
	}
	pthread_mutex_unlock(&s->pool_lock);
	ov_workspace_free(ws);
}

/* --- reading the request ------------------------------------------------------ */

const web_param *web_param_find(const web_req *r, const char *key)
{
	for (size_t i = r->nparams; i-- > 0;)
		if (!strcmp(r->params[i].key, key))
			return &r->params[i];
	return NULL;
}

const char *web_param_get(const web_req *r, const char *key)
{
	const web_param *p = web_param_find(r, key);
	return p ? (p->value.ptr ? p->value.ptr : "") : NULL;
}

const char *web_query(const web_req *r, const char *key)
{
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, key);
}

const char *web_header(const web_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

/* One piece of a form field (a field may come in several pieces). */
static enum MHD_Result on_field(void *cls, enum MHD_ValueKind kind, const char *key,
				const char *filename, const char *content_type,
				const char *transfer_encoding, const char *data, uint64_t off,
				size_t size)
{
	web_req *r = cls;
	web_param *p = r->nparams ? &r->params[r->nparams - 1] : NULL;

	(void)kind;
	(void)content_type;
	(void)transfer_encoding;
	if (!p || off == 0 || strcmp(p->key, key)) {
		if (r->nparams >= WEB_MAX_PARAMS) {
			r->too_big = 1;
			return MHD_NO;
		}
		p = &r->params[r->nparams++];
		memset(p, 0, sizeof(*p));
		if (!(p->key = strdup(key)) || (filename && !(p->filename = strdup(filename)))) {
			r->bad_body = 1;
			return MHD_NO;
		}
		if (ov_buf_put(&p->value, "", 0) < 0) {
			r->bad_body = 1;
			return MHD_NO;
		}
	}
	if (size && ov_buf_put(&p->value, data, size) < 0) {
		r->bad_body = 1;
		return MHD_NO;
	}
	return MHD_YES;
}

static void req_free(web_req *r)
{
	if (!r)
		return;
	if (r->pp)
		MHD_destroy_post_processor(r->pp);
	for (size_t i = 0; i < r->nparams; i++) {
		free(r->params[i].key);
		free(r->params[i].filename);
		if (r->params[i].value.ptr) /* may hold a key file or a password */
			OPENSSL_cleanse(r->params[i].value.ptr, r->params[i].value.asize);
		ov_buf_dispose(&r->params[i].value);
	}
	free(r->path);
	free(r->user);
	free(r->cache_key);
	ws_release(r->srv, r->ws);
	free(r);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **ctx,
			 enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)c;
	(void)toe;
	req_free(*ctx);
	*ctx = NULL;
}

/* --- answers -------------------------------------------------------------------- */

static void security_headers(web_req *r, struct MHD_Response *resp, const char *type)
{
	const char *csp = "default-src 'none'; style-src 'self'; img-src 'self' data:; "
			  "script-src 'self'; form-action 'self'; frame-ancestors 'self'; "
			  "frame-src 'self'; base-uri 'none'";

	/* The agreement's own HTML preview (and its redline) carries its inline stylesheet. */
	if (type && !strncmp(type, "text/html", 9) && r->url &&
	    (strstr(r->url, "/forhandsvisning") || strstr(r->url, "/andringar")))
		csp = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'; "
		      "base-uri 'none'; form-action 'none'";
	MHD_add_response_header(resp, "Content-Security-Policy", csp);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "SAMEORIGIN");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	MHD_add_response_header(resp, "Cache-Control", "no-store");
	if (web_tls(r))
		MHD_add_response_header(resp, "Strict-Transport-Security", "max-age=31536000");
	if (r->clear_cookie)
		MHD_add_response_header(resp, "Set-Cookie", "ov_session=; Max-Age=0; HttpOnly; "
					"SameSite=Strict; Path=/");
	else if (r->new_cookie && *r->sid) {
		char cookie[160];
		if (web_session_cookie(r, cookie, sizeof(cookie)) == 0)
			MHD_add_response_header(resp, "Set-Cookie", cookie);
	}
}

static int queue(web_req *r, int status, struct MHD_Response *resp, const char *type)
{
	int ok;

	if (!resp)
		return -1;
	if (type)
		MHD_add_response_header(resp, "Content-Type", type);
	security_headers(r, resp, type);
	ok = MHD_queue_response(r->conn, (unsigned)status, resp) == MHD_YES;
	MHD_destroy_response(resp);
	r->answered = 1;
	return ok ? 0 : -1;
}

int web_send(web_req *r, int status, const char *type, const void *data, size_t len)
{
	return queue(r, status, MHD_create_response_from_buffer(len, (void *)data,
								MHD_RESPMEM_MUST_COPY), type);
}

/* As web_send, taking `data` (malloc'ed) over: libmicrohttpd frees it. */
static int send_owned(web_req *r, int status, const char *type, char *data, size_t len)
{
	struct MHD_Response *resp = MHD_create_response_from_buffer(len, data,
								    MHD_RESPMEM_MUST_FREE);
	if (!resp)
		free(data);
	return queue(r, status, resp, type);
}

int web_send_file(web_req *r, const char *type, const char *filename, const void *data,
		  size_t len)
{
	struct MHD_Response *resp;
	char disp[256];

	resp = MHD_create_response_from_buffer(len, (void *)data, MHD_RESPMEM_MUST_COPY);
	if (!resp)
		return -1;
	snprintf(disp, sizeof(disp), "attachment; filename=\"%s\"", filename);
	MHD_add_response_header(resp, "Content-Disposition", disp);
	return queue(r, 200, resp, type);
}

int web_redirect(web_req *r, const char *location)
{
	struct MHD_Response *resp = MHD_create_response_from_buffer(0, (void *)"",
								    MHD_RESPMEM_PERSISTENT);
	if (!resp)
		return -1;
	MHD_add_response_header(resp, "Location", location);
	return queue(r, 303, resp, NULL);
}

int web_send_error(web_req *r, int status, const char *title, const char *detail)
{
	web_page p;

	if (web_page_new(&p, r, title, "fel") < 0) {
		ov_error_clear();
		return web_send(r, status, "text/plain; charset=utf-8", title, strlen(title));
	}
	web_notice(&p, "error", detail);
	return web_page_send(r, &p, status);
}

int web_word_in(const char *list, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = list; p && *p;) {
		while (*p == ' ')
			p++;
		if (!strncmp(p, word, n) && (p[n] == ' ' || !p[n]) && n)
			return 1;
		p = strchr(p, ' ');
	}
	return 0;
}

char *web_take_error(int code)
{
	const ov_error *e = ov_error_last();
	char *msg = strdup(e && e->message ? e->message : ov_error_name(code));

	ov_error_clear();
	return msg;
}

int web_not_found(web_req *r)
{
	return web_send_error(r, 404, "Sidan finns inte", "Det finns ingen sådan sida.");
}

int web_send_engine_error(web_req *r, int code)
{
	char *msg = web_take_error(code);
	int status = code == OV_ENOTFOUND ? 404 : code == OV_EDENIED ? 403
		   : code == OV_EINVALID ? 400 : code == OV_EGUARD || code == OV_ECONFLICT ? 409
		   : 500;
	const char *title = status == 404 ? "Finns inte" : status == 403 ? "Ingen behörighet"
			  : status == 400 ? "Felaktiga uppgifter" : status == 409 ? "Steget kan inte tas"
			  : "Något gick fel";
	int rc;

	if (status == 500)
		fprintf(stderr, "overens serve: %s %s: %s\n", r->method, r->url, msg ? msg : "?");
	rc = web_send_error(r, status, title, msg ? msg : title);
	free(msg);
	return rc;
}

/* --- routes ------------------------------------------------------------------------ */

int web_valid_id(const char *id)
{
	size_t n = 0;

	for (; id && id[n]; n++)
		if (!((id[n] >= '0' && id[n] <= '9') || id[n] == '-'))
			return 0;
	return n >= 6 && n <= 20;
}

/* Splits the path into parts; 0 for a path with "." "..", empty parts or odd bytes. */
static int split_path(char *path, char **parts, size_t *n)
{
	char *p = path + 1, *slash;

	*n = 0;
	if (path[0] != '/')
		return 0;
	if (!*p)
		return 1;
	for (;;) {
		slash = strchr(p, '/');
		if (slash)
			*slash = '\0';
		if (!*p || !strcmp(p, ".") || !strcmp(p, "..") || *n >= MAX_PARTS)
			return 0;
		for (const char *c = p; *c; c++)
			if ((unsigned char)*c < 0x20 || *c == '\\' || *c == 0x7f)
				return 0;
		parts[(*n)++] = p;
		if (!slash)
			return 1;
		p = slash + 1;
		if (!*p)
			return 1; /* a trailing slash */
	}
}

static int serve_static(web_req *r, const char *name)
{
	for (size_t i = 0; i < sizeof(r->srv->statics) / sizeof(r->srv->statics[0]); i++) {
		static_file *f = &r->srv->statics[i];
		if (f->name && !strcmp(f->name, name)) {
			struct MHD_Response *resp = MHD_create_response_from_buffer(
				f->data.size, f->data.ptr, MHD_RESPMEM_PERSISTENT);
			return queue(r, 200, resp, f->type);
		}
	}
	return web_not_found(r);
}

typedef struct route {
	const char *name;
	web_handler fn;
	int public;       /* no login needed */
	int post_only;    /* only POST */
	int cached;       /* its pages depend on git, the day, the person and the address
			   * alone (cache.c) */
} route;

static const route routes[] = {
	{ "login", web_page_login, 1, 0, 0 },
	{ "logout", web_page_logout, 1, 1, 0 },
	{ "mina", web_page_home, 0, 0, 1 },
	{ "nytt", web_page_new_agreement, 0, 0, 1 },
	{ "avtal", web_page_agreement, 0, 0, 1 },
	{ "granska", web_page_verify, 0, 0, 1 },
	{ "kalender", web_page_calendar, 0, 0, 0 },       /* calendar tokens are outside git */
	{ "prenumeration", web_page_calendar_feed, 1, 0, 0 },
	{ "admin", web_page_admin, 0, 0, 0 },             /* so are passwords */
};

static enum MHD_Result add_arg(void *cls, enum MHD_ValueKind kind, const char *key,
			       const char *value)
{
	(void)kind;
	ov_buf_printf(cls, "&%s=%s", key, value ? value : "");
	return MHD_YES;
}

/*
 * A page remembered for this person, address and day at git's head:
 * answered here (1).  Otherwise the handler's page will be remembered (0).
 */
static int from_cache(web_req *r)
{
	ov_buf key = OV_BUF_INIT, page = OV_BUF_INIT;
	char today[11];
	int rc = 0;

	if (r->post || !r->user || ov_workspace_head(r->cache_head, r->ws) < 0) {
		ov_error_clear();
		return 0;
	}
	web_today(today, r);
	ov_buf_printf(&key, "%s\n%s\n%s?", r->user, today, r->url);
	MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, add_arg, &key);
	if (key.ptr && web_cache_get(&page, key.ptr, r->cache_head, r->csrf)) {
		size_t len = page.size;
		char *html = ov_buf_detach(&page); /* handed over, not copied again */
		rc = !html || send_owned(r, 200, "text/html; charset=utf-8", html, len) < 0 ? -1 : 1;
		ov_buf_dispose(&key);
	} else {
		r->cache_key = ov_buf_detach(&key);
	}
	ov_buf_dispose(&page);
	return rc;
}

/* The user a trusted reverse proxy names, when this request comes from it. */
static void proxy_user(web_req *r)
{
	const ov_web_opts *o = &r->srv->opts;
	const char *who;

	if (!o->trust_header || !o->trusted_proxy || strcmp(r->client, o->trusted_proxy))
		return;
	if (!(who = web_header(r, o->trust_header)) || !*who)
		return;
	if (r->user && !strcasecmp(r->user, who))
		return;
	if (web_session_login(r->srv->sessions, r, who) < 0)
		ov_error_clear();
}

static int dispatch(web_req *r, char **parts, size_t n)
{
	const route *rt = NULL;
	int err;

	if (n == 0)
		return web_redirect(r, "/mina");
	if (n == 1 && (!strcmp(parts[0], "stil.css") || !strcmp(parts[0], "app.js")))
		return serve_static(r, parts[0]);
	for (size_t i = 0; i < sizeof(routes) / sizeof(routes[0]); i++)
		if (!strcmp(routes[i].name, parts[0]))
			rt = &routes[i];
	if (!rt)
		return web_not_found(r);
	if (rt->post_only && !r->post)
		return web_send_error(r, 405, "Fel metod", "Den här adressen tar bara emot formulär.");
	if ((err = ws_acquire(r->srv, &r->ws)) < 0) {
		const ov_error *e = ov_error_last();
		fprintf(stderr, "overens serve: %s\n", e ? e->message : "workspace error");
		ov_error_clear();
		return web_send_error(r, 503, "Arbetsytan kan inte öppnas",
				      "Försök igen om en stund.");
	}
	web_session_load(r->srv->sessions, r);
	proxy_user(r);
	if (r->post && !web_csrf_ok(r)) {
		if (!rt->public && !r->user)
			return web_redirect(r, "/login?utgangen=1");
		return web_send_error(r, 403, "Formuläret kan inte tas emot",
			"Formulärets säkerhetskod saknas eller stämmer inte (CSRF). Ladda om sidan "
			"och försök igen.");
	}
	if (!rt->public && !r->user) /* a session that ended gets told so */
		return web_redirect(r, r->post || r->stale_cookie ? "/login?utgangen=1" : "/login");
	if (rt->cached && (err = from_cache(r)) != 0)
		return err < 0 ? -1 : 0;
	return rt->fn(r, parts + 1, n - 1);
}

static int handle(web_req *r)
{
	char *parts[MAX_PARTS];
	size_t n;
	const char *q;

	if (r->too_big)
		return web_send_error(r, 413, "För stor förfrågan",
				      "Det som skickades är större än servern tar emot.");
	if (r->bad_body)
		return web_send_error(r, 400, "Felaktigt formulär",
				      "Formulärets innehåll kunde inte läsas.");
	if (!(r->path = strdup(r->url)))
		return -1;
	if ((q = strchr(r->path, '?')))
		r->path[q - r->path] = '\0';
	if (!split_path(r->path, parts, &n))
		return web_send_error(r, 404, "Sidan finns inte", "Adressen är inte giltig.");
	return dispatch(r, parts, n);
}

static void client_address(web_req *r)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;

	strcpy(r->client, "?");
	if (sa && sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, r->client,
			  sizeof(r->client));
	else if (sa && sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, r->client,
			  sizeof(r->client));
}

static int begin(web_server *s, web_req **out, struct MHD_Connection *c, const char *url,
		 const char *method)
{
	web_req *r = calloc(1, sizeof(*r));
	const char *type, *len;

	if (!r)
		return -1;
	*out = r;
	r->srv = s;
	r->conn = c;
	r->url = url;
	r->method = method;
	r->today = s->opts.today;
	client_address(r);
	if (!strcmp(method, "POST")) {
		r->post = 1;
		type = web_header(r, "Content-Type");
		r->body_limit = type && !strncasecmp(type, "multipart/form-data", 19)
			? WEB_MAX_UPLOAD : WEB_MAX_FORM;
		len = web_header(r, "Content-Length");
		if (len && strtoull(len, NULL, 10) > r->body_limit)
			r->too_big = 1;
		else if (!(r->pp = MHD_create_post_processor(c, 64 * 1024, on_field, r)))
			r->bad_body = type && *type; /* no body at all is an empty form */
	} else if (strcmp(method, "GET") && strcmp(method, "HEAD")) {
		return web_send_error(r, 405, "Fel metod", "Bara GET och POST tas emot.");
	}
	if (r->too_big) /* answer now: the body is never read */
		return handle(r);
	return 0;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
				  const char *method, const char *version, const char *upload,
				  size_t *upload_size, void **ctx)
{
	web_req *r = *ctx;

	(void)version;
	if (!r)
		return begin(cls, (web_req **)ctx, c, url, method) < 0 ? MHD_NO : MHD_YES;
	if (*upload_size) {
		r->body_bytes += *upload_size;
		if (r->body_bytes > r->body_limit)
			r->too_big = 1;
		else if (r->pp && !r->too_big && !r->bad_body &&
			 MHD_post_process(r->pp, upload, *upload_size) != MHD_YES)
			r->bad_body = r->bad_body || !r->too_big;
		*upload_size = 0;
		return MHD_YES;
	}
	if (r->answered)
		return MHD_YES;
	return handle(r) < 0 ? MHD_NO : MHD_YES;
}

/* --- starting and stopping ---------------------------------------------------------- */

static int parse_listen(struct sockaddr_storage *ss, const char *listen)
{
	char host[128];
	const char *colon = strrchr(listen, ':');
	char *end;
	long port;
	size_t hl;

	memset(ss, 0, sizeof(*ss));
	if (!colon || (hl = (size_t)(colon - listen)) == 0 || hl >= sizeof(host))
		return ov_error_set(OV_EINVALID, "--listen %s: give ADDRESS:PORT", listen);
	port = strtol(colon + 1, &end, 10);
	if (*end || port < 0 || port > 65535 || end == colon + 1)
		return ov_error_set(OV_EINVALID, "--listen %s: %s is not a port", listen, colon + 1);
	memcpy(host, listen, hl);
	host[hl] = '\0';
	if (host[0] == '[' && host[hl - 1] == ']') {
		struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;
		host[hl - 1] = '\0';
		a6->sin6_family = AF_INET6;
		a6->sin6_port = htons((unsigned short)port);
		if (inet_pton(AF_INET6, host + 1, &a6->sin6_addr) == 1)
			return OV_OK;
	} else {
		struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
		a4->sin_family = AF_INET;
		a4->sin_port = htons((unsigned short)port);
		if (inet_pton(AF_INET, host, &a4->sin_addr) == 1)
			return OV_OK;
	}
	return ov_error_set(OV_EINVALID, "--listen %s: %s is not an IP address", listen, host);
}

static int load_statics(web_server *s)
{
	static const char *names[][2] = { { "stil.css", "text/css; charset=utf-8" },
					  { "app.js", "text/javascript; charset=utf-8" } };
	int err;

	for (size_t i = 0; i < 2; i++) {
		char sub[64], *path = NULL;
		snprintf(sub, sizeof(sub), "web/%s", names[i][0]);
		if ((err = ov_data_path(&path, sub)) < 0)
			return err;
		err = ov_buf_read_file(&s->statics[i].data, path);
		free(path);
		if (err < 0)
			return err;
		s->statics[i].name = names[i][0];
		s->statics[i].type = names[i][1];
	}
	return OV_OK;
}

static void server_free(web_server *s)
{
	if (s->daemon)
		MHD_stop_daemon(s->daemon);
	for (size_t i = 0; i < s->npool; i++)
		ov_workspace_free(s->pool[i]);
	web_sessions_free(s->sessions);
	if (s->key.ptr)
		OPENSSL_cleanse(s->key.ptr, s->key.size);
	ov_buf_dispose(&s->key);
	ov_buf_dispose(&s->cert);
	for (size_t i = 0; i < 2; i++)
		ov_buf_dispose(&s->statics[i].data);
	pthread_mutex_destroy(&s->pool_lock);
	web_templates_free();
	web_cache_free();
	web_summary_cache_free();
}

/*
 * Decodes %XX in the address in place, as libmicrohttpd would, except that
 * a %00 becomes a byte the router refuses: a NUL would end the C string
 * and make "/stil.css%00.html" the same address as "/stil.css".
 */
static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
	     : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static size_t unescape(void *cls, struct MHD_Connection *c, char *s)
{
	char *w = s;

	(void)cls;
	(void)c;
	for (const char *p = s; *p; p++) {
		int hi, lo;
		if (p[0] == '%' && (hi = hexval(p[1])) >= 0 && (lo = hexval(p[2])) >= 0) {
			int v = hi * 16 + lo;
			*w++ = v ? (char)v : '\x01';
			p += 2;
		} else {
			*w++ = *p;
		}
	}
	*w = '\0';
	return (size_t)(w - s);
}

/* libmicrohttpd's own messages (its format strings). */
__attribute__((format(printf, 2, 0)))
static void on_mhd_error(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	fputs("overens serve: ", stderr);
	vfprintf(stderr, fmt, ap);
}

static int start_daemon(web_server *s, const struct sockaddr_storage *ss)
{
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ERROR_LOG;
	int err;

	if ((err = web_mhd_load()) < 0)
		return err;
	if (ss->ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	if (s->tls)
		flags |= MHD_USE_TLS;
	s->daemon = MHD_start_daemon(flags, 0, NULL, NULL, on_request, s,
		MHD_OPTION_EXTERNAL_LOGGER, on_mhd_error, NULL,
		MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)ss,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)POOL_THREADS,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned int)1024,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned int)256,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)s->opts.connection_timeout,
		MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL,
		/* 32 KiB: libmicrohttpd mallocs a pool this size, a larger one it maps */
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(32 * 1024),
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
		s->tls ? MHD_OPTION_HTTPS_MEM_KEY : MHD_OPTION_END, s->key.ptr,
		MHD_OPTION_HTTPS_MEM_CERT, s->cert.ptr,
		MHD_OPTION_END);
	if (!s->daemon)
		return ov_error_set(OV_ERROR, "cannot listen on %s: %s", s->opts.listen,
				    errno ? strerror(errno) : "libmicrohttpd refused");
	return OV_OK;
}

static int announce(web_server *s)
{
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
	char host[128], url[200];
	const char *colon = strrchr(s->opts.listen, ':');
	size_t hl = (size_t)(colon - s->opts.listen);

	memcpy(host, s->opts.listen, hl);
	host[hl] = '\0';
	snprintf(url, sizeof(url), "%s://%s:%u/", s->tls ? "https" : "http", host,
		 di ? (unsigned)di->port : 0);
	if (!s->opts.quiet) {
		printf(_("Overens is listening on %s (stop with Ctrl-C)\n"), url);
		fflush(stdout);
	}
	if (s->opts.ready_file) {
		char line[256];
		int n = snprintf(line, sizeof(line), "%ld %s\n", (long)getpid(), url);
		return ov_write_file_atomic(s->opts.ready_file, line, (size_t)n);
	}
	return OV_OK;
}

static int prepare(web_server *s, const ov_web_opts *opts, struct sockaddr_storage *ss)
{
	ov_workspace *ws = NULL;
	char *why = NULL;
	int err;

	s->opts = *opts;
	if (!s->opts.listen)
		s->opts.listen = "127.0.0.1:8080";
	if (!s->opts.session_timeout)
		s->opts.session_timeout = 1800;
	if (!s->opts.connection_timeout)
		s->opts.connection_timeout = 30;
	if ((err = parse_listen(ss, s->opts.listen)) < 0)
		return err;
	if (!!opts->tls_cert != !!opts->tls_key)
		return ov_error_set(OV_EINVALID, "HTTPS needs both --tls-cert and --tls-key");
	if (opts->trust_header && !opts->trusted_proxy)
		s->opts.trusted_proxy = "127.0.0.1";
	if (opts->tls_cert) {
		s->tls = 1;
		if ((err = ov_buf_read_file(&s->cert, opts->tls_cert)) < 0 ||
		    (err = ov_buf_read_file(&s->key, opts->tls_key)) < 0)
			return err;
	}
	if ((err = ov_workspace_open(&ws, s->opts.dir)) < 0)
		return err;
	s->pool[s->npool++] = ws;
	if ((err = load_statics(s)) < 0)
		return err;
	if (web_templates_load(&why) < 0) {
		err = ov_error_set(OV_EINVALID, "the web templates: %s", why ? why : "?");
		free(why);
		return err;
	}
	return web_sessions_new(&s->sessions, s->opts.session_timeout);
}

int ov_web_serve(const ov_web_opts *opts)
{
	web_server s;
	struct sockaddr_storage ss;
	sigset_t set;
	int err, sig = 0;

	memset(&s, 0, sizeof(s));
	pthread_mutex_init(&s.pool_lock, NULL);
	/* libxml2 opened and set up here, before the daemon's threads start */
	ov_xml_init();
	/* The daemon's threads inherit this mask: only this thread takes the signals. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	if ((err = prepare(&s, opts, &ss)) >= 0)
		/* The pages are Swedish, and so are the engine's messages on them
		 * (set before the daemon's threads start). */
		ov_i18n_use("sv_SE");
	if (err < 0 || (err = start_daemon(&s, &ss)) < 0 || (err = announce(&s)) < 0) {
		server_free(&s);
		return err;
	}
	while (sigwait(&set, &sig) == 0 && sig == SIGHUP)
		;
	server_free(&s);
	return OV_OK;
}
