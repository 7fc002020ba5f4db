/* tests/fuzz/fuzz_nl_driver.c: runs a fuzz target without libFuzzer (builds with gcc): the
 * files named on the command line, else a bounded, reproducible set of inputs (random bytes,
 * and mutations of the target's valid seeds: flipped, overwritten, cut, extended). A crash or a
 * sanitizer report is the failure; the output is TAP. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/fuzz/fuzz_nl_driver.h"

#define MAX_INPUT 4096

static uint64_t state = 0x9e3779b97f4a7c15u;

static uint64_t next(void)
{
	/* xorshift64*: reproducible from run to run. */
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return state * 0x2545f4914f6cdd1du;
}

static int replay(int argc, char **argv)
{
	static uint8_t buf[1 << 20];

	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		size_t n;

		if (!f) {
			printf("not ok %d - %s: cannot open\n", i, argv[i]);
			return 1;
		}
		n = fread(buf, 1, sizeof(buf), f);
		fclose(f);
		LLVMFuzzerTestOneInput(buf, n);
		printf("ok %d - %s\n", i, argv[i]);
	}
	printf("1..%d\n", argc - 1);
	return 0;
}

int main(int argc, char **argv)
{
	static uint8_t seeds[32][MAX_INPUT];
	static size_t seedlen[32];
	uint8_t *buf = malloc(MAX_INPUT);
	const char *env = getenv("FUZZ_RUNS");
	long runs = env ? atol(env) : 200000;
	unsigned nseeds = 0;

	if (argc > 1)
		return replay(argc, argv);
	if (!buf)
		return 1;
	while (nseeds < 32 && (seedlen[nseeds] = fuzz_seed(nseeds, seeds[nseeds], MAX_INPUT)))
		nseeds++;
	for (unsigned i = 0; i < nseeds; i++)
		LLVMFuzzerTestOneInput(seeds[i], seedlen[i]);
	for (long r = 0; r < runs; r++) {
		size_t n;

		if (!nseeds || next() % 8 == 0) {
			n = next() % 256;
			for (size_t i = 0; i < n; i++)
				buf[i] = (uint8_t)next();
		} else {
			unsigned s = (unsigned)(next() % nseeds);
			int edits = 1 + (int)(next() % 4);

			n = seedlen[s];
			memcpy(buf, seeds[s], n);
			while (edits--) {
				switch (next() % 4) {
				case 0:	/* flip a bit */
					if (n)
						buf[next() % n] ^= (uint8_t)(1u << (next() % 8));
					break;
				case 1:	/* an interesting byte */
					if (n)
						buf[next() % n] = (uint8_t[]){ 0, 1, 0x7f, 0x80, 0xff }[next() % 5];
					break;
				case 2:	/* cut */
					n = n ? next() % n : 0;
					break;
				default: /* extend with random bytes */
					while (n < MAX_INPUT && next() % 4)
						buf[n++] = (uint8_t)next();
					break;
				}
			}
		}
		/* Exactly @n bytes, so that ASan sees a read past the input. */
		{
			uint8_t *exact = malloc(n ? n : 1);

			if (!exact)
				return 1;
			memcpy(exact, buf, n);
			LLVMFuzzerTestOneInput(exact, n);
			free(exact);
		}
	}
	free(buf);
	printf("ok 1 - %u seeds and %ld generated inputs without a crash\n1..1\n", nseeds, runs);
	return 0;
}
