/*
 * audit.h - the history audit the index keeps beside its tables: moves of
 * main that are not fast-forwards, commits whose trailers do not match
 * their changes, signed versions without their tag, and the
 * acknowledgements of such findings (see audit.c for the mechanics; the
 * rules for a commit are the engine's, engine/lifecycle/audit_rules.c).
 *
 * The index sync calls these inside its SQLite transaction while it
 * applies new commits, so the findings are cached in the index and cost
 * nothing on a command that finds main where it was.
 */
#ifndef OV_AUDIT_H
#define OV_AUDIT_H

#include "store/index.h"
#include "store/repo.h"

/*
 * Checks one commit, before its event is indexed (history order, oldest
 * first): hands it with its changed paths to the engine's `rules`
 * (ov_ws_indexer.audit; NULL checks nothing) and records in `idx` what
 * they report: a "commit" finding when its trailers and its changes
 * disagree, an acknowledgement, and the first digital signature of a
 * version (with a tag finding when that version's tag is missing or
 * elsewhere).
 */
int ov_audit_commit(ov_repo *repo, ov_index *idx, const ov_repo_commit_info *ci,
		    int (*rules)(const ov_ws_audit *a));

/*
 * Records how main moved: reads main's reflog from where the index last
 * stopped (meta "reflog_size"; from the start in a fresh index), records
 * every head in heads_seen and every entry old -> new where new does not
 * descend from old as a "rewrite" finding; then the same for the head the
 * index reflected before (`prev`, "" if unknown) and main's `head` now.
 * `now` is the time recorded for what is seen only now.
 */
int ov_audit_heads(ov_repo *repo, ov_index *idx, const char *prev, const char *head,
		   long long now);

/*
 * When main is at `head` but its reflog does not end there (someone moved
 * main without a reflog line), appends the line `prev` -> `head` to the
 * reflog, so that git itself keeps the move.  Nothing when prev is "" or
 * equal to head.  Call it under the workspace lock, before ov_audit_heads.
 */
int ov_audit_note_move(ov_repo *repo, const char *prev, const char *head, long long now);

/* Re-checks the tag of every open tag finding: one whose tag is right again is removed. */
int ov_audit_recheck_tags(ov_repo *repo, ov_index *idx);

/*
 * Whether the tag finding `f` still holds (its tag is still missing or
 * elsewhere): *holds = 1 or 0.
 */
int ov_audit_tag_holds(int *holds, ov_repo *repo, const ov_index_finding *f);

#endif
