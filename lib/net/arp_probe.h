/* lib/net/arp_probe.h: RFC 5227 address probing and announcing on an Ethernet interface, through
 * a packet socket, every wait bounded by a deadline. */
#ifndef SIPHA_ARP_PROBE_H
#define SIPHA_ARP_PROBE_H

#include <stdbool.h>
#include <stdint.h>

#include "net/probe_sched.h"

/* Asks whether anyone on interface @ifindex (hardware address @mac) uses @ip: sends the plan's
 * ARP probes and listens for RFC 5227 conflicts (a packet from another hardware address with
 * @ip as sender, or, unless we already @hold @ip, another host probing for it). Stops at the
 * first conflict. Returns 1 and the other host's hardware address in @ret_mac on a conflict,
 * 0 when the whole plan ran without one, -ETIMEDOUT when @deadline came first, or -errno. */
int arp_probe(int ifindex, const uint8_t mac[6], const uint8_t ip[4], bool hold,
	      const struct arp_probe_plan *plan, uint8_t ret_mac[6], int64_t deadline);

/* Announces @ip at @mac on @ifindex: @count gratuitous ARP requests, the first at once, the
 * others @interval_ms apart, as many as fit before @deadline. Returns how many were sent
 * (at least 1), or -errno when the first could not be sent. */
int arp_announce(int ifindex, const uint8_t mac[6], const uint8_t ip[4], int count,
		 int interval_ms, int64_t deadline);

#endif
