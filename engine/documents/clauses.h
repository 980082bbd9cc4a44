/*
 * clauses.h - the agreement text assembled from the clause library.
 *
 * The text of an agreement is data: the clause library
 * (templates/clauses/<name>.xml, schema templates/clauses.rng), the statutory
 * references (templates/references.xml, schema templates/references.rng)
 * and the subject's outline (workflows/subjects/<id>.xml) with the
 * workflow's choices of mandatory, optional and absent clauses.  Before the
 * agreement stylesheet runs, ov_clauses_assemble() appends to the agreement
 * the clauses that apply, numbered, with every condition evaluated and every
 * field, annex and citation resolved to text:
 *
 *     <assembled subject="anhorigstod" date="2026-04-01" draft="yes">
 *       <clause id="parter" title="Parter" n="1">…</clause>
 *       <annex id="bilaga.behov" title="Behovskartläggning" n="1">…</annex>
 *     </assembled>
 *
 * In the copied bodies: `when` attributes are gone (an element whose
 * condition is false is dropped); <field name=…/> is its value as text
 * (list items joined by ", ", "Ej angivet" when empty; each line break a
 * <br/>); <annex ref=…/> is
 * "bilaga N"; <cite ref=…/> holds its citation text; an <item field=…> of a
 * <fields> block gets the field's value in a `value` attribute (its text
 * stays the key).  The tokens <the/>, <civil/>, <public/>, <kommun/>,
 * <other-parties/> … are left for the stylesheet.
 */
#ifndef OV_CLAUSES_H
#define OV_CLAUSES_H

#include "overens/lazy_xml.h"

#include "engine/base/xmlsafe.h"

/*
 * Appends <assembled> to the root of `agreement` (a copy the caller renders)
 * from `subject_doc`'s outline, `workflow_doc`'s <clauses> and <fields>,
 * and the library and references in `templates_dir`.  `draft` (0 or 1) is
 * written as draft="no|yes".  On failure the agreement is unchanged and the
 * message names the file, clause, field, reference or expression at fault.
 */
int ov_clauses_assemble(xmlDocPtr agreement, xmlDocPtr workflow_doc,
			xmlDocPtr subject_doc, int draft, const char *templates_dir);

/*
 * The clause library and the statutory references in `templates_dir`, read
 * and checked once for many agreements (a batch of documents): what
 * ov_clauses_assemble reads on each call.  Nothing in it changes while it
 * is used.  Files that passed their schemas before are known to `memo`
 * (NULL: validate every file).  Free with ov_clause_lib_free (NULL-safe).
 */
typedef struct ov_clause_lib ov_clause_lib;
int ov_clause_lib_load(ov_clause_lib **out, const char *templates_dir, const ov_rng_memo *memo);
void ov_clause_lib_free(ov_clause_lib *lib);

/* ov_clauses_assemble with a library loaded before. */
int ov_clauses_assemble_with(xmlDocPtr agreement, xmlDocPtr workflow_doc,
			     xmlDocPtr subject_doc, int draft, const ov_clause_lib *lib);

/*
 * The agreement's date, the one its citations are in force on: term/@start,
 * else the date part of @created, else today in Sweden.  OV_EINVALID when
 * the date found is not a date.
 */
int ov_clauses_date(char out[11], xmlDocPtr agreement);

/*
 * Reads `templates_dir`/references.xml, validates it against
 * references.rng (unless `memo` knows it passed; NULL: always) and checks
 * it with ov_references_check.  Caller frees *out with xmlFreeDoc.
 */
int ov_references_load(xmlDocPtr *out, const char *templates_dir, const ov_rng_memo *memo);

/*
 * Checks what the schema cannot: reference ids are unique, every version's
 * dates are real dates with from <= to, and no two versions of one
 * reference are in force on the same day.  `name` is used in messages.
 */
int ov_references_check(xmlDocPtr refs, const char *name);

/*
 * The citation of reference `id` as in force on `date` (YYYY-MM-DD):
 * "[N kap. ][N § ][P ]act (SFS)", e.g. "5 kap. 10 § socialtjänstlagen
 * (2001:453)"; an act named "lagen …" or "förordningen …" takes its SFS
 * number after that first word ("30 § lagen (1991:1128) om psykiatrisk
 * tvångsvård"); an EU act is followed by its `eu` number, an act with
 * neither stands alone.  OV_ENOTFOUND for an unknown reference, OV_EINVALID
 * when no version is in force on `date`.  Caller frees *out.
 */
int ov_clauses_citation(char **out, xmlDocPtr refs, const char *id,
			const char *date);

#endif
