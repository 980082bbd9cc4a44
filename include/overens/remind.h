/*
 * overens/remind.h - reminders by e-mail: what falls due soon, and steps
 * that have waited too long, told to the people the workflow names.
 *
 * ov_remind looks at every date `overens due` lists in [today, today +
 * within] (ov_due in query.h) whose kind the agreement's workflow names in
 * <reminders><remind kind=… to=…/> (follow-ups, notice deadlines, term
 * ends …), and at every step a party still has to take (<wait step=…
 * after=…/>: decisions, signatures, approvals) that has waited longer than
 * the workflow allows.  It sends one mail per recipient, agreement and
 * date (several things of one agreement falling due on one day to one
 * person are one mail), in Swedish, through the SMTP server of the
 * settings smtp.url and smtp.from (credentials: the file named by
 * smtp.credentials-file, else OVERENS_SMTP_USER and OVERENS_SMTP_PASSWORD).
 *
 * Each mail sent is recorded (agreement, kind, date, recipient) in the
 * workspace's private file DIR/reminders, beside the repository: it
 * survives `reindex` (the index is not involved) and is replaced
 * atomically.  A recorded reminder is never sent again.  A mail that fails
 * is recorded as failed (…\tRECIPIENT\tfailed\tWHEN), and every later run
 * tries it again, also once its date has passed, until it is sent or the
 * date is no longer due (the follow-up recorded, the agreement ended); a
 * waiting step's reminder is superseded by the next one of the same wait.
 * An agreement that cannot be read is left out of the run and named in
 * r->skipped; the others are reminded of.  A crash between a send and
 * its record sends that one mail again on the next run.  Runs are
 * serialised by a hold on DIR/reminders.lock: a second run waits for the
 * first and then finds its mails recorded.
 */
#ifndef OVERENS_REMIND_H
#define OVERENS_REMIND_H

#include <stddef.h>
#include "overens/date.h"
#include "overens/workspace.h"

/* One thing a reminder tells of. */
typedef struct ov_remind_item {
	char *kind;    /* a date's kind (followup, notice, term-end …) or a waiting step
			* (decide, sign, approve …) */
	char *date;    /* the due date; for a waiting step the day it passed its limit */
	char *label;   /* what falls due, in Swedish */
	char *action;  /* what to do, in Swedish */
	char *party;   /* a waiting step: the waiting party's role; else NULL */
} ov_remind_item;

enum {
	OV_REMIND_PLANNED = 0,   /* --dry-run: would be sent */
	OV_REMIND_SENT    = 1,   /* sent and recorded */
	OV_REMIND_FAILED  = 2,   /* not sent (or not recorded): the next run tries again */
};

/* One mail. */
typedef struct ov_reminder {
	char *to;                  /* the recipient's e-mail address */
	char *agreement, *title;   /* the agreement's id and title */
	char *date;                /* the date the mail is about */
	ov_remind_item *items;
	size_t nitems;
	char *subject, *body;      /* the mail's text (UTF-8) */
	int status;                /* OV_REMIND_* */
	char *error;               /* FAILED: why, else NULL */
} ov_reminder;

/* Something that falls due but has nobody to be told. */
typedef struct ov_remind_orphan {
	char *agreement, *kind, *date, *to;   /* `to`: the workflow's recipients */
} ov_remind_orphan;

typedef struct ov_remind_report {
	ov_reminder *mails;        /* in order of date, agreement, recipient */
	size_t nmails;
	ov_remind_orphan *orphans;
	size_t norphans;
	size_t already;            /* (item, recipient) pairs skipped as sent before */
	size_t nfailed;            /* mails whose status is OV_REMIND_FAILED */
	char **skipped;            /* agreements that could not be read: why (English) */
	size_t nskipped;
} ov_remind_report;

typedef struct ov_remind_opts {
	const char *today;         /* "YYYY-MM-DD"; NULL = today in Sweden */
	ov_period within;          /* the window after today (e.g. P30D) */
	int dry_run;               /* 1: plan only, send and record nothing */
} ov_remind_opts;

/*
 * Plans the reminders not yet sent and, unless o->dry_run, sends and
 * records them.  Without --dry-run the settings smtp.url and smtp.from must
 * be set (OV_EINVALID naming the setting otherwise, before anything is
 * sent).  *out is set whenever planning succeeded, also when sends failed:
 * then the return is OV_ERROR with a message naming how many failed and
 * the first reason, and each failed mail has its error.  When agreements
 * were skipped the return is OV_ERROR too (after the others' mails were
 * sent), so a cron job reports it.  Free *out with
 * ov_remind_report_free (NULL-safe).
 */
int ov_remind(ov_remind_report **out, ov_workspace *ws, const ov_remind_opts *o);
void ov_remind_report_free(ov_remind_report *r);

#endif
