/* lib/kam/kam_cmdline.c: Kamailio's command line, built from the values it is started with. */
#include <errno.h>
#include <stdio.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "kam/kam_cmdline.h"

int kam_argv(const struct kam_cmdline *c, enum kam_argv_mode mode, char *argv[KAM_ARGV_MAX],
	     char num[2][24])
{
	int n = 0;

#define ARG(s) do { if (n >= KAM_ARGV_MAX - 1) return -E2BIG; argv[n++] = (char *)(s); } while (0)
	ARG(c->binary);
	if (mode == KAM_ARGV_CHECK) {
		ARG("-c");
		ARG("-E");
	} else {
		/* main process in the foreground: the pid we spawn is Kamailio's main process */
		ARG("-DD");
	}
	ARG("-f");
	ARG(c->conffile);
	ARG("-Y");
	ARG(c->runtime_dir);
	ARG("-P");
	ARG(c->pidfile);
	snprintf(num[0], sizeof(num[0]), "%lld", c->shmem_mb);
	snprintf(num[1], sizeof(num[1]), "%lld", c->pkgmem_mb);
	ARG("-m");
	ARG(num[0]);
	ARG("-M");
	ARG(num[1]);
	if (c->user && *c->user) {
		ARG("-u");
		ARG(c->user);
	}
	if (c->group && *c->group) {
		ARG("-g");
		ARG(c->group);
	}
	for (size_t i = 0; i < c->n_listen; i++) {
		ARG("-l");
		ARG(c->listen[i]);
	}
	for (size_t i = 0; i < c->n_extra; i++)
		ARG(c->extra[i]);
#undef ARG
	argv[n] = NULL;
	return n;
}

static bool port_ok(const char *s)
{
	unsigned long v = 0;
	size_t n = strspn(s, "0123456789");

	if (n == 0 || n > 5 || s[n])
		return false;
	v = strtoul(s, NULL, 10);
	return v >= 1 && v <= 65535;
}

int kam_listen_check(const char *item)
{
	static const char *const protos[] = { "udp:", "tcp:", "tls:", "sctp:", "ws:", "wss:" };
	const char *h = item, *end;
	size_t n;

	for (size_t i = 0; i < sizeof(protos) / sizeof(protos[0]); i++)
		if (!strncasecmp(h, protos[i], strlen(protos[i]))) {
			h += strlen(protos[i]);
			break;
		}
	if (*h == '[') {
		end = strchr(h, ']');
		n = end ? strspn(h + 1, "0123456789abcdefABCDEF:.") : 0;
		if (!end || n == 0 || h + 1 + n != end)
			return -EINVAL;
		end++;
	} else {
		n = strspn(h, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_*");
		if (n == 0 || *h == '-' || *h == '.' || strspn(h, "0123456789") == n)
			return -EINVAL;
		end = h + n;
	}
	if (*end == '\0')
		return 0;
	return *end == ':' && port_ok(end + 1) ? 0 : -EINVAL;
}
