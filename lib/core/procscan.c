/* lib/core/procscan.c: finding a process by its command name or command line through /proc. */
#include "core/procscan.h"
#include "core/proc_stat.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int live(const struct proc_stat *st)
{
	return st->state != 'Z' && st->state != 'X';
}

static int live_named(const struct proc_stat *st, const char *comm)
{
	return live(st) && !strcmp(st->comm, comm);
}

/* The oldest process whose stat @match accepts (with @arg), walking /proc once. */
static int find_oldest(int (*match)(const struct proc_stat *st, const void *arg),
		       const void *arg, struct proc_who *ret)
{
	DIR *d = opendir("/proc");
	struct proc_who best = { 0 };
	struct dirent *e;

	if (!d)
		return -errno;
	while ((e = readdir(d))) {
		struct proc_stat st;
		char *end;
		long pid;

		if (!isdigit((unsigned char)e->d_name[0]))
			continue;
		pid = strtol(e->d_name, &end, 10);
		if (*end || pid <= 0 || proc_stat_read((pid_t)pid, &st) < 0 || !match(&st, arg))
			continue;
		if (!best.pid || st.start < best.start)
			best = (struct proc_who){ .pid = st.pid, .start = st.start };
	}
	closedir(d);
	if (!best.pid)
		return -ESRCH;
	*ret = best;
	return 0;
}

static int comm_matches(const struct proc_stat *st, const void *comm)
{
	return live_named(st, comm);
}

int procscan_find_comm(const char *comm, struct proc_who *ret)
{
	return find_oldest(comm_matches, comm, ret);
}

int procscan_is(const struct proc_who *who, const char *comm)
{
	struct proc_stat st;
	int r = proc_stat_read(who->pid, &st);

	if (r == -ESRCH)
		return 0;
	if (r < 0)
		return r;
	return live_named(&st, comm) && st.start == who->start;
}

/* Whether /proc/@pid/cmdline holds @flag then @value as consecutive arguments (the first
 * 64 KiB of it: a Kamailio's arguments are far fewer). */
static int has_args(pid_t pid, const char *flag, const char *value)
{
	static char buf[65536];
	char path[64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/cmdline", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	for (char *a = buf, *end = buf + n; a < end; a += strlen(a) + 1) {
		char *next = a + strlen(a) + 1;

		if (next < end && !strcmp(a, flag) && !strcmp(next, value))
			return 1;
	}
	return 0;
}

struct leader_args {
	const char *flag, *value;
};

static int leader_with_args(const struct proc_stat *st, const void *arg)
{
	const struct leader_args *a = arg;

	return live(st) && st->session == st->pid && has_args(st->pid, a->flag, a->value);
}

int procscan_find_leader_args(const char *flag, const char *value, struct proc_who *ret)
{
	const struct leader_args a = { flag, value };

	return find_oldest(leader_with_args, &a, ret);
}
