/* lib/core/pathaccess.h: can a given user reach a path? Kamailio drops root before it creates
 * its control socket and answers on ours; a directory on the way it may not search makes it
 * fail silently (seen with a / of mode 0700). Checked up front, so the reason names the
 * directory instead of a start that times out. */
#ifndef SIPHA_PATHACCESS_H
#define SIPHA_PATHACCESS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Decides from mode bits whether @uid (primary group @gid, supplementary @groups) may search
 * (execute) a directory owned by @owner:@group with @mode. Root may always. */
int path_may_search(mode_t mode, uid_t owner, gid_t group, uid_t uid, gid_t gid,
		    const gid_t *groups, int ngroups);

/* A user as the kernel will judge its access: uid, primary gid and supplementary groups. */
#define PATH_USER_GROUPS 64
struct path_user {
	uid_t uid;
	gid_t gid;
	gid_t groups[PATH_USER_GROUPS];
	int ngroups;		/* 0 when there were more than PATH_USER_GROUPS */
};

/* Looks up @user (its uid, gid and groups; NULL leaves them -1, -1 and none) and, if not NULL
 * or empty, @group (which then replaces the gid) through NSS. NSS may be LDAP or SSSD and hang: the lookup runs in a
 * thread that is waited for until @deadline only, then abandoned (it finishes or dies with the
 * process). Returns 0; -ESRCH when @user does not exist, -ENXIO when @group does not;
 * -ETIMEDOUT at @deadline; or -errno. */
int path_user_lookup(const char *user, const char *group, int64_t deadline,
		     struct path_user *ret);

/* Checks that @u can search every directory from / down to the parent of @path (and @path
 * itself if it is a directory). Returns 0 when it can; -EACCES with the first blocking
 * directory and its mode in @blocker/@blocker_mode; or -errno when a component cannot be
 * examined. */
int path_reachable(const char *path, const struct path_user *u, char *blocker,
		   size_t blocker_len, mode_t *blocker_mode);

#endif
