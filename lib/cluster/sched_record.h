/* lib/cluster/sched_record.h: the record of a scheduled rolling restart in the CIB, built and read
 * with libxml2. It lives in crm_config, in
 *   <cluster_property_set id="sipha-schedule-RSC">   (RSC: the rollingrestart primitive's id)
 * with nvpairs sipha-sched-*, so that it survives the primitive moving to another node or the
 * whole cluster restarting, and `crm configure show` / `pcs property` show it. Its id does not
 * start with "sipha-roll-": a rolling restart's cleanup never touches it.
 *
 * Times are written as "2026-12-01 04:00:00Z" (roll_xml_time) and read back from that form.
 *
 * In detail (sched_record.c): nvpair ids are "sipha-schedule-RSC-FIELD", names
 * "sipha-sched-FIELD" (rsc, schedule, since, slot-done, next-slot, running, run-node, run-pid,
 * run-start, run-end, run-slot, trigger, outcome), RSC with what an XML id may not hold
 * replaced by '_'. A time 0 (none) and a pid 0 are written as an empty value. Read back, a
 * time not exactly in roll_xml_time's form (or before 1970), a pid that is not a positive
 * number and a running other than "true" are unset (0, false); a string longer than its field
 * is cut. A set "sipha-schedule-" with nothing after the prefix is not a record.
 */
#ifndef SIPHA_SCHED_RECORD_H
#define SIPHA_SCHED_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <libxml/tree.h>

#include "cluster/cluster_view.h"

#define SCHED_ID_PREFIX "sipha-schedule-"
#define SCHED_RECORDS_MAX 8

struct sched_record {
	bool present;
	char rsc[CV_NAME_MAX];		/* the primitive the record belongs to */
	char schedule[128];		/* the schedule parameter it was written under */
	time_t since;			/* set up (first start): slots before are not run */
	time_t slot_done;		/* latest slot run or skipped; 0 = none */
	time_t next_slot;		/* for people: the next slot as of the last monitor */
	bool running;			/* a run started by the schedule has not reported back */
	char run_node[CV_NAME_MAX];	/* where that run's process lives */
	long run_pid;
	time_t run_start, run_end;	/* latest run started by the schedule; end 0 while running */
	time_t run_slot;		/* the slot that run is for; 0 = brought forward */
	char trigger[CV_REASON_MAX];	/* why it started ("slot ...", "brought forward: ...") */
	char outcome[CV_REASON_MAX];	/* "success", "aborted: REASON", "failed: REASON",
					 * "refused: REASON", "skipped: REASON", "" before any */
};

/* The whole record as a new <cluster_property_set> (the caller frees it with xmlFreeNode), for
 * cib create (first time) or modify (replaces the nvpairs by id). NULL on ENOMEM or an rsc
 * that cannot form an id. */
xmlNode *sched_xml_record(const struct sched_record *r);

/* The record of @rsc in a whole CIB (<cib>): 0 and @ret filled (present=false when absent,
 * also for a NULL @cib); -EINVAL for an empty or too long @rsc. */
int sched_record_from_cib(xmlNode *cib, const char *rsc, struct sched_record *ret);

/* Every record in @cib (for siphactl status), at most @max, in document order. Returns how
 * many were copied into @ret (0 for a NULL @cib). */
int sched_records_from_cib(xmlNode *cib, struct sched_record *ret, int max);

/* The smallest sipha-shm-exhaust-s in @v among nodes where an instance runs (unset and "none"
 * are no prediction): 0 with the seconds in @ret_s and the node in @node, or -ENOENT when no
 * node predicts anything. */
int sched_exhaust_from_view(const struct cluster_view *v, int64_t *ret_s, char *node,
			    size_t len);

#endif
