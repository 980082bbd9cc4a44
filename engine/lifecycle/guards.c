/*
 * guards.c - who may take a step, and whether its requirements hold.
 *
 * An actor may act when their organisation is a party of the agreement,
 * one of their roles is among the step's, and (party="own") they act for
 * the party the event names.  A step's requirements are XPath tests over
 * the agreement document with $date, $party and $actor bound; each that
 * fails adds its Swedish text to the list of what is missing.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/xpathInternals.h>

#include "overens/error.h"
#include "engine/lifecycle/engine.h"
#include "engine/base/words.h"
#include "engine/base/xmlsafe.h"

/* --- who may act ---------------------------------------------------------- */

/* The party element whose organisation number is `orgnr`, or NULL. */
static xmlNodePtr party_by_orgnr(xmlDocPtr doc, const char *orgnr)
{
	xmlNodePtr parties = ov_xml_child(xmlDocGetRootElement(doc), "parties"), c;

	for (c = parties ? parties->children : NULL; c; c = c->next) {
		char *o;
		int match;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		o = ov_xml_text(ov_xml_child(c, "orgnr"));
		match = o && !strcmp(o, orgnr);
		free(o);
		if (match)
			return c;
	}
	return NULL;
}

xmlNodePtr ov_party_by_role(xmlDocPtr doc, const char *role)
{
	xmlNodePtr parties = ov_xml_child(xmlDocGetRootElement(doc), "parties"), c;

	for (c = parties ? parties->children : NULL; role && c; c = c->next) {
		char *r;
		int match;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		r = ov_xml_attr(c, "role");
		match = r && !strcmp(r, role);
		free(r);
		if (match)
			return c;
	}
	return NULL;
}

int ov_roles_intersect(const char *have, const char *allowed)
{
	char *copy = strdup(have ? have : ""), *save = NULL, *tok;
	int ok = 0;

	for (tok = strtok_r(copy, " ", &save); copy && tok && !ok; tok = strtok_r(NULL, " ", &save))
		ok = ov_word_in(allowed, tok);
	free(copy);
	return ok;
}

/*
 * Refuses an actor who does not act for a party of the agreement, lacks
 * the step's roles, or (party="own") acts for another party than `role`.
 */
int ov_check_actor(xmlDocPtr doc, const ov_person *actor, const char *roles,
		   int party_own, const char *role, const char *what)
{
	xmlNodePtr mine = party_by_orgnr(doc, actor->orgnr), target;
	char *myrole;

	if (!mine)
		return ov_error_set(OV_EDENIED,
			"%s: %s acts for %s, which is not a party of this agreement",
			what, actor->email, actor->orgnr);
	if (!ov_roles_intersect(actor->roles, roles))
		return ov_error_set(OV_EDENIED,
			"%s: %s has the roles '%s'; this step needs one of '%s'",
			what, actor->email, actor->roles, roles);
	if (party_own) {
		if (!role || !*role)
			return ov_error_set(OV_EINVALID, "%s: name the party with --party", what);
		if (!(target = ov_party_by_role(doc, role)))
			return ov_error_set(OV_EINVALID, "%s: the agreement has no party '%s'",
					    what, role);
		myrole = ov_xml_attr(mine, "role");
		if (!myrole || strcmp(myrole, role)) {
			int err = ov_error_set(OV_EDENIED,
				"%s: %s acts for party '%s' and may not act for party '%s'",
				what, actor->email, myrole ? myrole : "?", role);
			free(myrole);
			return err;
		}
		free(myrole);
	}
	return OV_OK;
}

/* --- who may act, for the people who ask (status_for) --------------------------- */

/* The roles of people in Swedish, for the refusals below. */
static const struct { const char *role, *sv; } role_names[] = {
	{ "official", "tjänsteperson" }, { "board", "styrelse eller nämnd" },
	{ "steering", "styrgrupp" }, { "reviewer", "granskare" },
	{ "signatory", "firmatecknare" }, { "admin", "administratör" },
};

/* Appends the space-separated `roles` in Swedish, separated by `sep`. */
static void put_roles_sv(ov_buf *b, const char *roles, const char *sep)
{
	char *copy = strdup(roles ? roles : ""), *save = NULL, *tok;
	int first = 1;

	for (tok = strtok_r(copy, " ", &save); copy && tok; tok = strtok_r(NULL, " ", &save)) {
		const char *sv = tok;
		for (size_t i = 0; i < sizeof(role_names) / sizeof(role_names[0]); i++)
			if (!strcmp(role_names[i].role, tok))
				sv = role_names[i].sv;
		ov_buf_printf(b, "%s%s", first ? "" : sep, sv);
		first = 0;
	}
	free(copy);
}

/* The party roles `actor` may take a party="own" step for, space-separated (free()). */
static char *own_party_roles(xmlDocPtr doc, const ov_person *actor, const char *roles)
{
	xmlNodePtr parties = ov_xml_child(xmlDocGetRootElement(doc), "parties"), c;
	ov_buf out = OV_BUF_INIT;

	for (c = parties ? parties->children : NULL; c; c = c->next) {
		char *role;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		role = ov_xml_attr(c, "role");
		if (role && ov_check_actor(doc, actor, roles, 1, role, "status") == OV_OK)
			ov_buf_printf(&out, "%s%s", out.size ? " " : "", role);
		ov_error_clear();
		free(role);
	}
	return ov_buf_detach(&out);
}

int ov_actor_may(char **denied, char **party_roles, xmlDocPtr doc, const ov_person *actor,
		 const char *roles, int party_own)
{
	ov_buf why = OV_BUF_INIT;
	int may;

	*denied = NULL;
	*party_roles = NULL;
	if (!actor) {
		*denied = strdup("Ingen person är angiven.");
		return 0;
	}
	may = ov_check_actor(doc, actor, roles, 0, NULL, "status") == OV_OK;
	ov_error_clear();
	if (may && party_own) {
		*party_roles = own_party_roles(doc, actor, roles);
		may = *party_roles && **party_roles;
	}
	if (may)
		return 1;
	if (!party_by_orgnr(doc, actor->orgnr)) {
		ov_buf_printf(&why, "%s företräder organisation %s, som inte är part i avtalet.",
			      actor->name, actor->orgnr);
	} else if (!ov_roles_intersect(actor->roles, roles)) {
		ov_buf_puts(&why, "Steget tas av ");
		put_roles_sv(&why, roles, " eller ");
		ov_buf_printf(&why, "; %s är ", actor->name);
		put_roles_sv(&why, actor->roles, " och ");
		ov_buf_putc(&why, '.');
	} else {
		ov_buf_printf(&why, "%s får inte ta steget för någon av parterna.", actor->name);
	}
	free(*party_roles);
	*party_roles = NULL;
	*denied = ov_buf_detach(&why);
	return 0;
}

/* --- guards ---------------------------------------------------------------- */

static int xpath_bool_vars(int *out, xmlDocPtr doc, const char *expr, const char *where,
			   const char *date, const char *party, const char *actor)
{
	xmlXPathContextPtr xp = xmlXPathNewContext(doc);
	xmlXPathObjectPtr obj = NULL;

	*out = 0;
	if (!xp)
		return ov_error_set(OV_ENOMEM, "out of memory");
	xp->node = xmlDocGetRootElement(doc);
	xmlXPathRegisterVariable(xp, (const xmlChar *)"date",
				 xmlXPathNewCString(date ? date : ""));
	xmlXPathRegisterVariable(xp, (const xmlChar *)"party",
				 xmlXPathNewCString(party ? party : ""));
	xmlXPathRegisterVariable(xp, (const xmlChar *)"actor",
				 xmlXPathNewCString(actor ? actor : ""));
	obj = xmlXPathEvalExpression((const xmlChar *)expr, xp);
	xmlXPathFreeContext(xp);
	if (!obj)
		return ov_error_set(OV_EINVALID, "%s: the expression cannot be evaluated: %s",
				    where, expr);
	*out = xmlXPathCastToBoolean(obj) ? 1 : 0;
	xmlXPathFreeObject(obj);
	return OV_OK;
}

/* Replaces "{party}" in `text` with `name`. */
static void put_with_party(ov_buf *b, const char *text, const char *name)
{
	const char *p = text, *m;

	while ((m = strstr(p, "{party}")) != NULL) {
		ov_buf_put(b, p, (size_t)(m - p));
		ov_buf_puts(b, name);
		p = m + 7;
	}
	ov_buf_puts(b, p);
}

int ov_check_requirements(ov_buf *missing, size_t *count, xmlDocPtr doc,
			  const ov_workflow *wf, const ov_wf_step *st, const char *id,
			  const char *date, const char *party, const char *actor)
{
	ov_buf where = OV_BUF_INIT;
	xmlNodePtr parties = ov_xml_child(xmlDocGetRootElement(doc), "parties"), c;
	int err = OV_OK, ok;

	*count = 0;
	ov_buf_printf(&where, "%s:%d", wf->path, st->line);
	for (size_t i = 0; i < st->nreqs && err >= 0; i++) {
		const ov_wf_require *r = &st->reqs[i];
		if (!r->each_party) {
			if ((err = xpath_bool_vars(&ok, doc, r->test, where.ptr, date, party,
						   actor)) < 0)
				break;
			if (!ok) {
				const ov_wf_field *f = r->field ? ov_workflow_field(wf, r->field) : NULL;
				(*count)++;
				ov_buf_printf(missing, "  - %s", r->text);
				if (f)
					ov_buf_printf(missing, " (overens set %s %s …)", id, f->name);
				ov_buf_putc(missing, '\n');
			}
			continue;
		}
		for (c = parties ? parties->children : NULL; c && err >= 0; c = c->next) {
			char *role, *name;
			if (c->type != XML_ELEMENT_NODE)
				continue;
			role = ov_xml_attr(c, "role");
			err = xpath_bool_vars(&ok, doc, r->test, where.ptr, date, role, actor);
			if (err >= 0 && !ok) {
				name = ov_xml_text(ov_xml_child(c, "name"));
				(*count)++;
				ov_buf_puts(missing, "  - ");
				put_with_party(missing, r->text, name ? name : role);
				ov_buf_putc(missing, '\n');
				free(name);
			}
			free(role);
		}
	}
	ov_buf_dispose(&where);
	return err;
}
