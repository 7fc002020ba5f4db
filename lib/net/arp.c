/* lib/net/arp.c: Ethernet/IPv4 ARP packets and RFC 5227 conflict rules. */
#include "net/arp.h"

#include <errno.h>
#include <string.h>

#define ARPHRD_ETHER_ 1
#define ETH_P_IP_ 0x0800

static void put16(uint8_t *b, uint16_t v)
{
	b[0] = (uint8_t)(v >> 8);
	b[1] = (uint8_t)v;
}

static uint16_t get16(const uint8_t *b)
{
	return (uint16_t)(b[0] << 8 | b[1]);
}

int arp_build(void *buf, size_t len, const struct arp_pkt *p)
{
	uint8_t *b = buf;

	if (len < ARP_LEN)
		return -ENOSPC;
	put16(b, ARPHRD_ETHER_);
	put16(b + 2, ETH_P_IP_);
	b[4] = 6;
	b[5] = 4;
	put16(b + 6, p->op);
	memcpy(b + 8, p->sha, 6);
	memcpy(b + 14, p->spa, 4);
	memcpy(b + 18, p->tha, 6);
	memcpy(b + 24, p->tpa, 4);
	return ARP_LEN;
}

int arp_parse(const void *buf, size_t len, struct arp_pkt *ret)
{
	const uint8_t *b = buf;

	/* Frames are padded to the Ethernet minimum: trailing bytes are fine. */
	if (len < ARP_LEN)
		return -EBADMSG;
	if (get16(b) != ARPHRD_ETHER_ || get16(b + 2) != ETH_P_IP_ || b[4] != 6 || b[5] != 4)
		return -EBADMSG;
	ret->op = get16(b + 6);
	memcpy(ret->sha, b + 8, 6);
	memcpy(ret->spa, b + 14, 4);
	memcpy(ret->tha, b + 18, 6);
	memcpy(ret->tpa, b + 24, 4);
	return 0;
}

void arp_make_probe(struct arp_pkt *p, const uint8_t mac[6], const uint8_t ip[4])
{
	memset(p, 0, sizeof(*p));
	p->op = 1;
	memcpy(p->sha, mac, 6);
	memcpy(p->tpa, ip, 4);
}

void arp_make_announce(struct arp_pkt *p, const uint8_t mac[6], const uint8_t ip[4])
{
	memset(p, 0, sizeof(*p));
	p->op = 1;
	memcpy(p->sha, mac, 6);
	memcpy(p->spa, ip, 4);
	memcpy(p->tpa, ip, 4);
}

bool arp_conflicts(const struct arp_pkt *p, const uint8_t ip[4], const uint8_t self[6],
		   bool probing)
{
	static const uint8_t zero[4];

	if (memcmp(p->sha, self, 6) == 0)
		return false;
	if (p->op != 1 && p->op != 2)
		return false;
	if (memcmp(p->spa, ip, 4) == 0)
		return true;
	/* Someone else probing for the same address at the same time (RFC 5227 2.1.1). */
	return probing && p->op == 1 && memcmp(p->spa, zero, 4) == 0 && memcmp(p->tpa, ip, 4) == 0;
}
