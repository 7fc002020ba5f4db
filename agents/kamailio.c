/* agents/kamailio.c: ocf:sipha:kamailio, a Kamailio instance under Pacemaker.
 *
 * Only what is particular to this agent lives here: its parameters, its exit-code policy, and
 * the order of checks. Kamailio's command line, start-up output, runtime dir and SIP probes are
 * lib/kam/'s; processes, RPC, trend and health are lib/'s too.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cluster/corosync_nodes.h"
#include "core/clock.h"
#include "core/lazylib.h"
#include "core/pathaccess.h"
#include "core/proc_id.h"
#include "core/proc_pidfile.h"
#include "core/proc_session.h"
#include "core/proc_signal.h"
#include "core/proc_spawn.h"
#include "core/proc_stat.h"
#include "core/proc_wait.h"
#include "cluster/cib_lazy.h"
#include "cluster/peer_sync.h"
#include "core/statefile.h"
#include "kam/health.h"
#include "kam/health_kam.h"
#include "kam/kam_cmdline.h"
#include "kam/kam_diagnose.h"
#include "kam/kam_dmq.h"
#include "kam/kam_instance.h"
#include "kam/kam_lifecycle.h"
#include "kam/kam_probe.h"
#include "kam/kam_runtime.h"
#include "kam/kam_startlog.h"
#include "kam/sync_gate.h"
#include "sip/sip.h"
#include "ocf/ocf.h"

struct kam_cfg {
	const char *binary;
	const char *conffile;
	struct ocf_list listen;
	long long shmem_mb, pkgmem_mb;
	const char *user, *group;
	const char *runtime_dir;
	const char *rpc_socket;
	struct ocf_list extra_options;
	int64_t rpc_timeout_ms;
	int64_t sip_timeout_ms;
	struct ocf_list probe_targets;
	const char *register_user, *register_domain, *register_password;
	long long shm_warn_pct, shm_crit_pct, pkg_warn_pct, pkg_crit_pct;
	long long reg_fail_warn_pct, reg_fail_crit_pct, reg_fail_min;
	int64_t exhaust_warn_ms, exhaust_crit_ms;
	int64_t trend_window_ms;
	long long trend_min_samples;
	long long dmq_port;
	int64_t sync_timeout_ms;
	long long sync_tolerance_pct;
	bool node_health;
};

/* Each listen socket as Kamailio's -l takes it: a word that is no socket is refused here, not
 * by Kamailio at start. */
static int check_listen(const struct ocf_param *p, const void *value, char *why, size_t len)
{
	const struct ocf_list *l = value;

	for (size_t i = 0; i < l->n; i++)
		if (kam_listen_check(l->items[i]) < 0) {
			snprintf(why, len, "[proto:]host[:port] sockets ('%.40s' is not one)",
				 l->items[i]);
			return OCF_ERR_CONFIGURED;
		}
	return OCF_SUCCESS;
}

#define F(field) OCF_FIELD(struct kam_cfg, field)
static const struct ocf_param params[] = {
	{ "binary", OCF_T_PATH, OCF_EXECUTABLE | OCF_ROOT_TRUSTED, "/usr/sbin/kamailio",
	  "Kamailio binary",
	  "The kamailio executable. It is run directly, never through a shell.", F(binary) },
	{ "conffile", OCF_T_PATH, OCF_EXISTS | OCF_ROOT_TRUSTED, "/etc/kamailio/kamailio.cfg",
	  "Configuration file",
	  "Kamailio's configuration, checked with `kamailio -c` before every start.", F(conffile) },
	{ "listen", OCF_T_LIST, 0, NULL, "Listen sockets",
	  "Sockets as proto:addr:port, e.g. \"udp:192.0.2.10:5060 tcp:[2001:db8::10]:5060\"; each "
	  "is passed as -l. Empty: the listen= lines of the configuration.", F(listen),
	  .check = check_listen },
	{ "shmem", OCF_T_INT, 0, "64", "Shared memory (MB)",
	  "Size of the shared memory pool (-m), in megabytes.", F(shmem_mb), .min = 1,
	  .max = 65536 },
	{ "pkgmem", OCF_T_INT, 0, "8", "Private memory (MB)",
	  "Size of each process's private memory pool (-M), in megabytes.", F(pkgmem_mb),
	  .min = 1, .max = 4096 },
	{ "user", OCF_T_STRING, 0, "kamailio", "User",
	  "User Kamailio drops to after binding (-u). Empty: stay root.", F(user) },
	{ "group", OCF_T_STRING, 0, "kamailio", "Group",
	  "Group Kamailio drops to (-g). Empty: the user's own group.", F(group) },
	{ "runtime_dir", OCF_T_PATH, OCF_UNIQUE, "/run/kamailio", "Runtime directory",
	  "Kamailio's runtime dir (-Y): control sockets and the agent's reply socket (the pidfile "
	  "is kept in the agent's root-only state dir). "
	  "Created and given to user when missing.", F(runtime_dir) },
	{ "rpc_socket", OCF_T_PATH, 0, NULL, "JSON-RPC socket",
	  "The jsonrpcs module's unix datagram socket. Empty: runtime_dir/kamailio_rpc.sock, "
	  "where jsonrpcs puts it by default (its dgram transport must be on, as in Debian's "
	  "default configuration).", F(rpc_socket) },
	{ "extra_options", OCF_T_LIST, 0, NULL, "Extra options",
	  "More command-line arguments, one per word (e.g. \"-A WITH_AUTH -n 4\"). Passed as "
	  "they are, without a shell.", F(extra_options) },
	{ "rpc_timeout", OCF_T_DURATION, 0, "2s", "RPC timeout",
	  "How long one monitor waits for Kamailio's RPC to answer.", F(rpc_timeout_ms),
	  .min = 50, .max = 60000 },
	{ "sip_timeout", OCF_T_DURATION, 0, "2s", "SIP probe timeout",
	  "How long each SIP probe (depth 10 and 20) waits for its answer.", F(sip_timeout_ms),
	  .min = 50, .max = 60000 },
	{ "probe_targets", OCF_T_LIST, 0, NULL, "SIP probe targets",
	  "Where depth 10 sends OPTIONS, as proto:addr:port (udp, tcp or tls; the TLS server's "
	  "certificate is not verified). Empty: every UDP, TCP and TLS listen socket, or udp and "
	  "tcp on 127.0.0.1:5060 when listen is empty. Only this node's own instance is probed: "
	  "a target whose address is not local here (the floating IP while another node holds "
	  "it) is skipped, and a wildcard (0.0.0.0, [::], *) is probed on loopback. List a "
	  "loopback socket in listen so that every node has one to probe.", F(probe_targets) },
	{ "register_user", OCF_T_STRING, 0, "sipha-probe", "Probe user",
	  "User of the depth-20 REGISTER/un-REGISTER probe.", F(register_user) },
	{ "register_domain", OCF_T_STRING, 0, NULL, "Probe domain",
	  "Domain of the depth-20 probe; empty: the address of the first target probed.",
	  F(register_domain) },
	{ "register_password", OCF_T_STRING, OCF_SECRET, NULL, "Probe password",
	  "Digest password of the probe user; empty: no authentication.", F(register_password) },
	{ "shm_warn_pct", OCF_T_INT, OCF_RELOADABLE, "80", "Shared memory warning (%)",
	  "Shared memory use that turns health yellow.", F(shm_warn_pct), .min = 0, .max = 100 },
	{ "shm_crit_pct", OCF_T_INT, OCF_RELOADABLE, "95", "Shared memory critical (%)",
	  "Shared memory use that turns health red.", F(shm_crit_pct), .min = 0, .max = 100 },
	{ "pkg_warn_pct", OCF_T_INT, OCF_RELOADABLE, "80", "Private memory warning (%)",
	  "Use of the fullest process's private pool that turns health yellow.", F(pkg_warn_pct),
	  .min = 0, .max = 100 },
	{ "pkg_crit_pct", OCF_T_INT, OCF_RELOADABLE, "95", "Private memory critical (%)",
	  "Use of the fullest private pool that turns health red.", F(pkg_crit_pct), .min = 0,
	  .max = 100 },
	{ "exhaust_warn", OCF_T_DURATION, OCF_RELOADABLE, "6h", "Exhaustion warning",
	  "Yellow when the shared-memory trend predicts the pool full within this time. 0: off.",
	  F(exhaust_warn_ms), .min = 0, .max = 30LL * 86400 * 1000 },
	{ "exhaust_crit", OCF_T_DURATION, OCF_RELOADABLE, "0", "Exhaustion critical",
	  "Red when the trend predicts the pool full within this time. 0: off (only real "
	  "exhaustion is red).", F(exhaust_crit_ms), .min = 0, .max = 30LL * 86400 * 1000 },
	{ "trend_window", OCF_T_DURATION, OCF_RELOADABLE, "1h", "Trend window",
	  "Samples of shared-memory use over this window feed the least-squares leak trend, read "
	  "on the whole window, its newest half or quarter where use rose through each quarter "
	  "of that part: a step of load is not a leak.",
	  F(trend_window_ms), .min = 1000, .max = 7LL * 86400 * 1000 },
	{ "trend_min_samples", OCF_T_INT, OCF_RELOADABLE, "5", "Trend samples",
	  "Monitors needed in the window before a time to exhaustion is predicted.",
	  F(trend_min_samples), .min = 2, .max = 500 },
	{ "reg_fail_warn_pct", OCF_T_INT, OCF_RELOADABLE, "1", "REGISTER failures warning (%)",
	  "Share of REGISTERs rejected (registrar:rejected_regs) since the previous monitor that "
	  "turns health yellow.", F(reg_fail_warn_pct), .min = 0, .max = 100 },
	{ "reg_fail_crit_pct", OCF_T_INT, OCF_RELOADABLE, "10", "REGISTER failures critical (%)",
	  "Share of rejected REGISTERs that turns health red.", F(reg_fail_crit_pct), .min = 0,
	  .max = 100 },
	{ "reg_fail_min", OCF_T_INT, OCF_RELOADABLE, "3", "REGISTER failures minimum",
	  "Rejected REGISTERs needed since the previous monitor before the share counts.",
	  F(reg_fail_min), .min = 1, .max = 1000000 },
	{ "dmq_port", OCF_T_INT, 0, "0", "Replication port",
	  "When set, start passes Kamailio the -A defines examples/kamailio-ha.cfg replicates "
	  "registrations with: SIPHA_DMQ_LISTEN (udp:ADDR:PORT) and SIPHA_DMQ_SELF "
	  "(\"sip:ADDR:PORT\") with this node's ring0_addr from Corosync's node list, and "
	  "SIPHA_DMQ_PEER1..4 with the other nodes' (read through libcmap at every start: the "
	  "same parameters on every node of the clone). 0: no defines.", F(dmq_port), .min = 0,
	  .max = 65535 },
	{ "sync_timeout", OCF_T_DURATION, OCF_RELOADABLE, "60s", "Registration sync timeout",
	  "After a start, health stays yellow (\"syncing registrations: N of M\") until this "
	  "instance holds as many contacts as its peers publish in sipha-contacts (within "
	  "sync_tolerance_pct), at most this long: the floating IP and siphactl's rolling "
	  "restart wait for it. With no peer publishing, or a configuration without dmq, it is "
	  "ready at once.", F(sync_timeout_ms), .min = 0, .max = 3600LL * 1000 },
	{ "sync_tolerance_pct", OCF_T_INT, OCF_RELOADABLE, "1", "Registration sync tolerance (%)",
	  "How far (percent of the peers' count) below the peers' table an instance may stay and "
	  "count as caught up: phones register and expire all the time.",
	  F(sync_tolerance_pct), .min = 0, .max = 100 },
	{ "node_health", OCF_T_BOOL, OCF_RELOADABLE, "false", "Publish #health-sipha",
	  "Also publish the health level as #health-sipha, a node health attribute that "
	  "Pacemaker's node-health-strategy reads (it ignores sipha-health): written and deleted "
	  "with sipha-health. Off by default: with a strategy set, a red node then bans every "
	  "resource not exempted with allow-unhealthy-nodes=true, the Kamailio clone included "
	  "(docs/health.md). Turned off, the next monitor deletes it.", F(node_health) },
	OCF_PARAM_END,
};

static const struct ocf_policy policy[] = {
	{ "Kamailio runs, answers RPC, health green", OCF_SUCCESS, "nothing" },
	{ "health yellow: memory over the warning threshold, a predicted exhaustion within "
	  "exhaust_warn, or REGISTERs starting to fail", OCF_DEGRADED,
	  "nothing; crm_mon shows the reason; sipha-health=yellow can steer the floating IP" },
	{ "health red: memory over the critical threshold or REGISTERs failing (the shared "
	  "memory outage), a depth-20 REGISTER answered 5xx", OCF_ERR_GENERIC,
	  "restart in place; sipha-health=red moves the floating IP away meanwhile" },
	{ "after a start, registrations still syncing: this instance holds fewer contacts than "
	  "a peer publishes in sipha-contacts (beyond sync_tolerance_pct), within sync_timeout",
	  OCF_DEGRADED, "nothing; sipha-health=yellow and sipha-sync=syncing: siphactl's rolling "
	  "restart waits, the reason says \"syncing registrations: N of M\"" },
	{ "process alive but RPC does not answer within rpc_timeout, or the process is stopped "
	  "(SIGSTOP)", OCF_ERR_GENERIC, "restart in place (stop escalates to SIGKILL)" },
	{ "a SIP probe (depth 10) gets no answer or an error", OCF_ERR_GENERIC,
	  "restart in place" },
	{ "depth 10/20 with no target local to this node (e.g. listen only on the floating IP, "
	  "held by another node), or locality not known (netlink error): SIP is not probed, "
	  "health still counts", OCF_DEGRADED,
	  "nothing, Kamailio is not restarted; the reason names the socket and asks for a "
	  "loopback listen socket" },
	{ "main process gone, some of its children left", OCF_ERR_GENERIC,
	  "stop kills what is left, then start" },
	{ "not started by this agent (no record, or the pid now belongs to another process)",
	  OCF_NOT_RUNNING, "start where wanted; a stranger with the old pid is never signalled" },
	{ "start: configuration check fails", OCF_ERR_CONFIGURED,
	  "the resource stays stopped everywhere (the reason quotes Kamailio's error)" },
	{ "start: binary or configuration file missing", OCF_ERR_INSTALLED,
	  "the resource is started on another node" },
	{ "start with dmq_port: Corosync's node list cannot be read (Corosync not answering, "
	  "no nodelist, this node not in it)", OCF_ERR_GENERIC,
	  "start is retried here or on another node; the reason says what is missing" },
	{ "start with dmq_port: libcmap cannot be loaded", OCF_ERR_INSTALLED,
	  "the resource is started on another node" },
	{ "start with dmq_port: a ring0_addr in corosync.conf is not an address or host name",
	  OCF_ERR_CONFIGURED, "the resource stays stopped everywhere (the reason names it)" },
	{ "start: runtime_dir cannot be made, or the user Kamailio runs as cannot reach it (a "
	  "directory on the way it may not search)", OCF_ERR_PERM,
	  "the resource is started on another node; the reason names the directory" },
	{ "start: runtime_dir/kamailio.pid names a running Kamailio this agent did not start",
	  OCF_ERR_GENERIC, "start fails here; nothing is killed" },
	{ "stop with parameters that no longer parse (an edit validation would refuse)",
	  OCF_SUCCESS, "defaults stand in for them; the instance recorded at start is stopped" },
	{ "stop: the node attributes sipha-health, sipha-shm-used-pct, sipha-shm-exhaust-s, "
	  "sipha-contacts, sipha-dmq-peers and sipha-sync (and #health-sipha with node_health) "
	  "cannot be deleted (attrd_updater fails)", OCF_SUCCESS,
	  "logged; the instance is stopped all the same, the next start publishes afresh" },
	OCF_POLICY_END,
};

/* --- paths and command line --------------------------------------------------------------- */

static int paths_or_fail(struct ocf_op *op, struct kam_paths *p)
{
	const struct kam_cfg *cfg = op->cfg;
	int r = ocf_state_prefix(op, p->prefix, sizeof(p->prefix));

	if (r < 0)
		return ocf_fail(op, OCF_ERR_GENERIC, "state directory: %s", strerror(-r));
	kam_paths_fill(p, cfg->runtime_dir, cfg->rpc_socket);
	return OCF_SUCCESS;
}

/* What runs for the instance (kam_status), saying when our record of it was unreadable. */
static int instance_status(struct ocf_op *op, const struct kam_paths *p, struct kam_status *s)
{
	int r = kam_status(p, s);

	if (r < 0)
		return ocf_fail(op, OCF_ERR_GENERIC, "%s: %s", p->id, strerror(-r));
	if (s->record_rebuilt)
		ocf_log_warn("%s was unreadable: kamailio pid %d found by its -P %s, record "
			     "written again", p->id, (int)s->id.pid, p->pidfile);
	else if (s->record_lost)
		ocf_log_warn("%s was unreadable and no kamailio started with -P %s runs: "
			     "taken as stopped", p->id, p->pidfile);
	return OCF_SUCCESS;
}

static void cmdline_from(const struct kam_cfg *cfg, const struct kam_paths *p,
			 struct kam_cmdline *c)
{
	*c = (struct kam_cmdline){
		.binary = cfg->binary, .conffile = cfg->conffile,
		.runtime_dir = cfg->runtime_dir, .pidfile = p->pidfile,
		.shmem_mb = cfg->shmem_mb, .pkgmem_mb = cfg->pkgmem_mb,
		.user = cfg->user, .group = cfg->group,
		.listen = cfg->listen.items, .n_listen = cfg->listen.n,
		.extra = cfg->extra_options.items, .n_extra = cfg->extra_options.n,
	};
}

/* extra_options followed by the dmq_port defines: what kam_cmdline's extra points to */
struct dmq_extra {
	char words[KAM_DMQ_WORDS_MAX][KAM_DMQ_WORD_MAX];
	char *extra[KAM_ARGV_MAX];
};

static const char *nodelist_error(int r)
{
	switch (r) {
	case -ENOTCONN:
		return "Corosync does not answer (is this node in a cluster?)";
	case -ENOENT:
		return "corosync.conf has no nodelist, or a node without ring0_addr";
	case -ESRCH:
		return "this node is not in corosync.conf's nodelist";
	case -E2BIG:
		return "more than 32 nodes";
	default:
		return lazylib_strerror(r);
	}
}

/* A bad address among the ones kam_dmq_defines refused, for the reason. */
static const char *dmq_bad_addr(const char *self, const char *const *peers, size_t n,
				unsigned port, char words[KAM_DMQ_WORDS_MAX][KAM_DMQ_WORD_MAX])
{
	for (size_t i = 0; i < n && i < KAM_DMQ_PEERS_MAX; i++)
		if (kam_dmq_defines(peers[i], NULL, 0, port, words) < 0)
			return peers[i];
	return self;
}

/* dmq_port: examples/kamailio-ha.cfg's -A defines after extra_options, with this node's
 * ring0_addr and the other nodes' in nodelist order from the one after this node on, so that
 * not every node names the same first four. */
static int dmq_defines_add(struct ocf_op *op, struct kam_cmdline *c, struct dmq_extra *d)
{
	const struct kam_cfg *cfg = op->cfg;
	struct cs_nodelist l;
	const char *peers[CS_NODES_MAX], *self;
	char logged[KAM_DMQ_WORDS_MAX * (KAM_DMQ_WORD_MAX + 1)] = "";
	size_t n = 0, len = 0;
	int w, r;

	if (cfg->dmq_port == 0)
		return OCF_SUCCESS;
	r = cs_nodelist_read(&l);
	if (r < 0)
		return ocf_fail(op, r == -ELIBACC ? OCF_ERR_INSTALLED : OCF_ERR_GENERIC, "dmq_port "
				"is set but Corosync's node list cannot be read: %s",
				nodelist_error(r));
	self = l.node[l.self].addr;
	for (size_t i = 1; i < l.n; i++)
		peers[n++] = l.node[(l.self + i) % l.n].addr;
	w = kam_dmq_defines(self, peers, n, (unsigned)cfg->dmq_port, d->words);
	if (w < 0)
		return ocf_fail(op, OCF_ERR_CONFIGURED, "dmq_port: ring0_addr '%.60s' in "
				"corosync.conf is not an address or host name", dmq_bad_addr(self,
				peers, n, (unsigned)cfg->dmq_port, d->words));
	if (c->n_extra + (size_t)w > KAM_ARGV_MAX - 1)
		return ocf_fail(op, OCF_ERR_CONFIGURED, "too many options");
	for (size_t i = 0; i < c->n_extra; i++)
		d->extra[i] = c->extra[i];
	for (int i = 0; i < w; i++) {
		d->extra[c->n_extra + i] = d->words[i];
		len += snprintf(logged + len, sizeof(logged) - len, " %s", d->words[i]);
	}
	c->extra = d->extra;
	c->n_extra += w;
	ocf_log_info("dmq_port %lld: passing%s", cfg->dmq_port, logged);
	return OCF_SUCCESS;
}

static int64_t min64(int64_t a, int64_t b)
{
	return a < b ? a : b;
}

/* --- monitor ------------------------------------------------------------------------------ */

/* Exact below 1000, then rounded down to three significant digits: the attribute (and
 * attrd_updater) changes when the table really moves, not with every REGISTER. */
static unsigned long long three_digits(uint64_t n)
{
	uint64_t scale = 1;

	while (n / scale >= 1000)
		scale *= 10;
	return (unsigned long long)(n / scale * scale);
}

/* The node health attribute that node-health-strategy reads (only names starting "#health"
 * count), published with the same value as sipha-health when node_health is on. */
#define NODE_HEALTH_ATTR "#health-sipha"

/* Whether NODE_HEALTH_ATTR is to go: node_health on (with the others), or off while a memo
 * says this agent wrote it (node_health turned off since, or a stop whose parameters fell
 * back to the defaults). */
static bool node_health_written(struct ocf_op *op)
{
	const struct kam_cfg *cfg = op->cfg;
	char last[16];

	return cfg->node_health || ocf_attr_last(op, NODE_HEALTH_ATTR, last, sizeof(last)) == 0;
}

static void publish(struct ocf_op *op, const struct health_report *h, const struct health_input *in,
		    const struct sync_gate_out *g)
{
	const struct kam_cfg *cfg = op->cfg;
	char v[32];

	ocf_attr_set(op, "sipha-health", health_level_name(h->level));
	if (cfg->node_health)
		ocf_attr_set(op, NODE_HEALTH_ATTR, health_level_name(h->level));
	else if (node_health_written(op))
		ocf_attr_delete(op, NODE_HEALTH_ATTR);
	snprintf(v, sizeof(v), "%.0f", h->shm_pct);
	ocf_attr_set(op, "sipha-shm-used-pct", v);
	if (in && in->have_exhaust) {
		/* two significant digits: the attribute changes, and attrd_updater runs, only
		 * when the prediction really moves */
		double s = in->exhaust_s, scale = 1;

		while (s / scale >= 100)
			scale *= 10;
		snprintf(v, sizeof(v), "%.0f", (double)(long long)(s / scale) * scale);
	} else {
		snprintf(v, sizeof(v), "none");
	}
	ocf_attr_set(op, "sipha-shm-exhaust-s", v);
	if (!in || !g)
		return;
	if (in->have_contacts) {
		snprintf(v, sizeof(v), "%llu", three_digits(in->contacts));
		ocf_attr_set(op, "sipha-contacts", v);
	}
	if (in->have_dmq)
		snprintf(v, sizeof(v), "%u", in->dmq.active_peers);
	else
		snprintf(v, sizeof(v), "off");
	ocf_attr_set(op, "sipha-dmq-peers", v);
	ocf_attr_set(op, "sipha-sync", sync_state_name(g->state));
}

/* A stopped instance has no health: its attributes go, and their memos with them, so that a
 * stopped node does not show green and a restarted one publishes afresh (siphactl's rolling
 * restart waits for the attribute to go, then for a new green). Except red: Pacemaker may
 * recover a red instance in place before the IP's location rule has moved the IP, and a red
 * deleted by that stop would keep the IP on this node; red stays until the restarted instance
 * publishes its own health. A failed delete is logged by ocf_attr_delete, never a stop
 * failure. */
static void unpublish(struct ocf_op *op)
{
	static const char *const names[] = { "sipha-health", "sipha-shm-used-pct",
					      "sipha-shm-exhaust-s", "sipha-contacts",
					      "sipha-dmq-peers", "sipha-sync" };
	char last[16];

	if (ocf_attr_last(op, "sipha-health", last, sizeof(last)) == 0 && !strcmp(last, "red"))
		return;

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		ocf_attr_delete(op, names[i]);
	if (node_health_written(op))
		ocf_attr_delete(op, NODE_HEALTH_ATTR);
}

static void limits_from(const struct kam_cfg *cfg, struct health_limits *l)
{
	l->shm_warn_pct = (int)cfg->shm_warn_pct;
	l->shm_crit_pct = (int)cfg->shm_crit_pct;
	l->pkg_warn_pct = (int)cfg->pkg_warn_pct;
	l->pkg_crit_pct = (int)cfg->pkg_crit_pct;
	l->exhaust_warn_s = cfg->exhaust_warn_ms / 1000;
	l->exhaust_crit_s = cfg->exhaust_crit_ms / 1000;
	l->reg_warn_pct = (int)cfg->reg_fail_warn_pct;
	l->reg_crit_pct = (int)cfg->reg_fail_crit_pct;
	l->reg_min = (unsigned)cfg->reg_fail_min;
}

static int rpc_fail(struct ocf_op *op, const struct kam_status *s, const struct kam_paths *p,
		    const struct health_kam_error *e)
{
	const struct kam_cfg *cfg = op->cfg;

	if (e->err == -ETIMEDOUT)
		return ocf_fail(op, OCF_ERR_GENERIC, "kamailio (pid %d) alive but RPC %s did not "
				"answer within %lld ms", (int)s->id.pid, e->method,
				(long long)cfg->rpc_timeout_ms);
	if (e->err == -EXDEV)
		return ocf_fail(op, OCF_ERR_GENERIC, "kamailio (pid %d): RPC answered by pid %d of "
				"session %d: another Kamailio took the socket (same runtime_dir?)",
				(int)s->id.pid, (int)e->peer_pid, (int)e->peer_session);
	if (e->err == -ENOENT || e->err == -ECONNREFUSED)
		return ocf_fail(op, OCF_ERR_GENERIC, "kamailio (pid %d): no RPC socket %s (load "
				"jsonrpcs with its dgram transport)", (int)s->id.pid, p->rpc);
	return ocf_fail(op, OCF_ERR_GENERIC, "kamailio (pid %d): RPC %s: %s%s%s", (int)s->id.pid,
			e->method, strerror(-e->err), e->detail[0] ? ": " : "", e->detail);
}

/* No target is this node's own: SIP cannot be checked here, which is no reason to restart
 * Kamailio (it would be restarted on every node that does not hold the floating IP, and on
 * the survivor of a failover just when it is needed). Health still decides. */
static int sip_none_local(struct ocf_op *op, const struct health_report *h,
			  const struct kam_probe_set *s)
{
	if (h->level == HEALTH_RED)
		return ocf_fail(op, OCF_ERR_GENERIC, "health red: %s", h->why);
	if (h->level == HEALTH_YELLOW)
		return ocf_fail(op, OCF_DEGRADED, "health yellow: %s", h->why);
	if (s->err)
		return ocf_fail(op, OCF_DEGRADED, "SIP not probed: is the target local? %s",
				strerror(-s->err));
	return ocf_fail(op, OCF_DEGRADED, "SIP not probed: %s%s is not local here; add a "
			"loopback listen socket (udp:127.0.0.1:5060)", s->foreign,
			s->n_foreign > 1 ? " (and others)" : "");
}

/* A failed probe (kam_probe_run() returned @r). A 5xx to REGISTER is the shared-memory
 * outage: health turns red with the figures. */
static int probe_fail(struct ocf_op *op, struct health_report *h, const struct kam_probe_set *s,
		      const struct kam_probe_result *res, int r)
{
	static const char *const what[] = { "OPTIONS", "REGISTER", "un-REGISTER" };
	const struct kam_cfg *cfg = op->cfg;
	const char *w = what[res->step], *t = s->text[res->target];
	char why[512];
	size_t n;

	if (r == -ETIMEDOUT)
		return ocf_fail(op, OCF_ERR_GENERIC, "%s to %s: no answer within %lld ms", w, t,
				(long long)cfg->sip_timeout_ms);
	if (r < 0)
		return ocf_fail(op, OCF_ERR_GENERIC, "%s to %s: %s", w, t, lazylib_strerror(r));
	if (res->step == KAM_PROBE_OPTIONS)
		return ocf_fail(op, OCF_ERR_GENERIC, "%s to %s: %d %s", w, t, res->rep.code,
				res->rep.reason);
	if (res->rep.code < 500)
		return ocf_fail(op, OCF_ERR_GENERIC, "%s of %s to %s: %d %s", w,
				cfg->register_user, t, res->rep.code, res->rep.reason);
	snprintf(why, sizeof(why), "%s answered %d %s; %s", w, res->rep.code, res->rep.reason,
		 h->why);
	n = strlen(why) < sizeof(h->why) ? strlen(why) : sizeof(h->why) - 1;
	memcpy(h->why, why, n);
	h->why[n] = '\0';
	h->level = HEALTH_RED;
	return ocf_fail(op, OCF_ERR_GENERIC, "health red: %s", h->why);
}

/* Depth 10: OPTIONS to every target. Depth 20: REGISTER and un-REGISTER of the probe contact. */
static int sip_checks(struct ocf_op *op, struct health_report *h)
{
	const struct kam_cfg *cfg = op->cfg;
	const struct ocf_list *l = cfg->probe_targets.n ? &cfg->probe_targets : &cfg->listen;
	struct kam_probe_opts o = {
		.reg = op->check_level >= 20, .timeout_ms = cfg->sip_timeout_ms,
		.deadline = op->deadline_ms, .req.user = cfg->register_user,
		.req.domain = cfg->register_domain && *cfg->register_domain
				      ? cfg->register_domain : NULL,
		.req.password = cfg->register_password && *cfg->register_password
					? cfg->register_password : NULL,
	};
	struct kam_probe_set s;
	struct kam_probe_result res;
	int r;

	kam_probe_targets(l->items, l->n, min64(op->deadline_ms, clock_now_ms() +
						cfg->sip_timeout_ms), &s);
	for (size_t i = 0; i < s.n_skipped; i++)
		ocf_log_debug("not probing %s%s", s.skipped[i].item,
			      s.skipped[i].foreign ? ": not an address of this node" : "");
	if (s.err || (!s.n && s.n_foreign))
		return sip_none_local(op, h, &s);
	if (!s.n)
		return ocf_fail(op, OCF_ERR_CONFIGURED, "depth 10: no UDP/TCP/TLS socket to probe");
	r = kam_probe_run(&s, &o, &res);
	for (size_t i = 0; i < res.n_options; i++)
		ocf_log_debug("OPTIONS %s: %d in %lld ms", s.text[i], res.options[i].code,
			      (long long)res.options[i].rtt_ms);
	return r ? probe_fail(op, h, &s, &res, r) : OCF_SUCCESS;
}

/* The reason for an instance that is not running as it should; OCF_SUCCESS when it is. */
static int status_check(struct ocf_op *op, const struct kam_paths *p, const struct kam_status *s)
{
	switch (s->state) {
	case KAM_GONE:
		if (access(p->id, F_OK) == 0) {
			ocf_log_warn("kamailio (pid %d) is gone", (int)s->id.pid);
			if (!op->probe)
				return ocf_fail(op, OCF_NOT_RUNNING, "kamailio (pid %d) exited or was "
						"killed", (int)s->id.pid);
		}
		return OCF_NOT_RUNNING;
	case KAM_STRANGER:
		return ocf_fail(op, OCF_NOT_RUNNING, "kamailio (pid %d) is gone; that pid now "
				"belongs to another process (left alone)", (int)s->id.pid);
	case KAM_ORPHANS:
		return ocf_fail(op, OCF_ERR_GENERIC, "kamailio main process (pid %d) is gone; %d of "
				"its processes are left", (int)s->id.pid, s->left);
	case KAM_STOPPED:
		return ocf_fail(op, OCF_ERR_GENERIC, "kamailio (pid %d): %d of %d processes are "
				"stopped (SIGSTOP?), not serving", (int)s->id.pid, s->stopped, s->left);
	case KAM_RUNNING:
		break;
	}
	return OCF_SUCCESS;
}

/* --- registrations: ready once caught up with the peers ------------------------------------ */

/* This node's name as Pacemaker knows it (what the CIB's node_state uname says). */
static void node_name(char *buf, size_t len)
{
	const char *n = getenv("OCF_RESKEY_CRM_meta_on_node");
	struct utsname u;

	if (n && *n)
		snprintf(buf, len, "%s", n);
	else if (uname(&u) == 0)
		snprintf(buf, len, "%s", u.nodename);
	else
		snprintf(buf, len, "?");
}

struct peers_ctx {
	const char *self;
	struct peer_sync *ps;
};

static int peers_pick(xmlNode *cib, void *ctx)
{
	struct peers_ctx *c = ctx;

	return peer_sync_from_cib(cib, c->self, c->ps);
}

/* The peers' tables as their instances publish them; -errno when the CIB cannot be read
 * within @ms (not in a cluster, the CIB busy, libcib missing). */
static int peers_read(int64_t ms, struct peer_sync *ret)
{
	char self[256];
	struct peers_ctx c = { self, ret };

	node_name(self, sizeof(self));
	return cib_lazy_read("ocf:sipha:kamailio", ms, peers_pick, &c);
}

/* The gate after a start. Once passed it stays passed for this Kamailio process (a state file,
 * gone with the others when Kamailio is restarted): later monitors read no CIB. Only a
 * SYNCING answer reads the peers again at the next monitor. Returns true on the monitor that
 * passes it. */
static bool sync_check(struct ocf_op *op, const struct kam_paths *p, const struct health_input *in,
		       struct sync_gate_out *g)
{
	const struct kam_cfg *cfg = op->cfg;
	struct sync_gate_in gi = { .replicates = in->have_dmq && in->have_contacts,
				   .own = in->contacts, .timeout_ms = cfg->sync_timeout_ms,
				   .tolerance_pct = (int)cfg->sync_tolerance_pct };
	char path[PATH_MAX], last[32] = "";
	struct peer_sync ps = { 0 };
	struct stat st;
	int r;

	snprintf(path, sizeof(path), "%s.sync", p->prefix);
	if (statefile_read(path, last, sizeof(last), NULL) > 0) {
		for (int i = SYNC_OFF; i <= SYNC_TIMEOUT; i++)
			if (!strcmp(last, sync_state_name(i)) && sync_state_ready(i)) {
				g->state = (enum sync_state)i;
				snprintf(g->why, sizeof(g->why), "registrations: %s", last);
				return false;
			}
	}
	if (stat(p->id, &st) == 0)
		gi.since_start_ms = (int64_t)(time(NULL) - st.st_mtime) * 1000;
	if (gi.replicates) {
		r = peers_read(min64(cfg->rpc_timeout_ms, ocf_ms_left(op)), &ps);
		if (r < 0) {
			/* not decided: ready for now, asked again at the next monitor */
			g->state = SYNC_ALONE;
			snprintf(g->why, sizeof(g->why), "peers' registrations unknown (the CIB: "
				 "%s)", lazylib_strerror(r));
			ocf_log_debug("%s", g->why);
			return false;
		}
		gi.peers = ps.peers;
		gi.peer_max = ps.max_contacts;
	}
	sync_gate_eval(&gi, g);
	if (g->state == SYNC_TIMEOUT)
		ocf_log_warn("%s", g->why);
	else if (g->state != SYNC_SYNCING)
		ocf_log_info("%s%s%s", g->why, ps.max_node[0] ? "; largest peer table: " : "",
			     ps.max_node);
	if (!sync_state_ready(g->state))
		return false;
	statefile_write(path, sync_state_name(g->state), strlen(sync_state_name(g->state)));
	return true;
}

/* Not caught up: yellow, the sync first in the reason (red stays red). */
static void sync_degrade(struct health_report *h, const struct sync_gate_out *g)
{
	char why[sizeof(h->why)];

	if (sync_state_ready(g->state) || h->level == HEALTH_RED)
		return;
	/* the sync's words first; the memory's, cut if need be, after */
	snprintf(why, sizeof(why), "%.127s", g->why);
	if (h->level == HEALTH_YELLOW) {
		size_t n = strlen(why);

		snprintf(why + n, sizeof(why) - n, "; %.*s", (int)(sizeof(why) - n - 3), h->why);
	}
	memcpy(h->why, why, sizeof(why));
	h->level = HEALTH_YELLOW;
}

static int kam_monitor(struct ocf_op *op)
{
	const struct kam_cfg *cfg = op->cfg;
	struct kam_paths p;
	struct kam_status s;
	struct health_input in;
	struct health_kam_error e;
	struct health_limits lim;
	struct health_report h;
	struct sync_gate_out g;
	struct health_kam_opts o = {
		.client_dir = cfg->runtime_dir, .window_ms = cfg->trend_window_ms,
		.min_samples = (size_t)cfg->trend_min_samples,
	};
	int r = paths_or_fail(op, &p);

	if (r)
		return r;
	if ((r = instance_status(op, &p, &s)))
		return r;
	if ((r = status_check(op, &p, &s)) != OCF_SUCCESS)
		return r;
	o.rpc_socket = p.rpc;
	o.state_prefix = p.prefix;
	o.now_ms = clock_now_ms();
	o.session = s.id.pid;
	r = health_kam_sample(&o, min64(op->deadline_ms, o.now_ms + cfg->rpc_timeout_ms), &in, &e);
	if (r < 0)
		return rpc_fail(op, &s, &p, &e);
	limits_from(cfg, &lim);
	health_eval(&in, &lim, &h);
	if (sync_check(op, &p, &in, &g)) {
		/* the table filled in one burst after the start (the sync, the phones'
		 * REGISTERs, tm's transactions for them): no leak. The trend counts from the
		 * gate on. */
		health_kam_trend_restart(p.prefix);
		if (in.have_exhaust) {
			in.have_exhaust = false;
			health_eval(&in, &lim, &h);
		}
	}
	sync_degrade(&h, &g);
	ocf_log_debug("health %s: %s", health_level_name(h.level), h.why);

	if (op->check_level >= 10 && (r = sip_checks(op, &h)) != OCF_SUCCESS) {
		publish(op, &h, &in, &g);
		return r;
	}
	publish(op, &h, &in, &g);
	if (h.level == HEALTH_RED)
		return ocf_fail(op, OCF_ERR_GENERIC, "health red: %s", h.why);
	if (h.level == HEALTH_YELLOW)
		return ocf_fail(op, OCF_DEGRADED, "health yellow: %s", h.why);
	return OCF_SUCCESS;
}

/* --- start -------------------------------------------------------------------------------- */

/* The user and group Kamailio runs as, from NSS (LDAP or SSSD may hang: bounded). */
static int kam_user(struct ocf_op *op, struct path_user *u)
{
	const struct kam_cfg *cfg = op->cfg;
	const char *user = cfg->user && *cfg->user ? cfg->user : NULL;
	int r = path_user_lookup(user, cfg->group, op->deadline_ms, u);

	if (r == -ESRCH)
		return ocf_fail(op, OCF_ERR_INSTALLED, "user %s does not exist", cfg->user);
	if (r == -ENXIO)
		return ocf_fail(op, OCF_ERR_INSTALLED, "group %s does not exist", cfg->group);
	if (r == -ETIMEDOUT)
		return ocf_fail(op, OCF_ERR_GENERIC, "looking up user %s / group %s did not finish "
				"within the operation timeout (NSS: LDAP, SSSD?)", user ? user : "-",
				cfg->group && *cfg->group ? cfg->group : "-");
	if (r < 0)
		return ocf_fail(op, OCF_ERR_GENERIC, "looking up user %s: %s", user ? user : "-",
				strerror(-r));
	return OCF_SUCCESS;
}

/* Makes the runtime dir and gives it to the user Kamailio runs as (lib/kam/kam_runtime.c). */
static int runtime_dir_prepare(struct ocf_op *op)
{
	const struct kam_cfg *cfg = op->cfg;
	const char *dir = cfg->runtime_dir;
	struct kam_runtime_fail f;
	struct path_user u;
	int r = kam_user(op, &u);

	if (r)
		return r;
	r = kam_runtime_prepare(dir, &u, &f);
	if (r == 0)
		return OCF_SUCCESS;
	switch (f.step) {
	case KAM_RUNTIME_OPEN:
		if (r == -ELOOP)
			return ocf_fail(op, OCF_ERR_PERM, "runtime_dir %s: is a symlink (refused: "
					"root would follow it)", dir);
		/* fall through */
	case KAM_RUNTIME_MKDIR:
		return ocf_fail(op, OCF_ERR_PERM, "runtime_dir %s: %s", dir, strerror(-r));
	case KAM_RUNTIME_OWNER:
		return ocf_fail(op, OCF_ERR_PERM, "runtime_dir %s belongs to uid %u, neither root "
				"nor user %s", dir, (unsigned)f.owner,
				cfg->user && *cfg->user ? cfg->user : "root");
	case KAM_RUNTIME_CHOWN:
		return ocf_fail(op, OCF_ERR_PERM, "runtime_dir %s: chown: %s", dir, strerror(-r));
	case KAM_RUNTIME_REACH:
		break;
	}
	return ocf_fail(op, OCF_ERR_PERM, "user %s cannot reach runtime_dir %s: %s has mode %04o",
			cfg->user, dir, f.blocker, (unsigned)f.blocker_mode);
}

/* runtime_dir/kamailio.pid is where another Kamailio (Debian's service, one run by hand)
 * writes its pid: refuse when it names a live Kamailio, else it is stale. (unlink does not
 * follow a symlink; the read refuses one.) */
static int pidfile_check(struct ocf_op *op, const struct kam_paths *p)
{
	const struct kam_cfg *cfg = op->cfg;
	char want[PATH_MAX];
	pid_t pid;
	int r = proc_pidfile_read(p->other_pidfile, &pid);

	unlink(p->pidfile);
	if (r == -ENOENT)
		return OCF_SUCCESS;
	if (r == 0 && realpath(cfg->binary, want) && proc_exe_is(pid, want) == 1)
		return ocf_fail(op, OCF_ERR_GENERIC, "%s names a running kamailio (pid %d) not "
				"started by this agent", p->other_pidfile, (int)pid);
	ocf_log_info("removing stale pidfile %s", p->other_pidfile);
	unlink(p->other_pidfile);
	return OCF_SUCCESS;
}

static int config_check(struct ocf_op *op, const struct kam_cmdline *c)
{
	char *argv[KAM_ARGV_MAX], num[2][24], out[4096], line[160];
	int status, r;

	if (kam_argv(c, KAM_ARGV_CHECK, argv, num) < 0)
		return ocf_fail(op, OCF_ERR_CONFIGURED, "too many options");
	r = proc_run(c->binary, argv, op->deadline_ms, out, sizeof(out), &status);
	if (r == -ETIMEDOUT)
		return ocf_fail(op, OCF_ERR_GENERIC, "kamailio -c did not finish within the budget");
	if (r < 0)
		return ocf_fail(op, OCF_ERR_INSTALLED, "%s: %s", c->binary, strerror(-r));
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return OCF_SUCCESS;
	kam_error_line(out, line, sizeof(line));
	ocf_log_err("kamailio -c -f %s: %s", c->conffile, out);
	return ocf_fail(op, OCF_ERR_CONFIGURED, "config check: %s", line);
}

/* Starts Kamailio, its output into the start log, and records it before anything else: from
 * then on stop can find it. */
static int start_spawn(struct ocf_op *op, const struct kam_paths *p, const struct kam_cmdline *c,
		       pid_t *pid, struct proc_id *id)
{
	struct proc_spawn_opts so = { .setsid = true, .stdout_fd = -1 };
	char *argv[KAM_ARGV_MAX], num[2][24];
	int r, status;

	if (kam_argv(c, KAM_ARGV_RUN, argv, num) < 0)
		return ocf_fail(op, OCF_ERR_CONFIGURED, "too many options");
	so.stdout_fd = open(p->startlog, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW,
			    0600);
	r = proc_spawn(c->binary, argv, &so, pid);
	if (so.stdout_fd >= 0)
		close(so.stdout_fd);
	if (r < 0)
		return ocf_fail(op, OCF_ERR_INSTALLED, "%s: %s", c->binary, strerror(-r));
	r = proc_id_get(*pid, id);
	if (r == 0)
		r = proc_id_save(p->id, id);
	if (r < 0) {
		kill(-*pid, SIGKILL);
		/* bounded: a child stuck in D state does not die at once, even on SIGKILL */
		proc_child_wait(*pid, min64(op->deadline_ms, clock_now_ms() + 1000), &status);
		return ocf_fail(op, OCF_ERR_GENERIC, "recording kamailio pid %d: %s", (int)*pid,
				strerror(-r));
	}
	ocf_log_info("started kamailio pid %d", (int)*pid);
	return OCF_SUCCESS;
}

/* Kamailio exited during start with @status: the reason quotes its error line. */
static int start_died(struct ocf_op *op, const struct kam_paths *p, const struct kam_cmdline *c,
		      const struct proc_id *id, int status)
{
	char line[160];

	/* children may still linger in the session */
	proc_session_signal(id, SIGKILL);
	proc_id_wait_gone(id, true, min64(op->deadline_ms, clock_now_ms() + 1000));
	kam_forget(p, id);
	kam_startlog_tail(p->startlog, line, sizeof(line));
	if (!strstr(line, "rror") && !strstr(line, "RROR"))
		kam_diagnose(c, op->deadline_ms, line, sizeof(line));
	return ocf_fail(op, OCF_ERR_GENERIC, "kamailio exited during start (%s %d)%s%s",
			WIFEXITED(status) ? "status" : "signal",
			WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status),
			line[0] ? ": " : "", line);
}

/* Waits until Kamailio answers RPC, or exits, or the start timeout is over (then kills it). */
static int start_wait(struct ocf_op *op, const struct kam_paths *p, const struct kam_cmdline *c,
		      pid_t pid, const struct proc_id *id)
{
	const struct kam_cfg *cfg = op->cfg;
	int status, r = kam_await_rpc(pid, p->rpc, cfg->runtime_dir, op->deadline_ms, &status);

	if (r == 1)
		return OCF_SUCCESS;
	if (r == 0)
		return start_died(op, p, c, id, status);
	proc_session_signal(id, SIGKILL);
	/* a large pool takes a while to go (seen: 0.3 s for 1.5 GB locked); within the reserve */
	proc_id_wait_gone(id, true, min64(clock_now_ms() + 500, ocf_cleanup_deadline(op)));
	kam_forget(p, id);
	return ocf_fail(op, OCF_ERR_GENERIC, "kamailio did not answer RPC on %s within the start "
			"timeout; killed", p->rpc);
}

static int kam_start(struct ocf_op *op)
{
	struct kam_cmdline c;
	struct dmq_extra dmq;
	struct kam_paths p;
	struct kam_status s;
	struct proc_id id;
	pid_t pid;
	int r = paths_or_fail(op, &p);

	if (r)
		return r;
	if ((r = instance_status(op, &p, &s)))
		return r;
	if (s.state == KAM_RUNNING) {
		ocf_log_info("kamailio (pid %d) already running", (int)s.id.pid);
		return OCF_SUCCESS;
	}
	if (s.state == KAM_STOPPED || s.state == KAM_ORPHANS)
		return ocf_fail(op, OCF_ERR_GENERIC, "kamailio (pid %d) is in a bad state; stop it "
				"first", (int)s.id.pid);
	kam_forget(&p, NULL);
	cmdline_from(op->cfg, &p, &c);
	if ((r = dmq_defines_add(op, &c, &dmq)) || (r = runtime_dir_prepare(op)) ||
	    (r = pidfile_check(op, &p)) || (r = config_check(op, &c)) ||
	    (r = start_spawn(op, &p, &c, &pid, &id)))
		return r;
	return start_wait(op, &p, &c, pid, &id);
}

/* --- stop, validate ----------------------------------------------------------------------- */

static int kam_stop(struct ocf_op *op)
{
	struct kam_paths p;
	struct kam_status s;
	int64_t term_deadline;
	bool killed;
	int r = paths_or_fail(op, &p);

	if (r)
		return r;
	if ((r = instance_status(op, &p, &s)))
		return r;
	if (s.state == KAM_GONE || s.state == KAM_STRANGER) {
		if (s.state == KAM_STRANGER)
			ocf_log_warn("pid %d is no longer kamailio: not signalled", (int)s.id.pid);
		kam_forget(&p, &s.id);
		unpublish(op);
		return OCF_SUCCESS;
	}
	/* SIGTERM lets Kamailio stop its children; keep a third of the budget for SIGKILL */
	term_deadline = op->deadline_ms - min64(2000, clock_ms_left(op->deadline_ms) / 3);
	r = kam_end(&s, term_deadline, op->deadline_ms, &killed);
	if (killed)
		ocf_log_warn("kamailio (pid %d) still there after SIGTERM: SIGKILL", (int)s.id.pid);
	if (r < 0)
		return ocf_fail(op, OCF_ERR_GENERIC, "kamailio (pid %d) survived SIGKILL",
				(int)s.id.pid);
	kam_forget(&p, &s.id);
	ocf_log_info("kamailio (pid %d) stopped", (int)s.id.pid);
	/* a node without Kamailio has no health to speak of */
	unpublish(op);
	return OCF_SUCCESS;
}

static int kam_validate(struct ocf_op *op)
{
	const struct kam_cfg *cfg = op->cfg;

	if (cfg->shm_warn_pct > cfg->shm_crit_pct || cfg->pkg_warn_pct > cfg->pkg_crit_pct ||
	    cfg->reg_fail_warn_pct > cfg->reg_fail_crit_pct)
		return ocf_fail(op, OCF_ERR_CONFIGURED, "a *_warn_pct is above its *_crit_pct");
	for (size_t i = 0; i < cfg->probe_targets.n; i++) {
		struct sip_target t;

		if (kam_probe_target_parse(cfg->probe_targets.items[i], &t) < 0)
			return ocf_fail(op, OCF_ERR_CONFIGURED, "probe_targets: '%.40s' is not "
					"udp|tcp|tls:ADDR:PORT", cfg->probe_targets.items[i]);
	}
	if (strlen(cfg->runtime_dir) > 80)
		return ocf_fail(op, OCF_ERR_CONFIGURED, "runtime_dir longer than 80 characters "
				"(unix socket paths are limited to 107)");
	return OCF_SUCCESS;
}

/* The reloadable parameters are thresholds that every monitor reads afresh: once ocf/ has
 * validated the new values there is nothing to apply. */
static int kam_reload(struct ocf_op *op)
{
	return OCF_SUCCESS;
}

static const struct ocf_action actions[] = {
	{ "start", kam_start, 60, 0, -1 },
	{ "stop", kam_stop, 30, 0, -1 },
	{ "monitor", kam_monitor, 20, 10, 0 },
	{ "monitor", kam_monitor, 30, 30, 10 },
	{ "reload-agent", kam_reload, 20, 0, -1 },
	OCF_ACTION_END,
};

static const struct ocf_agent agent = {
	.name = "kamailio",
	.version = PACKAGE_VERSION,
	.shortdesc = "Kamailio SIP server, with memory and error health",
	.longdesc = "Starts, stops and monitors one Kamailio instance. Monitors talk to Kamailio "
		    "over its JSON-RPC control socket (jsonrpcs, unix datagram) and read its "
		    "memory pools and REGISTER counters on every run: a shared-memory leak is "
		    "seen from Kamailio's own figures (the OS sees nothing, the pool is "
		    "fixed-size), with a predicted time to exhaustion. Health is published as "
		    "node attributes sipha-health (green/yellow/red), sipha-shm-used-pct and "
		    "sipha-shm-exhaust-s; the registrations as sipha-contacts (usrloc's "
		    "location_contacts), sipha-dmq-peers (active DMQ peers, off without dmq) and "
		    "sipha-sync: after a start the instance stays yellow until its replicated "
		    "table has caught up with the peers' (sync_timeout). Depth 10 sends SIP OPTIONS to each of the instance's "
		    "own listen sockets (addresses local to the node), depth 20 a "
		    "REGISTER/un-REGISTER round trip.",
	.params = params,
	.actions = actions,
	.policy = policy,
	.cfg_size = sizeof(struct kam_cfg),
	.validate = kam_validate,
};

int main(int argc, char **argv)
{
	return ocf_main(&agent, argc, argv);
}
