/* tests/unit/test_localaddr.c: lib/net/localaddr.c against the real kernel, in a private network
 * namespace: an address is local when assigned here (or in 127/8, ::1 once loopback is up),
 * not when it is a neighbour's, unrouted, or only bindable through ip_nonlocal_bind. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/clock.h"
#include "net/localaddr.h"
#include "test_netns.h"

static bool in_netns;

/* localaddr_is_local() of the numeric address @text, one second to answer. */
static int is_local(const char *text)
{
	struct sockaddr_storage ss = { 0 };
	struct sockaddr_in *in = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ss;

	if (inet_pton(AF_INET, text, &in->sin_addr) == 1) {
		in->sin_family = AF_INET;
		in->sin_port = htons(5060);
	} else {
		assert_int_equal(inet_pton(AF_INET6, text, &in6->sin6_addr), 1);
		in6->sin6_family = AF_INET6;
	}
	return localaddr_is_local((struct sockaddr *)&ss, clock_now_ms() + 1000);
}

/* Puts @addr/24 on @ifname with the old ioctl (no netlink needed for IPv4). */
static void add_v4(const char *ifname, const char *addr)
{
	struct ifreq ifr = { 0 };
	struct sockaddr_in *in = (struct sockaddr_in *)&ifr.ifr_addr;
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	assert_true(fd >= 0);
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	in->sin_family = AF_INET;
	assert_int_equal(inet_pton(AF_INET, addr, &in->sin_addr), 1);
	assert_int_equal(ioctl(fd, SIOCSIFADDR, &ifr), 0);
	assert_int_equal(inet_pton(AF_INET, "255.255.255.0", &in->sin_addr), 1);
	assert_int_equal(ioctl(fd, SIOCSIFNETMASK, &ifr), 0);
	close(fd);
}

static void nonlocal_bind(void)
{
	int fd = open("/proc/sys/net/ipv4/ip_nonlocal_bind", O_WRONLY | O_CLOEXEC);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, "1", 1), 1);
	close(fd);
}

static void loopback_down_then_up(void **state)
{
	(void)state;
	if (!in_netns)
		skip();
	/* a fresh namespace: loopback down, nothing is local yet */
	assert_int_equal(is_local("127.0.0.1"), 0);
	assert_int_equal(netns_link_set("lo", true), 0);
	assert_int_equal(is_local("127.0.0.1"), 1);
	/* all of 127/8 is delivered here (the kamailio tests listen on 127.x.y.z) */
	assert_int_equal(is_local("127.0.0.20"), 1);
	assert_int_equal(is_local("::1"), 1);
	/* the unspecified address names no address of the node */
	assert_int_equal(is_local("0.0.0.0"), 0);
	assert_int_equal(is_local("::"), 0);
}

static void assigned_neighbour_unrouted(void **state)
{
	(void)state;
	if (!in_netns)
		skip();
	add_v4("lat0", "192.0.2.10");
	assert_int_equal(is_local("192.0.2.10"), 1);
	/* on the link but another node's (the floating IP held by the peer) */
	assert_int_equal(is_local("192.0.2.11"), 0);
	/* no route at all */
	assert_int_equal(is_local("198.51.100.1"), 0);
	assert_int_equal(is_local("2001:db8::10"), 0);
	/* ip_nonlocal_bind lets Kamailio bind the peer's address; still not ours */
	nonlocal_bind();
	assert_int_equal(is_local("192.0.2.11"), 0);
}

static void bad_input_and_deadline(void **state)
{
	struct sockaddr_in in = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(0x7f000001) };
	struct sockaddr un = { .sa_family = AF_UNIX };

	(void)state;
	assert_int_equal(localaddr_is_local(&un, clock_now_ms() + 1000), -EAFNOSUPPORT);
	assert_int_equal(localaddr_is_local(NULL, clock_now_ms() + 1000), -EAFNOSUPPORT);
	assert_int_equal(localaddr_is_local((struct sockaddr *)&in, clock_now_ms() - 1),
			 -ETIMEDOUT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(loopback_down_then_up),
		cmocka_unit_test(assigned_neighbour_unrouted),
		cmocka_unit_test(bad_input_and_deadline),
	};

	in_netns = netns_enter() == 0 && netns_veth("lat0", "lat1", 0xa0, 0xb0) == 0;
	if (!in_netns)
		fprintf(stderr, "# not root or no namespaces: kernel cases skipped\n");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
