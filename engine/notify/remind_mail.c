/*
 * remind_mail.c - a reminder's text, in Swedish, and the message SMTP sends
 * (see notify.h).
 *
 * The subject names the date, what falls due and the agreement; the body
 * says for each thing the date, what it is and what to do, then where to
 * find the agreement (the web page /avtal/ID, with the setting web.url in
 * front when it is set, and `overens status ID`).  The message is plain
 * text in UTF-8; the subject is written as RFC 2047 encoded words and the
 * body in base64, so no line is long and no server needs 8BITMIME.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "overens/lazy_crypto.h"

#include "overens/error.h"
#include "engine/notify/notify.h"

/* The labels of the items, joined with "; ". */
static int subject_of(ov_buf *out, const ov_reminder *m, const char *today)
{
	const char *date = today;
	int err;

	for (size_t i = 0; i < m->nitems; i++)
		if (!m->items[i].party)
			date = m->date;
	err = ov_buf_printf(out, "Påminnelse %s: ", date);

	for (size_t i = 0; i < m->nitems && err >= 0; i++)
		err = ov_buf_printf(out, "%s%s", i ? "; " : "", m->items[i].label);
	if (err >= 0)
		err = ov_buf_printf(out, " – %s %s", m->agreement, m->title);
	return err;
}

static int body_of(ov_buf *out, const ov_reminder *m, const char *web_url)
{
	size_t ul = web_url ? strlen(web_url) : 0;
	int err = ov_buf_printf(out, "Hej!\n\nDet här är en påminnelse från Överens om avtal %s, "
				"\"%s\".\n", m->agreement, m->title);

	for (size_t i = 0; i < m->nitems && err >= 0; i++)
		err = ov_buf_printf(out, "\n%s: %s\n%s\n", m->items[i].date, m->items[i].label,
				    m->items[i].action);
	if (err >= 0)
		err = ov_buf_printf(out, "\nAvtalet i webben: %.*s/avtal/%s\n"
				    "På kommandoraden: overens status %s\n",
				    (int)(ul && web_url[ul - 1] == '/' ? ul - 1 : ul),
				    web_url ? web_url : "", m->agreement, m->agreement);
	if (err >= 0)
		err = ov_buf_puts(out, "\nDu får brevet eftersom avtalets arbetsflöde anger dig som "
				  "mottagare av påminnelser om det här avtalet. Samma påminnelse "
				  "skickas bara en gång.\n\n-- \nÖverens (overens remind)\n");
	return err;
}

int ov_remind_compose(ov_reminder *m, const char *today, const char *web_url)
{
	ov_buf s = OV_BUF_INIT, b = OV_BUF_INIT;
	int err;

	if ((err = subject_of(&s, m, today)) >= 0 && (err = body_of(&b, m, web_url)) >= 0) {
		free(m->subject);
		free(m->body);
		m->subject = ov_buf_detach(&s);
		m->body = ov_buf_detach(&b);
		if (!m->subject || !m->body)
			err = ov_error_set(OV_ENOMEM, "out of memory");
	}
	ov_buf_dispose(&s);
	ov_buf_dispose(&b);
	return err;
}

/* --- the message ------------------------------------------------------------- */

static int is_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

/* `len` bytes as base64 (standard, padded). */
static int put_base64(ov_buf *out, const char *s, size_t len)
{
	size_t need = 4 * ((len + 2) / 3) + 1;
	int err;

	if ((err = ov_buf_grow(out, out->size + need)) < 0)
		return err;
	EVP_EncodeBlock((unsigned char *)out->ptr + out->size, (const unsigned char *)s, (int)len);
	out->size += need - 1;
	out->ptr[out->size] = '\0';
	return OV_OK;
}

/*
 * `text` as RFC 2047 "B" words of at most 45 bytes each (split at
 * character boundaries), folded onto continuation lines.
 */
static int put_words(ov_buf *out, const char *text)
{
	size_t len = strlen(text), at = 0;
	int err = OV_OK;

	while (at < len && err >= 0) {
		size_t n = len - at > 45 ? 45 : len - at;
		while (n > 1 && at + n < len && ((unsigned char)text[at + n] & 0xC0) == 0x80)
			n--;
		if ((err = ov_buf_puts(out, at ? "\r\n =?UTF-8?B?" : "=?UTF-8?B?")) >= 0 &&
		    (err = put_base64(out, text + at, n)) >= 0)
			err = ov_buf_puts(out, "?=");
		at += n;
	}
	return err;
}

/* "From:" as smtp.from gives it; a non-ASCII display name as an encoded word. */
static int put_from(ov_buf *out, const char *from)
{
	const char *lt = strchr(from, '<');
	ov_buf name = OV_BUF_INIT;
	int err;

	if (is_ascii(from) || !lt)
		return ov_buf_printf(out, "From: %s\r\n", from);
	if ((err = ov_buf_put(&name, from, (size_t)(lt - from))) >= 0) {
		while (name.size && name.ptr[name.size - 1] == ' ')
			name.ptr[--name.size] = '\0';
		if ((err = ov_buf_puts(out, "From: ")) >= 0 && (err = put_words(out, name.ptr)) >= 0)
			err = ov_buf_printf(out, " %s\r\n", lt);
	}
	ov_buf_dispose(&name);
	return err;
}

/* The body: LF made CRLF, then base64 in lines of 76. */
static int put_body(ov_buf *out, const char *body)
{
	ov_buf crlf = OV_BUF_INIT, b64 = OV_BUF_INIT;
	int err = OV_OK;

	for (const char *p = body; *p && err >= 0; p++)
		err = *p == '\n' ? ov_buf_puts(&crlf, "\r\n") : ov_buf_putc(&crlf, *p);
	if (err >= 0)
		err = put_base64(&b64, crlf.ptr ? crlf.ptr : "", crlf.size);
	for (size_t at = 0; at < b64.size && err >= 0; at += 76) {
		size_t n = b64.size - at > 76 ? 76 : b64.size - at;
		if ((err = ov_buf_put(out, b64.ptr + at, n)) >= 0)
			err = ov_buf_puts(out, "\r\n");
	}
	ov_buf_dispose(&crlf);
	ov_buf_dispose(&b64);
	return err;
}

/* Date: in Swedish time, RFC 5322 form. */
static int put_date(ov_buf *out, long long now)
{
	static const char *const days[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	int off = ov_sweden_offset(now);
	time_t t = (time_t)(now + off * 60);
	struct tm tm;

	if (!gmtime_r(&t, &tm))
		return ov_error_set(OV_EINVALID, "time %lld cannot be written", now);
	return ov_buf_printf(out, "Date: %s, %d %s %d %02d:%02d:%02d +%02d%02d\r\n",
			     days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900,
			     tm.tm_hour, tm.tm_min, tm.tm_sec, off / 60, off % 60);
}

int ov_remind_message(ov_buf *out, const ov_reminder *m, const char *from, long long now)
{
	char *addr = NULL;
	const char *domain;
	int err;

	if ((err = ov_mail_address(&addr, from, "smtp.from")) < 0)
		return err;
	domain = strchr(addr, '@') + 1;
	if ((err = put_from(out, from)) >= 0 && (err = ov_buf_printf(out, "To: %s\r\n", m->to)) >= 0 &&
	    (err = ov_buf_puts(out, "Subject: ")) >= 0 && (err = put_words(out, m->subject)) >= 0 &&
	    (err = ov_buf_puts(out, "\r\n")) >= 0 && (err = put_date(out, now)) >= 0)
		err = ov_buf_printf(out, "Message-ID: <remind.%s.%s.%lld.%ld@%s>\r\n"
				    "MIME-Version: 1.0\r\n"
				    "Content-Type: text/plain; charset=UTF-8\r\n"
				    "Content-Transfer-Encoding: base64\r\n"
				    "Auto-Submitted: auto-generated\r\n"
				    "X-Overens-Agreement: %s\r\n\r\n",
				    m->agreement, m->date, now, (long)getpid(), domain, m->agreement);
	if (err >= 0)
		err = put_body(out, m->body);
	free(addr);
	return err;
}

/* 1 when `s` (of `n` bytes) can be an address: printable ASCII, one '@', no specials. */
static int address_ok(const char *s, size_t n)
{
	const char *at = memchr(s, '@', n);

	if (!n || !at || at == s || at == s + n - 1 || memchr(at + 1, '@', (size_t)(s + n - at - 1)))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] <= ' ' || s[i] >= 0x7f || strchr("<>,;:\\\"()[]", s[i]))
			return 0;
	return 1;
}

int ov_mail_address(char **out, const char *s, const char *what)
{
	const char *lt = s ? strchr(s, '<') : NULL, *gt = lt ? strchr(lt, '>') : NULL;
	const char *a = lt ? lt + 1 : s;
	size_t n = lt ? (gt ? (size_t)(gt - a) : 0) : (s ? strlen(s) : 0);

	*out = NULL;
	for (const char *c = s; c && *c; c++)
		if ((unsigned char)*c < ' ' || *c == 0x7f)
			lt = gt = a = NULL, n = 0;
	if (!s || !a || (lt && (!gt || gt[1])) || !address_ok(a, n))
		return ov_error_set(OV_EINVALID, "%s '%s' is no e-mail address (address@example.se "
				    "or Name <address@example.se>)", what, s ? s : "");
	if (!(*out = strndup(a, n)))
		return ov_error_set(OV_ENOMEM, "out of memory");
	return OV_OK;
}
