/* lib/nd_probe.c: IPv6 DAD probes and unsolicited NAs through an AF_PACKET socket. */
#include "lib/nd_probe.h"

#include <errno.h>
#include <linux/filter.h>
#include <net/ethernet.h>
#include <string.h>

#include "lib/clock.h"
#include "lib/nd.h"
#include "lib/pkt.h"

/* Only ICMPv6 neighbour solicitations and advertisements without extension headers reach us:
 * the interface may carry a lot of other IPv6 traffic. Offsets are from the IPv6 header. */
static struct sock_filter nd_code[] = {
	BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 6),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 58, 0, 4),
	BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 40),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 135, 1, 0),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 136, 0, 1),
	BPF_STMT(BPF_RET | BPF_K, 0xffff),
	BPF_STMT(BPF_RET | BPF_K, 0),
};
static const struct sock_fprog nd_filter = {
	.len = sizeof(nd_code) / sizeof(nd_code[0]),
	.filter = nd_code,
};

static int send_one(int fd, int ifindex, const struct nd_pkt *p)
{
	unsigned char buf[ND_MAX_LEN], mac[6];
	int n = nd_build(buf, sizeof(buf), p);

	if (n < 0)
		return n;
	nd_multicast_mac(p->dst, mac);
	return pkt_send(fd, ifindex, ETH_P_IPV6, mac, sizeof(mac), buf, (size_t)n);
}

static int open_sock(int ifindex, const uint8_t ip[16])
{
	uint8_t group[16], mac[6];
	int fd = pkt_open(ifindex, ETH_P_IPV6, &nd_filter);
	int r;

	if (fd < 0)
		return fd;
	/* Hear other hosts' DAD probes even where the NIC filters multicast. */
	nd_solicited_node(ip, group);
	nd_multicast_mac(group, mac);
	r = pkt_join(fd, ifindex, mac, sizeof(mac));
	if (r < 0) {
		pkt_closep(&fd);
		return r;
	}
	return fd;
}

int nd_probe(int ifindex, const uint8_t mac[6], const uint8_t ip[16], bool hold,
	     const struct arp_probe_plan *plan, uint8_t ret_mac[6], int64_t deadline)
{
	__attribute__((cleanup(pkt_closep))) int fd = open_sock(ifindex, ip);
	struct nd_pkt probe;
	int64_t start = clock_now_ms(), end;
	int sent = 0;

	if (fd < 0)
		return fd;
	if (plan->count <= 0)
		return 0;
	end = start + (int64_t)(plan->count - 1) * plan->interval_ms + plan->wait_ms;
	nd_make_probe(&probe, ip);
	for (;;) {
		int64_t now = clock_now_ms(), next, until;
		unsigned char buf[512];
		struct pkt_from from;
		struct nd_pkt p;
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
		n = pkt_recv(fd, buf, sizeof(buf), &from, until);
		if (n == -ETIMEDOUT)
			continue;
		if (n < 0)
			return (int)n;
		if (from.maclen != 6 || nd_parse(buf, (size_t)n, &p) < 0)
			continue;
		if (nd_conflicts(&p, from.mac, ip, mac, !hold, ret_mac))
			return 1;
	}
}

int nd_announce(int ifindex, const uint8_t mac[6], const uint8_t ip[16], int count,
		int interval_ms, int64_t deadline)
{
	__attribute__((cleanup(pkt_closep))) int fd = pkt_open(ifindex, 0, NULL);
	struct nd_pkt p;
	int sent = 0;

	/* Bound to protocol 0: a send-only socket that queues nothing. */
	if (fd < 0)
		return fd;
	nd_make_announce(&p, ip, mac);
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
