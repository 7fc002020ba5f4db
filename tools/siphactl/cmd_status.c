/* tools/siphactl/cmd_status.c: siphactl status: nodes, instances, health, the floating IP, the
 * lock of a running rolling restart and the record of the last one, the records of scheduled
 * rolling restarts (ocf:sipha:rollingrestart), as text or JSON. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <json-c/json.h>

#include "cluster/roll_xml.h"
#include "cluster/sched_record.h"
#include "tools/siphactl/siphactl.h"

static const char *node_state(const struct cv_node *n)
{
	if (!n->online)
		return "offline";
	if (n->standby)
		return "standby";
	if (n->maintenance)
		return "maintenance";
	return "online";
}

static void when(time_t t, char *buf, size_t len)
{
	if (t <= 0)
		snprintf(buf, len, "-");
	else
		roll_xml_time(t, buf, len);
}

static void text_nodes(const struct cluster_view *v)
{
	printf("cluster: %s, DC %s; clone %s, floating IP %s\n",
	       v->have_quorum ? "quorate" : "WITHOUT QUORUM", v->dc[0] ? v->dc : "none",
	       v->clone_id, v->ip_id);
	for (int i = 0; i < v->n_nodes; i++) {
		const struct cv_node *n = &v->nodes[i];

		printf("  %-20s %-11s kamailio %-7s health %-6s", n->name, node_state(n),
		       n->kam_active ? "started" : "stopped", n->health[0] ? n->health : "-");
		if (n->shm_used_pct >= 0)
			printf(" shm %d%%", n->shm_used_pct);
		if (n->shm_exhaust_s >= 0)
			printf(" full in %" PRId64 "s", n->shm_exhaust_s);
		printf("%s\n", n->ip_active ? "  <- floating IP" : "");
	}
	if (!cluster_view_ip_node(v))
		printf("  the floating IP runs nowhere\n");
	for (int i = 0; i < v->n_failed; i++)
		printf("  failed: %s %s on %s rc=%d%s%s\n", v->failed[i].rsc, v->failed[i].op,
		       v->failed[i].node, v->failed[i].rc, v->failed[i].reason[0] ? ": " : "",
		       v->failed[i].reason);
}

static void text_roll(const struct roll_lock *l, const struct roll_last *last, time_t now)
{
	char a[40], b[40];

	if (l->present) {
		when(l->start, a, sizeof(a));
		when(l->lease_end, b, sizeof(b));
		printf("rolling restart: RUNNING by %s pid %ld since %s, lease until %s%s%s%s\n",
		       l->owner, l->pid, a, b, l->lease_end < now ? " (PASSED: the driver is gone; "
		       "siphactl abort clears it)" : "", roll_lock_ahead_s(l, now) ? " (AHEAD of "
		       "this node's clock by more than the lease: siphactl abort removes it)" : "",
		       l->abort[0] ? ", abort requested" : "");
	} else {
		printf("rolling restart: none running\n");
	}
	if (!last->present) {
		printf("last rolling restart: none recorded\n");
		return;
	}
	when(last->start, a, sizeof(a));
	printf("last rolling restart: %s at %s, took %llds", last->outcome, a,
	       (long long)(last->end - last->start));
	if (last->ip_from[0])
		printf(", IP %s -> %s", last->ip_from, last->ip_to[0] ? last->ip_to : "(stayed)");
	if (last->per_node[0])
		printf(", %s", last->per_node);
	printf("%s%s\n", last->reason[0] ? "; stopped: " : "", last->reason);
}

/* One record of ocf:sipha:rollingrestart: its schedule and next slot, the run going on or the
 * latest one, the outcome of the latest attempt (a skipped or refused slot with its reason). */
static void text_sched(const struct sched_record *r)
{
	char a[40], b[40];

	when(r->next_slot, a, sizeof(a));
	printf("schedule %s: \"%s\", next slot %s\n", r->rsc, r->schedule, a);
	when(r->run_slot, b, sizeof(b));
	if (r->running) {
		when(r->run_start, a, sizeof(a));
		printf("  run: RUNNING on %s pid %ld since %s, %s%s\n", r->run_node[0] ?
		       r->run_node : "?", r->run_pid, a, r->run_slot ? "for the slot " :
		       "brought forward", r->run_slot ? b : "");
	} else if (r->run_start > 0) {
		when(r->run_start, a, sizeof(a));
		printf("  latest run: %s", a);
		when(r->run_end, a, sizeof(a));
		printf(" to %s, %s%s\n", a, r->run_slot ? "for the slot " : "brought forward",
		       r->run_slot ? b : "");
	} else {
		printf("  latest run: none yet\n");
	}
	if (r->trigger[0])
		printf("  trigger: %s\n", r->trigger);
	if (r->outcome[0])
		printf("  outcome: %s\n", r->outcome);
}

static json_object *jstr(const char *s)
{
	return s && s[0] ? json_object_new_string(s) : NULL;
}

static json_object *json_nodes(const struct cluster_view *v)
{
	json_object *arr = json_object_new_array();

	for (int i = 0; i < v->n_nodes; i++) {
		const struct cv_node *n = &v->nodes[i];
		json_object *o = json_object_new_object();

		json_object_object_add(o, "name", jstr(n->name));
		json_object_object_add(o, "state", jstr(node_state(n)));
		json_object_object_add(o, "kamailio", jstr(n->kam_active ? "started" : "stopped"));
		json_object_object_add(o, "health", jstr(n->health));
		json_object_object_add(o, "shm_used_pct", n->shm_used_pct < 0 ? NULL :
				       json_object_new_int(n->shm_used_pct));
		json_object_object_add(o, "shm_exhaust_s", n->shm_exhaust_s < 0 ? NULL :
				       json_object_new_int64(n->shm_exhaust_s));
		json_object_object_add(o, "ip", json_object_new_boolean(n->ip_active));
		json_object_array_add(arr, o);
	}
	return arr;
}

static json_object *json_roll(const struct roll_lock *l, const struct roll_last *last)
{
	json_object *top = json_object_new_object(), *lo = NULL, *la = NULL;

	if (l->present) {
		lo = json_object_new_object();
		json_object_object_add(lo, "owner", jstr(l->owner));
		json_object_object_add(lo, "pid", json_object_new_int64(l->pid));
		json_object_object_add(lo, "since", json_object_new_int64(l->start));
		json_object_object_add(lo, "lease_end", json_object_new_int64(l->lease_end));
		json_object_object_add(lo, "lease_s", json_object_new_int64(l->lease_s));
		json_object_object_add(lo, "abort", jstr(l->abort));
	}
	if (last->present) {
		la = json_object_new_object();
		json_object_object_add(la, "start", json_object_new_int64(last->start));
		json_object_object_add(la, "end", json_object_new_int64(last->end));
		json_object_object_add(la, "outcome", jstr(last->outcome));
		json_object_object_add(la, "reason", jstr(last->reason));
		json_object_object_add(la, "ip_from", jstr(last->ip_from));
		json_object_object_add(la, "ip_to", jstr(last->ip_to));
		json_object_object_add(la, "per_node", jstr(last->per_node));
	}
	json_object_object_add(top, "lock", lo);
	json_object_object_add(top, "last", la);
	return top;
}

/* A time, or null for none. */
static json_object *jtime(time_t t)
{
	return t > 0 ? json_object_new_int64(t) : NULL;
}

static json_object *json_scheds(const struct sched_record *r, int n)
{
	json_object *arr = json_object_new_array();

	for (int i = 0; i < n; i++) {
		json_object *o = json_object_new_object(), *run = NULL;

		json_object_object_add(o, "resource", jstr(r[i].rsc));
		json_object_object_add(o, "schedule", jstr(r[i].schedule));
		json_object_object_add(o, "since", jtime(r[i].since));
		json_object_object_add(o, "slot_done", jtime(r[i].slot_done));
		json_object_object_add(o, "next_slot", jtime(r[i].next_slot));
		json_object_object_add(o, "running", json_object_new_boolean(r[i].running));
		if (r[i].running || r[i].run_start > 0) {
			run = json_object_new_object();
			json_object_object_add(run, "node", jstr(r[i].run_node));
			json_object_object_add(run, "pid", r[i].run_pid > 0 ?
					       json_object_new_int64(r[i].run_pid) : NULL);
			json_object_object_add(run, "start", jtime(r[i].run_start));
			json_object_object_add(run, "end", jtime(r[i].run_end));
			json_object_object_add(run, "slot", jtime(r[i].run_slot));
		}
		json_object_object_add(o, "run", run);
		json_object_object_add(o, "trigger", jstr(r[i].trigger));
		json_object_object_add(o, "outcome", jstr(r[i].outcome));
		json_object_array_add(arr, o);
	}
	return arr;
}

static void print_json(const struct cluster_view *v, const struct roll_lock *l,
		       const struct roll_last *last, const struct sched_record *sch, int n_sch)
{
	json_object *top = json_object_new_object();
	const struct cv_node *ip = cluster_view_ip_node(v);

	json_object_object_add(top, "quorum", json_object_new_boolean(v->have_quorum));
	json_object_object_add(top, "dc", jstr(v->dc));
	json_object_object_add(top, "clone", jstr(v->clone_id));
	json_object_object_add(top, "ip_resource", jstr(v->ip_id));
	json_object_object_add(top, "ip_node", jstr(ip ? ip->name : NULL));
	json_object_object_add(top, "nodes", json_nodes(v));
	json_object_object_add(top, "failed_actions", json_object_new_int(v->n_failed));
	json_object_object_add(top, "rolling_restart", json_roll(l, last));
	json_object_object_add(top, "schedules", json_scheds(sch, n_sch));
	puts(json_object_to_json_string_ext(top, JSON_C_TO_STRING_PRETTY));
	json_object_put(top);
}

int cmd_status(const struct ctl *o)
{
	xmlDoc *doc = NULL;
	static struct cluster_view v;
	static struct sched_record sch[SCHED_RECORDS_MAX];
	int n_sch = 0;
	struct roll_lock lock;
	struct roll_last last;
	char why[CV_REASON_MAX] = "";
	int r;

	if ((r = ctl_read_cib(&doc)) >= 0)
		return r;
	r = cluster_view_from_cib(xmlDocGetRootElement(doc), &o->sel, &v, why, sizeof(why));
	if (r == 0)
		r = roll_lock_from_cib(xmlDocGetRootElement(doc), &lock);
	if (r == 0)
		r = roll_last_from_cib(xmlDocGetRootElement(doc), &last);
	if (r == 0)
		n_sch = sched_records_from_cib(xmlDocGetRootElement(doc), sch, SCHED_RECORDS_MAX);
	xmlFreeDoc(doc);
	if (r < 0)
		return ctl_fail(CTL_USAGE, "%s", why[0] ? why : strerror(-r));
	if (o->json) {
		print_json(&v, &lock, &last, sch, n_sch);
	} else {
		text_nodes(&v);
		text_roll(&lock, &last, time(NULL));
		for (int i = 0; i < n_sch; i++)
			text_sched(&sch[i]);
	}
	return CTL_OK;
}
