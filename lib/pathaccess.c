/* lib/pathaccess.c: search permission along a path, for a user other than the caller. */
#include "lib/pathaccess.h"

#include <errno.h>
#include <grp.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_GROUPS 64

int path_may_search(mode_t mode, uid_t owner, gid_t group, uid_t uid, gid_t gid,
		    const gid_t *groups, int ngroups)
{
	if (uid == 0)
		return 1;
	if (uid == owner)
		return (mode & S_IXUSR) != 0;
	int member = gid == group;

	for (int i = 0; !member && i < ngroups; i++)
		member = groups[i] == group;
	if (member)
		return (mode & S_IXGRP) != 0;
	return (mode & S_IXOTH) != 0;
}

/* Checks one directory; 1 when searchable, 0 when not, -errno on failure to stat. */
static int dir_ok(const char *dir, uid_t uid, gid_t gid, const gid_t *groups, int ngroups,
		  mode_t *mode)
{
	struct stat st;

	if (stat(dir, &st) < 0)
		return -errno;
	*mode = st.st_mode & 07777;
	if (!S_ISDIR(st.st_mode))
		return 1;
	return path_may_search(st.st_mode, st.st_uid, st.st_gid, uid, gid, groups, ngroups);
}

/* Checks directory @dir (a prefix of the path); fills the blocker when it is not searchable. */
static int check_prefix(const char *dir, uid_t uid, gid_t gid, const gid_t *groups,
			int ngroups, char *blocker, size_t blocker_len, mode_t *blocker_mode)
{
	mode_t mode = 0;
	int r = dir_ok(dir, uid, gid, groups, ngroups, &mode);

	if (r != 0)
		return r < 0 ? r : 0;
	snprintf(blocker, blocker_len, "%s", dir);
	if (blocker_mode)
		*blocker_mode = mode;
	return -EACCES;
}

int path_reachable(const char *path, const char *user, uid_t uid, gid_t gid, char *blocker,
		   size_t blocker_len, mode_t *blocker_mode)
{
	gid_t groups[MAX_GROUPS];
	int ngroups = MAX_GROUPS;
	char dir[4096];
	size_t len = strlen(path);
	int r;

	if (path[0] != '/' || len >= sizeof(dir))
		return -EINVAL;
	if (!user || getgrouplist(user, gid, groups, &ngroups) < 0)
		ngroups = 0;	/* too many groups: judge by the primary one */
	r = check_prefix("/", uid, gid, groups, ngroups, blocker, blocker_len, blocker_mode);
	/* then every prefix that ends before a '/', and the whole path */
	for (size_t i = 1; r == 0 && i <= len; i++) {
		if (i < len && path[i] != '/')
			continue;
		memcpy(dir, path, i);
		dir[i] = '\0';
		r = check_prefix(dir, uid, gid, groups, ngroups, blocker, blocker_len,
				 blocker_mode);
		if (r == -ENOENT && i == len)
			r = 0;	/* the last component may not exist yet */
	}
	return r;
}
