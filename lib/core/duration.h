/* lib/core/duration.h: durations as people write them ("500ms", "2s", "1min", "2h"). */
#ifndef SIPHA_DURATION_H
#define SIPHA_DURATION_H

#include <stddef.h>
#include <stdint.h>

/* Parses @s: digits, then an optional unit (ms, msec, s, sec, m, min, h, hr; any case, no
 * space). A bare number counts @bare_unit_ms milliseconds (0 or less: seconds). Returns 0 and
 * fills @ret_ms; -EINVAL when @s is not a duration, -ERANGE when it overflows. */
int duration_parse(const char *s, int64_t bare_unit_ms, int64_t *ret_ms);

/* Formats @ms for people, shortest exact unit first: "500ms", "2s", "1.5s", "2min", "1h". */
void duration_format(int64_t ms, char *buf, size_t len);

/* Formats @s seconds for people in mixed units, to the minute from an hour up: "2h 10min",
 * "3d 1h", "45min", "1min 30s", "40s" (negative counts as 0). */
void duration_format_span(int64_t s, char *buf, size_t len);

#endif
