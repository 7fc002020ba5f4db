/* lib/core/duration.c: parsing and printing of durations, shared by the agents and siphactl. */
#include "core/duration.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <strings.h>

static const struct {
	const char *suffix;
	int64_t ms;
} units[] = {
	{ "ms", 1 }, { "msec", 1 }, { "s", 1000 }, { "sec", 1000 }, { "m", 60000 },
	{ "min", 60000 }, { "h", 3600000 }, { "hr", 3600000 },
};

int duration_parse(const char *s, int64_t bare_unit_ms, int64_t *ret_ms)
{
	const char *c = s;
	uint64_t n = 0;
	int64_t mult = bare_unit_ms > 0 ? bare_unit_ms : 1000;

	if (!s || !isdigit((unsigned char)*c))
		return -EINVAL;
	for (; isdigit((unsigned char)*c); c++) {
		n = n * 10 + (uint64_t)(*c - '0');
		/* the largest unit must still fit: no overflow whatever the suffix */
		if (n > (uint64_t)INT64_MAX / 3600000)
			return -ERANGE;
	}
	if (*c) {
		size_t i;

		for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
			if (!strcasecmp(c, units[i].suffix))
				break;
		if (i == sizeof(units) / sizeof(units[0]))
			return -EINVAL;
		mult = units[i].ms;
	}
	if (mult > 3600000 && n > (uint64_t)(INT64_MAX / mult))
		return -ERANGE;
	*ret_ms = (int64_t)n * mult;
	return 0;
}

void duration_format(int64_t ms, char *buf, size_t len)
{
	if (ms < 1000 || ms % 100)
		snprintf(buf, len, "%" PRId64 "ms", ms);
	else if (ms % 1000)
		snprintf(buf, len, "%" PRId64 ".%" PRId64 "s", ms / 1000, ms % 1000 / 100);
	else if (ms % 60000)
		snprintf(buf, len, "%" PRId64 "s", ms / 1000);
	else if (ms % 3600000)
		snprintf(buf, len, "%" PRId64 "min", ms / 60000);
	else
		snprintf(buf, len, "%" PRId64 "h", ms / 3600000);
}

void duration_format_span(int64_t s, char *buf, size_t len)
{
	static const struct { int64_t s; const char *unit; } span_units[] = {
		{ 86400, "d" }, { 3600, "h" }, { 60, "min" }, { 1, "s" },
	};
	size_t n_units = sizeof(span_units) / sizeof(span_units[0]) - (s >= 3600 ? 1 : 0);
	size_t used = 0;

	if (len)
		buf[0] = '\0';
	if (s <= 0) {
		snprintf(buf, len, "0s");
		return;
	}
	for (size_t i = 0; i < n_units; i++) {
		int64_t n = s / span_units[i].s;
		int w;

		s %= span_units[i].s;
		if (!n)
			continue;
		w = snprintf(buf + used, len - used, "%s%lld%s", used ? " " : "", (long long)n,
			     span_units[i].unit);
		if (w < 0 || (size_t)w >= len - used)
			return;
		used += (size_t)w;
	}
}
