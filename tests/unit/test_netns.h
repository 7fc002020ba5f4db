/* tests/unit/test_netns.h: a private network namespace for tests that need a real kernel:
 * unshare the test process into a fresh one and make veth pairs in it over rtnetlink. */
#ifndef SIPHA_TEST_NETNS_H
#define SIPHA_TEST_NETNS_H

#include <errno.h>
#include <libmnl/libmnl.h>
#include <linux/if.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <sched.h>
#include <stdbool.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

/* Moves the process into a new, empty network namespace (loopback only, down). Returns 0, or
 * -errno when it cannot (not root): the caller skips. */
static inline int netns_enter(void)
{
	return unshare(CLONE_NEWNET) < 0 ? -errno : 0;
}

static inline int netns_talk(struct nlmsghdr *nlh)
{
	char buf[1024] = { 0 };
	struct mnl_socket *s = mnl_socket_open(NETLINK_ROUTE);
	int r = -EIO;
	ssize_t n;

	if (!s)
		return -errno;
	nlh->nlmsg_flags |= NLM_F_ACK;
	nlh->nlmsg_seq = (unsigned)time(NULL);
	if (mnl_socket_bind(s, 0, MNL_SOCKET_AUTOPID) == 0 &&
	    mnl_socket_sendto(s, nlh, nlh->nlmsg_len) >= 0) {
		n = mnl_socket_recvfrom(s, buf, sizeof(buf));
		r = n < 0 ? -errno : mnl_cb_run(buf, (size_t)n, nlh->nlmsg_seq,
						 mnl_socket_get_portid(s), NULL, NULL);
		if (r < 0)
			r = -errno;
	}
	mnl_socket_close(s);
	return r < 0 ? r : 0;
}

/* Sets interface @name up or down. Returns 0 or -errno. */
static inline int netns_link_set(const char *name, bool up)
{
	char buf[1024] = { 0 };
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct ifinfomsg *ifi;

	nlh->nlmsg_type = RTM_NEWLINK;
	nlh->nlmsg_flags = NLM_F_REQUEST;
	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_change = IFF_UP;
	ifi->ifi_flags = up ? IFF_UP : 0;
	mnl_attr_put_strz(nlh, IFLA_IFNAME, name);
	return netns_talk(nlh);
}

/* Creates the veth pair @a/@b with hardware addresses 02:00:00:00:00:@ma and ..:@mb, both
 * up. Returns 0 or -errno. */
static inline int netns_veth(const char *a, const char *b, unsigned char ma, unsigned char mb)
{
	char buf[1024] = { 0 };
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	unsigned char maca[6] = { 2, 0, 0, 0, 0, ma }, macb[6] = { 2, 0, 0, 0, 0, mb };
	struct nlattr *linkinfo, *data, *peer;
	struct ifinfomsg *ifi;
	int r;

	nlh->nlmsg_type = RTM_NEWLINK;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL;
	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	mnl_attr_put_strz(nlh, IFLA_IFNAME, a);
	mnl_attr_put(nlh, IFLA_ADDRESS, 6, maca);
	linkinfo = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
	mnl_attr_put_strz(nlh, IFLA_INFO_KIND, "veth");
	data = mnl_attr_nest_start(nlh, IFLA_INFO_DATA);
	peer = mnl_attr_nest_start(nlh, VETH_INFO_PEER);
	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	mnl_attr_put_strz(nlh, IFLA_IFNAME, b);
	mnl_attr_put(nlh, IFLA_ADDRESS, 6, macb);
	mnl_attr_nest_end(nlh, peer);
	mnl_attr_nest_end(nlh, data);
	mnl_attr_nest_end(nlh, linkinfo);
	r = netns_talk(nlh);
	if (r == 0)
		r = netns_link_set(a, true);
	if (r == 0)
		r = netns_link_set(b, true);
	return r;
}

#endif
