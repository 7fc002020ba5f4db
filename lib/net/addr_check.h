/* lib/net/addr_check.h: whether an address can float between nodes: a unicast address that
 * names one host, not a subnet's network or broadcast address. */
#ifndef SIPHA_ADDR_CHECK_H
#define SIPHA_ADDR_CHECK_H

/* Whether @addr (@family: 4 or 16 bytes) can be a node's floating address. IPv4: not 0.0.0.0,
 * 127.0.0.0/8, multicast (224.0.0.0/4) nor 240.0.0.0/4; IPv6: not ::, ::1, multicast
 * (ff00::/8) nor link-local (fe80::/10). Pure. Returns 0, -EADDRNOTAVAIL when it cannot, or
 * -EAFNOSUPPORT for another family. */
int addr_check_unicast(int family, const void *addr);

/* Whether IPv4 @ip (4 bytes) is a host of its /@prefix: for prefixes 1 to 30, the network
 * (host bits clear) and broadcast (host bits set) addresses are not; /31 and /32 have no such
 * addresses (RFC 3021), and any prefix outside 1-32 is not checked. Pure. Returns 0, or
 * -EADDRNOTAVAIL for the network or broadcast address. */
int addr_check_host(const void *ip, int prefix);

#endif
