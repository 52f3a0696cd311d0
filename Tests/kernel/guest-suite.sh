#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
#
# Tests/kernel/guest-suite.sh [NAME-REGEX]
#
# Runs inside the VM (started by run-all.sh through Tests/kernel/vm): every `test_*` function
# of Tests/kernel/cases/*.sh, in file order, each in its own bash process with a temp dir and
# its own network namespaces, which are deleted afterwards whatever happened. Prints
# `PASS name (s)`, `FAIL name (s)` followed by the case's output, or `SKIP name: reason`, and
# ends with `N passed, N failed` (`, N skipped` when some were). Exit status 1 on any failure.
#
# Environment: XFRMKEY (required: the tool under test), KERNEL_TEST_RESULTS (a directory that
# receives each case's log and capture), KERNEL_TEST_TIMEOUT (seconds per case, 180),
# KERNEL_TEST_VERBOSE=1 (print the output of passing cases too), RUN_ALL_START (epoch seconds
# when run-all.sh started, for the total time).
set -u

here=$(dirname "$(readlink -f "$0")")
filter=${1:-.}
limit=${KERNEL_TEST_TIMEOUT:-180}
: "${XFRMKEY:?XFRMKEY must name the xfrmkey binary to test}"
export XFRMKEY KERNEL_TEST_DIR=$here

now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

suite_start=$(now)
echo "guest: kernel $(uname -r), up $(cut -d' ' -f1 /proc/uptime) s when the suite started"
echo "guest: testing $XFRMKEY"
if [[ ${XFRMKEY_SHIM:-0} == 1 ]]; then
  echo "guest: *** XFRMKEY_SHIM=1: this run tests the throwaway setkey-shim.sh, not xfrmkey ***"
fi

# Cases in file order, then in the order they are defined in each file.
cases=()
for file in "$here"/cases/*.sh; do
  while read -r fn; do
    name=${fn#test_}
    name=${name//_/-}
    [[ $name =~ $filter ]] && cases+=("$file:$fn:$name")
  done < <(grep -oE '^test_[a-z0-9_]+' "$file")
done

# After a failure: what the kernel holds in the case's namespaces, and its error counters.
diagnose() {
  local ns
  for ns in "$NS_A" "$NS_B"; do
    ip netns list | grep -qw "^$ns" || continue
    echo "=== after the failure, in $ns: ip -s xfrm state"
    ip -n "$ns" -s xfrm state
    echo "=== ip xfrm policy"
    ip -n "$ns" xfrm policy
    echo "=== non-zero /proc/net/xfrm_stat"
    ip netns exec "$ns" awk '$2 != 0' /proc/net/xfrm_stat
  done
}

passed=0 failed=0 skipped=0 index=0
for entry in "${cases[@]}"; do
  IFS=: read -r file fn name <<<"$entry"
  index=$((index + 1))
  T=$(mktemp -d "/tmp/kcase-$name.XXXX")
  export T CASE=$name NS_A="k$index-a" NS_B="k$index-b"

  start=$(now)
  timeout -k 5 "$limit" bash -c '
    set -euo pipefail
    source "$1"
    source "$2"
    trap '\''kill $(jobs -p) 2>/dev/null || true'\'' EXIT
    "$3"' case "$here/lib.sh" "$file" "$fn" >"$T/log" 2>&1 </dev/null
  status=$?
  took=$(seconds "$start" "$(now)")
  ((status == 0 || status == 77)) || diagnose >>"$T/log" 2>&1
  for ns in "$NS_A" "$NS_B"; do ip netns del "$ns" 2>/dev/null; done

  ((status == 124 || status == 137)) && echo "FAILED: timed out after $limit s" >>"$T/log"
  case $status in
    0)
      passed=$((passed + 1))
      echo "PASS $name ($took s)"
      [[ ${KERNEL_TEST_VERBOSE:-0} == 1 ]] && sed 's/^/    | /' "$T/log"
      ;;
    77)
      skipped=$((skipped + 1))
      echo "SKIP $name: $(sed -n 's/^SKIPPED: //p' "$T/log" | head -n 1) ($took s)"
      ;;
    *)
      failed=$((failed + 1))
      echo "FAIL $name ($took s, status $status)"
      sed 's/^/    | /' "$T/log"
      ;;
  esac
  if [[ -n ${KERNEL_TEST_RESULTS:-} ]]; then
    mkdir -p "$KERNEL_TEST_RESULTS/$name" && cp -r "$T"/. "$KERNEL_TEST_RESULTS/$name/"
  fi
  rm -rf "$T"
done

((${#cases[@]})) || echo "guest: no case matches /$filter/"
end=$(now)
timing="timing: cases $(seconds "$suite_start" "$end") s"
if [[ -n ${RUN_ALL_START:-} ]]; then
  timing+=", boot $(cut -d' ' -f1 /proc/uptime | awk -v c="$(seconds "$suite_start" "$end")" \
    '{ printf "%.1f", $1 - c }') s (kernel start to suite start)"
  timing+=", total since run-all started $(seconds "$RUN_ALL_START" "$end") s"
fi
echo "$timing"

summary="$passed passed, $failed failed"
((skipped)) && summary+=", $skipped skipped"
echo "$summary"
((failed == 0))
