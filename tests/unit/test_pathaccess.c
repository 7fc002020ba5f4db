/* tests/unit/test_pathaccess.c: search permission for another user, from mode bits and along
 * a real directory tree; the user lookup's deadline against a hanging NSS. */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
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

#include "core/clock.h"
#include "core/pathaccess.h"

enum { OWNER = 1000, GROUP = 1000, OTHER = 2000, OTHERGRP = 2000, NOBODY = 65534 };

static void owner_group_other_bits(void **state)
{
	gid_t supp[] = { 5, GROUP };

	(void)state;
	/* the owner is judged by the user bits only, even when others may */
	assert_false(path_may_search(0077, OWNER, GROUP, OWNER, GROUP, NULL, 0));
	assert_true(path_may_search(0100, OWNER, GROUP, OWNER, GROUP, NULL, 0));
	/* primary or supplementary group: group bits */
	assert_true(path_may_search(0010, OWNER, GROUP, OTHER, GROUP, NULL, 0));
	assert_true(path_may_search(0010, OWNER, GROUP, OTHER, OTHERGRP, supp, 2));
	assert_false(path_may_search(0701, OWNER, GROUP, OTHER, OTHERGRP, supp, 2));
	/* anyone else: other bits */
	assert_false(path_may_search(0770, OWNER, GROUP, OTHER, OTHERGRP, NULL, 0));
	assert_true(path_may_search(0001, OWNER, GROUP, OTHER, OTHERGRP, NULL, 0));
	/* root may always */
	assert_true(path_may_search(0000, OWNER, GROUP, 0, 0, NULL, 0));
}

static const struct path_user nobody = { .uid = NOBODY, .gid = NOBODY };
static struct path_user me;

static char tree[64];

static int tree_setup(void **state)
{
	char p[128];

	(void)state;
	snprintf(tree, sizeof(tree), "/tmp/sipha-pa-XXXXXX");
	if (!mkdtemp(tree))
		return -1;
	chmod(tree, 0755);
	snprintf(p, sizeof(p), "%s/open", tree);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/closed", tree);
	mkdir(p, 0700);
	snprintf(p, sizeof(p), "%s/closed/inner", tree);
	mkdir(p, 0755);
	return 0;
}

static int tree_teardown(void **state)
{
	char p[128];

	(void)state;
	snprintf(p, sizeof(p), "%s/closed/inner", tree);
	rmdir(p);
	snprintf(p, sizeof(p), "%s/closed", tree);
	rmdir(p);
	snprintf(p, sizeof(p), "%s/open", tree);
	rmdir(p);
	rmdir(tree);
	return 0;
}

static void reachable_through_open_dirs(void **state)
{
	char path[160], blocker[128] = "";

	(void)state;
	snprintf(path, sizeof(path), "%s/open/run", tree);	/* run does not exist yet */
	assert_int_equal(path_reachable(path, &nobody, blocker, sizeof(blocker),
					NULL), 0);
	snprintf(path, sizeof(path), "%s/open", tree);
	assert_int_equal(path_reachable(path, &nobody, blocker, sizeof(blocker),
					NULL), 0);
}

static void blocked_by_a_closed_dir(void **state)
{
	char path[160], want[128], blocker[128] = "";
	mode_t mode = 0;

	(void)state;
	snprintf(path, sizeof(path), "%s/closed/inner/run", tree);
	snprintf(want, sizeof(want), "%s/closed", tree);
	assert_int_equal(path_reachable(path, &nobody, blocker, sizeof(blocker),
					&mode), -EACCES);
	assert_string_equal(blocker, want);
	assert_int_equal(mode, 0700);
	/* the closed dir itself as the target, with a trailing slash */
	snprintf(path, sizeof(path), "%s/closed/", tree);
	assert_int_equal(path_reachable(path, &nobody, blocker, sizeof(blocker),
					&mode), -EACCES);
	/* the owner (whoever runs the test) passes */
	me.uid = getuid();
	me.gid = getgid();
	assert_int_equal(path_reachable(want, &me, blocker,
					sizeof(blocker), NULL), 0);
}

static void missing_middle_and_bad_input(void **state)
{
	char path[160], blocker[128];

	(void)state;
	snprintf(path, sizeof(path), "%s/nope/run", tree);
	assert_int_equal(path_reachable(path, &nobody, blocker, sizeof(blocker),
					NULL), -ENOENT);
	assert_int_equal(path_reachable("relative/run", &nobody, blocker,
					sizeof(blocker), NULL), -EINVAL);
}

/* NSS as the lookup sees it: these override libc's for lib/core/pathaccess.c too. "slow" hangs the
 * way an unreachable LDAP server does (bounded here, so the abandoned thread ends). */
int getpwnam_r(const char *name, struct passwd *pw, char *buf, size_t len, struct passwd **ret)
{
	*ret = NULL;
	if (!strcmp(name, "slow"))
		sleep(3);
	if (strcmp(name, "kam"))
		return 0;
	memset(pw, 0, sizeof(*pw));
	pw->pw_uid = 4100;
	pw->pw_gid = 4200;
	*ret = pw;
	return 0;
}

int getgrnam_r(const char *name, struct group *gr, char *buf, size_t len, struct group **ret)
{
	*ret = NULL;
	if (strcmp(name, "kamgrp"))
		return 0;
	memset(gr, 0, sizeof(*gr));
	gr->gr_gid = 4300;
	*ret = gr;
	return 0;
}

int getgrouplist(const char *user, gid_t gid, gid_t *groups, int *ngroups)
{
	if (*ngroups < 2) {
		*ngroups = 2;
		return -1;
	}
	groups[0] = gid;
	groups[1] = 4400;
	*ngroups = 2;
	return 2;
}

static void lookup_finds_user_and_group(void **state)
{
	struct path_user u = { 0 };

	(void)state;
	assert_int_equal(path_user_lookup("kam", NULL, clock_now_ms() + 2000, &u), 0);
	assert_int_equal(u.uid, 4100);
	assert_int_equal(u.gid, 4200);
	assert_int_equal(u.ngroups, 2);
	assert_int_equal(u.groups[1], 4400);
	assert_int_equal(path_user_lookup("kam", "kamgrp", clock_now_ms() + 2000, &u), 0);
	assert_int_equal(u.gid, 4300);
	assert_int_equal(path_user_lookup("ghost", NULL, clock_now_ms() + 2000, &u), -ESRCH);
	assert_int_equal(path_user_lookup("kam", "nogrp", clock_now_ms() + 2000, &u), -ENXIO);
}

/* A hanging NSS backend costs the caller its deadline, not the operation. */
static void lookup_ends_at_deadline(void **state)
{
	struct path_user u = { .uid = 77 };
	int64_t t0 = clock_now_ms();

	(void)state;
	assert_int_equal(path_user_lookup("slow", NULL, t0 + 200, &u), -ETIMEDOUT);
	assert_true(clock_now_ms() - t0 >= 190);
	assert_true(clock_now_ms() - t0 < 1000);
	assert_int_equal(u.uid, 77);	/* untouched */
	/* a deadline already past: no wait at all */
	t0 = clock_now_ms();
	assert_int_equal(path_user_lookup("slow", NULL, t0 - 5, &u), -ETIMEDOUT);
	assert_true(clock_now_ms() - t0 < 100);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(owner_group_other_bits),
		cmocka_unit_test(reachable_through_open_dirs),
		cmocka_unit_test(blocked_by_a_closed_dir),
		cmocka_unit_test(missing_middle_and_bad_input),
		cmocka_unit_test(lookup_finds_user_and_group),
		cmocka_unit_test(lookup_ends_at_deadline),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, tree_setup, tree_teardown);
}
