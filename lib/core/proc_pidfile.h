/* lib/core/proc_pidfile.h: pidfiles, as daemons write them: a pid and a newline. A pidfile only
 * says which pid to look at; whether that is still our process is core/proc_id.h's question. */
#ifndef SIPHA_PROC_PIDFILE_H
#define SIPHA_PROC_PIDFILE_H

#include <sys/types.h>

/* Parses a pidfile's text: a decimal pid > 1, optional trailing whitespace. 0 or -EINVAL. */
int proc_pidfile_parse(const char *text, pid_t *ret);

/* Reads a pidfile. Returns 0, -ENOENT when absent, -EINVAL when it holds no valid pid. */
int proc_pidfile_read(const char *path, pid_t *ret);

#endif
