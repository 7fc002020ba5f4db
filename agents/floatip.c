/* agents/floatip.c: ocf:sipha:floatip, a floating IPv4/IPv6 address that knows which copy of
 * the address is its own (the kernel's IFA_PROTO tag) and never takes or removes another's. */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

#include "net/addr_build.h"
#include "net/addr_check.h"
#include "net/addr_copies.h"
#include "net/addr_origin.h"
#include "net/addr_probe.h"
#include "net/link_text.h"
#include "net/nl.h"
#include "net/nl_addr.h"
#include "net/nl_link.h"
#include "net/nl_route.h"
#include "ocf/ocf.h"

#define STR_(x) #x
#define STR(x) STR_(x)

struct floatip_cfg {
	struct ocf_addr ip;
	long long cidr_netmask;		/* 0: not set */
	const char *nic;
	const char *broadcast;
	const char *iflabel;
	long long arp_count;
	int64_t arp_interval_ms;
	const char *preferred_lft;
	bool noprefixroute;
	long long probe_count;
	int64_t probe_interval_ms;
	int64_t probe_wait_ms;
	int on_conflict;
};

enum { CONFLICT_REFUSE, CONFLICT_WARN };
static const char *const conflict_choices[] = { "refuse", "warn", NULL };

static int check_broadcast(const struct ocf_param *p, const void *value, char *why, size_t len)
{
	const char *s = *(const char *const *)value;
	struct in_addr a;

	if (!strcmp(s, "+") || !strcmp(s, "-") || inet_pton(AF_INET, s, &a) == 1)
		return OCF_SUCCESS;
	snprintf(why, len, "an IPv4 address, '+' (host bits set) or '-' (host bits clear)");
	return OCF_ERR_CONFIGURED;
}

static int check_iflabel(const struct ocf_param *p, const void *value, char *why, size_t len)
{
	const char *s = *(const char *const *)value;
	size_t n = strlen(s);

	/* The kernel takes "nic:label" up to 15 characters; the nic is checked at start. */
	if (n >= 1 && n <= 14 && strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
					"0123456789_-.") == n)
		return OCF_SUCCESS;
	snprintf(why, len, "1 to 14 characters among letters, digits, '_', '-', '.'");
	return OCF_ERR_CONFIGURED;
}

static int check_lft(const struct ocf_param *p, const void *value, char *why, size_t len)
{
	uint32_t v;

	if (addr_lft_parse(*(const char *const *)value, &v) == 0)
		return OCF_SUCCESS;
	snprintf(why, len, "'forever' or a number of seconds below 4294967295");
	return OCF_ERR_CONFIGURED;
}

#define F(field) OCF_FIELD(struct floatip_cfg, field)
static const struct ocf_param params[] = {
	{ "ip", OCF_T_ADDR, OCF_REQUIRED | OCF_UNIQUE, NULL, "Floating IPv4 or IPv6 address",
	  "The floating address, e.g. 192.0.2.10 or 2001:db8::10. A \"/prefix\" may be given "
	  "instead of cidr_netmask.", F(ip) },
	{ "cidr_netmask", OCF_T_INT, 0, NULL, "Prefix length",
	  "Prefix length of the address (24, 64...; dotted netmasks are not accepted). Default: "
	  "the prefix of the directly connected route that holds ip.", F(cidr_netmask),
	  .min = 1, .max = 128 },
	{ "nic", OCF_T_IFNAME, 0, NULL, "Interface",
	  "Interface to put the address on. Default: the interface of the directly connected "
	  "route (no gateway) in the main table that holds ip, longest prefix first, as "
	  "IPaddr2's findif does.", F(nic) },
	{ "broadcast", OCF_T_STRING, 0, NULL, "IPv4 broadcast address",
	  "IPv4 only: the broadcast address, or '+' (host bits set) or '-' (host bits clear). "
	  "Default: '+' for prefixes up to /30, none for /31 and /32.", F(broadcast),
	  .check = check_broadcast },
	{ "iflabel", OCF_T_STRING, 0, NULL, "IPv4 address label",
	  "IPv4 only: the address gets the label nic:iflabel (at most 15 characters in all), "
	  "as with IPaddr2. Ownership does not depend on it: floatip tags its addresses with "
	  "the kernel's address protocol field.", F(iflabel), .check = check_iflabel },
	{ "arp_count", OCF_T_INT, OCF_RELOADABLE, "3", "Announcements after start",
	  "How many gratuitous ARPs (IPv4) or unsolicited neighbour advertisements (IPv6) "
	  "start sends, the first right after adding the address. 0 sends none. All are sent "
	  "within the start operation's timeout (IPaddr2 default: 5, sent in the background).",
	  F(arp_count), .min = 0, .max = 100 },
	{ "arp_interval", OCF_T_DURATION, OCF_RELOADABLE, "50ms", "Time between announcements",
	  "Time between two announcements; a bare number is in milliseconds, as with IPaddr2 "
	  "(whose default is 200).", F(arp_interval_ms), .min = 1, .max = 10000, .unit = 1 },
	{ "preferred_lft", OCF_T_STRING, 0, "forever", "Preferred lifetime",
	  "Preferred lifetime of the address in seconds, or 'forever'. 0 makes an IPv6 address "
	  "deprecated, so that the node does not pick it as a source address.",
	  F(preferred_lft), .check = check_lft },
	{ "noprefixroute", OCF_T_BOOL, 0, "false", "Add no prefix route",
	  "Do not let the kernel add a route for the address's prefix (IFA_F_NOPREFIXROUTE).",
	  F(noprefixroute) },
	{ "probe_count", OCF_T_INT, OCF_RELOADABLE, "3", "Conflict probes",
	  "How many ARP probes (RFC 5227) or IPv6 duplicate-address solicitations start sends "
	  "before taking the address, and monitor at depth 10 sends to find another holder. "
	  "0 skips the check.", F(probe_count), .min = 0, .max = 20 },
	{ "probe_interval", OCF_T_DURATION, OCF_RELOADABLE, "10ms", "Time between probes",
	  "Time between two probes (RFC 5227 uses 1-2 s; a LAN answers within milliseconds). "
	  "A bare number is in milliseconds.", F(probe_interval_ms), .min = 1, .max = 5000,
	  .unit = 1 },
	{ "probe_wait", OCF_T_DURATION, OCF_RELOADABLE, "30ms", "Listening after the last probe",
	  "How long to listen for an answer after the last probe. With the defaults a probe "
	  "costs 50 ms, which keeps floatip's own share of a failover under 0.1 s; a holder on "
	  "the LAN answers within a millisecond. Raise it on slow or congested links. A bare "
	  "number is in milliseconds.", F(probe_wait_ms), .min = 1,
	  .max = 10000, .unit = 1 },
	{ "on_conflict", OCF_T_ENUM, OCF_RELOADABLE, "refuse", "When another host has the address",
	  "What start does when another host answers for the address: 'refuse' (start fails, "
	  "naming the other hardware address) or 'warn' (start logs and takes the address "
	  "anyway). While floatip holds the address, a conflict is always reported as degraded "
	  "and the address defended: failing would hand it to the other holder.", F(on_conflict),
	  .choices = conflict_choices },
	OCF_PARAM_END,
};

static const struct ocf_policy policy[] = {
	{ "monitor: floatip's address present, interface up with carrier, no one else answering "
	  "(depth 10)", OCF_SUCCESS, "nothing to do" },
	{ "monitor/probe: the address is on no interface (removed, or its interface is gone)",
	  OCF_NOT_RUNNING, "a probe records the resource as stopped; a recurring monitor is a "
	  "failure: Pacemaker stops and starts the resource, here or elsewhere" },
	{ "monitor/probe: a copy of the address that floatip did not add (DHCP lease, static "
	  "address, another tool) is on any interface; the reason names interface and origin",
	  OCF_ERR_GENERIC, "Pacemaker recovers: stop (which removes only floatip's own copy, "
	  "leaves the foreign one and succeeds) and start elsewhere; the failed action stays "
	  "visible until cleanup" },
	{ "start: a copy floatip did not add is present on this node", OCF_ERR_GENERIC,
	  "start changes nothing; Pacemaker bans the node (start-failure-is-fatal) and tries "
	  "another" },
	{ "start: another host answers the probe for the address, on_conflict=refuse; the reason "
	  "names its hardware address", OCF_ERR_GENERIC, "the address is not added; Pacemaker "
	  "tries another node, which sees the same conflict until it is resolved" },
	{ "monitor depth 10: another host answers for the address floatip holds (whatever "
	  "on_conflict says); floatip defends it with one announcement", OCF_DEGRADED,
	  "Pacemaker keeps the address where it serves (failing would hand it to the other "
	  "holder); crm_mon shows the reason naming the other hardware address" },
	{ "monitor: the interface is down or without carrier, the address sits on another "
	  "interface than nic, or an IPv6 copy is tentative or failed DAD", OCF_ERR_GENERIC,
	  "Pacemaker stops and starts the resource, elsewhere if start fails here" },
	{ "start: the interface is down or without carrier", OCF_ERR_GENERIC,
	  "Pacemaker bans the node and tries another" },
	{ "start: the kernel does not keep floatip's tag (IFA_PROTO, Linux 5.18+) on the address "
	  "it has just added; that copy (ours: an exclusive create made it) is removed again and "
	  "the reason names the kernel release", OCF_ERR_INSTALLED, "this node cannot run "
	  "floatip: Pacemaker keeps it off this node until cleanup and starts it on another, "
	  "where a newer kernel can take it" },
	{ "start: nic does not exist, or no connected subnet holds ip and nic or cidr_netmask "
	  "is not set", OCF_ERR_INSTALLED, "this node lacks what the resource needs: Pacemaker "
	  "will not run it here and starts it elsewhere" },
	{ "validate-all: the same, nic missing or no connected subnet", OCF_ERR_CONFIGURED,
	  "reported as a configuration error" },
	{ "a parameter value or combination is invalid (validate-all, start, reload-agent)",
	  OCF_ERR_CONFIGURED, "nothing is changed; Pacemaker stops the resource everywhere "
	  "until the configuration is fixed" },
	{ "stop: floatip's copy removed, or there was none (a foreign copy is left alone)",
	  OCF_SUCCESS, "the resource is stopped" },
	{ "netlink or packet socket errors (a dump the kernel interrupted " STR(NL_DUMP_TRIES)
	  " times in a row included: lib/nl starts it over on a fresh socket before that), or the "
	  "timeout is too short for the probe",
	  OCF_ERR_GENERIC, "Pacemaker recovers as for any failure" },
	OCF_POLICY_END,
};

static int nl_fail(struct ocf_op *op, const char *what, int r)
{
	/* lib/nl already started the dump over on a fresh socket that many times. */
	if (r == -EINTR)
		return ocf_fail(op, OCF_ERR_GENERIC, "%s: the kernel interrupted %d dumps in a row "
				"(addresses or routes changing all the time)", what, NL_DUMP_TRIES);
	return ocf_fail(op, OCF_ERR_GENERIC, "%s: %s", what, strerror(-r));
}

/* Reports the first copy of the address that floatip did not add, if any. */
static int foreign_fail(struct ocf_op *op, struct nl *nl, const struct nl_addr *found, int n)
{
	const struct floatip_cfg *cfg = op->cfg;
	char ifname[IFNAMSIZ], origin[64];

	for (int i = 0; i < n; i++) {
		if (addr_origin(&found[i]) == ADDR_OURS)
			continue;
		addr_origin_text(&found[i], origin, sizeof(origin));
		link_name_of(nl, found[i].ifindex, ifname, op->deadline_ms);
		return ocf_fail(op, OCF_ERR_GENERIC, "%s on %s is not floatip's (%s)", cfg->ip.text,
				ifname, origin);
	}
	return OCF_SUCCESS;
}

/* Opens netlink into @nl and lists every copy of the address into @found (count in @ret_n).
 * With @refuse_foreign, a copy floatip did not add fails the action naming its interface and
 * origin: monitor and start never adopt an address someone else configured. */
static int open_and_scan(struct ocf_op *op, struct nl **nl, struct nl_addr *found, int *ret_n,
			 bool refuse_foreign)
{
	const struct floatip_cfg *cfg = op->cfg;
	int r = nl_open(nl);

	if (r < 0)
		return nl_fail(op, "netlink", r);
	*ret_n = addr_copies(*nl, cfg->ip.family, cfg->ip.a.bytes, found, op->deadline_ms);
	if (*ret_n < 0)
		return nl_fail(op, "listing addresses", *ret_n);
	return refuse_foreign ? foreign_fail(op, *nl, found, *ret_n) : OCF_SUCCESS;
}

static int link_fail(struct ocf_op *op, const struct nl_link *link)
{
	return ocf_fail(op, OCF_ERR_GENERIC, "%s %s", link->name,
			!(link->flags & IFF_UP) ? "is down" : "has no carrier");
}

/* The interface and prefix the address goes to: nic and cidr_netmask, or what the connected
 * route says. Returns OCF_SUCCESS or reports with @missing as the code. A nic that is down
 * has no routes: with @need_up that is reported as such, else the route lookup is skipped
 * (and @prefix may stay -1). */
static int resolve(struct ocf_op *op, struct nl *nl, int missing, bool need_up,
		   struct nl_link *link, int *prefix)
{
	const struct floatip_cfg *cfg = op->cfg;
	struct nl_route rt;
	int r, ifindex = 0;

	*prefix = addr_prefix_pick(cfg->cidr_netmask, cfg->ip.prefix);
	if (cfg->nic) {
		r = nl_link_get(nl, 0, cfg->nic, link, op->deadline_ms);
		if (r == -ENODEV)
			return ocf_fail(op, missing, "nic %s does not exist on this node", cfg->nic);
		if (r < 0)
			return nl_fail(op, cfg->nic, r);
		if (!nl_link_running(link))
			return need_up ? link_fail(op, link) : OCF_SUCCESS;
		ifindex = link->ifindex;
		if (*prefix >= 0)
			return OCF_SUCCESS;
	}
	r = nl_route_connected(nl, cfg->ip.family, cfg->ip.a.bytes, ifindex, &rt, op->deadline_ms);
	if (r == -ENETUNREACH && ifindex)
		return ocf_fail(op, missing, "no connected subnet on %s holds %s: set cidr_netmask",
				cfg->nic, cfg->ip.text);
	if (r == -ENETUNREACH)
		return ocf_fail(op, missing, "no connected subnet holds %s: set nic and "
				"cidr_netmask", cfg->ip.text);
	if (r < 0)
		return nl_fail(op, "route lookup", r);
	if (*prefix < 0)
		*prefix = rt.prefix;
	if (!ifindex) {
		r = nl_link_get(nl, rt.oif, NULL, link, op->deadline_ms);
		if (r < 0)
			return nl_fail(op, "route lookup", r);
	}
	return OCF_SUCCESS;
}

/* Asks the link whether another host has the address. Returns 1 with @who filled on a
 * conflict, 0 when none (or the link has no ARP/ND), or an OCF failure (negative: -code). */
static int probe(struct ocf_op *op, const struct nl_link *link, bool hold, char *who,
		 size_t wholen)
{
	const struct floatip_cfg *cfg = op->cfg;
	struct arp_probe_plan plan = {
		.count = (int)cfg->probe_count,
		.interval_ms = (int)cfg->probe_interval_ms,
		.wait_ms = (int)cfg->probe_wait_ms,
	};
	uint8_t mac[6];
	int r;

	if (!plan.count)
		return 0;
	if (!addr_link_speaks(link)) {
		ocf_log_info("%s has no ARP/neighbour discovery: no conflict probe", link->name);
		return 0;
	}
	r = addr_probe(link, cfg->ip.family, cfg->ip.a.bytes, hold, &plan, mac, op->deadline_ms);
	if (r == -ETIMEDOUT)
		return -ocf_fail(op, OCF_ERR_GENERIC, "the timeout leaves no time to probe %s on %s",
				 cfg->ip.text, link->name);
	if (r < 0)
		return -ocf_fail(op, OCF_ERR_GENERIC, "probing %s on %s: %s", cfg->ip.text,
				 link->name, strerror(-r));
	if (r == 1)
		link_mac_text(mac, 6, who, wholen);
	return r;
}

static void announce(struct ocf_op *op, const struct nl_link *link)
{
	const struct floatip_cfg *cfg = op->cfg;
	int r;

	if (!cfg->arp_count || !addr_link_speaks(link))
		return;
	r = addr_announce(link, cfg->ip.family, cfg->ip.a.bytes, (int)cfg->arp_count,
			  (int)cfg->arp_interval_ms, op->deadline_ms);
	/* The address is up: neighbours will learn it on their next resolution anyway. */
	if (r < 0)
		ocf_log_warn("announcing %s on %s: %s", cfg->ip.text, link->name, strerror(-r));
	else if (r < cfg->arp_count)
		ocf_log_warn("sent %d of %lld announcements of %s within the timeout", r,
			     cfg->arp_count, cfg->ip.text);
}

/* One announcement of an address in service that someone else answers for too. */
static void defend(struct ocf_op *op, const struct nl_link *link)
{
	const struct floatip_cfg *cfg = op->cfg;
	int r = addr_announce(link, cfg->ip.family, cfg->ip.a.bytes, 1, 0, op->deadline_ms);

	if (r < 0 && r != -EOPNOTSUPP)
		ocf_log_warn("defending %s on %s: %s", cfg->ip.text, link->name, strerror(-r));
}

/* The address floatip adds, from the configuration and the resolved link and prefix. */
static int build_addr(struct ocf_op *op, const struct nl_link *link, int prefix,
		      struct nl_addr *a)
{
	const struct floatip_cfg *cfg = op->cfg;
	struct addr_spec spec = {
		.family = cfg->ip.family, .prefix = prefix, .preferred_lft = cfg->preferred_lft,
		.noprefixroute = cfg->noprefixroute, .iflabel = cfg->iflabel,
		.broadcast = cfg->broadcast,
	};
	int r;

	memcpy(spec.addr, cfg->ip.a.bytes, sizeof(spec.addr));
	r = addr_build(&spec, link, a);
	if (r == -ENAMETOOLONG)
		return ocf_fail(op, OCF_ERR_CONFIGURED, "label %s:%s is longer than 15 "
				"characters", link->name, cfg->iflabel);
	/* Not reached: the parameter checks took lifetime and broadcast. */
	if (r < 0)
		return ocf_fail(op, OCF_ERR_CONFIGURED, "building %s: %s", cfg->ip.text,
				strerror(-r));
	return OCF_SUCCESS;
}

/* Reads back the copy start just added (@a): kernels before 5.18 drop IFA_PROTO without a word,
 * and an untagged copy would look foreign to the next monitor and be left behind by stop. The
 * exclusive create made that copy ours, so it is removed again and start refused: a node whose
 * kernel keeps the tag can take the address. */
static int check_tag(struct ocf_op *op, struct nl *nl, const struct nl_addr *a,
		     const struct nl_link *link)
{
	const struct floatip_cfg *cfg = op->cfg;
	struct utsname u;
	int t = addr_tag_read(nl, a, op->deadline_ms), r;

	if (t == ADDR_TAG_KEPT)
		return OCF_SUCCESS;
	if (t == ADDR_TAG_GONE)
		return ocf_fail(op, OCF_ERR_GENERIC, "%s vanished from %s right after being added",
				cfg->ip.text, link->name);
	r = nl_addr_del(nl, a, op->deadline_ms);
	if (r < 0 && r != -EADDRNOTAVAIL)
		return ocf_fail(op, OCF_ERR_GENERIC, "tag check failed, and removing %s from %s "
				"too: %s (remove it by hand)", cfg->ip.text, link->name,
				strerror(-r));
	if (t < 0)
		return nl_fail(op, "reading the address back", t);
	if (uname(&u) < 0)
		strcpy(u.release, "?");
	return ocf_fail(op, OCF_ERR_INSTALLED, "kernel %s drops the address tag: floatip needs "
			"Linux 5.18+ for IFA_PROTO", u.release);
}

static int floatip_validate(struct ocf_op *op)
{
	const struct floatip_cfg *cfg = op->cfg;
	__attribute__((cleanup(nl_closep))) struct nl *nl = NULL;
	int max = cfg->ip.family == AF_INET ? 32 : 128, r;
	int prefix = addr_prefix_pick(cfg->cidr_netmask, cfg->ip.prefix);
	char label[IFNAMSIZ];
	/* A node lacking the interface is a configuration error when asked (validate-all) but
	 * only this node's problem at start: another node may have it. */
	int missing = strcmp(op->action, "start") ? OCF_ERR_CONFIGURED : OCF_ERR_INSTALLED;
	struct nl_link link;

	if (cfg->cidr_netmask > max)
		return ocf_fail(op, OCF_ERR_CONFIGURED, "cidr_netmask=%lld does not fit %s (at most "
				"%d)", cfg->cidr_netmask, cfg->ip.text, max);
	if (cfg->cidr_netmask && cfg->ip.prefix >= 0 && cfg->ip.prefix != cfg->cidr_netmask)
		return ocf_fail(op, OCF_ERR_CONFIGURED, "ip=%s/%d and cidr_netmask=%lld disagree",
				cfg->ip.text, cfg->ip.prefix, cfg->cidr_netmask);
	r = addr_check_unicast(cfg->ip.family, cfg->ip.a.bytes);
	if (r < 0 && cfg->ip.family == AF_INET)
		return ocf_fail(op, OCF_ERR_CONFIGURED, "ip=%s is not a unicast address a node "
				"can float", cfg->ip.text);
	if (r < 0)
		return ocf_fail(op, OCF_ERR_CONFIGURED, "ip=%s is not a global unicast address "
				"(link-local, multicast, loopback)", cfg->ip.text);
	if (cfg->ip.family == AF_INET && addr_check_host(cfg->ip.a.bytes, prefix) < 0)
		return ocf_fail(op, OCF_ERR_CONFIGURED, "ip=%s is the network or broadcast "
				"address of /%d", cfg->ip.text, prefix);
	if (cfg->ip.family == AF_INET6 && (cfg->broadcast || cfg->iflabel))
		return ocf_fail(op, OCF_ERR_CONFIGURED, "%s applies to IPv4 only, not to %s",
				cfg->broadcast ? "broadcast" : "iflabel", cfg->ip.text);
	if (cfg->nic && cfg->iflabel && addr_label(cfg->nic, cfg->iflabel, label) < 0)
		return ocf_fail(op, OCF_ERR_CONFIGURED, "label %s:%s is longer than 15 characters",
				cfg->nic, cfg->iflabel);
	r = nl_open(&nl);
	if (r < 0)
		return nl_fail(op, "netlink", r);
	r = resolve(op, nl, missing, false, &link, &prefix);
	if (r != OCF_SUCCESS)
		return r;
	return OCF_SUCCESS;
}

static int floatip_monitor(struct ocf_op *op)
{
	const struct floatip_cfg *cfg = op->cfg;
	__attribute__((cleanup(nl_closep))) struct nl *nl = NULL;
	struct nl_addr found[ADDR_COPIES_MAX];
	const struct nl_addr *mine = NULL;
	struct nl_link link;
	char who[32];
	int n, r;
	enum addr_state st;

	r = open_and_scan(op, &nl, found, &n, true);
	if (r != OCF_SUCCESS)
		return r;
	if (n == 0) {
		if (op->probe)
			return OCF_NOT_RUNNING;
		return ocf_fail(op, OCF_NOT_RUNNING, "%s is on no interface", cfg->ip.text);
	}
	/* Every copy left is ours; the one on nic counts when there are several. */
	for (int i = 0; i < n && (!mine || (cfg->nic && strcmp(link.name, cfg->nic))); i++) {
		r = nl_link_get(nl, found[i].ifindex, NULL, &link, op->deadline_ms);
		if (r < 0)
			return nl_fail(op, "interface of the address", r);
		mine = &found[i];
	}
	if (cfg->nic && strcmp(link.name, cfg->nic))
		return ocf_fail(op, OCF_ERR_GENERIC, "%s is on %s, not on nic %s", cfg->ip.text,
				link.name, cfg->nic);
	if (!nl_link_running(&link))
		return link_fail(op, &link);
	st = addr_state(mine);
	if (st == ADDR_DADFAILED)
		return ocf_fail(op, OCF_ERR_GENERIC, "%s on %s failed duplicate address detection",
				cfg->ip.text, link.name);
	if (st == ADDR_TENTATIVE)
		return ocf_fail(op, OCF_ERR_GENERIC, "%s on %s is tentative", cfg->ip.text,
				link.name);
	if (op->check_level < 10)
		return OCF_SUCCESS;
	r = probe(op, &link, true, who, sizeof(who));
	if (r < 0)
		return -r;
	if (r == 0)
		return OCF_SUCCESS;
	/* The address is ours and in service: failing would hand it to the other holder (the
	 * DHCP outage). Defend it with one announcement (RFC 5227 2.4 (b)) and say who. */
	defend(op, &link);
	return ocf_fail(op, OCF_DEGRADED, "%s is also answered by %s on %s", cfg->ip.text, who,
			link.name);
}

static int floatip_start(struct ocf_op *op)
{
	const struct floatip_cfg *cfg = op->cfg;
	__attribute__((cleanup(nl_closep))) struct nl *nl = NULL;
	struct nl_addr found[ADDR_COPIES_MAX], a;
	struct nl_link link;
	char who[32];
	int n, r, prefix;

	r = open_and_scan(op, &nl, found, &n, true);
	if (r != OCF_SUCCESS)
		return r;
	/* Our own copy from before: resolve against the routes without it. */
	r = resolve(op, nl, OCF_ERR_INSTALLED, true, &link, &prefix);
	if (r != OCF_SUCCESS)
		return r;
	for (int i = 0; i < n; i++) {
		if (found[i].ifindex == link.ifindex && found[i].prefix == prefix) {
			ocf_log_info("%s/%d is already on %s", cfg->ip.text, prefix, link.name);
			return OCF_SUCCESS;
		}
		/* Ours, but not where the configuration now wants it. */
		r = nl_addr_del(nl, &found[i], op->deadline_ms);
		if (r < 0 && r != -EADDRNOTAVAIL)
			return nl_fail(op, "removing an old copy", r);
	}
	if (!nl_link_running(&link))
		return link_fail(op, &link);
	r = build_addr(op, &link, prefix, &a);
	if (r != OCF_SUCCESS)
		return r;
	r = probe(op, &link, false, who, sizeof(who));
	if (r < 0)
		return -r;
	if (r == 1 && cfg->on_conflict == CONFLICT_REFUSE)
		return ocf_fail(op, OCF_ERR_GENERIC, "%s is in use by %s on %s", cfg->ip.text, who,
				link.name);
	if (r == 1)
		ocf_log_warn("%s is in use by %s on %s: taking it anyway (on_conflict=warn)",
			     cfg->ip.text, who, link.name);
	r = nl_addr_add(nl, &a, op->deadline_ms);
	if (r == -EEXIST) {
		/* Someone added it since the scan: report who, never adopt it. */
		n = addr_copies(nl, cfg->ip.family, cfg->ip.a.bytes, found, op->deadline_ms);
		if (n > 0 && foreign_fail(op, nl, found, n) != OCF_SUCCESS)
			return OCF_ERR_GENERIC;
		return ocf_fail(op, OCF_ERR_GENERIC, "%s appeared on %s while starting",
				cfg->ip.text, link.name);
	}
	if (r < 0)
		return ocf_fail(op, OCF_ERR_GENERIC, "adding %s/%d to %s: %s", cfg->ip.text, prefix,
				link.name, strerror(-r));
	r = check_tag(op, nl, &a, &link);
	if (r != OCF_SUCCESS)
		return r;
	ocf_log_info("added %s/%d to %s", cfg->ip.text, prefix, link.name);
	announce(op, &link);
	return OCF_SUCCESS;
}

static int floatip_stop(struct ocf_op *op)
{
	const struct floatip_cfg *cfg = op->cfg;
	__attribute__((cleanup(nl_closep))) struct nl *nl = NULL;
	struct nl_addr found[ADDR_COPIES_MAX];
	char ifname[IFNAMSIZ], origin[64];
	int n, r;

	r = open_and_scan(op, &nl, found, &n, false);
	if (r != OCF_SUCCESS)
		return r;
	for (int i = 0; i < n; i++) {
		link_name_of(nl, found[i].ifindex, ifname, op->deadline_ms);
		if (addr_origin(&found[i]) != ADDR_OURS) {
			addr_origin_text(&found[i], origin, sizeof(origin));
			ocf_log_warn("leaving %s on %s alone: not floatip's (%s)", cfg->ip.text, ifname,
				     origin);
			continue;
		}
		r = nl_addr_del(nl, &found[i], op->deadline_ms);
		if (r < 0 && r != -EADDRNOTAVAIL)
			return ocf_fail(op, OCF_ERR_GENERIC, "removing %s from %s: %s", cfg->ip.text,
					ifname, strerror(-r));
		ocf_log_info("removed %s/%d from %s", cfg->ip.text, found[i].prefix, ifname);
	}
	return OCF_SUCCESS;
}

/* Only OCF_RELOADABLE parameters may change without a restart, and each action reads them
 * afresh: nothing to do once ocf/ has validated the new values. */
static int floatip_reload(struct ocf_op *op)
{
	return OCF_SUCCESS;
}

static const struct ocf_action actions[] = {
	{ "start", floatip_start, 20, 0, -1 },
	{ "stop", floatip_stop, 20, 0, -1 },
	{ "monitor", floatip_monitor, 20, 10, 0 },
	{ "monitor", floatip_monitor, 20, 30, 10 },
	{ "reload-agent", floatip_reload, 20, 0, -1 },
	OCF_ACTION_END,
};

static const struct ocf_agent agent = {
	.name = "floatip",
	.version = PACKAGE_VERSION,
	.shortdesc = "Floating IPv4/IPv6 address that never takes or removes another's copy",
	.longdesc =
		"Adds a floating address with netlink on a given interface or the one whose "
		"connected subnet holds it, after probing the link for another holder (RFC 5227 "
		"ARP probes for IPv4, duplicate-address neighbour solicitations for IPv6), then "
		"announces it with gratuitous ARP or unsolicited neighbour advertisements. The "
		"address is tagged with the kernel's address protocol field (IFA_PROTO = "
		STR(ADDR_PROTO_SIPHA) "), so "
		"that monitor and stop can tell floatip's copy from one that DHCP, NetworkManager "
		"or an admin put there: such a copy is reported, never adopted, never removed. "
		"Monitor uses netlink only; at depth 10 it also asks the link whether another host "
		"answers for the address. Parameters follow IPaddr2's common ones. Needs Linux 5.18 "
		"or later (IFA_PROTO): start reads the tag back and, on a kernel that dropped it, "
		"removes the address again and fails with OCF_ERR_INSTALLED.",
	.params = params,
	.actions = actions,
	.policy = policy,
	.cfg_size = sizeof(struct floatip_cfg),
	.validate = floatip_validate,
};

int main(int argc, char **argv)
{
	return ocf_main(&agent, argc, argv);
}
