/* lib/net/nl_route.c: the connected subnet (interface and prefix) that holds an address. */
#include "net/nl_route.h"

#include <errno.h>
#include <linux/rtnetlink.h>
#include <string.h>
#include <sys/socket.h>

#include "net/nl_addr.h"

static int attr_cb(const struct nlattr *attr, void *data)
{
	const struct nlattr **tb = data;

	if (mnl_attr_type_valid(attr, RTA_MAX) < 0)
		return MNL_CB_OK;
	tb[mnl_attr_get_type(attr)] = attr;
	return MNL_CB_OK;
}

int nl_route_parse(const struct nlmsghdr *nlh, struct nl_route *ret)
{
	const struct nlattr *tb[RTA_MAX + 1] = { 0 };
	const struct rtmsg *rtm;
	struct nl_route r = { 0 };
	size_t alen;

	if (nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*rtm)) || nlh->nlmsg_type != RTM_NEWROUTE)
		return -EBADMSG;
	rtm = mnl_nlmsg_get_payload(nlh);
	alen = nl_addr_len(rtm->rtm_family);
	if (!alen)
		return -EAFNOSUPPORT;
	if (rtm->rtm_dst_len > alen * 8)
		return -EBADMSG;
	if (mnl_attr_parse(nlh, sizeof(*rtm), attr_cb, tb) < 0)
		return -EBADMSG;
	r.family = rtm->rtm_family;
	r.prefix = rtm->rtm_dst_len;
	r.type = rtm->rtm_type;
	r.table = rtm->rtm_table;
	if (tb[RTA_TABLE] && mnl_attr_validate(tb[RTA_TABLE], MNL_TYPE_U32) == 0)
		r.table = (int)mnl_attr_get_u32(tb[RTA_TABLE]);
	if (tb[RTA_DST]) {
		if (mnl_attr_get_payload_len(tb[RTA_DST]) < alen)
			return -EBADMSG;
		memcpy(r.dst, mnl_attr_get_payload(tb[RTA_DST]), alen);
	}
	if (tb[RTA_OIF] && mnl_attr_validate(tb[RTA_OIF], MNL_TYPE_U32) == 0)
		r.oif = (int)mnl_attr_get_u32(tb[RTA_OIF]);
	if (tb[RTA_PRIORITY] && mnl_attr_validate(tb[RTA_PRIORITY], MNL_TYPE_U32) == 0)
		r.metric = mnl_attr_get_u32(tb[RTA_PRIORITY]);
	r.gateway = tb[RTA_GATEWAY] || tb[RTA_VIA] || tb[RTA_MULTIPATH];
	*ret = r;
	return 0;
}

static bool prefix_match(const unsigned char *a, const unsigned char *b, int bits)
{
	int whole = bits / 8, rest = bits % 8;

	if (memcmp(a, b, (size_t)whole) != 0)
		return false;
	if (rest) {
		unsigned char mask = (unsigned char)(0xff << (8 - rest));

		return (a[whole] & mask) == (b[whole] & mask);
	}
	return true;
}

bool nl_route_connects(const struct nl_route *r, int family, const void *addr, int ifindex)
{
	if (r->family != family || r->type != RTN_UNICAST || r->table != RT_TABLE_MAIN)
		return false;
	if (r->gateway || r->oif <= 0 || r->prefix <= 0)
		return false;
	if (ifindex > 0 && r->oif != ifindex)
		return false;
	return prefix_match(r->dst, addr, r->prefix);
}

struct find_state {
	int family, ifindex;
	const void *addr;
	struct nl_route best;
	bool found;
};

static int find_cb(const struct nlmsghdr *nlh, void *data)
{
	struct find_state *st = data;
	struct nl_route r;

	if (nl_route_parse(nlh, &r) < 0 || !nl_route_connects(&r, st->family, st->addr, st->ifindex))
		return MNL_CB_OK;
	if (!st->found || r.prefix > st->best.prefix ||
	    (r.prefix == st->best.prefix && r.metric < st->best.metric)) {
		st->best = r;
		st->found = true;
	}
	return MNL_CB_OK;
}

/* An interrupted dump starts over: forget the best route seen so far. */
static void find_restart(void *data)
{
	struct find_state *st = data;

	st->found = false;
}

int nl_route_connected(struct nl *nl, int family, const void *addr, int ifindex,
		       struct nl_route *ret, int64_t deadline)
{
	char buf[NL_REQ_LEN] = { 0 };	/* attribute padding goes out as is */
	struct find_state st = { .family = family, .ifindex = ifindex, .addr = addr };
	struct nlmsghdr *nlh;
	struct rtmsg *rtm;
	int r;

	if (!nl_addr_len(family))
		return -EAFNOSUPPORT;
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = RTM_GETROUTE;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));
	rtm->rtm_family = (unsigned char)family;
	r = nl_dump(nl, nlh, find_cb, &st, find_restart, deadline);
	if (r < 0)
		return r;
	if (!st.found)
		return -ENETUNREACH;
	*ret = st.best;
	return 0;
}
