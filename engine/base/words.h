/*
 * engine/base/words.h - space-separated word lists.
 *
 * Roles, organisation kinds and event names are kept as words separated by
 * single spaces ("signatory admin"), in the registry, the workflows and the
 * commit trailers alike.
 */
#ifndef OV_BASE_WORDS_H
#define OV_BASE_WORDS_H

/* 1 when the space-separated list `list` contains `word`; 0 otherwise and for NULL. */
int ov_word_in(const char *list, const char *word);

#endif
