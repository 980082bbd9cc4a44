/*
 * prompt.c - asking the person at the terminal for a secret (a key's
 * password, a new account password) without echoing it.  The terminal is
 * /dev/tty, so a command whose standard input or output is redirected
 * still asks there.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>

#include "overens/buf.h"
#include "overens/error.h"
#include "cli/cli.h"

char *cli_prompt_secret(const char *prompt)
{
	struct termios old, quiet;
	ov_buf b = OV_BUF_INIT;
	FILE *tty = fopen("/dev/tty", "r+");
	int ch, restored = 0;

	if (!tty)
		return NULL;
	/* Echo off before the prompt: what is typed after it is never flushed away. */
	if (tcgetattr(fileno(tty), &old) == 0) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(fileno(tty), TCSAFLUSH, &quiet);
		restored = 1;
	}
	fputs(prompt, tty);
	fflush(tty);
	while ((ch = fgetc(tty)) != EOF && ch != '\n')
		ov_buf_putc(&b, (char)ch);
	if (restored)
		tcsetattr(fileno(tty), TCSAFLUSH, &old);
	fputc('\n', tty);
	fclose(tty);
	return ov_buf_detach(&b);
}

void cli_secret_free(char *secret)
{
	char *p = secret;

	if (!secret)
		return;
	while (*p)
		p++;
	explicit_bzero(secret, (size_t)(p - secret));
	free(secret);
}

int cli_password_given(char **out, const cli_args *a)
{
	const char *file = cli_opt(a, "password-file"), *env = getenv("OVERENS_PASSWORD");
	ov_buf b = OV_BUF_INIT;
	int err;

	*out = NULL;
	if (file) {
		if ((err = ov_buf_read_file(&b, file)) < 0)
			return err;
		while (b.size && (b.ptr[b.size - 1] == '\n' || b.ptr[b.size - 1] == '\r'))
			b.ptr[--b.size] = '\0';
		if (!(*out = ov_buf_detach(&b)))
			return ov_error_set(OV_ENOMEM, "%s", _("out of memory"));
		return 1;
	}
	if (env) {
		if (!(*out = strdup(env)))
			return ov_error_set(OV_ENOMEM, "%s", _("out of memory"));
		return 1;
	}
	return 0;
}
