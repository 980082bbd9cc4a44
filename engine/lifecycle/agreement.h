/*
 * agreement.h - the agreement document: one XML document per agreement
 * (templates/agreement.rng), edited through the readable field names that a
 * workflow declares, and its computed dates.
 *
 * Functions take and modify a libxml2 document owned by the caller.
 */
#ifndef OV_AGREEMENT_H
#define OV_AGREEMENT_H

#include "overens/lazy_xml.h"
#include "engine/lifecycle/workflow.h"

/*
 * Sets field `f` to `value` (checked against the field's type: date,
 * count, email, orgnr, duration, text).  A list field gets a new item.
 * `old` (may be NULL) receives the previous value (free()).
 */
int ov_agreement_field_set(xmlDocPtr doc, const ov_workflow *wf, const ov_wf_field *f,
			   const char *value, char **old);
/* Removes the field's value (every item of a list). */
int ov_agreement_field_unset(xmlDocPtr doc, const ov_wf_field *f, char **old);
/*
 * The field's current value ("" when empty; list items joined by "\n").
 * Caller frees *out.
 */
int ov_agreement_field_get(char **out, xmlDocPtr doc, const ov_wf_field *f);

/*
 * Finds the element at a restricted path (steps `name`, `name[@a='v']`,
 * no attribute step), creating missing elements when `create` is set.
 * *out is NULL when absent and not created.
 */
int ov_agreement_locate(xmlNodePtr *out, xmlDocPtr doc, const char *path, int create);

/* The first child element `name` of `parent`, created (appended) if absent. */
xmlNodePtr ov_xml_ensure_child(xmlNodePtr parent, const char *name);
/* The last child element `name` of `parent` (NULL-safe), or NULL. */
xmlNodePtr ov_xml_last_child(xmlNodePtr parent, const char *name);
/* Replaces the text content of `node` with `text` (taken literally). */
void ov_xml_set_text(xmlNodePtr node, const char *text);
/* Appends a new element `name` with text (NULL = empty) to `parent`. */
xmlNodePtr ov_xml_add_child(xmlNodePtr parent, const char *name, const char *text);

/* Checks `value` against a field type; OV_EINVALID naming `what`. */
int ov_value_check(const char *type, const char *value, const char *what);

/*
 * Fills in <term> from the workflow the first time it has a start (end,
 * duration, renewal, period, notice) and recomputes <dates from until>:
 * the term ends, notice deadlines, expiry, open follow-ups and meetings of
 * the term in force on the document's last recorded date and of the
 * renewal period after it (see term.h).
 */
int ov_agreement_compute_dates(xmlDocPtr doc, const ov_workflow *wf);

/* Puts child elements in the order the schema expects. */
void ov_agreement_normalize(xmlDocPtr doc);

#endif
