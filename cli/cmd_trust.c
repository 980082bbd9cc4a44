/*
 * cmd_trust.c - `overens trust add CA.pem | list | remove FINGERPRINT`:
 * the CA certificates whose signatures the workspace trusts.
 */
#include <stdlib.h>
#include <string.h>

#include "overens/buf.h"
#include "overens/error.h"
#include "overens/sign.h"
#include "cli/cli.h"

static const cli_option options[] = {
	CLI_OPTIONS_END,
};

static int cmd_trust(cli_args *a, const cli_command *c)
{
	ov_workspace *ws = NULL;
	ov_trust_entry *list = NULL;
	ov_buf pem = OV_BUF_INIT;
	char *actor = NULL;
	size_t n = 0, i;
	int err, rc = 0;

	if ((err = cli_open(&ws, a)) < 0) {
		rc = cli_fail(a, err);
		goto done;
	}
	if (!strcmp(a->pos[0], "list") && a->npos == 1) {
		if ((err = ov_trust_list(&list, &n, ws)) < 0) {
			rc = cli_fail(a, err);
			goto done;
		}
		if (a->json)
			putchar('[');
		for (i = 0; i < n; i++) {
			if (a->json) {
				printf(i ? ",{" : "{");
				json_kv(stdout, "fingerprint", list[i].fingerprint, 1);
				json_kv(stdout, "subject", list[i].subject, 0);
				json_kv(stdout, "not_after", list[i].not_after, 0);
				putchar('}');
			} else {
				printf("%.16s  %s  (giltigt till %s)\n", list[i].fingerprint,
				       list[i].subject, list[i].not_after);
			}
		}
		if (a->json)
			printf("]\n");
	} else if (!strcmp(a->pos[0], "add") && a->npos == 2) {
		if ((err = cli_actor(&actor, ws, a)) < 0 ||
		    (err = ov_buf_read_file(&pem, a->pos[1])) < 0 ||
		    (err = ov_trust_add(ws, actor, pem.ptr, pem.size, a->pos[1])) < 0)
			rc = cli_fail(a, err);
		else
			printf("Litar nu på certifikaten som %s har utfärdat\n", a->pos[1]);
	} else if (!strcmp(a->pos[0], "remove") && a->npos == 2) {
		if ((err = cli_actor(&actor, ws, a)) < 0 ||
		    (err = ov_trust_remove(ws, actor, a->pos[1])) < 0)
			rc = cli_fail(a, err);
		else
			printf("Tog bort %s ur förtroendelistan\n", a->pos[1]);
	} else {
		rc = cli_usage(a, c, "%s", _("give add CA.pem, list, or remove FINGERPRINT"));
	}
done:
	ov_trust_list_free(list, n);
	ov_buf_dispose(&pem);
	free(actor);
	ov_workspace_free(ws);
	return rc;
}

const cli_command cli_cmd_trust = {
	"trust", cmd_trust, N_("add CA.pem\nlist [--json]\nremove FINGERPRINT"),
	N_("the CA certificates whose signatures the workspace trusts"),
	N_("Adds a CA certificate (PEM) to the workspace's trust store, lists the trusted\n"
	   "certificates, or removes one by its SHA-256 fingerprint (or a unique prefix)."),
	options, 1, 2, N_("add|list|remove [FILE|FINGERPRINT]"),
};
