/* lib/core/proc_internal.h: what the proc_* files of lib/core share among themselves; not for
 * callers outside lib/core (they include proc_stat.h, proc_id.h, proc_signal.h ...). */
#ifndef SIPHA_PROC_INTERNAL_H
#define SIPHA_PROC_INTERNAL_H

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <sys/types.h>

#include "core/proc_id.h"
#include "core/proc_stat.h"

/* A decimal number that starts at @s (no sign, no leading space). 0, or -EINVAL. */
static inline int proc__parse_ull(const char *s, char **end, unsigned long long *ret)
{
	if (!isdigit((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	*ret = strtoull(s, end, 10);
	return errno ? -EINVAL : 0;
}

/* Is @pid (read into @st) alive and the process @id names, by its start time and exe?
 * 1, 0 (gone, a zombie, another process), or -errno. In proc_id.c. */
int proc__id_matches(const struct proc_id *id, pid_t pid, struct proc_stat *st);

/* Signals @pid if, once a pidfd pins the process, it still matches @id (same start, exe).
 * 0, -ESRCH when gone or not ours, or -errno. In proc_signal.c. */
int proc__signal_if_match(const struct proc_id *id, pid_t pid, int sig);

#endif
