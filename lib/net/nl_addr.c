/* lib/net/nl_addr.c: interface addresses over rtnetlink. */
#include "net/nl_addr.h"

#include <errno.h>
#include <linux/if_addr.h>
#include <linux/rtnetlink.h>
#include <string.h>
#include <sys/socket.h>

size_t nl_addr_len(int family)
{
	if (family == AF_INET)
		return 4;
	if (family == AF_INET6)
		return 16;
	return 0;
}

struct parse_state {
	const struct nlattr *tb[IFA_MAX + 1];
};

static int attr_cb(const struct nlattr *attr, void *data)
{
	struct parse_state *st = data;
	int type = mnl_attr_get_type(attr);

	/* Unknown (newer) attributes are skipped, not errors. */
	if (mnl_attr_type_valid(attr, IFA_MAX) < 0)
		return MNL_CB_OK;
	st->tb[type] = attr;
	return MNL_CB_OK;
}

static int attr_bytes(const struct nlattr *a, void *out, size_t len)
{
	if (!a)
		return 0;
	if (mnl_attr_get_payload_len(a) < len)
		return -EBADMSG;
	memcpy(out, mnl_attr_get_payload(a), len);
	return 1;
}

int nl_addr_parse(const struct nlmsghdr *nlh, struct nl_addr *ret)
{
	struct parse_state st = { 0 };
	const struct ifaddrmsg *ifa;
	struct nl_addr a = { 0 };
	const struct nlattr *local;
	size_t alen;

	if (nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*ifa)) || nlh->nlmsg_type != RTM_NEWADDR)
		return -EBADMSG;
	ifa = mnl_nlmsg_get_payload(nlh);
	alen = nl_addr_len(ifa->ifa_family);
	if (!alen)
		return -EAFNOSUPPORT;
	if (mnl_attr_parse(nlh, sizeof(*ifa), attr_cb, &st) < 0)
		return -EBADMSG;
	a.family = ifa->ifa_family;
	a.ifindex = (int)ifa->ifa_index;
	a.prefix = ifa->ifa_prefixlen;
	a.flags = ifa->ifa_flags;
	a.scope = ifa->ifa_scope;
	if ((size_t)a.prefix > alen * 8)
		return -EBADMSG;
	/* IFA_LOCAL is the address itself; IFA_ADDRESS is the peer on point-to-point links. */
	local = st.tb[IFA_LOCAL] ? st.tb[IFA_LOCAL] : st.tb[IFA_ADDRESS];
	if (attr_bytes(local, a.addr, alen) <= 0)
		return -EBADMSG;
	if (st.tb[IFA_FLAGS]) {
		if (mnl_attr_validate(st.tb[IFA_FLAGS], MNL_TYPE_U32) < 0)
			return -EBADMSG;
		a.flags = mnl_attr_get_u32(st.tb[IFA_FLAGS]);
	}
	if (st.tb[IFA_PROTO]) {
		if (mnl_attr_validate(st.tb[IFA_PROTO], MNL_TYPE_U8) < 0)
			return -EBADMSG;
		a.proto = mnl_attr_get_u8(st.tb[IFA_PROTO]);
	}
	if (st.tb[IFA_LABEL]) {
		const char *l = mnl_attr_get_payload(st.tb[IFA_LABEL]);
		size_t n = strnlen(l, mnl_attr_get_payload_len(st.tb[IFA_LABEL]));

		if (n >= sizeof(a.label))
			return -EBADMSG;
		memcpy(a.label, l, n);
	}
	if (a.family == AF_INET && st.tb[IFA_BROADCAST]) {
		if (attr_bytes(st.tb[IFA_BROADCAST], a.broadcast, 4) < 0)
			return -EBADMSG;
		a.has_broadcast = true;
	}
	a.valid_lft = NL_LIFE_FOREVER;
	a.preferred_lft = NL_LIFE_FOREVER;
	if (st.tb[IFA_CACHEINFO]) {
		struct ifa_cacheinfo ci;

		if (attr_bytes(st.tb[IFA_CACHEINFO], &ci, sizeof(ci)) < 0)
			return -EBADMSG;
		a.valid_lft = ci.ifa_valid;
		a.preferred_lft = ci.ifa_prefered;
	}
	*ret = a;
	return 0;
}

static struct nlmsghdr *build(char *buf, const struct nl_addr *a, uint16_t type, uint16_t flags)
{
	size_t alen = nl_addr_len(a->family);
	struct nlmsghdr *nlh;
	struct ifaddrmsg *ifa;

	if (!alen || a->ifindex <= 0 || a->prefix < 0 || (size_t)a->prefix > alen * 8)
		return NULL;
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));
	ifa->ifa_family = (unsigned char)a->family;
	ifa->ifa_prefixlen = (unsigned char)a->prefix;
	ifa->ifa_index = (unsigned int)a->ifindex;
	ifa->ifa_scope = (unsigned char)a->scope;
	ifa->ifa_flags = (unsigned char)(a->flags & 0xff);
	mnl_attr_put(nlh, IFA_LOCAL, alen, a->addr);
	mnl_attr_put(nlh, IFA_ADDRESS, alen, a->addr);
	if (a->family == AF_INET && a->label[0])
		mnl_attr_put_strz(nlh, IFA_LABEL, a->label);
	return nlh;
}

struct nlmsghdr *nl_addr_build_add(char *buf, const struct nl_addr *a)
{
	struct nlmsghdr *nlh = build(buf, a, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL);

	if (!nlh)
		return NULL;
	if (a->family == AF_INET && a->has_broadcast)
		mnl_attr_put(nlh, IFA_BROADCAST, 4, a->broadcast);
	if (a->flags)
		mnl_attr_put_u32(nlh, IFA_FLAGS, a->flags);
	if (a->proto)
		mnl_attr_put_u8(nlh, IFA_PROTO, (uint8_t)a->proto);
	if (a->valid_lft != NL_LIFE_FOREVER || a->preferred_lft != NL_LIFE_FOREVER) {
		struct ifa_cacheinfo ci = {
			.ifa_valid = a->valid_lft,
			.ifa_prefered = a->preferred_lft,
		};

		mnl_attr_put(nlh, IFA_CACHEINFO, sizeof(ci), &ci);
	}
	return nlh;
}

struct nlmsghdr *nl_addr_build_del(char *buf, const struct nl_addr *a)
{
	return build(buf, a, RTM_DELADDR, 0);
}

struct find_state {
	int family;
	const void *addr;
	struct nl_addr *out;
	size_t max, found;
};

static int find_cb(const struct nlmsghdr *nlh, void *data)
{
	struct find_state *st = data;
	struct nl_addr a;

	/* Messages we cannot decode are not the address we look for. */
	if (nl_addr_parse(nlh, &a) < 0 || a.family != st->family)
		return MNL_CB_OK;
	if (memcmp(a.addr, st->addr, nl_addr_len(a.family)) != 0)
		return MNL_CB_OK;
	if (st->found < st->max)
		st->out[st->found] = a;
	st->found++;
	return MNL_CB_OK;
}

/* An interrupted dump starts over: forget the copies seen so far. */
static void find_restart(void *data)
{
	struct find_state *st = data;

	st->found = 0;
}

int nl_addr_find(struct nl *nl, int family, const void *addr, struct nl_addr *ret, size_t max,
		 int64_t deadline)
{
	char buf[NL_REQ_LEN] = { 0 };	/* attribute padding goes out as is */
	struct find_state st = { family, addr, ret, max, 0 };
	struct nlmsghdr *nlh;
	struct ifaddrmsg *ifa;
	int r;

	if (!nl_addr_len(family))
		return -EAFNOSUPPORT;
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = RTM_GETADDR;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));
	ifa->ifa_family = (unsigned char)family;
	r = nl_dump(nl, nlh, find_cb, &st, find_restart, deadline);
	if (r < 0)
		return r;
	return st.found > INT32_MAX ? INT32_MAX : (int)st.found;
}

int nl_addr_add(struct nl *nl, const struct nl_addr *a, int64_t deadline)
{
	char buf[NL_REQ_LEN] = { 0 };	/* attribute padding goes out as is */
	struct nlmsghdr *nlh = nl_addr_build_add(buf, a);

	if (!nlh)
		return -EINVAL;
	return nl_talk(nl, nlh, NULL, NULL, deadline);
}

int nl_addr_del(struct nl *nl, const struct nl_addr *a, int64_t deadline)
{
	char buf[NL_REQ_LEN] = { 0 };	/* attribute padding goes out as is */
	struct nlmsghdr *nlh = nl_addr_build_del(buf, a);

	if (!nlh)
		return -EINVAL;
	return nl_talk(nl, nlh, NULL, NULL, deadline);
}
