/*
 * fuzz_date.c - a libFuzzer harness for the date and duration parsers
 * (engine/base/date.c), which read dates and periods from the command
 * line, workflow definitions and agreement documents.  The input, up to
 * its first NUL, is parsed by ov_date_parse, ov_period_parse and
 * ov_period_parse_short, and checked:
 *
 *   - a date that parses formats back to the same ten characters, and its
 *     day number converts back to the same date;
 *   - a period that parses formats (ov_period_format) to a text that
 *     parses to the same period and formats to the same text again; the
 *     shorthand gives the same period as ov_period_parse for "P..." text;
 *   - input "DATE PERIOD": the date arithmetic the lifecycle uses on them
 *     (ov_date_add_capped stays in 1900..9999, the notice deadline is the
 *     last day whose notice still ends on or before the term end, term
 *     ends, renewals and a schedule), so that UBSan sees the overflows.
 *
 * Nothing here allocates but the input's copy; the thread's error is
 * cleared.  Built with -DOV_FUZZ=ON (clang, libFuzzer) or, for replaying
 * a corpus, with tests/fuzz/replay.c in every build (tests/CMakeLists.txt).
 */
#include "fuzz_common.h"
#include "overens/date.h"

static int same_period(const ov_period *a, const ov_period *b)
{
	return a->years == b->years && a->months == b->months && a->days == b->days &&
	       a->negative == b->negative;
}

static void check_date(const char *s)
{
	ov_date d;
	char out[11];

	if (ov_date_parse(&d, s) < 0)
		return;
	ov_date_format(out, d);
	if (strcmp(out, s))
		abort();   /* a parsed date must format back to its text */
	if (ov_date_cmp(ov_date_from_days(ov_date_to_days(d)), d))
		abort();   /* day numbers must round-trip */
}

static void check_period(const char *s)
{
	ov_period p, q, r;
	char out[32], again[32];

	if (ov_period_parse(&p, s) == OV_OK) {
		ov_period_format(out, &p);
		if (ov_period_parse(&q, out) < 0 || !same_period(&p, &q))
			abort();   /* the formatted period must parse to the same one */
		ov_period_format(again, &q);
		if (strcmp(out, again))
			abort();   /* and the canonical text must be stable */
	}
	ov_error_clear();
	if (ov_period_parse_short(&r, s) == OV_OK) {
		if ((s[0] == 'P' || (s[0] == '-' && s[1] == 'P')) &&
		    (ov_period_parse(&p, s) < 0 || !same_period(&p, &r)))
			abort();   /* the shorthand hands ISO text to ov_period_parse */
		ov_period_format(out, &r);
		if (ov_period_parse(&q, out) < 0 || !same_period(&q, &r))
			abort();
	}
	ov_error_clear();
}

static int in_range(ov_date d)
{
	static const ov_date first = { 1900, 1, 1 }, last = { 9999, 12, 31 };
	return ov_date_cmp(d, first) >= 0 && ov_date_cmp(d, last) <= 0;
}

/* "DATE PERIOD": the arithmetic done on an agreement's dates. */
static void check_arithmetic(const char *s)
{
	const char *sp = strchr(s, ' ');
	char date[11];
	ov_date d, dl, e, until, sched[64];
	ov_period p;
	ov_schedule sc;
	int n;

	if (!sp || sp - s != 10)
		return;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (ov_date_parse(&d, date) < 0 || ov_period_parse(&p, sp + 1) < 0) {
		ov_error_clear();
		return;
	}
	if (!in_range(ov_date_add_capped(d, &p)))
		abort();   /* the capped sum must stay a date ov_date_parse accepts */
	e = ov_term_end(d, &p);
	ov_term_nth_end(d, &p, &p, 3);
	ov_renewal_end(d, &p, 2);
	ov_term_current_end(d, &p, &p, e, NULL);
	ov_notice_end(d, &p, OV_NOTICE_TERM_END, e, &e);
	if (!p.negative) {
		/* The deadline for a term ending on d: the last day whose notice ends by d. */
		dl = ov_notice_deadline(d, &p);
		if (ov_date_cmp(ov_notice_effective(dl, &p), d) > 0 ||
		    ov_date_cmp(ov_notice_effective(ov_date_from_days(ov_date_to_days(dl) + 1), &p),
				d) <= 0)
			abort();
	}
	sc.firsts = &p;
	sc.nfirsts = 1;
	sc.repeat = &p;
	until = ov_date_add_capped(d, &(ov_period){ 10, 0, 0, 0 });
	n = ov_schedule_dates(sched, 64, d, &sc, until);
	if (n < 0 || n > 64)
		abort();
	for (int i = 0; i < n; i++)
		if (ov_date_cmp(sched[i], until) > 0 || (i && ov_date_cmp(sched[i], sched[i - 1]) < 0))
			abort();   /* in order and none after `until` */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size);

	if (!s)
		return 0;
	check_date(s);
	ov_error_clear();
	check_period(s);
	check_arithmetic(s);
	free(s);
	ov_error_clear();
	return 0;
}
