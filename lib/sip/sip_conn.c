/* lib/sip/sip_conn.c: a client socket to a SIP server, every wait bounded by a deadline. */
#include "sip/sip_conn.h"

#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/fdwait.h"
#include "sip/sip_tls.h"

static int set_local(struct sip_conn *c)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	char host[INET6_ADDRSTRLEN];

	if (getsockname(c->fd, (struct sockaddr *)&ss, &len) < 0)
		return -errno;
	if (ss.ss_family == AF_INET6) {
		const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)&ss;

		if (!inet_ntop(AF_INET6, &s6->sin6_addr, host, sizeof(host)))
			return -errno;
		snprintf(c->local_host, sizeof(c->local_host), "[%s]", host);
		c->local_port = ntohs(s6->sin6_port);
	} else if (ss.ss_family == AF_INET) {
		const struct sockaddr_in *s4 = (const struct sockaddr_in *)&ss;

		if (!inet_ntop(AF_INET, &s4->sin_addr, c->local_host, sizeof(c->local_host)))
			return -errno;
		c->local_port = ntohs(s4->sin_port);
	} else {
		return -EAFNOSUPPORT;
	}
	return 0;
}

/* Completes a non-blocking TCP connect. */
static int finish_connect(int fd, int64_t deadline)
{
	int err = 0;
	socklen_t len = sizeof(err);
	int r = fd_wait(fd, POLLOUT, deadline);

	if (r < 0)
		return r;
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0)
		return -errno;
	return err ? -err : 0;
}

/* The TLS client handshake on the connected socket, bounded by @deadline. */
static int tls_start(struct sip_conn *c, int64_t deadline)
{
	int r = sip_tls_new(c->fd, &c->tls);

	while (r == 0) {
		short want = 0;

		r = sip_tls_handshake(c->tls, &want);
		if (r != -EAGAIN)
			break;
		r = fd_wait(c->fd, want, deadline);
	}
	return r;
}

/* recv/send on the stream, through TLS when there is a session. -EAGAIN with the event to
 * wait for in *@want. */
static ssize_t stream_read(struct sip_conn *c, void *buf, size_t len, short *want)
{
	ssize_t n;

	if (c->tls)
		return sip_tls_read(c->tls, buf, len, want);
	*want = POLLIN;
	n = recv(c->fd, buf, len, 0);
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
		return -EAGAIN;
	return n < 0 ? -errno : n;
}

static ssize_t stream_write(struct sip_conn *c, const void *buf, size_t len, short *want)
{
	ssize_t n;

	if (c->tls)
		return sip_tls_write(c->tls, buf, len, want);
	*want = POLLOUT;
	n = send(c->fd, buf, len, MSG_NOSIGNAL);
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
		return -EAGAIN;
	if (n < 0)
		return errno == EPIPE ? -ECONNRESET : -errno;
	return n;
}

int sip_conn_open(struct sip_conn *c, const struct sip_target *t, int64_t deadline)
{
	int type = t->transport == SIP_UDP ? SOCK_DGRAM : SOCK_STREAM;
	int r;

	c->fd = -1;
	c->tls = NULL;
	c->rlen = c->used = 0;
	c->transport = t->transport;
	if (t->addr.ss_family != AF_INET && t->addr.ss_family != AF_INET6)
		return -EAFNOSUPPORT;
	if (clock_ms_left(deadline) == 0)
		return -ETIMEDOUT;
	c->fd = socket(t->addr.ss_family, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (c->fd < 0) {
		r = -errno;
		c->fd = -1;
		return r;
	}
	r = connect(c->fd, (const struct sockaddr *)&t->addr, t->addrlen) < 0 ? -errno : 0;
	if (r == -EINPROGRESS)
		r = finish_connect(c->fd, deadline);
	if (r == 0)
		r = set_local(c);
	if (r == 0 && t->transport == SIP_TLS)
		r = tls_start(c, deadline);
	if (r < 0)
		sip_conn_close(c);
	return r;
}

int sip_conn_send(struct sip_conn *c, const char *buf, size_t len, int64_t deadline)
{
	size_t off = 0;

	if (c->transport == SIP_UDP) {
		for (;;) {
			ssize_t n = send(c->fd, buf, len, MSG_NOSIGNAL);
			int r;

			if (n >= 0)	/* a datagram goes whole or not at all */
				return (size_t)n == len ? 0 : -EMSGSIZE;
			if (errno == EINTR)
				continue;
			if (errno != EAGAIN && errno != EWOULDBLOCK)
				return -errno;
			r = fd_wait(c->fd, POLLOUT, deadline);
			if (r < 0)
				return r;
		}
	}
	while (off < len) {
		short want = POLLOUT;
		ssize_t n = stream_write(c, buf + off, len - off, &want);

		if (n == -EINTR)
			continue;
		if (n == -EAGAIN) {
			int r = fd_wait(c->fd, want, deadline);

			if (r < 0)
				return r;
			continue;
		}
		if (n < 0)
			return (int)n;
		off += (size_t)n;
	}
	return 0;
}

static int recv_udp(struct sip_conn *c, int64_t deadline, struct sip_msg *ret)
{
	for (;;) {
		ssize_t n = recv(c->fd, c->rbuf, sizeof(c->rbuf) - 1, MSG_TRUNC);
		int r;

		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno != EAGAIN && errno != EWOULDBLOCK)
				return -errno;
			r = fd_wait(c->fd, POLLIN, deadline);
			if (r < 0)
				return r;
			continue;
		}
		/* Oversized (MSG_TRUNC reports the real length) or malformed: not our answer. */
		if ((size_t)n <= sizeof(c->rbuf) - 1) {
			c->rlen = (size_t)n;
			if (sip_msg_parse(c->rbuf, c->rlen, false, ret) == 0)
				return 0;
		}
		/* A stream of junk must not hold us past the deadline. */
		if (clock_ms_left(deadline) == 0)
			return -ETIMEDOUT;
	}
}

static int recv_tcp(struct sip_conn *c, int64_t deadline, struct sip_msg *ret)
{
	/* Drop the message returned last time; keep what followed it. */
	if (c->used > 0) {
		memmove(c->rbuf, c->rbuf + c->used, c->rlen - c->used);
		c->rlen -= c->used;
		c->used = 0;
	}
	for (;;) {
		int r = c->rlen > 0 ? sip_msg_parse(c->rbuf, c->rlen, true, ret) : -EAGAIN;
		short want = POLLIN;
		ssize_t n;

		if (r == 0) {
			c->used = ret->len;
			return 0;
		}
		if (r == -EBADMSG)
			return -EPROTO;
		if (r != -EAGAIN)
			return r;
		if (c->rlen >= sizeof(c->rbuf) - 1)
			return -EMSGSIZE;
		n = stream_read(c, c->rbuf + c->rlen, sizeof(c->rbuf) - 1 - c->rlen, &want);
		if (n == 0)
			return -ECONNRESET;
		if (n == -EINTR)
			continue;
		if (n == -EAGAIN) {
			r = fd_wait(c->fd, want, deadline);
			if (r < 0)
				return r;
			continue;
		}
		if (n < 0)
			return (int)n;
		c->rlen += (size_t)n;
	}
}

int sip_conn_recv(struct sip_conn *c, int64_t deadline, struct sip_msg *ret)
{
	if (c->fd < 0)
		return -EBADF;
	return c->transport == SIP_UDP ? recv_udp(c, deadline, ret) : recv_tcp(c, deadline, ret);
}

void sip_conn_close(struct sip_conn *c)
{
	sip_tls_free(c->tls);
	c->tls = NULL;
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
}
