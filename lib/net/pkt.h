/* lib/net/pkt.h: link-layer packet sockets (AF_PACKET, SOCK_DGRAM) bound to one interface. */
#ifndef SIPHA_PKT_H
#define SIPHA_PKT_H

#include <linux/filter.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Who sent a received packet. */
struct pkt_from {
	int pkttype;			/* PACKET_HOST, PACKET_BROADCAST, PACKET_MULTICAST... */
	size_t maclen;
	unsigned char mac[8];		/* link-layer source address */
};

/* Opens a packet socket for EtherType @proto on interface @ifindex, with the classic BPF
 * program @filter (may be NULL) attached before any packet can be queued. Returns the fd, or
 * -errno (-EPERM without CAP_NET_RAW). */
int pkt_open(int ifindex, uint16_t proto, const struct sock_fprog *filter);

/* Makes the interface deliver frames sent to the link-layer multicast @mac to this socket
 * (for as long as it is open). Returns 0 or -errno. */
int pkt_join(int fd, int ifindex, const unsigned char *mac, size_t maclen);

/* Sends @len bytes (the payload after the link header, which the kernel builds) to the
 * link-layer address @dst. Returns 0 or -errno. */
int pkt_send(int fd, int ifindex, uint16_t proto, const unsigned char *dst, size_t dstlen,
	     const void *buf, size_t len);

/* Receives one packet that came in from the wire (our own outgoing copies are skipped), waiting
 * until @deadline at most. Returns its length (cut to @len), or -ETIMEDOUT, or -errno. */
ssize_t pkt_recv(int fd, void *buf, size_t len, struct pkt_from *from, int64_t deadline);

/* For __attribute__((cleanup(pkt_closep))): closes *fd when >= 0. */
void pkt_closep(int *fd);

#endif
