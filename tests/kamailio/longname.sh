#!/bin/sh
# Two instances whose names share their first 64 characters (and two longer than the 200 used
# as is) keep their own records: one's monitor and stop never see or stop the other.
. "$top_srcdir/tests/kamailio/lib.sh"
export OCF_RESKEY_listen="udp:${KAM_IP}:5064"
head=$(printf 'kamailio-clone-with-a-long-name-%064d' 0)
for pair in "a b" "$(printf '%0200d' 1)-a $(printf '%0200d' 1)-b"; do
	set -- $pair
	one=$head-$1 other=$head-$2
	export OCF_RESOURCE_INSTANCE=$one
	expect 0 start
	# a name over 200 characters is hashed into its file name: the only record there is
	KAM_SID=$(cat "$HA_RSCTMP"/sipha/*.kamailio.id | cut -d' ' -f1)
	[ -n "$KAM_SID" ] || fail "no pid recorded"
	expect 0 monitor
	OCF_RESOURCE_INSTANCE=$other expect 7 monitor
	OCF_RESOURCE_INSTANCE=$other expect 0 stop
	expect 0 monitor	# the other's stop left this one running
	expect 0 stop
	expect 7 monitor
done
ls "$HA_RSCTMP/sipha" | awk 'length($0) > 255 { print "too long: " $0; bad = 1 } END { exit bad }' ||
	fail "a state file name is over NAME_MAX"
echo "PASS: longname"
