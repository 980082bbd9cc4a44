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
