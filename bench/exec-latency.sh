#!/usr/bin/env bash
# Median wall time of `docker exec <c> true` through the CLI (target < 100 ms).
#   DOCKER_HOST=unix:///run/wharf/wharf.sock bench/exec-latency.sh [RUNS]
set -euo pipefail
. "$(dirname "$0")/timing.sh"
runs=${1:-30}
c=bench-exec-$$
docker run -d --name "$c" busybox sleep 600 >/dev/null
trap 'docker rm -f "$c" >/dev/null' EXIT
docker exec "$c" true  # warm-up
echo "docker exec true: median $(median_ms "$runs" docker exec "$c" true) ms over $runs runs"
