/*
 * cli.h - the command-line tool's shared pieces: parsed arguments, the
 * command table, opening the workspace, printing errors and JSON.
 *
 * The tool holds no business logic: each cmd_* function parses its
 * arguments, calls the engine and prints what it returns.
 */
#ifndef OV_CLI_H
#define OV_CLI_H

#include <stddef.h>
#include <stdio.h>
#include "overens/agreement.h"
#include "overens/workspace.h"

#define CLI_MAX_ARGS 64

typedef struct cli_args {
	const char *pos[CLI_MAX_ARGS];     /* positional arguments after the command */
	size_t npos;
	ov_param opt[CLI_MAX_ARGS];        /* --key value, in order (keys may repeat) */
	size_t nopt;
	const char *dir;                   /* -C DIR */
	const char *as;                    /* --as EMAIL */
	int json;
} cli_args;

typedef struct cli_command {
	const char *name;
	int (*run)(cli_args *a, const struct cli_command *cmd);
	const char *usage;
	const char *help;
} cli_command;

/* The value of option `key` (last one given), or NULL. */
const char *cli_opt(const cli_args *a, const char *key);
/* Refuses options not listed in `allowed` (space-separated). */
int cli_only(const cli_args *a, const char *allowed, const cli_command *cmd);
/* Opens the workspace named by -C, OVERENS_DIR or the current directory. */
int cli_open(ov_workspace **out, const cli_args *a);
/* The acting person: --as, else the setting user.email. *out is freed by the caller. */
int cli_actor(char **out, ov_workspace *ws, const cli_args *a);
/* Prints the engine's last error and returns the exit code for `code`. */
int cli_fail(int code);
int cli_usage(const cli_command *cmd, const char *why);

void json_str(FILE *f, const char *s);      /* "..." with escapes, or null */
void json_key(FILE *f, const char *k, int first);
void json_kv(FILE *f, const char *k, const char *v, int first);   /* "k":"v" (or null) */
void json_kb(FILE *f, const char *k, int v, int first);           /* "k":true|false */

int cmd_init(cli_args *a, const cli_command *c);
int cmd_config(cli_args *a, const cli_command *c);
int cmd_org(cli_args *a, const cli_command *c);
int cmd_person(cli_args *a, const cli_command *c);
int cmd_new(cli_args *a, const cli_command *c);
int cmd_set(cli_args *a, const cli_command *c);
int cmd_unset(cli_args *a, const cli_command *c);
int cmd_import(cli_args *a, const cli_command *c);
int cmd_interview(cli_args *a, const cli_command *c);
int cmd_event(cli_args *a, const cli_command *c);
int cmd_status(cli_args *a, const cli_command *c);
int cmd_list(cli_args *a, const cli_command *c);
int cmd_due(cli_args *a, const cli_command *c);
int cmd_log(cli_args *a, const cli_command *c);
int cmd_show(cli_args *a, const cli_command *c);
int cmd_reindex(cli_args *a, const cli_command *c);
int cmd_demo(cli_args *a, const cli_command *c);
int cmd_render(cli_args *a, const cli_command *c);
int cmd_sign(cli_args *a, const cli_command *c);
int cmd_verify(cli_args *a, const cli_command *c);
int cmd_export(cli_args *a, const cli_command *c);
int cmd_trust(cli_args *a, const cli_command *c);

#endif
