/*
 * test_date.c - calendar dates, ISO 8601 durations, month-end clamping,
 * term ends, follow-up schedules and Swedish time (overens/date.h).
 */
#include "ovtest.h"
#include "overens/date.h"

static ov_date D(int y, int m, int d)
{
	ov_date r = { y, m, d };
	return r;
}

static ov_period P(int years, int months, int days, int negative)
{
	ov_period r = { years, months, days, negative };
	return r;
}

/* Formats into one of a few rotating buffers so two can be compared in one call. */
static const char *fmt(ov_date d)
{
	static char bufs[4][11];
	static int next;
	char *b = bufs[next++ % 4];

	ov_date_format(b, d);
	return b;
}

static const char *add(const char *date, const char *period)
{
	ov_date d;
	ov_period p;

	if (ov_date_parse(&d, date) < 0 || ov_period_parse(&p, period) < 0)
		return "(parse failed)";
	return fmt(ov_date_add(d, &p));
}

/* The message of a refused date, or "(accepted)". */
static const char *date_refusal(const char *s)
{
	ov_date d = { 1, 2, 3 };

	if (ov_date_parse(&d, s) != OV_EINVALID)
		return "(accepted)";
	if (d.y != 1 || d.m != 2 || d.d != 3)
		return "(out written on failure)";
	return ov_error_last()->message;
}

static const char *period_refusal(const char *s)
{
	ov_period p = { 7, 7, 7, 0 };

	if (ov_period_parse(&p, s) != OV_EINVALID)
		return "(accepted)";
	if (p.years != 7 || p.months != 7 || p.days != 7)
		return "(out written on failure)";
	return ov_error_last()->message;
}

static const char *short_refusal(const char *s)
{
	ov_period p;

	if (ov_period_parse_short(&p, s) != OV_EINVALID)
		return "(accepted)";
	return ov_error_last()->message;
}

TEST(leap_years_and_month_lengths)
{
	CHECK_INT(ov_date_is_leap(2000), 1);
	CHECK_INT(ov_date_is_leap(2024), 1);
	CHECK_INT(ov_date_is_leap(2028), 1);
	CHECK_INT(ov_date_is_leap(2100), 0);
	CHECK_INT(ov_date_is_leap(1900), 0);
	CHECK_INT(ov_date_is_leap(2026), 0);
	CHECK_INT(ov_date_days_in_month(2024, 2), 29);
	CHECK_INT(ov_date_days_in_month(2000, 2), 29);
	CHECK_INT(ov_date_days_in_month(2100, 2), 28);
	CHECK_INT(ov_date_days_in_month(2026, 2), 28);
	CHECK_INT(ov_date_days_in_month(2026, 4), 30);
	CHECK_INT(ov_date_days_in_month(2026, 12), 31);
	CHECK_INT(ov_date_days_in_month(2026, 0), 0);
	CHECK_INT(ov_date_days_in_month(2026, 13), 0);
}

TEST(parse_accepts_real_dates)
{
	ov_date d;

	CHECK_OK(ov_date_parse(&d, "2026-04-01"));
	CHECK_INT(d.y, 2026);
	CHECK_INT(d.m, 4);
	CHECK_INT(d.d, 1);
	CHECK_OK(ov_date_parse(&d, "2024-02-29"));
	CHECK_INT(d.d, 29);
	CHECK_OK(ov_date_parse(&d, "2000-02-29"));
	CHECK_OK(ov_date_parse(&d, "1900-01-01"));
	CHECK_OK(ov_date_parse(&d, "9999-12-31"));
	CHECK_INT(d.y, 9999);
	CHECK_INT(d.m, 12);
	CHECK_INT(d.d, 31);
}

TEST(parse_refuses_with_messages)
{
	CHECK_STR(date_refusal("2026-02-30"),
		  "invalid date '2026-02-30': February 2026 has 28 days");
	CHECK_STR(date_refusal("2026-02-29"),
		  "invalid date '2026-02-29': February 2026 has 28 days");
	CHECK_STR(date_refusal("2100-02-29"),
		  "invalid date '2100-02-29': February 2100 has 28 days");
	CHECK_STR(date_refusal("2026-04-31"),
		  "invalid date '2026-04-31': April 2026 has 30 days");
	CHECK_STR(date_refusal("2026-13-01"), "invalid date '2026-13-01': there is no month 13");
	CHECK_STR(date_refusal("2026-00-10"), "invalid date '2026-00-10': there is no month 00");
	CHECK_STR(date_refusal("2026-01-00"), "invalid date '2026-01-00': there is no day 00");
	CHECK_STR(date_refusal("26-01-01"), "invalid date '26-01-01': expected YYYY-MM-DD");
	CHECK_STR(date_refusal("2026-1-01"), "invalid date '2026-1-01': expected YYYY-MM-DD");
	CHECK_STR(date_refusal("2026/01/01"), "invalid date '2026/01/01': expected YYYY-MM-DD");
	CHECK_STR(date_refusal(" 2026-01-01"), "invalid date ' 2026-01-01': expected YYYY-MM-DD");
	CHECK_STR(date_refusal("2026-01-01x"),
		  "invalid date '2026-01-01x': unexpected text after YYYY-MM-DD");
	CHECK_STR(date_refusal("2026-01-01T12:00"),
		  "invalid date '2026-01-01T12:00': unexpected text after YYYY-MM-DD");
	CHECK_STR(date_refusal("1899-12-31"),
		  "invalid date '1899-12-31': the year must be 1900..9999");
	CHECK_STR(date_refusal(""), "invalid date: none given (expected YYYY-MM-DD)");
	CHECK_STR(date_refusal(NULL), "invalid date: none given (expected YYYY-MM-DD)");
	/* A long input is quoted in part only. */
	CHECK_STR(date_refusal("20260101202601012026010120260101202601012026"),
		  "invalid date '2026010120260101202601012026010120260101': "
		  "expected YYYY-MM-DD");
}

TEST(format)
{
	char out[11];

	ov_date_format(out, D(2026, 4, 1));
	CHECK_STR(out, "2026-04-01");
	ov_date_format(out, D(987, 12, 9));
	CHECK_STR(out, "0987-12-09");
	ov_date_format(out, D(9999, 12, 31));
	CHECK_STR(out, "9999-12-31");
	/* Not a date: written so that ov_date_parse refuses it. */
	ov_date_format(out, D(2026, 2, 30));
	CHECK_STR(out, "0000-00-00");
	ov_date_format(out, D(10000, 1, 1));
	CHECK_STR(out, "0000-00-00");
	ov_date_format(out, D(2026, 13, 1));
	CHECK_STR(out, "0000-00-00");
}

TEST(compare)
{
	CHECK(ov_date_cmp(D(2026, 4, 1), D(2026, 4, 1)) == 0);
	CHECK(ov_date_cmp(D(2026, 4, 1), D(2026, 4, 2)) < 0);
	CHECK(ov_date_cmp(D(2026, 5, 1), D(2026, 4, 30)) > 0);
	CHECK(ov_date_cmp(D(2025, 12, 31), D(2026, 1, 1)) < 0);
}

TEST(day_numbers)
{
	ov_date d, prev;
	long n;

	CHECK_INT(ov_date_to_days(D(1970, 1, 1)), 0);
	CHECK_INT(ov_date_to_days(D(1969, 12, 31)), -1);
	CHECK_INT(ov_date_to_days(D(2000, 3, 1)), 11017);
	CHECK_INT(ov_date_to_days(D(1900, 1, 1)), -25567);
	CHECK_INT(ov_date_to_days(D(1600, 2, 29)), -135081);
	CHECK_INT(ov_date_to_days(D(9999, 12, 31)), 2932896);
	CHECK_INT(ov_date_to_days(D(2026, 3, 29)), 20541);
	CHECK_STR(fmt(ov_date_from_days(11017)), "2000-03-01");
	CHECK_STR(fmt(ov_date_from_days(11016)), "2000-02-29");
	CHECK_STR(fmt(ov_date_from_days(-135081)), "1600-02-29");
	CHECK_STR(fmt(ov_date_from_days(2932896)), "9999-12-31");
	CHECK_STR(fmt(ov_date_from_days(-719162)), "0001-01-01");

	/* Every day from 1899-12-31 to 2401-01-01 goes there and back, one step at a time. */
	prev = ov_date_from_days(ov_date_to_days(D(1899, 12, 31)));
	CHECK_STR(fmt(prev), "1899-12-31");
	for (n = ov_date_to_days(D(1900, 1, 1)); n <= ov_date_to_days(D(2401, 1, 1)); n++) {
		d = ov_date_from_days(n);
		CHECK_INT(ov_date_to_days(d), n);
		CHECK(d.m >= 1 && d.m <= 12 && d.d >= 1 &&
		      d.d <= ov_date_days_in_month(d.y, d.m));
		if (d.d == 1)
			CHECK(prev.d == ov_date_days_in_month(prev.y, prev.m));
		else
			CHECK(d.y == prev.y && d.m == prev.m && d.d == prev.d + 1);
		prev = d;
	}
}

TEST(month_end_clamping)
{
	CHECK_STR(add("2027-01-31", "P1M"), "2027-02-28");
	CHECK_STR(add("2028-01-31", "P1M"), "2028-02-29");
	CHECK_STR(add("2024-01-31", "P1M"), "2024-02-29");
	CHECK_STR(add("2024-02-29", "P1Y"), "2025-02-28");
	CHECK_STR(add("2024-02-29", "P4Y"), "2028-02-29");
	CHECK_STR(add("2096-02-29", "P4Y"), "2100-02-28");
	CHECK_STR(add("1996-02-29", "P4Y"), "2000-02-29");
	CHECK_STR(add("2026-03-31", "P1M"), "2026-04-30");
	CHECK_STR(add("2026-08-31", "P1M"), "2026-09-30");
	/* Months first from the original day, then days. */
	CHECK_STR(add("2026-01-31", "P1M1D"), "2026-03-01");
	CHECK_STR(add("2026-01-31", "P2M"), "2026-03-31");
}

TEST(january_31_plus_one_to_twelve_months)
{
	static const char *const expected[12] = {
		"2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31", "2026-06-30",
		"2026-07-31", "2026-08-31", "2026-09-30", "2026-10-31", "2026-11-30",
		"2026-12-31", "2027-01-31"
	};
	static const char *const leap[12] = {
		"2028-02-29", "2028-03-31", "2028-04-30", "2028-05-31", "2028-06-30",
		"2028-07-31", "2028-08-31", "2028-09-30", "2028-10-31", "2028-11-30",
		"2028-12-31", "2029-01-31"
	};
	int k;

	for (k = 1; k <= 12; k++) {
		ov_period p = P(0, k, 0, 0);
		CHECK_STR(fmt(ov_date_add(D(2026, 1, 31), &p)), expected[k - 1]);
		CHECK_STR(fmt(ov_date_add(D(2028, 1, 31), &p)), leap[k - 1]);
	}
}

TEST(weeks_days_and_mixed)
{
	CHECK_STR(add("2026-04-01", "P2W"), "2026-04-15");
	CHECK_STR(add("2026-12-25", "P10D"), "2027-01-04");
	CHECK_STR(add("2028-02-28", "P1D"), "2028-02-29");
	CHECK_STR(add("2100-02-28", "P1D"), "2100-03-01");
	CHECK_STR(add("2026-04-01", "P1Y6M"), "2027-10-01");
	CHECK_STR(add("2026-08-31", "P1Y6M"), "2028-02-29");
	CHECK_STR(add("2026-04-01", "P60D"), "2026-05-31");
	CHECK_STR(add("2026-04-01", "P0D"), "2026-04-01");
}

TEST(negative_periods)
{
	CHECK_STR(add("2027-03-31", "-P1M"), "2027-02-28");
	CHECK_STR(add("2024-03-31", "-P1M"), "2024-02-29");
	CHECK_STR(add("2028-02-29", "-P1Y"), "2027-02-28");
	CHECK_STR(add("2026-03-05", "-P10D"), "2026-02-23");
	CHECK_STR(add("2026-01-10", "-P2W"), "2025-12-27");
	CHECK_STR(add("2027-01-31", "-P1Y1M"), "2025-12-31");
	/* Months first, then days, backwards too: 03-31 - 1M = 02-28, - 1D = 02-27. */
	CHECK_STR(add("2027-03-31", "-P1M1D"), "2027-02-27");
}

/* The canonical form: what ov_period_parse reads back to the same period. */
static const char *period_text(const char *s)
{
	static char out[32];
	ov_period p;

	if (ov_period_parse(&p, s) < 0)
		return "(refused)";
	ov_period_format(out, &p);
	return out;
}

TEST(period_format_round_trips)
{
	ov_period p = P(0, 0, 0, 0), back;
	char out[32];

	CHECK_STR(period_text("P1Y6M"), "P1Y6M");
	CHECK_STR(period_text("P2W"), "P14D");
	CHECK_STR(period_text("P1W3D"), "P10D");
	CHECK_STR(period_text("-P1M"), "-P1M");
	CHECK_STR(period_text("P0Y"), "P0D");
	CHECK_STR(period_text("-P0D"), "-P0D");
	CHECK_STR(period_text("P007M"), "P7M");
	CHECK_STR(period_text("P99999Y99999M14285W4D"), "P99999Y99999M99999D");
	/* Weeks are written back as days: more than 99999 days in all could
	 * not be read again, so they are refused (found by tests/fuzz). */
	CHECK_STR(period_text("P14285W5D"), "(refused)");
	CHECK_STR(period_text("P99999W"), "(refused)");
	CHECK(ov_period_parse_short(&back, "99209W") == OV_EINVALID);
	CHECK_STR(ov_error_last()->message, "invalid duration '99209W': 694463 days in all is "
		  "too long (at most 99999, a week counting as 7)");
	CHECK(ov_period_parse_short(&back, "14285w") == OV_OK && back.days == 99995);
	ov_period_format(out, &p);
	CHECK_STR(out, "P0D");
	p = P(3, 0, 5, 1);
	ov_period_format(out, &p);
	CHECK_STR(out, "-P3Y5D");
	CHECK(ov_period_parse(&back, out) == OV_OK);
	CHECK(back.years == 3 && back.months == 0 && back.days == 5 && back.negative == 1);
}

TEST(term_end_and_notice_deadline)
{
	ov_period year = P(1, 0, 0, 0), month = P(0, 1, 0, 0), notice = P(0, 1, 0, 1);
	ov_date end;

	CHECK_STR(fmt(ov_term_end(D(2026, 4, 1), &year)), "2027-03-31");
	CHECK_STR(fmt(ov_term_end(D(2026, 1, 1), &year)), "2026-12-31");
	CHECK_STR(fmt(ov_term_end(D(2027, 3, 1), &year)), "2028-02-29");
	CHECK_STR(fmt(ov_term_end(D(2026, 3, 1), &month)), "2026-03-31");
	CHECK_STR(fmt(ov_term_end(D(2026, 2, 1), &month)), "2026-02-28");
	CHECK_STR(fmt(ov_term_end(D(2028, 2, 1), &month)), "2028-02-29");

	/* The model agreement: one year from 1 April; notice one month before the end. */
	end = ov_term_end(D(2026, 4, 1), &year);
	CHECK_STR(fmt(ov_date_add(end, &notice)), "2027-02-28");
	end = ov_term_end(D(2026, 5, 1), &year);
	CHECK_STR(fmt(end), "2027-04-30");
	CHECK_STR(fmt(ov_date_add(end, &notice)), "2027-03-30");
	end = ov_term_end(D(2027, 4, 1), &year);
	CHECK_STR(fmt(ov_date_add(end, &notice)), "2028-02-29");

	/* A renewal: the day after the end plus one more year. */
	{
		ov_period one_day = P(0, 0, 1, 0);
		end = ov_term_end(ov_date_add(D(2027, 3, 31), &one_day), &year);
		CHECK_STR(fmt(end), "2028-03-31");
	}
}

static const char *deadline(const char *end, const char *notice)
{
	ov_date d;
	ov_period p;

	if (ov_date_parse(&d, end) < 0 || ov_period_parse(&p, notice) < 0)
		return "(parse failed)";
	return fmt(ov_notice_deadline(d, &p));
}

/* The notice deadline is the last day D with D + P <= E, at month ends and in leap years. */
TEST(notice_deadline_month_ends_and_leap_years)
{
	CHECK_STR(deadline("2030-02-28", "P6M"), "2029-08-31");   /* not 2029-08-28 */
	CHECK_STR(deadline("2028-02-29", "P1M"), "2028-01-31");   /* leap year */
	CHECK_STR(deadline("2027-02-28", "P1M"), "2027-01-31");
	CHECK_STR(deadline("2027-03-31", "P1M"), "2027-02-28");
	CHECK_STR(deadline("2027-04-30", "P1M"), "2027-03-31");   /* 03-31 + P1M = 04-30 */
	CHECK_STR(deadline("2028-08-30", "P1M"), "2028-07-30");   /* 07-31 + P1M = 08-31 */
	CHECK_STR(deadline("2029-02-28", "P1Y"), "2028-02-29");   /* 02-29 + P1Y = 2029-02-28 */
	CHECK_STR(deadline("2028-02-28", "P1Y"), "2027-02-28");   /* 2027-03-01 + P1Y is too late */
	CHECK_STR(deadline("2027-01-10", "P30D"), "2026-12-11");
	CHECK_STR(deadline("2027-03-31", "P0D"), "2027-03-31");
	/* Notice given on the deadline ends the agreement at the term end; a day later, after it. */
	{
		ov_period six = P(0, 6, 0, 0);
		ov_date e = D(2030, 2, 28), dl = ov_notice_deadline(e, &six);
		CHECK_STR(fmt(ov_notice_effective(dl, &six)), "2030-02-28");
		CHECK_STR(fmt(ov_notice_effective(D(2029, 9, 1), &six)), "2030-03-01");
	}
}

/* A window's end stays within the dates ov_date_parse accepts. */
TEST(add_capped_at_the_calendar_ends)
{
	ov_period two = P(2, 0, 0, 0), back = P(0, 6, 0, 1), day = P(0, 0, 1, 0);
	ov_date d;

	CHECK_STR(fmt(ov_date_add_capped(D(9998, 6, 1), &two)), "9999-12-31");
	CHECK_STR(fmt(ov_date_add_capped(D(9999, 12, 31), &day)), "9999-12-31");
	CHECK_STR(fmt(ov_date_add_capped(D(9997, 6, 1), &two)), "9999-06-01");
	CHECK_STR(fmt(ov_date_add_capped(D(1900, 3, 1), &back)), "1900-01-01");
	CHECK(ov_date_parse(&d, fmt(ov_date_add_capped(D(9998, 6, 1), &two))) == OV_OK);
}

static const char *term_end(const char *start, const char *len)
{
	ov_date d;
	ov_period p;

	if (ov_date_parse(&d, start) < 0 || ov_period_parse(&p, len) < 0)
		return "(parse failed)";
	return fmt(ov_term_end(d, &p));
}

/*
 * A term ends the day before the corresponding day start + P, or on the
 * last day of the month when that day does not exist (was clamped).
 */
TEST(term_end_at_month_ends_and_29_february)
{
	CHECK_STR(term_end("2028-02-29", "P1Y"), "2029-02-28");   /* not 2029-02-27 */
	CHECK_STR(term_end("2028-02-29", "P4Y"), "2032-02-28");   /* 2032-02-29 exists */
	CHECK_STR(term_end("2027-01-31", "P1M"), "2027-02-28");
	CHECK_STR(term_end("2027-01-30", "P1M"), "2027-02-28");
	CHECK_STR(term_end("2027-01-29", "P1M"), "2027-02-28");   /* 2027-02-29 does not exist */
	CHECK_STR(term_end("2028-01-30", "P1M"), "2028-02-29");   /* leap year: 02-30 does not exist */
	CHECK_STR(term_end("2028-01-29", "P1M"), "2028-02-28");   /* 2028-02-29 exists */
	CHECK_STR(term_end("2027-03-01", "P1M"), "2027-03-31");
	CHECK_STR(term_end("2026-04-01", "P1Y"), "2027-03-31");
	CHECK_STR(term_end("2027-03-31", "P1M"), "2027-04-30");   /* 04-31 does not exist */
	CHECK_STR(term_end("2027-03-30", "P1M"), "2027-04-29");
	CHECK_STR(term_end("2027-08-31", "P6M"), "2028-02-29");
	CHECK_STR(term_end("2027-01-31", "P1M2D"), "2027-03-02"); /* 02-28 + 2 days, none less */
	CHECK_STR(term_end("2027-01-15", "P30D"), "2027-02-13");
	CHECK_STR(term_end("2027-01-15", "P0D"), "2027-01-14");
}

/* Renewals: each one computed from the original start in one step. */
TEST(renewals_from_the_anchor_do_not_drift)
{
	ov_period year = P(1, 0, 0, 0), month = P(0, 1, 0, 0), two = P(2, 0, 0, 0);
	ov_period zero = P(0, 0, 0, 0);
	static const char *const leap[] = { "2029-02-28", "2030-02-28", "2031-02-28", "2032-02-28",
					    "2033-02-28", "2036-02-28" };
	static const long leap_k[] = { 0, 1, 2, 3, 4, 7 };
	long k;

	for (size_t i = 0; i < sizeof(leap) / sizeof(leap[0]); i++)
		CHECK_STR(fmt(ov_term_nth_end(D(2028, 2, 29), &year, &year, leap_k[i])), leap[i]);
	/* Monthly from 31 January: every month's last day, back to the 31st in March. */
	CHECK_STR(fmt(ov_term_nth_end(D(2027, 1, 31), &month, &month, 0)), "2027-02-28");
	CHECK_STR(fmt(ov_term_nth_end(D(2027, 1, 31), &month, &month, 1)), "2027-03-30");
	CHECK_STR(fmt(ov_term_nth_end(D(2027, 1, 31), &month, &month, 2)), "2027-04-30");
	CHECK_STR(fmt(ov_term_nth_end(D(2027, 1, 31), &month, &month, 11)), "2028-01-30");
	CHECK_STR(fmt(ov_term_nth_end(D(2027, 1, 31), &month, &month, 12)), "2028-02-29");
	/* A first term of two years, renewed by one. */
	CHECK_STR(fmt(ov_term_nth_end(D(2026, 4, 1), &two, &year, 0)), "2028-03-31");
	CHECK_STR(fmt(ov_term_nth_end(D(2026, 4, 1), &two, &year, 1)), "2029-03-31");
	CHECK_STR(fmt(ov_term_nth_end(D(2026, 4, 1), &two, &year, 3)), "2031-03-31");
	CHECK_STR(fmt(ov_term_nth_end(D(2026, 4, 1), &year, &zero, 5)), "2027-03-31");
	/* Consecutive terms leave no gap: each starts the day after the last ended. */
	for (k = 1; k < 30; k++) {
		ov_date prev = ov_term_nth_end(D(2028, 2, 29), &year, &year, k - 1);
		ov_date cur = ov_term_nth_end(D(2028, 2, 29), &year, &year, k);
		long len = ov_date_to_days(cur) - ov_date_to_days(prev);
		CHECK(len == 365 || len == 366);
	}
	/* The term in force on a day. */
	CHECK_STR(fmt(ov_term_current_end(D(2028, 2, 29), &year, &year, D(2029, 2, 28), &k)),
		  "2029-02-28");
	CHECK(k == 0);
	CHECK_STR(fmt(ov_term_current_end(D(2028, 2, 29), &year, &year, D(2029, 3, 1), &k)),
		  "2030-02-28");
	CHECK(k == 1);
	CHECK_STR(fmt(ov_term_current_end(D(2028, 2, 29), &year, &year, D(2032, 2, 29), &k)),
		  "2033-02-28");
	CHECK(k == 4);
}

/* One function, two modes: a running notice period, or notice to the term's end. */
TEST(notice_end_both_modes)
{
	ov_period six = P(0, 6, 0, 0), month = P(0, 1, 0, 0);
	ov_date e = D(2030, 2, 28), m = D(2027, 3, 31), next = D(2028, 3, 31), n6 = D(2031, 2, 28);

	/* Period mode, a term that does not renew: never after its end. */
	CHECK_STR(fmt(ov_notice_end(D(2029, 8, 31), &six, OV_NOTICE_PERIOD, e, NULL)), "2030-02-28");
	CHECK_STR(fmt(ov_notice_end(D(2029, 9, 1), &six, OV_NOTICE_PERIOD, e, NULL)), "2030-02-28");
	CHECK_STR(fmt(ov_notice_end(D(2029, 5, 15), &six, OV_NOTICE_PERIOD, e, NULL)), "2029-11-15");
	/* Period mode, tacit renewal: the agreement renews and ends inside the new period. */
	CHECK_STR(fmt(ov_notice_end(D(2029, 9, 1), &six, OV_NOTICE_PERIOD, e, &n6)), "2030-03-01");
	CHECK_STR(fmt(ov_notice_end(D(2028, 1, 31), &month, OV_NOTICE_PERIOD, D(2028, 2, 29), &n6)),
		  "2028-02-29");
	/* 2027-03-31, P1M: the deadline is 2027-02-28 in both modes. */
	CHECK_STR(fmt(ov_notice_deadline(m, &month)), "2027-02-28");
	CHECK_STR(fmt(ov_notice_end(D(2027, 2, 28), &month, OV_NOTICE_PERIOD, m, &next)), "2027-03-28");
	CHECK_STR(fmt(ov_notice_end(D(2027, 2, 28), &month, OV_NOTICE_TERM_END, m, &next)),
		  "2027-03-31");
	CHECK_STR(fmt(ov_notice_end(D(2026, 6, 10), &month, OV_NOTICE_TERM_END, m, &next)),
		  "2027-03-31");
	/* A day after the deadline: one notice period, or the whole next term. */
	CHECK_STR(fmt(ov_notice_end(D(2027, 3, 1), &month, OV_NOTICE_PERIOD, m, &next)), "2027-04-01");
	CHECK_STR(fmt(ov_notice_end(D(2027, 3, 1), &month, OV_NOTICE_TERM_END, m, &next)),
		  "2028-03-31");
	/* Term-end mode, a term that does not renew: its end, even after the deadline. */
	CHECK_STR(fmt(ov_notice_end(D(2027, 3, 1), &month, OV_NOTICE_TERM_END, m, NULL)), "2027-03-31");
	CHECK_STR(fmt(ov_notice_end(D(2029, 9, 1), &six, OV_NOTICE_TERM_END, e, NULL)), "2030-02-28");
	/* Leap year: deadline 2028-01-31 for a term ending 2028-02-29. */
	CHECK_STR(fmt(ov_notice_end(D(2028, 1, 31), &month, OV_NOTICE_TERM_END, D(2028, 2, 29), &n6)),
		  "2028-02-29");
	CHECK_STR(fmt(ov_notice_end(D(2028, 2, 1), &month, OV_NOTICE_TERM_END, D(2028, 2, 29), &n6)),
		  "2031-02-28");
}

TEST(renewal_ends_and_current_term)
{
	ov_period year = P(1, 0, 0, 0), zero = P(0, 0, 0, 0);
	long k;

	/* From 1 March: the renewed term ends on 29 February in a leap year, then back on the 28th. */
	CHECK_STR(fmt(ov_renewal_end(D(2027, 2, 28), &year, 0)), "2027-02-28");
	CHECK_STR(fmt(ov_renewal_end(D(2027, 2, 28), &year, 1)), "2028-02-29");
	CHECK_STR(fmt(ov_renewal_end(D(2027, 2, 28), &year, 2)), "2029-02-28");
	CHECK_STR(fmt(ov_renewal_end(D(2027, 3, 31), &year, 10)), "2037-03-31");
	CHECK_STR(fmt(ov_renewal_end(D(2027, 3, 31), &zero, 3)), "2027-03-31");
	/* The term in force on a day: the first renewal end on or after it. */
	CHECK_STR(fmt(ov_term_current_end(D(2026, 4, 1), &year, &year, D(2027, 3, 31), &k)),
		  "2027-03-31");
	CHECK(k == 0);
	CHECK_STR(fmt(ov_term_current_end(D(2026, 4, 1), &year, &year, D(2027, 4, 1), &k)),
		  "2028-03-31");
	CHECK(k == 1);
	CHECK_STR(fmt(ov_term_current_end(D(2026, 4, 1), &year, &year, D(2040, 3, 31), &k)),
		  "2040-03-31");
	CHECK(k == 13);
	CHECK_STR(fmt(ov_term_current_end(D(2026, 4, 1), &year, &year, D(2040, 4, 1), &k)),
		  "2041-03-31");
	CHECK(k == 14);
	CHECK_STR(fmt(ov_term_current_end(D(2026, 4, 1), &year, &zero, D(2040, 4, 1), NULL)),
		  "2027-03-31");
	/* Near the end of the calendar the search stops after year 9999. */
	CHECK(ov_term_current_end(D(2026, 4, 1), &year, &year, D(9999, 12, 31), NULL).y >= 9999);
}

TEST(followups_matched_to_nearest_open_date)
{
	ov_date sched[3] = { D(2028, 3, 15), D(2029, 3, 15), D(2030, 3, 15) };
	ov_date lo[3] = { D(2027, 9, 14), D(2028, 9, 14), D(2029, 9, 14) };
	ov_date hi[3] = { D(2028, 9, 13), D(2029, 9, 13), D(2030, 9, 13) };
	ov_date rec[4] = { D(2029, 2, 1), D(2028, 3, 10), D(2028, 4, 1), D(2031, 1, 1) };
	int match[4], used[3] = { 0, 0, 0 };

	ov_followups_match(match, rec, 4, sched, lo, hi, 3, used);
	CHECK(match[1] == 0);   /* 2028-03-10 counts for 2028-03-15 */
	CHECK(match[2] == -1);  /* 2028-04-01: its only window is taken: an extra follow-up */
	CHECK(match[0] == 1);   /* 2029-02-01 counts for 2029-03-15 */
	CHECK(match[3] == -1);  /* outside every window */
	CHECK(used[0] && used[1] && !used[2]);
}

TEST(period_parse_iso)
{
	ov_period p;

	CHECK_OK(ov_period_parse(&p, "P1Y"));
	CHECK(p.years == 1 && p.months == 0 && p.days == 0 && !p.negative);
	CHECK_OK(ov_period_parse(&p, "P6M"));
	CHECK(p.years == 0 && p.months == 6 && p.days == 0 && !p.negative);
	CHECK_OK(ov_period_parse(&p, "P2W"));
	CHECK(p.years == 0 && p.months == 0 && p.days == 14 && !p.negative);
	CHECK_OK(ov_period_parse(&p, "P10D"));
	CHECK(p.years == 0 && p.months == 0 && p.days == 10);
	CHECK_OK(ov_period_parse(&p, "P1Y6M"));
	CHECK(p.years == 1 && p.months == 6 && p.days == 0);
	CHECK_OK(ov_period_parse(&p, "P1Y2M3W4D"));
	CHECK(p.years == 1 && p.months == 2 && p.days == 25);
	CHECK_OK(ov_period_parse(&p, "-P1M"));
	CHECK(p.years == 0 && p.months == 1 && p.days == 0 && p.negative == 1);
	CHECK_OK(ov_period_parse(&p, "P0D"));
	CHECK(p.years == 0 && p.months == 0 && p.days == 0 && !p.negative);
	CHECK_OK(ov_period_parse(&p, "P99999D"));
	CHECK_INT(p.days, 99999);
}

TEST(period_parse_refuses_with_messages)
{
	CHECK_STR(period_refusal("P"),
		  "invalid duration 'P': no amount given (as in P1Y, P6M, P10D)");
	CHECK_STR(period_refusal("-P"),
		  "invalid duration '-P': no amount given (as in P1Y, P6M, P10D)");
	CHECK_STR(period_refusal("P1"),
		  "invalid duration 'P1': the amount 1 has no unit (Y, M, W or D)");
	CHECK_STR(period_refusal("1Y"),
		  "invalid duration '1Y': an ISO 8601 duration starts with P "
		  "(as in P1Y, P6M, P10D)");
	CHECK_STR(period_refusal("p1y"),
		  "invalid duration 'p1y': an ISO 8601 duration starts with P "
		  "(as in P1Y, P6M, P10D)");
	CHECK_STR(period_refusal("P-1M"),
		  "invalid duration 'P-1M': a sign belongs before the P, as in -P1M");
	CHECK_STR(period_refusal("P1Y-1M"),
		  "invalid duration 'P1Y-1M': a sign belongs before the P, as in -P1M");
	CHECK_STR(period_refusal("--P1M"),
		  "invalid duration '--P1M': an ISO 8601 duration starts with P "
		  "(as in P1Y, P6M, P10D)");
	CHECK_STR(period_refusal("P1M1Y"),
		  "invalid duration 'P1M1Y': 'Y' is repeated or out of order "
		  "(the order is Y, M, W, D)");
	CHECK_STR(period_refusal("P1Y1Y"),
		  "invalid duration 'P1Y1Y': 'Y' is repeated or out of order "
		  "(the order is Y, M, W, D)");
	CHECK_STR(period_refusal("P1D2W"),
		  "invalid duration 'P1D2W': 'W' is repeated or out of order "
		  "(the order is Y, M, W, D)");
	CHECK_STR(period_refusal("PT1H"),
		  "invalid duration 'PT1H': hours, minutes and seconds (PT...) are not used "
		  "for agreement periods");
	CHECK_STR(period_refusal("P1.5Y"),
		  "invalid duration 'P1.5Y': fractions are not supported");
	CHECK_STR(period_refusal("P1X"),
		  "invalid duration 'P1X': unknown unit 'X' (use Y, M, W or D)");
	CHECK_STR(period_refusal("P1y"),
		  "invalid duration 'P1y': unknown unit 'y' (use Y, M, W or D)");
	CHECK_STR(period_refusal("P1Y "),
		  "invalid duration 'P1Y ': unexpected ' ' after P1Y");
	CHECK_STR(period_refusal("P1Yx"),
		  "invalid duration 'P1Yx': unexpected 'x' after P1Y");
	CHECK_STR(period_refusal("P1Y\xc3\xa5"),
		  "invalid duration 'P1Y\xc3\xa5': unexpected byte 0xC3 after P1Y");
	CHECK_STR(period_refusal("PY"),
		  "invalid duration 'PY': expected an amount after P, as in P1Y");
	CHECK_STR(period_refusal("P100000D"),
		  "invalid duration 'P100000D': the amount 100000 is too large (at most 99999)");
	CHECK_STR(period_refusal("P99999999999999999999Y"),
		  "invalid duration 'P99999999999999999999Y': the amount 99999999999999999999 "
		  "is too large (at most 99999)");
	CHECK_STR(period_refusal(""),
		  "invalid duration: none given (expected ISO 8601 as in P1Y or P6M)");
	CHECK_STR(period_refusal(NULL),
		  "invalid duration: none given (expected ISO 8601 as in P1Y or P6M)");
	/* The shorthand is not ISO 8601. */
	CHECK_STR(period_refusal("60d"),
		  "invalid duration '60d': an ISO 8601 duration starts with P "
		  "(as in P1Y, P6M, P10D)");
}

TEST(period_parse_short)
{
	ov_period p;

	CHECK_OK(ov_period_parse_short(&p, "60d"));
	CHECK(p.years == 0 && p.months == 0 && p.days == 60 && !p.negative);
	CHECK_OK(ov_period_parse_short(&p, "2w"));
	CHECK(p.years == 0 && p.months == 0 && p.days == 14 && !p.negative);
	CHECK_OK(ov_period_parse_short(&p, "3m"));
	CHECK(p.years == 0 && p.months == 3 && p.days == 0 && !p.negative);
	CHECK_OK(ov_period_parse_short(&p, "1y"));
	CHECK(p.years == 1 && p.months == 0 && p.days == 0 && !p.negative);
	CHECK_OK(ov_period_parse_short(&p, "1Y"));
	CHECK(p.years == 1 && p.months == 0 && p.days == 0);
	CHECK_OK(ov_period_parse_short(&p, "-1m"));
	CHECK(p.years == 0 && p.months == 1 && p.days == 0 && p.negative == 1);
	/* ISO 8601 is handed on. */
	CHECK_OK(ov_period_parse_short(&p, "P1Y6M"));
	CHECK(p.years == 1 && p.months == 6 && p.days == 0 && !p.negative);
	CHECK_OK(ov_period_parse_short(&p, "-P2W"));
	CHECK(p.days == 14 && p.negative == 1);

	CHECK_STR(short_refusal("60"),
		  "invalid period '60': expected an amount and a unit d, w, m or y "
		  "(as in 60d, 2w, 3m, 1y) or an ISO 8601 duration (as in P1Y)");
	CHECK_CONTAINS(short_refusal("d"), "invalid period 'd': expected an amount and a unit");
	CHECK_CONTAINS(short_refusal("60dd"), "invalid period '60dd': expected an amount");
	CHECK_CONTAINS(short_refusal("6 0d"), "invalid period '6 0d': expected an amount");
	CHECK_CONTAINS(short_refusal("1y6m"), "invalid period '1y6m': expected an amount");
	CHECK_STR(short_refusal("60x"),
		  "invalid period '60x': unknown unit 'x' (use d, w, m or y)");
	CHECK_STR(short_refusal("100000d"),
		  "invalid period '100000d': the amount is too large (at most 99999)");
	CHECK_STR(short_refusal(""), "invalid period: none given (as in 60d, 2w, 3m, 1y or P1Y)");
	CHECK_STR(short_refusal("P1"),
		  "invalid duration 'P1': the amount 1 has no unit (Y, M, W or D)");
}

/* Runs a schedule from `anchor` to `until` and joins the dates with spaces. */
static const char *schedule(const char *anchor, const ov_period *firsts, size_t nfirsts,
			    const ov_period *repeat, const char *until, size_t max)
{
	static char joined[64 * 11 + 1];
	ov_date out[64], a, u;
	ov_schedule s;
	int n, i;
	size_t pos = 0;

	s.firsts = firsts;
	s.nfirsts = nfirsts;
	s.repeat = repeat;
	if (ov_date_parse(&a, anchor) < 0 || ov_date_parse(&u, until) < 0)
		return "(parse failed)";
	if (max > 64)
		max = 64;
	n = ov_schedule_dates(out, max, a, &s, u);
	if (n < 0 || (size_t)n > max)
		return "(bad count)";
	joined[0] = '\0';
	for (i = 0; i < n; i++) {
		if (i)
			joined[pos++] = ' ';
		ov_date_format(joined + pos, out[i]);
		pos += 10;
	}
	joined[pos] = '\0';
	return joined;
}

TEST(schedule_yearly)
{
	ov_period year = P(1, 0, 0, 0);

	CHECK_STR(schedule("2026-04-01", &year, 1, &year, "2028-04-01", 64),
		  "2027-04-01 2028-04-01");
	/* Bounded by the term end: the follow-up on the anniversary falls outside. */
	CHECK_STR(schedule("2026-04-01", &year, 1, &year, "2028-03-31", 64), "2027-04-01");
	CHECK_STR(schedule("2024-02-29", &year, 1, &year, "2029-01-01", 64),
		  "2025-02-28 2026-02-28 2027-02-28 2028-02-29");
	CHECK_STR(schedule("2026-04-01", &year, 1, &year, "2027-03-31", 64), "");
}

TEST(schedule_lund)
{
	ov_period firsts[2] = { P(0, 6, 0, 0), P(1, 0, 0, 0) }, year = P(1, 0, 0, 0);

	/* Twice the first year, then yearly, over two years. */
	CHECK_STR(schedule("2026-04-01", firsts, 2, &year, "2028-04-01", 64),
		  "2026-10-01 2027-04-01 2028-04-01");
	CHECK_STR(schedule("2026-08-31", firsts, 2, &year, "2028-08-31", 64),
		  "2027-02-28 2027-08-31 2028-08-31");
	CHECK_STR(schedule("2026-04-01", firsts, 2, &year, "2030-04-01", 64),
		  "2026-10-01 2027-04-01 2028-04-01 2029-04-01 2030-04-01");
}

TEST(schedule_umea)
{
	ov_period two_months = P(0, 2, 0, 0);

	/* Six meetings a year; the 6th and 12th (indexes 5 and 11) are with the managers. */
	CHECK_STR(schedule("2026-04-01", NULL, 0, &two_months, "2028-04-01", 64),
		  "2026-06-01 2026-08-01 2026-10-01 2026-12-01 2027-02-01 2027-04-01 "
		  "2027-06-01 2027-08-01 2027-10-01 2027-12-01 2028-02-01 2028-04-01");
	/* From a month end, counted from the anchor each time: no drift to the 28th. */
	CHECK_STR(schedule("2026-12-31", NULL, 0, &two_months, "2028-12-31", 64),
		  "2027-02-28 2027-04-30 2027-06-30 2027-08-31 2027-10-31 2027-12-31 "
		  "2028-02-29 2028-04-30 2028-06-30 2028-08-31 2028-10-31 2028-12-31");
}

TEST(schedule_monthly_from_january_31)
{
	ov_period month = P(0, 1, 0, 0);

	CHECK_STR(schedule("2026-01-31", NULL, 0, &month, "2026-12-31", 64),
		  "2026-02-28 2026-03-31 2026-04-30 2026-05-31 2026-06-30 2026-07-31 "
		  "2026-08-31 2026-09-30 2026-10-31 2026-11-30 2026-12-31");
}

TEST(schedule_edges)
{
	ov_period month = P(0, 1, 0, 0), zero = P(0, 0, 0, 0), back = P(0, 1, 0, 1);
	ov_period firsts[2] = { P(0, 6, 0, 0), P(0, 1, 15, 0) };
	ov_period late_first[2] = { P(2, 0, 0, 0), P(0, 6, 0, 0) };
	ov_period six = P(0, 6, 0, 0);

	/* At most max dates. */
	CHECK_STR(schedule("2026-01-31", NULL, 0, &month, "2026-12-31", 3),
		  "2026-02-28 2026-03-31 2026-04-30");
	CHECK_STR(schedule("2026-01-31", NULL, 0, &month, "2026-12-31", 0), "");
	/* Nothing before until. */
	CHECK_STR(schedule("2026-01-31", NULL, 0, &month, "2026-02-27", 64), "");
	/* No repeat: the firsts alone. */
	CHECK_STR(schedule("2026-04-01", &six, 1, NULL, "2030-01-01", 64), "2026-10-01");
	/* A repeat that does not move forward is no repeat. */
	CHECK_STR(schedule("2026-04-01", &six, 1, &zero, "2030-01-01", 64), "2026-10-01");
	CHECK_STR(schedule("2026-04-01", &six, 1, &back, "2030-01-01", 64), "2026-10-01");
	/* The repeat adds to the last first offset in one step: P1M15D + P1M = P2M15D. */
	CHECK_STR(schedule("2026-01-31", firsts, 2, &month, "2026-08-01", 64),
		  "2026-07-31 2026-03-15 2026-04-15 2026-05-15 2026-06-15 2026-07-15");
	/* Firsts after until are left out, later ones still count. */
	CHECK_STR(schedule("2026-01-01", late_first, 2, &month, "2026-09-01", 64),
		  "2026-07-01 2026-08-01 2026-09-01");
	/* No repeat past year 9999. */
	CHECK_STR(schedule("9999-06-01", NULL, 0, &six, "9999-12-31", 64), "9999-12-01");
	/* No schedule at all. */
	{
		ov_date out[2];
		CHECK_INT(ov_schedule_dates(out, 2, D(2026, 1, 1), NULL, D(2027, 1, 1)), 0);
	}
}

/* Instants (seconds since the epoch) checked against the EU rule by hand. */
#define T_2026_03_29_0100Z 1774746000LL  /* summer time starts */
#define T_2026_10_25_0100Z 1792890000LL  /* summer time ends */
#define T_2027_03_28_0100Z 1806195600LL
#define T_2027_10_31_0100Z 1824944400LL
#define T_2026_01_15_1200Z 1768478400LL
#define T_2026_07_01_1200Z 1782907200LL
#define T_2026_06_30_2200Z 1782856800LL
#define T_2026_12_31_2300Z 1798758000LL

TEST(sweden_offset_and_switches)
{
	CHECK_INT(ov_sweden_offset(T_2026_01_15_1200Z), 60);
	CHECK_INT(ov_sweden_offset(T_2026_07_01_1200Z), 120);
	/* 29 March 2026: 02:00 CET becomes 03:00 CEST at 01:00 UTC. */
	CHECK_INT(ov_sweden_offset(T_2026_03_29_0100Z - 1), 60);
	CHECK_INT(ov_sweden_offset(T_2026_03_29_0100Z), 120);
	CHECK_INT(ov_sweden_offset(T_2026_03_29_0100Z - 86400), 60);
	/* 25 October 2026: 03:00 CEST becomes 02:00 CET at 01:00 UTC. */
	CHECK_INT(ov_sweden_offset(T_2026_10_25_0100Z - 1), 120);
	CHECK_INT(ov_sweden_offset(T_2026_10_25_0100Z), 60);
	CHECK_INT(ov_sweden_offset(T_2026_10_25_0100Z - 86400), 120);
	/* 2027: 28 March and 31 October (a Sunday that is the month's last day). */
	CHECK_INT(ov_sweden_offset(T_2027_03_28_0100Z - 1), 60);
	CHECK_INT(ov_sweden_offset(T_2027_03_28_0100Z), 120);
	CHECK_INT(ov_sweden_offset(T_2027_10_31_0100Z - 1), 120);
	CHECK_INT(ov_sweden_offset(T_2027_10_31_0100Z), 60);
	/* Before 1970 and at the far ends nothing overflows. */
	CHECK_INT(ov_sweden_offset(-3600), 60);
	CHECK(ov_sweden_offset(9223372036854775807LL) == 60);
	CHECK(ov_sweden_offset(-9223372036854775807LL - 1) == 60);
}

TEST(sweden_switches_other_years)
{
	/* Switch instants of the EU rule (as tzdata has them for Europe/Stockholm). */
	static const long long switches[][2] = {
		{ 828234000LL, 846378000LL },    /* 1996-03-31, 1996-10-27 */
		{ 954032400LL, 972781200LL },    /* 2000-03-26, 2000-10-29 */
		{ 1711846800LL, 1729990800LL },  /* 2024-03-31, 2024-10-27 */
		{ 1743296400LL, 1761440400LL },  /* 2025-03-30, 2025-10-26 */
		{ 1837645200LL, 1856394000LL },  /* 2028-03-26, 2028-10-29 */
		{ 2121901200LL, 2140045200LL },  /* 2037-03-29, 2037-10-25 */
		{ 4109878800LL, 4128627600LL },  /* 2100-03-28, 2100-10-31 */
	};
	size_t i;

	for (i = 0; i < sizeof(switches) / sizeof(switches[0]); i++) {
		CHECK_INT(ov_sweden_offset(switches[i][0] - 1), 60);
		CHECK_INT(ov_sweden_offset(switches[i][0]), 120);
		CHECK_INT(ov_sweden_offset(switches[i][1] - 1), 120);
		CHECK_INT(ov_sweden_offset(switches[i][1]), 60);
	}
}

TEST(sweden_text_forms)
{
	char out[32];

	ov_sweden_iso(out, T_2026_03_29_0100Z - 1);
	CHECK_STR(out, "2026-03-29T01:59:59+01:00");
	ov_sweden_iso(out, T_2026_03_29_0100Z);
	CHECK_STR(out, "2026-03-29T03:00:00+02:00");
	ov_sweden_iso(out, T_2026_10_25_0100Z - 1);
	CHECK_STR(out, "2026-10-25T02:59:59+02:00");
	ov_sweden_iso(out, T_2026_10_25_0100Z);
	CHECK_STR(out, "2026-10-25T02:00:00+01:00");
	ov_sweden_pdfdate(out, T_2026_03_29_0100Z);
	CHECK_STR(out, "D:20260329030000+02'00'");
	ov_sweden_pdfdate(out, T_2026_01_15_1200Z);
	CHECK_STR(out, "D:20260115130000+01'00'");
	ov_sweden_iso(out, -3600);
	CHECK_STR(out, "1970-01-01T00:00:00+01:00");
	ov_sweden_iso(out, -3601);
	CHECK_STR(out, "1969-12-31T23:59:59+01:00");
	/* Clamped to years 0001..9999. */
	ov_sweden_iso(out, 9223372036854775807LL);
	CHECK_STR(out, "9999-12-31T23:59:59+01:00");
	ov_sweden_pdfdate(out, -9223372036854775807LL - 1);
	CHECK_STR(out, "D:00010101010000+01'00'");
}

TEST(sweden_noon)
{
	char out[32];

	CHECK_INT(ov_sweden_noon(D(2026, 3, 20)), 1774004400LL);
	ov_sweden_iso(out, ov_sweden_noon(D(2026, 3, 20)));
	CHECK_STR(out, "2026-03-20T12:00:00+01:00");
	ov_sweden_pdfdate(out, ov_sweden_noon(D(2026, 3, 20)));
	CHECK_STR(out, "D:20260320120000+01'00'");
	CHECK_INT(ov_sweden_noon(D(2026, 7, 1)), 1782900000LL);
	ov_sweden_iso(out, ov_sweden_noon(D(2026, 7, 1)));
	CHECK_STR(out, "2026-07-01T12:00:00+02:00");
	/* On the switch days themselves. */
	CHECK_INT(ov_sweden_noon(D(2026, 3, 29)), 1774778400LL);
	CHECK_INT(ov_sweden_noon(D(2026, 10, 25)), 1792926000LL);
	ov_sweden_iso(out, ov_sweden_noon(D(2026, 10, 25)));
	CHECK_STR(out, "2026-10-25T12:00:00+01:00");
}

TEST(sweden_today_across_midnight)
{
	/* Summer: 22:00 UTC on 30 June is already midnight, 1 July, in Sweden. */
	CHECK_STR(fmt(ov_sweden_today(T_2026_06_30_2200Z - 1)), "2026-06-30");
	CHECK_STR(fmt(ov_sweden_today(T_2026_06_30_2200Z)), "2026-07-01");
	CHECK_STR(fmt(ov_sweden_today(T_2026_06_30_2200Z + 3599)), "2026-07-01");
	/* Winter: one hour ahead of UTC. */
	CHECK_STR(fmt(ov_sweden_today(T_2026_12_31_2300Z - 1)), "2026-12-31");
	CHECK_STR(fmt(ov_sweden_today(T_2026_12_31_2300Z)), "2027-01-01");
	CHECK_STR(fmt(ov_sweden_today(-3601)), "1969-12-31");
	CHECK_STR(fmt(ov_sweden_today(-3600)), "1970-01-01");
}

OVT_MAIN(
	TEST_ENTRY(leap_years_and_month_lengths),
	TEST_ENTRY(parse_accepts_real_dates),
	TEST_ENTRY(parse_refuses_with_messages),
	TEST_ENTRY(format),
	TEST_ENTRY(compare),
	TEST_ENTRY(day_numbers),
	TEST_ENTRY(month_end_clamping),
	TEST_ENTRY(january_31_plus_one_to_twelve_months),
	TEST_ENTRY(weeks_days_and_mixed),
	TEST_ENTRY(negative_periods),
	TEST_ENTRY(period_format_round_trips),
	TEST_ENTRY(term_end_and_notice_deadline),
	TEST_ENTRY(notice_deadline_month_ends_and_leap_years),
	TEST_ENTRY(add_capped_at_the_calendar_ends),
	TEST_ENTRY(term_end_at_month_ends_and_29_february),
	TEST_ENTRY(renewals_from_the_anchor_do_not_drift),
	TEST_ENTRY(notice_end_both_modes),
	TEST_ENTRY(renewal_ends_and_current_term),
	TEST_ENTRY(followups_matched_to_nearest_open_date),
	TEST_ENTRY(period_parse_iso),
	TEST_ENTRY(period_parse_refuses_with_messages),
	TEST_ENTRY(period_parse_short),
	TEST_ENTRY(schedule_yearly),
	TEST_ENTRY(schedule_lund),
	TEST_ENTRY(schedule_umea),
	TEST_ENTRY(schedule_monthly_from_january_31),
	TEST_ENTRY(schedule_edges),
	TEST_ENTRY(sweden_offset_and_switches),
	TEST_ENTRY(sweden_switches_other_years),
	TEST_ENTRY(sweden_text_forms),
	TEST_ENTRY(sweden_noon),
	TEST_ENTRY(sweden_today_across_midnight)
)
