/*
 * test_orgnr.c - Swedish organisation numbers: both written forms, the Luhn
 * check digit, length and characters, and the legal-person rule (orgnr.h).
 */
#include "ovtest.h"
#include "engine/base/orgnr.h"

/* The message of a refused number, or "(accepted)"; out must stay untouched. */
static const char *refusal(const char *in, int allow_person)
{
	char out[12] = "untouched";

	if (ov_orgnr_check(out, in, allow_person) != OV_EINVALID)
		return "(accepted)";
	if (strcmp(out, "untouched"))
		return "(out written on failure)";
	return ov_error_last()->message;
}

TEST(valid_numbers_are_normalised)
{
	char out[12];

	CHECK_OK(ov_orgnr_normalize(out, "802002-8711"));
	CHECK_STR(out, "802002-8711");
	CHECK_OK(ov_orgnr_normalize(out, "8020028711"));
	CHECK_STR(out, "802002-8711");
	CHECK_OK(ov_orgnr_normalize(out, "212000-0258"));
	CHECK_STR(out, "212000-0258");
	CHECK_OK(ov_orgnr_normalize(out, "2120000258"));
	CHECK_STR(out, "212000-0258");
}

TEST(wrong_check_digit)
{
	char out[12];

	CHECK_ERR(ov_orgnr_normalize(out, "802002-8712"), OV_EINVALID);
	CHECK_STR(ov_error_last()->message,
		  "organisation number '802002-8712' has a wrong check digit (expected 1)");
	CHECK_STR(refusal("212000-0259", 0),
		  "organisation number '212000-0259' has a wrong check digit (expected 8)");
	CHECK_STR(refusal("8020028710", 0),
		  "organisation number '8020028710' has a wrong check digit (expected 1)");
	/* A swap of two neighbouring digits is caught. */
	CHECK_STR(refusal("820002-8711", 0),
		  "organisation number '820002-8711' has a wrong check digit (expected 3)");
}

TEST(exactly_one_check_digit_fits)
{
	char in[12] = "802002-871?", out[12];
	int c, accepted = 0;

	for (c = '0'; c <= '9'; c++) {
		in[10] = (char)c;
		if (ov_orgnr_normalize(out, in) == 0) {
			accepted++;
			CHECK_INT(c, '1');
		}
	}
	CHECK_INT(accepted, 1);
}

TEST(wrong_length_or_form)
{
	CHECK_STR(refusal("802002-871", 0),
		  "organisation number '802002-871' must be 10 digits as NNNNNN-NNNN");
	CHECK_STR(refusal("80200287111", 0),
		  "organisation number '80200287111' must be 10 digits as NNNNNN-NNNN");
	CHECK_STR(refusal("802002-87111", 0),
		  "organisation number '802002-87111' must be 10 digits as NNNNNN-NNNN");
	CHECK_STR(refusal("80200-28711", 0),
		  "organisation number '80200-28711' must be 10 digits as NNNNNN-NNNN");
	CHECK_STR(refusal("802002 8711", 0),
		  "organisation number '802002 8711' must be 10 digits as NNNNNN-NNNN");
	CHECK_STR(refusal(" 802002-8711", 0),
		  "organisation number ' 802002-8711' must be 10 digits as NNNNNN-NNNN");
	CHECK_STR(refusal("16802002-8711", 0),
		  "organisation number '16802002-8711' must be 10 digits as NNNNNN-NNNN");
	CHECK_STR(refusal("", 0),
		  "organisation number missing: it must be 10 digits as NNNNNN-NNNN");
	CHECK_STR(refusal(NULL, 0),
		  "organisation number missing: it must be 10 digits as NNNNNN-NNNN");
}

TEST(letters_are_refused)
{
	CHECK_STR(refusal("80200A-8711", 0),
		  "organisation number '80200A-8711' must be 10 digits as NNNNNN-NNNN");
	CHECK_STR(refusal("802002-871a", 0),
		  "organisation number '802002-871a' must be 10 digits as NNNNNN-NNNN");
	CHECK_STR(refusal("SE8020028711", 0),
		  "organisation number 'SE8020028711' must be 10 digits as NNNNNN-NNNN");
	CHECK_STR(refusal("802002+8711", 0),
		  "organisation number '802002+8711' must be 10 digits as NNNNNN-NNNN");
}

TEST(personal_identity_numbers)
{
	char out[12];

	/* Third digit 1: a personal identity number with a correct check digit. */
	CHECK_STR(refusal("811218-9876", 0),
		  "organisation number '811218-9876' is a personal identity number (third "
		  "digit 1); an organisation's number has 2 or more as its third digit");
	CHECK_ERR(ov_orgnr_normalize(out, "8112189876"), OV_EINVALID);
	CHECK_CONTAINS(ov_error_last()->message, "is a personal identity number");
	/* Accepted for a sole trader when asked for. */
	CHECK_OK(ov_orgnr_check(out, "8112189876", 1));
	CHECK_STR(out, "811218-9876");
	/* The check digit is still checked. */
	CHECK_STR(refusal("811218-9875", 1),
		  "organisation number '811218-9875' has a wrong check digit (expected 6)");
	/* Organisations pass either way. */
	CHECK_OK(ov_orgnr_check(out, "802002-8711", 1));
	CHECK_STR(out, "802002-8711");
}

OVT_MAIN(
	TEST_ENTRY(valid_numbers_are_normalised),
	TEST_ENTRY(wrong_check_digit),
	TEST_ENTRY(exactly_one_check_digit_fits),
	TEST_ENTRY(wrong_length_or_form),
	TEST_ENTRY(letters_are_refused),
	TEST_ENTRY(personal_identity_numbers)
)
