/* lib/net/nl_link.c: one network interface's state over rtnetlink. */
#include "net/nl_link.h"

#include <errno.h>
#include <linux/if.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <string.h>
#include <sys/socket.h>

static int attr_cb(const struct nlattr *attr, void *data)
{
	const struct nlattr **tb = data;

	if (mnl_attr_type_valid(attr, IFLA_MAX) < 0)
		return MNL_CB_OK;
	tb[mnl_attr_get_type(attr)] = attr;
	return MNL_CB_OK;
}

int nl_link_parse(const struct nlmsghdr *nlh, struct nl_link *ret)
{
	const struct nlattr *tb[IFLA_MAX + 1] = { 0 };
	const struct ifinfomsg *ifi;
	struct nl_link l = { .operstate = -1, .carrier = -1 };

	if (nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*ifi)) || nlh->nlmsg_type != RTM_NEWLINK)
		return -EBADMSG;
	ifi = mnl_nlmsg_get_payload(nlh);
	if (mnl_attr_parse(nlh, sizeof(*ifi), attr_cb, tb) < 0)
		return -EBADMSG;
	l.ifindex = ifi->ifi_index;
	l.flags = ifi->ifi_flags;
	l.type = ifi->ifi_type;
	if (!tb[IFLA_IFNAME])
		return -EBADMSG;
	{
		const char *n = mnl_attr_get_payload(tb[IFLA_IFNAME]);
		size_t len = strnlen(n, mnl_attr_get_payload_len(tb[IFLA_IFNAME]));

		if (len == 0 || len >= sizeof(l.name))
			return -EBADMSG;
		memcpy(l.name, n, len);
	}
	if (tb[IFLA_ADDRESS]) {
		size_t len = mnl_attr_get_payload_len(tb[IFLA_ADDRESS]);

		if (len > sizeof(l.mac))
			return -EBADMSG;
		memcpy(l.mac, mnl_attr_get_payload(tb[IFLA_ADDRESS]), len);
		l.maclen = len;
	}
	if (tb[IFLA_OPERSTATE] && mnl_attr_validate(tb[IFLA_OPERSTATE], MNL_TYPE_U8) == 0)
		l.operstate = mnl_attr_get_u8(tb[IFLA_OPERSTATE]);
	if (tb[IFLA_CARRIER] && mnl_attr_validate(tb[IFLA_CARRIER], MNL_TYPE_U8) == 0)
		l.carrier = mnl_attr_get_u8(tb[IFLA_CARRIER]);
	if (tb[IFLA_MTU] && mnl_attr_validate(tb[IFLA_MTU], MNL_TYPE_U32) == 0)
		l.mtu = (int)mnl_attr_get_u32(tb[IFLA_MTU]);
	*ret = l;
	return 0;
}

bool nl_link_running(const struct nl_link *l)
{
	return (l->flags & IFF_UP) && (l->flags & IFF_LOWER_UP);
}

struct get_state {
	struct nl_link *out;
	int r;
};

static int get_cb(const struct nlmsghdr *nlh, void *data)
{
	struct get_state *st = data;

	st->r = nl_link_parse(nlh, st->out);
	return MNL_CB_OK;
}

int nl_link_get(struct nl *nl, int ifindex, const char *name, struct nl_link *ret,
		int64_t deadline)
{
	char buf[NL_REQ_LEN] = { 0 };	/* attribute padding goes out as is */
	struct nl_link l;
	struct get_state st = { &l, -ENODEV };
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct ifinfomsg *ifi;
	int r;

	if (ifindex <= 0 && (!name || !name[0] || strlen(name) >= IFNAMSIZ))
		return -EINVAL;
	nlh->nlmsg_type = RTM_GETLINK;
	nlh->nlmsg_flags = NLM_F_REQUEST;
	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	if (ifindex > 0)
		ifi->ifi_index = ifindex;
	else
		mnl_attr_put_strz(nlh, IFLA_IFNAME, name);
	/* Skip the per-VF statistics some drivers send with every link. */
	mnl_attr_put_u32(nlh, IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
	r = nl_talk(nl, nlh, get_cb, &st, deadline);
	if (r < 0)
		return r;
	if (st.r < 0)
		return st.r;
	*ret = l;
	return 0;
}
