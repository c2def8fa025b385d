#!/usr/bin/env bash
# skopeo pulls only, alternating between one or more Wharf registry variants, CNCF Distribution
# and a "no registry" bound: `skopeo copy oci:... dir:...` of the same image from local disk
# (no network, no server), i.e. what skopeo itself costs. A registry cannot make skopeo pull
# faster than that bound, so if bound / Distribution < 1.2 the 1.2x pull target cannot be met
# by any server on this machine (see bench/README.md "Registry").
#
#   bench/registry-pull-ab.sh ROUNDS 'NAME|JVM_FLAGS|CONFIG_JSON' ...
#   bench/registry-pull-ab.sh 7 'base||' 'snd128k||{"sendBufferBytes":131072}'
#   DEST=oci bench/registry-pull-ab.sh 7 'base||'        (skopeo destination transport, default dir)
#
# Pushes a fresh 200 MB / 3-layer and a 50 x 100 KB-layer image to every registry once, then pulls
# each image from each source in turn, ROUNDS times, and prints medians (MB/s). Needs the
# image-registry-service built in this tree (`mvn -q -o -pl image-registry-service -am install
# -DskipTests`). Everything lives in a temp dir removed at exit; stops only the registries it started.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
rounds=${1:?usage: registry-pull-ab.sh ROUNDS 'NAME|JVM_FLAGS|CONFIG_JSON' ...}
shift
work=$(mktemp -d /tmp/wharf-pull-ab.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

(cd "$repo" && mvn -q -o -pl image-registry-service dependency:build-classpath -Dmdep.outputFile="$work/cp.txt") >&2
cp="$repo/image-registry-service/target/classes:$repo/image-registry-service/target/test-classes:$repo/api/target/classes"
cp="$cp:$(cat "$work/cp.txt")"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

names=() ports=()
for spec in "$@"; do
  IFS='|' read -r name flags cfg <<<"$spec"
  port=$(free_port)
  # shellcheck disable=SC2086
  java -Xms512m -Xmx1g $flags -cp "$cp" io.wharf.registry.StandaloneRegistry "$work/data-$name" "$port" ${cfg:-} \
    > "$work/$name.log" 2>&1 &
  pids+=($!); names+=("$name"); ports+=("$port")
done
dist_port=$(free_port)
cat > "$work/distribution.yml" <<YML
version: 0.1
log: {level: error, accesslog: {disabled: true}}
storage: {filesystem: {rootdirectory: $work/dist-data}, delete: {enabled: true}, cache: {blobdescriptor: inmemory}}
http: {addr: 127.0.0.1:$dist_port}
YML
docker-registry serve "$work/distribution.yml" > "$work/distribution.log" 2>&1 &
pids+=($!); names+=(dist); ports+=("$dist_port")
names+=(local); ports+=(0) # port 0: the no-registry bound
for p in "${ports[@]}"; do
  [ "$p" = 0 ] && continue
  for _ in $(seq 200); do curl -fs -o /dev/null "http://127.0.0.1:$p/v2/" && break; sleep 0.1; done
done

declare -A bytes
bytes[big]=$(python3 "$here/make-oci-image.py" "$work/big" 3 $((200 * 1024 * 1024 / 3)))
bytes[small]=$(python3 "$here/make-oci-image.py" "$work/small" 50 $((100 * 1024)))
for p in "${ports[@]}"; do
  [ "$p" = 0 ] && continue
  for kind in big small; do
    skopeo copy -q --dest-tls-verify=false "oci:$work/$kind:1" "docker://127.0.0.1:$p/b/$kind:1" >/dev/null
  done
  skopeo copy -q --src-tls-verify=false "docker://127.0.0.1:$p/b/small:1" "dir:$work/warm" >/dev/null # JIT warm-up
  rm -rf "$work/warm"
done

declare -A mbps
for _ in $(seq "$rounds"); do
  for kind in big small; do
    for k in "${!names[@]}"; do
      src="docker://127.0.0.1:${ports[$k]}/b/$kind:1"
      [ "${ports[$k]}" = 0 ] && src="oci:$work/$kind:1"
      rm -rf "$work/pulled"
      t0=$(date +%s.%N)
      skopeo copy -q --src-tls-verify=false "$src" "${DEST:-dir}:$work/pulled" >/dev/null
      t1=$(date +%s.%N)
      mbps[${names[$k]}.$kind]+=" $(python3 -c "print('%.1f' % (${bytes[$kind]} / 1048576 / ($t1 - $t0)))")"
    done
  done
done
for kind in big small; do
  for n in "${names[@]}"; do
    # shellcheck disable=SC2086
    med=$(python3 -c "import statistics,sys; print('%.1f' % statistics.median(map(float, sys.argv[1:])))" ${mbps[$n.$kind]})
    echo "pull $kind $n median MB/s $med:${mbps[$n.$kind]}"
  done
done
echo "(load average at end: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; dest ${DEST:-dir})"
