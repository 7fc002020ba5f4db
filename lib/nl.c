/* lib/nl.c: an rtnetlink socket and bounded request/answer exchanges over it. */
#include "lib/nl.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/socket.h>

#include "lib/clock.h"

/* Dumps of a few hundred addresses fit in one read of this size; libmnl reports a cut
 * message as -ENOSPC rather than parse half of it. */
#define NL_RCVBUF 32768

struct nl {
	struct mnl_socket *sock;
	unsigned int portid;
	unsigned int seq;
};

int nl_open(struct nl **ret)
{
	struct nl *nl = calloc(1, sizeof(*nl));
	int on = 1;

	if (!nl)
		return -ENOMEM;
	nl->sock = mnl_socket_open2(NETLINK_ROUTE, SOCK_CLOEXEC | SOCK_NONBLOCK);
	if (!nl->sock) {
		int r = -errno;

		free(nl);
		return r;
	}
	if (mnl_socket_bind(nl->sock, 0, MNL_SOCKET_AUTOPID) < 0) {
		int r = -errno;

		nl_close(nl);
		return r;
	}
	/* Extended acks only make kernel errors richer; their absence is harmless. */
	(void)mnl_socket_setsockopt(nl->sock, NETLINK_EXT_ACK, &on, sizeof(on));
	nl->portid = mnl_socket_get_portid(nl->sock);
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
		struct pollfd p = { .fd = fd, .events = POLLIN };
		ssize_t n;

		r = poll(&p, 1, clock_ms_left(deadline));
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			r = -errno;
			break;
		}
		if (r == 0) {
			r = -ETIMEDOUT;
			break;
		}
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
