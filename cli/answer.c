/*
 * answer.c - reading one answer of `overens interview` from standard
 * input, the same way whether it is typed or piped:
 *
 *   a line                      the answer is that line (an empty line is
 *                               an empty answer)
 *   <<                          a multi-line answer: the lines that follow,
 *   line 1                      with their line breaks, up to a line with
 *   line 2                      only "."
 *   .
 *   <<END                       the same with a terminating word of one's
 *   …                           own (letters, digits, '_' and '-'), for a
 *   END                         text that has a line with only "."
 *
 * A trailing carriage return is dropped from every line.
 */
#include <ctype.h>
#include <string.h>

#include "overens/buf.h"
#include "overens/error.h"
#include "cli/cli.h"

/* One line into `out` without its end; 1, 0 at the end of input, or OV_ENOMEM. */
static int read_line(ov_buf *out, FILE *in)
{
	int ch, any = 0;

	ov_buf_clear(out);
	if (ov_buf_put(out, "", 0) < 0)
		return OV_ENOMEM;
	while ((ch = getc(in)) != EOF) {
		any = 1;
		if (ch == '\n')
			break;
		if (ov_buf_putc(out, (char)ch) < 0)
			return OV_ENOMEM;
	}
	if (out->size && out->ptr[out->size - 1] == '\r')
		out->ptr[--out->size] = '\0';
	return any;
}

/* The terminating line a line that starts a multi-line answer names, or NULL. */
static const char *multiline_end(const char *line)
{
	const char *p;

	if (strncmp(line, "<<", 2))
		return NULL;
	if (!line[2])
		return ".";
	for (p = line + 2; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '_' && *p != '-')
			return NULL;
	return line + 2;
}

/* The lines up to the one equal to `end`, joined with "\n", into `out`. */
static int read_multiline(ov_buf *out, FILE *in, const char *end)
{
	ov_buf line = OV_BUF_INIT;
	int r, lines = 0;

	ov_buf_clear(out);
	if (ov_buf_put(out, "", 0) < 0)
		return OV_ENOMEM;
	while ((r = read_line(&line, in)) > 0 && strcmp(line.ptr, end)) {
		if ((lines++ && ov_buf_putc(out, '\n') < 0) ||
		    ov_buf_put(out, line.ptr, line.size) < 0) {
			r = OV_ENOMEM;
			break;
		}
	}
	ov_buf_dispose(&line);
	if (r == 0)
		return ov_error_set(OV_EINVALID,
			"the input ended inside a multi-line answer: a line with only '%s' ends it",
			end);
	return r < 0 ? r : 1;
}

int cli_read_answer(ov_buf *out, FILE *in)
{
	ov_buf first = OV_BUF_INIT;
	const char *end;
	int r;

	if ((r = read_line(&first, in)) <= 0) {
		ov_buf_dispose(&first);
		return r;
	}
	if ((end = multiline_end(first.ptr)) != NULL) {
		r = read_multiline(out, in, end);
	} else {
		ov_buf_clear(out);
		if (ov_buf_put(out, first.ptr, first.size) < 0)
			r = OV_ENOMEM;
	}
	ov_buf_dispose(&first);
	return r;
}
