/*
 * cli.h - the command-line tool's shared pieces: the command descriptor and
 * its option table, the parsed arguments, opening the workspace, printing
 * errors (text or JSON) and JSON values.
 *
 * The tool holds no business logic.  Each command lives in its own
 * cmd_<verb>.c, which exports one cli_command: its synopsis, help text,
 * option table and the number of positional arguments it takes.  The one
 * parser (args.c) reads the command line against that table, so which
 * options a command takes is written in exactly one place; help, the man
 * page check and the bash completion all read the same table.
 */
#ifndef OV_CLI_H
#define OV_CLI_H

#include <stddef.h>
#include <stdio.h>
#include "overens/buf.h"
#include "overens/i18n.h"
#include "overens/agreement.h"
#include "overens/query.h"
#include "overens/workspace.h"

#define CLI_MAX_ARGS 64

/* Exit code of bad usage (the others follow the engine's codes, see cli_exit_code). */
#define CLI_EXIT_USAGE 2

enum {
	CLI_VALUE  = 1 << 0,   /* takes a value: --name VALUE or --name=VALUE */
	CLI_REPEAT = 1 << 1,   /* may be given more than once, kept in order */
	CLI_HIDDEN = 1 << 2,   /* accepted but not shown in help or completion */
};

typedef struct cli_option {
	const char *name;      /* long name without the dashes, or NULL for a short one only */
	char short_name;       /* the one-letter form, or 0 */
	int flags;             /* CLI_VALUE, CLI_REPEAT, CLI_HIDDEN */
	const char *value;     /* the value's name in help ("FILE"), N_() */
	const char *help;      /* one line, N_() */
} cli_option;

/* The end of an option table (no long and no short name), and the --date
 * every changing command takes. */
#define CLI_OPTIONS_END { NULL, 0, 0, NULL, NULL }
#define CLI_OPT_DATE(help) { "date", 0, CLI_VALUE, N_("DATE"), help }

/* What the parser found.  Every string points into argv: nothing to free. */
typedef struct cli_args {
	const char *pos[CLI_MAX_ARGS];     /* positional arguments after the command */
	size_t npos;
	ov_param opt[CLI_MAX_ARGS];        /* options by long name, in order; flags are "yes" */
	size_t nopt;
	const char *dir;                   /* -C DIR */
	const char *as;                    /* --as EMAIL */
	int json;                          /* --json: results and errors as JSON */
	int version;                       /* --version after the command */
} cli_args;

typedef struct cli_command {
	const char *name;
	int (*run)(cli_args *a, const struct cli_command *cmd);
	const char *synopsis;      /* after "overens NAME", one form a line (" …" continues), N_() */
	const char *summary;       /* one line for `overens --help`, N_() */
	const char *description;   /* what it does, for `overens NAME --help`, N_() */
	const cli_option *options; /* ends with CLI_OPTIONS_END */
	size_t min_args, max_args; /* positional arguments */
	const char *args;          /* the positionals by name ("ID FIELD VALUE"), N_() */
} cli_command;

/* Translates a message id; "" and NULL stay "" (gettext maps "" to its header). */
static inline const char *cli_tr(const char *s)
{
	return s && *s ? _(s) : "";
}

/* The command table (main.c). */
extern const cli_command *const cli_commands[];
extern const size_t cli_ncommands;
/* The command called `name`, or NULL. */
const cli_command *cli_find_command(const char *name);

/*
 * Parses argv[i..] after the command's name into `a` against cmd's option
 * table and argument counts.  Sets *help for --help/-h and *list_options
 * for the hidden --options (the counts are then not checked).  Returns 0,
 * or prints the precise usage error and returns CLI_EXIT_USAGE.  `a->json`
 * may already be set (main.c looks for --json before parsing).
 */
int cli_parse(cli_args *a, const cli_command *cmd, int argc, char **argv, int i, int *help,
	      int *list_options);

/* help.c: `overens --help`, `overens CMD --help`, and the hidden listings. */
void cli_help_main(FILE *f);
void cli_help_command(FILE *f, const cli_command *cmd);
/* "usage: overens NAME …" with "or:" for each further form; a synopsis line
 * starting with a space continues the form before it. */
void cli_print_synopsis(FILE *f, const cli_command *cmd);
void cli_list_commands(FILE *f);
void cli_list_options(FILE *f, const cli_command *cmd);   /* NULL: the global ones */
/* The global options as the parser and the listing know them. */
extern const cli_option cli_global_options[];

/* The value of option `key` (last one given), or NULL. */
const char *cli_opt(const cli_args *a, const char *key);
/* Opens the workspace named by -C, OVERENS_DIR or the current directory. */
int cli_open(ov_workspace **out, const cli_args *a);
/* The acting person: --as, else the setting user.email. *out is freed by the caller. */
int cli_actor(char **out, ov_workspace *ws, const cli_args *a);

/* An open workspace and the acting person, for commands that change something. */
typedef struct cli_session {
	ov_workspace *ws;
	char *actor;
} cli_session;
int cli_session_open(cli_session *s, const cli_args *a);
/* Closes `s` and returns the exit code for `err` (printing the error if any). */
int cli_session_close(cli_session *s, const cli_args *a, int err);

/* Prints the engine's last error (text or JSON) and returns the exit code for `code`. */
int cli_fail(const cli_args *a, int code);
/*
 * Writes a made document to `path` ("-": standard output) atomically and
 * says so; returns the exit status (0, or the error's, reported).
 */
int cli_write_output(const cli_args *a, const char *path, const ov_buf *out);
/* Prints a usage error for `cmd` (NULL: before a command) and returns CLI_EXIT_USAGE. */
int cli_usage(const cli_args *a, const cli_command *cmd, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Prints an error with a given exit code and JSON code; returns `exit_code`. */
int cli_error(const cli_args *a, int exit_code, const char *code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* The documented exit code for an engine error code. */
int cli_exit_code(int code);

/*
 * Sub-commands that take different options ("org add", "org signatory"):
 * each option the table names goes only with the space-separated forms
 * listed; an option not in the table goes with every form.  Prints the
 * usage error and returns CLI_EXIT_USAGE for an option `form` does not
 * take, else 0.
 */
typedef struct cli_form {
	const char *option, *forms;
} cli_form;
int cli_check_form(const cli_args *a, const cli_command *c, const char *form,
		   const cli_form *table, size_t n);

/*
 * prompt.c: asks for a secret on the terminal without echo (`prompt` is
 * printed as it is); NULL when there is no terminal.  Free the answer with
 * cli_secret_free, which zeroes it first.
 */
char *cli_prompt_secret(const char *prompt);
void cli_secret_free(char *secret);
/*
 * A password given without a prompt: the file named by --password-file
 * (without its line end), else $OVERENS_PASSWORD.  1 with *out set (free
 * it with cli_secret_free), 0 when neither is given, or an error.
 */
int cli_password_given(char **out, const cli_args *a);

/*
 * answer.c: one answer of an interview read from `in`: a line, or a
 * multi-line answer ("<<" up to a line "." or "<<WORD" up to a line
 * "WORD", its lines joined with "\n").  1 with the answer in `out`
 * (always a string, "" for an empty line), 0 at the end of input, or an
 * error code (OV_EINVALID when the input ends inside a multi-line answer).
 */
int cli_read_answer(ov_buf *out, FILE *in);

/* Shared by the lifecycle event commands (event.c). */
int cli_event(cli_args *a, const cli_command *c);
int cli_event_run(cli_args *a, const char *event, const ov_param *params, size_t n);

/*
 * A column of a table, appended to `b`: `s` (NULL: "-") padded with
 * spaces to `width` terminal columns, or, with `cut`, also cut to at most
 * `width` columns; counted in columns, not bytes: a title with å, ä or ö
 * is neither cut inside a character nor padded short, a combining accent
 * (a decomposed "å") takes none and stays with its letter, a wide
 * character takes two.
 */
int cli_cell(ov_buf *b, const char *s, size_t width, int cut);

void json_str(FILE *f, const char *s);      /* "..." with escapes, or null */
int buf_json_str(ov_buf *b, const char *s); /* the same, appended to b */
void json_key(FILE *f, const char *k, int first);
void json_kv(FILE *f, const char *k, const char *v, int first);   /* "k":"v" (or null) */
void json_kb(FILE *f, const char *k, int v, int first);           /* "k":true|false */
/* A list of dates (status, due) as a JSON array on stdout. */
void cli_json_dates(const ov_date_entry *d, size_t n);

#endif
