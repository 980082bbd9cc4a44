/*
 * cmd_gc.c - `overens gc`: packs the repository's objects and refs.
 */
#include <stdio.h>

#include "overens/error.h"
#include "cli/cli.h"

static const cli_option options[] = {
	{ "incremental", 0, 0, NULL,
	  N_("only pack the loose objects into one more pack (what a write does by itself)") },
	CLI_OPTIONS_END,
};

static int cmd_gc(cli_args *a, const cli_command *c)
{
	ov_workspace *ws = NULL;
	ov_gc_report r;
	int err, rc = 0;

	(void)c;
	if ((err = cli_open(&ws, a)) < 0 ||
	    (err = ov_workspace_gc(ws, !cli_opt(a, "incremental"), &r)) < 0) {
		rc = cli_fail(a, err);
	} else if (a->json) {
		printf("{\"loose_before\":%lu,\"loose_after\":%lu,\"packs_before\":%lu,"
		       "\"packs_after\":%lu,\"packed\":%lu,\"bytes_before\":%llu,"
		       "\"bytes_after\":%llu}\n", r.loose_before, r.loose_after, r.packs_before,
		       r.packs_after, r.packed, r.bytes_before, r.bytes_after);
	} else {
		printf(_("Packed %lu objects: %lu loose objects and %lu packs (%llu KiB) "
			 "became %lu loose objects and %lu packs (%llu KiB)\n"),
		       r.packed, r.loose_before, r.packs_before, r.bytes_before / 1024,
		       r.loose_after, r.packs_after, r.bytes_after / 1024);
	}
	ov_workspace_free(ws);
	return rc;
}

const cli_command cli_cmd_gc = {
	"gc", cmd_gc, "[--incremental]",
	N_("pack the repository's objects and refs"),
	N_("Packs every object that main, its history and the version tags reach into one\n"
	   "pack, and the refs into packed-refs; removes the loose copies, the older packs,\n"
	   "and loose objects nothing reaches that are older than two weeks.  Readers go on\n"
	   "meanwhile; writers wait.  A write packs the loose objects by itself when there\n"
	   "are more than the setting gc.auto (default 6700; 0 turns it off)."),
	options, 0, 0, NULL,
};
