/*
 * overens/utf8.h - reading UTF-8 a character at a time.
 */
#ifndef OV_UTF8_H
#define OV_UTF8_H

#include <stddef.h>

/*
 * Reads the UTF-8 character at s[*pos] (len bytes in s) and moves *pos past
 * it.  Returns the code point, or -1 for an invalid, overlong, surrogate or
 * truncated sequence (then *pos is unchanged).
 */
long ov_utf8_next(const char *s, size_t len, size_t *pos);

#endif
