/* tests/unit/test_dc_ping.c: the DC ping without a controller on the host: an error, in time. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "cluster/dc_ping.h"
#include "core/clock.h"

/* The host runs no cluster: the ping fails (no controller, or no answer by the deadline)
 * and returns within the deadline plus scheduling slack, leaving the state untouched. */
static void no_controller_fails_bounded(void **state)
{
	char st[32] = "unset";
	int64_t t0 = clock_now_ms();
	int rc = dc_ping_state(NULL, t0 + 1500, st, sizeof(st));

	(void)state;
	assert_true(rc == -ENOTCONN || rc == -ETIMEDOUT);
	assert_true(clock_now_ms() - t0 < 2500);
	assert_string_equal(st, "unset");
}

static void named_node_too(void **state)
{
	char st[32] = "unset";
	int64_t t0 = clock_now_ms();
	int rc = dc_ping_state("node1", t0 + 1500, st, sizeof(st));

	(void)state;
	assert_true(rc == -ENOTCONN || rc == -ETIMEDOUT);
	assert_true(clock_now_ms() - t0 < 2500);
}

static void no_buffer_is_einval(void **state)
{
	(void)state;
	assert_int_equal(dc_ping_state(NULL, clock_now_ms() + 100, NULL, 0), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(no_controller_fails_bounded),
		cmocka_unit_test(named_node_too),
		cmocka_unit_test(no_buffer_is_einval),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
