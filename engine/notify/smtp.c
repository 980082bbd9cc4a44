/*
 * smtp.c - sending a message through libcurl's SMTP (see notify.h).
 *
 * Settings: smtp.url (smtp://host:port, STARTTLS when the server offers
 * it, required when credentials are given; or smtps://host:465) and
 * smtp.from (the sender, "address" or "Name <address>").  Credentials never
 * come from the command line: the file named by smtp.credentials-file (the
 * user name on its first line, the password on the second; refused when
 * group or others may read it), else the environment variables
 * OVERENS_SMTP_USER and OVERENS_SMTP_PASSWORD.  One curl handle serves a
 * whole run, so the connection is reused between mails.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <curl/curl.h>

#include "overens/error.h"
#include "engine/notify/curl_lazy.h"
#include "engine/notify/notify.h"

struct ov_smtp {
	CURL *curl;
	char *url, *from, *from_addr, *user, *password;
};

/*
 * The user and password (`user`, `password`) as s->user and s->password:
 * OV_ENOMEM when either copy fails, so a mail never goes out without the
 * login (and the TLS it requires) that the credentials ask for.
 */
static int set_login(ov_smtp *s, const char *user, const char *password)
{
	s->user = strdup(user);
	s->password = strdup(password);
	return s->user && s->password ? OV_OK : ov_error_set(OV_ENOMEM, "out of memory");
}

/* Up to `max` bytes of the open file `fd` into b (NUL-terminated). */
static int read_fd(ov_buf *b, int fd, size_t max, const char *path)
{
	char chunk[512];
	ssize_t got;
	int err = OV_OK;

	while (err >= 0 && (got = read(fd, chunk, sizeof(chunk))) != 0) {
		if (got < 0 && errno != EINTR)
			err = ov_error_set(OV_EINVALID, "smtp.credentials-file %s: %s", path,
					   strerror(errno));
		else if (got > 0 && b->size + (size_t)got > max)
			err = ov_error_set(OV_EINVALID, "smtp.credentials-file %s: more than %zu "
					   "bytes", path, max);
		else if (got > 0)
			err = ov_buf_put(b, chunk, (size_t)got);
	}
	explicit_bzero(chunk, sizeof(chunk));
	return err < 0 ? err : ov_buf_puts(b, "");
}

/* The user name on the first line of b, the password on the second. */
static int parse_credentials(ov_smtp *s, ov_buf *b, const char *path)
{
	char *nl = b->ptr ? strchr(b->ptr, '\n') : NULL;

	if (!nl)
		return ov_error_set(OV_EINVALID, "smtp.credentials-file %s: the user name on the "
				    "first line, the password on the second", path);
	*nl = '\0';
	nl[strcspn(nl + 1, "\r\n") + 1] = '\0';
	return set_login(s, b->ptr, nl + 1);
}

/*
 * The credentials file: at most 4 KiB, a regular file only its owner may
 * read, not a symbolic link.  The mode is checked on the descriptor that is
 * then read, so what is read is the file that was checked.
 */
static int read_credentials(ov_smtp *s, const char *path)
{
	ov_buf b = OV_BUF_INIT;
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW), err = OV_OK;

	if (fd < 0)
		return ov_error_set(OV_EINVALID, "smtp.credentials-file %s: %s", path,
				    strerror(errno));
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size > 4096)
		err = ov_error_set(OV_EINVALID, "smtp.credentials-file %s: not a regular file of "
				   "at most 4096 bytes", path);
	else if (st.st_mode & 077)
		err = ov_error_set(OV_EINVALID, "smtp.credentials-file %s may be read by others "
				   "(mode %03o): chmod 600 %s", path, (unsigned)(st.st_mode & 0777),
				   path);
	if (err >= 0 && (err = read_fd(&b, fd, 4096, path)) >= 0)
		err = parse_credentials(s, &b, path);
	close(fd);
	if (b.ptr)
		explicit_bzero(b.ptr, b.asize);
	ov_buf_dispose(&b);
	return err;
}

static int read_settings(ov_smtp *s, ov_workspace *ws)
{
	char *cred = NULL;
	const char *u = getenv("OVERENS_SMTP_USER"), *p = getenv("OVERENS_SMTP_PASSWORD");
	int err;

	if ((err = ov_config_get(&s->url, ws, "smtp.url")) < 0 ||
	    (err = ov_config_get(&s->from, ws, "smtp.from")) < 0 ||
	    (err = ov_config_get(&cred, ws, "smtp.credentials-file")) < 0)
		goto done;
	if (!s->url) {
		err = ov_error_set(OV_EINVALID, "the setting smtp.url is not set: set it to the mail "
				   "server, e.g. overens config smtp.url smtp://mail.example.se:587");
		goto done;
	}
	if (strncasecmp(s->url, "smtp://", 7) && strncasecmp(s->url, "smtps://", 8)) {
		err = ov_error_set(OV_EINVALID, "the setting smtp.url is '%s': it must start with "
				   "smtp:// or smtps://", s->url);
		goto done;
	}
	if (!s->from) {
		err = ov_error_set(OV_EINVALID, "the setting smtp.from is not set: overens config "
				   "smtp.from \"Överens <noreply@example.se>\"");
		goto done;
	}
	if ((err = ov_mail_address(&s->from_addr, s->from, "smtp.from")) < 0)
		goto done;
	if (cred)
		err = read_credentials(s, cred);
	else if (u && *u)
		err = set_login(s, u, p ? p : "");
done:
	free(cred);
	return err;
}

int ov_smtp_open(ov_smtp **out, ov_workspace *ws)
{
	ov_smtp *s = calloc(1, sizeof(*s));
	int err;

	*out = NULL;
	if (!s)
		return ov_error_set(OV_ENOMEM, "out of memory");
	if ((err = read_settings(s, ws)) < 0)
		goto fail;
	if ((err = ov_curl_load()) < 0)
		goto fail;
	if (!(s->curl = curl_easy_init())) {
		err = ov_error_set(OV_ERROR, "cannot start libcurl");
		goto fail;
	}
	*out = s;
	return OV_OK;
fail:
	ov_smtp_free(s);
	return err;
}

const char *ov_smtp_from(const ov_smtp *s)
{
	return s->from;
}

typedef struct upload {
	const ov_buf *msg;
	size_t at;
} upload;

static size_t read_cb(char *buf, size_t size, size_t n, void *payload)
{
	upload *u = payload;
	size_t left = u->msg->size - u->at, want = size * n;

	if (want > left)
		want = left;
	memcpy(buf, u->msg->ptr + u->at, want);
	u->at += want;
	return want;
}

static void set_options(ov_smtp *s, struct curl_slist *rcpt, upload *u, char *errbuf)
{
	CURL *c = s->curl;
	char from[512];

	snprintf(from, sizeof(from), "<%s>", s->from_addr);
	curl_easy_reset(c);
	curl_easy_setopt(c, CURLOPT_URL, s->url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(c, CURLOPT_READDATA, u);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)u->msg->size);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 30L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 120L);
	/* A password never travels in clear: with credentials, STARTTLS is a must. */
	curl_easy_setopt(c, CURLOPT_USE_SSL, s->user ? (long)CURLUSESSL_ALL : (long)CURLUSESSL_TRY);
	if (s->user) {
		curl_easy_setopt(c, CURLOPT_USERNAME, s->user);
		curl_easy_setopt(c, CURLOPT_PASSWORD, s->password ? s->password : "");
	}
}

int ov_smtp_send(ov_smtp *s, const char *rcpt, const ov_buf *msg)
{
	struct curl_slist *list = NULL;
	char errbuf[CURL_ERROR_SIZE] = "", to[512];
	upload u = { msg, 0 };
	CURLcode rc;

	snprintf(to, sizeof(to), "<%s>", rcpt);
	if (!(list = curl_slist_append(NULL, to)))
		return ov_error_set(OV_ENOMEM, "out of memory");
	set_options(s, list, &u, errbuf);
	rc = curl_easy_perform(s->curl);
	curl_slist_free_all(list);
	if (rc != CURLE_OK)
		return ov_error_set(OV_ERROR, "mail to %s through %s failed: %s", rcpt, s->url,
				    *errbuf ? errbuf : curl_easy_strerror(rc));
	return OV_OK;
}

void ov_smtp_free(ov_smtp *s)
{
	if (!s)
		return;
	if (s->curl)
		curl_easy_cleanup(s->curl);
	if (s->password)
		explicit_bzero(s->password, strlen(s->password));
	free(s->password);
	free(s->user);
	free(s->url);
	free(s->from);
	free(s->from_addr);
	free(s);
}
