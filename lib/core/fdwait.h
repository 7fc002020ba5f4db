/* lib/core/fdwait.h: waiting for a descriptor, bounded by a deadline. */
#ifndef SIPHA_FDWAIT_H
#define SIPHA_FDWAIT_H

#include <stdint.h>

/* Waits until @fd has one of @events (POLLIN, POLLOUT; an error or hang-up also ends the wait,
 * for the next read or write to report), or until @deadline (clock_now_ms() time): at the
 * deadline it still looks once without waiting. Returns 0, -ETIMEDOUT, or -errno from poll. */
int fd_wait(int fd, short events, int64_t deadline);

#endif
