/* lib/kam/sync_gate.c: ready once the location table has caught up with the peers'. */
#include "kam/sync_gate.h"

#include <inttypes.h>
#include <stdio.h>

/* own * 100 >= peer_max * (100 - tolerance), without overflow: with peer_max = q * 100 + r,
 * the least own that counts is q * k + ceil(r * k / 100), which is at most peer_max. */
static bool caught_up(uint64_t own, uint64_t peer_max, int tolerance_pct)
{
	unsigned k = tolerance_pct <= 0 ? 100 : tolerance_pct >= 100 ? 0 : 100u - tolerance_pct;
	uint64_t q = peer_max / 100, r = peer_max % 100;

	return own >= q * k + (r * k + 99) / 100;
}

static long long seconds(int64_t ms)
{
	return ms > 0 ? (long long)(ms / 1000) : 0;
}

void sync_gate_eval(const struct sync_gate_in *in, struct sync_gate_out *ret)
{
	struct sync_gate_out o = { 0 };

	if (!in->replicates) {
		o.state = SYNC_OFF;
		snprintf(o.why, sizeof(o.why), "registrations not replicated (no dmq)");
	} else if (in->peers == 0) {
		o.state = SYNC_ALONE;
		snprintf(o.why, sizeof(o.why), "no peer publishes registrations: ready");
	} else if (caught_up(in->own, in->peer_max, in->tolerance_pct)) {
		o.state = SYNC_DONE;
		snprintf(o.why, sizeof(o.why), "registrations synced: %" PRIu64 " of %" PRIu64,
			 in->own, in->peer_max);
	} else if (in->since_start_ms < in->timeout_ms) {
		o.state = SYNC_SYNCING;
		snprintf(o.why, sizeof(o.why),
			 "syncing registrations: %" PRIu64 " of %" PRIu64 " (%lld s)", in->own,
			 in->peer_max, seconds(in->since_start_ms));
	} else {
		/* the timeout, not the time since start: the reason stays the same from one
		 * monitor to the next */
		o.state = SYNC_TIMEOUT;
		snprintf(o.why, sizeof(o.why),
			 "registrations still %" PRIu64 " of %" PRIu64
			 " after %lld s: serving anyway",
			 in->own, in->peer_max, seconds(in->timeout_ms));
	}
	*ret = o;
}

const char *sync_state_name(enum sync_state s)
{
	switch (s) {
	case SYNC_OFF:
		return "off";
	case SYNC_ALONE:
		return "alone";
	case SYNC_SYNCING:
		return "syncing";
	case SYNC_DONE:
		return "synced";
	case SYNC_TIMEOUT:
		return "timed-out";
	}
	return "unknown";
}

bool sync_state_ready(enum sync_state s)
{
	return s != SYNC_SYNCING;
}
