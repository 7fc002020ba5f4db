/* ocf/config.c: an agent's whole configuration, from OCF_RESKEY_* in the environment. */
#include "ocf/ocf.h"
#include "ocf/param.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

#define RESKEY "OCF_RESKEY_"

const struct ocf_param *ocf_param_find(const struct ocf_agent *agent, const char *name)
{
	for (const struct ocf_param *p = agent->params; p && p->name; p++)
		if (!strcmp(p->name, name))
			return p;
	return NULL;
}

/* Pacemaker adds its own keys (OCF_RESKEY_CRM_meta_*, OCF_RESKEY_crm_feature_set): not
 * parameters. */
static int check_unknown(const struct ocf_agent *agent, char *why, size_t whylen)
{
	for (char **e = environ; *e; e++) {
		char name[128];
		const char *eq;
		size_t n;

		if (strncmp(*e, RESKEY, strlen(RESKEY)))
			continue;
		eq = strchr(*e, '=');
		n = eq ? (size_t)(eq - *e) - strlen(RESKEY) : 0;
		if (n == 0 || n >= sizeof(name))
			continue;
		memcpy(name, *e + strlen(RESKEY), n);
		name[n] = '\0';
		if (!strncmp(name, "CRM_meta_", 9) || !strncmp(name, "crm_", 4) ||
		    ocf_param_find(agent, name))
			continue;
		snprintf(why, whylen, "unknown parameter '%s' (see: %s meta-data)", name,
			 agent->name);
		return OCF_ERR_CONFIGURED;
	}
	return OCF_SUCCESS;
}

/* One parameter from the environment, or its default. */
static int param_parse(const struct ocf_param *p, void *cfg, bool check_installed, char *why,
		       size_t whylen)
{
	char key[160];
	const char *value;

	snprintf(key, sizeof(key), RESKEY "%s", p->name);
	value = getenv(key);
	if (!value || !*value)
		value = p->def;
	if (!value) {
		if (!(p->flags & OCF_REQUIRED))
			return OCF_SUCCESS;
		snprintf(why, whylen, "required parameter %s is not set (%s)", p->name,
			 p->shortdesc);
		return OCF_ERR_CONFIGURED;
	}
	return ocf_param_parse_ex(p, value, cfg, check_installed, why, whylen);
}

int ocf_config_parse_ex(const struct ocf_agent *agent, void *cfg, bool check_installed,
			bool strict, char *why, size_t whylen)
{
	for (const struct ocf_param *p = agent->params; p && p->name; p++) {
		int r = param_parse(p, cfg, check_installed, why, whylen);

		if (r != OCF_SUCCESS)
			return r;
	}
	return strict ? check_unknown(agent, why, whylen) : OCF_SUCCESS;
}

int ocf_config_parse_lenient(const struct ocf_agent *agent, void *cfg, char *why, size_t whylen)
{
	int bad = 0;

	for (const struct ocf_param *p = agent->params; p && p->name; p++) {
		char one[256];
		void *field = (char *)cfg + p->offset;

		if (param_parse(p, cfg, false, one, sizeof(one)) == OCF_SUCCESS)
			continue;
		if (!bad++)
			snprintf(why, whylen, "%s", one);
		if (p->type == OCF_T_LIST)
			ocf_list_free(field);
		else if (p->type == OCF_T_STRING || p->type == OCF_T_PATH || p->type == OCF_T_IFNAME)
			*(const char **)field = NULL;
		/* what a value that does not parse would have meant is unknown: the default, or
		 * unset for an optional parameter without one; a required one names the resource */
		if (p->flags & OCF_REQUIRED)
			return OCF_ERR_CONFIGURED;
		if (p->def && ocf_param_parse_ex(p, p->def, cfg, false, one, sizeof(one)))
			return OCF_ERR_CONFIGURED;
	}
	return OCF_SUCCESS;
}

int ocf_config_parse(const struct ocf_agent *agent, void *cfg, char *why, size_t whylen)
{
	return ocf_config_parse_ex(agent, cfg, true, false, why, whylen);
}

void ocf_config_free(const struct ocf_agent *agent, void *cfg)
{
	for (const struct ocf_param *p = agent->params; p && p->name; p++)
		if (p->type == OCF_T_LIST)
			ocf_list_free((struct ocf_list *)((char *)cfg + p->offset));
}
