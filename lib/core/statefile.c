/* lib/core/statefile.c: atomic replace and bounded read of small state files. */
#include "core/statefile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

static int write_all(int fd, const char *p, size_t len)
{
	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Creates @tmp afresh. Never opens what is already at the name: a symlink there is refused
 * (-ELOOP), anything else (a NAME.tmp left by a killed writer, a hard link to another file)
 * is unlinked first, so O_TRUNC can never reach another file. */
static int create_fresh(const char *tmp)
{
	struct stat st;

	for (int tries = 0; tries < 3; tries++) {
		int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);

		if (fd >= 0 || errno != EEXIST)
			return fd >= 0 ? fd : -errno;
		if (lstat(tmp, &st) == 0 && S_ISLNK(st.st_mode))
			return -ELOOP;
		if (unlink(tmp) < 0 && errno != ENOENT)
			return -errno;
	}
	return -EEXIST;
}

int statefile_write(const char *path, const void *data, size_t len)
{
	char tmp[PATH_MAX];
	int fd, r;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp))
		return -ENAMETOOLONG;
	fd = create_fresh(tmp);
	if (fd < 0)
		return fd;
	r = write_all(fd, data, len);
	if (close(fd) < 0 && !r)
		r = -errno;
	if (!r && rename(tmp, path) < 0)
		r = -errno;
	if (r)
		unlink(tmp);
	return r;
}

ssize_t statefile_read(const char *path, char *buf, size_t len, time_t *mtime)
{
	struct stat st;
	size_t got = 0;
	int fd;

	if (len < 1)
		return -EINVAL;
	/* Some of these files sit where another user may write (Kamailio's pidfile in its
	 * runtime dir): no symlink followed, and nothing but a regular file read (a FIFO would
	 * block the read for ever; O_NONBLOCK keeps the open itself from blocking on one). */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0) {
		int e = errno;

		close(fd);
		return -e;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return -EINVAL;
	}
	if (mtime)
		*mtime = st.st_mtime;
	while (got < len - 1) {
		ssize_t n = read(fd, buf + got, len - 1 - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;

			close(fd);
			return -e;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	buf[got] = '\0';
	return (ssize_t)got;
}
