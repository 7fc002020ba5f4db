/* tests/unit/test_addr_copies.c: every copy of one address on the node, and the read-back of the
 * tag (lib/net/addr_copies.c), on a real kernel in a private network namespace. */
#include <arpa/inet.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/clock.h"
#include "net/addr_copies.h"
#include "net/addr_origin.h"
#include "net/nl.h"
#include "net/nl_addr.h"
#include "net/nl_link.h"
#include "tests/unit/test_netns.h"

static bool in_netns;
static struct nl_link here, there;

static struct nl_addr v4(int ifindex, const char *text, int prefix, int proto)
{
	struct nl_addr a = { .family = AF_INET, .ifindex = ifindex, .prefix = prefix,
			     .proto = proto, .valid_lft = NL_LIFE_FOREVER,
			     .preferred_lft = NL_LIFE_FOREVER };

	assert_int_equal(inet_pton(AF_INET, text, a.addr), 1);
	return a;
}

static int setup(void **state)
{
	__attribute__((cleanup(nl_closep))) struct nl *nl = NULL;
	int64_t dl = clock_now_ms() + 5000;

	(void)state;
	if (!in_netns)
		return 0;
	if (nl_open(&nl) < 0 || nl_link_get(nl, 0, "sfc0", &here, dl) < 0 ||
	    nl_link_get(nl, 0, "sfc1", &there, dl) < 0)
		return -1;
	return 0;
}

static void test_copies(void **state)
{
	__attribute__((cleanup(nl_closep))) struct nl *nl = NULL;
	int64_t dl = clock_now_ms() + 5000;
	struct nl_addr found[ADDR_COPIES_MAX], a = v4(here.ifindex, "192.0.2.30", 24, 0), b;

	(void)state;
	if (!in_netns)
		skip();
	assert_int_equal(nl_open(&nl), 0);
	assert_int_equal(addr_copies(nl, AF_INET, a.addr, found, dl), 0);
	assert_int_equal(nl_addr_add(nl, &a, dl), 0);
	b = v4(there.ifindex, "192.0.2.30", 25, ADDR_PROTO_SIPHA);
	assert_int_equal(nl_addr_add(nl, &b, dl), 0);
	assert_int_equal(addr_copies(nl, AF_INET, a.addr, found, dl), 2);
	for (int i = 0; i < 2; i++) {
		assert_memory_equal(found[i].addr, a.addr, 4);
		if (found[i].ifindex == here.ifindex)
			assert_int_equal(addr_origin(&found[i]), ADDR_STATIC);
		else
			assert_int_equal(addr_origin(&found[i]), ADDR_OURS);
	}
	assert_int_equal(nl_addr_del(nl, &a, dl), 0);
	assert_int_equal(nl_addr_del(nl, &b, dl), 0);
	assert_int_equal(addr_copies(nl, AF_INET, a.addr, found, dl), 0);
}

/* More copies than ADDR_COPIES_MAX: the first that many, never past the array. */
static void test_copies_capped(void **state)
{
	__attribute__((cleanup(nl_closep))) struct nl *nl = NULL;
	int64_t dl = clock_now_ms() + 5000;
	struct nl_addr found[ADDR_COPIES_MAX + 1], a;
	int n = ADDR_COPIES_MAX + 1;

	(void)state;
	if (!in_netns)
		skip();
	assert_int_equal(nl_open(&nl), 0);
	for (int i = 0; i < n; i++) {
		a = v4(here.ifindex, "198.51.100.7", 8 + i, 0);
		assert_int_equal(nl_addr_add(nl, &a, dl), 0);
	}
	memset(&found[ADDR_COPIES_MAX], 0x5a, sizeof(found[0]));
	assert_int_equal(addr_copies(nl, AF_INET, a.addr, found, dl), ADDR_COPIES_MAX);
	assert_int_equal(found[ADDR_COPIES_MAX].family, 0x5a5a5a5a);
	for (int i = 0; i < n; i++) {
		a = v4(here.ifindex, "198.51.100.7", 8 + i, 0);
		assert_int_equal(nl_addr_del(nl, &a, dl), 0);
	}
}

static void test_tag_read(void **state)
{
	__attribute__((cleanup(nl_closep))) struct nl *nl = NULL;
	int64_t dl = clock_now_ms() + 5000;
	struct nl_addr ours = v4(here.ifindex, "203.0.113.5", 24, ADDR_PROTO_SIPHA);
	struct nl_addr bare = v4(there.ifindex, "203.0.113.5", 24, 0), other;

	(void)state;
	if (!in_netns)
		skip();
	assert_int_equal(nl_open(&nl), 0);
	assert_int_equal(addr_tag_read(nl, &ours, dl), ADDR_TAG_GONE);
	assert_int_equal(nl_addr_add(nl, &ours, dl), 0);
	assert_int_equal(addr_tag_read(nl, &ours, dl), ADDR_TAG_KEPT);
	/* A copy elsewhere, or with another prefix, is not the one read back. */
	assert_int_equal(addr_tag_read(nl, &bare, dl), ADDR_TAG_GONE);
	other = ours;
	other.prefix = 25;
	assert_int_equal(addr_tag_read(nl, &other, dl), ADDR_TAG_GONE);
	/* An untagged copy where the tagged one was asked for: what kernels before 5.18 leave. */
	assert_int_equal(nl_addr_add(nl, &bare, dl), 0);
	other = bare;
	other.proto = ADDR_PROTO_SIPHA;
	assert_int_equal(addr_tag_read(nl, &other, dl), ADDR_TAG_DROPPED);
	assert_int_equal(nl_addr_del(nl, &ours, dl), 0);
	assert_int_equal(nl_addr_del(nl, &bare, dl), 0);
	assert_int_equal(addr_tag_read(nl, &ours, dl), ADDR_TAG_GONE);
}

static void test_errors(void **state)
{
	__attribute__((cleanup(nl_closep))) struct nl *nl = NULL;
	int64_t dl = clock_now_ms() + 5000;
	struct nl_addr found[ADDR_COPIES_MAX], a = v4(1, "192.0.2.30", 24, 0);

	(void)state;
	if (!in_netns)
		skip();
	assert_int_equal(nl_open(&nl), 0);
	/* The error of the listing, not a count nor a read-back verdict. */
	assert_int_equal(addr_copies(nl, AF_UNIX, a.addr, found, dl), -EAFNOSUPPORT);
	a.family = AF_UNIX;
	assert_int_equal(addr_tag_read(nl, &a, dl), -EAFNOSUPPORT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_copies),
		cmocka_unit_test(test_copies_capped),
		cmocka_unit_test(test_tag_read),
		cmocka_unit_test(test_errors),
	};

	in_netns = netns_enter() == 0 && netns_veth("sfc0", "sfc1", 0xa6, 0xb6) == 0;
	return cmocka_run_group_tests(tests, setup, NULL);
}
