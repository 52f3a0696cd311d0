# SPDX-License-Identifier: Apache-2.0
# shellcheck shell=bash
#
# `xfrmkey -x` and SA lifetimes: an SA added with `-ls 2 -lh 4` expires softly after about
# 2 s and hard after about 4 s. The text and JSON monitors must show the add, then the soft
# expiry, then the hard one, each once and in that order; keys stay hidden unless
# --show-keys.

test_monitor_expire() {
  local ke ka pid status text json i events
  ke=$(key 16 41)
  ka=$(key 32 42)
  ip netns add "$NS_A"
  ip -n "$NS_A" link set lo up

  # The kernel stamps an SA's creation before it loads the ESP modules and sets up the
  # crypto, which under emulation can take longer than the lifetime: the SA would then be
  # born expired (hard only, no soft). A first SA with the same algorithms, deleted again
  # before the monitors start, gets that done.
  step "warm-up: load ESP and the algorithms"
  echo "add $A4 $B4 esp 0x2000 -E aes-cbc $ke -A hmac-sha256 $ka ;
delete $A4 $B4 esp 0x2000 ;" >"$T/warm-up.conf"
  load "$NS_A" "$T/warm-up.conf"

  step "monitors in $NS_A"
  ip netns exec "$NS_A" "$XFRMKEY" -x --events sa,expire >"$T/expire.txt" 2>"$T/text.err" &
  text=$!
  ip netns exec "$NS_A" "$XFRMKEY" -x -j --show-keys --events sa,expire \
    >"$T/expire.jsonl" 2>"$T/json.err" &
  json=$!
  sleep 1

  step "an SA with a 2 s soft and a 4 s hard lifetime"
  echo "add $A4 $B4 esp 0x2001 -m transport -E aes-cbc $ke -A hmac-sha256 $ka -ls 2 -lh 4 ;" \
    >"$T/a.conf"
  load "$NS_A" "$T/a.conf"
  for ((i = 0; i < 100; i++)); do
    grep -q ' expire hard$' "$T/expire.txt" && break
    sleep 0.1
  done
  sleep 0.5
  for pid in $text $json; do
    kill -TERM "$pid"
    status=0
    wait "$pid" || status=$?
    ((status == 0)) || fail "monitor $pid exited with status $status on SIGTERM"
  done
  echo "text monitor:"
  sed 's/^/    /' "$T/expire.txt"
  echo "json monitor:"
  sed 's/^/    /' "$T/expire.jsonl"

  events=$(grep -oE '^[0-9-]+ [0-9:.]+ [a-z]+( soft| hard)?$' "$T/expire.txt" |
    cut -d' ' -f3- | xargs || true)
  [[ $events == "add expire soft expire hard" ]] || fail "text events: '$events'"
  grep -q '<hidden>' "$T/expire.txt" || fail "the text monitor did not mask the keys"
  if grep -q "${ke#0x}" "$T/expire.txt"; then fail "a key is in the text monitor's output"; fi

  /usr/bin/python3 - "$T/expire.jsonl" "$ke" <<'PY' || fail "the JSON monitor's events are not as expected"
import datetime, json, sys
events = [json.loads(line) for line in open(sys.argv[1])]
kinds = [(e["event"], e.get("hard")) for e in events]
assert kinds == [("add", None), ("expire", False), ("expire", True)], kinds
assert all(e["sa"]["spi"] == 0x2001 for e in events), events
assert events[0]["sa"]["encryption"]["key"] == sys.argv[2][2:], "--show-keys did not show the key"
times = [datetime.datetime.fromisoformat(e["time"]) for e in events]
soft, hard = [(t - times[0]).total_seconds() for t in times[1:]]
assert 0.5 <= soft <= 5.0 and 2.5 <= hard <= 8.0 and soft < hard, (soft, hard)
print(f"json ok: soft after {soft:.1f} s, hard after {hard:.1f} s")
PY
}
