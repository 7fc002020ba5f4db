/* lib/cluster/roll_driver.h: runs a rolling restart plan against the cluster, step by step,
 * through a small table of operations (struct roll_env). siphactl gives it the real cluster
 * (libcib, controller IPC); unit tests give it a simulated one.
 *
 * Each step keeps to --step-timeout; any doubt aborts the run (another instance red or gone, a
 * node leaving, quorum lost, a new failed action, a deadline passed, an abort requested in the
 * lock): the driver then removes its constraints, releases the lock and reports why. The
 * cluster keeps serving: a run never removes what it did not create.
 */
#ifndef SIPHA_ROLL_DRIVER_H
#define SIPHA_ROLL_DRIVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libxml/tree.h>

#include "cluster/cluster_view.h"
#include "cluster/roll_plan.h"
#include "cluster/roll_xml.h"

struct roll_env {
	void *ctx;
	/* A fresh view and the lock as the CIB has them now; -errno with @why on failure. */
	int (*snapshot)(void *ctx, struct cluster_view *v, struct roll_lock *lock,
			struct roll_last *last, char *why, size_t len);
	/* The DC's FSA state ("S_IDLE" when no transition runs), bounded by @deadline_ms. */
	int (*dc_state)(void *ctx, int64_t deadline_ms, char *state, size_t len);
	/* CIB writes, as lib/cluster/cib_conn.h (create gives -EEXIST for an existing id). */
	int (*create)(void *ctx, const char *section, xmlNode *xml);
	int (*modify)(void *ctx, const char *section, xmlNode *xml);
	int (*remove)(void *ctx, const char *section, xmlNode *xml);
	/* Wall clock (s since the epoch, lease ends) and a monotonic clock (ms, deadlines). */
	time_t (*wall_s)(void *ctx);
	int64_t (*mono_ms)(void *ctx);
	void (*sleep_ms)(void *ctx, int64_t ms);
	/* One timestamped line per step (and the plan on --dry-run); may be NULL. */
	void (*progress)(void *ctx, const char *line);
};

struct roll_opts {
	struct cv_select sel;
	int64_t lease_ms;		/* default 120 s: how long constraints outlive a dead driver */
	int64_t min_healthy_ms;		/* default 10 s green after start */
	int64_t step_timeout_ms;	/* default 180 s per step */
	int64_t poll_ms;		/* default 500 ms */
	int64_t settle_ms;		/* default 15 s: how long a busy DC is waited for
					 * before the pre-flight refuses */
	bool dry_run;
	const char *owner;		/* this node's name, recorded in the lock */
	long pid;
};

enum roll_outcome {
	ROLL_DONE,		/* every instance restarted and green: exit 0 */
	ROLL_ABORTED,		/* stopped on doubt, cleaned up, cluster serving: exit 1 */
	ROLL_REFUSED,		/* pre-flight or a live lock: nothing changed: exit 3 */
	ROLL_ERROR,		/* the cluster could not be read or written: exit 2 */
};

struct roll_node_result {
	char node[CV_NAME_MAX];
	int64_t duration_ms;	/* ban created -> green for min_healthy */
};

struct roll_result {
	enum roll_outcome outcome;
	char reason[CV_REASON_MAX];	/* why it stopped or was refused; "" when done */
	struct roll_plan plan;
	int n_done;
	struct roll_node_result nodes[CV_NODES_MAX];
	int64_t duration_ms;
	bool took_over;			/* a stale lock (lease passed) was taken over */
	char stale_owner[CV_REASON_MAX];	/* whose, "node1 pid 123" */
};

/* Defaults for the durations above. */
void roll_opts_defaults(struct roll_opts *o);

/* Runs (or with dry_run only plans) a rolling restart. Always fills @ret; returns its outcome.
 * On any outcome but ROLL_REFUSED the record of the run (sipha-last-run) is written. */
enum roll_outcome roll_run(const struct roll_env *env, const struct roll_opts *o,
			   struct roll_result *ret);

/* Asks a running driver to stop (sets the abort field of the lock). With a lock whose lease
 * has passed, removes what the dead driver left instead. 0, -ENOENT when no run holds the
 * lock. */
int roll_request_abort(const struct roll_env *env, const char *who, char *why, size_t len);

#endif
