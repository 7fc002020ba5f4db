/* lib/net/nd.h: IPv6 neighbour solicitations and advertisements (RFC 4861) as whole IPv6 packets,
 * and the duplicate address rules of RFC 4862. Pure functions: no sockets, no clock. */
#ifndef SIPHA_ND_H
#define SIPHA_ND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ND_NS 135			/* ICMPv6 type of a neighbour solicitation */
#define ND_NA 136			/* ICMPv6 type of a neighbour advertisement */
#define ND_NA_ROUTER 0x80000000u
#define ND_NA_SOLICITED 0x40000000u
#define ND_NA_OVERRIDE 0x20000000u

/* Longest packet nd_build() writes: IPv6 header, NS/NA, one 8-byte link-layer option. */
#define ND_MAX_LEN (40 + 24 + 8)

struct nd_pkt {
	int type;			/* ND_NS or ND_NA */
	uint8_t src[16], dst[16];	/* IPv6 source and destination */
	uint8_t target[16];
	uint32_t flags;			/* NA: ND_NA_* (host order) */
	bool has_lla;			/* NS: source, NA: target link-layer address option */
	uint8_t lla[6];
};

/* Writes @p as an IPv6 packet (hop limit 255, ICMPv6 checksum filled in) into @buf. Returns
 * the length, -ENOSPC when @len is too small, -EINVAL when @p->type is neither NS nor NA. */
int nd_build(void *buf, size_t len, const struct nd_pkt *p);

/* Reads an IPv6 packet holding an NS or NA (RFC 4861 7.1.1/7.1.2 validity: hop limit 255,
 * code 0, ICMPv6 checksum, option lengths, target not multicast). Returns 0, -ENOMSG for
 * valid IPv6 that is not NS/NA, or -EBADMSG. */
int nd_parse(const void *buf, size_t len, struct nd_pkt *ret);

/* The solicited-node multicast group of @addr (ff02::1:ffXX:XXXX). */
void nd_solicited_node(const uint8_t addr[16], uint8_t ret[16]);

/* The Ethernet multicast address of IPv6 group @group (33:33 + its last 4 bytes). */
void nd_multicast_mac(const uint8_t group[16], uint8_t ret[6]);

/* The duplicate address detection probe for @target: an NS from :: to its solicited-node
 * group, without a link-layer option (RFC 4862 5.4.2). */
void nd_make_probe(struct nd_pkt *p, const uint8_t target[16]);

/* An unsolicited NA for @addr at @mac to all nodes (ff02::1), with the override flag so that
 * neighbours replace a cached hardware address (RFC 4861 7.2.6). */
void nd_make_announce(struct nd_pkt *p, const uint8_t addr[16], const uint8_t mac[6]);

/* Whether @p, received from a host with link-layer address @from, shows someone else using
 * @target: an NA for @target, or, while we are @probing, another host's DAD probe for it
 * (RFC 4862 5.4.3, 5.4.4). Packets from @self never count. On a conflict, writes the other
 * host's hardware address (the NA's target link-layer option, else @from) into @ret_mac. */
bool nd_conflicts(const struct nd_pkt *p, const uint8_t from[6], const uint8_t target[16],
		  const uint8_t self[6], bool probing, uint8_t ret_mac[6]);

#endif
