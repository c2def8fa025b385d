# Shared by the bench scripts: timing helpers. Source it; needs DOCKER_HOST pointing at a Wharf daemon.
: "${DOCKER_HOST:?set DOCKER_HOST=unix:///path/to/wharf.sock (a running wharf daemon with busybox loaded)}"

now_ms() { date +%s%3N; }

# median_ms N CMD...: runs CMD N times (output discarded), prints the median wall time in ms.
median_ms() {
  local n=$1; shift
  local times=()
  for ((i = 0; i < n; i++)); do
    local t0; t0=$(now_ms)
    "$@" >/dev/null 2>&1 || { echo "command failed: $*" >&2; return 1; }
    times+=($(( $(now_ms) - t0 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

# The unix socket path of DOCKER_HOST.
socket_path() { echo "${DOCKER_HOST#unix://}"; }
