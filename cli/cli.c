/*
 * cli.c - shared helpers of the tool: options, workspace lookup, the
 * acting person, error printing with exit codes, JSON strings.
 *
 * Exit codes: 0 success, 1 other failure, 2 bad usage or invalid input,
 * 3 not found, 4 not allowed, 5 step refused (something missing),
 * 6 conflict, 7 verification failed, 8 no workspace.
 */
#include <stdlib.h>
#include <string.h>

#include "overens/error.h"
#include "cli/cli.h"

const char *cli_opt(const cli_args *a, const char *key)
{
	const char *v = NULL;

	for (size_t i = 0; i < a->nopt; i++)
		if (!strcmp(a->opt[i].key, key))
			v = a->opt[i].value;
	return v;
}

static int word_in(const char *list, const char *w)
{
	size_t n = strlen(w);

	for (const char *p = list; *p;) {
		while (*p == ' ')
			p++;
		if (!strncmp(p, w, n) && (p[n] == ' ' || !p[n]))
			return 1;
		while (*p && *p != ' ')
			p++;
	}
	return 0;
}

int cli_only(const cli_args *a, const char *allowed, const cli_command *cmd)
{
	for (size_t i = 0; i < a->nopt; i++)
		if (!word_in(allowed, a->opt[i].key)) {
			fprintf(stderr, "overens %s: unknown option --%s\nusage: overens %s\n",
				cmd->name, a->opt[i].key, cmd->usage);
			return 2;
		}
	return 0;
}

int cli_usage(const cli_command *cmd, const char *why)
{
	fprintf(stderr, "overens %s: %s\nusage: overens %s\n", cmd->name, why, cmd->usage);
	return 2;
}

int cli_fail(int code)
{
	const ov_error *e = ov_error_last();

	fprintf(stderr, "overens: %s\n", e ? e->message : ov_error_name(code));
	ov_error_clear();
	switch (code) {
	case OV_EINVALID:  return 2;
	case OV_ENOTFOUND: return 3;
	case OV_EDENIED:   return 4;
	case OV_EGUARD:    return 5;
	case OV_ECONFLICT: return 6;
	case OV_EVERIFY:   return 7;
	case OV_ENOWS:     return 8;
	default:           return 1;
	}
}

int cli_open(ov_workspace **out, const cli_args *a)
{
	const char *dir = a->dir;

	if (!dir || !*dir)
		dir = getenv("OVERENS_DIR");
	if (!dir || !*dir)
		dir = ".";
	return ov_workspace_open(out, dir);
}

int cli_actor(char **out, ov_workspace *ws, const cli_args *a)
{
	int err;

	*out = NULL;
	if (a->as && *a->as) {
		*out = strdup(a->as);
		return *out ? OV_OK : ov_error_set(OV_ENOMEM, "out of memory");
	}
	if ((err = ov_config_get(out, ws, "user.email")) < 0)
		return err;
	if (!*out)
		return ov_error_set(OV_EINVALID,
			"who is acting? give --as EMAIL or run 'overens config user.email EMAIL'");
	return OV_OK;
}

void json_str(FILE *f, const char *s)
{
	if (!s) {
		fputs("null", f);
		return;
	}
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':  fputs("\\\"", f); break;
		case '\\': fputs("\\\\", f); break;
		case '\n': fputs("\\n", f); break;
		case '\r': fputs("\\r", f); break;
		case '\t': fputs("\\t", f); break;
		default:
			if (*p < 0x20)
				fprintf(f, "\\u%04x", *p);
			else
				fputc(*p, f);
		}
	}
	fputc('"', f);
}

void json_key(FILE *f, const char *k, int first)
{
	if (!first)
		fputc(',', f);
	json_str(f, k);
	fputc(':', f);
}

void json_kv(FILE *f, const char *k, const char *v, int first)
{
	json_key(f, k, first);
	json_str(f, v);
}

void json_kb(FILE *f, const char *k, int v, int first)
{
	json_key(f, k, first);
	fputs(v ? "true" : "false", f);
}
