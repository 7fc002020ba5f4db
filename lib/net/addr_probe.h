/* lib/net/addr_probe.h: probing for and announcing one address on one link, whatever its
 * family: ARP (RFC 5227) for IPv4, neighbour discovery for IPv6. */
#ifndef SIPHA_ADDR_PROBE_H
#define SIPHA_ADDR_PROBE_H

#include <stdbool.h>
#include <stdint.h>

#include "net/arp_probe.h"
#include "net/nl_link.h"

/* True when @link can carry ARP and neighbour discovery: Ethernet, a 6-byte hardware address,
 * IFF_NOARP not set. Pure. */
bool addr_link_speaks(const struct nl_link *link);

/* arp_probe() for IPv4 or nd_probe() for IPv6 (@family; @ip 4 or 16 bytes) from @link. Returns
 * what they return (1 and @ret_mac on a conflict, 0, -ETIMEDOUT, -errno), -EOPNOTSUPP when
 * @link does not speak ARP (addr_link_speaks()), -EAFNOSUPPORT for another family. */
int addr_probe(const struct nl_link *link, int family, const void *ip, bool hold,
	       const struct arp_probe_plan *plan, uint8_t ret_mac[6], int64_t deadline);

/* arp_announce() for IPv4 or nd_announce() for IPv6 from @link. Returns how many were sent
 * (at least 1), -EOPNOTSUPP when @link does not speak ARP, -EAFNOSUPPORT for another family,
 * or -errno when the first could not be sent. */
int addr_announce(const struct nl_link *link, int family, const void *ip, int count,
		  int interval_ms, int64_t deadline);

#endif
