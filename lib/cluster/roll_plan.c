/* lib/cluster/roll_plan.c: the order of a rolling restart and the pre-flight that refuses one. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cluster/roll_plan.h"

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct roll_step *)a)->node, ((const struct roll_step *)b)->node);
}

static void add_step(struct roll_plan *p, enum roll_step_kind kind, const char *node)
{
	struct roll_step *s = &p->steps[p->n++];

	s->kind = kind;
	snprintf(s->node, sizeof(s->node), "%s", node);
}

int roll_plan_make(const struct cluster_view *v, struct roll_plan *ret, char *why, size_t len)
{
	struct roll_plan p = { 0 };
	const struct cv_node *holder = NULL;
	int online = 0;

	for (int i = 0; i < v->n_nodes && i < CV_NODES_MAX; i++) {
		const struct cv_node *n = &v->nodes[i];

		if (!n->online)
			continue;
		online++;
		if (n->ip_active && !holder)
			holder = n;
		else
			add_step(&p, ROLL_RESTART, n->name);
	}
	if (online < 2) {
		if (why)
			snprintf(why, len, "%d node%s online: a rolling restart needs two nodes that "
				 "can serve, or it would be an outage", online, online == 1 ? "" : "s");
		return -EINVAL;
	}
	qsort(p.steps, (size_t)p.n, sizeof(p.steps[0]), by_name);
	if (holder) {
		/* the first restarted node is green again by the time the IP moves there */
		snprintf(p.ip_from, sizeof(p.ip_from), "%s", holder->name);
		snprintf(p.ip_to, sizeof(p.ip_to), "%s", p.steps[0].node);
		add_step(&p, ROLL_MOVE_IP, p.ip_to);
		add_step(&p, ROLL_RESTART, holder->name);
	}
	*ret = p;
	return 0;
}

/* The first node that is not fit to take part, with what is wrong and what to do. */
static int check_nodes(const struct cluster_view *v, char *why, size_t len)
{
	for (int i = 0; i < v->n_nodes && i < CV_NODES_MAX; i++) {
		const struct cv_node *n = &v->nodes[i];

		if (!n->online || n->unclean || n->shutdown) {
			snprintf(why, len, "node %s is %s: bring it back online first", n->name,
				 n->unclean ? "unclean (waiting to be fenced)" :
				 n->shutdown ? "shutting down" : "offline");
			return -EBUSY;
		}
		if (n->standby) {
			snprintf(why, len, "node %s is in standby: a restart would leave too few "
				 "nodes; unstandby it (pcs node unstandby %s) or restart by hand",
				 n->name, n->name);
			return -EBUSY;
		}
		if (n->maintenance) {
			snprintf(why, len, "node %s is in maintenance: end it first (pcs node "
				 "unmaintenance %s)", n->name, n->name);
			return -EBUSY;
		}
	}
	return 0;
}

static int check_instances(const struct cluster_view *v, char *why, size_t len)
{
	for (int i = 0; i < v->n_nodes && i < CV_NODES_MAX; i++) {
		const struct cv_node *n = &v->nodes[i];

		if (!n->kam_active) {
			snprintf(why, len, "the Kamailio instance on %s is not running: find out why "
				 "(siphactl status, crm_mon) and start it first", n->name);
			return -EBUSY;
		}
		if (!strcmp(n->health, "red")) {
			snprintf(why, len, "sipha-health is red on %s: restarting the other nodes "
				 "now could leave no healthy instance; deal with %s first", n->name,
				 n->name);
			return -EBUSY;
		}
	}
	return 0;
}

int roll_preflight(const struct cluster_view *v, const char *dc_state, char *why, size_t len)
{
	const struct cv_failed *f;
	char dummy[8];
	int r;

	if (!why) {
		why = dummy;
		len = sizeof(dummy);
	}
	if (!v->have_quorum) {
		snprintf(why, len, "the cluster has no quorum: bring nodes back first");
		return -EBUSY;
	}
	if ((r = check_nodes(v, why, len)) < 0)
		return r;
	if (cluster_view_failures(v, &f) > 0) {
		snprintf(why, len, "failed action: %s %s on %s (rc %d%s%s): fix it and clear it "
			 "(pcs resource cleanup %s) first", f->rsc, f->op, f->node, f->rc,
			 f->reason[0] ? ", " : "", f->reason, f->rsc);
		return -EBUSY;
	}
	if (!dc_state || strcmp(dc_state, "S_IDLE") != 0) {
		snprintf(why, len, "the cluster is not settled (DC %s in state %s): wait until it "
			 "is idle and try again", v->dc[0] ? v->dc : "(none)",
			 dc_state && *dc_state ? dc_state : "unknown");
		return -EBUSY;
	}
	if ((r = check_instances(v, why, len)) < 0)
		return r;
	if (v->ip_stickiness <= 0) {
		snprintf(why, len, "resource-stickiness is 0: after the run the IP could move back "
			 "(a second outage); set it, e.g. pcs resource defaults update "
			 "resource-stickiness=100");
		return -EBUSY;
	}
	return 0;
}

void roll_step_text(const struct roll_step *s, const char *clone_id, const char *ip_id,
		    char *buf, size_t len)
{
	if (s->kind == ROLL_MOVE_IP)
		snprintf(buf, len, "move %s to %s", ip_id && *ip_id ? ip_id : "the floating IP",
			 s->node);
	else
		snprintf(buf, len, "restart %s on %s", clone_id && *clone_id ? clone_id :
			 "kamailio", s->node);
}
