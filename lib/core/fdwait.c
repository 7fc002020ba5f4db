/* lib/core/fdwait.c: poll() on one descriptor until a deadline, across signals. */
#include "core/fdwait.h"

#include <errno.h>
#include <poll.h>

#include "core/clock.h"

int fd_wait(int fd, short events, int64_t deadline)
{
	for (;;) {
		struct pollfd p = { .fd = fd, .events = events };
		int r = poll(&p, 1, clock_ms_left(deadline));

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -errno;
		return r == 0 ? -ETIMEDOUT : 0;
	}
}
