/*
 * cmd_interview.c - `overens interview ID`: asks the current phase's
 * questions one by one on the terminal and saves each answer as it is
 * given (a list question takes one item a line, an empty line ends it).
 */
#include <stdlib.h>
#include <string.h>

#include "overens/buf.h"
#include "overens/error.h"
#include "overens/query.h"
#include "cli/cli.h"

static const cli_option options[] = {
	CLI_OPTIONS_END,
};

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

static void prompt(const ov_question *q)
{
	printf("\n%s\n", q->text);
	if (q->help)
		printf("  (%s)\n", q->help);
	if (*q->value) {
		printf("  Redan ifyllt: %s\n", q->value);
		printf("  Nytt svar, eller tom rad för att behålla: ");
	} else {
		printf(!strcmp(q->type, "list") ? "  Svar (en punkt per rad, tom rad avslutar): "
						 : "  Svar: ");
	}
	fflush(stdout);
}

/* Asks question `q`, counting saved answers in *saved; 0, or -1 at end of input. */
static int ask(cli_session *s, const char *id, const ov_question *q, ov_buf *line,
	       size_t *saved)
{
	prompt(q);
	for (;;) {
		if (read_line(line) <= 0)
			return -1;
		if (!line->size)
			return 0;
		if (ov_agreement_set(s->ws, s->actor, id, q->field, line->ptr, NULL) < 0) {
			const ov_error *e = ov_error_last();
			printf("  Inte sparat: %s\n  Försök igen: ", e ? e->message : "fel");
			ov_error_clear();
			fflush(stdout);
			continue;
		}
		printf("  Sparat.\n");
		(*saved)++;
		if (strcmp(q->type, "list"))
			return 0;
		printf("  Nästa punkt (tom rad avslutar): ");
		fflush(stdout);
	}
}

static int cmd_interview(cli_args *a, const cli_command *c)
{
	ov_question *q = NULL;
	ov_status *st = NULL;
	ov_buf line = OV_BUF_INIT;
	size_t n = 0, i, asked = 0;
	cli_session s;
	int err, r = 0;

	(void)c;
	if ((err = cli_session_open(&s, a)) < 0 ||
	    (err = ov_agreement_status(&st, s.ws, a->pos[0], NULL)) < 0 ||
	    (err = ov_agreement_questions(&q, &n, s.ws, a->pos[0])) < 0)
		goto done;
	printf("%s – %s\nFas: %s (%s)\n", st->id, st->title, st->phase_label, st->phase);
	if (!n)
		printf("Den här fasen har inga frågor att besvara.\n");
	for (i = 0; i < n && r >= 0; i++)
		r = ask(&s, a->pos[0], &q[i], &line, &asked);
	printf("\n%zu svar sparade. Se 'overens status %s' för vad som återstår.\n", asked,
	       a->pos[0]);
done:
	ov_buf_dispose(&line);
	ov_questions_free(q, n);
	ov_status_free(st);
	return cli_session_close(&s, a, err);
}

const cli_command cli_cmd_interview = {
	"interview", cmd_interview, N_("ID"),
	N_("answer the current phase's questions one by one"),
	N_("Asks the questions of agreement ID's current phase on the terminal and saves\n"
	   "each answer as it is given.  An empty line keeps the present answer (or ends\n"
	   "a list); the end of input stops the interview."),
	options, 1, 1, N_("ID"),
};
