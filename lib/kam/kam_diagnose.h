/* lib/kam/kam_diagnose.h: why a Kamailio start failed, when its output said nothing. Kamailio
 * logs to syslog, so an instance that died during start left its reason there (or nowhere,
 * without a syslog daemon): it is run once more, briefly, with its errors on stderr. */
#ifndef SIPHA_KAM_DIAGNOSE_H
#define SIPHA_KAM_DIAGNOSE_H

#include <stddef.h>
#include <stdint.h>

#include "kam/kam_cmdline.h"

/* Runs Kamailio with the command line of @c and -E (log to stderr) for at most 3 seconds, and
 * no later than 200 ms before @deadline; an instance that does come up this time is killed
 * then. When its output has an ERROR or CRITICAL line, writes it (kam_error_line()) into
 * @line; else leaves @line as it was. Removes @c->pidfile after the run. Returns 1 when @line
 * was written, 0 when there was no error line, -ETIME when less than 500 ms are left before
 * @deadline (nothing is run), -E2BIG when the command line does not fit, or proc_run()'s
 * -errno. */
int kam_diagnose(const struct kam_cmdline *c, int64_t deadline, char *line, size_t len);

#endif
