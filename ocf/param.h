/* ocf/param.h: parsing of single values by type; inside ocf/ and for its tests. */
#ifndef SIPHA_OCF_PARAM_H
#define SIPHA_OCF_PARAM_H

#include "ocf/ocf.h"

/* Each returns 0 or -EINVAL (-ERANGE, -EAFNOSUPPORT, -ENOMEM) and fills *ret only on success. */
int ocf_parse_bool(const char *s, bool *ret);
/* "250ms", "2s", "1min", "1h"; a bare number counts @unit ms (0: seconds). */
int ocf_parse_duration(const char *s, int64_t unit, int64_t *ret_ms);
/* "192.0.2.1", "2001:db8::1/64"; @flags: OCF_ADDR_V4, OCF_ADDR_V6, OCF_NO_PREFIX. */
int ocf_parse_addr(const char *s, unsigned flags, struct ocf_addr *ret);
int ocf_check_ifname(const char *s);
int ocf_parse_list(const char *s, struct ocf_list *ret);
void ocf_list_free(struct ocf_list *l);

/* What a value of @p must look like, in words ("an integer from 1 to 32"). */
void ocf_param_expect(const struct ocf_param *p, char *buf, size_t len);

/* ocf_param_parse(), with the installed-file checks (OCF_EXECUTABLE, OCF_EXISTS) optional:
 * stop and monitor must work even where a binary went missing. */
int ocf_param_parse_ex(const struct ocf_param *p, const char *value, void *cfg,
		       bool check_installed, char *why, size_t whylen);

/* The parameter called @name in @agent's table, or NULL. */
const struct ocf_param *ocf_param_find(const struct ocf_agent *agent, const char *name);

/* Parses the environment; @check_installed as above; @strict rejects unknown OCF_RESKEY_*. */
int ocf_config_parse_ex(const struct ocf_agent *agent, void *cfg, bool check_installed,
			bool strict, char *why, size_t whylen);

/* For stop: parses every parameter it can and gives one that does not parse its default, so
 * that what an earlier configuration started can still be stopped. Returns OCF_SUCCESS (with
 * the first error in @why when a default stood in, else @why empty), or OCF_ERR_CONFIGURED
 * when a parameter without a default does not parse (@cfg is then not usable). */
int ocf_config_parse_lenient(const struct ocf_agent *agent, void *cfg, char *why, size_t whylen);

#endif
