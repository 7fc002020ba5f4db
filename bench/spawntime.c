/* bench/spawntime.c: runs a command RUNS times the way Pacemaker's executor does (fork, exec,
 * wait from a C process, no shell in between) and prints the median and 95th percentile wall
 * time and the mean CPU time (user + system, from wait4) per run, in milliseconds, and the
 * exit status of the last run:  spawntime RUNS CMD [ARG...]  ->  "MEDIAN P95 CPU RC" */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	int runs = argc > 2 ? atoi(argv[1]) : 0, rc = -1;
	double *t, cpu = 0;

	if (runs < 1 || runs > 100000) {
		fprintf(stderr, "usage: spawntime RUNS CMD [ARG...]\n");
		return 2;
	}
	t = calloc((size_t)runs, sizeof(*t));
	if (!t)
		return 2;
	for (int i = 0; i < runs; i++) {
		struct rusage ru;
		int status;
		double t0 = now_ms();
		pid_t pid = fork();

		if (pid < 0) {
			perror("fork");
			return 2;
		}
		if (pid == 0) {
			if (!freopen("/dev/null", "w", stdout) || !freopen("/dev/null", "w", stderr))
				_exit(126);
			execvp(argv[2], argv + 2);
			_exit(127);
		}
		if (wait4(pid, &status, 0, &ru) < 0) {
			perror("wait4");
			return 2;
		}
		t[i] = now_ms() - t0;
		cpu += ru.ru_utime.tv_sec * 1e3 + ru.ru_utime.tv_usec / 1e3 +
		       ru.ru_stime.tv_sec * 1e3 + ru.ru_stime.tv_usec / 1e3;
		rc = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	}
	qsort(t, (size_t)runs, sizeof(*t), cmp);
	printf("%.2f %.2f %.2f %d\n", t[(runs - 1) / 2], t[(int)(runs * 0.95 + 0.5) - 1 < 0 ? 0 :
	       (int)(runs * 0.95 + 0.5) - 1], cpu / runs, rc);
	free(t);
	return 0;
}
