/* tests/unit/fake_nl.c: edits the real kernel's netlink answers to play an older or busier
 * kernel (see fake_nl.h). */
#include "tests/unit/fake_nl.h"

#include <libmnl/libmnl.h>
#include <linux/if_addr.h>
#include <linux/rtnetlink.h>
#include <stdlib.h>
#include <string.h>

struct fake_nl fake_nl;

ssize_t __real_mnl_socket_recvfrom(const struct mnl_socket *nl, void *buf, size_t siz);
ssize_t __wrap_mnl_socket_recvfrom(const struct mnl_socket *nl, void *buf, size_t siz);

__attribute__((constructor)) static void from_env(void)
{
	const char *intr = getenv("FAKE_NL_DUMP_INTR");

	fake_nl.noproto = getenv("FAKE_NL_NOPROTO") != NULL;
	fake_nl.dump_intr = intr ? atoi(intr) : 0;
}

/* Removes every IFA_PROTO attribute from the RTM_NEWADDR message at @off in @buf (@n bytes in
 * all), moving what follows; returns the new total length. */
static size_t strip_proto(char *buf, size_t n, size_t off)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)(buf + off);
	size_t a = off + MNL_NLMSG_HDRLEN + MNL_ALIGN(sizeof(struct ifaddrmsg));

	while (a + sizeof(struct nlattr) <= off + nlh->nlmsg_len) {
		struct nlattr *at = (struct nlattr *)(buf + a);
		size_t len = MNL_ALIGN(at->nla_len);

		if (at->nla_len < sizeof(*at) || a + len > off + nlh->nlmsg_len)
			break;
		if ((at->nla_type & NLA_TYPE_MASK) != IFA_PROTO) {
			a += len;
			continue;
		}
		memmove(buf + a, buf + a + len, n - a - len);
		nlh->nlmsg_len -= (uint32_t)len;
		n -= len;
	}
	return n;
}

/* Marks @nlh interrupted when it is the message of its dump that the settings pick. A dump
 * begins with the first multipart message after the end of the last one (its NLMSG_DONE, or
 * the message marked, after which lib/net/nl.c drops the socket: returns true, and the rest of the
 * read is not looked at) or under a new sequence number. */
static bool interrupt(struct nlmsghdr *nlh)
{
	static uint32_t seq;
	static bool in_dump, cut;

	if (!(nlh->nlmsg_flags & NLM_F_MULTI))
		return false;
	if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
		fake_nl.kernel_intr++;
	if (!in_dump || nlh->nlmsg_seq != seq) {
		seq = nlh->nlmsg_seq;
		in_dump = true;
		fake_nl.dumps++;
		cut = fake_nl.dump_intr != 0;
		if (cut) {
			fake_nl.interrupted++;
			if (fake_nl.dump_intr > 0)
				fake_nl.dump_intr--;
		}
		if (cut && !fake_nl.intr_on_done) {
			nlh->nlmsg_flags |= NLM_F_DUMP_INTR;
			in_dump = false;
			return true;
		}
	}
	if (nlh->nlmsg_type != NLMSG_DONE)
		return false;
	if (cut)
		nlh->nlmsg_flags |= NLM_F_DUMP_INTR;
	in_dump = false;
	return false;
}

ssize_t __wrap_mnl_socket_recvfrom(const struct mnl_socket *nl, void *buf, size_t siz)
{
	ssize_t r = __real_mnl_socket_recvfrom(nl, buf, siz);
	size_t n = r > 0 ? (size_t)r : 0, off = 0;
	bool cut = false;

	while (off + sizeof(struct nlmsghdr) <= n) {
		struct nlmsghdr *nlh = (struct nlmsghdr *)((char *)buf + off);

		if (nlh->nlmsg_len < sizeof(*nlh) || off + nlh->nlmsg_len > n)
			break;
		if (fake_nl.noproto && nlh->nlmsg_type == RTM_NEWADDR)
			n = strip_proto(buf, n, off);
		if (!cut)
			cut = interrupt(nlh);
		off += MNL_ALIGN(nlh->nlmsg_len);
	}
	return r > 0 ? (ssize_t)n : r;
}
