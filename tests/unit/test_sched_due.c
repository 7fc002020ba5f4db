/* tests/unit/test_sched_due.c: the rules of sched_decide walked through a calendar: slots run
 * once inside their window and are skipped after it with the reason, slots before the set-up
 * and long missed ones are not replayed, a prediction brings a run forward (never closer than
 * min_interval to the last one), nothing starts during a run; the reason line of each verdict.
 * Times are in the zone each test sets (UTC, Europe/Zurich for summer time). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sched/sched_clock.h"
#include "sched/sched_due.h"

static const struct sched_policy hour = { .window_s = 3600, .min_interval_s = 3600 };

static void zone(const char *tz)
{
	assert_int_equal(setenv("TZ", tz, 1), 0);
	tzset();
}

/* Local time @y-@mo-@d @h:@mi:@s in the current zone. */
static time_t at(int y, int mo, int d, int h, int mi, int s)
{
	struct tm tm = { .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h,
			 .tm_min = mi, .tm_sec = s, .tm_isdst = -1 };
	time_t t = mktime(&tm);

	assert_true(t != (time_t)-1);
	return t;
}

static struct cron_spec spec(const char *text)
{
	struct cron_spec c;
	char why[128] = "";

	if (cron_parse(text, &c, why, sizeof(why)) != 0)
		fail_msg("cron_parse(%s): %s", text, why);
	return c;
}

static struct sched_decision decide(const char *sched, const struct sched_policy *p,
				    const struct sched_input *in)
{
	struct cron_spec c = spec(sched);
	struct sched_decision d;

	memset(&d, 0x5a, sizeof(d));
	assert_int_equal(sched_decide(&c, p, in, &d), 0);
	return d;
}

/* The Tuesday/Friday 04:00 schedule of the docs, set up on 2026-11-20, last slot Friday
 * 2026-11-27 handled; @now given. */
static struct sched_input tuefri(time_t now)
{
	return (struct sched_input){ .now = now, .since = at(2026, 11, 20, 12, 0, 0),
				     .slot_done = at(2026, 11, 27, 4, 0, 0),
				     .last_run_start = at(2026, 11, 27, 4, 0, 20),
				     .exhaust_s = -1 };
}

#define TUEFRI "0 4 * * 2,5"

static void slot_reached_runs(void **state)
{
	struct sched_input in;
	struct sched_decision d;

	(void)state;
	zone("UTC");
	in = tuefri(at(2026, 12, 1, 4, 0, 30));
	d = decide(TUEFRI, &hour, &in);
	assert_int_equal(d.verdict, SCHED_RUN_SLOT);
	assert_int_equal(d.slot, at(2026, 12, 1, 4, 0, 0));
	assert_int_equal(d.next_slot, at(2026, 12, 4, 4, 0, 0));
	assert_string_equal(d.why, "slot 2026-12-01 04:00 UTC");
	/* the very second of the slot */
	in.now = at(2026, 12, 1, 4, 0, 0);
	d = decide(TUEFRI, &hour, &in);
	assert_int_equal(d.verdict, SCHED_RUN_SLOT);
	assert_int_equal(d.slot, in.now);
	/* one second before: nothing yet */
	in.now = at(2026, 12, 1, 3, 59, 59);
	d = decide(TUEFRI, &hour, &in);
	assert_int_equal(d.verdict, SCHED_WAIT);
	assert_int_equal(d.slot, 0);
	assert_int_equal(d.next_slot, at(2026, 12, 1, 4, 0, 0));
	assert_string_equal(d.why, "waiting: next slot 2026-12-01 04:00 UTC");
}

static void slot_done_waits(void **state)
{
	struct sched_input in;
	struct sched_decision d;

	(void)state;
	zone("UTC");
	in = tuefri(at(2026, 12, 1, 4, 10, 0));
	in.slot_done = at(2026, 12, 1, 4, 0, 0);
	in.last_run_start = at(2026, 12, 1, 4, 0, 30);
	d = decide(TUEFRI, &hour, &in);
	assert_int_equal(d.verdict, SCHED_WAIT);
	assert_int_equal(d.slot, 0);
	assert_int_equal(d.next_slot, at(2026, 12, 4, 4, 0, 0));
	assert_string_equal(d.why, "waiting: next slot 2026-12-04 04:00 UTC");
}

/* Refused at 04:00 (a node in standby): retried on each monitor until the window ends, then
 * skipped with that reason; "missed" when nothing was ever refused (the primitive was not
 * running during the window). */
static void refused_retried_then_skipped(void **state)
{
	struct sched_input in;
	struct sched_decision d;

	(void)state;
	zone("UTC");
	in = tuefri(at(2026, 12, 1, 4, 40, 0));
	in.last_refusal = "node node2 is in standby";
	d = decide(TUEFRI, &hour, &in);
	assert_int_equal(d.verdict, SCHED_RUN_SLOT);
	assert_int_equal(d.slot, at(2026, 12, 1, 4, 0, 0));
	assert_string_equal(d.why, "slot 2026-12-01 04:00 UTC; again after: node node2 is in "
			    "standby");
	/* the window's last second still runs */
	in.now = at(2026, 12, 1, 5, 0, 0);
	d = decide(TUEFRI, &hour, &in);
	assert_int_equal(d.verdict, SCHED_RUN_SLOT);
	in.now++;
	d = decide(TUEFRI, &hour, &in);
	assert_int_equal(d.verdict, SCHED_SKIP);
	assert_int_equal(d.slot, at(2026, 12, 1, 4, 0, 0));
	assert_int_equal(d.next_slot, at(2026, 12, 4, 4, 0, 0));
	assert_string_equal(d.why, "skipped slot 2026-12-01 04:00 UTC: window 1h ended; last "
			    "refused: node node2 is in standby");
	in.last_refusal = NULL;
	d = decide(TUEFRI, &hour, &in);
	assert_int_equal(d.verdict, SCHED_SKIP);
	assert_string_equal(d.why, "skipped slot 2026-12-01 04:00 UTC: window 1h ended; missed");
	in.last_refusal = "";
	d = decide(TUEFRI, &hour, &in);
	assert_string_equal(d.why, "skipped slot 2026-12-01 04:00 UTC: window 1h ended; missed");
	/* the window in people's units */
	d = decide(TUEFRI, &(struct sched_policy){ .window_s = 1800, .min_interval_s = 0 }, &in);
	assert_string_equal(d.why, "skipped slot 2026-12-01 04:00 UTC: window 30min ended; missed");
	in.now = at(2026, 12, 1, 5, 20, 0);
	d = decide(TUEFRI, &(struct sched_policy){ .window_s = 5400, .min_interval_s = 0 }, &in);
	assert_int_equal(d.verdict, SCHED_RUN_SLOT);
	in.now = at(2026, 12, 1, 5, 30, 1);
	d = decide(TUEFRI, &(struct sched_policy){ .window_s = 5400, .min_interval_s = 0 }, &in);
	assert_string_equal(d.why, "skipped slot 2026-12-01 04:00 UTC: window 1h 30min ended; "
			    "missed");
}

/* A schedule set up after a slot does not run that slot, late or not. */
static void before_since_never_runs(void **state)
{
	struct sched_input in = { .exhaust_s = -1 };
	struct sched_decision d;

	(void)state;
	zone("UTC");
	in.since = at(2026, 12, 1, 4, 0, 1);
	in.now = at(2026, 12, 1, 4, 0, 5);
	d = decide(TUEFRI, &hour, &in);
	assert_int_equal(d.verdict, SCHED_WAIT);
	assert_string_equal(d.why, "waiting: next slot 2026-12-04 04:00 UTC");
	/* nor days later, while no slot came after it */
	in.now = at(2026, 12, 3, 23, 0, 0);
	d = decide(TUEFRI, &hour, &in);
	assert_int_equal(d.verdict, SCHED_WAIT);
	/* set up at the very second of the slot: that slot is the schedule's */
	in.since = at(2026, 12, 1, 4, 0, 0);
	in.now = in.since;
	d = decide(TUEFRI, &hour, &in);
	assert_int_equal(d.verdict, SCHED_RUN_SLOT);
	assert_string_equal(d.why, "slot 2026-12-01 04:00 UTC");
	/* no slot done yet, the next one after since runs normally */
	in.since = at(2026, 11, 30, 9, 0, 0);
	in.now = at(2026, 12, 1, 4, 1, 0);
	d = decide(TUEFRI, &hour, &in);
	assert_int_equal(d.verdict, SCHED_RUN_SLOT);
	assert_string_equal(d.why, "slot 2026-12-01 04:00 UTC");
}

/* The cluster down from Saturday 21 November to Tuesday 1 December: the three slots of 24, 27
 * November and 1 December unhandled. Only the latest is considered: it runs if still inside
 * its window (the older ones passed over, named in the reason), or is skipped alone; the older
 * ones are never replayed one by one. */
static void missed_slots_not_replayed(void **state)
{
	struct sched_input in;
	struct sched_decision d;

	(void)state;
	zone("UTC");
	in = tuefri(at(2026, 12, 1, 4, 20, 0));
	in.slot_done = at(2026, 11, 20, 4, 0, 0);
	in.last_run_start = at(2026, 11, 20, 4, 0, 20);
	d = decide(TUEFRI, &hour, &in);
	assert_int_equal(d.verdict, SCHED_RUN_SLOT);
	assert_int_equal(d.slot, at(2026, 12, 1, 4, 0, 0));
	assert_string_equal(d.why, "slot 2026-12-01 04:00 UTC; earlier slots from 2026-11-24 "
			    "04:00 UTC passed over");
	/* back on Wednesday: the 1 December slot's window is gone, one SKIP for all */
	in.now = at(2026, 12, 2, 10, 0, 0);
	d = decide(TUEFRI, &hour, &in);
	assert_int_equal(d.verdict, SCHED_SKIP);
	assert_int_equal(d.slot, at(2026, 12, 1, 4, 0, 0));
	assert_string_equal(d.why, "skipped slot 2026-12-01 04:00 UTC: window 1h ended; missed; "
			    "earlier slots from 2026-11-24 04:00 UTC passed over");
	/* nothing done at all yet: the first slot after since is the earliest passed over */
	in.slot_done = 0;
	in.now = at(2026, 12, 1, 4, 20, 0);
	d = decide(TUEFRI, &hour, &in);
	assert_string_equal(d.why, "slot 2026-12-01 04:00 UTC; earlier slots from 2026-11-24 "
			    "04:00 UTC passed over");
}

/* What the agent does with a verdict, for the walks below. */
struct walk {
	int runs, forwards, skips;
	time_t slot_done, last_run_start;
};

static void apply(struct walk *w, const struct sched_decision *d, time_t now)
{
	switch (d->verdict) {
	case SCHED_RUN_SLOT:
		w->runs++;
		w->slot_done = d->slot;
		w->last_run_start = now;
		break;
	case SCHED_RUN_FORWARD:
		w->forwards++;
		w->last_run_start = now;
		break;
	case SCHED_SKIP:
		w->skips++;
		w->slot_done = d->slot;
		break;
	case SCHED_WAIT:
		break;
	}
}

/* A monitor every minute from the cluster's return (1 December 00:00, slots of 24 and 27
 * November never handled) to 8 December: one SKIP for both (of the latest, 27 November), then
 * exactly the slots of 1, 4 and 8 December run. */
static void walk_after_outage(void **state)
{
	struct cron_spec c = spec(TUEFRI);
	struct walk w = { .slot_done = 0 };
	struct sched_input in;
	struct sched_decision d;
	time_t end;

	(void)state;
	zone("UTC");
	in = tuefri(at(2026, 12, 1, 0, 0, 0));
	w.slot_done = at(2026, 11, 20, 4, 0, 0);
	end = at(2026, 12, 8, 12, 0, 0);
	for (; in.now < end; in.now += 60) {
		in.slot_done = w.slot_done;
		in.last_run_start = w.last_run_start;
		assert_int_equal(sched_decide(&c, &hour, &in, &d), 0);
		assert_true(d.next_slot > in.now);
		if (d.verdict == SCHED_SKIP)
			assert_string_equal(d.why, "skipped slot 2026-11-27 04:00 UTC: window 1h "
					    "ended; missed; earlier slots from 2026-11-24 04:00 UTC "
					    "passed over");
		apply(&w, &d, in.now);
	}
	assert_int_equal(w.runs, 3);
	assert_int_equal(w.skips, 1);
	assert_int_equal(w.forwards, 0);
	assert_int_equal(w.slot_done, at(2026, 12, 8, 4, 0, 0));
	/* the same walk starting on 2 December: 1 December skipped once, then 4 and 8 run */
	memset(&w, 0, sizeof(w));
	w.slot_done = at(2026, 11, 20, 4, 0, 0);
	for (in.now = at(2026, 12, 2, 0, 0, 0); in.now < end; in.now += 60) {
		in.slot_done = w.slot_done;
		in.last_run_start = w.last_run_start;
		assert_int_equal(sched_decide(&c, &hour, &in, &d), 0);
		apply(&w, &d, in.now);
	}
	assert_int_equal(w.skips, 1);
	assert_int_equal(w.runs, 2);
}

static void prediction_before_slot_forwards(void **state)
{
	struct sched_input in;
	struct sched_decision d;

	(void)state;
	zone("UTC");
	in = tuefri(at(2026, 12, 1, 10, 0, 0));
	in.slot_done = at(2026, 12, 1, 4, 0, 0);
	in.last_run_start = at(2026, 12, 1, 4, 0, 30);
	in.exhaust_s = 2 * 3600 + 10 * 60;
	in.exhaust_node = "node2";
	d = decide(TUEFRI, &hour, &in);
	assert_int_equal(d.verdict, SCHED_RUN_FORWARD);
	assert_int_equal(d.slot, 0);
	assert_int_equal(d.next_slot, at(2026, 12, 4, 4, 0, 0));
	assert_string_equal(d.why, "brought forward: node2's shared memory runs out in 2h 10min, "
			    "before the slot 2026-12-04 04:00 UTC");
	/* durations to the minute, with days; under a minute in seconds */
	in.exhaust_s = 2 * 86400 + 3 * 3600 + 4 * 60 + 59;
	d = decide(TUEFRI, &hour, &in);
	assert_string_equal(d.why, "brought forward: node2's shared memory runs out in 2d 3h 4min, "
			    "before the slot 2026-12-04 04:00 UTC");
	in.exhaust_s = 45;
	d = decide(TUEFRI, &hour, &in);
	assert_string_equal(d.why, "brought forward: node2's shared memory runs out in 45s, "
			    "before the slot 2026-12-04 04:00 UTC");
	in.exhaust_s = 0;
	d = decide(TUEFRI, &hour, &in);
	assert_int_equal(d.verdict, SCHED_RUN_FORWARD);
	assert_string_equal(d.why, "brought forward: node2's shared memory runs out in 0s, "
			    "before the slot 2026-12-04 04:00 UTC");
	/* one second before the slot still counts as before it */
	in.exhaust_s = at(2026, 12, 4, 4, 0, 0) - in.now - 1;
	d = decide(TUEFRI, &hour, &in);
	assert_int_equal(d.verdict, SCHED_RUN_FORWARD);
	assert_string_equal(d.why, "brought forward: node2's shared memory runs out in 2d 17h "
			    "59min, before the slot 2026-12-04 04:00 UTC");
}

static void prediction_after_slot_waits(void **state)
{
	struct sched_input in;
	struct sched_decision d;

	(void)state;
	zone("UTC");
	in = tuefri(at(2026, 12, 1, 10, 0, 0));
	in.slot_done = at(2026, 12, 1, 4, 0, 0);
	in.exhaust_node = "node1";
	/* at the slot itself: the slot's run is the restart */
	in.exhaust_s = at(2026, 12, 4, 4, 0, 0) - in.now;
	d = decide(TUEFRI, &hour, &in);
	assert_int_equal(d.verdict, SCHED_WAIT);
	assert_string_equal(d.why, "waiting: next slot 2026-12-04 04:00 UTC; node1's shared "
			    "memory runs out in 2d 18h, after it");
	in.exhaust_s = 4 * 86400;
	d = decide(TUEFRI, &hour, &in);
	assert_int_equal(d.verdict, SCHED_WAIT);
	assert_int_equal(d.slot, 0);
	assert_int_equal(d.next_slot, at(2026, 12, 4, 4, 0, 0));
	assert_string_equal(d.why, "waiting: next slot 2026-12-04 04:00 UTC; node1's shared "
			    "memory runs out in 4d, after it");
	/* no prediction (-1): nothing about memory */
	in.exhaust_s = -1;
	d = decide(TUEFRI, &hour, &in);
	assert_string_equal(d.why, "waiting: next slot 2026-12-04 04:00 UTC");
}

/* min_interval holds back a brought-forward run, not a slot. */
static void min_interval_forward_only(void **state)
{
	struct sched_input in;
	struct sched_decision d;

	(void)state;
	zone("UTC");
	in = tuefri(at(2026, 12, 1, 10, 0, 0));
	in.slot_done = at(2026, 12, 1, 4, 0, 0);
	in.last_run_start = at(2026, 12, 1, 9, 40, 0);
	in.exhaust_s = 2 * 3600 + 10 * 60;
	in.exhaust_node = "node2";
	d = decide(TUEFRI, &hour, &in);
	assert_int_equal(d.verdict, SCHED_WAIT);
	assert_int_equal(d.slot, 0);
	assert_string_equal(d.why, "waiting: node2's shared memory runs out in 2h 10min, before "
			    "the slot 2026-12-04 04:00 UTC, but the last run started 20min ago "
			    "(min_interval 1h)");
	/* exactly min_interval later: runs */
	in.now = at(2026, 12, 1, 10, 40, 0);
	d = decide(TUEFRI, &hour, &in);
	assert_int_equal(d.verdict, SCHED_RUN_FORWARD);
	/* min_interval 0: right after a run */
	in.now = at(2026, 12, 1, 9, 40, 1);
	d = decide(TUEFRI, &(struct sched_policy){ .window_s = 3600, .min_interval_s = 0 }, &in);
	assert_int_equal(d.verdict, SCHED_RUN_FORWARD);
	/* a run brought forward at 03:50 does not eat Friday's 04:00 slot */
	in = tuefri(at(2026, 12, 4, 4, 0, 30));
	in.slot_done = at(2026, 12, 1, 4, 0, 0);
	in.last_run_start = at(2026, 12, 4, 3, 50, 0);
	in.exhaust_s = 600;
	in.exhaust_node = "node2";
	d = decide(TUEFRI, &hour, &in);
	assert_int_equal(d.verdict, SCHED_RUN_SLOT);
	assert_int_equal(d.slot, at(2026, 12, 4, 4, 0, 0));
	assert_string_equal(d.why, "slot 2026-12-04 04:00 UTC");
}

/* Nothing starts or is skipped during a run; next_slot is still given. */
static void running_waits(void **state)
{
	struct sched_input in;
	struct sched_decision d;

	(void)state;
	zone("UTC");
	in = tuefri(at(2026, 12, 1, 4, 0, 30));
	in.running = true;
	in.exhaust_s = 60;
	in.exhaust_node = "node1";
	d = decide(TUEFRI, &hour, &in);
	assert_int_equal(d.verdict, SCHED_WAIT);
	assert_int_equal(d.slot, 0);
	assert_int_equal(d.next_slot, at(2026, 12, 4, 4, 0, 0));
	assert_string_equal(d.why, "waiting: a run is going on");
	in.now = at(2026, 12, 2, 4, 0, 30);
	d = decide(TUEFRI, &hour, &in);
	assert_int_equal(d.verdict, SCHED_WAIT);
	assert_string_equal(d.why, "waiting: a run is going on");
}

/* 30 February never comes: no next slot, still a decision. */
static void no_slot_within_ten_years(void **state)
{
	struct sched_input in = { .since = 1, .exhaust_s = -1 };
	struct sched_decision d;

	(void)state;
	zone("UTC");
	in.now = at(2026, 12, 1, 12, 0, 0);
	d = decide("0 0 30 2 *", &hour, &in);
	assert_int_equal(d.verdict, SCHED_WAIT);
	assert_int_equal(d.next_slot, 0);
	assert_string_equal(d.why, "waiting: next slot none within 10 years");
	in.exhaust_s = 3 * 3600;
	in.exhaust_node = "node3";
	d = decide("0 0 30 2 *", &hour, &in);
	assert_int_equal(d.verdict, SCHED_RUN_FORWARD);
	assert_string_equal(d.why, "brought forward: node3's shared memory runs out in 3h, "
			    "before any slot (none within 10 years)");
	/* a prediction without a node name */
	in.exhaust_node = NULL;
	d = decide("0 0 30 2 *", &hour, &in);
	assert_string_equal(d.why, "brought forward: a node's shared memory runs out in 3h, "
			    "before any slot (none within 10 years)");
}

static void invalid_input(void **state)
{
	struct cron_spec c = spec(TUEFRI);
	struct sched_input in;
	struct sched_decision d;

	(void)state;
	zone("UTC");
	in = tuefri(at(2026, 12, 1, 4, 0, 30));
	assert_int_equal(sched_decide(NULL, &hour, &in, &d), -EINVAL);
	assert_int_equal(sched_decide(&c, NULL, &in, &d), -EINVAL);
	assert_int_equal(sched_decide(&c, &hour, NULL, &d), -EINVAL);
	assert_int_equal(sched_decide(&c, &hour, &in, NULL), -EINVAL);
	assert_int_equal(sched_decide(&c, &(struct sched_policy){ .window_s = -1,
			 .min_interval_s = 3600 }, &in, &d), -EINVAL);
	assert_int_equal(sched_decide(&c, &(struct sched_policy){ .window_s = 3600,
			 .min_interval_s = -1 }, &in, &d), -EINVAL);
	in.since = in.now + 1;
	assert_int_equal(sched_decide(&c, &hour, &in, &d), -EINVAL);
	in = tuefri(at(2026, 12, 1, 4, 0, 30));
	in.slot_done = -5;
	assert_int_equal(sched_decide(&c, &hour, &in, &d), -EINVAL);
	in = tuefri(at(2026, 12, 1, 4, 0, 30));
	in.last_run_start = -5;
	assert_int_equal(sched_decide(&c, &hour, &in, &d), -EINVAL);
	in = tuefri(at(2026, 12, 1, 4, 0, 30));
	in.exhaust_s = -2;
	assert_int_equal(sched_decide(&c, &hour, &in, &d), -EINVAL);
	/* a window of 0: only the slot's own second */
	in = tuefri(at(2026, 12, 1, 4, 0, 0));
	assert_int_equal(sched_decide(&c, &(struct sched_policy){ 0, 0 }, &in, &d), 0);
	assert_int_equal(d.verdict, SCHED_RUN_SLOT);
	in.now++;
	assert_int_equal(sched_decide(&c, &(struct sched_policy){ 0, 0 }, &in, &d), 0);
	assert_int_equal(d.verdict, SCHED_SKIP);
	assert_string_equal(d.why, "skipped slot 2026-12-01 04:00 UTC: window 0s ended; missed");
}

/* Local time with its zone in the reasons; summer time: the skipped hour's slot is taken at
 * 03:00 CEST, the repeated hour's runs once. */
static void zurich(void **state)
{
	struct sched_input in;
	struct sched_decision d;

	(void)state;
	zone("Europe/Zurich");
	in = tuefri(at(2026, 12, 1, 4, 0, 30));
	d = decide(TUEFRI, &hour, &in);
	assert_int_equal(d.verdict, SCHED_RUN_SLOT);
	assert_string_equal(d.why, "slot 2026-12-01 04:00 CET");
	in.slot_done = d.slot;
	d = decide(TUEFRI, &hour, &in);
	assert_string_equal(d.why, "waiting: next slot 2026-12-04 04:00 CET");

	/* 29 March 2026: 02:00 CET jumps to 03:00 CEST; a daily 02:30 runs at 03:00 CEST */
	in = (struct sched_input){ .since = at(2026, 3, 1, 0, 0, 0), .exhaust_s = -1,
				   .slot_done = at(2026, 3, 28, 2, 30, 0) };
	in.now = at(2026, 3, 29, 1, 59, 0);
	d = decide("30 2 * * *", &hour, &in);
	assert_int_equal(d.verdict, SCHED_WAIT);
	assert_string_equal(d.why, "waiting: next slot 2026-03-29 03:00 CEST");
	in.now = at(2026, 3, 29, 3, 0, 10);
	d = decide("30 2 * * *", &hour, &in);
	assert_int_equal(d.verdict, SCHED_RUN_SLOT);
	assert_string_equal(d.why, "slot 2026-03-29 03:00 CEST");
	in.now = at(2026, 3, 29, 4, 0, 11);
	d = decide("30 2 * * *", &hour, &in);
	assert_string_equal(d.why, "skipped slot 2026-03-29 03:00 CEST: window 1h ended; missed");

	/* 25 October 2026: 03:00 CEST back to 02:00 CET; 02:30 comes twice, runs at the first */
	in = (struct sched_input){ .since = at(2026, 10, 1, 0, 0, 0), .exhaust_s = -1,
				   .slot_done = at(2026, 10, 24, 2, 30, 0) };
	in.now = (time_t)1792888200 + 30;	/* 2026-10-25 00:30:30Z = 02:30:30 CEST */
	d = decide("30 2 * * *", &hour, &in);
	assert_int_equal(d.verdict, SCHED_RUN_SLOT);
	assert_string_equal(d.why, "slot 2026-10-25 02:30 CEST");
	in.slot_done = d.slot;
	in.now = (time_t)1792888200 + 3600 + 30;	/* 02:30:30 CET, the second time */
	d = decide("30 2 * * *", &hour, &in);
	assert_int_equal(d.verdict, SCHED_WAIT);
	assert_string_equal(d.why, "waiting: next slot 2026-10-26 02:30 CET");
}

/* The clock went back: the record's times ahead of now are taken as now, so that decisions go
 * on (sched_decide refuses a set-up after now) and no slot is held back for as long as the
 * clock had run ahead; a slot handled less than a window ahead stays handled. */
static void clock_went_back(void **state)
{
	struct cron_spec c = spec("0 4 * * 2,5");
	struct sched_decision d;
	struct sched_times t;
	char why[512];
	time_t now;

	zone("UTC");
	/* nothing ahead: nothing changed */
	now = at(2026, 12, 1, 3, 0, 0);
	t = (struct sched_times){ at(2026, 11, 20, 10, 0, 0), at(2026, 11, 27, 4, 0, 0),
				  at(2026, 11, 27, 4, 0, 5) };
	assert_false(sched_clock_back(&c, 3600, now, &t, why, sizeof(why)));
	assert_int_equal(t.slot_done, at(2026, 11, 27, 4, 0, 0));

	/* a node ran a year ahead, set the schedule up, ran a slot, then NTP stepped it back */
	t = (struct sched_times){ at(2027, 11, 20, 10, 0, 0), at(2027, 11, 30, 4, 0, 0),
				  at(2027, 11, 30, 4, 0, 5) };
	struct sched_input in = { .now = now, .since = t.since, .slot_done = t.slot_done,
				  .last_run_start = t.run_start, .exhaust_s = -1 };
	assert_int_equal(sched_decide(&c, &hour, &in, &d), -EINVAL);
	assert_true(sched_clock_back(&c, 3600, now, &t, why, sizeof(why)));
	assert_int_equal(t.since, now);
	assert_int_equal(t.run_start, now);
	/* handled up to now: the Friday before, not replayed */
	assert_int_equal(t.slot_done, at(2026, 11, 27, 4, 0, 0));
	assert_non_null(strstr(why, "the clock went back (now 2026-12-01 03:00 UTC)"));
	assert_non_null(strstr(why, "set up 2027-11-20 10:00 UTC"));
	assert_non_null(strstr(why, "slot handled 2027-11-30 04:00 UTC"));
	/* and the next slot, this Tuesday 04:00, runs when reached */
	in = (struct sched_input){ .now = at(2026, 12, 1, 4, 0, 30), .since = t.since,
				   .slot_done = t.slot_done, .last_run_start = t.run_start,
				   .exhaust_s = -1 };
	assert_int_equal(sched_decide(&c, &hour, &in, &d), 0);
	assert_int_equal(d.verdict, SCHED_RUN_SLOT);
	assert_int_equal(d.slot, at(2026, 12, 1, 4, 0, 0));

	/* a small step back right after a slot ran: the slot stays handled, not run twice */
	now = at(2026, 12, 1, 3, 59, 58);
	t = (struct sched_times){ at(2026, 11, 20, 10, 0, 0), at(2026, 12, 1, 4, 0, 0),
				  at(2026, 12, 1, 4, 0, 1) };
	assert_true(sched_clock_back(&c, 3600, now, &t, why, sizeof(why)));
	assert_int_equal(t.slot_done, at(2026, 12, 1, 4, 0, 0));
	assert_int_equal(t.run_start, now);
	assert_null(strstr(why, "slot handled"));
	in = (struct sched_input){ .now = at(2026, 12, 1, 4, 0, 3), .since = t.since,
				   .slot_done = t.slot_done, .last_run_start = t.run_start,
				   .exhaust_s = -1 };
	assert_int_equal(sched_decide(&c, &hour, &in, &d), 0);
	assert_int_equal(d.verdict, SCHED_WAIT);

	/* a run started ahead holds a brought-forward run back by min_interval from now only */
	now = at(2026, 12, 2, 12, 0, 0);
	t = (struct sched_times){ at(2026, 11, 20, 10, 0, 0), at(2026, 12, 1, 4, 0, 0),
				  at(2026, 12, 9, 12, 0, 0) };
	assert_true(sched_clock_back(&c, 3600, now, &t, why, sizeof(why)));
	assert_int_equal(t.run_start, now);
	in = (struct sched_input){ .now = now + 3601, .since = t.since, .slot_done = t.slot_done,
				   .last_run_start = t.run_start, .exhaust_s = 600,
				   .exhaust_node = "node2" };
	assert_int_equal(sched_decide(&c, &hour, &in, &d), 0);
	assert_int_equal(d.verdict, SCHED_RUN_FORWARD);

	/* a schedule with no slot before now: the handled slot becomes none */
	struct cron_spec feb29 = spec("0 4 29 2 *");
	now = at(2026, 12, 1, 3, 0, 0);
	t = (struct sched_times){ at(2026, 11, 20, 10, 0, 0), at(2028, 2, 29, 4, 0, 0), 0 };
	assert_true(sched_clock_back(&feb29, 3600, now, &t, why, sizeof(why)));
	assert_int_equal(t.slot_done, at(2024, 2, 29, 4, 0, 0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(slot_reached_runs),
		cmocka_unit_test(slot_done_waits),
		cmocka_unit_test(refused_retried_then_skipped),
		cmocka_unit_test(before_since_never_runs),
		cmocka_unit_test(missed_slots_not_replayed),
		cmocka_unit_test(walk_after_outage),
		cmocka_unit_test(prediction_before_slot_forwards),
		cmocka_unit_test(prediction_after_slot_waits),
		cmocka_unit_test(min_interval_forward_only),
		cmocka_unit_test(running_waits),
		cmocka_unit_test(no_slot_within_ten_years),
		cmocka_unit_test(invalid_input),
		cmocka_unit_test(zurich),
		cmocka_unit_test(clock_went_back),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
