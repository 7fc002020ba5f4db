#!/bin/sh
# tests/fuzz/run-cron.sh: fuzz_cron (crontab times) for a bounded time, see libfuzzer-run.sh.
exec "$(dirname "$0")/libfuzzer-run.sh" fuzz_cron cron cron.dict 1100
