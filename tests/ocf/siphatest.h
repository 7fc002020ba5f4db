/* tests/ocf/siphatest.h: the test agent's configuration, shared with the unit tests. */
#ifndef SIPHA_TEST_SIPHATEST_H
#define SIPHA_TEST_SIPHATEST_H

#include "ocf/ocf.h"

struct siphatest_cfg {
	struct ocf_addr ip;
	long long count;
	bool verbose;
	int64_t interval_ms;
	int mode;
	const char *nic;
	const char *binary;
	struct ocf_list names;
	const char *label;
	const char *secret;
};

extern const struct ocf_agent siphatest_agent;

#endif
