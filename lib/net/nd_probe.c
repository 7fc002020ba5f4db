/* lib/net/nd_probe.c: IPv6 DAD probes and unsolicited NAs through an AF_PACKET socket. */
#include "net/nd_probe.h"

#include <errno.h>
#include <linux/filter.h>
#include <net/ethernet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "net/nd.h"
#include "net/pkt.h"

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

/* What the schedule's callbacks need. */
struct nd_ctx {
	int fd;
	int ifindex;
	struct nd_pkt out;
	const uint8_t *mac;
	const uint8_t *ip;
	bool hold;
	uint8_t *ret_mac;
};

static int send_one(void *ctx)
{
	struct nd_ctx *c = ctx;
	unsigned char buf[ND_MAX_LEN], mac[6];
	int n = nd_build(buf, sizeof(buf), &c->out);

	if (n < 0)
		return n;
	nd_multicast_mac(c->out.dst, mac);
	return pkt_send(c->fd, c->ifindex, ETH_P_IPV6, mac, sizeof(mac), buf, (size_t)n);
}

static int heard(void *ctx, const unsigned char *buf, size_t len, const struct pkt_from *from)
{
	struct nd_ctx *c = ctx;
	struct nd_pkt p;

	if (from->maclen != 6 || nd_parse(buf, len, &p) < 0)
		return 0;
	return nd_conflicts(&p, from->mac, c->ip, c->mac, !c->hold, c->ret_mac) ? 1 : 0;
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

/* Joins @group on @ifindex through an IPv6 socket: unlike a packet socket's membership, this
 * makes the kernel send an MLD report, so that a switch snooping MLD forwards the group (other
 * hosts' probes for the address) to this port. The group is left when the fd is closed.
 * Returns the fd or -errno. */
static int mld_join(int ifindex, const uint8_t group[16])
{
	struct ipv6_mreq mr = { .ipv6mr_interface = (unsigned int)ifindex };
	int fd = socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, IPPROTO_UDP);

	if (fd < 0)
		return -errno;
	memcpy(&mr.ipv6mr_multiaddr, group, 16);
	if (setsockopt(fd, IPPROTO_IPV6, IPV6_ADD_MEMBERSHIP, &mr, sizeof(mr)) < 0) {
		int r = -errno;

		close(fd);
		return r;
	}
	return fd;
}

int nd_probe(int ifindex, const uint8_t mac[6], const uint8_t ip[16], bool hold,
	     const struct arp_probe_plan *plan, uint8_t ret_mac[6], int64_t deadline)
{
	__attribute__((cleanup(pkt_closep))) int mfd = -1, fd = -1;
	struct nd_ctx c = { .ifindex = ifindex, .mac = mac, .ip = ip, .hold = hold,
			    .ret_mac = ret_mac };
	uint8_t group[16];

	/* Joined before the first probe: the kernel sends the report from its work queue a few
	 * milliseconds later, within the probe's window. */
	nd_solicited_node(ip, group);
	mfd = mld_join(ifindex, group);
	if (mfd < 0)
		return mfd;
	c.fd = fd = open_sock(ifindex, ip);
	if (fd < 0)
		return fd;
	nd_make_probe(&c.out, ip);
	return probe_sched_run(fd, plan, send_one, heard, &c, deadline);
}

int nd_announce(int ifindex, const uint8_t mac[6], const uint8_t ip[16], int count,
		int interval_ms, int64_t deadline)
{
	/* Bound to protocol 0: a send-only socket that queues nothing. */
	__attribute__((cleanup(pkt_closep))) int fd = pkt_open(ifindex, 0, NULL);
	struct nd_ctx c = { .fd = fd, .ifindex = ifindex };

	if (fd < 0)
		return fd;
	nd_make_announce(&c.out, ip, mac);
	return probe_sched_announce(count, interval_ms, send_one, &c, deadline);
}
