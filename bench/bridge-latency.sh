#!/usr/bin/env bash
# Median wall time of `docker run --rm busybox true` on the default bridge vs `--network none`
# (target: the bridge adds < 30 ms: netns, veth, address, route and rules per container).
#   DOCKER_HOST=unix:///run/wharf/wharf.sock bench/bridge-latency.sh [RUNS]
set -euo pipefail
. "$(dirname "$0")/lib.sh"
runs=${1:-15}
docker run --rm busybox true                   # warm-up: bridge and rules exist afterwards
docker run --rm --network none busybox true
none=$(median_ms "$runs" docker run --rm --network none busybox true)
bridge=$(median_ms "$runs" docker run --rm busybox true)
echo "docker run --rm busybox true: none ${none} ms, bridge ${bridge} ms, bridge adds $((bridge - none)) ms (median of $runs)"
