/* lib/core/proc_signal.c: signals through pidfds, sent after the identity check on the pinned
 * process (with kill where the kernel or valgrind has no pidfd calls). */
#include "core/proc_signal.h"
#include "core/proc_internal.h"

#include <errno.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

static void closep(int *fd)
{
	if (*fd >= 0)
		close(*fd);
}
#define _cleanup_close_ __attribute__((cleanup(closep)))

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

int proc__signal_if_match(const struct proc_id *id, pid_t pid, int sig)
{
	_cleanup_close_ int fd = pidfd_open_(pid);
	struct proc_stat st;
	int r, nosys = fd < 0 && errno == ENOSYS;

	/* without pidfds (kernels before 5.3, valgrind) the check and the kill are two steps */
	if (fd < 0 && !nosys)
		return errno == ESRCH ? -ESRCH : -errno;
	r = proc__id_matches(id, pid, &st);
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
	return proc__signal_if_match(id, id->pid, sig);
}
