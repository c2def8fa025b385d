#!/usr/bin/env bash
# `DOCKER_BUILDKIT=0 docker build` of a 10-step Dockerfile (ENV, ARG, WORKDIR, COPY x2, RUN x2,
# LABEL, EXPOSE, CMD after FROM), cold (--no-cache) and fully cached, wall time through the CLI.
# Target: the cached rebuild under 1 s. Starts its own daemon (see lib.sh).
#   sudo bench/build-bench.sh [RUNS]
set -euo pipefail
. "$(dirname "$0")/lib.sh"
runs=${1:-5}
bench_start build
export DOCKER_BUILDKIT=0
ctx=$BENCH_DIR/ctx
mkdir -p "$ctx/src"
for i in $(seq 1 20); do head -c 4096 /dev/urandom > "$ctx/src/file$i.bin"; done
echo "config" > "$ctx/app.conf"
cat > "$ctx/Dockerfile" <<'DOCKERFILE'
FROM busybox
ENV APP_HOME=/opt/app
ARG VERSION=1
WORKDIR $APP_HOME
COPY src/ ./src/
COPY app.conf /etc/app.conf
RUN echo "version $VERSION" > version.txt
RUN ls -l src | wc -l > count.txt
LABEL org.example.bench=build
EXPOSE 8080
CMD ["cat", "version.txt"]
DOCKERFILE
ms() { local t0 t1; t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N); echo $(((t1 - t0) / 1000000)); }
med() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
docker build -t bench:warm "$ctx" >/dev/null 2>&1   # warm-up: JIT, bridge network, layers unpacked
cold=() cached=()
for ((i = 0; i < runs; i++)); do
  cold+=($(ms docker build --no-cache -t bench:1 "$ctx"))
  cached+=($(ms docker build -t bench:1 "$ctx"))
done
steps=$(docker build -t bench:1 "$ctx" 2>/dev/null | grep -c 'Using cache' || true)
echo "10-step build over $runs runs: cold median $(med "${cold[@]}") ms (${cold[*]}), cached median" \
  "$(med "${cached[@]}") ms (${cached[*]}); cached steps reported: $steps/10"
