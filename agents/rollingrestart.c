/* agents/rollingrestart.c: ocf:sipha:rollingrestart, rolling restarts of the Kamailio clone on
 * a crontab(5) schedule, brought forward when a node predicts its shared memory runs out first.
 *
 * Only what is particular to this agent lives here: its parameters, its exit-code policy, the
 * order of checks. The rules of the schedule are lib/sched/ (cron, sched_due), its record in
 * the CIB is lib/cluster/sched_record, the run is lib/cluster/roll_driver over roll_env_cib.
 * The monitor decides; a run is this program again with the internal action "run", detached
 * in its own session. The one local state is the marker saying the primitive runs here.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cluster/cib_conn.h"
#include "cluster/cluster_view.h"
#include "cluster/roll_driver.h"
#include "cluster/roll_env_cib.h"
#include "cluster/roll_xml.h"
#include "cluster/sched_record.h"
#include "core/clock.h"
#include "core/proc_spawn.h"
#include "core/statefile.h"
#include "core/stop_signal.h"
#include "ocf/ocf.h"
#include "sched/cron.h"
#include "sched/sched_clock.h"
#include "sched/sched_due.h"

extern char **environ;

#define CIB_CLIENT "sipha-rollingrestart"
#define ATTR_NEXT "sipha-sched-next"
#define ATTR_LAST "sipha-sched-last"
#define SETTLE_MAX_MS 60000
/* The detached run's bound on one CIB call (it has no operation budget of its own). */
#define RUN_CIB_MS 30000

struct rr_cfg {
	const char *schedule;
	int64_t window_ms, min_interval_ms;
	const char *clone, *ip;
	int64_t lease_ms, min_healthy_ms, step_timeout_ms;
};

static int check_schedule(const struct ocf_param *p, const void *value, char *why, size_t len)
{
	struct cron_spec c;
	char reason[160];
	time_t next;

	if (cron_parse(*(const char *const *)value, &c, reason, sizeof(reason)) < 0) {
		snprintf(why, len, "5 crontab(5) fields; %s", reason);
		return OCF_ERR_CONFIGURED;
	}
	if (cron_next(&c, time(NULL), &next) < 0) {
		snprintf(why, len, "a time that occurs (this one names none within 10 years)");
		return OCF_ERR_CONFIGURED;
	}
	return OCF_SUCCESS;
}

#define DAY_MS (86400LL * 1000)
#define F(field) OCF_FIELD(struct rr_cfg, field)
static const struct ocf_param params[] = {
	{ "schedule", OCF_T_STRING, OCF_REQUIRED, NULL, "When to restart (crontab(5) time)",
	  "The five time fields of a crontab(5) line, in the node's local time zone: minute "
	  "hour day-of-month month day-of-week, with lists, ranges, steps and names, e.g. "
	  "\"0 4 * * Tue,Fri\" (04:00 every Tuesday and Friday). @daily, @weekly, @monthly and "
	  "@hourly are accepted too. When both day fields are restricted, either matches, as "
	  "cron does. Slots before the schedule was set up are not run.", F(schedule),
	  .check = check_schedule },
	{ "window", OCF_T_DURATION, 0, "1h", "How late a slot may still run",
	  "A slot that cannot run at its time (a node in standby, the cluster not healthy, the "
	  "primitive moving) is retried at every monitor until this much time has passed since "
	  "it; then it is skipped, and the reason recorded.", F(window_ms), .min = 60000,
	  .max = 7 * DAY_MS },
	{ "min_interval", OCF_T_DURATION, 0, "1h", "Least time between brought-forward runs",
	  "A run brought forward by a node's sipha-shm-exhaust-s prediction (shared memory runs "
	  "out before the next slot) starts no sooner than this after the previous run started. "
	  "A slot of the schedule always runs once, however close to a brought-forward run.",
	  F(min_interval_ms), .min = 0, .max = 30 * DAY_MS },
	{ "clone", OCF_T_STRING, 0, NULL, "Kamailio clone",
	  "The clone of ocf:sipha:kamailio to restart, as siphactl --clone. Default: the only "
	  "one configured.", F(clone) },
	{ "ip", OCF_T_STRING, 0, NULL, "Floating IP primitive",
	  "The ocf:sipha:floatip primitive, as siphactl --ip. Default: the only one "
	  "configured.", F(ip) },
	{ "lease", OCF_T_DURATION, 0, "120s", "Lease of the run's constraints",
	  "How long the run's constraints and lock outlive a dead run, as siphactl --lease; the "
	  "live run renews them.", F(lease_ms), .min = 1000, .max = DAY_MS },
	{ "min_healthy", OCF_T_DURATION, 0, "10s", "Green time before the next step",
	  "How long a restarted instance must stay green before the next node, as siphactl "
	  "--min-healthy.", F(min_healthy_ms), .min = 1, .max = DAY_MS },
	{ "step_timeout", OCF_T_DURATION, 0, "180s", "Longest step",
	  "The longest one step of the run may take before it aborts, as siphactl "
	  "--step-timeout.", F(step_timeout_ms), .min = 1000, .max = DAY_MS },
	OCF_PARAM_END,
};

static const struct ocf_policy policy[] = {
	{ "a parameter is invalid: a schedule that does not parse (the reason names the field "
	  "and the value) or names no time, a duration out of range (validate-all, start)",
	  OCF_ERR_CONFIGURED, "nothing is changed; Pacemaker stops the primitive everywhere until "
	  "the configuration is fixed" },
	{ "probe or monitor where the primitive was not started (no marker in the state dir)",
	  OCF_NOT_RUNNING, "a probe records it as stopped; a recurring monitor is a failure: "
	  "Pacemaker starts it again, here or elsewhere" },
	{ "monitor: nothing due (the record's next slot and the sipha-sched-* node attributes "
	  "are refreshed)", OCF_SUCCESS, "nothing" },
	{ "monitor: a slot or a brought-forward run is due: the run is started detached (own "
	  "session, its own deadlines: step_timeout and lease) and recorded as running",
	  OCF_SUCCESS, "nothing; the run reports its outcome into the CIB record itself" },
	{ "monitor: a slot's window passed while it could not run", OCF_SUCCESS,
	  "the slot is recorded as skipped with the reason, and a warning logged" },
	{ "monitor: the CIB cannot be reached or written, the record of a run whose process is "
	  "gone, a run that cannot be spawned", OCF_SUCCESS, "logged and recorded where possible; "
	  "the next monitor tries again: the primitive itself is not at fault" },
	{ "start: the CIB cannot be reached", OCF_SUCCESS, "a warning; the monitor sets the "
	  "record up" },
	{ "start: the state dir cannot be written", OCF_ERR_GENERIC,
	  "Pacemaker tries another node" },
	{ "stop, also of a stopped instance; a run in progress goes on (siphactl abort stops it)",
	  OCF_SUCCESS, "the primitive is stopped; the node attributes sipha-sched-next and "
	  "sipha-sched-last are deleted" },
	OCF_POLICY_END,
};

/* --- helpers ------------------------------------------------------------------------------ */

static const char *self_argv0 = "rollingrestart";

/* "2026-12-01 04:00 CET", or "none" for 0. */
static void local_time(time_t t, char *buf, size_t len)
{
	if (t)
		sched_local_time(t, buf, len);
	else
		snprintf(buf, len, "none");
}

static int marker_path(const struct ocf_op *op, char *buf, size_t len)
{
	char prefix[PATH_MAX - 16];
	int r = ocf_state_prefix(op, prefix, sizeof(prefix));

	if (r < 0)
		return r;
	r = snprintf(buf, len, "%s.started", prefix);
	return r < 0 || (size_t)r >= len ? -ENAMETOOLONG : 0;
}

static bool started_here(const struct ocf_op *op)
{
	char path[PATH_MAX], buf[16];

	return marker_path(op, path, sizeof(path)) == 0 &&
	       statefile_read(path, buf, sizeof(buf), NULL) >= 0;
}

static int cron_of(const struct rr_cfg *cfg, struct cron_spec *c)
{
	char why[160];

	return cron_parse(cfg->schedule, c, why, sizeof(why));
}

/* The CIB, read whole: connection and document, freed by rr_cib_done. */
struct rr_cib {
	struct cib_conn *c;
	xmlDoc *doc;
};

static void rr_cib_done(struct rr_cib *x)
{
	if (x->doc)
		xmlFreeDoc(x->doc);
	if (x->c)
		cib_conn_close(x->c);
	*x = (struct rr_cib){ 0 };
}

/* Connects if needed and reads the whole CIB; each CIB call is bounded by @ms. */
static int rr_cib_read(struct rr_cib *x, int64_t ms)
{
	int r = x->c ? 0 : cib_conn_open(CIB_CLIENT, &x->c);

	if (r == 0)
		cib_conn_set_timeout(x->c, ms);
	if (r == 0 && x->doc) {
		xmlFreeDoc(x->doc);
		x->doc = NULL;
	}
	if (r == 0)
		r = cib_conn_query(x->c, &x->doc);
	return r;
}

static xmlNode *rr_root(const struct rr_cib *x)
{
	return xmlDocGetRootElement(x->doc);
}

/* Writes the whole record: modify, or create the first time. */
static int record_write(struct cib_conn *c, const struct sched_record *rec)
{
	xmlNode *x = sched_xml_record(rec);
	int r;

	if (!x)
		return -ENOMEM;
	r = cib_conn_modify(c, "crm_config", x);
	if (r == -ENXIO)
		r = cib_conn_create(c, "crm_config", x);
	xmlFreeNode(x);
	return r;
}

/* A record for this schedule: a new one (or one written under another schedule text) starts
 * now, so that slots before it are not run; the last run's fields are kept. */
static int record_ensure(struct ocf_op *op, struct cib_conn *c, struct sched_record *rec,
			 time_t now)
{
	const struct rr_cfg *cfg = op->cfg;

	if (rec->present && !strcmp(rec->schedule, cfg->schedule))
		return 0;
	if (rec->present)
		ocf_log_info("schedule changed from '%s' to '%s': slots count from now", rec->schedule,
			     cfg->schedule);
	rec->present = true;
	snprintf(rec->rsc, sizeof(rec->rsc), "%s", op->instance);
	snprintf(rec->schedule, sizeof(rec->schedule), "%s", cfg->schedule);
	rec->since = now;
	rec->slot_done = 0;
	rec->next_slot = 0;
	return record_write(c, rec);
}

/* --- start, stop ---------------------------------------------------------------------------- */

static int rr_start(struct ocf_op *op)
{
	struct rr_cib x = { 0 };
	struct sched_record rec;
	char path[PATH_MAX];
	int r = marker_path(op, path, sizeof(path));

	if (r == 0)
		r = statefile_write(path, "started\n", 8);
	if (r < 0)
		return ocf_fail(op, OCF_ERR_GENERIC, "state file of %s: %s", op->instance,
				strerror(-r));
	r = rr_cib_read(&x, ocf_ms_left(op));
	if (r == 0)
		r = sched_record_from_cib(rr_root(&x), op->instance, &rec);
	if (r == 0)
		r = record_ensure(op, x.c, &rec, time(NULL));
	if (r < 0)
		ocf_log_warn("the schedule's record in the CIB: %s (the monitor tries again)",
			     strerror(-r));
	rr_cib_done(&x);
	return OCF_SUCCESS;
}

static int rr_stop(struct ocf_op *op)
{
	char path[PATH_MAX];
	int r = marker_path(op, path, sizeof(path));

	if (r == 0 && unlink(path) < 0 && errno != ENOENT)
		r = -errno;
	if (r < 0)
		return ocf_fail(op, OCF_ERR_GENERIC, "state file of %s: %s", op->instance,
				strerror(-r));
	ocf_attr_delete(op, ATTR_NEXT);
	ocf_attr_delete(op, ATTR_LAST);
	return OCF_SUCCESS;
}

/* --- monitor -------------------------------------------------------------------------------- */

/* What one monitor read from the CIB. */
struct rr_seen {
	struct sched_record rec;
	struct roll_lock lock;
	int64_t exhaust_s;		/* -1: no prediction */
	char exhaust_node[CV_NAME_MAX];
	char self[CV_NAME_MAX];
	time_t now;
};

static int rr_see(struct ocf_op *op, const struct rr_cib *x, struct rr_seen *s)
{
	const struct rr_cfg *cfg = op->cfg;
	const struct cv_select sel = { .clone_id = cfg->clone, .ip_id = cfg->ip };
	static struct cluster_view v;
	char why[CV_REASON_MAX] = "";
	int r = sched_record_from_cib(rr_root(x), op->instance, &s->rec);

	if (r == 0)
		r = roll_lock_from_cib(rr_root(x), &s->lock);
	if (r < 0)
		return r;
	s->exhaust_s = -1;
	r = cluster_view_from_cib(rr_root(x), &sel, &v, why, sizeof(why));
	if (r < 0)
		ocf_log_debug("no exhaustion prediction read: %s", why[0] ? why : strerror(-r));
	else if (sched_exhaust_from_view(&v, &s->exhaust_s, s->exhaust_node,
					 sizeof(s->exhaust_node)) < 0)
		s->exhaust_s = -1;
	return 0;
}

/* A lock whose lease has not ended: a run (the schedule's or an admin's) is going on. */
static bool lock_live(const struct rr_seen *s)
{
	return s->lock.present && s->lock.lease_end >= s->now;
}

/* The record says running but no process will ever report: ours is gone, or (elsewhere, or
 * before its pid was written) no live lock long after the start. A live run holds the lock
 * from its pre-flight to its end. */
static bool run_gone(const struct rr_cfg *cfg, const struct rr_seen *s)
{
	int64_t bound_s = (cfg->step_timeout_ms + cfg->lease_ms) / 1000;

	if (!s->rec.running)
		return false;
	if (!strcmp(s->rec.run_node, s->self) && s->rec.run_pid > 0 &&
	    kill((pid_t)s->rec.run_pid, 0) < 0 && errno == ESRCH)
		return true;
	return !lock_live(s) && s->now - s->rec.run_start > bound_s;
}

static void fill_input(const struct rr_seen *s, struct sched_input *in)
{
	const struct sched_record *rec = &s->rec;
	bool refused = !strncmp(rec->outcome, "refused: ", 9);

	*in = (struct sched_input){
		.now = s->now, .since = rec->since, .slot_done = rec->slot_done,
		/* a refusal changed nothing: it must not hold a retry back by min_interval */
		.last_run_start = refused ? 0 : rec->run_start,
		.running = rec->running || lock_live(s),
		.exhaust_s = s->exhaust_s,
		.exhaust_node = s->exhaust_s >= 0 ? s->exhaust_node : NULL,
	};
	if (refused && rec->run_slot && rec->run_slot > rec->slot_done)
		in->last_refusal = rec->outcome + 9;
}

/* Records the run as started. Returns true when it was recorded: unrecorded, a run could not
 * be told from a dead one, so none starts (the next monitor tries again). */
static bool record_run(struct cib_conn *c, struct rr_seen *s, const struct sched_decision *d)
{
	struct sched_record *rec = &s->rec;
	int r;

	rec->running = true;
	snprintf(rec->run_node, sizeof(rec->run_node), "%s", s->self);
	rec->run_pid = 0;
	rec->run_start = s->now;
	rec->run_end = 0;
	rec->run_slot = d->verdict == SCHED_RUN_SLOT ? d->slot : 0;
	snprintf(rec->trigger, sizeof(rec->trigger), "%s", d->why);
	snprintf(rec->outcome, sizeof(rec->outcome), "running");
	rec->next_slot = d->next_slot;
	r = record_write(c, rec);
	if (r < 0)
		ocf_log_warn("not starting the rolling restart (%s): writing the record: %s", d->why,
			     strerror(-r));
	return r == 0;
}

/* Starts the recorded run detached: this program, action "run", in its own session, the
 * configuration in the environment (OCF_RESKEY_*). Not waited for. Called with the CIB
 * connection closed (with CIB_file, closing is what writes the record the run reads). */
static void spawn_run(struct ocf_op *op, struct rr_seen *s)
{
	struct sched_record *rec = &s->rec;
	char *argv[] = { (char *)self_argv0, "run", NULL };
	struct proc_spawn_opts o = { .setsid = true, .stdout_fd = -1,
				     .envp = (const char *const *)environ };
	struct rr_cib x = { 0 };
	pid_t pid;
	int r = proc_spawn("/proc/self/exe", argv, &o, &pid);

	if (r == 0) {
		ocf_log_info("rolling restart started (pid %d): %s", (int)pid, rec->trigger);
		return;
	}
	rec->running = false;
	rec->run_end = s->now;
	snprintf(rec->outcome, sizeof(rec->outcome), "failed: cannot start the run: %s",
		 strerror(-r));
	ocf_log_err("%s", rec->outcome);
	r = rr_cib_read(&x, ocf_ms_left(op));
	if (r == 0)
		r = record_write(x.c, rec);
	if (r < 0)
		ocf_log_warn("writing the record: %s", strerror(-r));
	rr_cib_done(&x);
}

static void skip_slot(struct cib_conn *c, struct sched_record *rec,
		      const struct sched_decision *d)
{
	int r;

	rec->slot_done = d->slot;
	rec->next_slot = d->next_slot;
	if (!strncmp(d->why, "skipped", 7))
		snprintf(rec->outcome, sizeof(rec->outcome), "%s", d->why);
	else
		snprintf(rec->outcome, sizeof(rec->outcome), "skipped: %.230s", d->why);
	ocf_log_warn("%s", rec->outcome);
	if ((r = record_write(c, rec)) < 0)
		ocf_log_warn("writing the record: %s", strerror(-r));
}

/* The node attributes crm_mon -A and pcs status --full show: next slot, last outcome. */
static void publish(struct ocf_op *op, const struct sched_record *rec, time_t next)
{
	bool skipped = !strncmp(rec->outcome, "skipped", 7);
	char t[64], last[200];

	local_time(next, t, sizeof(t));
	ocf_attr_set(op, ATTR_NEXT, t);
	if (!rec->outcome[0]) {
		ocf_attr_set(op, ATTR_LAST, "none");
		return;
	}
	local_time(skipped ? rec->slot_done : rec->run_start, t, sizeof(t));
	snprintf(last, sizeof(last), "%s %.100s", t, rec->outcome);
	ocf_attr_set(op, ATTR_LAST, last);
}

/* The record's times after a step back of the clock (sched_clock_back): taken as now and
 * written, with a warning. Only while no run writes the record. */
static void clock_back(struct rr_cib *x, struct rr_seen *s, const struct cron_spec *c,
		       int64_t window_s)
{
	struct sched_times t = { .since = s->rec.since, .slot_done = s->rec.slot_done,
				 .run_start = s->rec.run_start };
	char why[SCHED_WHY_MAX + 128];
	int r;

	if (!sched_clock_back(c, window_s, s->now, &t, why, sizeof(why)))
		return;
	ocf_log_warn("%s", why);
	s->rec.since = t.since;
	s->rec.slot_done = t.slot_done;
	s->rec.run_start = t.run_start;
	if ((r = record_write(x->c, &s->rec)) < 0)
		ocf_log_warn("writing the record: %s", strerror(-r));
}

/* The decision and what follows from it; true when a run is to be spawned. Failures are
 * logged: the next monitor retries. */
static bool rr_decide(struct ocf_op *op, struct rr_cib *x, struct rr_seen *s)
{
	const struct rr_cfg *cfg = op->cfg;
	const struct sched_policy pol = { .window_s = cfg->window_ms / 1000,
					  .min_interval_s = cfg->min_interval_ms / 1000 };
	struct sched_decision d;
	struct sched_input in;
	struct cron_spec c;
	bool spawn = false;
	int r;

	if (run_gone(cfg, s)) {
		s->rec.running = false;
		s->rec.run_end = s->now;
		snprintf(s->rec.outcome, sizeof(s->rec.outcome),
			 "failed: the run's process ended without reporting (%.100s pid %ld)",
			 s->rec.run_node, s->rec.run_pid);
		ocf_log_warn("%s", s->rec.outcome);
		if ((r = record_write(x->c, &s->rec)) < 0)
			ocf_log_warn("writing the record: %s", strerror(-r));
	}
	r = cron_of(cfg, &c);
	if (r == 0 && !s->rec.running && !lock_live(s))
		clock_back(x, s, &c, pol.window_s);
	fill_input(s, &in);
	if (r == 0)
		r = sched_decide(&c, &pol, &in, &d);
	if (r < 0) {
		ocf_log_warn("no decision: %s", strerror(-r));
		return false;
	}
	if (d.verdict == SCHED_RUN_SLOT || d.verdict == SCHED_RUN_FORWARD)
		spawn = record_run(x->c, s, &d);
	else if (d.verdict == SCHED_SKIP)
		skip_slot(x->c, &s->rec, &d);
	else if (!in.running && s->rec.next_slot != d.next_slot) {
		/* only while no run writes the record, and only on change */
		s->rec.next_slot = d.next_slot;
		if ((r = record_write(x->c, &s->rec)) < 0)
			ocf_log_warn("writing the record: %s", strerror(-r));
	}
	publish(op, &s->rec, d.next_slot);
	return spawn;
}

static int rr_monitor(struct ocf_op *op)
{
	static struct rr_seen s;
	struct rr_cib x = { 0 };
	bool spawn = false;
	int r;

	if (!started_here(op)) {
		if (op->probe)
			return OCF_NOT_RUNNING;
		return ocf_fail(op, OCF_NOT_RUNNING, "%s was not started on this node",
				op->instance);
	}
	memset(&s, 0, sizeof(s));
	s.now = time(NULL);
	roll_env_cib_self(s.self, sizeof(s.self));
	r = rr_cib_read(&x, ocf_ms_left(op));
	if (r == 0)
		r = rr_see(op, &x, &s);
	if (r == 0)
		r = record_ensure(op, x.c, &s.rec, s.now);
	if (r < 0)
		ocf_log_warn("the CIB: %s (the next monitor tries again)", strerror(-r));
	else
		spawn = rr_decide(op, &x, &s);
	rr_cib_done(&x);
	if (spawn)
		spawn_run(op, &s);
	return OCF_SUCCESS;
}

/* --- run: the detached child ---------------------------------------------------------------- */

static volatile sig_atomic_t *stop_requested;

static void log_progress(void *ctx, const char *line)
{
	ocf_log_info("%s", line);
}

/* Read-modify-write of the record by the run: @oc < 0 writes its pid, else its outcome. One
 * more connection is tried when the first fails (a long run outlives a CIB restart). */
static int run_report(struct ocf_op *op, struct rr_cib *x, int oc, const char *reason)
{
	static const char *const what[] = { "success", "aborted", "refused", "failed" };
	struct sched_record rec;
	int r = -EIO;

	for (int tries = 0; tries < 2 && r < 0; tries++) {
		if (tries)
			rr_cib_done(x);
		r = rr_cib_read(x, RUN_CIB_MS);
		if (r == 0)
			r = sched_record_from_cib(rr_root(x), op->instance, &rec);
		if (r < 0)
			continue;
		if (oc < 0) {
			rec.run_pid = (long)getpid();
		} else {
			rec.running = false;
			rec.run_end = time(NULL);
			if (oc == ROLL_DONE)
				snprintf(rec.outcome, sizeof(rec.outcome), "success");
			else
				snprintf(rec.outcome, sizeof(rec.outcome), "%s: %.230s", what[oc],
					 reason[0] ? reason : "no reason given");
			if (rec.run_slot && oc != ROLL_REFUSED)
				rec.slot_done = rec.run_slot;
		}
		r = rec.present ? record_write(x->c, &rec) : -ENOENT;
	}
	return r;
}

static int rr_run(struct ocf_op *op)
{
	const struct rr_cfg *cfg = op->cfg;
	struct rr_cib x = { 0 };
	struct roll_env_cib e;
	struct roll_env env;
	struct roll_opts ro;
	static struct roll_result res;
	char self[CV_NAME_MAX];
	enum roll_outcome oc;
	int r;

	/* SIGINT and SIGTERM become an abort request, as for siphactl: the driver cleans up */
	stop_requested = stop_signal_catch();
	r = run_report(op, &x, -1, "");
	if (r < 0)
		ocf_log_warn("recording the run's pid: %s", strerror(-r));
	if (!x.c) {
		ocf_log_err("rolling restart not run: the CIB: %s", strerror(-r));
		return OCF_ERR_GENERIC;
	}
	roll_opts_defaults(&ro);
	ro.sel = (struct cv_select){ .clone_id = cfg->clone, .ip_id = cfg->ip };
	ro.lease_ms = cfg->lease_ms;
	ro.min_healthy_ms = cfg->min_healthy_ms;
	ro.step_timeout_ms = cfg->step_timeout_ms;
	/* the monitor's record write and the run's own (its pid) each start a transition: the
	 * pre-flight waits longer than siphactl's default for the DC to be idle */
	ro.settle_ms = SETTLE_MAX_MS;
	roll_env_cib_self(self, sizeof(self));
	ro.owner = self;
	ro.pid = (long)getpid();
	roll_env_cib_init(&e, x.c, stop_requested, &env);
	e.sel = ro.sel;
	env.progress = log_progress;
	oc = roll_run(&env, &ro, &res);
	ocf_log_info("rolling restart %s%s%s", oc == ROLL_DONE ? "done" : oc == ROLL_ABORTED ?
		     "aborted" : oc == ROLL_REFUSED ? "refused" : "failed", res.reason[0] ? ": " :
		     "", res.reason);
	r = run_report(op, &x, (int)oc, res.reason);
	if (r < 0)
		ocf_log_err("recording the outcome: %s", strerror(-r));
	rr_cib_done(&x);
	return oc == ROLL_DONE ? OCF_SUCCESS : OCF_ERR_GENERIC;
}

/* --- the agent -------------------------------------------------------------------------------- */

/* A step waits min_healthy for a restarted instance to stay green: it must fit in a step. */
static int rr_validate(struct ocf_op *op)
{
	const struct rr_cfg *cfg = op->cfg;

	if (cfg->min_healthy_ms >= cfg->step_timeout_ms)
		return ocf_fail(op, OCF_ERR_CONFIGURED, "min_healthy (%lldms) must be shorter than "
				"step_timeout (%lldms)", (long long)cfg->min_healthy_ms,
				(long long)cfg->step_timeout_ms);
	return OCF_SUCCESS;
}

static const struct ocf_action actions[] = {
	{ "start", rr_start, 20, 0, -1 },
	{ "stop", rr_stop, 20, 0, -1 },
	{ "monitor", rr_monitor, 20, 60, 0 },
	{ "run", rr_run, 0, 0, -1, .internal = true },
	OCF_ACTION_END,
};

static const struct ocf_agent agent = {
	.name = "rollingrestart",
	.version = PACKAGE_VERSION,
	.shortdesc = "Scheduled rolling restarts of the Kamailio clone",
	.longdesc =
		"Runs siphactl's rolling restart of the ocf:sipha:kamailio clone (one node at a "
		"time, the floating IP moved away first) on a crontab(5) schedule, e.g. twice a "
		"week, and brings a run forward when a node's sipha-shm-exhaust-s predicts that "
		"Kamailio's shared memory runs out before the next slot. One primitive in the "
		"cluster: its monitor decides and starts the run detached (own session, bounded by "
		"step_timeout and lease, output to the log), so the monitor returns at once. The "
		"state lives in the CIB (cluster property set sipha-schedule-ID: last run, outcome, "
		"next slot), so the primitive can move and still knows what ran; siphactl status "
		"shows it, and the node attributes sipha-sched-next and sipha-sched-last show it in "
		"crm_mon -A and pcs status --full. Never two runs at once: the record's running "
		"flag and the rolling restart's lock. Stopping the primitive does not stop a run in "
		"progress: siphactl abort does.",
	.params = params,
	.actions = actions,
	.policy = policy,
	.cfg_size = sizeof(struct rr_cfg),
	.validate = rr_validate,
};

int main(int argc, char **argv)
{
	if (argc > 0 && argv[0])
		self_argv0 = argv[0];
	return ocf_main(&agent, argc, argv);
}
