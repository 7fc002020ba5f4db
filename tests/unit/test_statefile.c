/* tests/unit/test_statefile.c: atomic replace and bounded read of small state files. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/statefile.h"

static char dir[64], path[96], tmp[100];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/sipha-sf-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof(path), "%s/state", dir);
	snprintf(tmp, sizeof(tmp), "%s/state.tmp", dir);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unlink(tmp);
	unlink(path);
	rmdir(dir);
	return 0;
}

static void missing_is_enoent(void **state)
{
	char buf[16];

	(void)state;
	unlink(path);
	assert_int_equal(statefile_read(path, buf, sizeof(buf), NULL), -ENOENT);
}

static void roundtrip_replaces_whole(void **state)
{
	char buf[64];
	time_t mtime = 0;
	struct stat st;

	(void)state;
	assert_int_equal(statefile_write(path, "a long first content\n", 21), 0);
	assert_int_equal(statefile_write(path, "short\n", 6), 0);
	assert_int_equal(statefile_read(path, buf, sizeof(buf), &mtime), 6);
	assert_string_equal(buf, "short\n");
	assert_true(time(NULL) - mtime < 60);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(access(tmp, F_OK), -1);	/* no NAME.tmp left behind */
}

static void read_is_bounded_and_terminated(void **state)
{
	char buf[5];

	(void)state;
	assert_int_equal(statefile_write(path, "123456789", 9), 0);
	assert_int_equal(statefile_read(path, buf, sizeof(buf), NULL), 4);
	assert_string_equal(buf, "1234");
	assert_int_equal(statefile_read(path, buf, 0, NULL), -EINVAL);
}

static void symlink_at_tmp_is_refused(void **state)
{
	char buf[32];

	(void)state;
	assert_int_equal(statefile_write(path, "kept\n", 5), 0);
	assert_int_equal(symlink("/etc/passwd", tmp), 0);
	assert_int_equal(statefile_write(path, "evil\n", 5), -ELOOP);
	unlink(tmp);
	assert_int_equal(statefile_read(path, buf, sizeof(buf), NULL), 5);
	assert_string_equal(buf, "kept\n");
}

/* Kamailio's user owns the runtime dir where the pidfile is read: a symlink there is not
 * followed, and a FIFO makes the read fail at once instead of blocking the agent. */
static void read_refuses_symlink_and_fifo(void **state)
{
	char buf[32];

	(void)state;
	unlink(path);
	assert_int_equal(symlink("/etc/passwd", path), 0);
	assert_int_equal(statefile_read(path, buf, sizeof(buf), NULL), -ELOOP);
	unlink(path);
	assert_int_equal(mkfifo(path, 0600), 0);
	alarm(5);	/* the old code blocked here for ever: let SIGALRM fail the test */
	assert_int_equal(statefile_read(path, buf, sizeof(buf), NULL), -EINVAL);
	alarm(0);
	unlink(path);
}

/* A hard link to another file at NAME.tmp is replaced, never truncated through. */
static void hardlink_at_tmp_is_not_written(void **state)
{
	char victim[128], buf[32];

	(void)state;
	snprintf(victim, sizeof(victim), "%s/victim", dir);
	assert_int_equal(statefile_write(victim, "precious\n", 9), 0);
	assert_int_equal(link(victim, tmp), 0);
	assert_int_equal(statefile_write(path, "new\n", 4), 0);
	assert_int_equal(statefile_read(victim, buf, sizeof(buf), NULL), 9);
	assert_string_equal(buf, "precious\n");
	assert_int_equal(statefile_read(path, buf, sizeof(buf), NULL), 4);
	assert_string_equal(buf, "new\n");
	assert_int_equal(access(tmp, F_OK), -1);
	unlink(victim);
}

static void unwritable_dir_leaves_state(void **state)
{
	(void)state;
	assert_int_equal(statefile_write("/nonexistent-sipha/state", "x", 1), -ENOENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(missing_is_enoent),
		cmocka_unit_test(roundtrip_replaces_whole),
		cmocka_unit_test(read_is_bounded_and_terminated),
		cmocka_unit_test(symlink_at_tmp_is_refused),
		cmocka_unit_test(read_refuses_symlink_and_fifo),
		cmocka_unit_test(hardlink_at_tmp_is_not_written),
		cmocka_unit_test(unwritable_dir_leaves_state),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, setup, teardown);
}
