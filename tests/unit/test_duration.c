/* tests/unit/test_duration.c: durations as people write them (lib/core/duration.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <string.h>

#include "core/duration.h"

static void good(void **state)
{
	static const struct { const char *in; int64_t unit, ms; } t[] = {
		{ "500ms", 0, 500 }, { "2s", 0, 2000 }, { "2", 0, 2000 }, { "1min", 0, 60000 },
		{ "1m", 0, 60000 }, { "2h", 0, 7200000 }, { "1hr", 0, 3600000 }, { "0", 0, 0 },
		{ "3SEC", 0, 3000 }, { "7msec", 0, 7 }, { "200", 1, 200 }, { "3", 60000, 180000 },
		{ "3s", 1, 3000 },
	};

	for (size_t k = 0; k < sizeof(t) / sizeof(t[0]); k++) {
		int64_t ms = -1;

		assert_int_equal(duration_parse(t[k].in, t[k].unit, &ms), 0);
		assert_int_equal(ms, t[k].ms);
	}
}

static void bad(void **state)
{
	static const char *const t[] = { "", "-1", "+1", "1.5s", "s", "10 s", " 10s", "10years",
					 "10s ", "0x10", "1d", NULL };
	int64_t ms = 42;

	for (int k = 0; t[k]; k++)
		assert_int_equal(duration_parse(t[k], 0, &ms), -EINVAL);
	assert_int_equal(duration_parse(NULL, 0, &ms), -EINVAL);
	assert_int_equal(duration_parse("99999999999999999999", 0, &ms), -ERANGE);
	/* a bare unit too large for the number */
	assert_int_equal(duration_parse("9000000000000", 86400000LL * 365, &ms), -ERANGE);
	/* nothing filled on failure */
	assert_int_equal(ms, 42);
}

static void format(void **state)
{
	static const struct { int64_t ms; const char *out; } t[] = {
		{ 0, "0ms" }, { 500, "500ms" }, { 1500, "1.5s" }, { 2000, "2s" }, { 1250, "1250ms" },
		{ 120000, "2min" }, { 90000, "90s" }, { 7200000, "2h" },
	};
	char buf[32];

	for (size_t k = 0; k < sizeof(t) / sizeof(t[0]); k++) {
		int64_t back;

		duration_format(t[k].ms, buf, sizeof(buf));
		assert_string_equal(buf, t[k].out);
		/* what is printed parses back, except the decimal form */
		if (!strchr(buf, '.')) {
			assert_int_equal(duration_parse(buf, 0, &back), 0);
			assert_int_equal(back, t[k].ms);
		}
	}
}

/* Mixed units for people: seconds only below an hour, never a dangling zero unit. */
static void span(void **state)
{
	static const struct { int64_t s; const char *want; } cases[] = {
		{ -5, "0s" }, { 0, "0s" }, { 40, "40s" }, { 60, "1min" }, { 90, "1min 30s" },
		{ 3599, "59min 59s" }, { 3600, "1h" }, { 3661, "1h 1min" }, { 7800, "2h 10min" },
		{ 86400 + 3600, "1d 1h" }, { 2 * 86400 + 3 * 3600 + 4 * 60 + 5, "2d 3h 4min" },
	};
	char buf[32], tiny[4];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		duration_format_span(cases[i].s, buf, sizeof(buf));
		assert_string_equal(buf, cases[i].want);
	}
	/* cut, still terminated */
	duration_format_span(7800, tiny, sizeof(tiny));
	assert_true(strlen(tiny) < sizeof(tiny));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(good),
		cmocka_unit_test(bad),
		cmocka_unit_test(format),
		cmocka_unit_test(span),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
