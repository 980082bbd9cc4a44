/*
 * fuzz_orgnr.c - a libFuzzer harness for the organisation-number check
 * (engine/base/orgnr.c), which reads numbers from the command line, the
 * web forms and organisation files.  The input, up to its first NUL, is
 * given to ov_orgnr_check with and without personal identity numbers
 * allowed, and the verdict is compared with one computed here
 * independently: ten digits, or six digits, a dash and four; the Luhn sum
 * over all ten digits (every second digit from the right doubled) a
 * multiple of ten; and the third digit 2 or more for a legal person.  A
 * number accepted must be written back as NNNNNN-NNNN; one refused must
 * leave the output untouched and set a message.
 *
 * Built with -DOV_FUZZ=ON (clang, libFuzzer) or, for replaying a corpus,
 * with tests/fuzz/replay.c in every build (tests/CMakeLists.txt).
 */
#include "fuzz_common.h"
#include "engine/base/orgnr.h"

/* The ten digits of s when it has the form of a number, else 0. */
static int digits_of(char digits[10], const char *s)
{
	size_t len = strlen(s), i, n = 0;

	if (len != 10 && !(len == 11 && s[6] == '-'))
		return 0;
	for (i = 0; i < len; i++) {
		if (len == 11 && i == 6)
			continue;
		if (s[i] < '0' || s[i] > '9')
			return 0;
		digits[n++] = s[i];
	}
	return 1;
}

/* The Luhn test over all ten digits, counted from the right. */
static int luhn_ok(const char digits[10])
{
	int sum = 0;

	for (int k = 0; k < 10; k++) {
		int v = digits[9 - k] - '0';
		if (k % 2) {
			v *= 2;
			if (v > 9)
				v = v / 10 + v % 10;
		}
		sum += v;
	}
	return sum % 10 == 0;
}

static void check(const char *s, int allow_person)
{
	char digits[10], out[12], want[12];
	int expect, rc;

	memset(out, 'x', sizeof(out));
	expect = digits_of(digits, s) && luhn_ok(digits) && (allow_person || digits[2] >= '2');
	rc = ov_orgnr_check(out, s, allow_person);
	if ((rc == OV_OK) != expect)
		abort();   /* the engine and the independent check disagree */
	if (rc == OV_OK) {
		snprintf(want, sizeof(want), "%.6s-%.4s", digits, digits + 6);
		if (memcmp(out, want, sizeof(want)))
			abort();   /* not the dashed form */
	} else {
		for (size_t i = 0; i < sizeof(out); i++)
			if (out[i] != 'x')
				abort();   /* a refusal wrote into the output */
		if (rc != OV_EINVALID || !ov_error_last() || !ov_error_last()->message[0])
			abort();   /* a refusal without its message */
	}
	ov_error_clear();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size);

	if (!s)
		return 0;
	check(s, 0);
	check(s, 1);
	if (ov_orgnr_normalize((char[12]){ 0 }, s) == OV_OK && !digits_of((char[10]){ 0 }, s))
		abort();
	free(s);
	ov_error_clear();
	return 0;
}
