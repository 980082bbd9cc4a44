/*
 * overens/fsck.h - checking a workspace's history, acknowledging what was
 * found and repairing what can be repaired.
 *
 * A finding is one of:
 *   rewrite      main moved to a commit that does not descend from where it
 *                was (history rewritten outside Överens); key "OLD..NEW"
 *   commit       a commit on main whose trailers do not match its changes
 *                (e.g. Agreement: A while it changes agreement B, no
 *                Event:, a signed PDF changed by something that is not a
 *                signature); key: the commit id
 *   tag-missing  a digitally signed version without its tag "<id>-v<N>";
 *                key: the tag name; `ov_fsck` can recreate it
 *   tag-moved    that tag names another commit than the frozen text
 *
 * Findings are concluded from git (main's reflog, the commits, the tags)
 * and cached in the index; an acknowledgement is an event commit
 * ("Event: fsck-acknowledge", "Finding: <key>", "Actor: <admin>") made by a
 * person with the admin role, so what was acknowledged is known from git
 * too.  Until then every command prints a one-line warning.
 */
#ifndef OVERENS_FSCK_H
#define OVERENS_FSCK_H

#include <stddef.h>
#include <stdio.h>
#include "overens/workspace.h"

typedef struct ov_fsck_finding {
	char *key;             /* what ov_fsck_acknowledge takes */
	char *kind;            /* "rewrite", "commit", "tag-missing", "tag-moved" */
	char *old_id, *new_id; /* rewrite: main before and after; tags: new_id = the tag's target */
	char *commit;          /* commit: the commit; tags: the version's first sign event */
	char *agreement;       /* tags, and commit findings with an Agreement: trailer */
	int version;           /* tags */
	long long when;        /* when it happened (or was first seen), seconds */
	char *detail;          /* what is wrong, in Swedish, one line */
	int acknowledged;      /* by an fsck-acknowledge event on main */
	char *ack_commit, *ack_actor;
	int repairable;        /* ov_fsck with a repair actor fixes it */
	int repaired;          /* fixed by this ov_fsck */
} ov_fsck_finding;

typedef struct ov_fsck_report {
	ov_fsck_finding *findings; /* oldest first */
	size_t n;
	size_t open;               /* neither acknowledged nor repaired */
} ov_fsck_report;

/*
 * Checks the whole history from git: rebuilds the index, which recomputes
 * every finding from main's reflog, the commits and the tags (keeping what
 * the old index saw of main's heads).  With `repair_actor` (may be NULL),
 * recreates each missing tag as that person, who must have the admin role
 * (else OV_EDENIED): one transaction per tag, an "Event: fsck-repair"
 * commit carrying the tag (see ov_txn_tag).  *out lists every finding,
 * acknowledged or not; free it with ov_fsck_report_free.
 */
int ov_fsck(ov_fsck_report **out, ov_workspace *ws, const char *repair_actor);
void ov_fsck_report_free(ov_fsck_report *r);

/*
 * Records that `actor`, a person with the admin role, has seen finding
 * `key` (a key as ov_fsck lists it; the ids of "OLD..NEW" and a commit id
 * may be shortened to 7 or more hex digits): an fsck-acknowledge event
 * commit.  OV_EDENIED when the actor is not a registered admin,
 * OV_ENOTFOUND when no unacknowledged finding has that key, OV_EINVALID
 * when a shortened key names more than one.  *out_key (may be NULL)
 * receives the full key; free().
 */
int ov_fsck_acknowledge(char **out_key, ov_workspace *ws, const char *actor, const char *key);

/*
 * The one-line warning (Swedish) about the oldest unacknowledged finding,
 * with the number of others; *out is NULL when there is nothing to warn
 * about.  Cheap: a query of the index's cache, and a look at the tag of a
 * tag finding.  free() *out.
 */
int ov_fsck_warning(char **out, ov_workspace *ws);

/*
 * Makes every later ov_workspace_open in this process hand
 * ov_fsck_warning's line to `fn` (NULL: never, the default), which the
 * client shows as it shows everything else.  Call it before opening a
 * workspace.
 */
typedef void (*ov_fsck_warn_fn)(const char *line);
void ov_fsck_on_warning(ov_fsck_warn_fn fn);

#endif
