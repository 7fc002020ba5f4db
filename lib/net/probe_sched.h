/* lib/net/probe_sched.h: the schedule shared by ARP (IPv4) and neighbour discovery (IPv6) probing
 * and announcing: when to send, how long to listen, every wait bounded by a deadline. The
 * protocol parts come in as callbacks. */
#ifndef SIPHA_PROBE_SCHED_H
#define SIPHA_PROBE_SCHED_H

#include <stddef.h>
#include <stdint.h>

#include "net/pkt.h"

/* How to probe: @count probes @interval_ms apart, then listen @wait_ms after the last one. */
struct arp_probe_plan {
	int count;
	int interval_ms;
	int wait_ms;
};

/* Sends one probe or announcement; 0 or -errno. */
typedef int (*probe_send_fn)(void *ctx);
/* Judges one received packet: 1 when it shows a conflict (the callback keeps who), else 0. */
typedef int (*probe_heard_fn)(void *ctx, const unsigned char *buf, size_t len,
			      const struct pkt_from *from);

/* Runs @plan on the packet socket @fd: sends at 0, interval, 2*interval..., listening all the
 * while, until wait_ms after the last probe. Returns 1 at the first conflict, 0 when the plan
 * ran without one, -ETIMEDOUT when @deadline came first, or -errno. */
int probe_sched_run(int fd, const struct arp_probe_plan *plan, probe_send_fn send,
		    probe_heard_fn heard, void *ctx, int64_t deadline);

/* Sends @count announcements, the first at once, the others @interval_ms apart, as many as
 * fit before @deadline. Returns how many were sent (at least 1), or -errno when the first
 * could not be sent. */
int probe_sched_announce(int count, int interval_ms, probe_send_fn send, void *ctx,
			 int64_t deadline);

#endif
