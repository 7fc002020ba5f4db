/* lib/cluster/roll_driver.c: runs a rolling restart plan step by step over struct roll_env:
 * the lock, bans and the IP move with renewed leases, the waits, the abort on doubt, and the
 * cleanup and record that end every run. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cluster/roll_driver.h"

struct cons {
	bool ip;			/* IP move, else a ban of the clone */
	char node[CV_NAME_MAX];
	bool live;
};

struct run {
	const struct roll_env *env;
	const struct roll_opts *o;
	struct roll_result *res;
	struct cluster_view v;
	struct roll_lock lock;		/* as the CIB has it now */
	struct roll_last last;
	struct roll_lock mine;		/* what we wrote */
	int failed0;
	time_t start_wall;
	int64_t start_mono, renewed_mono, step_deadline;
	const char *current;		/* node being restarted, NULL otherwise */
	int64_t green_since;		/* mono ms the node under watch turned green, -1 */
	int n_cons;
	struct cons cons[CV_NODES_MAX + 2];
};

void roll_opts_defaults(struct roll_opts *o)
{
	*o = (struct roll_opts){ .lease_ms = 120000, .min_healthy_ms = 10000,
				 .step_timeout_ms = 180000, .poll_ms = 500, .settle_ms = 15000 };
}

static void say(struct run *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(struct run *r, const char *fmt, ...)
{
	char line[512];
	va_list ap;

	if (!r->env->progress)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	r->env->progress(r->env->ctx, line);
}

/* Sets the reason (first one wins) and returns @code, a negative errno. */
static int fail(struct run *r, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(struct run *r, int code, const char *fmt, ...)
{
	va_list ap;

	if (!r->res->reason[0]) {
		va_start(ap, fmt);
		vsnprintf(r->res->reason, sizeof(r->res->reason), fmt, ap);
		va_end(ap);
	}
	return code;
}

static int look(struct run *r)
{
	char why[CV_REASON_MAX] = "";
	int e = r->env->snapshot(r->env->ctx, &r->v, &r->lock, &r->last, why, sizeof(why));

	if (e < 0)
		return fail(r, e, "reading the cluster: %s", why[0] ? why : strerror(-e));
	return 0;
}

/* A lock whose lease has not passed: the run is refused, with the way out. */
static int refuse_live_lock(struct run *r)
{
	char end[40];

	roll_xml_time(r->lock.lease_end, end, sizeof(end));
	if (roll_lock_ahead_s(&r->lock, r->env->wall_s(r->env->ctx)))
		return fail(r, -EBUSY, "the lock of %s pid %ld has a lease until %s, further ahead "
			    "than its %lds lease can reach: a clock ahead of this node's wrote it, or "
			    "this node's clock went back (siphactl abort removes it)", r->lock.owner,
			    r->lock.pid, end, r->lock.lease_s);
	return fail(r, -EBUSY, "a rolling restart is running: lock held by %s pid %ld, lease "
		    "until %s (siphactl abort stops it)", r->lock.owner, r->lock.pid, end);
}

/* The lease in whole seconds (r->mine.lease_s, set once per run), from now. */
static time_t lease_end_now(struct run *r)
{
	return r->env->wall_s(r->env->ctx) + (time_t)r->mine.lease_s;
}

static xmlNode *cons_xml(struct run *r, const struct cons *c, time_t end)
{
	return c->ip ? roll_xml_ip_move(r->o->sel.ip_id ? r->o->sel.ip_id : r->v.ip_id, c->node, end)
		     : roll_xml_ban(r->o->sel.clone_id ? r->o->sel.clone_id : r->v.clone_id,
				    c->node, end);
}

/* Writes @x with @op (create/modify/remove) and frees it; -ENOMEM when building failed. */
static int write_xml(struct run *r, int (*op)(void *, const char *, xmlNode *),
		     const char *section, xmlNode *x)
{
	int e;

	if (!x)
		return -ENOMEM;
	e = op(r->env->ctx, section, x);
	xmlFreeNode(x);
	return e;
}

static int cons_add(struct run *r, bool ip, const char *node)
{
	struct cons *c = &r->cons[r->n_cons];
	int e;

	*c = (struct cons){ .ip = ip, .live = true };
	snprintf(c->node, sizeof(c->node), "%s", node);
	e = write_xml(r, r->env->create, "constraints", cons_xml(r, c, r->mine.lease_end));
	if (e < 0)
		return fail(r, e, "creating the %s constraint for %s: %s", ip ? "IP move" : "ban",
			    node, strerror(-e));
	r->n_cons++;
	return 0;
}

static int cons_drop(struct run *r, struct cons *c)
{
	int e;

	if (!c->live)
		return 0;
	e = write_xml(r, r->env->remove, "constraints", cons_xml(r, c, 0));
	if (e < 0)
		return fail(r, e, "removing the constraint for %s: %s", c->node, strerror(-e));
	c->live = false;
	return 0;
}

/* Pushes the lease end of the lock and of every live constraint forward once a third of the
 * lease has passed: they outlive a dead driver by at most one lease. */
static int renew(struct run *r)
{
	int64_t now = r->env->mono_ms(r->env->ctx);
	int e;

	if (now - r->renewed_mono < r->o->lease_ms / 3)
		return 0;
	r->mine.lease_end = lease_end_now(r);
	e = write_xml(r, r->env->modify, "crm_config", roll_xml_lock(&r->mine));
	for (int i = 0; e >= 0 && i < r->n_cons; i++)
		if (r->cons[i].live)
			e = write_xml(r, r->env->modify, "constraints",
				      cons_xml(r, &r->cons[i], r->mine.lease_end));
	if (e < 0)
		return fail(r, e, "renewing the lease: %s", strerror(-e));
	r->renewed_mono = now;
	return 0;
}

/* cluster_view_node's lookup, kept here so the driver needs no Pacemaker code to link. */
static const struct cv_node *node_of(const struct cluster_view *v, const char *name)
{
	for (int i = 0; i < v->n_nodes && i < CV_NODES_MAX; i++)
		if (!strcmp(v->nodes[i].name, name))
			return &v->nodes[i];
	return NULL;
}

static bool in_plan(const struct run *r, const char *node)
{
	for (int i = 0; i < r->res->plan.n; i++)
		if (!strcmp(r->res->plan.steps[i].node, node))
			return true;
	return false;
}

static int judge_lock(struct run *r)
{
	if (!r->lock.present)
		return fail(r, -ECANCELED, "the lock %s is gone (removed by someone else)",
			    ROLL_LOCK_ID);
	if (strcmp(r->lock.owner, r->mine.owner) || r->lock.pid != r->mine.pid)
		return fail(r, -ECANCELED, "the lock is now held by %s pid %ld", r->lock.owner,
			    r->lock.pid);
	if (r->lock.abort[0])
		return fail(r, -ECANCELED, "abort %s", r->lock.abort);
	return 0;
}

/* Any doubt ends the run: the reason names the node and what was seen. */
static int judge(struct run *r)
{
	const struct cluster_view *v = &r->v;
	const struct cv_failed *f;
	int e = judge_lock(r);

	if (e < 0)
		return e;
	if (!v->have_quorum)
		return fail(r, -ECANCELED, "quorum lost");
	for (int i = 0; i < r->res->plan.n; i++) {
		const struct cv_node *n = node_of(v, r->res->plan.steps[i].node);

		if (!n || !n->online)
			return fail(r, -ECANCELED, "node %s left the cluster (offline)",
				    r->res->plan.steps[i].node);
	}
	for (int i = 0; i < v->n_nodes; i++) {
		const struct cv_node *n = &v->nodes[i];

		if (r->current && !strcmp(n->name, r->current))
			continue;
		if (!in_plan(r, n->name))
			continue;
		if (!n->kam_active)
			return fail(r, -ECANCELED, "the Kamailio instance on %s stopped while %s "
				    "was being restarted", n->name, r->current ? r->current : "no node");
		if (!strcmp(n->health, "red"))
			return fail(r, -ECANCELED, "sipha-health turned red on %s", n->name);
	}
	if (cluster_view_failures(v, &f) > r->failed0) {
		return fail(r, -ECANCELED, "a new failed action: %s %s on %s (rc %d%s%s)", f->rsc,
			    f->op, f->node, f->rc, f->reason[0] ? ", " : "", f->reason);
	}
	return 0;
}

typedef bool (*cond_fn)(struct run *r, const char *node, char *seen, size_t len);

/* Polls until @cond holds for @node, judging every snapshot, within the step's deadline. */
static int wait_for(struct run *r, cond_fn cond, const char *node, const char *what)
{
	char seen[CV_REASON_MAX] = "nothing yet";
	int e;

	for (;;) {
		r->env->sleep_ms(r->env->ctx, r->o->poll_ms);
		if ((e = look(r)) < 0 || (e = judge(r)) < 0 || (e = renew(r)) < 0)
			return e;
		if (cond(r, node, seen, sizeof(seen)))
			return 0;
		if (r->env->mono_ms(r->env->ctx) >= r->step_deadline)
			return fail(r, -ETIMEDOUT, "%s on %s: not done within the step timeout "
				    "(%llds); last seen: %s", what, node,
				    (long long)(r->o->step_timeout_ms / 1000), seen);
	}
}

static bool stopped(struct run *r, const char *node, char *seen, size_t len)
{
	const struct cv_node *n = node_of(&r->v, node);

	if (!n)
		return false;
	snprintf(seen, len, "instance %s, sipha-health %s", n->kam_active ? "running" : "stopped",
		 n->health[0] ? n->health : "unset");
	return !n->kam_active && !n->health[0];
}

/* Active and green without a break for min_healthy. */
static bool healthy(struct run *r, const char *node, char *seen, size_t len)
{
	const struct cv_node *n = node_of(&r->v, node);
	int64_t now = r->env->mono_ms(r->env->ctx);

	if (!n)
		return false;
	snprintf(seen, len, "instance %s, sipha-health %s", n->kam_active ? "running" : "stopped",
		 n->health[0] ? n->health : "unset");
	if (!n->kam_active || strcmp(n->health, "green")) {
		r->green_since = -1;
		return false;
	}
	if (r->green_since < 0)
		r->green_since = now;
	return now - r->green_since >= r->o->min_healthy_ms;
}

static bool ip_there(struct run *r, const char *node, char *seen, size_t len)
{
	const struct cv_node *n = node_of(&r->v, node);
	int elsewhere = 0;

	if (!n)
		return false;
	for (int i = 0; i < r->v.n_nodes; i++)
		elsewhere += r->v.nodes[i].ip_active && strcmp(r->v.nodes[i].name, node);
	snprintf(seen, len, "the IP %s on %s, on %d other node%s", n->ip_active ? "runs" : "not",
		 node, elsewhere, elsewhere == 1 ? "" : "s");
	return n->ip_active && !elsewhere;
}

static int step_restart(struct run *r, int i, const char *node)
{
	int64_t t0 = r->env->mono_ms(r->env->ctx);
	int e;

	r->current = node;
	r->step_deadline = t0 + r->o->step_timeout_ms;
	if ((e = cons_add(r, false, node)) < 0)
		return e;
	say(r, "step %d/%d: %s banned from %s, waiting until it stops", i + 1, r->res->plan.n,
	    r->v.clone_id, node);
	if ((e = wait_for(r, stopped, node, "stopping kamailio")) < 0)
		return e;
	if ((e = cons_drop(r, &r->cons[r->n_cons - 1])) < 0)
		return e;
	say(r, "step %d/%d: stopped on %s, ban lifted, waiting for green for %llds", i + 1,
	    r->res->plan.n, node, (long long)(r->o->min_healthy_ms / 1000));
	r->green_since = -1;
	if ((e = wait_for(r, healthy, node, "starting kamailio green")) < 0)
		return e;
	r->current = NULL;
	snprintf(r->res->nodes[r->res->n_done].node, CV_NAME_MAX, "%s", node);
	r->res->nodes[r->res->n_done++].duration_ms = r->env->mono_ms(r->env->ctx) - t0;
	say(r, "step %d/%d: %s restarted and green (%.1fs)", i + 1, r->res->plan.n, node,
	    (double)r->res->nodes[r->res->n_done - 1].duration_ms / 1000.0);
	return 0;
}

/* The IP constraint stays until the end of the run, so that restarting the former holder
 * does not move the IP again; stickiness keeps it where it is once removed. */
static int step_move_ip(struct run *r, int i, const char *node)
{
	int e;

	r->current = NULL;
	r->step_deadline = r->env->mono_ms(r->env->ctx) + r->o->step_timeout_ms;
	if ((e = cons_add(r, true, node)) < 0)
		return e;
	say(r, "step %d/%d: moving %s to %s", i + 1, r->res->plan.n, r->v.ip_id, node);
	if ((e = wait_for(r, ip_there, node, "moving the floating IP")) < 0)
		return e;
	say(r, "step %d/%d: %s runs on %s", i + 1, r->res->plan.n, r->v.ip_id, node);
	return 0;
}

/* Removes what a run with these nodes may have left: ids follow from node names. */
static int remove_leftovers(struct run *r)
{
	int e = 0;

	for (int i = 0; e >= 0 && i < r->v.n_nodes; i++) {
		struct cons c = { .live = true };

		snprintf(c.node, sizeof(c.node), "%s", r->v.nodes[i].name);
		e = cons_drop(r, &c);
		c.ip = true;
		c.live = true;
		if (e >= 0)
			e = cons_drop(r, &c);
	}
	return e;
}

static xmlNode *lock_id_only(void)
{
	xmlNode *x = xmlNewNode(NULL, (const xmlChar *)"cluster_property_set");

	if (x)
		xmlNewProp(x, (const xmlChar *)"id", (const xmlChar *)ROLL_LOCK_ID);
	return x;
}

/* A stale lock (lease passed): its driver is dead; its constraints have expired. */
static int take_over(struct run *r)
{
	int e;

	r->res->took_over = true;
	snprintf(r->res->stale_owner, sizeof(r->res->stale_owner), "%s pid %ld", r->lock.owner,
		 r->lock.pid);
	say(r, "taking over the stale lock of %s (lease ended %llds ago); removing what it left",
	    r->res->stale_owner, (long long)(r->env->wall_s(r->env->ctx) - r->lock.lease_end));
	if ((e = remove_leftovers(r)) < 0)
		return e;
	e = write_xml(r, r->env->remove, "crm_config", lock_id_only());
	return e < 0 ? fail(r, e, "removing the stale lock: %s", strerror(-e)) : 0;
}

/* 0 with the lock ours; -EBUSY (refused) with a live lock; other -errno on errors. */
static int take_lock(struct run *r)
{
	int e;

	for (int attempt = 0; attempt < 2; attempt++) {
		r->mine.lease_end = lease_end_now(r);
		e = write_xml(r, r->env->create, "crm_config", roll_xml_lock(&r->mine));
		if (e != -EEXIST)
			break;
		if ((e = look(r)) < 0)
			return e;
		if (!r->lock.present)
			continue;	/* released between the two calls: try again */
		if (r->lock.lease_end > r->env->wall_s(r->env->ctx))
			return refuse_live_lock(r);
		if (attempt == 0 && (e = take_over(r)) < 0)
			return e;
		e = -EEXIST;
	}
	if (e < 0)
		return fail(r, e == -EEXIST ? -EBUSY : e, "taking the lock %s: %s", ROLL_LOCK_ID,
			    strerror(-e));
	r->renewed_mono = r->env->mono_ms(r->env->ctx);
	return 0;
}

static const char *outcome_word(enum roll_outcome oc)
{
	return oc == ROLL_DONE ? "success" : oc == ROLL_ABORTED ? "aborted" : "failed";
}

static void write_record(struct run *r)
{
	struct roll_last rec = { .present = true, .start = r->start_wall,
				 .end = r->env->wall_s(r->env->ctx) };
	size_t off = 0;
	int e;

	snprintf(rec.outcome, sizeof(rec.outcome), "%s", outcome_word(r->res->outcome));
	snprintf(rec.reason, sizeof(rec.reason), "%s", r->res->reason);
	snprintf(rec.ip_from, sizeof(rec.ip_from), "%s", r->res->plan.ip_from);
	snprintf(rec.ip_to, sizeof(rec.ip_to), "%s", r->res->plan.ip_to);
	for (int i = 0; i < r->res->n_done && off < sizeof(rec.per_node); i++) {
		int n = snprintf(rec.per_node + off, sizeof(rec.per_node) - off, "%s%s=%.1fs",
				 i ? " " : "", r->res->nodes[i].node,
				 (double)r->res->nodes[i].duration_ms / 1000.0);

		off += n > 0 ? (size_t)n : 0;
	}
	e = write_xml(r, r->env->create, "crm_config", roll_xml_last(&rec));
	if (e == -EEXIST)
		e = write_xml(r, r->env->modify, "crm_config", roll_xml_last(&rec));
	if (e < 0)
		say(r, "could not write the record %s: %s", ROLL_LAST_ID, strerror(-e));
}

/* Every outcome after the lock was taken: constraints, then the lock, then the record. */
static void finish(struct run *r)
{
	int e = 0;

	for (int i = r->n_cons - 1; i >= 0; i--)
		if (cons_drop(r, &r->cons[i]) < 0)
			e = -EIO;
	if (e == 0) {
		e = write_xml(r, r->env->remove, "crm_config", lock_id_only());
		if (e < 0)
			fail(r, e, "releasing the lock: %s", strerror(-e));
	}
	/* a run that cannot clean up did not end well, however its steps went */
	if (e < 0 && r->res->outcome == ROLL_DONE)
		r->res->outcome = ROLL_ERROR;
	r->res->duration_ms = r->env->mono_ms(r->env->ctx) - r->start_mono;
	write_record(r);
	say(r, "%s%s%s", r->res->outcome == ROLL_DONE ? "done" : outcome_word(r->res->outcome),
	    r->res->reason[0] ? ": " : "", r->res->reason);
}

/* Snapshot, DC state, pre-flight and plan. 0, or the outcome to return with the reason set. */
static int prepare(struct run *r)
{
	char state[32] = "", why[CV_REASON_MAX] = "";
	int64_t now = r->env->mono_ms(r->env->ctx);

	if (look(r) < 0)
		return ROLL_ERROR;
	/* A run in progress explains a stopped instance better than the pre-flight would. */
	if (!r->o->dry_run && r->lock.present && r->lock.lease_end > r->env->wall_s(r->env->ctx)) {
		refuse_live_lock(r);
		return ROLL_REFUSED;
	}
	/* Every attribute change (each instance's monitor figures) sets the DC to work for a
	 * moment: a DC that says it is busy is waited for, briefly, before it is a reason to
	 * refuse; one that cannot be asked is refused at once. */
	for (int64_t end = now + r->o->settle_ms;;) {
		if (r->env->dc_state(r->env->ctx, r->env->mono_ms(r->env->ctx) + 10000, state,
				     sizeof(state)) < 0) {
			snprintf(state, sizeof(state), "unknown");
			break;
		}
		if (!strcmp(state, "S_IDLE") || r->env->mono_ms(r->env->ctx) >= end)
			break;
		r->env->sleep_ms(r->env->ctx, r->o->poll_ms);
		if (look(r) < 0)
			return ROLL_ERROR;
	}
	if (roll_preflight(&r->v, state, why, sizeof(why)) < 0 ||
	    roll_plan_make(&r->v, &r->res->plan, why, sizeof(why)) < 0) {
		fail(r, -EBUSY, "%s", why);
		return ROLL_REFUSED;
	}
	r->failed0 = cluster_view_failures(&r->v, NULL);
	return 0;
}

static void say_plan(struct run *r)
{
	char text[CV_REASON_MAX];

	for (int i = 0; i < r->res->plan.n; i++) {
		roll_step_text(&r->res->plan.steps[i], r->v.clone_id, r->v.ip_id, text,
			       sizeof(text));
		say(r, "%d. %s", i + 1, text);
	}
}

static enum roll_outcome run_steps(struct run *r)
{
	int e = 0;

	for (int i = 0; e >= 0 && i < r->res->plan.n; i++) {
		const struct roll_step *s = &r->res->plan.steps[i];

		e = s->kind == ROLL_MOVE_IP ? step_move_ip(r, i, s->node) :
					      step_restart(r, i, s->node);
	}
	if (e >= 0)
		return ROLL_DONE;
	return e == -ECANCELED || e == -ETIMEDOUT ? ROLL_ABORTED : ROLL_ERROR;
}

enum roll_outcome roll_run(const struct roll_env *env, const struct roll_opts *o,
			   struct roll_result *ret)
{
	static struct run r;
	int oc;

	memset(ret, 0, sizeof(*ret));
	r = (struct run){ .env = env, .o = o, .res = ret, .green_since = -1 };
	r.start_wall = env->wall_s(env->ctx);
	r.start_mono = env->mono_ms(env->ctx);
	snprintf(r.mine.owner, sizeof(r.mine.owner), "%s", o->owner ? o->owner : "unknown");
	r.mine.pid = o->pid;
	r.mine.start = r.start_wall;
	r.mine.lease_s = (long)((o->lease_ms + 999) / 1000);
	r.mine.present = true;
	if ((oc = prepare(&r)) != 0)
		return ret->outcome = (enum roll_outcome)oc;
	say_plan(&r);
	if (o->dry_run) {
		if (r.lock.present && r.lock.lease_end > r.start_wall)
			say(&r, "note: a run holds the lock now (%s pid %ld): a real run would be "
			    "refused", r.lock.owner, r.lock.pid);
		return ret->outcome = ROLL_DONE;
	}
	if ((oc = take_lock(&r)) < 0) {
		ret->duration_ms = env->mono_ms(env->ctx) - r.start_mono;
		return ret->outcome = oc == -EBUSY ? ROLL_REFUSED : ROLL_ERROR;
	}
	say(&r, "lock %s taken (lease %llds)", ROLL_LOCK_ID, (long long)(o->lease_ms / 1000));
	ret->outcome = run_steps(&r);
	finish(&r);
	return ret->outcome;
}

int roll_request_abort(const struct roll_env *env, const char *who, char *why, size_t len)
{
	static struct run r;
	struct roll_opts o;
	char end[40];
	bool ahead;
	int e;

	roll_opts_defaults(&o);
	r = (struct run){ .env = env, .o = &o };
	r.res = &(struct roll_result){ 0 };
	if ((e = look(&r)) < 0) {
		snprintf(why, len, "%s", r.res->reason);
		return e;
	}
	if (!r.lock.present) {
		snprintf(why, len, "no lock %s in the CIB", ROLL_LOCK_ID);
		return -ENOENT;
	}
	roll_xml_time(r.lock.lease_end, end, sizeof(end));
	ahead = roll_lock_ahead_s(&r.lock, env->wall_s(env->ctx)) > 0;
	if (r.lock.lease_end > env->wall_s(env->ctx)) {
		char at[40];

		roll_xml_time(env->wall_s(env->ctx), at, sizeof(at));
		snprintf(r.lock.abort, sizeof(r.lock.abort), "requested by %s at %s", who, at);
		e = write_xml(&r, env->modify, "crm_config", roll_xml_lock(&r.lock));
		if (e < 0 || !ahead) {
			snprintf(why, len, e < 0 ? "asking %s pid %ld to abort: %s" :
				 "abort requested from the run of %s pid %ld%s; it cleans up and exits 1",
				 r.lock.owner, r.lock.pid, e < 0 ? strerror(-e) : "");
			return e < 0 ? e : 0;
		}
		/* A lease no clock of ours will reach: its run, if it still lives, reads the abort
		 * or fails its next renewal of the lock removed here. */
	}
	e = remove_leftovers(&r);
	if (e >= 0)
		e = write_xml(&r, env->remove, "crm_config", lock_id_only());
	if (e < 0)
		snprintf(why, len, "removing the stale run of %s pid %ld: %s", r.lock.owner,
			 r.lock.pid, strerror(-e));
	else if (ahead)
		snprintf(why, len, "the lock of %s pid %ld had a lease until %s, further ahead than "
			 "its %lds lease can reach (a clock ahead of this node's, or this node's went "
			 "back): asked its run to abort, removed its lock and constraints", r.lock.owner,
			 r.lock.pid, end, r.lock.lease_s);
	else
		snprintf(why, len, "the run of %s pid %ld had died (lease ended %s): removed its "
			 "lock and constraints", r.lock.owner, r.lock.pid, end);
	return e < 0 ? e : 0;
}
