#!/usr/bin/env bash
# docker pull through a Wharf daemon against the transfer floor, same run, same machine: a 200 MB,
# 5-layer image (random content, gzip) in a local CNCF Distribution (Debian docker-registry) on
# loopback; `skopeo copy docker://... dir:...` (download + digest + write) is the floor and
# `docker pull` (CLI -> gateway -> registry service: download, verify, store) is measured against
# it. Prints the best of REPEAT runs of each and the ratio (target: Wharf <= 1.3 x skopeo).
#
#   bench/pull-bench.sh            (needs: skopeo, docker, docker-registry, python3, a built tree:
#   REPEAT=5 bench/pull-bench.sh    mvn -o -DskipTests install)
#
# Not part of the test suite. Everything lives in a temp dir removed at exit; only the processes
# started here are stopped (by PID). The daemon runs the registry, scheduler and gateway roles only.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
repeat=${REPEAT:-3}
for tool in skopeo docker docker-registry python3 curl; do
  command -v "$tool" >/dev/null || { echo "pull-bench: $tool is missing" >&2; exit 1; }
done
[ -d "$repo/launcher/target/lib" ] || { echo "pull-bench: build first: mvn -o -DskipTests install" >&2; exit 1; }

work=$(mktemp -d /tmp/wpb.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null && wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
[ -n "${KEEP:-}" ] && trap - EXIT && echo "work dir $work" >&2

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
now() { date +%s.%N; }

echo "== making a 200 MB 5-layer image" >&2
python3 "$here/make-oci-image.py" "$work/img" 5 $((200 * 1024 * 1024 / 5)) >/dev/null
bytes=$(du -sb "$work/img/blobs" | cut -f1)

dist_port=$(free_port)
cat > "$work/distribution.yml" <<YML
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $work/dist-data
  cache:
    blobdescriptor: inmemory
http:
  addr: 127.0.0.1:$dist_port
YML
docker-registry serve "$work/distribution.yml" > "$work/distribution.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 200); do curl -fs -o /dev/null "http://127.0.0.1:$dist_port/v2/" && break; sleep 0.1; done
ref="127.0.0.1:$dist_port/bench/big:1"
skopeo copy -q --dest-tls-verify=false "oci:$work/img:1" "docker://$ref"

sock=$work/w.sock
: > "$work/daemon.log"
"$repo/bin/wharf" daemon --data-root "$work/data" --run-dir "$work/run" --socket "$sock" --node-name pullbench \
  --roles registry,scheduler,gateway --registry-port "$(free_port)" --cluster-port "$(free_port)" \
  --cluster-name "pullbench-$$" > "$work/daemon.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 300); do grep -q " ready in " "$work/daemon.log" && break; sleep 0.2; done
export DOCKER_HOST=unix://$sock DOCKER_CONFIG=$work/docker-config

best() { python3 -c "import sys; print(min(float(x) for x in sys.argv[1:]))" "$@"; }
skopeo_times=() wharf_times=()
for i in $(seq 1 "$repeat"); do
  rm -rf "$work/out"
  t0=$(now); skopeo copy -q --src-tls-verify=false "docker://$ref" "dir:$work/out"; t1=$(now)
  skopeo_times+=("$(python3 -c "print($t1 - $t0)")")
  t0=$(now); docker pull "$ref" > "$work/pull.out"; t1=$(now)
  if grep -q "Already exists" "$work/pull.out"; then echo "pull-bench: layers were still present after rmi" >&2; exit 1; fi
  wharf_times+=("$(python3 -c "print($t1 - $t0)")")
  docker rmi -f "$ref" >/dev/null
done
s=$(best "${skopeo_times[@]}")
w=$(best "${wharf_times[@]}")
python3 - "$bytes" "$s" "$w" <<'PY'
import sys
b, s, w = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
mb = b / 1048576
print(f"image: {mb:.0f} MB in 5 gzip layers (best of runs)")
print(f"skopeo copy -> dir:   {s:6.2f} s  {mb / s:7.1f} MB/s")
print(f"docker pull (Wharf):  {w:6.2f} s  {mb / w:7.1f} MB/s")
print(f"ratio Wharf/skopeo:   {w / s:6.2f}  (target <= 1.30)")
PY
