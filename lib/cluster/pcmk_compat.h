/* lib/cluster/pcmk_compat.h: the Pacemaker names that differ between 2.1 (Debian 12) and 3.0
 * (Debian 13), behind one small set of inline functions. configure defines SIPHA_PCMK3 when
 * pacemaker-pe_status >= 3.0; nothing else in lib/cluster tests the release.
 *
 * 3.0 renamed the scheduler's working set (pe_working_set_t -> pcmk_scheduler_t) and made the
 * fields 2.1 exposes (input, flags, dc_node, node->details->..., rsc->id) deprecated in favour
 * of accessors; the CIB API, cluster_status() and the controller IPC are the same in both.
 */
#ifndef SIPHA_PCMK_COMPAT_H
#define SIPHA_PCMK_COMPAT_H

#include <errno.h>
#include <stdbool.h>

#include <crm/cib.h>
#include <crm/common/xml.h>
#include <crm/pengine/status.h>

#ifdef SIPHA_PCMK3
typedef pcmk_scheduler_t pc_sched_t;
typedef pcmk_node_t pc_node_t;
typedef pcmk_resource_t pc_rsc_t;
#else
typedef pe_working_set_t pc_sched_t;
typedef pe_node_t pc_node_t;
typedef pe_resource_t pc_rsc_t;
#endif

/* What libpe_status says of a node. */
struct pc_node_state {
	bool online, maintenance, shutdown, unclean;
};

/* Gives @cib (Pacemaker XML, see pc_xml_import) to @s, which frees it with itself. 0 or
 * -errno. */
static inline int pc_sched_set_cib(pc_sched_t *s, xmlNode *cib)
{
#ifdef SIPHA_PCMK3
	int rc = pcmk_set_scheduler_cib(s, cib);

	return rc == pcmk_rc_ok ? 0 : -EINVAL;
#else
	s->input = cib;
	return 0;
#endif
}

static inline bool pc_has_quorum(const pc_sched_t *s)
{
#ifdef SIPHA_PCMK3
	return pcmk_has_quorum(s);
#else
	return pcmk_is_set(s->flags, pe_flag_have_quorum);
#endif
}

/* The DC's node object, NULL when there is none. */
static inline const pc_node_t *pc_dc(const pc_sched_t *s)
{
#ifdef SIPHA_PCMK3
	return pcmk_get_dc(s);
#else
	return s->dc_node;
#endif
}

static inline pc_node_t *pc_find_node(const pc_sched_t *s, const char *uname)
{
#ifdef SIPHA_PCMK3
	return pcmk_find_node(s, uname);
#else
	return pe_find_node(s->nodes, uname);
#endif
}

static inline struct pc_node_state pc_node_state(const pc_node_t *n)
{
#ifdef SIPHA_PCMK3
	return (struct pc_node_state){
		.online = pcmk_node_is_online(n),
		.maintenance = pcmk_node_is_in_maintenance(n),
		.shutdown = pcmk_node_is_shutting_down(n),
		.unclean = !pcmk_node_is_clean(n),
	};
#else
	return (struct pc_node_state){
		.online = n->details->online,
		.maintenance = n->details->maintenance,
		.shutdown = n->details->shutdown,
		.unclean = n->details->unclean,
	};
#endif
}

static inline const char *pc_rsc_id(const pc_rsc_t *r)
{
#ifdef SIPHA_PCMK3
	return pcmk_resource_id(r);
#else
	return r->id;
#endif
}

/* Calls @fn for each resource active on @n (clone instances as "id:N") until it returns
 * false. */
static inline void pc_foreach_active(pc_node_t *n, bool (*fn)(pc_rsc_t *, void *), void *data)
{
#ifdef SIPHA_PCMK3
	pcmk_foreach_active_resource(n, fn, data);
#else
	for (GList *l = n->details->running_rsc; l != NULL; l = l->next)
		if (!fn(l->data, data))
			break;
#endif
}

/* Pacemaker's one-time XML set-up, which its own tools get from crm_log_init(): loads the
 * schemas (without them a CIB_file signon fails schema validation) and, in 2.1, registers the
 * node callbacks that give every new libxml2 node Pacemaker's private data. Idempotent. 3.0
 * keeps crm_xml_init() as a deprecated alias; crm_log_init() would also take over logging,
 * which a library must not do. */
static inline void pc_init(void)
{
	crm_xml_init();
}

/* A Pacemaker-owned deep copy of a plain libxml2 element (or NULL on ENOMEM). Pacemaker keeps
 * change-tracking data in every node's _private; elements built with xmlNewNode have none in
 * 3.0, so whatever we hand to libcib or libpe_status goes through here. copy_xml() fills it in
 * both releases (2.1 through the callbacks pc_init() registers, 3.0 explicitly). */
static inline xmlNode *pc_xml_import(xmlNode *plain)
{
	pc_init();
	return copy_xml(plain);
}

/* Frees what pc_xml_import or a libcib query returned. */
static inline void pc_xml_free(xmlNode *xml)
{
	free_xml(xml);
}

#endif
