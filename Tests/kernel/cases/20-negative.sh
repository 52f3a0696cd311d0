# SPDX-License-Identifier: Apache-2.0
# shellcheck shell=bash
#
# Policies and keys that must stop traffic. Each case first proves the pair can talk in the
# clear, so the failure afterwards is the configuration's doing.

test_policy_discard_drops() {
  pair_up
  ping_ok "$NS_A" $B4
  local blocked_before
  blocked_before=$(xfrm_stat "$NS_A" XfrmOutPolBlock)
  load "$NS_A" "$(conf a <<EOF
spdadd $A4/32 $B4/32 any -P out discard ;
EOF
)"
  ip -n "$NS_A" xfrm policy | grep -q 'dir out action block' ||
    fail "the discard policy is not a blocking out policy"
  capture_start
  ping_fails "$NS_A" $B4
  capture_stop
  expect_not_captured "^IP $A4 > $B4"
  local blocked
  blocked=$(xfrm_stat "$NS_A" XfrmOutPolBlock)
  echo "XfrmOutPolBlock: $blocked_before -> $blocked"
  ((blocked > blocked_before)) || fail "XfrmOutPolBlock did not move"
  ping_ok "$NS_A" $B6 # other traffic is untouched
}

# `require` with no SA: the kernel asks a key manager for one (an acquire, which
# `ip xfrm monitor` sees) and drops the packets meanwhile.
test_policy_require_without_sa_drops() {
  pair_up
  ping_ok "$NS_A" $B4
  load "$NS_A" "$(conf a <<EOF
spdadd $A4/32 $B4/32 any -P out ipsec esp/transport//require ;
EOF
)"
  ip netns exec "$NS_A" ip xfrm monitor acquire >"$T/monitor.txt" 2>&1 &
  local monitor=$!
  wait_until "$WAIT_SECONDS" xfrm_listening "$NS_A" 1 acquire ||
    echo "note: ip xfrm monitor had not joined the acquire group after $WAIT_SECONDS s"
  capture_start
  ping_fails "$NS_A" $B4
  capture_stop
  wait_until "$WAIT_SECONDS" grep -q '^acquire proto esp' "$T/monitor.txt" || true
  kill "$monitor" 2>/dev/null || true
  wait "$monitor" 2>/dev/null || true
  echo "ip xfrm monitor acquire saw:"
  sed 's/^/    /' "$T/monitor.txt"
  grep -q '^acquire proto esp' "$T/monitor.txt" || fail "no acquire for proto esp was seen"
  grep -q "sel src $A4/32 dst $B4/32" "$T/monitor.txt" || fail "the acquire names another flow"
  expect_not_captured "^IP $A4 > $B4"
}

# The out SA of a and the in SA of b carry different keys: ESP arrives and is refused.
test_wrong_key_delivers_nothing() {
  local good=$(key 20 41) bad=$(key 20 42) back=$(key 20 43)
  pair_up
  ping_ok "$NS_A" $B4
  load "$NS_A" "$(conf a <<EOF
add $A4 $B4 esp 0x1901 -m transport -E aes-gcm-16 $good ;
add $B4 $A4 esp 0x1902 -m transport -E aes-gcm-16 $back ;
spdadd $A4 $B4 any -P out ipsec esp/transport//require ;
spdadd $B4 $A4 any -P in ipsec esp/transport//require ;
EOF
)"
  load "$NS_B" "$(conf b <<EOF
add $A4 $B4 esp 0x1901 -m transport -E aes-gcm-16 $bad ;
add $B4 $A4 esp 0x1902 -m transport -E aes-gcm-16 $back ;
spdadd $B4 $A4 any -P out ipsec esp/transport//require ;
spdadd $A4 $B4 any -P in ipsec esp/transport//require ;
EOF
)"
  local refused_before
  refused_before=$(xfrm_stat "$NS_B" XfrmInStateProtoError)
  capture_start
  ping_fails "$NS_A" $B4
  capture_stop
  expect_captured "^IP $A4 > $B4: ESP\(spi=0x00001901"
  expect_not_captured "^IP $B4 > $A4"
  local refused
  refused=$(xfrm_stat "$NS_B" XfrmInStateProtoError)
  echo "XfrmInStateProtoError in $NS_B: $refused_before -> $refused"
  ((refused >= refused_before + 2)) || fail "b did not refuse the packets as undecryptable"
  expect_sa_moved "$NS_A" $A4 $B4 esp 0x1901 2
}
