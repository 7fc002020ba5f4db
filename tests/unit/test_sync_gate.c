/* tests/unit/test_sync_gate.c: the readiness of a (re)started Kamailio against its peers'
 * registration tables (lib/kam/sync_gate.c), as a table of inputs and the expected verdict. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "kam/sync_gate.h"

struct gate_case {
	struct sync_gate_in in;
	enum sync_state state;
	const char *why;
};

#define IN(rep, own_, peers_, max, since, tmo, tol)                                            \
	{ .replicates = (rep), .own = (own_), .peers = (peers_), .peer_max = (max),            \
	  .since_start_ms = (since), .timeout_ms = (tmo), .tolerance_pct = (tol) }

static const struct gate_case cases[] = {
	/* no dmq: nothing to wait for, whatever the peers say */
	{ IN(false, 0, 2, 1000, 0, 60000, 1), SYNC_OFF, "registrations not replicated (no dmq)" },
	/* nobody publishes: cold start or single node */
	{ IN(true, 0, 0, 0, 0, 60000, 1), SYNC_ALONE, "no peer publishes registrations: ready" },
	{ IN(true, 5, 0, 1000, 0, 60000, 1), SYNC_ALONE,
	  "no peer publishes registrations: ready" },
	/* peers with empty tables: nothing to catch up with */
	{ IN(true, 0, 1, 0, 0, 60000, 0), SYNC_DONE, "registrations synced: 0 of 0" },
	{ IN(true, 120, 2, 1000, 3400, 60000, 1), SYNC_SYNCING,
	  "syncing registrations: 120 of 1000 (3 s)" },
	{ IN(true, 1000, 2, 1000, 3400, 60000, 1), SYNC_DONE,
	  "registrations synced: 1000 of 1000" },
	/* ahead of the peers (phones registered here meanwhile) */
	{ IN(true, 1010, 2, 1000, 3400, 60000, 0), SYNC_DONE,
	  "registrations synced: 1010 of 1000" },
	/* tolerance 1 %: 990 of 1000 counts, 989 does not */
	{ IN(true, 990, 1, 1000, 100, 60000, 1), SYNC_DONE, "registrations synced: 990 of 1000" },
	{ IN(true, 989, 1, 1000, 100, 60000, 1), SYNC_SYNCING,
	  "syncing registrations: 989 of 1000 (0 s)" },
	/* rounding up: 1 % of 150 is 1.5, so 148.5 is needed: 149 counts, 148 does not */
	{ IN(true, 149, 1, 150, 0, 60000, 1), SYNC_DONE, "registrations synced: 149 of 150" },
	{ IN(true, 148, 1, 150, 0, 60000, 1), SYNC_SYNCING,
	  "syncing registrations: 148 of 150 (0 s)" },
	/* tolerance 0: every contact */
	{ IN(true, 999, 1, 1000, 0, 60000, 0), SYNC_SYNCING,
	  "syncing registrations: 999 of 1000 (0 s)" },
	/* tolerance 100: anything counts, an empty table too */
	{ IN(true, 0, 1, 1000, 0, 60000, 100), SYNC_DONE, "registrations synced: 0 of 1000" },
	/* the timeout: behind until just before, served from the millisecond it is reached */
	{ IN(true, 120, 1, 1000, 59999, 60000, 1), SYNC_SYNCING,
	  "syncing registrations: 120 of 1000 (59 s)" },
	{ IN(true, 120, 1, 1000, 60000, 60000, 1), SYNC_TIMEOUT,
	  "registrations still 120 of 1000 after 60 s: serving anyway" },
	{ IN(true, 120, 1, 1000, 75000, 60000, 1), SYNC_TIMEOUT,
	  "registrations still 120 of 1000 after 60 s: serving anyway" },
	/* sync_timeout 0: never waits */
	{ IN(true, 0, 1, 1000, 0, 0, 1), SYNC_TIMEOUT,
	  "registrations still 0 of 1000 after 0 s: serving anyway" },
	/* a clock that went back: still syncing, no negative seconds */
	{ IN(true, 0, 1, 1000, -5000, 60000, 1), SYNC_SYNCING,
	  "syncing registrations: 0 of 1000 (0 s)" },
	/* no overflow at the top of the range */
	{ IN(true, UINT64_MAX, 1, UINT64_MAX, 0, 60000, 0), SYNC_DONE,
	  "registrations synced: 18446744073709551615 of 18446744073709551615" },
	{ IN(true, UINT64_MAX - 1, 1, UINT64_MAX, 0, 60000, 0), SYNC_SYNCING,
	  "syncing registrations: 18446744073709551614 of 18446744073709551615 (0 s)" },
	/* 99 % of UINT64_MAX is ...456098.85 */
	{ IN(true, 18262276632972456099u, 1, UINT64_MAX, 0, 60000, 1), SYNC_DONE,
	  "registrations synced: 18262276632972456099 of 18446744073709551615" },
	{ IN(true, 18262276632972456098u, 1, UINT64_MAX, 0, 60000, 1), SYNC_SYNCING,
	  "syncing registrations: 18262276632972456098 of 18446744073709551615 (0 s)" },
};

static void gate_table(void **state)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct sync_gate_out o;

		memset(&o, 0x55, sizeof(o));
		sync_gate_eval(&cases[i].in, &o);
		if (o.state != cases[i].state || strcmp(o.why, cases[i].why))
			fail_msg("case %zu: %s \"%s\", expected %s \"%s\"", i,
				 sync_state_name(o.state), o.why, sync_state_name(cases[i].state),
				 cases[i].why);
	}
}

/* the tolerance is clamped to 0..100 */
static void tolerance_clamped(void **state)
{
	struct sync_gate_in in = IN(true, 999, 1, 1000, 0, 60000, -5);
	struct sync_gate_out o;

	sync_gate_eval(&in, &o);
	assert_int_equal(o.state, SYNC_SYNCING);
	in.tolerance_pct = 250;
	in.own = 0;
	sync_gate_eval(&in, &o);
	assert_int_equal(o.state, SYNC_DONE);
}

static void names_and_readiness(void **state)
{
	static const struct {
		enum sync_state s;
		const char *name;
		bool ready;
	} t[] = {
		{ SYNC_OFF, "off", true },	   { SYNC_ALONE, "alone", true },
		{ SYNC_SYNCING, "syncing", false }, { SYNC_DONE, "synced", true },
		{ SYNC_TIMEOUT, "timed-out", true },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		assert_string_equal(sync_state_name(t[i].s), t[i].name);
		assert_int_equal(sync_state_ready(t[i].s), t[i].ready);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(gate_table),
		cmocka_unit_test(tolerance_clamped),
		cmocka_unit_test(names_and_readiness),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
