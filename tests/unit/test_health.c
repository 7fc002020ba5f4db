/* tests/unit/test_health.c: green/yellow/red and the sentence that says why. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "kam/health.h"

static const struct health_limits lim = {
	.shm_warn_pct = 80, .shm_crit_pct = 95,
	.pkg_warn_pct = 80, .pkg_crit_pct = 95,
	.exhaust_warn_s = 3600, .exhaust_crit_s = 0,
	.reg_warn_pct = 1, .reg_crit_pct = 10, .reg_min = 3,
};

static struct health_input base(uint64_t used)
{
	struct health_input in = { 0 };

	in.shm.total = 8388608;
	in.shm.real_used = used;
	in.have_pkg = true;
	in.pkg.worst_pid = 77;
	in.pkg.worst_total = 4194304;
	in.pkg.worst_real_used = 1048576;
	snprintf(in.pkg.worst_desc, sizeof(in.pkg.worst_desc), "udp receiver");
	return in;
}

static void green(void **state)
{
	struct health_input in = base(2783688);
	struct health_report r;

	in.reg_ok = 100;
	health_eval(&in, &lim, &r);
	assert_int_equal(r.level, HEALTH_GREEN);
	assert_string_equal(health_level_name(r.level), "green");
	assert_int_equal((int)r.shm_pct, 33);
	assert_int_equal((int)r.pkg_pct, 25);
	assert_string_equal(r.why, "shm 33% used (2.7 of 8.0 MiB), pkg 25%");
}

static void yellow_by_trend(void **state)
{
	struct health_input in = base(4194304);
	struct health_report r;

	in.have_exhaust = true;
	in.exhaust_s = 600;
	in.slope = 2048;
	health_eval(&in, &lim, &r);
	assert_int_equal(r.level, HEALTH_YELLOW);
	assert_string_equal(r.why, "shm leak trend: full in ~10 min (+2.0 KiB/s)");

	/* far away: nothing to say */
	in.exhaust_s = 7200;
	health_eval(&in, &lim, &r);
	assert_int_equal(r.level, HEALTH_GREEN);
}

static void red_first(void **state)
{
	struct health_input in = base(8300000);
	struct health_report r;

	in.have_exhaust = true;
	in.exhaust_s = 30;
	in.slope = 1024;
	in.reg_ok = 20;
	in.reg_fail = 80;
	health_eval(&in, &lim, &r);
	assert_int_equal(r.level, HEALTH_RED);
	assert_string_equal(r.why, "shm 99% used (7.9 of 8.0 MiB); REGISTER failing: 80 of 100 "
				   "(80%); shm leak trend: full in ~30 s (+1.0 KiB/s)");
	assert_true(strlen(r.why) < sizeof(r.why));
}

static void reg_needs_minimum(void **state)
{
	struct health_input in = base(1000);
	struct health_report r;

	in.reg_fail = 2;	/* 100 % but only two: not yet */
	health_eval(&in, &lim, &r);
	assert_int_equal(r.level, HEALTH_GREEN);
	in.reg_fail = 3;
	health_eval(&in, &lim, &r);
	assert_int_equal(r.level, HEALTH_RED);
	in.reg_ok = 297;	/* 1 % */
	health_eval(&in, &lim, &r);
	assert_int_equal(r.level, HEALTH_YELLOW);
}

static void pkg_levels(void **state)
{
	struct health_input in = base(1000);
	struct health_report r;

	in.pkg.worst_real_used = 4100000;
	health_eval(&in, &lim, &r);
	assert_int_equal(r.level, HEALTH_RED);
	assert_string_equal(r.why, "pkg 98% used in pid 77 (udp receiver)");
	in.have_pkg = false;
	health_eval(&in, &lim, &r);
	assert_int_equal(r.level, HEALTH_GREEN);
}

static void durations(void **state)
{
	char b[32];

	health_duration(45, b, sizeof(b));
	assert_string_equal(b, "45 s");
	health_duration(720, b, sizeof(b));
	assert_string_equal(b, "12 min");
	health_duration(12600, b, sizeof(b));
	assert_string_equal(b, "3.5 h");
	health_duration(172800, b, sizeof(b));
	assert_string_equal(b, "2.0 d");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(green),
		cmocka_unit_test(yellow_by_trend),
		cmocka_unit_test(red_first),
		cmocka_unit_test(reg_needs_minimum),
		cmocka_unit_test(pkg_levels),
		cmocka_unit_test(durations),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
