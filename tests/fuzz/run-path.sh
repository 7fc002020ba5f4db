#!/bin/sh
# tests/fuzz/run-path.sh: fuzz_path_trust (paths root runs or reads) for a bounded time, see
# libfuzzer-run.sh.
exec "$(dirname "$0")/libfuzzer-run.sh" fuzz_path_trust path path.dict 8000
