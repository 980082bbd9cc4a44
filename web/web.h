/*
 * web/web.h - `overens serve`: the web interface, a small HTTP server
 * (GNU libmicrohttpd) in the same program, over the same workspace, with
 * the same rules: every request goes through the engine's public API with
 * the logged-in person as the actor.
 */
#ifndef OV_WEB_H
#define OV_WEB_H

typedef struct ov_web_opts {
	const char *dir;            /* the workspace */
	const char *listen;         /* "ADDR:PORT" (default 127.0.0.1:8080) */
	const char *tls_cert, *tls_key;  /* PEM files: HTTPS when both are given */
	const char *trust_header;   /* a reverse proxy's user header, or NULL */
	const char *trusted_proxy;  /* the only address that header is taken from */
	int session_timeout;        /* seconds of inactivity (default 1800) */
	int connection_timeout;     /* seconds of silence on a connection (default 30) */
	const char *today;          /* the date the pages are computed for, or NULL */
	const char *ready_file;     /* written with "PID URL" once listening, or NULL */
	int quiet;                  /* no "listening on" line */
} ov_web_opts;

/*
 * Runs the server until SIGINT or SIGTERM; returns 0, or an engine error
 * code (with ov_error_set) when it cannot start.
 */
int ov_web_serve(const ov_web_opts *opts);

#endif
