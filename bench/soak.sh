#!/usr/bin/env bash
# Soak: CYCLES x (run -d, exec, logs, stop, rm), PARALLEL at a time, against a private daemon.
#
#   sudo bench/soak.sh [CYCLES] [PARALLEL]        (default 1000 cycles, 20 in parallel)
#
# Prints, before (after a warm-up of PARALLEL cycles) and after the soak: mounts under the daemon's
# dirs, cgroups /sys/fs/cgroup/[*/]wharf/<id> of the soak's containers, conmon processes, exec dirs
# and container dirs left, the daemon JVM's fds, threads and RSS; then the failed cycles. Target:
# nothing leaked (mounts, cgroups, conmons, exec and container dirs back to 0), fds and threads
# back to their warm value, RSS flat. Everything it starts is removed at the end.
#
# Environment: ROUNDS=N runs the CYCLES N times on the same daemon, with a snapshot after each round
# (growth that continues in round 2 is a leak; growth in round 1 only is warm-up). SOAK_DIAG=DIR
# also writes, before and after each round, the JVM's thread names, class histogram (live objects,
# which forces a full GC first) and native memory summary (start the daemon with
# WHARF_JAVA_OPTS=-XX:NativeMemoryTracking=summary for the latter) to DIR.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cycles=${1:-1000}
parallel=${2:-20}
rounds=${ROUNDS:-1}
diag=${SOAK_DIAG:-}

# one cycle; prints its container id on success, "FAIL <n> <step>" otherwise
cycle() {
  local n=soak-$1 id out
  id=$(docker run -d --name "$n" busybox sh -c 'echo started; exec sleep 600') || { echo "FAIL $1 run"; return; }
  echo "$id"
  out=$(docker exec "$n" echo hi) && [[ $out == hi ]] || echo "FAIL $1 exec"
  out=$(docker logs "$n") && [[ $out == started ]] || echo "FAIL $1 logs"
  docker stop -t 1 "$n" >/dev/null || echo "FAIL $1 stop"
  docker rm "$n" >/dev/null || echo "FAIL $1 rm"
}
export -f cycle

# the host resources one daemon holds; $1: file of container ids
snapshot() {
  local pid cgroups=0 id
  pid=$(daemon_java_pid)
  while read -r id; do
    [[ $id =~ ^[0-9a-f]{64}$ ]] || continue
    for d in /sys/fs/cgroup/wharf/"$id" /sys/fs/cgroup/*/wharf/"$id"; do
      [[ -d $d ]] && cgroups=$((cgroups + 1))
    done
  done < "$1"
  printf 'mounts=%s cgroups=%s conmons=%s exec_dirs=%s container_dirs=%s fds=%s threads=%s rss_kib=%s\n' \
    "$(grep -c " $BENCH_DIR/" /proc/self/mountinfo || true)" "$cgroups" \
    "$(pgrep -f "conmon.*$BENCH_DIR" | wc -l)" \
    "$(find "$BENCH_DIR/run/x" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l)" \
    "$(find "$BENCH_DIR/data/containers" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l)" \
    "$(find /proc/"$pid"/fd -mindepth 1 -maxdepth 1 | wc -l)" \
    "$(awk '/^Threads:/ {print $2}' /proc/"$pid"/status)" "$(rss_kib "$pid")"
}

# diagnostics of the daemon JVM into $diag/<label>.*; $1: label
diagnose() {
  [[ -n $diag ]] || return 0
  local pid
  pid=$(daemon_java_pid)
  mkdir -p "$diag"
  jcmd "$pid" Thread.print 2>/dev/null | grep '^"' | sed 's/^"\([^"]*\)".*/\1/' | sed 's/[0-9]\+/N/g' \
    | sort | uniq -c | sort -rn > "$diag/$1.threads" || true
  jcmd "$pid" GC.class_histogram 2>/dev/null > "$diag/$1.histogram" || true
  jcmd "$pid" VM.native_memory summary 2>/dev/null > "$diag/$1.nmt" || true
  rss_kib "$pid" > "$diag/$1.rss_after_full_gc"
}

bench_start soak
ids=$BENCH_DIR/ids
seq 1 "$parallel" | sed 's/^/w/' | xargs -P "$parallel" -I{} bash -c 'cycle {}' > "$ids"
sleep 3
echo "before ($parallel warm-up cycles):  $(snapshot "$ids")"
diagnose round0
for round in $(seq 1 "$rounds"); do
  start=$(date +%s)
  seq 1 "$cycles" | sed "s/^/r$round-/" | xargs -P "$parallel" -I{} bash -c 'cycle {}' >> "$ids"
  took=$(( $(date +%s) - start ))
  sleep 3
  echo "after $cycles cycles (round $round) in ${took} s: $(snapshot "$ids")"
  diagnose "round$round"
done
fails=$(grep -c '^FAIL' "$ids" || true)
echo "failed steps: $fails"
grep '^FAIL' "$ids" | head -20 || true
bench_stop
