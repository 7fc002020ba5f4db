/* lib/kam/kam_runtime.c: Kamailio's runtime directory, made and given to the user it runs as. */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kam/kam_runtime.h"

int kam_runtime_reachable(const char *dir, const struct path_user *u,
			  struct kam_runtime_fail *ret_fail)
{
	ret_fail->blocker_mode = 0;
	if (u->uid == (uid_t)-1 || u->uid == 0)
		return 0;
	if (path_reachable(dir, u, ret_fail->blocker, sizeof(ret_fail->blocker),
			   &ret_fail->blocker_mode) != -EACCES)
		return 0;
	ret_fail->step = KAM_RUNTIME_REACH;
	return -EACCES;
}

/* Opens @dir without following a symlink. Returns the fd with its stat in @st, or -errno:
 * -ELOOP when @dir is a symlink (with O_DIRECTORY the kernel says ENOTDIR). */
static int runtime_open(const char *dir, struct stat *st)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC), r;

	if (fd >= 0 && fstat(fd, st) == 0)
		return fd;
	r = errno;
	if (fd >= 0)
		close(fd);
	if (lstat(dir, st) == 0 && S_ISLNK(st->st_mode))
		r = ELOOP;
	return -r;
}

int kam_runtime_prepare(const char *dir, const struct path_user *u,
			struct kam_runtime_fail *ret_fail)
{
	struct stat st;
	bool made = mkdir(dir, 0770) == 0;
	int fd, r;

	if (!made && errno != EEXIST) {
		ret_fail->step = KAM_RUNTIME_MKDIR;
		return -errno;
	}
	fd = runtime_open(dir, &st);
	if (fd < 0) {
		ret_fail->step = KAM_RUNTIME_OPEN;
		return fd;
	}
	if (st.st_uid != 0 && st.st_uid != u->uid) {
		close(fd);
		ret_fail->step = KAM_RUNTIME_OWNER;
		ret_fail->owner = st.st_uid;
		return -EPERM;
	}
	r = made && (u->uid != (uid_t)-1 || u->gid != (gid_t)-1) ? fchown(fd, u->uid, u->gid) : 0;
	r = r < 0 ? errno : 0;
	close(fd);
	if (r) {
		ret_fail->step = KAM_RUNTIME_CHOWN;
		return -r;
	}
	return kam_runtime_reachable(dir, u, ret_fail);
}
