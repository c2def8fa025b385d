#!/usr/bin/env bash
# TCP throughput through a published port vs straight to the container's address (target: the
# published path at least 0.8x the direct one). A busybox container sinks every connection on
# port 5001 (`nc -l` into /dev/null); a Python client on the host sends MIB MiB and times until the
# sink has read everything (its side closes). Paths: the container's bridge address, 127.0.0.1
# through the published port (DNAT in OUTPUT, route_localnet, MASQUERADE) and the host's own
# address through the published port. The paths alternate, ROUNDS times, to share load drift.
#   sudo bench/port-throughput.sh [ROUNDS] [MIB]
set -euo pipefail
. "$(dirname "$0")/lib.sh"
rounds=${1:-5}
mib=${2:-512}
bench_start ports
port=$(free_port)
# nc closes the connection when its stdin ends: feed it a fifo held open read-write (never EOF)
# a user network of its own: other daemons on a shared development host may hand out the same
# addresses on the default bridge (wharf0)
docker network create --subnet "10.213.$(($$ % 200)).0/24" "bench-ports-$$" >/dev/null
docker run -d --name sink --network "bench-ports-$$" -p "$port:5001" busybox sh -c \
  'mkfifo /tmp/in; exec 3<>/tmp/in; while true; do nc -l -p 5001 <&3 > /dev/null; done' >/dev/null
cip=$(docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' sink)
hostip=$(ip -4 -o route get 192.0.2.200 | sed -n 's/.* src \([0-9.]*\).*/\1/p')
sleep 0.5

# send HOST PORT -> MB/s
send() {
  python3 - "$1" "$2" "$mib" <<'PY'
import socket, sys, time
host, port, mib = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
chunk = b"\0" * (1 << 20)
for attempt in range(50):
    try:
        s = socket.create_connection((host, port), timeout=5)
        break
    except OSError:
        time.sleep(0.1)
s.settimeout(120)
t0 = time.monotonic()
for _ in range(mib):
    s.sendall(chunk)
s.shutdown(socket.SHUT_WR)
s.recv(1)  # returns b"" once the sink has read everything and closed
dt = time.monotonic() - t0
print(f"{mib / dt:.0f}")
PY
}

direct=() loop=() viahost=()
for ((i = 0; i < rounds; i++)); do
  direct+=("$(send "$cip" 5001)"); sleep 0.2
  loop+=("$(send 127.0.0.1 "$port")"); sleep 0.2
  [[ -z $hostip ]] || { viahost+=("$(send "$hostip" "$port")"); sleep 0.2; }
done
med() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
d=$(med "${direct[@]}"); l=$(med "${loop[@]}")
echo "direct $cip:5001            MB/s: ${direct[*]} (median $d)"
echo "published 127.0.0.1:$port  MB/s: ${loop[*]} (median $l, $(awk -v a="$l" -v b="$d" 'BEGIN {printf "%.2f", a / b}')x)"
if [[ -n $hostip ]]; then
  h=$(med "${viahost[@]}")
  echo "published $hostip:$port MB/s: ${viahost[*]} (median $h, $(awk -v a="$h" -v b="$d" 'BEGIN {printf "%.2f", a / b}')x)"
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
docker rm -f sink >/dev/null
docker network rm "bench-ports-$$" >/dev/null
