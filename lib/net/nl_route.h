/* lib/net/nl_route.h: which interface and prefix the routing table gives an address (RTM_GETROUTE). */
#ifndef SIPHA_NL_ROUTE_H
#define SIPHA_NL_ROUTE_H

#include <stdbool.h>
#include <stdint.h>

#include "net/nl.h"

struct nl_route {
	int family;
	unsigned char dst[16];
	int prefix;			/* rtm_dst_len */
	int table;
	int type;			/* RTN_* */
	int oif;			/* output interface, 0 when none (multipath) */
	bool gateway;			/* via a gateway (RTA_GATEWAY, RTA_VIA or multipath) */
	uint32_t metric;		/* RTA_PRIORITY */
};

/* Decodes one RTM_NEWROUTE message. Pure. Returns 0, -EBADMSG, or -EAFNOSUPPORT. */
int nl_route_parse(const struct nlmsghdr *nlh, struct nl_route *ret);

/* True when @r is a directly connected subnet (unicast, main table, no gateway, prefix > 0)
 * that contains @addr, and (when @ifindex > 0) goes out of that interface. Pure. */
bool nl_route_connects(const struct nl_route *r, int family, const void *addr, int ifindex);

/* Finds the directly connected subnet that holds @addr, as IPaddr2's findif does with "ip route
 * list match ADDR scope link": the longest prefix wins, then the lowest metric. Restricted to
 * interface @ifindex when > 0. Returns 0 and the route in @ret, -ENETUNREACH when no connected
 * subnet holds @addr, or another -errno (-EINTR: every try of the dump was interrupted). */
int nl_route_connected(struct nl *nl, int family, const void *addr, int ifindex,
		       struct nl_route *ret, int64_t deadline);

#endif
