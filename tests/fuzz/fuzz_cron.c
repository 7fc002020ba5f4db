/* tests/fuzz/fuzz_cron.c: libFuzzer target for crontab(5) times (lib/sched/cron.c), which come
 * from a resource parameter: any bytes are parsed; a spec that parses must format back to
 * itself, and its slots must keep cron.h's promises in UTC and in Europe/Zurich (DST) at fixed
 * times, some of them on the DST change days. A broken promise aborts. */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sched/cron.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const time_t times[] = {
	1774746000 - 1800,	/* 2026-03-29 00:30 UTC, half an hour before Zurich's gap */
	1792890000 + 600,	/* 2026-10-25 01:10 UTC, in Zurich's repeated hour (CET) */
	1792890000 - 600,	/* 2026-10-25 00:50 UTC, its first copy (CEST) */
	1835438430,		/* 2028-02-29 12:00:30 UTC, a leap day, not on a minute */
	0,
};

static void check(bool ok)
{
	if (!ok)
		abort();
}

/* The slots around @t: next strictly after, prev at or before, each the other's fixed point. */
static void slots_at(const struct cron_spec *c, time_t t)
{
	time_t next = 0, prev = 0, x = 0;
	int rn = cron_next(c, t, &next), rp = cron_prev(c, t, &prev);

	check(rn == 0 || rn == -ERANGE);
	check(rp == 0 || rp == -ERANGE);
	if (rn == 0) {
		/* whole local minutes: UTC and Zurich (since 1894) differ by whole hours */
		check(next > t && next % 60 == 0);
		check(cron_prev(c, next, &x) == 0 && x == next);
		rn = cron_next(c, next, &x);
		check(rn == -ERANGE || (rn == 0 && x > next));
	}
	if (rp == 0) {
		check(prev <= t && prev % 60 == 0);
		/* nothing in (prev, t]: the first slot after prev is the first after t */
		rp = cron_next(c, prev, &x);
		check(rp == -ERANGE || (rp == 0 && x > t));
		if (rp == 0 && rn == 0)
			check(x == next);
	}
}

static void round_trip(const struct cron_spec *c)
{
	struct cron_spec back;
	char buf[256], small[7], why[128];
	size_t n = cron_format(c, buf, sizeof(buf));

	check(n < sizeof(buf) && strlen(buf) == n);
	check(cron_parse(buf, &back, why, sizeof(why)) == 0);
	check(memcmp(&back, c, sizeof(back)) == 0);
	/* a short buffer: the same length, a cut and terminated prefix */
	check(cron_format(c, small, sizeof(small)) == n);
	check(strlen(small) == (n < sizeof(small) ? n : sizeof(small) - 1));
	check(strncmp(small, buf, strlen(small)) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const zones[] = { "UTC", "Europe/Zurich" };
	struct cron_spec c;
	char why[128] = "", tiny[4] = "";
	char *text = malloc(size + 1);
	int r;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	r = cron_parse(text, &c, why, sizeof(why));
	check(r == 0 || r == -EINVAL);
	check(r == 0 || (why[0] && strlen(why) < sizeof(why)));
	/* the same verdict with a reason cut short, or none */
	check(cron_parse(text, &c, tiny, sizeof(tiny)) == r && strlen(tiny) < sizeof(tiny));
	check(cron_parse(text, &c, NULL, 0) == r);
	free(text);
	if (r != 0)
		return 0;
	round_trip(&c);
	for (size_t z = 0; z < sizeof(zones) / sizeof(zones[0]); z++) {
		setenv("TZ", zones[z], 1);
		tzset();
		for (size_t k = 0; k < sizeof(times) / sizeof(times[0]); k++)
			slots_at(&c, times[k]);
	}
	return 0;
}
