# SPDX-License-Identifier: Apache-2.0
# shellcheck shell=bash
#
# `xfrmkey -x` and async events: while someone listens on XFRMNLGRP_AEVENTS, the kernel
# reports an SA's replay counters as traffic moves them (XFRM_MSG_NEWAE, thresholds from
# net.core.xfrm_aevent_rseqth and _etime). Pings over an ESP transport SA pair must show up
# as `aevent` lines naming the SA, with sequence numbers, in text and JSON.

test_monitor_aevent() {
  local ke ka re ra
  ke=$(key 16 51)
  ka=$(key 20 52)
  re=$(key 16 53)
  ra=$(key 20 54)
  pair_up
  install_both "
add $A4 $B4 esp 0x3001 -m transport -E aes-cbc $ke -A hmac-sha1 $ka ;
add $B4 $A4 esp 0x3002 -m transport -E aes-cbc $re -A hmac-sha1 $ra ;" \
    $A4 $B4 esp/transport//require esp/transport//require

  step "monitors in $NS_A, then traffic"
  start_monitor aevent.txt --events aevent
  start_monitor aevent.jsonl -j --events aevent
  monitors_listening 2 aevents
  ping_ok "$NS_A" $B4 -c 6
  monitors_received "$T/aevent.txt" ' aevent (replay|timer)$' \
    "$T/aevent.jsonl" '"(outbound|inbound)_sequence":[1-9]'
  stop_monitors
  echo "text monitor:"
  sed 's/^/    /' "$T/aevent.txt"
  echo "json monitor:"
  sed 's/^/    /' "$T/aevent.jsonl"

  grep -qE ' aevent (replay|timer)$' "$T/aevent.txt" || fail "no aevent line in the text output"
  grep -qE $'^\tesp 192\\.0\\.2\\.[12] 192\\.0\\.2\\.[12] spi=(12289|12290)' \
    "$T/aevent.txt" || fail "no aevent line names the SA"

  /usr/bin/python3 - "$T/aevent.jsonl" <<'PY' || fail "unexpected JSON monitor events"
import json, sys
events = [json.loads(line) for line in open(sys.argv[1])]
assert events and all(e["event"] == "aevent" for e in events), events
assert all(e["message"] == "XFRM_MSG_NEWAE" for e in events), events
spis = {e["aevent"]["sa"]["spi"] for e in events}
assert spis <= {0x3001, 0x3002}, spis
moved = [e for e in events
         if (e["aevent"]["outbound_sequence"] or 0) + (e["aevent"]["inbound_sequence"] or 0) > 0]
assert moved, "no event carries a sequence number above 0"
print("json ok:", len(events), "events, causes", sorted({e["aevent"]["cause"] for e in events}))
PY
}
