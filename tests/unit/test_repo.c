/*
 * test_repo.c - the git store (repo.h): creating and opening, nested
 * commits read back at any revision, deletions, path checks, the
 * compare-and-swap on main (also under four racing processes), history
 * walks with trailers, listings, changed paths, ancestry, tags, Swedish
 * authors and time zones as the stock git client sees them, stale lock
 * cleanup, commits in two halves and main's reflog, and the workspace
 * transaction's tags killed at each of its fault points.
 */
#include <ctype.h>
#include <signal.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ovtest.h"
#include "overens/buf.h"
#include "overens/workspace.h"
#include "store/index.h"
#include "store/repo.h"
#include "store/workspace.h"

#define WINTER 1795366919LL  /* 2026-11-22 18:01:59 +0100 */
#define SUMMER 1782000000LL  /* 2026-06-20 02:40:00 +0200 */

/* A fresh (absent) path "$TMPDIR/test_repo-<pid>-<name>"; free() it. */
static char *fresh_path(const char *name)
{
	const char *tmp = getenv("TMPDIR");
	ov_buf path = OV_BUF_INIT, cmd = OV_BUF_INIT;

	ov_buf_printf(&path, "%s/test_repo-%ld-%s", tmp && *tmp ? tmp : "/tmp", (long)getpid(),
		      name);
	ov_buf_printf(&cmd, "rm -rf '%s'", path.ptr);
	if (system(cmd.ptr) != 0)
		fprintf(stderr, "cannot clear %s\n", path.ptr);
	ov_buf_dispose(&cmd);
	return ov_buf_detach(&path);
}

/* Removes what fresh_path named and frees the name (left in place when a check failed). */
static void drop_path(char *path)
{
	ov_buf cmd = OV_BUF_INIT;

	ov_buf_printf(&cmd, "rm -rf '%s'", path);
	if (system(cmd.ptr) != 0)
		fprintf(stderr, "cannot remove %s\n", path);
	ov_buf_dispose(&cmd);
	free(path);
}

/* Runs a shell command, appending its standard output to out; returns its exit status. */
static int run(ov_buf *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int run(ov_buf *out, const char *fmt, ...)
{
	ov_buf cmd = OV_BUF_INIT;
	char chunk[4096];
	va_list ap;
	size_t n;
	FILE *p;
	int status;

	va_start(ap, fmt);
	ov_buf_vprintf(&cmd, fmt, ap);
	va_end(ap);
	p = popen(cmd.ptr, "r");
	ov_buf_dispose(&cmd);
	if (!p)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		if (out)
			ov_buf_put(out, chunk, n);
	status = pclose(p);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static ov_repo_who who_at(const char *name, const char *email, long long when, int offset)
{
	ov_repo_who w;

	w.name = name;
	w.email = email;
	w.when = when;
	w.offset_minutes = offset;
	return w;
}

static const ov_repo_who anna = { "Anna Lind", "anna@example.se", WINTER, 60 };

static ov_repo_file file(const char *path, const char *text)
{
	ov_repo_file f;

	f.path = path;
	f.data = text;
	f.len = text ? strlen(text) : 0;
	return f;
}

/* Commits one file (text NULL: deletes it) on the current head. */
static int commit1(char out[41], ov_repo *repo, const char *path, const char *text,
		   const char *message)
{
	ov_repo_file f = file(path, text);
	char head[41];
	int err;

	if ((err = ov_repo_head(head, repo)) < 0)
		return err;
	return ov_repo_commit(out, repo, head, &f, 1, &anna, message);
}

/* The file at rev as a string, or "(error N)". Static buffer: use before the next call. */
static const char *content(ov_repo *repo, const char *rev, const char *path)
{
	static char text[256];
	ov_buf b = OV_BUF_INIT;
	int err = ov_repo_read(&b, repo, rev, path);

	if (err < 0)
		snprintf(text, sizeof(text), "(error %d)", err);
	else
		snprintf(text, sizeof(text), "%s", b.ptr);
	ov_buf_dispose(&b);
	return text;
}

static int collect_path(const char *path, void *payload)
{
	ov_buf *b = payload;

	return ov_buf_printf(b, "%s\n", path) < 0 ? -100 : 0;
}

static int stop_at_first(const char *path, void *payload)
{
	(void)path;
	(*(int *)payload)++;
	return 5;
}

static int count_commit(const ov_repo_commit_info *info, void *payload)
{
	(void)info;
	(*(int *)payload)++;
	return 0;
}

static int head_is(ov_repo *repo, const char *id)
{
	char head[41];

	return ov_repo_head(head, repo) == 0 && !strcmp(head, id);
}

TEST(init_and_open)
{
	char *path = fresh_path("init"), *plain = fresh_path("plain"), *work = fresh_path("work");
	ov_repo *repo = NULL;
	ov_buf b = OV_BUF_INIT, sub = OV_BUF_INIT;
	char head[41] = "x";
	int calls = 0;

	CHECK_OK(ov_repo_init(path));
	CHECK_ERR(ov_repo_init(path), OV_EEXISTS);
	CHECK_CONTAINS(ov_error_last()->message, "exists already");

	/* The stock client sees a bare repository on main, with every ref move logged for good. */
	CHECK_INT(run(&b, "git -C '%s' rev-parse --is-bare-repository", path), 0);
	CHECK_STR(b.ptr, "true\n");
	ov_buf_clear(&b);
	CHECK_INT(run(&b, "git -C '%s' symbolic-ref HEAD", path), 0);
	CHECK_STR(b.ptr, "refs/heads/main\n");
	ov_buf_clear(&b);
	CHECK_INT(run(&b, "git -C '%s' config core.logAllRefUpdates", path), 0);
	CHECK_STR(b.ptr, "always\n");
	ov_buf_clear(&b);
	CHECK_INT(run(&b, "git -C '%s' config gc.reflogExpire", path), 0);
	CHECK_STR(b.ptr, "never\n");
	ov_buf_clear(&b);
	CHECK_INT(run(&b, "git -C '%s' config gc.reflogExpireUnreachable", path), 0);
	CHECK_STR(b.ptr, "never\n");
	ov_buf_clear(&b);

	CHECK_OK(ov_repo_open(&repo, path));
	CHECK_OK(ov_repo_head(head, repo));
	CHECK_STR(head, "");
	CHECK(strstr(ov_repo_path(repo), "test_repo-") != NULL);
	/* An empty branch: nothing to read, list or walk. */
	CHECK_ERR(ov_repo_read(&b, repo, NULL, "a.txt"), OV_ENOTFOUND);
	CHECK_CONTAINS(ov_error_last()->message, "no commit yet");
	CHECK_ERR(ov_repo_list(repo, NULL, NULL, collect_path, &b), OV_ENOTFOUND);
	CHECK_OK(ov_repo_walk(repo, NULL, count_commit, &calls));
	CHECK_INT(calls, 0);
	ov_repo_free(repo);
	repo = NULL;
	ov_repo_free(NULL);

	/* Not repositories. */
	CHECK_ERR(ov_repo_open(&repo, plain), OV_ENOTFOUND);
	CHECK(repo == NULL);
	CHECK_INT(mkdir(plain, 0755), 0);
	CHECK_ERR(ov_repo_open(&repo, plain), OV_ENOTFOUND);
	CHECK_CONTAINS(ov_error_last()->message, "not a git repository");
	ov_buf_printf(&sub, "%s/notes.txt", plain);
	CHECK_OK(ov_write_file_atomic(sub.ptr, "x", 1));
	CHECK_ERR(ov_repo_init(plain), OV_EEXISTS);
	CHECK_CONTAINS(ov_error_last()->message, "not an empty folder");
	CHECK_ERR(ov_repo_init(sub.ptr), OV_EEXISTS);
	/* A repository with a working tree is not the store. */
	CHECK_INT(run(NULL, "git init -q '%s'", work), 0);
	CHECK_ERR(ov_repo_open(&repo, work), OV_EINVALID);
	CHECK(repo == NULL);

	ov_buf_dispose(&b);
	ov_buf_dispose(&sub);
	drop_path(path);
	drop_path(plain);
	drop_path(work);
}

TEST(nested_commit_read_at_head_and_older)
{
	char *path = fresh_path("nested");
	ov_repo *repo = NULL;
	ov_buf b = OV_BUF_INIT;
	char c1[41], c2[41], full[41], short_id[9];
	ov_repo_file files[5];

	CHECK_OK(ov_repo_init(path));
	CHECK_OK(ov_repo_open(&repo, path));
	files[0] = file("agreements/3f/2026-0001/agreement.xml", "<agreement>v1</agreement>");
	files[1] = file("agreements/3f/2026-0001/events/0001.xml", "<event/>");
	files[2] = file("agreements/a0/2026-0002/agreement.xml", "<agreement>other</agreement>");
	files[3].path = "agreements/3f/2026-0001/sig.bin";
	files[3].data = "a\0b\0c";
	files[3].len = 5;
	files[4] = file("agreements/3f/2026-0001/empty.txt", "");
	CHECK_OK(ov_repo_commit(c1, repo, "", files, 5, &anna, "Skapa avtal 2026-0001"));
	CHECK_INT(strlen(c1), 40);
	CHECK(head_is(repo, c1));

	CHECK_STR(content(repo, NULL, "agreements/3f/2026-0001/agreement.xml"),
		  "<agreement>v1</agreement>");
	CHECK_STR(content(repo, c1, "agreements/3f/2026-0001/events/0001.xml"), "<event/>");
	CHECK_STR(content(repo, "main", "agreements/a0/2026-0002/agreement.xml"),
		  "<agreement>other</agreement>");
	/* Binary data and empty files come back byte for byte. */
	CHECK_OK(ov_repo_read(&b, repo, NULL, "agreements/3f/2026-0001/sig.bin"));
	CHECK_INT(b.size, 5);
	CHECK(!memcmp(b.ptr, "a\0b\0c", 5));
	ov_buf_dispose(&b);
	CHECK_OK(ov_repo_read(&b, repo, NULL, "agreements/3f/2026-0001/empty.txt"));
	CHECK(b.ptr != NULL);
	CHECK_INT(b.size, 0);
	ov_buf_dispose(&b);

	/* A second version; the first stays readable by commit id (full or short). */
	CHECK_OK(commit1(c2, repo, "agreements/3f/2026-0001/agreement.xml",
			 "<agreement>v2</agreement>", "Ändra avtalet\n"));
	CHECK(strcmp(c1, c2) != 0);
	CHECK_STR(content(repo, NULL, "agreements/3f/2026-0001/agreement.xml"),
		  "<agreement>v2</agreement>");
	CHECK_STR(content(repo, c1, "agreements/3f/2026-0001/agreement.xml"),
		  "<agreement>v1</agreement>");
	CHECK_STR(content(repo, c2, "agreements/a0/2026-0002/agreement.xml"),
		  "<agreement>other</agreement>");
	memcpy(short_id, c1, 8);
	short_id[8] = '\0';
	CHECK_STR(content(repo, short_id, "agreements/3f/2026-0001/agreement.xml"),
		  "<agreement>v1</agreement>");
	CHECK_OK(ov_repo_resolve(full, repo, short_id));
	CHECK_STR(full, c1);
	CHECK_OK(ov_repo_resolve(full, repo, NULL));
	CHECK_STR(full, c2);

	/* Absent files and revisions, folders, bad paths. */
	CHECK_ERR(ov_repo_read(&b, repo, NULL, "agreements/3f/2026-0001/nothing.xml"),
		  OV_ENOTFOUND);
	CHECK_CONTAINS(ov_error_last()->message,
		       "reading agreements/3f/2026-0001/nothing.xml at main: no such file");
	CHECK_ERR(ov_repo_read(&b, repo, c1, "agreements/3f"), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "folder");
	CHECK_ERR(ov_repo_read(&b, repo, "0123456789012345678901234567890123456789",
			       "agreements/3f/2026-0001/agreement.xml"), OV_ENOTFOUND);
	CHECK_CONTAINS(ov_error_last()->message, "0123456789012345678901234567890123456789");
	CHECK_ERR(ov_repo_read(&b, repo, "no-such-tag", "agreements/3f/2026-0001/agreement.xml"),
		  OV_ENOTFOUND);
	CHECK_ERR(ov_repo_read(&b, repo, NULL, "../etc/passwd"), OV_EINVALID);
	CHECK_INT(b.size, 0);

	ov_buf_dispose(&b);
	ov_repo_free(repo);
	drop_path(path);
}

TEST(delete_paths_and_folders)
{
	char *path = fresh_path("delete");
	ov_repo *repo = NULL;
	ov_buf b = OV_BUF_INIT;
	char c1[41], c2[41], c3[41], id[41];
	ov_repo_file files[3];

	CHECK_OK(ov_repo_init(path));
	CHECK_OK(ov_repo_open(&repo, path));
	files[0] = file("agreements/3f/2026-0001/agreement.xml", "one");
	files[1] = file("agreements/3f/2026-0001/events/0001.xml", "e1");
	files[2] = file("agreements/a0/2026-0002/agreement.xml", "two");
	CHECK_OK(ov_repo_commit(c1, repo, "", files, 3, &anna, "tre filer"));

	CHECK_OK(commit1(c2, repo, "agreements/a0/2026-0002/agreement.xml", NULL, "ta bort"));
	CHECK_STR(content(repo, NULL, "agreements/a0/2026-0002/agreement.xml"), "(error -2)");
	CHECK_STR(content(repo, c1, "agreements/a0/2026-0002/agreement.xml"), "two");
	/* The folders it leaves empty are gone. */
	CHECK_ERR(ov_repo_list(repo, NULL, "agreements/a0", collect_path, &b), OV_ENOTFOUND);
	CHECK_OK(ov_repo_list(repo, NULL, NULL, collect_path, &b));
	CHECK_STR(b.ptr, "agreements/3f/2026-0001/agreement.xml\n"
			 "agreements/3f/2026-0001/events/0001.xml\n");
	ov_buf_clear(&b);

	/* Deleting what is not there changes nothing. */
	CHECK_ERR(commit1(id, repo, "agreements/a0/2026-0002/agreement.xml", NULL, "igen"),
		  OV_ENOTFOUND);
	CHECK_CONTAINS(ov_error_last()->message,
		       "deleting agreements/a0/2026-0002/agreement.xml: no such file");
	CHECK(head_is(repo, c2));

	/* A folder path removes the folder. */
	CHECK_OK(commit1(c3, repo, "agreements/3f/2026-0001/events", NULL, "inga händelser"));
	CHECK_OK(ov_repo_list(repo, NULL, NULL, collect_path, &b));
	CHECK_STR(b.ptr, "agreements/3f/2026-0001/agreement.xml\n");

	ov_buf_dispose(&b);
	ov_repo_free(repo);
	drop_path(path);
}

TEST(bad_input_moves_nothing)
{
	static const char *const bad_paths[] = {
		"", "/abs.xml", "a//b.xml", "a/", "a/./b", "a/../b", "..", ".git/config",
		"x/.GIT/y", "tab\there"
	};
	char *path = fresh_path("bad");
	ov_repo *repo = NULL;
	ov_repo_file files[2];
	ov_repo_who w;
	char c1[41], id[41];
	size_t i;

	CHECK_OK(ov_repo_init(path));
	CHECK_OK(ov_repo_open(&repo, path));
	CHECK_OK(commit1(c1, repo, "agreements/3f/2026-0001/agreement.xml", "one", "ett"));

	for (i = 0; i < sizeof(bad_paths) / sizeof(bad_paths[0]); i++) {
		files[0] = file(bad_paths[i], "x");
		if (ov_repo_commit(id, repo, c1, files, 1, &anna, "fel") != OV_EINVALID)
			OVT_FAIL("path '%s' was not refused", bad_paths[i]);
		CHECK_CONTAINS(ov_error_last()->message, "path");
	}
	/* The same path twice, and a path inside another one. */
	files[0] = file("a.xml", "1");
	files[1] = file("a.xml", "2");
	CHECK_ERR(ov_repo_commit(id, repo, c1, files, 2, &anna, "fel"), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "'a.xml' is given twice");
	files[0] = file("dir/b/c.xml", "1");
	files[1] = file("dir/b", "2");
	CHECK_ERR(ov_repo_commit(id, repo, c1, files, 2, &anna, "fel"), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "'dir/b/c.xml' lies inside 'dir/b'");
	/* File/folder clashes with what is already in the tree. */
	files[0] = file("agreements/3f/2026-0001/agreement.xml/x", "1");
	CHECK_ERR(ov_repo_commit(id, repo, c1, files, 1, &anna, "fel"), OV_EINVALID);
	files[0] = file("agreements/3f", "1");
	CHECK_ERR(ov_repo_commit(id, repo, c1, files, 1, &anna, "fel"), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "building the new tree");
	/* Authors and messages that would break the commit header. */
	files[0] = file("ok.xml", "1");
	w = who_at("Anna\nLind", "anna@example.se", WINTER, 60);
	CHECK_ERR(ov_repo_commit(id, repo, c1, files, 1, &w, "fel"), OV_EINVALID);
	w = who_at("Anna <Lind>", "anna@example.se", WINTER, 60);
	CHECK_ERR(ov_repo_commit(id, repo, c1, files, 1, &w, "fel"), OV_EINVALID);
	w = who_at("", "anna@example.se", WINTER, 60);
	CHECK_ERR(ov_repo_commit(id, repo, c1, files, 1, &w, "fel"), OV_EINVALID);
	w = who_at("Anna Lind", "anna@example.se", WINTER, 24 * 60);
	CHECK_ERR(ov_repo_commit(id, repo, c1, files, 1, &w, "fel"), OV_EINVALID);
	CHECK_ERR(ov_repo_commit(id, repo, c1, files, 1, &anna, ""), OV_EINVALID);
	CHECK_ERR(ov_repo_commit(id, repo, c1, files, 1, NULL, "fel"), OV_EINVALID);
	CHECK_ERR(ov_repo_commit(id, repo, "c1", files, 1, &anna, "fel"), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "not a 40-digit commit id");

	CHECK(head_is(repo, c1));
	CHECK_STR(content(repo, NULL, "ok.xml"), "(error -2)");
	ov_repo_free(repo);
	drop_path(path);
}

TEST(compare_and_swap_conflict)
{
	char *path = fresh_path("cas");
	ov_repo *repo = NULL;
	ov_repo_file f;
	ov_buf b = OV_BUF_INIT;
	char c1[41], c2[41], c3[41], c4[41], id[41] = "untouched";

	CHECK_OK(ov_repo_init(path));
	CHECK_OK(ov_repo_open(&repo, path));
	f = file("a.txt", "A");
	CHECK_OK(ov_repo_commit(c1, repo, "", &f, 1, &anna, "a"));
	/* A second writer built on the empty branch too: it lost. */
	f = file("lost.txt", "L");
	CHECK_ERR(ov_repo_commit(id, repo, "", &f, 1, &anna, "lost"), OV_ECONFLICT);
	CHECK_CONTAINS(ov_error_last()->message, "another writer committed first");
	f = file("b.txt", "B");
	CHECK_OK(ov_repo_commit(c2, repo, c1, &f, 1, &anna, "b"));

	/* A stale head: refused, main stays, nothing is lost. */
	f = file("c.txt", "C");
	CHECK_ERR(ov_repo_commit(id, repo, c1, &f, 1, &anna, "c"), OV_ECONFLICT);
	CHECK_CONTAINS(ov_error_last()->message, c2);
	CHECK_STR(id, "untouched");
	CHECK(head_is(repo, c2));
	CHECK_STR(content(repo, NULL, "c.txt"), "(error -2)");
	/* Retried on the head it now sees: both changes are there. */
	CHECK_OK(ov_repo_commit(c3, repo, c2, &f, 1, &anna, "c"));
	CHECK(head_is(repo, c3));
	CHECK_STR(content(repo, NULL, "a.txt"), "A");
	CHECK_STR(content(repo, NULL, "b.txt"), "B");
	CHECK_STR(content(repo, NULL, "c.txt"), "C");
	CHECK_STR(content(repo, NULL, "lost.txt"), "(error -2)");

	/* A commit without files (an event only) keeps the tree. */
	CHECK_OK(ov_repo_commit(c4, repo, c3, NULL, 0, &anna, "Uppföljning hölls"));
	CHECK(head_is(repo, c4));
	CHECK_STR(content(repo, NULL, "c.txt"), "C");
	CHECK_OK(ov_repo_changed(repo, c3, c4, collect_path, &b));
	CHECK_INT(b.size, 0);
	ov_buf_dispose(&b);
	ov_repo_free(repo);
	drop_path(path);
}

#define WRITERS 4
#define COMMITS_EACH 25

/* One writer process: COMMITS_EACH commits, each retried on conflict. Exit code 0 = all made. */
static int writer(const char *path, int w, int start_fd)
{
	ov_repo *repo = NULL;
	ov_buf name = OV_BUF_INIT, text = OV_BUF_INIT, msg = OV_BUF_INIT;
	ov_repo_who who = who_at("Skrivare", "writer@example.se", WINTER, 60);
	char head[41], id[41], go;
	int i, tries, rc = 1;

	if (read(start_fd, &go, 1) < 0)
		return 2;
	if (ov_repo_open(&repo, path) < 0)
		return 3;
	for (i = 0; i < COMMITS_EACH; i++) {
		ov_repo_file f;

		ov_buf_clear(&name);
		ov_buf_clear(&text);
		ov_buf_clear(&msg);
		ov_buf_printf(&name, "writers/w%d/%02d.txt", w, i);
		ov_buf_printf(&text, "writer %d commit %d\n", w, i);
		ov_buf_printf(&msg, "skrivare %d nr %d\n\nWriter: %d\n", w, i, w);
		f.path = name.ptr;
		f.data = text.ptr;
		f.len = text.size;
		who.when = WINTER + i;
		for (tries = 0; ; tries++) {
			int err;
			if (ov_repo_head(head, repo) < 0 || tries > 100000)
				goto done;
			err = ov_repo_commit(id, repo, head, &f, 1, &who, msg.ptr);
			if (err == 0)
				break;
			if (err != OV_ECONFLICT) {
				fprintf(stderr, "writer %d: %s\n", w, ov_error_last()->message);
				goto done;
			}
			ov_error_clear();
		}
	}
	rc = 0;
done:
	ov_repo_free(repo);
	ov_buf_dispose(&name);
	ov_buf_dispose(&text);
	ov_buf_dispose(&msg);
	ov_error_clear();
	return rc;
}

TEST(four_racing_writers_lose_nothing)
{
	char *path = fresh_path("race");
	ov_repo *repo = NULL;
	ov_buf list = OV_BUF_INIT, want = OV_BUF_INIT, out = OV_BUF_INIT;
	pid_t pids[WRITERS];
	int start[2], w, i, commits = 0, status;

	CHECK_OK(ov_repo_init(path));
	CHECK_INT(pipe(start), 0);
	for (w = 0; w < WRITERS; w++) {
		pids[w] = fork();
		CHECK(pids[w] >= 0);
		if (pids[w] == 0) {
			int rc_;
			close(start[1]);
			rc_ = writer(path, w, start[0]);
			free(path); /* the child's copy: leak checkers see the child too */
			_exit(rc_);
		}
	}
	/* Closing the pipe starts all writers at once, on an empty branch. */
	close(start[0]);
	close(start[1]);
	for (w = 0; w < WRITERS; w++) {
		CHECK(waitpid(pids[w], &status, 0) == pids[w]);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			OVT_FAIL("writer %d failed (status %d)", w, status);
	}

	CHECK_OK(ov_repo_open(&repo, path));
	CHECK_OK(ov_repo_walk(repo, NULL, count_commit, &commits));
	CHECK_INT(commits, WRITERS * COMMITS_EACH);
	CHECK_OK(ov_repo_list(repo, NULL, "writers", collect_path, &list));
	for (w = 0; w < WRITERS; w++)
		for (i = 0; i < COMMITS_EACH; i++)
			ov_buf_printf(&want, "writers/w%d/%02d.txt\n", w, i);
	CHECK_STR(list.ptr, want.ptr);
	for (w = 0; w < WRITERS; w++)
		for (i = 0; i < COMMITS_EACH; i++) {
			char name[64], text[64];
			snprintf(name, sizeof(name), "writers/w%d/%02d.txt", w, i);
			snprintf(text, sizeof(text), "writer %d commit %d\n", w, i);
			CHECK_STR(content(repo, NULL, name), text);
		}
	/* The stock client agrees: one line of history, 100 commits, consistent. */
	CHECK_INT(run(&out, "git -C '%s' rev-list --count --min-parents=2 main", path), 0);
	CHECK_STR(out.ptr, "0\n");
	ov_buf_clear(&out);
	CHECK_INT(run(&out, "git -C '%s' rev-list --count main", path), 0);
	CHECK_STR(out.ptr, "100\n");
	CHECK_INT(run(NULL, "git -C '%s' fsck --strict --no-progress 2>/dev/null", path), 0);

	ov_buf_dispose(&list);
	ov_buf_dispose(&want);
	ov_buf_dispose(&out);
	ov_repo_free(repo);
	drop_path(path);
}

/* One process's attempt at the first commit: exit 0 = committed, 7 = conflict, else error. */
static int first_committer(const char *path, int w, int start_fd)
{
	ov_repo *repo = NULL;
	ov_repo_file f;
	char name[32], id[41], go;
	int err;

	if (read(start_fd, &go, 1) < 0 || ov_repo_open(&repo, path) < 0)
		return 2;
	snprintf(name, sizeof(name), "first-%d.txt", w);
	f = file(name, "first");
	err = ov_repo_commit(id, repo, "", &f, 1, &anna, "first");
	ov_repo_free(repo);
	ov_error_clear();
	return err == 0 ? 0 : err == OV_ECONFLICT ? 7 : 3;
}

TEST(first_commit_race_has_one_winner)
{
	ov_repo *repo = NULL;
	ov_buf b = OV_BUF_INIT;
	pid_t pids[WRITERS];
	int round, w, start[2], status, winners, commits;

	for (round = 0; round < 10; round++) {
		char *path = fresh_path("first");

		CHECK_OK(ov_repo_init(path));
		CHECK_INT(pipe(start), 0);
		for (w = 0; w < WRITERS; w++) {
			pids[w] = fork();
			CHECK(pids[w] >= 0);
			if (pids[w] == 0) {
				int rc_;
				close(start[1]);
				rc_ = first_committer(path, w, start[0]);
				free(path); /* the child's copy: leak checkers see the child too */
				_exit(rc_);
			}
		}
		close(start[0]);
		close(start[1]);
		winners = 0;
		for (w = 0; w < WRITERS; w++) {
			CHECK(waitpid(pids[w], &status, 0) == pids[w]);
			CHECK(WIFEXITED(status));
			if (WEXITSTATUS(status) == 0)
				winners++;
			else if (WEXITSTATUS(status) != 7)
				OVT_FAIL("round %d: writer %d failed (exit %d)", round, w,
					 WEXITSTATUS(status));
		}
		/* Exactly one first commit, and it is the one main points to. */
		CHECK_INT(winners, 1);
		CHECK_OK(ov_repo_open(&repo, path));
		commits = 0;
		CHECK_OK(ov_repo_walk(repo, NULL, count_commit, &commits));
		CHECK_INT(commits, 1);
		ov_buf_clear(&b);
		CHECK_OK(ov_repo_list(repo, NULL, NULL, collect_path, &b));
		CHECK_CONTAINS(b.ptr, "first-");
		CHECK_INT(strchr(b.ptr, '\n') - b.ptr + 1, (long long)b.size);
		ov_repo_free(repo);
		repo = NULL;
		drop_path(path);
	}
	ov_buf_dispose(&b);
}

typedef struct walk_log {
	ov_buf lines;    /* "summary|key=value,...\n" per commit */
	char ids[8][41];
	char messages[8][128];
	int n, stop_after;
} walk_log;

static int log_commit(const ov_repo_commit_info *info, void *payload)
{
	walk_log *log = payload;
	size_t i;

	if (log->n < 8) {
		snprintf(log->ids[log->n], 41, "%s", info->id);
		snprintf(log->messages[log->n], 128, "%s", info->message);
	}
	log->n++;
	ov_buf_printf(&log->lines, "%s|", info->summary);
	for (i = 0; i < info->ntrailers; i++)
		ov_buf_printf(&log->lines, "%s%s=%s", i ? "," : "", info->trailer_keys[i],
			      info->trailer_values[i]);
	ov_buf_putc(&log->lines, '\n');
	return log->stop_after && log->n == log->stop_after ? 42 : 0;
}

TEST(walk_oldest_first_with_trailers)
{
	static const char m1[] = "Skapa avtal 2026-0001\n\nFörsta utkastet.\n\n"
				 "Event: create\nAgreement: 2026-0001\n";
	static const char m2[] = "Beslut i kretsstyrelsen\n\nStyrelsen sade ja.\n\n"
				 "Event: decide\nParty: krets";
	char *path = fresh_path("walk");
	ov_repo *repo = NULL;
	walk_log log;
	ov_repo_who w = anna;
	ov_repo_file f;
	char c1[41], c2[41], c3[41];

	memset(&log, 0, sizeof(log));
	CHECK_OK(ov_repo_init(path));
	CHECK_OK(ov_repo_open(&repo, path));
	f = file("a.xml", "1");
	CHECK_OK(ov_repo_commit(c1, repo, "", &f, 1, &w, m1));
	f = file("a.xml", "2");
	w.when += 60;
	CHECK_OK(ov_repo_commit(c2, repo, c1, &f, 1, &w, m2));
	f = file("b.xml", "3");
	w.when += 60;
	CHECK_OK(ov_repo_commit(c3, repo, c2, &f, 1, &w, "Ändra belopp\n\nKey: value in the body"
							 " paragraph\nis not a trailer block.\n"));

	CHECK_OK(ov_repo_walk(repo, NULL, log_commit, &log));
	CHECK_INT(log.n, 3);
	CHECK_STR(log.lines.ptr,
		  "Skapa avtal 2026-0001|Event=create,Agreement=2026-0001\n"
		  "Beslut i kretsstyrelsen|Event=decide,Party=krets\n"
		  "Ändra belopp|\n");
	CHECK_STR(log.ids[0], c1);
	CHECK_STR(log.ids[1], c2);
	CHECK_STR(log.ids[2], c3);
	/* Messages are stored as given, with a newline added only when missing. */
	CHECK_STR(log.messages[0], m1);
	CHECK(!strncmp(log.messages[1], m2, sizeof(m2) - 1));
	CHECK_STR(log.messages[1] + sizeof(m2) - 1, "\n");

	/* Only what came after `since`. */
	ov_buf_dispose(&log.lines);
	memset(&log, 0, sizeof(log));
	CHECK_OK(ov_repo_walk(repo, c1, log_commit, &log));
	CHECK_INT(log.n, 2);
	CHECK_STR(log.ids[0], c2);
	CHECK_STR(log.ids[1], c3);
	ov_buf_dispose(&log.lines);
	memset(&log, 0, sizeof(log));
	CHECK_OK(ov_repo_walk(repo, c3, log_commit, &log));
	CHECK_INT(log.n, 0);

	/* The callback's non-zero value stops the walk and comes back. */
	memset(&log, 0, sizeof(log));
	log.stop_after = 2;
	CHECK_INT(ov_repo_walk(repo, "", log_commit, &log), 42);
	CHECK_INT(log.n, 2);
	ov_buf_dispose(&log.lines);
	memset(&log, 0, sizeof(log));
	CHECK_ERR(ov_repo_walk(repo, "0123456789012345678901234567890123456789", log_commit, &log),
		  OV_ENOTFOUND);
	CHECK_INT(log.n, 0);

	ov_buf_dispose(&log.lines);
	ov_repo_free(repo);
	drop_path(path);
}

TEST(list_changed_and_ancestry)
{
	char *path = fresh_path("list");
	ov_repo *repo = NULL;
	ov_buf b = OV_BUF_INIT;
	ov_repo_file files[3];
	char c1[41], c2[41], c3[41], id[41];
	int anc = -1, calls = 0;

	CHECK_OK(ov_repo_init(path));
	CHECK_OK(ov_repo_open(&repo, path));
	files[0] = file("agreements/3f/2026-0001/agreement.xml", "a1");
	files[1] = file("agreements/a0/2026-0002/agreement.xml", "b1");
	files[2] = file("settings.xml", "s1");
	CHECK_OK(ov_repo_commit(c1, repo, "", files, 3, &anna, "ett"));
	files[0] = file("agreements/3f/2026-0001/agreement.xml", "a2");
	files[1] = file("agreements/3f/2026-0001/events/0001.xml", "e1");
	CHECK_OK(ov_repo_commit(c2, repo, c1, files, 2, &anna, "två"));
	CHECK_OK(commit1(c3, repo, "agreements/a0/2026-0002/agreement.xml", NULL, "tre"));

	/* Listing a folder, recursively, in tree order; with or without the slash. */
	CHECK_OK(ov_repo_list(repo, NULL, "agreements", collect_path, &b));
	CHECK_STR(b.ptr, "agreements/3f/2026-0001/agreement.xml\n"
			 "agreements/3f/2026-0001/events/0001.xml\n");
	ov_buf_clear(&b);
	CHECK_OK(ov_repo_list(repo, c1, "agreements/", collect_path, &b));
	CHECK_STR(b.ptr, "agreements/3f/2026-0001/agreement.xml\n"
			 "agreements/a0/2026-0002/agreement.xml\n");
	ov_buf_clear(&b);
	CHECK_OK(ov_repo_list(repo, c2, "", collect_path, &b));
	CHECK_STR(b.ptr, "agreements/3f/2026-0001/agreement.xml\n"
			 "agreements/3f/2026-0001/events/0001.xml\n"
			 "agreements/a0/2026-0002/agreement.xml\n"
			 "settings.xml\n");
	ov_buf_clear(&b);
	CHECK_ERR(ov_repo_list(repo, NULL, "nothing", collect_path, &b), OV_ENOTFOUND);
	CHECK_ERR(ov_repo_list(repo, NULL, "settings.xml", collect_path, &b), OV_ENOTFOUND);
	CHECK_INT(ov_repo_list(repo, NULL, NULL, stop_at_first, &calls), 5);
	CHECK_INT(calls, 1);

	/* Changed paths: added, changed and deleted, sorted. */
	CHECK_OK(ov_repo_changed(repo, c1, c3, collect_path, &b));
	CHECK_STR(b.ptr, "agreements/3f/2026-0001/agreement.xml\n"
			 "agreements/3f/2026-0001/events/0001.xml\n"
			 "agreements/a0/2026-0002/agreement.xml\n");
	ov_buf_clear(&b);
	CHECK_OK(ov_repo_changed(repo, c2, NULL, collect_path, &b));
	CHECK_STR(b.ptr, "agreements/a0/2026-0002/agreement.xml\n");
	ov_buf_clear(&b);
	CHECK_OK(ov_repo_changed(repo, "", c1, collect_path, &b));
	CHECK_STR(b.ptr, "agreements/3f/2026-0001/agreement.xml\n"
			 "agreements/a0/2026-0002/agreement.xml\n"
			 "settings.xml\n");
	ov_buf_clear(&b);
	CHECK_OK(ov_repo_changed(repo, c3, c3, collect_path, &b));
	CHECK_INT(b.size, 0);
	calls = 0;
	CHECK_INT(ov_repo_changed(repo, c1, c3, stop_at_first, &calls), 5);
	CHECK_INT(calls, 1);
	CHECK_ERR(ov_repo_changed(repo, "0123456789012345678901234567890123456789", c3,
				  collect_path, &b), OV_ENOTFOUND);

	/* Ancestry. */
	CHECK_OK(ov_repo_is_ancestor(&anc, repo, c1, c3));
	CHECK_INT(anc, 1);
	CHECK_OK(ov_repo_is_ancestor(&anc, repo, c3, c1));
	CHECK_INT(anc, 0);
	CHECK_OK(ov_repo_is_ancestor(&anc, repo, c2, c2));
	CHECK_INT(anc, 1);
	CHECK_OK(ov_repo_is_ancestor(&anc, repo, c2, NULL));
	CHECK_INT(anc, 1);
	CHECK_OK(ov_repo_is_ancestor(&anc, repo, "", c1));
	CHECK_INT(anc, 1);
	CHECK_ERR(ov_repo_is_ancestor(&anc, repo, "0123456789012345678901234567890123456789", c1),
		  OV_ENOTFOUND);

	/* "" is the empty history: no files, no ancestors, nothing to resolve. */
	CHECK_STR(content(repo, "", "settings.xml"), "(error -2)");
	CHECK_CONTAINS(ov_error_last()->message,
		       "reading settings.xml at (no commit): no such file");
	CHECK_OK(ov_repo_list(repo, "", NULL, collect_path, &b));
	CHECK_INT(b.size, 0);
	CHECK_ERR(ov_repo_list(repo, "", "agreements", collect_path, &b), OV_ENOTFOUND);
	CHECK_OK(ov_repo_changed(repo, c1, "", collect_path, &b));
	CHECK_STR(b.ptr, "agreements/3f/2026-0001/agreement.xml\n"
			 "agreements/a0/2026-0002/agreement.xml\n"
			 "settings.xml\n");
	CHECK_OK(ov_repo_is_ancestor(&anc, repo, c1, ""));
	CHECK_INT(anc, 0);
	CHECK_ERR(ov_repo_resolve(id, repo, ""), OV_ENOTFOUND);

	ov_buf_dispose(&b);
	ov_repo_free(repo);
	drop_path(path);
}

TEST(tags)
{
	char *path = fresh_path("tags");
	ov_repo *repo = NULL;
	ov_buf out = OV_BUF_INIT;
	ov_repo_who asa = who_at("Åsa Öberg", "asa@example.se", WINTER, 60);
	char c1[41], c2[41], target[41] = "";

	CHECK_OK(ov_repo_init(path));
	CHECK_OK(ov_repo_open(&repo, path));
	CHECK_OK(commit1(c1, repo, "agreements/3f/2026-0001/agreement.xml", "v1", "v1"));
	CHECK_OK(commit1(c2, repo, "agreements/3f/2026-0001/agreement.xml", "v2", "v2"));

	CHECK_OK(ov_repo_tag(repo, "signed/2026-0001/1", c1, &asa, "Signerad version 1"));
	CHECK_OK(ov_repo_tag_target(target, repo, "signed/2026-0001/1"));
	CHECK_STR(target, c1);
	CHECK_STR(content(repo, "signed/2026-0001/1", "agreements/3f/2026-0001/agreement.xml"),
		  "v1");
	CHECK_ERR(ov_repo_tag(repo, "signed/2026-0001/1", c2, &asa, "igen"), OV_EEXISTS);
	CHECK_CONTAINS(ov_error_last()->message, "signed/2026-0001/1");
	CHECK_OK(ov_repo_tag_target(target, repo, "signed/2026-0001/1"));
	CHECK_STR(target, c1);
	CHECK_ERR(ov_repo_tag(repo, "bad..name", c2, &asa, "x"), OV_EINVALID);
	CHECK_ERR(ov_repo_tag(repo, "v9", "0123456789012345678901234567890123456789", &asa, "x"),
		  OV_ENOTFOUND);

	/* The stock client reads the tagger as written. */
	CHECK_INT(run(&out, "git -C '%s' cat-file -p signed/2026-0001/1", path), 0);
	CHECK_CONTAINS(out.ptr, "tagger Åsa Öberg <asa@example.se> 1795366919 +0100\n");
	CHECK_CONTAINS(out.ptr, "\n\nSignerad version 1\n");

	CHECK_OK(ov_repo_tag_delete(repo, "signed/2026-0001/1"));
	CHECK_ERR(ov_repo_tag_target(target, repo, "signed/2026-0001/1"), OV_ENOTFOUND);
	CHECK_ERR(ov_repo_tag_delete(repo, "signed/2026-0001/1"), OV_ENOTFOUND);
	/* A deleted tag's name can be used again. */
	CHECK_OK(ov_repo_tag(repo, "signed/2026-0001/1", c2, &asa, "Signerad version 2"));
	CHECK_OK(ov_repo_tag_target(target, repo, "signed/2026-0001/1"));
	CHECK_STR(target, c2);

	ov_buf_dispose(&out);
	ov_repo_free(repo);
	drop_path(path);
}

static int collect_reflog(const ov_repo_reflog_entry *e, void *payload)
{
	ov_buf *b = payload;

	return ov_buf_printf(b, "%.7s %.7s %s|%s\n", e->old_id, e->new_id, e->who, e->message) < 0
		       ? -100 : 0;
}

TEST(commit_in_two_halves_and_the_reflog)
{
	char *path = fresh_path("halves");
	ov_repo *repo = NULL;
	ov_repo_file f = file("a.txt", "ett");
	ov_buf b = OV_BUF_INIT, want = OV_BUF_INIT;
	char c1[41], c2[41], head[41], old_id[41], new_id[41], tree[41];
	long long size = -1, end = -1, end2 = -1;
	int anc = -1;

	CHECK_OK(ov_repo_init(path));
	CHECK_OK(ov_repo_open(&repo, path));
	CHECK_OK(ov_repo_reflog_size(&size, repo));
	CHECK_INT(size, 0);
	CHECK_OK(ov_repo_reflog_last(old_id, new_id, repo));
	CHECK_STR(new_id, "");

	/* The object half moves nothing; the ref half is the compare-and-swap. */
	CHECK_OK(ov_repo_commit_object(c1, repo, "", &f, 1, &anna, "Första"));
	CHECK_OK(ov_repo_head(head, repo));
	CHECK_STR(head, "");
	CHECK_OK(ov_repo_move_main(repo, "", c1, &anna, "Första"));
	CHECK_OK(ov_repo_head(head, repo));
	CHECK_STR(head, c1);
	f = file("a.txt", "två");
	CHECK_OK(ov_repo_commit_object(c2, repo, c1, &f, 1, &anna, "Andra\n\nmed brödtext"));
	CHECK_ERR(ov_repo_move_main(repo, "", c2, &anna, "Andra"), OV_ECONFLICT);
	CHECK_ERR(ov_repo_move_main(repo, c2, c2, &anna, "Andra"), OV_ECONFLICT);
	CHECK_OK(ov_repo_move_main(repo, c1, c2, &anna, "Andra\n\nmed brödtext"));
	CHECK_OK(ov_repo_commit_tree(tree, repo, c1));
	CHECK_INT(run(&b, "git -C '%s' rev-parse '%s^{tree}'", path, c1), 0);
	ov_buf_printf(&want, "%s\n", tree);
	CHECK_STR(b.ptr, want.ptr);
	ov_buf_clear(&b);
	CHECK_OK(ov_repo_is_ancestor(&anc, repo, c1, c2));
	CHECK_INT(anc, 1);
	CHECK_OK(ov_repo_is_ancestor(&anc, repo, c2, c1));
	CHECK_INT(anc, 0);

	/* Every move is in the reflog, read as a growing file. */
	CHECK_OK(ov_repo_reflog_scan(repo, 0, &end, collect_reflog, &b));
	ov_buf_clear(&want);
	ov_buf_printf(&want, "0000000 %.7s Anna Lind <anna@example.se>|commit (initial): Första\n"
		      "%.7s %.7s Anna Lind <anna@example.se>|commit: Andra\n", c1, c1, c2);
	CHECK_STR(b.ptr, want.ptr);
	CHECK_OK(ov_repo_reflog_size(&size, repo));
	CHECK_INT(end, size);
	/* The stock client's move backwards is appended, and read from where we stopped. */
	CHECK_INT(run(NULL, "GIT_COMMITTER_NAME=Mallory GIT_COMMITTER_EMAIL=m@example.org "
		      "git -C '%s' update-ref -m tillbaka refs/heads/main %s", path, c1), 0);
	ov_buf_clear(&b);
	CHECK_OK(ov_repo_reflog_scan(repo, end, &end2, collect_reflog, &b));
	ov_buf_clear(&want);
	ov_buf_printf(&want, "%.7s %.7s Mallory <m@example.org>|tillbaka\n", c2, c1);
	CHECK_STR(b.ptr, want.ptr);
	CHECK_OK(ov_repo_reflog_last(old_id, new_id, repo));
	CHECK_STR(old_id, c2);
	CHECK_STR(new_id, c1);
	/* A line for a move someone made without one; git reads it back. */
	CHECK_OK(ov_repo_reflog_note(repo, c1, c2, WINTER, "flyttad\tutan\nrad"));
	CHECK_OK(ov_repo_reflog_last(old_id, new_id, repo));
	CHECK_STR(old_id, c1);
	CHECK_STR(new_id, c2);
	ov_buf_clear(&b);
	CHECK_INT(run(&b, "git -C '%s' reflog show --format='%%H %%gs' main -1", path), 0);
	ov_buf_clear(&want);
	ov_buf_printf(&want, "%s flyttad utan rad\n", c2);
	CHECK_STR(b.ptr, want.ptr);
	CHECK_ERR(ov_repo_reflog_note(repo, c1, "c2", WINTER, "x"), OV_EINVALID);
	/* A reflog shorter than remembered is read again from the start. */
	ov_buf_clear(&b);
	CHECK_OK(ov_repo_reflog_scan(repo, end2 + 100000, &end, collect_reflog, &b));
	CHECK_CONTAINS(b.ptr, "commit (initial): Första");
	CHECK_CONTAINS(b.ptr, "flyttad utan rad");
	CHECK_INT(run(NULL, "git -C '%s' fsck --strict", path), 0);
	ov_repo_free(repo);
	repo = NULL;

	/* A repository from before the reflog settings gets them. */
	CHECK_INT(run(NULL, "git -C '%s' config core.logAllRefUpdates true && "
		      "git -C '%s' config --unset gc.reflogExpire", path, path), 0);
	CHECK_OK(ov_repo_open(&repo, path));
	CHECK_OK(ov_repo_ensure_reflog(repo));
	ov_buf_clear(&b);
	CHECK_INT(run(&b, "git -C '%s' config core.logAllRefUpdates && git -C '%s' config "
		      "gc.reflogExpire", path, path), 0);
	CHECK_STR(b.ptr, "always\nnever\n");
	CHECK_OK(ov_repo_check_tag_name("2026-0001-v1"));
	CHECK_ERR(ov_repo_check_tag_name("bad..name"), OV_EINVALID);
	CHECK_ERR(ov_repo_check_tag_name(""), OV_EINVALID);

	ov_buf_dispose(&b);
	ov_buf_dispose(&want);
	ov_repo_free(repo);
	drop_path(path);
}

/* --- the workspace's transaction: tags with the commit, fault points ---------- */

typedef struct tag_txn {
	const char *file, *text;
	const char *tags[2], *targets[2]; /* targets: NULL = the new commit */
} tag_txn;

static int tag_txn_fn(ov_txn *txn, void *payload)
{
	tag_txn *t = payload;
	int err;

	if ((err = ov_txn_write(txn, t->file, t->text, strlen(t->text))) < 0)
		return err;
	ov_buf_printf(&txn->message, "test: %s\n\nEvent: test\nActor: anna@example.se\n", t->file);
	for (int i = 0; i < 2; i++)
		if (t->tags[i] && (err = ov_txn_tag(txn, t->tags[i], t->targets[i], "testtagg")) < 0)
			return err;
	return OV_OK;
}

/*
 * Runs one transaction in a child process with OVERENS_FAULT=fault (NULL:
 * none); the parent never passes a fault point itself, since the variable
 * is read once per process.  Returns the child's exit code (the negated
 * OV_* code of a failure), or -signal when it was killed.
 */
static int child_txn(const char *dir, const char *fault, tag_txn *t)
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		ov_workspace *ws = NULL;
		int err;
		if (fault)
			setenv("OVERENS_FAULT", fault, 1);
		if ((err = ov_workspace_open(&ws, dir)) >= 0)
			err = ov_workspace_transact(ws, &anna, tag_txn_fn, t, NULL);
		ov_workspace_free(ws);
		ov_error_clear();
		_exit(err < 0 ? -err : 0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1000;
	return WIFSIGNALED(status) ? -WTERMSIG(status) : WEXITSTATUS(status);
}

/* main of the workspace in `dir` and the head its index records (without opening it). */
static void heads_of(const char *dir, char main_out[41], char index_out[41])
{
	ov_buf p = OV_BUF_INIT;
	ov_repo *repo = NULL;
	ov_index *idx = NULL;
	int stale = 0;

	main_out[0] = index_out[0] = '\0';
	ov_buf_printf(&p, "%s/repo.git", dir);
	if (ov_repo_open(&repo, p.ptr) == 0 && ov_repo_head(main_out, repo) < 0)
		main_out[0] = '\0';
	ov_buf_clear(&p);
	ov_buf_printf(&p, "%s/index.sqlite", dir);
	if (ov_index_open(&idx, p.ptr, &stale) == 0 && !stale && ov_index_head(index_out, idx) < 0)
		index_out[0] = '\0';
	ov_error_clear();
	ov_index_free(idx);
	ov_repo_free(repo);
	ov_buf_dispose(&p);
}

static const char *tag_at(ov_repo *repo, const char *name)
{
	static char id[41];

	if (ov_repo_tag_target(id, repo, name) < 0) {
		ov_error_clear();
		return "none";
	}
	return id;
}

TEST(txn_tags_are_made_before_main_moves)
{
	char *dir = fresh_path("txn");
	ov_workspace *ws = NULL;
	ov_repo *repo = NULL;
	ov_buf p = OV_BUF_INIT, b = OV_BUF_INIT;
	tag_txn t;
	char h1[41], h2[41], h3[41], h4[41], ihead[41], other[41], tagobj[41] = "";
	ov_repo_file f = file("x.txt", "x");

	CHECK_OK(ov_workspace_init(dir));
	ov_buf_printf(&p, "%s/repo.git", dir);
	memset(&t, 0, sizeof(t));
	t.file = "people/a.xml";
	t.text = "a";
	CHECK_INT(child_txn(dir, NULL, &t), 0);
	heads_of(dir, h1, ihead);
	CHECK(strlen(h1) == 40);
	CHECK_STR(ihead, h1);
	CHECK_OK(ov_repo_open(&repo, p.ptr));

	/* Killed with the commit object written: nothing visible. */
	t.file = "people/b.xml";
	t.text = "b";
	t.tags[0] = "v-a";
	t.targets[0] = h1;
	t.tags[1] = "v-new";
	t.targets[1] = NULL;
	CHECK_INT(child_txn(dir, "txn-objects-written", &t), -SIGKILL);
	heads_of(dir, h2, ihead);
	CHECK_STR(h2, h1);
	CHECK_STR(tag_at(repo, "v-a"), "none");
	CHECK_STR(tag_at(repo, "v-new"), "none");
	/* Killed with the tags made: main has not moved; the retry keeps the tags. */
	CHECK_INT(child_txn(dir, "txn-tag-written", &t), -SIGKILL);
	heads_of(dir, h2, ihead);
	CHECK_STR(h2, h1);
	CHECK_STR(tag_at(repo, "v-a"), h1);
	CHECK_INT(run(&b, "git -C '%s' rev-parse refs/tags/v-a", p.ptr), 0);
	snprintf(tagobj, sizeof(tagobj), "%.40s", b.ptr);
	CHECK_INT(child_txn(dir, NULL, &t), 0);
	heads_of(dir, h2, ihead);
	CHECK_STR(ihead, h2);
	ov_buf_clear(&b);
	CHECK_INT(run(&b, "git -C '%s' rev-parse main~1", p.ptr), 0);
	CHECK(!strncmp(b.ptr, h1, 40));
	CHECK_STR(tag_at(repo, "v-a"), h1);
	CHECK_STR(tag_at(repo, "v-new"), h2); /* the same commit as in the killed attempt */
	ov_buf_clear(&b);
	CHECK_INT(run(&b, "git -C '%s' rev-parse refs/tags/v-a", p.ptr), 0);
	CHECK(!strncmp(b.ptr, tagobj, 40));
	ov_buf_clear(&b);
	CHECK_INT(run(&b, "git -C '%s' cat-file -p v-new", p.ptr), 0);
	CHECK_CONTAINS(b.ptr, "tagger Anna Lind <anna@example.se> 1795366919 +0100\n");

	/* Killed with main moved: the index is behind until the next open. */
	memset(&t, 0, sizeof(t));
	t.file = "people/c.xml";
	t.text = "c";
	CHECK_INT(child_txn(dir, "txn-ref-moved", &t), -SIGKILL);
	heads_of(dir, h3, ihead);
	CHECK(strcmp(h3, h2) != 0);
	CHECK_STR(ihead, h2);
	CHECK_OK(ov_workspace_open(&ws, dir));
	ov_workspace_free(ws);
	ws = NULL;
	heads_of(dir, h3, ihead);
	CHECK_STR(ihead, h3);
	/* Killed after the index: all done. */
	t.file = "people/d.xml";
	CHECK_INT(child_txn(dir, "txn-index-written", &t), -SIGKILL);
	heads_of(dir, h4, ihead);
	CHECK(strcmp(h4, h3) != 0);
	CHECK_STR(ihead, h4);

	/* A tag that exists with another target refuses all; the tags made are taken back. */
	t.file = "people/e.xml";
	t.tags[0] = "v-b";
	t.targets[0] = h4;
	t.tags[1] = "v-a";
	t.targets[1] = h4;
	CHECK_INT(child_txn(dir, NULL, &t), -OV_ECONFLICT);
	heads_of(dir, other, ihead);
	CHECK_STR(other, h4);
	CHECK_STR(tag_at(repo, "v-b"), "none");
	CHECK_STR(tag_at(repo, "v-a"), h1);
	/* A target outside the new commit's history, a bad name: refused, nothing moves. */
	CHECK_OK(ov_repo_commit_object(other, repo, "", &f, 1, &anna, "utanför"));
	t.tags[1] = NULL;
	t.targets[0] = other;
	CHECK_INT(child_txn(dir, NULL, &t), -OV_EINVALID);
	t.tags[0] = "bad..name";
	t.targets[0] = NULL;
	CHECK_INT(child_txn(dir, NULL, &t), -OV_EINVALID);
	heads_of(dir, other, ihead);
	CHECK_STR(other, h4);
	CHECK_STR(tag_at(repo, "v-b"), "none");
	CHECK_INT(run(NULL, "git -C '%s' fsck --strict", p.ptr), 0);

	ov_buf_dispose(&p);
	ov_buf_dispose(&b);
	ov_repo_free(repo);
	drop_path(dir);
}

static int check_author(const ov_repo_commit_info *info, void *payload)
{
	ov_buf *b = payload;

	return ov_buf_printf(b, "%s <%s> %lld %+d\n", info->author_name, info->author_email,
			     info->when, info->offset_minutes) < 0 ? -100 : 0;
}

TEST(swedish_author_and_offsets_as_git_sees_them)
{
	char *path = fresh_path("author");
	ov_repo *repo = NULL;
	ov_buf b = OV_BUF_INIT, reflog = OV_BUF_INIT, logpath = OV_BUF_INIT;
	ov_repo_who summer = who_at("Åsa Öberg", "asa@example.se", SUMMER, 120);
	ov_repo_who winter = who_at("Åsa Öberg", "asa@example.se", WINTER, 60);
	ov_repo_file f;
	char c1[41], c2[41];

	CHECK_OK(ov_repo_init(path));
	CHECK_OK(ov_repo_open(&repo, path));
	f = file("agreements/3f/2026-0001/agreement.xml", "sommar");
	CHECK_OK(ov_repo_commit(c1, repo, "", &f, 1, &summer,
				"Lägg till belopp\n\nEvent: edit\n"));
	f = file("agreements/3f/2026-0001/agreement.xml", "vinter");
	CHECK_OK(ov_repo_commit(c2, repo, c1, &f, 1, &winter, "Uppföljning"));

	CHECK_OK(ov_repo_walk(repo, NULL, check_author, &b));
	CHECK_STR(b.ptr, "Åsa Öberg <asa@example.se> 1782000000 +120\n"
			 "Åsa Öberg <asa@example.se> 1795366919 +60\n");
	ov_buf_clear(&b);

	CHECK_INT(run(&b, "git -C '%s' log --format=%%an main", path), 0);
	CHECK_STR(b.ptr, "Åsa Öberg\nÅsa Öberg\n");
	ov_buf_clear(&b);
	CHECK_INT(run(&b, "git -C '%s' log --date=raw "
		      "--format='%%an <%%ae> %%ad|%%cn %%cd|%%s' main", path), 0);
	CHECK_STR(b.ptr, "Åsa Öberg <asa@example.se> 1795366919 +0100"
			 "|Åsa Öberg 1795366919 +0100|Uppföljning\n"
			 "Åsa Öberg <asa@example.se> 1782000000 +0200"
			 "|Åsa Öberg 1782000000 +0200|Lägg till belopp\n");
	ov_buf_clear(&b);
	CHECK_INT(run(&b, "git -C '%s' log -1 --format=%%B main", path), 0);
	CHECK_STR(b.ptr, "Uppföljning\n\n");
	CHECK_INT(run(NULL, "git -C '%s' fsck --strict --no-progress 2>/dev/null", path), 0);

	/* Every move of main is in the reflog, with who made it. */
	ov_buf_printf(&logpath, "%slogs/refs/heads/main", ov_repo_path(repo));
	CHECK_OK(ov_buf_read_file(&reflog, logpath.ptr));
	CHECK_CONTAINS(reflog.ptr, c1);
	CHECK_CONTAINS(reflog.ptr, c2);
	CHECK_CONTAINS(reflog.ptr, "Åsa Öberg <asa@example.se>");
	CHECK_CONTAINS(reflog.ptr, "\tcommit (initial): Lägg till belopp\n");
	CHECK_CONTAINS(reflog.ptr, "\tcommit: Uppföljning\n");

	ov_buf_dispose(&b);
	ov_buf_dispose(&reflog);
	ov_buf_dispose(&logpath);
	ov_repo_free(repo);
	drop_path(path);
}

static int make_old_file(const char *dir, const char *name, int age_seconds)
{
	ov_buf p = OV_BUF_INIT;
	struct timeval tv[2];
	int err;

	ov_buf_printf(&p, "%s%s", dir, name);
	err = ov_write_file_atomic(p.ptr, "stale\n", 6);
	gettimeofday(&tv[0], NULL);
	tv[0].tv_sec -= age_seconds;
	tv[1] = tv[0];
	if (err == 0 && utimes(p.ptr, tv) < 0)
		err = -1;
	ov_buf_dispose(&p);
	return err;
}

static int exists_in(const char *dir, const char *name)
{
	ov_buf p = OV_BUF_INIT;
	struct stat st;
	int found;

	ov_buf_printf(&p, "%s%s", dir, name);
	found = lstat(p.ptr, &st) == 0;
	ov_buf_dispose(&p);
	return found;
}

TEST(stale_locks_are_cleared)
{
	char *path = fresh_path("locks");
	ov_repo *repo = NULL;
	const char *gitdir;
	char c1[41], c2[41], id[41];

	CHECK_OK(ov_repo_init(path));
	CHECK_OK(ov_repo_open(&repo, path));
	gitdir = ov_repo_path(repo);
	CHECK_OK(commit1(c1, repo, "a.txt", "1", "ett"));

	/* A writer died holding main's lock: every commit is refused. */
	CHECK_OK(make_old_file(gitdir, "refs/heads/main.lock", 0));
	CHECK_ERR(commit1(id, repo, "b.txt", "2", "två"), OV_ECONFLICT);
	CHECK_CONTAINS(ov_error_last()->message, "main is locked");
	CHECK(head_is(repo, c1));

	/* A young lock may belong to a live writer: kept. */
	CHECK_OK(ov_repo_clear_stale_locks(repo, 3600));
	CHECK(exists_in(gitdir, "refs/heads/main.lock"));
	CHECK_ERR(commit1(id, repo, "b.txt", "2", "två"), OV_ECONFLICT);

	/* Old ones go; refs and other files stay. */
	CHECK_OK(make_old_file(gitdir, "refs/heads/main.lock", 7200));
	CHECK_OK(make_old_file(gitdir, "packed-refs.lock", 7200));
	CHECK_OK(make_old_file(gitdir, "refs/tags/v1.lock", 7200));
	CHECK_OK(make_old_file(gitdir, "index.lock", 7200));
	CHECK_OK(make_old_file(gitdir, "description.old", 7200));
	CHECK_OK(ov_repo_clear_stale_locks(repo, 3600));
	CHECK(!exists_in(gitdir, "refs/heads/main.lock"));
	CHECK(!exists_in(gitdir, "packed-refs.lock"));
	CHECK(!exists_in(gitdir, "refs/tags/v1.lock"));
	CHECK(!exists_in(gitdir, "index.lock"));
	CHECK(exists_in(gitdir, "description.old"));
	CHECK(exists_in(gitdir, "refs/heads/main"));
	CHECK(head_is(repo, c1));

	CHECK_OK(commit1(c2, repo, "b.txt", "2", "två"));
	CHECK(head_is(repo, c2));
	CHECK_STR(content(repo, NULL, "a.txt"), "1");
	CHECK_STR(content(repo, NULL, "b.txt"), "2");
	/* Nothing stale: a no-op, even with age 0. */
	CHECK_OK(ov_repo_clear_stale_locks(repo, 0));
	CHECK(head_is(repo, c2));
	ov_repo_free(repo);
	drop_path(path);
}

/* --- the door: the store indexes the rows the engine's indexer gives ----------- */

/*
 * A stand-in for the engine's indexer that reads a document of the form
 * "id|workflow|title|phase|date" (no XML at all): what the index holds
 * comes from the indexer alone.
 */
static int door_calls;

static int door_agreement(const char *path, const void *xml, size_t len,
			  ov_ws_agreement_emit emit, void *payload)
{
	char buf[256], *f[5] = { NULL }, *p = buf;
	ov_ws_agreement_row row;
	ov_ws_row_date date = { NULL, "review", "Uppföljning" };
	ov_ws_row_party party = { "krets", "Krets Nord", NULL };

	(void)path;
	door_calls++;
	snprintf(buf, sizeof(buf), "%.*s", (int)len, (const char *)xml);
	for (int i = 0; i < 5; i++) {
		f[i] = p;
		if ((p = strchr(p, '|')) == NULL)
			break;
		*p++ = '\0';
	}
	memset(&row, 0, sizeof(row));
	row.id = f[0];
	row.workflow = f[1];
	row.title = f[2];
	row.phase = f[3];
	row.version = 3;
	date.value = f[4];
	row.dates = &date;
	row.ndates = f[4] ? 1 : 0;
	row.parties = &party;
	row.nparties = 1;
	return emit(&row, payload);
}

static int door_event(const ov_ws_commit *c, ov_ws_event_emit emit, void *payload)
{
	ov_ws_event ev;
	ov_buf body = OV_BUF_INIT;
	int err;

	memset(&ev, 0, sizeof(ev));
	if (!(ev.agreement = ov_ws_trailer(c, "Agreement")))
		return OV_OK;
	ov_ws_commit_body(&body, c);
	ev.commit = c->id;
	ev.event = ov_ws_trailer(c, "Event");
	ev.summary = c->summary;
	ev.body = body.ptr;
	ev.phase_to = "utkast";
	err = emit(&ev, payload);
	ov_buf_dispose(&body);
	return err;
}

static const ov_ws_indexer door_indexer = { door_agreement, door_event, NULL };

static int door_txn_fn(ov_txn *txn, void *payload)
{
	const char *text = payload;
	int err;

	if ((err = ov_txn_write(txn, "agreements/01/2026-0001/agreement.xml", text,
				strlen(text))) < 0)
		return err;
	ov_buf_printf(&txn->message, "nytt avtal\n\nFörsta stycket.\n\n"
		      "Event: new\nAgreement: 2026-0001\n");
	return OV_OK;
}

typedef struct door_rows {
	char first[256];
	int n;
} door_rows;

static int door_list_cb(const ov_ws_list_row *r, void *payload)
{
	door_rows *d = payload;

	if (!d->n++)
		snprintf(d->first, sizeof(d->first), "%s %s %s %s v%d %s %s", r->id, r->workflow,
			 r->title, r->phase, r->version, r->next_date ? r->next_date : "-",
			 r->next_label ? r->next_label : "-");
	return 0;
}

static int door_due_cb(const ov_ws_due_row *r, void *payload)
{
	door_rows *d = payload;

	if (!d->n++)
		snprintf(d->first, sizeof(d->first), "%s %s %s %s %s", r->date, r->kind, r->label,
			 r->agreement, r->title);
	return 0;
}

static int door_event_cb(const ov_ws_event *ev, void *payload)
{
	door_rows *d = payload;

	if (!d->n++)
		snprintf(d->first, sizeof(d->first), "%s [%s] %s -> %s", ev->event, ev->body,
			 ev->phase_from, ev->phase_to);
	return 0;
}

TEST(door_indexes_the_indexers_rows_and_rebuilds_them_from_git)
{
	char *dir = fresh_path("door");
	ov_workspace *ws = NULL;
	door_rows d;
	int seq = -1, calls;

	CHECK_OK(ov_workspace_init(dir));
	CHECK_ERR(ov_ws_open(&ws, dir, NULL), OV_EINVALID);
	ov_error_clear();
	CHECK(ws == NULL);
	CHECK_OK(ov_ws_open(&ws, dir, &door_indexer));
	door_calls = 0;
	CHECK_OK(ov_workspace_transact(ws, &anna, door_txn_fn,
				       "2026-0001|avtal|Läxhjälp|utkast|2030-01-05", NULL));
	CHECK_INT(door_calls, 1);

	memset(&d, 0, sizeof(d));
	CHECK_OK(ov_ws_list_agreements(ws, "2026-01-01", door_list_cb, &d));
	CHECK_INT(d.n, 1);
	CHECK_STR(d.first, "2026-0001 avtal Läxhjälp utkast v3 2030-01-05 Uppföljning");
	memset(&d, 0, sizeof(d));
	CHECK_OK(ov_ws_list_agreements(ws, "2030-01-06", door_list_cb, &d));
	CHECK_STR(d.first, "2026-0001 avtal Läxhjälp utkast v3 - -");
	memset(&d, 0, sizeof(d));
	CHECK_OK(ov_ws_due(ws, "2030-01-01", "2030-12-31", door_due_cb, &d));
	CHECK_INT(d.n, 1);
	CHECK_STR(d.first, "2030-01-05 review Uppföljning 2026-0001 Läxhjälp");
	memset(&d, 0, sizeof(d));
	CHECK_OK(ov_ws_events(ws, "2026-0001", door_event_cb, &d));
	CHECK_INT(d.n, 1);
	CHECK_STR(d.first, "new [Första stycket.]  -> utkast"); /* NULL is written as "" */
	CHECK_OK(ov_ws_max_seq(&seq, ws, 2026));
	CHECK_INT(seq, 1);
	CHECK_OK(ov_ws_max_seq(&seq, ws, 2027));
	CHECK_INT(seq, 0);

	/* A rebuild asks the indexer again, from git alone, and finds the same rows. */
	calls = door_calls;
	CHECK_OK(ov_workspace_reindex(ws));
	CHECK_INT(door_calls, calls + 1);
	memset(&d, 0, sizeof(d));
	CHECK_OK(ov_ws_due(ws, "2030-01-01", "2030-12-31", door_due_cb, &d));
	CHECK_STR(d.first, "2030-01-05 review Uppföljning 2026-0001 Läxhjälp");
	memset(&d, 0, sizeof(d));
	CHECK_OK(ov_ws_events(ws, "2026-0001", door_event_cb, &d));
	CHECK_INT(d.n, 1);
	ov_workspace_free(ws);
	drop_path(dir);
}

/* --- the door: the store records what the engine's audit rules report ------------ */

/*
 * Stand-in rules: they write down what the store handed over (the changed
 * paths, the parent's copy of the document, the last event) and report
 * what the commit's "Report:" trailer asks for.
 */
static char rules_saw[1024];

static int stand_in_rules(const ov_ws_audit *a)
{
	const char *report = ov_ws_trailer(a->commit, "Report");
	ov_buf old = OV_BUF_INIT;
	char last[41] = "?";
	size_t n = strlen(rules_saw);
	int err;

	for (size_t i = 0; i < a->npaths; i++, n = strlen(rules_saw))
		snprintf(rules_saw + n, sizeof(rules_saw) - n, "%s ", a->paths[i]);
	err = a->read_parent(a, &old, "agreements/01/2026-0001/agreement.xml");
	if (err == OV_ENOTFOUND)
		ov_error_clear();
	else if (err < 0 || (err = a->last_event(a, last, "2026-0001")) < 0)
		goto done;
	n = strlen(rules_saw);
	snprintf(rules_saw + n, sizeof(rules_saw) - n, "[%s] last=%.7s; ",
		 old.ptr ? old.ptr : "none", last);
	err = OV_OK;
	if (report && !strcmp(report, "signed"))
		err = a->signed_version(a, "2026-0001", 1, "2026-0001-v1", a->commit->parent);
	else if (report && !strcmp(report, "finding"))
		err = a->finding(a, "2026-0001", "stämmer inte");
done:
	ov_buf_dispose(&old);
	return err;
}

static const ov_ws_indexer rules_indexer = { door_agreement, door_event, stand_in_rules };

typedef struct rules_txn {
	const char *file, *text, *report, *tag_target;
} rules_txn;

static int rules_txn_fn(ov_txn *txn, void *payload)
{
	const rules_txn *r = payload;
	int err;

	if (r->file && (err = ov_txn_write(txn, r->file, r->text, strlen(r->text))) < 0)
		return err;
	if (r->tag_target && (err = ov_txn_tag(txn, "2026-0001-v1", r->tag_target, NULL)) < 0)
		return err;
	txn->allow_empty = 1;
	return ov_buf_printf(&txn->message, "steg\n\nEvent: new\nAgreement: 2026-0001\n"
			     "Report: %s\n", r->report);
}

static int rules_finding_cb(const ov_ws_finding *f, void *payload)
{
	ov_buf *b = payload;

	return ov_buf_printf(b, "%s %.7s %s %s;", f->kind, f->key, f->agreement ? f->agreement : "-",
			     f->detail) < 0;
}

TEST(door_records_what_the_audit_rules_report)
{
	char *dir = fresh_path("rules");
	ov_workspace *ws = NULL;
	ov_buf b = OV_BUF_INIT, got = OV_BUF_INIT;
	char c1[41], c2[41];
	rules_txn t1 = { "agreements/01/2026-0001/agreement.xml", "2026-0001|avtal|A|utkast|",
			 "none", NULL };
	rules_txn t2 = { "agreements/01/2026-0001/signed/v1.pdf", "%PDF", "signed", NULL };
	rules_txn t3 = { NULL, NULL, "finding", NULL };

	CHECK_OK(ov_workspace_init(dir));
	CHECK_OK(ov_ws_open(&ws, dir, &rules_indexer));
	rules_saw[0] = '\0';
	CHECK_OK(ov_workspace_transact(ws, &anna, rules_txn_fn, &t1, c1));
	CHECK_STR(rules_saw, "agreements/01/2026-0001/agreement.xml [none] last=?; ");
	rules_saw[0] = '\0';
	CHECK_OK(ov_workspace_transact(ws, &anna, rules_txn_fn, &t2, c2));
	ov_buf_printf(&b, "agreements/01/2026-0001/signed/v1.pdf [2026-0001|avtal|A|utkast|] "
		      "last=%.7s; ", c1);
	CHECK_STR(rules_saw, b.ptr);

	/* The signed version's tag is missing: a finding keyed by the tag's name. */
	ov_buf_clear(&b);
	CHECK_OK(ov_ws_findings(ws, 1, rules_finding_cb, &b));
	CHECK_CONTAINS(b.ptr, "tag-missing 2026-00 2026-0001 taggen 2026-0001-v1 saknas: "
		       "version 1 av avtal 2026-0001 undertecknades digitalt i ");
	CHECK_CONTAINS(b.ptr, c1);

	/* A commit finding keyed by the commit; the tag made on its target clears the other. */
	t3.tag_target = c1;
	CHECK_OK(ov_workspace_transact(ws, &anna, rules_txn_fn, &t3, c2));
	ov_buf_clear(&b);
	ov_buf_printf(&b, "commit %.7s 2026-0001 stämmer inte;", c2);
	CHECK_OK(ov_ws_findings(ws, 1, rules_finding_cb, &got));
	CHECK_STR(got.ptr, b.ptr);

	/* A rebuild asks the rules again, from git alone, and finds the same. */
	CHECK_OK(ov_workspace_reindex(ws));
	ov_buf_clear(&got);
	CHECK_OK(ov_ws_findings(ws, 1, rules_finding_cb, &got));
	CHECK_STR(got.ptr, b.ptr);
	ov_buf_dispose(&got);
	ov_buf_dispose(&b);
	ov_workspace_free(ws);
	drop_path(dir);
}

/* Opens `path` afresh and reads main's id (the first read of a repository skips libgit2). */
static const char *fresh_head(const char *path)
{
	static char head[41];
	ov_repo *repo = NULL;

	snprintf(head, sizeof(head), "(error)");
	if (ov_repo_open(&repo, path) == 0 && ov_repo_head(head, repo) < 0)
		snprintf(head, sizeof(head), "(error)");
	ov_repo_free(repo);
	return head;
}

TEST(head_read_from_the_ref_files_as_git_writes_them)
{
	char *path = fresh_path("refs");
	ov_repo *repo = NULL;
	ov_buf b = OV_BUF_INIT, f = OV_BUF_INIT;
	char c1[41], c2[41];

	CHECK_OK(ov_repo_init(path));
	CHECK_STR(fresh_head(path), "");
	CHECK_OK(ov_repo_open(&repo, path));
	CHECK_OK(commit1(c1, repo, "a.txt", "ett", "ett"));
	CHECK_OK(commit1(c2, repo, "a.txt", "två", "två"));
	ov_repo_free(repo);
	repo = NULL;
	/* The loose ref file. */
	CHECK_STR(fresh_head(path), c2);
	/* Packed (git gc, git pack-refs): main's line in packed-refs. */
	CHECK_INT(run(NULL, "git -C '%s' pack-refs --all", path), 0);
	ov_buf_printf(&f, "%s/refs/heads/main", path);
	CHECK(access(f.ptr, F_OK) != 0);
	CHECK_STR(fresh_head(path), c2);
	/* A loose ref beside the packed one wins, as in git. */
	CHECK_INT(run(NULL, "git -C '%s' update-ref refs/heads/main %s", path, c1), 0);
	CHECK(access(f.ptr, F_OK) == 0);
	CHECK_STR(fresh_head(path), c1);
	/* Anything unusual is left to libgit2: a symbolic main; upper-case hex reads the same. */
	CHECK_INT(run(NULL, "git -C '%s' update-ref refs/heads/other %s", path, c2), 0);
	CHECK_INT(run(NULL, "git -C '%s' symbolic-ref refs/heads/main refs/heads/other", path), 0);
	CHECK_STR(fresh_head(path), c2);
	ov_buf_printf(&b, "%s", c1);
	for (size_t i = 0; i < b.size; i++)
		b.ptr[i] = (char)toupper((unsigned char)b.ptr[i]);
	ov_buf_putc(&b, '\n');
	CHECK_OK(ov_write_file_atomic(f.ptr, b.ptr, b.size));
	CHECK_STR(fresh_head(path), c1);
	/* A damaged ref file is an error (libgit2's), not an empty branch. */
	CHECK_OK(ov_write_file_atomic(f.ptr, "kein id\n", 8));
	CHECK_STR(fresh_head(path), "(error)");
	ov_buf_dispose(&b);
	ov_buf_dispose(&f);
	drop_path(path);
}

/* How many of this process's open files are deleted pack files. */
static int deleted_packs_open(void)
{
	ov_buf out = OV_BUF_INIT;
	int n = -1;

	if (run(&out, "ls -l /proc/%ld/fd | grep -c '/objects/pack/.*(deleted)' || true",
		(long)getpid()) == 0)
		n = atoi(out.ptr ? out.ptr : "-1");
	ov_buf_dispose(&out);
	return n;
}

/*
 * A long-lived handle (the web server's) lets go of the packs another
 * handle's gc removed, at its next write or refresh: libgit2 alone would
 * keep them open, mapped and cached for as long as the handle lives.
 */
TEST(packs_removed_by_a_gc_elsewhere_are_let_go)
{
	char *dir = fresh_path("packs");
	ov_workspace *ws = NULL, *other = NULL;
	ov_gc_report gc;
	char text[64];

	CHECK_OK(ov_workspace_init(dir));
	CHECK_OK(ov_ws_open(&ws, dir, &door_indexer));
	CHECK_OK(ov_ws_open(&other, dir, &door_indexer));
	for (int round = 0; round < 3; round++) {
		snprintf(text, sizeof(text), "2026-0001|avtal|Läxhjälp %d|utkast|2030-01-05", round);
		CHECK_OK(ov_workspace_transact(ws, &anna, door_txn_fn, text, NULL));
		/* Every object into one new pack; the pack `ws` read from is removed. */
		CHECK_OK(ov_workspace_gc(other, 1, &gc));
		CHECK_INT(gc.packs_after, 1);
	}
	CHECK_OK(ov_workspace_refresh(ws));
	CHECK_INT(deleted_packs_open(), 0);
	ov_workspace_free(ws);
	ov_workspace_free(other);
	drop_path(dir);
}

/* ov_ws_read of the agreement at head (NULL) or at `rev`, as a string; "(error)" on failure. */
static const char *read_doc(ov_workspace *ws, const char *rev)
{
	static char text[256];
	ov_buf b = OV_BUF_INIT;

	if (ov_ws_read(&b, ws, rev, "agreements/01/2026-0001/agreement.xml") < 0) {
		ov_error_clear();
		ov_buf_dispose(&b);
		return "(error)";
	}
	snprintf(text, sizeof(text), "%s", b.ptr ? b.ptr : "");
	ov_buf_dispose(&b);
	return text;
}

/*
 * The index keeps the head's text files: a read at head answers from it
 * without git's object store (moved away here to prove it), never when git
 * moved on since (another handle's write), and the settings come from the
 * index only while the file has the bytes they were read from.
 */
TEST(reads_at_head_from_the_index_only_while_it_is_current)
{
	char *dir = fresh_path("headfiles");
	ov_workspace *ws = NULL, *other = NULL;
	ov_buf objects = OV_BUF_INIT, away = OV_BUF_INIT, cfg = OV_BUF_INIT;
	char head[41], *v = NULL;

	CHECK_OK(ov_workspace_init(dir));
	CHECK_OK(ov_ws_open(&other, dir, &door_indexer));
	CHECK_OK(ov_workspace_transact(other, &anna, door_txn_fn,
				       "2026-0001|avtal|Första|utkast|2030-01-05", NULL));
	ov_buf_printf(&objects, "%s/repo.git/objects", dir);
	ov_buf_printf(&away, "%s/repo.git/objects.away", dir);
	CHECK_OK(ov_ws_open(&ws, dir, &door_indexer));
	CHECK(rename(objects.ptr, away.ptr) == 0);
	CHECK_STR(read_doc(ws, NULL), "2026-0001|avtal|Första|utkast|2030-01-05");
	CHECK_OK(ov_ws_head(head, ws));
	CHECK_STR(read_doc(ws, head), "(error)"); /* a revision is git's to answer */
	CHECK(rename(away.ptr, objects.ptr) == 0);

	/* Another handle writes: git is ahead of ws's index, git answers. */
	CHECK_OK(ov_workspace_transact(other, &anna, door_txn_fn,
				       "2026-0001|avtal|Andra|utkast|2030-01-05", NULL));
	CHECK_STR(read_doc(ws, NULL), "2026-0001|avtal|Andra|utkast|2030-01-05");
	CHECK_STR(read_doc(ws, head), "2026-0001|avtal|Första|utkast|2030-01-05");

	/* Settings: set through one handle, changed behind both, read through the other. */
	CHECK_OK(ov_config_set(other, "Render.Font", "DejaVu Serif"));
	CHECK_OK(ov_config_get(&v, ws, "render.font"));
	CHECK_STR(v, "DejaVu Serif");
	free(v);
	ov_buf_printf(&cfg, "git config --file '%s/config' render.font 'Noto Sans'", dir);
	CHECK(system(cfg.ptr) == 0);
	CHECK_OK(ov_config_get(&v, ws, "render.font"));
	CHECK_STR(v, "Noto Sans");
	free(v);
	CHECK_OK(ov_config_get(&v, ws, "render.align"));
	CHECK(v == NULL);
	ov_workspace_free(ws);
	ov_workspace_free(other);
	ov_buf_dispose(&objects);
	ov_buf_dispose(&away);
	ov_buf_dispose(&cfg);
	drop_path(dir);
}

/* The validation cache keeps each schema once, the newest entries only,
 * and trusts an entry only while both its byte strings are equal. */
TEST(validation_cache_keeps_the_newest_entries)
{
	char *path = fresh_path("memo.sqlite");
	ov_index *idx = NULL;
	char keys[OV_INDEX_VALID_KEEP + 2][32], doc[OV_INDEX_VALID_KEEP + 2][16];
	const char *schemas[2] = { "<schema one/>", "<schema two/>" };
	int stale = 0, known = -1;
	size_t n = OV_INDEX_VALID_KEEP + 2;

	CHECK_OK(ov_index_open(&idx, path, &stale));
	CHECK(idx && !stale);
	if (!idx)
		return;
	for (size_t i = 0; i < n; i++) {
		snprintf(doc[i], sizeof(doc[i]), "doc %zu", i);
		snprintf(keys[i], sizeof(keys[i]), "d%zu.%s", i, i % 2 ? "s2" : "s1");
	}
	for (size_t i = 0; i < n; i++) {
		const ov_ws_valid_entry e = { keys[i], i % 2 ? "s2" : "s1", doc[i], strlen(doc[i]),
					      schemas[i % 2], strlen(schemas[i % 2]) };

		CHECK_OK(ov_index_note_valid(idx, &e));
	}
	for (size_t i = 0; i < n; i++) {
		const ov_ws_valid_entry e = { keys[i], i % 2 ? "s2" : "s1", doc[i], strlen(doc[i]),
					      schemas[i % 2], strlen(schemas[i % 2]) };

		CHECK_OK(ov_index_valid_known(&known, idx, &e));
		CHECK_INT(known, i >= n - OV_INDEX_VALID_KEEP);
	}
	{
		/* the newest entry, with another schema's bytes under its key */
		const ov_ws_valid_entry e = { keys[n - 1], "s2", doc[n - 1], strlen(doc[n - 1]),
					      schemas[0], strlen(schemas[0]) };

		CHECK_OK(ov_index_valid_known(&known, idx, &e));
		CHECK_INT(known, 0);
	}
	{
		/* another schema noted under key s1 replaces it: s1's entries vouch for nothing */
		const ov_ws_valid_entry e = { "dx.s1", "s1", "x", 1, "<schema three/>", 15 };
		const ov_ws_valid_entry old = { keys[n - 2], "s1", doc[n - 2], strlen(doc[n - 2]),
						schemas[0], strlen(schemas[0]) };

		/* the old file with the new schema's bytes: checked against neither */
		const ov_ws_valid_entry cross = { keys[n - 2], "s1", doc[n - 2], strlen(doc[n - 2]),
						  "<schema three/>", 15 };

		CHECK_OK(ov_index_note_valid(idx, &e));
		CHECK_OK(ov_index_valid_known(&known, idx, &old));
		CHECK_INT(known, 0);
		CHECK_OK(ov_index_valid_known(&known, idx, &cross));
		CHECK_INT(known, 0);
		CHECK_OK(ov_index_valid_known(&known, idx, &e));
		CHECK_INT(known, 1);
	}
	{
		/* noting an entry again keeps the newest 128 distinct entries */
		const ov_ws_valid_entry again = { keys[n - 1], "s2", doc[n - 1], strlen(doc[n - 1]),
						  schemas[1], strlen(schemas[1]) };
		/* an early entry: a window of rowids would drop it, the other s1
		 * entries being gone, though fewer than 128 entries are left */
		const ov_ws_valid_entry second = { keys[3], "s2", doc[3], strlen(doc[3]),
						   schemas[1], strlen(schemas[1]) };

		CHECK_OK(ov_index_note_valid(idx, &again));
		CHECK_OK(ov_index_note_valid(idx, &again));
		CHECK_OK(ov_index_valid_known(&known, idx, &second));
		CHECK_INT(known, 1);
	}
	ov_index_free(idx);
	free(path);
}

OVT_MAIN(TEST_ENTRY(init_and_open),
	 TEST_ENTRY(validation_cache_keeps_the_newest_entries),
	 TEST_ENTRY(nested_commit_read_at_head_and_older),
	 TEST_ENTRY(delete_paths_and_folders),
	 TEST_ENTRY(bad_input_moves_nothing),
	 TEST_ENTRY(compare_and_swap_conflict),
	 TEST_ENTRY(four_racing_writers_lose_nothing),
	 TEST_ENTRY(first_commit_race_has_one_winner),
	 TEST_ENTRY(walk_oldest_first_with_trailers),
	 TEST_ENTRY(list_changed_and_ancestry),
	 TEST_ENTRY(tags),
	 TEST_ENTRY(commit_in_two_halves_and_the_reflog),
	 TEST_ENTRY(txn_tags_are_made_before_main_moves),
	 TEST_ENTRY(swedish_author_and_offsets_as_git_sees_them),
	 TEST_ENTRY(stale_locks_are_cleared),
	 TEST_ENTRY(door_indexes_the_indexers_rows_and_rebuilds_them_from_git),
	 TEST_ENTRY(door_records_what_the_audit_rules_report),
	 TEST_ENTRY(head_read_from_the_ref_files_as_git_writes_them),
	 TEST_ENTRY(packs_removed_by_a_gc_elsewhere_are_let_go),
	 TEST_ENTRY(reads_at_head_from_the_index_only_while_it_is_current))
