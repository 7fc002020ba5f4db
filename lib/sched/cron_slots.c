/* lib/sched/cron_slots.c: the slots a crontab(5) time names in local time (cron_next,
 * cron_prev), found by walking the local calendar field by field, with the DST rules of cron.h. */
#include "sched/cron.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

/* How far the slots are searched, in years of the local calendar. */
#define CRON_YEARS 10
/* Wider than any offset from UTC (-12h..+14h) and any DST shift: the offsets in effect around a
 * local time are those at its value read as UTC, plus or minus this. */
#define CRON_ZONE_SPAN (16 * 3600)

/* The calendar: local wall-clock times as plain counts, without a time zone. */

struct civil {
	int64_t y;
	int mo, d, h, mi;	/* 1-12, 1-31, 0-23, 0-59 */
};

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
static int64_t days_from_civil(int64_t y, int mo, int d)
{
	int64_t era, yoe, doy;

	y -= mo <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

static void civil_from_days(int64_t z, struct civil *c)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	c->d = (int)(doy - (153 * mp + 2) / 5 + 1);
	c->mo = (int)(mp < 10 ? mp + 3 : mp - 9);
	c->y = yoe + era * 400 + (c->mo <= 2);
}

static int64_t floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* Seconds of local wall-clock time since 1970-01-01 00:00, as if there were no zone. */
static int64_t civil_secs(const struct civil *c)
{
	return days_from_civil(c->y, c->mo, c->d) * 86400 + c->h * 3600 + c->mi * 60;
}

static void civil_from_secs(int64_t s, struct civil *c)
{
	int64_t days = floor_div(s, 86400), rem = s - days * 86400;

	civil_from_days(days, c);
	c->h = (int)(rem / 3600);
	c->mi = (int)(rem % 3600 / 60);
}

static int days_in_month(int64_t y, int mo)
{
	static const int dim[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return mo == 2 && leap ? 29 : dim[mo - 1];
}

static bool day_matches(const struct cron_spec *c, int64_t y, int mo, int d)
{
	int dow = (int)((days_from_civil(y, mo, d) % 7 + 11) % 7);	/* 1970-01-01: Thursday */
	bool dom_ok = c->dom >> d & 1, dow_ok = c->dow >> dow & 1;

	if (c->dom_star || c->dow_star)
		return dom_ok && dow_ok;
	return dom_ok || dow_ok;
}

/* The lowest set bit >= @from (up to @max), or -1. */
static int bit_up(uint64_t bits, int from, int max)
{
	for (int b = from; b <= max; b++)
		if (bits >> b & 1)
			return b;
	return -1;
}

/* The highest set bit <= @from (down to @min), or -1. */
static int bit_down(uint64_t bits, int from, int min)
{
	for (int b = from; b >= min; b--)
		if (bits >> b & 1)
			return b;
	return -1;
}

/* Moves @t to the first matching minute at or after it; -ERANGE past year @last. Each step
 * skips a whole month, day or hour that cannot match. */
static int match_up(const struct cron_spec *c, struct civil *t, int64_t last)
{
	for (;;) {
		int mo, h, mi;

		if (t->y > last)
			return -ERANGE;
		mo = bit_up(c->month, t->mo, 12);
		if (mo < 0) {
			*t = (struct civil){ t->y + 1, 1, 1, 0, 0 };
			continue;
		}
		if (mo != t->mo)
			*t = (struct civil){ t->y, mo, 1, 0, 0 };
		if (t->d > days_in_month(t->y, t->mo)) {
			*t = (struct civil){ t->y, t->mo + 1, 1, 0, 0 };
			if (t->mo > 12)
				*t = (struct civil){ t->y + 1, 1, 1, 0, 0 };
			continue;
		}
		h = day_matches(c, t->y, t->mo, t->d) ? bit_up(c->hour, t->h, 23) : -1;
		mi = h < 0 ? -1 : bit_up(c->minute, h == t->h ? t->mi : 0, 59);
		if (mi >= 0) {
			t->h = h;
			t->mi = mi;
			return 0;
		}
		if (h >= 0 && h < 23) {
			*t = (struct civil){ t->y, t->mo, t->d, h + 1, 0 };
			continue;
		}
		*t = (struct civil){ t->y, t->mo, t->d + 1, 0, 0 };
	}
}

/* Moves @t to the last matching minute at or before it; -ERANGE before year @first. */
static int match_down(const struct cron_spec *c, struct civil *t, int64_t first)
{
	for (;;) {
		int mo, h, mi;

		if (t->y < first)
			return -ERANGE;
		mo = bit_down(c->month, t->mo, 1);
		if (mo < 0) {
			*t = (struct civil){ t->y - 1, 12, 31, 23, 59 };
			continue;
		}
		if (mo != t->mo)
			*t = (struct civil){ t->y, mo, days_in_month(t->y, mo), 23, 59 };
		if (t->d < 1) {
			if (t->mo == 1)
				*t = (struct civil){ t->y - 1, 12, 31, 23, 59 };
			else
				*t = (struct civil){ t->y, t->mo - 1,
						     days_in_month(t->y, t->mo - 1), 23, 59 };
			continue;
		}
		h = day_matches(c, t->y, t->mo, t->d) ? bit_down(c->hour, t->h, 0) : -1;
		mi = h < 0 ? -1 : bit_down(c->minute, h == t->h ? t->mi : 59, 0);
		if (mi >= 0) {
			t->h = h;
			t->mi = mi;
			return 0;
		}
		if (h > 0) {
			*t = (struct civil){ t->y, t->mo, t->d, h - 1, 59 };
			continue;
		}
		*t = (struct civil){ t->y, t->mo, t->d - 1, 23, 59 };
	}
}

/* The time zone: the local wall-clock seconds L(t) of an instant t, from localtime_r. */

static int local_secs(time_t t, int64_t *ret)
{
	struct tm tm;

	if (!localtime_r(&t, &tm))
		return -ERANGE;
	*ret = days_from_civil((int64_t)tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday) * 86400 +
	       tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
	return 0;
}

/* The offset from UTC in effect at @t (local minus UTC seconds). */
static int offset_at(time_t t, int64_t *ret)
{
	int64_t l;
	int r = local_secs(t, &l);

	if (r < 0)
		return r;
	*ret = l - (int64_t)t;
	return 0;
}

/* The first instant in (lo, hi] whose offset is not @before (there is one at hi). */
static int change_after(time_t lo, time_t hi, int64_t before, time_t *ret)
{
	while (hi - lo > 1) {
		time_t mid = lo + (hi - lo) / 2;
		int64_t o;
		int r = offset_at(mid, &o);

		if (r < 0)
			return r;
		if (o == before)
			lo = mid;
		else
			hi = mid;
	}
	*ret = hi;
	return 0;
}

/* The latest local time shown at or before @t: L(t), or, in the repeated time after the clocks
 * went back, the local time just before they did. */
static int local_reached(time_t t, int64_t *ret)
{
	int64_t now, o, o_before;
	time_t change;
	int r = local_secs(t, &now);

	if (r < 0)
		return r;
	o = now - (int64_t)t;
	r = offset_at(t - CRON_ZONE_SPAN, &o_before);
	if (r < 0)
		return r;
	*ret = now;
	if (o_before <= o)
		return 0;
	r = change_after(t - CRON_ZONE_SPAN, t, o_before, &change);
	if (r < 0)
		return r;
	if (change - 1 + o_before > now)
		*ret = change - 1 + o_before;
	return 0;
}

/* The instant a slot at local time @l (wall-clock seconds) fires: the first instant whose local
 * time is at least @l. That is its first occurrence when it is shown twice, and the end of the
 * gap when it is not shown at all. */
static int slot_instant(int64_t l, time_t *ret)
{
	int64_t oa, ob, got;
	time_t ta, tb, lo, hi;
	int r = offset_at(l - CRON_ZONE_SPAN, &oa);

	if (r == 0)
		r = offset_at(l + CRON_ZONE_SPAN, &ob);
	if (r < 0)
		return r;
	ta = l - oa;
	tb = l - ob;
	if (ta > tb) {
		time_t x = ta;

		ta = tb;
		tb = x;
	}
	/* the earlier candidate first: that is the first occurrence of a repeated time */
	for (int k = 0; k < 2; k++) {
		time_t cand = k ? tb : ta;

		r = local_secs(cand, &got);
		if (r < 0)
			return r;
		if (got == l) {
			*ret = cand;
			return 0;
		}
	}
	/* in a gap: the local time rises through it, find where it passes @l */
	lo = ta;
	hi = tb;
	while (lo < hi) {
		time_t mid = lo + (hi - lo) / 2;

		if ((r = local_secs(mid, &got)) < 0)
			return r;
		if (got >= l)
			hi = mid;
		else
			lo = mid + 1;
	}
	*ret = lo;
	return 0;
}

/* Slots as instants: with M(t) the latest local time shown up to t (local_reached) and T(l)
 * the instant of a local time (slot_instant), both never decreasing, the first slot after t is
 * T(first matching minute > M(t)) and the last slot at or before t is T(last matching minute
 * <= M(t)). So prev(next(t)) == next(t) and next(t) > t hold across every DST change. */
int cron_next(const struct cron_spec *c, time_t after, time_t *ret)
{
	struct civil t;
	int64_t reached, start_year;
	time_t slot;
	int r = local_reached(after, &reached);

	if (r < 0)
		return r;
	civil_from_secs(floor_div(reached, 60) * 60 + 60, &t);
	start_year = t.y;
	r = match_up(c, &t, start_year + CRON_YEARS);
	if (r == 0)
		r = slot_instant(civil_secs(&t), &slot);
	if (r < 0)
		return r;
	*ret = slot;
	return 0;
}

int cron_prev(const struct cron_spec *c, time_t at, time_t *ret)
{
	struct civil t;
	int64_t reached;
	time_t slot;
	int r = local_reached(at, &reached);

	if (r < 0)
		return r;
	civil_from_secs(floor_div(reached, 60) * 60, &t);
	r = match_down(c, &t, t.y - CRON_YEARS);
	if (r == 0)
		r = slot_instant(civil_secs(&t), &slot);
	if (r < 0)
		return r;
	*ret = slot;
	return 0;
}
