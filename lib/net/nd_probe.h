/* lib/net/nd_probe.h: IPv6 duplicate address probing and unsolicited neighbour advertisements on an
 * Ethernet interface, through a packet socket, every wait bounded by a deadline. */
#ifndef SIPHA_ND_PROBE_H
#define SIPHA_ND_PROBE_H

#include <stdbool.h>
#include <stdint.h>

#include "net/arp_probe.h"

/* Asks whether anyone on interface @ifindex (hardware address @mac) uses @ip: sends the plan's
 * DAD neighbour solicitations (from ::) and listens for an advertisement of @ip or, unless we
 * already @hold @ip, another host's DAD probe for it. For as long as it runs, it is a member of
 * the solicited-node group of @ip through an IPv6 socket, so that the kernel sends an MLD report
 * and switches that snoop MLD deliver that group. Stops at the first conflict. Returns 1 and
 * the other host's hardware address in @ret_mac on a conflict, 0 when the whole plan ran without
 * one, -ETIMEDOUT when @deadline came first, or -errno. */
int nd_probe(int ifindex, const uint8_t mac[6], const uint8_t ip[16], bool hold,
	     const struct arp_probe_plan *plan, uint8_t ret_mac[6], int64_t deadline);

/* Announces @ip at @mac on @ifindex: @count unsolicited NAs to all nodes with the override
 * flag, the first at once, the others @interval_ms apart, as many as fit before @deadline.
 * Returns how many were sent (at least 1), or -errno when the first could not be sent. */
int nd_announce(int ifindex, const uint8_t mac[6], const uint8_t ip[16], int count,
		int interval_ms, int64_t deadline);

#endif
