/*
 * guards.c - who may take a step, and whether its requirements hold.
 *
 * An actor may act when they act for a party of the agreement (a party
 * of their organisation: any one when they act for all of it, else one
 * that is one of their units), one of their roles is among the step's,
 * and (party="own") they may act for the party the event names.  A
 * step's requirements are XPath tests over the agreement document with
 * $date, $party and $actor bound; each that fails adds its Swedish text
 * to the list of what is missing.
 */
#include <stdlib.h>
#include <string.h>

#include "overens/lazy_xml.h"

#include "overens/error.h"
#include "engine/lifecycle/engine.h"
#include "engine/base/words.h"
#include "engine/base/xmlsafe.h"

/* --- who may act ---------------------------------------------------------- */

int ov_actor_acts_for(const ov_person *actor, xmlNodePtr party)
{
	char *o, *u;
	int ok;

	if (!actor || !party)
		return 0;
	o = ov_xml_text(ov_xml_child(party, "orgnr"));
	ok = o && !strcmp(o, actor->orgnr);
	free(o);
	if (!ok || !actor->nunits)
		return ok;
	u = ov_xml_text(ov_xml_child(party, "unit"));
	ok = u && *u && ov_person_acts_for_unit(actor, u);
	free(u);
	return ok;
}

/* The parties `actor` may act for, role by role: how many, and the roles (free()). */
static size_t actor_parties(char **roles, xmlDocPtr doc, const ov_person *actor)
{
	xmlNodePtr parties = ov_xml_child(xmlDocGetRootElement(doc), "parties"), c;
	ov_buf out = OV_BUF_INIT;
	size_t n = 0;

	for (c = parties ? parties->children : NULL; c; c = c->next) {
		char *role;
		if (c->type != XML_ELEMENT_NODE || !ov_actor_acts_for(actor, c))
			continue;
		role = ov_xml_attr(c, "role");
		ov_buf_printf(&out, "%s%s", n ? " " : "", role ? role : "");
		free(role);
		n++;
	}
	if (roles)
		*roles = ov_buf_detach(&out);
	else
		ov_buf_dispose(&out);
	return n;
}

char *ov_actor_party_role(xmlDocPtr doc, const ov_person *actor, int only)
{
	char *roles = NULL, *sp;
	size_t n = actor_parties(&roles, doc, actor);

	if (!n || (only && n > 1)) {
		free(roles);
		return NULL;
	}
	if ((sp = strchr(roles, ' ')) != NULL)
		*sp = '\0';
	return roles;
}

/* "212000-2247" or "212000-2247 (Socialtjänsten, Överförmyndarnämnden)". */
static void put_actor_org(ov_buf *b, const ov_person *actor)
{
	ov_buf_puts(b, actor->orgnr);
	for (size_t i = 0; i < actor->nunits; i++)
		ov_buf_printf(b, "%s%s", i ? ", " : " (", actor->units[i]);
	if (actor->nunits)
		ov_buf_putc(b, ')');
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
 * Party `party` is of the actor's organisation, but the actor acts only for
 * other units of it: OV_EDENIED saying so; OV_OK when that is not the case.
 */
static int refuse_unit(const ov_person *actor, xmlNodePtr party, const char *what)
{
	char *o = ov_xml_text(ov_xml_child(party, "orgnr")), *u, *role;
	ov_buf units = OV_BUF_INIT;
	int err = OV_OK;

	if (!o || strcmp(o, actor->orgnr) || !actor->nunits) {
		free(o);
		return OV_OK;
	}
	u = ov_xml_text(ov_xml_child(party, "unit"));
	role = ov_xml_attr(party, "role");
	for (size_t i = 0; i < actor->nunits; i++)
		ov_buf_printf(&units, "%s'%s'", i ? ", " : "", actor->units[i]);
	if (!u || !*u)
		err = ov_error_set(OV_EDENIED, "%s: %s acts only for the unit %s of %s, and party "
				   "'%s' is the whole organisation", what, actor->email, units.ptr,
				   o, role ? role : "?");
	else
		err = ov_error_set(OV_EDENIED, "%s: %s acts only for the unit %s of %s, and party "
				   "'%s' is its unit '%s'", what, actor->email, units.ptr, o,
				   role ? role : "?", u);
	ov_buf_dispose(&units);
	free(role);
	free(u);
	free(o);
	return err;
}

/* The first party of the actor's organisation that the actor may not act for, or NULL. */
static xmlNodePtr other_unit_party(xmlDocPtr doc, const ov_person *actor)
{
	xmlNodePtr parties = ov_xml_child(xmlDocGetRootElement(doc), "parties"), c;

	for (c = parties ? parties->children : NULL; c; c = c->next) {
		char *o;
		int same;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		o = ov_xml_text(ov_xml_child(c, "orgnr"));
		same = o && !strcmp(o, actor->orgnr);
		free(o);
		if (same)
			return c;
	}
	return NULL;
}

/* Refuses an actor who may not act for party `role` (party="own" steps). */
static int check_own_party(xmlDocPtr doc, const ov_person *actor, const char *role,
			   const char *what)
{
	xmlNodePtr target;
	char *mine = NULL;
	int err;

	if (!role || !*role)
		return ov_error_set(OV_EINVALID, "%s: name the party with --party", what);
	if (!(target = ov_party_by_role(doc, role)))
		return ov_error_set(OV_EINVALID, "%s: the agreement has no party '%s'", what, role);
	if (ov_actor_acts_for(actor, target))
		return OV_OK;
	if (actor_parties(&mine, doc, actor) > 1)
		err = ov_error_set(OV_EDENIED,
			"%s: %s acts for the parties '%s' and may not act for party '%s'",
			what, actor->email, mine, role);
	else
		err = ov_error_set(OV_EDENIED,
			"%s: %s acts for party '%s' and may not act for party '%s'",
			what, actor->email, mine && *mine ? mine : "?", role);
	free(mine);
	return err;
}

/*
 * Refuses an actor who acts for no party of the agreement, lacks the
 * step's roles, or (party="own") may not act for the party `role`.  An
 * actor of a party's organisation who acts only for other units of it is
 * told so.
 */
int ov_check_actor(xmlDocPtr doc, const ov_person *actor, const char *roles,
		   int party_own, const char *role, const char *what)
{
	if (!actor_parties(NULL, doc, actor)) {
		ov_buf org = OV_BUF_INIT;
		xmlNodePtr same = actor ? other_unit_party(doc, actor) : NULL;
		int err;
		if (same)
			return refuse_unit(actor, same, what);
		put_actor_org(&org, actor);
		err = ov_error_set(OV_EDENIED,
			"%s: %s acts for %s, which is not a party of this agreement",
			what, actor->email, org.ptr);
		ov_buf_dispose(&org);
		return err;
	}
	if (!ov_roles_intersect(actor->roles, roles))
		return ov_error_set(OV_EDENIED,
			"%s: %s has the roles '%s'; this step needs one of '%s'",
			what, actor->email, actor->roles, roles);
	return party_own ? check_own_party(doc, actor, role, what) : OV_OK;
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
	if (!actor_parties(NULL, doc, actor)) {
		ov_buf_printf(&why, "%s företräder organisation ", actor->name);
		put_actor_org(&why, actor);
		ov_buf_puts(&why, ", som inte är part i avtalet.");
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
