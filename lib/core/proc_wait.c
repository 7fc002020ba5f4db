/* lib/core/proc_wait.c: polling /proc until a recorded process and its session are gone. */
#include "core/proc_wait.h"
#include "core/clock.h"
#include "core/proc_session.h"

#include <errno.h>
#include <sys/wait.h>

int proc_id_wait_gone(const struct proc_id *id, bool whole_session, int64_t deadline)
{
	for (;;) {
		int status, alive, left;

		/* reap it when it is our child, so it does not linger as a zombie; a child of ours
		 * that has not exited yet is alive, even while /proc no longer shows its exe (a
		 * process in the middle of exiting): it is not gone until we reaped it */
		if (waitpid(id->pid, &status, WNOHANG) == 0)
			alive = 1;
		else
			alive = proc_id_alive(id, NULL);
		if (alive <= 0 && whole_session)
			alive = proc_session_count(id, NULL) > 0;
		if (alive <= 0) {
			/* it may have turned into our zombie since the first waitpid */
			waitpid(id->pid, &status, WNOHANG);
			return 0;
		}
		left = clock_ms_left(deadline);
		if (left <= 0)
			return -ETIMEDOUT;
		clock_sleep_ms(left < 20 ? left : 20, deadline);
	}
}
