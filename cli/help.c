/*
 * help.c - what the tool says about itself, all read from the command
 * descriptors: `overens --help` (the commands), `overens COMMAND --help`
 * (synopsis, description, options) and two hidden listings for the bash
 * completion, so that it never goes stale:
 *
 *   overens --commands          NAME<TAB>ARGS       one command a line
 *   overens COMMAND --options   --long<TAB>VALUE    one option form a line
 *                               -s<TAB>VALUE        (no tab: a flag)
 *   overens --options           the global options, in the same form
 */
#include <string.h>

#include "overens/buf.h"
#include "cli/cli.h"

const cli_option cli_global_options[] = {
	{ NULL, 'C', CLI_VALUE, N_("DIR"), N_("the workspace (default: $OVERENS_DIR, else .)") },
	{ "as", 0, CLI_VALUE, N_("EMAIL"), N_("act as this person (default: setting user.email)") },
	{ "json", 0, 0, NULL, N_("results, and errors on standard error, as JSON") },
	{ "help", 'h', 0, NULL, N_("show help and exit") },
	{ "version", 'V', 0, NULL, N_("print the version and exit") },
	{ NULL, 0, 0, NULL, NULL },
};

#define HELP_COLUMN 26

static int columns(const char *s);

static void print_option(FILE *f, const cli_option *o)
{
	ov_buf b = OV_BUF_INIT;

	ov_buf_puts(&b, "  ");
	if (o->short_name)
		ov_buf_printf(&b, "-%c%s", o->short_name, o->name ? ", " : "");
	else
		ov_buf_puts(&b, "    ");
	if (o->name)
		ov_buf_printf(&b, "--%s", o->name);
	if (o->flags & CLI_VALUE)
		ov_buf_printf(&b, " %s", _(o->value));
	if (o->flags & CLI_REPEAT)
		ov_buf_puts(&b, " …");
	if (columns(b.ptr) + 2 > HELP_COLUMN)
		fprintf(f, "%s\n%*s%s\n", b.ptr, HELP_COLUMN, "", _(o->help));
	else
		fprintf(f, "%s%*s%s\n", b.ptr, HELP_COLUMN - columns(b.ptr), "",
			_(o->help));
	ov_buf_dispose(&b);
}

static void print_options(FILE *f, const cli_option *t)
{
	for (; t->name || t->short_name; t++)
		if (!(t->flags & CLI_HIDDEN))
			print_option(f, t);
}

/* Columns `s` takes on a terminal: its UTF-8 characters (all one wide here). */
static int columns(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

void cli_help_main(FILE *f)
{
	const char *usage = _("usage:");

	fprintf(f, "%s overens [-C DIR] [--as EMAIL] [--json] COMMAND [ARGS]\n"
		   "%*s overens --help | --version\n\n%s\n\n%s\n",
		usage, columns(usage), "",
		_("Draft, decide, sign, follow up and terminate cooperation agreements."),
		_("commands:"));
	for (size_t i = 0; i < cli_ncommands; i++)
		fprintf(f, "  %-15s %s\n", cli_commands[i]->name, _(cli_commands[i]->summary));
	fprintf(f, "\n%s\n", _("global options:"));
	print_options(f, cli_global_options);
	fprintf(f, "\n%s\n%s\n",
		_("The workspace is found by -C DIR, $OVERENS_DIR or the current folder."),
		_("'overens COMMAND --help' shows a command's options; see also overens(1)."));
}

void cli_print_synopsis(FILE *f, const cli_command *cmd)
{
	const char *syn = cli_tr(cmd->synopsis), *nl;
	int first = 1, indent = 0;

	do {
		int len;

		nl = strchr(syn, '\n');
		len = nl ? (int)(nl - syn) : (int)strlen(syn);
		if (*syn == ' ') {
			fprintf(f, "%*s%.*s\n", indent, "", len - 1, syn + 1);
		} else {
			const char *lead = first ? _("usage:") : _("   or:");
			indent = columns(lead) + (int)strlen(cmd->name) + 10;
			fprintf(f, "%s overens %s %.*s\n", lead, cmd->name, len, syn);
			first = 0;
		}
		syn = nl + 1;
	} while (nl);
}

/* Whether the command's own --version (render's N) hides the global one. */
static int has_own_version(const cli_command *cmd)
{
	for (const cli_option *o = cmd->options; o->name || o->short_name; o++)
		if (o->name && !strcmp(o->name, "version"))
			return 1;
	return 0;
}

void cli_help_command(FILE *f, const cli_command *cmd)
{
	cli_print_synopsis(f, cmd);
	fprintf(f, "\n%s\n", _(cmd->description));
	if (cmd->options[0].name || cmd->options[0].short_name) {
		fprintf(f, "\n%s\n", _("options:"));
		print_options(f, cmd->options);
	}
	fprintf(f, "\n%s\n", _("global options (also after the command):"));
	for (const cli_option *o = cli_global_options; o->name || o->short_name; o++)
		if (!o->name || strcmp(o->name, "version") || !has_own_version(cmd))
			print_option(f, o);
}

void cli_list_commands(FILE *f)
{
	for (size_t i = 0; i < cli_ncommands; i++)
		fprintf(f, "%s\t%s\n", cli_commands[i]->name,
			cli_commands[i]->args ? cli_commands[i]->args : "");
}

static void list_table(FILE *f, const cli_option *t, int skip_version)
{
	for (; t->name || t->short_name; t++) {
		const char *v = (t->flags & CLI_VALUE) ? t->value : NULL;

		if (t->flags & CLI_HIDDEN)
			continue;
		if (skip_version && t->name && !strcmp(t->name, "version"))
			continue;
		if (t->name)
			fprintf(f, "--%s%s%s\n", t->name, v ? "\t" : "", v ? v : "");
		if (t->short_name)
			fprintf(f, "-%c%s%s\n", t->short_name, v ? "\t" : "", v ? v : "");
	}
}

void cli_list_options(FILE *f, const cli_command *cmd)
{
	if (!cmd) {
		list_table(f, cli_global_options, 0);
		return;
	}
	list_table(f, cmd->options, 0);
	list_table(f, cli_global_options, has_own_version(cmd));
}
