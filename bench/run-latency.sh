#!/usr/bin/env bash
# `docker run --rm busybox true` latency through the docker CLI against a freshly started Wharf
# daemon (private data root, run dir, socket and ports; removed afterwards).
#
#   sudo bench/run-latency.sh [RUNS]        (default 20 measured runs, after 3 warm-ups)
#
# Prints every run in ms, then min, median, p90 and max. Reference (issue 2): Docker 20.10 about
# 650 ms on this kind of machine; Wharf's target is a median under 300 ms.
# WHARF_LOG=debug keeps the daemon's log (per-step timings) in $KEEP_LOG if set.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
runs=${1:-20}
warmups=3

bench_start latency
for _ in $(seq 1 $warmups); do docker run --rm busybox true; done

times=()
for i in $(seq 1 "$runs"); do
  t0=$(date +%s%N)
  docker run --rm busybox true
  t1=$(date +%s%N)
  ms=$(( (t1 - t0) / 1000000 ))
  times+=("$ms")
  echo "run $i: $ms ms"
done
[[ -z ${KEEP_LOG:-} ]] || cp "$BENCH_DIR/daemon.log" "$KEEP_LOG"
bench_stop

printf '%s\n' "${times[@]}" | sort -n | awk -v runs="$runs" '
  { v[NR] = $1 }
  END {
    median = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    p90 = v[int(0.9 * NR + 0.999999)]
    printf "docker run --rm busybox true, %d runs: min %d ms, median %d ms, p90 %d ms, max %d ms\n",
      runs, v[1], median, p90, v[NR]
  }'
