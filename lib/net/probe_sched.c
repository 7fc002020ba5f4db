/* lib/net/probe_sched.c: send/listen schedule of address probes and announcements. */
#include "net/probe_sched.h"

#include <errno.h>

#include "core/clock.h"

int probe_sched_run(int fd, const struct arp_probe_plan *plan, probe_send_fn send,
		    probe_heard_fn heard, void *ctx, int64_t deadline)
{
	int64_t start = clock_now_ms(), end;
	int sent = 0;

	if (plan->count <= 0)
		return 0;
	end = start + (int64_t)(plan->count - 1) * plan->interval_ms + plan->wait_ms;
	for (;;) {
		int64_t now = clock_now_ms(), next, until;
		unsigned char buf[512];
		struct pkt_from from;
		ssize_t n;

		if (sent < plan->count && now >= start + (int64_t)sent * plan->interval_ms) {
			int r = send(ctx);

			if (r < 0)
				return r;
			sent++;
			continue;
		}
		if (now >= end && sent == plan->count)
			return 0;
		if (now >= deadline)
			return -ETIMEDOUT;
		next = sent < plan->count ? start + (int64_t)sent * plan->interval_ms : end;
		until = next < deadline ? next : deadline;
		n = pkt_recv(fd, buf, sizeof(buf), &from, until);
		if (n == -ETIMEDOUT)
			continue;
		if (n < 0)
			return (int)n;
		if (heard(ctx, buf, (size_t)n, &from))
			return 1;
	}
}

int probe_sched_announce(int count, int interval_ms, probe_send_fn send, void *ctx,
			 int64_t deadline)
{
	int sent = 0;

	while (sent < count) {
		int r;

		if (sent > 0 && clock_ms_left(deadline) < interval_ms)
			break;
		if (sent > 0)
			clock_sleep_ms(interval_ms, deadline);
		r = send(ctx);
		if (r < 0)
			return sent ? sent : r;
		sent++;
	}
	return sent;
}
