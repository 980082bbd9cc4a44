/*
 * cmd_change.c - commands that change an agreement: new, set, unset,
 * import, interview and the lifecycle events.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "overens/buf.h"
#include "overens/error.h"
#include "overens/query.h"
#include "cli/cli.h"

typedef struct session {
	ov_workspace *ws;
	char *actor;
} session;

static int begin(session *s, const cli_args *a)
{
	int err;

	memset(s, 0, sizeof(*s));
	if ((err = cli_open(&s->ws, a)) < 0 || (err = cli_actor(&s->actor, s->ws, a)) < 0)
		return err;
	return OV_OK;
}

static int end(session *s, int err)
{
	int rc = err < 0 ? cli_fail(err) : 0;

	free(s->actor);
	ov_workspace_free(s->ws);
	return rc;
}

int cmd_new(cli_args *a, const cli_command *c)
{
	ov_param parties[CLI_MAX_ARGS];
	char *split[CLI_MAX_ARGS];
	size_t n = 0, i;
	session s;
	char *id = NULL;
	int err;

	if (a->npos != 1)
		return cli_usage(c, "give the workflow's name");
	if ((err = cli_only(a, "party title date", c)))
		return err;
	for (i = 0; i < a->nopt; i++) {
		const char *eq;
		if (strcmp(a->opt[i].key, "party"))
			continue;
		eq = strchr(a->opt[i].value, '=');
		if (!eq) {
			for (size_t j = 0; j < n; j++)
				free(split[j]);
			return cli_usage(c, "--party takes ROLE=ORGNR");
		}
		split[n] = strndup(a->opt[i].value, (size_t)(eq - a->opt[i].value));
		parties[n].key = split[n];
		parties[n].value = eq + 1;
		n++;
	}
	if ((err = begin(&s, a)) >= 0 &&
	    (err = ov_agreement_create(&id, s.ws, s.actor, a->pos[0], parties, n,
				       cli_opt(a, "title"), cli_opt(a, "date"))) >= 0)
		printf("%s\n", id);
	free(id);
	for (i = 0; i < n; i++)
		free(split[i]);
	return end(&s, err);
}

int cmd_set(cli_args *a, const cli_command *c)
{
	session s;
	int err;

	if (a->npos != 3)
		return cli_usage(c, "give ID, FIELD and VALUE");
	if ((err = cli_only(a, "date", c)))
		return err;
	if ((err = begin(&s, a)) >= 0)
		err = ov_agreement_set(s.ws, s.actor, a->pos[0], a->pos[1], a->pos[2],
				       cli_opt(a, "date"));
	return end(&s, err);
}

int cmd_unset(cli_args *a, const cli_command *c)
{
	session s;
	int err;

	if (a->npos != 2)
		return cli_usage(c, "give ID and FIELD");
	if ((err = cli_only(a, "date", c)))
		return err;
	if ((err = begin(&s, a)) >= 0)
		err = ov_agreement_set(s.ws, s.actor, a->pos[0], a->pos[1], NULL,
				       cli_opt(a, "date"));
	return end(&s, err);
}

int cmd_import(cli_args *a, const cli_command *c)
{
	ov_buf data = OV_BUF_INIT;
	session s;
	int err;

	if (a->npos != 2)
		return cli_usage(c, "give ID and FILE.xml");
	if ((err = cli_only(a, "date", c)))
		return err;
	if ((err = begin(&s, a)) >= 0 && (err = ov_buf_read_file(&data, a->pos[1])) >= 0)
		err = ov_agreement_import(s.ws, s.actor, a->pos[0], data.ptr, data.size,
					  a->pos[1], cli_opt(a, "date"));
	if (err >= 0)
		printf("Importerade fält från %s\n", a->pos[1]);
	ov_buf_dispose(&data);
	return end(&s, err);
}

/* Reads one line from stdin into `out` without the newline; 0 at end of input. */
static int read_line(ov_buf *out)
{
	int ch, any = 0;

	ov_buf_clear(out);
	while ((ch = getchar()) != EOF) {
		any = 1;
		if (ch == '\n')
			break;
		if (ov_buf_putc(out, (char)ch) < 0)
			return -1;
	}
	if (out->size && out->ptr[out->size - 1] == '\r')
		out->ptr[--out->size] = '\0';
	return any;
}

int cmd_interview(cli_args *a, const cli_command *c)
{
	ov_question *q = NULL;
	ov_status *st = NULL;
	ov_buf line = OV_BUF_INIT;
	size_t n = 0, i, asked = 0;
	session s;
	int err, more = 1;

	if (a->npos != 1)
		return cli_usage(c, "give the agreement's ID");
	if ((err = cli_only(a, "", c)))
		return err;
	if ((err = begin(&s, a)) < 0 ||
	    (err = ov_agreement_status(&st, s.ws, a->pos[0], NULL)) < 0 ||
	    (err = ov_agreement_questions(&q, &n, s.ws, a->pos[0])) < 0)
		goto done;
	printf("%s – %s\nFas: %s (%s)\n", st->id, st->title, st->phase_label, st->phase);
	if (!n)
		printf("Den här fasen har inga frågor att besvara.\n");
	for (i = 0; i < n && more; i++) {
		int is_list = !strcmp(q[i].type, "list");
		printf("\n%s\n", q[i].text);
		if (q[i].help)
			printf("  (%s)\n", q[i].help);
		if (*q[i].value) {
			printf("  Redan ifyllt: %s\n", q[i].value);
			printf("  Nytt svar, eller tom rad för att behålla: ");
		} else {
			printf(is_list ? "  Svar (en punkt per rad, tom rad avslutar): " : "  Svar: ");
		}
		fflush(stdout);
		for (;;) {
			int r = read_line(&line);
			if (r <= 0) {
				more = 0;
				break;
			}
			if (!line.size)
				break;
			err = ov_agreement_set(s.ws, s.actor, a->pos[0], q[i].field, line.ptr, NULL);
			if (err < 0) {
				const ov_error *e = ov_error_last();
				printf("  Inte sparat: %s\n  Försök igen: ", e ? e->message : "fel");
				ov_error_clear();
				err = OV_OK;
				fflush(stdout);
				continue;
			}
			printf("  Sparat.\n");
			asked++;
			if (!is_list)
				break;
			printf("  Nästa punkt (tom rad avslutar): ");
			fflush(stdout);
		}
	}
	printf("\n%zu svar sparade. Se 'overens status %s' för vad som återstår.\n", asked,
	       a->pos[0]);
done:
	ov_buf_dispose(&line);
	ov_questions_free(q, n);
	ov_status_free(st);
	return end(&s, err);
}

int cmd_event(cli_args *a, const cli_command *c)
{
	ov_param params[CLI_MAX_ARGS];
	char *keys[CLI_MAX_ARGS];
	size_t n = 0, nkeys = 0, i;
	session s;
	int err;

	/* "step ID STEP" names the step; the other commands are their event. */
	int step = !strcmp(c->name, "step");
	const char *event = step && a->npos == 2 ? a->pos[1] : c->name;

	if (a->npos != (step ? 2u : 1u))
		return cli_usage(c, step ? "give the agreement's ID and the step" :
				 "give the agreement's ID");
	for (i = 0; i < a->nopt; i++) {
		const char *k = a->opt[i].key, *v = a->opt[i].value;
		if (!strcmp(k, "date"))
			continue;
		if (!strcmp(k, "answer")) {
			const char *eq = strchr(v, '=');
			ov_buf key = OV_BUF_INIT;
			if (!eq) {
				for (size_t j = 0; j < nkeys; j++)
					free(keys[j]);
				return cli_usage(c, "--answer takes ID=TEXT");
			}
			ov_buf_puts(&key, "answer.");
			ov_buf_put(&key, v, (size_t)(eq - v));
			keys[nkeys] = ov_buf_detach(&key);
			params[n].key = keys[nkeys++];
			params[n++].value = eq + 1;
			continue;
		}
		params[n].key = k;
		params[n++].value = v;
	}
	if ((err = begin(&s, a)) >= 0 &&
	    (err = ov_agreement_event(s.ws, s.actor, a->pos[0], event, params, n,
				      cli_opt(a, "date"))) >= 0) {
		ov_status *st = NULL;
		if (ov_agreement_status(&st, s.ws, a->pos[0], cli_opt(a, "date")) >= 0) {
			printf("%s: %s – nu i fasen %s (%s)\n", a->pos[0], event, st->phase_label,
			       st->phase);
			ov_status_free(st);
		} else {
			ov_error_clear();
		}
	}
	for (i = 0; i < nkeys; i++)
		free(keys[i]);
	return end(&s, err);
}
