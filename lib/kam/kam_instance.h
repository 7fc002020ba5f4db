/* lib/kam/kam_instance.h: one Kamailio instance as this agent keeps it: where its files are
 * (our record of its process, its pidfile, start log and RPC socket) and what of it runs,
 * from our record and /proc only. */
#ifndef SIPHA_KAM_INSTANCE_H
#define SIPHA_KAM_INSTANCE_H

#include <limits.h>
#include <stdbool.h>

#include "core/proc_id.h"

struct kam_paths {
	char prefix[PATH_MAX - 64];	/* <state dir>/<instance> */
	char id[PATH_MAX];		/* our record of the process */
	char startlog[PATH_MAX];	/* Kamailio's stdout/stderr of the last start */
	/* Kamailio writes its -P pidfile as root: in our root-only state dir, never in
	 * runtime_dir, where its user could put a symlink to any file in the way */
	char pidfile[PATH_MAX];
	char other_pidfile[PATH_MAX];	/* runtime_dir/kamailio.pid: another Kamailio's */
	char rpc[PATH_MAX];
};

/* Fills the paths of @p from @p->prefix (set by the caller), @runtime_dir and @rpc_socket
 * (NULL or "": runtime_dir/kamailio_rpc.sock). Cannot fail (a path too long is cut). */
void kam_paths_fill(struct kam_paths *p, const char *runtime_dir, const char *rpc_socket);

enum kam_state { KAM_RUNNING, KAM_STOPPED, KAM_GONE, KAM_ORPHANS, KAM_STRANGER };

struct kam_status {
	enum kam_state state;
	struct proc_id id;
	int left;			/* processes of the session left (ORPHANS) */
	int stopped;			/* processes stopped (state T)             */
	/* our record was unreadable (damaged by hand or by the disk): rebuilt from the running
	 * Kamailio started with our pidfile (-P), or, when none runs, the state is GONE */
	bool record_rebuilt, record_lost;
};

/* What runs for the instance of @p: GONE without a record or when nothing of it is left
 * (a record that does not parse: see record_rebuilt/record_lost);
 * STRANGER when our record's pid now belongs to another live process; ORPHANS when the main
 * process is gone and some of its session is left; STOPPED when it lives with processes in
 * state T; else RUNNING. Returns 0, or -errno from reading the record or /proc. */
int kam_status(const struct kam_paths *p, struct kam_status *ret);

/* Forgets the instance: our record, its health state, and Kamailio's pidfile when it names
 * @id (NULL: kept). Cannot fail. */
void kam_forget(const struct kam_paths *p, const struct proc_id *id);

#endif
