#!/usr/bin/env bash
# Median wall time of `docker ps -a` with N containers (default 500; target < 100 ms).
# The containers are created, not started (listing cost does not depend on their state).
#   DOCKER_HOST=unix:///run/wharf/wharf.sock bench/ps-many.sh [N] [RUNS]
set -euo pipefail
. "$(dirname "$0")/timing.sh"
n=${1:-500}
runs=${2:-10}
prefix=bench-ps-$$
trap 'docker ps -aq --filter name=$prefix | xargs -r -n 50 docker rm -f >/dev/null' EXIT
seq 0 $((n - 1)) | xargs -P 4 -I{} docker create --name "$prefix-{}" busybox true >/dev/null
echo "docker ps -a, $(docker ps -aq | wc -l) containers: median $(median_ms "$runs" docker ps -a) ms over $runs runs"
echo "docker ps (running only): median $(median_ms "$runs" docker ps) ms over $runs runs"
