/* tests/unit/test_trend.c: the least-squares leak trend and its sample file. */
#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "kam/trend.h"

static void fit_exact_line(void **state)
{
	struct trend_sample s[10];
	struct trend_fit f;
	double left;

	/* 1000 bytes/s from 1 MB, one sample every 10 s */
	for (int i = 0; i < 10; i++) {
		s[i].t_ms = 5000000 + i * 10000;
		s[i].used = 1e6 + i * 10000.0;
	}
	assert_int_equal(trend_fit(s, 10, &f), 0);
	assert_int_equal(f.n, 10);
	assert_int_equal(f.span_ms, 90000);
	assert_true(fabs(f.slope - 1000.0) < 1e-6);
	/* at the last sample the line is at 1.09 MB: 0.91 MB left of 2 MB at 1000 B/s */
	assert_int_equal(trend_exhaust_s(&f, 1.09e6, 2e6, 0, &left), 1);
	assert_true(fabs(left - 910.0) < 1e-6);
}

static void fit_noisy(void **state)
{
	struct trend_sample s[200];
	struct trend_fit f;
	unsigned seed = 7;

	/* 50 B/s under +-20 kB of jitter over 1000 s: the slope still comes out near 50 */
	for (int i = 0; i < 200; i++) {
		seed = seed * 1103515245u + 12345u;
		s[i].t_ms = i * 5000;
		s[i].used = 4e6 + 50.0 * i * 5 + (double)((seed >> 16) % 40000) - 20000.0;
	}
	assert_int_equal(trend_fit(s, 200, &f), 0);
	assert_true(fabs(f.slope - 50.0) < 10.0);
}

static void no_growth_no_prediction(void **state)
{
	struct trend_sample s[3] = { { 0, 500 }, { 1000, 400 }, { 2000, 300 } };
	struct trend_fit f;
	double left = -1;

	assert_int_equal(trend_fit(s, 3, &f), 0);
	assert_true(f.slope < 0);
	assert_int_equal(trend_exhaust_s(&f, 300, 1000, 0, &left), 0);
	assert_true(left == -1);	/* untouched */

	struct trend_sample flat[3] = { { 0, 500 }, { 1000, 500 }, { 2000, 500 } };
	assert_int_equal(trend_fit(flat, 3, &f), 0);
	assert_int_equal(trend_exhaust_s(&f, 500, 1000, 0, &left), 0);

	/* growth below the noise floor does not count */
	struct trend_sample slow[2] = { { 0, 500 }, { 10000, 510 } };
	assert_int_equal(trend_fit(slow, 2, &f), 0);
	assert_int_equal(trend_exhaust_s(&f, 510, 1000, 5.0, &left), 0);
	assert_int_equal(trend_exhaust_s(&f, 510, 1000, 0, &left), 1);
	assert_true(fabs(left - 490.0) < 1e-6);
	/* full already */
	assert_int_equal(trend_exhaust_s(&f, 1000, 1000, 0, &left), 1);
	assert_true(left == 0);
	assert_int_equal(trend_exhaust_s(&f, 10, 0, 0, &left), -EINVAL);
}

static void fit_degenerate(void **state)
{
	struct trend_sample one[1] = { { 0, 1 } };
	struct trend_sample same_t[3] = { { 5, 1 }, { 5, 2 }, { 5, 3 } };
	struct trend_fit f;

	assert_int_equal(trend_fit(one, 1, &f), -EINVAL);
	assert_int_equal(trend_fit(same_t, 3, &f), -EINVAL);
}

/* used(t) over 60 samples one minute apart (a 1 h window), from a shape function */
static size_t shape(struct trend_sample *s, double (*used)(int i))
{
	for (int i = 0; i < 60; i++) {
		s[i].t_ms = 7000000 + i * 60000LL;
		s[i].used = used(i);
	}
	return 60;
}

/* deterministic noise of +-20 kB, no pattern in time */
static double noise(int i)
{
	return (double)((i * 7919) % 41 - 20) * 1000.0;
}

static double leak(int i) { return 4e6 + i * 5000.0; }
static double leak_noisy(int i) { return leak(i) + noise(i); }
static double flat_noisy(int i) { return 4e6 + noise(i); }
static double step_at_10(int i) { return i < 10 ? 4e6 : 5.8e6; }
static double step_at_30(int i) { return i < 30 ? 4e6 : 5.8e6; }
static double step_at_55(int i) { return i < 55 ? 4e6 : 5.8e6; }
static double step_last(int i) { return i < 59 ? 4e6 : 5.8e6; }
/* load coming over 10 minutes, then steady: shorter than a quarter of the window */
static double ramp_10min(int i) { return 4e6 + (i < 20 ? 0 : i < 30 ? (i - 20) * 180e3 : 1.8e6); }
/* load coming, then a leak starting with it */
static double step_then_leak(int i) { return i < 5 ? 4e6 : 5.8e6 + i * 5000.0; }
/* load going (a step down) while a leak goes on */
static double drop_and_leak(int i) { return (i < 30 ? 6e6 : 4e6) + i * 5000.0; }
static double decline(int i) { return 6e6 - i * 5000.0; }
/* idle creeping up by a few bytes (timers), then a step in the third quarter */
static double creep_then_step(int i)
{
	return 4e6 + i * 8.0 + (i < 35 ? 0 : i < 40 ? 1.0e6 + (i - 35) * 20000.0 : 1.1e6);
}

static void rises_throughout(void **state)
{
	struct trend_sample s[60];
	struct trend_fit f;
	size_t n;

	/* a leak, clean or in noise, rises through every quarter */
	n = shape(s, leak);
	assert_true(trend_rises_throughout(s, n, 4));
	n = shape(s, leak_noisy);
	assert_true(trend_rises_throughout(s, n, 4));
	/* after a step, the leak is told once the step is in the first quarter */
	n = shape(s, step_then_leak);
	assert_true(trend_rises_throughout(s, n, 4));

	/* a step of load wherever it falls in the window, a ramp shorter than a quarter,
	 * noise and a decline: no leak, though a line fitted over the window rises for
	 * each of the steps. A leak while load goes away is told only once the drop has
	 * left the window (a leak is slow; an hour late is better than a false alarm at
	 * each change of load). */
	double (*not_leaks[])(int) = { step_at_10, step_at_30, step_at_55, step_last, ramp_10min,
				      flat_noisy, decline, drop_and_leak };
	for (size_t k = 0; k < sizeof(not_leaks) / sizeof(not_leaks[0]); k++) {
		n = shape(s, not_leaks[k]);
		assert_false(trend_rises_throughout(s, n, 4));
	}
	n = shape(s, step_at_30);
	assert_int_equal(trend_fit(s, n, &f), 0);
	assert_true(f.slope > 500);
}

static void rises_throughout_edges(void **state)
{
	/* too few samples or slices, one time for all, slices with no sample passed over */
	struct trend_sample two[2] = { { 0, 1 }, { 1000, 2 } };
	struct trend_sample same_t[3] = { { 5, 1 }, { 5, 2 }, { 5, 3 } };
	struct trend_sample gap[3] = { { 0, 1 }, { 100, 2 }, { 10000, 3 } };
	struct trend_sample gap_flat[3] = { { 0, 1 }, { 100, 2 }, { 10000, 2 } };
	/* times a damaged file could hold: no overflow (UBSan); the answer is the means' */
	struct trend_sample wild[3] = { { INT64_MIN, 1 }, { 0, 2 }, { INT64_MAX, 3 } };
	struct trend_sample back[3] = { { INT64_MAX, 1 }, { 0, 2 }, { INT64_MIN, 3 } };

	assert_false(trend_rises_throughout(two, 1, 4));
	assert_true(trend_rises_throughout(two, 2, 4));
	assert_false(trend_rises_throughout(two, 2, 1));
	assert_false(trend_rises_throughout(same_t, 3, 4));
	/* the first two fall in the first quarter (mean 1.5), the third in the last */
	assert_true(trend_rises_throughout(gap, 3, 4));
	assert_true(trend_rises_throughout(gap_flat, 3, 4));
	assert_true(trend_rises_throughout(wild, 3, 4));
	assert_false(trend_rises_throughout(back, 3, 4));
}

/* leaks that began late in the window, after a quiet time */
static double leak_last_half(int i) { return i < 30 ? 4e6 : 4e6 + (i - 30) * 20000.0; }
static double leak_last_half_noisy(int i) { return leak_last_half(i) + noise(i); }
static double leak_last_quarter(int i) { return i < 45 ? 4e6 : 4e6 + (i - 45) * 40000.0; }
/* a step in the newest quarter, and a step followed by a late leak */
static double step_at_50(int i) { return i < 50 ? 4e6 : 5.8e6; }
static double step_late_leak(int i) { return i < 10 ? 4e6 : i < 40 ? 5.8e6 : 5.8e6 + (i - 40) * 20000.0; }

/* the leak's fit: the slowest of the parts that rise throughout; @n_fit the samples it took,
 * @slope its rate in bytes per minute (a sample a minute) to 5 %, or at most @slope when
 * @below */
static void leak_fit_is(struct trend_sample *s, double (*used)(int), size_t min_n, int found,
			size_t n_fit, double slope, bool below)
{
	struct trend_fit f = { 0 };
	size_t n = shape(s, used);

	assert_int_equal(trend_leak_fit(s, n, min_n, 4, &f), found);
	if (!found)
		return;
	if (n_fit)
		assert_int_equal(f.n, n_fit);
	if (below)
		assert_true(f.slope > 0 && f.slope * 60 <= slope);
	else
		assert_true(fabs(f.slope * 60 - slope) <= 0.05 * slope);
}

static void leak_fit(void **state)
{
	struct trend_sample s[60];
	struct trend_fit f;

	/* a leak over the whole window: every part rises at the same rate */
	leak_fit_is(s, leak, 5, 1, 0, 5000, false);
	/* a leak since the middle: the newest half (30..59) */
	leak_fit_is(s, leak_last_half, 5, 1, 30, 20000, false);
	/* since the last quarter: the newest quarter (45..59) */
	leak_fit_is(s, leak_last_quarter, 5, 1, 15, 40000, false);
	/* in noise the flat half may happen to rise a little: told, at the half's rate or less */
	shape(s, leak_last_half_noisy);
	assert_int_equal(trend_leak_fit(s, 60, 5, 4, &f), 1);
	assert_true(f.slope * 60 < 21000);
	/* a step at 10 and a leak from 40: every slice of the whole window is above the one
	 * before, but the third only by a little (the leak's first samples): not a rise
	 * throughout, and the step's rate (the whole window's line) is not taken; the newest
	 * half is (30..59: the leak under a flat head), slower than the leak itself: a leak
	 * read late rather than a step read as one */
	shape(s, step_late_leak);
	assert_false(trend_rises_throughout(s, 60, 4));
	assert_int_equal(trend_fit(s, 60, &f), 0);
	assert_true(f.slope * 60 > 20000);
	leak_fit_is(s, step_late_leak, 5, 1, 30, 20000, true);
	/* steps wherever they fall, a short ramp, noise, a decline: no part rises */
	double (*not_leaks[])(int) = { step_at_10, step_at_30, step_at_50, step_at_55, step_last,
				      ramp_10min, flat_noisy, decline };
	for (size_t k = 0; k < sizeof(not_leaks) / sizeof(not_leaks[0]); k++)
		leak_fit_is(s, not_leaks[k], 5, 0, 0, 0, false);
	/* idle creeping up by 8 B a minute, then a step: the creep is what rises throughout (the
	 * newest quarter), at its own rate, not the step's; health_kam's 0.1 %-of-the-pool rise
	 * then calls it noise */
	leak_fit_is(s, creep_then_step, 5, 1, 15, 8.5, true);
	/* a part must hold min_n samples: the newest quarter (15) is not tried for 16 */
	leak_fit_is(s, leak_last_quarter, 16, 0, 0, 0, false);
	/* too few samples */
	assert_int_equal(trend_leak_fit(s, 1, 1, 4, &f), 0);
	assert_int_equal(trend_leak_fit(s, 0, 1, 4, &f), 0);
}

static void parse_skips_junk(void **state)
{
	struct trend_sample b[3];
	size_t n;

	n = trend_parse("100 5\nxx\n200 6\n300 nan\n300 -1\n400 7 extra\n500 8", b, 3);
	assert_int_equal(n, 3);
	assert_int_equal(b[0].t_ms, 100);
	assert_int_equal(b[1].t_ms, 200);
	assert_int_equal(b[2].t_ms, 500);
	assert_true(b[2].used == 8);
	/* more than fits: the latest are kept */
	n = trend_parse("1 1\n2 2\n3 3\n4 4\n", b, 3);
	assert_int_equal(n, 3);
	assert_int_equal(b[0].t_ms, 2);
	assert_int_equal(b[2].t_ms, 4);
}

static void update_window(void **state)
{
	char dir[] = "/tmp/sipha-trend-XXXXXX", path[128];
	struct trend_sample b[4];
	size_t n = 0;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/shm.samples", dir);
	for (int i = 0; i < 6; i++) {
		struct trend_sample s = { .t_ms = 1000 * i, .used = 10.0 * i };

		assert_int_equal(trend_update(path, &s, 2500, b, 4, &n), 0);
	}
	/* window 2.5 s before t=5000: 3000, 4000, 5000 */
	assert_int_equal(n, 3);
	assert_int_equal(b[0].t_ms, 3000);
	assert_int_equal(b[2].t_ms, 5000);
	assert_true(b[2].used == 50);

	/* the capacity bounds the count: the oldest go */
	for (int i = 0; i < 10; i++) {
		struct trend_sample s = { .t_ms = 5100 + i * 10, .used = 1.0 };

		assert_int_equal(trend_update(path, &s, 100000, b, 4, &n), 0);
	}
	assert_int_equal(n, 4);
	assert_int_equal(b[3].t_ms, 5190);
	assert_int_equal(b[0].t_ms, 5160);

	/* a sample from before the stored ones (another boot): the future ones are dropped */
	struct trend_sample back = { .t_ms = 10, .used = 3 };
	assert_int_equal(trend_update(path, &back, 100000, b, 4, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(b[0].t_ms, 10);

	unlink(path);
	assert_int_equal(rmdir(dir), 0);	/* no temporary file left */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fit_exact_line),
		cmocka_unit_test(fit_noisy),
		cmocka_unit_test(no_growth_no_prediction),
		cmocka_unit_test(fit_degenerate),
		cmocka_unit_test(rises_throughout),
		cmocka_unit_test(rises_throughout_edges),
		cmocka_unit_test(leak_fit),
		cmocka_unit_test(parse_skips_junk),
		cmocka_unit_test(update_window),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
