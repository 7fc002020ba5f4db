# scripts/root-mounts.sh: sourced (bash) by scripts/clean-root.sh and tests/package/package.sh,
# which each unpack a throwaway Debian root and run apt and the suite in it.

# root_mounts ROOT APT_CACHE: the host's resolv.conf, then /proc, /sys (a slave of the host's),
# /dev (devtmpfs, else the host's), /dev/pts, a tmpfs /dev/shm and /run (with /run/lock), and
# APT_CACHE on the root's apt archives (downloads kept for the next root). Non-zero at the first
# step that fails; the caller unmounts.
root_mounts() {
	local r=$1 cache=$2
	cp /etc/resolv.conf "$r/etc/resolv.conf" &&
		mount -t proc proc "$r/proc" && mount --rbind /sys "$r/sys" &&
		mount --make-rslave "$r/sys" &&
		{ mount -t devtmpfs dev "$r/dev" 2>/dev/null || mount --rbind /dev "$r/dev"; } &&
		mkdir -p "$r/dev/pts" "$r/dev/shm" &&
		{ mount -t devpts devpts "$r/dev/pts" 2>/dev/null || :; } &&
		mount -t tmpfs shm "$r/dev/shm" && mount -t tmpfs run "$r/run" &&
		mkdir -p "$r/run/lock" && mount --bind "$cache" "$r/var/cache/apt/archives"
}
