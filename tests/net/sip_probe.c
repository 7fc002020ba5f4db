/* tests/net/sip_probe.c: a command line front end to lib/sip/sip.h for the integration tests.
 *
 *   sip_probe [-t MS] options TARGET
 *   sip_probe [-t MS] [-p PASSWORD] [-d DOMAIN] [-e EXPIRES] [-c CONTACT_USER] [-n COUNT]
 *             register TARGET USER
 *
 * Prints one line per final reply: "CODE REASON | sent=N rtt_ms=N expires=N contacts=N
 * challenged=0|1 server=TEXT"; on failure "error: ENAME (text) after N ms". With -n COUNT,
 * REGISTERs users USER0..USER{COUNT-1} one after another (each with its own -t budget, all
 * within COUNT * MS) and prints "CODE count" per reply code plus "error NAME count".
 * Exit status: 0 a final reply came (any code; with -n: every request got one), 1 an error,
 * 2 usage. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/clock.h"
#include "sip/sip.h"

static int usage(void)
{
	fprintf(stderr, "usage: sip_probe [-t MS] options TARGET\n"
			"       sip_probe [-t MS] [-p PASSWORD] [-d DOMAIN] [-e EXPIRES] "
			"[-c CONTACT_USER] [-n COUNT] register TARGET USER\n");
	return 2;
}

static void print_reply(const struct sip_reply *r)
{
	printf("%d %s | sent=%d rtt_ms=%lld expires=%d contacts=%d challenged=%d server=%s\n",
	       r->code, r->reason, r->sent, (long long)r->rtt_ms, r->expires, r->contacts,
	       r->challenged ? 1 : 0, r->server);
}

static const char *err_name(int e)
{
	const char *n = strerrorname_np(e);

	return n ? n : "E?";
}

static int print_error(int r, int64_t t0)
{
	printf("error: %s (%s) after %lld ms\n", err_name(-r), strerror(-r),
	       (long long)(clock_now_ms() - t0));
	return 1;
}

/* -n: distinct users one after another; counts results by reply code. */
static int register_many(const struct sip_target *t, struct sip_register_req *req, long count,
			 int timeout)
{
	static int codes[700], errs[200];
	char user[160];
	const char *prefix = req->user;
	int failed = 0;

	for (long i = 0; i < count; i++) {
		struct sip_reply rep;
		int r;

		snprintf(user, sizeof(user), "%s%ld", prefix, i);
		req->user = user;
		r = sip_register(t, req, clock_now_ms() + timeout, &rep);
		if (r < 0) {
			errs[-r < 200 ? -r : 0]++;
			failed = 1;
		} else {
			codes[rep.code]++;
		}
	}
	for (int c = 0; c < 700; c++)
		if (codes[c])
			printf("%d %d\n", c, codes[c]);
	for (int e = 0; e < 200; e++)
		if (errs[e])
			printf("error %s %d\n", err_name(e), errs[e]);
	return failed;
}

int main(int argc, char **argv)
{
	struct sip_register_req req = { .expires = 60 };
	struct sip_target t;
	struct sip_reply rep;
	long timeout = 2000, count = 0;
	int64_t t0;
	int opt, r;

	while ((opt = getopt(argc, argv, "t:p:d:e:c:n:")) != -1) {
		switch (opt) {
		case 't':
			timeout = strtol(optarg, NULL, 10);
			break;
		case 'p':
			req.password = optarg;
			break;
		case 'd':
			req.domain = optarg;
			break;
		case 'e':
			req.expires = (int)strtol(optarg, NULL, 10);
			break;
		case 'c':
			req.contact_user = optarg;
			break;
		case 'n':
			count = strtol(optarg, NULL, 10);
			break;
		default:
			return usage();
		}
	}
	if (timeout <= 0 || timeout > 600000 || count < 0 || count > 1000000 ||
	    argc - optind < 2)
		return usage();
	r = sip_target_parse(argv[optind + 1], &t);
	if (r < 0) {
		fprintf(stderr, "sip_probe: %s: %s\n", argv[optind + 1], strerror(-r));
		return 2;
	}
	t0 = clock_now_ms();
	if (strcmp(argv[optind], "options") == 0 && argc - optind == 2) {
		r = sip_options(&t, t0 + timeout, &rep);
	} else if (strcmp(argv[optind], "register") == 0 && argc - optind == 3) {
		req.user = argv[optind + 2];
		if (count > 0)
			return register_many(&t, &req, count, (int)timeout);
		r = sip_register(&t, &req, t0 + timeout, &rep);
	} else {
		return usage();
	}
	if (r < 0)
		return print_error(r, t0);
	print_reply(&rep);
	return 0;
}
