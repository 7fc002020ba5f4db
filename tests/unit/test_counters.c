/* tests/unit/test_counters.c: counter deltas between monitors (lib/kam/counters.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <string.h>

#include "kam/counters.h"

static void first_monitor(void **state)
{
	uint64_t now[2] = { 10, 5 }, d[2] = { 7, 7 };

	assert_int_equal(counters_delta(NULL, now, 2, d), 0);
	assert_true(d[0] == 0 && d[1] == 0);
	/* garbage or too few values: as if there were none */
	assert_int_equal(counters_delta("12 x", now, 2, d), 0);
	assert_int_equal(counters_delta("12", now, 2, d), 0);
	assert_true(d[0] == 0 && d[1] == 0);
}

static void growth_and_restart(void **state)
{
	uint64_t now[2] = { 10, 5 }, d[2];
	char text[COUNTERS_TEXT_MAX];

	assert_int_equal(counters_format(now, 2, text), (int)strlen("10 5\n"));
	assert_string_equal(text, "10 5\n");
	now[0] = 25;
	now[1] = 9;
	assert_int_equal(counters_delta(text, now, 2, d), 1);
	assert_true(d[0] == 15 && d[1] == 4);
	/* Kamailio restarted: its counters start again from zero */
	counters_format(now, 2, text);
	now[0] = 3;
	assert_int_equal(counters_delta(text, now, 2, d), 1);
	assert_true(d[0] == 0 && d[1] == 0);
}

static void limits(void **state)
{
	uint64_t now[COUNTERS_MAX + 1] = { 0 }, d[COUNTERS_MAX + 1];
	char text[COUNTERS_TEXT_MAX];

	assert_int_equal(counters_delta(NULL, now, COUNTERS_MAX + 1, d), -EINVAL);
	assert_int_equal(counters_format(now, COUNTERS_MAX + 1, text), -EINVAL);
	for (size_t i = 0; i < COUNTERS_MAX; i++)
		now[i] = UINT64_MAX;
	/* the largest line fits */
	assert_true(counters_format(now, COUNTERS_MAX, text) < COUNTERS_TEXT_MAX);
	assert_int_equal(counters_delta(text, now, COUNTERS_MAX, d), 1);
	assert_true(d[0] == 0 && d[COUNTERS_MAX - 1] == 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(first_monitor),
		cmocka_unit_test(growth_and_restart),
		cmocka_unit_test(limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
