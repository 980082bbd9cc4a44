/*
 * overens/date.h - calendar dates, ISO 8601 durations, follow-up schedules
 * and Swedish time.
 *
 * An agreement's dates are calendar dates in Swedish time (no time of day);
 * its periods (term, renewal, notice, follow-up intervals) are ISO 8601
 * durations in years, months, weeks and days.  Month arithmetic clamps to
 * the end of the month: 2027-01-31 + P1M = 2027-02-28.
 *
 * Everything here is pure computation over values the caller passes: no
 * clock, no TZ environment and no tzdata are consulted.  Nothing allocates.
 */
#ifndef OVERENS_DATE_H
#define OVERENS_DATE_H

#include <stddef.h>

/* A calendar date in the proleptic Gregorian calendar. */
typedef struct ov_date {
	int y, m, d;
} ov_date;

/*
 * A duration.  Weeks are stored as 7 days.  All three amounts are >= 0;
 * `negative` (0 or 1) makes the whole period point backwards.
 */
typedef struct ov_period {
	int years, months, days;
	int negative;
} ov_period;

/*
 * Parses a strict "YYYY-MM-DD": exactly ten characters, a real calendar
 * date, year 1900..9999.  Fails with OV_EINVALID and a message such as
 * "invalid date '2026-02-30': February 2026 has 28 days".
 */
int ov_date_parse(ov_date *out, const char *s);

/*
 * Writes "YYYY-MM-DD" and a NUL into out.  A date whose year is outside
 * 0..9999 or whose month or day is out of range is written as "0000-00-00"
 * (which ov_date_parse refuses).
 */
void ov_date_format(char out[11], ov_date d);

/* <0, 0 or >0 as a is before, the same as, or after b. */
int ov_date_cmp(ov_date a, ov_date b);

/* Days since 1970-01-01 (negative before it), proleptic Gregorian. */
long ov_date_to_days(ov_date d);
/* The inverse of ov_date_to_days; saturates around years -1000000/+1000000. */
ov_date ov_date_from_days(long days);

/* 1 when y is a leap year (2000 and 2024 are, 2100 is not), else 0. */
int ov_date_is_leap(int y);
/* Days in month m (1..12) of year y; 0 when m is out of range. */
int ov_date_days_in_month(int y, int m);

/*
 * Parses an ISO 8601 duration PnYnMnWnD: at least one component, the
 * designators in that order, each at most once, amounts of at most 99999
 * and at most 99999 days in all (weeks counting 7 days each);
 * a leading '-' makes it negative ("-P1M").  Time components (PT...) are
 * refused.  Fails with OV_EINVALID naming the duration and the problem.
 */
int ov_period_parse(ov_period *out, const char *s);

/*
 * Writes p as an ISO 8601 duration and a NUL into out, in the form
 * ov_period_parse reads back to the same period: "P1Y6M", "P14D" (weeks
 * as days), "-P1M"; a zero period is "P0D".
 */
void ov_period_format(char out[32], const ov_period *p);

/*
 * Parses the command-line shorthand: an amount and one unit, d (days),
 * w (weeks), m (months) or y (years), upper or lower case, optionally with
 * a leading '-': "60d", "2w", "3m", "1y".  A string starting with 'P' or
 * "-P" is handed to ov_period_parse, so either form is accepted.  The
 * limits are ov_period_parse's.
 */
int ov_period_parse_short(ov_period *out, const char *s);

/*
 * d + p: years and months first, clamping the ORIGINAL day to the end of
 * the resulting month (01-31 + P1M = 02-28, 01-31 + P2M = 03-31), then the
 * days.  A negative period subtracts the same way (03-31 - P1M = 02-28).
 */
ov_date ov_date_add(ov_date d, const ov_period *p);

/*
 * d + p as ov_date_add, kept within the dates ov_date_parse accepts
 * (1900-01-01 .. 9999-12-31): the end of a window such as `due --within`,
 * so 9998-06-01 + P2Y is 9999-12-31.
 */
ov_date ov_date_add_capped(ov_date d, const ov_period *p);

/*
 * The last day of a term of length `term` that starts on `start`: the day
 * before the corresponding day start + term; when that day does not exist
 * in its month (ov_date_add clamped it), the last day of that month (and,
 * for a period with days, that day + the days, not one less).
 *   2026-04-01 + P1Y -> 2027-03-31    2027-03-01 + P1M -> 2027-03-31
 *   2028-02-29 + P1Y -> 2029-02-28    (2029-02-29 does not exist)
 *   2027-01-31 + P1M -> 2027-02-28    2027-01-30 + P1M -> 2027-02-28
 * The next term starts the day after (2029-03-01 above).
 */
ov_date ov_term_end(ov_date start, const ov_period *term);

/*
 * The end of the k-th renewal (k >= 0) of a term of length `length` from
 * `start`, renewed by `period`: the term end (ov_term_end's rule) of
 * length + k * period counted from `start` in one step, so month ends do
 * not drift.  k = 0 is ov_term_end(start, length).  Start 2028-02-29, P1Y
 * renewed by P1Y: 2029-02-28, 2030-02-28, 2031-02-28, 2032-02-28 (the
 * day before 2032-02-29, which exists), 2033-02-28.  A zero or negative
 * period gives the first term's end for every k.
 */
ov_date ov_term_nth_end(ov_date start, const ov_period *length, const ov_period *period, long k);

/*
 * The notice rule (one rule for status, due, list and terminate).
 *
 * Notice given on day D with notice period P runs until D + P, month ends
 * clamped as ov_date_add does: ov_notice_effective.
 *
 * The notice deadline for a term ending on E is the LAST day D with
 * D + P <= E: notice given on that day still ends the agreement at E.
 *   E 2030-02-28, P6M: 2029-08-31 (08-31 + P6M = 2030-02-28; 09-01 gives 03-01)
 *   E 2028-02-29, P1M: 2028-01-31 (01-31 + P1M = 2028-02-29)
 *   E 2027-03-31, P1M: 2027-02-28
 * A zero period gives E itself.
 */
ov_date ov_notice_effective(ov_date given, const ov_period *notice);
ov_date ov_notice_deadline(ov_date term_end, const ov_period *notice);

/*
 * What notice ends (workflow.rng, <term notice-to="...">):
 *   OV_NOTICE_PERIOD    a running notice period: notice given on D ends
 *                       the agreement on D + P, never after the end of a
 *                       term that does not renew;
 *   OV_NOTICE_TERM_END  notice ends the agreement at a term end: at the
 *                       end of the term in force when given on or before
 *                       its deadline, otherwise at the end of the next
 *                       term (tacit renewal) or still at the term's end
 *                       (a term that does not renew).
 */
typedef enum ov_notice_mode {
	OV_NOTICE_PERIOD = 0,
	OV_NOTICE_TERM_END
} ov_notice_mode;

/*
 * The day an agreement ends after notice given on `given` (one function
 * for both modes).  `term_end` is the end of the term in force on `given`;
 * `next_end` the end of the term after it when the term renews tacitly,
 * NULL when it does not renew (fixed, or explicit and not renewed).
 * E 2027-03-31, P1M, notice on the deadline 2027-02-28: period mode ends
 * 2027-03-28, term-end mode 2027-03-31; on 2027-03-01 (tacit, next term
 * ending 2028-03-31): 2027-04-01 and 2028-03-31.
 */
ov_date ov_notice_end(ov_date given, const ov_period *notice, ov_notice_mode mode,
		      ov_date term_end, const ov_date *next_end);

/*
 * The end of the k-th renewal (k >= 0) of a term ending on `end` by
 * `period`, counted from the day after `end` (ov_term_nth_end from
 * end + 1 with a zero first term): k = 0 is `end`.  For a term whose end
 * is all that is known (an explicit renewal of a moved end).
 */
ov_date ov_renewal_end(ov_date end, const ov_period *period, long k);

/*
 * Tacit renewal as of day `asof`: the first ov_term_nth_end(start, length,
 * period, k) that is >= asof (the first term's end when asof is not after
 * it); *k_out (may be NULL) receives k.  A zero period gives the first
 * term's end.
 */
ov_date ov_term_current_end(ov_date start, const ov_period *length, const ov_period *period,
			    ov_date asof, long *k_out);

/*
 * Follow-up matching.  `sched` holds n scheduled dates in order, `lo` and
 * `hi` each one's tolerance window (inclusive).  Each of the m recorded
 * dates in `rec` (in any order) is taken in date order and satisfies the
 * nearest scheduled date still open whose window holds it (the earlier on
 * a tie); match[j] receives that date's index for rec[j], or -1 when the
 * recorded date lies in no open window (an extra follow-up).  `used` (n
 * ints) is scratch space the caller provides; a scheduled date already
 * satisfied (used[i] != 0 on entry) is not open.
 */
void ov_followups_match(int *match, const ov_date *rec, size_t m, const ov_date *sched,
			const ov_date *lo, const ov_date *hi, size_t n, int *used);

/*
 * Swedish time, by the EU rule applied to every year: summer time (CEST,
 * +120 minutes) from 01:00 UTC on the last Sunday of March until 01:00 UTC
 * on the last Sunday of October, otherwise CET (+60).  Instants are
 * seconds since 1970-01-01T00:00:00Z.
 */
int ov_sweden_offset(long long t);
/* The calendar date in Sweden at instant `now`. */
ov_date ov_sweden_today(long long now);
/* The instant of 12:00 Swedish time on date d. */
long long ov_sweden_noon(ov_date d);
/*
 * Instant t in Swedish time as a PDF date: "D:20260320120000+01'00'".
 * This and ov_sweden_iso clamp t to years 0001..9999.
 */
void ov_sweden_pdfdate(char out[32], long long t);
/* Instant t in Swedish time as ISO 8601: "2026-03-20T12:00:00+01:00". */
void ov_sweden_iso(char out[32], long long t);

/*
 * A schedule: a list of first offsets followed by an optional repeat.
 *   yearly:  firsts = {P1Y},        repeat = P1Y
 *   Lund:    firsts = {P6M, P1Y},   repeat = P1Y
 *   Umeå:    firsts = {},           repeat = P2M (which occurrence is the
 *            one with the managers is decided by the caller from its index)
 * The schedule only borrows its periods.
 */
typedef struct ov_schedule {
	const ov_period *firsts;
	size_t nfirsts;
	const ov_period *repeat; /* NULL = no repeat */
} ov_schedule;

/*
 * Writes up to `max` occurrence dates into out and returns how many
 * (>= 0).  Occurrence k (0-based) is anchor + firsts[k] for k < nfirsts,
 * then anchor + last_first + repeat * (k - nfirsts + 1), where last_first
 * is the last first offset (P0D when there is none).  Each one is computed
 * from the anchor in one step (total years, months and days), so month-end
 * clamping does not drift.  Only occurrences on or before `until` are
 * written, in order of k; the repeat stops at the first occurrence after
 * `until` or after year 9999.  A repeat that does not move forward (P0D or
 * negative) is treated as no repeat.
 */
int ov_schedule_dates(ov_date *out, size_t max, ov_date anchor,
		      const ov_schedule *s, ov_date until);

#endif
