/* lib/core/procscan.c: finding a process by its command name through /proc. */
#include "core/procscan.h"
#include "core/proc_stat.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static int live_named(const struct proc_stat *st, const char *comm)
{
	return st->state != 'Z' && st->state != 'X' && !strcmp(st->comm, comm);
}

int procscan_find_comm(const char *comm, struct proc_who *ret)
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
		if (*end || pid <= 0 || proc_stat_read((pid_t)pid, &st) < 0 || !live_named(&st, comm))
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
