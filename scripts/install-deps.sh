#!/usr/bin/env bash
# Makes sure the host tools Wharf runs with (and, with --test, the ones its test suite drives) are
# installed. Idempotent and silent when everything is present.
#
#   scripts/install-deps.sh [--test]
#
# As root: apt-get update once, then apt-get install -y only the missing packages.
# Not root: prints the apt-get command to run and exits 1 when anything is missing.
set -euo pipefail

with_test=false
for arg in "$@"; do
  case $arg in
    --test) with_test=true ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "install-deps.sh: unknown argument $arg" >&2; exit 2 ;;
  esac
done

have() { command -v "$1" >/dev/null 2>&1; }

static_busybox() {
  [[ -x /bin/busybox ]] || return 1
  local linkage
  linkage=$(ldd /bin/busybox 2>&1 || true)
  [[ $linkage == *"not a dynamic"* || $linkage == *"statically linked"* ]]
}

missing=()
need() { # need PACKAGE CHECK-COMMAND...
  local pkg=$1; shift
  "$@" || missing+=("$pkg")
}

# The daemon and the privileged integration tests.
need runc            have runc
need conmon          have conmon
need busybox-static  static_busybox
need iproute2        have ip
need tini            have tini
need attr            have setfattr
need iptables        have iptables
need openjdk-17-jdk-headless have javac
need maven           have mvn
if $with_test; then
  # Compatibility tests: docker-py, skopeo, and tmux for interactive (TTY) sessions.
  need python3-docker  /usr/bin/python3 -c 'import docker' 2>/dev/null
  need skopeo          have skopeo
  need podman          have podman     # the registry's real-client test pushes and pulls with it
  need docker-compose  have docker-compose  # ComposeCliIT: compose v1 (1.29, on docker-py)
  need tmux            have tmux
  need docker-compose  have docker-compose   # v1.29 (docker-py): the build: of a service
  # The docker CLI the acceptance tests drive (any CLI >= 20.10; a newer static one in
  # /usr/local/bin is used first). Debian ships it only with its dockerd, which is not started.
  need docker.io       have docker
  # docker pull/push/login against CNCF Distribution, with and without htpasswd (bcrypt) auth.
  need docker-registry have docker-registry
  need apache2-utils   have htpasswd
fi

(( ${#missing[@]} == 0 )) && exit 0

if (( EUID != 0 )); then
  echo "install-deps.sh: missing packages: ${missing[*]}" >&2
  echo "  run as root: apt-get update && apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "install-deps.sh: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
