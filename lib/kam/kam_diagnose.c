/* lib/kam/kam_diagnose.c: why a Kamailio start failed, from a brief re-run with -E. */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/proc_spawn.h"
#include "kam/kam_diagnose.h"
#include "kam/kam_startlog.h"

int kam_diagnose(const struct kam_cmdline *c, int64_t deadline, char *line, size_t len)
{
	char *argv[KAM_ARGV_MAX + 1], num[2][24], out[4096];
	int n = kam_argv(c, KAM_ARGV_RUN, argv, num), status, r;
	int64_t until;

	if (n < 0)
		return n;
	if (clock_ms_left(deadline) < 500)
		return -ETIME;
	/* -E right after the binary, ahead of the rest of the start's command line */
	memmove(argv + 2, argv + 1, (size_t)n * sizeof(*argv));
	argv[1] = (char *)"-E";
	until = clock_now_ms() + 3000;
	r = proc_run(c->binary, argv, deadline - 200 < until ? deadline - 200 : until, out,
		     sizeof(out), &status);
	if (r < 0)
		return r;
	r = strstr(out, "ERROR:") || strstr(out, "CRITICAL:");
	if (r)
		kam_error_line(out, line, len);
	unlink(c->pidfile);
	return r;
}
