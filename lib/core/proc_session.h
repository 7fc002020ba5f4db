/* lib/core/proc_session.h: the rest of a daemon's session (its children, left behind when the
 * leader dies), counted and signalled only where they are still ours. */
#ifndef SIPHA_PROC_SESSION_H
#define SIPHA_PROC_SESSION_H

#include "core/proc_id.h"

/* Sends @sig to every process left in the session of @id (a daemon's children after the
 * leader died) that runs the same exe and started no earlier than the leader. The leader
 * itself is included when still ours. Returns the number signalled, or -errno. */
int proc_session_signal(const struct proc_id *id, int sig);

/* Counts the processes that proc_session_signal() would signal, and in @ret_stopped (may be
 * NULL) those stopped (state T: SIGSTOP, a debugger). Sends nothing. While the leader lives
 * only it and its direct children are looked at (cheap: no walk over /proc); once it is gone,
 * every process of the session. */
int proc_session_count(const struct proc_id *id, int *ret_stopped);

#endif
