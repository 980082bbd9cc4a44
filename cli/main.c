/*
 * main.c - the `overens` tool: the list of commands and the global options
 * before the command.  Everything a command takes is in its own
 * cmd_<verb>.c; the parser is args.c, the help help.c.
 *
 *   overens [-C DIR] [--as EMAIL] [--json] COMMAND [ARGS] [OPTIONS]
 *   overens --help | -h | --version | -V
 *
 * Exit codes are documented in README.md and overens(1); cli.c maps the
 * engine's codes to them.
 */
#include <string.h>

#include "overens/fsck.h"
#include "cli/cli.h"

#ifndef OV_VERSION
#define OV_VERSION "unknown"
#endif

extern const cli_command cli_cmd_init, cli_cmd_config, cli_cmd_org, cli_cmd_person,
	cli_cmd_new, cli_cmd_set, cli_cmd_unset, cli_cmd_import, cli_cmd_interview,
	cli_cmd_contact, cli_cmd_decide, cli_cmd_needs, cli_cmd_assign, cli_cmd_sign,
	cli_cmd_cancel_signing, cli_cmd_followup, cli_cmd_amend, cli_cmd_approve,
	cli_cmd_renew, cli_cmd_terminate, cli_cmd_end, cli_cmd_step, cli_cmd_status, cli_cmd_list,
	cli_cmd_due, cli_cmd_remind, cli_cmd_log, cli_cmd_show, cli_cmd_diff, cli_cmd_render, cli_cmd_verify,
	cli_cmd_export, cli_cmd_subjects, cli_cmd_timestamp,
	cli_cmd_trust, cli_cmd_reindex, cli_cmd_gc, cli_cmd_fsck, cli_cmd_demo, cli_cmd_serve;

const cli_command *const cli_commands[] = {
	&cli_cmd_init, &cli_cmd_config, &cli_cmd_org, &cli_cmd_person,
	&cli_cmd_new, &cli_cmd_set, &cli_cmd_unset, &cli_cmd_import, &cli_cmd_interview,
	&cli_cmd_contact, &cli_cmd_decide, &cli_cmd_needs, &cli_cmd_assign, &cli_cmd_sign,
	&cli_cmd_cancel_signing, &cli_cmd_followup, &cli_cmd_amend, &cli_cmd_approve,
	&cli_cmd_renew, &cli_cmd_terminate, &cli_cmd_end, &cli_cmd_step,
	&cli_cmd_status, &cli_cmd_list, &cli_cmd_subjects, &cli_cmd_due, &cli_cmd_remind, &cli_cmd_log, &cli_cmd_show,
	&cli_cmd_diff, &cli_cmd_render, &cli_cmd_verify, &cli_cmd_timestamp, &cli_cmd_export, &cli_cmd_trust,
	&cli_cmd_reindex, &cli_cmd_gc, &cli_cmd_fsck, &cli_cmd_demo, &cli_cmd_serve,
};
const size_t cli_ncommands = sizeof(cli_commands) / sizeof(cli_commands[0]);

const cli_command *cli_find_command(const char *name)
{
	for (size_t i = 0; i < cli_ncommands; i++)
		if (!strcmp(cli_commands[i]->name, name))
			return cli_commands[i];
	return NULL;
}

/* --json anywhere before "--" makes even the first error JSON. */
static int wants_json(int argc, char **argv)
{
	for (int i = 1; i < argc && strcmp(argv[i], "--"); i++)
		if (!strcmp(argv[i], "--json"))
			return 1;
	return 0;
}

enum { GO_ON = -1 };

/* Takes argv[*i], a global option before the command; GO_ON or an exit code. */
static int global_option(cli_args *a, int argc, char **argv, int *i)
{
	const char *s = argv[*i];
	const char **value = NULL;

	if (!strcmp(s, "--help") || !strcmp(s, "-h")) {
		cli_help_main(stdout);
		return 0;
	}
	if (!strcmp(s, "--version") || !strcmp(s, "-V")) {
		printf("overens %s\n", OV_VERSION);
		return 0;
	}
	if (!strcmp(s, "--commands")) {
		cli_list_commands(stdout);
		return 0;
	}
	if (!strcmp(s, "--options")) {
		cli_list_options(stdout, NULL);
		return 0;
	}
	if (!strcmp(s, "--json")) {
		a->json = 1;
		return GO_ON;
	}
	if (!strncmp(s, "-C", 2))
		value = &a->dir;
	else if (!strncmp(s, "--as", 4) && (!s[4] || s[4] == '='))
		value = &a->as;
	if (!value)
		return cli_usage(a, NULL, _("unknown option '%s'; see 'overens --help'"), s);
	if (s[1] == 'C' && s[2])
		*value = s + 2;
	else if (s[1] == '-' && s[4] == '=')
		*value = s + 5;
	else if (*i + 1 < argc)
		*value = argv[++*i];
	else
		return cli_usage(a, NULL, _("option '%s' needs a value"), s);
	return GO_ON;
}

static int json_warnings;

/* The history warning on standard error: a line, or a JSON object in --json mode. */
static void print_warning(const char *line)
{
	if (!json_warnings) {
		fprintf(stderr, "%s\n", line);
		return;
	}
	fputs("{\"warning\":", stderr);
	json_str(stderr, line);
	fputs("}\n", stderr);
}

int main(int argc, char **argv)
{
	cli_args a;
	const cli_command *cmd;
	int i, rc, help = 0, list = 0;

	ov_i18n_init();
	memset(&a, 0, sizeof(a));
	a.json = wants_json(argc, argv);
	json_warnings = a.json;
	ov_fsck_on_warning(print_warning); /* every command warns about unacknowledged findings */
	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++)
		if ((rc = global_option(&a, argc, argv, &i)) != GO_ON)
			return rc;
	if (i >= argc) {
		cli_help_main(stderr);
		return CLI_EXIT_USAGE;
	}
	if (!strcmp(argv[i], "help")) { /* overens help [COMMAND] */
		if (i + 1 < argc && (cmd = cli_find_command(argv[i + 1])))
			cli_help_command(stdout, cmd);
		else
			cli_help_main(stdout);
		return 0;
	}
	if (!(cmd = cli_find_command(argv[i])))
		return cli_usage(&a, NULL, _("unknown command '%s'; see 'overens --help'"), argv[i]);
	if ((rc = cli_parse(&a, cmd, argc, argv, i + 1, &help, &list)))
		return rc;
	if (list) {
		cli_list_options(stdout, cmd);
		return 0;
	}
	if (help) {
		cli_help_command(stdout, cmd);
		return 0;
	}
	if (a.version) {
		printf("overens %s\n", OV_VERSION);
		return 0;
	}
	return cmd->run(&a, cmd);
}
