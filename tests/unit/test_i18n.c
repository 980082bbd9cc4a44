/*
 * test_i18n.c - messages in the locale's language (overens/i18n.h,
 * engine/base/error.c): the format given to ov_error_set and
 * ov_error_prefix is translated before it is formatted, the short names of
 * the codes too, and numbers keep their decimal point.  The catalogue is
 * the one the build compiled into build/locale, found beside this program.
 */
#include <stdio.h>
#include <stdlib.h>

#include "ovtest.h"
#include "overens/i18n.h"
#include "overens/date.h"

/* Chooses the language as a user would, with LANG only. */
static void use_lang(const char *lang)
{
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	unsetenv("LANGUAGE");
	unsetenv("OVERENS_LOCALEDIR");
	setenv("LANG", lang, 1);
	ov_i18n_init();
}

TEST(english_under_c)
{
	use_lang("C");
	CHECK_ERR(ov_error_set(OV_EINVALID, "invalid date '%s': there is no day 00", "2026-01-00"),
		  OV_EINVALID);
	CHECK_STR(ov_error_last()->message, "invalid date '2026-01-00': there is no day 00");
	CHECK_STR(ov_error_name(OV_ENOWS), "no workspace");
}

TEST(swedish_errors)
{
	ov_date d;

	use_lang("sv_SE.UTF-8");
	ov_error_set(OV_EINVALID, "invalid date '%s': there is no day 00", "2026-01-00");
	CHECK_STR(ov_error_last()->message, "ogiltigt datum '2026-01-00': det finns ingen dag 00");
	CHECK_INT(ov_error_last()->code, OV_EINVALID);
	/* The prefix is translated too, and put in front of the translated message. */
	CHECK_INT(ov_error_prefix("field %s", "kontakt.med"), OV_EINVALID);
	CHECK_STR(ov_error_last()->message,
		  "fältet kontakt.med: ogiltigt datum '2026-01-00': det finns ingen dag 00");
	/* A message formatted from a table (the month) is Swedish throughout. */
	CHECK_ERR(ov_date_parse(&d, "2026-02-30"), OV_EINVALID);
	CHECK_STR(ov_error_last()->message, "ogiltigt datum '2026-02-30': februari 2026 har 28 dagar");
	CHECK_STR(ov_error_name(OV_ENOWS), "ingen arbetsyta");
	CHECK_STR(ov_error_name(OV_EGUARD), "steget nekades");
	/* A text that is no message id passes unchanged. */
	ov_error_set(OV_ERROR, "no such message id %d", 7);
	CHECK_STR(ov_error_last()->message, "no such message id 7");
}

TEST(numbers_keep_the_point)
{
	char buf[16];

	use_lang("sv_SE.UTF-8");
	snprintf(buf, sizeof(buf), "%.2f", 1.5);
	CHECK_STR(buf, "1.50");
}

TEST(back_to_english)
{
	use_lang("sv_SE.UTF-8");
	use_lang("C");
	ov_error_set(OV_EINVALID, "invalid date '%s': there is no day 00", "x");
	CHECK_STR(ov_error_last()->message, "invalid date 'x': there is no day 00");
}

OVT_MAIN(
	TEST_ENTRY(english_under_c),
	TEST_ENTRY(swedish_errors),
	TEST_ENTRY(numbers_keep_the_point),
	TEST_ENTRY(back_to_english)
)
