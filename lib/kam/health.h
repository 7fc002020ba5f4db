/* lib/kam/health.h: Kamailio's memory and error health, from its own counters: a level
 * (green/yellow/red) and one sentence saying why.
 *
 * The pools are fixed-size: the OS sees no change while they fill. What shows a leak is the
 * pool's use, its trend (time left until full) and REGISTER requests starting to fail.
 */
#ifndef SIPHA_HEALTH_H
#define SIPHA_HEALTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kam/kamrpc_parse.h"

enum health_level { HEALTH_GREEN, HEALTH_YELLOW, HEALTH_RED };

struct health_limits {
	int shm_warn_pct, shm_crit_pct;		/* shared memory use, % of the pool     */
	int pkg_warn_pct, pkg_crit_pct;		/* private memory, % of the fullest one  */
	int64_t exhaust_warn_s, exhaust_crit_s;	/* predicted seconds to full; 0 = off    */
	int reg_warn_pct, reg_crit_pct;		/* failed REGISTERs, % since last check  */
	unsigned reg_min;			/* failures needed before the ratio counts */
};

struct health_input {
	struct kamrpc_shm shm;
	bool have_pkg;
	struct kamrpc_pkg pkg;
	bool have_exhaust;			/* a growing trend was found       */
	double exhaust_s;			/* seconds until shm is full       */
	double slope;				/* bytes per second                */
	uint64_t reg_ok, reg_fail;		/* REGISTERs since the last check */
	bool have_contacts;			/* usrloc:location_contacts read   */
	uint64_t contacts;			/* registered contacts, this table */
	bool have_dmq;				/* dmq.list_nodes answered         */
	struct kamrpc_dmq dmq;			/* the replication bus             */
};

struct health_report {
	enum health_level level;
	double shm_pct, pkg_pct, reg_fail_pct;
	char why[256];				/* "shm 93% used (7.4/8.0 MiB), full in ~6 min" */
};

/* Evaluates @in against @lim. The sentence lists what is wrong, worst first, or the figures
 * when all is well. Never fails. */
void health_eval(const struct health_input *in, const struct health_limits *lim,
		 struct health_report *ret);

/* "green", "yellow", "red". */
const char *health_level_name(enum health_level l);

/* Formats a duration for people: "45 s", "12 min", "3.5 h", "2.0 d". */
void health_duration(double s, char *buf, size_t len);

#endif
