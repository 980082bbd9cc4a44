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

/* The function table a test library fills (one that is not on the system). */
static void (*nothing)(void);
static const ov_lazy_sym absent_syms[] = { { "nothing", &nothing } };
static ov_lazy_lib absent = OV_LAZY_LIB("libov-absent.so.1", "ov-absent1", absent_syms);

TEST(load_names_the_library_and_its_package_every_time)
{
	CHECK_INT(ov_lazy_ready(&absent), 0);
	for (int i = 0; i < 2; i++) {
		CHECK_ERR(ov_lazy_load(&absent), OV_ERROR);
		CHECK_CONTAINS(ov_error_last()->message,
			       "cannot load libov-absent.so.1 (Debian package ov-absent1): ");
		ov_error_clear();
	}
}

/* A library with a hook: the hook runs once, with every slot filled, before it counts as loaded. */
static const char *(*hooked_version)(void);
static const ov_lazy_sym hooked_syms[] = { { "zlibVersion", &hooked_version } };
static void on_hooked_load(void);
static ov_lazy_lib hooked = OV_LAZY_LIB_HOOK("libz.so.1", "zlib1g", hooked_syms, on_hooked_load);
static int hook_runs, hook_saw_slot, hook_saw_loaded;

static void on_hooked_load(void)
{
	hook_runs++;
	hook_saw_slot = hooked_version != NULL;
	hook_saw_loaded = __atomic_load_n(&hooked.loaded, __ATOMIC_ACQUIRE);
}

TEST(the_load_hook_runs_once_before_the_library_counts_as_loaded)
{
	CHECK_INT(hook_runs, 0);
	CHECK_INT(ov_lazy_ready(&hooked), 1);
	CHECK_INT(hook_runs, 1);
	CHECK_INT(hook_saw_slot, 1);
	CHECK_INT(hook_saw_loaded, 0);
	ov_lazy_need(&hooked);
	CHECK_ERR(ov_lazy_load(&hooked), OV_OK);
	CHECK_INT(hook_runs, 1);
	/* no hook for a library that cannot be opened */
	CHECK_INT(ov_lazy_ready(&absent), 0);
}

OVT_MAIN(
	TEST_ENTRY(functions_are_found_and_called),
	TEST_ENTRY(the_load_hook_runs_once_before_the_library_counts_as_loaded),
	TEST_ENTRY(a_missing_library_or_function_is_named),
	TEST_ENTRY(load_names_the_library_and_its_package_every_time)
)
