/* lib/net/nl.c: an rtnetlink socket and bounded request/answer exchanges over it. */
#include "net/nl.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/socket.h>

#include "core/clock.h"
#include "core/fdwait.h"

/* Dumps of a few hundred addresses fit in one read of this size; libmnl reports a cut
 * message as -ENOSPC rather than parse half of it. */
#define NL_RCVBUF 32768

struct nl {
	struct mnl_socket *sock;
	unsigned int portid;
	unsigned int seq;
};

/* A bound socket into @nl->sock and its port into @nl->portid; the old socket, if any, is
 * closed only once the new one is ready. Returns 0 or -errno. */
static int open_sock(struct nl *nl)
{
	struct mnl_socket *s = mnl_socket_open2(NETLINK_ROUTE, SOCK_CLOEXEC | SOCK_NONBLOCK);
	int on = 1;

	if (!s)
		return -errno;
	if (mnl_socket_bind(s, 0, MNL_SOCKET_AUTOPID) < 0) {
		int r = -errno;

		mnl_socket_close(s);
		return r;
	}
	/* Extended acks only make kernel errors richer; their absence is harmless. */
	(void)mnl_socket_setsockopt(s, NETLINK_EXT_ACK, &on, sizeof(on));
	if (nl->sock)
		mnl_socket_close(nl->sock);
	nl->sock = s;
	nl->portid = mnl_socket_get_portid(s);
	return 0;
}

int nl_open(struct nl **ret)
{
	struct nl *nl = calloc(1, sizeof(*nl));
	int r;

	if (!nl)
		return -ENOMEM;
	r = open_sock(nl);
	if (r < 0) {
		free(nl);
		return r;
	}
	nl->seq = (unsigned int)clock_now_ms();
	*ret = nl;
	return 0;
}

void nl_close(struct nl *nl)
{
	if (!nl)
		return;
	if (nl->sock)
		mnl_socket_close(nl->sock);
	free(nl);
}

void nl_closep(struct nl **nl)
{
	nl_close(*nl);
	*nl = NULL;
}

int nl_talk(struct nl *nl, struct nlmsghdr *nlh, mnl_cb_t cb, void *data, int64_t deadline)
{
	int fd = mnl_socket_get_fd(nl->sock);
	unsigned int seq = ++nl->seq;
	char *buf;
	int r;

	nlh->nlmsg_seq = seq;
	nlh->nlmsg_pid = 0;
	/* NLM_F_EXCL shares a bit with NLM_F_DUMP: a dump has both of its bits. */
	if ((nlh->nlmsg_flags & NLM_F_DUMP) != NLM_F_DUMP)
		nlh->nlmsg_flags |= NLM_F_ACK;
	if (mnl_socket_sendto(nl->sock, nlh, nlh->nlmsg_len) < 0)
		return -errno;
	buf = malloc(NL_RCVBUF);
	if (!buf)
		return -ENOMEM;
	for (;;) {
		ssize_t n;

		r = fd_wait(fd, POLLIN, deadline);
		if (r < 0)
			break;
		n = mnl_socket_recvfrom(nl->sock, buf, NL_RCVBUF);
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		if (n < 0) {
			r = -errno;
			break;
		}
		errno = 0;
		r = mnl_cb_run(buf, (size_t)n, seq, nl->portid, cb, data);
		if (r == MNL_CB_ERROR) {
			r = errno ? -errno : -EPROTO;
			break;
		}
		if (r == MNL_CB_STOP) {
			r = 0;
			break;
		}
	}
	free(buf);
	return r;
}

int nl_dump(struct nl *nl, struct nlmsghdr *nlh, mnl_cb_t cb, void *data,
	    void (*restart)(void *data), int64_t deadline)
{
	int r = nl_talk(nl, nlh, cb, data, deadline);

	for (int tries = 1; r == -EINTR; tries++) {
		/* The rest of the interrupted dump may still be queued on the socket, under the
		 * old sequence number: a fresh socket starts clean, for the next request too. */
		int o = open_sock(nl);

		if (o < 0)
			return o;
		if (tries == NL_DUMP_TRIES)
			break;
		if (restart)
			restart(data);
		r = nl_talk(nl, nlh, cb, data, deadline);
	}
	return r;
}
