/*
 * remind.c - `overens remind`: plans the reminders, sends them and records
 * each one sent (see overens/remind.h).
 *
 *   hold DIR/reminders.lock ──► read DIR/reminders (the records)
 *        │
 *        ▼
 *   plan: due dates and waiting steps, minus what is recorded
 *        │
 *        ▼
 *   for each mail: send ──► ok: append its records to DIR/reminders
 *        │                  (ov_ws_private_update: under the workspace
 *        │                  lock, a new file renamed into place)
 *        │             └──► failed: keep the error, record it as failed
 *        ▼
 *   let go of the hold
 *
 * The records are the workspace's private state, not git's: they are about
 * this installation's mail (who was told what, when), not about the
 * agreements, and they must survive `reindex`, which rebuilds only the
 * index.  Each line is "AGREEMENT\tKIND\tDATE\tRECIPIENT\tSENT\n" (SENT the
 * instant in Swedish time); KIND is "STEP:PARTY" for a waiting step.  A
 * failed attempt is "AGREEMENT\tKIND\tDATE\tRECIPIENT\tfailed\tWHEN\n"
 * (once, the first failure); the plan tries it again on every run, also
 * after its date, while `due` still lists the date, and the line goes when
 * it is sent.
 * Lines about dates more than two years before today are dropped when the
 * file is rewritten: such a date is never inside a window again.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "overens/error.h"
#include "engine/lifecycle/engine.h"
#include "engine/notify/notify.h"

typedef struct append {
	const ov_reminder *m;
	const char *cutoff;   /* records of dates before it are dropped */
	long long now;
	int failed;           /* 1: record a failed attempt */
} append;

/* 1 when `line` (of `len` bytes) starts with `key` and a tab. */
static int has_key(const char *line, size_t len, const char *key)
{
	size_t n = strlen(key);

	return len > n && !strncmp(line, key, n) && line[n] == '\t';
}

/*
 * Drops the lines whose date (third field) is before `cutoff`, and those
 * whose key is `drop` (NULL: none).
 */
static void prune(ov_buf *content, const char *cutoff, const char *drop)
{
	size_t w = 0, r = 0;

	while (r < content->size) {
		const char *line = content->ptr + r, *nl = memchr(line, '\n', content->size - r);
		size_t len = nl ? (size_t)(nl - line) + 1 : content->size - r;
		const char *t1 = memchr(line, '\t', len);
		const char *t2 = t1 ? memchr(t1 + 1, '\t', len - (size_t)(t1 + 1 - line)) : NULL;
		if ((!t2 || len - (size_t)(t2 + 1 - line) < 10 || strncmp(t2 + 1, cutoff, 10) >= 0) &&
		    !(drop && has_key(line, len, drop))) {
			memmove(content->ptr + w, line, len);
			w += len;
		}
		r += len;
	}
	content->size = w;
	if (content->ptr)
		content->ptr[w] = '\0';
}

/*
 * The mail's records: each item sent (replacing a failed attempt's line),
 * or failed ("failed" and the instant, once per item and recipient).
 */
static int append_records(ov_buf *content, void *payload)
{
	const append *a = payload;
	ov_buf key = OV_BUF_INIT, failed = OV_BUF_INIT;
	char sent[32];
	int err = OV_OK;

	prune(content, a->cutoff, NULL);
	ov_sweden_iso(sent, a->now);
	for (size_t i = 0; i < a->m->nitems && err >= 0; i++) {
		if ((err = ov_remind_key(&key, a->m->agreement, &a->m->items[i], a->m->to)) < 0)
			break;
		ov_buf_clear(&failed);
		if ((err = ov_buf_printf(&failed, "\n%s\tfailed\t", key.ptr)) < 0)
			break;
		if (!a->failed)
			prune(content, a->cutoff, key.ptr);
		else if (!strncmp(content->ptr ? content->ptr : "", failed.ptr + 1, failed.size - 1) ||
			 strstr(content->ptr ? content->ptr : "", failed.ptr))
			continue;
		err = ov_buf_printf(content, "%s\t%s%s\n", key.ptr, a->failed ? "failed\t" : "",
				    sent);
	}
	ov_buf_dispose(&failed);
	ov_buf_dispose(&key);
	return err;
}

/*
 * Records that a->m failed.  When that fails too, the mail is still tried
 * on the next run while its date is within the window.
 */
static void record_failure(ov_workspace *ws, append *a)
{
	a->failed = 1;
	if (ov_ws_private_update(ws, "reminders", append_records, a) < 0)
		ov_error_clear();
}

/* Sends mail `m` and records it; on failure sets its status and error. */
static void send_one(ov_reminder *m, ov_workspace *ws, ov_smtp *smtp, const char *cutoff)
{
	ov_buf msg = OV_BUF_INIT;
	long long now = (long long)time(NULL);
	append a = { m, cutoff, now, 0 };
	char *bare = NULL;
	int err;

	/* An address from the registry or a document goes into headers and SMTP
	 * commands: nothing but a plain address may. */
	if ((err = ov_mail_address(&bare, m->to, "recipient")) >= 0 && strcmp(bare, m->to))
		err = ov_error_set(OV_EINVALID, "%s '%s' is no e-mail address (address@example.se "
				   "or Name <address@example.se>)", "recipient", m->to);
	if (err >= 0 && (err = ov_remind_message(&msg, m, ov_smtp_from(smtp), now)) >= 0 &&
	    (err = ov_smtp_send(smtp, m->to, &msg)) >= 0 &&
	    (err = ov_ws_private_update(ws, "reminders", append_records, &a)) < 0)
		ov_error_prefix("mail to %s sent but not recorded (it will be sent again)", m->to);
	m->status = err < 0 ? OV_REMIND_FAILED : OV_REMIND_SENT;
	if (err < 0) {
		const ov_error *e = ov_error_last();
		m->error = strdup(e && e->message ? e->message : "failed");
		ov_error_clear();
		record_failure(ws, &a);
	}
	free(bare);
	ov_buf_dispose(&msg);
}

/* OV_ERROR naming the agreements left out, when there are any. */
static int skipped_error(const ov_remind_report *r)
{
	if (!r->nskipped)
		return OV_OK;
	return ov_error_set(OV_ERROR, "agreements that could not be read were left out of the "
			    "reminders (%zu): %s", r->nskipped, r->skipped[0]);
}

static int send_all(ov_remind_report *r, ov_workspace *ws, ov_smtp *smtp, ov_date today)
{
	ov_period two = { 2, 0, 0, 1 };
	char cutoff[11];
	const char *first = NULL;

	ov_date_format(cutoff, ov_date_add(today, &two));
	for (size_t i = 0; i < r->nmails; i++) {
		send_one(&r->mails[i], ws, smtp, cutoff);
		if (r->mails[i].status == OV_REMIND_FAILED) {
			r->nfailed++;
			first = first ? first : r->mails[i].error;
		}
	}
	if (r->nfailed)
		return ov_error_set(OV_ERROR, "%zu of %zu reminders could not be sent (they will be "
				    "sent on the next run): %s", r->nfailed, r->nmails,
				    first ? first : "");
	return skipped_error(r);
}

/* The records, or "" when there are none yet. */
static int read_records(ov_buf *out, ov_workspace *ws)
{
	int err = ov_ws_private_read(out, ws, "reminders");

	if (err == OV_ENOTFOUND) {
		ov_error_clear();
		err = ov_buf_puts(out, "");
	}
	return err;
}

int ov_remind(ov_remind_report **out, ov_workspace *ws, const ov_remind_opts *o)
{
	ov_remind_report *r = NULL;
	ov_ws_hold *hold = NULL;
	ov_smtp *smtp = NULL;
	ov_buf records = OV_BUF_INIT;
	ov_date today;
	char now[11], end[11], *web_url = NULL;
	int err;

	*out = NULL;
	if ((err = ov_resolve_date(&today, now, o->today)) < 0)
		return err;
	ov_date_format(end, ov_date_add_capped(today, &o->within));
	if (!(r = calloc(1, sizeof(*r))))
		return ov_error_set(OV_ENOMEM, "out of memory");
	if ((!o->dry_run && (err = ov_smtp_open(&smtp, ws)) < 0) ||
	    (err = ov_config_get(&web_url, ws, "web.url")) < 0 ||
	    (err = ov_ws_hold_take(&hold, ws, "reminders")) < 0 ||
	    (err = ov_workspace_refresh(ws)) < 0 || (err = read_records(&records, ws)) < 0 ||
	    (err = ov_remind_plan(r, ws, now, end, &records, web_url)) < 0)
		goto done;
	*out = r;
	err = o->dry_run ? skipped_error(r) : send_all(r, ws, smtp, today);
	r = NULL;
done:
	ov_ws_hold_release(hold);
	ov_remind_report_free(r);
	ov_smtp_free(smtp);
	ov_buf_dispose(&records);
	free(web_url);
	return err;
}

static void items_free(ov_remind_item *it, size_t n)
{
	for (size_t i = 0; it && i < n; i++) {
		free(it[i].kind);
		free(it[i].date);
		free(it[i].label);
		free(it[i].action);
		free(it[i].party);
	}
	free(it);
}

void ov_remind_report_free(ov_remind_report *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nmails; i++) {
		ov_reminder *m = &r->mails[i];
		items_free(m->items, m->nitems);
		free(m->to);
		free(m->agreement);
		free(m->title);
		free(m->date);
		free(m->subject);
		free(m->body);
		free(m->error);
	}
	free(r->mails);
	for (size_t i = 0; i < r->norphans; i++) {
		free(r->orphans[i].agreement);
		free(r->orphans[i].kind);
		free(r->orphans[i].date);
		free(r->orphans[i].to);
	}
	free(r->orphans);
	for (size_t i = 0; i < r->nskipped; i++)
		free(r->skipped[i]);
	free(r->skipped);
	free(r);
}
