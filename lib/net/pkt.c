/* lib/net/pkt.c: link-layer packet sockets bound to one interface. */
#include "net/pkt.h"

#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/fdwait.h"

int pkt_open(int ifindex, uint16_t proto, const struct sock_fprog *filter)
{
	struct sockaddr_ll sll = {
		.sll_family = AF_PACKET,
		.sll_protocol = htons(proto),
		.sll_ifindex = ifindex,
	};
	/* Protocol 0 receives nothing until bind(): the filter is in place before traffic. */
	int fd = socket(AF_PACKET, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	int r;

	if (fd < 0)
		return -errno;
	if (filter && setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, filter, sizeof(*filter)) < 0)
		goto fail;
	if (bind(fd, (struct sockaddr *)&sll, sizeof(sll)) < 0)
		goto fail;
	return fd;
fail:
	r = -errno;
	close(fd);
	return r;
}

int pkt_join(int fd, int ifindex, const unsigned char *mac, size_t maclen)
{
	struct packet_mreq mr = {
		.mr_ifindex = ifindex,
		.mr_type = PACKET_MR_MULTICAST,
		.mr_alen = (unsigned short)maclen,
	};

	if (maclen > sizeof(mr.mr_address))
		return -EINVAL;
	memcpy(mr.mr_address, mac, maclen);
	if (setsockopt(fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr, sizeof(mr)) < 0)
		return -errno;
	return 0;
}

int pkt_send(int fd, int ifindex, uint16_t proto, const unsigned char *dst, size_t dstlen,
	     const void *buf, size_t len)
{
	struct sockaddr_ll sll = {
		.sll_family = AF_PACKET,
		.sll_protocol = htons(proto),
		.sll_ifindex = ifindex,
		.sll_halen = (unsigned char)dstlen,
	};
	ssize_t n;

	if (dstlen > sizeof(sll.sll_addr))
		return -EINVAL;
	memcpy(sll.sll_addr, dst, dstlen);
	do
		n = sendto(fd, buf, len, 0, (struct sockaddr *)&sll, sizeof(sll));
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	return (size_t)n == len ? 0 : -EMSGSIZE;
}

ssize_t pkt_recv(int fd, void *buf, size_t len, struct pkt_from *from, int64_t deadline)
{
	for (;;) {
		struct sockaddr_ll sll;
		socklen_t sl = sizeof(sll);
		ssize_t n;
		int r = fd_wait(fd, POLLIN, deadline);

		if (r < 0)
			return r;
		n = recvfrom(fd, buf, len, 0, (struct sockaddr *)&sll, &sl);
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		if (n < 0)
			return -errno;
		/* Our own transmissions are looped back to packet sockets: never a conflict. */
		if (sll.sll_pkttype == PACKET_OUTGOING)
			continue;
		if (from) {
			memset(from, 0, sizeof(*from));
			from->pkttype = sll.sll_pkttype;
			from->maclen = sll.sll_halen <= sizeof(from->mac) ? sll.sll_halen : 0;
			memcpy(from->mac, sll.sll_addr, from->maclen);
		}
		return n;
	}
}

void pkt_closep(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}
