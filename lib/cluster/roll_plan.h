/* lib/cluster/roll_plan.h: the order of a rolling restart, and the pre-flight that refuses one.
 * Pure functions of a cluster_view: no I/O, unit-tested for 2 and 3 nodes with the IP on each.
 *
 * Order: every node not holding the floating IP (by name), then the IP moves once to the
 * first node restarted (already green by then), then the former holder. With the IP nowhere,
 * the nodes by name and no move.
 */
#ifndef SIPHA_ROLL_PLAN_H
#define SIPHA_ROLL_PLAN_H

#include <stddef.h>

#include "cluster/cluster_view.h"

enum roll_step_kind {
	ROLL_RESTART,		/* keep the instance off node, wait stopped, lift, wait green */
	ROLL_MOVE_IP,		/* move the floating IP to node, wait until it runs there */
};

struct roll_step {
	enum roll_step_kind kind;
	char node[CV_NAME_MAX];
};

struct roll_plan {
	int n;
	struct roll_step steps[CV_NODES_MAX + 1];
	char ip_from[CV_NAME_MAX];	/* "" when the IP runs nowhere */
	char ip_to[CV_NAME_MAX];	/* "" when the IP does not move */
};

/* Fills @ret from @v (every node of the view that is online). Returns 0, or -EINVAL with @why
 * when fewer than two nodes could serve (a rolling restart would be an outage). */
int roll_plan_make(const struct cluster_view *v, struct roll_plan *ret, char *why, size_t len);

/* Pre-flight: quorum, every node online and neither standby nor in maintenance, no failed
 * action, the DC idle (@dc_state "S_IDLE"), every instance started and not red, a non-zero
 * resource-stickiness on the IP. Returns 0, or -EBUSY with @why naming the first thing
 * wrong and what to do about it. */
int roll_preflight(const struct cluster_view *v, const char *dc_state, char *why, size_t len);

/* One line per step, "1. restart kamailio on node2", for --dry-run and the progress log. */
void roll_step_text(const struct roll_step *s, const char *clone_id, const char *ip_id,
		    char *buf, size_t len);

#endif
