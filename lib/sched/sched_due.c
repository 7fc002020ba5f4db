/* lib/sched/sched_due.c: the decision of ocf:sipha:rollingrestart's monitor (run a slot, run
 * early, skip a slot, wait) and its one-line reason; the rules are in sched_due.h. */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/duration.h"
#include "sched/sched_due.h"

void sched_local_time(time_t t, char *buf, size_t len)
{
	struct tm tm;

	if (!localtime_r(&t, &tm) || !strftime(buf, len, "%Y-%m-%d %H:%M %Z", &tm))
		snprintf(buf, len, "@%lld", (long long)t);
}

static void why(struct sched_decision *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void why(struct sched_decision *d, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(d->why, sizeof(d->why), fmt, ap);
	va_end(ap);
}

static bool input_ok(const struct sched_policy *p, const struct sched_input *in)
{
	return p->window_s >= 0 && p->min_interval_s >= 0 && in->since >= 0 &&
	       in->now >= in->since && in->slot_done >= 0 && in->last_run_start >= 0 &&
	       in->exhaust_s >= -1;
}

/* The latest slot at or before now that is still to handle (after @slot_done, not before
 * @since), or 0. Older unhandled slots are never returned: they are passed over. */
static int pending_slot(const struct cron_spec *c, const struct sched_input *in, time_t *ret)
{
	time_t prev;
	int r = cron_prev(c, in->now, &prev);

	*ret = 0;
	if (r == -ERANGE)
		return 0;
	if (r < 0)
		return r;
	if (prev > in->slot_done && prev >= in->since)
		*ret = prev;
	return 0;
}

/* RUN_SLOT inside the window, SKIP after it. When earlier slots were never handled either (the
 * cluster was down), the reason names the first of them: they are passed over, not replayed. */
static void decide_slot(const struct cron_spec *c, const struct sched_policy *p,
			const struct sched_input *in, time_t slot, struct sched_decision *d)
{
	char at[64], first_at[64], win[32], missed[128] = "";
	time_t first;

	sched_local_time(slot, at, sizeof(at));
	/* the first unhandled slot: strictly after slot_done, at or after since */
	if (cron_next(c, (in->slot_done > in->since - 1 ? in->slot_done : in->since - 1),
		      &first) == 0 && first < slot) {
		sched_local_time(first, first_at, sizeof(first_at));
		snprintf(missed, sizeof(missed), "; earlier slots from %s passed over", first_at);
	}
	d->slot = slot;
	if (in->now - slot <= p->window_s) {
		d->verdict = SCHED_RUN_SLOT;
		if (in->last_refusal && in->last_refusal[0])
			why(d, "slot %s%s; again after: %s", at, missed, in->last_refusal);
		else
			why(d, "slot %s%s", at, missed);
		return;
	}
	duration_format_span(p->window_s, win, sizeof(win));
	d->verdict = SCHED_SKIP;
	if (in->last_refusal && in->last_refusal[0])
		why(d, "skipped slot %s: window %s ended; last refused: %s%s", at, win,
		    in->last_refusal, missed);
	else
		why(d, "skipped slot %s: window %s ended; missed%s", at, win, missed);
}

/* The next slot for the reason: "2026-12-04 04:00 CET", or that there is none. */
static void next_text(time_t next, char *buf, size_t len)
{
	if (next)
		sched_local_time(next, buf, len);
	else
		snprintf(buf, len, "none within 10 years");
}

/* A prediction exists: RUN_FORWARD when it comes before the next slot and the last run is at
 * least min_interval ago, else WAIT saying which of the two held it back. */
static void decide_forward(const struct sched_policy *p, const struct sched_input *in,
			   struct sched_decision *d)
{
	const char *node = in->exhaust_node && in->exhaust_node[0] ? in->exhaust_node : "a node";
	char in_s[32], at[64], next[96], ago[32], minint[32];
	int64_t since_last = in->now - in->last_run_start;

	duration_format_span(in->exhaust_s, in_s, sizeof(in_s));
	next_text(d->next_slot, at, sizeof(at));
	d->verdict = SCHED_WAIT;
	if (d->next_slot && in->now + in->exhaust_s >= d->next_slot) {
		why(d, "waiting: next slot %s; %s's shared memory runs out in %s, after it", at,
		    node, in_s);
		return;
	}
	if (d->next_slot)
		snprintf(next, sizeof(next), "the slot %s", at);
	else
		snprintf(next, sizeof(next), "any slot (%s)", at);
	if (in->last_run_start && since_last < p->min_interval_s) {
		duration_format_span(since_last, ago, sizeof(ago));
		duration_format_span(p->min_interval_s, minint, sizeof(minint));
		why(d, "waiting: %s's shared memory runs out in %s, before %s, but the last run "
		    "started %s ago (min_interval %s)", node, in_s, next, ago, minint);
		return;
	}
	d->verdict = SCHED_RUN_FORWARD;
	why(d, "brought forward: %s's shared memory runs out in %s, before %s", node, in_s, next);
}

int sched_decide(const struct cron_spec *c, const struct sched_policy *p,
		 const struct sched_input *in, struct sched_decision *ret)
{
	struct sched_decision d = { .verdict = SCHED_WAIT };
	time_t slot;
	char next[64];
	int r;

	if (!c || !p || !in || !ret || !input_ok(p, in))
		return -EINVAL;
	r = cron_next(c, in->now, &d.next_slot);
	if (r < 0 && r != -ERANGE)
		return r;
	if (r < 0)
		d.next_slot = 0;
	if ((r = pending_slot(c, in, &slot)) < 0)
		return r;
	if (in->running)
		why(&d, "waiting: a run is going on");
	else if (slot)
		decide_slot(c, p, in, slot, &d);
	else if (in->exhaust_s >= 0)
		decide_forward(p, in, &d);
	else {
		next_text(d.next_slot, next, sizeof(next));
		why(&d, "waiting: next slot %s", next);
	}
	*ret = d;
	return 0;
}
