/* lib/kam/counters.h: Kamailio's counters between two monitors. Kamailio counts from its own
 * start; health wants what happened since the previous monitor. Pure text in and out: the
 * caller keeps the text (lib/statefile). */
#ifndef SIPHA_COUNTERS_H
#define SIPHA_COUNTERS_H

#include <stddef.h>
#include <stdint.h>

#define COUNTERS_MAX 32
/* room for COUNTERS_MAX values, their separators and the newline */
#define COUNTERS_TEXT_MAX (COUNTERS_MAX * 21 + 2)

/* How much each of @n counters grew from the values in @prev_text (the previous monitor's
 * counters_format(), or NULL when there was none) to @now, in @ret_delta. A counter that went
 * down (Kamailio restarted) or was not there before gives 0. Returns 1 when @prev_text held
 * @n values, 0 when not (first monitor), -EINVAL for n > COUNTERS_MAX. */
int counters_delta(const char *prev_text, const uint64_t *now, size_t n, uint64_t *ret_delta);

/* Writes @n counters as one line into @buf (COUNTERS_TEXT_MAX bytes). Returns its length, or
 * -EINVAL for n > COUNTERS_MAX. */
int counters_format(const uint64_t *now, size_t n, char *buf);

#endif
