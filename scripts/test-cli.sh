#!/usr/bin/env bash
# End-to-end checks of the built xfrmkey binary: every Examples/ file, the bad inputs under
# Tests/cli/, usage errors, and (as root) real policy work in throwaway network namespaces.
# Expected output lives in Tests/cli/*.expected; re-record with XFRMKEY_RECORD=1 (review the
# diff before committing). Ends with the line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
xfrmkey=$(realpath "${1:-.build/debug/xfrmkey}")
record=${XFRMKEY_RECORD:-0}
passed=0
failed=0
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

pass() { passed=$((passed + 1)); echo "PASS $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; shift; printf '  %s\n' "$@"; }

# Runs CMD..., captures stdout, stderr and status into $scratch/{out,err,status}.
capture() {
  "$@" >"$scratch/out" 2>"$scratch/err"
  echo $? >"$scratch/status"
}

# expect_failure NAME STATUS TEXT: the captured run exited with STATUS and said TEXT (a grep
# pattern) on standard error.
expect_failure() {
  local name=$1 want=$2 text=$3 got
  got=$(cat "$scratch/status")
  if [ "$got" = "$want" ] && grep -q -- "$text" "$scratch/err"; then
    pass "$name"
  else
    fail "$name" "status $got" "$(cat "$scratch/err")"
  fi
}

# Compares captured "status / stdout / stderr" with Tests/cli/NAME.expected.
expect_golden() {
  local name=$1 actual="$scratch/actual"
  { echo "status: $(cat "$scratch/status")"; echo "--- stdout"; cat "$scratch/out";
    echo "--- stderr"; cat "$scratch/err"; } | sed -E "$masks" >"$actual"
  if [ "$record" = 1 ]; then cp "$actual" "Tests/cli/$name.expected"; fi
  if diff -u "Tests/cli/$name.expected" "$actual" >"$scratch/diff" 2>&1; then
    pass "$name"
  else
    fail "$name" "$(cat "$scratch/diff")"
  fi
}

# Values that change from run to run in -D/-DP output.
masks='s/(created|current|lastused): [A-Z][a-z]{2} [ 0-9]{2} [0-9:]{8} [0-9]{4}/\1: TIME/g
s/spid=[0-9]+/spid=N/; s/pid=[0-9]+/pid=N/; s/diff: [0-9]+\(s\)/diff: N(s)/'

# 1. Every example parses and checks clean.
for example in Examples/*.conf; do
  capture "$xfrmkey" -n -f "$example"
  if [ "$(cat "$scratch/status")" = 0 ] && [ ! -s "$scratch/err" ]; then
    pass "parse $example"
  else
    fail "parse $example" "status $(cat "$scratch/status")" "$(cat "$scratch/err")"
  fi
done

# 2. Bad inputs: located errors, exit 65, nothing sent.
for bad in Tests/cli/bad-*.conf; do
  name=$(basename "$bad" .conf)
  capture "$xfrmkey" -n -f "$bad"
  expect_golden "$name"
done

# 2b. Malformed real files from the corpus (when it is beside the repo): located errors.
corpus=../shared/corpus/setkey
if [ -d "$corpus" ]; then
  for bad in "$corpus"/021-*.conf "$corpus"/024-*.conf "$corpus"/015-*.conf; do
    capture "$xfrmkey" -n -f "$bad"
    if [ "$(cat "$scratch/status")" = 65 ] \
      && grep -qE "^$bad:[0-9]+:[0-9]+: error: " "$scratch/err"; then
      pass "corpus $(basename "$bad") is refused with a located error"
    else
      fail "corpus $(basename "$bad")" "status $(cat "$scratch/status")" "$(cat "$scratch/err")"
    fi
  done
else
  echo "SKIP corpus checks: $corpus is absent"
fi

# 3. Keys never reach error output.
capture "$xfrmkey" -n -f Tests/cli/bad-key-length.conf
if grep -qi "0011223344556677" "$scratch/err"; then
  fail "errors hide keys" "$(cat "$scratch/err")"
else
  pass "errors hide keys"
fi

# 3b. Output that cannot be written is an error (74), not a silent truncation; a missing
# --netns namespace is the user's input (66).
capture "$xfrmkey" -h
"$xfrmkey" -h >/dev/full 2>"$scratch/err"
status=$?
if [ "$status" = 74 ] && grep -q "cannot write the output" "$scratch/err"; then
  pass "a full disk is reported (74)"
else
  fail "a full disk is reported (74)" "status $status" "$(cat "$scratch/err")"
fi
capture "$xfrmkey" -c <&-
expect_failure "an unreadable standard input for -c is reported (66)" 66 \
  "cannot read standard input"
capture "$xfrmkey" --netns xfrmkey-no-such-namespace -DP
expect_failure "a missing namespace is reported (66)" 66 "network namespace"

# 3c. Options may come before 'diff' and 'apply', as with 'ip -n NAME xfrm': this one gets
# as far as opening the namespace.
capture "$xfrmkey" --netns xfrmkey-no-such-namespace diff -f Examples/bypass-and-discard.conf
expect_failure "options before 'diff'" 66 "network namespace"

# 3d. 'help' works with -c without a terminal too, and explains policy options as such.
printf 'help spdadd\nhelp algorithms;\n' | "$xfrmkey" -n -c >"$scratch/out" 2>"$scratch/err"
status=$?
if [ "$status" = 0 ] && [ ! -s "$scratch/err" ] && grep -q "localok or icmp" "$scratch/out" \
  && grep -q "aes-gcm-16" "$scratch/out" && ! grep -q "zero-pad" "$scratch/out"; then
  pass "help through -c"
else
  fail "help through -c" "status $status" "$(cat "$scratch/err")" "$(cat "$scratch/out")"
fi

# 3e. A file saved with a UTF-8 byte-order mark reads as the same file without it.
printf '\357\273\277spdadd 10.0.0.1 10.0.0.2 any -P out none ;\n' >"$scratch/bom.conf"
capture "$xfrmkey" -n -f "$scratch/bom.conf"
if [ "$(cat "$scratch/status")" = 0 ] && [ ! -s "$scratch/err" ]; then
  pass "a byte-order mark is skipped"
else
  fail "a byte-order mark is skipped" "status $(cat "$scratch/status")" "$(cat "$scratch/err")"
fi

# 4. Command-line misuse exits 64 with a usage line.
capture "$xfrmkey" --no-such-option
expect_failure "usage error" 64 "^error:"

# 5. Real policies in a namespace of our own (policies work on any xfrm_user kernel).
if [ "$(id -u)" = 0 ] && unshare -n true 2>/dev/null; then
  capture unshare -n sh -c "'$xfrmkey' -f Examples/bypass-and-discard.conf && '$xfrmkey' -DP"
  expect_golden policies-bypass-and-discard

  capture unshare -n sh -c "'$xfrmkey' -f Tests/cli/kernel-refusal.conf; echo status=\$?;
    '$xfrmkey' -DP"
  expect_golden kernel-refusal

  capture unshare -n sh -c "'$xfrmkey' -c < Tests/cli/interactive.txt"
  expect_golden stdin-statements

  # An offload device is looked up in the --netns namespace, where it is, not in ours.
  ns=xfrmkey-cli-offload-$$
  if ip netns add "$ns" 2>/dev/null; then
    ip -n "$ns" link add xk-off0 type veth peer name xk-off1
    capture "$xfrmkey" --netns "$ns" \
      -e 'add 10.0.0.1 10.0.0.2 esp 0x100 -offload xk-off0 out -E null ;'
    ip netns del "$ns"
    if [ "$(cat "$scratch/status")" -le 1 ] && ! grep -q "no network device" "$scratch/err"
    then
      pass "-offload finds the device in the --netns namespace"
    else
      fail "-offload finds the device in the --netns namespace" \
        "status $(cat "$scratch/status")" "$(cat "$scratch/err")"
    fi
  fi

  # -v: one line per kernel operation; RFC mode's fwd twin says what it is.
  capture unshare -n "$xfrmkey" -v -e 'spdadd 10.0.0.1 10.0.0.2 any -P in none ;'
  if [ "$(cat "$scratch/status")" = 0 ] \
    && [ "$(cat "$scratch/err")" = "<command line>:1:1: spdadd: ok
<command line>:1:1: spdadd (fwd twin): ok" ]; then
    pass "-v names the fwd twin"
  else
    fail "-v names the fwd twin" "status $(cat "$scratch/status")" "$(cat "$scratch/err")"
  fi

  # Without CAP_NET_ADMIN: 77, and the error says what is missing.
  if command -v setpriv >/dev/null; then
    unprivileged=$(mktemp -d)
    cp "$xfrmkey" "$unprivileged/xfrmkey"
    chmod 0755 "$unprivileged" "$unprivileged/xfrmkey"
    for mode in -DP -x; do
      capture unshare -n setpriv --reuid=65534 --regid=65534 --clear-groups \
        "$unprivileged/xfrmkey" "$mode"
      expect_failure "no permission is reported (77, $mode)" 77 "CAP_NET_ADMIN"
    done
    rm -rf "$unprivileged"
  else
    echo "SKIP permission check: no setpriv"
  fi

  # A closed standard output is an output that cannot be written (74), not a number the
  # netlink socket takes, with the dump written into the socket and status 0.
  capture unshare -n sh -c "ip xfrm policy add src ::1 dst ::2 dir out &&
    '$xfrmkey' -DP >&-"
  expect_failure "a dump to a closed standard output fails (74)" 74 "cannot write the output"

  # A policy whose template the language has no mode for (ip's 'mode ro') is neither shown
  # nor saved as an allow without IPsec: the dump notes it, the save fails (65).
  capture unshare -n sh -c "ip xfrm policy add src ::1 dst ::2 dir out \
      tmpl src fe80::1 dst fe80::2 proto esp mode ro &&
    '$xfrmkey' -DP && '$xfrmkey' --save >/dev/null; echo status=\$?"
  if grep -q "^status=65$" "$scratch/out" && ! grep -q "out none" "$scratch/out" \
    && grep -q "note:   policy index" "$scratch/err" \
    && grep -q "error: cannot save policy index" "$scratch/err"; then
    pass "a policy with an unnamed template mode is left out, and the save fails"
  else
    fail "a policy with an unnamed template mode is left out, and the save fails" \
      "$(cat "$scratch/out")" "$(cat "$scratch/err")"
  fi
else
  echo "SKIP kernel checks: need root and unshare -n"
fi

# 6. The interactive shell (pseudo-terminal) and the monitor (namespaces): each suite ends
# with its own "N passed, N failed" line, added to ours.
for suite in Tests/cli/shell-pty.py Tests/cli/monitor-netns.sh; do
  "$suite" "$xfrmkey" >"$scratch/suite" 2>&1
  grep -E '^(PASS|FAIL|SKIP|  )' "$scratch/suite"
  read -r suite_passed _ suite_failed _ < <(tail -n 1 "$scratch/suite")
  if [[ $suite_passed =~ ^[0-9]+$ && $suite_failed =~ ^[0-9]+$ ]]; then
    passed=$((passed + suite_passed))
    failed=$((failed + suite_failed))
  else
    fail "$suite" "$(tail -n 5 "$scratch/suite")"
  fi
done

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
