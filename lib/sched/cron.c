/* lib/sched/cron.c: crontab(5) time specifications, parsed as Debian's cron reads them and
 * written back in canonical form (the slots they name: cron_slots.c). */
#include "sched/cron.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Longer input is refused, not cut: a crontab time never needs this much. */
#define CRON_TEXT_MAX 1024
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
