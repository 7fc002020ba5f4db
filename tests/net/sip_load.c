/* tests/net/sip_load.c: a bounded SIP load client over UDP (phones re-registering, OPTIONS) that
 * counts failed transactions and the longest gap between answers, for the cluster tests.
 *
 *   sip_load -d SECS -r RATE -n PHONES [-t TIMEOUT_MS] [-e EXPIRES] udp:IP:PORT
 *
 * Starts RATE transactions per second in total for SECS seconds, alternately a REGISTER of
 * phone1..phoneN in turn (each phone re-registering, Expires EXPIRES, default 300) and an
 * OPTIONS; each is a new non-INVITE client transaction (own Call-ID, From tag and Via branch),
 * retransmitted as a UAC does on UDP (after T1 = 500 ms, doubling up to T2 = 4 s) until its
 * final answer or TIMEOUT_MS (default 2000) after it was first sent. All go from one socket.
 * When SECS have passed no new transaction starts; those in flight run to their end.
 * SIGINT/SIGTERM stop it early (in-flight ones are then counted as unfinished).
 * Prints one line of key=value pairs:
 *   sent         transactions started
 *   answered     transactions that got a final answer (any code)
 *   ok           final answers below 500
 *   failed       no final answer within TIMEOUT_MS, or a 5xx/6xx answer
 *   timeouts, rejected   the two parts of failed
 *   unfinished   in flight when a signal stopped the run
 *   retrans      retransmissions sent
 *   max_gap_ms   longest time between two successive ok answers (-1: fewer than two)
 *   gap_end      epoch ms of the ok answer that ended that gap (0: none)
 *   first_fail, last_fail   epoch ms at which the first / last failed transaction was first
 *                sent (0: none)
 *   elapsed_ms   the whole run
 * Bounds: SECS 1..600, RATE 1..2000, PHONES 1..100000, TIMEOUT_MS 100..32000.
 * Exit status: 0 the run completed (whatever the counts), 1 a socket error, 2 usage. */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/clock.h"
#include "sip/sip.h"
#include "sip/sip_conn.h"
#include "sip/sip_msg.h"

#define T1_MS 500
#define T2_MS 4000

struct opts {
	long secs, rate, phones, timeout, expires;
	struct sip_target target;
};

/* One client transaction; its identifiers derive from the run id and @seq. */
struct txn {
	bool used, reg;
	uint64_t seq;
	long phone;
	int interval;
	int64_t first, next, deadline;
};

struct load {
	struct opts o;
	struct sip_conn conn;
	char run[9], hostport[INET6_ADDRSTRLEN + 8];
	struct txn *tx;
	size_t ntx;
	uint64_t seq, oldest;	/* next transaction to start; oldest possibly in flight */
	int64_t start, end, next_timer;
	long reg_turn;
	long sent, answered, ok, timeouts, rejected, unfinished, retrans;
	int64_t last_ok, max_gap, gap_end, first_fail, last_fail;
};

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static int usage(void)
{
	fprintf(stderr, "usage: sip_load -d SECS -r RATE -n PHONES [-t TIMEOUT_MS] [-e EXPIRES] "
			"udp:IP:PORT\n"
			"  SECS 1..600, RATE 1..2000 per second, PHONES 1..100000, "
			"TIMEOUT_MS 100..32000\n");
	return 2;
}

/* A whole decimal number within [min, max], or -1. */
static long number(const char *s, long min, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max)
		return -1;
	return v;
}

static int parse_args(int argc, char **argv, struct opts *o)
{
	int opt;

	*o = (struct opts){ .secs = -1, .rate = -1, .phones = -1, .timeout = 2000, .expires = 300 };
	while ((opt = getopt(argc, argv, "d:r:n:t:e:")) != -1) {
		switch (opt) {
		case 'd': o->secs = number(optarg, 1, 600); break;
		case 'r': o->rate = number(optarg, 1, 2000); break;
		case 'n': o->phones = number(optarg, 1, 100000); break;
		case 't': o->timeout = number(optarg, 100, 32000); break;
		case 'e': o->expires = number(optarg, 0, 86400); break;
		default: return -EINVAL;
		}
	}
	if (o->secs < 0 || o->rate < 0 || o->phones < 0 || o->timeout < 0 || o->expires < 0 ||
	    argc - optind != 1)
		return -EINVAL;
	if (sip_target_parse(argv[optind], &o->target) < 0 || o->target.transport != SIP_UDP) {
		fprintf(stderr, "sip_load: %s: want udp:IP:PORT\n", argv[optind]);
		return -EINVAL;
	}
	return 0;
}

/* Builds and sends transaction @t's request (the same bytes on every retransmission). */
static int txn_send(struct load *l, const struct txn *t)
{
	char branch[48], cid[48], tag[24], user[24], aor[128], contact[128], ruri[64], buf[2048];
	const char *hp = l->hostport;
	int n;

	snprintf(branch, sizeof(branch), "z9hG4bK%s.%llu", l->run, (unsigned long long)t->seq);
	snprintf(cid, sizeof(cid), "%s-%llu@sipload", l->run, (unsigned long long)t->seq);
	snprintf(tag, sizeof(tag), "t%llu", (unsigned long long)t->seq);
	snprintf(ruri, sizeof(ruri), "sip:%s", hp);
	snprintf(user, sizeof(user), "phone%ld", t->phone);
	/* REGISTER: From and To are the phone's AOR; OPTIONS: from "sipload", to the server. */
	snprintf(aor, sizeof(aor), "sip:%s@%s", t->reg ? user : "sipload", hp);
	snprintf(contact, sizeof(contact), "sip:%s@%s", user, l->conn.local_host);
	n = sip_msg_build(&(struct sip_msg_req){
				  .method = t->reg ? "REGISTER" : "OPTIONS",
				  .ruri = ruri,
				  .proto = SIP_MSG_UDP,
				  .via_host = l->conn.local_host,
				  .via_port = l->conn.local_port,
				  .branch = branch,
				  .from_uri = aor, .from_tag = tag,
				  .to_uri = t->reg ? aor : ruri,
				  .call_id = cid,
				  .cseq = 1,
				  .contact = t->reg ? contact : NULL,
				  .has_expires = t->reg,
				  .expires = (unsigned int)l->o.expires,
				  .user_agent = "sipha-load",
			  },
			  buf, sizeof(buf));
	if (n < 0)
		return n;
	return sip_conn_send(&l->conn, buf, (size_t)n, clock_now_ms() + 1000);
}

static void note_fail(struct load *l, const struct txn *t)
{
	if (!l->first_fail)
		l->first_fail = t->first;
	if (t->first > l->last_fail)
		l->last_fail = t->first;
}

/* Ends transaction @t: @code is its final answer, 0 when it timed out. */
static void txn_end(struct load *l, struct txn *t, int code, int64_t now)
{
	t->used = false;
	if (code == 0) {
		l->timeouts++;
		note_fail(l, t);
		return;
	}
	l->answered++;
	if (code >= 500) {
		l->rejected++;
		note_fail(l, t);
		return;
	}
	l->ok++;
	if (l->last_ok && now - l->last_ok > l->max_gap) {
		l->max_gap = now - l->last_ok;
		l->gap_end = now;
	}
	l->last_ok = now;
}

/* Starts the next transaction: REGISTER and OPTIONS alternate, phones take turns. */
static int txn_start(struct load *l, int64_t now)
{
	struct txn *t = &l->tx[l->seq % l->ntx];

	/* The ring holds more than RATE * TIMEOUT: a slot still in use is long overdue. */
	if (t->used)
		txn_end(l, t, 0, now);
	*t = (struct txn){ .used = true, .seq = l->seq, .reg = l->seq % 2 == 0,
			   .interval = T1_MS, .first = now, .next = now + T1_MS,
			   .deadline = now + l->o.timeout };
	if (t->reg)
		t->phone = l->reg_turn++ % l->o.phones + 1;
	l->seq++;
	l->sent++;
	if (t->next < l->next_timer)
		l->next_timer = t->next;
	return txn_send(l, t);
}

/* Retransmits and times out what is due; recomputes the earliest timer. */
static int txn_timers(struct load *l, int64_t now)
{
	int64_t soonest = INT64_MAX;

	for (uint64_t s = l->oldest; s < l->seq; s++) {
		struct txn *t = &l->tx[s % l->ntx];
		int r;

		if (!t->used || t->seq != s)
			continue;
		if (now >= t->deadline) {
			txn_end(l, t, 0, now);
			continue;
		}
		if (now >= t->next) {
			r = txn_send(l, t);
			if (r < 0)
				return r;
			l->retrans++;
			t->interval = t->interval * 2 > T2_MS ? T2_MS : t->interval * 2;
			t->next = now + t->interval;
		}
		soonest = t->next < soonest ? t->next : soonest;
		soonest = t->deadline < soonest ? t->deadline : soonest;
	}
	while (l->oldest < l->seq && !l->tx[l->oldest % l->ntx].used)
		l->oldest++;
	l->next_timer = soonest;
	return 0;
}

/* The transaction a response belongs to (branch "z9hG4bK<run>.<seq>"), or NULL. */
static struct txn *txn_of(struct load *l, const struct sip_msg *m)
{
	char branch[48], cid[48];
	unsigned long long seq;
	struct txn *t;
	size_t k = 7 + strlen(l->run) + 1;

	if (m->via_branch.n <= k || m->via_branch.n >= sizeof(branch))
		return NULL;
	memcpy(branch, m->via_branch.p, m->via_branch.n);
	branch[m->via_branch.n] = '\0';
	if (sscanf(branch + k, "%llu", &seq) != 1)
		return NULL;
	t = &l->tx[seq % l->ntx];
	if (!t->used || t->seq != seq)
		return NULL;
	snprintf(cid, sizeof(cid), "%s-%llu@sipload", l->run, seq);
	return sip_msg_matches(m, cid, 1, t->reg ? "REGISTER" : "OPTIONS", branch) ? t : NULL;
}

/* Waits for one response until @until and accounts for it. */
static int receive(struct load *l, int64_t until)
{
	struct sip_msg m;
	struct txn *t;
	int r = sip_conn_recv(&l->conn, until, &m);

	/* No answer, an interrupted wait, or an ICMP error from a node without Kamailio: the
	 * transactions' own timers decide. */
	if (r == -ETIMEDOUT || r == -EINTR || r == -ECONNREFUSED || r == -EHOSTUNREACH)
		return 0;
	if (r < 0)
		return r;
	t = txn_of(l, &m);
	if (!t)
		return 0;
	/* Provisional: the server has it; retransmit at T2 from now on (RFC 3261 17.1.2.2). */
	if (m.code < 200) {
		t->interval = T2_MS;
		return 0;
	}
	txn_end(l, t, m.code, clock_now_ms());
	return 0;
}

/* When the next transaction is due (ms resolution: several may be due in the same ms). */
static int64_t next_start(const struct load *l)
{
	return l->start + (int64_t)((l->seq * 1000 + (uint64_t)l->o.rate - 1) / (uint64_t)l->o.rate);
}

static int run(struct load *l)
{
	for (;;) {
		int64_t now = clock_now_ms(), until;
		bool sending = now < l->end && !stop_requested;
		int r;

		while (sending && next_start(l) <= now) {
			r = txn_start(l, now);
			if (r < 0)
				return r;
		}
		if (now >= l->next_timer) {
			r = txn_timers(l, now);
			if (r < 0)
				return r;
		}
		if (stop_requested || (!sending && l->oldest == l->seq))
			return 0;
		until = l->next_timer;
		if (sending && next_start(l) < until)
			until = next_start(l);
		r = receive(l, until);
		if (r < 0)
			return r;
		while (l->oldest < l->seq && !l->tx[l->oldest % l->ntx].used)
			l->oldest++;
	}
}

static void print_summary(struct load *l)
{
	for (uint64_t s = l->oldest; s < l->seq; s++)
		if (l->tx[s % l->ntx].used && l->tx[s % l->ntx].seq == s)
			l->unfinished++;
	printf("sent=%ld answered=%ld ok=%ld failed=%ld timeouts=%ld rejected=%ld unfinished=%ld "
	       "retrans=%ld max_gap_ms=%lld gap_end=%lld first_fail=%lld last_fail=%lld "
	       "elapsed_ms=%lld\n",
	       l->sent, l->answered, l->ok, l->timeouts + l->rejected, l->timeouts, l->rejected,
	       l->unfinished, l->retrans, (long long)(l->ok > 1 ? l->max_gap : -1),
	       (long long)l->gap_end, (long long)l->first_fail, (long long)l->last_fail,
	       (long long)(clock_now_ms() - l->start));
}

/* Wall-clock epoch ms of a monotonic time, for lining failures up with the cluster's logs. */
static int64_t to_epoch(int64_t mono, int64_t offset)
{
	return mono ? mono + offset : 0;
}

static int setup(struct load *l)
{
	int r;

	l->ntx = (size_t)(l->o.rate * (l->o.timeout + 1000) / 1000 + 16);
	l->tx = calloc(l->ntx, sizeof(*l->tx));
	if (!l->tx)
		return -ENOMEM;
	r = sip_msg_random(l->run, sizeof(l->run));
	if (r < 0)
		return r;
	r = sip_target_format(&l->o.target, l->hostport, sizeof(l->hostport));
	if (r < 0)
		return r;
	/* "udp:" off: the R-URI wants host:port. */
	memmove(l->hostport, l->hostport + 4, strlen(l->hostport + 4) + 1);
	r = sip_conn_open(&l->conn, &l->o.target, clock_now_ms() + 1000);
	if (r < 0)
		return r;
	l->start = clock_now_ms();
	l->end = l->start + l->o.secs * 1000;
	l->next_timer = INT64_MAX;
	return 0;
}

int main(int argc, char **argv)
{
	static struct load l;
	struct sigaction sa = { .sa_handler = on_signal };
	struct timespec rt;
	int64_t offset;
	int r;

	if (parse_args(argc, argv, &l.o) < 0)
		return usage();
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	r = setup(&l);
	if (r < 0) {
		fprintf(stderr, "sip_load: %s\n", strerror(-r));
		return 1;
	}
	r = run(&l);
	clock_gettime(CLOCK_REALTIME, &rt);
	offset = (int64_t)rt.tv_sec * 1000 + rt.tv_nsec / 1000000 - clock_now_ms();
	l.gap_end = to_epoch(l.gap_end, offset);
	l.first_fail = to_epoch(l.first_fail, offset);
	l.last_fail = to_epoch(l.last_fail, offset);
	print_summary(&l);
	sip_conn_close(&l.conn);
	free(l.tx);
	if (r < 0) {
		fprintf(stderr, "sip_load: %s\n", strerror(-r));
		return 1;
	}
	return 0;
}
