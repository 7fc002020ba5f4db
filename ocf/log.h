/* ocf/log.h: setting up and closing the log, for ocf_main and tests. */
#ifndef SIPHA_OCF_LOG_H
#define SIPHA_OCF_LOG_H

#include <stdbool.h>

/* Starts libqb logging for @agent: syslog (HA_LOGFACILITY, off when unset or "none"),
 * stderr when @to_stderr; debug level with HA_debug=1. Lines carry @instance. */
void ocf_log_setup(const char *agent, const char *instance, bool to_stderr);
void ocf_log_teardown(void);

#endif
