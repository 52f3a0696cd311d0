# SPDX-License-Identifier: Apache-2.0
# shellcheck shell=bash
#
# `xfrmkey -x` and acquires: traffic that hits a `require` policy with no SA makes the kernel
# ask for one (XFRM_MSG_ACQUIRE); the text and the JSON monitor must each show it once, with
# the flow, the wanted SA and the policy's template.

test_monitor_acquire() {
  pair_up
  step "monitors in $NS_A"
  start_monitor acquire.txt --events acquire
  start_monitor acquire.jsonl -j --events acquire,sa,policy
  monitors_listening 2 acquire
  monitors_listening 1 acquire sa policy

  step "a require policy, and no SA"
  echo "spdadd $A4 $B4 icmp -P out ipsec esp/transport//require ;" >"$T/a.conf"
  load "$NS_A" "$T/a.conf"

  step "traffic hits the policy"
  if run ip netns exec "$NS_A" ping -c 1 -W 1 -w 2 $B4; then
    fail "ping got through without an SA"
  fi
  monitors_received "$T/acquire.txt" ' acquire seq=' "$T/acquire.jsonl" '"event":"acquire"'
  stop_monitors
  echo "text monitor:"
  sed 's/^/    /' "$T/acquire.txt"
  echo "json monitor:"
  sed 's/^/    /' "$T/acquire.jsonl"

  local acquires
  acquires=$(grep -c ' acquire seq=' "$T/acquire.txt" || true)
  ((acquires == 1)) || fail "text monitor saw $acquires acquires, expected 1"
  grep -qE $'^\tflow: 192\\.0\\.2\\.1(/32)? 192\\.0\\.2\\.2(/32)? icmp' "$T/acquire.txt" ||
    fail "no 'flow:' line naming the ICMP flow $A4 -> $B4"
  grep -qx $'\tsa: esp 192.0.2.1 192.0.2.2' "$T/acquire.txt" || fail "no 'sa: esp $A4 $B4' line"
  grep -qx $'\ttemplate: esp/transport//require' "$T/acquire.txt" ||
    fail "no 'template: esp/transport//require' line"

  /usr/bin/python3 - "$T/acquire.jsonl" <<'PY' || fail "unexpected JSON monitor events"
import json, sys
events = [json.loads(line) for line in open(sys.argv[1])]
kinds = [e["event"] for e in events]
assert kinds == ["spdadd", "acquire"], kinds
acquire = events[1]["acquire"]
assert acquire["sa"]["protocol"] == "esp", acquire
assert acquire["sa"]["destination"] == "192.0.2.2", acquire
assert acquire["template"]["level"] == "require", acquire
assert acquire["flow"]["upper_protocol"] == 1, acquire
assert acquire["sp"]["templates"][0]["protocol"] == "esp", acquire
print("json ok:", kinds)
PY
}
