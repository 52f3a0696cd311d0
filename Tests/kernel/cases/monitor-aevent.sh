# SPDX-License-Identifier: Apache-2.0
# shellcheck shell=bash
#
# `xfrmkey -x` and async events: while someone listens on XFRMNLGRP_AEVENTS, the kernel
# reports an SA's replay counters as traffic moves them (XFRM_MSG_NEWAE, thresholds from
# net.core.xfrm_aevent_rseqth and _etime). Pings over an ESP transport SA pair must show up
# as `aevent` lines naming the SA, with sequence numbers, in text and JSON.

test_monitor_aevent() {
  local ke ka re ra text json pid status
  ke=$(key 16 51)
  ka=$(key 20 52)
  re=$(key 16 53)
  ra=$(key 20 54)
  pair_up
  cat >"$T/sas" <<CONF
add $A4 $B4 esp 0x3001 -m transport -E aes-cbc $ke -A hmac-sha1 $ka ;
add $B4 $A4 esp 0x3002 -m transport -E aes-cbc $re -A hmac-sha1 $ra ;
CONF
  { cat "$T/sas"; echo "spdadd $A4 $B4 any -P out ipsec esp/transport//require ;"
    echo "spdadd $B4 $A4 any -P in ipsec esp/transport//require ;"; } >"$T/a.conf"
  { cat "$T/sas"; echo "spdadd $B4 $A4 any -P out ipsec esp/transport//require ;"
    echo "spdadd $A4 $B4 any -P in ipsec esp/transport//require ;"; } >"$T/b.conf"
  load "$NS_A" "$T/a.conf"
  load "$NS_B" "$T/b.conf"

  step "monitors in $NS_A, then traffic"
  ip netns exec "$NS_A" "$XFRMKEY" -x --events aevent >"$T/aevent.txt" 2>"$T/text.err" &
  text=$!
  ip netns exec "$NS_A" "$XFRMKEY" -x -j --events aevent >"$T/aevent.jsonl" 2>"$T/json.err" &
  json=$!
  sleep 1
  ping_ok "$NS_A" $B4 -c 6
  sleep 2
  for pid in $text $json; do
    kill -INT "$pid"
    status=0
    wait "$pid" || status=$?
    ((status == 0)) || fail "monitor $pid exited with status $status on SIGINT"
  done
  echo "text monitor:"
  sed 's/^/    /' "$T/aevent.txt"
  echo "json monitor:"
  sed 's/^/    /' "$T/aevent.jsonl"

  grep -qE ' aevent (replay|timer)$' "$T/aevent.txt" || fail "no aevent line in the text output"
  grep -qE $'^\tesp 192\\.0\\.2\\.[12] 192\\.0\\.2\\.[12] spi=(12289|12290)' \
    "$T/aevent.txt" || fail "no aevent line names the SA"

  /usr/bin/python3 - "$T/aevent.jsonl" <<'PY' || fail "the JSON monitor's events are not as expected"
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
