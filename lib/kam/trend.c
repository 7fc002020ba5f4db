/* lib/kam/trend.c: least-squares leak trend and its sample file. */
#include "kam/trend.h"
#include "core/statefile.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int trend_fit(const struct trend_sample *s, size_t n, struct trend_fit *ret)
{
	double mt = 0, mu = 0, stt = 0, stu = 0;
	int64_t t0;

	if (n < 2)
		return -EINVAL;
	/* times relative to the last sample keep the sums small and exact enough */
	t0 = s[n - 1].t_ms;
	for (size_t i = 0; i < n; i++) {
		mt += (double)(s[i].t_ms - t0) / 1000.0;
		mu += s[i].used;
	}
	mt /= (double)n;
	mu /= (double)n;
	for (size_t i = 0; i < n; i++) {
		double dt = (double)(s[i].t_ms - t0) / 1000.0 - mt;

		stt += dt * dt;
		stu += dt * (s[i].used - mu);
	}
	if (stt <= 0)
		return -EINVAL;
	ret->n = n;
	ret->span_ms = s[n - 1].t_ms - s[0].t_ms;
	ret->slope = stu / stt;
	ret->intercept = mu - ret->slope * mt;
	return 0;
}

int trend_exhaust_s(const struct trend_fit *f, double used, double capacity, double min_slope,
		    double *ret_s)
{
	if (!(capacity > 0) || !isfinite(used) || !isfinite(f->slope))
		return -EINVAL;
	if (f->slope <= min_slope || f->slope <= 0)
		return 0;
	*ret_s = used >= capacity ? 0 : (capacity - used) / f->slope;
	return 1;
}

bool trend_rises_throughout(const struct trend_sample *s, size_t n, unsigned parts)
{
	double mean[TREND_PARTS_MAX], t0, span;
	size_t i = 0, slices = 0;

	if (n < 2 || parts < 2 || parts > TREND_PARTS_MAX)
		return false;
	/* in double: times read from a damaged file must not overflow */
	t0 = (double)s[0].t_ms;
	span = (double)s[n - 1].t_ms - t0;
	if (!(span > 0))
		return false;
	for (unsigned p = 0; p < parts; p++) {
		double sum = 0;
		size_t k = 0;

		/* slice p holds the samples up to (p + 1) / parts of the span; the last one
		 * the rest */
		while (i < n && (p == parts - 1 ||
				 ((double)s[i].t_ms - t0) * parts < (double)(p + 1) * span)) {
			sum += s[i].used;
			k++;
			i++;
		}
		if (k)
			mean[slices++] = sum / (double)k;
	}
	if (slices < 2 || !(mean[slices - 1] > mean[0]))
		return false;
	/* each slice up by a quarter of the even share of the rise at least: a flat pair of
	 * slices (a step's before or after) is not rescued by a few bytes of noise */
	for (size_t k = 1; k < slices; k++)
		if (!(mean[k] - mean[k - 1] >= (mean[slices - 1] - mean[0]) / (double)(slices - 1) / 4))
			return false;
	return true;
}

int trend_leak_fit(const struct trend_sample *s, size_t n, size_t min_n, unsigned parts,
		   struct trend_fit *ret)
{
	struct trend_fit f;
	double last, span;
	int found = 0;

	if (n < 2)
		return 0;
	last = (double)s[n - 1].t_ms;
	span = last - (double)s[0].t_ms;
	for (unsigned div = 1; div <= 4; div *= 2) {
		size_t i = 0;

		/* the samples within span / div of the last one */
		while (i < n && last - (double)s[i].t_ms > span / div)
			i++;
		if (n - i < min_n || n - i < 2)
			break;
		if (!trend_rises_throughout(s + i, n - i, parts) || trend_fit(s + i, n - i, &f) < 0)
			continue;
		if (!found || f.slope < ret->slope)
			*ret = f;
		found = 1;
	}
	return found;
}

size_t trend_parse(const char *text, struct trend_sample *buf, size_t buflen)
{
	size_t n = 0;

	if (!buflen)
		return 0;
	while (*text) {
		const char *nl = strchr(text, '\n');
		size_t linelen = nl ? (size_t)(nl - text) : strlen(text);
		char line[96], *end;
		long long t;
		double u;

		if (linelen < sizeof(line)) {
			memcpy(line, text, linelen);
			line[linelen] = '\0';
			errno = 0;
			t = strtoll(line, &end, 10);
			if (!errno && end != line && *end == ' ') {
				char *uend;

				u = strtod(end + 1, &uend);
				if (uend != end + 1 && *uend == '\0' && isfinite(u) && u >= 0) {
					/* full: shift out the oldest */
					if (n == buflen) {
						memmove(buf, buf + 1, (buflen - 1) * sizeof(*buf));
						n--;
					}
					buf[n].t_ms = t;
					buf[n].used = u;
					n++;
				}
			}
		}
		text += linelen;
		if (*text == '\n')
			text++;
	}
	return n;
}

/* One sample line: "T_MS USED\n"; the used figure is a byte count, far below 1e20. */
#define TREND_LINE_MAX 48

int trend_update(const char *path, const struct trend_sample *s, int64_t window_ms,
		 struct trend_sample *buf, size_t buflen, size_t *ret_n)
{
	size_t n = 0, keep = 0, cap, len = 0;
	char *text;
	ssize_t got;
	int r;

	if (buflen < 1 || buflen > (1 << 16))
		return -EINVAL;
	cap = buflen * TREND_LINE_MAX + 1;
	text = malloc(cap);
	if (!text)
		return -ENOMEM;
	got = statefile_read(path, text, cap, NULL);
	if (got < 0 && got != -ENOENT) {
		free(text);
		return (int)got;
	}
	if (got > 0)
		n = trend_parse(text, buf, buflen);
	for (size_t i = 0; i < n; i++)
		if (buf[i].t_ms >= s->t_ms - window_ms && buf[i].t_ms < s->t_ms)
			buf[keep++] = buf[i];
	n = keep;
	if (n == buflen) {
		memmove(buf, buf + 1, (buflen - 1) * sizeof(*buf));
		n--;
	}
	buf[n++] = *s;

	for (size_t i = 0; i < n; i++) {
		double used = buf[i].used < 0 ? 0 : buf[i].used > 1e18 ? 1e18 : buf[i].used;

		len += (size_t)snprintf(text + len, cap - len, "%" PRId64 " %.0f\n", buf[i].t_ms,
					used);
	}
	r = statefile_write(path, text, len);
	free(text);
	if (r < 0)
		return r;
	*ret_n = n;
	return 0;
}
