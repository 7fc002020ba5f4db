/* lib/net/nl_link.h: one network interface's state over rtnetlink (RTM_GETLINK). */
#ifndef SIPHA_NL_LINK_H
#define SIPHA_NL_LINK_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "net/nl.h"

struct nl_link {
	int ifindex;
	char name[IFNAMSIZ];
	unsigned int flags;		/* IFF_*: IFF_UP, IFF_LOWER_UP (carrier), IFF_NOARP... */
	int type;			/* ARPHRD_* */
	int operstate;			/* IF_OPER_*, -1 when not sent */
	int carrier;			/* IFLA_CARRIER: 1, 0, or -1 when not sent */
	int mtu;
	size_t maclen;			/* 0 when the link has no hardware address */
	unsigned char mac[32];
};

/* Decodes one RTM_NEWLINK message. Pure. Returns 0 or -EBADMSG. */
int nl_link_parse(const struct nlmsghdr *nlh, struct nl_link *ret);

/* True when the link is administratively up and has carrier (IFF_UP and IFF_LOWER_UP). */
bool nl_link_running(const struct nl_link *l);

/* Fetches one link, by @ifindex when it is > 0, else by @name. Returns 0, -ENODEV when no
 * such interface exists, or another -errno. */
int nl_link_get(struct nl *nl, int ifindex, const char *name, struct nl_link *ret,
		int64_t deadline);

#endif
