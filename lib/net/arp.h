/* lib/net/arp.h: ARP packets for IPv4 over Ethernet (RFC 826) and the RFC 5227 conflict rules.
 * Pure functions: no sockets, no clock. */
#ifndef SIPHA_ARP_H
#define SIPHA_ARP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Length of an Ethernet/IPv4 ARP packet without the link header. */
#define ARP_LEN 28

struct arp_pkt {
	uint16_t op;			/* ARPOP_REQUEST (1) or ARPOP_REPLY (2), host order */
	uint8_t sha[6];			/* sender hardware address */
	uint8_t spa[4];			/* sender IPv4 address */
	uint8_t tha[6];			/* target hardware address */
	uint8_t tpa[4];			/* target IPv4 address */
};

/* Writes @p as an Ethernet/IPv4 ARP packet into @buf. Returns ARP_LEN, or -ENOSPC when @len is
 * too small. */
int arp_build(void *buf, size_t len, const struct arp_pkt *p);

/* Reads an ARP packet. Returns 0, or -EBADMSG when it is short or not Ethernet/IPv4 ARP. */
int arp_parse(const void *buf, size_t len, struct arp_pkt *ret);

/* The RFC 5227 probe for @ip from @mac: a request with sender address 0.0.0.0. */
void arp_make_probe(struct arp_pkt *p, const uint8_t mac[6], const uint8_t ip[4]);

/* The RFC 5227 announcement (gratuitous ARP) of @ip at @mac: a request with sender and target
 * address both @ip. */
void arp_make_announce(struct arp_pkt *p, const uint8_t mac[6], const uint8_t ip[4]);

/* Whether @p, received from another host, shows that someone else uses or claims @ip
 * (RFC 5227 2.1.1): its sender address is @ip, or, while we are @probing (not yet holding
 * @ip), it is another host's probe for @ip. Packets whose sender hardware address is @self
 * (our own, e.g. reflected by a switch) never count. */
bool arp_conflicts(const struct arp_pkt *p, const uint8_t ip[4], const uint8_t self[6],
		   bool probing);

#endif
