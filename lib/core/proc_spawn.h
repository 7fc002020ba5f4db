/* lib/core/proc_spawn.h: starting programs without a shell, collecting their output, and
 * waiting for them with a deadline: a child that overruns is killed and reaped within a bound. */
#ifndef SIPHA_PROC_SPAWN_H
#define SIPHA_PROC_SPAWN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* How proc_spawn() sets up the child. */
struct proc_spawn_opts {
	bool setsid;		/* new session: the child leads its own session and group */
	int stdout_fd;		/* fd for stdout/stderr, or -1 for /dev/null */
	bool keep_stderr;	/* stderr stays the caller's; stdout_fd then takes stdout only */
	bool search_path;	/* @path without a '/' is looked up in PATH, as execvp() does */
	const char *const *envp;	/* environment, or NULL for a minimal PATH-only one */
};

/* Starts @path with @argv (argv[0] included, NULL-terminated) without a shell: stdin from
 * /dev/null, every other descriptor closed. Returns 0 and the pid, or -errno (also when the
 * exec itself failed, reported back through a close-on-exec pipe). */
int proc_spawn(const char *path, char *const argv[], const struct proc_spawn_opts *o,
	       pid_t *ret_pid);

/* Closes every descriptor from @from up except @keep (-1: none), as between fork and exec.
 * close_range() where the kernel has it (5.9); on older kernels, or with @slow (for tests),
 * the descriptors listed in /proc/self/fd, else every number up to the fd limit.
 * Async-signal-safe. Returns 0 or -errno. */
int proc_close_fds(int from, int keep, bool slow);

/* Runs @path with @argv to completion, collecting what it writes to stdout and stderr (the
 * last @len - 1 bytes when there is more) into @out. Kills it at @deadline, and waits for it
 * only briefly after (a child in D state dies late). Returns 0 with the wait status in
 * @ret_status, -ETIMEDOUT, or -errno. */
int proc_run(const char *path, char *const argv[], int64_t deadline, char *out, size_t len,
	     int *ret_status);

/* Waits for our child @pid to exit, until @deadline. Returns 0 and its status, -ETIMEDOUT,
 * or -errno. With @deadline already passed it only checks (no wait). */
int proc_child_wait(pid_t pid, int64_t deadline, int *ret_status);

/* proc_child_wait(), and at @deadline SIGKILL for the child (for its whole process group with
 * @group: a child started with setsid), then a wait of at most 100 ms for it (a child in D
 * state dies late; if not by then, init reaps it once we exit). Returns 0 and its status,
 * -ETIMEDOUT, or -errno. */
int proc_child_wait_kill(pid_t pid, int64_t deadline, bool group, int *ret_status);

#endif
