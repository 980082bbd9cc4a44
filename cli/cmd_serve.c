/*
 * cmd_serve.c - `overens serve`: the web interface on this workspace (the
 * server itself is web/, a client of the same engine).
 */
#include <stdlib.h>

#include "overens/error.h"
#include "web/web.h"
#include "cli/cli.h"

static const cli_option options[] = {
	{ "listen", 0, CLI_VALUE, N_("ADDR:PORT"),
	  N_("where to listen (default 127.0.0.1:8080; port 0 picks a free one)") },
	{ "tls-cert", 0, CLI_VALUE, N_("FILE"), N_("HTTPS: the server's certificate chain (PEM)") },
	{ "tls-key", 0, CLI_VALUE, N_("FILE"), N_("HTTPS: the server's private key (PEM)") },
	{ "trust-header", 0, CLI_VALUE, N_("NAME"),
	  N_("take the logged-in user from this header of a single sign-on proxy") },
	{ "trusted-proxy", 0, CLI_VALUE, N_("ADDR"),
	  N_("the only address that header is taken from (default 127.0.0.1)") },
	{ "session-timeout", 0, CLI_VALUE, N_("SECONDS"),
	  N_("log out after this long without a request (default 1800)") },
	{ "today", 0, CLI_VALUE | CLI_HIDDEN, N_("DATE"), N_("compute the pages for this day") },
	{ "connection-timeout", 0, CLI_VALUE | CLI_HIDDEN, N_("SECONDS"),
	  N_("drop a connection silent this long (default 30)") },
	{ "ready-file", 0, CLI_VALUE, N_("FILE"),
	  N_("write \"PID URL\" to FILE once the server listens") },
	CLI_OPTIONS_END,
};

int cli_serve(cli_args *a, const char *dir)
{
	ov_web_opts o = { 0 };
	const char *t = cli_opt(a, "session-timeout"), *ct = cli_opt(a, "connection-timeout");
	int err;

	o.dir = dir;
	o.listen = cli_opt(a, "listen");
	o.tls_cert = cli_opt(a, "tls-cert");
	o.tls_key = cli_opt(a, "tls-key");
	o.trust_header = cli_opt(a, "trust-header");
	o.trusted_proxy = cli_opt(a, "trusted-proxy");
	o.today = cli_opt(a, "today");
	o.ready_file = cli_opt(a, "ready-file");
	if (t && (o.session_timeout = atoi(t)) <= 0)
		return cli_usage(a, NULL, _("--session-timeout needs a number of seconds"));
	if (ct && (o.connection_timeout = atoi(ct)) <= 0)
		return cli_usage(a, NULL, _("--connection-timeout needs a number of seconds"));
	if ((err = ov_web_serve(&o)) < 0)
		return cli_fail(a, err);
	return 0;
}

static int cmd_serve(cli_args *a, const cli_command *c)
{
	const char *dir = a->dir ? a->dir : getenv("OVERENS_DIR");

	(void)c;
	return cli_serve(a, dir && *dir ? dir : ".");
}

const cli_command cli_cmd_serve = {
	"serve", cmd_serve,
	N_("[--listen ADDR:PORT] [--tls-cert FILE --tls-key FILE]\n"
	   " [--trust-header NAME [--trusted-proxy ADDR]] [--session-timeout SECONDS]\n"
	   " [--ready-file FILE]"),
	N_("serve the web interface"),
	N_("Runs the web interface on this workspace until stopped (Ctrl-C, SIGTERM).\n"
	   "People log in with the password set by 'overens person passwd EMAIL', or, with\n"
	   "--trust-header, as the user a single sign-on proxy names.  The browser and the\n"
	   "command line can be used side by side: both follow the same rules and lock."),
	options, 0, 0, "",
};
