/* tests/unit/test_proc_pidfile.c: what a pidfile may hold (a pid > 1, trailing whitespace). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <cmocka.h>

#include "core/proc_pidfile.h"

static void pidfile_parse(void **state)
{
	pid_t p;

	assert_int_equal(proc_pidfile_parse("1234\n", &p), 0);
	assert_int_equal(p, 1234);
	assert_int_equal(proc_pidfile_parse("99", &p), 0);
	assert_int_equal(p, 99);
	assert_int_equal(proc_pidfile_parse("", &p), -EINVAL);
	assert_int_equal(proc_pidfile_parse("\n", &p), -EINVAL);
	assert_int_equal(proc_pidfile_parse("1\n", &p), -EINVAL);	/* init is never ours */
	assert_int_equal(proc_pidfile_parse("0", &p), -EINVAL);
	assert_int_equal(proc_pidfile_parse("-5", &p), -EINVAL);
	assert_int_equal(proc_pidfile_parse("12 34", &p), -EINVAL);
	assert_int_equal(proc_pidfile_parse("12abc", &p), -EINVAL);
	assert_int_equal(proc_pidfile_parse("99999999999", &p), -EINVAL);
	assert_int_equal(proc_pidfile_read("/nonexistent/sipha.pid", &p), -ENOENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pidfile_parse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
