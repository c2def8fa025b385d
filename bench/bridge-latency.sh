#!/usr/bin/env bash
# Median wall time of `docker run --rm busybox true` on the default bridge vs `--network none`
# (target: the bridge adds < 30 ms: netns, veth, address, route and rules per container).
# The two kinds alternate, so that load drifting on a shared machine hits both alike.
#   DOCKER_HOST=unix:///run/wharf/wharf.sock bench/bridge-latency.sh [RUNS]
set -euo pipefail
. "$(dirname "$0")/timing.sh"
runs=${1:-15}
docker run --rm busybox true >/dev/null                  # warm-up: bridge and rules exist afterwards
docker run --rm --network none busybox true >/dev/null
none=() bridge=() diff=()
for ((i = 0; i < runs; i++)); do
  t0=$(now_ms); docker run --rm --network none busybox true; t1=$(now_ms)
  docker run --rm busybox true; t2=$(now_ms)
  none+=($((t1 - t0))); bridge+=($((t2 - t1))); diff+=($((t2 - t1 - (t1 - t0))))
done
med() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "docker run --rm busybox true over $runs pairs: none $(med "${none[@]}") ms, bridge $(med "${bridge[@]}") ms," \
  "median per-pair difference $(med "${diff[@]}") ms"
