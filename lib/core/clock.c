/* lib/core/clock.c: monotonic milliseconds; every wait in sipha is budgeted against these. */
#include "core/clock.h"

#include <errno.h>
#include <time.h>

int64_t clock_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int clock_ms_left(int64_t deadline)
{
	int64_t left = deadline - clock_now_ms();

	if (left <= 0)
		return 0;
	return left > INT32_MAX ? INT32_MAX : (int)left;
}

int clock_sleep_ms(int ms, int64_t deadline)
{
	int left = clock_ms_left(deadline);
	int cut = ms > left;
	struct timespec ts;

	if (cut)
		ms = left;
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (long)(ms % 1000) * 1000000;
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
	return cut ? -ETIMEDOUT : 0;
}
