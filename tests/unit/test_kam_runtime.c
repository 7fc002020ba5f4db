/* tests/unit/test_kam_runtime.c: the runtime dir made, refused (symlink, foreign owner) and
 * checked for reach, on a real directory tree (ownership steps need root; else skipped). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "kam/kam_runtime.h"

enum { USER = 54321, STRANGER = 54322 };

static char top[] = "/tmp/test_kam_runtime.XXXXXX";

static void path(char *buf, const char *name)
{
	snprintf(buf, PATH_MAX, "%s/%s", top, name);
}

static void made_and_given(void **state)
{
	struct path_user u = { .uid = USER, .gid = USER };
	struct kam_runtime_fail f;
	struct stat st;
	char d[PATH_MAX];

	(void)state;
	if (geteuid() != 0)
		skip();
	path(d, "run");
	assert_int_equal(kam_runtime_prepare(d, &u, &f), 0);
	assert_int_equal(stat(d, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(st.st_uid, USER);
	assert_int_equal(st.st_gid, USER);
	/* there already, and the user's: fine, left as it is */
	assert_int_equal(kam_runtime_prepare(d, &u, &f), 0);
	/* another user's: refused, naming the owner */
	assert_int_equal(chown(d, STRANGER, STRANGER), 0);
	assert_int_equal(kam_runtime_prepare(d, &u, &f), -EPERM);
	assert_int_equal(f.step, KAM_RUNTIME_OWNER);
	assert_int_equal(f.owner, STRANGER);
	/* root's: fine, not given away when not made here */
	assert_int_equal(chown(d, 0, 0), 0);
	assert_int_equal(chmod(d, 0755), 0);
	assert_int_equal(kam_runtime_prepare(d, &u, &f), 0);
	assert_int_equal(stat(d, &st), 0);
	assert_int_equal(st.st_uid, 0);
	rmdir(d);
}

static void refused(void **state)
{
	struct path_user u = { .uid = (uid_t)-1, .gid = (gid_t)-1 };
	struct kam_runtime_fail f;
	char d[PATH_MAX], l[PATH_MAX], m[PATH_MAX];

	(void)state;
	path(d, "real");
	path(l, "link");
	path(m, "missing/run");
	assert_int_equal(mkdir(d, 0755), 0);
	assert_int_equal(symlink(d, l), 0);
	assert_int_equal(kam_runtime_prepare(l, &u, &f), -ELOOP);
	assert_int_equal(f.step, KAM_RUNTIME_OPEN);
	assert_int_equal(kam_runtime_prepare(m, &u, &f), -ENOENT);
	assert_int_equal(f.step, KAM_RUNTIME_MKDIR);
	/* nobody in particular (stay root): no owner to give it to */
	assert_int_equal(kam_runtime_prepare(d, &u, &f), 0);
	unlink(l);
	rmdir(d);
}

static void unreachable(void **state)
{
	struct path_user u = { .uid = USER, .gid = USER };
	struct path_user root = { .uid = 0, .gid = 0 };
	struct kam_runtime_fail f;
	char closed[PATH_MAX], d[PATH_MAX];

	(void)state;
	if (geteuid() != 0)
		skip();
	path(closed, "closed");
	path(d, "closed/run");
	assert_int_equal(mkdir(closed, 0700), 0);
	assert_int_equal(kam_runtime_prepare(d, &u, &f), -EACCES);
	assert_int_equal(f.step, KAM_RUNTIME_REACH);
	assert_string_equal(f.blocker, closed);
	assert_int_equal(f.blocker_mode & 07777, 0700);
	/* root reaches anything; a user, once it may search the way */
	assert_int_equal(kam_runtime_reachable(d, &root, &f), 0);
	assert_int_equal(chmod(closed, 0711), 0);
	assert_int_equal(kam_runtime_reachable(d, &u, &f), 0);
	rmdir(d);
	rmdir(closed);
}

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(top))
		return -1;
	return chmod(top, 0755);
}

static int teardown(void **state)
{
	(void)state;
	return rmdir(top);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(made_and_given),
		cmocka_unit_test(refused),
		cmocka_unit_test(unreachable),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
