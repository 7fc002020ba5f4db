/* lib/kam/health_kam.h: one health sample of a running Kamailio, read over its RPC socket:
 * shared and private memory, REGISTER counters since the previous sample, and the shm trend.
 *
 * Everything goes over the control socket and a few small files in the state dir: nothing is
 * executed, so it can run on every monitor.
 */
#ifndef SIPHA_HEALTH_KAM_H
#define SIPHA_HEALTH_KAM_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "kam/health.h"

struct health_kam_opts {
	const char *rpc_socket;		/* jsonrpcs dgram socket                       */
	const char *client_dir;		/* where our reply socket goes (runtime dir)    */
	const char *state_prefix;	/* "<state dir>/<instance>": files get suffixes */
	int64_t window_ms;		/* trend window                                 */
	size_t min_samples;		/* samples needed before predicting; and the
					 * fitted rise over them must reach 0.1 % of
					 * the pool, or it is noise                     */
	int64_t now_ms;			/* clock_now_ms() of this sample                */
	pid_t session;			/* our Kamailio's session (its main pid): an
					 * answer from another process is refused
					 * (-EXDEV); 0: not checked                     */
};

/* Which RPC call failed and how, for the caller's reason. */
struct health_kam_error {
	const char *method;		/* "core.shmmem", ...                          */
	int err;			/* -ETIMEDOUT, -ENOENT, -EREMOTEIO, -EBADMSG    */
	char detail[96];		/* the server's error message, if any          */
	pid_t peer_pid, peer_session;	/* -EXDEV: who answered instead                */
};

/* Reads core.shmmem, pkg.stats, the registrar counters and usrloc:location_contacts
 * (stats.get_statistics) and dmq.list_nodes before @deadline, updates the trend and counter
 * files, and fills @ret. Returns 0; -EXDEV when core.shmmem was answered by a process outside
 * @o->session (another Kamailio took the socket: its figures are not ours); or -errno with
 * @ret_err saying which call failed
 * (core.shmmem is required, the others are best effort: have_pkg, have_contacts, have_dmq
 * stay false, counters count nothing). */
int health_kam_sample(const struct health_kam_opts *o, int64_t deadline,
		      struct health_input *ret, struct health_kam_error *ret_err);

/* Forgets the trend, the counters and the sync gate (a new Kamailio process starts from
 * scratch). */
void health_kam_reset(const char *state_prefix);

/* Forgets the shared-memory trend only: the samples so far show a fill that is no leak. */
void health_kam_trend_restart(const char *state_prefix);

#endif
