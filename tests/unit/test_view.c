/*
 * test_view.c - the queries a client draws its pages from (overens/query.h):
 * agreements of one organisation with paging, who may read an agreement,
 * the status as an acting person sees it (may, label, party roles, why
 * not), every phase's questions, a step's inputs, the installed workflows,
 * and the årshjul of one organisation (overens/render.h).
 *
 * One workspace for all tests: a krets (K) and two municipalities (S, U);
 * people with different roles; agreements A1 (K+S, taken to active), A2
 * (K+U) and A3 (K+S).  The data folder is the installed one plus the
 * fixture workflow with declared steps (styrgrupp).
 */
#include <stdlib.h>
#include <string.h>

#include "ovtest.h"
#include "ovtest_shell.h"
#include "overens/agreement.h"
#include "overens/buf.h"
#include "overens/organisation.h"
#include "overens/person.h"
#include "overens/query.h"
#include "overens/render.h"
#include "overens/workspace.h"

#define K "802002-8711"
#define S "212000-0258"
#define U "212000-2247"

#define ASA "asa@stad.example.se"      /* S official */
#define PER "per@stad.example.se"      /* S signatory */
#define KARIN "karin@krets.example.org" /* K official */
#define LARS "lars@krets.example.org"  /* K board signatory */
#define ULLA "ulla@umea.example.se"    /* U official: outsider to A1 */
#define GUN "gun@umea.example.se"      /* U reviewer */
#define ADAM "adam@umea.example.se"    /* U admin */

static ov_workspace *ws;
static char *a1, *a2, *a3, *a4;

static int add_org(const char *orgnr, const char *kind, const char *name)
{
	ov_param p[] = { { "name", name }, { "kind", kind }, { "orgnr", orgnr } };

	return ov_org_add(ws, ASA, p, 3);
}

static int new_agreement(char **id, const char *actor, const char *wf, const char *kommun,
			 const char *title)
{
	ov_param p[] = { { "krets", K }, { "kommun", kommun } };

	return ov_agreement_create(id, ws, actor, wf, p, 2, title, "2026-01-12");
}

static int event1(const char *actor, const char *id, const char *event, const char *k1,
		  const char *v1, const char *k2, const char *v2, const char *date)
{
	ov_param p[] = { { k1, v1 }, { k2, v2 } };

	return ov_agreement_event(ws, actor, id, event, p, k2 ? 2 : k1 ? 1 : 0, date);
}

static int register_all(void)
{
	int err;

	if ((err = add_org(K, "krets", "Helsingborgs rödakorskrets")) < 0 ||
	    (err = add_org(S, "kommun", "Helsingborgs stad")) < 0 ||
	    (err = add_org(U, "kommun", "Umeå kommun")) < 0 ||
	    (err = ov_org_signatory(ws, ASA, K, "Lars Öberg", "Ordförande", LARS)) < 0 ||
	    (err = ov_org_signatory(ws, ASA, S, "Per Ståhl", "Chef", PER)) < 0 ||
	    (err = ov_person_add(ws, ASA, ASA, "Åsa Lind", S, "official")) < 0 ||
	    (err = ov_person_add(ws, ASA, PER, "Per Ståhl", S, "signatory")) < 0 ||
	    (err = ov_person_add(ws, ASA, KARIN, "Karin Ek", K, "official")) < 0 ||
	    (err = ov_person_add(ws, ASA, LARS, "Lars Öberg", K, "board signatory")) < 0 ||
	    (err = ov_person_add(ws, ASA, ULLA, "Ulla Berg", U, "official")) < 0 ||
	    (err = ov_person_add(ws, ASA, GUN, "Gun Granskare", U, "reviewer")) < 0)
		return err;
	return ov_person_add(ws, ASA, ADAM, "Adam Admin", U, "admin");
}

/* A1 through contact and both decisions, to the needs mapping. */
static int a1_to_needs(void)
{
	int err;

	if ((err = event1(ASA, a1, "contact", "with", "Karin Ek", NULL, NULL, "2026-01-12")) < 0 ||
	    (err = event1(LARS, a1, "decide", "party", "krets", "minutes", "§ 12",
			  "2026-02-10")) < 0)
		return err;
	return event1(ASA, a1, "decide", "party", "kommun", "minutes", "§ 34", "2026-02-19");
}

static int a1_set(const char *field, const char *value)
{
	return ov_agreement_set(ws, ASA, a1, field, value, "2026-02-20");
}

/* A1 from the needs mapping to signing (frozen). */
static int a1_to_signing(void)
{
	static const char *const fields[][2] = {
		{ "behov.lokala", "Samtalsgrupper" }, { "behov.kretsen", "Samtalsledare" },
		{ "behov.kommunen", "Lokal" }, { "uppdrag.vem", "Kretsen" },
		{ "uppdrag.omfattning", "Två grupper" }, { "uppdrag.hur", "På centret" },
		{ "uppdrag.ingar-inte", "Omvårdnad" }, { "ekonomi.kommunen", "Fika" },
		{ "ekonomi.kommunen", "Lokal" }, { "avtalstid.start", "2026-04-01" },
		{ "ort", "Helsingborg" },
	};
	int err;

	for (size_t i = 0; i < 3; i++)
		if ((err = a1_set(fields[i][0], fields[i][1])) < 0)
			return err;
	if ((err = event1(ASA, a1, "needs", NULL, NULL, NULL, NULL, "2026-02-26")) < 0)
		return err;
	for (size_t i = 3; i < sizeof(fields) / sizeof(fields[0]); i++)
		if ((err = a1_set(fields[i][0], fields[i][1])) < 0)
			return err;
	return event1(ASA, a1, "assign", NULL, NULL, NULL, NULL, "2026-03-10");
}

static int a1_sign_all(void)
{
	int err;

	if ((err = event1(LARS, a1, "sign", "party", "krets", NULL, NULL, "2026-03-20")) < 0)
		return err;
	return event1(PER, a1, "sign", "party", "kommun", NULL, NULL, "2026-03-24");
}

/* The data folder: the installed workflows and templates plus styrgrupp.xml. */
static int make_data(void)
{
	const char *t = tmpdir();

	return run(NULL, "mkdir -p '%s/data/workflows' && ln -s '%s/templates' '%s/data/templates'"
		   " && cp '%s'/workflows/*.xml '%s'/workflows/*.rng '%s/data/workflows/'"
		   " && cp -r '%s/workflows/subjects' '%s/data/workflows/'"
		   " && cp '%s/tests/fixtures/workflows/styrgrupp.xml' '%s/data/workflows/'",
		   t, OV_SOURCE_DIR, t, OV_SOURCE_DIR, OV_SOURCE_DIR, t, OV_SOURCE_DIR, t,
		   OV_SOURCE_DIR, t);
}

TEST(setup)
{
	ov_buf dir = OV_BUF_INIT, data = OV_BUF_INIT;

	CHECK_INT(make_data(), 0);
	ov_buf_printf(&data, "%s/data", tmpdir());
	setenv("OVERENS_DATA", data.ptr, 1);
	ov_buf_printf(&dir, "%s/ws", tmpdir());
	CHECK_OK(ov_workspace_init(dir.ptr));
	CHECK_OK(ov_workspace_open(&ws, dir.ptr));
	ov_buf_dispose(&dir);
	ov_buf_dispose(&data);
	CHECK_OK(register_all());
	CHECK_OK(new_agreement(&a1, ASA, "samverkansavtal", S, "Avtal Helsingborg"));
	CHECK_OK(new_agreement(&a2, ULLA, "samverkansavtal", U, "Avtal Umeå"));
	CHECK_OK(new_agreement(&a3, KARIN, "samverkansavtal", S, "Tredje avtalet"));
	CHECK_OK(new_agreement(&a4, KARIN, "styrgrupp", S, "Styrgruppens avtal"));
	CHECK_OK(a1_to_needs());
}

/* The ids of `rows`, space-separated, in a static buffer. */
static const char *ids_of(const ov_list_row *rows, size_t n)
{
	static char buf[256];

	buf[0] = '\0';
	for (size_t i = 0; i < n; i++)
		snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "%s%s", i ? " " : "",
			 rows[i].id);
	return buf;
}

/* list_for(orgnr, limit, offset): the ids, and the total in *total. */
static const char *list_for(const char *orgnr, size_t limit, size_t offset, size_t *total)
{
	ov_list_row *rows = NULL;
	size_t n = 0;
	const char *ids;

	*total = 999;
	if (ov_agreement_list_for(&rows, &n, ws, orgnr, "2026-01-01", limit, offset, total) < 0)
		return "(error)";
	ids = ids_of(rows, n);
	ov_list_free(rows, n);
	return ids;
}

TEST(list_for_filters_and_pages)
{
	ov_list_row *rows = NULL;
	size_t n = 0, total = 0;
	char want[128];

	CHECK(ws && a1 && a2 && a3 && a4);
	snprintf(want, sizeof(want), "%s %s %s %s", a1, a2, a3, a4);
	CHECK_STR(list_for(NULL, 0, 0, &total), want);
	CHECK_INT(total, 4);
	snprintf(want, sizeof(want), "%s %s %s", a1, a3, a4);
	CHECK_STR(list_for(S, 0, 0, &total), want);
	CHECK_INT(total, 3);
	CHECK_STR(list_for(U, 0, 0, &total), a2);
	CHECK_INT(total, 1);
	/* A number written without its dash is the same organisation. */
	CHECK_STR(list_for("2120002247", 0, 0, &total), a2);
	/* Pages of the krets's four: the total stays the number of matches. */
	snprintf(want, sizeof(want), "%s %s", a2, a3);
	CHECK_STR(list_for(K, 2, 1, &total), want);
	CHECK_INT(total, 4);
	CHECK_STR(list_for(K, 2, 3, &total), a4);
	CHECK_INT(total, 4);
	CHECK_STR(list_for(K, 2, 4, &total), "");
	CHECK_INT(total, 4);
	CHECK_STR(list_for("556000-0000", 0, 0, &total), "");
	CHECK_INT(total, 0);
	/* Same rows as ov_agreement_list; total may be NULL. */
	CHECK_OK(ov_agreement_list_for(&rows, &n, ws, S, "2026-01-01", 1, 0, NULL));
	CHECK_INT(n, 1);
	CHECK_STR(rows[0].id, a1);
	CHECK_STR(rows[0].title, "Avtal Helsingborg");
	CHECK_STR(rows[0].workflow, "samverkansavtal");
	CHECK_STR(rows[0].phase, "kartlaggning");
	ov_list_free(rows, n);
}

/* ov_agreement_list_each's callback: ids and titles seen, and a stop after `stop_after` rows. */
typedef struct each_seen {
	char rows[512];
	size_t n, stop_after;
} each_seen;

static int each_cb(const ov_list_row *r, void *payload)
{
	each_seen *e = payload;
	size_t len = strlen(e->rows);

	snprintf(e->rows + len, sizeof(e->rows) - len, "%s%s=%s", e->n ? "|" : "", r->id,
		 r->title);
	if (++e->n == e->stop_after)
		return 42;
	return 0;
}

/*
 * The rows one at a time, in the order of their ids, each with its title;
 * a non-zero return from the callback stops the list and is what it
 * returns; a day that is no date is refused before any row.
 */
TEST(list_each_streams_the_rows)
{
	each_seen all = { "", 0, 0 }, some = { "", 0, 2 }, none = { "", 0, 0 };
	char want[512];

	CHECK(ws && a1 && a2 && a3 && a4);
	snprintf(want, sizeof(want), "%s=Avtal Helsingborg|%s=Avtal Umeå|%s=Tredje avtalet|"
		 "%s=Styrgruppens avtal", a1, a2, a3, a4);
	CHECK_OK(ov_agreement_list_each(ws, NULL, "2026-01-01", 0, 0, each_cb, &all));
	CHECK_INT(all.n, 4);
	CHECK_STR(all.rows, want);
	CHECK_INT(ov_agreement_list_each(ws, NULL, "2026-01-01", 0, 0, each_cb, &some), 42);
	CHECK_INT(some.n, 2);
	snprintf(want, sizeof(want), "%s=Avtal Helsingborg|%s=Avtal Umeå", a1, a2);
	CHECK_STR(some.rows, want);
	CHECK_ERR(ov_agreement_list_each(ws, NULL, "2026-13-01", 0, 0, each_cb, &none),
		  OV_EINVALID);
	CHECK_INT(none.n, 0);
}

TEST(may_read)
{
	CHECK(ws && a1);
	CHECK_OK(ov_agreement_may_read(ws, ASA, a1));
	CHECK_OK(ov_agreement_may_read(ws, KARIN, a1));
	CHECK_ERR(ov_agreement_may_read(ws, ULLA, a1), OV_EDENIED);
	CHECK_CONTAINS(ov_error_last()->message, ULLA);
	CHECK_CONTAINS(ov_error_last()->message, a1);
	ov_error_clear();
	CHECK_OK(ov_agreement_may_read(ws, ULLA, a2));
	/* A reviewer and an admin of another organisation may read it. */
	CHECK_OK(ov_agreement_may_read(ws, GUN, a1));
	CHECK_OK(ov_agreement_may_read(ws, ADAM, a1));
	CHECK_ERR(ov_agreement_may_read(ws, ULLA, "2026-0099"), OV_ENOTFOUND);
	CHECK_ERR(ov_agreement_may_read(ws, "nobody@example.se", a1), OV_EDENIED);
	ov_error_clear();
}

/* The step `event` of a status, or NULL. */
static const ov_status_step *step_of(const ov_status *st, const char *event)
{
	for (size_t i = 0; st && i < st->nsteps; i++)
		if (!strcmp(st->steps[i].event, event))
			return &st->steps[i];
	return NULL;
}

TEST(status_for_the_acting_person)
{
	ov_status *st = NULL;
	const ov_status_step *s;

	CHECK(ws && a3);
	/* A3 is in its first phase: contact. */
	CHECK_OK(ov_agreement_status_for(&st, ws, a3, "2026-01-12", KARIN));
	s = step_of(st, "contact");
	CHECK(s != NULL);
	CHECK_INT(s->may, 1);
	CHECK_STR(s->label, "Första kontakt");
	CHECK(s->party_roles == NULL && s->denied == NULL && s->fields == NULL);
	CHECK_STR(st->actor_orgnr, K);
	ov_status_free(st);
	/* Someone of another organisation: may not, and why. */
	CHECK_OK(ov_agreement_status_for(&st, ws, a3, "2026-01-12", ULLA));
	s = step_of(st, "contact");
	CHECK(s != NULL);
	CHECK_INT(s->may, 0);
	CHECK_CONTAINS(s->denied, "Ulla Berg företräder organisation " U ", som inte är part");
	CHECK(s->party_roles == NULL);
	CHECK_STR(st->actor_orgnr, U);
	ov_status_free(st);
	/* A party's person without the step's roles. */
	CHECK_OK(ov_agreement_status_for(&st, ws, a3, "2026-01-12", PER));
	s = step_of(st, "contact");
	CHECK(s != NULL);
	CHECK_INT(s->may, 0);
	CHECK_STR(s->denied, "Steget tas av tjänsteperson eller styrelse eller nämnd; "
		  "Per Ståhl är firmatecknare.");
	ov_status_free(st);
	CHECK_ERR(ov_agreement_status_for(&st, ws, a3, NULL, "nobody@example.se"), OV_EDENIED);
	CHECK(st == NULL);
	ov_error_clear();
}

TEST(status_party_roles_name_only_the_actors_party)
{
	ov_status *st = NULL;
	const ov_status_step *s;

	CHECK(ws && a1);
	CHECK_OK(a1_to_signing());
	CHECK_OK(ov_agreement_status_for(&st, ws, a1, "2026-03-10", LARS));
	CHECK_STR(st->phase, "signering");
	s = step_of(st, "sign");
	CHECK(s != NULL);
	CHECK_INT(s->party_own, 1);
	CHECK_INT(s->may, 1);
	CHECK_STR(s->party_roles, "krets");
	CHECK_STR(s->label, "Underteckna");
	CHECK_STR(step_of(st, "cancel-signing")->label, "Avbryt undertecknandet");
	ov_status_free(st);
	CHECK_OK(ov_agreement_status_for(&st, ws, a1, "2026-03-10", PER));
	s = step_of(st, "sign");
	CHECK(s != NULL);
	CHECK_INT(s->may, 1);
	CHECK_STR(s->party_roles, "kommun");
	/* Per may sign but not cancel the signing. */
	CHECK_INT(step_of(st, "cancel-signing")->may, 0);
	CHECK(step_of(st, "cancel-signing")->denied != NULL);
	ov_status_free(st);
	/* Without an actor: nobody may, the labels are there. */
	CHECK_OK(ov_agreement_status(&st, ws, a1, "2026-03-10"));
	s = step_of(st, "sign");
	CHECK(s != NULL);
	CHECK_INT(s->may, 0);
	CHECK_STR(s->label, "Underteckna");
	CHECK(s->party_roles == NULL && s->denied != NULL && st->actor_orgnr == NULL);
	CHECK_INT(st->nfollowup, 0);
	ov_status_free(st);
}

TEST(status_followup_questions_when_active)
{
	ov_status *st = NULL;

	CHECK(ws && a1);
	CHECK_OK(a1_sign_all());
	CHECK_OK(ov_agreement_status_for(&st, ws, a1, "2026-03-24", ASA));
	CHECK_STR(st->phase, "aktivt");
	CHECK_INT(st->nfollowup, 6);
	CHECK_STR(st->followup[0].field, "andra");
	CHECK_STR(st->followup[0].text, "Behöver något i avtalet ändras?");
	CHECK(st->followup[0].value == NULL && st->followup[0].label == NULL);
	CHECK_STR(step_of(st, "followup")->label, "Uppföljning");
	CHECK_STR(step_of(st, "amend")->label, "Föreslå ändring");
	CHECK_STR(step_of(st, "terminate")->label, "Säg upp");
	CHECK_STR(step_of(st, "terminate")->party_roles, "kommun");
	ov_status_free(st);
}

/* The form question `field`, or NULL. */
static const ov_form_question *question(const ov_form_question *q, size_t n, const char *field)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(q[i].field, field))
			return &q[i];
	return NULL;
}

TEST(form_every_phase)
{
	ov_form_question *q = NULL;
	const ov_form_question *f;
	size_t n = 0;

	CHECK(ws && a1 && a3);
	/* A1 is active (frozen): values filled, nothing editable. */
	CHECK_OK(ov_agreement_form(&q, &n, ws, a1));
	CHECK(n > 10);
	f = question(q, n, "kontakt.med");
	CHECK(f != NULL);
	CHECK_STR(f->phase, "kontakt");
	CHECK_STR(f->phase_label, "Skapa kontakt");
	CHECK_STR(f->value, "Karin Ek");
	CHECK_STR(f->label, "Kontakt togs med");
	CHECK_INT(f->current, 0);
	CHECK_INT(f->editable, 0);
	f = question(q, n, "ekonomi.kommunen");
	CHECK(f != NULL);
	CHECK_STR(f->phase, "uppdrag");
	CHECK_STR(f->type, "costs");
	CHECK_STR(f->value, "Fika\nLokal");
	f = question(q, n, "behov.malgrupp");
	CHECK(f && f->value == NULL && f->help != NULL);
	ov_form_free(q, n);
	/* A3 is in contact: its questions are current and editable. */
	CHECK_OK(ov_agreement_form(&q, &n, ws, a3));
	f = question(q, n, "kontakt.anteckningar");
	CHECK(f != NULL);
	CHECK_INT(f->current, 1);
	CHECK_INT(f->editable, 1);
	f = question(q, n, "bakgrund");
	CHECK(f != NULL);
	CHECK_INT(f->current, 0);
	CHECK_INT(f->editable, 1);
	ov_form_free(q, n);
	CHECK_ERR(ov_agreement_form(&q, &n, ws, "2026-0099"), OV_ENOTFOUND);
	CHECK(q == NULL && n == 0);
	ov_error_clear();
}

/* The input named `name`, or NULL. */
static const ov_step_input *input(const ov_step_input *in, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(in[i].name, name))
			return &in[i];
	return NULL;
}

TEST(step_inputs_of_builtin_events)
{
	ov_step_input *in = NULL;
	const ov_step_input *i;
	size_t n = 0;

	CHECK(ws && a1 && a3);
	CHECK_OK(ov_step_inputs(&in, &n, ws, a3, "decide"));
	CHECK_INT(n, 5);
	i = input(in, n, "party");
	CHECK(i != NULL);
	CHECK_STR(i->type, "party");
	CHECK_INT(i->required, 1);
	CHECK_STR(i->choices, "krets|Helsingborgs rödakorskrets\nkommun|Helsingborgs stad");
	i = input(in, n, "minutes");
	CHECK(i && i->required && !strcmp(i->label, "Protokollsparagraf"));
	i = input(in, n, "outcome");
	CHECK(i != NULL);
	CHECK_STR(i->type, "choice");
	CHECK_STR(i->choices, "bifall|Bifall\navslag|Avslag");
	ov_step_inputs_free(in, n);

	CHECK_OK(ov_step_inputs(&in, &n, ws, a1, "followup"));
	CHECK_INT(n, 7);
	CHECK_STR(in[0].name, "decision");
	CHECK_CONTAINS(in[0].choices, "terminate|");
	i = input(in, n, "answer.andra");
	CHECK(i != NULL);
	CHECK_STR(i->label, "Behöver något i avtalet ändras?");
	CHECK_INT(i->required, 1);
	ov_step_inputs_free(in, n);

	CHECK_OK(ov_step_inputs(&in, &n, ws, a1, "sign"));
	CHECK_INT(n, 2);
	CHECK(input(in, n, "party") && input(in, n, "place"));
	ov_step_inputs_free(in, n);

	CHECK_OK(ov_step_inputs(&in, &n, ws, a1, "needs"));
	CHECK_INT(n, 0);
	ov_step_inputs_free(in, n);

	CHECK_ERR(ov_step_inputs(&in, &n, ws, a1, "dance"), OV_EINVALID);
	CHECK(in == NULL && n == 0);
	ov_error_clear();
}

TEST(step_inputs_of_a_declared_step)
{
	ov_step_input *in = NULL;
	const ov_step_input *i;
	ov_status *st = NULL;
	size_t n = 0;

	CHECK(ws && a4);
	CHECK_OK(ov_step_inputs(&in, &n, ws, a4, "styrgrupp-godkanner"));
	CHECK_INT(n, 3);
	CHECK_STR(in[0].name, "party");
	CHECK_INT(in[0].required, 0);
	i = input(in, n, "set:bakgrund");
	CHECK(i != NULL);
	CHECK_STR(i->label, "Styrgruppens motivering");
	CHECK_STR(i->type, "text");
	i = input(in, n, "set:styrgrupp");
	CHECK(i != NULL);
	CHECK_STR(i->label, "Styrgruppens ledamöter");
	ov_step_inputs_free(in, n);

	CHECK_OK(event1(KARIN, a4, "contact", "with", "Karin Ek", NULL, NULL, "2026-01-12"));
	CHECK_OK(ov_agreement_status_for(&st, ws, a4, "2026-01-12", LARS));
	CHECK_STR(step_of(st, "styrgrupp-godkanner")->label, "styrgruppen godkänner samarbetet");
	CHECK_STR(step_of(st, "styrgrupp-godkanner")->fields, "bakgrund styrgrupp");
	CHECK_INT(step_of(st, "styrgrupp-godkanner")->may, 1);
	ov_status_free(st);
	CHECK_OK(ov_agreement_status_for(&st, ws, a4, "2026-01-12", KARIN));
	CHECK_INT(step_of(st, "styrgrupp-godkanner")->may, 0);
	CHECK_INT(step_of(st, "styrgrupp-noterar")->may, 1);
	ov_status_free(st);
}

TEST(workflow_list)
{
	ov_workflow_info *w = NULL;
	size_t n = 0;

	CHECK(ws);
	CHECK_OK(ov_workflow_list(&w, &n, ws));
	CHECK_INT(n, 3);
	CHECK_STR(w[0].id, "overenskommelse");
	CHECK_STR(w[1].id, "samverkansavtal");
	CHECK_STR(w[2].id, "styrgrupp");
	CHECK_STR(w[1].title, "Samarbetsavtal mellan rödakorskrets och kommun");
	CHECK_STR(w[1].kind, "Samarbetsavtal");
	CHECK_INT(w[1].min_parties, 2);
	CHECK_INT(w[1].max_parties, 2);
	CHECK_INT(w[1].nparties, 2);
	CHECK_STR(w[1].parties[0].role, "krets");
	CHECK_STR(w[1].parties[0].label, "Kretsen");
	CHECK_STR(w[1].parties[0].kinds, "krets förening");
	ov_workflow_list_free(w, n);
}

/* The årshjul (calendar, all agreements) as iCalendar for `orgnr`. */
static int arshjul(ov_buf *out, const char *orgnr)
{
	ov_render_opts o = OV_RENDER_OPTS_INIT;

	o.doc = "calendar";
	o.format = "ics";
	o.all = 1;
	o.orgnr = orgnr;
	ov_buf_clear(out);
	return ov_render(out, ws, NULL, &o);
}

TEST(arshjul_of_one_organisation)
{
	ov_buf b = OV_BUF_INIT;

	CHECK(ws && a2);
	CHECK_OK(ov_agreement_set(ws, ULLA, a2, "avtalstid.start", "2026-05-01", "2026-01-20"));
	/* a2 has a start but nobody has signed it: a draft has no dates to show. */
	CHECK_OK(arshjul(&b, NULL));
	CHECK_CONTAINS(b.ptr, "Avtal Helsingborg");
	CHECK(!strstr(b.ptr, "Avtal Umeå"));
	CHECK_OK(arshjul(&b, U));
	CHECK(!strstr(b.ptr, "Avtal Umeå"));
	CHECK(!strstr(b.ptr, "Avtal Helsingborg"));
	CHECK_OK(arshjul(&b, S));
	CHECK_CONTAINS(b.ptr, "Avtal Helsingborg");
	CHECK(!strstr(b.ptr, "Avtal Umeå"));
	ov_buf_dispose(&b);
}

/*
 * A party that is a unit of its organisation (U:Socialtjänsten): a person
 * of U who acts for another unit neither reads nor acts for it; one who
 * acts for that unit, or for all of U, does.
 */
TEST(units_decide_who_reads_and_acts)
{
	static const char *const soc[] = { "Socialtjänsten" };
	static const char *const ofn[] = { "Överförmyndarnämnden" };
	ov_param p[] = { { "krets", K }, { "kommun", U ":Socialtjänsten" } };
	ov_status *st = NULL;
	const ov_status_step *s;
	char *a5 = NULL;

	CHECK(ws != NULL);
	CHECK_OK(ov_org_unit(ws, ASA, U, soc[0]));
	CHECK_OK(ov_org_unit(ws, ASA, U, ofn[0]));
	CHECK_OK(ov_person_add_units(ws, ASA, "sara@umea.example.se", "Sara Berg", U, "official",
				     soc, 1));
	CHECK_OK(ov_person_add_units(ws, ASA, "nils@umea.example.se", "Nils Ås", U, "official",
				     ofn, 1));
	CHECK_OK(ov_agreement_create(&a5, ws, KARIN, "samverkansavtal", p, 2, NULL, "2026-01-12"));
	CHECK_OK(ov_agreement_may_read(ws, "sara@umea.example.se", a5));
	CHECK_OK(ov_agreement_may_read(ws, ULLA, a5));
	CHECK_ERR(ov_agreement_may_read(ws, "nils@umea.example.se", a5), OV_EDENIED);
	ov_error_clear();
	/* A2's party is all of U; a person who acts for one unit of U does not act for it. */
	CHECK_ERR(ov_agreement_may_read(ws, "nils@umea.example.se", a2), OV_EDENIED);
	ov_error_clear();

	CHECK_OK(ov_agreement_status_for(&st, ws, a5, "2026-01-12", "nils@umea.example.se"));
	CHECK(st && st->nparties == 2);
	if (st && st->nparties == 2) {
		CHECK_STR(st->parties[1].unit, "Socialtjänsten");
		CHECK_INT(st->parties[1].own, 0);
		s = step_of(st, "contact");
		CHECK(s && !s->may && s->denied);
		if (s && s->denied)
			CHECK_CONTAINS(s->denied, "212000-2247 (Överförmyndarnämnden), som inte är part");
	}
	ov_status_free(st);
	st = NULL;
	CHECK_OK(ov_agreement_status_for(&st, ws, a5, "2026-01-12", "sara@umea.example.se"));
	CHECK(st && st->nparties == 2 && st->parties[1].own && !st->parties[0].own);
	s = step_of(st, "contact");
	CHECK(s && s->may);
	ov_status_free(st);
	free(a5);
}

TEST(teardown)
{
	ov_workspace_free(ws);
	ws = NULL;
	free(a1);
	free(a2);
	free(a3);
	free(a4);
}

OVT_MAIN(TEST_ENTRY(setup), TEST_ENTRY(list_for_filters_and_pages),
	 TEST_ENTRY(list_each_streams_the_rows), TEST_ENTRY(may_read),
	 TEST_ENTRY(status_for_the_acting_person),
	 TEST_ENTRY(status_party_roles_name_only_the_actors_party),
	 TEST_ENTRY(status_followup_questions_when_active), TEST_ENTRY(form_every_phase),
	 TEST_ENTRY(step_inputs_of_builtin_events), TEST_ENTRY(step_inputs_of_a_declared_step),
	 TEST_ENTRY(workflow_list), TEST_ENTRY(arshjul_of_one_organisation),
	 TEST_ENTRY(units_decide_who_reads_and_acts), TEST_ENTRY(teardown))
