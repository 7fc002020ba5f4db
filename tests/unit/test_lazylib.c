/* tests/unit/test_lazylib.c: libraries loaded on first use: all symbols or none, a failure
 * remembered with its reason, unload for a clean exit. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/lazylib.h"

static pid_t (*my_getpid)(void);
static size_t (*my_strlen)(const char *);

static void loads_and_resolves(void **state)
{
	const struct lazylib_sym syms[] = {
		LAZYLIB_SYM(my_getpid, "getpid"),
		LAZYLIB_SYM(my_strlen, "strlen"),
	};
	struct lazylib l = { .soname = "libc.so.6", .syms = syms, .nsyms = 2 };

	(void)state;
	assert_int_equal(lazylib_load(&l), 0);
	assert_non_null(my_getpid);
	assert_int_equal(my_getpid(), getpid());
	assert_int_equal(my_strlen("sipha"), 5);
	assert_int_equal(lazylib_load(&l), 0);	/* again: already there */
	lazylib_unload(&l);
	assert_null(my_getpid);
	assert_null(my_strlen);
	assert_int_equal(l.state, 0);
}

static void missing_library_is_remembered(void **state)
{
	const struct lazylib_sym syms[] = { LAZYLIB_SYM(my_getpid, "getpid") };
	struct lazylib l = { .soname = "libsipha-nonexistent.so.9", .syms = syms, .nsyms = 1 };

	(void)state;
	my_getpid = NULL;
	assert_int_equal(lazylib_load(&l), -ELIBACC);
	assert_non_null(strstr(l.error, "libsipha-nonexistent.so.9"));
	/* the loader's own words reach whoever turns the error into a message */
	assert_string_equal(lazylib_error(), l.error);
	assert_non_null(strstr(lazylib_strerror(-ELIBACC),
			       "libsipha-nonexistent.so.9: cannot open shared object file"));
	assert_string_equal(lazylib_strerror(-ENOENT), strerror(ENOENT));
	assert_int_equal(lazylib_load(&l), -ELIBACC);	/* not retried */
	assert_null(my_getpid);
	lazylib_unload(&l);
}

static void missing_symbol_resolves_none(void **state)
{
	const struct lazylib_sym syms[] = {
		LAZYLIB_SYM(my_getpid, "getpid"),
		LAZYLIB_SYM(my_strlen, "sipha_no_such_symbol"),
	};
	struct lazylib l = { .soname = "libc.so.6", .syms = syms, .nsyms = 2 };

	(void)state;
	assert_int_equal(lazylib_load(&l), -ELIBACC);
	assert_non_null(strstr(l.error, "sipha_no_such_symbol"));
	assert_null(my_getpid);
	assert_null(my_strlen);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(loads_and_resolves),
		cmocka_unit_test(missing_library_is_remembered),
		cmocka_unit_test(missing_symbol_resolves_none),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
