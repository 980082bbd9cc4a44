/*
 * main.c - the `overens` tool: global options, the command table and the
 * mapping from engine error codes to exit codes (documented in README.md).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/base/i18n.h"
#include "overens/error.h"
#include "overens/fsck.h"
#include "cli/cli.h"

int cmd_fsck(cli_args *a, const cli_command *c);

static const cli_command commands[] = {
	{ "init", cmd_init, "init [DIR]", "create a workspace (default: the current folder)" },
	{ "config", cmd_config, "config KEY [VALUE]", "read or change a setting (user.email …)" },
	{ "org", cmd_org, "org add --name N --kind K --orgnr NNNNNN-NNNN [--address A] [--contact NAME"
	  " --contact-email E --contact-phone P] | org signatory ORGNR --name N --title T [--email E]",
	  "register an organisation or an authorised signatory" },
	{ "person", cmd_person, "person add EMAIL --name N --org ORGNR --roles \"official board …\"",
	  "register a person who acts for an organisation" },
	{ "new", cmd_new, "new WORKFLOW --party ROLE=ORGNR --party ROLE=ORGNR … [--title T] [--date D]",
	  "start an agreement from a workflow definition" },
	{ "set", cmd_set, "set ID FIELD VALUE [--date D]", "fill in a field" },
	{ "unset", cmd_unset, "unset ID FIELD [--date D]", "clear a field" },
	{ "import", cmd_import, "import ID FILE.xml [--date D]", "fill in fields from an agreement file" },
	{ "interview", cmd_interview, "interview ID", "answer the current phase's questions one by one" },
	{ "contact", cmd_event, "contact ID [--with W] [--notes N] [--date D]", "record the first contact" },
	{ "decide", cmd_event, "decide ID --party P --minutes \"§ 12\" [--body B] [--outcome bifall|avslag]"
	  " [--text T] [--date D]", "record a party's decision" },
	{ "needs", cmd_event, "needs ID [--date D]", "the needs mapping is done" },
	{ "assign", cmd_event, "assign ID [--date D]", "boundaries and assignment are done: ready for signing" },
	{ "sign", cmd_sign, "sign ID --party P (--p12 FILE | --key FILE --cert FILE) "
	  "[--password-file F] [--place P] [--date D] | sign ID --party P --signatory NAME "
	  "[--place P] [--date D]",
	  "sign digitally as the party's authorised signatory (or record a handwritten signature)" },
	{ "cancel-signing", cmd_event, "cancel-signing ID [--date D]", "unfreeze the text before all have signed" },
	{ "followup", cmd_event, "followup ID --decision continue|amend|terminate --answer ID=TEXT … [--date D]",
	  "record the written follow-up" },
	{ "amend", cmd_event, "amend ID --summary TEXT [--date D]", "propose an amendment (a new version)" },
	{ "approve", cmd_event, "approve ID --party P [--date D]", "a party approves the amendment" },
	{ "terminate", cmd_event, "terminate ID --party P [--immediate --reason R] [--date D]",
	  "terminate the agreement (with notice, or immediately on breach)" },
	{ "end", cmd_event, "end ID [--date D]", "record that a terminated agreement has ended" },
	{ "status", cmd_status, "status ID [--date D] [--json]", "phase, what is missing, who acts, coming dates" },
	{ "list", cmd_list, "list [--date D] [--json]", "every agreement with its phase and next date" },
	{ "due", cmd_due, "due [--within 60d] [--date D] [--json]", "dates falling due in a window, soonest first" },
	{ "log", cmd_log, "log ID [--json]", "the history of an agreement" },
	{ "show", cmd_show, "show ID [--rev COMMIT|TAG]", "print the agreement's XML" },
	{ "render", cmd_render, "render ID [--doc agreement|decision|needs|followup|termination|"
	  "amendment|calendar] [--version N] [--rev REV] [--party ROLE] [--index N] [--all] "
	  "[--format pdf|html|txt|ics] -o FILE", "make a document (PDF, HTML, text, iCalendar)" },
	{ "verify", cmd_verify, "verify ID|FILE.pdf [--accept-unproven-time] [--json]",
	  "check every signature, the signed text against git and that all parties signed" },
	{ "export", cmd_export, "export ID --signed -o FILE.pdf",
	  "write the agreement's current signed PDF to a file" },
	{ "trust", cmd_trust, "trust add CA.pem | trust list | trust remove FINGERPRINT",
	  "the CA certificates whose signatures the workspace trusts" },
	{ "reindex", cmd_reindex, "reindex", "rebuild the SQLite index from git" },
	{ "fsck", cmd_fsck, "fsck [--repair] [--json] | fsck --acknowledge KEY",
	  "check the history (moves of main, trailers, tags); repair or acknowledge findings" },
	{ "demo", cmd_demo, "demo [DIR]", "walk the Helsingborg example through its lifecycle" },
};

static void usage(FILE *f)
{
	fprintf(f, "usage: overens [-C DIR] [--as EMAIL] COMMAND [ARGS]\n\ncommands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-15s %s\n", commands[i].name, commands[i].help);
	fprintf(f, "\nThe workspace is found by -C DIR, $OVERENS_DIR or the current folder.\n"
		   "'overens COMMAND --help' shows a command's options.\n");
}

static int is_flag(const char *key)
{
	return !strcmp(key, "json") || !strcmp(key, "immediate") || !strcmp(key, "help") ||
	       !strcmp(key, "repair") ||
	       !strcmp(key, "all") || !strcmp(key, "accept-unproven-time") ||
	       !strcmp(key, "signed");
}

int main(int argc, char **argv)
{
	cli_args a;
	const cli_command *cmd = NULL;
	int i;

	ov_i18n_init(); /* messages in the language of the locale */
	memset(&a, 0, sizeof(a));
	ov_fsck_warn_to(stderr); /* every command warns about unacknowledged findings */
	for (i = 1; i < argc; i++) {
		const char *s = argv[i];
		if (!strcmp(s, "-C") || !strcmp(s, "--as")) {
			if (i + 1 >= argc) {
				fprintf(stderr, "overens: %s needs a value\n", s);
				return 2;
			}
			if (s[1] == 'C')
				a.dir = argv[++i];
			else
				a.as = argv[++i];
		} else if (!strcmp(s, "--json")) {
			a.json = 1;
		} else if (!strncmp(s, "--", 2) && s[2]) {
			char *key = argv[i] + 2, *eq = strchr(key, '=');
			if (a.nopt == CLI_MAX_ARGS) {
				fprintf(stderr, "overens: too many options\n");
				return 2;
			}
			if (eq) {
				*eq = '\0'; /* argv is ours to split */
				a.opt[a.nopt].key = key;
				a.opt[a.nopt++].value = eq + 1;
			} else if (is_flag(key)) {
				a.opt[a.nopt].key = key;
				a.opt[a.nopt++].value = "yes";
			} else {
				if (i + 1 >= argc) {
					fprintf(stderr, "overens: --%s needs a value\n", key);
					return 2;
				}
				a.opt[a.nopt].key = key;
				a.opt[a.nopt++].value = argv[++i];
			}
		} else if (!cmd) {
			for (size_t j = 0; j < sizeof(commands) / sizeof(commands[0]); j++)
				if (!strcmp(commands[j].name, s))
					cmd = &commands[j];
			if (!cmd) {
				if (!strcmp(s, "help") || !strcmp(s, "-h")) {
					usage(stdout);
					return 0;
				}
				fprintf(stderr, "overens: unknown command '%s'\n\n", s);
				usage(stderr);
				return 2;
			}
		} else {
			if (a.npos == CLI_MAX_ARGS) {
				fprintf(stderr, "overens: too many arguments\n");
				return 2;
			}
			a.pos[a.npos++] = s;
		}
	}
	if (!cmd) {
		usage(cli_opt(&a, "help") ? stdout : stderr);
		return cli_opt(&a, "help") ? 0 : 2;
	}
	if (cli_opt(&a, "help")) {
		printf("usage: overens %s\n\n%s\n", cmd->usage, cmd->help);
		return 0;
	}
	return cmd->run(&a, cmd);
}
