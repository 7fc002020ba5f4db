/* lib/kam/sync_gate.h: is a (re)started Kamailio ready to serve the phones, i.e. has its
 * replicated location table caught up with its peers'? A pure decision over counts; the
 * agent gathers them (its own over RPC, the peers' from their node attributes).
 */
#ifndef SIPHA_SYNC_GATE_H
#define SIPHA_SYNC_GATE_H

#include <stdbool.h>
#include <stdint.h>

enum sync_state {
	SYNC_OFF,	/* the configuration does not replicate (no dmq): nothing to wait for */
	SYNC_ALONE,	/* no peer publishes a table: a cold start or a single node, ready    */
	SYNC_SYNCING,	/* behind the peers, within sync_timeout: not ready (yellow)          */
	SYNC_DONE,	/* caught up within the tolerance: ready                              */
	SYNC_TIMEOUT,	/* still behind after sync_timeout: served anyway, the reason says so */
};

struct sync_gate_in {
	bool replicates;		/* dmq answers on this instance                     */
	uint64_t own;			/* contacts in this instance's table                */
	unsigned peers;			/* peers that publish a table and are not syncing   */
	uint64_t peer_max;		/* the largest of their tables                      */
	int64_t since_start_ms;		/* since this Kamailio was started                  */
	int64_t timeout_ms;		/* sync_timeout                                     */
	int tolerance_pct;		/* own >= peer_max * (100 - tolerance) / 100 is caught up */
};

struct sync_gate_out {
	enum sync_state state;
	char why[128];			/* "syncing registrations: 120 of 1000 (3 s)"       */
};

void sync_gate_eval(const struct sync_gate_in *in, struct sync_gate_out *ret);

/* "off", "alone", "syncing", "synced", "timed-out": the node attribute sipha-sync. */
const char *sync_state_name(enum sync_state s);

/* Is @s a state in which the instance serves (all but SYNC_SYNCING)? */
bool sync_state_ready(enum sync_state s);

#endif
