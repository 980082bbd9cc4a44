/*
 * notify.h - internals of the reminders (overens/remind.h) shared by the
 * files of engine/notify/:
 *
 *   remind.c        the run: the hold, the records, sending, the report
 *   remind_plan.c   what falls due or waits, for whom, grouped into mails
 *   remind_rules.c  the workflow's <reminders> (or the defaults), the
 *                   recipients, the calendar's alarms
 *   remind_mail.c   the mail's text and its RFC 5322 form
 *   smtp.c          sending through libcurl's SMTP
 */
#ifndef OV_NOTIFY_H
#define OV_NOTIFY_H

#include <stddef.h>
#include "overens/lazy_xml.h"
#include "overens/buf.h"
#include "overens/person.h"
#include "overens/remind.h"
#include "engine/lifecycle/workflow.h"

/* --- remind_rules.c ------------------------------------------------------- */

/* One <remind> or <wait> of a workflow. */
typedef struct ov_remind_rule {
	char *kind;        /* <remind kind>, or <wait step> */
	char *to;          /* recipients, space-separated (contacts steering signatories) */
	char *text;        /* what to do ({id}, {party}), or NULL */
	char *alarms;      /* <remind alarms>, or NULL */
	ov_period after;   /* <wait after> */
	int wait;          /* 1 for a <wait> */
} ov_remind_rule;

typedef struct ov_remind_rules {
	ov_remind_rule *r;
	size_t n;
} ov_remind_rules;

/*
 * The rules of workflow `wf`: its <reminders>, or the built-in defaults
 * when it has none (a workflow copied into a workspace before reminders
 * existed).  Free with ov_remind_rules_dispose.
 */
int ov_remind_rules_read(ov_remind_rules *out, const ov_workflow *wf);
void ov_remind_rules_dispose(ov_remind_rules *rs);
/* The <remind> (wait 0) or <wait> (wait 1) for `kind`, or NULL. */
const ov_remind_rule *ov_remind_rule_find(const ov_remind_rules *rs, const char *kind, int wait);

/* A set of e-mail addresses, each once (compared without case). */
typedef struct ov_addrs {
	char **v;
	size_t n;
} ov_addrs;
void ov_addrs_dispose(ov_addrs *a);

/*
 * The addresses `to` (as a rule's) names in agreement `doc`; `party` (a
 * role, or NULL for every party) keeps those of one party.  `people` are
 * the registered people.  Appends to *out.
 */
int ov_remind_recipients(ov_addrs *out, xmlDocPtr doc, const char *to, const char *party,
			 const ov_person_info *people, size_t npeople);

/*
 * The calendar's alarms for the agreements in `doc` (root <agreement> or
 * <agreements>): "|WORKFLOW/KIND=P14D P1D|…|" for each workflow the
 * agreements follow and each <remind> with alarms; appended to `out`.  A
 * workflow that does not load is left out (its dates get no alarms).
 */
int ov_remind_alarms(ov_buf *out, ov_workspace *ws, xmlDocPtr doc);

/* --- remind_plan.c -------------------------------------------------------- */

/*
 * The mails due on `today` within `to` (the window's last day) that the
 * records (lines "AGREEMENT\tKIND\tDATE\tRECIPIENT\tSENT" or
 * "…\tRECIPIENT\tfailed\tWHEN") do not hold as sent, with their text;
 * dates before today only for a failed attempt not sent since;
 * r->already, r->orphans and r->skipped (agreements that could not be
 * read) filled in.  `web_url` (or
 * NULL) is the web interface's address for the mails' links.
 */
int ov_remind_plan(ov_remind_report *r, ov_workspace *ws, const char *today, const char *to,
		   const ov_buf *records, const char *web_url);
/* The record key of item `it` of a mail to `rcpt` ("AGREEMENT\tKIND\tDATE\tRECIPIENT"). */
int ov_remind_key(ov_buf *out, const char *agreement, const ov_remind_item *it,
		  const char *rcpt);

/* --- remind_mail.c -------------------------------------------------------- */

/*
 * Sets m->subject and m->body from its items (Swedish).  The subject names
 * the mail's date, or `today` (the run's date) for a mail only of waiting
 * steps, whose date is the day the wait passed its limit.
 */
int ov_remind_compose(ov_reminder *m, const char *today, const char *web_url);
/*
 * The whole message as SMTP sends it: headers (the subject as RFC 2047
 * words, Date in Swedish time at `now`), CRLF line ends, the body in
 * base64.  `from` is the setting smtp.from.
 */
int ov_remind_message(ov_buf *out, const ov_reminder *m, const char *from, long long now);
/* The bare address of "Name <addr>" or "addr"; OV_EINVALID when it is none. */
int ov_mail_address(char **out, const char *s, const char *what);

/* --- smtp.c --------------------------------------------------------------- */

typedef struct ov_smtp ov_smtp;
/*
 * Reads the settings smtp.url and smtp.from and the credentials (the file
 * smtp.credentials-file: the user name on the first line, the password on
 * the second, mode 0600 or stricter; else OVERENS_SMTP_USER and
 * OVERENS_SMTP_PASSWORD) and prepares a connection.  Free with
 * ov_smtp_free (NULL-safe).
 */
int ov_smtp_open(ov_smtp **out, ov_workspace *ws);
const char *ov_smtp_from(const ov_smtp *s);
/* Sends `msg` to `rcpt`; OV_ERROR naming the server, the recipient and the reason. */
int ov_smtp_send(ov_smtp *s, const char *rcpt, const ov_buf *msg);
void ov_smtp_free(ov_smtp *s);

#endif
