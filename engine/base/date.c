/*
 * date.c - calendar dates, ISO 8601 durations, schedules and Swedish time
 * (see overens/date.h).
 *
 * Dates are converted to a day count since 1970-01-01 for day arithmetic
 * and back; month arithmetic works on a month count (year * 12 + month)
 * and clamps the day to the month's length.  Swedish time is computed from
 * the EU summer-time rule alone, so results never depend on the host's
 * time zone settings.
 */
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "overens/i18n.h"
#include "overens/date.h"
#include "overens/error.h"

#define DAY_SECONDS 86400LL
#define PERIOD_MAX 99999           /* the largest amount in one component */
#define SHOWN_MAX 40               /* input characters quoted in messages */

/* Days from 0001-01-01 to 1970-01-01. */
#define EPOCH_DAYS 719162L
/* Days in 400 Gregorian years. */
#define CYCLE_DAYS 146097L
/* ov_date_from_days keeps within about a million years either side. */
#define DAYS_LIMIT (CYCLE_DAYS * 2500L)

static const char *const month_names[12] = {
	N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
	N_("July"), N_("August"), N_("September"), N_("October"), N_("November"),
	N_("December")
};

/* Days before the first of each month in a common year. */
static const int days_before_month[12] = {
	0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334
};

/* How many characters of s to quote in a message. */
static int shown(const char *s)
{
	size_t n = strlen(s);
	return n > SHOWN_MAX ? SHOWN_MAX : (int)n;
}

/* A length of at most SHOWN_MAX characters for a "%.*s" in a message. */
static int upto(ptrdiff_t n)
{
	return n > SHOWN_MAX ? SHOWN_MAX : (int)n;
}

/* c quoted for a message: 'X' when printable ASCII, else its byte value. */
static const char *quote_char(char buf[12], char c)
{
	unsigned char u = (unsigned char)c;
	const char hex[] = "0123456789ABCDEF";

	if (u >= 0x20 && u < 0x7f) {
		buf[0] = '\'';
		buf[1] = c;
		buf[2] = '\'';
		buf[3] = '\0';
	} else {
		memcpy(buf, "byte 0x", 7);
		buf[7] = hex[u >> 4];
		buf[8] = hex[u & 15];
		buf[9] = '\0';
	}
	return buf;
}

static long floor_div(long a, long b)
{
	long q = a / b;
	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

static long long floor_div_ll(long long a, long long b)
{
	long long q = a / b;
	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

int ov_date_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int ov_date_days_in_month(int y, int m)
{
	static const int len[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && ov_date_is_leap(y))
		return 29;
	return len[m - 1];
}

static int digits(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int number(const char *s, size_t n)
{
	int v = 0;
	size_t i;
	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

int ov_date_parse(ov_date *out, const char *s)
{
	ov_date d;
	int dim;

	if (!s || !*s)
		return ov_error_set(OV_EINVALID, "invalid date: none given (expected YYYY-MM-DD)");
	if (strlen(s) > 10 && digits(s, 4) && s[4] == '-' && digits(s + 5, 2) &&
	    s[7] == '-' && digits(s + 8, 2))
		return ov_error_set(OV_EINVALID,
			"invalid date '%.*s': unexpected text after YYYY-MM-DD", shown(s), s);
	if (strlen(s) != 10 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) ||
	    s[7] != '-' || !digits(s + 8, 2))
		return ov_error_set(OV_EINVALID,
			"invalid date '%.*s': expected YYYY-MM-DD", shown(s), s);
	d.y = number(s, 4);
	d.m = number(s + 5, 2);
	d.d = number(s + 8, 2);
	if (d.y < 1900)
		return ov_error_set(OV_EINVALID,
			"invalid date '%s': the year must be 1900..9999", s);
	if (d.m < 1 || d.m > 12)
		return ov_error_set(OV_EINVALID,
			"invalid date '%s': there is no month %02d", s, d.m);
	dim = ov_date_days_in_month(d.y, d.m);
	if (d.d < 1)
		return ov_error_set(OV_EINVALID, "invalid date '%s': there is no day 00", s);
	if (d.d > dim)
		return ov_error_set(OV_EINVALID, "invalid date '%s': %s %d has %d days",
				    s, _(month_names[d.m - 1]), d.y, dim);
	*out = d;
	return OV_OK;
}

/* Writes v (>= 0) as `width` digits with leading zeros; returns the end. */
static char *put_num(char *p, int v, int width)
{
	int k;

	for (k = width - 1; k >= 0; k--) {
		p[k] = (char)('0' + v % 10);
		v /= 10;
	}
	return p + width;
}

void ov_date_format(char out[11], ov_date d)
{
	char *p = out;

	if (d.y < 0 || d.y > 9999 || d.m < 1 || d.m > 12 || d.d < 1 ||
	    d.d > ov_date_days_in_month(d.y, d.m))
		d.y = d.m = d.d = 0;
	p = put_num(p, d.y, 4);
	*p++ = '-';
	p = put_num(p, d.m, 2);
	*p++ = '-';
	p = put_num(p, d.d, 2);
	*p = '\0';
}

int ov_date_cmp(ov_date a, ov_date b)
{
	if (a.y != b.y)
		return a.y < b.y ? -1 : 1;
	if (a.m != b.m)
		return a.m < b.m ? -1 : 1;
	if (a.d != b.d)
		return a.d < b.d ? -1 : 1;
	return 0;
}

long ov_date_to_days(ov_date d)
{
	long y = (long)d.y - 1, days;

	days = 365 * y + floor_div(y, 4) - floor_div(y, 100) + floor_div(y, 400);
	if (d.m >= 1 && d.m <= 12) {
		days += days_before_month[d.m - 1];
		if (d.m > 2 && ov_date_is_leap(d.y))
			days++;
	}
	return days + d.d - 1 - EPOCH_DAYS;
}

ov_date ov_date_from_days(long days)
{
	long z, cycles, n100, n4, n1;
	ov_date out;
	int dim;

	if (days > DAYS_LIMIT)
		days = DAYS_LIMIT;
	if (days < -DAYS_LIMIT)
		days = -DAYS_LIMIT;
	z = days + EPOCH_DAYS;                    /* days since 0001-01-01 */
	cycles = floor_div(z, CYCLE_DAYS);
	z -= cycles * CYCLE_DAYS;                 /* 0 .. 146096 */
	n100 = z / 36524;
	if (n100 > 3)
		n100 = 3;                         /* the last day of a leap century */
	z -= n100 * 36524;
	n4 = z / 1461;
	z -= n4 * 1461;
	n1 = z / 365;
	if (n1 > 3)
		n1 = 3;                           /* 31 December of a leap year */
	z -= n1 * 365;
	out.y = (int)(cycles * 400 + n100 * 100 + n4 * 4 + n1 + 1);
	out.m = 1;
	while ((dim = ov_date_days_in_month(out.y, out.m)) <= z) {
		z -= dim;
		out.m++;
	}
	out.d = (int)z + 1;
	return out;
}

/*
 * d moved by signed amounts: months first (the day clamped to the length
 * of the month reached), then days.
 */
static ov_date add_signed(ov_date d, long months, long days)
{
	long total = (long)d.y * 12 + (d.m - 1) + months;
	ov_date r;
	int dim;

	r.y = (int)floor_div(total, 12);
	r.m = (int)(total - (long)r.y * 12) + 1;
	dim = ov_date_days_in_month(r.y, r.m);
	r.d = d.d > dim ? dim : d.d;
	if (days)
		r = ov_date_from_days(ov_date_to_days(r) + days);
	return r;
}

static long sign_of(const ov_period *p)
{
	return p->negative ? -1 : 1;
}

ov_date ov_date_add(ov_date d, const ov_period *p)
{
	long sign = sign_of(p);

	return add_signed(d, sign * ((long)p->years * 12 + p->months), sign * p->days);
}

ov_date ov_date_add_capped(ov_date d, const ov_period *p)
{
	static const ov_date first = { 1900, 1, 1 }, last = { 9999, 12, 31 };
	ov_date r = ov_date_add(d, p);

	if (ov_date_cmp(r, last) > 0)
		return last;
	return ov_date_cmp(r, first) < 0 ? first : r;
}

/*
 * The last day of `months` and `days` counted from `anchor` (the first
 * day): the day before the corresponding day anchor + months + days, or,
 * when the month step clamped the day (no corresponding day in that
 * month), the clamped day + days itself: for a period without days the
 * last day of that month.
 */
static ov_date last_day_of(ov_date anchor, long months, long days)
{
	ov_date c = add_signed(anchor, months, 0);
	long n = ov_date_to_days(c) + days;

	return ov_date_from_days(c.d < anchor.d ? n : n - 1);
}

static long period_months(const ov_period *p)
{
	return (long)p->years * 12 + p->months;
}

ov_date ov_term_end(ov_date start, const ov_period *term)
{
	long sign = sign_of(term);

	return last_day_of(start, sign * period_months(term), sign * term->days);
}

/* The notice rule and renewals */

ov_date ov_notice_effective(ov_date given, const ov_period *notice)
{
	return ov_date_add(given, notice);
}

static ov_date day_after(ov_date d, long n)
{
	return ov_date_from_days(ov_date_to_days(d) + n);
}

/*
 * D -> D + P is non-decreasing, so the last D with D + P <= E lies a few
 * days from E - P (clamping moves it by at most three days per month
 * step): step back while D + P is after E, then forward while D + 1 still
 * fits.
 */
ov_date ov_notice_deadline(ov_date term_end, const ov_period *notice)
{
	ov_period back = *notice;
	ov_date d;
	int guard;

	back.negative = !back.negative;
	d = ov_date_add(term_end, &back);
	for (guard = 0; guard < 64 && ov_date_cmp(ov_date_add(d, notice), term_end) > 0; guard++)
		d = day_after(d, -1);
	for (guard = 0; guard < 64 &&
	     ov_date_cmp(ov_date_add(day_after(d, 1), notice), term_end) <= 0; guard++)
		d = day_after(d, 1);
	return d;
}

ov_date ov_notice_end(ov_date given, const ov_period *notice, ov_notice_mode mode,
		      ov_date term_end, const ov_date *next_end)
{
	ov_date end;

	if (mode == OV_NOTICE_TERM_END)
		return ov_date_cmp(given, ov_notice_deadline(term_end, notice)) <= 0 || !next_end
			? term_end : *next_end;
	end = ov_notice_effective(given, notice);
	if (!next_end && ov_date_cmp(end, term_end) > 0)
		end = term_end;
	return end;
}

static int period_forward(const ov_period *p)
{
	return p && !p->negative && (p->years || p->months || p->days);
}

ov_date ov_term_nth_end(ov_date start, const ov_period *length, const ov_period *period, long k)
{
	long sign = sign_of(length);

	if (k <= 0 || !period_forward(period))
		return ov_term_end(start, length);
	if (k > 10000L * 366)
		k = 10000L * 366;
	return last_day_of(start, sign * period_months(length) + k * period_months(period),
			   sign * length->days + k * period->days);
}

ov_date ov_renewal_end(ov_date end, const ov_period *period, long k)
{
	static const ov_period none = { 0, 0, 0, 0 };

	return ov_term_nth_end(day_after(end, 1), &none, period, k);
}

ov_date ov_term_current_end(ov_date start, const ov_period *length, const ov_period *period,
			    ov_date asof, long *k_out)
{
	ov_date end = ov_term_end(start, length), e = end;
	long k = 0, diff, longest;

	if (ov_date_cmp(asof, end) > 0 && period_forward(period)) {
		/* Start from an estimate that is never too high, then step. */
		diff = ov_date_to_days(asof) - ov_date_to_days(end);
		longest = (long)period->years * 366 + (long)period->months * 31 + period->days;
		k = diff / longest - 1;
		if (k < 1)
			k = 1;
		while ((e = ov_term_nth_end(start, length, period, k)).y <= 9999 &&
		       ov_date_cmp(e, asof) < 0)
			k++;
	}
	if (k_out)
		*k_out = k;
	return e;
}

/* Follow-up matching */

static long days_between(ov_date a, ov_date b)
{
	long d = ov_date_to_days(a) - ov_date_to_days(b);
	return d < 0 ? -d : d;
}

/* The earliest recorded date not yet taken (match[j] == -2), or m when none is left. */
static size_t next_recorded(const int *match, const ov_date *rec, size_t m)
{
	size_t best = m;

	for (size_t j = 0; j < m; j++)
		if (match[j] == -2 && (best == m || ov_date_cmp(rec[j], rec[best]) < 0))
			best = j;
	return best;
}

/* The open scheduled date nearest to `d` whose window holds it, or -1. */
static int nearest_open(ov_date d, const ov_date *sched, const ov_date *lo, const ov_date *hi,
			size_t n, const int *used)
{
	long dist = 0;
	int best = -1;

	for (size_t i = 0; i < n; i++) {
		long dd;
		if (used[i] || ov_date_cmp(d, lo[i]) < 0 || ov_date_cmp(d, hi[i]) > 0)
			continue;
		dd = days_between(d, sched[i]);
		if (best < 0 || dd < dist) {
			best = (int)i;
			dist = dd;
		}
	}
	return best;
}

void ov_followups_match(int *match, const ov_date *rec, size_t m, const ov_date *sched,
			const ov_date *lo, const ov_date *hi, size_t n, int *used)
{
	size_t r;

	for (r = 0; r < m; r++)
		match[r] = -2;
	while ((r = next_recorded(match, rec, m)) < m) {
		match[r] = nearest_open(rec[r], sched, lo, hi, n, used);
		if (match[r] >= 0)
			used[match[r]] = 1;
	}
}

/* Durations */

static int period_error(const char *s, const char *what)
{
	return ov_error_set(OV_EINVALID, "invalid duration '%.*s': %s", shown(s), s,
			    _(what));
}

/*
 * Weeks are kept as days, and a period is written back with its days in
 * one amount (ov_period_format), so the days in all are held to the limit
 * of one amount: what is read can always be written and read again.
 */
static int too_many_days(const char *s, int days)
{
	return ov_error_set(OV_EINVALID,
		"invalid duration '%.*s': %d days in all is too long (at most %d, "
		"a week counting as 7)", shown(s), s, days, PERIOD_MAX);
}

int ov_period_parse(ov_period *out, const char *s)
{
	static const char units[] = "YMWD";
	ov_period p = { 0, 0, 0, 0 };
	const char *c;
	char q[12];
	int last = -1, any = 0;

	if (!s || !*s)
		return ov_error_set(OV_EINVALID,
			"invalid duration: none given (expected ISO 8601 as in P1Y or P6M)");
	c = s;
	if (*c == '-') {
		p.negative = 1;
		c++;
	}
	if (*c != 'P')
		return period_error(s, "an ISO 8601 duration starts with P (as in P1Y, P6M, P10D)");
	c++;
	while (*c) {
		const char *start = c, *u;
		long v = 0;
		int rank;

		if (*c == 'T')
			return period_error(s, "hours, minutes and seconds (PT...) are not used "
						"for agreement periods");
		if (*c == '-' || *c == '+')
			return period_error(s, "a sign belongs before the P, as in -P1M");
		if ((*c < '0' || *c > '9') && any)
			return ov_error_set(OV_EINVALID,
				"invalid duration '%.*s': unexpected %s after %.*s",
				shown(s), s, quote_char(q, *c), upto(c - s), s);
		if (*c < '0' || *c > '9')
			return period_error(s, "expected an amount after P, as in P1Y");
		while (*c >= '0' && *c <= '9') {
			if (v <= PERIOD_MAX)
				v = v * 10 + (*c - '0');
			c++;
		}
		if (v > PERIOD_MAX)
			return ov_error_set(OV_EINVALID,
				"invalid duration '%.*s': the amount %.*s is too large "
				"(at most %d)", shown(s), s, upto(c - start),
				start, PERIOD_MAX);
		if (*c == '.' || *c == ',')
			return period_error(s, "fractions are not supported");
		if (!*c)
			return ov_error_set(OV_EINVALID,
				"invalid duration '%.*s': the amount %.*s has no unit "
				"(Y, M, W or D)", shown(s), s, upto(c - start), start);
		u = strchr(units, *c);
		if (!u)
			return ov_error_set(OV_EINVALID,
				"invalid duration '%.*s': unknown unit %s (use Y, M, W or D)",
				shown(s), s, quote_char(q, *c));
		rank = (int)(u - units);
		if (rank <= last)
			return ov_error_set(OV_EINVALID,
				"invalid duration '%.*s': %s is repeated or out of order "
				"(the order is Y, M, W, D)", shown(s), s, quote_char(q, *c));
		last = rank;
		switch (*c) {
		case 'Y': p.years = (int)v; break;
		case 'M': p.months = (int)v; break;
		case 'W': p.days += (int)v * 7; break;
		default:  p.days += (int)v; break;
		}
		any = 1;
		c++;
	}
	if (!any)
		return period_error(s, "no amount given (as in P1Y, P6M, P10D)");
	if (p.days > PERIOD_MAX)
		return too_many_days(s, p.days);
	*out = p;
	return OV_OK;
}

void ov_period_format(char out[32], const ov_period *p)
{
	const int amount[3] = { p->years, p->months, p->days };
	const char unit[3] = { 'Y', 'M', 'D' };
	size_t n = 0;
	int i, w;

	if (p->negative)
		out[n++] = '-';
	out[n++] = 'P';
	out[n] = '\0';
	for (i = 0; i < 3; i++) {
		if (!amount[i] && (i < 2 || n > (size_t)p->negative + 1))
			continue;   /* P0D only when nothing else was written */
		w = snprintf(out + n, 32 - n, "%d%c", amount[i], unit[i]);
		if (w < 0 || (size_t)w >= 32 - n)
			break;      /* cannot happen with parsed amounts (<= 799992) */
		n += (size_t)w;
	}
}

int ov_period_parse_short(ov_period *out, const char *s)
{
	ov_period p = { 0, 0, 0, 0 };
	const char *c;
	char q[12];
	long v = 0;
	int n = 0;

	if (!s || !*s)
		return ov_error_set(OV_EINVALID,
			"invalid period: none given (as in 60d, 2w, 3m, 1y or P1Y)");
	c = s;
	if (*c == '-') {
		p.negative = 1;
		c++;
	}
	if (*c == 'P')
		return ov_period_parse(out, s);
	while (*c >= '0' && *c <= '9') {
		if (v <= PERIOD_MAX)
			v = v * 10 + (*c - '0');
		c++;
		n++;
	}
	if (n == 0 || !*c || c[1])
		return ov_error_set(OV_EINVALID,
			"invalid period '%.*s': expected an amount and a unit d, w, m or y "
			"(as in 60d, 2w, 3m, 1y) or an ISO 8601 duration (as in P1Y)",
			shown(s), s);
	if (v > PERIOD_MAX)
		return ov_error_set(OV_EINVALID,
			"invalid period '%.*s': the amount is too large (at most %d)",
			shown(s), s, PERIOD_MAX);
	switch (*c) {
	case 'd': case 'D': p.days = (int)v; break;
	case 'w': case 'W': p.days = (int)v * 7; break;
	case 'm': case 'M': p.months = (int)v; break;
	case 'y': case 'Y': p.years = (int)v; break;
	default:
		return ov_error_set(OV_EINVALID,
			"invalid period '%.*s': unknown unit %s (use d, w, m or y)",
			shown(s), s, quote_char(q, *c));
	}
	if (p.days > PERIOD_MAX)
		return too_many_days(s, p.days);
	*out = p;
	return OV_OK;
}

/* Schedules */

int ov_schedule_dates(ov_date *out, size_t max, ov_date anchor,
		      const ov_schedule *s, ov_date until)
{
	long base_months = 0, base_days = 0, rep_months, rep_days, k;
	size_t i, n = 0;

	if (!s)
		return 0;
	for (i = 0; i < s->nfirsts && n < max && n < INT_MAX; i++) {
		const ov_period *f = &s->firsts[i];
		ov_date d = ov_date_add(anchor, f);
		if (ov_date_cmp(d, until) <= 0)
			out[n++] = d;
	}
	if (s->nfirsts) {
		const ov_period *f = &s->firsts[s->nfirsts - 1];
		base_months = sign_of(f) * ((long)f->years * 12 + f->months);
		base_days = sign_of(f) * f->days;
	}
	if (!s->repeat || s->repeat->negative ||
	    (s->repeat->years == 0 && s->repeat->months == 0 && s->repeat->days == 0))
		return (int)n;
	rep_months = (long)s->repeat->years * 12 + s->repeat->months;
	rep_days = s->repeat->days;
	for (k = 1; n < max && n < INT_MAX; k++) {
		ov_date d = add_signed(anchor, base_months + k * rep_months,
				       base_days + k * rep_days);
		if (d.y > 9999 || ov_date_cmp(d, until) > 0)
			break;
		out[n++] = d;
	}
	return (int)n;
}

/* Swedish time */

/* The day number of the last Sunday of month m in year y. */
static long last_sunday(int y, int m)
{
	ov_date last = { y, m, ov_date_days_in_month(y, m) };
	long days = ov_date_to_days(last);
	long weekday = (days + 4) - floor_div(days + 4, 7) * 7; /* 1970-01-01: Thursday, 4 */

	return days - weekday;                                  /* 0 = Sunday */
}

/* t kept within the days ov_date_from_days covers, so that no sum overflows. */
static long long clamp_instant(long long t)
{
	const long long limit = DAYS_LIMIT * DAY_SECONDS;

	return t > limit ? limit : t < -limit ? -limit : t;
}

/* The day number holding instant t. */
static long day_of(long long t)
{
	return (long)floor_div_ll(clamp_instant(t), DAY_SECONDS);
}

int ov_sweden_offset(long long t)
{
	ov_date d = ov_date_from_days(day_of(t));
	long long start = last_sunday(d.y, 3) * DAY_SECONDS + 3600;
	long long end = last_sunday(d.y, 10) * DAY_SECONDS + 3600;

	t = clamp_instant(t);
	return t >= start && t < end ? 120 : 60;
}

ov_date ov_sweden_today(long long now)
{
	now = clamp_instant(now);
	return ov_date_from_days(day_of(now + ov_sweden_offset(now) * 60LL));
}

long long ov_sweden_noon(ov_date d)
{
	long long local = (long long)ov_date_to_days(d) * DAY_SECONDS + 12 * 3600;
	long long winter = local - 3600;

	/* Noon is hours away from either switch, so one guess settles it. */
	return ov_sweden_offset(winter) == 60 ? winter : local - 7200;
}

/* Instant t broken down in Swedish time. */
typedef struct {
	ov_date date;
	int hh, mm, ss, offset;
} sweden_time;

/* The first and last instants the text forms show: 0001-01-01 .. 9999-12-31 local. */
#define FIRST_INSTANT (-(EPOCH_DAYS * DAY_SECONDS))
#define LAST_INSTANT ((2932897LL * DAY_SECONDS) - 1 - 3600)

static sweden_time sweden_split(long long t)
{
	sweden_time st;
	long long local, secs;
	long day;

	t = t < FIRST_INSTANT ? FIRST_INSTANT : t > LAST_INSTANT ? LAST_INSTANT : t;
	st.offset = ov_sweden_offset(t);
	local = t + st.offset * 60LL;
	day = day_of(local);
	st.date = ov_date_from_days(day);
	secs = local - (long long)day * DAY_SECONDS;
	st.hh = (int)(secs / 3600);
	st.mm = (int)(secs / 60 % 60);
	st.ss = (int)(secs % 60);
	return st;
}

/* "YYYY?MM?DD" + sep + "HH?MM?SS" with the separators given (0 = none). */
static char *put_stamp(char *p, const sweden_time *st, char dsep, char mid, char tsep)
{
	p = put_num(p, st->date.y, 4);
	if (dsep)
		*p++ = dsep;
	p = put_num(p, st->date.m, 2);
	if (dsep)
		*p++ = dsep;
	p = put_num(p, st->date.d, 2);
	if (mid)
		*p++ = mid;
	p = put_num(p, st->hh, 2);
	if (tsep)
		*p++ = tsep;
	p = put_num(p, st->mm, 2);
	if (tsep)
		*p++ = tsep;
	return put_num(p, st->ss, 2);
}

void ov_sweden_pdfdate(char out[32], long long t)
{
	sweden_time st = sweden_split(t);
	char *p = out;

	*p++ = 'D';
	*p++ = ':';
	p = put_stamp(p, &st, 0, 0, 0);
	*p++ = '+';
	p = put_num(p, st.offset / 60, 2);
	memcpy(p, "'00'", 5);
}

void ov_sweden_iso(char out[32], long long t)
{
	sweden_time st = sweden_split(t);
	char *p = out;

	p = put_stamp(p, &st, '-', 'T', ':');
	*p++ = '+';
	p = put_num(p, st.offset / 60, 2);
	memcpy(p, ":00", 4);
}
