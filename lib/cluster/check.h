/* lib/cluster/check.h: the pre-flight findings of `siphactl check`: what in the configuration or
 * in the cluster's history would make a failover or a rolling restart go wrong, each with the
 * node and resource it concerns and what to do. Pure functions over a CIB document (libxml2)
 * and what this node itself sees of the floating IP (check_local_scan, the only one doing I/O).
 *
 * The rules live in one table (check_rules) so that the man page and docs list the same.
 */
#ifndef SIPHA_CHECK_H
#define SIPHA_CHECK_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libxml/tree.h>

#include "cluster/cluster_view.h"
#include "net/addr_copies.h"
#include "net/addr_origin.h"

enum check_severity {
	CHECK_ERROR,		/* a failover or rolling restart would go wrong: exit 1 */
	CHECK_WARNING,		/* risky, but not wrong by itself */
	CHECK_INFO,		/* something check could not look at */
};

enum check_rule_id {
	CHECK_IP_LOCAL,		/* the floating IP on this node, not added by floatip */
	CHECK_IP_RECORDED,	/* floatip recorded a copy that is not its own on a node */
	CHECK_IP_ANSWERED,	/* floatip recorded another MAC answering for the IP */
	CHECK_HEALTH_RULE,	/* no -INFINITY location rule on sipha-health eq red for the IP,
				 * nor node-health-strategy on #health-sipha with the clone
				 * exempt (docs/health.md) */
	CHECK_COLOCATION,	/* no colocation of the IP with the Kamailio clone */
	CHECK_ORDER,		/* no order: the Kamailio clone, then the IP */
	CHECK_NOT_CLONE,	/* the Kamailio primitive is not cloned */
	CHECK_INTERLEAVE,	/* the clone without interleave=true */
	CHECK_DEEP_MONITOR,	/* no monitor with OCF_CHECK_LEVEL=10 on the Kamailio primitive */
	CHECK_STICKINESS,	/* resource-stickiness 0 for the IP */
	CHECK_STONITH,		/* stonith-enabled=false */
	CHECK_NO_RESOURCE,	/* no ocf:sipha:kamailio or ocf:sipha:floatip primitive found */
	CHECK_LOCAL_UNSCANNED,	/* this node's interfaces could not be read */
	CHECK_NO_REPLICATION,	/* a Kamailio instance whose configuration has no dmq */
	CHECK_DMQ_PEERS,	/* an instance sees fewer DMQ peers than other nodes replicate */
	CHECK_HEALTH_EXEMPT,	/* node-health-strategy on #health-sipha, the clone not exempt */
	CHECK_RULES_N
};

struct check_rule {
	enum check_rule_id id;
	const char *name;		/* short id shown to admins: "ip-dynamic-local" */
	enum check_severity severity;
	const char *text;		/* what is wrong, in general */
	const char *todo;		/* what to do, in general */
};

/* Every rule, indexed by enum check_rule_id. */
extern const struct check_rule check_rules[CHECK_RULES_N];

/* "error", "warning", "info". */
const char *check_severity_name(enum check_severity s);

#define CHECK_TEXT_MAX 384
#define CHECK_FINDINGS_MAX 64

struct check_finding {
	const struct check_rule *rule;
	char node[CV_NAME_MAX];		/* "" when it concerns the configuration */
	char rsc[CV_NAME_MAX];		/* "" when it concerns the cluster */
	char what[CHECK_TEXT_MAX];	/* this case: "192.0.2.10 on eth1 is a DHCP lease" */
	char todo[CHECK_TEXT_MAX];	/* this case: the command to run, where known */
};

struct check_report {
	int n;
	int n_errors, n_warnings;
	bool truncated;			/* more than CHECK_FINDINGS_MAX findings */
	struct check_finding f[CHECK_FINDINGS_MAX];
};

/* What this node sees of the floating IP on its own interfaces. */
struct check_local_copy {
	char ifname[IFNAMSIZ];
	enum addr_origin origin;
	char origin_text[64];		/* addr_origin_text(): "dynamic, lease 300s left" */
};

struct check_local {
	bool scanned;			/* false: not looked at (check reports it as info) */
	int err;			/* -errno of the scan when !scanned, 0 when not tried */
	char node[CV_NAME_MAX];		/* this node's name */
	char ip[64];			/* the address looked for */
	int n;
	struct check_local_copy c[ADDR_COPIES_MAX];
};

/* The id of the ocf:sipha:floatip primitive: @given when it exists, else the only one. 0,
 * -ENOENT, -ENOTUNIQ. @ret has CV_NAME_MAX bytes. */
int check_find_ip(xmlNode *cib, const char *given, char *ret);

/* The "ip" parameter of primitive @ip_id in @cib (without a "/prefix"). 0, -ENOENT. */
int check_ip_param(xmlNode *cib, const char *ip_id, char *buf, size_t len);

/* Lists the copies of @ip (an IPv4 or IPv6 address in text) on this node's interfaces through
 * rtnetlink into @ret, @node naming this node in findings. Returns 0 (@ret->scanned), -EINVAL
 * for an address that does not parse, or the -errno of lib/net (-ETIMEDOUT past @deadline, a
 * clock_now_ms() value). */
int check_local_scan(const char *node, const char *ip, int64_t deadline, struct check_local *ret);

/* Runs every rule over @cib (a whole <cib>, status included). The resources are @v's when @v
 * is given (a view that could be built), else those @sel names, else detected by agent type.
 * @local (may be NULL) is what this node saw. Fills @ret; returns its number of errors. */
int check_run(xmlNode *cib, const struct cluster_view *v, const struct cv_select *sel,
	      const struct check_local *local, struct check_report *ret);

#endif
