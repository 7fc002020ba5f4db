/* tests/unit/test_roll_driver.c: roll_run against a simulated cluster (struct roll_env over an
 * in-memory model): instances stop a few polls after a ban appears and start a few polls after
 * it is lifted, health is cleared on stop and turns green a few polls after start, the IP goes
 * where the move constraint says (or off a stopped instance), and a fake CIB keeps every
 * element by id (create gives -EEXIST). A fake clock advances with sleep_ms. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cluster/roll_driver.h"

#define ELEMS_MAX 32
#define STOP_TICKS 2
#define START_TICKS 2
#define GREEN_TICKS 2
#define MONO0 1000000	/* the monotonic clock at the wall clock's wall0 */

struct sim_node {
	char name[CV_NAME_MAX];
	bool online, standby, active, never_stop;
	enum { RUNNING, STOPPING, STOPPED, STARTING, WARMING } phase;
	char health[16];
	int countdown;		/* ticks until the pending stop/start/green happens */
	int starts;		/* instances started (restarts) */
};

struct sim {
	int n;
	struct sim_node nodes[4];
	char ip_on[CV_NAME_MAX];
	int ip_moves;
	int n_failed;
	char dc_state[32];
	int64_t dc_idle_at;		/* mono time the DC turns S_IDLE; 0: never changes */
	xmlNode *elems[ELEMS_MAX];
	char sections[ELEMS_MAX][16];
	int n_elems;
	int64_t mono;
	time_t wall0;
	int ticks, writes, cons_modifies, lock_modifies;
	char bans[8][CV_NAME_MAX];	/* order in which bans were created */
	int n_bans;
	bool lease_lapsed;		/* the lock's lease end passed while it was held */
	long lease_s;			/* the lease the run's lock said it renews by */
	/* events at a given tick (0: never) */
	int red_tick, offline_tick, abort_tick, green_ticks;
	char red_node[CV_NAME_MAX], offline_node[CV_NAME_MAX];
	bool in_abort;
	char progress[64][256];
	int n_progress;
};

static struct sim S;
static struct roll_env env;

static const char *id_of(xmlNode *x)
{
	static char buf[CV_REASON_MAX];
	xmlChar *v = xmlGetProp(x, (const xmlChar *)"id");

	snprintf(buf, sizeof(buf), "%s", v ? (const char *)v : "");
	xmlFree(v);
	return buf;
}

static int find(const char *id_)
{
	char id[CV_REASON_MAX];

	snprintf(id, sizeof(id), "%s", id_);
	for (int i = 0; i < S.n_elems; i++)
		if (!strcmp(id_of(S.elems[i]), id))
			return i;
	return -1;
}

static bool has(const char *prefix, const char *node)
{
	char id[CV_REASON_MAX];

	snprintf(id, sizeof(id), "%s%s", prefix, node);
	return find(id) >= 0;
}

/* Attributes and children merged by id, as cib modify does. */
static void merge(xmlNode *dst, xmlNode *src)
{
	for (xmlAttr *a = src->properties; a; a = a->next) {
		xmlChar *v = xmlGetProp(src, a->name);

		xmlSetProp(dst, a->name, v);
		xmlFree(v);
	}
	for (xmlNode *c = src->children; c; c = c->next) {
		xmlNode *d = NULL;
		char id[CV_REASON_MAX];

		if (c->type != XML_ELEMENT_NODE)
			continue;
		snprintf(id, sizeof(id), "%s", id_of(c));
		for (d = dst->children; d; d = d->next)
			if (d->type == XML_ELEMENT_NODE && !strcmp(id_of(d), id))
				break;
		if (d)
			merge(d, c);
		else
			xmlAddChild(dst, xmlCopyNode(c, 1));
	}
}

static int f_create(void *ctx, const char *section, xmlNode *x)
{
	char id[CV_REASON_MAX];

	snprintf(id, sizeof(id), "%s", id_of(x));
	if (find(id) >= 0)
		return -EEXIST;
	assert_true(S.n_elems < ELEMS_MAX);
	if (!strncmp(id, "sipha-roll-ban-", 15))
		snprintf(S.bans[S.n_bans++], CV_NAME_MAX, "%.100s", id + 15);
	snprintf(S.sections[S.n_elems], 16, "%s", section);
	S.elems[S.n_elems++] = xmlCopyNode(x, 1);
	S.writes++;
	return 0;
}

static int f_modify(void *ctx, const char *section, xmlNode *x)
{
	int i = find(id_of(x));

	S.writes++;
	if (i < 0)
		return -ENXIO;
	merge(S.elems[i], x);
	if (!strcmp(section, "constraints"))
		S.cons_modifies++;
	else
		S.lock_modifies++;
	return 0;
}

static int f_remove(void *ctx, const char *section, xmlNode *x)
{
	int i = find(id_of(x));

	S.writes++;
	if (i < 0)
		return 0;
	xmlFreeNode(S.elems[i]);
	S.elems[i] = S.elems[S.n_elems - 1];
	memcpy(S.sections[i], S.sections[S.n_elems - 1], 16);
	S.n_elems--;
	return 0;
}

static time_t f_wall(void *ctx)
{
	return S.wall0 + (time_t)((S.mono - MONO0) / 1000);
}

static int64_t f_mono(void *ctx)
{
	return S.mono;
}

static void f_progress(void *ctx, const char *line)
{
	if (S.n_progress < 64)
		snprintf(S.progress[S.n_progress++], 256, "%s", line);
}

static int f_dc_state(void *ctx, int64_t deadline, char *state, size_t len)
{
	if (S.dc_idle_at && S.mono >= S.dc_idle_at)
		snprintf(S.dc_state, sizeof(S.dc_state), "S_IDLE");
	snprintf(state, len, "%s", S.dc_state);
	return 0;
}

/* One tick of the model: what Pacemaker and the agent would have done since the last look. */
static void tick_node(struct sim_node *n)
{
	bool banned = has("sipha-roll-ban-", n->name);

	if (n->countdown > 0 && --n->countdown > 0)
		return;
	switch (n->phase) {
	case RUNNING:
		if (banned && !n->never_stop) {
			n->phase = STOPPING;
			n->countdown = STOP_TICKS;
		}
		break;
	case STOPPING:
		n->active = false;
		n->health[0] = '\0';	/* the agent's stop deletes sipha-health */
		n->phase = STOPPED;
		break;
	case STOPPED:
		if (!banned && n->online) {
			n->phase = STARTING;
			n->countdown = START_TICKS;
		}
		break;
	case STARTING:
		n->active = true;
		n->starts++;
		n->phase = WARMING;
		n->countdown = S.green_ticks ? S.green_ticks : GREEN_TICKS;
		break;
	case WARMING:
		snprintf(n->health, sizeof(n->health), "green");
		n->phase = RUNNING;
		break;
	}
}

static struct sim_node *sim_node(const char *name)
{
	for (int i = 0; i < S.n; i++)
		if (!strcmp(S.nodes[i].name, name))
			return &S.nodes[i];
	return NULL;
}

/* The IP follows the move constraint to an active node; off a stopped instance it goes to
 * the first active node (colocation), which counts as a move too. */
static void tick_ip(void)
{
	struct sim_node *h = sim_node(S.ip_on);

	for (int i = 0; i < S.n; i++)
		if (has("sipha-roll-ip-", S.nodes[i].name) && S.nodes[i].active &&
		    strcmp(S.ip_on, S.nodes[i].name)) {
			snprintf(S.ip_on, sizeof(S.ip_on), "%s", S.nodes[i].name);
			S.ip_moves++;
			return;
		}
	if (h && !h->active)
		for (int i = 0; i < S.n; i++)
			if (S.nodes[i].active) {
				snprintf(S.ip_on, sizeof(S.ip_on), "%s", S.nodes[i].name);
				S.ip_moves++;
				return;
			}
}

static xmlNode *sim_cib(void)
{
	xmlNode *cib = xmlNewNode(NULL, (const xmlChar *)"cib");
	xmlNode *conf = xmlNewChild(cib, NULL, (const xmlChar *)"configuration", NULL);

	for (int i = 0; i < S.n_elems; i++)
		xmlAddChild(conf, xmlCopyNode(S.elems[i], 1));
	return cib;
}

static void fill_view(struct cluster_view *v)
{
	memset(v, 0, sizeof(*v));
	v->have_quorum = true;
	snprintf(v->dc, sizeof(v->dc), "node1");
	snprintf(v->clone_id, sizeof(v->clone_id), "kamailio-clone");
	snprintf(v->kam_id, sizeof(v->kam_id), "kamailio");
	snprintf(v->ip_id, sizeof(v->ip_id), "sip-ip");
	v->ip_stickiness = 100;
	v->n_failed = S.n_failed;
	for (int i = 0; i < S.n_failed; i++)
		*v->failed[i].rsc = 'k', snprintf(v->failed[i].node, CV_NAME_MAX, "node1");
	v->n_nodes = S.n;
	for (int i = 0; i < S.n; i++) {
		struct cv_node *d = &v->nodes[i];

		snprintf(d->name, sizeof(d->name), "%s", S.nodes[i].name);
		d->online = S.nodes[i].online;
		d->standby = S.nodes[i].standby;
		d->kam_active = S.nodes[i].active;
		d->ip_active = !strcmp(S.ip_on, d->name);
		snprintf(d->health, sizeof(d->health), "%s", S.nodes[i].health);
	}
}

static int f_snapshot(void *ctx, struct cluster_view *v, struct roll_lock *lock,
		      struct roll_last *last, char *why, size_t len)
{
	xmlNode *cib;

	S.ticks++;
	if (S.red_tick && S.ticks == S.red_tick)
		snprintf(sim_node(S.red_node)->health, 16, "red");
	if (S.offline_tick && S.ticks == S.offline_tick)
		sim_node(S.offline_node)->online = false;
	for (int i = 0; i < S.n; i++)
		tick_node(&S.nodes[i]);
	tick_ip();
	fill_view(v);
	cib = sim_cib();
	roll_lock_from_cib(cib, lock);
	roll_last_from_cib(cib, last);
	xmlFreeNode(cib);
	if (lock->present && !S.in_abort && lock->lease_end < f_wall(NULL))
		S.lease_lapsed = true;
	if (lock->present)
		S.lease_s = lock->lease_s;
	return 0;
}

static void f_sleep(void *ctx, int64_t ms)
{
	S.mono += ms;
	if (S.abort_tick && S.ticks >= S.abort_tick && !S.in_abort) {
		char why[CV_REASON_MAX];

		S.in_abort = true;
		assert_int_equal(roll_request_abort(&env, "admin on node3", why, sizeof(why)), 0);
		assert_non_null(strstr(why, "abort requested"));
		S.abort_tick = 0;
		S.in_abort = false;
	}
}

static void sim_init(int n, int ip)
{
	for (int i = 0; i < S.n_elems; i++)
		xmlFreeNode(S.elems[i]);
	memset(&S, 0, sizeof(S));
	S.n = n;
	S.wall0 = 1796097600;
	S.mono = MONO0;
	snprintf(S.dc_state, sizeof(S.dc_state), "S_IDLE");
	for (int i = 0; i < n; i++) {
		struct sim_node *d = &S.nodes[i];

		snprintf(d->name, sizeof(d->name), "node%d", i + 1);
		d->online = d->active = true;
		snprintf(d->health, sizeof(d->health), "green");
	}
	if (ip)
		snprintf(S.ip_on, sizeof(S.ip_on), "node%d", ip);
	env = (struct roll_env){ .ctx = &S, .snapshot = f_snapshot, .dc_state = f_dc_state,
				 .create = f_create, .modify = f_modify, .remove = f_remove,
				 .wall_s = f_wall, .mono_ms = f_mono, .sleep_ms = f_sleep,
				 .progress = f_progress };
}

static void opts(struct roll_opts *o)
{
	roll_opts_defaults(o);
	o->owner = "node1";
	o->pid = 1234;
	o->min_healthy_ms = 2000;
	o->step_timeout_ms = 30000;
}

/* Nothing with an id starting with sipha-roll- is left in the fake CIB. */
static void assert_nothing_left(void)
{
	for (int i = 0; i < S.n_elems; i++)
		if (!strncmp(id_of(S.elems[i]), ROLL_ID_PREFIX, strlen(ROLL_ID_PREFIX)))
			fail_msg("left in the CIB: %s", id_of(S.elems[i]));
}

static void assert_record(const char *outcome, const char *reason_part)
{
	struct roll_last last;
	xmlNode *cib = sim_cib();

	roll_last_from_cib(cib, &last);
	xmlFreeNode(cib);
	assert_true(last.present);
	assert_string_equal(last.outcome, outcome);
	if (reason_part && !strstr(last.reason, reason_part))
		fail_msg("record's reason '%s' lacks '%s'", last.reason, reason_part);
}

static void assert_reason(const struct roll_result *res, const char *part)
{
	if (!strstr(res->reason, part))
		fail_msg("reason '%s' lacks '%s'", res->reason, part);
}

static void run_full(int n, int ip)
{
	static struct roll_result res;
	struct roll_opts o;
	char order[128] = "", want[128] = "";

	sim_init(n, ip);
	opts(&o);
	if (roll_run(&env, &o, &res) != ROLL_DONE)
		fail_msg("outcome %d: %s", res.outcome, res.reason);
	assert_string_equal(res.reason, "");
	assert_int_equal(res.n_done, n);
	for (int i = 0; i < n; i++) {
		assert_int_equal(S.nodes[i].starts, 1);
		assert_true(S.nodes[i].active);
		assert_string_equal(S.nodes[i].health, "green");
		assert_true(res.nodes[i].duration_ms >= o.min_healthy_ms);
	}
	/* non-holders by name, the holder last; exactly one IP move, to the first restarted */
	for (int i = 0; i < S.n_bans; i++)
		strcat(strcat(order, S.bans[i]), " ");
	for (int i = 1; i <= n; i++)
		if (i != ip)
			sprintf(want + strlen(want), "node%d ", i);
	sprintf(want + strlen(want), "node%d ", ip);
	assert_string_equal(order, want);
	assert_int_equal(S.ip_moves, 1);
	assert_string_equal(S.ip_on, ip == 1 ? "node2" : "node1");
	assert_string_equal(res.plan.ip_to, S.ip_on);
	assert_nothing_left();
	assert_record("success", NULL);
	assert_false(S.lease_lapsed);
}

static void test_two_nodes(void **state)
{
	run_full(2, 1);
	run_full(2, 2);
}

static void test_three_nodes(void **state)
{
	run_full(3, 1);
	run_full(3, 2);
	run_full(3, 3);
}

static void test_dry_run(void **state)
{
	static struct roll_result res;
	struct roll_opts o;

	sim_init(3, 2);
	opts(&o);
	o.dry_run = true;
	assert_int_equal(roll_run(&env, &o, &res), ROLL_DONE);
	assert_int_equal(S.writes, 0);
	assert_int_equal(S.n_elems, 0);
	assert_int_equal(S.n_progress, 4);
	assert_string_equal(S.progress[0], "1. restart kamailio-clone on node1");
	assert_string_equal(S.progress[2], "3. move sip-ip to node1");
	assert_string_equal(S.progress[3], "4. restart kamailio-clone on node2");
	/* a refused pre-flight is still a refusal */
	S.nodes[2].standby = true;
	assert_int_equal(roll_run(&env, &o, &res), ROLL_REFUSED);
	assert_int_equal(S.writes, 0);
}

/* A DC busy for a moment (an attribute changed) is waited for; one busy past settle_ms is a
 * refusal, after that wait. */
static void test_dc_settles(void **state)
{
	static struct roll_result res;
	struct roll_opts o;
	int64_t t0;

	sim_init(2, 1);
	opts(&o);
	o.dry_run = true;
	snprintf(S.dc_state, sizeof(S.dc_state), "S_TRANSITION_ENGINE");
	t0 = S.mono;
	S.dc_idle_at = t0 + 3000;
	assert_int_equal(roll_run(&env, &o, &res), ROLL_DONE);
	assert_true(S.mono - t0 >= 3000 && S.mono - t0 < o.settle_ms);
	sim_init(2, 1);
	snprintf(S.dc_state, sizeof(S.dc_state), "S_POLICY_ENGINE");
	t0 = S.mono;
	assert_int_equal(roll_run(&env, &o, &res), ROLL_REFUSED);
	assert_non_null(strstr(res.reason, "not settled"));
	assert_true(S.mono - t0 >= o.settle_ms);
}

static void expect_refused(const char *part)
{
	static struct roll_result res;
	struct roll_opts o;

	opts(&o);
	if (roll_run(&env, &o, &res) != ROLL_REFUSED)
		fail_msg("expected a refusal with '%s', got %d: %s", part, res.outcome, res.reason);
	assert_reason(&res, part);
	assert_int_equal(S.writes, 0);
	for (int i = 0; i < S.n; i++)
		assert_int_equal(S.nodes[i].starts, 0);
}

static void test_refusals(void **state)
{
	struct roll_lock l = { .present = true, .owner = "node2", .pid = 99, .start = 1796097000,
			       .lease_end = 1796097600 + 60 };

	sim_init(2, 1);
	S.nodes[1].standby = true;
	expect_refused("node node2 is in standby");
	sim_init(2, 1);
	S.n_failed = 1;
	expect_refused("failed action");
	sim_init(2, 1);
	snprintf(S.dc_state, sizeof(S.dc_state), "S_POLICY_ENGINE");
	expect_refused("not settled");
	sim_init(2, 1);
	S.elems[S.n_elems++] = roll_xml_lock(&l);
	snprintf(S.sections[0], 16, "crm_config");
	expect_refused("lock held by node2 pid 99, lease until 2026-12-01 04:01:00Z");
	assert_int_equal(S.n_elems, 1);
	/* during a run one instance is stopped on purpose: the live lock is the reason to give,
	 * not the pre-flight's "not running" */
	sim_init(2, 1);
	S.nodes[1].active = false;
	S.nodes[1].phase = STOPPED;
	S.nodes[1].health[0] = '\0';
	S.elems[S.n_elems++] = roll_xml_lock(&l);
	snprintf(S.sections[0], 16, "crm_config");
	expect_refused("a rolling restart is running: lock held by node2 pid 99");
}

static void test_stale_lock_taken_over(void **state)
{
	static struct roll_result res;
	struct roll_opts o;
	struct roll_lock l = { .present = true, .owner = "node2", .pid = 77, .start = 1796097000,
			       .lease_end = 1796097600 - 5 };

	sim_init(2, 1);
	S.elems[S.n_elems++] = roll_xml_lock(&l);
	/* the dead driver's ban (expired with its lease) */
	S.elems[S.n_elems++] = roll_xml_ban("kamailio-clone", "node2", 1796097600 - 5);
	opts(&o);
	assert_int_equal(roll_run(&env, &o, &res), ROLL_DONE);
	assert_true(res.took_over);
	assert_string_equal(res.stale_owner, "node2 pid 77");
	assert_int_equal(S.nodes[0].starts, 1);
	assert_int_equal(S.nodes[1].starts, 1);
	assert_nothing_left();
	assert_record("success", NULL);
	for (int i = 0; i < S.n_progress; i++)
		if (strstr(S.progress[i], "taking over the stale lock of node2 pid 77"))
			return;
	fail_msg("the take-over was not said");
}

/* Ends with @part in the reason, nothing of the run left, the record "aborted", and every
 * instance serving again. */
static void expect_aborted(const struct roll_opts *o, const char *part)
{
	static struct roll_result res;

	assert_int_equal(roll_run(&env, o, &res), ROLL_ABORTED);
	assert_reason(&res, part);
	assert_nothing_left();
	assert_record("aborted", part);
}

static void test_abort_other_red(void **state)
{
	struct roll_opts o;

	/* node2 restarts first; node1, the IP holder, turns red meanwhile */
	sim_init(2, 1);
	opts(&o);
	S.red_tick = 3;
	snprintf(S.red_node, sizeof(S.red_node), "node1");
	expect_aborted(&o, "sipha-health turned red on node1");
	assert_int_equal(S.ip_moves, 0);
	/* the ban was lifted: node2 starts again on its own */
	for (int i = 0; i < 10; i++)
		f_snapshot(NULL, &(struct cluster_view){ 0 }, &(struct roll_lock){ 0 },
			   &(struct roll_last){ 0 }, NULL, 0);
	assert_true(S.nodes[1].active);
}

static void test_abort_requested(void **state)
{
	struct roll_opts o;
	char why[CV_REASON_MAX];

	sim_init(3, 1);
	opts(&o);
	assert_int_equal(roll_request_abort(&env, "admin", why, sizeof(why)), -ENOENT);
	S.abort_tick = 12;
	expect_aborted(&o, "abort requested by admin on node3 at 2026-12-01");
}

static void test_step_timeout(void **state)
{
	struct roll_opts o;
	int64_t t0;

	sim_init(2, 1);
	opts(&o);
	S.nodes[1].never_stop = true;
	t0 = S.mono;
	expect_aborted(&o, "stopping kamailio on node2: not done within the step timeout (30s); "
		       "last seen: instance running, sipha-health green");
	assert_true(S.mono - t0 <= o.step_timeout_ms + 2 * o.poll_ms);
}

static void test_node_offline(void **state)
{
	struct roll_opts o;

	sim_init(3, 3);
	opts(&o);
	S.offline_tick = 4;
	snprintf(S.offline_node, sizeof(S.offline_node), "node3");
	expect_aborted(&o, "node node3 left the cluster");
}

static void test_lease_renewed(void **state)
{
	static struct roll_result res;
	struct roll_opts o;

	sim_init(2, 1);
	opts(&o);
	o.lease_ms = 3000;
	S.green_ticks = 20;	/* 10 s from start to green: three leases */
	assert_int_equal(roll_run(&env, &o, &res), ROLL_DONE);
	assert_true(S.cons_modifies >= 2);
	assert_true(S.lock_modifies >= 6);
	assert_false(S.lease_lapsed);
	/* what another node needs to tell a lease written by a clock ahead of its own */
	assert_int_equal(S.lease_s, 3);
	assert_nothing_left();
}

static void test_stale_abort_cleans(void **state)
{
	struct roll_lock l = { .present = true, .owner = "node2", .pid = 77, .start = 1796097000,
			       .lease_end = 1796097600 - 5 };
	char why[CV_REASON_MAX];

	sim_init(2, 1);
	S.elems[S.n_elems++] = roll_xml_lock(&l);
	S.elems[S.n_elems++] = roll_xml_ip_move("sip-ip", "node2", 1796097600 - 5);
	assert_int_equal(roll_request_abort(&env, "admin", why, sizeof(why)), 0);
	assert_non_null(strstr(why, "node2 pid 77 had died"));
	assert_int_equal(S.n_elems, 0);
}

/* A lock whose lease ends a year ahead (a node's clock ahead, or ours went back): runs are
 * refused naming it, not held silently until then, and abort removes it. */
static void test_lock_far_ahead(void **state)
{
	struct roll_lock l = { .present = true, .owner = "node2", .pid = 55, .start = 1796097000,
			       .lease_end = 1796097600 + 365 * 86400, .lease_s = 120 };
	char why[CV_REASON_MAX];

	sim_init(2, 1);
	S.elems[S.n_elems++] = roll_xml_lock(&l);
	snprintf(S.sections[0], 16, "crm_config");
	expect_refused("the lock of node2 pid 55 has a lease until 2027-12-01 04:00:00Z, further "
		       "ahead than its 120s lease can reach");
	assert_int_equal(S.n_elems, 1);
	S.elems[S.n_elems++] = roll_xml_ban("kamailio-clone", "node2", l.lease_end);
	assert_int_equal(roll_request_abort(&env, "admin", why, sizeof(why)), 0);
	assert_non_null(strstr(why, "further ahead than its 120s lease can reach"));
	assert_non_null(strstr(why, "removed its lock and constraints"));
	assert_int_equal(S.n_elems, 0);
	/* then a run goes ahead */
	{
		static struct roll_result res;
		struct roll_opts o;

		opts(&o);
		assert_int_equal(roll_run(&env, &o, &res), ROLL_DONE);
		assert_false(res.took_over);
		assert_nothing_left();
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_two_nodes), cmocka_unit_test(test_three_nodes),
		cmocka_unit_test(test_dry_run),
		cmocka_unit_test(test_dc_settles), cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_stale_lock_taken_over),
		cmocka_unit_test(test_abort_other_red), cmocka_unit_test(test_abort_requested),
		cmocka_unit_test(test_step_timeout), cmocka_unit_test(test_node_offline),
		cmocka_unit_test(test_lease_renewed), cmocka_unit_test(test_stale_abort_cleans),
		cmocka_unit_test(test_lock_far_ahead),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
