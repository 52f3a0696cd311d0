#!/usr/bin/env bash
# The Ansible module (contrib/ansible/library/xfrmkey.py) configures two network-namespace
# "hosts" from one playbook: check mode reports changes and makes none, the first run
# changes both, the second changes neither. Installs ansible-core with pip when missing;
# skips with a reason when it cannot, or without root.
# Usage: Tests/cli/ansible-module.sh [path/to/xfrmkey]. Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
xfrmkey=$(realpath "${1:-.build/debug/xfrmkey}")
passed=0
failed=0
scratch=$(mktemp -d)
hosts=("xfrmkey-ans-$$-gw1" "xfrmkey-ans-$$-gw2")
export XFRMKEY_LOCK_DIR=$scratch/locks LC_ALL=C.UTF-8 ANSIBLE_NOCOLOR=1
export ANSIBLE_LIBRARY=$PWD/contrib/ansible/library ANSIBLE_LOCAL_TEMP=$scratch/ansible-tmp
export ANSIBLE_HOME=$scratch/ansible-home ANSIBLE_RETRY_FILES_ENABLED=0

pass() { passed=$((passed + 1)); echo "PASS $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; shift; printf '  %s\n' "$@"; }
skip() { echo "SKIP Ansible module checks: $1"; echo "0 passed, 0 failed"; exit 0; }
cleanup() {
  for ns in "${hosts[@]}"; do ip netns del "$ns" 2>/dev/null; done
  rm -rf "$scratch"
}
trap cleanup EXIT

[ "$(id -u)" = 0 ] || skip "need root for network namespaces"
if ! command -v ansible-playbook >/dev/null; then
  echo "ansible-playbook not found; trying 'pip install ansible-core'"
  if ! python3 -m pip install --quiet ansible-core >"$scratch/pip.log" 2>&1 \
    || ! command -v ansible-playbook >/dev/null; then
    skip "ansible-core is missing and pip could not install it ($(tail -1 "$scratch/pip.log"))"
  fi
fi
for ns in "${hosts[@]}"; do ip netns add "$ns" || skip "cannot create network namespaces"; done

{
  echo "[gateways]"
  for ns in "${hosts[@]}"; do echo "$ns xfrmkey_netns=$ns"; done
  echo "[gateways:vars]"
  echo "ansible_connection=local"
  echo "ansible_python_interpreter=$(command -v python3)"
  echo "xfrmkey_bin=$xfrmkey"
  echo "xfrmkey_conf=$PWD/Tests/cli/provision/site.conf"
} >"$scratch/inventory"

# Runs the example playbook (extra ansible-playbook options in "$@"); prints the recap.
playbook() {
  ansible-playbook -i "$scratch/inventory" contrib/ansible/examples/gateways.yml "$@" \
    >"$scratch/run.log" 2>&1
  echo $? >"$scratch/status"
}
# "changed=N" of one host in the last recap.
changed() { sed -nE "s/^$1 +: .*changed=([0-9]+).*/\1/p" "$scratch/run.log"; }
policies() { ip -n "$1" xfrm policy | grep -c '^src'; }
outcome() { # NAME EXPECTED-CHANGED EXPECTED-POLICIES
  local ok=1
  [ "$(cat "$scratch/status")" = 0 ] || ok=0
  for ns in "${hosts[@]}"; do
    [ "$(changed "$ns")" = "$2" ] || ok=0
    [ "$(policies "$ns")" = "$3" ] || ok=0
  done
  if [ $ok = 1 ]; then pass "$1"; else fail "$1" "$(tail -15 "$scratch/run.log")"; fi
}

playbook --check
outcome "check mode reports changed on both hosts and changes nothing" 1 0
playbook
outcome "the first run changes both hosts" 1 4
playbook
outcome "the second run changes neither host" 0 4
playbook --check
outcome "check mode on configured hosts reports unchanged" 0 4

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
