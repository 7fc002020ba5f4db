/* lib/core/proc_signal.h: signalling a process only while it is still the one we recorded. */
#ifndef SIPHA_PROC_SIGNAL_H
#define SIPHA_PROC_SIGNAL_H

#include "core/proc_id.h"

/* Sends @sig to the process in @id only if it is still that process, through a pidfd so that
 * the pid cannot be reused between the check and the signal. Returns 0, -ESRCH when it is
 * gone or not ours, or -errno. */
int proc_id_signal(const struct proc_id *id, int sig);

#endif
