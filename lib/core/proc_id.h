/* lib/core/proc_id.h: the recorded identity of a process we started (pid, session, start time,
 * exe), saved with it and checked again later: is it still that process?
 *
 * A process is ours when its pid, its start time (clock ticks since boot, field 22 of
 * /proc/PID/stat) and its executable all match what we recorded when we started it.
 */
#ifndef SIPHA_PROC_ID_H
#define SIPHA_PROC_ID_H

#include <limits.h>
#include <stddef.h>
#include <sys/types.h>

#include "core/proc_stat.h"

/* A recorded identity: enough to tell our process from a stranger that reused its pid. */
struct proc_id {
	pid_t pid;
	pid_t session;		/* session id; we start daemons as session leaders */
	unsigned long long start;
	char exe[PATH_MAX];
};

/* Records the identity of the running process @pid. Returns 0, -ESRCH, or -errno. */
int proc_id_get(pid_t pid, struct proc_id *ret);

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

#endif
