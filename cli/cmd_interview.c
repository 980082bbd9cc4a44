/*
 * cmd_interview.c - `overens interview ID`: asks the current phase's
 * questions one by one and saves each answer as it is given (a list
 * question takes one item an answer, an empty line ends it).  In a phase
 * with follow-up questions it then asks those and the decision, and
 * records the follow-up with the same engine event as `overens followup`.
 *
 * An answer is a line, or several lines between a line "<<" and a line
 * "." (or "<<WORD" and "WORD"); see answer.c.  At a terminal a refused
 * answer is asked again.  From a pipe or a file it stops the interview:
 * the error names the question and why, nothing after it is read, and the
 * exit code is not 0.  The answers saved before it stay (each is its own
 * event, as at a terminal), so running the interview again shows them as
 * filled in and asks only what is left.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "overens/agreement.h"
#include "overens/buf.h"
#include "overens/error.h"
#include "overens/query.h"
#include "cli/cli.h"

static const cli_option options[] = {
	CLI_OPT_DATE(N_("the day of the follow-up (default: today in Sweden)")),
	CLI_OPTIONS_END,
};

typedef struct interview {
	cli_session s;
	const char *id, *date;
	int tty;          /* standard input is a terminal: a refused answer is asked again */
	ov_buf answer;
	size_t saved;
} interview;

/* Stops the interview at question `field` ("text"): the current error, with the question. */
static int stop_at(const char *field, const char *text)
{
	return ov_error_prefix("question %s \"%s\": the answer was refused and no later answer "
			       "was read", field, text);
}

/* Whether a refusal with `err` is asked again: at a terminal, for a bad value only. */
static int ask_again(const interview *iv, int err)
{
	const ov_error *e = ov_error_last();

	if (!iv->tty || err != OV_EINVALID)
		return 0;
	printf("  Inte sparat: %s\n  Försök igen: ", e ? e->message : "fel");
	ov_error_clear();
	fflush(stdout);
	return 1;
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
		printf(!strcmp(q->type, "costs") ? "  Svar (en kostnad per rad, \"Vad = belopp\", tom rad avslutar): "
		       : !strcmp(q->type, "list") ? "  Svar (en punkt per rad, tom rad avslutar): "
						 : "  Svar: ");
	}
	fflush(stdout);
}

/* Asks question `q` and saves its answers: 0, 1 at the end of input, or an error. */
static int ask(interview *iv, const ov_question *q)
{
	int r;

	prompt(q);
	for (;;) {
		if ((r = cli_read_answer(&iv->answer, stdin)) <= 0)
			return r < 0 ? stop_at(q->field, q->text) : 1;
		if (!iv->answer.size)
			return 0;
		r = ov_agreement_set(iv->s.ws, iv->s.actor, iv->id, q->field, iv->answer.ptr,
				     NULL);
		if (r < 0) {
			if (ask_again(iv, r))
				continue;
			return stop_at(q->field, q->text);
		}
		printf("  Sparat.\n");
		iv->saved++;
		if (strcmp(q->type, "list") && strcmp(q->type, "costs"))
			return 0;
		printf("  Nästa punkt (tom rad avslutar): ");
		fflush(stdout);
	}
}

/* The current phase's questions: 0 (also at the end of input) or an error. */
static int ask_questions(interview *iv, const ov_question *q, size_t n)
{
	int r = 0;

	for (size_t i = 0; i < n && r == 0; i++)
		r = ask(iv, &q[i]);
	printf("\n%zu svar sparade.\n", iv->saved);
	return r < 0 ? r : 0;
}

/* --- the follow-up ------------------------------------------------------------------ */

/* Whether `v` is one of the values of `choices` ("value|Label" lines). */
static int is_choice(const char *choices, const char *v)
{
	size_t len = strlen(v);

	for (const char *c = choices; c && *c;) {
		const char *nl = strchr(c, '\n'), *bar = strchr(c, '|');
		size_t vlen = bar && (!nl || bar < nl) ? (size_t)(bar - c)
						       : nl ? (size_t)(nl - c) : strlen(c);
		if (vlen == len && !strncmp(c, v, len))
			return 1;
		c = nl ? nl + 1 : c + strlen(c);
	}
	return 0;
}

static void prompt_input(const ov_step_input *in)
{
	printf("\n%s\n", in->label);
	for (const char *c = in->choices; c && *c;) {
		const char *nl = strchr(c, '\n'), *bar = strchr(c, '|');
		int len = nl ? (int)(nl - c) : (int)strlen(c);
		if (bar && bar < c + len)
			printf("  %.*s = %.*s\n", (int)(bar - c), c, (int)(c + len - bar - 1), bar + 1);
		c = nl ? nl + 1 : c + len;
	}
	printf(in->choices ? "  Välj: " : "  Svar: ");
	fflush(stdout);
}

/* The engine's rules for one input, as its description states them. */
static int check_input(const ov_step_input *in, const char *v)
{
	if (!*v)
		return in->required ? ov_error_set(OV_EINVALID, "an answer is needed") : OV_OK;
	if (in->choices && !is_choice(in->choices, v))
		return ov_error_set(OV_EINVALID, "'%s' is not one of the choices listed", v);
	return OV_OK;
}

/* Asks input `in`; *out its answer (NULL when left empty): 0, 1 at the end of input, or an error. */
static int ask_input(interview *iv, const ov_step_input *in, char **out)
{
	int r;

	*out = NULL;
	prompt_input(in);
	for (;;) {
		if ((r = cli_read_answer(&iv->answer, stdin)) <= 0)
			return r < 0 ? stop_at(in->name, in->label) : 1;
		if ((r = check_input(in, iv->answer.ptr)) < 0) {
			if (ask_again(iv, r))
				continue;
			return stop_at(in->name, in->label);
		}
		if (iv->answer.size && !(*out = strdup(iv->answer.ptr)))
			return ov_error_set(OV_ENOMEM, "out of memory");
		return 0;
	}
}

/* Asks each input (the answers before the rest) into params/values; 0 or an error. */
static int ask_inputs(interview *iv, const ov_step_input *in, size_t n, ov_param *params,
		      char **values, size_t *np)
{
	int r = 0;

	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < n && r == 0; i++) {
			char *v = NULL;
			if ((strncmp(in[i].name, "answer.", 7) != 0) != pass)
				continue;
			if ((r = ask_input(iv, &in[i], &v)) == 1)
				return ov_error_set(OV_EINVALID,
					"the input ended before %s (%s) was answered", in[i].name,
					in[i].label);
			if (r == 0 && v) {
				values[*np] = v;
				params[*np].key = in[i].name;
				params[(*np)++].value = v;
			}
		}
	return r;
}

/* The follow-up step of the status, when the acting person may take it; else an error. */
static int followup_step(const ov_status *st, const ov_status_step **out)
{
	*out = NULL;
	for (size_t i = 0; i < st->nsteps; i++)
		if (!strcmp(st->steps[i].event, "followup"))
			*out = &st->steps[i];
	if (*out && !(*out)->may)
		return ov_error_set(OV_EDENIED, "you may not record the follow-up of %s: %s",
				    st->id, (*out)->denied ? (*out)->denied : "");
	return OV_OK;
}

/* Asks the follow-up's questions and decision and records it; 0 or an error. */
static int ask_followup(interview *iv, const ov_status *st)
{
	ov_step_input *in = NULL;
	ov_param *params = NULL;
	char **values = NULL;
	size_t n = 0, np = 0;
	int err;

	printf("\nUppföljning (%zu frågor och ett beslut; uppföljningen registreras när alla "
	       "är besvarade):\n", st->nfollowup);
	if ((err = ov_step_inputs(&in, &n, iv->s.ws, iv->id, "followup")) < 0)
		goto done;
	params = calloc(n + 1, sizeof(*params));
	values = calloc(n + 1, sizeof(*values));
	if (!params || !values) {
		err = ov_error_set(OV_ENOMEM, "out of memory");
		goto done;
	}
	if ((err = ask_inputs(iv, in, n, params, values, &np)) < 0 ||
	    (err = ov_agreement_event(iv->s.ws, iv->s.actor, iv->id, "followup", params, np,
				      iv->date)) < 0)
		goto done;
	printf("\nUppföljningen är registrerad.\n");
done:
	if (err < 0)
		ov_error_prefix("the follow-up was not recorded");
	for (size_t i = 0; values && i < np; i++)
		free(values[i]);
	free(values);
	free(params);
	ov_step_inputs_free(in, n);
	return err;
}

/* --- the command ---------------------------------------------------------------------- */

static int run(interview *iv)
{
	ov_question *q = NULL;
	ov_status *st = NULL;
	const ov_status_step *fu = NULL;
	size_t n = 0;
	int err;

	if ((err = ov_agreement_status_for(&st, iv->s.ws, iv->id, iv->date, iv->s.actor)) < 0 ||
	    (err = ov_agreement_questions(&q, &n, iv->s.ws, iv->id)) < 0)
		goto done;
	printf("%s – %s\nFas: %s (%s)\n", st->id, st->title, st->phase_label, st->phase);
	if (st->nfollowup && (err = followup_step(st, &fu)) < 0)
		goto done;
	if (!n && !fu)
		printf("Den här fasen har inga frågor att besvara.\n");
	if (n && (err = ask_questions(iv, q, n)) < 0)
		goto done;
	if (fu)
		err = ask_followup(iv, st);
	printf("Se 'overens status %s' för vad som återstår.\n", iv->id);
done:
	ov_questions_free(q, n);
	ov_status_free(st);
	return err;
}

static int cmd_interview(cli_args *a, const cli_command *c)
{
	interview iv = { .id = a->pos[0], .date = cli_opt(a, "date"),
			 .tty = isatty(STDIN_FILENO), .answer = OV_BUF_INIT };
	int err;

	(void)c;
	if ((err = cli_session_open(&iv.s, a)) >= 0)
		err = run(&iv);
	ov_buf_dispose(&iv.answer);
	return cli_session_close(&iv.s, a, err);
}

const cli_command cli_cmd_interview = {
	"interview", cmd_interview, N_("ID [--date DATE]"),
	N_("answer the current phase's questions one by one"),
	N_("Asks the questions of agreement ID's current phase and saves each answer as\n"
	   "it is given.  An empty line keeps the present answer (or ends a list); the\n"
	   "end of input stops the interview.  In a phase with follow-up questions it\n"
	   "then asks those and the decision (continue, amend or terminate) and records\n"
	   "the follow-up as 'overens followup' does, once every answer is given.\n"
	   "\n"
	   "An answer of several lines starts with a line '<<' and ends with a line\n"
	   "holding only '.'; or starts with '<<WORD' and ends with a line 'WORD'.  The\n"
	   "line breaks are kept.  This works typed and piped alike.\n"
	   "\n"
	   "At a terminal a refused answer is asked again.  When standard input is not a\n"
	   "terminal, a refused answer stops the interview with an error that names the\n"
	   "question and why, and no later answer is read; the answers saved before it\n"
	   "stay (each is its own event).  A follow-up is recorded whole or not at all."),
	options, 1, 1, N_("ID"),
};
