/* lib/kam/counters.c: counter deltas between monitors, from and to one line of text. */
#include "kam/counters.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

int counters_delta(const char *prev_text, const uint64_t *now, size_t n, uint64_t *ret_delta)
{
	uint64_t prev[COUNTERS_MAX];
	size_t have = 0;

	if (n > COUNTERS_MAX)
		return -EINVAL;
	for (const char *p = prev_text; p && have < n;) {
		char *end;

		errno = 0;
		prev[have] = strtoull(p, &end, 10);
		if (end == p || errno)
			break;
		have++;
		p = end;
	}
	for (size_t i = 0; i < n; i++)
		ret_delta[i] = have == n && now[i] >= prev[i] ? now[i] - prev[i] : 0;
	return have == n;
}

int counters_format(const uint64_t *now, size_t n, char *buf)
{
	size_t len = 0;

	if (n > COUNTERS_MAX)
		return -EINVAL;
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(buf + len, COUNTERS_TEXT_MAX - len, "%s%" PRIu64,
					i ? " " : "", now[i]);
	buf[len++] = '\n';
	buf[len] = '\0';
	return (int)len;
}
