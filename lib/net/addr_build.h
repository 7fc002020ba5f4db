/* lib/net/addr_build.h: the interface address a floating IP becomes, built from its settings:
 * prefix, lifetimes, IPv4 label and broadcast, the sipha tag. */
#ifndef SIPHA_ADDR_BUILD_H
#define SIPHA_ADDR_BUILD_H

#include <net/if.h>
#include <stdbool.h>
#include <stdint.h>

#include "net/nl_addr.h"
#include "net/nl_link.h"

/* The settings of a floating address, as an admin gives them. */
struct addr_spec {
	int family;			/* AF_INET or AF_INET6 */
	unsigned char addr[16];
	int prefix;
	const char *preferred_lft;	/* "forever" or seconds; NULL: forever */
	bool noprefixroute;
	const char *iflabel;		/* IPv4: the address is labelled ifname:iflabel; or NULL */
	const char *broadcast;		/* IPv4: dotted address, "+", "-"; NULL: the default */
};

/* The prefix length to use: @netmask when it is set (> 0), else @given (the one written after
 * the address), which is -1 when there was none. Pure. */
int addr_prefix_pick(long long netmask, int given);

/* Parses a lifetime: "forever" (NL_LIFE_FOREVER) or a decimal number of seconds below it.
 * Pure. Returns 0 with @ret set, or -EINVAL. */
int addr_lft_parse(const char *s, uint32_t *ret);

/* Puts the IPv4 label "@ifname:@label" in @ret. Pure. Returns 0, or -ENAMETOOLONG when it
 * does not fit the kernel's 15 characters (@ret then untouched). */
int addr_label(const char *ifname, const char *label, char ret[IFNAMSIZ]);

/* The IPv4 broadcast address of @ip (4 bytes, network order) in a /@prefix, as @how says: a
 * dotted address is taken as is; "+" sets the host bits, "-" clears them; NULL means "+" for
 * prefixes up to /30 and none for /31 and /32 (RFC 3021), as does "+"/"-" there. Pure.
 * Returns 1 with @ret set, 0 when the address gets no broadcast, or -EINVAL when @how is none
 * of those. */
int addr_broadcast(const unsigned char *ip, int prefix, const char *how, unsigned char ret[4]);

/* Builds in @ret the address that @spec puts on @link (tagged ADDR_PROTO_SIPHA, permanent,
 * preferred as spec->preferred_lft says; IPv6 without the kernel's DAD, which the caller's own
 * probe replaces). Pure. Returns 0, -ENAMETOOLONG when the label does not fit with the name of
 * @link, or -EINVAL for a bad lifetime or broadcast. */
int addr_build(const struct addr_spec *spec, const struct nl_link *link, struct nl_addr *ret);

#endif
