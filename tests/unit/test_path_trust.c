/* tests/unit/test_path_trust.c: what root may rely on, from mode bits and along a real tree
 * under a private directory (root: chown needs it; skipped otherwise, failed under CI). */
#include <errno.h>
#include <ftw.h>
#include <limits.h>
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

#include "core/path_trust.h"

enum { NOBODY = 65534 };

static void entry_bits(void **state)
{
	(void)state;
	assert_true(path_entry_trusted(S_IFDIR | 0755, 0, 0));
	assert_true(path_entry_trusted(S_IFREG | 0644, 0, 0));
	/* group write: only for group root */
	assert_true(path_entry_trusted(S_IFDIR | 0775, 0, 0));
	assert_false(path_entry_trusted(S_IFDIR | 0775, 0, 100));
	/* others may write: only a sticky directory (/tmp) */
	assert_true(path_entry_trusted(S_IFDIR | 01777, 0, 0));
	assert_false(path_entry_trusted(S_IFDIR | 0777, 0, 0));
	assert_false(path_entry_trusted(S_IFREG | 01777, 0, 0));
	/* another owner: never, whatever the mode */
	assert_false(path_entry_trusted(S_IFREG | 0600, NOBODY, 0));
	assert_false(path_entry_trusted(S_IFDIR | 01777, NOBODY, 0));
	/* a symlink's mode means nothing; its owner does */
	assert_true(path_entry_trusted(S_IFLNK | 0777, 0, 0));
	assert_false(path_entry_trusted(S_IFLNK | 0777, NOBODY, 0));
}

static char top[64];

static void at(char *buf, const char *rel)
{
	snprintf(buf, PATH_MAX, "%s/%s", top, rel);
}

static void make_dir(const char *rel, mode_t mode, uid_t uid)
{
	char p[PATH_MAX];

	at(p, rel);
	assert_int_equal(mkdir(p, 0700), 0);
	assert_int_equal(chown(p, uid, 0), 0);
	assert_int_equal(chmod(p, mode), 0);
}

static void make_file(const char *rel, mode_t mode, uid_t uid)
{
	char p[PATH_MAX];
	FILE *f;

	at(p, rel);
	f = fopen(p, "w");
	assert_non_null(f);
	fclose(f);
	assert_int_equal(chown(p, uid, 0), 0);
	assert_int_equal(chmod(p, mode), 0);
}

static void make_link(const char *rel, const char *target, uid_t uid)
{
	char p[PATH_MAX];

	at(p, rel);
	assert_int_equal(symlink(target, p), 0);
	assert_int_equal(lchown(p, uid, 0), 0);
}

/* expect REL RESULT [WHY-PART]: path_trusted() of top/REL */
static void expect(const char *rel, int want, const char *why_part)
{
	char p[PATH_MAX], why[PATH_MAX + 128] = "";
	int r;

	at(p, rel);
	r = path_trusted(p, why, sizeof(why));
	if (r != want || (why_part && !strstr(why, why_part)))
		fail_msg("%s: %d '%s', want %d '%s'", rel, r, why, want, why_part ? why_part : "");
}

static int tree_up(void **state)
{
	char tmpl[] = "/tmp/sipha-trust-XXXXXX";

	(void)state;
	if (geteuid() != 0)
		return 0;
	if (!mkdtemp(tmpl))
		return -1;
	snprintf(top, sizeof(top), "%s", tmpl);
	return chmod(top, 0755);
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)flag;
	(void)f;
	return remove(path);
}

static int tree_down(void **state)
{
	(void)state;
	return top[0] ? nftw(top, remove_entry, 16, FTW_DEPTH | FTW_PHYS) : 0;
}

static void real_tree(void **state)
{
	char p[PATH_MAX];

	(void)state;
	if (geteuid() != 0) {
		if (getenv("CI") && !strcmp(getenv("CI"), "true"))
			fail_msg("needs root (CI runs as root)");
		skip();
	}
	/* the tree: top 0755 root
	 *   ok/      0755 root: bin 0755 root, cfg 0644 root
	 *   tmp/     01777 root (sticky, as /tmp): mine 0644 root, theirs 0644 nobody,
	 *            link-root -> ../ok/cfg (root's), link-theirs -> ../ok/cfg (nobody's)
	 *   ww/      0777 root: cfg 0644 root
	 *   grp/     0775 root:root: cfg
	 *   owned/   0755 nobody: cfg 0644 root
	 *   ok/to-ww -> ../ww/cfg (a root link to a bad place)
	 *   loop -> loop */
	make_dir("ok", 0755, 0);
	make_file("ok/bin", 0755, 0);
	make_file("ok/cfg", 0644, 0);
	make_file("ok/wcfg", 0666, 0);
	make_dir("tmp", 01777, 0);
	make_file("tmp/mine", 0644, 0);
	make_file("tmp/theirs", 0644, NOBODY);
	make_link("tmp/link-root", "../ok/cfg", 0);
	make_link("tmp/link-theirs", "../ok/cfg", NOBODY);
	make_dir("ww", 0777, 0);
	make_file("ww/cfg", 0644, 0);
	make_dir("grp", 0775, 0);
	make_file("grp/cfg", 0644, 0);
	make_dir("owned", 0755, NOBODY);
	make_file("owned/cfg", 0644, 0);
	make_link("ok/to-ww", "../ww/cfg", 0);
	at(p, "ok/cfg");
	make_link("abs", p, 0);
	make_link("loop", "loop", 0);

	expect("ok/bin", 0, NULL);
	expect("ok/cfg", 0, NULL);
	expect("ok/./cfg", 0, NULL);
	expect("tmp/../ok/cfg", 0, NULL);
	expect("abs", 0, NULL);
	expect("ok/wcfg", -EPERM, "ok/wcfg is writable by other users (mode 0666)");
	/* a sticky directory: root's entries are safe there, another user's are not */
	expect("tmp/mine", 0, NULL);
	expect("tmp/theirs", -EPERM, "tmp/theirs belongs to uid 65534");
	expect("tmp/link-root", 0, NULL);
	expect("tmp/link-theirs", -EPERM, "tmp/link-theirs belongs to uid 65534");
	/* a directory others may write, without the sticky bit: anything in it can be swapped */
	expect("ww/cfg", -EPERM, "/ww is writable by other users (mode 0777)");
	expect("ok/to-ww", -EPERM, "/ww is writable by other users");
	expect("grp/cfg", 0, NULL);
	expect("owned/cfg", -EPERM, "/owned belongs to uid 65534");
	expect("loop", -ELOOP, NULL);
	expect("missing", -ENOENT, "missing");
	expect("ok/cfg/x", -ENOTDIR, NULL);
	assert_int_equal(path_trusted("relative/path", p, sizeof(p)), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(entry_bits),
		cmocka_unit_test(real_tree),
	};

	return cmocka_run_group_tests(tests, tree_up, tree_down);
}
