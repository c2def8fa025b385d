#!/usr/bin/env bash
# Median wall time of `docker stats --no-stream` with N running containers (default 50; target < 100 ms),
# and of the API work behind it (list + one stats?stream=0 per container, in parallel as the CLI
# does). The CLI itself waits for its first 500 ms display tick before printing, so its figure has a
# ~500 ms floor whatever the daemon does; the API figure is the daemon's part.
#   DOCKER_HOST=unix:///run/wharf/wharf.sock bench/stats-no-stream.sh [N] [RUNS]
set -euo pipefail
. "$(dirname "$0")/timing.sh"
n=${1:-50}
runs=${2:-5}
prefix=bench-stats-$$
trap 'docker ps -aq --filter name=$prefix | xargs -r docker rm -f >/dev/null' EXIT
for ((i = 0; i < n; i++)); do
  docker run -d --name "$prefix-$i" busybox sleep 600 >/dev/null
done
docker stats --no-stream >/dev/null  # warm-up (first samples)
api_times=()
for ((i = 0; i <= runs; i++)); do
  api_times+=("$(python3 "$(dirname "$0")/api_stats.py" "$(socket_path)")")
done
echo "API (list + $n x stats?stream=0 concurrently): median $(printf '%s\n' "${api_times[@]:1}" | sort -n \
  | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}') ms over $runs runs"
echo "docker stats --no-stream, $n running: median $(median_ms "$runs" docker stats --no-stream) ms over $runs runs"
