/* tests/stress/monitor_loop.c: runs an agent's monitor (any command) N times the way
 * Pacemaker's executor does, each run its own process (fork, exec, wait4 from C: no shell per
 * run), and reports what can grow across runs that the runs themselves can see: exit codes and
 * the peak RSS of each run (wait4's ru_maxrss).
 *
 *   monitor_loop [-n RUNS] [-t SECONDS] [-p RUN_MS] [-w K -s SUPP] [-e ERRFILE] CMD [ARG...]
 *
 * -n runs (1..1000000, default 1000); -t stops starting runs after this many seconds (default
 * 600): a bound on the whole loop, the runs left over count as not run; -p kills a run still
 * going after this many milliseconds (default 30000; 10x for valgrind runs) and counts it bad.
 * -w K: every K-th run goes under $VALGRIND (leaks definite/indirect and memory errors make it
 * exit 99; suppressions from SUPP); those runs count in rcs but not in the RSS figures.
 * -e: each run's stdout and stderr go to ERRFILE (truncated per run; the output of the first
 * failures is copied to our stderr), else to /dev/null.
 *
 * Prints one line of KEY=VALUE figures (kB, ms), stable for tests to read:
 *   runs= bad= vg_runs= vg_bad= window= rss_first_kb= rss_last_kb= rss_max_kb= driver_rss_kb=
 *   elapsed_ms= median_ms=
 * rss_first_kb/rss_last_kb are the medians of the peak RSS of the first and the last WINDOW
 * plain runs (1000, or half the plain runs when fewer than 2000); driver_rss_kb is our own
 * peak, for comparison. Exit 0 when the loop ran (the figures say how it went), 2 on a usage
 * or system error. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define RSS_WINDOW 1000
#define SHOW_FAILURES 3

static volatile sig_atomic_t alarmed;

static void on_alarm(int sig)
{
	(void)sig;
	alarmed = 1;
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* median of @n values (sorted in place) */
static long median_long(long *v, size_t n)
{
	qsort(v, n, sizeof(*v), cmp_long);
	return n ? v[(n - 1) / 2] : 0;
}

/* Sets an interval timer of @ms milliseconds (0: off); SIGALRM interrupts wait4. */
static void arm(long ms)
{
	struct itimerval it = { .it_value = { ms / 1000, (ms % 1000) * 1000 } };

	alarmed = 0;
	setitimer(ITIMER_REAL, &it, NULL);
}

/* Runs @argv once: its exit code (128 + signal when killed), its rusage in @ru; -1 on a
 * system error. A run past @limit_ms is killed (SIGKILL cannot be ignored; a process in D state
 * still dies once its I/O ends) and reported as 128 + SIGKILL. */
static int run_once(char **argv, const char *errfile, long limit_ms, struct rusage *ru)
{
	int status;
	pid_t pid = fork(), w;

	if (pid < 0)
		return -1;
	if (pid == 0) {
		int fd = errfile ? open(errfile, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)
				 : open("/dev/null", O_WRONLY | O_CLOEXEC);

		if (fd < 0 || dup2(fd, 1) < 0 || dup2(fd, 2) < 0)
			_exit(126);
		execvp(argv[0], argv);
		_exit(127);
	}
	arm(limit_ms);
	while ((w = wait4(pid, &status, 0, ru)) < 0 && errno == EINTR) {
		if (alarmed) {
			kill(pid, SIGKILL);
			arm(10000);	/* bounded even then: give up after 10 s more */
			if (wait4(pid, &status, 0, ru) < 0)
				w = -1;
			else
				w = pid;
			break;
		}
	}
	arm(0);
	if (w < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void show_output(const char *errfile, int run, int rc)
{
	char buf[4096];
	FILE *f = errfile ? fopen(errfile, "r") : NULL;
	size_t n = 0;

	fprintf(stderr, "run %d: rc %d\n", run, rc);
	if (!f)
		return;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	fprintf(stderr, "%s%s", buf, n && buf[n - 1] != '\n' ? "\n" : "");
}

static void usage(void)
{
	fprintf(stderr, "usage: monitor_loop [-n RUNS] [-t SECONDS] [-p RUN_MS] [-w K -s SUPP] "
		"[-e ERRFILE] CMD [ARG...]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	long runs = 1000, max_s = 600, run_ms = 30000, every = 0;
	const char *supp = NULL, *errfile = NULL, *vg = getenv("VALGRIND");
	long *rss, done = 0, bad = 0, vg_runs = 0, vg_bad = 0, plain = 0, rss_max = 0;
	double *ms, t_start, t_end;
	struct sigaction sa = { .sa_handler = on_alarm };	/* no SA_RESTART: wait4 returns */
	struct rusage self;
	int opt, shown = 0;

	while ((opt = getopt(argc, argv, "+n:t:p:w:s:e:")) != -1) {
		char *end;
		long v = 0;

		if (opt != 's' && opt != 'e') {
			errno = 0;
			v = strtol(optarg, &end, 10);
			if (errno || *end || v < 1)
				usage();
		}
		switch (opt) {
		case 'n': runs = v; break;
		case 't': max_s = v; break;
		case 'p': run_ms = v; break;
		case 'w': every = v; break;
		case 's': supp = optarg; break;
		case 'e': errfile = optarg; break;
		default: usage();
		}
	}
	if (optind >= argc || runs > 1000000 || max_s > 86400 || run_ms > 3600000)
		usage();
	if (every && (!vg || !*vg || !supp)) {
		fprintf(stderr, "monitor_loop: -w needs -s and VALGRIND set\n");
		return 2;
	}
	sigaction(SIGALRM, &sa, NULL);
	rss = calloc((size_t)runs, sizeof(*rss));
	ms = calloc((size_t)runs, sizeof(*ms));
	if (!rss || !ms)
		return 2;

	/* valgrind's command line, then the command */
	char supp_opt[4096];
	char *vg_argv[16 + argc];
	int a = 0;

	snprintf(supp_opt, sizeof(supp_opt), "--suppressions=%s", supp ? supp : "");
	vg_argv[a++] = (char *)vg;
	vg_argv[a++] = "-q";
	vg_argv[a++] = "--leak-check=full";
	vg_argv[a++] = "--show-leak-kinds=definite,indirect";
	vg_argv[a++] = "--errors-for-leak-kinds=definite,indirect";
	vg_argv[a++] = "--error-exitcode=99";
	vg_argv[a++] = "--num-callers=40";
	vg_argv[a++] = supp_opt;
	for (int i = optind; i <= argc; i++)
		vg_argv[a++] = argv[i];

	t_start = now_ms();
	for (long i = 0; i < runs; i++) {
		struct rusage ru;
		bool under_vg = every && i % every == every - 1;
		double t0 = now_ms();
		int rc;

		if (t0 - t_start > max_s * 1e3)
			break;
		rc = run_once(under_vg ? vg_argv : argv + optind, errfile,
			      under_vg ? run_ms * 10 : run_ms, &ru);
		if (rc < 0) {
			perror("monitor_loop: fork/wait4");
			return 2;
		}
		done++;
		if (under_vg) {
			vg_runs++;
			vg_bad += rc != 0;
		} else {
			ms[plain] = now_ms() - t0;
			rss[plain++] = ru.ru_maxrss;
			if (ru.ru_maxrss > rss_max)
				rss_max = ru.ru_maxrss;
		}
		if (rc != 0) {
			bad++;
			if (shown++ < SHOW_FAILURES)
				show_output(errfile, (int)i, rc);
		}
	}
	t_end = now_ms();

	long window = plain >= 2 * RSS_WINDOW ? RSS_WINDOW : plain / 2;
	long *last = malloc(sizeof(*last) * (size_t)(window ? window : 1));

	if (!last)
		return 2;
	memcpy(last, rss + plain - window, sizeof(*last) * (size_t)window);
	long first_med = median_long(rss, (size_t)window), last_med = median_long(last, (size_t)window);

	qsort(ms, (size_t)plain, sizeof(*ms), cmp_double);
	getrusage(RUSAGE_SELF, &self);
	printf("runs=%ld bad=%ld vg_runs=%ld vg_bad=%ld window=%ld rss_first_kb=%ld "
	       "rss_last_kb=%ld rss_max_kb=%ld driver_rss_kb=%ld elapsed_ms=%.0f median_ms=%.2f\n",
	       done, bad, vg_runs, vg_bad, window, first_med, last_med, rss_max, self.ru_maxrss,
	       t_end - t_start, plain ? ms[(plain - 1) / 2] : 0.0);
	free(last);
	free(rss);
	free(ms);
	return 0;
}
