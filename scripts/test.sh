#!/usr/bin/env bash
# The one command that runs Wharf's whole test suite: unit and component tests (surefire), the
# privileged integration tests and the two-JVM cluster test (failsafe), in every module.
#
#   scripts/test.sh [extra maven arguments]      e.g. scripts/test.sh -DskipITs
#
# Installs missing host tools first (scripts/install-deps.sh --test). Privileged tests need root;
# with CI=true an unmet prerequisite fails instead of skipping. Exits non-zero on any failure.
set -euo pipefail

root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
cd "$root"

scripts/install-deps.sh --test

start=$(date +%s)
marker=$(mktemp)            # reports older than this run (other modules, earlier runs) are ignored
trap 'rm -f "$marker"' EXIT
status=0
mvn -B -ntp verify "$@" || status=$?

# One line per module and plugin: tests, failures, errors, skipped (from the XML reports).
attr() { # attr NAME FILE: a numeric attribute of the file's <testsuite> element, 0 when absent
  local v
  v=$(grep -m1 -o '<testsuite [^>]*' "$2" | grep -o " $1=\"[0-9]*\"" | tr -dc 0-9 || true)
  echo "${v:-0}"
}
summary() {
  local kind=$1 dir file
  for dir in */target/"$kind"-reports; do
    [[ -d $dir ]] || continue
    local t=0 f=0 e=0 s=0
    for file in "$dir"/TEST-*.xml; do
      [[ -f $file && $file -nt $marker ]] || continue
      t=$((t + $(attr tests "$file"))); f=$((f + $(attr failures "$file")))
      e=$((e + $(attr errors "$file"))); s=$((s + $(attr skipped "$file")))
    done
    (( t > 0 )) || continue
    printf '  %-9s %-24s tests %4d  failures %3d  errors %3d  skipped %3d\n' "$kind" "${dir%%/*}" "$t" "$f" "$e" "$s"
  done
}
echo
echo "== Wharf test summary ($(( $(date +%s) - start )) s) =="
summary surefire
summary failsafe
if (( status == 0 )); then echo "== PASSED =="; else echo "== FAILED (maven exit $status) =="; fi
exit "$status"
