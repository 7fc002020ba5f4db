/* lib/core/procscan.h: finding a process by its command name, for daemons we did not start but
 * must recognise again (Pacemaker's attribute manager), or by two words of its command line,
 * for a daemon of ours whose record was lost. */
#ifndef SIPHA_PROCSCAN_H
#define SIPHA_PROCSCAN_H

#include <sys/types.h>

/* Who a daemon is: its pid and start time (clock ticks after boot), which together name one
 * process even after the pid is reused. */
struct proc_who {
	pid_t pid;
	unsigned long long start;
};

/* Finds the oldest process whose command name (/proc/PID/stat's comm) is @comm, walking
 * /proc once. Returns 0, -ESRCH when there is none, or -errno. */
int procscan_find_comm(const char *comm, struct proc_who *ret);

/* Returns 1 when @who still names a live process called @comm, 0 when not (gone, a zombie,
 * or the pid now belongs to another process), or -errno. One read of /proc/PID/stat. */
int procscan_is(const struct proc_who *who, const char *comm);

/* Finds the oldest live session leader whose command line holds @flag immediately followed
 * by @value as two arguments (e.g. "-P" and a pidfile path only one instance uses), walking
 * /proc once. Returns 0, -ESRCH when there is none, or -errno. */
int procscan_find_leader_args(const char *flag, const char *value, struct proc_who *ret);

#endif
