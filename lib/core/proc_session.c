/* lib/core/proc_session.c: walking a recorded daemon's session: its leader's children while it
 * lives, every process of the session in /proc once it is gone. */
#include "core/proc_session.h"
#include "core/proc_internal.h"
#include "core/statefile.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

/* A session's id is its leader's pid. The kernel does not hand that number to a new process
 * while anything still uses it as its session, so once a live process holds it and is not
 * our leader, our session has ended and this is another one (another Kamailio instance
 * started after ours died): none of it is ours. Returns 1 then, 0 when the session may be
 * ours, or -errno. */
static int session_reused(const struct proc_id *id)
{
	struct proc_id leader = *id;
	struct proc_stat st;
	int r;

	if (id->session != id->pid)
		return 0;	/* not recorded as a leader: nothing to compare */
	r = proc_stat_read(id->session, &st);
	if (r == -ESRCH)
		return 0;
	if (r < 0)
		return r;
	if (st.state == 'Z' || st.state == 'X')
		return 0;
	leader.pid = id->session;
	r = proc__id_matches(&leader, id->session, &st);
	return r < 0 ? r : !r;
}

/* Walks the processes of @id's session that run its exe and started no earlier than it:
 * signals each with @sig (0 checks only) through a pidfd; counts them, and those stopped. */
static int session_walk(const struct proc_id *id, int sig, int *ret_stopped)
{
	DIR *d;
	struct dirent *e;
	int n = 0, stopped = 0, r = session_reused(id);

	if (r)
		return r < 0 ? r : 0;
	d = opendir("/proc");
	if (!d)
		return -errno;
	while ((e = readdir(d))) {
		struct proc_stat st;
		struct proc_id member;
		char *end;
		long v = strtol(e->d_name, &end, 10);

		if (*end || v <= 1)
			continue;
		if (proc_stat_read((pid_t)v, &st) < 0 || st.session != id->session ||
		    st.start < id->start || st.state == 'Z' || st.state == 'X')
			continue;
		if (proc_exe_is((pid_t)v, id->exe) != 1)
			continue;
		/* the same checks again under a pidfd, against this process's own start */
		member = *id;
		member.pid = (pid_t)v;
		member.start = st.start;
		if (proc__signal_if_match(&member, (pid_t)v, sig) == 0) {
			n++;
			if (st.state == 'T' || st.state == 't')
				stopped++;
		}
	}
	closedir(d);
	if (ret_stopped)
		*ret_stopped = stopped;
	return n;
}

int proc_session_signal(const struct proc_id *id, int sig)
{
	return session_walk(id, sig, NULL);
}

/* The fast way while the leader lives: its direct children, listed by the kernel in
 * /proc/PID/task/PID/children, instead of every process on the host. -ENOENT when the file
 * is not there (kernel without CONFIG_PROC_CHILDREN) or the leader is gone. */
static int children_count(const struct proc_id *id, int *ret_stopped)
{
	char path[96], buf[4096], *p, *end;
	int n = 0, stopped = 0, r;
	struct proc_stat st;

	if (proc_id_alive(id, &st) != 1)
		return -ENOENT;
	n = 1;
	stopped = st.state == 'T' || st.state == 't';
	snprintf(path, sizeof(path), "/proc/%d/task/%d/children", (int)id->pid, (int)id->pid);
	r = (int)statefile_read(path, buf, sizeof(buf), NULL);
	/* a full buffer may have cut the list: let the caller walk /proc instead */
	if (r < 0 || (size_t)r >= sizeof(buf) - 1)
		return -ENOENT;
	for (p = buf;; p = end) {
		struct proc_id member = *id;
		long v = strtol(p, &end, 10);

		if (end == p)
			break;
		member.pid = (pid_t)v;
		if (proc_stat_read(member.pid, &st) < 0 || st.session != id->session ||
		    st.state == 'Z' || st.state == 'X')
			continue;
		member.start = st.start;
		if (st.start < id->start || proc__id_matches(&member, member.pid, &st) != 1)
			continue;
		n++;
		if (st.state == 'T' || st.state == 't')
			stopped++;
	}
	if (ret_stopped)
		*ret_stopped = stopped;
	return n;
}

int proc_session_count(const struct proc_id *id, int *ret_stopped)
{
	int n = children_count(id, ret_stopped);

	return n >= 0 ? n : session_walk(id, 0, ret_stopped);
}
