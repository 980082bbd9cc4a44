/*
 * repo.c - the git store on libgit2 (see repo.h): repository creation,
 * reading files at a revision, compare-and-swap commits, tags, history
 * walks with trailers, listings, tree diffs, main's reflog and stale-lock
 * cleanup.
 *
 * A commit is made in three steps, none of which reads more of the history
 * than it must:
 *
 *   blobs for the new files ──► git_tree_create_updated(parent tree, changes)
 *        (only the folders on the changed paths are read and rewritten)
 *        │
 *        ▼
 *   commit object (no ref moved yet)
 *        │
 *        ▼
 *   refs/heads/main: expected_head -> new commit, under main.lock, only if
 *   main still is expected_head (or, for the first commit, does not exist)
 *
 * The last step is the commit point; failures before it leave dangling
 * objects only.  ov_repo_commit_object and ov_repo_move_main are the two
 * halves, for the workspace, which makes its tags in between.
 *
 * main's reflog is read as a plain file (logs/refs/heads/main, one line per
 * move: "<old> <new> <who> <time> <zone>\t<message>"), from a remembered
 * offset, so following it costs what was appended since, not its length;
 * libgit2's git_reflog_read would parse all of it every time.
 */
#include <ctype.h>
#include <dirent.h>
#include <stddef.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include "store/git_lazy.h"

#include "overens/i18n.h"
#include "overens/error.h"
#include "store/repo.h"
#include "store/workspace.h"
#include "store/fault.h"
#include "engine/base/fault.h"

#define MAIN_REF "refs/heads/main"

/*
 * libgit2 is set up lazily.  Debian's libgit2 1.5.1 is built with mbedTLS
 * and a default certificate location, so git_libgit2_init() parses the
 * whole system CA bundle (for HTTPS, which Överens never uses): about 54
 * million instructions, more than the rest of a `status` or `list`.  No
 * option turns that off before the init.  So ov_repo_open only notes the
 * folder; the first call that needs libgit2 initialises it and opens the
 * repository (repo_git), once per ov_repo.  What the index can answer when
 * it is known to be fresh (list, due, log) then never pays for it: the
 * freshness test needs main's id only, which ov_repo_head reads from the
 * ref file itself when the file is plain (see read_main_file).  Nor is
 * the library itself loaded before that first call (store/git_lazy.h).
 */
struct ov_repo {
	char *dir;            /* the repository's folder, absolute, ending in '/' */
	git_repository *git;  /* NULL until repo_git opens it */
	int lib_held;         /* this repo holds a reference on libgit2's global state */
	struct timespec packs_mtime; /* objects/pack's mtime when git was opened */
};

/* --- libgit2 setup and errors -------------------------------------------- */

static pthread_once_t fsync_once = PTHREAD_ONCE_INIT;

static void enable_fsync(void)
{
	git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1);
}

/* Takes one reference on libgit2's global state; release with git_libgit2_shutdown. */
static int lib_init(void)
{
	int rc;

	if (ov_lazy_load(&ov_git_lib) < 0)
		return OV_ERROR;
	if ((rc = git_libgit2_init()) < 0) {
		const git_error *e = git_error_last();
		return ov_error_set(OV_ERROR, "cannot initialise libgit2: %s",
				    e && e->message ? e->message : "unknown error");
	}
	pthread_once(&fsync_once, enable_fsync);
	ov_fault_setup_git();
	return OV_OK;
}

/*
 * In an OV_FAULTS build: whether this libgit2 write is the one a test makes
 * fail (OVERENS_FAIL=git:N, see engine/base/fault.h), with the message
 * libgit2 gives for a full disk.  Each write call below goes through it.
 */
static int git_fault(void)
{
	if (!ov_fail(OV_FAIL_GIT))
		return 0;
	git_error_set_str(GIT_ERROR_OS, "could not write: No space left on device");
	return -1;
}

static int map_code(int gerr)
{
	switch (gerr) {
	case GIT_ENOTFOUND:
		return OV_ENOTFOUND;
	case GIT_EEXISTS:
		return OV_EEXISTS;
	case GIT_EMODIFIED:
	case GIT_ELOCKED:
		return OV_ECONFLICT;
	case GIT_EINVALIDSPEC:
	case GIT_EAMBIGUOUS:
	case GIT_EINVALID:
		return OV_EINVALID;
	default:
		return OV_ERROR;
	}
}

/*
 * Records "<what was being done>: <libgit2's message>" under `code` and
 * returns it.  Call right after the failing libgit2 call.
 */
static int git_failv(int code, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
static int git_failv(int code, const char *fmt, va_list ap)
{
	const git_error *e = git_error_last();
	ov_buf msg = OV_BUF_INIT;
	int err;

	if ((err = ov_buf_vprintf(&msg, _(fmt), ap)) < 0 ||
	    (err = ov_buf_printf(&msg, ": %s",
				 e && e->message && *e->message ? e->message
								: "libgit2 error")) < 0) {
		ov_buf_dispose(&msg);
		return err;
	}
	err = ov_error_set(code, "%s", msg.ptr);
	ov_buf_dispose(&msg);
	return err;
}

/* As git_failv, with the OV_* code derived from libgit2's code `gerr`. */
static int git_fail(int gerr, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static int git_fail(int gerr, const char *fmt, ...)
{
	va_list ap;
	int err;

	va_start(ap, fmt);
	err = git_failv(map_code(gerr), fmt, ap);
	va_end(ap);
	return err;
}

/* As git_fail, with the OV_* code given. */
static int git_fail_as(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static int git_fail_as(int code, const char *fmt, ...)
{
	va_list ap;
	int err;

	va_start(ap, fmt);
	err = git_failv(code, fmt, ap);
	va_end(ap);
	return err;
}

/* --- small helpers ---------------------------------------------------------- */

/* How a revision is named in messages. */
static const char *rev_name(const char *rev)
{
	return !rev ? "main" : *rev ? rev : "(no commit)";
}

static int is_hex(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f') ||
		      (s[i] >= 'A' && s[i] <= 'F')))
			return 0;
	return 1;
}

/* Parses a full 40-digit id; `what` names it in the message. */
static int parse_id(git_oid *out, const char *hex, const char *what)
{
	if (!hex || strlen(hex) != GIT_OID_HEXSZ || !is_hex(hex, GIT_OID_HEXSZ) ||
	    git_oid_fromstr(out, hex) < 0)
		return ov_error_set(OV_EINVALID, "%s: '%s' is not a 40-digit commit id", what,
				    hex ? hex : "(null)");
	return OV_OK;
}

static void oid_hex(char out[41], const git_oid *oid)
{
	git_oid_tostr(out, 41, oid);
}

/*
 * Checks a path inside the tree: relative, '/'-separated, no empty, ".",
 * ".." or ".git" parts, no control characters.
 */
static int check_path(const char *path, const char *what)
{
	const char *p, *part;
	const char *why = NULL;

	if (!path || !*path)
		return ov_error_set(OV_EINVALID, "%s: empty path", what);
	for (part = p = path; ; p++) {
		if (*p == '/' || *p == '\0') {
			size_t n = (size_t)(p - part);
			if (n == 0)
				why = "empty part";
			else if ((n == 1 && part[0] == '.') ||
				 (n == 2 && part[0] == '.' && part[1] == '.'))
				why = "'.' or '..' part";
			else if (n == 4 && !strncasecmp(part, ".git", 4))
				why = "'.git' part";
			if (why || *p == '\0')
				break;
			part = p + 1;
		} else if ((unsigned char)*p < 0x20 || *p == 0x7f) {
			why = "control character";
			break;
		}
	}
	if (why)
		return ov_error_set(OV_EINVALID, "%s: invalid path '%s' (%s)", what, path, why);
	return OV_OK;
}

/* A signature from `who`; name and e-mail must not break the header line. */
static int make_signature(git_signature **out, const ov_repo_who *who, const char *what)
{
	const char *fields[2];
	int i, rc;

	*out = NULL;
	if (!who || !who->name || !who->email)
		return ov_error_set(OV_EINVALID, "%s: no author given", what);
	fields[0] = who->name;
	fields[1] = who->email;
	for (i = 0; i < 2; i++) {
		const unsigned char *p;
		for (p = (const unsigned char *)fields[i]; *p; p++)
			if (*p < 0x20 || *p == 0x7f || *p == '<' || *p == '>')
				return ov_error_set(OV_EINVALID,
						    "%s: author %s '%s' contains '<', '>' or a "
						    "control character", what,
						    i ? "e-mail" : "name", fields[i]);
	}
	if (who->when < 0)
		return ov_error_set(OV_EINVALID, "%s: time %lld is before 1970", what, who->when);
	if (who->offset_minutes <= -24 * 60 || who->offset_minutes >= 24 * 60)
		return ov_error_set(OV_EINVALID, "%s: time-zone offset %d minutes is out of range",
				    what, who->offset_minutes);
	rc = git_signature_new(out, who->name, who->email, (git_time_t)who->when,
			       who->offset_minutes);
	if (rc < 0)
		return git_fail_as(OV_EINVALID, "%s: author '%s <%s>'", what, who->name,
				   who->email);
	return OV_OK;
}

/* `message` with a trailing newline; refuses an empty message. */
static int make_message(ov_buf *out, const char *message, const char *what)
{
	size_t n = message ? strlen(message) : 0;
	int err;

	if (!n)
		return ov_error_set(OV_EINVALID, "%s: empty message", what);
	if ((err = ov_buf_put(out, message, n)) < 0)
		return err;
	if (message[n - 1] != '\n')
		return ov_buf_putc(out, '\n');
	return OV_OK;
}

/*
 * Initialises libgit2 and opens the repository, the first time only (see
 * struct ov_repo).  Every function that calls libgit2 with repo->git calls
 * this first.
 */
/* objects/pack's modification time (zero when it cannot be read). */
static struct timespec packs_mtime(const ov_repo *repo)
{
	struct timespec t = { 0, 0 };
	struct stat st;
	ov_buf path = OV_BUF_INIT;

	if (ov_buf_printf(&path, "%sobjects/pack", repo->dir) >= 0 && stat(path.ptr, &st) == 0)
		t = st.st_mtim;
	ov_buf_dispose(&path);
	return t;
}

static int repo_git(ov_repo *repo)
{
	int rc, err = OV_OK;

	if (repo->git)
		return OV_OK;
	if (!repo->lib_held) {
		if ((err = lib_init()) < 0)
			return err;
		repo->lib_held = 1;
	}
	repo->packs_mtime = packs_mtime(repo);
	rc = git_repository_open_ext(&repo->git, repo->dir, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL);
	if (rc == GIT_ENOTFOUND)
		err = ov_error_set(OV_ENOTFOUND, "%s: not a git repository", repo->dir);
	else if (rc < 0)
		err = git_fail(rc, "%s: opening the repository", repo->dir);
	else if (!git_repository_is_bare(repo->git))
		err = ov_error_set(OV_EINVALID, "%s: the repository is not bare", repo->dir);
	if (err < 0) {
		git_repository_free(repo->git);
		repo->git = NULL;
	}
	return err;
}

/*
 * libgit2 adds the packs that appear in objects/pack (git_odb_refresh) but
 * keeps those that a gc removed: open, mapped and cached for as long as the
 * repository is, so a long-lived handle (the web server's, the benchmark's)
 * grew by every repack of any process.  When the folder changed since the
 * repository was opened, it is closed here and opened again on next use.
 * Called only between operations, when no git object of it is alive.
 */
static void repo_release(ov_repo *repo)
{
	git_repository_free(repo->git);
	repo->git = NULL;
}

void ov_repo_refresh(ov_repo *repo)
{
	struct timespec t;

	if (!repo->git)
		return;
	t = packs_mtime(repo);
	if (t.tv_sec != repo->packs_mtime.tv_sec || t.tv_nsec != repo->packs_mtime.tv_nsec)
		repo_release(repo);
}

/* The id main points to; *exists = 0 (and a zero id) when main has no commit. */
static int main_id(git_oid *out, int *exists, ov_repo *repo)
{
	int rc, err;

	if ((err = repo_git(repo)) < 0)
		return err;
	rc = git_reference_name_to_id(out, repo->git, MAIN_REF);
	*exists = rc == 0;
	if (rc == GIT_ENOTFOUND) {
		memset(out, 0, sizeof(*out));
		return OV_OK;
	}
	if (rc < 0)
		return git_fail(rc, "reading %s", MAIN_REF);
	return OV_OK;
}

/* Looks up reference `name` and peels it to a commit; GIT_ENOTFOUND when absent. */
static int peel_ref(git_commit **out, ov_repo *repo, const char *name)
{
	git_reference *ref = NULL;
	git_object *obj = NULL;
	int rc;

	rc = git_reference_lookup(&ref, repo->git, name);
	if (rc == GIT_EINVALIDSPEC)
		rc = GIT_ENOTFOUND;
	if (rc == 0)
		rc = git_reference_peel(&obj, ref, GIT_OBJECT_COMMIT);
	git_reference_free(ref);
	*out = (git_commit *)obj;
	return rc;
}

/* Resolves `rev` (see repo.h) to a commit. */
static int lookup_commit(git_commit **out, ov_repo *repo, const char *rev)
{
	static const char *const prefixes[] = { "refs/tags/", "refs/heads/" };
	ov_buf name = OV_BUF_INIT;
	git_object *obj = NULL;
	git_oid oid;
	size_t len, i;
	int rc, err = OV_OK;

	*out = NULL;
	if ((err = repo_git(repo)) < 0)
		return err;
	if (rev && !*rev)
		return ov_error_set(OV_ENOTFOUND, "no commit given");
	if (!rev) {
		rc = peel_ref(out, repo, MAIN_REF);
		if (rc == GIT_ENOTFOUND)
			return ov_error_set(OV_ENOTFOUND, "main has no commit yet");
		if (rc < 0)
			return git_fail(rc, "reading %s", MAIN_REF);
		return OV_OK;
	}
	len = strlen(rev);
	if (len == GIT_OID_HEXSZ && is_hex(rev, len)) {
		git_oid_fromstr(&oid, rev);
		rc = git_commit_lookup(out, repo->git, &oid);
		if (rc == GIT_ENOTFOUND)
			return ov_error_set(OV_ENOTFOUND, "no commit %s", rev);
		if (rc < 0)
			return git_fail(rc, "looking up commit %s", rev);
		return OV_OK;
	}
	if (!strncmp(rev, "refs/", 5)) {
		rc = peel_ref(out, repo, rev);
		goto peeled;
	}
	rc = GIT_ENOTFOUND;
	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]) && rc == GIT_ENOTFOUND; i++) {
		ov_buf_clear(&name);
		if ((err = ov_buf_printf(&name, "%s%s", prefixes[i], rev)) < 0)
			goto done;
		rc = peel_ref(out, repo, name.ptr);
	}
	if (rc == GIT_ENOTFOUND && len >= 4 && len < GIT_OID_HEXSZ && is_hex(rev, len)) {
		git_oid_fromstrn(&oid, rev, len);
		rc = git_object_lookup_prefix(&obj, repo->git, &oid, len, GIT_OBJECT_ANY);
		if (rc == 0)
			rc = git_object_peel((git_object **)out, obj, GIT_OBJECT_COMMIT);
	}
peeled:
	if (rc == GIT_ENOTFOUND)
		err = ov_error_set(OV_ENOTFOUND, "no commit, tag or branch '%s'", rev);
	else if (rc == GIT_EAMBIGUOUS)
		err = ov_error_set(OV_EINVALID, "'%s' is ambiguous: give more digits", rev);
	else if (rc < 0)
		err = git_fail_as(rc == GIT_EINVALIDSPEC || rc == GIT_EPEEL ? OV_EINVALID
									    : OV_ERROR,
				  "resolving '%s'", rev);
done:
	git_object_free(obj);
	ov_buf_dispose(&name);
	return err;
}

/* The tree of `rev`; NULL (the empty tree) for "". */
static int lookup_tree(git_tree **out, ov_repo *repo, const char *rev)
{
	git_commit *commit = NULL;
	int rc, err;

	*out = NULL;
	if (rev && !*rev)
		return OV_OK;
	if ((err = lookup_commit(&commit, repo, rev)) < 0)
		return err;
	if ((rc = git_commit_tree(out, commit)) < 0)
		err = git_fail(rc, "reading the tree of %s", rev_name(rev));
	git_commit_free(commit);
	return err;
}

/* --- opening and closing -------------------------------------------------- */

/* 1 if `path` is a folder with entries (or not a folder), 0 if it is empty or absent. */
static int folder_has_entries(const char *path)
{
	DIR *dir = opendir(path);
	struct dirent *de;
	int found = 0;

	if (!dir)
		return errno == ENOENT ? 0 : errno == ENOTDIR ? 1 : -1;
	while ((de = readdir(dir)) != NULL)
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..")) {
			found = 1;
			break;
		}
	closedir(dir);
	return found;
}

/* What ov_repo_ensure_reflog keeps in the repository's config. */
static const struct {
	const char *key, *value;
} reflog_settings[] = {
	{ "core.logAllRefUpdates", "always" },
	{ "gc.reflogExpire", "never" },
	{ "gc.reflogExpireUnreachable", "never" },
};

/* Sets reflog_settings in the local config of `git` where they differ. */
static int set_reflog_config(git_repository *git, const char *what)
{
	git_config *cfg = NULL, *local = NULL;
	git_buf b = { 0 };
	size_t i;
	int rc, err = OV_OK;

	if ((rc = git_repository_config(&cfg, git)) < 0 ||
	    (rc = git_config_open_level(&local, cfg, GIT_CONFIG_LEVEL_LOCAL)) < 0) {
		err = git_fail(rc, "%s: reading the repository's config", what);
		goto done;
	}
	for (i = 0; i < sizeof(reflog_settings) / sizeof(reflog_settings[0]); i++) {
		git_buf_dispose(&b);
		rc = git_config_get_string_buf(&b, local, reflog_settings[i].key);
		if (rc == 0 && !strcasecmp(b.ptr, reflog_settings[i].value))
			continue;
		if (rc < 0 && rc != GIT_ENOTFOUND) {
			err = git_fail(rc, "%s: reading %s", what, reflog_settings[i].key);
			goto done;
		}
		if ((rc = git_fault() ? -1 : git_config_set_string(local, reflog_settings[i].key,
						reflog_settings[i].value)) < 0) {
			err = git_fail(rc, "%s: setting %s", what, reflog_settings[i].key);
			goto done;
		}
	}
done:
	git_buf_dispose(&b);
	git_config_free(local);
	git_config_free(cfg);
	return err;
}

int ov_repo_ensure_reflog(ov_repo *repo)
{
	int err = repo_git(repo);

	return err < 0 ? err : set_reflog_config(repo->git, repo->dir);
}

int ov_repo_init(const char *path)
{
	git_repository_init_options opts;
	git_repository *git = NULL, *probe = NULL;
	int rc, err, has;

	if (!path || !*path)
		return ov_error_set(OV_EINVALID, "creating a repository: no path given");
	if ((err = lib_init()) < 0)
		return err;
	git_repository_init_options_init(&opts, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	if (git_repository_open_ext(&probe, path, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) == 0) {
		err = ov_error_set(OV_EEXISTS, "%s: a repository exists already", path);
		goto done;
	}
	has = folder_has_entries(path);
	if (has != 0) {
		err = has > 0 ? ov_error_set(OV_EEXISTS, "%s: exists and is not an empty folder",
					       path)
			      : ov_error_set(OV_ERROR, "%s: %s", path, strerror(errno));
		goto done;
	}
	opts.flags = GIT_REPOSITORY_INIT_BARE | GIT_REPOSITORY_INIT_MKPATH |
		     GIT_REPOSITORY_INIT_NO_REINIT;
	opts.initial_head = "main";
	if ((rc = git_fault() ? -1 : git_repository_init_ext(&git, path, &opts)) < 0) {
		err = git_fail(rc, "%s: creating a repository", path);
		goto done;
	}
	err = set_reflog_config(git, path);
done:
	git_repository_free(probe);
	git_repository_free(git);
	git_libgit2_shutdown();
	return err;
}

/* 1 when `dir` (ending in '/') holds `name` of type `type` (S_IFDIR, S_IFREG). */
static int has_entry(const char *dir, const char *name, mode_t type)
{
	ov_buf p = OV_BUF_INIT;
	struct stat st;
	int ok;

	ok = ov_buf_printf(&p, "%s%s", dir, name) >= 0 && stat(p.ptr, &st) == 0 &&
	     (st.st_mode & S_IFMT) == type;
	ov_buf_dispose(&p);
	return ok;
}

/*
 * Notes the folder of the repository at `path` (see struct ov_repo for why
 * libgit2 is not touched here).  A folder without HEAD and objects/ is no
 * repository; anything subtler is found by repo_git on first use.
 */
int ov_repo_open(ov_repo **out, const char *path)
{
	ov_repo *repo = NULL;
	ov_buf dir = OV_BUF_INIT;
	char *real = NULL;
	int err = OV_OK;

	*out = NULL;
	if (!path || !*path)
		return ov_error_set(OV_EINVALID, "opening a repository: no path given");
	if (!(real = realpath(path, NULL)) || (err = ov_buf_printf(&dir, "%s/", real)) < 0 ||
	    !has_entry(dir.ptr, "objects", S_IFDIR) || !has_entry(dir.ptr, "HEAD", S_IFREG)) {
		if (err < 0)
			goto done;
		err = real && has_entry(dir.ptr, ".git", S_IFDIR)
			      ? ov_error_set(OV_EINVALID, "%s: the repository is not bare", path)
			      : ov_error_set(OV_ENOTFOUND, "%s: not a git repository", path);
		goto done;
	}
	if (!(repo = calloc(1, sizeof(*repo)))) {
		err = ov_error_set(OV_ENOMEM, "out of memory");
		goto done;
	}
	repo->dir = ov_buf_detach(&dir);
	*out = repo;
done:
	free(real);
	ov_buf_dispose(&dir);
	return err;
}

int ov_repo_use(ov_repo *repo)
{
	return repo_git(repo);
}

void ov_repo_free(ov_repo *repo)
{
	if (!repo)
		return;
	if (repo->git) /* not opened: libgit2 may not even be loaded */
		git_repository_free(repo->git);
	if (repo->lib_held)
		git_libgit2_shutdown();
	free(repo->dir);
	free(repo);
}

const char *ov_repo_path(ov_repo *repo)
{
	return repo->dir;
}

/* --- reading --------------------------------------------------------------- */

/*
 * Reads all of the file at `path` into `out`: 1, or -1 when there is no
 * such file, 0 when it cannot (unreadable, over `limit` bytes, empty).
 */
static int slurp(ov_buf *out, const char *path, size_t limit)
{
	char chunk[4096];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC), ok = fd >= 0;

	if (fd < 0 && errno == ENOENT)
		return -1;
	while (ok && (n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		ok = n > 0 && out->size + (size_t)n <= limit &&
		     ov_buf_put(out, chunk, (size_t)n) >= 0;
	}
	if (fd >= 0)
		close(fd);
	if (!ok)
		ov_error_clear();
	return ok && out->ptr;
}

/* 1 when the line from `line` to its newline at `end` is "<40 hex digits>" + `tail`. */
static int id_line(const char *line, const char *end, const char *tail)
{
	size_t n = strlen(tail);

	return end - line == (ptrdiff_t)(40 + n) && *end == '\n' && is_hex(line, 40) &&
	       !memcmp(line + 40, tail, n);
}

/*
 * main's id read from the ref files as git (and libgit2) write them,
 * without libgit2 (see struct ov_repo): refs/heads/main holding 40 hex
 * digits and a newline (it is replaced by a rename, so it is never seen
 * half-written), else main's line in packed-refs (git writes packed-refs
 * before it deletes a loose ref).  1 when found so; 0 when anything is
 * unusual (a symbolic ref, other content, no such file or line, an empty
 * repository): the caller then asks libgit2, which knows every case.
 */
static int read_main_file(char out[41], ov_repo *repo)
{
	ov_buf path = OV_BUF_INIT, data = OV_BUF_INIT;
	const char *line, *end;
	int found = 0, got;

	if (ov_buf_printf(&path, "%s%s", repo->dir, MAIN_REF) < 0)
		goto done;
	if ((got = slurp(&data, path.ptr, 4096)) > 0) {
		if (id_line(data.ptr, data.ptr + data.size - 1, "") && (found = 1))
			memcpy(out, data.ptr, 40);
		goto done;
	}
	if (got == 0)
		goto done;
	ov_buf_clear(&path);
	ov_buf_clear(&data);
	if (ov_buf_printf(&path, "%spacked-refs", repo->dir) < 0 ||
	    slurp(&data, path.ptr, 64 << 20) <= 0)
		goto done;
	for (line = data.ptr; !found && (end = strchr(line, '\n')) != NULL; line = end + 1)
		if (id_line(line, end, " " MAIN_REF) && (found = 1))
			memcpy(out, line, 40);
done:
	if (found) {
		out[40] = '\0';
		for (int i = 0; i < 40; i++)
			out[i] = (char)tolower((unsigned char)out[i]);
	}
	ov_buf_dispose(&path);
	ov_buf_dispose(&data);
	return found;
}

int ov_repo_head(char out[41], ov_repo *repo)
{
	git_oid oid;
	int exists, err;

	out[0] = '\0';
	/* Without libgit2 when the ref file is plain; a read of the index needs no more. */
	if (!repo->git && read_main_file(out, repo))
		return OV_OK;
	out[0] = '\0';
	if ((err = main_id(&oid, &exists, repo)) < 0)
		return err;
	if (exists)
		oid_hex(out, &oid);
	return OV_OK;
}

int ov_repo_resolve_time(char out[41], long long *when, ov_repo *repo, const char *rev)
{
	git_commit *commit = NULL;
	int err;

	if ((err = lookup_commit(&commit, repo, rev)) < 0)
		return err;
	oid_hex(out, git_commit_id(commit));
	*when = (long long)git_commit_time(commit);
	git_commit_free(commit);
	return OV_OK;
}

int ov_repo_resolve(char out[41], ov_repo *repo, const char *rev)
{
	long long when;

	return ov_repo_resolve_time(out, &when, repo, rev);
}

/* The hunks of git_diff_buffers, handed on as counts of lines before them. */
typedef struct hunk_ctx {
	ov_repo_hunk_cb cb;
	void *payload;
	int stopped;
} hunk_ctx;

static int on_hunk(const git_diff_delta *delta, const git_diff_hunk *h, void *payload)
{
	hunk_ctx *hc = payload;
	/* An empty side's start is the line the change follows, else its first line. */
	size_t old_before = (size_t)(h->old_lines ? h->old_start - 1 : h->old_start);
	size_t new_before = (size_t)(h->new_lines ? h->new_start - 1 : h->new_start);
	int rc;

	(void)delta;
	if ((rc = hc->cb(old_before, (size_t)h->old_lines, new_before, (size_t)h->new_lines,
			 hc->payload)) != 0) {
		hc->stopped = rc;
		return GIT_EUSER;
	}
	return 0;
}

int ov_repo_diff_lines(ov_repo *repo, const char *a, size_t alen, const char *b, size_t blen,
		       ov_repo_hunk_cb cb, void *payload)
{
	git_diff_options opts;
	hunk_ctx hc = { cb, payload, 0 };
	int rc, err;

	/* git_diff_buffers needs libgit2 set up, which opening the repository does. */
	if ((err = repo_git(repo)) < 0)
		return err;
	if ((rc = git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION)) < 0)
		return git_fail(rc, "preparing a comparison");
	opts.flags = GIT_DIFF_FORCE_TEXT | GIT_DIFF_PATIENCE;
	opts.context_lines = 0;
	opts.interhunk_lines = 0;
	rc = git_diff_buffers(a, alen, NULL, b, blen, NULL, &opts, NULL, NULL, on_hunk, NULL,
			      &hc);
	if (hc.stopped)
		return hc.stopped;
	if (rc < 0)
		return git_fail(rc, "comparing two texts");
	return OV_OK;
}

int ov_repo_commit_tree(char out[41], ov_repo *repo, const char *rev)
{
	git_commit *commit = NULL;
	int err;

	if ((err = lookup_commit(&commit, repo, rev)) < 0)
		return err;
	oid_hex(out, git_commit_tree_id(commit));
	git_commit_free(commit);
	return OV_OK;
}

int ov_repo_read(ov_buf *out, ov_repo *repo, const char *rev, const char *path)
{
	git_tree *tree = NULL;
	git_tree_entry *entry = NULL;
	git_blob *blob = NULL;
	int rc, err;

	if ((err = check_path(path, "reading")) < 0)
		return err;
	if ((err = lookup_tree(&tree, repo, rev)) < 0) {
		ov_error_prefix("reading %s at %s", path, rev_name(rev));
		goto done;
	}
	rc = tree ? git_tree_entry_bypath(&entry, tree, path) : GIT_ENOTFOUND;
	if (rc == GIT_ENOTFOUND) {
		err = ov_error_set(OV_ENOTFOUND, "reading %s at %s: no such file", path,
				   rev_name(rev));
		goto done;
	}
	if (rc < 0) {
		err = git_fail(rc, "reading %s at %s", path, rev_name(rev));
		goto done;
	}
	if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB) {
		err = ov_error_set(OV_EINVALID, "reading %s at %s: it is a folder, not a file",
				   path, rev_name(rev));
		goto done;
	}
	if ((rc = git_blob_lookup(&blob, repo->git, git_tree_entry_id(entry))) < 0) {
		err = git_fail(rc, "reading %s at %s", path, rev_name(rev));
		goto done;
	}
	err = ov_buf_put(out, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob));
done:
	git_blob_free(blob);
	git_tree_entry_free(entry);
	git_tree_free(tree);
	return err;
}

/* --- committing ------------------------------------------------------------ */

/* Path order in which a path is directly followed by the paths inside it. */
static int path_cmp(const void *a, const void *b)
{
	const unsigned char *p = *(const unsigned char *const *)a;
	const unsigned char *q = *(const unsigned char *const *)b;
	int rp, rq;

	while (*p && *p == *q) {
		p++;
		q++;
	}
	rp = *p == '\0' ? 0 : *p == '/' ? 1 : *p + 1;
	rq = *q == '\0' ? 0 : *q == '/' ? 1 : *q + 1;
	return rp - rq;
}

/* Each path valid, given once, and none inside another. */
static int check_files(const ov_repo_file *files, size_t nfiles)
{
	const char **paths = NULL;
	size_t i, n;
	int err = OV_OK;

	for (i = 0; i < nfiles; i++)
		if ((err = check_path(files[i].path, "committing")) < 0)
			return err;
	if (nfiles < 2)
		return OV_OK;
	if (!(paths = malloc(nfiles * sizeof(*paths))))
		return ov_error_set(OV_ENOMEM, "out of memory");
	for (i = 0; i < nfiles; i++)
		paths[i] = files[i].path;
	qsort(paths, nfiles, sizeof(*paths), path_cmp);
	for (i = 0; i + 1 < nfiles; i++) {
		n = strlen(paths[i]);
		if (!strcmp(paths[i], paths[i + 1])) {
			err = ov_error_set(OV_EINVALID, "committing: '%s' is given twice",
					   paths[i]);
			break;
		}
		if (!strncmp(paths[i], paths[i + 1], n) && paths[i + 1][n] == '/') {
			err = ov_error_set(OV_EINVALID,
					   "committing: '%s' lies inside '%s' in the same commit",
					   paths[i + 1], paths[i]);
			break;
		}
	}
	free(paths);
	return err;
}

static int check_written(ov_repo *repo, const git_oid *const *ids, size_t n, const char *what);
static int disk_nearly_full(ov_repo *repo);

/* The tree of `parent` (NULL: empty) with `files` applied, written to the odb. */
static int build_tree(git_oid *out, ov_repo *repo, git_tree *parent, const char *base,
		      const ov_repo_file *files, size_t nfiles)
{
	git_tree_update *updates = NULL;
	git_tree_entry *entry = NULL;
	size_t i;
	int rc, err = OV_OK;

	if (nfiles && !(updates = calloc(nfiles, sizeof(*updates))))
		return ov_error_set(OV_ENOMEM, "out of memory");
	for (i = 0; i < nfiles; i++) {
		const ov_repo_file *f = &files[i];
		git_tree_update *u = &updates[i];

		u->path = f->path;
		u->filemode = GIT_FILEMODE_BLOB;
		if (!f->data) {
			u->action = GIT_TREE_UPDATE_REMOVE;
			rc = GIT_ENOTFOUND;
			if (parent)
				rc = git_tree_entry_bypath(&entry, parent, f->path);
			git_tree_entry_free(entry);
			entry = NULL;
			if (rc == GIT_ENOTFOUND) {
				err = ov_error_set(OV_ENOTFOUND, "deleting %s: no such file at %s",
						   f->path, *base ? base : "the empty tree");
				goto done;
			}
			if (rc < 0) {
				err = git_fail(rc, "deleting %s", f->path);
				goto done;
			}
			continue;
		}
		u->action = GIT_TREE_UPDATE_UPSERT;
		rc = git_fault() ? -1 : git_blob_create_from_buffer(&u->id, repo->git, f->data, f->len);
		if (rc < 0) {
			/* on a full disk libgit2 1.5 may report the lookup that
			 * follows the failed write, not the write's reason */
			err = disk_nearly_full(repo)
				? git_fail_as(OV_ERROR, "writing %s (%zu bytes): %s", f->path, f->len,
					      strerror(ENOSPC))
				: git_fail(rc, "writing %s (%zu bytes)", f->path, f->len);
			goto done;
		}
		{
			const git_oid *written[] = { &u->id };

			if ((err = check_written(repo, written, 1, f->path)) < 0)
				goto done;
		}
	}
	rc = git_fault() ? -1 : git_tree_create_updated(out, repo->git, parent, nfiles, updates);
	if (rc < 0) {
		const git_error *e = git_error_last();
		/* libgit2 reports file/folder clashes as tree errors. */
		err = git_fail_as(rc == -1 && e && e->klass == GIT_ERROR_TREE ? OV_EINVALID
									     : map_code(rc),
				  "committing on %s: building the new tree",
				  *base ? base : "the empty tree");
	}
done:
	free(updates);
	return err;
}

/*
 * Checks that the objects just written are in the object store.  On a full
 * disk Debian's libgit2 1.5 can report a loose object as written although
 * its write failed (ENOSPC), and a commit naming a missing object would
 * corrupt the history once main moved to it.  The error names the system's
 * reason when the file system is out of space.
 */
/* Whether less than 1 MiB is left on the repository's file system. */
static int disk_nearly_full(ov_repo *repo)
{
	struct statvfs vfs;

	return statvfs(repo->dir, &vfs) == 0 &&
	       (unsigned long long)vfs.f_bavail * vfs.f_frsize < 1024 * 1024;
}

static int check_written(ov_repo *repo, const git_oid *const *ids, size_t n, const char *what)
{
	git_odb *odb = NULL;
	char hex[41];
	int rc, err = OV_OK;

	if ((rc = git_repository_odb(&odb, repo->git)) < 0)
		return git_fail(rc, "%s: opening the object store", what);
	for (size_t i = 0; i < n && err >= 0; i++) {
		if (git_odb_exists(odb, ids[i]))
			continue;
		oid_hex(hex, ids[i]);
		if (disk_nearly_full(repo))
			err = ov_error_set(OV_ERROR, "%s: object %s was not written: %s", what,
					   hex, strerror(ENOSPC));
		else
			err = ov_error_set(OV_ERROR, "%s: object %s was not written", what, hex);
	}
	git_odb_free(odb);
	return err;
}

/* The reflog line: "commit: <first line>" as git writes it. */
static int reflog_message(ov_buf *out, const char *message, int initial)
{
	size_t n = strcspn(message, "\n");

	return ov_buf_printf(out, "commit%s: %.*s", initial ? " (initial)" : "", (int)n, message);
}

int ov_repo_commit_object(char out_id[41], ov_repo *repo, const char *parent_id,
			  const ov_repo_file *files, size_t nfiles, const ov_repo_who *who,
			  const char *message)
{
	const char *base = parent_id ? parent_id : "";
	git_oid base_oid, tree_oid, commit_oid;
	git_commit *parent = NULL;
	git_tree *parent_tree = NULL, *tree = NULL;
	git_signature *sig = NULL;
	ov_buf msg = OV_BUF_INIT;
	int rc, err;

	if ((err = repo_git(repo)) < 0)
		return err;
	memset(&base_oid, 0, sizeof(base_oid));
	if (nfiles && !files)
		return ov_error_set(OV_EINVALID, "committing: no files given");
	if (*base && (err = parse_id(&base_oid, base, "committing on the expected head")) < 0)
		return err;
	if ((err = check_files(files, nfiles)) < 0 ||
	    (err = make_signature(&sig, who, "committing")) < 0 ||
	    (err = make_message(&msg, message, "committing")) < 0)
		goto done;
	if (*base) {
		if ((rc = git_commit_lookup(&parent, repo->git, &base_oid)) < 0 ||
		    (rc = git_commit_tree(&parent_tree, parent)) < 0) {
			err = git_fail(rc, "committing on %s", base);
			goto done;
		}
	}
	if ((err = build_tree(&tree_oid, repo, parent_tree, base, files, nfiles)) < 0)
		goto done;
	if ((rc = git_tree_lookup(&tree, repo->git, &tree_oid)) < 0) {
		err = git_fail(rc, "committing on %s: reading the new tree", base);
		goto done;
	}
	rc = git_fault() ? -1 : git_commit_create(&commit_oid, repo->git, NULL, sig, sig, NULL, msg.ptr, tree,
			       parent ? 1 : 0, (const git_commit **)&parent);
	if (rc < 0) {
		err = git_fail(rc, "committing on %s: writing the commit",
			       *base ? base : "nothing");
		goto done;
	}
	{
		const git_oid *written[] = { &commit_oid, &tree_oid };

		if ((err = check_written(repo, written, 2, "committing")) < 0)
			goto done;
	}
	oid_hex(out_id, &commit_oid);
done:
	git_tree_free(tree);
	git_tree_free(parent_tree);
	git_commit_free(parent);
	git_signature_free(sig);
	ov_buf_dispose(&msg);
	return err;
}

int ov_repo_move_main(ov_repo *repo, const char *expected_head, const char *new_id,
		      const ov_repo_who *who, const char *message)
{
	const char *base = expected_head ? expected_head : "";
	git_oid base_oid, new_oid;
	git_reference *ref = NULL;
	ov_buf logmsg = OV_BUF_INIT;
	int rc, err;

	if ((err = repo_git(repo)) < 0)
		return err;
	memset(&base_oid, 0, sizeof(base_oid));
	if ((*base && (err = parse_id(&base_oid, base, "moving main")) < 0) ||
	    (err = parse_id(&new_oid, new_id, "moving main")) < 0)
		return err;
	if (!who || !who->name || !who->email)
		return ov_error_set(OV_EINVALID, "moving main: no author given");
	if ((err = reflog_message(&logmsg, message ? message : "", !*base)) < 0)
		goto done;
	if ((rc = git_repository_set_ident(repo->git, who->name, who->email)) < 0) {
		err = git_fail(rc, "committing: setting the reflog identity");
		goto done;
	}
	/*
	 * libgit2 compares the old value under main.lock; the zero id (base "")
	 * means "must not exist yet".  (Creating without force is not safe here:
	 * it looks for an existing ref before taking the lock.)
	 */
	rc = git_fault() ? -1 : git_reference_create_matching(&ref, repo->git, MAIN_REF, &new_oid, 1, &base_oid,
					   logmsg.ptr);
	if (rc == GIT_EMODIFIED || rc == GIT_ENOTFOUND) {
		err = git_fail_as(OV_ECONFLICT,
				  "main moved away from %s while committing: another writer "
				  "committed first (re-read the head and try again)",
				  *base ? base : "no commit");
		goto done;
	}
	if (rc == GIT_ELOCKED) {
		err = git_fail_as(OV_ECONFLICT,
				  "main is locked by another writer (or a stale lock): try again");
		goto done;
	}
	if (rc < 0)
		err = git_fail(rc, "committing: moving main to the new commit");
done:
	git_reference_free(ref);
	ov_buf_dispose(&logmsg);
	return err;
}

int ov_repo_commit(char out_id[41], ov_repo *repo, const char *expected_head,
		   const ov_repo_file *files, size_t nfiles, const ov_repo_who *who,
		   const char *message)
{
	const char *base = expected_head ? expected_head : "";
	git_oid base_oid, cur_oid;
	char cur_hex[41], id[41];
	int err, exists;

	memset(&base_oid, 0, sizeof(base_oid));
	if (*base && (err = parse_id(&base_oid, base, "committing on the expected head")) < 0)
		return err;
	/* Cheap early check; the ref update is the real compare-and-swap. */
	if ((err = main_id(&cur_oid, &exists, repo)) < 0)
		return err;
	if (exists != (*base != '\0') || (exists && git_oid_cmp(&cur_oid, &base_oid))) {
		oid_hex(cur_hex, &cur_oid);
		return ov_error_set(OV_ECONFLICT,
				    "main is at %s, not at %s: another writer committed first "
				    "(re-read the head and try again)",
				    exists ? cur_hex : "no commit", *base ? base : "no commit");
	}
	if ((err = ov_repo_commit_object(id, repo, base, files, nfiles, who, message)) < 0 ||
	    (err = ov_repo_move_main(repo, base, id, who, message)) < 0)
		return err;
	memcpy(out_id, id, 41);
	return OV_OK;
}

/* --- tags ------------------------------------------------------------------ */

/*
 * Writes the annotated tag object itself, as git_tag_create would, so that
 * a failed write keeps libgit2's message with the system's error (git_tag_create
 * replaces it with "failed to create tag annotation").
 */
static int write_tag_object(git_oid *out, ov_repo *repo, const char *name, const git_oid *target,
			    const git_signature *sig, const char *msg)
{
	char hex[GIT_OID_HEXSZ + 1];
	int off = sig->when.offset, rc;
	git_odb *odb = NULL;
	ov_buf b = OV_BUF_INIT;

	git_oid_tostr(hex, sizeof(hex), target);
	if ((rc = ov_buf_printf(&b, "object %s\ntype commit\ntag %s\ntagger %s <%s> %lld %c%02d%02d\n\n%s",
				hex, name, sig->name, sig->email, (long long)sig->when.time,
				off < 0 ? '-' : '+', abs(off) / 60, abs(off) % 60, msg)) < 0)
		return rc;
	if ((rc = git_repository_odb(&odb, repo->git)) < 0 ||
	    (rc = git_fault() ? -1 : git_odb_write(out, odb, b.ptr, b.size, GIT_OBJECT_TAG)) < 0)
		rc = git_fail(rc, "creating tag '%s'", name);
	git_odb_free(odb);
	ov_buf_dispose(&b);
	return rc < 0 ? rc : OV_OK;
}

/* Points refs/tags/<name> at the tag object `tag`; OV_EEXISTS when the tag exists. */
static int create_tag_ref(ov_repo *repo, const char *name, const git_oid *tag)
{
	git_reference *ref = NULL;
	ov_buf refname = OV_BUF_INIT;
	int rc, err = OV_OK;

	if ((err = ov_buf_printf(&refname, "refs/tags/%s", name)) < 0)
		return err;
	rc = git_fault() ? -1
			 : git_reference_create_matching(&ref, repo->git, refname.ptr, tag, 0, NULL,
							 NULL);
	if (rc == GIT_EEXISTS)
		err = ov_error_set(OV_EEXISTS, "tag '%s' exists already", name);
	else if (rc < 0)
		err = git_fail(rc, "creating tag '%s'", name);
	git_reference_free(ref);
	ov_buf_dispose(&refname);
	return err;
}

int ov_repo_tag(ov_repo *repo, const char *name, const char *target, const ov_repo_who *who,
		const char *message)
{
	git_object *commit = NULL;
	git_signature *sig = NULL;
	git_reference *old = NULL;
	ov_buf msg = OV_BUF_INIT, refname = OV_BUF_INIT;
	git_oid oid, tag_oid;
	int rc, err;

	if ((err = repo_git(repo)) < 0)
		return err;
	if ((err = ov_repo_check_tag_name(name)) < 0)
		return err;
	if ((err = parse_id(&oid, target, "tagging")) < 0 ||
	    (err = make_signature(&sig, who, "tagging")) < 0 ||
	    (err = make_message(&msg, message, "tagging")) < 0 ||
	    (err = ov_buf_printf(&refname, "refs/tags/%s", name)) < 0)
		goto done;
	rc = git_object_lookup(&commit, repo->git, &oid, GIT_OBJECT_COMMIT);
	if (rc == GIT_ENOTFOUND) {
		err = ov_error_set(OV_ENOTFOUND, "tagging %s: no commit %s", name, target);
		goto done;
	}
	if (rc < 0) {
		err = git_fail(rc, "tagging %s: looking up %s", name, target);
		goto done;
	}
	if ((rc = git_reference_lookup(&old, repo->git, refname.ptr)) == 0) {
		err = ov_error_set(OV_EEXISTS, "tag '%s' exists already", name);
		goto done;
	}
	if (rc != GIT_ENOTFOUND) {
		err = git_fail(rc, "creating tag '%s'", name);
		goto done;
	}
	if ((err = write_tag_object(&tag_oid, repo, name, &oid, sig, msg.ptr)) >= 0 &&
	    (err = create_tag_ref(repo, name, &tag_oid)) >= 0) {
		const git_oid *written[] = { &tag_oid };

		err = check_written(repo, written, 1, "creating a tag");
	}
done:
	git_reference_free(old);
	git_object_free(commit);
	git_signature_free(sig);
	ov_buf_dispose(&msg);
	ov_buf_dispose(&refname);
	return err;
}

int ov_repo_check_tag_name(const char *name)
{
	ov_buf ref = OV_BUF_INIT;
	int valid = 0, err;

	if (!name || !*name)
		return ov_error_set(OV_EINVALID, "tagging: no tag name given");
	if ((err = ov_buf_printf(&ref, "refs/tags/%s", name)) < 0)
		return err;
	/* may be the process's first call into libgit2: a missing library is an error */
	if (ov_lazy_load(&ov_git_lib) < 0) {
		ov_buf_dispose(&ref);
		return OV_ERROR;
	}
	if (git_reference_name_is_valid(&valid, ref.ptr) < 0 || !valid)
		err = ov_error_set(OV_EINVALID, "'%s' is not a valid tag name", name);
	ov_buf_dispose(&ref);
	return err;
}

int ov_repo_tag_delete(ov_repo *repo, const char *name)
{
	int rc;

	if (!name || !*name)
		return ov_error_set(OV_EINVALID, "deleting a tag: no tag name given");
	if ((rc = repo_git(repo)) < 0)
		return rc;
	rc = git_fault() ? -1 : git_tag_delete(repo->git, name);
	if (rc == GIT_ENOTFOUND || rc == GIT_EINVALIDSPEC)
		return ov_error_set(OV_ENOTFOUND, "deleting tag '%s': no such tag", name);
	if (rc < 0)
		return git_fail(rc, "deleting tag '%s'", name);
	return OV_OK;
}

int ov_repo_tag_target(char out_id[41], ov_repo *repo, const char *name)
{
	ov_buf ref = OV_BUF_INIT;
	git_commit *commit = NULL;
	int rc, err;

	if ((err = repo_git(repo)) < 0)
		return err;
	if (!name || !*name)
		return ov_error_set(OV_EINVALID, "reading a tag: no tag name given");
	if ((err = ov_buf_printf(&ref, "refs/tags/%s", name)) < 0)
		return err;
	rc = peel_ref(&commit, repo, ref.ptr);
	if (rc == GIT_ENOTFOUND)
		err = ov_error_set(OV_ENOTFOUND, "no tag '%s'", name);
	else if (rc < 0)
		err = git_fail_as(rc == GIT_EPEEL ? OV_EINVALID : map_code(rc),
				  "reading tag '%s'", name);
	else
		oid_hex(out_id, git_commit_id(commit));
	git_commit_free(commit);
	ov_buf_dispose(&ref);
	return err;
}

/* --- history --------------------------------------------------------------- */

/* Calls cb for one commit; returns cb's value, or a negative OV_* code. */
static int report_commit(ov_repo *repo, const git_oid *oid, ov_repo_commit_cb cb,
			 void *payload)
{
	git_message_trailer_array trailers = { NULL, 0, NULL };
	const char **keys = NULL, **values = NULL;
	const git_signature *author;
	ov_repo_commit_info info;
	git_commit *commit = NULL;
	ov_buf summary = OV_BUF_INIT;
	char hex[41], parent[41] = "";
	size_t i;
	int rc, err;

	oid_hex(hex, oid);
	if ((rc = git_commit_lookup(&commit, repo->git, oid)) < 0)
		return git_fail(rc, "walking history: reading commit %s", hex);
	memset(&info, 0, sizeof(info));
	info.id = hex;
	author = git_commit_author(commit);
	info.author_name = author->name;
	info.author_email = author->email;
	info.when = (long long)author->when.time;
	info.offset_minutes = author->when.offset;
	info.message = git_commit_message(commit);
	if (!info.message)
		info.message = "";
	info.nparents = git_commit_parentcount(commit);
	if (info.nparents)
		oid_hex(parent, git_commit_parent_id(commit, 0));
	info.parent = parent;
	if ((err = ov_buf_put(&summary, info.message, strcspn(info.message, "\n"))) < 0)
		goto done;
	info.summary = summary.ptr;
	if ((rc = git_message_trailers(&trailers, info.message)) < 0) {
		err = git_fail(rc, "walking history: reading the trailers of %s", hex);
		goto done;
	}
	if (trailers.count) {
		keys = calloc(trailers.count, sizeof(*keys));
		values = calloc(trailers.count, sizeof(*values));
		if (!keys || !values) {
			err = ov_error_set(OV_ENOMEM, "out of memory");
			goto done;
		}
		for (i = 0; i < trailers.count; i++) {
			keys[i] = trailers.trailers[i].key;
			values[i] = trailers.trailers[i].value;
		}
	}
	info.ntrailers = trailers.count;
	info.trailer_keys = keys;
	info.trailer_values = values;
	err = cb(&info, payload);
done:
	free(keys);
	free(values);
	git_message_trailer_array_free(&trailers);
	ov_buf_dispose(&summary);
	git_commit_free(commit);
	return err;
}

int ov_repo_walk(ov_repo *repo, const char *since, ov_repo_commit_cb cb, void *payload)
{
	git_revwalk *walk = NULL;
	git_commit *hide = NULL;
	git_oid head, oid;
	int rc, err, exists;

	if ((err = main_id(&head, &exists, repo)) < 0 || !exists)
		return err;
	if (since && *since && (err = lookup_commit(&hide, repo, since)) < 0)
		return ov_error_prefix("walking history since %s", since);
	if ((rc = git_revwalk_new(&walk, repo->git)) < 0 ||
	    (rc = git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME |
					    GIT_SORT_REVERSE)) < 0 ||
	    (rc = git_revwalk_push(walk, &head)) < 0 ||
	    (hide && (rc = git_revwalk_hide(walk, git_commit_id(hide))) < 0)) {
		err = git_fail(rc, "walking history");
		goto done;
	}
	while ((rc = git_revwalk_next(&oid, walk)) == 0) {
		if ((err = report_commit(repo, &oid, cb, payload)) != 0)
			goto done;
	}
	if (rc != GIT_ITEROVER)
		err = git_fail(rc, "walking history");
done:
	git_revwalk_free(walk);
	git_commit_free(hide);
	return err;
}

/* --- listings and diffs ------------------------------------------------------ */

typedef struct list_state {
	ov_buf path;
	const char *prefix;   /* "dir/" or "" */
	ov_repo_path_cb cb;
	void *payload;
	int result;           /* the callback's non-zero value, or an OV_* code */
} list_state;

static int list_entry(const char *root, const git_tree_entry *entry, void *payload)
{
	list_state *s = payload;
	int err;

	if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB)
		return 0;
	ov_buf_clear(&s->path);
	if ((err = ov_buf_printf(&s->path, "%s%s%s", s->prefix, root,
				 git_tree_entry_name(entry))) < 0) {
		s->result = err;
		return -1;
	}
	if ((s->result = s->cb(s->path.ptr, s->payload)) != 0)
		return -1;
	return 0;
}

int ov_repo_list(ov_repo *repo, const char *rev, const char *dir, ov_repo_path_cb cb,
		 void *payload)
{
	list_state s = { OV_BUF_INIT, "", cb, payload, 0 };
	ov_buf prefix = OV_BUF_INIT, clean = OV_BUF_INIT;
	git_tree *root = NULL, *sub = NULL;
	git_tree_entry *entry = NULL;
	int rc, err;

	if ((err = repo_git(repo)) < 0)
		return err;
	if ((err = lookup_tree(&root, repo, rev)) < 0) {
		ov_error_prefix("listing %s at %s", dir && *dir ? dir : "/", rev_name(rev));
		goto done;
	}
	if (dir && *dir) {
		/* Accept "agreements/" as well as "agreements". */
		size_t n = strlen(dir);
		while (n > 1 && dir[n - 1] == '/')
			n--;
		if ((err = ov_buf_put(&clean, dir, n)) < 0 ||
		    (err = check_path(clean.ptr, "listing")) < 0)
			goto done;
		rc = root ? git_tree_entry_bypath(&entry, root, clean.ptr) : GIT_ENOTFOUND;
		if (rc == GIT_ENOTFOUND ||
		    (rc == 0 && git_tree_entry_type(entry) != GIT_OBJECT_TREE)) {
			err = ov_error_set(OV_ENOTFOUND, "listing %s at %s: no such folder",
					   clean.ptr, rev_name(rev));
			goto done;
		}
		if (rc == 0)
			rc = git_tree_lookup(&sub, repo->git, git_tree_entry_id(entry));
		if (rc < 0) {
			err = git_fail(rc, "listing %s at %s", clean.ptr, rev_name(rev));
			goto done;
		}
		if ((err = ov_buf_printf(&prefix, "%s/", clean.ptr)) < 0)
			goto done;
		s.prefix = prefix.ptr;
	}
	if (!root)
		goto done; /* the empty tree: nothing to list */
	rc = git_tree_walk(sub ? sub : root, GIT_TREEWALK_PRE, list_entry, &s);
	if (s.result != 0)
		err = s.result;
	else if (rc < 0)
		err = git_fail(rc, "listing %s at %s", dir && *dir ? dir : "/", rev_name(rev));
done:
	git_tree_entry_free(entry);
	git_tree_free(sub);
	git_tree_free(root);
	ov_buf_dispose(&s.path);
	ov_buf_dispose(&prefix);
	ov_buf_dispose(&clean);
	return err;
}

/*
 * State of ov_repo_changed: `path` holds the folder being compared ("" or
 * "dir/sub/"), result the callback's non-zero value or an OV_* code.
 */
typedef struct changed_state {
	ov_repo *repo;
	ov_buf path;
	ov_repo_path_cb cb;
	void *payload;
	int result;
} changed_state;

static int diff_trees(changed_state *s, git_tree *a, git_tree *b);

/* Reports `entry` (under s->path): the file, or every file of the folder. */
static int report_entry(changed_state *s, const git_tree_entry *entry)
{
	size_t len = s->path.size;
	git_tree *sub = NULL;
	int rc, err;

	if ((err = ov_buf_puts(&s->path, git_tree_entry_name(entry))) < 0)
		return s->result = err;
	if (git_tree_entry_type(entry) == GIT_OBJECT_TREE) {
		if ((rc = git_tree_lookup(&sub, s->repo->git, git_tree_entry_id(entry))) < 0)
			err = s->result = git_fail(rc, "comparing trees: reading %s", s->path.ptr);
		else if ((err = ov_buf_putc(&s->path, '/')) < 0)
			s->result = err;
		else
			err = diff_trees(s, NULL, sub);
	} else if ((s->result = s->cb(s->path.ptr, s->payload)) != 0) {
		err = s->result;
	}
	git_tree_free(sub);
	s->path.size = len;
	s->path.ptr[len] = '\0';
	return err;
}

/*
 * Walks two trees (NULL: empty) side by side in git's order, reporting
 * what differs; folders with the same id on both sides are skipped whole,
 * so the cost follows the changed folders, not the size of the tree.
 */
static int diff_trees(changed_state *s, git_tree *a, git_tree *b)
{
	size_t i = 0, j = 0, na = a ? git_tree_entrycount(a) : 0, nb = b ? git_tree_entrycount(b) : 0;
	int err = OV_OK;

	while (!err && (i < na || j < nb)) {
		const git_tree_entry *ea = i < na ? git_tree_entry_byindex(a, i) : NULL;
		const git_tree_entry *eb = j < nb ? git_tree_entry_byindex(b, j) : NULL;
		int c = !ea ? 1 : !eb ? -1 : git_tree_entry_cmp(ea, eb);

		if (c < 0) {
			err = report_entry(s, ea);
			i++;
		} else if (c > 0) {
			err = report_entry(s, eb);
			j++;
		} else {
			i++;
			j++;
			if (!git_oid_cmp(git_tree_entry_id(ea), git_tree_entry_id(eb)) &&
			    git_tree_entry_filemode(ea) == git_tree_entry_filemode(eb))
				continue;
			if (git_tree_entry_type(ea) == GIT_OBJECT_TREE &&
			    git_tree_entry_type(eb) == GIT_OBJECT_TREE) {
				size_t len = s->path.size;
				git_tree *ta = NULL, *tb = NULL;
				int rc;
				if ((rc = git_tree_lookup(&ta, s->repo->git, git_tree_entry_id(ea))) < 0 ||
				    (rc = git_tree_lookup(&tb, s->repo->git, git_tree_entry_id(eb))) < 0)
					err = s->result = git_fail(rc, "comparing trees: reading %s%s",
								  s->path.ptr, git_tree_entry_name(ea));
				else if ((err = ov_buf_printf(&s->path, "%s/",
							      git_tree_entry_name(ea))) < 0)
					s->result = err;
				else
					err = diff_trees(s, ta, tb);
				git_tree_free(ta);
				git_tree_free(tb);
				s->path.size = len;
				s->path.ptr[len] = '\0';
			} else {
				err = report_entry(s, eb); /* the same file, changed */
			}
		}
	}
	return err;
}

int ov_repo_changed(ov_repo *repo, const char *old_id, const char *new_id,
		    ov_repo_path_cb cb, void *payload)
{
	changed_state s = { repo, OV_BUF_INIT, cb, payload, 0 };
	git_tree *old_tree = NULL, *new_tree = NULL;
	int err = OV_OK;

	if ((err = repo_git(repo)) < 0)
		return err;
	if (old_id && *old_id && (err = lookup_tree(&old_tree, repo, old_id)) < 0)
		return ov_error_prefix("comparing %s with %s", old_id, rev_name(new_id));
	if ((err = lookup_tree(&new_tree, repo, new_id)) < 0) {
		ov_error_prefix("comparing %s with %s", old_id && *old_id ? old_id : "nothing",
				rev_name(new_id));
		goto done;
	}
	if ((err = ov_buf_puts(&s.path, "")) < 0)
		goto done;
	if (old_tree && new_tree && !git_oid_cmp(git_tree_id(old_tree), git_tree_id(new_tree)))
		goto done;
	diff_trees(&s, old_tree, new_tree);
	err = s.result;
done:
	git_tree_free(old_tree);
	git_tree_free(new_tree);
	ov_buf_dispose(&s.path);
	return err;
}

int ov_repo_is_ancestor(int *out, ov_repo *repo, const char *ancestor, const char *descendant)
{
	git_commit *anc = NULL, *desc = NULL;
	int rc, err;

	*out = 0;
	if (!ancestor || !*ancestor) {
		*out = 1;
		return OV_OK;
	}
	if (descendant && !*descendant)
		return OV_OK; /* no commit has no ancestors */
	if ((err = lookup_commit(&anc, repo, ancestor)) < 0 ||
	    (err = lookup_commit(&desc, repo, descendant)) < 0) {
		ov_error_prefix("is %s an ancestor of %s", ancestor, rev_name(descendant));
		goto done;
	}
	if (!git_oid_cmp(git_commit_id(anc), git_commit_id(desc))) {
		*out = 1;
		goto done;
	}
	/* The common case, a parent, without a merge-base search. */
	for (unsigned int i = 0; i < git_commit_parentcount(desc); i++)
		if (!git_oid_cmp(git_commit_parent_id(desc, i), git_commit_id(anc))) {
			*out = 1;
			goto done;
		}
	rc = git_graph_descendant_of(repo->git, git_commit_id(desc), git_commit_id(anc));
	if (rc < 0)
		err = git_fail(rc, "is %s an ancestor of %s", ancestor, rev_name(descendant));
	else
		*out = rc == 1;
done:
	git_commit_free(anc);
	git_commit_free(desc);
	return err;
}

/* --- main's reflog ------------------------------------------------------------ */

static int reflog_path(ov_buf *out, ov_repo *repo)
{
	return ov_buf_printf(out, "%slogs/%s", repo->dir, MAIN_REF);
}

int ov_repo_reflog_size(long long *out, ov_repo *repo)
{
	ov_buf path = OV_BUF_INIT;
	struct stat st;
	int err;

	*out = 0;
	if ((err = reflog_path(&path, repo)) < 0)
		return err;
	if (stat(path.ptr, &st) == 0)
		*out = (long long)st.st_size;
	else if (errno != ENOENT)
		err = ov_error_set(OV_ERROR, "%s: %s", path.ptr, strerror(errno));
	ov_buf_dispose(&path);
	return err;
}

/*
 * Splits one reflog line (its newline removed, modified in place):
 * "<old> <new> <name> <<email>> <time> <zone>\t<message>".  0 when it is
 * not such a line.
 */
static int parse_reflog_line(ov_repo_reflog_entry *e, char *line)
{
	char *rest, *tab, *gt;

	if (strlen(line) < 83 || !is_hex(line, 40) || line[40] != ' ' || !is_hex(line + 41, 40) ||
	    line[81] != ' ')
		return 0;
	line[40] = line[81] = '\0';
	rest = line + 82;
	if ((tab = strchr(rest, '\t')) != NULL)
		*tab = '\0';
	if (!(gt = strrchr(rest, '>')))
		return 0;
	e->old_id = line;
	e->new_id = line + 41;
	e->message = tab ? tab + 1 : "";
	e->when = strtoll(gt + 1, NULL, 10);
	gt[1] = '\0';
	e->who = rest;
	return 1;
}

/* ov_repo_reflog_scan; `partial` skips the (possibly cut) line at `from`. */
static int reflog_scan(ov_repo *repo, long long from, int partial, long long *end,
		       ov_repo_reflog_cb cb, void *payload)
{
	ov_buf path = OV_BUF_INIT;
	ov_repo_reflog_entry e;
	struct stat st;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	FILE *f = NULL;
	long long pos;
	int err = OV_OK;

	*end = 0;
	if ((err = reflog_path(&path, repo)) < 0)
		return err;
	if (!(f = fopen(path.ptr, "re"))) {
		if (errno != ENOENT)
			err = ov_error_set(OV_ERROR, "%s: %s", path.ptr, strerror(errno));
		goto done;
	}
	if (fstat(fileno(f), &st) < 0) {
		err = ov_error_set(OV_ERROR, "%s: %s", path.ptr, strerror(errno));
		goto done;
	}
	if (from < 0 || from > (long long)st.st_size)
		from = partial = 0; /* shorter than remembered: rewritten, read it all */
	if (fseeko(f, (off_t)from, SEEK_SET) < 0) {
		err = ov_error_set(OV_ERROR, "%s: %s", path.ptr, strerror(errno));
		goto done;
	}
	pos = from;
	while ((n = getline(&line, &cap, f)) > 0) {
		if (line[n - 1] != '\n')
			break; /* a line still being written */
		pos += n;
		*end = pos;
		line[n - 1] = '\0';
		if (partial) {
			partial = 0;
			continue;
		}
		if (!parse_reflog_line(&e, line))
			continue;
		if ((err = cb(&e, payload)) != 0)
			goto done;
	}
	if (ferror(f))
		err = ov_error_set(OV_ERROR, "%s: %s", path.ptr, strerror(errno));
	if (*end < from)
		*end = from;
done:
	if (f)
		fclose(f);
	free(line);
	ov_buf_dispose(&path);
	return err;
}

int ov_repo_reflog_scan(ov_repo *repo, long long from, long long *end, ov_repo_reflog_cb cb,
			void *payload)
{
	return reflog_scan(repo, from, 0, end, cb, payload);
}

typedef struct last_entry {
	char old_id[41], new_id[41];
} last_entry;

static int keep_last(const ov_repo_reflog_entry *e, void *payload)
{
	last_entry *l = payload;

	memcpy(l->old_id, e->old_id, 41);
	memcpy(l->new_id, e->new_id, 41);
	return 0;
}

int ov_repo_reflog_last(char old_out[41], char new_out[41], ov_repo *repo)
{
	last_entry l = { "", "" };
	long long size, end;
	int err;

	old_out[0] = new_out[0] = '\0';
	if ((err = ov_repo_reflog_size(&size, repo)) < 0)
		return err;
	/* Lines are short: the last few kilobytes hold the last one. */
	if (size > 8192)
		err = reflog_scan(repo, size - 8192, 1, &end, keep_last, &l);
	else
		err = reflog_scan(repo, 0, 0, &end, keep_last, &l);
	if (err < 0)
		return err;
	memcpy(old_out, l.old_id, 41);
	memcpy(new_out, l.new_id, 41);
	return OV_OK;
}

int ov_repo_reflog_note(ov_repo *repo, const char *old_id, const char *new_id, long long when,
			const char *message)
{
	static const char zeros[] = "0000000000000000000000000000000000000000";
	ov_buf path = OV_BUF_INIT, dir = OV_BUF_INIT, line = OV_BUF_INIT;
	git_oid probe;
	const char *p;
	int fd = -1, err;

	if (!old_id || !*old_id)
		old_id = zeros;
	if ((err = parse_id(&probe, old_id, "noting a move of main")) < 0 ||
	    (err = parse_id(&probe, new_id, "noting a move of main")) < 0)
		return err;
	if ((err = ov_buf_printf(&line, "%s %s Överens <overens@localhost> %lld +0000\t", old_id,
				 new_id, when)) < 0)
		goto done;
	for (p = message ? message : ""; *p; p++)
		if ((err = ov_buf_putc(&line, *p == '\n' || *p == '\t' ? ' ' : *p)) < 0)
			goto done;
	if ((err = ov_buf_putc(&line, '\n')) < 0 || (err = reflog_path(&path, repo)) < 0 ||
	    (err = ov_buf_printf(&dir, "%slogs/refs/heads", repo->dir)) < 0)
		goto done;
	fd = ov_sys_open(path.ptr, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0 && errno == ENOENT) {
		/* No reflog yet: make logs/refs/heads/ (one level at a time). */
		char *slash = dir.ptr + strlen(repo->dir);
		while ((slash = strchr(slash, '/')) != NULL) {
			*slash = '\0';
			mkdir(dir.ptr, 0755);
			*slash++ = '/';
		}
		mkdir(dir.ptr, 0755);
		fd = ov_sys_open(path.ptr, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	}
	if (fd < 0 || ov_sys_write(fd, line.ptr, line.size) != (ssize_t)line.size ||
	    ov_sys_fsync(fd) < 0)
		err = ov_error_set(OV_ERROR, "%s: %s", path.ptr, strerror(errno));
done:
	if (fd >= 0)
		close(fd);
	ov_buf_dispose(&path);
	ov_buf_dispose(&dir);
	ov_buf_dispose(&line);
	return err;
}

/* --- stale locks ------------------------------------------------------------- */

/* Removes `path` if it is a regular file at least `min_age` seconds old. */
static int remove_if_stale(const char *path, time_t now, int min_age)
{
	struct stat st;

	if (lstat(path, &st) < 0)
		return errno == ENOENT ? OV_OK : ov_error_set(OV_ERROR, "%s: %s", path,
							     strerror(errno));
	/*
	 * git makes its locks as regular files; anything else there (a symbolic
	 * link, a folder) was put by hand and would make every write fail.
	 */
	if (!S_ISREG(st.st_mode))
		return ov_error_set(OV_ERROR, "%s: a git lock that is not a regular file "
				    "(a symbolic link or a folder) blocks every write; "
				    "remove it if no git command is running", path);
	if (now - st.st_mtime < (time_t)min_age)
		return OV_OK;
	if (ov_sys_unlink(path) < 0 && errno != ENOENT)
		return ov_error_set(OV_ERROR, "removing stale lock %s: %s", path, strerror(errno));
	return OV_OK;
}

/* Removes stale *.lock files in folder `dir` (an ov_buf holding its path) and below. */
static int clear_locks_in(ov_buf *dir, time_t now, int min_age)
{
	size_t len = dir->size;
	DIR *d = opendir(dir->ptr);
	struct dirent *de;
	struct stat st;
	int err = OV_OK;

	if (!d)
		return errno == ENOENT ? OV_OK : ov_error_set(OV_ERROR, "%s: %s", dir->ptr,
							     strerror(errno));
	while ((de = readdir(d)) != NULL) {
		size_t n = strlen(de->d_name);

		int is_lock = n > 5 && !strcmp(de->d_name + n - 5, ".lock");

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		/*
		 * Every write passes here, and refs/tags gains a file per signed
		 * version: the type readdir gives spares a stat of each tag.
		 */
		if (!is_lock && de->d_type != DT_DIR && de->d_type != DT_UNKNOWN)
			continue;
		dir->size = len;
		dir->ptr[len] = '\0';
		if ((err = ov_buf_printf(dir, "/%s", de->d_name)) < 0)
			break;
		if (lstat(dir->ptr, &st) < 0)
			continue; /* gone meanwhile */
		if (S_ISDIR(st.st_mode))
			err = clear_locks_in(dir, now, min_age);
		else if (is_lock)
			err = remove_if_stale(dir->ptr, now, min_age);
		if (err < 0)
			break;
	}
	closedir(d);
	dir->size = len;
	dir->ptr[len] = '\0';
	return err;
}

int ov_repo_clear_stale_locks(ov_repo *repo, int min_age_seconds)
{
	static const char *const files[] = {
		"HEAD.lock", "packed-refs.lock", "index.lock", "config.lock"
	};
	const char *gitdir = repo->dir;
	time_t now = time(NULL);
	ov_buf path = OV_BUF_INIT;
	size_t i;
	int err = OV_OK;

	for (i = 0; i < sizeof(files) / sizeof(files[0]) && err >= 0; i++) {
		ov_buf_clear(&path);
		if ((err = ov_buf_printf(&path, "%s%s", gitdir, files[i])) >= 0)
			err = remove_if_stale(path.ptr, now, min_age_seconds);
	}
	if (err >= 0) {
		ov_buf_clear(&path);
		if ((err = ov_buf_printf(&path, "%srefs", gitdir)) >= 0)
			err = clear_locks_in(&path, now, min_age_seconds);
	}
	ov_buf_dispose(&path);
	return err;
}

const char *ov_repo_trailer(const ov_repo_commit_info *ci, const char *key)
{
	const char *v = NULL;

	for (size_t i = 0; i < ci->ntrailers; i++)
		if (!strcasecmp(ci->trailer_keys[i], key))
			v = ci->trailer_values[i];
	return v;
}

/* --- packing --------------------------------------------------------------- */

/* The two hex digits of a loose object's folder name, or 0. */
static int is_fanout(const char *name)
{
	return strlen(name) == 2 && isxdigit((unsigned char)name[0]) &&
	       isxdigit((unsigned char)name[1]) && !isupper((unsigned char)name[0]) &&
	       !isupper((unsigned char)name[1]);
}

static int count_one(const git_oid *id, const char *path, const struct stat *st, void *payload)
{
	(void)id;
	(void)path;
	(void)st;
	(*(size_t *)payload)++;
	return OV_OK;
}

static int each_loose(ov_repo *repo, int (*cb)(const git_oid *, const char *,
					      const struct stat *, void *), void *payload);

size_t ov_repo_loose_estimate(ov_repo *repo, int exact)
{
	ov_buf path = OV_BUF_INIT;
	struct dirent *de;
	size_t n = 0;
	DIR *d;

	if (exact) {
		if (each_loose(repo, count_one, &n) < 0)
			ov_error_clear();
		return n;
	}
	if (ov_buf_printf(&path, "%sobjects/17", repo->dir) < 0) {
		ov_error_clear();
		return 0;
	}
	if ((d = opendir(path.ptr)) != NULL) {
		while ((de = readdir(d)) != NULL)
			if (strlen(de->d_name) == GIT_OID_HEXSZ - 2)
				n++;
		closedir(d);
	}
	ov_buf_dispose(&path);
	return n * 256;
}

typedef int (*loose_cb)(const git_oid *id, const char *path, const struct stat *st,
			void *payload);

/* Calls `cb` for every loose object file under objects/ (sorted by nothing). */
static int each_loose(ov_repo *repo, loose_cb cb, void *payload)
{
	ov_buf dir = OV_BUF_INIT, file = OV_BUF_INIT;
	struct dirent *de, *fe;
	DIR *d = NULL, *f;
	int err = OV_OK;

	if ((err = ov_buf_printf(&dir, "%sobjects", repo->dir)) < 0)
		return err;
	if (!(d = opendir(dir.ptr))) {
		err = ov_error_set(OV_ERROR, "%s: %s", dir.ptr, strerror(errno));
		goto done;
	}
	while (err >= 0 && (de = readdir(d)) != NULL) {
		if (!is_fanout(de->d_name))
			continue;
		ov_buf_clear(&file);
		if ((err = ov_buf_printf(&file, "%s/%s", dir.ptr, de->d_name)) < 0)
			break;
		if (!(f = opendir(file.ptr)))
			continue; /* gone meanwhile, or not a folder */
		while (err >= 0 && (fe = readdir(f)) != NULL) {
			char hex[GIT_OID_HEXSZ + 1];
			ov_buf one = OV_BUF_INIT;
			struct stat st;
			git_oid id;

			if (strlen(fe->d_name) != GIT_OID_HEXSZ - 2 ||
			    !is_hex(fe->d_name, GIT_OID_HEXSZ - 2))
				continue; /* a temporary file of a writer, or foreign */
			memcpy(hex, de->d_name, 2);
			memcpy(hex + 2, fe->d_name, GIT_OID_HEXSZ - 2);
			hex[GIT_OID_HEXSZ] = '\0';
			if (git_oid_fromstr(&id, hex) < 0)
				continue;
			if ((err = ov_buf_printf(&one, "%s/%s", file.ptr, fe->d_name)) >= 0 &&
			    lstat(one.ptr, &st) == 0 && S_ISREG(st.st_mode))
				err = cb(&id, one.ptr, &st, payload);
			ov_buf_dispose(&one);
		}
		closedir(f);
	}
done:
	if (d)
		closedir(d);
	ov_buf_dispose(&dir);
	ov_buf_dispose(&file);
	return err;
}

/* The .pack files in objects/pack (their names, for removing the old ones). */
static int list_packs(char ***out, size_t *n, ov_repo *repo)
{
	ov_buf dir = OV_BUF_INIT;
	struct dirent *de;
	char **v = NULL;
	DIR *d;
	int err = OV_OK;

	*out = NULL;
	*n = 0;
	if ((err = ov_buf_printf(&dir, "%sobjects/pack", repo->dir)) < 0)
		return err;
	if ((d = opendir(dir.ptr)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			size_t len = strlen(de->d_name);
			char **nv;

			if (len < 6 || strcmp(de->d_name + len - 5, ".pack"))
				continue;
			if (!(nv = realloc(v, (*n + 1) * sizeof(*v))) ||
			    !(nv[*n] = strndup(de->d_name, len - 5))) {
				v = nv ? nv : v;
				err = ov_error_set(OV_ENOMEM, "out of memory");
				break;
			}
			v = nv;
			(*n)++;
		}
		closedir(d);
	}
	ov_buf_dispose(&dir);
	*out = v;
	return err;
}

static void free_names(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

typedef struct gc_state {
	ov_repo *repo;
	git_packbuilder *pb;
	git_odb_backend *pack;  /* the new pack, to check what it holds */
	ov_repo_gc_stats *st;
	time_t expire;          /* full: unreachable loose objects older than this go */
	int removing;
} gc_state;

static int gc_count(const git_oid *id, const char *path, const struct stat *st, void *payload)
{
	gc_state *g = payload;

	(void)id;
	(void)path;
	if (g->removing) {
		g->st->loose_after++;
		g->st->bytes_after += (unsigned long long)st->st_size;
	} else {
		g->st->loose_before++;
		g->st->bytes_before += (unsigned long long)st->st_size;
	}
	return OV_OK;
}

static int gc_insert(const git_oid *id, const char *path, const struct stat *st, void *payload)
{
	gc_state *g = payload;
	int rc;

	(void)path;
	(void)st;
	if ((rc = git_packbuilder_insert(g->pb, id, NULL)) < 0)
		return git_fail(rc, "packing: adding a loose object");
	return OV_OK;
}

/* Removes a loose object the new pack holds (or an old unreachable one, in a full gc). */
static int gc_remove(const git_oid *id, const char *path, const struct stat *st, void *payload)
{
	gc_state *g = payload;

	if (!g->pack->exists(g->pack, id) && !(g->expire && st->st_mtime < g->expire))
		return OV_OK;
	if (ov_sys_unlink(path) < 0 && errno != ENOENT)
		return ov_error_set(OV_ERROR, "packing: removing %s: %s", path, strerror(errno));
	return OV_OK;
}

/* Adds every object reachable from a ref: commits with their trees and blobs, and tags. */
static int gc_insert_reachable(gc_state *g)
{
	git_reference_iterator *it = NULL;
	git_reference *ref;
	git_revwalk *walk = NULL;
	git_reflog *reflog = NULL;
	int rc, err = OV_OK;

	if ((rc = git_revwalk_new(&walk, g->repo->git)) < 0 ||
	    (rc = git_reference_iterator_new(&it, g->repo->git)) < 0) {
		err = git_fail(rc, "packing: listing the refs");
		goto done;
	}
	while (err >= 0 && (rc = git_reference_next(&ref, it)) == 0) {
		const git_oid *target = git_reference_target(ref);
		git_object *obj = NULL;

		if (target && git_object_lookup(&obj, g->repo->git, target, GIT_OBJECT_ANY) == 0) {
			if (git_object_type(obj) == GIT_OBJECT_TAG &&
			    (rc = git_packbuilder_insert(g->pb, target, NULL)) < 0)
				err = git_fail(rc, "packing: adding tag %s", git_reference_name(ref));
			else if (err >= 0 && (rc = git_revwalk_push_ref(walk,
								  git_reference_name(ref))) < 0 &&
				 rc != GIT_ENOTFOUND && rc != GIT_EPEEL)
				err = git_fail(rc, "packing: walking from %s", git_reference_name(ref));
		}
		git_object_free(obj);
		git_reference_free(ref);
	}
	if (err >= 0 && rc != GIT_ITEROVER && rc != 0)
		err = git_fail(rc, "packing: listing the refs");
	/* Every head main ever had stays: the history checks read them. */
	if (err >= 0 && git_reflog_read(&reflog, g->repo->git, MAIN_REF) == 0) {
		for (size_t i = 0; i < git_reflog_entrycount(reflog); i++) {
			const git_oid *id = git_reflog_entry_id_new(git_reflog_entry_byindex(reflog, i));
			git_commit *c = NULL;

			if (git_commit_lookup(&c, g->repo->git, id) == 0)
				git_revwalk_push(walk, id);
			git_commit_free(c);
		}
	}
	if (err >= 0 && (rc = git_packbuilder_insert_walk(g->pb, walk)) < 0)
		err = git_fail(rc, "packing: adding the history");
done:
	git_reflog_free(reflog);
	git_reference_iterator_free(it);
	git_revwalk_free(walk);
	return err;
}

/* Sizes of the object files and packs now, and the packs' count. */
static int gc_measure(ov_repo *repo, ov_repo_gc_stats *st, int after)
{
	gc_state g = { .repo = repo, .st = st, .removing = after };
	ov_buf path = OV_BUF_INIT;
	char **packs = NULL;
	size_t n = 0;
	int err;

	if ((err = each_loose(repo, gc_count, &g)) < 0 || (err = list_packs(&packs, &n, repo)) < 0)
		goto done;
	for (size_t i = 0; i < n && err >= 0; i++) {
		static const char *const ext[] = { ".pack", ".idx" };
		for (size_t e = 0; e < 2 && err >= 0; e++) {
			struct stat sb;

			ov_buf_clear(&path);
			if ((err = ov_buf_printf(&path, "%sobjects/pack/%s%s", repo->dir, packs[i],
						 ext[e])) >= 0 && stat(path.ptr, &sb) == 0) {
				if (after)
					st->bytes_after += (unsigned long long)sb.st_size;
				else
					st->bytes_before += (unsigned long long)sb.st_size;
			}
		}
	}
	if (after)
		st->packs_after = n;
	else
		st->packs_before = n;
done:
	free_names(packs, n);
	ov_buf_dispose(&path);
	return err;
}

/* Removes the packs listed in `old` but for `keep` (its .keep, .idx, .rev, .pack). */
static int gc_remove_packs(ov_repo *repo, char **old, size_t n, const char *keep)
{
	static const char *const ext[] = { ".idx", ".rev", ".bitmap", ".pack" };
	ov_buf path = OV_BUF_INIT;
	int err = OV_OK;

	for (size_t i = 0; i < n && err >= 0; i++) {
		if (!strcmp(old[i] + strlen("pack-"), keep))
			continue;
		/* The index first: a pack without one is ignored, one without a pack is not. */
		for (size_t e = 0; e < sizeof(ext) / sizeof(ext[0]) && err >= 0; e++) {
			ov_buf_clear(&path);
			if ((err = ov_buf_printf(&path, "%sobjects/pack/%s%s", repo->dir, old[i],
						 ext[e])) >= 0 &&
			    ov_sys_unlink(path.ptr) < 0 && errno != ENOENT)
				err = ov_error_set(OV_ERROR, "packing: removing %s: %s", path.ptr,
						   strerror(errno));
		}
	}
	ov_buf_dispose(&path);
	return err;
}

int ov_repo_gc(ov_repo *repo, int full, ov_repo_gc_stats *st)
{
	gc_state g = { .repo = repo, .st = st };
	ov_buf packdir = OV_BUF_INIT, idx = OV_BUF_INIT;
	git_refdb *refdb = NULL;
	char **old = NULL;
	size_t nold = 0;
	int rc, err;

	memset(st, 0, sizeof(*st));
	if ((err = repo_git(repo)) < 0 || (err = gc_measure(repo, st, 0)) < 0 ||
	    (err = list_packs(&old, &nold, repo)) < 0 ||
	    (err = ov_buf_printf(&packdir, "%sobjects/pack", repo->dir)) < 0)
		goto done;
	if ((rc = git_packbuilder_new(&g.pb, repo->git)) < 0) {
		err = git_fail(rc, "packing");
		goto done;
	}
	git_packbuilder_set_threads(g.pb, 1);
	if ((err = full ? gc_insert_reachable(&g) : each_loose(repo, gc_insert, &g)) < 0)
		goto done;
	st->packed = git_packbuilder_object_count(g.pb);
	if (!st->packed && !full)
		goto measured;
	/* libgit2's indexer writes the pack, then its index, each fsynced and renamed. */
	if ((rc = git_fault()) < 0 ||
	    (rc = git_packbuilder_write(g.pb, packdir.ptr, 0, NULL, NULL)) < 0) {
		err = git_fail(rc, "packing: writing the pack");
		goto done;
	}
	ov_fault_point("gc-pack-written");
	if ((err = ov_buf_printf(&idx, "%s/pack-%s.idx", packdir.ptr,
				 git_packbuilder_name(g.pb))) < 0)
		goto done;
	if ((rc = git_odb_backend_one_pack(&g.pack, idx.ptr)) < 0) {
		err = git_fail(rc, "packing: reading the new pack %s", idx.ptr);
		goto done;
	}
	if (full) {
		if ((rc = git_repository_refdb(&refdb, repo->git)) < 0 || (rc = git_fault()) < 0 ||
		    (rc = git_refdb_compress(refdb)) < 0) {
			err = git_fail(rc, "packing the refs");
			goto done;
		}
		ov_fault_point("gc-refs-packed");
		g.expire = time(NULL) - 14 * 24 * 3600;
	}
	g.removing = 1;
	if ((err = each_loose(repo, gc_remove, &g)) < 0)
		goto done;
	ov_fault_point("gc-loose-removed");
	if (full && (err = gc_remove_packs(repo, old, nold, git_packbuilder_name(g.pb))) < 0)
		goto done;
	{
		git_odb *odb = NULL;

		if (git_repository_odb(&odb, repo->git) == 0)
			git_odb_refresh(odb);
		git_odb_free(odb);
	}
measured:
	err = gc_measure(repo, st, 1);
done:
	if (g.pack)
		g.pack->free(g.pack);
	git_packbuilder_free(g.pb);
	git_refdb_free(refdb);
	free_names(old, nold);
	ov_buf_dispose(&packdir);
	ov_buf_dispose(&idx);
	/* The packs removed above are still open in repo->git: let go of them (see ov_repo_refresh). */
	if (full)
		repo_release(repo);
	return err;
}

/* --- bundles ------------------------------------------------------------------- */

/* Adds ref `name` to the bundle: its tag object (if annotated) and the history it reaches. */
static int bundle_ref(ov_buf *head, git_packbuilder *pb, git_revwalk *walk, ov_repo *repo,
		      const char *name, int first)
{
	git_reference *ref = NULL;
	git_object *obj = NULL;
	char hex[GIT_OID_HEXSZ + 1];
	int rc, err = OV_OK;

	if ((rc = git_reference_lookup(&ref, repo->git, name)) < 0 ||
	    (rc = git_object_lookup(&obj, repo->git, git_reference_target(ref), GIT_OBJECT_ANY)) < 0) {
		err = git_fail(rc, "bundle: reading %s", name);
		goto done;
	}
	if (git_object_type(obj) == GIT_OBJECT_TAG &&
	    (rc = git_packbuilder_insert(pb, git_object_id(obj), NULL)) < 0) {
		err = git_fail(rc, "bundle: adding tag %s", name);
		goto done;
	}
	if ((rc = git_revwalk_push_ref(walk, name)) < 0) {
		err = git_fail(rc, "bundle: walking from %s", name);
		goto done;
	}
	git_oid_tostr(hex, sizeof(hex), git_object_id(obj));
	err = ov_buf_printf(head, "%s %s\n", hex, name);
	if (err >= 0 && first) {
		git_object *peeled = NULL;

		if ((rc = git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT)) < 0) {
			err = git_fail(rc, "bundle: %s names no commit", name);
			goto done;
		}
		git_oid_tostr(hex, sizeof(hex), git_object_id(peeled));
		git_object_free(peeled);
		err = ov_buf_printf(head, "%s HEAD\n", hex);
	}
done:
	git_object_free(obj);
	git_reference_free(ref);
	return err;
}

int ov_repo_bundle(ov_buf *out, ov_repo *repo, const char *const *refs, size_t n)
{
	git_packbuilder *pb = NULL;
	git_revwalk *walk = NULL;
	git_buf pack = { 0 };
	ov_buf head = OV_BUF_INIT;
	int rc, err = OV_OK;

	if ((rc = git_packbuilder_new(&pb, repo->git)) < 0 ||
	    (rc = git_revwalk_new(&walk, repo->git)) < 0) {
		err = git_fail(rc, "bundle: starting the pack");
		goto done;
	}
	git_packbuilder_set_threads(pb, 1);
	if ((err = ov_buf_puts(&head, "# v2 git bundle\n")) < 0)
		goto done;
	for (size_t i = 0; i < n; i++)
		if ((err = bundle_ref(&head, pb, walk, repo, refs[i], i == 0)) < 0)
			goto done;
	if ((rc = git_packbuilder_insert_walk(pb, walk)) < 0 ||
	    (rc = git_packbuilder_write_buf(&pack, pb)) < 0) {
		err = git_fail(rc, "bundle: writing the pack");
		goto done;
	}
	if ((err = ov_buf_puts(&head, "\n")) < 0 ||
	    (err = ov_buf_put(out, head.ptr, head.size)) < 0 ||
	    (err = ov_buf_put(out, pack.ptr, pack.size)) < 0)
		goto done;
done:
	git_buf_dispose(&pack);
	ov_buf_dispose(&head);
	git_revwalk_free(walk);
	git_packbuilder_free(pb);
	return err;
}
