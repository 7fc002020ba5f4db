/* ocf/param.c: one parameter value, parsed by its type into the agent's config. */
#include "ocf/ocf.h"
#include "ocf/param.h"
#include "core/duration.h"
#include "core/path_trust.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define FIELD(cfg, p, type) ((type *)((char *)(cfg) + (p)->offset))

static bool has_range(const struct ocf_param *p)
{
	return p->min != 0 || p->max != 0;
}

/* A strict base-10 integer: sign allowed, nothing after it. */
static int parse_ll(const char *s, long long *ret)
{
	char *end;
	long long v;

	if (!*s || isspace((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end)
		return -EINVAL;
	*ret = v;
	return 0;
}

int ocf_parse_bool(const char *s, bool *ret)
{
	static const char *const yes[] = { "1", "true", "yes", "on", "y", NULL };
	static const char *const no[] = { "0", "false", "no", "off", "n", NULL };

	for (int i = 0; yes[i]; i++)
		if (!strcasecmp(s, yes[i]))
			return *ret = true, 0;
	for (int i = 0; no[i]; i++)
		if (!strcasecmp(s, no[i]))
			return *ret = false, 0;
	return -EINVAL;
}

int ocf_parse_duration(const char *s, int64_t unit, int64_t *ret_ms)
{
	return duration_parse(s, unit, ret_ms);
}

int ocf_parse_addr(const char *s, unsigned flags, struct ocf_addr *ret)
{
	char host[64];
	const char *slash = strchr(s, '/');
	size_t hlen = slash ? (size_t)(slash - s) : strlen(s);
	struct ocf_addr a = { .prefix = -1 };
	int maxprefix;

	if (hlen == 0 || hlen >= sizeof(host))
		return -EINVAL;
	memcpy(host, s, hlen);
	host[hlen] = '\0';
	if (inet_pton(AF_INET, host, &a.a.v4) == 1)
		a.family = AF_INET, maxprefix = 32;
	else if (inet_pton(AF_INET6, host, &a.a.v6) == 1)
		a.family = AF_INET6, maxprefix = 128;
	else
		return -EINVAL;
	if ((flags & OCF_ADDR_V4) && a.family != AF_INET)
		return -EAFNOSUPPORT;
	if ((flags & OCF_ADDR_V6) && a.family != AF_INET6)
		return -EAFNOSUPPORT;
	if (slash) {
		long long pfx;

		if ((flags & OCF_NO_PREFIX) || parse_ll(slash + 1, &pfx) < 0 || pfx < 0 ||
		    pfx > maxprefix || slash[1] == '+' || slash[1] == '-')
			return -EINVAL;
		a.prefix = (int)pfx;
	}
	inet_ntop(a.family, a.a.bytes, a.text, sizeof(a.text));
	*ret = a;
	return 0;
}

int ocf_check_ifname(const char *s)
{
	size_t n = strlen(s);

	/* The kernel's own rule (dev_valid_name), without the ':' of old alias syntax. */
	if (n == 0 || n >= 16 || !strcmp(s, ".") || !strcmp(s, ".."))
		return -EINVAL;
	for (const char *c = s; *c; c++)
		if (*c == '/' || *c == ':' || isspace((unsigned char)*c) || !isprint((unsigned char)*c))
			return -EINVAL;
	return 0;
}

int ocf_parse_list(const char *s, struct ocf_list *ret)
{
	struct ocf_list l = { 0 };
	const char *c = s;

	while (*c) {
		size_t n;
		char **items;

		while (*c == ',' || isspace((unsigned char)*c))
			c++;
		n = strcspn(c, ", \t\n");
		if (n == 0)
			break;
		items = realloc(l.items, (l.n + 1) * sizeof(*items));
		if (!items)
			goto oom;
		l.items = items;
		l.items[l.n] = strndup(c, n);
		if (!l.items[l.n])
			goto oom;
		l.n++;
		c += n;
	}
	*ret = l;
	return 0;
oom:
	ocf_list_free(&l);
	return -ENOMEM;
}

void ocf_list_free(struct ocf_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->items[i]);
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

/* Expected form of a value, in words, for reasons and documentation. */
void ocf_param_expect(const struct ocf_param *p, char *buf, size_t len)
{
	size_t n;

	switch (p->type) {
	case OCF_T_STRING:
		snprintf(buf, len, "a string");
		break;
	case OCF_T_INT:
		if (has_range(p))
			snprintf(buf, len, "an integer from %lld to %lld", p->min, p->max);
		else
			snprintf(buf, len, "an integer");
		break;
	case OCF_T_BOOL:
		snprintf(buf, len, "a boolean (true/false, yes/no, 1/0)");
		break;
	case OCF_T_DURATION:
		n = (size_t)snprintf(buf, len, "a duration like 500ms, 2s, 1min (bare number: %s)",
				     p->unit == 1 ? "milliseconds" : "seconds");
		if (has_range(p) && n < len)
			snprintf(buf + n, len - n, " from %lldms to %lldms", p->min, p->max);
		break;
	case OCF_T_ENUM:
		n = (size_t)snprintf(buf, len, "one of:");
		for (int i = 0; p->choices && p->choices[i] && n < len; i++)
			n += (size_t)snprintf(buf + n, len - n, " %s", p->choices[i]);
		break;
	case OCF_T_ADDR:
		snprintf(buf, len, "an %s address%s",
			 (p->flags & OCF_ADDR_V4) ? "IPv4" : (p->flags & OCF_ADDR_V6) ? "IPv6" :
			 "IPv4 or IPv6",
			 (p->flags & OCF_NO_PREFIX) ? " without /prefix" : ", optionally with /prefix");
		break;
	case OCF_T_IFNAME:
		snprintf(buf, len, "an interface name (1-15 characters, no '/', ':' or spaces)");
		break;
	case OCF_T_PATH:
		snprintf(buf, len, "an absolute path%s",
			 (p->flags & OCF_EXECUTABLE) ? " to an executable" : "");
		break;
	case OCF_T_LIST:
		snprintf(buf, len, "a list separated by spaces or commas");
		break;
	}
}

static int bad_value(const struct ocf_param *p, const char *value, char *why, size_t whylen,
		     const char *expected)
{
	if (p->flags & OCF_SECRET)
		snprintf(why, whylen, "parameter %s: expected %s", p->name, expected);
	else
		snprintf(why, whylen, "parameter %s='%.48s': expected %s", p->name, value, expected);
	return OCF_ERR_CONFIGURED;
}

static int check_path_installed(const struct ocf_param *p, const char *value, char *why,
				size_t whylen)
{
	struct stat st;

	if (!(p->flags & (OCF_EXECUTABLE | OCF_EXISTS)))
		return OCF_SUCCESS;
	if (stat(value, &st) < 0) {
		snprintf(why, whylen, "parameter %s: %s: %s", p->name, value, strerror(errno));
		return OCF_ERR_INSTALLED;
	}
	if ((p->flags & OCF_EXECUTABLE) && (!S_ISREG(st.st_mode) || access(value, X_OK) < 0)) {
		snprintf(why, whylen, "parameter %s: %s is not an executable file", p->name, value);
		return OCF_ERR_INSTALLED;
	}
	if (p->flags & OCF_ROOT_TRUSTED) {
		char w[PATH_MAX + 64];
		int r = path_trusted(value, w, sizeof(w));

		if (r == -EPERM) {
			snprintf(why, whylen, "parameter %s: %s: another user could change what root "
				 "%s there (make it root's alone)", p->name, w,
				 (p->flags & OCF_EXECUTABLE) ? "runs" : "reads");
			return OCF_ERR_PERM;
		}
		if (r < 0) {
			snprintf(why, whylen, "parameter %s: %s", p->name, w);
			return OCF_ERR_INSTALLED;
		}
	}
	return OCF_SUCCESS;
}

/* Stores @value in @p's field as its type says. Returns 0, or -EINVAL when it does not parse
 * or is out of range, -ENOMEM for a list that could not be stored. */
static int store_value(const struct ocf_param *p, const char *value, void *cfg)
{
	switch (p->type) {
	case OCF_T_STRING:
		*FIELD(cfg, p, const char *) = value;
		return 0;
	case OCF_T_INT: {
		long long v;

		if (parse_ll(value, &v) < 0 || (has_range(p) && (v < p->min || v > p->max)))
			return -EINVAL;
		*FIELD(cfg, p, long long) = v;
		return 0;
	}
	case OCF_T_BOOL:
		return ocf_parse_bool(value, FIELD(cfg, p, bool)) < 0 ? -EINVAL : 0;
	case OCF_T_DURATION: {
		int64_t ms;

		if (ocf_parse_duration(value, p->unit, &ms) < 0 ||
		    (has_range(p) && (ms < p->min || ms > p->max)))
			return -EINVAL;
		*FIELD(cfg, p, int64_t) = ms;
		return 0;
	}
	case OCF_T_ENUM:
		for (int i = 0; p->choices && p->choices[i]; i++) {
			if (!strcmp(value, p->choices[i])) {
				*FIELD(cfg, p, int) = i;
				return 0;
			}
		}
		return -EINVAL;
	case OCF_T_ADDR:
		return ocf_parse_addr(value, p->flags, FIELD(cfg, p, struct ocf_addr)) < 0 ? -EINVAL : 0;
	case OCF_T_IFNAME:
		if (ocf_check_ifname(value) < 0)
			return -EINVAL;
		*FIELD(cfg, p, const char *) = value;
		return 0;
	case OCF_T_PATH:
		if (value[0] != '/' || strlen(value) >= PATH_MAX)
			return -EINVAL;
		*FIELD(cfg, p, const char *) = value;
		return 0;
	case OCF_T_LIST:
		ocf_list_free(FIELD(cfg, p, struct ocf_list));
		return ocf_parse_list(value, FIELD(cfg, p, struct ocf_list)) < 0 ? -ENOMEM : 0;
	}
	return -EINVAL;
}

/* No parameter has a use for a control character (but a tab, and in a list the newlines
 * that separate items), and one echoed in a reason (a newline) would cut Pacemaker's
 * exit-reason line; nor for a value longer than OCF_VALUE_MAX. */
static int value_sane(const struct ocf_param *p, const char *value, char *why, size_t whylen)
{
	size_t n = strlen(value);

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)value[i];

		if (c == '\t' || (p->type == OCF_T_LIST && c == '\n'))
			continue;
		if (c < 0x20 || c == 0x7f) {
			snprintf(why, whylen, "parameter %s: a control character (0x%02x) at "
				 "position %zu", p->name, c, i + 1);
			return OCF_ERR_CONFIGURED;
		}
	}
	if (n > OCF_VALUE_MAX) {
		snprintf(why, whylen, "parameter %s: %zu characters, more than %d", p->name, n,
			 OCF_VALUE_MAX);
		return OCF_ERR_CONFIGURED;
	}
	return OCF_SUCCESS;
}

int ocf_param_parse_ex(const struct ocf_param *p, const char *value, void *cfg,
		       bool check_installed, char *why, size_t whylen)
{
	char expected[160], what[160] = "";
	int r = value_sane(p, value, why, whylen);

	if (r != OCF_SUCCESS)
		return r;
	r = store_value(p, value, cfg);

	if (r == -ENOMEM) {
		snprintf(why, whylen, "parameter %s: out of memory", p->name);
		return OCF_ERR_GENERIC;
	}
	if (r < 0) {
		ocf_param_expect(p, expected, sizeof(expected));
		return bad_value(p, value, why, whylen, expected);
	}
	if (p->type == OCF_T_PATH && check_installed &&
	    (r = check_path_installed(p, value, why, whylen)) != OCF_SUCCESS)
		return r;
	if (!p->check)
		return OCF_SUCCESS;
	r = p->check(p, (char *)cfg + p->offset, what, sizeof(what));
	if (r == OCF_ERR_CONFIGURED)
		return bad_value(p, value, why, whylen, what);
	if (r != OCF_SUCCESS)
		snprintf(why, whylen, "parameter %s: %s", p->name, what);
	return r;
}

int ocf_param_parse(const struct ocf_param *p, const char *value, void *cfg, char *why,
		    size_t whylen)
{
	return ocf_param_parse_ex(p, value, cfg, true, why, whylen);
}
