# SPDX-License-Identifier: Apache-2.0
# shellcheck shell=bash
#
# `xfrmkey -x` and SA lifetimes: an SA added with `-ls 2 -lh 10` expires softly after 2 s
# and hard after 10 s. The text and JSON monitors must show the add, then the soft expiry,
# then the hard one, each once and in that order; keys stay hidden unless --show-keys.
#
# The kernel checks an SA's lifetimes first a second after the add, then when the next limit
# is due; a check that runs so late (a stalled emulated CPU) that the hard limit has passed
# too sends only the hard expiry. Eight seconds between the limits leave room for that.

test_monitor_expire() {
  local ke ka events
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
  start_monitor expire.txt --events sa,expire
  start_monitor expire.jsonl -j --show-keys --events sa,expire
  monitors_listening 2 sa expire

  step "an SA with a 2 s soft and a 10 s hard lifetime"
  echo "add $A4 $B4 esp 0x2001 -m transport -E aes-cbc $ke -A hmac-sha256 $ka -ls 2 -lh 10 ;" \
    >"$T/a.conf"
  load "$NS_A" "$T/a.conf"
  monitors_received "$T/expire.txt" ' expire hard$' "$T/expire.jsonl" '"hard":true'
  stop_monitors TERM
  echo "text monitor:"
  sed 's/^/    /' "$T/expire.txt"
  echo "json monitor:"
  sed 's/^/    /' "$T/expire.jsonl"

  events=$(grep -oE '^[0-9-]+ [0-9:.]+ [a-z]+( soft| hard)?$' "$T/expire.txt" |
    cut -d' ' -f3- | xargs || true)
  [[ $events == "add expire soft expire hard" ]] || fail "text events: '$events'"
  grep -q '<hidden>' "$T/expire.txt" || fail "the text monitor did not mask the keys"
  if grep -q "${ke#0x}" "$T/expire.txt"; then fail "a key is in the text monitor's output"; fi

  /usr/bin/python3 - "$T/expire.jsonl" "$ke" <<'PY' || fail "unexpected JSON monitor events"
import datetime, json, sys
events = [json.loads(line) for line in open(sys.argv[1])]
kinds = [(e["event"], e.get("hard")) for e in events]
assert kinds == [("add", None), ("expire", False), ("expire", True)], kinds
assert all(e["sa"]["spi"] == 0x2001 for e in events), events
assert events[0]["sa"]["encryption"]["key"] == sys.argv[2][2:], "--show-keys did not show the key"
# The kernel's own copy of the limits, in its expiry messages: -ls 2 -lh 10 reached it.
for e in events[1:]:
    limits = e["sa"]["lifetime"]
    assert (limits["soft_add_seconds"], limits["hard_add_seconds"]) == (2, 10), limits
# No expiry before its limit, from the SA's creation by the kernel's clock (whole seconds,
# hence the 1 s allowance). How much later it comes depends on the load: not bounded.
created = events[1]["sa"]["current"]["add_time"]
soft, hard = [datetime.datetime.fromisoformat(e["time"]).timestamp() - created
              for e in events[1:]]
assert soft >= 2 - 1 and hard >= 10 - 1, (soft, hard)
print(f"json ok: soft after {soft:.1f} s, hard after {hard:.1f} s")
PY
}
