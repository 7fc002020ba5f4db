/* tests/unit/test_nl.c: dumps the kernel interrupts (lib/net/nl.c nl_dump()), on a real kernel in a
 * private network namespace, with tests/unit/fake_nl.c marking the kernel's answers
 * interrupted (NLM_F_DUMP_INTR) as a busy kernel does. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <linux/if_addr.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/clock.h"
#include "net/nl.h"
#include "net/nl_addr.h"
#include "net/nl_link.h"
#include "net/nl_route.h"
#include "tests/unit/fake_nl.h"
#include "tests/unit/test_netns.h"

/* Enough addresses that their dump takes several reads: what follows an interrupted message
 * is still queued when nl_dump() starts over. */
#define MANY 600

static bool in_netns;		/* a network namespace of our own could be made (root) */
static const char *setup_failed;	/* which step of setting it up failed, if one did */

/* Skips without a namespace (not root); fails when one was made but not set up. */
#define NEED_NETNS() do { \
		if (!in_netns) \
			skip(); \
		if (setup_failed) \
			fail_msg("setting up the namespace: %s", setup_failed); \
	} while (0)
static int ifindex;
static struct in6_addr ip;

static int setup(void **state)
{
	memset(&fake_nl, 0, sizeof(fake_nl));
	return 0;
}

static void test_interrupted_once(void **state)
{
	__attribute__((cleanup(nl_closep))) struct nl *nl = NULL;
	struct nl_addr found[2];

	NEED_NETNS();
	assert_int_equal(nl_open(&nl), 0);
	fake_nl.dump_intr = 1;
	/* The first message is marked: the rest of that dump is still on the socket. */
	assert_int_equal(nl_addr_find(nl, AF_INET6, &ip, found, 2, clock_now_ms() + 5000), 1);
	assert_int_equal(fake_nl.interrupted, 1);
	assert_int_equal(fake_nl.kernel_intr, 0);
	assert_int_equal(fake_nl.dumps, 2);
	assert_int_equal(found[0].ifindex, ifindex);
}

static void test_interrupted_at_done(void **state)
{
	__attribute__((cleanup(nl_closep))) struct nl *nl = NULL;
	struct nl_addr found[2];
	struct nl_route rt;
	const uint8_t v4[4] = { 192, 0, 2, 77 };

	NEED_NETNS();
	assert_int_equal(nl_open(&nl), 0);
	/* Every copy was already handed to the callback when the end says "interrupted": the
	 * second try must not count them twice. */
	fake_nl.intr_on_done = true;
	fake_nl.dump_intr = 2;
	assert_int_equal(nl_addr_find(nl, AF_INET6, &ip, found, 2, clock_now_ms() + 5000), 1);
	assert_int_equal(fake_nl.interrupted, 2);
	assert_int_equal(fake_nl.kernel_intr, 0);
	assert_int_equal(fake_nl.dumps, 3);
	fake_nl.dump_intr = 1;
	assert_int_equal(nl_route_connected(nl, AF_INET, v4, 0, &rt, clock_now_ms() + 5000), 0);
	assert_int_equal(rt.oif, ifindex);
	assert_int_equal(rt.prefix, 24);
}

static void test_interrupted_always(void **state)
{
	__attribute__((cleanup(nl_closep))) struct nl *nl = NULL;
	struct nl_addr found[2];

	NEED_NETNS();
	assert_int_equal(nl_open(&nl), 0);
	fake_nl.dump_intr = -1;
	assert_int_equal(nl_addr_find(nl, AF_INET6, &ip, found, 2, clock_now_ms() + 5000),
			 -EINTR);
	assert_int_equal(fake_nl.dumps, NL_DUMP_TRIES);
	/* The handle still works once the kernel is quiet again. */
	fake_nl.dump_intr = 0;
	assert_int_equal(nl_addr_find(nl, AF_INET6, &ip, found, 2, clock_now_ms() + 5000), 1);
}

static void test_interrupted_past_deadline(void **state)
{
	__attribute__((cleanup(nl_closep))) struct nl *nl = NULL;
	struct nl_addr found[2];
	int64_t t0 = clock_now_ms();
	int r;

	NEED_NETNS();
	assert_int_equal(nl_open(&nl), 0);
	fake_nl.dump_intr = -1;
	r = nl_addr_find(nl, AF_INET6, &ip, found, 2, t0);
	assert_true(r == -EINTR || r == -ETIMEDOUT);
	assert_in_range(fake_nl.dumps, 0, NL_DUMP_TRIES);
	assert_in_range(clock_now_ms() - t0, 0, 1000);
}

/* Waits (10 s at most) until the kernel has finished with the new addresses: right after they
 * are added, it interrupts dumps itself, which would blur what the tests count. On a busy
 * machine it may interrupt every try of a dump for a while: that is not quiet yet either. */
static int settle(struct nl *nl)
{
	struct nl_addr found[2];

	for (int i = 0, quiet = 0; i < 500; i++) {
		int before = fake_nl.kernel_intr;
		int r = nl_addr_find(nl, AF_INET6, &ip, found, 2, clock_now_ms() + 1000);

		if (r == -EINTR) {
			quiet = 0;
			usleep(20000);
			continue;
		}
		if (r < 0)
			return -1;
		quiet = fake_nl.kernel_intr == before ? quiet + 1 : 0;
		if (quiet == 3)
			return 0;
		usleep(20000);
	}
	return -1;
}

/* sfa0 with 192.0.2.1/24 and MANY IPv6 addresses, 2001:db8::1 to 2001:db8::MANY. */
static int populate(void)
{
	__attribute__((cleanup(nl_closep))) struct nl *nl = NULL;
	int64_t dl = clock_now_ms() + 10000;
	struct nl_link l;
	struct nl_addr a = { .family = AF_INET, .prefix = 24, .valid_lft = NL_LIFE_FOREVER,
			     .preferred_lft = NL_LIFE_FOREVER, .addr = { 192, 0, 2, 1 } };

	if (nl_open(&nl) < 0 || nl_link_get(nl, 0, "sfa0", &l, dl) < 0)
		return -1;
	ifindex = a.ifindex = l.ifindex;
	if (nl_addr_add(nl, &a, dl) < 0)
		return -1;
	a.family = AF_INET6;
	a.prefix = 64;
	a.flags = IFA_F_NODAD;
	inet_pton(AF_INET6, "2001:db8::", a.addr);
	for (int i = 1; i <= MANY; i++) {
		a.addr[14] = (uint8_t)(i >> 8);
		a.addr[15] = (uint8_t)i;
		if (nl_addr_add(nl, &a, dl) < 0)
			return -1;
	}
	inet_pton(AF_INET6, "2001:db8::77", &ip);
	return settle(nl);
}

/* No duplicate address detection in the namespace: the end of one (link-local addresses of
 * the fresh veth) changes the address table, and the kernel would interrupt dumps itself. */
static int no_dad(void)
{
	static const char *const paths[] = { "/proc/sys/net/ipv6/conf/all/accept_dad",
					     "/proc/sys/net/ipv6/conf/default/accept_dad" };

	for (size_t i = 0; i < 2; i++) {
		int fd = open(paths[i], O_WRONLY | O_CLOEXEC);
		bool ok = fd >= 0 && write(fd, "0", 1) == 1;

		if (fd >= 0)
			close(fd);
		if (!ok)
			return -1;
	}
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_interrupted_once, setup),
		cmocka_unit_test_setup(test_interrupted_at_done, setup),
		cmocka_unit_test_setup(test_interrupted_always, setup),
		cmocka_unit_test_setup(test_interrupted_past_deadline, setup),
	};

	in_netns = netns_enter() == 0;
	if (in_netns && no_dad() < 0)
		setup_failed = "turning off DAD";
	else if (in_netns && netns_veth("sfa0", "sfb0", 0xa0, 0xb0) < 0)
		setup_failed = "making the veth pair";
	else if (in_netns && populate() < 0)
		setup_failed = "adding the addresses, or the kernel did not go quiet within 10 s";
	return cmocka_run_group_tests(tests, NULL, NULL);
}
