/* ocf/attr.c: transient node attributes through attrd_updater, written only on change.
 *
 * Pacemaker 2.1.5 has no public attrd C API, so this is the one place an agent execs a helper.
 * The last value written is remembered in the state dir with the identity (pid and start
 * time) of the pacemaker-attrd that took it. A value is written again when it changed, when
 * that attrd is gone (a restart of Pacemaker on this node empties attrd's memory: a memo
 * alone would keep the attribute missing), or when the memo is older than ATTR_REFRESH_S.
 */
#include "ocf/ocf.h"
#include "core/clock.h"
#include "core/proc_spawn.h"
#include "core/procscan.h"
#include "core/statefile.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define ATTR_REFRESH_S 600
#define ATTR_WAIT_MAX_MS 5000

/* attrd's command name; tests name a stand-in of their own (SIPHA_ATTRD_COMM) */
static const char *attrd_comm(void)
{
	const char *c = getenv("SIPHA_ATTRD_COMM");

	return c && *c ? c : "pacemaker-attrd";
}

extern char **environ;

static int memo_path(struct ocf_op *op, const char *name, char *buf, size_t len)
{
	char prefix[PATH_MAX - 64];
	int r = ocf_state_prefix(op, prefix, sizeof(prefix));

	if (r < 0)
		return r;
	if (strchr(name, '/'))
		return -EINVAL;
	r = snprintf(buf, len, "%s.attr.%s", prefix, name);
	return r < 0 || (size_t)r >= len ? -ENAMETOOLONG : 0;
}

/* The memo: the value, then "attrd PID START" of the attrd that took it ("attrd 0 0" where
 * none could be found, e.g. a stand-in attrd_updater in tests). */
static int memo_format(const char *value, const struct proc_who *attrd, char *buf, size_t len)
{
	int n = snprintf(buf, len, "%s\nattrd %d %llu\n", value, (int)attrd->pid, attrd->start);

	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : n;
}

/* Is the attrd recorded in a memo still the one running? (One read of /proc/PID/stat; a
 * memo without one, or a /proc that cannot tell, leaves it to the memo's age.) */
static bool attrd_unchanged(const struct proc_who *attrd)
{
	return !attrd->pid || procscan_is(attrd, attrd_comm()) != 0;
}

/* 1 when @value is what we last wrote, recently enough, to the attrd that runs now. */
static int memo_matches(const char *path, const char *value)
{
	char old[320], *nl;
	struct proc_who attrd = { 0 };
	time_t mtime;
	int pid;

	if (statefile_read(path, old, sizeof(old), &mtime) < 0 ||
	    time(NULL) - mtime > ATTR_REFRESH_S)
		return 0;
	nl = strchr(old, '\n');
	if (!nl || sscanf(nl + 1, "attrd %d %llu", &pid, &attrd.start) != 2)
		return 0;
	*nl = '\0';
	attrd.pid = pid;
	return strcmp(old, value) == 0 && attrd_unchanged(&attrd);
}

/* Runs attrd_updater with @args (after argv[0]) and waits for it within @deadline; kills it
 * if it overruns. Found in PATH, with our environment; stdout to /dev/null, stderr left ours
 * (its complaints reach the agent's log). */
static int run_attrd_updater(char *const args[4], int64_t deadline)
{
	const char *prog = getenv("SIPHA_ATTRD_UPDATER");
	char *argv[] = { (char *)"attrd_updater", args[0], args[1], args[2], args[3], NULL };
	struct proc_spawn_opts o = { .stdout_fd = -1, .keep_stderr = true, .search_path = true,
				     .envp = (const char *const *)environ };
	pid_t pid;
	int status, r;

	r = proc_spawn(prog && *prog ? prog : "attrd_updater", argv, &o, &pid);
	if (r < 0)
		return r;
	r = proc_child_wait_kill(pid, deadline, false, &status);
	if (r < 0)
		return r;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		return -ENOENT;	/* exec failed in the child, or a wrapper found no attrd_updater */
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -EIO;
}

static int64_t attr_deadline(const struct ocf_op *op)
{
	int64_t deadline = clock_now_ms() + ATTR_WAIT_MAX_MS;

	return deadline > op->deadline_ms ? op->deadline_ms : deadline;
}

/* Runs attrd_updater for @op (@what: its arguments, for the warning) unless it already failed
 * in this operation: attrd down or stuck would cost each attribute the same wait, and a stuck
 * one the whole budget. Warns once, for the first failure. */
static int attrd_updater_once(struct ocf_op *op, char *const args[4], const char *what)
{
	int r;

	if (op->attrd_err)
		return op->attrd_err;
	r = run_attrd_updater(args, attr_deadline(op));
	if (r < 0) {
		op->attrd_err = r;
		ocf_log_warn("attrd_updater %s: %s%s", what, strerror(-r),
			     r == -ETIMEDOUT ? " (attrd stuck? no other attribute is tried in this "
					       "operation)" : "");
	}
	return r;
}

int ocf_attr_set(struct ocf_op *op, const char *name, const char *value)
{
	char path[PATH_MAX], memo[320], what[400];
	struct proc_who attrd = { 0 };
	char *args[4] = { (char *)"-n", (char *)name, (char *)"-U", (char *)value };
	int r = memo_path(op, name, path, sizeof(path));

	if (r < 0)
		return r;
	if (memo_matches(path, value))
		return 0;
	snprintf(what, sizeof(what), "-n %s -U %s", name, value);
	r = attrd_updater_once(op, args, what);
	if (r < 0)
		return r;
	ocf_log_info("node attribute %s=%s", name, value);
	/* the attrd that took the value; none found: the memo only ages */
	procscan_find_comm(attrd_comm(), &attrd);
	r = memo_format(value, &attrd, memo, sizeof(memo));
	if (r > 0)
		r = statefile_write(path, memo, (size_t)r);
	return r < 0 ? r : 1;
}

int ocf_attr_delete(struct ocf_op *op, const char *name)
{
	char path[PATH_MAX], what[300];
	char *args[4] = { (char *)"-D", (char *)"-n", (char *)name, NULL };
	int r = memo_path(op, name, path, sizeof(path));

	if (r < 0)
		return r;
	/* forget first: whatever attrd_updater does, the next set writes again */
	if (unlink(path) < 0 && errno != ENOENT)
		return -errno;
	snprintf(what, sizeof(what), "-D -n %s", name);
	r = attrd_updater_once(op, args, what);
	if (r < 0)
		return r;
	ocf_log_info("node attribute %s deleted", name);
	return 0;
}

int ocf_attr_last(struct ocf_op *op, const char *name, char *buf, size_t len)
{
	char path[PATH_MAX], memo[320], *nl;
	int r = memo_path(op, name, path, sizeof(path));

	if (r < 0)
		return r;
	r = statefile_read(path, memo, sizeof(memo), NULL);
	if (r < 0)
		return r;
	nl = strchr(memo, '\n');
	if (nl)
		*nl = '\0';
	if (strlen(memo) >= len)
		return -ENAMETOOLONG;
	memcpy(buf, memo, strlen(memo) + 1);
	return 0;
}
