/* tools/siphactl/cmd_roll.c: siphactl rolling-restart and abort: the driver of
 * lib/cluster/roll_driver.h over the live cluster, its outcome as an exit status and a summary. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/duration.h"
#include "core/stop_signal.h"
#include "tools/siphactl/siphactl.h"

static void summary(const struct roll_result *res, const struct ctl *o)
{
	char d[32];

	if (o->dry_run)
		return;
	printf("summary: %s", res->outcome == ROLL_DONE ? "done" : res->outcome == ROLL_ABORTED ?
	       "aborted" : res->outcome == ROLL_REFUSED ? "refused" : "failed");
	if (res->reason[0])
		printf(" (%s)", res->reason);
	duration_format(res->duration_ms, d, sizeof(d));
	printf(", %s in all\n", d);
	for (int i = 0; i < res->n_done; i++) {
		duration_format(res->nodes[i].duration_ms, d, sizeof(d));
		printf("  %s restarted in %s\n", res->nodes[i].node, d);
	}
	/* an aborted run may have stopped before the move: say what was planned, not done */
	if (res->plan.ip_from[0] && res->plan.ip_to[0] && res->outcome == ROLL_DONE)
		printf("  floating IP: %s -> %s\n", res->plan.ip_from, res->plan.ip_to);
	else if (res->plan.ip_from[0] && res->plan.ip_to[0])
		printf("  floating IP: was on %s, the plan moved it to %s (siphactl status shows "
		       "where it runs now)\n", res->plan.ip_from, res->plan.ip_to);
	else if (res->plan.ip_from[0])
		printf("  floating IP: stayed on %s\n", res->plan.ip_from);
	if (res->took_over)
		printf("  took over the stale lock of %s\n", res->stale_owner);
}

static int exit_of(enum roll_outcome oc)
{
	switch (oc) {
	case ROLL_DONE: return CTL_OK;
	case ROLL_ABORTED: return CTL_FAILED;
	case ROLL_REFUSED: return CTL_REFUSED;
	case ROLL_ERROR: break;
	}
	return CTL_USAGE;
}

int cmd_roll(const struct ctl *o)
{
	struct cib_conn *c = NULL;
	struct roll_env_cib e;
	struct roll_env env;
	struct roll_opts ro;
	static struct roll_result res;
	char self[CV_NAME_MAX];
	enum roll_outcome oc;
	int r;

	if ((r = ctl_connect(&c)) >= 0)
		return r;
	roll_opts_defaults(&ro);
	ro.sel = o->sel;
	ro.dry_run = o->dry_run;
	if (o->lease_ms > 0)
		ro.lease_ms = o->lease_ms;
	if (o->min_healthy_ms > 0)
		ro.min_healthy_ms = o->min_healthy_ms;
	if (o->step_timeout_ms > 0)
		ro.step_timeout_ms = o->step_timeout_ms;
	ctl_node_name(self, sizeof(self));
	ro.owner = self;
	ro.pid = (long)getpid();
	/* SIGINT and SIGTERM become an abort request (seen by the snapshot and the sleeps): the
	 * driver then leaves by its cleanup path */
	roll_env_cib_init(&e, c, stop_signal_catch(), &env);
	e.sel = o->sel;
	oc = roll_run(&env, &ro, &res);
	cib_conn_close(c);
	summary(&res, o);
	if (oc != ROLL_DONE)
		ctl_fail(exit_of(oc), "rolling restart %s: %s", oc == ROLL_REFUSED ? "refused" :
			 oc == ROLL_ABORTED ? "aborted" : "failed", res.reason[0] ? res.reason :
			 "no reason given");
	return exit_of(oc);
}

int cmd_abort(const struct ctl *o)
{
	struct cib_conn *c = NULL;
	struct roll_env_cib e;
	struct roll_env env;
	volatile sig_atomic_t never = 0;
	char who[CV_REASON_MAX], self[CV_NAME_MAX], why[CV_REASON_MAX] = "";
	int r;

	if ((r = ctl_connect(&c)) >= 0)
		return r;
	roll_env_cib_init(&e, c, &never, &env);
	e.sel = o->sel;
	ctl_node_name(self, sizeof(self));
	snprintf(who, sizeof(who), "siphactl abort on %s (uid %u)", self, (unsigned)getuid());
	r = roll_request_abort(&env, who, why, sizeof(why));
	cib_conn_close(c);
	if (r == -ENOENT)
		return ctl_fail(CTL_FAILED, "no rolling restart is running%s%s", why[0] ? ": " : "",
				why);
	if (r < 0)
		return ctl_fail(CTL_USAGE, "abort: %s", why[0] ? why : strerror(-r));
	printf("%s\n", why[0] ? why : "abort requested; the run cleans up and exits 1");
	return CTL_OK;
}
