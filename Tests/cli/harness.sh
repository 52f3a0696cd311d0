# SPDX-License-Identifier: Apache-2.0
# shellcheck shell=bash
#
# The counting the CLI suites share (Tests/cli/*.sh), sourced once the suite is in the
# package root: pass and fail, check, and finish for the closing "N passed, N failed" line
# that scripts/test-cli.sh and CI read.

passed=0
failed=0

# pass NAME / fail NAME [DETAIL...]: one result line (details indented below a failure).
pass() { passed=$((passed + 1)); echo "PASS $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; shift; printf '  %s\n' "$@"; }

# check NAME CMD...: passes when CMD succeeds, else fails showing $scratch/why.
check() {
  local name=$1
  shift
  if "$@"; then pass "$name"; else fail "$name" "$(cat "$scratch/why" 2>/dev/null)"; fi
}

# finish: prints the closing line; its status is 0 when nothing failed.
finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" = 0 ]
}
