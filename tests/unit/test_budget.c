/* tests/unit/test_budget.c: the operation budget from CRM_meta_timeout, probes, check levels. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ocf/ocf.h"
#include "tests/unit/env.h"
#include "ocf/dispatch.h"
#include "core/clock.h"
#include "tests/ocf/siphatest.h"

static int reset_env(void **state)
{
	test_clearenv();
	return 0;
}

static void test_deadline_reserve(void **state)
{
	/* 10 % kept back to answer, at least 100 ms, at most 2 s, never half the budget */
	assert_int_equal(ocf_deadline_for(1000, 20000), 1000 + 18000);
	assert_int_equal(ocf_deadline_for(0, 100000), 98000);
	assert_int_equal(ocf_deadline_for(0, 500), 400);
	assert_int_equal(ocf_deadline_for(0, 100), 50);
}

static struct ocf_op op_for(const char *action, int expect)
{
	struct ocf_op op = { 0 };
	char why[256] = "";

	assert_int_equal(ocf_op_from_env(&siphatest_agent,
					 ocf_action_find(&siphatest_agent, action), &op, why,
					 sizeof(why)), expect);
	return op;
}

static void test_timeout_from_env(void **state)
{
	struct ocf_op op;

	setenv("OCF_RESKEY_CRM_meta_timeout", "5000", 1);
	op = op_for("start", OCF_SUCCESS);
	assert_int_equal(op.timeout_ms, 5000);
	assert_int_equal(op.deadline_ms - op.started_ms, 4500);
	assert_true(ocf_ms_left(&op) > 4000 && ocf_ms_left(&op) <= 4500);
	/* clean-up after the budget ran out: half-way through the 500 ms reserve */
	assert_int_equal(ocf_cleanup_deadline(&op) - op.started_ms, 4750);
	/* the older spelling Pacemaker also exports */
	test_clearenv();
	setenv("CRM_meta_timeout", "3000", 1);
	op = op_for("start", OCF_SUCCESS);
	assert_int_equal(op.timeout_ms, 3000);
	/* default: the action's advertised timeout */
	test_clearenv();
	op = op_for("monitor", OCF_SUCCESS);
	assert_int_equal(op.timeout_ms, 20000);
	setenv("OCF_RESKEY_CRM_meta_timeout", "soon", 1);
	op_for("start", OCF_ERR_ARGS);
}

/* A huge CRM_meta_timeout is cut to a day (no int64 overflow of the deadline), with a note;
 * the deadline stays in the future. */
static void test_timeout_clamped(void **state)
{
	struct ocf_op op = { 0 };
	char why[256] = "";

	setenv("OCF_RESKEY_CRM_meta_timeout", "9223372036854775807", 1);
	assert_int_equal(ocf_op_from_env(&siphatest_agent,
					 ocf_action_find(&siphatest_agent, "stop"), &op, why,
					 sizeof(why)), OCF_SUCCESS);
	assert_int_equal(op.timeout_ms, OCF_TIMEOUT_MAX_MS);
	assert_int_equal(op.deadline_ms - op.started_ms, OCF_TIMEOUT_MAX_MS - 2000);
	assert_non_null(strstr(why, "above"));
	/* beyond int64: cut as well, not refused (a refused stop fences the node) */
	setenv("OCF_RESKEY_CRM_meta_timeout", "99999999999999999999999", 1);
	why[0] = '\0';
	assert_int_equal(ocf_op_from_env(&siphatest_agent,
					 ocf_action_find(&siphatest_agent, "stop"), &op, why,
					 sizeof(why)), OCF_SUCCESS);
	assert_int_equal(op.timeout_ms, OCF_TIMEOUT_MAX_MS);
	/* the budget itself, whatever it is handed */
	assert_int_equal(ocf_deadline_for(1000, INT64_MAX), 1000 + OCF_TIMEOUT_MAX_MS - 2000);
	assert_true(ocf_deadline_for(INT64_MAX / 2, INT64_MAX) > INT64_MAX / 2);
	/* a day itself passes untouched */
	setenv("OCF_RESKEY_CRM_meta_timeout", "86400000", 1);
	why[0] = '\0';
	assert_int_equal(ocf_op_from_env(&siphatest_agent,
					 ocf_action_find(&siphatest_agent, "stop"), &op, why,
					 sizeof(why)), OCF_SUCCESS);
	assert_int_equal(op.timeout_ms, 86400000);
	assert_string_equal(why, "");
}

static void test_probe(void **state)
{
	struct ocf_op op;

	op = op_for("monitor", OCF_SUCCESS);
	assert_true(op.probe);	/* no interval: as ocf-shellfuncs, a probe */
	setenv("OCF_RESKEY_CRM_meta_interval", "0", 1);
	assert_true(op_for("monitor", OCF_SUCCESS).probe);
	setenv("OCF_RESKEY_CRM_meta_interval", "10000", 1);
	op = op_for("monitor", OCF_SUCCESS);
	assert_false(op.probe);
	assert_int_equal(op.interval_ms, 10000);
	assert_false(op_for("start", OCF_SUCCESS).probe);
}

static void test_check_level(void **state)
{
	assert_int_equal(op_for("monitor", OCF_SUCCESS).check_level, 0);
	setenv("OCF_CHECK_LEVEL", "10", 1);
	assert_int_equal(op_for("monitor", OCF_SUCCESS).check_level, 10);
	setenv("OCF_CHECK_LEVEL", "deep", 1);
	op_for("monitor", OCF_ERR_ARGS);
	unsetenv("OCF_CHECK_LEVEL");
	setenv("OCF_RESKEY_CRM_meta_OCF_CHECK_LEVEL", "20", 1);
	assert_int_equal(op_for("monitor", OCF_SUCCESS).check_level, 20);
}

static void test_instance(void **state)
{
	assert_string_equal(op_for("start", OCF_SUCCESS).instance, "siphatest");
	setenv("OCF_RESOURCE_INSTANCE", "vip:1", 1);
	assert_string_equal(op_for("start", OCF_SUCCESS).instance, "vip:1");
}

static void test_clock(void **state)
{
	int64_t t0 = clock_now_ms();

	assert_int_equal(clock_ms_left(t0 - 5), 0);
	assert_int_equal(clock_sleep_ms(1000, t0 + 30), -ETIMEDOUT);
	assert_true(clock_now_ms() - t0 >= 29 && clock_now_ms() - t0 < 500);
	assert_int_equal(clock_sleep_ms(10, clock_now_ms() + 1000), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deadline_reserve),
		cmocka_unit_test_setup(test_timeout_from_env, reset_env),
		cmocka_unit_test_setup(test_timeout_clamped, reset_env),
		cmocka_unit_test_setup(test_probe, reset_env),
		cmocka_unit_test_setup(test_check_level, reset_env),
		cmocka_unit_test_setup(test_instance, reset_env),
		cmocka_unit_test(test_clock),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
