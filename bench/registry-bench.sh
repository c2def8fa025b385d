#!/usr/bin/env bash
# Wharf's /v2 registry against CNCF Distribution (Debian docker-registry), same run, same machine,
# both on loopback with filesystem storage. Prints MB/s for skopeo push and pull of a 200 MB
# 3-layer image and of a 50 x 100 KB-layer image, and requests/s + p99 latency of GET /v2/ and
# GET manifest-by-tag with 64 concurrent connections (wrk). Also the raw blob protocol over one
# connection (bench/raw-blobs.py), which shows the servers without skopeo's own costs: skopeo's
# digesting and file writing dominate its transfers, so its MB/s mostly measure skopeo. For that
# reason it also prints the CPU time each registry process spent during the skopeo transfers.
# The two registries take turns in every repetition (load changes hit both alike); skopeo
# figures are the median and the best of REPEAT repetitions, each with a fresh image.
#
#   bench/registry-bench.sh            (needs: skopeo, wrk, docker-registry, python3, mvn, java 17)
#   WRK_SECONDS=10 REPEAT=5 bench/registry-bench.sh   (defaults)
#
# Not part of the test suite. Everything it creates lives under a temp dir that is removed at exit;
# it stops only the two registry processes it started (by PID).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
wrk_seconds=${WRK_SECONDS:-10}
repeat=${REPEAT:-5}
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
(cd "$repo" && mvn -q -o -pl image-registry-service -am install -DskipTests \
  && mvn -q -o -pl image-registry-service dependency:build-classpath -Dmdep.outputFile="$work/cp.txt") >&2
# this tree's api classes first: ~/.m2 may hold another checkout's wharf-api jar
cp="$repo/image-registry-service/target/classes:$repo/image-registry-service/target/test-classes:$repo/api/target/classes"
cp="$cp:$(cat "$work/cp.txt")"

echo "== making test images (fresh random blobs per repetition: skopeo's blob-info cache would turn a" >&2
echo "   second push of the same blobs into cross-repository mounts)" >&2
for i in $(seq 1 "$repeat"); do
  big_bytes=$(python3 "$here/make-oci-image.py" "$work/img-big-$i" 3 $((200 * 1024 * 1024 / 3)))
  small_bytes=$(python3 "$here/make-oci-image.py" "$work/img-small-$i" 50 $((100 * 1024)))
done

wharf_port=$(free_port)
java -Xms512m -Xmx1g -cp "$cp" io.wharf.registry.StandaloneRegistry "$work/wharf-data" "$wharf_port" \
  > "$work/wharf.log" 2>&1 &
wharf_pid=$!
pids+=($wharf_pid)
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
dist_pid=$!
pids+=($dist_pid)
wait_port "$wharf_port"
wait_port "$dist_port"

now() { date +%s.%N; }
mbps() { python3 -c "print('%.1f' % ($1 / 1048576 / ($3 - $2)))"; }

# server CPU time (ms) of a process so far: utime + stime from /proc/PID/stat
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$1/stat"; }
median() { python3 -c "import statistics,sys; print('%.1f' % statistics.median(map(float, sys.argv[1:])))" "$@"; }
best() { python3 -c "import sys; print('%.1f' % max(map(float, sys.argv[1:])))" "$@"; }

# skopeo push then pull of one image to/from one registry; prints "push_MBps pull_MBps push_cpu_ms pull_cpu_ms"
# (the cpu figures: what the registry process itself spent during the transfer)
transfer_once() {
  local port=$1 pid=$2 img=$3 bytes=$4 name=$5
  local ref="docker://127.0.0.1:$port/bench/$name:1"
  local t0 t1 t2 c0 c1 c2
  c0=$(cpu_ms "$pid"); t0=$(now)
  skopeo copy -q --dest-tls-verify=false "oci:$work/$img:1" "$ref" >/dev/null
  t1=$(now); c1=$(cpu_ms "$pid")
  rm -rf "$work/pulled"
  skopeo copy -q --src-tls-verify=false "$ref" "dir:$work/pulled" >/dev/null
  t2=$(now); c2=$(cpu_ms "$pid")
  echo "$(mbps "$bytes" "$t0" "$t1") $(mbps "$bytes" "$t1" "$t2") $((c1 - c0)) $((c2 - c1))"
}

# Both registries take turns within each repetition (Wharf, then Distribution, then the next
# fresh image), so that a change in the machine's load hits both alike; medians and bests over
# $repeat repetitions go into r[who.kind.*].
transfer() {
  local kind=$1 img=$2 bytes=$3
  declare -A push pull pcpu lcpu
  for i in $(seq 1 "$repeat"); do
    for who in wharf dist; do
      local port=$wharf_port pid=$wharf_pid
      [ "$who" = dist ] && port=$dist_port && pid=$dist_pid
      read -r a b c d < <(transfer_once "$port" "$pid" "$img-$i" "$bytes" "$kind-$i")
      push[$who]+=" $a"; pull[$who]+=" $b"; pcpu[$who]+=" $c"; lcpu[$who]+=" $d"
    done
  done
  for who in wharf dist; do
    # shellcheck disable=SC2086
    r[$who.$kind.push]=$(median ${push[$who]}); r[$who.$kind.pull]=$(median ${pull[$who]})
    # shellcheck disable=SC2086
    r[$who.$kind.pushbest]=$(best ${push[$who]}); r[$who.$kind.pullbest]=$(best ${pull[$who]})
    # shellcheck disable=SC2086
    r[$who.$kind.pushcpu]=$(median ${pcpu[$who]}); r[$who.$kind.pullcpu]=$(median ${lcpu[$who]})
    echo "   $who $kind push MB/s:${push[$who]}  pull MB/s:${pull[$who]}" >&2
  done
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
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "== big image, $repeat rounds (Wharf and Distribution in turn)" >&2
transfer big img-big "$big_bytes"
echo "== small-layers image, $repeat rounds" >&2
transfer small img-small "$small_bytes"
echo "== raw blob protocol (one connection, no client-side work), $repeat rounds in turn" >&2
declare -A raw
for i in $(seq 1 "$repeat"); do
  for who in wharf dist; do
    port=$wharf_port; [ "$who" = dist ] && port=$dist_port
    read -r up down < <(python3 "$here/raw-blobs.py" "$port" "raw/big-$i" 3 $((64 * 1024 * 1024)))
    read -r sup sdown < <(python3 "$here/raw-blobs.py" "$port" "raw/small-$i" 50 $((100 * 1024)))
    raw[$who.up]+=" $up"; raw[$who.down]+=" $down"; raw[$who.sup]+=" $sup"; raw[$who.sdown]+=" $sdown"
  done
done
for who in wharf dist; do
  for k in up down sup sdown; do
    # shellcheck disable=SC2086
    r[$who.raw.$k]=$(median ${raw[$who.$k]})
  done
done
for who in wharf dist; do
  port=$wharf_port; [ "$who" = dist ] && port=$dist_port
  echo "== $who: wrk" >&2
  r[$who.base]=$(load "http://127.0.0.1:$port/v2/")
  r[$who.tag]=$(load "http://127.0.0.1:$port/v2/bench/big-1/manifests/1")
done

ratio() { python3 -c "print('%.2fx' % ($1 / $2) if $2 else '-')"; }
printf '\n%-44s %14s %14s %8s\n' "benchmark (same run, loopback)" "Wharf" "Distribution" "ratio"
for kind in big small; do
  label="200 MB / 3 layers"; [ "$kind" = small ] && label="50 x 100 KB layers"
  for dir in push pull; do
    printf '%-44s %14s %14s %8s\n' "skopeo $dir $label (MB/s, median)" "${r[wharf.$kind.$dir]}" "${r[dist.$kind.$dir]}" \
      "$(ratio "${r[wharf.$kind.$dir]}" "${r[dist.$kind.$dir]}")"
    printf '%-44s %14s %14s %8s\n' "skopeo $dir $label (MB/s, best)" "${r[wharf.$kind.${dir}best]}" "${r[dist.$kind.${dir}best]}" \
      "$(ratio "${r[wharf.$kind.${dir}best]}" "${r[dist.$kind.${dir}best]}")"
    printf '%-44s %14s %14s %8s\n' "  registry CPU during it (ms, median)" "${r[wharf.$kind.${dir}cpu]}" "${r[dist.$kind.${dir}cpu]}" \
      "$(ratio "${r[dist.$kind.${dir}cpu]}" "${r[wharf.$kind.${dir}cpu]}")"
  done
done
printf '%-44s %14s %14s %8s\n' "raw upload 3 x 64 MB, 1 conn (MB/s, median)" "${r[wharf.raw.up]}" "${r[dist.raw.up]}" "$(ratio "${r[wharf.raw.up]}" "${r[dist.raw.up]}")"
printf '%-44s %14s %14s %8s\n' "raw download 3 x 64 MB, 1 conn (MB/s, med.)" "${r[wharf.raw.down]}" "${r[dist.raw.down]}" "$(ratio "${r[wharf.raw.down]}" "${r[dist.raw.down]}")"
printf '%-44s %14s %14s %8s\n' "raw upload 50 x 100 KB, 1 conn (MB/s, med.)" "${r[wharf.raw.sup]}" "${r[dist.raw.sup]}" "$(ratio "${r[wharf.raw.sup]}" "${r[dist.raw.sup]}")"
printf '%-44s %14s %14s %8s\n' "raw download 50 x 100 KB, 1 conn (MB/s, m.)" "${r[wharf.raw.sdown]}" "${r[dist.raw.sdown]}" "$(ratio "${r[wharf.raw.sdown]}" "${r[dist.raw.sdown]}")"
for k in base tag; do
  label="GET /v2/"; [ "$k" = tag ] && label="GET manifest by tag"
  read -r w_rps w_p99 w_rest <<<"${r[wharf.$k]}"
  read -r d_rps d_p99 d_rest <<<"${r[dist.$k]}"
  printf '%-44s %14s %14s %8s\n' "$label, 64 conns (req/s)" "$w_rps" "$d_rps" "$(ratio "$w_rps" "$d_rps")"
  printf '%-44s %14s %14s %8s\n' "$label, 64 conns (p99 ms)" "$w_p99" "$d_p99" "$(ratio "$d_p99" "$w_p99")"
  [ -n "$w_rest$d_rest" ] && echo "   note: wharf $w_rest / distribution $d_rest"
done
echo "(ratio: Wharf / Distribution for throughput, Distribution / Wharf for p99 and CPU; > 1 = Wharf better)"
echo "(load average at start: $load_before, at end: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores)"
