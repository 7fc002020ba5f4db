#!/bin/sh
# tests/kamailio/tls-setup.sh DIR: a throwaway self-signed certificate and a Kamailio tls.cfg
# using it, in DIR (for -A WITH_TLS -A 'TLS_CFG="DIR/tls.cfg"'). Exit 77 when openssl or
# Kamailio's tls module is missing.
set -u
dir=$1
command -v openssl >/dev/null 2>&1 || { echo "SKIP: no openssl"; exit 77; }
[ -e /usr/lib/x86_64-linux-gnu/kamailio/modules/tls.so ] ||
	ls /usr/lib/*/kamailio/modules/tls.so >/dev/null 2>&1 ||
	{ echo "SKIP: no kamailio tls module (kamailio-tls-modules)"; exit 77; }
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$dir/key.pem" -out "$dir/cert.pem" \
	-days 2 -subj /CN=sipha-test >/dev/null 2>&1 || { echo "FAIL: openssl req"; exit 1; }
chmod 644 "$dir/key.pem"	# Kamailio reads it after dropping root
cat > "$dir/tls.cfg" <<EOC
[server:default]
method = TLSv1.2+
verify_certificate = no
require_certificate = no
private_key = $dir/key.pem
certificate = $dir/cert.pem

[client:default]
verify_certificate = no
require_certificate = no
EOC
