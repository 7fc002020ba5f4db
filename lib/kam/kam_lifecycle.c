/* lib/kam/kam_lifecycle.c: a started Kamailio until it serves; a running one until it ends. */
#include "kam/kam_lifecycle.h"

#include <errno.h>
#include <signal.h>

#include "core/clock.h"
#include "core/proc_id.h"
#include "core/proc_session.h"
#include "core/proc_signal.h"
#include "core/proc_spawn.h"
#include "core/proc_wait.h"
#include "kam/kamrpc.h"

int kam_await_rpc(pid_t pid, const char *rpc, const char *client_dir, int64_t deadline,
		  int *ret_status)
{
	for (;;) {
		struct kamrpc k;
		const char *reply;
		int64_t try_end = clock_now_ms() + 500;

		if (proc_child_wait(pid, 0, ret_status) == 0)
			return 0;
		if (kamrpc_open(&k, rpc, client_dir) == 0) {
			int r = kamrpc_call(&k, "core.shmmem", NULL, 0,
					    try_end < deadline ? try_end : deadline, &reply);

			kamrpc_close(&k);
			if (r > 0)
				return 1;
		}
		if (clock_ms_left(deadline) == 0)
			return -ETIMEDOUT;
		clock_sleep_ms(50, deadline);
	}
}

int kam_end(const struct kam_status *s, int64_t term_deadline, int64_t deadline,
	    bool *ret_killed)
{
	if (ret_killed)
		*ret_killed = false;
	if (s->state == KAM_RUNNING || s->state == KAM_STOPPED) {
		/* a stopped process acts on SIGTERM only once continued */
		if (s->state == KAM_STOPPED)
			proc_session_signal(&s->id, SIGCONT);
		proc_id_signal(&s->id, SIGTERM);
	} else {
		proc_session_signal(&s->id, SIGTERM);
	}
	if (proc_id_wait_gone(&s->id, true, term_deadline) == 0)
		return 0;
	if (ret_killed)
		*ret_killed = true;
	proc_session_signal(&s->id, SIGKILL);
	return proc_id_wait_gone(&s->id, true, deadline);
}
