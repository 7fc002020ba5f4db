/* tests/unit/test_corosync_nodes.c: lib/cluster/corosync_nodes.c on a host where Corosync
 * does not run (the tests' clusters run in namespaces of their own): the agent's start must
 * fail at once, not wait. The real node list is read in tests/cluster/. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cmocka.h>

#include "cluster/corosync_nodes.h"
#include "core/clock.h"

/* Corosync's IPC listens on the abstract unix socket "cmap" (libqb): when something holds it,
 * this host runs a Corosync and the case below does not apply. */
static int corosync_here(void)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0), r;

	assert_true(fd >= 0);
	memcpy(a.sun_path + 1, "cmap", 4);
	r = connect(fd, (struct sockaddr *)&a, offsetof(struct sockaddr_un, sun_path) + 5);
	close(fd);
	return r == 0;
}

static void test_no_corosync_fails_fast(void **state)
{
	struct cs_nodelist l;
	int64_t t0;

	(void)state;
	if (corosync_here()) {
		print_message("Corosync runs on this host: skipped\n");
		skip();
	}
	memset(&l, 0x5a, sizeof(l));
	t0 = clock_now_ms();
	assert_int_equal(cs_nodelist_read(&l), -ENOTCONN);
	assert_true(clock_now_ms() - t0 < 1000);
	/* nothing filled on failure */
	assert_int_equal(l.n, (size_t)0x5a5a5a5a5a5a5a5aULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_corosync_fails_fast),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
