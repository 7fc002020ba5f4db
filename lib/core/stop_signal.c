/* lib/core/stop_signal.c: SIGINT/SIGTERM as a flag (stop_signal.h). */
#include <signal.h>
#include <stddef.h>

#include "core/stop_signal.h"

static volatile sig_atomic_t stop_requested;

static void on_stop_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

volatile sig_atomic_t *stop_signal_catch(void)
{
	struct sigaction sa = { .sa_handler = on_stop_signal };

	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	return &stop_requested;
}
