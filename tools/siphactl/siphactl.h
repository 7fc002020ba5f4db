/* tools/siphactl/siphactl.h: what siphactl's commands share: the parsed command line, the exit
 * statuses, the one place errors become a line on stderr. */
#ifndef SIPHA_SIPHACTL_H
#define SIPHA_SIPHACTL_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "cluster/cib_conn.h"
#include "cluster/cluster_view.h"
#include "cluster/roll_driver.h"
#include "cluster/roll_env_cib.h"

/* Exit statuses (the man page lists them from ctl_exits in siphactl.c). */
enum ctl_exit {
	CTL_OK = 0,		/* done; check: no error found */
	CTL_FAILED = 1,		/* rolling restart aborted or failed; check: errors found */
	CTL_USAGE = 2,		/* bad command line, or no cluster reachable */
	CTL_REFUSED = 3,	/* not allowed, or the cluster is not fit for it: nothing changed */
};

struct ctl {
	const char *cmd;
	bool json, dry_run;
	struct cv_select sel;
	int64_t lease_ms, min_healthy_ms, step_timeout_ms;	/* -1: the driver's default */
};

/* Prints "siphactl: MESSAGE" on stderr and returns @code. */
int ctl_fail(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Connects to the CIB, turning its errors into an exit status and a line (-1 on success). */
int ctl_connect(struct cib_conn **ret);

/* Connects, queries the whole CIB and disconnects (status and check need one snapshot); an
 * exit status and a line on failure, -1 on success. */
int ctl_read_cib(xmlDoc **ret);

/* This node's name as the cluster knows it (uname -n). */
void ctl_node_name(char *buf, size_t len);

int cmd_status(const struct ctl *o);
int cmd_check(const struct ctl *o);
int cmd_roll(const struct ctl *o);
int cmd_abort(const struct ctl *o);

#endif
