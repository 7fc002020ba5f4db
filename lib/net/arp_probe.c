/* lib/net/arp_probe.c: RFC 5227 probing and announcing through an AF_PACKET socket. */
#include "net/arp_probe.h"

#include <errno.h>
#include <net/ethernet.h>
#include <string.h>

#include "net/arp.h"
#include "net/pkt.h"

static const unsigned char bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

/* What the schedule's callbacks need. */
struct arp_ctx {
	int fd;
	int ifindex;
	struct arp_pkt out;
	const uint8_t *mac;
	const uint8_t *ip;
	bool hold;
	uint8_t *ret_mac;
};

static int send_one(void *ctx)
{
	struct arp_ctx *c = ctx;
	unsigned char buf[ARP_LEN];
	int n = arp_build(buf, sizeof(buf), &c->out);

	if (n < 0)
		return n;
	return pkt_send(c->fd, c->ifindex, ETH_P_ARP, bcast, sizeof(bcast), buf, (size_t)n);
}

static int heard(void *ctx, const unsigned char *buf, size_t len, const struct pkt_from *from)
{
	struct arp_ctx *c = ctx;
	struct arp_pkt p;

	(void)from;
	if (arp_parse(buf, len, &p) < 0 || !arp_conflicts(&p, c->ip, c->mac, !c->hold))
		return 0;
	memcpy(c->ret_mac, p.sha, 6);
	return 1;
}

int arp_probe(int ifindex, const uint8_t mac[6], const uint8_t ip[4], bool hold,
	      const struct arp_probe_plan *plan, uint8_t ret_mac[6], int64_t deadline)
{
	__attribute__((cleanup(pkt_closep))) int fd = pkt_open(ifindex, ETH_P_ARP, NULL);
	struct arp_ctx c = { .fd = fd, .ifindex = ifindex, .mac = mac, .ip = ip, .hold = hold,
			     .ret_mac = ret_mac };

	if (fd < 0)
		return fd;
	arp_make_probe(&c.out, mac, ip);
	return probe_sched_run(fd, plan, send_one, heard, &c, deadline);
}

int arp_announce(int ifindex, const uint8_t mac[6], const uint8_t ip[4], int count,
		 int interval_ms, int64_t deadline)
{
	/* Bound to protocol 0: a send-only socket that queues nothing. */
	__attribute__((cleanup(pkt_closep))) int fd = pkt_open(ifindex, 0, NULL);
	struct arp_ctx c = { .fd = fd, .ifindex = ifindex };

	if (fd < 0)
		return fd;
	arp_make_announce(&c.out, mac, ip);
	return probe_sched_announce(count, interval_ms, send_one, &c, deadline);
}
