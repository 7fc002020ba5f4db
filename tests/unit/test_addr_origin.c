/* tests/unit/test_addr_origin.c: whose is a copy of an address, and whether it is usable yet
 * (lib/net/addr_origin.c). Pure. */
#include <errno.h>
#include <linux/if_addr.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "net/addr_origin.h"

static const struct nl_addr permanent = { .family = AF_INET, .flags = IFA_F_PERMANENT,
					   .valid_lft = NL_LIFE_FOREVER,
					   .preferred_lft = NL_LIFE_FOREVER };

static void test_origin(void **state)
{
	struct nl_addr a = permanent;

	(void)state;
	assert_int_equal(addr_origin(&a), ADDR_STATIC);
	a.proto = ADDR_PROTO_SIPHA;
	assert_int_equal(addr_origin(&a), ADDR_OURS);
	/* Ours, whatever lifetime it has. */
	a.flags = 0;
	a.valid_lft = 300;
	assert_int_equal(addr_origin(&a), ADDR_OURS);
	a.proto = 0;
	assert_int_equal(addr_origin(&a), ADDR_DYNAMIC);
	a.proto = IFAPROT_KERNEL_RA;
	assert_int_equal(addr_origin(&a), ADDR_DYNAMIC);
	/* A finite lifetime on a permanent address is no lease. */
	a.flags = IFA_F_PERMANENT;
	assert_int_equal(addr_origin(&a), ADDR_STATIC);
	/* Not permanent but forever (an address added without a lifetime by some tools). */
	a.flags = 0;
	a.valid_lft = NL_LIFE_FOREVER;
	assert_int_equal(addr_origin(&a), ADDR_STATIC);
	a.proto = 4;
	assert_int_equal(addr_origin(&a), ADDR_STATIC);
}

static void test_state(void **state)
{
	struct nl_addr a = permanent;

	(void)state;
	assert_int_equal(addr_state(&a), ADDR_USABLE);
	a.flags |= IFA_F_TENTATIVE;
	assert_int_equal(addr_state(&a), ADDR_TENTATIVE);
	a.flags |= IFA_F_DADFAILED;
	assert_int_equal(addr_state(&a), ADDR_DADFAILED);
	a.flags = IFA_F_DADFAILED;
	assert_int_equal(addr_state(&a), ADDR_DADFAILED);
	a.flags = IFA_F_NODAD | IFA_F_NOPREFIXROUTE | IFA_F_DEPRECATED;
	assert_int_equal(addr_state(&a), ADDR_USABLE);
}

static void test_text(void **state)
{
	struct nl_addr a = permanent;
	char buf[64];

	(void)state;
	assert_string_equal(addr_origin_text(&a, buf, sizeof(buf)), "static, untagged");
	a.proto = 4;
	assert_string_equal(addr_origin_text(&a, buf, sizeof(buf)), "static, protocol 4");
	a.proto = ADDR_PROTO_SIPHA;
	assert_string_equal(addr_origin_text(&a, buf, sizeof(buf)), "static, protocol 83");
	a.proto = IFAPROT_KERNEL_LO;
	assert_string_equal(addr_origin_text(&a, buf, sizeof(buf)),
			    "static, untagged, kernel loopback");
	a.proto = IFAPROT_KERNEL_LL;
	assert_string_equal(addr_origin_text(&a, buf, sizeof(buf)),
			    "static, untagged, kernel link-local");
	a.proto = 0;
	a.flags = 0;
	a.valid_lft = 3600;
	assert_string_equal(addr_origin_text(&a, buf, sizeof(buf)), "dynamic, lease 3600s left");
	a.proto = IFAPROT_KERNEL_RA;
	assert_string_equal(addr_origin_text(&a, buf, sizeof(buf)),
			    "dynamic, lease 3600s left, router advertisement");
	a.proto = 16;
	assert_string_equal(addr_origin_text(&a, buf, sizeof(buf)), "dynamic, lease 3600s left");
	/* Cut to the buffer, never past it. */
	assert_string_equal(addr_origin_text(&a, buf, 8), "dynamic");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_origin),
		cmocka_unit_test(test_state),
		cmocka_unit_test(test_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
