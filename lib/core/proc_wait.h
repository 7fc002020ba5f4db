/* lib/core/proc_wait.h: waiting, with a deadline, until a recorded process (and its session)
 * is gone. Waiting for a child we started is core/proc_spawn.h's proc_child_wait(). */
#ifndef SIPHA_PROC_WAIT_H
#define SIPHA_PROC_WAIT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/proc_id.h"

/* Waits until the process in @id is gone (or no longer ours) and, when @whole_session,
 * until nothing of its session is left. Reaps it if it is our child. Returns 0, or
 * -ETIMEDOUT at @deadline. */
int proc_id_wait_gone(const struct proc_id *id, bool whole_session, int64_t deadline);

#endif
