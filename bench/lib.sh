# Shared by the bench scripts: start a private Wharf daemon, stop it, clean up.
# Sourced, not run. Needs root (the node agent runs containers), docker CLI, busybox-static.
#
# bench_start NAME   starts bin/wharf daemon on /tmp/wb-NAME-$$ (data, run dir, socket, free ports),
#                    waits for "ready", loads busybox; sets BENCH_DIR, DAEMON_PID, DOCKER_HOST
# bench_stop         rm -f every container, SIGTERM the daemon (by PID), delete BENCH_DIR
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# A free TCP port on loopback (the kernel picks it); without python3 a random high port.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null \
    || echo $((30000 + RANDOM % 20000))
}

bench_start() {
  local name=$1
  BENCH_DIR=/tmp/wb-$name-$$
  mkdir -p "$BENCH_DIR"
  export DOCKER_HOST=unix://$BENCH_DIR/wharf.sock
  export DOCKER_CONFIG=$BENCH_DIR/docker-config
  trap bench_stop EXIT
  "$REPO/bin/wharf" daemon --data-root "$BENCH_DIR/data" --run-dir "$BENCH_DIR/run" \
    --socket "$BENCH_DIR/wharf.sock" --node-name "bench-$name" --cluster-name "bench-$name-$$" \
    --cluster-port "$(free_port)" --registry-port "$(free_port)" > "$BENCH_DIR/daemon.log" 2>&1 &
  DAEMON_PID=$!
  local i
  for i in $(seq 1 600); do
    grep -q ' ready in ' "$BENCH_DIR/daemon.log" 2>/dev/null && break
    kill -0 "$DAEMON_PID" 2>/dev/null || { cat "$BENCH_DIR/daemon.log" >&2; echo "daemon exited" >&2; exit 1; }
    sleep 0.1
  done
  grep -q ' ready in ' "$BENCH_DIR/daemon.log" || { echo "daemon not ready in 60 s" >&2; exit 1; }
  "$REPO/scripts/busybox-image.sh" "$BENCH_DIR/busybox.tar" >/dev/null
  docker load -q -i "$BENCH_DIR/busybox.tar" >/dev/null
}

bench_stop() {
  trap - EXIT
  [[ -n ${DAEMON_PID:-} ]] || return 0
  local ids
  ids=$(docker ps -aq 2>/dev/null || true)
  [[ -z $ids ]] || docker rm -f $ids >/dev/null 2>&1 || true
  kill "$DAEMON_PID" 2>/dev/null || true
  wait "$DAEMON_PID" 2>/dev/null || true
  DAEMON_PID=
  if grep -q " $BENCH_DIR/" /proc/self/mountinfo; then
    echo "bench: leaving $BENCH_DIR (still mounted)" >&2
  else
    rm -rf "$BENCH_DIR"
  fi
}

# rss_kib PID: resident set size of one process, KiB
rss_kib() {
  awk '/^VmRSS:/ {print $2}' "/proc/$1/status"
}

# daemon_java_pid: the JVM behind bin/wharf (bin/wharf execs java, so it is DAEMON_PID itself)
daemon_java_pid() {
  echo "$DAEMON_PID"
}
