/* lib/core/stop_signal.h: SIGINT and SIGTERM turned into a flag that long waits look at, so that
 * a tool or a detached run leaves by its cleanup path instead of dying in the middle of a step. */
#ifndef SIPHA_STOP_SIGNAL_H
#define SIPHA_STOP_SIGNAL_H

#include <signal.h>

/* Installs handlers for SIGINT and SIGTERM (SA_RESTART off, so that a blocking call returns
 * early) that set the returned flag. Returns the flag, which stays 0 until such a signal. */
volatile sig_atomic_t *stop_signal_catch(void);

#endif
