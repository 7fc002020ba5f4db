/* lib/cluster/roll_xml.h: the CIB elements of a rolling restart, built and read with libxml2.
 *
 * Everything a run creates has an id starting with "sipha-roll-" and is removed when the run
 * ends, whatever the outcome:
 *   crm_config  <cluster_property_set id="sipha-roll-lock">   owner node, pid, start, lease
 *               end, abort request: created with cib create, whose -EEXIST makes it atomic
 *   constraints <rsc_location id="sipha-roll-ban-NODE">       keeps the clone off NODE
 *               <rsc_location id="sipha-roll-ip-NODE">        moves the floating IP to NODE
 *               both with a rule that expires at the lease end (date_expression lt, as
 *               crm_resource --ban --lifetime writes), so a dead driver's constraints lift by
 *               themselves; the live driver renews the end.
 * The record of the last run is kept apart, in <cluster_property_set id="sipha-last-run">
 * (nvpairs sipha-last-*), so that siphactl status shows it.
 */
#ifndef SIPHA_ROLL_XML_H
#define SIPHA_ROLL_XML_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include <libxml/tree.h>

#include "cluster/cluster_view.h"

#define ROLL_ID_PREFIX "sipha-roll-"
#define ROLL_LOCK_ID "sipha-roll-lock"
#define ROLL_LAST_ID "sipha-last-run"
/* Top-level elements of a run (not the last-run record), for cib_conn_remove_xpath. */
#define ROLL_XPATH_ALL "//*[starts-with(@id,'sipha-roll-') and " \
	"(self::rsc_location or self::cluster_property_set)]"

struct roll_lock {
	bool present;
	char owner[CV_NAME_MAX];	/* node the driver runs on */
	long pid;
	time_t start, lease_end;	/* wall clock, seconds */
	long lease_s;			/* the lease it renews by; 0: not said (older writer) */
	char abort[CV_REASON_MAX];	/* "" or who asked for the abort and when */
};

struct roll_last {
	bool present;
	time_t start, end;
	char outcome[16];		/* "success", "aborted", "failed" */
	char reason[CV_REASON_MAX];	/* why it stopped; "" on success */
	char ip_from[CV_NAME_MAX], ip_to[CV_NAME_MAX];
	char per_node[CV_REASON_MAX];	/* "node1=14.2s node2=13.9s" */
};

/* Builders: new elements the caller frees with xmlFreeNode; NULL on ENOMEM or an invalid
 * name. Node names become part of ids: characters not allowed in an XML id are replaced. */
xmlNode *roll_xml_lock(const struct roll_lock *l);
xmlNode *roll_xml_ban(const char *clone_id, const char *node, time_t lease_end);
xmlNode *roll_xml_ip_move(const char *ip_id, const char *node, time_t lease_end);
xmlNode *roll_xml_last(const struct roll_last *r);

/* Readers over a whole CIB (<cib>): 0 and @ret filled (present=false when absent). */
int roll_lock_from_cib(xmlNode *cib, struct roll_lock *ret);
int roll_last_from_cib(xmlNode *cib, struct roll_last *ret);

/* Ids of the run's constraints found in @cib (to tell what a dead driver left). Returns how
 * many were found (at most @max copied). */
int roll_leftovers(xmlNode *cib, char ids[][CV_NAME_MAX], int max);

/* Seconds by which @l's lease end lies beyond what its writer could have set by @now (its own
 * lease from now, plus ROLL_CLOCK_SLACK_S of clock difference between nodes); 0 when it could
 * have, or when the lock does not say its lease. */
#define ROLL_CLOCK_SLACK_S 60
long long roll_lock_ahead_s(const struct roll_lock *l, time_t now);

/* "2026-12-01 04:00:00Z": the form the date_expression end takes. */
void roll_xml_time(time_t t, char *buf, size_t len);

#endif
