/* tests/unit/test_cron.c: crontab(5) times and their slots (lib/sched/cron.c). Expected slots
 * are calendar facts checked by hand (weekdays, leap years, Europe/Zurich's DST changes on
 * 2026-03-29 01:00 UTC and 2026-10-25 01:00 UTC), written as UTC instants. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sched/cron.h"

#define ZURICH_FILE "/usr/share/zoneinfo/Europe/Zurich"

static void use_tz(const char *tz)
{
	/* Europe/Zurich must be there: a missing tzdata is a failure (scripts/deps.d/build.txt) */
	if (strcmp(tz, "UTC") != 0)
		assert_int_equal(access(ZURICH_FILE, R_OK), 0);
	assert_int_equal(setenv("TZ", tz, 1), 0);
	tzset();
}

static time_t utc(int y, int mo, int d, int h, int mi)
{
	struct tm tm = { .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h,
			 .tm_min = mi };

	return timegm(&tm);
}

static struct cron_spec parse_ok(const char *text)
{
	struct cron_spec c;
	char why[256] = "";
	int r = cron_parse(text, &c, why, sizeof(why));

	if (r != 0)
		fail_msg("cron_parse(\"%s\"): %d %s", text, r, why);
	return c;
}

static time_t next_of(const char *text, time_t after)
{
	struct cron_spec c = parse_ok(text);
	time_t t = 0;

	assert_int_equal(cron_next(&c, after, &t), 0);
	return t;
}

static time_t prev_of(const char *text, time_t at)
{
	struct cron_spec c = parse_ok(text);
	time_t t = 0;

	assert_int_equal(cron_prev(&c, at, &t), 0);
	return t;
}

/* Asserts the slots of @text after @from, in order, @n of them. */
static void assert_nexts(const char *text, time_t from, const time_t *want, int n)
{
	struct cron_spec c = parse_ok(text);
	time_t t = from;

	for (int k = 0; k < n; k++) {
		time_t got = 0;

		assert_int_equal(cron_next(&c, t, &got), 0);
		if (got != want[k])
			fail_msg("%s: slot %d after %lld is %lld, expected %lld", text, k,
				 (long long)t, (long long)got, (long long)want[k]);
		t = got;
	}
}

#define BIT(n) (UINT64_C(1) << (n))

static void field_forms(void **state)
{
	struct cron_spec c;

	use_tz("UTC");
	c = parse_ok("*/15 * * * *");
	assert_true(c.minute == (BIT(0) | BIT(15) | BIT(30) | BIT(45)));
	assert_int_equal(c.hour, 0xffffff);
	assert_int_equal(c.dom, 0xfffffffe);
	assert_int_equal(c.month, 0x1ffe);
	assert_int_equal(c.dow, 0x7f);
	assert_true(c.dom_star && c.dow_star);

	c = parse_ok("1-30/7 5/8 3,7-9 */5 1-5/2");
	assert_true(c.minute == (BIT(1) | BIT(8) | BIT(15) | BIT(22) | BIT(29)));
	/* N/s is N-max/s, as Debian's cron reads it */
	assert_int_equal(c.hour, BIT(5) | BIT(13) | BIT(21));
	assert_int_equal(c.dom, BIT(3) | BIT(7) | BIT(8) | BIT(9));
	assert_int_equal(c.month, BIT(1) | BIT(6) | BIT(11));
	assert_int_equal(c.dow, BIT(1) | BIT(3) | BIT(5));
	assert_false(c.dom_star || c.dow_star);

	/* names, any case, also in ranges */
	c = parse_ok("0 4 * * Tue,Fri");
	assert_int_equal(c.dow, BIT(2) | BIT(5));
	assert_true(c.dom_star);
	assert_false(c.dow_star);
	c = parse_ok("0 0 1 jan-MAR mon-fri");
	assert_int_equal(c.month, BIT(1) | BIT(2) | BIT(3));
	assert_int_equal(c.dow, 0x3e);
	assert_int_equal(parse_ok("0 0 1 dec sun").month, BIT(12));

	/* Sunday is 0 and 7 */
	assert_int_equal(parse_ok("0 0 * * 0").dow, 1);
	assert_int_equal(parse_ok("0 0 * * 7").dow, 1);
	assert_int_equal(parse_ok("0 0 * * 5-7").dow, BIT(0) | BIT(5) | BIT(6));
	assert_int_equal(parse_ok("0 0 * * 0-7").dow, 0x7f);

	/* a step larger than the range names its first value (Debian accepts it) */
	assert_true(parse_ok("*/90 10-20/50 * * *").minute == BIT(0));
	assert_int_equal(parse_ok("*/90 10-20/50 * * *").hour, BIT(10));

	/* a day field starting with '*' is a star even with a step or list */
	c = parse_ok("0 0 */2 * 1");
	assert_true(c.dom_star);
	assert_false(c.dow_star);
	assert_int_equal(c.dom, 0xaaaaaaaa);

	/* blanks and tabs around and between */
	c = parse_ok(" \t0\t4  *\t* *  \t");
	assert_true(c.minute == BIT(0));
	assert_int_equal(c.hour, BIT(4));
}

static void shorthands(void **state)
{
	static const char *const t[][2] = {
		{ "@yearly", "0 0 1 1 *" }, { "@annually", "0 0 1 1 *" },
		{ "@monthly", "0 0 1 * *" }, { "@weekly", "0 0 * * 0" },
		{ "@daily", "0 0 * * *" }, { "@midnight", "0 0 * * *" },
		{ " @hourly\t", "0 * * * *" },
	};

	for (size_t k = 0; k < sizeof(t) / sizeof(t[0]); k++) {
		struct cron_spec a = parse_ok(t[k][0]), b = parse_ok(t[k][1]);

		assert_memory_equal(&a, &b, sizeof(a));
	}
}

static void bad_specs(void **state)
{
	static const char *const t[][2] = {
		{ "", "minute: missing" },
		{ "   ", "minute: missing" },
		{ "0 4 * *", "day-of-week: missing" },
		{ "0 4 * * * echo", "'echo' after day-of-week" },
		{ "60 * * * *", "minute: '60' is out of range 0-59" },
		{ "* 24 * * *", "hour: '24' is out of range 0-23" },
		{ "* * 0 * *", "day-of-month: '0' is out of range 1-31" },
		{ "* * 32 * *", "day-of-month: '32' is out of range 1-31" },
		{ "* * * 13 *", "month: '13' is out of range 1-12" },
		{ "* * * * 8", "day-of-week: '8' is out of range 0-7" },
		{ "0 4 * * Fru", "day-of-week: 'Fru' is not a day (0-7 or Sun..Sat)" },
		{ "0 4 * * Tuesday", "day-of-week: 'Tuesday' is not a day" },
		{ "0 4 * jn *", "month: 'jn' is not a month (1-12 or Jan..Dec)" },
		{ "5x * * * *", "minute: '5x' is not a number (0-59)" },
		{ "mon * * * *", "minute: 'mon' is not a number" },
		{ "1,,2 * * * *", "minute: empty item in '1,,2'" },
		{ "1, * * * *", "minute: empty item in '1,'" },
		{ "* ,3 * * *", "hour: empty item in ',3'" },
		{ "* 5-2 * * *", "hour: '5-2' is a reversed range (5 > 2)" },
		{ "* * * * sat-sun", "day-of-week: 'sat-sun' is a reversed range (6 > 0)" },
		{ "*/0 * * * *", "minute: '*/0' has step 0" },
		{ "* * 1-10/0 * *", "day-of-month: '1-10/0' has step 0" },
		{ "* * * * */mon", "day-of-week: '*/mon' has a step that is not a number" },
		{ "*/5x * * * *", "minute: '*/5x' has a step that is not a number" },
		{ "* 1- * * *", "hour: '1-' is not N, a-b, * or one of them" },
		{ "* -1 * * *", "hour: '-1' is not N, a-b" },
		{ "* * * 1-2-3 *", "month: '1-2-3' is not N, a-b" },
		{ "*5 * * * *", "minute: '*5' is not N, a-b" },
		{ "1/2/3 * * * *", "minute: '1/2/3' is not N, a-b" },
		{ "0 4 * * 1\n", "day-of-week: '1\n' is not N, a-b" },
		{ "@reboot", "'@reboot' names no time" },
		{ "@weekdays", "'@weekdays' is not a shorthand" },
		{ "@Daily", "'@Daily' is not a shorthand" },
		{ "@daily 5", "'5' after @daily" },
	};

	for (size_t k = 0; k < sizeof(t) / sizeof(t[0]); k++) {
		struct cron_spec c;
		char why[256] = "";

		memset(&c, 0x5a, sizeof(c));
		assert_int_equal(cron_parse(t[k][0], &c, why, sizeof(why)), -EINVAL);
		if (!strstr(why, t[k][1]))
			fail_msg("\"%s\": reason \"%s\" lacks \"%s\"", t[k][0], why, t[k][1]);
		/* nothing filled on failure */
		assert_int_equal(c.hour, 0x5a5a5a5a);
	}
}

static void bad_length(void **state)
{
	char text[1100], why[128] = "";
	struct cron_spec c;

	/* blanks only count too: 1024 bytes pass, 1025 do not */
	memset(text, ' ', sizeof(text));
	memcpy(text, "0 4 * * *", 9);
	text[1024] = '\0';
	assert_int_equal(cron_parse(text, &c, why, sizeof(why)), 0);
	text[1024] = ' ';
	text[1025] = '\0';
	assert_int_equal(cron_parse(text, &c, why, sizeof(why)), -EINVAL);
	assert_non_null(strstr(why, "too long"));
	assert_int_equal(cron_parse(NULL, &c, why, sizeof(why)), -EINVAL);
	/* no room for a reason is fine */
	assert_int_equal(cron_parse("61 * * * *", &c, NULL, 0), -EINVAL);
}

static void format_round_trip(void **state)
{
	static const char *const t[][2] = {
		{ "*/15 * * * *", "0,15,30,45 * * * *" },
		{ "0 4 * * Tue,Fri", "0 4 * * 2,5" },
		{ "0 0 */2 * 5-7", "0 0 */2 * 0,5-6" },
		{ "0 0 1-31 * 1", "0 0 1-31 * 1" },
		{ "0 0 * * 0-7", "0 0 * * 0-6" },
		{ "0 0 13 * 5", "0 0 13 * 5" },
		{ "0 0 * * sun-sat", "0 0 * * 0-6" },
		{ "@weekly", "0 0 * * 0" },
		{ "1-30/7 5/8 3,7-9 */5 1-5/2", "1,8,15,22,29 5,13,21 3,7-9 1,6,11 1,3,5" },
		{ "0 0 */10,4 * *", "0 0 */10,4 * *" },
		{ "0 0 *,5 * */3", "0 0 * * */3" },
		{ "0 0 *,5 * */7,3", "0 0 * * */7,3" },
		{ "0 0 */31,2-3 * *", "0 0 */31,2-3 * *" },
		{ "0-59 0-23 * 1-12 *", "* * * * *" },
	};

	for (size_t k = 0; k < sizeof(t) / sizeof(t[0]); k++) {
		struct cron_spec a = parse_ok(t[k][0]), b;
		char buf[256];
		size_t n = cron_format(&a, buf, sizeof(buf));

		assert_int_equal(n, strlen(buf));
		assert_string_equal(buf, t[k][1]);
		b = parse_ok(buf);
		assert_memory_equal(&a, &b, sizeof(a));
	}
}

static void format_short_buffer(void **state)
{
	struct cron_spec c = parse_ok("0 4 * * Tue,Fri");
	char buf[6];

	/* like snprintf: the full length, the text cut and terminated */
	assert_int_equal(cron_format(&c, buf, sizeof(buf)), strlen("0 4 * * 2,5"));
	assert_string_equal(buf, "0 4 *");
	assert_int_equal(cron_format(&c, NULL, 0), strlen("0 4 * * 2,5"));
}

static void next_weekdays(void **state)
{
	/* 2026-01-01 is a Thursday */
	const time_t want[] = { utc(2026, 1, 2, 4, 0), utc(2026, 1, 6, 4, 0),
				utc(2026, 1, 9, 4, 0), utc(2026, 1, 13, 4, 0) };

	use_tz("UTC");
	assert_nexts("0 4 * * 2,5", utc(2026, 1, 1, 0, 0), want, 4);
	assert_nexts("0 4 * * tue,FRI", utc(2026, 1, 1, 0, 0), want, 4);
	/* Sunday as 0 and as 7: 2026-01-04 */
	assert_int_equal(next_of("0 0 * * 0", utc(2026, 1, 1, 0, 0)), utc(2026, 1, 4, 0, 0));
	assert_int_equal(next_of("0 0 * * 7", utc(2026, 1, 1, 0, 0)), utc(2026, 1, 4, 0, 0));
	assert_int_equal(next_of("0 0 * * 5-7", utc(2026, 1, 3, 0, 0)), utc(2026, 1, 4, 0, 0));
	assert_int_equal(prev_of("0 4 * * 2,5", utc(2026, 1, 6, 3, 59)), utc(2026, 1, 2, 4, 0));
}

static void next_minutes(void **state)
{
	use_tz("UTC");
	/* strictly after, whole minutes, seconds ignored */
	assert_int_equal(next_of("*/15 * * * *", utc(2026, 5, 4, 10, 7) + 30),
			 utc(2026, 5, 4, 10, 15));
	assert_int_equal(next_of("*/15 * * * *", utc(2026, 5, 4, 10, 15)),
			 utc(2026, 5, 4, 10, 30));
	assert_int_equal(next_of("*/15 * * * *", utc(2026, 5, 4, 10, 14) + 59),
			 utc(2026, 5, 4, 10, 15));
	assert_int_equal(next_of("*/15 * * * *", utc(2026, 5, 4, 23, 50)), utc(2026, 5, 5, 0, 0));
	assert_int_equal(prev_of("*/15 * * * *", utc(2026, 5, 4, 10, 15)),
			 utc(2026, 5, 4, 10, 15));
	assert_int_equal(prev_of("*/15 * * * *", utc(2026, 5, 4, 10, 14) + 59),
			 utc(2026, 5, 4, 10, 0));
	assert_int_equal(next_of("1-30/7 * * * *", utc(2026, 5, 4, 10, 29)),
			 utc(2026, 5, 4, 11, 1));
	assert_int_equal(next_of("* * * * *", utc(2026, 5, 4, 10, 29)), utc(2026, 5, 4, 10, 30));
	assert_int_equal(prev_of("1-30/7 * * * *", utc(2026, 5, 4, 11, 0)),
			 utc(2026, 5, 4, 10, 29));
}

static void next_month_and_year_ends(void **state)
{
	const time_t d31[] = { utc(2026, 3, 31, 0, 0), utc(2026, 5, 31, 0, 0),
			       utc(2026, 7, 31, 0, 0), utc(2026, 8, 31, 0, 0),
			       utc(2026, 10, 31, 0, 0), utc(2026, 12, 31, 0, 0),
			       utc(2027, 1, 31, 0, 0) };

	use_tz("UTC");
	assert_int_equal(next_of("0 12 * * *", utc(2026, 1, 31, 13, 0)), utc(2026, 2, 1, 12, 0));
	assert_int_equal(next_of("0 0 1 1 *", utc(2026, 12, 31, 23, 59) + 30),
			 utc(2027, 1, 1, 0, 0));
	assert_int_equal(prev_of("0 0 1 1 *", utc(2027, 1, 1, 0, 0) - 1), utc(2026, 1, 1, 0, 0));
	assert_int_equal(prev_of("59 23 31 12 *", utc(2027, 6, 1, 0, 0)),
			 utc(2026, 12, 31, 23, 59));
	/* the 31st skips the 30-day months and February */
	assert_nexts("0 0 31 * *", utc(2026, 1, 31, 0, 0), d31, 7);
	assert_int_equal(prev_of("0 0 31 * *", utc(2026, 5, 30, 0, 0)), utc(2026, 3, 31, 0, 0));
}

static void leap_days(void **state)
{
	struct cron_spec c = parse_ok("0 0 30 2 *");
	time_t t = 42;

	use_tz("UTC");
	assert_int_equal(next_of("0 0 29 2 *", utc(2026, 1, 1, 0, 0)), utc(2028, 2, 29, 0, 0));
	/* 2100 is not a leap year */
	assert_int_equal(next_of("0 0 29 2 *", utc(2097, 3, 1, 0, 0)), utc(2104, 2, 29, 0, 0));
	assert_int_equal(prev_of("0 0 29 2 *", utc(2104, 1, 1, 0, 0)), utc(2096, 2, 29, 0, 0));
	/* 2000 is */
	assert_int_equal(next_of("0 0 29 2 *", utc(1999, 1, 1, 0, 0)), utc(2000, 2, 29, 0, 0));
	assert_int_equal(next_of("0 0 28-29 2 *", utc(2100, 2, 28, 0, 0)),
			 utc(2101, 2, 28, 0, 0));
	/* 30 February never comes */
	assert_int_equal(cron_next(&c, utc(2026, 1, 1, 0, 0), &t), -ERANGE);
	assert_int_equal(cron_prev(&c, utc(2026, 1, 1, 0, 0), &t), -ERANGE);
	assert_int_equal(t, 42);
}

static void day_rules(void **state)
{
	/* both restricted: the 13th or a Friday */
	const time_t either[] = { utc(2026, 2, 6, 0, 0), utc(2026, 2, 13, 0, 0),
				  utc(2026, 2, 20, 0, 0), utc(2026, 2, 27, 0, 0),
				  utc(2026, 3, 6, 0, 0), utc(2026, 3, 13, 0, 0),
				  utc(2026, 3, 20, 0, 0), utc(2026, 3, 27, 0, 0),
				  utc(2026, 4, 3, 0, 0), utc(2026, 4, 10, 0, 0),
				  utc(2026, 4, 13, 0, 0), utc(2026, 4, 17, 0, 0) };
	const time_t dom_only[] = { utc(2026, 2, 13, 0, 0), utc(2026, 3, 13, 0, 0),
				    utc(2026, 4, 13, 0, 0) };
	const time_t dow_only[] = { utc(2026, 2, 6, 0, 0), utc(2026, 2, 13, 0, 0),
				    utc(2026, 2, 20, 0, 0) };
	/* "*" /2 is a star: odd days AND Mondays */
	const time_t both[] = { utc(2026, 1, 5, 0, 0), utc(2026, 1, 19, 0, 0),
				utc(2026, 2, 9, 0, 0), utc(2026, 2, 23, 0, 0) };

	use_tz("UTC");
	assert_nexts("0 0 13 * 5", utc(2026, 2, 1, 0, 0), either, 12);
	assert_nexts("0 0 13 * *", utc(2026, 2, 1, 0, 0), dom_only, 3);
	assert_nexts("0 0 * * fri", utc(2026, 2, 1, 0, 0), dow_only, 3);
	assert_nexts("0 0 */2 * 1", utc(2026, 1, 1, 0, 0), both, 4);
	assert_int_equal(prev_of("0 0 13 * 5", utc(2026, 4, 16, 0, 0)), utc(2026, 4, 13, 0, 0));
}

static void dst_spring_zurich(void **state)
{
	/* 2026-03-29: 02:00 CET becomes 03:00 CEST at 01:00 UTC */
	const time_t q[] = { utc(2026, 3, 29, 0, 30), utc(2026, 3, 29, 0, 45),
			     utc(2026, 3, 29, 1, 0), utc(2026, 3, 29, 1, 15) };

	use_tz("Europe/Zurich");
	/* 02:30 does not exist: the slot is the first minute after the gap, 03:00 CEST */
	assert_int_equal(next_of("30 2 * * *", utc(2026, 3, 28, 23, 0)), utc(2026, 3, 29, 1, 0));
	assert_int_equal(next_of("30 2 * * *", utc(2026, 3, 29, 1, 0)), utc(2026, 3, 30, 0, 30));
	assert_int_equal(next_of("30 2 * * *", utc(2026, 3, 27, 12, 0)),
			 utc(2026, 3, 28, 1, 30));
	assert_int_equal(prev_of("30 2 * * *", utc(2026, 3, 29, 1, 0)), utc(2026, 3, 29, 1, 0));
	assert_int_equal(prev_of("30 2 * * *", utc(2026, 3, 29, 1, 0) - 1),
			 utc(2026, 3, 28, 1, 30));
	assert_int_equal(prev_of("30 2 * * *", utc(2026, 3, 29, 12, 0)), utc(2026, 3, 29, 1, 0));
	/* the gap's quarters fall together with 03:00 into one slot */
	assert_nexts("*/15 * * * *", utc(2026, 3, 29, 0, 15), q, 4);
	assert_int_equal(prev_of("*/15 * * * *", utc(2026, 3, 29, 1, 10)),
			 utc(2026, 3, 29, 1, 0));
	/* an ordinary time on that day: 04:00 CEST */
	assert_int_equal(next_of("0 4 * * 0", utc(2026, 3, 28, 0, 0)), utc(2026, 3, 29, 2, 0));
}

static void dst_autumn_zurich(void **state)
{
	/* 2026-10-25: 03:00 CEST becomes 02:00 CET at 01:00 UTC; 02:00-02:59 comes twice */
	const time_t q[] = { utc(2026, 10, 25, 0, 30), utc(2026, 10, 25, 0, 45),
			     utc(2026, 10, 25, 2, 0), utc(2026, 10, 25, 2, 15) };

	use_tz("Europe/Zurich");
	/* once, at the first 02:30 (CEST), and the next day's in CET */
	assert_int_equal(next_of("30 2 * * *", utc(2026, 10, 24, 12, 0)),
			 utc(2026, 10, 25, 0, 30));
	assert_int_equal(next_of("30 2 * * *", utc(2026, 10, 25, 0, 30)),
			 utc(2026, 10, 26, 1, 30));
	/* during the second 02:xx: the slot was the first 02:30 */
	assert_int_equal(next_of("30 2 * * *", utc(2026, 10, 25, 1, 10)),
			 utc(2026, 10, 26, 1, 30));
	assert_int_equal(prev_of("30 2 * * *", utc(2026, 10, 25, 1, 45)),
			 utc(2026, 10, 25, 0, 30));
	assert_int_equal(prev_of("30 2 * * *", utc(2026, 10, 25, 0, 29)),
			 utc(2026, 10, 24, 0, 30));
	/* quarters: the first 02:xx only, then 03:00 CET */
	assert_nexts("*/15 * * * *", utc(2026, 10, 25, 0, 15), q, 4);
	assert_int_equal(next_of("*/15 * * * *", utc(2026, 10, 25, 1, 30)),
			 utc(2026, 10, 25, 2, 0));
	assert_int_equal(prev_of("*/15 * * * *", utc(2026, 10, 25, 1, 30)),
			 utc(2026, 10, 25, 0, 45));
	assert_int_equal(next_of("0 2 * * *", utc(2026, 10, 24, 23, 0)), utc(2026, 10, 25, 0, 0));
	assert_int_equal(next_of("0 3 * * *", utc(2026, 10, 24, 23, 0)), utc(2026, 10, 25, 2, 0));
}

/* ---- an independent reference: the clock watched minute by minute ---- */

/* Whether @c names the local minute @l (wall-clock seconds since 1970-01-01, no zone). */
static bool ref_matches(const struct cron_spec *c, int64_t l)
{
	time_t t = (time_t)l;
	struct tm tm;
	bool dom, dow;

	gmtime_r(&t, &tm);
	dom = c->dom & (UINT32_C(1) << tm.tm_mday);
	dow = c->dow & (1u << tm.tm_wday);
	if (!(c->minute & BIT(tm.tm_min)) || !(c->hour & (UINT32_C(1) << tm.tm_hour)) ||
	    !(c->month & (1u << (tm.tm_mon + 1))))
		return false;
	return c->dom_star || c->dow_star ? dom && dow : dom || dow;
}

static int64_t ref_local(time_t t)
{
	struct tm tm;

	assert_non_null(localtime_r(&t, &tm));
	return timegm(&tm);
}

/* The slots in [from, to) as cron.h defines them: an instant (whole minute) is a slot when the
 * local clock reaches there, for the first time, a minute @c names, whether it shows that
 * minute or jumps over it. Returns their count (at most @max). */
static int ref_slots(const struct cron_spec *c, time_t from, time_t to, time_t *out, int max)
{
	/* start 3 h early: the latest local time shown so far matters after the clocks go back */
	int64_t shown = ref_local(from - 3 * 3600);
	int n = 0;

	for (time_t t = from - 3 * 3600 + 60; t < to; t += 60) {
		int64_t l = ref_local(t);
		bool slot = false;

		for (int64_t m = shown + 60; m <= l; m += 60)
			slot = slot || ref_matches(c, m);
		if (l > shown)
			shown = l;
		if (slot && t >= from) {
			assert_true(n < max);
			out[n++] = t;
		}
	}
	return n;
}

/* Over 16 days around @mid, every 16 min 53 s: next and prev agree with the reference, and
 * with each other. */
static void check_window(const char *spec, time_t mid)
{
	static time_t slots[16 * 1440 + 1];
	struct cron_spec c = parse_ok(spec);
	time_t from = mid - 8 * 86400, to = mid + 8 * 86400;
	int n = ref_slots(&c, from, to, slots, 16 * 1440 + 1), k = 0;

	if (n < 2)
		fail_msg("%s: %d slots around %lld", spec, n, (long long)mid);
	for (time_t t = slots[0]; t < slots[n - 1]; t += 1013) {
		time_t nx = 0, pv = 0, back = 0;

		while (slots[k + 1] <= t)
			k++;
		assert_int_equal(cron_next(&c, t, &nx), 0);
		assert_int_equal(cron_prev(&c, t, &pv), 0);
		if (nx != slots[k + 1] || pv != slots[k])
			fail_msg("%s at %lld: next %lld prev %lld, reference %lld %lld", spec,
				 (long long)t, (long long)nx, (long long)pv,
				 (long long)slots[k + 1], (long long)slots[k]);
		assert_int_equal(cron_prev(&c, nx, &back), 0);
		assert_int_equal(back, nx);
		assert_int_equal(cron_next(&c, pv, &back), 0);
		assert_true(back > t);
	}
}

static const char *const sample_specs[] = {
	"*/15 * * * *", "* * * * *", "30 2 * * *", "0 3 * * *", "0 2 * * *", "0,30 1-3 * * *",
	"* 2 * * *", "59 1 * * *", "0 0 * * *", "7 */5 * * *", "45 2 * * 0", "0 4 * * 2,5",
	"0 0 13 * 5", "30 2 */2 * 1-5",
};

static void reference_utc(void **state)
{
	use_tz("UTC");
	for (size_t k = 0; k < sizeof(sample_specs) / sizeof(sample_specs[0]); k++) {
		check_window(sample_specs[k], utc(2026, 3, 29, 1, 0));
		check_window(sample_specs[k], utc(2028, 2, 29, 0, 0));
	}
}

static void reference_zurich(void **state)
{
	use_tz("Europe/Zurich");
	for (size_t k = 0; k < sizeof(sample_specs) / sizeof(sample_specs[0]); k++) {
		check_window(sample_specs[k], utc(2026, 3, 29, 1, 0));
		check_window(sample_specs[k], utc(2026, 10, 25, 1, 0));
		check_window(sample_specs[k], utc(2026, 7, 1, 12, 0));
	}
}

static int tests_setup(void **state)
{
	use_tz("UTC");
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(field_forms),
		cmocka_unit_test(shorthands),
		cmocka_unit_test(bad_specs),
		cmocka_unit_test(bad_length),
		cmocka_unit_test(format_round_trip),
		cmocka_unit_test(format_short_buffer),
		cmocka_unit_test(next_weekdays),
		cmocka_unit_test(next_minutes),
		cmocka_unit_test(next_month_and_year_ends),
		cmocka_unit_test(leap_days),
		cmocka_unit_test(day_rules),
		cmocka_unit_test(dst_spring_zurich),
		cmocka_unit_test(dst_autumn_zurich),
		cmocka_unit_test(reference_utc),
		cmocka_unit_test(reference_zurich),
	};

	return cmocka_run_group_tests(tests, tests_setup, NULL);
}
