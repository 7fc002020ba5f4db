/* lib/kam/trend.h: a leak trend from memory samples: least-squares slope over a time window and
 * the time left until a fixed-size pool is full at that rate.
 *
 * Kamailio's shared memory is one fixed pool: the OS sees no change while it fills, so the
 * only warning is the pool's own "used" figure rising. Samples live in a small text file in the
 * state dir, one "time_ms used" line each, so the trend survives from one monitor to the next.
 */
#ifndef SIPHA_TREND_H
#define SIPHA_TREND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct trend_sample {
	int64_t t_ms;		/* a clock_now_ms() reading */
	double used;		/* bytes in use */
};

struct trend_fit {
	size_t n;		/* samples used */
	int64_t span_ms;	/* time between the first and the last sample */
	double slope;		/* bytes per second */
	double intercept;	/* bytes at the last sample's time, on the fitted line */
};

/* Fits used = a + b * t by least squares. Returns 0, or -EINVAL with fewer than two samples
 * or when they all share one time. */
int trend_fit(const struct trend_sample *s, size_t n, struct trend_fit *ret);

/* Seconds until @used reaches @capacity at the fitted rate. Returns 1 with the figure in
 * @ret_s when memory grows (slope > @min_slope bytes/s), 0 when it does not (no prediction),
 * -EINVAL on bad input. Already full gives 1 and 0 s. */
int trend_exhaust_s(const struct trend_fit *f, double used, double capacity, double min_slope,
		    double *ret_s);

#define TREND_PARTS_MAX 16

/* Whether memory rose through the whole window, as a leak does: the samples are cut into
 * @parts (2 to TREND_PARTS_MAX) equal slices of time and each slice's mean must be above the
 * one before by at least a quarter of the even share of the whole rise (slices without a
 * sample are passed over). A step of load (idle to busy, a burst of registrations)
 * rises once and levels off, so at least one pair of slices is flat whenever the step took
 * less than a slice; a least-squares line alone reads it as a leak for the whole window.
 * False with fewer than two non-empty slices or @parts < 2. */
bool trend_rises_throughout(const struct trend_sample *s, size_t n, unsigned parts);

/* The leak's fit: of the whole span, its newest half and its newest quarter (by time), the
 * parts that hold at least @min_n samples and rise throughout (trend_rises_throughout,
 * @parts slices) are fitted, and the slowest rate wins. A leak that began after a quiet hour
 * is told on the newest part, before it spans the whole window; a step of load rises
 * throughout on none of them, and where a part holds both an old step and a leak, the
 * slower fit of a newer part keeps the step out of the rate. No part is shorter than a
 * quarter of the span, which keeps noise's slope small. Returns 1 with @ret filled, 0 when
 * no part rises. */
int trend_leak_fit(const struct trend_sample *s, size_t n, size_t min_n, unsigned parts,
		   struct trend_fit *ret);

/* Parses the sample file's text into @buf (at most @buflen samples, the latest kept); lines
 * that don't parse are skipped. Returns the count. */
size_t trend_parse(const char *text, struct trend_sample *buf, size_t buflen);

/* Appends @s to the file at @path, drops samples older than @window_ms before @s and, beyond
 * @buflen, the oldest ones; rewrites the file atomically; returns the window's samples in
 * @buf (oldest first) and their count in @ret_n. Samples from a later time than @s (another
 * boot, clock trouble) are dropped. Returns 0 or -errno. */
int trend_update(const char *path, const struct trend_sample *s, int64_t window_ms,
		 struct trend_sample *buf, size_t buflen, size_t *ret_n);

#endif
