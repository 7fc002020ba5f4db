/* lib/core/clock.h: monotonic time in milliseconds and deadlines built on it. */
#ifndef SIPHA_CLOCK_H
#define SIPHA_CLOCK_H

#include <stdint.h>

/* Milliseconds on CLOCK_MONOTONIC: only differences between two readings mean anything. */
int64_t clock_now_ms(void);

/* Milliseconds left until @deadline (a clock_now_ms() value), 0 once it has passed,
 * clamped to INT32_MAX so it can go straight into poll(). */
int clock_ms_left(int64_t deadline);

/* Sleeps @ms milliseconds, or until @deadline if that comes first. Returns 0, or -ETIMEDOUT
 * when the deadline cut the sleep short. */
int clock_sleep_ms(int ms, int64_t deadline);

#endif
