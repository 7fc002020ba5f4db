/* tests/unit/test_link_text.c: interfaces and hardware addresses as text (lib/net/link_text.c);
 * names asked of the kernel in a private network namespace. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/clock.h"
#include "net/link_text.h"
#include "net/nl.h"
#include "net/nl_link.h"
#include "tests/unit/test_netns.h"

static bool in_netns;

static void test_mac_text(void **state)
{
	static const unsigned char mac[6] = { 0x02, 0x00, 0xab, 0xcd, 0xef, 0x0a };
	char buf[32];

	(void)state;
	link_mac_text(mac, 6, buf, sizeof(buf));
	assert_string_equal(buf, "02:00:ab:cd:ef:0a");
	link_mac_text(mac, 0, buf, sizeof(buf));
	assert_string_equal(buf, "");
	link_mac_text(mac, 2, buf, sizeof(buf));
	assert_string_equal(buf, "02:00");
	/* As many bytes as fit whole: 18 bytes hold all six, 17 only five. */
	link_mac_text(mac, 6, buf, 18);
	assert_string_equal(buf, "02:00:ab:cd:ef:0a");
	link_mac_text(mac, 6, buf, 17);
	assert_string_equal(buf, "02:00:ab:cd:ef");
	link_mac_text(mac, 6, buf, 3);
	assert_string_equal(buf, "");
}

static void test_name_of(void **state)
{
	__attribute__((cleanup(nl_closep))) struct nl *nl = NULL;
	int64_t dl = clock_now_ms() + 2000;
	struct nl_link l;
	char buf[IFNAMSIZ];

	(void)state;
	if (!in_netns)
		skip();
	assert_int_equal(nl_open(&nl), 0);
	assert_int_equal(nl_link_get(nl, 0, "sft0", &l, dl), 0);
	assert_ptr_equal(link_name_of(nl, l.ifindex, buf, dl), buf);
	assert_string_equal(buf, "sft0");
	assert_string_equal(link_name_of(nl, 1, buf, dl), "lo");
	/* Gone (or never there): the reason still names it. */
	assert_string_equal(link_name_of(nl, 999999, buf, dl), "if999999");
	assert_string_equal(link_name_of(nl, 2147483647, buf, dl), "if2147483647");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mac_text),
		cmocka_unit_test(test_name_of),
	};

	in_netns = netns_enter() == 0 && netns_veth("sft0", "sft1", 0xa5, 0xb5) == 0;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
