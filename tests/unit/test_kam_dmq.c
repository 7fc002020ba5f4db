/* tests/unit/test_kam_dmq.c: the -A defines of examples/kamailio-ha.cfg built by
 * lib/kam/kam_dmq.c, word by word as Kamailio receives them. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "kam/kam_dmq.h"

static char words[KAM_DMQ_WORDS_MAX][KAM_DMQ_WORD_MAX];

static void expect_words(int n, const char *const *want)
{
	for (int i = 0; i < n; i++)
		assert_string_equal(words[i], want[i]);
}

static void test_ipv4(void **state)
{
	const char *peers[] = { "192.0.2.12", "192.0.2.13" };
	const char *want[] = {
		"-A", "SIPHA_DMQ_LISTEN=udp:192.0.2.11:5090",
		"-A", "SIPHA_DMQ_SELF=\"sip:192.0.2.11:5090\"",
		"-A", "SIPHA_DMQ_PEER1=\"sip:192.0.2.12:5090\"",
		"-A", "SIPHA_DMQ_PEER2=\"sip:192.0.2.13:5090\"",
	};

	(void)state;
	assert_int_equal(kam_dmq_defines("192.0.2.11", peers, 2, 5090, words), 8);
	expect_words(8, want);
}

static void test_ipv6_brackets(void **state)
{
	const char *peers[] = { "2001:db8::12" };
	const char *want[] = {
		"-A", "SIPHA_DMQ_LISTEN=udp:[2001:db8::11]:65535",
		"-A", "SIPHA_DMQ_SELF=\"sip:[2001:db8::11]:65535\"",
		"-A", "SIPHA_DMQ_PEER1=\"sip:[2001:db8::12]:65535\"",
	};

	(void)state;
	assert_int_equal(kam_dmq_defines("2001:db8::11", peers, 1, 65535, words), 6);
	expect_words(6, want);
}

static void test_host_names_as_they_are(void **state)
{
	const char *peers[] = { "node2.example.net", "Node-3" };
	const char *want[] = {
		"-A", "SIPHA_DMQ_LISTEN=udp:node1:5090",
		"-A", "SIPHA_DMQ_SELF=\"sip:node1:5090\"",
		"-A", "SIPHA_DMQ_PEER1=\"sip:node2.example.net:5090\"",
		"-A", "SIPHA_DMQ_PEER2=\"sip:Node-3:5090\"",
	};

	(void)state;
	assert_int_equal(kam_dmq_defines("node1", peers, 2, 5090, words), 8);
	expect_words(8, want);
}

/* dmq learns the other nodes from the first four */
static void test_first_four_peers(void **state)
{
	const char *peers[] = { "192.0.2.2", "192.0.2.3", "192.0.2.4", "192.0.2.5", "192.0.2.6",
				"bad peer" };

	(void)state;
	assert_int_equal(kam_dmq_defines("192.0.2.1", peers, 6, 5090, words), KAM_DMQ_WORDS_MAX);
	assert_string_equal(words[10], "-A");
	assert_string_equal(words[11], "SIPHA_DMQ_PEER4=\"sip:192.0.2.5:5090\"");
	for (int i = 0; i < KAM_DMQ_WORDS_MAX; i++)
		assert_null(strstr(words[i], "192.0.2.6"));
}

static void test_no_peers(void **state)
{
	(void)state;
	memset(words, 0, sizeof(words));
	assert_int_equal(kam_dmq_defines("192.0.2.1", NULL, 0, 5090, words), 4);
	assert_string_equal(words[3], "SIPHA_DMQ_SELF=\"sip:192.0.2.1:5090\"");
	assert_string_equal(words[4], "");
}

static void test_bad_addresses(void **state)
{
	static const char *const bad[] = { "", "192.0.2.1\"", "node 1", "node\t1", "[2001:db8::1]",
					   "a;b", "sip:x@y", "a/b" };
	char longest[257];
	const char *ok[] = { "192.0.2.2" };

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *peer[] = { bad[i] };

		assert_int_equal(kam_dmq_defines(bad[i], ok, 1, 5090, words), -EINVAL);
		assert_int_equal(kam_dmq_defines("192.0.2.1", peer, 1, 5090, words), -EINVAL);
	}
	memset(longest, 'a', 255);
	longest[255] = '\0';
	assert_int_equal(kam_dmq_defines(longest, ok, 1, 5090, words), 4 + 2);
	assert_int_equal(strlen(words[1]), strlen("SIPHA_DMQ_LISTEN=udp::5090") + 255);
	longest[255] = 'a';
	longest[256] = '\0';
	assert_int_equal(kam_dmq_defines(longest, ok, 1, 5090, words), -EINVAL);
	assert_int_equal(kam_dmq_defines(NULL, ok, 1, 5090, words), -EINVAL);
}

static void test_port_zero(void **state)
{
	const char *peers[] = { "192.0.2.2" };

	(void)state;
	assert_int_equal(kam_dmq_defines("192.0.2.1", peers, 1, 0, words), -EINVAL);
	assert_int_equal(kam_dmq_defines("192.0.2.1", peers, 1, 65536, words), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ipv4),
		cmocka_unit_test(test_ipv6_brackets),
		cmocka_unit_test(test_host_names_as_they_are),
		cmocka_unit_test(test_first_four_peers),
		cmocka_unit_test(test_no_peers),
		cmocka_unit_test(test_bad_addresses),
		cmocka_unit_test(test_port_zero),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
