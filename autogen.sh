#!/bin/sh
# Generates configure and Makefile.in from configure.ac and Makefile.am.
set -e
cd "$(dirname "$0")"
mkdir -p m4
mkdir -p build-aux
autoreconf --install --force
# automake does not install its TAP driver (nor, with SH_LOG_DRIVER set, test-driver) on its own
am_dir=$(automake --print-libdir)
cp -f "$am_dir/tap-driver.sh" build-aux/tap-driver.sh
cp -f "$am_dir/test-driver" build-aux/test-driver
