/*
 * args.c - the one command-line parser, with getopt_long's rules:
 *
 *   --long VALUE, --long=VALUE     an option that takes a value
 *   --flag                         a flag (--flag=x is an error)
 *   -o VALUE, -oVALUE, -xy         short forms; flags may be grouped
 *   --                             ends the options; the rest are positional
 *   options and positionals in any order; a lone "-" and a negative
 *   number ("-5") are positional
 *   repeatable options are kept in the order given; others once only
 *
 * Each command's options come from its own table (cmd_<verb>.c); the global
 * options that may follow the command (-C, --as, --json, --help, and
 * --version where the command has no --version of its own) are accepted
 * everywhere.  Every mistake gets its own message naming the
 * option and the command, and exit code 2.  Long names are matched whole,
 * never by prefix, so a new option cannot change what an old command line
 * meant.
 */
#include <string.h>

#include "cli/cli.h"

/* The global options that may also follow the command. */
static const cli_option after_command[] = {
	{ NULL, 'C', CLI_VALUE, "DIR", NULL },
	{ "as", 0, CLI_VALUE, "EMAIL", NULL },
	{ "json", 0, 0, NULL, NULL },
	{ "help", 'h', 0, NULL, NULL },
	{ "version", 'V', 0, NULL, NULL },  /* unless the command has its own (render) */
	{ "options", 0, CLI_HIDDEN, NULL, NULL },
	{ NULL, 0, 0, NULL, NULL },
};

typedef struct parse_state {
	cli_args *a;
	const cli_command *cmd;
	int argc;
	char **argv;
	int i;             /* the argument being read */
	int *help, *list;
} parse_state;

static const cli_option *find_long(const cli_option *t, const char *name, size_t len)
{
	for (; t->name || t->short_name; t++)
		if (t->name && strlen(t->name) == len && !strncmp(t->name, name, len))
			return t;
	return NULL;
}

static const cli_option *find_short(const cli_option *t, char c)
{
	for (; t->name || t->short_name; t++)
		if (t->short_name == c)
			return t;
	return NULL;
}

/* Records option `o` of the command (not a global one) with `value`. */
static int record(parse_state *p, const cli_option *o, const char *value, const char *given)
{
	cli_args *a = p->a;

	if (!(o->flags & CLI_REPEAT))
		for (size_t k = 0; k < a->nopt; k++)
			if (!strcmp(a->opt[k].key, o->name))
				return cli_usage(a, p->cmd, _("option '%s' given more than once"),
						 given);
	if (a->nopt == CLI_MAX_ARGS)
		return cli_usage(a, p->cmd, _("too many options"));
	a->opt[a->nopt].key = o->name;
	a->opt[a->nopt++].value = value ? value : "yes";
	return 0;
}

/* Applies option `o` (found in the command's table or the global one). */
static int apply(parse_state *p, const cli_option *o, int global, const char *value,
		 const char *given)
{
	if (!global)
		return record(p, o, value, given);
	if (o->short_name == 'C')
		p->a->dir = value;
	else if (!strcmp(o->name, "as"))
		p->a->as = value;
	else if (!strcmp(o->name, "json"))
		p->a->json = 1;
	else if (!strcmp(o->name, "help"))
		*p->help = 1;
	else if (!strcmp(o->name, "options"))
		*p->list = 1;
	else if (!strcmp(o->name, "version"))
		p->a->version = 1;
	return 0;
}

static int unknown(parse_state *p, const char *given)
{
	const char *n = p->cmd->name;

	return cli_usage(p->a, p->cmd,
			 _("unknown option '%s' for 'overens %s'; see 'overens %s --help'"),
			 given, n, n);
}

static int long_option(parse_state *p, const char *arg)
{
	const char *name = arg + 2, *eq = strchr(name, '=');
	size_t len = eq ? (size_t)(eq - name) : strlen(name);
	const cli_option *o = find_long(p->cmd->options, name, len);
	int global = 0;
	char given[64];

	snprintf(given, sizeof(given), "--%.*s", (int)(len < 60 ? len : 60), name);
	if (!o && (o = find_long(after_command, name, len)))
		global = 1;
	if (!o)
		return unknown(p, given);
	if (!(o->flags & CLI_VALUE)) {
		if (eq)
			return cli_usage(p->a, p->cmd, _("option '%s' takes no value"), given);
		return apply(p, o, global, NULL, given);
	}
	if (eq)
		return apply(p, o, global, eq + 1, given);
	if (p->i + 1 >= p->argc)
		return cli_usage(p->a, p->cmd, _("option '%s' needs a value (%s %s)"), given, given,
				 _(o->value));
	return apply(p, o, global, p->argv[++p->i], given);
}

static int short_options(parse_state *p, const char *arg)
{
	for (const char *c = arg + 1; *c; c++) {
		const cli_option *o = find_short(p->cmd->options, *c);
		int global = 0, err;
		char given[3] = { '-', *c, '\0' };

		if (!o && (o = find_short(after_command, *c)))
			global = 1;
		if (!o)
			return unknown(p, given);
		if (!(o->flags & CLI_VALUE)) {
			if ((err = apply(p, o, global, NULL, given)))
				return err;
			continue;
		}
		if (c[1])
			return apply(p, o, global, c + 1, given);
		if (p->i + 1 >= p->argc)
			return cli_usage(p->a, p->cmd, _("option '%s' needs a value (%s %s)"), given,
					 given, _(o->value));
		return apply(p, o, global, p->argv[++p->i], given);
	}
	return 0;
}

static int check_count(const cli_args *a, const cli_command *cmd)
{
	if (a->npos > cmd->max_args) {
		if (!cmd->max_args)
			return cli_usage(a, cmd, _("'overens %s' takes no arguments, got '%s'"),
					 cmd->name, a->pos[0]);
		return cli_usage(a, cmd, _("too many arguments for 'overens %s': '%s' (it takes %s)"),
				 cmd->name, a->pos[cmd->max_args], _(cmd->args));
	}
	if (a->npos < cmd->min_args)
		return cli_usage(a, cmd, _("missing arguments for 'overens %s': give %s"), cmd->name,
				 _(cmd->args));
	return 0;
}

int cli_parse(cli_args *a, const cli_command *cmd, int argc, char **argv, int i, int *help,
	      int *list_options)
{
	parse_state p = { a, cmd, argc, argv, i, help, list_options };
	int ended = 0, err;

	for (; p.i < argc; p.i++) {
		const char *s = argv[p.i];

		if (!ended && !strcmp(s, "--")) {
			ended = 1;
		} else if (ended || s[0] != '-' || !s[1] || (s[1] >= '0' && s[1] <= '9')) {
			/* A negative number ("-5") is a value: no option is a digit. */
			if (a->npos == CLI_MAX_ARGS)
				return cli_usage(a, cmd, _("too many arguments"));
			a->pos[a->npos++] = s;
		} else if ((err = s[1] == '-' ? long_option(&p, s) : short_options(&p, s))) {
			return err;
		}
	}
	if (*help || *list_options || a->version)
		return 0;
	return check_count(a, cmd);
}
