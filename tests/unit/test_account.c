/*
 * test_account.c - accounts beside the repository (overens/account.h):
 * passwords set, checked and removed, kept as scrypt lines in a 0600 file
 * that never reaches git; calendar tokens replaced and revoked; the
 * store's private files updated under the workspace lock, also by threads
 * with a handle each; and the registry read back (people, organisations,
 * units).  Each scrypt costs tens of milliseconds: the tests call it a
 * handful of times.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ovtest.h"
#include "ovtest_shell.h"
#include "overens/account.h"
#include "overens/buf.h"
#include "overens/organisation.h"
#include "overens/person.h"
#include "overens/workspace.h"
#include "store/workspace.h"

#define ADMIN "asa.lindqvist@example.se"
#define KARIN "karin.ek@example.org"
#define PASSWORD "rätt häst batteri häftklammer"

/* A fresh workspace "<tmpdir>/<name>" with two organisations and three people. */
static ov_workspace *fresh_ws(const char *name, char **dir_out)
{
	static const ov_param krets[] = {
		{ "name", "Helsingborgs rödakorskrets" }, { "kind", "krets" },
		{ "orgnr", "802002-8711" }, { "contact", "Karin Ek" },
		{ "contact-email", KARIN },
	};
	static const ov_param stad[] = {
		{ "name", "Helsingborgs stad" }, { "kind", "kommun" }, { "orgnr", "212000-0258" },
		{ "address", "Stortorget 17, 251 89 Helsingborg" },
	};
	ov_buf dir = OV_BUF_INIT;
	ov_workspace *ws = NULL;

	ov_buf_printf(&dir, "%s/%s", tmpdir(), name);
	if (ov_workspace_init(dir.ptr) < 0 || ov_workspace_open(&ws, dir.ptr) < 0 ||
	    ov_org_add(ws, ADMIN, krets, 5) < 0 || ov_org_add(ws, ADMIN, stad, 4) < 0 ||
	    ov_person_add(ws, ADMIN, ADMIN, "Åsa Lindqvist", "212000-0258", "official admin") < 0 ||
	    ov_person_add(ws, ADMIN, KARIN, "Karin Ek", "802002-8711", "official") < 0 ||
	    ov_person_add(ws, ADMIN, "lars.oberg@example.org", "Lars Öberg", "802002-8711",
			  "board signatory") < 0) {
		ov_workspace_free(ws);
		ws = NULL;
	}
	*dir_out = ov_buf_detach(&dir);
	return ws;
}

static char *accounts_file(const char *dir)
{
	ov_buf path = OV_BUF_INIT, data = OV_BUF_INIT;

	ov_buf_printf(&path, "%s/accounts", dir);
	ov_buf_read_file(&data, path.ptr);
	ov_buf_dispose(&path);
	return ov_buf_detach(&data);
}

TEST(password_set_and_checked)
{
	char *dir = NULL, *file = NULL;
	ov_workspace *ws = fresh_ws("pw", &dir);
	int has = -1;

	CHECK(ws != NULL);
	CHECK_OK(ov_account_has_password(&has, ws, KARIN));
	CHECK_INT(has, 0);
	CHECK_ERR(ov_account_check_password(ws, KARIN, PASSWORD), OV_EDENIED);
	CHECK_OK(ov_account_set_password(ws, KARIN, PASSWORD));
	CHECK_OK(ov_account_has_password(&has, ws, KARIN));
	CHECK_INT(has, 1);
	CHECK_OK(ov_account_has_password(&has, ws, ADMIN));
	CHECK_INT(has, 0);
	CHECK_OK(ov_account_check_password(ws, KARIN, PASSWORD));
	CHECK_ERR(ov_account_check_password(ws, KARIN, PASSWORD "!"), OV_EDENIED);
	CHECK_CONTAINS(ov_error_last()->message, "wrong e-mail address or password");
	CHECK_ERR(ov_account_check_password(ws, "okand@example.se", PASSWORD), OV_EDENIED);
	CHECK_ERR(ov_account_check_password(ws, NULL, NULL), OV_EDENIED);
	file = accounts_file(dir);
	CHECK_CONTAINS(file, KARIN " scrypt$15$8$1$");
	CHECK(strstr(file, PASSWORD) == NULL);
	CHECK_INT(strchr(file, '\n') - file, (long)strlen(KARIN " scrypt$15$8$1$") + 24 + 1 + 44);
	free(file);
	ov_workspace_free(ws);
	free(dir);
}

TEST(password_refusals)
{
	char *dir = NULL;
	ov_workspace *ws = fresh_ws("pwbad", &dir);
	char big[OV_PASSWORD_MAX + 2];
	struct stat st;

	CHECK(ws != NULL);
	CHECK_ERR(ov_account_set_password(ws, KARIN, "123456789"), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "10 to 1024 bytes");
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	CHECK_ERR(ov_account_set_password(ws, KARIN, big), OV_EINVALID);
	CHECK_ERR(ov_account_set_password(ws, "okand@example.se", PASSWORD), OV_ENOTFOUND);
	CHECK_CONTAINS(ov_error_last()->message, "nobody is registered as okand@example.se");
	CHECK_ERR(ov_account_set_password(ws, "a b@example.se", PASSWORD), OV_EINVALID);
	CHECK_ERR(ov_account_set_password(ws, "../x@example.se", PASSWORD), OV_EINVALID);
	CHECK_ERR(ov_account_remove_password(ws, KARIN), OV_ENOTFOUND);
	/* Nothing was written by any refusal. */
	CHECK(stat(dir, &st) == 0);
	{
		ov_buf p = OV_BUF_INIT;
		ov_buf_printf(&p, "%s/accounts", dir);
		CHECK(stat(p.ptr, &st) < 0 && errno == ENOENT);
		ov_buf_dispose(&p);
	}
	ov_workspace_free(ws);
	free(dir);
}

TEST(password_file_private_and_not_in_git)
{
	char *dir = NULL, *file = NULL, *line_end;
	ov_workspace *ws = fresh_ws("pwgit", &dir);
	ov_buf path = OV_BUF_INIT, log = OV_BUF_INIT, hash = OV_BUF_INIT;
	struct stat st;

	CHECK(ws != NULL);
	CHECK_OK(ov_account_set_password(ws, ADMIN, PASSWORD));
	ov_buf_printf(&path, "%s/accounts", dir);
	CHECK(lstat(path.ptr, &st) == 0);
	CHECK(S_ISREG(st.st_mode));
	CHECK_INT(st.st_mode & 07777, 0600);
	file = accounts_file(dir);
	line_end = strchr(file, '\n');
	CHECK(line_end != NULL);
	/* The key: after the last '$' of the line. */
	ov_buf_put(&hash, strrchr(file, '$') + 1, (size_t)(line_end - strrchr(file, '$') - 1));
	CHECK_INT(hash.size, 44);
	CHECK_INT(run(&log, "git -C '%s/repo.git' log --all -p", dir), 0);
	CHECK_CONTAINS(log.ptr, "person: registrera");
	CHECK(strstr(log.ptr, hash.ptr) == NULL);
	CHECK(strstr(log.ptr, PASSWORD) == NULL);
	CHECK(strstr(log.ptr, "scrypt") == NULL);
	CHECK_INT(run(&log, "git -C '%s/repo.git' ls-tree -r --name-only main", dir), 0);
	CHECK(strstr(log.ptr, "accounts") == NULL);
	/* A line for someone no longer (here: never) registered does not let them in. */
	{
		ov_buf copy = OV_BUF_INIT;
		ov_buf_printf(&copy, "%sgone@example.se%s", file, strchr(file, ' '));
		CHECK_OK(ov_write_file_atomic(path.ptr, copy.ptr, copy.size));
		ov_buf_dispose(&copy);
	}
	CHECK_OK(ov_account_check_password(ws, ADMIN, PASSWORD));
	CHECK_ERR(ov_account_check_password(ws, "gone@example.se", PASSWORD), OV_EDENIED);
	CHECK_OK(ov_account_remove_password(ws, ADMIN));
	CHECK_ERR(ov_account_check_password(ws, ADMIN, PASSWORD), OV_EDENIED);
	free(file);
	file = accounts_file(dir);
	CHECK(strstr(file, ADMIN) == NULL);
	CHECK_CONTAINS(file, "gone@example.se scrypt$");
	CHECK(lstat(path.ptr, &st) == 0);
	CHECK_INT(st.st_mode & 07777, 0600);
	free(file);
	ov_buf_dispose(&path);
	ov_buf_dispose(&log);
	ov_buf_dispose(&hash);
	ov_workspace_free(ws);
	free(dir);
}

TEST(calendar_tokens)
{
	char *dir = NULL, *t1 = NULL, *t2 = NULL, *owner = NULL, *file = NULL;
	ov_workspace *ws = fresh_ws("cal", &dir);

	CHECK(ws != NULL);
	CHECK_ERR(ov_calendar_token_new(&t1, ws, "okand@example.se"), OV_ENOTFOUND);
	CHECK_OK(ov_calendar_token_new(&t1, ws, KARIN));
	CHECK_INT(strlen(t1), 43);
	CHECK(strspn(t1, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == 43);
	CHECK_OK(ov_calendar_token_owner(&owner, ws, t1));
	CHECK_STR(owner, KARIN);
	free(owner);
	owner = NULL;
	file = accounts_file(dir);
	CHECK(strstr(file, t1) == NULL);
	CHECK_CONTAINS(file, KARIN " calendar$");
	free(file);
	CHECK_OK(ov_calendar_token_new(&t2, ws, KARIN));
	CHECK(strcmp(t1, t2) != 0);
	CHECK_ERR(ov_calendar_token_owner(&owner, ws, t1), OV_ENOTFOUND);
	CHECK(owner == NULL);
	CHECK_OK(ov_calendar_token_owner(&owner, ws, t2));
	CHECK_STR(owner, KARIN);
	free(owner);
	owner = NULL;
	CHECK_ERR(ov_calendar_token_owner(&owner, ws, ""), OV_ENOTFOUND);
	CHECK_ERR(ov_calendar_token_owner(&owner, ws, "x"), OV_ENOTFOUND);
	CHECK_OK(ov_calendar_token_revoke(ws, KARIN));
	CHECK_ERR(ov_calendar_token_owner(&owner, ws, t2), OV_ENOTFOUND);
	CHECK_ERR(ov_calendar_token_revoke(ws, KARIN), OV_ENOTFOUND);
	free(t1);
	free(t2);
	ov_workspace_free(ws);
	free(dir);
}

/* --- private files under the lock ----------------------------------------- */

typedef struct lock_probe {
	const char *dir;
	int held;        /* 1 when DIR/lock could not be taken from fn */
	int calls;
} lock_probe;

/* Appends a line; notes whether the workspace lock is held meanwhile. */
static int probe_fn(ov_buf *content, void *payload)
{
	lock_probe *lp = payload;
	ov_buf path = OV_BUF_INIT;
	int fd;

	lp->calls++;
	ov_buf_printf(&path, "%s/lock", lp->dir);
	fd = open(path.ptr, O_RDWR);
	lp->held = fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) < 0 && errno == EWOULDBLOCK;
	if (fd >= 0)
		close(fd);
	ov_buf_dispose(&path);
	return ov_buf_puts(content, "rad\n");
}

static int no_change_fn(ov_buf *content, void *payload)
{
	(void)payload;
	ov_buf_puts(content, "inte skrivet\n");
	return 1;
}

static int refuse_fn(ov_buf *content, void *payload)
{
	(void)payload;
	ov_buf_puts(content, "inte skrivet\n");
	return ov_error_set(OV_EINVALID, "refused by the test");
}

TEST(private_update_under_lock)
{
	char *dir = NULL;
	ov_workspace *ws = fresh_ws("priv", &dir);
	lock_probe lp = { .dir = dir };
	ov_buf b = OV_BUF_INIT, path = OV_BUF_INIT;
	struct stat st;

	CHECK(ws != NULL);
	CHECK_ERR(ov_ws_private_read(&b, ws, "anteckning"), OV_ENOTFOUND);
	CHECK_ERR(ov_ws_private_update(ws, "anteckning", no_change_fn, NULL), 1);
	CHECK_ERR(ov_ws_private_update(ws, "anteckning", refuse_fn, NULL), OV_EINVALID);
	CHECK_ERR(ov_ws_private_read(&b, ws, "anteckning"), OV_ENOTFOUND);
	CHECK_OK(ov_ws_private_update(ws, "anteckning", probe_fn, &lp));
	CHECK_OK(ov_ws_private_update(ws, "anteckning", probe_fn, &lp));
	CHECK_INT(lp.calls, 2);
	CHECK_INT(lp.held, 1);
	ov_buf_clear(&b);
	CHECK_OK(ov_ws_private_read(&b, ws, "anteckning"));
	CHECK_STR(b.ptr, "rad\nrad\n");
	ov_buf_printf(&path, "%s/anteckning", dir);
	CHECK(stat(path.ptr, &st) == 0);
	CHECK_INT(st.st_mode & 07777, 0600);
	/* The lock is let go: another process can take it now. */
	CHECK_INT(run(NULL, "flock -n '%s/lock' true", dir), 0);
	CHECK_ERR(ov_ws_private_read(&b, ws, "Accounts"), OV_EINVALID);
	CHECK_ERR(ov_ws_private_read(&b, ws, "../config"), OV_EINVALID);
	CHECK_ERR(ov_ws_private_read(&b, ws, ""), OV_EINVALID);
	CHECK_ERR(ov_ws_private_update(ws, "repo.git", probe_fn, &lp), OV_EINVALID);
	/* A symbolic link in its place is neither read nor followed. */
	CHECK_INT(run(NULL, "ln -s config '%s/lank'", dir), 0);
	CHECK_ERR(ov_ws_private_read(&b, ws, "lank"), OV_ERROR);
	ov_buf_dispose(&b);
	ov_buf_dispose(&path);
	ov_workspace_free(ws);
	free(dir);
}

#define THREADS 4
#define ROUNDS 25

/* Adds one to the number the file holds. */
static int count_fn(ov_buf *content, void *payload)
{
	long n = content->size ? strtol(content->ptr, NULL, 10) : 0;

	(void)payload;
	ov_buf_clear(content);
	return ov_buf_printf(content, "%ld\n", n + 1) < 0 ? OV_ENOMEM : OV_OK;
}

static void *count_thread(void *arg)
{
	ov_workspace *ws = NULL;
	long failures = 0;

	if (ov_workspace_open(&ws, arg) < 0)
		return (void *)(long)ROUNDS;
	for (int i = 0; i < ROUNDS; i++)
		failures += ov_ws_private_update(ws, "raknare", count_fn, NULL) != OV_OK;
	ov_workspace_free(ws);
	return (void *)failures;
}

TEST(private_update_threads_with_own_handles)
{
	char *dir = NULL;
	ov_workspace *ws = fresh_ws("threads", &dir);
	pthread_t t[THREADS];
	ov_buf b = OV_BUF_INIT;
	long failures = 0;

	CHECK(ws != NULL);
	for (int i = 0; i < THREADS; i++)
		CHECK(pthread_create(&t[i], NULL, count_thread, dir) == 0);
	for (int i = 0; i < THREADS; i++) {
		void *r = NULL;
		pthread_join(t[i], &r);
		failures += (long)r;
	}
	CHECK_INT(failures, 0);
	CHECK_OK(ov_ws_private_read(&b, ws, "raknare"));
	CHECK_STR(b.ptr, "100\n");
	ov_buf_dispose(&b);
	ov_workspace_free(ws);
	free(dir);
}

/* --- the registry --------------------------------------------------------- */

TEST(people_listed_and_read)
{
	char *dir = NULL;
	ov_workspace *ws = fresh_ws("people", &dir);
	ov_person_info *all = NULL, *p = NULL;
	size_t n = 0;

	CHECK(ws != NULL);
	CHECK_OK(ov_account_set_password(ws, "lars.oberg@example.org", PASSWORD));
	CHECK_OK(ov_person_list(&all, &n, ws));
	CHECK_INT(n, 3);
	CHECK_STR(all[0].email, ADMIN);
	CHECK_STR(all[1].email, KARIN);
	CHECK_STR(all[2].email, "lars.oberg@example.org");
	CHECK_STR(all[0].org_name, "Helsingborgs stad");
	CHECK_STR(all[1].orgnr, "802002-8711");
	CHECK_STR(all[1].org_name, "Helsingborgs rödakorskrets");
	CHECK_STR(all[2].name, "Lars Öberg");
	CHECK_STR(all[2].roles, "board signatory");
	CHECK_INT(all[0].has_password, 0);
	CHECK_INT(all[2].has_password, 1);
	CHECK_INT(ov_person_has_role(&all[2], "signatory"), 1);
	CHECK_INT(ov_person_has_role(&all[2], "sign"), 0);
	CHECK_INT(ov_person_has_role(&all[0], "admin"), 1);
	CHECK_INT(ov_person_has_role(&all[0], "official admin"), 0);
	CHECK_OK(ov_person_get(&p, ws, KARIN));
	CHECK_STR(p->name, "Karin Ek");
	CHECK_INT(p->has_password, 0);
	ov_person_info_free(p);
	p = NULL;
	CHECK_ERR(ov_person_get(&p, ws, "okand@example.se"), OV_ENOTFOUND);
	CHECK(p == NULL);
	ov_person_list_free(all, n);
	ov_workspace_free(ws);
	free(dir);
}

TEST(empty_registry)
{
	ov_buf dir = OV_BUF_INIT;
	ov_workspace *ws = NULL;
	ov_person_info *p = NULL;
	ov_org_info *o = NULL;
	size_t n = 7;

	ov_buf_printf(&dir, "%s/empty", tmpdir());
	CHECK_OK(ov_workspace_init(dir.ptr));
	CHECK_OK(ov_workspace_open(&ws, dir.ptr));
	CHECK_OK(ov_person_list(&p, &n, ws));
	CHECK_INT(n, 0);
	CHECK(p == NULL);
	n = 7;
	CHECK_OK(ov_org_list(&o, &n, ws));
	CHECK_INT(n, 0);
	CHECK_ERR(ov_org_get(&o, ws, "212000-0258"), OV_ENOTFOUND);
	ov_workspace_free(ws);
	ov_buf_dispose(&dir);
}

TEST(organisations_listed_with_units)
{
	char *dir = NULL;
	ov_workspace *ws = fresh_ws("orgs", &dir);
	ov_org_info *all = NULL, *o = NULL;
	ov_buf log = OV_BUF_INIT;
	size_t n = 0;

	CHECK(ws != NULL);
	CHECK_OK(ov_org_signatory(ws, ADMIN, "802002-8711", "Lars Öberg", "Ordförande",
				  "lars.oberg@example.org"));
	CHECK_OK(ov_org_unit(ws, ADMIN, "212000-0258", "Socialtjänsten"));
	CHECK_OK(ov_org_unit(ws, ADMIN, "2120000258", "Överförmyndarnämnden"));
	CHECK_ERR(ov_org_unit(ws, ADMIN, "212000-0258", "Socialtjänsten"), OV_EEXISTS);
	CHECK_CONTAINS(ov_error_last()->message, "already has a unit 'Socialtjänsten'");
	CHECK_ERR(ov_org_unit(ws, ADMIN, "802400-0013", "X"), OV_ENOTFOUND);
	CHECK_ERR(ov_org_unit(ws, ADMIN, "212000-0258", ""), OV_EINVALID);
	CHECK_OK(ov_org_list(&all, &n, ws));
	CHECK_INT(n, 2);
	CHECK_STR(all[0].name, "Helsingborgs rödakorskrets");
	CHECK_STR(all[0].kind, "krets");
	CHECK_STR(all[0].contact, "Karin Ek");
	CHECK_STR(all[0].contact_email, KARIN);
	CHECK(all[0].contact_phone == NULL);
	CHECK(all[0].address == NULL);
	CHECK_INT(all[0].nsignatories, 1);
	CHECK_STR(all[0].signatories[0].title, "Ordförande");
	CHECK_INT(all[0].nunits, 0);
	CHECK_STR(all[1].orgnr, "212000-0258");
	CHECK_STR(all[1].address, "Stortorget 17, 251 89 Helsingborg");
	CHECK_INT(all[1].nunits, 2);
	CHECK_STR(all[1].units[0], "Socialtjänsten");
	CHECK_STR(all[1].units[1], "Överförmyndarnämnden");
	CHECK_OK(ov_org_get(&o, ws, "212000-0258"));
	CHECK_INT(o->nunits, 2);
	CHECK_ERR(ov_org_get(&o, ws, "802002-8712"), OV_EINVALID);
	CHECK_INT(run(&log, "git -C '%s/repo.git' log -1 --format=%%B main", dir), 0);
	CHECK_CONTAINS(log.ptr, "Event: org-unit");
	CHECK_CONTAINS(log.ptr, "Unit: Överförmyndarnämnden");
	ov_org_info_free(o);
	ov_org_list_free(all, n);
	ov_buf_dispose(&log);
	ov_workspace_free(ws);
	free(dir);
}

OVT_MAIN(TEST_ENTRY(password_set_and_checked), TEST_ENTRY(password_refusals),
	 TEST_ENTRY(password_file_private_and_not_in_git), TEST_ENTRY(calendar_tokens),
	 TEST_ENTRY(private_update_under_lock), TEST_ENTRY(private_update_threads_with_own_handles),
	 TEST_ENTRY(people_listed_and_read), TEST_ENTRY(empty_registry),
	 TEST_ENTRY(organisations_listed_with_units))
