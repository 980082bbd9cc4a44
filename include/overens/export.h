/*
 * overens/export.h - the reviewer's export: everything needed to check a
 * signed agreement with stock tools only (pdfsig, git, sha256sum, xmllint),
 * in one zip file or folder.
 */
#ifndef OVERENS_EXPORT_H
#define OVERENS_EXPORT_H

#include "overens/workspace.h"

typedef struct ov_export_opts {
	const char *as_of;   /* YYYY-MM-DD: only the version in force that day; NULL: every
			      * digitally signed version */
	int folder;          /* write a folder instead of a zip file */
	int force;           /* replace an existing output */
} ov_export_opts;

/*
 * Writes the export of agreement `id` to `path`: for each version the
 * signed PDF, the agreement XML as signed and an evidence log (XML, schema
 * evidence.rng included), a git bundle of the history (main and the
 * version tags), the workspace's trusted CA certificates, SHA256SUMS over
 * every file and LÄSMIG.txt, which says how to check it all.  A zip is
 * written to a temporary file, synced and renamed; a folder is built
 * beside `path` and renamed.  OV_EEXISTS when `path` exists and not
 * opts->force (a folder is never replaced); OV_ENOTFOUND when the
 * agreement has no digitally signed version (in force on opts->as_of).
 */
int ov_agreement_export(ov_workspace *ws, const char *id, const char *path,
			const ov_export_opts *opts);

#endif
