/* lib/kam/health_kam.c: a health sample of a running Kamailio over JSON-RPC. */
#include "kam/health_kam.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "kam/counters.h"
#include "kam/kamrpc.h"
#include "kam/kamrpc_parse.h"
#include "core/proc_stat.h"
#include "core/statefile.h"
#include "kam/trend.h"

#define TREND_MAX 512
/* a leak rises through each quarter of the part of the window it is read on */
#define TREND_PARTS 4

static void kamrpc_closep(struct kamrpc *k)
{
	kamrpc_close(k);
}

void health_kam_reset(const char *state_prefix)
{
	static const char *const suffix[] = { ".shm.samples", ".counters", ".sync" };
	char path[PATH_MAX];

	for (size_t i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		snprintf(path, sizeof(path), "%s%s", state_prefix, suffix[i]);
		unlink(path);
	}
}

void health_kam_trend_restart(const char *state_prefix)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s.shm.samples", state_prefix);
	unlink(path);
}

/* The REGISTER counters since the previous monitor, kept in "<prefix>.counters". */
static void reg_counters(const struct health_kam_opts *o, const struct kamrpc_counter *c,
			 struct health_input *in)
{
	uint64_t now[2] = { c[0].value, c[1].value }, d[2];
	char path[PATH_MAX], prev[COUNTERS_TEXT_MAX];
	int len;

	snprintf(path, sizeof(path), "%s.counters", o->state_prefix);
	if (counters_delta(statefile_read(path, prev, sizeof(prev), NULL) > 0 ? prev : NULL, now,
			   2, d) == 1) {
		in->reg_ok = d[0];
		in->reg_fail = d[1];
	}
	len = counters_format(now, 2, prev);
	if (len > 0)
		statefile_write(path, prev, (size_t)len);
}

/* The shared-memory trend over the window, kept in "<prefix>.shm.samples": a time to
 * exhaustion in @in when the pool fills at a rate that is not noise. */
static void shm_trend(const struct health_kam_opts *o, struct health_input *in)
{
	struct trend_sample samples[TREND_MAX];
	struct trend_sample s = { .t_ms = o->now_ms, .used = (double)in->shm.real_used };
	struct trend_fit f;
	char path[PATH_MAX];
	double left, rise;
	size_t n;

	snprintf(path, sizeof(path), "%s.shm.samples", o->state_prefix);
	if (trend_update(path, &s, o->window_ms, samples, TREND_MAX, &n) < 0 ||
	    n < o->min_samples || n < 2)
		return;
	/* A step of load is not a leak: only parts of the window that rise throughout are
	 * fitted (none: no trend). */
	if (trend_leak_fit(samples, n, o->min_samples, TREND_PARTS, &f) != 1)
		return;
	/* Noise is not a leak: the fitted rise must reach 0.1 % of the pool, and the slope
	 * one byte per second. */
	rise = f.slope * (double)f.span_ms / 1000.0;
	if (rise >= (double)in->shm.total / 1000.0 &&
	    trend_exhaust_s(&f, (double)in->shm.real_used, (double)in->shm.total, 1.0,
			    &left) == 1) {
		in->have_exhaust = true;
		in->exhaust_s = left;
		in->slope = f.slope;
	}
}

/* Whether the last reply came from @o->session's processes (the kernel names the sender). A
 * sender gone by now, or none named, cannot be judged: taken as ours. */
static int answered_by_ours(const struct health_kam_opts *o, const struct kamrpc *k,
			    struct health_kam_error *e)
{
	struct proc_stat st;

	if (!o->session || !k->peer_pid || proc_stat_read(k->peer_pid, &st) < 0 ||
	    st.session == o->session)
		return 0;
	e->method = "core.shmmem";
	e->err = -EXDEV;
	e->peer_pid = k->peer_pid;
	e->peer_session = st.session;
	return -EXDEV;
}

static int call(struct kamrpc *k, const char *method, const char *const *params, size_t n,
		int64_t deadline, const char **reply, struct health_kam_error *e)
{
	int r = kamrpc_call(k, method, params, n, deadline, reply);

	if (r < 0) {
		e->method = method;
		e->err = r;
	}
	return r;
}

int health_kam_sample(const struct health_kam_opts *o, int64_t deadline,
		      struct health_input *ret, struct health_kam_error *e)
{
	/* one call for every group: Kamailio leaves out a group it does not have */
	static const char *const groups[] = { "registrar:", "sl:", "usrloc:" };
	static const char *const shm_unit[] = { KAMRPC_SHMMEM_UNIT };
	__attribute__((cleanup(kamrpc_closep))) struct kamrpc k = { .fd = -1 };
	struct kamrpc_counter c[] = {
		{ .name = "registrar:accepted_regs" },
		{ .name = "registrar:rejected_regs" },
		{ .name = "usrloc:location_contacts" },
	};
	struct health_input in = { 0 };
	const char *reply;
	int r;

	memset(e, 0, sizeof(*e));
	r = kamrpc_open(&k, o->rpc_socket, o->client_dir);
	if (r < 0) {
		e->method = "bind";
		e->err = r;
		return r;
	}
	r = call(&k, "core.shmmem", shm_unit, 1, deadline, &reply, e);
	if (r < 0)
		return r;
	if (answered_by_ours(o, &k, e) < 0)
		return -EXDEV;
	r = kamrpc_parse_shmmem_kib(reply, (size_t)r, &in.shm);
	if (r < 0) {
		e->method = "core.shmmem";
		e->err = r;
		kamrpc_parse_reply(reply, strlen(reply), 0, e->detail, sizeof(e->detail));
		return r;
	}
	r = call(&k, "pkg.stats", NULL, 0, deadline, &reply, e);
	if (r > 0 && kamrpc_parse_pkg(reply, (size_t)r, &in.pkg) == 0)
		in.have_pkg = true;
	r = call(&k, "stats.get_statistics", groups, 3, deadline, &reply, e);
	if (r > 0 && kamrpc_parse_stats(reply, (size_t)r, c, 3) == 0) {
		if (c[0].found && c[1].found)
			reg_counters(o, c, &in);
		in.have_contacts = c[2].found;
		in.contacts = c[2].value;
	}
	/* an error reply is a configuration without dmq: have_dmq stays false */
	r = call(&k, "dmq.list_nodes", NULL, 0, deadline, &reply, e);
	if (r > 0 && kamrpc_parse_dmq_nodes(reply, (size_t)r, &in.dmq) == 0)
		in.have_dmq = true;
	/* the optional calls may have failed; only core.shmmem decides */
	memset(e, 0, sizeof(*e));

	shm_trend(o, &in);
	*ret = in;
	return 0;
}
