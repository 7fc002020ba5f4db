/* tests/stress/kam_memstat.c: Kamailio's memory as its RPC reports it, for tests that compare it
 * before and after a long run (what the agent's monitors could leak inside Kamailio):
 *
 *   kam_memstat RPC_SOCKET CLIENT_DIR  ->  "shm_used=B shm_real_used=B pkg_worst_real_used=B
 *                                          pkg_worst_pid=PID nproc=N"
 *
 * core.shmmem and pkg.stats through lib/kam's client and parsers (the ones the agent uses,
 * fuzzed in tests/fuzz/fuzz_kamrpc.c). Exit 0, or 1 with the reason on stderr. */
#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "kam/kamrpc.h"
#include "kam/kamrpc_parse.h"

static int call(struct kamrpc *k, const char *method, const char **reply)
{
	int r = kamrpc_call(k, method, NULL, 0, clock_now_ms() + 5000, reply);

	if (r < 0)
		fprintf(stderr, "kam_memstat: %s: %s\n", method, strerror(-r));
	return r;
}

int main(int argc, char **argv)
{
	static const char *const shm_unit[] = { KAMRPC_SHMMEM_UNIT };
	struct kamrpc k = { .fd = -1 };
	struct kamrpc_shm shm;
	struct kamrpc_pkg pkg;
	const char *reply;
	int r;

	if (argc != 3) {
		fprintf(stderr, "usage: kam_memstat RPC_SOCKET CLIENT_DIR\n");
		return 2;
	}
	r = kamrpc_open(&k, argv[1], argv[2]);
	if (r < 0) {
		fprintf(stderr, "kam_memstat: bind in %s: %s\n", argv[2], strerror(-r));
		return 1;
	}
	r = kamrpc_call(&k, "core.shmmem", shm_unit, 1, clock_now_ms() + 5000, &reply);
	if (r < 0)
		fprintf(stderr, "kam_memstat: core.shmmem: %s\n", strerror(-r));
	if (r >= 0 && (r = kamrpc_parse_shmmem_kib(reply, (size_t)r, &shm)) < 0)
		fprintf(stderr, "kam_memstat: core.shmmem reply: %s\n", strerror(-r));
	if (r >= 0 && (r = call(&k, "pkg.stats", &reply)) >= 0 &&
	    (r = kamrpc_parse_pkg(reply, (size_t)r, &pkg)) < 0)
		fprintf(stderr, "kam_memstat: pkg.stats reply: %s\n", strerror(-r));
	kamrpc_close(&k);
	if (r < 0)
		return 1;
	printf("shm_used=%llu shm_real_used=%llu pkg_worst_real_used=%llu pkg_worst_pid=%d nproc=%u\n",
	       (unsigned long long)shm.used, (unsigned long long)shm.real_used,
	       (unsigned long long)pkg.worst_real_used, pkg.worst_pid, pkg.nproc);
	return 0;
}
