/* lib/kam/kam_runtime.h: Kamailio's runtime directory, made and given to the user it runs as.
 * Its parent may be writable by that user too (a dir under /run/kamailio): the directory is
 * opened without following a symlink, checked and chowned through the fd, so root never acts
 * on a file that a symlink swapped in between names. */
#ifndef SIPHA_KAM_RUNTIME_H
#define SIPHA_KAM_RUNTIME_H

#include <limits.h>
#include <sys/types.h>

#include "core/pathaccess.h"

/* The step of kam_runtime_prepare() that failed, and what a reason needs to name. */
struct kam_runtime_fail {
	enum {
		KAM_RUNTIME_MKDIR,	/* mkdir failed (not EEXIST) */
		KAM_RUNTIME_OPEN,	/* open or fstat failed; -ELOOP: it is a symlink */
		KAM_RUNTIME_OWNER,	/* owned by @owner, neither root nor the user */
		KAM_RUNTIME_CHOWN,	/* fchown of a directory just made failed */
		KAM_RUNTIME_REACH,	/* the user may not search @blocker (mode @blocker_mode) */
	} step;
	uid_t owner;
	char blocker[PATH_MAX];
	mode_t blocker_mode;
};

/* Makes @dir (mode 0770) when missing and then gives it to @u (uid/gid -1: left as they
 * are); refuses a symlink and a directory owned by anyone but root or @u; checks that @u can
 * reach it (kam_runtime_reachable()). Returns 0, or -errno with the failed step (and what it
 * names) in @ret_fail: -EPERM for a foreign owner, -EACCES when @u cannot reach it. */
int kam_runtime_prepare(const char *dir, const struct path_user *u,
			struct kam_runtime_fail *ret_fail);

/* Kamailio, once it has dropped root, answers RPC into the runtime dir: a directory on the
 * way that @u may not search makes every reply fail (EACCES) and a start time out without a
 * word. Returns 0 when @u can reach @dir, is root or nobody in particular (uid -1), or when
 * that cannot be told (a component cannot be examined); -EACCES with the blocking directory
 * and its mode in @ret_fail (step KAM_RUNTIME_REACH) when it cannot. */
int kam_runtime_reachable(const char *dir, const struct path_user *u,
			  struct kam_runtime_fail *ret_fail);

#endif
