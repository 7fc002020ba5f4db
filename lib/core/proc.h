/* lib/core/proc.h: processes we start and must recognise again: identity (pid, start time, exe),
 * pidfiles, spawning without a shell, signalling only our own, waiting with a deadline.
 *
 * A pid alone names a process only until it exits: the kernel hands the number to the next
 * process. A process is ours when its pid, its start time (clock ticks since boot, field 22 of
 * /proc/PID/stat) and its executable all match what we recorded when we started it.
 */
#ifndef SIPHA_PROC_H
#define SIPHA_PROC_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* The fields of /proc/PID/stat that we use. */
struct proc_stat {
	pid_t pid;
	char comm[64];		/* command name as the kernel reports it (may hold spaces, ')') */
	char state;		/* R, S, D, T (stopped), t, Z, X ... */
	pid_t ppid;
	pid_t pgrp;
	pid_t session;
	unsigned long long start;	/* start time, clock ticks after boot */
};

/* A recorded identity: enough to tell our process from a stranger that reused its pid. */
struct proc_id {
	pid_t pid;
	pid_t session;		/* session id; we start daemons as session leaders */
	unsigned long long start;
	char exe[PATH_MAX];
};

/* Parses the text of /proc/PID/stat. comm is the text between the first '(' and the LAST ')',
 * since a command name may itself contain spaces and parentheses. Returns 0, or -EINVAL. */
int proc_stat_parse(const char *text, struct proc_stat *ret);

/* Reads /proc/PID/stat. Returns 0, -ESRCH when there is no such process, or -errno. */
int proc_stat_read(pid_t pid, struct proc_stat *ret);

/* Reads the /proc/PID/exe link into @buf, without a " (deleted)" suffix (a package upgrade
 * replaces the binary under a running daemon). Returns 0, -ESRCH, or -errno. */
int proc_exe_read(pid_t pid, char *buf, size_t len);

/* Does process @pid run the executable @path? By the link's text (so a binary replaced by an
 * upgrade still counts), else by device and inode: the link's text depends on the reader's
 * mount namespace (another namespace, or a chroot, shows a different path for the same file).
 * Returns 1, 0, -ESRCH, or -errno. */
int proc_exe_is(pid_t pid, const char *path);

/* Records the identity of the running process @pid. Returns 0, -ESRCH, or -errno. */
int proc_id_get(pid_t pid, struct proc_id *ret);

/* Parses a pidfile's text: a decimal pid > 1, optional trailing whitespace. 0 or -EINVAL. */
int proc_pidfile_parse(const char *text, pid_t *ret);

/* Reads a pidfile. Returns 0, -ENOENT when absent, -EINVAL when it holds no valid pid. */
int proc_pidfile_read(const char *path, pid_t *ret);

/* Writes the identity to @path atomically (temporary file and rename), mode 0600. */
int proc_id_save(const char *path, const struct proc_id *id);

/* Reads an identity written by proc_id_save(). 0, -ENOENT, or -EINVAL when malformed. */
int proc_id_load(const char *path, struct proc_id *ret);

/* Formats and parses the one-line form used by proc_id_save(): "pid session start exe". */
int proc_id_format(const struct proc_id *id, char *buf, size_t len);
int proc_id_parse(const char *text, struct proc_id *ret);

/* Returns 1 when the process recorded in @id is alive and is that same process (pid, start
 * time and exe match), 0 when it is gone or the pid now names another process (a zombie
 * counts as gone), -errno when /proc can't tell. Fills @ret_stat (may be NULL) when 1. */
int proc_id_alive(const struct proc_id *id, struct proc_stat *ret_stat);

/* Sends @sig to the process in @id only if it is still that process, through a pidfd so that
 * the pid cannot be reused between the check and the signal. Returns 0, -ESRCH when it is
 * gone or not ours, or -errno. */
int proc_id_signal(const struct proc_id *id, int sig);

/* Sends @sig to every process left in the session of @id (a daemon's children after the
 * leader died) that runs the same exe and started no earlier than the leader. The leader
 * itself is included when still ours. Returns the number signalled, or -errno. */
int proc_session_signal(const struct proc_id *id, int sig);

/* Counts the processes that proc_session_signal() would signal, and in @ret_stopped (may be
 * NULL) those stopped (state T: SIGSTOP, a debugger). Sends nothing. While the leader lives
 * only it and its direct children are looked at (cheap: no walk over /proc); once it is gone,
 * every process of the session. */
int proc_session_count(const struct proc_id *id, int *ret_stopped);

/* Waits until the process in @id is gone (or no longer ours) and, when @whole_session,
 * until nothing of its session is left. Reaps it if it is our child. Returns 0, or
 * -ETIMEDOUT at @deadline. */
int proc_id_wait_gone(const struct proc_id *id, bool whole_session, int64_t deadline);

/* How proc_spawn() sets up the child. */
struct proc_spawn_opts {
	bool setsid;		/* new session: the child leads its own session and group */
	int stdout_fd;		/* fd for stdout/stderr, or -1 for /dev/null */
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

#endif
