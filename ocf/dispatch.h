/* ocf/dispatch.h: actions every agent has without writing them. */
#ifndef SIPHA_OCF_DISPATCH_H
#define SIPHA_OCF_DISPATCH_H

#include "ocf/ocf.h"

/* meta-data and validate-all: advertised for every agent, run by ocf_main itself. */
extern const struct ocf_action ocf_builtin_actions[];

/* The action called @name in the agent's table or among the built-ins, or NULL. */
const struct ocf_action *ocf_action_find(const struct ocf_agent *agent, const char *name);

/* Fills @op from the environment for @action: instance, check level, probe, interval, timeout
 * (CRM_meta_timeout, else the action's advertised timeout) and deadline. Returns OCF_SUCCESS
 * or OCF_ERR_ARGS with @why filled when a value is malformed. */
int ocf_op_from_env(const struct ocf_agent *agent, const struct ocf_action *action,
		    struct ocf_op *op, char *why, size_t whylen);

#endif
