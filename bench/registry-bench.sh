#!/usr/bin/env bash
# Wharf's /v2 registry against CNCF Distribution (Debian docker-registry), same run, same machine,
# both on loopback with filesystem storage. Prints MB/s for skopeo push and pull of a 200 MB
# 3-layer image and of a 50 x 100 KB-layer image, and requests/s + p99 latency of GET /v2/ and
# GET manifest-by-tag with 64 concurrent connections (wrk). Also the raw blob protocol over one
# connection (bench/raw-blobs.py), which shows the servers without skopeo's own costs: skopeo's
# digesting and file writing dominate its transfers, so its MB/s mostly measure skopeo.
#
#   bench/registry-bench.sh            (needs: skopeo, wrk, docker-registry, python3, mvn, java 17)
#   WRK_SECONDS=10 REPEAT=3 bench/registry-bench.sh
#
# Not part of the test suite. Everything it creates lives under a temp dir that is removed at exit;
# it stops only the two registry processes it started (by PID).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
wrk_seconds=${WRK_SECONDS:-10}
repeat=${REPEAT:-3}
for tool in skopeo wrk docker-registry python3 mvn java; do
  command -v "$tool" >/dev/null || { echo "registry-bench: $tool is missing" >&2; exit 1; }
done

work=$(mktemp -d /tmp/wharf-bench.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null && wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_port() { for _ in $(seq 1 200); do curl -fs -o /dev/null "http://127.0.0.1:$1/v2/" && return 0; sleep 0.1; done; echo "port $1 never answered" >&2; exit 1; }

echo "== building image-registry-service" >&2
(cd "$repo" && mvn -q -o -pl image-registry-service install -DskipTests \
  && mvn -q -o -pl image-registry-service dependency:build-classpath -Dmdep.outputFile="$work/cp.txt") >&2
cp="$repo/image-registry-service/target/classes:$repo/image-registry-service/target/test-classes:$(cat "$work/cp.txt")"

echo "== making test images (fresh random blobs per repetition: skopeo's blob-info cache would turn a" >&2
echo "   second push of the same blobs into cross-repository mounts)" >&2
for i in $(seq 1 "$repeat"); do
  big_bytes=$(python3 "$here/make-oci-image.py" "$work/img-big-$i" 3 $((200 * 1024 * 1024 / 3)))
  small_bytes=$(python3 "$here/make-oci-image.py" "$work/img-small-$i" 50 $((100 * 1024)))
done

wharf_port=$(free_port)
java -Xms512m -Xmx1g -cp "$cp" io.wharf.registry.StandaloneRegistry "$work/wharf-data" "$wharf_port" \
  > "$work/wharf.log" 2>&1 &
pids+=($!)
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
  delete:
    enabled: true
  cache:
    blobdescriptor: inmemory
http:
  addr: 127.0.0.1:$dist_port
YML
docker-registry serve "$work/distribution.yml" > "$work/distribution.log" 2>&1 &
pids+=($!)
wait_port "$wharf_port"
wait_port "$dist_port"

now() { date +%s.%N; }
mbps() { python3 -c "print('%.1f' % ($1 / 1048576 / ($3 - $2)))"; }

# skopeo push/pull of one image; prints "push_MBps pull_MBps" (best of $repeat, fresh image and repository each time)
transfer() {
  local port=$1 img=$2 bytes=$3 name=$4 best_push=0 best_pull=0
  for i in $(seq 1 "$repeat"); do
    local ref="docker://127.0.0.1:$port/bench/$name-$i:1"
    local t0 t1 t2
    t0=$(now)
    skopeo copy -q --dest-tls-verify=false "oci:$work/$img-$i:1" "$ref" >/dev/null
    t1=$(now)
    rm -rf "$work/pulled"
    skopeo copy -q --src-tls-verify=false "$ref" "dir:$work/pulled" >/dev/null
    t2=$(now)
    best_push=$(python3 -c "print(max($best_push, $(mbps "$bytes" "$t0" "$t1")))")
    best_pull=$(python3 -c "print(max($best_pull, $(mbps "$bytes" "$t1" "$t2")))")
  done
  echo "$best_push $best_pull"
}

# wrk with 64 connections; prints "requests_per_s p99_ms"
load() {
  local url=$1
  local out
  out=$(wrk -t2 -c64 -d"${wrk_seconds}s" --latency -H "Accept: application/vnd.oci.image.manifest.v1+json" "$url")
  python3 - "$out" <<'PY'
import re, sys
out = sys.argv[1]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
m = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
p99 = float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
print("%.0f %.2f%s" % (rps, p99, "" if not non2xx else " (non-2xx: %s)" % non2xx.group(1)))
PY
}

echo "== warm-up (JIT, caches): one small push and pull on each registry" >&2
python3 "$here/make-oci-image.py" "$work/img-warm" 10 $((100 * 1024)) >/dev/null
for port in "$wharf_port" "$dist_port"; do
  skopeo copy -q --dest-tls-verify=false "oci:$work/img-warm:1" "docker://127.0.0.1:$port/warm/up:1" >/dev/null
  skopeo copy -q --src-tls-verify=false "docker://127.0.0.1:$port/warm/up:1" "dir:$work/warm-pulled" >/dev/null
  rm -rf "$work/warm-pulled"
done

declare -A r
for who in wharf dist; do
  port=$wharf_port; [ "$who" = dist ] && port=$dist_port
  echo "== $who: big image" >&2
  read -r r[$who.big.push] r[$who.big.pull] < <(transfer "$port" img-big "$big_bytes" big)
  echo "== $who: small-layers image" >&2
  read -r r[$who.small.push] r[$who.small.pull] < <(transfer "$port" img-small "$small_bytes" small)
done
for who in wharf dist; do
  port=$wharf_port; [ "$who" = dist ] && port=$dist_port
  echo "== $who: raw blob protocol (one connection, no client-side work)" >&2
  best_up=0; best_down=0; best_sup=0; best_sdown=0
  for i in $(seq 1 "$repeat"); do
    read -r up down < <(python3 "$here/raw-blobs.py" "$port" "raw/big-$i" 3 $((64 * 1024 * 1024)))
    read -r sup sdown < <(python3 "$here/raw-blobs.py" "$port" "raw/small-$i" 50 $((100 * 1024)))
    best_up=$(python3 -c "print(max($best_up, $up))"); best_down=$(python3 -c "print(max($best_down, $down))")
    best_sup=$(python3 -c "print(max($best_sup, $sup))"); best_sdown=$(python3 -c "print(max($best_sdown, $sdown))")
  done
  r[$who.raw.up]=$best_up; r[$who.raw.down]=$best_down; r[$who.raw.sup]=$best_sup; r[$who.raw.sdown]=$best_sdown
done
for who in wharf dist; do
  port=$wharf_port; [ "$who" = dist ] && port=$dist_port
  echo "== $who: wrk" >&2
  r[$who.base]=$(load "http://127.0.0.1:$port/v2/")
  r[$who.tag]=$(load "http://127.0.0.1:$port/v2/bench/big-1/manifests/1")
done

ratio() { python3 -c "print('%.2fx' % ($1 / $2))"; }
printf '\n%-44s %14s %14s %8s\n' "benchmark (same run, loopback)" "Wharf" "Distribution" "ratio"
printf '%-44s %14s %14s %8s\n' "skopeo push 200 MB / 3 layers (MB/s)" "${r[wharf.big.push]}" "${r[dist.big.push]}" "$(ratio "${r[wharf.big.push]}" "${r[dist.big.push]}")"
printf '%-44s %14s %14s %8s\n' "skopeo pull 200 MB / 3 layers (MB/s)" "${r[wharf.big.pull]}" "${r[dist.big.pull]}" "$(ratio "${r[wharf.big.pull]}" "${r[dist.big.pull]}")"
printf '%-44s %14s %14s %8s\n' "skopeo push 50 x 100 KB layers (MB/s)" "${r[wharf.small.push]}" "${r[dist.small.push]}" "$(ratio "${r[wharf.small.push]}" "${r[dist.small.push]}")"
printf '%-44s %14s %14s %8s\n' "skopeo pull 50 x 100 KB layers (MB/s)" "${r[wharf.small.pull]}" "${r[dist.small.pull]}" "$(ratio "${r[wharf.small.pull]}" "${r[dist.small.pull]}")"
printf '%-44s %14s %14s %8s\n' "raw upload 3 x 64 MB, 1 conn (MB/s)" "${r[wharf.raw.up]}" "${r[dist.raw.up]}" "$(ratio "${r[wharf.raw.up]}" "${r[dist.raw.up]}")"
printf '%-44s %14s %14s %8s\n' "raw download 3 x 64 MB, 1 conn (MB/s)" "${r[wharf.raw.down]}" "${r[dist.raw.down]}" "$(ratio "${r[wharf.raw.down]}" "${r[dist.raw.down]}")"
printf '%-44s %14s %14s %8s\n' "raw upload 50 x 100 KB, 1 conn (MB/s)" "${r[wharf.raw.sup]}" "${r[dist.raw.sup]}" "$(ratio "${r[wharf.raw.sup]}" "${r[dist.raw.sup]}")"
printf '%-44s %14s %14s %8s\n' "raw download 50 x 100 KB, 1 conn (MB/s)" "${r[wharf.raw.sdown]}" "${r[dist.raw.sdown]}" "$(ratio "${r[wharf.raw.sdown]}" "${r[dist.raw.sdown]}")"
for k in base tag; do
  label="GET /v2/"; [ "$k" = tag ] && label="GET manifest by tag"
  read -r w_rps w_p99 w_rest <<<"${r[wharf.$k]}"
  read -r d_rps d_p99 d_rest <<<"${r[dist.$k]}"
  printf '%-44s %14s %14s %8s\n' "$label, 64 conns (req/s)" "$w_rps" "$d_rps" "$(ratio "$w_rps" "$d_rps")"
  printf '%-44s %14s %14s %8s\n' "$label, 64 conns (p99 ms)" "$w_p99" "$d_p99" "$(ratio "$d_p99" "$w_p99")"
  [ -n "$w_rest$d_rest" ] && echo "   note: wharf $w_rest / distribution $d_rest"
done
echo "(ratio: Wharf / Distribution for throughput, Distribution / Wharf for p99; > 1 = Wharf better)"
