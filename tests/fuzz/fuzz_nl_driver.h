/* tests/fuzz/fuzz_nl_driver.h: what the floatip fuzz targets (fuzz_arp, fuzz_nd, fuzz_nl)
 * provide, for libFuzzer and for the standalone driver used without it. */
#ifndef SIPHA_FUZZ_NL_DRIVER_H
#define SIPHA_FUZZ_NL_DRIVER_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Writes the target's @i-th valid input into @buf; returns its length, 0 when there are no
 * more. The standalone driver mutates these. */
size_t fuzz_seed(unsigned i, uint8_t *buf, size_t len);

#endif
