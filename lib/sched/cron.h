/* lib/sched/cron.h: crontab(5) time specifications ("0 4 * * Tue,Fri") and the slots they name,
 * in the local time zone (TZ), as Debian's cron reads them.
 *
 * Fields: minute 0-59, hour 0-23, day of month 1-31, month 1-12 or Jan..Dec, day of week 0-7 or
 * Sun..Sat (0 and 7 are Sunday). Each field is "*", a number or name, a range "a-b", any of
 * these with a step "/n", or a comma list of them. Names are not case-sensitive and are not
 * allowed in ranges' steps. When both day fields are restricted (neither starts with "*"), a day
 * matches if either matches, as crontab(5) says. The shorthands @yearly (@annually), @monthly,
 * @weekly, @daily (@midnight) and @hourly are accepted; @reboot is refused (no slot in time).
 *
 * Daylight saving time: a slot whose local time does not exist (the hour skipped in spring) is
 * taken at the first minute after the gap; a local time that occurs twice (the hour repeated in
 * autumn) is one slot, at its first occurrence. So a daily job runs once on either day.
 * This holds for every field, "*" included: "*" /15 fires at 02:00, 02:15, 02:30, 02:45 of the
 * first (summer time) copy of the repeated hour, not in the second copy, then at 03:00 (Debian's
 * cron runs jobs whose minute or hour field starts with '*' in both copies; the spec does not
 * keep that distinction, and one slot per local time keeps the slots strictly increasing). In
 * the spring gap, all its slots fall together with the first minute after it into one slot.
 */
#ifndef SIPHA_CRON_H
#define SIPHA_CRON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct cron_spec {
	uint64_t minute;	/* bit m: minute m (0-59) */
	uint32_t hour;		/* bit h: hour h (0-23) */
	uint32_t dom;		/* bit d: day of month d (1-31) */
	uint16_t month;		/* bit m: month m (1-12) */
	uint8_t dow;		/* bit d: day of week d (0-6, Sunday 0; a 7 is stored as 0) */
	bool dom_star, dow_star;	/* the field started with '*': the other one alone decides */
};

/* Parses @text (five fields separated by blanks, or a shorthand). Returns 0 and fills @ret, or
 * -EINVAL with a reason in @why that names the field and the offending value, e.g.
 * "day-of-week: 'Fru' is not a day (0-7 or Sun..Sat)" or "minute: '60' is out of range 0-59".
 * Never reads past the string; any length is accepted (more than 1024 bytes is an error, not a
 * cut). Shorthands are lower case, as in Debian's cron. On success the whole of @ret is set,
 * padding included (memset), so that two parsed specs compare with memcmp. */
int cron_parse(const char *text, struct cron_spec *ret, char *why, size_t whylen);

/* The first slot strictly after @after (local time). Returns 0 and the slot in @ret, or -ERANGE
 * when there is none within 10 years (e.g. "0 0 30 2 *": 30 February). */
int cron_next(const struct cron_spec *c, time_t after, time_t *ret);

/* The latest slot at or before @at (local time). Returns 0 and the slot in @ret, or -ERANGE
 * when there is none within the 10 years before @at. */
int cron_prev(const struct cron_spec *c, time_t at, time_t *ret);

/* Writes @spec back in a canonical form (numbers, lists and ranges, "*" for a full field), for
 * logs and tests: cron_parse of the result gives the same spec. Returns the length of the full
 * text, as snprintf does (a longer one than @len - 1 is cut, and NUL-terminated when @len > 0);
 * 256 bytes always suffice for a spec from cron_parse. */
size_t cron_format(const struct cron_spec *c, char *buf, size_t len);

#endif
