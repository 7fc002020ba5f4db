/* lib/sched/sched_clock.c: a schedule's record against a wall clock that went back. */
#include "sched/sched_clock.h"

#include <stdio.h>
#include <string.h>

#include "sched/sched_due.h"

/* Appends "WHAT TIME" (local time), after "; " when @buf holds something already. */
static void add(char *buf, size_t len, const char *what, time_t at)
{
	size_t used = strlen(buf);
	char t[64];

	sched_local_time(at, t, sizeof(t));
	snprintf(buf + used, len - used, "%s%s %s", used ? "; " : "", what, t);
}

bool sched_clock_back(const struct cron_spec *c, int64_t window_s, time_t now,
		      struct sched_times *t, char *why, size_t len)
{
	char ahead[SCHED_WHY_MAX] = "", at[64];
	time_t prev;

	if (t->since <= now && t->run_start <= now && t->slot_done <= now + window_s)
		return false;
	if (t->since > now) {
		add(ahead, sizeof(ahead), "set up", t->since);
		t->since = now;
	}
	if (t->run_start > now) {
		add(ahead, sizeof(ahead), "last run started", t->run_start);
		t->run_start = now;
	}
	if (t->slot_done > now + window_s) {
		add(ahead, sizeof(ahead), "slot handled", t->slot_done);
		t->slot_done = cron_prev(c, now, &prev) == 0 ? prev : 0;
	}
	sched_local_time(now, at, sizeof(at));
	snprintf(why, len, "the clock went back (now %s): the record was ahead (%s); taken as "
		 "now: the slots ahead run when the clock reaches them", at, ahead);
	return true;
}
