/* lib/kam/kam_probe.h: the SIP probes of a Kamailio instance (monitor depth 10 and 20). Only
 * the node's own instance is probed: a target whose address is not local here (the floating
 * IP while another node holds it, bound through ip_nonlocal_bind) would ask that node
 * instead, so it is left out. */
#ifndef SIPHA_KAM_PROBE_H
#define SIPHA_KAM_PROBE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sip/sip.h"

#define KAM_PROBE_MAX 16

/* The sockets to probe, each with its text for reasons, and what was left out. */
struct kam_probe_set {
	struct sip_target t[KAM_PROBE_MAX];
	char text[KAM_PROBE_MAX][64];
	size_t n;
	char foreign[64];	/* the first target whose address is not this node's */
	size_t n_foreign;
	int err;		/* the local-address check failed: -errno */
	/* the first items left out, for the caller's log: not an address of this node
	 * (@foreign true), or not a socket the client can probe */
	struct {
		const char *item;
		bool foreign;
	} skipped[KAM_PROBE_MAX];
	size_t n_skipped;
};

/* Parses @text as sip_target_parse() does, probing a wildcard listen socket (0.0.0.0, [::],
 * *) on loopback, where the node's own instance answers. Returns sip_target_parse()'s
 * result. */
int kam_probe_target_parse(const char *text, struct sip_target *ret);

/* Fills @ret with the targets among @items (proto:addr:port; none: udp and tcp on
 * 127.0.0.1:5060) whose address is this node's, at most KAM_PROBE_MAX. Sockets the client
 * can't probe (sctp, ws, host names) are skipped. Stops at the first failed locality check
 * (@deadline bounds each), with its -errno in @ret->err. Cannot fail otherwise. */
void kam_probe_targets(char *const *items, size_t n, int64_t deadline,
		       struct kam_probe_set *ret);

/* How to probe. */
struct kam_probe_opts {
	bool reg;			/* depth 20: REGISTER and un-REGISTER after the OPTIONS */
	struct sip_register_req req;	/* user, domain, password; expires is set here */
	int64_t timeout_ms;		/* each request's answer */
	int64_t deadline;		/* the whole probe's */
};

enum kam_probe_step { KAM_PROBE_OPTIONS, KAM_PROBE_REGISTER, KAM_PROBE_UNREGISTER };

/* Where a probe stopped, and the answers to the OPTIONS sent until then. */
struct kam_probe_result {
	enum kam_probe_step step;
	size_t target;			/* index in the set */
	struct sip_reply rep;		/* the failed answer (return 1) */
	size_t n_options;		/* OPTIONS answered below 300, in @options */
	struct sip_reply options[KAM_PROBE_MAX];
};

/* Sends OPTIONS to every target of @s, then, with @o->reg, a REGISTER (expires 60) of the
 * probe contact and its un-REGISTER (expires 0) to the first. Stops at the first failure.
 * Returns 0 when every answer was below 300; 1 when one was not (@ret: its step, target and
 * reply); or sip_options()'s / sip_register()'s -errno (-ETIMEDOUT: no answer) with the step
 * and target in @ret. */
int kam_probe_run(const struct kam_probe_set *s, const struct kam_probe_opts *o,
		  struct kam_probe_result *ret);

#endif
