/* lib/kam/kam_probe.c: the SIP probes of a Kamailio instance (monitor depth 10 and 20). */
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "kam/kam_probe.h"
#include "net/localaddr.h"

int kam_probe_target_parse(const char *text, struct sip_target *ret)
{
	char buf[80];
	const char *star = strstr(text, ":*");
	int r;

	if (star && (star[2] == '\0' || star[2] == ':') && strlen(text) < sizeof(buf) - 10) {
		snprintf(buf, sizeof(buf), "%.*s:127.0.0.1%s", (int)(star - text), text, star + 2);
		text = buf;
	}
	r = sip_target_parse(text, ret);
	if (r == 0 && ret->addr.ss_family == AF_INET) {
		struct sockaddr_in *in = (struct sockaddr_in *)&ret->addr;

		if (in->sin_addr.s_addr == htonl(INADDR_ANY))
			in->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	} else if (r == 0) {
		struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ret->addr;

		if (IN6_IS_ADDR_UNSPECIFIED(&in6->sin6_addr))
			in6->sin6_addr = in6addr_loopback;
	}
	return r;
}

static void skip(struct kam_probe_set *s, const char *item, bool foreign)
{
	if (s->n_skipped < KAM_PROBE_MAX) {
		s->skipped[s->n_skipped].item = item;
		s->skipped[s->n_skipped++].foreign = foreign;
	}
}

void kam_probe_targets(char *const *items, size_t n, int64_t deadline,
		       struct kam_probe_set *ret)
{
	static const char *const fallback[] = { "udp:127.0.0.1:5060", "tcp:127.0.0.1:5060" };
	size_t count = n ? n : 2;

	memset(ret, 0, sizeof(*ret));
	for (size_t i = 0; i < count && ret->n < KAM_PROBE_MAX && !ret->err; i++) {
		const char *item = n ? items[i] : fallback[i];
		struct sip_target *t = &ret->t[ret->n];
		int r;

		if (kam_probe_target_parse(item, t) < 0) {
			skip(ret, item, false);
			continue;
		}
		if (sip_target_format(t, ret->text[ret->n], sizeof(ret->text[0])) < 0)
			snprintf(ret->text[ret->n], sizeof(ret->text[0]), "%s", item);
		r = localaddr_is_local((const struct sockaddr *)&t->addr, deadline);
		if (r < 0) {
			ret->err = r;
		} else if (r == 0) {
			skip(ret, item, true);
			if (!ret->n_foreign++)
				snprintf(ret->foreign, sizeof(ret->foreign), "%s", item);
		} else {
			ret->n++;
		}
	}
}

static int64_t request_deadline(const struct kam_probe_opts *o)
{
	int64_t d = clock_now_ms() + o->timeout_ms;

	return d < o->deadline ? d : o->deadline;
}

int kam_probe_run(const struct kam_probe_set *s, const struct kam_probe_opts *o,
		  struct kam_probe_result *ret)
{
	struct sip_register_req req = o->req;
	int r;

	ret->n_options = 0;
	ret->step = KAM_PROBE_OPTIONS;
	for (ret->target = 0; ret->target < s->n; ret->target++) {
		r = sip_options(&s->t[ret->target], request_deadline(o), &ret->rep);
		if (r < 0)
			return r;
		if (ret->rep.code >= 300)
			return 1;
		ret->options[ret->n_options++] = ret->rep;
	}
	if (!o->reg)
		return 0;
	ret->target = 0;
	for (req.expires = 60; req.expires >= 0; req.expires -= 60) {
		ret->step = req.expires ? KAM_PROBE_REGISTER : KAM_PROBE_UNREGISTER;
		r = sip_register(&s->t[0], &req, request_deadline(o), &ret->rep);
		if (r < 0)
			return r;
		if (ret->rep.code >= 300)
			return 1;
	}
	return 0;
}
