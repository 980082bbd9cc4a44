/*
 * pages_login.c - logging in and out.  A person from the workspace's
 * registry logs in with the password set by `overens person passwd`
 * (checked by the engine against its scrypt hash); behind a reverse proxy
 * that does single sign-on the server takes the user header instead
 * (server.c, only when told to and only from the proxy's address).
 */
#include <stdlib.h>
#include <string.h>

#include "overens/account.h"
#include "overens/error.h"
#include "overens/person.h"
#include "web/http.h"

static int login_form(web_req *r, const char *email, const char *problem, int status)
{
	web_page p;
	xmlNodePtr n;

	if (web_session_start(web_server_sessions(r), r) < 0 ||
	    web_page_new(&p, r, "Logga in", "login") < 0) {
		ov_error_clear();
		return web_send(r, 503, "text/plain; charset=utf-8", "Försök igen.", 13);
	}
	n = web_el(p.root, "login", NULL);
	web_attr(n, "email", email);
	if (web_query(r, "utgangen"))
		web_notice(&p, "info", "Sessionen har gått ut. Logga in igen.");
	if (problem)
		web_notice(&p, "error", problem);
	return web_page_send(r, &p, status);
}

int web_page_login(web_req *r, char **parts, size_t nparts)
{
	web_sessions *s = web_server_sessions(r);
	const char *email, *password;
	ov_person_info *who = NULL;

	(void)parts;
	if (nparts)
		return web_not_found(r);
	if (!r->post)
		return r->user ? web_redirect(r, "/mina") : login_form(r, NULL, NULL, 200);
	email = web_param_get(r, "email");
	password = web_param_get(r, "password");
	if (!web_login_allowed(s, r->client))
		return login_form(r, email, "För många misslyckade inloggningar. Vänta en minut "
				  "och försök igen.", 429);
	if (!email || !*email || !password || !*password)
		return login_form(r, email, "Fyll i både e-postadress och lösenord.", 400);
	if (ov_account_check_password(r->ws, email, password) < 0 ||
	    ov_person_get(&who, r->ws, email) < 0) {
		ov_error_clear();
		web_login_failed(s, r->client);
		return login_form(r, email, "E-postadressen eller lösenordet stämmer inte.", 403);
	}
	web_login_succeeded(s, r->client);
	if (web_session_login(s, r, who->email) < 0) {
		ov_person_info_free(who);
		ov_error_clear();
		return web_send_error(r, 503, "Inloggningen misslyckades", "Försök igen.");
	}
	ov_person_info_free(who);
	return web_redirect(r, "/mina");
}

int web_page_logout(web_req *r, char **parts, size_t nparts)
{
	(void)parts;
	(void)nparts;
	web_session_logout(web_server_sessions(r), r);
	r->clear_cookie = 1; /* the browser forgets the cookie too */
	return web_redirect(r, "/login");
}
