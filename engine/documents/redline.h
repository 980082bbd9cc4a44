/*
 * redline.h - the redline's internals (redline.c, redline_words.c): the
 * public call is ov_redline (overens/render.h).
 */
#ifndef OV_REDLINE_H
#define OV_REDLINE_H

#include <stddef.h>
#include "overens/lazy_xml.h"

#include "overens/buf.h"
#include "overens/workspace.h"

/* One word of a text: its bytes in rl_words.lines. */
typedef struct rl_word {
	size_t off, len;
	int space;        /* white space came before it */
	int br;           /* it stands for a line break */
} rl_word;

/* A text as words, and the words one a line (what the comparison reads). */
typedef struct rl_words {
	ov_buf lines;
	rl_word *v;
	size_t n, alloc;
} rl_words;

void rl_words_init(rl_words *w);
void rl_words_dispose(rl_words *w);
/* Appends the words of the inline content of `parent` (text, <br/>, any nesting). */
int rl_words_split(rl_words *w, xmlNodePtr parent);
/* Appends the words of plain text `text` (NULL: none). */
int rl_words_from_text(rl_words *w, const char *text);
/*
 * Appends to `parent` the new text `b` with the words taken out of `a`
 * in <del> and those put in within <ins>, in order; *changed is 1 when
 * there was any.
 */
int rl_words_diff(int *changed, xmlNodePtr parent, ov_workspace *ws, const rl_words *a,
		  const rl_words *b);
/*
 * The runs of changed lines between texts `a` and `b` (see ov_ws_diff_lines):
 * *out[k] = { old_before, old_lines, new_before, new_lines }.  free(*out).
 */
int rl_lines_diff(ov_workspace *ws, const char *a, size_t alen, const char *b, size_t blen,
		  size_t (**out)[4], size_t *n);

/* What the comparison of the texts needs. */
typedef struct rl_ctx {
	ov_workspace *ws;
} rl_ctx;

/*
 * Appends to `parent` one <section key status> per clause, annex or other
 * section of layouts `la` (old) and `lb` (new), in the new order, with the
 * sections only in `la` where they stood (redline_text.c); *changed is 1
 * when anything differs.
 */
int rl_text_diff(int *changed, xmlNodePtr parent, rl_ctx *x, xmlDocPtr la, xmlDocPtr lb);

#endif
