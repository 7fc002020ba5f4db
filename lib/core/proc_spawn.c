/* lib/core/proc_spawn.c: fork and exec without a shell, the exec's errno reported back, output
 * captured, waits bounded by a deadline, and the descriptors closed between fork and exec. */
#include "core/proc_spawn.h"
#include "core/fdwait.h"
#include "core/clock.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* How long to wait for a child we have just SIGKILLed, past the operation's deadline (the
 * budget keeps a reserve of at least 100 ms to report and exit). */
#define REAP_GRACE_MS 100

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
	char *const *envp = (char *const *)(o && o->envp ? o->envp : minimal_env);
	int e;
	sigset_t all;

	if (null < 0)
		goto fail;
	if (dup2(null, 0) < 0 || dup2(out, 1) < 0)
		goto fail;
	if (!(o && o->keep_stderr) && dup2(out, 2) < 0)
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
	if (o && o->search_path)
		execvpe(path, argv, envp);
	else
		execve(path, argv, envp);
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

int proc_child_wait_kill(pid_t pid, int64_t deadline, bool group, int *ret_status)
{
	int r = proc_child_wait(pid, deadline, ret_status), status;

	if (r != -ETIMEDOUT)
		return r;
	kill(group ? -pid : pid, SIGKILL);
	/* SIGKILL acts only once a child leaves D state (NFS, a hung disk): reap it if it goes
	 * within a short grace, else leave it to init when the agent exits */
	proc_child_wait(pid, clock_now_ms() + REAP_GRACE_MS, &status);
	return -ETIMEDOUT;
}

/* Appends @got bytes of @chunk to the @n bytes in @out (room for @len - 1 of them), keeping
 * the tail: error lines come last. */
static void tail_append(char *out, size_t len, size_t *n, const char *chunk, size_t got)
{
	if (got >= len - 1) {
		memcpy(out, chunk + got - (len - 1), len - 1);
		*n = len - 1;
		return;
	}
	if (*n + got > len - 1) {
		size_t drop = *n + got - (len - 1);

		memmove(out, out + drop, *n - drop);
		*n -= drop;
	}
	memcpy(out + *n, chunk, got);
	*n += got;
}

int proc_run(const char *path, char *const argv[], int64_t deadline, char *out, size_t len,
	     int *ret_status)
{
	struct proc_spawn_opts o = { .setsid = true, .stdout_fd = -1 };
	int p[2], r;
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
		char chunk[1024];
		ssize_t got;

		if (fd_wait(p[0], POLLIN, deadline) < 0)
			break;
		got = read(p[0], chunk, sizeof(chunk));
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		tail_append(out, len, &n, chunk, (size_t)got);
	}
	close(p[0]);
	out[n] = '\0';
	/* setsid made it a group leader: on overrun its helpers go too */
	return proc_child_wait_kill(pid, deadline, true, ret_status);
}
