/* lib/cluster/roll_env_cib.h: the live cluster behind the rolling-restart driver (struct
 * roll_env over libcib and the controller IPC), for siphactl and the rollingrestart agent. */
#ifndef SIPHA_ROLL_ENV_CIB_H
#define SIPHA_ROLL_ENV_CIB_H

#include <signal.h>
#include <stdbool.h>

#include "cluster/cib_conn.h"
#include "cluster/cluster_view.h"
#include "cluster/roll_driver.h"

struct roll_env_cib {
	struct cib_conn *cib;
	struct cv_select sel;		/* which clone and floating IP */
	char dc[CV_NAME_MAX];		/* from the last snapshot */
	char self[CV_NAME_MAX];		/* this node's name (uname -n) */
	volatile sig_atomic_t *stop;	/* set by SIGINT/SIGTERM: reported as an abort request */
};

/* This node's name as the cluster knows it (uname's nodename; "?" when it cannot be read). */
void roll_env_cib_self(char *buf, size_t len);

/* Fills @ret with operations over @c (which stays the caller's). Progress lines go to stdout
 * with a time stamp; a caller that logs instead replaces ret->progress. */
void roll_env_cib_init(struct roll_env_cib *e, struct cib_conn *c, volatile sig_atomic_t *stop,
		       struct roll_env *ret);

#endif
