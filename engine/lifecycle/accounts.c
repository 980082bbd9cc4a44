/*
 * accounts.c - passwords and calendar tokens of registered people
 * (overens/account.h), kept in the private file DIR/accounts through the
 * store's door (ov_ws_private_read, ov_ws_private_update): never in git.
 *
 * The file is text, one credential a line, "<email> <kind>$<data>":
 *
 *   asa@example.se scrypt$15$8$1$<salt b64>$<key b64>   password
 *   asa@example.se calendar$<sha256 hex>                calendar token
 *
 * at most one line per person and kind; lines of another kind are kept as
 * they are.  A password line carries its own parameters (log2 N, r, p), so
 * a later change of the defaults still checks the old lines.  Checking a
 * password always runs one scrypt, with dummy parameters when the address
 * has no password, so the time taken does not tell whether it has one.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "overens/lazy_crypto.h"

#include "overens/account.h"
#include "overens/error.h"
#include "engine/lifecycle/accounts.h"
#include "engine/lifecycle/people.h"

#define ACCOUNTS_FILE "accounts"
#define PW_KIND "scrypt$"
#define CAL_KIND "calendar$"
#define SCRYPT_LOG2N 15
#define SCRYPT_R 8
#define SCRYPT_P 1
#define SALT_LEN 16
#define KEY_LEN 32
#define KEY_MAX 64
#define SCRYPT_MAXMEM ((uint64_t)256 << 20)
#define TOKEN_BYTES 32
#define TOKEN_MAX 128

/* A password line's parameters, salt and key. */
typedef struct pw_line {
	int log2n, r, p;
	unsigned char salt[KEY_MAX], key[KEY_MAX];
	size_t saltlen, keylen;
} pw_line;

void ov_accounts_wipe(ov_buf *b)
{
	if (b->ptr)
		OPENSSL_cleanse(b->ptr, b->asize);
	ov_buf_dispose(b);
}

int ov_accounts_read(ov_buf *out, ov_workspace *ws)
{
	int err = ov_ws_private_read(out, ws, ACCOUNTS_FILE);

	if (err == OV_ENOTFOUND) {
		ov_error_clear();
		return ov_buf_puts(out, "");
	}
	return err;
}

/* --- lines --------------------------------------------------------------- */

/* The next line of *p (without its newline) in *line and *len; 0 at the end. */
static int next_line(const char **p, const char **line, size_t *len)
{
	const char *nl;

	if (!*p || !**p)
		return 0;
	nl = strchr(*p, '\n');
	*line = *p;
	*len = nl ? (size_t)(nl - *p) : strlen(*p);
	*p = nl ? nl + 1 : *p + *len;
	return 1;
}

/* The data after "<email> <kind>" when the line is `email`'s of that kind, else NULL. */
static const char *line_data(const char *line, size_t len, const char *email, const char *kind,
			     size_t *datalen)
{
	size_t e = strlen(email), k = strlen(kind);

	if (len < e + 1 + k || memcmp(line, email, e) || line[e] != ' ' ||
	    memcmp(line + e + 1, kind, k))
		return NULL;
	*datalen = len - e - 1 - k;
	return line + e + 1 + k;
}

/* `email`'s data of `kind` in `content`, or NULL. */
static const char *find_data(const char *content, const char *email, const char *kind,
			     size_t *datalen)
{
	const char *p = content, *line, *data;
	size_t len;

	while (next_line(&p, &line, &len))
		if ((data = line_data(line, len, email, kind, datalen)))
			return data;
	return NULL;
}

int ov_accounts_has_password(const char *content, const char *email)
{
	size_t len;

	return content && email && find_data(content, email, PW_KIND, &len) != NULL;
}

/* A change of the file: `email`'s line of `kind` replaced by `line` (NULL: removed). */
typedef struct acct_edit {
	const char *email, *kind, *line;
	int found;
} acct_edit;

static int edit_fn(ov_buf *content, void *payload)
{
	acct_edit *ed = payload;
	ov_buf out = OV_BUF_INIT;
	const char *p = content->ptr, *line, *data;
	size_t len, dlen;
	int err = ov_buf_puts(&out, "");

	while (err >= 0 && next_line(&p, &line, &len)) {
		if ((data = line_data(line, len, ed->email, ed->kind, &dlen))) {
			ed->found = 1;
			continue;
		}
		if (len && (err = ov_buf_put(&out, line, len)) >= 0)
			err = ov_buf_putc(&out, '\n');
	}
	if (err >= 0 && ed->line)
		err = ov_buf_printf(&out, "%s %s\n", ed->email, ed->line);
	if (err >= 0 && !ed->line && !ed->found)
		err = 1;   /* nothing to remove: leave the file as it is */
	if (err == OV_OK) {
		ov_buf old = *content;
		*content = out;
		out = old;
	}
	ov_accounts_wipe(&out);
	return err;
}

static int edit(ov_workspace *ws, acct_edit *ed)
{
	return ov_ws_private_update(ws, ACCOUNTS_FILE, edit_fn, ed);
}

/* --- people -------------------------------------------------------------- */

/* OV_EINVALID unless `email` is an address that can stand in a line. */
static int check_address(const char *email)
{
	int err;

	if ((err = ov_check_email(email, "account")) < 0)
		return err;
	for (const char *c = email; *c; c++)
		if ((unsigned char)*c <= ' ')
			return ov_error_set(OV_EINVALID, "account: '%s' is not an e-mail address",
					    email);
	return OV_OK;
}

/* 1 when people/<email>.xml is in git's main, 0 when not, or an error. */
static int registered(ov_workspace *ws, const char *email)
{
	ov_buf path = OV_BUF_INIT, data = OV_BUF_INIT;
	int err;

	if ((err = ov_buf_printf(&path, "people/%s.xml", email)) >= 0)
		err = ov_ws_read(&data, ws, NULL, path.ptr);
	ov_buf_dispose(&path);
	ov_buf_dispose(&data);
	if (err == OV_ENOTFOUND) {
		ov_error_clear();
		return 0;
	}
	return err < 0 ? err : 1;
}

/* A valid address of a registered person, else OV_EINVALID or OV_ENOTFOUND. */
static int check_person(ov_workspace *ws, const char *email)
{
	int err;

	if ((err = check_address(email)) < 0 || (err = registered(ws, email)) < 0)
		return err;
	if (!err)
		return ov_error_set(OV_ENOTFOUND, "nobody is registered as %s (overens person add)",
				    email);
	return OV_OK;
}

/* --- base64 -------------------------------------------------------------- */

/* Standard base64 with padding, NUL-terminated; `out` holds 4 * ceil(n / 3) + 1. */
static void b64(char *out, const unsigned char *in, size_t n)
{
	EVP_EncodeBlock((unsigned char *)out, in, (int)n);
}

/* Decodes `len` characters of standard base64 into at most KEY_MAX bytes; -1 if malformed. */
static int unb64(unsigned char out[KEY_MAX], size_t *outlen, const char *in, size_t len)
{
	unsigned char tmp[KEY_MAX + 3];
	int n;

	if (!len || len % 4 || len / 4 * 3 > sizeof(tmp))
		return -1;
	n = EVP_DecodeBlock(tmp, (const unsigned char *)in, (int)len);
	if (n < 0)
		return -1;
	n -= (in[len - 1] == '=') + (in[len - 2] == '=');
	if (n <= 0 || n > KEY_MAX)
		return -1;
	memcpy(out, tmp, (size_t)n);
	*outlen = (size_t)n;
	return 0;
}

/* --- passwords ----------------------------------------------------------- */

static int derive(pw_line *pl, unsigned char key[KEY_MAX], const char *password)
{
	if (EVP_PBE_scrypt(password, strlen(password), pl->salt, pl->saltlen,
			   (uint64_t)1 << pl->log2n, (uint64_t)pl->r, (uint64_t)pl->p,
			   SCRYPT_MAXMEM, key, pl->keylen) != 1)
		return ov_error_set(OV_ERROR, "account: scrypt failed (N=2^%d r=%d p=%d)",
				    pl->log2n, pl->r, pl->p);
	return OV_OK;
}

/* Reads a number in [lo, hi] ending in '$'; -1 when there is none. */
static int param(const char **p, const char *end, int lo, int hi)
{
	int v = 0, digits = 0;

	for (; *p < end && **p >= '0' && **p <= '9' && digits < 3; (*p)++, digits++)
		v = v * 10 + (**p - '0');
	if (!digits || *p >= end || **p != '$' || v < lo || v > hi)
		return -1;
	(*p)++;
	return v;
}

/* Parses "15$8$1$<salt>$<key>" (a password line's data); -1 when malformed. */
static int parse_pw(pw_line *pl, const char *data, size_t len)
{
	const char *p = data, *end = data + len, *dollar;

	if ((pl->log2n = param(&p, end, 10, 20)) < 0 || (pl->r = param(&p, end, 1, 32)) < 0 ||
	    (pl->p = param(&p, end, 1, 16)) < 0)
		return -1;
	dollar = memchr(p, '$', (size_t)(end - p));
	if (!dollar || unb64(pl->salt, &pl->saltlen, p, (size_t)(dollar - p)) < 0 ||
	    unb64(pl->key, &pl->keylen, dollar + 1, (size_t)(end - dollar - 1)) < 0 ||
	    pl->keylen < 16)
		return -1;
	return 0;
}

/* The line for a new password: fresh salt, today's parameters. */
static int new_pw_line(ov_buf *out, const char *password)
{
	pw_line pl = { .log2n = SCRYPT_LOG2N, .r = SCRYPT_R, .p = SCRYPT_P,
		       .saltlen = SALT_LEN, .keylen = KEY_LEN };
	unsigned char key[KEY_MAX];
	char salt64[4 * ((SALT_LEN + 2) / 3) + 1], key64[4 * ((KEY_LEN + 2) / 3) + 1];
	int err;

	if (RAND_bytes(pl.salt, SALT_LEN) != 1)
		return ov_error_set(OV_ERROR, "account: no random bytes for a salt");
	if ((err = derive(&pl, key, password)) < 0)
		return err;
	b64(salt64, pl.salt, SALT_LEN);
	b64(key64, key, KEY_LEN);
	err = ov_buf_printf(out, PW_KIND "%d$%d$%d$%s$%s", pl.log2n, pl.r, pl.p, salt64, key64);
	OPENSSL_cleanse(key, sizeof(key));
	OPENSSL_cleanse(key64, sizeof(key64));
	return err;
}

int ov_account_set_password(ov_workspace *ws, const char *email, const char *password)
{
	ov_buf line = OV_BUF_INIT;
	acct_edit ed = { .email = email, .kind = PW_KIND };
	size_t n = password ? strlen(password) : 0;
	int err;

	if ((err = check_person(ws, email)) < 0)
		return err;
	if (n < OV_PASSWORD_MIN || n > OV_PASSWORD_MAX)
		return ov_error_set(OV_EINVALID,
			"the password of %s must be %d to %d bytes long, not %zu", email,
			OV_PASSWORD_MIN, OV_PASSWORD_MAX, n);
	if ((err = new_pw_line(&line, password)) >= 0) {
		ed.line = line.ptr;
		err = edit(ws, &ed);
	}
	ov_accounts_wipe(&line);
	return err;
}

/* Finds `email`'s password line in the accounts file; 1 when there is a usable one. */
static int stored_pw(pw_line *pl, ov_workspace *ws, const char *email)
{
	ov_buf content = OV_BUF_INIT;
	const char *data;
	size_t len;
	int err, found = 0;

	if ((err = ov_accounts_read(&content, ws)) < 0)
		return err;
	if (check_address(email) == 0 && (data = find_data(content.ptr, email, PW_KIND, &len)))
		found = parse_pw(pl, data, len) == 0;
	ov_error_clear();
	ov_accounts_wipe(&content);
	return found;
}

int ov_account_check_password(ov_workspace *ws, const char *email, const char *password)
{
	/* Without a usable line: today's parameters and a key nothing derives to. */
	pw_line pl = { .log2n = SCRYPT_LOG2N, .r = SCRYPT_R, .p = SCRYPT_P,
		       .saltlen = SALT_LEN, .keylen = KEY_LEN };
	unsigned char key[KEY_MAX];
	size_t n = password ? strlen(password) : 0;
	int have, err, same;

	if ((have = stored_pw(&pl, ws, email ? email : "")) < 0)
		return have;
	if (n > OV_PASSWORD_MAX) {
		have = 0;
		password = "";
	}
	if ((err = derive(&pl, key, password ? password : "")) < 0)
		return err;
	same = CRYPTO_memcmp(key, pl.key, pl.keylen) == 0;
	OPENSSL_cleanse(key, sizeof(key));
	OPENSSL_cleanse(&pl, sizeof(pl));
	if (have && same && (err = registered(ws, email)) != 0)
		return err < 0 ? err : OV_OK;
	return ov_error_set(OV_EDENIED, "wrong e-mail address or password");
}

int ov_account_remove_password(ov_workspace *ws, const char *email)
{
	acct_edit ed = { .email = email, .kind = PW_KIND };
	int err;

	if ((err = check_address(email)) < 0 || (err = edit(ws, &ed)) < 0)
		return err;
	if (!ed.found)
		return ov_error_set(OV_ENOTFOUND, "%s has no password", email);
	return OV_OK;
}

int ov_account_has_password(int *out, ov_workspace *ws, const char *email)
{
	ov_buf content = OV_BUF_INIT;
	int err;

	*out = 0;
	if ((err = check_address(email)) < 0 || (err = ov_accounts_read(&content, ws)) < 0)
		return err;
	*out = ov_accounts_has_password(content.ptr, email);
	ov_accounts_wipe(&content);
	return OV_OK;
}

/* --- calendar tokens ----------------------------------------------------- */

/* SHA-256 of `token` in lower-case hex. */
static int token_digest(char hex[65], const char *token)
{
	static const char digits[] = "0123456789abcdef";
	unsigned char md[32];
	unsigned int mdlen = 0;

	if (EVP_Digest(token, strlen(token), md, &mdlen, EVP_sha256(), NULL) != 1 || mdlen != 32)
		return ov_error_set(OV_ERROR, "account: SHA-256 failed");
	for (unsigned int i = 0; i < 32; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 15];
	}
	hex[64] = '\0';
	return OV_OK;
}

/* A new token: 32 random bytes as base64url without padding. */
static int new_token(char out[44])
{
	unsigned char raw[TOKEN_BYTES];
	char b[4 * ((TOKEN_BYTES + 2) / 3) + 1];
	size_t i;

	if (RAND_bytes(raw, sizeof(raw)) != 1)
		return ov_error_set(OV_ERROR, "account: no random bytes for a token");
	b64(b, raw, sizeof(raw));
	for (i = 0; b[i] && b[i] != '='; i++)
		out[i] = b[i] == '+' ? '-' : b[i] == '/' ? '_' : b[i];
	out[i] = '\0';
	OPENSSL_cleanse(raw, sizeof(raw));
	OPENSSL_cleanse(b, sizeof(b));
	return OV_OK;
}

int ov_calendar_token_new(char **out_token, ov_workspace *ws, const char *email)
{
	char token[44], hex[65], line[sizeof(CAL_KIND) + 64];
	acct_edit ed = { .email = email, .kind = CAL_KIND, .line = line };
	int err;

	*out_token = NULL;
	if ((err = check_person(ws, email)) < 0 || (err = new_token(token)) < 0 ||
	    (err = token_digest(hex, token)) < 0)
		return err;
	memcpy(line, CAL_KIND, sizeof(CAL_KIND) - 1);
	memcpy(line + sizeof(CAL_KIND) - 1, hex, 65);
	if ((err = edit(ws, &ed)) >= 0 && !(*out_token = strdup(token)))
		err = ov_error_set(OV_ENOMEM, "out of memory");
	OPENSSL_cleanse(token, sizeof(token));
	return err;
}

int ov_calendar_token_revoke(ov_workspace *ws, const char *email)
{
	acct_edit ed = { .email = email, .kind = CAL_KIND };
	int err;

	if ((err = check_address(email)) < 0 || (err = edit(ws, &ed)) < 0)
		return err;
	if (!ed.found)
		return ov_error_set(OV_ENOTFOUND, "%s has no calendar address", email);
	return OV_OK;
}

/* The address of the line whose calendar digest is `hex` (every line compared), or NULL. */
static char *digest_owner(const char *content, const char *hex)
{
	const char *p = content, *line, *sp;
	char *owner = NULL;
	size_t len, k = strlen(CAL_KIND);

	while (next_line(&p, &line, &len)) {
		sp = memchr(line, ' ', len);
		if (!sp || (size_t)(line + len - sp) != 1 + k + 64 || memcmp(sp + 1, CAL_KIND, k))
			continue;
		if (CRYPTO_memcmp(sp + 1 + k, hex, 64) == 0 && !owner)
			owner = strndup(line, (size_t)(sp - line));
	}
	return owner;
}

int ov_calendar_token_owner(char **out_email, ov_workspace *ws, const char *token)
{
	ov_buf content = OV_BUF_INIT;
	char hex[65], *owner = NULL;
	int err;

	*out_email = NULL;
	if (!token || !*token || strlen(token) > TOKEN_MAX)
		return ov_error_set(OV_ENOTFOUND, "no such calendar address");
	if ((err = token_digest(hex, token)) < 0 || (err = ov_accounts_read(&content, ws)) < 0)
		return err;
	owner = digest_owner(content.ptr, hex);
	ov_accounts_wipe(&content);
	if (owner && check_address(owner) == 0 && (err = registered(ws, owner)) > 0) {
		*out_email = owner;
		return OV_OK;
	}
	free(owner);
	if (err < 0)
		return err;
	ov_error_clear();
	return ov_error_set(OV_ENOTFOUND, "no such calendar address");
}

int ov_account_random_password(char *out, size_t size)
{
	/* No look-alikes (0/O, 1/l/I): the password is read off a screen. */
	static const char abc[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	const size_t len = 16, nabc = sizeof(abc) - 1, limit = 256 - 256 % (sizeof(abc) - 1);
	unsigned char raw[64];
	size_t o = 0;

	if (size < len + 1)
		return ov_error_set(OV_EINVALID, "a password needs %zu bytes", len + 1);
	while (o < len) {
		if (RAND_bytes(raw, sizeof(raw)) != 1)
			return ov_error_set(OV_ERROR, "no random bytes for a password");
		for (size_t i = 0; i < sizeof(raw) && o < len; i++)
			if (raw[i] < limit) /* no bias towards the first letters */
				out[o++] = abc[raw[i] % nabc];
	}
	out[len] = '\0';
	OPENSSL_cleanse(raw, sizeof(raw));
	return OV_OK;
}
