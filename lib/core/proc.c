/* lib/core/proc.c: identity of processes through /proc, pidfiles, spawning, signals, waits. */
#include "core/proc.h"
#include "core/statefile.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/clock.h"

/* How long to wait for a child we have just SIGKILLed, past the operation's deadline (the
 * budget keeps a reserve of at least 100 ms to report and exit). */
#define REAP_GRACE_MS 100

static void closep(int *fd)
{
	if (*fd >= 0)
		close(*fd);
}
#define _cleanup_close_ __attribute__((cleanup(closep)))

/* Reads a small file whole; /proc files report size 0 so read until EOF. */
static int read_small(const char *path, char *buf, size_t len)
{
	return (int)statefile_read(path, buf, len, NULL);
}

static int parse_ull(const char *s, char **end, unsigned long long *ret)
{
	if (!isdigit((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	*ret = strtoull(s, end, 10);
	return errno ? -EINVAL : 0;
}

int proc_stat_parse(const char *text, struct proc_stat *ret)
{
	struct proc_stat st = { 0 };
	const char *open = strchr(text, '(');
	const char *close = strrchr(text, ')');
	unsigned long long v;
	char *end;
	size_t n;
	int field;

	if (!open || !close || close < open)
		return -EINVAL;
	if (parse_ull(text, &end, &v) < 0 || end != open - 1 || *end != ' ' || v == 0 ||
	    v > INT32_MAX)
		return -EINVAL;
	st.pid = (pid_t)v;
	n = (size_t)(close - open - 1);
	if (n >= sizeof(st.comm))
		n = sizeof(st.comm) - 1;
	memcpy(st.comm, open + 1, n);
	st.comm[n] = '\0';
	/* field 3 (state) follows ") "; the numbers after it are fields 4.. */
	if (close[1] != ' ' || !close[2] || close[3] != ' ')
		return -EINVAL;
	st.state = close[2];
	end = (char *)close + 3;
	for (field = 4; field <= 22; field++) {
		const char *s = end + 1;
		long long sv;

		if (*end != ' ')
			return -EINVAL;
		if (field <= 8) {
			/* signed fields: ppid, pgrp, session, tty_nr, tpgid (-1 possible) */
			errno = 0;
			if (!(isdigit((unsigned char)*s) || (*s == '-' && isdigit((unsigned char)s[1]))))
				return -EINVAL;
			sv = strtoll(s, &end, 10);
			if (errno)
				return -EINVAL;
			if (field == 4)
				st.ppid = (pid_t)sv;
			else if (field == 5)
				st.pgrp = (pid_t)sv;
			else if (field == 6)
				st.session = (pid_t)sv;
			continue;
		}
		if (parse_ull(s, &end, &v) < 0)
			return -EINVAL;
		if (field == 22)
			st.start = v;
	}
	if (*end != ' ' && *end != '\n' && *end != '\0')
		return -EINVAL;
	*ret = st;
	return 0;
}

int proc_stat_read(pid_t pid, struct proc_stat *ret)
{
	char path[64], buf[1024];
	int r;

	if (pid <= 0)
		return -EINVAL;
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	r = read_small(path, buf, sizeof(buf));
	if (r == -ENOENT)
		return -ESRCH;
	if (r < 0)
		return r;
	return proc_stat_parse(buf, ret);
}

int proc_exe_read(pid_t pid, char *buf, size_t len)
{
	static const char deleted[] = " (deleted)";
	char path[64];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/exe", (int)pid);
	n = readlink(path, buf, len - 1);
	if (n < 0)
		return errno == ENOENT ? -ESRCH : -errno;
	if ((size_t)n >= len - 1)
		return -ENAMETOOLONG;
	buf[n] = '\0';
	if ((size_t)n > sizeof(deleted) - 1 &&
	    strcmp(buf + n - (sizeof(deleted) - 1), deleted) == 0)
		buf[n - (sizeof(deleted) - 1)] = '\0';
	return 0;
}

int proc_exe_is(pid_t pid, const char *path)
{
	char exe[PATH_MAX], link[64];
	struct stat want, have;
	int r = proc_exe_read(pid, exe, sizeof(exe));

	if (r < 0)
		return r;
	if (strcmp(exe, path) == 0)
		return 1;
	snprintf(link, sizeof(link), "/proc/%d/exe", (int)pid);
	if (stat(link, &have) < 0)
		return errno == ENOENT ? -ESRCH : -errno;
	if (stat(path, &want) < 0)
		return 0;
	return have.st_dev == want.st_dev && have.st_ino == want.st_ino;
}

int proc_id_get(pid_t pid, struct proc_id *ret)
{
	struct proc_stat st;
	struct proc_id id = { 0 };
	int r = proc_stat_read(pid, &st);

	if (r < 0)
		return r;
	r = proc_exe_read(pid, id.exe, sizeof(id.exe));
	if (r < 0)
		return r;
	id.pid = pid;
	id.session = st.session;
	id.start = st.start;
	*ret = id;
	return 0;
}

int proc_pidfile_parse(const char *text, pid_t *ret)
{
	unsigned long long v;
	char *end;

	if (parse_ull(text, &end, &v) < 0 || v <= 1 || v > INT32_MAX)
		return -EINVAL;
	while (*end && isspace((unsigned char)*end))
		end++;
	if (*end)
		return -EINVAL;
	*ret = (pid_t)v;
	return 0;
}

int proc_pidfile_read(const char *path, pid_t *ret)
{
	char buf[64];
	int r = read_small(path, buf, sizeof(buf));

	if (r < 0)
		return r;
	return proc_pidfile_parse(buf, ret);
}

int proc_id_format(const struct proc_id *id, char *buf, size_t len)
{
	int n = snprintf(buf, len, "%d %d %llu %s\n", (int)id->pid, (int)id->session, id->start,
			 id->exe);

	if (n < 0 || (size_t)n >= len)
		return -ENAMETOOLONG;
	return n;
}

int proc_id_parse(const char *text, struct proc_id *ret)
{
	struct proc_id id = { 0 };
	unsigned long long v;
	char *end;
	size_t n;

	if (parse_ull(text, &end, &v) < 0 || v <= 1 || v > INT32_MAX || *end != ' ')
		return -EINVAL;
	id.pid = (pid_t)v;
	if (parse_ull(end + 1, &end, &v) < 0 || v > INT32_MAX || *end != ' ')
		return -EINVAL;
	id.session = (pid_t)v;
	if (parse_ull(end + 1, &end, &id.start) < 0 || *end != ' ' || end[1] != '/')
		return -EINVAL;
	n = strcspn(end + 1, "\n");
	if (n >= sizeof(id.exe))
		return -EINVAL;
	memcpy(id.exe, end + 1, n);
	id.exe[n] = '\0';
	*ret = id;
	return 0;
}

int proc_id_save(const char *path, const struct proc_id *id)
{
	char buf[PATH_MAX + 64];
	int n = proc_id_format(id, buf, sizeof(buf));

	if (n < 0)
		return n;
	return statefile_write(path, buf, (size_t)n);
}

int proc_id_load(const char *path, struct proc_id *ret)
{
	char buf[PATH_MAX + 64];
	int r = read_small(path, buf, sizeof(buf));

	if (r < 0)
		return r;
	return proc_id_parse(buf, ret);
}

static int id_matches(const struct proc_id *id, pid_t pid, struct proc_stat *st)
{
	int r = proc_stat_read(pid, st);

	if (r == -ESRCH)
		return 0;
	if (r < 0)
		return r;
	if (st->state == 'Z' || st->state == 'X' || st->start != id->start)
		return 0;
	r = proc_exe_is(pid, id->exe);
	return r == -ESRCH ? 0 : r;
}

int proc_id_alive(const struct proc_id *id, struct proc_stat *ret_stat)
{
	struct proc_stat st;
	int r = id_matches(id, id->pid, &st);

	if (r == 1 && ret_stat)
		*ret_stat = st;
	return r;
}

static int pidfd_open_(pid_t pid)
{
	return (int)syscall(SYS_pidfd_open, pid, 0);
}

/* pidfd_open can work while pidfd_send_signal answers ENOSYS (valgrind 3.24, seccomp filters
 * older than the call): then kill, after the caller's identity check, as without pidfds. */
static int pidfd_signal_(int fd, pid_t pid, int sig)
{
	if (syscall(SYS_pidfd_send_signal, fd, sig, NULL, 0) == 0)
		return 0;
	return errno == ENOSYS ? kill(pid, sig) : -1;
}

/* Signals @pid if, once a pidfd pins the process, it still matches @id (same start, exe). */
static int signal_if_match(const struct proc_id *id, pid_t pid, int sig)
{
	_cleanup_close_ int fd = pidfd_open_(pid);
	struct proc_stat st;
	int r, nosys = fd < 0 && errno == ENOSYS;

	/* without pidfds (kernels before 5.3, valgrind) the check and the kill are two steps */
	if (fd < 0 && !nosys)
		return errno == ESRCH ? -ESRCH : -errno;
	r = id_matches(id, pid, &st);
	if (r < 0)
		return r;
	if (r == 0)
		return -ESRCH;
	if ((nosys ? kill(pid, sig) : pidfd_signal_(fd, pid, sig)) < 0)
		return -errno;
	return 0;
}

int proc_id_signal(const struct proc_id *id, int sig)
{
	return signal_if_match(id, id->pid, sig);
}

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
	r = id_matches(&leader, id->session, &st);
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
		if (signal_if_match(&member, (pid_t)v, sig) == 0) {
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
	r = read_small(path, buf, sizeof(buf));
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
		if (st.start < id->start || id_matches(&member, member.pid, &st) != 1)
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

int proc_id_wait_gone(const struct proc_id *id, bool whole_session, int64_t deadline)
{
	for (;;) {
		int status, alive, left;

		/* reap it when it is our child, so it does not linger as a zombie */
		waitpid(id->pid, &status, WNOHANG);
		alive = proc_id_alive(id, NULL);
		if (alive <= 0 && whole_session)
			alive = proc_session_count(id, NULL) > 0;
		if (alive <= 0) {
			/* it may have turned into our zombie since the first waitpid */
			waitpid(id->pid, &status, WNOHANG);
			return 0;
		}
		left = clock_ms_left(deadline);
		if (left <= 0)
			return -ETIMEDOUT;
		clock_sleep_ms(left < 20 ? left : 20, deadline);
	}
}

struct linux_dirent64_ {
	uint64_t ino;
	int64_t off;
	unsigned short reclen;
	unsigned char type;
	char name[];
};

/* close_range()'s work without it: the fds listed in /proc/self/fd, else every number up to
 * the fd limit. Async-signal-safe (raw getdents64, no malloc): it runs between fork and exec. */
static int close_fds_slow(int from, int keep)
{
	char buf[4096];
	struct rlimit rl;
	int dfd = open("/proc/self/fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	long n;

	if (dfd >= 0) {
		while ((n = syscall(SYS_getdents64, dfd, buf, sizeof(buf))) > 0) {
			for (long off = 0; off < n;) {
				struct linux_dirent64_ *d = (struct linux_dirent64_ *)(buf + off);
				int fd = 0;
				const char *c = d->name;

				off += d->reclen;
				for (; *c >= '0' && *c <= '9' && fd < 1 << 24; c++)
					fd = fd * 10 + (*c - '0');
				if (c != d->name && !*c && fd >= from && fd != keep && fd != dfd)
					close(fd);
			}
		}
		close(dfd);
		if (n == 0)
			return 0;
	}
	if (getrlimit(RLIMIT_NOFILE, &rl) < 0 || rl.rlim_cur == RLIM_INFINITY ||
	    rl.rlim_cur > 1 << 20)
		rl.rlim_cur = 1 << 20;
	for (int fd = from; fd < (int)rl.rlim_cur; fd++)
		if (fd != keep)
			close(fd);
	return 0;
}

int proc_close_fds(int from, int keep, bool slow)
{
	int r = 0;

	/* close_range came with Linux 5.9: before, the syscall fails with ENOSYS */
	if (!slow) {
		if (keep > from)
			r = (int)syscall(SYS_close_range, from, keep - 1, 0);
		if (r == 0)
			r = (int)syscall(SYS_close_range, keep < from ? from : keep + 1, ~0U, 0);
		if (r == 0 || errno != ENOSYS)
			return r < 0 ? -errno : 0;
	}
	return close_fds_slow(from, keep);
}

static void child_exec(const char *path, char *const argv[], const struct proc_spawn_opts *o,
		       int errfd)
{
	static const char *const minimal_env[] = { "PATH=/usr/sbin:/usr/bin:/sbin:/bin", NULL };
	int null = open("/dev/null", O_RDWR);
	int out = o && o->stdout_fd >= 0 ? o->stdout_fd : null;
	int e;
	sigset_t all;

	if (null < 0)
		goto fail;
	if (dup2(null, 0) < 0 || dup2(out, 1) < 0 || dup2(out, 2) < 0)
		goto fail;
	proc_close_fds(3, errfd, false);
	if (o && o->setsid && setsid() < 0)
		goto fail;
	/* the agent may run with signals blocked or ignored; the daemon must not inherit that */
	sigemptyset(&all);
	sigprocmask(SIG_SETMASK, &all, NULL);
	for (int s = 1; s < 32; s++)
		if (s != SIGKILL && s != SIGSTOP)
			signal(s, SIG_DFL);
	execve(path, argv, (char *const *)(o && o->envp ? o->envp : minimal_env));
fail:
	e = errno;
	if (write(errfd, &e, sizeof(e)) < 0)
		_exit(127);
	_exit(127);
}

int proc_spawn(const char *path, char *const argv[], const struct proc_spawn_opts *o,
	       pid_t *ret_pid)
{
	int p[2], e = 0, status;
	ssize_t n;
	pid_t pid;

	if (pipe2(p, O_CLOEXEC) < 0)
		return -errno;
	pid = fork();
	if (pid < 0) {
		e = errno;
		close(p[0]);
		close(p[1]);
		return -e;
	}
	if (pid == 0) {
		close(p[0]);
		child_exec(path, argv, o, p[1]);
	}
	close(p[1]);
	/* the pipe closes on a successful exec; otherwise the child sends errno */
	do
		n = read(p[0], &e, sizeof(e));
	while (n < 0 && errno == EINTR);
	close(p[0]);
	if (n == (ssize_t)sizeof(e)) {
		/* it exits right after writing; bounded all the same */
		proc_child_wait(pid, clock_now_ms() + REAP_GRACE_MS, &status);
		return -e;
	}
	*ret_pid = pid;
	return 0;
}

int proc_child_wait(pid_t pid, int64_t deadline, int *ret_status)
{
	for (;;) {
		int status, left;
		pid_t r = waitpid(pid, &status, WNOHANG);

		if (r < 0 && errno != EINTR)
			return -errno;
		if (r == pid) {
			*ret_status = status;
			return 0;
		}
		left = clock_ms_left(deadline);
		if (left <= 0)
			return -ETIMEDOUT;
		clock_sleep_ms(left < 10 ? left : 10, deadline);
	}
}

int proc_run(const char *path, char *const argv[], int64_t deadline, char *out, size_t len,
	     int *ret_status)
{
	struct proc_spawn_opts o = { .setsid = true, .stdout_fd = -1 };
	int p[2], r, status;
	size_t n = 0;
	pid_t pid;

	if (len < 2)
		return -EINVAL;
	if (pipe2(p, O_CLOEXEC) < 0)
		return -errno;
	o.stdout_fd = p[1];
	r = proc_spawn(path, argv, &o, &pid);
	close(p[1]);
	if (r < 0) {
		close(p[0]);
		return r;
	}
	for (;;) {
		struct pollfd pfd = { .fd = p[0], .events = POLLIN };
		char chunk[1024];
		ssize_t got;

		r = poll(&pfd, 1, clock_ms_left(deadline));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got = read(p[0], chunk, sizeof(chunk));
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		/* keep the tail: error lines come last */
		if ((size_t)got >= len - 1) {
			memcpy(out, chunk + got - (len - 1), len - 1);
			n = len - 1;
		} else {
			if (n + (size_t)got > len - 1) {
				size_t drop = n + (size_t)got - (len - 1);

				memmove(out, out + drop, n - drop);
				n -= drop;
			}
			memcpy(out + n, chunk, (size_t)got);
			n += (size_t)got;
		}
	}
	close(p[0]);
	out[n] = '\0';
	r = proc_child_wait(pid, deadline, &status);
	if (r == -ETIMEDOUT) {
		/* setsid made it a group leader: take its helpers too */
		kill(-pid, SIGKILL);
		/* SIGKILL acts only once a child leaves D state (NFS, a hung disk): reap it if it
		 * goes within a short grace, else leave it to init when the agent exits */
		proc_child_wait(pid, clock_now_ms() + REAP_GRACE_MS, &status);
		return -ETIMEDOUT;
	}
	if (r < 0)
		return r;
	*ret_status = status;
	return 0;
}
