#!/bin/sh
# Generates configure and Makefile.in from configure.ac and Makefile.am.
set -e
cd "$(dirname "$0")"
mkdir -p m4
mkdir -p build-aux
autoreconf --install --force
# automake does not install its test drivers when they are named explicitly
am_dir=$(automake --print-libdir)
cp -f "$am_dir/tap-driver.sh" "$am_dir/test-driver" build-aux/
