/* lib/core/path_trust.c: judges each directory on a path, and the entry, as root would rely
 * on it; symlinks are judged where they lie, then followed. */
#include "path_trust.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TRUST_MAX_LINKS 40

int path_entry_trusted(mode_t mode, uid_t uid, gid_t gid)
{
	if (uid != 0)
		return 0;
	/* a symlink's own mode means nothing: who owns it decides where it points */
	if (S_ISLNK(mode))
		return 1;
	if ((mode & S_IWGRP) && gid != 0)
		return 0;
	/* a sticky directory others may write (/tmp): they may add entries, not replace
	 * root's, so it is a trusted way to what root owns in it */
	if ((mode & S_IWOTH) && !(S_ISDIR(mode) && (mode & S_ISVTX)))
		return 0;
	return 1;
}

static int untrusted(const char *entry, const struct stat *st, char *why, size_t why_len)
{
	if (st->st_uid != 0)
		snprintf(why, why_len, "%s belongs to uid %u, not root", entry, (unsigned)st->st_uid);
	else
		snprintf(why, why_len, "%s is writable by other users (mode %04o)", entry,
			 (unsigned)(st->st_mode & 07777));
	return -EPERM;
}

/* @dir (an absolute path, "/" at the top) becomes its parent. */
static void to_parent(char *dir)
{
	char *slash = strrchr(dir, '/');

	if (slash && slash != dir)
		*slash = '\0';
	else
		strcpy(dir, "/");
}

static int failed(const char *entry, int err, char *why, size_t why_len)
{
	snprintf(why, why_len, "%s: %s", entry, strerror(err));
	return -err;
}

int path_trusted(const char *path, char *why, size_t why_len)
{
	char todo[PATH_MAX], done[PATH_MAX], target[PATH_MAX], next[PATH_MAX];
	int links = 0;
	struct stat st;

	if (!path || path[0] != '/')
		return failed(path ? path : "(none)", EINVAL, why, why_len);
	if (strlen(path) >= sizeof(todo))
		return failed(path, ENAMETOOLONG, why, why_len);
	strcpy(todo, path);
	strcpy(done, "/");
	if (lstat("/", &st) < 0)
		return failed("/", errno, why, why_len);
	if (!path_entry_trusted(st.st_mode, st.st_uid, st.st_gid))
		return untrusted("/", &st, why, why_len);

	for (char *rest = todo; *rest;) {
		char *name, *end;
		size_t dl = strlen(done);
		ssize_t n;

		while (*rest == '/')
			rest++;
		if (!*rest)
			break;
		name = rest;
		end = strchr(rest, '/');
		rest = end ? end + 1 : rest + strlen(rest);
		if (end)
			*end = '\0';
		if (!strcmp(name, "."))
			continue;
		if (!strcmp(name, "..")) {
			/* back up in what was judged: the parent was judged on the way down */
			to_parent(done);
			continue;
		}
		if (dl + 1 + strlen(name) >= sizeof(done))
			return failed(path, ENAMETOOLONG, why, why_len);
		if (strcmp(done, "/"))
			strcat(done, "/");
		strcat(done, name);
		if (lstat(done, &st) < 0)
			return failed(done, errno, why, why_len);
		if (!path_entry_trusted(st.st_mode, st.st_uid, st.st_gid))
			return untrusted(done, &st, why, why_len);
		if (S_ISLNK(st.st_mode)) {
			if (++links > TRUST_MAX_LINKS)
				return failed(path, ELOOP, why, why_len);
			n = readlink(done, target, sizeof(target) - 1);
			if (n < 0)
				return failed(done, errno, why, why_len);
			target[n] = '\0';
			/* a relative target starts in the link's directory */
			if (target[0] == '/')
				strcpy(done, "/");
			else
				to_parent(done);
			if (snprintf(next, sizeof(next), "%s/%s", target, rest) >= (int)sizeof(next))
				return failed(path, ENAMETOOLONG, why, why_len);
			strcpy(todo, next);
			rest = todo;
			continue;
		}
		if (*rest && !S_ISDIR(st.st_mode))
			return failed(done, ENOTDIR, why, why_len);
	}
	return 0;
}
