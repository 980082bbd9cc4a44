/*
 * pages_admin.c - starting an agreement (/nytt), the calendar (/kalender,
 * and the subscription feed /prenumeration/TOKEN.ics that calendar programs
 * fetch without a session), and the workspace's administration (/admin,
 * for persons with the admin role): organisations, units, signatories,
 * people and their roles, passwords, trusted CAs.  Every change is the
 * engine's, made as the logged-in person.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "overens/account.h"
#include "overens/agreement.h"
#include "overens/error.h"
#include "overens/organisation.h"
#include "overens/person.h"
#include "overens/query.h"
#include "overens/render.h"
#include "overens/sign.h"
#include "web/http.h"

#define MAX_PARTIES 16

static void orgs_xml(xmlNodePtr parent, const ov_org_info *o, size_t n)
{
	xmlNodePtr list = web_el(parent, "organisations", NULL);

	for (size_t i = 0; i < n; i++) {
		xmlNodePtr e = web_el(list, "org", NULL);
		web_attr(e, "orgnr", o[i].orgnr);
		web_attr(e, "name", o[i].name);
		web_attr(e, "kind", o[i].kind);
		web_attr(e, "address", o[i].address);
		for (size_t j = 0; j < o[i].nsignatories; j++) {
			xmlNodePtr s = web_el(e, "signatory", NULL);
			web_attr(s, "name", o[i].signatories[j].name);
			web_attr(s, "title", o[i].signatories[j].title);
			web_attr(s, "email", o[i].signatories[j].email);
		}
		for (size_t j = 0; j < o[i].nunits; j++)
			web_attr(web_el(e, "unit", NULL), "name", o[i].units[j]);
	}
}

/* --- a new agreement ----------------------------------------------------------------- */

/* The installed subjects, for the form's choice of what the agreement is about. */
static void subjects_xml(xmlNodePtr form, web_req *r)
{
	ov_subject_info *s = NULL;
	size_t n = 0;
	xmlNodePtr list = web_el(form, "subjects", NULL);

	web_attr(list, "chosen", web_param_get(r, "subject"));
	if (ov_subject_list(&s, &n, r->ws) < 0)
		ov_error_clear();
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr e = web_el(list, "subject", NULL);
		web_attr(e, "id", s[i].id);
		web_attr(e, "label", s[i].label);
		web_attr(e, "description", s[i].description);
	}
	ov_subject_list_free(s, n);
}

static int new_page(web_req *r, int status, const char *problem)
{
	ov_workflow_info *wf = NULL;
	ov_org_info *orgs = NULL;
	size_t nwf = 0, norgs = 0;
	web_page p;
	xmlNodePtr f, list;
	int err;

	if ((err = ov_workflow_list(&wf, &nwf, r->ws)) < 0 ||
	    (err = ov_org_list(&orgs, &norgs, r->ws)) < 0) {
		ov_workflow_list_free(wf, nwf);
		return web_send_engine_error(r, err);
	}
	if (web_page_new(&p, r, "Nytt avtal", "nytt") < 0) {
		ov_workflow_list_free(wf, nwf);
		ov_org_list_free(orgs, norgs);
		return -1;
	}
	f = web_el(p.root, "new-form", NULL);
	web_attr(f, "title", web_param_get(r, "title"));
	web_attr(f, "chosen", web_param_get(r, "workflow"));
	list = web_el(f, "workflows", NULL);
	for (size_t i = 0; i < nwf; i++) {
		xmlNodePtr w = web_el(list, "workflow", NULL);
		web_attr(w, "id", wf[i].id);
		web_attr(w, "title", wf[i].title);
		web_attr(w, "kind", wf[i].kind);
		for (size_t j = 0; j < wf[i].nparties; j++) {
			xmlNodePtr pr = web_el(w, "party", NULL);
			char key[96];
			web_attr(pr, "role", wf[i].parties[j].role);
			web_attr(pr, "label", wf[i].parties[j].label);
			web_attr(pr, "kinds", wf[i].parties[j].kinds);
			snprintf(key, sizeof(key), "part:%s", wf[i].parties[j].role);
			web_attr(pr, "chosen", web_param_get(r, key));
		}
	}
	orgs_xml(f, orgs, norgs);
	subjects_xml(f, r);
	if (problem)
		web_notice(&p, "error", problem);
	ov_workflow_list_free(wf, nwf);
	ov_org_list_free(orgs, norgs);
	return web_page_send(r, &p, status);
}

static int create(web_req *r)
{
	ov_param parties[MAX_PARTIES];
	size_t np = 0;
	const char *wf = web_param_get(r, "workflow"), *title = web_param_get(r, "title");
	char *id = NULL, *problem, to[64];
	int err, rc;

	for (size_t i = 0; i < r->nparams && np < MAX_PARTIES; i++)
		if (!strncmp(r->params[i].key, "part:", 5) && r->params[i].value.size) {
			parties[np].key = r->params[i].key + 5;
			parties[np++].value = r->params[i].value.ptr;
		}
	err = ov_agreement_create_subject(&id, r->ws, r->user, wf ? wf : "",
					  web_param_get(r, "subject"), parties, np,
					  title && *title ? title : NULL, NULL);
	if (err >= 0) {
		snprintf(to, sizeof(to), "/avtal/%s", id);
		free(id);
		return web_redirect(r, to);
	}
	problem = web_take_error(err);
	rc = new_page(r, err == OV_EDENIED ? 403 : 400, problem);
	free(problem);
	return rc;
}

int web_page_new_agreement(web_req *r, char **parts, size_t nparts)
{
	(void)parts;
	if (nparts)
		return web_not_found(r);
	return r->post ? create(r) : new_page(r, 200, NULL);
}

/* --- the calendar -------------------------------------------------------------------- */

static int calendar_for(web_req *r, const char *email, const char *name)
{
	ov_person_info *me = NULL;
	ov_render_opts o = OV_RENDER_OPTS_INIT;
	ov_buf out = OV_BUF_INIT;
	int err, rc;

	if ((err = ov_person_get(&me, r->ws, email)) < 0)
		return web_send_engine_error(r, err);
	o.doc = "calendar";
	o.format = "ics";
	o.all = 1;
	o.orgnr = me->orgnr;
	err = ov_render(&out, r->ws, NULL, &o);
	ov_person_info_free(me);
	if (err < 0) {
		ov_buf_dispose(&out);
		return web_send_engine_error(r, err);
	}
	rc = name ? web_send_file(r, "text/calendar; charset=utf-8", name, out.ptr, out.size)
		  : web_send(r, 200, "text/calendar; charset=utf-8", out.ptr, out.size);
	ov_buf_dispose(&out);
	return rc;
}

int web_page_calendar(web_req *r, char **parts, size_t nparts)
{
	web_page p;
	xmlNodePtr c;
	char *token = NULL;
	int err;

	if (nparts == 1 && !strcmp(parts[0], "arshjul.ics") && !r->post)
		return calendar_for(r, r->user, "arshjul.ics");
	if (nparts > 1 || (nparts == 1 && (!r->post || (strcmp(parts[0], "ny") &&
							strcmp(parts[0], "aterkalla")))))
		return web_not_found(r);
	if (web_page_new(&p, r, "Årshjul", "kalender") < 0)
		return -1;
	c = web_el(p.root, "calendar", NULL);
	if (nparts == 1 && !strcmp(parts[0], "ny")) {
		if ((err = ov_calendar_token_new(&token, r->ws, r->user)) < 0) {
			web_notice_error(&p, err);
		} else {
			char url[160];
			snprintf(url, sizeof(url), "/prenumeration/%s.ics", token);
			web_attr(c, "feed", url);
			web_notice(&p, "ok", "En ny prenumerationsadress är skapad; en tidigare "
				   "adress fungerar inte längre.");
			free(token);
		}
	} else if (nparts == 1) {
		if ((err = ov_calendar_token_revoke(r->ws, r->user)) < 0)
			web_notice_error(&p, err);
		else
			web_notice(&p, "ok", "Prenumerationsadressen är återkallad.");
	}
	return web_page_send(r, &p, 200);
}

int web_page_calendar_feed(web_req *r, char **parts, size_t nparts)
{
	char token[64], *email = NULL;
	size_t len;
	int rc;

	if (nparts != 1 || (len = strlen(parts[0])) < 5 || len - 4 >= sizeof(token) ||
	    strcmp(parts[0] + len - 4, ".ics"))
		return web_send_error(r, 404, "Finns inte", "Ingen sådan kalender.");
	memcpy(token, parts[0], len - 4);
	token[len - 4] = '\0';
	if (ov_calendar_token_owner(&email, r->ws, token) < 0) {
		ov_error_clear();
		return web_send_error(r, 404, "Finns inte", "Ingen sådan kalender (adressen kan "
				      "vara återkallad).");
	}
	rc = calendar_for(r, email, NULL);
	free(email);
	return rc;
}

/* --- administration ------------------------------------------------------------------- */

static int admin_page(web_req *r, int status, const char *ok, const char *problem)
{
	ov_org_info *orgs = NULL;
	ov_person_info *people = NULL;
	ov_trust_entry *cas = NULL;
	size_t norgs = 0, npeople = 0, ncas = 0;
	web_page p;
	xmlNodePtr a, list;

	if (ov_org_list(&orgs, &norgs, r->ws) < 0 || ov_person_list(&people, &npeople, r->ws) < 0 ||
	    ov_trust_list(&cas, &ncas, r->ws) < 0)
		ov_error_clear();
	if (web_page_new(&p, r, "Administration", "admin") < 0) {
		ov_org_list_free(orgs, norgs);
		ov_person_list_free(people, npeople);
		ov_trust_list_free(cas, ncas);
		return -1;
	}
	a = web_el(p.root, "admin", NULL);
	orgs_xml(a, orgs, norgs);
	list = web_el(a, "people", NULL);
	for (size_t i = 0; i < npeople; i++) {
		xmlNodePtr e = web_el(list, "person", NULL);
		web_attr(e, "email", people[i].email);
		web_attr(e, "name", people[i].name);
		web_attr(e, "orgnr", people[i].orgnr);
		web_attr(e, "org-name", people[i].org_name);
		web_attr(e, "roles", people[i].roles);
		web_attr(e, "password", people[i].has_password ? "yes" : NULL);
	}
	list = web_el(a, "cas", NULL);
	for (size_t i = 0; i < ncas; i++) {
		xmlNodePtr e = web_el(list, "ca", NULL);
		web_attr(e, "fingerprint", cas[i].fingerprint);
		web_attr(e, "subject", cas[i].subject);
		web_attr(e, "not-after", cas[i].not_after);
	}
	if (ok)
		web_notice(&p, "ok", ok);
	if (problem)
		web_notice(&p, "error", problem);
	ov_org_list_free(orgs, norgs);
	ov_person_list_free(people, npeople);
	ov_trust_list_free(cas, ncas);
	return web_page_send(r, &p, status);
}

static int admin_change(web_req *r, const char *what)
{
	const char *v = NULL;
	int err;

	if (!strcmp(what, "org")) {
		static const char *keys[] = { "name", "kind", "orgnr", "address", "contact",
					      "contact-email", "contact-phone" };
		ov_param p[7];
		size_t n = 0;
		for (size_t i = 0; i < 7; i++)
			if ((v = web_param_get(r, keys[i])) && *v) {
				p[n].key = keys[i];
				p[n++].value = v;
			}
		err = ov_org_add(r->ws, r->user, p, n);
	} else if (!strcmp(what, "enhet")) {
		err = ov_org_unit(r->ws, r->user, web_param_get(r, "orgnr"), web_param_get(r, "name"));
	} else if (!strcmp(what, "firmatecknare")) {
		err = ov_org_signatory(r->ws, r->user, web_param_get(r, "orgnr"),
				       web_param_get(r, "name"), web_param_get(r, "title"),
				       web_param_get(r, "email"));
	} else if (!strcmp(what, "person")) {
		ov_buf roles = OV_BUF_INIT;
		for (size_t i = 0; i < r->nparams; i++)
			if (!strcmp(r->params[i].key, "roles") && r->params[i].value.size)
				ov_buf_printf(&roles, "%s%s", roles.size ? " " : "",
					      r->params[i].value.ptr);
		err = ov_person_add(r->ws, r->user, web_param_get(r, "email"),
				    web_param_get(r, "name"), web_param_get(r, "orgnr"),
				    roles.ptr ? roles.ptr : "");
		ov_buf_dispose(&roles);
	} else if (!strcmp(what, "losenord")) {
		err = ov_account_set_password(r->ws, web_param_get(r, "email"),
					      web_param_get(r, "password"));
	} else if (!strcmp(what, "ca")) {
		const web_param *f = web_param_find(r, "pem");
		err = f && f->value.size
			? ov_trust_add(r->ws, r->user, f->value.ptr, f->value.size,
				       f->filename ? f->filename : "CA")
			: ov_error_set(OV_EINVALID, "choose a CA certificate file (PEM)");
	} else if (!strcmp(what, "ca-bort")) {
		err = ov_trust_remove(r->ws, r->user, web_param_get(r, "fingerprint"));
	} else {
		return web_not_found(r);
	}
	if (err < 0) {
		char *problem = web_take_error(err);
		int rc;
		rc = admin_page(r, 400, NULL, problem);
		free(problem);
		return rc;
	}
	return admin_page(r, 200, "Ändringen är sparad.", NULL);
}

int web_page_admin(web_req *r, char **parts, size_t nparts)
{
	ov_person_info *me = NULL;
	int admin;

	if (ov_person_get(&me, r->ws, r->user) < 0)
		ov_error_clear();
	admin = me && ov_person_has_role(me, "admin");
	ov_person_info_free(me);
	if (!admin)
		return web_send_error(r, 403, "Ingen behörighet",
				      "Administrationen är till för arbetsytans administratörer.");
	if (nparts == 0 && !r->post)
		return admin_page(r, 200, NULL, NULL);
	if (nparts == 1 && r->post)
		return admin_change(r, parts[0]);
	return web_not_found(r);
}
