/* engine/base/words.c - space-separated word lists (see words.h). */
#include <string.h>

#include "engine/base/words.h"

int ov_word_in(const char *list, const char *word)
{
	size_t n = strlen(word);
	const char *p = list;

	if (!list || !n)
		return 0;
	while (*p) {
		while (*p == ' ')
			p++;
		if (!strncmp(p, word, n) && (p[n] == ' ' || p[n] == '\0'))
			return 1;
		while (*p && *p != ' ')
			p++;
	}
	return 0;
}
