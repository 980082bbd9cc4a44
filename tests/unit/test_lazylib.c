/*
 * test_lazylib.c - a library opened on first use (overens/lazylib.h):
 * functions found and callable, and a missing library or function named
 * in the reason, with nothing half-filled reported as found.
 */
#include "ovtest.h"
#include "overens/lazylib.h"

TEST(functions_are_found_and_called)
{
	const char *(*version)(void) = NULL;
	const ov_lazy_sym syms[] = { { "zlibVersion", &version } };
	char why[256] = "";

	CHECK_INT(ov_lazy_open("libz.so.1", syms, 1, why, sizeof(why)), 1);
	CHECK(version != NULL);
	CHECK(version()[0] == '1'); /* zlib 1.x */
	CHECK_STR(why, "");
}

TEST(a_missing_library_or_function_is_named)
{
	void (*f)(void) = NULL;
	const ov_lazy_sym absent[] = { { "zlibVersion", &f } };
	const ov_lazy_sym partly[] = { { "zlibVersion", &f }, { "ov_no_such_function", &f } };
	char why[256];

	CHECK_INT(ov_lazy_open("libov-no-such-library.so.9", absent, 1, why, sizeof(why)), 0);
	CHECK_CONTAINS(why, "libov-no-such-library.so.9");
	CHECK_INT(ov_lazy_open("libz.so.1", partly, 2, why, sizeof(why)), 0);
	CHECK_CONTAINS(why, "ov_no_such_function");
}

OVT_MAIN(
	TEST_ENTRY(functions_are_found_and_called),
	TEST_ENTRY(a_missing_library_or_function_is_named)
)
