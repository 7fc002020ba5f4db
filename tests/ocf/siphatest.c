/* tests/ocf/siphatest.c: a tiny agent on ocf/ that exercises every parameter type, for tests
 * only (never installed). Its "service" is a state file in the state directory. */
#include "tests/ocf/siphatest.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char *const modes[] = { "fast", "safe", NULL };

static int check_label(const struct ocf_param *p, const void *value, char *why, size_t len)
{
	const char *label = *(const char *const *)value;

	if (strlen(label) > 8) {
		snprintf(why, len, "at most 8 characters");
		return OCF_ERR_CONFIGURED;
	}
	return OCF_SUCCESS;
}

#define F(field) OCF_FIELD(struct siphatest_cfg, field)
static const struct ocf_param params[] = {
	{ "ip", OCF_T_ADDR, OCF_REQUIRED | OCF_UNIQUE, NULL, "Test address",
	  "An address, to test OCF_T_ADDR.", F(ip) },
	{ "count", OCF_T_INT, OCF_RELOADABLE, "3", "A count", NULL, F(count), .min = 1, .max = 10 },
	{ "verbose", OCF_T_BOOL, 0, "false", "A boolean", NULL, F(verbose) },
	{ "interval", OCF_T_DURATION, 0, "200ms", "A duration", NULL, F(interval_ms),
	  .min = 10, .max = 60000, .unit = 1 },
	{ "mode", OCF_T_ENUM, 0, "safe", "An enum", NULL, F(mode), .choices = modes },
	{ "nic", OCF_T_IFNAME, 0, NULL, "An interface name", NULL, F(nic) },
	{ "binary", OCF_T_PATH, OCF_EXECUTABLE, "/bin/true", "An executable", NULL, F(binary) },
	{ "names", OCF_T_LIST, 0, NULL, "A list", NULL, F(names) },
	{ "label", OCF_T_STRING, 0, "test", "A checked string", NULL, F(label),
	  .check = check_label },
	{ "secret", OCF_T_STRING, OCF_SECRET, NULL, "A secret", NULL, F(secret) },
	OCF_PARAM_END,
};

static int state_path(struct ocf_op *op, char *buf, size_t len)
{
	char dir[256];
	int r = ocf_state_dir(dir, sizeof(dir));

	if (r < 0)
		return r;
	snprintf(buf, len, "%s/siphatest-%s.state", dir, op->instance);
	return 0;
}

static int siphatest_monitor(struct ocf_op *op)
{
	char path[512];

	if (state_path(op, path, sizeof(path)) < 0)
		return ocf_fail(op, OCF_ERR_GENERIC, "no state directory");
	return access(path, F_OK) == 0 ? OCF_SUCCESS : OCF_NOT_RUNNING;
}

static int siphatest_start(struct ocf_op *op)
{
	char path[512];
	int fd;

	if (state_path(op, path, sizeof(path)) < 0)
		return ocf_fail(op, OCF_ERR_GENERIC, "no state directory");
	fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return ocf_fail(op, OCF_ERR_GENERIC, "%s: %s", path, strerror(errno));
	close(fd);
	return OCF_SUCCESS;
}

static int siphatest_stop(struct ocf_op *op)
{
	char path[512];

	if (state_path(op, path, sizeof(path)) < 0)
		return ocf_fail(op, OCF_ERR_GENERIC, "no state directory");
	if (unlink(path) < 0 && errno != ENOENT)
		return ocf_fail(op, OCF_ERR_GENERIC, "%s: %s", path, strerror(errno));
	return OCF_SUCCESS;
}

static int siphatest_validate(struct ocf_op *op)
{
	struct siphatest_cfg *cfg = op->cfg;

	if (cfg->mode == 0 && cfg->count > 5)
		return ocf_fail(op, OCF_ERR_CONFIGURED, "mode=fast allows count up to 5, not %lld",
				cfg->count);
	return OCF_SUCCESS;
}

static const struct ocf_action actions[] = {
	{ "start", siphatest_start, 20, 0, -1 },
	{ "stop", siphatest_stop, 20, 0, -1 },
	{ "monitor", siphatest_monitor, 20, 10, 0 },
	{ "monitor", siphatest_monitor, 30, 60, 10 },
	OCF_ACTION_END,
};

static const struct ocf_policy policy[] = {
	{ "the state file is missing", OCF_NOT_RUNNING, "Pacemaker starts the resource" },
	OCF_POLICY_END,
};

const struct ocf_agent siphatest_agent = {
	.name = "siphatest",
	.version = PACKAGE_VERSION,
	.shortdesc = "Test agent of the sipha OCF layer",
	.longdesc = "Exercises every parameter type of ocf/. Not installed.",
	.params = params,
	.actions = actions,
	.policy = policy,
	.cfg_size = sizeof(struct siphatest_cfg),
	.validate = siphatest_validate,
};

#ifndef SIPHATEST_NO_MAIN
int main(int argc, char **argv)
{
	return ocf_main(&siphatest_agent, argc, argv);
}
#endif
