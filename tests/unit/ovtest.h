/*
 * ovtest.h - a minimal unit-test harness: TEST(name) functions registered in
 * a table, CHECK* macros that report file, line, the expression and the
 * engine's last error, and a main() that runs them all and prints
 * "N passed, N failed".
 */
#ifndef OVTEST_H
#define OVTEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "overens/error.h"

static int ovt_failed_checks;

#define OVT_FAIL(...) do { \
	const ov_error *e_ = ov_error_last(); \
	fprintf(stderr, "%s:%d: ", __FILE__, __LINE__); \
	fprintf(stderr, __VA_ARGS__); \
	if (e_) fprintf(stderr, " [last error %d: %s]", e_->code, e_->message); \
	fputc('\n', stderr); \
	ovt_failed_checks++; \
	return; \
} while (0)

#define CHECK(cond) do { if (!(cond)) OVT_FAIL("CHECK(%s) failed", #cond); } while (0)
#define CHECK_OK(expr) do { int r_ = (expr); \
	if (r_ < 0) OVT_FAIL("%s returned %d", #expr, r_); } while (0)
#define CHECK_ERR(expr, code) do { int r_ = (expr); \
	if (r_ != (code)) OVT_FAIL("%s returned %d, expected %d", #expr, r_, (code)); } while (0)
#define CHECK_STR(a, b) do { const char *a_ = (a), *b_ = (b); \
	if (!a_ || !b_ || strcmp(a_, b_)) \
		OVT_FAIL("%s == \"%s\", expected \"%s\"", #a, a_ ? a_ : "(null)", b_ ? b_ : "(null)"); \
} while (0)
#define CHECK_INT(a, b) do { long long a_ = (long long)(a), b_ = (long long)(b); \
	if (a_ != b_) OVT_FAIL("%s == %lld, expected %lld", #a, a_, b_); } while (0)
#define CHECK_CONTAINS(hay, needle) do { const char *h_ = (hay), *n_ = (needle); \
	if (!h_ || !strstr(h_, n_)) \
		OVT_FAIL("\"%s\" does not contain \"%s\"", h_ ? h_ : "(null)", n_); } while (0)

typedef struct { const char *name; void (*fn)(void); } ovt_case;

#define TEST(name) static void test_##name(void)
#define TEST_ENTRY(name) { #name, test_##name }

static int ovt_run(const ovt_case *cases, size_t n)
{
	size_t i, passed = 0, failed = 0;

	for (i = 0; i < n; i++) {
		int before = ovt_failed_checks;
		ov_error_clear();
		cases[i].fn();
		if (ovt_failed_checks == before) {
			passed++;
			printf("ok   %s\n", cases[i].name);
		} else {
			failed++;
			printf("FAIL %s\n", cases[i].name);
		}
	}
	ov_error_clear();
	printf("%zu passed, %zu failed\n", passed, failed);
	return failed ? 1 : 0;
}

#define OVT_MAIN(...) int main(void) { \
	static const ovt_case cases_[] = { __VA_ARGS__ }; \
	return ovt_run(cases_, sizeof(cases_) / sizeof(cases_[0])); }

#endif
