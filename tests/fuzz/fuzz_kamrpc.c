/* tests/fuzz/fuzz_kamrpc.c: libFuzzer target for the parsers of what Kamailio (or anyone able
 * to write to the agent's reply socket) sends back: JSON-RPC replies to core.shmmem, pkg.stats,
 * stats.get_statistics and dmq.list_nodes; and, from /proc, stat lines and the agent's own
 * records. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kam/kamrpc_parse.h"
#include "core/proc_id.h"
#include "core/proc_pidfile.h"
#include "core/proc_stat.h"
#include "kam/trend.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct kamrpc_shm shm;
	struct kamrpc_pkg pkg;
	struct kamrpc_dmq dmq;
	struct kamrpc_counter c[] = {
		{ .name = "registrar:accepted_regs" },
		{ .name = "registrar:rejected_regs" },
	};
	struct proc_stat st;
	struct proc_id id;
	struct trend_sample s[8];
	struct trend_fit fit;
	size_t n;
	char err[64];
	pid_t pid;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	kamrpc_parse_reply(text, size, 1, err, sizeof(err));
	kamrpc_parse_shmmem(text, size, &shm);
	kamrpc_parse_shmmem_kib(text, size, &shm);
	kamrpc_parse_pkg(text, size, &pkg);
	kamrpc_parse_stats(text, size, c, 2);
	kamrpc_parse_dmq_nodes(text, size, &dmq);
	/* the NUL-terminated parsers see the text up to the first NUL */
	proc_stat_parse(text, &st);
	proc_id_parse(text, &id);
	proc_pidfile_parse(text, &pid);
	/* a damaged sample file goes on to the fit and the rise test */
	n = trend_parse(text, s, 8);
	trend_fit(s, n, &fit);
	trend_rises_throughout(s, n, 4);
	free(text);
	return 0;
}
