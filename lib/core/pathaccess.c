/* lib/core/pathaccess.c: search permission along a path, for a user other than the caller, and
 * that user's identity from NSS within a deadline. */
#include "core/pathaccess.h"

#include <errno.h>
#include <grp.h>
#include <pthread.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

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

int path_reachable(const char *path, const struct path_user *u, char *blocker,
		   size_t blocker_len, mode_t *blocker_mode)
{
	char dir[4096];
	size_t len = strlen(path);
	int r;

	if (path[0] != '/' || len >= sizeof(dir))
		return -EINVAL;
	r = check_prefix("/", u->uid, u->gid, u->groups, u->ngroups, blocker, blocker_len,
			 blocker_mode);
	/* then every prefix that ends before a '/', and the whole path */
	for (size_t i = 1; r == 0 && i <= len; i++) {
		if (i < len && path[i] != '/')
			continue;
		memcpy(dir, path, i);
		dir[i] = '\0';
		r = check_prefix(dir, u->uid, u->gid, u->groups, u->ngroups, blocker, blocker_len,
				 blocker_mode);
		if (r == -ENOENT && i == len)
			r = 0;	/* the last component may not exist yet */
	}
	return r;
}

/* One lookup, shared by the caller and the thread doing it; the last of the two to let go
 * frees it, so a caller that gave up does not pull it from under a thread still in NSS. */
struct lookup {
	pthread_mutex_t lock;
	pthread_cond_t done_cond;
	int refs;
	bool done;
	int err;
	char *user, *group;
	struct path_user res;
};

static void lookup_unref(struct lookup *l)
{
	int refs;

	pthread_mutex_lock(&l->lock);
	refs = --l->refs;
	pthread_mutex_unlock(&l->lock);
	if (refs)
		return;
	pthread_cond_destroy(&l->done_cond);
	pthread_mutex_destroy(&l->lock);
	free(l->user);
	free(l->group);
	free(l);
}

/* The NSS calls themselves; 0, -ESRCH, -ENXIO or -errno. */
static int nss_lookup(const char *user, const char *group, struct path_user *u)
{
	char buf[16384];
	struct passwd pw, *pwp = NULL;
	struct group gr, *grp = NULL;
	int r;

	u->uid = (uid_t)-1;
	u->gid = (gid_t)-1;
	u->ngroups = 0;
	if (user) {
		r = getpwnam_r(user, &pw, buf, sizeof(buf), &pwp);
		if (r || !pwp)
			return r && r != ENOENT ? -r : -ESRCH;
		u->uid = pw.pw_uid;
		u->gid = pw.pw_gid;
		u->ngroups = PATH_USER_GROUPS;
		if (getgrouplist(user, pw.pw_gid, u->groups, &u->ngroups) < 0)
			u->ngroups = 0;	/* too many groups: judge by the primary one */
	}
	if (!group || !*group)
		return 0;
	r = getgrnam_r(group, &gr, buf, sizeof(buf), &grp);
	if (r || !grp)
		return r && r != ENOENT ? -r : -ENXIO;
	u->gid = gr.gr_gid;
	return 0;
}

static void *lookup_thread(void *arg)
{
	struct lookup *l = arg;
	struct path_user u = { 0 };
	int r = nss_lookup(l->user, l->group, &u);

	pthread_mutex_lock(&l->lock);
	l->res = u;
	l->err = r;
	l->done = true;
	pthread_cond_signal(&l->done_cond);
	pthread_mutex_unlock(&l->lock);
	lookup_unref(l);
	return NULL;
}

static struct lookup *lookup_new(const char *user, const char *group)
{
	struct lookup *l = calloc(1, sizeof(*l));
	pthread_condattr_t ca;

	if (!l)
		return NULL;
	l->refs = 2;
	l->user = user ? strdup(user) : NULL;
	l->group = group ? strdup(group) : NULL;
	pthread_mutex_init(&l->lock, NULL);
	pthread_condattr_init(&ca);
	/* the deadline is on the monotonic clock, as everywhere in sipha */
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&l->done_cond, &ca);
	pthread_condattr_destroy(&ca);
	if ((user && !l->user) || (group && !l->group)) {
		l->refs = 1;
		lookup_unref(l);
		return NULL;
	}
	return l;
}

int path_user_lookup(const char *user, const char *group, int64_t deadline,
		     struct path_user *ret)
{
	struct lookup *l = lookup_new(user, group);
	struct timespec ts = { .tv_sec = deadline / 1000, .tv_nsec = deadline % 1000 * 1000000 };
	pthread_t t;
	int r;

	if (!l)
		return -ENOMEM;
	r = pthread_create(&t, NULL, lookup_thread, l);
	if (r) {
		l->refs = 1;
		lookup_unref(l);
		return -r;
	}
	pthread_detach(t);
	pthread_mutex_lock(&l->lock);
	while (!l->done && r == 0)
		r = pthread_cond_timedwait(&l->done_cond, &l->lock, &ts);
	if (l->done && !l->err)
		*ret = l->res;
	r = l->done ? l->err : -ETIMEDOUT;
	pthread_mutex_unlock(&l->lock);
	lookup_unref(l);
	return r;
}
