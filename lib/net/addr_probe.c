/* lib/net/addr_probe.c: probing for and announcing one address on one link, ARP or ND by
 * family. */
#include <errno.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <sys/socket.h>

#include "net/addr_probe.h"
#include "net/nd_probe.h"

bool addr_link_speaks(const struct nl_link *link)
{
	return link->type == ARPHRD_ETHER && link->maclen == 6 && !(link->flags & IFF_NOARP);
}

int addr_probe(const struct nl_link *link, int family, const void *ip, bool hold,
	       const struct arp_probe_plan *plan, uint8_t ret_mac[6], int64_t deadline)
{
	if (!addr_link_speaks(link))
		return -EOPNOTSUPP;
	if (family == AF_INET)
		return arp_probe(link->ifindex, link->mac, ip, hold, plan, ret_mac, deadline);
	if (family == AF_INET6)
		return nd_probe(link->ifindex, link->mac, ip, hold, plan, ret_mac, deadline);
	return -EAFNOSUPPORT;
}

int addr_announce(const struct nl_link *link, int family, const void *ip, int count,
		  int interval_ms, int64_t deadline)
{
	if (!addr_link_speaks(link))
		return -EOPNOTSUPP;
	if (family == AF_INET)
		return arp_announce(link->ifindex, link->mac, ip, count, interval_ms, deadline);
	if (family == AF_INET6)
		return nd_announce(link->ifindex, link->mac, ip, count, interval_ms, deadline);
	return -EAFNOSUPPORT;
}
