/* lib/kam/kam_lifecycle.h: waiting for a started Kamailio to serve, and ending one. */
#ifndef SIPHA_KAM_LIFECYCLE_H
#define SIPHA_KAM_LIFECYCLE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "kam/kam_instance.h"

/* Waits until Kamailio answers RPC (core.shmmem on @rpc, our reply socket in @client_dir), or
 * its main process @pid — our child — exits, until @deadline; each RPC try is bounded by
 * 500 ms. Returns 1 when it answered, 0 when it exited (wait status in @ret_status), or
 * -ETIMEDOUT. Kills nothing: what to do with a silent one is the caller's. */
int kam_await_rpc(pid_t pid, const char *rpc, const char *client_dir, int64_t deadline,
		  int *ret_status);

/* Ends what runs of the instance in @s (RUNNING, STOPPED or ORPHANS): SIGTERM to the main
 * process (SIGCONT first when stopped), or to what is left of its session when the main
 * process is gone; waits until @term_deadline; then SIGKILL to the session and waits until
 * @deadline. Only processes that match our record are signalled. Returns 0, with
 * @ret_killed (may be NULL) telling whether SIGKILL was needed, or -ETIMEDOUT when something
 * survived SIGKILL. */
int kam_end(const struct kam_status *s, int64_t term_deadline, int64_t deadline,
	    bool *ret_killed);

#endif
