#!/usr/bin/env bash
# End-to-end checks of `xfrmkey diff`, `xfrmkey apply`, `--atomic`, key references and the
# namespace lock, with real policies in throwaway network namespaces (this host's kernel
# holds policies; SAs are only diffed, never installed). Needs root; skips otherwise.
# Usage: Tests/cli/provision.sh [path/to/xfrmkey]. Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
source Tests/cli/harness.sh
source Tests/cli/wait.sh
xfrmkey=$(realpath "${1:-.build/debug/xfrmkey}")
data=Tests/cli/provision
scratch=$(mktemp -d)
export XFRMKEY_LOCK_DIR=$scratch/locks
log=$scratch/all-output.log

check() { # NAME CONDITION-COMMAND...: pass when the command succeeds; shows out, err, status.
  local name=$1; shift
  if "$@"; then pass "$name"; else fail "$name" "stdout: $(cat "$scratch/out")" \
    "stderr: $(cat "$scratch/err")" "status: $(cat "$scratch/status")"; fi
}
cleanup() {
  # new_namespace runs in command substitutions, so the names are found, not remembered.
  for ns in $(ip netns list | awk -v p="xfrmkey-prov-$$-" 'index($1, p) == 1 {print $1}'); do
    ip netns del "$ns"
  done
  rm -rf "$scratch"
}
trap cleanup EXIT

# Runs xfrmkey ARGS... capturing stdout, stderr and status; everything also goes to $log.
run() {
  "$xfrmkey" "$@" >"$scratch/out" 2>"$scratch/err"
  echo $? >"$scratch/status"
  # --show-keys output is the one place keys are meant to appear: kept out of the log.
  [ "${nolog:-0}" = 1 ] || { echo "\$ xfrmkey $*"; cat "$scratch/out" "$scratch/err"; } >>"$log"
}
status() { cat "$scratch/status"; }
stdout_has() { grep -q -- "$1" "$scratch/out"; }
stderr_has() { grep -q -- "$1" "$scratch/err"; }
# ended_with STATUS TEXT: the run exited with STATUS and said TEXT on stderr.
ended_with() { [ "$(status)" = "$1" ] && stderr_has "$2"; }
new_namespace() {
  local ns="xfrmkey-prov-$$-$1"
  ip netns add "$ns" && echo "$ns"
}
# The policy dump with add times masked and entries sorted: contents, not order.
policy_contents() {
  ip -n "$1" -s xfrm policy | sed -E 's/add [0-9-]+ [0-9:]+/add TIME/' \
    | awk '/^src /{if (e) print e; e=$0; next} {e=e "|" $0} END{if (e) print e}' | sort
}

if [ "$(id -u)" != 0 ] || ! ip netns add "xfrmkey-prov-probe-$$" 2>/dev/null; then
  echo "SKIP provisioning checks: need root and 'ip netns add'"
  echo "0 passed, 0 failed"
  exit 0
fi
ip netns del "xfrmkey-prov-probe-$$"

# Test keys: none of them may ever show up in any output.
enc_key=a11ce5ec0de0a11ce5ec0de0a11ce5ec
auth_key=b0b5ec12e7b0b5ec12e7b0b5ec12e7b0b5ec12e7b0b5ec12e7b0b5ec12e7b0b5
inline_key=5eC12e75eC12e75eC12e75eC12e75e5e
mkdir -p "$scratch/keys"
printf '0x%s\n' "$enc_key" >"$scratch/keys/enc.key"
chmod 600 "$scratch/keys/enc.key"
export XFRMKEY_TEST_AUTH=$auth_key
sed "s|KEYDIR|$scratch/keys|" "$data/sa.conf" >"$scratch/sa.conf"

a=$(new_namespace a)

# 1. diff, apply, second apply.
run diff --netns "$a" -f "$data/site.conf"
check "diff of an empty kernel lists additions and exits 2" \
  test "$(status)" = 2 -a "$(grep -c '^+ spdadd' "$scratch/out")" = 4
run apply --netns "$a" --scope reqid:100-199 -f "$data/site.conf"
check "apply installs the file and says changed" \
  test "$(status)" = 0 -a "$(tail -1 "$scratch/out")" = "changed: 4 added, 0 removed, 0 changed"
run apply --netns "$a" --scope reqid:100-199 -f "$data/site.conf"
check "a second apply changes nothing and says unchanged" \
  test "$(status)" = 0 -a "$(cat "$scratch/out")" = "unchanged"
run diff --netns "$a" -f "$data/site.conf" -j
check "diff -j reports in sync and exits 0" \
  test "$(status)" = 0 -a "$(cat "$scratch/out")" \
  = '{"in_sync":true,"scope":["all"],"add":[],"remove":[],"change":[],"conflicts":[]}'

# 2. A scope never removes what it does not own.
"$xfrmkey" --netns "$a" -f "$data/foreign.conf"
run apply --netns "$a" --scope reqid:100-199 -f "$data/site-v2.conf" -j
check "apply -j reports the change" stdout_has '"result":"changed","changed":true'
run diff --netns "$a" --scope all -f "$data/site-v2.conf"
check "entries outside the scope survive an apply" \
  test "$(grep -c '^- spdadd' "$scratch/out")" = 2
check "an in-place change is an update naming what differs" \
  grep -q '"method":"update","fields":\["priority"\]' "$log"
run apply --netns "$a" --scope reqid:100-199 -f "$data/site-v2.conf" -j
check "the second apply -j says unchanged" stdout_has '"result":"unchanged","changed":false'
run apply --netns "$a" --scope reqid:150-199 -f "$data/site-v2.conf"
check "an entry owned outside the scope stops apply with a located error" \
  test "$(status)" = 1 -a "$(cat "$scratch/out")" = conflict
check "  ... naming file:line:col" stderr_has "$data/site-v2.conf:2:1: error:"
check "  ... and the entry, so an in and its fwd twin are told apart" \
  grep -q '^  spdadd .* -P fwd ' "$scratch/err"
run apply -n --netns "$a" --scope reqid:150-199 -f "$data/site-v2.conf"
check "apply -n stops where apply would: errors and 1" \
  test "$(status)" = 1 -a "$(grep -c ': error: ' "$scratch/err")" -gt 0
run diff --netns "$a" --scope reqid:150-199 -f "$data/site-v2.conf"
check "diff counts the conflicts instead of saying 'in sync'" \
  test "$(status)" = 2 -a -n "$(tail -1 "$scratch/out" | grep 'in conflict with the scope$')"

# 3. All or nothing.
run apply --netns "$a" --scope reqid:100-199 -f "$data/site.conf"
ip -n "$a" -s xfrm policy >"$scratch/before"
run --netns "$a" -f "$data/atomic-adds.conf" --atomic
ip -n "$a" -s xfrm policy >"$scratch/after"
check "an atomic batch refused at statement 3 of 5 leaves 'ip -s xfrm policy' identical" \
  cmp -s "$scratch/before" "$scratch/after"
check "  ... and names the refused statement" stderr_has "atomic-adds.conf:4:1: error: kernel"
check "  ... and says it rolled back" stderr_has "rolled back"

policy_contents "$a" >"$scratch/before"
sleep 1
run --netns "$a" -f "$data/atomic-mixed.conf" --atomic
policy_contents "$a" >"$scratch/after"
check "an atomic batch with updates and deletes restores every entry's contents" \
  cmp -s "$scratch/before" "$scratch/after"

# Flags are no part of a policy's identity: the update touched the flagged policy, so the
# rollback puts it back (it used to delete it and still say "rolled back").
ip -n "$a" xfrm policy add src 10.30.0.0/24 dst 10.31.0.0/24 dir out priority 9 flag icmp
policy_contents "$a" >"$scratch/before"
run --netns "$a" -f "$data/atomic-flags.conf" --atomic
policy_contents "$a" >"$scratch/after"
check "an atomic batch that updated a policy with flags restores it" \
  cmp -s "$scratch/before" "$scratch/after"
ip -n "$a" xfrm policy delete src 10.30.0.0/24 dst 10.31.0.0/24 dir out

ip -n "$a" -s xfrm policy >"$scratch/before"
run apply --netns "$a" --scope reqid:100-199 -f "$data/refused-late.conf"
policy_contents "$a" >"$scratch/after"
check "apply refused late (after an update and an add) exits 1" test "$(status)" = 1
check "  ... names the refused statement" stderr_has "refused-late.conf:6:1: error: kernel refused"
check "  ... and restores the contents" \
  cmp -s <(sed -E 's/add [0-9-]+ [0-9:]+/add TIME/' "$scratch/before" \
    | awk '/^src /{if (e) print e; e=$0; next} {e=e "|" $0} END{if (e) print e}' | sort) \
  "$scratch/after"
check "  ... and reports rolled back" test "$(cat "$scratch/out")" = "rolled back"

b=$(new_namespace b)
"$xfrmkey" --netns "$b" -f "$data/site.conf"
ip -n "$b" -s xfrm policy >"$scratch/before"
sed '/prio def + 10/d; /unique:101/d' "$data/refused-late.conf" >"$scratch/adds-then-refused.conf"
run apply --netns "$b" --scope reqid:100-199 -f "$scratch/adds-then-refused.conf"
ip -n "$b" -s xfrm policy >"$scratch/after"
check "apply refused after adds only leaves 'ip -s xfrm policy' identical" \
  cmp -s "$scratch/before" "$scratch/after"

# 4. Keys: from files and the environment, never printed unless asked.
run diff --netns "$b" -f "$scratch/sa.conf"
check "diff shows SAs to add with keys hidden" \
  test "$(status)" = 2 -a "$(grep -c '<hidden>' "$scratch/out")" = 2
run diff --netns "$b" -f "$scratch/sa.conf" -j
check "diff -j hides keys too" stdout_has '"statement":"add 192.0.2.1 192.0.2.2 esp 0x1001'
nolog=1 run diff --netns "$b" -f "$scratch/sa.conf" --show-keys
check "--show-keys prints them" stdout_has "0x$enc_key"
run apply --netns "$b" --scope all -f "$scratch/sa.conf"
check "an SA the kernel cannot install is refused and rolled back" test "$(status)" = 1
chmod 644 "$scratch/keys/enc.key"
run diff --netns "$b" -f "$scratch/sa.conf"
check "a key file others can read is refused with a located error" \
  ended_with 65 "sa.conf:3:64: error: key file"
chmod 600 "$scratch/keys/enc.key"

# 5. Two concurrent applies serialize and end consistent.
c=$(new_namespace c)
for n in 1 2; do
  for i in $(seq 1 400); do
    echo "spdadd 10.$n.$((i / 250)).$((i % 250)) 10.200.0.$n any -P out ipsec" \
      "esp/transport//unique:$((100 + n)) ;"
  done >"$scratch/big$n.conf"
done
"$xfrmkey" apply --netns "$c" --scope all -f "$scratch/big1.conf" >"$scratch/c1" 2>&1 &
first=$!
"$xfrmkey" apply --netns "$c" --scope all -f "$scratch/big2.conf" >"$scratch/c2" 2>&1
second_status=$?
wait $first
first_status=$?
cat "$scratch/c1" "$scratch/c2" >>"$log"
"$xfrmkey" diff --netns "$c" -f "$scratch/big1.conf" >/dev/null; in1=$?
"$xfrmkey" diff --netns "$c" -f "$scratch/big2.conf" >/dev/null; in2=$?
echo "$first_status $second_status $in1 $in2" >"$scratch/status"
check "two concurrent applies both succeed and leave exactly one file's state" \
  test "$first_status$second_status" = 00 -a $((in1 == 0 || in2 == 0)) = 1 \
  -a "$in1$in2" != 00
check "  ... through one lock file for the namespace" \
  test "$(ls "$XFRMKEY_LOCK_DIR" | grep -c '^netns-.*\.lock$')" = 3

# The lock is held until the run says it waits (however long it takes to start), then
# released; the run must then go on. Its descriptor 9 is closed, or it would hold the lock.
ns_inode=$(stat -L -c '%d-%i' "/run/netns/$c")
exec 9>"$XFRMKEY_LOCK_DIR/netns-$ns_inode.lock"
flock 9
: >"$scratch/err"
run apply --netns "$c" --scope all -f "$scratch/big1.conf" 9>&- &
waiter=$!
wait_until "$WAIT_SECONDS" stderr_has "waiting for another run"
exec 9>&-
wait "$waiter"
check "a run waits for the lock another holds, and says so" \
  ended_with 0 "waiting for another run"

# 6. Usage.
run apply -f "$data/site.conf"
check "apply without --scope is a usage error" ended_with 64 "needs '--scope'"
run apply --netns "$a" --scope color:1 -f "$data/site.conf"
check "an unknown scope is a usage error" test "$(status)" = 64

# 7. Mark and if_id scopes: a route-based setup owns its mark or its xfrm interface only.
d=$(new_namespace d)
ip -n "$d" xfrm policy add src 10.5.0.0/24 dst 10.6.0.0/24 dir out mark 7 action block
ip -n "$d" xfrm policy add src 10.5.1.0/24 dst 10.6.1.0/24 dir out mark 9 action block
ip -n "$d" xfrm policy add src 10.5.2.0/24 dst 10.6.2.0/24 dir out if_id 5 action block
ip -n "$d" xfrm policy add src 10.5.3.0/24 dst 10.6.3.0/24 dir out if_id 6 action block
cat >"$scratch/marked.conf" <<'EOF_CONF'
spdadd 10.5.4.0/24 10.6.4.0/24 any -mark 7 -P out discard ;
EOF_CONF
cat >"$scratch/routed.conf" <<'EOF_CONF'
spdadd 10.5.5.0/24 10.6.5.0/24 any -if-id 5 -P out discard ;
EOF_CONF
sources() { ip -n "$d" xfrm policy | awk '/^src /{print $2}' | sort | tr '\n' ' '; }
run apply --netns "$d" --scope mark:7 -f "$scratch/marked.conf"
check "a mark scope replaces its own policies and no other" \
  test "$(status)" = 0 -a "$(sources)" = "10.5.1.0/24 10.5.2.0/24 10.5.3.0/24 10.5.4.0/24 "
run apply --netns "$d" --scope if-id:5 -f "$scratch/routed.conf"
check "an if-id scope replaces its own policies and no other" \
  test "$(status)" = 0 -a "$(sources)" = "10.5.1.0/24 10.5.3.0/24 10.5.4.0/24 10.5.5.0/24 "
run apply --netns "$d" --scope if-id:5 -f "$scratch/marked.conf"
check "a declared policy outside the scope stops the apply" \
  test "$(status)" = 1 -a "$(sources)" = "10.5.1.0/24 10.5.3.0/24 10.5.4.0/24 10.5.5.0/24 "

printf 'spdadd 10.0.0.1 10.0.0.2 any -P out bogus ;\ndelete 192.0.2.1 192.0.2.2 esp 0x1 ;\n' \
  >"$scratch/bad.conf"
run apply --netns "$a" --scope all -f "$scratch/bad.conf"
check "a bad file is refused with one located error per problem, exit 65" \
  test "$(status)" = 65 -a "$(grep -c "bad.conf:1:37: error: " "$scratch/err")" = 1
printf 'delete 192.0.2.1 192.0.2.2 esp 0x1 ;\n' >"$scratch/action.conf"
run diff --netns "$a" -f "$scratch/action.conf"
check "an action statement has no place in a desired state" \
  ended_with 65 "action.conf:1:1: error: 'delete' has no place"

# 6b. A kernel policy diff cannot see (a template of mode 'ro') is named on stderr, not
# passed over in silence.
r=$(new_namespace ro)
ip -n "$r" xfrm policy add src ::1 dst ::2 dir out tmpl src fe80::1 dst fe80::2 proto esp mode ro
run diff --netns "$r" -f "$data/site.conf"
check "diff names a kernel policy it cannot see" stderr_has "note:   policy index"

# 7. No test key anywhere in what the tests printed.
if grep -qiE "$enc_key|$auth_key|$inline_key" "$log"; then
  fail "no test key in any output" "$(grep -iE "$enc_key|$auth_key|$inline_key" "$log" | head -3)"
else
  pass "no test key in any output ($(wc -l <"$log") lines checked)"
fi

finish
