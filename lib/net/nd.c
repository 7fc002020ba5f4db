/* lib/net/nd.c: neighbour discovery packets (RFC 4861) and duplicate address rules (RFC 4862). */
#include "net/nd.h"

#include <errno.h>
#include <string.h>

#define IP6_HDR 40
#define NH_ICMPV6 58
#define OPT_SLLA 1
#define OPT_TLLA 2

static uint32_t sum_bytes(uint32_t sum, const uint8_t *b, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)(b[i] << 8 | b[i + 1]);
	if (len & 1)
		sum += (uint32_t)(b[len - 1] << 8);
	return sum;
}

/* ICMPv6 checksum over the pseudo-header (RFC 8200 8.1) and the message. */
static uint16_t icmp6_sum(const uint8_t src[16], const uint8_t dst[16], const uint8_t *msg,
			  size_t len)
{
	uint32_t sum = 0;

	sum = sum_bytes(sum, src, 16);
	sum = sum_bytes(sum, dst, 16);
	sum += (uint32_t)(len >> 16) + (uint32_t)(len & 0xffff);
	sum += NH_ICMPV6;
	sum = sum_bytes(sum, msg, len);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

int nd_build(void *buf, size_t len, const struct nd_pkt *p)
{
	uint8_t *b = buf, *m = b + IP6_HDR;
	size_t mlen = 24 + (p->has_lla ? 8 : 0);
	uint32_t flags = p->type == ND_NA ? p->flags : 0;
	uint16_t sum;

	if (p->type != ND_NS && p->type != ND_NA)
		return -EINVAL;
	if (len < IP6_HDR + mlen)
		return -ENOSPC;
	memset(b, 0, IP6_HDR + mlen);
	b[0] = 0x60;
	b[4] = (uint8_t)(mlen >> 8);
	b[5] = (uint8_t)mlen;
	b[6] = NH_ICMPV6;
	b[7] = 255;
	memcpy(b + 8, p->src, 16);
	memcpy(b + 24, p->dst, 16);
	m[0] = (uint8_t)p->type;
	m[4] = (uint8_t)(flags >> 24);
	m[5] = (uint8_t)(flags >> 16);
	m[6] = (uint8_t)(flags >> 8);
	m[7] = (uint8_t)flags;
	memcpy(m + 8, p->target, 16);
	if (p->has_lla) {
		m[24] = p->type == ND_NS ? OPT_SLLA : OPT_TLLA;
		m[25] = 1;
		memcpy(m + 26, p->lla, 6);
	}
	sum = icmp6_sum(p->src, p->dst, m, mlen);
	m[2] = (uint8_t)(sum >> 8);
	m[3] = (uint8_t)sum;
	return (int)(IP6_HDR + mlen);
}

int nd_parse(const void *buf, size_t len, struct nd_pkt *ret)
{
	const uint8_t *b = buf, *m, *o;
	struct nd_pkt p = { 0 };
	size_t plen, olen;

	if (len < IP6_HDR || (b[0] >> 4) != 6)
		return -EBADMSG;
	plen = (size_t)(b[4] << 8 | b[5]);
	if (plen > len - IP6_HDR)
		return -EBADMSG;
	/* Extension headers are not followed: ND messages are sent without them. */
	if (b[6] != NH_ICMPV6)
		return -ENOMSG;
	m = b + IP6_HDR;
	if (plen < 4)
		return -EBADMSG;
	if (m[0] != ND_NS && m[0] != ND_NA)
		return -ENOMSG;
	if (b[7] != 255 || m[1] != 0 || plen < 24)
		return -EBADMSG;
	memcpy(p.src, b + 8, 16);
	memcpy(p.dst, b + 24, 16);
	if (icmp6_sum(p.src, p.dst, m, plen) != 0)
		return -EBADMSG;
	p.type = m[0];
	if (p.type == ND_NA)
		p.flags = (uint32_t)m[4] << 24 | (uint32_t)m[5] << 16 | (uint32_t)m[6] << 8 | m[7];
	memcpy(p.target, m + 8, 16);
	if (p.target[0] == 0xff)
		return -EBADMSG;
	for (o = m + 24, olen = plen - 24; olen > 0;) {
		size_t n;

		if (olen < 2 || o[1] == 0 || (size_t)o[1] * 8 > olen)
			return -EBADMSG;
		n = (size_t)o[1] * 8;
		if (n == 8 && ((p.type == ND_NS && o[0] == OPT_SLLA) ||
			       (p.type == ND_NA && o[0] == OPT_TLLA))) {
			p.has_lla = true;
			memcpy(p.lla, o + 2, 6);
		}
		o += n;
		olen -= n;
	}
	*ret = p;
	return 0;
}

void nd_solicited_node(const uint8_t addr[16], uint8_t ret[16])
{
	static const uint8_t base[13] = { 0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0xff };

	memcpy(ret, base, sizeof(base));
	memcpy(ret + 13, addr + 13, 3);
}

void nd_multicast_mac(const uint8_t group[16], uint8_t ret[6])
{
	ret[0] = 0x33;
	ret[1] = 0x33;
	memcpy(ret + 2, group + 12, 4);
}

void nd_make_probe(struct nd_pkt *p, const uint8_t target[16])
{
	memset(p, 0, sizeof(*p));
	p->type = ND_NS;
	nd_solicited_node(target, p->dst);
	memcpy(p->target, target, 16);
}

void nd_make_announce(struct nd_pkt *p, const uint8_t addr[16], const uint8_t mac[6])
{
	static const uint8_t all_nodes[16] = { 0xff, 0x02, [15] = 1 };

	memset(p, 0, sizeof(*p));
	p->type = ND_NA;
	memcpy(p->src, addr, 16);
	memcpy(p->dst, all_nodes, 16);
	memcpy(p->target, addr, 16);
	p->flags = ND_NA_OVERRIDE;
	p->has_lla = true;
	memcpy(p->lla, mac, 6);
}

bool nd_conflicts(const struct nd_pkt *p, const uint8_t from[6], const uint8_t target[16],
		  const uint8_t self[6], bool probing, uint8_t ret_mac[6])
{
	static const uint8_t any[16];
	const uint8_t *who = p->has_lla ? p->lla : from;

	if (memcmp(from, self, 6) == 0 || memcmp(p->target, target, 16) != 0)
		return false;
	if (p->type == ND_NA) {
		memcpy(ret_mac, who, 6);
		return true;
	}
	/* Another host's DAD probe (from ::) for the address we are about to take. */
	if (probing && p->type == ND_NS && memcmp(p->src, any, 16) == 0) {
		memcpy(ret_mac, from, 6);
		return true;
	}
	return false;
}
