/* tests/unit/test_proc_id.c: a recorded identity formatted, parsed, saved and loaded. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/proc_id.h"

static void id_round_trip(void **state)
{
	struct proc_id a = { .pid = 4321, .session = 4321, .start = 123456789ULL }, b;
	char buf[PATH_MAX + 64], path[] = "/tmp/sipha-procid-XXXXXX";
	int fd;

	strcpy(a.exe, "/usr/sbin/kamailio");
	assert_true(proc_id_format(&a, buf, sizeof(buf)) > 0);
	assert_string_equal(buf, "4321 4321 123456789 /usr/sbin/kamailio\n");
	assert_int_equal(proc_id_parse(buf, &b), 0);
	assert_int_equal(b.pid, 4321);
	assert_int_equal(b.start, 123456789ULL);
	assert_string_equal(b.exe, "/usr/sbin/kamailio");
	assert_int_equal(proc_id_parse("4321 1 2 relative/exe", &b), -EINVAL);
	assert_int_equal(proc_id_parse("4321 1 /usr/sbin/kamailio", &b), -EINVAL);
	assert_int_equal(proc_id_parse("garbage", &b), -EINVAL);

	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(proc_id_save(path, &a), 0);
	memset(&b, 0, sizeof(b));
	assert_int_equal(proc_id_load(path, &b), 0);
	assert_int_equal(b.session, 4321);
	assert_string_equal(b.exe, a.exe);
	unlink(path);
	assert_int_equal(proc_id_load(path, &b), -ENOENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(id_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
