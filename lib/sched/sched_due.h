/* lib/sched/sched_due.h: whether a scheduled rolling restart is due now, and why: the rules of
 * ocf:sipha:rollingrestart's monitor, pure (no clock, no cluster), so that unit tests walk them
 * through any calendar.
 *
 *   - A slot of the schedule reached and not yet handled runs, if no more than @window has
 *     passed since it; after that it is skipped, with the reason (the last refusal, or "missed").
 *   - Slots before the schedule was set up (@since) are not run.
 *   - A predicted exhaustion of Kamailio's shared memory (a node's sipha-shm-exhaust-s) that
 *     comes before the next slot brings a run forward, but never closer than @min_interval to
 *     the start of the previous run. A slot still runs once even right after such a run.
 *   - Nothing starts while a run is going on.
 *
 * In detail (sched_due.c):
 *   - Only the latest slot at or before @now is ever considered. After days of outage with
 *     several slots unhandled, that one runs if still inside its window, else it alone is
 *     skipped (one SKIP): the older ones are neither run nor skipped one by one, since marking
 *     the latest done (slot_done) covers them. The reason then adds "; earlier slots from
 *     TIME passed over", TIME the first unhandled one.
 *   - The window includes its end: a slot runs up to exactly @window after it.
 *   - The checks go in this order: a run going on (WAIT), a pending slot (RUN_SLOT or SKIP),
 *     a prediction (RUN_FORWARD, or WAIT saying what held it back), else WAIT. One verdict
 *     per call: after a SKIP, the next call may bring a run forward.
 *   - A prediction comes "before" the next slot when now + exhaust_s < next slot (at the
 *     slot itself, the slot's run is the restart). With no slot within 10 years, any
 *     prediction brings a run forward.
 *   - Durations in @why are to the minute, "2h 10min", "3d 1h", "45min"; "40s" under one.
 */
#ifndef SIPHA_SCHED_DUE_H
#define SIPHA_SCHED_DUE_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "sched/cron.h"

#define SCHED_WHY_MAX 256
#define SCHED_NODE_MAX 64

struct sched_policy {
	int64_t window_s;		/* how late after a slot a run may still start */
	int64_t min_interval_s;		/* brought-forward runs: at least this after the last */
};

struct sched_input {
	time_t now;
	time_t since;			/* when the schedule was set up (slots before: not run) */
	time_t slot_done;		/* latest slot run or skipped; 0 = none */
	time_t last_run_start;		/* start of the latest run (either kind); 0 = none */
	bool running;			/* a run is going on (the schedule's, or the lock is held) */
	const char *last_refusal;	/* why the last attempt at the pending slot was refused, or
					 * NULL: becomes the reason when the slot is skipped */
	int64_t exhaust_s;		/* smallest sipha-shm-exhaust-s over the nodes, -1 = none */
	const char *exhaust_node;	/* the node it comes from, when exhaust_s >= 0 */
};

enum sched_verdict {
	SCHED_WAIT,		/* nothing to do now */
	SCHED_RUN_SLOT,		/* run now for @slot */
	SCHED_RUN_FORWARD,	/* run now, brought forward by the prediction */
	SCHED_SKIP,		/* give up @slot (window passed): record @why, mark it handled */
};

struct sched_decision {
	enum sched_verdict verdict;
	time_t slot;			/* the slot concerned (RUN_SLOT, SKIP), else 0 */
	time_t next_slot;		/* the first slot after now, 0 if none within 10 years */
	char why[SCHED_WHY_MAX];	/* one line for the log and the CIB record, always set:
					 * "slot 2026-12-01 04:00 CET", "brought forward: node2's
					 * shared memory runs out in 2h 10min, before the slot
					 * 2026-12-04 04:00 CET", "skipped slot ...: window 1h
					 * ended; last refused: node node2 is in standby",
					 * "waiting: next slot ...", "waiting: a run is going on" */
};

/* Decides; returns 0, or -EINVAL for an input that makes no sense (now before since, a
 * negative window). Times in @why are local, "YYYY-MM-DD HH:MM ZONE". */
int sched_decide(const struct cron_spec *c, const struct sched_policy *p,
		 const struct sched_input *in, struct sched_decision *ret);

/* @t in local time as the reasons and the agent's node attributes show it,
 * "2026-12-01 04:00 CET" ("@SECONDS" when the time cannot be converted). */
void sched_local_time(time_t t, char *buf, size_t len);

#endif
