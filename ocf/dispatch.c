/* ocf/dispatch.c: ocf_main, from the command line to the agent's action and its exit code. */
#include "ocf/ocf.h"
#include "ocf/dispatch.h"
#include "ocf/log.h"
#include "ocf/param.h"
#include "core/clock.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct ocf_action ocf_builtin_actions[] = {
	{ .name = "meta-data", .timeout_s = 5, .depth = -1 },
	{ .name = "validate-all", .timeout_s = 20, .depth = -1 },
	OCF_ACTION_END,
};

const struct ocf_action *ocf_action_find(const struct ocf_agent *agent, const char *name)
{
	for (const struct ocf_action *a = agent->actions; a && a->name; a++)
		if (!strcmp(a->name, name))
			return a;
	for (const struct ocf_action *a = ocf_builtin_actions; a->name; a++)
		if (!strcmp(a->name, name))
			return a;
	return NULL;
}

/* Pacemaker exports operation attributes both as OCF_RESKEY_CRM_meta_X and (older) CRM_meta_X. */
static const char *meta_env(const char *name)
{
	char key[96];
	const char *v;

	snprintf(key, sizeof(key), "OCF_RESKEY_CRM_meta_%s", name);
	v = getenv(key);
	if (!v || !*v)
		v = getenv(key + strlen("OCF_RESKEY_"));
	return v && *v ? v : NULL;
}

/* A number of milliseconds from the environment. Above @max it is cut to @max (rejecting it
 * would fail a stop, and a failed stop gets the node fenced), with a note in @why. */
static int env_ms(const char *name, const char *v, int64_t max, int64_t *ret, char *why,
		  size_t whylen)
{
	char *end;
	long long n;

	errno = 0;
	n = strtoll(v, &end, 10);
	if ((errno && errno != ERANGE) || end == v || *end || n < 0) {
		snprintf(why, whylen, "%s='%.32s' is not a number of milliseconds", name, v);
		return OCF_ERR_ARGS;
	}
	if (n > max) {
		snprintf(why, whylen, "%s='%.32s' is above %lld ms: %lld ms used", name, v,
			 (long long)max, (long long)max);
		n = max;
	}
	*ret = n;
	return OCF_SUCCESS;
}

int ocf_op_from_env(const struct ocf_agent *agent, const struct ocf_action *action,
		    struct ocf_op *op, char *why, size_t whylen)
{
	const char *v;
	int r;

	op->agent = agent;
	op->action = action->name;
	op->started_ms = clock_now_ms();
	v = getenv("OCF_RESOURCE_INSTANCE");
	op->instance = v && *v ? v : agent->name;

	op->timeout_ms = (int64_t)(action->timeout_s ? action->timeout_s : 20) * 1000;
	v = meta_env("timeout");
	if (v && (r = env_ms("CRM_meta_timeout", v, OCF_TIMEOUT_MAX_MS, &op->timeout_ms, why,
			     whylen)))
		return r;
	op->deadline_ms = ocf_deadline_for(op->started_ms, op->timeout_ms);

	op->interval_ms = 0;
	v = meta_env("interval");
	if (v && (r = env_ms("CRM_meta_interval", v, INT64_MAX, &op->interval_ms, why, whylen)))
		return r;
	/* As ocf-shellfuncs' ocf_is_probe: a monitor without a recurring interval. */
	op->probe = !strcmp(action->name, "monitor") && op->interval_ms == 0;

	op->check_level = 0;
	v = getenv("OCF_CHECK_LEVEL");
	if (!v || !*v)
		v = meta_env("OCF_CHECK_LEVEL");
	if (v) {
		char *end;
		long n;

		errno = 0;
		n = strtol(v, &end, 10);
		if (errno || *end || n < 0 || n > 1000) {
			snprintf(why, whylen, "OCF_CHECK_LEVEL='%.32s' is not a depth (0, 10, 20)", v);
			return OCF_ERR_ARGS;
		}
		op->check_level = (int)n;
	}
	return OCF_SUCCESS;
}

static void usage(const struct ocf_agent *agent, FILE *out)
{
	fprintf(out, "usage: %s {", agent->name);
	for (const struct ocf_action *a = agent->actions; a && a->name; a++)
		if (!a->internal)
			fprintf(out, "%s|", a->name);
	fputs("validate-all|meta-data|usage} (also: --man)\n", out);
}

/* Stop must stop what an earlier, valid configuration started: a value that does not parse
 * now (an edited parameter) falls back to its default, and the agent stops from its records. */
static int run_stop(const struct ocf_agent *agent, const struct ocf_action *action,
		    struct ocf_op *op)
{
	char why[256] = "";
	int r = ocf_config_parse_lenient(agent, op->cfg, why, sizeof(why));

	if (r != OCF_SUCCESS) {
		/* a parameter without a default names what was started: nothing can be found */
		ocf_log_warn("stop with invalid configuration (%s): nothing to stop", why);
		return OCF_SUCCESS;
	}
	if (why[0])
		ocf_log_warn("stop with invalid configuration (%s): defaults stand in for what "
			     "does not parse", why);
	return action->run(op);
}

/* Runs a parsed-config action. Validation depends on the action: start and validate-all check
 * everything; stop and monitor must still work where a binary went missing. */
static int run_action(const struct ocf_agent *agent, const struct ocf_action *action,
		      struct ocf_op *op)
{
	bool full = !strcmp(action->name, "start") || !strcmp(action->name, "validate-all") ||
		    !strcmp(action->name, "reload-agent");
	bool validate_only = !strcmp(action->name, "validate-all");
	char why[256] = "";
	int r;

	if (!strcmp(action->name, "stop"))
		return run_stop(agent, action, op);
	r = ocf_config_parse_ex(agent, op->cfg, full, validate_only, why, sizeof(why));
	if (r != OCF_SUCCESS)
		return ocf_fail(op, r, "%s", why);
	/* The agent's own cross-checks report their reason themselves (ocf_fail). */
	if (full && agent->validate && (r = agent->validate(op)) != OCF_SUCCESS)
		return r;
	if (validate_only)
		return OCF_SUCCESS;
	return action->run(op);
}

static void sigpipe_noop(int sig)
{
	(void)sig;
}

/* A peer that closes mid-write (a SIP probe over TCP or TLS: OpenSSL writes with plain
 * write()) must give EPIPE, not kill the agent. A handler rather than SIG_IGN: exec resets
 * a handled signal to its default, so nothing we spawn (Kamailio, attrd_updater) inherits it. */
static void sigpipe_catch(void)
{
	struct sigaction sa = { .sa_handler = sigpipe_noop, .sa_flags = SA_RESTART };

	sigemptyset(&sa.sa_mask);
	sigaction(SIGPIPE, &sa, NULL);
}

int ocf_main(const struct ocf_agent *agent, int argc, char **argv)
{
	const char *name = argc > 1 ? argv[1] : getenv("__OCF_ACTION");
	const struct ocf_action *action;
	struct ocf_op op = { 0 };
	char why[256] = "";
	int r;

	sigpipe_catch();
	if (!name || !*name) {
		usage(agent, stderr);
		return OCF_ERR_ARGS;
	}
	if (!strcmp(name, "meta-data")) {
		ocf_metadata_write(agent, stdout);
		return fflush(stdout) ? OCF_ERR_GENERIC : OCF_SUCCESS;
	}
	if (!strcmp(name, "usage") || !strcmp(name, "help") || !strcmp(name, "--help")) {
		usage(agent, stdout);
		return OCF_SUCCESS;
	}
	if (!strcmp(name, "--man")) {
		ocf_manpage_write(agent, stdout);
		return fflush(stdout) ? OCF_ERR_GENERIC : OCF_SUCCESS;
	}
	action = ocf_action_find(agent, name);
	if (!action || (!action->run && strcmp(name, "validate-all"))) {
		usage(agent, stderr);
		fprintf(stderr, "ocf-exit-reason:action '%.64s' is not implemented by %s\n", name,
			agent->name);
		return OCF_ERR_UNIMPLEMENTED;
	}
	r = ocf_op_from_env(agent, action, &op, why, sizeof(why));
	ocf_log_setup(agent->name, op.instance, true);
	if (r != OCF_SUCCESS) {
		r = ocf_fail(&op, r, "%s", why);
		goto out;
	}
	if (why[0])
		ocf_log_warn("%s", why);
	op.cfg = calloc(1, agent->cfg_size ? agent->cfg_size : 1);
	if (!op.cfg) {
		r = ocf_fail(&op, OCF_ERR_GENERIC, "out of memory");
		goto out;
	}
	ocf_log_debug("%s: timeout %lldms, depth %d%s", name, (long long)op.timeout_ms,
		      op.check_level, op.probe ? ", probe" : "");
	r = run_action(agent, action, &op);
	ocf_log_debug("%s: %s after %lldms", name, ocf_exit_name(r),
		      (long long)(clock_now_ms() - op.started_ms));
	ocf_config_free(agent, op.cfg);
	free(op.cfg);
out:
	ocf_log_teardown();
	return r;
}
