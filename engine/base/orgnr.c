/*
 * orgnr.c - Swedish organisation numbers: format, Luhn check digit and the
 * legal-person rule (see orgnr.h).
 */
#include <string.h>

#include "overens/error.h"
#include "engine/base/orgnr.h"

#define SHOWN_MAX 40 /* input characters quoted in messages */

static int shown(const char *s)
{
	size_t n = strlen(s);
	return n > SHOWN_MAX ? SHOWN_MAX : (int)n;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The Luhn check digit for nine digits: weights 2, 1, 2, ... from the left. */
static int luhn_digit(const char digits[9])
{
	int i, sum = 0;

	for (i = 0; i < 9; i++) {
		int v = (digits[i] - '0') * (i % 2 == 0 ? 2 : 1);
		sum += v > 9 ? v - 9 : v;
	}
	return (10 - sum % 10) % 10;
}

int ov_orgnr_check(char out[12], const char *in, int allow_person)
{
	char digits[10];
	size_t len, i, n = 0;
	int expected;

	if (!in || !*in)
		return ov_error_set(OV_EINVALID,
			"organisation number missing: it must be 10 digits as NNNNNN-NNNN");
	len = strlen(in);
	if (len == 11 && in[6] == '-') {
		for (i = 0; i < len; i++)
			if (i != 6 && is_digit(in[i]))
				digits[n++] = in[i];
	} else if (len == 10) {
		for (i = 0; i < len; i++)
			if (is_digit(in[i]))
				digits[n++] = in[i];
	}
	if (n != 10)
		return ov_error_set(OV_EINVALID,
			"organisation number '%.*s' must be 10 digits as NNNNNN-NNNN",
			shown(in), in);
	expected = luhn_digit(digits);
	if (digits[9] - '0' != expected)
		return ov_error_set(OV_EINVALID,
			"organisation number '%s' has a wrong check digit (expected %d)",
			in, expected);
	if (!allow_person && digits[2] < '2')
		return ov_error_set(OV_EINVALID,
			"organisation number '%s' is a personal identity number (third digit "
			"%c); an organisation's number has 2 or more as its third digit",
			in, digits[2]);
	memcpy(out, digits, 6);
	out[6] = '-';
	memcpy(out + 7, digits + 6, 4);
	out[11] = '\0';
	return OV_OK;
}

int ov_orgnr_normalize(char out[12], const char *in)
{
	return ov_orgnr_check(out, in, 0);
}
