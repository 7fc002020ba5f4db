/* tests/unit/test_kam_cmdline.c: Kamailio's command line, word by word, and its limit. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "kam/kam_cmdline.h"

static char *listen[] = { "udp:127.0.0.1:5060", "tcp:[::1]:5060" };
static char *extra[] = { "-A", "WITH_AUTH" };

static const struct kam_cmdline base = {
	.binary = "/usr/sbin/kamailio", .conffile = "/etc/k.cfg", .runtime_dir = "/run/k",
	.pidfile = "/var/lib/s/k.pid", .shmem_mb = 64, .pkgmem_mb = 8,
	.user = "kamailio", .group = "kamailio",
	.listen = listen, .n_listen = 2, .extra = extra, .n_extra = 2,
};

static void check_words(char *const *argv, const char *const *want, int n)
{
	for (int i = 0; i < n; i++)
		assert_string_equal(argv[i], want[i]);
	assert_null(argv[n]);
}

static void run_line(void **state)
{
	static const char *const want[] = {
		"/usr/sbin/kamailio", "-DD", "-f", "/etc/k.cfg", "-Y", "/run/k", "-P",
		"/var/lib/s/k.pid", "-m", "64", "-M", "8", "-u", "kamailio", "-g", "kamailio",
		"-l", "udp:127.0.0.1:5060", "-l", "tcp:[::1]:5060", "-A", "WITH_AUTH",
	};
	char *argv[KAM_ARGV_MAX], num[2][24];

	(void)state;
	assert_int_equal(kam_argv(&base, KAM_ARGV_RUN, argv, num), 22);
	check_words(argv, want, 22);
}

static void check_line_without_user(void **state)
{
	static const char *const want[] = {
		"/usr/sbin/kamailio", "-c", "-E", "-f", "/etc/k.cfg", "-Y", "/run/k", "-P",
		"/var/lib/s/k.pid", "-m", "64", "-M", "8",
	};
	struct kam_cmdline c = base;
	char *argv[KAM_ARGV_MAX], num[2][24];

	(void)state;
	/* empty or absent user and group are left out, and so are no listen, no extras */
	c.user = "";
	c.group = NULL;
	c.n_listen = c.n_extra = 0;
	assert_int_equal(kam_argv(&c, KAM_ARGV_CHECK, argv, num), 13);
	check_words(argv, want, 13);
}

static void too_many(void **state)
{
	static char *many[KAM_ARGV_MAX];
	struct kam_cmdline c = base;
	char *argv[KAM_ARGV_MAX], num[2][24];

	(void)state;
	for (int i = 0; i < KAM_ARGV_MAX; i++)
		many[i] = "-x";
	c.n_listen = 0;
	c.extra = many;
	/* 16 words before the extras; the last slot is for the NULL */
	c.n_extra = KAM_ARGV_MAX - 1 - 16;
	assert_int_equal(kam_argv(&c, KAM_ARGV_RUN, argv, num), KAM_ARGV_MAX - 1);
	assert_null(argv[KAM_ARGV_MAX - 1]);
	c.n_extra++;
	assert_int_equal(kam_argv(&c, KAM_ARGV_RUN, argv, num), -E2BIG);
}

/* What -l takes, as validate-all judges listen: Kamailio's own forms pass, junk does not. */
static void test_listen_check(void **state)
{
	static const char *const good[] = { "udp:192.0.2.10:5060", "tcp:[2001:db8::10]:5060",
					    "TLS:127.0.0.1:5061", "192.0.2.10", "[::1]", "*:5060",
					    "udp:eth0:5060", "sip.example.org", "ws:host-1:80",
					    "sctp:192.0.2.10:65535" };
	static const char *const bad[] = { "", "-1", "99", "../x", "%s", "udp:", "udp:1.2.3.4:0",
					   "udp:1.2.3.4:65536", "udp:1.2.3.4:50x", "[2001:db8::1",
					   "[]:5060", "2001:db8::1", ".hidden", "udp:1.2.3.4:5060:1",
					   "a/b", "udp:[::1]x" };

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_int_equal(kam_listen_check(good[i]), 0);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (kam_listen_check(bad[i]) != -EINVAL)
			fail_msg("'%s' taken", bad[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(run_line),
		cmocka_unit_test(check_line_without_user),
		cmocka_unit_test(too_many),
		cmocka_unit_test(test_listen_check),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
