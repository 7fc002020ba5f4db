#!/bin/sh
# tests/fuzz/run-sip.sh: fuzz_sip_reply (SIP replies) for a bounded time, see libfuzzer-run.sh.
exec "$(dirname "$0")/libfuzzer-run.sh" fuzz_sip_reply sip sip.dict 4096
