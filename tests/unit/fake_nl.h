/* tests/unit/fake_nl.h: a netlink kernel that is older or busier than the real one. Linked with
 * -Wl,--wrap=mnl_socket_recvfrom, it edits each answer of the real kernel before lib/net/nl.c and
 * libmnl read it. Unit tests set fake_nl; a program built with it (tests/net's floatip-fakenl)
 * takes the same settings from its environment at start:
 *   FAKE_NL_NOPROTO=1     drop IFA_PROTO from address messages, as kernels before 5.18 do
 *   FAKE_NL_DUMP_INTR=N   mark the first N dumps interrupted (NLM_F_DUMP_INTR); -1: every one */
#ifndef SIPHA_FAKE_NL_H
#define SIPHA_FAKE_NL_H

#include <stdbool.h>

struct fake_nl {
	bool noproto;		/* drop IFA_PROTO from RTM_NEWADDR */
	int dump_intr;		/* dumps left to interrupt; negative: all of them */
	bool intr_on_done;	/* flag the dump's NLMSG_DONE rather than its first message */
	int dumps;		/* dumps seen so far */
	int interrupted;	/* dumps marked interrupted so far */
	int kernel_intr;	/* messages the real kernel marked interrupted */
};

extern struct fake_nl fake_nl;

#endif
