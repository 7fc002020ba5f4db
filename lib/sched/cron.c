/* lib/sched/cron.c: crontab(5) time specifications, parsed as Debian's cron reads them, and the
 * slots they name in local time (next, previous), with the DST rules of cron.h. */
#include "sched/cron.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Longer input is refused, not cut: a crontab time never needs this much. */
#define CRON_TEXT_MAX 1024
/* How far the slots are searched, in years of the local calendar. */
#define CRON_YEARS 10
/* Wider than any offset from UTC (-12h..+14h) and any DST shift: the offsets in effect around a
 * local time are those at its value read as UTC, plus or minus this. */
#define CRON_ZONE_SPAN (16 * 3600)
/* Quoted values in reasons are cut to this many bytes. */
#define CRON_QUOTE_MAX 40

enum { F_MINUTE, F_HOUR, F_DOM, F_MONTH, F_DOW, F_COUNT };

struct cron_field {
	const char *name;
	int min, max;
	const char *const *names;	/* 3-letter names of min, min+1, ...; NULL: numbers only */
	const char *what;		/* for "is not a ..." */
};

static const char *const month_names[] = {
	"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", NULL
};
static const char *const day_names[] = { "sun", "mon", "tue", "wed", "thu", "fri", "sat", NULL };

static const struct cron_field fields[F_COUNT] = {
	{ "minute", 0, 59, NULL, "number (0-59)" },
	{ "hour", 0, 23, NULL, "number (0-23)" },
	{ "day-of-month", 1, 31, NULL, "number (1-31)" },
	{ "month", 1, 12, month_names, "month (1-12 or Jan..Dec)" },
	{ "day-of-week", 0, 7, day_names, "day (0-7 or Sun..Sat)" },
};

static const struct {
	const char *name, *spec;
} shorthands[] = {
	{ "@yearly", "0 0 1 1 *" }, { "@annually", "0 0 1 1 *" }, { "@monthly", "0 0 1 * *" },
	{ "@weekly", "0 0 * * 0" }, { "@daily", "0 0 * * *" }, { "@midnight", "0 0 * * *" },
	{ "@hourly", "0 * * * *" },
};

static int fail(char *why, size_t whylen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(char *why, size_t whylen, const char *fmt, ...)
{
	va_list ap;

	if (why && whylen > 0) {
		va_start(ap, fmt);
		vsnprintf(why, whylen, fmt, ap);
		va_end(ap);
	}
	return -EINVAL;
}

static int qlen(size_t n)
{
	return n > CRON_QUOTE_MAX ? CRON_QUOTE_MAX : (int)n;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Reads the value at [*s, end): a run of letters and digits, either all digits (a number,
 * saturated at 99999) or one of the field's names. Advances *s past it. */
static int read_value(const struct cron_field *f, const char **s, const char *end, int *ret,
		      char *why, size_t whylen)
{
	const char *p = *s;
	size_t n;
	bool digits = true;
	long v = 0;

	while (p < end && isalnum((unsigned char)*p)) {
		digits = digits && isdigit((unsigned char)*p);
		p++;
	}
	n = (size_t)(p - *s);
	if (n == 0)
		return 1;
	if (digits) {
		for (const char *d = *s; d < p; d++)
			v = v >= 99999 ? 99999 : v * 10 + (*d - '0');
		if (v < f->min || v > f->max)
			return fail(why, whylen, "%s: '%.*s' is out of range %d-%d", f->name,
				    qlen(n), *s, f->min, f->max);
		*ret = (int)v;
		*s = p;
		return 0;
	}
	for (int k = 0; f->names && n == 3 && f->names[k]; k++) {
		if (strncasecmp(*s, f->names[k], 3) == 0) {
			*ret = f->min + k;
			*s = p;
			return 0;
		}
	}
	return fail(why, whylen, "%s: '%.*s' is not a %s", f->name, qlen(n), *s, f->what);
}

/* Reads the step after a '/' at [*s, end): digits only, at least 1. A step larger than the
 * range is accepted, as Debian's cron does: the item names its first value only. */
static int read_step(const struct cron_field *f, const char *item, size_t len, const char **s,
		     int *ret, char *why, size_t whylen)
{
	const char *end = item + len, *p = *s;
	long v = 0;

	while (p < end && isdigit((unsigned char)*p)) {
		v = v >= 99999 ? 99999 : v * 10 + (*p - '0');
		p++;
	}
	if (p == *s || (p < end && isalnum((unsigned char)*p)))
		return fail(why, whylen, "%s: '%.*s' has a step that is not a number", f->name,
			    qlen(len), item);
	if (v == 0)
		return fail(why, whylen, "%s: '%.*s' has step 0", f->name, qlen(len), item);
	*ret = (int)v;
	*s = p;
	return 0;
}

/* One item of a list: "*", "N", "a-b", any of them with "/step" ("N/s" is "N-max/s"). Sets its
 * values in @bits (bit v for value v, before Sunday 7 becomes 0). */
static int parse_item(const struct cron_field *f, const char *item, size_t len, uint64_t *bits,
		      char *why, size_t whylen)
{
	const char *s = item, *end = item + len;
	int lo = f->min, hi = f->max, step = 1, r;
	bool single = false;

	if (len == 0)
		return 1;
	if (*s == '*') {
		s++;
	} else {
		r = read_value(f, &s, end, &lo, why, whylen);
		if (r != 0)
			goto bad;
		hi = lo;
		single = true;
		if (s < end && *s == '-') {
			s++;
			r = read_value(f, &s, end, &hi, why, whylen);
			if (r != 0)
				goto bad;
			single = false;
			if (lo > hi)
				return fail(why, whylen, "%s: '%.*s' is a reversed range (%d > %d)",
					    f->name, qlen(len), item, lo, hi);
		}
	}
	if (s < end && *s == '/') {
		s++;
		r = read_step(f, item, len, &s, &step, why, whylen);
		if (r < 0)
			return r;
		if (single)
			hi = f->max;
	}
	if (s != end) {
		r = 1;
		goto bad;
	}
	for (int v = lo; v <= hi; v += step)
		*bits |= UINT64_C(1) << v;
	return 0;
bad:
	if (r < 0)
		return r;
	return fail(why, whylen, "%s: '%.*s' is not N, a-b, * or one of them with /step", f->name,
		    qlen(len), item);
}

/* A field: a comma list of items, at [s, s + len). */
static int parse_field(const struct cron_field *f, const char *s, size_t len, uint64_t *bits,
		       char *why, size_t whylen)
{
	const char *end = s + len, *item = s;

	*bits = 0;
	for (;;) {
		const char *comma = memchr(item, ',', (size_t)(end - item));
		const char *iend = comma ? comma : end;
		int r = parse_item(f, item, (size_t)(iend - item), bits, why, whylen);

		if (r > 0)
			return fail(why, whylen, "%s: empty item in '%.*s'", f->name, qlen(len), s);
		if (r < 0)
			return r;
		if (!comma)
			return 0;
		item = comma + 1;
	}
}

static void store_field(struct cron_spec *c, int k, uint64_t bits, bool star)
{
	switch (k) {
	case F_MINUTE:
		c->minute = bits;
		break;
	case F_HOUR:
		c->hour = (uint32_t)bits;
		break;
	case F_DOM:
		c->dom = (uint32_t)bits;
		c->dom_star = star;
		break;
	case F_MONTH:
		c->month = (uint16_t)bits;
		break;
	default:
		/* Sunday is 0 and 7 */
		c->dow = (uint8_t)((bits | bits >> 7) & 0x7f);
		c->dow_star = star;
		break;
	}
}

static int parse_fields(const char *s, struct cron_spec *c, char *why, size_t whylen)
{
	int k = 0;

	for (;;) {
		const char *start;
		uint64_t bits;
		int r;

		while (is_blank(*s))
			s++;
		if (!*s)
			break;
		start = s;
		while (*s && !is_blank(*s))
			s++;
		if (k == F_COUNT)
			return fail(why, whylen, "'%.*s' after day-of-week: a crontab time has five "
				    "fields (minute hour day-of-month month day-of-week)",
				    qlen((size_t)(s - start)), start);
		r = parse_field(&fields[k], start, (size_t)(s - start), &bits, why, whylen);
		if (r < 0)
			return r;
		store_field(c, k, bits, *start == '*');
		k++;
	}
	if (k < F_COUNT)
		return fail(why, whylen, "%s: missing (%d of the five fields minute hour "
			    "day-of-month month day-of-week given)", fields[k].name, k);
	return 0;
}

static int parse_shorthand(const char *s, struct cron_spec *c, char *why, size_t whylen)
{
	size_t n = 0, rest;

	while (s[n] && !is_blank(s[n]))
		n++;
	for (rest = n; is_blank(s[rest]); rest++)
		;
	if (n == 7 && strncmp(s, "@reboot", n) == 0)
		return fail(why, whylen, "'@reboot' names no time (a schedule needs five fields or "
			    "@yearly, @monthly, @weekly, @daily, @hourly)");
	for (size_t k = 0; k < sizeof(shorthands) / sizeof(shorthands[0]); k++) {
		if (strlen(shorthands[k].name) != n || strncmp(s, shorthands[k].name, n) != 0)
			continue;
		if (s[rest])
			return fail(why, whylen, "'%.*s' after %s: a shorthand stands alone",
				    qlen(strlen(s + rest)), s + rest, shorthands[k].name);
		return parse_fields(shorthands[k].spec, c, why, whylen);
	}
	return fail(why, whylen, "'%.*s' is not a shorthand (@yearly, @annually, @monthly, "
		    "@weekly, @daily, @midnight, @hourly)", qlen(n), s);
}

int cron_parse(const char *text, struct cron_spec *ret, char *why, size_t whylen)
{
	struct cron_spec c;
	const char *s = text;
	int r;

	if (!text)
		return fail(why, whylen, "no schedule given");
	if (strnlen(text, CRON_TEXT_MAX + 1) > CRON_TEXT_MAX)
		return fail(why, whylen, "too long: more than %d bytes", CRON_TEXT_MAX);
	/* zeroed whole, padding included: parsed specs compare with memcmp */
	memset(&c, 0, sizeof(c));
	while (is_blank(*s))
		s++;
	if (*s == '@')
		r = parse_shorthand(s, &c, why, whylen);
	else
		r = parse_fields(s, &c, why, whylen);
	if (r < 0)
		return r;
	*ret = c;
	return 0;
}

/* ---- the calendar: civil times as counts, no time zone ---- */

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

/* ---- the time zone: local wall-clock seconds L(t) of an instant t ---- */

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

/* ---- back to text ---- */

struct out {
	char *buf;
	size_t len, pos;
};

static void put(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	size_t room = o->pos < o->len ? o->len - o->pos : 0;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(room ? o->buf + o->pos : NULL, room, fmt, ap);
	va_end(ap);
	if (n > 0)
		o->pos += (size_t)n;
}

/* @bits as a comma list of values and ranges, between @min and @max. */
static void put_list(struct out *o, uint64_t bits, int min, int max, bool comma)
{
	for (int v = min; v <= max; v++) {
		int end = v;

		if (!(bits >> v & 1))
			continue;
		while (end < max && bits >> (end + 1) & 1)
			end++;
		put(o, "%s%d", comma ? "," : "", v);
		if (end > v)
			put(o, "-%d", end);
		comma = true;
		v = end;
	}
}

/* The values "*" /@step names in field @k (Sunday as 0). */
static uint64_t star_step(int k, int step)
{
	uint64_t bits = 0;

	for (int v = fields[k].min; v <= fields[k].max; v += step)
		bits |= UINT64_C(1) << (k == F_DOW && v == 7 ? 0 : v);
	return bits;
}

/* A day field: it must start with '*' when @star, so that the day rule stays the same: "*" or
 * "*" /step with the smallest step whose values are all in @bits (there is one: "*" /span names
 * only the first value, which a '*' item always set), then the rest as a list. */
static void put_day_field(struct out *o, int k, uint64_t bits, bool star)
{
	int span = fields[k].max - fields[k].min + 1, max = k == F_DOW ? 6 : fields[k].max;

	for (int step = 1; star && step <= span; step++) {
		uint64_t s = star_step(k, step);

		if ((s & bits) != s)
			continue;
		put(o, "*");
		if (step > 1)
			put(o, "/%d", step);
		put_list(o, bits & ~s, fields[k].min, max, true);
		return;
	}
	put_list(o, bits, fields[k].min, max, false);
}

size_t cron_format(const struct cron_spec *c, char *buf, size_t len)
{
	struct out o = { buf, len, 0 };
	const uint64_t plain[] = { c->minute, c->hour, 0, c->month };

	if (len > 0)
		buf[0] = '\0';
	for (int k = F_MINUTE; k <= F_MONTH; k++) {
		uint64_t full = star_step(k, 1);

		if (k > F_MINUTE)
			put(&o, " ");
		if (k == F_DOM)
			put_day_field(&o, k, c->dom, c->dom_star);
		else if ((plain[k] & full) == full)
			put(&o, "*");
		else
			put_list(&o, plain[k], fields[k].min, fields[k].max, false);
	}
	put(&o, " ");
	put_day_field(&o, F_DOW, c->dow, c->dow_star);
	return o.pos;
}
