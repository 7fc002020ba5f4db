/* lib/cluster/dc_ping.h: asks the DC's controller for its state through Pacemaker's
 * controller IPC (pcmk_new_ipc_api(pcmk_ipc_controld) + pcmk_controld_api_ping), bounded.
 * The DC answering S_IDLE means no transition is running: the cluster has settled.
 */
#ifndef SIPHA_DC_PING_H
#define SIPHA_DC_PING_H

#include <stddef.h>
#include <stdint.h>

/* Pings the controller on @dc_node (NULL: the local one) and copies its FSA state (e.g.
 * "S_IDLE", "S_TRANSITION_ENGINE") to @ret_state. Waits until @deadline_ms (CLOCK_MONOTONIC
 * ms, lib/core/clock.h). -ETIMEDOUT, -ENOTCONN (no controller), -EPROTO (no state in reply). */
int dc_ping_state(const char *dc_node, int64_t deadline_ms, char *ret_state, size_t len);

#endif
