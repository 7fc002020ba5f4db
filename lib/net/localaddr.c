/* lib/net/localaddr.c: "is this address the node's own?" through an rtnetlink route lookup
 * (RTM_GETROUTE), the kernel's own answer to where a packet to it would go. */
#include <errno.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdbool.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/fdwait.h"
#include "net/localaddr.h"

static void fd_closep(int *fd)
{
	if (*fd >= 0)
		close(*fd);
}

struct route_req {
	struct nlmsghdr nh;
	struct rtmsg rt;
	char attr[RTA_SPACE(sizeof(struct in6_addr))];
};

/* Builds the lookup for @sa; returns false for the unspecified address. */
static bool build_req(const struct sockaddr *sa, struct route_req *req)
{
	static const struct in6_addr any6 = IN6ADDR_ANY_INIT;
	struct rtattr *rta = (struct rtattr *)req->attr;
	const void *addr;
	size_t len;

	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const struct sockaddr_in *)sa;

		addr = &in->sin_addr;
		len = sizeof(in->sin_addr);
		if (in->sin_addr.s_addr == htonl(INADDR_ANY))
			return false;
	} else {
		const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)sa;

		addr = &in6->sin6_addr;
		len = sizeof(in6->sin6_addr);
		if (memcmp(&in6->sin6_addr, &any6, sizeof(any6)) == 0)
			return false;
	}
	memset(req, 0, sizeof(*req));
	req->nh.nlmsg_len = NLMSG_LENGTH(sizeof(req->rt)) + RTA_SPACE(len);
	req->nh.nlmsg_type = RTM_GETROUTE;
	req->nh.nlmsg_flags = NLM_F_REQUEST;
	req->nh.nlmsg_seq = 1;
	req->rt.rtm_family = sa->sa_family;
	req->rt.rtm_dst_len = (unsigned char)(len * 8);
	rta->rta_type = RTA_DST;
	rta->rta_len = RTA_LENGTH(len);
	memcpy(RTA_DATA(rta), addr, len);
	return true;
}

/* Reads the kernel's answer to request 1: 1 local, 0 not, -errno. */
static int read_answer(int fd, int64_t deadline)
{
	char buf[4096] __attribute__((aligned(NLMSG_ALIGNTO)));

	for (int rounds = 0; rounds < 16; rounds++) {
		int r = fd_wait(fd, POLLIN, deadline);
		ssize_t n;

		if (r < 0)
			return r;
		n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		if (n < 0)
			return -errno;
		for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, (size_t)n);
		     h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_seq != 1)
				continue;
			if (h->nlmsg_type == NLMSG_ERROR) {
				const struct nlmsgerr *e = NLMSG_DATA(h);

				/* no route, a prohibit or unreachable rule: not ours */
				if (e->error == -ENETUNREACH || e->error == -EHOSTUNREACH ||
				    e->error == -EACCES || e->error == -EPERM ||
				    e->error == -EINVAL)
					return 0;
				return e->error ? e->error : -EPROTO;
			}
			if (h->nlmsg_type == RTM_NEWROUTE) {
				const struct rtmsg *rt = NLMSG_DATA(h);

				return rt->rtm_type == RTN_LOCAL;
			}
		}
	}
	return -EPROTO;
}

int localaddr_is_local(const struct sockaddr *sa, int64_t deadline)
{
	__attribute__((cleanup(fd_closep))) int fd = -1;
	struct route_req req;

	if (!sa || (sa->sa_family != AF_INET && sa->sa_family != AF_INET6))
		return -EAFNOSUPPORT;
	if (!build_req(sa, &req))
		return 0;
	if (clock_ms_left(deadline) <= 0)
		return -ETIMEDOUT;
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (fd < 0)
		return -errno;
	if (send(fd, &req, req.nh.nlmsg_len, 0) < 0)
		return -errno;
	return read_answer(fd, deadline);
}
