/* lib/sched/sched_clock.h: a schedule's record against a wall clock that went back.
 *
 * The record's times come from the wall clock of the node that wrote them. When that clock
 * goes back (an NTP step after a node ran ahead, a wrong hardware clock corrected), they lie
 * in the future: sched_decide refuses a setup time after now, a slot handled in the future
 * holds back every slot before it, and a run started in the future holds brought-forward runs
 * back by min_interval from then. Left alone, scheduled restarts would stop, silently, for as
 * long as the clock had run ahead.
 */
#ifndef SIPHA_SCHED_CLOCK_H
#define SIPHA_SCHED_CLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "sched/cron.h"

struct sched_times {
	time_t since;		/* the schedule set up */
	time_t slot_done;	/* the latest slot run or skipped, 0 = none */
	time_t run_start;	/* the latest run's start, 0 = none */
};

/* Brings @t back to @now: a setup time or a run start after now becomes now; a slot handled
 * more than @window_s after now becomes the latest slot at or before now (0: none), so the
 * slots ahead run when the clock reaches them. A slot handled less than a window ahead stays
 * handled: a small step back never runs a slot twice. Returns true when something changed,
 * with a line for the log in @why. */
bool sched_clock_back(const struct cron_spec *c, int64_t window_s, time_t now,
		      struct sched_times *t, char *why, size_t len);

#endif
