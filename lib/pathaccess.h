/* lib/pathaccess.h: can a given user reach a path? Kamailio drops root before it creates
 * its control socket and answers on ours; a directory on the way it may not search makes it
 * fail silently (seen with a / of mode 0700). Checked up front, so the reason names the
 * directory instead of a start that times out. */
#ifndef SIPHA_PATHACCESS_H
#define SIPHA_PATHACCESS_H

#include <stddef.h>
#include <sys/types.h>

/* Decides from mode bits whether @uid (primary group @gid, supplementary @groups) may search
 * (execute) a directory owned by @owner:@group with @mode. Root may always. */
int path_may_search(mode_t mode, uid_t owner, gid_t group, uid_t uid, gid_t gid,
		    const gid_t *groups, int ngroups);

/* Checks that @uid/@gid (with the supplementary groups of @user, if not NULL) can search
 * every directory from / down to the parent of @path (and @path itself if it is a
 * directory). Returns 0 when it can; -EACCES with the first blocking directory and its mode
 * in @blocker/@blocker_mode; or -errno when a component cannot be examined. */
int path_reachable(const char *path, const char *user, uid_t uid, gid_t gid, char *blocker,
		   size_t blocker_len, mode_t *blocker_mode);

#endif
