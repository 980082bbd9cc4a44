/*
 * audit_rules.h - the history audit's rules for one commit (audit_rules.c),
 * which indexer.c hands to the store as ov_ws_indexer.audit.
 */
#ifndef OV_AUDIT_RULES_H
#define OV_AUDIT_RULES_H

#include "store/workspace.h"

/*
 * Checks the commit `a` shows against the rules Överens's own commits
 * follow and reports through `a`: a finding when they disagree, an
 * acknowledgement, the first digital signature of a version with the tag
 * it needs.  0 or the negative code of a report that failed.
 */
int ov_audit_rules(const ov_ws_audit *a);

#endif
