/* lib/arp_probe.c: RFC 5227 probing and announcing through an AF_PACKET socket. */
#include "lib/arp_probe.h"

#include <errno.h>
#include <net/ethernet.h>
#include <string.h>

#include "lib/arp.h"
#include "lib/clock.h"
#include "lib/pkt.h"

static const unsigned char bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

static int send_one(int fd, int ifindex, const struct arp_pkt *p)
{
	unsigned char buf[ARP_LEN];
	int n = arp_build(buf, sizeof(buf), p);

	if (n < 0)
		return n;
	return pkt_send(fd, ifindex, ETH_P_ARP, bcast, sizeof(bcast), buf, (size_t)n);
}

int arp_probe(int ifindex, const uint8_t mac[6], const uint8_t ip[4], bool hold,
	      const struct arp_probe_plan *plan, uint8_t ret_mac[6], int64_t deadline)
{
	__attribute__((cleanup(pkt_closep))) int fd = pkt_open(ifindex, ETH_P_ARP, NULL);
	struct arp_pkt probe;
	int64_t start = clock_now_ms(), end;
	int sent = 0;

	if (fd < 0)
		return fd;
	if (plan->count <= 0)
		return 0;
	end = start + (int64_t)(plan->count - 1) * plan->interval_ms + plan->wait_ms;
	arp_make_probe(&probe, mac, ip);
	for (;;) {
		int64_t now = clock_now_ms(), next, until;
		unsigned char buf[128];
		struct arp_pkt p;
		ssize_t n;
		int r;

		if (sent < plan->count && now >= start + (int64_t)sent * plan->interval_ms) {
			r = send_one(fd, ifindex, &probe);
			if (r < 0)
				return r;
			sent++;
			continue;
		}
		if (now >= end && sent == plan->count)
			return 0;
		if (now >= deadline)
			return -ETIMEDOUT;
		next = sent < plan->count ? start + (int64_t)sent * plan->interval_ms : end;
		until = next < deadline ? next : deadline;
		n = pkt_recv(fd, buf, sizeof(buf), NULL, until);
		if (n == -ETIMEDOUT)
			continue;
		if (n < 0)
			return (int)n;
		if (arp_parse(buf, (size_t)n, &p) < 0 || !arp_conflicts(&p, ip, mac, !hold))
			continue;
		memcpy(ret_mac, p.sha, 6);
		return 1;
	}
}

int arp_announce(int ifindex, const uint8_t mac[6], const uint8_t ip[4], int count,
		 int interval_ms, int64_t deadline)
{
	__attribute__((cleanup(pkt_closep))) int fd = pkt_open(ifindex, 0, NULL);
	struct arp_pkt p;
	int sent = 0;

	/* Bound to protocol 0: a send-only socket that queues nothing. */
	if (fd < 0)
		return fd;
	arp_make_announce(&p, mac, ip);
	while (sent < count) {
		int r;

		if (sent > 0 && clock_ms_left(deadline) < interval_ms)
			break;
		if (sent > 0)
			clock_sleep_ms(interval_ms, deadline);
		r = send_one(fd, ifindex, &p);
		if (r < 0)
			return sent ? sent : r;
		sent++;
	}
	return sent;
}
