/* lib/core/proc_stat.h: what /proc tells about one process: its stat line and its executable.
 *
 * A pid alone names a process only until it exits: the kernel hands the number to the next
 * process. A process is recognised by its pid, its start time (clock ticks since boot, field 22
 * of /proc/PID/stat) and its executable together (core/proc_id.h records the three).
 */
#ifndef SIPHA_PROC_STAT_H
#define SIPHA_PROC_STAT_H

#include <stddef.h>
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

#endif
