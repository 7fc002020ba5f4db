/* lib/cluster/cluster_view.h: one snapshot of the cluster as siphactl needs it — nodes, where
 * each Kamailio instance and the floating IP run, node attributes, failed actions, quorum, the
 * DC — read from the CIB through libcib and judged by libpe_status (never from crm_mon text).
 *
 * Plain C structs, no Pacemaker type: the rest of siphactl and its unit tests do not depend on
 * which Pacemaker release is installed (lib/cluster/pcmk_compat.h hides that).
 */
#ifndef SIPHA_CLUSTER_VIEW_H
#define SIPHA_CLUSTER_VIEW_H

#include <stdbool.h>
#include <stdint.h>

#include <libxml/tree.h>

#define CV_NODES_MAX 16
#define CV_FAILED_MAX 32
#define CV_NAME_MAX 128
#define CV_REASON_MAX 256

struct cv_node {
	char name[CV_NAME_MAX];		/* uname */
	bool online;			/* in the membership, controller joined */
	bool standby;			/* standby=on (permanent or transient) */
	bool maintenance;		/* node in maintenance */
	bool shutdown;			/* shutting down */
	bool unclean;			/* needs fencing */
	bool kam_active;		/* an instance of the Kamailio clone runs here */
	bool ip_active;			/* the floating IP resource runs here */
	char health[16];		/* sipha-health attribute: green/yellow/red, "" if unset */
	int shm_used_pct;		/* sipha-shm-used-pct, -1 if unset */
	int64_t shm_exhaust_s;		/* sipha-shm-exhaust-s, -1 if unset */
};

struct cv_failed {
	char rsc[CV_NAME_MAX];		/* resource id as recorded (e.g. "kamailio:0" or "sip-ip") */
	char node[CV_NAME_MAX];
	char op[32];			/* start, stop, monitor, probe ("monitor" with interval 0) */
	int rc;				/* the agent's exit code */
	char reason[CV_REASON_MAX];	/* exit-reason, "" if none */
};

struct cluster_view {
	bool have_quorum;
	char dc[CV_NAME_MAX];			/* "" when no DC */
	char clone_id[CV_NAME_MAX];		/* the clone of ocf:sipha:kamailio */
	char kam_id[CV_NAME_MAX];		/* its primitive */
	char ip_id[CV_NAME_MAX];		/* the ocf:sipha:floatip primitive */
	int n_nodes;
	struct cv_node nodes[CV_NODES_MAX];
	int n_failed;
	struct cv_failed failed[CV_FAILED_MAX];
	/* resource-stickiness that applies to the floating IP (its meta attribute, else
	 * rsc_defaults), 0 when unset: with 0 the IP may move back after a restart */
	int64_t ip_stickiness;
};

/* Which resources the view is about. NULL fields are detected: exactly one clone whose
 * primitive is ocf:sipha:kamailio, exactly one ocf:sipha:floatip primitive. */
struct cv_select {
	const char *clone_id;
	const char *ip_id;
};

/* Builds @ret from a whole CIB document (the <cib> element, status section included).
 * Returns 0; -ENOENT when a resource to detect is missing or a given id does not exist
 * (@why says which), -ENOTUNIQ when several candidates exist (@why names them), -EINVAL when
 * the given id is not of the expected kind (@why says what it is), -E2BIG past the limits.
 * @why (may be NULL) gets one sentence on failure. */
int cluster_view_from_cib(xmlNode *cib, const struct cv_select *sel, struct cluster_view *ret,
			  char *why, size_t why_len);

/* The node named @name, or NULL. */
const struct cv_node *cluster_view_node(const struct cluster_view *v, const char *name);

/* Failed actions that are failures: a degraded result (rc 190/191: a yellow health, a second
 * holder of the IP) is listed among them by Pacemaker, yet it leaves the resource running and
 * a rolling restart is what cures a leak's yellow. Returns how many; the last of them in
 * @ret_last (may be NULL). */
int cluster_view_failures(const struct cluster_view *v, const struct cv_failed **ret_last);

/* The node running the floating IP, or NULL. */
const struct cv_node *cluster_view_ip_node(const struct cluster_view *v);

#endif
