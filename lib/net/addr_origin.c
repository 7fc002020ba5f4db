/* lib/net/addr_origin.c: whose is a copy of an address, and whether it is usable yet. */
#include <linux/if_addr.h>
#include <stdio.h>

#include "net/addr_origin.h"

/* DHCP clients set a lease (valid lifetime) and leave the protocol 0; admins and network
 * managers add permanent addresses. */
static bool leased(const struct nl_addr *a)
{
	return !(a->flags & IFA_F_PERMANENT) && a->valid_lft != NL_LIFE_FOREVER;
}

enum addr_origin addr_origin(const struct nl_addr *a)
{
	if (a->proto == ADDR_PROTO_SIPHA)
		return ADDR_OURS;
	return leased(a) ? ADDR_DYNAMIC : ADDR_STATIC;
}

enum addr_state addr_state(const struct nl_addr *a)
{
	if (a->flags & IFA_F_DADFAILED)
		return ADDR_DADFAILED;
	return a->flags & IFA_F_TENTATIVE ? ADDR_TENTATIVE : ADDR_USABLE;
}

/* SLAAC sets kernel_ra. */
const char *addr_origin_text(const struct nl_addr *a, char *buf, size_t len)
{
	const char *proto = a->proto == IFAPROT_KERNEL_RA ? ", router advertisement" :
			    a->proto == IFAPROT_KERNEL_LO ? ", kernel loopback" :
			    a->proto == IFAPROT_KERNEL_LL ? ", kernel link-local" : "";

	if (leased(a))
		snprintf(buf, len, "dynamic, lease %us left%s", a->valid_lft, proto);
	else if (a->proto > IFAPROT_KERNEL_LL)
		snprintf(buf, len, "static, protocol %d", a->proto);
	else
		snprintf(buf, len, "static, untagged%s", proto);
	return buf;
}
