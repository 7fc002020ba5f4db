/* lib/net/addr_origin.h: whose is a copy of an address: sipha's own (the kernel's IFA_PROTO
 * tag), a DHCP lease, or static; and whether it is usable yet (IPv6 DAD). */
#ifndef SIPHA_ADDR_ORIGIN_H
#define SIPHA_ADDR_ORIGIN_H

#include <stddef.h>

#include "net/nl_addr.h"

/* The address protocol sipha writes into IFA_PROTO (0x53, 'S' for sipha). The kernel defines
 * 0-3 (unspec, kernel_lo, kernel_ra, kernel_ll); DHCP clients and admins leave 0. */
#define ADDR_PROTO_SIPHA 83

enum addr_origin {
	ADDR_OURS,		/* tagged ADDR_PROTO_SIPHA: sipha added it */
	ADDR_DYNAMIC,		/* a lease: not permanent, with a finite valid lifetime (DHCP) */
	ADDR_STATIC,		/* permanent: an admin, a network manager, another tool */
};

enum addr_state {
	ADDR_USABLE,
	ADDR_TENTATIVE,		/* IPv6 duplicate address detection still running */
	ADDR_DADFAILED,		/* IPv6 duplicate address detection found another holder */
};

/* Where @a comes from, as far as the kernel tells. Pure. */
enum addr_origin addr_origin(const struct nl_addr *a);

/* Whether @a can be used; a failed DAD wins over tentative (the kernel sets both). Pure. */
enum addr_state addr_state(const struct nl_addr *a);

/* Describes where @a comes from in @buf, for a reason or a log line: "dynamic, lease 300s
 * left", "static, protocol 4", "static, untagged", each followed by ", router advertisement",
 * ", kernel loopback" or ", kernel link-local" when the kernel says so (the protocol number
 * stands alone). Pure. Returns @buf. */
const char *addr_origin_text(const struct nl_addr *a, char *buf, size_t len);

#endif
