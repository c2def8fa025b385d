#!/usr/bin/env bash
# Memory of a freshly started Wharf daemon (all roles in one JVM), idle and with idle containers.
#
#   sudo bench/rss.sh [CONTAINERS]          (default 50 containers running `sleep 3600`)
#
# Prints the daemon JVM's RSS idle (after start and busybox load, then a pause), its RSS with the
# containers running, the per-container cost of the daemon, and the conmon shims' RSS (one per
# container, outside the daemon). Reference (issue 2): Docker about 150 MiB idle (dockerd +
# containerd). Everything it starts is removed at the end.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
count=${1:-50}

mib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }

bench_start rss
sleep 5
idle=$(rss_kib "$(daemon_java_pid)")
echo "daemon RSS idle: $(mib "$idle")"

for i in $(seq 1 "$count"); do
  docker run -d --name "rss-$i" busybox sleep 3600 >/dev/null
done
sleep 5
loaded=$(rss_kib "$(daemon_java_pid)")
shims=0
for pid in $(pgrep -x conmon || true); do
  if grep -q -- "$BENCH_DIR" "/proc/$pid/cmdline" 2>/dev/null; then
    shims=$(( shims + $(rss_kib "$pid") ))
  fi
done
running=$(docker ps -q | wc -l)
echo "daemon RSS with $running idle containers: $(mib "$loaded")"
echo "daemon RSS per container: $(awk -v a="$idle" -v b="$loaded" -v n="$running" 'BEGIN { printf "%.0f KiB", (b - a) / n }')"
echo "conmon shims RSS, all $running: $(mib "$shims") ($(awk -v s="$shims" -v n="$running" 'BEGIN { printf "%.0f KiB", s / n }') each)"
bench_stop
