/*
 * cmd_subjects.c - `overens subjects`: the installed subjects an agreement
 * can be about (workflows/subjects/<id>.xml), with label and description;
 * the values of `new --subject` and of the field amne.
 */
#include <stdio.h>

#include "overens/query.h"
#include "cli/cli.h"

static const cli_option options[] = {
	CLI_OPTIONS_END,
};

static void print_json(const ov_subject_info *s, size_t n)
{
	putchar('[');
	for (size_t i = 0; i < n; i++) {
		printf(i ? ",{" : "{");
		json_kv(stdout, "id", s[i].id, 1);
		json_kv(stdout, "label", s[i].label, 0);
		json_kv(stdout, "description", s[i].description, 0);
		putchar('}');
	}
	printf("]\n");
}

static int cmd_subjects(cli_args *a, const cli_command *c)
{
	ov_workspace *ws = NULL;
	ov_subject_info *s = NULL;
	size_t n = 0;
	int err, rc = 0;

	(void)c;
	if ((err = cli_open(&ws, a)) < 0 || (err = ov_subject_list(&s, &n, ws)) < 0) {
		rc = cli_fail(a, err);
		goto done;
	}
	if (a->json)
		print_json(s, n);
	else
		for (size_t i = 0; i < n; i++)
			printf("%-20s %s\n%20s %s\n", s[i].id, s[i].label, "", s[i].description);
done:
	ov_subject_list_free(s, n);
	ov_workspace_free(ws);
	return rc;
}

const cli_command cli_cmd_subjects = {
	"subjects", cmd_subjects, N_("[--json]"),
	N_("the subjects an agreement can be about"),
	N_("Lists the installed subjects (workflows/subjects/ID.xml): ID, label and\n"
	   "description.  An agreement is about one subject, chosen with new --subject\n"
	   "ID or the field amne; it brings the questions about needs, the volunteer\n"
	   "roles and the clauses of the agreement's text."),
	options, 0, 0, NULL,
};
