/* lib/sip/sip_conn.h: one client socket to a SIP server (UDP, TCP or TLS) with deadline-bounded connect,
 * send and receive of whole responses. Internal to the SIP client (lib/sip/sip.c). */
#ifndef SIPHA_SIP_CONN_H
#define SIPHA_SIP_CONN_H

#include <netinet/in.h>
#include <stdint.h>

#include "sip/sip.h"
#include "sip/sip_msg.h"

struct sip_conn {
	int fd;				/* -1 when closed */
	void *tls;			/* TLS session over fd (SIP_TLS), else NULL */
	enum sip_transport transport;
	char local_host[INET6_ADDRSTRLEN + 2];	/* our address as in a Via/URI: [v6] in brackets */
	uint16_t local_port;
	size_t rlen;			/* bytes in rbuf */
	size_t used;			/* bytes of rbuf the last returned message occupies */
	char rbuf[SIP_MSG_MAX + 1];
};

/* Opens a non-blocking socket to @t and connects it (TCP: waits for the handshake until
 * @deadline). Fills local_host/local_port. Returns 0; -ETIMEDOUT, -ECONNREFUSED or another
 * -errno, with nothing left open. */
int sip_conn_open(struct sip_conn *c, const struct sip_target *t, int64_t deadline);

/* Writes all @len bytes (UDP: one datagram) before @deadline. 0, -ETIMEDOUT or -errno. */
int sip_conn_send(struct sip_conn *c, const char *buf, size_t len, int64_t deadline);

/* Waits until a whole response arrives or @deadline passes and parses it into @ret, whose slices
 * stay valid until the next call. UDP: malformed or truncated datagrams are skipped. TCP: reads
 * until Content-Length bytes of body are in; later bytes are kept for the next call.
 * Returns 0; -ETIMEDOUT; -ECONNREFUSED (UDP: ICMP port unreachable); -ECONNRESET (TCP: closed
 * by the peer); -EPROTO (TCP: not a SIP response); -EMSGSIZE (TCP: over SIP_MSG_MAX). */
int sip_conn_recv(struct sip_conn *c, int64_t deadline, struct sip_msg *ret);

/* Closes the socket if open; safe to call twice. */
void sip_conn_close(struct sip_conn *c);

#endif
