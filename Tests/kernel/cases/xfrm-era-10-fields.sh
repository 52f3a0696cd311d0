# SPDX-License-Identifier: Apache-2.0
# shellcheck shell=bash
#
# xfrm-era SA and SP options (issue 5) installed with `$XFRMKEY -f` and read back with
# `ip -s -d xfrm state` and `ip -s xfrm policy`: every field the statement sets must be in
# the kernel, and `$XFRMKEY -D` must show it too. Uses lib.sh (load, conf, key, fail, step).

# expect_in FILE REGEX...: every REGEX matches somewhere in the file.
expect_in() {
  local file=$1 pattern
  shift
  for pattern; do
    grep -qE -- "$pattern" "$file" || fail "no /$pattern/ in $(basename "$file"):
$(sed 's/^/    /' "$file")"
  done
}

test_xfrm_era_sa_fields_read_back() {
  ip netns add "$NS_A"
  local ka ke
  ka=$(key 32 41)
  ke=$(key 16 42)
  load "$NS_A" "$(conf era <<EOF
add $A4 $B4 esp 0x8001 -m tunnel -u 5 -mark 7/0xff -output-mark 3/0xf -if-id 42
  -tfcpad 512 -r 1024 -f esn -seq 5 -oseq 6
  -f noecn -f decap-dscp -f nopmtudisc -f wildrecv -f icmp -f af-unspec -f align4
  -f dont-encap-dscp -f oseq-may-wrap
  -lh 100 -ls 80 -bh 1000000 -bs 800000 -ph 200 -ps 100 -uh 20 -us 10
  -sel 10.0.0.0/24 10.0.1.0/24[80] tcp
  -E aes-cbc $ke -A hmac-sha256 $ka -icv 96 ;
EOF
)"
  ip -n "$NS_A" -s -d xfrm state get src $A4 dst $B4 proto esp spi 0x8001 mark 7 mask 0xff \
    >"$T/state.txt" || fail "the marked SA is not found with its mark"
  sed 's/^/    /' "$T/state.txt"
  expect_in "$T/state.txt" \
    'mode tunnel' 'reqid 5\(' 'mark 0x7/0xff' 'output-mark 0x3/0xf' 'if_id 0x2a' \
    'tfcpad 512' 'noecn' 'decap-dscp' 'nopmtudisc' 'wildrecv' 'icmp' 'af-unspec' 'align4' \
    'flag .*esn' 'dont-encap-dscp' 'oseq-may-wrap' 'replay_window 1024' 'oseq 0x6' \
    'seq 0x5' 'auth-trunc hmac\(sha256\) 0x[0-9a-f]+ \(256 bits\) 96' 'enc cbc\(aes\)' \
    'sel src 10.0.0.0/24 dst 10.0.1.0/24 proto tcp .*dport 80' \
    'soft 800000\(bytes\), hard 1000000\(bytes\)' 'soft 100\(packets\), hard 200\(packets\)' \
    'expire add: soft 80\(sec\), hard 100\(sec\)' 'expire use: soft 10\(sec\), hard 20\(sec\)'

  step "xfrmkey -D reads the same fields back"
  ip netns exec "$NS_A" "$XFRMKEY" -D >"$T/dump.txt" || fail "$XFRMKEY -D failed"
  sed 's/^/    /' "$T/dump.txt"
  expect_in "$T/dump.txt" 'mark: 0x7/0xff' 'output-mark: 0x3/0xf' 'if-id: 42' \
    'tfcpad: 512' 'replay=1024' 'xfrm-flags: .*esn.*dont-encap-dscp oseq-may-wrap' \
    'replay-seq: seq=5 oseq=6' 'icv: 96\(bits\)' \
    'sel: 10.0.0.0/24\[any\] 10.0.1.0/24\[80\] tcp'

  step "get and delete need the mark"
  if ip netns exec "$NS_A" "$XFRMKEY" -e "delete $A4 $B4 esp 0x8001 ;" 2>"$T/err.txt"; then
    fail "delete without the mark succeeded"
  fi
  expect_in "$T/err.txt" "needs '-mark'"
  ip netns exec "$NS_A" "$XFRMKEY" -e "delete $A4 $B4 esp 0x8001 -mark 7/0xff ;" ||
    fail "delete with the mark failed"
  [[ -z $(ip -n "$NS_A" xfrm state) ]] || fail "the SA is still there"
}

test_xfrm_era_aead_icv_and_nat_traversal() {
  ip netns add "$NS_A"
  load "$NS_A" "$(conf era <<EOF
add $A4 $B4 esp 0x8101 -m tunnel -E aes-gcm-16 $(key 20 43) -icv 64 ;
add $A4[4500] $B4[4501] esp 0x8102 -m transport -natt -E chacha20-poly1305 $(key 36 44) ;
EOF
)"
  ip -n "$NS_A" -d xfrm state >"$T/state.txt"
  sed 's/^/    /' "$T/state.txt"
  expect_in "$T/state.txt" 'aead rfc4106\(gcm\(aes\)\) 0x[0-9a-f]+ 64' \
    'encap type espinudp sport 4500 dport 4501' 'aead rfc7539esp\(chacha20,poly1305\)'
}

test_xfrm_era_espintcp() {
  ip netns add "$NS_A"
  if ! ip netns exec "$NS_A" "$XFRMKEY" -e "add $A4[4500] $B4[4500] esp 0x8201 -m transport \
    -encap espintcp -E aes-gcm-16 $(key 20 45) ;" 2>"$T/err.txt"; then
    grep -q 'EPROTONOSUPPORT\|EINVAL\|ENOPROTOOPT' "$T/err.txt" &&
      skip "this kernel has no ESP-in-TCP: $(cat "$T/err.txt")"
    fail "$(cat "$T/err.txt")"
  fi
  ip -n "$NS_A" -d xfrm state >"$T/state.txt"
  expect_in "$T/state.txt" 'encap type espintcp sport 4500 dport 4500'
}

test_xfrm_era_policy_fields_read_back() {
  ip netns add "$NS_A"
  load "$NS_A" "$(conf era <<EOF
spdadd 10.0.0.0/24 10.0.1.0/24 tcp -mark 5/0xff -if-id 9 -f localok -f icmp
  -lh 100 -ls 50 -uh 30 -us 20 -ph 1000 -bs 500
  -P out prio def + 7 ipsec esp/transport//use:5/spi:0x100
  esp/tunnel/$A4-$B4/unique:7 ;
EOF
)"
  ip -n "$NS_A" -s xfrm policy >"$T/policy.txt"
  sed 's/^/    /' "$T/policy.txt"
  expect_in "$T/policy.txt" 'dir out .*priority 2147483641' 'flag localok icmp' \
    'mark 0x5/0xff' 'if_id 0x9' 'spi 0x00000100\(256\) reqid 5\(0x00000005\) mode transport' \
    'level use' "tmpl src $A4 dst $B4" 'reqid 7\(0x00000007\) mode tunnel' \
    'soft 500\(bytes\)' 'hard 1000\(packets\)' 'expire add: soft 50\(sec\), hard 100\(sec\)' \
    'expire use: soft 20\(sec\), hard 30\(sec\)'
}

test_xfrm_era_deleteall_removes_marked_sas() {
  ip netns add "$NS_A"
  load "$NS_A" "$(conf era <<EOF
add $A4 $B4 esp 0x8301 -mark 1 -E aes-gcm-16 $(key 20 46) ;
add $A4 $B4 esp 0x8302 -mark 2/0xf -if-id 3 -E aes-gcm-16 $(key 20 47) ;
add $A4 $B4 esp 0x8303 -E aes-gcm-16 $(key 20 48) ;
add $B4 $A4 esp 0x8304 -mark 1 -E aes-gcm-16 $(key 20 49) ;
EOF
)"
  run ip netns exec "$NS_A" "$XFRMKEY" -e "deleteall $A4 $B4 esp ;" ||
    fail "deleteall failed"
  ip -n "$NS_A" xfrm state >"$T/state.txt"
  sed 's/^/    /' "$T/state.txt"
  [[ $(grep -c '^src' "$T/state.txt") == 1 ]] || fail "deleteall left other SAs than B -> A"
  expect_in "$T/state.txt" "src $B4 dst $A4"
}
