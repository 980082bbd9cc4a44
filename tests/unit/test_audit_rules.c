/*
 * test_audit_rules.c - the history audit's commit rules
 * (engine/lifecycle/audit_rules.c) before a stand-in store: a commit given
 * as trailers and changed paths, files at its parent from a table, and
 * what the rules report recorded as text.  No git: the scenarios
 * fsck_history, crash_sign_faults and verify_forgery check the same rules
 * through the real store.
 */
#include "ovtest.h"
#include "overens/buf.h"
#include "store/workspace.h"
#include "engine/base/xmlsafe.h"
#include "engine/lifecycle/audit_rules.h"

#define PARENT "1111111111111111111111111111111111111111"
#define SELF "2222222222222222222222222222222222222222"
#define EARLIER "3333333333333333333333333333333333333333"

/* What the stand-in store was told, and what it holds. */
typedef struct fake_store {
	const char *last_event;     /* the agreement's last event ("" none) */
	const char *people_path, *people_xml;   /* one file at the parent */
	char said[1024];
} fake_store;

/* Appends what the store was told, " | " between reports. */
static void say(void *store, const char *a, const char *b, const char *c, const char *d)
{
	fake_store *f = store;
	size_t n = strlen(f->said);

	snprintf(f->said + n, sizeof(f->said) - n, "%s%s%s%s%s", n ? " | " : "", a, b, c,
		 d ? d : "(null)");
}

static int fake_read_parent(const ov_ws_audit *a, ov_buf *out, const char *path)
{
	fake_store *f = a->store;

	if (!a->commit->nparents || !f->people_path || strcmp(path, f->people_path))
		return ov_error_set(OV_ENOTFOUND, "%s: not found", path);
	return ov_buf_puts(out, f->people_xml);
}

static int fake_last_event(const ov_ws_audit *a, char out[41], const char *agreement)
{
	fake_store *f = a->store;

	(void)agreement;
	snprintf(out, 41, "%s", f->last_event ? f->last_event : "");
	return OV_OK;
}

static int fake_ack(const ov_ws_audit *a, const char *key, const char *actor)
{
	say(a->store, "ack ", key, " by ", actor);
	return OV_OK;
}

static int fake_signed(const ov_ws_audit *a, const char *agreement, int version,
		       const char *tag, const char *target)
{
	char v[16];

	snprintf(v, sizeof(v), " v%d tag ", version);
	say(a->store, "signed ", agreement, v, tag);
	say(a->store, "target ", target, "", "");
	return OV_OK;
}

static int fake_finding(const ov_ws_audit *a, const char *agreement, const char *detail)
{
	say(a->store, "finding ", agreement ? agreement : "-", ": ", detail);
	return OV_OK;
}

/*
 * Runs the rules on a commit with `nparents` parents, trailers "Key: value"
 * (NULL-terminated) and changed paths (NULL-terminated); returns what the
 * store was told ("" nothing).
 */
static const char *audit(fake_store *f, size_t nparents, const char *const *trailers,
			 const char *const *paths)
{
	const char *keys[16], *values[16];
	char lines[16][128];
	ov_ws_commit c;
	ov_ws_audit a;
	size_t n = 0, np = 0;

	for (; trailers[n] && n < 16; n++) {
		char *colon;
		snprintf(lines[n], sizeof(lines[n]), "%s", trailers[n]);
		colon = strchr(lines[n], ':');
		*colon = '\0';
		keys[n] = lines[n];
		values[n] = colon + 2;
	}
	while (paths[np])
		np++;
	memset(&c, 0, sizeof(c));
	c.id = SELF;
	c.parent = nparents ? PARENT : "";
	c.nparents = nparents;
	c.when = 1795366919LL;
	c.ntrailers = n;
	c.trailer_keys = keys;
	c.trailer_values = values;
	memset(&a, 0, sizeof(a));
	a.commit = &c;
	a.paths = paths;
	a.npaths = np;
	a.read_parent = fake_read_parent;
	a.last_event = fake_last_event;
	a.acknowledge = fake_ack;
	a.signed_version = fake_signed;
	a.finding = fake_finding;
	a.store = f;
	f->said[0] = '\0';
	if (ov_audit_rules(&a) < 0)
		return "(error)";
	return f->said;
}

TEST(commits_as_overens_writes_them_pass)
{
	fake_store f = { 0 };
	const char *new_t[] = { "Event: new", "Actor: anna@example.se", "Agreement: 2026-0001",
				"Workflow: avtal", NULL };
	const char *new_p[] = { "agreements/01/2026-0001/agreement.xml", "workflows/avtal.xml",
				NULL };
	const char *org_t[] = { "Event: org-add", "Actor: anna@example.se",
				"Organisation: 212000-0258", NULL };
	const char *org_p[] = { "organisations/212000-0258.xml", NULL };
	const char *trust_t[] = { "Event: trust-add", "Actor: anna@example.se",
				  "Fingerprint: AB12", NULL };
	const char *trust_p[] = { "trust/ab12cd.pem", NULL };

	CHECK_STR(audit(&f, 1, new_t, new_p), "");
	CHECK_STR(audit(&f, 0, new_t, new_p), "");
	CHECK_STR(audit(&f, 1, org_t, org_p), "");
	CHECK_STR(audit(&f, 1, trust_t, trust_p), "");
}

TEST(a_first_signature_names_its_tag_and_the_frozen_commit)
{
	fake_store f = { 0 };
	const char *t[] = { "Event: sign", "Actor: anna@example.se", "Agreement: 2026-0001",
			    "Version: 2", NULL };
	const char *p[] = { "agreements/01/2026-0001/agreement.xml",
			    "agreements/01/2026-0001/signed/v2-fields.xml",
			    "agreements/01/2026-0001/signed/v2.pdf", NULL };

	f.last_event = EARLIER;
	CHECK_STR(audit(&f, 1, t, p), "signed 2026-0001 v2 tag 2026-0001-v2 | target " EARLIER);
	f.last_event = "";
	CHECK_STR(audit(&f, 1, t, p), "signed 2026-0001 v2 tag 2026-0001-v2 | target " PARENT);
	CHECK_STR(audit(&f, 0, t, p), "signed 2026-0001 v2 tag 2026-0001-v2 | target " SELF);
}

TEST(trailers_that_do_not_claim_the_changes_are_a_finding)
{
	fake_store f = { 0 };
	const char *none[] = { NULL };
	const char *stray[] = { "notes/x.txt", NULL };
	const char *wrong_v[] = { "Event: sign", "Actor: anna@example.se",
				  "Agreement: 2026-0001", "Version: 1", NULL };
	const char *signed2[] = { "agreements/01/2026-0001/agreement.xml",
				  "agreements/01/2026-0001/signed/v2.pdf", NULL };
	const char *other[] = { "agreements/02/2026-0002/agreement.xml", NULL };
	const char *many[] = { "a", "b", "c", "d", "e", NULL };

	CHECK_STR(audit(&f, 2, none, stray),
		  "finding -: är en sammanslagning (merge), och sådana gör Överens aldrig; "
		  "saknar trailern Event; saknar trailern Actor; "
		  "ändrar notes/x.txt, som inte hör till händelsen (ingen)");
	/* A signature with problems is no signature: nothing but the finding. */
	CHECK_STR(audit(&f, 1, wrong_v, signed2),
		  "finding 2026-0001: ändrar agreements/01/2026-0001/signed/v2.pdf men trailern "
		  "säger Version: 1");
	CHECK_STR(audit(&f, 1, wrong_v, other),
		  "finding 2026-0001: trailern säger Agreement: 2026-0001 men commiten ändrar "
		  "agreements/02/2026-0002/agreement.xml; händelsen sign ändrar inte avtalet "
		  "2026-0001");
	CHECK_CONTAINS(audit(&f, 1, wrong_v, many),
		       "ändrar c, som inte hör till händelsen sign; och 2 ändrade filer till");
}

TEST(only_an_admin_at_the_parent_acknowledges)
{
	fake_store f = { 0 };
	const char *t[] = { "Event: fsck-acknowledge", "Actor: ada@example.se",
			    "Finding: " EARLIER, NULL };
	const char *nokey[] = { "Event: fsck-acknowledge", "Actor: ada@example.se", NULL };
	const char *none[] = { NULL };
	const char *stray[] = { "people/ada@example.se.xml", NULL };

	ov_xml_init();
	f.people_path = "people/ada@example.se.xml";
	f.people_xml = "<person email='ada@example.se' roles='official admin'/>";
	CHECK_STR(audit(&f, 1, t, none), "ack " EARLIER " by ada@example.se");
	CHECK_STR(audit(&f, 0, t, none),
		  "finding -: kvitterar " EARLIER ", men ada@example.se hade inte rollen admin");
	CHECK_CONTAINS(audit(&f, 1, t, stray),
		       "händelsen fsck-acknowledge ändrar filer, vilket den aldrig gör");
	CHECK_STR(audit(&f, 1, nokey, none), "finding -: kvitterar utan trailern Finding");
	f.people_xml = "<person email='ada@example.se' roles='official'/>";
	CHECK_STR(audit(&f, 1, t, none),
		  "finding -: kvitterar " EARLIER ", men ada@example.se hade inte rollen admin");
}

OVT_MAIN(TEST_ENTRY(commits_as_overens_writes_them_pass),
	 TEST_ENTRY(a_first_signature_names_its_tag_and_the_frozen_commit),
	 TEST_ENTRY(trailers_that_do_not_claim_the_changes_are_a_finding),
	 TEST_ENTRY(only_an_admin_at_the_parent_acknowledges))
